// node:perf_hooks — the User Timing API (marks, measures, observers) on the engine's
// high-resolution clock, `timerify`, and HDR histograms (`createHistogram`,
// `monitorEventLoopDelay`) that report the values Node's HdrHistogram_c reports.

import { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, nodeError, validateInteger, validateNumber } from "rusk:internal/errors";

const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");
const internals = globalThis[Symbol.for("rusk.internals")];

// The engine's `performance` (QuickJS's: `now()` in ms since the context started), which
// rusk:internal/globals keeps before the global becomes this module's `performance`.
const engine = internals?.enginePerformance;
if (typeof engine?.now !== "function") {
  throw new Error("node:perf_hooks needs the engine's performance object as internals.enginePerformance");
}
const now = () => engine.now();
/** The epoch time (ms) `now()` counts from. */
const timeOrigin = Date.now() - now();

const inspectOf = (inspect) => (typeof inspect === "function" ? inspect : internals?.inspect ?? String);
const innerOptions = (options) => ({ ...options, depth: options?.depth == null ? null : options.depth - 1 });

// Internal constructions pass this token; user code calling an illegal constructor does not.
const kInternal = Symbol("perf_hooks.internal");

function illegalConstructor() {
  return nodeError(TypeError, "ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor");
}

function missingArgs(...names) {
  const list = names.length === 1 ? `"${names[0]}" argument` : `"${names[0]}" and "${names[1]}" arguments`;
  return nodeError(TypeError, "ERR_MISSING_ARGS", `The ${list} must be specified`);
}

function invalidTimestamp(value) {
  return nodeError(TypeError, "ERR_PERFORMANCE_INVALID_TIMESTAMP", `${value} is not a valid timestamp`);
}

function checkObject(value, name) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw ERR_INVALID_ARG_TYPE(name, "object", value);
}

function domException(message, name) {
  return new globalThis.DOMException(message, name);
}

// ---- entries ----

let detailOf; // (entry) => its detail, set in PerformanceEntry's static block

class PerformanceEntry {
  #name;
  #entryType;
  #startTime;
  #duration;
  #detail;

  constructor(token, name, entryType, startTime, duration, detail = undefined) {
    if (token !== kInternal) throw illegalConstructor();
    this.#name = name;
    this.#entryType = entryType;
    this.#startTime = startTime;
    this.#duration = duration;
    this.#detail = detail;
  }

