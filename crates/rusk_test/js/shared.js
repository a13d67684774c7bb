// Mutable state the test library's modules share (an imported binding cannot be assigned).
export const shared = {
  // setDefaultTimeout()
  defaultTimeout: null,
  // true once the runner started (registering tests inside tests is an error)
  running: false,
  // whether test() may register a plain test without checks: only while the file loads, and
  // not for a JUnit report, which needs each test's line (set by the runner)
  quickRegistration: true,
  // the test whose body or hooks are running: uncaught errors are routed to it (while it
  // runs, the runner makes this an accessor: see runner.js)
  currentTestState: null,
  // the running test's names, describe blocks first
  get currentTestNames() {
    const t = this.currentTestState?.test;
    return t ? [...t.parent.path, t.name] : [];
  },
  // its full name joined by spaces (snapshot keys)
  get currentTestName() {
    return this.currentTestNames.join(" ");
  },
  // while a hook runs: the path of the describe block it belongs to (else null)
  currentHookNames: null,
  // the options the runner was started with (file, updateSnapshots, ci, ...)
  options: {},
  // async functions run once after the file's tests; each may return fields for the result
  fileEndHooks: [],
  // whether a value is a mock function (mocks.js, loaded with the first mock, replaces this)
  isMock: (f) => false,
};
