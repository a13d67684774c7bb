//! Prototype and constructor setup: property keys, definitions, class objects.

use super::*;

/// A property key: a string name or a well-known symbol.
#[derive(Clone, Copy, Debug)]
pub enum Key {
    /// A string key.
    Name(&'static CStr),
    /// `Symbol.<name>`, e.g. `Symbol(c"iterator")`.
    Symbol(&'static CStr),
    /// `Symbol.for(<name>)`, e.g. `Registered(c"nodejs.util.inspect.custom")`.
    Registered(&'static CStr),
}

/// The atom of `key`, or `None` when the well-known symbol does not exist in this engine.
pub(crate) fn key_atom(ctx: RawCtx, key: Key) -> JsResult<Option<qjs::JSAtom>> {
    match key {
        // SAFETY: `ctx` live; `name` is NUL-terminated.
        Key::Name(name) => Ok(Some(unsafe { qjs::JS_NewAtom(ctx, name.as_ptr()) })),
        Key::Symbol(name) => {
            // SAFETY: `ctx` live; every value obtained here is freed before returning.
            unsafe {
                let global = qjs::JS_GetGlobalObject(ctx);
                let symbol_ctor = qjs::JS_GetPropertyStr(ctx, global, c"Symbol".as_ptr());
                qjs::JS_FreeValue(ctx, global);
                if qjs::JS_IsException(symbol_ctor) {
                    return Err(JsError::Exception);
                }
                let sym = qjs::JS_GetPropertyStr(ctx, symbol_ctor, name.as_ptr());
                qjs::JS_FreeValue(ctx, symbol_ctor);
                if qjs::JS_IsException(sym) {
                    return Err(JsError::Exception);
                }
                if !qjs::JS_IsSymbol(sym) {
                    qjs::JS_FreeValue(ctx, sym);
                    return Ok(None);
                }
                let atom = qjs::JS_ValueToAtom(ctx, sym);
                qjs::JS_FreeValue(ctx, sym);
                Ok(Some(atom))
            }
        }
        Key::Registered(name) => {
            // SAFETY: `ctx` live; every value obtained here is freed before returning.
            unsafe {
                let global = qjs::JS_GetGlobalObject(ctx);
                let symbol_ctor = qjs::JS_GetPropertyStr(ctx, global, c"Symbol".as_ptr());
                qjs::JS_FreeValue(ctx, global);
                let for_fn = qjs::JS_GetPropertyStr(ctx, symbol_ctor, c"for".as_ptr());
                let bytes = name.to_bytes();
                let mut arg = qjs::JS_NewStringLen(ctx, bytes.as_ptr().cast(), bytes.len() as _);
                let sym = qjs::JS_Call(ctx, for_fn, symbol_ctor, 1, &mut arg);
                qjs::JS_FreeValue(ctx, arg);
                qjs::JS_FreeValue(ctx, for_fn);
                qjs::JS_FreeValue(ctx, symbol_ctor);
                if qjs::JS_IsException(sym) {
                    return Err(JsError::Exception);
                }
                let atom = qjs::JS_ValueToAtom(ctx, sym);
                qjs::JS_FreeValue(ctx, sym);
                Ok(Some(atom))
            }
        }
    }
}

/// Property attributes of a member (`enumerable`/`configurable`/`writable` in a definition);
/// the defaults are a class's: methods writable and configurable, accessors configurable,
/// neither enumerable.
pub const PROP_METHOD: c_int = (qjs::JS_PROP_CONFIGURABLE | qjs::JS_PROP_WRITABLE) as c_int;
pub const PROP_ACCESSOR: c_int = qjs::JS_PROP_CONFIGURABLE as c_int;
pub const PROP_ENUMERABLE: c_int = qjs::JS_PROP_ENUMERABLE as c_int;
pub const PROP_CONFIGURABLE: c_int = qjs::JS_PROP_CONFIGURABLE as c_int;
pub const PROP_WRITABLE: c_int = qjs::JS_PROP_WRITABLE as c_int;

/// Define a method `key` on `obj`. Returns `Ok(false)` when `key` is a symbol this engine
/// lacks (the member is skipped).
///
/// # Safety
/// `f` must be a thunk that is sound to call with any receiver and arguments QuickJS passes.
pub unsafe fn define_method(
    ctx: &Ctx<'_>,
    obj: &Object<'_>,
    key: Key,
    fn_name: &CStr,
    length: c_int,
    f: MethodFn,
    flags: c_int,
) -> JsResult<bool> {
    let raw_ctx = ctx.as_raw().as_ptr();
    let Some(atom) = key_atom(raw_ctx, key)? else {
        return Ok(false);
    };
    // SAFETY: `raw_ctx` live; `f` is a valid generic C function (caller contract); the function
    // value is consumed by `JS_DefinePropertyValue`; the atom is freed afterwards.
    let rc = unsafe {
        let func = qjs::JS_NewCFunction2(
            raw_ctx,
            Some(f),
            fn_name.as_ptr(),
            length,
            qjs::JSCFunctionEnum_JS_CFUNC_generic,
            0,
        );
        let rc = if qjs::JS_IsException(func) {
            -1
        } else {
            qjs::JS_DefinePropertyValue(raw_ctx, obj.as_raw(), atom, func, flags)
        };
        qjs::JS_FreeAtom(raw_ctx, atom);
        rc
    };
    if rc < 0 {
        return Err(JsError::Exception);
    }
    Ok(true)
}

/// Define an accessor `key` on `obj` with an optional getter and setter.
///
/// # Safety
/// As for [`define_method`], for both thunks.
pub unsafe fn define_accessor(
    ctx: &Ctx<'_>,
    obj: &Object<'_>,
    key: Key,
    getter: Option<(&CStr, GetterFn)>,
    setter: Option<(&CStr, SetterFn)>,
    flags: c_int,
) -> JsResult<bool> {
    let raw_ctx = ctx.as_raw().as_ptr();
    let Some(atom) = key_atom(raw_ctx, key)? else {
        return Ok(false);
    };
    // SAFETY: the unions reinterpret getter/setter thunks as the generic pointer type that
    // `JS_NewCFunction2` takes; QuickJS calls them back through the matching `cproto`
    // (`JS_CFUNC_getter` / `JS_CFUNC_setter`), exactly as C code does with `JS_CGETSET_DEF`.
    // Values are consumed by `JS_DefinePropertyGetSet`; the atom is freed afterwards.
    let rc = unsafe {
        let get = match getter {
            Some((name, g)) => qjs::JS_NewCFunction2(
                raw_ctx,
                qjs::JSCFunctionType { getter: Some(g) }.generic,
                name.as_ptr(),
                0,
                qjs::JSCFunctionEnum_JS_CFUNC_getter,
                0,
            ),
            None => qjs::JS_UNDEFINED,
        };
        let set = match setter {
            Some((name, s)) => qjs::JS_NewCFunction2(
                raw_ctx,
                qjs::JSCFunctionType { setter: Some(s) }.generic,
                name.as_ptr(),
                1,
                qjs::JSCFunctionEnum_JS_CFUNC_setter,
                0,
            ),
            None => qjs::JS_UNDEFINED,
        };
        let rc = if qjs::JS_IsException(get) || qjs::JS_IsException(set) {
            qjs::JS_FreeValue(raw_ctx, get);
            qjs::JS_FreeValue(raw_ctx, set);
            -1
        } else {
            qjs::JS_DefinePropertyGetSet(raw_ctx, obj.as_raw(), atom, get, set, flags)
        };
        qjs::JS_FreeAtom(raw_ctx, atom);
        rc
    };
    if rc < 0 {
        return Err(JsError::Exception);
    }
    Ok(true)
}

pub(crate) fn owned_object<'js>(ctx: &Ctx<'js>, raw: RawValue) -> JsResult<Object<'js>> {
    // SAFETY: reading a tag.
    if unsafe { qjs::JS_IsException(raw) } {
        return Err(JsError::Exception);
    }
    // SAFETY: `raw` is an owned value of this context.
    let value = unsafe { Value::from_raw(ctx.clone(), raw) };
    value
        .into_object()
        .ok_or_else(|| Exception::throw_internal(ctx, "rusk_bindgen: expected an object"))
}

/// Class prototype and constructor of `D` in `ctx`, created (and the class registered) on
/// first use. A class without a constructor (`noConstructor`) has none: use [`prototype`].
pub fn class_objects<'js, D: ClassDef>(ctx: &Ctx<'js>) -> JsResult<(Object<'js>, Object<'js>)> {
    if !D::HAS_CONSTRUCTOR {
        return Err(Exception::throw_type(
            ctx,
            &format!(
                "{} has no constructor (it is defined with `noConstructor: true`)",
                D::NAME.to_string_lossy()
            ),
        ));
    }
    let raw_ctx = ctx.as_raw().as_ptr();
    let id = register::<D>(raw_ctx)?;
    let data = context_data(raw_ctx)?;
    let existing = data
        .ctors
        .try_borrow()
        .ok()
        .and_then(|c| c.iter().find(|(cid, _)| *cid == id).map(|(_, v)| *v));
    if let Some(ctor) = existing {
        // SAFETY: `raw_ctx` live; both values are duplicated / returned owned.
        let (proto, ctor) = unsafe {
            (
                qjs::JS_GetClassProto(raw_ctx, id),
                qjs::JS_DupValue(raw_ctx, ctor),
            )
        };
        return Ok((owned_object(ctx, proto)?, owned_object(ctx, ctor)?));
    }
    let base = D::base(ctx)?;
    let proto = new_prototype::<D>(ctx, base.as_ref())?;
    // SAFETY: `raw_ctx` live; the thunk follows the `constructor_or_func` convention.
    let ctor = owned_object(ctx, unsafe {
        qjs::JS_NewCFunction2(
            raw_ctx,
            Some(D::constructor_thunk()),
            D::NAME.as_ptr(),
            D::CTOR_LENGTH,
            qjs::JSCFunctionEnum_JS_CFUNC_constructor_or_func,
            0,
        )
    })?;
    // SAFETY: both objects are live; neither value is consumed.
    unsafe { qjs::JS_SetConstructor(raw_ctx, ctor.as_raw(), proto.as_raw()) };
    // `extends`: the constructor inherits the parent's statics, as `class B extends A` does.
    if let Some(parent) = base.as_ref().and_then(|b| b.constructor.as_ref()) {
        // SAFETY: both objects are live; neither value is consumed.
        if unsafe { qjs::JS_SetPrototype(raw_ctx, ctor.as_raw(), parent.as_raw()) } < 0 {
            return Err(JsError::Exception);
        }
    }
    D::setup_constructor(ctx, &ctor)?;
    // SAFETY: `JS_SetClassProto` takes ownership of the duplicated prototype; the context data
    // list owns the duplicated constructor.
    unsafe {
        qjs::JS_SetClassProto(raw_ctx, id, qjs::JS_DupValue(raw_ctx, proto.as_raw()));
        if let Ok(mut ctors) = data.ctors.try_borrow_mut() {
            ctors.push((id, qjs::JS_DupValue(raw_ctx, ctor.as_raw())));
        }
    }
    Ok((proto, ctor))
}

