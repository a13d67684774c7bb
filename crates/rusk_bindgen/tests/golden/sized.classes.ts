// `estimatedSize`: an instance that holds native memory reports it, so that the engine collects
// unreachable cycles of such instances in time. `Unsized` is the same class without it.
import { define } from "rusk:bindgen";

export default [
  define({
    name: "Sized",
    construct: true,
    args: { bytes: "u32" },
    estimatedSize: "estimated_size",
    finalize: true,
  }),
  define({
    name: "Unsized",
    rust: "Sized",
    construct: true,
    args: { bytes: "u32" },
    finalize: true,
  }),
];
