// The example of the contract (reference/bindgen.md).
import { define } from "rusk:bindgen";
export default [
  define({
    name: "JSCallback",               // JS class name
    rust: "crate::callback::JsCallback", // the Rust type
    construct: true,                  // `new JSCallback(...)` calls JsCallback::constructor
    call: false,                      // calling without `new` throws TypeError
    finalize: true,                   // JsCallback::finalize(self: Box<Self>) when collected
    hasPendingActivity: true,         // kept alive while JsCallback::has_pending_activity() is true
    values: ["fn"],                   // extra GC-traced slots, reachable from Rust
    klass: {},
    proto: {
      ptr:        { getter: "get_ptr", cache: true },   // computed once, kept in a traced slot
      threadsafe: { getter: "get_threadsafe" },
      close:      { fn: "close", length: 0 },
      "@@dispose": { fn: "close", length: 0 },          // well-known symbol key
      label:      { getter: "get_label", setter: "set_label" },
    },
    ts: { close: "(): void", ptr: "number | null" },     // optional TypeScript types for the .d.ts
  }),
];
