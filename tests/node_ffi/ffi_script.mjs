// A script written for Node's node:ffi (Node 26), run unchanged by rusk: the cargo test
// compares its output with ffi_script.expected, which is what Node v26.10 prints.
// FFI_FIXTURE is the absolute path of tests/ffi/fixture.c built as a shared library.
import ffi from "node:ffi";

const path = process.env.FFI_FIXTURE;
const { lib, functions: f } = ffi.dlopen(path, {
  add_i32: { arguments: ["int32", "int32"], return: "int32" },
  add_f64: { arguments: ["double", "double"], return: "double" },
  add_u64: { arguments: ["uint64", "uint64"], return: "uint64" },
  hello: { return: "string" },
  first_byte: { arguments: ["buffer"], return: "int32" },
  call_i32_loop: { arguments: ["pointer", "int32"], return: "int64" },
});

console.log("add_i32", f.add_i32(2, 40));
console.log("add_f64", f.add_f64(0.5, 0.25));
console.log("add_u64", f.add_u64(2n ** 63n, 1n));
console.log("hello", ffi.toString(f.hello()));
console.log("first_byte", f.first_byte(Buffer.from([7, 8, 9])));

const seen = [];
const cb = lib.registerCallback({ arguments: ["int32"], return: "int32" }, (i) => {
  seen.push(i);
  return i * 2;
});
console.log("callback sum", f.call_i32_loop(cb, 5), seen.join(","));
lib.unregisterCallback(cb);

for (const bad of [() => f.add_i32("1", 2), () => f.add_i32(2 ** 40, 1)]) {
  try {
    bad();
  } catch (e) {
    console.log("error", e.name, e.code, e.message);
  }
}
const buf = ffi.toBuffer(ffi.getRawPointer(Buffer.from("abc")), 3, false);
console.log("toBuffer", buf.toString());
lib.close();
try {
  f.add_i32(1, 2);
} catch (e) {
  console.log("after close", e.code, e.message);
}
