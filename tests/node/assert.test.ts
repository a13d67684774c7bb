import { describe, test, expect } from "bun:test";
// Expectations follow Node 20 (checked against node's own assert). Bun differs, and fails these
// tests, where: its diffs end with "\n" and are never cut ("... Lines skipped"), its loose
// deepEqual compares {a: 1} and {a: "1"} as unequal, AssertionError has an extra `diff` key, and
// it implements CallTracker.
import assert, {
  AssertionError,
  CallTracker,
  ok,
  strictEqual,
  deepStrictEqual,
  deepEqual,
  notDeepEqual,
  throws,
  rejects,
  doesNotThrow,
  doesNotReject,
  match,
  doesNotMatch,
  fail,
  ifError,
} from "node:assert";
import strict from "node:assert/strict";

/** The thrown error's observable fields, or null when `f` does not throw. */
function errorOf(f: () => unknown) {
  try {
    f();
  } catch (e: any) {
    return { name: e.name, code: e.code, message: e.message, operator: e.operator, generatedMessage: e.generatedMessage };
  }
  return null;
}

async function rejectionOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e: any) {
    return { name: e.name, code: e.code, message: e.message, operator: e.operator, generatedMessage: e.generatedMessage };
  }
  return null;
}

describe("module shape", () => {
  test("the default export is assert itself, with the named functions on it", () => {
    expect(typeof assert).toBe("function");
    expect(assert.ok).toBe(ok);
    expect(assert.strictEqual).toBe(strictEqual);
    expect(assert.AssertionError).toBe(AssertionError);
  });

  test("assert.strict has the strict comparisons and points to itself", () => {
    expect(assert.strict).toBe(strict);
    expect(strict.strict).toBe(strict);
    expect(strict.equal).toBe(assert.strictEqual);
    expect(strict.deepEqual).toBe(assert.deepStrictEqual);
    expect(strict.notEqual).toBe(assert.notStrictEqual);
    expect(strict.notDeepEqual).toBe(assert.notDeepStrictEqual);
    expect(errorOf(() => strict.equal(1, "1"))?.message).toBe("Expected values to be strictly equal:\n\n1 !== '1'\n");
  });
});

describe("ok", () => {
  test("passes on truthy values", () => {
    expect(errorOf(() => assert(1))).toBeNull();
    expect(errorOf(() => ok("x"))).toBeNull();
    expect(errorOf(() => strict({}))).toBeNull();
  });

  test("no argument", () => {
    expect(errorOf(() => (assert as any)())).toEqual({
      name: "AssertionError",
      code: "ERR_ASSERTION",
      message: "No value argument passed to `assert.ok()`",
      operator: "==",
      generatedMessage: true,
    });
  });

  test("falsy value with and without a message", () => {
    // Node prints the call's source here when it can read it; rusk uses Node's fallback form.
    expect(errorOf(() => ok(0))?.message).toBe("0 == true");
    expect(errorOf(() => ok(false, "custom"))).toMatchObject({ message: "custom", generatedMessage: false });
    expect(() => ok(null, new RangeError("own"))).toThrow(RangeError);
  });
});

describe("equal and strictEqual", () => {
  test("loose equal uses ==, and NaN equals NaN", () => {
    expect(errorOf(() => assert.equal(1, "1"))).toBeNull();
    expect(errorOf(() => assert.equal(NaN, NaN))).toBeNull();
    expect(errorOf(() => assert.equal(1, 2))).toMatchObject({ message: "1 == 2", operator: "==" });
    expect(errorOf(() => assert.notEqual(1, "1"))).toMatchObject({ message: "1 != '1'", operator: "!=" });
  });

  test("strictEqual messages", () => {
    expect(errorOf(() => strictEqual(1, 2))).toEqual({
      name: "AssertionError",
      code: "ERR_ASSERTION",
      message: "Expected values to be strictly equal:\n\n1 !== 2\n",
      operator: "strictEqual",
      generatedMessage: true,
    });
    expect(errorOf(() => strictEqual({ a: 1 }, { a: 1 }))?.message).toBe("Values have same structure but are not reference-equal:\n\n{\n  a: 1\n}\n");
    expect(errorOf(() => strictEqual({ a: 1 }, { a: 2 }))?.message).toBe(
      'Expected "actual" to be reference-equal to "expected":\n+ actual - expected\n\n  {\n+   a: 1\n-   a: 2\n  }',
    );
    expect(errorOf(() => strictEqual("hello world", "hello there"))?.message).toBe(
      "Expected values to be strictly equal:\n+ actual - expected\n\n+ 'hello world'\n- 'hello there'\n         ^",
    );
    expect(errorOf(() => strictEqual(0, -0))?.message).toBe("Expected values to be strictly equal:\n+ actual - expected\n\n+ 0\n- -0");
  });

  test("a caller's message replaces the heading of the diff", () => {
    expect(errorOf(() => strictEqual(1, 2, "custom"))).toMatchObject({ message: "custom\n\n1 !== 2\n", generatedMessage: false });
    expect(errorOf(() => assert.equal(1, 2, "custom"))?.message).toBe("custom");
    expect(() => strictEqual(1, 2, new TypeError("mine"))).toThrow(TypeError);
  });

  test("notStrictEqual", () => {
    expect(errorOf(() => assert.notStrictEqual(1, 2))).toBeNull();
    expect(errorOf(() => assert.notStrictEqual(1, 1))?.message).toBe('Expected "actual" to be strictly unequal to: 1');
    const o = { a: 1 };
    expect(errorOf(() => assert.notStrictEqual(o, o))?.message).toBe('Expected "actual" not to be reference-equal to "expected":\n\n{\n  a: 1\n}\n');
  });

  test("missing arguments", () => {
    expect(errorOf(() => (assert.strictEqual as any)(1))).toMatchObject({
      name: "TypeError",
      code: "ERR_MISSING_ARGS",
      message: 'The "actual" and "expected" arguments must be specified',
    });
  });
});

