// rusk:internal/deno — the FFI part of Deno's namespace (Deno.dlopen, UnsafePointer,
// UnsafePointerView, UnsafeCallback, UnsafeFnPointer) as a thin layer over rusk:ffi, plus the
// few non-FFI members that Deno FFI scripts commonly read (build, args, env, exit, pid,
// noColor, cwd, execPath). The `Deno` global is installed from here only for programs whose own
// modules mention it (see internal/globals.js).
//
// This layer owns Deno's value rules and Deno's errors; rusk:ffi loads, calls and converts.
// Deno's pointers are opaque objects (null for NULL) where rusk:ffi's are numbers, so the
// pointer-like types (pointer, buffer, function) are rusk's `ptr` and their values are turned
// into pointer objects and back here; 64-bit integers are BigInts on both sides.

import * as rffi from "rusk:ffi";

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const I64_MAX = 2n ** 63n - 1n;
const I64_MIN = -(2n ** 63n);
const U64_MAX = 2n ** 64n - 1n;
const TWO_63 = 2 ** 63;
const TWO_64 = 2 ** 64;

// Deno's "resource is gone" error (Deno.errors.BadResource there), thrown by a second close().
class BadResource extends Error {
  constructor() {
    super("Bad resource ID");
    this.name = "BadResource";
  }
}

// --- Pointer objects ---------------------------------------------------------------------------

// A Deno pointer is a frozen, empty object with a null prototype (a V8 external there): it has
// no value of its own, cannot be forged and compares by identity only. Its address lives in a
// WeakMap keyed by the object, so no reflection sees it (a private field stamped on through a
// base constructor did the same, at twice the cost per pointer in QuickJS).
const addresses = new WeakMap();

/** The address of a pointer object, or undefined for any other value. */
const addressOf = (value) => (value !== null && typeof value === "object" ? addresses.get(value) : undefined);

// rusk:ffi spells an address as a number, and as a BigInt from 2^53 on; NULL is 0 or null.
function pointerOf(address) {
  if (address === null || address === 0 || address === 0n) return null;
  const pointer = Object.freeze({ __proto__: null });
  addresses.set(pointer, address);
  return pointer;
}

const canonical = (big) => (big <= 9007199254740991n ? Number(big) : big);

// `address + offset` modulo 2^64, as C pointer arithmetic on a 64-bit address wraps.
function offsetAddress(address, offset) {
  if (typeof address === "number") {
    const sum = address + offset;
    if (sum >= 0 && sum <= MAX_SAFE) return sum;
  }
  return canonical(BigInt.asUintN(64, BigInt(address) + BigInt(offset)));
}

// read.ptr gives a number, which loses bits past 2^53: such values are read again exactly.
function readPointer(address, offset) {
  const value = rffi.read.ptr(address, offset);
  return pointerOf(value <= MAX_SAFE ? value : canonical(rffi.read.u64(address, offset)));
}

// A pointer object or null, else Deno's "expected external"; `what` names the argument.
function pointerOrNull(value, what) {
  if (value === null) return 0;
  const address = addressOf(value);
  if (address === undefined) throw new TypeError(`expected external: ${what} must be a pointer object or null`);
  return address;
}

// A non-null pointer object; `nullMessage` is Deno's message for null where it has one.
function nonNullPointer(value, what, nullMessage) {
  if (value === null) throw new TypeError(nullMessage ?? `Invalid pointer, ${what} is null`);
  const address = addressOf(value);
  if (address === undefined) throw new TypeError(`expected external: ${what} must be a pointer object`);
  return address;
}

// Deno reads an offset or a length as an f64 (BigInts too), truncated: NaN is 0. An infinite
// one would point nowhere; Deno crashes on it, here it is a RangeError.
function byteCount(value, what) {
  let n;
  if (typeof value === "number") n = value;
  else if (typeof value === "bigint") n = Number(value);
  else throw new TypeError(`expected f64: ${what} must be a number`);
  if (n !== n) return 0;
  if (n === Infinity || n === -Infinity) throw new RangeError(`${what} must be finite, got ${n}`);
  return Math.trunc(n);
}

