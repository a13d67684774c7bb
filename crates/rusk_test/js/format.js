import { isAsymmetric } from "rusk:test/equality";
import { isObjectLike } from "rusk:test/util";

// ---------------------------------------------------------------------------
// 2. Value printer
// ---------------------------------------------------------------------------

export const IDENT_RE = /^[A-Za-z_$][\w$]*$/;
export const TYPED_ARRAY_PROTO = Object.getPrototypeOf(Int8Array.prototype);
export const isTypedArray = (v) => v instanceof TYPED_ARRAY_PROTO.constructor;

export function quote(s) {
  return JSON.stringify(s);
}

export function ctorName(v) {
  const proto = Object.getPrototypeOf(v);
  if (proto === null) return null;
  const c = proto.constructor;
  return typeof c === "function" && c.name ? c.name : null;
}

export function printPrimitive(v) {
  switch (typeof v) {
    case "string": return quote(v);
    case "number": return Object.is(v, -0) ? "-0" : String(v);
    case "bigint": return `${v}n`;
    case "symbol": return v.toString();
    case "undefined": return "undefined";
    case "function": {
      const src = Function.prototype.toString.call(v);
      // Built-in constructors (Array, Map, ...) print as classes too.
      if (/^class\b/.test(src) || (/\[native code\]/.test(src) && /^[A-Z]/.test(v.name))) return `[class ${v.name || "(anonymous)"}]`;
      return v.name ? `[Function: ${v.name}]` : "[Function]";
    }
    default: return String(v);
  }
}

// Bun-like console formatting: primitives inline, arrays of primitives inline
// (`[ 1, 2, 3 ]`), objects one property per line with trailing commas.
export function printValue(v, indent = "", seen = []) {
  if (!isObjectLike(v) || typeof v === "function") {
    return v === null ? "null" : printPrimitive(v);
  }
  if (isAsymmetric(v)) return v.toString();
  if (seen.includes(v)) return "[Circular]";
  if (v instanceof Date) return isNaN(v.getTime()) ? "Invalid Date" : v.toISOString();
  if (v instanceof RegExp) return String(v);
  if (v instanceof Error) {
    const name = v.name || "Error";
    return v.message ? `[${name}: ${v.message}]` : `[${name}]`;
  }
  if (typeof Promise !== "undefined" && v instanceof Promise) return "Promise { <pending> }";
  if (v instanceof WeakMap) return "WeakMap {}";
  if (v instanceof WeakSet) return "WeakSet {}";
  const inner = indent + "  ";
  const next = seen.concat([v]);
  const block = (open, items, close) =>
    items.length === 0 ? `${open}${close}` :
    `${open}\n${items.map((s) => inner + s + ",").join("\n")}\n${indent}${close}`;

  if (Array.isArray(v) || isTypedArray(v)) {
    const prefix = Array.isArray(v) ? "" : `${ctorName(v)}(${v.length}) `;
    if (v.length === 0) return prefix + "[]";
    const items = [];
    for (let i = 0; i < v.length; i++) {
      items.push(i in v ? printValue(v[i], inner, next) : "empty item");
    }
    return `${prefix}[ ${items.join(", ")} ]`;
  }
  if (v instanceof ArrayBuffer) return `ArrayBuffer(${v.byteLength}) [ ${[...new Uint8Array(v)].join(", ")} ]`;
  if (v instanceof Map) {
    const items = [...v].map(([k, val]) => `${printValue(k, inner, next)}: ${printValue(val, inner, next)}`);
    return block(`Map(${v.size}) {`, items, "}");
  }
  if (v instanceof Set) {
    const items = [...v].map((x) => printValue(x, inner, next));
    return block(`Set(${v.size}) {`, items, "}");
  }
  const name = ctorName(v);
  const prefix = name === "Object" ? "" : name === null ? "[Object: null prototype] " : `${name} `;
  const keys = [...Object.keys(v), ...Object.getOwnPropertySymbols(v).filter((s) => Object.prototype.propertyIsEnumerable.call(v, s))];
  const items = keys.map((k) => {
    const ks = typeof k === "symbol" ? `[${k.toString()}]` : IDENT_RE.test(k) ? k : quote(k);
    return `${ks}: ${printValue(v[k], inner, next)}`;
  });
  return block(`${prefix}{`, items, "}");
}

