// A part of rusk's bootstrap (js/bootstrap.js), read and run on first use: the global
// `structuredClone`.
// Called with (native, internals, shared) like the bootstrap; returns its exports.
(function clone(native, internals, shared) {
  "use strict";
  const g = globalThis;
  const structuredClone = function structuredClone(value) {
    const seen = new Map();
    const clone = (v) => {
      if (typeof v === "function" || typeof v === "symbol") {
        throw new DOMExceptionLike(`${typeof v === "function" ? v.name || "function" : "Symbol"} could not be cloned.`);
      }
      if (v === null || typeof v !== "object") return v;
      if (seen.has(v)) return seen.get(v);
      // Instances of native classes declared with `structuredClone` copy through their own
      // serialize/deserialize (the hook comes from the Node layer; undefined: not one).
      let out = internals.cloneHostObject === undefined ? undefined : internals.cloneHostObject(v);
      if (out !== undefined) {
        seen.set(v, out);
        return out;
      }
      if (Array.isArray(v)) {
        out = new Array(v.length);
        seen.set(v, out);
        for (let i = 0; i < v.length; i++) if (i in v) out[i] = clone(v[i]);
        return out;
      }
      if (v instanceof Date) out = new Date(v.getTime());
      else if (v instanceof RegExp) out = new RegExp(v.source, v.flags);
      else if (v instanceof ArrayBuffer) out = v.slice(0);
      // The same agent shares the memory (rusk cannot make a second object over it).
      else if (typeof SharedArrayBuffer === "function" && v instanceof SharedArrayBuffer) out = v;
      else if (ArrayBuffer.isView(v)) {
        const buf = clone(v.buffer);
        out = v instanceof DataView ? new DataView(buf, v.byteOffset, v.byteLength) : new v.constructor(buf, v.byteOffset, v.length);
      } else if (v instanceof Map) {
        out = new Map();
        seen.set(v, out);
        for (const [k, x] of v) out.set(clone(k), clone(x));
        return out;
      } else if (v instanceof Set) {
        out = new Set();
        seen.set(v, out);
        for (const x of v) out.add(clone(x));
        return out;
      } else if (v instanceof Error) {
        out = new v.constructor(v.message);
        seen.set(v, out);
        if (v.stack) out.stack = v.stack;
        if ("cause" in v) out.cause = clone(v.cause);
        return out;
      } else if (v instanceof Boolean || v instanceof Number || v instanceof String) out = Object(v.valueOf());
      else {
        out = {};
        seen.set(v, out);
        for (const k of Object.keys(v)) out[k] = clone(v[k]);
        return out;
      }
      seen.set(v, out);
      return out;
    };
    return clone(value);
  };
  const DOMExceptionLike = class extends g.DOMException {
    constructor(message) {
      super(message, "DataCloneError");
    }
  };
  return { structuredClone };
});
