// rusk:internal/streams_writable — `Writable`. write() hands one chunk at a time to `_write`
// (or a batch to `_writev`) and buffers the rest while a write is in flight, corked, or
// `_construct` has not finished; it returns false once highWaterMark is reached, and 'drain'
// follows when the buffer empties. end() then runs `_final`, 'prefinish', 'finish' and (with
// autoDestroy) destroy → 'close'. Callbacks of synchronous `_write`s run on the next tick,
// batched, as in Node.

import { Buffer } from "node:buffer";
import { AbortError } from "rusk:internal/errors";
import { Stream } from "rusk:internal/streams_legacy";
import { construct, destroy as destroyStream, errorOrDestroy, undestroy } from "rusk:internal/streams_destroy";
import { eos } from "rusk:internal/streams_end_of_stream";
import {
  ERR_INVALID_ARG_TYPE,
  ERR_METHOD_NOT_IMPLEMENTED,
  ERR_MULTIPLE_CALLBACK,
  ERR_STREAM_ALREADY_FINISHED,
  ERR_STREAM_CANNOT_PIPE,
  ERR_STREAM_DESTROYED,
  ERR_STREAM_NULL_VALUES,
  ERR_STREAM_WRITE_AFTER_END,
  ERR_UNKNOWN_ENCODING,
  getHighWaterMark,
  kAsyncDispose,
  kCaptureRejection,
  nextTick,
  nop,
  viewToBuffer,
} from "rusk:internal/streams_utils";
import { addAbortSignal } from "rusk:internal/streams_add_abort_signal";

const kOnFinished = Symbol("kOnFinished");

// ---------------------------------------------------------------- state

export function WritableState(options, stream, isDuplex) {
  this.objectMode = !!(options?.objectMode || (isDuplex && options?.writableObjectMode));
  this.highWaterMark = getHighWaterMark(this.objectMode, options, "writableHighWaterMark", isDuplex);
  // _final has been called.
  this.finalCalled = false;
  // write() returned false: emit 'drain' once the buffer empties.
  this.needDrain = false;
  // end() is running or ran.
  this.ending = false;
  this.ended = false;
  // 'finish' was emitted.
  this.finished = false;
  this.destroyed = false;
  // Strings become Buffers before _write unless decodeStrings is false.
  this.decodeStrings = !(options?.decodeStrings === false);
  this.defaultEncoding = options?.defaultEncoding || "utf8";
  if (!Buffer.isEncoding(this.defaultEncoding)) throw ERR_UNKNOWN_ENCODING(this.defaultEncoding);
  // Bytes (or objects) written but not yet acknowledged by _write's callback.
  this.length = 0;
  this.writing = false;
  this.corked = 0;
  // True while _write runs: its callback, when called now, defers the user's callback a tick.
  this.sync = true;
  this.bufferProcessing = false;
  this.onwrite = onwrite.bind(undefined, stream);
  this.writecb = null;
  this.writelen = 0;
  // Batches the callbacks of consecutive synchronous writes into one tick.
  this.afterWriteTickInfo = null;
  this.afterWritePending = false;
  resetBuffer(this);
  // Callbacks (write's and end's) still to run before 'finish'.
  this.pendingcb = 0;
  this.constructed = true;
  this.prefinished = false;
  this.errorEmitted = false;
  this.emitClose = !options || options.emitClose !== false;
  this.autoDestroy = !options || options.autoDestroy !== false;
  this.errored = null;
  this.closed = false;
  this.closeEmitted = false;
  this[kOnFinished] = [];
}

function resetBuffer(state) {
  state.buffered = [];
  state.bufferedIndex = 0;
  state.allBuffers = true;
  state.allNoop = true;
}

WritableState.prototype.getBuffer = function getBuffer() {
  return this.buffered.slice(this.bufferedIndex);
};

Object.defineProperty(WritableState.prototype, "bufferedRequestCount", {
  get() {
    return this.buffered.length - this.bufferedIndex;
  },
  configurable: true,
});

// ---------------------------------------------------------------- Writable

