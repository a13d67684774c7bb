// `rusk test`'s command line and bunfig.toml, checked by running the runner on small files
// written to a temporary directory. Passes under Bun too (the expectations are Bun 1.4.5's),
// except where noted: Bun documents bunfig's `timeout` but does not apply it; rusk does.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isRusk, project, runnerEnv, runTests } from "./helpers";

// A bare `<runner> test [...args]` in the project directory `dir`.
const runIn = (dir: string, ...args: string[]) => runTests(null, { cwd: dir, args });

// The `(status) name` lines, without timings.
const statusLines = (text: string) =>
  text.split("\n").filter((l) => /^\((pass|fail|skip|todo)\)/.test(l)).map((l) => l.replace(/ \[[\d.]+ms\]$/, ""));

const MIXED = `import { test, expect } from "bun:test";
test("p1", () => {});
test("f1", () => { expect(1).toBe(2); });
test("f2", () => { expect(1).toBe(3); });
test.todo("t1", () => { expect(1).toBe(1); });
test.todo("t2", () => { expect(1).toBe(2); });
test.todo("t3");
test("p2", () => {});
`;

describe("--bail", () => {
  test("stops at the first failure and says so", () => {
    const dir = project({ "a.test.ts": MIXED, "b.test.ts": MIXED });
    const r = runIn(dir, "--bail");
    expect(r.code).toBe(1);
    expect(statusLines(r.err)).toEqual(["(pass) p1", "(fail) f1"]);
    expect(r.err).toContain("Ran 2 tests across 1 file.");
    expect(r.err).toContain("Bailed out after 1 failure\n");
    expect(r.err).not.toContain("b.test.ts:");
  });

  test("--bail=2 allows two failures", () => {
    const dir = project({ "a.test.ts": MIXED });
    const r = runIn(dir, "--bail=2");
    expect(statusLines(r.err)).toEqual(["(pass) p1", "(fail) f1", "(fail) f2"]);
    expect(r.err).toContain("Bailed out after 2 failures\n");
  });
});

describe("--todo", () => {
  test("runs todo tests: a passing one fails, a failing one stays todo", () => {
    const dir = project({ "a.test.ts": MIXED });
    const r = runIn(dir, "--todo");
    expect(statusLines(r.err)).toEqual([
      "(pass) p1", "(fail) f1", "(fail) f2", "(fail) t1", "(todo) t2", "(todo) t3", "(pass) p2",
    ]);
    expect(r.err).toContain("(fail) t1");
    expect(r.err).toContain("  ^ this test is marked as todo but passes. Remove `.todo` if tested behavior now works");
    expect(r.err).toMatch(/ 3 fail\n/);
    expect(r.err).toMatch(/ 2 todo\n/);
  });

  test("without --todo, todo tests do not run", () => {
    const dir = project({ "a.test.ts": MIXED });
    const r = runIn(dir);
    expect(statusLines(r.err)).toEqual(["(pass) p1", "(fail) f1", "(fail) f2", "(todo) t1", "(todo) t2", "(todo) t3", "(pass) p2"]);
    expect(r.err).toContain(" 2 expect() calls");
  });
});

describe("--only", () => {
  test("runs only .only tests, across files", () => {
    const dir = project({
      "a.test.ts": `import { test } from "bun:test";\ntest("a1", () => {});\n`,
      "b.test.ts": `import { test } from "bun:test";\ntest("b1", () => {});\ntest.only("bo", () => {});\n`,
    });
    const r = runIn(dir, "--only");
    expect(statusLines(r.err)).toEqual(["(pass) bo"]);
    expect(r.err).toContain("Ran 1 test across 2 files.");
    expect(r.code).toBe(0);
  });

  test("on CI, .only is an error", () => {
    const dir = project({ "a.test.ts": `import { test } from "bun:test";\ntest.only("o", () => {});\n` });
    const r = runTests(null, { cwd: dir, env: { CI: "true" } });
    expect(r.code).toBe(1);
    expect(r.err).toContain(".only is disabled in CI environments to prevent accidentally skipping tests. To override, set the environment variable CI=false.");
  });
});

