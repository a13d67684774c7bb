// Collections while async functions are suspended at `await`. quickjs-ng 0.11 corrupted its heap
// here (`malloc(): unaligned fastbin chunk detected`, GC assertions); every test checks the values
// that come out, so a premature free shows as a wrong result as well as a crash.
import { describe, expect, test } from "bun:test";
import {
  HEAVY_TEST_TIMEOUT_MS,
  deferred,
  fullGc,
  gcInMicrotask,
  gcInTimer,
  globalGc,
  turn,
} from "./fixtures/gc.js";

describe("one async function suspended at await", () => {
  test("the reported shape: a block-scoped promise resolved by a timer that collects", async () => {
    async function suspendedInBlock(label: string) {
      const before = `${label}-${[1, 2, 3].join("")}`;
      {
        let resolve: () => void;
        const done = new Promise<void>((r) => (resolve = r));
        setTimeout(() => {
          Bun.gc(true);
          resolve();
        }, 1);
        await done;
      }
      return `${before}-after`;
    }
    expect(await suspendedInBlock("x")).toBe("x-123-after");
    expect(await suspendedInBlock("y")).toBe("y-123-after");
  });

  test("a deferred kept in block scope, resolved by a timer that calls the global gc()", async () => {
    async function suspendedInBlock(seed: number) {
      const parts = [seed, seed * 2, seed * 3];
      {
        const { promise, resolve } = deferred();
        setTimeout(() => {
          globalGc();
          resolve(parts.length);
        }, 1);
        parts.push(await promise);
      }
      return parts;
    }
    expect(await suspendedInBlock(5)).toEqual([5, 10, 15, 3]);
  });

  test("locals of every kind keep their values across twenty collections", async () => {
    const shared = { name: "shared" };
    async function accumulate() {
      let letters = "";
      const seen = new Map<string, object>();
      const numbers: number[] = [];
      for (let i = 0; i < 20; i++) {
        const letter = String.fromCharCode(97 + i);
        letters += letter;
        seen.set(letter, i % 2 ? shared : { letter });
        numbers.push(i * i);
        // Alternate the point of the event loop where the collection happens.
        await (i % 2 ? gcInTimer() : gcInMicrotask());
      }
      return { letters, seen, numbers };
    }
    const { letters, seen, numbers } = await accumulate();
    expect(letters).toBe("abcdefghijklmnopqrst");
    expect(seen.size).toBe(20);
    expect(seen.get("b")).toBe(shared);
    expect(seen.get("c")).toEqual({ letter: "c" });
    expect(numbers.reduce((a, b) => a + b, 0)).toBe(2470);
  });

  test("`this` and private fields of an async method survive a collection", async () => {
    class Vault {
      #secret: string;
      constructor(secret: string) {
        this.#secret = secret;
      }
      async reveal(suffix: string) {
        const self = this;
        await gcInTimer();
        return { same: self === this, text: this.#secret + suffix };
      }
    }
    const vault = new Vault("open");
    const result = await vault.reveal("-sesame");
    expect(result).toEqual({ same: true, text: "open-sesame" });
  });

  test("awaiting a thenable built at run time", async () => {
    async function awaitThenable(n: number) {
      const thenable = {
        payload: Array.from({ length: n }, (_, i) => `t${i}`),
        then(onFulfilled: (v: string) => void) {
          setTimeout(() => {
            fullGc();
            onFulfilled(this.payload.join("+"));
          }, 1);
        },
      };
      return await thenable;
    }
    expect(await awaitThenable(4)).toBe("t0+t1+t2+t3");
  });

  test("a chain of 40 nested async calls suspended at once", async () => {
    // Each level holds its own object; the bottom collects while all 40 frames wait.
    async function level(n: number): Promise<number[]> {
      const mark = { n, label: `level${n}` };
      if (n === 0) {
        await gcInTimer();
        return [mark.n];
      }
      const below = await level(n - 1);
      await gcInMicrotask();
      if (mark.label !== `level${mark.n}`) throw new Error(`corrupted mark at ${n}`);
      return [...below, mark.n];
    }
    const depths = await level(39);
    expect(depths).toHaveLength(40);
    expect(depths[0]).toBe(0);
    expect(depths[39]).toBe(39);
    expect(depths.reduce((a, b) => a + b, 0)).toBe(780);
  });
});

// A worker holds, per round, closures over `let`/`const` block-scoped values of every kind and
// suspends on a promise of its own, whose `resolve` it keeps in a block-scoped `let` and hands
// out only through a waker closure (the shape that broke quickjs-ng 0.11). The controller
// collects while all 100 workers are suspended, then calls every waker.
type Reader = () => string;
type Waker = (by: string) => void;

async function worker(id: number, rounds: number, wakers: Waker[], readers: Reader[]) {
  const lines: string[] = [];
  for (let round = 0; round < rounds; round++) {
    const label = `w${id}:${round}`;
    const record = { id, round, label, nested: { product: id * round } };
    const values = [id, round, id + round];
    const byLabel = new Map([[label, record]]);
    let touched = 0;
    const read: Reader = () => {
      touched++;
      const sum = values.reduce((a, b) => a + b, 0);
      return `${label}|${record.nested.product}|${sum}|${byLabel.get(label) === record}|${touched}`;
    };
    readers.push(read);
    let wokenBy = "";
    {
      let resolve: () => void;
      const done = new Promise<void>((r) => (resolve = r));
      wakers.push((by) => {
        wokenBy = by;
        resolve();
      });
      await done;
    }
    lines.push(`${read()}|${wokenBy}`);
  }
  return lines;
}

function wakeAll(wakers: Waker[], by: string) {
  for (const wake of wakers.splice(0)) wake(by);
}

function expectedLine(id: number, round: number, touched: number) {
  return `w${id}:${round}|${id * round}|${2 * (id + round)}|true|${touched}`;
}

function checkWorkers(results: string[][], readers: Reader[], rounds: number, by: string) {
  expect(results).toHaveLength(100);
  for (let id = 0; id < 100; id++) {
    const expected = Array.from({ length: rounds }, (_, round) => `${expectedLine(id, round, 1)}|${by}`);
    expect(results[id]).toEqual(expected);
  }
  // The closures outlive their frames: collect once more and call each a second time.
  fullGc();
  expect(readers).toHaveLength(100 * rounds);
  expect(readers[0]()).toBe(expectedLine(0, 0, 2));
  expect(readers[readers.length - 1]()).toBe(expectedLine(99, rounds - 1, 2));
}

describe("100 async functions suspended at once", () => {
  const rounds = 2;

  function startWorkers(wakers: Waker[], readers: Reader[]) {
    const running = Array.from({ length: 100 }, (_, id) => worker(id, rounds, wakers, readers));
    // Every worker ran up to its first await and registered a waker.
    expect(wakers).toHaveLength(100);
    return running;
  }

  test("a timer collects, then wakes them", async () => {
    const wakers: Waker[] = [];
    const readers: Reader[] = [];
    const running = startWorkers(wakers, readers);
    for (let round = 0; round < rounds; round++) {
      await new Promise<void>((roundDone) =>
        setTimeout(() => {
          Bun.gc(true);
          wakeAll(wakers, "timer");
          roundDone();
        }, 1),
      );
      // A macrotask turn: every woken worker has run on to its next await (or finished).
      await turn();
    }
    checkWorkers(await Promise.all(running), readers, rounds, "timer");
  }, HEAVY_TEST_TIMEOUT_MS);

  test("a microtask collects, then wakes them", async () => {
    const wakers: Waker[] = [];
    const readers: Reader[] = [];
    const running = startWorkers(wakers, readers);
    for (let round = 0; round < rounds; round++) {
      queueMicrotask(() => {
        globalGc();
        wakeAll(wakers, "microtask");
      });
      await turn();
    }
    checkWorkers(await Promise.all(running), readers, rounds, "microtask");
  }, HEAVY_TEST_TIMEOUT_MS);

  test("another async function collects between its own awaits, then wakes them", async () => {
    const wakers: Waker[] = [];
    const readers: Reader[] = [];
    const running = startWorkers(wakers, readers);
    async function collector() {
      let collections = 0;
      for (let round = 0; round < rounds; round++) {
        for (let k = 0; k < 3; k++) {
          fullGc();
          collections++;
          await null;
        }
        await gcInTimer();
        collections++;
        wakeAll(wakers, "collector");
        await turn();
      }
      return collections;
    }
    expect(await collector()).toBe(4 * rounds);
    checkWorkers(await Promise.all(running), readers, rounds, "collector");
  }, HEAVY_TEST_TIMEOUT_MS);
});
