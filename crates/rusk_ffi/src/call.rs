//! Calling C functions: one prepared libffi call interface per symbol and the QuickJS
//! C-function thunk that converts arguments, calls, and converts the result.

use std::ffi::c_void;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use libffi::low::CodePtr;
use libffi::middle::Cif;
use rquickjs::qjs::{self, JSContext, JSValue};

use crate::aggregate::{self, SigAggregates};
use crate::direct::DirectCall;
use crate::library::LibraryState;
use crate::state::FfiState;
use crate::types::FfiType;
use crate::values::{self, CallScratch};

/// Everything a call needs, prepared once per symbol.
pub struct Signature {
    pub name: String,
    pub args: Vec<FfiType>,
    pub ret: FfiType,
    pub fn_ptr: *const c_void,
    cif: Cif,
    /// Set when the signature can be called without libffi (see `direct.rs`).
    direct: Option<DirectCall>,
    /// Some argument is taken as an address of JS memory: those are converted last.
    pointer_args: bool,
    pub lib: Option<Arc<LibraryState>>,
    pub state: Arc<FfiState>,
    /// Layouts of the struct/union positions (those calls take `invoke_with_aggregates`).
    pub aggregates: Option<SigAggregates>,
}

impl Signature {
    /// `variadic: Some(fixed)` makes the signature of one call of a variadic function: `args`
    /// are the `fixed` declared arguments followed by this call's promoted variadic ones.
    /// libffi's variadic call interface passes them as the ABI wants (on x86-64, AL counts the
    /// vector registers); the direct-call path is not used then, since it calls through a
    /// fixed prototype. Fails when a struct/union cannot be described on this platform.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        name: String,
        args: Vec<FfiType>,
        ret: FfiType,
        fn_ptr: *const c_void,
        lib: Option<Arc<LibraryState>>,
        state: Arc<FfiState>,
        variadic: Option<usize>,
        aggregates: Option<SigAggregates>,
    ) -> Result<Self, String> {
        let (types, ret_type) = aggregate::ffi_types(&args, ret, aggregates.as_ref())?;
        let cif = match variadic {
            Some(fixed) => Cif::new_variadic(types, fixed, ret_type),
            None => Cif::new(types, ret_type),
        };
        let direct = if variadic.is_some()
            || aggregates.is_some()
            || std::env::var_os("RUSK_FFI_NO_DIRECT").is_some()
        {
            None
        } else {
            DirectCall::plan(&args, ret)
        };
        let pointer_args = args.iter().any(|t| values::is_pointer_kind(*t));
        Ok(Signature {
            pointer_args,
            name,
            args,
            ret,
            fn_ptr,
            cif,
            direct,
            lib,
            state,
            aggregates,
        })
    }
}

/// Frees the signature when the function object's data buffer is collected.
/// The buffer's memory manager (QuickJS calls it with `size` 0 to free). A Signature never
/// changes size: any other request fails, which QuickJS reports as an error and keeps `ptr`.
unsafe extern "C" fn free_signature(
    _rt: *mut qjs::JSRuntime,
    _opaque: *mut c_void,
    ptr: *mut c_void,
    size: qjs::size_t,
) -> *mut c_void {
    if size != 0 {
        return std::ptr::null_mut();
    }
    if !ptr.is_null() {
        // SAFETY: ptr came from Box::into_raw in `make_function` and is freed exactly once,
        // by QuickJS, when the ArrayBuffer holding it is collected.
        drop(unsafe { Box::from_raw(ptr as *mut Signature) });
    }
    std::ptr::null_mut()
}

/// Creates the JS function for `sig`. The signature is owned by an ArrayBuffer stored as the
/// function's data, so it lives exactly as long as the function.
///
/// # Safety
/// `ctx` must be live and on the JS thread.
pub unsafe fn make_function(ctx: *mut JSContext, sig: Signature) -> JSValue {
    let len = sig.args.len() as i32;
    let raw = Box::into_raw(Box::new(sig));
    // SAFETY: the buffer's free function owns `raw`; QuickJS never reads or writes through it
    // as bytes from JS because the buffer is only reachable as function data.
    unsafe {
        let holder = qjs::JS_NewArrayBuffer(
            ctx,
            raw as *mut u8,
            std::mem::size_of::<Signature>() as qjs::size_t,
            0,
            Some(free_signature),
            std::ptr::null_mut(),
            false,
        );
        if qjs::JS_IsException(holder) {
            drop(Box::from_raw(raw));
            return holder;
        }
        // data[0]: the Signature's address as the bit pattern of a float (read back without
        // a call on every invocation; user-space addresses are small, so the pattern is a
        // plain subnormal number, never a NaN that could be canonicalised); data[1]: the
        // owner, keeping the Signature alive as long as the function.
        let mut data = [
            qjs::JS_NewFloat64(f64::from_bits(raw as usize as u64)),
            holder,
        ];
        let f = qjs::JS_NewCFunctionData(ctx, Some(call_thunk), len, 0, 2, data.as_mut_ptr());
        qjs::JS_FreeValue(ctx, holder);
        f
    }
}