/// A new prototype for `D`: inheriting from `base` (`extends`) or `Object.prototype`, with the
/// class's members and its `Symbol.toStringTag`.
pub(crate) fn new_prototype<'js, D: ClassDef>(
    ctx: &Ctx<'js>,
    base: Option<&Base<'js>>,
) -> JsResult<Object<'js>> {
    let raw_ctx = ctx.as_raw().as_ptr();
    // SAFETY: `raw_ctx` live; the parent prototype is borrowed; returns an owned value.
    let proto = owned_object(ctx, unsafe {
        match base {
            Some(b) => qjs::JS_NewObjectProto(raw_ctx, b.prototype.as_raw()),
            None => qjs::JS_NewObject(raw_ctx),
        }
    })?;
    D::setup_prototype(ctx, &proto)?;
    // `Symbol.toStringTag` = class name, unless the definition provides one. Only an own tag
    // counts: a subclass's prototype inherits its parent's.
    if let Some(atom) = key_atom(raw_ctx, Key::Symbol(c"toStringTag"))? {
        // SAFETY: `raw_ctx` live; a null descriptor only asks whether the property exists; the
        // string is consumed by the define; the atom is freed after.
        unsafe {
            let has_tag =
                qjs::JS_GetOwnProperty(raw_ctx, std::ptr::null_mut(), proto.as_raw(), atom) > 0;
            if !has_tag {
                let name = qjs::JS_NewAtomString(raw_ctx, D::NAME.as_ptr());
                qjs::JS_DefinePropertyValue(
                    raw_ctx,
                    proto.as_raw(),
                    atom,
                    name,
                    qjs::JS_PROP_CONFIGURABLE as c_int,
                );
            }
            qjs::JS_FreeAtom(raw_ctx, atom);
        }
    }
    Ok(proto)
}

