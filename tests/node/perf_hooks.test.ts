import { describe, test, expect } from "bun:test";
import perfHooks, { performance, PerformanceEntry, PerformanceMark, PerformanceMeasure, PerformanceObserver, createHistogram, monitorEventLoopDelay } from "node:perf_hooks";
import { inspect } from "node:util";

// Expectations are Node 20's. Bun 1.x's perf_hooks differs widely: its errors lack Node's codes
// and messages, getEntries() is not sorted by startTime, numeric marks are looked up by name,
// only "mark" and "measure" are observable, and its histograms keep exact values (Node's are
// HdrHistogram buckets: max 987654321 reads 987758591) with BigInt percentiles, and its
// monitorEventLoopDelay records only the lateness of each tick (Node records the whole interval).

/** The error `fn` throws (toThrow compares only messages; codes are checked with toMatchObject). */
function thrown(fn: () => unknown): any {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("performance", () => {
  test("is the global performance", () => {
    expect(globalThis.performance).toBe(performance);
    expect(perfHooks.performance).toBe(performance);
  });

  test("now() grows from timeOrigin", async () => {
    const a = performance.now();
    await sleep(5);
    const b = performance.now();
    expect(a).toBeGreaterThan(0);
    expect(b - a).toBeGreaterThanOrEqual(4);
    expect(Math.abs(performance.timeOrigin + performance.now() - Date.now())).toBeLessThan(50);
    expect(performance.toJSON().timeOrigin).toBe(performance.timeOrigin);
  });

  test("methods check their receiver", () => {
    expect(thrown(() => performance.now.call({}))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: 'The "this" argument must be an instance of Performance. Received an instance of Object' });
  });

  test("entry classes cannot be constructed directly (except PerformanceMark)", () => {
    const illegal = { code: "ERR_ILLEGAL_CONSTRUCTOR", message: "Illegal constructor" };
    expect(thrown(() => new (PerformanceEntry as any)())).toMatchObject(illegal);
    expect(thrown(() => new (PerformanceMeasure as any)())).toMatchObject(illegal);
    expect(thrown(() => new (performance.constructor as any)())).toMatchObject(illegal);
    expect(new PerformanceMark("direct").entryType).toBe("mark");
  });
});

describe("marks", () => {
  test("mark() records a PerformanceMark with a cloned detail", () => {
    const detail = { a: [1] };
    const m = performance.mark("m1", { detail, startTime: 5 });
    expect(m).toBeInstanceOf(PerformanceMark);
    expect(m).toBeInstanceOf(PerformanceEntry);
    expect([m.name, m.entryType, m.startTime, m.duration]).toEqual(["m1", "mark", 5, 0]);
    expect(m.detail).toEqual(detail);
    expect(m.detail).not.toBe(detail);
    expect(m.toJSON()).toEqual({ name: "m1", entryType: "mark", startTime: 5, duration: 0, detail: { a: [1] } });
    expect(performance.mark("m2").detail).toBeNull();
    expect(performance.mark(5 as any).name).toBe("5");
    performance.clearMarks();
  });

  test("mark argument errors", () => {
    expect(thrown(() => (performance.mark as any)())).toMatchObject({ code: "ERR_MISSING_ARGS", message: 'The "name" argument must be specified' });
    expect(thrown(() => performance.mark("x", 5 as any))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: 'The "options" argument must be of type object. Received type number (5)' });
    expect(thrown(() => performance.mark("x", { startTime: "a" as any }))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: `The "startTime" argument must be of type number. Received type string ('a')` });
    expect(thrown(() => performance.mark("x", { startTime: -1 }))).toMatchObject({ code: "ERR_PERFORMANCE_INVALID_TIMESTAMP", message: "-1 is not a valid timestamp" });
    expect(thrown(() => performance.mark("x", { detail: () => 1 }))).toMatchObject({ name: "DataCloneError" });
  });
});

