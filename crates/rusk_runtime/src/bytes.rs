//! Borrowing the bytes of JS binary values (ArrayBuffer, typed arrays, DataView) for the
//! duration of one native call.

use std::ptr::NonNull;

use rquickjs::{qjs, ArrayBuffer, Ctx, Exception, Value};

/// The memory behind a binary JS value: pointer and length. Valid only until JS runs again
/// (JS could detach or resize the buffer).
pub struct RawBytes {
    pub ptr: NonNull<u8>,
    pub len: usize,
}

impl RawBytes {
    /// # Safety
    /// No JS may run while the slice is alive.
    pub unsafe fn as_slice<'a>(&self) -> &'a [u8] {
        // SAFETY: per the contract, the buffer stays as it is while the slice lives.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }

    /// # Safety
    /// No JS may run while the slice is alive, and no other slice of it may exist.
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn as_mut_slice<'a>(&self) -> &'a mut [u8] {
        // SAFETY: per the contract.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }
}

/// The bytes of an ArrayBuffer, SharedArrayBuffer, typed array or DataView; `None` for any
/// other value. A detached or out-of-bounds view gives an empty range. Never throws: the type
/// is checked before any engine call that would.
pub fn raw_bytes(value: &Value<'_>) -> Option<RawBytes> {
    let empty = RawBytes {
        ptr: NonNull::dangling(),
        len: 0,
    };
    let ctx = value.ctx();
    let raw = value.as_raw();
    // SAFETY: the JS_Is*/JS_GetTypedArrayType checks only read the value's class; the getters
    // below run only on values of the class they require, with valid out-pointers.
    unsafe {
        if qjs::JS_IsArrayBuffer(raw) {
            let mut size: qjs::size_t = 0;
            let ptr = qjs::JS_GetArrayBuffer(ctx.as_raw().as_ptr(), &mut size, raw);
            return Some(match NonNull::new(ptr) {
                Some(ptr) => RawBytes {
                    ptr,
                    len: size as usize,
                },
                None => empty,
            });
        }
        // A typed array: its bytes as they are now (clamped to its buffer; none when detached
        // or out of bounds after a resize).
        match rusk_bindgen::rt::convert::typed_array_bytes(ctx.as_raw().as_ptr(), raw) {
            Some(Some((base, len))) => {
                return Some(match NonNull::new(base) {
                    Some(ptr) if len > 0 => RawBytes { ptr, len },
                    _ => empty,
                })
            }
            Some(None) => return Some(empty),
            None => {}
        }
        if !qjs::JS_IsDataView(raw) {
            return None;
        }
    }
    // A DataView: its window on the underlying buffer, through its own getters.
    let obj = value.as_object()?;
    let buffer: ArrayBuffer = obj.get("buffer").ok()?;
    let offset: usize = obj.get("byteOffset").ok()?;
    let length: usize = obj.get("byteLength").ok()?;
    let whole = buffer.as_raw()?;
    if offset.checked_add(length)? > whole.len() {
        return Some(empty);
    }
    // SAFETY: offset + length is within the buffer (checked above).
    let ptr = unsafe { NonNull::new_unchecked((whole.as_ptr() as *mut u8).add(offset)) };
    Some(RawBytes { ptr, len: length })
}

/// Like [`raw_bytes`], but a TypeError naming `what` for any other value.
pub fn require_bytes<'js>(
    ctx: &Ctx<'js>,
    value: &Value<'js>,
    what: &str,
) -> rquickjs::Result<RawBytes> {
    raw_bytes(value).ok_or_else(|| {
        Exception::throw_type(
            ctx,
            &format!("The \"{what}\" argument must be an instance of ArrayBuffer, TypedArray or DataView"),
        )
    })
}
