// rusk:internal/inspect — util.inspect, util.format and the value predicates behind util.types.
//
// The output follows Node 20's util.inspect byte for byte for the documented options. What plain
// JavaScript cannot see is asked of optional runtime hooks on
// `globalThis[Symbol.for("rusk.internals")]`:
//   promiseState(p)    → ["pending" | "fulfilled" | "rejected", value], or undefined when `p` is
//                        not a promise. Without it every promise prints `<pending>`.
//   previewEntries(x)  → [entries, isKeyValue] for Map/Set iterators and WeakMap/WeakSet,
//                        without consuming them: entries flat (`[k1, v1, k2, v2]`) when
//                        isKeyValue (map entries iterators, WeakMaps). Without it iterator
//                        contents print as `<items unknown>`, as weak collections always do
//                        unless showHidden is set.
// Proxies cannot be told apart from their targets in JavaScript: they print through their traps.

import { ERR_INVALID_ARG_TYPE } from "rusk:internal/errors";

const internals = () => globalThis[Symbol.for("rusk.internals")];

// ---------------------------------------------------------------------------------------------
// Options, colours and styles

const defaultOptions = {
  showHidden: false,
  depth: 2,
  colors: false,
  customInspect: true,
  showProxy: false,
  maxArrayLength: 100,
  maxStringLength: 10000,
  breakLength: 80,
  compact: 3,
  sorted: false,
  getters: false,
  numericSeparator: false,
};

const customInspectSymbol = Symbol.for("nodejs.util.inspect.custom");

const colors = Object.assign(Object.create(null), {
  reset: [0, 0],
  bold: [1, 22],
  dim: [2, 22],
  italic: [3, 23],
  underline: [4, 24],
  blink: [5, 25],
  inverse: [7, 27],
  hidden: [8, 28],
  strikethrough: [9, 29],
  doubleunderline: [21, 24],
  black: [30, 39],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  white: [37, 39],
  bgBlack: [40, 49],
  bgRed: [41, 49],
  bgGreen: [42, 49],
  bgYellow: [43, 49],
  bgBlue: [44, 49],
  bgMagenta: [45, 49],
  bgCyan: [46, 49],
  bgWhite: [47, 49],
  framed: [51, 54],
  overlined: [53, 55],
  gray: [90, 39],
  redBright: [91, 39],
  greenBright: [92, 39],
  yellowBright: [93, 39],
  blueBright: [94, 39],
  magentaBright: [95, 39],
  cyanBright: [96, 39],
  whiteBright: [97, 39],
  bgGray: [100, 49],
  bgRedBright: [101, 49],
  bgGreenBright: [102, 49],
  bgYellowBright: [103, 49],
  bgBlueBright: [104, 49],
  bgMagentaBright: [105, 49],
  bgCyanBright: [106, 49],
  bgWhiteBright: [107, 49],
});

// Aliases are non-enumerable accessors, so listing the colours shows each code once.
const colorAliases = {
  grey: "gray",
  blackBright: "gray",
  bgGrey: "bgGray",
  bgBlackBright: "bgGray",
  faint: "dim",
  crossedout: "strikethrough",
  strikeThrough: "strikethrough",
  crossedOut: "strikethrough",
  conceal: "hidden",
  swapColors: "inverse",
  swapcolors: "inverse",
  doubleUnderline: "doubleunderline",
};
for (const [alias, target] of Object.entries(colorAliases)) {
  Object.defineProperty(colors, alias, {
    get() {
      return this[target];
    },
    set(value) {
      this[target] = value;
    },
    configurable: true,
    enumerable: false,
  });
}

const styles = Object.assign(Object.create(null), {
  special: "cyan",
  number: "yellow",
  bigint: "yellow",
  boolean: "yellow",
  undefined: "grey",
  null: "bold",
  string: "green",
  symbol: "green",
  date: "magenta",
  regexp: "red",
  module: "underline",
});

function stylizeNoColor(str) {
  return str;
}

function stylizeWithColor(str, styleType) {
  const style = inspect.styles[styleType];
  if (style !== undefined) {
    const color = inspect.colors[style];
    if (color !== undefined) return `\u001b[${color[0]}m${str}\u001b[${color[1]}m`;
  }
  return str;
}

// ---------------------------------------------------------------------------------------------
// Telling built-in objects apart without throwing in the common case: a candidate kind comes
// from the prototype chain (or, for objects without one, from Object.prototype.toString), then
// a brand check that only throws for impostors confirms it.

const ObjectToString = Object.prototype.toString;
const hasOwn = Object.prototype.hasOwnProperty;
const propertyIsEnumerable = Object.prototype.propertyIsEnumerable;
const getterOf = (proto, key) => Object.getOwnPropertyDescriptor(proto, key).get;

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const typedArrayTag = getterOf(TypedArrayPrototype, Symbol.toStringTag);
const typedArrayLength = getterOf(TypedArrayPrototype, "length");
const mapSize = getterOf(Map.prototype, "size");
const setSize = getterOf(Set.prototype, "size");
const mapEntries = Map.prototype.entries;
const setValues = Set.prototype.values;
const arrayBufferByteLength = getterOf(ArrayBuffer.prototype, "byteLength");
const sharedArrayBufferByteLength = typeof SharedArrayBuffer === "function" ? getterOf(SharedArrayBuffer.prototype, "byteLength") : undefined;
const dataViewBuffer = getterOf(DataView.prototype, "buffer");
const regExpGlobal = getterOf(RegExp.prototype, "global");
const MapIteratorPrototype = Object.getPrototypeOf(new Map()[Symbol.iterator]());
const SetIteratorPrototype = Object.getPrototypeOf(new Set()[Symbol.iterator]());
const GeneratorPrototype = Object.getPrototypeOf(function* () {}).prototype;

function confirmed(check, value) {
  try {
    check(value);
    return true;
  } catch {
    return false;
  }
}

// kind → brand check (throws when `value` lacks the internal slot).
const brandChecks = {
  Map: (v) => mapSize.call(v),
  Set: (v) => setSize.call(v),
  WeakMap: (v) => WeakMap.prototype.has.call(v, v),
  WeakSet: (v) => WeakSet.prototype.has.call(v, v),
  Date: (v) => Date.prototype.getTime.call(v),
  RegExp: (v) => {
    // RegExp.prototype itself answers `undefined` instead of throwing.
    if (regExpGlobal.call(v) === undefined) throw new TypeError("not a RegExp");
  },
  ArrayBuffer: (v) => arrayBufferByteLength.call(v),
  SharedArrayBuffer: (v) => sharedArrayBufferByteLength.call(v),
  DataView: (v) => dataViewBuffer.call(v),
  Number: (v) => Number.prototype.valueOf.call(v),
  String: (v) => String.prototype.valueOf.call(v),
  Boolean: (v) => Boolean.prototype.valueOf.call(v),
  Symbol: (v) => Symbol.prototype.valueOf.call(v),
  BigInt: (v) => BigInt.prototype.valueOf.call(v),
  Promise: (v) => {
    const state = internals()?.promiseState;
    if (typeof state === "function" && state(v) === undefined) throw new TypeError("not a Promise");
  },
  // No brand check exists for these in JavaScript: the prototype chain decides.
  Error: () => {},
  MapIterator: () => {},
  SetIterator: () => {},
  Generator: () => {},
};

const kindByPrototype = new Map([
  [Map.prototype, "Map"],
  [Set.prototype, "Set"],
  [WeakMap.prototype, "WeakMap"],
  [WeakSet.prototype, "WeakSet"],
  [Date.prototype, "Date"],
  [RegExp.prototype, "RegExp"],
  [ArrayBuffer.prototype, "ArrayBuffer"],
  [DataView.prototype, "DataView"],
  [Number.prototype, "Number"],
  [String.prototype, "String"],
  [Boolean.prototype, "Boolean"],
  [Symbol.prototype, "Symbol"],
  [BigInt.prototype, "BigInt"],
  [Promise.prototype, "Promise"],
  [Error.prototype, "Error"],
  [MapIteratorPrototype, "MapIterator"],
  [SetIteratorPrototype, "SetIterator"],
  [GeneratorPrototype, "Generator"],
]);
if (typeof SharedArrayBuffer === "function") kindByPrototype.set(SharedArrayBuffer.prototype, "SharedArrayBuffer");

const kindByTag = {
  "[object Map]": "Map",
  "[object Set]": "Set",
  "[object WeakMap]": "WeakMap",
  "[object WeakSet]": "WeakSet",
  "[object Date]": "Date",
  "[object RegExp]": "RegExp",
  "[object ArrayBuffer]": "ArrayBuffer",
  "[object SharedArrayBuffer]": "SharedArrayBuffer",
  "[object DataView]": "DataView",
  "[object Number]": "Number",
  "[object String]": "String",
  "[object Boolean]": "Boolean",
  "[object Symbol]": "Symbol",
  "[object BigInt]": "BigInt",
  "[object Promise]": "Promise",
  "[object Error]": "Error",
};

