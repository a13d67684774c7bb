import { describe, expect, jest, test } from "bun:test";
import { failure, fixture, plain, runTests, thrown } from "./helpers";

describe("object keys and values", () => {
  test("toContainKey / toContainKeys / toContainAllKeys / toContainAnyKeys", () => {
    expect({ a: 1, b: undefined }).toContainKey("b");
    expect({ 1: "x" }).toContainKey(1 as any);
    expect(["x"]).toContainKey("0");
    expect(Object.create({ inherited: 1 })).not.toContainKey("inherited");
    expect({ a: 1, b: 2 }).toContainKeys(["a", "b"]);
    expect({ a: 1, b: 2 }).toContainAllKeys(["b", "a"]);
    expect({ a: 1, b: 2 }).not.toContainAllKeys(["a"]);
    expect({ a: 1 }).toContainAnyKeys(["z", "a"]);
    expect({ a: 1 }).not.toContainAnyKeys([]);
    expect(failure(() => expect({ a: 1 }).toContainKey("b"))).toBe(
      'expect(received).toContainKey(expected)\n\nExpected to contain: "b"\nReceived: {\n  a: 1,\n}\n',
    );
    expect(failure(() => expect({ a: 1, c: 2 }).toContainAllKeys(["a", "b"]))).toBe(
      'expect(received).toContainAllKeys(expected)\n\nExpected to contain all keys: [ "a", "b" ]\nReceived: [ "a", "c" ]\n',
    );
    expect(failure(() => expect({ a: 1 }).not.toContainAnyKeys(["a"]))).toBe(
      'expect(received).not.toContainAnyKeys(expected)\n\nExpected to not contain: [ "a" ]\nReceived: {\n  a: 1,\n}\n',
    );
  });

  test("key matchers reject bad arguments like Bun", () => {
    const e = thrown(() => expect(null).toContainKey("a"));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe("Expected value must be an object\nReceived: null");
    expect(thrown(() => expect({}).toContainKeys("a" as any)).message).toBe("Expected expected to be a array for 'toContainKeys'.");
    expect(thrown(() => expect({}).toContainAllValues(1 as any)).message).toBe("Expected expected to be a array for 'toContainAllValues'.");
  });

  test("toContainValue(s) use deep equality", () => {
    expect({ a: { b: 1 } }).toContainValue({ b: 1 });
    expect({ a: NaN }).toContainValue(NaN);
    expect("abc").toContainValue("a");
    expect(new Map([[1, 2]])).not.toContainValue(2);
    expect({ a: 1, b: 2 }).toContainValues([2, 1]);
    expect({ a: 1, b: 2 }).toContainAllValues([2, 1]);
    expect({ a: 1, b: 1 }).not.toContainAllValues([1]);
    expect({}).not.toContainAllValues([]);
    expect({ a: 1 }).toContainAnyValues([5, 1]);
    expect(failure(() => expect({ a: 1 }).toContainAnyValues([2]))).toBe(
      "expect(received).toContainAnyValues(expected)\n\nExpected to contain any of the following values: [ 2 ]\nReceived: {\n  a: 1,\n}\n",
    );
    expect(failure(() => expect({ a: 1 }).not.toContainValue(1))).toBe(
      "expect(received).not.toContainValue(expected)\n\nExpected to not contain: 1\nReceived: {\n  a: 1,\n}\n",
    );
  });

  test("toBeEmptyObject and toBeObject", () => {
    expect({}).toBeEmptyObject();
    expect([]).toBeEmptyObject();
    expect(Object.create({ a: 1 })).toBeEmptyObject();
    expect(new Map()).not.toBeEmptyObject();
    expect(new Date()).not.toBeEmptyObject();
    expect(null).not.toBeEmptyObject();
    expect(() => {}).toBeObject();
    expect(null).not.toBeObject();
    expect(failure(() => expect({ a: 1 }).toBeEmptyObject())).toBe("expect(received).toBeEmptyObject()\n\nReceived: {\n  a: 1,\n}\n");
    expect(failure(() => expect(1).toBeObject())).toBe("expect(received).toBeObject()\n\nExpected value to be an object\n\nReceived: 1\n");
    expect(failure(() => expect({}).not.toBeObject())).toBe("expect(received).not.toBeObject()\n\nExpected value not to be an object\n\nReceived: {}\n");
  });

  test("the key, value and object matchers return the expectation, others undefined", () => {
    const e = expect({ a: 1 });
    expect(e.toContainKey("a")).toBe(e);
    expect(e.toContainValue(1)).toBe(e);
    expect(e.toBeObject()).toBe(e);
    expect(expect(1).toBe(1)).toBeUndefined();
    expect(expect([1]).toContain(1)).toBeUndefined();
  });
});

