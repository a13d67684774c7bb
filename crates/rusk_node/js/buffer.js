// node:buffer — Buffer (a Uint8Array subclass), Blob, File, atob/btoa, transcode, isUtf8, isAscii.
//
// Everything is plain JavaScript over the engine's typed arrays plus the global
// TextEncoder/TextDecoder, so this file also runs unchanged under Node for differential tests.
// Where QuickJS-ng has native Uint8Array base64/hex helpers (toBase64, toHex, fromBase64,
// fromHex) they are used as fast paths; the JavaScript fallbacks define the behaviour.

import {
  ERR_INVALID_ARG_TYPE,
  ERR_INVALID_ARG_VALUE,
  ERR_OUT_OF_RANGE,
  nodeError,
  received,
  validateInteger,
  validateNumber,
  validateArray,
} from "rusk:internal/errors";

// ---------------------------------------------------------------------------------------------
// Limits. These are the engine's (QuickJS-ng), not V8's: an ArrayBuffer holds at most 2^31 - 1
// bytes and a string at most 2^30 - 1 code units.

const kMaxLength = 2 ** 31 - 1;
const kStringMaxLength = 2 ** 30 - 1;
const constants = Object.freeze({ MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength });

let INSPECT_MAX_BYTES = 50;

// ---------------------------------------------------------------------------------------------
// Errors specific to this module.

const ERR_UNKNOWN_ENCODING = (encoding) => nodeError(TypeError, "ERR_UNKNOWN_ENCODING", `Unknown encoding: ${formatValue(encoding)}`);
const ERR_BUFFER_OUT_OF_BOUNDS = (name) =>
  nodeError(RangeError, "ERR_BUFFER_OUT_OF_BOUNDS", name ? `"${name}" is outside of buffer bounds` : "Attempt to access memory outside buffer bounds");
const ERR_INVALID_BUFFER_SIZE = (bits) => nodeError(RangeError, "ERR_INVALID_BUFFER_SIZE", `Buffer size must be a multiple of ${bits}`);
const ERR_INVALID_THIS = (type) => nodeError(TypeError, "ERR_INVALID_THIS", `Value of "this" must be of type ${type}`);
const ERR_INDEX_OUT_OF_RANGE = () => nodeError(RangeError, "ERR_OUT_OF_RANGE", "Index out of range");
const ERR_NOT_A_STRING = () => nodeError(TypeError, "ERR_INVALID_ARG_TYPE", "argument must be a string");

function ERR_MISSING_ARGS(...names) {
  const quoted = names.map((n) => `"${n}"`);
  let list;
  if (quoted.length === 1) list = `${quoted[0]} argument`;
  else if (quoted.length === 2) list = `${quoted[0]} and ${quoted[1]} arguments`;
  else list = `${quoted.slice(0, -1).join(", ")}, and ${quoted[quoted.length - 1]} arguments`;
  return nodeError(TypeError, "ERR_MISSING_ARGS", `The ${list} must be specified`);
}

// The DOMException that atob/btoa throw (code 5, name "InvalidCharacterError").
function invalidCharacterError(message) {
  if (typeof globalThis.DOMException === "function") return new globalThis.DOMException(message, "InvalidCharacterError");
  const err = new Error(message);
  err.name = "InvalidCharacterError";
  err.code = 5;
  return err;
}

/** A value in a message the way Node's "%s" shows it: plain objects are inspected. */
function formatValue(value) {
  const inspect = globalThis[Symbol.for("rusk.internals")]?.inspect;
  if (typeof value === "object" && value !== null && inspect) {
    const toString = value.toString;
    if (toString === Object.prototype.toString || toString === Array.prototype.toString) return inspect(value, { depth: 0 });
  }
  return String(value);
}

/** Buffer sizes: numbers in [0, kMaxLength] (fractions are truncated later). */
function validateSize(size) {
  if (typeof size !== "number" || !(size >= 0 && size <= kMaxLength)) validateNumber(size, "size", 0, kMaxLength);
}

/** Offsets and lengths: integers in [min, max], Node's messages. */
function validateOffset(value, name, min = 0, max = kMaxLength) {
  validateInteger(value, name, min, max);
}

// ---------------------------------------------------------------------------------------------
// Type checks that do not trust prototypes.

const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;

function isUint8Array(value) {
  return ArrayBuffer.isView(value) && typedArrayTag.call(value) === "Uint8Array";
}
function isTypedArray(value) {
  return ArrayBuffer.isView(value) && typedArrayTag.call(value) !== undefined;
}
function isAnyArrayBuffer(value) {
  return value instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && value instanceof SharedArrayBuffer);
}

// ---------------------------------------------------------------------------------------------
// Engine helpers and shared tables.

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HAS_TO_HEX = typeof Uint8Array.prototype.toHex === "function";
const HAS_FROM_HEX = typeof Uint8Array.fromHex === "function";
const HAS_TO_BASE64 = typeof Uint8Array.prototype.toBase64 === "function";
const HAS_FROM_BASE64 = typeof Uint8Array.fromBase64 === "function";
const BASE64URL_OPTIONS = { alphabet: "base64url", omitPadding: true };
const BASE64URL_DECODE_OPTIONS = { alphabet: "base64url" };

const encoder = new TextEncoder();
// Buffers keep a leading BOM (Node does), so the decoder must not strip it.
const utf8Decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const strictUtf8Decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

// String.fromCharCode.apply takes at most this many code units per call.
const CHARS_PER_CALL = 8192;

const HEX_PAIRS = [];
for (let i = 0; i < 256; i++) HEX_PAIRS.push((i < 16 ? "0" : "") + i.toString(16));

// Byte value of a hex digit, -1 for anything else (indexed by the low 8 bits of a char code).
const HEX_VALUES = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX_VALUES[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX_VALUES[65 + i] = 10 + i;
  HEX_VALUES[97 + i] = 10 + i;
}

const BASE64_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64URL_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
// Node decodes both alphabets whatever the encoding's name says.
const BASE64_VALUES = new Int8Array(256).fill(-1);
for (let i = 0; i < 64; i++) {
  BASE64_VALUES[BASE64_CHARS.charCodeAt(i)] = i;
  BASE64_VALUES[BASE64URL_CHARS.charCodeAt(i)] = i;
}

/** A plain Uint8Array turned into a Buffer without copying. */
function asBuffer(u8) {
  Object.setPrototypeOf(u8, FastBuffer.prototype);
  return u8;
}

/** A Uint8Array view of bytes [start, end) of `buf` (no species lookup, no copy). */
function rawView(buf, start, end) {
  return new Uint8Array(buf.buffer, buf.byteOffset + start, end - start);
}

// ---------------------------------------------------------------------------------------------
// Codecs. Each encoding has: byteLength(string), write(buf, string, offset, maxBytes) → bytes
// written, slice(buf, start, end) → string, encode(string) → Buffer.

function utf8ByteLength(string) {
  const n = string.length;
  // Beyond a few characters the native encoder beats a JavaScript loop in the interpreter.
  if (n > 32) return encoder.encode(string).length;
  let bytes = n;
  for (let i = 0; i < n; i++) {
    const c = string.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      bytes += 1;
      continue;
    }
    bytes += 2;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = string.charCodeAt(i + 1);
      // A surrogate pair is 4 bytes: 1 + 2 counted for the high unit, 1 for the low one.
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return bytes;
}

function utf8Write(buf, string, offset, maxBytes) {
  if (typeof string !== "string") throw ERR_NOT_A_STRING();
  if (maxBytes <= 0) return 0;
  const target = offset === 0 && maxBytes === buf.length ? buf : rawView(buf, offset, offset + maxBytes);
  return encoder.encodeInto(string, target).written;
}

function utf8Slice(buf, start, end) {
  if (start === end) return "";
  return utf8Decoder.decode(start === 0 && end === buf.length ? buf : rawView(buf, start, end));
}

// Native regular expressions answer "is it all ASCII?" much faster than a loop over the units.
const NON_ASCII_UNIT = /[^\u0000-\u007f]/;
const HIGH_LATIN1_CHARS = /[\u0080-\u00ff]/g;

function latin1Write(buf, string, offset, maxBytes) {
  if (typeof string !== "string") throw ERR_NOT_A_STRING();
  const n = string.length < maxBytes ? string.length : maxBytes;
  if (n === 0) return 0;
  const part = n === string.length ? string : string.slice(0, n);
  // ASCII text has the same bytes in Latin-1 and UTF-8: let the native encoder write them.
  if (n > 16 && !NON_ASCII_UNIT.test(part)) return encoder.encodeInto(part, rawView(buf, offset, offset + n)).written;
  for (let i = 0; i < n; i++) buf[offset + i] = part.charCodeAt(i);
  return n;
}

function charCodesToString(codes) {
  const n = codes.length;
  if (n <= CHARS_PER_CALL) return String.fromCharCode.apply(null, codes);
  let out = "";
  for (let i = 0; i < n; i += CHARS_PER_CALL) out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(i + CHARS_PER_CALL, n)));
  return out;
}

function latin1Slice(buf, start, end) {
  if (start === end) return "";
  return charCodesToString(rawView(buf, start, end));
}

function clearHighBit(char) {
  return String.fromCharCode(char.charCodeAt(0) & 0x7f);
}

function asciiSlice(buf, start, end) {
  const text = latin1Slice(buf, start, end);
  return NON_ASCII_UNIT.test(text) ? text.replace(HIGH_LATIN1_CHARS, clearHighBit) : text;
}

function ucs2Write(buf, string, offset, maxBytes) {
  if (typeof string !== "string") throw ERR_NOT_A_STRING();
  const units = Math.min(string.length, maxBytes >>> 1);
  for (let i = 0, j = offset; i < units; i++, j += 2) {
    const c = string.charCodeAt(i);
    buf[j] = c;
    buf[j + 1] = c >>> 8;
  }
  return units * 2;
}

function ucs2Slice(buf, start, end) {
  const units = (end - start) >>> 1;
  if (units === 0) return "";
  const byteStart = buf.byteOffset + start;
  let codes;
  if (LITTLE_ENDIAN && (byteStart & 1) === 0) codes = new Uint16Array(buf.buffer, byteStart, units);
  else {
    codes = new Uint16Array(units);
    for (let i = 0, j = start; i < units; i++, j += 2) codes[i] = buf[j] | (buf[j + 1] << 8);
  }
  return charCodesToString(codes);
}

function ucs2Encode(string) {
  const buf = allocate(string.length * 2);
  ucs2Write(buf, string, 0, buf.length);
  return buf;
}

