// node:console — Node's Console class and the global console. The global one writes straight
// to file descriptors 1 and 2 through the runtime (`internals.write`), so printing does not
// load the process module; colours follow Node's rules (TTY, FORCE_COLOR, NO_COLOR, TERM...).
import native from "rusk:native/process";

const internals = globalThis[Symbol.for("rusk.internals")];

// util.inspect is most of what console costs to load (~1 ms at start-up): it is loaded on first
// use, and `console.log` of plain strings and numbers without colours never needs it.
let inspectModule;
const inspectLib = () => (inspectModule ??= internals.requireBuiltin("rusk:internal/inspect"));
// Node's errors and validators are needed only by `new Console(...)` and on errors.
const errors = () => internals.requireBuiltin("rusk:internal/errors");

const kIsConsole = Symbol("kIsConsole");
const kGroupIndent = Symbol("kGroupIndent");
const kGroupIndentationWidth = Symbol("kGroupIndentationWidth");
const kCounts = Symbol("counts");
const kColorMode = Symbol("kColorMode");
const kInspectOptions = Symbol("kInspectOptions");

const kSecond = 1000;
const kMinute = 60 * kSecond;
const kHour = 60 * kMinute;
const kMaxGroupIndentation = 1000;

const noColorOptions = {};
const colorOptions = { colors: true };

function consoleStreamError(name) {
  return errors().nodeError(TypeError, "ERR_CONSOLE_WRITABLE_STREAM", `Console expects a writable stream instance for ${name}`);
}

// ---------------------------------------------------------------------------------------------
// The global console's streams: descriptors 1 and 2, written without buffering.

// The environment read live from the OS, without loading node:process.
const nativeEnv = new Proxy(
  {},
  {
    get: (_, key) => (typeof key === "string" ? (native.getenv(key) ?? undefined) : undefined),
    has: (_, key) => typeof key === "string" && native.getenv(key) != null,
  },
);

function descriptorStream(fd) {
  let tty;
  return {
    fd,
    get isTTY() {
      tty ??= native.isatty(fd);
      return tty;
    },
    getColorDepth() {
      return inspectLib().colorDepth(nativeEnv);
    },
    write(text) {
      internals.write(fd, text);
      return true;
    },
  };
}

const globalStdout = descriptorStream(1);
const globalStderr = descriptorStream(2);

/** Whether `stream` takes colours: FORCE_COLOR decides when set, else a colour TTY does. */
function streamWantsColors(stream) {
  const env = stream === globalStdout || stream === globalStderr ? nativeEnv : (globalThis.process?.env ?? {});
  if (env.FORCE_COLOR !== undefined) return inspectLib().colorDepth(env) > 2;
  return !!stream.isTTY && (typeof stream.getColorDepth === "function" ? stream.getColorDepth() > 2 : true);
}

// ---------------------------------------------------------------------------------------------
// Console

/** new Console(stdout[, stderr[, ignoreErrors]]) or new Console({ stdout, stderr, ... }). */
export function Console(options /* or: stdout, stderr, ignoreErrors */) {
  if (new.target === undefined) return Reflect.construct(Console, arguments);
  if (!options || typeof options.write === "function") {
    options = { stdout: options, stderr: arguments[1], ignoreErrors: arguments[2] };
  }
  const { stdout, stderr = stdout, ignoreErrors = true, colorMode = "auto", inspectOptions, groupIndentation } = options;
  if (!stdout || typeof stdout.write !== "function") throw consoleStreamError("stdout");
  if (!stderr || typeof stderr.write !== "function") throw consoleStreamError("stderr");
  const { ERR_INVALID_ARG_TYPE, nodeError, validateInteger, validateOneOf } = errors();
  validateOneOf(colorMode, "colorMode", ["auto", true, false]);
  if (groupIndentation !== undefined) validateInteger(groupIndentation, "groupIndentation", 0, kMaxGroupIndentation);
  if (inspectOptions !== undefined) {
    if (inspectOptions === null || typeof inspectOptions !== "object") throw ERR_INVALID_ARG_TYPE("options.inspectOptions", "object", inspectOptions);
    if (inspectOptions.colors !== undefined && options.colorMode !== undefined) {
      throw nodeError(TypeError, "ERR_INCOMPATIBLE_OPTION_PAIR", 'Option "options.inspectOptions.color" cannot be used in combination with option "colorMode"');
    }
  }
  // Methods are bound to the instance so that `const { log } = console` works; they are taken
  // from the instance so that subclasses can override them.
  for (const key of Object.keys(Console.prototype)) {
    this[key] = this[key].bind(this);
    Object.defineProperty(this[key], "name", { value: key });
  }
  bindStreams(this, stdout, stderr);
  bindProperties(this, ignoreErrors, colorMode, groupIndentation, inspectOptions);
}

