// rusk:internal/streams_readable — `Readable`. Data arrives through `push()` into a buffer that
// `read()` drains; `_read(n)` is asked for more while the buffer is below highWaterMark.
// A stream is paused (flowing === null or false: the consumer calls read(), typically on
// 'readable') or flowing (true: 'data' events drain the buffer as fast as it fills). Events that
// Node emits on a later tick (readable, end, resume) are scheduled with process.nextTick, as
// Node does, so listeners see the same order.

import { Buffer } from "node:buffer";
import { StringDecoder } from "node:string_decoder";
import { AbortError, validateObject } from "rusk:internal/errors";
import { Stream } from "rusk:internal/streams_legacy";
import {
  construct,
  destroy as destroyStream,
  destroyer,
  errorOrDestroy,
  prependListener,
  undestroy,
} from "rusk:internal/streams_destroy";
import { eos } from "rusk:internal/streams_end_of_stream";
import {
  ERR_INVALID_ARG_TYPE,
  ERR_METHOD_NOT_IMPLEMENTED,
  ERR_OUT_OF_RANGE_SIZE,
  ERR_STREAM_PUSH_AFTER_EOF,
  ERR_STREAM_UNSHIFT_AFTER_END_EVENT,
  ERR_UNKNOWN_ENCODING,
  aggregateTwoErrors,
  getHighWaterMark,
  kAsyncDispose,
  kCaptureRejection,
  nextTick,
  nop,
  viewToBuffer,
} from "rusk:internal/streams_utils";
import { addAbortSignal } from "rusk:internal/streams_add_abort_signal";
import { from } from "rusk:internal/streams_from";

// ---------------------------------------------------------------- state

const kPaused = Symbol("kPaused");
const kHasPaused = Symbol("kHasPaused");

export function ReadableState(options, stream, isDuplex) {
  this.objectMode = !!(options?.objectMode || (isDuplex && options?.readableObjectMode));
  this.highWaterMark = getHighWaterMark(this.objectMode, options, "readableHighWaterMark", isDuplex);
  // Chunks (Buffers, strings once an encoding is set, or any value in objectMode).
  this.buffer = [];
  this.length = 0;
  this.pipes = [];
  this.flowing = null;
  this.ended = false;
  this.endEmitted = false;
  this.reading = false;
  this.constructed = true;
  // True while _read runs: a push() made during it must not emit 'data' synchronously.
  this.sync = true;
  this.needReadable = false;
  this.emittedReadable = false;
  this.readableListening = false;
  this.resumeScheduled = false;
  this[kPaused] = false;
  // Whether pause() or resume() was ever called.
  this[kHasPaused] = false;
  this.errorEmitted = false;
  this.emitClose = !options || options.emitClose !== false;
  this.autoDestroy = !options || options.autoDestroy !== false;
  this.destroyed = false;
  this.errored = null;
  this.closed = false;
  this.closeEmitted = false;
  this.defaultEncoding = options?.defaultEncoding || "utf8";
  if (!Buffer.isEncoding(this.defaultEncoding)) throw ERR_UNKNOWN_ENCODING(this.defaultEncoding);
  // The writers pipe() waits for 'drain' from: one stream, or a Set once there are several.
  this.awaitDrainWriters = null;
  this.multiAwaitDrain = false;
  this.readingMore = false;
  this.dataEmitted = false;
  this.decoder = null;
  this.encoding = null;
  if (options?.encoding) {
    this.decoder = new StringDecoder(options.encoding);
    this.encoding = options.encoding;
  }
}

Object.defineProperties(ReadableState.prototype, {
  pipesCount: {
    get() {
      return this.pipes.length;
    },
    configurable: true,
  },
  paused: {
    get() {
      return this[kPaused];
    },
    set(value) {
      this[kHasPaused] = true;
      this[kPaused] = !!value;
    },
    configurable: true,
  },
});

// ---------------------------------------------------------------- Readable

