// node:ffi — Node's experimental FFI API as a thin layer over rusk:ffi.
//
// This layer owns Node's value rules (strict argument checks, pointers and 64-bit integers as
// bigints) and Node's errors; rusk:ffi does the loading, the calls and every conversion. Each
// Node type name maps onto one rusk:ffi type: pointer-like types (pointer, string, buffer,
// arraybuffer, function) are `ptr` as arguments — which takes bigints, strings, views and
// ArrayBuffers as they are — and `u64` as results and callback arguments, so addresses come
// back as bigints with no conversion here.

import * as rffi from "rusk:ffi";
import { Buffer } from "node:buffer";
import { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, nodeError, validateInteger, validateString } from "rusk:internal/errors";

const MAX_U64 = 2n ** 64n - 1n;
const MIN_I64 = -(2n ** 63n);
const MAX_I64 = 2n ** 63n - 1n;

const invalidValue = (message) => nodeError(TypeError, "ERR_INVALID_ARG_VALUE", message);
const invalidType = (message) => nodeError(TypeError, "ERR_INVALID_ARG_TYPE", message);
const libraryClosed = () => nodeError(Error, "ERR_FFI_LIBRARY_CLOSED", "Library is closed");
const invalidPointer = (message) => nodeError(Error, "ERR_FFI_INVALID_POINTER", message);

// --- Types ---------------------------------------------------------------------------------

// `v % 1 === 0` is Number.isInteger without a call (NaN and ±∞ fail the range test first).
const isInteger = (lo, hi) => Object.assign((v) => typeof v === "number" && v >= lo && v <= hi && v % 1 === 0, { lo, hi });
const isInt64 = (v) =>
  typeof v === "bigint" ? v >= MIN_I64 && v <= MAX_I64 : typeof v === "number" && Number.isSafeInteger(v);
const isUint64 = (v) =>
  typeof v === "bigint" ? v >= 0n && v <= MAX_U64 : typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
const isFloat = (v) => typeof v === "number";

// Plain C `char` is signed on the platforms rusk runs on (x86-64, and Node documents `char` as
// the C ABI's), so it follows int8's rules.
const SCALARS = {
  int8: { rusk: "i8", label: "an int8", check: isInteger(-128, 127) },
  uint8: { rusk: "u8", label: "a uint8", check: isInteger(0, 255) },
  int16: { rusk: "i16", label: "an int16", check: isInteger(-32768, 32767) },
  uint16: { rusk: "u16", label: "a uint16", check: isInteger(0, 65535) },
  int32: { rusk: "i32", label: "an int32", check: isInteger(-2147483648, 2147483647) },
  uint32: { rusk: "u32", label: "a uint32", check: isInteger(0, 4294967295) },
  int64: { rusk: "i64", label: "an int64", check: isInt64 },
  uint64: { rusk: "u64", label: "a uint64", check: isUint64 },
  float32: { rusk: "f32", label: "a float", check: isFloat },
  float64: { rusk: "f64", label: "a double", check: isFloat },
};
const VOID = { name: "void", rusk: "void" };
const POINTER = { name: "pointer", rusk: "ptr", result: "u64", pointer: true };

// Node's spelling → the descriptor (canonical name, rusk:ffi type, check).
const TYPES = { __proto__: null, void: VOID };
for (const [name, t] of Object.entries(SCALARS)) TYPES[name] = { name, ...t };
TYPES.char = { ...TYPES.int8, name: "char", rusk: "char" };
for (const [alias, name] of Object.entries({
  i8: "int8", u8: "uint8", bool: "uint8", i16: "int16", u16: "uint16", i32: "int32", u32: "uint32",
  i64: "int64", u64: "uint64", f32: "float32", float: "float32", f64: "float64", double: "float64",
})) {
  TYPES[alias] = TYPES[name];
}
for (const name of ["pointer", "ptr", "string", "str", "buffer", "arraybuffer", "function"]) TYPES[name] = POINTER;

