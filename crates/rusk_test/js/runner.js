import { shared } from "rusk:test/shared";
import { AssertionError } from "rusk:test/expect";
import { printValue } from "rusk:test/format";
import { rootScope } from "rusk:test/registry";
import { junitSuite } from "rusk:test/junit";
import { readFile } from "rusk:test/native";
import { isObjectLike, plural, userFrame } from "rusk:test/util";

// ---------------------------------------------------------------------------
// 8. Runner
// ---------------------------------------------------------------------------

// The phase that an uncaught error should be routed to (set while a test's
// beforeEach / body / afterEach runs).
export let out = { write: () => {} };
export let readSource = null;
export const unhandledErrors = [];

export class TimeoutError extends Error {
  constructor(ms, what) { super(`${what} timed out after ${ms}ms`); this.name = "TimeoutError"; this.timeoutMs = ms; }
}

export const now = () => (typeof performance !== "undefined" && performance.now ? performance.now() : Date.now());

// Runs a test body or hook. Settles when the function (and its done callback,
// if it declares one) completes, when it times out, or when reportUncaught()
// routes an error into it.
export function runFn(fn, timeoutMs, what, thisArg) {
  return new Promise((resolve, reject) => {
    let settled = false;
    let timer = null;
    const finish = (err) => {
      if (settled) return;
      settled = true;
      if (timer !== null) clearTimeout(timer);
      if (shared.currentTestState && shared.currentTestState.abort === finish) shared.currentTestState.abort = null;
      if (err === undefined) resolve(); else reject(err);
    };
    if (shared.currentTestState) shared.currentTestState.abort = (err) => finish(err === undefined ? new Error("undefined") : err);
    if (timeoutMs > 0 && Number.isFinite(timeoutMs)) {
      timer = setTimeout(() => {
        const err = new TimeoutError(timeoutMs, what);
        if (fn.length >= 1) {
          err.message += ", before its done callback was called. If a done callback was not intended, remove the last parameter from the test callback function";
        }
        finish(err);
      }, timeoutMs);
    }
    try {
      if (fn.length >= 1) {
        // done-callback style: done() passes, done(err) fails.
        let doneCalled = false;
        const done = (err) => {
          if (doneCalled) return;
          doneCalled = true;
          if (err === undefined || err === null || err === false) finish();
          else finish(err);
        };
        const r = fn.call(thisArg, done);
        if (r && typeof r.then === "function") r.then(undefined, (e) => finish(e === undefined ? new Error("Promise rejected with undefined") : e));
      } else {
        const r = fn.call(thisArg);
        if (r && typeof r.then === "function") {
          r.then(() => finish(), (e) => finish(e === undefined ? new Error("Promise rejected with undefined") : e));
        } else finish();
      }
    } catch (e) {
      finish(e === undefined ? new Error("undefined") : e);
    }
  });
}

// Text block printed before "(fail) ..." lines (Bun's shape):
//   <source excerpt, when the runtime gave us a reader>
//   error: message
//         at <anonymous> (/abs/file.ts:3:36)
export function formatError(err) {
  let head, loc = null;
  if (err instanceof Error || (isObjectLike(err) && "message" in err)) {
    const name = err.name && err.name !== "Error" ? err.name : "error";
    head = `${name}: ${err.message}`;
    if (!err.noLocation) loc = err.loc || userFrame(err.stack);
  } else {
    head = `error: ${typeof err === "string" ? err : printValue(err)}`;
  }
  let text = "";
  if (loc && readSource) text += sourceExcerpt(loc);
  text += head + "\n";
  if (loc) text += `      at ${loc.fn && !/^(Object\.)?<anonymous>$/.test(loc.fn) ? loc.fn : "<anonymous>"} (${loc.file}:${loc.line}${loc.col ? ":" + loc.col : ""})\n`;
  return text;
}