describe("deep equality", () => {
  test("deepStrictEqual compares prototypes and types", () => {
    class Foo {
      a = 1;
    }
    expect(errorOf(() => deepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }))).toBeNull();
    expect(errorOf(() => deepStrictEqual(new Foo(), { a: 1 }))?.operator).toBe("deepStrictEqual");
    expect(errorOf(() => deepStrictEqual({ a: 1 }, { a: "1" }))?.message).toBe(
      "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  {\n+   a: 1\n-   a: '1'\n  }",
    );
  });

  test("deepStrictEqual diffs", () => {
    expect(errorOf(() => deepStrictEqual({ a: 1, b: 2 }, { a: 1, b: 3 }))?.message).toBe(
      "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  {\n    a: 1,\n+   b: 2\n-   b: 3\n  }",
    );
    expect(errorOf(() => deepStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 11]))?.message).toBe(
      "Expected values to be strictly deep-equal:\n+ actual - expected ... Lines skipped\n\n  [\n    1,\n...\n    8,\n    9,\n+   10\n-   11\n  ]",
    );
    expect(errorOf(() => deepStrictEqual([1, 2], [1, 2, 3]))?.message).toBe(
      "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  [\n    1,\n    2,\n-   3\n  ]",
    );
    expect(errorOf(() => deepStrictEqual(1, 2))?.message).toBe("Expected values to be strictly deep-equal:\n\n1 !== 2\n");
    expect(errorOf(() => deepStrictEqual(new Error("x"), new Error("y")))?.message).toBe(
      "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ [Error: x]\n- [Error: y]\n          ^",
    );
  });

  test("long diffs are cut after about 50 lines", () => {
    const a = Array.from({ length: 120 }, (_, i) => i);
    const b = a.map((i) => -i);
    const message = errorOf(() => deepStrictEqual(a, b))!.message;
    // Differing lines print as all the `+` lines, then the `-` lines, each run cut at `...`.
    expect(message).toStartWith("Expected values to be strictly deep-equal:\n+ actual - expected ... Lines skipped\n\n  [\n+   0,\n+   1,\n");
    expect(message).toInclude("\n+   24,\n...\n-   -0,\n");
    expect(message).toEndWith("\n-   -24,\n...");
    expect(message.split("\n").length).toBeLessThan(60);
  });

  test("notDeepStrictEqual", () => {
    expect(errorOf(() => assert.notDeepStrictEqual({ a: 1 }, { a: 2 }))).toBeNull();
    expect(errorOf(() => assert.notDeepStrictEqual({ a: 1 }, { a: 1 }))?.message).toBe('Expected "actual" not to be strictly deep-equal to:\n\n{\n  a: 1\n}\n');
  });

  test("deepEqual follows the loose rules", () => {
    class Foo {
      a = 1;
    }
    expect(errorOf(() => deepEqual({ a: 1 }, { a: "1" }))).toBeNull();
    expect(errorOf(() => deepEqual(new Foo(), { a: 1 }))).toBeNull();
    expect(errorOf(() => deepEqual(null, undefined))).toBeNull();
    expect(errorOf(() => deepEqual(new Set([1, 2]), new Set(["1", "2"])))).toBeNull();
    expect(errorOf(() => deepEqual(new Float64Array([0]), new Float64Array([-0])))).toBeNull();
    expect(errorOf(() => deepEqual(new Date(0), new Date(1)))?.operator).toBe("deepEqual");
    expect(errorOf(() => deepEqual(null, {}))?.operator).toBe("deepEqual");
    expect(errorOf(() => deepEqual({ a: 1 }, { a: 2 }))?.message).toBe(
      "Expected values to be loosely deep-equal:\n\n{\n  a: 1\n}\n\nshould loosely deep-equal\n\n{\n  a: 2\n}",
    );
  });

  test("deepEqual handles cycles", () => {
    const a: any = { x: 1 };
    a.self = a;
    const b: any = { x: 1 };
    b.self = b;
    expect(errorOf(() => deepEqual(a, b))).toBeNull();
    b.x = 2;
    expect(errorOf(() => deepEqual(a, b))?.code).toBe("ERR_ASSERTION");
  });

  test("notDeepEqual", () => {
    expect(errorOf(() => notDeepEqual({ a: 1 }, { a: 2 }))).toBeNull();
    expect(errorOf(() => notDeepEqual({ a: 1 }, { a: "1" }))?.message).toBe(
      "Expected values not to be loosely deep-equal:\n\n{\n  a: 1\n}\n\nshould not loosely deep-equal\n\n{\n  a: '1'\n}",
    );
    expect(errorOf(() => notDeepEqual({ a: 1 }, { a: 1 }))?.message).toBe('Expected "actual" not to be loosely deep-equal to:\n\n{\n  a: 1\n}');
  });
});

