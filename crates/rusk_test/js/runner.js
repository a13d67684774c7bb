import { shared } from "rusk:test/shared";
import { AssertionError, expectCalls, uncountExpectCalls } from "rusk:test/expect";
import { describeFailed, onlyUsed, rootScope } from "rusk:test/registry";
import { readFile } from "rusk:test/native";
import { lazyModule, plural } from "rusk:test/util";

// Failure output and the JUnit report load on first use (most files need neither).
const format = lazyModule("rusk:test/format");
const junit = lazyModule("rusk:test/junit");

// ---------------------------------------------------------------------------
// Runner
// ---------------------------------------------------------------------------

// The phase that an uncaught error should be routed to (set while a test's
// beforeEach / body / afterEach runs).
export let out = { write: () => {} };

// The report is written in blocks (of 512 pieces, a line or an error each) rather than a
// system call per line. Whatever else writes to stdout or stderr during the run (console,
// process.stdout) flushes it first, so lines keep their order; so does waiting for an
// asynchronous test or hook.
// (Pieces are joined when flushed: appending to one growing string copies it every time.)
let pending = [];
function writeOutput(text) {
  if (pending.push(text) >= 512) flushOutput();
}
function flushOutput() {
  if (pending.length === 0) return;
  const text = pending.join("");
  pending = [];
  out.write(text);
}
export let readSource = null;
export const unhandledErrors = [];

export class TimeoutError extends Error {
  constructor(ms, what) { super(`${what} timed out after ${ms}ms`); this.name = "TimeoutError"; this.timeoutMs = ms; }
}

// The real clock and timers, captured before a test can install fake ones (jest.useFakeTimers):
// test timeouts and durations must not depend on them.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
// The engine's own clock is the cheapest (node:perf_hooks wraps it).
const clock = globalThis[Symbol.for("rusk.internals")].enginePerformance ?? globalThis.performance;
export const now = clock && typeof clock.now === "function" ? clock.now.bind(clock) : Date.now;

// Runs a test body or hook. Settles when the function (and its done callback,
// if it declares one) completes, when it times out, or when reportUncaught()
// routes an error into it.
export function runFn(fn, timeoutMs, what, thisArg) {
  const r = startFn(fn, timeoutMs, what, thisArg);
  if (r === SYNC_PASS) return Promise.resolve();
  return r instanceof Promise ? r : Promise.reject(r.thrown);
}

// A function that returned without a promise and without throwing.
export const SYNC_PASS = Object.freeze({});

// Calls a test body or hook. Most tests are synchronous: they finish here without a promise
// or a timeout timer (SYNC_PASS, or `{ thrown }`); otherwise the promise of runAsync.
export function startFn(fn, timeoutMs, what, thisArg) {
  if (fn.length >= 1) return runAsync(fn, timeoutMs, what, thisArg, undefined);
  let r;
  try {
    r = thisArg === undefined ? fn() : fn.call(thisArg);
  } catch (e) {
    return { thrown: e === undefined ? new Error("undefined") : e };
  }
  if (!r || typeof r.then !== "function") return SYNC_PASS;
  return runAsync(fn, timeoutMs, what, thisArg, r);
}

// Waits for a function's promise (`returned`) or its done callback, under the timeout.
function runAsync(fn, timeoutMs, what, thisArg, returned) {
  return new Promise((resolve, reject) => {
    let settled = false;
    let timer = null;
    const finish = (err) => {
      if (settled) return;
      settled = true;
      if (timer !== null) realClearTimeout(timer);
      if (shared.currentTestState && shared.currentTestState.abort === finish) shared.currentTestState.abort = null;
      if (err === undefined) resolve(); else reject(err);
    };
    if (shared.currentTestState) shared.currentTestState.abort = (err) => finish(err === undefined ? new Error("undefined") : err);
    if (timeoutMs > 0 && Number.isFinite(timeoutMs)) {
      timer = realSetTimeout(() => {
        const err = new TimeoutError(timeoutMs, what);
        if (fn.length >= 1) {
          err.message += ", before its done callback was called. If a done callback was not intended, remove the last parameter from the test callback function";
        }
        finish(err);
      }, timeoutMs);
    }
    try {
      if (returned !== undefined) {
        returned.then(() => finish(), (e) => finish(e === undefined ? new Error("Promise rejected with undefined") : e));
      } else if (fn.length >= 1) {
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
      }
    } catch (e) {
      finish(e === undefined ? new Error("undefined") : e);
    }
  });
}