/** Decodes hex pairs into `buf` until the first pair that is not hex; returns the bytes written. */
function hexDecodeInto(buf, string, offset, maxBytes) {
  const pairs = string.length >>> 1;
  const n = pairs < maxBytes ? pairs : maxBytes;
  let i = 0;
  for (; i < n; i++) {
    // Node reads each UTF-16 unit through its low byte, so 'š' (U+0161) counts as 'a'.
    const hi = HEX_VALUES[string.charCodeAt(2 * i) & 0xff];
    const lo = HEX_VALUES[string.charCodeAt(2 * i + 1) & 0xff];
    if (hi < 0 || lo < 0) break;
    buf[offset + i] = (hi << 4) | lo;
  }
  return i;
}

/** The whole string as hex when it is well-formed, else null (the caller falls back). */
function nativeFromHex(string) {
  if (!HAS_FROM_HEX || (string.length & 1) !== 0) return null;
  try {
    return Uint8Array.fromHex(string);
  } catch {
    return null;
  }
}

function hexWrite(buf, string, offset, maxBytes) {
  if (typeof string !== "string") throw ERR_NOT_A_STRING();
  const decoded = nativeFromHex(string);
  if (decoded !== null) {
    const n = Math.min(decoded.length, maxBytes);
    buf.set(n === decoded.length ? decoded : decoded.subarray(0, n), offset);
    return n;
  }
  return hexDecodeInto(buf, string, offset, maxBytes);
}

function hexEncode(string) {
  const decoded = nativeFromHex(string);
  if (decoded !== null) return asBuffer(decoded);
  const buf = allocate(string.length >>> 1);
  const n = hexDecodeInto(buf, string, 0, buf.length);
  return n === buf.length ? buf : new FastBuffer(buf.buffer, buf.byteOffset, n);
}

function hexSlice(buf, start, end) {
  if (start === end) return "";
  if (HAS_TO_HEX) return rawView(buf, start, end).toHex();
  let out = "";
  for (let i = start; i < end; i++) out += HEX_PAIRS[buf[i]];
  return out;
}

/** Node's size estimate for base64 input: trailing '=' (at most two) do not count. */
function base64ByteLength(string) {
  let n = string.length;
  if (n > 0 && string.charCodeAt(n - 1) === 0x3d) n--;
  if (n > 1 && string.charCodeAt(n - 1) === 0x3d) n--;
  return (n * 3) >>> 2;
}

/**
 * Node's lenient base64 decoding: both alphabets, characters outside them are skipped, the
 * first '=' ends the input, a lone trailing character is dropped. Each UTF-16 unit is read
 * through its low byte, as Node does. Returns the bytes written.
 */
function base64DecodeInto(buf, string, offset, maxBytes) {
  const n = string.length;
  let written = 0;
  let phase = 0;
  let previous = 0;
  for (let i = 0; i < n && written < maxBytes; i++) {
    const code = string.charCodeAt(i) & 0xff;
    const value = BASE64_VALUES[code];
    if (value < 0) {
      if (code === 0x3d) break;
      continue;
    }
    switch (phase) {
      case 0:
        phase = 1;
        break;
      case 1:
        buf[offset + written++] = (previous << 2) | (value >> 4);
        phase = 2;
        break;
      case 2:
        buf[offset + written++] = ((previous & 0x0f) << 4) | (value >> 2);
        phase = 3;
        break;
      default:
        buf[offset + written++] = ((previous & 0x03) << 6) | value;
        phase = 0;
    }
    previous = value;
  }
  return written;
}

/** Well-formed base64 decoded natively, else null (then Node's lenient rules apply). */
function nativeFromBase64(string, url) {
  if (!HAS_FROM_BASE64) return null;
  try {
    return url ? Uint8Array.fromBase64(string, BASE64URL_DECODE_OPTIONS) : Uint8Array.fromBase64(string);
  } catch {
    return null;
  }
}

function base64Decode(string, url) {
  const decoded = nativeFromBase64(string, url);
  if (decoded !== null) return asBuffer(decoded);
  const buf = allocate(base64ByteLength(string));
  const n = base64DecodeInto(buf, string, 0, buf.length);
  return n === buf.length ? buf : new FastBuffer(buf.buffer, buf.byteOffset, n);
}

function base64WriteWith(buf, string, offset, maxBytes, url) {
  if (typeof string !== "string") throw ERR_NOT_A_STRING();
  const decoded = nativeFromBase64(string, url);
  if (decoded !== null) {
    const n = Math.min(decoded.length, maxBytes);
    buf.set(n === decoded.length ? decoded : decoded.subarray(0, n), offset);
    return n;
  }
  return base64DecodeInto(buf, string, offset, maxBytes);
}

function base64Encode(buf, start, end, url) {
  if (start === end) return "";
  if (HAS_TO_BASE64) return url ? rawView(buf, start, end).toBase64(BASE64URL_OPTIONS) : rawView(buf, start, end).toBase64();
  const chars = url ? BASE64URL_CHARS : BASE64_CHARS;
  let out = "";
  let i = start;
  for (; i + 2 < end; i += 3) {
    const n = (buf[i] << 16) | (buf[i + 1] << 8) | buf[i + 2];
    out += chars[n >> 18] + chars[(n >> 12) & 63] + chars[(n >> 6) & 63] + chars[n & 63];
  }
  const rest = end - i;
  if (rest === 1) {
    const n = buf[i] << 16;
    out += chars[n >> 18] + chars[(n >> 12) & 63] + (url ? "" : "==");
  } else if (rest === 2) {
    const n = (buf[i] << 16) | (buf[i + 1] << 8);
    out += chars[n >> 18] + chars[(n >> 12) & 63] + chars[(n >> 6) & 63] + (url ? "" : "=");
  }
  return out;
}

function latin1Encode(string) {
  const buf = allocate(string.length);
  latin1Write(buf, string, 0, buf.length);
  return buf;
}

const UTF8 = {
  name: "utf8",
  byteLength: utf8ByteLength,
  write: utf8Write,
  slice: utf8Slice,
  encode: (string) => asBuffer(encoder.encode(string)),
};
const UCS2 = {
  name: "ucs2",
  byteLength: (string) => string.length * 2,
  write: ucs2Write,
  slice: ucs2Slice,
  encode: ucs2Encode,
};
const LATIN1 = {
  name: "latin1",
  byteLength: (string) => string.length,
  write: latin1Write,
  slice: latin1Slice,
  encode: latin1Encode,
};
// Node writes 'ascii' exactly as 'latin1' (the low byte of each unit) and reads it masked to 7 bits.
const ASCII = {
  name: "ascii",
  byteLength: (string) => string.length,
  write: latin1Write,
  slice: asciiSlice,
  encode: latin1Encode,
};
const HEX = {
  name: "hex",
  byteLength: (string) => string.length >>> 1,
  write: hexWrite,
  slice: hexSlice,
  encode: hexEncode,
};
const BASE64 = {
  name: "base64",
  byteLength: base64ByteLength,
  write: (buf, string, offset, maxBytes) => base64WriteWith(buf, string, offset, maxBytes, false),
  slice: (buf, start, end) => base64Encode(buf, start, end, false),
  encode: (string) => base64Decode(string, false),
};
const BASE64URL = {
  name: "base64url",
  byteLength: base64ByteLength,
  write: (buf, string, offset, maxBytes) => base64WriteWith(buf, string, offset, maxBytes, true),
  slice: (buf, start, end) => base64Encode(buf, start, end, true),
  encode: (string) => base64Decode(string, true),
};

const CODECS = Object.assign(Object.create(null), {
  utf8: UTF8,
  "utf-8": UTF8,
  ucs2: UCS2,
  "ucs-2": UCS2,
  utf16le: UCS2,
  "utf-16le": UCS2,
  latin1: LATIN1,
  binary: LATIN1,
  ascii: ASCII,
  hex: HEX,
  base64: BASE64,
  base64url: BASE64URL,
});

/** The codec for an encoding name (any case), or undefined. Non-strings are stringified. */
function lookupCodec(encoding) {
  const name = typeof encoding === "string" ? encoding : `${encoding}`;
  return CODECS[name] ?? CODECS[name.toLowerCase()];
}

/** Node's normalizeEncoding: null/undefined mean utf8; returns the codec or undefined. */
function normalizeCodec(encoding) {
  if (encoding === undefined || encoding === null) return UTF8;
  if (typeof encoding !== "string") return undefined;
  return lookupCodec(encoding);
}

// ---------------------------------------------------------------------------------------------
// Buffer: instances are FastBuffers (a Uint8Array subclass); `Buffer` itself is a plain
// function (callable without `new`, as in Node) sharing FastBuffer's prototype.

class FastBuffer extends Uint8Array {
  // Explicit parameters: a rest/spread constructor is slower in the interpreter.
  constructor(bufferOrLength, byteOffset, length) {
    super(bufferOrLength, byteOffset, length);
  }
}

