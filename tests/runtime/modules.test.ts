import { describe, expect, test } from "bun:test";
import { createRequire } from "node:module";
import counterDefault, { increment } from "./fixtures/counter.cjs";
import greet from "./fixtures/esm_default.cjs";
import data from "./fixtures/data.json";
import { kind } from "dualpkg";
import { feature } from "dualpkg/feature/a";
import legacy from "legacy";
import { Shape, Geometry, area } from "./fixtures/shapes";
import * as pathNs from "path";
import fsDefault from "node:fs";

describe("ES modules and CommonJS interop", () => {
  test("importing CJS gives module.exports as default and keys as named exports", () => {
    expect(typeof counterDefault.increment).toBe("function");
    expect(increment()).toBe(1);
    expect(counterDefault.increment()).toBe(2);
    expect(counterDefault.filename.endsWith("fixtures/counter.cjs")).toBe(true);
    expect(greet("x")).toBe("hi x");
    expect(greet.extra).toBe(42);
  });
  test("require from ESM and createRequire share the CJS cache", () => {
    const req = createRequire(import.meta.url);
    expect(req("./fixtures/counter.cjs").increment()).toBe(3);
    expect(require("./fixtures/counter.cjs").increment()).toBe(4);
    expect(req("./fixtures/data.json").answer).toBe(42);
    expect(req("node:path").join("a", "b")).toBe("a/b");
    expect(req("path").join("a", "b")).toBe("a/b");
  });
  test("require of a missing module names it", () => {
    expect(() => require("./fixtures/nope")).toThrow("Cannot find module './fixtures/nope'");
  });
  test("JSON modules", () => {
    expect(data.list).toEqual([1, 2]);
  });
  test("package exports conditions and patterns, main field", () => {
    expect(kind).toBe("esm");
    expect(require("dualpkg").kind).toBe("cjs");
    expect(feature).toBe("a");
    expect(legacy.legacy).toBe(true);
    expect(legacy.add(2, 3)).toBe(5);
  });
  test("TypeScript enums and namespaces work", () => {
    expect(Shape.Circle).toBe("circle");
    expect(Geometry.pi).toBe(3.14);
    expect(area(1)).toBe(3.14);
  });
  test("built-ins with and without node:", () => {
    expect(pathNs.default.basename("/a/b.txt")).toBe("b.txt");
    expect(typeof fsDefault.readFileSync).toBe("function");
  });
  test("import.meta", () => {
    expect(import.meta.path.endsWith("tests/runtime/modules.test.ts")).toBe(true);
    expect(import.meta.dir.endsWith("tests/runtime")).toBe(true);
    expect(import.meta.url.startsWith("file:///")).toBe(true);
    expect(import.meta.main).toBe(false);
  });
  test("dynamic import of a missing file rejects with the importer's name", async () => {
    let message = "";
    try {
      await import("./fixtures/missing-module");
    } catch (e) {
      message = String((e as Error).message);
    }
    expect(message).toContain("Cannot find module './fixtures/missing-module'");
    expect(message).toContain("modules.test.ts");
  });
});
