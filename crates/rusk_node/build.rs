//! Generates the glue of rusk_node's native classes (`TextEncoder`, `TextDecoder`), and compiles
//! the built-in JS modules to QuickJS bytecode (start-up then loads them instead of parsing).

use std::fmt::Write as _;
use std::path::Path;

use rquickjs::loader::{ImportAttributes, Loader, Resolver};
use rquickjs::module::{Declared, WriteOptions};
use rquickjs::{Context, Ctx, Module, Runtime};

/// Node's built-in modules written in JS: (canonical name, file).
const JS_MODULES: &[(&str, &str)] = &[
    ("assert", "js/assert.js"),
    ("assert/strict", "js/assert_strict.js"),
    ("buffer", "js/buffer.js"),
    ("console", "js/console.js"),
    ("constants", "js/constants.js"),
    ("crypto", "js/crypto.js"),
    ("events", "js/events.js"),
    ("fs", "js/fs.js"),
    ("fs/promises", "js/fs_promises.js"),
    ("os", "js/os.js"),
    ("path", "js/path.js"),
    ("path/posix", "js/path_posix.js"),
    ("path/win32", "js/path_win32.js"),
    ("perf_hooks", "js/perf_hooks.js"),
    ("process", "js/process.js"),
    ("querystring", "js/querystring.js"),
    ("string_decoder", "js/string_decoder.js"),
    ("sys", "js/sys.js"),
    ("timers", "js/timers.js"),
    ("timers/promises", "js/timers_promises.js"),
    ("tty", "js/tty.js"),
    ("url", "js/url.js"),
    ("util", "js/util.js"),
    ("util/types", "js/util_types.js"),
    ("zlib", "js/zlib.js"),
    ("rusk:bun", "js/bun.js"),
    ("rusk:internal/errors", "js/internal/errors.js"),
    ("rusk:internal/event_target", "js/internal/event_target.js"),
    ("rusk:internal/fs_utils", "js/internal/fs_utils.js"),
    ("rusk:internal/fs_watch", "js/internal/fs_watch.js"),
    ("rusk:internal/inspect", "js/internal/inspect.js"),
];

/// Compiling a module makes QuickJS load what it imports; the build's stand-ins compile the
/// listed modules from source and give every other import (the Rust natives) an empty module.
/// Nothing is linked or run here, so the stand-ins' exports do not matter.
struct BuildTimeImports;

impl Resolver for BuildTimeImports {
    fn resolve<'js>(
        &mut self,
        _: &Ctx<'js>,
        _: &str,
        name: &str,
        _: Option<ImportAttributes<'js>>,
    ) -> rquickjs::Result<String> {
        Ok(name.strip_prefix("node:").unwrap_or(name).to_string())
    }
}

impl Loader for BuildTimeImports {
    fn load<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        name: &str,
        _: Option<ImportAttributes<'js>>,
    ) -> rquickjs::Result<Module<'js, Declared>> {
        match JS_MODULES.iter().find(|(n, _)| *n == name) {
            Some((_, file)) => {
                let source =
                    std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
                Module::declare(ctx.clone(), name, source)
            }
            None => Module::declare(ctx.clone(), name, "export default {};"),
        }
    }
}

fn main() {
    rusk_bindgen::Generator::new()
        .file("src/encoding.classes.ts")
        .file("src/crypto.classes.ts")
        .file("src/zlib.classes.ts")
        .build_script();

    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let rt = Runtime::new().expect("a QuickJS runtime for compiling");
    rt.set_loader(BuildTimeImports, BuildTimeImports);
    let ctx = Context::full(&rt).expect("a QuickJS context for compiling");
    let mut table = String::from("pub const JS_MODULES: &[(&str, &[u8], &str)] = &[\n");
    ctx.with(|ctx| {
        for (name, file) in JS_MODULES {
            println!("cargo:rerun-if-changed={file}");
            let source = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
            let bytecode = Module::declare(ctx.clone(), *name, source)
                .and_then(|m| m.write(WriteOptions::default()))
                .unwrap_or_else(|e| {
                    let detail = ctx.catch();
                    panic!("{file} does not compile: {e}: {detail:?}")
                });
            let out_name = format!("{}.qbc", name.replace([':', '/'], "_"));
            std::fs::write(Path::new(&out_dir).join(&out_name), bytecode)
                .unwrap_or_else(|e| panic!("writing {out_name}: {e}"));
            let _ = writeln!(
                table,
                "    ({name:?}, include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{out_name}\")), include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{file}\"))),"
            );
        }
    });
    table.push_str("];\n");
    std::fs::write(Path::new(&out_dir).join("js_modules.rs"), table)
        .expect("writing js_modules.rs");
}
