import { shared } from "rusk:test/shared";
import {
  AnyMatcher, AnythingMatcher, ArrayContainingMatcher, AsymmetricMatcher, CloseToMatcher, CustomAsymmetricMatcher,
  ObjectContainingMatcher, StringContainingMatcher, StringMatchingMatcher, equals, matchesObject, subsetForDiff,
  typedArrayKind,
} from "rusk:test/equality";
import { isMock } from "rusk:test/mocks";
import { hasOwn, isObjectLike, lazyModule, plural, tagOf } from "rusk:test/util";
import { fileSize } from "rusk:test/native";

// Printing is for failure messages: format.js loads on first use.
const format = lazyModule("rusk:test/format");
const diffOrValues = (...args) => format().diffOrValues(...args);
const printExpected = (...args) => format().printExpected(...args);
const printReceived = (...args) => format().printReceived(...args);
const printValue = (...args) => format().printValue(...args);
const isTypedArray = (v) => isObjectLike(v) && typedArrayKind(v) !== undefined;

// ---------------------------------------------------------------------------
// expect() and its matchers, with Bun's messages.
//
// A passing `expect(x).toBe(y)` is kept cheap: expect() only stores the value,
// and a matcher's message, hint and error are built when it fails. A failing
// synchronous matcher throws a plain Error whose stack still holds the caller's
// frames; matchers that wait for a promise remember the call site up front.
// ---------------------------------------------------------------------------

// A failure located at `loc` ({ fn, file, line, col }) rather than by its stack.
export class ExpectError extends Error {
  constructor(message, loc) { super(message); this.loc = loc; }
}
export class AssertionError extends Error {
  constructor(message) { super(message); this.name = "AssertionError"; this.noLocation = true; }
}
// Bun's UnreachableError is an Error with that name.
function unreachableError(message) {
  const error = new Error(message);
  error.name = "UnreachableError";
  return error;
}

// Matcher runs in the whole file, for the "N expect() calls" summary line (the runner counts
// a test's from it). A module variable: counting costs less than in a property.
export let expectCalls = 0;
// A test run again (retry, repeats) counts only its last run's calls (Bun).
export function uncountExpectCalls(n) {
  expectCalls -= n;
}

const promiseState = globalThis[Symbol.for("rusk.internals")].promiseState;
const noop = () => {};

// A failed matcher's error. `site` (an Error made at the matcher call) gives the
// location when the failure is found later, after the caller has returned.
function matcherError(message, site) {
  const error = new Error(message);
  if (site !== undefined) error.stack = site.stack;
  return error;
}

// [state, value] of a native promise without waiting ("pending" / "fulfilled" /
// "rejected"), or undefined for anything else. A rejection looked at is handled.
function settledState(value) {
  const state = promiseState(value);
  if (state !== undefined && state[0] === "rejected") value.then(undefined, noop);
  return state;
}
const isThenable = (v) => isObjectLike(v) && typeof v.then === "function";

// Asymmetric matchers that meet a pending promise (expect.resolvesTo.x on one, a
// custom matcher whose function returns one) cannot answer at once. While a matcher
// runs, `deferrals` collects those promises (COLLECTING: none yet); the matcher then
// runs again when they have settled, and the asymmetric matchers answer from their
// `outcomes`. Outside a matcher (`deferrals` null) a pending promise does not match.
const COLLECTING = [];
let deferrals = null;

// `decide(fulfilled, value)` -> whether `other` matches, once `promise` settled.
function deferMatch(matcher, other, promise, decide) {
  if (deferrals === null) return false;
  if (deferrals === COLLECTING) deferrals = [];
  const outcomes = matcher.outcomes || (matcher.outcomes = new Map());
  const settled = promise.then((value) => decide(true, value), (reason) => decide(false, reason));
  const outcome = { pass: true, error: undefined };
  outcomes.set(other, outcome);
  deferrals.push(settled.then((pass) => { outcome.pass = pass; }, (error) => { outcome.error = error; }));
  return true;
}
// What a deferred match found for `other` (undefined when it was not deferred).
function knownOutcome(matcher, other) {
  const known = matcher.outcomes === undefined ? undefined : matcher.outcomes.get(other);
  if (known !== undefined && known.error !== undefined) throw known.error;
  return known === undefined ? undefined : known.pass;
}

// ---------------------------------------------------------------------------
// The object expect() returns. Like Bun's, `.not`, `.resolves` and `.rejects`
// set a flag on it and return it, so they cost no allocation.
// ---------------------------------------------------------------------------

// The flags are bits of one field, so that a matcher reads a single property.
const NOT = 1, RESOLVES = 2, REJECTS = 4, MOVED = 8;
const PROMISE = RESOLVES | REJECTS;
const promiseName = (flags) => ((flags & RESOLVES) !== 0 ? "resolves" : (flags & REJECTS) !== 0 ? "rejects" : "");

// Until a flag is first set (flags 0), the received value is `received`, which toBe's fast
// path compares. The first flag moves the value to `value` (MOVED, for good) and leaves
// FLAGGED, equal to nothing a test can pass, in `received`: the fast path then never passes a
// flagged expectation, without looking at the flags.
const FLAGGED = Symbol("flagged");
const receivedOf = (expectation) => (expectation.flags === 0 ? expectation.received : expectation.value);
function setFlag(expectation, flag) {
  const flags = expectation.flags;
  if (flags === 0) {
    expectation.value = expectation.received;
    expectation.received = FLAGGED;
    expectation.flags = MOVED | flag;
  } else {
    expectation.flags = flags ^ flag;
  }
  return expectation;
}

export class Expectation {
  // The flags start on the prototype, so making an expectation stores one field.
  constructor(received) {
    this.received = received;
  }
  // (setFlag(this, NOT), written out for the most used flag)
  get not() {
    const flags = this.flags;
    if (flags === 0) {
      this.value = this.received;
      this.received = FLAGGED;
      this.flags = MOVED | NOT;
    } else {
      this.flags = flags ^ NOT;
    }
    return this;
  }
  get resolves() {
    if ((this.flags & REJECTS) !== 0) throw new Error("Cannot chain .resolves() after .rejects()");
    return (this.flags & RESOLVES) !== 0 ? this : setFlag(this, RESOLVES);
  }
  get rejects() {
    if ((this.flags & RESOLVES) !== 0) throw new Error("Cannot chain .rejects() after .resolves()");
    return (this.flags & REJECTS) !== 0 ? this : setFlag(this, REJECTS);
  }
  get isNot() { return (this.flags & NOT) !== 0; }
  // "resolves", "rejects" or ""
  get promise() { return promiseName(this.flags); }
  get [Symbol.toStringTag]() { return "Expect"; }
}
Expectation.prototype.flags = 0;
const EXPECTATION = Expectation.prototype;

// ---------------------------------------------------------------------------
// Matcher definitions
//
// Two forms:
//   predicate(name, hint, test, message, options): test(received, a, b) -> pass;
//     message(received, a, b, isNot) -> the text after the hint, built on failure.
//   defineMatcher(name, hint, fn): fn.call(ctx, received, ...args) ->
//     { pass, message(isNot) } (the form other modules use, e.g. snapshots).
// `hint` is the argument list of the "expect(received).name(...)" line, or a
// function of the call's arguments returning it.
// ---------------------------------------------------------------------------

export const matchers = Object.create(null);

