// node:timers — the global timer functions, `promises` (node:timers/promises), and Node's
// deprecated `enroll`/`active`/`unenroll` API for objects with `_onTimeout`.

import promises from "timers/promises";
import { ERR_OUT_OF_RANGE, validateNumber } from "rusk:internal/errors";

// The global timers are looked up when used, not when this module loads: node:async_hooks
// replaces them later with wrappers that carry the async context.
const TIMER_NAMES = ["setTimeout", "clearTimeout", "setImmediate", "clearImmediate", "setInterval", "clearInterval"];
const setTimeout = (callback, delay, ...args) => globalThis.setTimeout(callback, delay, ...args);
const clearTimeout = (timeout) => globalThis.clearTimeout(timeout);
const setImmediate = (callback, ...args) => globalThis.setImmediate(callback, ...args);
const clearImmediate = (immediate) => globalThis.clearImmediate(immediate);
const setInterval = (callback, delay, ...args) => globalThis.setInterval(callback, delay, ...args);
const clearInterval = (interval) => globalThis.clearInterval(interval);

// util.promisify(setTimeout) and util.promisify(setImmediate) give the promise forms, as in Node.
const promisifyCustom = Symbol.for("nodejs.util.promisify.custom");
for (const [fn, promised] of [
  [globalThis.setTimeout, promises.setTimeout],
  [setTimeout, promises.setTimeout],
  [globalThis.setImmediate, promises.setImmediate],
  [setImmediate, promises.setImmediate],
]) {
  if (!Object.hasOwn(fn, promisifyCustom)) Object.defineProperty(fn, promisifyCustom, { value: promised, configurable: true });
}

const TIMEOUT_MAX = 2 ** 31 - 1;
const warned = new Set();

function deprecate(code, message) {
  if (warned.has(code)) return;
  warned.add(code);
  globalThis.process.emitWarning(message, "DeprecationWarning", code);
}

// The timer running for each enrolled object.
const enrolledTimers = new WeakMap();

function cancelEnrolled(item) {
  const timer = enrolledTimers.get(item);
  if (timer !== undefined) {
    clearTimeout(timer);
    enrolledTimers.delete(item);
  }
}

/** Sets `item`'s timeout (`_idleTimeout`) for `active`; deprecated in Node (DEP0095). */
function enroll(item, msecs) {
  deprecate("DEP0095", "timers.enroll() is deprecated. Please use setTimeout instead.");
  validateNumber(msecs, "msecs");
  if (msecs < 0 || !Number.isFinite(msecs)) throw ERR_OUT_OF_RANGE("msecs", "a non-negative finite number", msecs);
  let timeout = msecs;
  if (timeout > TIMEOUT_MAX) {
    globalThis.process.emitWarning(`${timeout} does not fit into a 32-bit signed integer.\nTimer duration was truncated to ${TIMEOUT_MAX}.`, "TimeoutOverflowWarning");
    timeout = TIMEOUT_MAX;
  }
  cancelEnrolled(item);
  item._idleTimeout = timeout;
}

/** Stops `item`'s timer; deprecated in Node (DEP0096). */
function unenroll(item) {
  deprecate("DEP0096", "timers.unenroll() is deprecated. Please use clearTimeout instead.");
  cancelEnrolled(item);
  item._idleTimeout = -1;
}

/** (Re)starts `item`'s timer: `item._onTimeout()` runs after `item._idleTimeout` ms. */
function startEnrolled(item, keepAlive) {
  cancelEnrolled(item);
  const msecs = item._idleTimeout;
  if (typeof msecs !== "number" || msecs < 0) return;
  const timer = setTimeout(() => {
    enrolledTimers.delete(item);
    item._onTimeout();
  }, msecs);
  if (!keepAlive) timer.unref?.();
  enrolledTimers.set(item, timer);
}

function active(item) {
  deprecate("DEP0126", "timers.active() is deprecated. Please use timeout.refresh() instead.");
  startEnrolled(item, true);
}

function _unrefActive(item) {
  deprecate("DEP0127", "timers._unrefActive() is deprecated. Please use timeout.refresh() instead.");
  startEnrolled(item, false);
}

const timers = {
  setTimeout,
  clearTimeout,
  setImmediate,
  clearImmediate,
  setInterval,
  clearInterval,
  _unrefActive,
  active,
  unenroll,
  enroll,
  promises,
};
// timers.setTimeout (and the others) is the global, as in Node, until assigned.
for (const name of TIMER_NAMES) {
  Object.defineProperty(timers, name, {
    configurable: true,
    enumerable: true,
    get: () => globalThis[name],
    set(value) {
      Object.defineProperty(timers, name, { value, writable: true, configurable: true, enumerable: true });
    },
  });
}

export default timers;
export { setTimeout, clearTimeout, setImmediate, clearImmediate, setInterval, clearInterval, _unrefActive, active, unenroll, enroll, promises };
