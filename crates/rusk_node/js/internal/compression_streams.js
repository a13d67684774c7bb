// CompressionStream / DecompressionStream (WHATWG Compression): TransformStreams over the zlib
// native handle that node:zlib uses. Formats "gzip", "deflate" (zlib-wrapped) and
// "deflate-raw".
import * as Z from "rusk:native/zlib";
import { TransformStream } from "rusk:internal/webstreams";
import { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE } from "rusk:internal/errors";

// [compress mode, decompress mode] in node:zlib's numbering.
const FORMATS = { gzip: [3, 4], deflate: [1, 2], "deflate-raw": [5, 6] };
const NO_FLUSH = 0;
const FINISH = 4;

function transformOver(mode) {
  const handle = new Z.ZlibHandle(mode, -1, 15, 8);
  const emit = (controller, out) => {
    if (out.byteLength) controller.enqueue(new Uint8Array(out));
  };
  return new TransformStream({
    transform(chunk, controller) {
      if (!ArrayBuffer.isView(chunk) && !(chunk instanceof ArrayBuffer)) {
        throw ERR_INVALID_ARG_TYPE("chunk", ["ArrayBuffer", "Buffer", "TypedArray", "DataView"], chunk);
      }
      emit(controller, handle.push(chunk instanceof ArrayBuffer ? new Uint8Array(chunk) : chunk, NO_FLUSH));
    },
    flush(controller) {
      emit(controller, handle.push(new Uint8Array(0), FINISH));
    },
  });
}

function modeOf(format, which) {
  const modes = FORMATS[format];
  if (!Object.hasOwn(FORMATS, format)) throw ERR_INVALID_ARG_VALUE("format", format);
  return modes[which];
}

export class CompressionStream {
  #stream;
  constructor(format) {
    this.#stream = transformOver(modeOf(format, 0));
  }
  get readable() {
    return this.#stream.readable;
  }
  get writable() {
    return this.#stream.writable;
  }
}

export class DecompressionStream {
  #stream;
  constructor(format) {
    this.#stream = transformOver(modeOf(format, 1));
  }
  get readable() {
    return this.#stream.readable;
  }
  get writable() {
    return this.#stream.writable;
  }
}

for (const C of [CompressionStream, DecompressionStream]) {
  Object.defineProperty(C.prototype, Symbol.toStringTag, { value: C.name, configurable: true });
}
