// node:util — Node 20's utilities. inspect/format and the type predicates live in
// rusk:internal/inspect (console and the error helpers use them too); this module adds the rest:
// promisify/callbackify, deprecate, deep equality, parseArgs, parseEnv, styleText, debuglog,
// MIME types, system error names and Node's legacy helpers.
import {
  inspect,
  format,
  formatWithOptions,
  types,
  stripVTControlCharacters,
  shouldColorize,
  customPromisifyArgs,
} from "rusk:internal/inspect";
import {
  ERR_INVALID_ARG_TYPE,
  ERR_INVALID_ARG_VALUE,
  ERR_OUT_OF_RANGE,
  nodeError,
  validateString,
  validateBoolean,
  validateArray,
  validateOneOf,
} from "rusk:internal/errors";
import osNative from "rusk:native/os";

export { inspect, format, formatWithOptions, types, stripVTControlCharacters };

// errors.js spells Function/Object expectations as "an instance of"; Node says "of type".
function validateFunction(value, name) {
  if (typeof value !== "function") throw ERR_INVALID_ARG_TYPE(name, "function", value);
}
function validatePlainObject(value, name) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw ERR_INVALID_ARG_TYPE(name, "object", value);
}

// ---------------------------------------------------------------------------------------------
// promisify / callbackify

const kCustomPromisified = Symbol.for("nodejs.util.promisify.custom");

/** Copies `source`'s own properties (all of them, with their attributes) onto `target`. */
function copyOwnProperties(target, source, adjust) {
  const descriptors = Object.getOwnPropertyDescriptors(source);
  if (adjust) adjust(descriptors);
  for (const desc of Object.values(descriptors)) Object.setPrototypeOf(desc, null);
  return Object.defineProperties(target, descriptors);
}

