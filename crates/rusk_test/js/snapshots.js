import { shared } from "rusk:test/shared";
import { Expectation, ExpectError, defineMatcher, expect, installMatcher, matchers } from "rusk:test/expect";
import {
  AnyMatcher, AnythingMatcher, ArrayContainingMatcher, CloseToMatcher, CustomAsymmetricMatcher,
  ObjectContainingMatcher, StringContainingMatcher, StringMatchingMatcher, equals, isAsymmetric,
} from "rusk:test/equality";
import { lineDiff, printValue } from "rusk:test/format";
import { cleanFile, isObjectLike, isOwnFrame, parseFrames } from "rusk:test/util";
import { readFile, writeFile } from "rusk:test/native";

// Snapshot testing, byte-compatible with Bun 1.4.5: toMatchSnapshot (files in
// __snapshots__/<test file>.snap), toMatchInlineSnapshot (written into the test file's
// source after its tests), the toThrowErrorMatching* variants, and
// expect.addSnapshotSerializer (which Bun itself does not implement).

// ---------------------------------------------------------------------------
// Value serialization: Bun's snapshot pretty-format, quirks included, so that
// files written by Bun match and files written here read the same under Bun.
// ---------------------------------------------------------------------------

const userSerializers = [];

const TYPED_ARRAYS = [
  "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
  "Float16Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
].filter((n) => typeof globalThis[n] === "function").map((n) => [n, globalThis[n]]);

// Objects Bun prints as their JSON text (indented by the current depth).
const JSON_PRINTED_TAGS = new Set([
  "Arguments", "Generator", "AsyncGenerator", "Array Iterator", "Map Iterator", "Set Iterator",
  "String Iterator", "RegExp String Iterator", "Iterator Helper",
]);

// Native constructors Bun prints as functions rather than classes (they are JS builtins in JSC).
const BUILTIN_FUNCTION_CONSTRUCTORS = new Set(["Promise"]);

const tagOf = (v) => Object.prototype.toString.call(v).slice(8, -1);
const hasNewline = (s) => s.includes("\n") || s.includes("\r");

// A data property found along the prototype chain, without running getters (JSC's
// class-name lookup does not run them either).
function dataProperty(obj, key) {
  for (let o = obj; o !== null; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, key);
    if (d) return "value" in d ? d.value : undefined;
  }
  return undefined;
}

// The name Bun shows before `{` and inside `[Name: message]`: the constructor's name,
// else a string Symbol.toStringTag, else the built-in kind.
function className(obj, fallback = "Object") {
  const ctor = dataProperty(obj, "constructor");
  if (typeof ctor === "function" && ctor.name && ctor.name !== "Object") return ctor.name;
  const tag = dataProperty(obj, Symbol.toStringTag);
  if (typeof tag === "string" && tag) return tag;
  return fallback;
}

// The Symbol.toStringTag Bun writes once more in front of an object (`Math \nMath {`).
function tagPrefix(obj) {
  let tag;
  try { tag = obj[Symbol.toStringTag]; } catch { return ""; }
  return typeof tag === "string" && tag && tag !== "Object" ? `${tag} ` : "";
}

// Classes print as [class Name]; so do native constructors, which JSC implements as classes.
function isClassFunction(f) {
  const src = Function.prototype.toString.call(f);
  if (/^class\b/.test(src)) return true;
  return /\[native code\]/.test(src) && /^[A-Z]/.test(f.name) && typeof f.prototype === "object" &&
    !BUILTIN_FUNCTION_CONSTRUCTORS.has(f.name);
}

const ARROW_RE = /^(?:async\s*)?(?:[\w$]+|\([^]*?\))\s*=>/;
const FUNCTION_RE = /^(?:async\s+)?function\b\s*\*?\s*([\w$]*)/;
const METHOD_RE = /^(?:static\s+)?(?:async\s+)?\*?\s*(?:[gs]et\s+)?(?:[\w$]+|"[^"]*"|'[^']*')\s*\(/;

// Bun names a function by its declaration, not its `name` property: arrows and anonymous
// function expressions stay nameless even when a binding gave them a name.
function functionName(f) {
  const kind = Object.getPrototypeOf(f)?.constructor?.name;
  if (kind === "AsyncFunction" || kind === "GeneratorFunction" || kind === "AsyncGeneratorFunction") return kind;
  const name = String(f.name ?? "");
  if (name.startsWith("bound ")) return name.replace(/^(bound )+/, "");
  const src = Function.prototype.toString.call(f);
  const declared = FUNCTION_RE.exec(src);
  if (declared) return declared[1];
  if (ARROW_RE.test(src)) return "";
  return METHOD_RE.test(src) ? name : "";
}

