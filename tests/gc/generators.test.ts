// Collections while sync and async generators are suspended at `yield` or `await`, then resumed
// with next(), return() and throw(), and driven by `for await`.
import { describe, expect, test } from "bun:test";
import {
  HEAVY_TEST_TIMEOUT_MS,
  deferred,
  fullGc,
  gcInMicrotask,
  gcInTimer,
  globalGc,
} from "./fixtures/gc.js";

describe("sync generators", () => {
  test("closures made before each yield read the right values after collections", () => {
    function* tagged(prefix: string) {
      const readers: (() => string)[] = [];
      for (let i = 0; i < 5; i++) {
        const tag = `${prefix}${i}`;
        readers.push(() => tag);
        const reply = yield tag;
        readers.push(() => `${tag}<-${reply}`);
      }
      return readers.map((read) => read()).join(",");
    }
    const gen = tagged("p");
    const yielded: string[] = [];
    let step = gen.next();
    for (let i = 0; !step.done; i++) {
      yielded.push(step.value as string);
      fullGc();
      step = gen.next(`r${i}`);
    }
    expect(yielded).toEqual(["p0", "p1", "p2", "p3", "p4"]);
    expect(step.value).toBe("p0,p0<-r0,p1,p1<-r1,p2,p2<-r2,p3,p3<-r3,p4,p4<-r4");
  });

  test("100 generators suspended together, resumed in reverse order after a collection", () => {
    function* squares(id: number) {
      const seen = new Map<number, { id: number; square: number }>();
      for (let k = 1; k <= 3; k++) {
        const entry = { id, square: (id + k) ** 2 };
        seen.set(k, entry);
        yield entry;
      }
      return [...seen.values()].reduce((sum, e) => sum + e.square, 0);
    }
    const gens = Array.from({ length: 100 }, (_, id) => squares(id));
    const firsts = gens.map((g) => g.next().value);
    globalGc();
    const totals: number[] = [];
    for (let id = 99; id >= 0; id--) {
      gens[id].next();
      gens[id].next();
      totals[id] = gens[id].next().value as number;
    }
    expect(firsts[7]).toEqual({ id: 7, square: 64 });
    for (let id = 0; id < 100; id++) {
      expect(totals[id]).toBe((id + 1) ** 2 + (id + 2) ** 2 + (id + 3) ** 2);
    }
  }, HEAVY_TEST_TIMEOUT_MS);

  test("return() after a collection runs finally blocks innermost first", () => {
    const log: string[] = [];
    function* nested() {
      const outer = ["outer", "finally"].join(" ");
      try {
        const inner = ["inner", "finally"].join(" ");
        try {
          yield 1;
          log.push("not reached");
        } finally {
          log.push(inner);
        }
      } finally {
        log.push(outer);
      }
    }
    const gen = nested();
    expect(gen.next()).toEqual({ value: 1, done: false });
    fullGc();
    expect(gen.return(42)).toEqual({ value: 42, done: true });
    expect(log).toEqual(["inner finally", "outer finally"]);
    expect(gen.next()).toEqual({ value: undefined, done: true });
  });

  test("throw() after a collection is caught inside and the generator goes on", () => {
    function* resilient() {
      const caught: string[] = [];
      for (let i = 0; i < 3; i++) {
        try {
          yield i;
        } catch (err) {
          caught.push(`${(err as Error).message}@${i}`);
        }
      }
      return caught;
    }
    const gen = resilient();
    gen.next();
    fullGc();
    expect(gen.throw(new Error("first"))).toEqual({ value: 1, done: false });
    fullGc();
    expect(gen.throw(new Error("second"))).toEqual({ value: 2, done: false });
    expect(gen.next()).toEqual({ value: ["first@0", "second@1"], done: true });
  });

  test("yield* keeps the inner generator alive and return() reaches its finally", () => {
    const log: string[] = [];
    function* inner(name: string) {
      try {
        yield `${name}-a`;
        yield `${name}-b`;
      } finally {
        log.push(`inner ${name} closed`);
      }
    }
    function* outer() {
      yield* inner(["in", "ner"].join(""));
    }
    const gen = outer();
    expect(gen.next().value).toBe("inner-a");
    fullGc();
    expect(gen.next().value).toBe("inner-b");
    fullGc();
    gen.return(undefined);
    expect(log).toEqual(["inner inner closed"]);
  });
});

