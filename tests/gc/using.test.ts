// `using` / `await using` with collections between acquisition and disposal. rusk lowers these
// declarations in .ts files to try/finally blocks over a disposal stack, so the resources live
// in suspended frames' locals while the collections run.
import { describe, expect, test } from "bun:test";
import { collectUntil, fullGc, gcInMicrotask, gcInTimer, globalGc } from "./fixtures/gc.js";

function syncResource(log: string[], name: string, failWith?: string) {
  return {
    name,
    data: Array.from({ length: 4 }, (_, i) => `${name}${i}`),
    [Symbol.dispose]() {
      log.push(`dispose ${name} ${this.data.join("")}`);
      if (failWith) throw new Error(failWith);
    },
  };
}

function asyncResource(log: string[], name: string, failWith?: string) {
  return {
    name,
    async [Symbol.asyncDispose]() {
      // The disposer itself suspends across a collection, holding its resolver in a let.
      let resolve: () => void;
      const done = new Promise<void>((r) => (resolve = r));
      setTimeout(() => {
        fullGc();
        resolve();
      }, 1);
      await done;
      log.push(`async dispose ${name}`);
      if (failWith) throw new Error(failWith);
    },
  };
}

describe("using", () => {
  test("collections between acquisition and disposal; reverse disposal order", () => {
    const log: string[] = [];
    {
      using first = syncResource(log, "a");
      fullGc();
      using second = syncResource(log, "b");
      globalGc();
      log.push(`body ${first.name}${second.name}`);
    }
    expect(log).toEqual(["body ab", "dispose b b0b1b2b3", "dispose a a0a1a2a3"]);
  });

  test("a sync using in an async function that awaits a collection before leaving", async () => {
    const log: string[] = [];
    async function hold() {
      using held = syncResource(log, "h");
      await gcInTimer();
      log.push(`after await ${held.data.length}`);
      return held;
    }
    const returned = await hold();
    expect(returned.name).toBe("h");
    expect(log).toEqual(["after await 4", "dispose h h0h1h2h3"]);
  });

  test("the body's error propagates after disposal", () => {
    const log: string[] = [];
    let caught: unknown;
    try {
      using guard = syncResource(log, "g");
      fullGc();
      throw new Error(`body failed with ${guard.name}`);
    } catch (err) {
      caught = err;
    }
    expect((caught as Error).message).toBe("body failed with g");
    expect(log).toEqual(["dispose g g0g1g2g3"]);
  });
});

describe("await using", () => {
  test("await using in an async function suspended across collections", async () => {
    const log: string[] = [];
    async function session() {
      await using connection = asyncResource(log, "conn");
      await gcInTimer();
      await using cursor = asyncResource(log, "cursor");
      await gcInMicrotask();
      log.push(`working ${connection.name}/${cursor.name}`);
      return "result";
    }
    expect(await session()).toBe("result");
    expect(log).toEqual(["working conn/cursor", "async dispose cursor", "async dispose conn"]);
  });

  test("using and await using mixed in one block dispose in reverse declaration order", async () => {
    const log: string[] = [];
    {
      await using one = asyncResource(log, "one");
      using two = syncResource(log, "two");
      await gcInTimer();
      await using three = asyncResource(log, "three");
      fullGc();
      log.push(`body ${[one, two, three].map((r) => r.name).join(",")}`);
    }
    expect(log).toEqual([
      "body one,two,three",
      "async dispose three",
      "dispose two two0two1two2two3",
      "async dispose one",
    ]);
  });

  test("await using in a for-of loop disposes at the end of each iteration", async () => {
    const log: string[] = [];
    for (const name of ["x", "y", "z"]) {
      await using item = asyncResource(log, name);
      await gcInTimer();
      log.push(`use ${item.name}`);
    }
    expect(log).toEqual([
      "use x",
      "async dispose x",
      "use y",
      "async dispose y",
      "use z",
      "async dispose z",
    ]);
  });

  test("a failing disposer after a failing body gives a SuppressedError holding both", async () => {
    const log: string[] = [];
    let caught: any;
    try {
      await using fragile = asyncResource(log, "fragile", "dispose failed");
      await gcInTimer();
      throw new Error(`body failed in ${fragile.name}`);
    } catch (err) {
      caught = err;
    }
    fullGc();
    expect(caught.name).toBe("SuppressedError");
    expect(caught.error.message).toBe("dispose failed");
    expect(caught.suppressed.message).toBe("body failed in fragile");
    expect(log).toEqual(["async dispose fragile"]);
  });

  test("20 concurrent functions each holding resources while suspended", async () => {
    const log: string[] = [];
    async function job(id: number) {
      await using outer = asyncResource(log, `outer${id}`);
      using inner = syncResource(log, `inner${id}`);
      await gcInTimer();
      return `${outer.name}+${inner.name}`;
    }
    const results = await Promise.all(Array.from({ length: 20 }, (_, id) => job(id)));
    expect(results[0]).toBe("outer0+inner0");
    expect(results[19]).toBe("outer19+inner19");
    expect(log).toHaveLength(40);
    // Per job: the sync inner resource is disposed before the async outer one.
    for (let id = 0; id < 20; id++) {
      const innerAt = log.findIndex((line) => line.startsWith(`dispose inner${id} `));
      const outerAt = log.indexOf(`async dispose outer${id}`);
      expect(innerAt).toBeGreaterThanOrEqual(0);
      expect(outerAt).toBeGreaterThan(innerAt);
    }
  });

  test("a resource held only by the declaration survives until disposal, then is freed", async () => {
    const log: string[] = [];
    // Only a WeakRef escapes: the declaration (and the disposal stack) hold the resource.
    let ref: WeakRef<object> | undefined;
    let aliveWhileSuspended = false;
    async function scoped() {
      await using resource = asyncResource(log, "weakly-watched");
      ref = new WeakRef(resource);
      await gcInTimer();
      await gcInTimer();
      aliveWhileSuspended = ref.deref() === resource;
    }
    await scoped();
    expect(aliveWhileSuspended).toBe(true);
    expect(log).toEqual(["async dispose weakly-watched"]);
    expect(await collectUntil(() => ref!.deref() === undefined)).toBe(true);
  });
});
