// The WHATWG Headers global with Bun's extensions (count, toJSON, getAll) and Bun's errors
// (checked against Bun 1.4).
import { describe, expect, test } from "bun:test";
import { inspect } from "node:util";

function errorOf(fn: () => unknown): { name: string; code: unknown; message: string } | undefined {
  try {
    fn();
  } catch (e: any) {
    return { name: e.constructor.name, code: e.code, message: e.message };
  }
  return undefined;
}

const plain = (message: string) => ({ name: "TypeError", code: undefined, message });

describe("Headers: construction", () => {
  test("from a record, pairs, a Map, another Headers; names lower-cased, values trimmed", () => {
    expect([...new Headers({ B: " 2 ", a: "\t1\r\n" })]).toEqual([["a", "1"], ["b", "2"]]);
    expect([...new Headers([["X-One", "1"], ["x-one", "2"]])]).toEqual([["x-one", "1, 2"]]);
    expect(new Headers(new Map([["k", "v"]])).get("K")).toBe("v");
    expect(new Headers([new Set(["a", "b"])]).get("a")).toBe("b");
    const original = new Headers([["Set-Cookie", "a=1"], ["set-cookie", "b=2"], ["z", "1"]]);
    const copy = new Headers(original);
    original.set("z", "changed");
    expect([...copy]).toEqual([["z", "1"], ["set-cookie", "a=1"], ["set-cookie", "b=2"]]);
    expect([...new Headers()]).toEqual([]);
    expect([...new Headers(undefined)]).toEqual([]);
    expect(Headers.length).toBe(0);
  });

  test("a record takes own enumerable keys only, values converted to strings", () => {
    const init = Object.create({ inherited: "1" }, { own: { value: "2", enumerable: true }, hidden: { value: "3", enumerable: false } });
    expect(new Headers(init).toJSON()).toEqual({ own: "2" });
    expect(new Headers({ a: 1, b: null, c: { toString: () => " v " } }).toJSON()).toEqual({ a: "1", b: "null", c: "v" });
  });

  test("bad input fails with Bun's errors", () => {
    expect(errorOf(() => new Headers([["a"]]))).toEqual(plain("Header sub-sequence must contain exactly two items"));
    expect(errorOf(() => new Headers([["a", "b", "c"]]))).toEqual(plain("Header sub-sequence must contain exactly two items"));
    expect(errorOf(() => new Headers(["ab"] as any))).toEqual({ name: "TypeError", code: "ERR_INVALID_ARG_TYPE", message: "Value is not a sequence" });
    expect(errorOf(() => new Headers([["a", "b"], 5] as any))?.message).toBe("Value is not a sequence");
    for (const init of [5, "abc", null]) expect(errorOf(() => new Headers(init as any))).toEqual(plain("Type error"));
    expect(errorOf(() => new Headers({ [Symbol.iterator]: 5 } as any))).toEqual(plain("Symbol.iterator property should be callable"));
    expect(errorOf(() => new Headers({ "bad name": "x" }))).toEqual(plain("Invalid header name: 'bad name'"));
    expect(errorOf(() => new Headers({ "": "x" }))).toEqual(plain("Invalid header name: ''"));
    expect(errorOf(() => new Headers({ "A-b": "x\ny" }))).toEqual(plain("Header 'A-b' has invalid value"));
    expect(errorOf(() => new Headers({ a: "\u0100" }))).toEqual(plain("Header 'a' has invalid value"));
    // Pairs are taken one at a time: the first one's bad name is found before the second's length.
    expect(errorOf(() => new Headers([["bad name", "x"], ["a"]]))?.message).toBe("Invalid header name: 'bad name'");
    expect(errorOf(() => (Headers as any)())).toEqual({
      name: "TypeError",
      code: "ERR_ILLEGAL_CONSTRUCTOR",
      message: "Use `new Headers(...)` instead of `Headers(...)`",
    });
  });

  test("which characters names and values may hold", () => {
    let nameChars = "";
    const badValueCodes: number[] = [];
    for (let i = 0; i < 0x100; i++) {
      const c = String.fromCharCode(i);
      if (errorOf(() => new Headers([[`x${c}y`, "1"]])) === undefined) nameChars += c;
      if (errorOf(() => new Headers([["x", `a${c}b`]])) !== undefined) badValueCodes.push(i);
    }
    expect(nameChars).toBe("!#$%&'*+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz|~");
    expect(badValueCodes).toEqual([0, 10, 13]);
    expect(new Headers({ a: "\v a \f" }).get("a")).toBe("\v a \f");
    expect(new Headers({ a: "\t" }).get("a")).toBe("");
  });
});

