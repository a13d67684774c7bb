// rusk:ffi (alias bun:ffi): Bun's FFI API on top of the native primitives in rusk:ffi-native.
// This file owns argument validation and the error messages of the contract; the native half
// owns everything that touches memory.
import * as N from "rusk:ffi-native";

export const FFIType = Object.freeze({
  char: 0,
  int8_t: 1, i8: 1,
  uint8_t: 2, u8: 2,
  int16_t: 3, i16: 3,
  uint16_t: 4, u16: 4,
  int32_t: 5, i32: 5, int: 5, c_int: 5,
  uint32_t: 6, u32: 6, c_uint: 6,
  int64_t: 7, i64: 7, isize: 7,
  uint64_t: 8, u64: 8, usize: 8, size_t: 8,
  double: 9, f64: 9,
  float: 10, f32: 10,
  bool: 11,
  ptr: 12, pointer: 12, "void*": 12, "char*": 12,
  void: 13,
  cstring: 14,
  i64_fast: 15,
  u64_fast: 16,
  function: 17, callback: 17, fn: 17,
  napi_env: 18,
  napi_value: 19,
  buffer: 20,
});

const TYPE_NAMES = ["char", "int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t", "uint32_t", "int64_t", "uint64_t", "double", "float", "bool", "ptr", "void", "cstring", "i64_fast", "u64_fast", "function", "napi_env", "napi_value", "buffer"];

function codedTypeError(message, code) {
  const e = new TypeError(message);
  e.code = code;
  return e;
}

function typeId(t, isReturn) {
  let id;
  if (typeof t === "number" && Number.isInteger(t) && t >= 0 && t <= 20) id = t;
  else if (typeof t === "string" && Object.prototype.hasOwnProperty.call(FFIType, t)) id = FFIType[t];
  if (id === undefined) throw codedTypeError(`${isReturn ? "Unknown return type" : "Unknown type"} ${String(t)}`, "ERR_INVALID_ARG_VALUE");
  return id;
}

function parseSignature(name, spec, forCallback) {
  if (spec === null || typeof spec !== "object") throw new TypeError(`Expected an object for symbol "${name}"`);
  const rawArgs = spec.args === undefined ? [] : spec.args;
  if (!Array.isArray(rawArgs)) throw new TypeError(`Expected "args" of "${name}" to be an array`);
  const args = rawArgs.map((t) => typeId(t, false));
  const returns = typeId(spec.returns === undefined ? "void" : spec.returns, true);
  if (returns === 20) throw new TypeError("Cannot return a buffer to JavaScript (since byteLength and byteOffset are unknown)");
  for (const id of [...args, returns]) {
    if (id === 18 || id === 19) throw new TypeError(`${TYPE_NAMES[id]} is not supported by rusk:ffi`);
  }
  if (forCallback && args.includes(20)) throw new TypeError('Unsupported argument type "buffer" for a JSCallback (a C caller cannot pass a JS view)');
  return { args, returns };
}

function toPath(path) {
  if (path instanceof URL) path = path.href;
  if (typeof path !== "string") throw new TypeError("Expected a path string or URL for dlopen");
  if (path.startsWith("file://")) path = decodeURIComponent(path.slice(7));
  return path;
}

function loadLibrary(path) {
  try {
    return N.dlopen(path);
  } catch (first) {
    if (!path.startsWith("/") && typeof process !== "undefined") {
      try {
        return N.dlopen(`${process.cwd()}/${path}`);
      } catch {}
    }
    const err = new Error(first.message);
    err.code = "ERR_DLOPEN_FAILED";
    throw err;
  }
}

function buildSymbols(scope, libName, symbols, requirePtr) {
  if (symbols === null || typeof symbols !== "object") throw codedTypeError("Expected an options object with symbol names", "ERR_INVALID_ARG_TYPE");
  const names = Object.keys(symbols);
  if (names.length === 0) throw codedTypeError("Expected at least one symbol", "ERR_INVALID_ARG_TYPE");
  const out = {};
  for (const name of names) {
    const spec = symbols[name];
    const sig = parseSignature(name, spec, false);
    let address = spec.ptr;
    if (address === undefined || address === null) {
      if (requirePtr) {
        throw new TypeError(`Symbol "${name}" is missing a "ptr" field. When using linkSymbols() or CFunction(), you must provide a "ptr" field with the memory address of the native function.`);
      }
      address = N.dlsym(scope, name);
      if (!address) {
        const e = new Error(`Symbol "${name}" not found in "${libName}"`);
        e.code = "ERR_INVALID_ARG_TYPE";
        throw e;
      }
    }
    if (typeof address === "object" && address !== null && "ptr" in address) address = address.ptr;
    const fn = N.makeFunction(scope, address, sig.args, sig.returns, name);
    Object.defineProperty(fn, "ptr", { value: Number(address), enumerable: true });
    Object.defineProperty(fn, "native", { value: fn, enumerable: false });
    Object.defineProperty(fn, "name", { value: name });
    out[name] = fn;
  }
  return out;
}

export function dlopen(path, symbols) {
  const libName = toPath(path);
  if (symbols === null || typeof symbols !== "object") throw codedTypeError("Expected an options object with symbol names", "ERR_INVALID_ARG_TYPE");
  if (Object.keys(symbols).length === 0) throw codedTypeError("Expected at least one symbol", "ERR_INVALID_ARG_TYPE");
  const scope = loadLibrary(libName);
  let built;
  try {
    built = buildSymbols(scope, libName, symbols, false);
  } catch (e) {
    N.dlclose(scope);
    throw e;
  }
  return { symbols: built, close: () => N.dlclose(scope) };
}

