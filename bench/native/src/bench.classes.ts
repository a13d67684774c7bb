// The benchmark's generated class: a method, a typed 3-argument method, a plain getter, a
// cached getter.
import { define } from "rusk:bindgen";

export default [
  define({
    name: "Gen",
    rust: "crate::generated::Gen",
    construct: false,
    proto: {
      add: { fn: "add", length: 1 },
      // A typed method: the generated glue converts and checks the three int32 arguments.
      add3: { fn: "add3", args: { a: "i32", b: "i32", c: "i32" } },
      value: { getter: "value" },
      info: { getter: "info", cache: true },
    },
  }),
];