export function defineMatcher(name, hintArgs, fn, options = {}) {
  matchers[name] = { hintArgs, fn, ...options };
  installMatcher(name, matchers[name]);
}

function predicate(name, hintArgs, test, message, options = {}) {
  matchers[name] = { hintArgs, test, message, ...options };
  installMatcher(name, matchers[name]);
}

export const num = (v) => typeof v === "number" || typeof v === "bigint";
// Bun.file(path): a Blob named by a path, with exists().
const isFileRef = (v) =>
  typeof Blob === "function" && v instanceof Blob && typeof v.name === "string" && typeof v.exists === "function";
// A value's length as toHaveLength sees it: `length`, else `size` (Set, Map, Blob,
// URLSearchParams), else the entries of FormData / Headers.
export function getLength(v) {
  if (v === null || v === undefined) return undefined;
  // A file's length is its size on disk, and a file that is not there has none (Bun).
  if (isFileRef(v)) return fileSize(v.name) ?? undefined;
  if (typeof v.length === "number") return v.length;
  if (typeof v.size === "number") return v.size;
  const tag = tagOf(v);
  if ((tag === "FormData" || tag === "Headers") && typeof v.entries === "function") return [...v.entries()].length;
  return undefined;
}
const not_ = (isNot) => (isNot ? "not " : "");

// --- equality ---

predicate("toBe", "expected", (r, e) => Object.is(r, e), (r, e, _, not) => {
  if (not) return `Expected: not ${printExpected(e)}\n`;
  if (equals(r, e)) return `Expected: ${printExpected(e)}\nReceived: serializes to the same string\n`;
  if (typeof r === "string" && typeof e === "string") return diffOrValues(e, r);
  return `Expected: ${printExpected(e)}\nReceived: ${printReceived(r)}\n`;
});
// The most common assertion gets a fast path for when it passes without flags (see FLAGGED)
// or with .not alone: no deferral bookkeeping (an identity test cannot meet a pending
// promise). Anything else — a failure, .resolves/.rejects — takes the general matcher.
{
  const general = EXPECTATION.toBe;
  Object.defineProperty(EXPECTATION, "toBe", {
    configurable: true,
    writable: true,
    value: { toBe(expected) {
      const r = this.received;
      // (Object.is(r, expected) written out: a call costs as much as the rest.)
      if (r === expected ? r !== 0 || 1 / r === 1 / expected : r !== r && expected !== expected) {
        expectCalls++;
        return undefined;
      }
      // .not alone: the same, inverted
      if (r === FLAGGED && this.flags === (MOVED | NOT)) {
        const v = this.value;
        if (!(v === expected ? v !== 0 || 1 / v === 1 / expected : v !== v && expected !== expected)) {
          expectCalls++;
          return undefined;
        }
      }
      return general.call(this, expected);
    } }.toBe,
  });
}
predicate("toEqual", "expected", (r, e) => equals(r, e, false), (r, e, _, not) => diffOrValues(e, r, not));
predicate("toStrictEqual", "expected", (r, e) => equals(r, e, true), (r, e, _, not) => diffOrValues(e, r, not));

// --- type and value checks whose message is the received value ---

const receivedLine = (r) => `Received: ${printReceived(r)}\n`;
function typeCheck(name, test) {
  predicate(name, "", test, receivedLine);
}
typeCheck("toBeTruthy", (r) => !!r);
typeCheck("toBeFalsy", (r) => !r);
typeCheck("toBeTrue", (r) => r === true);
typeCheck("toBeFalse", (r) => r === false);
typeCheck("toBeNull", (r) => r === null);
typeCheck("toBeUndefined", (r) => r === undefined);
typeCheck("toBeDefined", (r) => r !== undefined);
typeCheck("toBeNaN", (r) => typeof r === "number" && Number.isNaN(r));
typeCheck("toBeFinite", (r) => typeof r === "number" && Number.isFinite(r));
typeCheck("toBeInteger", (r) => Number.isInteger(r));
typeCheck("toBePositive", (r) => typeof r === "number" && r > 0 && Number.isFinite(r));
typeCheck("toBeNegative", (r) => typeof r === "number" && r < 0 && Number.isFinite(r));
typeCheck("toBeEven", (r) => (Number.isInteger(r) && r % 2 === 0) || (typeof r === "bigint" && r % 2n === 0n));
typeCheck("toBeOdd", (r) => (Number.isInteger(r) && Math.abs(r % 2) === 1) || (typeof r === "bigint" && r % 2n !== 0n));
typeCheck("toBeArray", (r) => Array.isArray(r));
typeCheck("toBeFunction", (r) => typeof r === "function");
typeCheck("toBeString", (r) => typeof r === "string" || tagOf(r) === "String" && isObjectLike(r));
typeCheck("toBeNumber", (r) => typeof r === "number" || tagOf(r) === "Number" && isObjectLike(r));
typeCheck("toBeBoolean", (r) => typeof r === "boolean" || tagOf(r) === "Boolean" && isObjectLike(r));
typeCheck("toBeBigInt", (r) => typeof r === "bigint");
typeCheck("toBeSymbol", (r) => typeof r === "symbol");
typeCheck("toBeDate", (r) => tagOf(r) === "Date" && isObjectLike(r));
typeCheck("toBeValidDate", (r) => tagOf(r) === "Date" && isObjectLike(r) && !Number.isNaN(r.getTime()));
typeCheck("toBeNil", (r) => r === null || r === undefined);

predicate("toBeObject", "", (r) => isObjectLike(r),
  (r, a, b, not) => `Expected value ${not ? "not " : ""}to be an object\n\nReceived: ${printReceived(r)}\n`,
  { returnsThis: true });

// Plain objects, arrays and functions without own enumerable string keys (Bun):
// Maps, Sets, Dates, typed arrays and boxed strings never count.
const PLAIN_TAGS = new Set(["Object", "Array", "Function", "Arguments", "AsyncFunction", "GeneratorFunction", "AsyncGeneratorFunction"]);
predicate("toBeEmptyObject", "", (r) => isObjectLike(r) && PLAIN_TAGS.has(tagOf(r)) && !isTypedArray(r) && Object.keys(r).length === 0,
  receivedLine, { returnsThis: true });

// Strings, iterables and objects are empty without items; anything else is
// "empty" too (Bun).
function isEmpty(r) {
  if (typeof r === "string") return r.length === 0;
  if (!isObjectLike(r) || typeof r === "function") return true;
  if (isFileRef(r)) return (fileSize(r.name) ?? 0) === 0;
  if (typeof Blob === "function" && r instanceof Blob) return r.size === 0;
  if (tagOf(r) === "String") return String(r).length === 0;
  if (typeof r[Symbol.iterator] === "function") return r[Symbol.iterator]().next().done === true;
  return Object.keys(r).length === 0;
}
predicate("toBeEmpty", "", isEmpty, (r, a, b, not) =>
  `${not ? "Expected value not to be a string, object, or iterable" : "Expected value to be empty"}\n\nReceived: ${printReceived(r)}\n`);

// --- numbers ---

function comparison(name, op, test) {
  predicate(name, "expected", (r, e) => {
    if (!num(r) || !num(e)) throw new Error("Expected and actual values must be numbers or bigints");
    return test(r, e);
  }, (r, e, _, not) => `Expected: ${not_(not)}${op} ${printExpected(e)}\nReceived: ${printReceived(r)}\n`);
}
comparison("toBeGreaterThan", ">", (r, e) => r > e);
comparison("toBeGreaterThanOrEqual", ">=", (r, e) => r >= e);
comparison("toBeLessThan", "<", (r, e) => r < e);
comparison("toBeLessThanOrEqual", "<=", (r, e) => r <= e);