// Text block printed before "(fail) ..." lines (Bun's shape):
//   <source excerpt of the first user frame, caret under the column>
//   error: message
//         at <anonymous> (/abs/file.ts:3:36)
export function formatError(err) {
  return format().errorBlock(err, sourceText);
}

// A source file's text for excerpts (null when unreadable), read once per file.
export const sourceCache = new Map();
export function sourceText(file) {
  let src = sourceCache.get(file);
  if (src === undefined) {
    try { src = readSource ? readSource(file) : null; } catch { src = null; }
    sourceCache.set(file, src);
  }
  return typeof src === "string" ? src : null;
}

export function fmtDuration(ms) {
  // Bun omits the duration for very fast tests.
  return ms >= 0.01 ? ` [${ms.toFixed(2)}ms]` : "";
}

// Marks the tests that are part of this run (.only and -t filtering; Bun does not count
// the others at all) and counts, per describe block, its included tests and those of them
// that will run (hooks of a block run only when it has some). Returns how many -t excluded
// (`filtered`) and whether any test was left out (`selective`; else all are included).
export function planTests(namePattern, onlyFlag = false) {
  const hasOnly = (node) => node.only || (node.kind === "scope" && node.children.some(hasOnly));
  // `--only`: only .only tests run, in every file (a file without any runs none).
  const anyOnly = onlyFlag || (onlyUsed && hasOnly(rootScope));
  const re = namePattern ? new RegExp(namePattern) : null;
  let filtered = 0;
  const walk = (scope, names, underOnly) => {
    // The blocks from the file down to this one (their hooks run around its tests).
    scope.chain = scope.parent ? [...scope.parent.chain, scope] : [scope];
    scope.path = scope.parent ? [...scope.parent.path, scope.name] : [];
    // What a test's name is printed after (`outer > inner > `).
    scope.prefix = scope.parent ? `${scope.parent.prefix}${scope.name} > ` : "";
    scope.hasEachHooks = scope.chain.some((s) => s.hooks.beforeEach.length > 0 || s.hooks.afterEach.length > 0);
    // What the block's mode makes of its tests' (an enclosing describe.skip wins over todo).
    scope.inheritedMode = scope.mode === "skip" || scope.parent?.inheritedMode === "skip" ? "skip"
      : scope.mode === "todo" || scope.parent?.inheritedMode === "todo" ? "todo" : "run";
    const inherited = scope.inheritedMode;
    let includedCount = 0, runnableCount = 0;
    const children = scope.children;
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (c.kind === "scope") {
        walk(c, re ? names.concat([c.name]) : names, underOnly || c.only);
        includedCount += c.includedCount;
        runnableCount += c.runnableCount;
        continue;
      }
      // (Without .only or -t every test is included, as registered.)
      if (anyOnly && !(underOnly || c.only)) {
        c.included = false;
        continue;
      }
      if (re !== null && !re.test(names.concat([c.name]).join(" "))) {
        filtered++;
        c.included = false;
        continue;
      }
      includedCount++;
      if (inherited === "run" && c.mode === "run") runnableCount++;
    }
    scope.includedCount = includedCount;
    scope.runnableCount = runnableCount;
  };
  walk(rootScope, [], false);
  return { filtered, selective: anyOnly || re !== null };
}

// A test's mode as its blocks make it (`inherited`: planTests' inheritedMode of its block).
function effectiveMode(mode, inherited) {
  if (inherited === "skip") return "skip";
  return inherited === "todo" && mode === "run" ? "todo" : mode;
}

// The run's options, given before the test file is imported (registration reads some).
export function configure(options) {
  shared.options = options;
  shared.quickRegistration = !options.junit;
}

// What rusk test's driver module calls for one file: configures the library, gives the test
// file the API as globals (it may use it without importing it, as in Bun), imports the preloads
// and the file through `load` (the driver imports them, so that they resolve from the file's
// directory), runs the tests and returns the counts.
export async function runFile(options, load) {
  const internals = globalThis[Symbol.for("rusk.internals")];
  const nativeWrite = internals.write;
  const write = (s) => nativeWrite(2, s);
  options.write = write;
  configure(options);
  const api = { ...(await import("rusk:test")) };
  delete api.default;
  for (const [name, value] of Object.entries(api)) {
    if (!(name in globalThis)) Object.defineProperty(globalThis, name, { value, writable: true, configurable: true });
  }
  write("\n" + options.header + "\n");
  try {
    await load();
  } catch (e) {
    write(internals.formatUncaught(e) + "\n");
    return { errors: 1 };
  }
  return run(options);
}

