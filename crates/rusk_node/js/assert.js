// node:assert — Node 20's assertion functions, AssertionError and its generated messages.
//
// Where Node reads the caller's source to describe a falsy `assert.ok(expr)`, rusk cannot read
// call-site source: the message is Node's own fallback for that case, `<inspected value> == true`.

import { inspect, isError } from "rusk:internal/inspect";
import { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, nodeError, received } from "rusk:internal/errors";
import { isDeepStrictEqual, types } from "util";

// ---------------------------------------------------------------------------------------------
// Argument errors that errors.js does not have

function ERR_MISSING_ARGS(...names) {
  const quoted = names.map((name) => `"${name}"`);
  let list;
  if (quoted.length === 1) list = `${quoted[0]} argument`;
  else if (quoted.length === 2) list = `${quoted[0]} and ${quoted[1]} arguments`;
  else list = `${quoted.slice(0, -1).join(", ")}, and ${quoted[quoted.length - 1]} arguments`;
  return nodeError(TypeError, "ERR_MISSING_ARGS", `The ${list} must be specified`);
}

function ERR_AMBIGUOUS_ARGUMENT(name, reason) {
  return nodeError(TypeError, "ERR_AMBIGUOUS_ARGUMENT", `The "${name}" argument is ambiguous. ${reason}`);
}

function ERR_INVALID_RETURN_VALUE(expected, name, value) {
  const got = received(value).slice("Received ".length);
  return nodeError(TypeError, "ERR_INVALID_RETURN_VALUE", `Expected ${expected} to be returned from the "${name}" function but got ${got}.`);
}

