// The FormData global: entry order, set() replacing in place, Blob values becoming Files,
// iteration, and argument errors — as in Node 20 and Bun.
import { describe, expect, test } from "bun:test";

describe("FormData", () => {
  test("append, set, get, getAll, has, delete keep the entries' order", () => {
    const fd = new FormData();
    fd.append("a", "1");
    fd.append("a", 2 as unknown as string);
    fd.append("b", "x");
    fd.append("a", "3");
    expect(fd.getAll("a")).toEqual(["1", "2", "3"]);
    fd.set("a", "z");
    expect([...fd.entries()]).toEqual([["a", "z"], ["b", "x"]]);
    expect(fd.has("b")).toBe(true);
    fd.delete("b");
    expect(fd.has("b")).toBe(false);
    expect(fd.get("nope")).toBe(null);
    expect(Object.prototype.toString.call(fd)).toBe("[object FormData]");
  });

  test("Blob values become Files named by the third argument", () => {
    const fd = new FormData();
    fd.append("f", new Blob(["xy"], { type: "text/plain" }), "x.txt");
    fd.append("g", new Blob(["z"]));
    const f = fd.get("f") as File;
    expect(f instanceof File).toBe(true);
    expect([f.name, f.size]).toEqual(["x.txt", 2]);
    // Bun adds ";charset=utf-8" to text types; Node and rusk keep the Blob's type.
    expect(f.type.startsWith("text/plain")).toBe(true);
    expect((fd.get("g") as File).name).toBe("blob");
  });

  test("keys, values, forEach and errors", () => {
    const fd = new FormData();
    fd.append("k1", "v1");
    fd.append("k2", "v2");
    expect([...fd.keys()]).toEqual(["k1", "k2"]);
    expect([...fd.values()]).toEqual(["v1", "v2"]);
    const seen: string[] = [];
    fd.forEach((v, k) => seen.push(`${k}=${v}`));
    expect(seen).toEqual(["k1=v1", "k2=v2"]);
    expect(() => (fd as unknown as { append(n: string): void }).append("x")).toThrow(TypeError);
  });
});
