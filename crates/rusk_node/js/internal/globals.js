// rusk_node's globals, installed once per context: the default export is called with the
// runtime's internals (a module, so that it is compiled to bytecode at build time like the
// others; parsing it at every start cost ~0.5 ms). Each global is a lazy accessor: the first
// read loads its module (start-up pays only for what a program uses), then the accessor is
// replaced by a plain writable value, as Node's globals are. Assigning to one first replaces it
// without loading anything.
export default function installNodeGlobals(internals) {
  "use strict";
  const g = globalThis;
  const load = internals.requireBuiltin;

  const settle = (name, value) => {
    Object.defineProperty(g, name, { value, writable: true, configurable: true, enumerable: false });
    return value;
  };
  // Globals from one module: `key` names the export (the global's own name by default; null
  // for the module itself). internals.defineLazy makes one native accessor per name.
  const lazy = (moduleName, names, key) => {
    const resolve = (name) => {
      const m = load(moduleName);
      return settle(name, key === null ? m : m[key ?? name]);
    };
    internals.defineLazy(g, names, resolve, settle, false);
  };

  // The Encoding API's classes (generated, src/encoding.rs), made together on first use.
  let textCodecs;
  internals.defineLazy(g, ["TextEncoder", "TextDecoder"], (name) => {
    if (textCodecs === undefined) {
      textCodecs = {};
      internals.installTextCodecs(textCodecs);
    }
    return settle(name, textCodecs[name]);
  }, settle, false);
  lazy("buffer", ["Buffer", "Blob", "File", "atob", "btoa"]);
  lazy("url", ["URL", "URLSearchParams"]);
  lazy("rusk:internal/event_target", ["EventTarget", "Event", "CustomEvent", "AbortController", "AbortSignal"]);
  lazy("rusk:internal/webstreams", [
    "ReadableStream", "ReadableStreamDefaultReader", "ReadableStreamBYOBReader", "ReadableStreamBYOBRequest",
    "ReadableByteStreamController", "ReadableStreamDefaultController", "TransformStream", "TransformStreamDefaultController",
    "WritableStream", "WritableStreamDefaultWriter", "WritableStreamDefaultController", "ByteLengthQueuingStrategy",
    "CountQueuingStrategy", "TextEncoderStream", "TextDecoderStream",
  ]);
  lazy("rusk:internal/compression_streams", ["CompressionStream", "DecompressionStream"]);
  lazy("rusk:internal/form_data", ["FormData"]);
  lazy("rusk:internal/headers", ["Headers"]);
  lazy("worker_threads", ["MessageChannel", "MessagePort", "BroadcastChannel"]);
  installConsoleStub(internals, load);
  // The global Bun is made on first use (the core's bootstrap); this adds the Node layer's
  // members to it then.
  internals.bunExtensions.push((Bun) => {
    const bunValue = (name, value) => {
      Object.defineProperty(Bun, name, { value, writable: true, configurable: true, enumerable: true });
      return value;
    };
    // Bun.spawn/spawnSync need node:child_process: the core's Bun gets them here, loaded on use.
    internals.defineLazy(Bun, ["spawn", "spawnSync"], (name) => bunValue(name, load("rusk:internal/bun_spawn")[name]), bunValue, true);
    // Bun's file API (Bun.file → BunFile, Bun.write, Bun.stdin/stdout/stderr) and its other
    // members from rusk:internal/bun_api, each defined on first read. The core's originals stay
    // reachable there (some of the new members check arguments and call them).
    const members = [
      "file", "write", "stdin", "stdout", "stderr", "deepEquals", "deepMatch", "peek", "resolveSync", "isMainThread",
      "FFI", "main", "sleep", "sleepSync", "fileURLToPath", "pathToFileURL", "inspect", "stripANSI",
    ];
    const coreBun = {};
    for (const name of members) {
      const original = Object.getOwnPropertyDescriptor(Bun, name);
      if (original) coreBun[name] = original;
    }
    internals.coreBun = coreBun;
    const bunMember = (name) => {
      Object.defineProperty(Bun, name, load("rusk:internal/bun_api").bunMember(name));
      return Bun[name];
    };
    internals.defineLazy(Bun, members, bunMember, bunValue, true);
  });
  // QuickJS has no Intl: rusk's is built on ICU4X (rusk:internal/intl, loaded on first use).
  lazy("rusk:internal/intl", ["Intl"], null);
  // Deno's FFI namespace (and the few members Deno FFI scripts read), only for programs whose
  // own modules mention `Deno`: the loader calls the installer before such a module runs.
  // npm packages that test `globalThis.Deno` to detect their runtime see no Deno otherwise.
  internals.globalsOnMention = { Deno: () => lazy("rusk:internal/deno", ["Deno"]) };
  // The locale-sensitive methods of the built-ins go through it, as ECMA-402 specifies.
  const localeMethods = [
    [Number.prototype, "toLocaleString", function toLocaleString(locales, options) {
      return new g.Intl.NumberFormat(locales, options).format(Number.prototype.valueOf.call(this));
    }],
    [BigInt.prototype, "toLocaleString", function toLocaleString(locales, options) {
      return new g.Intl.NumberFormat(locales, options).format(BigInt.prototype.valueOf.call(this));
    }],
    [String.prototype, "localeCompare", function localeCompare(that, locales, options) {
      if (this === undefined || this === null) throw new TypeError("String.prototype.localeCompare called on null or undefined");
      return new g.Intl.Collator(locales, options).compare(String(this), String(that));
    }],
  ];
  for (const [name, required, defaults] of [["toLocaleString", "any", "all"], ["toLocaleDateString", "date", "date"], ["toLocaleTimeString", "time", "time"]]) {
    localeMethods.push([Date.prototype, name, {
      [name](locales, options) {
        const date = new Date(Date.prototype.getTime.call(this));
        return load("rusk:internal/intl_datetime").formatDate(date, locales, options, required, defaults);
      },
    }[name]]);
  }
  for (const [proto, name, fn] of localeMethods) {
    Object.defineProperty(fn, "length", { value: name === "localeCompare" ? 1 : 0 });
    Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true, enumerable: false });
  }
  // Web Crypto: `crypto` is node:crypto's `webcrypto` (getRandomValues, randomUUID, subtle).
  lazy("crypto", ["crypto"], "webcrypto");
  lazy("crypto", ["Crypto", "CryptoKey", "SubtleCrypto"]);
  // perf_hooks builds Node's `performance` on the engine's own (now(), timeOrigin).
  internals.enginePerformance = g.performance;
  lazy("perf_hooks", ["performance", "PerformanceEntry", "PerformanceMark", "PerformanceMeasure", "PerformanceObserver"]);
  internals.defineLazy(g, ["navigator"], (name) => {
    const os = load("os");
    return settle(name, Object.freeze({
      hardwareConcurrency: os.availableParallelism(),
      userAgent: `rusk/${internals.version}`,
      platform: process.platform,
      language: "en-US",
      languages: Object.freeze(["en-US"]),
    }));
  }, settle, false);

  // `process` is used at once by most programs and by the runtime itself: upgrade it to
  // Node's (an EventEmitter with env, hrtime, memoryUsage, stdout, ...) on first use.
  const core = g.process;
  internals.coreProcess = core;
  let upgraded = false;
  internals.upgradeProcess = () => {
    if (!upgraded) {
      upgraded = true;
      // The upgrade alone: node:process would also make the stdio streams (its named exports).
      load("rusk:internal/process_object");
    }
    return core;
  };
  internals.defineLazy(g, ["process"], (name) => settle(name, internals.upgradeProcess()), settle, false);
  // The runtime reports errors and exits through these: they must see the full process.
  internals.onUncaught = (error, origin) => internals.upgradeProcess().emit("uncaughtException", error, origin);
  internals.onUnhandledRejection = (reason, promise) => internals.upgradeProcess().emit("unhandledRejection", reason, promise);
  internals.emitBeforeExit = (code) => (upgraded ? core.emit("beforeExit", code) : false);
  internals.inspect = (value, options) => load("rusk:internal/inspect").inspect(value, options);
  // In a worker, node:worker_threads sets up the link to the parent (errors nobody handles go
  // there) before the worker's own code runs.
  if (internals.isWorker) load("worker_threads");
}