// An ArrayBuffer, SharedArrayBuffer or view as the Uint8Array of its bytes, else undefined.
function bytesOf(value) {
  if (ArrayBuffer.isView(value)) {
    return value instanceof Uint8Array ? value : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && value instanceof SharedArrayBuffer)) {
    return new Uint8Array(value);
  }
  return undefined;
}

// --- Types -------------------------------------------------------------------------------------

const TYPE_NAMES = ["void", "bool", "u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64", "usize", "isize", "f32", "f64", "pointer", "buffer", "function", "struct"];
const unknownType = (type, where) =>
  new TypeError(`unknown variant \`${String(type)}\`, expected one of ${TYPE_NAMES.map((n) => `\`${n}\``).join(", ")} (${where})`);

// Deno's argument error, naming the argument too.
const invalidValue = (type, expected, where) => new TypeError(`Invalid FFI ${type} type, expected ${expected} (${where})`);

// Argument converters by kind: each checks a value by Deno's rules and gives rusk:ffi's value.
// 8–32-bit integers must be V8 int32 / uint32 values (integral numbers in range, and not -0,
// which V8 stores as a double); rusk:ffi then wraps them to the width (u8(300) is 44).
const ARGUMENT = {
  int: (type, where) => (v) => {
    if (typeof v === "number" && (v | 0) === v && (v !== 0 || 1 / v > 0)) return v;
    throw invalidValue(type, "integer", where);
  },
  uint: (type, where) => (v) => {
    if (typeof v === "number" && v >>> 0 === v && (v !== 0 || 1 / v > 0)) return v;
    throw invalidValue(type, "unsigned integer", where);
  },
  // 64-bit integers take BigInts (wrapped modulo 2^64) and numbers, which Deno converts like
  // Rust's `as i64`: truncated, saturated at the i64 range, NaN as 0. rusk:ffi truncates and
  // wraps numbers itself, so only the values past 2^53 need work here.
  int64: (type, where) => (v) => int64Argument(v, type, "integer", where),
  uint64: (type, where) => (v) => int64Argument(v, type, "unsigned integer", where),
  float: (type, where) => (v) => {
    if (typeof v === "number") return v;
    throw invalidValue(type, "number", where);
  },
  // Deno's own message says u8: the C type a bool travels as.
  bool: (type, where) => (v) => {
    if (typeof v === "boolean") return v;
    throw invalidValue("u8", "boolean", where);
  },
  pointer: (type, where) => (v) => {
    if (v === null) return null;
    const address = addressOf(v);
    if (address === undefined) throw invalidValue(type, "null, or External", where);
    return address;
  },
  // Views of a SharedArrayBuffer are views too; the SharedArrayBuffer itself is refused, as in
  // Deno. An empty ArrayBuffer has no storage: Deno passes NULL for it (and for its views).
  buffer: (type, where) => (v) => {
    if (v === null) return null;
    if (ArrayBuffer.isView(v)) return v.buffer.byteLength === 0 ? null : v;
    if (v instanceof ArrayBuffer) return v.byteLength === 0 ? null : v;
    throw invalidValue(type, "null, ArrayBuffer, or ArrayBufferView", where);
  },
  // rusk:ffi checks that the bytes cover the struct.
  struct: (type, where) => (v) => {
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return v;
    throw invalidValue("struct", "ArrayBuffer, or ArrayBufferView", where);
  },
};

function int64Argument(v, type, expected, where) {
  if (typeof v === "bigint") return v;
  if (typeof v !== "number") throw invalidValue(type, expected, where);
  if (v >= -MAX_SAFE && v <= MAX_SAFE) return v;
  if (v !== v) return 0;
  if (v >= TWO_63) return I64_MAX;
  if (v < -TWO_63) return I64_MIN;
  return BigInt(v);
}

// What an UnsafeCallback's function returned, converted by Deno's rules for callback results
// (which are looser than for arguments: a JS number conversion, then the C cast). Deno panics on
// a BigInt for a 8–32-bit or float result; here that is a TypeError from the FFI call.
const bigintResult = (type) => new TypeError(`An UnsafeCallback returned a BigInt for its ${type} result`);
const CALLBACK_RESULT = {
  int: (type) => (v) => {
    if (typeof v === "bigint") throw bigintResult(type);
    return v | 0;
  },
  uint: (type) => (v) => {
    if (typeof v === "bigint") throw bigintResult(type);
    return v >>> 0;
  },
  // Numbers as Rust's saturating `as i64` / `as u64` (so -1 is 0 for u64); BigInts wrap.
  int64: () => (v) => {
    if (typeof v === "bigint") return v;
    const n = +v;
    if (n !== n) return 0;
    if (n >= TWO_63) return I64_MAX;
    if (n < -TWO_63) return I64_MIN;
    return Math.trunc(n);
  },
  uint64: () => (v) => {
    if (typeof v === "bigint") return v;
    const n = +v;
    if (!(n > 0)) return 0;
    if (n >= TWO_64) return U64_MAX;
    return Math.trunc(n);
  },
  float: (type) => (v) => {
    if (typeof v === "bigint") throw bigintResult(type);
    return +v;
  },
  bool: () => (v) => !!v,
  // Anything but a pointer object is NULL, as in Deno.
  pointer: () => (v) => addressOf(v) ?? null,
  buffer: () => (v) => addressOf(v) ?? null,
  struct: () => (v) => v,
  void: () => () => undefined,
};

const SCALARS = {
  __proto__: null,
  bool: { kind: "bool", rusk: "bool" },
  u8: { kind: "uint", rusk: "u8" },
  i8: { kind: "int", rusk: "i8" },
  u16: { kind: "uint", rusk: "u16" },
  i16: { kind: "int", rusk: "i16" },
  u32: { kind: "uint", rusk: "u32" },
  i32: { kind: "int", rusk: "i32" },
  u64: { kind: "uint64", rusk: "u64" },
  i64: { kind: "int64", rusk: "i64" },
  usize: { kind: "uint64", rusk: "u64" },
  isize: { kind: "int64", rusk: "i64" },
  f32: { kind: "float", rusk: "f32" },
  f64: { kind: "float", rusk: "f64" },
  pointer: { kind: "pointer", rusk: "ptr" },
  function: { kind: "pointer", rusk: "ptr" },
  buffer: { kind: "buffer", rusk: "ptr" },
};

/** A Deno type declaration → `{ name, kind, rusk }`; `where` names it in errors. */
function parseType(decl, where, allowVoid) {
  if (typeof decl === "string") {
    if (decl === "void") {
      if (!allowVoid) throw new TypeError(`The type 'void' is only allowed as a result (${where})`);
      return { name: "void", kind: "void", rusk: "void" };
    }
    const scalar = SCALARS[decl];
    if (scalar === undefined) throw unknownType(decl, where);
    return { name: decl, ...scalar };
  }
  if (decl !== null && typeof decl === "object" && "struct" in decl) {
    const fields = decl.struct;
    if (!Array.isArray(fields)) throw new TypeError(`The fields of a struct must be an array of types (${where})`);
    // Inside a struct too the types are rusk:ffi's: pointer-like fields are `ptr`, isize/usize
    // are i64/u64, nested structs are mapped the same way.
    return { name: "struct", kind: "struct", rusk: { struct: fields.map((field) => parseType(field, `a struct field in ${where}`, false).rusk) } };
  }
  throw unknownType(decl, where);
}

/** `{ parameters, result }` → `{ parameters: [type], result: type }`. */
function parseSignature(definition, label) {
  if (definition === null || typeof definition !== "object") {
    throw new TypeError(`The definition of ${label} must be an object with parameters and result`);
  }
  const { parameters, result } = definition;
  if (parameters === undefined) throw new TypeError(`missing field \`parameters\` (${label})`);
  if (!Array.isArray(parameters)) throw new TypeError(`The parameters of ${label} must be an array`);
  if (result === undefined) throw new TypeError(`missing field \`result\` (${label})`);
  return {
    parameters: parameters.map((type, i) => parseType(type, `parameter ${i} of ${label}`, false)),
    result: parseType(result, `result of ${label}`, true),
  };
}

