// Case 1 (non-void): the script ends while 4 threads keep calling a blocking threadsafe
// callback and wait for its results. Waiting threads get 0; the process exits promptly.
import { JSCallback } from "bun:ffi";
import { KIND, S } from "../lib";

let n = 0;
const cb = new JSCallback((x: number) => (n++, x + 1), { args: ["i32"], returns: "i32", threadsafe: true });
S.start_threads(cb, KIND.RET_I32, 4, 2 ** 31 - 1, 0);
setTimeout(() => console.log(`delivered: ${n > 0}`), 50);
