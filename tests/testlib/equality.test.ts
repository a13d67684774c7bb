// Deep equality (toEqual / toStrictEqual / toMatchObject) and the asymmetric matchers, as
// Bun 1.4.5 decides them. Each case states both outcomes, so a loosened or tightened rule
// shows up on one side or the other.
import { describe, expect, test } from "bun:test";
import { thrown } from "./helpers";

// [label, received, expected, toEqual passes, toStrictEqual passes]
type Case = [string, unknown, unknown, boolean, boolean];

function check(cases: Case[]) {
  for (const [label, a, b, loose, strict] of cases) {
    test(label, () => {
      if (loose) expect(a).toEqual(b);
      else expect(a).not.toEqual(b);
      if (strict) expect(a).toStrictEqual(b);
      else expect(a).not.toStrictEqual(b);
    });
  }
}

describe("arrays", () => {
  const deleted = [1, 2, 3];
  delete deleted[1];
  check([
    ["a hole equals undefined loosely", [, 1], [undefined, 1], true, false],
    ["holes at the same place", [, 1], [, 1], true, true],
    ["a deleted index is a hole", deleted, [1, , 3], true, true],
    ["a deleted index vs undefined", deleted, [1, undefined, 3], true, false],
    ["a trailing undefined is ignored loosely", [1], [1, undefined], true, false],
    ["a trailing value is not", [1, 2], [1], false, false],
    ["a hole is not a value", [, 1], [1, 1], false, false],
    ["named props of arrays do not count", Object.assign([1], { x: 1 }), [1], true, true],
    ["an array is not an object", [1], { 0: 1 }, false, false],
    ["arguments are not an array", (function (..._: unknown[]) { return arguments; })(1, 2), [1, 2], false, false],
  ]);

  test("a getter in a sparse array counts as a hole and is not run", () => {
    let runs = 0;
    const a = [1, , 2];
    const b = [1, undefined, 2];
    Object.defineProperty(a, 4, { get: () => ++runs, enumerable: true });
    Object.defineProperty(b, 4, { get: () => ++runs + 10, enumerable: true });
    expect(a).toEqual(b);
    expect(runs).toBe(0);
  });
});

describe("objects", () => {
  class A { x = 1; }
  class B extends A {}
  class C { x = 1; }
  const nullProto = Object.assign(Object.create(null), { x: 1 });
  const sym = Symbol("s");
  const hidden = {};
  Object.defineProperty(hidden, sym, { value: 1, enumerable: false });
  check([
    ["undefined props are ignored loosely", { a: 1, b: undefined }, { a: 1 }, true, false],
    ["... on either side", { a: 1 }, { a: 1, b: undefined }, true, false],
    ["getters are read", { get a() { return 1; } }, { a: 1 }, true, true],
    ["a class instance vs a plain object", new A(), { x: 1 }, true, false],
    ["a subclass instance", new B(), new A(), true, false],
    ["two classes with the same shape", new A(), new C(), true, false],
    ["a null-prototype object is an Object", nullProto, { x: 1 }, true, true],
    ["inherited props do not count", Object.create({ a: 1 }), { a: 1 }, false, false],
    ["enumerable symbol keys count", { [sym]: 1 }, { [sym]: 2 }, false, false],
    ["a missing symbol key", { [sym]: 1 }, {}, false, false],
    ["an undefined symbol key", { [sym]: undefined }, {}, true, false],
    ["non-enumerable symbol keys do not count", hidden, {}, true, true],
  ]);
});

describe("primitives and boxes", () => {
  check([
    ["-0 and +0 differ", -0, 0, false, false],
    ["-0 and +0 differ inside objects", { a: -0 }, { a: 0 }, false, false],
    ["NaN equals NaN", [NaN], [NaN], true, true],
    ["a boxed number is not the number", new Number(1), 1, false, false],
    ["boxed numbers by value", new Number(1), new Number(1), true, true],
    ["boxed numbers keep -0", new Number(0), new Number(-0), false, false],
    ["a boxed string is not the string", new String("a"), "a", false, false],
    ["boxed strings by value", new String("a"), new String("a"), true, true],
    ["props of a boxed string count only strictly", Object.assign(new String("a"), { x: 1 }), new String("a"), true, false],
    ["props of a boxed number count", Object.assign(new Number(1), { x: 1 }), new Number(1), false, false],
    ["a boxed number is not a plain object", new Number(1), {}, false, false],
    ["bigint is not number", 1n, 1, false, false],
  ]);
});

