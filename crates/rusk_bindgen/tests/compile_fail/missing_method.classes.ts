// `Counter.proto.inc` names a Rust method `bump` that the impl does not have.
import { define } from "rusk:bindgen";

export default [
  define({
    name: "Counter",
    construct: true,
    args: {},
    proto: {
      inc: { fn: "bump", args: { by: "i32" }, returns: "number" },
      count: { getter: "count" },
    },
  }),
];