export function Writable(options) {
  if (!(this instanceof Writable)) return new Writable(options);
  this._writableState = new WritableState(options, this, false);
  if (options) {
    if (typeof options.write === "function") this._write = options.write;
    if (typeof options.writev === "function") this._writev = options.writev;
    if (typeof options.destroy === "function") this._destroy = options.destroy;
    if (typeof options.final === "function") this._final = options.final;
    if (typeof options.construct === "function") this._construct = options.construct;
    if (options.signal) addAbortSignal(options.signal, this);
  }
  Stream.call(this, options);
  construct(this, () => afterConstruct(this));
}
Object.setPrototypeOf(Writable.prototype, Stream.prototype);
Object.setPrototypeOf(Writable, Stream);

Writable.WritableState = WritableState;

/** What a Writable (or Duplex) does once `_construct` called back. */
export function afterConstruct(stream) {
  const state = stream._writableState;
  if (!state.writing) clearBuffer(stream, state);
  finishMaybe(stream, state);
}

// Duplex instances carry a WritableState without inheriting from Writable.
Object.defineProperty(Writable, Symbol.hasInstance, {
  value: function (object) {
    if (Function.prototype[Symbol.hasInstance].call(this, object)) return true;
    if (this !== Writable) return false;
    return !!(object && object._writableState instanceof WritableState);
  },
  configurable: true,
});

Writable.prototype.pipe = function pipe() {
  errorOrDestroy(this, ERR_STREAM_CANNOT_PIPE());
};

function writeChunk(stream, chunk, encoding, cb) {
  const state = stream._writableState;
  if (typeof cb !== "function") cb = nop;

  if (chunk === null) {
    throw ERR_STREAM_NULL_VALUES();
  } else if (!state.objectMode) {
    // In objectMode the encoding goes to _write as given.
    if (!encoding) encoding = state.defaultEncoding;
    else if (encoding !== "buffer" && !Buffer.isEncoding(encoding)) throw ERR_UNKNOWN_ENCODING(encoding);
    if (typeof chunk === "string") {
      if (state.decodeStrings !== false) {
        chunk = Buffer.from(chunk, encoding);
        encoding = "buffer";
      }
    } else if (chunk instanceof Buffer) {
      encoding = "buffer";
    } else if (ArrayBuffer.isView(chunk)) {
      chunk = viewToBuffer(chunk);
      encoding = "buffer";
    } else {
      throw ERR_INVALID_ARG_TYPE("chunk", ["string", "Buffer", "TypedArray", "DataView"], chunk);
    }
  }

  let err;
  if (state.ending) err = ERR_STREAM_WRITE_AFTER_END();
  else if (state.destroyed) err = ERR_STREAM_DESTROYED("write");
  if (err) {
    nextTick(cb, err);
    errorOrDestroy(stream, err, true);
    return err;
  }
  state.pendingcb++;
  return writeOrBuffer(stream, state, chunk, encoding, cb);
}

Writable.prototype.write = function write(chunk, encoding, cb) {
  if (typeof encoding === "function") {
    cb = encoding;
    encoding = null;
  }
  return writeChunk(this, chunk, encoding, cb) === true;
};

Writable.prototype.cork = function cork() {
  this._writableState.corked++;
};

Writable.prototype.uncork = function uncork() {
  const state = this._writableState;
  if (state.corked) {
    state.corked--;
    if (!state.writing) clearBuffer(this, state);
  }
};

Writable.prototype.setDefaultEncoding = function setDefaultEncoding(encoding) {
  if (typeof encoding === "string") encoding = encoding.toLowerCase();
  if (!Buffer.isEncoding(encoding)) throw ERR_UNKNOWN_ENCODING(encoding);
  this._writableState.defaultEncoding = encoding;
  return this;
};

function writeOrBuffer(stream, state, chunk, encoding, callback) {
  const len = state.objectMode ? 1 : chunk.length;
  state.length += len;

  if (state.writing || state.corked || state.errored || !state.constructed) {
    state.buffered.push({ chunk, encoding, callback });
    if (state.allBuffers && encoding !== "buffer") state.allBuffers = false;
    if (state.allNoop && callback !== nop) state.allNoop = false;
  } else {
    state.writelen = len;
    state.writecb = callback;
    state.writing = true;
    state.sync = true;
    stream._write(chunk, encoding, state.onwrite);
    state.sync = false;
  }

  // Measured after a synchronous _write, which may have taken the chunk already.
  const ret = state.length < state.highWaterMark || state.length === 0;
  if (!ret) state.needDrain = true;
  // false once errored or destroyed, to break `while (stream.write(data))` loops.
  return ret && !state.errored && !state.destroyed;
}

