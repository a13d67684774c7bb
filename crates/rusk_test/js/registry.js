import { shared } from "rusk:test/shared";
import { isObjectLike, lazyModule, userFrame } from "rusk:test/util";

// Only `%p` titles and error messages print values: format.js loads on first use.
const format = lazyModule("rusk:test/format");
const printValue = (v) => format().printValue(v);

// ---------------------------------------------------------------------------
// Registry
// ---------------------------------------------------------------------------

// A scope is a describe block (the root scope is the file). Children keep
// registration order, tests and scopes interleaved, because that is the
// execution order.
export function makeScope(name, parent, mods) {
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

export const rootScope = makeScope("", null, {});
export let currentScope = rootScope;

// Whether a test or block was registered with .only (planning looks for them only then).
export let onlyUsed = false;
// Whether a describe() body failed (the runner looks for its error only then).
export let describeFailed = false;

// Bun refuses .only on CI, where it would silently skip the other tests.
function checkOnly(mods) {
  if (!mods.only) return;
  if (shared.options.ci) {
    throw new Error(".only is disabled in CI environments to prevent accidentally skipping tests. To override, set the environment variable CI=false.");
  }
  onlyUsed = true;
}

export function registerTest(mods, name, fn, options) {
  checkOnly(mods);
  if (shared.running && shared.currentTestState) throw new Error("Cannot call test() inside a test. Call it inside describe() instead.");
  if (typeof name === "function") { options = fn; fn = name; name = fn.name || "(unnamed)"; }
  let timeout, retry, repeats;
  if (typeof options === "number") timeout = options;
  else if (options && typeof options === "object") ({ timeout, retry, repeats } = options);
  let mode = mods.mode || "run";
  if (typeof fn !== "function" && mode === "run") mode = "todo"; // test("name") without body
  const t = { __proto__: TEST_CASE, name: String(name), fn, parent: currentScope, plain: false };
  if (mode !== "run") t.mode = mode;
  if (mods.only) t.only = true;
  if (mods.failing) t.failing = true;
  if (timeout !== undefined) t.timeout = timeout;
  if (retry !== undefined) t.retry = count(retry, "retry");
  if (repeats !== undefined) t.repeats = count(repeats, "repeats");
  // The JUnit report names each test's line; finding it walks the stack, so only then.
  if (shared.options.junit) t.line = userFrame(new Error().stack)?.line ?? 0;
  currentScope.children.push(t);
}

// A registered test is `{ __proto__: TEST_CASE, name, fn, parent }`. Files of thousands of
// tests spend much of their time creating these, and each property costs (in time, and in
// every garbage collection while the test lives): the rarely set ones live on the prototype
// until a test sets its own. (An object literal is cheaper to make than a class instance.)
const TEST_CASE = {
  kind: "test",
  // registered with a name, a function and nothing else: the runner's fast path (runner.js
  // runPlainTest) may run it
  plain: true,
  mode: "run", // "run" | "skip" | "todo"
  // false when .only or -t leaves it out of the run (runner.js planTests)
  included: true,
  only: false,
  failing: false,
  timeout: undefined,
  retry: undefined,
  repeats: undefined,
  line: 0,
};

// A test's `{ retry }` / `{ repeats }` option: a whole number of extra runs.
function count(value, what) {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new TypeError(`test() option "${what}" must be a non-negative integer, received ${printValue(value)}`);
  }
  return value;
}

// onTestFinished(fn): runs after the test and its afterEach hooks, whatever the outcome.
export function onTestFinished(fn) {
  if (typeof fn !== "function") throw new TypeError("onTestFinished() expects a function");
  const state = shared.currentTestState;
  if (!state) throw new Error("onTestFinished() must be called inside a test");
  (state.finished ??= []).push(fn);
}

export function registerDescribe(mods, name, fn) {
  checkOnly(mods);
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
      describeFailed = true;
    }
  } catch (err) {
    // Bun drops everything the throwing describe() registered and reports
    // the error as an "Unhandled error between tests".
    scope.registrationError = err;
    describeFailed = true;
    scope.children = [];
    scope.hooks = { beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] };
  } finally {
    currentScope = prev;
  }
}

export function registerHook(kind, fn, options) {
  if (typeof fn !== "function") throw new TypeError(`${kind}() expects a function`);
  const timeout = typeof options === "number" ? options : options && options.timeout;
  currentScope.hooks[kind].push({ fn, timeout });
}

// Placeholders of each() titles.
export function formatEachTitle(template, args, index) {
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

export function eachRows(table) {
  if (!Array.isArray(table)) throw new TypeError(".each() expects an array table");
  return table.map((row) => (Array.isArray(row) ? row : [row]));
}

// The modifiers of plain test() / describe().
const NO_MODS = Object.freeze({});

// Builds test/it/describe with all modifiers. Modifiers are getters so chains
// like `test.skip.each(...)` or `describe.only.if(x)` work.
export function makeApi(kind, mods = NO_MODS) {
  const api = kind === "describe" ? (name, fn) => registerDescribe(mods, name, fn)
    : mods === NO_MODS ? (name, fn, options) => {
      // The common `test("name", () => {})` while the file loads: nothing to check or parse.
      if (shared.quickRegistration && typeof name === "string" && typeof fn === "function" && options === undefined) {
        currentScope.children.push({ __proto__: TEST_CASE, name, fn, parent: currentScope });
        return;
      }
      registerTest(mods, name, fn, options);
    }
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

export const test = makeApi("test");
export const it = test;
export const describe = makeApi("describe");
export const beforeAll = (fn, o) => registerHook("beforeAll", fn, o);
export const afterAll = (fn, o) => registerHook("afterAll", fn, o);
export const beforeEach = (fn, o) => registerHook("beforeEach", fn, o);
export const afterEach = (fn, o) => registerHook("afterEach", fn, o);

// Jest's spellings of skipped tests and blocks.
export const xit = test.skip;
export const xtest = test.skip;
export const xdescribe = describe.skip;

// expectTypeOf(): type assertions for the type checker; at run time every member is a
// function that checks nothing and returns the same object, as in Bun.
// Members are callable and have members themselves (`.not.toBeString()`); the object
// expectTypeOf() returns is a plain-looking object with no own keys.
const noKey = (key) => typeof key === "symbol" || key === "then";
const typeMember = new Proxy(function () {}, {
  get: (_, key) => (noKey(key) ? undefined : typeMember),
  apply: () => typeAssertion,
});
const typeAssertion = new Proxy({}, {
  get: (_, key) => (noKey(key) ? undefined : typeMember),
});
export function expectTypeOf() {
  return typeAssertion;
}

export function setDefaultTimeout(ms) {
  shared.defaultTimeout = ms;
}

