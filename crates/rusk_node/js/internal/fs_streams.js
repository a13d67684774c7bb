// rusk:internal/fs_streams — fs.ReadStream and fs.WriteStream, Node's file streams. Their I/O
// goes through node:fs's callback forms (open/read/write/writev/fsync/close: synchronous
// natives that call back on a later turn), or through the `fs` option's replacements, or through
// a FileHandle given as `fd`, as in Node.
//
// node:stream is loaded when the first stream is made, not when node:fs is: only then are the
// classes' prototypes chained to Readable's and Writable's, so `import fs` does not pay for the
// stream modules.
import { Buffer } from "buffer";
import { FileHandle } from "fs/promises";
import * as core from "rusk:internal/fs_utils";
import {
  ERR_INVALID_ARG_TYPE,
  ERR_OUT_OF_RANGE,
  nodeError,
  validateBoolean,
  validateFunction,
  validateInteger,
} from "rusk:internal/errors";

const internals = globalThis[Symbol.for("rusk.internals")];

const kFs = Symbol("kFs");
const kHandle = Symbol("kHandle");
const kIsPerformingIO = Symbol("kIsPerformingIO");
const kIoDone = Symbol("kIoDone");

const DEFAULT_READ_HIGH_WATER_MARK = 64 * 1024;

let streams;
/** node:stream and node:fs, loaded (and the classes linked to Readable/Writable) on first use. */
function linkStreams() {
  if (streams) return streams;
  const stream = internals.requireBuiltin("stream");
  Object.setPrototypeOf(ReadStream.prototype, stream.Readable.prototype);
  Object.setPrototypeOf(ReadStream, stream.Readable);
  Object.setPrototypeOf(WriteStream.prototype, stream.Writable.prototype);
  Object.setPrototypeOf(WriteStream, stream.Writable);
  // Files have no half-close: ending is all there is.
  WriteStream.prototype.destroySoon = stream.Writable.prototype.end;
  streams = {
    Readable: stream.Readable,
    Writable: stream.Writable,
    finished: stream.finished,
    fs: internals.requireBuiltin("fs"),
    errorOrDestroy: internals.requireBuiltin("rusk:internal/streams_destroy").errorOrDestroy,
  };
  return streams;
}

/** The operations of a FileHandle given as `fd`: its own methods, in the callback style. */
function fileHandleOperations(handle) {
  return {
    read(fd, buffer, offset, length, position, cb) {
      handle.read(buffer, offset, length, position).then((r) => cb(null, r.bytesRead, r.buffer), cb);
    },
    write(fd, buffer, offset, length, position, cb) {
      handle.write(buffer, offset, length, position).then((r) => cb(null, r.bytesWritten, r.buffer), cb);
    },
    writev(fd, buffers, position, cb) {
      handle.writev(buffers, position).then((r) => cb(null, r.bytesWritten, r.buffers), cb);
    },
    close(fd, cb) {
      handle.close().then(() => cb(), cb);
    },
    fsync(fd, cb) {
      handle.sync().then(() => cb(), cb);
    },
  };
}

/** Takes `options.fd` (a descriptor or a FileHandle) and sets the stream's operations. */
function importFd(stream, options) {
  if (typeof options.fd === "number") {
    stream[kFs] = options.fs || streams.fs;
    return core.validateFd(options.fd);
  }
  if (options.fd instanceof FileHandle) {
    stream[kFs] = fileHandleOperations(options.fd);
    stream[kHandle] = options.fd;
    return options.fd.fd;
  }
  throw ERR_INVALID_ARG_TYPE("options.fd", ["number", "FileHandle"], options.fd);
}

/** The path as the stream keeps it: file: URLs become strings; anything invalid throws. */
function streamPath(path) {
  const asString = core.toPathString(path);
  return typeof path === "string" || path instanceof Uint8Array ? path : asString;
}

/** Shared start of both constructors: options, then either a path to open or a descriptor. */
function setUp(stream, path, options, defaultFlags) {
  options = { ...core.fsOptions(options) };
  if (options.fd == null) {
    stream.fd = null;
    stream[kFs] = options.fs || streams.fs;
    validateFunction(stream[kFs].open, "options.fs.open");
    stream.path = streamPath(path);
    stream.flags = options.flags === undefined ? defaultFlags : options.flags;
    stream.mode = options.mode === undefined ? 0o666 : options.mode;
  } else {
    stream.fd = importFd(stream, options);
  }
  // autoClose is autoDestroy: the descriptor closes when the stream ends or fails.
  options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
  return options;
}