predicate("toBeWithin", "start, end", (r, start, end) => {
  if (typeof start !== "number") throw new Error("toBeWithin() requires the first argument to be a number");
  if (typeof end !== "number") throw new Error("toBeWithin() requires the second argument to be a number");
  return typeof r === "number" && r >= start && r < end;
}, (r, start, end, not) => `Expected: ${not_(not)}between ${start} (inclusive) and ${end} (exclusive)\nReceived: ${printReceived(r)}\n`);

const closeToLimit = (precision) => Math.pow(10, -precision) / 2;
function closeToDifference(r, e) {
  const d = Math.abs(e - r);
  return Number.isNaN(d) ? "nan" : d === Infinity ? "inf" : String(d);
}
defineMatcher("toBeCloseTo", "expected, precision", (r, e, precision = 2) => {
  if (typeof e !== "number") throw new TypeError("Expected expected to be a number for 'toBeCloseTo'.");
  if (typeof precision !== "number") throw new TypeError("Expected precision to be a number for 'toBeCloseTo'.");
  if (typeof r !== "number") throw new TypeError("Expected received to be a number for 'expect'.");
  const pass = (r === Infinity && e === Infinity) || (r === -Infinity && e === -Infinity) || Math.abs(e - r) < closeToLimit(precision);
  return {
    pass,
    message: () => `Expected: ${printExpected(e)}\nReceived: ${printReceived(r)}\n\nExpected precision: ${precision}\n` +
      `Expected difference: < ${closeToLimit(precision)}\nReceived difference: ${closeToDifference(r, e)}\n`,
  };
});

// --- strings and collections ---

const NOT_A_CONTAINER = "Received value must be an array type, or both received and expected values must be strings.";
const isIterable = (v) => v !== null && v !== undefined && typeof v[Symbol.iterator] === "function";

// Bun's toContain compares with ===: NaN is never found, -0 finds 0.
predicate("toContain", "expected", (r, e) => {
  if (typeof r === "string") {
    if (typeof e !== "string") throw new Error(NOT_A_CONTAINER);
    return r.includes(e);
  }
  if (!isObjectLike(r) || !isIterable(r)) throw new Error(NOT_A_CONTAINER);
  for (const x of r) if (x === e) return true;
  return false;
}, (r, e, _, not) => `Expected to ${not_(not)}contain: ${printExpected(e)}\nReceived: ${printReceived(r)}\n`);

predicate("toContainEqual", "expected", (r, e) => {
  if (!isIterable(r)) throw new Error(NOT_A_CONTAINER);
  for (const x of r) if (equals(x, e)) return true;
  return false;
}, (r, e, _, not) => (not ? `Expected to not contain: ${printExpected(e)}\n` : `Expected to contain: ${printExpected(e)}\nReceived: ${printReceived(r)}\n`),
{ returnsThis: true });

// Arguments Bun rejects before counting the assertion.
const stringArgument = (name) => (e) => {
  if (typeof e !== "string") throw new Error(`${name}() requires the first argument to be a string`);
};
function stringAffix(name, words, test) {
  predicate(name, "expected", (r, e) => typeof r === "string" && test(r, e),
    (r, e, _, not) => `Expected to ${not_(not)}${words}: ${printExpected(e)}\nReceived: ${printReceived(r)}\n`,
    { validate: stringArgument(name) });
}
stringAffix("toStartWith", "start with", (r, e) => r.startsWith(e));
stringAffix("toEndWith", "end with", (r, e) => r.endsWith(e));
predicate("toInclude", "expected", (r, e) => typeof r === "string" && r.includes(e),
  (r, e, _, not) => `Expected to ${not_(not)}include: ${printExpected(e)}\nReceived: ${printReceived(r)}\n`,
  { validate: stringArgument("toInclude") });

function occurrences(text, part) {
  let count = 0;
  for (let i = text.indexOf(part); i !== -1; i = text.indexOf(part, i + part.length)) count++;
  return count;
}
// A count of 0 (or less) asks for no occurrence at all.
predicate("toIncludeRepeated", "expected", (r, part, times) => {
  if (typeof part !== "string") throw new Error("toIncludeRepeated() requires the first argument to be a string");
  if (part === "") throw new Error("toIncludeRepeated() requires the first argument to be a non-empty string");
  if (typeof times !== "number") throw new Error("toIncludeRepeated() requires the second argument to be a number");
  if (typeof r !== "string") throw new Error("toIncludeRepeated() requires the expect(value) to be a string");
  return times <= 0 ? !r.includes(part) : occurrences(r, part) === times;
}, (r, part, times, not) => {
  if (times <= 0) return `Expected to ${not ? "" : "not "}include: ${printExpected(part)}${not ? " " : ""}\nReceived: ${printReceived(r)}\n`;
  return `Expected ${not ? "not to" : "to"} include: ${printExpected(part)} ${times} times \nReceived: ${printReceived(r)}\n`;
});

const ASCII_SPACE = /[ \t\n\r\v\f]/g;
predicate("toEqualIgnoringWhitespace", "expected", (r, e) => {
  if (typeof e !== "string") throw new Error("toEqualIgnoringWhitespace() requires argument to be a string");
  return typeof r === "string" && r.replace(ASCII_SPACE, "") === e.replace(ASCII_SPACE, "");
}, (r, e, _, not) => `Expected: ${not_(not)}${printExpected(e)}\nReceived: ${printReceived(r)}\n`);

predicate("toBeOneOf", "expected", (r, list) => {
  if (!isIterable(list) || typeof list === "string") throw new Error(NOT_A_CONTAINER);
  for (const x of list) if (equals(r, x)) return true;
  return false;
}, (r, list, _, not) => `Expected to ${not_(not)}be one of: ${printExpected(list)}\nReceived: ${printReceived(r)}\n`);

predicate("toSatisfy", "expected", (r, pred) => {
  if (typeof pred !== "function") throw new Error("toSatisfy() argument must be a function");
  return !!pred(r);
}, (r, pred, _, not) => (not ? `Expected: not ${printExpected(pred)}\n` : `Expected: ${printExpected(pred)}\nReceived: ${printReceived(r)}\n`));

predicate("toBeArrayOfSize", "", (r, size) => Array.isArray(r) && r.length === size, receivedLine, {
  validate: (size) => {
    if (!Number.isInteger(size)) throw new Error("toBeArrayOfSize() requires the first argument to be a number");
  },
});

defineMatcher("toHaveLength", "expected", (r, e) => {
  const len = getLength(r);
  if (len === undefined) throw new Error(`Received value does not have a length property: ${printValue(r)}`);
  if (!Number.isInteger(e) || e < 0) throw new Error(`Expected value must be a non-negative integer: ${printValue(e)}`);
  return {
    pass: len === e,
    message: (not) => (not ? `Expected length: not ${e}\n` : `Expected length: ${e}\nReceived length: ${len}\n`),
  };
});

