// node:url — the WHATWG `URL` and `URLSearchParams` (parsing and setters are the `url` crate's,
// through rusk:native/url), file-URL helpers, and Node's legacy `url.parse`/`format`/`resolve`
// API with its `Url` objects.

import native from "rusk:native/url";
import querystring, { escape as querystringEscape } from "querystring";
import path from "path";
import { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, nodeError, validateString } from "rusk:internal/errors";

const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");
const internals = () => globalThis[Symbol.for("rusk.internals")];

// Indexes of the component array the native returns.
const HREF = 0;
const PROTOCOL = 1;
const USERNAME = 2;
const PASSWORD = 3;
const HOST = 4;
const HOSTNAME = 5;
const PORT = 6;
const PATHNAME = 7;
const SEARCH = 8;
const HASH = 9;
const ORIGIN = 10;

/** WebIDL's USVString: the string form of `value`, lone surrogates replaced by U+FFFD. */
function toUSVString(value) {
  const s = `${value}`;
  return s.isWellFormed() ? s : s.toWellFormed();
}

function missingArgs(...names) {
  const list = names.length === 1 ? `"${names[0]}" argument` : `"${names[0]}" and "${names[1]}" arguments`;
  return nodeError(TypeError, "ERR_MISSING_ARGS", `The ${list} must be specified`);
}

function invalidThis(type) {
  return nodeError(TypeError, "ERR_INVALID_THIS", `Value of "this" must be of type ${type}`);
}

function invalidURL(input, base) {
  const error = nodeError(TypeError, "ERR_INVALID_URL", "Invalid URL");
  error.input = input;
  if (base !== undefined) error.base = base;
  return error;
}

// ---- application/x-www-form-urlencoded ----

