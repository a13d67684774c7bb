// Modules with top-level await whose evaluation is suspended while a collection runs: static
// and dynamic imports, nested dynamic imports, rejections and import cycles.
import { describe, expect, test } from "bun:test";
import * as staticNs from "./fixtures/tla_static.js";
import { combined, nameA, readCombinedFromB } from "./fixtures/cycle_a.js";
import { deferred, fullGc, gcInTimer } from "./fixtures/gc.js";

// This test module itself suspends at top level, before it registers its tests.
const ownParts = ["own", "top", "level"];
{
  let resolve: () => void;
  const done = new Promise<void>((r) => (resolve = r));
  setTimeout(() => {
    Bun.gc(true);
    resolve();
  }, 1);
  await done;
}
const ownTopLevel = ownParts.join("-");

describe("top-level await with a collecting timer", () => {
  test("the test module's own top-level await", () => {
    expect(ownTopLevel).toBe("own-top-level");
  });

  test("a statically imported module's exports are intact", () => {
    fullGc();
    expect(staticNs.joined).toBe("w0 w1 w2 w3 w4 w5 w6 w7 w8 w9");
    expect(staticNs.sameEntryAfterAwait).toBe(true);
    expect(staticNs.indexTotal).toBe(45);
    expect(staticNs.lookup("w7")).toEqual({ word: "w7", index: 7 });
    expect(staticNs.evaluations).toBe(1);
  });

  test("import() of the same module gives the same namespace, evaluated once", async () => {
    const again = await import("./fixtures/tla_static.js");
    fullGc();
    expect(again).toBe(staticNs);
    expect(again.lookup("w2")).toBe(staticNs.lookup("w2"));
    expect(again.evaluations).toBe(1);
  });

  test("two concurrent import() calls while 20 async functions are suspended", async () => {
    const gate = deferred();
    const waiting = Array.from({ length: 20 }, async (_, i) => {
      const own = { i, text: `waiter${i}` };
      await gate.promise;
      return own.text;
    });
    const first = import("./fixtures/tla_dynamic.js");
    const second = import("./fixtures/tla_dynamic.js");
    const [a, b] = await Promise.all([first, second]);
    fullGc();
    gate.resolve();
    const texts = await Promise.all(waiting);
    expect(a).toBe(b);
    expect(a.labels).toBe("step0,step1,step2,step3,step4");
    expect(a.squareSum).toBe(30);
    expect(a.default).toEqual({ kind: "tla-dynamic", loadedAt: 29 });
    expect(a.counter.bump()).toBe(1);
    expect(b.counter.bump()).toBe(2);
    expect(texts[0]).toBe("waiter0");
    expect(texts[19]).toBe("waiter19");
  });

  test("a module awaiting the import() of another module with top-level await", async () => {
    const outer = await import("./fixtures/tla_outer.js");
    fullGc();
    const leaf = await import("./fixtures/tla_leaf.js");
    expect(outer.combined).toBe("outer+leaf");
    expect(outer.leafNamespace).toBe(leaf);
    expect(leaf.leafName).toBe("leaf");
  });

  test("a module that throws after a collection rejects every import with the same error", async () => {
    let firstError: unknown;
    let secondError: unknown;
    try {
      await import("./fixtures/tla_rejects.js");
    } catch (err) {
      firstError = err;
    }
    await gcInTimer();
    try {
      await import("./fixtures/tla_rejects.js");
    } catch (err) {
      secondError = err;
    }
    expect(firstError).toBeInstanceOf(Error);
    expect((firstError as Error).message).toBe("broken after gc");
    expect(secondError).toBe(firstError);
  });
});

describe("import cycles where a member awaits", () => {
  test("a two-module cycle imported statically", () => {
    fullGc();
    expect(nameA()).toBe("A");
    expect(combined).toBe("A+B saw A");
    // cycle_b reads cycle_a's binding live, now that cycle_a has finished.
    expect(readCombinedFromB()).toBe("A+B saw A");
  });

  test("a three-module ring imported dynamically, two members awaiting", async () => {
    const ring = await import("./fixtures/ring_1.js");
    fullGc();
    expect(ring.chain).toBe("one>two>three(saw one)");
    const middle = await import("./fixtures/ring_2.js");
    expect(middle.second).toBe("two>three(saw one)");
  });
});