export function promisify(original) {
  validateFunction(original, "original");
  if (original[kCustomPromisified]) {
    const fn = original[kCustomPromisified];
    validateFunction(fn, "util.promisify.custom");
    return Object.defineProperty(fn, kCustomPromisified, { value: fn, enumerable: false, writable: false, configurable: true });
  }
  // Callbacks with several results (fs.read's bytesRead and buffer) resolve to an object.
  const argumentNames = original[customPromisifyArgs];
  function fn(...args) {
    return new Promise((resolve, reject) => {
      args.push((err, ...values) => {
        if (err) return reject(err);
        if (argumentNames !== undefined && values.length > 1) {
          const result = {};
          for (let i = 0; i < argumentNames.length; i++) result[argumentNames[i]] = values[i];
          resolve(result);
        } else {
          resolve(values[0]);
        }
      });
      Reflect.apply(original, this, args);
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, kCustomPromisified, { value: fn, enumerable: false, writable: false, configurable: true });
  return copyOwnProperties(fn, original);
}
promisify.custom = kCustomPromisified;

function falsyRejection(reason) {
  const err = nodeError(Error, "ERR_FALSY_VALUE_REJECTION", "Promise was rejected with falsy value");
  err.reason = reason;
  return err;
}

export function callbackify(original) {
  validateFunction(original, "original");
  function callbackified(...args) {
    const maybeCb = args.pop();
    validateFunction(maybeCb, "last argument");
    const cb = maybeCb.bind(this);
    // The callback runs on a later tick, outside the promise chain: its throws are uncaught.
    Reflect.apply(original, this, args).then(
      (value) => process.nextTick(cb, null, value),
      (reason) => process.nextTick(cb, reason ? reason : falsyRejection(reason)),
    );
  }
  return copyOwnProperties(callbackified, original, (descriptors) => {
    if (typeof descriptors.length?.value === "number") descriptors.length.value++;
    if (typeof descriptors.name?.value === "string") descriptors.name.value += "Callbackified";
  });
}

// ---------------------------------------------------------------------------------------------
// inherits / deprecate / legacy helpers

export function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) throw ERR_INVALID_ARG_TYPE("ctor", "function", ctor);
  if (superCtor === undefined || superCtor === null) throw ERR_INVALID_ARG_TYPE("superCtor", "function", superCtor);
  if (superCtor.prototype === undefined) throw ERR_INVALID_ARG_TYPE("superCtor.prototype", "object", superCtor.prototype);
  Object.defineProperty(ctor, "super_", { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

// Deprecation codes already warned about: each code warns once per process.
const warnedCodes = new Set();

export function deprecate(fn, msg, code) {
  if (code !== undefined) validateString(code, "code");
  let warned = false;
  function deprecated(...args) {
    if (!warned) {
      warned = true;
      if (code !== undefined) {
        if (!warnedCodes.has(code)) {
          warnedCodes.add(code);
          process.emitWarning(msg, "DeprecationWarning", code, deprecated);
        }
      } else {
        process.emitWarning(msg, "DeprecationWarning", deprecated);
      }
    }
    if (new.target) return Reflect.construct(fn, args, new.target);
    return Reflect.apply(fn, this, args);
  }
  // Keep fn's statics reachable and instances of either constructor interchangeable.
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

export function _extend(target, source) {
  if (source === null || typeof source !== "object") return target;
  for (const key of Object.keys(source)) target[key] = source[key];
  return target;
}

export const isArray = Array.isArray;
export const isBoolean = (arg) => typeof arg === "boolean";
export const isNull = (arg) => arg === null;
export const isNullOrUndefined = (arg) => arg === null || arg === undefined;
export const isNumber = (arg) => typeof arg === "number";
export const isString = (arg) => typeof arg === "string";
export const isSymbol = (arg) => typeof arg === "symbol";
export const isUndefined = (arg) => arg === undefined;
export const isRegExp = types.isRegExp;
export const isObject = (arg) => arg !== null && typeof arg === "object";
export const isDate = types.isDate;
export const isError = (arg) => Object.prototype.toString.call(arg) === "[object Error]" || arg instanceof Error;
export const isFunction = (arg) => typeof arg === "function";
export const isPrimitive = (arg) => arg === null || (typeof arg !== "object" && typeof arg !== "function");
export function isBuffer(arg) {
  return globalThis.Buffer.isBuffer(arg);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad2 = (n) => String(n).padStart(2, "0");

/** Deprecated util.log: `26 Feb 16:19:34 - message` on stdout. */
export function log(...args) {
  const d = new Date();
  const time = `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
  console.log("%s - %s", `${d.getDate()} ${MONTHS[d.getMonth()]} ${time}`, format(...args));
}

export function toUSVString(string) {
  return `${string}`.toWellFormed();
}

// ---------------------------------------------------------------------------------------------
// isDeepStrictEqual (Node's assert.deepStrictEqual rules)

function isEqualBoxedPrimitive(a, b) {
  if (types.isNumberObject(a)) return types.isNumberObject(b) && Object.is(Number.prototype.valueOf.call(a), Number.prototype.valueOf.call(b));
  if (types.isStringObject(a)) return types.isStringObject(b) && String.prototype.valueOf.call(a) === String.prototype.valueOf.call(b);
  if (types.isBooleanObject(a)) return types.isBooleanObject(b) && Boolean.prototype.valueOf.call(a) === Boolean.prototype.valueOf.call(b);
  if (types.isBigIntObject(a)) return types.isBigIntObject(b) && BigInt.prototype.valueOf.call(a) === BigInt.prototype.valueOf.call(b);
  return types.isSymbolObject(b) && Symbol.prototype.valueOf.call(a) === Symbol.prototype.valueOf.call(b);
}

function equalBytes(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
const bytesOf = (view) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);

/** Enumerable own keys that are not array indices (strings, then symbols). */
function nonIndexEnumerableKeys(value) {
  const keys = [];
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === "string" && /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295) continue;
    if (Object.prototype.propertyIsEnumerable.call(value, key)) keys.push(key);
  }
  return keys;
}

const isErrorLike = (v) => types.isNativeError(v) || v instanceof Error;

function deepEqual(a, b, memos) {
  if (a === b) return a !== 0 || Object.is(a, b);
  if (typeof a !== "object") return typeof a === "number" && Number.isNaN(a) && Number.isNaN(b);
  if (typeof b !== "object" || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const tag = Object.prototype.toString.call(a);
  if (tag !== Object.prototype.toString.call(b)) return false;

  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    const keysA = nonIndexEnumerableKeys(a);
    if (keysA.length !== nonIndexEnumerableKeys(b).length) return false;
    return compareKeys(a, b, memos, "array", keysA);
  }
  if (tag === "[object Object]") return compareKeys(a, b, memos, "none");
  if (types.isDate(a)) {
    if (!types.isDate(b) || Date.prototype.getTime.call(a) !== Date.prototype.getTime.call(b)) return false;
  } else if (types.isRegExp(a)) {
    if (!types.isRegExp(b) || a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false;
  } else if (isErrorLike(a)) {
    // The stack differs between otherwise identical errors: compare what describes them.
    if (!isErrorLike(b) || a.message !== b.message || a.name !== b.name) return false;
    for (const key of ["cause", "errors"]) {
      const hasA = Object.hasOwn(a, key);
      if (hasA !== Object.hasOwn(b, key) || (hasA && !deepEqual(a[key], b[key], memos))) return false;
    }
  } else if (ArrayBuffer.isView(a)) {
    if (!ArrayBuffer.isView(b) || !equalBytes(bytesOf(a), bytesOf(b))) return false;
    const keysA = nonIndexEnumerableKeys(a);
    if (keysA.length !== nonIndexEnumerableKeys(b).length) return false;
    return compareKeys(a, b, memos, "none", keysA);
  } else if (types.isSet(a)) {
    if (!types.isSet(b) || a.size !== b.size) return false;
    return compareKeys(a, b, memos, "set");
  } else if (types.isMap(a)) {
    if (!types.isMap(b) || a.size !== b.size) return false;
    return compareKeys(a, b, memos, "map");
  } else if (types.isAnyArrayBuffer(a)) {
    if (!types.isAnyArrayBuffer(b) || !equalBytes(new Uint8Array(a), new Uint8Array(b))) return false;
  } else if (types.isBoxedPrimitive(a)) {
    if (!isEqualBoxedPrimitive(a, b)) return false;
  } else if (Array.isArray(b) || ArrayBuffer.isView(b) || types.isSet(b) || types.isMap(b) || types.isDate(b) || types.isRegExp(b) || types.isAnyArrayBuffer(b) || types.isBoxedPrimitive(b) || isErrorLike(b)) {
    return false;
  }
  return compareKeys(a, b, memos, "none");
}

const enumerableSymbols = (value) => Object.getOwnPropertySymbols(value).filter((s) => Object.prototype.propertyIsEnumerable.call(value, s));

/** Same own enumerable keys with deep-equal values, then the contents of arrays, sets, maps. */
function compareKeys(a, b, memos, kind, keysA) {
  if (keysA === undefined) {
    keysA = Object.keys(a);
    if (keysA.length !== Object.keys(b).length) return false;
    for (const key of keysA) if (!Object.prototype.propertyIsEnumerable.call(b, key)) return false;
    const symbolsA = enumerableSymbols(a);
    const symbolsB = enumerableSymbols(b);
    if (symbolsA.length !== symbolsB.length) return false;
    for (const s of symbolsA) {
      if (!Object.prototype.propertyIsEnumerable.call(b, s)) return false;
      keysA.push(s);
    }
  } else {
    for (const key of keysA) if (!Object.prototype.propertyIsEnumerable.call(b, key)) return false;
  }
  if (keysA.length === 0 && (kind === "none" || (kind === "array" && a.length === 0) || ((kind === "set" || kind === "map") && a.size === 0))) return true;

  // Cycles: meeting again a pair of objects that are both being compared higher up, the
  // answer is whether they entered at the same depth (each keeps its first depth).
  if (memos === undefined) {
    memos = { a: new Map(), b: new Map(), position: 0 };
  } else {
    const posA = memos.a.get(a);
    if (posA !== undefined) {
      const posB = memos.b.get(b);
      if (posB !== undefined) return posA === posB;
    }
    memos.position++;
  }
  const enteredA = !memos.a.has(a);
  const enteredB = !memos.b.has(b);
  if (enteredA) memos.a.set(a, memos.position);
  if (enteredB) memos.b.set(b, memos.position);
  const equal = compareContents(a, b, memos, kind, keysA);
  if (enteredA) memos.a.delete(a);
  if (enteredB) memos.b.delete(b);
  return equal;
}

function compareContents(a, b, memos, kind, keys) {
  if (kind === "set" && !setEquiv(a, b, memos)) return false;
  if (kind === "map" && !mapEquiv(a, b, memos)) return false;
  if (kind === "array" && !arrayItemsEquiv(a, b, memos)) return false;
  for (const key of keys) if (!deepEqual(a[key], b[key], memos)) return false;
  return true;
}

function arrayItemsEquiv(a, b, memos) {
  for (let i = 0; i < a.length; i++) {
    if (Object.hasOwn(a, i)) {
      if (!Object.hasOwn(b, i) || !deepEqual(a[i], b[i], memos)) return false;
    } else if (Object.hasOwn(b, i)) {
      return false;
    } else {
      // Sparse: compare the remaining keys by name.
      const keysA = Object.keys(a);
      for (; i < keysA.length; i++) {
        const key = keysA[i];
        if (!Object.hasOwn(b, key) || !deepEqual(a[key], b[key], memos)) return false;
      }
      return keysA.length === Object.keys(b).length;
    }
  }
  return true;
}

function setEquiv(a, b, memos) {
  // Objects need a pairwise search; primitives are found by `has`.
  let pending = null;
  for (const value of a) {
    if (typeof value === "object" && value !== null) (pending ??= new Set()).add(value);
    else if (!b.has(value)) return false;
  }
  if (pending === null) return true;
  for (const value of b) {
    if (typeof value === "object" && value !== null && !takeEqual(pending, (candidate) => deepEqual(value, candidate, memos))) return false;
  }
  return pending.size === 0;
}

function mapEquiv(a, b, memos) {
  let pending = null;
  for (const [key, value] of a) {
    if (typeof key === "object" && key !== null) {
      (pending ??= new Set()).add(key);
    } else {
      const other = b.get(key);
      if ((other === undefined && !b.has(key)) || !deepEqual(value, other, memos)) return false;
    }
  }
  if (pending === null) return true;
  for (const [key, value] of b) {
    if (typeof key !== "object" || key === null) continue;
    if (!takeEqual(pending, (candidate) => deepEqual(key, candidate, memos) && deepEqual(value, a.get(candidate), memos))) return false;
  }
  return pending.size === 0;
}

/** Removes and reports the first member of `set` that `matches`. */
function takeEqual(set, matches) {
  for (const candidate of set) {
    if (matches(candidate)) {
      set.delete(candidate);
      return true;
    }
  }
  return false;
}

export function isDeepStrictEqual(a, b) {
  return deepEqual(a, b, undefined);
}

// ---------------------------------------------------------------------------------------------
// styleText / debuglog

// Node's stream predicates are duck-typed the same way.
const isNodeStream = (s) =>
  !!s && (s._readableState !== undefined || s._writableState !== undefined || (typeof s.write === "function" && typeof s.on === "function") || (typeof s.pipe === "function" && typeof s.on === "function"));
const isWebReadableStream = (s) => !!s && !isNodeStream(s) && typeof s.pipeThrough === "function" && typeof s.getReader === "function" && typeof s.cancel === "function";
const isWebWritableStream = (s) => !!s && !isNodeStream(s) && typeof s.getWriter === "function" && typeof s.abort === "function";

export function styleText(format, text, { validateStream = true, stream = process.stdout } = {}) {
  validateString(text, "text");
  validateBoolean(validateStream, "options.validateStream");
  let skipColorize = false;
  if (validateStream) {
    if (!isWebReadableStream(stream) && !isWebWritableStream(stream) && !isNodeStream(stream)) {
      throw ERR_INVALID_ARG_TYPE("stream", ["ReadableStream", "WritableStream", "Stream"], stream);
    }
    skipColorize = !shouldColorize(stream);
  }
  let left = "";
  let right = "";
  for (const key of Array.isArray(format) ? format : [format]) {
    const codes = inspect.colors[key];
    if (codes == null) validateOneOf(key, "format", Object.keys(inspect.colors));
    left += `\u001b[${codes[0]}m`;
    right = `\u001b[${codes[1]}m${right}`;
  }
  // Node 20 styles an array of formats even for streams without colours (only a single
  // format is left plain): kept for identical output.
  return skipColorize && !Array.isArray(format) ? text : `${left}${text}${right}`;
}

let debugPattern;
function debugEnabled(section) {
  if (debugPattern === undefined) {
    const spec = process.env.NODE_DEBUG;
    // "fs,net*" → /^fs$|^net.*$/i
    debugPattern = spec
      ? new RegExp(`^${spec.replace(/[|\\{}()[\]^$+?.]/g, "\\$&").replaceAll("*", ".*").replaceAll(",", "$|^")}$`, "i")
      : null;
  }
  return debugPattern !== null && debugPattern.test(section);
}

const debugImpls = Object.create(null);
const noop = () => {};

function debugImplFor(section, enabled) {
  if (debugImpls[section] === undefined) {
    if (enabled) {
      if (section === "HTTP" || section === "HTTP2") {
        process.emitWarning(`Setting the NODE_DEBUG environment variable to '${section.toLowerCase()}' can expose sensitive data (such as passwords, tokens and authentication headers) in the resulting log.`);
      }
      debugImpls[section] = function debug(...args) {
        const colors = shouldColorize(process.stderr);
        const message = formatWithOptions({ colors }, ...args);
        process.stderr.write(format("%s %s: %s\n", section, inspect(process.pid, { colors }), message));
      };
    } else {
      debugImpls[section] = noop;
    }
  }
  return debugImpls[section];
}

/** util.debuglog(section[, callback]): a logger active when NODE_DEBUG names the section. */
export function debuglog(section, callback) {
  let enabled;
  const init = () => {
    section = section.toUpperCase();
    enabled = debugEnabled(section);
  };
  // Resolved on first use, as NODE_DEBUG may be set after the logger is made.
  let debug = (...args) => {
    init();
    debug = debugImplFor(section, enabled);
    if (typeof callback === "function") callback(debug);
    debug(...args);
  };
  let test = () => {
    init();
    test = () => enabled;
    return enabled;
  };
  const logger = (...args) => debug(...args);
  Object.defineProperty(logger, "name", { value: "logger" });
  Object.defineProperty(logger, "enabled", {
    get() {
      return test();
    },
    configurable: true,
    enumerable: true,
  });
  return logger;
}
export const debug = debuglog;

// ---------------------------------------------------------------------------------------------
// System errors

// libuv's error names and messages in libuv's order, with Linux numbers; the numbers of this
// OS come from rusk:native/os where it knows the name.
const UV_ERRORS = [
  ["E2BIG", 7, "argument list too long"],
  ["EACCES", 13, "permission denied"],
  ["EADDRINUSE", 98, "address already in use"],
  ["EADDRNOTAVAIL", 99, "address not available"],
  ["EAFNOSUPPORT", 97, "address family not supported"],
  ["EAGAIN", 11, "resource temporarily unavailable"],
  ["EAI_ADDRFAMILY", 3000, "address family not supported"],
  ["EAI_AGAIN", 3001, "temporary failure"],
  ["EAI_BADFLAGS", 3002, "bad ai_flags value"],
  ["EAI_BADHINTS", 3013, "invalid value for hints"],
  ["EAI_CANCELED", 3003, "request canceled"],
  ["EAI_FAIL", 3004, "permanent failure"],
  ["EAI_FAMILY", 3005, "ai_family not supported"],
  ["EAI_MEMORY", 3006, "out of memory"],
  ["EAI_NODATA", 3007, "no address"],
  ["EAI_NONAME", 3008, "unknown node or service"],
  ["EAI_OVERFLOW", 3009, "argument buffer overflow"],
  ["EAI_PROTOCOL", 3014, "resolved protocol is unknown"],
  ["EAI_SERVICE", 3010, "service not available for socket type"],
  ["EAI_SOCKTYPE", 3011, "socket type not supported"],
  ["EALREADY", 114, "connection already in progress"],
  ["EBADF", 9, "bad file descriptor"],
  ["EBUSY", 16, "resource busy or locked"],
  ["ECANCELED", 125, "operation canceled"],
  ["ECHARSET", 4080, "invalid Unicode character"],
  ["ECONNABORTED", 103, "software caused connection abort"],
  ["ECONNREFUSED", 111, "connection refused"],
  ["ECONNRESET", 104, "connection reset by peer"],
  ["EDESTADDRREQ", 89, "destination address required"],
  ["EEXIST", 17, "file already exists"],
  ["EFAULT", 14, "bad address in system call argument"],
  ["EFBIG", 27, "file too large"],
  ["EHOSTUNREACH", 113, "host is unreachable"],
  ["EINTR", 4, "interrupted system call"],
  ["EINVAL", 22, "invalid argument"],
  ["EIO", 5, "i/o error"],
  ["EISCONN", 106, "socket is already connected"],
  ["EISDIR", 21, "illegal operation on a directory"],
  ["ELOOP", 40, "too many symbolic links encountered"],
  ["EMFILE", 24, "too many open files"],
  ["EMSGSIZE", 90, "message too long"],
  ["ENAMETOOLONG", 36, "name too long"],
  ["ENETDOWN", 100, "network is down"],
  ["ENETUNREACH", 101, "network is unreachable"],
  ["ENFILE", 23, "file table overflow"],
  ["ENOBUFS", 105, "no buffer space available"],
  ["ENODEV", 19, "no such device"],
  ["ENOENT", 2, "no such file or directory"],
  ["ENOMEM", 12, "not enough memory"],
  ["ENONET", 64, "machine is not on the network"],
  ["ENOPROTOOPT", 92, "protocol not available"],
  ["ENOSPC", 28, "no space left on device"],
  ["ENOSYS", 38, "function not implemented"],
  ["ENOTCONN", 107, "socket is not connected"],
  ["ENOTDIR", 20, "not a directory"],
  ["ENOTEMPTY", 39, "directory not empty"],
  ["ENOTSOCK", 88, "socket operation on non-socket"],
  ["ENOTSUP", 95, "operation not supported on socket"],
  ["EOVERFLOW", 75, "value too large for defined data type"],
  ["EPERM", 1, "operation not permitted"],
  ["EPIPE", 32, "broken pipe"],
  ["EPROTO", 71, "protocol error"],
  ["EPROTONOSUPPORT", 93, "protocol not supported"],
  ["EPROTOTYPE", 91, "protocol wrong type for socket"],
  ["ERANGE", 34, "result too large"],
  ["EROFS", 30, "read-only file system"],
  ["ESHUTDOWN", 108, "cannot send after transport endpoint shutdown"],
  ["ESPIPE", 29, "invalid seek"],
  ["ESRCH", 3, "no such process"],
  ["ETIMEDOUT", 110, "connection timed out"],
  ["ETXTBSY", 26, "text file is busy"],
  ["EXDEV", 18, "cross-device link not permitted"],
  ["UNKNOWN", 4094, "unknown error"],
  ["EOF", 4095, "end of file"],
  ["ENXIO", 6, "no such device or address"],
  ["EMLINK", 31, "too many links"],
  ["EHOSTDOWN", 112, "host is down"],
  ["EREMOTEIO", 121, "remote I/O error"],
  ["ENOTTY", 25, "inappropriate ioctl for device"],
  ["EFTYPE", 4028, "inappropriate file type or format"],
  ["EILSEQ", 84, "illegal byte sequence"],
  ["ESOCKTNOSUPPORT", 94, "socket type not supported"],
  ["ENODATA", 61, "no data available"],
  ["EUNATCH", 49, "protocol driver not attached"],
];

let errorMap;
function systemErrors() {
  if (errorMap === undefined) {
    const local = osNative.errno ?? {};
    // Only the plain errno names differ between systems; libuv's own codes are fixed.
    errorMap = new Map(UV_ERRORS.map(([name, linux, message]) => [-(linux < 1000 && Number.isInteger(local[name]) ? local[name] : linux), [name, message]]));
  }
  return errorMap;
}

function errorName(err) {
  return systemErrors().get(err)?.[0] ?? `Unknown system error ${err}`;
}

export function getSystemErrorName(err) {
  if (typeof err !== "number") throw ERR_INVALID_ARG_TYPE("err", "number", err);
  if (err >= 0 || !Number.isSafeInteger(err)) throw ERR_OUT_OF_RANGE("err", "a negative integer", err);
  return errorName(err);
}

export function getSystemErrorMap() {
  return new Map(systemErrors());
}

export function _errnoException(err, syscall, original) {
  const code = errorName(err);
  const ex = new Error(original ? `${syscall} ${code} ${original}` : `${syscall} ${code}`);
  ex.errno = err;
  ex.code = code;
  ex.syscall = syscall;
  return ex;
}

export function _exceptionWithHostPort(err, syscall, address, port, additional) {
  const code = errorName(err);
  let details = "";
  if (port && port > 0) details = ` ${address}:${port}`;
  else if (address) details = ` ${address}`;
  if (additional) details += ` - Local (${additional})`;
  const ex = new Error(`${syscall} ${code}${details}`);
  ex.errno = err;
  ex.code = code;
  ex.syscall = syscall;
  ex.address = address;
  if (port) ex.port = port;
  return ex;
}

// ---------------------------------------------------------------------------------------------
// AbortSignal helpers

function validateAbortSignalArg(signal, name) {
  if (signal === null || typeof signal !== "object" || !("aborted" in signal)) throw ERR_INVALID_ARG_TYPE(name, "AbortSignal", signal);
}

// A resource that is collected before its signal aborts leaves the promise pending forever
// and drops the listener.
const abortedRegistry = new FinalizationRegistry((stop) => stop());

/** Resolves (with the abort event) when `signal` aborts, for as long as `resource` is alive. */
export async function aborted(signal, resource) {
  validateAbortSignalArg(signal, "signal");
  if (resource === null || (typeof resource !== "object" && typeof resource !== "function")) throw ERR_INVALID_ARG_TYPE("resource", "object", resource);
  if (signal.aborted) return;
  let resolve;
  const promise = new Promise((r) => (resolve = r));
  signal.addEventListener("abort", resolve, { once: true });
  const stop = () => signal.removeEventListener("abort", resolve);
  abortedRegistry.register(resource, stop, stop);
  try {
    return await promise;
  } finally {
    abortedRegistry.unregister(stop);
  }
}

/** Structured cloning of signals does not exist in rusk: signals are returned as they are. */
export function transferableAbortSignal(signal) {
  validateAbortSignalArg(signal, "signal");
  return signal;
}

export function transferableAbortController() {
  return new AbortController();
}

// ---------------------------------------------------------------------------------------------
// parseEnv (dotenv content)

const trimSpaces = (s) => s.replace(/^ +| +$/g, "");

/** Parses `.env` text as Node's dotenv reader does (keys come out in sorted order). */
export function parseEnv(content) {
  validateString(content, "content");
  const parsed = new Map();
  let text = trimSpaces(content.replaceAll("\r", ""));
  while (text.length > 0) {
    // Blank lines and comment lines (that end with a newline) are skipped.
    if (text[0] === "\n" || text[0] === "#") {
      const newline = text.indexOf("\n");
      if (newline !== -1) {
        text = text.slice(newline + 1);
        continue;
      }
    }
    const equal = text.indexOf("=");
    if (equal === -1) break;
    let key = trimSpaces(text.slice(0, equal));
    text = trimSpaces(text.slice(equal + 1));
    if (key === "") break;
    if (key.startsWith("export ")) key = key.slice(7);
    if (text === "") {
      parsed.set(key, "");
      break;
    }
    const quote = text[0];
    if (quote === '"' || quote === "'" || quote === "`") {
      const closing = text.indexOf(quote, 1);
      if (closing === -1) {
        // An unclosed quote takes the rest of its line as the value, quote included.
        const newline = text.indexOf("\n");
        if (newline === -1) break;
        parsed.set(key, text.slice(0, newline));
        text = text.slice(newline);
        continue;
      }
      const value = text.slice(1, closing);
      parsed.set(key, quote === '"' ? value.replaceAll("\\n", "\n") : value);
      const newline = text.indexOf("\n", closing + 1);
      text = newline === -1 ? "" : text.slice(newline);
      continue;
    }
    const newline = text.indexOf("\n");
    let value = newline === -1 ? text : text.slice(0, newline);
    const hash = value.indexOf("#");
    if (hash !== -1) value = value.slice(0, hash);
    parsed.set(key, trimSpaces(value));
    text = newline === -1 ? "" : text.slice(newline);
  }
  const env = {};
  for (const key of [...parsed.keys()].sort()) env[key] = parsed.get(key);
  return env;
}

// ---------------------------------------------------------------------------------------------
// parseArgs

const objectGetOwn = (obj, prop) => (Object.hasOwn(obj, prop) ? obj[prop] : undefined);
const optionsGetOwn = (options, longOption, prop) => (Object.hasOwn(options, longOption) ? objectGetOwn(options[longOption], prop) : undefined);

function findLongOptionForShort(shortOption, options) {
  for (const longOption of Object.keys(options)) {
    if (optionsGetOwn(options, longOption, "short") === shortOption) return longOption;
  }
  return shortOption;
}

const isLoneShortOption = (arg) => arg.length === 2 && arg[0] === "-" && arg[1] !== "-";
const isLoneLongOption = (arg) => arg.length > 2 && arg.startsWith("--") && !arg.includes("=", 3);
const isLongOptionAndValue = (arg) => arg.length > 2 && arg.startsWith("--") && arg.includes("=", 3);
const isOptionValue = (value) => value != null;
const isOptionLikeValue = (value) => value != null && value.length > 1 && value[0] === "-";

/** `-abc` where `-a` is not a string option: a group of short flags. */
function isShortOptionGroup(arg, options) {
  if (arg.length <= 2 || arg[0] !== "-" || arg[1] === "-") return false;
  return optionsGetOwn(options, findLongOptionForShort(arg[1], options), "type") !== "string";
}

/** `-fVALUE` where `-f` is a string option. */
function isShortOptionAndValue(arg, options) {
  if (arg.length <= 2 || arg[0] !== "-" || arg[1] === "-") return false;
  return optionsGetOwn(options, findLongOptionForShort(arg[1], options), "type") === "string";
}

const parseArgsError = (code, message) => nodeError(TypeError, code, message);

function argsToTokens(args, options) {
  const tokens = [];
  let index = -1;
  let groupCount = 0;
  const remaining = args.slice();
  while (remaining.length > 0) {
    const arg = remaining.shift();
    const nextArg = remaining[0];
    // Expanded short groups share the index of the argument they came from.
    if (groupCount > 0) groupCount--;
    else index++;

    if (arg === "--") {
      tokens.push({ kind: "option-terminator", index });
      for (const value of remaining) tokens.push({ kind: "positional", index: ++index, value });
      break;
    }
    if (isLoneShortOption(arg)) {
      const longOption = findLongOptionForShort(arg[1], options);
      let value;
      let inlineValue;
      if (optionsGetOwn(options, longOption, "type") === "string" && isOptionValue(nextArg)) {
        value = remaining.shift();
        inlineValue = false;
      }
      tokens.push({ kind: "option", name: longOption, rawName: arg, index, value, inlineValue });
      if (value != null) ++index;
      continue;
    }
    if (isShortOptionGroup(arg, options)) {
      const expanded = [];
      for (let i = 1; i < arg.length; i++) {
        const longOption = findLongOptionForShort(arg[i], options);
        if (optionsGetOwn(options, longOption, "type") !== "string" || i === arg.length - 1) {
          expanded.push(`-${arg[i]}`);
        } else {
          // A string option inside the group takes the rest as its value: -abfFILE.
          expanded.push(`-${arg.slice(i)}`);
          break;
        }
      }
      remaining.unshift(...expanded);
      groupCount = expanded.length;
      continue;
    }
    if (isShortOptionAndValue(arg, options)) {
      const longOption = findLongOptionForShort(arg[1], options);
      tokens.push({ kind: "option", name: longOption, rawName: `-${arg[1]}`, index, value: arg.slice(2), inlineValue: true });
      continue;
    }
    if (isLoneLongOption(arg)) {
      const longOption = arg.slice(2);
      let value;
      let inlineValue;
      if (optionsGetOwn(options, longOption, "type") === "string" && isOptionValue(nextArg)) {
        value = remaining.shift();
        inlineValue = false;
      }
      tokens.push({ kind: "option", name: longOption, rawName: arg, index, value, inlineValue });
      if (value != null) ++index;
      continue;
    }
    if (isLongOptionAndValue(arg)) {
      const equal = arg.indexOf("=");
      const longOption = arg.slice(2, equal);
      tokens.push({ kind: "option", name: longOption, rawName: `--${longOption}`, index, value: arg.slice(equal + 1), inlineValue: true });
      continue;
    }
    tokens.push({ kind: "positional", index, value: arg });
  }
  return tokens;
}

function unknownOption(config, token) {
  const hint = config.allowPositionals
    ? `. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- ${JSON.stringify(token.rawName)}`
    : "";
  return parseArgsError("ERR_PARSE_ARGS_UNKNOWN_OPTION", `Unknown option '${token.rawName}'${hint}`);
}

function checkOptionUsage(config, token) {
  let name = token.name;
  if (!Object.hasOwn(config.options, name)) {
    // With allowNegative, --no-foo stands for the boolean option foo.
    if (!config.allowNegative || !name.startsWith("no-")) throw unknownOption(config, token);
    name = name.slice(3);
    if (!Object.hasOwn(config.options, name) || optionsGetOwn(config.options, name, "type") !== "boolean") throw unknownOption(config, token);
  }
  const short = optionsGetOwn(config.options, name, "short");
  const shortAndLong = `${short ? `-${short}, ` : ""}--${name}`;
  const type = optionsGetOwn(config.options, name, "type");
  if (type === "string" && typeof token.value !== "string") {
    throw parseArgsError("ERR_PARSE_ARGS_INVALID_OPTION_VALUE", `Option '${shortAndLong} <value>' argument missing`);
  }
  if (type === "boolean" && token.value != null) {
    throw parseArgsError("ERR_PARSE_ARGS_INVALID_OPTION_VALUE", `Option '${shortAndLong}' does not take an argument`);
  }
}

function checkOptionLikeValue(token) {
  if (!token.inlineValue && isOptionLikeValue(token.value)) {
    const example = token.rawName.startsWith("--") ? `'${token.rawName}=-XYZ'` : `'--${token.name}=-XYZ' or '${token.rawName}-XYZ'`;
    throw parseArgsError(
      "ERR_PARSE_ARGS_INVALID_OPTION_VALUE",
      `Option '${token.rawName}' argument is ambiguous.\nDid you forget to specify the option argument for '${token.rawName}'?\nTo specify an option argument starting with a dash use ${example}.`,
    );
  }
}

function storeOption(token, options, values, allowNegative) {
  const negated = allowNegative && token.name.startsWith("no-") && token.value === undefined;
  // --no-foo stores false under foo (the token is renamed too, as Node does).
  if (negated) token.name = token.name.slice(3);
  const longOption = token.name;
  if (longOption === "__proto__") return;
  const value = negated ? false : (token.value ?? true);
  if (optionsGetOwn(options, longOption, "multiple")) {
    if (values[longOption]) values[longOption].push(value);
    else values[longOption] = [value];
  } else {
    values[longOption] = value;
  }
}

function validateTypedArray(value, name, type) {
  validateArray(value, name);
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== type) throw ERR_INVALID_ARG_TYPE(`${name}[${i}]`, type, value[i]);
  }
}

function validateOptionConfig(longOption, config) {
  if (config === null || typeof config !== "object" || Array.isArray(config)) throw ERR_INVALID_ARG_TYPE(`options.${longOption}`, "object", config);
  const type = objectGetOwn(config, "type");
  if (type !== "string" && type !== "boolean") throw ERR_INVALID_ARG_TYPE(`options.${longOption}.type`, "('string|boolean')", type);
  if (Object.hasOwn(config, "short")) {
    const short = config.short;
    validateString(short, `options.${longOption}.short`);
    if (short.length !== 1) throw ERR_INVALID_ARG_VALUE(`options.${longOption}.short`, short, "must be a single character");
  }
  const multiple = objectGetOwn(config, "multiple");
  if (Object.hasOwn(config, "multiple")) validateBoolean(multiple, `options.${longOption}.multiple`);
  const defaultValue = objectGetOwn(config, "default");
  if (defaultValue !== undefined) {
    const name = `options.${longOption}.default`;
    if (multiple) validateTypedArray(defaultValue, name, type);
    else if (type === "string") validateString(defaultValue, name);
    else validateBoolean(defaultValue, name);
  }
}

/** The command line after the runtime and script (after the runtime alone for -e/-p). */
function mainArgs() {
  const execArgv = process.execArgv ?? [];
  if (execArgv.includes("-e") || execArgv.includes("--eval") || execArgv.includes("-p") || execArgv.includes("--print")) return process.argv.slice(1);
  return process.argv.slice(2);
}

export function parseArgs(config = {}) {
  const args = objectGetOwn(config, "args") ?? mainArgs();
  const strict = objectGetOwn(config, "strict") ?? true;
  const allowPositionals = objectGetOwn(config, "allowPositionals") ?? !strict;
  const returnTokens = objectGetOwn(config, "tokens") ?? false;
  const allowNegative = objectGetOwn(config, "allowNegative") ?? false;
  const options = objectGetOwn(config, "options") ?? { __proto__: null };
  const parseConfig = { args, strict, options, allowPositionals, allowNegative };

  validateArray(args, "args");
  validateBoolean(strict, "strict");
  validateBoolean(allowPositionals, "allowPositionals");
  validateBoolean(returnTokens, "tokens");
  validateBoolean(allowNegative, "allowNegative");
  validatePlainObject(options, "options");
  for (const [longOption, optionConfig] of Object.entries(options)) validateOptionConfig(longOption, optionConfig);

  const tokens = argsToTokens(args, options);
  const result = { values: { __proto__: null }, positionals: [] };
  for (const token of tokens) {
    if (token.kind === "option") {
      if (strict) {
        checkOptionUsage(parseConfig, token);
        checkOptionLikeValue(token);
      }
      storeOption(token, options, result.values, allowNegative);
    } else if (token.kind === "positional") {
      if (!allowPositionals) {
        throw parseArgsError("ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL", `Unexpected argument '${token.value}'. This command does not take positional arguments`);
      }
      result.positionals.push(token.value);
    }
  }
  for (const [longOption, optionConfig] of Object.entries(options)) {
    const defaultValue = objectGetOwn(optionConfig, "default");
    if (defaultValue !== undefined && result.values[longOption] === undefined && longOption !== "__proto__") {
      result.values[longOption] = defaultValue;
    }
  }
  if (returnTokens) result.tokens = tokens;
  return result;
}

// ---------------------------------------------------------------------------------------------
// MIMEType / MIMEParams (WHATWG MIME Sniffing: parsing and serialising)

const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~A-Za-z0-9]+$/;
const NOT_HTTP_TOKEN = /[^!#$%&'*+\-.^_`|~A-Za-z0-9]/;
const NOT_QUOTED_STRING_TOKEN = /[^\t\u0020-\u007e\u0080-\u00ff]/;
const HTTP_WHITESPACE_EDGES = /^[\t\n\r ]+|[\t\n\r ]+$/g;

function mimeSyntaxError(production, str, invalidIndex) {
  const at = invalidIndex !== -1 ? ` at ${invalidIndex}` : "";
  return nodeError(TypeError, "ERR_INVALID_MIME_SYNTAX", `The MIME syntax for a ${production} in "${str}" is invalid${at}`);
}

/** A lowercased HTTP token, or a syntax error naming `production`. */
function validToken(value, production) {
  const str = `${value}`;
  if (str.length === 0) throw mimeSyntaxError(production, str, -1);
  const bad = NOT_HTTP_TOKEN.exec(str);
  if (bad !== null) throw mimeSyntaxError(production, str, bad.index);
  return str.toLowerCase();
}

/** An HTTP quoted string starting at `pos` (on the quote): [value, position after it]. */
function collectQuotedString(str, pos) {
  let value = "";
  pos++;
  while (pos < str.length) {
    const stop = str.slice(pos).search(/["\\]/);
    if (stop === -1) {
      value += str.slice(pos);
      pos = str.length;
      break;
    }
    value += str.slice(pos, pos + stop);
    pos += stop;
    if (str[pos] === "\\") {
      pos++;
      if (pos >= str.length) {
        value += "\\";
        break;
      }
      value += str[pos];
      pos++;
    } else {
      pos++;
      break;
    }
  }
  return [value, pos];
}

function parseMimeParameters(str, pos, params) {
  while (pos < str.length) {
    pos++; // past ';'
    while (pos < str.length && /[\t\n\r ]/.test(str[pos])) pos++;
    let end = pos;
    while (end < str.length && str[end] !== ";" && str[end] !== "=") end++;
    const name = str.slice(pos, end).toLowerCase();
    pos = end;
    if (pos < str.length) {
      if (str[pos] === ";") continue;
      pos++; // past '='
    }
    if (pos >= str.length) break;
    let value;
    if (str[pos] === '"') {
      [value, pos] = collectQuotedString(str, pos);
      while (pos < str.length && str[pos] !== ";") pos++;
    } else {
      end = pos;
      while (end < str.length && str[end] !== ";") end++;
      value = str.slice(pos, end).replace(/[\t\n\r ]+$/, "");
      pos = end;
      if (value === "") continue;
    }
    if (name !== "" && HTTP_TOKEN.test(name) && !NOT_QUOTED_STRING_TOKEN.test(value) && !params.has(name)) params.set(name, value);
  }
}

const paramsData = new WeakMap();

export class MIMEParams {
  #data = new Map();

  constructor() {
    paramsData.set(this, this.#data);
  }
  delete(name) {
    this.#data.delete(name);
  }
  get(name) {
    const value = this.#data.get(name);
    return value === undefined ? null : value;
  }
  has(name) {
    return this.#data.has(name);
  }
  set(name, value) {
    name = `${name}`;
    value = `${value}`;
    const badName = name.length === 0 ? -1 : (NOT_HTTP_TOKEN.exec(name)?.index ?? null);
    if (badName !== null) throw mimeSyntaxError("parameter name", name, badName);
    const badValue = NOT_QUOTED_STRING_TOKEN.exec(value);
    if (badValue !== null) throw mimeSyntaxError("parameter value", value, badValue.index);
    this.#data.set(name, value);
  }
  *entries() {
    yield* this.#data.entries();
  }
  *keys() {
    yield* this.#data.keys();
  }
  *values() {
    yield* this.#data.values();
  }
  toString() {
    let out = "";
    for (const [name, value] of this.#data) {
      const shown = value === "" || NOT_HTTP_TOKEN.test(value) ? `"${value.replace(/["\\]/g, "\\$&")}"` : value;
      out += `;${name}=${shown}`;
    }
    return out;
  }
  toJSON() {
    return this.toString();
  }
}
MIMEParams.prototype[Symbol.iterator] = MIMEParams.prototype.entries;

export class MIMEType {
  #type;
  #subtype;
  #params = new MIMEParams();

  constructor(string) {
    const input = `${string}`;
    const str = input.replace(HTTP_WHITESPACE_EDGES, "");
    const slash = str.indexOf("/");
    const type = slash === -1 ? str : str.slice(0, slash);
    // Errors quote the whole input and point into the failing part.
    if (type === "" || NOT_HTTP_TOKEN.test(type)) throw mimeSyntaxError("type", input, type === "" ? -1 : NOT_HTTP_TOKEN.exec(type).index);
    if (slash === -1) throw mimeSyntaxError("type", input, -1);
    let end = slash + 1;
    while (end < str.length && str[end] !== ";") end++;
    const subtype = str.slice(slash + 1, end).replace(/[\t\n\r ]+$/, "");
    if (subtype === "" || NOT_HTTP_TOKEN.test(subtype)) throw mimeSyntaxError("subtype", input, subtype === "" ? -1 : NOT_HTTP_TOKEN.exec(subtype).index);
    this.#type = type.toLowerCase();
    this.#subtype = subtype.toLowerCase();
    parseMimeParameters(str, end, paramsData.get(this.#params));
  }
  get type() {
    return this.#type;
  }
  set type(value) {
    this.#type = validToken(value, "type");
  }
  get subtype() {
    return this.#subtype;
  }
  set subtype(value) {
    this.#subtype = validToken(value, "subtype");
  }
  get essence() {
    return `${this.#type}/${this.#subtype}`;
  }
  get params() {
    return this.#params;
  }
  toString() {
    return `${this.essence}${this.#params.toString()}`;
  }
  toJSON() {
    return this.toString();
  }
}

export const TextEncoder = globalThis.TextEncoder;
export const TextDecoder = globalThis.TextDecoder;

export default {
  _errnoException,
  _exceptionWithHostPort,
  _extend,
  callbackify,
  debug,
  debuglog,
  deprecate,
  format,
  styleText,
  formatWithOptions,
  getSystemErrorMap,
  getSystemErrorName,
  inherits,
  inspect,
  isArray,
  isBoolean,
  isBuffer,
  isDeepStrictEqual,
  isNull,
  isNullOrUndefined,
  isNumber,
  isString,
  isSymbol,
  isUndefined,
  isRegExp,
  isObject,
  isDate,
  isError,
  isFunction,
  isPrimitive,
  log,
  promisify,
  stripVTControlCharacters,
  toUSVString,
  transferableAbortSignal,
  transferableAbortController,
  aborted,
  types,
  parseEnv,
  parseArgs,
  TextDecoder,
  TextEncoder,
  MIMEType,
  MIMEParams,
};