// Shortest text of `s` (a JS number string, maybe in exponent form) in plain decimal
// notation, as Zig's `{d}` prints typed array elements.
function plainDecimal(s) {
  const m = /^(-?)(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/.exec(s);
  if (!m) return s;
  const [, sign, int, frac = "", exp = "0"] = m;
  const digits = int + frac;
  const point = int.length + Number(exp);
  let text;
  if (point <= 0) text = "0." + "0".repeat(-point) + digits;
  else if (point >= digits.length) text = digits + "0".repeat(point - digits.length);
  else text = digits.slice(0, point) + "." + digits.slice(point);
  if (text.includes(".")) text = text.replace(/0+$/, "").replace(/\.$/, "");
  text = text.replace(/^0+(?=\d)/, "");
  return sign + text;
}

function floatElement(x, round) {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (Object.is(x, -0)) return "-0";
  if (!round) return plainDecimal(String(x));
  // The shortest decimal that reads back as the same narrow float.
  for (let p = 1; p < 17; p++) {
    const t = x.toPrecision(p);
    if (round(Number(t)) === x) return plainDecimal(t);
  }
  return plainDecimal(String(x));
}

function elementFormatter(name) {
  if (name === "Float32Array") return (x) => floatElement(x, Math.fround);
  if (name === "Float16Array") return (x) => floatElement(x, Math.f16round || Math.fround);
  if (name === "Float64Array") return (x) => floatElement(x, null);
  return String;
}

// The byte-backed kinds Bun lists element by element: [name, elements].
function byteView(v) {
  if (v instanceof ArrayBuffer) return ["ArrayBuffer", new Uint8Array(v)];
  if (v instanceof DataView) return ["DataView", new Uint8Array(v.buffer, v.byteOffset, v.byteLength)];
  for (const [name, ctor] of TYPED_ARRAYS) if (v instanceof ctor) return [name, v];
  return null;
}

// Quoted the way snapshots quote strings: no escaping (the file layer escapes), line
// breaks kept, CR and CRLF turned into LF, and a multi-line string on lines of its own.
function quoteString(s) {
  if (s.length === 0) return '""';
  const body = s.replace(/\r\n?/g, "\n");
  return hasNewline(s) ? `\n"${body}"\n` : `"${body}"`;
}

// Object keys are always quoted: JSON-escaped when all Latin-1, raw otherwise (as Bun does).
function keyText(key) {
  if (typeof key === "symbol") return `[Symbol(${key.description ?? ""})]`;
  return /[^\x00-\xff]/.test(key) ? `"${key}"` : JSON.stringify(key);
}

const sortName = (k) => (typeof k === "symbol" ? k.description ?? "" : k);

const WELL_KNOWN_SYMBOLS = new Set(Object.getOwnPropertyNames(Symbol).map((k) => Symbol[k]).filter((v) => typeof v === "symbol"));

// Own keys, non-enumerable ones included, except `constructor` and hidden well-known
// symbols (Math's Symbol.toStringTag), sorted by name.
function ownKeysSorted(obj) {
  const hiddenSymbol = (k) => WELL_KNOWN_SYMBOLS.has(k) && !Object.prototype.propertyIsEnumerable.call(obj, k);
  const keys = [...Object.getOwnPropertyNames(obj), ...Object.getOwnPropertySymbols(obj)]
    .filter((k) => k !== "constructor" && !hiddenSymbol(k));
  return keys.sort((a, b) => {
    const x = sortName(a), y = sortName(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

class Printer {
  constructor() {
    this.out = "";
    this.indent = 0;
    this.ancestors = new Set();
  }

  write(s) { this.out += s; }
  writeIndent() { this.out += "  ".repeat(Math.min(this.indent, 32)); }

  value(v) {
    if (userSerializers.length && this.custom(v)) return;
    switch (typeof v) {
      case "undefined": return this.write("undefined");
      case "boolean": return this.write(String(v));
      case "number": return this.write(Object.is(v, -0) ? "-0" : String(v));
      case "bigint": return this.write(`${v}n`);
      case "string": return this.write(quoteString(v));
      case "symbol": return this.write(v.description ? `Symbol(${v.description})` : "Symbol");
      case "function": return this.func(v);
    }
    if (v === null) return this.write("null");
    if (isAsymmetric(v) && this.asymmetric(v)) return;
    if (Array.isArray(v)) return this.guarded(v, () => this.array(v));
    if (tagOf(v) === "Error") return this.error(v);
    const bytes = byteView(v);
    if (bytes) return this.bytes(v, ...bytes);
    if (v instanceof Map || v instanceof WeakMap) return this.guarded(v, () => this.map(v));
    if (v instanceof Set || v instanceof WeakSet) return this.guarded(v, () => this.set(v));
    if (v instanceof Date) return this.date(v);
    if (v instanceof RegExp) return this.write(String(v));
    if (v instanceof Promise) return this.write("Promise {}");
    if (v instanceof String) return this.stringObject(String(v));
    if (JSON_PRINTED_TAGS.has(tagOf(v))) return this.write(JSON.stringify(v, null, this.indent) ?? "");
    return this.guarded(v, () => this.object(v));
  }

  // Containers already being printed higher up print as [Circular].
  guarded(v, print) {
    if (this.ancestors.has(v)) return this.write("[Circular]");
    this.ancestors.add(v);
    try { print(); } finally { this.ancestors.delete(v); }
  }

  custom(v) {
    const plugin = userSerializers.find((s) => s.test(v));
    if (!plugin) return false;
    const printNested = (x) => serialize(x);
    const indentLines = (s) => s.split("\n").map((l) => (l ? "  " + l : l)).join("\n");
    const config = { indent: "  ", spacingInner: " ", spacingOuter: "\n", min: false, printFunctionName: true, escapeString: false };
    const text = typeof plugin.serialize === "function"
      ? plugin.serialize(v, config, "  ".repeat(this.indent), this.indent, [...this.ancestors], printNested)
      : plugin.print(v, printNested, indentLines, config, {});
    this.write(String(text));
    return true;
  }

  func(f) {
    if (isClassFunction(f)) return this.write(f.name ? `[class ${f.name}]` : "[class]");
    const name = functionName(f);
    this.write(name ? `[Function: ${name}]` : "[Function]");
  }

  error(e) {
    const message = e.message === undefined || e.message === null ? "" : String(e.message);
    const name = className(e, "Error");
    this.write(message ? `[${name}: ${message}]` : `[${name}]`);
  }

  date(d) {
    const json = JSON.stringify(d);
    // Bun strips the JSON quotes blindly: an invalid date ("null") prints as "ul".
    this.write(json === undefined ? "" : json.length > 2 ? json.slice(1, -1) : json);
  }

  array(a) {
    const len = a.length;
    if (len === 0) return this.write("[]");
    if (this.indent === 0) this.write("\n");
    this.indent++;
    this.write("[\n");
    for (let i = 0; i < len; i++) {
      if (i > 0) this.write("\n");
      this.writeIndent();
      this.value(a[i]);
      this.write(",");
    }
    this.indent--;
    this.write("\n");
    this.writeIndent();
    this.write("]");
    if (this.indent === 0) this.write("\n");
  }

  object(obj) {
    const keys = ownKeysSorted(obj);
    if (keys.length === 0) {
      const name = className(obj);
      return this.write(name === "Object" ? "{}" : `${name} {}`);
    }
    this.write(tagPrefix(obj));
    if (this.indent === 0) this.write("\n");
    const name = className(obj);
    if (name !== "Object") this.write(name + " ");
    this.write("{\n");
    this.indent++;
    keys.forEach((key, i) => {
      if (i > 0) this.write(",\n");
      this.writeIndent();
      this.write(keyText(key) + ": ");
      const d = Object.getOwnPropertyDescriptor(obj, key);
      // Accessors are not called: Bun shows what it finds in the slot.
      if (d && !("value" in d)) this.write("[native code]");
      else this.value(d ? d.value : undefined);
    });
    this.write(",");
    this.indent--;
    this.write("\n");
    this.writeIndent();
    this.write("}");
    if (this.indent === 0) this.write("\n");
  }

  map(m) {
    const name = m instanceof WeakMap ? "WeakMap" : "Map";
    if (name === "WeakMap" || m.size === 0) return this.write(`${name} {}`);
    this.write(`\n${name} {\n`);
    this.indent++;
    for (const [k, v] of m) {
      this.writeIndent();
      this.value(k);
      this.write(" => ");
      this.value(v);
      this.write(",\n");
    }
    this.indent--;
    this.writeIndent();
    this.write("}\n");
  }

  set(s) {
    const name = s instanceof WeakSet ? "WeakSet" : "Set";
    // Bun indents before the Set itself, which shows when it is nested.
    this.writeIndent();
    if (name === "WeakSet" || s.size === 0) return this.write(`${name} {}`);
    this.write(`\n${name} {\n`);
    this.indent++;
    for (const v of s) {
      this.writeIndent();
      this.value(v);
      this.write(",\n");
    }
    this.indent--;
    this.writeIndent();
    this.write("}\n");
  }

  stringObject(str) {
    if (str.length === 0) return this.write("String {}");
    if (this.indent === 0) this.write("\n");
    this.write("String {\n");
    this.indent++;
    this.writeIndent();
    for (let i = 0; i < str.length; i++) {
      this.write(`"${i}": "${str[i]}",\n`);
      if (i !== str.length - 1) this.writeIndent();
    }
    this.write("}\n");
    this.indent--;
  }

  bytes(v, name, elements) {
    const len = elements.length;
    if (name === "Uint8Array" && className(v) === "Buffer") return this.buffer(elements);
    if (this.indent === 0 && len > 0) this.write("\n");
    this.write(name + " [");
    if (len === 0) return this.write("]");
    const fmt = elementFormatter(name);
    this.indent++;
    for (let i = 0; i < len; i++) {
      this.write("\n");
      this.writeIndent();
      this.write(fmt(elements[i]) + ",");
    }
    this.indent--;
    this.write("\n");
    this.writeIndent();
    this.write("]");
    if (this.indent === 0) this.write("\n");
  }

  // Buffers print like their toJSON() (Jest's format), but laid out by hand.
  buffer(bytes) {
    if (this.indent === 0) this.write("\n");
    this.write("{\n");
    this.indent++;
    this.writeIndent();
    this.write('"data": [');
    this.indent++;
    for (const b of bytes) {
      this.write("\n");
      this.writeIndent();
      this.write(`${b},`);
    }
    this.indent--;
    if (bytes.length > 0) {
      this.write("\n");
      this.writeIndent();
    }
    this.write("],\n");
    this.writeIndent();
    this.write('"type": "Buffer",\n');
    this.indent--;
    this.writeIndent();
    this.write("}");
    if (this.indent === 0) this.write("\n");
  }

  // Asymmetric matchers (property matchers end up in the snapshot) print by kind.
  asymmetric(m) {
    const not = m.inverse ? "Not" : "";
    if (m instanceof AnythingMatcher) this.write(`${not}Anything`);
    else if (m instanceof AnyMatcher) this.write(`${not}Any<${m.sample?.name ?? ""}>`);
    else if (m instanceof CloseToMatcher) {
      const digits = m.precision | 0;
      this.write(`Number${not}CloseTo ${m.sample | 0} (${digits} digit${digits === 1 ? "" : "s"})`);
    } else if (m instanceof StringContainingMatcher) this.write(`String${not}Containing ${quoteString(String(m.sample))}`);
    else if (m instanceof StringMatchingMatcher) {
      this.write(`String${not}Matching ${m.sample instanceof RegExp ? String(m.sample) : quoteString(String(m.sample))}`);
    } else if (m instanceof ObjectContainingMatcher) {
      this.write(`Object${not}Containing `);
      this.guarded(m.sample, () => this.object(m.sample));
    } else if (m instanceof ArrayContainingMatcher) this.write("ExpectArrayContaining {}");
    else if (m instanceof CustomAsymmetricMatcher) {
      this.write(`${m.inverse ? "not " : ""}${m.name} `);
      this.guarded(m.sample, () => this.array(m.sample));
    } else return false;
    return true;
  }
}

// Lone surrogates cannot be stored as UTF-8: Bun's text has U+FFFD in their place.
const wellFormed = (s) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");

function serialize(value) {
  const p = new Printer();
  p.value(value);
  return wellFormed(p.out);
}

expect.addSnapshotSerializer = (plugin) => {
  if (!isObjectLike(plugin) || typeof plugin.test !== "function" ||
    (typeof plugin.serialize !== "function" && typeof plugin.print !== "function")) {
    throw new TypeError("expect.addSnapshotSerializer() expects { test, serialize } or { test, print }");
  }
  userSerializers.unshift(plugin);
};

// ---------------------------------------------------------------------------
// Template-literal text: the .snap file's entries and inline snapshots.
// ---------------------------------------------------------------------------

// Columns of stack positions and of Bun's parser messages count UTF-8 bytes.
const utf8Length = (s) => {
  let n = 0;
  for (const ch of s) { const c = ch.codePointAt(0); n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }
  return n;
};

const HEADER = "// Bun Snapshot v1, https://bun.sh/docs/test/snapshots\n";
const NAMED_ESCAPES = { "\b": "\\b", "\f": "\\f", "\v": "\\v", "\r": "\\r", "\u2028": "\\u2028", "\u2029": "\\u2029", "\ufeff": "\\uFEFF" };

// Escapes text for a template literal the way Bun writes .snap entries and inline snapshots.
function escapeTemplate(s) {
  return s.replace(/[\\`\x00-\x08\x0b-\x1f\u2028\u2029\ufeff]|\$(?=\{)/g, (c) => {
    if (c === "\\" || c === "`" || c === "$") return "\\" + c;
    return NAMED_ESCAPES[c] ?? "\\x" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0");
  });
}

const SIMPLE_ESCAPES = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", 0: "\0" };

// Reads a '...' "..." or `...` literal starting at `i` (no substitutions). Returns
// { value, end } or null when it is not one.
function readStringLiteral(text, i) {
  const q = text[i];
  if (q !== "'" && q !== '"' && q !== "`") return null;
  let value = "";
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === q) return { value, end: j + 1 };
    if (q === "`" && c === "$" && text[j + 1] === "{") return null;
    if (c === "\r" && q === "`") { value += "\n"; if (text[j + 1] === "\n") j++; continue; }
    if (c !== "\\") { value += c; continue; }
    const e = text[++j];
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) value += simple;
    else if (e === "x") { value += String.fromCharCode(parseInt(text.slice(j + 1, j + 3), 16)); j += 2; }
    else if (e === "u" && text[j + 1] === "{") {
      const close = text.indexOf("}", j);
      value += String.fromCodePoint(parseInt(text.slice(j + 2, close), 16));
      j = close;
    } else if (e === "u") { value += String.fromCharCode(parseInt(text.slice(j + 1, j + 5), 16)); j += 4; }
    else if (e === "\r") { if (text[j + 1] === "\n") j++; }
    else if (e !== "\n" && e !== "\u2028" && e !== "\u2029") value += e;
  }
  return null;
}

// Skips whitespace and comments.
function skipTrivia(text, i) {
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text.startsWith("//", i)) { const nl = text.indexOf("\n", i); i = nl < 0 ? text.length : nl + 1; }
    else if (text.startsWith("/*", i)) { const end = text.indexOf("*/", i + 2); i = end < 0 ? text.length : end + 2; }
    else return i;
  }
}

