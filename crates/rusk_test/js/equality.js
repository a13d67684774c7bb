import { matcherContext } from "rusk:test/expect";
import { isTypedArray, printValue, quote } from "rusk:test/format";
import { hasOwn, isObjectLike, tagOf } from "rusk:test/util";

// ---------------------------------------------------------------------------
// 4. Equality
// ---------------------------------------------------------------------------

export const ASYMMETRIC = Symbol.for("rusk.test.asymmetric");
export const isAsymmetric = (v) => isObjectLike(v) && v[ASYMMETRIC] === true;

export class AsymmetricMatcher {
  constructor(sample, inverse = false) {
    this.sample = sample;
    this.inverse = inverse;
  }
  get [ASYMMETRIC]() { return true; }
}

export class AnyMatcher extends AsymmetricMatcher {
  asymmetricMatch(other) {
    const c = this.sample;
    if (c === String) return typeof other === "string" || other instanceof String;
    if (c === Number) return typeof other === "number" || other instanceof Number;
    if (c === Boolean) return typeof other === "boolean" || other instanceof Boolean;
    if (c === BigInt) return typeof other === "bigint";
    if (c === Symbol) return typeof other === "symbol";
    if (c === Function) return typeof other === "function";
    if (c === Object) return isObjectLike(other);
    return other instanceof c;
  }
  toString() { return `Any<${this.sample && this.sample.name}>`; }
}
export class AnythingMatcher extends AsymmetricMatcher {
  asymmetricMatch(other) { return other !== null && other !== undefined; }
  toString() { return "Anything"; }
}
export class StringContainingMatcher extends AsymmetricMatcher {
  asymmetricMatch(other) { return (typeof other === "string" && other.includes(this.sample)) !== this.inverse; }
  toString() { return `String${this.inverse ? "Not" : ""}Containing ${quote(this.sample)}`; }
}
export class StringMatchingMatcher extends AsymmetricMatcher {
  asymmetricMatch(other) {
    const re = typeof this.sample === "string" ? new RegExp(this.sample) : this.sample;
    return (typeof other === "string" && re.test(other)) !== this.inverse;
  }
  toString() { return `String${this.inverse ? "Not" : ""}Matching ${String(this.sample)}`; }
}
export class ObjectContainingMatcher extends AsymmetricMatcher {
  asymmetricMatch(other) {
    if (!isObjectLike(other)) return this.inverse;
    let ok = true;
    for (const k of Object.keys(this.sample)) {
      if (!(k in other) || !equals(other[k], this.sample[k])) { ok = false; break; }
    }
    return ok !== this.inverse;
  }
  toString() { return `Object${this.inverse ? "Not" : ""}Containing ${printValue(this.sample)}`; }
}
export class ArrayContainingMatcher extends AsymmetricMatcher {
  asymmetricMatch(other) {
    const ok = Array.isArray(other) && this.sample.every((s) => other.some((o) => equals(o, s)));
    return ok !== this.inverse;
  }
  toString() { return `Array${this.inverse ? "Not" : ""}Containing ${printValue(this.sample)}`; }
}
export class CloseToMatcher extends AsymmetricMatcher {
  constructor(sample, precision = 2, inverse = false) { super(sample, inverse); this.precision = precision; }
  asymmetricMatch(other) {
    if (typeof other !== "number") return this.inverse;
    const ok = (other === Infinity && this.sample === Infinity) || (other === -Infinity && this.sample === -Infinity) ||
      Math.abs(this.sample - other) < Math.pow(10, -this.precision) / 2;
    return ok !== this.inverse;
  }
  toString() { return `Number${this.inverse ? "Not" : ""}CloseTo ${this.sample} (${this.precision} digits)`; }
}
// Built by expect.extend so custom matchers are also usable asymmetrically.
export class CustomAsymmetricMatcher extends AsymmetricMatcher {
  constructor(name, fn, args, inverse = false) { super(args, inverse); this.name = name; this.fn = fn; }
  asymmetricMatch(other) {
    const r = this.fn.call(matcherContext(false), other, ...this.sample);
    return Boolean(r && r.pass) !== this.inverse;
  }
  toString() { return `${this.name}(${this.sample.map((s) => printValue(s)).join(", ")})`; }
}

