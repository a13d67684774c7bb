//! Runtime support for generated class bindings.
//!
//! Everything here is used by the code that [`Generator`](crate) emits; user implementations only
//! see [`Ctx`], [`Value`], [`JsResult`] and [`Args`].
//!
//! # Object model
//! * Every generated class has its own QuickJS class id ([`ClassId`]): a process-wide static that
//!   is allocated once with `JS_NewClassID`, registered (`JS_NewClass`) in each runtime that uses
//!   the class, with a finalizer and a GC mark function.
//! * An instance is a QuickJS object of that class whose opaque pointer is a heap
//!   [`Instance`]: the Rust value plus `N` traced slots (cached getters and `values`).
//! * The prototype and the constructor are built once per context; the prototype is registered
//!   with `JS_SetClassProto`, the constructor is kept in the per-context [`ContextData`] holder.
//!
//! # Pending activity
//! QuickJS is reference counted: an unreachable object is freed the moment its count drops to
//! zero, so "keep it alive while busy" must be a real reference. Instances of classes declared
//! with `hasPendingActivity: true` are registered, when created, in a per-context list owned by a
//! hidden holder object (itself traced by the GC). [`sweep_pending`] asks every registered object
//! `has_pending_activity()` and drops the reference of those whose activity ended, so they are
//! collected normally afterwards. The event loop must call [`sweep_pending`] once per turn and
//! before any forced GC. When the context is destroyed the holder is destroyed with it and its
//! references are released regardless of activity, so finalizers still run exactly once at
//! shutdown.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::ffi::{c_int, c_void, CStr};
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

pub use rquickjs::{
    qjs, Array, Ctx, Error as JsError, Exception, Function, Object, Result as JsResult, Value,
};

pub mod convert;
pub use convert::{Bytes, FromArg, StringEnum};
pub use rquickjs::promise::Promised;

/// Raw QuickJS value, re-exported for generated code.
pub type RawValue = qjs::JSValue;
/// Raw QuickJS context pointer, re-exported for generated code.
pub type RawCtx = *mut qjs::JSContext;
/// A `JS_CFUNC_generic` / `JS_CFUNC_constructor_or_func` thunk.
pub type MethodFn = unsafe extern "C" fn(RawCtx, RawValue, c_int, *mut RawValue) -> RawValue;
/// A `JS_CFUNC_getter` thunk.
pub type GetterFn = unsafe extern "C" fn(RawCtx, RawValue) -> RawValue;
/// A `JS_CFUNC_setter` thunk.
pub type SetterFn = unsafe extern "C" fn(RawCtx, RawValue, RawValue) -> RawValue;

// ---------------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------------

/// A borrowed view of the arguments of a call: `argc`/`argv` plus the receiver.
///
/// In a constructor, [`Args::this`] is `new.target`; in a static member it is the constructor.
pub struct Args<'js> {
    ctx: NonNull<qjs::JSContext>,
    this: RawValue,
    argc: usize,
    argv: *const RawValue,
    _marker: PhantomData<Ctx<'js>>,
}

impl<'js> Args<'js> {
    /// # Safety
    /// `ctx` must be a live context and `argv` must point to `argc` readable values that stay
    /// alive for `'js` (QuickJS guarantees this for the duration of a C function call).
    #[inline(always)]
    pub unsafe fn from_raw(
        ctx: NonNull<qjs::JSContext>,
        this: RawValue,
        argc: c_int,
        argv: *const RawValue,
    ) -> Self {
        let argc = if argv.is_null() {
            0
        } else {
            usize::try_from(argc).unwrap_or(0)
        };
        Args {
            ctx,
            this,
            argc,
            argv,
            _marker: PhantomData,
        }
    }

    /// Number of arguments actually passed.
    #[inline]
    pub fn len(&self) -> usize {
        self.argc
    }

    /// `true` when no argument was passed.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.argc == 0
    }

    /// The context of the call.
    #[inline]
    pub fn ctx(&self) -> Ctx<'js> {
        // SAFETY: `self.ctx` is the live context of the current call (see `from_raw`).
        unsafe { Ctx::from_raw(self.ctx) }
    }

    /// The raw, borrowed argument `i` (`JS_UNDEFINED` when missing). Not reference counted:
    /// duplicate it before keeping it.
    #[inline]
    pub fn raw(&self, i: usize) -> RawValue {
        if i < self.argc {
            // SAFETY: `i < argc` and `argv` holds `argc` values (see `from_raw`).
            unsafe { *self.argv.add(i) }
        } else {
            qjs::JS_UNDEFINED
        }
    }

    /// Argument `i`, or `undefined` when fewer arguments were passed.
    #[inline]
    pub fn get(&self, i: usize) -> Value<'js> {
        let raw = self.raw(i);
        // SAFETY: `raw` is a value of this context; it is duplicated so the new `Value` owns
        // one reference.
        unsafe { Value::from_raw(self.ctx(), qjs::JS_DupValue(self.ctx.as_ptr(), raw)) }
    }

    /// Argument `i` as a number (an int or a float; anything else is a `TypeError`). Reads the
    /// raw value: no [`Value`] is made, the fast path for numeric arguments.
    #[inline]
    pub fn number(&self, i: usize) -> JsResult<f64> {
        let raw = self.raw(i);
        // SAFETY: reading the tag, then the payload that tag says is there, of a valid value.
        unsafe {
            match qjs::JS_VALUE_GET_TAG(raw) {
                qjs::JS_TAG_INT => Ok(f64::from(qjs::JS_VALUE_GET_INT(raw))),
                qjs::JS_TAG_FLOAT64 => Ok(qjs::JS_VALUE_GET_FLOAT64(raw)),
                _ => Err(self.mismatch(i, "number")),
            }
        }
    }

    /// Argument `i` as a 32-bit integer (an int, or a float with an integral value in range).
    #[inline]
    pub fn int32(&self, i: usize) -> JsResult<i32> {
        let raw = self.raw(i);
        // SAFETY: reading the tag, then the payload that tag says is there, of a valid value.
        unsafe {
            match qjs::JS_VALUE_GET_TAG(raw) {
                qjs::JS_TAG_INT => Ok(qjs::JS_VALUE_GET_INT(raw)),
                qjs::JS_TAG_FLOAT64 => {
                    let f = qjs::JS_VALUE_GET_FLOAT64(raw);
                    let n = f as i32;
                    if n as f64 == f {
                        Ok(n)
                    } else {
                        Err(self.mismatch(i, "int32"))
                    }
                }
                _ => Err(self.mismatch(i, "int32")),
            }
        }
    }

    /// Argument `i` as a boolean (only `true`/`false`; anything else is a `TypeError`).
    #[inline]
    pub fn boolean(&self, i: usize) -> JsResult<bool> {
        let raw = self.raw(i);
        // SAFETY: reading the tag, then the payload that tag says is there, of a valid value.
        unsafe {
            if qjs::JS_VALUE_GET_TAG(raw) == qjs::JS_TAG_BOOL {
                Ok(qjs::JS_VALUE_GET_BOOL(raw))
            } else {
                Err(self.mismatch(i, "bool"))
            }
        }
    }

    #[cold]
    fn mismatch(&self, i: usize, expected: &'static str) -> rquickjs::Error {
        rquickjs::Error::new_from_js(self.get(i).type_name(), expected)
    }

    /// Argument `i` converted with [`rquickjs::FromJs`].
    pub fn arg<T: rquickjs::FromJs<'js>>(&self, i: usize) -> JsResult<T> {
        T::from_js(&self.ctx(), self.get(i))
    }

    /// The receiver (`this`) of the call.
    #[inline]
    pub fn this(&self) -> Value<'js> {
        // SAFETY: as in `get`.
        unsafe { Value::from_raw(self.ctx(), qjs::JS_DupValue(self.ctx.as_ptr(), self.this)) }
    }
}

