// rusk:ffi (alias bun:ffi): Bun's FFI API on top of the native primitives in rusk:ffi-native.
// This file owns argument validation and the error messages of the contract; the native half
// owns everything that touches memory.
import * as N from "rusk:ffi-native";

export const FFIType = N.FFIType;

const TYPE_NAMES = ["char", "int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t", "uint32_t", "int64_t", "uint64_t", "double", "float", "bool", "ptr", "void", "cstring", "i64_fast", "u64_fast", "function", "napi_env", "napi_value", "buffer", "buffer_length", "struct"];
const BUFFER_LENGTH = 21;

function toPath(path, what = "dlopen") {
  // Strings first: naming `URL` or `Blob` loads node:url or node:buffer (~1.2 ms at start-up),
  // which a script passing a path string never needs.
  if (typeof path !== "string") {
    if (path instanceof URL) path = path.href;
    // A BunFile (Bun.file(path)) names the library by its path, as Bun accepts.
    else if (typeof Blob === "function" && path instanceof Blob && typeof path.name === "string") path = path.name;
    if (typeof path !== "string") throw new TypeError(`Expected a path string or URL for ${what}`);
  }
  if (path.startsWith("file://")) path = decodeURIComponent(path.slice(7));
  return path;
}

// The symbol tables are built natively in one call each (signatures, addresses, functions).
export function dlopen(path, symbols) {
  return N.dlopen(toPath(path), symbols);
}

// cc({ source, symbols, library, include, define, flags }): the C file compiled (by the
// system C compiler, cached on disk; see cc.rs) into a library opened like dlopen's.
export function cc(options) {
  if (options === null || typeof options !== "object") throw new TypeError("cc() expects an options object");
  if (options.source === undefined) throw new TypeError('cc() expects a "source" file (a path, URL or BunFile)');
  const strings = (value, what) => {
    if (value === undefined) return [];
    if (typeof value === "string") return [value];
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.slice();
    throw new TypeError(`cc() expects "${what}" to be a string or an array of strings`);
  };
  const define = [];
  if (options.define !== undefined) {
    if (options.define === null || typeof options.define !== "object") throw new TypeError('cc() expects "define" to be an object of strings');
    for (const [name, value] of Object.entries(options.define)) {
      if (value !== undefined && value !== null && typeof value !== "string") throw new TypeError(`cc() expects define.${name} to be a string`);
      define.push(value === undefined || value === null || value === "" ? [name] : [name, value]);
    }
  }
  const library = N.ccCompile(toPath(options.source, 'cc() "source"'), strings(options.include, "include"), define, strings(options.flags, "flags"), strings(options.library, "library"));
  return N.dlopen(library, options.symbols ?? {});
}

export function linkSymbols(symbols) {
  return N.linkSymbols(symbols);
}

export function CFunction(spec) {
  return N.CFunction(spec);
}

// Native classes generated from crates/rusk_ffi/src/ffi.classes.ts.
export const JSCallback = N.JSCallback;
export const CString = N.CString;

export const read = N.read;
export const suffix = N.suffix;

export const ptr = N.ptr;

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

const C_NAMES = ["char", "int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t", "uint32_t", "int64_t", "uint64_t", "double", "float", "bool", "void*", "void", "const char*", "int64_t", "uint64_t", "void*", "void*", "void*", "void*", "uint64_t", "struct"];

// A readable description of the call glue rusk uses for each signature.
export function viewSource(symbols, isCallback) {
  const describe = (name, spec) => {
    const sig = N.parseSignature(name, spec, !!isCallback);
    // As Bun: viewSource describes no glue for the argument-only buffer_length.
    if (sig.args.includes(BUFFER_LENGTH)) {
      throw new TypeError("buffer_length is only supported for bun:ffi dlopen/linkSymbols/CFunction arguments (it passes the byteLength of a TypedArray or DataView argument)");
    }
    const params = sig.args.map((a, i) => `${C_NAMES[a]} arg${i}`).join(", ") || "void";
    const kinds = sig.args.map((a) => TYPE_NAMES[a]).join(", ");
    if (isCallback) {
      // Mirrors trampoline.rs: at most 6 integer-class and 4 floating-point arguments, all in
      // registers, take a pre-compiled trampoline (while the pool of 1024 lasts).
      const floats = sig.args.filter((a) => a === 9 || a === 10).length;
      const fast = sig.args.length - floats <= 6 && floats <= 4;
      const kind = fast ? "pre-compiled register trampoline, or a libffi closure once the pool of 1024 is in use" : "libffi closure";
      return `// rusk:ffi callback trampoline (${kind})\n${C_NAMES[sig.returns]} callback(${params});\n// argument type table: [${sig.args.join(", ")}] (${kinds})\n// same thread: runs the JS function synchronously; other threads: raw bits are queued and the JS thread makes the values`;
    }
    return `// rusk:ffi call (libffi prepared call interface)\n${C_NAMES[sig.returns]} ${name}(${params});\n// JS → C: [${kinds}] ; C → JS: ${TYPE_NAMES[sig.returns]}`;
  };
  if (isCallback) return describe("callback", symbols);
  return Object.keys(symbols).map((k) => describe(k, symbols[k]));
}

// Structs, unions and arrays by value (rusk's extension): layout helpers and memory views.
export const sizeof = N.sizeof;
export const alignof = N.alignof;
export const offsetof = N.offsetof;
export const readValue = N.readValue;
export const writeValue = N.writeValue;

const isAggregate = (decl) => decl !== null && typeof decl === "object" && ("struct" in decl || "union" in decl);

// structView(type, target, byteOffset): an object whose members read and write the struct in
// memory (a view's bytes or an address) each time they are used; nested structs and unions
// are views too.
export function structView(type, target, byteOffset = 0) {
  if (!isAggregate(type)) throw new TypeError("structView: expected a struct or union declaration ({ struct: ... } or { union: ... })");
  const layout = N.layoutOf(type);
  const members = type.struct ?? type.union;
  const decls = Array.isArray(members) ? members : Object.values(members);
  const view = {};
  layout.fields.forEach((field, i) => {
    const decl = decls[i];
    const at = byteOffset + field.offset;
    Object.defineProperty(view, String(field.name), {
      get: isAggregate(decl) ? () => structView(decl, target, at) : () => N.readValue(decl, target, at),
      set: (value) => N.writeValue(decl, target, value, at),
      enumerable: true,
    });
  });
  return Object.seal(view);
}

export default { cc, dlopen, linkSymbols, CFunction, JSCallback, CString, FFIType, ptr, read, toArrayBuffer, toBuffer, viewSource, suffix, sizeof, alignof, offsetof, readValue, writeValue, structView };