export const sourceCache = new Map();
export function sourceExcerpt(loc) {
  let src = sourceCache.get(loc.file);
  if (src === undefined) {
    try { src = readSource(loc.file); } catch { src = null; }
    sourceCache.set(loc.file, src);
  }
  if (typeof src !== "string") return "";
  const lines = src.split("\n");
  if (loc.line < 1 || loc.line > lines.length) return "";
  const first = Math.max(1, loc.line - 5);
  const width = String(loc.line).length;
  let text = "";
  for (let n = first; n <= loc.line; n++) text += `${String(n).padStart(width)} | ${lines[n - 1]}\n`;
  if (loc.col) text += " ".repeat(width + 3 + loc.col - 1) + "^\n";
  return text;
}

export function fmtDuration(ms) {
  // Bun omits the duration for very fast tests.
  return ms >= 0.01 ? ` [${ms.toFixed(2)}ms]` : "";
}

// Collects which tests are part of this run (.only and -t filtering), and
// which are excluded entirely (Bun does not count them at all).
export function planTests(namePattern, onlyFlag = false) {
  const all = [];
  const walk = (scope, names) => {
    for (const c of scope.children) {
      if (c.kind === "scope") walk(c, names.concat([c.name]));
      else all.push({ test: c, names: names.concat([c.name]) });
    }
  };
  walk(rootScope, []);
  const hasOnly = (node) => node.only || (node.kind === "scope" && node.children.some(hasOnly));
  // `--only`: only .only tests run, in every file (a file without any runs none).
  const anyOnly = onlyFlag || hasOnly(rootScope);
  const underOnly = (t) => {
    for (let n = t; n; n = n.parent) if (n.only) return true;
    return false;
  };
  const re = namePattern ? new RegExp(namePattern) : null;
  const included = new Set();
  let filtered = 0;
  for (const { test: t, names } of all) {
    if (anyOnly && !underOnly(t)) continue;
    if (re && !re.test(names.join(" "))) { filtered++; continue; }
    included.add(t);
  }
  return { included, filtered };
}

// Effective mode of a test: an enclosing describe.skip wins over todo.
export function effectiveMode(t) {
  let mode = t.mode;
  for (let s = t.parent; s; s = s.parent) {
    if (s.mode === "skip") return "skip";
    if (s.mode === "todo" && mode === "run") mode = "todo";
  }
  return mode;
}

// The run's options, given before the test file is imported (registration reads some).
export function configure(options) {
  shared.options = options;
}

