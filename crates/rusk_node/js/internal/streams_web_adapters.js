// rusk:internal/streams_web_adapters — Readable.toWeb/fromWeb, Writable.toWeb/fromWeb and
// Duplex.toWeb/fromWeb: node:stream streams as WHATWG streams and back. node:stream loads this
// module on the first call of one of them (it brings the web streams).
//
// Both sides keep each other's state: ending, errors and destruction on one side close, error
// or cancel the other; backpressure follows the web side's desiredSize and the Node side's
// write() result and 'drain'.
import { Buffer } from "node:buffer";
import { Readable } from "rusk:internal/streams_readable";
import { Writable } from "rusk:internal/streams_writable";
import { Duplex } from "rusk:internal/streams_duplex";
import { eos } from "rusk:internal/streams_end_of_stream";
import { destroyer } from "rusk:internal/streams_destroy";
import {
  ERR_STREAM_PREMATURE_CLOSE,
  isDestroyed,
  isDuplexNodeStream,
  isReadable,
  isReadableNodeStream,
  isWritable,
  isWritableEnded,
  nextTick,
} from "rusk:internal/streams_utils";
import { ReadableStream, WritableStream, CountQueuingStrategy } from "rusk:internal/webstreams";
import {
  AbortError,
  ERR_INVALID_ARG_TYPE,
  ERR_INVALID_ARG_VALUE,
  nodeError,
  received,
  validateBoolean,
  validateObject,
} from "rusk:internal/errors";

