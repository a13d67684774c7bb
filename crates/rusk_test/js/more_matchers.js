import { shared } from "rusk:test/shared";
import { equals } from "rusk:test/equality";
import {
  NOT_A_CONTAINER, defineMatcher, diffOrValues, installMatcher, isFileRef, isIterable, isTypedArray, matchers, not_,
  predicate, printExpected, printReceived, printValue, receivedLine,
} from "rusk:test/expect";
import { fileSize } from "rusk:test/native";
import { hasOwn, isObjectLike, plural, tagOf } from "rusk:test/util";

// ---------------------------------------------------------------------------
// The matchers few files use, loaded on the first call of one of them (see MORE_MATCHERS in
// expect.js, which lists every name defined here).
// ---------------------------------------------------------------------------

// --- type and value checks whose message is the received value ---

function typeCheck(name, test) {
  predicate(name, "", test, receivedLine);
}
typeCheck("toBeTrue", (r) => r === true);
typeCheck("toBeFalse", (r) => r === false);
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

predicate("toBeWithin", "start, end", (r, start, end) => {
  if (typeof start !== "number") throw new Error("toBeWithin() requires the first argument to be a number");
  if (typeof end !== "number") throw new Error("toBeWithin() requires the second argument to be a number");
  return typeof r === "number" && r >= start && r < end;
}, (r, start, end, not) => `Expected: ${not_(not)}between ${start} (inclusive) and ${end} (exclusive)\nReceived: ${printReceived(r)}\n`);

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

// --- mock matchers ---

export function ensureMock(r) {
  if (!shared.isMock(r)) throw new Error(`Expected value must be a mock function: ${printValue(r)}`);
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