describe("cycles", () => {
  const selfA: any = { a: 1 };
  selfA.self = selfA;
  const selfB: any = { a: 1 };
  selfB.self = selfB;
  const twoStep: any = { a: 1, self: { a: 1 } };
  twoStep.self.self = twoStep;
  const twoStepB: any = { a: 1 };
  twoStepB.self = { a: 1, self: twoStepB };
  const arrA: any[] = [1];
  arrA.push(arrA);
  const arrB: any[] = [1];
  arrB.push(arrB);
  check([
    ["the same cycle on both sides", selfA, selfB, true, true],
    ["cycles of different lengths", selfA, twoStep, false, false],
    ["cycles of the same length", twoStep, twoStepB, true, true],
    ["arrays containing themselves", arrA, arrB, true, true],
    ["a cycle vs a finite tree", selfA, { a: 1, self: { a: 1, self: {} } }, false, false],
  ]);
});

describe("built-in types", () => {
  const u8 = (...b: number[]) => new Uint8Array(b);
  check([
    ["maps ignore order", new Map([[1, 2], [3, 4]]), new Map([[3, 4], [1, 2]]), true, true],
    ["map keys compare deeply", new Map([[{ k: 1 }, 2]]), new Map([[{ k: 1 }, 2]]), true, true],
    ["map values compare deeply", new Map([["k", { v: 1 }]]), new Map([["k", { v: 2 }]]), false, false],
    ["an undefined map value needs its key", new Map([[1, undefined]]), new Map([[2, undefined]]), false, false],
    ["sets ignore order, deeply", new Set([{ a: 1 }, { b: 2 }]), new Set([{ b: 2 }, { a: 1 }]), true, true],
    ["sets of different sizes", new Set([1]), new Set([1, 2]), false, false],
    ["a set is not an array", new Set([1]), [1], false, false],
    ["dates by time", new Date(0), new Date(0), true, true],
    ["different dates", new Date(0), new Date(1), false, false],
    ["two invalid dates differ", new Date(NaN), new Date(NaN), false, false],
    ["props of a date do not count", Object.assign(new Date(0), { x: 1 }), new Date(0), true, true],
    ["regexps by source and flags", /a/g, /a/g, true, true],
    ["regexp flags count", /a/g, /a/i, false, false],
    ["lastIndex does not count", Object.assign(/a/g, { lastIndex: 3 }), /a/g, true, true],
    ["errors by message", new Error("a"), new Error("b"), false, false],
    ["errors by type", new Error("a"), new TypeError("a"), false, false],
    ["a subclass of Error is an Error", new (class MyError extends Error {})("a"), new Error("a"), true, true],
    ["errors compare their cause", new Error("a", { cause: 1 }), new Error("a", { cause: 2 }), false, false],
    ["an undefined cause counts only strictly", new Error("a", { cause: undefined }), new Error("a"), true, false],
    ["errors compare their props", Object.assign(new Error("a"), { code: 1 }), new Error("a"), false, false],
    ["an error is not an object", new Error("a"), { message: "a" }, false, false],
    ["typed arrays by bytes", u8(1, 2), u8(1, 2), true, true],
    ["typed arrays of different types", u8(1), new Int8Array([1]), false, false],
    ["a typed array is not an array", u8(1), [1], false, false],
    ["float NaN: by value loosely, by bytes strictly", new Float64Array([NaN]), new Float64Array([NaN]), false, true],
    ["float -0: by value loosely, by bytes strictly", new Float64Array([-0]), new Float64Array([0]), true, false],
    ["props of a typed array count only strictly", Object.assign(u8(1), { x: 1 }), u8(1), true, false],
    ["a subarray by its own bytes", new Uint8Array([0, 1, 2]).subarray(1), u8(1, 2), true, true],
    ["array buffers by bytes", u8(1, 2).buffer, u8(1, 3).buffer, false, false],
    ["a buffer is not its view", u8(1, 2).buffer, u8(1, 2), false, false],
    ["data views are compared as plain objects", new DataView(u8(1).buffer), new DataView(u8(2).buffer), true, true],
    ["URLs by href", new URL("http://a.test/x"), new URL("http://a.test/y"), false, false],
    ["equal URLs", new URL("http://a.test/x"), new URL("http://a.test/x"), true, true],
    ["search params by entries", new URLSearchParams("a=1"), new URLSearchParams("a=2"), false, false],
    ["equal search params", new URLSearchParams("a=1&b=2"), new URLSearchParams("a=1&b=2"), true, true],
    ["promises have no props to compare", Promise.resolve(1), Promise.resolve(2), true, true],
    ["functions only equal themselves", () => 1, () => 1, false, false],
  ]);
});

