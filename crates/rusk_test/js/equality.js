import { hasOwn, isObjectLike, lazyModule, tagOf } from "rusk:test/util";

// A custom asymmetric matcher's `this` comes from expect.extend()'s module, loaded by then.
const customMatchers = lazyModule("rusk:test/custom");

// ---------------------------------------------------------------------------
// Equality: Bun's deep equality (toEqual / toStrictEqual), subset matching
//    (toMatchObject) and the asymmetric matchers (expect.any, ...).
// ---------------------------------------------------------------------------

export const ASYMMETRIC = Symbol.for("rusk.test.asymmetric");
export const isAsymmetric = (v) => isObjectLike(v) && v[ASYMMETRIC] === true;

// Thrown for a bad matcher argument, with Bun's two-part message.
function usageError(signature, problem) {
  return new Error(`${signature}\n\n${problem}`);
}

const isStringObject = (v) => isObjectLike(v) && tagOf(v) === "String";

export class AsymmetricMatcher {
  constructor(sample, inverse = false) {
    this.sample = sample;
    this.inverse = inverse;
  }
  get [ASYMMETRIC]() { return true; }
  asymmetricMatch(other) { return this.matches(other) !== this.inverse; }
}

// The typeof that matches expect.any(<wrapper>) besides its instances.
const PRIMITIVE_TYPES = new Map([[String, "string"], [Number, "number"], [Boolean, "boolean"], [BigInt, "bigint"], [Symbol, "symbol"], [Function, "function"]]);

export class AnyMatcher extends AsymmetricMatcher {
  constructor(sample) {
    if (sample === undefined) {
      throw new Error("any() expects to be passed a constructor function. Please pass one or use anything() to match any object.");
    }
    // Any callable is accepted (its Symbol.hasInstance decides), like Jest.
    if (typeof sample !== "function") throw usageError("expect.any(constructor)", "Expected a constructor\n");
    super(sample);
  }
  // The primitive of a wrapper type matches as well as its boxed form. Object means
  // typeof "object": null matches, functions do not (Bun).
  matches(other) {
    const c = this.sample;
    if (c === Object) return typeof other === "object";
    if (typeof other === PRIMITIVE_TYPES.get(c)) return true;
    if (c === Array) return Array.isArray(other);
    return other instanceof c;
  }
}

export class AnythingMatcher extends AsymmetricMatcher {
  matches(other) { return other !== null && other !== undefined; }
}

export class StringContainingMatcher extends AsymmetricMatcher {
  constructor(sample, inverse = false) {
    if (typeof sample !== "string" && !isStringObject(sample)) throw usageError("expect.stringContaining(string)", "Expected a string\n");
    super(String(sample), inverse);
  }
  matches(other) { return typeof other === "string" && other.includes(this.sample); }
}

export class StringMatchingMatcher extends AsymmetricMatcher {
  constructor(sample, inverse = false) {
    if (typeof sample !== "string" && !isStringObject(sample) && tagOf(sample) !== "RegExp") {
      // Bun names the wrong matcher in this message.
      throw usageError("expect.stringContaining(string)", "Expected a string or regular expression\n");
    }
    super(isStringObject(sample) ? String(sample) : sample, inverse);
  }
  // A string sample is a substring test, not a pattern; a /g pattern keeps its lastIndex
  // between matches (Bun).
  matches(other) {
    if (typeof other !== "string") return false;
    if (typeof this.sample === "string") return other.includes(this.sample);
    return this.sample.test(other);
  }
}

export class ObjectContainingMatcher extends AsymmetricMatcher {
  constructor(sample, inverse = false) {
    if (!isObjectLike(sample)) throw usageError("expect.objectContaining(object)", "Expected an object\n");
    super(sample, inverse);
  }
  // Nested objects must be equal, not subsets (a nested objectContaining opts in).
  matches(other) {
    return isObjectLike(other) && matchesObject(other, this.sample, null, true);
  }
}

