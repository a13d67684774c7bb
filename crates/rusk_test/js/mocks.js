import { shared } from "rusk:test/shared";
import { isObjectLike, userFrame } from "rusk:test/util";

// ---------------------------------------------------------------------------
// Mocks: mock() / jest.fn(), spyOn(), mock.module(), the *AllMocks functions
// ---------------------------------------------------------------------------

// Each mock's mutable state (implementations, recorded calls), keyed by the mock function.
const states = new WeakMap();
// Every mock of the file (clearAllMocks/resetAllMocks) and the spies not yet restored
// (restoreAllMocks). Each test file runs in a fresh runtime, so these die with the file.
const allMocks = new Set();
const activeSpies = new Set();
// Implementations the library made (mockReturnValue, ...): getMockImplementation hides them.
const generated = new WeakSet();
// Shared by all mocks: the order of calls across mocks (mock.invocationCallOrder).
let callOrder = 0;

export const isMock = (f) => typeof f === "function" && states.has(f);
shared.isMock = isMock;

const notCallable = () => new TypeError("Expected mock implementation to be callable");

function made(fn) {
  generated.add(fn);
  return fn;
}
const returning = (value) => made(() => value);

// What a mock records; replaced as a whole by mockClear (Bun: `fn.mock` is then a new
// object). The arrays are read-only properties, `lastCall` a getter, as in Bun.
const mockDataPrototype = {
  get lastCall() {
    const calls = this.calls;
    return calls.length === 0 ? undefined : calls[calls.length - 1];
  },
};
const readOnly = (value) => ({ value, enumerable: true });
function newMockData() {
  return Object.create(mockDataPrototype, {
    calls: readOnly([]),
    contexts: readOnly([]),
    instances: readOnly([]),
    results: readOnly([]),
    invocationCallOrder: readOnly([]),
  });
}

// `new` on a mock: classes and built-in constructors are constructed (calling them would
// throw or return something else); other implementations run with the mock's new `this`.
const constructs = (fn) => /^class\b|\[native code\]\s*\}$/.test(Function.prototype.toString.call(fn));

// Implementations are checked when used (Bun): a non-callable one throws after the call is
// recorded, before it has a result; undefined and null mean none.
function invoke(state, thisArg, args, newTarget) {
  const data = state.data;
  data.calls.push(args);
  data.contexts.push(thisArg);
  data.invocationCallOrder.push(++callOrder);
  let impl = state.temporary !== undefined ? state.temporary
    : state.once.length !== 0 ? state.once.shift() : state.impl;
  if (impl === null) impl = undefined;
  else if (impl !== undefined && typeof impl !== "function") throw notCallable();
  const result = { type: "incomplete", value: undefined };
  data.results.push(result);
  try {
    let value;
    if (newTarget === undefined) {
      value = impl === undefined ? undefined : impl.apply(thisArg, args);
    } else {
      let instance = thisArg;
      if (impl !== undefined && constructs(impl)) {
        value = instance = Reflect.construct(impl, args, newTarget === state.fn ? impl : newTarget);
      } else if (impl !== undefined) {
        value = impl.apply(thisArg, args);
        if (isObjectLike(value)) instance = value;
      }
      data.contexts[data.contexts.length - 1] = instance;
      data.instances.push(instance);
    }
    result.type = "return";
    result.value = value;
    return value;
  } catch (error) {
    result.type = "throw";
    result.value = error;
    throw error;
  }
}

// The methods every mock has, on their shared prototype (Bun: `Object.keys(fn)` is []).
const mockPrototype = Object.create(Function.prototype);
const stateOf = (fn) => {
  const state = states.get(fn);
  if (state === undefined) throw new TypeError("Expected a mock function");
  return state;
};
const currentImplementation = (state) =>
  state.temporary !== undefined ? state.temporary : state.once.length !== 0 ? state.once[0] : state.impl;

