import { describe, test, expect } from "bun:test";
import querystring, { parse, stringify, escape, unescape, unescapeBuffer, encode, decode } from "node:querystring";

// Expectations are Node 20's.

/** The error `fn` throws (toThrow compares only messages; codes are checked with toMatchObject). */
function thrown(fn: () => unknown): any {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

// [parse arguments, result as a plain object]
const PARSE: [unknown[], Record<string, unknown>][] = [
  [["a=1&b=2&a=3"], { a: ["1", "3"], b: "2" }],
  [["=&a&&b=c=d"], { "": "", a: "", b: "c=d" }],
  [["+a+=+b+"], { " a ": " b " }],
  [["%41=%42&%zz=%E9&c=%C3%A9"], { A: "B", "%zz": "\uFFFD", c: "é" }],
  [["a:1;b:2", ";", ":"], { a: "1", b: "2" }],
  [["a=1&&b=2", "&&"], { a: "1", b: "2" }],
  // The separator is matched first, without backtracking: "==" takes the key's "=" away.
  [["a=1", "==", "="], { "a=1": "" }],
  [["a==1", "&", "=="], { a: "1" }],
  [["a=1&b=2&c=3", null, null, { maxKeys: 2 }], { a: "1", b: "2" }],
  // Empty pairs count against maxKeys.
  [["&&a=1&b=2", null, null, { maxKeys: 3 }], { a: "1" }],
  [["a=1&b=2", null, null, { maxKeys: 0 }], { a: "1", b: "2" }],
  [["__proto__=1&constructor=2&hasOwnProperty=3"], { ["__proto__"]: "1", constructor: "2", hasOwnProperty: "3" }],
  [["é=€&%F0%9F%98%80"], { é: "€", "😀": "" }],
  [["a[]=1&a[]=2"], { "a[]": ["1", "2"] }],
  // A key with two escapes makes Node decode its value too (lossily here).
  [["%41%41=é%"], { AA: "\uFFFD%" }],
  [["%41=é%"], { A: "é%" }],
];

describe("parse", () => {
  test.each(PARSE)("parse(%p)", (args, expected) => {
    const result = (parse as any)(...args);
    expect(Object.getPrototypeOf(result)).toBeNull();
    expect(Object.entries(result)).toEqual(Object.entries(expected));
  });

  test("non-string input gives an empty object", () => {
    expect(Object.keys(parse(5 as any))).toEqual([]);
    expect(Object.keys(parse(""))).toEqual([]);
  });

  test("a custom decodeURIComponent sees '+' as %20 and every non-empty text", () => {
    const seen: string[] = [];
    const result = parse("a+b=c&d=", null, null, {
      decodeURIComponent: (s: string) => {
        seen.push(s);
        return s.toUpperCase();
      },
    });
    expect(seen).toEqual(["a%20b", "c", "d"]);
    expect({ ...result }).toEqual({ "A%20B": "C", D: "" });
  });

  test("a throwing decoder falls back to unescape", () => {
    const result = parse("a%20b=%E9", null, null, {
      decodeURIComponent: () => {
        throw new Error("no");
      },
    });
    expect({ ...result }).toEqual({ "a b": "\uFFFD" });
  });

  test("replacing querystring.unescape changes parse", () => {
    const original = querystring.unescape;
    querystring.unescape = (s: string) => `[${s}]`;
    try {
      expect({ ...parse("a=%41") }).toEqual({ "[a]": "[%41]" });
    } finally {
      querystring.unescape = original;
    }
    expect({ ...parse("a=%41") }).toEqual({ a: "A" });
  });

  test("decode is parse", () => {
    expect(decode).toBe(parse);
    expect(querystring.decode).toBe(querystring.parse);
  });
});

describe("stringify", () => {
  test("values: finite numbers, bigints, booleans and strings; others are empty", () => {
    const obj = { a: 1, b: [2, "x"], c: true, d: null, e: undefined, f: NaN, g: 1n, h: "é b", i: Infinity, j: {}, k: () => 1, l: -0, m: 1e21 };
    expect(stringify(obj as any)).toBe("a=1&b=2&b=x&c=true&d=&e=&f=&g=1&h=%C3%A9%20b&i=&j=&k=&l=0&m=1e%2B21");
  });

  test("separators, and keys escaped like values", () => {
    expect(stringify({ a: 1, b: 2 }, ";", ":")).toBe("a:1;b:2");
    expect(stringify({ a: 1, b: 2 }, 1 as any, 2 as any)).toBe("a211b22");
    expect(stringify({ "a b": "c&d", "!'()*~": "-._" })).toBe("a%20b=c%26d&!'()*~=-._");
  });

  test("empty arrays are skipped; non-objects give ''", () => {
    expect(stringify({ a: [], b: 1 })).toBe("b=1");
    expect(stringify("abc" as any)).toBe("");
    expect(stringify(null as any)).toBe("");
    expect(stringify([1, 2] as any)).toBe("0=1&1=2");
  });

  test("a custom encodeURIComponent", () => {
    expect(stringify({ a: 1, b: "x y" }, null, null, { encodeURIComponent: (s: string) => `<${s}>` })).toBe("<a>=<1>&<b>=<x y>");
    expect(stringify({ a: "x y" }, null, null, { encodeURIComponent: 5 as any })).toBe("a=x%20y");
  });

  test("lone surrogates: paired with the next code unit, an error at the end", () => {
    expect(stringify({ a: "\uDC00x" })).toBe("a=%F0%90%81%B8");
    expect(thrown(() => stringify({ a: "x\uD800" }))).toMatchObject({ name: "URIError", code: "ERR_INVALID_URI", message: "URI malformed" });
  });

  test("encode is stringify", () => {
    expect(encode).toBe(stringify);
  });
});

describe("escape, unescape, unescapeBuffer", () => {
  test("escape is encodeURIComponent of the string form", () => {
    expect(escape("a b&é~*'()!")).toBe("a%20b%26%C3%A9~*'()!");
    expect(escape(5 as any)).toBe("5");
    expect(escape([1, 2] as any)).toBe("1%2C2");
    expect(escape({ toString: () => "x y" } as any)).toBe("x%20y");
    expect(() => escape(Symbol() as any)).toThrow(TypeError);
  });

  test("unescape falls back to a byte-wise decode", () => {
    expect(unescape("%41%20b")).toBe("A b");
    expect(unescape("a+b")).toBe("a+b");
    expect(unescape("%E9%zz")).toBe("\uFFFD%zz");
    expect(unescape("%")).toBe("%");
  });

  test("unescapeBuffer decodes bytes; other characters give their low byte", () => {
    expect([...unescapeBuffer("a%41%zz+")]).toEqual([0x61, 0x41, 0x25, 0x7a, 0x7a, 0x2b]);
    expect([...unescapeBuffer("a+b", true)]).toEqual([0x61, 0x20, 0x62]);
    expect([...unescapeBuffer("é€")]).toEqual([0xe9, 0xac]);
    expect(unescapeBuffer("%C3%A9").toString()).toBe("é");
  });

  test("the default export carries the same functions", () => {
    expect(Object.keys(querystring).sort()).toEqual(["decode", "encode", "escape", "parse", "stringify", "unescape", "unescapeBuffer"]);
    expect(querystring.escape).toBe(escape);
  });
});
