// Start-up of an FFI script: open a library and call one of its functions. libc is opened by
// its soname, so the script runs unchanged under rusk and Bun on Linux.
import { dlopen } from "bun:ffi";

const { symbols } = dlopen("libc.so.6", { getpid: { args: [], returns: "i32" } });
console.log(symbols.getpid() > 0);