const types = Object.freeze({
  __proto__: null,
  VOID: "void", POINTER: "pointer", BUFFER: "buffer", ARRAY_BUFFER: "arraybuffer", FUNCTION: "function",
  BOOL: "bool", CHAR: "char", STRING: "string", FLOAT: "float", DOUBLE: "double",
  INT_8: "int8", UINT_8: "uint8", INT_16: "int16", UINT_16: "uint16", INT_32: "int32", UINT_32: "uint32",
  INT_64: "int64", UINT_64: "uint64", FLOAT_32: "float32", FLOAT_64: "float64",
});

function typeOf(name) {
  const t = typeof name === "string" ? TYPES[name] : undefined;
  if (t === undefined) throw invalidValue(`Unsupported FFI type: ${String(name)}`);
  return t;
}

/** `{ arguments, return }` → `{ args, result, key }`; `key` compares two signatures. */
function parseSignature(signature, fnName) {
  const list = signature.arguments === undefined ? [] : signature.arguments;
  if (!Array.isArray(list)) throw invalidValue(`Arguments list of function ${fnName} must be an array`);
  const args = list.map((name, i) => {
    const t = typeOf(name);
    if (t === VOID) {
      throw invalidValue(`Argument ${i} of function ${fnName} must not be 'void'; use an empty array for no-argument functions`);
    }
    return t;
  });
  const result = signature.return === undefined ? VOID : typeOf(signature.return);
  return { args, result, key: `${args.map((t) => t.name).join(",")}->${result.name}` };
}

const ruskArgs = (sig) => sig.args.map((t) => t.rusk);
const ruskResult = (t) => t.result ?? t.rusk;

