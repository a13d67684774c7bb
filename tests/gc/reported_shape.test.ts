// The exact shape from the engine issue: a GC cycle while a module (top-level await) or an async
// function is suspended, its resolver kept in a block-scoped `let`. On quickjs-ng 0.11 this ends
// in `malloc(): unaligned fastbin chunk detected` (rusk before the engine switch aborts on it).
import { expect, test } from "bun:test";

{
  let resolve: () => void;
  const done = new Promise<void>((r) => (resolve = r));
  setTimeout(() => {
    Bun.gc(true);
    resolve();
  }, 1);
  await done;
}

test("a module suspended at top-level await survived the collection", () => {
  expect(typeof Bun.gc).toBe("function");
});

test("200 suspensions of an async function, each with a collection, keep their locals", async () => {
  async function suspendAndCollect() {
    for (let i = 0; i < 200; i++) {
      let resolve: () => void;
      const done = new Promise<void>((r) => (resolve = r));
      const keep = { i, text: `x${i}` };
      setTimeout(() => {
        Bun.gc(true);
        resolve();
      }, 0);
      await done;
      if (keep.i !== i || keep.text !== `x${i}`) return `corrupt at ${i}`;
    }
    return "ok";
  }
  expect(await suspendAndCollect()).toBe("ok");
});
