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

/// Node's built-in modules written in JS, by canonical name (without `node:`).
pub const JS_MODULES: &[(&str, &str)] = &[
    ("buffer", include_str!("../js/buffer.js")),
    ("console", include_str!("../js/console.js")),
    ("events", include_str!("../js/events.js")),
    ("fs", include_str!("../js/fs.js")),
    ("fs/promises", include_str!("../js/fs_promises.js")),
    ("os", include_str!("../js/os.js")),
    ("path", include_str!("../js/path.js")),
    ("path/posix", include_str!("../js/path_posix.js")),
    ("path/win32", include_str!("../js/path_win32.js")),
    ("perf_hooks", include_str!("../js/perf_hooks.js")),
    ("process", include_str!("../js/process.js")),
    ("querystring", include_str!("../js/querystring.js")),
    ("string_decoder", include_str!("../js/string_decoder.js")),
    ("sys", include_str!("../js/sys.js")),
    ("timers", include_str!("../js/timers.js")),
    ("timers/promises", include_str!("../js/timers_promises.js")),
    ("url", include_str!("../js/url.js")),
    ("util", include_str!("../js/util.js")),
    ("util/types", include_str!("../js/util_types.js")),
    ("rusk:bun", include_str!("../js/bun.js")),
    (
        "rusk:internal/errors",
        include_str!("../js/internal/errors.js"),
    ),
    (
        "rusk:internal/event_target",
        include_str!("../js/internal/event_target.js"),
    ),
    (
        "rusk:internal/fs_utils",
        include_str!("../js/internal/fs_utils.js"),
    ),
    (
        "rusk:internal/fs_watch",
        include_str!("../js/internal/fs_watch.js"),
    ),
    (
        "rusk:internal/inspect",
        include_str!("../js/internal/inspect.js"),
    ),
];

/// Installs the lazy globals and upgrades the core's `process` (run once per context).
const GLOBALS_JS: &str = include_str!("../js/internal/globals.js");

/// Adds rusk_node's modules and globals to a runtime builder.
pub fn register(builder: RuntimeBuilder) -> RuntimeBuilder {
    let mut b = builder
        .module::<fs::NativeFs>("rusk:native/fs")
        .module::<os::NativeOs>("rusk:native/os")
        .module::<process::NativeProcess>("rusk:native/process")
        .module::<url::NativeUrl>("rusk:native/url");
    for (name, source) in JS_MODULES {
        b = b.js_module(name, source);
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
