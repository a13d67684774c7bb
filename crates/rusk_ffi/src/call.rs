//! Calling C functions: one prepared libffi call interface per symbol and the QuickJS
//! C-function thunk that converts arguments, calls, and converts the result.

use std::ffi::c_void;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use libffi::low::CodePtr;
use libffi::middle::Cif;
use rquickjs::qjs::{self, JSContext, JSValue};
use rusk_bindgen::rt::ClassId;

use crate::aggregate::{self, SigAggregates};
use crate::direct::DirectCall;
use crate::fast::{self, FastCall};
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
    /// Set when, besides, every argument type has a fast rule (see `fast.rs`).
    fast: Option<FastCall>,
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
        let fast = direct.as_ref().and_then(|_| FastCall::plan(&args, ret));
        Ok(Signature {
            pointer_args,
            fast,
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

/// The class of FFI functions: callable objects whose opaque is their `Signature`. QuickJS
/// calls a class's `call` handler directly with the arguments as given, which is cheaper
/// than a C function with data (no frame of its own, no padding of missing arguments).
static FUNCTION_CLASS: ClassId = ClassId::new();

/// Frees the signature when its function object is collected.
unsafe extern "C" fn finalize_function(rt: *mut qjs::JSRuntime, obj: JSValue) {
    let _ = rt;
    // SAFETY: objects of this class are made only by `make_function`, whose opaque is a
    // `Box<Signature>` freed here exactly once (QuickJS finalizes an object once).
    unsafe {
        let raw = qjs::JS_GetOpaque(obj, FUNCTION_CLASS.get()) as *mut Signature;
        if !raw.is_null() {
            drop(Box::from_raw(raw));
        }
    }
}

/// Creates the JS function for `sig`: an object of the FFI function class with
/// `Function.prototype` as its prototype (so `typeof` is "function" and `call`/`bind` work; it
/// is not a constructor), `length` the declared argument count, owning the signature.
///
/// # Safety
/// `ctx` must be live and on the JS thread.
pub unsafe fn make_function(ctx: *mut JSContext, sig: Signature) -> JSValue {
    let len = sig.args.len() as i32;
    let def = qjs::JSClassDef {
        class_name: c"Function".as_ptr(),
        finalizer: Some(finalize_function),
        gc_mark: None,
        call: Some(call_thunk),
        exotic: std::ptr::null_mut(),
    };
    // SAFETY: live ctx on the JS thread (caller contract); the class's finalizer and call
    // handler are the ones below, for objects made here only.
    unsafe {
        let class_id = match rusk_bindgen::rt::register_class(ctx, &FUNCTION_CLASS, &def) {
            Ok(id) => id,
            Err(_) => return values::exception(),
        };
        let proto = qjs::JS_GetFunctionProto(ctx);
        let f = qjs::JS_NewObjectProtoClass(ctx, proto, class_id);
        qjs::JS_FreeValue(ctx, proto);
        if qjs::JS_IsException(f) {
            return f;
        }
        qjs::JS_SetOpaque(f, Box::into_raw(Box::new(sig)) as *mut c_void);
        if qjs::JS_DefinePropertyValueStr(
            ctx,
            f,
            c"length".as_ptr(),
            values::immediate(qjs::JS_TAG_INT, len),
            qjs::JS_PROP_CONFIGURABLE as i32,
        ) < 0
        {
            qjs::JS_FreeValue(ctx, f);
            return values::exception();
        }
        f
    }
}

/// The QuickJS entry point of every FFI function (its class's call handler).
unsafe extern "C" fn call_thunk(
    ctx: *mut JSContext,
    func: JSValue,
    _this: JSValue,
    argc: i32,
    argv: *mut JSValue,
    _flags: i32,
) -> JSValue {
    // SAFETY: `func` is an object of the FFI function class (QuickJS calls this handler only
    // for those); its opaque is the Signature it owns, alive while the function is.
    let raw = unsafe { qjs::JS_GetOpaque(func, FUNCTION_CLASS.get()) } as *const Signature;
    if raw.is_null() {
        // SAFETY: live ctx.
        return unsafe { values::throw_type(ctx, "not an FFI function") };
    }
    // SAFETY: as above.
    let sig = unsafe { &*raw };
    if let Some(plan) = &sig.fast {
        // The exact register shapes (most calls) first.
        if plan.beyond_registers() {
            // SAFETY: as the caller's: live ctx, `argc` values at `argv`.
            if let Some(result) = unsafe { call_beyond_registers(ctx, sig, plan, argc, argv) } {
                return result;
            }
        } else {
            // (`call_registers` written out: through it the common call cost ~7 instructions
            // more, bench/ffi/instructions.sh.)
            let mut ints = [0u64; crate::direct::MAX_INTS];
            let mut floats = [0f64; crate::direct::MAX_FLOATS];
            // SAFETY: as the caller's: live ctx, `argc` values at `argv`.
            if unsafe { plan.registers(ctx, argc, argv, &mut ints, &mut floats) } {
                // SAFETY: as above; the registers were made for this signature's function.
                return unsafe { invoke_fast(ctx, sig, || plan.call(sig.fn_ptr, &ints, &floats)) };
            }
        }
    }
    // SAFETY: as the caller's: live ctx, `argc` values at `argv`.
    unsafe { invoke(ctx, sig, argc, argv) }
}

/// The fast path of a signature of the exact register shapes; `None`: the general path.
///
/// # Safety
/// Live ctx on the JS thread; `argc` values at `argv`; `plan` is `sig`'s.
#[inline(always)]
unsafe fn call_registers(
    ctx: *mut JSContext,
    sig: &Signature,
    plan: &fast::FastCall,
    argc: i32,
    argv: *mut JSValue,
) -> Option<JSValue> {
    let mut ints = [0u64; crate::direct::MAX_INTS];
    let mut floats = [0f64; crate::direct::MAX_FLOATS];
    // SAFETY: forwarded contract.
    if unsafe { plan.registers(ctx, argc, argv, &mut ints, &mut floats) } {
        // SAFETY: the registers were made for this signature's function.
        return Some(unsafe { invoke_fast(ctx, sig, || plan.call(sig.fn_ptr, &ints, &floats)) });
    }
    None
}

/// The fast paths other than the exact register shapes: compiled code for mixed kinds,
/// exact callers, the wide form.
///
/// # Safety
/// As `call_registers`.
#[inline(always)]
unsafe fn call_beyond_registers(
    ctx: *mut JSContext,
    sig: &Signature,
    plan: &fast::FastCall,
    argc: i32,
    argv: *mut JSValue,
) -> Option<JSValue> {
    match plan.compiled() {
        // SAFETY: forwarded contract; at least `count` values at `argv`.
        Some((code, count)) if argc as usize >= count => unsafe {
            invoke_compiled(ctx, sig, code, argv)
        },
        Some(_) => None,
        // No compiled code (yet: the signature's first calls; or at all: a machine Cranelift
        // does not serve, RUSK_FFI_NO_JIT): the generic forms of the same shape.
        None => {
            if let Some((reader, exact)) = plan.exact() {
                let mut args = [0u64; crate::exact::MAX_EXACT];
                // SAFETY: forwarded contract.
                if unsafe { reader.read(ctx, argc, argv, &mut args) } {
                    // SAFETY: the caller was chosen for this signature's function.
                    return Some(unsafe { invoke_fast(ctx, sig, || exact(sig.fn_ptr, &args)) });
                }
                None
            } else if !plan.is_wide() {
                // SAFETY: forwarded contract.
                unsafe { call_registers(ctx, sig, plan, argc, argv) }
            } else {
                // SAFETY: forwarded contract.
                unsafe { call_wide(ctx, sig, plan, argc, argv) }
            }
        }
    }
}

/// The fast path of a wide signature (`direct.rs`).
///
/// # Safety
/// As `call_registers`.
#[inline(always)]
unsafe fn call_wide(
    ctx: *mut JSContext,
    sig: &Signature,
    plan: &fast::FastCall,
    argc: i32,
    argv: *mut JSValue,
) -> Option<JSValue> {
    let mut regs = crate::direct::WideRegisters::default();
    // SAFETY: forwarded contract.
    if unsafe { plan.registers_wide(ctx, argc, argv, &mut regs) } {
        // SAFETY: the registers were made for this signature's function.
        return Some(unsafe { invoke_fast(ctx, sig, || plan.call_wide(sig.fn_ptr, &regs)) });
    }
    None
}

/// A call through code compiled for the signature (`jit.rs`), which reads the arguments and
/// calls the function; `None` when an argument needs the general path (nothing was called).
///
/// # Safety
/// Live ctx on the JS thread; `argv` holds at least as many values as `code` reads; `code`
/// was compiled for `sig`'s declared signature.
#[inline(always)]
unsafe fn invoke_compiled(
    ctx: *mut JSContext,
    sig: &Signature,
    code: crate::jit::JitCall,
    argv: *const JSValue,
) -> Option<JSValue> {
    if sig
        .lib
        .as_ref()
        .is_some_and(|l| l.closed.load(Ordering::Acquire))
    {
        // SAFETY: live ctx.
        return unsafe { closed_library(ctx, sig) };
    }
    let state = &*sig.state;
    let mut ret = 0u64;
    // Reading the arguments runs no JS, so it may happen inside the native section.
    state.enter_native();
    // SAFETY: per this function's contract; `ret` is the code's result slot.
    let called = unsafe { code(ctx, argv, sig.fn_ptr, &mut ret) } != 0;
    state.leave_native();
    if !called {
        return None;
    }
    // SAFETY: live ctx.
    if let Some(thrown) = unsafe { after_call(ctx, sig) } {
        return Some(thrown);
    }
    // SAFETY: live ctx; for cstring returns the C function returned a string pointer.
    Some(unsafe { fast::result(ctx, sig.ret, ret) })
}

/// The rest of a call whose arguments the fast path converted (no user code has run).
///
/// # Safety
/// Live ctx on the JS thread; `native` calls `sig`'s function with registers its fast plan made
/// and returns the raw result register.
#[inline(always)]
unsafe fn invoke_fast(
    ctx: *mut JSContext,
    sig: &Signature,
    native: impl FnOnce() -> u64,
) -> JSValue {
    if sig
        .lib
        .as_ref()
        .is_some_and(|l| l.closed.load(Ordering::Acquire))
    {
        // SAFETY: live ctx.
        if let Some(thrown) = unsafe { closed_library(ctx, sig) } {
            return thrown;
        }
    }
    let state = &*sig.state;
    state.enter_native();
    let ret = native();
    state.leave_native();
    // SAFETY: live ctx.
    if let Some(thrown) = unsafe { after_call(ctx, sig) } {
        return thrown;
    }
    // SAFETY: live ctx; for cstring returns the C function returned a string pointer.
    unsafe { fast::result(ctx, sig.ret, ret) }
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
/// exception marker with an exception pending). Kept out of line: the fast path's thunk
/// stays small.
///
/// # Safety
/// `ctx` is live and on the JS thread; `argv` points at `argc` valid values.
#[inline(never)]
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
#[cold]
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
