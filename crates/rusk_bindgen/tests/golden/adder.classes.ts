// A small typed class for the compile-fail doctests in src/lib.rs: a Rust method whose
// parameters do not match `args` must not compile.
import { define } from "rusk:bindgen";

export default [
  define({
    name: "Adder",
    construct: true,
    args: {},
    proto: {
      add: { fn: "add", args: { a: "i32", b: "i32" }, returns: "number" },
    },
  }),
];
