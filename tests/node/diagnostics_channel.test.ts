import { describe, test, expect } from "bun:test";
import dc from "node:diagnostics_channel";
import * as dcNamed from "node:diagnostics_channel";
import { AsyncLocalStorage } from "node:async_hooks";

function errorOf(f: () => unknown) {
  try {
    f();
  } catch (e: any) {
    return { name: e.name, code: e.code, message: e.message };
  }
  return null;
}

/** Runs `f` with process.nextTick captured: returns the callbacks it deferred. */
function captureNextTicks(f: () => void) {
  const original = process.nextTick;
  const deferred: (() => void)[] = [];
  (process as any).nextTick = (fn: (...args: any[]) => void, ...args: any[]) => deferred.push(() => fn(...args));
  try {
    f();
  } finally {
    process.nextTick = original;
  }
  return deferred;
}

/** A store as AsyncLocalStorage's: run(value, fn) makes `value` current while fn runs. */
function fakeStore(name: string, log: string[]) {
  return {
    value: undefined as unknown,
    run(value: unknown, fn: () => unknown) {
      log.push(`${name}.run(${JSON.stringify(value)})`);
      const previous = this.value;
      this.value = value;
      try {
        return fn();
      } finally {
        this.value = previous;
      }
    },
  };
}

let unique = 0;
const freshName = (label: string) => `rusk-test:${label}:${unique++}`;

describe("diagnostics_channel: channels", () => {
  test("exports", () => {
    expect(Object.keys(dc).sort()).toEqual(["Channel", "channel", "hasSubscribers", "subscribe", "tracingChannel", "unsubscribe"]);
    expect(dcNamed.channel).toBe(dc.channel);
  });

  test("channel(name) returns the same Channel for a name", () => {
    const name = freshName("same");
    const a = dc.channel(name);
    expect(dc.channel(name)).toBe(a);
    expect(a).toBeInstanceOf(dc.Channel);
    expect(a.name).toBe(name);
    const sym = Symbol("sym");
    expect(dc.channel(sym).name).toBe(sym);
    expect(dc.channel(sym)).toBe(dc.channel(sym));
  });

  test("names must be strings or symbols", () => {
    expect(errorOf(() => dc.channel(5 as any))).toMatchObject({ name: "TypeError", code: "ERR_INVALID_ARG_TYPE" });
    expect(errorOf(() => dc.subscribe({} as any, () => {}))?.code).toBe("ERR_INVALID_ARG_TYPE");
  });

  test("publish calls each subscriber with (message, name)", () => {
    const name = freshName("publish");
    const ch = dc.channel(name);
    expect(ch.hasSubscribers).toBe(false);
    ch.publish("nobody listens");
    const seen: unknown[] = [];
    const first = (message: unknown, channelName: unknown) => seen.push(["first", message, channelName]);
    const second = (message: unknown) => seen.push(["second", message]);
    ch.subscribe(first);
    ch.subscribe(second);
    expect(ch.hasSubscribers).toBe(true);
    expect(dc.hasSubscribers(name)).toBe(true);
    const message = { x: 1 };
    ch.publish(message);
    expect(seen).toEqual([
      ["first", message, name],
      ["second", message],
    ]);
    expect((seen[0] as unknown[])[1]).toBe(message);
  });

  test("unsubscribe reports whether it removed something", () => {
    const ch = dc.channel(freshName("unsubscribe"));
    const fn = () => {};
    expect(ch.unsubscribe(fn)).toBe(false);
    ch.subscribe(fn);
    ch.subscribe(fn);
    expect(ch.unsubscribe(fn)).toBe(true);
    expect(ch.hasSubscribers).toBe(true);
    expect(ch.unsubscribe(fn)).toBe(true);
    expect(ch.hasSubscribers).toBe(false);
    expect(ch.unsubscribe(fn)).toBe(false);
  });

  test("subscribe validates the subscriber", () => {
    const ch = dc.channel(freshName("validate"));
    expect(errorOf(() => ch.subscribe(5 as any))).toEqual({
      name: "TypeError",
      code: "ERR_INVALID_ARG_TYPE",
      message: 'The "subscription" argument must be of type function. Received type number (5)',
    });
    const seen: unknown[] = [];
    ch.subscribe((m: unknown) => seen.push(m));
    ch.publish("still works");
    expect(seen).toEqual(["still works"]);
  });

  test("a publish in progress keeps its list of subscribers", () => {
    const ch = dc.channel(freshName("snapshot"));
    const calls: string[] = [];
    const late = () => calls.push("late");
    const removed = () => calls.push("removed");
    ch.subscribe(() => {
      calls.push("first");
      ch.unsubscribe(removed);
      ch.subscribe(late);
    });
    ch.subscribe(removed);
    ch.publish(1);
    expect(calls).toEqual(["first", "removed"]);
    calls.length = 0;
    ch.publish(2);
    expect(calls).toEqual(["first", "late"]);
  });

  test("a throwing subscriber does not stop the others; its error is rethrown on the next tick", () => {
    const ch = dc.channel(freshName("throws"));
    const calls: string[] = [];
    ch.subscribe(() => {
      throw new Error("subscriber failed");
    });
    ch.subscribe(() => calls.push("second"));
    const deferred = captureNextTicks(() => ch.publish(1));
    expect(calls).toEqual(["second"]);
    expect(deferred.length).toBe(1);
    expect(() => deferred[0]()).toThrow("subscriber failed");
  });

  test("top-level subscribe/unsubscribe/hasSubscribers by name", () => {
    const name = freshName("top-level");
    expect(dc.hasSubscribers(name)).toBe(false);
    const seen: unknown[] = [];
    const fn = (message: unknown) => seen.push(message);
    dc.subscribe(name, fn);
    expect(dc.hasSubscribers(name)).toBe(true);
    dc.channel(name).publish("hello");
    expect(seen).toEqual(["hello"]);
    expect(dc.unsubscribe(name, fn)).toBe(true);
    expect(dc.unsubscribe(name, fn)).toBe(false);
    expect(dc.hasSubscribers(name)).toBe(false);
    expect(dc.unsubscribe(freshName("never"), fn)).toBe(false);
  });

  test("new Channel(name) is usable on its own", () => {
    const ch = new dc.Channel("standalone");
    const seen: unknown[] = [];
    ch.subscribe((m: unknown) => seen.push(m));
    ch.publish(42);
    expect(seen).toEqual([42]);
  });
});