function Buffer(arg, encodingOrOffset, length) {
  if (typeof arg === "number") {
    if (typeof encodingOrOffset === "string") throw ERR_INVALID_ARG_TYPE("string", "string", arg);
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}
Buffer.prototype = FastBuffer.prototype;
Object.defineProperty(FastBuffer.prototype, "constructor", { value: Buffer, writable: true, configurable: true, enumerable: false });
Object.setPrototypeOf(Buffer, Uint8Array);

Buffer.poolSize = 8 * 1024;

// Small allocations are carved out of a shared pool, as in Node (so `buf.buffer` may be larger
// than the Buffer, and `byteOffset` non-zero).
let pool = null;
let poolOffset = 0;

function allocate(size) {
  if (size <= 0) return new FastBuffer();
  if (size < Buffer.poolSize >>> 1) {
    if (pool === null || size > pool.byteLength - poolOffset) {
      pool = new ArrayBuffer(Buffer.poolSize);
      poolOffset = 0;
    }
    const buf = new FastBuffer(pool, poolOffset, size);
    // Keep the next slice 8-byte aligned.
    poolOffset = (poolOffset + size + 7) & ~7;
    return buf;
  }
  return new FastBuffer(size);
}

function fromString(string, encoding) {
  let codec;
  if (typeof encoding !== "string" || encoding.length === 0) codec = UTF8;
  else {
    codec = lookupCodec(encoding);
    if (codec === undefined) throw ERR_UNKNOWN_ENCODING(encoding);
  }
  if (string.length === 0) return new FastBuffer();
  return codec.encode(string);
}

function fromArrayBuffer(arrayBuffer, byteOffset, length) {
  if (byteOffset === undefined) byteOffset = 0;
  else {
    byteOffset = +byteOffset;
    if (Number.isNaN(byteOffset)) byteOffset = 0;
  }
  const maxLength = arrayBuffer.byteLength - byteOffset;
  if (maxLength < 0) throw ERR_BUFFER_OUT_OF_BOUNDS("offset");
  if (length === undefined) length = maxLength;
  else {
    length = +length;
    if (length > 0) {
      if (length > maxLength) throw ERR_BUFFER_OUT_OF_BOUNDS("length");
    } else length = 0;
  }
  return new FastBuffer(arrayBuffer, byteOffset, length);
}

function fromArrayLike(arrayLike) {
  const n = arrayLike.length;
  if (!(n > 0)) return new FastBuffer();
  const buf = allocate(Math.floor(n));
  buf.set(arrayLike);
  return buf;
}

function fromObject(object) {
  if (object.length !== undefined || isAnyArrayBuffer(object.buffer)) {
    if (typeof object.length !== "number") return new FastBuffer();
    return fromArrayLike(object);
  }
  if (object.type === "Buffer" && Array.isArray(object.data)) return fromArrayLike(object.data);
  return undefined;
}

function invalidFromArgument(value) {
  return nodeError(
    TypeError,
    "ERR_INVALID_ARG_TYPE",
    `The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. ${received(value)}`,
  );
}

Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === "string") return fromString(value, encodingOrOffset);
  if (typeof value === "object" && value !== null) {
    if (isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);
    const primitive = typeof value.valueOf === "function" ? value.valueOf() : undefined;
    if (primitive != null && primitive !== value && (typeof primitive === "string" || typeof primitive === "object")) {
      return Buffer.from(primitive, encodingOrOffset, length);
    }
    const buf = fromObject(value);
    if (buf !== undefined) return buf;
    if (typeof value[Symbol.toPrimitive] === "function") {
      const string = value[Symbol.toPrimitive]("string");
      if (typeof string === "string") return fromString(string, encodingOrOffset);
    }
  }
  throw invalidFromArgument(value);
};

Buffer.copyBytesFrom = function copyBytesFrom(view, offset, length) {
  if (!isTypedArray(view)) throw ERR_INVALID_ARG_TYPE("view", ["TypedArray"], view);
  const viewLength = view.length;
  if (viewLength === 0) return new FastBuffer();
  if (offset !== undefined || length !== undefined) {
    if (offset !== undefined) {
      validateInteger(offset, "offset", 0);
      if (offset >= viewLength) return new FastBuffer();
    } else offset = 0;
    let end;
    if (length !== undefined) {
      validateInteger(length, "length", 0);
      end = offset + length;
    } else end = viewLength;
    view = view.subarray(offset, end);
  }
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  const buf = allocate(bytes.length);
  buf.set(bytes);
  return buf;
};

Buffer.of = function of(...items) {
  const buf = allocate(items.length);
  for (let i = 0; i < items.length; i++) buf[i] = items[i];
  return buf;
};

Buffer.alloc = function alloc(size, fill, encoding) {
  validateSize(size);
  if (fill !== undefined && fill !== 0 && size > 0) return fillBuffer(new FastBuffer(size), fill, 0, Math.floor(size), encoding);
  return new FastBuffer(size);
};

Buffer.allocUnsafe = function allocUnsafe(size) {
  validateSize(size);
  return allocate(Math.floor(size));
};

Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
  validateSize(size);
  return new FastBuffer(size);
};

Buffer.isBuffer = function isBuffer(value) {
  return value instanceof Buffer;
};

Buffer.compare = function compare(buf1, buf2) {
  if (!isUint8Array(buf1)) throw ERR_INVALID_ARG_TYPE("buf1", ["Buffer", "Uint8Array"], buf1);
  if (!isUint8Array(buf2)) throw ERR_INVALID_ARG_TYPE("buf2", ["Buffer", "Uint8Array"], buf2);
  if (buf1 === buf2) return 0;
  return compareRanges(buf1, 0, buf1.length, buf2, 0, buf2.length);
};

Buffer.isEncoding = function isEncoding(encoding) {
  return typeof encoding === "string" && encoding.length !== 0 && lookupCodec(encoding) !== undefined;
};

Buffer.concat = function concat(list, length) {
  validateArray(list, "list");
  if (list.length === 0) return new FastBuffer();
  if (length === undefined) {
    length = 0;
    for (let i = 0; i < list.length; i++) if (list[i].length) length += list[i].length;
  } else validateOffset(length, "length");
  const result = allocate(length);
  let position = 0;
  for (let i = 0; i < list.length; i++) {
    const buf = list[i];
    if (!isUint8Array(buf)) throw ERR_INVALID_ARG_TYPE(`list[${i}]`, ["Buffer", "Uint8Array"], buf);
    position += copyBytes(buf, result, position, 0, buf.length);
  }
  // A totalLength beyond the parts reads as zeros, as in Node.
  if (position < length) result.fill(0, position, length);
  return result;
};

Buffer.byteLength = function byteLength(string, encoding) {
  if (typeof string !== "string") {
    if (ArrayBuffer.isView(string) || isAnyArrayBuffer(string)) return string.byteLength;
    throw ERR_INVALID_ARG_TYPE("string", ["string", "Buffer", "ArrayBuffer"], string);
  }
  if (string.length === 0) return 0;
  if (!encoding) return utf8ByteLength(string);
  const codec = lookupCodec(encoding);
  return (codec ?? UTF8).byteLength(string);
};

// ---------------------------------------------------------------------------------------------
// Copy and compare.

/** Copies source[sourceStart, sourceEnd) to target at targetStart, clipped to both; returns the count. */
function copyBytes(source, target, targetStart, sourceStart, sourceEnd) {
  if (sourceEnd - sourceStart > target.length - targetStart) sourceEnd = sourceStart + target.length - targetStart;
  let count = sourceEnd - sourceStart;
  const available = source.length - sourceStart;
  if (count > available) count = available;
  if (count <= 0) return 0;
  // TypedArray#set copies as if through a temporary, so overlapping ranges are safe.
  target.set(rawView(source, sourceStart, sourceStart + count), targetStart);
  return count;
}

// Long byte ranges are compared through their hex text: the engine's native toHex and string
// comparison beat a byte loop in the interpreter, and hex text sorts as the bytes do.
const HEX_CHUNK = 4096;

/** -1, 0 or 1 for a[aStart, aEnd) against b[bStart, bEnd), bytewise then by length. */
function compareRanges(a, aStart, aEnd, b, bStart, bEnd) {
  const aLength = aEnd - aStart;
  const bLength = bEnd - bStart;
  const n = aLength < bLength ? aLength : bLength;
  if (HAS_TO_HEX && n > 64) {
    for (let i = 0; i < n; i += HEX_CHUNK) {
      const m = Math.min(HEX_CHUNK, n - i);
      const x = rawView(a, aStart + i, aStart + i + m).toHex();
      const y = rawView(b, bStart + i, bStart + i + m).toHex();
      if (x !== y) return x < y ? -1 : 1;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const x = a[aStart + i];
      const y = b[bStart + i];
      if (x !== y) return x < y ? -1 : 1;
    }
  }
  return aLength > bLength ? 1 : aLength < bLength ? -1 : 0;
}

/** copy()'s index coercion: finite numbers are floored, NaN and infinities give the default. */
function toCopyIndex(value, fallback) {
  value = +value;
  return Number.isFinite(value) ? Math.floor(value) : fallback;
}

// ---------------------------------------------------------------------------------------------
// Search.

/**
 * Where a search starts, as Node clamps it: a negative offset counts from the end; past either
 * end a forward search of a non-empty needle fails (-1) or starts at 0, a backward one starts at
 * the last byte; an empty needle is "found" at the clamped offset.
 */
function searchStart(length, offset, needleLength, forward) {
  if (offset < 0) {
    if (offset + length >= 0) return length + offset;
    if (forward || needleLength === 0) return 0;
    return -1;
  }
  if (offset + needleLength <= length) return offset;
  if (needleLength === 0) return length;
  if (forward) return -1;
  return length - 1;
}

const u8IndexOf = Uint8Array.prototype.indexOf;
const u8LastIndexOf = Uint8Array.prototype.lastIndexOf;

// A byte search first jumps between occurrences of the needle's first byte (native indexOf).
// When that keeps finding false starts, it switches to searching the hex text of the haystack
// chunk by chunk with the native string search (matches must then start at an even position).
const FALSE_STARTS_BEFORE_HEX = 16;
const SEARCH_CHUNK = 8192;

function hexSearchForward(hay, needleHex, needleLength, from, last) {
  for (; from <= last; from += SEARCH_CHUNK) {
    const to = Math.min(last, from + SEARCH_CHUNK - 1);
    const text = rawView(hay, from, to + needleLength).toHex();
    let p = text.indexOf(needleHex);
    while (p !== -1 && (p & 1) === 1) p = text.indexOf(needleHex, p + 1);
    if (p !== -1) return from + (p >>> 1);
  }
  return -1;
}

function hexSearchBackward(hay, needleHex, needleLength, to) {
  for (; to >= 0; to -= SEARCH_CHUNK) {
    const from = Math.max(0, to - SEARCH_CHUNK + 1);
    const text = rawView(hay, from, to + needleLength).toHex();
    let p = text.lastIndexOf(needleHex);
    while (p > 0 && (p & 1) === 1) p = text.lastIndexOf(needleHex, p - 1);
    if (p !== -1 && (p & 1) === 0) return from + (p >>> 1);
  }
  return -1;
}

/** First/last position p of `needle` in `hay` (both typed arrays of one element size), p >= / <= start. */
function searchUnits(hay, needle, start, forward) {
  const hayLength = hay.length;
  const needleLength = needle.length;
  const last = hayLength - needleLength;
  if (last < 0) return -1;
  const first = needle[0];
  const bytes = HAS_TO_HEX && hay.BYTES_PER_ELEMENT === 1;
  let falseStarts = 0;
  if (forward) {
    let p = start;
    while (p <= last) {
      p = u8IndexOf.call(hay, first, p);
      if (p === -1 || p > last) return -1;
      let k = 1;
      while (k < needleLength && hay[p + k] === needle[k]) k++;
      if (k === needleLength) return p;
      p++;
      if (bytes && ++falseStarts > FALSE_STARTS_BEFORE_HEX) return hexSearchForward(hay, rawView(needle, 0, needleLength).toHex(), needleLength, p, last);
    }
    return -1;
  }
  let p = start < last ? start : last;
  while (p >= 0) {
    p = u8LastIndexOf.call(hay, first, p);
    if (p === -1) return -1;
    let k = 1;
    while (k < needleLength && hay[p + k] === needle[k]) k++;
    if (k === needleLength) return p;
    p--;
    if (bytes && p >= 0 && ++falseStarts > FALSE_STARTS_BEFORE_HEX) return hexSearchBackward(hay, rawView(needle, 0, needleLength).toHex(), needleLength, p);
  }
  return -1;
}

