// The native classes of rusk:ffi. `build.rs` turns this file into `ffi.classes.rs` (the Rust glue,
// included by src/classes.rs) and `ffi.d.ts` (printed by `rusk types`).
import { define } from "rusk:bindgen";

export default [
  define({
    name: "JSCallback",
    rust: "JsCallback",
    construct: true,
    // `init` puts the JS function in the traced slot of the cached `callback` getter.
    init: "init",
    finalize: true,
    // An open callback can still be called from C: keep its object alive until close().
    hasPendingActivity: true,
    proto: {
      ptr: { getter: "get_ptr", cache: true },
      threadsafe: { getter: "get_threadsafe" },
      callback: { getter: "get_callback", cache: true },
      close: { fn: "close", length: 0 },
      "@@dispose": { fn: "close", length: 0 },
    },
    ts: {
      constructor: "(callback: (...args: any[]) => any, definition?: FFIFunction)",
      ptr: "Pointer | null",
      threadsafe: "boolean",
      callback: "(...args: any[]) => any",
      close: "(): void",
      "@@dispose": "(): void",
    },
  }),
  define({
    name: "Library",
    rust: "LibraryObject",
    // Made by dlopen() and linkSymbols() only.
    construct: false,
    proto: {
      // Filled from Rust when the library is made; the getter only runs if the slot is empty.
      symbols: { getter: "get_symbols", cache: true },
      close: { fn: "close", length: 0 },
      "@@dispose": { fn: "close", length: 0 },
    },
    ts: {
      symbols: "Record<string, (...args: any[]) => any>",
      close: "(): void",
      "@@dispose": "(): void",
    },
  }),
];