export function Readable(options) {
  if (!(this instanceof Readable)) return new Readable(options);
  this._readableState = new ReadableState(options, this, false);
  if (options) {
    if (typeof options.read === "function") this._read = options.read;
    if (typeof options.destroy === "function") this._destroy = options.destroy;
    if (typeof options.construct === "function") this._construct = options.construct;
    if (options.signal) addAbortSignal(options.signal, this);
  }
  Stream.call(this, options);
  construct(this, () => readableAfterConstruct(this));
}

/** What a Readable (or Duplex) does once `_construct` called back: start reading if asked to. */
export function readableAfterConstruct(stream) {
  const state = stream._readableState;
  if (state.needReadable) maybeReadMore(stream, state);
}
Object.setPrototypeOf(Readable.prototype, Stream.prototype);
Object.setPrototypeOf(Readable, Stream);

Readable.ReadableState = ReadableState;

Readable.prototype.destroy = destroyStream;
Readable.prototype._undestroy = undestroy;
Readable.prototype._destroy = function _destroy(err, cb) {
  cb(err);
};
Readable.prototype[kCaptureRejection] = function (err) {
  this.destroy(err);
};
Readable.prototype[kAsyncDispose] = function () {
  let error;
  if (!this.destroyed) {
    error = this.readableEnded ? null : new AbortError();
    this.destroy(error);
  }
  return new Promise((resolve, reject) => eos(this, (err) => (err && err !== error ? reject(err) : resolve(null))));
};

Readable.prototype.push = function push(chunk, encoding) {
  return readableAddChunk(this, chunk, encoding, false);
};

Readable.prototype.unshift = function unshift(chunk, encoding) {
  return readableAddChunk(this, chunk, encoding, true);
};

function readableAddChunk(stream, chunk, encoding, addToFront) {
  const state = stream._readableState;
  let err;
  if (!state.objectMode) {
    if (typeof chunk === "string") {
      encoding = encoding || state.defaultEncoding;
      if (state.encoding !== encoding) {
        if (addToFront && state.encoding) {
          // Unshifted text goes back as the stream's encoding: no decoder pass on the way out.
          chunk = Buffer.from(chunk, encoding).toString(state.encoding);
        } else {
          chunk = Buffer.from(chunk, encoding);
          encoding = "";
        }
      }
    } else if (chunk instanceof Buffer) {
      encoding = "";
    } else if (ArrayBuffer.isView(chunk)) {
      chunk = viewToBuffer(chunk);
      encoding = "";
    } else if (chunk != null) {
      err = ERR_INVALID_ARG_TYPE("chunk", ["string", "Buffer", "TypedArray", "DataView"], chunk);
    }
  }

  if (err) {
    errorOrDestroy(stream, err);
    return false;
  }
  if (chunk === null) {
    state.reading = false;
    onEofChunk(stream, state);
  } else if (state.objectMode || (chunk && chunk.length > 0)) {
    if (addToFront) {
      if (state.endEmitted) errorOrDestroy(stream, ERR_STREAM_UNSHIFT_AFTER_END_EVENT());
      else if (state.destroyed || state.errored) return false;
      else addChunk(stream, state, chunk, true);
    } else if (state.ended) {
      errorOrDestroy(stream, ERR_STREAM_PUSH_AFTER_EOF());
    } else if (state.destroyed || state.errored) {
      return false;
    } else {
      state.reading = false;
      if (state.decoder && !encoding) {
        chunk = state.decoder.write(chunk);
        if (state.objectMode || chunk.length !== 0) addChunk(stream, state, chunk, false);
        else maybeReadMore(stream, state);
      } else {
        addChunk(stream, state, chunk, false);
      }
    }
  } else if (!addToFront) {
    // An empty chunk: nothing to add, but the read it answered is over.
    state.reading = false;
    maybeReadMore(stream, state);
  }
  // More can be pushed while below highWaterMark (or nothing is buffered, for hwm 0).
  return !state.ended && (state.length < state.highWaterMark || state.length === 0);
}

