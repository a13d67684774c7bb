import { describe, expect, test } from "bun:test";
import { asyncFailure, failure, later, plain, thrown } from "./helpers";

const x = expect as any;

let context: any;
expect.extend({
  toRecordContext(received: unknown) {
    context = this;
    return { pass: true };
  },
  toBeDivisibleBy(received: number, divisor: number) {
    return { pass: received % divisor === 0, message: () => `${this.utils.printReceived(received)} by ${divisor}` };
  },
  toBeWithinRange(received: number, floor: number, ceiling: number) {
    return { pass: received >= floor && received <= ceiling, message: "out of range" };
  },
  toFailSilently() {
    return { pass: false };
  },
  toDescribeFlags() {
    return { pass: this.isNot, message: () => `isNot=${this.isNot} promise=${this.promise}` };
  },
  toPassForOne(received: unknown) {
    return Promise.resolve({ pass: received === 1, message: () => "settled" });
  },
  async toPassLater(received: unknown) {
    await later(0);
    return { pass: received === 1, message: () => "later" };
  },
  toRejectNow() {
    const rejected = Promise.reject(new Error("no"));
    rejected.catch(() => {});
    return rejected;
  },
  toThrowInside() {
    throw new RangeError("inside");
  },
  toReturnNull() {
    return null as any;
  },
  toReturnBadMessage() {
    return { pass: false, message: 5 } as any;
  },
});

describe("the matcher context", () => {
  test("this.isNot, this.promise, this.expand and this.equals", () => {
    x(1).toRecordContext();
    expect(Object.prototype.toString.call(context)).toBe("[object ExpectMatcherContext]");
    expect(context.isNot).toBe(false);
    expect(context.promise).toBe("");
    expect(context.expand).toBe(false);
    expect(context.equals({ a: undefined }, {})).toBe(true);
    expect(context.equals([1], [expect.any(Number)])).toBe(true);
    expect(failure(() => x(1).not.toDescribeFlags())).toBe("expect(received).toDescribeFlags()\n\nisNot=true promise=");
    expect(failure(() => x(Promise.resolve(1)).resolves.toDescribeFlags())).toBe(
      "expect(received).toDescribeFlags()\n\nisNot=false promise=resolves",
    );
  });

  test("this.utils is Bun's set of helpers", () => {
    x(1).toRecordContext();
    const utils = context.utils;
    for (const name of ["EXPECTED_COLOR", "RECEIVED_COLOR", "matcherHint", "printExpected", "printReceived", "stringify"]) {
      expect(typeof utils[name]).toBe("function");
    }
    expect(utils.diff).toBeUndefined();
    expect(utils.stringify({ a: [1, "x"] })).toBe('{\n  a: [ 1, "x" ],\n}');
    expect(plain(utils.printReceived("s"))).toBe('"s"');
    expect(plain(utils.printExpected([1, 2]))).toBe("[ 1, 2 ]");
    expect(plain(utils.EXPECTED_COLOR(5))).toBe("5");
    expect(plain(utils.RECEIVED_COLOR("r"))).toBe('"r"');
    // Bun's matcherHint prints the hint and then the two values.
    expect(plain(utils.matcherHint("toFoo", "rec", "exp"))).toBe('expect(received).toFoo(expected)\n\nExpected: "exp"\nReceived: "rec"\n');
    expect(plain(utils.matcherHint("toFoo", undefined, undefined, { isNot: true }))).toBe(
      "expect(received).not.toFoo(expected)\n\nExpected: not undefined\n",
    );
    expect(thrown(() => utils.matcherHint()).message).toBe("matcherHint: the first argument (matcher name) must be a string");
  });
});

describe("failures", () => {
  test("the hint names the matcher's parameters and never shows .not", () => {
    expect(failure(() => x(7).toBeDivisibleBy(2))).toBe("expect(received).toBeDivisibleBy(divisor)\n\n7 by 2");
    expect(failure(() => x(8).not.toBeDivisibleBy(2))).toBe("expect(received).toBeDivisibleBy(divisor)\n\n8 by 2");
    expect(failure(() => x(1).toBeWithinRange(5, 6))).toBe("expect(received).toBeWithinRange(floor, ceiling)\n\nout of range");
    expect(failure(() => x(1).toFailSilently())).toBe("expect(received).toFailSilently()\n\nNo message was specified for this matcher.");
  });

  test("a label does not apply to custom matchers", () => {
    expect(failure(() => x(7, "my label").toBeDivisibleBy(2))).toBe("expect(received).toBeDivisibleBy(divisor)\n\n7 by 2");
  });

  test("invalid results, throwing matchers and rejected promises", () => {
    const invalid = thrown(() => x(1).toReturnNull());
    expect(invalid.name).toBe("InvalidMatcherError");
    expect(invalid.message).toBe(
      "Unexpected return from matcher function `toReturnNull`.\nMatcher functions should return an object in the following format:\n" +
        "  {message?: string | function, pass: boolean}\n'null' was returned",
    );
    expect(thrown(() => x(1).toReturnBadMessage()).message).toEndWith("'{\n  pass: false,\n  message: 5,\n}' was returned");
    const inside = thrown(() => x(1).toThrowInside());
    expect(inside).toBeInstanceOf(RangeError);
    expect(inside.message).toBe("inside");
    expect(thrown(() => x(1).toRejectNow()).message).toBe("Matcher `toRejectNow` returned a promise that rejected");
  });
});

