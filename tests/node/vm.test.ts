// node:vm: contexts are separate realms (their own built-ins); the contextified object sees
// the code's globals (var, function declarations, assignments) and the code sees its
// properties; scripts compile once and run in many contexts. Checked against Node 20 and Bun.
import { describe, expect, test } from "bun:test";
import vm from "node:vm";

describe("node:vm", () => {
  test("runInContext reads and writes the contextified object", () => {
    const ctx = vm.createContext({ a: 1 });
    expect(vm.runInContext("a + 1", ctx)).toBe(2);
    vm.runInContext("var b = a * 10; c = 3; function f() { return b + c; }", ctx);
    expect(ctx.b).toBe(10);
    expect(ctx.c).toBe(3);
    expect(ctx.f()).toBe(13);
    ctx.a = 5;
    expect(vm.runInContext("a", ctx)).toBe(5);
  });

  test("a context has its own built-ins", () => {
    const ctx = vm.createContext({});
    expect(vm.runInContext("[] instanceof Array", ctx)).toBe(true);
    expect(vm.runInContext("[]", ctx) instanceof Array).toBe(false);
    expect(vm.runInContext("typeof Array", ctx)).toBe("function");
    expect(vm.runInContext("typeof require", ctx)).toBe("undefined");
    vm.runInContext("Array.prototype.extra = 1", ctx);
    expect((Array.prototype as unknown as { extra?: number }).extra).toBeUndefined();
  });

  test("errors: undeclared names, thrown errors from the context, syntax errors", () => {
    const ctx = vm.createContext({});
    expect(() => vm.runInContext("nope", ctx)).toThrow("nope is not defined");
    let thrown: unknown;
    try {
      vm.runInContext("throw new Error('boom')", ctx);
    } catch (e) {
      thrown = e;
    }
    expect(thrown instanceof Error).toBe(false);
    expect((thrown as Error).message).toBe("boom");
    expect(() => new vm.Script("let = ;", { filename: "bad.js" })).toThrow(SyntaxError);
  });

  test("isContext and the contextifiedObject check", () => {
    const ctx = vm.createContext({});
    expect(vm.isContext(ctx)).toBe(true);
    expect(vm.isContext({})).toBe(false);
    expect(vm.createContext(ctx)).toBe(ctx);
    let code;
    try {
      vm.runInContext("1", {});
    } catch (e) {
      code = (e as { code: string }).code;
    }
    expect(code).toBe("ERR_INVALID_ARG_TYPE");
  });

  test("Script runs many times, in one context or many", () => {
    const s = new vm.Script("n = (typeof n === 'number' ? n : 0) + 1");
    const one = vm.createContext({});
    s.runInContext(one);
    s.runInContext(one);
    expect(one.n).toBe(2);
    const other = vm.createContext({ n: 10 });
    s.runInContext(other);
    expect(other.n).toBe(11);
    expect(s.runInNewContext({ n: 41 })).toBe(42);
  });

  test("runInNewContext, runInThisContext, compileFunction", () => {
    expect(vm.runInNewContext("x + y", { x: 2, y: 5 })).toBe(7);
    expect(vm.runInNewContext("JSON.stringify({ k: [1, 2] })")).toBe('{"k":[1,2]}');
    expect(vm.runInThisContext("1 + 1")).toBe(2);
    (globalThis as { vmShared?: number }).vmShared = 7;
    expect(vm.runInThisContext("vmShared * 2")).toBe(14);
    delete (globalThis as { vmShared?: number }).vmShared;
    const f = vm.compileFunction("return a + b", ["a", "b"]);
    expect(f(2, 3)).toBe(5);
    const inCtx = vm.compileFunction("return k * 2", [], { parsingContext: vm.createContext({ k: 21 }) });
    expect(inCtx()).toBe(42);
  });

  test("promises made in a context settle", async () => {
    const ctx = vm.createContext({});
    const p = vm.runInContext("Promise.resolve(5).then((v) => v * 2)", ctx);
    expect(await p).toBe(10);
  });

  test("many contexts can be made and dropped", () => {
    for (let i = 0; i < 300; i++) {
      const c = vm.createContext({ i });
      expect(vm.runInContext("i * 2", c)).toBe(i * 2);
    }
  });
});
