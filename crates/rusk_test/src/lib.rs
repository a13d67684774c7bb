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
use rusk_runtime::rquickjs::{Array, Ctx, Function, Object, Symbol, Value};
use rusk_runtime::RuntimeBuilder;

// `JS_MODULES`: the library's modules, `(name, bytecode, source)`; build.rs compiles every file
// under js/ (names in src/module_files.rs).
include!(concat!(env!("OUT_DIR"), "/js_modules.rs"));

/// `Bun.jest(path)` gives the test library's API outside `rusk test` too, as in Bun (scripts
/// use it to get `expect`); the library loads on first use. Added when the global `Bun` is made
/// (on first use too), through the runtime's `internals.bunExtensions`.
fn install_bun_jest(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    let internals: Object = ctx
        .globals()
        .get(Symbol::new_global(ctx.clone(), "rusk.internals")?)?;
    let Ok(extensions) = internals.get::<_, Array>("bunExtensions") else {
        return Ok(());
    };
    extensions.set(
        extensions.len(),
        Function::new(ctx.clone(), define_bun_jest)?,
    )
}

fn define_bun_jest<'js>(ctx: Ctx<'js>, bun: Object<'js>) -> rquickjs::Result<()> {
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
    let b = builder
        .module::<native::NativeTest>("rusk:test/native")
        .global(install_bun_jest);
    if let Some(dir) = std::env::var_os("RUSK_TEST_JS_DIR") {
        return register_from_disk(b, std::path::Path::new(&dir));
    }
    b.compiled_modules(JS_MODULES)
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

#[cfg(test)]
mod tests {
    /// The runtime keeps a table sorted by name as it is (registering it costs nothing at
    /// start-up); an unsorted one would be copied entry by entry at every start.
    #[test]
    fn the_module_table_is_sorted_by_name() {
        assert!(super::JS_MODULES.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
