// mock() / jest.fn() / vi.fn(), spyOn() and the *AllMocks functions. The expectations are
// Bun 1.4.5's: this file passes under `bun test` and `rusk test`.
import { describe, expect, jest, mock, spyOn, test, vi } from "bun:test";
import { thrown } from "./helpers";

describe("the exported objects", () => {
  test("jest, vi and mock have Bun's members, in Bun's order", () => {
    expect(Object.keys(jest)).toEqual([
      "fn", "mock", "spyOn", "restoreAllMocks", "clearAllMocks", "resetAllMocks", "setSystemTime",
      "now", "setTimeout", "useFakeTimers", "useRealTimers", "advanceTimersToNextTimer", "advanceTimersByTime",
      "runOnlyPendingTimers", "runAllTimers", "getTimerCount", "clearAllTimers", "isFakeTimers",
    ]);
    expect(Object.keys(vi)).toEqual([
      "fn", "mock", "spyOn", "restoreAllMocks", "resetAllMocks", "clearAllMocks", "useFakeTimers",
      "useRealTimers", "advanceTimersToNextTimer", "advanceTimersByTime", "runOnlyPendingTimers",
      "runAllTimers", "getTimerCount", "clearAllTimers", "isFakeTimers",
    ]);
    expect(Object.keys(mock)).toEqual(["module", "restore", "clearAllMocks"]);
  });

  test("the aliases are the same functions", () => {
    expect(jest.fn).toBe(mock);
    expect(vi.fn).toBe(mock);
    expect(jest.spyOn).toBe(spyOn);
    expect(vi.spyOn).toBe(spyOn);
    expect(jest.mock).toBe(mock.module);
    expect(vi.mock).toBe(mock.module);
    expect(mock.restore).toBe(jest.restoreAllMocks);
    expect(mock.clearAllMocks).toBe(jest.clearAllMocks);
    expect(vi.useFakeTimers).toBe(jest.useFakeTimers);
  });
});

describe("calls and results", () => {
  test("records arguments, this, results and lastCall", () => {
    const f = jest.fn((a: number, b: number) => a + b);
    const ctx = { f };
    expect(f.mock.lastCall).toBeUndefined();
    ctx.f(1, 2);
    f(3, 4);
    expect(f.mock.calls).toEqual([[1, 2], [3, 4]]);
    expect(f.mock.contexts).toEqual([ctx, undefined]);
    expect(f.mock.results).toEqual([{ type: "return", value: 3 }, { type: "return", value: 7 }]);
    expect(f.mock.lastCall).toEqual([3, 4]);
    // Plain calls are not instances.
    expect(f.mock.instances).toEqual([]);
    expect(Object.keys(f.mock)).toEqual(["calls", "contexts", "instances", "results", "invocationCallOrder"]);
  });

  test("a throw is a result; a call still running is incomplete", () => {
    let during: unknown;
    const f = jest.fn((x: string) => {
      if (x === "throw") throw new Error("boom");
      if (x === "peek") during = structuredClone(f.mock.results.map((r) => r.type));
      return x;
    });
    expect(() => f("throw")).toThrow("boom");
    f("peek");
    expect(during).toEqual(["throw", "incomplete"]);
    expect(f.mock.results[0].type).toBe("throw");
    expect((f.mock.results[0].value as Error).message).toBe("boom");
    expect(f.mock.results[1]).toEqual({ type: "return", value: "peek" });
  });

  test("invocationCallOrder counts across mocks", () => {
    const a = jest.fn();
    const b = jest.fn();
    b();
    a();
    b();
    const [b1, b2] = b.mock.invocationCallOrder;
    const [a1] = a.mock.invocationCallOrder;
    expect(b1 < a1 && a1 < b2).toBe(true);
    expect(b2 - b1).toBe(2);
  });

  test("the recorded arrays cannot be assigned", () => {
    const f = jest.fn();
    expect(() => {
      (f.mock as any).calls = [];
    }).toThrow(TypeError);
  });

  test("new on a mock records the call and runs the implementation", () => {
    const impl = jest.fn();
    const F = jest.fn(function (this: any) {
      impl();
    });
    new (F as any)(1);
    expect(F.mock.calls).toEqual([[1]]);
    expect(impl).toHaveBeenCalledTimes(1);
  });
});