describe("measures", () => {
  test("between marks, from options, to now", () => {
    performance.mark("a", { startTime: 10 });
    performance.mark("b", { startTime: 25 });
    const between = performance.measure("ab", "a", "b");
    expect(between).toBeInstanceOf(PerformanceMeasure);
    expect([between.name, between.entryType, between.startTime, between.duration, between.detail]).toEqual(["ab", "measure", 10, 15, null]);
    expect([performance.measure("o1", { start: 3, end: 4 }).startTime, performance.measure("o1", { start: 3, end: 4 }).duration]).toEqual([3, 1]);
    const sd = performance.measure("o2", { start: "a", duration: 2, detail: { d: 1 } });
    expect([sd.startTime, sd.duration, sd.detail]).toEqual([10, 2, { d: 1 }]);
    const ed = performance.measure("o3", { end: 10, duration: 5 });
    expect([ed.startTime, ed.duration]).toEqual([5, 5]);
    const toNow = performance.measure("o4");
    expect(toNow.startTime).toBe(0);
    expect(toNow.duration).toBeGreaterThan(0);
    // Node 20 counts a numeric start mark as 0.
    expect(performance.measure("o5", 5 as any, 7 as any).startTime).toBe(0);
    performance.clearMarks();
    performance.clearMeasures();
  });

  test("measure errors", () => {
    performance.mark("there");
    expect(thrown(() => (performance.measure as any)())).toMatchObject({ code: "ERR_MISSING_ARGS" });
    const unknown = thrown(() => performance.measure("m", "nope"));
    expect(unknown).toMatchObject({ name: "SyntaxError", message: 'The "nope" performance mark has not been set' });
    expect(thrown(() => performance.measure("m", { start: "there", end: "there", duration: 1 }))).toMatchObject({
      code: "ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS",
      message: "Must not have options.start, options.end, and options.duration specified",
    });
    expect(thrown(() => performance.measure("m", { start: 1 }, "there"))).toMatchObject({ code: "ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS", message: "endMark must not be specified" });
    expect(thrown(() => performance.measure("m", { start: -1 }))).toMatchObject({ code: "ERR_PERFORMANCE_INVALID_TIMESTAMP" });
    performance.clearMarks();
  });
});

describe("the timeline", () => {
  test("getEntries* sort by startTime; clear* remove by name", () => {
    performance.mark("t1", { startTime: 30 });
    performance.mark("t2", { startTime: 20 });
    performance.measure("t3", { start: 25, end: 26 });
    expect(performance.getEntries().map((e) => e.name)).toEqual(["t2", "t3", "t1"]);
    expect(performance.getEntriesByType("mark").map((e) => e.name)).toEqual(["t2", "t1"]);
    expect(performance.getEntriesByName("t3").map((e) => e.entryType)).toEqual(["measure"]);
    expect(performance.getEntriesByName("t3", "mark")).toEqual([]);
    performance.clearMarks("t1");
    expect(performance.getEntriesByType("mark").map((e) => e.name)).toEqual(["t2"]);
    expect(thrown(() => performance.measure("x", "t1"))).toMatchObject({ name: "SyntaxError" });
    performance.clearMarks();
    performance.clearMeasures();
    expect(performance.getEntries()).toEqual([]);
    expect(thrown(() => (performance.getEntriesByName as any)())).toMatchObject({ code: "ERR_MISSING_ARGS", message: 'The "name" argument must be specified' });
    expect(thrown(() => (performance.getEntriesByType as any)())).toMatchObject({ code: "ERR_MISSING_ARGS", message: 'The "type" argument must be specified' });
  });

  test("inspect shows an entry's JSON", () => {
    const m = new PerformanceMark("shown", { startTime: 1, detail: 2 });
    expect(inspect(m)).toBe("PerformanceMark {\n  name: 'shown',\n  entryType: 'mark',\n  startTime: 1,\n  duration: 0,\n  detail: 2\n}");
  });
});