// The entries of a .snap file: `exports[`name`] = `value`;` statements. Throws on text
// that is not such a file.
function parseSnapFile(text) {
  const values = new Map();
  let i = skipTrivia(text, 0);
  const consume = (s) => {
    i = skipTrivia(text, i);
    if (!text.startsWith(s, i)) throw new SyntaxError(`expected ${s}`);
    i += s.length;
  };
  const literal = () => {
    i = skipTrivia(text, i);
    const lit = readStringLiteral(text, i);
    if (!lit) throw new SyntaxError("expected a string");
    i = lit.end;
    return lit.value;
  };
  while (i < text.length) {
    consume("exports");
    consume("[");
    const key = literal();
    consume("]");
    consume("=");
    values.set(key, literal());
    i = skipTrivia(text, i);
    if (text[i] === ";") i++;
    i = skipTrivia(text, i);
  }
  return values;
}

// ---------------------------------------------------------------------------
// The test file's snapshot state, written once its tests are done.
// ---------------------------------------------------------------------------

const env = (name) => globalThis.process?.env?.[name];
const envFlag = (name) => { const v = env(name); return v !== undefined && v !== "" && v !== "0" && v !== "false"; };
// The runner's options decide; until the driver passes them, CI and RUSK_UPDATE_SNAPSHOTS do.
const updating = () => shared.options.updateSnapshots ?? envFlag("RUSK_UPDATE_SNAPSHOTS");
const inCI = () => shared.options.ci ?? envFlag("CI");

