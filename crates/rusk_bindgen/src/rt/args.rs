//! Arguments: what a thunk receives.

use super::*;

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
