import { shared } from "rusk:test/shared";
import { AnyMatcher, AnythingMatcher, ArrayContainingMatcher, CloseToMatcher, CustomAsymmetricMatcher, ObjectContainingMatcher, StringContainingMatcher, StringMatchingMatcher, equals, isAsymmetric, matchesObject, subsetForDiff } from "rusk:test/equality";
import { diffOrValues, isTypedArray, printValue, quote } from "rusk:test/format";
import { isMock } from "rusk:test/mocks";
import { isObjectLike, plural, userFrame } from "rusk:test/util";

// ---------------------------------------------------------------------------
// 6. expect and matchers
// ---------------------------------------------------------------------------

// Errors thrown by failed assertions. `loc` is the user's expect() call site.
export class ExpectError extends Error {
  constructor(message, loc) {
    super(message);
    this.name = "Error";
    this.loc = loc;
    this.isExpectError = true;
  }
}
export class AssertionError extends Error {
  constructor(message) { super(message); this.name = "AssertionError"; this.noLocation = true; }
}
export class UnreachableError extends Error {
  constructor(message, loc) { super(message); this.name = "UnreachableError"; this.loc = loc; }
}


export function matcherContext(isNot, promise = "") {
  return {
    isNot,
    promise,
    equals: (a, b) => equals(a, b),
    utils: {
      printReceived: (v) => printValue(v),
      printExpected: (v) => printValue(v),
      stringify: (v) => printValue(v),
      diff: (a, b) => diffOrValues(a, b),
      matcherHint: (name, r = "received", e = "expected") => `expect(${r})${isNot ? ".not" : ""}.${name}(${e})`,
    },
  };
}

// Matchers: fn(received, ...args) -> { pass, message(isNot) } where message is
// the text after the hint line. `hint` is the argument label of the hint.
export const matchers = Object.create(null);

export function defineMatcher(name, hintArgs, fn) {
  matchers[name] = { hintArgs, fn };
}

export const num = (v) => typeof v === "number" || typeof v === "bigint";
export const getLength = (v) => (v !== null && v !== undefined && typeof v.length === "number" ? v.length : undefined);

defineMatcher("toBe", "expected", (r, e) => ({
  pass: Object.is(r, e),
  message: (not) => {
    if (not) return `Expected: not ${printValue(e)}\n`;
    if (isObjectLike(r) && isObjectLike(e) && printValue(r) === printValue(e)) {
      return `Expected: ${printValue(e)}\nReceived: serializes to the same string\n`;
    }
    return `Expected: ${printValue(e)}\nReceived: ${printValue(r)}\n`;
  },
}));

export function equalityMatcher(strict) {
  return (r, e) => ({
    pass: equals(r, e, strict),
    message: (not) => (not ? `Expected: not ${printValue(e)}\n` : diffOrValues(e, r)),
  });
}
defineMatcher("toEqual", "expected", equalityMatcher(false));
defineMatcher("toStrictEqual", "expected", equalityMatcher(true));

