//! The value rules of rusk:ffi, in one place: how a JS value becomes the raw bits of a C
//! argument (`to_c`) and how raw C bits become a JS value (`to_js`). Calls, callbacks and the
//! thread-safe queue all go through these two functions, so a faster trampoline can be added
//! behind them without changing behaviour.

use std::ffi::CString;

use rquickjs::qjs::{self, JSContext, JSValue};

use crate::types::FfiType;

pub const MAX_SAFE: u64 = (1u64 << 53) - 1;

/// A conversion failed and its JS exception is pending in the context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thrown;

/// Storage that must outlive one call: NUL-terminated copies of JS strings.
#[derive(Default)]
pub struct CallScratch {
    strings: Vec<CString>,
}

impl CallScratch {
    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }
}

pub fn undefined() -> JSValue {
    qjs::JS_MKVAL(qjs::JS_TAG_UNDEFINED, 0)
}

pub fn null() -> JSValue {
    qjs::JS_MKVAL(qjs::JS_TAG_NULL, 0)
}

pub fn exception() -> JSValue {
    qjs::JS_MKVAL(qjs::JS_TAG_EXCEPTION, 0)
}

/// Throws a TypeError with `msg`; returns the exception marker.
///
/// # Safety
/// `ctx` must be a live context on the JS thread.
pub unsafe fn throw_type(ctx: *mut JSContext, msg: &str) -> JSValue {
    let m = CString::new(msg.replace('\0', " ")).unwrap_or_default();
    // SAFETY: "%s" with a valid NUL-terminated string is a correct variadic call.
    unsafe { qjs::JS_ThrowTypeError(ctx, c"%s".as_ptr(), m.as_ptr()) }
}

/// Throws an Error with `msg`; returns the exception marker.
///
/// # Safety
/// `ctx` must be a live context on the JS thread.
pub unsafe fn throw_error(ctx: *mut JSContext, msg: &str) -> JSValue {
    let m = CString::new(msg.replace('\0', " ")).unwrap_or_default();
    // SAFETY: as above.
    unsafe { qjs::JS_ThrowPlainError(ctx, c"%s".as_ptr(), m.as_ptr()) }
}

/// Throws a RangeError with `msg`; returns the exception marker.
///
/// # Safety
/// `ctx` must be a live context on the JS thread.
pub unsafe fn throw_range(ctx: *mut JSContext, msg: &str) -> JSValue {
    let m = CString::new(msg.replace('\0', " ")).unwrap_or_default();
    // SAFETY: as above.
    unsafe { qjs::JS_ThrowRangeError(ctx, c"%s".as_ptr(), m.as_ptr()) }
}

/// ToInt32-like modular conversion of a double (NaN/±Infinity → 0, fractions truncate).
pub fn f64_to_u64_modular(f: f64) -> u64 {
    if !f.is_finite() {
        return 0;
    }
    let t = f.trunc();
    if t.abs() < 9.2e18 {
        return (t as i64) as u64;
    }
    // Outside the i64 range: reduce modulo 2^64 exactly.
    let m = t.rem_euclid(18446744073709551616.0);
    m as u64
}

/// Reads a JS value as a 64-bit integer (number or BigInt, wrapped modulo 2^64).
///
/// # Safety
/// `ctx` must be live; `v` a valid value of that context.
pub unsafe fn int64_bits(ctx: *mut JSContext, v: JSValue) -> Result<u64, Thrown> {
    // SAFETY: tag inspection of a valid value.
    let tag = unsafe { qjs::JS_VALUE_GET_TAG(v) };
    match tag {
        qjs::JS_TAG_INT => Ok(unsafe { qjs::JS_VALUE_GET_INT(v) } as i64 as u64),
        qjs::JS_TAG_FLOAT64 => Ok(f64_to_u64_modular(unsafe { qjs::JS_VALUE_GET_FLOAT64(v) })),
        qjs::JS_TAG_BIG_INT | qjs::JS_TAG_SHORT_BIG_INT => {
            let mut out: u64 = 0;
            // SAFETY: v is a BigInt; JS_ToBigUint64 wraps it like BigInt.asUintN(64).
            if unsafe { qjs::JS_ToBigUint64(ctx, &mut out, v) } < 0 {
                return Err(Thrown);
            }
            Ok(out)
        }
        // SAFETY: the tag says `v` is a bool.
        qjs::JS_TAG_BOOL => Ok(unsafe { qjs::JS_VALUE_GET_BOOL(v) } as u64),
        qjs::JS_TAG_NULL | qjs::JS_TAG_UNDEFINED => Ok(0),
        _ => {
            let mut d = 0.0;
            // SAFETY: generic ToNumber on a valid value; may call JS (valueOf) and throw.
            if unsafe { qjs::JS_ToFloat64(ctx, &mut d, v) } < 0 {
                return Err(Thrown);
            }
            Ok(f64_to_u64_modular(d))
        }
    }
}

