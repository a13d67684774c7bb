// node:timers/promises — promise forms of the timers: `setTimeout`/`setImmediate` resolve with
// a value, `setInterval` is an async iterator of ticks, `scheduler.wait`/`yield`. An AbortSignal
// rejects them with Node's AbortError (its `cause` the signal's reason).

import { AbortError, ERR_INVALID_ARG_TYPE, nodeError, validateAbortSignal, validateBoolean, validateNumber } from "rusk:internal/errors";

// The global timers as they are when this module loads (later replacements do not affect it).
const { setTimeout: startTimeout, clearTimeout: stopTimeout, setImmediate: startImmediate, clearImmediate: stopImmediate } = globalThis;
const { setInterval: startInterval, clearInterval: stopInterval } = globalThis;

const abortError = (signal) => new AbortError(undefined, { cause: signal.reason });

/** `{ signal, ref }` of valid options (Node's checks and messages). */
function readOptions(options) {
  if (options === null || typeof options !== "object" || Array.isArray(options)) throw ERR_INVALID_ARG_TYPE("options", "object", options);
  const { signal, ref } = options;
  validateAbortSignal(signal, "options.signal");
  if (ref !== undefined) validateBoolean(ref, "options.ref");
  return { signal, ref };
}

/**
 * A promise settled by a timer that `start(callback)` creates (and `stop(timer)` cancels):
 * fulfilled with `value`, or rejected with an AbortError when `signal` aborts first.
 */
function timerPromise(start, stop, value, { signal, ref }) {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      stop(timer);
      reject(abortError(signal));
    };
    const timer = start(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(value);
    });
    if (ref === false) timer.unref?.();
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function setTimeout(delay, value, options = {}) {
  let settings;
  try {
    if (delay !== undefined) validateNumber(delay, "delay");
    settings = readOptions(options);
  } catch (error) {
    return Promise.reject(error);
  }
  return timerPromise((callback) => startTimeout(callback, delay), stopTimeout, value, settings);
}

function setImmediate(value, options = {}) {
  let settings;
  try {
    settings = readOptions(options);
  } catch (error) {
    return Promise.reject(error);
  }
  return timerPromise((callback) => startImmediate(callback), stopImmediate, value, settings);
}

/**
 * Yields `value` once per tick of an interval timer. Ticks that pass while the consumer is busy
 * are yielded at once when it asks again; an abort ends the iteration with an AbortError.
 */
async function* setInterval(delay, value, options = {}) {
  if (delay !== undefined) validateNumber(delay, "delay");
  const { signal, ref } = readOptions(options);
  if (signal?.aborted) throw abortError(signal);
  let ticks = 0;
  let wake = null; // resolves the consumer's wait for the next tick
  const timer = startInterval(() => {
    ticks++;
    if (wake !== null) {
      wake();
      wake = null;
    }
  }, delay);
  if (ref === false) timer.unref?.();
  const onAbort = () => {
    stopInterval(timer);
    if (wake !== null) {
      wake();
      wake = null;
    }
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    while (!signal?.aborted) {
      if (ticks === 0) await new Promise((resolve) => (wake = resolve));
      for (; ticks > 0 && !signal?.aborted; ticks--) yield value;
    }
    throw abortError(signal);
  } finally {
    stopInterval(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

const kInternal = Symbol("timers.scheduler");

/** The `scheduler` object of the Scheduling APIs draft (`wait`, `yield`). */
class Scheduler {
  #brand = true;

  constructor(token) {
    if (token !== kInternal) throw nodeError(TypeError, "ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor");
  }

  static #check(self) {
    if (self === null || typeof self !== "object" || !(#brand in self)) {
      throw nodeError(TypeError, "ERR_INVALID_THIS", 'Value of "this" must be of type Scheduler');
    }
  }

  /** Resolves (with undefined) once the event loop has run other pending work. */
  yield() {
    Scheduler.#check(this);
    return setImmediate();
  }

  /** Resolves (with undefined) after `delay` ms; `options.signal` can cancel it. */
  wait(delay, options) {
    Scheduler.#check(this);
    return setTimeout(delay, undefined, options);
  }
}

const scheduler = new Scheduler(kInternal);

const timersPromises = { setTimeout, setImmediate, setInterval, scheduler };

export default timersPromises;
export { setTimeout, setImmediate, setInterval, scheduler };