export const receivedOnly = (pass, r) => ({ pass, message: () => `Received: ${printValue(r)}\n` });
defineMatcher("toBeTruthy", "", (r) => receivedOnly(!!r, r));
defineMatcher("toBeFalsy", "", (r) => receivedOnly(!r, r));
defineMatcher("toBeNull", "", (r) => receivedOnly(r === null, r));
defineMatcher("toBeUndefined", "", (r) => receivedOnly(r === undefined, r));
defineMatcher("toBeDefined", "", (r) => receivedOnly(r !== undefined, r));
defineMatcher("toBeNaN", "", (r) => receivedOnly(typeof r === "number" && Number.isNaN(r), r));
defineMatcher("toBeFinite", "", (r) => receivedOnly(typeof r === "number" && Number.isFinite(r), r));
defineMatcher("toBeInteger", "", (r) => receivedOnly(Number.isInteger(r), r));
defineMatcher("toBePositive", "", (r) => receivedOnly(typeof r === "number" && r > 0 && Number.isFinite(r), r));
defineMatcher("toBeNegative", "", (r) => receivedOnly(typeof r === "number" && r < 0 && Number.isFinite(r), r));
defineMatcher("toBeEven", "", (r) => receivedOnly((Number.isInteger(r) && r % 2 === 0) || (typeof r === "bigint" && r % 2n === 0n), r));
defineMatcher("toBeOdd", "", (r) => receivedOnly((Number.isInteger(r) && Math.abs(r % 2) === 1) || (typeof r === "bigint" && r % 2n !== 0n), r));
defineMatcher("toBeArray", "", (r) => receivedOnly(Array.isArray(r), r));
defineMatcher("toBeFunction", "", (r) => receivedOnly(typeof r === "function", r));
defineMatcher("toBeString", "", (r) => receivedOnly(typeof r === "string" || r instanceof String, r));
defineMatcher("toBeNumber", "", (r) => receivedOnly(typeof r === "number" || r instanceof Number, r));
defineMatcher("toBeBoolean", "", (r) => receivedOnly(typeof r === "boolean" || r instanceof Boolean, r));
defineMatcher("toBeObject", "", (r) => receivedOnly(typeof r === "object" && r !== null, r));
defineMatcher("toBeBigInt", "", (r) => receivedOnly(typeof r === "bigint", r));
defineMatcher("toBeSymbol", "", (r) => receivedOnly(typeof r === "symbol", r));
defineMatcher("toBeDate", "", (r) => receivedOnly(r instanceof Date, r));
defineMatcher("toBeValidDate", "", (r) => receivedOnly(r instanceof Date && !isNaN(r.getTime()), r));
defineMatcher("toBeNil", "", (r) => receivedOnly(r === null || r === undefined, r));
defineMatcher("toBeEmpty", "", (r) => {
  let empty;
  if (typeof r === "string" || Array.isArray(r) || isTypedArray(r)) empty = r.length === 0;
  else if (r instanceof Map || r instanceof Set) empty = r.size === 0;
  else if (isObjectLike(r) && typeof r[Symbol.iterator] === "function") empty = r[Symbol.iterator]().next().done;
  else if (isObjectLike(r)) empty = Object.keys(r).length === 0;
  else empty = false;
  return receivedOnly(empty, r);
});
defineMatcher("toBeEmptyObject", "", (r) => receivedOnly(isObjectLike(r) && Object.keys(r).length === 0, r));

export function compareMatcher(op, test) {
  return (r, e) => {
    if (!num(r) || !num(e)) throw new TypeError(`Expected and received must be numbers or bigints (received ${printValue(r)}, expected ${printValue(e)})`);
    return {
      pass: test(r, e),
      message: (not) => `Expected: ${not ? "not " : ""}${op} ${printValue(e)}\nReceived: ${printValue(r)}\n`,
    };
  };
}
defineMatcher("toBeGreaterThan", "expected", compareMatcher(">", (r, e) => r > e));
defineMatcher("toBeGreaterThanOrEqual", "expected", compareMatcher(">=", (r, e) => r >= e));
defineMatcher("toBeLessThan", "expected", compareMatcher("<", (r, e) => r < e));
defineMatcher("toBeLessThanOrEqual", "expected", compareMatcher("<=", (r, e) => r <= e));
defineMatcher("toBeWithin", "start, end", (r, start, end) => ({
  pass: typeof r === "number" && r >= start && r < end,
  message: (not) => `Expected: ${not ? "not " : ""}between ${start} (inclusive) and ${end} (exclusive)\nReceived: ${printValue(r)}\n`,
}));

defineMatcher("toBeCloseTo", "expected, precision", (r, e, precision = 2) => {
  if (typeof r !== "number" || typeof e !== "number") throw new TypeError("toBeCloseTo: expected and received must be numbers");
  const diff = Math.abs(e - r);
  const limit = Math.pow(10, -precision) / 2;
  const pass = (r === Infinity && e === Infinity) || (r === -Infinity && e === -Infinity) || diff < limit;
  return {
    pass,
    message: (not) => `Expected: ${not ? "not " : ""}${printValue(e)}\nReceived: ${printValue(r)}\n\n` +
      `Expected precision: ${precision}\nExpected difference: ${not ? ">=" : "<"} ${limit}\nReceived difference: ${diff}\n`,
  };
});