// ---------------------------------------------------------------------------------------------
// Errors and panics
// ---------------------------------------------------------------------------------------------

/// Raw-value helpers for native code that works on `JSValue`s directly (generated glue and
/// hand-written thunks such as rusk:ffi's call path).
pub mod raw {
    use std::ffi::CString;

    use rquickjs::qjs::{self, JSContext, JSValue};

    #[inline(always)]
    pub const fn undefined() -> JSValue {
        qjs::JS_MKVAL(qjs::JS_TAG_UNDEFINED, 0)
    }

    #[inline(always)]
    pub const fn null() -> JSValue {
        qjs::JS_MKVAL(qjs::JS_TAG_NULL, 0)
    }

    /// The marker a C function returns when it threw.
    #[inline(always)]
    pub const fn exception() -> JSValue {
        qjs::JS_MKVAL(qjs::JS_TAG_EXCEPTION, 0)
    }

    fn c_message(msg: &str) -> CString {
        CString::new(msg.replace('\0', " ")).unwrap_or_default()
    }

    /// Throws a TypeError with `msg`; returns the exception marker.
    ///
    /// # Safety
    /// `ctx` must be a live context on its thread.
    #[cold]
    pub unsafe fn throw_type(ctx: *mut JSContext, msg: &str) -> JSValue {
        let m = c_message(msg);
        // SAFETY: "%s" with a valid NUL-terminated string is a correct variadic call.
        unsafe { qjs::JS_ThrowTypeError(ctx, c"%s".as_ptr(), m.as_ptr()) }
    }

    /// Throws a RangeError with `msg`; returns the exception marker.
    ///
    /// # Safety
    /// `ctx` must be a live context on its thread.
    #[cold]
    pub unsafe fn throw_range(ctx: *mut JSContext, msg: &str) -> JSValue {
        let m = c_message(msg);
        // SAFETY: as above.
        unsafe { qjs::JS_ThrowRangeError(ctx, c"%s".as_ptr(), m.as_ptr()) }
    }

    /// Throws a plain `Error` with `msg`; returns the exception marker.
    ///
    /// # Safety
    /// `ctx` must be a live context on its thread.
    #[cold]
    pub unsafe fn throw_plain(ctx: *mut JSContext, msg: &str) -> JSValue {
        let m = c_message(msg);
        // SAFETY: as above.
        unsafe { qjs::JS_ThrowPlainError(ctx, c"%s".as_ptr(), m.as_ptr()) }
    }
}

/// Throw a `TypeError` with `message` (no allocation) and return `JS_EXCEPTION`.
///
/// # Safety
/// `ctx` must be a live context.
#[cold]
pub unsafe fn throw_type_error(ctx: RawCtx, message: &CStr) -> RawValue {
    // SAFETY: `ctx` is live (caller contract); "%s" consumes exactly one C string argument.
    unsafe { qjs::JS_ThrowTypeError(ctx, c"%s".as_ptr(), message.as_ptr()) }
}

/// Build a `TypeError` result, for use in user code: `return Err(type_error(cx, "bad"))`.
/// JS truthiness (`!!v`) without running user code (objects are truthy, as in JS).
pub fn truthy(v: &Value<'_>) -> bool {
    if let Some(b) = v.as_bool() {
        b
    } else if let Some(n) = v.as_number() {
        n != 0.0 && !n.is_nan()
    } else if let Some(s) = v.as_string() {
        s.to_string().map(|s| !s.is_empty()).unwrap_or(true)
    } else if let Some(b) = v.as_big_int() {
        b.clone().to_i64().map(|n| n != 0).unwrap_or(true)
    } else {
        !(v.is_undefined() || v.is_null())
    }
}

pub fn type_error(cx: &Ctx<'_>, message: &str) -> JsError {
    Exception::throw_type(cx, message)
}

/// Turn a Rust error into a pending JS exception and return `JS_EXCEPTION`.
#[cold]
pub fn throw_error(cx: &Ctx<'_>, error: JsError) -> RawValue {
    let ctx = cx.as_raw().as_ptr();
    match error {
        JsError::Exception => {
            // SAFETY: `ctx` is live for the duration of `cx`.
            if unsafe { qjs::JS_HasException(ctx) } {
                return qjs::JS_EXCEPTION;
            }
            let _ = Exception::throw_internal(
                cx,
                "native code returned an exception without throwing one",
            );
        }
        JsError::Allocation => {
            // SAFETY: `ctx` is live.
            return unsafe { qjs::JS_ThrowOutOfMemory(ctx) };
        }
        e @ (JsError::FromJs { .. }
        | JsError::IntoJs { .. }
        | JsError::MissingArgs { .. }
        | JsError::TooManyArgs { .. }
        | JsError::InvalidString(_)
        | JsError::Utf8(_)) => {
            let _ = Exception::throw_type(cx, &e.to_string());
        }
        e => {
            let _ = Exception::throw_message(cx, &e.to_string());
        }
    }
    qjs::JS_EXCEPTION
}

fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<&'static str>() {
        s
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.as_str()
    } else {
        "unknown panic payload"
    }
}

/// Turn a caught panic into a pending JS `Error` and return `JS_EXCEPTION`.
#[cold]
pub fn throw_panic(cx: &Ctx<'_>, member: &Member, payload: Box<dyn Any + Send>) -> RawValue {
    let message = format!(
        "Rust panic in {}: {}",
        member.display,
        panic_message(payload.as_ref())
    );
    let _ = Exception::throw_message(cx, &message);
    qjs::JS_EXCEPTION
}

/// Static description of a generated member, used for error messages.
pub struct Member {
    /// `Class.prototype.member`, `Class.member` or `new Class`.
    pub display: &'static str,
    /// Full message of the TypeError thrown for a wrong receiver.
    pub bad_this: &'static CStr,
}

/// The context of the current call as a [`Ctx`] that does not own a reference: QuickJS keeps
/// the context alive for the whole call, so the thunks lend it out without the
/// `JS_DupContext`/`JS_FreeContext` pair `Ctx::from_raw` + drop would cost on every call.
/// Clones made from it take their own references as usual.
///
/// # Safety
/// `ctx` must be the live context of the current call; the result must not outlive the call.
#[inline(always)]
unsafe fn borrowed_ctx<'js>(ctx: RawCtx) -> ManuallyDrop<Ctx<'js>> {
    // `Ctx` is a `NonNull<JSContext>` plus a zero-sized lifetime marker; with equal sizes, the
    // pointer is its only data and sits at offset 0, so the two have the same representation.
    const _: () = assert!(
        std::mem::size_of::<Ctx<'static>>() == std::mem::size_of::<NonNull<qjs::JSContext>>()
    );
    // SAFETY: same representation (above); `ctx` is non-null (caller contract). ManuallyDrop
    // keeps the un-owned reference from being released.
    ManuallyDrop::new(unsafe {
        std::mem::transmute::<NonNull<qjs::JSContext>, Ctx<'js>>(NonNull::new_unchecked(ctx))
    })
}

