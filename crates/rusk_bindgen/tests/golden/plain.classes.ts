// Two classes in one file: a callable, non-constructable class with statics only, and a
// constructable class using `init`, a static setter and other symbol keys.
import { define } from "rusk:bindgen";

export default [
  define({
    name: "Plain",
    call: "invoke",
    klass: {
      answer: { fn: "answer" },
      mode: { getter: "mode", setter: "set_mode" },
    },
    ts: { call: "(n: number): number", "static answer": "(): number", "static mode": "string" },
  }),
  define({
    name: "CString",
    rust: "self::CStringImpl",
    construct: true,
    init: "init",
    proto: {
      "@@toStringTag": { getter: "tag" },
      "@@asyncIterator": { fn: "aiter" },
      byteLength: { getter: "byte_length", cache: true },
      toString: { fn: "to_string", length: 0 },
    },
  }),
];
