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
  lazy("console", "console", null);
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
  if (load("rusk:native/worker").self() !== undefined) load("worker_threads");
}