Object.defineProperties(mockPrototype, Object.getOwnPropertyDescriptors({
  get mock() { return stateOf(this).data; },
  getMockImplementation() {
    const impl = currentImplementation(stateOf(this));
    return impl === null || generated.has(impl) ? undefined : impl;
  },
  getMockName() { return stateOf(this).name; },
  mockName(name) {
    const state = stateOf(this);
    state.name = String(name);
    Object.defineProperty(this, "name", { value: state.name, configurable: true });
    return this;
  },
  mockClear() {
    stateOf(this).data = newMockData();
    return this;
  },
  // Bun: forgets implementations and calls, keeps the name; a spy then returns undefined.
  mockReset() {
    const state = stateOf(this);
    state.data = newMockData();
    state.impl = undefined;
    state.once = [];
    return this;
  },
  // A spy also puts the original property back; a plain mock is only reset.
  mockRestore() {
    const state = stateOf(this);
    this.mockReset();
    if (state.restore !== null) {
      state.restore();
      state.restore = null;
      activeSpies.delete(this);
    }
  },
  mockImplementation(f) { stateOf(this).impl = f; return this; },
  mockImplementationOnce(f) { stateOf(this).once.push(f); return this; },
  mockReturnValue(v) { stateOf(this).impl = returning(v); return this; },
  mockReturnValueOnce(v) { stateOf(this).once.push(returning(v)); return this; },
  mockResolvedValue(v) { stateOf(this).impl = made(() => Promise.resolve(v)); return this; },
  mockResolvedValueOnce(v) { stateOf(this).once.push(made(() => Promise.resolve(v))); return this; },
  mockRejectedValue(v) { stateOf(this).impl = made(() => Promise.reject(v)); return this; },
  mockRejectedValueOnce(v) { stateOf(this).once.push(made(() => Promise.reject(v))); return this; },
  mockReturnThis() { stateOf(this).impl = made(function () { return this; }); return this; },
  // Runs `callback` with `f` as the implementation (before any queued *Once ones). Like Bun
  // and Jest: undefined for a synchronous callback, whose throwing leaves `f` in place; for
  // a promise, a promise of its value, the implementation restored once it settles.
  withImplementation(f, callback) {
    const state = stateOf(this);
    if (typeof callback !== "function") throw notCallable();
    const previous = state.temporary;
    state.temporary = f === undefined ? null : f; // null: no implementation
    const restore = () => { state.temporary = previous; };
    const r = callback();
    if (r instanceof Promise) return r.finally(restore);
    restore();
    return undefined;
  },
  _isMockFunction: true,
}));

// fnName is the function's `name`, mockName what getMockName() says (they differ only for
// spies on non-function properties).
function createMock(impl, fnName, mockName = fnName) {
  const state = {
    fn: null,
    name: mockName,
    impl: typeof impl === "function" || impl === undefined ? impl : returning(impl),
    once: [],
    temporary: undefined,
    data: newMockData(),
    restore: null,
  };
  const fn = function (...args) {
    return invoke(state, this, args, new.target);
  };
  state.fn = fn;
  Object.setPrototypeOf(fn, mockPrototype);
  Object.defineProperty(fn, "name", { value: fnName, configurable: true });
  Object.defineProperty(fn, "length", { value: typeof impl === "function" ? impl.length : 0, configurable: true });
  states.set(fn, state);
  allMocks.add(fn);
  return fn;
}

export function mock(impl) {
  const name = typeof impl === "function" ? impl.name : "mockConstructor";
  return createMock(impl, typeof name === "string" ? name : "mockConstructor");
}
Object.defineProperty(mock, "name", { value: "fn" });

// The property `key` of `target` or of its prototypes: [descriptor, owner].
function findProperty(target, key) {
  for (let o = target; o !== null; o = Object.getPrototypeOf(o)) {
    const desc = Object.getOwnPropertyDescriptor(o, key);
    if (desc !== undefined) return [desc, o];
  }
  return [undefined, null];
}

function installSpy(spy, restore) {
  states.get(spy).restore = restore;
  activeSpies.add(spy);
  return spy;
}

export function spyOn(target, key) {
  if (!isObjectLike(target) || key === undefined || key === null) {
    throw new Error("spyOn(target, prop) expects a target object and a property key");
  }
  const [desc, owner] = findProperty(target, key);
  if (desc !== undefined && (desc.get !== undefined || desc.set !== undefined)) {
    throw new Error("spyOn(target, prop) does not support accessor properties yet");
  }
  const original = desc === undefined ? undefined : desc.value;
  if (isMock(original)) return original;
  const ownDesc = owner === target ? desc : undefined;
  return typeof original === "function"
    ? spyOnMethod(target, key, original, ownDesc)
    : spyOnValue(target, key, original, ownDesc);
}