export class ArrayContainingMatcher extends AsymmetricMatcher {
  constructor(sample, inverse = false) {
    if (!Array.isArray(sample)) throw usageError("expect.arrayContaining(array)", "Expected a array\n");
    super(sample, inverse);
  }
  matches(other) {
    if (!Array.isArray(other)) return false;
    return this.sample.every((s) => other.some((o) => equals(s, o)));
  }
}

export class CloseToMatcher extends AsymmetricMatcher {
  constructor(sample, precision = 2, inverse = false) {
    if (typeof sample !== "number") throw usageError("expect.closeTo(number, precision?)", "Expected a number value");
    if (typeof precision !== "number") throw usageError("expect.closeTo(number, precision?)", "Precision must be a number or undefined");
    super(sample, inverse);
    this.precision = precision;
  }
  // A non-number fails even when negated (Bun).
  asymmetricMatch(other) {
    if (typeof other !== "number") return false;
    return this.matches(other) !== this.inverse;
  }
  matches(other) {
    const e = this.sample;
    if ((other === Infinity && e === Infinity) || (other === -Infinity && e === -Infinity)) return true;
    return Math.abs(e - other) < 0.5 * Math.pow(10, -Math.trunc(this.precision));
  }
}

// Built by expect.extend so custom matchers are also usable asymmetrically. The matcher
// itself sees `isNot` and decides, so the result is not negated again.
export class CustomAsymmetricMatcher extends AsymmetricMatcher {
  constructor(name, fn, args, inverse = false) { super(args, inverse); this.name = name; this.fn = fn; }
  asymmetricMatch(other) {
    const r = this.fn.call(customMatchers().matcherContext(this.inverse), other, ...this.sample);
    return Boolean(r && r.pass) !== this.inverse;
  }
}

// ---------------------------------------------------------------------------
// Deep equality.
//   strict=false: toEqual (undefined-valued props and holes vs undefined are ignored)
//   strict=true:  toStrictEqual (they count, and so do class names)
// ---------------------------------------------------------------------------

const TYPED_ARRAY_TAG = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Int8Array.prototype), Symbol.toStringTag).get;
const FLOAT_ARRAYS = new Set(["Float16Array", "Float32Array", "Float64Array"]);
const NATIVE_ERRORS = [EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError, globalThis.AggregateError, Error]
  .filter(Boolean).map((c) => c.prototype);
const propertyIsEnumerable = Object.prototype.propertyIsEnumerable;
const isIndex = (k) => typeof k === "string" && /^(0|[1-9]\d*)$/.test(k);

// The element type of a typed array ("Uint8Array" for a Buffer too), or undefined.
export const typedArrayKind = (v) => TYPED_ARRAY_TAG.call(v);

// The engine's name for an object's class: its constructor's name (looked up on the
// prototype chain, getters not run), "Object" when there is none.
export function className(o) {
  for (let p = Object.getPrototypeOf(o); p !== null; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, "constructor");
    if (d === undefined) continue;
    const c = d.value;
    return typeof c === "function" && typeof c.name === "string" && c.name !== "" ? c.name : "Object";
  }
  return "Object";
}

export function equals(a, b, strict = false) {
  // Two primitives (most toEqual calls): nothing to recurse into, no asymmetric matcher.
  if ((typeof a !== "object" || a === null) && typeof a !== "function" &&
    (typeof b !== "object" || b === null) && typeof b !== "function") return Object.is(a, b);
  return deepEquals(a, b, strict, [], []);
}

const OBJECT_PROTO = Object.prototype, ARRAY_PROTO = Array.prototype;

// seenA/seenB hold the pairs being compared further up: a pair met again is equal only
// when it closes the same cycle on both sides. (A throwing getter or matcher aborts the
// whole comparison, so nothing needs popping then.)
function deepEquals(a, b, strict, seenA, seenB) {
  const objA = a !== null && (typeof a === "object" || typeof a === "function");
  const objB = b !== null && (typeof b === "object" || typeof b === "function");
  if (objB && b[ASYMMETRIC] === true) return b.asymmetricMatch(a);
  if (objA && a[ASYMMETRIC] === true) return a.asymmetricMatch(b);
  if (Object.is(a, b)) return true;
  if (!objA || !objB || typeof a === "function" || typeof b === "function") return false;

  for (let i = 0; i < seenA.length; i++) {
    if (seenA[i] === a) return seenB[i] === b;
    if (seenB[i] === b) return false;
  }
  seenA.push(a);
  seenB.push(b);
  const result = objectsEqual(a, b, strict, seenA, seenB);
  seenA.pop();
  seenB.pop();
  return result;
}

