// util.inspect / util.format: expected strings are Node 20's output, byte for byte.
import { describe, test, expect } from "bun:test";
import util, { inspect, format, formatWithOptions } from "node:util";

const internals = (globalThis as any)[Symbol.for("rusk.internals")];
// rusk learns promise states and iterator contents from optional runtime hooks; Node and Bun
// always know them.
const knowsPromiseState = !internals || typeof internals.promiseState === "function";
const knowsIteratorEntries = !internals || typeof internals.previewEntries === "function";

function caught(fn: () => unknown): any {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected a throw");
}

/** An error with a fixed stack, so the output does not depend on the engine's frames. */
function errorWithStack(error: Error, stack: string): Error {
  Object.defineProperty(error, "stack", { value: stack, writable: true, configurable: true, enumerable: false });
  return error;
}

describe("primitives", () => {
  test("numbers, -0, bigint, NaN", () => {
    expect(inspect(1)).toBe("1");
    expect(inspect(-0)).toBe("-0");
    expect(inspect(1.5e21)).toBe("1.5e+21");
    expect(inspect(NaN)).toBe("NaN");
    expect(inspect(-Infinity)).toBe("-Infinity");
    expect(inspect(10n)).toBe("10n");
    expect(inspect(-1234n)).toBe("-1234n");
  });
  test("strings pick the quote that needs no escaping", () => {
    expect(inspect("abc")).toBe("'abc'");
    expect(inspect("it's")).toBe(`"it's"`);
    expect(inspect(`it's "x"`)).toBe("`it's \"x\"`");
    expect(inspect("it's \"x\" `y`")).toBe("'it\\'s \"x\" `y`'");
    expect(inspect("a\nb\t\u0000\u007f")).toBe("'a\\nb\\t\\x00\\x7F'");
    expect(inspect("\ud800")).toBe("'\\ud800'");
    expect(inspect("\\")).toBe("'\\\\'");
  });
  test("long strings break after newlines", () => {
    const s = "first line\n" + "x".repeat(80);
    expect(inspect(s)).toBe(`'first line\\n' +\n  '${"x".repeat(80)}'`);
    expect(inspect({ s })).toBe(`{\n  s: 'first line\\n' +\n    '${"x".repeat(80)}'\n}`);
  });
  test("symbols, booleans, null, undefined", () => {
    expect(inspect(Symbol("desc"))).toBe("Symbol(desc)");
    expect(inspect(Symbol())).toBe("Symbol()");
    expect(inspect(true)).toBe("true");
    expect(inspect(null)).toBe("null");
    expect(inspect(undefined)).toBe("undefined");
  });
});

describe("arrays", () => {
  test("short arrays stay on one line", () => {
    expect(inspect([])).toBe("[]");
    expect(inspect([1, "a", null])).toBe("[ 1, 'a', null ]");
    expect(inspect([[1, [2, [3, [4]]]]])).toBe("[ [ 1, [ 2, [Array] ] ] ]");
  });
  test("holes and extra properties", () => {
    expect(inspect([1, , 3])).toBe("[ 1, <1 empty item>, 3 ]");
    expect(inspect(new Array(5))).toBe("[ <5 empty items> ]");
    expect(inspect(Object.assign([1, 2], { foo: "bar" }))).toBe("[ 1, 2, foo: 'bar' ]");
  });
  test("more than maxArrayLength items", () => {
    const a = Array.from({ length: 101 }, () => 0);
    expect(inspect(a).endsWith("... 1 more item\n]")).toBe(true);
    expect(inspect([1, 2, 3], { maxArrayLength: 1 })).toBe("[ 1, ... 2 more items ]");
    expect(inspect([1, 2], { maxArrayLength: 0 })).toBe("[ ... 2 more items ]");
  });
  test("numbers group into right-aligned columns", () => {
    const a = Array.from({ length: 26 }, (_, i) => i * 1000);
    expect(inspect(a)).toBe(
      "[\n" +
        "      0,  1000,  2000,  3000,\n" +
        "   4000,  5000,  6000,  7000,\n" +
        "   8000,  9000, 10000, 11000,\n" +
        "  12000, 13000, 14000, 15000,\n" +
        "  16000, 17000, 18000, 19000,\n" +
        "  20000, 21000, 22000, 23000,\n" +
        "  24000, 25000\n" +
        "]",
    );
  });
  test("strings group into left-aligned columns", () => {
    const a = Array.from({ length: 8 }, (_, i) => "w" + "y".repeat(i));
    expect(inspect(a)).toBe(
      "[\n  'w',       'wy',\n  'wyy',     'wyyy',\n  'wyyyy',   'wyyyyy',\n  'wyyyyyy', 'wyyyyyyy'\n]",
    );
  });
  // Bun prints `[byteLength]: 3` for ArrayBuffers; Node (followed here) prints `byteLength: 3`.
  test("typed arrays and buffers", () => {
    expect(inspect(new Uint8Array([1, 2, 3]))).toBe("Uint8Array(3) [ 1, 2, 3 ]");
    expect(inspect(new Float64Array([1.5, -0]))).toBe("Float64Array(2) [ 1.5, -0 ]");
    expect(inspect(new BigInt64Array([1n]))).toBe("BigInt64Array(1) [ 1n ]");
    expect(inspect(new Uint8Array([1, 2, 255]).buffer)).toBe("ArrayBuffer { [Uint8Contents]: <01 02 ff>, byteLength: 3 }");
    expect(inspect(new DataView(new ArrayBuffer(2)))).toBe(
      "DataView {\n  byteLength: 2,\n  byteOffset: 0,\n  buffer: ArrayBuffer { [Uint8Contents]: <00 00>, byteLength: 2 }\n}",
    );
  });
});