describe("toMatchObject", () => {
  test("matches subsets recursively, arrays by length", () => {
    expect({ a: 1, b: { c: 2, d: 3 } }).toMatchObject({ b: { c: 2 } });
    expect({ a: [{ x: 1, y: 2 }] }).toMatchObject({ a: [{ x: 1 }] });
    expect({ a: [1, 2] }).not.toMatchObject({ a: [1] });
    expect([{ a: 1, b: 2 }]).toMatchObject([{ a: 1 }]);
  });

  test("needs the expected props to exist, undefined included", () => {
    expect({}).not.toMatchObject({ a: undefined });
    expect({ a: undefined }).toMatchObject({ a: undefined });
    expect(Object.create({ a: 1 })).toMatchObject({ a: 1 });
  });

  test("compares primitives with Object.is and sees symbol keys", () => {
    const s = Symbol.for("k");
    expect({ a: -0 }).not.toMatchObject({ a: 0 });
    expect({ a: NaN }).toMatchObject({ a: NaN });
    expect({ [s]: 1, b: 2 }).toMatchObject({ [s]: 1 });
    expect({ [s]: 1 }).not.toMatchObject({ [s]: 2 });
  });

  test("an expected array needs an array", () => {
    expect({}).not.toMatchObject([]);
    expect({ a: {} }).not.toMatchObject({ a: [] });
    expect([1]).toMatchObject({ 0: 1 });
  });

  test("objects without enumerable props match anything of their kind", () => {
    expect({ d: new Date(0) }).toMatchObject({ d: new Date(1) });
    expect({ m: new Map([[1, 2]]) }).toMatchObject({ m: new Map([[1, 3]]) });
    expect({ r: new Uint8Array([1]) }).not.toMatchObject({ r: new Uint8Array([2]) });
  });

  test("handles cycles", () => {
    const a: any = { x: 1 };
    a.self = a;
    const b: any = { x: 1 };
    b.self = b;
    expect(a).toMatchObject(b);
  });
});

