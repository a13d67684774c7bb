// rusk:internal/stdio — process.stdin, process.stdout and process.stderr, and the streams
// under node:tty's ReadStream and WriteStream. node:process loads this module the first time a
// program touches one of the three, node:tty when it makes its first stream.
//
// Writing: stdout and stderr write synchronously to descriptors 1 and 2 — as Node does for
// files, pipes and terminals on POSIX — so their output and console.log's stay in order; ending
// them emits 'finish' and 'close' but never closes the descriptor.
//
// Reading: rusk's natives are synchronous, and a read of an empty pipe or of a terminal would
// stop the whole JS thread until input comes. So:
// - a file (or a character device such as /dev/null) is an fs.ReadStream, as in Node;
// - a pipe or a terminal is reopened non-blocking through /proc/self/fd (Linux) and polled from
//   timers, backing off to every 20 ms while no data comes;
// - descriptor 0 when it cannot be reopened so — a socket (Node and Bun give their children
//   sockets for `stdio: "pipe"`), or no /proc — is relayed by a `cat` child process, whose output
//   arrives through node:child_process's reader threads;
// - otherwise (another descriptor, or no `cat`), reads block the JS thread until data comes.
import { Readable, Writable } from "node:stream";
import { Buffer } from "node:buffer";
import * as fsNative from "rusk:native/fs";
import processNative from "rusk:native/process";

// For node:tty's WriteStream, which leaves loading util.inspect's colour rules to this module.
export { colorDepth } from "rusk:internal/inspect";

const internals = globalThis[Symbol.for("rusk.internals")];
const { O_RDONLY, O_NONBLOCK, S_IFMT, S_IFREG, S_IFCHR, S_IFIFO, S_IFSOCK } = fsNative.constants;

function tty() {
  return internals.requireBuiltin("tty");
}

// ---------------------------------------------------------------------------------------------
// Descriptors

