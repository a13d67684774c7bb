//! rusk's Node/Bun layer: Node's built-in modules (`node:fs`, `node:buffer`, `node:util`, ...)
//! and globals (`Buffer`, `URL`, `TextDecoder`, `EventTarget`, a full `process`, Node's
//! `console`), each module an ES module in `js/` over small Rust natives in `src/`.
//!
//! ```no_run
//! let rt = rusk_node::register(rusk_runtime::Runtime::builder()).build().expect("runtime");
//! rt.eval_module("main.ts", "import { join } from 'node:path'; console.log(join('a', 'b'))");
//! ```

mod child_process;
mod crypto;
mod crypto_keys;
mod encoding;
mod fs;
mod host_clone;
mod intl;
mod module_files;
mod native_module;
mod os;
mod process;
mod sys_error;
mod url;
mod vm;
mod watch;
mod worker;
mod zlib;

use rquickjs::{Ctx, Function, Object, Symbol};
use rusk_runtime::RuntimeBuilder;

/// The generated TypeScript declarations of rusk_node's native classes.
pub const CLASSES_DTS: &str = concat!(
    include_str!(concat!(env!("OUT_DIR"), "/encoding.d.ts")),
    include_str!(concat!(env!("OUT_DIR"), "/crypto.d.ts")),
    include_str!(concat!(env!("OUT_DIR"), "/vm.d.ts")),
    include_str!(concat!(env!("OUT_DIR"), "/zlib.d.ts"))
);

// `JS_MODULES`: Node's built-in modules written in JS, by canonical name (without `node:`):
// `(name, bytecode, source)`. build.rs finds every file under js/ and compiles it to QuickJS
// bytecode, so start-up loads them instead of parsing them.
include!(concat!(env!("OUT_DIR"), "/js_modules.rs"));

/// Adds rusk_node's modules and globals to a runtime builder.
pub fn register(builder: RuntimeBuilder) -> RuntimeBuilder {
    let mut b = builder
        .module::<child_process::NativeChildProcess>("rusk:native/child_process")
        .module::<crypto::NativeCrypto>("rusk:native/crypto")
        .module::<fs::NativeFs>("rusk:native/fs")
        .module::<intl::NativeIntl>("rusk:native/intl")
        .module::<os::NativeOs>("rusk:native/os")
        .module::<process::NativeProcess>("rusk:native/process")
        .module::<url::NativeUrl>("rusk:native/url")
        .module::<vm::NativeVm>("rusk:native/vm")
        .module::<worker::NativeWorker>("rusk:native/worker")
        .module::<zlib::NativeZlib>("rusk:native/zlib")
        .compiled_modules(JS_MODULES);
    if let Some(dir) = std::env::var_os("RUSK_NODE_JS_DIR") {
        for (name, source) in dev_sources(std::path::Path::new(&dir)) {
            b = b.js_module(&name, source);
        }
    }
    b.global(move |ctx| {
        let internals: Object = ctx
            .globals()
            .get(Symbol::new_global(ctx.clone(), "rusk.internals")?)?;
        // TextEncoder and TextDecoder are installed on first use (rusk:internal/globals):
        // making the two classes cost ~67 k instructions at every start.
        internals.set(
            "installTextCodecs",
            Function::new(ctx.clone(), install_text_codecs)?,
        )?;
        host_clone::install(ctx, &internals)?;
        // The installer is the default export of the compiled module rusk:internal/globals.
        let require: Function = internals.get("requireBuiltin")?;
        let install: Function = require.call(("rusk:internal/globals",))?;
        rusk_runtime::trace::mark("node: globals installer loaded");
        install.call::<_, ()>((internals,))
    })
}

/// `internals.installTextCodecs(target)`: defines TextEncoder and TextDecoder on `target`.
fn install_text_codecs<'js>(ctx: Ctx<'js>, target: Object<'js>) -> rquickjs::Result<()> {
    encoding::install(&ctx, &target)
}

/// For developing the JS modules: with `RUSK_NODE_JS_DIR` set (to `crates/rusk_node/js`), the
/// modules' sources are read from that directory at start-up, in place of the compiled ones,
/// and new files are registered too — edit, rerun, no rebuild. File names map to module names
/// as in build.rs (src/module_files.rs).
/// The sources are leaked: they live as long as the process, as compiled-in ones do.
fn dev_sources(dir: &std::path::Path) -> Vec<(String, &'static str)> {
    let read = |p: &std::path::Path| -> Option<&'static str> {
        std::fs::read_to_string(p)
            .ok()
            .map(|s| &*Box::leak(s.into_boxed_str()))
    };
    module_files::module_files(dir)
        .into_iter()
        .filter_map(|(name, path)| Some((name, read(&path)?)))
        .collect()
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
