import { printValue } from "rusk:test/format";
import { isObjectLike } from "rusk:test/util";

// ---------------------------------------------------------------------------
// 5. Mocks
// ---------------------------------------------------------------------------

export const MOCK = Symbol.for("rusk.test.mock");
export const allMocks = new Set();
export const isMock = (f) => typeof f === "function" && f[MOCK] === true;

export function createMock(impl, restore) {
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
export let callOrder = 0;

export function mock(impl) {
  return createMock(impl);
}

export function spyOn(obj, key) {
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

export function clearAllMocks() { for (const m of allMocks) m.mockClear(); }
export function resetAllMocks() { for (const m of allMocks) m.mockReset(); }
export function restoreAllMocks() { for (const m of [...allMocks]) m.mockRestore(); }

mock.restore = restoreAllMocks;
mock.clearAllMocks = clearAllMocks;
mock.module = () => { throw new Error("mock.module() is not supported by rusk"); };

