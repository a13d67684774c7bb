// Promise chains and combinators with collections at each step: the reactions, the values
// they carry and the combinators' internal records must all survive.
import { describe, expect, test } from "bun:test";
import {
  HEAVY_TEST_TIMEOUT_MS,
  deferred,
  fullGc,
  gcInMicrotask,
  gcInTimer,
  globalGc,
} from "./fixtures/gc.js";

describe("then chains", () => {
  test("a 200-step chain that collects at every step", async () => {
    let chain: Promise<{ total: number; trail: string }> = Promise.resolve({ total: 0, trail: "" });
    for (let step = 1; step <= 200; step++) {
      chain = chain.then((acc) => {
        fullGc();
        return { total: acc.total + step, trail: step % 50 === 0 ? `${acc.trail}[${step}]` : acc.trail };
      });
    }
    const result = await chain;
    expect(result.total).toBe(20100);
    expect(result.trail).toBe("[50][100][150][200]");
  });

  test("a chain whose steps return promises settled by collecting timers", async () => {
    let chain = Promise.resolve<string[]>([]);
    for (let step = 0; step < 15; step++) {
      chain = chain.then((list) => gcInTimer(1, [...list, `s${step}`]));
    }
    const list = await chain;
    expect(list).toHaveLength(15);
    expect(list.join("")).toBe("s0s1s2s3s4s5s6s7s8s9s10s11s12s13s14");
  });

  test("catch and finally in a chain keep the rejection reason and the values", async () => {
    const order: string[] = [];
    const reason = new RangeError("chain broke");
    const value = await Promise.resolve(1)
      .then((v) => {
        globalGc();
        order.push(`then ${v}`);
        throw reason;
      })
      .then(() => order.push("skipped"))
      .finally(() => {
        fullGc();
        order.push("finally");
      })
      .catch((err) => {
        order.push(`caught same=${err === reason}`);
        return gcInMicrotask("recovered");
      });
    expect(value).toBe("recovered");
    expect(order).toEqual(["then 1", "finally", "caught same=true"]);
  });
});

// Settles `count` promises from timers in a scrambled order, collecting in some callbacks.
function scrambled(count: number, settle: (i: number) => { ok: boolean; value: unknown }) {
  return Array.from({ length: count }, (_, i) => {
    const { promise, resolve, reject } = deferred();
    setTimeout(
      () => {
        if (i % 25 === 0) fullGc();
        const outcome = settle(i);
        (outcome.ok ? resolve : reject)(outcome.value);
      },
      (i * 7) % 5,
    );
    return promise;
  });
}