// The global console starts as a stub: loading node:console costs about a tenth of a start-up
// (~1.2 M instructions), and most programs' first use of it is `console.log` of a string or a
// number. The stub's log/info/debug (stdout) and warn/error (stderr) print what needs no
// formatting themselves, exactly as node:console would: strings (the first without a `%`),
// and, when the stream takes no colours, numbers, booleans, null, undefined and bigints. Its
// other methods forward to node:console, loading it; so does anything else. node:console then
// fills this same object in: `console` keeps its identity, its own keys keep their order, a
// member replaced before then stays replaced, and a method taken early
// (`const log = console.log`) goes on working.
function installConsoleStub(internals, load) {
  // `real`: node:console's members once it is loaded. `replace`: stub members it puts its own
  // in place of (the others stay, so that they keep their identity). `originals()`: the
  // stub's own members by name, to tell those the program replaced.
  const stub = { target: null, originals: null, replace: new Set(["trace"]), real: null, realTarget: null };
  internals.consoleStub = stub;
  const upgrade = () => {
    if (stub.real === null) load("console"); // sets stub.real
    return stub.real;
  };
  internals.formatPrimitives = formatPrimitives; // node:console's too
  // node:console's colour rule for its own streams: FORCE_COLOR decides when set (node:console
  // works that out), else a terminal may take colours (node:console asks its depth).
  const terminal = [undefined, undefined, undefined];
  const colors = [undefined, () => mayColor(1), () => mayColor(2)];
  const mayColor = (fd) => internals.getenv("FORCE_COLOR") !== undefined || (terminal[fd] ??= internals.isTerminal(fd));
  const fast = (fd, name, args) => {
    // Only to the descriptor itself: not once the program gave the console a stream.
    const stream = fd === 1 ? "_stdout" : "_stderr";
    if (stub.real === null && Object.getOwnPropertyDescriptor(target, stream)?.get === accessors[stream]) {
      const text = formatPrimitives(args, colors[fd]);
      if (text !== undefined) {
        try {
          internals.write(fd, `${text}\n`);
        } catch (err) {
          // As node:console: write errors are swallowed, a stack overflow is not.
          if (isStackOverflow(err)) throw err;
        }
        return;
      }
    }
    return upgrade()[name](...args);
  };
  const forward = (name, args) => upgrade()[name](...args);
  // Members node:console puts its own values in place of (on `realTarget`, which is `target`
  // unless the program froze the console first).
  const lazyGet = (name) => {
    upgrade();
    return stub.realTarget[name];
  };
  const lazySet = (name, value) => {
    upgrade();
    stub.realTarget[name] = value;
  };
  // The own keys of node:console's global console, in its order (tests/node/console_stub.test.ts
  // checks that they stay so); the accessors' places are held by 0s and filled in below. The
  // methods are named like node:console's, and this module's bytecode has no source
  // (crates/rusk_node/build.rs): `String(console.log)` is `function log() { [native code] }`.
  // (Written out, not made in a loop: this runs at every start.)
  const target = {
    __proto__: {},
    log(...args) { return fast(1, "log", args); },
    warn(...args) { return fast(2, "warn", args); },
    dir(...args) { return forward("dir", args); },
    time(...args) { return forward("time", args); },
    timeEnd(...args) { return forward("timeEnd", args); },
    timeLog(...args) { return forward("timeLog", args); },
    trace(...args) { return forward("trace", args); },
    assert(...args) { return forward("assert", args); },
    clear(...args) { return forward("clear", args); },
    count(...args) { return forward("count", args); },
    countReset(...args) { return forward("countReset", args); },
    group(...args) { return forward("group", args); },
    groupEnd(...args) { return forward("groupEnd", args); },
    table(...args) { return forward("table", args); },
    debug(...args) { return fast(1, "debug", args); },
    info(...args) { return fast(1, "info", args); },
    dirxml(...args) { return forward("dirxml", args); },
    error(...args) { return fast(2, "error", args); },
    groupCollapsed(...args) { return forward("groupCollapsed", args); },
    _stdout: 0, _stderr: 0, _stdoutErrorHandler: 0, _stderrErrorHandler: 0, _ignoreErrors: 0, _times: 0, Console: 0,
    profile(...args) { return forward("profile", args); },
    profileEnd(...args) { return forward("profileEnd", args); },
    timeStamp(...args) { return forward("timeStamp", args); },
    context(...args) { return forward("context", args); },
    createTask(...args) { return forward("createTask", args); },
  };
  const methods = { ...target };
  const accessors = {
    _stdout() { return lazyGet("_stdout"); },
    _stderr() { return lazyGet("_stderr"); },
    _stdoutErrorHandler() { return lazyGet("_stdoutErrorHandler"); },
    _stderrErrorHandler() { return lazyGet("_stderrErrorHandler"); },
    _ignoreErrors() { return lazyGet("_ignoreErrors"); },
    _times() { return lazyGet("_times"); },
    Console() { return lazyGet("Console"); },
  };
  Object.defineProperty(Object.getPrototypeOf(target), Symbol.toStringTag, { value: "console", writable: false, enumerable: false, configurable: true });
  for (const name in accessors) {
    const set = (value) => lazySet(name, value);
    Object.defineProperty(target, name, { get: accessors[name], set, enumerable: name === "Console", configurable: true });
  }
  stub.target = target;
  stub.originals = () => new Map(Object.entries(Object.assign(methods, accessors)));
  Object.defineProperty(globalThis, "console", { value: target, writable: true, enumerable: false, configurable: true });
}

