// node:util — format/inspect/promisify/types written for rusk (LLRT's util module only has
// TextEncoder/TextDecoder/inherits, which are re-exported).
import * as llrt from "rusk:llrt-util";

const internals = globalThis[Symbol.for("rusk.internals")];
export const inspect = internals.inspect;
export const format = internals.format;
export const TextEncoder = globalThis.TextEncoder;
export const TextDecoder = globalThis.TextDecoder;
export const inherits = llrt.inherits;

export function formatWithOptions(_options, ...args) {
  return format(...args);
}

const CUSTOM = Symbol.for("nodejs.util.promisify.custom");
export function promisify(fn) {
  if (typeof fn !== "function") throw new TypeError('The "original" argument must be of type function');
  if (fn[CUSTOM]) return fn[CUSTOM];
  return function (...args) {
    return new Promise((resolve, reject) => {
      fn.call(this, ...args, (err, value) => (err ? reject(err) : resolve(value)));
    });
  };
}
promisify.custom = CUSTOM;

export function callbackify(fn) {
  return function (...args) {
    const cb = args.pop();
    fn.apply(this, args).then((v) => cb(null, v), (e) => cb(e));
  };
}

export function deprecate(fn, message) {
  let warned = false;
  return function (...args) {
    if (!warned) {
      warned = true;
      process.emitWarning(message);
    }
    return fn.apply(this, args);
  };
}

const tag = (v) => Object.prototype.toString.call(v);
export const types = {
  isPromise: (v) => v instanceof Promise,
  isDate: (v) => v instanceof Date,
  isRegExp: (v) => v instanceof RegExp,
  isMap: (v) => v instanceof Map,
  isSet: (v) => v instanceof Set,
  isWeakMap: (v) => v instanceof WeakMap,
  isWeakSet: (v) => v instanceof WeakSet,
  isArrayBuffer: (v) => v instanceof ArrayBuffer,
  isAnyArrayBuffer: (v) => v instanceof ArrayBuffer || (typeof SharedArrayBuffer !== "undefined" && v instanceof SharedArrayBuffer),
  isArrayBufferView: (v) => ArrayBuffer.isView(v),
  isTypedArray: (v) => ArrayBuffer.isView(v) && !(v instanceof DataView),
  isUint8Array: (v) => v instanceof Uint8Array,
  isDataView: (v) => v instanceof DataView,
  isNativeError: (v) => v instanceof Error,
  isAsyncFunction: (v) => typeof v === "function" && tag(v) === "[object AsyncFunction]",
  isGeneratorFunction: (v) => typeof v === "function" && /GeneratorFunction/.test(tag(v)),
  isBoxedPrimitive: (v) => v instanceof Number || v instanceof String || v instanceof Boolean,
};

export function isDeepStrictEqual(a, b) {
  return inspect(a, { depth: 100 }) === inspect(b, { depth: 100 }) && Object.getPrototypeOf(a ?? 0) === Object.getPrototypeOf(b ?? 0);
}

export default { inspect, format, formatWithOptions, promisify, callbackify, deprecate, types, inherits, isDeepStrictEqual, TextEncoder, TextDecoder };