/** `_construct`: opens the path (unless a descriptor was given), then 'open' and 'ready'. */
function openForStream(callback) {
  if (typeof this.fd === "number") {
    callback();
    return;
  }
  this[kFs].open(this.path, this.flags, this.mode, (err, fd) => {
    if (err) {
      callback(err);
      return;
    }
    this.fd = fd;
    callback();
    this.emit("open", this.fd);
    this.emit("ready");
  });
}

/** `_destroy`: waits for a read or write in progress, then closes the descriptor (fsync first with `flush`). */
function destroyStream(err, cb) {
  if (this[kIsPerformingIO]) this.once(kIoDone, (ioErr) => closeStream(this, err || ioErr, cb));
  else closeStream(this, err, cb);
}

function closeStream(stream, err, cb) {
  // Descriptor 0 counts as "none", as in Node: a stream over stdin never closes it.
  if (!stream.fd) {
    cb(err);
    return;
  }
  const fd = stream.fd;
  const close = (flushErr) => {
    stream[kFs].close(fd, (closeErr) => cb(closeErr || flushErr || err));
    stream.fd = null;
  };
  if (stream.flush) stream[kFs].fsync(fd, (flushErr) => close(flushErr));
  else close();
}

function pendingDescriptor() {
  return {
    get() {
      return this.fd === null;
    },
    configurable: true,
  };
}

// ---------------------------------------------------------------------------------------------
// ReadStream

export function ReadStream(path, options) {
  if (!new.target) return new ReadStream(path, options);
  const { Readable } = linkStreams();
  options = setUp(this, path, options, "r");
  if (options.highWaterMark === undefined) options.highWaterMark = DEFAULT_READ_HIGH_WATER_MARK;
  validateFunction(this[kFs].read, "options.fs.read");
  if (options.autoDestroy) validateFunction(this[kFs].close, "options.fs.close");

  this.start = options.start;
  this.end = options.end ?? Infinity;
  this.pos = undefined;
  this.bytesRead = 0;
  this[kIsPerformingIO] = false;
  if (this.start !== undefined) {
    validateInteger(this.start, "start", 0);
    this.pos = this.start;
  }
  if (this.end !== Infinity) {
    validateInteger(this.end, "end", 0);
    if (this.start !== undefined && this.start > this.end) {
      throw ERR_OUT_OF_RANGE("start", `<= "end" (here: ${this.end})`, this.start);
    }
  }
  Readable.call(this, options);
}

Object.defineProperty(ReadStream.prototype, "autoClose", {
  get() {
    return this._readableState.autoDestroy;
  },
  set(value) {
    this._readableState.autoDestroy = value;
  },
  configurable: true,
});

ReadStream.prototype._construct = openForStream;

ReadStream.prototype._read = function _read(size) {
  // `end` is inclusive; without `start` the stream counts from where the descriptor is.
  const left = this.pos !== undefined ? this.end - this.pos + 1 : this.end - this.bytesRead + 1;
  const n = Math.min(left, size);
  if (n <= 0) {
    this.push(null);
    return;
  }
  const buffer = Buffer.allocUnsafeSlow(n);
  this[kIsPerformingIO] = true;
  this[kFs].read(this.fd, buffer, 0, n, this.pos, (err, bytesRead) => {
    this[kIsPerformingIO] = false;
    if (this.destroyed) {
      // _destroy is waiting for this read before it closes the descriptor.
      this.emit(kIoDone, err);
      return;
    }
    if (err) {
      streams.errorOrDestroy(this, err);
    } else if (bytesRead > 0) {
      if (this.pos !== undefined) this.pos += bytesRead;
      this.bytesRead += bytesRead;
      this.push(bytesRead === buffer.length ? buffer : Buffer.from(buffer.subarray(0, bytesRead)));
    } else {
      this.push(null);
    }
  });
};

ReadStream.prototype._destroy = destroyStream;

ReadStream.prototype.close = function close(cb) {
  if (typeof cb === "function") streams.finished(this, cb);
  this.destroy();
};

Object.defineProperty(ReadStream.prototype, "pending", pendingDescriptor());

// ---------------------------------------------------------------------------------------------
// WriteStream

export function WriteStream(path, options) {
  if (!new.target) return new WriteStream(path, options);
  const { Writable } = linkStreams();
  options = setUp(this, path, options, "w");
  // Strings become Buffers in the encoding given: the operations write bytes only.
  options.decodeStrings = true;

  const ops = this[kFs];
  if (!ops.write && !ops.writev) throw ERR_INVALID_ARG_TYPE("options.fs.write", "function", ops.write);
  if (ops.write) validateFunction(ops.write, "options.fs.write");
  else this._write = null;
  if (ops.writev) validateFunction(ops.writev, "options.fs.writev");
  else this._writev = null;
  if (options.autoDestroy) validateFunction(ops.close, "options.fs.close");

  this.flush = options.flush == null ? false : options.flush;
  validateBoolean(this.flush, "options.flush");
  this.start = options.start;
  this.pos = undefined;
  this.bytesWritten = 0;
  this[kIsPerformingIO] = false;
  if (this.start !== undefined) {
    validateInteger(this.start, "start", 0);
    this.pos = this.start;
  }
  Writable.call(this, options);
  if (options.encoding) this.setDefaultEncoding(options.encoding);
}

