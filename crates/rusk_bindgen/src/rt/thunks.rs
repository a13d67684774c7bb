//! Thunk bodies (inlined into the generated `extern "C"` functions), and `This`, the receiver of async methods.

use super::*;

/// Body of a prototype method thunk (a wrong `this` is a `TypeError`).
///
/// # Safety
/// Must be called from a `JS_CFUNC_generic` thunk with the arguments QuickJS passed.
#[inline(always)]
pub unsafe fn method<D, F>(
    ctx: RawCtx,
    this: RawValue,
    argc: c_int,
    argv: *mut RawValue,
    member: &'static Member,
    f: F,
) -> RawValue
where
    D: ClassDef,
    F: for<'js> FnOnce(&D::Value, &Ctx<'js>, &Args<'js>) -> JsResult<RawValue>,
{
    // SAFETY: forwarded caller contract.
    unsafe { method_with::<D, F>(ctx, this, argc, argv, member, InvalidThis::Throw, f) }
}

/// What a method does when called on a `this` that is not an instance of its class
/// (`invalidThisBehavior`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvalidThis {
    /// Throw the `TypeError` (the default of methods that are not `async`).
    Throw,
    /// Return `undefined` without calling Rust.
    NoOp,
    /// Return a Promise rejected with the `TypeError` (the default of `async` methods, as
    /// WebIDL's promise-returning operations do).
    Reject,
}

/// The result of a method called on a wrong `this`, per its `invalidThisBehavior`.
///
/// # Safety
/// `ctx` must be the live context of the current call.
#[cold]
pub(crate) unsafe fn invalid_this(
    ctx: RawCtx,
    member: &'static Member,
    behavior: InvalidThis,
) -> RawValue {
    match behavior {
        // SAFETY: `ctx` is live.
        InvalidThis::Throw => unsafe { throw_type_error(ctx, member.bad_this) },
        InvalidThis::NoOp => qjs::JS_UNDEFINED,
        InvalidThis::Reject => {
            // SAFETY: `ctx` is live; the TypeError thrown here is caught again by `rejected`.
            let cx = unsafe {
                throw_type_error(ctx, member.bad_this);
                borrowed_ctx(ctx)
            };
            rejected(&cx, JsError::Exception).unwrap_or_else(|e| throw_error(&cx, e))
        }
    }
}

/// Body of a prototype method thunk whose wrong-`this` result is `invalid` (see
/// [`InvalidThis`]).
///
/// # Safety
/// Must be called from a `JS_CFUNC_generic` thunk with the arguments QuickJS passed.
#[inline(always)]
pub unsafe fn method_with<D, F>(
    ctx: RawCtx,
    this: RawValue,
    argc: c_int,
    argv: *mut RawValue,
    member: &'static Member,
    invalid: InvalidThis,
    f: F,
) -> RawValue
where
    D: ClassDef,
    F: for<'js> FnOnce(&D::Value, &Ctx<'js>, &Args<'js>) -> JsResult<RawValue>,
{
    // SAFETY: `this` is the receiver of the current call (caller contract).
    let Some((_, value)) = (unsafe { D::receiver(this) }) else {
        // SAFETY: `ctx` is live.
        return unsafe { invalid_this(ctx, member, invalid) };
    };
    // SAFETY: QuickJS passes a non-null live context and `argc` arguments at `argv`.
    let nn = unsafe { NonNull::new_unchecked(ctx) };
    // SAFETY: as above.
    let cx = unsafe { borrowed_ctx(ctx) };
    // SAFETY: as above.
    let args = unsafe { Args::from_raw(nn, this, argc, argv) };
    let r = catch_unwind(AssertUnwindSafe(|| f(value, &cx, &args)));
    finish(&cx, member, r)
}