test("--rerun-each runs each file n times with a run number", () => {
  const dir = project({ "a.test.ts": `import { test } from "bun:test";\ntest("x", () => {});\n` });
  const r = runIn(dir, "--rerun-each=2");
  expect(r.err).toContain("a.test.ts: (run #1)\n(pass) x");
  expect(r.err).toContain("a.test.ts: (run #2)\n(pass) x");
  expect(r.err).toContain(" 2 pass\n");
  expect(r.err).toContain("Ran 2 tests across 1 file.");
  // No expect() ran: Bun leaves the count out.
  expect(r.err).not.toContain("expect() calls");
});

describe("retry and repeats", () => {
  const FILE = `import { test, expect, afterEach, onTestFinished } from "bun:test";
let n = 0;
test("retry", () => { n++; expect(n).toBe(3); }, { retry: 3 });
let r = 0;
test("repeats", () => { r++; console.log("run", r); }, { repeats: 2 });
let q = 0;
test("repeats-fail", () => { q++; expect(q).toBeLessThan(2); }, { repeats: 5 });
let f = 0;
test("retry-exhausted", () => { f++; expect(f).toBe(0); }, { retry: 1 });
`;
  test("retry reruns a failing test; repeats reruns a passing one until it fails", () => {
    const r = runIn(project({ "a.test.ts": FILE }));
    expect(statusLines(r.err)).toEqual([
      "(pass) retry (attempt 3)",
      "(pass) repeats (run 3)",
      "(fail) repeats-fail (run 2)",
      "(fail) retry-exhausted (attempt 2)",
    ]);
    expect(r.out).toContain("run 1\nrun 2\nrun 3\n");
    // Only the last run's expect() calls count, as in Bun.
    expect(r.err).toContain(" 3 expect() calls");
  });

  test("--retry sets the default", () => {
    const dir = project({ "a.test.ts": `import { test, expect } from "bun:test";\nlet n = 0;\ntest("x", () => { n++; expect(n).toBe(2); });\n` });
    expect(statusLines(runIn(dir, "--retry=1").err)).toEqual(["(pass) x (attempt 2)"]);
    expect(statusLines(runIn(dir).err)).toEqual(["(fail) x"]);
  });

  test("bad retry values are a TypeError naming the option", () => {
    const dir = project({ "a.test.ts": `import { test } from "bun:test";\ntest("x", () => {}, { retry: -1 });\n` });
    const r = runIn(dir);
    // Bun ignores the bad value; rusk refuses it.
    if (isRusk) {
      expect(r.code).toBe(1);
      expect(r.err).toContain('test() option "retry" must be a non-negative integer, received -1');
    }
  });
});

test("onTestFinished runs after afterEach, also when the test fails", () => {
  const dir = project({
    "a.test.ts": `import { test, afterEach, onTestFinished } from "bun:test";
afterEach(() => console.log("afterEach"));
test("ok", () => { onTestFinished(() => console.log("finished1")); onTestFinished(() => console.log("finished2")); console.log("body"); });
test("bad", () => { onTestFinished(() => console.log("finished3")); throw new Error("x"); });
`,
  });
  const r = runIn(dir);
  expect(r.out).toBe("body\nafterEach\nfinished1\nfinished2\nafterEach\nfinished3\n");
  expect(statusLines(r.err)).toEqual(["(pass) ok", "(fail) bad"]);
});

