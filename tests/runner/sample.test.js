// expect: 30 pass, 9 fail, 4 skip, 3 todo, 125 expect() calls (bun test v1.4.5)
// Sample suite for side-by-side checking of rusk's bun:test against real Bun
// (`bun test tests/runner/sample.test.js`). Tests whose name starts with
// "FAILS:" fail on purpose so fail counts and error output are compared too.
import {
  describe, test, it, expect, beforeAll, afterAll, beforeEach, afterEach, mock, spyOn, jest,
} from "bun:test";

const log = [];

beforeAll(() => { log.push("beforeAll(file)"); });
afterAll(() => { log.push("afterAll(file)"); });
beforeEach(() => { log.push("beforeEach(file)"); });
afterEach(() => { log.push("afterEach(file)"); });

describe("hooks", () => {
  let counter = 0;
  beforeAll(() => { log.push("beforeAll(hooks)"); counter = 10; });
  beforeEach(() => { log.push("beforeEach(hooks)"); counter++; });
  afterEach(() => { log.push("afterEach(hooks)"); });
  afterAll(() => { log.push("afterAll(hooks)"); });

  test("first test sees beforeAll and beforeEach", () => {
    expect(counter).toBe(11);
    expect(log).toEqual(["beforeAll(file)", "beforeAll(hooks)", "beforeEach(file)", "beforeEach(hooks)"]);
  });

  test("afterEach ran inner -> outer", () => {
    expect(counter).toBe(12);
    expect(log.slice(4, 6)).toEqual(["afterEach(hooks)", "afterEach(file)"]);
  });

  describe("nested", () => {
    beforeEach(() => { log.push("beforeEach(nested)"); });
    it("beforeEach runs outer -> inner", () => {
      expect(log.slice(-3)).toEqual(["beforeEach(file)", "beforeEach(hooks)", "beforeEach(nested)"]);
    });
  });
});

describe("after a describe", () => {
  test("its afterAll ran", () => {
    expect(log).toContain("afterAll(hooks)");
    expect(log.indexOf("afterAll(hooks)")).toBeGreaterThan(log.lastIndexOf("afterEach(hooks)"));
  });
});

describe("async", () => {
  test("async/await", async () => {
    const v = await new Promise((r) => setTimeout(() => r(42), 5));
    expect(v).toBe(42);
  });
  test("done callback", (done) => {
    setTimeout(() => {
      expect(1 + 1).toBe(2);
      done();
    }, 5);
  });
  test("resolves / rejects", async () => {
    await expect(Promise.resolve({ a: 1 })).resolves.toEqual({ a: 1 });
    await expect(Promise.reject(new Error("nope"))).rejects.toThrow("nope");
  });
  test("FAILS: done(err)", (done) => {
    setTimeout(() => done(new Error("done got an error")), 5);
  });
  test("FAILS: times out", async () => {
    await new Promise((r) => setTimeout(r, 200));
  }, 30);
  test("FAILS: rejected promise", async () => {
    await Promise.resolve();
    throw new TypeError("async failure");
  });
});

describe("modifiers", () => {
  test.skip("skipped", () => { throw new Error("never runs"); });
  test.todo("to be written");
  test.if(1 + 1 === 2)("if(true) runs", () => { expect(true).toBe(true); });
  test.skipIf(true)("skipIf(true) is skipped", () => {});
  test.todoIf(true)("todoIf(true) is todo", () => {});
  test.failing("failing test that throws passes", () => { expect(1).toBe(2); });
  test.failing("FAILS: failing test that passes", () => {});
  describe.skip("describe.skip", () => {
    test("inner is skipped", () => {});
    test("inner is skipped too", () => {});
  });
  describe.todo("describe.todo", () => {
    test("inner is todo", () => {});
  });
});

describe("each", () => {
  test.each([[1, 2, 3], [2, 3, 5]])("add(%i, %i) = %i", (a, b, sum) => {
    expect(a + b).toBe(sum);
  });
  test.each([{ name: "alice", age: 30 }, { name: "bob", age: 25 }])("person $name is $age", ({ name, age }) => {
    expect(name).toBeString();
    expect(age).toBeGreaterThan(18);
  });
  test.each(["x", "y"])("string %s", (s) => {
    expect(s).toHaveLength(1);
  });
  describe.each([[2], [4]])("describe.each %i", (n) => {
    test("is even", () => { expect(n).toBeEven(); });
  });
});

