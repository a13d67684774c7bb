// The native classes of rusk:ffi. `build.rs` turns this file into `ffi.classes.rs` (the Rust glue,
// included by src/classes.rs) and `ffi.d.ts` (printed by `rusk types`).
import { define } from "rusk:bindgen";

export default [
  define({
    name: "JSCallback",
    rust: "JsCallback",
    construct: true,
    // Bun's messages (code ERR_INVALID_ARG_TYPE); the definition's own fields are read by
    // `signature::parse`, which names the field it rejects.
    args: {
      callback: { type: "function", message: "Expected callback function" },
      definition: { type: "object", message: "Expected object" },
    },
    // `init` puts the JS function in the traced slot of the cached `callback` getter.
    init: "init",
    finalize: true,
    // An open callback can still be called from C: keep its object alive until close().
    hasPendingActivity: true,
    proto: {
      ptr: { getter: "get_ptr", cache: true },
      threadsafe: { getter: "get_threadsafe" },
      callback: { getter: "get_callback", cache: true },
      close: { fn: "close", passThis: true, args: {}, returns: "void" },
      "@@dispose": { fn: "close", passThis: true, args: {}, returns: "void" },
    },
    ts: {
      constructor: "(callback: (...args: any[]) => any, definition: FFIFunction)",
      ptr: "Pointer | null",
      threadsafe: "boolean",
      callback: "(...args: any[]) => any",
    },
  }),
  define({
    name: "Library",
    rust: "LibraryObject",
    // Made by dlopen() and linkSymbols() only: the prototype exists, a constructor does not.
    noConstructor: true,
    proto: {
      // Filled from Rust when the library is made; the getter only runs if the slot is empty.
      symbols: { getter: "get_symbols", cache: true },
      close: { fn: "close", args: {}, returns: "void" },
      "@@dispose": { fn: "close", args: {}, returns: "void" },
    },
    ts: {
      symbols: "Record<string, (...args: any[]) => any>",
    },
  }),
];