predicate("toMatch", "expected", (r, e) => {
  if (typeof r !== "string") throw new Error(`Received value must be a string: ${printValue(r)}`);
  if (typeof e === "string") return r.includes(e);
  if (tagOf(e) !== "RegExp") throw new Error(`Expected value must be a string or regular expression: ${printValue(e)}`);
  e.lastIndex = 0;
  return e.test(r);
}, (r, e, _, not) => `Expected substring or pattern: ${not_(not)}${printExpected(e)}\nReceived: ${printReceived(r)}\n`);

// --- object keys and values ---

const ensureKeyList = (list, name) => {
  if (!Array.isArray(list)) throw new TypeError(`Expected expected to be a array for '${name}'.`);
};
const containLine = (words) => (r, e, _, not) => `Expected to ${not_(not)}${words}: ${printExpected(e)}\nReceived: ${printReceived(r)}\n`;
const valuesOf = (r) => (r === null || r === undefined ? [] : Object.values(Object(r)));
const hasValue = (values, v) => values.some((x) => equals(x, v));
const ownKey = (r, k) => r !== null && r !== undefined && hasOwn(Object(r), k);
// The null of a JSC property read, word for word (Bun reads the keys of the value).
const keysOf = (r) => {
  if (r === null || r === undefined) throw new TypeError(`${r} is not an object (evaluating 'f()')`);
  return Object.keys(Object(r));
};

predicate("toContainKey", "expected", (r, k) => {
  if (!isObjectLike(r)) throw new TypeError(`Expected value must be an object\nReceived: ${printValue(r)}`);
  return hasOwn(r, k);
}, containLine("contain"), { returnsThis: true });
predicate("toContainKeys", "expected", (r, keys) => {
  ensureKeyList(keys, "toContainKeys");
  return keys.every((k) => ownKey(r, k));
}, containLine("contain"), { returnsThis: true });
predicate("toContainAllKeys", "expected", (r, keys) => {
  ensureKeyList(keys, "toContainAllKeys");
  return keysOf(r).length === keys.length && keys.every((k) => ownKey(r, k));
}, (r, keys, _, not) => `Expected to ${not_(not)}contain all keys: ${printExpected(keys)}\nReceived: ${printReceived(Object.keys(Object(r)))}\n`,
{ returnsThis: true });
predicate("toContainAnyKeys", "expected", (r, keys) => {
  ensureKeyList(keys, "toContainAnyKeys");
  return keys.some((k) => ownKey(r, k));
}, containLine("contain"), { returnsThis: true });

predicate("toContainValue", "expected", (r, v) => hasValue(valuesOf(r), v), containLine("contain"), { returnsThis: true });
// Bun finds every value of an empty list, and in null.
predicate("toContainValues", "expected", (r, list) => {
  ensureKeyList(list, "toContainValues");
  const values = valuesOf(r);
  return r === null || r === undefined || list.every((v) => hasValue(values, v));
}, containLine("contain"), { returnsThis: true });
predicate("toContainAllValues", "expected", (r, list) => {
  ensureKeyList(list, "toContainAllValues");
  const values = valuesOf(r);
  return values.length > 0 && values.length === list.length && list.every((v) => hasValue(values, v));
}, containLine("contain all values"), { returnsThis: true });
predicate("toContainAnyValues", "expected", (r, list) => {
  ensureKeyList(list, "toContainAnyValues");
  const values = valuesOf(r);
  return list.some((v) => hasValue(values, v));
}, containLine("contain any of the following values"), { returnsThis: true });

// "a.b[0].c" -> ["a", "b", "0", "c"]. As in Bun, brackets only separate names, while
// each dot separates two names that may be empty: "." is ["", ""], "0." is ["0", ""],
// but "[0]" and "0.[]" are just ["0"].
export function propertyPath(path) {
  if (Array.isArray(path)) return path;
  return path.split(".").flatMap((part) => (part === "" ? [""] : part.split(/[[\]]/).filter((p) => p !== "")));
}
defineMatcher("toHaveProperty", (args) => (args.length < 2 ? "path" : "path, value"), function (r, path, ...rest) {
  if (typeof path !== "string" && !Array.isArray(path)) throw new Error("Expected path must be a string or an array");
  const hasValue = rest.length > 0;
  const value = rest[0];
  const keys = propertyPath(path);
  let cur = r, found = keys.length > 0;
  for (const key of keys) {
    if (cur === null || cur === undefined || !(key in Object(cur))) { found = false; break; }
    cur = cur[key];
  }
  const pathText = printExpected(path);
  return {
    pass: found && (!hasValue || equals(cur, value)),
    message: (not) => {
      if (!found) return `Expected path: ${pathText}\n${hasValue ? `\nExpected value: ${printExpected(value)}\n` : ""}\nUnable to find property\n`;
      if (hasValue) return not ? `Expected path: ${pathText}\n\nExpected value: not ${printExpected(value)}\n` : diffOrValues(value, cur);
      return `Expected path: not ${pathText}\n\nReceived value: ${printReceived(cur)}\n`;
    },
  };
});

// A bad received or expected value is an error with its own hint (Bun).
defineMatcher("toMatchObject", "expected", function (r, e) {
  if (!isObjectLike(r)) throw matcherError(`${this.hint("expected")}\n\nMatcher error: received value must be a non-null object\n`);
  if (!isObjectLike(e)) throw matcherError(`${this.hint("")}\n\nMatcher error: expected value must be a non-null object\n`);
  return { pass: matchesObject(r, e), message: (not) => diffOrValues(e, subsetForDiff(r, e), not) };
});

predicate("toBeInstanceOf", "expected", (r, e) => {
  if (typeof e !== "function") throw new Error(`Expected value must be a function: ${printValue(e)}`);
  return r instanceof e;
}, (r, e, _, not) => `Expected constructor: ${not_(not)}${printExpected(e)}\nReceived value: ${printReceived(r)}\n`);

const TYPE_NAMES = ["function", "object", "bigint", "boolean", "number", "string", "symbol", "undefined"];
predicate("toBeTypeOf", "", (r, e) => {
  if (!TYPE_NAMES.includes(e)) {
    throw new TypeError("toBeTypeOf() requires a valid type string argument ('function', 'object', 'bigint', 'boolean', 'number', 'string', 'symbol', 'undefined')");
  }
  return typeof r === e;
}, (r, e, _, not) => `Expected type: ${not_(not)}${printExpected(e)}\nReceived type: ${printReceived(typeof r)}\nReceived value: ${printReceived(r)}\n`);

// pass() and fail(): assertions that always pass / fail, with an optional message.
function explicitOutcome(name, passes) {
  defineMatcher(name, "", (r, message) => ({
    pass: passes,
    message: () => `${message === undefined ? `${passes ? "passes" : "fails"} by .${name}() assertion` : message}\n`,
  }), {
    invertedHint: !passes,
    validate: (message) => {
      if (message !== undefined && typeof message !== "string") throw new TypeError(`Expected message to be a string for '${name}'.`);
    },
  });
}
explicitOutcome("pass", true);
explicitOutcome("fail", false);

// --- toThrow ---

const messageOf = (e) => (isObjectLike(e) && "message" in e ? e.message : String(e));
function thrownConstructorName(e) {
  if (typeof e === "string") return "";
  if (!isObjectLike(e)) return "[not a class]";
  return typeof e.constructor === "function" ? e.constructor.name : "";
}
const didNotThrow = (returned) => `Received function did not throw\nReceived value: ${returned}\n`;