describe("PerformanceObserver", () => {
  test("delivers batches after the current microtasks", async () => {
    const log: unknown[] = [];
    const observer = new PerformanceObserver((list, obs) => {
      log.push([list.getEntries().map((e) => e.name), obs === observer, list.getEntriesByType("measure").length, list.getEntriesByName("ob").length]);
    });
    observer.observe({ entryTypes: ["mark", "measure"] });
    performance.mark("oa");
    performance.mark("ob");
    performance.measure("oc", "oa", "ob");
    Promise.resolve().then(() => log.push("microtask"));
    expect(log).toEqual([]);
    await sleep(10);
    observer.disconnect();
    expect(log).toEqual(["microtask", [["oa", "oc", "ob"], true, 1, 1]]);
    performance.clearMarks();
    performance.clearMeasures();
  });

  test("type with buffered, takeRecords and disconnect", async () => {
    performance.mark("before");
    const seen: string[][] = [];
    const observer = new PerformanceObserver((list) => seen.push(list.getEntries().map((e) => e.name)));
    observer.observe({ type: "mark", buffered: true });
    await sleep(10);
    expect(seen).toEqual([["before"]]);
    performance.mark("taken");
    expect(observer.takeRecords().map((e) => e.name)).toEqual(["taken"]);
    expect(observer.takeRecords()).toEqual([]);
    observer.disconnect();
    performance.mark("after");
    await sleep(10);
    expect(seen.flat()).not.toContain("after");
    performance.clearMarks();
  });

  test("observe errors", () => {
    expect(thrown(() => new PerformanceObserver(5 as any))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: 'The "callback" argument must be of type function. Received type number (5)' });
    const observer = new PerformanceObserver(() => {});
    expect(thrown(() => observer.observe({} as any))).toMatchObject({ code: "ERR_MISSING_ARGS", message: 'The "options.entryTypes" and "options.type" arguments must be specified' });
    expect(thrown(() => observer.observe({ entryTypes: "mark" } as any))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: `The "options.entryTypes" property must be string[]. Received type string ('mark')` });
    expect(thrown(() => observer.observe({ entryTypes: ["mark"], type: "mark" }))).toMatchObject({ code: "ERR_INVALID_ARG_VALUE" });
    // The bad { entryTypes: "mark" } above already made this observer a multiple-type one.
    expect(thrown(() => observer.observe({ type: "mark" }))).toMatchObject({ name: "InvalidModificationError", message: "PerformanceObserver can not change to single observation" });
  });

  test("an observer keeps its mode until disconnected", () => {
    const observer = new PerformanceObserver(() => {});
    observer.observe({ type: "mark" });
    expect(thrown(() => observer.observe({ entryTypes: ["mark"] }))).toMatchObject({ name: "InvalidModificationError", message: "PerformanceObserver can not change to multiple observations" });
    observer.disconnect();
    observer.observe({ entryTypes: ["measure"] });
    expect(thrown(() => observer.observe({ type: "mark" }))).toMatchObject({ name: "InvalidModificationError", message: "PerformanceObserver can not change to single observation" });
    observer.disconnect();
  });

  test("supportedEntryTypes", () => {
    expect(PerformanceObserver.supportedEntryTypes).toContain("mark");
    expect(PerformanceObserver.supportedEntryTypes).toContain("measure");
    expect(PerformanceObserver.supportedEntryTypes).toContain("function");
    expect(Object.isFrozen(PerformanceObserver.supportedEntryTypes)).toBe(true);
  });
});

describe("timerify", () => {
  test("wraps a function, keeping name, length and result", async () => {
    function add(a: number, b: number) {
      return a + b;
    }
    const timed = performance.timerify(add);
    expect([timed.name, timed.length, timed(1, 2)]).toEqual(["timerified add", 2, 3]);
    class Point {
      constructor(public x: number) {}
    }
    const TimedPoint = performance.timerify(Point as any) as any;
    expect(new TimedPoint(3)).toBeInstanceOf(Point);
  });

  test("each call is a 'function' entry for observers and a histogram record", async () => {
    const histogram = createHistogram();
    const entries: unknown[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) entries.push([e.name, e.entryType, (e as any).detail, typeof e.duration]);
    });
    observer.observe({ type: "function" });
    const timed = performance.timerify(function work(x: number) {
      return x * 2;
    }, { histogram });
    timed(21);
    await sleep(10);
    observer.disconnect();
    expect(entries).toEqual([["work", "function", [21], "number"]]);
    expect(histogram.count).toBe(1);
  });

  test("errors", () => {
    expect(thrown(() => performance.timerify(5 as any))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: 'The "fn" argument must be of type function. Received type number (5)' });
    expect(thrown(() => performance.timerify(() => 1, { histogram: 5 as any }))).toMatchObject({
      code: "ERR_INVALID_ARG_TYPE",
      message: 'The "options.histogram" property must be an instance of RecordableHistogram. Received type number (5)',
    });
  });
});

