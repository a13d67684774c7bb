// Errors thrown across awaits after collections: message, class, fields and stack strings
// must come out intact. Plain JavaScript on purpose: a .ts file's stack positions are mapped
// back by rusk, and these tests want the engine's own strings.
import { describe, expect, test } from "bun:test";
import { fullGc, gcInMicrotask, gcInTimer, globalGc } from "./fixtures/gc.js";

const thisFile = "errors.test.js";

// Every line of a stack: the "Name: message" header (rusk and V8 put one first) or a frame.
function expectWellFormedStack(stack) {
  expect(typeof stack).toBe("string");
  for (const line of stack.split("\n").filter((l) => l.length > 0)) {
    expect(line).toMatch(/^(\s+at .+|[A-Za-z]*Error: .*)$/);
  }
}

describe("errors thrown after collections", () => {
  test("an error made after an await reaches the awaiting caller intact", async () => {
    async function throwsAfterCollecting(detail) {
      {
        let resolve;
        const done = new Promise((r) => (resolve = r));
        setTimeout(() => {
          fullGc();
          resolve();
        }, 1);
        await done;
      }
      throw new RangeError(`out of range: ${detail}`);
    }
    let caught;
    try {
      await throwsAfterCollecting(["x", 42].join("="));
    } catch (err) {
      caught = err;
    }
    fullGc();
    expect(caught).toBeInstanceOf(RangeError);
    expect(caught.message).toBe("out of range: x=42");
    expect(caught.stack).toContain("throwsAfterCollecting");
    expect(caught.stack).toContain(thisFile);
    expectWellFormedStack(caught.stack);
  });

  test("an error made before the await keeps the stack of where it was made", async () => {
    function makeEarly() {
      return new TypeError("made early");
    }
    async function throwsLater() {
      const early = makeEarly();
      await gcInTimer();
      await gcInMicrotask();
      throw early;
    }
    let caught;
    try {
      await throwsLater();
    } catch (err) {
      caught = err;
    }
    expect(caught.message).toBe("made early");
    // The frame of makeEarly itself may be inlined away by JavaScriptCore; its caller is there.
    expect(caught.stack).toContain("throwsLater");
    expect(caught.stack).toContain(thisFile);
    expectWellFormedStack(caught.stack);
  });

  test("a subclass with own fields thrown from 20 nested async levels", async () => {
    class DepthError extends Error {
      constructor(depth, trail) {
        super(`failed at depth ${depth}`);
        this.name = "DepthError";
        this.depth = depth;
        this.trail = trail;
      }
    }
    async function descend(level, trail) {
      const here = [...trail, `L${level}`];
      if (level === 20) {
        await gcInTimer();
        throw new DepthError(level, here);
      }
      await gcInMicrotask();
      return descend(level + 1, here);
    }
    let caught;
    try {
      await descend(0, []);
    } catch (err) {
      caught = err;
    }
    globalGc();
    expect(caught).toBeInstanceOf(DepthError);
    expect(caught).toBeInstanceOf(Error);
    expect(caught.depth).toBe(20);
    expect(caught.trail).toHaveLength(21);
    expect(caught.trail[20]).toBe("L20");
    expect(String(caught)).toBe("DepthError: failed at depth 20");
    expect(caught.stack).toContain("descend");
  });

  test("cause chains and AggregateError errors survive collections", async () => {
    async function wrap() {
      try {
        await gcInTimer();
        throw new Error("root cause");
      } catch (inner) {
        await gcInMicrotask();
        throw new Error("wrapped", { cause: inner });
      }
    }
    let wrapped;
    try {
      await wrap();
    } catch (err) {
      wrapped = err;
    }
    const aggregate = new AggregateError([wrapped, new SyntaxError("second")], "both");
    await gcInTimer();
    expect(wrapped.message).toBe("wrapped");
    expect(wrapped.cause.message).toBe("root cause");
    expect(wrapped.cause.stack).toContain("wrap");
    expect(aggregate.errors[0]).toBe(wrapped);
    expect(aggregate.errors[1]).toBeInstanceOf(SyntaxError);
    expect(aggregate.message).toBe("both");
  });

  test("a rethrow from an awaiting finally keeps the original error and its stack", async () => {
    const original = new Error("original");
    // A copy of the stack string, made before any collection, to compare with afterwards.
    const stackBefore = `${original.stack}`;
    async function rethrows() {
      try {
        await gcInTimer();
        throw original;
      } finally {
        await gcInTimer();
        fullGc();
      }
    }
    let caught;
    try {
      await rethrows();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBe(original);
    expect(caught.stack).toBe(stackBefore);
    expect(caught.stack).toContain(thisFile);
  });

  test("errors from 50 concurrent async functions keep their own messages", async () => {
    const failures = Array.from({ length: 50 }, async (_, i) => {
      const context = { i, name: `task${i}` };
      await (i % 2 ? gcInTimer() : gcInMicrotask());
      throw new Error(`${context.name} failed`);
    });
    const settled = await Promise.allSettled(failures);
    fullGc();
    settled.forEach((result, i) => {
      expect(result.status).toBe("rejected");
      expect(result.reason.message).toBe(`task${i} failed`);
    });
  });
});

describe("Error.captureStackTrace after collections", () => {
  test("on a plain object inside a resumed async function", async () => {
    async function capturesAfterAwait() {
      await gcInTimer();
      const target = { message: "custom" };
      Error.captureStackTrace(target);
      return target;
    }
    const target = await capturesAfterAwait();
    fullGc();
    expect(typeof target.stack).toBe("string");
    expect(target.stack).toContain("capturesAfterAwait");
    expect(target.stack).toContain(thisFile);
  });

  test("the function argument hides itself and the frames above it", async () => {
    function hiddenHelper(target) {
      Error.captureStackTrace(target, hiddenHelper);
    }
    async function visibleCaller() {
      await gcInTimer();
      const target = {};
      hiddenHelper(target);
      return target;
    }
    const target = await visibleCaller();
    globalGc();
    expect(target.stack).toContain("visibleCaller");
    expect(target.stack).not.toContain("hiddenHelper");
  });

  test("on an Error instance replaces its stack", async () => {
    const error = new Error("re-captured");
    async function recapture() {
      await gcInMicrotask();
      Error.captureStackTrace(error);
    }
    await recapture();
    expect(error.message).toBe("re-captured");
    expect(error.stack).toContain("recapture");
    expectWellFormedStack(error.stack);
  });

  test("a non-object target is a TypeError", () => {
    expect(() => Error.captureStackTrace(42)).toThrow(TypeError);
  });
});