/// The class prototype of `D` in `ctx` (created on first use).
pub fn prototype<'js, D: ClassDef>(ctx: &Ctx<'js>) -> JsResult<Object<'js>> {
    let raw_ctx = ctx.as_raw().as_ptr();
    let id = register::<D>(raw_ctx)?;
    // SAFETY: `raw_ctx` live; returns an owned value.
    let proto = unsafe { qjs::JS_GetClassProto(raw_ctx, id) };
    // SAFETY: reading a tag.
    if unsafe { qjs::JS_IsObject(proto) } {
        return owned_object(ctx, proto);
    }
    // SAFETY: `proto` is owned (null / undefined).
    unsafe { qjs::JS_FreeValue(raw_ctx, proto) };
    if D::HAS_CONSTRUCTOR {
        return class_objects::<D>(ctx).map(|(p, _)| p);
    }
    // `noConstructor`: the prototype alone, owned by the context as the class prototype.
    let base = D::base(ctx)?;
    let proto = new_prototype::<D>(ctx, base.as_ref())?;
    // SAFETY: `JS_SetClassProto` takes ownership of the duplicated prototype.
    unsafe { qjs::JS_SetClassProto(raw_ctx, id, qjs::JS_DupValue(raw_ctx, proto.as_raw())) };
    Ok(proto)
}

