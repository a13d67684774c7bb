// Fake timers (jest.useFakeTimers and friends, vi.*) and setSystemTime. The expectations are
// Bun 1.4.5's: this file passes under `bun test` and `rusk test`. The tests are synchronous:
// fake timers are switched off after each one.
import { afterEach, describe, expect, jest, setSystemTime, test, vi } from "bun:test";
import * as nodeTimers from "node:timers";
import { fixture, runTests } from "./helpers";

const real = { setTimeout, clearTimeout, setInterval, clearInterval, Date, now: Date.now };
const NOT_ACTIVE = "Fake timers are not active. Call useFakeTimers() first.";

afterEach(() => {
  jest.useRealTimers();
  setSystemTime();
});

describe("switching", () => {
  test("without fake timers, the timer functions refuse to work", () => {
    expect(jest.isFakeTimers()).toBe(false);
    expect(() => jest.advanceTimersByTime(10)).toThrow(NOT_ACTIVE);
    expect(() => jest.advanceTimersToNextTimer()).toThrow(NOT_ACTIVE);
    expect(() => jest.runAllTimers()).toThrow(NOT_ACTIVE);
    expect(() => jest.runOnlyPendingTimers()).toThrow(NOT_ACTIVE);
    expect(() => jest.getTimerCount()).toThrow(NOT_ACTIVE);
    expect(() => jest.clearAllTimers()).toThrow(NOT_ACTIVE);
    expect(Math.abs(jest.now() - Date.now())).toBeLessThan(1000);
  });

  test("the functions return their `this`", () => {
    expect(jest.useFakeTimers()).toBe(jest);
    expect(vi.useFakeTimers()).toBe(vi);
    expect(jest.advanceTimersByTime(1)).toBe(jest);
    expect(vi.runAllTimers()).toBe(vi);
    expect(jest.setSystemTime(5)).toBe(jest);
    const { advanceTimersByTime } = jest;
    expect(advanceTimersByTime(1)).toBeUndefined();
    expect(vi.isFakeTimers()).toBe(true);
  });

  test("useRealTimers drops pending fake timers and restores the real clock", () => {
    jest.useFakeTimers();
    let fired = false;
    setTimeout(() => { fired = true; }, 10);
    jest.useRealTimers();
    expect(jest.isFakeTimers()).toBe(false);
    expect(setTimeout).toBe(real.setTimeout);
    expect(Date).toBe(real.Date);
    expect(Date.now).toBe(real.now);
    jest.useFakeTimers();
    expect(jest.getTimerCount()).toBe(0);
    jest.runAllTimers();
    expect(fired).toBe(false);
  });

  test("useFakeTimers again restarts the clock and keeps pending timers", () => {
    jest.useFakeTimers();
    jest.advanceTimersByTime(500);
    let fired = false;
    setTimeout(() => { fired = true; }, 100); // due at 600
    jest.useFakeTimers();
    expect(performance.now()).toBe(0);
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(100);
    expect(fired).toBe(false);
    jest.advanceTimersByTime(500);
    expect(fired).toBe(true);
  });

  test("options: `now` as a number or a Date; errors", () => {
    jest.useFakeTimers({ now: 5000 } as any);
    expect(Date.now()).toBe(5000);
    jest.useFakeTimers({ now: new Date("2022-01-01T00:00:00Z") } as any);
    expect(new Date().toISOString()).toBe("2022-01-01T00:00:00.000Z");
    expect(() => jest.useFakeTimers({ now: "2020-01-01" } as any)).toThrow(new TypeError("'now' must be a number or Date"));
    expect(() => jest.useFakeTimers(5 as any)).toThrow(new TypeError("useFakeTimers() expects an options object"));
    expect(() => jest.useFakeTimers(null as any)).toThrow("useFakeTimers() expects an options object");
  });
});

