// node:querystring — Node's legacy query-string parser and serializer. `parse` returns a
// null-prototype object whose repeated keys hold arrays; `stringify` writes `key=value` pairs.
// Both look `escape`/`unescape` up on the module object at call time: Node documents that
// assigning `querystring.escape`/`unescape` replaces the codec used by `stringify`/`parse`.

import { nodeError } from "rusk:internal/errors";

const DEFAULT_MAX_KEYS = 1000;

function hexValue(code) {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 65 && code <= 70) return code - 55; // A-F
  if (code >= 97 && code <= 102) return code - 87; // a-f
  return -1;
}

/**
 * The bytes of `s` with `%XX` escapes decoded (and `+` as a space when `decodeSpaces`); any
 * other character contributes the low byte of its UTF-16 code unit, as in Node.
 */
function unescapeBuffer(s, decodeSpaces = false) {
  const text = String(s);
  const out = globalThis.Buffer.allocUnsafe(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 37 /* % */ && i + 2 < text.length) {
      const hi = hexValue(text.charCodeAt(i + 1));
      const lo = hi < 0 ? -1 : hexValue(text.charCodeAt(i + 2));
      if (lo >= 0) {
        out[n++] = hi * 16 + lo;
        i += 2;
        continue;
      }
    }
    out[n++] = code === 43 /* + */ && decodeSpaces ? 32 : code & 0xff;
  }
  return n === text.length ? out : out.subarray(0, n);
}

/** `decodeURIComponent`, falling back to a byte-wise decode (lossy UTF-8) for malformed input. */
function unescape(s, decodeSpaces) {
  try {
    return decodeURIComponent(s);
  } catch {
    return unescapeBuffer(s, decodeSpaces).toString();
  }
}

const percentByte = (b) => `%${b < 16 ? "0" : ""}${b.toString(16).toUpperCase()}`;

/**
 * Node's encoding of a string holding lone surrogates: any surrogate takes the next code unit as
 * its pair, whatever it is; only a surrogate at the very end is an error.
 */
function escapeIllFormed(s) {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) {
      out += encodeURIComponent(s[i]);
      continue;
    }
    if (++i >= s.length) throw nodeError(URIError, "ERR_INVALID_URI", "URI malformed");
    const cp = 0x10000 + (((c & 0x3ff) << 10) | (s.charCodeAt(i) & 0x3ff));
    out += percentByte(0xf0 | (cp >> 18)) + percentByte(0x80 | ((cp >> 12) & 0x3f)) + percentByte(0x80 | ((cp >> 6) & 0x3f)) + percentByte(0x80 | (cp & 0x3f));
  }
  return out;
}

/** `encodeURIComponent` of the string form of `str`, lone surrogates handled as Node does. */
function escape(str) {
  let s = str;
  if (typeof s !== "string") s = typeof s === "object" ? String(s) : `${s}`;
  try {
    return encodeURIComponent(s);
  } catch {
    return escapeIllFormed(s);
  }
}

/** How `stringify` writes a key or value: finite numbers, bigints, booleans and strings; else "". */
function primitiveText(v) {
  switch (typeof v) {
    case "string":
      return v;
    case "number":
      return Number.isFinite(v) ? `${v}` : "";
    case "bigint":
      return `${v}`;
    case "boolean":
      return v ? "true" : "false";
    default:
      return "";
  }
}

function stringify(obj, sep, eq, options) {
  const pairSep = sep || "&";
  const keySep = eq || "=";
  if (obj === null || typeof obj !== "object") return "";
  const encode = typeof options?.encodeURIComponent === "function" ? options.encodeURIComponent : querystring.escape;
  const parts = [];
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    const prefix = `${encode(primitiveText(key))}${keySep}`;
    if (Array.isArray(value)) {
      for (const item of value) parts.push(prefix + encode(primitiveText(item)));
    } else {
      parts.push(prefix + encode(primitiveText(value)));
    }
  }
  return parts.join(pairSep);
}

/** Decodes a key or value; a throwing decoder falls back to `querystring.unescape`. */
function decodeComponent(text, decode) {
  try {
    return decode(text);
  } catch {
    return querystring.unescape(text, true);
  }
}

function addPair(result, key, value) {
  const existing = result[key];
  if (existing === undefined) result[key] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else result[key] = [existing, value];
}

const isHexDigit = (code) => hexValue(code) >= 0;

