// rusk:internal/streams_utils — what every part of node:stream shares: the stream errors with
// Node's codes and messages, the duck-typed predicates Node uses to tell streams apart (they
// must accept streams from other implementations, e.g. the `readable-stream` package), the
// default highWaterMarks, and small helpers.

import { Buffer } from "node:buffer";
import { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, nodeError, validateInteger } from "rusk:internal/errors";

export { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE };

export const kIsDestroyed = Symbol.for("nodejs.stream.destroyed");
export const kIsErrored = Symbol("kIsErrored");
export const kIsReadable = Symbol("kIsReadable");
export const kIsWritable = Symbol("kIsWritable");
export const kIsDisturbed = Symbol("kIsDisturbed");
export const kIsClosedPromise = Symbol.for("nodejs.webstream.isClosedPromise");
export const kControllerErrorFunction = Symbol.for("nodejs.webstream.controllerErrorFunction");
export const kCaptureRejection = Symbol.for("nodejs.rejection");
export const kAsyncDispose = Symbol.asyncDispose ?? Symbol.for("nodejs.asyncDispose");
export const kDispose = Symbol.dispose ?? Symbol.for("nodejs.dispose");
export const kPromisifyCustom = Symbol.for("nodejs.util.promisify.custom");

export function nop() {}

export function nextTick(fn, ...args) {
  globalThis.process.nextTick(fn, ...args);
}

/** `fn` callable once; later calls do nothing. */
export function once(fn) {
  let called = false;
  return function (...args) {
    if (called) return;
    called = true;
    return fn.apply(this, args);
  };
}

// ---- errors ----

export const ERR_STREAM_PUSH_AFTER_EOF = () => nodeError(Error, "ERR_STREAM_PUSH_AFTER_EOF", "stream.push() after EOF");
export const ERR_STREAM_UNSHIFT_AFTER_END_EVENT = () =>
  nodeError(Error, "ERR_STREAM_UNSHIFT_AFTER_END_EVENT", "stream.unshift() after end event");
export const ERR_STREAM_WRITE_AFTER_END = () => nodeError(Error, "ERR_STREAM_WRITE_AFTER_END", "write after end");
export const ERR_STREAM_DESTROYED = (method) =>
  nodeError(Error, "ERR_STREAM_DESTROYED", `Cannot call ${method} after a stream was destroyed`);
export const ERR_STREAM_ALREADY_FINISHED = (method) =>
  nodeError(Error, "ERR_STREAM_ALREADY_FINISHED", `Cannot call ${method} after a stream was finished`);
export const ERR_STREAM_NULL_VALUES = () => nodeError(TypeError, "ERR_STREAM_NULL_VALUES", "May not write null values to stream");
export const ERR_STREAM_CANNOT_PIPE = () => nodeError(Error, "ERR_STREAM_CANNOT_PIPE", "Cannot pipe, not readable");
export const ERR_STREAM_PREMATURE_CLOSE = () => nodeError(Error, "ERR_STREAM_PREMATURE_CLOSE", "Premature close");
export const ERR_MULTIPLE_CALLBACK = () => nodeError(Error, "ERR_MULTIPLE_CALLBACK", "Callback called multiple times");
export const ERR_METHOD_NOT_IMPLEMENTED = (method) =>
  nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", `The ${method} method is not implemented`);