describe("diagnostics_channel: stores", () => {
  test("runStores without stores just calls the function", () => {
    const ch = dc.channel(freshName("no-stores"));
    const result = ch.runStores({ a: 1 }, function (this: any, x: string) {
      return `${this.t}:${x}`;
    }, { t: "T" }, "X");
    expect(result).toBe("T:X");
  });

  test("runStores runs inside every bound store (last bound outermost), publishing first", () => {
    const log: string[] = [];
    const ch = dc.channel(freshName("stores"));
    const s1 = fakeStore("s1", log);
    const s2 = fakeStore("s2", log);
    ch.bindStore(s1);
    expect(ch.hasSubscribers).toBe(true);
    ch.bindStore(s2, (data: any) => ({ wrapped: data }));
    ch.subscribe((m: unknown) => log.push(`publish ${JSON.stringify(m)} s1=${JSON.stringify(s1.value)}`));
    const result = ch.runStores({ a: 2 }, (x: string) => {
      log.push(`fn s1=${JSON.stringify(s1.value)} s2=${JSON.stringify(s2.value)}`);
      return x;
    }, undefined, "Y");
    expect(result).toBe("Y");
    expect(log).toEqual([
      's2.run({"wrapped":{"a":2}})',
      's1.run({"a":2})',
      'publish {"a":2} s1={"a":2}',
      'fn s1={"a":2} s2={"wrapped":{"a":2}}',
    ]);
    expect(s1.value).toBeUndefined();
  });

  test("a throwing transform skips its store; the error is rethrown on the next tick", () => {
    const log: string[] = [];
    const ch = dc.channel(freshName("transform-throws"));
    const store = fakeStore("s", log);
    ch.bindStore(store, () => {
      throw new Error("transform failed");
    });
    let result: unknown;
    const deferred = captureNextTicks(() => {
      result = ch.runStores({}, () => {
        log.push(`fn s=${JSON.stringify(store.value)}`);
        return 1;
      });
    });
    expect(result).toBe(1);
    expect(log).toEqual(["fn s=undefined"]);
    expect(deferred.length).toBe(1);
    expect(() => deferred[0]()).toThrow("transform failed");
  });

  test("unbindStore", () => {
    const ch = dc.channel(freshName("unbind"));
    const store = fakeStore("s", []);
    expect(ch.unbindStore(store)).toBe(false);
    ch.bindStore(store);
    expect(ch.unbindStore(store)).toBe(true);
    expect(ch.unbindStore(store)).toBe(false);
    expect(ch.hasSubscribers).toBe(false);
  });
});