/** The built-in kind of an object ("Map", "Date", "Error", ...) or "" for ordinary objects. */
function builtinKind(value) {
  let proto = value;
  for (let steps = 0; steps < 1000; steps++) {
    proto = Object.getPrototypeOf(proto);
    if (proto === null) break;
    const kind = kindByPrototype.get(proto);
    if (kind !== undefined) {
      if (proto !== value && confirmed(brandChecks[kind], value)) return kind;
      break;
    }
  }
  const kind = kindByTag[ObjectToString.call(value)];
  return kind !== undefined && confirmed(brandChecks[kind], value) ? kind : "";
}

const isObject = (v) => typeof v === "object" && v !== null;
const kindIs = (kind) => (v) => isObject(v) && builtinKind(v) === kind;
const typedArrayIs = (name) => (v) => typedArrayTag.call(v) === name;

function isAsyncFunction(v) {
  if (typeof v !== "function") return false;
  const tag = ObjectToString.call(v);
  return tag === "[object AsyncFunction]" || tag === "[object AsyncGeneratorFunction]";
}
function isGeneratorFunction(v) {
  if (typeof v !== "function") return false;
  const tag = ObjectToString.call(v);
  return tag === "[object GeneratorFunction]" || tag === "[object AsyncGeneratorFunction]";
}
function isArgumentsObject(v) {
  return isObject(v) && ObjectToString.call(v) === "[object Arguments]" && v[Symbol.toStringTag] === undefined;
}
function isModuleNamespaceObject(v) {
  if (!isObject(v) || Object.getPrototypeOf(v) !== null || Object.isExtensible(v)) return false;
  const tag = Object.getOwnPropertyDescriptor(v, Symbol.toStringTag);
  return tag !== undefined && tag.value === "Module" && !tag.writable && !tag.enumerable && !tag.configurable;
}
function isBoxedPrimitive(v) {
  if (!isObject(v)) return false;
  const kind = builtinKind(v);
  return kind === "Number" || kind === "String" || kind === "Boolean" || kind === "Symbol" || kind === "BigInt";
}
function isNativeError(v) {
  return isObject(v) && ObjectToString.call(v) === "[object Error]" && builtinKind(v) === "Error";
}
/** Node's internal isError: a native error or anything inheriting from Error.prototype. */
function isError(v) {
  return isObject(v) && (builtinKind(v) === "Error" || v instanceof Error);
}
// node:crypto's classes carry no brand visible here: they are known by their constructors' names.
function isCryptoKey(v) {
  return isObject(v) && constructorNamed(v, "CryptoKey");
}
function isKeyObject(v) {
  return isObject(v) && (constructorNamed(v, "SecretKeyObject") || constructorNamed(v, "PublicKeyObject") || constructorNamed(v, "PrivateKeyObject"));
}
function constructorNamed(v, name) {
  for (let p = Object.getPrototypeOf(v); p !== null; p = Object.getPrototypeOf(p)) {
    const desc = Object.getOwnPropertyDescriptor(p, "constructor");
    if (desc !== undefined && typeof desc.value === "function" && desc.value.name === name) return true;
  }
  return false;
}

/** util.types: every predicate Node has. isProxy and isExternal cannot be told in JavaScript
 * and always answer false. */
export const types = {
  isExternal: () => false,
  isDate: kindIs("Date"),
  isArgumentsObject,
  isBigIntObject: kindIs("BigInt"),
  isBooleanObject: kindIs("Boolean"),
  isNumberObject: kindIs("Number"),
  isStringObject: kindIs("String"),
  isSymbolObject: kindIs("Symbol"),
  isNativeError,
  isRegExp: kindIs("RegExp"),
  isAsyncFunction,
  isGeneratorFunction,
  isGeneratorObject: kindIs("Generator"),
  isPromise: kindIs("Promise"),
  isMap: kindIs("Map"),
  isSet: kindIs("Set"),
  isMapIterator: kindIs("MapIterator"),
  isSetIterator: kindIs("SetIterator"),
  isWeakMap: kindIs("WeakMap"),
  isWeakSet: kindIs("WeakSet"),
  isArrayBuffer: kindIs("ArrayBuffer"),
  isDataView: kindIs("DataView"),
  isSharedArrayBuffer: kindIs("SharedArrayBuffer"),
  isProxy: () => false,
  isModuleNamespaceObject,
  isAnyArrayBuffer: (v) => isObject(v) && (builtinKind(v) === "ArrayBuffer" || builtinKind(v) === "SharedArrayBuffer"),
  isBoxedPrimitive,
  isArrayBufferView: (v) => ArrayBuffer.isView(v),
  isTypedArray: (v) => typedArrayTag.call(v) !== undefined,
  isUint8Array: typedArrayIs("Uint8Array"),
  isUint8ClampedArray: typedArrayIs("Uint8ClampedArray"),
  isUint16Array: typedArrayIs("Uint16Array"),
  isUint32Array: typedArrayIs("Uint32Array"),
  isInt8Array: typedArrayIs("Int8Array"),
  isInt16Array: typedArrayIs("Int16Array"),
  isInt32Array: typedArrayIs("Int32Array"),
  isFloat32Array: typedArrayIs("Float32Array"),
  isFloat64Array: typedArrayIs("Float64Array"),
  isBigInt64Array: typedArrayIs("BigInt64Array"),
  isBigUint64Array: typedArrayIs("BigUint64Array"),
  isKeyObject,
  isCryptoKey,
};

/** Node's internal isError (native errors and objects inheriting Error.prototype). */
export { isError };

// ---------------------------------------------------------------------------------------------
// Strings: quoting, escaping, widths

