// node:zlib over rusk:native/zlib (flate2's pure-Rust deflate/gzip, the brotli crate): the
// *Sync functions, their callback forms, and the Transform stream classes (Gzip, Inflate, ...),
// which load node:stream on first use.
import * as N from "rusk:native/zlib";
import { Buffer } from "node:buffer";
import { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, nodeError, validateFunction } from "rusk:internal/errors";

const requireBuiltin = globalThis[Symbol.for("rusk.internals")].requireBuiltin;

// Node's values (zlib.constants): flush values, return codes, modes, and brotli's parameters.
export const constants = Object.freeze({
  Z_NO_FLUSH: 0,
  Z_PARTIAL_FLUSH: 1,
  Z_SYNC_FLUSH: 2,
  Z_FULL_FLUSH: 3,
  Z_FINISH: 4,
  Z_BLOCK: 5,
  Z_OK: 0,
  Z_STREAM_END: 1,
  Z_NEED_DICT: 2,
  Z_ERRNO: -1,
  Z_STREAM_ERROR: -2,
  Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4,
  Z_BUF_ERROR: -5,
  Z_VERSION_ERROR: -6,
  Z_NO_COMPRESSION: 0,
  Z_BEST_SPEED: 1,
  Z_BEST_COMPRESSION: 9,
  Z_DEFAULT_COMPRESSION: -1,
  Z_FILTERED: 1,
  Z_HUFFMAN_ONLY: 2,
  Z_RLE: 3,
  Z_FIXED: 4,
  Z_DEFAULT_STRATEGY: 0,
  ZLIB_VERNUM: 4865,
  DEFLATE: 1,
  INFLATE: 2,
  GZIP: 3,
  GUNZIP: 4,
  DEFLATERAW: 5,
  INFLATERAW: 6,
  UNZIP: 7,
  BROTLI_DECODE: 8,
  BROTLI_ENCODE: 9,
  Z_MIN_WINDOWBITS: 8,
  Z_MAX_WINDOWBITS: 15,
  Z_DEFAULT_WINDOWBITS: 15,
  Z_MIN_CHUNK: 64,
  Z_MAX_CHUNK: Infinity,
  Z_DEFAULT_CHUNK: 16384,
  Z_MIN_MEMLEVEL: 1,
  Z_MAX_MEMLEVEL: 9,
  Z_DEFAULT_MEMLEVEL: 8,
  Z_MIN_LEVEL: -1,
  Z_MAX_LEVEL: 9,
  Z_DEFAULT_LEVEL: -1,
  BROTLI_OPERATION_PROCESS: 0,
  BROTLI_OPERATION_FLUSH: 1,
  BROTLI_OPERATION_FINISH: 2,
  BROTLI_OPERATION_EMIT_METADATA: 3,
  BROTLI_PARAM_MODE: 0,
  BROTLI_MODE_GENERIC: 0,
  BROTLI_MODE_TEXT: 1,
  BROTLI_MODE_FONT: 2,
  BROTLI_DEFAULT_MODE: 0,
  BROTLI_PARAM_QUALITY: 1,
  BROTLI_MIN_QUALITY: 0,
  BROTLI_MAX_QUALITY: 11,
  BROTLI_DEFAULT_QUALITY: 11,
  BROTLI_PARAM_LGWIN: 2,
  BROTLI_MIN_WINDOW_BITS: 10,
  BROTLI_MAX_WINDOW_BITS: 24,
  BROTLI_LARGE_MAX_WINDOW_BITS: 30,
  BROTLI_DEFAULT_WINDOW: 22,
  BROTLI_PARAM_LGBLOCK: 3,
  BROTLI_MIN_INPUT_BLOCK_BITS: 16,
  BROTLI_MAX_INPUT_BLOCK_BITS: 24,
  BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING: 4,
  BROTLI_PARAM_SIZE_HINT: 5,
  BROTLI_PARAM_LARGE_WINDOW: 6,
  BROTLI_PARAM_NPOSTFIX: 7,
  BROTLI_PARAM_NDIRECT: 8,
  BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION: 0,
  BROTLI_DECODER_PARAM_LARGE_WINDOW: 1,
});

export const codes = Object.freeze({
  Z_OK: 0,
  Z_STREAM_END: 1,
  Z_NEED_DICT: 2,
  Z_ERRNO: -1,
  Z_STREAM_ERROR: -2,
  Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4,
  Z_BUF_ERROR: -5,
  Z_VERSION_ERROR: -6,
  0: "Z_OK",
  1: "Z_STREAM_END",
  2: "Z_NEED_DICT",
  "-1": "Z_ERRNO",
  "-2": "Z_STREAM_ERROR",
  "-3": "Z_DATA_ERROR",
  "-4": "Z_MEM_ERROR",
  "-5": "Z_BUF_ERROR",
  "-6": "Z_VERSION_ERROR",
});

