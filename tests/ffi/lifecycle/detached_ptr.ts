// Case 5: ptr() (and a pointer argument) of a view over a detached buffer throws a TypeError,
// and the exception the engine raised internally is not leaked: the runtime shuts down
// cleanly (QuickJS asserts at exit when an object is leaked).
import { ptr } from "bun:ffi";
import { S } from "../lib";

const ab = new ArrayBuffer(16);
const u8 = new Uint8Array(ab);
ab.transfer();
let caught = 0;
for (let i = 0; i < 100; i++) {
  try {
    ptr(u8);
  } catch (e) {
    if (e instanceof TypeError) caught++;
  }
  try {
    S.id_ptr(u8);
  } catch (e) {
    if (e instanceof TypeError) caught++;
  }
}
console.log(`caught ${caught}`);
