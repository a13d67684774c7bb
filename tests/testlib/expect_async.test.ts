import { describe, expect, test } from "bun:test";
import { asyncFailure, failure, fixture, later, plain, runTests } from "./helpers";

const laterReject = (reason: unknown, ms = 1) => new Promise((_, reject) => setTimeout(reject, ms, reason));

describe(".resolves / .rejects on a settled promise are checked at once", () => {
  test("a pass returns undefined", () => {
    expect(expect(Promise.resolve(1)).resolves.toBe(1)).toBeUndefined();
    expect(expect(Promise.reject(new Error("x"))).rejects.toThrow("x")).toBeUndefined();
    expect(expect(Promise.resolve(2)).not.resolves.toBe(1)).toBeUndefined();
  });

  test("a failure throws, with the matcher's own hint", () => {
    expect(failure(() => expect(Promise.resolve(1)).resolves.toBe(2))).toBe("expect(received).toBe(expected)\n\nExpected: 2\nReceived: 1\n");
    expect(failure(() => expect(Promise.reject(1)).resolves.toBe(1))).toBe(
      "expect(received).resolves.toBe(expected)\n\nExpected promise that resolves\nReceived promise that rejected: Promise { <rejected> }\n",
    );
    expect(failure(() => expect(Promise.resolve(1)).rejects.toBe(1))).toBe(
      "expect(received).rejects.toBe(expected)\n\nExpected promise that rejects\nReceived promise that resolved: Promise { <resolved> }\n",
    );
  });

  test("a value that is no promise is an error, functions included", () => {
    expect(failure(() => expect(1).resolves.toBe(1))).toBe("expect(received).resolves.toBe(expected)\n\nExpected promise\nReceived: 1\n");
    expect(failure(() => expect(() => Promise.resolve(1)).rejects.toBe(1))).toBe(
      "expect(received).rejects.toBe(expected)\n\nExpected promise\nReceived: [Function]\n",
    );
    expect(failure(() => expect(1, "LB").resolves.toBe(1))).toBe("LB\n\nExpected promise\nReceived: 1\n");
  });

  test("toThrow takes the settled value as what was thrown", () => {
    expect(Promise.reject(5)).rejects.toThrow();
    expect(failure(() => expect(Promise.reject(new Error("x"))).rejects.toThrow("y"))).toBe(
      'expect(received).toThrow(expected)\n\nExpected substring: "y"\nReceived message: "x"\n',
    );
  });
});

describe("pending promises", () => {
  test("resolves and rejects wait for the promise", async () => {
    await expect(later(1)).resolves.toBe(1);
    await expect(laterReject(new Error("boom"))).rejects.toThrow("boom");
    await expect(later({ a: 1 })).resolves.toEqual({ a: 1 });
    expect(await asyncFailure(() => expect(later(1)).resolves.toBe(2))).toBe("expect(received).toBe(expected)\n\nExpected: 2\nReceived: 1\n");
    expect(await asyncFailure(() => expect(laterReject(1)).resolves.toBe(1))).toBe(
      "expect(received).resolves.toBe(expected)\n\nExpected promise that resolves\nReceived promise that rejected: Promise { <rejected> }\n",
    );
  });

  test("a thenable is no promise", () => {
    expect(failure(() => expect({ then: (resolve: (v: number) => void) => resolve(5) }).resolves.toBe(5))).toBe(
      "expect(received).resolves.toBe(expected)\n\nExpected promise\nReceived: {\n  then: [Function: then],\n}\n",
    );
  });
});

describe("toThrow with functions that return promises", () => {
  test("a settled rejection counts as a throw, a resolution does not", () => {
    expect(async () => { throw new Error("aa"); }).toThrow("aa");
    expect(() => Promise.reject(new Error("pr"))).toThrow("pr");
    expect(failure(() => expect(async () => 1).toThrow())).toBe(
      "expect(received).toThrow()\n\nReceived function did not throw\nReceived value: Promise { <resolved> }\n",
    );
    expect(failure(() => expect(async () => { throw new Error("aa"); }).not.toThrow())).toBe(
      'expect(received).not.toThrow()\n\nError name: "Error"\nError message: "aa"\n',
    );
  });

  test("a pending one is waited for, and the function is called once", async () => {
    let calls = 0;
    await expect(async () => {
      calls++;
      await later(0);
      throw new TypeError("thrown later");
    }).toThrow(TypeError);
    expect(calls).toBe(1);
    expect(await asyncFailure(() => expect(async () => { await later(0); }).toThrow())).toBe(
      "expect(received).toThrow()\n\nReceived function did not throw\nReceived value: Promise { <resolved> }\n",
    );
  });

  test("a thenable return value is not awaited", () => {
    expect(failure(() => expect(() => ({ then() {} })).toThrow())).toStartWith(
      "expect(received).toThrow()\n\nReceived function did not throw\nReceived value: {",
    );
  });
});