/// Body of a prototype getter thunk; `cache_slot` enables `cache: true`.
///
/// # Safety
/// Must be called from a `JS_CFUNC_getter` thunk with the arguments QuickJS passed.
#[inline(always)]
pub unsafe fn getter<D, F>(
    ctx: RawCtx,
    this: RawValue,
    member: &'static Member,
    cache_slot: Option<usize>,
    f: F,
) -> RawValue
where
    D: ClassDef,
    F: for<'js> FnOnce(&D::Value, &Ctx<'js>) -> JsResult<RawValue>,
{
    // SAFETY: `this` is the receiver of the current call.
    let Some((slots, value)) = (unsafe { D::receiver(this) }) else {
        // SAFETY: `ctx` is live.
        return unsafe { throw_type_error(ctx, member.bad_this) };
    };
    let slot = cache_slot.and_then(|i| slots.get(i));
    if let Some(cached) = slot.and_then(Slot::raw) {
        // SAFETY: the slot holds a live value; the caller receives a new reference.
        return unsafe { qjs::JS_DupValue(ctx, cached) };
    }
    // SAFETY: QuickJS passes a non-null live context.
    let cx = unsafe { borrowed_ctx(ctx) };
    let r = catch_unwind(AssertUnwindSafe(|| f(value, &cx)));
    let raw = finish(&cx, member, r);
    if let Some(slot) = slot {
        // SAFETY: reading a tag.
        if !unsafe { qjs::JS_IsException(raw) } {
            // SAFETY: the slot takes its own reference; an older value (set re-entrantly by
            // the getter) is released after replacement.
            unsafe {
                let old = slot.0.replace(qjs::JS_DupValue(ctx, raw));
                if !qjs::JS_IsUninitialized(old) {
                    qjs::JS_FreeValue(ctx, old);
                }
            }
        }
    }
    raw
}

/// Body of a prototype setter thunk.
///
/// # Safety
/// Must be called from a `JS_CFUNC_setter` thunk with the arguments QuickJS passed.
#[inline(always)]
pub unsafe fn setter<D, F>(
    ctx: RawCtx,
    this: RawValue,
    value: RawValue,
    member: &'static Member,
    f: F,
) -> RawValue
where
    D: ClassDef,
    F: for<'js> FnOnce(&D::Value, &Ctx<'js>, Value<'js>) -> JsResult<()>,
{
    // SAFETY: `this` is the receiver of the current call.
    let Some((_, target)) = (unsafe { D::receiver(this) }) else {
        // SAFETY: `ctx` is live.
        return unsafe { throw_type_error(ctx, member.bad_this) };
    };
    // SAFETY: QuickJS passes a non-null live context; `value` is borrowed, so it is duplicated.
    let (cx, v) = unsafe {
        let cx = borrowed_ctx(ctx);
        let v = Value::from_raw(Ctx::clone(&cx), qjs::JS_DupValue(ctx, value));
        (cx, v)
    };
    let r = catch_unwind(AssertUnwindSafe(|| f(target, &cx, v)));
    finish_unit(&cx, member, r)
}

/// Body of a static method thunk (also used for `call`).
///
/// # Safety
/// Must be called from a `JS_CFUNC_generic` (or constructor) thunk with QuickJS's arguments.
#[inline(always)]
pub unsafe fn static_method<F>(
    ctx: RawCtx,
    this: RawValue,
    argc: c_int,
    argv: *mut RawValue,
    member: &'static Member,
    f: F,
) -> RawValue
where
    F: for<'js> FnOnce(&Ctx<'js>, &Args<'js>) -> JsResult<RawValue>,
{
    // SAFETY: QuickJS passes a non-null live context and `argc` arguments at `argv`.
    let nn = unsafe { NonNull::new_unchecked(ctx) };
    // SAFETY: as above.
    let cx = unsafe { borrowed_ctx(ctx) };
    // SAFETY: as above.
    let args = unsafe { Args::from_raw(nn, this, argc, argv) };
    let r = catch_unwind(AssertUnwindSafe(|| f(&cx, &args)));
    finish(&cx, member, r)
}