function addChunk(stream, state, chunk, addToFront) {
  if (state.flowing && state.length === 0 && !state.sync && stream.listenerCount("data") > 0) {
    // Flowing with nothing buffered: hand the chunk straight to the consumer.
    if (state.multiAwaitDrain) state.awaitDrainWriters.clear();
    else state.awaitDrainWriters = null;
    state.dataEmitted = true;
    stream.emit("data", chunk);
  } else {
    state.length += state.objectMode ? 1 : chunk.length;
    if (addToFront) state.buffer.unshift(chunk);
    else state.buffer.push(chunk);
    if (state.needReadable) emitReadable(stream);
  }
  maybeReadMore(stream, state);
}

Readable.prototype.isPaused = function isPaused() {
  const state = this._readableState;
  return state[kPaused] || state.flowing === false;
};

Readable.prototype.setEncoding = function setEncoding(enc) {
  const decoder = new StringDecoder(enc);
  const state = this._readableState;
  state.decoder = decoder;
  state.encoding = decoder.encoding;
  // What is already buffered is decoded now, so read() returns one kind of chunk.
  let content = "";
  for (const data of state.buffer) content += decoder.write(data);
  state.buffer.length = 0;
  if (content !== "") state.buffer.push(content);
  state.length = content.length;
  return this;
};

const MAX_HWM = 0x40000000;

/** The next power of 2 at or above `n`: read(n) past highWaterMark raises it so. */
function computeNewHighWaterMark(n) {
  if (n > MAX_HWM) throw ERR_OUT_OF_RANGE_SIZE(n);
  n--;
  n |= n >>> 1;
  n |= n >>> 2;
  n |= n >>> 4;
  n |= n >>> 8;
  n |= n >>> 16;
  n++;
  return n;
}

/** How much read(n) can return now (0: nothing yet). */
function howMuchToRead(n, state) {
  if (n <= 0 || (state.length === 0 && state.ended)) return 0;
  if (state.objectMode) return 1;
  if (Number.isNaN(n)) {
    // read() with no size: the first chunk when flowing, else all of it.
    if (state.flowing && state.length) return state.buffer[0].length;
    return state.length;
  }
  if (n <= state.length) return n;
  return state.ended ? state.length : 0;
}

Readable.prototype.read = function read(n) {
  if (n === undefined) n = NaN;
  else if (!Number.isInteger(n)) n = Number.parseInt(n, 10);
  const state = this._readableState;
  const nOrig = n;

  if (n > state.highWaterMark) state.highWaterMark = computeNewHighWaterMark(n);
  if (n !== 0) state.emittedReadable = false;

  // read(0) with enough buffered (or at the end) only triggers 'readable' / 'end'.
  if (
    n === 0 &&
    state.needReadable &&
    ((state.highWaterMark !== 0 ? state.length >= state.highWaterMark : state.length > 0) || state.ended)
  ) {
    if (state.length === 0 && state.ended) endReadable(this);
    else emitReadable(this);
    return null;
  }

  n = howMuchToRead(n, state);

  if (n === 0 && state.ended) {
    if (state.length === 0) endReadable(this);
    return null;
  }

  // Ask _read for more when the buffer would drop below highWaterMark.
  let doRead = state.needReadable;
  if (state.length === 0 || state.length - n < state.highWaterMark) doRead = true;
  if (state.ended || state.reading || state.destroyed || state.errored || !state.constructed) {
    doRead = false;
  } else if (doRead) {
    state.reading = true;
    state.sync = true;
    if (state.length === 0) state.needReadable = true;
    try {
      this._read(state.highWaterMark);
    } catch (err) {
      errorOrDestroy(this, err);
    }
    state.sync = false;
    // A synchronous push may have made more available.
    if (!state.reading) n = howMuchToRead(nOrig, state);
  }

  const ret = n > 0 ? fromList(n, state) : null;
  if (ret === null) {
    if (state.length <= state.highWaterMark) state.needReadable = true;
    n = 0;
  } else {
    state.length -= n;
    if (state.multiAwaitDrain) state.awaitDrainWriters.clear();
    else state.awaitDrainWriters = null;
  }

  if (state.length === 0) {
    if (!state.ended) state.needReadable = true;
    if (nOrig !== n && state.ended) endReadable(this);
  }

  if (ret !== null && !state.errorEmitted && !state.closeEmitted) {
    state.dataEmitted = true;
    this.emit("data", ret);
  }
  return ret;
};

