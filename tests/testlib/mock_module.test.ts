// mock.module() (= jest.mock = vi.mock): replacing a module for later import() and require().
// The expectations are Bun 1.4.5's: this file passes under `bun test` and `rusk test`. It
// only imports its fixture modules after mocking them: Bun also rewrites the bindings of
// modules imported before, which rusk cannot do.
import { describe, expect, jest, mock, test, vi } from "bun:test";
import { fixture, runTests } from "./helpers";
import { mockSibling } from "./fixtures/mock_module/helper";

describe("mock.module", () => {
  test("the factory runs when the module is first loaded, once; import() and require() get its exports", async () => {
    let calls = 0;
    const r = mock.module("./fixtures/mock_module/esm", () => {
      calls++;
      return { value: "mocked", default: "mocked default", extra: 1 };
    });
    expect(r).toBeUndefined();
    expect(calls).toBe(0);
    const m = await import("./fixtures/mock_module/esm");
    expect(calls).toBe(1);
    expect(m.value).toBe("mocked");
    expect(m.default).toBe("mocked default");
    expect((m as any).extra).toBe(1);
    expect(require("./fixtures/mock_module/esm").value).toBe("mocked");
    await import("./fixtures/mock_module/esm");
    expect(calls).toBe(1);
  });

  test("so a factory may use what is declared after the mock.module() call", async () => {
    mock.module("./fixtures/mock_module/lazy", () => ({ value: declaredLater }));
    const declaredLater = "declared later";
    expect((await import("./fixtures/mock_module/lazy")).value).toBe("declared later");
  });

  test("mocking again replaces the mock for later imports", async () => {
    mock.module("./fixtures/mock_module/esm_remock", () => ({ value: "first" }));
    expect((await import("./fixtures/mock_module/esm_remock")).value).toBe("first");
    mock.module("./fixtures/mock_module/esm_remock", () => ({ value: "second" }));
    expect((await import("./fixtures/mock_module/esm_remock")).value).toBe("second");
  });

  test("a CommonJS module, for require() and import()", async () => {
    mock.module("./fixtures/mock_module/cjs.cjs", () => ({ kind: "mocked cjs" }));
    expect(require("./fixtures/mock_module/cjs.cjs")).toEqual({ kind: "mocked cjs" });
    expect((await import("./fixtures/mock_module/cjs.cjs")).kind).toBe("mocked cjs");
  });

  test("a built-in module, for import()", () => {
    const r = runTests(fixture("mock_module", "builtin.fixture.ts"));
    expect(r.out).toContain("StringDecoder: mocked");
    expect(r.code).toBe(0);
  });

  test("the specifier is resolved from the file that calls mock.module", async () => {
    mockSibling();
    expect((await import("./fixtures/mock_module/sibling")).where).toBe("mocked from helper");
  });

  test("an async factory, awaited", async () => {
    await mock.module("./fixtures/mock_module/esm_async", async () => {
      await null;
      return { value: "async" };
    });
    expect((await import("./fixtures/mock_module/esm_async")).value).toBe("async");
  });

  test("errors: specifier and factory types", () => {
    expect(() => mock.module(5 as any, () => ({}))).toThrow(new TypeError("mock(module, fn) requires a module name string"));
    expect(() => mock.module("./fixtures/mock_module/esm", { value: 1 } as any)).toThrow(new TypeError("mock(module, fn) requires a function"));
    expect(() => (mock.module as any)("./fixtures/mock_module/esm")).toThrow("mock(module, fn) requires a function");
  });

  test("a factory's error, or a result that is not an object, fails the load", () => {
    mock.module("./fixtures/mock_module/not_object.cjs", () => 42 as any);
    expect(() => require("./fixtures/mock_module/not_object.cjs")).toThrow(new TypeError("mock(module, fn) requires a function that returns an object"));
    mock.module("./fixtures/mock_module/throws.cjs", () => { throw new Error("factory failed"); });
    expect(() => require("./fixtures/mock_module/throws.cjs")).toThrow("factory failed");
  });

  test("jest.mock and vi.mock are mock.module; mock.restore() keeps module mocks", async () => {
    expect(jest.mock).toBe(mock.module);
    expect(vi.mock).toBe(mock.module);
    mock.restore();
    jest.restoreAllMocks();
    expect((await import("./fixtures/mock_module/esm")).value).toBe("mocked");
  });
});
