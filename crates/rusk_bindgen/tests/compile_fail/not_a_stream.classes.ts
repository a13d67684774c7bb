// `Feed`'s `asyncIterable` method returns a list, not a Stream.
import { define } from "rusk:bindgen";

export default [
  define({
    name: "Feed",
    construct: true,
    args: {},
    asyncIterable: { fn: "items", value: "number" },
  }),
];