describe("results", () => {
  test("a passing custom matcher returns the expectation", () => {
    const e = x(15);
    expect(e.toBeDivisibleBy(5)).toBe(e);
  });

  test("a settled promise is read at once, a pending one is waited for", async () => {
    x(1).toPassForOne();
    expect(failure(() => x(2).toPassForOne())).toBe("expect(received).toPassForOne()\n\nsettled");
    await x(1).toPassLater();
    expect(await asyncFailure(() => x(2).toPassLater())).toBe("expect(received).toPassLater()\n\nlater");
  });
});

describe("asymmetric use", () => {
  test("expect.name() and expect.not.name() match inside other values", () => {
    expect({ value: 4 }).toEqual({ value: x.toBeDivisibleBy(2) });
    expect({ value: 3 }).toEqual({ value: x.not.toBeDivisibleBy(2) });
    expect([1]).toEqual([x.toPassForOne()]);
    expect(failure(() => expect({ n: 7 }).toEqual({ n: x.toBeDivisibleBy(3) }))).toBe(
      'expect(received).toEqual(expected)\n\n  {\n-   "n": toBeDivisibleBy [\n-     3,\n-   ],\n+   "n": 7,\n  }\n\n- Expected  - 3\n+ Received  + 1\n',
    );
    expect(Object.prototype.toString.call(x.toBeDivisibleBy(3))).toBe("[object ExpectCustomAsymmetricMatcher]");
  });

  test("asymmetricMatch() returns the outcome and passes errors on", () => {
    expect(x.toBeDivisibleBy(3).asymmetricMatch(9)).toBe(true);
    expect(x.not.toBeDivisibleBy(3).asymmetricMatch(9)).toBe(false);
    expect(thrown(() => x.toThrowInside().asymmetricMatch(1)).message).toBe("inside");
  });

  test("matchers are not constructors", () => {
    expect(thrown(() => new x.toBeDivisibleBy())).toBeInstanceOf(TypeError);
    expect(thrown(() => new (x(1).toBeDivisibleBy)())).toBeInstanceOf(TypeError);
  });
});

describe("expect.extend()", () => {
  test("rejects what is not an object of functions", () => {
    expect(thrown(() => expect.extend(null as any)).message).toBe("expect.extend(matchers)\n\nExpected an object containing matchers\n");
    const e = thrown(() => expect.extend({ _bad: 42 } as any));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe('expect.extend: `_bad` is not a valid matcher. Must be a function, is "number"');
    expect(thrown(() => expect.extend({ _bad: null } as any)).message).toEndWith('is "null"');
  });

  test("takes enumerable keys, inherited ones too", () => {
    const proto = { _fromProto: () => ({ pass: true }) };
    const defs = Object.create(proto);
    Object.defineProperty(defs, "_hidden", { value: () => ({ pass: true }), enumerable: false });
    expect.extend(defs);
    expect(typeof x(1)._fromProto).toBe("function");
    expect(typeof x._fromProto).toBe("function");
    expect(x(1)._hidden).toBeUndefined();
  });

  test("can replace a built-in matcher", () => {
    expect.extend({ toBeWithin: (received: unknown) => ({ pass: received === "inside" }) } as any);
    x("inside").toBeWithin();
    expect(thrown(() => x("outside").toBeWithin()).message).toStartWith("expect(received).toBeWithin()");
  });
});

test("values print through their nodejs.util.inspect.custom hook, whose errors reach the caller", () => {
  const custom = Symbol.for("nodejs.util.inspect.custom");
  const shown: Record<string, string> = {};
  expect.extend({
    _printsThrough(received: unknown) {
      for (const util of ["stringify", "printReceived"] as const) {
        try {
          shown[util] = plain((this as any).utils[util](received));
        } catch (e: any) {
          shown[util] = `threw ${e.message}`;
        }
      }
      return { pass: true, message: () => "" };
    },
  });
  (expect({ [custom]: () => "CUSTOM" }) as any)._printsThrough();
  expect(shown).toEqual({ stringify: "CUSTOM", printReceived: "CUSTOM" });
  (expect({ [custom]() { throw new Error("inspect failed"); } }) as any)._printsThrough();
  expect(shown).toEqual({ stringify: "threw inspect failed", printReceived: "threw inspect failed" });
  expect(failure(() => expect({ [custom]: () => "SHOWN" }).toBe(1))).toContain("Received: SHOWN");
});
