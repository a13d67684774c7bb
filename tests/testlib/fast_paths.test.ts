// What the fast paths of expect() and of the runner must keep as it was (Bun 1.4.5's
// behaviour): toBe and toEqual on primitives with and without .not, the flags of an
// expectation, and, for tests run without hooks around them, expect.assertions(),
// onTestFinished, nested test() calls, the expect() count and the report's order.
import { describe, expect, test } from "bun:test";
import { failure, project, runTests } from "./helpers";

describe("expectations and their flags", () => {
  test("toBe is Object.is, with and without .not", () => {
    expect(NaN).toBe(NaN);
    expect(-0).not.toBe(0);
    expect("a").not.toBe("b");
    expect(failure(() => expect(0).toBe(-0))).toBe("expect(received).toBe(expected)\n\nExpected: -0\nReceived: 0\n");
    expect(failure(() => expect(NaN).not.toBe(NaN))).toBe("expect(received).not.toBe(expected)\n\nExpected: not NaN\n");
    const o = {};
    expect(failure(() => expect(o).not.toBe(o))).toBe("expect(received).not.toBe(expected)\n\nExpected: not {}\n");
  });

  test("an expectation keeps its flags, and .not returns the same object", () => {
    const e = expect(1);
    expect(e.not === e).toBe(true);
    expect(failure(() => e.toBe(1))).toBe("expect(received).not.toBe(expected)\n\nExpected: not 1\n");
    expect(1).not.not.toBe(1);
    expect(Object.getPrototypeOf(expect(1).not)).toBe(Object.getPrototypeOf(expect(1)));
  });

  test("other matchers see the received value after .not", () => {
    expect([1, 2]).not.toHaveLength(3);
    expect([1]).not.not.toHaveLength(1);
    expect({ a: 1 }).not.not.toEqual({ a: 1 });
    expect(failure(() => expect(0).not.toBeFalsy())).toBe("expect(received).not.toBeFalsy()\n\nReceived: 0\n");
    expect.extend({ toBeFortyTwo: (r: unknown) => ({ pass: r === 42, message: () => `got ${r}` }) });
    (expect(1).not as any).toBeFortyTwo();
    (expect(42).not.not as any).toBeFortyTwo();
    expect(failure(() => (expect(42).not as any).toBeFortyTwo())).toBe("expect(received).toBeFortyTwo()\n\ngot 42");
  });

  test(".resolves and .rejects", async () => {
    await expect(Promise.resolve(1)).resolves.toBe(1);
    await expect(Promise.resolve(1)).resolves.not.toBe(2);
    await expect(Promise.reject(3)).rejects.toBe(3);
    expect(failure(() => expect(Promise.resolve(1)).rejects.resolves)).toBe("Cannot chain .resolves() after .rejects()");
    expect(failure(() => expect(1).resolves.rejects)).toBe("Cannot chain .rejects() after .resolves()");
    expect(failure(() => expect(1).resolves.toBe(1))).toBe("expect(received).resolves.toBe(expected)\n\nExpected promise\nReceived: 1\n");
  });
});

test("toEqual compares primitives with Object.is", () => {
  expect(NaN).toEqual(NaN);
  expect("a").not.toEqual("b");
  expect(null).not.toEqual(undefined);
  expect(failure(() => expect(0).toEqual(-0))).toBe("expect(received).toEqual(expected)\n\nExpected: -0\nReceived: 0\n");
  expect(failure(() => expect(1).not.toEqual(1))).toBe("expect(received).not.toEqual(expected)\n\nExpected: not 1\n");
});

describe("tests without hooks around them", () => {
  const FILE = `import { test, expect, onTestFinished } from "bun:test";
test("counts", () => { expect.assertions(2); expect(1).toBe(1); expect(2).not.toBe(1); });
test("too few", () => { expect.assertions(2); expect(1).toBe(1); });
test("none", () => { expect.hasAssertions(); });
test("finished", () => { onTestFinished(() => console.log("finished ran")); console.log("body ran"); });
test("nested", () => { test("inner", () => {}); });
test("throws", () => { throw new Error("boom"); });
test("async", async () => { await 1; expect(1).toBe(1); });
let n = 0;
test("retried", () => { n++; expect(n).toBe(n); expect(n).toBe(2); }, { retry: 2 });
`;

  test("keep their checks, callbacks and errors", () => {
    const r = runTests("a.test.ts", { cwd: project({ "a.test.ts": FILE }) });
    expect(r.code).toBe(1);
    const err = r.err.replace(/ \[[\d.]+ms\]/g, "");
    expect(err).toContain("AssertionError: expected 2 assertions, but test ended with 1 assertion\n(fail) too few\n");
    expect(err).toContain("AssertionError: received 0 assertions, but expected at least one assertion to be called\n(fail) none\n");
    expect(err).toContain("(pass) finished\n");
    expect(r.out).toBe("body ran\nfinished ran\n");
    expect(err).toContain("error: Cannot call test() inside a test. Call it inside describe() instead.\n");
    expect(err).toMatch(/error: boom\n.*\n\(fail\) throws\n/);
    expect(err).toContain("(pass) async\n");
    // Only the last attempt's calls count.
    expect(err).toContain("(pass) retried (attempt 2)\n");
    expect(err).toContain("\n 4 pass\n 4 fail\n 6 expect() calls\nRan 8 tests across 1 file.");
  });

  test("are reported in order, also past the output's blocks and around other output", () => {
    const body = Array.from({ length: 1200 }, (_, i) => `test("t${i}", () => {${i === 700 ? ' console.error("between");' : ""} });`);
    const r = runTests("a.test.ts", { cwd: project({ "a.test.ts": `import { test } from "bun:test";\n${body.join("\n")}\n` }) });
    expect(r.code).toBe(0);
    const lines = r.err.split("\n").filter((l) => l.startsWith("(pass)") || l === "between");
    const want = Array.from({ length: 1200 }, (_, i) => `(pass) t${i}`);
    want.splice(700, 0, "between");
    expect(lines.map((l) => l.replace(/ \[[\d.]+ms\]$/, ""))).toEqual(want);
    expect(r.err).toContain("\n 1200 pass\n 0 fail\nRan 1200 tests across 1 file.");
  });
});