const counts = { passed: 0, added: 0, failed: 0, total: 0 };
const callsPerName = new Map();
// { path, original, values, appended } once a file snapshot ran; false when unparsable.
let snapFile = null;
const inlineWrites = [];

// Without "." and ".." segments, so it compares equal to stack frames' paths.
function normalizePath(path) {
  const parts = [];
  for (const part of path.split("/")) {
    if (part === "..") { if (parts.length > 1) parts.pop(); }
    else if (part !== "." && (part !== "" || parts.length === 0)) parts.push(part);
  }
  return parts.join("/");
}

function testFile() {
  return normalizePath(String(shared.options.file || ""));
}

function snapPath() {
  const file = testFile();
  const slash = file.lastIndexOf("/");
  return `${file.slice(0, slash + 1)}__snapshots__/${file.slice(slash + 1)}.snap`;
}

// The .snap file's entries, read on the first file snapshot. Null when it cannot be
// parsed (then every file snapshot of this test file fails).
function loadSnapFile() {
  if (snapFile !== null) return snapFile || null;
  const path = snapPath();
  const original = readFile(path);
  let values = new Map();
  if (!updating() && original) {
    try { values = parseSnapFile(original); } catch {
      snapFile = false;
      return null;
    }
  }
  snapFile = { path, original, values, appended: "" };
  return snapFile;
}

// The running attempt of a test, and the counts its names had before it: another attempt
// of the same test (retry, repeats) counts from there again.
let attempt = { state: null, countsBefore: new Map() };