// Deep equality.
//   strict=false: toEqual semantics (undefined-valued props ignored, classes ignored)
//   strict=true:  toStrictEqual (undefined props, sparseness and prototypes count)
export function equals(a, b, strict = false, aStack = [], bStack = []) {
  if (isAsymmetric(b)) return b.asymmetricMatch(a);
  if (isAsymmetric(a)) return a.asymmetricMatch(b);
  if (Object.is(a, b)) return true;
  if (!isObjectLike(a) || !isObjectLike(b)) return false;
  if (typeof a === "function" || typeof b === "function") return false;

  const tag = tagOf(a);
  if (tag !== tagOf(b)) return false;
  if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;

  switch (tag) {
    case "Date": {
      const x = a.getTime(), y = b.getTime();
      return x === y || (isNaN(x) && isNaN(y));
    }
    case "RegExp": return a.source === b.source && a.flags === b.flags;
    case "Number": case "String": case "Boolean": case "BigInt": case "Symbol":
      return Object.is(a.valueOf(), b.valueOf());
    case "Promise": case "WeakMap": case "WeakSet": case "WeakRef": return false;
  }
  if (a instanceof Error && b instanceof Error) {
    if (a.message !== b.message || a.name !== b.name) return false;
  }
  if (a instanceof ArrayBuffer) return bytesEqual(new Uint8Array(a), new Uint8Array(b));
  if (a instanceof DataView) {
    return bytesEqual(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  }
  if (isTypedArray(a)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
    return true;
  }

  // Cycle handling: if we are already comparing this pair further up, assume
  // equal (the rest of the structure decides).
  for (let i = aStack.length - 1; i >= 0; i--) {
    if (aStack[i] === a) return bStack[i] === b;
  }
  aStack.push(a);
  bStack.push(b);
  try {
    if (a instanceof Map) {
      if (a.size !== b.size) return false;
      for (const [k, v] of a) {
        if (b.has(k)) {
          if (!equals(v, b.get(k), strict, aStack, bStack)) return false;
        } else {
          let found = false;
          for (const [k2, v2] of b) {
            if (equals(k, k2, strict, aStack, bStack) && equals(v, v2, strict, aStack, bStack)) { found = true; break; }
          }
          if (!found) return false;
        }
      }
      return true;
    }
    if (a instanceof Set) {
      if (a.size !== b.size) return false;
      for (const v of a) {
        if (b.has(v)) continue;
        let found = false;
        for (const v2 of b) if (equals(v, v2, strict, aStack, bStack)) { found = true; break; }
        if (!found) return false;
      }
      return true;
    }
    if (Array.isArray(a)) {
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) {
        if (strict && (i in a) !== (i in b)) return false;
        if (!equals(a[i], b[i], strict, aStack, bStack)) return false;
      }
      // Extra non-index props on arrays are compared like object keys below.
    }
    const keysA = ownKeys(a, strict, Array.isArray(a));
    const keysB = ownKeys(b, strict, Array.isArray(b));
    if (keysA.length !== keysB.length) return false;
    for (const k of keysA) {
      if (!hasOwn(b, k) && !(strict === false && b[k] === undefined && a[k] === undefined)) return false;
      if (!equals(a[k], b[k], strict, aStack, bStack)) return false;
    }
    return true;
  } finally {
    aStack.pop();
    bStack.pop();
  }
}

export function bytesEqual(x, y) {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

// Keys that take part in equality. toEqual ignores undefined-valued props.
export function ownKeys(o, strict, skipIndices) {
  let keys = Object.keys(o);
  if (skipIndices) keys = keys.filter((k) => !/^(0|[1-9]\d*)$/.test(k));
  for (const s of Object.getOwnPropertySymbols(o)) {
    if (Object.prototype.propertyIsEnumerable.call(o, s)) keys.push(s);
  }
  return strict ? keys : keys.filter((k) => o[k] !== undefined);
}

// toMatchObject: every property of `expected` must match in `received`
// (recursively as a subset); arrays must match element-wise with equal length.
export function matchesObject(received, expected, seen = []) {
  if (isAsymmetric(expected)) return expected.asymmetricMatch(received);
  if (!isObjectLike(expected) || !isObjectLike(received)) return equals(received, expected);
  if (seen.includes(expected)) return true;
  seen = seen.concat([expected]);
  if (Array.isArray(expected)) {
    if (!Array.isArray(received) || received.length !== expected.length) return false;
    return expected.every((e, i) => matchesObject(received[i], e, seen));
  }
  if (expected instanceof Date || expected instanceof RegExp || expected instanceof Map ||
      expected instanceof Set || isTypedArray(expected)) {
    return equals(received, expected);
  }
  for (const k of Reflect.ownKeys(expected)) {
    if (!Object.prototype.propertyIsEnumerable.call(expected, k)) continue;
    if (!(k in Object(received))) return false;
    if (!matchesObject(received[k], expected[k], seen)) return false;
  }
  return true;
}

// For a toMatchObject diff: the received value trimmed to the expected shape,
// so unrelated received props don't flood the diff.
export function subsetForDiff(received, expected, seen = []) {
  if (!isObjectLike(received) || !isObjectLike(expected) || isAsymmetric(expected) || seen.includes(received)) return received;
  seen = seen.concat([received]);
  if (Array.isArray(received) && Array.isArray(expected)) {
    return received.map((r, i) => (i < expected.length ? subsetForDiff(r, expected[i], seen) : r));
  }
  if (Array.isArray(received) || Array.isArray(expected) || Object.getPrototypeOf(expected) !== Object.prototype) return received;
  const out = {};
  for (const k of Object.keys(received)) {
    out[k] = k in expected ? subsetForDiff(received[k], expected[k], seen) : received[k];
  }
  return out;
}

