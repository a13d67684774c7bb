import { define } from "rusk:bindgen";

export default [
  define({
    name: "Counter",
    rust: "Counter",
    construct: true,
    finalize: true,
    values: ["onChange"],
    klass: {
      zero: { fn: "zero", length: 0 },
    },
    proto: {
      inc: { fn: "inc", length: 1 },
      value: { getter: "value", setter: "set_value" },
      history: { getter: "history", cache: true },
      "@@iterator": { fn: "iter", length: 0 },
    },
    ts: {
      constructor: "(start?: number)",
      inc: "(by?: number): number",
      value: "number",
      history: "number[]",
      "static zero": "(): Counter",
      "@@iterator": "(): Iterator<number>",
    },
  }),
];