describe("combinators over hundreds of promises", () => {
  test("Promise.all keeps input order and object identity", async () => {
    const objects = Array.from({ length: 200 }, (_, i) => ({ i, name: `item${i}` }));
    const results = await Promise.all(scrambled(200, (i) => ({ ok: true, value: objects[i] })));
    fullGc();
    expect(results).toHaveLength(200);
    for (let i = 0; i < 200; i += 37) expect(results[i]).toBe(objects[i]);
    expect(results.reduce((sum, o) => sum + (o as { i: number }).i, 0)).toBe(19900);
  }, HEAVY_TEST_TIMEOUT_MS);

  test("Promise.all rejects with the first rejection", async () => {
    const failing = scrambled(200, (i) =>
      i === 123 ? { ok: false, value: new Error("only failure") } : { ok: true, value: i },
    );
    let caught: unknown;
    try {
      await Promise.all(failing);
    } catch (err) {
      caught = err;
    }
    expect((caught as Error).message).toBe("only failure");
    // The rest still settle normally afterwards.
    const settled = await Promise.allSettled(failing);
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(199);
  }, HEAVY_TEST_TIMEOUT_MS);

  test("Promise.allSettled reports every status and reason", async () => {
    const settled = await Promise.allSettled(
      scrambled(200, (i) =>
        i % 3 === 0 ? { ok: false, value: new TypeError(`no ${i}`) } : { ok: true, value: `yes ${i}` },
      ),
    );
    globalGc();
    expect(settled).toHaveLength(200);
    expect(settled[0]).toEqual({ status: "rejected", reason: new TypeError("no 0") });
    expect(settled[1]).toEqual({ status: "fulfilled", value: "yes 1" });
    expect(settled[198]).toEqual({ status: "rejected", reason: new TypeError("no 198") });
    expect(settled[199]).toEqual({ status: "fulfilled", value: "yes 199" });
    expect(settled.filter((s) => s.status === "rejected")).toHaveLength(67);
    const reasons = settled.filter((s): s is PromiseRejectedResult => s.status === "rejected");
    expect(reasons.every((r) => r.reason instanceof TypeError)).toBe(true);
  }, HEAVY_TEST_TIMEOUT_MS);

  test("Promise.race settles with the first and the rest settle later", async () => {
    const winner = { won: true };
    const racers = [
      gcInTimer(30, "slow"),
      ...Array.from({ length: 100 }, (_, i) => gcInTimer(10 + (i % 5), `mid${i}`)),
      gcInMicrotask(winner),
    ];
    expect(await Promise.race(racers)).toBe(winner);
    const all = await Promise.all(racers);
    expect(all[0]).toBe("slow");
    expect(all[100]).toBe("mid99");
  });

  test("Promise.any skips rejections; all rejected gives an AggregateError in input order", async () => {
    const mixed = scrambled(100, (i) =>
      i === 75 ? { ok: true, value: "the one" } : { ok: false, value: new Error(`e${i}`) },
    );
    expect(await Promise.any(mixed)).toBe("the one");

    let caught: any;
    try {
      await Promise.any(scrambled(200, (i) => ({ ok: false, value: new Error(`e${i}`) })));
    } catch (err) {
      caught = err;
    }
    fullGc();
    expect(caught).toBeInstanceOf(AggregateError);
    expect(caught.errors).toHaveLength(200);
    expect(caught.errors[0].message).toBe("e0");
    expect(caught.errors[199].message).toBe("e199");
  }, HEAVY_TEST_TIMEOUT_MS);
});

describe("rejections handled later", () => {
  test("a rejected promise handled after collections in later microtasks", async () => {
    await gcInTimer();
    // Everything below runs in one macrotask's microtasks, so the rejection is handled before
    // the runtime's unhandled-rejection check.
    const reason = new Error(`rejected ${"later".toUpperCase()}`);
    const rejected = Promise.reject(reason);
    for (let i = 0; i < 10; i++) {
      globalGc();
      await null;
    }
    let caught: unknown;
    try {
      await rejected;
    } catch (err) {
      caught = err;
    }
    expect(caught).toBe(reason);
    expect((caught as Error).message).toBe("rejected LATER");
  });

  test("100 rejected promises, each handled after its own collections", async () => {
    await gcInTimer();
    const rejected = Array.from({ length: 100 }, (_, i) => Promise.reject({ code: i, text: `r${i}` }));
    fullGc();
    await null;
    const codes = await Promise.all(
      rejected.map(async (promise, i) => {
        if (i % 10 === 0) await gcInMicrotask();
        try {
          await promise;
          return -1;
        } catch (err) {
          const reason = err as { code: number; text: string };
          return reason.text === `r${i}` ? reason.code : -2;
        }
      }),
    );
    expect(codes).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  test("a promise rejected by a timer after a collection rejects its awaiting function", async () => {
    async function waitsForFailure() {
      const context = { step: "waiting" };
      let reject: (reason: Error) => void;
      const failing = new Promise((_, r) => (reject = r));
      setTimeout(() => {
        fullGc();
        reject(new Error("timer failure"));
      }, 1);
      try {
        await failing;
      } catch (err) {
        context.step = `failed: ${(err as Error).message}`;
      }
      return context.step;
    }
    expect(await waitsForFailure()).toBe("failed: timer failure");
  });
});