/// Convert an owned [`Value`] into a raw value carrying its reference.
#[inline(always)]
pub fn into_raw(value: Value<'_>) -> RawValue {
    let raw = value.as_raw();
    let ctx = value.ctx().as_raw().as_ptr();
    std::mem::forget(value);
    // SAFETY: `forget` skipped the `Value` destructor, which would have released both the value
    // (kept: ownership moves to the caller) and the context reference held by its `Ctx`
    // (released here).
    unsafe { qjs::JS_FreeContext(ctx) };
    raw
}

/// What a method, getter or static function may return: [`Value`] and the other rquickjs value
/// types, or plain Rust values (`f64`, `i32`, `u32`, `bool`, `()`, `&str`, `String`,
/// `Option<T>` with `None` → `undefined`) that become JS values without an intermediate
/// [`Value`] (no context reference to take and release: the fast path of the generated glue).
pub trait IntoReturn<'js> {
    /// Convert into a raw value carrying one reference.
    fn into_return(self, cx: &Ctx<'js>) -> JsResult<RawValue>;
}

impl<'js> IntoReturn<'js> for Value<'js> {
    #[inline(always)]
    fn into_return(self, _cx: &Ctx<'js>) -> JsResult<RawValue> {
        Ok(into_raw(self))
    }
}

macro_rules! into_return_via_value {
    ($($t:ident),*) => {$(
        impl<'js> IntoReturn<'js> for rquickjs::$t<'js> {
            #[inline(always)]
            fn into_return(self, _cx: &Ctx<'js>) -> JsResult<RawValue> {
                Ok(into_raw(self.into_value()))
            }
        }
    )*};
}
into_return_via_value!(Object, Function, Array, String, Symbol, BigInt, Promise);

/// An `async` member's result: its future, which becomes a Promise settled when it completes
/// (rejected with the error of an `Err`). The future runs on the runtime's executor (rusk's
/// event loop drives it).
impl<'js, F, R> IntoReturn<'js> for rquickjs::promise::Promised<F>
where
    F: std::future::Future<Output = JsResult<R>> + 'js,
    R: rquickjs::IntoJs<'js> + 'js,
{
    fn into_return(self, cx: &Ctx<'js>) -> JsResult<RawValue> {
        Ok(into_raw(rquickjs::IntoJs::into_js(self, cx)?))
    }
}

/// A Promise rejected with `error` (for an `async` member whose arguments do not convert: as
/// in an `async` JS function, the call rejects rather than throws).
pub fn rejected<'js>(cx: &Ctx<'js>, error: JsError) -> JsResult<RawValue> {
    let reason = match error {
        JsError::Exception => cx.catch(),
        other => {
            let _ = throw_error(cx, other);
            cx.catch()
        }
    };
    let (promise, _resolve, reject) = cx.promise()?;
    reject.call::<_, ()>((reason,))?;
    Ok(into_raw(promise.into_value()))
}

/// What an `iterable` class iterates: its values (a list), or key/value pairs (a map).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Iteration {
    Values,
    Pairs,
}

/// The member of an `iterable` class being called.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum IterOp {
    Entries,
    Keys,
    Values,
    ForEach,
}

/// The members `iterable` generates (`entries`, `keys`, `values`, `forEach`, and
/// `[Symbol.iterator]`, which is `values` for a list and `entries` for pairs), over the array
/// the class's Rust method returns (of values, or of `[key, value]` pairs), as WebIDL's
/// `iterable<V>` / `iterable<K, V>` behave.
pub fn iterable<'js, T: rquickjs::IntoJs<'js>>(
    cx: &Ctx<'js>,
    args: &Args<'js>,
    items: JsResult<T>,
    kind: Iteration,
    op: IterOp,
) -> JsResult<Value<'js>> {
    let list = items?.into_js(cx)?;
    let Some(array) = list.into_array() else {
        return Err(Exception::throw_type(
            cx,
            "rusk_bindgen: an iterable's Rust method must return an array",
        ));
    };
    let iterate = |a: &rquickjs::Array<'js>, method: &str| -> JsResult<Value<'js>> {
        let f: rquickjs::Function = a.as_object().get(method)?;
        f.call((rquickjs::function::This(a.clone()),))
    };
    let column = |index: usize| -> JsResult<rquickjs::Array<'js>> {
        let out = rquickjs::Array::new(cx.clone())?;
        for (i, pair) in array.iter::<rquickjs::Array>().enumerate() {
            out.set(i, pair?.get::<Value>(index)?)?;
        }
        Ok(out)
    };
    match (kind, op) {
        (Iteration::Values, IterOp::Entries) => iterate(&array, "entries"),
        (Iteration::Values, IterOp::Keys) => iterate(&array, "keys"),
        (Iteration::Values, IterOp::Values) | (Iteration::Pairs, IterOp::Entries) => {
            iterate(&array, "values")
        }
        (Iteration::Pairs, IterOp::Keys) => iterate(&column(0)?, "values"),
        (Iteration::Pairs, IterOp::Values) => iterate(&column(1)?, "values"),
        (_, IterOp::ForEach) => {
            let Some(callback) = args.get(0).into_function() else {
                return Err(convert::invalid_type(
                    cx,
                    "callback",
                    "of type function",
                    &args.get(0),
                ));
            };
            let this_arg = args.get(1);
            let receiver = args.this();
            for (i, item) in array.iter::<Value>().enumerate() {
                let item = item?;
                let (value, key) = match kind {
                    Iteration::Values => (item, Value::new_number(cx.clone(), i as f64)),
                    Iteration::Pairs => {
                        let pair = item.into_array().ok_or_else(|| {
                            Exception::throw_type(
                                cx,
                                "rusk_bindgen: an iterable of pairs holds [key, value] arrays",
                            )
                        })?;
                        (pair.get(1)?, pair.get(0)?)
                    }
                };
                callback.call::<_, ()>((
                    rquickjs::function::This(this_arg.clone()),
                    value,
                    key,
                    receiver.clone(),
                ))?;
            }
            Ok(Value::new_undefined(cx.clone()))
        }
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

/// A JS number for `n`: an int when `n` is a 32-bit integer (not -0), as QuickJS makes them.
#[inline(always)]
pub fn number(n: f64) -> RawValue {
    let i = n as i32;
    if i as f64 == n && (i != 0 || n.is_sign_positive()) {
        qjs::JS_MKVAL(qjs::JS_TAG_INT, i)
    } else {
        qjs::JS_NewFloat64(n)
    }
}

impl<'js> IntoReturn<'js> for f64 {
    #[inline(always)]
    fn into_return(self, _cx: &Ctx<'js>) -> JsResult<RawValue> {
        Ok(number(self))
    }
}

impl<'js> IntoReturn<'js> for i32 {
    #[inline(always)]
    fn into_return(self, _cx: &Ctx<'js>) -> JsResult<RawValue> {
        Ok(qjs::JS_MKVAL(qjs::JS_TAG_INT, self))
    }
}

impl<'js> IntoReturn<'js> for u32 {
    #[inline(always)]
    fn into_return(self, _cx: &Ctx<'js>) -> JsResult<RawValue> {
        Ok(number(f64::from(self)))
    }
}

impl<'js> IntoReturn<'js> for bool {
    #[inline(always)]
    fn into_return(self, _cx: &Ctx<'js>) -> JsResult<RawValue> {
        Ok(qjs::JS_MKVAL(qjs::JS_TAG_BOOL, i32::from(self)))
    }
}

impl<'js> IntoReturn<'js> for () {
    #[inline(always)]
    fn into_return(self, _cx: &Ctx<'js>) -> JsResult<RawValue> {
        Ok(qjs::JS_UNDEFINED)
    }
}

impl<'js> IntoReturn<'js> for &str {
    fn into_return(self, cx: &Ctx<'js>) -> JsResult<RawValue> {
        Ok(into_raw(
            rquickjs::String::from_str(cx.clone(), self)?.into_value(),
        ))
    }
}

impl<'js> IntoReturn<'js> for std::string::String {
    fn into_return(self, cx: &Ctx<'js>) -> JsResult<RawValue> {
        self.as_str().into_return(cx)
    }
}

impl<'js, T: IntoReturn<'js>> IntoReturn<'js> for Option<T> {
    #[inline(always)]
    fn into_return(self, cx: &Ctx<'js>) -> JsResult<RawValue> {
        match self {
            Some(v) => v.into_return(cx),
            None => Ok(qjs::JS_UNDEFINED),
        }
    }
}