export function linkSymbols(symbols) {
  const scope = N.newScope("linkSymbols");
  const built = buildSymbols(scope, "linkSymbols", symbols, true);
  return { symbols: built, close: () => N.dlclose(scope) };
}

export function CFunction(spec) {
  if (spec === null || typeof spec !== "object") throw new TypeError("Expected an object for CFunction");
  const scope = N.newScope("CFunction");
  const fn = buildSymbols(scope, "CFunction", { [spec.name || "CFunction"]: spec }, true)[spec.name || "CFunction"];
  Object.defineProperty(fn, "close", { value: () => N.dlclose(scope) });
  return fn;
}

const disposeSymbol = Symbol.dispose ?? Symbol.for("Symbol.dispose");

export class JSCallback {
  #id;
  #ptr;
  #threadsafe;
  #fn;
  constructor(callback, definition) {
    if (typeof callback !== "function") throw new TypeError("Expected callback function");
    const def = definition === undefined ? {} : definition;
    if (def === null || typeof def !== "object") throw new TypeError("Expected definition to be an object");
    const sig = parseSignature("callback", def, true);
    const threadsafe = !!def.threadsafe;
    const [id, address] = N.makeCallback(callback, sig.args, sig.returns, threadsafe);
    this.#id = id;
    this.#ptr = address;
    this.#threadsafe = threadsafe;
    this.#fn = callback;
  }
  static #check(self, member) {
    if (self === null || typeof self !== "object" || !(#id in self)) {
      throw new TypeError(`JSCallback.prototype.${member} called on an object that is not a JSCallback`);
    }
  }
  get ptr() {
    JSCallback.#check(this, "ptr");
    return this.#ptr;
  }
  get threadsafe() {
    JSCallback.#check(this, "threadsafe");
    return this.#threadsafe;
  }
  get callback() {
    JSCallback.#check(this, "callback");
    return this.#fn;
  }
  close() {
    JSCallback.#check(this, "close");
    if (this.#ptr !== null) {
      N.closeCallback(this.#id);
      this.#ptr = null;
    }
  }
  [disposeSymbol]() {
    this.close();
  }
}

export class CString extends String {
  constructor(ptr, byteOffset, byteLength) {
    if (!ptr) {
      super("");
      this.ptr = 0;
      this.byteOffset = 0;
      this.byteLength = 0;
      return;
    }
    const [text, length] = N.readCString(ptr, byteOffset, byteLength);
    super(text);
    this.ptr = typeof ptr === "bigint" ? Number(ptr) : ptr;
    this.byteOffset = byteOffset ?? 0;
    this.byteLength = length;
  }
  get arrayBuffer() {
    if (!this.ptr) return new ArrayBuffer(0);
    return N.toArrayBuffer(this.ptr, this.byteOffset, this.byteLength).slice(0);
  }
}

export const read = N.read;
export const suffix = N.suffix;

export function ptr(view, byteOffset) {
  return N.ptr(view, byteOffset);
}

function addressOf(v) {
  if (v && typeof v === "object" && "ptr" in v) return v.ptr;
  return v;
}

export function toArrayBuffer(pointer, byteOffset, byteLength, deallocatorContext, deallocator) {
  return N.toArrayBuffer(pointer, byteOffset, byteLength, addressOf(deallocatorContext), addressOf(deallocator));
}

export function toBuffer(pointer, byteOffset, byteLength, deallocatorContext, deallocator) {
  const ab = toArrayBuffer(pointer, byteOffset, byteLength, deallocatorContext, deallocator);
  return typeof Buffer === "function" ? Buffer.from(ab) : new Uint8Array(ab);
}

const C_NAMES = ["char", "int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t", "uint32_t", "int64_t", "uint64_t", "double", "float", "bool", "void*", "void", "const char*", "int64_t", "uint64_t", "void*", "void*", "void*", "void*"];

// A readable description of the call glue rusk uses for each signature.
export function viewSource(symbols, isCallback) {
  const describe = (name, spec) => {
    const sig = parseSignature(name, spec, !!isCallback);
    const params = sig.args.map((a, i) => `${C_NAMES[a]} arg${i}`).join(", ") || "void";
    const kinds = sig.args.map((a) => TYPE_NAMES[a]).join(", ");
    if (isCallback) {
      return `// rusk:ffi callback trampoline (libffi closure)\n${C_NAMES[sig.returns]} callback(${params});\n// argument type table: [${sig.args.join(", ")}] (${kinds})\n// same thread: runs the JS function synchronously; other threads: raw bits are queued and the JS thread makes the values`;
    }
    return `// rusk:ffi call (libffi prepared call interface)\n${C_NAMES[sig.returns]} ${name}(${params});\n// JS → C: [${kinds}] ; C → JS: ${TYPE_NAMES[sig.returns]}`;
  };
  if (isCallback) return describe("callback", symbols);
  return Object.keys(symbols).map((k) => describe(k, symbols[k]));
}

export default { dlopen, linkSymbols, CFunction, JSCallback, CString, FFIType, ptr, read, toArrayBuffer, toBuffer, viewSource, suffix };
