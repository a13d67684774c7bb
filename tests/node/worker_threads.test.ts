// node:worker_threads: a Worker is another runtime on its own thread; messages are structured
// clones; errors, process.exit, terminate and nesting behave as in Node 20 (checked with Node
// and Bun). The workers are the fixtures in tests/node/fixtures/workers/.
import { describe, expect, test } from "bun:test";
import { MessageChannel, Worker, isMainThread, threadId, workerData, parentPort } from "node:worker_threads";

// Bun (1.x) ends a worker whose error went uncaught with code 0; Node and rusk with 1.
const isBun = typeof Bun !== "undefined" && !navigator.userAgent.startsWith("rusk");
const fixture = (name: string) => new URL(`./fixtures/workers/${name}`, import.meta.url);

/** Collects a worker's events until it exits. */
function run(worker: Worker, onMessage?: (m: unknown, w: Worker) => void) {
  const events: unknown[] = [];
  return new Promise<{ events: unknown[]; code: number }>((resolve) => {
    worker.on("online", () => events.push("online"));
    worker.on("message", (m) => {
      events.push(m);
      onMessage?.(m, worker);
    });
    worker.on("error", (e) => events.push({ error: e.name, message: e.message }));
    worker.on("exit", (code) => resolve({ events, code }));
  });
}

describe("worker_threads", () => {
  test("the main thread's view", () => {
    expect(isMainThread).toBe(true);
    expect(threadId).toBe(0);
    expect(workerData).toBe(null);
    expect(parentPort).toBe(null);
  });

  test("workerData and messages are structured clones, both ways", async () => {
    const w = new Worker(fixture("echo.mjs"), { workerData: { n: 5, m: new Map([[1, "a"]]), d: new Date(0) } });
    const { events, code } = await run(w, (m, worker) => {
      const msg = m as { ready?: boolean; echo?: unknown };
      if (msg.ready) worker.postMessage({ set: new Set([1, 2]), big: 2n ** 70n, bytes: new Uint8Array([1, 2, 3]) });
      else worker.postMessage("close");
    });
    expect(code).toBe(0);
    expect(events[0]).toBe("online");
    const ready = events[1] as { isMainThread: boolean; threadId: number; workerData: { n: number; m: Map<number, string>; d: Date } };
    expect(ready.isMainThread).toBe(false);
    expect(ready.threadId).toBe(w.threadId === -1 ? ready.threadId : w.threadId);
    expect(ready.threadId).toBeGreaterThan(0);
    expect(ready.workerData.m.get(1)).toBe("a");
    expect(ready.workerData.d.getTime()).toBe(0);
    const echo = (events[2] as { echo: { set: Set<number>; big: bigint; bytes: Uint8Array } }).echo;
    expect([...echo.set]).toEqual([1, 2]);
    expect(echo.big).toBe(2n ** 70n);
    expect([...echo.bytes]).toEqual([1, 2, 3]);
  });

  test("messages posted before the worker listens are delivered in order", async () => {
    const w = new Worker(fixture("echo.mjs"));
    for (let i = 0; i < 50; i++) w.postMessage(i);
    const got: number[] = [];
    const { code } = await run(w, (m, worker) => {
      const msg = m as { echo?: number };
      if (typeof msg.echo === "number") {
        got.push(msg.echo);
        if (got.length === 50) worker.postMessage("close");
      }
    });
    expect(code).toBe(0);
    expect(got).toEqual([...Array(50).keys()]);
  });

  test("an uncaught error in the worker reaches the parent's 'error', then exit 1", async () => {
    const { events, code } = await run(new Worker(fixture("throws.mjs")));
    expect(events).toContainEqual({ error: "RangeError", message: "worker failed on purpose" });
    if (!isBun) expect(code).toBe(1);
  });

  test("process.exit in a worker ends only the worker, with its code", async () => {
    const { events, code } = await run(new Worker(fixture("exits.mjs")));
    expect(code).toBe(7);
    expect(events).toContainEqual({ exitListener: 7 });
    expect(events).not.toContain("caught the exit: must not happen");
    expect(events).not.toContain("after exit: must not happen");
  });

  test("terminate() stops a worker that keeps its loop busy with timers, and resolves with 1", async () => {
    const w = new Worker(fixture("forever.mjs"));
    let ticks = 0;
    const done = run(w, (m, worker) => {
      if (m === "tick" && ++ticks === 3) worker.terminate();
    });
    const { code } = await done;
    expect(code).toBe(1);
    expect(ticks).toBeGreaterThanOrEqual(3);
    expect(await w.terminate()).toBeUndefined();
  });

  test("terminate() stops a worker stuck in a loop that never yields", async () => {
    const w = new Worker(fixture("spin.mjs"));
    const { events, code } = await run(w, (m, worker) => {
      if (m === "spinning") worker.terminate();
    });
    expect(events).toContain("spinning");
    expect(code).toBe(1);
  });

  test("eval: true runs code; TypeScript files run; workers run in parallel", async () => {
    const e = await run(new Worker("require('node:worker_threads').parentPort.postMessage(6 * 7)", { eval: true }));
    expect(e.events).toContain(42);
    const n = 3_000_000;
    const runs = await Promise.all([1, 2].map(() => run(new Worker(fixture("spin.ts"), { workerData: { n } }))));
    for (const r of runs) {
      expect(r.code).toBe(0);
      expect((r.events.find((m) => typeof m === "object" && m !== null && "sum" in m) as { sum: number }).sum).toBe((n * (n - 1)) / 2);
    }
  });

  test("a worker can start workers", async () => {
    const { events, code } = await run(new Worker(fixture("nested.mjs")));
    expect(code).toBe(0);
    const relay = events.find((m) => typeof m === "object" && m !== null && "innerData" in m) as { innerData: string; innerThreadId: number };
    expect(relay.innerData).toBe("inner");
    expect(relay.innerThreadId).toBeGreaterThan(0);
  });

  test("bad arguments", () => {
    expect(() => new Worker("relative/path.js")).toThrow(TypeError);
    expect(() => new Worker(42 as unknown as string)).toThrow(TypeError);
  });

  test("MessageChannel within a thread", async () => {
    const { port1, port2 } = new MessageChannel();
    const got = new Promise((resolve) => port2.on("message", resolve));
    port1.postMessage({ a: [1, { b: 2 }] });
    expect(await got).toEqual({ a: [1, { b: 2 }] });
    port1.close();
    await new Promise((resolve) => port2.on("close", resolve));
  });
});