describe("objects", () => {
  test("plain, nested and depth", () => {
    expect(inspect({})).toBe("{}");
    expect(inspect({ a: 1, "b-c": 2, 3: 4 })).toBe("{ '3': 4, a: 1, 'b-c': 2 }");
    expect(inspect({ a: { b: { c: { d: 1 } } } })).toBe("{ a: { b: { c: [Object] } } }");
    expect(inspect({ a: { b: { c: { d: 1 } } } }, { depth: 0 })).toBe("{ a: [Object] }");
    expect(inspect({ a: { b: { c: { d: 1 } } } }, { depth: null })).toBe("{\n  a: { b: { c: { d: 1 } } }\n}");
    expect(inspect({ a: { b: { c: { d: 1 } } } }, { depth: Infinity })).toBe("{\n  a: { b: { c: { d: 1 } } }\n}");
  });
  // Bun drops the brackets around symbol keys (`{ Symbol(k): 1 }`); Node 20 keeps them.
  test("symbol keys, null prototype, toStringTag", () => {
    expect(inspect({ [Symbol("k")]: 1 })).toBe("{ [Symbol(k)]: 1 }");
    expect(inspect(Object.create(null))).toBe("[Object: null prototype] {}");
    expect(inspect(Object.assign(Object.create(null), { x: 1 }))).toBe("[Object: null prototype] { x: 1 }");
    class Tagged {
      get [Symbol.toStringTag]() {
        return "Tag";
      }
    }
    expect(inspect(new Tagged())).toBe("Tagged [Tag] {}");
  });
  test("class instances", () => {
    class Foo {
      x = 1;
    }
    class Empty {}
    class Sub extends Foo {}
    expect(inspect(new Foo())).toBe("Foo { x: 1 }");
    expect(inspect(new Empty())).toBe("Empty {}");
    expect(inspect(new Sub())).toBe("Sub { x: 1 }");
    expect(inspect(Object.create(Object.create(null)))).toBe("Object <[Object: null prototype] {}> {}");
  });
  test("getters and setters", () => {
    const o = {
      get a() {
        return 1;
      },
      set b(_v) {},
      get c() {
        return { n: 2 };
      },
      set c(_v) {},
    };
    expect(inspect(o)).toBe("{ a: [Getter], b: [Setter], c: [Getter/Setter] }");
    expect(inspect(o, { getters: true })).toBe("{ a: [Getter: 1], b: [Setter], c: [Getter/Setter] { n: 2 } }");
    expect(inspect(o, { getters: "set" })).toBe("{ a: [Getter], b: [Setter], c: [Getter/Setter] { n: 2 } }");
    const throwing = {
      get bad() {
        throw new Error("nope");
      },
    };
    expect(inspect(throwing, { getters: true })).toBe("{ bad: [Getter: <Inspection threw (nope)>] }");
  });
  test("circular references", () => {
    const a: any = { name: "a" };
    a.self = a;
    expect(inspect(a)).toBe("<ref *1> { name: 'a', self: [Circular *1] }");
    const b: any = [1];
    b.push(b);
    expect(inspect(b)).toBe("<ref *1> [ 1, [Circular *1] ]");
    const m = new Map();
    m.set("me", m);
    expect(inspect(m)).toBe("<ref *1> Map(1) { 'me' => [Circular *1] }");
  });
  test("showHidden shows non-enumerable properties", () => {
    expect(inspect([1], { showHidden: true })).toBe("[ 1, [length]: 1 ]");
    const o = Object.defineProperty({}, "hidden", { value: 1, enumerable: false });
    expect(inspect(o)).toBe("{}");
    expect(inspect(o, { showHidden: true })).toBe("{ [hidden]: 1 }");
  });
  test("arguments and boxed primitives", () => {
    const args = (function (..._: unknown[]) {
      return arguments;
    })(1, "a");
    expect(inspect(args)).toBe("[Arguments] { '0': 1, '1': 'a' }");
    expect(inspect(new Number(3))).toBe("[Number: 3]");
    expect(inspect(new String("ab"))).toBe("[String: 'ab']");
    expect(inspect(Object(1n))).toBe("[BigInt: 1n]");
    expect(inspect(Object.assign(new Boolean(false), { x: 1 }))).toBe("[Boolean: false] { x: 1 }");
  });
});