// One run of a test (also the running test's state, shared.currentTestState). Only the test
// and the start time are set for every test; the rest stays on the prototype unless used.
// (An object literal is cheaper to make than a class instance.)
const newAttempt = (test, start) => ({ __proto__: ATTEMPT, test, start });
const ATTEMPT = {
  // routes an uncaught error into the running asynchronous test
  abort: null,
  // onTestFinished callbacks
  finished: null,
  // promises of matchers the test may not have awaited (expect.js `pending`)
  pendingMatches: null,
  // the first error, which decides the outcome, and whether it was printed already
  error: undefined,
  printed: false,
  // expect.assertions(n) / expect.hasAssertions()
  expectedAssertions: null,
  expectHasAssertions: false,
  // set when the attempt ends
  duration: 0,
  assertions: 0,
};

export async function run(options = {}) {
  if (shared.running) throw new Error("run() called twice");
  shared.running = true;
  shared.quickRegistration = false;
  shared.options = options;
  out = { write: typeof options.write === "function" ? options.write : () => {} };
  const internals = globalThis[Symbol.for("rusk.internals")];
  const nativeWrite = internals.write;
  internals.write = (fd, text) => {
    flushOutput();
    return nativeWrite(fd, text);
  };
  internals.beforeStdioWrite = flushOutput;
  readSource = typeof options.readFile === "function" ? options.readFile : readFile;
  const timeoutOption = options.timeout ?? 5000;
  const baseTimeout = () => shared.defaultTimeout ?? timeoutOption;
  const results = [];
  const counts = { pass: 0, fail: 0, skip: 0, todo: 0 };
  const fileStart = now();
  const recap = [];
  const write = writeOutput;

  const { filtered, selective } = planTests(options.namePattern || null, options.only);
  // --bail: the failures this file may have before the run stops.
  const bailAt = typeof options.bail === "number" ? options.bail : Infinity;
  let bailed = false;

  // `suffix` names the attempt (` (attempt 2)`, ` (run 3)`); `detail` keeps what the JUnit
  // report needs.
  const report = (scope, leaf, status, durationMs, errorText, note, suffix = "", detail = undefined) => {
    counts[status]++;
    const name = scope.prefix + leaf;
    if (options.junit) results.push({ names: [...scope.path, leaf], status, durationMs, ...detail });
    if (errorText) write(errorText);
    write(`(${status}) ${name}${suffix}${fmtDuration(durationMs)}\n`);
    if (note) write(`  ^ ${note}\n`);
    // Bun lists the skipped, todo and failed tests again at the end of a long run.
    if (status !== "pass") recap.push(`(${status}) ${name}${suffix}${note ? `\n  ^ ${note}` : ""}`);
    if (status === "fail" && counts.fail >= bailAt) bailed = true;
  };

  // Synchronous hooks finish without a promise: the result is then the error itself
  // (undefined when they all passed), else a promise of it.
  // `names` is the path of the block the hooks belong to (snapshots taken in a hook are
  // named after it: shared.currentHookNames).
  const runHooks = (hooks, names, label) => {
    for (let i = 0; i < hooks.length; i++) {
      const h = hooks[i];
      shared.currentHookNames = names;
      const r = startFn(h.fn, h.timeout ?? baseTimeout(), `${label} hook`);
      if (r === SYNC_PASS) continue;
      if (!(r instanceof Promise)) {
        shared.currentHookNames = null;
        return r.thrown;
      }
      return r.then(() => runHooks(hooks.slice(i + 1), names, label), (e) => e).finally(() => {
        shared.currentHookNames = null;
      });
    }
    shared.currentHookNames = null;
    return undefined;
  };

  const chainOf = (scope) => scope.chain;

  // shared.currentTestState is the running test's attempt. A plain test (runPlainTest) runs
  // without one, made when first asked for: `lazyTest` is that test, `lazyStart` its start.
  let currentAttempt = null, lazyTest = null, lazyStart = 0;
  Object.defineProperty(shared, "currentTestState", {
    configurable: true,
    get: () => currentAttempt ?? (lazyTest === null ? null : (currentAttempt = newAttempt(lazyTest, lazyStart))),
    set: (state) => {
      currentAttempt = state;
      lazyTest = null;
    },
  });

  // The matcher calls of the running attempt are those counted since it began (attempts run
  // one at a time).
  let callsBeforeAttempt = 0;
  const attemptCalls = () => expectCalls - callsBeforeAttempt;

  // One run of a test: beforeEach hooks, the body, afterEach hooks, onTestFinished
  // callbacks. An attempt record keeps its first error (which decides the outcome) and
  // whether it was printed already.
  // The attempt is also the running test's state (shared.currentTestState): `abort` routes
  // an uncaught error into it, `finished` holds its onTestFinished callbacks.
  const beginAttempt = (t) => {
    callsBeforeAttempt = expectCalls;
    const att = newAttempt(t, now());
    shared.currentTestState = att;
    return att;
  };
  // Bun prints an error when it happens (before the afterEach hooks' output), except for
  // .failing tests, whose errors are expected, and the test's own timeout, which becomes a
  // note under its line.
  const failAttempt = (att, e) => {
    if (att.error !== undefined) return;
    att.error = e;
    const isTimeout = e instanceof TimeoutError && e.message.startsWith("this test");
    if (!att.test.failing && !isTimeout) {
      write(formatError(e));
      att.printed = true;
    }
  };
  const checkAssertions = (att) => {
    if (att.error !== undefined) return;
    const calls = attemptCalls();
    if (att.expectedAssertions !== null && calls !== att.expectedAssertions) {
      failAttempt(att, new AssertionError(`expected ${plural(att.expectedAssertions, "assertion")}, but test ended with ${plural(calls, "assertion")}`));
    } else if (att.expectHasAssertions && calls === 0) {
      failAttempt(att, new AssertionError("received 0 assertions, but expected at least one assertion to be called"));
    }
  };
  const endAttempt = (att) => {
    shared.currentTestState = null;
    att.duration = now() - att.start;
    att.assertions = attemptCalls();
    return att;
  };

  // The general attempt, for tests with hooks, callbacks or async bodies.
  const runAttempt = async (t) => {
    const att = beginAttempt(t);
    const scopes = chainOf(t.parent);
    // beforeEach outer -> inner; on failure the body is not run, but the
    // afterEach hooks still are (Bun does the same).
    for (const s of scopes) {
      if (s.hooks.beforeEach.length === 0) continue;
      let e = runHooks(s.hooks.beforeEach, s.path, "beforeEach");
      if (e instanceof Promise) e = await e;
      if (e !== undefined) { failAttempt(att, e); break; }
    }
    if (att.error === undefined) {
      const r = startFn(t.fn, t.timeout ?? baseTimeout(), "this test");
      if (r instanceof Promise) {
        try {
          await r;
        } catch (e) {
          failAttempt(att, e);
        }
      } else if (r !== SYNC_PASS) failAttempt(att, r.thrown);
      if (att.pendingMatches !== null) await waitForMatches(att);
      checkAssertions(att);
    }
    for (let i = scopes.length - 1; i >= 0; i--) {
      if (scopes[i].hooks.afterEach.length === 0) continue;
      let e = runHooks(scopes[i].hooks.afterEach, scopes[i].path, "afterEach");
      if (e instanceof Promise) e = await e;
      if (e !== undefined) failAttempt(att, e);
    }
    if (att.finished !== null) await runFinished(att);
    return endAttempt(att);
  };

  // Waits (under the test's timeout) for matcher promises the test left behind, so that a
  // failure among them is the test's: a rejection nobody handled reaches reportUncaught (the
  // runtime reports unhandled rejections at the end of an event-loop turn, hence the extra
  // turn) while this test is still the running one. Rejections the test handled itself (an
  // expect() of an expect()) do not count.
  const waitForMatches = async (att) => {
    const list = att.pendingMatches;
    att.pendingMatches = null;
    att.abort = (e) => failAttempt(att, e === undefined ? new Error("undefined") : e);
    // Polled rather than awaited: a handler of ours would mark the rejections as handled.
    const promiseState = globalThis[Symbol.for("rusk.internals")].promiseState;
    const isPending = (p) => promiseState(p)?.[0] === "pending";
    const limit = att.test.timeout ?? baseTimeout();
    const deadline = now() + limit;
    while (list.some(isPending)) {
      if (now() > deadline) {
        failAttempt(att, new TimeoutError(limit, "this test"));
        break;
      }
      await new Promise((resolve) => realSetTimeout(resolve, 1));
    }
    await new Promise((resolve) => realSetTimeout(resolve, 0));
    att.abort = null;
  };

  const runFinished = async (att) => {
    for (const fn of att.finished) {
      try {
        await runFn(fn, baseTimeout(), "onTestFinished callback");
      } catch (e) {
        failAttempt(att, e);
      }
    }
  };

  // Most tests have no beforeEach/afterEach hooks and a synchronous body: they run without
  // a promise, a timer, a closure or an await (a file of many small tests is dominated by
  // that cost). Returns the attempt, or a promise of it when the body turned out
  // asynchronous or registered onTestFinished callbacks.
  const runSimpleAttempt = (t) => {
    const att = beginAttempt(t);
    return settleSimpleAttempt(att, startFn(t.fn, t.timeout ?? baseTimeout(), "this test"));
  };
  // The rest of a simple attempt once its body was called (`r`: what startFn returned).
  const settleSimpleAttempt = (att, r) => {
    if (r === SYNC_PASS) return finishSimpleAttempt(att);
    if (!(r instanceof Promise)) {
      failAttempt(att, r.thrown);
      return finishSimpleAttempt(att);
    }
    return r.then(
      () => finishSimpleAttempt(att),
      (e) => {
        failAttempt(att, e);
        return finishSimpleAttempt(att);
      },
    );
  };
  const finishSimpleAttempt = (att) => {
    if (att.pendingMatches !== null) return waitForMatches(att).then(() => finishSimpleAttempt(att));
    checkAssertions(att);
    if (att.finished === null) return endAttempt(att);
    return runFinished(att).then(() => endAttempt(att));
  };

  // The outcome of an attempt: "pass" or "fail" (or "todo"), with the error text still to
  // print (errors are usually printed when they happen) and a note for under the line.
  const PASSED = Object.freeze({ status: "pass" });
  const judge = (t, att, todo) => {
    const error = att.error;
    if (error === undefined && !todo && !t.failing) return PASSED;
    const text = () => (att.printed ? undefined : formatError(error));
    if (todo) {
      // --todo runs todo tests: failing is expected, passing is the news.
      if (error === undefined) return { status: "fail", note: "this test is marked as todo but passes. Remove `.todo` if tested behavior now works" };
      return { status: "todo", text: text() };
    }
    if (t.failing) {
      // .failing inverts the outcome (a timeout still counts as a failure).
      if (error === undefined) return { status: "fail", note: "this test is marked as failing but it passed. Remove `.failing` if tested behavior now works" };
      if (!(error instanceof TimeoutError)) return PASSED;
    }
    if (error === undefined) return PASSED;
    if (error instanceof TimeoutError && error.message.startsWith("this test")) {
      const note = error.message.endsWith("function") ? error.message : `${error.message}.`;
      return { status: "fail", note };
    }
    return { status: "fail", text: text() };
  };

  // Reports a test from its last attempt; true when it must run again (retry: while it
  // fails; repeats: while it passes). Bun counts the expect() calls of the last run only.
  const conclude = (t, att, todo, attempt, retries, repeats) => {
    const verdict = judge(t, att, todo);
    const again = verdict.status === "fail" ? attempt <= retries : verdict.status === "pass" && attempt <= repeats;
    if (again) {
      if (verdict.text) write(verdict.text);
      uncountExpectCalls(att.assertions);
      return true;
    }
    const suffix = retries > 0 && attempt > 1 ? ` (attempt ${attempt})` : repeats > 0 && attempt > 1 ? ` (run ${attempt})` : "";
    report(t.parent, t.name, verdict.status, att.duration, verdict.text, verdict.note, suffix, options.junit ? { line: t.line, assertions: att.assertions, error: att.error } : undefined);
    return false;
  };

  // Reports a test's only attempt (or a promise of it); returns a promise only when it had to wait.
  const concludeOnce = (t, todo, att) => {
    if (!(att instanceof Promise)) {
      conclude(t, att, todo, 1, 0, 0);
      return undefined;
    }
    return att.then((a) => { conclude(t, a, todo, 1, 0, 0); });
  };

  // A plain test (registry.js) in a block without beforeEach/afterEach hooks around its tests,
  // in a run without retries or JUnit report: most tests. Its attempt is made only if something
  // asks for the test's state (shared.currentTestState, above); a test whose body returned
  // without a promise and that nothing asked about (no onTestFinished callback, matcher to wait
  // for or expected count) has passed, and is reported at once. Anything else goes on as
  // runTest's simple attempt. Returns a promise only when it had to wait.
  // (`prefix`: its block's; the line is report()'s; the timeout baseTimeout()'s.)
  const runPlainTest = (t, prefix) => {
    callsBeforeAttempt = expectCalls;
    lazyStart = now();
    lazyTest = t;
    const r = startFn(t.fn, shared.defaultTimeout ?? timeoutOption, "this test");
    if (r === SYNC_PASS && currentAttempt === null) {
      lazyTest = null;
      counts.pass++;
      write(`(pass) ${prefix}${t.name}${fmtDuration(now() - lazyStart)}\n`);
      return undefined;
    }
    return concludeOnce(t, false, settleSimpleAttempt(shared.currentTestState, r));
  };
  const plainRun = (options.retry ?? 0) === 0 && !options.junit;

  // Runs a test (`inheritedMode`: its block's, see planTests); returns a promise only when it
  // had to wait.
  const runTest = (t, inheritedMode) => {
    const mode = effectiveMode(t.mode, inheritedMode);
    const todo = mode === "todo" && options.todo && typeof t.fn === "function";
    if (mode === "skip" || (mode === "todo" && !todo)) {
      report(t.parent, t.name, mode, 0, undefined, undefined, "", options.junit ? { line: t.line } : undefined);
      return undefined;
    }
    const retries = todo ? 0 : t.retry ?? options.retry ?? 0;
    const repeats = todo ? 0 : t.repeats ?? 0;
    if (retries === 0 && repeats === 0 && !t.parent.hasEachHooks) return concludeOnce(t, todo, runSimpleAttempt(t));
    return (async () => {
      for (let attempt = 1; ; attempt++) {
        const att = await runAttempt(t);
        if (!conclude(t, att, todo, attempt, retries, repeats)) return;
      }
    })();
  };

  const runScope = async (scope) => {
    const names = scope.path;
    if (scope.includedCount === 0) return;
    const runnable = scope.runnableCount > 0;
    if (runnable) {
      const start = now();
      const err = await runHooks(scope.hooks.beforeAll, names, "beforeAll");
      if (err !== undefined) {
        // Bun reports a single "(unnamed)" failure for the scope and does not
        // run or count its tests; afterAll hooks still run.
        report(scope, "(unnamed)", "fail", now() - start, formatError(err));
        await runHooks(scope.hooks.afterAll, names, "afterAll");
        return;
      }
    }
    const inherited = scope.inheritedMode;
    const plainTests = plainRun && inherited === "run" && !scope.hasEachHooks;
    const prefix = scope.prefix;
    const children = scope.children;
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (bailed) break;
      if (c.kind === "scope") await runScope(c);
      else if (!selective || c.included) {
        const p = plainTests && c.plain ? runPlainTest(c, prefix) : runTest(c, inherited);
        if (p !== undefined) {
          flushOutput();
          await p;
        }
      }
    }
    if (runnable) {
      const err = await runHooks(scope.hooks.afterAll, names, "afterAll");
      if (err !== undefined) report(scope, "(unnamed)", "fail", 0, formatError(err));
    }
  };

  // A describe() body that threw: Bun reports it as an error between tests
  // (before any test runs) and still runs what was registered.
  const reportRegistrationErrors = (scope) => {
    if (scope.registrationError) reportUncaught(scope.registrationError);
    for (const c of scope.children) if (c.kind === "scope") reportRegistrationErrors(c);
  };
  if (describeFailed) reportRegistrationErrors(rootScope);

  try {
    await runScope(rootScope);
  } finally {
    shared.currentTestState = null;
    flushOutput();
    internals.write = nativeWrite;
    internals.beforeStdioWrite = undefined;
  }

  // Work that must wait for the whole file (writing its snapshots): each hook may return
  // fields to add to the file's result (e.g. `snapshots`).
  const extra = {};
  for (const hook of shared.fileEndHooks) Object.assign(extra, await hook());

  return {
    ...extra,
    bailed,
    recap,
    junit: options.junit ? junit().junitSuite(options.displayName || options.file || "test", results, now() - fileStart) : undefined,
    pass: counts.pass,
    fail: counts.fail,
    skip: counts.skip,
    todo: counts.todo,
    filtered, // tests excluded by namePattern (Bun prints " N filtered out")
    errors: unhandledErrors.length, // "N error" line: uncaught errors between tests
    expectCalls,
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
  flushOutput();
  out.write(`\n# Unhandled error between tests\n${bar}\n${text}${bar}\n\n`);
}

// Uncaught errors and unhandled rejections reach the library before the program's own
// listeners: they fail the running test, or are errors between tests.
globalThis[Symbol.for("rusk.internals")].uncaughtHandler = (error) => {
  reportUncaught(error);
  return true;
};