describe("booleans, arrays and strings", () => {
  test("toBeTrue / toBeFalse are strict", () => {
    expect(true).toBeTrue();
    expect(1).not.toBeTrue();
    expect(new Boolean(true)).not.toBeTrue();
    expect(false).toBeFalse();
    expect(0).not.toBeFalse();
    expect(failure(() => expect(1).toBeTrue())).toBe("expect(received).toBeTrue()\n\nReceived: 1\n");
    expect(failure(() => expect(false).not.toBeFalse())).toBe("expect(received).not.toBeFalse()\n\nReceived: false\n");
  });

  test("toBeArrayOfSize", () => {
    expect([1, 2]).toBeArrayOfSize(2);
    expect("ab").not.toBeArrayOfSize(2);
    expect(failure(() => expect([1]).toBeArrayOfSize(2))).toBe("expect(received).toBeArrayOfSize()\n\nReceived: [ 1 ]\n");
    expect(thrown(() => expect([1]).toBeArrayOfSize(1.5)).message).toBe("toBeArrayOfSize() requires the first argument to be a number");
  });

  test("toEqualIgnoringWhitespace ignores ASCII whitespace only", () => {
    expect("a\n\tb  c").toEqualIgnoringWhitespace("abc");
    expect("a\u00a0b").not.toEqualIgnoringWhitespace("ab");
    expect(failure(() => expect("a b").toEqualIgnoringWhitespace("ab c"))).toBe(
      'expect(received).toEqualIgnoringWhitespace(expected)\n\nExpected: "ab c"\nReceived: "a b"\n',
    );
    expect(thrown(() => expect("1").toEqualIgnoringWhitespace(1 as any)).message).toBe(
      "toEqualIgnoringWhitespace() requires argument to be a string",
    );
  });

  test("toIncludeRepeated counts non-overlapping occurrences", () => {
    expect("abab").toIncludeRepeated("ab", 2);
    expect("aaa").not.toIncludeRepeated("aa", 2);
    expect("b").toIncludeRepeated("a", 0);
    expect(failure(() => expect("aaa").toIncludeRepeated("a", 2))).toBe(
      'expect(received).toIncludeRepeated(expected)\n\nExpected to include: "a" 2 times \nReceived: "aaa"\n',
    );
    expect(failure(() => expect("a").toIncludeRepeated("a", 0))).toBe(
      'expect(received).toIncludeRepeated(expected)\n\nExpected to not include: "a"\nReceived: "a"\n',
    );
    expect(thrown(() => expect("a").toIncludeRepeated("", 1)).message).toBe(
      "toIncludeRepeated() requires the first argument to be a non-empty string",
    );
    expect(thrown(() => expect(1).toIncludeRepeated("a", 1)).message).toBe("toIncludeRepeated() requires the expect(value) to be a string");
  });

  test("toContain compares with === (NaN is never found)", () => {
    expect([NaN]).not.toContain(NaN);
    expect([0]).toContain(-0);
    expect(new Set([1])).toContain(1);
    expect("abc").toContain("b");
    expect(failure(() => expect([NaN]).toContain(NaN))).toBe("expect(received).toContain(expected)\n\nExpected to contain: NaN\nReceived: [ NaN ]\n");
    expect(thrown(() => expect({ a: 1 }).toContain(1)).message).toBe(
      "Received value must be an array type, or both received and expected values must be strings.",
    );
  });
});