  static #check(self) {
    if (self === null || typeof self !== "object" || !(#name in self)) throw ERR_INVALID_ARG_TYPE("this", "PerformanceEntry", self);
  }

  static {
    detailOf = (entry) => {
      PerformanceEntry.#check(entry);
      return entry.#detail;
    };
  }

  get name() {
    PerformanceEntry.#check(this);
    return this.#name;
  }

  get entryType() {
    PerformanceEntry.#check(this);
    return this.#entryType;
  }

  get startTime() {
    PerformanceEntry.#check(this);
    return this.#startTime;
  }

  get duration() {
    PerformanceEntry.#check(this);
    return this.#duration;
  }

  toJSON() {
    PerformanceEntry.#check(this);
    return { name: this.#name, entryType: this.#entryType, startTime: this.#startTime, duration: this.#duration };
  }

  [inspectSymbol](depth, options, inspect) {
    if (depth < 0) return this;
    return `${this.constructor.name} ${inspectOf(inspect)(this.toJSON(), innerOptions(options))}`;
  }
}

const cloneDetail = (detail) => (detail === undefined ? null : globalThis.structuredClone(detail));

class PerformanceMark extends PerformanceEntry {
  constructor(name, options = undefined) {
    if (arguments.length === 0) throw missingArgs("name");
    const text = `${name}`;
    if (options !== undefined && options !== null) checkObject(options, "options");
    const startTime = options?.startTime ?? now();
    validateNumber(startTime, "startTime");
    if (startTime < 0) throw invalidTimestamp(startTime);
    super(kInternal, text, "mark", startTime, 0, cloneDetail(options?.detail));
  }

  get detail() {
    return detailOf(this);
  }

  toJSON() {
    return { ...super.toJSON(), detail: detailOf(this) };
  }
}

class PerformanceMeasure extends PerformanceEntry {
  constructor(token, name, startTime, duration, detail) {
    if (token !== kInternal) throw illegalConstructor();
    super(token, name, "measure", startTime, duration, detail);
  }

  get detail() {
    return detailOf(this);
  }

  toJSON() {
    return { ...super.toJSON(), detail: detailOf(this) };
  }
}

/** The entries `timerify` makes (entryType "function", `detail` the call's arguments). */
class PerformanceNodeEntry extends PerformanceEntry {
  get detail() {
    return detailOf(this);
  }

  toJSON() {
    return { ...super.toJSON(), detail: detailOf(this) };
  }
}

const byStartTime = (a, b) => a.startTime - b.startTime;

function filterEntries(entries, name, type) {
  return entries.filter((e) => (name === undefined || e.name === name) && (type === undefined || e.entryType === type)).sort(byStartTime);
}

// ---- the timeline: buffered marks and measures, and the observers ----

const markBuffer = [];
const measureBuffer = [];
const markTimes = new Map(); // mark name → startTime of the latest such mark
const observers = new Set();

let enqueueToObserver; // (observer, entry) => void, set by PerformanceObserver's static block

function publish(entry) {
  for (const observer of observers) enqueueToObserver(observer, entry);
}

/** A timestamp for `measure`: a number as given, or the time of the latest mark of that name. */
function markTime(name) {
  if (typeof name === "number") {
    if (name < 0) throw invalidTimestamp(name);
    return name;
  }
  const text = `${name}`;
  const time = markTimes.get(text);
  if (time === undefined) throw domException(`The "${text}" performance mark has not been set`, "SyntaxError");
  return time;
}

/** `[start, end, detail]` of a measure, with Node 20's rules (a numeric start mark counts as 0). */
function measureBounds(startOrOptions, endMark) {
  if (startOrOptions !== null && typeof startOrOptions === "object" && Object.keys(startOrOptions).length > 0) {
    const { start, end, duration, detail } = startOrOptions;
    if (endMark !== undefined) throw nodeError(TypeError, "ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS", "endMark must not be specified");
    if (start !== undefined && end !== undefined && duration !== undefined) {
      throw nodeError(TypeError, "ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS", "Must not have options.start, options.end, and options.duration specified");
    }
    let endTime;
    if (end !== undefined) endTime = markTime(end);
    else if (start !== undefined && duration !== undefined) endTime = markTime(start) + markTime(duration);
    else endTime = now();
    let startTime;
    if (start !== undefined) startTime = markTime(start);
    else if (duration !== undefined && end !== undefined) startTime = endTime - markTime(duration);
    else startTime = 0;
    return [startTime, endTime, cloneDetail(detail)];
  }
  const endTime = endMark !== undefined ? markTime(endMark) : now();
  const startTime = typeof startOrOptions === "string" ? markTime(startOrOptions) : 0;
  return [startTime, endTime, null];
}

function clearBuffer(buffer, name) {
  if (name === undefined) {
    buffer.length = 0;
    return;
  }
  const text = `${name}`;
  let kept = 0;
  for (const entry of buffer) if (entry.name !== text) buffer[kept++] = entry;
  buffer.length = kept;
}

// ---- Performance ----

class Performance {
  constructor(token) {
    if (token !== kInternal) throw illegalConstructor();
  }

  static #check(self) {
    if (!(self instanceof Performance)) throw ERR_INVALID_ARG_TYPE("this", "Performance", self);
  }

  now() {
    Performance.#check(this);
    return now();
  }

  get timeOrigin() {
    Performance.#check(this);
    return timeOrigin;
  }

  mark(name, options = undefined) {
    Performance.#check(this);
    if (arguments.length === 0) throw missingArgs("name");
    const entry = new PerformanceMark(name, options);
    markBuffer.push(entry);
    markTimes.set(entry.name, entry.startTime);
    publish(entry);
    return entry;
  }

  measure(name, startOrOptions = undefined, endMark = undefined) {
    Performance.#check(this);
    if (arguments.length === 0) throw missingArgs("name");
    const text = `${name}`;
    const [startTime, endTime, detail] = measureBounds(startOrOptions, endMark);
    const entry = new PerformanceMeasure(kInternal, text, startTime, endTime - startTime, detail);
    measureBuffer.push(entry);
    publish(entry);
    return entry;
  }

  clearMarks(name = undefined) {
    Performance.#check(this);
    clearBuffer(markBuffer, name);
    if (name === undefined) markTimes.clear();
    else markTimes.delete(`${name}`);
  }

  clearMeasures(name = undefined) {
    Performance.#check(this);
    clearBuffer(measureBuffer, name);
  }

  getEntries() {
    Performance.#check(this);
    return filterEntries([...markBuffer, ...measureBuffer]);
  }

  getEntriesByName(name, type = undefined) {
    Performance.#check(this);
    if (arguments.length === 0) throw missingArgs("name");
    return filterEntries([...markBuffer, ...measureBuffer], `${name}`, type === undefined ? undefined : `${type}`);
  }

  getEntriesByType(type) {
    Performance.#check(this);
    if (arguments.length === 0) throw missingArgs("type");
    return filterEntries([...markBuffer, ...measureBuffer], undefined, `${type}`);
  }

  /** Wraps `fn` so each call is timed as a "function" entry (and recorded in `options.histogram`). */
  timerify(fn, options = {}) {
    Performance.#check(this);
    if (typeof fn !== "function") throw ERR_INVALID_ARG_TYPE("fn", "function", fn);
    checkObject(options, "options");
    const { histogram } = options;
    if (histogram !== undefined && !(histogram instanceof RecordableHistogram)) {
      throw ERR_INVALID_ARG_TYPE("options.histogram", "RecordableHistogram", histogram);
    }
    const complete = (start, args) => {
      const duration = now() - start;
      if (histogram !== undefined) histogram.record(Math.ceil(duration * 1e6));
      publish(new PerformanceNodeEntry(kInternal, fn.name, "function", start, duration, args));
    };
    function timerified(...args) {
      const start = now();
      const result = new.target ? Reflect.construct(fn, args, fn) : Reflect.apply(fn, this, args);
      if (!new.target && typeof result?.finally === "function") return result.finally(() => complete(start, args));
      complete(start, args);
      return result;
    }
    Object.defineProperties(timerified, {
      length: { value: fn.length, configurable: true },
      name: { value: `timerified ${fn.name}`, configurable: true },
    });
    return timerified;
  }

  /** rusk's event loop does not report its idle time. */
  eventLoopUtilization() {
    throw new Error("performance.eventLoopUtilization() is not implemented in rusk");
  }

  toJSON() {
    Performance.#check(this);
    return { timeOrigin };
  }

  [inspectSymbol](depth, options, inspect) {
    if (depth < 0) return this;
    return `Performance ${inspectOf(inspect)(this.toJSON(), innerOptions(options))}`;
  }
}

const performance = new Performance(kInternal);

// ---- observers ----

class PerformanceObserverEntryList {
  #entries;

