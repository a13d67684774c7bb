// A failing matcher prints its values, and Bun's diff printer reads properties and calls
// methods of them on the way: getters, Proxy traps and toString methods run, and an error
// one of them throws comes out of the matcher in place of its failure. Expected behaviour is
// Bun 1.4.5's.
import { describe, expect, test } from "bun:test";
import { failure, fixture, plain, runTests, thrown } from "./helpers";

const boom = () => {
  throw new Error("boom");
};
const x = expect as any;

// Every way a value reaches the diff printer: either side of toEqual, toStrictEqual and
// toMatchObject, and a failing .not.toEqual of the value with itself.
function printings(value: unknown): (() => void)[] {
  return [
    () => expect(value).toEqual({ z: 9 }),
    () => expect({ z: 9 }).toEqual(value),
    () => expect(value).toStrictEqual({ z: 9 }),
    () => expect({ z: 9 }).toStrictEqual(value),
    () => expect({ a: value }).toMatchObject({ a: 1 }),
    () => expect({ a: 1 }).toMatchObject({ a: value }),
    () => expect(value).not.toEqual(value),
  ];
}

const expectEachToThrow = (value: unknown, error: string) => {
  for (const print of printings(value)) expect(print).toThrow(error);
};

// `target` with a getter for `key` that counts its runs in `runs.count`.
function countingGetter<T extends object>(target: T, key: PropertyKey, runs: { count: number }, value?: unknown): T {
  return Object.defineProperty(target, key, {
    configurable: true,
    get() {
      runs.count++;
      return value;
    },
  });
}

// A prototype that records the `has` and `get` of Symbol.toStringTag reaching it.
function tagTrapLog(target: object, log: string[]): object {
  return new Proxy(target, {
    has(t, key) {
      if (key === Symbol.toStringTag) log.push("has");
      return Reflect.has(t, key);
    },
    get(t, key, receiver) {
      if (key === Symbol.toStringTag) log.push("get");
      return Reflect.get(t, key, receiver);
    },
  });
}

describe("$$typeof, read to recognise React elements", () => {
  test("a throwing own getter throws out of the matcher, on any object at any depth", () => {
    const throwing = <T extends object>(o: T) => Object.defineProperty(o, "$$typeof", { get: boom });
    expectEachToThrow(throwing({}), "boom");
    expectEachToThrow(throwing([1]), "boom");
    expectEachToThrow(throwing(new Date(0)), "boom");
    expectEachToThrow(throwing(new Map([[1, 2]])), "boom");
    expectEachToThrow(throwing(new Error("e")), "boom");
    expectEachToThrow({ deep: [{ in: throwing({}) }] }, "boom");
    expectEachToThrow(new Set([throwing({})]), "boom");
  });

  test("only when the matcher fails, and once per place the object is printed", () => {
    const runs = { count: 0 };
    const value = countingGetter({ a: 1 }, "$$typeof", runs);
    expect(value).toEqual({ a: 1 });
    expect(runs.count).toBe(0);
    expect(() => expect(value).toEqual({ a: 2 })).toThrow("expect(received).toEqual(expected)");
    expect(runs.count).toBe(1);
    // A cycle is read again where it closes, before it prints as [Circular].
    const cyclic: any = countingGetter({}, "$$typeof", runs);
    cyclic.self = cyclic;
    runs.count = 0;
    expect(failure(() => expect(cyclic).toEqual({ z: 9 }))).toContain('"self": [Circular]');
    expect(runs.count).toBe(2);
  });

  test("an inherited one, and one on a function, are not read", () => {
    const runs = { count: 0 };
    const inherited = Object.create(countingGetter({}, "$$typeof", runs));
    const fn = countingGetter(function named() {}, "$$typeof", runs);
    expect(failure(() => expect(inherited).toEqual({ z: 9 }))).toContain("expect(received).toEqual(expected)");
    expect(failure(() => expect(fn).toEqual({ z: 9 }))).toContain("+ [Function: named]");
    expect(runs.count).toBe(0);
  });

  test("a getter that recurses overflows the stack out of the matcher", () => {
    const value = Object.defineProperty({}, "$$typeof", {
      get(): unknown {
        return (this as any).$$typeof;
      },
    });
    expect(() => expect(value).toEqual({ z: 9 })).toThrow(RangeError);
  });
});

