// The benchmark's generated class: one method, one plain getter, one cached getter.
import { define } from "rusk:bindgen";

export default [
  define({
    name: "Gen",
    rust: "crate::generated::Gen",
    construct: false,
    proto: {
      add: { fn: "add", length: 1 },
      value: { getter: "value" },
      info: { getter: "info", cache: true },
    },
  }),
];
