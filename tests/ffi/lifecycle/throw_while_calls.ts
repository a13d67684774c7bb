// Case 2, no listener: a threadsafe callback throws while threads keep calling it. The error
// is reported like any uncaught exception and the program ends with code 1 — promptly, with no
// crash afterwards although the threads go on calling.
import { JSCallback } from "bun:ffi";
import { KIND, S } from "../lib";

const cb = new JSCallback(() => {
  throw new Error("boom from a threadsafe callback");
}, { threadsafe: true });
S.start_threads(cb, KIND.VOID, 4, 2 ** 31 - 1, 0);
setTimeout(() => console.log("still running"), 10_000);
