// Test class exercised by tests/behaviour.rs (its generated code is compiled into that test).
import { define } from "rusk:bindgen";

export default [
  define({
    name: "Probe",
    rust: "Probe",
    construct: true,
    finalize: true,
    hasPendingActivity: true,
    values: ["held"],
    klass: {
      create: { fn: "create", length: 2 },
      version: { getter: "version" },
    },
    proto: {
      value: { getter: "get_value", setter: "set_value" },
      add: { fn: "add", length: 1 },
      info: { getter: "get_info", cache: true },
      fail: { fn: "fail", length: 1 },
      boom: { fn: "boom", length: 0 },
      busy: { getter: "get_busy", setter: "set_busy" },
      "@@iterator": { fn: "iter", length: 0 },
      "@@dispose": { fn: "dispose", length: 0 },
      "@@toPrimitive": { fn: "to_primitive", length: 1 },
    },
    ts: {
      constructor: "(initial?: number)",
      add: "(n: number): number",
      value: "number",
      info: "{ id: number }",
      busy: "boolean",
      "static create": "(initial: number, held?: unknown): Probe",
      "static version": "number",
      "@@iterator": "(): Iterator<number>",
    },
  }),
];
