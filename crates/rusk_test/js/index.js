import { Expectation, expect } from "rusk:test/expect";
import { clearAllMocks, isMock, mock, resetAllMocks, restoreAllMocks, spyOn } from "rusk:test/mocks";
import {
  advanceTimersByTime, advanceTimersToNextTimer, clearAllTimers, getTimerCount, isFakeTimers, now,
  runAllTimers, runOnlyPendingTimers, setSystemTime, useFakeTimers, useRealTimers,
} from "rusk:test/timers";
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

