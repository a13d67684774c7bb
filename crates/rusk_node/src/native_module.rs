//! `rusk:native/*` modules: an object of Rust functions built once per context, exported both
//! as named exports and as the default export.

use rquickjs::module::{Declarations, Exports};
use rquickjs::{Object, Value};

/// Declares `names` and `default`.
pub fn declare(decl: &Declarations, names: &[&str]) -> rquickjs::Result<()> {
    for name in names {
        decl.declare(*name)?;
    }
    decl.declare("default")?;
    Ok(())
}

/// Exports each of `names` from `obj`, and `obj` itself as the default.
pub fn export<'js>(
    exports: &Exports<'js>,
    obj: Object<'js>,
    names: &[&str],
) -> rquickjs::Result<()> {
    for name in names {
        if !obj.contains_key(*name)? {
            return Err(rquickjs::Exception::throw_internal(
                obj.ctx(),
                &format!("native module member '{name}' was declared but not built"),
            ));
        }
        let value: Value = obj.get(*name)?;
        exports.export(*name, value)?;
    }
    exports.export("default", obj)?;
    Ok(())
}

/// Defines a `ModuleDef` type `$ty` whose exports are the members `$names` of the object built
/// by `$build(ctx)`.
macro_rules! native_module {
    ($ty:ident, $build:path, $names:path) => {
        pub struct $ty;
        impl rquickjs::module::ModuleDef for $ty {
            fn declare(decl: &rquickjs::module::Declarations) -> rquickjs::Result<()> {
                $crate::native_module::declare(decl, $names)
            }
            fn evaluate<'js>(
                ctx: &rquickjs::Ctx<'js>,
                exports: &rquickjs::module::Exports<'js>,
            ) -> rquickjs::Result<()> {
                $crate::native_module::export(exports, $build(ctx)?, $names)
            }
        }
    };
}
pub(crate) use native_module;

/// Sets `obj[name]` to a Rust function.
macro_rules! func {
    ($obj:expr, $name:literal, $f:expr) => {
        $obj.set(
            $name,
            rquickjs::Function::new($obj.ctx().clone(), $f)?.with_name($name)?,
        )?
    };
}
pub(crate) use func;