/// Reads a JS value as a double following the contract (BigInt via Number(), null → 0,
/// undefined → NaN, strings → TypeError).
///
/// # Safety
/// `ctx` must be live; `v` a valid value of that context.
pub unsafe fn float_of(ctx: *mut JSContext, v: JSValue) -> Result<f64, Thrown> {
    // SAFETY: tag inspection of a valid value.
    let tag = unsafe { qjs::JS_VALUE_GET_TAG(v) };
    match tag {
        qjs::JS_TAG_INT => Ok(unsafe { qjs::JS_VALUE_GET_INT(v) } as f64),
        qjs::JS_TAG_FLOAT64 => Ok(unsafe { qjs::JS_VALUE_GET_FLOAT64(v) }),
        qjs::JS_TAG_BIG_INT | qjs::JS_TAG_SHORT_BIG_INT => {
            let mut out: i64 = 0;
            // SAFETY: v is a BigInt.
            if unsafe { qjs::JS_ToBigInt64(ctx, &mut out, v) } < 0 {
                return Err(Thrown);
            }
            Ok(out as f64)
        }
        qjs::JS_TAG_NULL => Ok(0.0),
        qjs::JS_TAG_UNDEFINED => Ok(f64::NAN),
        // SAFETY: the tag says `v` is a bool.
        qjs::JS_TAG_BOOL => Ok(if unsafe { qjs::JS_VALUE_GET_BOOL(v) } {
            1.0
        } else {
            0.0
        }),
        qjs::JS_TAG_STRING | qjs::JS_TAG_SYMBOL => {
            // SAFETY: ctx is live.
            unsafe {
                throw_type(
                    ctx,
                    "Expected a number or BigInt for a floating-point argument",
                )
            };
            Err(Thrown)
        }
        _ => {
            let mut d = 0.0;
            // SAFETY: generic ToNumber.
            if unsafe { qjs::JS_ToFloat64(ctx, &mut d, v) } < 0 {
                return Err(Thrown);
            }
            Ok(d)
        }
    }
}

/// The data address of a TypedArray, DataView or ArrayBuffer (with byteOffset applied), if
/// `v` is one; also returns the byte length.
///
/// # Safety
/// `ctx` must be live; `v` a valid value of that context.
pub unsafe fn view_address(ctx: *mut JSContext, v: JSValue) -> Option<(u64, usize)> {
    // SAFETY: all calls get a valid object value; returned buffers are freed below.
    unsafe {
        if qjs::JS_VALUE_GET_TAG(v) != qjs::JS_TAG_OBJECT {
            return None;
        }
        if qjs::JS_GetTypedArrayType(v) >= 0 {
            let (mut off, mut len, mut per): (qjs::size_t, qjs::size_t, qjs::size_t) = (0, 0, 0);
            let buf = qjs::JS_GetTypedArrayBuffer(ctx, v, &mut off, &mut len, &mut per);
            if qjs::JS_IsException(buf) {
                let _ = qjs::JS_GetException(ctx);
                return None;
            }
            let mut size: qjs::size_t = 0;
            let data = qjs::JS_GetArrayBuffer(ctx, &mut size, buf);
            qjs::JS_FreeValue(ctx, buf);
            return Some((data as u64 + off, len as usize));
        }
        if qjs::JS_IsArrayBuffer(v) {
            let mut size: qjs::size_t = 0;
            let data = qjs::JS_GetArrayBuffer(ctx, &mut size, v);
            return Some((data as u64, size as usize));
        }
        if qjs::JS_IsDataView(v) {
            let buf = qjs::JS_GetPropertyStr(ctx, v, c"buffer".as_ptr());
            let off = qjs::JS_GetPropertyStr(ctx, v, c"byteOffset".as_ptr());
            let len = qjs::JS_GetPropertyStr(ctx, v, c"byteLength".as_ptr());
            let mut size: qjs::size_t = 0;
            let data = qjs::JS_GetArrayBuffer(ctx, &mut size, buf);
            let (mut o, mut l) = (0.0, 0.0);
            qjs::JS_ToFloat64(ctx, &mut o, off);
            qjs::JS_ToFloat64(ctx, &mut l, len);
            qjs::JS_FreeValue(ctx, buf);
            qjs::JS_FreeValue(ctx, off);
            qjs::JS_FreeValue(ctx, len);
            return Some((data as u64 + o as u64, l as usize));
        }
        None
    }
}

