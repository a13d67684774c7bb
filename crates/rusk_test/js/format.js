import {
  AnyMatcher, AnythingMatcher, ArrayContainingMatcher, CloseToMatcher, CustomAsymmetricMatcher,
  ObjectContainingMatcher, StringContainingMatcher, StringMatchingMatcher, className, isAsymmetric, typedArrayKind,
} from "rusk:test/equality";
import { isatty, readFile } from "rusk:test/native";
import { cleanFile, isObjectLike, isOwnFrame, parseFrames, tagOf } from "rusk:test/util";

// ---------------------------------------------------------------------------
// Printing values and diffs the way Bun does: `printValue` is Bun's console
//    format (the "Received: ..." lines), `serializeForDiff` its pretty-format for
//    diffs, `diffOrValues` its diff of two values.
// ---------------------------------------------------------------------------

const IDENT_RE = /^[A-Za-z_$][\w$]*$/;
const INSPECT_CUSTOM = Symbol.for("nodejs.util.inspect.custom");
export const isTypedArray = (v) => isObjectLike(v) && typedArrayKind(v) !== undefined;

export function quote(s) {
  return JSON.stringify(s);
}

// --- colours ----------------------------------------------------------------

export const ANSI = {
  reset: "\x1b[0m", bold: "\x1b[1m", dim: "\x1b[2m", italic: "\x1b[3m", invert: "\x1b[7m",
  red: "\x1b[31m", green: "\x1b[32m", yellow: "\x1b[33m", blue: "\x1b[34m", magenta: "\x1b[35m", cyan: "\x1b[36m",
  white: "\x1b[97m",
};

// [state, value] of a native promise, from the runtime (absent in older runtimes).
const promiseState = (globalThis[Symbol.for("rusk.internals")] || {}).promiseState;

let colorsCache;
// Bun's rule: FORCE_COLOR (unless "0") turns colours on, a non-empty NO_COLOR (unless "0")
// turns them off, otherwise stderr being a terminal decides.
export function useColors() {
  if (colorsCache === undefined) {
    const env = (globalThis.process && globalThis.process.env) || {};
    const force = env.FORCE_COLOR, none = env.NO_COLOR;
    if (force !== undefined && force !== "0") colorsCache = true;
    else if (none !== undefined && none !== "" && none !== "0") colorsCache = false;
    else colorsCache = isatty(2);
  }
  return colorsCache;
}

// `text` in `color` (an ANSI sequence) when colours are on.
export const paint = (color, text, colors = useColors()) => (colors ? `${color}${text}${ANSI.reset}` : text);

// --- shared helpers -----------------------------------------------------------

