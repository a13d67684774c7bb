// Data files as modules, as Bun imports them: `with { type: "file" | "text" | "json" | "toml" }`
// and, without attributes, by extension (.txt text, .toml and .yaml parsed, other non-script files as
// their absolute path — how bun:ffi code finds its library). Checked against Bun.
import { describe, expect, test } from "bun:test";
import path from "node:path";
import note from "./fixtures/assets/note.txt";
import config from "./fixtures/assets/config.toml";
import yaml, { name as yamlName } from "./fixtures/assets/config.yaml";
import lib from "./fixtures/assets/libfake.so";
import wasm from "./fixtures/assets/empty.wasm";
import libFile from "./fixtures/assets/libfake.so" with { type: "file" };
import noteFile from "./fixtures/assets/note.txt" with { type: "file" };
import jsonText from "./fixtures/assets/data.json" with { type: "text" };
import jsonData from "./fixtures/assets/data.json" with { type: "json" };
import tomlAttr from "./fixtures/assets/config.toml" with { type: "toml" };

const dir = path.join(import.meta.dir, "fixtures/assets");

describe("asset imports", () => {
  test("by extension: text, TOML, and other files as their absolute path", () => {
    expect(note).toBe("hello text\n");
    expect(config).toEqual({ title: "rusk", owner: { name: "n", years: [1, 2] } });
    expect(yaml).toEqual({ name: "rusk", list: [1, "two", 3.5], nested: { a: true, b: null } });
    expect(yamlName).toBe("rusk");
    expect(lib).toBe(path.join(dir, "libfake.so"));
    expect(wasm).toBe(path.join(dir, "empty.wasm"));
  });

  test("with attributes, the same file can be several things", () => {
    expect(libFile).toBe(path.join(dir, "libfake.so"));
    expect(noteFile).toBe(path.join(dir, "note.txt"));
    expect(jsonText).toBe('{"a": 1}\n');
    expect(jsonData).toEqual({ a: 1 });
    expect(tomlAttr).toEqual(config);
  });

  test("dynamic import with attributes, and require of data files", async () => {
    // (libfake.so is imported above, and Bun's require would hand back that module: ask for a
    // library nothing imported.)
    const m = await import("./fixtures/assets/libfake.so", { with: { type: "file" } });
    expect(m.default).toBe(path.join(dir, "libfake.so"));
    const w = await import("./fixtures/assets/empty.wasm", { with: { type: "wasm" } });
    expect(w.default).toBe(path.join(dir, "empty.wasm"));
    const t = await import("./fixtures/assets/data.json", { with: { type: "text" } });
    expect(t.default).toBe('{"a": 1}\n');
    const { createRequire } = await import("node:module");
    const require = createRequire(import.meta.url);
    // A library is not code: require fails (as in Bun), and bun-pty-style loaders fall back.
    expect(() => require("./fixtures/assets/libother.so")).toThrow();
    expect(require("./fixtures/assets/note.txt").default).toBe("hello text\n");
    expect(require("./fixtures/assets/config.toml").title).toBe("rusk");
  });

  // Node refuses an unknown type (ERR_IMPORT_ATTRIBUTE_UNSUPPORTED) and so does rusk; Bun
  // ignores it.
  const isBun = typeof Bun !== "undefined" && !navigator.userAgent.startsWith("rusk");
  test.skipIf(isBun)("an unknown attribute type is refused", async () => {
    let error: unknown;
    try {
      await import("./fixtures/assets/note.txt", { with: { type: "bogus" } });
    } catch (e) {
      error = e;
    }
    expect((error as { code?: string }).code).toBe("ERR_IMPORT_ATTRIBUTE_UNSUPPORTED");
  });

  test("import.meta names the file", () => {
    expect(import.meta.file).toBe("assets.test.ts");
    expect(import.meta.dir).toBe(path.dirname(import.meta.path));
    expect(import.meta.path.endsWith("/tests/runtime/assets.test.ts")).toBe(true);
  });
});