const ruskSpec = (sig, nonblocking) => ({
  args: sig.parameters.map((t) => t.rusk),
  returns: sig.result.rusk,
  ...(nonblocking ? { nonblocking: true } : {}),
});

// Native values that are not already Deno's: addresses become pointer objects.
const fromNative = (t) => (t.kind === "pointer" || t.kind === "buffer" ? pointerOf : undefined);

// --- Calls -------------------------------------------------------------------------------------

/**
 * The JS function Deno gives for a C function: checks and converts the arguments, calls rusk:ffi's
 * `call`, converts the result. Extra arguments are ignored and missing ones are undefined (so
 * refused), as in Deno. Anonymous, like Deno's.
 */
function foreignFunction(call, sig, label, nonblocking) {
  const converters = sig.parameters.map((t, i) => ARGUMENT[t.kind](t.name, `argument ${i} of ${label}`));
  const result = fromNative(sig.result);
  const arity = converters.length;
  if (nonblocking) {
    // Deno's nonblocking functions are async: a bad argument rejects the promise.
    return (...args) => {
      const values = new Array(arity);
      try {
        for (let i = 0; i < arity; i++) values[i] = converters[i](args[i]);
      } catch (e) {
        return Promise.reject(e);
      }
      const promise = call(...values);
      return result === undefined ? promise : promise.then(result);
    };
  }
  // The common arities avoid rest arguments and spreading (several times faster per call).
  const [c0, c1, c2, c3] = converters;
  if (result === undefined) {
    switch (arity) {
      case 0: return () => call();
      case 1: return (a) => call(c0(a));
      case 2: return (a, b) => call(c0(a), c1(b));
      case 3: return (a, b, c) => call(c0(a), c1(b), c2(c));
      case 4: return (a, b, c, d) => call(c0(a), c1(b), c2(c), c3(d));
    }
  } else {
    switch (arity) {
      case 0: return () => result(call());
      case 1: return (a) => result(call(c0(a)));
      case 2: return (a, b) => result(call(c0(a), c1(b)));
      case 3: return (a, b, c) => result(call(c0(a), c1(b), c2(c)));
      case 4: return (a, b, c, d) => result(call(c0(a), c1(b), c2(c), c3(d)));
    }
  }
  return (...args) => {
    const values = new Array(arity);
    for (let i = 0; i < arity; i++) values[i] = converters[i](args[i]);
    const value = call(...values);
    return result === undefined ? value : result(value);
  };
}