describe("functions and classes", () => {
  test("kinds of functions", () => {
    expect(inspect(function named() {})).toBe("[Function: named]");
    expect(inspect(() => {})).toBe("[Function (anonymous)]");
    expect(inspect(async function af() {})).toBe("[AsyncFunction: af]");
    expect(inspect(function* gen() {})).toBe("[GeneratorFunction: gen]");
    expect(inspect(async function* ag() {})).toBe("[AsyncGeneratorFunction: ag]");
    expect(inspect(Object.assign(function withProps() {}, { a: 1 }))).toBe("[Function: withProps] { a: 1 }");
  });
  test("classes", () => {
    class A {}
    class B extends A {}
    expect(inspect(A)).toBe("[class A]");
    expect(inspect(B)).toBe("[class B extends A]");
    expect(inspect(class {})).toBe("[class (anonymous)]");
    expect(inspect(class C extends Map {})).toBe("[class C extends Map]");
  });
});

describe("errors", () => {
  test("stack and own properties", () => {
    const e = errorWithStack(new Error("boom"), "Error: boom\n    at f (file.js:1:2)");
    expect(inspect(e)).toBe("Error: boom\n    at f (file.js:1:2)");
    (e as any).code = "E_X";
    expect(inspect(e)).toBe("Error: boom\n    at f (file.js:1:2) {\n  code: 'E_X'\n}");
    expect(inspect({ e })).toBe("{\n  e: Error: boom\n      at f (file.js:1:2) {\n    code: 'E_X'\n  }\n}");
  });
  test("errors without frames are bracketed", () => {
    expect(inspect(errorWithStack(new Error("plain"), "Error: plain"))).toBe("[Error: plain]");
    expect(inspect(errorWithStack(new TypeError("t"), ""))).toBe("[TypeError: t]");
  });
  test("subclasses name themselves", () => {
    class Oops extends Error {}
    expect(inspect(errorWithStack(new Oops("m"), "Error: m\n    at x (y:1:1)"))).toBe("Oops [Error]: m\n    at x (y:1:1)");
    // A class name containing the error's name replaces it.
    class MyError extends Error {}
    expect(inspect(errorWithStack(new MyError("m"), "Error: m\n    at x (y:1:1)"))).toBe("MyError: m\n    at x (y:1:1)");
    class ValidationError extends TypeError {}
    expect(inspect(errorWithStack(new ValidationError("v"), "TypeError: v\n    at x (y:1:1)"))).toBe("ValidationError [TypeError]: v\n    at x (y:1:1)");
  });
  test("cause and AggregateError errors", () => {
    const inner = errorWithStack(new Error("inner"), "Error: inner\n    at i (f:9:9)");
    const outer = errorWithStack(new Error("outer", { cause: inner }), "Error: outer\n    at o (f:1:1)");
    expect(inspect(outer)).toBe("Error: outer\n    at o (f:1:1) {\n  [cause]: Error: inner\n      at i (f:9:9)\n}");
    const agg = errorWithStack(new AggregateError([errorWithStack(new Error("a"), "Error: a\n    at a (b:1:1)")], "many"), "AggregateError: many\n    at z (y:1:1)");
    expect(inspect(agg)).toBe("AggregateError: many\n    at z (y:1:1) {\n  [errors]: [\n    Error: a\n        at a (b:1:1)\n  ]\n}");
  });
  // Bun does not fold frames shared with the cause; Node does.
  test("frames shared with the cause fold into one line", () => {
    const frames = "\n    at a (f:1:1)\n    at b (f:2:2)\n    at c (f:3:3)\n    at d (f:4:4)\n    at e (f:5:5)";
    const cause = errorWithStack(new Error("inner"), "Error: inner\n    at x (f:0:0)" + frames);
    const err = errorWithStack(new Error("outer", { cause }), "Error: outer" + frames);
    expect(inspect(err).split("\n").slice(0, 4)).toEqual([
      "Error: outer",
      "    at a (f:1:1)",
      "    ... 3 lines matching cause stack trace ...",
      "    at e (f:5:5) {",
    ]);
  });
});

