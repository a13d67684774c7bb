import { describe, expect, jest, mock, spyOn, test, vi } from "bun:test";

// Parts of the test library load on first use (rusk:test/more_matchers, mocks, fake timers,
// deep equality, asymmetric and custom matchers). Each test file runs in a fresh runtime, so
// the tests at the top of this file see the library before anything loaded; they run in order.

describe("before the parts load", () => {
  test("a lazily defined matcher is there before its module loads", () => {
    const e = expect(3);
    expect("toBeOdd" in e).toBe(true);
    expect(typeof e.toBeOdd).toBe("function");
    expect("noSuchMatcher" in e).toBe(false);
    expect((e as any).noSuchMatcher).toBe(undefined);
    expect(e instanceof Object).toBe(true);
    expect(Object.prototype.toString.call(e)).toBe("[object Expect]");
  });

  test("expect.extend() before the module loads keeps its matcher afterwards", () => {
    expect.extend({
      toBeEven(received: number) {
        return { pass: received === 42, message: () => "only 42 is even here" };
      },
    });
    // toBeOdd loads rusk:test/more_matchers, which defines toBeEven too.
    expect(3).toBeOdd();
    expect(42).toBeEven();
    expect(() => expect(2).toBeEven()).toThrow("only 42 is even here");
  });

  test("the first call of a lazy matcher keeps .not and the received value", () => {
    expect(() => expect(5).not.toBeWithin(0, 10)).toThrow("Expected: not between 0 (inclusive) and 10 (exclusive)");
    expect(5).not.toBeNil();
    expect([1, 2]).toBeArrayOfSize(2);
  });

  test("after loading, the real matchers are on the prototype", () => {
    const proto = Object.getPrototypeOf(expect(1));
    expect(Object.hasOwn(proto, "toBeOdd")).toBe(true);
    expect(Object.hasOwn(proto, "toContainKey")).toBe(true);
    expect(proto.toBeOdd.name).toBe("toBeOdd");
  });
});

describe("mocks and fake timers through their stand-ins", () => {
  // (isMockFunction is Jest's; rusk keeps it, Bun has none.)
  test("isMockFunction answers before and after the mocks module loads", () => {
    expect(jest.isMockFunction(() => {})).toBe(false);
    const f = jest.fn(() => 1);
    expect(jest.isMockFunction(f)).toBe(true);
    expect(jest.fn).toBe(mock);
    expect(vi.spyOn).toBe(spyOn);
    f();
    expect(f).toHaveBeenCalledTimes(1);
  });

  test("the timer functions return their object, as in Bun", () => {
    expect(jest.useFakeTimers()).toBe(jest);
    expect(vi.useRealTimers()).toBe(vi);
    expect(jest.isFakeTimers()).toBe(false);
  });

  test("a mock matcher on something that is not a mock fails with Bun's message", () => {
    expect(() => expect(() => {}).toHaveBeenCalled()).toThrow("Expected value must be a mock function");
  });
});

describe("equality and asymmetric matchers", () => {
  test("expect.any and expect.not.* work as the first asymmetric matchers made", () => {
    expect({ a: 1, b: "x" }).toEqual({ a: expect.any(Number), b: expect.not.stringContaining("y") });
    expect(() => {
      throw new TypeError("t");
    }).toThrow(expect.any(TypeError));
  });
});