describe("running timers", () => {
  test("by due time, then by creation, with timers scheduled while advancing", () => {
    jest.useFakeTimers();
    const log: string[] = [];
    const t0 = performance.now();
    const at = (label: string) => () => log.push(`${label}@${performance.now() - t0}`);
    setTimeout(at("b10"), 10);
    setTimeout(at("a10"), 10);
    setTimeout(() => {
      at("n5")();
      setTimeout(at("n5+5"), 5);
      setTimeout(at("n5+0"), 0);
    }, 5);
    setTimeout((x: string, y: string) => log.push(`args ${x}${y}`), 1, "x", "y");
    jest.advanceTimersByTime(12);
    expect(log).toEqual(["args xy", "n5@5", "n5+0@6", "b10@10", "a10@10", "n5+5@10"]);
    expect(performance.now() - t0).toBe(12);
    expect(jest.getTimerCount()).toBe(0);
  });

  test("delays: at least 1ms, whole milliseconds", () => {
    jest.useFakeTimers();
    const log: string[] = [];
    for (const [label, ms] of [["zero", 0], ["negative", -5], ["nan", NaN], ["string", "3"], ["fraction", 1.7], ["huge", 2 ** 31]] as const) {
      setTimeout(() => log.push(label), ms as number);
    }
    jest.advanceTimersByTime(1);
    expect(log).toEqual(["zero", "negative", "nan", "fraction", "huge"]);
    jest.advanceTimersByTime(2);
    expect(log.at(-1)).toBe("string");
  });

  test("intervals repeat from their due time until cleared", () => {
    jest.useFakeTimers();
    const times: number[] = [];
    const start = performance.now();
    const id = setInterval(() => times.push(performance.now() - start), 4);
    jest.advanceTimersByTime(13);
    expect(times).toEqual([4, 8, 12]);
    expect(jest.getTimerCount()).toBe(1);
    clearInterval(id);
    expect(jest.getTimerCount()).toBe(0);
    let n = 0;
    const self = setInterval(() => { if (++n === 3) clearInterval(self); }, 10);
    jest.runAllTimers();
    expect(n).toBe(3);
  });

  test("advanceTimersToNextTimer runs exactly one timer", () => {
    jest.useFakeTimers();
    const log: string[] = [];
    setTimeout(() => log.push("x1"), 5);
    setTimeout(() => log.push("x2"), 5);
    setTimeout(() => log.push("x3"), 6);
    const t0 = performance.now();
    jest.advanceTimersToNextTimer();
    expect(log).toEqual(["x1"]);
    expect(performance.now() - t0).toBe(5);
    jest.advanceTimersToNextTimer();
    jest.advanceTimersToNextTimer();
    expect(log).toEqual(["x1", "x2", "x3"]);
    jest.advanceTimersToNextTimer(); // none left: nothing happens
    expect(performance.now() - t0).toBe(6);
  });

  test("runOnlyPendingTimers runs up to the last pending timer", () => {
    jest.useFakeTimers();
    const log: string[] = [];
    const t0 = performance.now();
    setTimeout(() => {
      log.push("r1");
      setTimeout(() => log.push("later"), 1);
    }, 1000);
    const iv = setInterval(() => log.push("iv"), 300);
    jest.runOnlyPendingTimers();
    expect(log).toEqual(["iv", "iv", "iv", "r1"]);
    expect(performance.now() - t0).toBe(1000);
    expect(jest.getTimerCount()).toBe(2);
    clearInterval(iv);
  });

  test("runAllTimers runs chains of timers to the end", () => {
    jest.useFakeTimers();
    let n = 0;
    setTimeout(function again() {
      if (++n < 1000) setTimeout(again, 10);
    }, 10);
    const t0 = Date.now();
    jest.runAllTimers();
    expect(n).toBe(1000);
    expect(Date.now() - t0).toBe(10000);
    expect(jest.getTimerCount()).toBe(0);
  });

  test("clearTimeout by handle or by number; clearAllTimers", () => {
    jest.useFakeTimers();
    const log: string[] = [];
    const a = setTimeout(() => log.push("a"), 5);
    const b = setTimeout(() => log.push("b"), 5);
    setTimeout(() => log.push("c"), 5);
    clearTimeout(a);
    clearTimeout(+b as any);
    clearTimeout(undefined);
    jest.advanceTimersByTime(5);
    expect(log).toEqual(["c"]);
    setTimeout(() => log.push("d"), 5);
    setInterval(() => log.push("e"), 5);
    expect(jest.getTimerCount()).toBe(2);
    expect(jest.clearAllTimers()).toBe(jest);
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(100);
    expect(log).toEqual(["c"]);
  });

  test("timer handles: unref/hasRef, refresh", () => {
    jest.useFakeTimers();
    const u = setTimeout(() => {}, 5).unref();
    expect(u.hasRef()).toBe(false);
    expect(u.ref().hasRef()).toBe(true);
    const log: string[] = [];
    const r = setTimeout(() => log.push("refreshed"), 10);
    jest.advanceTimersByTime(8);
    expect(r.refresh()).toBe(r);
    jest.advanceTimersByTime(8);
    expect(log).toEqual([]);
    jest.advanceTimersByTime(2);
    expect(log).toEqual(["refreshed"]);
  });

  test("advanceTimersByTime checks its argument", () => {
    jest.useFakeTimers();
    const range = (r: string) => new TypeError(`advanceTimersByTime() ms is out of range. It must be >= 0 and <= 4294967295. Received ${r}`);
    expect(() => jest.advanceTimersByTime(undefined as any)).toThrow(new TypeError("advanceTimersByTime() expects a number of milliseconds"));
    expect(() => jest.advanceTimersByTime("5" as any)).toThrow("advanceTimersByTime() expects a number of milliseconds");
    expect(() => jest.advanceTimersByTime(-5)).toThrow(range("-5"));
    expect(() => jest.advanceTimersByTime(NaN)).toThrow(range("NaN"));
    expect(() => jest.advanceTimersByTime(Infinity)).toThrow(range("inf"));
    expect(() => jest.advanceTimersByTime(-1.5)).toThrow(range("-2"));
    expect(() => jest.advanceTimersByTime(-0.4)).toThrow(range("-0"));
    expect(() => jest.advanceTimersByTime(4294967296)).toThrow(range("4294967296"));
    expect(jest.advanceTimersByTime(4294967295)).toBe(jest);
  });

  test("a timer that throws fails the test; the other due timers still run", () => {
    const r = runTests(fixture("fake_timer_throws.fixture.ts"));
    expect(r.code).toBe(1);
    expect(r.err).toContain("error: thrown by a timer");
    expect(r.err).toContain("(fail) a timer throws");
    expect(r.out).toContain("later timer ran");
  });
});