/** node:console's test for an error that must not be swallowed. */
function isStackOverflow(err) {
  return err !== null && typeof err === "object" && (err.name === "RangeError" || err.name === "InternalError") && /stack/i.test(String(err.message));
}

// What util.format prints for arguments that are all primitives, when that needs no inspect:
// strings as they are (unless the first has a % directive), and — when `colors()` says the
// stream takes none — numbers (-0 included), booleans, null, undefined and bigints.
// `undefined` means "use format". (`colors` is asked only when it matters: for the global
// console it is a terminal check.)
function formatPrimitives(args, colors) {
  let out = "";
  let colored; // colors(), asked once
  const anyColors = () => (colored ??= colors());
  for (let i = 0; i < args.length; i++) {
    const value = args[i];
    let text;
    switch (typeof value) {
      case "string":
        if (i === 0 && value.includes("%")) return undefined;
        text = value;
        break;
      case "number":
        if (anyColors()) return undefined;
        text = Object.is(value, -0) ? "-0" : `${value}`;
        break;
      case "boolean":
      case "undefined":
        if (anyColors()) return undefined;
        text = `${value}`;
        break;
      case "bigint":
        if (anyColors()) return undefined;
        text = `${value}n`;
        break;
      default:
        if (value !== null || anyColors()) return undefined;
        text = "null";
    }
    out += i === 0 ? text : ` ${text}`;
  }
  return out;
}