function asUint16Units(buf, length) {
  const units = length >>> 1;
  if ((buf.byteOffset & 1) === 0) return new Uint16Array(buf.buffer, buf.byteOffset, units);
  const copy = new Uint16Array(units);
  new Uint8Array(copy.buffer).set(rawView(buf, 0, units * 2));
  return copy;
}

function indexOfBytes(buf, needle, offset, ucs2, forward, needleIsString) {
  const hayLength = buf.length;
  const needleLength = needle.length;
  const start = searchStart(hayLength, offset, needleLength, forward);
  if (needleLength === 0) return start;
  if (hayLength === 0 || start < 0) return -1;
  if ((forward && needleLength + start > hayLength) || needleLength > hayLength) return -1;
  if (ucs2) {
    // UTF-16 matches only at even byte positions.
    if (hayLength < 2 || needleLength < 2) return -1;
    const found = searchUnits(asUint16Units(buf, hayLength), asUint16Units(needle, needleLength), start >>> 1, forward);
    // For a Buffer needle, Node reports "not found" in an odd-length, 2-byte-aligned haystack
    // as length - 1 (its unit count times two); kept so results match.
    if (found === -1) return !needleIsString && (hayLength & 1) === 1 && (buf.byteOffset & 1) === 0 ? hayLength - 1 : -1;
    return found * 2;
  }
  return searchUnits(buf, needle, start, forward);
}

function indexOfByte(buf, byte, offset, forward) {
  const length = buf.length;
  const start = searchStart(length, offset, 1, forward);
  if (start < 0 || length === 0) return -1;
  return forward ? u8IndexOf.call(buf, byte, start) : u8LastIndexOf.call(buf, byte, start);
}

function searchBuffer(buf, value, byteOffset, encoding, forward) {
  if (typeof byteOffset === "string") {
    encoding = byteOffset;
    byteOffset = undefined;
  } else if (byteOffset > 0x7fffffff) byteOffset = 0x7fffffff;
  else if (byteOffset < -0x80000000) byteOffset = -0x80000000;
  byteOffset = +byteOffset;
  if (Number.isNaN(byteOffset)) byteOffset = forward ? 0 : buf.length;
  byteOffset = Math.trunc(byteOffset);

  if (typeof value === "number") return indexOfByte(buf, (value >>> 0) & 0xff, byteOffset, forward);
  const codec = encoding === undefined ? UTF8 : lookupCodec(encoding);
  if (typeof value === "string") {
    if (codec === undefined) throw ERR_UNKNOWN_ENCODING(encoding);
    return indexOfBytes(buf, codec.encode(value), byteOffset, codec === UCS2, forward, true);
  }
  if (isUint8Array(value)) return indexOfBytes(buf, value, byteOffset, codec === UCS2, forward, false);
  throw ERR_INVALID_ARG_TYPE("value", ["number", "string", "Buffer", "Uint8Array"], value);
}

// ---------------------------------------------------------------------------------------------
// fill

/** Repeats `pattern` over buf[start, end). */
function repeatBytes(buf, pattern, start, end) {
  const total = end - start;
  const first = Math.min(pattern.length, total);
  buf.set(first === pattern.length ? pattern : pattern.subarray(0, first), start);
  // Double the filled prefix until the range is covered.
  let filled = first;
  while (filled < total) {
    const n = Math.min(filled, total - filled);
    buf.copyWithin(start + filled, start, start + n);
    filled += n;
  }
}

function fillBuffer(buf, value, offset, end, encoding) {
  let codec;
  if (typeof value === "string") {
    if (offset === undefined || typeof offset === "string") {
      encoding = offset;
      offset = 0;
      end = buf.length;
    } else if (typeof end === "string") {
      encoding = end;
      end = buf.length;
    }
    codec = normalizeCodec(encoding);
    if (codec === undefined) {
      if (typeof encoding !== "string") throw ERR_INVALID_ARG_TYPE("encoding", "string", encoding);
      throw ERR_UNKNOWN_ENCODING(encoding);
    }
    if (value.length === 0) value = 0;
    else if (value.length === 1) {
      // One ASCII character is just a byte value.
      const code = value.charCodeAt(0);
      if (codec === LATIN1 || (codec === UTF8 && code < 0x80)) value = code;
    }
  }

  if (offset === undefined) {
    offset = 0;
    end = buf.length;
  } else {
    validateOffset(offset, "offset");
    if (end === undefined) end = buf.length;
    else validateOffset(end, "end", 0, buf.length);
    if (offset >= end) return buf;
  }

  if (typeof value === "number") {
    Uint8Array.prototype.fill.call(buf, value, offset, end);
    return buf;
  }
  let pattern;
  if (typeof value === "string") pattern = codec.encode(value);
  else if (ArrayBuffer.isView(value)) pattern = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  else {
    // Anything else fills with its uint32 value's low byte (true → 1, {} → 0).
    Uint8Array.prototype.fill.call(buf, (+value >>> 0) & 0xff, offset, end);
    return buf;
  }
  if (pattern.length === 0) throw ERR_INVALID_ARG_VALUE("value", value);
  repeatBytes(buf, pattern, offset, end);
  return buf;
}

// ---------------------------------------------------------------------------------------------
// Integer and float access. Offsets are validated as Node does: a non-number is a TypeError,
// a fraction "must be an integer", outside the buffer names the valid range.

function checkOffsetType(offset) {
  if (typeof offset !== "number") throw ERR_INVALID_ARG_TYPE("offset", "number", offset);
}

function boundsError(value, lastValid, name) {
  if (Math.floor(value) !== value) {
    if (typeof value !== "number") throw ERR_INVALID_ARG_TYPE(name || "offset", "number", value);
    throw ERR_OUT_OF_RANGE(name || "offset", "an integer", value);
  }
  if (lastValid < 0) throw ERR_BUFFER_OUT_OF_BOUNDS();
  throw ERR_OUT_OF_RANGE(name || "offset", `>= ${name ? 1 : 0} and <= ${lastValid}`, value);
}

/** Throws unless buf[offset .. offset + size - 1] exists. */
function checkBounds(buf, offset, size) {
  checkOffsetType(offset);
  if (buf[offset] === undefined || buf[offset + size - 1] === undefined) boundsError(offset, buf.length - size);
}

function valueRangeText(min, max, size) {
  const n = typeof min === "bigint" ? "n" : "";
  if (size > 4) {
    const bits = size * 8;
    if (min === 0 || min === 0n) return `>= 0${n} and < 2${n} ** ${bits}${n}`;
    return `>= -(2${n} ** ${bits - 1}${n}) and < 2${n} ** ${bits - 1}${n}`;
  }
  return `>= ${min}${n} and <= ${max}${n}`;
}

/** Range check of a value to write, then of the offset. */
function checkInt(value, min, max, buf, offset, size) {
  if (value > max || value < min) throw ERR_OUT_OF_RANGE("value", valueRangeText(min, max, size), value);
  checkBounds(buf, offset, size);
}

/** The error checkInt would throw (the write functions test the fast case inline). */
function writeError(value, min, max, buf, offset, size) {
  checkInt(value, min, max, buf, offset, size);
  throw new Error("unreachable: the write arguments were valid");
}

// ---- reads ----

function readUInt8(offset = 0) {
  checkOffsetType(offset);
  const v = this[offset];
  if (v === undefined) boundsError(offset, this.length - 1);
  return v;
}
function readInt8(offset = 0) {
  checkOffsetType(offset);
  const v = this[offset];
  if (v === undefined) boundsError(offset, this.length - 1);
  return v > 0x7f ? v - 0x100 : v;
}
function readUInt16LE(offset = 0) {
  checkOffsetType(offset);
  const a = this[offset];
  const b = this[offset + 1];
  if (a === undefined || b === undefined) boundsError(offset, this.length - 2);
  return a + b * 0x100;
}
function readUInt16BE(offset = 0) {
  checkOffsetType(offset);
  const a = this[offset];
  const b = this[offset + 1];
  if (a === undefined || b === undefined) boundsError(offset, this.length - 2);
  return a * 0x100 + b;
}
function readInt16LE(offset = 0) {
  const v = readUInt16LE.call(this, offset);
  return v > 0x7fff ? v - 0x10000 : v;
}
function readInt16BE(offset = 0) {
  const v = readUInt16BE.call(this, offset);
  return v > 0x7fff ? v - 0x10000 : v;
}
function readUInt24LE(buf, offset) {
  checkOffsetType(offset);
  const a = buf[offset];
  const c = buf[offset + 2];
  if (a === undefined || c === undefined) boundsError(offset, buf.length - 3);
  return a + buf[offset + 1] * 0x100 + c * 0x10000;
}
function readUInt24BE(buf, offset) {
  checkOffsetType(offset);
  const a = buf[offset];
  const c = buf[offset + 2];
  if (a === undefined || c === undefined) boundsError(offset, buf.length - 3);
  return a * 0x10000 + buf[offset + 1] * 0x100 + c;
}
function readUInt32LE(offset = 0) {
  checkOffsetType(offset);
  const a = this[offset];
  const d = this[offset + 3];
  if (a === undefined || d === undefined) boundsError(offset, this.length - 4);
  return a + this[offset + 1] * 0x100 + this[offset + 2] * 0x10000 + d * 0x1000000;
}
function readUInt32BE(offset = 0) {
  checkOffsetType(offset);
  const a = this[offset];
  const d = this[offset + 3];
  if (a === undefined || d === undefined) boundsError(offset, this.length - 4);
  return a * 0x1000000 + this[offset + 1] * 0x10000 + this[offset + 2] * 0x100 + d;
}
function readInt32LE(offset = 0) {
  checkOffsetType(offset);
  const a = this[offset];
  const d = this[offset + 3];
  if (a === undefined || d === undefined) boundsError(offset, this.length - 4);
  return a + this[offset + 1] * 0x100 + this[offset + 2] * 0x10000 + (d << 24);
}
function readInt32BE(offset = 0) {
  checkOffsetType(offset);
  const a = this[offset];
  const d = this[offset + 3];
  if (a === undefined || d === undefined) boundsError(offset, this.length - 4);
  return (a << 24) + this[offset + 1] * 0x10000 + this[offset + 2] * 0x100 + d;
}
/** Unsigned little/big-endian integer of `size` (5 or 6) bytes. */
function readUIntWide(buf, offset, size, littleEndian) {
  checkOffsetType(offset);
  if (buf[offset] === undefined || buf[offset + size - 1] === undefined) boundsError(offset, buf.length - size);
  let value = 0;
  if (littleEndian) for (let i = size - 1; i >= 0; i--) value = value * 0x100 + buf[offset + i];
  else for (let i = 0; i < size; i++) value = value * 0x100 + buf[offset + i];
  return value;
}