describe("diagnostics_channel: tracingChannel", () => {
  function recorder() {
    const log: string[] = [];
    const handlers: Record<string, (ctx: any, name: unknown) => void> = {};
    for (const event of ["start", "end", "asyncStart", "asyncEnd", "error"]) {
      handlers[event] = (ctx: any) => log.push(`${event}:${JSON.stringify({ ...ctx, error: ctx.error?.message })}`);
    }
    return { log, handlers };
  }

  test("the five channels of a name", () => {
    const tc = dc.tracingChannel("op");
    expect(tc.start.name).toBe("tracing:op:start");
    expect(tc.end.name).toBe("tracing:op:end");
    expect(tc.asyncStart.name).toBe("tracing:op:asyncStart");
    expect(tc.asyncEnd.name).toBe("tracing:op:asyncEnd");
    expect(tc.error.name).toBe("tracing:op:error");
    expect(tc.start).toBe(dc.channel("tracing:op:start"));
    expect(dc.tracingChannel("op").end).toBe(tc.end);
  });

  test("from channel objects, validated", () => {
    const channels = {
      start: dc.channel(freshName("s")),
      end: dc.channel(freshName("e")),
      asyncStart: dc.channel(freshName("as")),
      asyncEnd: dc.channel(freshName("ae")),
      error: dc.channel(freshName("er")),
    };
    const tc = dc.tracingChannel(channels);
    expect(tc.start).toBe(channels.start);
    expect(tc.error).toBe(channels.error);
    expect(errorOf(() => dc.tracingChannel({ ...channels, start: 1 } as any))).toEqual({
      name: "TypeError",
      code: "ERR_INVALID_ARG_TYPE",
      message: 'The "nameOrChannels.start" property must be an instance of Channel. Received type number (1)',
    });
    expect(errorOf(() => dc.tracingChannel(5 as any))).toMatchObject({ name: "TypeError", code: "ERR_INVALID_ARG_TYPE" });
  });

  test("subscribe/unsubscribe handlers; hasSubscribers", () => {
    const tc = dc.tracingChannel(freshName("subs"));
    const { handlers } = recorder();
    const each = () => [tc.start, tc.end, tc.asyncStart, tc.asyncEnd, tc.error].map((c) => c.hasSubscribers);
    expect(each()).toEqual([false, false, false, false, false]);
    tc.subscribe(handlers);
    expect(each()).toEqual([true, true, true, true, true]);
    expect(tc.unsubscribe(handlers)).toBe(true);
    expect(tc.unsubscribe(handlers)).toBe(false);
    expect(each()).toEqual([false, false, false, false, false]);
    const onlyStart = { start: () => {} };
    tc.subscribe(onlyStart);
    expect(each()).toEqual([true, false, false, false, false]);
    expect(tc.unsubscribe(onlyStart)).toBe(true);
  });

  test("traceSync: start, end with the result; error before end when it throws", () => {
    const tc = dc.tracingChannel(freshName("sync"));
    const { log, handlers } = recorder();
    tc.subscribe(handlers);
    const result = tc.traceSync(
      function (this: any, a: number, b: number) {
        log.push(`fn this=${this.t}`);
        return a + b;
      },
      { k: 1 },
      { t: "T" },
      1,
      2,
    );
    expect(result).toBe(3);
    expect(() =>
      tc.traceSync(() => {
        throw new Error("bad");
      }, { k: 2 }),
    ).toThrow("bad");
    expect(log).toEqual([
      'start:{"k":1}',
      "fn this=T",
      'end:{"k":1,"result":3}',
      'start:{"k":2}',
      'error:{"k":2,"error":"bad"}',
      'end:{"k":2,"error":"bad"}',
    ]);
  });

  test("without subscribers the function just runs", () => {
    const tc = dc.tracingChannel(freshName("idle"));
    const result = tc.traceSync(function (this: any, x: number) {
      return `${this.t}:${x * 2}`;
    }, {}, { t: "T" }, 21);
    expect(result).toBe("T:42");
  });

  test("tracePromise: asyncStart/asyncEnd when it settles", async () => {
    const tc = dc.tracingChannel(freshName("promise"));
    const { log, handlers } = recorder();
    tc.subscribe(handlers);
    const pending = tc.tracePromise(async (x: number) => {
      log.push("fn");
      return x * 2;
    }, { k: 3 }, undefined, 21);
    log.push("returned");
    expect(await pending).toBe(42);
    expect(log.splice(0)).toEqual([
      'start:{"k":3}',
      "fn",
      'end:{"k":3}',
      "returned",
      'asyncStart:{"k":3,"result":42}',
      'asyncEnd:{"k":3,"result":42}',
    ]);

    await expect(
      tc.tracePromise(async () => {
        throw new Error("rejected");
      }, { k: 4 }),
    ).rejects.toThrow("rejected");
    expect(log.splice(0)).toEqual([
      'start:{"k":4}',
      'end:{"k":4}',
      'error:{"k":4,"error":"rejected"}',
      'asyncStart:{"k":4,"error":"rejected"}',
      'asyncEnd:{"k":4,"error":"rejected"}',
    ]);
  });

  test("tracePromise: a synchronous throw, and non-promise results", async () => {
    const tc = dc.tracingChannel(freshName("promise-sync"));
    const { log, handlers } = recorder();
    tc.subscribe(handlers);
    expect(() =>
      tc.tracePromise(() => {
        throw new Error("sync");
      }, { k: 5 }),
    ).toThrow("sync");
    expect(log.splice(0)).toEqual(['start:{"k":5}', 'error:{"k":5,"error":"sync"}', 'end:{"k":5,"error":"sync"}']);
    const fromValue = tc.tracePromise(() => 7 as any, { k: 6 });
    expect(fromValue).toBeInstanceOf(Promise);
    expect(await fromValue).toBe(7);
    const fromThenable = tc.tracePromise(() => ({ then: (resolve: (v: number) => void) => resolve(9) }) as any, { k: 7 });
    expect(await fromThenable).toBe(9);
    expect(log.filter((l) => l.startsWith("asyncEnd"))).toEqual(['asyncEnd:{"k":6,"result":7}', 'asyncEnd:{"k":7,"result":9}']);
  });

  test("traceCallback wraps the callback at `position`", async () => {
    const tc = dc.tracingChannel(freshName("callback"));
    const { log, handlers } = recorder();
    tc.subscribe(handlers);
    await new Promise<void>((resolve) => {
      const returned = tc.traceCallback(
        (a: string, cb: (err: Error | null, res?: string) => void) => {
          log.push(`fn ${a}`);
          setTimeout(() => cb(null, "res"), 1);
          return "ret";
        },
        1,
        { k: 8 },
        undefined,
        "A",
        (err: Error | null, res: string) => {
          log.push(`cb ${err} ${res}`);
          resolve();
        },
      );
      log.push(`returned ${returned}`);
    });
    expect(log.splice(0)).toEqual([
      'start:{"k":8}',
      "fn A",
      'end:{"k":8}',
      "returned ret",
      'asyncStart:{"k":8,"result":"res"}',
      "cb null res",
      'asyncEnd:{"k":8,"result":"res"}',
    ]);

    // The last argument by default; an error argument publishes error first.
    tc.traceCallback((cb: (err: Error) => void) => cb(new Error("failed")), undefined, { k: 9 }, undefined, (err: Error) => log.push(`cb ${err.message}`));
    expect(log.splice(0)).toEqual([
      'start:{"k":9}',
      'error:{"k":9,"error":"failed"}',
      'asyncStart:{"k":9,"error":"failed"}',
      "cb failed",
      'asyncEnd:{"k":9,"error":"failed"}',
      'end:{"k":9,"error":"failed"}',
    ]);
  });

  test("traceCallback requires a function at `position` when traced", () => {
    const tc = dc.tracingChannel(freshName("callback-check"));
    tc.subscribe({ start: () => {} });
    expect(errorOf(() => tc.traceCallback(() => {}, 0, {}, undefined, 5))).toEqual({
      name: "TypeError",
      code: "ERR_INVALID_ARG_TYPE",
      message: 'The "callback" argument must be of type function. Received type number (5)',
    });
    expect(errorOf(() => tc.traceCallback(() => {}, 5, {}, undefined, () => {}))?.message).toBe(
      'The "callback" argument must be of type function. Received undefined',
    );
  });

  test("stores bound to start see the context while the traced function runs", () => {
    const log: string[] = [];
    const tc = dc.tracingChannel(freshName("stores"));
    const store = fakeStore("s", log);
    tc.start.bindStore(store, (ctx: any) => ctx.id);
    tc.traceSync(() => log.push(`inside s=${store.value}`), { id: 77 });
    expect(log).toEqual(["s.run(77)", "inside s=77"]);
  });
});

