import { describe, test, expect } from "bun:test";
import timers from "node:timers";
import timersPromises, { setTimeout as sleep, setImmediate as nextTurn, setInterval as every, scheduler } from "node:timers/promises";
import { promisify } from "node:util";

// Expectations are Node 20's. Bun 1.x differs: node:timers lists its keys in another order and
// lacks enroll/active/unenroll, its errors say "of type AbortSignal", its setInterval iterator
// is a plain object whose return() does not take a value, and its scheduler does not check
// `this` or forbid construction.

/** The error `fn` throws (toThrow compares only messages; codes are checked with toMatchObject). */
function thrown(fn: () => unknown): any {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

/** The reason `promise` rejects with. */
async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

const aborted = (reason?: unknown) => {
  const controller = new AbortController();
  controller.abort(reason);
  return controller.signal;
};

describe("node:timers", () => {
  test("re-exports the global timers and the promise API", () => {
    expect(timers.setTimeout).toBe(globalThis.setTimeout);
    expect(timers.clearTimeout).toBe(globalThis.clearTimeout);
    expect(timers.setInterval).toBe(globalThis.setInterval);
    expect(timers.clearInterval).toBe(globalThis.clearInterval);
    expect(timers.setImmediate).toBe(globalThis.setImmediate);
    expect(timers.clearImmediate).toBe(globalThis.clearImmediate);
    expect(timers.promises).toBe(timersPromises);
    expect(Object.keys(timers)).toEqual(["setTimeout", "clearTimeout", "setImmediate", "clearImmediate", "setInterval", "clearInterval", "_unrefActive", "active", "unenroll", "enroll", "promises"]);
  });

  test("util.promisify(setTimeout) is the promise form", async () => {
    expect(await promisify(setTimeout)(1, "promised")).toBe("promised");
    expect(await promisify(setImmediate)("next")).toBe("next");
  });

  test("enroll/active run an object's _onTimeout; unenroll cancels", async () => {
    const fired: unknown[] = [];
    const item = {
      _onTimeout() {
        fired.push(this === item);
      },
    } as any;
    timers.enroll(item, 5);
    expect(item._idleTimeout).toBe(5);
    timers.active(item);
    const other = { _onTimeout: () => fired.push("other") } as any;
    timers.enroll(other, 5);
    timers.active(other);
    timers.unenroll(other);
    expect(other._idleTimeout).toBe(-1);
    await sleep(30);
    expect(fired).toEqual([true]);
  });

  test("enroll checks msecs", () => {
    expect(thrown(() => timers.enroll({}, -5))).toMatchObject({ code: "ERR_OUT_OF_RANGE", message: 'The value of "msecs" is out of range. It must be a non-negative finite number. Received -5' });
    expect(thrown(() => timers.enroll({}, "x" as any))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: `The "msecs" argument must be of type number. Received type string ('x')` });
  });
});