function readUIntLE(offset, byteLength) {
  if (offset === undefined) throw ERR_INVALID_ARG_TYPE("offset", "number", offset);
  switch (byteLength) {
    case 1:
      return readUInt8.call(this, offset);
    case 2:
      return readUInt16LE.call(this, offset);
    case 3:
      return readUInt24LE(this, offset);
    case 4:
      return readUInt32LE.call(this, offset);
    case 5:
    case 6:
      return readUIntWide(this, offset, byteLength, true);
  }
  return boundsError(byteLength, 6, "byteLength");
}
function readUIntBE(offset, byteLength) {
  if (offset === undefined) throw ERR_INVALID_ARG_TYPE("offset", "number", offset);
  switch (byteLength) {
    case 1:
      return readUInt8.call(this, offset);
    case 2:
      return readUInt16BE.call(this, offset);
    case 3:
      return readUInt24BE(this, offset);
    case 4:
      return readUInt32BE.call(this, offset);
    case 5:
    case 6:
      return readUIntWide(this, offset, byteLength, false);
  }
  return boundsError(byteLength, 6, "byteLength");
}
/** Two's complement of an unsigned value of `bits` bits. */
function toSigned(value, bits) {
  const limit = 2 ** (bits - 1);
  return value >= limit ? value - 2 * limit : value;
}
function readIntLE(offset, byteLength) {
  if (offset === undefined) throw ERR_INVALID_ARG_TYPE("offset", "number", offset);
  switch (byteLength) {
    case 1:
      return readInt8.call(this, offset);
    case 2:
      return readInt16LE.call(this, offset);
    case 3:
      return toSigned(readUInt24LE(this, offset), 24);
    case 4:
      return readInt32LE.call(this, offset);
    case 5:
    case 6:
      return toSigned(readUIntWide(this, offset, byteLength, true), byteLength * 8);
  }
  return boundsError(byteLength, 6, "byteLength");
}
function readIntBE(offset, byteLength) {
  if (offset === undefined) throw ERR_INVALID_ARG_TYPE("offset", "number", offset);
  switch (byteLength) {
    case 1:
      return readInt8.call(this, offset);
    case 2:
      return readInt16BE.call(this, offset);
    case 3:
      return toSigned(readUInt24BE(this, offset), 24);
    case 4:
      return readInt32BE.call(this, offset);
    case 5:
    case 6:
      return toSigned(readUIntWide(this, offset, byteLength, false), byteLength * 8);
  }
  return boundsError(byteLength, 6, "byteLength");
}

// Floats and 64-bit integers go through a DataView: one native call beats assembling the
// bytes in the interpreter, even counting the view's creation.

function checkWideOffset(buf, offset, size) {
  if (typeof offset !== "number" || buf[offset] === undefined || buf[offset + size - 1] === undefined) {
    checkOffsetType(offset);
    boundsError(offset, buf.length - size);
  }
}

function readFloatLE(offset = 0) {
  checkWideOffset(this, offset, 4);
  return new DataView(this.buffer).getFloat32(this.byteOffset + offset, true);
}
function readFloatBE(offset = 0) {
  checkWideOffset(this, offset, 4);
  return new DataView(this.buffer).getFloat32(this.byteOffset + offset, false);
}
function readDoubleLE(offset = 0) {
  checkWideOffset(this, offset, 8);
  return new DataView(this.buffer).getFloat64(this.byteOffset + offset, true);
}
function readDoubleBE(offset = 0) {
  checkWideOffset(this, offset, 8);
  return new DataView(this.buffer).getFloat64(this.byteOffset + offset, false);
}
function readBigUInt64LE(offset = 0) {
  checkWideOffset(this, offset, 8);
  return new DataView(this.buffer).getBigUint64(this.byteOffset + offset, true);
}
function readBigUInt64BE(offset = 0) {
  checkWideOffset(this, offset, 8);
  return new DataView(this.buffer).getBigUint64(this.byteOffset + offset, false);
}
function readBigInt64LE(offset = 0) {
  checkWideOffset(this, offset, 8);
  return new DataView(this.buffer).getBigInt64(this.byteOffset + offset, true);
}
function readBigInt64BE(offset = 0) {
  checkWideOffset(this, offset, 8);
  return new DataView(this.buffer).getBigInt64(this.byteOffset + offset, false);
}

// ---- writes ----
// Integers are coerced with unary plus, checked against the type's range, then stored byte by
// byte; a typed array store keeps the low 8 bits, which also gives two's complement.

function writeU8(buf, value, offset, min, max) {
  value = +value;
  checkOffsetType(offset);
  if (value > max || value < min) throw ERR_OUT_OF_RANGE("value", `>= ${min} and <= ${max}`, value);
  if (buf[offset] === undefined) boundsError(offset, buf.length - 1);
  buf[offset] = value;
  return offset + 1;
}
function writeU16LE(buf, value, offset, min, max) {
  value = +value;
  if (value > max || value < min || typeof offset !== "number" || buf[offset] === undefined || buf[offset + 1] === undefined) {
    writeError(value, min, max, buf, offset, 2);
  }
  buf[offset] = value;
  buf[offset + 1] = value >>> 8;
  return offset + 2;
}
function writeU16BE(buf, value, offset, min, max) {
  value = +value;
  if (value > max || value < min || typeof offset !== "number" || buf[offset] === undefined || buf[offset + 1] === undefined) {
    writeError(value, min, max, buf, offset, 2);
  }
  buf[offset] = value >>> 8;
  buf[offset + 1] = value;
  return offset + 2;
}
function writeU24LE(buf, value, offset, min, max) {
  value = +value;
  checkInt(value, min, max, buf, offset, 3);
  buf[offset] = value;
  buf[offset + 1] = value >>> 8;
  buf[offset + 2] = value >>> 16;
  return offset + 3;
}
function writeU24BE(buf, value, offset, min, max) {
  value = +value;
  checkInt(value, min, max, buf, offset, 3);
  buf[offset] = value >>> 16;
  buf[offset + 1] = value >>> 8;
  buf[offset + 2] = value;
  return offset + 3;
}
function writeU32LE(buf, value, offset, min, max) {
  value = +value;
  if (value > max || value < min || typeof offset !== "number" || buf[offset] === undefined || buf[offset + 3] === undefined) {
    writeError(value, min, max, buf, offset, 4);
  }
  buf[offset] = value;
  buf[offset + 1] = value >>> 8;
  buf[offset + 2] = value >>> 16;
  buf[offset + 3] = value >>> 24;
  return offset + 4;
}
function writeU32BE(buf, value, offset, min, max) {
  value = +value;
  if (value > max || value < min || typeof offset !== "number" || buf[offset] === undefined || buf[offset + 3] === undefined) {
    writeError(value, min, max, buf, offset, 4);
  }
  buf[offset] = value >>> 24;
  buf[offset + 1] = value >>> 16;
  buf[offset + 2] = value >>> 8;
  buf[offset + 3] = value;
  return offset + 4;
}
/** 5- or 6-byte integers: the low 32 bits through >>>, the rest from the floored quotient. */
function writeUWide(buf, value, offset, min, max, size, littleEndian) {
  value = +value;
  checkInt(value, min, max, buf, offset, size);
  let high = Math.floor(value * 2 ** -32);
  let low = value;
  const step = littleEndian ? 1 : -1;
  let at = littleEndian ? offset : offset + size - 1;
  for (let i = 0; i < 4; i++, at += step) {
    buf[at] = low;
    low = low >>> 8;
  }
  for (let i = 4; i < size; i++, at += step) {
    buf[at] = high;
    high = high >>> 8;
  }
  return offset + size;
}

const INT48_MAX = 0x7fffffffffff;
const INT40_MAX = 0x7fffffffff;

function writeUIntLE(value, offset, byteLength) {
  switch (byteLength) {
    case 1:
      return writeU8(this, value, offset, 0, 0xff);
    case 2:
      return writeU16LE(this, value, offset, 0, 0xffff);
    case 3:
      return writeU24LE(this, value, offset, 0, 0xffffff);
    case 4:
      return writeU32LE(this, value, offset, 0, 0xffffffff);
    case 5:
      return writeUWide(this, value, offset, 0, 0xffffffffff, 5, true);
    case 6:
      return writeUWide(this, value, offset, 0, 0xffffffffffff, 6, true);
  }
  return boundsError(byteLength, 6, "byteLength");
}
function writeUIntBE(value, offset, byteLength) {
  switch (byteLength) {
    case 1:
      return writeU8(this, value, offset, 0, 0xff);
    case 2:
      return writeU16BE(this, value, offset, 0, 0xffff);
    case 3:
      return writeU24BE(this, value, offset, 0, 0xffffff);
    case 4:
      return writeU32BE(this, value, offset, 0, 0xffffffff);
    case 5:
      return writeUWide(this, value, offset, 0, 0xffffffffff, 5, false);
    case 6:
      return writeUWide(this, value, offset, 0, 0xffffffffffff, 6, false);
  }
  return boundsError(byteLength, 6, "byteLength");
}
function writeIntLE(value, offset, byteLength) {
  switch (byteLength) {
    case 1:
      return writeU8(this, value, offset, -0x80, 0x7f);
    case 2:
      return writeU16LE(this, value, offset, -0x8000, 0x7fff);
    case 3:
      return writeU24LE(this, value, offset, -0x800000, 0x7fffff);
    case 4:
      return writeU32LE(this, value, offset, -0x80000000, 0x7fffffff);
    case 5:
      return writeUWide(this, value, offset, -INT40_MAX - 1, INT40_MAX, 5, true);
    case 6:
      return writeUWide(this, value, offset, -INT48_MAX - 1, INT48_MAX, 6, true);
  }
  return boundsError(byteLength, 6, "byteLength");
}
function writeIntBE(value, offset, byteLength) {
  switch (byteLength) {
    case 1:
      return writeU8(this, value, offset, -0x80, 0x7f);
    case 2:
      return writeU16BE(this, value, offset, -0x8000, 0x7fff);
    case 3:
      return writeU24BE(this, value, offset, -0x800000, 0x7fffff);
    case 4:
      return writeU32BE(this, value, offset, -0x80000000, 0x7fffffff);
    case 5:
      return writeUWide(this, value, offset, -INT40_MAX - 1, INT40_MAX, 5, false);
    case 6:
      return writeUWide(this, value, offset, -INT48_MAX - 1, INT48_MAX, 6, false);
  }
  return boundsError(byteLength, 6, "byteLength");
}