defineMatcher("toContain", "expected", (r, e) => {
  let pass;
  if (typeof r === "string") pass = typeof e === "string" && r.includes(e);
  else if (r !== null && r !== undefined && typeof r[Symbol.iterator] === "function") pass = [...r].some((x) => x === e || Object.is(x, e));
  else throw new TypeError(`Received value must be an array type, or both received and expected values must be strings.\nReceived: ${printValue(r)}`);
  return { pass, message: (not) => `Expected to ${not ? "not " : ""}contain: ${printValue(e)}\nReceived: ${printValue(r)}\n` };
});
defineMatcher("toContainEqual", "expected", (r, e) => {
  if (r === null || r === undefined || typeof r[Symbol.iterator] !== "function") throw new TypeError(`Received value must be iterable\nReceived: ${printValue(r)}`);
  return {
    pass: [...r].some((x) => equals(x, e)),
    message: (not) => `Expected to ${not ? "not " : ""}contain equal: ${printValue(e)}\nReceived: ${printValue(r)}\n`,
  };
});
defineMatcher("toInclude", "expected", (r, e) => ({
  pass: typeof r === "string" && r.includes(e),
  message: (not) => `Expected to ${not ? "not " : ""}include: ${printValue(e)}\nReceived: ${printValue(r)}\n`,
}));
defineMatcher("toStartWith", "expected", (r, e) => ({
  pass: typeof r === "string" && r.startsWith(e),
  message: (not) => `Expected to ${not ? "not " : ""}start with: ${printValue(e)}\nReceived: ${printValue(r)}\n`,
}));
defineMatcher("toEndWith", "expected", (r, e) => ({
  pass: typeof r === "string" && r.endsWith(e),
  message: (not) => `Expected to ${not ? "not " : ""}end with: ${printValue(e)}\nReceived: ${printValue(r)}\n`,
}));
defineMatcher("toBeOneOf", "expected", (r, list) => ({
  pass: [...list].some((x) => Object.is(x, r) || equals(r, x)),
  message: (not) => `Expected: ${not ? "not " : ""}one of ${printValue([...list])}\nReceived: ${printValue(r)}\n`,
}));
defineMatcher("toSatisfy", "predicate", (r, pred) => ({
  pass: !!pred(r),
  message: (not) => `Expected: ${not ? "not " : ""}${printValue(pred)}\nReceived: ${printValue(r)}\n`,
}));
defineMatcher("toHaveLength", "expected", (r, e) => {
  const len = getLength(r);
  if (len === undefined) throw new TypeError(`Received value does not have a length property\nReceived: ${printValue(r)}`);
  return { pass: len === e, message: (not) => `Expected length: ${not ? "not " : ""}${e}\nReceived length: ${len}\n` };
});

export function propertyPath(path) {
  if (Array.isArray(path)) return path;
  // "a.b[0].c" -> ["a", "b", "0", "c"]
  return String(path).replace(/\[(\w+)\]/g, ".$1").split(".").filter((p) => p !== "");
}
defineMatcher("toHaveProperty", "path, value", function (r, path, ...rest) {
  const hasValue = rest.length > 0;
  const value = rest[0];
  let cur = r, found = true;
  for (const key of propertyPath(path)) {
    if (cur === null || cur === undefined || !(key in Object(cur))) { found = false; break; }
    cur = cur[key];
  }
  const pass = found && (!hasValue || equals(cur, value));
  const pathText = `Expected path: ${printValue(Array.isArray(path) ? path : String(path))}\n`;
  return {
    pass,
    message: (not) => {
      if (!found) return `${pathText}${hasValue ? `\nExpected value: ${printValue(value)}\n` : ""}\nUnable to find property\n`;
      if (hasValue) return not ? `${pathText}\nExpected value: not ${printValue(value)}\n` : diffOrValues(value, cur);
      return `Expected path: ${not ? "not " : ""}${printValue(Array.isArray(path) ? path : String(path))}\n\nReceived value: ${printValue(cur)}\n`;
    },
  };
});
defineMatcher("toMatch", "expected", (r, e) => {
  if (typeof r !== "string") throw new TypeError(`Received value must be a string\nReceived: ${printValue(r)}`);
  const pass = typeof e === "string" ? r.includes(e) : new RegExp(e.source, e.flags.replace("g", "")).test(r);
  return { pass, message: (not) => `Expected substring or pattern: ${not ? "not " : ""}${printValue(e)}\nReceived: ${printValue(r)}\n` };
});
defineMatcher("toMatchObject", "expected", (r, e) => {
  if (!isObjectLike(r)) throw new TypeError(`Received value must be a non-null object\nReceived: ${printValue(r)}`);
  return {
    pass: matchesObject(r, e),
    message: (not) => (not ? `Expected: not ${printValue(e)}\n` : diffOrValues(e, subsetForDiff(r, e))),
  };
});
defineMatcher("toBeInstanceOf", "expected", (r, e) => ({
  pass: isObjectLike(r) && r instanceof e,
  message: (not) => `Expected constructor: ${not ? "not " : ""}${printValue(e)}\nReceived value: ${printValue(r)}\n`,
}));
defineMatcher("toBeTypeOf", "", (r, e) => {
  const t = r === null ? "object" : typeof r;
  return {
    pass: t === e,
    message: (not) => `Expected type: ${not ? "not " : ""}${printValue(e)}\nReceived type: ${printValue(t)}\nReceived value: ${printValue(r)}\n`,
  };
});