describe("names and implementations", () => {
  test("the name comes from the implementation, mockConstructor without one", () => {
    expect(jest.fn().getMockName()).toBe("mockConstructor");
    expect(jest.fn().name).toBe("mockConstructor");
    const named = jest.fn(function sum(a: number, b: number) { return a + b; });
    expect(named.getMockName()).toBe("sum");
    expect(named.name).toBe("sum");
    expect(named.length).toBe(2);
    expect(jest.fn(() => 1).getMockName()).toBe("");
  });

  test("mockName sets getMockName() and name, as a string", () => {
    const f = jest.fn();
    expect(f.mockName("fetcher")).toBe(f);
    expect(f.getMockName()).toBe("fetcher");
    expect(f.name).toBe("fetcher");
    expect(jest.fn().mockName(5 as any).getMockName()).toBe("5");
  });

  test("mock functions are mocks; their methods live on a shared prototype", () => {
    const f = jest.fn();
    expect(Object.keys(f)).toEqual([]);
    expect((f as any)._isMockFunction).toBe(true);
    expect(Object.getPrototypeOf(f)).toBe(Object.getPrototypeOf(jest.fn()));
    expect(Object.getPrototypeOf(Object.getPrototypeOf(f))).toBe(Function.prototype);
    expect(typeof f.mockClear).toBe("function");
  });

  test("getMockImplementation shows functions given as implementations only", () => {
    const base = () => "base";
    const once = () => "once";
    expect(jest.fn(base).getMockImplementation()).toBe(base);
    expect(jest.fn().getMockImplementation()).toBeUndefined();
    expect(jest.fn().mockReturnValue(3).getMockImplementation()).toBeUndefined();
    expect(jest.fn(base).mockReturnValue(3).getMockImplementation()).toBeUndefined();
    expect(jest.fn(base).mockImplementationOnce(once).getMockImplementation()).toBe(once);
    expect(jest.fn(base).mockReturnValueOnce(1).getMockImplementation()).toBeUndefined();
  });

  test("queued *Once behaviours run first, in order, then the default", async () => {
    const f = jest.fn(() => "default")
      .mockImplementationOnce(() => "impl once")
      .mockReturnValueOnce("value once")
      .mockResolvedValueOnce("resolved once")
      .mockRejectedValueOnce(new Error("rejected once"));
    expect(f()).toBe("impl once");
    expect(f()).toBe("value once");
    await expect(f()).resolves.toBe("resolved once");
    await expect(f()).rejects.toThrow("rejected once");
    expect(f()).toBe("default");
    expect(f.mock.results[2].type).toBe("return");
    expect(f.mock.results[2].value).toBeInstanceOf(Promise);
  });

  test("mockReturnValue, mockResolvedValue, mockRejectedValue, mockReturnThis", async () => {
    expect(jest.fn().mockReturnValue(4)()).toBe(4);
    await expect(jest.fn().mockResolvedValue(5)()).resolves.toBe(5);
    await expect(jest.fn().mockRejectedValue(6)()).rejects.toBe(6);
    const self = { m: jest.fn().mockReturnThis() };
    expect(self.m()).toBe(self);
    const later = jest.fn().mockReturnValue(1).mockImplementation(() => 2);
    expect(later()).toBe(2);
  });

  test("a non-callable implementation throws when called (a call without result); undefined and null remove it", () => {
    const bad = jest.fn(() => 1).mockImplementation(5 as any);
    expect(bad.getMockImplementation()).toBe(5 as any);
    expect(() => bad(1)).toThrow(new TypeError("Expected mock implementation to be callable"));
    expect(bad.mock.calls).toEqual([[1]]);
    expect(bad.mock.results).toEqual([]);
    const badOnce = jest.fn(() => 1).mockImplementationOnce("x" as any);
    expect(() => badOnce()).toThrow("Expected mock implementation to be callable");
    expect(badOnce()).toBe(1);
    const f = jest.fn(() => 1).mockImplementation(undefined as any);
    expect(f()).toBeUndefined();
    const g = jest.fn(() => 1).mockImplementationOnce(undefined as any);
    expect([g(), g()]).toEqual([undefined, 1]);
  });

  test("a non-function given to jest.fn() is returned by each call", () => {
    expect(jest.fn(5 as any)()).toBe(5);
    expect(jest.fn(null as any)()).toBeNull();
    expect(jest.fn({ a: 1 } as any).getMockImplementation()).toBeUndefined();
  });
});