describe("Symbol.toStringTag, read for the name to print", () => {
  test("a function's throwing getter throws; a string one names the function", () => {
    const tagged = <T extends object>(o: T, get: () => unknown) => Object.defineProperty(o, Symbol.toStringTag, { get });
    expectEachToThrow(tagged(function named() {}, boom), "boom");
    expectEachToThrow(tagged(() => {}, boom), "boom");
    expectEachToThrow(tagged(class K {}, boom), "boom");
    expect(failure(() => expect(tagged(function named() {}, () => "Foo")).toEqual({ z: 9 }))).toContain("+ [Function: Foo]");
    expect(failure(() => expect(tagged(class K {}, () => "Foo")).toEqual({ z: 9 }))).toContain("+ [class Foo]");
    // Not a non-empty string: the declared name.
    expect(failure(() => expect(tagged(function named() {}, () => 5)).toEqual({ z: 9 }))).toContain("+ [Function: named]");
    expect(failure(() => expect(tagged(function named() {}, () => "")).toEqual({ z: 9 }))).toContain("+ [Function: named]");
    // The inherited tags of async and generator functions name them the same way.
    expect(failure(() => expect(async function af() {}).toEqual({ z: 9 }))).toContain("+ [Function: AsyncFunction]");
    expect(failure(() => expect(function* gf() {}).toEqual({ z: 9 }))).toContain("+ [Function: GeneratorFunction]");
  });

  test("a Proxy on a function's prototype chain sees `has`, and `get` only when it answers yes", () => {
    const withHasTrap = Object.setPrototypeOf(function named() {}, new Proxy(Function.prototype, { has: boom }));
    expectEachToThrow(withHasTrap, "boom");

    const log: string[] = [];
    const plainFn = Object.setPrototypeOf(function named() {}, tagTrapLog(Function.prototype, log));
    expect(() => expect(plainFn).toEqual({ z: 9 })).toThrow("expect(received).toEqual(expected)");
    expect(log).toEqual(["has"]);

    log.length = 0;
    const taggedProto = Object.assign(Object.create(Function.prototype), { [Symbol.toStringTag]: "Tagged" });
    const taggedFn = Object.setPrototypeOf(function named() {}, tagTrapLog(taggedProto, log));
    expect(failure(() => expect(taggedFn).toEqual({ z: 9 }))).toContain("+ [Function: Tagged]");
    expect(log).toEqual(["has", "get"]);
  });

  test("an object with properties is looked up, then its prototype unless that gave a name", () => {
    const hasCount = (value: object) => {
      const log: string[] = [];
      const proto = tagTrapLog(Object.prototype, log);
      expect(() => expect(Object.setPrototypeOf(value, proto)).toEqual({ z: 9 })).toThrow("expect(received).toEqual(expected)");
      return log.filter((trap) => trap === "has").length;
    };
    // Once through the object (reaching the Proxy), once on the Proxy itself.
    expect(hasCount({ a: 1 })).toBe(2);
    // "Object" is no name: the prototype is asked too.
    expect(hasCount(Object.defineProperty({ a: 1 }, Symbol.toStringTag, { value: "Object" }))).toBe(1);
    expect(hasCount(Object.defineProperty({ a: 1 }, Symbol.toStringTag, { value: "Named" }))).toBe(0);
    // Without a property to print there is no name to look for.
    expect(hasCount({})).toBe(0);

    const withHasTrap = Object.setPrototypeOf({ a: 1 }, new Proxy(Object.prototype, { has: boom }));
    expectEachToThrow(withHasTrap, "boom");
  });
});

describe("values printed through their own methods", () => {
  test("a regexp prints as its toString: a throwing one throws, a Symbol result is a TypeError", () => {
    expectEachToThrow(Object.assign(/abc/, { toString: boom }), "boom");
    expectEachToThrow(Object.assign(/abc/, { [Symbol.toPrimitive]: boom }), "boom");
    const symbolic = Object.assign(/u/i, { toString: Symbol });
    for (const print of printings(symbolic)) {
      const error = thrown(print);
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toBe("Cannot convert a symbol to a string");
    }
    expect(failure(() => expect(Object.assign(/abc/, { toString: () => "shown" })).toEqual({ z: 9 }))).toContain("\n+ shown\n");
    expect(failure(() => expect(/abc/gi).toEqual({ z: 9 }))).toContain("\n+ /abc/gi\n");
  });

  test("a date prints through its toJSON", () => {
    expectEachToThrow(Object.assign(new Date(0), { toJSON: boom }), "boom");
    expectEachToThrow(Object.assign(new Date(0), { valueOf: boom }), "boom");
    expect(failure(() => expect(Object.assign(new Date(0), { toJSON: () => "shown" })).toEqual({ z: 9 }))).toContain("\n+ shown\n");
    expect(failure(() => expect(new Date(0)).toEqual({ z: 9 }))).toContain("\n+ 1970-01-01T00:00:00.000Z\n");
    // getTime is not one of them.
    expect(failure(() => expect(Object.assign(new Date(0), { getTime: boom })).toEqual({ z: 9 }))).toContain("\n+ 1970-01-01T00:00:00.000Z\n");
  });

  test("an error's message is read once and converted to a string", () => {
    const runs = { count: 0 };
    const error = countingGetter(new Error("x"), "message", runs, "counted");
    expect(failure(() => expect(error).toEqual({ z: 9 }))).toContain("\n+ [Error: counted]\n");
    expect(runs.count).toBe(1);
    expectEachToThrow(Object.defineProperty(new Error("x"), "message", { get: boom }), "boom");
    expect(thrown(() => expect(Object.assign(new Error("x"), { message: Symbol("s") })).toEqual({ z: 9 })).message).toBe(
      "Cannot convert a symbol to a string",
    );
  });
});