describe("pass, fail and unreachable", () => {
  test("pass() and fail()", () => {
    expect(1).pass();
    expect(1).not.fail();
    expect(failure(() => expect(1).not.pass())).toBe("expect(received).not.pass()\n\npasses by .pass() assertion\n");
    // Bun's hint for fail() shows ".not" when there is none.
    expect(failure(() => expect(1).fail())).toBe("expect(received).not.fail()\n\nfails by .fail() assertion\n");
    expect(failure(() => expect(1).fail("boom"))).toBe("expect(received).not.fail()\n\nboom\n");
    const e = thrown(() => expect(1).pass(5 as any));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe("Expected message to be a string for 'pass'.");
  });

  test("expect.unreachable()", () => {
    const e = thrown(() => expect.unreachable());
    expect(e.name).toBe("UnreachableError");
    expect(e.message).toBe("reached unreachable code");
    expect(thrown(() => expect.unreachable("m")).message).toBe("m");
    const own = new TypeError("mine");
    expect(thrown(() => expect.unreachable(own as any))).toBe(own);
  });

  test("expect.assertions() checks its argument", () => {
    expect(thrown(() => expect.assertions(-1)).message).toBe("Expected value must be a non-negative integer: -1");
    expect(thrown(() => expect.assertions("x" as any)).message).toBe('Expected value must be a non-negative integer: "x"');
    expect(thrown(() => (expect.assertions as any)())).toBeInstanceOf(TypeError);
  });
});

describe("mock matchers", () => {
  const called = () => {
    const fn = jest.fn((x: unknown) => x);
    fn(1);
    fn(2);
    return fn;
  };

  test("every alias Bun has exists and reports under the full name", () => {
    const fn = called();
    expect(fn).toHaveNthReturnedWith(2, 2);
    expect(fn).nthReturnedWith(1, 1);
    expect(fn).toHaveLastReturnedWith(2);
    expect(fn).lastReturnedWith(2);
    expect(fn).lastCalledWith(2);
    expect(fn).nthCalledWith(1, 1);
    expect(fn).toBeCalled();
    expect(fn).toBeCalledTimes(2);
    expect(fn).toBeCalledWith(1);
    expect(fn).toReturn();
    expect(failure(() => expect(fn).lastReturnedWith(5))).toBe("expect(received).toHaveBeenLastReturnedWith(expected)\n\nExpected: 5\nReceived: 2");
    expect(failure(() => expect(fn).nthReturnedWith(1, 5))).toBe("expect(received).toHaveNthReturnedWith(n, expected)\n\nCall 1:\nExpected: 5\nReceived: 1");
    expect(failure(() => expect(jest.fn()).toBeCalledWith(1))).toBe("expect(received).toHaveBeenCalledWith(...expected)\n\nExpected: [ 1 ]\nBut it was not called.");
  });

  test("messages for calls and returns", () => {
    const fn = called();
    expect(failure(() => expect(fn).toHaveBeenCalledWith(3))).toBe(
      "expect(received).toHaveBeenCalledWith(...expected)\n\n    Expected: [ 3 ]\n    Received:\n              1: [ 1 ]\n              2: [ 2 ]\n\n    Number of calls: 2\n",
    );
    expect(failure(() => expect(fn).toHaveBeenNthCalledWith(3, 1))).toBe(
      "expect(received).toHaveBeenNthCalledWith(n, ...expected)\n\nThe mock function was called 2 times, but call 3 was requested.",
    );
    expect(failure(() => expect(fn).toHaveReturnedTimes(1))).toBe(
      "expect(received).toHaveReturnedTimes(expected)\n\nExpected number of succesful returns: == 1\nReceived number of succesful returns:    2\nReceived number of calls:                2\n",
    );
    expect(failure(() => expect(fn).toHaveReturnedWith(3))).toBe(
      "expect(received).toHaveReturnedWith(expected)\n\n    Expected: 3\n    Received:\n              1: 1\n              2: 2\n\n    Number of returns: 2\n",
    );
    expect(failure(() => expect(fn).not.toHaveNthReturnedWith(1, 1))).toBe(
      "expect(received).not.toHaveNthReturnedWith(n, expected)\n\nExpected mock function not to have returned on call 1: 1\nBut it did.\n",
    );
  });

  test("bad arguments", () => {
    expect(thrown(() => expect(() => {}).toHaveBeenCalled()).message).toBe("Expected value must be a mock function: [Function]");
    expect(thrown(() => expect(jest.fn()).toHaveBeenCalledTimes(-1)).message).toBe(
      "toHaveBeenCalledTimes() requires 1 non-negative integer argument",
    );
    expect(thrown(() => expect(jest.fn()).toHaveNthReturnedWith(0, 1)).message).toBe("toHaveNthReturnedWith() n must be greater than 0");
    expect(thrown(() => expect(jest.fn()).toHaveBeenNthCalledWith(0)).message).toBe(
      "toHaveBeenNthCalledWith() first argument must be a positive integer",
    );
  });
});