describe("withImplementation", () => {
  test("uses the implementation during a synchronous callback, before queued ones", () => {
    const f = jest.fn(() => "base").mockReturnValueOnce("once");
    const seen: string[] = [];
    const temp = () => "temp";
    const r = f.withImplementation(temp, () => {
      seen.push(f(), f());
      expect(f.getMockImplementation()).toBe(temp);
    });
    expect(r).toBeUndefined();
    expect(seen).toEqual(["temp", "temp"]);
    expect([f(), f()]).toEqual(["once", "base"]);
  });

  test("nests", () => {
    const f = jest.fn(() => 0);
    const seen: number[] = [];
    f.withImplementation(() => 1, () => {
      f.withImplementation(() => 2, () => { seen.push(f()); });
      seen.push(f());
    });
    seen.push(f());
    expect(seen).toEqual([2, 1, 0]);
  });

  test("an async callback: a promise of its value; restored once it settles", async () => {
    const f = jest.fn(() => "base");
    const p = f.withImplementation(() => "temp", async () => {
      await null;
      return f();
    });
    expect(p).toBeInstanceOf(Promise);
    expect(f()).toBe("temp");
    expect(await p).toBe("temp");
    expect(f()).toBe("base");
    const failing = f.withImplementation(() => "temp", async () => { throw new Error("cb failed"); });
    await expect(failing).rejects.toThrow("cb failed");
    expect(f()).toBe("base");
  });

  test("the callback must be a function; a non-function implementation throws when called", () => {
    expect(() => jest.fn().withImplementation(() => 1, 5 as any)).toThrow("Expected mock implementation to be callable");
    const f = jest.fn(() => "base");
    let error: unknown;
    f.withImplementation(7 as any, () => {
      error = thrown(f);
    });
    expect(error).toBeInstanceOf(TypeError);
    expect(f()).toBe("base");
  });
});

describe("clear, reset, restore", () => {
  test("mockClear forgets calls (a new mock object) and keeps behaviours and name", () => {
    const f = jest.fn(() => "impl").mockName("n").mockReturnValueOnce("a").mockReturnValueOnce("b");
    f(1);
    const before = f.mock;
    expect(f.mockClear()).toBe(f);
    expect(f.mock).not.toBe(before);
    expect(before.calls).toEqual([[1]]);
    expect(f.mock.calls).toEqual([]);
    expect(f.mock.lastCall).toBeUndefined();
    expect([f(), f()]).toEqual(["b", "impl"]);
    expect(f.getMockName()).toBe("n");
  });

  test("mockReset also forgets implementations and queued behaviours, not the name", () => {
    const f = jest.fn(() => "impl").mockName("n").mockReturnValueOnce("once");
    f();
    expect(f.mockReset()).toBe(f);
    expect(f.mock.calls).toEqual([]);
    expect(f()).toBeUndefined();
    expect(f.getMockImplementation()).toBeUndefined();
    expect(f.getMockName()).toBe("n");
  });

  test("mockRestore on a plain mock resets it", () => {
    const f = jest.fn(function keep() { return 1; });
    f();
    f.mockRestore();
    expect(f()).toBeUndefined();
    expect(f.mock.calls).toHaveLength(1);
    expect(f.getMockName()).toBe("keep");
  });

  test("clearAllMocks and resetAllMocks reach every mock; restoreAllMocks only spies", () => {
    const plain = jest.fn(() => 1);
    const obj = { m: () => "orig" };
    const spy = spyOn(obj, "m");
    plain();
    obj.m();
    jest.clearAllMocks();
    expect(plain.mock.calls).toHaveLength(0);
    expect(spy.mock.calls).toHaveLength(0);
    expect(plain()).toBe(1);

    plain.mockReturnValue(5);
    jest.restoreAllMocks();
    expect(plain()).toBe(5);
    expect(plain.mock.calls).toHaveLength(2);
    expect(obj.m).not.toBe(spy);

    jest.resetAllMocks();
    expect(plain()).toBeUndefined();
    expect(plain.mock.calls).toHaveLength(1);
  });

  test("mock.restore() and mock.clearAllMocks()", () => {
    const obj = { m: () => "orig" };
    const spy = spyOn(obj, "m").mockReturnValue("mocked");
    expect(obj.m()).toBe("mocked");
    mock.clearAllMocks();
    expect(spy.mock.calls).toHaveLength(0);
    mock.restore();
    expect(obj.m()).toBe("orig");
  });
});