describe("histograms", () => {
  test("HDR statistics with 3 significant figures", () => {
    const h = createHistogram();
    for (const v of [1, 2, 3, 1000, 1234567, 987654321, 2049, 2050, 2051]) h.record(v);
    expect(h.count).toBe(9);
    expect(h.min).toBe(1);
    expect(h.max).toBe(987758591);
    expect(h.mean).toBe(109859781.8888889);
    expect(h.stddev).toBeCloseTo(310291657.3445275, 3);
    expect(h.exceeds).toBe(0);
    expect([h.percentile(10), h.percentile(50), h.percentile(90), h.percentile(100)]).toEqual([1, 2049, 1234943, 987758591]);
    expect([...h.percentiles]).toEqual([[0, 1], [50, 2048], [75, 2050], [87.5, 1233920], [93.75, 987234304], [100, 987234304]]);
    expect([h.minBigInt, h.maxBigInt, h.countBigInt, h.percentileBigInt(50)]).toEqual([1n, 987758591n, 9n, 2049n]);
    expect(h.toJSON()).toEqual({ count: 9, min: 1, max: 987758591, mean: 109859781.8888889, exceeds: 0, stddev: h.stddev, percentiles: { 0: 1, 50: 2048, 75: 2050, 87.5: 1233920, 93.75: 987234304, 100: 987234304 } });
  });

  test("an empty histogram", () => {
    const h = createHistogram();
    expect([h.count, h.min, h.max, h.percentile(50)]).toEqual([0, 9223372036854775807, 0, 0]);
    expect(h.mean).toBeNaN();
    expect(h.stddev).toBeNaN();
    expect(h.minBigInt).toBe(9223372036854775807n);
    expect([...h.percentiles]).toEqual([[100, 0]]);
  });

  test("values above highest are counted in exceeds; reset clears all", () => {
    const h = createHistogram({ lowest: 10, highest: 100 });
    h.record(5);
    h.record(50);
    h.record(1000);
    expect([h.count, h.exceeds, h.min, h.max]).toEqual([2, 1, 0, 55]);
    h.reset();
    expect([h.count, h.exceeds, h.max]).toEqual([0, 0, 0]);
  });

  test("BigInt records and add()", () => {
    const a = createHistogram();
    a.record(5n);
    const b = createHistogram();
    b.record(7);
    b.record(7);
    a.add(b);
    expect([a.count, a.min, a.max]).toEqual([3, 5, 7]);
    expect(thrown(() => a.add({} as any))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: 'The "other" argument must be an instance of RecordableHistogram. Received an instance of Object' });
    expect(thrown(() => a.record(0n))).toMatchObject({ code: "ERR_OUT_OF_RANGE", message: "value is out of range" });
  });

  test("recordDelta records the time since the previous call", async () => {
    const h = createHistogram();
    h.recordDelta();
    expect(h.count).toBe(0);
    await sleep(5);
    h.recordDelta();
    expect(h.count).toBe(1);
    expect(h.min).toBeGreaterThan(4e6);
  });

  test("argument errors", () => {
    const h = createHistogram();
    expect(thrown(() => h.record(0))).toMatchObject({ code: "ERR_OUT_OF_RANGE", message: 'The value of "val" is out of range. It must be >= 1 && <= 9007199254740991. Received 0' });
    expect(thrown(() => h.record(1.5))).toMatchObject({ code: "ERR_OUT_OF_RANGE", message: 'The value of "val" is out of range. It must be an integer. Received 1.5' });
    expect(thrown(() => h.record("1" as any))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: `The "val" argument must be of type number. Received type string ('1')` });
    expect(thrown(() => h.percentile(0))).toMatchObject({ code: "ERR_OUT_OF_RANGE", message: 'The value of "percentile" is out of range. It must be > 0 && <= 100. Received 0' });
    expect(thrown(() => createHistogram({ lowest: 10, highest: 15 }))).toMatchObject({ code: "ERR_OUT_OF_RANGE", message: 'The value of "options.highest" is out of range. It must be >= 20 && <= 9007199254740991. Received 15' });
    expect(thrown(() => createHistogram({ figures: 6 }))).toMatchObject({ code: "ERR_OUT_OF_RANGE", message: 'The value of "options.figures" is out of range. It must be >= 1 && <= 5. Received 6' });
    expect(thrown(() => createHistogram(5 as any))).toMatchObject({ code: "ERR_INVALID_ARG_TYPE", message: 'The "options" argument must be of type object. Received type number (5)' });
  });

  test("monitorEventLoopDelay samples while enabled", async () => {
    const h = monitorEventLoopDelay({ resolution: 5 });
    expect(h.enable()).toBe(true);
    expect(h.enable()).toBe(false);
    await sleep(100);
    expect(h.disable()).toBe(true);
    expect(h.disable()).toBe(false);
    expect(h.count).toBeGreaterThan(2);
    expect(h.min).toBeGreaterThan(1e6);
    expect(h.mean).toBeGreaterThan(4e6);
    expect(thrown(() => monitorEventLoopDelay({ resolution: 0 }))).toMatchObject({ code: "ERR_OUT_OF_RANGE", message: 'The value of "options.resolution" is out of range. It must be >= 1 && <= 9007199254740991. Received 0' });
  });

  test("inspect", () => {
    const h = createHistogram();
    h.record(5);
    expect(inspect(h)).toStartWith("Histogram {\n  min: 5,\n  max: 5,\n  mean: 5,\n  exceeds: 0,\n  stddev: 0,\n  count: 1,\n  percentiles: ");
  });
});