describe("Headers: methods", () => {
  test("append, set, get, has, delete", () => {
    const h = new Headers();
    expect(h.append("Accept", "a")).toBe(undefined);
    h.append("accept", "");
    expect(h.get("ACCEPT")).toBe("a, ");
    expect(h.set("accept", " b ")).toBe(undefined);
    expect(h.get("accept")).toBe("b");
    expect(h.has("Accept")).toBe(true);
    expect(h.get("missing")).toBe(null);
    expect(h.delete("ACCEPT")).toBe(undefined);
    expect([h.has("accept"), h.get("accept")]).toEqual([false, null]);
    h.delete("never-there");
    expect(h.count).toBe(0);
  });

  test("Set-Cookie values are kept apart", () => {
    const h = new Headers([["Set-Cookie", "a=1"]]);
    h.append("set-cookie", "b=2");
    expect(h.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(h.getAll("SET-COOKIE")).toEqual(["a=1", "b=2"]);
    expect(h.get("set-cookie")).toBe("a=1, b=2");
    expect([...h]).toEqual([["set-cookie", "a=1"], ["set-cookie", "b=2"]]);
    expect(h.count).toBe(2);
    h.set("set-cookie", "c=3");
    expect(h.getSetCookie()).toEqual(["c=3"]);
    h.delete("Set-Cookie");
    expect([h.getSetCookie(), h.has("set-cookie"), h.get("set-cookie"), h.count]).toEqual([[], false, null, 0]);
    // The copies handed out are the caller's.
    h.append("set-cookie", "d=4");
    h.getSetCookie().push("x");
    expect(h.getSetCookie()).toEqual(["d=4"]);
  });

  test("getAll is for Set-Cookie only", () => {
    expect(errorOf(() => new Headers({ a: "1" }).getAll("a"))).toEqual(plain('Only "set-cookie" is supported.'));
    expect(errorOf(() => (new Headers() as any).getAll())).toEqual(plain("Missing argument"));
    expect(new Headers().getAll("set-cookie")).toEqual([]);
  });

  test("bad names, values and missing arguments", () => {
    const h = new Headers() as any;
    for (const call of [() => h.append("bad name", "x"), () => h.set("bad name", "x"), () => h.get("bad name"), () => h.has("bad name"), () => h.delete("bad name")]) {
      expect(errorOf(call)).toEqual(plain("Invalid header name: 'bad name'"));
    }
    expect(errorOf(() => h.append("a", "x\ny"))).toEqual(plain("Header 'a' has invalid value"));
    expect(errorOf(() => h.set("a", "\0"))).toEqual(plain("Header 'a' has invalid value"));
    expect(errorOf(() => h.append(Symbol(), "x"))).toEqual(plain("Cannot convert a symbol to a string"));
    const missing = { name: "TypeError", code: "ERR_MISSING_ARGS", message: "Not enough arguments" };
    for (const call of [() => h.append("a"), () => h.set("a"), () => h.get(), () => h.has(), () => h.delete()]) {
      expect(errorOf(call)).toEqual(missing);
    }
  });

  test("methods check `this` (count and getSetCookie answer undefined, as in Bun)", () => {
    expect(errorOf(() => Headers.prototype.get.call({}, "a"))).toEqual({
      name: "TypeError",
      code: "ERR_INVALID_THIS",
      message: "Can only call Headers.get on instances of Headers",
    });
    expect(errorOf(() => Headers.prototype.toJSON.call({}))?.message).toBe("Can only call Headers.toJSON on instances of Headers");
    expect(errorOf(() => Headers.prototype.entries.call({}))?.message).toBe("Can only call Headers.entries on instances of Headers");
    expect(Object.getOwnPropertyDescriptor(Headers.prototype, "count")!.get!.call({})).toBe(undefined);
    expect(Headers.prototype.getSetCookie.call({})).toBe(undefined);
  });

  test("toJSON and count: well-known names first, then set-cookie, then the rest", () => {
    const h = new Headers([["content-type", "x"], ["zeta", "1"], ["accept", "2"], ["x-b", "3"], ["Set-Cookie", "c"], ["alpha", "4"], ["Date", "5"]]);
    expect(Object.keys(h.toJSON())).toEqual(["content-type", "accept", "date", "set-cookie", "zeta", "x-b", "alpha"]);
    expect(h.toJSON()["set-cookie"]).toEqual(["c"]);
    expect(h.count).toBe(7);
    // set keeps a name's place; delete and append puts it last.
    const g = new Headers([["zeta", "1"], ["alpha", "1"]]);
    g.set("zeta", "2");
    expect(Object.keys(g.toJSON())).toEqual(["zeta", "alpha"]);
    g.delete("zeta");
    g.append("zeta", "3");
    expect(JSON.stringify(g)).toBe('{"alpha":"1","zeta":"3"}');
    expect(JSON.stringify({ h: new Headers([["__proto__", "x"]]) })).toBe('{"h":{"__proto__":"x"}}');
  });
});

describe("Headers: iteration", () => {
  test("sorted names, combined values, keys/values/entries and forEach", () => {
    // As in Bun, the Set-Cookie values come after all the other names.
    const h = new Headers([["b", "1"], ["set-cookie", "s1"], ["User-Agent", "u"], ["A", "2"], ["b", "3"], ["set-cookie", "s2"]]);
    expect([...h.keys()]).toEqual(["a", "b", "user-agent", "set-cookie", "set-cookie"]);
    expect([...h.values()]).toEqual(["2", "1, 3", "u", "s1", "s2"]);
    expect([...h.entries()]).toEqual([...h]);
    expect(Headers.prototype[Symbol.iterator]).toBe(Headers.prototype.entries);
    const seen: unknown[] = [];
    h.forEach(function (this: unknown, value, key, self) {
      seen.push([value, key, self === h, this]);
    }, 7);
    expect(seen[0]).toEqual(["2", "a", true, 7]);
    expect(seen.length).toBe(5);
    expect(errorOf(() => (h as any).forEach(5))).toEqual({ name: "TypeError", code: "ERR_INVALID_ARG_TYPE", message: "Cannot call callback on a non-function" });
  });

  test("iterators see changes made while iterating", () => {
    const h = new Headers({ a: "1", b: "2", c: "3" });
    const keys: string[] = [];
    for (const [k] of h) {
      keys.push(k);
      if (k === "a") {
        h.delete("b");
        h.set("aa", "x");
      }
    }
    expect(keys).toEqual(["a", "aa", "c"]);
    const it = new Headers({ a: "1" }).keys();
    expect(it.next()).toEqual({ value: "a", done: false });
    expect(it.next()).toEqual({ value: undefined, done: true });
    expect(it.next().done).toBe(true);
  });

  test("the iterator object", () => {
    const it = new Headers().entries();
    const proto = Object.getPrototypeOf(it);
    expect(Object.prototype.toString.call(it)).toBe("[object Headers Iterator]");
    expect(Object.getOwnPropertyNames(proto)).toEqual(["next"]);
    expect(Object.getPrototypeOf(proto)).toBe(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
    expect(errorOf(() => proto.next.call({}))).toEqual({ name: "TypeError", code: "ERR_INVALID_THIS", message: "Cannot call next() on a non-Iterator object" });
  });
});

describe("Headers: the class", () => {
  test("prototype members, tags and descriptors", () => {
    expect(Object.getOwnPropertyNames(Headers.prototype)).toEqual([
      "constructor", "append", "delete", "get", "getAll", "has", "set", "entries", "keys", "values", "forEach", "toJSON", "count", "getSetCookie",
    ]);
    expect(Object.prototype.toString.call(new Headers())).toBe("[object Headers]");
    expect(Object.getOwnPropertyDescriptor(Headers.prototype, "append")!.enumerable).toBe(true);
    const count = Object.getOwnPropertyDescriptor(Headers.prototype, "count")!;
    expect([count.enumerable, count.configurable, count.set]).toEqual([true, false, undefined]);
    expect(Object.keys(new Headers({ a: "1" }))).toEqual([]);
    class Sub extends Headers {
      extra() {
        return this.get("a");
      }
    }
    const sub = new Sub({ a: "1" });
    expect([sub.extra(), sub instanceof Headers]).toEqual(["1", true]);
  });

  test("inspect shows the headers", () => {
    const shown = Bun.inspect(new Headers({ a: "1" }));
    expect(shown.startsWith("Headers {")).toBe(true);
    expect(shown.includes("a") && shown.includes("1")).toBe(true);
    expect(inspect({ h: new Headers() })).toBe("{ h: Headers {} }");
  });
});
