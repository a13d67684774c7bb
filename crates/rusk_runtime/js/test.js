// rusk built-in test library: the module behind `bun:test` / `rusk:test`.
//
// A bun:test-compatible API (describe/test/expect/hooks/mocks) written in
// plain ES2023 with no imports, so it can be embedded into a QuickJS-ng
// context. Test files register their tests into a module-level registry when
// they are imported; afterwards the Rust runner calls
// `globalThis.__ruskTest.run(options)` once per file (one context per file).
//
// Sections:
//   1. small utilities (stack/location parsing)
//   2. value printer (messages, `%p` titles) and diff serializer
//   3. line diff
//   4. equality (toEqual / toStrictEqual / toMatchObject, asymmetric matchers)
//   5. mocks (mock / jest.fn / spyOn)
//   6. expect and matchers
//   7. registry (describe/test/hooks and their modifiers)
//   8. runner (hooks order, timeouts, done callbacks, uncaught errors, output)

// ---------------------------------------------------------------------------
// 1. Utilities
// ---------------------------------------------------------------------------

// Matches one stack frame line, QuickJS or V8 style:
//   "    at name (/abs/file.ts:12:5)"  "    at /abs/file.ts:12:5"
const FRAME_RE = /^\s*at (?:(.*?) \()?(.+?):(\d+)(?::(\d+))?\)?\s*$/;

function parseFrames(stack) {
  const frames = [];
  if (typeof stack !== "string") return frames;
  for (const line of stack.split("\n")) {
    const m = FRAME_RE.exec(line);
    if (m) frames.push({ fn: m[1] || "", file: m[2], line: +m[3], col: m[4] ? +m[4] : 0 });
  }
  return frames;
}

// The file this module lives in, as the engine spells it in stack traces.
// Frames from it are skipped when looking for the user's call site.
const SELF_FILE = (() => {
  const f = parseFrames(new Error().stack)[0];
  return f ? f.file : "";
})();

function isOwnFrame(file) {
  return file === SELF_FILE || file === "bun:test" || file === "rusk:test" ||
    file === "native" || file === "<native>";
}

function cleanFile(file) {
  return file.startsWith("file://") ? decodeURIComponent(file.slice(7)) : file;
}

// First user frame of a stack (or null).
function userFrame(stack) {
  for (const f of parseFrames(stack)) {
    if (!isOwnFrame(f.file)) return { fn: f.fn, file: cleanFile(f.file), line: f.line, col: f.col };
  }
  return null;
}

const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const tagOf = (v) => Object.prototype.toString.call(v).slice(8, -1);
const isObjectLike = (v) => v !== null && (typeof v === "object" || typeof v === "function");
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

// ---------------------------------------------------------------------------
// 2. Value printer
// ---------------------------------------------------------------------------

const IDENT_RE = /^[A-Za-z_$][\w$]*$/;
const TYPED_ARRAY_PROTO = Object.getPrototypeOf(Int8Array.prototype);
const isTypedArray = (v) => v instanceof TYPED_ARRAY_PROTO.constructor;

function quote(s) {
  return JSON.stringify(s);
}

function ctorName(v) {
  const proto = Object.getPrototypeOf(v);
  if (proto === null) return null;
  const c = proto.constructor;
  return typeof c === "function" && c.name ? c.name : null;
}

function printPrimitive(v) {
  switch (typeof v) {
    case "string": return quote(v);
    case "number": return Object.is(v, -0) ? "-0" : String(v);
    case "bigint": return `${v}n`;
    case "symbol": return v.toString();
    case "undefined": return "undefined";
    case "function": {
      const src = Function.prototype.toString.call(v);
      // Built-in constructors (Array, Map, ...) print as classes too.
      if (/^class\b/.test(src) || (/\[native code\]/.test(src) && /^[A-Z]/.test(v.name))) return `[class ${v.name || "(anonymous)"}]`;
      return v.name ? `[Function: ${v.name}]` : "[Function]";
    }
    default: return String(v);
  }
}

// Bun-like console formatting: primitives inline, arrays of primitives inline
// (`[ 1, 2, 3 ]`), objects one property per line with trailing commas.
function printValue(v, indent = "", seen = []) {
  if (!isObjectLike(v) || typeof v === "function") {
    return v === null ? "null" : printPrimitive(v);
  }
  if (isAsymmetric(v)) return v.toString();
  if (seen.includes(v)) return "[Circular]";
  if (v instanceof Date) return isNaN(v.getTime()) ? "Invalid Date" : v.toISOString();
  if (v instanceof RegExp) return String(v);
  if (v instanceof Error) {
    const name = v.name || "Error";
    return v.message ? `[${name}: ${v.message}]` : `[${name}]`;
  }
  if (typeof Promise !== "undefined" && v instanceof Promise) return "Promise { <pending> }";
  if (v instanceof WeakMap) return "WeakMap {}";
  if (v instanceof WeakSet) return "WeakSet {}";
  const inner = indent + "  ";
  const next = seen.concat([v]);
  const block = (open, items, close) =>
    items.length === 0 ? `${open}${close}` :
    `${open}\n${items.map((s) => inner + s + ",").join("\n")}\n${indent}${close}`;

  if (Array.isArray(v) || isTypedArray(v)) {
    const prefix = Array.isArray(v) ? "" : `${ctorName(v)}(${v.length}) `;
    if (v.length === 0) return prefix + "[]";
    const items = [];
    for (let i = 0; i < v.length; i++) {
      items.push(i in v ? printValue(v[i], inner, next) : "empty item");
    }
    return `${prefix}[ ${items.join(", ")} ]`;
  }
  if (v instanceof ArrayBuffer) return `ArrayBuffer(${v.byteLength}) [ ${[...new Uint8Array(v)].join(", ")} ]`;
  if (v instanceof Map) {
    const items = [...v].map(([k, val]) => `${printValue(k, inner, next)}: ${printValue(val, inner, next)}`);
    return block(`Map(${v.size}) {`, items, "}");
  }
  if (v instanceof Set) {
    const items = [...v].map((x) => printValue(x, inner, next));
    return block(`Set(${v.size}) {`, items, "}");
  }
  const name = ctorName(v);
  const prefix = name === "Object" ? "" : name === null ? "[Object: null prototype] " : `${name} `;
  const keys = [...Object.keys(v), ...Object.getOwnPropertySymbols(v).filter((s) => Object.prototype.propertyIsEnumerable.call(v, s))];
  const items = keys.map((k) => {
    const ks = typeof k === "symbol" ? `[${k.toString()}]` : IDENT_RE.test(k) ? k : quote(k);
    return `${ks}: ${printValue(v[k], inner, next)}`;
  });
  return block(`${prefix}{`, items, "}");
}

// Serializer used for diffs: one value per line, keys quoted, trailing commas,
// so a line diff gives a readable structural diff (Bun's diff shape).
function serializeForDiff(v, indent = "", seen = []) {
  if (!isObjectLike(v) || typeof v === "function") return v === null ? "null" : printPrimitive(v);
  if (isAsymmetric(v)) return v.toString();
  if (seen.includes(v)) return "[Circular]";
  if (v instanceof Date) return isNaN(v.getTime()) ? "Invalid Date" : v.toISOString();
  if (v instanceof RegExp) return String(v);
  if (v instanceof Error) return printValue(v);
  const inner = indent + "  ";
  const next = seen.concat([v]);
  const block = (open, items, close) =>
    items.length === 0 ? `${open}${close}` :
    `${open}\n${items.map((s) => inner + s + ",").join("\n")}\n${indent}${close}`;
  if (Array.isArray(v) || isTypedArray(v)) {
    const prefix = Array.isArray(v) ? "" : `${ctorName(v)} `;
    const items = [];
    for (let i = 0; i < v.length; i++) items.push(i in v ? serializeForDiff(v[i], inner, next) : "<empty>");
    return block(prefix + "[", items, "]");
  }
  if (v instanceof ArrayBuffer) return `ArrayBuffer [${[...new Uint8Array(v)].join(", ")}]`;
  if (v instanceof Map) {
    const items = [...v].map(([k, val]) => `${serializeForDiff(k, inner, next)} => ${serializeForDiff(val, inner, next)}`);
    return block("Map {", items, "}");
  }
  if (v instanceof Set) return block("Set {", [...v].map((x) => serializeForDiff(x, inner, next)), "}");
  const name = ctorName(v);
  const prefix = name === "Object" || name === null ? "" : `${name} `;
  const keys = Object.keys(v).sort();
  const items = keys.map((k) => `${quote(k)}: ${serializeForDiff(v[k], inner, next)}`);
  return block(prefix + "{", items, "}");
}