// toThrow: received is a function (called here) or, with .rejects, the
// rejection value itself.
export function throwMatcher(r, expected) {
  let thrown = false, error;
  if (this && this.fromPromise) { thrown = true; error = r; }
  else {
    if (typeof r !== "function") throw new TypeError(`Received value must be a function\nReceived: ${printValue(r)}`);
    try { r(); } catch (e) { thrown = true; error = e; }
  }
  const msgOf = (e) => (isObjectLike(e) && "message" in e ? e.message : String(e));
  if (expected === undefined) {
    return {
      pass: thrown,
      message: (not) => not
        ? `Error name: ${printValue(error && error.name)}\nError message: ${printValue(msgOf(error))}\n`
        : "Received function did not throw\nReceived value: undefined\n",
    };
  }
  const notThrown = "Received function did not throw\n";
  if (typeof expected === "string") {
    return {
      pass: thrown && String(msgOf(error)).includes(expected),
      message: (not) => `Expected substring: ${not ? "not " : ""}${quote(expected)}\n` + (thrown ? `Received message: ${printValue(msgOf(error))}\n` : notThrown),
    };
  }
  if (expected instanceof RegExp) {
    return {
      pass: thrown && expected.test(String(msgOf(error))),
      message: (not) => `Expected pattern: ${not ? "not " : ""}${expected}\n` + (thrown ? `Received message: ${printValue(msgOf(error))}\n` : notThrown),
    };
  }
  if (typeof expected === "function") {
    return {
      pass: thrown && error instanceof expected,
      message: (not) => `Expected constructor: ${not ? "not " : ""}${expected.name}\n` +
        (thrown ? `Received constructor: ${isObjectLike(error) && error.constructor ? error.constructor.name : printValue(error)}\nReceived message: ${printValue(msgOf(error))}\n` : notThrown),
    };
  }
  if (isAsymmetric(expected)) {
    return {
      pass: thrown && expected.asymmetricMatch(error),
      message: (not) => `Expected: ${not ? "not " : ""}${printValue(expected)}\n` + (thrown ? `Received: ${printValue(error)}\n` : notThrown),
    };
  }
  // error object (or anything with a message): compare messages
  const expMsg = msgOf(expected);
  return {
    pass: thrown && msgOf(error) === expMsg,
    message: (not) => `Expected message: ${not ? "not " : ""}${printValue(expMsg)}\n` + (thrown ? `Received message: ${printValue(msgOf(error))}\n` : notThrown),
  };
}
defineMatcher("toThrow", "expected", throwMatcher);
defineMatcher("toThrowError", "expected", throwMatcher);

// --- mock matchers ---
export function ensureMock(r) {
  if (!isMock(r)) throw new TypeError(`Expected a mock function (from mock(), jest.fn() or spyOn())\nReceived: ${printValue(r)}`);
  return r.mock;
}

