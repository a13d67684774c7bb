// rusk:internal/process_object — upgrades the runtime's core `process` object to Node's: an
// EventEmitter with a live `env`, clocks, memory figures, ids, signals, stdio streams and
// warnings. The global `process` loads this module on first use; node:process is the same
// object with named exports. process.stdin/stdout/stderr are made when first read (their
// module, rusk:internal/stdio, brings node:stream), so a program that never touches them does
// not load the streams.
import { EventEmitter } from "events";
import native from "rusk:native/process";
import osNative from "rusk:native/os";
import { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, nodeError, validateNumber } from "rusk:internal/errors";

const internals = globalThis[Symbol.for("rusk.internals")];
// The global's accessor is what loads this module: take the object itself from the internals.
const process = internals.coreProcess;

function upgrade(p) {
  // The core's small emitter: its "exit" listeners move over to the EventEmitter.
  const coreListeners = internals.processListeners;
  for (const key of ["on", "addListener", "off", "removeListener", "emit", "listenerCount", "once", "removeAllListeners"]) {
    delete p[key];
  }
  Object.setPrototypeOf(p, EventEmitter.prototype);
  EventEmitter.call(p);
  if (coreListeners) {
    for (const [event, list] of coreListeners) for (const fn of list) p.on(event, fn);
    coreListeners.clear();
  }

  p.env = makeEnv();
  p.ppid = native.ppid;
  p.execArgv = [];
  p.execPath = native.execPath || p.execPath;
  p.config = { variables: {} };
  p.allowedNodeEnvironmentFlags = new Set();
  p.release = { name: "node", lts: undefined, sourceUrl: "", headersUrl: "" };
  p.versions = Object.freeze({ ...p.versions });
  // rusk runs Bun's API (its global, bun:ffi, bun:test): packages that test for Bun take that path.
  p.isBun = true;
  // Node's: Object.prototype.toString.call(process) is "[object process]" (axios detects Node by it).
  Object.defineProperty(p, Symbol.toStringTag, { value: "process", writable: true, enumerable: false, configurable: false });
  p.features = Object.freeze({ inspector: false, debug: false, uv: false, ipv6: true, tls_alpn: false, tls_sni: false, tls_ocsp: false, tls: false, cached_builtins: true, typescript: "transform" });

  p.getBuiltinModule = getBuiltinModule;
  p.hrtime = hrtime;
  p.memoryUsage = Object.assign(() => native.memoryUsage(), { rss: () => native.rss() });
  p.uptime = () => native.uptime();
  p.cpuUsage = cpuUsage;
  p.resourceUsage = () => native.resourceUsage();
  p.umask = umask;
  p.kill = kill;
  p.getuid = native.getuid;
  p.geteuid = native.geteuid;
  p.getgid = native.getgid;
  p.getegid = native.getegid;
  p.cwd = native.cwd;
  p.chdir = chdir;
  p.emitWarning = emitWarning;
  p.abort = () => kill(p.pid, "SIGABRT");
  p.binding = (name) => {
    throw nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", `process.binding('${name}') is not supported by rusk`);
  };
  p.getActiveResourcesInfo = () => [];
  p.setUncaughtExceptionCaptureCallback = (fn) => {
    if (fn !== null && typeof fn !== "function") throw ERR_INVALID_ARG_TYPE("fn", ["Function", "null"], fn);
    captureCallback = fn;
  };
  p.hasUncaughtExceptionCaptureCallback = () => captureCallback !== null;
  defineStdio(p);
  return p;
}

let captureCallback = null;

// ---- env: a live view of the OS environment (values are strings, as in Node) ----
function makeEnv() {
  return new Proxy(Object.create(null), {
    get: (_, key) => (typeof key === "string" ? native.getenv(key) ?? undefined : undefined),
    set: (_, key, value) => {
      if (typeof key === "string") native.setenv(key, String(value));
      return true;
    },
    has: (_, key) => typeof key === "string" && native.getenv(key) !== null && native.getenv(key) !== undefined,
    deleteProperty: (_, key) => {
      if (typeof key === "string") native.unsetenv(key);
      return true;
    },
    ownKeys: () => native.envKeys(),
    getOwnPropertyDescriptor: (_, key) => {
      if (typeof key !== "string") return undefined;
      const value = native.getenv(key);
      return value === null || value === undefined ? undefined : { value, writable: true, enumerable: true, configurable: true };
    },
    defineProperty: (_, key, desc) => {
      if (typeof key === "string" && "value" in desc) native.setenv(key, String(desc.value));
      return true;
    },
  });
}

// ---- clocks ----
const NS_PER_SEC = 1000000000n;
/** Node's process.getBuiltinModule: a built-in's exports by name (with or without `node:`),
 * or undefined for anything else — never a package from node_modules. */