/** Takes `n` bytes/characters (or one object) off the front of the buffer. */
function fromList(n, state) {
  if (state.length === 0) return null;
  const buffer = state.buffer;
  let ret;
  if (state.objectMode) {
    ret = buffer.shift();
  } else if (!n || n >= state.length) {
    if (state.decoder) ret = buffer.join("");
    else if (buffer.length === 1) ret = buffer[0];
    else ret = Buffer.concat(buffer, state.length);
    buffer.length = 0;
  } else if (n < buffer[0].length) {
    ret = buffer[0].slice(0, n);
    buffer[0] = buffer[0].slice(n);
  } else if (n === buffer[0].length) {
    ret = buffer.shift();
  } else if (state.decoder) {
    ret = "";
    while (ret.length < n) {
      const str = buffer[0];
      const want = n - ret.length;
      if (want >= str.length) {
        ret += str;
        buffer.shift();
      } else {
        ret += str.slice(0, want);
        buffer[0] = str.slice(want);
      }
    }
  } else {
    ret = Buffer.allocUnsafe(n);
    let copied = 0;
    while (copied < n) {
      const buf = buffer[0];
      const want = n - copied;
      if (want >= buf.length) {
        ret.set(buf, copied);
        copied += buf.length;
        buffer.shift();
      } else {
        ret.set(buf.subarray(0, want), copied);
        buffer[0] = buf.subarray(want);
        copied += want;
      }
    }
  }
  return ret;
}

Readable._fromList = fromList;

Readable.prototype._read = function _read() {
  throw ERR_METHOD_NOT_IMPLEMENTED("_read()");
};

function onEofChunk(stream, state) {
  if (state.ended) return;
  if (state.decoder) {
    const chunk = state.decoder.end();
    if (chunk?.length) {
      state.buffer.push(chunk);
      state.length += state.objectMode ? 1 : chunk.length;
    }
  }
  state.ended = true;
  if (state.sync) {
    // push(null) inside _read: 'readable' waits for the next tick.
    emitReadable(stream);
  } else {
    state.needReadable = false;
    state.emittedReadable = true;
    emitReadable_(stream);
  }
}

function emitReadable(stream) {
  const state = stream._readableState;
  state.needReadable = false;
  if (!state.emittedReadable) {
    state.emittedReadable = true;
    nextTick(emitReadable_, stream);
  }
}

function emitReadable_(stream) {
  const state = stream._readableState;
  if (!state.destroyed && !state.errored && (state.length || state.ended)) {
    stream.emit("readable");
    state.emittedReadable = false;
  }
  state.needReadable = !state.flowing && !state.ended && state.length <= state.highWaterMark;
  flow(stream);
}

/** Fills the buffer up to highWaterMark on the next tick (a stream reads ahead of its consumer). */
function maybeReadMore(stream, state) {
  if (!state.readingMore && state.constructed) {
    state.readingMore = true;
    nextTick(maybeReadMore_, stream, state);
  }
}

function maybeReadMore_(stream, state) {
  while (
    !state.reading &&
    !state.ended &&
    (state.length < state.highWaterMark || (state.flowing && state.length === 0))
  ) {
    const len = state.length;
    stream.read(0);
    if (len === state.length) break; // _read pushed nothing synchronously
  }
  state.readingMore = false;
}

// ---------------------------------------------------------------- pipe