function writeUInt8(value, offset = 0) {
  return writeU8(this, value, offset, 0, 0xff);
}
function writeInt8(value, offset = 0) {
  return writeU8(this, value, offset, -0x80, 0x7f);
}
function writeUInt16LE(value, offset = 0) {
  return writeU16LE(this, value, offset, 0, 0xffff);
}
function writeUInt16BE(value, offset = 0) {
  return writeU16BE(this, value, offset, 0, 0xffff);
}
function writeInt16LE(value, offset = 0) {
  return writeU16LE(this, value, offset, -0x8000, 0x7fff);
}
function writeInt16BE(value, offset = 0) {
  return writeU16BE(this, value, offset, -0x8000, 0x7fff);
}
function writeUInt32LE(value, offset = 0) {
  return writeU32LE(this, value, offset, 0, 0xffffffff);
}
function writeUInt32BE(value, offset = 0) {
  return writeU32BE(this, value, offset, 0, 0xffffffff);
}
function writeInt32LE(value, offset = 0) {
  return writeU32LE(this, value, offset, -0x80000000, 0x7fffffff);
}
function writeInt32BE(value, offset = 0) {
  return writeU32BE(this, value, offset, -0x80000000, 0x7fffffff);
}

const UINT64_MAX = 0xffffffffffffffffn;
const INT64_MAX = 0x7fffffffffffffffn;

function writeBig64(buf, value, offset, min, max, littleEndian) {
  checkInt(value, min, max, buf, offset, 8);
  // Node's BigInt arithmetic rejects a number, string or boolean that passed the range check
  // (a DataView would convert it).
  if (typeof value !== "bigint") throw new TypeError("Cannot mix BigInt and other types, use explicit conversions");
  const view = new DataView(buf.buffer);
  if (min === 0n) view.setBigUint64(buf.byteOffset + offset, value, littleEndian);
  else view.setBigInt64(buf.byteOffset + offset, value, littleEndian);
  return offset + 8;
}
function writeBigUInt64LE(value, offset = 0) {
  return writeBig64(this, value, offset, 0n, UINT64_MAX, true);
}
function writeBigUInt64BE(value, offset = 0) {
  return writeBig64(this, value, offset, 0n, UINT64_MAX, false);
}
function writeBigInt64LE(value, offset = 0) {
  return writeBig64(this, value, offset, -INT64_MAX - 1n, INT64_MAX, true);
}
function writeBigInt64BE(value, offset = 0) {
  return writeBig64(this, value, offset, -INT64_MAX - 1n, INT64_MAX, false);
}

function writeFloatLE(value, offset = 0) {
  value = +value;
  checkWideOffset(this, offset, 4);
  new DataView(this.buffer).setFloat32(this.byteOffset + offset, value, true);
  return offset + 4;
}
function writeFloatBE(value, offset = 0) {
  value = +value;
  checkWideOffset(this, offset, 4);
  new DataView(this.buffer).setFloat32(this.byteOffset + offset, value, false);
  return offset + 4;
}
function writeDoubleLE(value, offset = 0) {
  value = +value;
  checkWideOffset(this, offset, 8);
  new DataView(this.buffer).setFloat64(this.byteOffset + offset, value, true);
  return offset + 8;
}
function writeDoubleBE(value, offset = 0) {
  value = +value;
  checkWideOffset(this, offset, 8);
  new DataView(this.buffer).setFloat64(this.byteOffset + offset, value, false);
  return offset + 8;
}

// ---------------------------------------------------------------------------------------------
// Prototype. Methods are plain (enumerable) properties, as in Node.

const proto = FastBuffer.prototype;

Object.assign(proto, {
  readBigUInt64LE,
  readBigUInt64BE,
  readBigUint64LE: readBigUInt64LE,
  readBigUint64BE: readBigUInt64BE,
  readBigInt64LE,
  readBigInt64BE,
  writeBigUInt64LE,
  writeBigUInt64BE,
  writeBigUint64LE: writeBigUInt64LE,
  writeBigUint64BE: writeBigUInt64BE,
  writeBigInt64LE,
  writeBigInt64BE,
  readUIntLE,
  readUInt32LE,
  readUInt16LE,
  readUInt8,
  readUIntBE,
  readUInt32BE,
  readUInt16BE,
  readUintLE: readUIntLE,
  readUint32LE: readUInt32LE,
  readUint16LE: readUInt16LE,
  readUint8: readUInt8,
  readUintBE: readUIntBE,
  readUint32BE: readUInt32BE,
  readUint16BE: readUInt16BE,
  readIntLE,
  readInt32LE,
  readInt16LE,
  readInt8,
  readIntBE,
  readInt32BE,
  readInt16BE,
  writeUIntLE,
  writeUInt32LE,
  writeUInt16LE,
  writeUInt8,
  writeUIntBE,
  writeUInt32BE,
  writeUInt16BE,
  writeUintLE: writeUIntLE,
  writeUint32LE: writeUInt32LE,
  writeUint16LE: writeUInt16LE,
  writeUint8: writeUInt8,
  writeUintBE: writeUIntBE,
  writeUint32BE: writeUInt32BE,
  writeUint16BE: writeUInt16BE,
  writeIntLE,
  writeInt32LE,
  writeInt16LE,
  writeInt8,
  writeIntBE,
  writeInt32BE,
  writeInt16BE,
  readFloatLE,
  readFloatBE,
  readDoubleLE,
  readDoubleBE,
  writeFloatLE,
  writeFloatBE,
  writeDoubleLE,
  writeDoubleBE,
});

// buf.<encoding>Slice(start, end) and buf.<encoding>Write(string, offset, length): the raw
// per-encoding methods Node exposes (protobufjs and others call them directly).

/** Node's argument parsing for the raw methods: undefined → default, negatives are errors. */
function rawIndex(value, fallback) {
  if (value === undefined) return fallback;
  const n = Math.trunc(+value) || 0;
  if (n < 0) throw ERR_INDEX_OUT_OF_RANGE();
  return n;
}

function defineRawMethods(name, codec) {
  proto[`${name}Slice`] = {
    [`${name}Slice`](start, end) {
      const length = this.length;
      start = rawIndex(start, 0);
      end = rawIndex(end, length);
      if (end < start) end = start;
      if (end > length) throw ERR_INDEX_OUT_OF_RANGE();
      return codec.slice(this, start, end);
    },
  }[`${name}Slice`];
  proto[`${name}Write`] = {
    [`${name}Write`](string, offset, length) {
      if (typeof string !== "string") throw ERR_NOT_A_STRING();
      offset = rawIndex(offset, 0);
      if (offset > this.length) throw ERR_BUFFER_OUT_OF_BOUNDS("offset");
      const remaining = this.length - offset;
      length = rawIndex(length, remaining);
      return codec.write(this, string, offset, length < remaining ? length : remaining);
    },
  }[`${name}Write`];
}
defineRawMethods("ascii", ASCII);
defineRawMethods("base64", BASE64);
defineRawMethods("base64url", BASE64URL);
defineRawMethods("latin1", LATIN1);
defineRawMethods("hex", HEX);
defineRawMethods("ucs2", UCS2);
defineRawMethods("utf8", UTF8);

Object.defineProperty(proto, "parent", {
  enumerable: true,
  configurable: false,
  get() {
    return this instanceof Buffer ? this.buffer : undefined;
  },
});
Object.defineProperty(proto, "offset", {
  enumerable: true,
  configurable: false,
  get() {
    return this instanceof Buffer ? this.byteOffset : undefined;
  },
});

proto.copy = function copy(target, targetStart, sourceStart, sourceEnd) {
  if (!isUint8Array(this)) throw ERR_INVALID_ARG_TYPE("source", ["Buffer", "Uint8Array"], this);
  if (!isUint8Array(target)) throw ERR_INVALID_ARG_TYPE("target", ["Buffer", "Uint8Array"], target);
  if (targetStart === undefined) targetStart = 0;
  else {
    targetStart = toCopyIndex(targetStart, 0);
    if (targetStart < 0) throw ERR_OUT_OF_RANGE("targetStart", ">= 0", targetStart);
  }
  if (sourceStart === undefined) sourceStart = 0;
  else {
    sourceStart = toCopyIndex(sourceStart, 0);
    if (sourceStart < 0 || sourceStart > this.length) throw ERR_OUT_OF_RANGE("sourceStart", `>= 0 && <= ${this.length}`, sourceStart);
  }
  if (sourceEnd === undefined) sourceEnd = this.length;
  else {
    sourceEnd = toCopyIndex(sourceEnd, 0);
    if (sourceEnd < 0) throw ERR_OUT_OF_RANGE("sourceEnd", ">= 0", sourceEnd);
  }
  if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
  return copyBytes(this, target, targetStart, sourceStart, sourceEnd);
};

proto.toString = function toString(encoding, start, end) {
  if (arguments.length === 0) return utf8Slice(this, 0, this.length);
  const length = this.length;
  if (start <= 0) start = 0;
  else if (start >= length) return "";
  else start = Math.trunc(start) || 0;
  if (end === undefined || end > length) end = length;
  else end = Math.trunc(end) || 0;
  if (end <= start) return "";
  if (encoding === undefined) return utf8Slice(this, start, end);
  const codec = lookupCodec(encoding);
  if (codec === undefined) throw ERR_UNKNOWN_ENCODING(encoding);
  return codec.slice(this, start, end);
};

proto.equals = function equals(otherBuffer) {
  if (!isUint8Array(otherBuffer)) throw ERR_INVALID_ARG_TYPE("otherBuffer", ["Buffer", "Uint8Array"], otherBuffer);
  if (this === otherBuffer) return true;
  const length = this.byteLength;
  if (length !== otherBuffer.byteLength) return false;
  return compareRanges(this, 0, length, otherBuffer, 0, length) === 0;
};