// A pointer-like argument as rusk:ffi's `ptr` takes it, or undefined when Node refuses it.
function pointerArg(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return v;
  if (typeof v === "string" || ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return v;
  return undefined;
}

// One checker per argument type, so a call makes a single check call per argument.
function argChecker(t) {
  if (t.pointer) return (v, i) => checkArg(t, v, i);
  const { check, label } = t;
  const { lo, hi } = check;
  if (lo !== undefined) {
    return (v, i) => {
      if (typeof v !== "number" || !(v >= lo && v <= hi && v % 1 === 0)) throw invalidValue(`Argument ${i} must be ${label}`);
      return v;
    };
  }
  if (check === isFloat) {
    return (v, i) => {
      if (typeof v !== "number") throw invalidValue(`Argument ${i} must be ${label}`);
      return v;
    };
  }
  return (v, i) => {
    if (!check(v)) throw invalidValue(`Argument ${i} must be ${label}`);
    return v;
  };
}

function checkArg(t, v, i) {
  if (t.pointer) {
    const p = pointerArg(v);
    if (p === undefined) throw invalidValue(`Argument ${i} must be a buffer, an ArrayBuffer, a string, or a bigint`);
    if (typeof p === "bigint" && (p < 0n || p > MAX_U64)) throw invalidValue(`Argument ${i} must be a non-negative pointer bigint`);
    return p;
  }
  if (!t.check(v)) throw invalidValue(`Argument ${i} must be ${t.label}`);
  return v;
}

// What a callback returned, checked against its declared result. Node aborts the process on a
// bad value; here the error is thrown from the callback, so it reaches the FFI call that led to it.
function callbackResult(t, v) {
  if (t === VOID) return undefined;
  if (t.pointer) {
    if (v === null || v === undefined) return 0n;
    if (typeof v === "bigint" && v >= 0n && v <= MAX_U64) return v;
  } else if (t.check(v)) {
    return v;
  }
  throw invalidValue("Callback returned invalid value for declared FFI type");
}

// --- Pointers --------------------------------------------------------------------------------

// rusk:ffi's memory functions take addresses as numbers, and as bigints beyond 2^53.
const address = (p) => (p <= 9007199254740991n ? Number(p) : p);

function checkPointer(p, what) {
  if (typeof p !== "bigint") throw invalidType(`${what} must be a bigint`);
  if (p < 0n) throw invalidValue(`${what} must be a non-negative bigint`);
  return p;
}

function checkLength(length) {
  if (typeof length !== "number") throw invalidType("The length must be a number");
  if (!Number.isInteger(length) || length < 0) throw invalidValue("The length must be a non-negative integer");
  if (length > Number.MAX_SAFE_INTEGER) throw nodeError(Error, "ERR_BUFFER_TOO_LARGE", "Buffer is too large");
}

// --- DynamicLibrary --------------------------------------------------------------------------

// Each library's state, out of sight of inspection and of user code.
const states = new WeakMap();

function state(lib) {
  const s = states.get(lib);
  if (s === undefined) throw invalidType("Receiver must be a DynamicLibrary");
  if (s.closed) throw libraryClosed();
  return s;
}

function checkName(name) {
  if (typeof name !== "string") throw invalidType("Function name must be a string");
}

// Loads `path` through rusk:ffi with one symbol; the error of a failed dlopen or dlsym is Node's.
function openSymbol(s, name, symbolSpec) {
  try {
    return rffi.dlopen(s.loadPath, { [name]: symbolSpec });
  } catch (e) {
    if (e?.code === "ERR_DLOPEN_FAILED") {
      const prefix = `Failed to open library "${s.loadPath}": `;
      const reason = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
      throw nodeError(Error, "ERR_FFI_CALL_FAILED", `dlopen failed: ${reason}`);
    }
    if (typeof e?.message === "string" && e.message.startsWith(`Symbol "${name}" not found`)) {
      throw nodeError(Error, "ERR_FFI_CALL_FAILED", `dlsym failed: ${s.loadPath}: undefined symbol: ${name}`);
    }
    throw e;
  }
}

function makeFunction(s, name, sig) {
  // One rusk library per resolved symbol: dlopen counts references, so the library stays loaded
  // until close() has closed every one of them.
  const handle = openSymbol(s, name, { args: ruskArgs(sig), returns: ruskResult(sig.result) });
  s.handles.push(handle);
  const call = handle.symbols[name];
  const types = sig.args;
  const arity = types.length;
  const badCount = (n) => invalidValue(`Invalid argument count: expected ${arity}, got ${n}`);
  const [c0, c1, c2, c3] = types.map(argChecker);
  // Methods: named after the symbol and, like Node's wrappers, without a `prototype`. The
  // common arities avoid rest arguments and spreading (several times faster per call).
  const wrappers = {
    0: { [name]() { if (s.closed) throw libraryClosed(); if (arguments.length !== 0) throw badCount(arguments.length); return call(); } },
    1: { [name](a) { if (s.closed) throw libraryClosed(); if (arguments.length !== 1) throw badCount(arguments.length); return call(c0(a, 0)); } },
    2: { [name](a, b) { if (s.closed) throw libraryClosed(); if (arguments.length !== 2) throw badCount(arguments.length); return call(c0(a, 0), c1(b, 1)); } },
    3: { [name](a, b, c) { if (s.closed) throw libraryClosed(); if (arguments.length !== 3) throw badCount(arguments.length); return call(c0(a, 0), c1(b, 1), c2(c, 2)); } },
    4: { [name](a, b, c, d) { if (s.closed) throw libraryClosed(); if (arguments.length !== 4) throw badCount(arguments.length); return call(c0(a, 0), c1(b, 1), c2(c, 2), c3(d, 3)); } },
  };
  const fn = arity <= 4 ? wrappers[arity][name] : {
    [name](...args) {
      if (s.closed) throw libraryClosed();
      if (args.length !== arity) throw badCount(args.length);
      for (let i = 0; i < arity; i++) args[i] = checkArg(types[i], args[i], i);
      return call(...args);
    },
  }[name];
  Object.defineProperty(fn, "length", { value: arity });
  fn.pointer = BigInt(call.ptr);
  return fn;
}

function resolveFunction(s, name, signature) {
  checkName(name);
  if (signature === null || typeof signature !== "object") throw invalidType("Function signature must be an object");
  const sig = parseSignature(signature, name);
  const known = s.functions.get(name);
  if (known !== undefined) {
    if (known.key !== sig.key) throw invalidValue(`Function ${name} was already requested with a different signature`);
    return known.fn;
  }
  const fn = makeFunction(s, name, sig);
  s.functions.set(name, { key: sig.key, fn });
  s.symbols.set(name, fn.pointer);
  return fn;
}

function resolveFunctions(s, definitions) {
  if (definitions === null || typeof definitions !== "object") throw invalidType("Functions signatures must be an object");
  const out = { __proto__: null };
  for (const name of Object.keys(definitions)) {
    const signature = definitions[name];
    if (signature === null || typeof signature !== "object") throw invalidType(`Signature of function ${name} must be an object`);
    out[name] = resolveFunction(s, name, signature);
  }
  return out;
}

function fromMap(map, pick) {
  const out = { __proto__: null };
  for (const [k, v] of map) out[k] = pick(v);
  return out;
}

function findCallback(s, pointer) {
  if (typeof pointer !== "bigint") throw invalidType("The first argument must be a bigint");
  const entry = s.callbacks.get(pointer);
  if (entry === undefined) throw invalidValue("Callback not found");
  return entry;
}

export class DynamicLibrary {
  constructor(path) {
    if (path !== null && typeof path !== "string") throw invalidType("Library path must be a string or null");
    // rusk:ffi opens the process image for "" (dlopen's own rule for an empty name).
    const s = { path: path ?? "", loadPath: path ?? "", closed: false, handles: [], functions: new Map(), symbols: new Map(), callbacks: new Map() };
    // Load once now so a bad path fails here, as in Node. rusk:ffi needs a symbol to open a
    // library: ask for one no library defines; "not found" proves the library loaded.
    try {
      openSymbol(s, "\u0001rusk node:ffi load check", {}).close();
    } catch (e) {
      if (e?.code !== "ERR_FFI_CALL_FAILED" || !e.message.startsWith("dlsym failed")) throw e;
    }
    states.set(this, s);
    Object.defineProperty(this, "path", { get: () => s.path, enumerable: true });
    Object.defineProperty(this, "symbols", { get: () => fromMap(state(this).symbols, (v) => v), enumerable: true });
  }

  get functions() {
    return fromMap(state(this).functions, (v) => v.fn);
  }

  close() {
    const s = states.get(this);
    if (s === undefined) throw invalidType("Receiver must be a DynamicLibrary");
    if (s.closed) return;
    s.closed = true;
    for (const { callback } of s.callbacks.values()) callback.close();
    s.callbacks.clear();
    for (const handle of s.handles) handle.close();
    s.handles.length = 0;
  }

  getFunction(name, signature) {
    return resolveFunction(state(this), name, signature);
  }

  getFunctions(definitions) {
    const s = state(this);
    if (definitions === undefined) return fromMap(s.functions, (v) => v.fn);
    return resolveFunctions(s, definitions);
  }

  getSymbol(name) {
    const s = state(this);
    if (typeof name !== "string") throw invalidType("Symbol name must be a string");
    const known = s.symbols.get(name);
    if (known !== undefined) return known;
    const handle = openSymbol(s, name, {});
    s.handles.push(handle);
    const pointer = BigInt(handle.symbols[name].ptr);
    s.symbols.set(name, pointer);
    return pointer;
  }

  getSymbols() {
    return fromMap(state(this).symbols, (v) => v);
  }

  registerCallback(signature, callback) {
    const s = state(this);
    if (typeof signature === "function" && callback === undefined) {
      callback = signature;
      signature = {};
    } else if (signature === null || typeof signature !== "object") {
      throw invalidType("First argument must be a function or a signature object");
    }
    if (typeof callback !== "function") throw invalidType("Second argument must be a function");
    const sig = parseSignature(signature, "callback");
    const result = sig.result;
    const run = (...args) => callbackResult(result, Reflect.apply(callback, undefined, args));
    const jsCallback = new rffi.JSCallback(run, {
      args: sig.args.map(ruskResult),
      returns: ruskResult(result),
    });
    const pointer = BigInt(jsCallback.ptr);
    s.callbacks.set(pointer, { callback: jsCallback, referenced: true });
    return pointer;
  }

  unregisterCallback(pointer) {
    const s = state(this);
    const entry = findCallback(s, pointer);
    s.callbacks.delete(pointer);
    entry.callback.close();
  }

  // rusk:ffi keeps a registered callback's function alive until it is unregistered, so the
  // reference state is bookkeeping only: an unref'd callback is never collected here.
  refCallback(pointer) {
    findCallback(state(this), pointer).referenced = true;
  }

  unrefCallback(pointer) {
    findCallback(state(this), pointer).referenced = false;
  }

  [Symbol.dispose]() {
    this.close();
  }
}

// --- Module functions ----------------------------------------------------------------------

export const suffix = rffi.suffix;

export function dlopen(path, definitions) {
  const lib = new DynamicLibrary(path);
  let functions;
  try {
    functions = definitions === undefined ? { __proto__: null } : resolveFunctions(states.get(lib), definitions);
  } catch (e) {
    lib.close();
    throw e;
  }
  return { lib, functions, [Symbol.dispose]() { lib.close(); } };
}

export function dlclose(handle) {
  handle.close();
}

export function dlsym(handle, symbol) {
  return handle.getSymbol(symbol);
}

export function toString(pointer) {
  checkPointer(pointer, "The first argument");
  if (pointer === 0n) return null;
  return rffi.CString(address(pointer));
}

// `copy` is read for its truthiness, as Node does: `toBuffer(p, n, 0)` makes a view too.
export function toArrayBuffer(pointer, length, copy = true) {
  checkPointer(pointer, "The first argument");
  checkLength(length);
  if (length === 0) return new ArrayBuffer(0);
  if (pointer === 0n) throw invalidPointer("Cannot create an ArrayBuffer from a null pointer");
  const view = rffi.toArrayBuffer(address(pointer), 0, length);
  return copy ? view.slice(0) : view;
}

export function toBuffer(pointer, length, copy = true) {
  checkPointer(pointer, "The first argument");
  checkLength(length);
  if (length === 0) return Buffer.alloc(0);
  if (pointer === 0n) throw invalidPointer("Cannot create a buffer from a null pointer");
  const bytes = rffi.toBuffer(address(pointer), 0, length);
  return copy ? Buffer.from(bytes) : bytes;
}

// Copies `bytes` (a Uint8Array) to `pointer`, after Node's checks of `pointer` and `length`;
// `needed` is the room the copy takes (a string's terminator included).
function exportBytes(bytes, pointer, length, needed) {
  if (typeof pointer !== "bigint") throw invalidType("The pointer must be a bigint");
  if (pointer < 0n) throw invalidValue("The pointer must be a non-negative bigint");
  validateInteger(length, "len", 0);
  if (length < needed) throw ERR_OUT_OF_RANGE("len", `>= ${needed}`, length);
  if (pointer === 0n) throw invalidPointer("Cannot create a buffer from a null pointer");
  if (needed === 0) return;
  const target = new Uint8Array(rffi.toArrayBuffer(address(pointer), 0, needed));
  target.set(bytes);
  target.fill(0, bytes.length);
}

export function exportString(string, pointer, length, encoding = "utf8") {
  validateString(string, "string");
  validateString(encoding, "encoding");
  if (!Buffer.isEncoding(encoding)) throw nodeError(TypeError, "ERR_UNKNOWN_ENCODING", `Unknown encoding: ${encoding}`);
  const bytes = Buffer.from(string, encoding);
  const wide = ["utf16le", "utf-16le", "ucs2", "ucs-2"].includes(encoding.toLowerCase());
  exportBytes(bytes, pointer, length, bytes.length + (wide ? 2 : 1));
}

export function exportBuffer(buffer, pointer, length) {
  if (!Buffer.isBuffer(buffer)) throw ERR_INVALID_ARG_TYPE("buffer", "Buffer", buffer);
  exportBytes(buffer, pointer, length, buffer.length);
}

export function exportArrayBuffer(arrayBuffer, pointer, length) {
  if (!(arrayBuffer instanceof ArrayBuffer)) throw ERR_INVALID_ARG_TYPE("arrayBuffer", "ArrayBuffer", arrayBuffer);
  exportBytes(new Uint8Array(arrayBuffer), pointer, length, arrayBuffer.byteLength);
}

export function exportArrayBufferView(arrayBufferView, pointer, length) {
  if (!ArrayBuffer.isView(arrayBufferView)) throw ERR_INVALID_ARG_TYPE("arrayBufferView", "ArrayBufferView", arrayBufferView);
  const bytes = new Uint8Array(arrayBufferView.buffer, arrayBufferView.byteOffset, arrayBufferView.byteLength);
  exportBytes(bytes, pointer, length, bytes.length);
}

export function getRawPointer(source) {
  let view;
  if (ArrayBuffer.isView(source)) view = source;
  else if (source instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && source instanceof SharedArrayBuffer)) view = new Uint8Array(source);
  else throw invalidType("The first argument must be a Buffer, ArrayBuffer, SharedArrayBuffer, or ArrayBufferView");
  // An empty view has no storage to point at: Node answers the null pointer.
  if (view.byteLength === 0) return 0n;
  return BigInt(rffi.ptr(view));
}