describe("expect.resolvesTo / expect.rejectsTo", () => {
  test("match a settled promise by its value", () => {
    expect(Promise.resolve(5)).toEqual(expect.resolvesTo.closeTo(5));
    expect({ a: Promise.resolve("one") }).toEqual({ a: expect.resolvesTo.stringContaining("on") });
    const rejected = Promise.reject(new Error("abc"));
    expect(rejected).toEqual(expect.rejectsTo.objectContaining({ message: "abc" }));
    expect(Promise.resolve(5)).toEqual(expect.not.resolvesTo.any(String));
    expect(Promise.resolve(5)).toEqual(expect.resolvesTo.not.any(String));
    expect(Promise.resolve(5)).not.toEqual(expect.rejectsTo.anything());
  });

  test("print what they expect", () => {
    expect(failure(() => expect(5).toEqual(expect.resolvesTo.any(Number)))).toBe(
      "expect(received).toEqual(expected)\n\nExpected: promise resolved to Any<Number>\nReceived: 5\n",
    );
    expect(failure(() => expect({ n: 7 }).toEqual({ n: expect.not.any(Number) }))).toBe(
      'expect(received).toEqual(expected)\n\n  {\n-   "n": NotAny<Number>,\n+   "n": 7,\n  }\n\n- Expected  - 1\n+ Received  + 1\n',
    );
    expect(String(expect.rejectsTo)).toBe("[object ExpectStatic]");
  });
});

describe("asymmetric matchers that meet a pending promise", () => {
  test("expect.resolvesTo waits for the promise inside the value", async () => {
    await expect(later("one")).toEqual(expect.resolvesTo.stringContaining("on"));
    await expect({ a: later("one", 5), b: 1 }).toMatchObject({ a: expect.resolvesTo.any(String) });
    expect(await asyncFailure(() => expect({ a: later("one") }).toEqual({ a: expect.resolvesTo.stringContaining("two") }))).toBe(
      'expect(received).toEqual(expected)\n\n  {\n-   "a": promise resolved to StringContaining "two",\n+   "a": Promise {},\n  }\n\n- Expected  - 1\n+ Received  + 1\n',
    );
  });

  test("an async custom matcher is called once for each use", async () => {
    const seen: unknown[] = [];
    expect.extend({
      async toBeSeenLater(received: unknown, expected: unknown) {
        seen.push(received);
        await later(0);
        return { pass: received === expected, message: () => "" };
      },
    });
    const x = expect as any;
    await expect([1, { a: 3 }]).toEqual([x.toBeSeenLater(1), { a: x.toBeSeenLater(3) }]);
    expect(seen).toEqual([1, 3]);
  });
});

test("failures that are found later point at the matcher call", () => {
  const result = runTests(fixture("expect_async.fixture.ts"));
  const stderr = plain(result.err);
  expect(result.code).toBe(1);
  expect(stderr).toContain("0 pass\n 4 fail\n 3 expect() calls");
  const blocks = stderr.split(/^\(fail\) .*$/m);
  expect(blocks[0]).toContain("error: expect(received).toBe(expected)\n\nExpected: 2\nReceived: 1\n");
  expect(blocks[0]).toContain("expect_async.fixture.ts:14:35)");
  expect(blocks[1]).toContain("Received function did not throw\nReceived value: Promise { <resolved> }");
  expect(blocks[1]).toContain("expect_async.fixture.ts:18:49)");
  expect(blocks[2]).toContain("error: expect(received).toBeLater(expected)\n\nlater: 1 is not 2\n");
  expect(blocks[2]).toContain("expect_async.fixture.ts:22:19)");
  expect(blocks[3]).toContain("error: my label\n\nExpected promise that rejects\n");
});