defineMatcher("toHaveBeenCalled", "", (r) => {
  const n = ensureMock(r).calls.length;
  return { pass: n > 0, message: (not) => `Expected number of calls: ${not ? "0" : ">= 1"}\nReceived number of calls: ${n}\n` };
});
defineMatcher("toHaveBeenCalledOnce", "", (r) => {
  const n = ensureMock(r).calls.length;
  return { pass: n === 1, message: (not) => `Expected number of calls: ${not ? "not " : ""}1\nReceived number of calls: ${n}\n` };
});
defineMatcher("toHaveBeenCalledTimes", "expected", (r, e) => {
  const n = ensureMock(r).calls.length;
  return { pass: n === e, message: (not) => `Expected number of calls: ${not ? "not " : ""}${e}\nReceived number of calls: ${n}\n` };
});
defineMatcher("toHaveBeenCalledWith", "...expected", (r, ...args) => {
  const calls = ensureMock(r).calls;
  return {
    pass: calls.some((c) => equals(c, args)),
    message: (not) => {
      if (not) return `Expected: not ${printValue(args)}\n`;
      if (calls.length === 1) return diffOrValues(args, calls[0]);
      if (calls.length === 0) return `Expected: ${printValue(args)}\nReceived: 0 calls\n`;
      const list = calls.map((c, i) => `              ${i + 1}: ${printValue(c)}`).join("\n");
      return `    Expected: ${printValue(args)}\n    Received:\n${list}\n\n    Number of calls: ${calls.length}\n`;
    },
  };
});
defineMatcher("toHaveBeenLastCalledWith", "...expected", (r, ...args) => {
  const calls = ensureMock(r).calls;
  const last = calls[calls.length - 1];
  return {
    pass: calls.length > 0 && equals(last, args),
    message: (not) => not ? `Expected: not ${printValue(args)}\n` : calls.length ? diffOrValues(args, last) : `Expected: ${printValue(args)}\nReceived: 0 calls\n`,
  };
});
defineMatcher("toHaveBeenNthCalledWith", "n, ...expected", (r, n, ...args) => {
  const calls = ensureMock(r).calls;
  const call = calls[n - 1];
  return {
    pass: n >= 1 && n <= calls.length && equals(call, args),
    message: (not) => not ? `n: ${n}\nExpected: not ${printValue(args)}\n`
      : call ? `n: ${n}\n${diffOrValues(args, call)}` : `n: ${n}\nExpected: ${printValue(args)}\nReceived: only ${plural(calls.length, "call")}\n`,
  };
});
defineMatcher("toHaveReturned", "", (r) => {
  const n = ensureMock(r).results.filter((x) => x.type === "return").length;
  return { pass: n > 0, message: (not) => `Expected number of successful returns: ${not ? "0" : ">= 1"}\nReceived number of successful returns: ${n}\n` };
});
defineMatcher("toHaveReturnedTimes", "expected", (r, e) => {
  const n = ensureMock(r).results.filter((x) => x.type === "return").length;
  return { pass: n === e, message: (not) => `Expected number of successful returns: ${not ? "not " : ""}${e}\nReceived number of successful returns: ${n}\n` };
});
defineMatcher("toHaveReturnedWith", "expected", (r, e) => {
  const values = ensureMock(r).results.filter((x) => x.type === "return").map((x) => x.value);
  return {
    pass: values.some((v) => equals(v, e)),
    message: (not) => `Expected return value: ${not ? "not " : ""}${printValue(e)}\nReceived return values: ${printValue(values)}\n`,
  };
});
defineMatcher("toHaveLastReturnedWith", "expected", (r, e) => {
  const results = ensureMock(r).results;
  const last = results[results.length - 1];
  return {
    pass: !!last && last.type === "return" && equals(last.value, e),
    message: (not) => `Expected last return value: ${not ? "not " : ""}${printValue(e)}\nReceived: ${last ? printValue(last.value) : "no calls"}\n`,
  };
});
// Jest's older aliases
for (const [alias, name] of [["toBeCalled", "toHaveBeenCalled"], ["toBeCalledTimes", "toHaveBeenCalledTimes"],
  ["toBeCalledWith", "toHaveBeenCalledWith"], ["lastCalledWith", "toHaveBeenLastCalledWith"],
  ["nthCalledWith", "toHaveBeenNthCalledWith"], ["toReturn", "toHaveReturned"], ["toReturnWith", "toHaveReturnedWith"]]) {
  matchers[alias] = matchers[name];
}

// The object returned by expect(). Matchers live on the prototype and are
// wrapped so .not/.resolves/.rejects and error creation are handled once.
export class Expectation {
  constructor(received, loc, isNot = false, promise = "") {
    this.received = received;
    this.loc = loc;
    this.isNot = isNot;
    this.promise = promise;
  }
  get not() { return new Expectation(this.received, this.loc, !this.isNot, this.promise); }
  get resolves() { return new Expectation(this.received, this.loc, this.isNot, "resolves"); }
  get rejects() { return new Expectation(this.received, this.loc, this.isNot, "rejects"); }
}

export function hintLine(name, hintArgs, isNot, promise) {
  return `expect(received)${promise ? "." + promise : ""}${isNot ? ".not" : ""}.${name}(${hintArgs})`;
}