// `outcome`: { thrown, error, returned } where `returned` is the printed return value.
export function throwMessage(outcome, expected, hasExpected, isNot = false) {
  const { thrown, error, returned } = outcome;
  if (!hasExpected) {
    return {
      pass: thrown,
      message: (not) => {
        if (!not) return didNotThrow(returned);
        if (error instanceof Error) return `Error name: ${printReceived(error.name)}\nError message: ${printReceived(messageOf(error))}\n`;
        return `Thrown value: ${printReceived(error)}\n`;
      },
    };
  }
  const received = () => `Received message: ${printReceived(String(messageOf(error)))}\n`;
  const kind = (label, shown, pass, notThrownGap = "\n") => ({
    pass: thrown && pass,
    message: (not) => `${label}: ${not_(not)}${shown}\n${thrown ? received() : notThrownGap + didNotThrow(returned)}`,
  });
  if (typeof expected === "string") return kind("Expected substring", printExpected(expected), thrown && String(messageOf(error)).includes(expected));
  if (tagOf(expected) === "RegExp") return kind("Expected pattern", printExpected(expected), thrown && expected.test(String(messageOf(error))));
  if (typeof expected === "function") {
    return {
      pass: thrown && error instanceof expected,
      message: (not) => {
        const head = `Expected constructor: ${not_(not)}${expected.name}\n`;
        if (!thrown) return `${head}\n${didNotThrow(returned)}`;
        if (not) return `${head}\n${received()}`;
        return `${head}Received constructor: ${thrownConstructorName(error)}\n\n${received()}`;
      },
    };
  }
  // expect.any(C) stands for C; other asymmetric matchers never fail under .not (Bun).
  if (expected instanceof AnyMatcher) return throwMessage(outcome, expected.sample, true, isNot);
  if (isObjectLike(expected) && typeof expected.asymmetricMatch === "function") {
    return {
      pass: thrown && !isNot && expected.asymmetricMatch(error),
      message: () => `Expected value: ${printExpected(expected)}\n${thrown ? `Received value: ${printReceived(error)}\n` : `\n${didNotThrow(returned)}`}`,
    };
  }
  if (isObjectLike(expected) && "message" in expected) {
    const text = String(expected.message);
    return {
      pass: thrown && String(messageOf(error)) === text,
      message: (not) => (not && thrown ? `Expected message: not ${printExpected(text)}\n` :
        `Expected message: ${printExpected(text)}\n${thrown ? received() : `\n${didNotThrow(returned)}`}`),
    };
  }
  throw new Error(`Expected value must be string or Error: ${printValue(expected)}`);
}

// Calls the function once. A returned promise counts as a throw when it rejects:
// a settled one is checked now, a pending one makes the matcher wait for it.
function runForThrow(fn) {
  let returned;
  try {
    returned = fn();
  } catch (e) {
    // A thrown rejected promise is the thrown value; its rejection is not left unhandled (Bun).
    settledState(e);
    return { thrown: true, error: e };
  }
  const state = settledState(returned);
  if (state === undefined) return { thrown: false, returned: printValue(returned) };
  if (state[0] === "pending") return { pending: returned };
  return state[0] === "rejected" ? { thrown: true, error: state[1] } : { thrown: false, returned: "Promise { <resolved> }" };
}
async function awaitThrow(promise) {
  try {
    await promise;
    return { thrown: false, returned: "Promise { <resolved> }" };
  } catch (e) {
    return { thrown: true, error: e };
  }
}

// With .resolves/.rejects the settled value is what was "thrown".
export function throwMatcher(r, ...args) {
  const expected = args[0];
  const hasExpected = args.length > 0 && expected !== undefined;
  const isNot = !!(this && this.isNot);
  let outcome;
  if (this && this.fromPromise) outcome = { thrown: true, error: r };
  else {
    if (typeof r !== "function") throw new Error("Expected value must be a function");
    outcome = runForThrow(r);
    if (outcome.pending) return awaitThrow(outcome.pending).then((o) => throwMessage(o, expected, hasExpected, isNot));
  }
  return throwMessage(outcome, expected, hasExpected, isNot);
}
const throwHint = (args) => (args.length === 0 || args[0] === undefined ? "" : "expected");
defineMatcher("toThrow", throwHint, throwMatcher);
defineMatcher("toThrowError", throwHint, throwMatcher, { hintName: "toThrow" });

// --- mock matchers ---

export function ensureMock(r) {
  if (!isMock(r)) throw new Error(`Expected value must be a mock function: ${printValue(r)}`);
  return r.mock;
}
const returnsOf = (mock) => mock.results.filter((x) => x.type === "return");
const timesText = (n) => plural(n, "time");

const callsLine = (expected, received) => `Expected number of calls: ${expected}\nReceived number of calls: ${received}\n`;
defineMatcher("toHaveBeenCalled", "", (r) => {
  const n = ensureMock(r).calls.length;
  return { pass: n > 0, message: (not) => callsLine(not ? "0" : ">= 1", n) };
});
defineMatcher("toHaveBeenCalledOnce", "expected", (r) => {
  const n = ensureMock(r).calls.length;
  return { pass: n === 1, message: (not) => callsLine(`${not_(not)}1`, n) };
});
const ensureCount = (n, name) => {
  if (!Number.isInteger(n) || n < 0) throw new TypeError(`${name}() requires 1 non-negative integer argument`);
};
defineMatcher("toHaveBeenCalledTimes", "expected", (r, e) => {
  const mock = ensureMock(r);
  ensureCount(e, "toHaveBeenCalledTimes");
  const n = mock.calls.length;
  return { pass: n === e, message: (not) => callsLine(`${not_(not)}${e}`, n) };
});

const NOT_CALLED = "But it was not called.";
defineMatcher("toHaveBeenCalledWith", "...expected", (r, ...args) => {
  const calls = ensureMock(r).calls;
  return {
    pass: calls.some((c) => equals(c, args)),
    message: (not) => {
      if (not) return `Expected mock function not to have been called with: ${printExpected(args)}\nBut it was.`;
      if (calls.length === 0) return `Expected: ${printExpected(args)}\n${NOT_CALLED}`;
      if (calls.length === 1) return diffOrValues(args, calls[0]);
      const list = calls.map((c, i) => `              ${i + 1}: ${printReceived(c)}`).join("\n");
      return `    Expected: ${printExpected(args)}\n    Received:\n${list}\n\n    Number of calls: ${calls.length}\n`;
    },
  };
});
defineMatcher("toHaveBeenLastCalledWith", "...expected", (r, ...args) => {
  const calls = ensureMock(r).calls;
  const last = calls[calls.length - 1];
  return {
    pass: calls.length > 0 && equals(last, args),
    message: (not) => {
      if (not) return `Expected last call not to be with: ${printExpected(args)}\nBut it was.`;
      return calls.length ? diffOrValues(args, last) : `Expected: ${printExpected(args)}\n${NOT_CALLED}`;
    },
  };
});
defineMatcher("toHaveBeenNthCalledWith", "n, ...expected", (r, n, ...args) => {
  const calls = ensureMock(r).calls;
  if (!Number.isInteger(n)) throw new TypeError("toHaveBeenNthCalledWith() requires a positive integer as the first argument");
  if (n < 1) throw new TypeError("toHaveBeenNthCalledWith() first argument must be a positive integer");
  const call = calls[n - 1];
  return {
    pass: n <= calls.length && equals(call, args),
    message: (not) => {
      if (not) return `Expected call #${n} not to be with: ${printExpected(args)}\nBut it was.`;
      if (n > calls.length) return `The mock function was called ${timesText(calls.length)}, but call ${n} was requested.`;
      return `Call #${n}:\n${diffOrValues(args, call)}`;
    },
  };
});