describe("throws", () => {
  const err = Object.assign(new TypeError("bad thing"), { code: "E1" });
  const thrower = () => {
    throw err;
  };

  test("validates by class, RegExp, function and object", () => {
    expect(errorOf(() => throws(thrower))).toBeNull();
    expect(errorOf(() => throws(thrower, TypeError))).toBeNull();
    expect(errorOf(() => throws(thrower, /bad/))).toBeNull();
    expect(errorOf(() => throws(thrower, (e: any) => e === err))).toBeNull();
    expect(errorOf(() => throws(thrower, { message: /bad/, code: "E1" }))).toBeNull();
    expect(errorOf(() => throws(thrower, new TypeError("bad thing")))).toBeNull();
  });

  test("no exception", () => {
    expect(errorOf(() => throws(() => {}))).toEqual({
      name: "AssertionError",
      code: "ERR_ASSERTION",
      message: "Missing expected exception.",
      operator: "throws",
      generatedMessage: false,
    });
    expect(errorOf(() => throws(() => {}, TypeError))?.message).toBe("Missing expected exception (TypeError).");
    expect(errorOf(() => throws(() => {}, "why"))?.message).toBe("Missing expected exception: why");
  });

  test("mismatches", () => {
    expect(errorOf(() => throws(thrower, RangeError))).toMatchObject({
      message: 'The error is expected to be an instance of "RangeError". Received "TypeError"\n\nError message:\n\nbad thing',
      operator: "throws",
      generatedMessage: true,
    });
    expect(errorOf(() => throws(thrower, /good/))?.message).toBe("The input did not match the regular expression /good/. Input:\n\n'TypeError: bad thing'\n");
    expect(errorOf(() => throws(thrower, { message: /good/ }))?.message).toBe(
      "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  Comparison {\n+   message: 'bad thing'\n-   message: /good/\n  }",
    );
    expect(errorOf(() => throws(thrower, () => false))?.message).toStartWith('The validation function is expected to return "true". Received false');
    expect(errorOf(() => throws(thrower, { code: "E2" }, "mine"))).toMatchObject({ message: "mine", generatedMessage: false });
  });

  test("argument errors", () => {
    expect(errorOf(() => throws(5 as any))).toMatchObject({
      code: "ERR_INVALID_ARG_TYPE",
      message: 'The "fn" argument must be of type function. Received type number (5)',
    });
    expect(errorOf(() => throws(thrower, 5 as any))?.message).toBe(
      'The "error" argument must be of type function or an instance of Error, RegExp, or Object. Received type number (5)',
    );
    expect(errorOf(() => throws(thrower, {}))).toMatchObject({
      code: "ERR_INVALID_ARG_VALUE",
      message: "The argument 'error' may not be an empty object. Received {}",
    });
    expect(errorOf(() => throws(thrower, "bad thing"))).toMatchObject({
      name: "TypeError",
      code: "ERR_AMBIGUOUS_ARGUMENT",
      message: 'The "error/message" argument is ambiguous. The error message "bad thing" is identical to the message.',
    });
  });

  test("doesNotThrow", () => {
    expect(errorOf(() => doesNotThrow(() => {}))).toBeNull();
    expect(errorOf(() => doesNotThrow(thrower))).toMatchObject({ message: 'Got unwanted exception.\nActual message: "bad thing"', operator: "doesNotThrow" });
    expect(errorOf(() => doesNotThrow(thrower, "hm"))?.message).toBe('Got unwanted exception: hm\nActual message: "bad thing"');
    // An error of another class is rethrown as it is.
    expect(() => doesNotThrow(thrower, RangeError)).toThrow(err);
  });
});