test("xit, xtest, xdescribe skip; expectTypeOf checks nothing at run time", () => {
  const dir = project({
    "a.test.ts": `import { test, xit, xtest, xdescribe, expectTypeOf } from "bun:test";
xit("a", () => { throw new Error("ran"); });
xtest("b", () => { throw new Error("ran"); });
xdescribe("d", () => { test("c", () => { throw new Error("ran"); }); });
test("types", () => {
  const t = expectTypeOf(1);
  t.toEqualTypeOf<string>();
  t.not.toBeNumber();
  console.log(typeof t, Object.keys(t).length);
});
`,
  });
  const r = runIn(dir);
  expect(statusLines(r.err)).toEqual(["(skip) a", "(skip) b", "(skip) d > c", "(pass) types"]);
  expect(r.out).toBe("object 0\n");
});

test("the file's header comes before its top-level output", () => {
  const dir = project({ "a.test.ts": `import { test } from "bun:test";\nconsole.log("TOP");\ntest("p", () => {});\n` });
  const r = runIn(dir);
  expect(r.out).toBe("TOP\n");
  expect(r.err).not.toContain("(pass) p\nTOP");
  expect(r.err.indexOf("a.test.ts:")).toBeLessThan(r.err.indexOf("(pass) p"));
});

describe("--reporter=junit", () => {
  const FILE = `import { test, describe } from "bun:test";
describe("outer", () => {
  describe("inner", () => { test("deep", () => {}); });
  test("mid", () => { throw new TypeError("bad <&>"); });
});
test.skip("sk", () => {});
test.todo("td");
`;
  test("writes Bun's JUnit XML", () => {
    const dir = project({ "x.test.ts": FILE });
    const r = runIn(dir, "--reporter=junit", "--reporter-outfile=report.xml");
    expect(r.code).toBe(1);
    const xml = readFileSync(join(dir, "report.xml"), "utf8");
    expect(xml).toStartWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bun test" tests="4" assertions="0" failures="1" skipped="2" time="');
    expect(xml).toMatch(/<testsuite name="x.test.ts" file="x.test.ts" tests="4" assertions="0" failures="1" skipped="2" time="[\d.]+" hostname="[^"]+">/);
    expect(xml).toMatch(/<testsuite name="outer" file="x.test.ts" line="\d+" tests="2" assertions="0" failures="1" skipped="0" time="0" hostname="[^"]+">\n\s+<testsuite name="inner"/);
    expect(xml).toMatch(/<testcase name="deep" classname="inner &gt; outer" time="[\d.]+" file="x.test.ts" line="3" assertions="0" \/>/);
    expect(xml).toContain('<failure type="TypeError" message="bad &lt;&amp;&gt;">TypeError: bad &lt;&amp;&gt;&#10;      at x.test.ts:4:');
    expect(xml).toMatch(/<testcase name="sk" classname="" time="0(\.0+)?" file="x.test.ts" line="6" assertions="0">\n\s+<skipped \/>/);
    expect(xml).toContain('<skipped message="TODO" />');
    expect(xml).toEndWith("</testsuites>\n");
  });

  test("needs an outfile", () => {
    const r = runIn(project({ "x.test.ts": FILE }), "--reporter=junit");
    expect(r.code).not.toBe(0);
    expect(r.err).toContain("--reporter=junit requires --reporter-outfile [file] to specify where to save the XML report");
  });
});