Readable.prototype.pipe = function pipe(dest, pipeOpts) {
  const src = this;
  const state = this._readableState;

  if (state.pipes.length === 1 && !state.multiAwaitDrain) {
    state.multiAwaitDrain = true;
    state.awaitDrainWriters = new Set(state.awaitDrainWriters ? [state.awaitDrainWriters] : []);
  }
  state.pipes.push(dest);

  const stdio = globalThis.process;
  const doEnd = (!pipeOpts || pipeOpts.end !== false) && dest !== stdio?.stdout && dest !== stdio?.stderr;
  const endFn = doEnd ? onend : unpipe;
  if (state.endEmitted) nextTick(endFn);
  else src.once("end", endFn);

  dest.on("unpipe", onunpipe);
  function onunpipe(readable, unpipeInfo) {
    if (readable === src && unpipeInfo && unpipeInfo.hasUnpiped === false) {
      unpipeInfo.hasUnpiped = true;
      cleanup();
    }
  }

  function onend() {
    dest.end();
  }

  let ondrain;
  let cleanedUp = false;
  function cleanup() {
    dest.removeListener("close", onclose);
    dest.removeListener("finish", onfinish);
    if (ondrain) dest.removeListener("drain", ondrain);
    dest.removeListener("error", onerror);
    dest.removeListener("unpipe", onunpipe);
    src.removeListener("end", onend);
    src.removeListener("end", unpipe);
    src.removeListener("data", ondata);
    cleanedUp = true;
    // Unpiped while waiting for this destination's 'drain': stop waiting for it.
    if (ondrain && state.awaitDrainWriters && (!dest._writableState || dest._writableState.needDrain)) ondrain();
  }

  function pause() {
    if (!cleanedUp) {
      if (state.pipes.length === 1 && state.pipes[0] === dest) {
        state.awaitDrainWriters = dest;
        state.multiAwaitDrain = false;
      } else if (state.pipes.length > 1 && state.pipes.includes(dest)) {
        state.awaitDrainWriters.add(dest);
      }
      src.pause();
    }
    if (!ondrain) {
      ondrain = pipeOnDrain(src, dest);
      dest.on("drain", ondrain);
    }
  }

  src.on("data", ondata);
  function ondata(chunk) {
    if (dest.write(chunk) === false) pause();
  }

  // The destination failing stops the pipe; it re-throws when nobody else listens.
  function onerror(er) {
    unpipe();
    dest.removeListener("error", onerror);
    if (dest.listenerCount("error") === 0) {
      const s = dest._writableState || dest._readableState;
      if (s && !s.errorEmitted) errorOrDestroy(dest, er);
      else dest.emit("error", er);
    }
  }
  prependListener(dest, "error", onerror);

  function onclose() {
    dest.removeListener("finish", onfinish);
    unpipe();
  }
  dest.once("close", onclose);
  function onfinish() {
    dest.removeListener("close", onclose);
    unpipe();
  }
  dest.once("finish", onfinish);

  function unpipe() {
    src.unpipe(dest);
  }

  dest.emit("pipe", src);

  if (dest.writableNeedDrain === true) pause();
  else if (!state.flowing) src.resume();

  return dest;
};

function pipeOnDrain(src, dest) {
  return function pipeOnDrainFunctionResult() {
    const state = src._readableState;
    if (state.awaitDrainWriters === dest) state.awaitDrainWriters = null;
    else if (state.multiAwaitDrain) state.awaitDrainWriters.delete(dest);
    if ((!state.awaitDrainWriters || state.awaitDrainWriters.size === 0) && src.listenerCount("data")) {
      src.resume();
    }
  };
}

Readable.prototype.unpipe = function unpipe(dest) {
  const state = this._readableState;
  if (state.pipes.length === 0) return this;
  if (!dest) {
    const dests = state.pipes;
    state.pipes = [];
    this.pause();
    for (const d of dests) d.emit("unpipe", this, { hasUnpiped: false });
    return this;
  }
  const index = state.pipes.indexOf(dest);
  if (index === -1) return this;
  state.pipes.splice(index, 1);
  if (state.pipes.length === 0) this.pause();
  dest.emit("unpipe", this, { hasUnpiped: false });
  return this;
};

// ---------------------------------------------------------------- modes

// Adding a 'data' listener starts the flow (unless paused explicitly); a 'readable' listener
// takes over and makes the stream paused-mode.
Readable.prototype.on = function on(ev, fn) {
  const res = Stream.prototype.on.call(this, ev, fn);
  const state = this._readableState;
  if (ev === "data") {
    if (this.listenerCount("readable") > 0) state.readableListening = true;
    if (state.flowing !== false) this.resume();
  } else if (ev === "readable") {
    if (!state.endEmitted && !state.readableListening) {
      state.readableListening = state.needReadable = true;
      state.flowing = false;
      state.emittedReadable = false;
      if (state.length) emitReadable(this);
      else if (!state.reading) nextTick(nReadingNextTick, this);
    }
  }
  return res;
};
Readable.prototype.addListener = Readable.prototype.on;

