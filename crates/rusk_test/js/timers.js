import { shared } from "rusk:test/shared";

// ---------------------------------------------------------------------------
// Fake timers (jest.useFakeTimers, vi.*) and setSystemTime
// ---------------------------------------------------------------------------
//
// Bun fakes inside its timer implementation, keeping the global functions; rusk swaps the
// globals (setTimeout, clearTimeout, setInterval, clearInterval, Date, performance.now,
// process.hrtime) while fake timers are on, and Date alone while setSystemTime() holds a
// time. setImmediate, queueMicrotask and process.nextTick stay real, as in Bun.

const RealDate = globalThis.Date;
const realDateNow = RealDate.now;
const realClearTimeout = globalThis.clearTimeout;

// The fake clock: `tick` is performance.now(); Date.now() is floor(dateOrigin + tick).
let fake = false;
let tick = 0;
let dateOrigin = 0;
let hrtimeOrigin = 0n;
// setSystemTime() with real timers: Date stands still at this time (null: real time).
let systemTime = null;

// Pending fake timers, ordered by due time, then by when they were queued (an interval is
// queued again each time it fires).
const queue = [];
const byId = new Map();
// Far from the ids of real timers, so clearTimeout(number) cannot confuse the two.
let nextId = 2 ** 30;

const fakeDateNow = () => (fake ? Math.floor(dateOrigin + tick) : systemTime ?? realDateNow());

// --- the fake globals ---------------------------------------------------------

// A Date whose clock is the fake one; it shares the real prototype, so `instanceof Date`
// holds both ways between dates made before and after faking.
function FakeDate(...args) {
  if (new.target === undefined) return new RealDate(fakeDateNow()).toString();
  return Reflect.construct(RealDate, args.length === 0 ? [fakeDateNow()] : args, new.target);
}
Object.defineProperty(FakeDate, "prototype", { value: RealDate.prototype });
Object.defineProperty(FakeDate, "name", { value: "Date" });
Object.defineProperty(FakeDate, "length", { value: 7 });
Object.setPrototypeOf(FakeDate, RealDate);
Object.defineProperty(FakeDate, "now", { value: function now() { return fakeDateNow(); }, writable: true, configurable: true });

const TIMER = Symbol("rusk.fakeTimer");

// The handle setTimeout/setInterval return (Node's Timeout methods).
class Timeout {
  constructor(timer) {
    this[TIMER] = timer;
  }
  ref() {
    this[TIMER].ref = true;
    return this;
  }
  unref() {
    this[TIMER].ref = false;
    return this;
  }
  hasRef() {
    return this[TIMER].ref;
  }
  // Starts the delay again from now; a timer that fired already is armed again (Node).
  refresh() {
    const t = this[TIMER];
    if (!t.cleared) {
      unqueue(t);
      t.due = tick + t.delay;
      enqueue(t);
    }
    return this;
  }
  close() {
    cancel(this[TIMER]);
    return this;
  }
  [Symbol.toPrimitive]() {
    return this[TIMER].id;
  }
}

// Bun's fake delays: whole milliseconds, at least 1 (as Node, for 0, negatives, NaN and
// values past 2^31 - 1).
function delayOf(ms) {
  const n = Number(ms);
  return n >= 1 && n <= 2147483647 ? Math.trunc(n) : 1;
}

function schedule(callback, ms, args, repeat) {
  if (typeof callback !== "function") {
    throw new TypeError(`The "callback" argument must be of type function. Received ${callback === null ? "null" : typeof callback}`);
  }
  const delay = delayOf(ms);
  const timer = { id: nextId++, due: tick + delay, delay, callback, args, repeat, ref: true, cleared: false };
  enqueue(timer);
  return new Timeout(timer);
}

function enqueue(timer) {
  let lo = 0, hi = queue.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (queue[mid].due <= timer.due) lo = mid + 1;
    else hi = mid;
  }
  queue.splice(lo, 0, timer);
  byId.set(timer.id, timer);
}

function unqueue(timer) {
  const i = queue.indexOf(timer);
  if (i !== -1) queue.splice(i, 1);
  byId.delete(timer.id);
}

function cancel(timer) {
  timer.cleared = true;
  unqueue(timer);
}

// Handles of real timers (made before faking) are cleared for real.
function fakeClear(handle) {
  const timer = handle instanceof Timeout ? handle[TIMER]
    : typeof handle === "number" || typeof handle === "string" ? byId.get(Number(handle)) : undefined;
  if (timer !== undefined) cancel(timer);
  else realClearTimeout(handle);
}

function fakeHrtime(previous) {
  const ns = fakeHrtimeBigint();
  let s = Number(ns / 1000000000n), n = Number(ns % 1000000000n);
  if (Array.isArray(previous)) {
    s -= previous[0];
    n -= previous[1];
    if (n < 0) { s--; n += 1e9; }
  }
  return [s, n];
}
const fakeHrtimeBigint = () => hrtimeOrigin + BigInt(Math.round(tick * 1e6));
fakeHrtime.bigint = fakeHrtimeBigint;

const timerGlobals = {
  setTimeout: (callback, ms, ...args) => schedule(callback, ms, args, false),
  setInterval: (callback, ms, ...args) => schedule(callback, ms, args, true),
  clearTimeout: fakeClear,
  clearInterval: fakeClear,
};

// --- swapping globals -----------------------------------------------------------

// Each swap remembers the property it replaced; undoing it leaves alone a property that
// was replaced again meanwhile (by the program, or a module such as node:async_hooks).
function swap(swaps, target, key, value) {
  const desc = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { value, writable: true, enumerable: desc ? desc.enumerable : false, configurable: true });
  swaps.push({ target, key, desc, value });
}
function unswap(swaps) {
  for (const { target, key, desc, value } of swaps.reverse()) {
    if (target[key] !== value) continue;
    if (desc) Object.defineProperty(target, key, desc);
    else delete target[key];
  }
  swaps.length = 0;
}

