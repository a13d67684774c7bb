import { equals } from "rusk:test/equality";
import {
  Call, PROMISE, diffOrValues, expect, hintLine, installMatcher, matcherError, pending, printExpected, printReceived,
  printValue, receivedOf, settledState, viaPromise,
} from "rusk:test/expect";
import { CustomMatcher, ExpectStatic } from "rusk:test/asymmetric";
import { isObjectLike } from "rusk:test/util";

// ---------------------------------------------------------------------------
// expect.extend: custom matchers. Loaded with the first one (expect.extend()).
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
    // Bun prints both values with its diff printer, for isNot too (which shows only the
    // expected one), so what that printer runs and throws reaches the caller.
    return `${hintLine(name, "expected", isNot)}\n\n${diffOrValues(e, r, isNot)}`;
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
export function customHintArgs(fn) {
  const src = Function.prototype.toString.call(fn);
  const m = /^[^(]*\(([^)]*)\)/.exec(src) || /^\s*(?:async\s+)?([\w$]+)\s*=>/.exec(src);
  if (!m) return "";
  return m[1].split(",").map((p) => p.trim().replace(/=.*$/, "").trim()).filter(Boolean).slice(1).join(", ");
}

export function invalidMatcherResult(name, result) {
  const error = new Error(`Unexpected return from matcher function \`${name}\`.\n` +
    "Matcher functions should return an object in the following format:\n" +
    `  {message?: string | function, pass: boolean}\n'${printValue(result)}' was returned`);
  error.name = "InvalidMatcherError";
  return error;
}
const rejectedMatcherError = (name) => new Error(`Matcher \`${name}\` returned a promise that rejected`);

export function isValidResult(result) {
  if (!isObjectLike(result) || Array.isArray(result) || typeof result === "function" || result.pass === undefined) return false;
  const m = result.message;
  return m === undefined || typeof m === "string" || typeof m === "function";
}

// Runs a custom matcher function: its result, or a promise of it when the
// function returned a pending promise. A settled promise is read at once.
export function runCustom(name, fn, context, received, args, onResult) {
  const result = fn.call(context, received, ...args);
  if (!(result instanceof Promise)) return onResult(result);
  const state = settledState(result);
  if (state[0] === "fulfilled") return onResult(state[1]);
  if (state[0] === "rejected") throw rejectedMatcherError(name);
  return result.then(onResult, () => { throw rejectedMatcherError(name); });
}

export function checkCustom(call, received) {
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

export function customMethod(name, def) {
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

// expect.extend(): own and inherited enumerable string keys, as `for...in` sees them.
export function extend(defs) {
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
}