function inspectBuffer(recurseTimes, ctx) {
  const shown = Math.min(INSPECT_MAX_BYTES, this.length);
  let text = "";
  for (let i = 0; i < shown; i++) text += i === 0 ? HEX_PAIRS[this[i]] : ` ${HEX_PAIRS[this[i]]}`;
  const remaining = this.length - INSPECT_MAX_BYTES;
  if (remaining > 0) text += ` ... ${remaining} more byte${remaining > 1 ? "s" : ""}`;
  // Given the inspect context (util.inspect's call), own non-index properties are shown too.
  const inspect = globalThis[Symbol.for("rusk.internals")]?.inspect;
  if (ctx && inspect) {
    const extras = ownExtraProperties(this, ctx.showHidden);
    if (extras !== null) {
      if (this.length !== 0) text += ", ";
      const shownExtras = inspect(extras, { ...ctx, breakLength: Infinity, compact: true });
      // Keep only "key: value, ..." from "[Object: null prototype] { key: value }".
      text += shownExtras.slice(shownExtras.indexOf("{") + 2, -2);
    }
  }
  return `<${this.constructor.name} ${text}>`;
}

/** Own properties other than the indices, as a null-prototype object, or null when none. */
function ownExtraProperties(buf, showHidden) {
  // A typed array lists its indices first, so everything after `length` keys is an extra.
  const keys = Reflect.ownKeys(buf);
  let extras = null;
  for (let i = buf.length; i < keys.length; i++) {
    const key = keys[i];
    if (!showHidden && !Object.prototype.propertyIsEnumerable.call(buf, key)) continue;
    extras ??= Object.create(null);
    extras[key] = buf[key];
  }
  return extras;
}

proto.inspect = inspectBuffer;

proto.compare = function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
  if (!isUint8Array(target)) throw ERR_INVALID_ARG_TYPE("target", ["Buffer", "Uint8Array"], target);
  if (arguments.length === 1) return compareRanges(this, 0, this.length, target, 0, target.length);
  if (targetStart === undefined) targetStart = 0;
  else validateOffset(targetStart, "targetStart");
  if (targetEnd === undefined) targetEnd = target.length;
  else validateOffset(targetEnd, "targetEnd", 0, target.length);
  if (sourceStart === undefined) sourceStart = 0;
  else validateOffset(sourceStart, "sourceStart");
  if (sourceEnd === undefined) sourceEnd = this.length;
  else validateOffset(sourceEnd, "sourceEnd", 0, this.length);
  if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
  if (targetStart >= targetEnd) return 1;
  return compareRanges(this, sourceStart, sourceEnd, target, targetStart, targetEnd);
};

proto.indexOf = function indexOf(value, byteOffset, encoding) {
  return searchBuffer(this, value, byteOffset, encoding, true);
};
proto.lastIndexOf = function lastIndexOf(value, byteOffset, encoding) {
  return searchBuffer(this, value, byteOffset, encoding, false);
};
proto.includes = function includes(value, byteOffset, encoding) {
  return searchBuffer(this, value, byteOffset, encoding, true) !== -1;
};

proto.fill = function fill(value, offset, end, encoding) {
  return fillBuffer(this, value, offset, end, encoding);
};

proto.write = function write(string, offset, length, encoding) {
  if (offset === undefined) return utf8Write(this, string, 0, this.length);
  if (length === undefined && typeof offset === "string") {
    encoding = offset;
    length = this.length;
    offset = 0;
  } else {
    validateOffset(offset, "offset", 0, this.length);
    const remaining = this.length - offset;
    if (length === undefined) length = remaining;
    else if (typeof length === "string") {
      encoding = length;
      length = remaining;
    } else {
      validateOffset(length, "length", 0, this.length);
      if (length > remaining) length = remaining;
    }
  }
  if (!encoding || encoding === "utf8") return utf8Write(this, string, offset, length);
  const codec = lookupCodec(encoding);
  if (codec === undefined) throw ERR_UNKNOWN_ENCODING(encoding);
  return codec.write(this, string, offset, length);
};

proto.toJSON = function toJSON() {
  const data = new Array(this.length);
  for (let i = 0; i < data.length; i++) data[i] = this[i];
  return { type: "Buffer", data };
};

/** Node's slice/subarray bound: truncated, negative counts from the end, clamped. */
function relativeIndex(value, length) {
  value = Math.trunc(value);
  if (value === 0 || Number.isNaN(value)) return 0;
  if (value < 0) {
    value += length;
    return value > 0 ? value : 0;
  }
  return value < length ? value : length;
}

proto.subarray = function subarray(start, end) {
  const length = this.length;
  // In-range integer bounds (the common call) need no coercion.
  if (!((start | 0) === start && start >= 0 && start <= length)) start = relativeIndex(start, length);
  if (end === undefined) end = length;
  else if (!((end | 0) === end && end >= 0 && end <= length)) end = relativeIndex(end, length);
  return new FastBuffer(this.buffer, this.byteOffset + start, end > start ? end - start : 0);
};
proto.slice = function slice(start, end) {
  return proto.subarray.call(this, start, end);
};

function swapBytes(buf, size) {
  const length = buf.length;
  if (length % size !== 0) throw ERR_INVALID_BUFFER_SIZE(`${size * 8}-bits`);
  const half = size >>> 1;
  for (let i = 0; i < length; i += size) {
    for (let j = 0; j < half; j++) {
      const a = i + j;
      const b = i + size - 1 - j;
      const t = buf[a];
      buf[a] = buf[b];
      buf[b] = t;
    }
  }
  return buf;
}
proto.swap16 = function swap16() {
  return swapBytes(this, 2);
};
proto.swap32 = function swap32() {
  return swapBytes(this, 4);
};
proto.swap64 = function swap64() {
  return swapBytes(this, 8);
};

proto.toLocaleString = proto.toString;
proto[Symbol.for("nodejs.util.inspect.custom")] = inspectBuffer;

// ---------------------------------------------------------------------------------------------
// SlowBuffer (deprecated): an unpooled Buffer.

function SlowBuffer(size) {
  validateSize(size);
  return new FastBuffer(size);
}
Object.setPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
Object.setPrototypeOf(SlowBuffer, Uint8Array);

// ---------------------------------------------------------------------------------------------
// isUtf8, isAscii, transcode

function bytesOfInput(input) {
  if (isTypedArray(input)) {
    if (input.buffer.detached === true) throw nodeError(Error, "ERR_INVALID_STATE", "Invalid state: Cannot validate on a detached buffer");
    return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  }
  if (isAnyArrayBuffer(input)) {
    if (input.detached === true) throw nodeError(Error, "ERR_INVALID_STATE", "Invalid state: Cannot validate on a detached buffer");
    return new Uint8Array(input);
  }
  throw ERR_INVALID_ARG_TYPE("input", ["ArrayBuffer", "Buffer", "TypedArray"], input);
}

function isUtf8(input) {
  const bytes = bytesOfInput(input);
  try {
    strictUtf8Decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function isAscii(input) {
  const bytes = bytesOfInput(input);
  for (let i = 0; i < bytes.length; i += CHARS_PER_CALL) {
    if (NON_ASCII_UNIT.test(latin1Slice(bytes, i, Math.min(i + CHARS_PER_CALL, bytes.length)))) return false;
  }
  return true;
}

// Code points that ICU drops (instead of writing '?') when the target charset lacks them:
// Unicode's default-ignorable characters, as [first, last] ranges.
const DEFAULT_IGNORABLE = [
  [0xad, 0xad], [0x34f, 0x34f], [0x61c, 0x61c], [0x115f, 0x1160], [0x17b4, 0x17b5], [0x180b, 0x180f],
  [0x200b, 0x200f], [0x202a, 0x202e], [0x2060, 0x206f], [0x3164, 0x3164], [0xfe00, 0xfe0f], [0xfeff, 0xfeff],
  [0xffa0, 0xffa0], [0xfff0, 0xfff8], [0x1bca0, 0x1bca3], [0x1d173, 0x1d17a], [0xe0000, 0xe0fff],
];

function isDefaultIgnorable(cp) {
  for (const [first, last] of DEFAULT_IGNORABLE) if (cp >= first && cp <= last) return true;
  return false;
}

function transcodeError(code, errno) {
  const err = new Error(`Unable to transcode Buffer [${code}]`);
  err.code = code;
  err.errno = errno;
  return err;
}

/** UTF-16 string of the source bytes, as ICU reads them (invalid bytes become U+FFFD). */
function decodeForTranscode(source, from, to) {
  if (from === "latin1") return latin1Slice(source, 0, source.length);
  if (from === "ascii") {
    // Into UTF-16 Node widens ASCII like Latin-1; into the others bytes >= 0x80 are invalid.
    if (to === "ucs2") return latin1Slice(source, 0, source.length);
    let text = "";
    for (let i = 0; i < source.length; i++) text += source[i] < 0x80 ? String.fromCharCode(source[i]) : "\ufffd";
    return text;
  }
  if (from === "utf8") {
    // UTF-8 → UTF-16 goes through a strict converter in Node: invalid input is an error.
    if (to === "ucs2" && !isUtf8(source)) throw transcodeError("U_INVALID_CHAR_FOUND", 10);
    return utf8Slice(source, 0, source.length);
  }
  let text = ucs2Slice(source, 0, source.length);
  // UTF-16 → UTF-8 is strict about lone surrogates too, and about a source of one lone byte.
  if (to === "utf8" && (source.length < 2 || hasLoneSurrogate(text))) throw transcodeError("U_INVALID_CHAR_FOUND", 10);
  // UTF-16 → UTF-16 turns a dangling odd byte into U+FFFD (the other targets drop it).
  if (to === "ucs2" && (source.length & 1) === 1) text += "\ufffd";
  return text;
}

function hasLoneSurrogate(text) {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return true;
  }
  return false;
}

/** A single-byte charset's bytes: unmappable code points become '?', default-ignorables vanish. */
function encodeSingleByte(text, highest) {
  const bytes = [];
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (cp <= highest) bytes.push(cp);
    else if (!isDefaultIgnorable(cp)) bytes.push(0x3f);
  }
  return Buffer.from(bytes);
}

const TRANSCODE_CHARSETS = ["ascii", "latin1", "ucs2", "utf8"];