// --- Deno.dlopen -------------------------------------------------------------------------------

function libraryPath(filename) {
  if (filename instanceof URL) {
    if (filename.protocol !== "file:") throw new TypeError("Must be a file URL");
    return decodeURIComponent(filename.pathname);
  }
  if (typeof filename !== "string") throw new TypeError("Deno.dlopen: the library path must be a string or a file URL");
  return filename;
}

/** One entry of the symbols object → what it asks for. */
function parseSymbol(key, definition) {
  const label = `symbol "${key}"`;
  if (definition === null || typeof definition !== "object") {
    throw new TypeError(`The definition of ${label} must be an object (a foreign function or static)`);
  }
  const name = definition.name === undefined ? key : definition.name;
  if (typeof name !== "string") throw new TypeError(`The name of ${label} must be a string`);
  const optional = !!definition.optional;
  // A static has a `type` and no `parameters`, as Deno tells them apart.
  if (definition.parameters === undefined && definition.type !== undefined) {
    const type = definition.type;
    if (type === "void") throw new TypeError("Foreign symbol of type 'void' is not supported");
    const t = parseType(type, label, false);
    if (t.kind === "struct") throw new TypeError(`Foreign statics of struct type are not supported (${label})`);
    return { key, name, optional, type: t };
  }
  return { key, name, optional, sig: parseSignature(definition, label), nonblocking: !!definition.nonblocking };
}

// A static's value, read once when the library is opened, as in Deno. A pointer-like static is
// the static's own address (so a view can read whatever it holds); a bool is the lowest bit of
// its byte, as UnsafePointerView.getBool reads it.
function readStatic(type, address) {
  switch (type.kind) {
    case "pointer":
    case "buffer":
      return pointerOf(address);
    case "bool":
      return (rffi.read.u8(address, 0) & 1) === 1;
    default:
      return rffi.read[type.rusk](address, 0);
  }
}

// rusk:ffi's load errors, recognised and rewritten to Deno's messages.
function openFailed(e) {
  const match = /^Failed to open library "[^]*?": ([^]*)$/.exec(e.message);
  return new Error(`Could not open library: Could not open library: ${match ? match[1] : e.message}`);
}
const missingSymbol = (e) => /^Symbol "([^]*)" not found in "/.exec(typeof e?.message === "string" ? e.message : "")?.[1];

