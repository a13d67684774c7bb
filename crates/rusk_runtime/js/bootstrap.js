// rusk bootstrap: turns the native helpers into the public globals. Evaluated once per
// context as a function expression and called with (native, internals). `internals` is the
// object Rust keeps: the event loop calls internals.fireTimer, the loader calls
// internals.cjsLoadForImport, errors are formatted by internals.formatUncaught.
(function bootstrap(native, internals) {
  "use strict";
  const g = globalThis;
  const define = (obj, key, value) =>
    Object.defineProperty(obj, key, { value, writable: true, configurable: true, enumerable: false });
  define(g, Symbol.for("rusk.internals"), internals);

  // ---- async context across `await` ----
  // The loader turns every `await E` into `__ruskAwaitResume(__ruskAwaitCapture(), await E)`
  // (see the rusk_async_context crate). Until node:async_hooks is used they do nothing; its
  // install() replaces both, registers its reset with internals.setAwaitReset, and reports a
  // job that left a context current with internals.awaitDirty.
  define(g, "__ruskAwaitCapture", () => undefined);
  define(g, "__ruskAwaitResume", (context, value) => value);
  internals.awaitDirty = native.awaitDirty;
  internals.setAwaitReset = native.setAwaitReset;
  // Functions show as written: the text the rewrite inserted is taken out of their source.
  {
    let undo; // compiled on first use
    const sourceText = Function.prototype.toString;
    const toString = {
      toString() {
        // For itself, the original's text: it looks as native as what it replaces.
        const text = Reflect.apply(sourceText, this === toString ? sourceText : this, []);
        return text.includes("rusk") ? text.replace((undo ??= new RegExp(native.awaitUndoPattern, "g")), "") : text;
      },
    }.toString;
    define(Function.prototype, "toString", toString);
  }

  // ---- stack traces: V8-style text, TypeScript positions mapped back to the .ts file ----
  const frameText = (site) => {
    let file = site.getFileName ? site.getFileName() : undefined;
    let line = site.getLineNumber ? site.getLineNumber() : undefined;
    let col = site.getColumnNumber ? site.getColumnNumber() : undefined;
    const fn = site.getFunctionName ? site.getFunctionName() : undefined;
    if (site.isNative && site.isNative()) return `    at ${fn || "<anonymous>"} (native)`;
    if (file && line > 0) {
      const mapped = native.mapPosition(file, line, col > 0 ? col : 1);
      line = mapped[0];
      col = mapped[1];
    }
    const where = file ? `${file}:${line}:${col}` : "<anonymous>";
    return fn ? `    at ${fn} (${where})` : `    at ${where}`;
  };
  Error.prepareStackTrace = (err, sites) => {
    let header;
    try {
      header = Error.prototype.toString.call(err);
    } catch {
      header = "Error";
    }
    // Frames of rusk's own bootstrap and native helpers are noise for users.
    const frames = sites
      .filter((s) => !(s.isNative && s.isNative()) && !String(s.getFileName ? s.getFileName() : "").startsWith("rusk:"))
      .map(frameText)
      .join("\n");
    return frames ? `${header}\n${frames}` : header;
  };

  // ---- engine gaps ----
  // QuickJS-ng returns negative results from BigInt.asUintN for negative inputs; the spec
  // (and every other engine) reduces modulo 2^bits.
  if (BigInt.asUintN(64, -5n) !== 18446744073709551611n || BigInt.asUintN(8, -1n) !== 255n) {
    const asUintN = function asUintN(bits, bigint) {
      const n = Number(bits);
      if (!Number.isInteger(n) || n < 0 || n > 2 ** 53 - 1) throw new RangeError("Invalid value: not (convertible to) a safe integer");
      const v = BigInt(bigint);
      if (n === 0) return 0n;
      const mod = 1n << BigInt(n);
      const r = v % mod;
      return r < 0n ? r + mod : r;
    };
    Object.defineProperty(BigInt, "asUintN", { value: asUintN, writable: true, configurable: true, enumerable: false });
  }
  for (const name of ["dispose", "asyncDispose"]) {
    if (typeof Symbol[name] !== "symbol") {
      Object.defineProperty(Symbol, name, { value: Symbol.for(`Symbol.${name}`), writable: false, configurable: false, enumerable: false });
    }
  }

  // `using` / `await using` in TypeScript: QuickJS-ng cannot parse them, so oxc lowers them to
  // try/finally blocks that call the external helper `babelHelpers.usingCtx()` (its fixed name).
  // The context records disposers (`u` sync, `a` async), keeps the block's error in `e`, and
  // `d()` disposes in reverse order, chaining errors as SuppressedError.
  const makeSuppressed = (error, suppressed) => {
    if (typeof SuppressedError === "function") return new SuppressedError(error, suppressed, "An error was suppressed during disposal");
    const e = new Error("An error was suppressed during disposal");
    e.name = "SuppressedError";
    e.error = error;
    e.suppressed = suppressed;
    return e;
  };
  const usingCtx = () => {
    const NO_ERROR = {};
    const stack = [];
    const add = (value, isAsync) => {
      if (value === null || value === undefined) {
        if (isAsync) stack.push({ value, dispose: undefined, isAsync });
        return value;
      }
      if (typeof value !== "object" && typeof value !== "function") {
        throw new TypeError("using declarations can only be used with objects, functions, null, or undefined");
      }
      let dispose = isAsync ? value[Symbol.asyncDispose] : undefined;
      if (dispose === undefined) dispose = value[Symbol.dispose];
      if (typeof dispose !== "function") throw new TypeError(`${isAsync ? "await using" : "using"}: the value has no [Symbol.${isAsync ? "asyncDispose" : "dispose"}]() method`);
      stack.push({ value, dispose, isAsync });
      return value;
    };
    const ctx = {
      e: NO_ERROR,
      u: (value) => add(value, false),
      a: (value) => add(value, true),
      d() {
        let error = ctx.e;
        const fail = (e) => {
          error = error === NO_ERROR ? e : makeSuppressed(e, error);
        };
        const finish = () => {
          if (error !== NO_ERROR) throw error;
        };
        if (!stack.some((r) => r.isAsync)) {
          while (stack.length) {
            const r = stack.pop();
            try {
              r.dispose.call(r.value);
            } catch (e) {
              fail(e);
            }
          }
          return finish();
        }
        return (async () => {
          while (stack.length) {
            const r = stack.pop();
            try {
              if (r.dispose) {
                const out = r.dispose.call(r.value);
                if (r.isAsync) await out;
              } else await undefined;
            } catch (e) {
              fail(e);
            }
          }
          finish();
        })();
      },
    };
    return ctx;
  };
  Object.defineProperty(globalThis, "babelHelpers", { value: Object.freeze({ usingCtx }), writable: false, configurable: true, enumerable: false });

  // ---- timers ----
  const TIMER_ID = Symbol("rusk.timerId");
  const timerCallbacks = new Map();
  class Timeout {
    constructor(id) {
      this[TIMER_ID] = id;
    }
    ref() {
      native.timerRef(this[TIMER_ID], true);
      return this;
    }
    unref() {
      native.timerRef(this[TIMER_ID], false);
      return this;
    }
    hasRef() {
      return native.timerHasRef(this[TIMER_ID]);
    }
    refresh() {
      native.timerRefresh(this[TIMER_ID]);
      return this;
    }
    close() {
      clearTimeout(this);
      return this;
    }
    [Symbol.toPrimitive]() {
      return this[TIMER_ID];
    }
  }
  class Immediate extends Timeout {}
  const schedule = (fn, ms, args, repeat) => {
    if (typeof fn !== "function") {
      throw new TypeError(`The "callback" argument must be of type function. Received ${fn === null ? "null" : typeof fn}`);
    }
    ms = Number(ms);
    if (!(ms >= 1 && ms <= 2147483647)) ms = repeat ? 1 : 0;
    const id = native.timerSchedule(ms, repeat);
    timerCallbacks.set(id, { fn, args, repeat });
    return id;
  };
  const clearTimer = (t) => {
    if (t == null) return;
    const id = typeof t === "object" ? t[TIMER_ID] : Number(t);
    if (timerCallbacks.delete(id)) native.timerCancel(id);
  };
  g.setTimeout = (fn, ms, ...args) => new Timeout(schedule(fn, ms, args, false));
  g.setInterval = (fn, ms, ...args) => new Timeout(schedule(fn, ms, args, true));
  g.setImmediate = (fn, ...args) => new Immediate(schedule(fn, 0, args, false));
  g.clearTimeout = clearTimer;
  g.clearInterval = clearTimer;
  g.clearImmediate = clearTimer;
  // Microtask and nextTick callbacks run as promise jobs; an error they throw is an uncaught
  // exception (as in Node), not a rejection of the job's promise.
  const resolved = Promise.resolve();
  const runJob = (fn, args) => {
    try {
      fn(...args);
    } catch (e) {
      native.fatal(e);
    }
  };
  g.queueMicrotask = (fn) => {
    if (typeof fn !== "function") throw new TypeError('The "callback" argument must be of type function');
    resolved.then(() => runJob(fn, []));
  };
  internals.fireTimer = (id) => {
    const t = timerCallbacks.get(id);
    if (!t) return;
    if (!t.repeat) timerCallbacks.delete(id);
    t.fn.apply(undefined, t.args);
  };

  // ---- process (the core; rusk_node makes it Node's full `process`) ----
  const process = {};
  g.process = process;
  internals.exitCode = undefined;
  process.title = "rusk";
  process.argv = native.argv.slice();
  process.argv0 = native.argv[0];
  process.execPath = native.execPath;
  // Made on first use (copying the environment cost ~90 k instructions at every start).
  const settleProcess = (name, value) => {
    Object.defineProperty(process, name, { value, writable: true, configurable: true, enumerable: true });
    return value;
  };
  native.defineLazy(process, ["env"], (name) => settleProcess(name, native.env()), settleProcess, true);
  process.platform = native.platform;
  process.arch = native.arch;
  process.pid = native.pid;
  process.cwd = () => native.cwd();
  Object.defineProperty(process, "exitCode", {
    get: () => internals.exitCode,
    set: (v) => {
      if (v === undefined || v === null) {
        internals.exitCode = undefined;
        return;
      }
      const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
      if (!Number.isInteger(n)) throw new TypeError(`The "code" argument must be of type number. Received ${typeof v}`);
      internals.exitCode = n;
    },
    configurable: true,
    enumerable: true,
  });
  // A minimal emitter for the events the runtime itself raises ("exit"); rusk_node replaces it
  // with EventEmitter.
  const listeners = new Map();
  internals.processListeners = listeners;
  process.on = process.addListener = (ev, fn) => {
    if (!listeners.has(ev)) listeners.set(ev, []);
    listeners.get(ev).push(fn);
    return process;
  };
  process.off = process.removeListener = (ev, fn) => {
    const l = listeners.get(ev);
    if (l) listeners.set(ev, l.filter((x) => x !== fn));
    return process;
  };
  process.emit = (ev, ...args) => {
    const l = listeners.get(ev);
    if (!l || l.length === 0) return false;
    for (const fn of l.slice()) fn.apply(process, args);
    return true;
  };
  process.listenerCount = (ev) => (listeners.get(ev) || []).length;
  // `exit` runs the "exit" listeners once with the final code, then ends the process.
  let exiting = false;
  internals.emitExit = (code) => {
    if (exiting) return;
    exiting = true;
    process.emit("exit", code);
  };
  process.reallyExit = (code) => native.exit(code);
  process.exit = (code) => {
    if (code !== undefined) process.exitCode = code;
    const c = internals.exitCode ?? 0;
    try {
      internals.emitExit(c);
    } finally {
      process.reallyExit(internals.exitCode ?? c);
    }
  };
  process.chdir = (dir) => native.chdir(String(dir));
  process.nextTick = (fn, ...args) => {
    if (typeof fn !== "function") throw new TypeError('The "callback" argument must be of type function');
    resolved.then(() => runJob(fn, args));
  };
  process.versions = { rusk: native.version, node: "22.12.0", bun: "1.2.0", quickjs: native.engineVersion };
  process.version = "v22.12.0";
  process.release = { name: "node" };
  process.features = {};
  process.emitWarning = (w) => native.write(2, `Warning: ${w && w.message ? w.message : w}\n`);

  // ---- console (the core's plain one; rusk_node installs Node's) ----
  const plain = (args) => args.map((a) => (typeof a === "string" ? a : String(a))).join(" ") + "\n";
  const out = (fd) => (...args) => native.write(fd, plain(args));
  g.console = { log: out(1), info: out(1), debug: out(1), error: out(2), warn: out(2), trace: out(2) };
  internals.write = native.write;
  internals.isTerminal = native.isTerminal;
  internals.getenv = native.getenv;
  internals.defineLazy = native.defineLazy;

  // ---- misc globals ----
  const gc = () => native.gc();
  g.gc = gc;
  if (!g.global) g.global = g;
  g.self = g;

  g.structuredClone = function structuredClone(value) {
    const seen = new Map();
    const clone = (v) => {
      if (typeof v === "function" || typeof v === "symbol") {
        throw new DOMExceptionLike(`${typeof v === "function" ? v.name || "function" : "Symbol"} could not be cloned.`);
      }
      if (v === null || typeof v !== "object") return v;
      if (seen.has(v)) return seen.get(v);
      // Instances of native classes declared with `structuredClone` copy through their own
      // serialize/deserialize (the hook comes from the Node layer; undefined: not one).
      let out = internals.cloneHostObject === undefined ? undefined : internals.cloneHostObject(v);
      if (out !== undefined) {
        seen.set(v, out);
        return out;
      }
      if (Array.isArray(v)) {
        out = new Array(v.length);
        seen.set(v, out);
        for (let i = 0; i < v.length; i++) if (i in v) out[i] = clone(v[i]);
        return out;
      }
      if (v instanceof Date) out = new Date(v.getTime());
      else if (v instanceof RegExp) out = new RegExp(v.source, v.flags);
      else if (v instanceof ArrayBuffer) out = v.slice(0);
      // The same agent shares the memory (rusk cannot make a second object over it).
      else if (typeof SharedArrayBuffer === "function" && v instanceof SharedArrayBuffer) out = v;
      else if (ArrayBuffer.isView(v)) {
        const buf = clone(v.buffer);
        out = v instanceof DataView ? new DataView(buf, v.byteOffset, v.byteLength) : new v.constructor(buf, v.byteOffset, v.length);
      } else if (v instanceof Map) {
        out = new Map();
        seen.set(v, out);
        for (const [k, x] of v) out.set(clone(k), clone(x));
        return out;
      } else if (v instanceof Set) {
        out = new Set();
        seen.set(v, out);
        for (const x of v) out.add(clone(x));
        return out;
      } else if (v instanceof Error) {
        out = new v.constructor(v.message);
        seen.set(v, out);
        if (v.stack) out.stack = v.stack;
        if ("cause" in v) out.cause = clone(v.cause);
        return out;
      } else if (v instanceof Boolean || v instanceof Number || v instanceof String) out = Object(v.valueOf());
      else {
        out = {};
        seen.set(v, out);
        for (const k of Object.keys(v)) out[k] = clone(v[k]);
        return out;
      }
      seen.set(v, out);
      return out;
    };
    return clone(value);
  };
  // The engine's DOMException has the names and legacy codes; WebIDL also takes an options
  // bag (`{ name, cause }`) as the second argument, which it reads as a name string.
  {
    const EngineDOMException = g.DOMException;
    const DOMException = class DOMException extends EngineDOMException {
      constructor(message = undefined, options = undefined) {
        const isBag = typeof options === "object" && options !== null;
        super(message, isBag ? (options.name === undefined ? undefined : String(options.name)) : options);
        if (isBag && "cause" in options) {
          Object.defineProperty(this, "cause", { value: options.cause, writable: true, configurable: true, enumerable: false });
        }
      }
    };
    Object.defineProperty(g, "DOMException", { value: DOMException, writable: true, configurable: true, enumerable: false });
  }
  const DOMExceptionLike = class extends g.DOMException {
    constructor(message) {
      super(message, "DataCloneError");
    }
  };

  // ---- CommonJS ----
  const dirname = (p) => {
    const i = p.lastIndexOf("/");
    return i <= 0 ? "/" : p.slice(0, i);
  };
  const cjsCache = new Map();
  internals.cjsCache = cjsCache;
  // Built-ins by name, loaded at once (without running other queued jobs) and cached.
  const builtinCache = new Map();
  const builtinForRequire = (name) => {
    let exports = builtinCache.get(name);
    if (exports === undefined) {
      const ns = native.importBuiltin(name);
      const d = ns.default;
      exports = d !== undefined && d !== null && (typeof d === "object" || typeof d === "function") ? d : ns;
      builtinCache.set(name, exports);
    }
    return exports;
  };
  const loadFile = (path) => {
    const cached = cjsCache.get(path);
    if (cached) return cached.exports;
    const [kind, code] = native.readSource(path);
    if (kind === "json") {
      const m = { id: path, filename: path, loaded: true, exports: JSON.parse(code) };
      cjsCache.set(path, m);
      return m.exports;
    }
    if (kind === "esm") return native.importSync(path);
    const m = { id: path, filename: path, path: dirname(path), loaded: false, exports: {}, children: [], paths: [] };
    m.require = makeRequire(path);
    cjsCache.set(path, m);
    try {
      const fn = native.compileCjs(code, path);
      fn.call(m.exports, m.exports, m.require, m, path, dirname(path));
    } catch (e) {
      cjsCache.delete(path);
      throw e;
    }
    m.loaded = true;
    return m.exports;
  };
  const makeRequire = (fromFile) => {
    const dir = fromFile.startsWith("/") ? dirname(fromFile) : process.cwd();
    const require = (spec) => {
      if (typeof spec !== "string") throw new TypeError('The "id" argument must be of type string');
      const [kind, name] = native.resolve(spec, dir, true);
      if (moduleMocks.size !== 0 && moduleMocks.has(name)) return mockExportsOf(name);
      return kind === "builtin" ? builtinForRequire(name) : loadFile(name);
    };
    require.resolve = (spec, options) => {
      if (typeof spec !== "string") throw new TypeError(`The "request" argument must be of type string. Received ${typeof spec}`);
      const paths = options && Array.isArray(options.paths) ? options.paths : [dir];
      let firstError;
      for (const base of paths) {
        try {
          const [kind, name] = native.resolve(spec, String(base), true);
          // Built-ins resolve to themselves, as the caller spelled them (Node's behaviour).
          return kind === "builtin" ? spec : name;
        } catch (e) {
          firstError ??= e;
          if (e && e.code === "ERR_UNKNOWN_BUILTIN_MODULE") throw e;
        }
      }
      throw firstError;
    };
    require.resolve.paths = (spec) => {
      if (/^(node:|\.{0,2}\/)/.test(spec)) return null;
      const out = [];
      for (let d = dir; ; d = dirname(d)) {
        if (!d.endsWith("/node_modules")) out.push(`${d === "/" ? "" : d}/node_modules`);
        if (d === "/") break;
      }
      return out;
    };
    require.cache = new Proxy({}, {
      get: (_, k) => cjsCache.get(k),
      has: (_, k) => cjsCache.has(k),
      deleteProperty: (_, k) => cjsCache.delete(k),
      ownKeys: () => [...cjsCache.keys()],
      getOwnPropertyDescriptor: (_, k) => (cjsCache.has(k) ? { value: cjsCache.get(k), enumerable: true, configurable: true } : undefined),
    });
    return require;
  };
  internals.cjsLoadForImport = loadFile;

  // Module mocks (bun:test's mock.module): a module's resolved name (absolute path, or a
  // built-in's canonical name) -> the exports object that replaces it. require() returns the
  // object; the ES module resolver asks mockedModuleName() and loads a generated module
  // re-exporting its properties (a new module name per exports object, so mocking again takes
  // effect for later imports). Modules already imported keep their bindings.
  const moduleMocks = new Map();
  const mockModules = new Map(); // resolved name -> { exports, name }
  let mockCount = 0;
  internals.moduleMocks = moduleMocks;
  // An entry may be lazy: an object with a `[Symbol.for("rusk.lazyModuleMock")]()` method that
  // makes the exports on first use (bun:test runs a module factory when the module is first
  // loaded). While it runs, and if it throws, the module is an empty object.
  const LAZY = Symbol.for("rusk.lazyModuleMock");
  const mockExportsOf = (name) => {
    const entry = moduleMocks.get(name);
    if (entry === null || typeof entry !== "object" || typeof entry[LAZY] !== "function") return entry;
    moduleMocks.set(name, {});
    const exports = entry[LAZY]();
    moduleMocks.set(name, exports);
    return exports;
  };
  internals.resolveFrom = (specifier, file) => {
    const dir = typeof file === "string" && file.startsWith("/") ? dirname(file) : process.cwd();
    return native.resolve(String(specifier), dir, false)[1];
  };
  internals.mockedModuleName = (name) => {
    if (moduleMocks.size === 0 || !moduleMocks.has(name)) return undefined;
    const exports = mockExportsOf(name);
    let entry = mockModules.get(name);
    if (!entry || entry.exports !== exports) {
      entry = { exports, name: `rusk:mock/${++mockCount}/${name}` };
      mockModules.set(name, entry);
    }
    return entry.name;
  };
  internals.mockModuleSource = (moduleName) => {
    const entry = [...mockModules.values()].find((e) => e.name === moduleName);
    if (!entry) throw new Error(`no module mock named ${moduleName}`);
    const exports = entry.exports;
    const lines = [
      `const m = globalThis[Symbol.for("rusk.internals")].mockExports(${JSON.stringify(moduleName)});`,
      // Without a `default` member the default export is undefined, as in Bun.
      `export default (m !== null && typeof m === "object") ? m.default : undefined;`,
    ];
    if (exports !== null && (typeof exports === "object" || typeof exports === "function")) {
      Object.keys(exports).forEach((key, i) => {
        if (key === "default") return;
        lines.push(`const e${i} = m[${JSON.stringify(key)}];`, `export { e${i} as ${JSON.stringify(key)} };`);
      });
    }
    return lines.join("\n");
  };
  internals.mockExports = (moduleName) => [...mockModules.values()].find((e) => e.name === moduleName)?.exports;
  // import.meta.resolve(specifier): a file: URL string, or `node:x` for built-ins (as Node).
  internals.metaResolve = (file) => {
    const dir = file.startsWith("/") ? dirname(file) : process.cwd();
    return function resolve(specifier) {
      const [kind, name] = native.resolve(String(specifier), dir, false);
      if (kind === "builtin") return name.includes(":") ? name : `node:${name}`;
      return `file://${encodeURI(name).replace(/[?#]/g, encodeURIComponent)}`;
    };
  };
  // `require` in ES modules too (as in Bun): resolved against the calling module's file.
  // native.callerFile() names the module of the JS function that called the current one, so
  // each of these calls it directly (they are called straight from user code).
  const requireFrom = (file) => makeRequire(file || `${process.cwd()}/[eval]`);
  const globalRequire = function require(spec) {
    return requireFrom(native.callerFile())(spec);
  };
  globalRequire.resolve = function resolve(spec, options) {
    return requireFrom(native.callerFile()).resolve(spec, options);
  };
  globalRequire.cache = makeRequire("/").cache;
  define(g, "require", globalRequire);
  internals.createRequire = (from) => {
    let p = from instanceof URL ? from.href : String(from);
    if (p.startsWith("file://")) p = decodeURIComponent(p.slice(7));
    return makeRequire(p);
  };
  let builtinModules;
  internals.builtinModules = () => (builtinModules ??= native.builtinModules());
  internals.requireBuiltin = builtinForRequire;
  internals.promiseState = native.promiseState;
  internals.version = native.version;
  internals.isWorker = native.isWorker;

  // ---- entry points ----
  internals.runMain = (path) => {
    import(path).catch((e) => native.fatal(e));
  };
  internals.stop = native.stop;
  internals.watchMain = (promise) => {
    promise.catch((e) => native.fatal(e));
  };

  // ---- error formatting for uncaught errors ----
  internals.formatUncaught = (err) => {
    // Any property of a thrown value may be a getter that throws: read each one guarded, so a
    // hostile error still prints as itself.
    const read = (key) => {
      try {
        return err[key];
      } catch {
        return undefined;
      }
    };
    const str = (v) => {
      try {
        return String(v);
      } catch {
        return Object.prototype.toString.call(v);
      }
    };
    const stack = err !== null && typeof err === "object" ? read("stack") : undefined;
    if (err instanceof Error || typeof stack === "string") {
      const message = read("message");
      let text = typeof stack === "string" && stack.length ? stack : str(err);
      const lines = text.split("\n");
      // Errors built natively get their stack before their message: rebuild the header.
      if (!lines[0].includes(message === undefined ? "" : str(message))) {
        if (lines[0].startsWith("    at ")) lines.unshift("");
        lines[0] = `${str(read("name") ?? "Error")}: ${str(message)}`;
        text = lines.join("\n");
      }
      const extra = [];
      const code = read("code");
      if (code !== undefined) extra.push(`  code: ${JSON.stringify(code)}`);
      return extra.length ? `${text}\n{\n${extra.join(",\n")}\n}` : text;
    }
    let shown;
    try {
      shown = typeof err === "string" ? JSON.stringify(err) : typeof err === "object" && err !== null ? JSON.stringify(err) : String(err);
    } catch {
      shown = str(err);
    }
    return `error: Uncaught ${shown}`;
  };

  // ---- Bun ----
  const toPath = (p) => {
    if (p instanceof URL) p = p.href;
    p = String(p);
    return p.startsWith("file://") ? decodeURIComponent(p.slice(7)) : p;
  };
  class BunFile {
    #path;
    constructor(path) {
      this.#path = toPath(path);
    }
    get name() {
      return this.#path;
    }
    get size() {
      const n = native.fileSize(this.#path);
      return n < 0 ? 0 : n;
    }
    get type() {
      const p = this.#path;
      if (p.endsWith(".json")) return "application/json;charset=utf-8";
      if (p.endsWith(".txt")) return "text/plain;charset=utf-8";
      if (p.endsWith(".js") || p.endsWith(".mjs")) return "text/javascript;charset=utf-8";
      return "application/octet-stream";
    }
    async exists() {
      return native.fileSize(this.#path) >= 0;
    }
    async arrayBuffer() {
      return native.readFile(this.#path);
    }
    async bytes() {
      return new Uint8Array(native.readFile(this.#path));
    }
    async text() {
      return new TextDecoder().decode(native.readFile(this.#path));
    }
    async json() {
      return JSON.parse(await this.text());
    }
  }
  const Bun = {
    version: "1.2.0",
    revision: `rusk-${native.version}`,
    get argv() {
      return process.argv;
    },
    get env() {
      return process.env;
    },
    main: undefined,
    fileURLToPath(url) {
      const s = url instanceof URL ? url.href : String(url);
      if (!s.startsWith("file://")) throw new TypeError(`The URL must be of scheme file: ${s}`);
      return decodeURIComponent(s.slice(7));
    },
    pathToFileURL(path) {
      let p = String(path);
      if (!p.startsWith("/")) p = `${process.cwd()}/${p}`;
      return new URL(`file://${encodeURI(p)}`);
    },
    sleep(ms) {
      const delay = ms instanceof Date ? ms.getTime() - Date.now() : Number(ms);
      return new Promise((resolve) => setTimeout(resolve, delay));
    },
    sleepSync(ms) {
      native.sleepSync(Number(ms));
    },
    gc(_force) {
      native.gc();
    },
    which(cmd, opts) {
      const path = (opts && opts.PATH) || process.env.PATH || "";
      return native.which(String(cmd), path) ?? null;
    },
    file(path) {
      return new BunFile(path);
    },
    async write(dest, data) {
      const path = dest instanceof BunFile ? dest.name : toPath(dest);
      if (data instanceof BunFile) data = native.readFile(data.name);
      // Blobs, Responses and anything else with arrayBuffer(): their bytes.
      else if (data && typeof data.arrayBuffer === "function" && !(data instanceof ArrayBuffer) && !ArrayBuffer.isView(data)) data = await data.arrayBuffer();
      return native.writeFile(path, data);
    },
    spawnSync(cmdOrOpts, maybeOpts) {
      const opts = Array.isArray(cmdOrOpts) ? maybeOpts || {} : cmdOrOpts || {};
      const cmd = Array.isArray(cmdOrOpts) ? cmdOrOpts : opts.cmd;
      if (!Array.isArray(cmd) || cmd.length === 0) throw new TypeError('spawnSync: "cmd" must be a non-empty array of strings');
      const r = native.spawnSync(cmd.map(String), opts.cwd, opts.stdin);
      const stdout = typeof Buffer === "function" ? Buffer.from(r.stdout) : new Uint8Array(r.stdout);
      const stderr = typeof Buffer === "function" ? Buffer.from(r.stderr) : new Uint8Array(r.stderr);
      return { exitCode: r.exitCode, success: r.success, stdout, stderr, signalCode: null, pid: 0 };
    },
    nanoseconds() {
      return Math.floor(performance.now() * 1e6);
    },
    inspect(value, options) {
      return internals.inspect ? internals.inspect(value, options) : String(value);
    },
  };
  define(g, "Bun", Bun);
  Object.defineProperty(g, "Bun", { enumerable: false });
});