function transcode(source, fromEncoding, toEncoding) {
  if (!isUint8Array(source)) throw ERR_INVALID_ARG_TYPE("source", ["Buffer", "Uint8Array"], source);
  if (source.length === 0) return Buffer.alloc(0);
  const from = normalizeCodec(fromEncoding)?.name;
  const to = normalizeCodec(toEncoding)?.name;
  if (!TRANSCODE_CHARSETS.includes(from) || !TRANSCODE_CHARSETS.includes(to)) throw transcodeError("U_ILLEGAL_ARGUMENT_ERROR", 1);
  const text = decodeForTranscode(source, from, to);
  switch (to) {
    case "utf8":
      return UTF8.encode(text);
    case "ucs2":
      // Lone surrogates from a UTF-16 source come out as U+FFFD.
      return ucs2Encode(typeof text.toWellFormed === "function" ? text.toWellFormed() : replaceLoneSurrogates(text));
    case "latin1":
      return encodeSingleByte(text, 0xff);
    default:
      return encodeSingleByte(text, 0x7f);
  }
}

function replaceLoneSurrogates(text) {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += text[i] + text[i + 1];
        i++;
        continue;
      }
    }
    out += c >= 0xd800 && c <= 0xdfff ? "\ufffd" : text[i];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// atob / btoa (WHATWG forgiving-base64, Node's messages)

const ASCII_WHITESPACE = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x20]);

function atob(input) {
  if (arguments.length === 0) throw ERR_MISSING_ARGS("input");
  input = `${input}`;
  let significant = 0;
  let equals = 0;
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (ASCII_WHITESPACE.has(code)) continue;
    significant++;
    if (code === 0x3d) {
      equals++;
      if (equals > 2) throw invalidCharacterError("Invalid character");
    } else if (code > 0x7f || BASE64_VALUES[code] < 0 || code === 0x2d || code === 0x5f) {
      throw invalidCharacterError("Invalid character");
    } else if (equals > 0) {
      // '=' may only end the input.
      throw invalidCharacterError("Invalid character");
    }
  }
  let remainder = significant % 4;
  if (remainder === 0) remainder = (significant - equals) % 4;
  else if (equals > 0) throw invalidCharacterError("Invalid character");
  if (remainder === 1) throw invalidCharacterError("The string to be decoded is not correctly encoded.");
  const bytes = new Uint8Array(base64ByteLength(input));
  const n = base64DecodeInto(bytes, input, 0, bytes.length);
  return latin1Slice(bytes, 0, n);
}

function btoa(input) {
  if (arguments.length === 0) throw ERR_MISSING_ARGS("input");
  input = `${input}`;
  for (let i = 0; i < input.length; i++) if (input.charCodeAt(i) > 0xff) throw invalidCharacterError("Invalid character");
  const bytes = new Uint8Array(input.length);
  latin1Write(bytes, input, 0, bytes.length);
  return base64Encode(bytes, 0, bytes.length, false);
}

// ---------------------------------------------------------------------------------------------
// Blob and File

const DISALLOWED_TYPE_CHARACTERS = /[^\u0020-\u007E]/;

function normalizeType(type) {
  type = `${type}`;
  return DISALLOWED_TYPE_CHARACTERS.test(type) ? "" : type.toLowerCase();
}

function toWellFormedString(value) {
  const text = `${value}`;
  return typeof text.toWellFormed === "function" ? text.toWellFormed() : replaceLoneSurrogates(text);
}

function inspectFields(name, fields, options) {
  const inspect = globalThis[Symbol.for("rusk.internals")]?.inspect;
  if (inspect) return `${name} ${inspect(fields, { ...options, depth: options?.depth == null ? null : options.depth - 1 })}`;
  const parts = Object.entries(fields).map(([k, v]) => `${k}: ${typeof v === "string" ? `'${v.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'` : v}`);
  return `${name} { ${parts.join(", ")} }`;
}

class Blob {
  #bytes;
  #type;

  constructor(sources = [], options) {
    if (sources === null || typeof sources[Symbol.iterator] !== "function" || typeof sources === "string") {
      throw ERR_INVALID_ARG_TYPE("sources", "a sequence", sources);
    }
    if (options != null && typeof options !== "object" && typeof options !== "function") {
      throw ERR_INVALID_ARG_TYPE("options", "a dictionary", options);
    }
    const { type = "", endings = "transparent" } = options ?? {};
    const lineEndings = `${endings}`;
    if (lineEndings !== "transparent" && lineEndings !== "native") throw ERR_INVALID_ARG_VALUE("options.endings", endings);

    const parts = [];
    let size = 0;
    for (const source of sources) {
      const part = Blob.#partBytes(source, lineEndings === "native");
      parts.push(part);
      size += part.length;
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const part of parts) {
      bytes.set(part, at);
      at += part.length;
    }
    this.#bytes = bytes;
    this.#type = normalizeType(type);
  }

  static #isBlob(value) {
    return value !== null && typeof value === "object" && #bytes in value;
  }

  /** The bytes one constructor part contributes (a copy, or a Blob's own immutable bytes). */
  static #partBytes(source, nativeEndings) {
    if (Blob.#isBlob(source)) return source.#bytes;
    if (isAnyArrayBuffer(source)) return new Uint8Array(source.slice(0));
    if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength).slice();
    let text = `${source}`;
    // POSIX native line endings are "\n".
    if (nativeEndings) text = text.replace(/\r?\n/g, "\n");
    return encoder.encode(text);
  }

  /** A Blob over `bytes` without copying them. */
  static #fromBytes(bytes, type) {
    const blob = new Blob();
    blob.#bytes = bytes;
    blob.#type = type;
    return blob;
  }

  get size() {
    if (!Blob.#isBlob(this)) throw ERR_INVALID_THIS("Blob");
    return this.#bytes.length;
  }

  get type() {
    if (!Blob.#isBlob(this)) throw ERR_INVALID_THIS("Blob");
    return this.#type;
  }

  slice(start = 0, end = undefined, contentType = "") {
    if (!Blob.#isBlob(this)) throw ERR_INVALID_THIS("Blob");
    const size = this.#bytes.length;
    if (end === undefined) end = size;
    start = start < 0 ? Math.max(size + start, 0) : Math.min(start, size);
    end = end < 0 ? Math.max(size + end, 0) : Math.min(end, size);
    start = Math.trunc(start) || 0;
    end = Math.trunc(end) || 0;
    const span = Math.max(end - start, 0);
    return Blob.#fromBytes(this.#bytes.subarray(start, start + span), normalizeType(contentType));
  }

  arrayBuffer() {
    if (!Blob.#isBlob(this)) return Promise.reject(ERR_INVALID_THIS("Blob"));
    return Promise.resolve(this.#bytes.slice().buffer);
  }

  text() {
    if (!Blob.#isBlob(this)) return Promise.reject(ERR_INVALID_THIS("Blob"));
    // Blob#text decodes as the Encoding standard's "UTF-8 decode": a leading BOM is dropped.
    return Promise.resolve(new TextDecoder().decode(this.#bytes));
  }

  bytes() {
    if (!Blob.#isBlob(this)) return Promise.reject(ERR_INVALID_THIS("Blob"));
    return Promise.resolve(this.#bytes.slice());
  }

  stream() {
    if (!Blob.#isBlob(this)) throw ERR_INVALID_THIS("Blob");
    const ReadableStreamClass = globalThis.ReadableStream;
    if (typeof ReadableStreamClass !== "function") {
      throw new Error("Blob.prototype.stream() is not supported: this runtime has no ReadableStream");
    }
    const bytes = this.#bytes;
    const chunkSize = 65536;
    let position = 0;
    return new ReadableStreamClass({
      pull(controller) {
        if (position >= bytes.length) {
          controller.close();
          return;
        }
        const end = Math.min(position + chunkSize, bytes.length);
        controller.enqueue(bytes.slice(position, end));
        position = end;
      },
    });
  }

  [Symbol.for("nodejs.util.inspect.custom")](depth, options) {
    // Past the depth limit Node shows the class name only.
    if (depth < 0) return "[Blob]";
    return inspectFields("Blob", { size: this.size, type: this.type }, options);
  }
}

Object.defineProperty(Blob.prototype, Symbol.toStringTag, { value: "Blob", configurable: true });

class File extends Blob {
  #name;
  #lastModified;

  constructor(fileBits, fileName, options = {}) {
    if (arguments.length < 2) throw ERR_MISSING_ARGS("fileBits", "fileName");
    super(fileBits, options);
    let { lastModified } = options ?? {};
    if (lastModified !== undefined) {
      lastModified = +lastModified;
      if (Number.isNaN(lastModified)) lastModified = 0;
    } else lastModified = Date.now();
    this.#name = toWellFormedString(fileName);
    this.#lastModified = lastModified;
  }

  static #isFile(value) {
    return value !== null && typeof value === "object" && #name in value;
  }

  get name() {
    if (!File.#isFile(this)) throw ERR_INVALID_THIS("File");
    return this.#name;
  }

  get lastModified() {
    if (!File.#isFile(this)) throw ERR_INVALID_THIS("File");
    return this.#lastModified;
  }

  [Symbol.for("nodejs.util.inspect.custom")](depth, options) {
    if (depth < 0) return "[File]";
    return inspectFields("File", { size: this.size, type: this.type, name: this.#name, lastModified: this.#lastModified }, options);
  }
}

Object.defineProperty(File.prototype, Symbol.toStringTag, { value: "File", configurable: true });

// ---------------------------------------------------------------------------------------------
// Exports

const kMaxLengthExport = kMaxLength;
const kStringMaxLengthExport = kStringMaxLength;

export {
  Buffer,
  SlowBuffer,
  transcode,
  isUtf8,
  isAscii,
  kMaxLengthExport as kMaxLength,
  kStringMaxLengthExport as kStringMaxLength,
  btoa,
  atob,
  constants,
  INSPECT_MAX_BYTES,
  Blob,
  File,
};

const bufferModule = {
  Buffer,
  SlowBuffer,
  transcode,
  isUtf8,
  isAscii,
  kMaxLength,
  kStringMaxLength,
  btoa,
  atob,
  constants,
  Blob,
  File,
};
Object.defineProperty(bufferModule, "INSPECT_MAX_BYTES", {
  enumerable: true,
  configurable: true,
  get() {
    return INSPECT_MAX_BYTES;
  },
  set(value) {
    validateNumber(value, "INSPECT_MAX_BYTES", 0);
    INSPECT_MAX_BYTES = value;
  },
});

export default bufferModule;