describe("what is faked", () => {
  test("setTimeout & co., node:timers, Bun.sleep; not setImmediate", () => {
    jest.useFakeTimers();
    expect(jest.getTimerCount()).toBe(0);
    setImmediate(() => {});
    expect(jest.getTimerCount()).toBe(0);
    nodeTimers.setTimeout(() => {}, 10);
    Bun.sleep(5);
    expect(jest.getTimerCount()).toBe(2);
    jest.runAllTimers();
    expect(jest.getTimerCount()).toBe(0);
  });

  test("Date, Date.now, performance.now and process.hrtime follow the fake clock", () => {
    jest.useFakeTimers();
    expect(performance.now()).toBe(0);
    const d0 = Date.now();
    const h0 = process.hrtime.bigint();
    const [s0, n0] = process.hrtime();
    expect(new Date().getTime()).toBe(d0);
    jest.advanceTimersByTime(1000);
    expect(Date.now() - d0).toBe(1000);
    expect(new Date().getTime() - d0).toBe(1000);
    expect(performance.now()).toBe(1000);
    expect(process.hrtime.bigint() - h0).toBe(1000000000n);
    expect(process.hrtime([s0, n0])).toEqual([1, 0]);
    // Date advances by whole milliseconds, performance.now() by fractions.
    jest.advanceTimersByTime(2.5);
    expect(performance.now()).toBe(1002.5);
    expect(Date.now() - d0).toBe(1002);
  });

  test("the fake Date behaves as Date", () => {
    jest.useFakeTimers({ now: new Date("2030-01-01T00:00:00Z") } as any);
    const before = new real.Date(0);
    expect(before instanceof Date).toBe(true);
    expect(new Date() instanceof real.Date).toBe(true);
    expect(new Date(0).toISOString()).toBe("1970-01-01T00:00:00.000Z");
    expect(new Date(2000, 0, 1).getFullYear()).toBe(2000);
    expect(Date.UTC(2000, 0)).toBe(946684800000);
    expect(Date.parse("2000-01-01T00:00:00Z")).toBe(946684800000);
    expect(typeof Date()).toBe("string");
    expect(Date()).toContain("2030");
    expect(Date.name).toBe("Date");
    expect(Date.length).toBe(7);
    class MyDate extends Date {}
    expect(new MyDate().getTime()).toBe(Date.now());
    expect(new MyDate() instanceof MyDate).toBe(true);
  });
});

describe("setSystemTime", () => {
  test("with real timers, Date stands still at the time given", () => {
    expect(setSystemTime(new Date("2020-01-01T00:00:00Z"))).toBeUndefined();
    expect(new Date().toISOString()).toBe("2020-01-01T00:00:00.000Z");
    expect(Date.now()).toBe(1577836800000);
    expect(jest.now()).toBe(1577836800000);
    let x = 0;
    for (let i = 0; i < 1e5; i++) x += i;
    expect(Date.now()).toBe(1577836800000);
    setSystemTime(-1000);
    expect(new Date().toISOString()).toBe("1969-12-31T23:59:59.000Z");
    expect(jest.isFakeTimers()).toBe(false);
  });

  test("no argument, a string, an invalid Date or an object go back to the real time", () => {
    for (const arg of [undefined, "2020-01-01", new Date(NaN), {}]) {
      setSystemTime(0);
      expect(Date.now()).toBe(0);
      setSystemTime(arg as any);
      expect(Math.abs(Date.now() - (performance.timeOrigin + performance.now()))).toBeLessThan(1000);
    }
  });

  test("with fake timers, the time set advances with them; timers are not affected", () => {
    setSystemTime(new Date("2020-01-01T00:00:00Z"));
    jest.useFakeTimers();
    // useFakeTimers starts from the real time.
    expect(new Date().getFullYear()).toBeGreaterThan(2020);
    setSystemTime(new Date("2030-01-01T00:00:00Z"));
    let firedAt = "";
    setTimeout(() => { firedAt = new Date().toISOString(); }, 500);
    jest.advanceTimersByTime(499);
    expect(firedAt).toBe("");
    jest.advanceTimersByTime(1);
    expect(firedAt).toBe("2030-01-01T00:00:00.500Z");
    expect(jest.now()).toBe(Date.now());
  });
});
