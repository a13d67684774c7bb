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
  const lazy = (name, moduleName, key = name) => {
    Object.defineProperty(g, name, {
      configurable: true,
      enumerable: false,
      get() {
        const m = load(moduleName);
        return settle(name, key === null ? m : m[key]);
      },
      set(value) {
        settle(name, value);
      },
    });
  };

  for (const name of ["Buffer", "Blob", "File", "atob", "btoa"]) lazy(name, "buffer");
  for (const name of ["URL", "URLSearchParams"]) lazy(name, "url");
  for (const name of ["EventTarget", "Event", "CustomEvent", "AbortController", "AbortSignal"]) {
    lazy(name, "rusk:internal/event_target");
  }
  for (const name of [
    "ReadableStream", "ReadableStreamDefaultReader", "ReadableStreamBYOBReader", "ReadableStreamBYOBRequest",
    "ReadableByteStreamController", "ReadableStreamDefaultController", "TransformStream", "TransformStreamDefaultController",
    "WritableStream", "WritableStreamDefaultWriter", "WritableStreamDefaultController", "ByteLengthQueuingStrategy",
    "CountQueuingStrategy", "TextEncoderStream", "TextDecoderStream",
  ]) {
    lazy(name, "rusk:internal/webstreams");
  }
  for (const name of ["CompressionStream", "DecompressionStream"]) lazy(name, "rusk:internal/compression_streams");
  lazy("FormData", "rusk:internal/form_data");
  lazy("Headers", "rusk:internal/headers");
  for (const name of ["MessageChannel", "MessagePort", "BroadcastChannel"]) lazy(name, "worker_threads");
  installConsoleStub(internals, load);
  // Bun.spawn/spawnSync need node:child_process: the core's Bun gets them here, loaded on use.
  if (g.Bun) {
    for (const name of ["spawn", "spawnSync"]) {
      Object.defineProperty(g.Bun, name, {
        configurable: true,
        enumerable: true,
        get() {
          const f = load("rusk:internal/bun_spawn")[name];
          Object.defineProperty(g.Bun, name, { value: f, writable: true, configurable: true, enumerable: true });
          return f;
        },
      });
    }
  }
  // Bun's file API (Bun.file → BunFile, Bun.write, Bun.stdin/stdout/stderr) and its other
  // members from rusk:internal/bun_api, each defined on first read. The core's originals stay
  // reachable there (some of the new members check arguments and call them).
  if (g.Bun) {
    internals.coreBun = Object.getOwnPropertyDescriptors(g.Bun);
    for (const name of [
      "file", "write", "stdin", "stdout", "stderr", "deepEquals", "deepMatch", "peek", "resolveSync", "isMainThread",
      "FFI", "main", "sleep", "sleepSync", "fileURLToPath", "pathToFileURL", "inspect", "stripANSI",
    ]) {
      Object.defineProperty(g.Bun, name, {
        configurable: true,
        enumerable: true,
        get() {
          Object.defineProperty(g.Bun, name, load("rusk:internal/bun_api").bunMember(name));
          return g.Bun[name];
        },
        set(value) {
          Object.defineProperty(g.Bun, name, { value, writable: true, configurable: true, enumerable: true });
        },
      });
    }
  }
  // QuickJS has no Intl: rusk's is built on ICU4X (rusk:internal/intl, loaded on first use).
  lazy("Intl", "rusk:internal/intl", null);
  // Deno's FFI namespace (and the few members Deno FFI scripts read), only for programs whose
  // own modules mention `Deno`: the loader calls the installer before such a module runs.
  // npm packages that test `globalThis.Deno` to detect their runtime see no Deno otherwise.
  internals.globalsOnMention = { Deno: () => lazy("Deno", "rusk:internal/deno") };
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
  lazy("crypto", "crypto", "webcrypto");
  for (const name of ["Crypto", "CryptoKey", "SubtleCrypto"]) lazy(name, "crypto");
  // perf_hooks builds Node's `performance` on the engine's own (now(), timeOrigin).
  internals.enginePerformance = g.performance;
  lazy("performance", "perf_hooks", "performance");
  for (const name of ["PerformanceEntry", "PerformanceMark", "PerformanceMeasure", "PerformanceObserver"]) lazy(name, "perf_hooks");
  Object.defineProperty(g, "navigator", {
    configurable: true,
    enumerable: false,
    get() {
      const os = load("os");
      const nav = Object.freeze({
        hardwareConcurrency: os.availableParallelism(),
        userAgent: `rusk/${internals.version}`,
        platform: process.platform,
        language: "en-US",
        languages: Object.freeze(["en-US"]),
      });
      return settle("navigator", nav);
    },
  });

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
  Object.defineProperty(g, "process", {
    configurable: true,
    enumerable: false,
    get() {
      return settle("process", internals.upgradeProcess());
    },
    set(value) {
      settle("process", value);
    },
  });
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
  const target = Object.create({});
  Object.defineProperty(Object.getPrototypeOf(target), Symbol.toStringTag, { value: "console", writable: false, enumerable: false, configurable: true });
  // `real`: node:console's members once it is loaded. `replace`: stub members it puts its own
  // in place of (the others stay, so that they keep their identity).
  const stub = { target, originals: new Map(), replace: new Set(["trace"]), real: null, realTarget: null };
  internals.consoleStub = stub;
  const upgrade = () => {
    if (stub.real === null) load("console"); // sets stub.real
    return stub.real;
  };
  internals.formatPrimitives = formatPrimitives; // node:console's too
  // The methods are named like node:console's, and this module's bytecode has no source
  // (crates/rusk_node/build.rs): `String(console.log)` is `function log() { [native code] }`.
  // node:console's colour rule for its own streams: FORCE_COLOR decides when set (node:console
  // works that out), else a terminal may take colours (node:console asks its depth).
  const terminal = [undefined, undefined, undefined];
  const mayColor = (fd) => () => internals.getenv("FORCE_COLOR") !== undefined || (terminal[fd] ??= internals.isTerminal(fd));
  const streamGetters = {};
  const fast = (name, fd) => {
    const colors = mayColor(fd);
    const streamKey = fd === 1 ? "_stdout" : "_stderr";
    return { [name]: (...args) => {
      // Only to the descriptor itself: not once the program gave the console a stream.
      if (stub.real === null && Object.getOwnPropertyDescriptor(target, streamKey)?.get === streamGetters[streamKey]) {
        const text = formatPrimitives(args, colors);
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
    } }[name];
  };
  const forwarding = (name) => ({ [name]: (...args) => upgrade()[name](...args) })[name];
  const lazyMember = (name, enumerable) => {
    // node:console puts its own value in place of this accessor (on `realTarget`, which is
    // `target` unless the program froze the console first).
    const get = () => {
      upgrade();
      return stub.realTarget[name];
    };
    const set = (value) => {
      upgrade();
      stub.realTarget[name] = value;
    };
    Object.defineProperty(target, name, { get, set, enumerable, configurable: true });
    stub.originals.set(name, get);
    return get;
  };
  const method = (name, value) => {
    Object.defineProperty(target, name, { value, writable: true, enumerable: true, configurable: true });
    stub.originals.set(name, value);
  };
  // The own keys of node:console's global console, in its order (tests/node/console_stub.test.ts
  // checks that they stay so).
  const streams = { log: 1, warn: 2, debug: 1, info: 1, error: 2 };
  for (const name of [
    "log", "warn", "dir", "time", "timeEnd", "timeLog", "trace", "assert", "clear", "count", "countReset", "group",
    "groupEnd", "table", "debug", "info", "dirxml", "error", "groupCollapsed",
  ]) {
    method(name, name in streams ? fast(name, streams[name]) : forwarding(name));
  }
  for (const name of ["_stdout", "_stderr", "_stdoutErrorHandler", "_stderrErrorHandler", "_ignoreErrors", "_times"]) {
    streamGetters[name] = lazyMember(name, false);
  }
  lazyMember("Console", true);
  for (const name of ["profile", "profileEnd", "timeStamp", "context", "createTask"]) method(name, forwarding(name));
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