Object.defineProperty(WriteStream.prototype, "autoClose", {
  get() {
    return this._writableState.autoDestroy;
  },
  set(value) {
    this._writableState.autoDestroy = value;
  },
  configurable: true,
});

WriteStream.prototype._construct = openForStream;

// A write may take several calls: partial writes continue with the rest, EAGAIN retries, and a
// descriptor that takes nothing five times in a row fails the write.
const MAX_EMPTY_WRITES = 5;

function writeAll(stream, buffer, position, cb, emptyWrites = 0) {
  stream[kFs].write(stream.fd, buffer, 0, buffer.length, position, (err, written) => {
    if (err?.code === "EAGAIN") {
      err = null;
      written = 0;
    }
    if (err || stream.destroyed) {
      cb(err || streamDestroyedError("write"));
      return;
    }
    stream.bytesWritten += written;
    emptyWrites = written ? 0 : emptyWrites + 1;
    if (position !== undefined) position += written;
    if (emptyWrites > MAX_EMPTY_WRITES) cb(writeFailedError());
    else if (written < buffer.length) writeAll(stream, buffer.subarray(written), position, cb, emptyWrites);
    else cb();
  });
}

function writevAll(stream, buffers, size, position, cb, emptyWrites = 0) {
  stream[kFs].writev(stream.fd, buffers, position, (err, written) => {
    if (err?.code === "EAGAIN") {
      err = null;
      written = 0;
    }
    if (err || stream.destroyed) {
      cb(err || streamDestroyedError("writev"));
      return;
    }
    stream.bytesWritten += written;
    emptyWrites = written ? 0 : emptyWrites + 1;
    if (position !== undefined) position += written;
    size -= written;
    if (emptyWrites > MAX_EMPTY_WRITES) cb(writeFailedError());
    else if (size > 0) writevAll(stream, remainingAfter(buffers, written), size, position, cb, emptyWrites);
    else cb();
  });
}

/** What is left of `buffers` once their first `count` bytes were written. */
function remainingAfter(buffers, count) {
  let i = 0;
  while (i < buffers.length && count >= buffers[i].length) count -= buffers[i++].length;
  const rest = buffers.slice(i);
  if (count > 0) rest[0] = rest[0].subarray(count);
  return rest;
}

function streamDestroyedError(method) {
  return nodeError(Error, "ERR_STREAM_DESTROYED", `Cannot call ${method} after a stream was destroyed`);
}

function writeFailedError() {
  return nodeError(Error, "ERR_SYSTEM_ERROR", "A system error occurred: write failed");
}

/** Runs one write (or writev) of the stream's: marks the I/O so that _destroy waits for it. */
function performWrite(stream, size, cb, start) {
  stream[kIsPerformingIO] = true;
  start((err) => {
    stream[kIsPerformingIO] = false;
    cb(err);
    if (stream.destroyed) stream.emit(kIoDone, err);
  });
  if (stream.pos !== undefined) stream.pos += size;
}

WriteStream.prototype._write = function _write(data, encoding, cb) {
  performWrite(this, data.length, cb, (done) => writeAll(this, data, this.pos, done));
};

WriteStream.prototype._writev = function _writev(chunks, cb) {
  const buffers = chunks.map((entry) => entry.chunk);
  const size = buffers.reduce((total, b) => total + b.length, 0);
  performWrite(this, size, cb, (done) => writevAll(this, buffers, size, this.pos, done));
};

WriteStream.prototype._destroy = destroyStream;

WriteStream.prototype.close = function close(cb) {
  if (cb) {
    if (this.closed) {
      process.nextTick(cb);
      return;
    }
    this.on("close", cb);
  }
  // Without autoClose, end() alone would leave the descriptor open.
  if (!this.autoClose) this.on("finish", this.destroy);
  this.end();
};

Object.defineProperty(WriteStream.prototype, "pending", pendingDescriptor());

// ---------------------------------------------------------------------------------------------

export function createReadStream(path, options) {
  return new ReadStream(path, options);
}

export function createWriteStream(path, options) {
  return new WriteStream(path, options);
}