Readable.prototype.removeListener = function removeListener(ev, fn) {
  const res = Stream.prototype.removeListener.call(this, ev, fn);
  if (ev === "readable") nextTick(updateReadableListening, this);
  return res;
};
Readable.prototype.off = Readable.prototype.removeListener;

Readable.prototype.removeAllListeners = function removeAllListeners(ev) {
  const res = Stream.prototype.removeAllListeners.apply(this, arguments);
  if (ev === "readable" || ev === undefined) nextTick(updateReadableListening, this);
  return res;
};

function updateReadableListening(self) {
  const state = self._readableState;
  state.readableListening = self.listenerCount("readable") > 0;
  if (state.resumeScheduled && state[kHasPaused] && !state[kPaused]) {
    // resume() was called while 'readable' listeners were attached: flow now.
    state.flowing = true;
  } else if (self.listenerCount("data") > 0) {
    self.resume();
  } else if (!state.readableListening) {
    state.flowing = null;
  }
}

function nReadingNextTick(self) {
  self.read(0);
}

Readable.prototype.resume = function resume() {
  const state = this._readableState;
  if (!state.flowing) {
    // With 'readable' listeners, resume() does not make the stream flow.
    state.flowing = !state.readableListening;
    if (!state.resumeScheduled) {
      state.resumeScheduled = true;
      nextTick(resume_, this, state);
    }
  }
  state[kPaused] = false;
  state[kHasPaused] = true;
  return this;
};

function resume_(stream, state) {
  if (!state.reading) stream.read(0);
  state.resumeScheduled = false;
  stream.emit("resume");
  flow(stream);
  if (state.flowing && !state.reading) stream.read(0);
}

Readable.prototype.pause = function pause() {
  const state = this._readableState;
  if (state.flowing !== false) {
    state.flowing = false;
    this.emit("pause");
  }
  state[kPaused] = true;
  state[kHasPaused] = true;
  return this;
};

function flow(stream) {
  const state = stream._readableState;
  while (state.flowing && stream.read() !== null);
}

/** Wraps an old-style stream (only 'data'/'end' events, pause/resume) as this Readable. */
Readable.prototype.wrap = function wrap(stream) {
  let paused = false;
  stream.on("data", (chunk) => {
    if (!this.push(chunk) && stream.pause) {
      paused = true;
      stream.pause();
    }
  });
  stream.on("end", () => {
    this.push(null);
  });
  stream.on("error", (err) => {
    errorOrDestroy(this, err);
  });
  stream.on("close", () => {
    this.destroy();
  });
  stream.on("destroy", () => {
    this.destroy();
  });
  this._read = () => {
    if (paused && stream.resume) {
      paused = false;
      stream.resume();
    }
  };
  // The wrapped stream's own methods stay reachable through the wrapper.
  for (const key of Object.keys(stream)) {
    if (this[key] === undefined && typeof stream[key] === "function") this[key] = stream[key].bind(stream);
  }
  return this;
};

// ---------------------------------------------------------------- async iteration

Readable.prototype[Symbol.asyncIterator] = function () {
  return streamToAsyncIterator(this);
};

Readable.prototype.iterator = function iterator(options) {
  if (options !== undefined) validateObject(options, "options");
  return streamToAsyncIterator(this, options);
};

function streamToAsyncIterator(stream, options) {
  if (typeof stream.read !== "function") stream = Readable.wrap(stream, { objectMode: true });
  const iter = createAsyncIterator(stream, options);
  iter.stream = stream;
  return iter;
}