/**
 * Node's parser is a single left-to-right scan that matches the separator first and the `eq`
 * string second, one code unit at a time and without backtracking: a character consumed by a
 * partial separator match is never tested against `eq` (with `sep` "==" and `eq` "=", "a=1" is
 * the key "a=1"). A leading or inner empty pair counts against `maxKeys` but adds nothing.
 *
 * The default decoder runs only on a key or value the scan saw a `%XX` escape in; any other
 * decoder (an option, or a replaced `querystring.unescape`) runs on every non-empty text. Node's
 * detection has a quirk kept here: once a key holds an escape, a second escape in the same key
 * marks the value as escaped too.
 */
function parse(qs, sep, eq, options) {
  const result = { __proto__: null };
  if (typeof qs !== "string" || qs.length === 0) return result;
  const sepText = sep ? String(sep) : "&";
  const eqText = eq ? String(eq) : "=";
  let pairsLeft = DEFAULT_MAX_KEYS;
  if (typeof options?.maxKeys === "number") pairsLeft = options.maxKeys > 0 ? options.maxKeys : Infinity;
  const decode = typeof options?.decodeURIComponent === "function" ? options.decodeURIComponent : querystring.unescape;
  const alwaysDecode = decode !== unescape;
  // A `+` is a space: written as such for the default decoder, as "%20" for any other.
  const plus = alwaysDecode ? "%20" : " ";

  let key = "";
  let value = "";
  let lastPos = 0;
  let sepIdx = 0;
  let eqIdx = 0;
  let keyEscaped = alwaysDecode;
  let valueEscaped = alwaysDecode;
  let escapeProgress = 0; // 1 after a "%", 2 after "%X", 3 after "%XX"
  const add = () => {
    addPair(result, key.length > 0 && keyEscaped ? decodeComponent(key, decode) : key, value.length > 0 && valueEscaped ? decodeComponent(value, decode) : value);
  };

  for (let i = 0; i < qs.length; i++) {
    const code = qs.charCodeAt(i);
    if (sepIdx < sepText.length && code === sepText.charCodeAt(sepIdx)) {
      if (++sepIdx < sepText.length) continue;
      const end = i - sepIdx + 1;
      const inKey = eqIdx < eqText.length;
      if (lastPos < end) {
        if (inKey) key += qs.slice(lastPos, end);
        else value += qs.slice(lastPos, end);
      }
      // An empty pair adds nothing.
      if (!(inKey && key.length === 0)) add();
      if (--pairsLeft === 0) return result;
      key = value = "";
      lastPos = i + 1;
      sepIdx = eqIdx = escapeProgress = 0;
      keyEscaped = valueEscaped = alwaysDecode;
      continue;
    }
    sepIdx = 0;
    if (eqIdx < eqText.length) {
      if (code === eqText.charCodeAt(eqIdx)) {
        if (++eqIdx === eqText.length) {
          const end = i - eqIdx + 1;
          if (lastPos < end) key += qs.slice(lastPos, end);
          escapeProgress = 0;
          lastPos = i + 1;
        }
        continue;
      }
      eqIdx = 0;
      if (!keyEscaped) {
        if (code === 37 /* % */) {
          escapeProgress = 1;
          continue;
        }
        if (escapeProgress > 0) {
          if (isHexDigit(code)) {
            if (++escapeProgress === 3) keyEscaped = true;
            continue;
          }
          escapeProgress = 0;
        }
      }
    }
    if (code === 43 /* + */) {
      const piece = qs.slice(lastPos, i) + plus;
      if (eqIdx < eqText.length) key += piece;
      else value += piece;
      lastPos = i + 1;
      continue;
    }
    if (!valueEscaped) {
      if (code === 37 /* % */) escapeProgress = 1;
      else if (escapeProgress > 0) {
        if (!isHexDigit(code)) escapeProgress = 0;
        else if (++escapeProgress === 3) valueEscaped = true;
      }
    }
  }
  if (lastPos < qs.length) {
    if (eqIdx < eqText.length) key += qs.slice(lastPos);
    // With an empty separator (a truthy argument whose string is ""), Node drops the value.
    else if (sepIdx < sepText.length) value += qs.slice(lastPos);
  } else if (eqIdx === 0 && key.length === 0) {
    return result; // an empty last pair
  }
  add();
  return result;
}

const querystring = {
  unescapeBuffer,
  unescape,
  escape,
  stringify,
  encode: stringify,
  parse,
  decode: parse,
};

export default querystring;
export { unescapeBuffer, unescape, escape, stringify, stringify as encode, parse, parse as decode };
