import { shared } from "rusk:test/shared";
import { hasOwn, isObjectLike, lazyModule, plural, tagOf } from "rusk:test/util";
import { fileSize } from "rusk:test/native";

// Printing is for failure messages: format.js loads on first use.
const format = lazyModule("rusk:test/format");
// Deep equality loads with the first matcher that needs it (toEqual, ...), the asymmetric
// matchers (expect.any, expect.not..., the asymmetric forms of custom matchers) with the first
// one made: a file of toBe() alone starts without either.
const equality = lazyModule("rusk:test/equality");
const asymmetric = lazyModule("rusk:test/asymmetric");
// expect.extend()'s machinery loads with the first custom matcher.
const customMatchers = lazyModule("rusk:test/custom");
const equals = (a, b, strict) => equality().equals(a, b, strict);
const matchesObject = (received, expected) => equality().matchesObject(received, expected);
const subsetForDiff = (received, expected) => equality().subsetForDiff(received, expected);
const typedArrayKind = (v) => equality().typedArrayKind(v);
// equality.js's ASYMMETRIC, which every asymmetric matcher carries.
const ASYMMETRIC = Symbol.for("rusk.test.asymmetric");
export const diffOrValues = (...args) => format().diffOrValues(...args);
export const printExpected = (...args) => format().printExpected(...args);
export const printReceived = (...args) => format().printReceived(...args);
export const printValue = (...args) => format().printValue(...args);
export const isTypedArray = (v) => isObjectLike(v) && typedArrayKind(v) !== undefined;

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
export function matcherError(message, site) {
  const error = new Error(message);
  if (site !== undefined) error.stack = site.stack;
  return error;
}