export function installMatcher(name, { hintArgs, fn }, custom = false) {
  Object.defineProperty(Expectation.prototype, name, {
    configurable: true,
    writable: true,
    value: function (...args) {
      const { isNot, promise } = this;
      // Bun points at the matcher call (`.toBe(`), not at `expect(`. The
      // stack is only walked when needed: lazily for synchronous matchers
      // (the user frame is still on the stack when they throw), eagerly for
      // .resolves/.rejects whose failure happens after the caller returned.
      let loc = promise ? userFrame(new Error().stack) || this.loc : null;
      const where = () => loc || userFrame(new Error().stack) || this.loc;
      const evaluate = (received) => {
        // Bun counts assertions when a matcher actually runs: a bare
        // expect(x), or a .resolves/.rejects that settled the wrong way,
        // does not count.
        shared.expectCallsTotal++;
        shared.assertionCount++;
        let result;
        if (custom) {
          result = fn.call(matcherContext(isNot, promise), received, ...args);
          if (result && typeof result.then === "function") {
            return result.then((res) => check(res, true));
          }
          return check(result, true);
        }
        result = fn.call({ fromPromise: promise === "rejects" }, received, ...args);
        return check(result, false);
      };
      const check = (result, isCustom) => {
        if (!result || typeof result.pass !== "boolean") throw new TypeError(`Matcher "${name}" must return { pass: boolean, message }`);
        if (result.pass !== isNot) return undefined;
        let body;
        if (isCustom) {
          body = typeof result.message === "function" ? result.message() : result.message || "";
          const hint = hintLine(name, args.length ? "expected" : "", isNot, promise);
          throw new ExpectError(`${hint}\n\n${body}`, where());
        }
        body = result.message(isNot);
        // Hints follow the arguments actually passed, like Bun:
        // toThrow() / toHaveProperty(path) / toHaveProperty(path, value).
        let hint = hintArgs === "expected" && args.length === 0 ? "" : hintArgs;
        if (name === "toHaveProperty" && args.length < 2) hint = "path";
        throw new ExpectError(`${hintLine(name, hint, isNot, promise)}\n\n${body}`, where());
      };
      if (!promise) return evaluate(this.received);
      // .resolves / .rejects: await the value, then match on the outcome.
      const received = this.received;
      const p = typeof received === "function" ? received() : received;
      if (!p || typeof p.then !== "function") {
        return Promise.reject(new ExpectError(`${hintLine(name, hintArgs, isNot, promise)}\n\nReceived value must be a promise\nReceived: ${printValue(p)}\n`, loc));
      }
      return Promise.resolve(p).then(
        (value) => {
          if (promise === "rejects") {
            throw new ExpectError(`${hintLine(name, hintArgs, isNot, promise)}\n\nExpected promise that rejects\nReceived promise that resolved: Promise { <resolved> }\n`, loc);
          }
          return evaluate(value);
        },
        (reason) => {
          if (promise === "resolves") {
            throw new ExpectError(`${hintLine(name, hintArgs, isNot, promise)}\n\nExpected promise that resolves\nReceived promise that rejected: Promise { <rejected> }\n`, loc);
          }
          return evaluate(reason);
        },
      );
    },
  });
}
for (const name of Object.keys(matchers)) installMatcher(name, matchers[name]);

export function expect(received, customMessage) {
  const frame = userFrame(new Error().stack);
  const e = new Expectation(received, frame);
  if (customMessage !== undefined) e.customMessage = customMessage;
  return e;
}

expect.assertions = (n) => { shared.expectedAssertions = n; };
expect.hasAssertions = () => { shared.expectHasAssertions = true; };
expect.unreachable = (msg) => {
  throw new UnreachableError(msg === undefined ? "reached unreachable code" : String(msg), userFrame(new Error().stack));
};
expect.any = (c) => {
  if (typeof c !== "function") throw new TypeError("expect.any() expects a constructor");
  return new AnyMatcher(c);
};
expect.anything = () => new AnythingMatcher(undefined);
expect.stringContaining = (s) => new StringContainingMatcher(s);
expect.stringMatching = (s) => new StringMatchingMatcher(s);
expect.objectContaining = (o) => new ObjectContainingMatcher(o);
expect.arrayContaining = (a) => new ArrayContainingMatcher(a);
expect.closeTo = (n, p) => new CloseToMatcher(n, p);
expect.not = {
  stringContaining: (s) => new StringContainingMatcher(s, true),
  stringMatching: (s) => new StringMatchingMatcher(s, true),
  objectContaining: (o) => new ObjectContainingMatcher(o, true),
  arrayContaining: (a) => new ArrayContainingMatcher(a, true),
  closeTo: (n, p) => new CloseToMatcher(n, p, true),
};
expect.extend = (defs) => {
  for (const [name, fn] of Object.entries(defs)) {
    if (typeof fn !== "function") continue;
    installMatcher(name, { hintArgs: "expected", fn }, true);
    expect[name] = (...args) => new CustomAsymmetricMatcher(name, fn, args);
    expect.not[name] = (...args) => new CustomAsymmetricMatcher(name, fn, args, true);
  }
};

