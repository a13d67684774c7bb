//! The core's globals and built-in modules: the JS bootstrap that builds timers, a core
//! `process`, `require`, `Bun`, `structuredClone`, ... and the `module` built-in. Node's
//! modules and the rest of its globals come from the `rusk_node` crate.

use std::collections::HashMap;
use std::rc::Rc;

use rquickjs::{Ctx, Function, Object};

use crate::host::Host;
use crate::module::BuiltinSource;

const BOOTSTRAP: &str = include_str!("../js/bootstrap.js");
const MODULE_MODULE: &str = include_str!("../js/module.js");

/// The built-in modules every runtime has. Names are canonical (without `node:`); `bun:*`
/// aliases are mapped by the resolver.
pub(crate) fn builtin_modules() -> HashMap<String, BuiltinSource> {
    let mut m = HashMap::new();
    m.insert("module".to_string(), BuiltinSource::Js(MODULE_MODULE));
    m
}

/// Installs the globals of a fresh context.
pub(crate) fn install<'js>(
    ctx: &Ctx<'js>,
    host: &Rc<Host>,
    argv: &[String],
) -> rquickjs::Result<()> {
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