function trackAttempt(state) {
  if (attempt.state === state) return;
  if (state && attempt.state && attempt.state.test === state.test) {
    for (const [name, n] of attempt.countsBefore) callsPerName.set(name, n);
  }
  attempt = { state, countsBefore: new Map() };
}

// "<test name>[: <hint>] <n>", n counting the calls for that name in this file.
function nextSnapshotName(hint) {
  const state = shared.currentTestState;
  trackAttempt(state);
  // Bun names a snapshot taken in a hook after the hook's describe block.
  const hook = shared.currentHookNames;
  const base = hook ? [...hook, "(unnamed)"].join(" ") : state ? shared.currentTestName : "(unnamed)";
  const name = hint ? `${base}: ${hint}` : base;
  const before = callsPerName.get(name) || 0;
  if (!attempt.countsBefore.has(name)) attempt.countsBefore.set(name, before);
  callsPerName.set(name, before + 1);
  counts.total++;
  return `${name} ${before + 1}`;
}

function printError(text) {
  if (typeof shared.options.write === "function") shared.options.write(text);
}

function writeSnapFile() {
  if (!snapFile) return; // unused, or unreadable (then left as it is)
  const { path, original, appended } = snapFile;
  const base = updating() || !original ? HEADER : original;
  const text = base + appended;
  if (text !== original) writeFile(path, text);
}

// After the file's tests: write what changed, and report the counts. `writeErrors` counts
// snapshots that could not be written (Bun then exits with code 1).
shared.fileEndHooks.push(async () => {
  let writeErrors = 0;
  try {
    writeSnapFile();
  } catch (e) {
    printError(`error: ${e && e.message}\n`);
    writeErrors++;
  }
  if (inlineWrites.length) writeErrors += writeInlineSnapshots();
  return { snapshots: { ...counts, writeErrors } };
});

// ---------------------------------------------------------------------------
// Matchers
// ---------------------------------------------------------------------------

// What a snapshot matcher needs about its call beyond the arguments: .not, and where it
// was called from (captured when called: with .resolves/.rejects it runs later).
class SnapshotCall {
  constructor(expectation, name, frames) {
    this.name = name;
    this.isNot = expectation.isNot;
    this.frames = frames;
    this.site = frames.find((f) => !isOwnFrame(f.file)) || expectation.loc;
  }
  signature(args) { return `expect(received)${this.isNot ? ".not" : ""}.${this.name}(${args})`; }
  fail(message) { return new ExpectError(message, this.siteAtName()); }
  // QuickJS may report a column inside the arguments; Bun points at the matcher's name.
  siteAtName() {
    const site = this.site;
    let text = null;
    try { text = site && site.file ? readFile(site.file) : null; } catch { /* no source: keep the frame */ }
    const offset = typeof text === "string" ? callOffset(text, site.line, site.col, this.name) : -1;
    if (offset < 0) return site;
    const { line, col } = lineColumn(text, offset, true);
    return { ...site, line, col };
  }
  matcherError(args, text) { return this.fail(`${this.signature(args)}\n\nMatcher error: ${text}\n`); }
  // The call's position in the test file itself (inline snapshots are written there).
  testFileSite() {
    const file = testFile();
    return this.frames.find((f) => f.file === file) || null;
  }
}

const PASSED = { pass: true, message: () => "" };
const userFrames = (stack) => parseFrames(stack).map((f) => ({ ...f, file: cleanFile(f.file) }));

function register(name, impl) {
  // Failures throw from `impl` with Bun's own message; reaching the end is a pass.
  defineMatcher(name, "expected", function (received, ...args) {
    const call = args.pop();
    impl.call(this, call, received, args);
    return PASSED;
  });
  installMatcher(name, matchers[name]);
  const installed = Expectation.prototype[name];
  Object.defineProperty(Expectation.prototype, name, {
    configurable: true,
    writable: true,
    value: function (...args) {
      const call = new SnapshotCall(this, name, userFrames(new Error().stack));
      // Bun reads at most two arguments.
      return installed.apply(this, [...args.slice(0, 2), call]);
    },
  });
}

function checkUsable(call) {
  if (call.isNot) throw call.matcherError("", "Snapshot matchers cannot be used with not");
}

// Property matchers must match (asymmetric ones are then put in place of the values they
// matched, in the received object itself, as Bun does).
function matchProperties(received, props) {
  const replacements = [];
  const walk = (r, p) => {
    if (Array.isArray(p) && (!Array.isArray(r) || r.length !== p.length)) return false;
    for (const key of Object.keys(p)) {
      if (!isObjectLike(r) || !(key in r)) return false;
      const want = p[key], got = r[key];
      if (isAsymmetric(want)) {
        if (!want.asymmetricMatch(got)) return false;
        replacements.push([r, key, want]);
      } else if (isObjectLike(want) && isObjectLike(got)) {
        if (!walk(got, want)) return false;
      } else if (!equals(got, want)) return false;
    }
    return true;
  };
  if (!walk(received, props)) return false;
  for (const [obj, key, matcher] of replacements) obj[key] = matcher;
  return true;
}

function serializeReceived(call, received, props) {
  if (props !== undefined) {
    if (!isObjectLike(received)) {
      throw call.matcherError("properties, hint", "received values must be an object when the matcher has properties");
    }
    if (!matchProperties(received, props)) {
      throw call.fail(`${call.signature("propertyMatchers")}\n\nExpected propertyMatchers to match properties from received object\n\nReceived: ${printValue(received)}\n`);
    }
  }
  return serialize(received);
}

function mismatch(call, expected, received) {
  counts.failed++;
  return call.fail(`${call.signature("expected")}\n\n${lineDiff(expected, received)}`);
}

