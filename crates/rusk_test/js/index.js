import { Expectation, expect } from "rusk:test/expect";
import { shared } from "rusk:test/shared";
import { lazyModule } from "rusk:test/util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expectTypeOf, it, onTestFinished, setDefaultTimeout, test, xdescribe, xit, xtest } from "rusk:test/registry";

// The module behind `bun:test` / `rusk:test`: what test files import. The runner half
// (rusk:test/runner) is loaded by rusk test's driver before the test file.

// The snapshot matchers' module is large and most files do not use it: these stand-ins load
// it on first use (it installs the real matchers in their place) and pass the call on.
const loadSnapshots = lazyModule("rusk:test/snapshots");
for (const name of ["toMatchSnapshot", "toMatchInlineSnapshot", "toThrowErrorMatchingSnapshot", "toThrowErrorMatchingInlineSnapshot"]) {
  Object.defineProperty(Expectation.prototype, name, {
    configurable: true,
    writable: true,
    value: function (...args) {
      loadSnapshots();
      return this[name](...args);
    },
  });
}
expect.addSnapshotSerializer = (...args) => {
  loadSnapshots();
  return expect.addSnapshotSerializer(...args);
};

// Mocks and fake timers load on first use too (most files use neither): these stand-ins pass
// the call, and its `this` (jest.useFakeTimers() returns jest, as in Bun), to the module.
const mocks = lazyModule("rusk:test/mocks");
const timers = lazyModule("rusk:test/timers");
function mock(impl) { return mocks().mock.apply(this, arguments); }
Object.defineProperty(mock, "name", { value: "fn" });
mock.module = function module(specifier, factory) { return mocks().mockModule.apply(this, arguments); };
function spyOn(target, key) { return mocks().spyOn.apply(this, arguments); }
function clearAllMocks() { return mocks().clearAllMocks.apply(this, arguments); }
function resetAllMocks() { return mocks().resetAllMocks.apply(this, arguments); }
function restoreAllMocks() { return mocks().restoreAllMocks.apply(this, arguments); }
mock.restore = restoreAllMocks;
mock.clearAllMocks = clearAllMocks;
const isMock = (f) => shared.isMock(f);
function useFakeTimers(options) { return timers().useFakeTimers.apply(this, arguments); }
function useRealTimers() { return timers().useRealTimers.apply(this, arguments); }
function advanceTimersToNextTimer() { return timers().advanceTimersToNextTimer.apply(this, arguments); }
function advanceTimersByTime(ms) { return timers().advanceTimersByTime.apply(this, arguments); }
function runOnlyPendingTimers() { return timers().runOnlyPendingTimers.apply(this, arguments); }
function runAllTimers() { return timers().runAllTimers.apply(this, arguments); }
function getTimerCount() { return timers().getTimerCount.apply(this, arguments); }
function clearAllTimers() { return timers().clearAllTimers.apply(this, arguments); }
function isFakeTimers() { return timers().isFakeTimers.apply(this, arguments); }
function setSystemTime(time) { return timers().setSystemTime.apply(this, arguments); }
function now() { return timers().now.apply(this, arguments); }

// `jest` and `vi` have Bun's members, in Bun's order (Object.keys shows them).
const fakeTimers = {
  useFakeTimers, useRealTimers, advanceTimersToNextTimer, advanceTimersByTime,
  runOnlyPendingTimers, runAllTimers, getTimerCount, clearAllTimers, isFakeTimers,
};
const jest = {
  fn: mock, mock: mock.module, spyOn, restoreAllMocks, clearAllMocks, resetAllMocks,
  setSystemTime, now, setTimeout: setDefaultTimeout, ...fakeTimers,
};
// Not in Bun's jest; kept (not enumerable) for tests written for Jest.
Object.defineProperty(jest, "isMockFunction", { value: isMock, writable: true, configurable: true });
const vi = {
  fn: mock, mock: mock.module, spyOn, restoreAllMocks, resetAllMocks, clearAllMocks, ...fakeTimers,
};

export {
  describe, test, it, expect, beforeAll, afterAll, beforeEach, afterEach,
  mock, spyOn, jest, vi, setSystemTime, setDefaultTimeout,
  onTestFinished, xit, xtest, xdescribe, expectTypeOf,
};

export default {
  describe, test, it, expect, beforeAll, afterAll, beforeEach, afterEach,
  mock, spyOn, jest, vi, setSystemTime, setDefaultTimeout,
  onTestFinished, xit, xtest, xdescribe, expectTypeOf,
};