describe("rejects", () => {
  const err = new TypeError("bad thing");

  test("validates the rejection", async () => {
    expect(await rejectionOf(rejects(Promise.reject(err), TypeError))).toBeNull();
    expect(await rejectionOf(rejects(async () => Promise.reject(err), { message: "bad thing" }))).toBeNull();
    expect(await rejectionOf(rejects(Promise.resolve(1)))).toMatchObject({ message: "Missing expected rejection.", operator: "rejects" });
    expect(await rejectionOf(rejects(Promise.reject(err), /good/))).toMatchObject({ operator: "rejects", generatedMessage: true });
  });

  test("argument errors reject", async () => {
    expect(await rejectionOf(rejects((() => 5) as any))).toMatchObject({
      code: "ERR_INVALID_RETURN_VALUE",
      message: 'Expected instance of Promise to be returned from the "promiseFn" function but got type number (5).',
    });
    expect(await rejectionOf(rejects(5 as any))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
  });

  test("doesNotReject", async () => {
    expect(await rejectionOf(doesNotReject(Promise.resolve(1)))).toBeNull();
    expect(await rejectionOf(doesNotReject(Promise.reject(err), "msg"))).toMatchObject({
      message: 'Got unwanted rejection: msg\nActual message: "bad thing"',
      operator: "doesNotReject",
    });
  });
});

describe("match, fail, ifError", () => {
  test("match and doesNotMatch", () => {
    expect(errorOf(() => match("abc", /b/))).toBeNull();
    expect(errorOf(() => match("abc", /x/))).toMatchObject({
      message: "The input did not match the regular expression /x/. Input:\n\n'abc'\n",
      operator: "match",
    });
    expect(errorOf(() => doesNotMatch("abc", /b/))?.message).toBe("The input was expected to not match the regular expression /b/. Input:\n\n'abc'\n");
    expect(errorOf(() => match(1 as any, /x/))?.message).toBe('The "string" argument must be of type string. Received type number (1)');
    expect(errorOf(() => match("abc", "b" as any))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
  });

  test("fail", () => {
    expect(errorOf(() => fail())).toMatchObject({ message: "Failed", operator: "fail", generatedMessage: true });
    expect(errorOf(() => fail("boom"))).toMatchObject({ message: "boom", generatedMessage: false });
    expect(() => fail(new RangeError("own"))).toThrow(RangeError);
  });

  test("ifError", () => {
    expect(errorOf(() => ifError(null))).toBeNull();
    expect(errorOf(() => ifError(undefined))).toBeNull();
    expect(errorOf(() => ifError(new Error("x")))).toMatchObject({ message: "ifError got unwanted exception: x", operator: "ifError" });
    expect(errorOf(() => ifError("x"))?.message).toBe("ifError got unwanted exception: 'x'");
  });
});

describe("AssertionError", () => {
  test("properties and string form", () => {
    const e = new AssertionError({ actual: 1, expected: 2, operator: "strictEqual" });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("AssertionError");
    expect(e.code).toBe("ERR_ASSERTION");
    expect(e.actual).toBe(1);
    expect(e.expected).toBe(2);
    expect(e.generatedMessage).toBe(true);
    expect(e.message).toBe("Expected values to be strictly equal:\n\n1 !== 2\n");
    expect(String(e)).toBe("AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n\n1 !== 2\n");
    expect(Object.keys(e)).toEqual(["generatedMessage", "code", "actual", "expected", "operator"]);
  });

  test("options must be an object", () => {
    expect(errorOf(() => new AssertionError(5 as any))).toMatchObject({
      code: "ERR_INVALID_ARG_TYPE",
      message: 'The "options" argument must be of type object. Received type number (5)',
    });
  });

  test("CallTracker is not implemented", () => {
    // Node 20 has it (deprecated); rusk says clearly that it does not.
    expect(() => new CallTracker()).toThrow("not implemented");
  });
});