describe("asymmetric matchers", () => {
  test("expect.any: primitives and their boxes, Object means typeof object", () => {
    expect(1).toEqual(expect.any(Number));
    expect(new Number(1)).toEqual(expect.any(Number));
    expect(new String("s")).toEqual(expect.any(String));
    expect(Object(1n)).toEqual(expect.any(BigInt));
    expect(class {}).toEqual(expect.any(Function));
    expect([]).toEqual(expect.any(Object));
    expect(null).toEqual(expect.any(Object));
    expect(() => 1).not.toEqual(expect.any(Object));
    expect(undefined).not.toEqual(expect.any(Object));
    class Base {}
    class Derived extends Base {}
    expect(new Derived()).toEqual(expect.any(Base));
  });

  test("expect.anything rejects only null and undefined", () => {
    expect(0).toEqual(expect.anything());
    expect(null).not.toEqual(expect.anything());
    expect({}).not.toEqual({ a: expect.anything() });
    expect({ a: undefined }).not.toEqual({ a: expect.anything() });
  });

  test("string matchers: a string sample is a substring, a /g pattern keeps its lastIndex", () => {
    expect("a.c").toEqual(expect.stringMatching("a.c"));
    expect("abc").not.toEqual(expect.stringMatching("a.c"));
    expect("abc").toEqual(expect.stringMatching(/a.c/));
    expect(new String("abc")).not.toEqual(expect.stringContaining("b"));
    const re = expect.stringMatching(/abc/g);
    expect(["abc", "abc"]).not.toEqual([re, re]);
    expect(1).toEqual(expect.not.stringContaining("x"));
  });

  test("objectContaining: symbol keys, exact nested objects, primitives never match", () => {
    const s = Symbol.for("k");
    expect({ [s]: 1, a: 1 }).toEqual(expect.objectContaining({ [s]: 1 }));
    expect({ a: { b: 1, c: 2 } }).not.toEqual(expect.objectContaining({ a: { b: 1 } }));
    expect({ a: { b: 1, c: 2 } }).toEqual(expect.objectContaining({ a: expect.objectContaining({ b: 1 }) }));
    expect(1).not.toEqual(expect.objectContaining({}));
    expect(1).toEqual(expect.not.objectContaining({ a: 1 }));
  });

  test("arrayContaining and closeTo", () => {
    expect([1, 2, 3]).toEqual(expect.arrayContaining([3, 1]));
    expect([{ a: 1 }]).toEqual(expect.arrayContaining([{ a: 1 }]));
    expect(new Set([1])).not.toEqual(expect.arrayContaining([1]));
    expect(1.004).toEqual(expect.closeTo(1));
    expect(1.1).not.toEqual(expect.closeTo(1, 2));
    expect(Infinity).toEqual(expect.closeTo(Infinity));
    expect("1").not.toEqual(expect.closeTo(1));
    expect("1").not.toEqual(expect.not.closeTo(1));
  });

  test("matchers nest inside maps, sets and arrays, on either side", () => {
    expect(new Map([["a", 1]])).toEqual(new Map([["a", expect.any(Number)]]));
    expect(new Map([["a", 1]])).toEqual(new Map([[expect.any(String), 1]]));
    expect(new Set([1, "x"])).toEqual(new Set([expect.any(String), 1]));
    expect([1, "x"]).toEqual([expect.any(Number), expect.stringContaining("x")]);
    expect({ a: expect.any(Number) }).toEqual({ a: 1 });
    expect({ a: 1 }).toStrictEqual({ a: expect.any(Number) });
  });

  test("an object with an asymmetricMatch method is no matcher", () => {
    expect(1).not.toEqual({ asymmetricMatch: () => true });
  });

  const usage: [string, () => unknown, string][] = [
    ["any()", () => (expect.any as any)(), "any() expects to be passed a constructor function. Please pass one or use anything() to match any object."],
    ["any(1)", () => expect.any(1 as any), "expect.any(constructor)\n\nExpected a constructor\n"],
    ["stringContaining(1)", () => expect.stringContaining(1 as any), "expect.stringContaining(string)\n\nExpected a string\n"],
    ["stringMatching({})", () => expect.stringMatching({} as any), "expect.stringContaining(string)\n\nExpected a string or regular expression\n"],
    ["objectContaining(null)", () => expect.objectContaining(null as any), "expect.objectContaining(object)\n\nExpected an object\n"],
    ["arrayContaining('ab')", () => expect.arrayContaining("ab" as any), "expect.arrayContaining(array)\n\nExpected a array\n"],
    ["closeTo('a')", () => expect.closeTo("a" as any), "expect.closeTo(number, precision?)\n\nExpected a number value"],
    ["closeTo(1, 'a')", () => expect.closeTo(1, "a" as any), "expect.closeTo(number, precision?)\n\nPrecision must be a number or undefined"],
    ["not.arrayContaining(1)", () => expect.not.arrayContaining(1 as any), "expect.arrayContaining(array)\n\nExpected a array\n"],
  ];
  for (const [label, make, message] of usage) {
    test(`${label} is refused with Bun's message`, () => {
      const error = thrown(make);
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toBe(message);
    });
  }
});