/// Converts a JS value to a pointer argument: number, BigInt, null/undefined, views and
/// ArrayBuffers; strings (for `cstring` and `ptr`) become NUL-terminated UTF-8 copies that live
/// until the call returns.
///
/// # Safety
/// `ctx` must be live; `v` a valid value of that context.
pub unsafe fn pointer_of(
    ctx: *mut JSContext,
    v: JSValue,
    scratch: &mut CallScratch,
    what: &str,
) -> Result<u64, Thrown> {
    // SAFETY: tag inspection and conversions of a valid value.
    unsafe {
        match qjs::JS_VALUE_GET_TAG(v) {
            qjs::JS_TAG_INT => Ok(qjs::JS_VALUE_GET_INT(v) as i64 as u64),
            qjs::JS_TAG_FLOAT64 => Ok(f64_to_u64_modular(qjs::JS_VALUE_GET_FLOAT64(v))),
            qjs::JS_TAG_NULL | qjs::JS_TAG_UNDEFINED => Ok(0),
            qjs::JS_TAG_BOOL if !qjs::JS_VALUE_GET_BOOL(v) => Ok(0),
            qjs::JS_TAG_BIG_INT | qjs::JS_TAG_SHORT_BIG_INT => int64_bits(ctx, v),
            qjs::JS_TAG_STRING => {
                let mut len: qjs::size_t = 0;
                let p = qjs::JS_ToCStringLen2(ctx, &mut len, v, false);
                if p.is_null() {
                    return Err(Thrown);
                }
                let bytes = std::slice::from_raw_parts(p as *const u8, len as usize).to_vec();
                qjs::JS_FreeCString(ctx, p);
                let c = CString::new(bytes).unwrap_or_else(|e| {
                    let mut b = e.into_vec();
                    b.retain(|&x| x != 0);
                    CString::new(b).unwrap_or_default()
                });
                let addr = c.as_ptr() as u64;
                scratch.strings.push(c);
                Ok(addr)
            }
            _ => match view_address(ctx, v) {
                Some((addr, _)) => Ok(addr),
                None => {
                    throw_type(ctx, &format!("Expected a pointer (number, BigInt, TypedArray, DataView, ArrayBuffer or null) for {what}"));
                    Err(Thrown)
                }
            },
        }
    }
}

/// Converts JS value `v` into the raw bits of a C value of type `ty`.
///
/// # Safety
/// `ctx` must be live; `v` a valid value of that context.
#[inline]
pub unsafe fn to_c(
    ctx: *mut JSContext,
    ty: FfiType,
    v: JSValue,
    scratch: &mut CallScratch,
    what: &str,
) -> Result<u64, Thrown> {
    use FfiType::*;
    // SAFETY: every branch only inspects/converts the valid value `v`.
    unsafe {
        match ty {
            Char | I8 | U8 | I16 | U16 | I32 | U32 => {
                let tag = qjs::JS_VALUE_GET_TAG(v);
                if tag == qjs::JS_TAG_INT {
                    return Ok(qjs::JS_VALUE_GET_INT(v) as i64 as u64);
                }
                int64_bits(ctx, v)
            }
            I64 | U64 | I64Fast | U64Fast => int64_bits(ctx, v),
            F64 => float_of(ctx, v).map(f64::to_bits),
            F32 => float_of(ctx, v).map(|d| (d as f32).to_bits() as u64),
            Bool => Ok(qjs::JS_ToBool(ctx, v) as u64),
            Ptr | CString => pointer_of(ctx, v, scratch, what),
            Buffer => {
                if qjs::JS_GetTypedArrayType(v) >= 0 || qjs::JS_IsDataView(v) {
                    view_address(ctx, v).map(|(a, _)| a).ok_or(Thrown)
                } else {
                    throw_type(
                        ctx,
                        &format!("Expected a TypedArray or DataView for {what} (type \"buffer\")"),
                    );
                    Err(Thrown)
                }
            }
            Function => function_pointer(ctx, v),
            Void => Ok(0),
            NapiEnv | NapiValue => {
                throw_type(ctx, "napi_env and napi_value are not supported by rusk:ffi");
                Err(Thrown)
            }
        }
    }
}

