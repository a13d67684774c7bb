// rusk:internal/headers — the WHATWG `Headers` class (the `Headers` global), with Bun's
// extensions (`count`, `toJSON`, `getAll("set-cookie")`) and Bun's errors for bad input
// (checked against Bun 1.4).
//
// A Headers keeps one combined value per lower-cased name (in a Map, so a name keeps its place
// when it is set again and goes last when it is deleted and added back) and the Set-Cookie
// values apart, since those are never combined. Iteration is the standard's "sort and combine";
// toJSON and inspect show the names as Bun keeps them: the well-known header names first, then
// set-cookie, then the others, each group in insertion order.
// Bun's iteration differs from the standard's in one way, followed here: the Set-Cookie values
// come last rather than sorted in among the other names.
//
// Headers is a function, not a class, so that calling it without `new` can fail with Bun's
// error; its state lives in a WeakMap, which is also the brand check.
import { nodeError } from "rusk:internal/errors";

const customInspect = Symbol.for("nodejs.util.inspect.custom");
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;
// NUL, CR and LF may not appear in a value, nor anything a byte cannot hold.
const INVALID_VALUE = /[\0\n\r\u0100-\uffff]/;
const SET_COOKIE = "set-cookie";

// The names Bun (WebKit's HTTPHeaderNames) knows: toJSON puts these before the others.
const WELL_KNOWN = new Set(
  `accept accept-charset accept-encoding accept-language accept-ranges access-control-allow-credentials
  access-control-allow-headers access-control-allow-methods access-control-allow-origin access-control-expose-headers
  access-control-max-age access-control-request-headers access-control-request-method age authorization cache-control
  connection content-disposition content-encoding content-language content-length content-location content-range
  content-security-policy content-security-policy-report-only content-type cookie cookie2 cross-origin-embedder-policy
  cross-origin-embedder-policy-report-only cross-origin-opener-policy cross-origin-opener-policy-report-only
  cross-origin-resource-policy dnt date default-style etag expect expires host icy-metadata icy-metaint if-match
  if-modified-since if-none-match if-range if-unmodified-since keep-alive last-event-id last-modified link location
  origin ping-from ping-to pragma proxy-authorization proxy-connection purpose range referer referrer-policy refresh
  report-to sec-fetch-dest sec-fetch-mode sec-websocket-accept sec-websocket-extensions sec-websocket-key
  sec-websocket-protocol sec-websocket-version server-timing service-worker service-worker-allowed set-cookie2 sourcemap
  strict-transport-security te timing-allow-origin trailer transfer-encoding upgrade upgrade-insecure-requests user-agent
  vary via x-content-type-options x-dns-prefetch-control x-frame-options x-sourcemap x-temp-tablet x-xss-protection`.split(/\s+/),
);

/** @type {WeakMap<object, {map: Map<string, string>, cookies: string[], version: number, sorted: Array|null, sortedAt: number}>} */
const states = new WeakMap();
const iterators = new WeakMap();

const plainError = (message) => new TypeError(message);
const notEnoughArguments = () => nodeError(TypeError, "ERR_MISSING_ARGS", "Not enough arguments");

function stateOf(self, method) {
  const state = states.get(self);
  if (state === undefined) throw nodeError(TypeError, "ERR_INVALID_THIS", `Can only call Headers.${method} on instances of Headers`);
  return state;
}

function toByteString(value) {
  if (typeof value === "symbol") throw plainError("Cannot convert a symbol to a string");
  return `${value}`;
}

function headerName(value) {
  const name = toByteString(value);
  if (!TOKEN.test(name)) throw plainError(`Invalid header name: '${name}'`);
  return name;
}

function headerValue(value, name) {
  const normalized = toByteString(value).replace(EDGE_WHITESPACE, "");
  if (INVALID_VALUE.test(normalized)) throw plainError(`Header '${name}' has invalid value`);
  return normalized;
}

function changed(state) {
  state.version++;
}