/// Used by the generated thunks around each Rust call: converts what the method returned.
#[inline(always)]
pub fn ret<'js, R: IntoReturn<'js>>(cx: &Ctx<'js>, result: JsResult<R>) -> JsResult<RawValue> {
    result.and_then(|v| v.into_return(cx))
}

#[inline(always)]
fn finish(
    cx: &Ctx<'_>,
    member: &Member,
    result: std::thread::Result<JsResult<RawValue>>,
) -> RawValue {
    match result {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => throw_error(cx, e),
        Err(p) => throw_panic(cx, member, p),
    }
}

#[inline(always)]
fn finish_unit(
    cx: &Ctx<'_>,
    member: &Member,
    result: std::thread::Result<JsResult<()>>,
) -> RawValue {
    match result {
        Ok(Ok(())) => qjs::JS_UNDEFINED,
        Ok(Err(e)) => throw_error(cx, e),
        Err(p) => throw_panic(cx, member, p),
    }
}

// ---------------------------------------------------------------------------------------------
// Class ids and instances
// ---------------------------------------------------------------------------------------------

/// First id handed out to rusk_bindgen classes. Ids are process-wide while QuickJS allocates
/// them per runtime; starting well above the ids a runtime allocates for itself and its other
/// users (builtins, rquickjs, modules) keeps ours out of their way.
const FIRST_CLASS_ID: qjs::JSClassID = 256;

/// Next free process-wide id (guarded: all our allocations happen under this lock).
static NEXT_CLASS_ID: Mutex<qjs::JSClassID> = Mutex::new(FIRST_CLASS_ID);

/// A process-wide QuickJS class id, allocated on first use.
pub struct ClassId(AtomicU32);

impl ClassId {
    /// An id not yet allocated.
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        ClassId(AtomicU32::new(0))
    }

    /// The id, or 0 when the class was never registered.
    #[inline(always)]
    pub fn get(&self) -> qjs::JSClassID {
        self.0.load(Ordering::Relaxed)
    }

    fn get_or_alloc(&self, rt: *mut qjs::JSRuntime) -> qjs::JSClassID {
        let id = self.get();
        if id != 0 {
            return id;
        }
        let mut next = NEXT_CLASS_ID.lock().unwrap_or_else(|e| e.into_inner());
        let id = self.get();
        if id != 0 {
            return id;
        }
        let mut fresh: qjs::JSClassID = 0;
        // SAFETY: `rt` is a live runtime (callers hold its lock); `fresh` is a valid out pointer.
        unsafe { qjs::JS_NewClassID(rt, &mut fresh) };
        let id = fresh.max(*next);
        *next = id + 1;
        self.0.store(id, Ordering::Relaxed);
        id
    }
}

/// Advance the id allocator of `rt` past every id rusk_bindgen handed out, so later
/// `JS_NewClassID` calls in this runtime (ours or anyone's) cannot return one of them.
fn reserve_ids(rt: *mut qjs::JSRuntime) {
    let next = *NEXT_CLASS_ID.lock().unwrap_or_else(|e| e.into_inner());
    for _ in 0..(1u32 << 16) {
        let mut probe: qjs::JSClassID = 0;
        // SAFETY: `rt` is live; `probe` is a valid out pointer.
        if unsafe { qjs::JS_NewClassID(rt, &mut probe) } + 1 >= next {
            break;
        }
    }
}

/// Register a class with the runtime of `ctx` unless it already is; returns its id.
///
/// The id is process-wide (allocated from [`FIRST_CLASS_ID`] up). Before the first
/// registration in a runtime, that runtime's own id allocator is advanced past every id handed
/// out so far, so later `JS_NewClassID` calls there cannot reuse one of ours. Residual risk: a
/// runtime in which other code allocated more than `FIRST_CLASS_ID` ids before rusk_bindgen
/// touched it.
///
/// # Safety
/// `ctx` must be a live context whose runtime lock is held; `def` must describe a class whose
/// finalizer / mark function match the instances created under `id`.
unsafe fn ensure_class(
    ctx: RawCtx,
    id: &ClassId,
    def: &qjs::JSClassDef,
) -> JsResult<qjs::JSClassID> {
    // SAFETY: `ctx` is live (caller contract).
    let rt = unsafe { qjs::JS_GetRuntime(ctx) };
    let class_id = id.get_or_alloc(rt);
    // SAFETY: `rt` is live.
    if unsafe { qjs::JS_IsRegisteredClass(rt, class_id) } {
        // Registered in this runtime: by us, since `reserve_ids` keeps every runtime's own
        // allocator away from our ids. (The name cannot be checked: `JS_GetClassName` of
        // this QuickJS-ng version returns the wrong atom.)
        return Ok(class_id);
    }
    reserve_ids(rt);
    // SAFETY: `rt` is live; `def` is valid for the call (QuickJS copies it).
    if unsafe { qjs::JS_NewClass(rt, class_id, def) } != 0 {
        // SAFETY: `ctx` is live.
        return Err(unsafe {
            let cx = Ctx::from_raw(NonNull::new_unchecked(ctx));
            Exception::throw_internal(&cx, "rusk_bindgen: JS_NewClass failed")
        });
    }
    Ok(class_id)
}

/// One traced `JSValue` slot of an instance (empty = `JS_UNINITIALIZED`).
pub struct Slot(Cell<RawValue>);

impl Slot {
    /// An empty slot.
    pub const fn empty() -> Self {
        Slot(Cell::new(qjs::JS_UNINITIALIZED))
    }

    #[inline(always)]
    fn raw(&self) -> Option<RawValue> {
        let v = self.0.get();
        // SAFETY: reading the tag of a plain value is always valid.
        if unsafe { qjs::JS_IsUninitialized(v) } {
            None
        } else {
            Some(v)
        }
    }
}

/// Fixed-size slot storage: implemented for `[Slot; N]`.
pub trait SlotArray: 'static {
    /// All slots empty.
    fn new_empty() -> Self;
    /// The slots as a slice.
    fn slots(&self) -> &[Slot];
}

impl<const N: usize> SlotArray for [Slot; N] {
    fn new_empty() -> Self {
        std::array::from_fn(|_| Slot::empty())
    }
    #[inline(always)]
    fn slots(&self) -> &[Slot] {
        self
    }
}