function objectsEqual(a, b, strict, seenA, seenB) {
  // Plain objects and arrays are by far the most common: no type checks for them.
  const protoA = Object.getPrototypeOf(a), protoB = Object.getPrototypeOf(b);
  if (protoA === OBJECT_PROTO && protoB === OBJECT_PROTO) return propsEqual(a, b, strict, seenA, seenB);
  if (protoA === ARRAY_PROTO && protoB === ARRAY_PROTO && Array.isArray(a) && Array.isArray(b)) {
    return arraysEqual(a, b, strict, seenA, seenB);
  }
  const special = specialEquals(a, b, strict, seenA, seenB);
  if (special !== undefined) return special;
  const aArray = Array.isArray(a);
  if (aArray !== Array.isArray(b)) return false;
  if (aArray) return arraysEqual(a, b, strict, seenA, seenB);
  if (strict && className(a) !== className(b)) return false;
  return propsEqual(a, b, strict, seenA, seenB);
}

const TYPED_ARRAY_NAMES = new Set(["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
  "Uint32Array", "Float16Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"]);
const BOXED = new Set(["Number", "Boolean", "BigInt", "Symbol"]);
const WEB_TAGS = new Set(["URL", "URLSearchParams", "Headers"]);

// Types compared by content. Returns undefined for ordinary objects (and for the boxed
// and web types whose own properties are compared afterwards).
function specialEquals(a, b, strict, seenA, seenB) {
  const tagA = tagOf(a), tagB = tagOf(b);
  if (tagA === "Object" && tagB === "Object") return undefined;
  const kindA = TYPED_ARRAY_NAMES.has(tagA) ? typedArrayKind(a) : undefined;
  const kindB = TYPED_ARRAY_NAMES.has(tagB) ? typedArrayKind(b) : undefined;
  if (kindA !== undefined || kindB !== undefined) {
    if (kindA !== kindB || !typedArraysEqual(a, b, kindA, strict)) return false;
    return strict ? propsEqual(a, b, strict, seenA, seenB, true) : true;
  }
  if (tagA === "Set" || tagB === "Set") return tagA === tagB && setsEqual(a, b, strict, seenA, seenB);
  if (tagA === "Map" || tagB === "Map") return tagA === tagB && mapsEqual(a, b, strict, seenA, seenB);
  if (tagA === "ArrayBuffer" || tagA === "SharedArrayBuffer" || tagB === "ArrayBuffer" || tagB === "SharedArrayBuffer") {
    return tagA === tagB && bytesEqual(new Uint8Array(a), new Uint8Array(b));
  }
  if (tagA === "Date" || tagB === "Date") return tagA === tagB && a.getTime() === b.getTime();
  if (tagA === "RegExp" || tagB === "RegExp") return tagA === tagB && a.source === b.source && a.flags === b.flags;
  if (tagA === "Error" || tagB === "Error") return tagA === tagB && errorsEqual(a, b, strict, seenA, seenB);
  if (tagA === "String" || tagB === "String") {
    if (tagA !== tagB || className(a) !== className(b) || String(a) !== String(b)) return false;
    return strict ? propsEqual(a, b, strict, seenA, seenB, true) : true;
  }
  if (BOXED.has(tagA) || BOXED.has(tagB)) return tagA === tagB && Object.is(a.valueOf(), b.valueOf()) ? undefined : false;
  return WEB_TAGS.has(tagA) || WEB_TAGS.has(tagB) ? webTypesEqual(a, b, strict) : undefined;
}

