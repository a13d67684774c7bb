//! Return values: what Rust methods return, made into JS values without detours.

use super::*;

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
pub(crate) fn finish(
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
pub(crate) fn finish_unit(
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
