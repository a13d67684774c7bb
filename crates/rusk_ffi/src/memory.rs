//! Raw memory access for JS: `read.*`, `ptr`, `toArrayBuffer`, C strings. Every address is
//! checked first: below 4096 (the NULL page), negative or non-integer offsets and absurd
//! lengths throw; then the read itself goes through `guard`, so unmapped or protected memory
//! throws a RangeError instead of crashing.

use std::ffi::c_void;

use rquickjs::function::Opt;
use rquickjs::qjs::{self, JSContext, JSValue};
use rquickjs::{Ctx, Value};

use crate::context::{ffi_context, FfiContext};
use crate::guard;
use crate::values::{self, View};

/// Lowest address accepted for reads (the first page is never mapped).
pub const MIN_ADDRESS: u64 = 4096;
/// Highest length accepted for a view (user-space addresses fit in 47 bits).
pub const MAX_LENGTH: u64 = 1 << 47;

/// Who reads an address argument: the messages for a bad one follow Bun's, which differ by API
/// (tests and programs match on them).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum AddressUse {
    /// `read.*`, `toArrayBuffer`, `toBuffer`.
    Read,
    /// `new CString(ptr)`.
    CString,
    /// A symbol's `ptr` in `linkSymbols`/`CFunction`.
    Symbol,
}

