// rusk:ffi (alias bun:ffi): Bun's FFI API on top of the native primitives in rusk:ffi-native.
// This file owns argument validation and the error messages of the contract; the native half
// owns everything that touches memory.
import * as N from "rusk:ffi-native";

export const FFIType = N.FFIType;

const TYPE_NAMES = ["char", "int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t", "uint32_t", "int64_t", "uint64_t", "double", "float", "bool", "ptr", "void", "cstring", "i64_fast", "u64_fast", "function", "napi_env", "napi_value", "buffer"];

function codedTypeError(message, code) {
  const e = new TypeError(message);
  e.code = code;
  return e;
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
    const sig = N.parseSignature(name, spec, false);
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
  return N.makeLibrary(scope, built);
}

export function linkSymbols(symbols) {
  const scope = N.newScope("linkSymbols");
  const built = buildSymbols(scope, "linkSymbols", symbols, true);
  return N.makeLibrary(scope, built);
}

export function CFunction(spec) {
  if (spec === null || typeof spec !== "object") throw new TypeError("Expected an object for CFunction");
  const scope = N.newScope("CFunction");
  const fn = buildSymbols(scope, "CFunction", { [spec.name || "CFunction"]: spec }, true)[spec.name || "CFunction"];
  Object.defineProperty(fn, "close", { value: () => N.dlclose(scope) });
  return fn;
}

// Native classes generated from crates/rusk_ffi/src/ffi.classes.ts.
export const JSCallback = N.JSCallback;
export const CString = N.CString;

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
    const sig = N.parseSignature(name, spec, !!isCallback);
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