// ---------------------------------------------------------------------------
// 3. Line diff (LCS over lines; expected lines "-", received lines "+")
// ---------------------------------------------------------------------------

function lineDiff(expectedText, receivedText) {
  const a = expectedText.split("\n");
  const b = receivedText.split("\n");
  const n = a.length, m = b.length;
  let ops;
  if (n * m > 4_000_000) {
    // Too large for the quadratic table: show both sides in full.
    ops = [...a.map((l) => ["-", l]), ...b.map((l) => ["+", l])];
  } else {
    // lcs[i][j] = LCS length of a[i..], b[j..]
    const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    ops = [];
    let i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[i] === b[j]) { ops.push([" ", a[i]]); i++; j++; }
      else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) { ops.push(["-", a[i]]); i++; }
      else { ops.push(["+", b[j]]); j++; }
    }
  }
  let removed = 0, added = 0;
  const lines = ops.map(([op, l]) => {
    if (op === "-") removed++;
    if (op === "+") added++;
    return `${op} ${l}`.trimEnd();
  });
  return `${lines.join("\n")}\n\n- Expected  - ${removed}\n+ Received  + ${added}\n`;
}

// "Expected/Received" block, or a structural diff when both sides are
// multi-line serializations.
function diffOrValues(expected, received) {
  const e = serializeForDiff(expected);
  const r = serializeForDiff(received);
  if ((isObjectLike(expected) || isObjectLike(received)) && (e.includes("\n") || r.includes("\n")) && e !== r) {
    return lineDiff(e, r);
  }
  return `Expected: ${printValue(expected)}\nReceived: ${printValue(received)}\n`;
}

// ---------------------------------------------------------------------------
// 4. Equality
// ---------------------------------------------------------------------------

const ASYMMETRIC = Symbol.for("rusk.test.asymmetric");
const isAsymmetric = (v) => isObjectLike(v) && v[ASYMMETRIC] === true;

class AsymmetricMatcher {
  constructor(sample, inverse = false) {
    this.sample = sample;
    this.inverse = inverse;
  }
  get [ASYMMETRIC]() { return true; }
}