function inputBytes(buffer) {
  if (typeof buffer === "string") return Buffer.from(buffer);
  if (ArrayBuffer.isView(buffer)) return buffer;
  if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer);
  throw ERR_INVALID_ARG_TYPE("buffer", ["string", "Buffer", "TypedArray", "DataView", "ArrayBuffer"], buffer);
}

function checkRange(options, key, min, max, fallback) {
  const v = options?.[key];
  if (v === undefined) return fallback;
  if (typeof v !== "number") throw ERR_INVALID_ARG_TYPE(`options.${key}`, "number", v);
  if (!Number.isFinite(v) || v < min || v > max) throw ERR_OUT_OF_RANGE(`options.${key}`, `>= ${min} and <= ${max}`, v);
  return v;
}

/** A native handle for `mode` with the options Node accepts. */
function makeHandle(mode, options) {
  if (options !== undefined && (options === null || typeof options !== "object")) throw ERR_INVALID_ARG_TYPE("options", "Object", options);
  if (mode === constants.BROTLI_ENCODE || mode === constants.BROTLI_DECODE) {
    const params = options?.params ?? {};
    const quality = params[constants.BROTLI_PARAM_QUALITY] ?? constants.BROTLI_DEFAULT_QUALITY;
    const lgwin = params[constants.BROTLI_PARAM_LGWIN] ?? constants.BROTLI_DEFAULT_WINDOW;
    return new N.ZlibHandle(mode, quality, lgwin, 0);
  }
  const level = checkRange(options, "level", -1, 9, -1);
  const windowBits = checkRange(options, "windowBits", 8, 15, 15);
  const memLevel = checkRange(options, "memLevel", 1, 9, 8);
  checkRange(options, "strategy", 0, 4, 0);
  return new N.ZlibHandle(mode, level, windowBits, memLevel);
}

function processSync(mode, buffer, options) {
  const bytes = inputBytes(buffer);
  const handle = makeHandle(mode, options);
  const out = Buffer.from(handle.push(bytes, constants.Z_FINISH));
  const max = options?.maxOutputLength;
  if (max !== undefined && out.length > max) {
    throw nodeError(RangeError, "ERR_BUFFER_TOO_LARGE", `Cannot create a Buffer larger than ${max} bytes`);
  }
  return options?.info ? { buffer: out, engine: handle } : out;
}

function processAsync(mode, buffer, options, callback) {
  if (typeof options === "function") [options, callback] = [{}, options];
  validateFunction(callback, "callback");
  let result;
  try {
    result = processSync(mode, buffer, options);
  } catch (e) {
    process.nextTick(callback, e);
    return;
  }
  process.nextTick(callback, null, result);
}

const MODES = {
  Deflate: constants.DEFLATE,
  Inflate: constants.INFLATE,
  Gzip: constants.GZIP,
  Gunzip: constants.GUNZIP,
  DeflateRaw: constants.DEFLATERAW,
  InflateRaw: constants.INFLATERAW,
  Unzip: constants.UNZIP,
  BrotliCompress: constants.BROTLI_ENCODE,
  BrotliDecompress: constants.BROTLI_DECODE,
};

export const deflateSync = (b, o) => processSync(MODES.Deflate, b, o);
export const inflateSync = (b, o) => processSync(MODES.Inflate, b, o);
export const gzipSync = (b, o) => processSync(MODES.Gzip, b, o);
export const gunzipSync = (b, o) => processSync(MODES.Gunzip, b, o);
export const deflateRawSync = (b, o) => processSync(MODES.DeflateRaw, b, o);
export const inflateRawSync = (b, o) => processSync(MODES.InflateRaw, b, o);
export const unzipSync = (b, o) => processSync(MODES.Unzip, b, o);
export const brotliCompressSync = (b, o) => processSync(MODES.BrotliCompress, b, o);
export const brotliDecompressSync = (b, o) => processSync(MODES.BrotliDecompress, b, o);