const FORM_SAFE = /^[A-Za-z0-9*\-._]*$/;
const FORM_EXTRA = /%20|[!'()~]/g;
const FORM_EXTRA_ESCAPES = { "%20": "+", "!": "%21", "'": "%27", "(": "%28", ")": "%29", "~": "%7E" };

/** The form serializer of a (well-formed) string: bytes outside `*-._` and alphanumerics become `%XX`, spaces `+`. */
function formEncode(s) {
  if (FORM_SAFE.test(s)) return s;
  return encodeURIComponent(s).replace(FORM_EXTRA, (m) => FORM_EXTRA_ESCAPES[m]);
}

function hexValue(code) {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** Appends the UTF-8 bytes of the code point at `s[i]` to `bytes`; returns the code units used. */
function pushUtf8(bytes, s, i) {
  const cp = s.codePointAt(i);
  if (cp < 0x80) bytes.push(cp);
  else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  return cp > 0xffff ? 2 : 1;
}

let utf8Decoder;

/** The URL Standard's percent-decode followed by UTF-8 decode without BOM (lossy). */
function percentDecode(s) {
  try {
    // Equal to the standard's decode whenever it succeeds (valid escapes of valid UTF-8).
    return decodeURIComponent(s);
  } catch {
    const bytes = [];
    for (let i = 0; i < s.length; ) {
      if (s.charCodeAt(i) === 37 /* % */ && i + 2 < s.length && hexValue(s.charCodeAt(i + 1)) >= 0 && hexValue(s.charCodeAt(i + 2)) >= 0) {
        bytes.push(hexValue(s.charCodeAt(i + 1)) * 16 + hexValue(s.charCodeAt(i + 2)));
        i += 3;
      } else {
        i += pushUtf8(bytes, s, i);
      }
    }
    utf8Decoder ??= new TextDecoder("utf-8", { ignoreBOM: true });
    return utf8Decoder.decode(new Uint8Array(bytes));
  }
}

function decodeFormComponent(s) {
  const spaced = s.includes("+") ? s.replace(/\+/g, " ") : s;
  return spaced.includes("%") ? percentDecode(spaced) : spaced;
}

/** The form-urlencoded parser: `[name, value, name, value, ...]` of a (well-formed) query. */
function parseForm(query) {
  const list = [];
  if (query.length === 0) return list;
  for (const sequence of query.split("&")) {
    if (sequence.length === 0) continue;
    const eq = sequence.indexOf("=");
    const name = eq < 0 ? sequence : sequence.slice(0, eq);
    const value = eq < 0 ? "" : sequence.slice(eq + 1);
    list.push(decodeFormComponent(name), decodeFormComponent(value));
  }
  return list;
}

function serializeForm(list) {
  let out = "";
  for (let i = 0; i < list.length; i += 2) {
    if (i > 0) out += "&";
    out += `${formEncode(list[i])}=${formEncode(list[i + 1])}`;
  }
  return out;
}

// ---- inspection ----

const stripColors = (s) => s.replace(/\u001b\[\d\d?m/g, "");

function inspectFunction(inspect) {
  return typeof inspect === "function" ? inspect : internals()?.inspect ?? ((v) => String(v));
}

/** `Name { a, b }` on one line when it fits `breakLength`, else one item per line. */
function braceList(name, items, options) {
  const breakLength = options?.breakLength ?? 80;
  const length = items.reduce((n, item) => n + stripColors(item).length + 2, -2);
  if (length > breakLength) return `${name} {\n  ${items.join(",\n  ")} }`;
  if (items.length > 0) return `${name} { ${items.join(", ")} }`;
  return `${name} {}`;
}

// ---- URLSearchParams ----

// Friend access between the classes below (set in their static blocks).
let paramsListOf; // (params) => the live [name, value, ...] list
let linkParams; // (params, url) => void
let resetParamsFromQuery; // (params, search) => void
let setSearchFromParams; // (url, serialized) => void

const ITERATOR_KINDS = { keys: 0, values: 1, entries: 2 };

/** What an iterator of `kind` yields for the pair at `at` of a params list. */
function iteratorItem(list, at, kind) {
  if (kind === ITERATOR_KINDS.keys) return list[at];
  if (kind === ITERATOR_KINDS.values) return list[at + 1];
  return [list[at], list[at + 1]];
}
const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));

class URLSearchParamsIterator {
  #params;
  #kind;
  #index = 0;

  constructor(params, kind) {
    this.#params = params;
    this.#kind = kind;
  }

  static #check(self) {
    if (self === null || typeof self !== "object" || !(#kind in self)) throw invalidThis("URLSearchParamsIterator");
  }

  next() {
    URLSearchParamsIterator.#check(this);
    const list = paramsListOf(this.#params);
    const at = this.#index * 2;
    if (at >= list.length) return { value: undefined, done: true };
    this.#index++;
    return { value: iteratorItem(list, at, this.#kind), done: false };
  }

  [inspectSymbol](depth, options, inspect) {
    URLSearchParamsIterator.#check(this);
    const show = inspectFunction(inspect);
    const inner = { ...options, depth: depth == null ? depth : depth - 1 };
    const list = paramsListOf(this.#params);
    const remaining = [];
    for (let at = this.#index * 2; at < list.length; at += 2) remaining.push(iteratorItem(list, at, this.#kind));
    // One item per line when inspect would break the array of them (as Node decides).
    const items = remaining.map((value) => show(value, inner));
    if (show(remaining, inner).includes("\n")) return `URLSearchParams Iterator {\n  ${items.join(",\n  ")} }`;
    return `URLSearchParams Iterator { ${items.join(", ")} }`;
  }
}
Object.setPrototypeOf(URLSearchParamsIterator.prototype, IteratorPrototype);
// Node's iterator prototype holds only `next` (no `constructor`).
delete URLSearchParamsIterator.prototype.constructor;
Object.defineProperty(URLSearchParamsIterator.prototype, "next", { enumerable: true });
Object.defineProperty(URLSearchParamsIterator.prototype, Symbol.toStringTag, { value: "URLSearchParams Iterator", configurable: true });

/** Reads a record or an iterable of pairs into `list`, as the constructor's WebIDL union does. */
function readPairsInit(list, init) {
  const method = init[Symbol.iterator];
  if (method == null) {
    // A record: the last value of keys equal after USVString conversion wins, in first-key order.
    const record = new Map();
    for (const key of Reflect.ownKeys(init)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(init, key);
      if (descriptor === undefined || !descriptor.enumerable) continue;
      record.set(toUSVString(key), toUSVString(init[key]));
    }
    for (const [name, value] of record) list.push(name, value);
    return;
  }
  if (typeof method !== "function") throw nodeError(TypeError, "ERR_ARG_NOT_ITERABLE", "Query pairs must be iterable");
  for (const pair of method.call(init)) {
    if ((typeof pair !== "object" && typeof pair !== "function") || pair === null || typeof pair[Symbol.iterator] !== "function") {
      throw nodeError(TypeError, "ERR_INVALID_TUPLE", "Each query pair must be an iterable [name, value] tuple");
    }
    const items = [...pair];
    if (items.length !== 2) throw nodeError(TypeError, "ERR_INVALID_TUPLE", "Each query pair must be an iterable [name, value] tuple");
    list.push(toUSVString(items[0]), toUSVString(items[1]));
  }
}

class URLSearchParams {
  #list = [];
  #url = null;

  constructor(init = undefined) {
    if (init === undefined || init === null) return;
    if (typeof init === "object" || typeof init === "function") {
      readPairsInit(this.#list, init);
    } else {
      const s = toUSVString(init);
      this.#list = parseForm(s.charCodeAt(0) === 63 /* ? */ ? s.slice(1) : s);
    }
  }

  static {
    paramsListOf = (params) => params.#list;
    linkParams = (params, url) => {
      params.#url = url;
    };
    resetParamsFromQuery = (params, search) => {
      params.#list = parseForm(search.length > 0 ? search.slice(1) : "");
    };
  }

  static #check(self) {
    if (self === null || typeof self !== "object" || !(#list in self)) throw invalidThis("URLSearchParams");
  }

  /** Writes the list back to the linked URL's query (the standard's "update steps"). */
  #update() {
    if (this.#url !== null) setSearchFromParams(this.#url, serializeForm(this.#list));
  }

  get size() {
    URLSearchParams.#check(this);
    return this.#list.length / 2;
  }

  append(name, value) {
    URLSearchParams.#check(this);
    if (arguments.length < 2) throw missingArgs("name", "value");
    this.#list.push(toUSVString(name), toUSVString(value));
    this.#update();
  }

  delete(name, value = undefined) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) throw missingArgs("name");
    const key = toUSVString(name);
    const only = value === undefined ? undefined : toUSVString(value);
    const list = this.#list;
    let kept = 0;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === key && (only === undefined || list[i + 1] === only)) continue;
      list[kept++] = list[i];
      list[kept++] = list[i + 1];
    }
    list.length = kept;
    this.#update();
  }

  get(name) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) throw missingArgs("name");
    const key = toUSVString(name);
    const list = this.#list;
    for (let i = 0; i < list.length; i += 2) if (list[i] === key) return list[i + 1];
    return null;
  }

  getAll(name) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) throw missingArgs("name");
    const key = toUSVString(name);
    const list = this.#list;
    const values = [];
    for (let i = 0; i < list.length; i += 2) if (list[i] === key) values.push(list[i + 1]);
    return values;
  }

  has(name, value = undefined) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) throw missingArgs("name");
    const key = toUSVString(name);
    const only = value === undefined ? undefined : toUSVString(value);
    const list = this.#list;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === key && (only === undefined || list[i + 1] === only)) return true;
    }
    return false;
  }

  set(name, value) {
    URLSearchParams.#check(this);
    if (arguments.length < 2) throw missingArgs("name", "value");
    const key = toUSVString(name);
    const text = toUSVString(value);
    const list = this.#list;
    let found = false;
    let kept = 0;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === key) {
        if (found) continue;
        found = true;
        list[i + 1] = text;
      }
      list[kept++] = list[i];
      list[kept++] = list[i + 1];
    }
    list.length = kept;
    if (!found) list.push(key, text);
    this.#update();
  }

  /** A stable sort of the pairs by name, comparing UTF-16 code units (what `<` on strings does). */
  sort() {
    URLSearchParams.#check(this);
    const list = this.#list;
    const pairs = [];
    for (let i = 0; i < list.length; i += 2) pairs.push([list[i], list[i + 1]]);
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (let i = 0; i < pairs.length; i++) {
      list[2 * i] = pairs[i][0];
      list[2 * i + 1] = pairs[i][1];
    }
    this.#update();
  }

  entries() {
    URLSearchParams.#check(this);
    return new URLSearchParamsIterator(this, ITERATOR_KINDS.entries);
  }

  forEach(callback, thisArg = undefined) {
    URLSearchParams.#check(this);
    if (typeof callback !== "function") throw ERR_INVALID_ARG_TYPE("callback", "function", callback);
    // The list is read live: callbacks may add or remove pairs.
    const list = this.#list;
    for (let i = 0; i < list.length; i += 2) callback.call(thisArg, list[i + 1], list[i], this);
  }

  keys() {
    URLSearchParams.#check(this);
    return new URLSearchParamsIterator(this, ITERATOR_KINDS.keys);
  }

  values() {
    URLSearchParams.#check(this);
    return new URLSearchParamsIterator(this, ITERATOR_KINDS.values);
  }

  toString() {
    URLSearchParams.#check(this);
    return serializeForm(this.#list);
  }

  [inspectSymbol](depth, options, inspect) {
    URLSearchParams.#check(this);
    if (typeof depth === "number" && depth < 0) return "[Object]";
    const show = inspectFunction(inspect);
    const inner = { ...options, depth: depth == null ? depth : depth - 1 };
    const items = [];
    const list = this.#list;
    for (let i = 0; i < list.length; i += 2) items.push(`${show(list[i], inner)} => ${show(list[i + 1], inner)}`);
    return braceList(this.constructor.name, items, options);
  }
}