/// Description of a generated class; implemented by the generated code only.
///
/// # Safety
/// `class_id()` must return a [`ClassId`] used by this implementation alone, so that an object
/// of that class always carries an `Instance<Self>`. `receiver` must return the slots and value
/// of an instance of this class, or of a class whose slots begin with this class's slots and
/// whose Rust value gives this class's value (a subclass declared with `extends`).
pub unsafe trait ClassDef: Sized + 'static {
    /// The Rust type behind the class.
    type Value: 'static;
    /// `[Slot; N]` with one slot per cached getter and `values` entry.
    type Slots: SlotArray;
    /// JS class name.
    const NAME: &'static CStr;
    /// Constructor `length`.
    const CTOR_LENGTH: c_int;
    /// Whether instances are registered for [`sweep_pending`].
    const HAS_PENDING_ACTIVITY: bool = false;
    /// The class id.
    fn class_id() -> &'static ClassId;
    /// The constructor thunk (`JS_CFUNC_constructor_or_func`).
    fn constructor_thunk() -> MethodFn;
    /// Define methods / accessors on a fresh prototype.
    fn setup_prototype<'js>(ctx: &Ctx<'js>, proto: &Object<'js>) -> JsResult<()>;
    /// Define static members on a fresh constructor.
    fn setup_constructor<'js>(ctx: &Ctx<'js>, ctor: &Object<'js>) -> JsResult<()>;
    /// Consume a value whose instance died.
    fn finalize(value: Self::Value) {
        drop(value)
    }
    /// Whether the instance must be kept alive.
    fn has_pending_activity(_value: &Self::Value) -> bool {
        false
    }
    /// Whether instances report the native memory they hold (`estimatedSize`).
    const HAS_ESTIMATED_SIZE: bool = false;
    /// The native bytes an instance holds, counted when it is made (see [`external`]).
    fn estimated_size(_value: &Self::Value) -> usize {
        0
    }
    /// Whether the class has a JS constructor (`false` with `noConstructor: true`: only the
    /// prototype exists, and instances come from Rust through [`to_js`]).
    const HAS_CONSTRUCTOR: bool = true;
    /// What the class extends (`extends`): its parent's prototype and constructor in `ctx`.
    /// `None`: `Object.prototype` and `Function.prototype`, as for any class.
    fn base<'js>(_ctx: &Ctx<'js>) -> JsResult<Option<Base<'js>>> {
        Ok(None)
    }
    /// The slots and the Rust value behind `obj` when its members accept it as their `this`:
    /// an instance of this class, or (overridden by the generated code of a class that others
    /// extend) of one of its subclasses.
    ///
    /// # Safety
    /// `obj` must be a valid value; the references must not outlive the object.
    #[inline(always)]
    unsafe fn receiver<'a>(obj: RawValue) -> Option<(&'a [Slot], &'a Self::Value)> {
        // SAFETY: forwarded contract.
        unsafe { own_receiver::<Self>(obj) }
    }
    /// Whether instances get own properties when they are made (`own`).
    const HAS_OWN_PROPERTIES: bool = false;
    /// Define the instance's own properties (`own`) on `obj`, a new instance holding `value`.
    fn define_own_properties<'js>(
        _ctx: &Ctx<'js>,
        _obj: &Object<'js>,
        _value: &Self::Value,
    ) -> JsResult<()> {
        Ok(())
    }
    /// How `structuredClone` copies an instance (`structuredClone`), registered in
    /// [`clone`]'s registry when the class is first registered in a runtime.
    fn cloneable() -> Option<&'static clone::Cloneable> {
        None
    }
}

/// What a class extends: the prototype its prototype inherits from, and the constructor its
/// constructor inherits from (`None` when the parent has no constructor: `noConstructor`).
pub struct Base<'js> {
    /// The parent's prototype (e.g. `Error.prototype`).
    pub prototype: Object<'js>,
    /// The parent's constructor (e.g. `Error`).
    pub constructor: Option<Object<'js>>,
}

/// `extends: "Error"`: the engine's own `Error.prototype` and `Error` (not `globalThis.Error`,
/// which code may have replaced).
pub fn error_base<'js>(ctx: &Ctx<'js>) -> JsResult<Base<'js>> {
    let raw_ctx = ctx.as_raw().as_ptr();
    // SAFETY: `raw_ctx` is live; the error object is released once its prototype (returned as
    // a new reference by QuickJS-ng's `JS_GetPrototype`) is read.
    let proto = unsafe {
        let error = qjs::JS_NewError(raw_ctx);
        if qjs::JS_IsException(error) {
            return Err(JsError::Exception);
        }
        let proto = qjs::JS_GetPrototype(raw_ctx, error);
        qjs::JS_FreeValue(raw_ctx, error);
        proto
    };
    let prototype = owned_object(ctx, proto)?;
    let constructor: Object = prototype.get("constructor")?;
    Ok(Base {
        prototype,
        constructor: Some(constructor),
    })
}

/// `extends: "<class>"`: the prototype and constructor (if any) of the generated class `P`.
pub fn class_base<'js, P: ClassDef>(ctx: &Ctx<'js>) -> JsResult<Base<'js>> {
    if P::HAS_CONSTRUCTOR {
        let (prototype, constructor) = class_objects::<P>(ctx)?;
        Ok(Base {
            prototype,
            constructor: Some(constructor),
        })
    } else {
        Ok(Base {
            prototype: prototype::<P>(ctx)?,
            constructor: None,
        })
    }
}

/// The slots and value of `obj` when it is an instance of exactly `D`'s class (the default
/// [`ClassDef::receiver`]).
///
/// # Safety
/// `obj` must be a valid value; the references must not outlive the object.
#[inline(always)]
pub unsafe fn own_receiver<'a, D: ClassDef>(obj: RawValue) -> Option<(&'a [Slot], &'a D::Value)> {
    // SAFETY: forwarded contract.
    unsafe { instance::<D>(obj) }.map(|i| (i.slots.slots(), &i.value))
}

/// A subclass's receiver seen as its parent's: the same slots (a subclass's slots begin with
/// its parent's) and the parent part of the value, which `as_parent` (the subclass type's
/// `AsRef<Parent>`) gives. A panic there makes the receiver unusable (`None`) rather than
/// unwinding into the engine.
#[inline]
pub fn upcast<'a, C: 'a, P: 'a>(
    receiver: Option<(&'a [Slot], &'a C)>,
    as_parent: fn(&C) -> &P,
) -> Option<(&'a [Slot], &'a P)> {
    let (slots, child) = receiver?;
    let parent = catch_unwind(AssertUnwindSafe(|| as_parent(child))).ok()?;
    Some((slots, parent))
}

#[repr(C)]
struct Header {
    /// Registered in the pending list of its context.
    tracked: Cell<bool>,
    /// Native bytes counted for this instance (`estimatedSize`), given back when it dies.
    external: Cell<usize>,
}

/// The heap block behind an instance's opaque pointer.
#[repr(C)]
pub struct Instance<D: ClassDef> {
    header: Header,
    slots: D::Slots,
    value: D::Value,
}

/// The instance behind `obj`, or `None` when `obj` is not an object of class `D`.
///
/// # Safety
/// `obj` must be a valid value; the returned reference must not outlive the object.
#[inline(always)]
pub unsafe fn instance<'a, D: ClassDef>(obj: RawValue) -> Option<&'a Instance<D>> {
    // SAFETY: `JS_GetOpaque` checks the tag and the class id, and objects of `D`'s class always
    // carry an `Instance<D>` (ClassDef safety contract) or null.
    unsafe { (qjs::JS_GetOpaque(obj, D::class_id().get()) as *const Instance<D>).as_ref() }
}

impl<D: ClassDef> Instance<D> {
    /// The Rust value.
    #[inline(always)]
    pub fn value(&self) -> &D::Value {
        &self.value
    }
}

