import { describe, test, expect } from "bun:test";
import asyncHooks, {
  AsyncLocalStorage,
  AsyncResource,
  asyncWrapProviders,
  createHook,
  executionAsyncId,
  executionAsyncResource,
  triggerAsyncId,
} from "node:async_hooks";
import { pipeline, Readable, Writable } from "node:stream";

// Expectations are Node 20's. Bun has no hooks (createHook's callbacks never run, the ids are
// all 0, executionAsyncResource() is not the running AsyncResource) and no `asyncResource` on
// bound functions: those tests run under rusk only. "await carries the store" checks what
// rusk's loader does for `await` (the engine does not report when a continuation runs); the
// same block passes under Node 26 and Bun.

const isRusk = !!(process as any).versions?.rusk;

// Before any AsyncLocalStorage exists (making one wraps the schedulers in rusk).
const schedulerShapes = () =>
  [setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate, queueMicrotask, process.nextTick, Promise.prototype.then].map((fn) => [fn.name, fn.length]);
const shapesBefore = schedulerShapes();

/** The error `fn` throws. */
function thrown(fn: () => unknown): any {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

/** Resolves once `count` calls of the returned `done` have been made. */
function countdown(count: number): [Promise<void>, () => void] {
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  return [all, () => --count === 0 && done()];
}

const later = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe("node:async_hooks", () => {
  test("exports Node's members", () => {
    expect(Object.keys(asyncHooks)).toEqual(["AsyncLocalStorage", "createHook", "executionAsyncId", "triggerAsyncId", "executionAsyncResource", "asyncWrapProviders", "AsyncResource"]);
    expect(asyncHooks.AsyncLocalStorage).toBe(AsyncLocalStorage);
    expect(asyncHooks.AsyncResource).toBe(AsyncResource);
    expect(typeof executionAsyncId()).toBe("number");
    expect(typeof triggerAsyncId()).toBe("number");
    expect(typeof executionAsyncResource()).toBe("object");
  });

  test("asyncWrapProviders names the native resource types", () => {
    expect(asyncWrapProviders.NONE).toBe(0);
    expect(asyncWrapProviders.PROMISE).toBe(26);
    expect((asyncWrapProviders as any).TIMERWRAP).toBeUndefined();
  });
});

describe("AsyncLocalStorage", () => {
  test("run() gives the store to the callback only, with its arguments and result", () => {
    const als = new AsyncLocalStorage<number>();
    expect(als.getStore()).toBeUndefined();
    const result = als.run(1, (a: string, b: string) => [als.getStore(), a, b], "x", "y");
    expect(result).toEqual([1, "x", "y"]);
    expect(als.getStore()).toBeUndefined();
  });

  test("run() restores the outer store when the callback throws", () => {
    const als = new AsyncLocalStorage<number>();
    const error = new Error("boom");
    als.run(1, () => {
      expect(thrown(() => als.run(2, () => { throw error; }))).toBe(error);
      expect(als.getStore()).toBe(1);
    });
    expect(thrown(() => als.run(3, 5 as any))).toBeInstanceOf(TypeError);
    expect(als.getStore()).toBeUndefined();
  });

  test("nested runs and separate storages", () => {
    const a = new AsyncLocalStorage<string>();
    const b = new AsyncLocalStorage<string>();
    const seen: unknown[] = [];
    a.run("a1", () => {
      b.run("b1", () => {
        a.run("a2", () => seen.push([a.getStore(), b.getStore()]));
        seen.push([a.getStore(), b.getStore()]);
      });
      seen.push([a.getStore(), b.getStore()]);
    });
    expect(seen).toEqual([["a2", "b1"], ["a1", "b1"], ["a1", undefined]]);
  });

  test("exit() runs without the store and restores it", () => {
    const als = new AsyncLocalStorage<number>();
    expect(als.exit((n: number) => n + 1, 1)).toBe(2); // never enabled: a plain call
    const other = new AsyncLocalStorage<number>();
    const seen = als.run(1, () =>
      other.run(2, () => {
        const inside = als.exit((x: string) => [als.getStore(), other.getStore(), x], "arg");
        return [inside, als.getStore()];
      }),
    );
    expect(seen).toEqual([[undefined, 2, "arg"], 1]);
  });

  test("callbacks scheduled inside exit() have no store", async () => {
    const als = new AsyncLocalStorage<number>();
    const stores: unknown[] = [];
    als.run(1, () => als.exit(() => setTimeout(() => stores.push(als.getStore()))));
    await later(5);
    expect(stores).toEqual([undefined]);
  });

  test("the store follows setTimeout, setInterval and setImmediate callbacks, with their arguments", async () => {
    const als = new AsyncLocalStorage<string>();
    const seen: unknown[] = [];
    const [all, done] = countdown(3);
    als.run("timeout", () => setTimeout((a: string) => (seen.push(["timeout", als.getStore(), a]), done()), 1, "t"));
    als.run("interval", () => {
      let ticks = 0;
      const interval = setInterval(() => {
        seen.push(["interval", als.getStore(), ++ticks]);
        if (ticks === 2) {
          clearInterval(interval);
          done();
        }
      }, 1);
    });
    als.run("immediate", () => setImmediate((a: string, b: string) => (seen.push(["immediate", als.getStore(), a, b]), done()), "i", "j"));
    expect(als.getStore()).toBeUndefined();
    await all;
    await later(5); // the cleared interval does not tick again
    expect(seen).toContainEqual(["timeout", "timeout", "t"]);
    expect(seen).toContainEqual(["immediate", "immediate", "i", "j"]);
    expect(seen.filter((entry: any) => entry[0] === "interval")).toEqual([["interval", "interval", 1], ["interval", "interval", 2]]);
  });

  test("the store follows process.nextTick and queueMicrotask callbacks", async () => {
    const als = new AsyncLocalStorage<string>();
    const seen: unknown[] = [];
    als.run("tick", () => process.nextTick((a: string, b: number) => seen.push(["tick", als.getStore(), a, b]), "x", 2));
    als.run("micro", () => queueMicrotask(() => seen.push(["micro", als.getStore()])));
    await later(1);
    expect(seen).toContainEqual(["tick", "tick", "x", 2]);
    expect(seen).toContainEqual(["micro", "micro"]);
    expect(seen.length).toBe(2);
  });

  test("then, catch and finally callbacks run with the store of where they were added", async () => {
    const als = new AsyncLocalStorage<string>();
    const settled = later(2);
    const failed = Promise.reject(new Error("no"));
    const seen = await als.run("outer", () => {
      const found: unknown[] = [];
      const chains = [
        settled.then(() => found.push(["then", als.getStore()])),
        failed.catch((e: Error) => found.push(["catch", als.getStore(), e.message])),
        settled.finally(() => found.push(["finally", als.getStore()])),
        als.run("inner", () => failed.then(undefined, () => found.push(["onRejected", als.getStore()]))),
      ];
      return Promise.all(chains).then(() => found);
    });
    expect(seen).toContainEqual(["then", "outer"]);
    expect(seen).toContainEqual(["catch", "outer", "no"]);
    expect(seen).toContainEqual(["finally", "outer"]);
    expect(seen).toContainEqual(["onRejected", "inner"]);
    expect(als.getStore()).toBeUndefined();
  });

  test("a chain keeps each callback's store, and errors still reject the chain", async () => {
    const als = new AsyncLocalStorage<number>();
    const error = new Error("thrown in then");
    const chain = als.run(1, () =>
      Promise.resolve("v")
        .then((value) => {
          expect(als.getStore()).toBe(1);
          throw error;
        })
        .then(() => "not reached"),
    );
    const reason = await als.run(2, () => chain.catch((e) => [e, als.getStore()]));
    expect(reason).toEqual([error, 2]);
  });

  test("the store reaches callbacks scheduled from callbacks", async () => {
    const als = new AsyncLocalStorage<string>();
    const stores = await als.run("root", () =>
      new Promise<unknown[]>((resolve) => {
        setTimeout(() => {
          process.nextTick(() => {
            queueMicrotask(() => {
              Promise.resolve().then(() => setImmediate(() => resolve([als.getStore()])));
            });
          });
        });
      }),
    );
    expect(stores).toEqual(["root"]);
  });

  test("enterWith() sets the store for the rest of the callback and what it schedules", async () => {
    const als = new AsyncLocalStorage<string>();
    const seen: unknown[] = [];
    const [all, done] = countdown(2);
    setTimeout(() => {
      seen.push(["first before", als.getStore()]);
      als.enterWith("entered");
      seen.push(["first after", als.getStore()]);
      setTimeout(() => (seen.push(["child", als.getStore()]), done()));
    });
    setTimeout(() => (seen.push(["sibling", als.getStore()]), done()), 2);
    await all;
    expect(seen.slice(0, 2)).toEqual([["first before", undefined], ["first after", "entered"]]);
    expect(seen).toContainEqual(["child", "entered"]);
    expect(seen).toContainEqual(["sibling", undefined]);
  });

  test("enterWith() inside run() ends with the run", () => {
    const als = new AsyncLocalStorage<number>();
    const inside = als.run(1, () => {
      als.enterWith(2);
      return als.getStore();
    });
    expect([inside, als.getStore()]).toEqual([2, undefined]);
  });

  test("disable() hides the store until the next run()", () => {
    const als = new AsyncLocalStorage<number>();
    const seen = als.run(1, () => {
      als.disable();
      const disabled = als.getStore();
      const again = als.run(2, () => als.getStore());
      return [disabled, again];
    });
    expect(seen).toEqual([undefined, 2]);
    expect(als.getStore()).toBeUndefined();
  });

  test("snapshot() runs functions in the context it was taken in", async () => {
    const als = new AsyncLocalStorage<number>();
    const snapshot = als.run(1, () => AsyncLocalStorage.snapshot());
    expect(typeof snapshot).toBe("function");
    expect(snapshot((a: number, b: number) => [als.getStore(), a, b], 2, 3)).toEqual([1, 2, 3]);
    expect(als.run(9, () => snapshot(() => als.getStore()))).toBe(1);
    expect(als.getStore()).toBeUndefined();
    // The snapshot's context is also the one of what the function schedules.
    const later = await new Promise((resolve) => snapshot(() => setTimeout(() => resolve(als.getStore()))));
    expect(later).toBe(1);
  });

  test("static bind() fixes the context of a function", () => {
    const als = new AsyncLocalStorage<string>();
    const bound = als.run("bound", () => AsyncLocalStorage.bind((a: number, b: number) => [als.getStore(), a, b]));
    expect(als.run("caller", () => bound(1, 2))).toEqual(["bound", 1, 2]);
    const error = thrown(() => AsyncLocalStorage.bind(5 as any));
    expect(error.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(error.message).toBe('The "fn" argument must be of type function. Received type number (5)');
  });

  test("the schedulers keep their shape and behaviour", async () => {
    new AsyncLocalStorage();
    expect(schedulerShapes()).toEqual(shapesBefore);
    const cancelled: string[] = [];
    const timeout = setTimeout(() => cancelled.push("timeout"), 1);
    const interval = setInterval(() => cancelled.push("interval"), 1);
    const immediate = setImmediate(() => cancelled.push("immediate"));
    expect(typeof timeout.unref).toBe("function");
    expect(timeout.hasRef()).toBe(true);
    clearTimeout(timeout);
    clearInterval(interval);
    clearImmediate(immediate);
    await later(5);
    expect(cancelled).toEqual([]);
    expect(() => setTimeout("not a function" as any)).toThrow(TypeError);
    expect(() => queueMicrotask(null as any)).toThrow(TypeError);
    expect(() => Promise.prototype.then.call({}, () => {})).toThrow(TypeError);
  });
});

describe("await carries the store", () => {
  test("each async function sees its own store after every await, however the awaits interleave", async () => {
    const als = new AsyncLocalStorage<string>();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seen: string[] = [];
    async function worker(name: string, ms: number) {
      await later(ms);
      seen.push(`${name}:${als.getStore()}`);
      await null;
      seen.push(`${name}:${als.getStore()}`);
      // Settled from outside any run(): the store is the one the awaiting function had.
      await gate;
      seen.push(`${name}:${als.getStore()}`);
      return als.getStore();
    }
    const a = als.run("A", () => worker("a", 6));
    const b = als.run("B", () => worker("b", 1));
    expect(als.getStore()).toBeUndefined();
    setTimeout(release, 10);
    expect(await Promise.all([a, b])).toEqual(["A", "B"]);
    expect(seen).toEqual(["b:B", "b:B", "a:A", "a:A", "b:B", "a:A"]);
    expect(als.getStore()).toBeUndefined();
  });

  test("nested run()s, awaited: the inner store inside, the outer one after", async () => {
    const als = new AsyncLocalStorage<string>();
    const seen: (string | undefined)[] = [];
    await als.run("outer", async () => {
      await als.run("inner", async () => {
        await later(1);
        seen.push(als.getStore());
      });
      seen.push(als.getStore());
      await later(1);
      seen.push(als.getStore());
    });
    seen.push(als.getStore());
    expect(seen).toEqual(["inner", "outer", "outer", undefined]);
  });

  test("enterWith after an await stays in that function; other jobs do not inherit it", async () => {
    const als = new AsyncLocalStorage<string>();
    const inFunction = als.run("run", async () => {
      await null;
      als.enterWith("entered");
      await later(1);
      return als.getStore();
    });
    // Scheduled outside any store while the function is suspended.
    const outside = new Promise((resolve) => setTimeout(() => resolve(als.getStore()), 3));
    const microtask = new Promise((resolve) => queueMicrotask(() => resolve(als.getStore())));
    expect(await inFunction).toBe("entered");
    expect(await outside).toBeUndefined();
    expect(await microtask).toBeUndefined();
    expect(als.getStore()).toBeUndefined();
  });

  test("for await: the store in the body, after the loop and after a break", async () => {
    const als = new AsyncLocalStorage<string>();
    // Each item is settled by a timer made outside any store.
    const outside = () => ({
      [Symbol.asyncIterator]() {
        let n = 0;
        return {
          next: () =>
            new Promise<IteratorResult<number>>((resolve) =>
              als.exit(() => setTimeout(() => resolve(n < 3 ? { value: n++, done: false } : { value: undefined, done: true }), 1)),
            ),
        };
      },
    });
    const seen = await als.run("loop", async () => {
      const out: unknown[] = [];
      for await (const n of outside()) out.push([n, als.getStore()]);
      out.push(als.getStore());
      for await (const n of outside()) {
        if (n === 1) break;
      }
      out.push(als.getStore());
      return out;
    });
    expect(seen).toEqual([[0, "loop"], [1, "loop"], [2, "loop"], "loop", "loop"]);
  });

  test("built-in modules carry it too: pipeline's stages and callback", async () => {
    const als = new AsyncLocalStorage<string>();
    const out: string[] = [];
    const done = await new Promise((resolve) =>
      als.run("p", () =>
        pipeline(
          Readable.from(["a", "b"]),
          async function* (source: AsyncIterable<string>) {
            for await (const chunk of source) {
              await later(1);
              yield `${chunk}:${als.getStore()}`;
            }
          },
          new Writable({
            write(chunk, _encoding, callback) {
              out.push(`${chunk}|${als.getStore()}`);
              callback();
            },
          }),
          (error) => resolve([error, als.getStore()]),
        ),
      ),
    );
    expect(done).toEqual([undefined, "p"]);
    expect(out).toEqual(["a:p|p", "b:p|p"]);
  });

  test("functions show their source as written (what evaluate()-style APIs send elsewhere)", () => {
    async function sample(xs: AsyncIterable<number>) {
      let total = 0;
      try {
        total += await Promise.resolve(1);
      } finally {
        total += 1;
      }
      for await (const x of xs) total += x;
      return total;
    }
    // (TypeScript is transpiled, so only the statements are compared, not the layout.)
    const text = sample.toString().replace(/\s+/g, " ");
    expect(text).toContain("total += await Promise.resolve(1);");
    expect(text).toContain("for await (const x of xs) total += x;");
    expect(text).not.toContain("rusk");
    expect(String(async () => await 1)).toBe("async () => await 1");
    expect(Function.prototype.toString.call(Function.prototype.toString)).toContain("[native code]");
    expect(() => Function.prototype.toString.call({})).toThrow(TypeError);
  });

  test("a rejected await, try/finally and an async arrow keep the store", async () => {
    const als = new AsyncLocalStorage<number>();
    const result = await als.run(7, async () => {
      const seen: (number | undefined)[] = [];
      try {
        await Promise.reject(new Error("no"));
      } catch {
        seen.push(als.getStore());
      } finally {
        await later(1);
        seen.push(als.getStore());
      }
      const arrow = async () => (await later(1), als.getStore());
      seen.push(await arrow());
      return seen;
    });
    expect(result).toEqual([7, 7, 7]);
  });
});

describe("AsyncResource", () => {
  test("runInAsyncScope() calls the function in the context the resource was made in", () => {
    const als = new AsyncLocalStorage<string>();
    const resource = als.run("made", () => new AsyncResource("Job"));
    const result = als.run("caller", () => resource.runInAsyncScope(function (this: unknown, a: number, b: number) {
      return [als.getStore(), this, a, b];
    }, "self", 1, 2));
    expect(result).toEqual(["made", "self", 1, 2]);
    expect(thrown(() => resource.runInAsyncScope(5 as any))).toBeInstanceOf(TypeError);
  });

  test("ids and options", () => {
    const resource = new AsyncResource("Job");
    expect(typeof resource.asyncId()).toBe("number");
    expect(resource.triggerAsyncId()).toBe(executionAsyncId());
    expect(new AsyncResource("Job", { triggerAsyncId: 77 }).triggerAsyncId()).toBe(77);
    expect(new AsyncResource("Job", 5 as any).triggerAsyncId()).toBe(5);
  });

  test("the constructor checks its arguments", () => {
    let error = thrown(() => new AsyncResource(1 as any));
    expect(error.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(error.message).toBe('The "type" argument must be of type string. Received type number (1)');
    for (const [id, shown] of [[-2, "-2"], [1.5, "1.5"], ["a", "a"]]) {
      error = thrown(() => new AsyncResource("Job", { triggerAsyncId: id as any }));
      expect(error).toBeInstanceOf(RangeError);
      expect(error.code).toBe("ERR_INVALID_ASYNC_ID");
      expect(error.message).toBe(`Invalid triggerAsyncId value: ${shown}`);
    }
  });

  test("bind() and static bind()", () => {
    const als = new AsyncLocalStorage<string>();
    const resource = als.run("resource", () => new AsyncResource("Job"));
    function report(this: unknown, a: number, _b?: number) {
      return [als.getStore(), this, a];
    }
    const bound = resource.bind(report);
    expect(bound.length).toBe(2);
    expect(bound.call("self", 1)).toEqual(["resource", "self", 1]);
    const withThis = resource.bind(report, "fixed");
    expect(withThis.call("ignored", 2)).toEqual(["resource", "fixed", 2]);
    const staticBound = als.run("static", () => AsyncResource.bind(report, "Type", "t"));
    expect(staticBound(3)).toEqual(["static", "t", 3]);
    expect(thrown(() => resource.bind(1 as any)).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(thrown(() => AsyncResource.bind(1 as any)).message).toBe('The "fn" argument must be of type function. Received type number (1)');
  });

  test("subclasses work", () => {
    class Job extends AsyncResource {
      constructor(readonly label: string) {
        super("Job");
      }
      start(fn: () => string) {
        return this.runInAsyncScope(fn);
      }
    }
    const job = new Job("one");
    expect(job).toBeInstanceOf(AsyncResource);
    expect(job.start(() => "ran")).toBe("ran");
  });

  test.skipIf(!isRusk)("Node's details that Bun lacks: the execution resource, bound functions, emitDestroy's result", () => {
    expect(Object.isFrozen(asyncWrapProviders)).toBe(true);
    expect(Object.getPrototypeOf(asyncWrapProviders)).toBe(null);
    const als = new AsyncLocalStorage<number>();
    const alsBound = als.run(1, () => AsyncLocalStorage.bind(function (this: unknown, a: number, _b?: number) {
      return [als.getStore(), this, a];
    }));
    expect(alsBound.length).toBe(2);
    expect(alsBound.call("self", 2)).toEqual([1, "self", 2]);
    const resource = new AsyncResource("Job");
    const seen = resource.runInAsyncScope(() => [executionAsyncResource(), executionAsyncId(), triggerAsyncId()]);
    expect(seen).toEqual([resource, resource.asyncId(), resource.triggerAsyncId()]);
    expect(executionAsyncResource()).not.toBe(resource);
    const bound = resource.bind(() => 1) as any;
    expect(Object.keys(bound)).toEqual(["asyncResource"]);
    expect(bound.asyncResource).toBe(resource);
    expect(resource.emitDestroy()).toBe(resource);
  });
});

describe("createHook", () => {
  test("checks the callbacks; enable() and disable() return the hook", () => {
    const error = thrown(() => createHook({ before: "x" as any }));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe("ERR_ASYNC_CALLBACK");
    expect(error.message).toBe("hook.before must be a function");
    expect(thrown(() => createHook({ promiseResolve: 3 as any })).message).toBe("hook.promiseResolve must be a function");
    const hook = createHook({});
    expect(hook.enable()).toBe(hook);
    expect(hook.disable()).toBe(hook);
  });

  test("with an init hook, a resource type must not be empty", () => {
    const hook = createHook({ init() {} }).enable();
    try {
      const error = thrown(() => new AsyncResource(""));
      expect(error.code).toBe("ERR_ASYNC_TYPE");
      expect(error.message).toBe('Invalid name for async "type": ');
    } finally {
      hook.disable();
    }
  });

  test.skipIf(!isRusk)("hooks see an AsyncResource: init, before/after around each run, destroy later", async () => {
    const events: unknown[] = [];
    let id = -1;
    const hook = createHook({
      init(asyncId, type, trigger, resource) {
        if (type === "Job") events.push(["init", type, trigger, resource instanceof AsyncResource]), (id = asyncId);
      },
      before: (asyncId) => asyncId === id && events.push(["before", executionAsyncId() === id]),
      after: (asyncId) => asyncId === id && events.push(["after"]),
      destroy: (asyncId) => asyncId === id && events.push(["destroy"]),
    }).enable();
    try {
      const resource = new AsyncResource("Job", { triggerAsyncId: 42 });
      expect(resource.asyncId()).toBe(id);
      resource.runInAsyncScope(() => events.push(["run"]));
      expect(thrown(() => resource.runInAsyncScope(() => { throw new Error("x"); })).message).toBe("x");
      resource.emitDestroy();
      expect(events.at(-1)).toEqual(["after"]); // destroy hooks run later
      await later(2);
      expect(events).toEqual([["init", "Job", 42, true], ["before", true], ["run"], ["after"], ["before", true], ["after"], ["destroy"]]);
      hook.disable();
      new AsyncResource("Job").runInAsyncScope(() => {});
      expect(events.length).toBe(7);
    } finally {
      hook.disable();
    }
  });

  test.skipIf(!isRusk)("hooks see timers, ticks and microtasks, whose callbacks run under their own ids", async () => {
    const resources = new Map<number, [string, unknown]>();
    const events: unknown[] = [];
    const watched = ["Timeout", "Immediate", "TickObject", "Microtask"];
    const hook = createHook({
      init(asyncId, type, trigger, resource) {
        if (!watched.includes(type)) return;
        resources.set(asyncId, [type, resource]);
        events.push([asyncId, "init", trigger]);
      },
      before: (asyncId) => resources.has(asyncId) && events.push([asyncId, "before"]),
      after: (asyncId) => resources.has(asyncId) && events.push([asyncId, "after"]),
      destroy: (asyncId) => resources.has(asyncId) && events.push([asyncId, "destroy"]),
    });
    const runs: Record<string, [number, number, unknown]> = {};
    const record = (name: string) => (runs[name] = [executionAsyncId(), triggerAsyncId(), executionAsyncResource()]);
    const scheduledFrom: Record<string, number> = {};
    let cleared: any;
    hook.enable();
    try {
      scheduledFrom.tick = executionAsyncId();
      process.nextTick(() => record("tick"));
      scheduledFrom.micro = executionAsyncId();
      queueMicrotask(() => record("micro"));
      scheduledFrom.timeout = executionAsyncId();
      const timeout = setTimeout(() => record("timeout"));
      cleared = setTimeout(() => record("never"), 1);
      clearTimeout(cleared);
      await later(5);
      expect(runs.timeout[2]).toBe(timeout);
    } finally {
      hook.disable();
    }
    expect(Object.keys(runs).sort()).toEqual(["micro", "tick", "timeout"]);
    for (const [name, type] of [["tick", "TickObject"], ["micro", "Microtask"], ["timeout", "Timeout"]]) {
      const [asyncId, trigger] = runs[name];
      expect(resources.get(asyncId)?.[0]).toBe(type);
      expect(trigger).toBe(scheduledFrom[name]);
      expect(events.filter((event: any) => event[0] === asyncId)).toEqual([[asyncId, "init", trigger], [asyncId, "before"], [asyncId, "after"], [asyncId, "destroy"]]);
    }
    // The cleared timer: made and destroyed, never run.
    const clearedId = [...resources].find(([, [, resource]]) => resource === cleared)![0];
    expect(events.filter((event: any) => event[0] === clearedId).map((event: any) => event[1])).toEqual(["init", "destroy"]);
  });
});
