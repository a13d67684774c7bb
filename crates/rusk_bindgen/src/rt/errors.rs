//! Errors and panics: exceptions from Rust errors, panics and bad receivers; raw-value helpers.

use super::*;

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

pub(crate) fn panic_message(payload: &(dyn Any + Send)) -> &str {
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
pub(crate) unsafe fn borrowed_ctx<'js>(ctx: RawCtx) -> ManuallyDrop<Ctx<'js>> {
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
