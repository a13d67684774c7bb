// `Mixer.klass.mix` declares three arguments; the Rust function takes two.
import { define } from "rusk:bindgen";

export default [
  define({
    name: "Mixer",
    construct: true,
    args: {},
    klass: {
      mix: { fn: "mix", args: { a: "f64", b: "f64", weight: { type: "f64", default: 0.5 } }, returns: "number" },
    },
  }),
];
