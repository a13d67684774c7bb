// Case 1 (void): the script ends while 4 threads keep calling a threadsafe callback. The
// process must exit promptly with code 0 — no crash, no hang.
import { JSCallback } from "bun:ffi";
import { KIND, S } from "../lib";

let n = 0;
const cb = new JSCallback(() => void n++, { threadsafe: true });
S.start_threads(cb, KIND.VOID, 4, 2 ** 31 - 1, 0);
setTimeout(() => console.log(`delivered: ${n > 0}`), 50);