unsafe extern "C" fn finalizer<D: ClassDef>(rt: *mut qjs::JSRuntime, val: RawValue) {
    // SAFETY: called by QuickJS for an object of `D`'s class; the opaque is an
    // `Instance<D>` created by `Box::into_raw` in `new_instance`, or null.
    let ptr = unsafe { qjs::JS_GetOpaque(val, D::class_id().get()) } as *mut Instance<D>;
    if ptr.is_null() {
        return;
    }
    // SAFETY: the finalizer runs once per object, so the box is reclaimed exactly once.
    let inst = unsafe { Box::from_raw(ptr) };
    let Instance {
        header,
        slots,
        value,
    } = *inst;
    external::release(rt, header.external.get());
    for slot in slots.slots() {
        if let Some(v) = slot.raw() {
            // SAFETY: the slot owned one reference to `v`.
            unsafe { qjs::JS_FreeValueRT(rt, v) };
        }
    }
    if catch_unwind(AssertUnwindSafe(move || D::finalize(value))).is_err() {
        eprintln!(
            "rusk_bindgen: panic in finalizer of {} (ignored)",
            D::NAME.to_string_lossy()
        );
    }
}

unsafe extern "C" fn gc_mark<D: ClassDef>(
    rt: *mut qjs::JSRuntime,
    val: RawValue,
    mark: qjs::JS_MarkFunc,
) {
    // SAFETY: called by QuickJS for a live object of `D`'s class.
    if let Some(inst) = unsafe { instance::<D>(val) } {
        for slot in inst.slots.slots() {
            if let Some(v) = slot.raw() {
                // SAFETY: `v` is a live value owned by the slot; `mark` comes from QuickJS.
                unsafe { qjs::JS_MarkValue(rt, v, mark) };
            }
        }
    }
}

fn register<D: ClassDef>(ctx: RawCtx) -> JsResult<qjs::JSClassID> {
    if let Some(cloneable) = D::cloneable() {
        // A tag taken by another class was a definition error within one file; across files
        // the first class keeps it (`clone::register` reports the clash to whoever asks).
        let _ = clone::register(cloneable);
    }
    let def = qjs::JSClassDef {
        class_name: D::NAME.as_ptr(),
        finalizer: Some(finalizer::<D>),
        gc_mark: Some(gc_mark::<D>),
        call: None,
        exotic: std::ptr::null_mut(),
    };
    // SAFETY: `ctx` is the live context of the caller; the def's functions match `Instance<D>`.
    unsafe { ensure_class(ctx, D::class_id(), &def) }
}

/// Wrap `value` in a new instance with prototype `proto`; returns an owned raw value or
/// `JS_EXCEPTION` (the value is then finalized).
///
/// # Safety
/// `ctx` must be live, `D` registered in its runtime, `proto` a valid value.
unsafe fn new_instance<D: ClassDef>(ctx: RawCtx, proto: RawValue, value: D::Value) -> RawValue {
    // SAFETY: `ctx` live, class registered (caller contract).
    let obj = unsafe { qjs::JS_NewObjectProtoClass(ctx, proto, D::class_id().get()) };
    // SAFETY: reading a tag.
    if unsafe { qjs::JS_IsException(obj) } {
        D::finalize(value);
        return obj;
    }
    let external = if D::HAS_ESTIMATED_SIZE {
        catch_unwind(AssertUnwindSafe(|| D::estimated_size(&value))).unwrap_or(0)
    } else {
        0
    };
    let inst = Box::new(Instance::<D> {
        header: Header {
            tracked: Cell::new(false),
            // Counted below, once the instance is complete: an instance that fails before
            // gives nothing back when it is finalized.
            external: Cell::new(0),
        },
        slots: D::Slots::new_empty(),
        value,
    });
    let ptr = Box::into_raw(inst);
    // SAFETY: `obj` is a fresh object of a user class, so `JS_SetOpaque` succeeds; from now
    // on the finalizer owns the box.
    unsafe { qjs::JS_SetOpaque(obj, ptr.cast::<c_void>()) };
    if D::HAS_OWN_PROPERTIES {
        // SAFETY: `ptr` was just stored in `obj`, which is alive and owned here.
        if let Err(exception) = unsafe { define_own_properties::<D>(ctx, obj, &(*ptr).value) } {
            // SAFETY: `obj` is owned; freeing it finalizes the value.
            unsafe { qjs::JS_FreeValue(ctx, obj) };
            return exception;
        }
    }
    // SAFETY: `ptr` is alive while `obj` is.
    unsafe { (*ptr).header.external.set(external) };
    if D::HAS_PENDING_ACTIVITY {
        // SAFETY: `ptr` was just stored in `obj`, which is alive.
        unsafe { track_pending::<D>(ctx, obj, &*ptr) };
    }
    if external > 0 {
        // SAFETY: `ctx` is live; the new object is referenced by `obj`, so a collection run
        // here cannot free it.
        unsafe { external::hold(ctx, external) };
    }
    obj
}