// ---- URL ----

function parseComponents(input, base) {
  return base === undefined ? native.parse(input) : native.parse(input, base);
}

class URL {
  #c; // the component array: href, protocol, username, password, host, hostname, port, pathname, search, hash, origin
  #searchParams = null;

  constructor(input, base = undefined) {
    if (arguments.length === 0) throw missingArgs("url");
    const text = toUSVString(input);
    const baseText = base === undefined ? undefined : toUSVString(base);
    const c = parseComponents(text, baseText);
    if (c === null) throw invalidURL(text, baseText);
    this.#c = c;
  }

  static {
    setSearchFromParams = (url, serialized) => {
      // The query becomes exactly the serialization (null when empty); form-encoded text is
      // already safe for the query, so the search setter leaves it as is.
      const c = native.set(url.#c[HREF], "search", serialized);
      if (c !== null) url.#c = c;
    };
  }

  /** Applies a native setter; a refused value leaves the URL as it was, as the standard says. */
  #set(component, value) {
    const c = native.set(this.#c[HREF], component, toUSVString(value));
    if (c === null) return false;
    this.#c = c;
    return true;
  }

  toString() {
    return this.#c[HREF];
  }

  get href() {
    return this.#c[HREF];
  }

  set href(value) {
    const text = toUSVString(value);
    const c = native.parse(text);
    if (c === null) throw invalidURL(text);
    this.#c = c;
    if (this.#searchParams !== null) resetParamsFromQuery(this.#searchParams, c[SEARCH]);
  }

  get origin() {
    const c = this.#c;
    // A blob: URL has its inner URL's origin only when that one is http(s); the url crate also
    // takes the origin of ftp, ws, wss and nested blob: URLs.
    if (c[PROTOCOL] === "blob:" && !/^https?:/i.test(c[PATHNAME])) return "null";
    return c[ORIGIN];
  }

  get protocol() {
    return this.#c[PROTOCOL];
  }

  set protocol(value) {
    this.#set("protocol", value);
  }

  get username() {
    return this.#c[USERNAME];
  }

  set username(value) {
    this.#set("username", value);
  }

  get password() {
    return this.#c[PASSWORD];
  }

  set password(value) {
    this.#set("password", value);
  }

  get host() {
    return this.#c[HOST];
  }

  set host(value) {
    this.#set("host", value);
  }

  get hostname() {
    return this.#c[HOSTNAME];
  }

  set hostname(value) {
    this.#set("hostname", value);
  }

  get port() {
    return this.#c[PORT];
  }

  set port(value) {
    this.#set("port", value);
  }

  get pathname() {
    return this.#c[PATHNAME];
  }

  set pathname(value) {
    this.#set("pathname", value);
  }

  get search() {
    return this.#c[SEARCH];
  }

  set search(value) {
    if (this.#set("search", value) && this.#searchParams !== null) resetParamsFromQuery(this.#searchParams, this.#c[SEARCH]);
  }

  get searchParams() {
    if (this.#searchParams === null) {
      const params = new URLSearchParams(this.#c[SEARCH]);
      linkParams(params, this);
      this.#searchParams = params;
    }
    return this.#searchParams;
  }

  get hash() {
    return this.#c[HASH];
  }

  set hash(value) {
    this.#set("hash", value);
  }

  toJSON() {
    return this.#c[HREF];
  }

  static parse(input, base = undefined) {
    if (arguments.length === 0) throw missingArgs("url");
    try {
      return new URL(input, base);
    } catch (error) {
      if (error?.code === "ERR_INVALID_URL") return null;
      throw error;
    }
  }

  static canParse(input, base = undefined) {
    if (arguments.length === 0) throw missingArgs("url");
    return parseComponents(toUSVString(input), base === undefined ? undefined : toUSVString(base)) !== null;
  }

  static createObjectURL(obj) {
    const Blob = globalThis.Blob;
    if (typeof Blob !== "function" || !(obj instanceof Blob)) throw ERR_INVALID_ARG_TYPE("obj", "Blob", obj);
    throw new Error("URL.createObjectURL is not implemented in rusk (blob: URLs are not supported)");
  }

  /** No blob: URL is ever created (see createObjectURL), so there is never one to revoke. */
  static revokeObjectURL(url) {
    if (arguments.length === 0) throw missingArgs("url");
  }

  [inspectSymbol](depth, options, inspect) {
    if (typeof depth === "number" && depth < 0) return this;
    const show = inspectFunction(inspect);
    const c = this.#c;
    const shown = {
      href: c[HREF],
      origin: this.origin,
      protocol: c[PROTOCOL],
      username: c[USERNAME],
      password: c[PASSWORD],
      host: c[HOST],
      hostname: c[HOSTNAME],
      port: c[PORT],
      pathname: c[PATHNAME],
      search: c[SEARCH],
      searchParams: this.searchParams,
      hash: c[HASH],
    };
    return `${this.constructor.name} ${show(shown, options)}`;
  }
}

// WebIDL: attributes and operations are enumerable, and each class has a toStringTag.
for (const C of [URL, URLSearchParams]) {
  for (const key of Object.getOwnPropertyNames(C.prototype)) {
    if (key !== "constructor") Object.defineProperty(C.prototype, key, { enumerable: true });
  }
  Object.defineProperty(C.prototype, Symbol.toStringTag, { value: C.name, configurable: true });
}
for (const key of ["parse", "canParse", "createObjectURL", "revokeObjectURL"]) Object.defineProperty(URL, key, { enumerable: true });
Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
  value: URLSearchParams.prototype.entries,
  writable: true,
  configurable: true,
});

// ---- domains ----

/**
 * The hostname the URL parser makes of `domain` (as the hostname setter on a special URL
 * does, which is what Node's domainToASCII returns: IPv4 numbers normalized, text after "/"
 * dropped), or "" when it is not a valid host.
 */
function hostnameOf(domain) {
  const c = native.set("ws://x/", "hostname", domain);
  return c === null ? "" : c[HOSTNAME];
}

/** A URL's hostname with punycode labels decoded; addresses and opaque hosts stay as they are. */
function hostToUnicode(hostname) {
  return native.domainToUnicode(hostname) || hostname;
}

function domainToASCII(domain) {
  if (arguments.length === 0) throw missingArgs("domain");
  return hostnameOf(toUSVString(domain));
}

function domainToUnicode(domain) {
  if (arguments.length === 0) throw missingArgs("domain");
  return hostToUnicode(hostnameOf(toUSVString(domain)));
}

// ---- file: URLs ----

const isWindowsOption = (options) => Boolean(options?.windows);

/** The file: URL path of a resolved POSIX path: Node's escapes (`%`, `\`, controls, `?#~[]^|`...) and UTF-8. */
function encodeFilePath(resolved) {
  return encodeURI(resolved.isWellFormed() ? resolved : resolved.toWellFormed()).replace(/[?#~]/g, (ch) => (ch === "?" ? "%3F" : ch === "#" ? "%23" : "%7E"));
}

/** A file: URL with `pathname` set (so a path starting "//" stays a path). */
function fileURL(hostname, encodedPath) {
  const url = new URL("file://");
  // A name the host parser refuses (as "?" in \\?\C:\x) leaves the host empty, as in Node.
  if (hostname !== "") url.hostname = hostname;
  url.pathname = encodedPath;
  return url;
}

/** Whether `filepath` ends with a separator that `resolve` dropped (Node compares with the platform's `sep`). */
function lostTrailingSlash(filepath, resolved, windows) {
  const last = filepath.charCodeAt(filepath.length - 1);
  return (last === 47 || (windows && last === 92)) && resolved[resolved.length - 1] !== path.sep;
}

function windowsPathToFileURL(filepath) {
  if (filepath.startsWith("\\\\")) {
    // UNC: \\server\share\path (or \\?\UNC\server\share\path).
    const hostStart = filepath.startsWith("\\\\?\\UNC\\") ? 8 : 2;
    const hostEnd = filepath.indexOf("\\", hostStart);
    if (hostEnd === -1) throw ERR_INVALID_ARG_VALUE("path", filepath, "Missing UNC resource path");
    if (hostEnd === hostStart) throw ERR_INVALID_ARG_VALUE("path", filepath, "Empty UNC servername");
    return fileURL(filepath.slice(hostStart, hostEnd), encodeFilePath(filepath.slice(hostEnd).replace(/\\/g, "/")));
  }
  let resolved = path.win32.resolve(filepath);
  if (lostTrailingSlash(filepath, resolved, true)) resolved += "/";
  return fileURL("", encodeFilePath(resolved.replace(/\\/g, "/")));
}

function pathToFileURL(filepath, options = undefined) {
  validateString(filepath, "path");
  if (isWindowsOption(options)) return windowsPathToFileURL(filepath);
  let resolved = path.posix.resolve(filepath);
  if (lostTrailingSlash(filepath, resolved, false)) resolved += "/";
  return fileURL("", encodeFilePath(resolved));
}

/** Node's test for a URL object: anything with `href` and `protocol` but not a legacy `Url`'s `auth`/`path`. */
function isURLLike(value) {
  return Boolean(value?.href && value.protocol && value.auth === undefined && value.path === undefined);
}

const ENCODED_SLASH = /%2f/i;
const ENCODED_SLASH_OR_BACKSLASH = /%2f|%5c/i;

function windowsPathFromURL(url) {
  const hostname = url.hostname;
  let pathname = url.pathname;
  if (ENCODED_SLASH_OR_BACKSLASH.test(pathname)) {
    throw nodeError(TypeError, "ERR_INVALID_FILE_URL_PATH", "File URL path must not include encoded \\ or / characters");
  }
  pathname = decodeURIComponent(pathname.replace(/\//g, "\\"));
  if (hostname !== "") return `\\\\${domainToUnicode(hostname)}${pathname}`;
  // A drive path: \C:\... (the letter may be of either case).
  const letter = pathname.charCodeAt(1) | 0x20;
  if (letter < 97 || letter > 122 || pathname.charCodeAt(2) !== 58 /* : */) {
    throw nodeError(TypeError, "ERR_INVALID_FILE_URL_PATH", "File URL path must be absolute");
  }
  return pathname.slice(1);
}

function fileURLToPath(pathOrURL, options = undefined) {
  let url = pathOrURL;
  if (typeof url === "string") url = new URL(url);
  else if (!isURLLike(url)) throw ERR_INVALID_ARG_TYPE("path", ["string", "URL"], url);
  if (url.protocol !== "file:") throw nodeError(TypeError, "ERR_INVALID_URL_SCHEME", "The URL must be of scheme file");
  if (isWindowsOption(options)) return windowsPathFromURL(url);
  if (url.hostname !== "") {
    throw nodeError(TypeError, "ERR_INVALID_FILE_URL_HOST", `File URL host must be "localhost" or empty on ${globalThis.process.platform}`);
  }
  const pathname = url.pathname;
  if (ENCODED_SLASH.test(pathname)) throw nodeError(TypeError, "ERR_INVALID_FILE_URL_PATH", "File URL path must not include encoded / characters");
  return decodeURIComponent(pathname);
}

/** The options object `http.request` takes, from a URL. */
function urlToHttpOptions(url) {
  const { hostname, pathname, port, username, password, search } = url;
  const options = {
    __proto__: null,
    ...url,
    protocol: url.protocol,
    hostname: typeof hostname === "string" && hostname.startsWith("[") ? hostname.slice(1, -1) : hostname,
    hash: url.hash,
    search,
    pathname,
    path: `${pathname || ""}${search || ""}`,
    href: url.href,
  };
  if (port !== "") options.port = Number(port);
  if (username || password) options.auth = `${decodeURIComponent(username)}:${decodeURIComponent(password)}`;
  return options;
}

// ---- the legacy API: url.parse / url.format / url.resolve ----

const SLASHED_PROTOCOLS = new Set(["http", "http:", "https", "https:", "ftp", "ftp:", "gopher", "gopher:", "file", "file:", "ws", "ws:", "wss", "wss:"]);
const HOSTLESS_PROTOCOLS = new Set(["javascript", "javascript:"]);
const UNESCAPED_PROTOCOLS = HOSTLESS_PROTOCOLS; // javascript: text is never auto-escaped
const PROTOCOL_PREFIX = /^[a-z0-9.+-]+:/i;
const SIMPLE_PATH = /^(\/\/?(?!\/)[^?\s@]*)(\?[^\s]*)?$/;
const AUTH_IN_SLASHLESS_HOST = /^\/\/[^@/]+@[^@/]+/;
const PORT_SUFFIX = /:[0-9]*$/;
const HOSTNAME_MAX_LENGTH = 255;
const FORBIDDEN_HOST_CHARS = /[\0\t\n\r #%/:<>?@[\\\]^|]/;
const FORBIDDEN_IPV6_HOST_CHARS = /[\0\t\n\r #%/<>?@\\^|]/;
const AUTO_ESCAPED = /[\t\n\r "'<>\\^`{|}]/g;
const AUTO_ESCAPES = { "\t": "%09", "\n": "%0A", "\r": "%0D", " ": "%20", '"': "%22", "'": "%27", "<": "%3C", ">": "%3E", "\\": "%5C", "^": "%5E", "`": "%60", "{": "%7B", "|": "%7C", "}": "%7D" };

/** Characters that end the host part (with #, / and ?), as Node's legacy parser knows them. */
function isNonHostChar(code) {
  switch (code) {
    case 32: // space
    case 34: // "
    case 37: // %
    case 39: // '
    case 59: // ;
    case 60: // <
    case 62: // >
    case 92: // \
    case 94: // ^
    case 96: // `
    case 123: // {
    case 124: // |
    case 125: // }
      return true;
    default:
      return false;
  }
}

const isTrimmed = (code) => code <= 32 || code === 0xa0 || code === 0xfeff;

/**
 * The legacy parser's input: surrounding blanks (controls, space, NBSP, BOM) trimmed, and
 * backslashes before the first "?" or "#" turned into slashes.
 */
function prepareLegacyInput(url) {
  let start = 0;
  let end = url.length;
  while (start < end && isTrimmed(url.charCodeAt(start))) start++;
  while (end > start && isTrimmed(url.charCodeAt(end - 1))) end--;
  const text = url.slice(start, end);
  const split = text.search(/[?#]/);
  const head = split < 0 ? text : text.slice(0, split);
  return head.includes("\\") ? head.replace(/\\/g, "/") + (split < 0 ? "" : text.slice(split)) : text;
}

let warnedInvalidLegacyURL = false;

function warnInvalidLegacyURL(url) {
  if (warnedInvalidLegacyURL) return;
  warnedInvalidLegacyURL = true;
  globalThis.process.emitWarning(`The URL ${url} is invalid. Future versions of Node.js will throw an error.`, "DeprecationWarning", "DEP0170");
}

/** IDNA ToASCII of a name, without the URL parser's IPv4 handling ("0x7f.1" stays); "" when invalid. */
function idnaToASCII(name) {
  if (name === "") return "";
  // A last label that is not a number keeps the host parser from reading the name as IPv4.
  const ascii = native.domainToASCII(toUSVString(`${name}.a`));
  return ascii === "" ? "" : ascii.slice(0, -2);
}

/**
 * What Node makes of a name holding a NUL: it converts the whole name and reads the result
 * back as a C string, so the output ends at the NUL. Punycode keeps a label's ASCII characters
 * (the NUL among them) first, after "xn--", so a label with other characters ends as "xn--"
 * and its ASCII characters before the NUL.
 */
function truncatedAtNul(name) {
  const labels = name.split(".");
  const at = labels.findIndex((label) => label.includes("\0"));
  const label = labels[at];
  const before = labels.slice(0, at).join(".");
  let tail;
  if (/^[\x00-\x7f]*$/.test(label)) {
    tail = label.slice(0, label.indexOf("\0"));
  } else {
    // The conversion still fails on characters IDNA refuses.
    if (idnaToASCII(label.replace(/[\x00-\x7f]/g, "")) === "") return "";
    tail = `xn--${label.replace(/[^\x00-\x7f]/g, "").split("\0")[0]}`;
  }
  if (at === 0) return tail;
  const head = /^[\x00-\x7f]*$/.test(before) ? before : idnaToASCII(before);
  return `${head}.${tail}`;
}

/**
 * A legacy hostname in ASCII: Node runs it through IDNA's ToASCII; ASCII names stay as they are
 * (lowercased already). A name that comes out empty is an error.
 */
function legacyHostnameToASCII(hostname, url) {
  let ascii;
  if (hostname.includes("\0")) ascii = truncatedAtNul(hostname);
  else if (/^[\x00-\x7f]*$/.test(hostname) && !hostname.includes("xn--")) ascii = hostname;
  else ascii = idnaToASCII(hostname);
  if (ascii === "") throw invalidURL(url);
  return ascii;
}

/** Splits `host` into `hostname` and `port` (Node's `Url#parseHost`). */
function parseLegacyHost(self) {
  let host = self.host;
  const port = PORT_SUFFIX.exec(host);
  if (port !== null) {
    if (port[0] !== ":") self.port = port[0].slice(1);
    host = host.slice(0, host.length - port[0].length);
  }
  if (host) self.hostname = host;
}

/**
 * Parses the authority at the start of `rest` into `self` (auth, host, port, hostname) and
 * returns what follows it.
 */
function parseLegacyAuthority(self, input, url) {
  let rest = input;
  let atSign = -1;
  let nonHost = -1;
  for (let i = 0; i < rest.length; i++) {
    const code = rest.charCodeAt(i);
    if (code === 9 || code === 10 || code === 13) {
      // Tabs and newlines are dropped up to the end of the host (as the WHATWG parser does).
      rest = rest.slice(0, i) + rest.slice(i + 1);
      i--;
      continue;
    }
    if (code === 35 || code === 47 || code === 63) {
      // # / ? end the host
      if (nonHost === -1) nonHost = i;
      break;
    }
    if (code === 64) {
      // The last "@" before the host's end starts the host.
      atSign = i;
      nonHost = -1;
    } else if (nonHost === -1 && isNonHostChar(code)) {
      nonHost = i;
    }
  }
  let start = 0;
  if (atSign !== -1) {
    self.auth = decodeURIComponent(rest.slice(0, atSign));
    start = atSign + 1;
  }
  let after = "";
  if (nonHost === -1) {
    self.host = rest.slice(start);
  } else {
    self.host = rest.slice(start, nonHost);
    after = rest.slice(nonHost);
  }
  parseLegacyHost(self);
  if (typeof self.hostname !== "string") self.hostname = "";
  let hostname = self.hostname;
  const ipv6 = hostname.startsWith("[") && hostname.endsWith("]");
  if (!ipv6) {
    // A ":" left in the name (a port that is not a number) starts the path.
    const cut = hostname.search(/[/\\#?:]/);
    if (cut !== -1) {
      warnInvalidLegacyURL(url);
      after = `/${hostname.slice(cut)}${after}`;
      hostname = hostname.slice(0, cut);
    }
  }
  hostname = hostname.length > HOSTNAME_MAX_LENGTH ? "" : hostname.toLowerCase();
  if (hostname !== "") {
    if (ipv6) {
      if (FORBIDDEN_IPV6_HOST_CHARS.test(hostname)) throw invalidURL(url);
    } else {
      hostname = legacyHostnameToASCII(hostname, url);
      if (FORBIDDEN_HOST_CHARS.test(hostname)) throw invalidURL(url);
    }
  }
  self.host = hostname + (self.port ? `:${self.port}` : "");
  self.hostname = hostname;
  if (ipv6) {
    self.hostname = hostname.slice(1, -1);
    if (after[0] !== "/") after = `/${after}`;
  }
  return after;
}

/** Sets search/query/hash/pathname from the text after the authority. */
function parseLegacyPathAndQuery(self, rest, parseQueryString) {
  let question = -1;
  let hashAt = -1;
  for (let i = 0; i < rest.length; i++) {
    const code = rest.charCodeAt(i);
    if (code === 35) {
      self.hash = rest.slice(i);
      hashAt = i;
      break;
    }
    if (code === 63 && question === -1) question = i;
  }
  if (question !== -1) {
    const queryEnd = hashAt === -1 ? rest.length : hashAt;
    self.search = rest.slice(question, queryEnd);
    self.query = rest.slice(question + 1, queryEnd);
    if (parseQueryString) self.query = querystring.parse(self.query);
  } else if (parseQueryString) {
    self.search = null;
    self.query = { __proto__: null };
  }
  const pathEnd = question !== -1 && (hashAt === -1 || question < hashAt) ? question : hashAt;
  if (pathEnd === -1) {
    if (rest.length > 0) self.pathname = rest;
  } else if (pathEnd > 0) {
    self.pathname = rest.slice(0, pathEnd);
  }
}

function parseSimplePath(self, text, match, parseQueryString) {
  self.path = text;
  self.href = text;
  self.pathname = match[1];
  if (match[2]) {
    self.search = match[2];
    self.query = parseQueryString ? querystring.parse(self.search.slice(1)) : self.search.slice(1);
  } else if (parseQueryString) {
    self.search = null;
    self.query = { __proto__: null };
  }
}

function legacyParse(self, url, parseQueryString, slashesDenoteHost) {
  validateString(url, "url");
  let rest = prepareLegacyInput(url);
  if (!slashesDenoteHost && !rest.includes("#")) {
    // Fast path: a plain path with an optional query.
    const simple = SIMPLE_PATH.exec(rest);
    if (simple !== null) {
      parseSimplePath(self, rest, simple, parseQueryString);
      return self;
    }
  }

  const protocolMatch = PROTOCOL_PREFIX.exec(rest);
  const protocolText = protocolMatch === null ? undefined : protocolMatch[0];
  const protocol = protocolText?.toLowerCase();
  if (protocolText !== undefined) {
    self.protocol = protocol;
    rest = rest.slice(protocolText.length);
  }

  let slashes = false;
  if (slashesDenoteHost || protocolText !== undefined || AUTH_IN_SLASHLESS_HOST.test(rest)) {
    slashes = rest.startsWith("//");
    if (slashes && !HOSTLESS_PROTOCOLS.has(protocol)) {
      rest = rest.slice(2);
      self.slashes = true;
    }
  }
  // Node tests the protocol's original case against the slashed ones here: "HTTP:a" has host "a".
  if (!HOSTLESS_PROTOCOLS.has(protocol) && (slashes || (protocolText !== undefined && !SLASHED_PROTOCOLS.has(protocolText)))) {
    rest = parseLegacyAuthority(self, rest, url);
  }
  if (!UNESCAPED_PROTOCOLS.has(protocol)) rest = rest.replace(AUTO_ESCAPED, (ch) => AUTO_ESCAPES[ch]);
  parseLegacyPathAndQuery(self, rest, parseQueryString);
  if (SLASHED_PROTOCOLS.has(protocol) && self.hostname && !self.pathname) self.pathname = "/";
  if (self.pathname || self.search) self.path = (self.pathname || "") + (self.search || "");
  self.href = legacyFormat(self);
  return self;
}

/** Node's escaping of `auth` in `format`: encodeURIComponent's set, `:` kept, lone surrogates as querystring does. */
function encodeAuth(auth) {
  return querystringEscape(auth).replace(/%3A/g, ":");
}

function legacyFormat(u) {
  let auth = u.auth || "";
  if (auth) auth = `${encodeAuth(auth)}@`;
  let protocol = u.protocol || "";
  let pathname = u.pathname || "";
  let hash = u.hash || "";
  let host = "";
  if (u.host) {
    host = auth + u.host;
  } else if (u.hostname) {
    const name = u.hostname;
    host = auth + (name.includes(":") && !(name.startsWith("[") && name.endsWith("]")) ? `[${name}]` : name);
    if (u.port) host += `:${u.port}`;
  }
  const query = u.query !== null && typeof u.query === "object" ? querystring.stringify(u.query) : "";
  let search = u.search || (query && `?${query}`) || "";
  if (protocol && protocol.charCodeAt(protocol.length - 1) !== 58 /* : */) protocol += ":";
  if (typeof pathname === "string") pathname = pathname.replace(/[?#]/g, (ch) => (ch === "?" ? "%3F" : "%23"));
  // Only the slashed protocols get "//" (not mailto:, ...), unless the object says it had them.
  if (u.slashes || SLASHED_PROTOCOLS.has(protocol)) {
    if (u.slashes || host) {
      if (pathname && pathname.charCodeAt(0) !== 47) pathname = `/${pathname}`;
      host = `//${host}`;
    } else if (protocol.startsWith("file")) {
      host = "//";
    }
  }
  search = search.replace(/#/g, "%23");
  if (hash && hash.charCodeAt(0) !== 35) hash = `#${hash}`;
  if (search && search.charCodeAt(0) !== 63) search = `?${search}`;
  return protocol + host + pathname + search + hash;
}

/**
 * Removes "." and ".." segments from `segments` (a path split on "/"), in place. Returns how many
 * ".." climbed above the first segment.
 */
function removeDotSegments(segments) {
  let up = 0;
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i];
    if (segment === ".") {
      segments.splice(i, 1);
    } else if (segment === "..") {
      segments.splice(i, 1);
      up++;
    } else if (up > 0) {
      segments.splice(i, 1);
      up--;
    }
  }
  return up;
}

/** For slashless protocols (mailto:), `user@host` can end up in `host`: move the user to `auth`. */
function splitAuthFromHost(result) {
  if (!result.host || result.host.indexOf("@") <= 0) return;
  const parts = result.host.split("@");
  result.auth = parts.shift();
  result.host = result.hostname = parts.shift();
}

function finish(result) {
  result.href = legacyFormat(result);
  return result;
}

const pathOf = (result) => (result.pathname ? result.pathname : "") + (result.search ? result.search : "");

/** `relative` has a protocol other than the base's. */
function resolveOtherProtocol(result, relative) {
  if (!SLASHED_PROTOCOLS.has(relative.protocol)) {
    // Not a known hierarchical scheme: the relative URL is taken whole.
    Object.assign(result, relative);
    return finish(result);
  }
  result.protocol = relative.protocol;
  if (!relative.host && !/^file:?$/.test(relative.protocol) && !HOSTLESS_PROTOCOLS.has(relative.protocol)) {
    // "http:foo/bar": the first path segment becomes the host.
    const segments = (relative.pathname || "").split("/");
    while (segments.length > 0 && !(relative.host = segments.shift()));
    if (!relative.host) relative.host = "";
    if (!relative.hostname) relative.hostname = "";
    if (segments[0] !== "") segments.unshift("");
    if (segments.length < 2) segments.unshift("");
    result.pathname = segments.join("/");
  } else {
    result.pathname = relative.pathname;
  }
  result.search = relative.search;
  result.query = relative.query;
  result.host = relative.host || "";
  result.auth = relative.auth;
  result.hostname = relative.hostname || relative.host;
  result.port = relative.port;
  if (result.pathname || result.search) result.path = (result.pathname || "") + (result.search || "");
  result.slashes = result.slashes || relative.slashes;
  return finish(result);
}

/** Node's legacy reference resolution (`Url#resolveObject`), quirks included. */
function legacyResolveObject(base, relativeInput) {
  let relative = relativeInput;
  if (typeof relative === "string") relative = legacyParse(new Url(), relative, false, true);
  const result = new Url();
  Object.assign(result, base);
  result.hash = relative.hash;
  if (relative.href === "") return finish(result);

  // "//host/path" keeps only the base's protocol.
  if (relative.slashes && !relative.protocol) {
    for (const key of Object.keys(relative)) if (key !== "protocol") result[key] = relative[key];
    if (SLASHED_PROTOCOLS.has(result.protocol) && result.hostname && !result.pathname) result.path = result.pathname = "/";
    return finish(result);
  }
  if (relative.protocol && relative.protocol !== result.protocol) return resolveOtherProtocol(result, relative);

  const isSourceAbs = Boolean(result.pathname) && result.pathname.charAt(0) === "/";
  const isRelAbs = relative.host || (relative.pathname && relative.pathname.charAt(0) === "/");
  let mustEndAbs = isRelAbs || isSourceAbs || (result.host && relative.pathname);
  const removeAllDots = mustEndAbs;
  let segments = (result.pathname && result.pathname.split("/")) || [];
  const relSegments = (relative.pathname && relative.pathname.split("/")) || [];
  const noLeadingSlashes = result.protocol && !SLASHED_PROTOCOLS.has(result.protocol);

  // In slashless URLs (mailto:) the host is the first path segment, so "../.." can climb into it:
  // move it into the path now and back out at the end.
  if (noLeadingSlashes) {
    result.hostname = "";
    result.port = null;
    if (result.host) {
      if (segments[0] === "") segments[0] = result.host;
      else segments.unshift(result.host);
    }
    result.host = "";
    if (relative.protocol) {
      // The relative URL names its own host (and user): the base's user goes.
      result.auth = null;
      relative.hostname = null;
      relative.port = null;
      if (relative.host) {
        if (relSegments[0] === "") relSegments[0] = relative.host;
        else relSegments.unshift(relative.host);
      }
      relative.host = null;
    }
    mustEndAbs = mustEndAbs && (relSegments[0] === "" || segments[0] === "");
  }

  if (isRelAbs) {
    if (relative.host || relative.host === "") {
      if (result.host !== relative.host) result.auth = null;
      result.host = relative.host;
      result.port = relative.port;
    }
    if (relative.hostname || relative.hostname === "") {
      if (result.hostname !== relative.hostname) result.auth = null;
      result.hostname = relative.hostname;
    }
    result.search = relative.search;
    result.query = relative.query;
    segments = relSegments;
  } else if (relSegments.length > 0) {
    // A relative path replaces the base's last segment.
    segments.pop();
    segments = segments.concat(relSegments);
    result.search = relative.search;
    result.query = relative.query;
  } else if (relative.search !== null && relative.search !== undefined) {
    // Only a query ("?x").
    if (noLeadingSlashes) {
      result.hostname = result.host = segments.shift();
      splitAuthFromHost(result);
    }
    result.search = relative.search;
    result.query = relative.query;
    if (result.pathname !== null || result.search !== null) result.path = pathOf(result);
    return finish(result);
  }

  if (segments.length === 0) {
    result.pathname = null;
    result.path = result.search ? `/${result.search}` : null;
    return finish(result);
  }

  // A path ending in "." or ".." (or "") ends with a slash once resolved.
  const last = segments[segments.length - 1];
  const hasTrailingSlash = ((result.host || relative.host || segments.length > 1) && (last === "." || last === "..")) || last === "";
  let up = removeDotSegments(segments);
  // A relative result may keep climbing above its start.
  if (!mustEndAbs && !removeAllDots) while (up-- > 0) segments.unshift("..");
  if (mustEndAbs && segments[0] !== "" && (!segments[0] || segments[0].charAt(0) !== "/")) segments.unshift("");
  if (hasTrailingSlash && segments.join("/").slice(-1) !== "/") segments.push("");
  const isAbsolute = segments[0] === "" || (segments[0] && segments[0].charAt(0) === "/");

  if (noLeadingSlashes) {
    result.hostname = result.host = isAbsolute ? "" : segments.length > 0 ? segments.shift() : "";
    splitAuthFromHost(result);
  }
  mustEndAbs = mustEndAbs || (result.host && segments.length > 0);
  if (mustEndAbs && !isAbsolute) segments.unshift("");
  if (segments.length > 0) {
    result.pathname = segments.join("/");
  } else {
    result.pathname = null;
    result.path = null;
  }
  if (result.pathname !== null || result.search !== null) result.path = pathOf(result);
  result.auth = relative.auth || result.auth;
  result.slashes = result.slashes || relative.slashes;
  return finish(result);
}

/** A legacy URL object, as `url.parse` returns (every field null until parsed). */
function Url() {
  this.protocol = null;
  this.slashes = null;
  this.auth = null;
  this.host = null;
  this.port = null;
  this.hostname = null;
  this.hash = null;
  this.search = null;
  this.query = null;
  this.pathname = null;
  this.path = null;
  this.href = null;
}

Url.prototype.parse = function parse(url, parseQueryString, slashesDenoteHost) {
  return legacyParse(this, url, parseQueryString, slashesDenoteHost);
};
Url.prototype.format = function format() {
  return legacyFormat(this);
};
Url.prototype.resolve = function resolve(relative) {
  return legacyFormat(legacyResolveObject(this, legacyParse(new Url(), relative, false, true)));
};
Url.prototype.resolveObject = function resolveObject(relative) {
  return legacyResolveObject(this, relative);
};
Url.prototype.parseHost = function parseHost() {
  parseLegacyHost(this);
};

function urlParse(url, parseQueryString = false, slashesDenoteHost = false) {
  if (url instanceof Url) return url;
  return legacyParse(new Url(), url, parseQueryString, slashesDenoteHost);
}

function urlResolve(source, relative) {
  return urlParse(source, false, true).resolve(relative);
}

function urlResolveObject(source, relative) {
  if (!source) return relative;
  return urlParse(source, false, true).resolveObject(relative);
}

/**
 * `url.format` of a WHATWG URL, with Node's options (auth, fragment, search, unicode). The parts
 * are cut from the serialization, so an empty query or fragment ("?", "#") and the "/." that
 * guards a "//" path are kept.
 */
function formatURL(url, options) {
  if (options && (typeof options !== "object" || Array.isArray(options))) throw ERR_INVALID_ARG_TYPE("options", "object", options);
  const auth = Boolean(options?.auth ?? true);
  const fragment = Boolean(options?.fragment ?? true);
  const search = Boolean(options?.search ?? true);
  const unicode = Boolean(options?.unicode ?? false);
  const c = native.parse(url.href);
  const href = c[HREF];
  const hashAt = href.indexOf("#");
  const beforeHash = hashAt < 0 ? href : href.slice(0, hashAt);
  const queryAt = beforeHash.indexOf("?");
  const beforeQuery = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt);
  let out = c[PROTOCOL];
  let pathStart = out.length;
  if (beforeQuery.startsWith("//", pathStart)) {
    const userinfo = c[USERNAME] || c[PASSWORD] ? `${c[USERNAME]}${c[PASSWORD] ? `:${c[PASSWORD]}` : ""}` : "";
    pathStart += 2 + (userinfo ? userinfo.length + 1 : 0) + c[HOST].length;
    out += "//";
    if (auth && userinfo) out += `${userinfo}@`;
    out += unicode ? hostToUnicode(c[HOSTNAME]) + (c[PORT] ? `:${c[PORT]}` : "") : c[HOST];
  }
  out += beforeQuery.slice(pathStart);
  if (search && queryAt >= 0) out += beforeHash.slice(queryAt);
  if (fragment && hashAt >= 0) out += href.slice(hashAt);
  return out;
}

function urlFormat(urlObject, options = undefined) {
  if (typeof urlObject === "string") return legacyFormat(urlParse(urlObject));
  if (typeof urlObject !== "object" || urlObject === null) throw ERR_INVALID_ARG_TYPE("urlObject", ["object", "string"], urlObject);
  if (urlObject instanceof URL) return formatURL(urlObject, options);
  return legacyFormat(urlObject);
}

const url = {
  Url,
  parse: urlParse,
  resolve: urlResolve,
  resolveObject: urlResolveObject,
  format: urlFormat,
  URL,
  URLSearchParams,
  domainToASCII,
  domainToUnicode,
  pathToFileURL,
  fileURLToPath,
  urlToHttpOptions,
};

export default url;
export {
  Url,
  urlParse as parse,
  urlResolve as resolve,
  urlResolveObject as resolveObject,
  urlFormat as format,
  URL,
  URLSearchParams,
  domainToASCII,
  domainToUnicode,
  pathToFileURL,
  fileURLToPath,
  urlToHttpOptions,
};
