// A tour of rusk: TypeScript, top-level await, Node built-ins and bun:ffi calling libc.
import { dlopen, FFIType, JSCallback, read } from "bun:ffi";
import { basename } from "node:path";

interface Greeting { who: string; times: number }
const greeting: Greeting = { who: basename(import.meta.path), times: 2 };
await Bun.sleep(1);

const libc = dlopen("libc.so.6", {
  getpid: { returns: FFIType.i32 },
  strlen: { args: [FFIType.cstring], returns: FFIType.u64 },
  qsort: { args: [FFIType.ptr, FFIType.u64, FFIType.u64, FFIType.function], returns: FFIType.void },
});

const numbers = new Int32Array([5, 3, 9, 1]);
const compare = new JSCallback(
  (a: number, b: number) => readI32(a) - readI32(b),
  { args: [FFIType.ptr, FFIType.ptr], returns: FFIType.i32 },
);
function readI32(p: number): number { return read.i32(p); }
libc.symbols.qsort(numbers, numbers.length, 4, compare);
compare.close();

for (let i = 0; i < greeting.times; i++) console.log(`hello from ${greeting.who}`);
console.log("pid", libc.symbols.getpid(), "strlen", libc.symbols.strlen("rusk"), "sorted", Array.from(numbers));
libc.close();