export const ERR_UNKNOWN_ENCODING = (encoding) => nodeError(TypeError, "ERR_UNKNOWN_ENCODING", `Unknown encoding: ${encoding}`);
export const ERR_MISSING_ARGS = (name) => nodeError(TypeError, "ERR_MISSING_ARGS", `The "${name}" argument must be specified`);
export const ERR_OUT_OF_RANGE_SIZE = (n) =>
  nodeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "size" is out of range. It must be <= 1GiB. Received ${n}`);
export function ERR_INVALID_RETURN_VALUE(input, name, value) {
  const type = value?.constructor?.name ? `instance of ${value.constructor.name}` : `type ${typeof value}`;
  return nodeError(TypeError, "ERR_INVALID_RETURN_VALUE", `Expected ${input} to be returned from the "${name}" function but got ${type}.`);
}

/** One error out of two: the first when only one exists, else an AggregateError of both. */
export function aggregateTwoErrors(inner, outer) {
  if (inner && outer && inner !== outer) {
    if (Array.isArray(outer.errors)) {
      outer.errors.push(inner);
      return outer;
    }
    const err = new AggregateError([outer, inner], outer.message);
    err.code = outer.code;
    return err;
  }
  return inner || outer;
}

// ---- chunks ----

/** A Buffer over the same memory as any ArrayBufferView. */
export function viewToBuffer(view) {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

// ---- highWaterMark ----

let defaultBytesHighWaterMark = 16 * 1024;
let defaultObjectHighWaterMark = 16;

export function getDefaultHighWaterMark(objectMode) {
  return objectMode ? defaultObjectHighWaterMark : defaultBytesHighWaterMark;
}

export function setDefaultHighWaterMark(objectMode, value) {
  validateInteger(value, "value", 0);
  if (objectMode) defaultObjectHighWaterMark = value;
  else defaultBytesHighWaterMark = value;
}

/** The highWaterMark `options` ask for (`highWaterMark`, or `duplexKey` for a Duplex's side). */
export function getHighWaterMark(objectMode, options, duplexKey, isDuplex) {
  let hwm = options?.highWaterMark;
  if (hwm == null && isDuplex) hwm = options?.[duplexKey];
  if (hwm == null) return getDefaultHighWaterMark(objectMode);
  if (!Number.isInteger(hwm) || hwm < 0) {
    const name = isDuplex ? `options.${duplexKey}` : "options.highWaterMark";
    throw ERR_INVALID_ARG_VALUE(name, hwm);
  }
  return hwm;
}

// ---- what a value is ----

export function isReadableNodeStream(obj, strict = false) {
  return !!(
    obj &&
    typeof obj.pipe === "function" &&
    typeof obj.on === "function" &&
    (!strict || (typeof obj.pause === "function" && typeof obj.resume === "function")) &&
    (!obj._writableState || obj._readableState?.readable !== false) &&
    (!obj._writableState || obj._readableState)
  );
}

export function isWritableNodeStream(obj) {
  return !!(obj && typeof obj.write === "function" && typeof obj.on === "function" && (!obj._readableState || obj._writableState?.writable !== false));
}

export function isDuplexNodeStream(obj) {
  return !!(obj && typeof obj.pipe === "function" && obj._readableState && typeof obj.on === "function" && typeof obj.write === "function");
}

export function isNodeStream(obj) {
  return !!(
    obj &&
    (obj._readableState ||
      obj._writableState ||
      (typeof obj.write === "function" && typeof obj.on === "function") ||
      (typeof obj.pipe === "function" && typeof obj.on === "function"))
  );
}

export function isReadableStream(obj) {
  return !!(obj && !isNodeStream(obj) && typeof obj.pipeThrough === "function" && typeof obj.getReader === "function" && typeof obj.cancel === "function");
}

export function isWritableStream(obj) {
  return !!(obj && !isNodeStream(obj) && typeof obj.getWriter === "function" && typeof obj.abort === "function");
}

export function isTransformStream(obj) {
  return !!(obj && !isNodeStream(obj) && typeof obj.readable === "object" && typeof obj.writable === "object");
}

export function isWebStream(obj) {
  return isReadableStream(obj) || isWritableStream(obj) || isTransformStream(obj);
}

/** Whether `obj` is iterable: `isAsync` true asks for async, false for sync, undefined either. */
export function isIterable(obj, isAsync) {
  if (obj == null) return false;
  if (isAsync === true) return typeof obj[Symbol.asyncIterator] === "function";
  if (isAsync === false) return typeof obj[Symbol.iterator] === "function";
  return typeof obj[Symbol.asyncIterator] === "function" || typeof obj[Symbol.iterator] === "function";
}

export function isDestroyed(stream) {
  if (!isNodeStream(stream)) return null;
  const state = stream._writableState || stream._readableState;
  return !!(stream.destroyed || stream[kIsDestroyed] || state?.destroyed);
}

export function isWritableEnded(stream) {
  if (!isWritableNodeStream(stream)) return null;
  if (stream.writableEnded === true) return true;
  const wState = stream._writableState;
  if (wState?.errored) return false;
  if (typeof wState?.ended !== "boolean") return null;
  return wState.ended;
}

export function isWritableFinished(stream, strict) {
  if (!isWritableNodeStream(stream)) return null;
  if (stream.writableFinished === true) return true;
  const wState = stream._writableState;
  if (wState?.errored) return false;
  if (typeof wState?.finished !== "boolean") return null;
  return !!(wState.finished || (strict === false && wState.ended === true && wState.length === 0));
}

export function isReadableFinished(stream, strict) {
  if (!isReadableNodeStream(stream)) return null;
  const rState = stream._readableState;
  if (rState?.errored) return false;
  if (typeof rState?.endEmitted !== "boolean") return null;
  return !!(rState.endEmitted || (strict === false && rState.ended === true && rState.length === 0));
}

export function isReadable(stream) {
  if (stream && stream[kIsReadable] != null) return stream[kIsReadable];
  if (typeof stream?.readable !== "boolean") return null;
  if (isDestroyed(stream)) return false;
  return isReadableNodeStream(stream) && stream.readable && !isReadableFinished(stream);
}

export function isWritable(stream) {
  if (stream && stream[kIsWritable] != null) return stream[kIsWritable];
  if (typeof stream?.writable !== "boolean") return null;
  if (isDestroyed(stream)) return false;
  return isWritableNodeStream(stream) && stream.writable && !isWritableEnded(stream);
}

/** Whether the stream is done on the sides `opts` asks about (both by default). */
export function isFinished(stream, opts) {
  if (!isNodeStream(stream)) return null;
  if (isDestroyed(stream)) return true;
  if (opts?.readable !== false && isReadable(stream)) return false;
  if (opts?.writable !== false && isWritable(stream)) return false;
  return true;
}

export function isWritableErrored(stream) {
  if (!isNodeStream(stream)) return null;
  if (stream.writableErrored) return stream.writableErrored;
  return stream._writableState?.errored ?? null;
}

export function isReadableErrored(stream) {
  if (!isNodeStream(stream)) return null;
  if (stream.readableErrored) return stream.readableErrored;
  return stream._readableState?.errored ?? null;
}

export function isClosed(stream) {
  if (!isNodeStream(stream)) return null;
  if (typeof stream.closed === "boolean") return stream.closed;
  const wState = stream._writableState;
  const rState = stream._readableState;
  if (typeof wState?.closed === "boolean" || typeof rState?.closed === "boolean") return wState?.closed || rState?.closed;
  if (typeof stream._closed === "boolean" && isOutgoingMessage(stream)) return stream._closed;
  return null;
}

// node:http's objects, recognised by their fields as Node does.
export function isOutgoingMessage(stream) {
  return (
    typeof stream._closed === "boolean" &&
    typeof stream._defaultKeepAlive === "boolean" &&
    typeof stream._removedConnection === "boolean" &&
    typeof stream._removedContLen === "boolean"
  );
}

export function isServerResponse(stream) {
  return typeof stream._sent100 === "boolean" && isOutgoingMessage(stream);
}

export function isServerRequest(stream) {
  return typeof stream._consuming === "boolean" && typeof stream._dumped === "boolean" && stream.req?.upgradeOrConnect === undefined;
}

export function isRequest(stream) {
  return !!(stream?.setHeader && typeof stream.abort === "function");
}

/** Whether the stream will emit 'close' by itself once done (autoDestroy with emitClose). */
export function willEmitClose(stream) {
  if (!isNodeStream(stream)) return null;
  const state = stream._writableState || stream._readableState;
  return (!state && isServerResponse(stream)) || !!(state && state.autoDestroy && state.emitClose && state.closed === false);
}

/** Whether the stream has been read from or aborted. */
export function isDisturbed(stream) {
  return !!(stream && (stream[kIsDisturbed] ?? (stream.readableDidRead || stream.readableAborted)));
}

/** Whether the stream has failed. */
export function isErrored(stream) {
  return !!(
    stream &&
    (stream[kIsErrored] ??
      stream.readableErrored ??
      stream.writableErrored ??
      stream._readableState?.errorEmitted ??
      stream._writableState?.errorEmitted ??
      stream._readableState?.errored ??
      stream._writableState?.errored)
  );
}
