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
    ("child_process", "js/child_process.js"),
    ("console", "js/console.js"),
    ("constants", "js/constants.js"),
    ("crypto", "js/crypto.js"),
    ("diagnostics_channel", "js/diagnostics_channel.js"),
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
    ("readline", "js/readline.js"),
    ("readline/promises", "js/readline_promises.js"),
    ("stream", "js/stream.js"),
    ("stream/consumers", "js/stream_consumers.js"),
    ("stream/promises", "js/stream_promises.js"),
    ("stream/web", "js/stream_web.js"),
    ("string_decoder", "js/string_decoder.js"),
    ("sys", "js/sys.js"),
    ("timers", "js/timers.js"),
    ("timers/promises", "js/timers_promises.js"),
    ("tty", "js/tty.js"),
    ("url", "js/url.js"),
    ("util", "js/util.js"),
    ("util/types", "js/util_types.js"),
    ("v8", "js/v8.js"),
    ("zlib", "js/zlib.js"),
    ("rusk:bun", "js/bun.js"),
    ("rusk:internal/bun_spawn", "js/internal/bun_spawn.js"),
    (
        "rusk:internal/compression_streams",
        "js/internal/compression_streams.js",
    ),
    ("rusk:internal/errors", "js/internal/errors.js"),
    ("rusk:internal/event_target", "js/internal/event_target.js"),
    ("rusk:internal/fs_streams", "js/internal/fs_streams.js"),
    ("rusk:internal/fs_utils", "js/internal/fs_utils.js"),
    ("rusk:internal/fs_watch", "js/internal/fs_watch.js"),
    ("rusk:internal/inspect", "js/internal/inspect.js"),
    ("rusk:internal/intl", "js/internal/intl.js"),
    (
        "rusk:internal/process_object",
        "js/internal/process_object.js",
    ),
    (
        "rusk:internal/readline_interface",
        "js/internal/readline_interface.js",
    ),
    (
        "rusk:internal/readline_utils",
        "js/internal/readline_utils.js",
    ),
    ("rusk:internal/stdio", "js/internal/stdio.js"),
    (
        "rusk:internal/streams_web_adapters",
        "js/internal/streams_web_adapters.js",
    ),
    ("rusk:internal/webstreams", "js/internal/webstreams.js"),
    (
        "rusk:internal/streams_add_abort_signal",
        "js/internal/streams_add_abort_signal.js",
    ),
    (
        "rusk:internal/streams_compose",
        "js/internal/streams_compose.js",
    ),
    (
        "rusk:internal/streams_destroy",
        "js/internal/streams_destroy.js",
    ),
    (
        "rusk:internal/streams_duplex",
        "js/internal/streams_duplex.js",
    ),
    (
        "rusk:internal/streams_duplex_pair",
        "js/internal/streams_duplex_pair.js",
    ),
    (
        "rusk:internal/streams_duplexify",
        "js/internal/streams_duplexify.js",
    ),
    (
        "rusk:internal/streams_end_of_stream",
        "js/internal/streams_end_of_stream.js",
    ),
    ("rusk:internal/streams_from", "js/internal/streams_from.js"),
    (
        "rusk:internal/streams_legacy",
        "js/internal/streams_legacy.js",
    ),
    (
        "rusk:internal/streams_operators",
        "js/internal/streams_operators.js",
    ),
    (
        "rusk:internal/streams_pipeline",
        "js/internal/streams_pipeline.js",
    ),
    (
        "rusk:internal/streams_readable",
        "js/internal/streams_readable.js",
    ),
    (
        "rusk:internal/streams_transform",
        "js/internal/streams_transform.js",
    ),
    (
        "rusk:internal/streams_utils",
        "js/internal/streams_utils.js",
    ),
    (
        "rusk:internal/streams_writable",
        "js/internal/streams_writable.js",
    ),
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
