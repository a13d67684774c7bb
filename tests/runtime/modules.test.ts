import { describe, expect, test } from "bun:test";
import { createRequire } from "node:module";
import { join } from "node:path";
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

describe("resolution like Node", () => {
  test("exports conditions are tried in the object's own key order", async () => {
    // "node" comes before "default": Node (and rusk) pick the node build, not the browser one.
    const esm = await import("orderpkg");
    expect(esm.build).toBe("node-esm");
    expect(require("orderpkg").build).toBe("node-cjs");
    expect((await import("orderpkg/first")).build).toBe("import");
  });
  test("package.json imports: exact, pattern, conditions, built-in and package targets", async () => {
    const { report } = await import("imppkg");
    expect(report).toEqual({ name: "util", letter: "a", how: "import", join: "x/y", build: "node-esm", required: "require" });
  });
  test("an unmapped #specifier names itself", async () => {
    let error: any;
    try {
      await import("#nothing-maps-this");
    } catch (e) {
      error = e;
    }
    expect(String(error?.message)).toContain("#nothing-maps-this");
  });
  test("a Node built-in rusk lacks throws ERR_UNKNOWN_BUILTIN_MODULE", async () => {
    for (const spec of ["node:inspector", "inspector"]) {
      let error: any;
      try {
        await import(spec);
      } catch (e) {
        error = e;
      }
      expect(error?.code).toBe("ERR_UNKNOWN_BUILTIN_MODULE");
      expect(error?.message).toBe('rusk does not implement the Node built-in "node:inspector" yet');
    }
    let thrown: any;
    try {
      require("node:inspector");
    } catch (e) {
      thrown = e;
    }
    expect(thrown?.code).toBe("ERR_UNKNOWN_BUILTIN_MODULE");
  });
  test("import attributes: type json, static and dynamic", async () => {
    const viaAttr = await import("./fixtures/data.json", { with: { type: "json" } });
    expect(viaAttr.default).toEqual(data);
    const txt = await import("./fixtures/data.txt", { with: { type: "json" } });
    expect(txt.default.kind).toBe("not-json-extension");
    let error: any;
    try {
      await import("./fixtures/data.json", { with: { type: "css" } });
    } catch (e) {
      error = e;
    }
    expect(error?.code).toBe("ERR_IMPORT_ATTRIBUTE_UNSUPPORTED");
    expect(error?.message).toContain('Import attribute "type" with value "css" is not supported');
  });
  test("import.meta.resolve, dirname and filename", () => {
    expect(import.meta.resolve("./fixtures/counter.cjs")).toBe(`file://${import.meta.dir}/fixtures/counter.cjs`);
    expect(import.meta.resolve("node:fs")).toBe("node:fs");
    expect(import.meta.resolve("fs")).toBe("node:fs");
    expect(import.meta.resolve("orderpkg")).toBe(`file://${import.meta.dir}/node_modules/orderpkg/dist/node.mjs`);
    expect(import.meta.dirname).toBe(import.meta.dir);
    expect(import.meta.filename).toBe(import.meta.path);
    expect(() => import.meta.resolve("./fixtures/nope")).toThrow("Cannot find module");
  });
  test("require.resolve with paths", () => {
    const other = `${import.meta.dir}/fixtures/other`;
    expect(require.resolve("onlyhere", { paths: [other] })).toBe(`${other}/node_modules/onlyhere/index.js`);
    expect(() => require.resolve("onlyhere")).toThrow("onlyhere");
    expect(require.resolve("node:path")).toBe("node:path");
    expect(require.resolve("path")).toBe("path");
    const req = createRequire(import.meta.url);
    expect(req.resolve("./fixtures/counter.cjs")).toBe(`${import.meta.dir}/fixtures/counter.cjs`);
  });
});

describe("__filename and __dirname in ES modules", () => {
  test("are the module's path and directory when the module uses them", async () => {
    const m = await import("./fixtures/esm_paths.mjs");
    expect(m.file).toBe(join(import.meta.dir, "fixtures", "esm_paths.mjs"));
    expect(m.dir).toBe(join(import.meta.dir, "fixtures"));
  });

  test("a module's own declaration of __dirname wins", async () => {
    const m = await import("./fixtures/esm_own_dirname.mjs");
    expect(m.dir).toBe(join(import.meta.dir, "fixtures"));
    expect(m.fileType).toBe("string");
  });
});
