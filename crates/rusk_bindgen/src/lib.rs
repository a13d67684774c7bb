//! # rusk_bindgen
//!
//! Class bindings for rusk: a class is declared once in a `*.classes.ts` file and all glue
//! between QuickJS-ng and the Rust implementation is generated.
//!
//! * [`rt`] (always compiled) — runtime support used by the generated code: [`rt::Args`],
//!   class registration, instance storage with traced slots, thunks that check `this`, turn
//!   `Err` and panics into JS exceptions, and the pending-activity list ([`rt::sweep_pending`]).
//! * [`Generator`] (feature `codegen`) — reads definition files with oxc (no JS is run) and
//!   writes `<stem>.classes.rs` and `<stem>.d.ts`.
//!
//! A method named in a definition but missing from the Rust type is a compile error at the
//! generated direct call (here `Counter::inc` is missing):
//!
//! ```compile_fail,E0599
//! use rusk_bindgen::{Args, Ctx, JsResult, Value};
//! pub struct Counter(std::cell::Cell<i32>);
//! impl Counter {
//!     pub fn constructor<'js>(_: &Ctx<'js>, _: &Args<'js>) -> JsResult<Self> {
//!         Ok(Counter(Default::default()))
//!     }
//!     pub fn count<'js>(&self, cx: &Ctx<'js>) -> JsResult<Value<'js>> {
//!         Ok(Value::new_int(cx.clone(), self.0.get()))
//!     }
//! }
//! include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/counter.classes.rs"));
//! # fn main() {}
//! ```
//!
//! A typed member (`args: { a: "i32", b: "i32" }`) is called with converted values; a Rust
//! method that takes other types (E0308) or another number of them (E0061) does not compile
//! either. The matching method does:
//!
//! ```
//! use rusk_bindgen::{Ctx, JsResult};
//! pub struct Adder;
//! impl Adder {
//!     pub fn constructor<'js>(_: &Ctx<'js>) -> JsResult<Self> { Ok(Adder) }
//!     pub fn add<'js>(&self, _: &Ctx<'js>, a: i32, b: i32) -> JsResult<f64> { Ok(f64::from(a + b)) }
//! }
//! include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/adder.classes.rs"));
//! # fn main() {}
//! ```
//!
//! ```compile_fail,E0308
//! use rusk_bindgen::{Ctx, JsResult};
//! pub struct Adder;
//! impl Adder {
//!     pub fn constructor<'js>(_: &Ctx<'js>) -> JsResult<Self> { Ok(Adder) }
//!     pub fn add<'js>(&self, _: &Ctx<'js>, a: i32, b: String) -> JsResult<f64> { Ok(f64::from(a)) }
//! }
//! include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/adder.classes.rs"));
//! # fn main() {}
//! ```
//!
//! ```compile_fail,E0061
//! use rusk_bindgen::{Ctx, JsResult};
//! pub struct Adder;
//! impl Adder {
//!     pub fn constructor<'js>(_: &Ctx<'js>) -> JsResult<Self> { Ok(Adder) }
//!     pub fn add<'js>(&self, _: &Ctx<'js>, a: i32) -> JsResult<f64> { Ok(f64::from(a)) }
//! }
//! include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/adder.classes.rs"));
//! # fn main() {}
//! ```
//!
//! See `docs/bindgen.md` in the repository for the definition format and a complete example.

pub mod rt;

pub use rquickjs::{Ctx, Value};
pub use rt::{Args, JsResult};

#[cfg(feature = "codegen")]
mod codegen;
#[cfg(feature = "codegen")]
mod js_bytecode;
#[cfg(feature = "codegen")]
pub use js_bytecode::compile_js_modules;

#[cfg(feature = "codegen")]
pub use codegen::{
    dts_of, generate_source, Diagnostic, Error, Generated, Generator, Pos, DEFAULT_RT_PATH,
};