/// The QuickJS entry point of every FFI function.
unsafe extern "C" fn call_thunk(
    ctx: *mut JSContext,
    _this: JSValue,
    argc: i32,
    argv: *mut JSValue,
    _magic: i32,
    data: *mut JSValue,
) -> JSValue {
    // SAFETY: data[0] holds the address of the Signature owned by data[1] (see
    // `make_function`), alive while this function is.
    let sig = unsafe {
        let bits = qjs::JS_VALUE_GET_FLOAT64(*data).to_bits();
        &*(bits as usize as *const Signature)
    };
    // SAFETY: as the caller's: live ctx, `argc` values at `argv`.
    unsafe { invoke(ctx, sig, argc, argv) }
}

/// Converts the JS arguments of a call of `sig` into `slots` (one 8-byte slot per declared
/// argument; temporary copies such as C strings go to `scratch`).
///
/// # Safety
/// `ctx` is live and on the JS thread; `argv` points at `argc` valid values; `slots` has one
/// element per argument of `sig`.
pub unsafe fn convert_args(
    ctx: *mut JSContext,
    sig: &Signature,
    argc: i32,
    argv: *mut JSValue,
    slots: &mut [u64],
    scratch: &mut CallScratch,
) -> Result<(), values::Thrown> {
    // Two passes when the signature has pointer arguments: every other conversion (which may
    // run user code: valueOf, getters) happens first, so nothing can detach, resize or
    // transfer a buffer between taking its address and the call.
    for pass in 0..=u8::from(sig.pointer_args) {
        for (i, ty) in sig.args.iter().enumerate() {
            if sig.pointer_args && values::is_pointer_kind(*ty) != (pass == 1) {
                continue;
            }
            let v = if (i as i32) < argc {
                // SAFETY: i < argc.
                unsafe { *argv.add(i) }
            } else {
                values::undefined()
            };
            let what = || format!("argument {i} of \"{}\"", sig.name);
            // SAFETY: live ctx, valid argument value.
            slots[i] = unsafe { values::to_c(ctx, *ty, v, scratch, &what) }?;
        }
    }
    Ok(())
}

impl Signature {
    /// The prepared libffi call interface (shared with pool threads by non-blocking calls).
    pub fn cif(&self) -> &Cif {
        &self.cif
    }
}

/// Converts the arguments, calls `sig`'s function and converts the result (or returns the
/// exception marker with an exception pending).
///
/// # Safety
/// `ctx` is live and on the JS thread; `argv` points at `argc` valid values.
pub unsafe fn invoke(
    ctx: *mut JSContext,
    sig: &Signature,
    argc: i32,
    argv: *mut JSValue,
) -> JSValue {
    if let Some(aggregates) = &sig.aggregates {
        // SAFETY: as ours.
        return unsafe { invoke_with_aggregates(ctx, sig, aggregates, argc, argv) };
    }
    let n = sig.args.len();
    let mut inline_slots = [0u64; 8];
    let mut heap_slots: Vec<u64>;
    let slots: &mut [u64] = if n <= 8 {
        &mut inline_slots[..n]
    } else {
        heap_slots = vec![0u64; n];
        &mut heap_slots
    };
    let mut scratch = CallScratch::default();
    // SAFETY: as ours.
    if unsafe { convert_args(ctx, sig, argc, argv, slots, &mut scratch) }.is_err() {
        return values::exception();
    }
    // Checked after the conversions: a `valueOf` may have closed the library.
    // SAFETY: live ctx.
    if let Some(thrown) = unsafe { closed_library(ctx, sig) } {
        return thrown;
    }
    let state = &*sig.state;
    state.enter_native();
    let ret: u64 = match &sig.direct {
        // SAFETY: the plan was made from the declared signature of `fn_ptr`.
        Some(direct) => unsafe { direct.call(sig.fn_ptr, slots) },
        None => {
            let mut ptrs_inline = [std::ptr::null_mut::<c_void>(); 8];
            let mut ptrs_heap: Vec<*mut c_void>;
            let ptrs: &mut [*mut c_void] = if n <= 8 {
                &mut ptrs_inline[..n]
            } else {
                ptrs_heap = vec![std::ptr::null_mut(); n];
                &mut ptrs_heap
            };
            for (p, s) in ptrs.iter_mut().zip(slots.iter_mut()) {
                *p = s as *mut u64 as *mut c_void;
            }
            let mut ret: u64 = 0;
            // SAFETY: the cif matches `fn_ptr`'s declared signature (the user's declaration,
            // as in any FFI); argument slots are 8 bytes each holding little-endian values of
            // the declared types; the return slot is 8 bytes, as libffi requires for small
            // integer returns.
            unsafe {
                libffi::raw::ffi_call(
                    sig.cif.as_raw_ptr(),
                    Some(*CodePtr::from_ptr(sig.fn_ptr).as_fun()),
                    &mut ret as *mut u64 as *mut c_void,
                    ptrs.as_mut_ptr(),
                );
            }
            ret
        }
    };
    state.leave_native();
    // SAFETY: live ctx.
    if let Some(thrown) = unsafe { after_call(ctx, sig) } {
        return thrown;
    }
    // SAFETY: live ctx; for cstring returns the C function returned a string pointer.
    let value = unsafe { values::to_js(ctx, sig.ret, ret) };
    // Only now: a cstring return may point into an argument's temporary copy (a C function
    // that returns the string it was given).
    drop(scratch);
    value
}