function doWrite(stream, state, writev, len, chunk, encoding, cb) {
  state.writelen = len;
  state.writecb = cb;
  state.writing = true;
  state.sync = true;
  if (state.destroyed) state.onwrite(ERR_STREAM_DESTROYED("write"));
  else if (writev) stream._writev(chunk, state.onwrite);
  else stream._write(chunk, encoding, state.onwrite);
  state.sync = false;
}

function onwriteError(stream, state, er, cb) {
  --state.pendingcb;
  cb(er);
  // The buffered writes fail too, and the stream with them.
  errorBuffer(state);
  errorOrDestroy(stream, er);
}

// _write's callback.
function onwrite(stream, er) {
  const state = stream._writableState;
  const sync = state.sync;
  const cb = state.writecb;
  if (typeof cb !== "function") {
    errorOrDestroy(stream, ERR_MULTIPLE_CALLBACK());
    return;
  }
  state.writing = false;
  state.writecb = null;
  state.length -= state.writelen;
  state.writelen = 0;

  if (er) {
    if (!state.errored) state.errored = er;
    if (stream._readableState && !stream._readableState.errored) stream._readableState.errored = er;
    if (sync) nextTick(onwriteError, stream, state, er, cb);
    else onwriteError(stream, state, er, cb);
  } else {
    if (state.buffered.length > state.bufferedIndex) clearBuffer(stream, state);
    if (!sync) {
      afterWrite(stream, state, 1, cb);
      return;
    }
    // A synchronous completion defers its work a tick, unless there is nothing to do:
    // no callback, no 'drain' due, not destroyed. (Node also always defers for objectMode
    // streams; the same here keeps the order of events identical.)
    const needDrain = state.needDrain && state.length === 0;
    const needTick = needDrain || state.objectMode || cb !== nop;
    if (cb === nop) {
      if (!state.afterWritePending && needTick) {
        state.afterWritePending = true;
        nextTick(afterWrite, stream, state, 1, cb);
      } else {
        state.pendingcb--;
        if (state.ending) finishMaybe(stream, state, true);
      }
    } else if (state.afterWriteTickInfo !== null && state.afterWriteTickInfo.cb === cb) {
      // Consecutive synchronous writes with the same callback share one tick.
      state.afterWriteTickInfo.count++;
    } else {
      state.afterWriteTickInfo = { count: 1, cb, stream, state };
      state.afterWritePending = true;
      nextTick(afterWriteTick, state.afterWriteTickInfo);
    }
  }
}

function afterWriteTick({ stream, state, count, cb }) {
  state.afterWriteTickInfo = null;
  return afterWrite(stream, state, count, cb);
}

function afterWrite(stream, state, count, cb) {
  state.afterWritePending = false;
  const needDrain = !state.ending && !state.destroyed && state.length === 0 && state.needDrain;
  if (needDrain) {
    state.needDrain = false;
    stream.emit("drain");
  }
  while (count-- > 0) {
    state.pendingcb--;
    cb(null);
  }
  if (state.destroyed) errorBuffer(state);
  if (state.ending) finishMaybe(stream, state, true);
}

/** Fails every buffered write and pending end() callback (the stream errored or was destroyed). */
function errorBuffer(state) {
  if (state.writing) return;
  for (let n = state.bufferedIndex; n < state.buffered.length; ++n) {
    const { chunk, callback } = state.buffered[n];
    const len = state.objectMode ? 1 : chunk.length;
    state.length -= len;
    callback(state.errored ?? ERR_STREAM_DESTROYED("write"));
  }
  callFinishedCallbacks(state, state.errored ?? ERR_STREAM_DESTROYED("end"));
  resetBuffer(state);
}

