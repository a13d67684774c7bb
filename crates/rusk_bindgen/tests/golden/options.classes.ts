// Class-definition options after Bun's: `extends` (Error, or a class defined earlier in the same
// file), `noConstructor`, `invalidThisBehavior`, `builtin` members (written in JS), `own`
// properties, `valuesArray` and `structuredClone`. Exercised by tests/options.rs.
import { define } from "rusk:bindgen";

export default [
  // Error-like: the prototype inherits Error.prototype, the constructor Error.
  define({
    name: "Failure",
    construct: true,
    finalize: true,
    extends: "Error",
    // Own fields, as an Error's `message` is.
    own: { code: "code", message: "message" },
    proto: {
      describe: { builtin: "function () { return `${this.code}: ${this.message}`; }" },
    },
    ts: { code: "string", message: "string", describe: "(): string" },
  }),
  // Bun's spelling of the same.
  define({ name: "Legacy", construct: true, prototypeBase: "Error" }),
  // A base class: its members work on instances of the classes that extend it.
  define({
    name: "Shape",
    construct: true,
    args: { width: "f64", height: "f64" },
    values: ["label"],
    valuesArray: true,
    // Copied by the runtime's structuredClone as bytes (`serialize` / `deserialize`).
    structuredClone: { tag: 1, transferable: false },
    own: { id: "id" },
    proto: {
      area: { fn: "area", args: {}, returns: "number" },
      kind: { getter: "kind", cache: true },
      quiet: { fn: "area", args: {}, returns: "number", invalidThisBehavior: "noop" },
      loud: { fn: "area", args: {}, returns: "number", invalidThisBehavior: "reject" },
      later: { fn: "later", async: true, args: {}, returns: "number" },
      eager: { fn: "later", async: true, args: {}, returns: "number", invalidThisBehavior: "throw" },
      scaled: { builtin: "function (k) { return this.area() * k; }", length: 1 },
      "@@toPrimitive": { builtin: "function () { return this.area(); }" },
    },
    klass: {
      unit: { fn: "unit", args: {}, returns: "Shape" },
      describe: { builtin: "function (s) { return `${this.name}(${s.area()})`; }", length: 1, enumerable: true },
    },
    ts: { id: "number", kind: "string", scaled: "(k: number): number" },
  }),
  // Extends Shape: `Square: AsRef<Shape>` gives Shape's members the Shape part.
  define({
    name: "Square",
    construct: true,
    extends: "Shape",
    args: { side: "f64" },
    values: ["note"],
    own: { side: "side" },
    proto: {
      diagonal: { fn: "diagonal", args: {}, returns: "number" },
    },
    ts: { side: "number" },
  }),
  // No JS constructor: instances come from Rust (`handle_class::to_js`).
  define({
    name: "Handle",
    noConstructor: true,
    extends: "Square",
    proto: { fd: { getter: "fd" } },
    ts: { fd: "number" },
  }),
  // A class extending one without a public constructor.
  define({
    name: "Pipe",
    construct: true,
    extends: "Handle",
  }),
];
