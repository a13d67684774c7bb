// Timer callbacks that capture large structures and collect while they run, and cleared timers
// whose callback held the last reference to a structure.
import { describe, expect, test } from "bun:test";
import { collectUntil, deferred, fullGc, gcInImmediate, globalGc } from "./fixtures/gc.js";

describe("callbacks capturing large structures", () => {
  test("setTimeout callbacks sum what they captured after collecting", async () => {
    const done = deferred();
    const sums: number[] = [];
    for (let t = 0; t < 5; t++) {
      // Captured only by the callback once this iteration ends.
      const numbers = Array.from({ length: 1000 }, (_, i) => i + t);
      const byKey = new Map(Array.from({ length: 100 }, (_, i) => [`k${i}`, { weight: i * t }]));
      setTimeout(() => {
        fullGc();
        let total = numbers.reduce((a, b) => a + b, 0);
        for (const entry of byKey.values()) total += entry.weight;
        sums.push(total);
        if (sums.length === 5) done.resolve();
      }, t);
    }
    await done.promise;
    // sum(0..999) + 1000 t + t * sum(0..99), in the order of the delays.
    expect(sums).toEqual([0, 1, 2, 3, 4].map((t) => 499500 + 1000 * t + 4950 * t));
  });

  test("setInterval collects on every tick and keeps its accumulator", async () => {
    const done = deferred();
    const state = { ticks: [] as string[], letters: "abcdefgh".split("") };
    const handle = setInterval(() => {
      globalGc();
      state.ticks.push(state.letters[state.ticks.length]);
      if (state.ticks.length === 6) {
        clearInterval(handle);
        done.resolve();
      }
    }, 1);
    await done.promise;
    // One more period: a cleared interval must not tick again.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(state.ticks.join("")).toBe("abcdef");
  });

  test("setImmediate callbacks run in order and collect", async () => {
    const done = deferred();
    const order: string[] = [];
    const payloads = Array.from({ length: 10 }, (_, i) => ({ label: `imm${i}`, data: [i, i * i] }));
    payloads.forEach((payload, i) => {
      setImmediate(() => {
        if (i % 3 === 0) fullGc();
        order.push(`${payload.label}:${payload.data[1]}`);
        if (order.length === payloads.length) done.resolve();
      });
    });
    await done.promise;
    expect(order).toEqual(payloads.map((p, i) => `imm${i}:${i * i}`));
  });

  test("arguments passed to setTimeout are held by the timer alone", async () => {
    const done = deferred();
    function schedule() {
      const first = { text: ["ar", "gu"].join("") };
      const second = ["ments", "!"];
      setTimeout(
        (a: { text: string }, b: string[]) => {
          fullGc();
          done.resolve(a.text + b.join(""));
        },
        2,
        first,
        second,
      );
    }
    schedule();
    fullGc();
    expect(await done.promise).toBe("arguments!");
  });

  test("equal delays fire in creation order while each collects", async () => {
    const done = deferred();
    const fired: number[] = [];
    for (let i = 0; i < 50; i++) {
      const mark = { i };
      setTimeout(() => {
        if (i % 10 === 0) fullGc();
        fired.push(mark.i);
        if (fired.length === 50) done.resolve();
      }, 3);
    }
    await done.promise;
    expect(fired).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  test("a nested chain of setImmediate and setTimeout collecting at each hop", async () => {
    const trail: string[] = [];
    await gcInImmediate();
    await new Promise<void>((resolve) => {
      const hop = (n: number) => {
        trail.push(`hop${n}`);
        fullGc();
        if (n === 8) resolve();
        else if (n % 2) setImmediate(hop, n + 1);
        else setTimeout(hop, 0, n + 1);
      };
      hop(0);
    });
    expect(trail).toEqual(Array.from({ length: 9 }, (_, i) => `hop${i}`));
  });
});

describe("cleared timers", () => {
  test("clearTimeout drops the callback that held the last reference", async () => {
    let ran = false;
    // Made in a helper so no stack slot of the test keeps the structure.
    function scheduleHolder() {
      const structure = { rows: Array.from({ length: 500 }, (_, i) => ({ i })) };
      const timer = setTimeout(() => {
        ran = structure.rows.length > 0;
      }, 50);
      return { timer, ref: new WeakRef(structure) };
    }
    const { timer, ref } = scheduleHolder();
    fullGc();
    expect(ref.deref()?.rows.length).toBe(500);
    clearTimeout(timer);
    expect(await collectUntil(() => ref.deref() === undefined)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(ran).toBe(false);
  });

  test("clearInterval and clearImmediate release their callbacks too", async () => {
    function scheduleBoth() {
      const forInterval = { name: "interval payload" };
      const forImmediate = { name: "immediate payload" };
      const interval = setInterval(() => forInterval.name, 1000);
      const immediate = setImmediate(() => forImmediate.name);
      return {
        interval,
        immediate,
        refs: [new WeakRef(forInterval), new WeakRef(forImmediate)],
      };
    }
    const { interval, immediate, refs } = scheduleBoth();
    clearInterval(interval);
    clearImmediate(immediate);
    expect(await collectUntil(() => refs.every((ref) => ref.deref() === undefined))).toBe(true);
  });

  test("a timer cleared from another timer's callback after a collection never runs", async () => {
    const log: string[] = [];
    const victim = setTimeout(() => log.push("victim ran"), 20);
    const done = deferred();
    setTimeout(() => {
      fullGc();
      clearTimeout(victim);
      log.push("cleared");
      setTimeout(() => done.resolve(), 30);
    }, 1);
    await done.promise;
    expect(log).toEqual(["cleared"]);
  });
});
