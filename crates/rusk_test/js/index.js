import { expect } from "rusk:test/expect";
import { clearAllMocks, isMock, mock, resetAllMocks, restoreAllMocks, spyOn } from "rusk:test/mocks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expectTypeOf, it, onTestFinished, setDefaultTimeout, test, xdescribe, xit, xtest } from "rusk:test/registry";

// The module behind `bun:test` / `rusk:test`: what test files import. The runner half
// (rusk:test/runner) is loaded by rusk test's driver before the test file.

const jest = {
  fn: mock,
  spyOn,
  clearAllMocks,
  resetAllMocks,
  restoreAllMocks,
  isMockFunction: isMock,
  setTimeout: setDefaultTimeout,
};

export {
  describe, test, it, expect, beforeAll, afterAll, beforeEach, afterEach,
  mock, spyOn, jest, setDefaultTimeout,
  onTestFinished, xit, xtest, xdescribe, expectTypeOf,
};

export default {
  describe, test, it, expect, beforeAll, afterAll, beforeEach, afterEach,
  mock, spyOn, jest, setDefaultTimeout,
  onTestFinished, xit, xtest, xdescribe, expectTypeOf,
};