/// Body of a static getter thunk.
///
/// # Safety
/// Must be called from a `JS_CFUNC_getter` thunk.
#[inline(always)]
pub unsafe fn static_getter<F>(ctx: RawCtx, member: &'static Member, f: F) -> RawValue
where
    F: for<'js> FnOnce(&Ctx<'js>) -> JsResult<RawValue>,
{
    // SAFETY: QuickJS passes a non-null live context.
    let cx = unsafe { borrowed_ctx(ctx) };
    let r = catch_unwind(AssertUnwindSafe(|| f(&cx)));
    finish(&cx, member, r)
}

/// Body of a static setter thunk.
///
/// # Safety
/// Must be called from a `JS_CFUNC_setter` thunk.
#[inline(always)]
pub unsafe fn static_setter<F>(
    ctx: RawCtx,
    value: RawValue,
    member: &'static Member,
    f: F,
) -> RawValue
where
    F: for<'js> FnOnce(&Ctx<'js>, Value<'js>) -> JsResult<()>,
{
    // SAFETY: QuickJS passes a non-null live context; `value` is borrowed, so it is duplicated.
    let (cx, v) = unsafe {
        let cx = borrowed_ctx(ctx);
        let v = Value::from_raw(Ctx::clone(&cx), qjs::JS_DupValue(ctx, value));
        (cx, v)
    };
    let r = catch_unwind(AssertUnwindSafe(|| f(&cx, v)));
    finish_unit(&cx, member, r)
}

/// The constructor thunk of a class without a JS constructor (`noConstructor`): no function
/// is made from it; it only throws, should anything call it.
///
/// # Safety
/// Called by QuickJS as a `JS_CFUNC_constructor_or_func` with a live context.
pub unsafe extern "C" fn no_constructor(
    ctx: RawCtx,
    _new_target: RawValue,
    _argc: c_int,
    _argv: *mut RawValue,
) -> RawValue {
    // SAFETY: `ctx` is live (caller contract).
    unsafe { throw_type_error(ctx, c"Illegal constructor") }
}

/// `true` when a constructor thunk was called without `new`.
#[inline(always)]
pub fn is_call_without_new(new_target: RawValue) -> bool {
    // SAFETY: reading a tag.
    unsafe { qjs::JS_IsUndefined(new_target) }
}

/// Body of the constructor thunk for `new X(...)`: runs `ctor`, then creates the instance with
/// the prototype of `new.target` (so subclasses work), then runs `init` if given.
///
/// # Safety
/// Must be called from the `JS_CFUNC_constructor_or_func` thunk of `D`, with `new_target`
/// not undefined.
#[inline(always)]
pub unsafe fn construct<D, F>(
    ctx: RawCtx,
    new_target: RawValue,
    argc: c_int,
    argv: *mut RawValue,
    member: &'static Member,
    ctor: F,
) -> RawValue
where
    D: ClassDef,
    F: for<'js> FnOnce(&Ctx<'js>, &Args<'js>) -> JsResult<D::Value>,
{
    type NoInit<V> = for<'a, 'b, 'c, 'd, 'js> fn(
        &'a V,
        &'b Ctx<'js>,
        &'c Value<'js>,
        &'d Args<'js>,
    ) -> JsResult<()>;
    // SAFETY: forwarded caller contract.
    unsafe {
        construct_inner::<D, F, NoInit<D::Value>>(ctx, new_target, argc, argv, member, ctor, None)
    }
}

/// [`construct`] followed by `init(&value, cx, &this, args)` on the new instance.
///
/// # Safety
/// As for [`construct`].
#[inline(always)]
pub unsafe fn construct_with_init<D, F, I>(
    ctx: RawCtx,
    new_target: RawValue,
    argc: c_int,
    argv: *mut RawValue,
    member: &'static Member,
    ctor: F,
    init: I,
) -> RawValue
where
    D: ClassDef,
    F: for<'js> FnOnce(&Ctx<'js>, &Args<'js>) -> JsResult<D::Value>,
    I: for<'js> FnOnce(&D::Value, &Ctx<'js>, &Value<'js>, &Args<'js>) -> JsResult<()>,
{
    // SAFETY: forwarded caller contract.
    unsafe { construct_inner::<D, F, I>(ctx, new_target, argc, argv, member, ctor, Some(init)) }
}

