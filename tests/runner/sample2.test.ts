// expect: 6 pass, 4 fail, 1 skip, 0 todo, 9 expect() calls (bun test v1.4.5)
// Second sample (TypeScript): `.only` in a file (tests outside .only are not
// run and not counted at all), a failing beforeAll (reported as one
// "(unnamed)" failure; the scope's tests are not counted), an uncaught error
// thrown from a timer while a test runs, and setDefaultTimeout.
import { describe, test, expect, beforeAll, afterAll, setDefaultTimeout } from "bun:test";

interface User {
  id: number;
  name: string;
}

setDefaultTimeout(1000);

function makeUser(id: number, name: string): User {
  return { id, name };
}

test("not only: excluded", () => {
  throw new Error("must not run");
});

test.only("only: plain test", () => {
  const u: User = makeUser(1, "ann");
  expect(u).toEqual({ id: 1, name: "ann" });
});

describe("not only describe", () => {
  test.only("only inside a normal describe", () => {
    expect([1, 2, 3].map((n: number) => n * 2)).toEqual([2, 4, 6]);
  });
  test("sibling is excluded", () => {
    throw new Error("must not run");
  });
});

describe.only("describe.only", () => {
  let ready = false;
  beforeAll(async () => {
    await new Promise<void>((r) => setTimeout(r, 5));
    ready = true;
  });

  test("sees async beforeAll", () => {
    expect(ready).toBe(true);
  });

  test.skip("skip inside only is counted as skip", () => {});

  test("FAILS: uncaught error in a timer fails the running test", async () => {
    setTimeout(() => {
      throw new Error("thrown from setTimeout");
    }, 1);
    await new Promise<void>((r) => setTimeout(r, 50));
  });

  test("FAILS: default timeout from setDefaultTimeout", async () => {
    await new Promise<void>((r) => setTimeout(r, 1500));
  });

  describe("failing beforeAll", () => {
    beforeAll(() => {
      throw new Error("setup failed");
    });
    afterAll(() => {});
    test("not run, not counted", () => {
      expect(1).toBe(1);
    });
    test("not run either", () => {});
  });

  describe("generics and classes", () => {
    class Stack<T> {
      private items: T[] = [];
      push(x: T): this { this.items.push(x); return this; }
      pop(): T | undefined { return this.items.pop(); }
      get size(): number { return this.items.length; }
    }
    test("Stack<number>", () => {
      const s = new Stack<number>().push(1).push(2);
      expect(s.size).toBe(2);
      expect(s.pop()).toBe(2);
      expect(s).toBeInstanceOf(Stack);
    });
    test("FAILS: toStrictEqual checks class", () => {
      const s = new Stack<string>();
      expect(s).toStrictEqual({ items: [] });
    });
  });

  test.each([
    [1, "one"],
    [2, "two"],
  ] as const)("each in ts: %i is %s", (n, word) => {
    expect(typeof word).toBe("string");
  });
});
