// A test-only class for the generator's behaviour tests (tests/bindgen/*.test.ts). Its Rust
// side is crates/rusk/tests/bindgen_classes.rs, which runs these tests through `rusk test` on a
// runtime that has the module `rusk:probe`. Its glue and declarations are also checked in as
// crates/rusk_bindgen/tests/golden/probe.classes.rs and probe.d.ts (the golden test).
import { define } from "rusk:bindgen";

export default [
  define({
    name: "Probe",
    rust: "Probe",
    construct: true,
    finalize: true,
    hasPendingActivity: true,
    inspectCustom: "inspect",
    values: ["held"],
    // Copied by structuredClone() and worker messages as its value's 8 bytes.
    structuredClone: { tag: 7001 },
    // `for await (const n of probe)` counts down from the value, over a Rust Stream.
    asyncIterable: { fn: "countdown", value: "number" },
    klass: {
      create: { fn: "create", length: 2 },
      version: { getter: "version" },
      mode: { getter: "mode", setter: "set_mode" },
      finalized: { getter: "finalized" },
      infoCalls: { getter: "info_calls" },
      releaseAll: { fn: "release_all", length: 0 },
      streamsDropped: { getter: "streams_dropped" },
    },
    proto: {
      value: { getter: "get_value", setter: "set_value" },
      add: { fn: "add", length: 1 },
      // An async Rust method: the call returns a Promise settled when its future completes.
      later: { fn: "later", async: true, args: { ms: "u32", fail: { type: "boolean", default: false } }, returns: "number" },
      info: { getter: "get_info", cache: true },
      hold: { fn: "hold", length: 1 },
      held: { fn: "held", length: 0 },
      fail: { fn: "fail", length: 1 },
      boom: { fn: "boom", length: 0 },
      busy: { getter: "get_busy", setter: "set_busy" },
      "@@iterator": { fn: "iter", length: 0 },
      "@@dispose": { fn: "dispose", length: 0 },
      "@@toPrimitive": { fn: "to_primitive", length: 1 },
    },
    ts: {
      constructor: "(initial?: number)",
      value: "number",
      add: "(n: number): number",
      info: "{ id: number }",
      hold: "(v: unknown): void",
      held: "(): unknown",
      fail: "(kind: number): never",
      boom: "(): never",
      busy: "boolean",
      "static create": "(initial: number, held?: unknown): Probe",
      "static version": "number",
      "static mode": "string",
      "static finalized": "number",
      "static infoCalls": "number",
      "static releaseAll": "(): void",
      "static streamsDropped": "number",
      "@@iterator": "(): Iterator<number>",
      "@@dispose": "(): void",
      "@@toPrimitive": "(hint: string): number",
    },
  }),
  // An async iterable of key/value pairs: entries, keys and values.
  define({
    name: "ProbePairs",
    rust: "ProbePairs",
    construct: true,
    asyncIterable: { fn: "pairs", key: "string", value: "number" },
  }),
];
