// Case 2 with listeners: process.on("uncaughtException") receives every throw of a threadsafe
// callback (and "unhandledRejection" every rejection of an async one); the program goes on,
// and the calls queued behind a throwing one still arrive, each once and in each thread's
// order (a drain stops at the throw and the rest of its batch runs in the next one).
import { JSCallback } from "bun:ffi";
import { KIND, S, waitFor } from "../lib";

let caught = 0;
let rejected = 0;
let calls = 0;
let outOfOrder = 0;
const nextSeq = [0, 0];
process.on("uncaughtException", (e: any) => {
  if (String(e?.message).startsWith("every 100th")) caught++;
});
process.on("unhandledRejection", (e: any) => {
  if (String(e?.message) === "async rejection") rejected++;
});
const cb = new JSCallback((tid: number, seq: number) => {
  if (nextSeq[tid] !== seq) outOfOrder++;
  nextSeq[tid] = seq + 1;
  if (++calls % 100 === 0) throw new Error(`every 100th call throws (${calls})`);
}, { args: ["i32", "i32", "u64"], returns: "void", threadsafe: true });
const h = S.start_threads(cb, KIND.U64, 2, 1000, 0);
const acb = new JSCallback(async () => {
  throw new Error("async rejection");
}, { threadsafe: true });
const h2 = S.start_threads(acb, KIND.VOID, 1, 3, 0);
await waitFor(() => calls >= 2000 && rejected >= 3, 5000);
S.join_threads(h);
S.join_threads(h2);
console.log(`calls=${calls} caught=${caught} rejected=${rejected} outOfOrder=${outOfOrder}`);
cb.close();
acb.close();