// A file snapshot: compare with the stored entry, or store a new one.
function fileSnapshot(call, value, text, hint) {
  // Bun's wording for a file snapshot outside of any test (inline ones work there).
  if (!shared.running) throw call.fail("Snapshot matchers are not supported in concurrent tests");
  const file = loadSnapFile();
  if (!file) throw call.fail(`Failed to snapshot value: ${typeof value === "string" ? value : printValue(value)}`);
  const name = nextSnapshotName(hint);
  if (file.values.has(name)) {
    const expected = file.values.get(name);
    if (expected === text) { counts.passed++; return; }
    throw mismatch(call, expected, text);
  }
  if (inCI() && !updating()) {
    throw call.fail("Snapshot creation is disabled in CI environments unless --update-snapshots is used\n" +
      `To override, set the environment variable CI=false.\n\nSnapshot name: "${name}"\nReceived: ${text}`);
  }
  file.appended += `\nexports[\`${escapeTemplate(name)}\`] = \`${escapeTemplate(text)}\`;\n`;
  file.values.set(name, text);
  counts.added++;
}

// The message of what a function threw (undefined when it is not an Error or has none).
function thrownMessage(call, received, fromPromise) {
  let thrown = fromPromise, error = received;
  if (!fromPromise) {
    if (typeof received !== "function") throw call.fail("Expected value must be a function");
    try { received(); } catch (e) { thrown = true; error = e; }
  }
  if (!thrown) throw call.matcherError("", "Received function did not throw");
  return tagOf(error) === "Error" && error.message ? error.message : undefined;
}

register("toMatchSnapshot", function (call, received, args) {
  checkUsable(call);
  let props, hint = "";
  if (args.length === 1) {
    if (typeof args[0] === "string") hint = args[0];
    else if (isObjectLike(args[0])) props = args[0];
    else throw call.fail("\n\nMatcher error: Expected first argument to be a string or object\n");
  } else if (args.length >= 2) {
    if (!isObjectLike(args[0])) throw call.matcherError("properties, hint", "Expected properties must be an object");
    props = args[0];
    if (typeof args[1] !== "string") throw call.fail("\n\nMatcher error: Expected second argument to be a string\n");
    hint = args[1];
  }
  fileSnapshot(call, received, serializeReceived(call, received, props), hint);
});

register("toThrowErrorMatchingSnapshot", function (call, received, args) {
  checkUsable(call);
  if (args.length > 1) throw call.fail("\n\nMatcher error: Expected zero or one arguments\n");
  if (args.length === 1 && typeof args[0] !== "string") throw call.fail("\n\nMatcher error: Expected first argument to be a string\n");
  const message = thrownMessage(call, received, this.fromPromise);
  fileSnapshot(call, message, serialize(message), args[0] || "");
});

// An inline snapshot: compare with the literal in the source, or queue the source edit.
function inlineSnapshot(call, text, saved, hasMatchers) {
  let startIndent = null, endIndent = null;
  if (saved !== undefined) {
    const trimmed = trimInlineIndent(saved);
    if (trimmed.text === text) { counts.passed++; return; }
    if (!updating()) throw mismatch(call, trimmed.text, text);
    counts.passed++;
    ({ startIndent, endIndent } = trimmed);
  } else if (inCI() && !updating()) {
    throw call.fail(`${call.signature("")}\n\nMatcher error: Inline snapshot creation is disabled in CI environments unless --update-snapshots is used.\nTo override, set the environment variable CI=false.\n\nReceived: ${text}`);
  }
  const site = call.testFileSite();
  if (!site) {
    const from = call.site ? call.site.file : "<unknown>";
    throw call.fail(`${call.signature("")}\n\nMatcher error: Inline snapshot matchers must be called from the test file:\n  Expected to be called from file: ${JSON.stringify(testFile())}\n  ${call.name} called from file: ${JSON.stringify(from)}\n`);
  }
  inlineWrites.push({ line: site.line, col: site.col, text, hasMatchers, isAdded: saved === undefined, kind: call.name, startIndent, endIndent });
}

register("toMatchInlineSnapshot", function (call, received, args) {
  checkUsable(call);
  let props, saved;
  if (args.length === 1) {
    if (typeof args[0] === "string") saved = args[0];
    else if (isObjectLike(args[0])) props = args[0];
    else throw call.fail("\n\nMatcher error: Expected first argument to be a string or object\n");
  } else if (args.length >= 2) {
    if (!isObjectLike(args[0])) throw call.matcherError("properties, hint", "Expected properties must be an object");
    props = args[0];
    if (typeof args[1] === "string") saved = args[1];
  }
  // Bun counts inline snapshots under the test's name too (Jest does the same).
  nextSnapshotName("");
  inlineSnapshot(call, serializeReceived(call, received, props), saved, props !== undefined);
});

register("toThrowErrorMatchingInlineSnapshot", function (call, received, args) {
  checkUsable(call);
  if (args.length > 1) throw call.fail("\n\nMatcher error: Expected zero or one arguments\n");
  if (args.length === 1 && typeof args[0] !== "string") throw call.fail("\n\nMatcher error: Expected first argument to be a string\n");
  const text = serialize(thrownMessage(call, received, this.fromPromise));
  nextSnapshotName("");
  inlineSnapshot(call, text, args[0], false);
});

// ---------------------------------------------------------------------------
// Inline snapshot source edits
// ---------------------------------------------------------------------------

// A stored inline snapshot without the indentation its source position added: when it
// starts on a new line, the first line's indent is removed from every line. Returns the
// indents to reuse when rewriting it.
function trimInlineIndent(saved) {
  const giveUp = (indent) => ({ text: saved, startIndent: indent, endIndent: indent });
  const first = saved.indexOf("\n");
  if (first < 0 || !/^[ \t]*$/.test(saved.slice(0, first))) return giveUp(null);
  const lines = saved.slice(first + 1).split("\n");
  const indent = /^[ \t]*/.exec(lines[0])[0];
  if (indent.length === 0) return giveUp(indent);
  const last = lines.pop();
  if (!/^[ \t]*$/.test(last)) return giveUp(indent);
  const out = [];
  for (const line of lines) {
    const lead = /^[ \t]*/.exec(line)[0].length;
    if (lead >= indent.length) out.push(line.slice(indent.length));
    else if (lead === line.length) out.push("");
    else return giveUp(indent);
  }
  return { text: "\n" + out.map((l) => l + "\n").join(""), startIndent: indent, endIndent: last };
}

