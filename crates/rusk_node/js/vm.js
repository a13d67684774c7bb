// node:vm on rusk:native/vm. A context is a Realm (a QuickJS context of its own: fresh built-ins,
// the same heap) paired with the object the user contextified. QuickJS cannot make an arbitrary
// object the global of a context, so each run copies the object's properties onto the realm's
// global, runs the code as that realm's global code (var, function declarations, typeof and
// ReferenceError behave as in Node), and copies the global's changes back. Objects are shared,
// not copied; what differs from Node is that a global assignment made later, by a callback
// running outside vm.run*, reaches the object only at the next run.
import * as N from "rusk:native/vm";
import { ERR_INVALID_ARG_TYPE, validateObject, validateString } from "rusk:internal/errors";

const contexts = new WeakMap(); // contextified object → Context

function notImplemented(name) {
  const err = new Error(`The ${name} is not implemented in rusk yet`);
  err.code = "ERR_METHOD_NOT_IMPLEMENTED";
  return err;
}

function filenameOf(options, fallback) {
  if (typeof options === "string") return options;
  if (options === undefined || options === null) return fallback;
  validateObject(options, "options");
  if (options.timeout !== undefined) throw notImplemented("vm `timeout` option");
  if (options.filename === undefined) return fallback;
  validateString(options.filename, "options.filename");
  return options.filename;
}

class Context {
  constructor(object) {
    this.object = object;
    this.realm = new N.Realm();
    this.global = this.realm.global;
    // The realm's own globals as created: what copying back leaves alone unless reassigned.
    this.pristine = new Map(Reflect.ownKeys(this.global).map((k) => [k, Object.getOwnPropertyDescriptor(this.global, k)]));
    this.copied = new Set();
  }

  run(code, filename) {
    this.copyIn();
    try {
      return this.realm.evaluate(code, filename);
    } finally {
      this.copyOut();
    }
  }

  copyIn() {
    const { object, global } = this;
    const keys = Reflect.ownKeys(object);
    for (const key of this.copied) {
      if (!Object.hasOwn(object, key)) {
        this.restore(key);
        this.copied.delete(key);
      }
    }
    for (const key of keys) {
      const d = Object.getOwnPropertyDescriptor(object, key);
      const existing = Object.getOwnPropertyDescriptor(global, key);
      // `var` and function declarations made non-configurable globals: those are assigned.
      if (existing && !existing.configurable) {
        if (existing.writable && "value" in d) global[key] = d.value;
      } else if ("value" in d) Object.defineProperty(global, key, { value: d.value, writable: true, enumerable: d.enumerable, configurable: true });
      else Object.defineProperty(global, key, { get: d.get, set: d.set, enumerable: d.enumerable, configurable: true });
      this.copied.add(key);
    }
  }

  copyOut() {
    const { object, global, pristine } = this;
    for (const key of Reflect.ownKeys(global)) {
      const d = Object.getOwnPropertyDescriptor(global, key);
      const before = pristine.get(key);
      if (before !== undefined && !this.copied.has(key) && "value" in d && d.value === before.value) continue;
      if (before !== undefined && !this.copied.has(key) && "get" in d && d.get === before.get) continue;
      if ("value" in d) {
        if (object[key] !== d.value || !Object.hasOwn(object, key)) object[key] = d.value;
      } else if (!Object.hasOwn(object, key)) {
        Object.defineProperty(object, key, { get: d.get, set: d.set, enumerable: d.enumerable, configurable: true });
      }
      this.copied.add(key);
    }
    for (const key of [...this.copied]) {
      if (!Object.hasOwn(global, key)) {
        delete object[key];
        this.copied.delete(key);
      }
    }
  }

  restore(key) {
    const before = this.pristine.get(key);
    if (before) Object.defineProperty(this.global, key, before);
    else delete this.global[key];
  }
}

function contextOf(object, argName) {
  const context = contexts.get(object);
  if (context === undefined) throw ERR_INVALID_ARG_TYPE(argName, "vm.Context", object);
  return context;
}

export function createContext(contextObject = {}, options) {
  if (options !== undefined) validateObject(options, "options");
  if (contextObject === null || (typeof contextObject !== "object" && typeof contextObject !== "function")) {
    throw ERR_INVALID_ARG_TYPE("contextObject", "Object", contextObject);
  }
  if (!contexts.has(contextObject)) contexts.set(contextObject, new Context(contextObject));
  return contextObject;
}

export function isContext(object) {
  validateObject(object, "object", { allowArray: true, allowFunction: true });
  return contexts.has(object);
}

export class Script {
  #code;
  #filename;
  constructor(code, options) {
    code = `${code}`;
    this.#filename = filenameOf(options, "evalmachine.<anonymous>");
    if (options?.cachedData !== undefined) this.cachedDataRejected = true;
    // Syntax errors surface here, as in Node.
    N.check(code, this.#filename);
    this.#code = code;
  }
  runInThisContext(options) {
    filenameOf(options, undefined);
    return N.evaluate(this.#code, this.#filename);
  }
  runInContext(contextifiedObject, options) {
    filenameOf(options, undefined);
    return contextOf(contextifiedObject, "contextifiedObject").run(this.#code, this.#filename);
  }
  runInNewContext(contextObject, options) {
    return this.runInContext(createContext(contextObject), options);
  }
  createCachedData() {
    // QuickJS bytecode is not V8's cache format; an empty cache is valid input to Node's API.
    return Buffer.alloc(0);
  }
}

export function runInThisContext(code, options) {
  return new Script(code, options).runInThisContext();
}

export function runInContext(code, contextifiedObject, options) {
  return new Script(code, options).runInContext(contextifiedObject);
}

export function runInNewContext(code, contextObject, options) {
  return new Script(code, options).runInNewContext(contextObject);
}

export function compileFunction(code, params = [], options = {}) {
  validateString(code, "code");
  if (!Array.isArray(params)) throw ERR_INVALID_ARG_TYPE("params", "Array", params);
  for (const p of params) validateString(p, "params");
  validateObject(options, "options");
  const { parsingContext, contextExtensions = [] } = options;
  const filename = filenameOf(options, "");
  const source = `(function (${params.join(", ")}) {\n${code}\n})`;
  N.check(source, filename || "vm:function");
  if (parsingContext !== undefined) {
    const fn = contextOf(parsingContext, "options.parsingContext").run(source, filename || "vm:function");
    return contextExtensions.length === 0 ? fn : withExtensions(fn, contextExtensions);
  }
  const fn = N.evaluate(source, filename || "vm:function");
  return contextExtensions.length === 0 ? fn : withExtensions(fn, contextExtensions);
}

function withExtensions() {
  throw notImplemented("vm.compileFunction() `contextExtensions` option");
}

export function measureMemory() {
  throw notImplemented("vm.measureMemory() method");
}

export const constants = Object.freeze({
  USE_MAIN_CONTEXT_DEFAULT_LOADER: Symbol("vm_dynamic_import_main_context_default"),
  DONT_CONTEXTIFY: Symbol("vm_context_no_contextify"),
});

const vm = {
  Script,
  createContext,
  isContext,
  runInThisContext,
  runInContext,
  runInNewContext,
  compileFunction,
  measureMemory,
  constants,
};
export default vm;
