//! Raw memory access for JS: `read.*`, `ptr`, `toArrayBuffer`, C strings. Every address is
//! checked first: below 4096 (the NULL page), negative or non-integer offsets and absurd
//! lengths throw instead of crashing.

use std::ffi::c_void;

use rquickjs::qjs::{self, JSContext, JSValue};

use crate::values;

/// Lowest address accepted for reads (the first page is never mapped).
pub const MIN_ADDRESS: u64 = 4096;
/// Highest length accepted for a view (user-space addresses fit in 47 bits).
pub const MAX_LENGTH: u64 = 1 << 47;

/// Reads an address argument: a non-negative integer number or BigInt.
///
/// # Safety
/// Live ctx on the JS thread; valid value.
pub unsafe fn address_arg(ctx: *mut JSContext, v: JSValue, what: &str) -> Result<u64, JSValue> {
    // SAFETY: valid value inspection.
    unsafe {
        let tag = qjs::JS_VALUE_GET_TAG(v);
        let addr = match tag {
            qjs::JS_TAG_INT => {
                let i = qjs::JS_VALUE_GET_INT(v);
                if i < 0 {
                    return Err(values::throw_type(
                        ctx,
                        &format!("{what} must be a non-negative address, got {i}"),
                    ));
                }
                i as u64
            }
            qjs::JS_TAG_FLOAT64 => {
                let f = qjs::JS_VALUE_GET_FLOAT64(v);
                if !(f.is_finite() && f >= 0.0 && f.fract() == 0.0) {
                    return Err(values::throw_type(
                        ctx,
                        &format!("{what} must be a non-negative integer address, got {f}"),
                    ));
                }
                f as u64
            }
            qjs::JS_TAG_BIG_INT | qjs::JS_TAG_SHORT_BIG_INT => match values::int64_bits(ctx, v) {
                Ok(b) => b,
                Err(values::Thrown) => return Err(values::exception()),
            },
            _ => {
                return Err(values::throw_type(
                    ctx,
                    &format!("{what} must be a number or BigInt address"),
                ))
            }
        };
        Ok(addr)
    }
}

/// Reads an optional byte offset (undefined → 0); negative or non-integers throw.
///
/// # Safety
/// Live ctx on the JS thread; valid value.
pub unsafe fn offset_arg(ctx: *mut JSContext, v: JSValue, what: &str) -> Result<i64, JSValue> {
    // SAFETY: valid value inspection.
    unsafe {
        match qjs::JS_VALUE_GET_TAG(v) {
            qjs::JS_TAG_UNDEFINED => Ok(0),
            qjs::JS_TAG_INT => {
                let i = qjs::JS_VALUE_GET_INT(v);
                if i < 0 {
                    Err(values::throw_range(
                        ctx,
                        &format!("{what} must not be negative, got {i}"),
                    ))
                } else {
                    Ok(i as i64)
                }
            }
            qjs::JS_TAG_FLOAT64 => {
                let f = qjs::JS_VALUE_GET_FLOAT64(v);
                if f.is_finite() && f >= 0.0 && f.fract() == 0.0 && f < MAX_LENGTH as f64 {
                    Ok(f as i64)
                } else {
                    Err(values::throw_range(
                        ctx,
                        &format!("{what} must be a non-negative integer, got {f}"),
                    ))
                }
            }
            _ => Err(values::throw_type(ctx, &format!("{what} must be a number"))),
        }
    }
}

/// Checks that `[addr+off, addr+off+len)` is a plausible readable range.
///
/// # Safety
/// Live ctx.
pub unsafe fn checked(ctx: *mut JSContext, addr: u64, off: i64, len: u64) -> Result<u64, JSValue> {
    let start = addr.checked_add(off as u64);
    match start {
        Some(s)
            if s >= MIN_ADDRESS
                && len <= MAX_LENGTH
                && s.checked_add(len).is_some_and(|e| e < (1u64 << 56)) =>
        {
            Ok(s)
        }
        _ => Err(
            // SAFETY: live ctx.
            unsafe {
                values::throw_range(ctx, &format!("Invalid memory access: address {addr:#x} + offset {off} (length {len}) is not a valid pointer"))
            },
        ),
    }
}