/// Define the constructor of `D` as `target[NAME]` (writable, configurable, not enumerable).
pub fn install<'js, D: ClassDef>(ctx: &Ctx<'js>, target: &Object<'js>) -> JsResult<()> {
    let (_, ctor) = class_objects::<D>(ctx)?;
    let raw_ctx = ctx.as_raw().as_ptr();
    // SAFETY: `raw_ctx` live; the duplicated constructor is consumed by the define.
    let rc = unsafe {
        let atom = qjs::JS_NewAtom(raw_ctx, D::NAME.as_ptr());
        let rc = qjs::JS_DefinePropertyValue(
            raw_ctx,
            target.as_raw(),
            atom,
            qjs::JS_DupValue(raw_ctx, ctor.as_raw()),
            PROP_METHOD,
        );
        qjs::JS_FreeAtom(raw_ctx, atom);
        rc
    };
    if rc < 0 {
        return Err(JsError::Exception);
    }
    Ok(())
}

/// Wrap a Rust value into a new instance of `D`.
pub fn to_js<'js, D: ClassDef>(ctx: &Ctx<'js>, value: D::Value) -> JsResult<Value<'js>> {
    let proto = match prototype::<D>(ctx) {
        Ok(proto) => proto,
        Err(e) => {
            D::finalize(value);
            return Err(e);
        }
    };
    // SAFETY: the class is registered in this runtime (`class_objects`); `proto` is live.
    let raw = unsafe { new_instance::<D>(ctx.as_raw().as_ptr(), proto.as_raw(), value) };
    // SAFETY: reading a tag.
    if unsafe { qjs::JS_IsException(raw) } {
        return Err(JsError::Exception);
    }
    // SAFETY: `raw` is an owned value of this context.
    Ok(unsafe { Value::from_raw(ctx.clone(), raw) })
}

/// The Rust value of an instance of `D`, or `None`.
pub fn from_js<'a, D: ClassDef>(value: &'a Value<'_>) -> Option<&'a D::Value> {
    // SAFETY: the reference is tied to `value`, which keeps the object alive.
    unsafe { D::receiver(value.as_raw()) }.map(|(_, v)| v)
}

/// The content of slot `index` of `this`, or `None` (empty slot / not an instance of `D`).
pub fn slot_get<'js, D: ClassDef>(this: &Value<'js>, index: usize) -> Option<Value<'js>> {
    // SAFETY: `this` keeps the instance alive.
    let (slots, _) = unsafe { D::receiver(this.as_raw()) }?;
    let raw = slots.get(index)?.raw()?;
    let ctx = this.ctx();
    // SAFETY: the slot value belongs to this runtime; it is duplicated for the new `Value`.
    Some(unsafe { Value::from_raw(ctx.clone(), qjs::JS_DupValue(ctx.as_raw().as_ptr(), raw)) })
}

/// Store `value` in slot `index` of `this`; `false` when `this` is not an instance of `D`.
pub fn slot_set<'js, D: ClassDef>(this: &Value<'js>, index: usize, value: Value<'js>) -> bool {
    // SAFETY: `this` keeps the instance alive.
    let Some(slot) = (unsafe { D::receiver(this.as_raw()) }).and_then(|(s, _)| s.get(index)) else {
        return false;
    };
    let ctx = this.ctx().as_raw().as_ptr();
    let old = slot.0.replace(into_raw(value));
    // SAFETY: reading a tag.
    if !unsafe { qjs::JS_IsUninitialized(old) } {
        // SAFETY: the slot owned one reference to `old`; released after the new value is in
        // place, so a finalizer running here sees a consistent slot.
        unsafe { qjs::JS_FreeValue(ctx, old) };
    }
    true
}