// Bun's return-count lines: the values right-aligned under the expected one.
function returnsLines(expected, mock) {
  const returns = returnsOf(mock).length;
  const width = expected.length;
  return `${"Expected number of succesful returns:"} ${expected}\n` +
    `${"Received number of succesful returns:".padEnd(37)} ${String(returns).padStart(width)}\n` +
    `${"Received number of calls:".padEnd(37)} ${String(mock.calls.length).padStart(width)}\n`;
}
defineMatcher("toHaveReturned", "expected", (r) => {
  const mock = ensureMock(r);
  return { pass: returnsOf(mock).length > 0, message: (not) => returnsLines(not ? "< 1" : ">= 1", mock) };
});
defineMatcher("toHaveReturnedTimes", "expected", (r, e) => {
  const mock = ensureMock(r);
  ensureCount(e, "toHaveReturnedTimes");
  return { pass: returnsOf(mock).length === e, message: (not) => returnsLines(`${not ? "!=" : "=="} ${e}`, mock) };
});

const threwText = (error) => printValue(error);
defineMatcher("toHaveReturnedWith", "expected", (r, e) => {
  const mock = ensureMock(r);
  const results = mock.results;
  const returns = returnsOf(mock);
  return {
    pass: returns.some((x) => equals(x.value, e)),
    message: (not) => {
      if (not) return `Expected mock function not to have returned: ${printExpected(e)}\n`;
      const errored = results.some((x) => x.type === "throw");
      if (!errored && returns.length === 1) return `Expected: ${printExpected(e)}\nReceived: ${printReceived(returns[0].value)}`;
      const lines = errored
        ? results.map((x, i) => `            ${i + 1}: ${x.type === "throw" ? `function call threw an error: ${threwText(x.value)}` : printReceived(x.value)}`)
        : returns.map((x, i) => `              ${i + 1}: ${printReceived(x.value)}`);
      return `${errored ? "Some calls errored:\n\n" : ""}    Expected: ${printExpected(e)}\n    Received:\n${lines.join("\n")}\n\n` +
        `    Number of returns: ${returns.length}\n${errored ? `    Number of calls:   ${mock.calls.length}\n` : ""}`;
    },
  };
});
defineMatcher("toHaveLastReturnedWith", "expected", (r, e) => {
  const results = ensureMock(r).results;
  const last = results[results.length - 1];
  return {
    pass: last !== undefined && last.type === "return" && equals(last.value, e),
    message: (not) => {
      if (not) return `Expected mock function not to have last returned: ${printExpected(e)}\nBut it did.\n`;
      if (last === undefined) return "The mock function was not called.";
      if (last.type === "throw") return `The last call threw an error: ${threwText(last.value)}\n`;
      return `Expected: ${printExpected(e)}\nReceived: ${printReceived(last.value)}`;
    },
  };
}, { hintName: "toHaveBeenLastReturnedWith" });
defineMatcher("toHaveNthReturnedWith", "n, expected", (r, n, e) => {
  const mock = ensureMock(r);
  if (!Number.isInteger(n)) throw new TypeError("toHaveNthReturnedWith() first argument must be an integer");
  if (n < 1) throw new TypeError("toHaveNthReturnedWith() n must be greater than 0");
  const result = mock.results[n - 1];
  return {
    pass: result !== undefined && result.type === "return" && equals(result.value, e),
    message: (not) => {
      if (not) return `Expected mock function not to have returned on call ${n}: ${printExpected(e)}\nBut it did.\n`;
      if (result === undefined) return `The mock function was called ${timesText(mock.calls.length)}, but call ${n} was requested.\n`;
      if (result.type === "throw") return `Call ${n} threw an error: ${threwText(result.value)}\n`;
      return `Call ${n}:\nExpected: ${printExpected(e)}\nReceived: ${printReceived(result.value)}`;
    },
  };
});

// Bun's older names; the hint line shows the name they stand for.
for (const [alias, name] of [["toBeCalled", "toHaveBeenCalled"], ["toBeCalledTimes", "toHaveBeenCalledTimes"],
  ["toBeCalledWith", "toHaveBeenCalledWith"], ["lastCalledWith", "toHaveBeenLastCalledWith"],
  ["nthCalledWith", "toHaveBeenNthCalledWith"], ["toReturn", "toHaveReturned"],
  ["lastReturnedWith", "toHaveLastReturnedWith"], ["nthReturnedWith", "toHaveNthReturnedWith"]]) {
  matchers[alias] = { hintName: name, ...matchers[name] };
  installMatcher(alias, matchers[alias]);
}

export function hintLine(name, hintArgs, isNot, promise = "") {
  return `expect(received)${promise ? "." + promise : ""}${isNot ? ".not" : ""}.${name}(${hintArgs})`;
}

// What a matcher call knows about itself when it fails.
class Call {
  constructor(expectation, name, def, args, site) {
    this.name = name;
    this.def = def;
    this.args = args;
    const flags = expectation.flags;
    this.isNot = (flags & NOT) !== 0;
    this.promise = (flags & PROMISE) === 0 ? "" : promiseName(flags);
    this.label = expectation.label;
    this.site = site;
  }
  hintArgs() {
    const { def } = this;
    if (def.custom) return customHintArgs(def.fn);
    return typeof def.hintArgs === "function" ? def.hintArgs(this.args) : def.hintArgs;
  }
  hint(hintArgs = this.hintArgs()) {
    const { def } = this;
    return hintLine(def.hintName || this.name, hintArgs, def.invertedHint ? !this.isNot : this.isNot);
  }
  // The error of a failed matcher: its label (expect(x, "label")) or hint line, then the body.
  error(body) {
    return matcherError(`${this.label !== undefined ? this.label : this.hint()}\n\n${body}`, this.site);
  }
  // A problem with the promise itself; the hint shows .resolves/.rejects (Bun).
  promiseError(body) {
    const head = this.label !== undefined ? this.label : hintLine(this.def.hintName || this.name, this.hintArgs(), this.isNot, this.promise);
    return matcherError(`${head}\n\n${body}`, this.site);
  }
  // Runs the matcher on `received` and throws its error when it fails. A matcher
  // that returns a promise, or meets a pending one inside `received`, makes the
  // result a promise too.
  check(received) {
    if (this.def.validate !== undefined) this.def.validate(...this.args);
    expectCalls++;
    return this.evaluate(received);
  }
  evaluate(received) {
    const { def, args } = this;
    if (def.custom) return checkCustom(this, received);
    const saved = deferrals;
    deferrals = COLLECTING;
    let result, found;
    try {
      result = def.test ? def.test(received, args[0], args[1]) : def.fn.call(this, received, ...args);
    } finally {
      found = deferrals;
      deferrals = saved;
    }
    if (found !== COLLECTING) return this.retryAfter(found, received);
    if (def.test) {
      if (result !== this.isNot) return undefined;
      throw this.error(def.message(received, args[0], args[1], this.isNot));
    }
    if (isThenable(result)) {
      if (this.site === undefined) this.site = new Error();
      return Promise.resolve(result).then((r) => this.verdict(r));
    }
    return this.verdict(result);
  }
  // Runs the matcher again once the promises its asymmetric matchers met have
  // settled; they then answer from what they found.
  retryAfter(promises, received) {
    if (this.site === undefined) this.site = new Error();
    return Promise.all(promises).then(() => this.evaluate(received));
  }
  verdict(result) {
    if (!!result.pass !== this.isNot) return undefined;
    throw this.error(result.message(this.isNot));
  }
  // For matchers defined with defineMatcher: the value came from .rejects/.resolves.
  get fromPromise() { return this.promise !== ""; }
}

