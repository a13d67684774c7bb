// node:stream — Node's streams, written here in JS: the default export is the legacy `Stream`
// constructor carrying the classes and helpers, as `require("stream")` is in Node.

import promises from "node:stream/promises";
import { Stream } from "rusk:internal/streams_legacy";
import { Readable } from "rusk:internal/streams_readable";
import { Writable } from "rusk:internal/streams_writable";
import { Duplex } from "rusk:internal/streams_duplex";
import { PassThrough, Transform } from "rusk:internal/streams_transform";
import { pipeline } from "rusk:internal/streams_pipeline";
import { eos as finished } from "rusk:internal/streams_end_of_stream";
import { destroyer as destroy } from "rusk:internal/streams_destroy";
import { addAbortSignal } from "rusk:internal/streams_add_abort_signal";
import { compose } from "rusk:internal/streams_compose";
import { duplexPair } from "rusk:internal/streams_duplex_pair";
import "rusk:internal/streams_operators";
import {
  getDefaultHighWaterMark,
  isDestroyed,
  isDisturbed,
  isErrored,
  isReadable,
  isWritable,
  kPromisifyCustom,
  setDefaultHighWaterMark,
  viewToBuffer,
} from "rusk:internal/streams_utils";

// Web streams interop (Readable.toWeb, Duplex.fromWeb, ...): rusk:internal/streams_web_adapters
// and the web streams it brings load on the first call.
const webAdapters = () => globalThis[Symbol.for("rusk.internals")].requireBuiltin("rusk:internal/streams_web_adapters");
for (const [Class, toWebName, fromWebName] of [
  [Readable, "readableToWeb", "readableFromWeb"],
  [Writable, "writableToWeb", "writableFromWeb"],
  [Duplex, "duplexToWeb", "duplexFromWeb"],
]) {
  Class.toWeb = function toWeb(stream, options) {
    return webAdapters()[toWebName](stream, options);
  };
  Class.fromWeb = function fromWeb(webStream, options) {
    return webAdapters()[fromWebName](webStream, options);
  };
}

Object.defineProperty(pipeline, kPromisifyCustom, { value: promises.pipeline, enumerable: true, configurable: true });
Object.defineProperty(finished, kPromisifyCustom, { value: promises.finished, enumerable: true, configurable: true });

export function _isUint8Array(value) {
  return value instanceof Uint8Array;
}
export function _isArrayBufferView(value) {
  return ArrayBuffer.isView(value);
}
export function _uint8ArrayToBuffer(chunk) {
  return viewToBuffer(chunk);
}

Object.assign(Stream, {
  isDestroyed,
  isDisturbed,
  isErrored,
  isReadable,
  isWritable,
  Readable,
  Writable,
  Duplex,
  Transform,
  PassThrough,
  duplexPair,
  pipeline,
  addAbortSignal,
  finished,
  destroy,
  compose,
  setDefaultHighWaterMark,
  getDefaultHighWaterMark,
  Stream,
  _isArrayBufferView,
  _isUint8Array,
  _uint8ArrayToBuffer,
});
Object.defineProperty(Stream, "promises", {
  get() {
    return promises;
  },
  enumerable: true,
  configurable: true,
});

export {
  Stream,
  Readable,
  Writable,
  Duplex,
  Transform,
  PassThrough,
  duplexPair,
  pipeline,
  finished,
  addAbortSignal,
  compose,
  destroy,
  isDestroyed,
  isDisturbed,
  isErrored,
  isReadable,
  isWritable,
  getDefaultHighWaterMark,
  setDefaultHighWaterMark,
  promises,
};
export default Stream;
