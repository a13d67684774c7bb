//! `internals.defineLazy(target, names, resolve, assign, enumerable)`: defines each name on
//! `target` as an accessor that becomes a plain value on first use. Reading one calls
//! `resolve(name)` and returns what it returns (`resolve` is expected to replace the accessor
//! with a data property); assigning one calls `assign(name, value)`.
//!
//! The Node layer defines ~80 such properties at every start (`Buffer`, `URL`, the web streams,
//! `Bun.file`, ...). In JS each cost ~11 k instructions: a descriptor object, a getter and a
//! setter closure, and `Object.defineProperty` reading the descriptor back. Here each is one
//! engine function object, used as both the getter and the setter (the engine calls a getter
//! with no arguments and a setter with one), holding the name and the two callbacks.

use rquickjs::{qjs, Array, Ctx, Function, Object, Value};

/// Reads `names` and defines each on `target`. Errors (a name that is not a string, an
/// allocation failure) are thrown as exceptions.
pub(crate) fn define_lazy<'js>(
    ctx: Ctx<'js>,
    target: Object<'js>,
    names: Array<'js>,
    resolve: Function<'js>,
    assign: Function<'js>,
    enumerable: bool,
) -> rquickjs::Result<()> {
    let raw_ctx = ctx.as_raw().as_ptr();
    let mut flags = (qjs::JS_PROP_HAS_GET
        | qjs::JS_PROP_HAS_SET
        | qjs::JS_PROP_HAS_CONFIGURABLE
        | qjs::JS_PROP_CONFIGURABLE
        | qjs::JS_PROP_HAS_ENUMERABLE
        | qjs::JS_PROP_THROW) as i32;
    if enumerable {
        flags |= qjs::JS_PROP_ENUMERABLE as i32;
    }
    for name in names.iter::<Value<'js>>() {
        let name = name?;
        if !name.is_string() {
            return Err(rquickjs::Exception::throw_type(
                &ctx,
                "defineLazy: names must be strings",
            ));
        }
        // The accessor's data: [resolve, assign, name] (kept alive and traced by the engine).
        let mut data = [resolve.as_raw(), assign.as_raw(), name.as_raw()];
        // SAFETY: `raw_ctx` is this thread's live context; `data` holds three live values the
        // engine duplicates into the new function; `accessor` has the JSCFunctionData
        // signature. The function and the atom are freed here on every path (JS_DefineProperty
        // takes its own references to the getter and setter).
        unsafe {
            let func = qjs::JS_NewCFunctionData(
                raw_ctx,
                Some(accessor),
                0,
                0,
                data.len() as i32,
                data.as_mut_ptr(),
            );
            if qjs::JS_IsException(func) {
                return Err(rquickjs::Error::Exception);
            }
            let atom = qjs::JS_ValueToAtom(raw_ctx, name.as_raw());
            if atom == qjs::JS_ATOM_NULL {
                qjs::JS_FreeValue(raw_ctx, func);
                return Err(rquickjs::Error::Exception);
            }
            let ok = qjs::JS_DefineProperty(
                raw_ctx,
                target.as_raw(),
                atom,
                qjs::JS_UNDEFINED,
                func,
                func,
                flags,
            );
            qjs::JS_FreeAtom(raw_ctx, atom);
            qjs::JS_FreeValue(raw_ctx, func);
            if ok < 0 {
                return Err(rquickjs::Error::Exception);
            }
        }
    }
    Ok(())
}

/// The getter and setter of one lazy property: with no argument it is the getter (returns
/// `resolve(name)`), with one it is the setter (`assign(name, value)`).
unsafe extern "C" fn accessor(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: i32,
    argv: *mut qjs::JSValue,
    _magic: i32,
    data: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: the engine passes the three data values given to JS_NewCFunctionData in
    // `define_lazy` and, when argc > 0, `argc` valid arguments. JS_Call does not take
    // ownership of the function, `this` or the arguments.
    unsafe {
        let resolve = *data;
        let assign = *data.add(1);
        let mut args = [*data.add(2), qjs::JS_UNDEFINED];
        if argc == 0 {
            qjs::JS_Call(ctx, resolve, qjs::JS_UNDEFINED, 1, args.as_mut_ptr())
        } else {
            args[1] = *argv;
            let result = qjs::JS_Call(ctx, assign, qjs::JS_UNDEFINED, 2, args.as_mut_ptr());
            if qjs::JS_IsException(result) {
                return result;
            }
            qjs::JS_FreeValue(ctx, result);
            qjs::JS_UNDEFINED
        }
    }
}