describe("matchers", () => {
  test("equality", () => {
    expect(1).toBe(1);
    expect({ a: 1, b: { c: [1, 2] } }).toEqual({ a: 1, b: { c: [1, 2] } });
    expect({ a: 1, b: undefined }).toEqual({ a: 1 });
    expect({ a: 1, b: undefined }).not.toStrictEqual({ a: 1 });
    expect(new Map([["k", new Set([1, 2])]])).toEqual(new Map([["k", new Set([2, 1])]]));
    expect(new Date(5)).toEqual(new Date(5));
    expect(/ab+/g).toEqual(/ab+/g);
    expect(new Uint8Array([1, 2])).toEqual(new Uint8Array([1, 2]));
    expect(10n).toEqual(10n);
    expect(NaN).toEqual(NaN);
    class Point { constructor(x) { this.x = x; } }
    expect(new Point(1)).toEqual({ x: 1 });
    expect(new Point(1)).not.toStrictEqual({ x: 1 });
    const a = { name: "a" }; a.self = a;
    const b = { name: "a" }; b.self = b;
    expect(a).toEqual(b);
  });
  test("truthiness and numbers", () => {
    expect(1).toBeTruthy();
    expect("").toBeFalsy();
    expect(null).toBeNull();
    expect(undefined).toBeUndefined();
    expect(0).toBeDefined();
    expect(NaN).toBeNaN();
    expect(3).toBeGreaterThanOrEqual(3);
    expect(2).toBeLessThan(3);
    expect(3).toBeLessThanOrEqual(3);
    expect(0.1 + 0.2).toBeCloseTo(0.3);
    expect(7).toBeInteger();
    expect(7).toBeOdd();
    expect(1).toBePositive();
    expect(-1).toBeNegative();
    expect(5).toBeWithin(1, 10);
    expect(1 / 0).not.toBeFinite();
  });
  test("strings, arrays, objects", () => {
    expect("hello world").toMatch(/wor/);
    expect("hello world").toMatch("lo w");
    expect("hello").toStartWith("he");
    expect("hello").toEndWith("lo");
    expect("hello").toInclude("ell");
    expect([1, 2, 3]).toContain(2);
    expect([{ a: 1 }]).toContainEqual({ a: 1 });
    expect([1, 2, 3]).toHaveLength(3);
    expect({ a: { b: [1, { c: 5 }] } }).toHaveProperty("a.b[1].c", 5);
    expect({ a: { b: 1 } }).toHaveProperty(["a", "b"]);
    expect({ a: 1, b: { c: 2, d: 3 } }).toMatchObject({ b: { c: 2 } });
    expect([]).toBeEmpty();
    expect({}).toBeEmpty();
    expect(2).toBeOneOf([1, 2, 3]);
    expect(4).toSatisfy((n) => n % 2 === 0);
  });
  test("types", () => {
    expect([]).toBeArray();
    expect(() => {}).toBeFunction();
    expect(1).toBeNumber();
    expect(false).toBeBoolean();
    expect({}).toBeObject();
    expect(Symbol("s")).toBeSymbol();
    expect(new Date()).toBeDate();
    expect(new Date("nope")).not.toBeValidDate();
    expect(new Map()).toBeInstanceOf(Map);
    expect("s").toBeTypeOf("string");
  });
  test("toThrow variants", () => {
    class MyError extends Error {}
    const thrower = () => { throw new MyError("bad thing happened"); };
    expect(thrower).toThrow();
    expect(thrower).toThrow("thing");
    expect(thrower).toThrow(/bad \w+/);
    expect(thrower).toThrow(MyError);
    expect(thrower).toThrow(new Error("bad thing happened"));
    expect(thrower).toThrowError("bad");
    expect(() => {}).not.toThrow();
  });
  test("asymmetric matchers", () => {
    expect({ id: 7, name: "x", tags: ["a", "b"], at: new Date(), score: 0.30000000000000004 }).toEqual({
      id: expect.any(Number),
      name: expect.stringContaining("x"),
      tags: expect.arrayContaining(["b"]),
      at: expect.anything(),
      score: expect.closeTo(0.3, 5),
    });
    expect("abc123").toEqual(expect.stringMatching(/\d+$/));
    expect({ a: 1, b: 2 }).toEqual(expect.objectContaining({ b: 2 }));
  });
  test("expect.extend", () => {
    expect.extend({
      toBeDivisibleBy(received, d) {
        return { pass: received % d === 0, message: () => `expected ${received} to be divisible by ${d}` };
      },
    });
    expect(10).toBeDivisibleBy(5);
    expect(10).not.toBeDivisibleBy(3);
  });
  test("expect.assertions", async () => {
    expect.assertions(2);
    expect(1).toBe(1);
    await expect(Promise.resolve(2)).resolves.toBe(2);
  });
  test("FAILS: toBe", () => {
    expect(1 + 1).toBe(3);
  });
  test("FAILS: toEqual object diff", () => {
    expect({ user: { name: "ann", roles: ["admin"] }, active: true }).toEqual({ user: { name: "ann", roles: ["admin", "dev"] }, active: false });
  });
  test("FAILS: not.toContain", () => {
    expect(["a", "b"]).not.toContain("b");
  });
  test("FAILS: expect.assertions count", () => {
    expect.assertions(3);
    expect(1).toBe(1);
  });
});