/// `read.<kind>(ptr, offset)`; the kind is the function's magic number (an FFI type id, with
/// 100 for `intptr`).
pub unsafe extern "C" fn read_thunk(
    ctx: *mut JSContext,
    _this: JSValue,
    argc: i32,
    argv: *mut JSValue,
    magic: i32,
) -> JSValue {
    use crate::types::FfiType;
    // SAFETY: argv has argc values; missing ones read as undefined.
    unsafe {
        let arg = |i: i32| {
            if i < argc {
                *argv.add(i as usize)
            } else {
                values::undefined()
            }
        };
        let addr = match address_arg(ctx, arg(0), "ptr") {
            Ok(a) => a,
            Err(e) => return e,
        };
        let off = match offset_arg(ctx, arg(1), "byteOffset") {
            Ok(o) => o,
            Err(e) => return e,
        };
        let size = match magic {
            1 | 2 | 0 | 11 => 1,
            3 | 4 => 2,
            5 | 6 | 10 => 4,
            _ => 8,
        };
        let p = match checked(ctx, addr, off, size) {
            Ok(p) => p as *const u8,
            Err(e) => return e,
        };
        match magic {
            1 => qjs::JS_MKVAL(qjs::JS_TAG_INT, (p as *const i8).read_unaligned() as i32),
            2 => qjs::JS_MKVAL(qjs::JS_TAG_INT, p.read_unaligned() as i32),
            3 => qjs::JS_MKVAL(qjs::JS_TAG_INT, (p as *const i16).read_unaligned() as i32),
            4 => qjs::JS_MKVAL(qjs::JS_TAG_INT, (p as *const u16).read_unaligned() as i32),
            5 => qjs::JS_MKVAL(qjs::JS_TAG_INT, (p as *const i32).read_unaligned()),
            6 => qjs::JS_NewFloat64((p as *const u32).read_unaligned() as f64),
            7 => qjs::JS_NewBigInt64(ctx, (p as *const i64).read_unaligned()),
            8 => qjs::JS_NewBigUint64(ctx, (p as *const u64).read_unaligned()),
            9 => qjs::JS_NewFloat64((p as *const f64).read_unaligned()),
            10 => qjs::JS_NewFloat64((p as *const f32).read_unaligned() as f64),
            12 => qjs::JS_NewFloat64((p as *const u64).read_unaligned() as f64),
            100 => qjs::JS_NewFloat64((p as *const i64).read_unaligned() as f64),
            _ => values::to_js(ctx, FfiType::U8, 0),
        }
    }
}

struct Deallocator {
    func: unsafe extern "C" fn(*mut c_void, *mut c_void),
    ctx: *mut c_void,
}

/// The buffer's memory manager: QuickJS calls it with `size` 0 when the buffer is collected.
/// Foreign memory is never resized: any other request fails (QuickJS then throws and keeps
/// `ptr`), so `transfer(n)` to another length cannot move C's memory.
unsafe extern "C" fn run_deallocator(
    _rt: *mut qjs::JSRuntime,
    opaque: *mut c_void,
    ptr: *mut c_void,
    size: qjs::size_t,
) -> *mut c_void {
    if size != 0 || opaque.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: `opaque` is the Box created in `to_array_buffer`; QuickJS calls this exactly once
    // when the buffer is collected.
    let d = unsafe { Box::from_raw(opaque as *mut Deallocator) };
    // SAFETY: the user gave us this deallocator for these bytes.
    unsafe { (d.func)(ptr, d.ctx) };
    std::ptr::null_mut()
}

/// A zero-copy ArrayBuffer over `len` bytes at `start`; the optional deallocator
/// `void (*)(void *bytes, void *ctx)` runs exactly once when the buffer is collected.
///
/// # Safety
/// Live ctx; the caller vouches that the memory stays valid (as in Bun).
pub unsafe fn to_array_buffer(
    ctx: *mut JSContext,
    start: u64,
    len: u64,
    dealloc: u64,
    dealloc_ctx: u64,
) -> JSValue {
    // SAFETY: a deallocator address given by the user is a C function of the documented type.
    unsafe {
        let (free, opaque): (qjs::JSReallocArrayBufferDataFunc, *mut c_void) = if dealloc != 0 {
            let d = Box::new(Deallocator {
                func: std::mem::transmute::<usize, unsafe extern "C" fn(*mut c_void, *mut c_void)>(
                    dealloc as usize,
                ),
                ctx: dealloc_ctx as *mut c_void,
            });
            (Some(run_deallocator), Box::into_raw(d) as *mut c_void)
        } else {
            (None, std::ptr::null_mut())
        };
        qjs::JS_NewArrayBuffer(
            ctx,
            start as *mut u8,
            len as qjs::size_t,
            0,
            free,
            opaque,
            false,
        )
    }
}

/// Length of the NUL-terminated string at `start`, bounded by MAX_LENGTH.
///
/// # Safety
/// `start` must point to readable memory containing a NUL.
pub unsafe fn strlen(start: u64) -> u64 {
    // SAFETY: per the contract.
    unsafe {
        std::ffi::CStr::from_ptr(start as *const std::ffi::c_char)
            .to_bytes()
            .len() as u64
    }
}