async function* createAsyncIterator(stream, options) {
  let callback = nop;
  function next(resolve) {
    if (this === stream) {
      callback();
      callback = nop;
    } else {
      callback = resolve;
    }
  }
  stream.on("readable", next);

  // undefined: still going; null: ended cleanly; an error: failed.
  let error;
  const cleanup = eos(stream, { writable: false }, (err) => {
    error = err ? aggregateTwoErrors(error, err) : null;
    callback();
    callback = nop;
  });

  try {
    while (true) {
      const chunk = stream.destroyed ? null : stream.read();
      if (chunk !== null) yield chunk;
      else if (error) throw error;
      else if (error === null) return;
      else await new Promise(next);
    }
  } catch (err) {
    error = aggregateTwoErrors(error, err);
    throw error;
  } finally {
    // Leaving the loop early (break/return/throw) destroys the stream unless asked not to.
    if ((error || options?.destroyOnReturn !== false) && (error === undefined || stream._readableState.autoDestroy)) {
      destroyer(stream, null);
    } else {
      stream.off("readable", next);
      cleanup();
    }
  }
}

// ---------------------------------------------------------------- properties

function defineGetters(proto, getters) {
  for (const [name, desc] of Object.entries(getters)) {
    Object.defineProperty(proto, name, { enumerable: false, configurable: true, ...desc });
  }
}

defineGetters(Readable.prototype, {
  readable: {
    get() {
      const r = this._readableState;
      return !!r && r.readable !== false && !r.destroyed && !r.errorEmitted && !r.endEmitted;
    },
    set(val) {
      if (this._readableState) this._readableState.readable = !!val;
    },
  },
  readableDidRead: {
    get() {
      return this._readableState.dataEmitted;
    },
  },
  readableAborted: {
    get() {
      const r = this._readableState;
      return !!(r.readable !== false && (r.destroyed || r.errored) && !r.endEmitted);
    },
  },
  readableHighWaterMark: {
    get() {
      return this._readableState.highWaterMark;
    },
  },
  readableBuffer: {
    get() {
      return this._readableState?.buffer;
    },
  },
  readableFlowing: {
    get() {
      return this._readableState.flowing;
    },
    set(state) {
      if (this._readableState) this._readableState.flowing = state;
    },
  },
  readableLength: {
    get() {
      return this._readableState.length;
    },
  },
  readableObjectMode: {
    get() {
      return this._readableState ? this._readableState.objectMode : false;
    },
  },
  readableEncoding: {
    get() {
      return this._readableState ? this._readableState.encoding : null;
    },
  },
  errored: {
    get() {
      return this._readableState ? this._readableState.errored : null;
    },
  },
  closed: {
    get() {
      return this._readableState ? this._readableState.closed : false;
    },
  },
  destroyed: {
    get() {
      return this._readableState ? this._readableState.destroyed : false;
    },
    set(value) {
      if (this._readableState) this._readableState.destroyed = value;
    },
  },
  readableEnded: {
    get() {
      return this._readableState ? this._readableState.endEmitted : false;
    },
  },
});

// ---------------------------------------------------------------- end

function endReadable(stream) {
  const state = stream._readableState;
  if (!state.endEmitted) {
    state.ended = true;
    nextTick(endReadableNT, state, stream);
  }
}

function endReadableNT(state, stream) {
  if (!state.errored && !state.closeEmitted && !state.endEmitted && state.length === 0) {
    state.endEmitted = true;
    stream.emit("end");
    if (stream.writable && stream.allowHalfOpen === false) {
      nextTick(endWritableNT, stream);
    } else if (state.autoDestroy) {
      // A Duplex is destroyed only once both sides are done.
      const wState = stream._writableState;
      const autoDestroy = !wState || (wState.autoDestroy && (wState.finished || wState.writable === false));
      if (autoDestroy) stream.destroy();
    }
  }
}

function endWritableNT(stream) {
  const writable = stream.writable && !stream.writableEnded && !stream.destroyed;
  if (writable) stream.end();
}

// ---------------------------------------------------------------- statics

Readable.from = function (iterable, opts) {
  return from(Readable, iterable, opts);
};

Readable.wrap = function (src, options) {
  return new Readable({
    objectMode: src.readableObjectMode ?? src.objectMode ?? true,
    ...options,
    destroy(err, callback) {
      destroyer(src, err);
      callback(err);
    },
  }).wrap(src);
};