/// The exception for a call of a function whose library was closed (`None`: still open).
///
/// # Safety
/// Live ctx on the JS thread.
unsafe fn closed_library(ctx: *mut JSContext, sig: &Signature) -> Option<JSValue> {
    let lib = sig.lib.as_ref()?;
    if !lib.closed.load(Ordering::Acquire) {
        return None;
    }
    // SAFETY: live ctx.
    Some(unsafe {
        values::throw_error(
            ctx,
            &format!(
                "Cannot call \"{}\": library \"{}\" is closed",
                sig.name, lib.name
            ),
        )
    })
}

/// What the call left to report: an exception a callback threw during it, or a deadlock
/// detected while it ran (`None`: nothing).
///
/// # Safety
/// Live ctx on the JS thread.
#[inline(always)]
unsafe fn after_call(ctx: *mut JSContext, sig: &Signature) -> Option<JSValue> {
    let state = &*sig.state;
    // Plain loads first: the flags are almost never set, and a swap is a locked instruction.
    if state.callback_threw.load(Ordering::Relaxed) {
        state.callback_threw.store(false, Ordering::Relaxed);
        return Some(values::exception());
    }
    if state.deadlock.load(Ordering::Relaxed) {
        state.deadlock.store(false, Ordering::Relaxed);
        // SAFETY: live ctx.
        return Some(unsafe {
            values::throw_error(
                ctx,
                &format!("Deadlock detected: a thread-safe JSCallback waited for the JS thread while it was blocked in native function \"{}\"; the callback returned 0 to that thread", sig.name),
            )
        });
    }
    None
}