// [state, value] of a native promise without waiting ("pending" / "fulfilled" /
// "rejected"), or undefined for anything else. A rejection looked at is handled.
export function settledState(value) {
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
export function deferMatch(matcher, other, promise, decide) {
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
export function knownOutcome(matcher, other) {
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
export const PROMISE = RESOLVES | REJECTS;
const promiseName = (flags) => ((flags & RESOLVES) !== 0 ? "resolves" : (flags & REJECTS) !== 0 ? "rejects" : "");

// Until a flag is first set (flags 0), the received value is `received`, which toBe's fast
// path compares. The first flag moves the value to `value` (MOVED, for good) and leaves
// FLAGGED, equal to nothing a test can pass, in `received`: the fast path then never passes a
// flagged expectation, without looking at the flags.
const FLAGGED = Symbol("flagged");
export const receivedOf = (expectation) => (expectation.flags === 0 ? expectation.received : expectation.value);
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
// Fields an expectation may get later (the received value once flagged, a label): found here,
// reading or setting them stops short of the proxy at the end of the chain (MORE_MATCHERS).
Expectation.prototype.value = undefined;
Expectation.prototype.label = undefined;
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

// Matchers that few files use (jest-extended's, mocks', pass/fail, ...) are defined in
// rusk:test/more_matchers, which loads on the first call of one of them: not parsing and
// running them is a fifth of the start of a small test file. The module installs the real
// matchers on Expectation.prototype.
const MORE_MATCHERS = [
  "toBeTrue", "toBeFalse", "toBeFinite", "toBeInteger", "toBePositive", "toBeNegative", "toBeEven", "toBeOdd",
  "toBeArray", "toBeFunction", "toBeString", "toBeNumber", "toBeBoolean", "toBeBigInt", "toBeSymbol", "toBeDate",
  "toBeValidDate", "toBeNil", "toBeObject", "toBeEmptyObject", "toBeEmpty", "toBeWithin", "toStartWith",
  "toEndWith", "toInclude", "toIncludeRepeated", "toEqualIgnoringWhitespace", "toBeOneOf", "toSatisfy",
  "toBeArrayOfSize", "toContainKey", "toContainKeys", "toContainAllKeys", "toContainAnyKeys", "toContainValue",
  "toContainValues", "toContainAllValues", "toContainAnyValues", "pass", "fail", "toHaveBeenCalled",
  "toHaveBeenCalledOnce", "toHaveBeenCalledTimes", "toHaveBeenCalledWith", "toHaveBeenLastCalledWith",
  "toHaveBeenNthCalledWith", "toHaveReturned", "toHaveReturnedTimes", "toHaveReturnedWith",
  "toHaveLastReturnedWith", "toHaveNthReturnedWith", "toBeCalled", "toBeCalledTimes", "toBeCalledWith",
  "lastCalledWith", "nthCalledWith", "toReturn", "lastReturnedWith", "nthReturnedWith",
];
// The names still holding a stand-in (expect.extend() may take one first).
const standIns = new Set(MORE_MATCHERS);
let loadingMore = false;

export function defineMatcher(name, hintArgs, fn, options = {}) {
  matchers[name] = { hintArgs, fn, ...options };
  installMatcher(name, matchers[name]);
}

export function predicate(name, hintArgs, test, message, options = {}) {
  matchers[name] = { hintArgs, test, message, ...options };
  installMatcher(name, matchers[name]);
}

export const num = (v) => typeof v === "number" || typeof v === "bigint";
// Bun.file(path): a Blob named by a path, with exists().
export const isFileRef = (v) =>
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
export const not_ = (isNot) => (isNot ? "not " : "");

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

export const receivedLine = (r) => `Received: ${printReceived(r)}\n`;
function typeCheck(name, test) {
  predicate(name, "", test, receivedLine);
}
typeCheck("toBeTruthy", (r) => !!r);
typeCheck("toBeFalsy", (r) => !r);
typeCheck("toBeNull", (r) => r === null);
typeCheck("toBeUndefined", (r) => r === undefined);
typeCheck("toBeDefined", (r) => r !== undefined);
typeCheck("toBeNaN", (r) => typeof r === "number" && Number.isNaN(r));

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

export const NOT_A_CONTAINER = "Received value must be an array type, or both received and expected values must be strings.";
export const isIterable = (v) => v !== null && v !== undefined && typeof v[Symbol.iterator] === "function";

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
  // (An asymmetric matcher exists only once equality.js has loaded.)
  if (isObjectLike(expected) && expected[ASYMMETRIC] === true && expected instanceof equality().AnyMatcher) {
    return throwMessage(outcome, expected.sample, true, isNot);
  }
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

// The stand-ins of MORE_MATCHERS (see above).
const moreMatchers = lazyModule("rusk:test/more_matchers");
function loadMoreMatchers() {
  loadingMore = true;
  try {
    moreMatchers();
  } finally {
    loadingMore = false;
  }
  for (const name of standIns) {
    if (!hasOwn(matchers, name)) throw new Error(`rusk:test/more_matchers does not define ${name}`);
  }
  standIns.clear();
}
// Until then, a proxy at the end of the expectations' prototype chain stands in for them. A
// lookup reaches it only when nothing nearer has the name, so the matchers defined here never
// meet it, and it costs nothing to make (a stand-in function per name cost 70 µs a file).
// (Its target inherits from Object.prototype, so expectations are still Objects.)
Object.setPrototypeOf(EXPECTATION, new Proxy(Object.create(Object.prototype), {
  get(target, key, receiver) {
    if (typeof key === "string" && standIns.has(key)) {
      loadMoreMatchers();
      return Reflect.get(EXPECTATION, key, receiver);
    }
    return Reflect.get(target, key, receiver);
  },
  has(target, key) {
    return (typeof key === "string" && standIns.has(key)) || Reflect.has(target, key);
  },
}));

export function hintLine(name, hintArgs, isNot, promise = "") {
  return `expect(received)${promise ? "." + promise : ""}${isNot ? ".not" : ""}.${name}(${hintArgs})`;
}

// What a matcher call knows about itself when it fails.
export class Call {
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
    if (def.custom) return customMatchers().customHintArgs(def.fn);
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
    if (def.custom) return customMatchers().checkCustom(this, received);
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
export function pending(result) {
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
  if (custom) {
    standIns.delete(name);
    def = { ...def, custom: true };
  } else if (loadingMore && !standIns.has(name)) {
    // expect.extend() took this name before rusk:test/more_matchers loaded: it keeps it.
    return;
  }
  Object.defineProperty(EXPECTATION, name, {
    configurable: true,
    writable: true,
    value: custom ? customMatchers().customMethod(name, def) : builtinMethod(name, def),
  });
}

// .resolves / .rejects take a promise (Bun: not a thenable, not a function). A
// settled one is checked now, as Bun does; a pending one makes the matcher return
// a promise (Bun blocks until it settles).
export function viaPromise(call, received) {
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
expect.any = (...args) => asymmetric().BASE_STATIC.any(...args);
expect.anything = () => asymmetric().BASE_STATIC.anything();
expect.stringContaining = (s) => asymmetric().BASE_STATIC.stringContaining(s);
expect.stringMatching = (s) => asymmetric().BASE_STATIC.stringMatching(s);
expect.objectContaining = (o) => asymmetric().BASE_STATIC.objectContaining(o);
expect.arrayContaining = (a) => asymmetric().BASE_STATIC.arrayContaining(a);
expect.closeTo = (n, p) => asymmetric().BASE_STATIC.closeTo(n, p);
for (const key of ["not", "resolvesTo", "rejectsTo"]) {
  Object.defineProperty(expect, key, { get: () => asymmetric().BASE_STATIC[key], configurable: true });
}

// Custom matchers (rusk:test/custom, loaded with the first).
expect.extend = (defs) => customMatchers().extend(defs);