function appendTo(state, rawName, rawValue) {
  const name = headerName(rawName);
  const value = headerValue(rawValue, name);
  const key = name.toLowerCase();
  if (key === SET_COOKIE) state.cookies.push(value);
  else {
    const previous = state.map.get(key);
    state.map.set(key, previous === undefined ? value : `${previous}, ${value}`);
  }
  changed(state);
}

/**
 * The standard's "sort and combine" as Bun does it: [name, value] pairs sorted by name, then
 * one pair per Set-Cookie value, last (the standard sorts set-cookie among the others).
 */
function sortedPairs(state) {
  if (state.sorted !== null && state.sortedAt === state.version) return state.sorted;
  const names = [...state.map.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const pairs = names.map((name) => [name, state.map.get(name)]);
  for (const cookie of state.cookies) pairs.push([SET_COOKIE, cookie]);
  state.sorted = pairs;
  state.sortedAt = state.version;
  return pairs;
}

function fill(state, init) {
  if (init === null || (typeof init !== "object" && typeof init !== "function")) throw plainError("Type error");
  const source = states.get(init);
  if (source !== undefined) {
    for (const [name, value] of source.map) state.map.set(name, value);
    state.cookies.push(...source.cookies);
    changed(state);
    return;
  }
  const method = init[Symbol.iterator];
  if (method === undefined || method === null) {
    // A record<ByteString, ByteString>: its own enumerable keys, symbols included (they fail).
    for (const key of Reflect.ownKeys(init)) {
      const desc = Reflect.getOwnPropertyDescriptor(init, key);
      if (desc === undefined || !desc.enumerable) continue;
      const name = toByteString(key);
      appendTo(state, name, init[key]);
    }
    return;
  }
  if (typeof method !== "function") throw plainError("Symbol.iterator property should be callable");
  for (const pair of { [Symbol.iterator]: () => method.call(init) }) {
    if ((typeof pair !== "object" && typeof pair !== "function") || pair === null || typeof pair[Symbol.iterator] !== "function") {
      throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", "Value is not a sequence");
    }
    const items = [...pair];
    if (items.length !== 2) throw plainError("Header sub-sequence must contain exactly two items");
    appendTo(state, items[0], items[1]);
  }
}

export function Headers(init = undefined) {
  if (new.target === undefined) throw nodeError(TypeError, "ERR_ILLEGAL_CONSTRUCTOR", "Use `new Headers(...)` instead of `Headers(...)`");
  const state = { map: new Map(), cookies: [], version: 0, sorted: null, sortedAt: -1 };
  states.set(this, state);
  if (init !== undefined) fill(state, init);
}

// ---- the iterators: index-based over a list sorted again after each change, as the standard says

const HeadersIteratorPrototype = Object.create(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
Object.defineProperties(HeadersIteratorPrototype, {
  next: {
    value: function next() {
      const it = iterators.get(this);
      if (it === undefined) throw nodeError(TypeError, "ERR_INVALID_THIS", "Cannot call next() on a non-Iterator object");
      const pairs = sortedPairs(it.state);
      if (it.index >= pairs.length) return { value: undefined, done: true };
      const [name, value] = pairs[it.index++];
      return { value: it.kind === "keys" ? name : it.kind === "values" ? value : [name, value], done: false };
    },
    writable: true,
    enumerable: true,
    configurable: true,
  },
  [Symbol.toStringTag]: { value: "Headers Iterator", configurable: true },
});

function makeIterator(self, kind, method) {
  const iterator = Object.create(HeadersIteratorPrototype);
  iterators.set(iterator, { state: stateOf(self, method), kind, index: 0 });
  return iterator;
}

// ---- the prototype, in Bun's order; members are enumerable, as WebIDL makes them

const members = {
  append(name, value) {
    const state = stateOf(this, "append");
    if (arguments.length < 2) throw notEnoughArguments();
    appendTo(state, name, value);
  },
  delete(name) {
    const state = stateOf(this, "delete");
    if (arguments.length < 1) throw notEnoughArguments();
    const key = headerName(name).toLowerCase();
    if (key === SET_COOKIE) state.cookies.length = 0;
    else state.map.delete(key);
    changed(state);
  },
  get(name) {
    const state = stateOf(this, "get");
    if (arguments.length < 1) throw notEnoughArguments();
    const key = headerName(name).toLowerCase();
    if (key === SET_COOKIE) return state.cookies.length > 0 ? state.cookies.join(", ") : null;
    return state.map.get(key) ?? null;
  },
  // Bun's: only for Set-Cookie, whose values cannot be combined.
  getAll(name) {
    const state = stateOf(this, "getAll");
    if (arguments.length < 1) throw plainError("Missing argument");
    if (toByteString(name).toLowerCase() !== SET_COOKIE) throw plainError('Only "set-cookie" is supported.');
    return [...state.cookies];
  },
  has(name) {
    const state = stateOf(this, "has");
    if (arguments.length < 1) throw notEnoughArguments();
    const key = headerName(name).toLowerCase();
    return key === SET_COOKIE ? state.cookies.length > 0 : state.map.has(key);
  },
  set(name, value) {
    const state = stateOf(this, "set");
    if (arguments.length < 2) throw notEnoughArguments();
    const checkedName = headerName(name);
    const checkedValue = headerValue(value, checkedName);
    const key = checkedName.toLowerCase();
    if (key === SET_COOKIE) state.cookies.splice(0, state.cookies.length, checkedValue);
    else state.map.set(key, checkedValue);
    changed(state);
  },
  entries() {
    return makeIterator(this, "entries", "entries");
  },
  keys() {
    return makeIterator(this, "keys", "keys");
  },
  values() {
    return makeIterator(this, "values", "values");
  },
  forEach(callback, thisArg = undefined) {
    const state = stateOf(this, "forEach");
    if (typeof callback !== "function") throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", "Cannot call callback on a non-function");
    for (let i = 0; ; i++) {
      const pairs = sortedPairs(state);
      if (i >= pairs.length) break;
      callback.call(thisArg, pairs[i][1], pairs[i][0], this);
    }
  },
  // Bun's: one property per name (Set-Cookie as an array), in Bun's own order (see the top).
  toJSON() {
    const state = stateOf(this, "toJSON");
    const json = {};
    const define = (name, value) => Object.defineProperty(json, name, { value, writable: true, enumerable: true, configurable: true });
    for (const [name, value] of state.map) if (WELL_KNOWN.has(name)) define(name, value);
    if (state.cookies.length > 0) define(SET_COOKIE, [...state.cookies]);
    for (const [name, value] of state.map) if (!WELL_KNOWN.has(name)) define(name, value);
    return json;
  },
  // Bun's: how many pairs iteration gives. Bun answers undefined for a non-Headers `this`.
  get count() {
    const state = states.get(this);
    return state === undefined ? undefined : state.map.size + state.cookies.length;
  },
  // Bun answers undefined for a non-Headers `this` here too.
  getSetCookie() {
    const state = states.get(this);
    return state === undefined ? undefined : [...state.cookies];
  },
};
Object.defineProperties(Headers.prototype, Object.getOwnPropertyDescriptors(members));
Object.defineProperty(Headers.prototype, "count", { configurable: false });
Object.defineProperties(Headers.prototype, {
  [Symbol.iterator]: { value: Headers.prototype.entries, writable: true, enumerable: false, configurable: true },
  [Symbol.toStringTag]: { value: "Headers", writable: false, enumerable: false, configurable: true },
  // Shown as its toJSON object, as Bun shows it (in rusk's inspect style).
  [customInspect]: {
    value: function inspect(depth, options, inspectValue) {
      if (depth < 0) return "[Headers]";
      const nested = { ...options, depth: Number.isInteger(options.depth) ? options.depth - 1 : options.depth };
      return `Headers ${inspectValue(members.toJSON.call(this), nested)}`;
    },
    writable: true,
    enumerable: false,
    configurable: true,
  },
});

export default { Headers };
