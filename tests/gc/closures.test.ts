// Closures over block scopes (per-iteration loop bindings, `catch` bindings, `finally`) that
// stay alive in suspended async frames while collections run.
import { describe, expect, test } from "bun:test";
import { fullGc, gcInMicrotask, gcInTimer, globalGc } from "./fixtures/gc.js";

describe("loop bindings captured by async closures", () => {
  test("for (let i...) gives each of 50 suspended closures its own i", async () => {
    const wakers: ((by: string) => void)[] = [];
    const tasks: Promise<string>[] = [];
    for (let i = 0; i < 50; i++) {
      const doubled = i * 2;
      tasks.push(
        (async () => {
          // Each closure's frame keeps its own resolver in a block-scoped let.
          let wake: (by: string) => void;
          const woken = new Promise<string>((r) => (wake = r));
          wakers.push((by) => wake(by));
          const by = await woken;
          return `${i}:${doubled}:${by}`;
        })(),
      );
    }
    setTimeout(() => {
      fullGc();
      wakers.forEach((wake, n) => wake(`t${n}`));
    }, 1);
    const results = await Promise.all(tasks);
    expect(results).toHaveLength(50);
    expect(results[0]).toBe("0:0:t0");
    expect(results[31]).toBe("31:62:t31");
    expect(results[49]).toBe("49:98:t49");
  });

  test("a loop variable changed after the capture is seen changed after resumption", async () => {
    const readers: Promise<number>[] = [];
    for (let i = 0; i < 10; i++) {
      let current = i;
      readers.push(
        (async () => {
          await gcInTimer();
          return current;
        })(),
      );
      // Closures capture the binding, not the value at capture time.
      current += 100;
    }
    const seen = await Promise.all(readers);
    expect(seen).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 109]);
  });

  test("for-of and for-in bindings in async closures", async () => {
    const inventory = { apples: 3, pears: 5, plums: 7 };
    const fromOf: Promise<string>[] = [];
    for (const [fruit, count] of Object.entries(inventory)) {
      fromOf.push(gcInMicrotask().then(() => `${fruit}=${count}`));
    }
    const fromIn: Promise<string>[] = [];
    for (const key in inventory) {
      fromIn.push(
        (async () => {
          await gcInTimer();
          return key.toUpperCase();
        })(),
      );
    }
    expect(await Promise.all(fromOf)).toEqual(["apples=3", "pears=5", "plums=7"]);
    expect(await Promise.all(fromIn)).toEqual(["APPLES", "PEARS", "PLUMS"]);
  });

  test("shadowed names in nested blocks resolve to the right binding after collections", async () => {
    const name = "outer";
    const results: string[] = [];
    const tasks: Promise<void>[] = [];
    for (let round = 0; round < 3; round++) {
      const name = `round${round}`;
      {
        const name = `inner${round}`;
        tasks.push(gcInTimer().then(() => void results.push(`${round}:${name}`)));
      }
      tasks.push(gcInMicrotask().then(() => void results.push(`${round}:${name}`)));
    }
    await Promise.all(tasks);
    results.sort();
    expect(results).toEqual(["0:inner0", "0:round0", "1:inner1", "1:round1", "2:inner2", "2:round2"]);
    expect(name).toBe("outer");
  });

  test("closures of a finished loop survive when only an array of them is left", async () => {
    const makers: (() => { id: number; tags: string[] })[] = [];
    async function build() {
      for (let i = 0; i < 30; i++) {
        const tags = [`t${i}`, `u${i}`];
        makers.push(() => ({ id: i, tags }));
        if (i % 10 === 0) await gcInTimer();
      }
    }
    await build();
    globalGc();
    const made = makers.map((make) => make());
    expect(made[0]).toEqual({ id: 0, tags: ["t0", "u0"] });
    expect(made[29]).toEqual({ id: 29, tags: ["t29", "u29"] });
    // Each closure keeps its own array: calling twice returns the same one.
    expect(makers[12]().tags).toBe(makers[12]().tags);
  });
});

describe("catch bindings and finally blocks", () => {
  test("async closures over catch bindings read the caught errors after collections", async () => {
    const handlers: (() => Promise<string>)[] = [];
    for (let i = 0; i < 20; i++) {
      try {
        throw new RangeError(`failure ${i}`);
      } catch (err) {
        handlers.push(async () => {
          await gcInTimer();
          return `${(err as Error).name}: ${(err as Error).message}`;
        });
      }
    }
    fullGc();
    const messages = await Promise.all(handlers.map((handle) => handle()));
    expect(messages[0]).toBe("RangeError: failure 0");
    expect(messages[19]).toBe("RangeError: failure 19");
  });

  test("a destructured catch binding captured across an await", async () => {
    async function describeFailure() {
      try {
        JSON.parse("{ not json");
      } catch ({ name, message }) {
        await gcInTimer();
        return { name, hasMessage: typeof message === "string" && message.length > 0 };
      }
      return null;
    }
    expect(await describeFailure()).toEqual({ name: "SyntaxError", hasMessage: true });
  });

  test("an error thrown before an awaiting finally reaches the caller intact", async () => {
    const log: string[] = [];
    async function guarded(n: number) {
      const resource = { n, state: "open" };
      try {
        await gcInTimer();
        if (n % 2) throw new Error(`odd ${n}`);
        return `even ${n}`;
      } finally {
        await gcInMicrotask();
        resource.state = "closed";
        log.push(`${resource.n}:${resource.state}`);
      }
    }
    const settled = await Promise.allSettled([0, 1, 2, 3].map(guarded));
    expect(settled.map((s) => (s.status === "fulfilled" ? s.value : (s.reason as Error).message))).toEqual([
      "even 0",
      "odd 1",
      "even 2",
      "odd 3",
    ]);
    expect(log.slice().sort()).toEqual(["0:closed", "1:closed", "2:closed", "3:closed"]);
  });

  test("the return value held during an awaiting finally is kept", async () => {
    async function withCleanup() {
      const result = { payload: Array.from({ length: 8 }, (_, i) => i * 3) };
      try {
        return result;
      } finally {
        await gcInTimer();
        await gcInMicrotask();
      }
    }
    const value = await withCleanup();
    fullGc();
    expect(value.payload).toEqual([0, 3, 6, 9, 12, 15, 18, 21]);
  });

  test("closures created in catch and finally of 30 concurrent functions", async () => {
    async function attempt(i: number) {
      const readers: (() => string)[] = [];
      try {
        await gcInTimer();
        throw new TypeError(`bad ${i}`);
      } catch (caught) {
        readers.push(() => (caught as Error).message);
        await gcInMicrotask();
      } finally {
        const note = `cleanup ${i}`;
        readers.push(() => note);
        let release: () => void;
        const released = new Promise<void>((r) => (release = r));
        setTimeout(() => {
          fullGc();
          release();
        }, 1);
        await released;
      }
      return readers.map((read) => read()).join(" / ");
    }
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(i)));
    expect(results[0]).toBe("bad 0 / cleanup 0");
    expect(results[29]).toBe("bad 29 / cleanup 29");
    expect(new Set(results).size).toBe(30);
  });
});
