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
  // The parts of the bootstrap most programs never use (js/bootstrap/*.js: `using`,
  // structuredClone, CommonJS, the uncaught-error text, Bun) are compiled to bytecode like this
  // file but read and run on first use: reading and running them at every start cost ~0.3 M
  // instructions. Each takes (native, internals, shared) and returns its exports.
  const parts = new Map();
  const part = (name) => {
    let exports = parts.get(name);
    if (exports === undefined) {
      exports = native.bootstrapPart(name)(native, internals, shared);
      parts.set(name, exports);
    }
    return exports;
  };
  // A global made by a part on first read (or replaced by a first assignment).
  const lazyGlobal = (name, make, enumerable = false) => {
    const settle = (_, value) => {
      Object.defineProperty(g, name, { value, writable: true, configurable: true, enumerable });
      return value;
    };
    native.defineLazy(g, [name], () => settle(name, make()), settle, enumerable);
  };

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
  // try/finally blocks that call the external helper `babelHelpers.usingCtx()` (its fixed name;
  // js/bootstrap/using.js). Read-only, as a frozen helper object: an assignment before the
  // first read is ignored, as it is to a read-only property in sloppy code.
  {
    const helpers = () => {
      const value = Object.freeze({ usingCtx: part("using").usingCtx });
      Object.defineProperty(g, "babelHelpers", { value, writable: false, configurable: true, enumerable: false });
      return value;
    };
    native.defineLazy(g, ["babelHelpers"], helpers, helpers, false);
  }

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

  lazyGlobal("structuredClone", () => part("clone").structuredClone, true);
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
  internals.cjsLoadForImport = (path) => part("cjs").loadFile(path);

  // Module mocks (bun:test's mock.module): a module's resolved name (absolute path, or a
  // built-in's canonical name) -> the exports object that replaces it. require() returns the
  // object; the ES module resolver asks mockedModuleName() and loads a generated module
  // re-exporting its properties (a new module name per exports object, so mocking again takes
  // effect for later imports). Modules already imported keep their bindings.
  const moduleMocks = new Map();
  internals.moduleMocks = moduleMocks;
  internals.resolveFrom = (specifier, file) => part("cjs").resolveFrom(specifier, file);
  internals.mockedModuleName = (name) => {
    if (moduleMocks.size === 0 || !moduleMocks.has(name)) return undefined;
    return part("cjs").mockedModuleName(name);
  };
  internals.mockModuleSource = (moduleName) => part("cjs").mockModuleSource(moduleName);
  internals.mockExports = (moduleName) => part("cjs").mockExports(moduleName);
  // import.meta.resolve(specifier): a file: URL string, or `node:x` for built-ins (as Node).
  internals.metaResolve = (file) => {
    const dir = file.startsWith("/") ? dirname(file) : process.cwd();
    return function resolve(specifier) {
      const [kind, name] = native.resolve(String(specifier), dir, false);
      if (kind === "builtin") return name.includes(":") ? name : `node:${name}`;
      return `file://${encodeURI(name).replace(/[?#]/g, encodeURIComponent)}`;
    };
  };
  // `require` in ES modules too (as in Bun), and node:module's createRequire.
  lazyGlobal("require", () => part("cjs").globalRequire);
  internals.createRequire = (from) => part("cjs").createRequire(from);
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
  internals.formatUncaught = (err) => part("uncaught").formatUncaught(err);

  // ---- Bun ----
  // Bun's core members (js/bootstrap/bun.js); layers above add theirs when it is made, through
  // `internals.bunExtensions` (functions called with the new object, in order).
  internals.bunExtensions = [];
  lazyGlobal("Bun", () => {
    const { Bun } = part("bun");
    for (const extend of internals.bunExtensions) extend(Bun);
    return Bun;
  });

  // What the parts take from here.
  const shared = { dirname, process, cjsCache, builtinForRequire, moduleMocks };
});
