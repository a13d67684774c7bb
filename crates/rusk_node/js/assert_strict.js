// node:assert/strict — assert.strict: `equal`, `deepEqual` and their negations are the strict ones.

import assert from "assert";

const strict = assert.strict;

export const {
  AssertionError,
  CallTracker,
  ok,
  equal,
  notEqual,
  strictEqual,
  notStrictEqual,
  deepEqual,
  notDeepEqual,
  deepStrictEqual,
  notDeepStrictEqual,
  throws,
  doesNotThrow,
  rejects,
  doesNotReject,
  match,
  doesNotMatch,
  fail,
  ifError,
} = strict;
export { strict };
export default strict;