/// A `function` argument: a JSCallback (its `ptr`), a number or a BigInt.
unsafe fn function_pointer(ctx: *mut JSContext, v: JSValue) -> Result<u64, Thrown> {
    // SAFETY: valid value inspection; property read on an object.
    unsafe {
        match qjs::JS_VALUE_GET_TAG(v) {
            qjs::JS_TAG_INT
            | qjs::JS_TAG_FLOAT64
            | qjs::JS_TAG_BIG_INT
            | qjs::JS_TAG_SHORT_BIG_INT => int64_bits(ctx, v),
            qjs::JS_TAG_NULL => Ok(0),
            qjs::JS_TAG_OBJECT => {
                let p = qjs::JS_GetPropertyStr(ctx, v, c"ptr".as_ptr());
                let tag = qjs::JS_VALUE_GET_TAG(p);
                let ok = matches!(
                    tag,
                    qjs::JS_TAG_INT
                        | qjs::JS_TAG_FLOAT64
                        | qjs::JS_TAG_BIG_INT
                        | qjs::JS_TAG_SHORT_BIG_INT
                );
                let r = if ok { int64_bits(ctx, p) } else { Err(Thrown) };
                qjs::JS_FreeValue(ctx, p);
                if r.is_err() && !qjs::JS_HasException(ctx) {
                    throw_type(ctx, "Expected function to be a JSCallback or a number");
                }
                r
            }
            _ => {
                throw_type(ctx, "Expected function to be a JSCallback or a number");
                Err(Thrown)
            }
        }
    }
}

/// Converts raw C bits of type `ty` into a JS value (64-bit integers become BigInts, the
/// `_fast` kinds numbers when |v| ≤ 2^53−1; NULL pointers become `null`).
///
/// # Safety
/// `ctx` must be live and on the JS thread. For `cstring`, `bits` must be NULL or point to a
/// NUL-terminated string.
#[inline]
pub unsafe fn to_js(ctx: *mut JSContext, ty: FfiType, bits: u64) -> JSValue {
    use FfiType::*;
    // SAFETY: value constructors on a live context.
    unsafe {
        match ty {
            Char | I8 => qjs::JS_MKVAL(qjs::JS_TAG_INT, bits as i8 as i32),
            U8 => qjs::JS_MKVAL(qjs::JS_TAG_INT, bits as u8 as i32),
            I16 => qjs::JS_MKVAL(qjs::JS_TAG_INT, bits as i16 as i32),
            U16 => qjs::JS_MKVAL(qjs::JS_TAG_INT, bits as u16 as i32),
            I32 => qjs::JS_MKVAL(qjs::JS_TAG_INT, bits as i32),
            U32 => qjs::JS_NewFloat64(bits as u32 as f64),
            I64 => qjs::JS_NewBigInt64(ctx, bits as i64),
            U64 => qjs::JS_NewBigUint64(ctx, bits),
            I64Fast => {
                let v = bits as i64;
                if v.unsigned_abs() <= MAX_SAFE {
                    qjs::JS_NewFloat64(v as f64)
                } else {
                    qjs::JS_NewBigInt64(ctx, v)
                }
            }
            U64Fast => {
                if bits <= MAX_SAFE {
                    qjs::JS_NewFloat64(bits as f64)
                } else {
                    qjs::JS_NewBigUint64(ctx, bits)
                }
            }
            F64 => float_value(f64::from_bits(bits)),
            F32 => float_value(f32::from_bits(bits as u32) as f64),
            Bool => qjs::JS_MKVAL(qjs::JS_TAG_BOOL, (bits as u8 != 0) as i32),
            Ptr | Function | Buffer | NapiEnv | NapiValue => {
                if bits == 0 {
                    null()
                } else {
                    qjs::JS_NewFloat64(bits as f64)
                }
            }
            CString => {
                if bits == 0 {
                    null()
                } else {
                    let s = std::ffi::CStr::from_ptr(bits as *const std::ffi::c_char);
                    let b = s.to_bytes();
                    qjs::JS_NewStringLen(ctx, b.as_ptr() as *const _, b.len() as qjs::size_t)
                }
            }
            Void => undefined(),
        }
    }
}

/// A number value that keeps NaN payload-free but preserves −0 (JS_NewFloat64 keeps −0 as a
/// float; integral values become ints, which JS cannot tell apart).
fn float_value(d: f64) -> JSValue {
    qjs::JS_NewFloat64(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modular_conversion() {
        assert_eq!(f64_to_u64_modular(f64::NAN), 0);
        assert_eq!(f64_to_u64_modular(f64::INFINITY), 0);
        assert_eq!(f64_to_u64_modular(-1.0), u64::MAX);
        assert_eq!(f64_to_u64_modular(3.9), 3);
        assert_eq!(f64_to_u64_modular(18446744073709551616.0 + 4096.0), 4096);
        assert_eq!(f64_to_u64_modular(300.0) as u8, 44);
    }
}