Object.defineProperty(Console, Symbol.hasInstance, {
  value(instance) {
    return instance !== null && typeof instance === "object" && instance[kIsConsole] === true;
  },
});

function hidden(obj, key, value) {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: false, configurable: true });
}

// `put` defines each (non-enumerable) member: `hidden`, or for the global console a definer
// that leaves alone a member the program replaced on its stub.
function bindStreams(target, stdout, stderr, put = hidden) {
  put(target, "_stdout", stdout);
  put(target, "_stderr", stderr);
}

function bindProperties(target, ignoreErrors, colorMode, groupIndentation = 2, inspectOptions, put = hidden) {
  put(target, "_stdoutErrorHandler", writeErrorHandler(target, "_stdout"));
  put(target, "_stderrErrorHandler", writeErrorHandler(target, "_stderr"));
  put(target, "_ignoreErrors", !!ignoreErrors);
  put(target, "_times", new Map());
  put(target, kCounts, new Map());
  put(target, kColorMode, colorMode);
  put(target, kIsConsole, true);
  put(target, kGroupIndent, "");
  put(target, kGroupIndentationWidth, groupIndentation);
  put(target, kInspectOptions, inspectOptions);
}

// An asynchronous write error must not crash the process: give the stream a no-op listener.
function writeErrorHandler(target, streamKey) {
  return (err) => {
    const stream = target[streamKey];
    if (err !== null && err !== undefined && typeof stream?.listenerCount === "function" && stream.listenerCount("error") === 0) {
      stream.once("error", noop);
    }
  };
}

function noop() {}

function isStackOverflow(err) {
  return err !== null && typeof err === "object" && (err.name === "RangeError" || err.name === "InternalError") && /stack/i.test(String(err.message));
}

function writeToConsole(target, useStdout, string) {
  const stream = useStdout ? target._stdout : target._stderr;
  const groupIndent = target[kGroupIndent];
  if (groupIndent.length !== 0) {
    if (string.includes("\n")) string = string.replaceAll("\n", `\n${groupIndent}`);
    string = groupIndent + string;
  }
  string += "\n";
  if (target._ignoreErrors === false) return stream.write(string);
  // Errors may come synchronously (files, TTYs) or later (pipes): swallow both.
  const emitter = typeof stream.listenerCount === "function" && typeof stream.once === "function" && typeof stream.removeListener === "function";
  try {
    if (emitter && stream.listenerCount("error") === 0) stream.once("error", noop);
    stream.write(string, useStdout ? target._stdoutErrorHandler : target._stderrErrorHandler);
  } catch (err) {
    if (isStackOverflow(err)) throw err;
  } finally {
    if (emitter) stream.removeListener("error", noop);
  }
}

function inspectOptionsFor(target, stream) {
  let color = target[kColorMode];
  if (color === "auto") color = streamWantsColors(stream);
  const options = target[kInspectOptions];
  if (options) {
    if (options.colors === undefined) options.colors = color;
    return options;
  }
  return color ? colorOptions : noColorOptions;
}