const KEYWORDS_BEFORE_REGEX = new Set(["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await"]);

// Tokens of the source from `i`, enough to find an argument's extent: strings, templates,
// regexes, comments and brackets are skipped as units.
function nextToken(text, i, prev) {
  i = skipTrivia(text, i);
  if (i >= text.length) return { type: "eof", start: i, end: i };
  const c = text[i];
  if (c === "'" || c === '"') {
    let j = i + 1;
    while (j < text.length && text[j] !== c) j += text[j] === "\\" ? 2 : 1;
    return { type: "string", start: i, end: j + 1 };
  }
  if (c === "`") return templateToken(text, i);
  if (c === "/" && regexAllowed(prev)) {
    let j = i + 1, inClass = false;
    while (j < text.length && (text[j] !== "/" || inClass)) {
      if (text[j] === "\\") j++;
      else if (text[j] === "[") inClass = true;
      else if (text[j] === "]") inClass = false;
      j++;
    }
    j++;
    while (/[a-z]/i.test(text[j] || "")) j++;
    return { type: "regex", start: i, end: j };
  }
  const word = /^[\w$\u0080-\uffff]+/.exec(text.slice(i, i + 256));
  if (word) return { type: "word", value: word[0], start: i, end: i + word[0].length };
  if (text.startsWith("...", i)) return { type: "punct", value: "...", start: i, end: i + 3 };
  return { type: "punct", value: c, start: i, end: i + 1 };
}

function regexAllowed(prev) {
  if (!prev) return true;
  if (prev.type === "word") return KEYWORDS_BEFORE_REGEX.has(prev.value);
  if (prev.type === "punct") return !")]}".includes(prev.value);
  return false;
}

function templateToken(text, i) {
  let j = i + 1, plain = true;
  while (j < text.length && text[j] !== "`") {
    if (text[j] === "\\") { j += 2; continue; }
    if (text[j] === "$" && text[j + 1] === "{") {
      plain = false;
      let depth = 0, prev = null, k = j + 2;
      for (;;) {
        const t = nextToken(text, k, prev);
        if (t.type === "eof") return { type: "template", start: i, end: text.length };
        if (t.value === "{") depth++;
        if (t.value === "}" && depth-- === 0) { j = t.end; break; }
        prev = t; k = t.end;
      }
      continue;
    }
    j++;
  }
  return { type: plain ? "string" : "template", start: i, end: j + 1 };
}

// One call argument starting at token `t`: { start, end (where the next token starts),
// isString, next (the token after it: "," or ")") }.
function readArgument(text, t) {
  const start = t.start;
  let depth = 0, count = 0, first = t, prev = null;
  while (t.type !== "eof") {
    if (depth === 0 && (t.value === "," || t.value === ")")) break;
    if (t.value === "(" || t.value === "[" || t.value === "{") depth++;
    if (t.value === ")" || t.value === "]" || t.value === "}") depth--;
    count++;
    prev = t;
    t = nextToken(text, t.end, prev);
  }
  return { start, end: t.start, isString: count === 1 && first.type === "string", next: t };
}

class EditError extends Error {
  constructor(message, offset) { super(message); this.offset = offset; }
}

// Where the snapshot text goes for the call whose name starts at `offset`:
// { start, end, preComma }.
function snapshotRange(text, offset, entry) {
  let t = nextToken(text, offset + entry.kind.length, null);
  if (t.value !== "(") throw new EditError("Expected \"(\"", t.start);
  t = nextToken(text, t.end, t);
  if (t.value === ")") {
    if (entry.hasMatchers) throw new EditError("Snapshot has matchers and yet has no arguments", t.start);
    return { start: t.start, end: t.start, preComma: false };
  }
  if (t.value === "...") throw new EditError("Spread is not allowed", t.start);
  const arg1 = readArgument(text, t);
  let next = arg1.next;
  const oneArg = next.value !== "," || nextToken(text, next.end, next).value === ")";
  if (oneArg) {
    const afterComma = next.value === "," ? nextToken(text, next.end, next).start : next.start;
    if (entry.hasMatchers) return { start: arg1.end, end: afterComma, preComma: true };
    if (!arg1.isString) throw new EditError("Argument must be a string literal", arg1.start);
    return { start: arg1.start, end: arg1.end, preComma: false };
  }
  t = nextToken(text, next.end, next);
  if (t.value === "...") throw new EditError("Spread is not allowed", t.start);
  const arg2 = readArgument(text, t);
  if (!entry.hasMatchers) throw new EditError("Snapshot does not have matchers and yet has two arguments", arg2.end);
  if (!arg2.isString) throw new EditError("Argument must be a string literal", arg2.start);
  next = arg2.next;
  if (next.value === ",") next = nextToken(text, next.end, next);
  if (next.value !== ")") throw new EditError("Snapshot expects at most two arguments", next.start);
  return { start: arg2.start, end: arg2.end, preComma: false };
}

// The offset of a 1-based line and column (columns count UTF-8 bytes, as rusk reports
// them), or -1 past the end of the text.
function positionOffset(text, line, col) {
  let start = 0;
  for (let n = 1; n < line; n++) {
    start = text.indexOf("\n", start) + 1;
    if (start === 0) return -1;
  }
  let i = start;
  for (let bytes = 0; bytes < col - 1 && i < text.length && text[i] !== "\n";) {
    const ch = String.fromCodePoint(text.codePointAt(i));
    bytes += utf8Length(ch);
    i += ch.length;
  }
  return i;
}

