// WeakRef, FinalizationRegistry and WeakMap against suspended frames: what only a suspended
// frame holds must survive; what nothing holds must be collected (QuickJS-ng frees cycles only
// in a full collection, which Bun.gc(true) runs).
import { describe, expect, test } from "bun:test";
import { collectUntil, deferred, fullGc, gcInTimer, globalGc, turn } from "./fixtures/gc.js";

describe("objects held only by suspended frames survive", () => {
  test("an async frame's local stays the same object across collections", async () => {
    let ref: WeakRef<{ tag: string; list: number[] }> | undefined;
    let wakeHolder: () => void = () => {};
    async function holder() {
      const precious = { tag: `pre${"cious"}`, list: [1, 2, 3] };
      // A cycle, so only the full collector could free it.
      (precious as any).self = precious;
      ref = new WeakRef(precious);
      let wake: () => void;
      const woken = new Promise<void>((r) => (wake = r));
      wakeHolder = () => wake();
      await woken;
      return { same: ref.deref() === precious, text: precious.tag + precious.list.join("") };
    }
    const running = holder();
    const seenWhileSuspended: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      fullGc();
      await turn();
      seenWhileSuspended.push(ref!.deref()?.tag);
    }
    wakeHolder();
    expect(await running).toEqual({ same: true, text: "precious123" });
    expect(seenWhileSuspended).toEqual(["precious", "precious", "precious", "precious", "precious"]);
  });

  test("locals of a suspended async generator and a suspended sync generator", async () => {
    const refs: WeakRef<object>[] = [];
    async function* asyncKeeper() {
      const kept = { kind: "async", values: new Map([["a", 1]]) };
      refs.push(new WeakRef(kept));
      yield "parked";
      yield `${kept.kind}:${kept.values.get("a")}`;
    }
    function* syncKeeper() {
      const kept = { kind: "sync", values: new Set(["s"]) };
      refs.push(new WeakRef(kept));
      yield "parked";
      yield `${kept.kind}:${[...kept.values].join("")}`;
    }
    const asyncGen = asyncKeeper();
    const syncGen = syncKeeper();
    await asyncGen.next();
    syncGen.next();
    for (let i = 0; i < 5; i++) {
      fullGc();
      await turn();
    }
    expect(refs.every((ref) => ref.deref() !== undefined)).toBe(true);
    expect((await asyncGen.next()).value).toBe("async:1");
    expect(syncGen.next().value).toBe("sync:s");
  });

  test("50 suspended frames each keep their own object alive", async () => {
    const gate = deferred();
    const refs: WeakRef<{ id: number }>[] = [];
    const frames = Array.from({ length: 50 }, async (_, id) => {
      const own = { id };
      refs.push(new WeakRef(own));
      await gate.promise;
      return own;
    });
    await gcInTimer();
    globalGc();
    const aliveIds = refs.map((ref) => ref.deref()?.id);
    gate.resolve();
    const returned = await Promise.all(frames);
    expect(aliveIds).toEqual(Array.from({ length: 50 }, (_, id) => id));
    returned.forEach((own, id) => expect(own).toBe(refs[id].deref()!));
  });

  test("a WeakMap value survives while its key is held only by a suspended frame", async () => {
    const table = new WeakMap<object, { payload: string }>();
    const gate = deferred();
    async function keyHolder() {
      const key = {};
      // The value is reachable only through the entry of a key the frame holds.
      table.set(key, { payload: ["wm", "value"].join("-") });
      await gate.promise;
      return table.get(key)?.payload;
    }
    const running = keyHolder();
    for (let i = 0; i < 3; i++) {
      fullGc();
      await turn();
    }
    gate.resolve();
    expect(await running).toBe("wm-value");
  });
});

describe("unreachable objects are collected", () => {
  // Each maker returns only a WeakRef, so no stack slot of the caller keeps the target.
  function makeCycleRef() {
    const a: any = { name: "a" };
    const b: any = { name: "b", a };
    a.b = b;
    return new WeakRef(a);
  }

  test("deref() gives undefined after a full collection and a turn of the loop", async () => {
    const plain = (() => new WeakRef({ lonely: true }))();
    const cyclic = makeCycleRef();
    expect(await collectUntil(() => plain.deref() === undefined && cyclic.deref() === undefined)).toBe(true);
  });

  test("an object made and dropped by a frame that was suspended is collected", async () => {
    async function useThenDrop() {
      const temp: any = { data: Array.from({ length: 50 }, (_, i) => i) };
      temp.self = temp;
      const ref = new WeakRef(temp);
      await gcInTimer();
      // Still alive here: the frame uses it after the await.
      const sum = temp.data.reduce((a: number, b: number) => a + b, 0);
      return { ref, sum, same: ref.deref() === temp };
    }
    const { ref, sum, same } = await useThenDrop();
    expect(sum).toBe(1225);
    expect(same).toBe(true);
    expect(await collectUntil(() => ref.deref() === undefined)).toBe(true);
  });

  test("FinalizationRegistry calls back with the held value, and not for unregistered targets", async () => {
    const finalized: string[] = [];
    const registry = new FinalizationRegistry((held: string) => {
      // Collecting from inside the cleanup callback is allowed too.
      fullGc();
      finalized.push(held);
    });
    function registerGarbage() {
      const watched: any = { label: "watched" };
      watched.loop = watched;
      registry.register(watched, `held ${watched.label}`);
    }
    registerGarbage();
    // Unregistered while still alive, then dropped. (Unregistering after the drop is not
    // tested: QuickJS-ng frees an acyclic object at once and queues its callback, after which
    // unregister() finds nothing and returns false.)
    const token = {};
    let unwatched: object | undefined = { label: "unwatched" };
    registry.register(unwatched, "held unwatched", token);
    expect(registry.unregister(token)).toBe(true);
    unwatched = undefined;
    expect(await collectUntil(() => finalized.length > 0)).toBe(true);
    // A few more rounds: the unregistered target must still never be reported.
    for (let i = 0; i < 3; i++) {
      fullGc();
      await turn();
    }
    expect(finalized).toEqual(["held watched"]);
  });

  test("FinalizationRegistry for objects dropped by 20 async functions after resuming", async () => {
    const finalized = new Set<number>();
    const registry = new FinalizationRegistry((id: number) => finalized.add(id));
    async function transient(id: number) {
      const temp = { id, text: `temp${id}` };
      registry.register(temp, id);
      await gcInTimer();
      return temp.text;
    }
    const texts = await Promise.all(Array.from({ length: 20 }, (_, id) => transient(id)));
    expect(texts[19]).toBe("temp19");
    expect(await collectUntil(() => finalized.size === 20)).toBe(true);
    expect([...finalized].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, id) => id));
  });
});