/// A call whose signature has struct or union positions: each aggregate argument is written
/// into a buffer of its own (libffi takes its address), and an aggregate result is read from a
/// buffer as large as libffi may write.
///
/// # Safety
/// `ctx` is live and on the JS thread; `argv` points at `argc` valid values.
unsafe fn invoke_with_aggregates(
    ctx: *mut JSContext,
    sig: &Signature,
    aggregates: &SigAggregates,
    argc: i32,
    argv: *mut JSValue,
) -> JSValue {
    let n = sig.args.len();
    // Short signatures and small structs live on the stack (no allocation per call).
    let mut slots_inline = [0u64; 8];
    let mut slots_heap: Vec<u64>;
    let slots: &mut [u64] = if n <= 8 {
        &mut slots_inline[..n]
    } else {
        slots_heap = vec![0u64; n];
        &mut slots_heap
    };
    // One buffer of 8-byte words for every aggregate argument and the result: libffi may read
    // or write whole eightbytes of an aggregate.
    let mut words_inline = [0u64; 32];
    let mut words_heap: Vec<u64>;
    let words: &mut [u64] = if aggregates.total_words <= 32 {
        &mut words_inline[..aggregates.total_words]
    } else {
        words_heap = vec![0u64; aggregates.total_words];
        &mut words_heap
    };
    let mut scratch = CallScratch::default();
    let mut pending = Vec::new();
    let arg = |i: usize| {
        if (i as i32) < argc {
            // SAFETY: i < argc.
            unsafe { *argv.add(i) }
        } else {
            values::undefined()
        }
    };
    let converted = (|| {
        let bytes = bytes_of(words);
        // As in `convert_args`: everything that may run user code first (the aggregates' own
        // pointer members are queued in `pending`), then the addresses.
        for (i, ty) in sig.args.iter().enumerate() {
            let what = || format!("argument {i} of \"{}\"", sig.name);
            match &aggregates.args[i] {
                Some(agg) => {
                    let node = aggregate::Node::Aggregate(agg.clone());
                    let at = aggregates.arg_words[i] * 8;
                    // SAFETY: live ctx, valid argument value; the buffer holds the aggregate
                    // at `at`.
                    unsafe {
                        aggregate::write(
                            ctx,
                            &node,
                            arg(i),
                            bytes,
                            at,
                            &mut scratch,
                            &mut pending,
                            &what,
                        )?
                    }
                }
                None if !values::is_pointer_kind(*ty) => {
                    // SAFETY: live ctx, valid argument value.
                    slots[i] = unsafe { values::to_c(ctx, *ty, arg(i), &mut scratch, &what) }?;
                }
                None => {}
            }
        }
        let what = || format!("an argument of \"{}\"", sig.name);
        // SAFETY: live ctx; `pending` was made for this buffer.
        unsafe { aggregate::write_pending(ctx, &mut pending, bytes, &mut scratch, &what) }?;
        for (i, ty) in sig.args.iter().enumerate() {
            if aggregates.args[i].is_none() && values::is_pointer_kind(*ty) {
                let what = || format!("argument {i} of \"{}\"", sig.name);
                // SAFETY: live ctx, valid argument value.
                slots[i] = unsafe { values::to_c(ctx, *ty, arg(i), &mut scratch, &what) }?;
            }
        }
        Ok::<(), values::Thrown>(())
    })();
    // SAFETY: live ctx; frees what was not converted.
    unsafe { aggregate::discard_pending(ctx, &mut pending) };
    if converted.is_err() {
        return values::exception();
    }
    // SAFETY: live ctx.
    if let Some(thrown) = unsafe { closed_library(ctx, sig) } {
        return thrown;
    }
    let base = words.as_mut_ptr();
    let mut ptrs_inline = [std::ptr::null_mut::<c_void>(); 8];
    let mut ptrs_heap: Vec<*mut c_void>;
    let ptrs: &mut [*mut c_void] = if n <= 8 {
        &mut ptrs_inline[..n]
    } else {
        ptrs_heap = vec![std::ptr::null_mut(); n];
        &mut ptrs_heap
    };
    for (i, p) in ptrs.iter_mut().enumerate() {
        *p = if aggregates.args[i].is_some() {
            // SAFETY: the word index lies inside `words` (SigAggregates::new).
            unsafe { base.add(aggregates.arg_words[i]) as *mut c_void }
        } else {
            &mut slots[i] as *mut u64 as *mut c_void
        };
    }
    // SAFETY: as above.
    let ret = unsafe { base.add(aggregates.ret_words) };
    let state = &*sig.state;
    state.enter_native();
    // SAFETY: the cif matches `fn_ptr`'s declared signature; every argument pointer addresses
    // a buffer of at least its type's size (aggregates: `buffer_words`), and the return buffer
    // is as large as libffi writes for the return type.
    unsafe {
        libffi::raw::ffi_call(
            sig.cif.as_raw_ptr(),
            Some(*CodePtr::from_ptr(sig.fn_ptr).as_fun()),
            ret as *mut c_void,
            ptrs.as_mut_ptr(),
        );
    }
    state.leave_native();
    // SAFETY: live ctx.
    if let Some(thrown) = unsafe { after_call(ctx, sig) } {
        return thrown;
    }
    let value = match &aggregates.ret {
        Some(agg) => {
            // SAFETY: the result's words hold the returned aggregate (`agg.size` bytes).
            let bytes = unsafe { std::slice::from_raw_parts(ret as *const u8, agg.size) };
            // SAFETY: live ctx.
            unsafe { aggregate::read(ctx, &aggregate::Node::Aggregate(agg.clone()), bytes) }
        }
        // SAFETY: live ctx; for cstring returns the C function returned a string pointer.
        None => unsafe { values::to_js(ctx, sig.ret, *ret) },
    };
    drop(scratch);
    value
}

/// The bytes of a word buffer.
fn bytes_of(words: &mut [u64]) -> &mut [u8] {
    // SAFETY: u64s are plain bytes; the slice covers exactly the same memory.
    unsafe { std::slice::from_raw_parts_mut(words.as_mut_ptr() as *mut u8, words.len() * 8) }
}