describe("mocks", () => {
  test("mock() records calls and results", () => {
    const fn = mock((a, b) => a + b);
    expect(fn(1, 2)).toBe(3);
    fn(3, 4);
    expect(fn).toHaveBeenCalled();
    expect(fn).toHaveBeenCalledTimes(2);
    expect(fn).toHaveBeenCalledWith(1, 2);
    expect(fn).toHaveBeenLastCalledWith(3, 4);
    expect(fn).toHaveBeenNthCalledWith(1, 1, 2);
    expect(fn).toHaveReturned();
    expect(fn).toHaveReturnedWith(7);
    expect(fn.mock.calls).toEqual([[1, 2], [3, 4]]);
    expect(fn.mock.results[0]).toEqual({ type: "return", value: 3 });
    expect(fn.mock.lastCall).toEqual([3, 4]);
  });
  test("implementations and return values", async () => {
    const fn = jest.fn();
    expect(fn()).toBeUndefined();
    fn.mockReturnValueOnce(1).mockReturnValue(2);
    expect([fn(), fn(), fn()]).toEqual([1, 2, 2]);
    fn.mockImplementationOnce(() => "once").mockImplementation(() => "always");
    expect([fn(), fn()]).toEqual(["once", "always"]);
    fn.mockResolvedValue("r");
    await expect(fn()).resolves.toBe("r");
    fn.mockRejectedValue(new Error("rj"));
    await expect(fn()).rejects.toThrow("rj");
    fn.mockClear();
    expect(fn.mock.calls).toHaveLength(0);
    fn.mockReset();
    expect(fn()).toBeUndefined();
    expect(fn).toHaveBeenCalledOnce();
  });
  test("spyOn calls through and restores", () => {
    const obj = { greet(n) { return `hi ${n}`; } };
    const original = obj.greet;
    const spy = spyOn(obj, "greet");
    expect(obj.greet("bo")).toBe("hi bo");
    expect(spy).toHaveBeenCalledWith("bo");
    spy.mockImplementation(() => "mocked");
    expect(obj.greet("x")).toBe("mocked");
    spy.mockRestore();
    expect(obj.greet).toBe(original);
    expect(obj.greet("x")).toBe("hi x");
  });
  test("mock names, clearAllMocks, restoreAllMocks", () => {
    const fn = jest.fn().mockName("myMock");
    expect(fn.getMockName()).toBe("myMock");
    fn(1);
    jest.clearAllMocks();
    expect(fn).not.toHaveBeenCalled();
    const obj = { twice: (n) => n * 2 };
    spyOn(obj, "twice").mockReturnValue(0);
    expect(obj.twice(4)).toBe(0);
    mock.restore();
    expect(obj.twice(4)).toBe(8);
  });
  test("FAILS: toHaveBeenCalledWith mismatch", () => {
    const fn = mock();
    fn("a", 1);
    expect(fn).toHaveBeenCalledWith("b", 1);
  });
});

test("top-level test after describes", () => {
  expect(log.filter((l) => l === "beforeAll(file)")).toHaveLength(1);
});