// The method installed for a built-in matcher. The common case (no promise,
// a predicate matcher) runs without allocating.
// A matcher that returned a promise (a pending .resolves/.rejects, an async toThrow or custom
// matcher): the running test waits for it before it ends, even if the test did not await it,
// so that a failure is the test's (Bun blocks until such a promise settles).
function pending(result) {
  if (!isThenable(result)) return result;
  const att = shared.currentTestState;
  if (att !== null) (att.pendingMatches ??= []).push(result);
  return result;
}

function builtinMethod(name, def) {
  const returnsThis = def.returnsThis === true;
  if (def.test) {
    const { test, validate } = def;
    return { [name](a, b) {
      const flags = this.flags;
      if ((flags & PROMISE) !== 0) return pending(viaPromise(new Call(this, name, def, [a, b], new Error()), this.value));
      if (validate !== undefined) validate(a, b);
      expectCalls++;
      const received = flags === 0 ? this.received : this.value;
      const saved = deferrals;
      deferrals = COLLECTING;
      let pass, found;
      try {
        pass = test(received, a, b);
      } finally {
        found = deferrals;
        deferrals = saved;
      }
      if (found !== COLLECTING) return pending(new Call(this, name, def, [a, b]).retryAfter(found, received));
      const isNot = (flags & NOT) !== 0;
      if (pass === isNot) throw new Call(this, name, def, [a, b]).error(def.message(received, a, b, isNot));
      return returnsThis ? this : undefined;
    } }[name];
  }
  return { [name](...args) {
    const flags = this.flags;
    if ((flags & PROMISE) !== 0) return pending(viaPromise(new Call(this, name, def, args, new Error()), this.value));
    const r = new Call(this, name, def, args).check(flags === 0 ? this.received : this.value);
    return r === undefined && returnsThis ? this : pending(r);
  } }[name];
}

export function installMatcher(name, def, custom = false) {
  if (custom) def = { ...def, custom: true };
  Object.defineProperty(EXPECTATION, name, {
    configurable: true,
    writable: true,
    value: custom ? customMethod(name, def) : builtinMethod(name, def),
  });
}

// .resolves / .rejects take a promise (Bun: not a thenable, not a function). A
// settled one is checked now, as Bun does; a pending one makes the matcher return
// a promise (Bun blocks until it settles).
function viaPromise(call, received) {
  const state = settledState(received);
  if (state === undefined) throw call.promiseError(`Expected promise\nReceived: ${printReceived(received)}\n`);
  if (state[0] !== "pending") return settle(call, state[0] === "fulfilled", state[1]);
  return received.then((value) => settle(call, true, value), (reason) => settle(call, false, reason));
}
function settle(call, fulfilled, value) {
  if (call.promise === "rejects" && fulfilled) {
    throw call.promiseError("Expected promise that rejects\nReceived promise that resolved: Promise { <resolved> }\n");
  }
  if (call.promise === "resolves" && !fulfilled) {
    throw call.promiseError("Expected promise that resolves\nReceived promise that rejected: Promise { <rejected> }\n");
  }
  const result = call.check(value);
  return isThenable(result) ? result : undefined;
}

// ---------------------------------------------------------------------------
// expect.extend: custom matchers
// ---------------------------------------------------------------------------

// Bun's this.utils. Its matcherHint also prints the two values, as Bun's does.
const matcherUtils = Object.create({
  [Symbol.toStringTag]: "ExpectMatcherUtils",
  EXPECTED_COLOR: function EXPECTED_COLOR(v) { return printExpected(v); },
  RECEIVED_COLOR: function RECEIVED_COLOR(v) { return printReceived(v); },
  printExpected: function printExpected_(v) { return printExpected(v); },
  printReceived: function printReceived_(v) { return printReceived(v); },
  stringify: function stringify(v) { return printValue(v); },
  matcherHint: function matcherHint(name, received, expected, options) {
    if (typeof name !== "string") throw new TypeError("matcherHint: the first argument (matcher name) must be a string");
    const isNot = !!(options && options.isNot);
    const r = arguments.length > 1 ? received : "received";
    const e = arguments.length > 2 ? expected : "expected";
    return `${hintLine(name, "expected", isNot)}\n\n${isNot ? `Expected: not ${printExpected(e)}\n` : diffOrValues(e, r)}`;
  },
});
for (const key of ["printExpected", "printReceived"]) Object.defineProperty(matcherUtils[key], "name", { value: key });

// `this` of a custom matcher.
export function matcherContext(isNot, promise = "") {
  return {
    __proto__: MATCHER_CONTEXT_PROTO,
    equals: (a, b) => equals(a, b),
    expand: false,
    isNot,
    promise,
    utils: matcherUtils,
  };
}
const MATCHER_CONTEXT_PROTO = { [Symbol.toStringTag]: "ExpectMatcherContext" };

// Bun's hint for a custom matcher names the function's own parameters after the first.
function customHintArgs(fn) {
  const src = Function.prototype.toString.call(fn);
  const m = /^[^(]*\(([^)]*)\)/.exec(src) || /^\s*(?:async\s+)?([\w$]+)\s*=>/.exec(src);
  if (!m) return "";
  return m[1].split(",").map((p) => p.trim().replace(/=.*$/, "").trim()).filter(Boolean).slice(1).join(", ");
}

function invalidMatcherResult(name, result) {
  const error = new Error(`Unexpected return from matcher function \`${name}\`.\n` +
    "Matcher functions should return an object in the following format:\n" +
    `  {message?: string | function, pass: boolean}\n'${printValue(result)}' was returned`);
  error.name = "InvalidMatcherError";
  return error;
}
const rejectedMatcherError = (name) => new Error(`Matcher \`${name}\` returned a promise that rejected`);

function isValidResult(result) {
  if (!isObjectLike(result) || Array.isArray(result) || typeof result === "function" || result.pass === undefined) return false;
  const m = result.message;
  return m === undefined || typeof m === "string" || typeof m === "function";
}

// Runs a custom matcher function: its result, or a promise of it when the
// function returned a pending promise. A settled promise is read at once.
function runCustom(name, fn, context, received, args, onResult) {
  const result = fn.call(context, received, ...args);
  if (!(result instanceof Promise)) return onResult(result);
  const state = settledState(result);
  if (state[0] === "fulfilled") return onResult(state[1]);
  if (state[0] === "rejected") throw rejectedMatcherError(name);
  return result.then(onResult, () => { throw rejectedMatcherError(name); });
}

function checkCustom(call, received) {
  const { name, def, args, isNot } = call;
  return runCustom(name, def.fn, matcherContext(isNot, call.promise), received, args, (result) => {
    if (!isValidResult(result)) throw invalidMatcherResult(name, result);
    if (!!result.pass !== isNot) return undefined;
    const m = result.message;
    const body = m === undefined ? "No message was specified for this matcher." : String(typeof m === "function" ? m() : m);
    // Bun's hint for a custom matcher never shows .not.
    throw matcherError(`${hintLine(name, call.hintArgs(), false)}\n\n${body}`, call.site);
  });
}