function typedArraysEqual(a, b, kind, strict) {
  if (a.byteLength !== b.byteLength) return false;
  if (!strict && FLOAT_ARRAYS.has(kind)) {
    // toEqual compares float elements numerically: 0 equals -0, NaN equals nothing.
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  return bytesEqual(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
}

export function bytesEqual(x, y) {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function setsEqual(a, b, strict, seenA, seenB) {
  if (a.size !== b.size) return false;
  outer: for (const v of a) {
    if (b.has(v)) continue;
    for (const w of b) if (deepEquals(v, w, strict, seenA, seenB)) continue outer;
    return false;
  }
  return true;
}

function mapsEqual(a, b, strict, seenA, seenB) {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    let found = b.has(k), w = found ? b.get(k) : undefined;
    if (!found) {
      for (const [k2, v2] of b) {
        if (deepEquals(k, k2, strict, seenA, seenB)) { found = true; w = v2; break; }
      }
      if (!found) return false;
    }
    if (!deepEquals(v, w, strict, seenA, seenB)) return false;
  }
  return true;
}

// The native error class an error was built from (a subclass counts as its base).
function errorType(e) {
  for (let p = Object.getPrototypeOf(e); p !== null; p = Object.getPrototypeOf(p)) {
    if (NATIVE_ERRORS.includes(p)) return p;
  }
  return null;
}

// Errors: type, name, message and cause, then the enumerable props (except stack).
function errorsEqual(a, b, strict, seenA, seenB) {
  if (errorType(a) !== errorType(b)) return false;
  if (String(a.name) !== String(b.name) || String(a.message) !== String(b.message)) return false;
  if (strict && ("cause" in a) !== ("cause" in b)) return false;
  if (!deepEquals(a.cause, b.cause, strict, seenA, seenB)) return false;
  return propsEqual(a, b, strict, seenA, seenB, false, "stack");
}

// URL, URLSearchParams and Headers: equal content, then their own props like any object.
// One of them against a different kind: unequal for toStrictEqual, an ordinary object for toEqual.
function webTypesEqual(a, b, strict) {
  for (const [name, same] of WEB_TYPES) {
    const Type = globalThis[name];
    if (typeof Type !== "function") continue;
    const isA = a instanceof Type, isB = b instanceof Type;
    if (isA && isB) return same(a, b) ? undefined : false;
    if (isA !== isB) return strict ? false : undefined;
  }
  return undefined;
}

const sameEntries = (a, b) => {
  const entries = [...a];
  if (entries.length !== [...b].length) return false;
  return entries.every(([k, v]) => b.get(k) === v);
};
const WEB_TYPES = [
  ["URL", (a, b) => a.href === b.href],
  ["URLSearchParams", sameEntries],
  ["Headers", sameEntries],
];

// An element as Bun reads it: a getter counts as a hole (HOLE) and is not run.
const HOLE = Symbol("hole");
function element(arr, i) {
  const d = Object.getOwnPropertyDescriptor(arr, i);
  return d === undefined || !("value" in d) ? HOLE : d.value;
}

// Arrays: elements by index, then enumerable symbol props. Holes equal undefined for
// toEqual, trailing holes/undefined included; toStrictEqual needs the same holes and length.
function arraysEqual(a, b, strict, seenA, seenB) {
  if (strict && a.length !== b.length) return false;
  // Elements are read directly until a hole shows the array is sparse; from then on through
  // descriptors, so getters (rare, and only seen in sparse arrays in practice) stay unrun.
  let sparse = false;
  let i = 0;
  for (; i < a.length; i++) {
    let x, y;
    if (sparse) {
      x = element(a, i);
      y = element(b, i);
    } else {
      x = a[i];
      y = b[i];
      if ((x === undefined && !hasOwn(a, i)) || (y === undefined && !hasOwn(b, i))) {
        sparse = true;
        x = element(a, i);
        y = element(b, i);
      }
    }
    const holeA = x === HOLE, holeB = y === HOLE;
    if (holeA) x = undefined;
    if (holeB) y = undefined;
    if (holeA || holeB) {
      if (holeA && holeB) continue;
      if (strict) return false;
      if (x === undefined && y === undefined) continue;
      return false;
    }
    if (!deepEquals(x, y, strict, seenA, seenB)) return false;
  }
  for (; i < b.length; i++) {
    const y = sparse ? element(b, i) : b[i];
    if (y !== undefined && y !== HOLE) return false;
  }

  const symsA = Object.getOwnPropertySymbols(a).filter((s) => propertyIsEnumerable.call(a, s));
  if (strict && symsA.length !== Object.getOwnPropertySymbols(b).filter((s) => propertyIsEnumerable.call(b, s)).length) return false;
  for (const s of symsA) {
    const x = a[s];
    if (!(s in b)) {
      if (!strict && x === undefined) continue;
      return false;
    }
    if (!deepEquals(x, b[s], strict, seenA, seenB)) return false;
  }
  return true;
}

// Own enumerable props of both sides. toEqual skips undefined-valued props missing on
// the other side. `skipIndices` for the indexed types compared by content already.
function propsEqual(a, b, strict, seenA, seenB, skipIndices = false, skipKey = null) {
  const keysA = ownEnumerableKeys(a, skipIndices, skipKey);
  for (let i = 0; i < keysA.length; i++) {
    const k = keysA[i], x = a[k];
    if (!hasOwn(b, k)) {
      if (!strict && x === undefined) continue;
      return false;
    }
    const y = b[k];
    if (!Object.is(x, y) && !deepEquals(x, y, strict, seenA, seenB)) return false;
  }
  // Every defined prop of b must exist on a, and b may not have more of them than a has
  // enumerable ones (a prop enumerable on b only).
  const keysB = ownEnumerableKeys(b, skipIndices, skipKey);
  let countB = 0;
  for (let i = 0; i < keysB.length; i++) {
    const k = keysB[i];
    if (!strict && b[k] === undefined) continue;
    if (!hasOwn(a, k)) return false;
    countB++;
  }
  return countB <= keysA.length;
}

function ownEnumerableKeys(o, skipIndices, skipKey) {
  let keys = Object.keys(o);
  const syms = Object.getOwnPropertySymbols(o);
  for (let i = 0; i < syms.length; i++) if (propertyIsEnumerable.call(o, syms[i])) keys.push(syms[i]);
  if (skipIndices || skipKey !== null) keys = keys.filter((k) => !(skipIndices && isIndex(k)) && k !== skipKey);
  return keys;
}

// ---------------------------------------------------------------------------
// toMatchObject: every enumerable property of `expected` (inherited ones too) must be
// found on `received`, objects recursively as subsets, arrays with equal length,
// primitives with Object.is. Inside objectContaining, nested objects must be equal.
// ---------------------------------------------------------------------------

export function matchesObject(received, expected, seen = null, containing = false) {
  if (received === expected) return true;
  const seenSets = seen || { received: new Set(), expected: new Set() };
  const keys = [];
  for (const k in expected) keys.push(k);
  for (const s of Object.getOwnPropertySymbols(expected)) if (propertyIsEnumerable.call(expected, s)) keys.push(s);

  if (Array.isArray(expected)) {
    if (!Array.isArray(received) || received.length !== expected.length) return false;
    let count = 0;
    for (const k in received) count++;
    for (const s of Object.getOwnPropertySymbols(received)) if (propertyIsEnumerable.call(received, s)) count++;
    if (count !== keys.length) return false;
  }

  for (const k of keys) {
    if (!(k in received)) return false;
    const r = received[k], e = expected[k];
    if (isAsymmetric(e)) {
      if (!e.asymmetricMatch(r)) return false;
      continue;
    }
    if (isAsymmetric(r)) {
      if (!r.asymmetricMatch(e)) return false;
      continue;
    }
    if (isObjectLike(e) && isObjectLike(r)) {
      if (containing) {
        if (!equals(r, e)) return false;
        continue;
      }
      // A value met before (a cycle, or a shared reference) is not compared again.
      const newR = !seenSets.received.has(r), newE = !seenSets.expected.has(e);
      seenSets.received.add(r);
      seenSets.expected.add(e);
      if (!newR || !newE) continue;
      if (!matchesObject(r, e, seenSets)) return false;
    } else if (!Object.is(r, e)) {
      return false;
    }
  }
  return true;
}

// For a toMatchObject diff: Bun prints the whole received value.
export function subsetForDiff(received) {
  return received;
}