/** Node's wording for these: `The "name" argument must be an stream.Readable. Received ...`. */
function notANodeStream(name, kind, value) {
  return nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "${name}" argument must be an stream.${kind}. ${received(value)}`);
}

/** Node checks the encoding option this way round: the value is named, the option received. */
function validateEncodingOption(encoding) {
  if (encoding !== undefined && !Buffer.isEncoding(encoding)) throw ERR_INVALID_ARG_VALUE(encoding, "options.encoding");
}

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A stream that ended early reports an AbortError (with the premature close as its cause). */
function asAbortError(error) {
  return error?.code === "ERR_STREAM_PREMATURE_CLOSE" ? new AbortError(undefined, { cause: error }) : error;
}

/** Runs a Node callback from a promise reaction: what it throws goes to `onThrow`, not to a rejection. */
function callSafely(callback, error, onThrow) {
  try {
    callback(error);
  } catch (thrown) {
    nextTick(onThrow, thrown);
  }
}

function rethrow(error) {
  throw error;
}

// ---------------------------------------------------------------------------------------------
// Node → web

/** Readable.toWeb(streamReadable[, { strategy }]) */
export function readableToWeb(streamReadable, options = {}) {
  if (!isReadableNodeStream(streamReadable)) throw notANodeStream("streamReadable", "Readable", streamReadable);
  if (isDestroyed(streamReadable) || !isReadable(streamReadable)) {
    const readable = new ReadableStream();
    readable.cancel();
    return readable;
  }
  const objectMode = streamReadable.readableObjectMode;
  const highWaterMark = streamReadable.readableHighWaterMark;
  // Without a strategy, chunks count by number in object mode; otherwise the highWaterMark
  // alone is given (no size function), as Node does.
  const strategy = options?.strategy ?? (objectMode ? new CountQueuingStrategy({ highWaterMark }) : { highWaterMark });

  let controller;
  const onData = (chunk) => {
    // Copied out of Node's Buffer (which may share a pooled ArrayBuffer) into a plain Uint8Array.
    if (Buffer.isBuffer(chunk) && !objectMode) chunk = new Uint8Array(chunk);
    controller.enqueue(chunk);
    if (controller.desiredSize <= 0) streamReadable.pause();
  };
  const cleanup = eos(streamReadable, (error) => {
    cleanup();
    // A legacy stream may emit 'error' again after it finished: nobody is listening any more.
    streamReadable.on("error", () => {});
    if (error) controller.error(asAbortError(error));
    else controller.close();
  });
  streamReadable.on("data", onData);

  return new ReadableStream(
    {
      start(c) {
        controller = c;
      },
      pull() {
        streamReadable.resume();
      },
      cancel(reason) {
        destroyer(streamReadable, reason);
      },
    },
    strategy,
  );
}

/** Writable.toWeb(streamWritable) */
export function writableToWeb(streamWritable) {
  // Anything with write() and on() will do (a Duplex whose writable side is off, an http
  // OutgoingMessage); one that cannot take writes gives a closed WritableStream.
  if (typeof streamWritable?.write !== "function" || typeof streamWritable?.on !== "function") {
    throw notANodeStream("streamWritable", "Writable", streamWritable);
  }
  if (isDestroyed(streamWritable) || !isWritable(streamWritable)) {
    const writable = new WritableStream();
    writable.close();
    return writable;
  }
  const highWaterMark = streamWritable.writableHighWaterMark;
  const strategy = streamWritable.writableObjectMode ? new CountQueuingStrategy({ highWaterMark }) : { highWaterMark };

  let controller;
  let backpressure; // a deferred write(), settled by 'drain' or by the stream's end
  let closing; // the deferred close(), settled when the stream finished
  const cleanup = eos(streamWritable, (error) => {
    cleanup();
    streamWritable.on("error", () => {});
    error = asAbortError(error);
    if (error != null) {
      backpressure?.reject(error);
      closing?.reject(error);
      closing = undefined;
      controller.error(error);
      controller = undefined;
      return;
    }
    if (closing !== undefined) {
      closing.resolve();
      closing = undefined;
      return;
    }
    // Finished without the web side closing it: whoever writes next learns it is gone.
    controller.error(new AbortError());
    controller = undefined;
  });
  streamWritable.on("drain", () => backpressure?.resolve());

  return new WritableStream(
    {
      start(c) {
        controller = c;
      },
      write(chunk) {
        if (streamWritable.writableNeedDrain || !streamWritable.write(chunk)) {
          backpressure = deferred();
          return backpressure.promise.finally(() => {
            backpressure = undefined;
          });
        }
        return undefined;
      },
      abort(reason) {
        destroyer(streamWritable, reason);
      },
      close() {
        if (closing === undefined && !isWritableEnded(streamWritable)) {
          closing = deferred();
          streamWritable.end();
          return closing.promise;
        }
        controller = undefined;
        return Promise.resolve();
      },
    },
    strategy,
  );
}

/** Duplex.toWeb(duplex) → `{ readable, writable }` */
export function duplexToWeb(duplex) {
  if (!isDuplexNodeStream(duplex)) throw notANodeStream("duplex", "Duplex", duplex);
  if (isDestroyed(duplex)) {
    const writable = new WritableStream();
    const readable = new ReadableStream();
    writable.close();
    readable.cancel();
    return { readable, writable };
  }
  let writable;
  if (isWritable(duplex)) {
    writable = writableToWeb(duplex);
  } else {
    writable = new WritableStream();
    writable.close();
  }
  let readable;
  if (isReadable(duplex)) {
    readable = readableToWeb(duplex);
  } else {
    readable = new ReadableStream();
    readable.cancel();
  }
  return { writable, readable };
}

// ---------------------------------------------------------------------------------------------
// web → Node

function validateReadableStream(value, name) {
  if (!(value instanceof ReadableStream)) throw ERR_INVALID_ARG_TYPE(name, "ReadableStream", value);
}

function validateWritableStream(value, name) {
  if (!(value instanceof WritableStream)) throw ERR_INVALID_ARG_TYPE(name, "WritableStream", value);
}

/** Node's `read()` over a web reader: one reader.read() per call. */
function readFrom(reader, stream) {
  reader.read().then(
    (result) => stream.push(result.done ? null : result.value),
    (error) => destroyer(stream, error),
  );
}

/** Node's `write()` over a web writer, once the writer is ready. */
function writeTo(writer, stream, chunk, callback) {
  const done = (error) => callSafely(callback, error, (thrown) => destroyer(stream, thrown));
  writer.ready.then(() => writer.write(chunk).then(done, done), done);
}

/** Node's `writev()` over a web writer: every chunk written, one callback for all. */
function writevTo(writer, stream, chunks, callback) {
  const done = (results) => {
    const errors = [].concat(results).filter((e) => e);
    callSafely(callback, errors.length === 0 ? undefined : errors, (thrown) => destroyer(stream, thrown));
  };
  writer.ready.then(() => Promise.all(chunks.map((entry) => writer.write(entry.chunk))).then(done, done), done);
}

/** Readable.fromWeb(readableStream[, { highWaterMark, encoding, objectMode, signal }]) */
export function readableFromWeb(readableStream, options = {}) {
  validateReadableStream(readableStream, "readableStream");
  validateObject(options, "options");
  const { highWaterMark, encoding, objectMode = false, signal } = options;
  validateEncodingOption(encoding);
  validateBoolean(objectMode, "options.objectMode");

  const reader = readableStream.getReader();
  let closed = false;
  const readable = new Readable({
    objectMode,
    highWaterMark,
    encoding,
    signal,
    read() {
      readFrom(reader, readable);
    },
    destroy(error, callback) {
      const done = () => callSafely(callback, error, rethrow);
      if (closed) done();
      else reader.cancel(error).then(done, done);
    },
  });
  reader.closed.then(
    () => {
      closed = true;
    },
    (error) => {
      closed = true;
      destroyer(readable, error);
    },
  );
  return readable;
}

/** Writable.fromWeb(writableStream[, { highWaterMark, decodeStrings, objectMode, signal }]) */
export function writableFromWeb(writableStream, options = {}) {
  validateWritableStream(writableStream, "writableStream");
  validateObject(options, "options");
  const { highWaterMark, decodeStrings = true, objectMode = false, signal } = options;
  validateBoolean(objectMode, "options.objectMode");
  validateBoolean(decodeStrings, "options.decodeStrings");

  const writer = writableStream.getWriter();
  let closed = false;
  const writable = new Writable({
    highWaterMark,
    objectMode,
    decodeStrings,
    signal,
    writev(chunks, callback) {
      writevTo(writer, writable, chunks, callback);
    },
    write(chunk, encoding, callback) {
      writeTo(writer, writable, chunk, callback);
    },
    destroy(error, callback) {
      const done = () => callSafely(callback, error, rethrow);
      if (closed) done();
      else if (error != null) writer.abort(error).then(done, done);
      else writer.close().then(done, done);
    },
    final(callback) {
      const done = (error) => callSafely(callback, error, (thrown) => destroyer(writable, thrown));
      if (!closed) writer.close().then(done, done);
    },
  });
  writer.closed.then(
    () => {
      // The web side closed before the Node side ended: an early close.
      closed = true;
      if (!isWritableEnded(writable)) destroyer(writable, ERR_STREAM_PREMATURE_CLOSE());
    },
    (error) => {
      closed = true;
      destroyer(writable, error);
    },
  );
  return writable;
}

/** Duplex.fromWeb({ readable, writable }[, options]) */
export function duplexFromWeb(pair, options = {}) {
  validateObject(pair, "pair");
  const { readable: readableStream, writable: writableStream } = pair;
  validateReadableStream(readableStream, "pair.readable");
  validateWritableStream(writableStream, "pair.writable");
  validateObject(options, "options");
  const { allowHalfOpen = false, objectMode = false, encoding, decodeStrings = true, highWaterMark, signal } = options;
  validateBoolean(objectMode, "options.objectMode");
  validateEncodingOption(encoding);

  const writer = writableStream.getWriter();
  const reader = readableStream.getReader();
  let writableClosed = false;
  let readableClosed = false;
  const duplex = new Duplex({
    allowHalfOpen,
    highWaterMark,
    objectMode,
    encoding,
    decodeStrings,
    signal,
    writev(chunks, callback) {
      writevTo(writer, duplex, chunks, callback);
    },
    write(chunk, encoding, callback) {
      writeTo(writer, duplex, chunk, callback);
    },
    final(callback) {
      const done = (error) => callSafely(callback, error, (thrown) => destroyer(duplex, thrown));
      if (!writableClosed) writer.close().then(done, done);
    },
    read() {
      readFrom(reader, duplex);
    },
    destroy(error, callback) {
      const done = () => callSafely(callback, error, rethrow);
      const closeWriter = async () => {
        if (!writableClosed) await writer.abort(error);
      };
      const closeReader = async () => {
        if (!readableClosed) await reader.cancel(error);
      };
      if (writableClosed && readableClosed) done();
      else Promise.all([closeWriter(), closeReader()]).then(done, done);
    },
  });
  writer.closed.then(
    () => {
      writableClosed = true;
      if (!isWritableEnded(duplex)) destroyer(duplex, ERR_STREAM_PREMATURE_CLOSE());
    },
    (error) => {
      writableClosed = true;
      readableClosed = true;
      destroyer(duplex, error);
    },
  );
  reader.closed.then(
    () => {
      readableClosed = true;
    },
    (error) => {
      writableClosed = true;
      readableClosed = true;
      destroyer(duplex, error);
    },
  );
  return duplex;
}