// Node lists these four in this order, which the shared helper would word differently.
function ERR_INVALID_ERROR_PATTERN(value) {
  return nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "error" argument must be of type function or an instance of Error, RegExp, or Object. ${received(value)}`);
}

// ---------------------------------------------------------------------------------------------
// Generated messages

const HEADINGS = {
  deepStrictEqual: "Expected values to be strictly deep-equal:",
  strictEqual: "Expected values to be strictly equal:",
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: "Expected values to be loosely deep-equal:",
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notIdentical: "Values have same structure but are not reference-equal:",
  notDeepEqualUnequal: "Expected values not to be loosely deep-equal:",
};

// Two single-line values this short print as `a !== b` rather than as a diff.
const SHORT_PAIR_LENGTH = 12;
// Past this many printed diff lines the rest is elided.
const MAX_DIFF_LINES = 50;

const isErrorObject = (value) => types.isNativeError(value) || value instanceof Error;

/** An error's own properties and message without its stack, so that messages show `[Error: x]`. */
function withoutStack(error) {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(error)), error);
  delete copy.stack;
  Object.defineProperty(copy, "message", { value: error.message, writable: true, configurable: true });
  return copy;
}

/** How values are shown in messages: every level expanded, keys sorted, no custom inspectors. */
function inspectForMessage(value) {
  return inspect(isErrorObject(value) ? withoutStack(value) : value, {
    compact: false,
    customInspect: false,
    depth: 1000,
    maxArrayLength: Infinity,
    showHidden: false,
    showProxy: false,
    sorted: true,
    getters: true,
  });
}

const isObjectLike = (value) => (typeof value === "object" && value !== null) || typeof value === "function";

/**
 * Node's "+ actual - expected" message for strictEqual / deepStrictEqual failures. A caller's
 * `heading` replaces the generated first line (except for "same structure" values).
 */
function diffMessage(actual, expected, operator, heading) {
  const actualText = inspectForMessage(actual);
  const actualLines = actualText.split("\n");
  const expectedLines = inspectForMessage(expected).split("\n");
  if (operator === "strictEqual" && isObjectLike(actual) && isObjectLike(expected)) operator = "strictEqualObject";

  let indicator = "";
  if (actualLines.length === 1 && expectedLines.length === 1 && actualLines[0] !== expectedLines[0]) {
    const a = actualLines[0];
    const b = expectedLines[0];
    const length = a.length + b.length;
    if (length <= SHORT_PAIR_LENGTH) {
      const bothPrimitive = !(typeof actual === "object" && actual !== null) && !(typeof expected === "object" && expected !== null);
      if (bothPrimitive && (actual !== 0 || expected !== 0)) return `${heading ?? HEADINGS[operator]}\n\n${a} !== ${b}\n`;
    } else if (operator !== "strictEqualObject" && length < 80) {
      indicator = mismatchIndicator(a, b);
    }
  }

  const { tail, tailSkipped } = takeCommonTail(actualLines, expectedLines);
  if (actualLines.length === 0 && expectedLines.length === 0) return `${HEADINGS.notIdentical}\n\n${clipLines(actualText.split("\n"))}\n`;

  const body = diffBody(actualLines, expectedLines);
  const legend = `${heading ?? HEADINGS[operator]}\n+ actual - expected`;
  if (body.truncated) return `${legend} ... Lines skipped\n${body.text}\n...${body.pendingExpected}\n...`;
  const skipped = tailSkipped || body.skipped ? " ... Lines skipped" : "";
  return `${legend}${skipped}\n${body.text}${body.pendingExpected}${tail}${indicator}`;
}

/** A caret under the first differing character of two one-line values (when it is past col 2). */
function mismatchIndicator(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i > 2 ? `\n  ${" ".repeat(i)}^` : "";
}

/**
 * Removes the lines both texts end with, and returns how they print after the diff: up to three
 * of them, then `...` when five or more were removed, and the outermost one (the closing bracket).
 */
function takeCommonTail(actualLines, expectedLines) {
  let tail = "";
  let outermost = "";
  let removed = 0;
  while (actualLines.length > 0 && expectedLines.length > 0 && actualLines[actualLines.length - 1] === expectedLines[expectedLines.length - 1]) {
    const line = actualLines.pop();
    expectedLines.pop();
    if (removed++ < 3) tail = `\n  ${line}${tail}`;
    else outermost = line;
  }
  let tailSkipped = false;
  if (removed >= 5) {
    tail = `\n...${tail}`;
    tailSkipped = true;
  }
  if (outermost !== "") tail = `\n  ${outermost}${tail}`;
  return { tail, tailSkipped };
}

/**
 * Walks both line lists side by side. Differing lines print as a run of `+` lines followed by
 * the matching `-` lines; common lines between them print as context, collapsed to `...` when
 * more than five in a row.
 */
function diffBody(actualLines, expectedLines) {
  const lineCount = Math.max(actualLines.length, expectedLines.length);
  const longer = actualLines.length >= expectedLines.length ? actualLines : expectedLines;
  const shorterLength = Math.min(actualLines.length, expectedLines.length);
  const sign = longer === actualLines ? "+" : "-";
  let text = "";
  let pendingExpected = "";
  let printed = 0;
  let commonRun = 0;
  let skipped = false;

  // Context lines before a difference: the last one to three common lines, with `...` for more.
  const flushContext = (i) => {
    if (commonRun > 2) {
      if (commonRun > 3) {
        if (commonRun > 4) {
          if (commonRun === 5) {
            text += `\n  ${longer[i - 3]}`;
            printed++;
          } else {
            text += "\n...";
            skipped = true;
          }
        }
        text += `\n  ${longer[i - 2]}`;
        printed++;
      }
      text += `\n  ${longer[i - 1]}`;
      printed++;
    }
    commonRun = 0;
  };

  for (let i = 0; i < lineCount; i++) {
    if (i >= shorterLength) {
      flushContext(i);
      if (sign === "+") text += `\n+ ${longer[i]}`;
      else pendingExpected += `\n- ${longer[i]}`;
      printed++;
    } else {
      let actualLine = actualLines[i];
      const expectedLine = expectedLines[i];
      let differs = actualLine !== expectedLine && !(actualLine.endsWith(",") && actualLine.slice(0, -1) === expectedLine);
      // The last item of a shorter array lacks the comma the other side has: not a difference.
      if (differs && expectedLine.endsWith(",") && expectedLine.slice(0, -1) === actualLine) {
        differs = false;
        actualLine += ",";
      }
      if (differs) {
        flushContext(i);
        text += `\n+ ${actualLine}`;
        pendingExpected += `\n- ${expectedLine}`;
        printed += 2;
      } else {
        text += pendingExpected;
        pendingExpected = "";
        commonRun++;
        if (commonRun <= 2) {
          text += `\n  ${actualLine}`;
          printed++;
        }
      }
    }
    if (printed > MAX_DIFF_LINES && i < lineCount - 2) return { text, pendingExpected, skipped: true, truncated: true };
  }
  return { text, pendingExpected, skipped, truncated: false };
}

/** At most 47 lines, the last being `...`, for values inspected past 50 lines. */
function clipLines(lines) {
  if (lines.length > 50) {
    lines.length = 47;
    lines[46] = "...";
  }
  return lines.join("\n");
}

/** "Expected "actual" not to be ... to: <value>" for the notStrictEqual family. */
function unequalMessage(actual, operator) {
  let heading = HEADINGS[operator];
  const lines = inspectForMessage(actual).split("\n");
  if (operator === "notStrictEqual" && isObjectLike(actual)) heading = HEADINGS.notStrictEqualObject;
  const shown = clipLines(lines);
  if (!shown.includes("\n")) return `${heading}${shown.length > 5 ? "\n\n" : " "}${shown}`;
  return `${heading}\n\n${shown}\n`;
}

const clip = (text, max) => (text.length > max ? `${text.slice(0, max - 3)}...` : text);

/** The loose operators: `1 == 2`, and the loosely deep-equal pair. */
function looseMessage(actual, expected, operator) {
  const actualText = inspectForMessage(actual);
  const expectedText = inspectForMessage(expected);
  const heading = HEADINGS[operator];
  if (operator === "notDeepEqual" && actualText === expectedText) return clip(`${heading}\n\n${actualText}`, 1024);
  const a = clip(actualText, 512);
  const b = clip(expectedText, 512);
  if (operator === "deepEqual") return `${heading}\n\n${a}\n\nshould loosely deep-equal\n\n${b}`;
  const unequalHeading = HEADINGS[`${operator}Unequal`];
  if (unequalHeading) return `${unequalHeading}\n\n${a}\n\nshould not loosely deep-equal\n\n${b}`;
  return `${a} ${operator} ${b}`;
}

const showsDiff = (operator) => operator === "deepStrictEqual" || operator === "strictEqual";

function generatedMessage(actual, expected, operator) {
  if (showsDiff(operator)) return diffMessage(actual, expected, operator);
  if (operator === "notDeepStrictEqual" || operator === "notStrictEqual") return unequalMessage(actual, operator);
  return looseMessage(actual, expected, operator);
}

// ---------------------------------------------------------------------------------------------
// AssertionError

export class AssertionError extends Error {
  constructor(options) {
    if (typeof options !== "object" || options === null) throw ERR_INVALID_ARG_TYPE("options", "Object", options);
    const { message, operator, stackStartFn } = options;
    const { actual, expected } = options;
    let text;
    if (message == null) text = generatedMessage(actual, expected, operator);
    // Node keeps the diff under a caller's message for the strict comparisons (an empty message
    // is no message there).
    else if (showsDiff(operator)) text = diffMessage(actual, expected, operator, message === "" ? undefined : String(message));
    else text = String(message);
    super(text);
    if (typeof Error.captureStackTrace === "function") Error.captureStackTrace(this, stackStartFn || AssertionError);
    const define = (key, value, enumerable) => Object.defineProperty(this, key, { value, writable: true, enumerable, configurable: true });
    define("generatedMessage", !message, true);
    define("name", "AssertionError", false);
    define("code", "ERR_ASSERTION", true);
    define("actual", actual, true);
    define("expected", expected, true);
    define("operator", operator, true);
    // The stack's first line names the code, as Node's does.
    if (typeof this.stack === "string") {
      const at = this.stack.indexOf("\n    at ");
      const frames = at < 0 ? "" : this.stack.slice(at);
      define("stack", `AssertionError [ERR_ASSERTION]: ${this.message}${frames}`, false);
    }
  }

  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }
}

/** Throws `message` itself when it is an Error, else an AssertionError from `details`. */
function innerFail(details) {
  if (details.message instanceof Error) throw details.message;
  throw new AssertionError(details);
}

// ---------------------------------------------------------------------------------------------
// Loose deep equality (assert.deepEqual): == between primitives, prototypes not compared

const isIndexKey = (key) => /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295;

function looseDeepEqual(a, b, seen) {
  if (a === b) return true;
  const aIsObject = typeof a === "object" && a !== null;
  const bIsObject = typeof b === "object" && b !== null;
  if (!aIsObject || !bIsObject) {
    // Functions are compared by reference only, like other non-object values.
    if (aIsObject || bIsObject) return false;
    return a == b || (Number.isNaN(a) && Number.isNaN(b));
  }
  const tag = Object.prototype.toString.call(a);
  if (tag !== Object.prototype.toString.call(b)) return false;
  // Objects already being compared higher up: assume equal (the rest of the walk decides).
  let pairs = seen.get(a);
  if (pairs?.has(b)) return true;
  if (!pairs) seen.set(a, (pairs = new Set()));
  pairs.add(b);
  try {
    return looseObjectsEqual(a, b, tag, seen);
  } finally {
    pairs.delete(b);
  }
}

function looseObjectsEqual(a, b, tag, seen) {
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return sameLooseKeys(a, b, seen);
  }
  if (tag === "[object Object]") return sameLooseKeys(a, b, seen);
  if (types.isDate(a)) {
    if (!types.isDate(b) || a.getTime() !== b.getTime()) return false;
  } else if (types.isRegExp(a)) {
    if (!types.isRegExp(b) || a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false;
  } else if (types.isNativeError(a) || a instanceof Error) {
    if (!(types.isNativeError(b) || b instanceof Error) || a.message !== b.message || a.name !== b.name) return false;
  } else if (ArrayBuffer.isView(a)) {
    if (!ArrayBuffer.isView(b) || !sameViewContents(a, b)) return false;
    return sameLooseKeys(a, b, seen);
  } else if (types.isSet(a)) {
    if (!types.isSet(b) || a.size !== b.size || !looseSetEqual(a, b, seen)) return false;
  } else if (types.isMap(a)) {
    if (!types.isMap(b) || a.size !== b.size || !looseMapEqual(a, b, seen)) return false;
  } else if (types.isAnyArrayBuffer(a)) {
    if (!types.isAnyArrayBuffer(b) || !sameBytes(new Uint8Array(a), new Uint8Array(b))) return false;
  } else if (types.isBoxedPrimitive(a)) {
    if (!isDeepStrictEqual(a, b)) return false;
  } else if (hasSpecialContents(b)) {
    return false;
  }
  return sameLooseKeys(a, b, seen);
}

const hasSpecialContents = (v) =>
  Array.isArray(v) || ArrayBuffer.isView(v) || types.isSet(v) || types.isMap(v) || types.isDate(v) || types.isRegExp(v) || types.isAnyArrayBuffer(v) || types.isBoxedPrimitive(v) || types.isNativeError(v) || v instanceof Error;

function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Float arrays compare element-wise with === (so 0 equals -0, NaN differs); others by bytes. */
function sameViewContents(a, b) {
  if (types.isFloat32Array(a) || types.isFloat64Array(a)) {
    if (a.byteLength !== b.byteLength) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (Object.prototype.toString.call(a) !== Object.prototype.toString.call(b)) return false;
  return sameBytes(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
}

/** Same own enumerable string keys (symbols ignored), with loosely equal values. */
function sameLooseKeys(a, b, seen) {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!Object.prototype.hasOwnProperty.call(b, key)) return false;
  // Typed array elements were compared already.
  const skipIndices = ArrayBuffer.isView(a);
  for (const key of keys) {
    if (skipIndices && isIndexKey(key)) continue;
    if (!looseDeepEqual(a[key], b[key], seen)) return false;
  }
  return true;
}

/** Each member of `b` pairs with a distinct loosely equal member of `a`. */
function looseSetEqual(a, b, seen) {
  const unmatched = [];
  for (const value of a) if (!b.has(value)) unmatched.push(value);
  for (const value of b) {
    if (a.has(value)) continue;
    const at = unmatched.findIndex((candidate) => looseDeepEqual(candidate, value, seen));
    if (at < 0) return false;
    unmatched.splice(at, 1);
  }
  return unmatched.length === 0;
}

function looseMapEqual(a, b, seen) {
  const unmatched = [];
  for (const [key, value] of a) {
    if (!b.has(key) || !looseDeepEqual(value, b.get(key), seen)) unmatched.push(key);
  }
  for (const [key, value] of b) {
    if (a.has(key) && looseDeepEqual(a.get(key), value, seen)) continue;
    const at = unmatched.findIndex((candidate) => looseDeepEqual(candidate, key, seen) && looseDeepEqual(a.get(candidate), value, seen));
    if (at < 0) return false;
    unmatched.splice(at, 1);
  }
  return unmatched.length === 0;
}

const isDeepLooseEqual = (a, b) => looseDeepEqual(a, b, new Map());

// ---------------------------------------------------------------------------------------------
// ok / equality assertions

function innerOk(stackStartFn, argCount, value, message) {
  if (value) return;
  let generated = false;
  if (argCount === 0) {
    generated = true;
    message = "No value argument passed to `assert.ok()`";
  } else if (message == null) {
    generated = true;
  } else if (message instanceof Error) {
    throw message;
  }
  const error = new AssertionError({ actual: value, expected: true, message, operator: "==", stackStartFn });
  error.generatedMessage = generated;
  throw error;
}

/** assert(value[, message]): throws unless `value` is truthy. */
function assert(...args) {
  innerOk(assert, args.length, ...args);
}

export function ok(...args) {
  innerOk(ok, args.length, ...args);
}

const bothNaN = (a, b) => Number.isNaN(a) && Number.isNaN(b);

function requireBoth(argCount) {
  if (argCount < 2) throw ERR_MISSING_ARGS("actual", "expected");
}

export function equal(actual, expected, message) {
  requireBoth(arguments.length);
  if (actual != expected && !bothNaN(actual, expected)) innerFail({ actual, expected, message, operator: "==", stackStartFn: equal });
}

export function notEqual(actual, expected, message) {
  requireBoth(arguments.length);
  if (actual == expected || bothNaN(actual, expected)) innerFail({ actual, expected, message, operator: "!=", stackStartFn: notEqual });
}

export function strictEqual(actual, expected, message) {
  requireBoth(arguments.length);
  if (!Object.is(actual, expected)) innerFail({ actual, expected, message, operator: "strictEqual", stackStartFn: strictEqual });
}

export function notStrictEqual(actual, expected, message) {
  requireBoth(arguments.length);
  if (Object.is(actual, expected)) innerFail({ actual, expected, message, operator: "notStrictEqual", stackStartFn: notStrictEqual });
}

export function deepEqual(actual, expected, message) {
  requireBoth(arguments.length);
  if (!isDeepLooseEqual(actual, expected)) innerFail({ actual, expected, message, operator: "deepEqual", stackStartFn: deepEqual });
}

export function notDeepEqual(actual, expected, message) {
  requireBoth(arguments.length);
  if (isDeepLooseEqual(actual, expected)) innerFail({ actual, expected, message, operator: "notDeepEqual", stackStartFn: notDeepEqual });
}

export function deepStrictEqual(actual, expected, message) {
  requireBoth(arguments.length);
  if (!isDeepStrictEqual(actual, expected)) innerFail({ actual, expected, message, operator: "deepStrictEqual", stackStartFn: deepStrictEqual });
}

export function notDeepStrictEqual(actual, expected, message) {
  requireBoth(arguments.length);
  if (isDeepStrictEqual(actual, expected)) innerFail({ actual, expected, message, operator: "notDeepStrictEqual", stackStartFn: notDeepStrictEqual });
}

// ---------------------------------------------------------------------------------------------
// fail / ifError / match

let warnedAboutFail = false;

export function fail(actual, expected, message, operator, stackStartFn) {
  const argCount = arguments.length;
  let generated = false;
  if (actual == null && argCount <= 1) {
    generated = true;
    message = "Failed";
  } else if (argCount === 1) {
    message = actual;
    actual = undefined;
  } else {
    if (!warnedAboutFail) {
      warnedAboutFail = true;
      process.emitWarning("assert.fail() with more than one argument is deprecated. Please use assert.strictEqual() instead or only pass a message.", "DeprecationWarning", "DEP0094");
    }
    if (argCount === 2) operator = "!=";
  }
  if (message instanceof Error) throw message;
  const error = new AssertionError({ actual, expected, operator: operator === undefined ? "fail" : operator, stackStartFn: stackStartFn || fail, message });
  if (generated) error.generatedMessage = true;
  throw error;
}

export function ifError(err) {
  if (err === null || err === undefined) return;
  let message = "ifError got unwanted exception: ";
  if (typeof err === "object" && typeof err.message === "string") {
    message += err.message.length === 0 && err.constructor ? err.constructor.name : err.message;
  } else {
    message += inspect(err);
  }
  throw new AssertionError({ actual: err, expected: null, operator: "ifError", message, stackStartFn: ifError });
}

function innerMatch(string, regexp, message, stackStartFn, wantMatch) {
  if (!types.isRegExp(regexp)) throw ERR_INVALID_ARG_TYPE("regexp", "RegExp", regexp);
  if (typeof string === "string" && (RegExp.prototype.exec.call(regexp, string) !== null) === wantMatch) return;
  if (message instanceof Error) throw message;
  const generated = !message;
  if (generated) {
    if (typeof string !== "string") {
      message = `The "string" argument must be of type string. Received type ${typeof string} (${inspect(string)})`;
    } else {
      const what = wantMatch ? "The input did not match the regular expression" : "The input was expected to not match the regular expression";
      message = `${what} ${inspect(regexp)}. Input:\n\n${inspect(string)}\n`;
    }
  }
  const error = new AssertionError({ actual: string, expected: regexp, message, operator: stackStartFn.name, stackStartFn });
  error.generatedMessage = generated;
  throw error;
}

export function match(string, regexp, message) {
  innerMatch(string, regexp, message, match, true);
}

export function doesNotMatch(string, regexp, message) {
  innerMatch(string, regexp, message, doesNotMatch, false);
}

// ---------------------------------------------------------------------------------------------
// throws / rejects and their negations

const NO_EXCEPTION = Symbol("no exception");

function thrownBy(fn) {
  if (typeof fn !== "function") throw ERR_INVALID_ARG_TYPE("fn", "Function", fn);
  try {
    fn();
  } catch (error) {
    return error;
  }
  return NO_EXCEPTION;
}

const isThenable = (value) => types.isPromise(value) || (value !== null && typeof value === "object" && typeof value.then === "function" && typeof value.catch === "function");

async function rejectionOf(promiseFn) {
  let promise;
  if (typeof promiseFn === "function") {
    promise = promiseFn();
    if (!isThenable(promise)) throw ERR_INVALID_RETURN_VALUE("instance of Promise", "promiseFn", promise);
  } else if (isThenable(promiseFn)) {
    promise = promiseFn;
  } else {
    throw ERR_INVALID_ARG_TYPE("promiseFn", ["Function", "Promise"], promiseFn);
  }
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return NO_EXCEPTION;
}

/** The shape Node shows in the diff when an error misses an expected property. */
class Comparison {
  constructor(source, keys, actual) {
    for (const key of keys) {
      if (!(key in source)) continue;
      const matchesPattern = actual !== undefined && typeof actual[key] === "string" && types.isRegExp(source[key]) && RegExp.prototype.exec.call(source[key], actual[key]) !== null;
      this[key] = matchesPattern ? actual[key] : source[key];
    }
  }
}

function checkErrorProperty(actual, expected, key, message, keys, stackStartFn) {
  if (key in actual && isDeepStrictEqual(actual[key], expected[key])) return;
  if (!message) {
    const shownActual = new Comparison(actual, keys);
    const shownExpected = new Comparison(expected, keys, actual);
    const error = new AssertionError({ actual: shownActual, expected: shownExpected, operator: "deepStrictEqual", stackStartFn });
    error.actual = actual;
    error.expected = expected;
    error.operator = stackStartFn.name;
    throw error;
  }
  innerFail({ actual, expected, message, operator: stackStartFn.name, stackStartFn });
}

/** Throws unless the thrown `actual` satisfies `expected` (RegExp, object, class or validator). */
function checkThrown(actual, expected, message, stackStartFn) {
  let generated = false;
  if (typeof expected !== "function") {
    if (types.isRegExp(expected)) {
      const text = String(actual);
      if (RegExp.prototype.exec.call(expected, text) !== null) return;
      if (!message) {
        generated = true;
        message = `The input did not match the regular expression ${inspect(expected)}. Input:\n\n${inspect(text)}\n`;
      }
    } else if (typeof actual !== "object" || actual === null) {
      const error = new AssertionError({ actual, expected, message, operator: "deepStrictEqual", stackStartFn });
      error.operator = stackStartFn.name;
      throw error;
    } else {
      checkErrorProperties(actual, expected, message, stackStartFn);
      return;
    }
  } else if (expected.prototype !== undefined && actual instanceof expected) {
    return;
  } else if (Object.prototype.isPrototypeOf.call(Error, expected)) {
    if (!message) {
      generated = true;
      message = wrongClassMessage(actual, expected);
    }
  } else {
    const result = Reflect.apply(expected, {}, [actual]);
    if (result === true) return;
    if (!message) {
      generated = true;
      const name = expected.name ? `"${expected.name}" ` : "";
      message = `The ${name}validation function is expected to return "true". Received ${inspect(result)}`;
      if (isError(actual)) message += `\n\nCaught error:\n\n${actual}`;
    }
  }
  const error = new AssertionError({ actual, expected, message, operator: stackStartFn.name, stackStartFn });
  error.generatedMessage = generated;
  throw error;
}

function checkErrorProperties(actual, expected, message, stackStartFn) {
  const keys = Object.keys(expected);
  // An Error given as the pattern is matched on its name and message too.
  if (expected instanceof Error) keys.push("name", "message");
  else if (keys.length === 0) throw ERR_INVALID_ARG_VALUE("error", expected, "may not be an empty object");
  for (const key of keys) {
    const matchesPattern = typeof actual[key] === "string" && types.isRegExp(expected[key]) && RegExp.prototype.exec.call(expected[key], actual[key]) !== null;
    if (!matchesPattern) checkErrorProperty(actual, expected, key, message, keys, stackStartFn);
  }
}

function wrongClassMessage(actual, expected) {
  let message = `The error is expected to be an instance of "${expected.name}". Received `;
  if (!isError(actual)) return `${message}"${inspect(actual, { depth: -1 })}"`;
  const name = actual.constructor?.name || actual.name;
  message += expected.name === name ? "an error with identical name but a different prototype." : `"${name}"`;
  if (actual.message) message += `\n\nError message:\n\n${actual.message}`;
  return message;
}

function expectError(stackStartFn, actual, ...args) {
  let [error, message] = args;
  if (typeof error === "string") {
    // A string is the message, so a message after it is one too many.
    if (args.length === 2) throw ERR_INVALID_ERROR_PATTERN(error);
    if (typeof actual === "object" && actual !== null) {
      if (actual.message === error) throw ERR_AMBIGUOUS_ARGUMENT("error/message", `The error message "${actual.message}" is identical to the message.`);
    } else if (actual === error) {
      throw ERR_AMBIGUOUS_ARGUMENT("error/message", `The error "${actual}" is identical to the message.`);
    }
    message = error;
    error = undefined;
  } else if (error != null && typeof error !== "object" && typeof error !== "function") {
    throw ERR_INVALID_ERROR_PATTERN(error);
  }
  if (actual === NO_EXCEPTION) {
    const name = error?.name ? ` (${error.name})` : "";
    const what = stackStartFn === rejects ? "rejection" : "exception";
    innerFail({ actual: undefined, expected: error, operator: stackStartFn.name, message: `Missing expected ${what}${name}${message ? `: ${message}` : "."}`, stackStartFn });
  }
  if (error) checkThrown(actual, error, message, stackStartFn);
}

function errorMatches(actual, expected) {
  if (typeof expected !== "function") {
    if (types.isRegExp(expected)) return RegExp.prototype.exec.call(expected, String(actual)) !== null;
    throw ERR_INVALID_ARG_TYPE("expected", ["Function", "RegExp"], expected);
  }
  if (expected.prototype !== undefined && actual instanceof expected) return true;
  if (Object.prototype.isPrototypeOf.call(Error, expected)) return false;
  return Reflect.apply(expected, {}, [actual]) === true;
}

function expectNoError(stackStartFn, actual, error, message) {
  if (actual === NO_EXCEPTION) return;
  if (typeof error === "string") {
    message = error;
    error = undefined;
  }
  if (!error || errorMatches(actual, error)) {
    const what = stackStartFn === doesNotReject ? "rejection" : "exception";
    const details = message ? `: ${message}` : ".";
    innerFail({ actual, expected: error, operator: stackStartFn.name, message: `Got unwanted ${what}${details}\nActual message: "${actual?.message}"`, stackStartFn });
  }
  // An error the caller did not ask about passes through unchanged.
  throw actual;
}

export function throws(fn, ...args) {
  expectError(throws, thrownBy(fn), ...args);
}

export async function rejects(promiseFn, ...args) {
  expectError(rejects, await rejectionOf(promiseFn), ...args);
}

export function doesNotThrow(fn, ...args) {
  expectNoError(doesNotThrow, thrownBy(fn), ...args);
}

export async function doesNotReject(promiseFn, ...args) {
  expectNoError(doesNotReject, await rejectionOf(promiseFn), ...args);
}

// ---------------------------------------------------------------------------------------------
// CallTracker (deprecated in Node 20) is not part of rusk.

export class CallTracker {
  constructor() {
    throw new Error("assert.CallTracker is not implemented in rusk");
  }
}

// ---------------------------------------------------------------------------------------------
// The module object: `assert` itself, and `assert.strict` with the strict comparisons.

Object.assign(assert, {
  AssertionError,
  CallTracker,
  ok,
  equal,
  notEqual,
  strictEqual,
  notStrictEqual,
  deepEqual,
  notDeepEqual,
  deepStrictEqual,
  notDeepStrictEqual,
  throws,
  doesNotThrow,
  rejects,
  doesNotReject,
  match,
  doesNotMatch,
  fail,
  ifError,
});

/** assert.strict(value[, message]): as assert(), with equal/deepEqual meaning the strict ones. */
function strictAssert(...args) {
  innerOk(strictAssert, args.length, ...args);
}
Object.defineProperty(strictAssert, "name", { value: "strict" });
Object.assign(strictAssert, assert, {
  equal: strictEqual,
  notEqual: notStrictEqual,
  deepEqual: deepStrictEqual,
  notDeepEqual: notDeepStrictEqual,
});
strictAssert.strict = strictAssert;
assert.strict = strictAssert;

export { strictAssert as strict };
export default assert;