// rusk:ffi needs a symbol to open a library: this name is in none, so "not found" proves that
// the library itself loaded.
const PROBE_SYMBOL = "\u0001rusk Deno.dlopen load check";

/**
 * Opens `path` once per round of entries (rusk:ffi keys its functions by symbol name, so two
 * entries naming the same symbol — aliases with different signatures — go into different
 * rounds; dlopen counts references, so it is one mapping). A missing symbol whose entries are
 * all optional is dropped and the round retried; `missing` collects those entries.
 */
function openRounds(path, entries, missing) {
  const rounds = [];
  for (const entry of entries) {
    let round = rounds.find((r) => !r.has(entry.name));
    if (round === undefined) rounds.push((round = new Map()));
    round.set(entry.name, entry);
  }
  const handles = [];
  try {
    for (const round of rounds) {
      for (;;) {
        if (round.size === 0) break;
        const spec = { __proto__: null };
        for (const [name, entry] of round) spec[name] = entry.sig === undefined ? {} : ruskSpec(entry.sig, entry.nonblocking);
        try {
          handles.push({ round, library: rffi.dlopen(path, spec) });
          break;
        } catch (e) {
          const name = missingSymbol(e);
          if (e?.code === "ERR_DLOPEN_FAILED") throw openFailed(e);
          if (name === undefined || !round.has(name)) throw e;
          const offenders = entries.filter((x) => x.name === name);
          const required = offenders.find((x) => !x.optional);
          if (required !== undefined) {
            throw new Error(`Failed to register symbol ${required.key}: Could not obtain symbol from the library: ${path}: undefined symbol: ${name}`);
          }
          for (const r of rounds) r.delete(name);
          for (const x of offenders) missing.add(x);
        }
      }
    }
    if (handles.length === 0) probeLibrary(path);
  } catch (e) {
    for (const { library } of handles) library.close();
    throw e;
  }
  return handles;
}

function probeLibrary(path) {
  try {
    rffi.dlopen(path, { [PROBE_SYMBOL]: {} }).close();
  } catch (e) {
    if (e?.code === "ERR_DLOPEN_FAILED") throw openFailed(e);
    if (missingSymbol(e) !== PROBE_SYMBOL) throw e;
  }
}

class DynamicLibrary {
  #handles;

  constructor(symbols, handles) {
    this.symbols = symbols;
    this.#handles = handles;
  }