export async function run(options = {}) {
  if (shared.running) throw new Error("run() called twice");
  shared.running = true;
  shared.options = options;
  out = { write: typeof options.write === "function" ? options.write : () => {} };
  readSource = typeof options.readFile === "function" ? options.readFile : readFile;
  const baseTimeout = () => shared.defaultTimeout ?? options.timeout ?? 5000;
  const results = [];
  const counts = { pass: 0, fail: 0, skip: 0, todo: 0 };
  const fileStart = now();
  const write = (s) => out.write(s);

  const { included, filtered } = planTests(options.namePattern || null, options.only);
  // --bail: the failures this file may have before the run stops.
  const bailAt = typeof options.bail === "number" ? options.bail : Infinity;
  let bailed = false;

  // `suffix` names the attempt (` (attempt 2)`, ` (run 3)`); `detail` keeps what the JUnit
  // report needs.
  const report = (names, status, durationMs, errorText, note, suffix = "", detail = {}) => {
    counts[status]++;
    const name = names.join(" > ");
    results.push({ names, status, durationMs, ...detail });
    if (errorText) write(errorText);
    write(`(${status}) ${name}${suffix}${fmtDuration(durationMs)}\n`);
    if (note) write(`  ^ ${note}\n`);
    if (status === "fail" && counts.fail >= bailAt) bailed = true;
  };

  const countRunnable = (scope) => {
    let n = 0;
    for (const c of scope.children) {
      if (c.kind === "scope") n += countRunnable(c);
      else if (included.has(c) && effectiveMode(c) === "run") n++;
    }
    return n;
  };
  const countIncluded = (scope) => {
    let n = 0;
    for (const c of scope.children) n += c.kind === "scope" ? countIncluded(c) : included.has(c) ? 1 : 0;
    return n;
  };

  // Runs hooks of one kind; returns the first error (or undefined).
  const runHooks = async (hooks, names, label) => {
    for (const h of hooks) {
      try {
        await runFn(h.fn, h.timeout ?? baseTimeout(), `${label} hook`);
      } catch (e) {
        return e;
      }
    }
    return undefined;
  };

  // The chain of scopes from the root to `scope`.
  const chain = (scope) => {
    const list = [];
    for (let s = scope; s; s = s.parent) list.unshift(s);
    return list;
  };

  // One run of a test: beforeEach hooks, the body, afterEach hooks, onTestFinished
  // callbacks. Returns the first error (undefined when it passed) and the time it took.
  const runAttempt = async (t, names) => {
    shared.assertionCount = 0;
    shared.expectedAssertions = null;
    shared.expectHasAssertions = false;
    const state = { abort: null, test: t, finished: [] };
    shared.currentTestName = names.join(" ");
    shared.currentTestState = state;
    const start = now();
    let error;
    let printed = false;
    // The first error decides the outcome. Bun prints it when it happens (before the
    // afterEach hooks' output), except for .failing tests, whose errors are expected, and
    // the test's own timeout, which becomes a note under its line.
    const fail = (e) => {
      if (error !== undefined) return;
      error = e;
      const isTimeout = e instanceof TimeoutError && e.message.startsWith("this test");
      if (!t.failing && !isTimeout) {
        write(formatError(e));
        printed = true;
      }
    };
    const scopes = chain(t.parent);

    // beforeEach outer -> inner; on failure the body is not run, but the
    // afterEach hooks still are (Bun does the same).
    for (const s of scopes) {
      const e = await runHooks(s.hooks.beforeEach, names, "beforeEach");
      if (e !== undefined) { fail(e); break; }
    }
    if (error === undefined) {
      try {
        await runFn(t.fn, t.timeout ?? baseTimeout(), "this test");
      } catch (e) {
        fail(e);
      }
      if (error === undefined) {
        if (shared.expectedAssertions !== null && shared.assertionCount !== shared.expectedAssertions) {
          fail(new AssertionError(`expected ${plural(shared.expectedAssertions, "assertion")}, but test ended with ${plural(shared.assertionCount, "assertion")}`));
        } else if (shared.expectHasAssertions && shared.assertionCount === 0) {
          fail(new AssertionError("received 0 assertions, but expected at least one assertion to be called"));
        }
      }
    }
    for (const s of [...scopes].reverse()) {
      const e = await runHooks(s.hooks.afterEach, names, "afterEach");
      if (e !== undefined) fail(e);
    }
    for (const fn of state.finished) {
      try {
        await runFn(fn, baseTimeout(), "onTestFinished callback");
      } catch (e) {
        fail(e);
      }
    }
    shared.currentTestState = null;
    return { error, printed, duration: now() - start, assertions: shared.assertionCount };
  };

  // The outcome of an attempt: "pass" or "fail" with what to print.
  const judge = (t, error, todo) => {
    if (todo) {
      // --todo runs todo tests: failing is expected, passing is the news.
      if (error === undefined) return { status: "fail", note: "this test is marked as todo but passes. Remove `.todo` if tested behavior now works" };
      return { status: "todo", text: formatError(error) };
    }
    if (t.failing) {
      // .failing inverts the outcome (a timeout still counts as a failure).
      if (error === undefined) return { status: "fail", note: "this test is marked as failing but it passed. Remove `.failing` if tested behavior now works" };
      if (!(error instanceof TimeoutError)) return { status: "pass" };
    }
    if (error === undefined) return { status: "pass" };
    if (error instanceof TimeoutError && error.message.startsWith("this test")) {
      const note = error.message.endsWith("function") ? error.message : `${error.message}.`;
      return { status: "fail", text: "", note };
    }
    return { status: "fail", text: formatError(error) };
  };

  const runTest = async (t, names) => {
    let mode = effectiveMode(t);
    const todo = mode === "todo" && options.todo && typeof t.fn === "function";
    if (mode === "skip" || (mode === "todo" && !todo)) return report(names, mode, 0, undefined, undefined, "", { line: t.line });
    // retry: run again while it fails; repeats: run again while it passes. Bun counts the
    // expect() calls of the last run only.
    const retries = todo ? 0 : t.retry ?? options.retry ?? 0;
    const repeats = todo ? 0 : t.repeats ?? 0;
    let attempt = 0;
    for (;;) {
      attempt++;
      const { error, printed, duration, assertions } = await runAttempt(t, names);
      const verdict = judge(t, error, todo);
      if (printed) verdict.text = undefined;
      const again = verdict.status === "fail" ? attempt <= retries : verdict.status === "pass" && attempt <= repeats;
      if (again) {
        if (verdict.text) write(verdict.text);
        shared.expectCallsTotal -= assertions;
        continue;
      }
      const suffix = retries > 0 && attempt > 1 ? ` (attempt ${attempt})` : repeats > 0 && attempt > 1 ? ` (run ${attempt})` : "";
      return report(names, verdict.status, duration, verdict.text, verdict.note, suffix, { line: t.line, assertions, error });
    }
  };

  const runScope = async (scope, names) => {
    if (countIncluded(scope) === 0) return;
    const runnable = countRunnable(scope) > 0;
    if (runnable) {
      const start = now();
      const err = await runHooks(scope.hooks.beforeAll, names, "beforeAll");
      if (err !== undefined) {
        // Bun reports a single "(unnamed)" failure for the scope and does not
        // run or count its tests; afterAll hooks still run.
        report(names.concat(["(unnamed)"]), "fail", now() - start, formatError(err));
        await runHooks(scope.hooks.afterAll, names, "afterAll");
        return;
      }
    }
    for (const c of scope.children) {
      if (bailed) break;
      if (c.kind === "scope") await runScope(c, names.concat([c.name]));
      else if (included.has(c)) await runTest(c, names.concat([c.name]));
    }
    if (runnable) {
      const err = await runHooks(scope.hooks.afterAll, names, "afterAll");
      if (err !== undefined) report(names.concat(["(unnamed)"]), "fail", 0, formatError(err));
    }
  };

  // A describe() body that threw: Bun reports it as an error between tests
  // (before any test runs) and still runs what was registered.
  const reportRegistrationErrors = (scope) => {
    if (scope.registrationError) reportUncaught(scope.registrationError);
    for (const c of scope.children) if (c.kind === "scope") reportRegistrationErrors(c);
  };
  reportRegistrationErrors(rootScope);

  try {
    await runScope(rootScope, []);
  } finally {
    shared.currentTestState = null;
  }

  // Work that must wait for the whole file (writing its snapshots): each hook may return
  // fields to add to the file's result (e.g. `snapshots`).
  const extra = {};
  for (const hook of shared.fileEndHooks) Object.assign(extra, await hook());

  return {
    ...extra,
    bailed,
    junit: options.junit ? junitSuite(options.displayName || options.file || "test", results, now() - fileStart) : undefined,
    pass: counts.pass,
    fail: counts.fail,
    skip: counts.skip,
    todo: counts.todo,
    filtered, // tests excluded by namePattern (Bun prints " N filtered out")
    errors: unhandledErrors.length, // "N error" line: uncaught errors between tests
    expectCalls: shared.expectCallsTotal,
  };
}

// Called by the runtime for uncaught exceptions / unhandled rejections while
// the file runs. Inside a test (its hooks included) the test fails right away;
// otherwise it is reported as an error between tests, like Bun.
export function reportUncaught(error) {
  if (shared.currentTestState && shared.currentTestState.abort) {
    shared.currentTestState.abort(error);
    return;
  }
  const text = formatError(error);
  unhandledErrors.push(text);
  const bar = "-------------------------------";
  out.write(`\n# Unhandled error between tests\n${bar}\n${text}${bar}\n\n`);
}


// Uncaught errors and unhandled rejections reach the library before the program's own
// listeners: they fail the running test, or are errors between tests.
globalThis[Symbol.for("rusk.internals")].uncaughtHandler = (error) => {
  reportUncaught(error);
  return true;
};