// --- Primitive memory access ---------------------------------------------------------------

function memoryAddress(pointer, offset) {
  if (typeof pointer !== "bigint") throw invalidType("The pointer must be a bigint");
  if (pointer < 0n) throw invalidValue("The pointer must be a non-negative bigint");
  if (offset !== undefined) {
    if (typeof offset !== "number") throw invalidType("The offset must be a number");
    if (!Number.isInteger(offset) || offset < 0) throw invalidValue("The offset must be a non-negative integer");
  }
  if (pointer === 0n) throw invalidPointer("Cannot dereference a null pointer");
  return address(pointer + BigInt(offset ?? 0));
}

// [Node's suffix, type descriptor, rusk:ffi reader, typed array for writes]
const ACCESSORS = [
  ["Int8", "int8", "i8", Int8Array],
  ["Uint8", "uint8", "u8", Uint8Array],
  ["Int16", "int16", "i16", Int16Array],
  ["Uint16", "uint16", "u16", Uint16Array],
  ["Int32", "int32", "i32", Int32Array],
  ["Uint32", "uint32", "u32", Uint32Array],
  ["Int64", "int64", "i64", BigInt64Array],
  ["Uint64", "uint64", "u64", BigUint64Array],
  ["Float32", "float32", "f32", Float32Array],
  ["Float64", "float64", "f64", Float64Array],
];