describe("bunfig.toml [test]", () => {
  test("preload runs before each file; root is where tests are found", () => {
    const dir = project({
      "bunfig.toml": `[test]\npreload = ["./setup.ts"]\nroot = "sub"\n`,
      "setup.ts": `console.log("PRELOAD"); (globalThis as any).fromPreload = 42;\n`,
      "sub/s.test.ts": `import { test, expect } from "bun:test";\ntest("sees the preload", () => { expect((globalThis as any).fromPreload).toBe(42); });\n`,
      "elsewhere.test.ts": `import { test } from "bun:test";\ntest("not under root", () => {});\n`,
    });
    const r = runIn(dir);
    expect(r.out).toContain("PRELOAD");
    expect(statusLines(r.err)).toEqual(["(pass) sees the preload"]);
    expect(r.code).toBe(0);
  });

  test("--preload on the command line", () => {
    const dir = project({
      "setup.ts": `(globalThis as any).fromPreload = "cli";\n`,
      "a.test.ts": `import { test, expect } from "bun:test";\ntest("p", () => { expect((globalThis as any).fromPreload).toBe("cli"); });\n`,
    });
    const r = runIn(dir, "--preload", "./setup.ts");
    expect(statusLines(r.err)).toEqual(["(pass) p"]);
  });

  test.if(isRusk)("timeout applies (rusk; Bun documents it but ignores it)", () => {
    const dir = project({
      "bunfig.toml": `[test]\ntimeout = 30\n`,
      "a.test.ts": `import { test } from "bun:test";\ntest("slow", () => new Promise((r) => setTimeout(r, 300)));\n`,
    });
    const r = runIn(dir);
    expect(statusLines(r.err)).toEqual(["(fail) slow"]);
    expect(r.err).toContain("this test timed out after 30ms");
  });

  test.if(isRusk)("a malformed bunfig is an error naming the key", () => {
    const dir = project({ "bunfig.toml": `[test]\ntimeout = "soon"\n`, "a.test.ts": `import { test } from "bun:test";\ntest("p", () => {});\n` });
    const r = runIn(dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("bunfig.toml: [test] timeout must be a whole number");
  });
});

test.if(isRusk)("--coverage says it is not supported instead of pretending", () => {
  const r = runIn(project({ "a.test.ts": `import { test } from "bun:test";\ntest("p", () => {});\n` }), "--coverage");
  expect(r.code).toBe(2);
  expect(r.err).toContain("code coverage is not supported by rusk test");
});

test("test files may use the API without importing it; Bun.jest() gives it too", () => {
  const dir = project({
    "a.test.js": `describe("d", () => { test("t", () => { expect(typeof Bun.jest(import.meta.path).expect).toBe("function"); expect(vi.fn()()).toBe(undefined); }); });\n`,
  });
  const r = runIn(dir);
  expect(statusLines(r.err)).toEqual(["(pass) d > t"]);
  expect(r.code).toBe(0);
});

test("the report keeps its place among the tests' own output on a shared stream", () => {
  const dir = project({
    "a.test.ts": `import { test } from "bun:test";
test("a", () => { process.stdout.write("W1\\n"); });
test("b", () => { console.error("E2"); });
test("c", async () => { await new Promise((r) => setTimeout(r, 5)); console.log("L3"); });
`,
  });
  // Both streams into one pipe, as in `2>&1`.
  const r = Bun.spawnSync({ cmd: ["sh", "-c", `"${process.execPath}" test 2>&1`], cwd: dir, env: runnerEnv() });
  const lines = r.stdout.toString().split("\n").map((l) => l.replace(/ \[[\d.]+ms\]$/, ""));
  const at = (line: string) => lines.indexOf(line);
  expect(at("W1")).toBeGreaterThan(-1);
  expect(at("W1")).toBeLessThan(at("(pass) a"));
  expect(at("(pass) a")).toBeLessThan(at("E2"));
  expect(at("E2")).toBeLessThan(at("(pass) b"));
  expect(at("(pass) b")).toBeLessThan(at("L3"));
  expect(at("L3")).toBeLessThan(at("(pass) c"));
});

test("a matcher promise the test did not await still fails that test", () => {
  const dir = project({
    "a.test.ts": `import { test, expect } from "bun:test";
test("unawaited", () => {
  const p = new Promise((r) => setTimeout(() => r(1), 5));
  expect(p).resolves.toBe(2);
});
test("next", () => {});
`,
  });
  const r = runIn(dir);
  expect(statusLines(r.err)).toEqual(["(fail) unawaited", "(pass) next"]);
  expect(r.err).not.toContain("Unhandled error between tests");
});
