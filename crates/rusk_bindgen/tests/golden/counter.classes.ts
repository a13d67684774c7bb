// Smallest useful class; also used by the `compile_fail` doctest in src/lib.rs.
import { define } from "rusk:bindgen";

export default [
  define({
    name: "Counter",
    construct: true,
    proto: {
      inc: { fn: "inc", length: 0 },
      count: { getter: "count" },
    },
    ts: { inc: "(): number", count: "number" },
  }),
];