export const deflate = (b, o, cb) => processAsync(MODES.Deflate, b, o, cb);
export const inflate = (b, o, cb) => processAsync(MODES.Inflate, b, o, cb);
export const gzip = (b, o, cb) => processAsync(MODES.Gzip, b, o, cb);
export const gunzip = (b, o, cb) => processAsync(MODES.Gunzip, b, o, cb);
export const deflateRaw = (b, o, cb) => processAsync(MODES.DeflateRaw, b, o, cb);
export const inflateRaw = (b, o, cb) => processAsync(MODES.InflateRaw, b, o, cb);
export const unzip = (b, o, cb) => processAsync(MODES.Unzip, b, o, cb);
export const brotliCompress = (b, o, cb) => processAsync(MODES.BrotliCompress, b, o, cb);
export const brotliDecompress = (b, o, cb) => processAsync(MODES.BrotliDecompress, b, o, cb);

// ---- stream classes: Transforms over a handle, made on first use (node:stream loads then) ----

const classes = {};

function streamClass(name) {
  if (classes[name]) return classes[name];
  const { Transform } = requireBuiltin("stream");
  const mode = MODES[name];
  class ZlibStream extends Transform {
    constructor(options) {
      super({ ...options, encoding: undefined, objectMode: false, readableObjectMode: false, writableObjectMode: false });
      this._handle = makeHandle(mode, options);
      this._finishFlush = options?.finishFlush ?? constants.Z_FINISH;
      this.bytesWritten = 0;
    }
    _transform(chunk, encoding, callback) {
      let out;
      try {
        const bytes = typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk;
        this.bytesWritten += bytes.length;
        out = Buffer.from(this._handle.push(bytes, constants.Z_NO_FLUSH));
      } catch (e) {
        callback(e);
        return;
      }
      if (out.length) this.push(out);
      callback();
    }
    _flush(callback) {
      let out;
      try {
        out = Buffer.from(this._handle.push(new Uint8Array(0), this._finishFlush));
      } catch (e) {
        callback(e);
        return;
      }
      if (out.length) this.push(out);
      callback();
    }
    /** `flush([kind], callback)`: emit what is buffered (a sync flush by default). */
    flush(kind, callback) {
      if (typeof kind === "function") [kind, callback] = [constants.Z_FULL_FLUSH, kind];
      try {
        const out = Buffer.from(this._handle.push(new Uint8Array(0), kind ?? constants.Z_FULL_FLUSH));
        if (out.length) this.push(out);
      } catch (e) {
        this.destroy(e);
      }
      if (callback) process.nextTick(callback);
    }
    close(callback) {
      if (callback) this.once("close", callback);
      this.destroy();
    }
    params(level, strategy, callback) {
      if (callback) process.nextTick(callback);
    }
    reset() {
      this._handle = makeHandle(mode, {});
    }
  }
  Object.defineProperty(ZlibStream, "name", { value: name });
  // Node's classes may be called without `new`.
  const callable = new Proxy(ZlibStream, {
    apply(target, thisArg, args) {
      return new target(...args);
    },
  });
  classes[name] = callable;
  return callable;
}

const lazyClass = (name) => ({
  get: () => streamClass(name),
  enumerable: true,
  configurable: true,
});

export const createDeflate = (o) => new (streamClass("Deflate"))(o);
export const createInflate = (o) => new (streamClass("Inflate"))(o);
export const createGzip = (o) => new (streamClass("Gzip"))(o);
export const createGunzip = (o) => new (streamClass("Gunzip"))(o);
export const createDeflateRaw = (o) => new (streamClass("DeflateRaw"))(o);
export const createInflateRaw = (o) => new (streamClass("InflateRaw"))(o);
export const createUnzip = (o) => new (streamClass("Unzip"))(o);
export const createBrotliCompress = (o) => new (streamClass("BrotliCompress"))(o);
export const createBrotliDecompress = (o) => new (streamClass("BrotliDecompress"))(o);

const zlib = {
  constants,
  codes,
  deflateSync,
  inflateSync,
  gzipSync,
  gunzipSync,
  deflateRawSync,
  inflateRawSync,
  unzipSync,
  brotliCompressSync,
  brotliDecompressSync,
  deflate,
  inflate,
  gzip,
  gunzip,
  deflateRaw,
  inflateRaw,
  unzip,
  brotliCompress,
  brotliDecompress,
  createDeflate,
  createInflate,
  createGzip,
  createGunzip,
  createDeflateRaw,
  createInflateRaw,
  createUnzip,
  createBrotliCompress,
  createBrotliDecompress,
};
for (const name of Object.keys(MODES)) Object.defineProperty(zlib, name, lazyClass(name));
// Node also exposes the constants at the top level (zlib.Z_NO_FLUSH ...).
for (const [k, v] of Object.entries(constants)) if (!(k in zlib)) zlib[k] = v;

export default zlib;