// The end of the call whose argument list opens after `i` (just past its ")").
function callEnd(text, i) {
  let depth = 0, prev = null;
  for (let t = nextToken(text, i, null); t.type !== "eof"; prev = t, t = nextToken(text, t.end, prev)) {
    if (t.value === "(" || t.value === "[" || t.value === "{") depth++;
    if ((t.value === ")" || t.value === "]" || t.value === "}") && --depth === 0) return t.end;
  }
  return text.length;
}

// The first `kind` from `from` to the end of its line, or -1.
function nameOnLine(text, from, kind) {
  if (from < 0) return -1;
  const found = text.indexOf(kind, from);
  const lineEnd = text.indexOf("\n", from);
  return found >= 0 && (lineEnd < 0 || found < lineEnd) ? found : -1;
}

// Where the matcher's name starts for a position reported for its call, or -1. Engines
// report the name or the "." before it, but QuickJS reports a column inside the arguments
// when they make calls (then: the nearest name before whose call spans the position), and
// column 1 for calls with a multi-line template argument (then: the name further on that
// line, or on the next one: rusk's TypeScript positions land a line early there).
function callOffset(text, line, col, kind) {
  const pos = positionOffset(text, line, col);
  if (pos < 0) return -1;
  if (col <= 1) {
    const here = nameOnLine(text, pos, kind);
    const nextLine = text.indexOf("\n", pos);
    return here >= 0 || nextLine < 0 ? here : nameOnLine(text, nextLine + 1, kind);
  }
  const before = text.lastIndexOf(kind, pos + 1);
  if (before >= 0 && callEnd(text, before + kind.length) > pos) return before;
  return nameOnLine(text, pos, kind);
}

function lineColumn(text, offset, units = false) {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  const head = text.slice(lineStart, offset);
  return { line: before.split("\n").length, col: (units ? head.length : utf8Length(head)) + 1, lineStart };
}

// The snapshot as source: a multi-line value indented to the call's line (two more
// spaces), its closing backtick at the line's indent; kept indents on rewrites.
function snapshotSource(text, start, entry) {
  let value = entry.text;
  if (value.startsWith("\n")) {
    let indent = entry.startIndent, extra = "";
    if (indent === null) {
      const lineStart = text.lastIndexOf("\n", start - 1) + 1;
      indent = /^[ \t]*/.exec(text.slice(lineStart, start))[0];
      extra = "  ";
    }
    const lines = value.slice(1).match(/[^\n]*\n|[^\n]+$/g) || [];
    value = "\n" + lines.map((l) => (l === "\n" ? l : indent + extra + l)).join("") + (entry.endIndent ?? indent);
  }
  return `${entry.preComma ? ", " : ""}\`${escapeTemplate(value)}\``;
}

// The queued writes with the offset of their matcher's name, in source order; those not
// found go to `errors`.
function locateCalls(text, errors) {
  const located = [];
  for (const entry of inlineWrites) {
    const offset = callOffset(text, entry.line, entry.col, entry.kind);
    if (offset >= 0) { located.push({ ...entry, offset }); continue; }
    const at = positionOffset(text, entry.line, entry.col);
    errors.push(at < 0 ? new EditError(`Ln ${entry.line}, Col ${entry.col} not found`, 0) : new EditError(`Could not find '${entry.kind}' here`, at));
  }
  return located.sort((a, b) => a.offset - b.offset);
}

// The source with each located call's snapshot argument written; problems go to `errors`.
function rewriteSource(text, located, errors) {
  let out = "", done = 0, last = null;
  for (const entry of located) {
    try {
      // A call that ran more than once (a loop) is written once.
      if (last && last.offset === entry.offset) {
        if (last.text !== entry.text) {
          throw new EditError(`Multiple inline snapshots on the same line must all have the same value:\nExpected: ${last.text}\nReceived: ${entry.text}`, last.start);
        }
        continue;
      }
      const range = snapshotRange(text, entry.offset, entry);
      if (range.start < done) throw new EditError("Did not advance.", range.start);
      out += text.slice(done, range.start) + snapshotSource(text, range.start, { ...entry, preComma: range.preComma });
      done = range.end;
      last = { ...entry, start: range.start };
      if (entry.isAdded) counts.added++;
    } catch (e) {
      if (!(e instanceof EditError)) throw e;
      errors.push(e);
    }
  }
  return out + text.slice(done);
}

// Rewrites the test file; any problem leaves it untouched. Returns the number of errors.
function writeInlineSnapshots() {
  const file = testFile();
  let text = null;
  try { text = readFile(file); } catch { /* reported below */ }
  if (typeof text !== "string") return reportEditErrors(file, "", [new EditError("Failed to open file", 0)]);
  const errors = [];
  const updated = rewriteSource(text, locateCalls(text, errors), errors);
  if (errors.length) return reportEditErrors(file, text, errors.sort((a, b) => a.offset - b.offset));
  try {
    writeFile(file, updated);
  } catch (e) {
    return reportEditErrors(file, text, [new EditError(`Write file error: ${e && e.message}`, 0)]);
  }
  return 0;
}

// Printed like Bun's parser errors (the line, a caret, the message and the position),
// a blank line between two.
function reportEditErrors(file, text, errors) {
  const report = (e) => {
    const { line, col, lineStart } = lineColumn(text, e.offset);
    const end = text.indexOf("\n", lineStart);
    const lineText = text.slice(lineStart, end < 0 ? text.length : end);
    const gutter = `${line} | `;
    return `${gutter}${lineText}\n${" ".repeat(gutter.length + e.offset - lineStart)}^\n` +
      `error: Failed to update inline snapshot: ${e.message}\n    at ${file}:${line}:${col}\n`;
  };
  printError(errors.map(report).join("\n"));
  return errors.length;
}