describe("collections and promises", () => {
  test("Map and Set", () => {
    expect(inspect(new Map())).toBe("Map(0) {}");
    expect(inspect(new Map<unknown, unknown>([[1, { a: 2 }], ["k", [1]]]))).toBe("Map(2) { 1 => { a: 2 }, 'k' => [ 1 ] }");
    expect(inspect(new Set([1, "a"]))).toBe("Set(2) { 1, 'a' }");
    expect(inspect(new Set([1, 2, 3]), { maxArrayLength: 1 })).toBe("Set(3) { 1, ... 2 more items }");
    class MyMap extends Map {}
    expect(inspect(new MyMap([[1, 2]]))).toBe("MyMap(1) [Map] { 1 => 2 }");
  });
  test("weak collections", () => {
    expect(inspect(new WeakMap())).toBe("WeakMap { <items unknown> }");
    expect(inspect(new WeakSet())).toBe("WeakSet { <items unknown> }");
  });
  test("iterators", () => {
    const entries = new Map([[1, 2]]).entries();
    expect(inspect(entries)).toBe(knowsIteratorEntries ? "[Map Entries] { [ 1, 2 ] }" : "[Map Iterator] { <items unknown> }");
    expect(entries.next().value).toEqual([1, 2]);
  });
  test("promises", () => {
    expect(inspect(new Promise(() => {}))).toBe("Promise { <pending> }");
    expect(inspect(Promise.resolve(1))).toBe(knowsPromiseState ? "Promise { 1 }" : "Promise { <pending> }");
    const rejected = Promise.reject(new Map([[1, 1]]));
    rejected.catch(() => {});
    expect(inspect(rejected)).toBe(knowsPromiseState ? "Promise { <rejected> Map(1) { 1 => 1 } }" : "Promise { <pending> }");
  });
  test("dates and regexps", () => {
    expect(inspect(new Date(0))).toBe("1970-01-01T00:00:00.000Z");
    expect(inspect(new Date(NaN))).toBe("Invalid Date");
    expect(inspect(/a+b/gi)).toBe("/a+b/gi");
    expect(inspect(Object.assign(/x/, { p: 1 }))).toBe("/x/ { p: 1 }");
  });
});

