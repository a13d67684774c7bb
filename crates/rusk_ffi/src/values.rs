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

// The raw-value helpers are shared with the class generator's runtime.
pub use rusk_bindgen::rt::raw::{
    exception, null, throw_plain as throw_error, throw_range, throw_type, undefined,
};

/// A value with an immediate 32-bit payload (an int or a bool), built as two full 8-byte words.
/// `JS_MKVAL` writes only the 4-byte `int32` member of the payload, and every copy of such a
/// value then reads 16 bytes over narrower stores (a store-forwarding stall per argument on the
/// callback paths).
#[inline(always)]
pub(crate) fn immediate(tag: i32, payload: i32) -> JSValue {
    const _: () = assert!(std::mem::size_of::<JSValue>() == 16);
    // SAFETY: on 64-bit targets a JSValue is a 64-bit payload followed by a 64-bit tag, both
    // plain integers (asserted size); an int's payload is the zero-extended 32-bit value.
    unsafe {
        std::mem::transmute::<[u64; 2], JSValue>([u64::from(payload as u32), tag as i64 as u64])
    }
}

/// `*slot = v` as two 8-byte stores from registers. A plain assignment copies the value
/// through a 16-byte load of a stack temporary written by narrower stores (an int's payload is
/// 4 bytes): a store-forwarding stall per argument, the hottest instruction of the queued
/// callback path before this.
#[inline(always)]
pub fn store(slot: &mut JSValue, v: JSValue) {
    // SAFETY: a JSValue is 16 plain bytes on 64-bit targets (asserted in `immediate`).
    let words = unsafe { std::mem::transmute::<JSValue, [u64; 2]>(v) };
    let dst = slot as *mut JSValue as *mut u64;
    // SAFETY: `dst` points to `slot`, valid and aligned for two u64 words. Volatile keeps the
    // two 8-byte stores from being merged back into a copy through memory.
    unsafe {
        dst.write_volatile(words[0]);
        dst.add(1).write_volatile(words[1]);
    }
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

/// Reads a JS value as a 64-bit integer (number or BigInt, wrapped modulo 2^64). Strings and
/// symbols give `Err(Thrown)` *without* an exception pending: the caller throws a TypeError
/// that names the argument.
///
/// # Safety
/// `ctx` must be live; `v` a valid value of that context.
pub unsafe fn int64_bits(ctx: *mut JSContext, v: JSValue) -> Result<u64, Thrown> {
    // SAFETY: tag inspection of a valid value.
    let tag = unsafe { qjs::JS_VALUE_GET_TAG(v) };
    match tag {
        // SAFETY: the tag says `v` holds an int.
        qjs::JS_TAG_INT => Ok(unsafe { qjs::JS_VALUE_GET_INT(v) } as i64 as u64),
        // SAFETY: the tag says `v` holds a double.
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
        qjs::JS_TAG_STRING | qjs::JS_TAG_SYMBOL => Err(Thrown),
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

/// `Number(v)` for a BigInt: exact rounding to the nearest double (ties to even), no wrapping.
///
/// # Safety
/// `ctx` must be live; `v` a BigInt of that context.
unsafe fn bigint_to_f64(ctx: *mut JSContext, v: JSValue) -> Result<f64, Thrown> {
    // SAFETY: conversions and comparisons of a valid BigInt; owned results are freed.
    unsafe {
        let mut small: i64 = 0;
        if qjs::JS_ToBigInt64(ctx, &mut small, v) < 0 {
            return Err(Thrown);
        }
        // Fits in an i64 (the common case): Rust's i64 → f64 rounds like Number().
        let back = qjs::JS_NewBigInt64(ctx, small);
        let fits = qjs::JS_IsStrictEqual(ctx, back, v);
        qjs::JS_FreeValue(ctx, back);
        if fits {
            return Ok(small as f64);
        }
        // Beyond 64 bits: let the engine's Number() do it.
        let global = qjs::JS_GetGlobalObject(ctx);
        let number = qjs::JS_GetPropertyStr(ctx, global, c"Number".as_ptr());
        qjs::JS_FreeValue(ctx, global);
        let mut arg = [v];
        let r = qjs::JS_Call(ctx, number, undefined(), 1, arg.as_mut_ptr());
        qjs::JS_FreeValue(ctx, number);
        let mut d = 0.0;
        let ok = !qjs::JS_IsException(r) && qjs::JS_ToFloat64(ctx, &mut d, r) >= 0;
        qjs::JS_FreeValue(ctx, r);
        if ok {
            Ok(d)
        } else {
            Err(Thrown)
        }
    }
}

/// Reads a JS value as a double following the contract (BigInt via Number(), null → 0,
/// undefined → NaN, strings → TypeError).
///
/// # Safety
/// `ctx` must be live; `v` a valid value of that context.
pub unsafe fn float_of(
    ctx: *mut JSContext,
    v: JSValue,
    ty: FfiType,
    what: &dyn Fn() -> String,
) -> Result<f64, Thrown> {
    // SAFETY: tag inspection of a valid value.
    let tag = unsafe { qjs::JS_VALUE_GET_TAG(v) };
    match tag {
        // SAFETY: the tag says `v` holds an int.
        qjs::JS_TAG_INT => Ok(unsafe { qjs::JS_VALUE_GET_INT(v) } as f64),
        // SAFETY: the tag says `v` holds a double.
        qjs::JS_TAG_FLOAT64 => Ok(unsafe { qjs::JS_VALUE_GET_FLOAT64(v) }),
        // SAFETY: v is a BigInt of this context.
        qjs::JS_TAG_BIG_INT | qjs::JS_TAG_SHORT_BIG_INT => unsafe { bigint_to_f64(ctx, v) },
        qjs::JS_TAG_NULL => Ok(0.0),
        qjs::JS_TAG_UNDEFINED => Ok(f64::NAN),
        // SAFETY: the tag says `v` is a bool.
        qjs::JS_TAG_BOOL => Ok(if unsafe { qjs::JS_VALUE_GET_BOOL(v) } {
            1.0
        } else {
            0.0
        }),
        // SAFETY: live ctx.
        qjs::JS_TAG_STRING | qjs::JS_TAG_SYMBOL => Err(unsafe { wrong_kind(ctx, ty, what) }),
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

/// What `view_address` found.
pub enum View {
    /// Data address (byteOffset applied) and byte length.
    Bytes(u64, usize),
    /// A view or buffer whose memory is gone (detached or out of bounds).
    Detached,
    /// Not a TypedArray, DataView or ArrayBuffer.
    NotAView,
}

thread_local! {
    /// `DataView.prototype`'s own `buffer`/`byteOffset`/`byteLength` getters, per runtime,
    /// captured when rusk:ffi loads: later changes to the prototype cannot forge a pointer.
    static DATAVIEW_GETTERS: std::cell::RefCell<Vec<(usize, [JSValue; 3])>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Captures the DataView getters of `ctx`'s realm (see `DATAVIEW_GETTERS`).
///
/// # Safety
/// Live ctx on its thread.
pub unsafe fn capture_dataview_getters(ctx: *mut JSContext) {
    // SAFETY: property reads on live objects; the getters are kept (owned) until
    // `release_dataview_getters`.
    unsafe {
        let rt = qjs::JS_GetRuntime(ctx) as usize;
        let global = qjs::JS_GetGlobalObject(ctx);
        let dv = qjs::JS_GetPropertyStr(ctx, global, c"DataView".as_ptr());
        let proto = qjs::JS_GetPropertyStr(ctx, dv, c"prototype".as_ptr());
        let mut getters = [undefined(); 3];
        for (slot, name) in getters
            .iter_mut()
            .zip([c"buffer", c"byteOffset", c"byteLength"])
        {
            let atom = qjs::JS_NewAtom(ctx, name.as_ptr());
            let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
            if qjs::JS_GetOwnProperty(ctx, &mut desc, proto, atom) > 0 {
                *slot = desc.getter;
                qjs::JS_FreeValue(ctx, desc.setter);
                qjs::JS_FreeValue(ctx, desc.value);
            }
            qjs::JS_FreeAtom(ctx, atom);
        }
        if qjs::JS_HasException(ctx) {
            qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
        }
        qjs::JS_FreeValue(ctx, proto);
        qjs::JS_FreeValue(ctx, dv);
        qjs::JS_FreeValue(ctx, global);
        DATAVIEW_GETTERS.with(|g| g.borrow_mut().push((rt, getters)));
    }
}

/// Releases what `capture_dataview_getters` kept for runtime `rt`.
///
/// # Safety
/// `rt` is alive; on its thread.
pub unsafe fn release_dataview_getters(rt: *mut qjs::JSRuntime) {
    let kept = DATAVIEW_GETTERS.with(|g| {
        let mut g = g.borrow_mut();
        let i = g.iter().position(|(r, _)| *r == rt as usize)?;
        Some(g.swap_remove(i).1)
    });
    for v in kept.into_iter().flatten() {
        // SAFETY: owned values of that runtime.
        unsafe { qjs::JS_FreeValueRT(rt, v) };
    }
}

/// Calls a captured DataView getter on `v`; the result as a number, or None.
unsafe fn dataview_number(ctx: *mut JSContext, getter: JSValue, v: JSValue) -> Option<f64> {
    // SAFETY: calling an engine getter (a C function: runs no user code) on a DataView.
    unsafe {
        let r = qjs::JS_Call(ctx, getter, v, 0, std::ptr::null_mut());
        if qjs::JS_IsException(r) {
            qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
            return None;
        }
        let mut d = 0.0;
        let ok = qjs::JS_ToFloat64(ctx, &mut d, r) >= 0;
        qjs::JS_FreeValue(ctx, r);
        ok.then_some(d)
    }
}

/// The data address of a TypedArray, DataView or ArrayBuffer (with byteOffset applied) and
/// its byte length. Runs no user code and leaves no exception pending.
///
/// # Safety
/// `ctx` must be live; `v` a valid value of that context.
pub unsafe fn view_address(ctx: *mut JSContext, v: JSValue) -> View {
    // SAFETY: all calls get a valid object value; returned buffers are freed below; exceptions
    // the engine raises for detached buffers are taken and freed.
    unsafe {
        if qjs::JS_VALUE_GET_TAG(v) != qjs::JS_TAG_OBJECT {
            return View::NotAView;
        }
        let drop_exception = || {
            if qjs::JS_HasException(ctx) {
                qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
            }
        };
        match rusk_bindgen::rt::convert::typed_array_bytes(ctx, v) {
            Some(Some((data, len))) => return View::Bytes(data as u64, len),
            Some(None) => return View::Detached,
            None => {}
        }
        if qjs::JS_IsArrayBuffer(v) {
            let mut size: qjs::size_t = 0;
            let data = qjs::JS_GetArrayBuffer(ctx, &mut size, v);
            if data.is_null() && qjs::JS_HasException(ctx) {
                drop_exception();
                return View::Detached;
            }
            return View::Bytes(data as u64, size as usize);
        }
        if qjs::JS_IsDataView(v) {
            let rt = qjs::JS_GetRuntime(ctx) as usize;
            let getters = DATAVIEW_GETTERS
                .with(|g| g.borrow().iter().find(|(r, _)| *r == rt).map(|(_, gs)| *gs));
            let Some([buffer, byte_offset, byte_length]) = getters else {
                return View::NotAView;
            };
            let buf = qjs::JS_Call(ctx, buffer, v, 0, std::ptr::null_mut());
            if qjs::JS_IsException(buf) {
                drop_exception();
                return View::Detached;
            }
            let mut size: qjs::size_t = 0;
            let data = qjs::JS_GetArrayBuffer(ctx, &mut size, buf);
            qjs::JS_FreeValue(ctx, buf);
            if data.is_null() && qjs::JS_HasException(ctx) {
                drop_exception();
                return View::Detached;
            }
            let (Some(o), Some(l)) = (
                dataview_number(ctx, byte_offset, v),
                dataview_number(ctx, byte_length, v),
            ) else {
                return View::Detached;
            };
            // Belt and braces: the view must lie inside its buffer.
            if !(o >= 0.0 && l >= 0.0 && o + l <= size as f64) {
                return View::Detached;
            }
            return View::Bytes(data as u64 + o as u64, l as usize);
        }
        View::NotAView
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
    what: &dyn Fn() -> String,
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
                View::Bytes(addr, _) => Ok(addr),
                View::Detached => Err(detached_view(ctx, &what())),
                View::NotAView => {
                    throw_type(ctx, &format!("Expected a pointer (number, BigInt, TypedArray, DataView, ArrayBuffer or null) for {}", what()));
                    Err(Thrown)
                }
            },
        }
    }
}

/// Throws the TypeError for a value of the wrong kind unless a conversion already left an
/// exception pending (a throwing `valueOf`, say).
#[cold]
unsafe fn wrong_kind(ctx: *mut JSContext, ty: FfiType, what: &dyn Fn() -> String) -> Thrown {
    // SAFETY: live ctx (caller contract).
    unsafe {
        if !qjs::JS_HasException(ctx) {
            throw_type(
                ctx,
                &format!(
                    "Expected a number or BigInt for {} (type \"{}\")",
                    what(),
                    ty.name()
                ),
            );
        }
    }
    Thrown
}

/// Whether arguments of this type are taken as addresses of JS memory (converted after every
/// other argument, so that no user code runs between taking a pointer and the call).
pub fn is_pointer_kind(ty: FfiType) -> bool {
    matches!(
        ty,
        FfiType::Ptr | FfiType::CString | FfiType::Buffer | FfiType::BufferLength
    )
}

/// Converts JS value `v` into the raw bits of a C value of type `ty`. `what` names the value
/// in error messages (only called when one is thrown).
///
/// # Safety
/// `ctx` must be live; `v` a valid value of that context.
#[inline]
pub unsafe fn to_c(
    ctx: *mut JSContext,
    ty: FfiType,
    v: JSValue,
    scratch: &mut CallScratch,
    what: &dyn Fn() -> String,
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
                int64_bits(ctx, v).map_err(|_| wrong_kind(ctx, ty, what))
            }
            I64 | U64 | I64Fast | U64Fast => {
                int64_bits(ctx, v).map_err(|_| wrong_kind(ctx, ty, what))
            }
            F64 => float_of(ctx, v, ty, what).map(f64::to_bits),
            F32 => float_of(ctx, v, ty, what).map(|d| (d as f32).to_bits() as u64),
            Bool => Ok(qjs::JS_ToBool(ctx, v) as u64),
            Ptr | CString => pointer_of(ctx, v, scratch, what),
            Buffer => {
                if qjs::JS_GetTypedArrayType(v) >= 0 || qjs::JS_IsDataView(v) {
                    match view_address(ctx, v) {
                        View::Bytes(a, _) => Ok(a),
                        _ => Err(detached_view(ctx, &what())),
                    }
                } else {
                    throw_type(
                        ctx,
                        &format!(
                            "Expected a TypedArray or DataView for {} (type \"buffer\")",
                            what()
                        ),
                    );
                    Err(Thrown)
                }
            }
            BufferLength => {
                let is_view = qjs::JS_GetTypedArrayType(v) >= 0 || qjs::JS_IsDataView(v);
                match if is_view {
                    view_address(ctx, v)
                } else {
                    View::NotAView
                } {
                    View::Bytes(_, len) => Ok(len as u64),
                    View::Detached => Err(detached_view(ctx, &what())),
                    View::NotAView => {
                        throw_type(
                            ctx,
                            "bun:ffi 'buffer_length' argument must be a TypedArray or DataView",
                        );
                        Err(Thrown)
                    }
                }
            }
            Function => function_pointer(ctx, v),
            Void => Ok(0),
            NapiEnv | NapiValue => {
                throw_type(ctx, crate::signature::NAPI_MESSAGE);
                Err(Thrown)
            }
            // Aggregates are converted by `aggregate::write`, never here.
            Struct => {
                throw_type(
                    ctx,
                    &format!("{} is a struct: it has no scalar value", what()),
                );
                Err(Thrown)
            }
        }
    }
}

/// Throws the TypeError for an argument whose view lost its memory (detached or out of bounds).
///
/// # Safety
/// Live ctx.
unsafe fn detached_view(ctx: *mut JSContext, what: &str) -> Thrown {
    // SAFETY: live ctx (the caller's contract).
    unsafe {
        throw_type(
            ctx,
            &format!("{what} is a view of a detached or out-of-bounds ArrayBuffer"),
        )
    };
    Thrown
}

/// 2^53 - 1: the largest integer a JS number holds exactly.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// A `function` argument: a JSCallback (its `ptr`), a number or a BigInt.
unsafe fn function_pointer(ctx: *mut JSContext, v: JSValue) -> Result<u64, Thrown> {
    // SAFETY: valid value inspection; property read on an object.
    unsafe {
        match qjs::JS_VALUE_GET_TAG(v) {
            qjs::JS_TAG_INT
            | qjs::JS_TAG_FLOAT64
            | qjs::JS_TAG_BIG_INT
            | qjs::JS_TAG_SHORT_BIG_INT => int64_bits(ctx, v),
            qjs::JS_TAG_NULL | qjs::JS_TAG_UNDEFINED => {
                // C would call address 0: refuse, with Bun's message.
                let kind = if qjs::JS_VALUE_GET_TAG(v) == qjs::JS_TAG_NULL {
                    "null"
                } else {
                    "undefined"
                };
                throw_type(
                    ctx,
                    &format!("bun:ffi: expected a callback (a JSCallback or an FFI function) but got {kind}"),
                );
                Err(Thrown)
            }
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
/// `ctx` must be live and on the JS thread. For `cstring`, `bits` is NULL or the address of a
/// NUL-terminated string (an unreadable address throws; the exception marker is returned).
#[inline]
pub unsafe fn to_js(ctx: *mut JSContext, ty: FfiType, bits: u64) -> JSValue {
    use FfiType::*;
    // SAFETY: value constructors on a live context.
    unsafe {
        match ty {
            Char | I8 => immediate(qjs::JS_TAG_INT, bits as i8 as i32),
            U8 => immediate(qjs::JS_TAG_INT, bits as u8 as i32),
            I16 => immediate(qjs::JS_TAG_INT, bits as i16 as i32),
            U16 => immediate(qjs::JS_TAG_INT, bits as u16 as i32),
            I32 => immediate(qjs::JS_TAG_INT, bits as i32),
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
            Bool => immediate(qjs::JS_TAG_BOOL, (bits as u8 != 0) as i32),
            Ptr | Function | Buffer | NapiEnv | NapiValue => {
                if bits == 0 {
                    null()
                } else if bits <= MAX_SAFE_INTEGER {
                    qjs::JS_NewFloat64(bits as f64)
                } else {
                    // As Bun: a number while it is exact, a BigInt beyond 2^53 - 1.
                    qjs::JS_NewBigUint64(ctx, bits)
                }
            }
            CString => {
                if bits == 0 {
                    return null();
                }
                match crate::guard::strlen(bits as usize, crate::memory::MAX_LENGTH as usize) {
                    Ok(len) => qjs::JS_NewStringLen(ctx, bits as *const _, len as qjs::size_t),
                    Err(_) => throw_type(
                        ctx,
                        &format!("cstring value {bits:#x} does not point to readable memory"),
                    ),
                }
            }
            // Refused as a return type when the signature is parsed; aggregates are made by
            // `aggregate::read`.
            Void | BufferLength | Struct => undefined(),
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
