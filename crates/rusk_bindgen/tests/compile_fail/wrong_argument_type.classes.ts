// `Pager.proto.page` declares `index` as a u32; the Rust method takes a String.
import { define } from "rusk:bindgen";

export default [
  define({
    name: "Pager",
    construct: true,
    args: {},
    proto: {
      page: { fn: "page", args: { index: "u32", label: "string?" }, returns: "string" },
    },
  }),
];