/** What a descriptor is, as libuv's uv_guess_handle tells: "TTY", "FILE", "PIPE" or "UNKNOWN". */
function guessHandleType(fd) {
  if (processNative.isatty(fd)) return "TTY";
  let mode;
  try {
    mode = fsNative.fstat(fd)[1];
  } catch {
    return "UNKNOWN";
  }
  switch (mode & S_IFMT) {
    case S_IFREG:
    case S_IFCHR:
      return "FILE";
    case S_IFIFO:
    case S_IFSOCK:
      return "PIPE";
    default:
      return "UNKNOWN";
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Writes all of `bytes` to `fd` now. */
function writeAllSync(fd, bytes) {
  // Output an embedder holds back (rusk test batches its report) goes first.
  internals.beforeStdioWrite?.();
  let offset = 0;
  while (offset < bytes.byteLength) {
    try {
      offset += fsNative.write(fd, bytes, offset, bytes.byteLength - offset, -1);
    } catch (err) {
      // A descriptor that someone sharing it made non-blocking: retry until the reader catches up.
      if (err.code !== "EAGAIN") throw err;
    }
  }
}

/** A Writable that writes each chunk to its descriptor before write() returns. */
export function SyncWriteStream(fd, options) {
  Writable.call(this, { autoDestroy: true });
  this.fd = fd;
  this.readable = false;
  this.autoClose = options?.autoClose === undefined ? true : options.autoClose;
}
Object.setPrototypeOf(SyncWriteStream.prototype, Writable.prototype);
Object.setPrototypeOf(SyncWriteStream, Writable);

SyncWriteStream.prototype._write = function _write(chunk, encoding, cb) {
  try {
    writeAllSync(this.fd, chunk);
  } catch (err) {
    cb(err);
    return;
  }
  cb();
};

SyncWriteStream.prototype._destroy = function _destroy(err, cb) {
  if (this.fd !== null && this.autoClose) {
    fsNative.close(this.fd);
    this.fd = null;
  }
  cb(err);
};

SyncWriteStream.prototype.destroySoon = SyncWriteStream.prototype.destroy;

// ---------------------------------------------------------------------------------------------
// Reading pipes and terminals

const READ_SIZE = 64 * 1024;
const MIN_POLL_MS = 1;
const MAX_POLL_MS = 20;

const kSource = Symbol("kSource");
const kWaiting = Symbol("kWaiting");
const kRef = Symbol("kRef");

/** A non-blocking descriptor of our own on the pipe or terminal behind `fd`, or -1. */
function openNonBlocking(fd) {
  try {
    return fsNative.open(`/proc/self/fd/${fd}`, O_RDONLY | O_NONBLOCK, 0);
  } catch {
    return -1;
  }
}

/**
 * One pending read attempt of a source, on a later turn (an immediate) or after a delay (a
 * timeout); it keeps the process alive unless the stream was unref'd.
 */
class Attempt {
  constructor() {
    this.handle = null;
    this.cancel = null;
  }
  get pending() {
    return this.handle !== null;
  }
  schedule(run, delay, ref) {
    if (delay === undefined) {
      this.handle = setImmediate(run);
      this.cancel = clearImmediate;
    } else {
      this.handle = setTimeout(run, delay);
      this.cancel = clearTimeout;
    }
    if (!ref) this.handle.unref?.();
  }
  ran() {
    this.handle = null;
  }
  clear() {
    if (this.handle !== null) this.cancel(this.handle);
    this.handle = null;
  }
  ref(on) {
    if (on) this.handle?.ref?.();
    else this.handle?.unref?.();
  }
}

/** What the descriptor readers share: a read buffer and one scheduled `step()` at a time. */
class FdSource {
  constructor(stream, fd) {
    this.stream = stream;
    this.fd = fd;
    this.buffer = Buffer.allocUnsafe(READ_SIZE);
    this.attempt = new Attempt();
  }
  get active() {
    return this.attempt.pending;
  }
  start() {
    if (!this.attempt.pending) this.attempt.schedule(() => this.step(), undefined, this.stream[kRef]);
  }
  stop() {
    this.attempt.clear();
  }
  ref(on) {
    this.attempt.ref(on);
  }
}

/** Reads a non-blocking descriptor: one read per turn while data comes, timers while none does. */
class PollingSource extends FdSource {
  constructor(stream, fd) {
    super(stream, fd);
    this.delay = MIN_POLL_MS;
  }
  step() {
    this.attempt.ran();
    const stream = this.stream;
    if (!stream[kWaiting] || stream.destroyed) return;
    let n;
    try {
      n = fsNative.read(this.fd, this.buffer, 0, READ_SIZE, -1);
    } catch (err) {
      if (err.code === "EAGAIN" || err.code === "EINTR") {
        this.attempt.schedule(() => this.step(), this.delay, stream[kRef]);
        this.delay = Math.min(this.delay * 2, MAX_POLL_MS);
      } else {
        stream.destroy(err);
      }
      return;
    }
    this.delay = MIN_POLL_MS;
    deliver(stream, n === 0 ? null : Buffer.from(this.buffer.subarray(0, n)));
  }
  close() {
    this.stop();
    fsNative.close(this.fd);
  }
}

/** Reads descriptor 0 through a `cat` child: its output comes from the child_process reader threads. */
class RelaySource {
  constructor(stream) {
    this.stream = stream;
    const { spawn } = internals.requireBuiltin("child_process");
    this.child = spawn("cat", [], { stdio: ["inherit", "pipe", "ignore"] });
    this.output = this.child.stdout;
    this.output.pause();
    this.output.on("data", (chunk) => deliver(stream, chunk));
    this.output.on("end", () => deliver(stream, null));
    // Without `cat`, fall back to reading the descriptor directly.
    this.child.on("error", () => {
      this.close();
      stream[kSource] = new BlockingSource(stream, stream.fd);
      if (stream[kWaiting]) stream[kSource].start();
    });
    // `cat` would go on reading (a terminal, say) after this process: it goes first.
    this.killAtExit = () => this.kill();
    process.on("exit", this.killAtExit);
    this.child.on("close", () => process.off("exit", this.killAtExit));
  }
  kill() {
    if (this.child.pid !== undefined && this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }
  get active() {
    return this.output.readableFlowing === true;
  }
  start() {
    this.ref(this.stream[kRef]);
    this.output.resume();
  }
  stop() {
    this.output.pause();
    this.child.unref();
  }
  ref(on) {
    if (on) this.child.ref();
    else this.child.unref();
  }
  close() {
    process.off("exit", this.killAtExit);
    this.output.destroy();
    this.kill();
  }
}

/** Reads the descriptor itself, on a later turn: a pipe with no data blocks the JS thread. */
class BlockingSource extends FdSource {
  step() {
    this.attempt.ran();
    const stream = this.stream;
    if (!stream[kWaiting] || stream.destroyed) return;
    let n;
    try {
      n = fsNative.read(this.fd, this.buffer, 0, READ_SIZE, -1);
    } catch (err) {
      stream.destroy(err);
      return;
    }
    deliver(stream, n === 0 ? null : Buffer.from(this.buffer.subarray(0, n)));
  }
  close() {
    this.stop();
  }
}

function deliver(stream, chunk) {
  stream[kWaiting] = false;
  if (!stream.push(chunk)) stream[kSource]?.stop();
}

function chooseSource(stream) {
  const own = openNonBlocking(stream.fd);
  if (own >= 0) return new PollingSource(stream, own);
  if (stream.fd === 0) return new RelaySource(stream);
  return new BlockingSource(stream, stream.fd);
}

/** A Readable over a pipe, socket or terminal descriptor (see the top of this file). */
export function DescriptorReadStream(fd, options) {
  Readable.call(this, options);
  this.fd = fd;
  this[kSource] = null;
  this[kWaiting] = false;
  this[kRef] = true;
}
Object.setPrototypeOf(DescriptorReadStream.prototype, Readable.prototype);
Object.setPrototypeOf(DescriptorReadStream, Readable);

DescriptorReadStream.prototype._read = function _read() {
  this[kWaiting] = true;
  this[kSource] ??= chooseSource(this);
  this[kSource].start();
};

// Pausing stops the reading too, one tick later unless the stream flows again by then (as
// Node's process.stdin does): a paused stdin does not keep the process alive, and read() or
// resume() starts it again.
DescriptorReadStream.prototype.pause = function pause() {
  Readable.prototype.pause.call(this);
  process.nextTick(stopIfPaused, this);
  return this;
};

function stopIfPaused(stream) {
  if (stream.readableFlowing || !stream[kSource]?.active) return;
  stream[kWaiting] = false;
  stream._readableState.reading = false;
  stream[kSource].stop();
}

DescriptorReadStream.prototype.ref = function ref() {
  this[kRef] = true;
  this[kSource]?.ref(true);
  return this;
};

DescriptorReadStream.prototype.unref = function unref() {
  this[kRef] = false;
  this[kSource]?.ref(false);
  return this;
};

DescriptorReadStream.prototype._destroy = function _destroy(err, cb) {
  this[kWaiting] = false;
  try {
    this[kSource]?.close();
  } finally {
    this[kSource] = null;
    cb(err);
  }
};

// ---------------------------------------------------------------------------------------------
// process.stdout, process.stderr, process.stdin

// The descriptor stays open whatever happens to the stream; 'close' is still emitted, so that
// finished() and pipeline() see the stream end, and the stream can be written again after.
function keepOpenDestroy(err, cb) {
  cb(err);
  this._undestroy();
  if (!this._writableState.emitClose) process.nextTick(() => this.emit("close"));
}

export function createWritableStdioStream(fd) {
  let stream;
  switch (guessHandleType(fd)) {
    case "TTY":
      stream = new (tty().WriteStream)(fd);
      stream._type = "tty";
      break;
    case "FILE":
      stream = new SyncWriteStream(fd, { autoClose: false });
      stream._type = "fs";
      break;
    case "PIPE":
      stream = new SyncWriteStream(fd, { autoClose: false });
      stream._type = "pipe";
      break;
    default:
      // A closed descriptor: output goes nowhere, as with Node's dummy stream.
      stream = new Writable({
        write(chunk, encoding, cb) {
          cb();
        },
      });
  }
  stream.fd = fd;
  stream._isStdio = true;
  stream.destroySoon = stream.destroy;
  stream._destroy = keepOpenDestroy;
  return stream;
}

export function createStdin() {
  let stream;
  switch (guessHandleType(0)) {
    case "TTY":
      stream = new (tty().ReadStream)(0);
      break;
    case "FILE":
      stream = new (internals.requireBuiltin("fs").ReadStream)(null, { fd: 0, autoClose: false });
      break;
    case "PIPE":
      stream = new DescriptorReadStream(0);
      break;
    default:
      // A closed descriptor reads as empty.
      stream = new Readable({ read() {} });
      stream.push(null);
  }
  stream.fd = 0;
  return stream;
}