describe("options", () => {
  // Bun's inspect.styles.regexp is a highlighting function; Node 20's is "red".
  test("colors use inspect.styles and inspect.colors", () => {
    expect(inspect(1, { colors: true })).toBe("\u001b[33m1\u001b[39m");
    expect(inspect("s", { colors: true })).toBe("\u001b[32m's'\u001b[39m");
    expect(inspect(null, { colors: true })).toBe("\u001b[1mnull\u001b[22m");
    expect(inspect(undefined, { colors: true })).toBe("\u001b[90mundefined\u001b[39m");
    expect(inspect({ a: [1] }, { colors: true })).toBe("{ a: [ \u001b[33m1\u001b[39m ] }");
    expect(inspect.colors.red).toEqual([31, 39]);
    expect(inspect.colors.grey).toEqual([90, 39]);
    expect(inspect.styles.regexp).toBe("red");
  });
  test("compact and breakLength", () => {
    const o = { a: 1, b: { c: 2 } };
    expect(inspect(o, { compact: false })).toBe("{\n  a: 1,\n  b: {\n    c: 2\n  }\n}");
    expect(inspect(o, { compact: true })).toBe("{ a: 1, b: { c: 2 } }");
    expect(inspect({ a: "x".repeat(30), b: "y".repeat(30) }, { breakLength: 40 })).toBe(`{\n  a: '${"x".repeat(30)}',\n  b: '${"y".repeat(30)}'\n}`);
    expect(inspect({ a: "x".repeat(30), b: "y".repeat(30) }, { breakLength: Infinity })).toBe(`{ a: '${"x".repeat(30)}', b: '${"y".repeat(30)}' }`);
  });
  test("compact: 3 joins at most three inner levels", () => {
    expect(inspect({ a: { b: { c: {} } } })).toBe("{ a: { b: { c: {} } } }");
    expect(inspect({ a: { b: { c: { d: 1 } } } }, { depth: 5 })).toBe("{\n  a: { b: { c: { d: 1 } } }\n}");
  });
  test("sorted, maxStringLength, numericSeparator", () => {
    expect(inspect({ b: 1, a: 2, c: 3 }, { sorted: true })).toBe("{ a: 2, b: 1, c: 3 }");
    expect(inspect("abcdef", { maxStringLength: 2 })).toBe("'ab'... 4 more characters");
    expect(inspect(1234567.891, { numericSeparator: true })).toBe("1_234_567.891");
    expect(inspect(-123456789n, { numericSeparator: true })).toBe("-123_456_789n");
  });
  // Bun prints symbol keys without brackets (see above).
  test("custom inspect functions", () => {
    const custom = Symbol.for("nodejs.util.inspect.custom");
    expect(inspect.custom).toBe(custom);
    let seen: any[] = [];
    const o = {
      [custom](depth: number, options: any, fn: unknown) {
        seen = [depth, typeof options.stylize, fn === inspect];
        return { replaced: true };
      },
    };
    expect(inspect({ o })).toBe("{ o: { replaced: true } }");
    expect(seen).toEqual([1, "function", true]);
    expect(inspect({ x: { [custom]: () => "line1\nline2" } })).toBe("{\n  x: line1\n  line2\n}");
    expect(inspect(o, { customInspect: false })).toBe("{\n  [Symbol(nodejs.util.inspect.custom)]: [Function: [nodejs.util.inspect.custom]]\n}");
  });
  test("legacy signature (value, showHidden, depth, colors)", () => {
    expect(inspect({ a: { b: {} } }, false, 0)).toBe("{ a: [Object] }");
    expect(inspect(1, false, 2, true)).toBe("\u001b[33m1\u001b[39m");
  });
  test("defaultOptions can be changed and validates", () => {
    const saved = { ...inspect.defaultOptions };
    try {
      inspect.defaultOptions = { ...saved, depth: 0 };
      expect(inspect({ a: { b: 1 } })).toBe("{ a: [Object] }");
    } finally {
      inspect.defaultOptions = saved;
    }
    expect(inspect({ a: { b: 1 } })).toBe("{ a: { b: 1 } }");
    const err = caught(() => {
      (inspect as any).defaultOptions = 5;
    });
    expect(err.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(err.message).toBe('The "options" argument must be of type object. Received type number (5)');
  });
});

describe("format", () => {
  test("placeholders", () => {
    expect(format("%s:%s", "a")).toBe("a:%s");
    expect(format("%d %i %f", "42", "3.9", "1.5x")).toBe("42 3 1.5");
    expect(format("%d", 10n)).toBe("10n");
    expect(format("%i", Symbol("s"))).toBe("NaN");
    expect(format("%j", { a: [1] })).toBe('{"a":[1]}');
    const circular: any = {};
    circular.me = circular;
    expect(format("%j", circular)).toBe("[Circular]");
    expect(format("%o", [1])).toBe("[ 1, [length]: 1 ]");
    expect(format("%O", { a: { b: { c: { d: 1 } } } })).toBe("{ a: { b: { c: [Object] } } }");
    expect(format("%c%s", "color: red", "x")).toBe("x");
    expect(format("100%% %s", "done")).toBe("100% done");
    expect(format("%x", 1)).toBe("%x 1");
  });
  test("%s inspects objects without their own toString", () => {
    expect(format("%s", { a: { b: 1 } })).toBe("{ a: [Object] }");
    expect(format("%s", [1, [2, [3]]])).toBe("[ 1, [Array] ]");
    expect(format("%s", -0)).toBe("-0");
    expect(format("%s", { toString: () => "mine" })).toBe("mine");
    class WithToString {
      toString() {
        return "custom";
      }
    }
    expect(format("%s", new WithToString())).toBe("custom");
  });
  test("extra arguments are inspected and joined", () => {
    expect(format("a", { b: 1 }, "c", 2)).toBe("a { b: 1 } c 2");
    expect(format(1, "x")).toBe("1 x");
    expect(format()).toBe("");
  });
  test("formatWithOptions passes options and validates them", () => {
    expect(formatWithOptions({ colors: true }, "%O", 1)).toBe("\u001b[33m1\u001b[39m");
    expect(formatWithOptions({ depth: 0 }, { a: { b: 1 } })).toBe("{ a: [Object] }");
    const err = caught(() => formatWithOptions(5 as any, "x"));
    expect(err).toBeInstanceOf(TypeError);
    expect(err.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(err.message).toBe('The "inspectOptions" argument must be of type object. Received type number (5)');
  });
  test("util's default export carries them", () => {
    expect(util.inspect).toBe(inspect);
    expect(util.format("%s", "x")).toBe("x");
  });
});