describe("the order of the two values", () => {
  const throwing = (message: string) =>
    Object.defineProperty({ a: 1 }, "$$typeof", {
      get() {
        throw new Error(message);
      },
    });

  const messageOf = (fn: () => unknown) => thrown(fn).message;

  test("the received value is printed first", () => {
    expect(messageOf(() => expect([throwing("left")]).toEqual([throwing("right"), 2]))).toBe("left");
    expect(messageOf(() => expect({ a: throwing("left") }).toMatchObject({ a: throwing("right"), b: 1 }))).toBe("left");
  });

  test(".not prints both values although it shows only the expected one", () => {
    expect(messageOf(() => expect(throwing("left")).not.toEqual({ a: 1 }))).toBe("left");
    expect(messageOf(() => expect({ a: 1 }).not.toEqual(throwing("right")))).toBe("right");
  });
});

describe("this.utils.matcherHint prints with the same printer", () => {
  const throwing = Object.defineProperty({ a: 1 }, "$$typeof", { get: boom });

  x.extend({
    toHintInside(received: unknown, expected: unknown) {
      let caught: unknown;
      try {
        this.utils.matcherHint("toHintInside", received, expected);
      } catch (e) {
        caught = e;
      }
      return { pass: caught instanceof Error && caught.message === "boom", message: () => "matcherHint did not throw boom" };
    },
    toHintInMessage(received: unknown, expected: unknown) {
      return { pass: false, message: () => this.utils.matcherHint("toHintInMessage", received, expected) };
    },
    toHintNot(received: unknown, expected: unknown) {
      return { pass: false, message: () => this.utils.matcherHint("toHintNot", received, expected, { isNot: true }) };
    },
  });

  test("its error reaches the custom matcher that called it", () => {
    x(throwing).toHintInside({ z: 9 });
    x({ z: 9 }).toHintInside(throwing);
  });

  test("inside a failing matcher's message, its error comes out of the matcher", () => {
    const fn = Object.defineProperty(function named() {}, Symbol.toStringTag, { get: boom });
    expect(() => x({ fn }).toHintInMessage({ b: 16 })).toThrow("boom");
    expect(() => x({ b: 16 }).toHintInMessage({ fn })).toThrow("boom");
  });

  test("with isNot it prints the expected value as a diff does, after printing both", () => {
    expect(failure(() => x({ a: 1 }).toHintNot({ a: 2, b: [1] }))).toBe(
      'expect(received).toHintNot(expected)\n\nexpect(received).not.toHintNot(expected)\n\nExpected: not {\n  "a": 2,\n  "b": [\n    1,\n  ],\n}\n',
    );
    expect(() => x(throwing).toHintNot({ z: 9 })).toThrow("boom");
  });
});

describe("after an error from printing", () => {
  test("the next failure prints as usual", () => {
    const value = Object.defineProperty({}, "$$typeof", { get: boom });
    expect(() => expect(value).toEqual({ z: 9 })).toThrow("boom");
    expect(failure(() => expect({ a: 1 }).toEqual({ a: 2 }))).toBe(
      'expect(received).toEqual(expected)\n\n  {\n-   "a": 2,\n+   "a": 1,\n  }\n\n- Expected  - 1\n+ Received  + 1\n',
    );
  });

  test("the runner reports that error as the test's failure and runs the next tests", () => {
    const result = runTests(fixture("format_user_code.fixture.ts"));
    const err = plain(result.err);
    expect(result.code).toBe(1);
    expect(err).toContain("\nerror: boom from $$typeof\n");
    expect(err).toMatch(/\n\(fail\) printing the failure throws( \[[\d.]+ms\])?\n/);
    expect(err).toContain('\n  {\n-   "a": 2,\n+   "a": 1,\n  }\n');
    expect(err).toMatch(/\n\(fail\) an ordinary failure after it( \[[\d.]+ms\])?\n\(pass\) a pass after it/);
    expect(err).toContain("\n 1 pass\n 2 fail\n");
  });
});
