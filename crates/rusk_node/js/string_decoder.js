// node:string_decoder — decodes a stream of byte chunks into strings without splitting
// characters: the bytes of a character cut at the end of a chunk wait for the next one.
// The rules are Node's: UTF-8 keeps up to 3 bytes of an unfinished sequence (a byte that is not
// a continuation ends it early, as U+FFFD), UTF-16LE keeps an odd byte or a high surrogate,
// base64 keeps the bytes past the last multiple of 3; `end()` decodes what is left.

import { Buffer } from "buffer";
import { ERR_INVALID_ARG_TYPE, nodeError } from "rusk:internal/errors";

const kState = Symbol("kNativeDecoder");

const ENCODINGS = {
  __proto__: null,
  utf8: "utf8",
  "utf-8": "utf8",
  ucs2: "utf16le",
  "ucs-2": "utf16le",
  utf16le: "utf16le",
  "utf-16le": "utf16le",
  latin1: "latin1",
  binary: "latin1",
  base64: "base64",
  base64url: "base64url",
  hex: "hex",
  ascii: "ascii",
};

function normalizeEncoding(encoding) {
  if (encoding === undefined || encoding === null || encoding === "") return "utf8";
  const name = typeof encoding === "string" ? ENCODINGS[encoding.toLowerCase()] : undefined;
  if (name === undefined) throw nodeError(TypeError, "ERR_UNKNOWN_ENCODING", `Unknown encoding: ${String(encoding)}`);
  return name;
}

function decodeBytes(bytes, start, end, encoding) {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString(encoding);
}

/**
 * How many bytes at the end of `data[start, end)` begin a character that is not complete, and
 * how many bytes it still misses: `[buffered, missing]`.
 */
function incompleteTail(encoding, data, start, end) {
  const length = end - start;
  if (encoding === "utf8") return incompleteUtf8Tail(data, start, end);
  if (encoding === "utf16le") {
    if (length % 2 === 1) return [1, 1];
    // The high byte of a high surrogate (D800-DBFF): its low surrogate is yet to come.
    if ((data[end - 1] & 0xfc) === 0xd8) return [2, 2];
    return [0, 0];
  }
  if (encoding === "base64" || encoding === "base64url") {
    const buffered = length % 3;
    return [buffered, buffered > 0 ? 3 - buffered : 0];
  }
  return [0, 0];
}

/** The tail of a UTF-8 chunk: a lead byte followed by fewer continuation bytes than it announces. */
function incompleteUtf8Tail(data, start, end) {
  if ((data[end - 1] & 0x80) === 0) return [0, 0];
  let buffered = 0;
  for (let i = end - 1; ; i--) {
    buffered++;
    const byte = data[i];
    if ((byte & 0xc0) === 0x80) {
      // A continuation byte: look further back, up to a sequence's longest length.
      if (buffered >= 4 || i === start) return [0, 0];
      continue;
    }
    let expected;
    if ((byte & 0xe0) === 0xc0) expected = 2;
    else if ((byte & 0xf0) === 0xe0) expected = 3;
    else if ((byte & 0xf8) === 0xf0) expected = 4;
    else return [0, 0]; // ASCII or a byte that starts no sequence
    // Complete (or too long, hence invalid anyway): nothing to keep.
    if (buffered >= expected) return [0, 0];
    return [buffered, expected - buffered];
  }
}

/** Decodes one chunk, finishing the character left over from the previous chunk first. */
function decodeChunk(state, data) {
  let start = 0;
  const length = data.length;
  let prepend = "";
  if (state.missing > 0) {
    if (state.encoding === "utf8") {
      // A byte that is not a continuation ends the unfinished character where it stands.
      for (let i = 0; i < length && i < state.missing; i++) {
        if ((data[i] & 0xc0) !== 0x80) {
          state.missing = 0;
          state.bytes.set(data.subarray(0, i), state.buffered);
          state.buffered += i;
          start = i;
          break;
        }
      }
    }
    const found = Math.min(length - start, state.missing);
    state.bytes.set(data.subarray(start, start + found), state.buffered);
    start += found;
    state.missing -= found;
    state.buffered += found;
    if (state.missing === 0) {
      prepend = decodeBytes(state.bytes, 0, state.buffered, state.encoding);
      state.buffered = 0;
    }
  }
  if (start === length) return prepend;

  const [buffered, missing] = incompleteTail(state.encoding, data, start, length);
  state.buffered = buffered;
  state.missing = missing;
  const end = length - buffered;
  if (buffered > 0) state.bytes.set(data.subarray(end, length), 0);
  return end > start ? prepend + decodeBytes(data, start, end, state.encoding) : prepend;
}

/** What `end()` makes of the bytes still waiting: U+FFFD for UTF-8, a lone surrogate, base64. */
function flush(state) {
  const encoding = state.encoding;
  if (encoding === "ascii" || encoding === "hex" || encoding === "latin1") return "";
  // A single trailing UTF-16 byte is dropped.
  if (encoding === "utf16le" && state.buffered % 2 === 1) {
    state.missing--;
    state.buffered--;
  }
  if (state.buffered === 0) return "";
  const text = decodeBytes(state.bytes, 0, state.buffered, encoding);
  state.missing = 0;
  state.buffered = 0;
  return text;
}

function stateOf(decoder) {
  const state = decoder[kState];
  if (!state) throw nodeError(TypeError, "ERR_INVALID_THIS", 'Value of "this" must be of type StringDecoder');
  return state;
}

/** A function, not a class, so that old-style code can call it on its own objects. */
export function StringDecoder(encoding) {
  this.encoding = normalizeEncoding(encoding);
  // The unfinished character's bytes (4 at most) and how many are held and still missing.
  this[kState] = { encoding: this.encoding, bytes: Buffer.alloc(4), buffered: 0, missing: 0 };
}

StringDecoder.prototype.write = function write(buf) {
  if (typeof buf === "string") return buf;
  if (!ArrayBuffer.isView(buf)) throw ERR_INVALID_ARG_TYPE("buf", ["Buffer", "TypedArray", "DataView"], buf);
  const state = stateOf(this);
  return decodeChunk(state, new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
};

StringDecoder.prototype.end = function end(buf) {
  let text = "";
  if (buf !== undefined) text = this.write(buf);
  const state = stateOf(this);
  if (state.buffered > 0) text += flush(state);
  return text;
};

/** Legacy: decodes `buf` from `offset`, forgetting any unfinished character. */
StringDecoder.prototype.text = function text(buf, offset) {
  const state = stateOf(this);
  state.missing = 0;
  state.buffered = 0;
  return this.write(buf.slice(offset));
};

Object.defineProperties(StringDecoder.prototype, {
  // The 4-byte buffer of the unfinished character (bytes past lastTotal are stale).
  lastChar: {
    configurable: true,
    enumerable: true,
    get() {
      return stateOf(this).bytes.subarray(0, 4);
    },
  },
  lastNeed: {
    configurable: true,
    enumerable: true,
    get() {
      return stateOf(this).missing;
    },
  },
  lastTotal: {
    configurable: true,
    enumerable: true,
    get() {
      const state = stateOf(this);
      return state.buffered + state.missing;
    },
  },
});

export default { StringDecoder };