/// Reads an address argument: a non-negative integer number or BigInt.
///
/// # Safety
/// Live ctx on the JS thread; valid value.
pub unsafe fn address_arg(
    ctx: *mut JSContext,
    v: JSValue,
    what: &str,
    used_by: AddressUse,
) -> Result<u64, JSValue> {
    let negative = |shown: String| -> JSValue {
        let msg = match used_by {
            AddressUse::Read => format!("Expected a pointer, got {shown}"),
            AddressUse::CString => {
                format!("{what} must be a number: a non-negative address, got {shown}")
            }
            AddressUse::Symbol => format!("{what} must be a non-negative address, got {shown}"),
        };
        // SAFETY: live ctx.
        unsafe { values::throw_type(ctx, &msg) }
    };
    // SAFETY: valid value inspection.
    unsafe {
        let tag = qjs::JS_VALUE_GET_TAG(v);
        let addr = match tag {
            qjs::JS_TAG_INT => {
                let i = qjs::JS_VALUE_GET_INT(v);
                if i < 0 {
                    return Err(negative(i.to_string()));
                }
                i as u64
            }
            qjs::JS_TAG_FLOAT64 => {
                let f = qjs::JS_VALUE_GET_FLOAT64(v);
                if !(f.is_finite() && f >= 0.0 && f.fract() == 0.0) {
                    return Err(negative(f.to_string()));
                }
                f as u64
            }
            qjs::JS_TAG_BIG_INT | qjs::JS_TAG_SHORT_BIG_INT => match values::int64_bits(ctx, v) {
                // No process maps memory at 2^63 or above: such a BigInt is negative or absurd.
                Ok(b) if (b as i64) < 0 => {
                    return Err(match used_by {
                        AddressUse::Read => negative(format!("{}n", b as i64)),
                        _ => values::throw_type(ctx, &format!("{what} is out of range.")),
                    })
                }
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

/// Reads an optional byte offset (undefined → 0); non-integers throw, and so do negative ones
/// unless `allow_negative` (Bun's `read.*` reads before the pointer with one).
///
/// # Safety
/// Live ctx on the JS thread; valid value.
pub unsafe fn offset_arg(
    ctx: *mut JSContext,
    v: JSValue,
    what: &str,
    allow_negative: bool,
) -> Result<i64, JSValue> {
    // SAFETY: valid value inspection.
    unsafe {
        match qjs::JS_VALUE_GET_TAG(v) {
            qjs::JS_TAG_UNDEFINED => Ok(0),
            qjs::JS_TAG_INT => {
                let i = qjs::JS_VALUE_GET_INT(v);
                if i < 0 && !allow_negative {
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
                let min = if allow_negative {
                    -(MAX_LENGTH as f64)
                } else {
                    0.0
                };
                if f.is_finite() && f >= min && f.fract() == 0.0 && f < MAX_LENGTH as f64 {
                    Ok(f as i64)
                } else {
                    Err(values::throw_range(
                        ctx,
                        &format!("{what} must be an integer in range, got {f}"),
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
    let sum = addr as i128 + off as i128;
    if sum <= 0 {
        // SAFETY: live ctx.
        return Err(unsafe {
            values::throw_type(
                ctx,
                &format!("ptr cannot be zero: address {addr:#x} + offset {off} is not in memory"),
            )
        });
    }
    let start = u64::try_from(sum).ok();
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
        let addr = match address_arg(ctx, arg(0), "ptr", AddressUse::Read) {
            Ok(a) => a,
            Err(e) => return e,
        };
        let off = match offset_arg(ctx, arg(1), "byteOffset", true) {
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
            Ok(p) => p,
            Err(e) => return e,
        };
        let bits = match guard::load(p as usize, size as usize) {
            Ok(b) => b,
            Err(guard::Fault) => return unreadable(ctx, p, size),
        };
        match magic {
            1 => qjs::JS_MKVAL(qjs::JS_TAG_INT, bits as u8 as i8 as i32),
            2 => qjs::JS_MKVAL(qjs::JS_TAG_INT, bits as u8 as i32),
            3 => qjs::JS_MKVAL(qjs::JS_TAG_INT, bits as u16 as i16 as i32),
            4 => qjs::JS_MKVAL(qjs::JS_TAG_INT, bits as u16 as i32),
            5 => qjs::JS_MKVAL(qjs::JS_TAG_INT, bits as u32 as i32),
            6 => qjs::JS_NewFloat64(bits as u32 as f64),
            7 => qjs::JS_NewBigInt64(ctx, bits as i64),
            8 => qjs::JS_NewBigUint64(ctx, bits),
            9 => qjs::JS_NewFloat64(f64::from_bits(bits)),
            10 => qjs::JS_NewFloat64(f32::from_bits(bits as u32) as f64),
            12 => qjs::JS_NewFloat64(bits as f64),
            100 => qjs::JS_NewFloat64(bits as i64 as f64),
            _ => values::to_js(ctx, FfiType::U8, 0),
        }
    }
}

/// Throws the RangeError for memory that faulted when read.
///
/// # Safety
/// Live ctx.
#[cold]
unsafe fn unreadable(ctx: *mut JSContext, at: u64, len: u64) -> JSValue {
    // SAFETY: live ctx.
    unsafe {
        values::throw_range(
            ctx,
            &format!("Invalid memory access: {len} byte(s) at {at:#x} are not readable"),
        )
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
/// `void (*)(void *bytes, void *ctx)` runs exactly once: when the buffer is collected, or now
/// if the buffer cannot be made.
///
/// # Safety
/// Live ctx; the caller vouches that the memory stays valid (as in Bun).
unsafe fn new_external_buffer(
    ctx: *mut JSContext,
    start: u64,
    len: u64,
    dealloc: u64,
    dealloc_ctx: u64,
) -> JSValue {
    // SAFETY: a deallocator address given by the user is a C function of the documented type.
    unsafe {
        let func = (dealloc != 0).then(|| {
            std::mem::transmute::<usize, unsafe extern "C" fn(*mut c_void, *mut c_void)>(
                dealloc as usize,
            )
        });
        let (free, opaque): (qjs::JSReallocArrayBufferDataFunc, *mut c_void) = match func {
            Some(func) => (
                Some(run_deallocator),
                Box::into_raw(Box::new(Deallocator {
                    func,
                    ctx: dealloc_ctx as *mut c_void,
                })) as *mut c_void,
            ),
            None => (None, std::ptr::null_mut()),
        };
        let buf = qjs::JS_NewArrayBuffer(
            ctx,
            start as *mut u8,
            len as qjs::size_t,
            0,
            free,
            opaque,
            false,
        );
        if qjs::JS_IsException(buf) && !opaque.is_null() {
            // The buffer was never made: the memory is still handed over, so free it now,
            // exactly once, and the box with it.
            let d = Box::from_raw(opaque as *mut Deallocator);
            (d.func)(start as *mut c_void, d.ctx);
        }
        buf
    }
}

/// Makes `ptr(view, byteOffset?)`: a QuickJS C function whose data is the address of the
/// runtime's `FfiContext` (it lives in the context's userdata, at a fixed address, for as long
/// as the runtime can run JS).
pub fn ptr_function<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Value<'js>> {
    let fc = ffi_context(ctx)?;
    let fc_addr = &*fc as *const FfiContext as usize as u64;
    drop(fc);
    let raw = ctx.as_raw().as_ptr();
    // SAFETY: live ctx; the data value is a plain number; ownership of the result passes to
    // rquickjs.
    unsafe {
        let mut data = [qjs::JS_NewFloat64(f64::from_bits(fc_addr))];
        let f = qjs::JS_NewCFunctionData(raw, Some(ptr_thunk), 2, 0, 1, data.as_mut_ptr());
        if qjs::JS_IsException(f) {
            return Err(rquickjs::Error::Exception);
        }
        Ok(Value::from_raw(ctx.clone(), f))
    }
}

/// `ptr(view, byteOffset?)`: the address of a TypedArray's, DataView's or ArrayBuffer's bytes.
/// The view is kept alive until the current turn of the event loop ends (`retain.rs`).
unsafe extern "C" fn ptr_thunk(
    ctx: *mut JSContext,
    _this: JSValue,
    argc: i32,
    argv: *mut JSValue,
    _magic: i32,
    data: *mut JSValue,
) -> JSValue {
    // SAFETY: argv holds argc values; data[0] is the FfiContext address stored by
    // `ptr_function`, alive while this runtime runs JS.
    unsafe {
        let arg = |i: i32| {
            if i < argc {
                *argv.add(i as usize)
            } else {
                values::undefined()
            }
        };
        let view = arg(0);
        let (addr, len) = match values::view_address(ctx, view) {
            View::Bytes(addr, len) => (addr, len),
            View::Detached => {
                return values::throw_type(
                    ctx,
                    "ptr(): the view's ArrayBuffer is detached or out of bounds",
                )
            }
            View::NotAView => {
                return values::throw_type(
                    ctx,
                    "ptr() expects a TypedArray, DataView or ArrayBuffer",
                )
            }
        };
        let off = match offset_arg(ctx, arg(1), "byteOffset", false) {
            Ok(o) => o,
            Err(e) => return e,
        };
        if off as usize > len {
            return values::throw_range(
                ctx,
                &format!("byteOffset {off} is out of bounds (byteLength {len})"),
            );
        }
        if addr == 0 {
            return qjs::JS_MKVAL(qjs::JS_TAG_INT, 0);
        }
        let fc = &*(qjs::JS_VALUE_GET_FLOAT64(*data).to_bits() as usize as *const FfiContext);
        fc.retain(ctx, view, len);
        qjs::JS_NewFloat64((addr + off as u64) as f64)
    }
}

/// `toArrayBuffer(ptr, byteOffset, byteLength, ctx, deallocator)`; byteLength undefined →
/// up to the first NUL. The range must be readable now.
pub fn to_array_buffer<'js>(
    ctx: Ctx<'js>,
    ptr: Value<'js>,
    offset: Opt<Value<'js>>,
    length: Opt<Value<'js>>,
    dctx: Opt<Value<'js>>,
    dealloc: Opt<Value<'js>>,
) -> rquickjs::Result<Value<'js>> {
    let raw = ctx.as_raw().as_ptr();
    let ex = |_| rquickjs::Error::Exception;
    // SAFETY: live ctx; valid values; the range is checked readable before the buffer is made.
    unsafe {
        let addr = address_arg(raw, ptr.as_raw(), "ptr", AddressUse::Read).map_err(ex)?;
        let off = match &offset.0 {
            Some(v) => offset_arg(raw, v.as_raw(), "byteOffset", false).map_err(ex)?,
            None => 0,
        };
        let pointer = |v: &Option<Value<'js>>, what: &str| -> rquickjs::Result<u64> {
            match v {
                Some(v) if !v.is_undefined() && !v.is_null() => values::int64_bits(raw, v.as_raw())
                    .map_err(|_| {
                        if !qjs::JS_HasException(raw) {
                            values::throw_type(
                                raw,
                                &format!("{what} must be a number or BigInt address"),
                            );
                        }
                        rquickjs::Error::Exception
                    }),
                _ => Ok(0),
            }
        };
        // Every argument is read before anything is allocated, so a throwing one leaks nothing.
        let d = pointer(&dealloc.0, "deallocator")?;
        let dc = pointer(&dctx.0, "deallocatorContext")?;
        let start = checked(raw, addr, off, 0).map_err(ex)?;
        let len = match &length.0 {
            Some(v) if !v.is_undefined() => {
                let l = offset_arg(raw, v.as_raw(), "byteLength", false).map_err(ex)? as u64;
                checked(raw, addr, off, l).map_err(ex)?;
                l
            }
            _ => guard::strlen(start as usize, MAX_LENGTH as usize)
                .map_err(|_| unreadable(raw, start, 1))
                .map_err(ex)? as u64,
        };
        if guard::readable(start as usize, len as usize).is_err() {
            return Err(ex(unreadable(raw, start, len)));
        }
        let buf = new_external_buffer(raw, start, len, d, dc);
        if qjs::JS_IsException(buf) {
            return Err(rquickjs::Error::Exception);
        }
        Ok(Value::from_raw(ctx.clone(), buf))
    }
}

/// Copies the UTF-8 C string at ptr+offset (`length` bytes, or up to the NUL when undefined);
/// returns the text, the address, the offset and the byte length read. Unreadable memory
/// throws; an absurd length fails at the first unreadable page, before it is allocated.
pub fn read_c_string<'js>(
    ctx: &Ctx<'js>,
    ptr: &Value<'js>,
    offset: &Value<'js>,
    length: &Value<'js>,
) -> rquickjs::Result<(String, u64, i64, u64)> {
    let raw = ctx.as_raw().as_ptr();
    let ex = |_| rquickjs::Error::Exception;
    // SAFETY: live ctx; every read goes through `guard`.
    unsafe {
        let addr = address_arg(raw, ptr.as_raw(), "ptr", AddressUse::CString).map_err(ex)?;
        let off = if offset.is_undefined() {
            0
        } else {
            offset_arg(raw, offset.as_raw(), "byteOffset", false).map_err(ex)?
        };
        let start = checked(raw, addr, off, 0).map_err(ex)?;
        let len = if length.is_undefined() {
            guard::strlen(start as usize, MAX_LENGTH as usize)
                .map_err(|_| ex(unreadable(raw, start, 1)))? as u64
        } else {
            let l = offset_arg(raw, length.as_raw(), "byteLength", false).map_err(ex)? as u64;
            checked(raw, addr, off, l).map_err(ex)?;
            l
        };
        let bytes = guard::read_vec(start as usize, len as usize)
            .map_err(|_| ex(unreadable(raw, start, len)))?;
        Ok((String::from_utf8_lossy(&bytes).into_owned(), addr, off, len))
    }
}

/// `read.<kind>` functions and their magic numbers (FFI type ids; 100 is `intptr`).
const READ_KINDS: &[(&str, i32)] = &[
    ("u8", 2),
    ("i8", 1),
    ("u16", 4),
    ("i16", 3),
    ("u32", 6),
    ("i32", 5),
    ("i64", 7),
    ("u64", 8),
    ("f32", 10),
    ("f64", 9),
    ("ptr", 12),
    ("intptr", 100),
];

/// The `read` object: one C function per kind, sharing `read_thunk` through its magic number.
pub fn read_object<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<rquickjs::Object<'js>> {
    let read = rquickjs::Object::new(ctx.clone())?;
    let raw = ctx.as_raw().as_ptr();
    for (name, magic) in READ_KINDS {
        let cname = std::ffi::CString::new(*name).unwrap_or_default();
        // SAFETY: creating a C function on a live context; ownership passes to rquickjs.
        let f = unsafe {
            let v = qjs::JS_NewCFunction2(
                raw,
                Some(std::mem::transmute::<
                    unsafe extern "C" fn(
                        *mut qjs::JSContext,
                        qjs::JSValue,
                        i32,
                        *mut qjs::JSValue,
                        i32,
                    ) -> qjs::JSValue,
                    unsafe extern "C" fn(
                        *mut qjs::JSContext,
                        qjs::JSValue,
                        i32,
                        *mut qjs::JSValue,
                    ) -> qjs::JSValue,
                >(read_thunk)),
                cname.as_ptr(),
                2,
                qjs::JSCFunctionEnum_JS_CFUNC_generic_magic,
                *magic,
            );
            Value::from_raw(ctx.clone(), v)
        };
        read.set(*name, f)?;
    }
    Ok(read)
}

/// `CString(ptr, byteOffset?, byteLength?)`, with or without `new`: the UTF-8 C string at `ptr`
/// (NUL-terminated, or `byteLength` bytes) decoded into a JS string primitive, as Bun gives it;
/// a falsy `ptr` gives "".
pub fn c_string<'js>(
    ctx: Ctx<'js>,
    ptr: Opt<Value<'js>>,
    offset: Opt<Value<'js>>,
    length: Opt<Value<'js>>,
) -> rquickjs::Result<rquickjs::String<'js>> {
    let undefined = || Value::new_undefined(ctx.clone());
    let ptr = ptr.0.unwrap_or_else(undefined);
    if !rusk_bindgen::rt::truthy(&ptr) {
        return rquickjs::String::from_str(ctx.clone(), "");
    }
    let offset = offset.0.unwrap_or_else(undefined);
    let length = length.0.unwrap_or_else(undefined);
    let (text, _, _, _) = read_c_string(&ctx, &ptr, &offset, &length)?;
    rquickjs::String::from_str(ctx, &text)
}