  constructor(token, entries) {
    if (token !== kInternal) throw illegalConstructor();
    this.#entries = entries.sort(byStartTime);
  }

  getEntries() {
    return this.#entries.slice();
  }

  getEntriesByType(type) {
    if (arguments.length === 0) throw missingArgs("type");
    return filterEntries(this.#entries, undefined, `${type}`);
  }

  getEntriesByName(name, type = undefined) {
    if (arguments.length === 0) throw missingArgs("name");
    return filterEntries(this.#entries, `${name}`, type === undefined ? undefined : `${type}`);
  }
}

// The entry types rusk produces: marks, measures and timerify's function entries.
const supportedEntryTypes = Object.freeze(["function", "mark", "measure"]);

class PerformanceObserver {
  #callback;
  #types = new Set();
  #mode = null; // "single" (observe({ type })) or "multiple" (observe({ entryTypes }))
  #buffer = [];
  #pending = false;

  constructor(callback) {
    if (typeof callback !== "function") throw ERR_INVALID_ARG_TYPE("callback", "function", callback);
    this.#callback = callback;
  }

  static get supportedEntryTypes() {
    return supportedEntryTypes;
  }

  static {
    enqueueToObserver = (observer, entry) => observer.#enqueue(entry);
  }

  /** Queues `entry` and, once per turn, delivers the queue on a later macrotask. */
  #enqueue(entry) {
    if (!this.#types.has(entry.entryType)) return;
    this.#buffer.push(entry);
    this.#schedule();
  }

  #schedule() {
    if (this.#pending) return;
    this.#pending = true;
    globalThis.setImmediate(() => {
      this.#pending = false;
      if (!observers.has(this)) return;
      const entries = this.#buffer;
      this.#buffer = [];
      this.#callback.call(this, new PerformanceObserverEntryList(kInternal, entries), this);
    });
  }

  observe(options = {}) {
    checkObject(options, "options");
    const { entryTypes, type, buffered } = options;
    if (entryTypes === undefined && type === undefined) throw missingArgs("options.entryTypes", "options.type");
    if (entryTypes != null && type != null) {
      throw ERR_INVALID_ARG_VALUE("options.entryTypes", entryTypes, "options.entryTypes can not set with options.type together");
    }
    // The first call fixes the mode, before the entry types are checked (as in Node).
    if (this.#mode === null) {
      if (entryTypes !== undefined) this.#mode = "multiple";
      if (type !== undefined) this.#mode = "single";
    } else if (this.#mode === "single" && entryTypes !== undefined) {
      throw domException("PerformanceObserver can not change to multiple observations", "InvalidModificationError");
    } else if (this.#mode === "multiple" && type !== undefined) {
      throw domException("PerformanceObserver can not change to single observation", "InvalidModificationError");
    }
    if (this.#mode === "multiple") {
      if (!Array.isArray(entryTypes)) throw ERR_INVALID_ARG_TYPE("options.entryTypes", "string[]", entryTypes);
      this.#types.clear();
      for (const t of entryTypes) if (supportedEntryTypes.includes(t)) this.#types.add(t);
    } else {
      if (!supportedEntryTypes.includes(type)) return;
      this.#types.add(type);
      if (buffered) {
        const past = type === "mark" ? markBuffer : type === "measure" ? measureBuffer : [];
        this.#buffer.push(...past);
        this.#schedule();
      }
    }
    if (this.#types.size > 0) observers.add(this);
    else this.disconnect();
  }

  disconnect() {
    observers.delete(this);
    this.#types.clear();
    this.#buffer = [];
    this.#mode = null;
  }

  takeRecords() {
    const entries = this.#buffer;
    this.#buffer = [];
    return entries;
  }

  [inspectSymbol](depth, options, inspect) {
    if (depth < 0) return this;
    const shown = { connected: observers.has(this), pending: this.#pending, entryTypes: [...this.#types], buffer: this.#buffer };
    return `PerformanceObserver ${inspectOf(inspect)(shown, innerOptions(options))}`;
  }
}

// ---- HDR histograms ----

const INT64_MAX = 9223372036854775807n;

/** ⌊log2(x)⌋ for an integer 1 <= x <= 2^53, exact (Math.log2 rounds near powers of two). */
function floorLog2(x) {
  let k = Math.floor(Math.log2(x));
  if (2 ** k > x) k--;
  else if (2 ** (k + 1) <= x) k++;
  return k;
}

const bitLength = (x) => (x < 1 ? 0 : floorLog2(x) + 1);

/**
 * HdrHistogram's bucketing: values are kept to `figures` significant decimal digits, in buckets
 * of doubling width, each split into `subCount` sub-buckets. Counts are stored sparsely by
 * counts index (which orders values).
 */
class HdrCounts {
  constructor(lowest, highest, figures) {
    const subCountMagnitude = Math.ceil(Math.log2(2 * 10 ** figures));
    this.subHalfMagnitude = (subCountMagnitude > 1 ? subCountMagnitude : 1) - 1;
    this.unitMagnitude = Math.floor(Math.log2(lowest));
    this.subCount = 2 ** (this.subHalfMagnitude + 1);
    this.subHalf = this.subCount / 2;
    this.subMaskBits = bitLength((this.subCount - 1) * 2 ** this.unitMagnitude);
    this.highest = highest;
    this.reset();
  }

  reset() {
    this.counts = new Map();
    this.total = 0;
    this.minValue = Infinity; // smallest non-zero value recorded
    this.maxValue = 0;
  }

  bucketOf(value) {
    return Math.max(bitLength(value), this.subMaskBits) - this.unitMagnitude - (this.subHalfMagnitude + 1);
  }

  subBucketOf(value, bucket) {
    return Math.floor(value / 2 ** (bucket + this.unitMagnitude));
  }

  indexOf(value) {
    const bucket = this.bucketOf(value);
    return (bucket + 1) * this.subHalf + (this.subBucketOf(value, bucket) - this.subHalf);
  }

  valueAt(index) {
    let bucket = Math.floor(index / this.subHalf) - 1;
    let sub = (index % this.subHalf) + this.subHalf;
    if (bucket < 0) {
      sub -= this.subHalf;
      bucket = 0;
    }
    return sub * 2 ** (bucket + this.unitMagnitude);
  }

  lowestEquivalent(value) {
    const bucket = this.bucketOf(value);
    return this.subBucketOf(value, bucket) * 2 ** (bucket + this.unitMagnitude);
  }

  rangeSize(value) {
    const bucket = this.bucketOf(value);
    const adjusted = this.subBucketOf(value, bucket) >= this.subCount ? bucket + 1 : bucket;
    return 2 ** (this.unitMagnitude + adjusted);
  }

  highestEquivalent(value) {
    return this.lowestEquivalent(value) + this.rangeSize(value) - 1;
  }

  medianEquivalent(value) {
    return this.lowestEquivalent(value) + Math.floor(this.rangeSize(value) / 2);
  }

  /** Records `count` occurrences of `value`; false (nothing recorded) when it is out of range. */
  record(value, count = 1) {
    if (value < 0 || value > this.highest) return false;
    const index = this.indexOf(value);
    this.counts.set(index, (this.counts.get(index) ?? 0) + count);
    this.total += count;
    if (value !== 0 && value < this.minValue) this.minValue = value;
    if (value > this.maxValue) this.maxValue = value;
    return true;
  }

  /** `[lowest value, count]` of each non-empty bucket, by value. */
  buckets() {
    return [...this.counts].sort((a, b) => a[0] - b[0]).map(([index, count]) => [this.valueAt(index), count]);
  }

  min() {
    if ((this.counts.get(0) ?? 0) > 0) return 0;
    return this.minValue === Infinity ? null : this.lowestEquivalent(this.minValue);
  }

  max() {
    return this.maxValue === 0 ? 0 : this.highestEquivalent(this.maxValue);
  }

  /** The mean of the buckets' median values, summed in 64-bit integers as HdrHistogram_c does. */
  mean() {
    let sum = 0n;
    for (const [value, count] of this.buckets()) sum += BigInt(count) * BigInt(this.medianEquivalent(value));
    return Number(BigInt.asIntN(64, sum)) / this.total;
  }

  stddev() {
    const mean = this.mean();
    let sum = 0;
    for (const [value, count] of this.buckets()) {
      const deviation = this.medianEquivalent(value) - mean;
      sum += deviation * deviation * count;
    }
    return Math.sqrt(sum / this.total);
  }

  /** The highest value equivalent to the one below which `percentile`% of the counts fall. */
  valueAtPercentile(percentile) {
    const wanted = Math.max(1, Math.trunc((Math.min(percentile, 100) / 100) * this.total + 0.5));
    let seen = 0;
    let value = 0;
    for (const [bucketValue, count] of this.buckets()) {
      seen += count;
      if (seen >= wanted) {
        value = bucketValue;
        break;
      }
    }
    return this.highestEquivalent(value);
  }

  /**
   * HdrHistogram's percentile iteration (one tick per half distance): the reported percentiles
   * are 0, 50, 75, 87.5, ... as far as the counts reach, then 100; each maps to its bucket's
   * lowest value.
   */
  percentiles() {
    const buckets = this.buckets();
    if (buckets.length === 0) return [[100, 0]];
    const out = [];
    let i = 0;
    let cumulative = buckets[0][1];
    let target = 0;
    for (let first = true; ; first = false) {
      if (!first && cumulative >= this.total) {
        out.push([100, buckets[i][0]]);
        return out;
      }
      while (target > (100 * cumulative) / this.total) {
        i++;
        cumulative += buckets[i][1];
      }
      out.push([target, buckets[i][0]]);
      const halfDistance = 2 ** (Math.trunc(Math.log(100 / (100 - target)) / Math.log(2)) + 1);
      target += 100 / halfDistance;
    }
  }
}

function checkPercentile(percentile) {
  validateNumber(percentile, "percentile");
  if (!(percentile > 0 && percentile <= 100)) {
    throw nodeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "percentile" is out of range. It must be > 0 && <= 100. Received ${percentile}`);
  }
}

// Friend access to a histogram's counts (set in Histogram's static block).
let countsOf; // (histogram) => its HdrCounts
let recordInto; // (histogram, value, count = 1) => void: records, or counts what does not fit
let addExceeds; // (histogram, n) => void

class Histogram {
  #hdr;
  #exceeds = 0;

  constructor(token, hdr) {
    if (token !== kInternal) throw illegalConstructor();
    this.#hdr = hdr;
  }

  static {
    countsOf = (histogram) => histogram.#hdr;
    recordInto = (histogram, value, count = 1) => {
      if (!histogram.#hdr.record(value, count)) histogram.#exceeds += count;
    };
    addExceeds = (histogram, n) => {
      histogram.#exceeds += n;
    };
  }

  get count() {
    return this.#hdr.total;
  }

  get countBigInt() {
    return BigInt(this.#hdr.total);
  }

  get min() {
    return this.#hdr.min() ?? Number(INT64_MAX);
  }

  get minBigInt() {
    const min = this.#hdr.min();
    return min === null ? INT64_MAX : BigInt(min);
  }

  get max() {
    return this.#hdr.max();
  }

  get maxBigInt() {
    return BigInt(this.#hdr.max());
  }

  get mean() {
    return this.#hdr.mean();
  }

  get exceeds() {
    return this.#exceeds;
  }

  get exceedsBigInt() {
    return BigInt(this.#exceeds);
  }

  get stddev() {
    return this.#hdr.stddev();
  }

  percentile(percentile) {
    checkPercentile(percentile);
    return this.#hdr.valueAtPercentile(percentile);
  }

  percentileBigInt(percentile) {
    checkPercentile(percentile);
    return BigInt(this.#hdr.valueAtPercentile(percentile));
  }

  get percentiles() {
    return new Map(this.#hdr.percentiles());
  }

  get percentilesBigInt() {
    return new Map(this.#hdr.percentiles().map(([p, v]) => [p, BigInt(v)]));
  }

  reset() {
    this.#hdr.reset();
    this.#exceeds = 0;
  }

  toJSON() {
    return {
      count: this.count,
      min: this.min,
      max: this.max,
      mean: this.mean,
      exceeds: this.exceeds,
      stddev: this.stddev,
      percentiles: Object.fromEntries(this.percentiles),
    };
  }

  [inspectSymbol](depth, options, inspect) {
    if (depth < 0) return this;
    const shown = { min: this.min, max: this.max, mean: this.mean, exceeds: this.exceeds, stddev: this.stddev, count: this.count, percentiles: this.percentiles };
    return `Histogram ${inspectOf(inspect)(shown, innerOptions(options))}`;
  }
}

const hrtimeNs = () => Math.round(now() * 1e6);

class RecordableHistogram extends Histogram {
  #previous = 0;

  constructor(token, hdr) {
    if (token !== kInternal) throw illegalConstructor();
    super(token, hdr);
  }

  record(val) {
    if (typeof val === "bigint") {
      if (val < 1n || val > INT64_MAX) throw nodeError(RangeError, "ERR_OUT_OF_RANGE", "value is out of range");
      recordInto(this, Number(val));
      return;
    }
    validateInteger(val, "val", 1);
    recordInto(this, val);
  }

  /** Records the nanoseconds since the previous call (the first call only starts the clock). */
  recordDelta() {
    const time = hrtimeNs();
    if (this.#previous > 0) {
      const delta = time - this.#previous;
      if (delta > 0) recordInto(this, delta);
    }
    this.#previous = time;
  }

  add(other) {
    if (!(other instanceof RecordableHistogram)) throw ERR_INVALID_ARG_TYPE("other", "RecordableHistogram", other);
    for (const [value, count] of countsOf(other).buckets()) recordInto(this, value, count);
    addExceeds(this, other.exceeds);
  }
}

/** `monitorEventLoopDelay`'s histogram: while enabled, records the time between timer ticks. */
class IntervalHistogram extends Histogram {
  #resolution;
  #timer = null;
  #previous = 0;

  constructor(token, hdr, resolution) {
    if (token !== kInternal) throw illegalConstructor();
    super(token, hdr);
    this.#resolution = resolution;
  }

  enable() {
    if (this.#timer !== null) return false;
    this.#previous = hrtimeNs();
    this.#timer = globalThis.setInterval(() => {
      const time = hrtimeNs();
      const delta = time - this.#previous;
      this.#previous = time;
      if (delta > 0) recordInto(this, delta);
    }, this.#resolution);
    // Monitoring must not keep the process alive.
    this.#timer.unref?.();
    return true;
  }

  disable() {
    if (this.#timer === null) return false;
    globalThis.clearInterval(this.#timer);
    this.#timer = null;
    return true;
  }
}

function createHistogram(options = {}) {
  checkObject(options, "options");
  const { lowest = 1, highest = Number.MAX_SAFE_INTEGER, figures = 3 } = options;
  const low = typeof lowest === "bigint" ? Number(lowest) : lowest;
  if (typeof lowest !== "bigint") validateInteger(lowest, "options.lowest", 1, Number.MAX_SAFE_INTEGER);
  if (typeof highest !== "bigint") validateInteger(highest, "options.highest", 2 * low, Number.MAX_SAFE_INTEGER);
  validateInteger(figures, "options.figures", 1, 5);
  return new RecordableHistogram(kInternal, new HdrCounts(low, Number(highest), figures));
}

function monitorEventLoopDelay(options = {}) {
  checkObject(options, "options");
  const { resolution = 10 } = options;
  validateInteger(resolution, "options.resolution", 1);
  return new IntervalHistogram(kInternal, new HdrCounts(1, Number.MAX_SAFE_INTEGER, 3), resolution);
}

// Node's GC entry constants (rusk produces no "gc" entries; the values are Node's).
const constants = {
  NODE_PERFORMANCE_GC_MAJOR: 4,
  NODE_PERFORMANCE_GC_MINOR: 1,
  NODE_PERFORMANCE_GC_INCREMENTAL: 8,
  NODE_PERFORMANCE_GC_WEAKCB: 16,
  NODE_PERFORMANCE_GC_FLAGS_NO: 0,
  NODE_PERFORMANCE_GC_FLAGS_CONSTRUCT_RETAINED: 2,
  NODE_PERFORMANCE_GC_FLAGS_FORCED: 4,
  NODE_PERFORMANCE_GC_FLAGS_SYNCHRONOUS_PHANTOM_PROCESSING: 8,
  NODE_PERFORMANCE_GC_FLAGS_ALL_AVAILABLE_GARBAGE: 16,
  NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY: 32,
  NODE_PERFORMANCE_GC_FLAGS_SCHEDULE_IDLE: 64,
};

// WebIDL-style prototypes: methods and accessors enumerable, a toStringTag per class.
for (const C of [PerformanceEntry, PerformanceMark, PerformanceMeasure, Performance, PerformanceObserver, PerformanceObserverEntryList]) {
  for (const key of Object.getOwnPropertyNames(C.prototype)) {
    if (key !== "constructor") Object.defineProperty(C.prototype, key, { enumerable: true });
  }
}
for (const C of [PerformanceEntry, PerformanceMark, PerformanceMeasure, Performance, PerformanceObserver, PerformanceObserverEntryList]) {
  Object.defineProperty(C.prototype, Symbol.toStringTag, { value: C.name, configurable: true });
}

const perfHooks = {
  Performance,
  PerformanceEntry,
  PerformanceMark,
  PerformanceMeasure,
  PerformanceObserver,
  PerformanceObserverEntryList,
  monitorEventLoopDelay,
  createHistogram,
  performance,
  constants,
};

export default perfHooks;
export {
  Performance,
  PerformanceEntry,
  PerformanceMark,
  PerformanceMeasure,
  PerformanceObserver,
  PerformanceObserverEntryList,
  monitorEventLoopDelay,
  createHistogram,
  performance,
  constants,
};