function getBuiltinModule(id) {
  if (typeof id !== "string") throw ERR_INVALID_ARG_TYPE("moduleName", "string", id);
  const name = id.startsWith("node:") ? id.slice(5) : id;
  const builtins = internals.builtinModules();
  if (!builtins.includes(name) && !builtins.includes(id)) return undefined;
  return internals.requireBuiltin(builtins.includes(id) ? id : name);
}

function hrtime(previous) {
  const now = native.hrtime();
  if (previous !== undefined) {
    if (!Array.isArray(previous)) throw ERR_INVALID_ARG_TYPE("time", "Array", previous);
    if (previous.length !== 2) throw ERR_OUT_OF_RANGE("time", "2", previous.length);
    const before = BigInt(previous[0]) * NS_PER_SEC + BigInt(previous[1]);
    const diff = now - before;
    return [Number(diff / NS_PER_SEC), Number(diff % NS_PER_SEC)];
  }
  return [Number(now / NS_PER_SEC), Number(now % NS_PER_SEC)];
}
hrtime.bigint = () => native.hrtime();

function cpuUsage(previous) {
  const now = native.cpuUsage();
  if (previous === undefined) return now;
  if (previous === null || typeof previous !== "object") throw ERR_INVALID_ARG_TYPE("prevValue", "object", previous);
  for (const key of ["user", "system"]) {
    if (typeof previous[key] !== "number") throw ERR_INVALID_ARG_TYPE(`prevValue.${key}`, "number", previous[key]);
  }
  return { user: now.user - previous.user, system: now.system - previous.system };
}

function umask(mask) {
  if (mask === undefined) return native.umask();
  let value = mask;
  if (typeof mask === "string") {
    if (!/^[0-7]+$/.test(mask)) throw nodeError(TypeError, "ERR_INVALID_ARG_VALUE", `The argument 'mask' must be a 32-bit unsigned integer or an octal string. Received '${mask}'`);
    value = parseInt(mask, 8);
  }
  validateNumber(value, "mask", 0, 4294967295);
  return native.umask(value);
}

function chdir(directory) {
  if (typeof directory !== "string") throw ERR_INVALID_ARG_TYPE("directory", "string", directory);
  native.chdir(directory);
}

// ---- signals ----
function kill(pid, signal = "SIGTERM") {
  if (typeof pid !== "number" || !Number.isInteger(pid)) throw ERR_INVALID_ARG_TYPE("pid", "number", pid);
  let number;
  if (typeof signal === "number") number = signal;
  else if (typeof signal === "string" && Object.hasOwn(osNative.signals, signal)) number = osNative.signals[signal];
  else throw nodeError(TypeError, "ERR_UNKNOWN_SIGNAL", `Unknown signal: ${signal}`);
  native.kill(pid, number);
  return true;
}

// ---- warnings ----
function emitWarning(warning, type, code, ctor) {
  let detail;
  if (type !== null && typeof type === "object" && !Array.isArray(type)) {
    ({ type = "Warning", code, detail } = type);
  } else if (typeof type === "function") {
    type = "Warning";
  }
  type ??= "Warning";
  if (typeof warning === "string") {
    warning = Object.assign(new Error(warning), { name: String(type) });
    if (code !== undefined) warning.code = code;
    if (detail !== undefined) warning.detail = detail;
  } else if (!(warning instanceof Error)) {
    throw ERR_INVALID_ARG_TYPE("warning", ["Error", "string"], warning);
  }
  if (warning.name === "DeprecationWarning" && process.noDeprecation) return;
  // Node emits "warning" on a later tick and prints it to stderr whether or not anyone listens.
  queueMicrotask(() => {
    process.emit("warning", warning);
    printWarning(warning);
  });
}

function printWarning(warning) {
  const code = warning.code ? `[${warning.code}] ` : "";
  let text = `(rusk:${process.pid}) ${code}${warning.name}: ${warning.message}\n`;
  if (warning.detail) text += `${warning.detail}\n`;
  internals.write(2, text);
}

// ---- stdio: streams made on first use, as Node's getters do ----
function defineStdio(p) {
  const make = {
    stdout: () => stdio().createWritableStdioStream(1),
    stderr: () => stdio().createWritableStdioStream(2),
    stdin: () => stdio().createStdin(),
  };
  for (const name of ["stdout", "stderr", "stdin"]) {
    let stream;
    Object.defineProperty(p, name, {
      get() {
        stream ??= make[name]();
        return stream;
      },
      enumerable: true,
      configurable: true,
    });
  }
}

function stdio() {
  return internals.requireBuiltin("rusk:internal/stdio");
}

upgrade(process);

export default process;
export { hrtime, cpuUsage, umask, kill, emitWarning, chdir };