class AnyMatcher extends AsymmetricMatcher {
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
class AnythingMatcher extends AsymmetricMatcher {
  asymmetricMatch(other) { return other !== null && other !== undefined; }
  toString() { return "Anything"; }
}
class StringContainingMatcher extends AsymmetricMatcher {
  asymmetricMatch(other) { return (typeof other === "string" && other.includes(this.sample)) !== this.inverse; }
  toString() { return `String${this.inverse ? "Not" : ""}Containing ${quote(this.sample)}`; }
}
class StringMatchingMatcher extends AsymmetricMatcher {
  asymmetricMatch(other) {
    const re = typeof this.sample === "string" ? new RegExp(this.sample) : this.sample;
    return (typeof other === "string" && re.test(other)) !== this.inverse;
  }
  toString() { return `String${this.inverse ? "Not" : ""}Matching ${String(this.sample)}`; }
}
class ObjectContainingMatcher extends AsymmetricMatcher {
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
class ArrayContainingMatcher extends AsymmetricMatcher {
  asymmetricMatch(other) {
    const ok = Array.isArray(other) && this.sample.every((s) => other.some((o) => equals(o, s)));
    return ok !== this.inverse;
  }
  toString() { return `Array${this.inverse ? "Not" : ""}Containing ${printValue(this.sample)}`; }
}
class CloseToMatcher extends AsymmetricMatcher {
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
class CustomAsymmetricMatcher extends AsymmetricMatcher {
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
function equals(a, b, strict = false, aStack = [], bStack = []) {
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

function bytesEqual(x, y) {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

// Keys that take part in equality. toEqual ignores undefined-valued props.
function ownKeys(o, strict, skipIndices) {
  let keys = Object.keys(o);
  if (skipIndices) keys = keys.filter((k) => !/^(0|[1-9]\d*)$/.test(k));
  for (const s of Object.getOwnPropertySymbols(o)) {
    if (Object.prototype.propertyIsEnumerable.call(o, s)) keys.push(s);
  }
  return strict ? keys : keys.filter((k) => o[k] !== undefined);
}

// toMatchObject: every property of `expected` must match in `received`
// (recursively as a subset); arrays must match element-wise with equal length.
function matchesObject(received, expected, seen = []) {
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
function subsetForDiff(received, expected, seen = []) {
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

// ---------------------------------------------------------------------------
// 5. Mocks
// ---------------------------------------------------------------------------

const MOCK = Symbol.for("rusk.test.mock");
const allMocks = new Set();
const isMock = (f) => typeof f === "function" && f[MOCK] === true;

function createMock(impl, restore) {
  // Mutable state behind the mock; reset by mockClear/mockReset.
  const state = {
    impl: impl,
    onceImpls: [],
    name: "mock",
    restore: restore || null,
  };
  const data = { calls: [], results: [], instances: [], contexts: [], invocationCallOrder: [], lastCall: undefined };

  function mockFn(...args) {
    data.calls.push(args);
    data.lastCall = args;
    // For `new mockFn()` the instance is replaced below by the constructed object.
    const instanceIndex = data.instances.push(this) - 1;
    data.contexts.push(this);
    data.invocationCallOrder.push(++callOrder);
    const result = { type: "incomplete", value: undefined };
    data.results.push(result);
    const fn = state.onceImpls.length ? state.onceImpls.shift() : state.impl;
    try {
      let value;
      if (fn === undefined) value = new.target ? this : undefined;
      else if (new.target) {
        // Construct through the implementation when it is constructible.
        try {
          value = Reflect.construct(fn, args, new.target);
        } catch (e) {
          if (e instanceof TypeError && /constructor/.test(e.message)) value = fn.apply(this, args);
          else throw e;
        }
        if (!isObjectLike(value)) value = this;
        data.instances[instanceIndex] = value;
      } else value = fn.apply(this, args);
      result.type = "return";
      result.value = value;
      return value;
    } catch (err) {
      result.type = "throw";
      result.value = err;
      throw err;
    }
  }

  Object.defineProperty(mockFn, MOCK, { value: true });
  Object.defineProperty(mockFn, "mock", { get: () => data });
  if (impl && impl.name) {
    try { Object.defineProperty(mockFn, "name", { value: impl.name }); } catch { /* non-configurable: keep */ }
  }
  const api = {
    getMockName: () => state.name,
    mockName(n) { state.name = n; return mockFn; },
    getMockImplementation: () => state.impl,
    mockClear() {
      data.calls = []; data.results = []; data.instances = []; data.contexts = [];
      data.invocationCallOrder = []; data.lastCall = undefined;
      return mockFn;
    },
    mockReset() {
      api.mockClear();
      state.impl = undefined;
      state.onceImpls = [];
      return mockFn;
    },
    mockRestore() {
      api.mockReset();
      if (state.restore) state.restore();
      allMocks.delete(mockFn);
    },
    mockImplementation(f) { state.impl = f; return mockFn; },
    mockImplementationOnce(f) { state.onceImpls.push(f); return mockFn; },
    mockReturnValue(v) { state.impl = () => v; return mockFn; },
    mockReturnValueOnce(v) { state.onceImpls.push(() => v); return mockFn; },
    mockResolvedValue(v) { state.impl = () => Promise.resolve(v); return mockFn; },
    mockResolvedValueOnce(v) { state.onceImpls.push(() => Promise.resolve(v)); return mockFn; },
    mockRejectedValue(v) { state.impl = () => Promise.reject(v); return mockFn; },
    mockRejectedValueOnce(v) { state.onceImpls.push(() => Promise.reject(v)); return mockFn; },
    mockReturnThis() { state.impl = function () { return this; }; return mockFn; },
    withImplementation(f, cb) {
      const prev = state.impl;
      state.impl = f;
      const r = cb();
      if (r && typeof r.then === "function") return r.finally(() => { state.impl = prev; });
      state.impl = prev;
      return r;
    },
  };
  Object.assign(mockFn, api);
  allMocks.add(mockFn);
  return mockFn;
}
let callOrder = 0;

function mock(impl) {
  return createMock(impl);
}

function spyOn(obj, key) {
  if (!isObjectLike(obj)) throw new TypeError("spyOn: target must be an object");
  const original = obj[key];
  if (isMock(original)) return original;
  if (typeof original !== "function") {
    throw new TypeError(`spyOn: property "${String(key)}" is not a function (got ${printValue(original)})`);
  }
  const ownDesc = Object.getOwnPropertyDescriptor(obj, key);
  const spy = createMock(original, () => {
    if (ownDesc) Object.defineProperty(obj, key, ownDesc);
    else delete obj[key]; // the method came from the prototype chain
  });
  Object.defineProperty(obj, key, { value: spy, writable: true, configurable: true, enumerable: ownDesc ? ownDesc.enumerable : false });
  return spy;
}

function clearAllMocks() { for (const m of allMocks) m.mockClear(); }
function resetAllMocks() { for (const m of allMocks) m.mockReset(); }
function restoreAllMocks() { for (const m of [...allMocks]) m.mockRestore(); }

mock.restore = restoreAllMocks;
mock.clearAllMocks = clearAllMocks;
mock.module = () => { throw new Error("mock.module() is not supported by rusk"); };

// ---------------------------------------------------------------------------
// 6. expect and matchers
// ---------------------------------------------------------------------------

// Errors thrown by failed assertions. `loc` is the user's expect() call site.
class ExpectError extends Error {
  constructor(message, loc) {
    super(message);
    this.name = "Error";
    this.loc = loc;
    this.isExpectError = true;
  }
}
class AssertionError extends Error {
  constructor(message) { super(message); this.name = "AssertionError"; this.noLocation = true; }
}
class UnreachableError extends Error {
  constructor(message, loc) { super(message); this.name = "UnreachableError"; this.loc = loc; }
}

let expectCallsTotal = 0; // for the "N expect() calls" summary line (matcher runs)
let assertionCount = 0; // matcher runs in the current test
let expectedAssertions = null; // expect.assertions(n)
let expectHasAssertions = false; // expect.hasAssertions()

function matcherContext(isNot, promise = "") {
  return {
    isNot,
    promise,
    equals: (a, b) => equals(a, b),
    utils: {
      printReceived: (v) => printValue(v),
      printExpected: (v) => printValue(v),
      stringify: (v) => printValue(v),
      diff: (a, b) => diffOrValues(a, b),
      matcherHint: (name, r = "received", e = "expected") => `expect(${r})${isNot ? ".not" : ""}.${name}(${e})`,
    },
  };
}

// Matchers: fn(received, ...args) -> { pass, message(isNot) } where message is
// the text after the hint line. `hint` is the argument label of the hint.
const matchers = Object.create(null);

function defineMatcher(name, hintArgs, fn) {
  matchers[name] = { hintArgs, fn };
}

const num = (v) => typeof v === "number" || typeof v === "bigint";
const getLength = (v) => (v !== null && v !== undefined && typeof v.length === "number" ? v.length : undefined);

defineMatcher("toBe", "expected", (r, e) => ({
  pass: Object.is(r, e),
  message: (not) => {
    if (not) return `Expected: not ${printValue(e)}\n`;
    if (isObjectLike(r) && isObjectLike(e) && printValue(r) === printValue(e)) {
      return `Expected: ${printValue(e)}\nReceived: serializes to the same string\n`;
    }
    return `Expected: ${printValue(e)}\nReceived: ${printValue(r)}\n`;
  },
}));

function equalityMatcher(strict) {
  return (r, e) => ({
    pass: equals(r, e, strict),
    message: (not) => (not ? `Expected: not ${printValue(e)}\n` : diffOrValues(e, r)),
  });
}
defineMatcher("toEqual", "expected", equalityMatcher(false));
defineMatcher("toStrictEqual", "expected", equalityMatcher(true));

const receivedOnly = (pass, r) => ({ pass, message: () => `Received: ${printValue(r)}\n` });
defineMatcher("toBeTruthy", "", (r) => receivedOnly(!!r, r));
defineMatcher("toBeFalsy", "", (r) => receivedOnly(!r, r));
defineMatcher("toBeNull", "", (r) => receivedOnly(r === null, r));
defineMatcher("toBeUndefined", "", (r) => receivedOnly(r === undefined, r));
defineMatcher("toBeDefined", "", (r) => receivedOnly(r !== undefined, r));
defineMatcher("toBeNaN", "", (r) => receivedOnly(typeof r === "number" && Number.isNaN(r), r));
defineMatcher("toBeFinite", "", (r) => receivedOnly(typeof r === "number" && Number.isFinite(r), r));
defineMatcher("toBeInteger", "", (r) => receivedOnly(Number.isInteger(r), r));
defineMatcher("toBePositive", "", (r) => receivedOnly(typeof r === "number" && r > 0 && Number.isFinite(r), r));
defineMatcher("toBeNegative", "", (r) => receivedOnly(typeof r === "number" && r < 0 && Number.isFinite(r), r));
defineMatcher("toBeEven", "", (r) => receivedOnly((Number.isInteger(r) && r % 2 === 0) || (typeof r === "bigint" && r % 2n === 0n), r));
defineMatcher("toBeOdd", "", (r) => receivedOnly((Number.isInteger(r) && Math.abs(r % 2) === 1) || (typeof r === "bigint" && r % 2n !== 0n), r));
defineMatcher("toBeArray", "", (r) => receivedOnly(Array.isArray(r), r));
defineMatcher("toBeFunction", "", (r) => receivedOnly(typeof r === "function", r));
defineMatcher("toBeString", "", (r) => receivedOnly(typeof r === "string" || r instanceof String, r));
defineMatcher("toBeNumber", "", (r) => receivedOnly(typeof r === "number" || r instanceof Number, r));
defineMatcher("toBeBoolean", "", (r) => receivedOnly(typeof r === "boolean" || r instanceof Boolean, r));
defineMatcher("toBeObject", "", (r) => receivedOnly(typeof r === "object" && r !== null, r));
defineMatcher("toBeBigInt", "", (r) => receivedOnly(typeof r === "bigint", r));
defineMatcher("toBeSymbol", "", (r) => receivedOnly(typeof r === "symbol", r));
defineMatcher("toBeDate", "", (r) => receivedOnly(r instanceof Date, r));
defineMatcher("toBeValidDate", "", (r) => receivedOnly(r instanceof Date && !isNaN(r.getTime()), r));
defineMatcher("toBeNil", "", (r) => receivedOnly(r === null || r === undefined, r));
defineMatcher("toBeEmpty", "", (r) => {
  let empty;
  if (typeof r === "string" || Array.isArray(r) || isTypedArray(r)) empty = r.length === 0;
  else if (r instanceof Map || r instanceof Set) empty = r.size === 0;
  else if (isObjectLike(r) && typeof r[Symbol.iterator] === "function") empty = r[Symbol.iterator]().next().done;
  else if (isObjectLike(r)) empty = Object.keys(r).length === 0;
  else empty = false;
  return receivedOnly(empty, r);
});
defineMatcher("toBeEmptyObject", "", (r) => receivedOnly(isObjectLike(r) && Object.keys(r).length === 0, r));

function compareMatcher(op, test) {
  return (r, e) => {
    if (!num(r) || !num(e)) throw new TypeError(`Expected and received must be numbers or bigints (received ${printValue(r)}, expected ${printValue(e)})`);
    return {
      pass: test(r, e),
      message: (not) => `Expected: ${not ? "not " : ""}${op} ${printValue(e)}\nReceived: ${printValue(r)}\n`,
    };
  };
}
defineMatcher("toBeGreaterThan", "expected", compareMatcher(">", (r, e) => r > e));
defineMatcher("toBeGreaterThanOrEqual", "expected", compareMatcher(">=", (r, e) => r >= e));
defineMatcher("toBeLessThan", "expected", compareMatcher("<", (r, e) => r < e));
defineMatcher("toBeLessThanOrEqual", "expected", compareMatcher("<=", (r, e) => r <= e));
defineMatcher("toBeWithin", "start, end", (r, start, end) => ({
  pass: typeof r === "number" && r >= start && r < end,
  message: (not) => `Expected: ${not ? "not " : ""}between ${start} (inclusive) and ${end} (exclusive)\nReceived: ${printValue(r)}\n`,
}));

defineMatcher("toBeCloseTo", "expected, precision", (r, e, precision = 2) => {
  if (typeof r !== "number" || typeof e !== "number") throw new TypeError("toBeCloseTo: expected and received must be numbers");
  const diff = Math.abs(e - r);
  const limit = Math.pow(10, -precision) / 2;
  const pass = (r === Infinity && e === Infinity) || (r === -Infinity && e === -Infinity) || diff < limit;
  return {
    pass,
    message: (not) => `Expected: ${not ? "not " : ""}${printValue(e)}\nReceived: ${printValue(r)}\n\n` +
      `Expected precision: ${precision}\nExpected difference: ${not ? ">=" : "<"} ${limit}\nReceived difference: ${diff}\n`,
  };
});

defineMatcher("toContain", "expected", (r, e) => {
  let pass;
  if (typeof r === "string") pass = typeof e === "string" && r.includes(e);
  else if (r !== null && r !== undefined && typeof r[Symbol.iterator] === "function") pass = [...r].some((x) => x === e || Object.is(x, e));
  else throw new TypeError(`Received value must be an array type, or both received and expected values must be strings.\nReceived: ${printValue(r)}`);
  return { pass, message: (not) => `Expected to ${not ? "not " : ""}contain: ${printValue(e)}\nReceived: ${printValue(r)}\n` };
});
defineMatcher("toContainEqual", "expected", (r, e) => {
  if (r === null || r === undefined || typeof r[Symbol.iterator] !== "function") throw new TypeError(`Received value must be iterable\nReceived: ${printValue(r)}`);
  return {
    pass: [...r].some((x) => equals(x, e)),
    message: (not) => `Expected to ${not ? "not " : ""}contain equal: ${printValue(e)}\nReceived: ${printValue(r)}\n`,
  };
});
defineMatcher("toInclude", "expected", (r, e) => ({
  pass: typeof r === "string" && r.includes(e),
  message: (not) => `Expected to ${not ? "not " : ""}include: ${printValue(e)}\nReceived: ${printValue(r)}\n`,
}));
defineMatcher("toStartWith", "expected", (r, e) => ({
  pass: typeof r === "string" && r.startsWith(e),
  message: (not) => `Expected to ${not ? "not " : ""}start with: ${printValue(e)}\nReceived: ${printValue(r)}\n`,
}));
defineMatcher("toEndWith", "expected", (r, e) => ({
  pass: typeof r === "string" && r.endsWith(e),
  message: (not) => `Expected to ${not ? "not " : ""}end with: ${printValue(e)}\nReceived: ${printValue(r)}\n`,
}));
defineMatcher("toBeOneOf", "expected", (r, list) => ({
  pass: [...list].some((x) => Object.is(x, r) || equals(r, x)),
  message: (not) => `Expected: ${not ? "not " : ""}one of ${printValue([...list])}\nReceived: ${printValue(r)}\n`,
}));
defineMatcher("toSatisfy", "predicate", (r, pred) => ({
  pass: !!pred(r),
  message: (not) => `Expected: ${not ? "not " : ""}${printValue(pred)}\nReceived: ${printValue(r)}\n`,
}));
defineMatcher("toHaveLength", "expected", (r, e) => {
  const len = getLength(r);
  if (len === undefined) throw new TypeError(`Received value does not have a length property\nReceived: ${printValue(r)}`);
  return { pass: len === e, message: (not) => `Expected length: ${not ? "not " : ""}${e}\nReceived length: ${len}\n` };
});

function propertyPath(path) {
  if (Array.isArray(path)) return path;
  // "a.b[0].c" -> ["a", "b", "0", "c"]
  return String(path).replace(/\[(\w+)\]/g, ".$1").split(".").filter((p) => p !== "");
}
defineMatcher("toHaveProperty", "path, value", function (r, path, ...rest) {
  const hasValue = rest.length > 0;
  const value = rest[0];
  let cur = r, found = true;
  for (const key of propertyPath(path)) {
    if (cur === null || cur === undefined || !(key in Object(cur))) { found = false; break; }
    cur = cur[key];
  }
  const pass = found && (!hasValue || equals(cur, value));
  const pathText = `Expected path: ${printValue(Array.isArray(path) ? path : String(path))}\n`;
  return {
    pass,
    message: (not) => {
      if (!found) return `${pathText}${hasValue ? `\nExpected value: ${printValue(value)}\n` : ""}\nUnable to find property\n`;
      if (hasValue) return not ? `${pathText}\nExpected value: not ${printValue(value)}\n` : diffOrValues(value, cur);
      return `Expected path: ${not ? "not " : ""}${printValue(Array.isArray(path) ? path : String(path))}\n\nReceived value: ${printValue(cur)}\n`;
    },
  };
});
defineMatcher("toMatch", "expected", (r, e) => {
  if (typeof r !== "string") throw new TypeError(`Received value must be a string\nReceived: ${printValue(r)}`);
  const pass = typeof e === "string" ? r.includes(e) : new RegExp(e.source, e.flags.replace("g", "")).test(r);
  return { pass, message: (not) => `Expected substring or pattern: ${not ? "not " : ""}${printValue(e)}\nReceived: ${printValue(r)}\n` };
});
defineMatcher("toMatchObject", "expected", (r, e) => {
  if (!isObjectLike(r)) throw new TypeError(`Received value must be a non-null object\nReceived: ${printValue(r)}`);
  return {
    pass: matchesObject(r, e),
    message: (not) => (not ? `Expected: not ${printValue(e)}\n` : diffOrValues(e, subsetForDiff(r, e))),
  };
});
defineMatcher("toBeInstanceOf", "expected", (r, e) => ({
  pass: isObjectLike(r) && r instanceof e,
  message: (not) => `Expected constructor: ${not ? "not " : ""}${printValue(e)}\nReceived value: ${printValue(r)}\n`,
}));
defineMatcher("toBeTypeOf", "", (r, e) => {
  const t = r === null ? "object" : typeof r;
  return {
    pass: t === e,
    message: (not) => `Expected type: ${not ? "not " : ""}${printValue(e)}\nReceived type: ${printValue(t)}\nReceived value: ${printValue(r)}\n`,
  };
});

// toThrow: received is a function (called here) or, with .rejects, the
// rejection value itself.
function throwMatcher(r, expected) {
  let thrown = false, error;
  if (this && this.fromPromise) { thrown = true; error = r; }
  else {
    if (typeof r !== "function") throw new TypeError(`Received value must be a function\nReceived: ${printValue(r)}`);
    try { r(); } catch (e) { thrown = true; error = e; }
  }
  const msgOf = (e) => (isObjectLike(e) && "message" in e ? e.message : String(e));
  if (expected === undefined) {
    return {
      pass: thrown,
      message: (not) => not
        ? `Error name: ${printValue(error && error.name)}\nError message: ${printValue(msgOf(error))}\n`
        : "Received function did not throw\nReceived value: undefined\n",
    };
  }
  const notThrown = "Received function did not throw\n";
  if (typeof expected === "string") {
    return {
      pass: thrown && String(msgOf(error)).includes(expected),
      message: (not) => `Expected substring: ${not ? "not " : ""}${quote(expected)}\n` + (thrown ? `Received message: ${printValue(msgOf(error))}\n` : notThrown),
    };
  }
  if (expected instanceof RegExp) {
    return {
      pass: thrown && expected.test(String(msgOf(error))),
      message: (not) => `Expected pattern: ${not ? "not " : ""}${expected}\n` + (thrown ? `Received message: ${printValue(msgOf(error))}\n` : notThrown),
    };
  }
  if (typeof expected === "function") {
    return {
      pass: thrown && error instanceof expected,
      message: (not) => `Expected constructor: ${not ? "not " : ""}${expected.name}\n` +
        (thrown ? `Received constructor: ${isObjectLike(error) && error.constructor ? error.constructor.name : printValue(error)}\nReceived message: ${printValue(msgOf(error))}\n` : notThrown),
    };
  }
  if (isAsymmetric(expected)) {
    return {
      pass: thrown && expected.asymmetricMatch(error),
      message: (not) => `Expected: ${not ? "not " : ""}${printValue(expected)}\n` + (thrown ? `Received: ${printValue(error)}\n` : notThrown),
    };
  }
  // error object (or anything with a message): compare messages
  const expMsg = msgOf(expected);
  return {
    pass: thrown && msgOf(error) === expMsg,
    message: (not) => `Expected message: ${not ? "not " : ""}${printValue(expMsg)}\n` + (thrown ? `Received message: ${printValue(msgOf(error))}\n` : notThrown),
  };
}
defineMatcher("toThrow", "expected", throwMatcher);
defineMatcher("toThrowError", "expected", throwMatcher);

// --- mock matchers ---
function ensureMock(r) {
  if (!isMock(r)) throw new TypeError(`Expected a mock function (from mock(), jest.fn() or spyOn())\nReceived: ${printValue(r)}`);
  return r.mock;
}

defineMatcher("toHaveBeenCalled", "", (r) => {
  const n = ensureMock(r).calls.length;
  return { pass: n > 0, message: (not) => `Expected number of calls: ${not ? "0" : ">= 1"}\nReceived number of calls: ${n}\n` };
});
defineMatcher("toHaveBeenCalledOnce", "", (r) => {
  const n = ensureMock(r).calls.length;
  return { pass: n === 1, message: (not) => `Expected number of calls: ${not ? "not " : ""}1\nReceived number of calls: ${n}\n` };
});
defineMatcher("toHaveBeenCalledTimes", "expected", (r, e) => {
  const n = ensureMock(r).calls.length;
  return { pass: n === e, message: (not) => `Expected number of calls: ${not ? "not " : ""}${e}\nReceived number of calls: ${n}\n` };
});
defineMatcher("toHaveBeenCalledWith", "...expected", (r, ...args) => {
  const calls = ensureMock(r).calls;
  return {
    pass: calls.some((c) => equals(c, args)),
    message: (not) => {
      if (not) return `Expected: not ${printValue(args)}\n`;
      if (calls.length === 1) return diffOrValues(args, calls[0]);
      if (calls.length === 0) return `Expected: ${printValue(args)}\nReceived: 0 calls\n`;
      const list = calls.map((c, i) => `              ${i + 1}: ${printValue(c)}`).join("\n");
      return `    Expected: ${printValue(args)}\n    Received:\n${list}\n\n    Number of calls: ${calls.length}\n`;
    },
  };
});
defineMatcher("toHaveBeenLastCalledWith", "...expected", (r, ...args) => {
  const calls = ensureMock(r).calls;
  const last = calls[calls.length - 1];
  return {
    pass: calls.length > 0 && equals(last, args),
    message: (not) => not ? `Expected: not ${printValue(args)}\n` : calls.length ? diffOrValues(args, last) : `Expected: ${printValue(args)}\nReceived: 0 calls\n`,
  };
});
defineMatcher("toHaveBeenNthCalledWith", "n, ...expected", (r, n, ...args) => {
  const calls = ensureMock(r).calls;
  const call = calls[n - 1];
  return {
    pass: n >= 1 && n <= calls.length && equals(call, args),
    message: (not) => not ? `n: ${n}\nExpected: not ${printValue(args)}\n`
      : call ? `n: ${n}\n${diffOrValues(args, call)}` : `n: ${n}\nExpected: ${printValue(args)}\nReceived: only ${plural(calls.length, "call")}\n`,
  };
});
defineMatcher("toHaveReturned", "", (r) => {
  const n = ensureMock(r).results.filter((x) => x.type === "return").length;
  return { pass: n > 0, message: (not) => `Expected number of successful returns: ${not ? "0" : ">= 1"}\nReceived number of successful returns: ${n}\n` };
});
defineMatcher("toHaveReturnedTimes", "expected", (r, e) => {
  const n = ensureMock(r).results.filter((x) => x.type === "return").length;
  return { pass: n === e, message: (not) => `Expected number of successful returns: ${not ? "not " : ""}${e}\nReceived number of successful returns: ${n}\n` };
});
defineMatcher("toHaveReturnedWith", "expected", (r, e) => {
  const values = ensureMock(r).results.filter((x) => x.type === "return").map((x) => x.value);
  return {
    pass: values.some((v) => equals(v, e)),
    message: (not) => `Expected return value: ${not ? "not " : ""}${printValue(e)}\nReceived return values: ${printValue(values)}\n`,
  };
});
defineMatcher("toHaveLastReturnedWith", "expected", (r, e) => {
  const results = ensureMock(r).results;
  const last = results[results.length - 1];
  return {
    pass: !!last && last.type === "return" && equals(last.value, e),
    message: (not) => `Expected last return value: ${not ? "not " : ""}${printValue(e)}\nReceived: ${last ? printValue(last.value) : "no calls"}\n`,
  };
});
// Jest's older aliases
for (const [alias, name] of [["toBeCalled", "toHaveBeenCalled"], ["toBeCalledTimes", "toHaveBeenCalledTimes"],
  ["toBeCalledWith", "toHaveBeenCalledWith"], ["lastCalledWith", "toHaveBeenLastCalledWith"],
  ["nthCalledWith", "toHaveBeenNthCalledWith"], ["toReturn", "toHaveReturned"], ["toReturnWith", "toHaveReturnedWith"]]) {
  matchers[alias] = matchers[name];
}

// The object returned by expect(). Matchers live on the prototype and are
// wrapped so .not/.resolves/.rejects and error creation are handled once.
class Expectation {
  constructor(received, loc, isNot = false, promise = "") {
    this.received = received;
    this.loc = loc;
    this.isNot = isNot;
    this.promise = promise;
  }
  get not() { return new Expectation(this.received, this.loc, !this.isNot, this.promise); }
  get resolves() { return new Expectation(this.received, this.loc, this.isNot, "resolves"); }
  get rejects() { return new Expectation(this.received, this.loc, this.isNot, "rejects"); }
}

function hintLine(name, hintArgs, isNot, promise) {
  return `expect(received)${promise ? "." + promise : ""}${isNot ? ".not" : ""}.${name}(${hintArgs})`;
}

function installMatcher(name, { hintArgs, fn }, custom = false) {
  Object.defineProperty(Expectation.prototype, name, {
    configurable: true,
    writable: true,
    value: function (...args) {
      const { isNot, promise } = this;
      // Bun points at the matcher call (`.toBe(`), not at `expect(`. The
      // stack is only walked when needed: lazily for synchronous matchers
      // (the user frame is still on the stack when they throw), eagerly for
      // .resolves/.rejects whose failure happens after the caller returned.
      let loc = promise ? userFrame(new Error().stack) || this.loc : null;
      const where = () => loc || userFrame(new Error().stack) || this.loc;
      const evaluate = (received) => {
        // Bun counts assertions when a matcher actually runs: a bare
        // expect(x), or a .resolves/.rejects that settled the wrong way,
        // does not count.
        expectCallsTotal++;
        assertionCount++;
        let result;
        if (custom) {
          result = fn.call(matcherContext(isNot, promise), received, ...args);
          if (result && typeof result.then === "function") {
            return result.then((res) => check(res, true));
          }
          return check(result, true);
        }
        result = fn.call({ fromPromise: promise === "rejects" }, received, ...args);
        return check(result, false);
      };
      const check = (result, isCustom) => {
        if (!result || typeof result.pass !== "boolean") throw new TypeError(`Matcher "${name}" must return { pass: boolean, message }`);
        if (result.pass !== isNot) return undefined;
        let body;
        if (isCustom) {
          body = typeof result.message === "function" ? result.message() : result.message || "";
          const hint = hintLine(name, args.length ? "expected" : "", isNot, promise);
          throw new ExpectError(`${hint}\n\n${body}`, where());
        }
        body = result.message(isNot);
        // Hints follow the arguments actually passed, like Bun:
        // toThrow() / toHaveProperty(path) / toHaveProperty(path, value).
        let hint = hintArgs === "expected" && args.length === 0 ? "" : hintArgs;
        if (name === "toHaveProperty" && args.length < 2) hint = "path";
        throw new ExpectError(`${hintLine(name, hint, isNot, promise)}\n\n${body}`, where());
      };
      if (!promise) return evaluate(this.received);
      // .resolves / .rejects: await the value, then match on the outcome.
      const received = this.received;
      const p = typeof received === "function" ? received() : received;
      if (!p || typeof p.then !== "function") {
        return Promise.reject(new ExpectError(`${hintLine(name, hintArgs, isNot, promise)}\n\nReceived value must be a promise\nReceived: ${printValue(p)}\n`, loc));
      }
      return Promise.resolve(p).then(
        (value) => {
          if (promise === "rejects") {
            throw new ExpectError(`${hintLine(name, hintArgs, isNot, promise)}\n\nExpected promise that rejects\nReceived promise that resolved: Promise { <resolved> }\n`, loc);
          }
          return evaluate(value);
        },
        (reason) => {
          if (promise === "resolves") {
            throw new ExpectError(`${hintLine(name, hintArgs, isNot, promise)}\n\nExpected promise that resolves\nReceived promise that rejected: Promise { <rejected> }\n`, loc);
          }
          return evaluate(reason);
        },
      );
    },
  });
}
for (const name of Object.keys(matchers)) installMatcher(name, matchers[name]);

function expect(received, customMessage) {
  const frame = userFrame(new Error().stack);
  const e = new Expectation(received, frame);
  if (customMessage !== undefined) e.customMessage = customMessage;
  return e;
}

expect.assertions = (n) => { expectedAssertions = n; };
expect.hasAssertions = () => { expectHasAssertions = true; };
expect.unreachable = (msg) => {
  throw new UnreachableError(msg === undefined ? "reached unreachable code" : String(msg), userFrame(new Error().stack));
};
expect.any = (c) => {
  if (typeof c !== "function") throw new TypeError("expect.any() expects a constructor");
  return new AnyMatcher(c);
};
expect.anything = () => new AnythingMatcher(undefined);
expect.stringContaining = (s) => new StringContainingMatcher(s);
expect.stringMatching = (s) => new StringMatchingMatcher(s);
expect.objectContaining = (o) => new ObjectContainingMatcher(o);
expect.arrayContaining = (a) => new ArrayContainingMatcher(a);
expect.closeTo = (n, p) => new CloseToMatcher(n, p);
expect.not = {
  stringContaining: (s) => new StringContainingMatcher(s, true),
  stringMatching: (s) => new StringMatchingMatcher(s, true),
  objectContaining: (o) => new ObjectContainingMatcher(o, true),
  arrayContaining: (a) => new ArrayContainingMatcher(a, true),
  closeTo: (n, p) => new CloseToMatcher(n, p, true),
};
expect.extend = (defs) => {
  for (const [name, fn] of Object.entries(defs)) {
    if (typeof fn !== "function") continue;
    installMatcher(name, { hintArgs: "expected", fn }, true);
    expect[name] = (...args) => new CustomAsymmetricMatcher(name, fn, args);
    expect.not[name] = (...args) => new CustomAsymmetricMatcher(name, fn, args, true);
  }
};

// ---------------------------------------------------------------------------
// 7. Registry
// ---------------------------------------------------------------------------

// A scope is a describe block (the root scope is the file). Children keep
// registration order, tests and scopes interleaved, because that is the
// execution order.
function makeScope(name, parent, mods) {
  return {
    kind: "scope",
    name,
    parent,
    mode: mods.mode || "run", // "run" | "skip" | "todo"
    only: !!mods.only,
    children: [],
    hooks: { beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] },
  };
}

const rootScope = makeScope("", null, {});
let currentScope = rootScope;
let defaultTimeout = null; // set by setDefaultTimeout()
let running = false;

function scopePath(scope) {
  const names = [];
  for (let s = scope; s && s.parent; s = s.parent) names.unshift(s.name);
  return names;
}

function registerTest(mods, name, fn, options) {
  if (running && currentTestState) throw new Error("Cannot call test() inside a test. Call it outside the test instead.");
  if (typeof name === "function") { options = fn; fn = name; name = fn.name || "(unnamed)"; }
  let timeout;
  if (typeof options === "number") timeout = options;
  else if (options && typeof options === "object") timeout = options.timeout;
  let mode = mods.mode || "run";
  if (typeof fn !== "function" && mode === "run") mode = "todo"; // test("name") without body
  currentScope.children.push({
    kind: "test",
    name: String(name),
    fn,
    parent: currentScope,
    mode,
    only: !!mods.only,
    failing: !!mods.failing,
    timeout,
  });
}

function registerDescribe(mods, name, fn) {
  if (typeof name === "function") { fn = name; name = fn.name || "(unnamed)"; }
  const scope = makeScope(String(name), currentScope, mods);
  currentScope.children.push(scope);
  if (typeof fn !== "function") return;
  const prev = currentScope;
  currentScope = scope;
  try {
    const r = fn();
    if (r && typeof r.then === "function") {
      // Registration is synchronous; tests registered after an await inside
      // describe() would land in the wrong scope, so report it.
      r.then(undefined, () => {});
      scope.registrationError = new Error("describe() callback must not be async (returned a Promise)");
    }
  } catch (err) {
    // Bun drops everything the throwing describe() registered and reports
    // the error as an "Unhandled error between tests".
    scope.registrationError = err;
    scope.children = [];
    scope.hooks = { beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] };
  } finally {
    currentScope = prev;
  }
}

function registerHook(kind, fn, options) {
  if (typeof fn !== "function") throw new TypeError(`${kind}() expects a function`);
  const timeout = typeof options === "number" ? options : options && options.timeout;
  currentScope.hooks[kind].push({ fn, timeout });
}

// Placeholders of each() titles.
function formatEachTitle(template, args, index) {
  let title = String(template);
  let argi = 0;
  title = title.replace(/%([sidfpjo#%])/g, (m, c) => {
    if (c === "%") return "%";
    if (c === "#") return String(index);
    if (argi >= args.length) return m;
    const v = args[argi++];
    switch (c) {
      case "s": return typeof v === "string" ? v : printValue(v);
      case "i": return typeof v === "bigint" ? `${v}` : String(Math.trunc(Number(v)));
      case "d": return typeof v === "bigint" ? `${v}` : String(Number(v));
      case "f": return String(parseFloat(v));
      case "p": return printValue(v);
      case "j": case "o": {
        try { return JSON.stringify(v) ?? String(v); } catch { return printValue(v); }
      }
    }
    return m;
  });
  // $key / $key.path interpolation for object rows, `$#` for the index
  if (args.length === 1 && isObjectLike(args[0])) {
    const obj = args[0];
    title = title.replace(/\$(#|[A-Za-z_]\w*(?:\.\w+)*)/g, (m, path) => {
      if (path === "#") return String(index);
      let cur = obj;
      for (const k of path.split(".")) {
        if (cur === null || cur === undefined || !(k in Object(cur))) return m;
        cur = cur[k];
      }
      return typeof cur === "string" ? cur : printValue(cur);
    });
  }
  return title;
}

function eachRows(table) {
  if (!Array.isArray(table)) throw new TypeError(".each() expects an array table");
  return table.map((row) => (Array.isArray(row) ? row : [row]));
}

// Builds test/it/describe with all modifiers. Modifiers are getters so chains
// like `test.skip.each(...)` or `describe.only.if(x)` work.
function makeApi(kind, mods = {}) {
  const api = kind === "describe"
    ? (name, fn) => registerDescribe(mods, name, fn)
    : (name, fn, options) => registerTest(mods, name, fn, options);
  const derive = (extra) => makeApi(kind, { ...mods, ...extra });
  const modeIf = (cond, whenTrue) => (cond ? whenTrue : (mods.mode || "run"));
  Object.defineProperties(api, {
    skip: { get: () => derive({ mode: "skip" }) },
    todo: { get: () => derive({ mode: "todo" }) },
    only: { get: () => derive({ only: true }) },
    failing: { get: () => derive({ failing: true }) },
    concurrent: { get: () => derive({}) }, // run serially; same semantics otherwise
    serial: { get: () => derive({}) },
    if: { value: (cond) => derive({ mode: modeIf(!cond, "skip") }) },
    skipIf: { value: (cond) => derive({ mode: modeIf(cond, "skip") }) },
    todoIf: { value: (cond) => derive({ mode: modeIf(cond, "todo") }) },
    each: {
      value: (table) => (title, fn, options) => {
        eachRows(table).forEach((args, i) => {
          const name = formatEachTitle(title, args, i);
          if (kind === "describe") {
            registerDescribe(mods, name, typeof fn === "function" ? () => fn(...args) : fn);
            return;
          }
          let body = fn;
          if (typeof fn === "function") {
            // Keep done-callback detection working: the wrapper takes `done`
            // exactly when the user callback wants one more arg than the row.
            body = fn.length > args.length
              ? function (done) { return fn.call(this, ...args, done); }
              : function () { return fn.call(this, ...args); };
          }
          registerTest(mods, name, body, options);
        });
      },
    },
  });
  return api;
}

const test = makeApi("test");
const it = test;
const describe = makeApi("describe");
const beforeAll = (fn, o) => registerHook("beforeAll", fn, o);
const afterAll = (fn, o) => registerHook("afterAll", fn, o);
const beforeEach = (fn, o) => registerHook("beforeEach", fn, o);
const afterEach = (fn, o) => registerHook("afterEach", fn, o);

function setDefaultTimeout(ms) {
  defaultTimeout = ms;
}

// ---------------------------------------------------------------------------
// 8. Runner
// ---------------------------------------------------------------------------

// The phase that an uncaught error should be routed to (set while a test's
// beforeEach / body / afterEach runs).
let currentTestState = null;
let out = { write: () => {} };
let readSource = null;
const unhandledErrors = [];

class TimeoutError extends Error {
  constructor(ms, what) { super(`${what} timed out after ${ms}ms`); this.name = "TimeoutError"; this.timeoutMs = ms; }
}

const now = () => (typeof performance !== "undefined" && performance.now ? performance.now() : Date.now());

// Runs a test body or hook. Settles when the function (and its done callback,
// if it declares one) completes, when it times out, or when reportUncaught()
// routes an error into it.
function runFn(fn, timeoutMs, what, thisArg) {
  return new Promise((resolve, reject) => {
    let settled = false;
    let timer = null;
    const finish = (err) => {
      if (settled) return;
      settled = true;
      if (timer !== null) clearTimeout(timer);
      if (currentTestState && currentTestState.abort === finish) currentTestState.abort = null;
      if (err === undefined) resolve(); else reject(err);
    };
    if (currentTestState) currentTestState.abort = (err) => finish(err === undefined ? new Error("undefined") : err);
    if (timeoutMs > 0 && Number.isFinite(timeoutMs)) {
      timer = setTimeout(() => {
        const err = new TimeoutError(timeoutMs, what);
        if (fn.length >= 1) {
          err.message += ", before its done callback was called. If a done callback was not intended, remove the last parameter from the test callback function";
        }
        finish(err);
      }, timeoutMs);
    }
    try {
      if (fn.length >= 1) {
        // done-callback style: done() passes, done(err) fails.
        let doneCalled = false;
        const done = (err) => {
          if (doneCalled) return;
          doneCalled = true;
          if (err === undefined || err === null || err === false) finish();
          else finish(err);
        };
        const r = fn.call(thisArg, done);
        if (r && typeof r.then === "function") r.then(undefined, (e) => finish(e === undefined ? new Error("Promise rejected with undefined") : e));
      } else {
        const r = fn.call(thisArg);
        if (r && typeof r.then === "function") {
          r.then(() => finish(), (e) => finish(e === undefined ? new Error("Promise rejected with undefined") : e));
        } else finish();
      }
    } catch (e) {
      finish(e === undefined ? new Error("undefined") : e);
    }
  });
}

// Text block printed before "(fail) ..." lines (Bun's shape):
//   <source excerpt, when the runtime gave us a reader>
//   error: message
//         at <anonymous> (/abs/file.ts:3:36)
function formatError(err) {
  let head, loc = null;
  if (err instanceof Error || (isObjectLike(err) && "message" in err)) {
    const name = err.name && err.name !== "Error" ? err.name : "error";
    head = `${name}: ${err.message}`;
    if (!err.noLocation) loc = err.loc || userFrame(err.stack);
  } else {
    head = `error: ${typeof err === "string" ? err : printValue(err)}`;
  }
  let text = "";
  if (loc && readSource) text += sourceExcerpt(loc);
  text += head + "\n";
  if (loc) text += `      at ${loc.fn && !/^(Object\.)?<anonymous>$/.test(loc.fn) ? loc.fn : "<anonymous>"} (${loc.file}:${loc.line}${loc.col ? ":" + loc.col : ""})\n`;
  return text;
}

const sourceCache = new Map();
function sourceExcerpt(loc) {
  let src = sourceCache.get(loc.file);
  if (src === undefined) {
    try { src = readSource(loc.file); } catch { src = null; }
    sourceCache.set(loc.file, src);
  }
  if (typeof src !== "string") return "";
  const lines = src.split("\n");
  if (loc.line < 1 || loc.line > lines.length) return "";
  const first = Math.max(1, loc.line - 5);
  const width = String(loc.line).length;
  let text = "";
  for (let n = first; n <= loc.line; n++) text += `${String(n).padStart(width)} | ${lines[n - 1]}\n`;
  if (loc.col) text += " ".repeat(width + 3 + loc.col - 1) + "^\n";
  return text;
}

function fmtDuration(ms) {
  // Bun omits the duration for very fast tests.
  return ms >= 0.01 ? ` [${ms.toFixed(2)}ms]` : "";
}

// Collects which tests are part of this run (.only and -t filtering), and
// which are excluded entirely (Bun does not count them at all).
function planTests(namePattern) {
  const all = [];
  const walk = (scope, names) => {
    for (const c of scope.children) {
      if (c.kind === "scope") walk(c, names.concat([c.name]));
      else all.push({ test: c, names: names.concat([c.name]) });
    }
  };
  walk(rootScope, []);
  const hasOnly = (node) => node.only || (node.kind === "scope" && node.children.some(hasOnly));
  const anyOnly = hasOnly(rootScope);
  const underOnly = (t) => {
    for (let n = t; n; n = n.parent) if (n.only) return true;
    return false;
  };
  const re = namePattern ? new RegExp(namePattern) : null;
  const included = new Set();
  let filtered = 0;
  for (const { test: t, names } of all) {
    if (anyOnly && !underOnly(t)) continue;
    if (re && !re.test(names.join(" "))) { filtered++; continue; }
    included.add(t);
  }
  return { included, filtered };
}

// Effective mode of a test: an enclosing describe.skip wins over todo.
function effectiveMode(t) {
  let mode = t.mode;
  for (let s = t.parent; s; s = s.parent) {
    if (s.mode === "skip") return "skip";
    if (s.mode === "todo" && mode === "run") mode = "todo";
  }
  return mode;
}

async function run(options = {}) {
  if (running) throw new Error("__ruskTest.run() called twice");
  running = true;
  out = { write: typeof options.write === "function" ? options.write : () => {} };
  readSource = typeof options.readFile === "function" ? options.readFile : null;
  const baseTimeout = () => defaultTimeout ?? options.timeout ?? 5000;
  const results = [];
  const counts = { pass: 0, fail: 0, skip: 0, todo: 0 };
  const write = (s) => out.write(s);

  write(`\n${options.displayName || options.file || "test"}:\n`);
  const { included, filtered } = planTests(options.namePattern || null);

  const report = (names, status, durationMs, errorText, note) => {
    counts[status]++;
    const name = names.join(" > ");
    const entry = { name, status, durationMs: status === "pass" || status === "fail" ? durationMs : 0 };
    if (errorText !== undefined) entry.error = errorText;
    results.push(entry);
    if (errorText) write(errorText);
    write(`(${status}) ${name}${status === "pass" || status === "fail" ? fmtDuration(durationMs) : ""}\n`);
    if (note) write(`  ^ ${note}\n`);
  };

  const countRunnable = (scope) => {
    let n = 0;
    for (const c of scope.children) {
      if (c.kind === "scope") n += countRunnable(c);
      else if (included.has(c) && effectiveMode(c) === "run") n++;
    }
    return n;
  };
  const countIncluded = (scope) => {
    let n = 0;
    for (const c of scope.children) n += c.kind === "scope" ? countIncluded(c) : included.has(c) ? 1 : 0;
    return n;
  };

  // Runs hooks of one kind; returns the first error (or undefined).
  const runHooks = async (hooks, names, label) => {
    for (const h of hooks) {
      try {
        await runFn(h.fn, h.timeout ?? baseTimeout(), `${label} hook`);
      } catch (e) {
        return e;
      }
    }
    return undefined;
  };

  // The chain of scopes from the root to `scope`.
  const chain = (scope) => {
    const list = [];
    for (let s = scope; s; s = s.parent) list.unshift(s);
    return list;
  };

  const runTest = async (t, names) => {
    const mode = effectiveMode(t);
    if (mode === "skip" || mode === "todo") return report(names, mode, 0);

    assertionCount = 0;
    expectedAssertions = null;
    expectHasAssertions = false;
    const state = { abort: null, test: t };
    currentTestState = state;
    const start = now();
    let error;
    let note;
    const scopes = chain(t.parent);

    // beforeEach outer -> inner; on failure the body is not run, but the
    // afterEach hooks still are (Bun does the same).
    for (const s of scopes) {
      error = await runHooks(s.hooks.beforeEach, names, "beforeEach");
      if (error !== undefined) break;
    }
    if (error === undefined) {
      try {
        await runFn(t.fn, t.timeout ?? baseTimeout(), "this test");
      } catch (e) {
        error = e;
      }
      if (error === undefined) {
        if (expectedAssertions !== null && assertionCount !== expectedAssertions) {
          error = new AssertionError(`expected ${plural(expectedAssertions, "assertion")}, but test ended with ${plural(assertionCount, "assertion")}`);
        } else if (expectHasAssertions && assertionCount === 0) {
          error = new AssertionError("received 0 assertions, but expected at least one assertion to be called");
        }
      }
    }
    for (const s of [...scopes].reverse()) {
      const e = await runHooks(s.hooks.afterEach, names, "afterEach");
      if (e !== undefined && error === undefined) error = e;
    }
    currentTestState = null;
    const duration = now() - start;

    if (t.failing) {
      // .failing inverts the outcome (a timeout still counts as a failure).
      if (error === undefined) {
        return report(names, "fail", duration, undefined, "this test is marked as failing but it passed. Remove `.failing` if tested behavior now works");
      }
      if (!(error instanceof TimeoutError)) return report(names, "pass", duration);
    }
    if (error === undefined) return report(names, "pass", duration);
    if (error instanceof TimeoutError && error.message.startsWith("this test")) {
      note = error.message.endsWith("function") ? error.message : `${error.message}.`;
      return report(names, "fail", duration, "", note);
    }
    return report(names, "fail", duration, formatError(error));
  };

  const runScope = async (scope, names) => {
    if (countIncluded(scope) === 0) return;
    const runnable = countRunnable(scope) > 0;
    if (runnable) {
      const start = now();
      const err = await runHooks(scope.hooks.beforeAll, names, "beforeAll");
      if (err !== undefined) {
        // Bun reports a single "(unnamed)" failure for the scope and does not
        // run or count its tests; afterAll hooks still run.
        report(names.concat(["(unnamed)"]), "fail", now() - start, formatError(err));
        await runHooks(scope.hooks.afterAll, names, "afterAll");
        return;
      }
    }
    for (const c of scope.children) {
      if (c.kind === "scope") await runScope(c, names.concat([c.name]));
      else if (included.has(c)) await runTest(c, names.concat([c.name]));
    }
    if (runnable) {
      const err = await runHooks(scope.hooks.afterAll, names, "afterAll");
      if (err !== undefined) report(names.concat(["(unnamed)"]), "fail", 0, formatError(err));
    }
  };

  // A describe() body that threw: Bun reports it as an error between tests
  // (before any test runs) and still runs what was registered.
  const reportRegistrationErrors = (scope) => {
    if (scope.registrationError) reportUncaught(scope.registrationError);
    for (const c of scope.children) if (c.kind === "scope") reportRegistrationErrors(c);
  };
  reportRegistrationErrors(rootScope);

  try {
    await runScope(rootScope, []);
  } finally {
    currentTestState = null;
  }

  return {
    pass: counts.pass,
    fail: counts.fail,
    skip: counts.skip,
    todo: counts.todo,
    filtered, // tests excluded by namePattern (Bun prints " N filtered out")
    errors: unhandledErrors.length, // "N error" line: uncaught errors between tests
    expectCalls: expectCallsTotal,
    tests: results,
    unhandledErrors: unhandledErrors.slice(),
  };
}

// Called by the runtime for uncaught exceptions / unhandled rejections while
// the file runs. Inside a test (its hooks included) the test fails right away;
// otherwise it is reported as an error between tests, like Bun.
function reportUncaught(error) {
  if (currentTestState && currentTestState.abort) {
    currentTestState.abort(error);
    return;
  }
  const text = formatError(error);
  unhandledErrors.push(text);
  const bar = "-------------------------------";
  out.write(`\n# Unhandled error between tests\n${bar}\n${text}${bar}\n\n`);
}

globalThis.__ruskTest = { run, reportUncaught };

// ---------------------------------------------------------------------------
// Exports
// ---------------------------------------------------------------------------

const jest = {
  fn: mock,
  spyOn,
  clearAllMocks,
  resetAllMocks,
  restoreAllMocks,
  isMockFunction: isMock,
  setTimeout: setDefaultTimeout,
};

export {
  describe, test, it, expect, beforeAll, afterAll, beforeEach, afterEach,
  mock, spyOn, jest, setDefaultTimeout,
};

export default {
  describe, test, it, expect, beforeAll, afterAll, beforeEach, afterEach,
  mock, spyOn, jest, setDefaultTimeout,
};
