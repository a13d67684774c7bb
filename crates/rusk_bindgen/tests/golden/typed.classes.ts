// Typed members: each argument's type is declared, the generator converts and validates it (with
// Node's errors) and the Rust method takes typed parameters.
import { define } from "rusk:bindgen";

export default [
  define({
    name: "Typed",
    construct: true,
    args: { label: "string", start: { type: "i32", default: 0 } },
    types: {
      Mode: { enum: ["read", "read-write", "2d"] },
      Input: { union: ["string", "bytes", "i64"] },
      Options: { dict: { mode: { type: "Mode", default: "read" }, limit: "u32?", tag: "string | null", fatal: { type: "boolean", default: false } } },
      // No required member: an argument of this type may be left out.
      ViewOptions: { dict: { mode: { type: "Mode", default: "read" } } },
    },
    proto: {
      add3: { fn: "add3", args: { a: "i32", b: "i32", c: "i32" }, returns: "number" },
      wide: { fn: "wide", args: { u: "u32", big: "i64", n: "u64", f: "f64" }, returns: "string" },
      clamped: { fn: "clamped", args: { byte: { type: "u32", clamp: true } }, returns: "number" },
      describe: { fn: "describe", args: { name: "string", note: "string | null", flag: "boolean?" }, returns: "string" },
      sum: { fn: "sum", args: { first: "f64", rest: "...f64" }, returns: "number" },
      bytes: { fn: "byte_sum", args: { data: "bytes" }, returns: "number" },
      fill: { fn: "fill", args: { out: "bytes", value: "u32" }, returns: "void" },
      call: { fn: "call_back", args: { f: "function", arg: "any" }, returns: "any" },
      countKeys: { fn: "keys", args: { o: "object" }, returns: "number" },
      options: { fn: "options", args: { opts: "Options?" }, returns: "string" },
      mode: { fn: "mode", args: { m: "Mode" }, returns: "string" },
      input: { fn: "input", args: { v: "Input" }, returns: "string" },
      // passThis: the Rust method also gets the JS receiver.
      tagged: { fn: "tagged", passThis: true, args: { tag: "string" }, returns: "string" },
      // Overloads: chosen by argument count, then by the arguments' JS types.
      at: {
        overloads: [
          { fn: "at_index", args: { index: "i32" }, returns: "string" },
          { fn: "at_name", args: { name: "string" }, returns: "string" },
          { fn: "at_pair", args: { row: "i32", column: "i32", note: "string?" }, returns: "string" },
        ],
      },
      // Property attributes other than a class's defaults.
      label: { getter: "label", enumerable: true, configurable: false },
      sealed: { fn: "mode", args: { m: "Mode" }, returns: "string", writable: false, enumerable: true },
      wait: { fn: "wait", async: true, args: { ms: "u32" }, returns: "number" },
      // WebIDL's coercing conversions, a message of the API's own, a Uint8Array, and a
      // dictionary argument (optional: undefined gives every member its default).
      text: {
        fn: "text",
        args: { s: { type: "string", coerce: true, default: "" }, flag: { type: "boolean", coerce: true, default: false } },
        returns: "string",
      },
      strict: { fn: "strict", args: { f: { type: "function", message: "Expected callback function" } }, returns: "void" },
      viewLength: { fn: "view_length", args: { view: "Uint8Array", opts: "ViewOptions" }, returns: "string" },
    },
    // A list: entries/keys/values/forEach/[Symbol.iterator] over what `items` returns.
    iterable: { fn: "items", value: "number" },
    klass: {
      make: { fn: "make", args: { label: "string" }, returns: "Typed" },
      later: { fn: "later", async: true, args: { n: "f64" }, returns: "number" },
    },
  }),
  // A map-like iterable of [key, value] pairs.
  define({
    name: "Pairs",
    construct: true,
    args: {},
    iterable: { fn: "pairs", key: "string", value: "number" },
  }),
];
