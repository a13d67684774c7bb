//! The core's globals and built-in modules: the JS bootstrap that builds timers, a core
//! `process`, `require`, `Bun`, `structuredClone`, ... and the `module` built-in. Node's
//! modules and the rest of its globals come from the `rusk_node` crate.

use std::rc::Rc;

use rquickjs::{Ctx, Function, Object};

use crate::host::Host;
use crate::module::BuiltinSource;

const BOOTSTRAP: &str = include_str!("../js/bootstrap.js");
/// `BOOTSTRAP` compiled by build.rs.
const BOOTSTRAP_BYTECODE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/bootstrap.qbc"));
const MODULE_MODULE: &str = include_str!("../js/module.js");

/// The built-in modules every runtime has. Names are canonical (without `node:`); `bun:*`
/// aliases are mapped by the resolver.
pub(crate) fn builtin_modules() -> crate::module::builtins::Builtins {
    let mut m = crate::module::builtins::Builtins::default();
    m.insert("module".to_string(), BuiltinSource::Js(MODULE_MODULE));
    m
}

// `BOOTSTRAP_PARTS: &[(name, bytecode, source)]`: js/bootstrap/*.js, compiled by build.rs.
include!(concat!(env!("OUT_DIR"), "/bootstrap_parts.rs"));

/// A script of the bootstrap (a function expression) evaluated: from its build-time bytecode,
/// or from `source` when this engine refuses the bytecode (QuickJS checks its version).
fn evaluate_script<'js>(
    ctx: &Ctx<'js>,
    bytecode: &'static [u8],
    source: &'static str,
    name: &str,
) -> rquickjs::Result<Function<'js>> {
    if let Some(f) = evaluate_bytecode(ctx, bytecode) {
        return Ok(f);
    }
    let mut opts = rquickjs::context::EvalOptions::default();
    opts.global = true;
    opts.filename = Some(name.into());
    ctx.eval_with_options(source, opts)
}

/// The function a part of the bootstrap (`js/bootstrap/<name>.js`) evaluates to.
pub(crate) fn bootstrap_part<'js>(ctx: &Ctx<'js>, name: &str) -> rquickjs::Result<Function<'js>> {
    let Some(&(_, bytecode, source)) = BOOTSTRAP_PARTS.iter().find(|p| p.0 == name) else {
        return Err(rquickjs::Exception::throw_internal(
            ctx,
            &format!("no bootstrap part named {name}"),
        ));
    };
    evaluate_script(ctx, bytecode, source, &format!("rusk:bootstrap/{name}"))
}

/// Evaluates build-time bytecode of a function expression. `None` when the engine refuses it.
fn evaluate_bytecode<'js>(ctx: &Ctx<'js>, bytecode: &'static [u8]) -> Option<Function<'js>> {
    use rquickjs::qjs;
    let raw = ctx.as_raw().as_ptr();
    // SAFETY: `raw` is the live context of this thread; the buffer is 'static and only read
    // (no ROM flag: QuickJS copies what it keeps); JS_EvalFunction consumes `func`, and the
    // result is owned by the returned Value.
    unsafe {
        let func = qjs::JS_ReadObject(
            raw,
            bytecode.as_ptr(),
            bytecode.len() as _,
            qjs::JS_READ_OBJ_BYTECODE as i32,
        );
        if qjs::JS_IsException(func) {
            let _ = ctx.catch();
            return None;
        }
        let result = qjs::JS_EvalFunction(raw, func);
        if qjs::JS_IsException(result) {
            let _ = ctx.catch();
            return None;
        }
        rquickjs::Value::from_raw(ctx.clone(), result).into_function()
    }
}

/// Installs the globals of a fresh context.
pub(crate) fn install<'js>(
    ctx: &Ctx<'js>,
    host: &Rc<Host>,
    argv: &[String],
) -> rquickjs::Result<()> {
    let helpers = crate::native::helpers(ctx, host, argv)?;
    crate::trace::mark("core natives");
    let internals = Object::new(ctx.clone())?;
    let bootstrap = evaluate_script(ctx, BOOTSTRAP_BYTECODE, BOOTSTRAP, "rusk:bootstrap")?;
    crate::trace::mark("bootstrap loaded");
    bootstrap.call::<_, ()>((helpers, internals.clone()))?;
    *host.internals.borrow_mut() = Some(rquickjs::Persistent::save(ctx, internals));
    Ok(())
}