describe("spyOn", () => {
  test("calls through with the receiver, records, and restores", () => {
    const obj = { factor: 3, times(x: number) { return x * this.factor; } };
    const original = obj.times;
    const spy = spyOn(obj, "times");
    expect(obj.times).toBe(spy);
    expect(obj.times(2)).toBe(6);
    expect(spy.mock.contexts[0]).toBe(obj);
    expect(spy.getMockImplementation()).toBe(original);
    expect(spy.getMockName()).toBe("times");
    spy.mockReturnValue(0);
    expect(obj.times(2)).toBe(0);
    spy.mockRestore();
    expect(obj.times).toBe(original);
    expect(obj.times(2)).toBe(6);
    // The restored spy is a reset mock.
    expect(spy.mock.calls).toEqual([]);
    expect(spy()).toBeUndefined();
  });

  test("an own method keeps its descriptor flags", () => {
    const obj = { m() { return 1; } };
    spyOn(obj, "m");
    expect(Object.getOwnPropertyDescriptor(obj, "m")).toMatchObject({ writable: true, enumerable: true, configurable: true });
    jest.restoreAllMocks();
    expect(Object.getOwnPropertyDescriptor(obj, "m")!.enumerable).toBe(true);
  });

  test("an inherited method is spied on the object and restored as an own property", () => {
    class Greeter { hi() { return "hi"; } }
    const g = new Greeter();
    const spy = spyOn(g, "hi").mockReturnValue("mocked");
    expect(g.hi()).toBe("mocked");
    expect(new Greeter().hi()).toBe("hi");
    expect(Object.getOwnPropertyDescriptor(g, "hi")!.enumerable).toBe(false);
    spy.mockRestore();
    expect(g.hi()).toBe("hi");
    expect(g.hi).toBe(Greeter.prototype.hi);
  });

  test("spying twice gives the same spy; after a restore, a new one", () => {
    const obj = { m() { return "m"; } };
    const a = spyOn(obj, "m");
    expect(spyOn(obj, "m")).toBe(a);
    a.mockRestore();
    const b = spyOn(obj, "m");
    expect(b).not.toBe(a);
    expect(obj.m()).toBe("m");
    b.mockRestore();
  });

  test("mockReset on a spy drops the original implementation", () => {
    const obj = { m() { return "m"; } };
    const spy = spyOn(obj, "m");
    spy.mockReset();
    expect(obj.m()).toBeUndefined();
    spy.mockRestore();
    expect(obj.m()).toBe("m");
  });

  test("symbol and numeric keys", () => {
    const sym = Symbol("s");
    const obj: any = { [sym]: () => "sym", 5: () => "five" };
    spyOn(obj, sym);
    spyOn(obj, 5 as any);
    expect([obj[sym](), obj[5]()]).toEqual(["sym", "five"]);
    expect(obj[5].mock.calls).toHaveLength(1);
    jest.restoreAllMocks();
  });

  test("a non-function value becomes an accessor whose getter and setter are the spy", () => {
    const obj: any = { n: 1 };
    const spy = spyOn(obj, "n");
    const desc = Object.getOwnPropertyDescriptor(obj, "n")!;
    expect(desc.get).toBe(spy);
    expect(desc.set).toBe(spy);
    expect(spy.name).toBe("");
    expect(spy.getMockName()).toBe("mockedFunction");
    expect(obj.n).toBe(1);
    obj.n = 5;
    expect(obj.n).toBe(1);
    expect(spy.mock.calls).toEqual([[], [5], []]);
    spy.mockReturnValue(99);
    expect(obj.n).toBe(99);
    spy.mockRestore();
    expect(Object.getOwnPropertyDescriptor(obj, "n")).toEqual({ value: 1, writable: true, enumerable: true, configurable: true });
  });

  test("a missing property is spied as undefined and restored as an undefined property", () => {
    const obj: any = {};
    const spy = spyOn(obj, "ghost");
    expect(obj.ghost).toBeUndefined();
    expect(spy.mock.calls).toHaveLength(1);
    spy.mockRestore();
    expect(Object.getOwnPropertyDescriptor(obj, "ghost")).toEqual({ value: undefined, writable: true, enumerable: true, configurable: true });
  });

  test("errors: no object, no key, accessors", () => {
    const noTarget = "spyOn(target, prop) expects a target object and a property key";
    expect(() => spyOn(null as any, "x")).toThrow(noTarget);
    expect(() => spyOn(5 as any, "x")).toThrow(noTarget);
    expect(() => spyOn("str" as any, "length")).toThrow(noTarget);
    expect(() => (spyOn as any)({ a: 1 })).toThrow(noTarget);
    const accessor = "spyOn(target, prop) does not support accessor properties yet";
    expect(() => spyOn({ get x() { return 1; } }, "x")).toThrow(accessor);
    class WithGetter { get y() { return 2; } }
    expect(() => spyOn(new WithGetter(), "y")).toThrow(accessor);
    // A spied value is an accessor too.
    const obj: any = { v: 1 };
    spyOn(obj, "v");
    expect(() => spyOn(obj, "v")).toThrow(accessor);
    jest.restoreAllMocks();
  });

  test("spies on functions and classes' static methods", () => {
    const fn: any = () => 1;
    fn.helper = () => 2;
    spyOn(fn, "helper").mockReturnValue(3);
    expect(fn.helper()).toBe(3);
    class Util { static twice(x: number) { return x * 2; } }
    const spy = spyOn(Util, "twice");
    expect(Util.twice(4)).toBe(8);
    expect(spy).toHaveBeenCalledWith(4);
    jest.restoreAllMocks();
    expect(fn.helper()).toBe(2);
  });
});