const fnSource = (fn) => {
  try {
    return Function.prototype.toString.call(fn);
  } catch {
    return "";
  }
};
const isNativeSource = (src) => /\[native code\]\s*\}\s*$/.test(src);
// Classes, and the built-in constructors the engine treats as classes (Map, Date, ...).
const isClass = (fn, src = fnSource(fn)) => /^class\b/.test(src) || (isNativeSource(src) && /^[A-Z]/.test(fn.name));
// "AsyncFunction", "GeneratorFunction", "AsyncGeneratorFunction", or "" for plain functions.
function functionKind(fn) {
  const proto = Object.getPrototypeOf(fn);
  if (proto === null || proto === Function.prototype || typeof proto === "function") return "";
  const tag = proto[Symbol.toStringTag];
  return typeof tag === "string" ? tag : "";
}
// The name written in the source (not one inferred from an assignment): "" for arrows.
function declaredName(fn, src) {
  if (isNativeSource(src)) return String(fn.name).replace(/^bound /, "");
  let m = /^(?:async\s*)?function\b\s*\*?\s*([A-Za-z_$][\w$]*)?/.exec(src);
  if (m) return m[1] || "";
  m = /^class\b\s*([A-Za-z_$][\w$]*)?/.exec(src);
  if (m) return m[1] || "";
  if (/^(?:async\s*)?(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*=>/.test(src)) return "";
  m = /^(?:(?:get|set|static|async)\s+)*\*?\s*([A-Za-z_$][\w$]*)\s*\(/.exec(src);
  return m ? m[1] : String(fn.name);
}

const symbolDescription = (s) => (s.description === undefined ? "" : s.description);

function closeToText(m) {
  const digits = m.precision === 1 ? "digit" : "digits";
  const n = Math.trunc(m.sample);
  // Bun writes no space after the negated name.
  return m.inverse ? `NumberNotCloseTo${n} (${m.precision} ${digits})` : `NumberCloseTo ${n} (${m.precision} ${digits})`;
}

// How Bun prints an asymmetric matcher: a label, then (for some) a sample value printed
// with the caller's printer. Null for matchers printed as plain objects.
function matcherParts(m) {
  const not = m.inverse ? "Not" : "";
  if (m instanceof AnyMatcher) return { label: `Any<${m.sample.name}>` };
  if (m instanceof AnythingMatcher) return { label: "Anything" };
  if (m instanceof StringContainingMatcher) return { label: `String${not}Containing `, sample: m.sample };
  if (m instanceof StringMatchingMatcher) return { label: `String${not}Matching `, sample: m.sample };
  if (m instanceof ObjectContainingMatcher) return { label: `Object${not}Containing `, sample: m.sample, isObject: true };
  if (m instanceof ArrayContainingMatcher) return { label: "ExpectArrayContaining {}" };
  if (m instanceof CloseToMatcher) return { label: closeToText(m) };
  if (m instanceof CustomAsymmetricMatcher) return { label: `${m.inverse ? "not " : ""}${m.name} `, sample: m.sample };
  // Matchers defined elsewhere (expect.not.any, expect.resolvesTo...) describe themselves.
  if (typeof m.printParts === "function") return m.printParts();
  return null;
}

// A regexp's own text, whatever its toString was replaced with ("Received:" lines).
const regexpText = (re) => RegExp.prototype.toString.call(re);

// --- user code Bun's diff printer runs ------------------------------------------
// Bun's diff printer reads properties and calls methods of the values it prints, so getters,
// Proxy traps and toString methods run; an error one of them throws leaves the matcher in
// place of its failure. These helpers make the same reads and calls.

// Bun reads the own `$$typeof` of every object that is no function, to recognise React
// elements: a getter there runs (an inherited one does not).
function readReactTypeof(v) {
  if (Object.prototype.hasOwnProperty.call(v, "$$typeof")) void v.$$typeof;
}

// Bun's Symbol.toStringTag lookup (JSC's getIfPropertyExists): `in` first, which a Proxy on
// the prototype chain sees as a `has` trap, then a get only when the property is there.
const lookUpTag = (o) => (Symbol.toStringTag in o ? o[Symbol.toStringTag] : undefined);
const isUsableName = (name) => typeof name === "string" && name !== "";

// Bun looks for a name to print before an object's `{` (once it has a property to print): the
// object's Symbol.toStringTag, else its prototype's. The diff here keeps the class name, but
// makes the same lookups so that their getters and traps run as in Bun.
function lookUpObjectName(v) {
  const tag = lookUpTag(v);
  if (isUsableName(tag) && tag !== "Object") return;
  const proto = Object.getPrototypeOf(v);
  if (proto !== null) lookUpTag(proto);
}

// The string Bun converts a printed regexp, String object or error message to: JavaScript's
// ToString (Symbol.toPrimitive, else toString, else valueOf), with JSC's words for a Symbol
// result. A computed key goes through exactly that ToPrimitive, and a Symbol stays a Symbol.
function toStringLikeBun(v) {
  if (typeof v === "string") return v;
  const key = Reflect.ownKeys({ [v]: 0 })[0];
  if (typeof key === "symbol") throw new TypeError("Cannot convert a symbol to a string");
  return key;
}

// Bun prints a Date as JSON.stringify writes it, quotes cut off, so the date's toJSON runs (and
// through the built-in one its valueOf and toISOString). An invalid date stays "Invalid Date"
// (Bun cuts "null" down to "ul").
function dateText(date) {
  const json = JSON.stringify(date);
  if (json === "null" && Number.isNaN(Date.prototype.getTime.call(date))) return "Invalid Date";
  if (json === undefined) return "";
  return json.length > 2 ? json.slice(1, -1) : json;
}

// A Map's or Set's `size` as Bun reads it: the property (which code may have replaced),
// as an int32.
const sizeOf = (v) => v.size | 0;

function hasProps(o) {
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) return true;
  return Object.getOwnPropertySymbols(o).some((s) => Object.prototype.propertyIsEnumerable.call(o, s));
}

// --- console format (printValue) ----------------------------------------------

// Bun decides where arrays and objects break lines from an estimate of the current
// line's length; this keeps the same bookkeeping so the breaks fall in the same places.
class ConsoleFormatter {
  constructor(colors) {
    this.colors = colors;
    this.out = "";
    this.indent = 0;
    this.depth = 0;
    this.lineLength = 0;
    this.ancestors = [];
    this.truncated = false;
  }
  goodTimeForANewLine() {
    if (this.lineLength > 80) {
      this.resetLine();
      return true;
    }
    return false;
  }
  resetLine() { this.lineLength = this.indent * 2; }
  add(n) { this.lineLength += n; }
  // Output stops at the cap with VALUE_TRUNCATED: a wide object graph can print as gigabytes.
  write(s) {
    if (this.truncated) return;
    if (this.out.length + s.length > OUTPUT_CAP) {
      this.out += s.slice(0, Math.max(0, OUTPUT_CAP - this.out.length)) + VALUE_TRUNCATED;
      this.truncated = true;
      return;
    }
    this.out += s;
  }
  writeIndent() { this.write("  ".repeat(this.indent)); }
  comma() { this.write(","); this.lineLength += 1; }
  space() { this.write(" "); this.lineLength += 1; }

  format(v) {
    switch (typeof v) {
      case "string": return this.string(v);
      case "number": return this.number(v);
      case "bigint": { const s = String(v); this.add(s.length); return this.write(`${s}n`); }
      case "boolean": this.add(v ? 4 : 5); return this.write(String(v));
      case "undefined": this.add(9); return this.write("undefined");
      case "symbol": {
        const d = symbolDescription(v);
        this.add(6 + (d ? d.length + 2 : 0));
        return this.write(`Symbol(${d})`);
      }
      case "function": return this.write(this.functionText(v));
    }
    if (v === null) { this.add(4); return this.write("null"); }
    // Past the cap nothing more is looked at (a getter could throw).
    if (this.truncated) return;
    if (this.ancestors.includes(v)) return this.write("[Circular]");
    // Node's custom inspect hook, which Bun's printer honours too (an error it throws goes
    // to the caller, as in Bun).
    const custom = v[INSPECT_CUSTOM];
    if (typeof custom === "function") {
      const shown = custom.call(v, 2, { depth: 2, colors: this.colors }, (x) => printValue(x, this.colors));
      if (typeof shown === "string") {
        this.add(shown.length);
        return this.write(shown);
      }
      if (shown !== v) return this.format(shown);
    }
    this.ancestors.push(v);
    try {
      this.object(v);
    } finally {
      this.ancestors.pop();
    }
  }

  string(s) {
    this.add(s.length);
    this.write(s === "" ? '""' : quote(s));
  }

  number(n) {
    const s = Object.is(n, -0) ? "-0" : String(n);
    this.add(s.length);
    this.write(s);
  }

  functionText(fn) {
    const src = fnSource(fn);
    if (isClass(fn, src)) {
      const parent = Object.getPrototypeOf(fn);
      const parentName = typeof parent === "function" ? parent.name : "";
      const name = fn.name ? fn.name : "(anonymous)";
      this.add(String(fn.name).length + String(parentName).length);
      return parentName ? `[class ${name} extends ${parentName}]` : `[class ${name}]`;
    }
    const kind = functionKind(fn);
    const name = typeof fn.name === "string" ? fn.name.replace(/^bound /, "") : "";
    if (name === "" || name === kind) return kind ? `[${kind}]` : "[Function]";
    return `[${kind || "Function"}: ${name}]`;
  }

  object(v) {
    const parts = isAsymmetric(v) ? matcherParts(v) : null;
    if (parts !== null) {
      // Bun does not count the label towards the line length.
      this.write(parts.label);
      if ("sample" in parts) this.format(parts.sample);
      return;
    }
    const tag = tagOf(v);
    const kind = typedArrayKind(v);
    if (kind !== undefined) return this.typedArray(v, kind);
    if (Array.isArray(v)) return this.array(v);
    switch (tag) {
      case "Date": {
        const t = v.getTime();
        const s = Number.isNaN(t) ? "Invalid Date" : v.toISOString();
        this.add(Number.isNaN(t) ? 4 : s.length + 2);
        return this.write(s);
      }
      case "RegExp": { const s = regexpText(v); this.add(s.length); return this.write(s); }
      // Bun prints an error in full, source excerpt and trace included.
      case "Error": return this.write(errorBlock(v, readSourceCached, this.colors));
      case "Number": case "Boolean": {
        const s = `[${tag}: ${Object.is(v.valueOf(), -0) ? "-0" : String(v.valueOf())}]`;
        this.add(s.length);
        return this.write(s);
      }
      case "String": return this.string(String(v));
      case "Map": return this.mapOrSet(v, "Map");
      case "Set": return this.mapOrSet(v, "Set");
      case "WeakMap": case "WeakSet": return this.write(`${tag} {}`);
      case "Promise": {
        const state = promiseState ? promiseState(v) : undefined;
        const shown = state === undefined || state[0] === "pending" ? "pending" : state[0] === "fulfilled" ? "resolved" : "rejected";
        return this.write(`Promise { <${shown}> }`);
      }
      case "ArrayBuffer": case "SharedArrayBuffer": return this.bytes(`${tag}(${v.byteLength})`, new Uint8Array(v));
      case "DataView": return this.bytes(`DataView(${v.byteLength})`, new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      case "Arguments": return this.array(Array.from(v));
    }
    if (typeof URLSearchParams === "function" && v instanceof URLSearchParams) return this.entriesObject("URLSearchParams", v);
    if (typeof Headers === "function" && v instanceof Headers) return this.entriesObject("Headers", v);
    this.plainObject(v);
  }

  typedArray(v, kind) {
    if (typeof Buffer === "function" && Buffer.isBuffer && Buffer.isBuffer(v)) {
      const shown = Array.from(v.subarray(0, 50), (b) => b.toString(16).padStart(2, "0"));
      const more = v.length > 50 ? ` ... ${v.length - 50} more bytes` : "";
      return this.write(`<Buffer${shown.length ? " " : ""}${shown.join(" ")}${more}>`);
    }
    const big = kind === "BigInt64Array" || kind === "BigUint64Array";
    // Floats print like numbers, except that -0 prints as 0.
    const items = Array.from(v, (x) => (big ? `${x}n` : Object.is(x, -0) ? "0" : String(x)));
    this.bytesLike(`${kind}(${v.length})`, items);
  }

  bytes(label, bytes) {
    this.bytesLike(label, Array.from(bytes, String));
  }

  bytesLike(label, items) {
    if (items.length === 0) return this.write(`${label} []`);
    const shown = items.slice(0, 513);
    this.lineLength += 2 * (shown.length - 1);
    let text = `${label} [ ${shown.join(", ")}`;
    if (items.length > 513) text += `, ... ${items.length - 513} more`;
    this.write(`${text} ]`);
  }

  array(arr) {
    const len = arr.length;
    if (len === 0) { this.write("[]"); this.add(2); return; }
    // More than 10 elements, or a first one that is no primitive, and the array opens on a
    // line of its own (and closes on one).
    let broken = len > 10;
    this.indent++;
    this.depth++;
    this.add(2);
    const isHole = (i) => !(i in arr);
    const first = arr[0];
    broken = broken || (!isHole(0) && !printsAsPrimitive(first)) || this.goodTimeForANewLine();
    if (broken) {
      this.resetLine();
      this.write("[\n");
      this.writeIndent();
      this.add(1);
    } else {
      this.write("[ ");
      this.add(2);
    }
    let emptyStart = null;
    if (isHole(0)) emptyStart = 0;
    else this.format(first);
    let i = 1, shownCount = 1;
    const separator = () => {
      this.comma();
      if (this.goodTimeForANewLine()) {
        broken = true;
        this.write("\n");
        this.writeIndent();
      } else {
        this.space();
      }
    };
    const flushEmpty = (end) => {
      if (emptyStart > 0) separator();
      const n = end - emptyStart;
      if (n === 1) { this.add(10); this.write("empty item"); }
      else { this.add(String(n).length + 14); this.write(`${n} x empty items`); }
      emptyStart = null;
    };
    for (; i < len && !this.truncated; i++) {
      if (isHole(i)) {
        if (emptyStart === null) emptyStart = i;
        continue;
      }
      if (shownCount >= 100) {
        this.comma();
        this.write("\n");
        this.lineLength = 0;
        this.writeIndent();
        this.write(`... ${len - i} more items`);
        break;
      }
      shownCount++;
      if (emptyStart !== null) flushEmpty(i);
      separator();
      this.format(arr[i]);
    }
    if (emptyStart !== null) flushEmpty(len);
    // Named props after the elements: `[ 1, 2, x: 1 ]`.
    const extra = Object.keys(arr).filter((k) => !/^(0|[1-9]\d*)$/.test(k));
    if (extra.length) {
      const newlines = this.goodTimeForANewLine();
      for (const k of extra) {
        this.comma();
        if (newlines) { this.write("\n"); this.writeIndent(); this.resetLine(); } else this.space();
        this.key(k);
        this.format(arr[k]);
      }
    }
    this.indent--;
    this.depth--;
    if (broken || this.goodTimeForANewLine()) {
      this.resetLine();
      this.write("\n");
      this.writeIndent();
      this.write("]");
      this.resetLine();
      this.add(1);
    } else {
      this.write(" ]");
      this.add(2);
    }
  }

  key(k) {
    if (typeof k === "symbol") {
      const d = symbolDescription(k);
      this.add(12 + d.length);
      this.write(`[Symbol(${d})]: `);
    } else if (IDENT_RE.test(k)) {
      this.add(k.length + 1);
      this.write(`${k}: `);
    } else {
      this.add(k.length + 2);
      this.write(`${quote(k)}: `);
    }
  }

  // The prefix before `{`: a class name, or "[Object: null prototype]".
  objectName(v) {
    const name = className(v);
    if (name !== "Object") return name;
    return Object.getPrototypeOf(v) === null ? "[Object: null prototype]" : null;
  }

  plainObject(v) {
    if (this.depth > 8) {
      const name = className(v);
      return this.write(`[${name} ...]`);
    }
    const keys = Reflect.ownKeys(v).filter((k) => k !== "constructor" && Object.prototype.propertyIsEnumerable.call(v, k));
    if (keys.length === 0) {
      const name = this.objectName(v);
      return this.write(name === null ? "{}" : `${name} {}`);
    }
    const name = this.objectName(v);
    if (name !== null) this.write(`${name} `);
    this.lineLength = this.indent * 2 + 1;
    this.indent++;
    this.depth++;
    this.write("{\n");
    this.writeIndent();
    keys.forEach((k, i) => {
      if (this.truncated) return;
      if (i > 0) {
        this.comma();
        this.write("\n");
        this.writeIndent();
        this.resetLine();
      }
      this.key(k);
      const d = Object.getOwnPropertyDescriptor(v, k);
      if (d && !("value" in d)) this.write(d.get && d.set ? "[Getter/Setter]" : d.get ? "[Getter]" : "[Setter]");
      else this.format(v[k]);
    });
    this.depth--;
    this.indent--;
    this.comma();
    this.write("\n");
    this.writeIndent();
    this.write("}");
    this.lineLength += 1;
  }

  // URLSearchParams / Headers: their entries as an object with quoted keys.
  entriesObject(label, v) {
    const entries = [...v];
    if (entries.length === 0) return this.write(`${label} {}`);
    this.write(`${label} {\n`);
    this.indent++;
    for (const [k, val] of entries) {
      this.writeIndent();
      this.write(`${quote(k)}: `);
      this.format(val);
      this.write(",\n");
    }
    this.indent--;
    this.writeIndent();
    this.write("}");
  }

  mapOrSet(v, name) {
    const size = sizeOf(v);
    if (size === 0) return this.write(`${name} {}`);
    this.write(`${name}(${size}) {\n`);
    this.indent++;
    this.depth++;
    for (const entry of v) {
      if (this.truncated) break;
      this.writeIndent();
      if (name === "Map") {
        this.format(entry[0]);
        this.write(": ");
        this.format(entry[1]);
      } else {
        this.format(entry);
      }
      this.comma();
      this.write("\n");
    }
    this.indent--;
    this.depth--;
    this.writeIndent();
    this.write("}");
  }
}

// Values Bun prints like primitives (boxed ones included): an array starting with one
// stays on one line.
function printsAsPrimitive(v) {
  if (!isObjectLike(v)) return true;
  if (typeof v === "function" || isAsymmetric(v)) return false;
  const tag = tagOf(v);
  return tag === "String" || tag === "Number" || tag === "Boolean";
}

// An error in a diff: `[Name: message]`, its message read once and converted as Bun does.
function errorText(e) {
  const name = className(e);
  const raw = e.message;
  const message = raw === undefined ? "" : toStringLikeBun(raw);
  return message ? `[${name}: ${message}]` : `[${name}]`;
}

// Bun's console formatting of a value (strings quoted), as in "Received: ..." lines.
export function printValue(v, colors = useColors()) {
  const f = new ConsoleFormatter(colors);
  f.format(v);
  return f.out;
}

// --- pretty format (diffs) -----------------------------------------------------

// Bun's diff serialization: keys quoted and sorted, one entry per line, trailing
// commas. Its quirks are kept so diffs line up with Bun's: a non-empty Map (and Set,
// after an indent) and a multi-line string start on a line of their own.
export function serializeForDiff(v) {
  let text = pretty(v, "", 0, { ancestors: [], left: OUTPUT_CAP, truncated: false });
  if (text.startsWith("\n")) text = text.slice(1);
  if (text.endsWith("\n")) text = text.slice(0, -1);
  return text;
}

// Bun names a function (or class) after its Symbol.toStringTag when that is a non-empty
// string, found on the prototype chain (so async functions print as [Function: AsyncFunction]),
// else after its declaration.
function prettyFunction(fn) {
  const src = fnSource(fn);
  const tag = lookUpTag(fn);
  const name = isUsableName(tag) ? tag : declaredName(fn, src);
  if (isClass(fn, src)) return name ? `[class ${name}]` : "[class]";
  return name ? `[Function: ${name}]` : "[Function]";
}

// Shared references are printed again at each occurrence, so a small graph can print
// as gigabytes; past this many characters a side ends with TRUNCATED instead.
const OUTPUT_CAP = 1024 * 1024;
const TRUNCATED = "[value too large, output truncated]";
const VALUE_TRUNCATED = "[value truncated]";

// `ctx`: the objects being printed further up (cycles), and the output budget left.
function pretty(v, indent, depth, ctx) {
  if (ctx.left <= 0) {
    if (ctx.truncated) return "";
    ctx.truncated = true;
    return TRUNCATED;
  }
  const text = prettyValue(v, indent, depth, ctx);
  if (typeof v !== "object" || v === null) ctx.left -= text.length;
  return text;
}

function prettyValue(v, indent, depth, ctx) {
  switch (typeof v) {
    case "string": return v.includes("\n") ? `\n"${v}"\n` : `"${v}"`;
    case "number": return Object.is(v, -0) ? "-0" : String(v);
    case "bigint": return `${v}n`;
    case "boolean": case "undefined": return String(v);
    case "symbol": { const d = symbolDescription(v); return d ? `Symbol(${d})` : "Symbol"; }
    case "function": return prettyFunction(v);
  }
  if (v === null) return "null";
  // Bun looks at $$typeof before it checks for a cycle, and not on its own matcher objects.
  if (!isAsymmetric(v)) readReactTypeof(v);
  if (ctx.ancestors.includes(v)) return "[Circular]";
  ctx.ancestors.push(v);
  try {
    return prettyObject(v, indent, depth, ctx);
  } finally {
    ctx.ancestors.pop();
  }
}

function prettyObject(v, indent, depth, ctx) {
  const inner = indent + "  ";
  const nested = (x) => pretty(x, inner, depth + 1, ctx);
  // Entry lines: what they add to the output besides their values counts against the cap.
  const lines = (items) => items.map((s) => {
    ctx.left -= inner.length + 2;
    return `${inner}${s},\n`;
  }).join("");

  const parts = isAsymmetric(v) ? matcherParts(v) : null;
  if (parts !== null) {
    if (!("sample" in parts)) return parts.label;
    // A sample object printed at the top starts on a line of its own (Bun).
    const own = parts.isObject && depth === 0 && hasProps(parts.sample) ? "\n" : "";
    return parts.label + own + pretty(parts.sample, indent, depth, ctx);
  }
  const kind = typedArrayKind(v);
  if (kind !== undefined) {
    if (typeof Buffer === "function" && Buffer.isBuffer && Buffer.isBuffer(v) && typeof v.toJSON === "function") {
      return pretty(v.toJSON(), indent, depth, ctx);
    }
    const items = Array.from(v, (x) => (typeof x === "bigint" ? String(x) : pretty(x, inner, depth + 1, ctx)));
    return items.length ? `${kind} [\n${lines(items)}${indent}]` : `${kind} []`;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    const items = [];
    for (let i = 0; i < v.length; i++) items.push(nested(v[i]));
    return `[\n${lines(items)}${indent}]`;
  }
  const tag = tagOf(v);
  switch (tag) {
    case "Date": return dateText(v);
    // Bun prints a regexp as the string it converts to, its own toString included.
    case "RegExp": return toStringLikeBun(v);
    case "Error": return errorText(v);
    case "ArrayBuffer": case "SharedArrayBuffer": case "DataView": {
      const bytes = tag === "DataView" ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : new Uint8Array(v);
      return bytes.length ? `${tag} [\n${lines(Array.from(bytes, String))}${indent}]` : `${tag} []`;
    }
    case "WeakMap": case "WeakSet": return `${tag} {}`;
    case "Map": {
      if (sizeOf(v) === 0) return "Map {}";
      const items = [...v].map(([k, x]) => `${nested(k)} => ${nested(x)}`);
      return `\nMap {\n${lines(items)}${indent}}\n`;
    }
    case "Set": {
      if (sizeOf(v) === 0) return `${indent}Set {}`;
      return `${indent}\nSet {\n${lines([...v].map(nested))}${indent}}\n`;
    }
    case "String": {
      const chars = [...toStringLikeBun(v)].map((c, i) => `"${i}": "${c}"`);
      return chars.length ? `String {\n${lines(chars)}}\n` : "String {}";
    }
    case "Arguments": return JSON.stringify(v);
  }
  if (typeof URLSearchParams === "function" && v instanceof URLSearchParams) return JSON.stringify(Object.fromEntries(v));

  const name = className(v);
  const prefix = name === "Object" ? "" : `${name} `;
  const stringKeys = Object.keys(v).sort();
  const symbolKeys = Object.getOwnPropertySymbols(v)
    .filter((s) => Object.prototype.propertyIsEnumerable.call(v, s))
    .sort((a, b) => (a.toString() < b.toString() ? -1 : a.toString() > b.toString() ? 1 : 0));
  const keys = [...stringKeys, ...symbolKeys];
  if (keys.length === 0) return `${prefix}{}`;
  lookUpObjectName(v);
  const items = keys.map((k) => {
    const label = typeof k === "symbol" ? `[${k.toString()}]` : quote(k);
    ctx.left -= label.length + 2;
    const d = Object.getOwnPropertyDescriptor(v, k);
    return `${label}: ${d && !("value" in d) ? "[native code]" : nested(v[k])}`;
  });
  return `${prefix}{\n${lines(items)}${indent}}`;
}

// --- line diff (diff-match-patch's algorithm, over lines) ----------------------

const DELETE = -1, INSERT = 1, EQUAL = 0;

function commonPrefix(a, b) {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a, b) {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

// The edit script turning t1 into t2: [op, text] pairs, deletions before insertions.
function diffMain(t1, t2, deadline = Date.now() + 1000) {
  if (t1 === t2) return t1 ? [[EQUAL, t1]] : [];
  let k = commonPrefix(t1, t2);
  const prefix = t1.slice(0, k);
  t1 = t1.slice(k);
  t2 = t2.slice(k);
  k = commonSuffix(t1, t2);
  const suffix = t1.slice(t1.length - k);
  t1 = t1.slice(0, t1.length - k);
  t2 = t2.slice(0, t2.length - k);
  const diffs = diffCompute(t1, t2, deadline);
  if (prefix) diffs.unshift([EQUAL, prefix]);
  if (suffix) diffs.push([EQUAL, suffix]);
  cleanupMerge(diffs);
  return diffs;
}

function diffCompute(t1, t2, deadline) {
  if (!t1) return [[INSERT, t2]];
  if (!t2) return [[DELETE, t1]];
  const long = t1.length > t2.length ? t1 : t2;
  const short = t1.length > t2.length ? t2 : t1;
  const i = long.indexOf(short);
  if (i !== -1) {
    const op = t1.length > t2.length ? DELETE : INSERT;
    return [[op, long.slice(0, i)], [EQUAL, short], [op, long.slice(i + short.length)]];
  }
  if (short.length === 1) return [[DELETE, t1], [INSERT, t2]];
  const hm = halfMatch(t1, t2);
  if (hm) {
    const [a1, b1, a2, b2, common] = hm;
    return [...diffMain(a1, a2, deadline), [EQUAL, common], ...diffMain(b1, b2, deadline)];
  }
  return bisect(t1, t2, deadline);
}

// A common substring at least half as long as the longer text splits the problem.
// Returns [t1 before, t1 after, t2 before, t2 after, common] or null.
function halfMatch(t1, t2) {
  const long = t1.length > t2.length ? t1 : t2;
  const short = t1.length > t2.length ? t2 : t1;
  if (long.length < 4 || short.length * 2 < long.length) return null;
  const hm1 = halfMatchAt(long, short, Math.ceil(long.length / 4));
  const hm2 = halfMatchAt(long, short, Math.ceil(long.length / 2));
  if (!hm1 && !hm2) return null;
  const hm = !hm2 ? hm1 : !hm1 ? hm2 : hm1[4].length > hm2[4].length ? hm1 : hm2;
  return t1.length > t2.length ? hm : [hm[2], hm[3], hm[0], hm[1], hm[4]];
}

function halfMatchAt(long, short, i) {
  const seed = long.slice(i, i + Math.floor(long.length / 4));
  let best = "", bestLongA = "", bestLongB = "", bestShortA = "", bestShortB = "";
  for (let j = short.indexOf(seed); j !== -1; j = short.indexOf(seed, j + 1)) {
    const pre = commonPrefix(long.slice(i), short.slice(j));
    const suf = commonSuffix(long.slice(0, i), short.slice(0, j));
    if (best.length < suf + pre) {
      best = short.slice(j - suf, j) + short.slice(j, j + pre);
      bestLongA = long.slice(0, i - suf);
      bestLongB = long.slice(i + pre);
      bestShortA = short.slice(0, j - suf);
      bestShortB = short.slice(j + pre);
    }
  }
  return best.length * 2 >= long.length ? [bestLongA, bestLongB, bestShortA, bestShortB, best] : null;
}

// Myers' middle snake, then both halves recursively.
function bisect(t1, t2, deadline) {
  const n1 = t1.length, n2 = t2.length;
  const maxD = Math.ceil((n1 + n2) / 2);
  const vOffset = maxD, vLength = 2 * maxD;
  const v1 = new Array(vLength).fill(-1), v2 = new Array(vLength).fill(-1);
  v1[vOffset + 1] = 0;
  v2[vOffset + 1] = 0;
  const delta = n1 - n2;
  const front = delta % 2 !== 0;
  let k1start = 0, k1end = 0, k2start = 0, k2end = 0;
  const split = (x, y) => [...diffMain(t1.slice(0, x), t2.slice(0, y), deadline), ...diffMain(t1.slice(x), t2.slice(y), deadline)];
  for (let d = 0; d < maxD; d++) {
    if (Date.now() > deadline) break;
    for (let k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
      const k1Offset = vOffset + k1;
      let x1 = k1 === -d || (k1 !== d && v1[k1Offset - 1] < v1[k1Offset + 1]) ? v1[k1Offset + 1] : v1[k1Offset - 1] + 1;
      let y1 = x1 - k1;
      while (x1 < n1 && y1 < n2 && t1.charCodeAt(x1) === t2.charCodeAt(y1)) { x1++; y1++; }
      v1[k1Offset] = x1;
      if (x1 > n1) k1end += 2;
      else if (y1 > n2) k1start += 2;
      else if (front) {
        const k2Offset = vOffset + delta - k1;
        if (k2Offset >= 0 && k2Offset < vLength && v2[k2Offset] !== -1 && x1 >= n1 - v2[k2Offset]) return split(x1, y1);
      }
    }
    for (let k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
      const k2Offset = vOffset + k2;
      let x2 = k2 === -d || (k2 !== d && v2[k2Offset - 1] < v2[k2Offset + 1]) ? v2[k2Offset + 1] : v2[k2Offset - 1] + 1;
      let y2 = x2 - k2;
      while (x2 < n1 && y2 < n2 && t1.charCodeAt(n1 - x2 - 1) === t2.charCodeAt(n2 - y2 - 1)) { x2++; y2++; }
      v2[k2Offset] = x2;
      if (x2 > n1) k2end += 2;
      else if (y2 > n2) k2start += 2;
      else if (!front) {
        const k1Offset = vOffset + delta - k2;
        if (k1Offset >= 0 && k1Offset < vLength && v1[k1Offset] !== -1) {
          const x1 = v1[k1Offset];
          const y1 = vOffset + x1 - k1Offset;
          if (x1 >= n1 - x2) return split(x1, y1);
        }
      }
    }
  }
  return [[DELETE, t1], [INSERT, t2]];
}

// Merges neighbours of the same kind, moves common text out of edit pairs and slides
// single edits between equalities so they line up (diff-match-patch's cleanupMerge).
function cleanupMerge(diffs) {
  diffs.push([EQUAL, ""]);
  let pointer = 0, countDel = 0, countIns = 0, textDel = "", textIns = "";
  while (pointer < diffs.length) {
    const [op, text] = diffs[pointer];
    if (op === INSERT) { countIns++; textIns += text; pointer++; continue; }
    if (op === DELETE) { countDel++; textDel += text; pointer++; continue; }
    if (countDel + countIns > 1) {
      if (countDel !== 0 && countIns !== 0) {
        let k = commonPrefix(textIns, textDel);
        if (k !== 0) {
          const at = pointer - countDel - countIns - 1;
          if (at >= 0 && diffs[at][0] === EQUAL) diffs[at][1] += textIns.slice(0, k);
          else { diffs.unshift([EQUAL, textIns.slice(0, k)]); pointer++; }
          textIns = textIns.slice(k);
          textDel = textDel.slice(k);
        }
        k = commonSuffix(textIns, textDel);
        if (k !== 0) {
          diffs[pointer][1] = textIns.slice(textIns.length - k) + diffs[pointer][1];
          textIns = textIns.slice(0, textIns.length - k);
          textDel = textDel.slice(0, textDel.length - k);
        }
      }
      pointer -= countDel + countIns;
      diffs.splice(pointer, countDel + countIns);
      if (textDel) { diffs.splice(pointer, 0, [DELETE, textDel]); pointer++; }
      if (textIns) { diffs.splice(pointer, 0, [INSERT, textIns]); pointer++; }
      pointer++;
    } else if (pointer !== 0 && diffs[pointer - 1][0] === EQUAL) {
      diffs[pointer - 1][1] += text;
      diffs.splice(pointer, 1);
    } else {
      pointer++;
    }
    countIns = countDel = 0;
    textDel = textIns = "";
  }
  if (diffs[diffs.length - 1][1] === "") diffs.pop();

  let changes = false;
  for (pointer = 1; pointer < diffs.length - 1; pointer++) {
    const prev = diffs[pointer - 1], cur = diffs[pointer], next = diffs[pointer + 1];
    if (prev[0] !== EQUAL || next[0] !== EQUAL) continue;
    if (cur[1].endsWith(prev[1])) {
      cur[1] = prev[1] + cur[1].slice(0, cur[1].length - prev[1].length);
      next[1] = prev[1] + next[1];
      diffs.splice(pointer - 1, 1);
      changes = true;
    } else if (cur[1].startsWith(next[1])) {
      prev[1] += next[1];
      cur[1] = cur[1].slice(next[1].length) + next[1];
      diffs.splice(pointer + 1, 1);
      changes = true;
    }
  }
  if (changes) cleanupMerge(diffs);
}

// Diffs two texts line by line: each distinct line (with its newline) becomes one
// character, so the character diff above works on lines.
function diffLines(t1, t2) {
  const lineIds = new Map();
  const lines = [];
  const encode = (text) => {
    let out = "";
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf("\n", start);
      end = end === -1 ? text.length : end + 1;
      const line = text.slice(start, end);
      let id = lineIds.get(line);
      if (id === undefined) {
        id = lines.length;
        lines.push(line);
        lineIds.set(line, id);
      }
      out += String.fromCharCode(id);
      start = end;
    }
    return out;
  };
  const c1 = encode(t1), c2 = encode(t2);
  if (lines.length > 0xffff) return [[DELETE, t1], [INSERT, t2]];
  return diffMain(c1, c2, Date.now() + 200).map(([op, chars]) => [op, Array.from(chars, (c) => lines[c.charCodeAt(0)]).join("")]);
}

// --- diff printer ---------------------------------------------------------------

const DIFF_CONFIG = { chunkAbove: 2 * 1024, context: 5, truncateAbove: 2 * 1024, truncateContext: 100 };
const utf8Length = (s) => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
};

const PREFIX = {
  removed: { text: "- ", color: ANSI.green },
  inserted: { text: "+ ", color: ANSI.red },
  equal: { text: "  ", color: "" },
  expected: { text: "Expected: ", color: "" },
  received: { text: "Received: ", color: "" },
};
const STYLE = {
  removed: { prefix: PREFIX.removed, color: ANSI.green },
  inserted: { prefix: PREFIX.inserted, color: ANSI.red },
  equal: { prefix: PREFIX.equal, color: ANSI.dim },
  removedSpace: { prefix: PREFIX.removed, color: ANSI.green + ANSI.invert },
  insertedSpace: { prefix: PREFIX.inserted, color: ANSI.red + ANSI.invert },
};

class DiffWriter {
  constructor(colors) { this.colors = colors; this.out = ""; }
  prefix(p) { this.out += this.colors ? `${p.color}${p.text}${ANSI.reset}` : p.text; }
  // One line, shortened in the middle when very long.
  line(text, style) {
    const { truncateAbove, truncateContext } = DIFF_CONFIG;
    const put = (s) => { this.out += this.colors ? `${style.color}${s}${ANSI.reset}` : s; };
    if (utf8Length(text) <= truncateAbove || text.length <= truncateContext * 2) return put(text);
    put(text.slice(0, truncateContext));
    const cut = `... (${utf8Length(text) - 2 * truncateContext} bytes truncated) ...`;
    this.out += this.colors ? `${ANSI.white}${cut}${ANSI.reset}` : cut;
    put(text.slice(text.length - truncateContext));
  }
  // Text that may span lines: each further line gets the style's prefix.
  segment(text, style) {
    text.split("\n").forEach((l, i) => {
      if (i > 0) {
        this.out += "\n";
        this.prefix(style.prefix);
      }
      this.line(l, style);
    });
  }
}

const onlyWhitespace = (s) => /^[\x00-\x20\x7f]*$/.test(s);

// A changed block: the expected text, then the received text. Colours mark the
// changed characters within (whitespace changes inverted) unless most of it changed.
function printModified(w, removed, inserted, single) {
  const removedPrefix = single ? PREFIX.expected : PREFIX.removed;
  const insertedPrefix = single ? PREFIX.received : PREFIX.inserted;
  let parts = null;
  // Character highlights only for segments of reasonable size (the diff is quadratic).
  if (w.colors && removed.length + inserted.length <= 20000) {
    parts = diffMain(removed, inserted);
    cleanupSemantic(parts);
    let del = 0, ins = 0;
    for (const [op, t] of parts) {
      if (op === DELETE) del += t.length;
      else if (op === INSERT) ins += t.length;
    }
    if ((del > 10 && del > Math.floor(removed.length / 3) * 2) || (ins > 10 && ins > Math.floor(inserted.length / 3) * 2)) parts = null;
  }
  const side = (prefix, text, skip, style, spaceStyle) => {
    w.prefix(prefix);
    if (parts === null) return w.segment(text, style);
    for (const [op, t] of parts) {
      if (op === skip) continue;
      w.segment(t, op !== EQUAL && onlyWhitespace(t) ? spaceStyle : style);
    }
  };
  side(removedPrefix, removed, INSERT, STYLE.removed, STYLE.removedSpace);
  w.out += "\n";
  side(insertedPrefix, inserted, DELETE, STYLE.inserted, STYLE.insertedSpace);
  if (!single) w.out += "\n";
}

// Bun's diff of two serialized values: "Expected:/Received:" for single lines, a line
// diff with "- Expected  - n / + Received  + n" counts otherwise, cut into @@ hunks
// when either side is long.
function printDiff(expectedText, receivedText, colors = useColors()) {
  const w = new DiffWriter(colors);
  if (!expectedText.includes("\n") && !receivedText.includes("\n")) {
    printModified(w, expectedText, receivedText, true);
    return w.out;
  }
  const segments = [];
  for (const [op, text] of diffLines(expectedText, receivedText)) {
    const last = segments[segments.length - 1];
    if (op === DELETE) segments.push({ mode: "removed", removed: text, inserted: "" });
    else if (op === INSERT && last && last.mode === "removed") { last.inserted = text; last.mode = "modified"; }
    else if (op === INSERT) segments.push({ mode: "inserted", removed: "", inserted: text });
    else segments.push({ mode: "equal", removed: text, inserted: text });
  }
  for (let i = 0; i < segments.length - 1; i++) {
    segments[i].removed = segments[i].removed.replace(/\n$/, "");
    segments[i].inserted = segments[i].inserted.replace(/\n$/, "");
  }
  const all = utf8Length(expectedText) > DIFF_CONFIG.chunkAbove || utf8Length(receivedText) > DIFF_CONFIG.chunkAbove
    ? chunk(segments) : segments;
  for (const s of all) {
    s.removedLines = s.removed.split("\n").length;
    s.insertedLines = s.inserted.split("\n").length;
  }
  printSegments(w, all);
  return w.out;
}

// Long diffs show only the changes with a few lines of context around them.
function chunk(segments) {
  const out = [];
  for (const s of segments) {
    if (s.mode !== "equal") { out.push(s); continue; }
    for (const l of s.removed.split("\n")) out.push({ mode: "equal", removed: l, inserted: l, skip: true });
  }
  const { context } = DIFF_CONFIG;
  out.forEach((s, i) => {
    if (s.mode === "equal") return;
    for (let j = Math.max(0, i - context); j <= Math.min(out.length - 1, i + context); j++) out[j].skip = false;
  });
  return out;
}

function printSegments(w, segments) {
  let removedLine = 1, insertedLine = 1, removedCount = 0, insertedCount = 0;
  const hasSkipped = segments.some((s) => s.skip);
  let wasSkipped = false;
  segments.forEach((s, i) => {
    if ((wasSkipped && !s.skip) || (hasSkipped && i === 0 && !s.skip)) {
      let a = 0, b = 0;
      for (let j = i; j < segments.length && !segments[j].skip; j++) {
        a += segments[j].removedLines;
        b += segments[j].insertedLines;
      }
      const header = `@@ -${removedLine},${a} +${insertedLine},${b} @@`;
      w.out += (w.colors ? `${ANSI.yellow}${header}${ANSI.reset}` : header) + "\n";
      wasSkipped = false;
    }
    if (s.mode === "equal") {
      if (s.skip) wasSkipped = true;
      else {
        w.prefix(PREFIX.equal);
        w.segment(s.removed, STYLE.equal);
        w.out += "\n";
      }
    } else if (s.mode === "removed") {
      w.prefix(PREFIX.removed);
      w.segment(s.removed, STYLE.removed);
      w.out += "\n";
      removedCount += s.removedLines;
    } else if (s.mode === "inserted") {
      w.prefix(PREFIX.inserted);
      w.segment(s.inserted, STYLE.inserted);
      w.out += "\n";
      insertedCount += s.insertedLines;
    } else {
      printModified(w, s.removed, s.inserted, false);
      removedCount += s.removedLines;
      insertedCount += s.insertedLines;
    }
    removedLine += s.removedLines;
    insertedLine += s.insertedLines;
  });
  const footer = (p, label, n) => (w.colors ? `${p.color}${p.text}${label}  ${p.text}${n}${ANSI.reset}` : `${p.text}${label}  ${p.text}${n}`);
  w.out += `\n${footer(PREFIX.removed, "Expected", removedCount)}\n${footer(PREFIX.inserted, "Received", insertedCount)}`;
}

// The body of a failed toEqual-like matcher (ends with a newline). `not`: the
// negated form, which only shows the expected value.
export function diffOrValues(expected, received, not = false, colors = useColors()) {
  // Bun prints both values, the received one first, also for .not (which shows only the
  // expected one), so user code run while printing runs (and throws) in that order.
  const r = serializeForDiff(received);
  const e = serializeForDiff(expected);
  if (not) return `Expected: not ${paint(ANSI.red, e, colors)}\n`;
  return `${printDiff(e, r, colors)}\n`;
}

// A diff of two texts (snapshots), in the same format.
export function lineDiff(expectedText, receivedText, colors = useColors()) {
  return `${printDiff(expectedText, receivedText, colors)}\n`;
}

// --- semantic cleanup (colour highlighting of changed characters) ------------

// diff-match-patch's cleanupSemantic: drops small equalities squeezed between edits and
// shifts edits to word boundaries, so highlights cover whole words.
function cleanupSemantic(diffs) {
  let changes = false;
  const equalities = [];
  let lastEquality = null;
  let pointer = 0;
  let ins1 = 0, del1 = 0, ins2 = 0, del2 = 0;
  while (pointer < diffs.length) {
    if (diffs[pointer][0] === EQUAL) {
      equalities.push(pointer);
      ins1 = ins2; del1 = del2; ins2 = 0; del2 = 0;
      lastEquality = diffs[pointer][1];
    } else {
      if (diffs[pointer][0] === INSERT) ins2 += diffs[pointer][1].length;
      else del2 += diffs[pointer][1].length;
      if (lastEquality !== null && lastEquality.length <= Math.max(ins1, del1) && lastEquality.length <= Math.max(ins2, del2)) {
        const at = equalities[equalities.length - 1];
        diffs.splice(at, 0, [DELETE, lastEquality]);
        diffs[at + 1][0] = INSERT;
        equalities.pop();
        equalities.pop();
        pointer = equalities.length > 0 ? equalities[equalities.length - 1] : -1;
        ins1 = del1 = ins2 = del2 = 0;
        lastEquality = null;
        changes = true;
      }
    }
    pointer++;
  }
  if (changes) cleanupMerge(diffs);
  cleanupSemanticLossless(diffs);

  // Overlaps between a deletion and an insertion become equalities.
  pointer = 1;
  while (pointer < diffs.length) {
    if (diffs[pointer - 1][0] === DELETE && diffs[pointer][0] === INSERT) {
      const del = diffs[pointer - 1][1], ins = diffs[pointer][1];
      const o1 = commonOverlap(del, ins), o2 = commonOverlap(ins, del);
      if (o1 >= o2) {
        if (o1 >= del.length / 2 || o1 >= ins.length / 2) {
          diffs.splice(pointer, 0, [EQUAL, ins.slice(0, o1)]);
          diffs[pointer - 1][1] = del.slice(0, del.length - o1);
          diffs[pointer + 1][1] = ins.slice(o1);
          pointer++;
        }
      } else if (o2 >= del.length / 2 || o2 >= ins.length / 2) {
        diffs.splice(pointer, 0, [EQUAL, del.slice(0, o2)]);
        diffs[pointer - 1][0] = INSERT;
        diffs[pointer - 1][1] = ins.slice(0, ins.length - o2);
        diffs[pointer + 1][0] = DELETE;
        diffs[pointer + 1][1] = del.slice(o2);
        pointer++;
      }
      pointer++;
    }
    pointer++;
  }
}

function commonOverlap(a, b) {
  if (!a || !b) return 0;
  if (a.length > b.length) a = a.slice(a.length - b.length);
  else if (a.length < b.length) b = b.slice(0, a.length);
  const n = Math.min(a.length, b.length);
  if (a === b) return n;
  let best = 0, length = 1;
  for (;;) {
    const pattern = a.slice(n - length);
    const found = b.indexOf(pattern);
    if (found === -1) return best;
    length += found;
    if (found === 0 || a.slice(n - length) === b.slice(0, length)) {
      best = length;
      length++;
    }
  }
}

// Slides single edits between equalities to the most natural boundary (word, line).
function cleanupSemanticLossless(diffs) {
  const score = (one, two) => {
    if (!one || !two) return 6;
    const c1 = one.charAt(one.length - 1), c2 = two.charAt(0);
    const nonAlnum1 = /[^A-Za-z0-9]/.test(c1), nonAlnum2 = /[^A-Za-z0-9]/.test(c2);
    const ws1 = nonAlnum1 && /\s/.test(c1), ws2 = nonAlnum2 && /\s/.test(c2);
    const lb1 = ws1 && /[\r\n]/.test(c1), lb2 = ws2 && /[\r\n]/.test(c2);
    const blank1 = lb1 && /\n\r?\n$/.test(one), blank2 = lb2 && /^\r?\n\r?\n/.test(two);
    if (blank1 || blank2) return 5;
    if (lb1 || lb2) return 4;
    if (nonAlnum1 && !ws1 && ws2) return 3;
    if (ws1 || ws2) return 2;
    if (nonAlnum1 || nonAlnum2) return 1;
    return 0;
  };
  let pointer = 1;
  while (pointer < diffs.length - 1) {
    if (diffs[pointer - 1][0] === EQUAL && diffs[pointer + 1][0] === EQUAL) {
      let eq1 = diffs[pointer - 1][1], edit = diffs[pointer][1], eq2 = diffs[pointer + 1][1];
      const off = commonSuffix(eq1, edit);
      if (off) {
        const common = edit.slice(edit.length - off);
        eq1 = eq1.slice(0, eq1.length - off);
        edit = common + edit.slice(0, edit.length - off);
        eq2 = common + eq2;
      }
      let best1 = eq1, bestEdit = edit, best2 = eq2;
      let bestScore = score(eq1, edit) + score(edit, eq2);
      while (edit.charAt(0) === eq2.charAt(0) && edit) {
        eq1 += edit.charAt(0);
        edit = edit.slice(1) + eq2.charAt(0);
        eq2 = eq2.slice(1);
        const s = score(eq1, edit) + score(edit, eq2);
        if (s >= bestScore) { bestScore = s; best1 = eq1; bestEdit = edit; best2 = eq2; }
      }
      if (diffs[pointer - 1][1] !== best1) {
        if (best1) diffs[pointer - 1][1] = best1;
        else { diffs.splice(pointer - 1, 1); pointer--; }
        diffs[pointer][1] = bestEdit;
        if (best2) diffs[pointer + 1][1] = best2;
        else { diffs.splice(pointer + 1, 1); pointer--; }
      }
    }
    pointer++;
  }
}

// A value in an expected (green) / received (red) position of a failure message.
export const printExpected = (v, colors = useColors()) => paint(ANSI.green, printValue(v), colors);
export const printReceived = (v, colors = useColors()) => paint(ANSI.red, printValue(v), colors);

// --- error blocks (the text before "(fail) name") -------------------------------

// The head line of a failure: "error: message", "TypeError: message", "Error: " (an
// error without message), "error" (a thrown object that is no error).
function errorHeadline(err, colors = useColors()) {
  let name, message;
  if (!isObjectLike(err)) {
    name = "error";
    message = typeof err === "symbol" ? symbolDescription(err) : String(err);
  } else {
    const n = typeof err.name === "string" ? err.name : "";
    message = err.message === undefined || err.message === null ? "" : String(err.message);
    if (n === "" && message === "") return colors ? `${ANSI.reset}${ANSI.red}error${ANSI.reset}` : "error";
    name = message === "" ? n : n && n !== "Error" ? n : "error";
  }
  if (!colors) return `${name}: ${message}`;
  // Errors without a location (expect.assertions) are printed plainer by Bun.
  const plain = isObjectLike(err) && err.noLocation;
  const head = `${plain ? "" : ANSI.reset}${ANSI.red}${name}${ANSI.reset}${ANSI.dim}:${ANSI.reset} `;
  if (message === "") return head;
  return plain ? head + message : `${head}${ANSI.bold}${colorHint(message)}${ANSI.reset}`;
}

// Colours the "expect(received).toBe(expected)" line that starts a matcher's message.
function colorHint(message) {
  const m = /^expect\(received\)((?:\.(?:resolves|rejects))?)(\.not)?\.([\w$]+)\(([^)\n]*)\)(?=\n|$)/.exec(message);
  if (!m) return message;
  const { reset, dim, red, green } = ANSI;
  const modifier = m[1] ? `${m[1].slice(1)}${dim}.${reset}` : "";
  const not = m[2] ? `not${dim}.${reset}` : "";
  const args = m[4] ? m[4].split(", ").map((a) => `${green}${a}${reset}`).join(`${dim}, ${reset}`) : "";
  const hint = `${dim}expect(${reset}${red}received${reset}${dim}).${reset}${modifier}${not}${m[3]}${dim}(${reset}${args}${dim})${reset}`;
  return hint + message.slice(m[0].length);
}