/// Runs `D::define_own_properties` on a new instance; `Err` carries `JS_EXCEPTION` (pending).
///
/// # Safety
/// `ctx` is live; `obj` is a live object holding `value`.
unsafe fn define_own_properties<D: ClassDef>(
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

/// `structuredClone: { tag, transferable? }`: classes whose instances the runtime's
/// `structuredClone` / `postMessage` copy as bytes. A class registers a [`Cloneable`] (its
/// generated `<module>::CLONE`) — automatically when it is first registered in a runtime, or
/// explicitly with [`register`] (a receiving runtime may not have used the class yet) — and
/// the runtime calls [`serialize`] on each object it copies and [`deserialize`] with the tag
/// and bytes on the other side.
pub mod clone {
    use std::panic::{catch_unwind, AssertUnwindSafe};
    use std::sync::Mutex;

    use super::{panic_message, ClassDef, Ctx, Exception, JsResult, Value};

    /// A class that can be copied by `structuredClone`.
    pub struct Cloneable {
        /// The JS class name.
        pub name: &'static str,
        /// The class's tag in serialized data (unique among registered classes).
        pub tag: u32,
        /// Whether the runtime may transfer an instance (`transferable: true`) rather than copy.
        pub transferable: bool,
        /// The bytes of `value` when it is an instance of exactly this class, else `None`.
        pub serialize: fn(&Value<'_>) -> Option<Vec<u8>>,
        /// A new instance from bytes `serialize` made; `Ok(None)` when the bytes are not
        /// understood.
        pub deserialize: for<'js> fn(&Ctx<'js>, &[u8]) -> JsResult<Option<Value<'js>>>,
    }

    static REGISTRY: Mutex<Vec<&'static Cloneable>> = Mutex::new(Vec::new());

    fn registry() -> std::sync::MutexGuard<'static, Vec<&'static Cloneable>> {
        REGISTRY.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Register `c` (again: no-op). `Err` names the class that already has its tag.
    pub fn register(c: &'static Cloneable) -> Result<(), String> {
        let mut list = registry();
        match list.iter().find(|r| r.tag == c.tag) {
            Some(r) if std::ptr::eq(*r, c) => Ok(()),
            Some(r) => Err(format!(
                "structured-clone tag {} of {} is already registered by {}",
                c.tag, c.name, r.name
            )),
            None => {
                list.push(c);
                Ok(())
            }
        }
    }

    /// The registered class with tag `tag`.
    pub fn by_tag(tag: u32) -> Option<&'static Cloneable> {
        registry().iter().find(|r| r.tag == tag).copied()
    }

    /// The registered class of `value` and its bytes, or `Ok(None)` when `value` is not an
    /// instance of a registered class (an instance of a subclass is not one of its parent: it
    /// would lose its own part). A panic in the Rust `serialize` is an `Error`.
    pub fn serialize<'js>(
        cx: &Ctx<'js>,
        value: &Value<'js>,
    ) -> JsResult<Option<(&'static Cloneable, Vec<u8>)>> {
        let list: Vec<&'static Cloneable> = registry().clone();
        for c in list {
            match catch_unwind(AssertUnwindSafe(|| (c.serialize)(value))) {
                Ok(Some(bytes)) => return Ok(Some((c, bytes))),
                Ok(None) => {}
                Err(p) => {
                    return Err(Exception::throw_message(
                        cx,
                        &format!(
                            "Rust panic in the serialize of {}: {}",
                            c.name,
                            panic_message(p.as_ref())
                        ),
                    ))
                }
            }
        }
        Ok(None)
    }

    /// A new instance of the class registered with `tag`, made from `bytes`. An unknown tag,
    /// bytes the class does not understand or a panic are errors naming the class.
    pub fn deserialize<'js>(cx: &Ctx<'js>, tag: u32, bytes: &[u8]) -> JsResult<Value<'js>> {
        let Some(c) = by_tag(tag) else {
            return Err(Exception::throw_type(
                cx,
                &format!("rusk_bindgen: no class is registered for structured-clone tag {tag}"),
            ));
        };
        match catch_unwind(AssertUnwindSafe(|| (c.deserialize)(cx, bytes))) {
            Ok(Ok(Some(v))) => Ok(v),
            Ok(Ok(None)) => Err(Exception::throw_type(
                cx,
                &format!(
                    "rusk_bindgen: {} cannot be deserialized from these {} bytes",
                    c.name,
                    bytes.len()
                ),
            )),
            Ok(Err(e)) => Err(e),
            Err(p) => Err(Exception::throw_message(
                cx,
                &format!(
                    "Rust panic in the deserialize of {}: {}",
                    c.name,
                    panic_message(p.as_ref())
                ),
            )),
        }
    }

    /// The Rust value of `value` when it is an instance of exactly `D`'s class (not of a
    /// subclass), for the generated `serialize`.
    pub fn exact<'a, D: ClassDef>(value: &'a Value<'_>) -> Option<&'a D::Value> {
        // SAFETY: the reference is tied to `value`, which keeps the object alive.
        unsafe { super::instance::<D>(value.as_raw()) }.map(|i| i.value())
    }
}

/// Native memory held by instances (`estimatedSize`), which the engine's allocator does not
/// see. QuickJS frees unreferenced objects at once, but objects in reference cycles wait for
/// the cycle collector, which runs when the engine's own heap grows: a cycle of small JS
/// objects holding large native buffers would let native memory grow unchecked. Counting the
/// bytes here and collecting once the bytes made since the last collection pass a limit (the
/// larger of 32 MiB and what was live after it) keeps them bounded, as V8's external-memory
/// accounting does.
pub mod external {
    use std::cell::RefCell;

    use super::{qjs, RawCtx};

    const MIN_LIMIT: usize = 32 << 20;

    #[derive(Default, Clone, Copy)]
    struct Account {
        runtime: usize,
        live: usize,
        since_gc: usize,
        limit: usize,
    }

    thread_local! {
        static ACCOUNTS: RefCell<Vec<Account>> = const { RefCell::new(Vec::new()) };
    }

    fn with_account<R>(runtime: usize, f: impl FnOnce(&mut Account) -> R) -> R {
        ACCOUNTS.with(|a| {
            let mut list = a.borrow_mut();
            let i = match list.iter().position(|x| x.runtime == runtime) {
                Some(i) => i,
                None => {
                    list.push(Account {
                        runtime,
                        limit: MIN_LIMIT,
                        ..Default::default()
                    });
                    list.len() - 1
                }
            };
            f(&mut list[i])
        })
    }

    /// Counts `bytes` for a new instance; collects garbage when the limit is passed.
    ///
    /// # Safety
    /// `ctx` is a live context on its runtime's thread.
    pub(super) unsafe fn hold(ctx: RawCtx, bytes: usize) {
        // SAFETY: `ctx` is live.
        let rt = unsafe { qjs::JS_GetRuntime(ctx) };
        let collect = with_account(rt as usize, |a| {
            a.live += bytes;
            a.since_gc += bytes;
            a.since_gc > a.limit
        });
        if collect {
            // SAFETY: collecting on the runtime's own thread; finalizers release their bytes.
            unsafe { qjs::JS_RunGC(rt) };
            with_account(rt as usize, |a| {
                a.since_gc = 0;
                a.limit = a.live.max(MIN_LIMIT);
            });
        }
    }

    /// Gives back the bytes of an instance that died.
    pub(super) fn release(rt: *mut qjs::JSRuntime, bytes: usize) {
        if bytes > 0 {
            with_account(rt as usize, |a| a.live = a.live.saturating_sub(bytes));
        }
    }

    /// The native bytes counted for live instances of `ctx`'s runtime.
    pub fn live_bytes(ctx: &rquickjs::Ctx<'_>) -> usize {
        // SAFETY: reading the runtime pointer of a live context.
        let rt = unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) };
        with_account(rt as usize, |a| a.live)
    }
}

// ---------------------------------------------------------------------------------------------
// Per-context data: constructors and the pending-activity list
// ---------------------------------------------------------------------------------------------

struct PendingEntry {
    obj: RawValue,
    header: *const Header,
    check: unsafe fn(*const Header) -> bool,
}

#[derive(Default)]
struct ContextData {
    ctors: RefCell<Vec<(qjs::JSClassID, RawValue)>>,
    pending: RefCell<Vec<PendingEntry>>,
}

static CONTEXT_DATA_ID: ClassId = ClassId::new();

unsafe extern "C" fn context_data_finalizer(rt: *mut qjs::JSRuntime, val: RawValue) {
    // SAFETY: the opaque of a context-data object is a `Box<ContextData>` or null.
    let ptr = unsafe { qjs::JS_GetOpaque(val, CONTEXT_DATA_ID.get()) } as *mut ContextData;
    if ptr.is_null() {
        return;
    }
    // SAFETY: reclaimed once, by the only finalizer call.
    let data = unsafe { Box::from_raw(ptr) };
    // The objects may be finalized in the same GC pass, so their headers are not touched.
    let values: Vec<RawValue> = data
        .ctors
        .take()
        .into_iter()
        .map(|(_, v)| v)
        .chain(data.pending.take().into_iter().map(|e| e.obj))
        .collect();
    for v in values {
        // SAFETY: each entry owned one reference.
        unsafe { qjs::JS_FreeValueRT(rt, v) };
    }
}

unsafe extern "C" fn context_data_mark(
    rt: *mut qjs::JSRuntime,
    val: RawValue,
    mark: qjs::JS_MarkFunc,
) {
    // SAFETY: as in the finalizer; the data lives as long as the object.
    let ptr = unsafe { qjs::JS_GetOpaque(val, CONTEXT_DATA_ID.get()) } as *const ContextData;
    // SAFETY: non-null opaque points to a live `ContextData`.
    let Some(data) = (unsafe { ptr.as_ref() }) else {
        return;
    };
    // A list being edited is skipped: its references then count as external roots, which only
    // keeps objects alive a little longer (never frees them early).
    if let Ok(ctors) = data.ctors.try_borrow() {
        for (_, v) in ctors.iter() {
            // SAFETY: live value owned by the list.
            unsafe { qjs::JS_MarkValue(rt, *v, mark) };
        }
    }
    if let Ok(pending) = data.pending.try_borrow() {
        for e in pending.iter() {
            // SAFETY: live value owned by the list.
            unsafe { qjs::JS_MarkValue(rt, e.obj, mark) };
        }
    }
}