// Serializer used for diffs: one value per line, keys quoted, trailing commas,
// so a line diff gives a readable structural diff (Bun's diff shape).
export function serializeForDiff(v, indent = "", seen = []) {
  if (!isObjectLike(v) || typeof v === "function") return v === null ? "null" : printPrimitive(v);
  if (isAsymmetric(v)) return v.toString();
  if (seen.includes(v)) return "[Circular]";
  if (v instanceof Date) return isNaN(v.getTime()) ? "Invalid Date" : v.toISOString();
  if (v instanceof RegExp) return String(v);
  if (v instanceof Error) return printValue(v);
  const inner = indent + "  ";
  const next = seen.concat([v]);
  const block = (open, items, close) =>
    items.length === 0 ? `${open}${close}` :
    `${open}\n${items.map((s) => inner + s + ",").join("\n")}\n${indent}${close}`;
  if (Array.isArray(v) || isTypedArray(v)) {
    const prefix = Array.isArray(v) ? "" : `${ctorName(v)} `;
    const items = [];
    for (let i = 0; i < v.length; i++) items.push(i in v ? serializeForDiff(v[i], inner, next) : "<empty>");
    return block(prefix + "[", items, "]");
  }
  if (v instanceof ArrayBuffer) return `ArrayBuffer [${[...new Uint8Array(v)].join(", ")}]`;
  if (v instanceof Map) {
    const items = [...v].map(([k, val]) => `${serializeForDiff(k, inner, next)} => ${serializeForDiff(val, inner, next)}`);
    return block("Map {", items, "}");
  }
  if (v instanceof Set) return block("Set {", [...v].map((x) => serializeForDiff(x, inner, next)), "}");
  const name = ctorName(v);
  const prefix = name === "Object" || name === null ? "" : `${name} `;
  const keys = Object.keys(v).sort();
  const items = keys.map((k) => `${quote(k)}: ${serializeForDiff(v[k], inner, next)}`);
  return block(prefix + "{", items, "}");
}

// ---------------------------------------------------------------------------
// 3. Line diff (LCS over lines; expected lines "-", received lines "+")
// ---------------------------------------------------------------------------

export function lineDiff(expectedText, receivedText) {
  const a = expectedText.split("\n");
  const b = receivedText.split("\n");
  const n = a.length, m = b.length;
  let ops;
  if (n * m > 4_000_000) {
    // Too large for the quadratic table: show both sides in full.
    ops = [...a.map((l) => ["-", l]), ...b.map((l) => ["+", l])];
  } else {
    // lcs[i][j] = LCS length of a[i..], b[j..]
    const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    ops = [];
    let i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[i] === b[j]) { ops.push([" ", a[i]]); i++; j++; }
      else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) { ops.push(["-", a[i]]); i++; }
      else { ops.push(["+", b[j]]); j++; }
    }
  }
  let removed = 0, added = 0;
  const lines = ops.map(([op, l]) => {
    if (op === "-") removed++;
    if (op === "+") added++;
    return `${op} ${l}`.trimEnd();
  });
  return `${lines.join("\n")}\n\n- Expected  - ${removed}\n+ Received  + ${added}\n`;
}

// "Expected/Received" block, or a structural diff when both sides are
// multi-line serializations.
export function diffOrValues(expected, received) {
  const e = serializeForDiff(expected);
  const r = serializeForDiff(received);
  if ((isObjectLike(expected) || isObjectLike(received)) && (e.includes("\n") || r.includes("\n")) && e !== r) {
    return lineDiff(e, r);
  }
  return `Expected: ${printValue(expected)}\nReceived: ${printValue(received)}\n`;
}

