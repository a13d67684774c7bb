// `finalize: true` without a `finalize` function, and a constructor with the wrong parameters.
import { define } from "rusk:bindgen";

export default [
  define({
    name: "Handle",
    construct: true,
    args: { path: "string" },
    finalize: true,
  }),
];
