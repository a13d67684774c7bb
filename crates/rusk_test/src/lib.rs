//! `rusk test`: a bun:test-compatible test library and its runner.
//!
//! The library (`bun:test` / `rusk:test`: describe/test/expect, mocks, fake timers, snapshots)
//! is JS in `js/`, one module per job, over the file access in [`native`]. The runner
//! ([`runner`]) finds test files, runs each in a fresh runtime made by the embedder and prints
//! Bun's report. Neither is part of an embedded runtime unless [`register`] adds it.
//!
//! ```no_run
//! let make = || rusk_test::register(rusk_runtime::Runtime::builder());
//! let (code, totals) = rusk_test::runner::run(&["tests".to_string()], &make);
//! println!("{} passed (exit {code})", totals.pass);
//! ```

mod junit;
mod module_files;
mod native;
pub mod options;
pub mod runner;

use rusk_runtime::rquickjs::object::Property;
use rusk_runtime::rquickjs::{Ctx, Function, Object, Value};
use rusk_runtime::RuntimeBuilder;

// `JS_MODULES`: the library's modules, `(name, bytecode, source)`; build.rs compiles every file
// under js/ (names in src/module_files.rs).
include!(concat!(env!("OUT_DIR"), "/js_modules.rs"));

/// `Bun.jest(path)` gives the test library's API outside `rusk test` too, as in Bun (scripts
/// use it to get `expect`); the library loads on first use. Defined from Rust: evaluating a
/// script for it cost ~90 k instructions at every start.
fn install_bun_jest(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    let Ok(bun) = ctx.globals().get::<_, Object>("Bun") else {
        return Ok(());
    };
    if bun.contains_key("jest")? {
        return Ok(());
    }
    let jest = Function::new(ctx.clone(), load_test_library)?
        .with_name("jest")?
        .with_length(1)?;
    bun.prop("jest", Property::from(jest).writable().configurable())
}

fn load_test_library<'js>(ctx: Ctx<'js>) -> rquickjs::Result<Value<'js>> {
    ctx.eval(r#"globalThis[Symbol.for("rusk.internals")].requireBuiltin("rusk:test")"#)
}

/// Adds the test library (`rusk:test`, which `bun:test` resolves to) to a runtime builder.
pub fn register(builder: RuntimeBuilder) -> RuntimeBuilder {
    let mut b = builder
        .module::<native::NativeTest>("rusk:test/native")
        .global(install_bun_jest);
    if let Some(dir) = std::env::var_os("RUSK_TEST_JS_DIR") {
        return register_from_disk(b, std::path::Path::new(&dir));
    }
    for (name, bytecode, source) in JS_MODULES {
        b = b.compiled_module(name, bytecode, source);
    }
    b
}

/// For developing the library: with `RUSK_TEST_JS_DIR` set (to `crates/rusk_test/js`), its
/// modules are read from that directory at start-up in place of the compiled ones — edit,
/// rerun, no rebuild. The sources are leaked: they live as long as the process, as
/// compiled-in ones do.
fn register_from_disk(mut b: RuntimeBuilder, dir: &std::path::Path) -> RuntimeBuilder {
    for (name, path) in module_files::module_files(dir) {
        if let Ok(source) = std::fs::read_to_string(&path) {
            b = b.js_module(&name, Box::leak(source.into_boxed_str()));
        }
    }
    b
}