describe("diagnostics_channel: AsyncLocalStorage stores", () => {
  const later = (f: () => void) => new Promise<void>((resolve) => setTimeout(() => (f(), resolve()), 1));

  test("runStores sets the store for subscribers, the function and what it schedules", async () => {
    const als = new AsyncLocalStorage<any>();
    const ch = dc.channel(freshName("als"));
    ch.bindStore(als, (data: any) => ({ wrapped: data }));
    expect(ch.hasSubscribers).toBe(true);
    const log: string[] = [];
    ch.subscribe((message) => log.push(`subscriber ${JSON.stringify(als.getStore())} ${JSON.stringify(message)}`));
    let scheduled!: Promise<void>;
    let chained!: Promise<void>;
    const result = ch.runStores(
      { a: 1 },
      function (this: any, x: string) {
        log.push(`fn ${JSON.stringify(als.getStore())} ${x} ${this.t}`);
        scheduled = later(() => log.push(`timeout ${JSON.stringify(als.getStore())}`));
        chained = Promise.resolve().then(() => {
          log.push(`then ${JSON.stringify(als.getStore())}`);
        });
        return "ret";
      },
      { t: "T" },
      "arg",
    );
    expect(result).toBe("ret");
    expect(als.getStore()).toBe(undefined);
    await Promise.all([scheduled, chained]);
    expect(log).toEqual([
      'subscriber {"wrapped":{"a":1}} {"a":1}',
      'fn {"wrapped":{"a":1}} arg T',
      'then {"wrapped":{"a":1}}',
      'timeout {"wrapped":{"a":1}}',
    ]);
  });

  test("the caller's store is back after runStores; binding again replaces the transform; unbindStore", () => {
    const als = new AsyncLocalStorage<string>();
    const ch = dc.channel(freshName("als-rebind"));
    ch.bindStore(als, () => "first");
    ch.bindStore(als, () => "second");
    const log: unknown[] = [];
    als.run("outer", () => {
      ch.runStores(null, () => log.push(als.getStore()));
      log.push(als.getStore());
    });
    ch.bindStore(als);
    ch.runStores("raw message", () => log.push(als.getStore()));
    expect(ch.unbindStore(als)).toBe(true);
    expect(ch.unbindStore(als)).toBe(false);
    als.run("outer", () => ch.runStores("ignored", () => log.push(als.getStore())));
    expect(log).toEqual(["second", "outer", "raw message", "outer"]);
    expect(ch.hasSubscribers).toBe(false);
  });

  test("two storages bound to one channel each get their own value", () => {
    const a = new AsyncLocalStorage<string>();
    const b = new AsyncLocalStorage<string>();
    const ch = dc.channel(freshName("als-two"));
    ch.bindStore(a, (d: any) => `a:${d}`);
    ch.bindStore(b, (d: any) => `b:${d}`);
    expect(ch.runStores("x", () => [a.getStore(), b.getStore()])).toEqual(["a:x", "b:x"]);
    expect([a.getStore(), b.getStore()]).toEqual([undefined, undefined]);
  });

  test("a throwing transform leaves its storage unset; the error comes on the next tick", () => {
    const als = new AsyncLocalStorage<string>();
    const ch = dc.channel(freshName("als-throw"));
    const failure = new Error("transform failed");
    ch.bindStore(als, () => {
      throw failure;
    });
    let seen: unknown = "not run";
    const deferred = captureNextTicks(() => {
      als.run("outer", () => ch.runStores({}, () => (seen = als.getStore())));
    });
    expect(seen).toBe("outer");
    expect(deferred.length).toBe(1);
    expect(() => deferred[0]()).toThrow(failure);
  });

  test("tracingChannel: a storage bound to start holds during the traced work", async () => {
    const als = new AsyncLocalStorage<number>();
    const tc = dc.tracingChannel(freshName("als-trace"));
    tc.start.bindStore(als, (ctx: any) => ctx.id);
    const log: string[] = [];
    const handlers = {
      start: (ctx: any) => log.push(`start ${ctx.id} ${als.getStore()}`),
      end: (ctx: any) => log.push(`end ${ctx.id} ${als.getStore()}`),
      asyncStart: (ctx: any) => log.push(`asyncStart ${ctx.id} ${als.getStore()}`),
      asyncEnd: (ctx: any) => log.push(`asyncEnd ${ctx.id} ${als.getStore()}`),
      error: (ctx: any) => log.push(`error ${ctx.id} ${ctx.error.message}`),
    };
    tc.subscribe(handlers);
    expect(tc.traceSync(() => als.getStore(), { id: 1 })).toBe(1);
    expect(() =>
      tc.traceSync(
        () => {
          throw new Error(`failed in ${als.getStore()}`);
        },
        { id: 2 },
      ),
    ).toThrow("failed in 2");
    const value = await tc.tracePromise(() => Promise.resolve(als.getStore()).then((v) => `${v} then ${als.getStore()}`), { id: 3 });
    expect(value).toBe("3 then 3");
    expect(als.getStore()).toBe(undefined);
    tc.unsubscribe(handlers);
    expect(log).toEqual([
      "start 1 1",
      "end 1 1",
      "start 2 2",
      "error 2 failed in 2",
      "end 2 2",
      "start 3 3",
      "end 3 3",
      // The promise's reactions were attached inside start's store.
      "asyncStart 3 3",
      "asyncEnd 3 3",
    ]);
  });

  test("tracingChannel: a storage bound to asyncStart holds while traceCallback's callback runs", async () => {
    const als = new AsyncLocalStorage<string>();
    const tc = dc.tracingChannel(freshName("als-callback"));
    tc.start.bindStore(als, (ctx: any) => `start:${ctx.id}`);
    tc.asyncStart.bindStore(als, (ctx: any) => `async:${ctx.id}`);
    const log: string[] = [];
    const handlers = {
      asyncStart: (ctx: any) => log.push(`asyncStart ${ctx.id} ${als.getStore()}`),
      asyncEnd: (ctx: any) => log.push(`asyncEnd ${ctx.id} ${als.getStore()}`),
      error: (ctx: any) => log.push(`error ${ctx.id} ${ctx.error.message}`),
    };
    tc.subscribe(handlers);
    const call = (id: number, fail: boolean) =>
      new Promise<void>((resolve) =>
        tc.traceCallback(
          (cb: (err: Error | null, value?: string) => void) => {
            log.push(`fn ${id} ${als.getStore()}`);
            setTimeout(() => (fail ? cb(new Error("bad")) : cb(null, "R")), 1);
          },
          -1,
          { id },
          null,
          (err: Error | null, value?: string) => {
            log.push(`callback ${id} ${err ? err.message : value} ${als.getStore()}`);
            resolve();
          },
        ),
      );
    await call(1, false);
    await call(2, true);
    tc.unsubscribe(handlers);
    expect(log).toEqual([
      "fn 1 start:1",
      "asyncStart 1 async:1",
      "callback 1 R async:1",
      "asyncEnd 1 async:1",
      "fn 2 start:2",
      "error 2 bad",
      "asyncStart 2 async:2",
      "callback 2 bad async:2",
      "asyncEnd 2 async:2",
    ]);
  });
});