function formatFor(target, stream, args) {
  const options = inspectOptionsFor(target, stream);
  if (options === noColorOptions || options === colorOptions) {
    const plain = formatPrimitives(args, options === colorOptions);
    if (plain !== undefined) return plain;
  }
  return inspectLib().formatWithOptions(options, ...args);
}

// What util.format prints for arguments that are all primitives, when that needs no inspect
// (`undefined`: use format). One function with the global console's stub (internals/globals.js),
// whose output must be this one's.
const formatPrimitives = (args, colors) => internals.formatPrimitives(args, () => colors);

const pad2 = (value) => `${value}`.padStart(2, "0");

/** `1.234ms`, `2.500s`, `1:02.003 (m:ss.mmm)`, `1:02:03.004 (h:mm:ss.mmm)`. */
function formatTime(ms) {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (ms >= kSecond) {
    if (ms >= kMinute) {
      if (ms >= kHour) {
        hours = Math.floor(ms / kHour);
        ms %= kHour;
      }
      minutes = Math.floor(ms / kMinute);
      ms %= kMinute;
    }
    seconds = ms / kSecond;
  }
  if (hours !== 0 || minutes !== 0) {
    const [wholeSeconds, millis] = seconds.toFixed(3).split(".");
    const res = hours !== 0 ? `${hours}:${pad2(minutes)}` : minutes;
    return `${res}:${pad2(wholeSeconds)}.${millis} (${hours !== 0 ? "h:m" : ""}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

const nowNs = () => native.hrtime();

function logElapsed(target, name, label, data) {
  const start = target._times.get(label);
  if (start === undefined) {
    process.emitWarning(`No such label '${label}' for ${name}`);
    return false;
  }
  const formatted = formatTime(Number(nowNs() - start) / 1e6);
  if (data === undefined) target.log("%s: %s", label, formatted);
  else target.log("%s: %s", label, formatted, ...data);
  return true;
}

// Table layout (Node 20: left-aligned cells in box-drawing borders).
function renderRow(row, widths) {
  let out = "│ ";
  for (let i = 0; i < row.length; i++) {
    const cell = row[i];
    out += cell + " ".repeat(widths[i] - inspectLib().getStringWidth(cell));
    if (i !== row.length - 1) out += " │ ";
  }
  return `${out} │`;
}

function renderTable(head, columns) {
  const rows = [];
  const widths = head.map((h) => inspectLib().getStringWidth(h));
  const longest = Math.max(...columns.map((c) => c.length));
  for (let i = 0; i < head.length; i++) {
    const column = columns[i];
    for (let j = 0; j < longest; j++) {
      rows[j] ??= [];
      const value = (rows[j][i] = Object.hasOwn(column, j) ? column[j] : "");
      widths[i] = Math.max(widths[i] || 0, inspectLib().getStringWidth(value));
    }
  }
  const divider = widths.map((w) => "─".repeat(w + 2));
  let result = `┌${divider.join("┬")}┐\n${renderRow(head, widths)}\n├${divider.join("┼")}┤\n`;
  for (const row of rows) result += `${renderRow(row, widths)}\n`;
  return `${result}└${divider.join("┴")}┘`;
}

function previewEntries(value) {
  const preview = internals?.previewEntries;
  return typeof preview === "function" ? preview(value) : undefined;
}

const consoleMethods = {
  log(...args) {
    writeToConsole(this, true, formatFor(this, this._stdout, args));
  },

  warn(...args) {
    writeToConsole(this, false, formatFor(this, this._stderr, args));
  },

  dir(object, options) {
    writeToConsole(this, true, inspectLib().inspect(object, { customInspect: false, ...inspectOptionsFor(this, this._stdout), ...options }));
  },

  time(label = "default") {
    label = `${label}`;
    if (this._times.has(label)) {
      process.emitWarning(`Label '${label}' already exists for console.time()`);
      return;
    }
    this._times.set(label, nowNs());
  },

  timeEnd(label = "default") {
    label = `${label}`;
    if (logElapsed(this, "console.timeEnd()", label)) this._times.delete(label);
  },

  timeLog(label = "default", ...data) {
    label = `${label}`;
    logElapsed(this, "console.timeLog()", label, data);
  },

  trace: function trace(...args) {
    const err = { name: "Trace", message: formatFor(this, this._stderr, args) };
    Error.captureStackTrace(err, trace);
    this.error(err.stack);
  },

  assert(expression, ...args) {
    if (!expression) {
      args[0] = `Assertion failed${args.length === 0 ? "" : `: ${args[0]}`}`;
      Reflect.apply(this.warn, this, args);
    }
  },

  // Only a terminal can be cleared: elsewhere this does nothing.
  clear() {
    const env = this._stdout === globalStdout ? nativeEnv : process.env;
    if (this._stdout.isTTY && env.TERM !== "dumb") {
      this._stdout.write("\u001b[1;1H");
      this._stdout.write("\u001b[0J");
    }
  },

  count(label = "default") {
    label = `${label}`;
    const counts = this[kCounts];
    const count = (counts.get(label) ?? 0) + 1;
    counts.set(label, count);
    this.log(`${label}: ${count}`);
  },

  countReset(label = "default") {
    const counts = this[kCounts];
    if (!counts.has(label)) {
      process.emitWarning(`Count for '${label}' does not exist`);
      return;
    }
    counts.delete(`${label}`);
  },

  group(...data) {
    if (data.length > 0) Reflect.apply(this.log, this, data);
    this[kGroupIndent] += " ".repeat(this[kGroupIndentationWidth]);
  },

  groupEnd() {
    this[kGroupIndent] = this[kGroupIndent].slice(0, this[kGroupIndent].length - this[kGroupIndentationWidth]);
  },

  table(tabularData, properties) {
    if (properties !== undefined) errors().validateArray(properties, "properties");
    if (tabularData === null || typeof tabularData !== "object") return this.log(tabularData);
    const print = (head, columns) => this.log(renderTable(head, columns));
    const show = (v) => {
      // Nested objects with more than two keys collapse to their type.
      const depth = v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 2 ? -1 : 0;
      return inspectLib().inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity, ...inspectOptionsFor(this, this._stdout) });
    };
    const indexColumn = (length) => Array.from({ length }, (_, i) => show(i));

    const mapIterator = inspectLib().types.isMapIterator(tabularData);
    let isKeyValue = false;
    if (mapIterator) {
      const preview = previewEntries(tabularData);
      if (preview !== undefined) [tabularData, isKeyValue] = preview;
    }
    if (isKeyValue || inspectLib().types.isMap(tabularData)) {
      const keys = [];
      const values = [];
      if (mapIterator) {
        for (let i = 0; i < tabularData.length / 2; i++) {
          keys.push(show(tabularData[i * 2]));
          values.push(show(tabularData[i * 2 + 1]));
        }
      } else {
        for (const [k, v] of tabularData) {
          keys.push(show(k));
          values.push(show(v));
        }
      }
      return print(["(iteration index)", "Key", "Values"], [indexColumn(keys.length), keys, values]);
    }

    const setIterator = inspectLib().types.isSetIterator(tabularData);
    if (setIterator) tabularData = previewEntries(tabularData)?.[0] ?? [];
    if (setIterator || mapIterator || inspectLib().types.isSet(tabularData)) {
      const values = [];
      for (const v of tabularData) values.push(show(v));
      return print(["(iteration index)", "Values"], [indexColumn(values.length), values]);
    }

    const columns = { __proto__: null };
    let hasPrimitives = false;
    const primitiveValues = [];
    const indexKeys = Object.keys(tabularData);
    for (let i = 0; i < indexKeys.length; i++) {
      const item = tabularData[indexKeys[i]];
      const primitive = item === null || (typeof item !== "function" && typeof item !== "object");
      if (properties === undefined && primitive) {
        hasPrimitives = true;
        primitiveValues[i] = show(item);
      } else {
        for (const key of properties || Object.keys(item)) {
          columns[key] ??= [];
          columns[key][i] = (primitive && properties) || !Object.hasOwn(item, key) ? "" : show(item[key]);
        }
      }
    }
    const head = Object.keys(columns);
    const values = Object.values(columns);
    if (hasPrimitives) {
      head.push("Values");
      values.push(primitiveValues);
    }
    head.unshift("(index)");
    values.unshift(indexKeys);
    return print(head, values);
  },
};
consoleMethods.debug = consoleMethods.log;
consoleMethods.info = consoleMethods.log;
consoleMethods.dirxml = consoleMethods.log;
consoleMethods.error = consoleMethods.warn;
consoleMethods.groupCollapsed = consoleMethods.group;

Object.assign(Console.prototype, consoleMethods);

// ---------------------------------------------------------------------------------------------
// The global console: not a Console instance by prototype, but `instanceof Console` holds.

// rusk_node's globals made the global console a stub (internals/globals.js): it becomes this
// console here, in place. A member the program replaced before is left as it is.
function makeGlobalConsole() {
  const stub = internals.consoleStub;
  let target;
  if (stub && !Object.isExtensible(stub.target)) {
    // Frozen (or sealed) before node:console loaded: the stub stays as it is and calls a
    // console of its own.
    target = Object.create(Object.getPrototypeOf(stub.target));
  } else if (stub) {
    target = stub.target;
  } else {
    target = Object.create({});
    Object.defineProperty(Object.getPrototypeOf(target), Symbol.toStringTag, { value: "console", writable: false, enumerable: false, configurable: true });
  }
  const real = {};
  // The stub's methods stay (calling these from now on), so that `console.log` is the same
  // function before and after, as in Node.
  const adopting = stub && stub.target === target;
  const originals = adopting ? stub.originals() : null;
  const define = (key, desc) => {
    real[key] = desc.value;
    if (adopting && originals.has(key)) {
      const now = Object.getOwnPropertyDescriptor(target, key);
      const original = originals.get(key);
      const pristine = now && (now.value === original || now.get === original);
      // A member the program replaced stays; the stub's methods stay too (they call these),
      // but for those whose own frame would show (`trace`'s stack).
      if (!pristine || (now.value === original && !stub.replace.has(key))) return;
    }
    Object.defineProperty(target, key, desc);
  };
  const data = (value, enumerable = true) => ({ value, writable: true, enumerable, configurable: true });
  for (const key of Reflect.ownKeys(Console.prototype)) {
    if (key === "constructor") continue;
    const desc = Object.getOwnPropertyDescriptor(Console.prototype, key);
    if (typeof desc.value === "function") {
      desc.value = desc.value.bind(target);
      Object.defineProperty(desc.value, "name", { value: key });
    }
    define(key, desc);
  }
  const put = (_, key, value) => (typeof key === "symbol" ? hidden(target, key, value) : define(key, data(value, false)));
  bindStreams(target, globalStdout, globalStderr, put);
  bindProperties(target, true, "auto", undefined, undefined, put);
  define("Console", data(Console));
  // The inspector's members: without an inspector they do nothing.
  define("profile", data(function profile() {}));
  define("profileEnd", data(function profileEnd() {}));
  define("timeStamp", data(function timeStamp() {}));
  define("context", data(function context() {
    const scoped = {};
    for (const key of Object.keys(Console.prototype)) scoped[key] = target[key];
    return scoped;
  }));
  define("createTask", data(function createTask() {
    return { run: (fn) => fn() };
  }));
  if (stub) {
    stub.real = real;
    stub.realTarget = target;
  }
  return target;
}

const globalConsole = makeGlobalConsole();

export default globalConsole;
export const {
  log,
  warn,
  dir,
  time,
  timeEnd,
  timeLog,
  trace,
  assert,
  clear,
  count,
  countReset,
  group,
  groupEnd,
  table,
  debug,
  info,
  dirxml,
  error,
  groupCollapsed,
  profile,
  profileEnd,
  timeStamp,
  context,
  createTask,
} = globalConsole;