// Escapes for C0 controls, quote, backslash and C1 controls, with Node's spellings.
const meta = [];
for (let code = 0; code < 0xa0; code++) {
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) meta[code] = `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`;
}
Object.assign(meta, { 8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r", 39: "\\'", 92: "\\\\" });

const needsEscape = /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const needsEscapeNoQuote = /[\x00-\x1f\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const escapables = /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const escapablesNoQuote = /[\x00-\x1f\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escapeChar(ch) {
  const code = ch.charCodeAt(0);
  return code < meta.length && meta[code] !== undefined ? meta[code] : `\\u${code.toString(16)}`;
}

/** A string literal as Node prints it: single quotes unless the text holds one, then double
 * quotes, then backticks, and escaped single quotes as the last resort. */
function quoteString(str) {
  let quote = "'";
  if (str.includes("'")) {
    if (!str.includes('"')) quote = '"';
    else if (!str.includes("`") && !str.includes("${")) quote = "`";
  }
  const test = quote === "'" ? needsEscape : needsEscapeNoQuote;
  if (test.test(str)) str = str.replace(quote === "'" ? escapables : escapablesNoQuote, escapeChar);
  return `${quote}${str}${quote}`;
}

// ECMA-48 control sequences (CSI and OSC), as stripped by util.stripVTControlCharacters.
const ansiPattern = new RegExp(
  "[\\u001B\\u009B][[\\]()#;?]*" +
    "(?:(?:(?:(?:;[-a-zA-Z\\d\\/#&.:=?%@~_]+)*" +
    "|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/#&.:=?%@~_]*)*)?\\u0007)" +
    "|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PR-TZcf-ntqry=><~]))",
  "g",
);

export function stripVTControlCharacters(str) {
  return str.replace(ansiPattern, "");
}

const colorCodes = /\u001b\[\d\d?m/g;
const removeColors = (str) => str.replace(colorCodes, "");

// East Asian wide and fullwidth ranges, plus emoji presentation blocks: two columns each.
function isFullWidthCodePoint(code) {
  return (
    code >= 0x1100 &&
    (code <= 0x115f ||
      code === 0x2329 ||
      code === 0x232a ||
      (code >= 0x231a && code <= 0x231b) ||
      (code >= 0x23e9 && code <= 0x23ec) ||
      code === 0x23f0 ||
      code === 0x23f3 ||
      (code >= 0x25fd && code <= 0x25fe) ||
      (code >= 0x2614 && code <= 0x2615) ||
      (code >= 0x2648 && code <= 0x2653) ||
      code === 0x267f ||
      code === 0x2693 ||
      code === 0x26a1 ||
      (code >= 0x26aa && code <= 0x26ab) ||
      (code >= 0x26bd && code <= 0x26be) ||
      (code >= 0x26c4 && code <= 0x26c5) ||
      code === 0x26ce ||
      code === 0x26d4 ||
      code === 0x26ea ||
      (code >= 0x26f2 && code <= 0x26f3) ||
      code === 0x26f5 ||
      code === 0x26fa ||
      code === 0x26fd ||
      code === 0x2705 ||
      (code >= 0x270a && code <= 0x270b) ||
      code === 0x2728 ||
      code === 0x274c ||
      code === 0x274e ||
      (code >= 0x2753 && code <= 0x2755) ||
      code === 0x2757 ||
      (code >= 0x2795 && code <= 0x2797) ||
      code === 0x27b0 ||
      code === 0x27bf ||
      (code >= 0x2b1b && code <= 0x2b1c) ||
      code === 0x2b50 ||
      code === 0x2b55 ||
      (code >= 0x2e80 && code <= 0x3247 && code !== 0x303f) ||
      (code >= 0x3250 && code <= 0x4dbf) ||
      (code >= 0x4e00 && code <= 0xa4c6) ||
      (code >= 0xa960 && code <= 0xa97c) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe10 && code <= 0xfe19) ||
      (code >= 0xfe30 && code <= 0xfe6b) ||
      (code >= 0xff01 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x16fe0 && code <= 0x18d08) ||
      (code >= 0x1b000 && code <= 0x1b2fb) ||
      (code >= 0x1f004 && code <= 0x1f251 && code !== 0x1f005 && (code < 0x1f0a0 || code >= 0x1f18e)) ||
      (code >= 0x1f300 && code <= 0x1f64f && isEmojiPresentation(code)) ||
      (code >= 0x1f680 && code <= 0x1f6ff && isEmojiPresentation(code)) ||
      (code >= 0x1f7e0 && code <= 0x1f7eb) ||
      (code >= 0x1f90c && code <= 0x1f9ff) ||
      (code >= 0x1fa70 && code <= 0x1faf8) ||
      (code >= 0x20000 && code <= 0x3fffd))
  );
}

// Within the pictograph blocks, text-presentation symbols keep one column.
function isEmojiPresentation(code) {
  return /\p{Emoji_Presentation}/u.test(String.fromCodePoint(code));
}

function isZeroWidthCodePoint(code) {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x300 && code <= 0x36f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x20d0 && code <= 0x20ff) ||
    (code >= 0xfe00 && code <= 0xfe0f) ||
    (code >= 0xfe20 && code <= 0xfe2f) ||
    (code >= 0xe0100 && code <= 0xe01ef)
  );
}

const asciiPrintable = /^[\x20-\x7e]*$/;

/** Terminal columns taken by `str` (wide characters count two, control sequences none). */
export function getStringWidth(str, removeControlChars = true) {
  if (removeControlChars) str = stripVTControlCharacters(str);
  if (asciiPrintable.test(str)) return str.length;
  str = str.normalize("NFC");
  let width = 0;
  for (const char of str) {
    const code = char.codePointAt(0);
    if (isFullWidthCodePoint(code)) width += 2;
    else if (!isZeroWidthCodePoint(code)) width++;
  }
  return width;
}

// ---------------------------------------------------------------------------------------------
// Primitives

function addSeparators(digits) {
  const start = digits[0] === "-" ? 1 : 0;
  let result = "";
  let i = digits.length;
  for (; i >= start + 4; i -= 3) result = `_${digits.slice(i - 3, i)}${result}`;
  return `${digits.slice(0, i)}${result}`;
}

function addFractionSeparators(digits) {
  let result = "";
  let i = 0;
  for (; i < digits.length - 3; i += 3) result += `${digits.slice(i, i + 3)}_`;
  return `${result}${digits.slice(i)}`;
}

function formatNumber(stylize, number, numericSeparator) {
  // Node prints -0 as "-0", except with numericSeparator where it reads "0".
  if (!numericSeparator && number === 0 && 1 / number < 0) return stylize("-0", "number");
  const text = `${number}`;
  if (!numericSeparator || !Number.isFinite(number) || text.includes("e")) return stylize(text, "number");
  const dot = text.indexOf(".");
  if (dot === -1) return stylize(addSeparators(text), "number");
  return stylize(`${addSeparators(text.slice(0, dot))}.${addFractionSeparators(text.slice(dot + 1))}`, "number");
}

function formatBigInt(stylize, bigint, numericSeparator) {
  const text = `${bigint}`;
  return stylize(`${numericSeparator ? addSeparators(text) : text}n`, "bigint");
}

const MIN_LINE_WIDTH = 16;

function formatString(stylize, value, ctx) {
  let trailer = "";
  if (value.length > ctx.maxStringLength) {
    const remaining = value.length - ctx.maxStringLength;
    value = value.slice(0, ctx.maxStringLength);
    trailer = `... ${remaining} more character${remaining > 1 ? "s" : ""}`;
  }
  // Long strings break after each newline, one quoted piece per line joined with `+`.
  if (ctx.compact !== true && value.length > MIN_LINE_WIDTH && value.length > ctx.breakLength - ctx.indentationLvl - 4) {
    const lines = value.split(/(?<=\n)/);
    const joiner = ` +\n${" ".repeat(ctx.indentationLvl + 2)}`;
    return lines.map((line) => stylize(quoteString(line), "string")).join(joiner) + trailer;
  }
  return stylize(quoteString(value), "string") + trailer;
}

function formatPrimitive(stylize, value, ctx) {
  switch (typeof value) {
    case "string":
      return formatString(stylize, value, ctx);
    case "number":
      return formatNumber(stylize, value, ctx.numericSeparator);
    case "bigint":
      return formatBigInt(stylize, value, ctx.numericSeparator);
    case "boolean":
      return stylize(`${value}`, "boolean");
    case "undefined":
      return stylize("undefined", "undefined");
    default:
      return stylize(Symbol.prototype.toString.call(value), "symbol");
  }
}

// ---------------------------------------------------------------------------------------------
// Objects

// How a property is printed: object members show `key: value`, array items only the value,
// array extras show `key: value` but count as array content for layout.
const OBJECT = 0;
const ARRAY_ITEM = 1;
const ARRAY_EXTRA = 2;

const identifierKey = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
const arrayIndexKey = /^(0|[1-9][0-9]*)$/;

// ECMAScript's own constructors: their prototypes' members are never listed with showHidden.
// (Node's list lacks SharedArrayBuffer, whose accessors it therefore lists: so does this one.)
const builtInConstructors = new Set([
  "Object", "Function", "Array", "Number", "Boolean", "String", "Symbol", "Date", "Promise", "RegExp", "Error",
  "AggregateError", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError",
  "ArrayBuffer", "DataView", "Map", "BigInt", "Set", "WeakMap", "WeakSet", "Proxy", "Reflect",
  "FinalizationRegistry", "WeakRef", "Uint8Array", "Int8Array", "Uint16Array", "Int16Array", "Uint32Array",
  "Int32Array", "Float32Array", "Float64Array", "Uint8ClampedArray", "BigUint64Array", "BigInt64Array",
  "Atomics", "JSON", "Math", "Intl", "WebAssembly", "Iterator", "SuppressedError", "DisposableStack",
  "AsyncDisposableStack", "Float16Array",
]);

function getKeys(value, showHidden) {
  const symbols = Object.getOwnPropertySymbols(value);
  if (showHidden) {
    const keys = Object.getOwnPropertyNames(value);
    for (const s of symbols) keys.push(s);
    return keys;
  }
  let keys;
  try {
    keys = Object.keys(value);
  } catch {
    // A module namespace with bindings still in their TDZ.
    keys = Object.getOwnPropertyNames(value);
  }
  for (const s of symbols) if (propertyIsEnumerable.call(value, s)) keys.push(s);
  return keys;
}

/** Own keys that are not array indices (for arrays and typed arrays). */
function getNonIndexKeys(value, showHidden) {
  const keys = [];
  const all = Reflect.ownKeys(value);
  // Index keys come first, in order: a dense array-like's first `length` keys are all indices.
  const length = typeof value.length === "number" ? value.length : 0;
  const start = length > 0 && all[length - 1] === String(length - 1) ? length : 0;
  for (let i = start; i < all.length; i++) {
    const key = all[i];
    if (typeof key === "string" && arrayIndexKey.test(key) && Number(key) < 4294967295) continue;
    if (!showHidden && !propertyIsEnumerable.call(value, key)) continue;
    keys.push(key);
  }
  return keys;
}

function isInstanceOf(object, constructor) {
  try {
    return object instanceof constructor;
  } catch {
    return false;
  }
}

/** The name of the nearest constructor, `null` for null-prototype objects, or a description
 * such as `Object <[Object: null prototype] {}>` for prototypes without a constructor. */
function getConstructorName(obj, ctx, recurseTimes, protoProps) {
  // Fast path for plain objects and arrays (the bulk of what gets printed).
  if (protoProps === undefined && !hasOwn.call(obj, "constructor")) {
    const proto = Object.getPrototypeOf(obj);
    if (proto === Object.prototype && proto.constructor === Object) return "Object";
    if (proto === Array.prototype && proto.constructor === Array) return "Array";
  }
  let firstProto;
  const original = obj;
  while (obj) {
    const descriptor = Object.getOwnPropertyDescriptor(obj, "constructor");
    if (descriptor !== undefined && typeof descriptor.value === "function" && descriptor.value.name !== "" && isInstanceOf(original, descriptor.value)) {
      if (protoProps !== undefined && (firstProto !== obj || !builtInConstructors.has(descriptor.value.name))) {
        addPrototypeProperties(ctx, original, firstProto || original, recurseTimes, protoProps);
      }
      return String(descriptor.value.name);
    }
    obj = Object.getPrototypeOf(obj);
    if (firstProto === undefined) firstProto = obj;
  }
  if (firstProto === null) return null;
  const fallback = internalClassName(original);
  if (recurseTimes > ctx.depth && ctx.depth !== null) return `${fallback} <Complex prototype>`;
  const protoName = getConstructorName(firstProto, ctx, recurseTimes + 1, protoProps);
  if (protoName === null) {
    const shown = inspect(firstProto, { ...ctx, customInspect: false, depth: -1 });
    return `${fallback} <${shown}>`;
  }
  return `${fallback} <${protoName}>`;
}

// The engine's class name of an object whose prototype chain names no constructor.
function internalClassName(value) {
  if (typeof value === "function") return "Function";
  if (Array.isArray(value)) return "Array";
  return "Object";
}

/** With showHidden: the non-method members of user-defined prototypes (up to three levels). */
function addPrototypeProperties(ctx, main, obj, recurseTimes, output) {
  let depth = 0;
  let keys;
  let seenKeys;
  do {
    if (depth !== 0 || main === obj) {
      obj = Object.getPrototypeOf(obj);
      if (obj === null) return;
      const descriptor = Object.getOwnPropertyDescriptor(obj, "constructor");
      if (descriptor !== undefined && typeof descriptor.value === "function" && builtInConstructors.has(descriptor.value.name)) return;
    }
    if (depth === 0) seenKeys = new Set();
    else for (const key of keys) seenKeys.add(key);
    keys = Reflect.ownKeys(obj);
    ctx.seen.push(main);
    for (const key of keys) {
      if (key === "constructor" || hasOwn.call(main, key) || (depth !== 0 && seenKeys.has(key))) continue;
      const desc = Object.getOwnPropertyDescriptor(obj, key);
      if (typeof desc.value === "function") continue;
      const shown = formatProperty(ctx, obj, recurseTimes, key, OBJECT, desc, main);
      output.push(ctx.colors ? `\u001b[2m${shown}\u001b[22m` : shown);
    }
    ctx.seen.pop();
  } while (++depth !== 3);
}

/** `Foo [tag] `, `[Object: null prototype] `, `Map(2) ` — the text before the braces. */
function getPrefix(constructor, tag, fallback, size = "") {
  if (constructor === null) {
    if (tag !== "" && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
    return `[${fallback}${size}: null prototype] `;
  }
  if (tag !== "" && constructor !== tag) return `${constructor}${size} [${tag}] `;
  return `${constructor}${size} `;
}

function remainingText(remaining) {
  return `... ${remaining} more item${remaining > 1 ? "s" : ""}`;
}

function formatValue(ctx, value, recurseTimes, typedArray) {
  if (typeof value !== "object" && typeof value !== "function") return formatPrimitive(ctx.stylize, value, ctx);
  if (value === null) return ctx.stylize("null", "null");

  if (ctx.customInspect) {
    const custom = value[customInspectSymbol];
    if (typeof custom === "function" && custom !== inspect && !(value.constructor && value.constructor.prototype === value)) {
      const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
      const result = custom.call(value, depth, userOptionsFor(ctx), inspect);
      if (result !== value) {
        if (typeof result !== "string") return formatValue(ctx, result, recurseTimes);
        return result.replaceAll("\n", `\n${" ".repeat(ctx.indentationLvl)}`);
      }
    }
  }

  if (ctx.seen.includes(value)) {
    let index = 1;
    if (ctx.circular === undefined) {
      ctx.circular = new Map([[value, index]]);
    } else {
      index = ctx.circular.get(value);
      if (index === undefined) {
        index = ctx.circular.size + 1;
        ctx.circular.set(value, index);
      }
    }
    return ctx.stylize(`[Circular *${index}]`, "special");
  }
  return formatRaw(ctx, value, recurseTimes, typedArray);
}

/** The options object handed to custom inspect functions. */
function userOptionsFor(ctx) {
  const options = { stylize: ctx.stylize };
  for (const key of Object.keys(defaultOptions)) options[key] = ctx[key];
  if (ctx.userOptions !== undefined) Object.assign(options, ctx.userOptions);
  return options;
}

function formatRaw(ctx, value, recurseTimes, typedArray) {
  let protoProps;
  if (ctx.showHidden && (recurseTimes <= ctx.depth || ctx.depth === null)) protoProps = [];
  const constructor = getConstructorName(value, ctx, recurseTimes, protoProps);
  if (protoProps !== undefined && protoProps.length === 0) protoProps = undefined;

  let tag = value[Symbol.toStringTag];
  // An own (visible) tag property is printed as a key already; only inherited tags annotate.
  if (typeof tag !== "string" || (tag !== "" && (ctx.showHidden ? hasOwn : propertyIsEnumerable).call(value, Symbol.toStringTag))) tag = "";

  const shape = describeShape(ctx, value, recurseTimes, constructor, tag, protoProps, typedArray);
  if (typeof shape === "string") return shape;
  let { base, braces, formatter, extrasType, keys } = shape;

  if (recurseTimes > ctx.depth && ctx.depth !== null) {
    let name = getPrefix(constructor, tag, "Object").slice(0, -1);
    if (constructor !== null) name = `[${name}]`;
    return ctx.stylize(name, "special");
  }
  recurseTimes += 1;
  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  let output;
  const indentationLvl = ctx.indentationLvl;
  try {
    output = formatter(ctx, value, recurseTimes);
    for (const key of keys) output.push(formatProperty(ctx, value, recurseTimes, key, extrasType));
    if (protoProps !== undefined) output.push(...protoProps);
  } catch (err) {
    if (!isStackOverflow(err)) throw err;
    ctx.seen.pop();
    ctx.indentationLvl = indentationLvl;
    const name = getPrefix(constructor, tag, "Object").slice(0, -1);
    return ctx.stylize(`[${name}: Inspection interrupted prematurely. Maximum call stack size exceeded.]`, "special");
  }
  if (ctx.circular !== undefined) {
    const index = ctx.circular.get(value);
    if (index !== undefined) {
      const reference = ctx.stylize(`<ref *${index}>`, "special");
      if (ctx.compact !== true) base = base === "" ? reference : `${reference} ${base}`;
      else braces[0] = `${reference} ${braces[0]}`;
    }
  }
  ctx.seen.pop();

  if (ctx.sorted) sortOutput(ctx, output, keys.length, extrasType);

  const result = reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
  // Stop descending once the printed text grows past 128 MiB at one indentation level.
  const budget = (ctx.budget[ctx.indentationLvl] || 0) + result.length;
  ctx.budget[ctx.indentationLvl] = budget;
  if (budget > 2 ** 27) ctx.depth = -1;
  return result;
}

function isStackOverflow(err) {
  return err !== null && typeof err === "object" && (err.name === "RangeError" || err.name === "InternalError") && /stack/i.test(String(err.message));
}

function sortOutput(ctx, output, keyCount, extrasType) {
  const comparator = ctx.sorted === true ? undefined : ctx.sorted;
  if (extrasType === OBJECT) {
    output.sort(comparator);
  } else if (keyCount > 1) {
    // Only the extra keys of an array-like are sorted; its items keep their order.
    const sorted = output.slice(output.length - keyCount).sort(comparator);
    output.splice(output.length - keyCount, keyCount, ...sorted);
  }
}

const emptyOutput = () => [];

/**
 * Decides how an object prints: its base text, braces, the formatter of its contents and which
 * keys follow. Returns a string instead when the whole result is already known.
 */
function describeShape(ctx, value, recurseTimes, constructor, tag, protoProps, typedArray) {
  const filterHidden = ctx.showHidden;
  let keys;
  let base = "";
  let braces;
  let formatter = emptyOutput;
  let extrasType = OBJECT;
  const noExtras = (k) => k.length === 0 && protoProps === undefined;

  const iterable = Symbol.iterator in value;
  if (iterable || constructor === null) {
    if (Array.isArray(value)) {
      const prefix = constructor !== "Array" || tag !== "" ? getPrefix(constructor, tag, "Array", `(${value.length})`) : "";
      keys = getNonIndexKeys(value, filterHidden);
      braces = [`${prefix}[`, "]"];
      if (value.length === 0 && noExtras(keys)) return `${braces[0]}]`;
      return { base, braces, formatter: formatArray, extrasType: ARRAY_EXTRA, keys };
    }
    const typedName = typedArrayTag.call(value);
    if (typedName !== undefined) {
      keys = getNonIndexKeys(value, filterHidden);
      const length = typedArrayLength.call(value);
      const prefix = getPrefix(constructor, tag, constructor === null ? typedName : "", `(${length})`);
      braces = [`${prefix}[`, "]"];
      if (length === 0 && keys.length === 0 && !ctx.showHidden) return `${braces[0]}]`;
      return { base, braces, formatter: (c, v, r) => formatTypedArray(v, length, c, r), extrasType: ARRAY_EXTRA, keys };
    }
    const kind = builtinKind(value);
    if (kind === "Set") {
      const size = setSize.call(value);
      const prefix = getPrefix(constructor, tag, "Set", `(${size})`);
      keys = getKeys(value, filterHidden);
      if (size === 0 && noExtras(keys)) return `${prefix}{}`;
      return { base, braces: [`${prefix}{`, "}"], formatter: formatSet, extrasType, keys };
    }
    if (kind === "Map") {
      const size = mapSize.call(value);
      const prefix = getPrefix(constructor, tag, "Map", `(${size})`);
      keys = getKeys(value, filterHidden);
      if (size === 0 && noExtras(keys)) return `${prefix}{}`;
      return { base, braces: [`${prefix}{`, "}"], formatter: formatMap, extrasType, keys };
    }
    if (kind === "MapIterator" || kind === "SetIterator") {
      keys = getKeys(value, filterHidden);
      braces = iteratorBraces(kind === "MapIterator" ? "Map" : "Set", tag);
      return { base, braces, formatter: (c, v, r) => formatIterator(braces, c, v, r), extrasType, keys };
    }
  }

  keys = getKeys(value, filterHidden);
  braces = ["{", "}"];
  if (typeof value === "function") {
    base = getFunctionBase(value, constructor, tag);
    if (noExtras(keys)) return ctx.stylize(base, "special");
    return { base, braces, formatter, extrasType, keys };
  }
  if (constructor === "Object") {
    // (Arguments objects are iterable: the cheap test first.)
    if (iterable && isArgumentsObject(value)) braces[0] = "[Arguments] {";
    else if (tag !== "") braces[0] = `${getPrefix(constructor, tag, "Object")}{`;
    if (noExtras(keys)) return `${braces[0]}}`;
    return { base, braces, formatter, extrasType, keys };
  }
  const kind = builtinKind(value);
  switch (kind) {
    case "RegExp": {
      base = RegExp.prototype.toString.call(constructor !== null ? value : new RegExp(value));
      const prefix = getPrefix(constructor, tag, "RegExp");
      if (prefix !== "RegExp ") base = `${prefix}${base}`;
      if (noExtras(keys) || (recurseTimes > ctx.depth && ctx.depth !== null)) return ctx.stylize(base, "regexp");
      break;
    }
    case "Date": {
      base = Number.isNaN(Date.prototype.getTime.call(value)) ? Date.prototype.toString.call(value) : Date.prototype.toISOString.call(value);
      const prefix = getPrefix(constructor, tag, "Date");
      if (prefix !== "Date ") base = `${prefix}${base}`;
      if (noExtras(keys)) return ctx.stylize(base, "date");
      break;
    }
    case "Error":
      base = formatError(value, constructor, tag, ctx, keys);
      if (noExtras(keys)) return base;
      break;
    case "ArrayBuffer":
    case "SharedArrayBuffer": {
      const prefix = getPrefix(constructor, tag, kind);
      if (typedArray === undefined) {
        formatter = formatArrayBuffer;
      } else if (noExtras(keys)) {
        const byteLength = (kind === "ArrayBuffer" ? arrayBufferByteLength : sharedArrayBufferByteLength).call(value);
        return `${prefix}{ byteLength: ${formatNumber(ctx.stylize, byteLength, false)} }`;
      }
      braces[0] = `${prefix}{`;
      keys.unshift("byteLength");
      break;
    }
    case "DataView":
      braces[0] = `${getPrefix(constructor, tag, "DataView")}{`;
      // The buffer goes last: it is not a primitive like the others.
      keys.unshift("byteLength", "byteOffset", "buffer");
      break;
    case "Promise":
      braces[0] = `${getPrefix(constructor, tag, "Promise")}{`;
      formatter = formatPromise;
      break;
    case "WeakSet":
    case "WeakMap":
      braces[0] = `${getPrefix(constructor, tag, kind)}{`;
      formatter = ctx.showHidden ? (c, v, r) => formatWeakEntries(c, v, r, kind === "WeakMap") : formatWeakCollection;
      break;
    case "Number":
    case "String":
    case "Boolean":
    case "Symbol":
    case "BigInt":
      base = getBoxedBase(value, ctx, keys, constructor, tag, kind);
      if (noExtras(keys)) return base;
      break;
    default:
      if (isModuleNamespaceObject(value)) {
        braces[0] = `${getPrefix(constructor, tag, "Module")}{`;
        const namespaceKeys = keys;
        formatter = (c, v, r) => formatNamespaceObject(namespaceKeys, c, v, r);
        // The formatter prints every key itself.
        keys = [];
        break;
      }
      if (noExtras(keys)) return `${getPrefix(constructor, tag, "Object")}{}`;
      braces[0] = `${getPrefix(constructor, tag, "Object")}{`;
  }
  return { base, braces, formatter, extrasType, keys };
}

function iteratorBraces(type, tag) {
  if (tag !== `${type} Iterator`) {
    if (tag !== "") tag += "] [";
    tag += `${type} Iterator`;
  }
  return [`[${tag}] {`, "}"];
}

function getFunctionBase(value, constructor, tag) {
  const source = Function.prototype.toString.call(value);
  if (source.startsWith("class") && source.endsWith("}")) {
    const body = source.slice(5, -1);
    const brace = body.indexOf("{");
    if (brace !== -1 && (!body.slice(0, brace).includes("(") || /^\s*(?:extends\s|\s*\w+\s+extends\s|\s*\w*\s*\{)/.test(body.replace(/\/\/.*?\n|\/\*(.|\n)*?\*\//g, "")))) {
      return getClassBase(value, constructor, tag);
    }
  }
  let type = "Function";
  if (isGeneratorFunction(value)) type = `Generator${type}`;
  if (isAsyncFunction(value)) type = `Async${type}`;
  let base = `[${type}`;
  if (constructor === null) base += " (null prototype)";
  if (value.name === "") base += " (anonymous)";
  else base += `: ${value.name}`;
  base += "]";
  if (constructor !== type && constructor !== null) base += ` ${constructor}`;
  if (tag !== "" && constructor !== tag) base += ` [${tag}]`;
  return base;
}

function getClassBase(value, constructor, tag) {
  const name = (hasOwn.call(value, "name") && value.name) || "(anonymous)";
  let base = `class ${name}`;
  if (constructor !== "Function" && constructor !== null) base += ` [${constructor}]`;
  if (tag !== "" && constructor !== tag) base += ` [${tag}]`;
  if (constructor !== null) {
    const superName = Object.getPrototypeOf(value).name;
    if (superName) base += ` extends ${superName}`;
  } else {
    base += " extends [null prototype]";
  }
  return `[${base}]`;
}

function getBoxedBase(value, ctx, keys, constructor, tag, type) {
  const primitive = globalThis[type].prototype.valueOf.call(value);
  // A boxed string's index keys repeat its characters: drop them.
  if (type === "String") keys.splice(0, primitive.length);
  let base = `[${type}`;
  if (type !== constructor) base += constructor === null ? " (null prototype)" : ` (${constructor})`;
  base += `: ${formatPrimitive(stylizeNoColor, primitive, ctx)}]`;
  if (tag !== "" && tag !== constructor) base += ` [${tag}]`;
  if (keys.length !== 0 || ctx.stylize === stylizeNoColor) return base;
  return ctx.stylize(base, type.toLowerCase());
}

// ---- errors ----

function getStackString(error) {
  return error.stack ? String(error.stack) : Error.prototype.toString.call(error);
}

/** Hides own name/message/stack keys whose text the stack already shows. */
function removeDuplicateErrorKeys(ctx, keys, err, stack) {
  if (ctx.showHidden || keys.length === 0) return;
  for (const name of ["name", "message", "stack"]) {
    const index = keys.indexOf(name);
    if (index !== -1 && stack.includes(err[name])) keys.splice(index, 1);
  }
}

/** Makes the stack's first line name the real class: `MyError [TypeError]: ...`. */
function improveStack(stack, constructor, name, tag) {
  let len = name.length;
  if (constructor === null || (name.endsWith("Error") && stack.startsWith(name) && (stack.length === len || stack[len] === ":" || stack[len] === "\n"))) {
    let fallback = "Error";
    if (constructor === null) {
      const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n\s+at)/.exec(stack) || /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
      fallback = (start && start[1]) || "";
      len = fallback.length;
      fallback = fallback || "Error";
    }
    const prefix = getPrefix(constructor, tag, fallback).slice(0, -1);
    if (name !== prefix) {
      if (prefix.includes(name)) stack = len === 0 ? `${prefix}: ${stack}` : `${prefix}${stack.slice(len)}`;
      else stack = `${prefix} [${name}]${stack.slice(len)}`;
    }
  }
  return stack;
}

/** The first run of more than three frames shared by `a` and `b`: {len, offset} in `a`. */
function sharedFrames(a, b) {
  for (let i = 0; i < a.length - 3; i++) {
    const pos = b.indexOf(a[i]);
    if (pos === -1) continue;
    const rest = b.length - pos;
    if (rest > 3) {
      let len = 1;
      const maxLen = Math.min(a.length - i, rest);
      while (maxLen > len && a[i + len] === b[pos + len]) len++;
      if (len > 3) return { len, offset: i };
    }
  }
  return { len: 0, offset: 0 };
}

/** The frame lines, with those repeated by the cause's stack folded into one line. */
function getStackFrames(ctx, err, framesText) {
  const frames = framesText.split("\n");
  let cause;
  try {
    cause = err.cause;
  } catch {
    // A throwing getter: keep every frame.
  }
  if (cause != null && isError(cause)) {
    const causeStack = getStackString(cause);
    const causeStart = causeStack.indexOf("\n    at");
    if (causeStart !== -1) {
      const causeFrames = causeStack.slice(causeStart + 1).split("\n");
      const { len, offset } = sharedFrames(frames, causeFrames);
      if (len > 0) {
        const skipped = len - 2;
        const line = `    ... ${skipped} lines matching cause stack trace ...`;
        frames.splice(offset + 1, skipped, ctx.stylize(line, "undefined"));
      }
    }
  }
  return frames;
}

const coreFrame = /^ {4}at (?:[^/\\(]+ \(|)(?:node|rusk):(.+):\d+:\d+\)?$/;
const nodeModulesPath = /[/\\]node_modules[/\\](.+?)(?=[/\\])/g;

function markNodeModules(ctx, line) {
  let marked = "";
  let pos = 0;
  for (const match of line.matchAll(nodeModulesPath)) {
    // Keep "/node_modules/" and underline the package name after it.
    marked += line.slice(pos, match.index + 14);
    marked += ctx.stylize(match[1], "module");
    pos = match.index + match[0].length;
  }
  return pos === 0 ? line : marked + line.slice(pos);
}

/**
 * QuickJS writes the stack when the error is made, V8 on first read: an error whose own `name`
 * is set after construction (`this.name = "MyError"` in a subclass constructor) still reads
 * `Error: ...` here. Put the current name in front, as the lazily written stack of V8 has it.
 * (An engine-made stack lives behind Error.prototype's accessor; an assigned one is own.)
 */
function withCurrentName(err, stack) {
  if (hasOwn.call(err, "stack")) return stack;
  const own = Object.getOwnPropertyDescriptor(err, "name");
  if (own === undefined || typeof own.value !== "string") return stack;
  const proto = Object.getPrototypeOf(err);
  const inherited = proto === null ? undefined : proto.name;
  if (typeof inherited !== "string" || inherited === own.value || !stack.startsWith(inherited)) return stack;
  const next = stack[inherited.length];
  if (next !== undefined && next !== ":" && next !== "\n") return stack;
  return own.value + stack.slice(inherited.length);
}

function formatError(err, constructor, tag, ctx, keys) {
  const name = err.name != null ? String(err.name) : "Error";
  let stack = withCurrentName(err, getStackString(err));
  removeDuplicateErrorKeys(ctx, keys, err, stack);
  if ("cause" in err && (keys.length === 0 || !keys.includes("cause"))) keys.push("cause");
  if (Array.isArray(err.errors) && (keys.length === 0 || !keys.includes("errors"))) keys.push("errors");
  stack = improveStack(stack, constructor, name, tag);

  // The frames start after the message (which may itself contain "\n    at").
  let pos = (err.message && stack.indexOf(err.message)) || -1;
  if (pos !== -1) pos += err.message.length;
  const framesStart = stack.indexOf("\n    at", pos);
  if (framesStart === -1) {
    stack = `[${stack}]`;
  } else {
    let text = stack.slice(0, framesStart);
    const lines = getStackFrames(ctx, err, stack.slice(framesStart + 1));
    if (ctx.colors) {
      for (const line of lines) {
        text += `\n${coreFrame.test(line) ? ctx.stylize(line, "undefined") : markNodeModules(ctx, line)}`;
      }
    } else {
      text += `\n${lines.join("\n")}`;
    }
    stack = text;
  }
  if (ctx.indentationLvl !== 0) stack = stack.replaceAll("\n", `\n${" ".repeat(ctx.indentationLvl)}`);
  return stack;
}

// ---- contents ----

function formatArray(ctx, value, recurseTimes) {
  const length = value.length;
  const shown = Math.min(Math.max(0, ctx.maxArrayLength), length);
  const output = [];
  for (let i = 0; i < shown; i++) {
    if (!hasOwn.call(value, i)) return formatSparseArray(ctx, value, recurseTimes, shown, output, i);
    output.push(formatProperty(ctx, value, recurseTimes, i, ARRAY_ITEM));
  }
  if (length - shown > 0) output.push(remainingText(length - shown));
  return output;
}

/** Arrays with holes: runs of missing indices print as `<N empty items>`. */
function formatSparseArray(ctx, value, recurseTimes, maxLength, output, i) {
  const keys = Object.keys(value);
  let index = i;
  for (; i < keys.length && output.length < maxLength; i++) {
    const key = keys[i];
    const numeric = +key;
    if (numeric > 2 ** 32 - 2) break;
    if (`${index}` !== key) {
      if (!arrayIndexKey.test(key)) break;
      const empty = numeric - index;
      output.push(ctx.stylize(`<${empty} empty item${empty > 1 ? "s" : ""}>`, "undefined"));
      index = numeric;
      if (output.length === maxLength) break;
    }
    output.push(formatProperty(ctx, value, recurseTimes, key, ARRAY_ITEM));
    index++;
  }
  const remaining = value.length - index;
  if (output.length !== maxLength) {
    if (remaining > 0) output.push(ctx.stylize(`<${remaining} empty item${remaining > 1 ? "s" : ""}>`, "undefined"));
  } else if (remaining > 0) {
    output.push(remainingText(remaining));
  }
  return output;
}

function formatTypedArray(value, length, ctx, recurseTimes) {
  const shown = Math.min(Math.max(0, ctx.maxArrayLength), length);
  const output = new Array(shown);
  const formatElement = length > 0 && typeof value[0] === "number" ? formatNumber : formatBigInt;
  for (let i = 0; i < shown; i++) output[i] = formatElement(ctx.stylize, value[i], ctx.numericSeparator);
  if (length - shown > 0) output[shown] = remainingText(length - shown);
  if (ctx.showHidden) {
    ctx.indentationLvl += 2;
    for (const key of ["BYTES_PER_ELEMENT", "length", "byteLength", "byteOffset", "buffer"]) {
      output.push(`[${key}]: ${formatValue(ctx, value[key], recurseTimes, true)}`);
    }
    ctx.indentationLvl -= 2;
  }
  return output;
}

function formatArrayBuffer(ctx, value) {
  let bytes;
  try {
    bytes = new Uint8Array(value);
  } catch {
    return [ctx.stylize("(detached)", "special")];
  }
  const shown = Math.min(ctx.maxArrayLength, bytes.length);
  const hex = [];
  for (let i = 0; i < shown; i++) hex.push(bytes[i].toString(16).padStart(2, "0"));
  let str = hex.join(" ");
  const remaining = bytes.length - ctx.maxArrayLength;
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? "s" : ""}`;
  return [`${ctx.stylize("[Uint8Contents]", "special")}: <${str}>`];
}

function formatSet(ctx, value, recurseTimes) {
  const size = setSize.call(value);
  const shown = Math.min(Math.max(0, ctx.maxArrayLength), size);
  const output = [];
  ctx.indentationLvl += 2;
  let i = 0;
  for (const entry of { [Symbol.iterator]: () => setValues.call(value) }) {
    if (i >= shown) break;
    output.push(formatValue(ctx, entry, recurseTimes));
    i++;
  }
  if (size - shown > 0) output.push(remainingText(size - shown));
  ctx.indentationLvl -= 2;
  return output;
}

function formatMap(ctx, value, recurseTimes) {
  const size = mapSize.call(value);
  const shown = Math.min(Math.max(0, ctx.maxArrayLength), size);
  const output = [];
  ctx.indentationLvl += 2;
  let i = 0;
  for (const [k, v] of { [Symbol.iterator]: () => mapEntries.call(value) }) {
    if (i >= shown) break;
    output.push(`${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`);
    i++;
  }
  if (size - shown > 0) output.push(remainingText(size - shown));
  ctx.indentationLvl -= 2;
  return output;
}

function previewEntries(value) {
  const preview = internals()?.previewEntries;
  return typeof preview === "function" ? preview(value) : undefined;
}

function formatIterator(braces, ctx, value, recurseTimes) {
  const preview = previewEntries(value);
  if (preview === undefined) return [ctx.stylize("<items unknown>", "special")];
  const [entries, isKeyValue] = preview;
  if (isKeyValue) {
    braces[0] = braces[0].replace(/ Iterator] \{$/, " Entries] {");
    return formatMapIterInner(ctx, recurseTimes, entries, false);
  }
  return formatSetIterInner(ctx, recurseTimes, entries, false);
}

function formatWeakCollection(ctx) {
  return [ctx.stylize("<items unknown>", "special")];
}

function formatWeakEntries(ctx, value, recurseTimes, isMap) {
  const preview = previewEntries(value);
  if (preview === undefined) return formatWeakCollection(ctx);
  const entries = preview[0];
  return isMap ? formatMapIterInner(ctx, recurseTimes, entries, true) : formatSetIterInner(ctx, recurseTimes, entries, true);
}

function formatSetIterInner(ctx, recurseTimes, entries, weak) {
  const shown = Math.min(Math.max(ctx.maxArrayLength, 0), entries.length);
  const output = new Array(shown);
  ctx.indentationLvl += 2;
  for (let i = 0; i < shown; i++) output[i] = formatValue(ctx, entries[i], recurseTimes);
  ctx.indentationLvl -= 2;
  // Weak collections have no order of their own: sort for stable output.
  if (weak && !ctx.sorted) output.sort();
  const remaining = entries.length - shown;
  if (remaining > 0) output.push(remainingText(remaining));
  return output;
}

function formatMapIterInner(ctx, recurseTimes, entries, weak) {
  const pairs = entries.length / 2;
  const maxArrayLength = Math.max(ctx.maxArrayLength, 0);
  const shown = Math.min(maxArrayLength, pairs);
  const output = new Array(shown);
  ctx.indentationLvl += 2;
  for (let i = 0; i < shown; i++) {
    const key = formatValue(ctx, entries[i * 2], recurseTimes);
    const val = formatValue(ctx, entries[i * 2 + 1], recurseTimes);
    output[i] = weak ? `${key} => ${val}` : reduceToSingleString(ctx, [key, val], "", ["[", "]"], ARRAY_EXTRA, recurseTimes);
  }
  ctx.indentationLvl -= 2;
  if (weak && !ctx.sorted) output.sort();
  if (pairs - maxArrayLength > 0) output.push(remainingText(pairs - maxArrayLength));
  return output;
}

function formatPromise(ctx, value, recurseTimes) {
  const stateOf = internals()?.promiseState;
  const details = typeof stateOf === "function" ? stateOf(value) : undefined;
  if (details === undefined || details[0] === "pending") return [ctx.stylize("<pending>", "special")];
  ctx.indentationLvl += 2;
  const shown = formatValue(ctx, details[1], recurseTimes);
  ctx.indentationLvl -= 2;
  return [details[0] === "rejected" ? `${ctx.stylize("<rejected>", "special")} ${shown}` : shown];
}

function formatNamespaceObject(keys, ctx, value, recurseTimes) {
  const output = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    try {
      output[i] = formatProperty(ctx, value, recurseTimes, keys[i], OBJECT);
    } catch (err) {
      if (!(err instanceof ReferenceError)) throw err;
      // A binding still in its temporal dead zone.
      const shown = formatProperty(ctx, { [keys[i]]: "" }, recurseTimes, keys[i], OBJECT);
      output[i] = shown.slice(0, shown.lastIndexOf(" ") + 1) + ctx.stylize("<uninitialized>", "special");
    }
  }
  return output;
}

function formatPropertyKey(ctx, key, desc) {
  if (typeof key === "symbol") return `[${ctx.stylize(Symbol.prototype.toString.call(key).replace(escapables, escapeChar), "symbol")}]`;
  if (key === "__proto__") return "['__proto__']";
  if (desc.enumerable === false) return `[${String(key).replace(escapables, escapeChar)}]`;
  if (identifierKey.test(key)) return ctx.stylize(key, "name");
  return ctx.stylize(quoteString(key), "string");
}

function formatAccessor(ctx, desc, original, recurseTimes) {
  const label = desc.set !== undefined ? "Getter/Setter" : "Getter";
  const s = ctx.stylize;
  const wanted = ctx.getters && (ctx.getters === true || (ctx.getters === "get" && desc.set === undefined) || (ctx.getters === "set" && desc.set !== undefined));
  if (!wanted) return s(`[${label}]`, "special");
  try {
    const result = desc.get.call(original);
    ctx.indentationLvl += 2;
    let shown;
    if (result === null) shown = `${s(`[${label}:`, "special")} ${s("null", "null")}${s("]", "special")}`;
    else if (typeof result === "object") shown = `${s(`[${label}]`, "special")} ${formatValue(ctx, result, recurseTimes)}`;
    else shown = `${s(`[${label}:`, "special")} ${formatPrimitive(s, result, ctx)}${s("]", "special")}`;
    ctx.indentationLvl -= 2;
    return shown;
  } catch (err) {
    return `${s(`[${label}:`, "special")} <Inspection threw (${err.message})>${s("]", "special")}`;
  }
}

function formatProperty(ctx, value, recurseTimes, key, type, desc, original = value) {
  let extra = " ";
  desc = desc || Object.getOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true };
  let shown;
  if (desc.value !== undefined) {
    const diff = ctx.compact !== true || type !== OBJECT ? 2 : 3;
    ctx.indentationLvl += diff;
    shown = formatValue(ctx, desc.value, recurseTimes);
    if (diff === 3 && ctx.breakLength < getStringWidth(shown, ctx.colors)) extra = `\n${" ".repeat(ctx.indentationLvl)}`;
    ctx.indentationLvl -= diff;
  } else if (desc.get !== undefined) {
    shown = formatAccessor(ctx, desc, original, recurseTimes);
  } else if (desc.set !== undefined) {
    shown = ctx.stylize("[Setter]", "special");
  } else {
    shown = ctx.stylize("undefined", "undefined");
  }
  if (type === ARRAY_ITEM) return shown;
  return `${formatPropertyKey(ctx, key, desc)}:${extra}${shown}`;
}

// ---------------------------------------------------------------------------------------------
// Layout

function fitsOnOneLine(ctx, output, start, base) {
  // One separator per entry plus the entries themselves must stay within breakLength.
  let total = output.length + start;
  if (total + output.length > ctx.breakLength) return false;
  for (const entry of output) {
    total += ctx.colors ? removeColors(entry).length : entry.length;
    if (total > ctx.breakLength) return false;
  }
  return base === "" || !base.includes("\n");
}

/** Short array items are laid out in aligned columns (numbers right-aligned). */
function groupArrayElements(ctx, output, value) {
  let totalLength = 0;
  let maxLength = 0;
  let outputLength = output.length;
  // The "... more items" line is not part of the grid.
  if (ctx.maxArrayLength < output.length) outputLength--;
  const separatorSpace = 2;
  const dataLen = new Array(outputLength);
  for (let i = 0; i < outputLength; i++) {
    const len = getStringWidth(output[i], ctx.colors);
    dataLen[i] = len;
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  const actualMax = maxLength + separatorSpace;
  // Group only when three columns fit and no item dwarfs the others.
  if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength && (totalLength / actualMax > 5 || maxLength <= 6)) {
    const averageBias = Math.sqrt(actualMax - totalLength / output.length);
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    // Aim for a roughly square block, characters being ~2.5 times taller than wide.
    const columns = Math.min(
      Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
      Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
      ctx.compact * 4,
      15,
    );
    if (columns <= 1) return output;
    const maxLineLength = [];
    for (let i = 0; i < columns; i++) {
      let lineLength = 0;
      for (let j = i; j < output.length; j += columns) if (dataLen[j] > lineLength) lineLength = dataLen[j];
      maxLineLength.push(lineLength + separatorSpace);
    }
    let padStart = true;
    if (value !== undefined) {
      for (let i = 0; i < output.length; i++) {
        if (typeof value[i] !== "number" && typeof value[i] !== "bigint") {
          padStart = false;
          break;
        }
      }
    }
    const grouped = [];
    for (let i = 0; i < outputLength; i += columns) {
      const max = Math.min(i + columns, outputLength);
      let line = "";
      let j = i;
      for (; j < max - 1; j++) {
        // Colour codes take no columns: pad by the visible width.
        const padding = maxLineLength[j - i] + output[j].length - dataLen[j];
        line += padStart ? `${output[j]}, `.padStart(padding, " ") : `${output[j]}, `.padEnd(padding, " ");
      }
      if (padStart) {
        const padding = maxLineLength[j - i] + output[j].length - dataLen[j] - separatorSpace;
        line += output[j].padStart(padding, " ");
      } else {
        line += output[j];
      }
      grouped.push(line);
    }
    if (ctx.maxArrayLength < output.length) grouped.push(output[outputLength]);
    return grouped;
  }
  return output;
}

function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
  if (ctx.compact !== true) {
    if (typeof ctx.compact === "number" && ctx.compact >= 1) {
      const entries = output.length;
      if (extrasType === ARRAY_EXTRA && entries > 6) output = groupArrayElements(ctx, output, value);
      // Up to `compact` inner levels combine on one line when they fit.
      if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
        const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
        if (fitsOnOneLine(ctx, output, start, base)) {
          const joined = output.join(", ");
          if (!joined.includes("\n")) return `${base ? `${base} ` : ""}${braces[0]} ${joined} ${braces[1]}`;
        }
      }
    }
    const indentation = `\n${" ".repeat(ctx.indentationLvl)}`;
    return `${base ? `${base} ` : ""}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
  }
  if (fitsOnOneLine(ctx, output, 0, base)) return `${braces[0]}${base ? ` ${base}` : ""} ${output.join(", ")} ${braces[1]}`;
  const indentation = " ".repeat(ctx.indentationLvl);
  const lineStart = base === "" && braces[0].length === 1 ? " " : `${base ? ` ${base}` : ""}\n${indentation}  `;
  return `${braces[0]}${lineStart}${output.join(`,\n${indentation}  `)} ${braces[1]}`;
}

// ---------------------------------------------------------------------------------------------
// Terminal colours (shared by console, util.styleText and util.debuglog)

const TERM_COLOR_DEPTHS = {
  eterm: 4, cons25: 4, console: 4, cygwin: 4, dtterm: 4, gnome: 4, hurd: 4, jfbterm: 4, konsole: 4, kterm: 4,
  mlterm: 4, mosh: 24, putty: 4, st: 4, "rxvt-unicode-24bit": 24, terminator: 24, "xterm-kitty": 24,
};
const CI_COLOR_DEPTHS = { APPVEYOR: 8, BUILDKITE: 8, CIRCLECI: 24, DRONE: 8, GITEA_ACTIONS: 24, GITHUB_ACTIONS: 24, GITLAB_CI: 8, TRAVIS: 8 };
const COLOR_TERMS = [/ansi/, /color/, /linux/, /direct/, /^con[0-9]*x[0-9]/, /^rxvt/, /^screen/, /^xterm/, /^vt100/, /^vt220/];

/** Bits of colour a terminal with environment `env` supports (1, 4, 8 or 24), as Node guesses
 * it in tty.WriteStream#getColorDepth. */
export function colorDepth(env) {
  if (env.FORCE_COLOR !== undefined) {
    switch (env.FORCE_COLOR) {
      case "":
      case "1":
      case "true":
        return 4;
      case "2":
        return 8;
      case "3":
        return 24;
      default:
        return 1;
    }
  }
  if (env.NODE_DISABLE_COLORS !== undefined || env.NO_COLOR !== undefined || env.TERM === "dumb") return 1;
  if (env.TMUX) return 24;
  if (env.CI) {
    for (const name of Object.keys(CI_COLOR_DEPTHS)) if (name in env) return CI_COLOR_DEPTHS[name];
    return env.CI_NAME === "codeship" ? 8 : 1;
  }
  if ("TEAMCITY_VERSION" in env) return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? 4 : 1;
  switch (env.TERM_PROGRAM) {
    case "iTerm.app":
      return !env.TERM_PROGRAM_VERSION || /^[0-2]\./.test(env.TERM_PROGRAM_VERSION) ? 8 : 24;
    case "HyperTerm":
    case "MacTerm":
      return 24;
    case "Apple_Terminal":
      return 8;
  }
  if (env.COLORTERM === "truecolor" || env.COLORTERM === "24bit") return 24;
  if (env.TERM) {
    if (/truecolor/.test(env.TERM)) return 24;
    if (/^xterm-256/.test(env.TERM)) return 8;
    const term = env.TERM.toLowerCase();
    if (TERM_COLOR_DEPTHS[term]) return TERM_COLOR_DEPTHS[term];
    if (COLOR_TERMS.some((re) => re.test(term))) return 4;
  }
  return env.COLORTERM ? 4 : 1;
}

/** Whether text written to `stream` should carry colours (FORCE_COLOR wins over isTTY). */
export function shouldColorize(stream) {
  const env = globalThis.process?.env ?? {};
  if (env.FORCE_COLOR !== undefined) return colorDepth(env) > 2;
  return !!stream?.isTTY && (typeof stream.getColorDepth === "function" ? stream.getColorDepth() > 2 : true);
}

/** Set on a callback API to name its several results for util.promisify (fs.read, dns.lookup). */
export const customPromisifyArgs = Symbol("customPromisifyArgs");

// ---------------------------------------------------------------------------------------------
// Public API

/** util.inspect(value[, options]) and the legacy (value, showHidden, depth, colors) form. */
export function inspect(value, opts) {
  // Spelled out rather than spread: this runs for every console.log argument.
  const d = defaultOptions;
  const ctx = {
    budget: {},
    indentationLvl: 0,
    seen: [],
    currentDepth: 0,
    stylize: stylizeNoColor,
    showHidden: d.showHidden,
    depth: d.depth,
    colors: d.colors,
    customInspect: d.customInspect,
    showProxy: d.showProxy,
    maxArrayLength: d.maxArrayLength,
    maxStringLength: d.maxStringLength,
    breakLength: d.breakLength,
    compact: d.compact,
    sorted: d.sorted,
    getters: d.getters,
    numericSeparator: d.numericSeparator,
    circular: undefined,
    userOptions: undefined,
  };
  if (arguments.length > 1) {
    if (arguments.length > 2) {
      if (arguments[2] !== undefined) ctx.depth = arguments[2];
      if (arguments.length > 3 && arguments[3] !== undefined) ctx.colors = arguments[3];
    }
    if (typeof opts === "boolean") {
      ctx.showHidden = opts;
    } else if (opts) {
      for (const key of Object.keys(opts)) {
        if (hasOwn.call(defaultOptions, key) || key === "stylize") ctx[key] = opts[key];
        else if (ctx.userOptions === undefined) ctx.userOptions = opts;
      }
    }
  }
  if (ctx.colors) ctx.stylize = stylizeWithColor;
  if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
  if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
  return formatValue(ctx, value, 0);
}

inspect.custom = customInspectSymbol;
Object.defineProperty(inspect, "defaultOptions", {
  get() {
    return defaultOptions;
  },
  set(options) {
    if (options === null || typeof options !== "object") throw ERR_INVALID_ARG_TYPE("options", "object", options);
    Object.assign(defaultOptions, options);
  },
  enumerable: false,
  configurable: false,
});
inspect.colors = colors;
inspect.styles = styles;

// ---- format ----

// Constructors whose toString is the engine's: `%s` inspects their instances instead.
const builtInToStringOwners = new Set(["Object", "Error", "Array", "Date", "RegExp", "Function", "Number", "String", "Boolean", "Symbol", "BigInt", "Map", "Set", "WeakMap", "WeakSet", "Promise", "ArrayBuffer", "DataView", "AggregateError", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError", ...builtInConstructors]);

function hasBuiltInToString(value) {
  if (typeof value.toString !== "function") return true;
  if (hasOwn.call(value, "toString")) return false;
  let pointer = value;
  do {
    pointer = Object.getPrototypeOf(pointer);
  } while (!hasOwn.call(pointer, "toString"));
  const descriptor = Object.getOwnPropertyDescriptor(pointer, "constructor");
  return descriptor !== undefined && typeof descriptor.value === "function" && builtInToStringOwners.has(descriptor.value.name);
}

function tryStringify(value) {
  try {
    return JSON.stringify(value);
  } catch (err) {
    // Circular structures print as a marker; every other failure propagates.
    if (err instanceof TypeError && /circular/i.test(String(err.message))) return "[Circular]";
    throw err;
  }
}

function formatPlaceholder(code, arg, inspectOptions) {
  switch (code) {
    case 115: // %s
      if (typeof arg === "number") return formatNumber(stylizeNoColor, arg, false);
      if (typeof arg === "bigint") return formatBigInt(stylizeNoColor, arg, false);
      if (typeof arg !== "object" || arg === null || !hasBuiltInToString(arg)) return String(arg);
      return inspect(arg, { ...inspectOptions, depth: 0, colors: false, compact: 3 });
    case 106: // %j
      return tryStringify(arg);
    case 100: // %d
      if (typeof arg === "bigint") return formatBigInt(stylizeNoColor, arg, false);
      if (typeof arg === "symbol") return "NaN";
      return formatNumber(stylizeNoColor, Number(arg), false);
    case 79: // %O
      return inspect(arg, inspectOptions);
    case 111: // %o
      return inspect(arg, { ...inspectOptions, showHidden: true, showProxy: true, depth: 4 });
    case 105: // %i
      if (typeof arg === "bigint") return formatBigInt(stylizeNoColor, arg, false);
      if (typeof arg === "symbol") return "NaN";
      return formatNumber(stylizeNoColor, Number.parseInt(arg), false);
    case 102: // %f
      if (typeof arg === "symbol") return "NaN";
      return formatNumber(stylizeNoColor, Number.parseFloat(arg), false);
    default: // %c: CSS, ignored outside browsers
      return "";
  }
}

// %s %j %d %O %o %i %f %c
const placeholderCodes = new Set([115, 106, 100, 79, 111, 105, 102, 99]);

function formatWithOptionsInternal(inspectOptions, args) {
  const first = args[0];
  let used = 0;
  let str = "";
  let join = "";
  if (typeof first === "string") {
    if (args.length === 1) return first;
    let lastPos = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) !== 37) continue; // '%'
      const code = first.charCodeAt(++i);
      if (used + 1 !== args.length) {
        if (code === 37) {
          str += first.slice(lastPos, i);
          lastPos = i + 1;
          continue;
        }
        // An unknown letter is no placeholder: the text stays as written.
        if (!placeholderCodes.has(code)) continue;
        const text = formatPlaceholder(code, args[++used], inspectOptions);
        if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
        str += text;
        lastPos = i + 1;
      } else if (code === 37) {
        str += first.slice(lastPos, i);
        lastPos = i + 1;
      }
    }
    if (lastPos !== 0) {
      used++;
      join = " ";
      if (lastPos < first.length) str += first.slice(lastPos);
    }
  }
  while (used < args.length) {
    const value = args[used];
    str += join;
    str += typeof value !== "string" ? inspect(value, inspectOptions) : value;
    join = " ";
    used++;
  }
  return str;
}

/** util.format(format, ...args) */
export function format(...args) {
  return formatWithOptionsInternal(undefined, args);
}

/** util.formatWithOptions(inspectOptions, format, ...args) */
export function formatWithOptions(inspectOptions, ...args) {
  if (inspectOptions === null || typeof inspectOptions !== "object") throw ERR_INVALID_ARG_TYPE("inspectOptions", "object", inspectOptions);
  return formatWithOptionsInternal(inspectOptions, args);
}

export default { inspect, format, formatWithOptions, types, stripVTControlCharacters, getStringWidth, isError, colorDepth };