/// The context data of `ctx`, created on first use. The holder object is stored as the
/// "class prototype" of the context-data class, so the context owns (and traces) it.
fn context_data<'a>(ctx: RawCtx) -> JsResult<&'a ContextData> {
    let def = qjs::JSClassDef {
        class_name: c"RuskBindgenContextData".as_ptr(),
        finalizer: Some(context_data_finalizer),
        gc_mark: Some(context_data_mark),
        call: None,
        exotic: std::ptr::null_mut(),
    };
    // SAFETY: `ctx` is live; the def matches `ContextData` holders.
    let id = unsafe { ensure_class(ctx, &CONTEXT_DATA_ID, &def)? };
    // SAFETY: `ctx` is live; `JS_GetClassProto` returns an owned value.
    let holder = unsafe { qjs::JS_GetClassProto(ctx, id) };
    // SAFETY: `holder` is owned; the opaque (if any) is a live `Box<ContextData>`, kept alive
    // by the context even after we release our reference.
    unsafe {
        let ptr = qjs::JS_GetOpaque(holder, id) as *const ContextData;
        qjs::JS_FreeValue(ctx, holder);
        if let Some(data) = ptr.as_ref() {
            return Ok(data);
        }
    }
    // SAFETY: `ctx` is live; the new holder is handed to the context with `JS_SetClassProto`
    // (which takes ownership), after its opaque is set.
    unsafe {
        let obj = qjs::JS_NewObjectProtoClass(ctx, qjs::JS_NULL, id);
        if qjs::JS_IsException(obj) {
            return Err(JsError::Exception);
        }
        let data = Box::into_raw(Box::<ContextData>::default());
        qjs::JS_SetOpaque(obj, data.cast::<c_void>());
        qjs::JS_SetClassProto(ctx, id, obj);
        Ok(&*data)
    }
}

/// The context data of `ctx` if it was ever created (never creates it).
fn existing_context_data<'a>(ctx: RawCtx) -> Option<&'a ContextData> {
    let id = CONTEXT_DATA_ID.get();
    if id == 0 {
        return None;
    }
    // SAFETY: `ctx` is live. The class id is ours when registered under our name; an object of
    // that class found in the class-proto table was created by `context_data`.
    unsafe {
        let rt = qjs::JS_GetRuntime(ctx);
        if !qjs::JS_IsRegisteredClass(rt, id) {
            return None;
        }
        let holder = qjs::JS_GetClassProto(ctx, id);
        let ptr = qjs::JS_GetOpaque(holder, id) as *const ContextData;
        qjs::JS_FreeValue(ctx, holder);
        ptr.as_ref()
    }
}

unsafe fn check_pending<D: ClassDef>(header: *const Header) -> bool {
    // SAFETY: `header` is the first field of a `#[repr(C)] Instance<D>` kept alive by the
    // pending list's reference.
    let inst = unsafe { &*(header as *const Instance<D>) };
    catch_unwind(AssertUnwindSafe(|| D::has_pending_activity(&inst.value))).unwrap_or(false)
}

/// Register `obj` in the pending list of `ctx` (no-op when already registered).
///
/// # Safety
/// `ctx` live; `inst` is the instance of `obj`.
unsafe fn track_pending<D: ClassDef>(ctx: RawCtx, obj: RawValue, inst: &Instance<D>) -> bool {
    if inst.header.tracked.get() {
        return true;
    }
    let Ok(data) = context_data(ctx) else {
        return false;
    };
    let Ok(mut pending) = data.pending.try_borrow_mut() else {
        return false;
    };
    inst.header.tracked.set(true);
    pending.push(PendingEntry {
        // SAFETY: `ctx` live; the list owns this new reference.
        obj: unsafe { qjs::JS_DupValue(ctx, obj) },
        header: &inst.header,
        check: check_pending::<D>,
    });
    true
}

/// Register `this` again for pending activity (e.g. when activity restarts after a sweep
/// released it). Returns `false` when `this` is not an instance of `D`.
pub fn retain_while_pending<D: ClassDef>(this: &Value<'_>) -> bool {
    let ctx = this.ctx().as_raw().as_ptr();
    // SAFETY: `this` keeps the object (and its instance) alive during the call.
    match unsafe { instance::<D>(this.as_raw()) } {
        // SAFETY: `ctx` is live while `this` is.
        Some(inst) => unsafe { track_pending::<D>(ctx, this.as_raw(), inst) },
        None => false,
    }
}

/// Release the keep-alive reference of every object of `cx` whose `has_pending_activity()`
/// became false. Returns how many were released. Call once per event-loop turn and before a
/// forced GC; objects released here are collected by the normal refcount / GC rules.
pub fn sweep_pending(cx: &Ctx<'_>) -> usize {
    let ctx = cx.as_raw().as_ptr();
    let Some(data) = existing_context_data(ctx) else {
        return 0;
    };
    let Ok(mut list) = data
        .pending
        .try_borrow_mut()
        .map(|mut l| std::mem::take(&mut *l))
    else {
        return 0;
    };
    let mut released = Vec::new();
    list.retain(|e| {
        // SAFETY: the entry's reference keeps the instance alive.
        let busy = unsafe { (e.check)(e.header) };
        if !busy {
            released.push(e.obj);
            // SAFETY: header alive (reference still held).
            unsafe { (*e.header).tracked.set(false) };
        }
        busy
    });
    match data.pending.try_borrow_mut() {
        Ok(mut l) => {
            // Entries registered meanwhile stay after the survivors.
            let added = std::mem::take(&mut *l);
            *l = list;
            l.extend(added);
        }
        Err(_) => {
            // Unreachable in practice; keep the references rather than lose them.
            released.extend(list.into_iter().map(|e| e.obj));
        }
    }
    let n = released.len();
    for v in released {
        // SAFETY: each released entry owned one reference; freeing may run finalizers, which is
        // fine since no list borrow is held.
        unsafe { qjs::JS_FreeValue(ctx, v) };
    }
    n
}

/// Number of objects of `cx` currently kept alive for pending activity.
pub fn pending_count(cx: &Ctx<'_>) -> usize {
    existing_context_data(cx.as_raw().as_ptr())
        .and_then(|d| d.pending.try_borrow().ok().map(|l| l.len()))
        .unwrap_or(0)
}

// ---------------------------------------------------------------------------------------------
// Prototype / constructor setup
// ---------------------------------------------------------------------------------------------

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
fn key_atom(ctx: RawCtx, key: Key) -> JsResult<Option<qjs::JSAtom>> {
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

fn owned_object<'js>(ctx: &Ctx<'js>, raw: RawValue) -> JsResult<Object<'js>> {
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
fn new_prototype<'js, D: ClassDef>(
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

// ---------------------------------------------------------------------------------------------
// Thunk bodies (inlined into the generated `extern "C"` functions)
// ---------------------------------------------------------------------------------------------

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
unsafe fn invalid_this(ctx: RawCtx, member: &'static Member, behavior: InvalidThis) -> RawValue {
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
unsafe fn construct_inner<D, F, I>(
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