  // rusk:ffi makes the functions throw once closed (Deno crashes on such calls) and unmaps the
  // library only when no call is in flight.
  close() {
    if (this.#handles === null) throw new BadResource();
    for (const handle of this.#handles) handle.close();
    this.#handles = null;
  }
}

function dlopen(filename, symbols) {
  const path = libraryPath(filename);
  if (symbols === null || typeof symbols !== "object") throw new TypeError("Deno.dlopen: the symbols argument must be an object");
  const entries = Object.keys(symbols).map((key) => parseSymbol(key, symbols[key]));
  const missing = new Set();
  const handles = openRounds(path, entries, missing);
  const out = {};
  const found = new Map();
  for (const { round, library } of handles) {
    for (const [name, entry] of round) found.set(entry, library.symbols[name]);
  }
  for (const entry of entries) {
    // Defined rather than assigned, so that a symbol called `__proto__` is a symbol too. A
    // static is read-only, as in Deno.
    let value;
    if (missing.has(entry)) value = null;
    else if (entry.sig === undefined) value = readStatic(entry.type, found.get(entry).ptr);
    else value = foreignFunction(found.get(entry), entry.sig, `"${entry.key}"`, entry.nonblocking);
    const writable = value === null || entry.sig !== undefined;
    Object.defineProperty(out, entry.key, { value, enumerable: true, writable, configurable: writable });
  }
  return new DynamicLibrary(out, handles.map((h) => h.library));
}

// --- Deno.UnsafePointer -------------------------------------------------------------------------

// Deno converts a number like serde's u64: an int32 is sign-extended (-1 is 2^64 - 1), any
// other number is truncated and saturated at 0 and 2^64 - 1. BigInts wrap modulo 2^64.
function addressFromValue(value) {
  if (typeof value === "bigint") return canonical(BigInt.asUintN(64, value));
  if (typeof value !== "number") throw new TypeError("expected u64: UnsafePointer.create takes a bigint or a number");
  if ((value | 0) === value) return value >= 0 ? value : canonical(BigInt.asUintN(64, BigInt(value)));
  if (!(value > 0)) return 0;
  if (value >= TWO_64) return canonical(U64_MAX);
  return value <= MAX_SAFE ? Math.trunc(value) : canonical(BigInt(value));
}

class UnsafePointer {
  static create(value) {
    return pointerOf(addressFromValue(value));
  }

  // As in Deno, null compares by identity with anything (so `equals(undefined, null)` is
  // false, not an error); two other values must both be pointers.
  static equals(a, b) {
    if (a === null || b === null) return a === b;
    return pointerOrNull(a, "the first pointer") === pointerOrNull(b, "the second pointer");
  }

  static of(value) {
    const ofCallback = callbackPointer(value);
    if (ofCallback !== undefined) return ofCallback;
    const bytes = bytesOf(value);
    if (bytes === undefined) {
      throw new TypeError(`Cannot access pointer: expected 'ArrayBuffer', 'SharedArrayBuffer', 'ArrayBufferView' or 'UnsafeCallbackPrototype', received ${typeof value}`);
    }
    return bytes.buffer.byteLength === 0 ? null : pointerOf(rffi.ptr(bytes));
  }

  static offset(value, offset) {
    const address = nonNullPointer(value, "the pointer", "Invalid pointer to offset, pointer is null");
    return pointerOf(offsetAddress(address, byteCount(offset, "the offset")));
  }

  static value(value) {
    return BigInt(pointerOrNull(value, "the pointer"));
  }
}

// --- Deno.UnsafePointerView ---------------------------------------------------------------------

// A view reads its `pointer` on every use: it is a plain property, as in Deno.
const viewAddress = (pointer) => nonNullPointer(pointer, "the view's pointer");

// Offsets are mostly small integers: those skip the general conversion.
const viewOffset = (offset) =>
  offset === undefined ? 0 : typeof offset === "number" && (offset | 0) === offset ? offset : byteCount(offset, "the offset");

// The address `offset` bytes past a pointer; `what` names it in Deno's error for null.
function viewTarget(pointer, offset, what) {
  if (pointer === null) throw new TypeError(`Invalid ${what} pointer, pointer is null`);
  const address = viewAddress(pointer);
  return offset === undefined ? address : offsetAddress(address, viewOffset(offset));
}

function getCString(pointer, offset) {
  return rffi.CString(viewTarget(pointer, offset, "CString"));
}

function getArrayBuffer(pointer, byteLength, offset) {
  // A negative length gives an empty buffer, as in Deno.
  const length = Math.max(0, byteCount(byteLength, "the byteLength"));
  const at = viewTarget(pointer, offset, "ArrayBuffer");
  return rffi.toArrayBuffer(at, 0, length);
}

function copyInto(pointer, destination, offset) {
  // Deno refuses a SharedArrayBuffer here (a view of one is fine).
  const target = ArrayBuffer.isView(destination) || destination instanceof ArrayBuffer ? bytesOf(destination) : undefined;
  if (target === undefined) throw new TypeError("Invalid FFI buffer type, expected ArrayBuffer, or ArrayBufferView (the destination of copyInto)");
  const at = viewTarget(pointer, offset, "source");
  if (target.byteLength === 0) return;
  target.set(new Uint8Array(rffi.toArrayBuffer(at, 0, target.byteLength)));
}

class UnsafePointerView {
  constructor(pointer) {
    this.pointer = pointer;
  }

  // A C bool is read as Deno reads it: the lowest bit of its byte.
  getBool(offset) {
    return (rffi.read.u8(viewAddress(this.pointer), viewOffset(offset)) & 1) === 1;
  }

  getUint8(offset) {
    return rffi.read.u8(viewAddress(this.pointer), viewOffset(offset));
  }

  getInt8(offset) {
    return rffi.read.i8(viewAddress(this.pointer), viewOffset(offset));
  }

  getUint16(offset) {
    return rffi.read.u16(viewAddress(this.pointer), viewOffset(offset));
  }

  getInt16(offset) {
    return rffi.read.i16(viewAddress(this.pointer), viewOffset(offset));
  }

  getUint32(offset) {
    return rffi.read.u32(viewAddress(this.pointer), viewOffset(offset));
  }

  getInt32(offset) {
    return rffi.read.i32(viewAddress(this.pointer), viewOffset(offset));
  }

  getBigUint64(offset) {
    return rffi.read.u64(viewAddress(this.pointer), viewOffset(offset));
  }

  getBigInt64(offset) {
    return rffi.read.i64(viewAddress(this.pointer), viewOffset(offset));
  }

  getFloat32(offset) {
    return rffi.read.f32(viewAddress(this.pointer), viewOffset(offset));
  }

  getFloat64(offset) {
    return rffi.read.f64(viewAddress(this.pointer), viewOffset(offset));
  }

  getPointer(offset) {
    return readPointer(viewAddress(this.pointer), viewOffset(offset));
  }

  getCString(offset) {
    return getCString(this.pointer, offset);
  }

  static getCString(pointer, offset) {
    return getCString(pointer, offset);
  }

  getArrayBuffer(byteLength, offset) {
    return getArrayBuffer(this.pointer, byteLength, offset);
  }

  static getArrayBuffer(pointer, byteLength, offset) {
    return getArrayBuffer(pointer, byteLength, offset);
  }

  copyInto(destination, offset) {
    copyInto(this.pointer, destination, offset);
  }

  static copyInto(pointer, destination, offset) {
    copyInto(pointer, destination, offset);
  }
}

// --- Deno.UnsafeCallback ------------------------------------------------------------------------

// Keeping the program alive: rusk's event loop does not wait for callbacks (threadsafe calls
// only run while something else keeps it going), so while any callback is ref'd, one idle timer
// holds the loop open — which is what a ref'd UnsafeCallback does in Deno.
let referencedCallbacks = 0;
let keepAliveTimer = null;

function retainLoop() {
  if (referencedCallbacks++ === 0) keepAliveTimer = setInterval(() => {}, 2 ** 31 - 1);
}

function releaseLoop() {
  if (--referencedCallbacks === 0) {
    clearInterval(keepAliveTimer);
    keepAliveTimer = null;
  }
}

// The function rusk:ffi calls: converts the C arguments to Deno's values and the result back.
function callbackTarget(sig, callback) {
  const toResult = CALLBACK_RESULT[sig.result.kind](sig.result.name);
  const toArguments = sig.parameters.map(fromNative);
  if (toArguments.every((f) => f === undefined)) {
    return (...args) => toResult(Reflect.apply(callback, undefined, args));
  }
  return (...args) => {
    for (let i = 0; i < args.length; i++) {
      const convert = toArguments[i];
      if (convert !== undefined) args[i] = convert(args[i]);
    }
    return toResult(Reflect.apply(callback, undefined, args));
  };
}

/** The pointer of an UnsafeCallback, or undefined for any other value (set by the class). */
let callbackPointer;

class UnsafeCallback {
  #callback;
  #refCount = 0;
  #closed = false;

  constructor(definition, callback) {
    const sig = parseSignature(definition, "the UnsafeCallback");
    if (typeof callback !== "function") throw new TypeError("expected Function: the callback of an UnsafeCallback must be a function");
    // Every Deno callback may be called from any thread; rusk runs calls from other threads on
    // the JS thread, and a thread waiting for a result gets it.
    this.#callback = new rffi.JSCallback(callbackTarget(sig, callback), { ...ruskSpec(sig, false), threadsafe: true });
    this.definition = definition;
    this.callback = callback;
    this.pointer = pointerOf(this.#callback.ptr);
  }

  static {
    callbackPointer = (value) => (value !== null && typeof value === "object" && #callback in value ? value.pointer : undefined);
  }

  static threadSafe(definition, callback) {
    const cb = new UnsafeCallback(definition, callback);
    cb.ref();
    return cb;
  }

  ref() {
    // Deno fails a ref of a closed callback (asynchronously, as an uncaught error).
    if (this.#closed) throw new BadResource();
    if (this.#refCount++ === 0) retainLoop();
    return this.#refCount;
  }

  unref() {
    if (this.#refCount === 0) return 0;
    if (--this.#refCount === 0) releaseLoop();
    return this.#refCount;
  }

  close() {
    if (this.#closed) throw new BadResource();
    this.#closed = true;
    if (this.#refCount > 0) {
      this.#refCount = 0;
      releaseLoop();
    }
    this.#callback.close();
  }

  // rusk's addition (Deno 2.9 has none): `using cb = new Deno.UnsafeCallback(...)`. Disposing
  // a callback that was closed already does nothing.
  [Symbol.dispose]() {
    if (!this.#closed) this.close();
  }
}

// --- Deno.UnsafeFnPointer -----------------------------------------------------------------------

class UnsafeFnPointer {
  #call;

  constructor(pointer, definition) {
    const address = nonNullPointer(pointer, "the function pointer", "Invalid function pointer, pointer is null");
    const sig = parseSignature(definition, "the UnsafeFnPointer");
    const nonblocking = !!definition.nonblocking;
    const native = rffi.CFunction({ ptr: address, ...ruskSpec(sig, nonblocking) });
    this.pointer = pointer;
    this.definition = definition;
    this.#call = foreignFunction(native, sig, "UnsafeFnPointer.call", nonblocking);
  }

  call(...args) {
    return this.#call(...args);
  }
}

// --- The rest of the namespace ------------------------------------------------------------------

// Deno.build as Deno reports it: Rust's target triple of the running binary.
const OS = { __proto__: null, linux: "linux", darwin: "darwin", win32: "windows", freebsd: "freebsd", openbsd: "openbsd", netbsd: "netbsd", android: "android", sunos: "solaris", aix: "aix" };
const ARCH = { __proto__: null, x64: "x86_64", arm64: "aarch64", riscv64: "riscv64gc" };
const VENDOR = { __proto__: null, darwin: "apple", windows: "pc" };
const ENV = { __proto__: null, linux: "gnu", windows: "msvc", android: "android" };

function buildInfo() {
  const os = OS[process.platform] ?? process.platform;
  const arch = ARCH[process.arch] ?? process.arch;
  const vendor = VENDOR[os] ?? "unknown";
  const env = ENV[os];
  const target = `${arch}-${vendor}-${os}${env === undefined ? "" : `-${env}`}`;
  const info = { target, arch, os, vendor };
  if (env !== undefined) info.env = env;
  info.standalone = false;
  return Object.freeze(info);
}

// Deno.env: the process environment (process.env writes through to the C environment), with
// Deno's key and value checks.
function envKey(key, emptyMessage = "Key is an empty string.") {
  const k = String(key);
  if (k === "") throw new TypeError(emptyMessage);
  if (k.includes("=") || k.includes("\0")) throw new TypeError(`Key contains invalid characters: ${JSON.stringify(k)}`);
  return k;
}

const env = {
  get(key) {
    return process.env[envKey(key)];
  },
  toObject() {
    return { __proto__: null, ...process.env };
  },
  set(key, value) {
    const k = envKey(key);
    const v = String(value);
    if (v.includes("\0")) throw new TypeError(`Value contains invalid characters: ${JSON.stringify(v)}`);
    process.env[k] = v;
  },
  has(key) {
    return Object.hasOwn(process.env, envKey(key));
  },
  // Deno words an empty key differently here.
  delete(key) {
    delete process.env[envKey(key, 'Key contains invalid characters: ""')];
  },
};

let args;

export const Deno = {
  dlopen,
  UnsafePointer,
  UnsafePointerView,
  UnsafeCallback,
  UnsafeFnPointer,
  build: buildInfo(),
  env,
  get args() {
    args ??= process.argv.slice(2);
    return args;
  },
  get pid() {
    return process.pid;
  },
  // Deno's rule: NO_COLOR set to anything but the empty string.
  get noColor() {
    return !!process.env.NO_COLOR;
  },
  cwd() {
    return process.cwd();
  },
  execPath() {
    return process.execPath;
  },
  // A code that is not a number leaves the exit code as it is, as in Deno.
  exit(code) {
    process.exit(typeof code === "number" && Number.isFinite(code) ? Math.trunc(code) : (process.exitCode ?? 0));
  },
};

// The default export is the module's table of exports, as for the other internal modules: the
// lazy global (internal/globals.js) takes `Deno` from it.
export default { Deno };