#[inline(always)]
pub(crate) unsafe fn construct_inner<D, F, I>(
    ctx: RawCtx,
    new_target: RawValue,
    argc: c_int,
    argv: *mut RawValue,
    member: &'static Member,
    ctor: F,
    init: Option<I>,
) -> RawValue
where
    D: ClassDef,
    F: for<'js> FnOnce(&Ctx<'js>, &Args<'js>) -> JsResult<D::Value>,
    I: for<'js> FnOnce(&D::Value, &Ctx<'js>, &Value<'js>, &Args<'js>) -> JsResult<()>,
{
    // SAFETY: QuickJS passes a non-null live context and `argc` arguments at `argv`.
    let nn = unsafe { NonNull::new_unchecked(ctx) };
    // SAFETY: as above.
    let cx = unsafe { borrowed_ctx(ctx) };
    // SAFETY: as above.
    let args = unsafe { Args::from_raw(nn, new_target, argc, argv) };
    let value = match catch_unwind(AssertUnwindSafe(|| ctor(&cx, &args))) {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => return throw_error(&cx, e),
        Err(p) => return throw_panic(&cx, member, p),
    };
    // SAFETY: `ctx` live; `new_target` is a constructor object; values are freed below.
    let proto = unsafe {
        let p = qjs::JS_GetPropertyStr(ctx, new_target, c"prototype".as_ptr());
        if qjs::JS_IsException(p) {
            D::finalize(value);
            return p;
        }
        if qjs::JS_IsObject(p) {
            p
        } else {
            qjs::JS_FreeValue(ctx, p);
            qjs::JS_GetClassProto(ctx, D::class_id().get())
        }
    };
    // SAFETY: the class was registered when its constructor was created.
    let obj = unsafe { new_instance::<D>(ctx, proto, value) };
    // SAFETY: `proto` is owned here.
    unsafe { qjs::JS_FreeValue(ctx, proto) };
    let Some(init) = init else {
        return obj;
    };
    // SAFETY: reading a tag.
    if unsafe { qjs::JS_IsException(obj) } {
        return obj;
    }
    // SAFETY: `obj` is owned; the `Value` takes that reference and gives it back via `into_raw`.
    let this = unsafe { Value::from_raw(Ctx::clone(&cx), obj) };
    // SAFETY: `this` keeps the instance alive.
    let Some(inst) = (unsafe { instance::<D>(obj) }) else {
        return into_raw(this);
    };
    match catch_unwind(AssertUnwindSafe(|| init(&inst.value, &cx, &this, &args))) {
        Ok(Ok(())) => into_raw(this),
        Ok(Err(e)) => throw_error(&cx, e),
        Err(p) => throw_panic(&cx, member, p),
    }
}

/// The receiver of an `async` method: a reference to the instance, which keeps it alive for as
/// long as the method's future runs, and derefs to the Rust value.
pub struct This<'js, D: ClassDef> {
    object: Value<'js>,
    value: *const D::Value,
}

impl<'js, D: ClassDef> This<'js, D> {
    /// # Safety
    /// `raw` is an object of `D`'s class, or of a subclass, in `cx`'s runtime (the method thunk
    /// checked it with [`ClassDef::receiver`]).
    pub unsafe fn from_raw(cx: &Ctx<'js>, raw: RawValue) -> Self {
        // SAFETY: per the contract; the duplicated reference is owned by `object`.
        unsafe {
            let object = Value::from_raw(cx.clone(), qjs::JS_DupValue(cx.as_raw().as_ptr(), raw));
            let value = D::receiver(raw).map_or(std::ptr::null(), |(_, v)| v as *const _);
            This { object, value }
        }
    }

    /// The JS object.
    pub fn object(&self) -> &Value<'js> {
        &self.object
    }
}

impl<D: ClassDef> std::ops::Deref for This<'_, D> {
    type Target = D::Value;
    fn deref(&self) -> &D::Value {
        // SAFETY: the instance's heap block never moves and lives until the object is
        // finalized, which `object`'s reference prevents; `from_raw` got a checked instance.
        unsafe { &*self.value }
    }
}