// The user frames to show: a matcher failure has one (its call site); a thrown Error
// its stack; anything else none (no stack to trust).
function errorFrames(err) {
  if (!isObjectLike(err) || err.noLocation) return [];
  if (err.loc) return [err.loc];
  if (tagOf(err) !== "Error") return [];
  const frames = parseFrames(err.stack).filter((f) => !isOwnFrame(f.file)).map((f) => ({ ...f, file: cleanFile(f.file) }));
  // Bun's trace starts where the error was created (`new MyError()`), not inside the
  // constructors of its own classes.
  const ctors = new Set();
  for (let p = Object.getPrototypeOf(err); p !== null; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, "constructor");
    if (d && typeof d.value === "function" && d.value.name) ctors.add(d.value.name);
  }
  while (frames.length > 1 && ctors.has(frames[0].fn.replace(/^new /, ""))) frames.shift();
  return frames;
}

const sources = new Map();
// A source file's text (null when unreadable), read once.
function readSourceCached(file) {
  if (!sources.has(file)) {
    let text = null;
    try { text = readFile(file); } catch { text = null; }
    sources.set(file, text);
  }
  return sources.get(file);
}

// An error the way Bun prints one: source excerpt of its first user frame, head line,
// trace. `readSource(file)` gives a file's text (or null).
export function errorBlock(err, readSource = readSourceCached, colors = useColors()) {
  const frames = errorFrames(err);
  let text = "";
  const source = frames.length ? readSource(frames[0].file) : null;
  if (typeof source === "string") {
    frames[0] = atMatcherName(err, frames[0], source);
    text += sourceExcerptText(source, frames[0], colors);
  }
  text += errorHeadline(err, colors) + "\n";
  for (const f of frames) text += frameLine(f, colors) + "\n";
  return text;
}

