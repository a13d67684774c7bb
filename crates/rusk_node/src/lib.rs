//! rusk's Node/Bun layer: Node's built-in modules (`node:fs`, `node:buffer`, `node:util`, ...)
//! and globals (`Buffer`, `URL`, `TextDecoder`, `EventTarget`, a full `process`, Node's
//! `console`), each module an ES module in `js/` over small Rust natives in `src/`.
//!
//! ```no_run
//! let rt = rusk_node::register(rusk_runtime::Runtime::builder()).build().expect("runtime");
//! rt.eval_module("main.ts", "import { join } from 'node:path'; console.log(join('a', 'b'))");
//! ```

mod encoding;
mod fs;
mod native_module;
mod os;
mod process;
mod sys_error;
mod url;
mod watch;

use rquickjs::{Function, Object};
use rusk_runtime::RuntimeBuilder;

/// The generated TypeScript declarations of rusk_node's native classes.
pub const CLASSES_DTS: &str = include_str!(concat!(env!("OUT_DIR"), "/encoding.d.ts"));

// `JS_MODULES`: Node's built-in modules written in JS, by canonical name (without `node:`):
// `(name, bytecode, source)`. build.rs holds the list and compiles each file to QuickJS bytecode,
// so start-up loads them instead of parsing them.
include!(concat!(env!("OUT_DIR"), "/js_modules.rs"));

/// Installs the lazy globals and upgrades the core's `process` (run once per context).
const GLOBALS_JS: &str = include_str!("../js/internal/globals.js");

/// Adds rusk_node's modules and globals to a runtime builder.
pub fn register(builder: RuntimeBuilder) -> RuntimeBuilder {
    let mut b = builder
        .module::<fs::NativeFs>("rusk:native/fs")
        .module::<os::NativeOs>("rusk:native/os")
        .module::<process::NativeProcess>("rusk:native/process")
        .module::<url::NativeUrl>("rusk:native/url");
    for (name, bytecode, source) in JS_MODULES {
        b = b.compiled_module(name, bytecode, source);
    }
    b.global(|ctx| {
        encoding::install(ctx, &ctx.globals())?;
        let internals: Object = ctx.eval("globalThis[Symbol.for('rusk.internals')]")?;
        let mut opts = rquickjs::context::EvalOptions::default();
        opts.global = true;
        opts.filename = Some("rusk:internal/globals".into());
        let install: Function = ctx.eval_with_options(GLOBALS_JS, opts)?;
        install.call::<_, ()>((internals,))
    })
}