// A method: replaced by a mock that calls it, until restored. Bun restores an inherited
// method as an own property holding it (it does not delete the property).
function spyOnMethod(target, key, original, ownDesc) {
  const spy = createMock(original, typeof original.name === "string" ? original.name : "");
  const enumerable = ownDesc !== undefined && ownDesc.enumerable;
  Object.defineProperty(target, key, { value: spy, writable: true, enumerable, configurable: true });
  return installSpy(spy, () => {
    Object.defineProperty(target, key, ownDesc ?? { value: original, writable: true, enumerable: false, configurable: true });
  });
}

// Any other value (Bun): the property becomes an accessor whose getter and setter are the
// spy; by default it returns the original value (writes are recorded, not stored).
function spyOnValue(target, key, original, ownDesc) {
  const spy = createMock(returning(original), "", "mockedFunction");
  const enumerable = ownDesc === undefined || ownDesc.enumerable;
  Object.defineProperty(target, key, { get: spy, set: spy, enumerable, configurable: true });
  return installSpy(spy, () => {
    Object.defineProperty(target, key, ownDesc ?? { value: original, writable: true, enumerable: true, configurable: true });
  });
}

export function clearAllMocks() { for (const m of allMocks) m.mockClear(); }
export function resetAllMocks() { for (const m of allMocks) m.mockReset(); }
// Bun: only spies are affected; plain mocks keep their implementations and calls.
export function restoreAllMocks() { for (const s of [...activeSpies]) s.mockRestore(); }

// --- mock.module ------------------------------------------------------------
//
// The loader replaces a module whose resolved name is a key of internals.moduleMocks (a Map:
// name -> exports object) on later import() and require(). Modules imported already keep
// their bindings: Bun rewrites those in place, rusk cannot.
//
// Bun calls a factory when its module is first loaded, once, so a factory may use variables
// declared after the mock.module() call; the last mock.module() before the load wins. rusk
// stores a PendingModuleMock, a lazy entry the loader makes the exports from when it first
// needs them (the runtime's `Symbol.for("rusk.lazyModuleMock")` method). The loader cannot
// wait for an async factory: that one runs at once, and mock.module() returns a promise to
// await before importing.

const internals = () => globalThis[Symbol.for("rusk.internals")];
const AsyncFunction = (async () => {}).constructor;
const LAZY = Symbol.for("rusk.lazyModuleMock");

const notAnObject = () => new TypeError("mock(module, fn) requires a function that returns an object");

function checkedExports(exports) {
  if (!isObjectLike(exports)) throw notAnObject();
  return exports;
}

class PendingModuleMock {
  constructor(specifier, factory) {
    this.specifier = specifier;
    this.factory = factory;
    this.promise = null; // an async factory's, started by mock.module()
  }

  [LAZY]() {
    const made = this.promise ?? this.factory();
    if (!(made instanceof Promise)) return checkedExports(made);
    const [state, value] = internals().promiseState(made);
    if (state === "rejected") throw value;
    if (state === "pending") {
      throw new Error(`mock.module("${this.specifier}"): the factory's promise is still pending; await mock.module() before importing the module`);
    }
    return checkedExports(value);
  }
}

export function mockModule(specifier, factory) {
  if (typeof specifier !== "string") throw new TypeError("mock(module, fn) requires a module name string");
  if (typeof factory !== "function") throw new TypeError("mock(module, fn) requires a function");
  const frame = userFrame(new Error().stack);
  const key = internals().resolveFrom(specifier, frame ? frame.file : undefined);
  const map = internals().moduleMocks;
  const pending = new PendingModuleMock(specifier, factory);
  map.set(key, pending);
  if (!(factory instanceof AsyncFunction)) return undefined;
  pending.promise = factory();
  return pending.promise.then((exports) => {
    checkedExports(exports);
    if (map.get(key) === pending) map.set(key, exports);
  });
}

Object.defineProperty(mockModule, "name", { value: "module" });
mock.module = mockModule;
mock.restore = restoreAllMocks;
mock.clearAllMocks = clearAllMocks;