/** Writes out what was buffered: in one _writev call when there is one, else chunk by chunk. */
function clearBuffer(stream, state) {
  if (state.corked || state.bufferProcessing || state.destroyed || !state.constructed) return;
  const { buffered, bufferedIndex, objectMode } = state;
  const bufferedLength = buffered.length - bufferedIndex;
  if (!bufferedLength) return;

  let i = bufferedIndex;
  state.bufferProcessing = true;
  if (bufferedLength > 1 && stream._writev) {
    state.pendingcb -= bufferedLength - 1;
    const callback = state.allNoop
      ? nop
      : (err) => {
          for (let n = i; n < buffered.length; ++n) buffered[n].callback(err);
        };
    const chunks = state.allNoop && i === 0 ? buffered : buffered.slice(i);
    chunks.allBuffers = state.allBuffers;
    doWrite(stream, state, true, state.length, chunks, "", callback);
    resetBuffer(state);
  } else {
    do {
      const { chunk, encoding, callback } = buffered[i];
      buffered[i++] = null;
      const len = objectMode ? 1 : chunk.length;
      doWrite(stream, state, false, len, chunk, encoding, callback);
    } while (i < buffered.length && !state.writing);

    if (i === buffered.length) {
      resetBuffer(state);
    } else if (i > 256) {
      buffered.splice(0, i);
      state.bufferedIndex = 0;
    } else {
      state.bufferedIndex = i;
    }
  }
  state.bufferProcessing = false;
}

Writable.prototype._write = function _write(chunk, encoding, cb) {
  if (this._writev) this._writev([{ chunk, encoding }], cb);
  else throw ERR_METHOD_NOT_IMPLEMENTED("_write()");
};

Writable.prototype._writev = null;

Writable.prototype.end = function end(chunk, encoding, cb) {
  const state = this._writableState;
  if (typeof chunk === "function") {
    cb = chunk;
    chunk = null;
    encoding = null;
  } else if (typeof encoding === "function") {
    cb = encoding;
    encoding = null;
  }

  let err;
  if (chunk !== null && chunk !== undefined) {
    const ret = writeChunk(this, chunk, encoding);
    if (ret instanceof Error) err = ret;
  }

  // end() uncorks completely.
  if (state.corked) {
    state.corked = 1;
    this.uncork();
  }

  if (err) {
    // The write's error is reported through the stream already.
  } else if (!state.ending && !state.errored) {
    state.ending = true;
    finishMaybe(this, state, true);
    state.ended = true;
  } else if (state.finished) {
    err = ERR_STREAM_ALREADY_FINISHED("end");
  } else if (state.destroyed) {
    err = ERR_STREAM_DESTROYED("end");
  }

  if (typeof cb === "function") {
    if (err) nextTick(cb, err);
    else if (state.errored) nextTick(cb, state.errored);
    else if (state.finished) nextTick(cb, null);
    else state[kOnFinished].push(cb);
  }
  return this;
};

function needFinish(state) {
  return (
    state.ending &&
    !state.destroyed &&
    state.constructed &&
    state.length === 0 &&
    !state.errored &&
    state.buffered.length === 0 &&
    !state.finished &&
    !state.writing &&
    !state.errorEmitted &&
    !state.closeEmitted
  );
}

// _final's callback.
function onFinal(stream, state, err) {
  if (state.prefinished) {
    errorOrDestroy(stream, err ?? ERR_MULTIPLE_CALLBACK());
    return;
  }
  state.pendingcb--;
  if (err) {
    callFinishedCallbacks(state, err);
    errorOrDestroy(stream, err, state.sync);
  } else if (needFinish(state)) {
    state.prefinished = true;
    stream.emit("prefinish");
    // 'finish' comes a tick later, after what 'prefinish' listeners did.
    state.pendingcb++;
    nextTick(finish, stream, state);
  }
}

function prefinish(stream, state) {
  if (state.prefinished || state.finalCalled) return;
  state.finalCalled = true;
  if (typeof stream._final === "function" && !state.destroyed) {
    state.sync = true;
    state.pendingcb++;
    try {
      stream._final((err) => onFinal(stream, state, err));
    } catch (err) {
      onFinal(stream, state, err);
    }
    state.sync = false;
  } else {
    state.prefinished = true;
    stream.emit("prefinish");
  }
}