describe("setTimeout and setImmediate (promises)", () => {
  test("resolve with the value", async () => {
    const start = Date.now();
    expect(await sleep(20, "late")).toBe("late");
    expect(Date.now() - start).toBeGreaterThanOrEqual(15);
    expect(await sleep()).toBeUndefined();
    expect(await nextTurn("soon")).toBe("soon");
  });

  test("run after microtasks, immediates before longer timeouts", async () => {
    const log: string[] = [];
    await Promise.all([sleep(15).then(() => log.push("t15")), nextTurn().then(() => log.push("immediate")), Promise.resolve().then(() => log.push("microtask"))]);
    expect(log).toEqual(["microtask", "immediate", "t15"]);
  });

  test("an unref'd timer still fires while something else keeps the process alive", async () => {
    const keepAlive = setTimeout(() => {}, 1000);
    try {
      expect(await sleep(1, "unref", { ref: false })).toBe("unref");
    } finally {
      clearTimeout(keepAlive);
    }
  });

  test("an aborted signal rejects with AbortError (cause: the reason)", async () => {
    for (const promise of [sleep(1, "v", { signal: aborted("why") }), nextTurn("v", { signal: aborted("why") }), scheduler.wait(1, { signal: aborted("why") })]) {
      const error = await rejection(promise);
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({ name: "AbortError", code: "ABORT_ERR", message: "The operation was aborted", cause: "why" });
    }
  });

  test("aborting while waiting rejects at once", async () => {
    const controller = new AbortController();
    const start = Date.now();
    const pending = sleep(1000, "never", { signal: controller.signal });
    controller.abort();
    const error = await rejection(pending);
    expect(Date.now() - start).toBeLessThan(500);
    expect(error).toMatchObject({ name: "AbortError", code: "ABORT_ERR" });
    expect(error.cause).toMatchObject({ name: "AbortError" });
  });

  test("bad arguments reject (not throw)", async () => {
    const bad = sleep(1, "v", 5 as any);
    expect(bad).toBeInstanceOf(Promise);
    expect(await rejection(bad)).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: 'The "options" argument must be of type object. Received type number (5)' });
    expect(await rejection(sleep(1, "v", null as any))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: 'The "options" argument must be of type object. Received null' });
    expect(await rejection(sleep(1, "v", { signal: {} as any }))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: 'The "options.signal" property must be an instance of AbortSignal. Received an instance of Object' });
    expect(await rejection(sleep(1, "v", { ref: 5 as any }))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: 'The "options.ref" property must be of type boolean. Received type number (5)' });
    expect(await rejection(sleep("abc" as any))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: `The "delay" argument must be of type number. Received type string ('abc')` });
    expect(await rejection(nextTurn("v", { ref: "x" as any }))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: `The "options.ref" property must be of type boolean. Received type string ('x')` });
  });
});

describe("setInterval (async iterator)", () => {
  test("yields the value on each tick until returned", async () => {
    const seen: string[] = [];
    for await (const value of every(2, "tick")) {
      seen.push(value);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(["tick", "tick", "tick"]);
    const iterator = every(2, "u");
    expect(await iterator.next()).toEqual({ value: "u", done: false });
    expect(await iterator.return("r")).toEqual({ value: "r", done: true });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  test("ticks missed by a slow consumer are delivered at once", async () => {
    const iterator = every(40, "t");
    await iterator.next();
    await sleep(130);
    // Three ticks came meanwhile: they are yielded without waiting for the next one.
    const start = Date.now();
    await iterator.next();
    await iterator.next();
    await iterator.next();
    expect(Date.now() - start).toBeLessThan(30);
    await iterator.return(undefined);
  });

  test("abort ends the iteration with AbortError", async () => {
    const controller = new AbortController();
    let count = 0;
    const error = await rejection(
      (async () => {
        for await (const _ of every(2, "x", { signal: controller.signal })) {
          if (++count === 2) controller.abort("stop");
        }
      })(),
    );
    expect(count).toBe(2);
    expect(error).toMatchObject({ name: "AbortError", code: "ABORT_ERR", cause: "stop" });
    expect(await rejection(every(1, "x", { signal: aborted("before") }).next())).toMatchObject({ name: "AbortError", cause: "before" });
  });

  test("bad arguments reject the first next()", async () => {
    const iterator = every(1, "x", 5 as any);
    expect(Object.prototype.toString.call(iterator)).toBe("[object AsyncGenerator]");
    expect(await rejection(iterator.next())).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: 'The "options" argument must be of type object. Received type number (5)' });
    expect(await rejection(every(1, "x", { ref: 1 as any }).next())).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: 'The "options.ref" property must be of type boolean. Received type number (1)' });
  });
});

describe("scheduler", () => {
  test("wait and yield", async () => {
    const start = Date.now();
    expect(await scheduler.wait(10)).toBeUndefined();
    expect(Date.now() - start).toBeGreaterThanOrEqual(8);
    expect(await scheduler.yield()).toBeUndefined();
  });

  test("checks its receiver and cannot be constructed", async () => {
    expect(thrown(() => scheduler.wait.call({}, 1))).toMatchObject({ code: "ERR_INVALID_THIS", message: 'Value of "this" must be of type Scheduler' });
    expect(thrown(() => scheduler.yield.call({}))).toMatchObject({ code: "ERR_INVALID_THIS" });
    expect(thrown(() => new (scheduler.constructor as any)())).toMatchObject({ code: "ERR_ILLEGAL_CONSTRUCTOR", message: "Illegal constructor" });
    expect(await rejection(scheduler.wait(1, 5 as any))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE" });
  });
});