describe("async generators", () => {
  test("for await over a generator that collects at each await", async () => {
    const made: object[] = [];
    async function* ticks(count: number) {
      for (let i = 0; i < count; i++) {
        const item = { i, label: `tick-${i}`, parts: [i, i * 10] };
        made.push(item);
        await (i % 2 ? gcInMicrotask() : gcInTimer());
        yield item;
      }
    }
    const labels: string[] = [];
    let sum = 0;
    let index = 0;
    for await (const item of ticks(12)) {
      // Identity: the object that comes out is the one the suspended frame made.
      expect(item).toBe(made[index++]);
      labels.push(item.label);
      sum += item.parts[0] + item.parts[1];
      fullGc();
    }
    expect(labels).toHaveLength(12);
    expect(labels[11]).toBe("tick-11");
    expect(sum).toBe(726);
  });

  test("an async generator awaiting a promise whose resolver sits in a block-scoped let", async () => {
    // The reported shape inside an async generator: the frame holds `resolve`, a timer's
    // closure calls it after collecting.
    async function* ticks(count: number) {
      for (let i = 0; i < count; i++) {
        let resolve: (value: string) => void;
        const done = new Promise<string>((r) => (resolve = r));
        setTimeout(() => {
          Bun.gc(true);
          resolve(`tick ${i}`);
        }, 1);
        yield await done;
      }
    }
    const seen: string[] = [];
    for await (const tick of ticks(5)) seen.push(tick);
    expect(seen).toEqual(["tick 0", "tick 1", "tick 2", "tick 3", "tick 4"]);
  });

  test("return() while suspended at yield, after a collection, runs an awaiting finally", async () => {
    const log: string[] = [];
    async function* guarded() {
      const name = `res${40 + 2}`;
      try {
        yield 1;
        yield 2;
      } finally {
        await gcInTimer();
        log.push(`released ${name}`);
      }
    }
    const gen = guarded();
    expect(await gen.next()).toEqual({ value: 1, done: false });
    fullGc();
    expect(await gen.return("early")).toEqual({ value: "early", done: true });
    expect(log).toEqual(["released res42"]);
  });

  test("return() queued while suspended at await completes after the await", async () => {
    const log: string[] = [];
    const gate = deferred();
    async function* slow() {
      try {
        log.push("start");
        await gate.promise;
        log.push("resumed");
        yield "first";
        log.push("not reached");
      } finally {
        log.push("finally");
      }
    }
    const gen = slow();
    const first = gen.next();
    const closing = gen.return("closed");
    await gcInTimer();
    expect(log).toEqual(["start"]);
    gate.resolve();
    expect(await first).toEqual({ value: "first", done: false });
    expect(await closing).toEqual({ value: "closed", done: true });
    expect(log).toEqual(["start", "resumed", "finally"]);
  });

  test("throw() after a collection is caught inside and the generator yields again", async () => {
    async function* recovering() {
      let failures = 0;
      while (true) {
        try {
          const request = yield `failures=${failures}`;
          await gcInMicrotask();
          if (request === "stop") return failures;
        } catch (err) {
          failures++;
          await gcInTimer();
          if (!(err instanceof RangeError)) throw err;
        }
      }
    }
    const gen = recovering();
    expect((await gen.next()).value).toBe("failures=0");
    fullGc();
    expect((await gen.throw(new RangeError("bad"))).value).toBe("failures=1");
    expect((await gen.throw(new RangeError("worse"))).value).toBe("failures=2");
    expect(await gen.next("stop")).toEqual({ value: 2, done: true });
  });

  test("throw() of an error the generator does not catch rejects with that error", async () => {
    async function* fragile() {
      yield "ready";
      await gcInTimer();
      yield "never";
    }
    const gen = fragile();
    await gen.next();
    fullGc();
    const error = new TypeError("stop now");
    let caught: unknown;
    try {
      await gen.throw(error);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBe(error);
    expect(await gen.next()).toEqual({ value: undefined, done: true });
  });

  test("50 async generators interleaved, each suspended at await during collections", async () => {
    async function* countdown(id: number) {
      const history: string[] = [];
      for (let n = 3; n > 0; n--) {
        history.push(`${id}:${n}`);
        await gcInTimer(1);
        yield history.join(" ");
      }
    }
    const gens = Array.from({ length: 50 }, (_, id) => countdown(id));
    let last: IteratorResult<string>[] = [];
    for (let step = 0; step < 3; step++) {
      last = await Promise.all(gens.map((g) => g.next()));
      fullGc();
    }
    expect(last[0]).toEqual({ value: "0:3 0:2 0:1", done: false });
    expect(last[49]).toEqual({ value: "49:3 49:2 49:1", done: false });
    const ends = await Promise.all(gens.map((g) => g.next()));
    expect(ends.every((r) => r.done && r.value === undefined)).toBe(true);
  }, HEAVY_TEST_TIMEOUT_MS);

  test("yield* over a suspended async generator, then return() reaches the inner finally", async () => {
    const log: string[] = [];
    async function* inner() {
      try {
        for (let i = 0; ; i++) {
          await gcInTimer();
          yield `inner-${i}`;
        }
      } finally {
        log.push("inner finally");
      }
    }
    async function* outer() {
      try {
        yield* inner();
      } finally {
        log.push("outer finally");
      }
    }
    const gen = outer();
    expect((await gen.next()).value).toBe("inner-0");
    expect((await gen.next()).value).toBe("inner-1");
    fullGc();
    expect(await gen.return("done")).toEqual({ value: "done", done: true });
    expect(log).toEqual(["inner finally", "outer finally"]);
  });

  test("for await over an array of promises settled by collecting timers", async () => {
    const pending = Array.from({ length: 20 }, (_, i) => gcInTimer(20 - i, { i, text: `v${i}` }));
    const seen: string[] = [];
    for await (const value of pending) seen.push((value as { text: string }).text);
    // for await keeps array order whatever order the timers fired in.
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => `v${i}`));
  });

  test("breaking out of for await closes the suspended generator", async () => {
    const log: string[] = [];
    async function* endless() {
      try {
        for (let i = 0; ; i++) {
          await gcInMicrotask();
          yield i;
        }
      } finally {
        log.push("closed");
      }
    }
    let total = 0;
    for await (const n of endless()) {
      total += n;
      fullGc();
      if (n === 9) break;
    }
    expect(total).toBe(45);
    expect(log).toEqual(["closed"]);
  });
});