function customMethod(name, def) {
  return { [name](...args) {
    if ((this.flags & PROMISE) !== 0) {
      const r = viaPromise(new Call(this, name, def, args, new Error()), receivedOf(this));
      return r === undefined ? this : pending(r);
    }
    const call = new Call(this, name, def, args);
    const r = call.check(receivedOf(this));
    if (r === undefined) return this;
    call.site = new Error();
    return pending(r);
  } }[name];
}

// The asymmetric form of a custom matcher (expect.name(...), expect.not.name(...)).
class CustomMatcher extends CustomAsymmetricMatcher {
  asymmetricMatch(other) {
    const known = knownOutcome(this, other);
    if (known !== undefined) return known;
    const decide = (result) => {
      if (!isValidResult(result)) throw invalidMatcherResult(this.name, result);
      return !!result.pass !== this.inverse;
    };
    const outcome = runCustom(this.name, this.fn, matcherContext(this.inverse), other, this.sample, decide);
    if (outcome instanceof Promise) {
      return deferMatch(this, other, outcome, (ok, value) => {
        if (!ok) throw value;
        return value;
      });
    }
    return outcome;
  }
  get [Symbol.toStringTag]() { return "ExpectCustomAsymmetricMatcher"; }
}

// ---------------------------------------------------------------------------
// expect.not / expect.resolvesTo / expect.rejectsTo: asymmetric matcher factories
// ---------------------------------------------------------------------------

// Inverts a matcher that has no negated form of its own (any, anything).
class NotMatcher extends AsymmetricMatcher {
  constructor(inner) { super(inner, true); }
  asymmetricMatch(other) { return !this.sample.asymmetricMatch(other); }
  printParts() { return { label: "Not", sample: this.sample }; }
}
// Matches a promise whose settled value matches `sample` ("promise resolved to ...").
// A pending promise is waited for when a matcher is running (see deferMatch).
class PromiseMatcher extends AsymmetricMatcher {
  constructor(inner, settlement) { super(inner); this.settlement = settlement; }
  asymmetricMatch(other) {
    const state = settledState(other);
    if (state === undefined) return false;
    const known = knownOutcome(this, other);
    if (known !== undefined) return known;
    if (state[0] === "pending") return deferMatch(this, other, other, (fulfilled, value) => this.matchesSettled(fulfilled ? "fulfilled" : "rejected", value));
    return this.matchesSettled(state[0], state[1]);
  }
  matchesSettled(settlement, value) { return settlement === this.settlement && equals(value, this.sample); }
  printParts() { return { label: `promise ${this.settlement === "fulfilled" ? "resolved" : "rejected"} to `, sample: this.sample }; }
}

class ExpectStatic {
  constructor(inverse, settlement) {
    this.inverse = inverse;
    this.settlement = settlement;
  }
  wrap(matcher) { return this.settlement ? new PromiseMatcher(matcher, this.settlement) : matcher; }
  get not() { return new ExpectStatic(!this.inverse, this.settlement); }
  get resolvesTo() { return new ExpectStatic(this.inverse, "fulfilled"); }
  get rejectsTo() { return new ExpectStatic(this.inverse, "rejected"); }
  any(...args) {
    const m = new AnyMatcher(...args);
    return this.wrap(this.inverse ? new NotMatcher(m) : m);
  }
  anything() {
    const m = new AnythingMatcher(undefined);
    return this.wrap(this.inverse ? new NotMatcher(m) : m);
  }
  stringContaining(s) { return this.wrap(new StringContainingMatcher(s, this.inverse)); }
  stringMatching(s) { return this.wrap(new StringMatchingMatcher(s, this.inverse)); }
  objectContaining(o) { return this.wrap(new ObjectContainingMatcher(o, this.inverse)); }
  arrayContaining(a) { return this.wrap(new ArrayContainingMatcher(a, this.inverse)); }
  closeTo(n, p) { return this.wrap(new CloseToMatcher(n, p, this.inverse)); }
  get [Symbol.toStringTag]() { return "ExpectStatic"; }
}
const BASE_STATIC = new ExpectStatic(false, null);

// ---------------------------------------------------------------------------
// expect()
// ---------------------------------------------------------------------------

// A label replaces the hint line of a failure: strings, and objects with their
// own toString (Bun ignores numbers, symbols and plain objects).
function labelText(label) {
  if (typeof label === "string") return label === "" ? undefined : label;
  if (!isObjectLike(label)) return undefined;
  const text = String(label);
  return text === "[object Object]" ? undefined : text;
}

// (An object literal is cheaper to make than `new Expectation(received)`, and is the same.)
export function expect(received, label) {
  if (label === undefined) return { __proto__: EXPECTATION, received };
  const e = { __proto__: EXPECTATION, received };
  const text = labelText(label);
  if (text !== undefined) e.label = text;
  return e;
}

// Both are checked when the running test ends (outside a test they do nothing).
expect.assertions = function assertions(n) {
  if (arguments.length === 0) throw new TypeError("expect.assertions() takes 1 argument");
  if (!Number.isInteger(n) || n < 0) throw new Error(`Expected value must be a non-negative integer: ${printValue(n)}`);
  if (shared.currentTestState !== null) shared.currentTestState.expectedAssertions = n;
};
expect.hasAssertions = () => {
  if (shared.currentTestState !== null) shared.currentTestState.expectHasAssertions = true;
};
// A string becomes the message; any other value (an Error, ...) is thrown as it is.
expect.unreachable = (msg) => {
  if (msg === undefined || msg === null) throw unreachableError("reached unreachable code");
  if (typeof msg === "string") throw unreachableError(msg);
  throw msg;
};
expect.any = (...args) => BASE_STATIC.any(...args);
expect.anything = () => BASE_STATIC.anything();
expect.stringContaining = (s) => BASE_STATIC.stringContaining(s);
expect.stringMatching = (s) => BASE_STATIC.stringMatching(s);
expect.objectContaining = (o) => BASE_STATIC.objectContaining(o);
expect.arrayContaining = (a) => BASE_STATIC.arrayContaining(a);
expect.closeTo = (n, p) => BASE_STATIC.closeTo(n, p);
for (const key of ["not", "resolvesTo", "rejectsTo"]) {
  Object.defineProperty(expect, key, { get: () => BASE_STATIC[key], configurable: true });
}

// Custom matchers: own and inherited enumerable string keys, as `for...in` sees them.
expect.extend = (defs) => {
  if (!isObjectLike(defs)) throw new Error("expect.extend(matchers)\n\nExpected an object containing matchers\n");
  for (const name in defs) {
    const fn = defs[name];
    if (typeof fn !== "function") {
      throw new TypeError(`expect.extend: \`${name}\` is not a valid matcher. Must be a function, is "${fn === null ? "null" : typeof fn}"`);
    }
    installMatcher(name, { fn }, true);
    expect[name] = { [name]: (...args) => new CustomMatcher(name, fn, args, false) }[name];
    ExpectStatic.prototype[name] = function (...args) {
      return this.wrap(new CustomMatcher(name, fn, args, this.inverse));
    };
  }
};