describe("labels, flags and toThrow", () => {
  test("a label replaces the hint line", () => {
    expect(failure(() => expect(1, "my label").toBe(2))).toBe("my label\n\nExpected: 2\nReceived: 1\n");
    expect(failure(() => expect(() => {}, "lab").toThrow())).toBe("lab\n\nReceived function did not throw\nReceived value: undefined\n");
    // Numbers, empty strings and plain objects are not labels.
    expect(failure(() => expect(1, 5 as any).toBe(2))).toBe("expect(received).toBe(expected)\n\nExpected: 2\nReceived: 1\n");
    expect(failure(() => expect(1, { a: 1 } as any).toBe(2))).toStartWith("expect(received).toBe(expected)");
    expect(failure(() => expect(1, { toString: () => "LAB" } as any).toBe(2))).toStartWith("LAB\n\n");
  });

  test(".not, .resolves and .rejects set flags on the same expectation", () => {
    const e = expect(1);
    expect(e.not).toBe(e);
    expect(failure(() => e.toBe(1))).toBe("expect(received).not.toBe(expected)\n\nExpected: not 1\n");
    expect(thrown(() => (expect(Promise.resolve(1)).resolves as any).rejects).message).toBe("Cannot chain .rejects() after .resolves()");
    expect(thrown(() => (expect(Promise.resolve(1)).rejects as any).resolves).message).toBe("Cannot chain .resolves() after .rejects()");
  });

  test("toThrow messages", () => {
    expect(failure(() => expect(() => { throw new TypeError("t"); }).toThrow(RangeError))).toBe(
      'expect(received).toThrow(expected)\n\nExpected constructor: RangeError\nReceived constructor: TypeError\n\nReceived message: "t"\n',
    );
    expect(failure(() => expect(() => { throw null; }).not.toThrow())).toBe("expect(received).not.toThrow()\n\nThrown value: null\n");
    expect(failure(() => expect(() => 42).toThrowError("x"))).toBe(
      'expect(received).toThrow(expected)\n\nExpected substring: "x"\n\nReceived function did not throw\nReceived value: 42\n',
    );
    expect(() => { throw new Error("abc"); }).toThrow(expect.any(Error));
    expect(thrown(() => expect(1).toThrow()).message).toBe("Expected value must be a function");
    expect(thrown(() => expect(() => { throw 5; }).toThrow(5 as any)).message).toBe("Expected value must be string or Error: 5");
  });
});

test("a failure is reported at the matcher call, with the caller's frames", () => {
  const result = runTests(fixture("expect_failures.fixture.ts"));
  const stderr = plain(result.err);
  expect(result.code).toBe(1);
  expect(stderr).toContain(" 0 pass\n 3 fail\n 3 expect() calls");
  const [helper, mock, label] = stderr.split(/^\(fail\) .*$/m);
  expect(helper).toContain("5 |   expect(value).toBe(2);\n                    ^\nerror: expect(received).toBe(expected)\n\nExpected: 2\nReceived: 1\n");
  expect(helper).toMatch(/at helper \(.*expect_failures\.fixture\.ts:5:17\)\n\s+at <anonymous> \(.*expect_failures\.fixture\.ts:9:3\)/);
  expect(mock).toContain("error: expect(received).toHaveBeenCalledTimes(expected)\n\nExpected number of calls: 1\nReceived number of calls: 0\n");
  expect(label).toContain('error: custom label\n\n  {\n-   "a": 2,\n+   "a": 1,\n  }\n');
});

test("Bun.file(): toHaveLength is its size on disk, toBeEmpty when it has none", () => {
  const { mkdtempSync, writeFileSync } = require("node:fs");
  const { join } = require("node:path");
  const dir = mkdtempSync(join(require("node:os").tmpdir(), "rusk-file-len-"));
  writeFileSync(join(dir, "five.txt"), "12345");
  writeFileSync(join(dir, "empty.txt"), "");
  expect(Bun.file(join(dir, "five.txt"))).toHaveLength(5);
  expect(Bun.file(join(dir, "five.txt"))).not.toBeEmpty();
  expect(Bun.file(join(dir, "empty.txt"))).toHaveLength(0);
  expect(Bun.file(join(dir, "empty.txt"))).toBeEmpty();
  // A file that is not there has no length.
  expect(() => expect(Bun.file(join(dir, "missing.txt"))).toHaveLength(0)).toThrow();
  expect(new Blob(["abc"])).toHaveLength(3);
  expect(new Blob([])).toBeEmpty();
});