function finishMaybe(stream, state, sync) {
  if (needFinish(state)) {
    prefinish(stream, state);
    if (state.pendingcb === 0) {
      if (sync) {
        state.pendingcb++;
        nextTick(
          (stream, state) => {
            if (needFinish(state)) finish(stream, state);
            else state.pendingcb--;
          },
          stream,
          state,
        );
      } else if (needFinish(state)) {
        state.pendingcb++;
        finish(stream, state);
      }
    }
  }
}

function finish(stream, state) {
  state.pendingcb--;
  state.finished = true;
  callFinishedCallbacks(state, null);
  stream.emit("finish");
  if (state.autoDestroy) {
    // A Duplex is destroyed only once its readable side is done too.
    const rState = stream._readableState;
    const autoDestroy = !rState || (rState.autoDestroy && (rState.endEmitted || rState.readable === false));
    if (autoDestroy) stream.destroy();
  }
}

/** Calls (once) the callbacks end() was given. */
function callFinishedCallbacks(state, err) {
  const callbacks = state[kOnFinished].splice(0);
  for (const cb of callbacks) cb(err);
}

// ---------------------------------------------------------------- properties

export const writableProperties = {
  closed: {
    get() {
      return this._writableState ? this._writableState.closed : false;
    },
  },
  destroyed: {
    get() {
      return this._writableState ? this._writableState.destroyed : false;
    },
    set(value) {
      if (this._writableState) this._writableState.destroyed = value;
    },
  },
  writable: {
    get() {
      const w = this._writableState;
      return !!w && w.writable !== false && !w.destroyed && !w.errored && !w.ending && !w.ended;
    },
    set(val) {
      if (this._writableState) this._writableState.writable = !!val;
    },
  },
  writableFinished: {
    get() {
      return this._writableState ? this._writableState.finished : false;
    },
  },
  writableObjectMode: {
    get() {
      return this._writableState ? this._writableState.objectMode : false;
    },
  },
  writableBuffer: {
    get() {
      return this._writableState && this._writableState.getBuffer();
    },
  },
  writableEnded: {
    get() {
      return this._writableState ? this._writableState.ending : false;
    },
  },
  writableNeedDrain: {
    get() {
      const wState = this._writableState;
      if (!wState) return false;
      return !wState.destroyed && !wState.ending && wState.needDrain;
    },
  },
  writableHighWaterMark: {
    get() {
      return this._writableState && this._writableState.highWaterMark;
    },
  },
  writableCorked: {
    get() {
      return this._writableState ? this._writableState.corked : 0;
    },
  },
  writableLength: {
    get() {
      return this._writableState && this._writableState.length;
    },
  },
  errored: {
    get() {
      return this._writableState ? this._writableState.errored : null;
    },
  },
  writableAborted: {
    get() {
      const w = this._writableState;
      return !!(w.writable !== false && (w.destroyed || w.errored) && !w.finished);
    },
  },
};

for (const [name, desc] of Object.entries(writableProperties)) {
  Object.defineProperty(Writable.prototype, name, { enumerable: false, configurable: true, ...desc });
}

Writable.prototype.destroy = function destroy(err, cb) {
  const state = this._writableState;
  // Buffered writes and end() callbacks fail on the next tick (after 'close' is scheduled).
  if (!state.destroyed && (state.bufferedIndex < state.buffered.length || state[kOnFinished].length)) {
    nextTick(errorBuffer, state);
  }
  destroyStream.call(this, err, cb);
  return this;
};

Writable.prototype._undestroy = undestroy;
Writable.prototype._destroy = function _destroy(err, cb) {
  cb(err);
};
Writable.prototype[kCaptureRejection] = function (err) {
  this.destroy(err);
};
Writable.prototype[kAsyncDispose] = function () {
  let error;
  if (!this.destroyed) {
    error = this.writableFinished ? null : new AbortError();
    this.destroy(error);
  }
  return new Promise((resolve, reject) => eos(this, (err) => (err && err.name !== "AbortError" ? reject(err) : resolve(null))));
};