const accessors = {};
for (const [suffixName, typeName, reader, Typed] of ACCESSORS) {
  const t = TYPES[typeName];
  const wide = Typed === BigInt64Array || Typed === BigUint64Array;
  accessors[`get${suffixName}`] = {
    [`get${suffixName}`](pointer, offset) {
      return rffi.read[reader](memoryAddress(pointer, offset), 0);
    },
  }[`get${suffixName}`];
  accessors[`set${suffixName}`] = {
    [`set${suffixName}`](pointer, offset, value) {
      if (arguments.length < 2) throw invalidValue("Expected an offset argument");
      if (arguments.length < 3) throw invalidValue("Expected a value argument");
      const at = memoryAddress(pointer, offset);
      if (!t.check(value)) throw invalidValue(`Value must be ${t.label}`);
      // A view of exactly the bytes written, in the host's byte order (what C reads).
      new Typed(rffi.toArrayBuffer(at, 0, Typed.BYTES_PER_ELEMENT))[0] = wide ? BigInt(value) : value;
    },
  }[`set${suffixName}`];
}

export const {
  getInt8, getUint8, getInt16, getUint16, getInt32, getUint32, getInt64, getUint64, getFloat32, getFloat64,
  setInt8, setUint8, setInt16, setUint16, setInt32, setUint32, setInt64, setUint64, setFloat32, setFloat64,
} = accessors;

export { types };

export default {
  DynamicLibrary,
  dlopen,
  dlclose,
  dlsym,
  exportArrayBuffer,
  exportArrayBufferView,
  exportString,
  exportBuffer,
  ...accessors,
  getRawPointer,
  suffix,
  toString,
  toArrayBuffer,
  toBuffer,
  types,
};
