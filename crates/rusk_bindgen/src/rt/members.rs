//! Members made per instance or per context: own properties, the values array, builtin (JS) members.

use super::*;

/// Runs `D::define_own_properties` on a new instance; `Err` carries `JS_EXCEPTION` (pending).
///
/// # Safety
/// `ctx` is live; `obj` is a live object holding `value`.
pub(crate) unsafe fn define_own_properties<D: ClassDef>(
    ctx: RawCtx,
    obj: RawValue,
    value: &D::Value,
) -> Result<(), RawValue> {
    // SAFETY: `ctx` is live for the call (caller contract).
    let cx = unsafe { borrowed_ctx(ctx) };
    // SAFETY: `obj` is live; the `Value` takes its own reference.
    let object = unsafe { Value::from_raw(Ctx::clone(&cx), qjs::JS_DupValue(ctx, obj)) };
    let Some(object) = object.into_object() else {
        return Ok(());
    };
    match catch_unwind(AssertUnwindSafe(|| {
        D::define_own_properties(&cx, &object, value)
    })) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(throw_error(&cx, e)),
        Err(payload) => {
            let message = format!(
                "Rust panic in the own properties of {}: {}",
                D::NAME.to_string_lossy(),
                panic_message(payload.as_ref())
            );
            let _ = Exception::throw_message(&cx, &message);
            Err(qjs::JS_EXCEPTION)
        }
    }
}

/// Define the own property `key` of a new instance (`own`), as a class field is: enumerable,
/// writable and configurable, with the value the Rust method returned.
pub fn define_own<'js, R: IntoReturn<'js>>(
    ctx: &Ctx<'js>,
    obj: &Object<'js>,
    key: &CStr,
    value: JsResult<R>,
) -> JsResult<()> {
    let raw = value?.into_return(ctx)?;
    let raw_ctx = ctx.as_raw().as_ptr();
    // SAFETY: `raw_ctx` live; `raw` is an owned value, consumed by the define; the atom is
    // freed after.
    let rc = unsafe {
        let atom = qjs::JS_NewAtom(raw_ctx, key.as_ptr());
        let rc = qjs::JS_DefinePropertyValue(
            raw_ctx,
            obj.as_raw(),
            atom,
            raw,
            qjs::JS_PROP_C_W_E as c_int,
        );
        qjs::JS_FreeAtom(raw_ctx, atom);
        rc
    };
    if rc < 0 {
        return Err(JsError::Exception);
    }
    Ok(())
}

/// The array of GC-traced values of an instance (`valuesArray`), kept in its slot `slot` and
/// made on first use; `None` when `this` is not an instance of `D` (or of a subclass). Values
/// stored there live as long as the instance (the slot is marked with it) and no longer.
pub fn values_array<'js, D: ClassDef>(
    this: &Value<'js>,
    slot: usize,
) -> JsResult<Option<rquickjs::Array<'js>>> {
    // SAFETY: `this` keeps the instance alive.
    if unsafe { D::receiver(this.as_raw()) }.is_none() {
        return Ok(None);
    }
    if let Some(existing) = slot_get::<D>(this, slot).and_then(|v| v.into_array()) {
        return Ok(Some(existing));
    }
    let array = rquickjs::Array::new(this.ctx().clone())?;
    slot_set::<D>(this, slot, array.clone().into_value());
    Ok(Some(array))
}

/// A member written in JS (`builtin`), as the generated code describes it.
pub struct Builtin<'a> {
    /// The property key.
    pub key: Key,
    /// The function's `name` (`scaled`, `[Symbol.toPrimitive]`).
    pub name: &'a CStr,
    /// The function's `length`; `None` keeps the one its parameters give.
    pub length: Option<c_int>,
    /// The source: a `function` expression.
    pub source: &'a str,
    /// `Class.prototype.member` / `Class.member`, for errors and stack traces.
    pub display: &'a str,
}

/// Compile a member written in JS (`builtin`) and define it on `obj` like a method (with
/// property flags `flags`). Runs once per context, when the class objects are made; a source
/// that does not compile to a function is a `SyntaxError`/`TypeError` naming the member.
/// Returns `Ok(false)` when the key is a symbol this engine lacks.
pub fn define_builtin(
    ctx: &Ctx<'_>,
    obj: &Object<'_>,
    builtin: &Builtin<'_>,
    flags: c_int,
) -> JsResult<bool> {
    let Builtin {
        key,
        name,
        length,
        source,
        display,
    } = *builtin;
    let raw_ctx = ctx.as_raw().as_ptr();
    let Some(atom) = key_atom(raw_ctx, key)? else {
        return Ok(false);
    };
    let release = |atom| {
        // SAFETY: `raw_ctx` live; the atom was made above.
        unsafe { qjs::JS_FreeAtom(raw_ctx, atom) }
    };
    // Parenthesised, the source is a function expression; strict, as class code is. The line
    // break keeps a trailing `//` comment from swallowing the closing parenthesis.
    let mut options = rquickjs::context::EvalOptions::default();
    options.global = true;
    options.strict = true;
    options.filename = Some(format!("builtin {display}"));
    let compiled = ctx.eval_with_options::<Value, _>(format!("({source}\n)"), options);
    let function = match compiled {
        Ok(v) => match v.into_function() {
            Some(f) => f,
            None => {
                release(atom);
                return Err(Exception::throw_type(
                    ctx,
                    &format!("rusk_bindgen: the builtin {display} is not a function"),
                ));
            }
        },
        Err(e) => {
            release(atom);
            let reason = match e {
                JsError::Exception => {
                    let caught = ctx.catch();
                    caught
                        .as_exception()
                        .and_then(|x| x.message())
                        .unwrap_or_else(|| format!("{caught:?}"))
                }
                other => other.to_string(),
            };
            return Err(Exception::throw_syntax(
                ctx,
                &format!("rusk_bindgen: the builtin {display} does not compile: {reason}"),
            ));
        }
    };
    let fixed = |prop: &CStr, value: RawValue| -> c_int {
        // SAFETY: `raw_ctx` live; `value` is owned and consumed by the define. A function's
        // `name` and `length` are configurable, not writable, not enumerable.
        unsafe {
            qjs::JS_DefinePropertyValueStr(
                raw_ctx,
                function.as_raw(),
                prop.as_ptr(),
                value,
                qjs::JS_PROP_CONFIGURABLE as c_int,
            )
        }
    };
    // SAFETY: `raw_ctx` live; a new string value, owned by the define.
    let mut rc = fixed(c"name", unsafe {
        qjs::JS_NewAtomString(raw_ctx, name.as_ptr())
    });
    if let Some(length) = length {
        rc = rc.min(fixed(c"length", qjs::JS_MKVAL(qjs::JS_TAG_INT, length)));
    }
    if rc >= 0 {
        // SAFETY: `raw_ctx` live; the duplicated function is consumed by the define.
        rc = unsafe {
            qjs::JS_DefinePropertyValue(
                raw_ctx,
                obj.as_raw(),
                atom,
                qjs::JS_DupValue(raw_ctx, function.as_raw()),
                flags,
            )
        };
    }
    release(atom);
    if rc < 0 {
        return Err(JsError::Exception);
    }
    Ok(true)
}