// Bun points a matcher failure (a message starting with its hint line) at the matcher's
// name (`.toEqual(`). The engine's column for such a call can land on a call inside its
// arguments, so it is moved back onto the name when the name is on the line before it.
function atMatcherName(err, frame, source) {
  if (!isObjectLike(err)) return frame;
  const m = /^expect\(received\)(?:\.[\w$]+)*?\.([\w$]+)\(/.exec(String(err.message));
  const line = source.split("\n")[frame.line - 1];
  if (!m || line === undefined || !frame.col) return frame;
  const at = line.lastIndexOf(`.${m[1]}(`, frame.col - 1);
  return at === -1 ? frame : { ...frame, col: at + 2 };
}

// "      at fn (/dir/file.ts:3:19)".
function frameLine(frame, colors = useColors()) {
  const fn = frame.fn && !/^(Object\.)?<anonymous>$/.test(frame.fn) ? frame.fn : "<anonymous>";
  const col = frame.col ? `:${frame.col}` : "";
  if (!colors) return `      at ${fn} (${frame.file}:${frame.line}${col})`;
  const { reset, dim, cyan, yellow } = ANSI;
  // A file under the working directory shows that directory dimmed.
  const cwd = globalThis.process && typeof process.cwd === "function" ? process.cwd() : "/";
  const file = cwd !== "/" && frame.file.startsWith(cwd + "/")
    ? `${cyan}${dim}${cwd}/${reset}${cyan}${frame.file.slice(cwd.length + 1)}${reset}`
    : `${cyan}${frame.file}${reset}`;
  const colText = frame.col ? `${dim}:${yellow}${frame.col}${reset}` : "";
  return `${reset}      ${dim}at ${reset}${reset}${dim}${fn}${reset}${dim} (${reset}${reset}${file}` +
    `${dim}:${reset}${yellow}${frame.line}${reset}${colText}${dim})${reset}`;
}

// Up to six source lines ending at the failing one, and a caret under its column.
function sourceExcerptText(source, loc, colors = useColors()) {
  const lines = source.split("\n");
  if (loc.line < 1 || loc.line > lines.length) return "";
  const first = Math.max(1, loc.line - 5);
  const width = String(loc.line).length;
  let text = "";
  for (let n = first; n <= loc.line; n++) {
    const code = lines[n - 1].replace(/\r$/, "");
    const num = String(n);
    const pad = " ".repeat(width - num.length);
    text += colors ? `${pad}${ANSI.reset}${ANSI.bold}${num} |${ANSI.reset} ${highlightJs(code)}\n` : `${pad}${num} | ${code}\n`;
  }
  if (loc.col) text += " ".repeat(width + 3 + loc.col - 1) + (colors ? `${ANSI.red}${ANSI.bold}^${ANSI.reset}` : "^") + "\n";
  return text;
}

// --- syntax highlighting of source lines (colour only) --------------------------

const KEYWORD_COLORS = (() => {
  const m = new Map();
  const set = (color, words) => { for (const w of words.split(" ")) m.set(w, color); };
  set(ANSI.magenta, "async await case catch class const continue debugger default do else break export extends " +
    "finally for function if import in instanceof let new package return static super switch throw try typeof var " +
    "void while with yield");
  set(ANSI.blue, "abstract as enum implements interface private protected public type string number boolean symbol " +
    "any object unknown never namespace declare readonly");
  set(ANSI.yellow, "undefined false null this true");
  set(ANSI.red, "delete");
  return m;
})();
const TYPE_INTRODUCERS = new Set(["abstract", "namespace", "declare", "type", "interface"]);
const isIdStart = (c) => /[A-Za-z_$]/.test(c) || c > "\x7f";
const isIdPart = (c) => /[\w$]/.test(c) || c > "\x7f";

// Bun's quick token colouring: keywords, literals, comments, `new X(` and `.method(`.
// Lines that are long or not ASCII stay plain.
function highlightJs(text) {
  if (text.length === 0 || text.length > 2048 || /[^\x00-\x7f]/.test(text)) return text;
  const { reset } = ANSI;
  const paintToken = (color, s) => `${reset}${color}${s}${reset}`;
  let out = "", i = 0, prev = null;
  while (i < text.length) {
    const c = text[i];
    if (isIdStart(c)) {
      let j = i + 1;
      while (j < text.length && isIdPart(text[j])) j++;
      const word = text.slice(i, j);
      const color = KEYWORD_COLORS.get(word);
      if (color !== undefined) {
        if (word !== "as") prev = word;
        out += paintToken(color, word);
      } else if (prev === "new") {
        prev = null;
        out += text[j] === "(" ? paintToken(ANSI.bold, word) : word;
      } else if (TYPE_INTRODUCERS.has(prev)) {
        prev = null;
        out += paintToken(ANSI.bold + ANSI.blue, word);
      } else if (prev === "import" && word === "from") {
        prev = null;
        out += paintToken(ANSI.magenta, word);
      } else {
        out += word;
      }
      i = j;
    } else if (c >= "0" && c <= "9") {
      prev = null;
      let j = i + 1;
      const digits = c === "0" && text[i + 1] === "x" ? /[0-9a-fA-F]/ : /[0-9.eExXbBoO]/;
      if (c === "0" && text[i + 1] === "x") j++;
      while (j < text.length && digits.test(text[j])) j++;
      out += paintToken(ANSI.yellow, text.slice(i, j));
      i = j;
    } else if (c === '"' || c === "'" || c === "`") {
      prev = null;
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === "\\" && j + 1 < text.length ? 2 : 1;
      if (j > i + 1 && j < text.length) j++;
      out += paintToken(ANSI.green, text.slice(i, j));
      i = j;
    } else if (c === "/" && text[i + 1] === "/") {
      out += paintToken(ANSI.dim, text.slice(i));
      i = text.length;
    } else if (c === "/" && text[i + 1] === "*" && text.indexOf("*/", i + 2) !== -1) {
      const j = text.indexOf("*/", i + 2) + 2;
      out += paintToken(ANSI.dim, text.slice(i, j));
      i = j;
      prev = null;
    } else if (c === ";") {
      prev = null;
      out += paintToken(ANSI.dim, ";");
      i++;
    } else if (c === "." && i + 1 < text.length && (isIdStart(text[i + 1]) || text[i + 1] === "#")) {
      prev = null;
      let j = i + 2;
      while (j < text.length && isIdPart(text[j])) j++;
      if (text[j] === "(") {
        out += paintToken(ANSI.italic + ANSI.bold, text.slice(i, j));
        i = j;
      } else {
        out += ".";
        i++;
      }
    } else {
      if (c === "[" || c === "]" || c === "." || c === "/") prev = null;
      if ((c === "{" || c === "}") && prev !== "import") prev = null;
      out += c === "<" ? paintToken("", "<") : c;
      i++;
    }
  }
  return out;
}