const dateSwaps = [];
const timerSwaps = [];

function fakeDateGlobal(on) {
  if (on && dateSwaps.length === 0) swap(dateSwaps, globalThis, "Date", FakeDate);
  if (!on) unswap(dateSwaps);
}

function installFakeTimers() {
  for (const [name, fn] of Object.entries(timerGlobals)) swap(timerSwaps, globalThis, name, fn);
  swap(timerSwaps, performance, "now", function now() { return tick; });
  if (typeof process === "object" && typeof process.hrtime === "function") swap(timerSwaps, process, "hrtime", fakeHrtime);
}

// Back to real time: real globals, no fake timers, no system time.
function restoreRealTime() {
  if (fake) unswap(timerSwaps);
  fake = false;
  systemTime = null;
  fakeDateGlobal(false);
  queue.length = 0;
  byId.clear();
}

shared.fileEndHooks.push(async () => {
  restoreRealTime();
  return {};
});

// --- the API (jest.*, vi.*); like Bun, the functions return `this` -------------------

function requireFake() {
  if (!fake) throw new Error("Fake timers are not active. Call useFakeTimers() first.");
}

// Bun's clock option: a number of milliseconds or a Date.
function startTime(options) {
  if (options === undefined) return realDateNow();
  if (options === null || typeof options !== "object") throw new TypeError("useFakeTimers() expects an options object");
  const now = options.now;
  if (now === undefined) return realDateNow();
  if (typeof now === "number") return now;
  if (now instanceof RealDate) return now.getTime();
  throw new TypeError("'now' must be a number or Date");
}

// Bun restarts the clock (performance.now() at 0, Date at the real time or `now`) each
// time; pending fake timers stay queued at their due times.
export function useFakeTimers(options) {
  dateOrigin = startTime(options);
  systemTime = null;
  if (fake) {
    hrtimeOrigin = fakeHrtimeBigint(); // process.hrtime() must not go back with the clock
  } else {
    if (typeof process === "object" && typeof process.hrtime === "function") hrtimeOrigin = process.hrtime.bigint();
    installFakeTimers();
    fake = true;
  }
  tick = 0;
  fakeDateGlobal(true);
  return this;
}

export function useRealTimers() {
  restoreRealTime();
  return this;
}

export function isFakeTimers() {
  return fake;
}

// Runs one due timer: the clock moves to its time. An interval is queued again before its
// callback runs, so the callback may clear it. Errors are collected for the caller.
function fire(timer, errors) {
  if (timer.due > tick) tick = timer.due;
  if (timer.repeat) {
    timer.due += timer.delay;
    enqueue(timer);
  } else {
    byId.delete(timer.id);
  }
  try {
    timer.callback.apply(undefined, timer.args);
  } catch (e) {
    errors.push(e);
  }
}

// Runs the due timers (at most `max` of them) whose time is not after `until`. Bun reports an
// error thrown by a timer as an uncaught error of the test and goes on; rusk goes on too,
// then throws the first error from the jest.* call.
function runTimers(until, max = Infinity) {
  const errors = [];
  for (let n = 0; n < max && queue.length !== 0 && queue[0].due <= until; n++) fire(queue.shift(), errors);
  if (errors.length !== 0) throw errors[0];
}

// Bun's wording for the range error: the number rounded half to even, "inf" for infinity.
function describeMs(ms) {
  if (Number.isNaN(ms)) return "NaN";
  if (!Number.isFinite(ms)) return ms > 0 ? "inf" : "-inf";
  let r = Math.round(ms);
  if (r - ms === 0.5 && r % 2 !== 0) r -= 1;
  return r === 0 && ms < 0 ? "-0" : String(r);
}

export function advanceTimersByTime(ms) {
  requireFake();
  if (typeof ms !== "number") throw new TypeError("advanceTimersByTime() expects a number of milliseconds");
  if (!(ms >= 0 && ms <= 4294967295)) {
    throw new TypeError(`advanceTimersByTime() ms is out of range. It must be >= 0 and <= 4294967295. Received ${describeMs(ms)}`);
  }
  const target = tick + ms;
  try {
    runTimers(target);
  } finally {
    if (target > tick) tick = target;
  }
  return this;
}

// Bun runs exactly one timer (the next), whatever the argument.
export function advanceTimersToNextTimer() {
  requireFake();
  runTimers(Infinity, 1);
  return this;
}

// Runs timers, those they schedule included, until none is left. Like Bun there is no
// limit: an interval that is never cleared keeps this running forever.
export function runAllTimers() {
  requireFake();
  runTimers(Infinity);
  return this;
}

// Runs what is pending now: the clock advances to the last pending timer's time.
export function runOnlyPendingTimers() {
  requireFake();
  if (queue.length !== 0) runTimers(queue[queue.length - 1].due);
  return this;
}

export function getTimerCount() {
  requireFake();
  return queue.length;
}

export function clearAllTimers() {
  requireFake();
  for (const timer of queue) timer.cleared = true;
  queue.length = 0;
  byId.clear();
  return this;
}

// A number or valid Date sets the time Date reports; anything else goes back to the real
// time. With real timers the time stands still; with fake ones it advances with them.
export function setSystemTime(time) {
  const ms = typeof time === "number" ? time : time instanceof RealDate ? time.getTime() : NaN;
  const valid = !Number.isNaN(ms);
  if (fake) {
    dateOrigin = (valid ? ms : realDateNow()) - tick;
  } else {
    systemTime = valid ? ms : null;
    fakeDateGlobal(valid);
  }
  return this;
}

export function now() {
  return fakeDateNow();
}
