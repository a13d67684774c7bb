//! Globals and built-in modules: LLRT's Node-compatible modules plus rusk's own, and the JS
//! bootstrap that builds `process`, timers, `require`, `Bun`, `structuredClone`, ...

use std::collections::HashMap;
use std::rc::Rc;

use llrt_modules as llrt;
use rquickjs::{Ctx, Function, Object};

use crate::host::Host;
use crate::module::{native, BuiltinSource};

const BOOTSTRAP: &str = include_str!("../js/bootstrap.js");
const MODULE_MODULE: &str = include_str!("../js/module.js");
const BUN_MODULE: &str = include_str!("../js/bun.js");
const FS_MODULE: &str = include_str!("../js/fs.js");
const UTIL_MODULE: &str = include_str!("../js/util.js");

/// The built-in modules every runtime has. LLRT provides the Node ones; names are canonical
/// (without `node:`), `bun:*` aliases are mapped by the resolver.
pub(crate) fn builtin_modules() -> HashMap<String, BuiltinSource> {
    let mut m = HashMap::new();
    let mut add = |name: &str, src: BuiltinSource| {
        m.insert(name.to_string(), src);
    };
    add(
        "buffer",
        BuiltinSource::Native(native::<llrt::buffer::BufferModule>),
    );
    add(
        "path",
        BuiltinSource::Native(native::<llrt::path::PathModule>),
    );
    add(
        "path/posix",
        BuiltinSource::Native(native::<llrt::path::PathModule>),
    );
    add(
        "rusk:llrt-fs",
        BuiltinSource::Native(native::<llrt::fs::FsModule>),
    );
    add("fs", BuiltinSource::Js(FS_MODULE));
    add(
        "fs/promises",
        BuiltinSource::Native(native::<llrt::fs::FsPromisesModule>),
    );
    add("url", BuiltinSource::Native(native::<llrt::url::UrlModule>));
    add(
        "rusk:llrt-util",
        BuiltinSource::Native(native::<llrt::util::UtilModule>),
    );
    add("util", BuiltinSource::Js(UTIL_MODULE));
    add(
        "events",
        BuiltinSource::Native(native::<llrt::events::EventsModule>),
    );
    add("os", BuiltinSource::Native(native::<llrt::os::OsModule>));
    add(
        "timers",
        BuiltinSource::Native(native::<llrt::timers::TimersModule>),
    );
    add(
        "process",
        BuiltinSource::Native(native::<llrt::process::ProcessModule>),
    );
    add(
        "console",
        BuiltinSource::Native(native::<llrt::console::ConsoleModule>),
    );
    add(
        "string_decoder",
        BuiltinSource::Native(native::<llrt::string_decoder::StringDecoderModule>),
    );
    add(
        "perf_hooks",
        BuiltinSource::Native(native::<llrt::perf_hooks::PerfHooksModule>),
    );
    add("module", BuiltinSource::Js(MODULE_MODULE));
    add("rusk:bun", BuiltinSource::Js(BUN_MODULE));
    m
}

/// Installs the globals of a fresh context.
pub(crate) fn install<'js>(
    ctx: &Ctx<'js>,
    host: &Rc<Host>,
    argv: &[String],
) -> rquickjs::Result<()> {
    // LLRT globals: Buffer/atob/btoa, URL, TextEncoder/TextDecoder, EventTarget, console,
    // performance, process (its argv/exit are replaced by the bootstrap).
    llrt::buffer::init(ctx)?;
    llrt::url::init(ctx)?;
    llrt::util::init(ctx)?;
    llrt::events::init(ctx)?;
    llrt::console::init(ctx)?;
    llrt::perf_hooks::init(ctx)?;
    llrt::process::init(ctx)?;

    let helpers = crate::native::helpers(ctx, host, argv)?;
    let internals = Object::new(ctx.clone())?;
    let mut opts = rquickjs::context::EvalOptions::default();
    opts.global = true;
    opts.filename = Some("rusk:bootstrap".into());
    let bootstrap: Function = ctx.eval_with_options(BOOTSTRAP, opts)?;
    bootstrap.call::<_, ()>((helpers, internals.clone()))?;
    *host.internals.borrow_mut() = Some(rquickjs::Persistent::save(ctx, internals));
    Ok(())
}
