//! JSCallback: C function pointers that call JS.
//!
//! On the JS thread a callback runs synchronously. From any other thread it never touches the
//! JS heap: it copies the raw argument bits (and the bytes of `cstring` arguments, which the
//! caller may free as soon as it returns) into the callback's queue and posts one drain job
//! per burst to the runtime's cross-thread queue; the JS thread turns the bits into JS values
//! (BigInts included) using the signature's type table when it runs the calls. A non-void
//! callback called from another thread waits for the JS result (`reply.rs`).
//!
//! Lifetime: the trampoline and this data outlive the JS object. `close()` retires them: the JS
//! function is released once no queued call needs it, and the memory is freed only after
//! `RETIRED_KEPT` more callbacks have been closed and no thread is inside it, so a C library
//! that calls a closed callback late gets a dropped call and a warning instead of a jump into
//! freed memory. At runtime shutdown every callback is orphaned, never freed: threads still
//! calling get 0 and one warning, whatever they do after the program ended.

use std::ffi::c_void;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use libffi::low::{self, ffi_cif};
use libffi::middle::Cif;
use rquickjs::qjs::{self, JSContext, JSValue};
use rusk_runtime::LoopHandle;

use crate::aggregate::{self, Aggregate, SigAggregates};
use crate::guard;
use crate::queue::{CallQueue, Held, LANES};
use crate::reply::Reply;
use crate::state::FfiState;
use crate::trampoline::{self, RegisterPlan};
use crate::types::FfiType;
use crate::values::{self, CallScratch};

/// How long one drain job may keep running queued calls before it yields to the event loop
/// (timers, I/O, other jobs) and posts itself again.
const DRAIN_BUDGET: Duration = Duration::from_millis(2);

/// The longest `cstring` argument copied from a foreign thread (longer ones are truncated).
const MAX_FOREIGN_STRING: usize = 1 << 30;

/// The part of a callback that foreign threads may touch.
pub struct CallbackShared {
    pub args: Vec<FfiType>,
    pub ret: FfiType,
    /// Layouts of struct/union arguments and result (their bits are pointers to the bytes).
    aggregates: Option<SigAggregates>,
    /// Arguments whose bits point to memory the caller owns — C strings and structs — copied
    /// on foreign threads (the copies are freed after the call).
    has_owned: bool,
    /// Set when the callback is entered through a pre-compiled trampoline (`trampoline.rs`).
    pub plan: Option<RegisterPlan>,
    pub closed: AtomicBool,
    warned: AtomicBool,
    queue: CallQueue<Arc<Reply>>,
    handle: LoopHandle,
    pub state: Arc<FfiState>,
}

/// The closure's user data (see the module comment for how long it lives).
pub struct CallbackData {
    pub shared: Arc<CallbackShared>,
    /// The JS function (owned reference) — touched only on the JS thread; undefined once
    /// released.
    func: std::cell::Cell<JSValue>,
    ctx: *mut JSContext,
    cif: Cif,
    /// The libffi closure, when no pre-compiled trampoline serves this callback (else null).
    closure: *mut low::ffi_closure,
    /// The trampoline slot, when one serves it.
    slot: Option<usize>,
    /// The C function pointer.
    code: u64,
}

/// `*const CallbackData` that may cross threads: the data is only dereferenced for its
/// `Sync` parts off the JS thread.
#[derive(Clone, Copy)]
struct DataPtr(*const CallbackData);
// SAFETY: foreign threads only read `shared` (Send + Sync); JS-only fields are read on the JS
// thread, which is checked before use.
unsafe impl Send for DataPtr {}

/// Callbacks of ended runtimes: never freed, because C may still call them.
struct Orphan(#[allow(dead_code)] *const CallbackData);
// SAFETY: the pointer is only kept, never dereferenced through this list.
unsafe impl Send for Orphan {}
static ORPHANS: std::sync::Mutex<Vec<Orphan>> = std::sync::Mutex::new(Vec::new());

impl CallbackData {
    /// Creates the callback and its C trampoline. `threadsafe` is Bun's flag; rusk queues
    /// every call from a foreign thread either way (a non-threadsafe callback called from another
    /// thread must not corrupt memory), so it changes nothing here.
    ///
    /// # Safety
    /// `ctx` must be live and on the JS thread; `func` a function value (dup'ed here).
    pub unsafe fn create(
        ctx: *mut JSContext,
        func: JSValue,
        args: Vec<FfiType>,
        ret: FfiType,
        aggregates: Option<SigAggregates>,
        handle: LoopHandle,
        state: Arc<FfiState>,
    ) -> Result<*const CallbackData, String> {
        let (types, ret_type) = aggregate::ffi_types(&args, ret, aggregates.as_ref())?;
        let cif = Cif::new(types, ret_type);
        let has_owned = args.contains(&FfiType::CString) || args.contains(&FfiType::Struct);
        // The pre-compiled trampolines pass scalars in registers only.
        let plan = if aggregates.is_some() {
            None
        } else {
            RegisterPlan::new(&args, ret)
        };
        let data = Box::new(CallbackData {
            shared: Arc::new(CallbackShared {
                args,
                ret,
                aggregates,
                has_owned,
                plan,
                closed: AtomicBool::new(false),
                warned: AtomicBool::new(false),
                queue: CallQueue::new(),
                handle,
                state,
            }),
            // SAFETY: duplicating a valid value we keep until release.
            func: std::cell::Cell::new(unsafe { qjs::JS_DupValue(ctx, func) }),
            ctx,
            cif,
            closure: std::ptr::null_mut(),
            slot: None,
            code: 0,
        });
        let raw = Box::into_raw(data);
        // SAFETY: `raw` is ours alone until returned; it stays valid until `free` (or forever,
        // once orphaned), which is as long as the trampoline may reach it.
        unsafe {
            let shared = &*(*raw).shared;
            if let Some(plan) = shared.plan.as_ref() {
                if let Some((slot, code)) = trampoline::claim(plan, raw) {
                    (*raw).slot = Some(slot);
                    (*raw).code = code;
                    return Ok(raw);
                }
            }
            let Some((closure, code)) = low::try_closure_alloc() else {
                Self::discard(raw, ctx);
                return Err("cannot allocate a callback trampoline".into());
            };
            (*raw).closure = closure;
            (*raw).code = code.as_ptr() as u64;
            // The cif lives inside the data.
            // The result is declared a byte: for a struct result libffi's buffer has the
            // struct's size, which may be less than 8 bytes.
            let prepared = low::prep_closure::<CallbackData, u8>(
                closure,
                (*raw).cif.as_raw_ptr(),
                entry,
                raw,
                code,
            );
            if prepared.is_err() {
                Self::discard(raw, ctx);
                return Err("cannot prepare a callback trampoline".into());
            }
        }
        Ok(raw)
    }

    /// Undoes `create` when its trampoline could not be made (nothing else has seen `raw`).
    ///
    /// # Safety
    /// `raw` came from `Box::into_raw` in `create` and was never published.
    unsafe fn discard(raw: *mut CallbackData, ctx: *mut JSContext) {
        // SAFETY: per the contract.
        unsafe {
            let d = Box::from_raw(raw);
            qjs::JS_FreeValue(ctx, d.func.get());
            if !d.closure.is_null() {
                low::closure_free(d.closure);
            }
        }
    }

    pub fn address(&self) -> u64 {
        self.code
    }

    /// `close()`: no new calls are accepted; calls already queued are still delivered. The JS
    /// function is released now, or after the last queued call ran.
    ///
    /// # Safety
    /// On the JS thread.
    pub unsafe fn close(&self) {
        if self.shared.closed.swap(true, Ordering::AcqRel) {
            return;
        }
        if self.shared.queue.is_idle() {
            // SAFETY: JS thread.
            unsafe { self.release_function() };
        }
    }

    /// # Safety
    /// On the JS thread.
    unsafe fn release_function(&self) {
        let f = self.func.replace(values::undefined());
        // SAFETY: we own this reference; freeing undefined is a no-op.
        unsafe { qjs::JS_FreeValue(self.ctx, f) };
    }

    /// Whether a closed callback's memory may be freed now: nothing is queued or scheduled and
    /// no foreign thread is inside it. (A thread that has just entered the trampoline and not
    /// yet counted itself is what the retirement delay is for.)
    pub fn is_quiet(&self) -> bool {
        self.shared.closed.load(Ordering::Acquire)
            && self.shared.queue.in_flight() == 0
            && self.shared.queue.is_idle()
    }

    /// Frees a retired callback.
    ///
    /// # Safety
    /// `ptr` came from `create`, was closed, `is_quiet()` holds, and it is freed once; JS
    /// thread with the runtime alive.
    pub unsafe fn free(ptr: *const CallbackData) {
        // SAFETY: per the contract.
        unsafe {
            let d = Box::from_raw(ptr as *mut CallbackData);
            d.release_function();
            match d.slot {
                Some(k) => trampoline::release(k),
                None => low::closure_free(d.closure),
            }
        }
    }

    /// At runtime shutdown: closes the callback for good, wakes every thread waiting for a
    /// result, releases the JS function, and keeps the trampoline and data forever.
    ///
    /// # Safety
    /// `ptr` came from `create`; called once, on the JS thread, while the runtime still exists.
    pub unsafe fn orphan(ptr: *const CallbackData, rt: *mut qjs::JSRuntime) {
        // SAFETY: per the contract; the data is never freed after this.
        unsafe {
            let d = &*ptr;
            d.shared.closed.store(true, Ordering::Release);
            d.abandon_queued();
            qjs::JS_FreeValueRT(rt, d.func.replace(values::undefined()));
        }
        ORPHANS
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(Orphan(ptr));
    }

    /// Runs the JS function with raw argument bits; returns the raw result bits, or None when
    /// the function threw (the exception is left pending in the context). `owned_strings`:
    /// the `cstring` and struct bits are copies made by `copy_owned`, freed here. A struct
    /// result's bits are the address of a boxed copy of its bytes (see `write_result`).
    ///
    /// # Safety
    /// On the JS thread.
    unsafe fn invoke(&self, raw: &[u64], owned_strings: bool) -> Option<u64> {
        let ctx = self.ctx;
        let func = self.func.get();
        // SAFETY: tag check of our own value.
        if unsafe { qjs::JS_VALUE_GET_TAG(func) } != qjs::JS_TAG_OBJECT {
            if owned_strings {
                free_owned(&self.shared, raw);
            }
            return Some(0);
        }
        // Arguments live on the stack for the common short signatures (no allocation per call).
        let mut on_stack = [values::undefined(); 8];
        let mut on_heap: Vec<JSValue>;
        let argv: &mut [JSValue] = if raw.len() <= on_stack.len() {
            &mut on_stack[..raw.len()]
        } else {
            on_heap = vec![values::undefined(); raw.len()];
            &mut on_heap
        };
        let aggregates = self.shared.aggregates.as_ref();
        let mut failed = false;
        let typed = self.shared.args.iter().zip(raw);
        for (i, (slot, (&ty, &bits))) in argv.iter_mut().zip(typed).enumerate() {
            // SAFETY: JS thread; a cstring argument is a C string pointer from the caller (or
            // our copy of it); a struct's bits address its bytes (the caller's or our copy).
            let v = match aggregates.and_then(|a| a.args.get(i)?.as_ref()) {
                Some(agg) => unsafe {
                    let bytes = std::slice::from_raw_parts(bits as usize as *const u8, agg.size);
                    aggregate::read(ctx, &aggregate::Node::Aggregate(agg.clone()), bytes)
                },
                None => unsafe { values::to_js(ctx, ty, bits) },
            };
            // SAFETY: tag check.
            if unsafe { qjs::JS_IsException(v) } {
                failed = true;
                break;
            }
            values::store(slot, v);
        }
        if owned_strings {
            free_owned(&self.shared, raw);
        }
        if failed {
            for v in argv.iter() {
                // SAFETY: we own these (the slots not reached are undefined).
                unsafe { free_value(ctx, *v) };
            }
            return None;
        }
        // SAFETY: calling a live function with owned argument values, which we free after.
        let result = unsafe {
            qjs::JS_Call(
                ctx,
                func,
                values::undefined(),
                argv.len() as i32,
                argv.as_mut_ptr(),
            )
        };
        for v in argv.iter() {
            // SAFETY: we own these.
            unsafe { free_value(ctx, *v) };
        }
        // SAFETY: tag check.
        if unsafe { qjs::JS_IsException(result) } {
            return None;
        }
        if self.shared.ret == FfiType::Void {
            // SAFETY: we own `result`.
            unsafe { free_value(ctx, result) };
            return Some(0);
        }
        let mut scratch = CallScratch::default();
        let what = || "the callback's return value".to_string();
        // SAFETY: converting the returned value; a failed conversion leaves an exception.
        let bits = unsafe {
            match self.shared.aggregates.as_ref().and_then(|a| a.ret.as_ref()) {
                Some(agg) => boxed_aggregate(ctx, agg, result, &mut scratch, &what),
                None => values::to_c(ctx, self.shared.ret, result, &mut scratch, &what),
            }
        };
        // SAFETY: we own `result`.
        unsafe { qjs::JS_FreeValue(ctx, result) };
        // A string returned for a pointer would dangle once `scratch` drops: return NULL (a
        // struct holding one: zeros).
        if !scratch.is_empty() {
            if let Ok(b) = bits {
                free_boxed_result(&self.shared, b);
            }
            return Some(0);
        }
        bits.ok()
    }

    /// Runs queued calls (on the JS thread) for up to `DRAIN_BUDGET`; called by the drain job.
    ///
    /// # Safety
    /// On the JS thread.
    unsafe fn drain(&self) -> Result<(), ()> {
        let queue = &self.shared.queue;
        let started = Instant::now();
        loop {
            if let Some(held) = queue.take_held() {
                // SAFETY: JS thread.
                if let Some(stopped) = unsafe { self.run_batch(held, started) } {
                    return stopped;
                }
            }
            for lane in 0..LANES {
                let batch = queue.take(lane);
                // SAFETY: JS thread.
                if let Some(stopped) = unsafe {
                    self.run_batch(
                        Held {
                            lane,
                            batch,
                            next: 0,
                        },
                        started,
                    )
                } {
                    return stopped;
                }
            }
            if !queue.finish_drain() {
                break;
            }
            if started.elapsed() >= DRAIN_BUDGET {
                if !post_drain(self) {
                    self.abandon_queued();
                }
                return Ok(());
            }
        }
        if self.shared.closed.load(Ordering::Acquire) && queue.is_idle() {
            // SAFETY: JS thread.
            unsafe { self.release_function() };
        }
        Ok(())
    }

    /// Runs the calls of one taken batch from `part.next` on. `None` when all ran; otherwise
    /// the drain stopped (a callback threw, or the drain's time is up): the rest is held for a
    /// new drain job (nothing lost or reordered) and this is the drain's result.
    ///
    /// # Safety
    /// On the JS thread.
    unsafe fn run_batch(&self, part: Held<Arc<Reply>>, started: Instant) -> Option<Result<(), ()>> {
        let queue = &self.shared.queue;
        let n = self.shared.args.len();
        let owned = self.shared.has_owned;
        let Held { lane, batch, next } = part;
        for i in next..batch.calls {
            let raw = &batch.args[i * n..i * n + n];
            let reply = batch.replies.get(i);
            let out = if reply.is_some_and(|r| r.is_abandoned()) {
                if owned {
                    free_owned(&self.shared, raw);
                }
                Some(0)
            } else {
                // SAFETY: JS thread.
                unsafe { self.invoke(raw, owned) }
            };
            if let Some(r) = reply {
                r.complete(out.unwrap_or(0));
            }
            let over_budget = i % 64 == 63 && started.elapsed() >= DRAIN_BUDGET;
            if out.is_none() || over_budget {
                // Report the exception (or let timers run) before the rest of the batch.
                queue.hold(lane, batch, i + 1);
                if queue.finish_drain() && !post_drain(self) {
                    self.abandon_queued();
                }
                return Some(if out.is_none() { Err(()) } else { Ok(()) });
            }
        }
        queue.recycle(batch);
        None
    }

    /// Nothing will run the queued calls: wake every caller still waiting for a result and
    /// free the copied strings.
    fn abandon_queued(&self) {
        let n = self.shared.args.len();
        let held = self.shared.queue.take_held();
        let taken = (0..LANES).map(|lane| Held {
            lane,
            batch: self.shared.queue.take(lane),
            next: 0,
        });
        for Held { batch, next, .. } in held.into_iter().chain(taken) {
            if self.shared.has_owned {
                for i in next..batch.calls {
                    free_owned(&self.shared, &batch.args[i * n..i * n + n]);
                }
            }
            for r in batch.replies.into_iter().skip(next) {
                r.abandon();
            }
        }
    }
}

/// Releases an owned value; numbers, booleans and other values without a reference count need
/// no call into the engine (most callback arguments are such).
///
/// # Safety
/// `v` is owned by the caller and not used after.
#[inline(always)]
unsafe fn free_value(ctx: *mut JSContext, v: JSValue) {
    // SAFETY: tag check of a live value; the release is the caller's to make.
    unsafe {
        if qjs::JS_VALUE_HAS_REF_COUNT(v) {
            qjs::JS_FreeValue(ctx, v);
        }
    }
}

/// Reads argument `i` of type `ty` from libffi's argument array as raw 64-bit bits.
///
/// # Safety
/// `args[i]` must point to a value of type `ty`.
#[inline(always)]
unsafe fn read_arg(args: *const *const c_void, i: usize, ty: FfiType) -> u64 {
    use FfiType::*;
    // SAFETY: per the contract, args[i] points to a value of the C type for `ty`.
    unsafe {
        let p = *args.add(i);
        match ty {
            // The address of the struct's bytes (valid during the call).
            Struct => p as u64,
            Char | I8 => *(p as *const i8) as i64 as u64,
            U8 | Bool => *(p as *const u8) as u64,
            I16 => *(p as *const i16) as i64 as u64,
            U16 => *(p as *const u16) as u64,
            I32 => *(p as *const i32) as i64 as u64,
            U32 => *(p as *const u32) as u64,
            F32 => *(p as *const u32) as u64,
            _ => *(p as *const u64),
        }
    }
}

/// Writes `bits` as the C return value (small integers widened like ffi_arg; a struct's bits
/// are a boxed copy of its bytes, copied to `result` and freed).
///
/// # Safety
/// `result` is libffi's (or a trampoline's) result buffer for the callback's return type.
unsafe fn write_result(shared: &CallbackShared, result: *mut u8, bits: u64) {
    use FfiType::*;
    if let Some(agg) = shared.ret_aggregate() {
        if bits != 0 {
            // SAFETY: `bits` came from `boxed_aggregate` (a box of `agg.size` bytes, owned
            // here) and the buffer holds the struct's size.
            unsafe {
                let bytes = Box::from_raw(std::ptr::slice_from_raw_parts_mut(
                    bits as usize as *mut u8,
                    agg.size,
                ));
                std::ptr::copy_nonoverlapping(bytes.as_ptr(), result, agg.size);
            }
        }
        return;
    }
    let ty = shared.ret;
    let word = match ty {
        Char | I8 => bits as i8 as i64 as u64,
        U8 => bits as u8 as u64,
        Bool => (bits != 0) as u64,
        I16 => bits as i16 as i64 as u64,
        U16 => bits as u16 as u64,
        I32 => bits as i32 as i64 as u64,
        U32 => bits as u32 as u64,
        F32 => bits & 0xffff_ffff,
        _ => bits,
    };
    // SAFETY: a scalar result buffer holds at least 8 bytes (libffi's ffi_arg).
    unsafe { (result as *mut u64).write_unaligned(word) };
}

/// Zeroes the result buffer (what C gets when the call is dropped or throws).
///
/// # Safety
/// As `write_result`.
#[inline(always)]
unsafe fn clear_result(shared: &CallbackShared, result: *mut u8) {
    // SAFETY: the buffer holds the return type (8 bytes for scalars).
    unsafe {
        match shared.ret_aggregate() {
            Some(agg) => std::ptr::write_bytes(result, 0, agg.size),
            None => (result as *mut u64).write_unaligned(0),
        }
    }
}

/// Converts a callback's struct result into a boxed copy of its bytes; its address is the
/// result's bits (they may cross to the calling thread).
///
/// # Safety
/// Live ctx on the JS thread; `v` a valid value.
unsafe fn boxed_aggregate(
    ctx: *mut JSContext,
    agg: &Arc<Aggregate>,
    v: JSValue,
    scratch: &mut CallScratch,
    what: &dyn Fn() -> String,
) -> Result<u64, values::Thrown> {
    let mut bytes = vec![0u8; agg.size].into_boxed_slice();
    let mut pending = Vec::new();
    let node = aggregate::Node::Aggregate(agg.clone());
    // SAFETY: live ctx; `bytes` holds the aggregate.
    let written = unsafe {
        aggregate::write(ctx, &node, v, &mut bytes, 0, scratch, &mut pending, what)
            .and_then(|()| aggregate::write_pending(ctx, &mut pending, &mut bytes, scratch, what))
    };
    // SAFETY: live ctx.
    unsafe { aggregate::discard_pending(ctx, &mut pending) };
    written?;
    Ok(Box::into_raw(bytes) as *mut u8 as usize as u64)
}

/// Frees a struct result made by `boxed_aggregate` that will not be delivered.
fn free_boxed_result(shared: &CallbackShared, bits: u64) {
    if let Some(agg) = shared.ret_aggregate() {
        if bits != 0 {
            // SAFETY: made by `boxed_aggregate` with `agg.size` bytes, freed once.
            drop(unsafe {
                Box::from_raw(std::ptr::slice_from_raw_parts_mut(
                    bits as usize as *mut u8,
                    agg.size,
                ))
            });
        }
    }
}

impl CallbackShared {
    fn arg_aggregate(&self, i: usize) -> Option<&Arc<Aggregate>> {
        self.aggregates.as_ref()?.args.get(i)?.as_ref()
    }

    fn ret_aggregate(&self) -> Option<&Arc<Aggregate>> {
        self.aggregates.as_ref()?.ret.as_ref()
    }
}

/// Replaces the `cstring` and struct arguments' pointers by pointers to copies the JS thread
/// owns (the caller may free or reuse its string as soon as the call returns, and a struct
/// argument lives in the caller's frame). NULL stays NULL; an unreadable string becomes NULL
/// with a warning.
fn copy_owned(shared: &CallbackShared, raw: &mut [u64]) {
    for (i, (bits, ty)) in raw.iter_mut().zip(&shared.args).enumerate() {
        if let Some(agg) = shared.arg_aggregate(i) {
            // SAFETY: libffi's pointer to the struct argument, valid during this call.
            let bytes: Box<[u8]> =
                unsafe { std::slice::from_raw_parts(*bits as usize as *const u8, agg.size) }.into();
            *bits = Box::into_raw(bytes) as *mut u8 as usize as u64;
            continue;
        }
        if *ty != FfiType::CString || *bits == 0 {
            continue;
        }
        let src = *bits as usize;
        let copied = guard::strlen(src, MAX_FOREIGN_STRING)
            .and_then(|len| guard::read_vec(src, len))
            .ok()
            .and_then(|bytes| std::ffi::CString::new(bytes).ok());
        *bits = match copied {
            Some(c) => c.into_raw() as u64,
            None => {
                eprintln!("rusk:ffi: warning: a thread passed an unreadable cstring ({src:#x}) to a JSCallback; it arrives as null");
                0
            }
        };
    }
}

/// Frees the copies made by `copy_owned`.
fn free_owned(shared: &CallbackShared, raw: &[u64]) {
    for (i, (bits, ty)) in raw.iter().zip(&shared.args).enumerate() {
        if let Some(agg) = shared.arg_aggregate(i) {
            // SAFETY: made by `copy_owned` with `agg.size` bytes; the queued call is consumed
            // exactly once.
            drop(unsafe {
                Box::from_raw(std::ptr::slice_from_raw_parts_mut(
                    *bits as usize as *mut u8,
                    agg.size,
                ))
            });
            continue;
        }
        if *ty == FfiType::CString && *bits != 0 {
            // SAFETY: made by `CString::into_raw` in `copy_owned`, freed once (the queued
            // call is consumed exactly once: run, skipped or abandoned).
            drop(unsafe { std::ffi::CString::from_raw(*bits as *mut std::ffi::c_char) });
        }
    }
}

/// The libffi closure entry: runs on whatever thread called the C function pointer.
unsafe extern "C" fn entry(
    _cif: &ffi_cif,
    result: &mut u8,
    args: *const *const c_void,
    data: &CallbackData,
) {
    let n = data.shared.args.len();
    let mut on_stack = [0u64; 16];
    let mut on_heap: Vec<u64>;
    let raw: &mut [u64] = if n <= 16 {
        &mut on_stack[..n]
    } else {
        on_heap = vec![0; n];
        &mut on_heap
    };
    for (i, ty) in data.shared.args.iter().enumerate() {
        // SAFETY: libffi passes one pointer per declared argument.
        raw[i] = unsafe { read_arg(args, i, *ty) };
    }
    // SAFETY: `raw` holds one value per declared argument; `result` is libffi's buffer for
    // the return type.
    unsafe { dispatch(data, result as *mut u8, raw) };
}

/// Runs one call of the callback from C, with its raw argument bits (from libffi's entry or a
/// pre-compiled trampoline), on whatever thread made it.
///
/// # Safety
/// `data` is a live (possibly closed or orphaned) callback; `raw` has one value per argument;
/// `result` is the buffer for the return type (at least 8 bytes for scalars).
#[inline]
pub(crate) unsafe fn dispatch(data: &CallbackData, result: *mut u8, raw: &mut [u64]) {
    let shared = &*data.shared;
    // SAFETY: per the contract.
    unsafe { clear_result(shared, result) };
    if crate::state::thread_marker() == shared.state.js_thread_marker {
        if shared.closed.load(Ordering::Relaxed) {
            warn_closed(shared);
            return;
        }
        if shared.state.callback_threw.load(Ordering::Relaxed) {
            // An earlier call in this native call threw; don't run JS with a pending exception.
            return;
        }
        // SAFETY: we are on the JS thread.
        match unsafe { data.invoke(raw, false) } {
            // SAFETY: per the contract.
            Some(bits) => unsafe { write_result(shared, result, bits) },
            None => shared.state.callback_threw.store(true, Ordering::Relaxed),
        }
        return;
    }
    let lane = shared.queue.enter();
    // SAFETY: per the contract.
    unsafe { foreign_call(data, lane, result, raw) };
    shared.queue.leave(lane);
}

/// A call from another thread: queue raw bits, never touch the JS heap here.
///
/// # Safety
/// As `dispatch`.
unsafe fn foreign_call(data: &CallbackData, lane: usize, result: *mut u8, raw: &mut [u64]) {
    let shared = &*data.shared;
    if shared.closed.load(Ordering::SeqCst) {
        warn_closed(shared);
        return;
    }
    if shared.has_owned {
        copy_owned(shared, raw);
    }
    let reply = (shared.ret != FfiType::Void).then(|| Arc::new(Reply::new()));
    // Wait for room only while the JS thread can make room: not while it is inside a native
    // call (which may be waiting for us) and not after the runtime ended.
    let may_wait = || !shared.state.js_in_native() && !shared.handle.is_closed();
    let post = shared.queue.push_to(lane, raw, reply.clone(), may_wait);
    if post && !post_drain(data) {
        // The runtime is gone: nothing will run this call (its strings are freed with the
        // queue's other leftovers when the callback is orphaned, or stay: the process ends).
        warn_closed(shared);
        if let Some(r) = &reply {
            r.abandon();
        }
        return;
    }
    let Some(reply) = reply else { return };
    if let Some(bits) = reply.wait(&shared.state, || shared.handle.is_closed()) {
        // SAFETY: per the contract.
        unsafe { write_result(shared, result, bits) };
    }
}

/// Posts the job that drains `data`'s queue on the JS thread; `false` when the loop is gone.
fn post_drain(data: &CallbackData) -> bool {
    let ptr = DataPtr(data as *const CallbackData);
    data.shared.handle.post(Box::new(move |_ctx| {
        let ptr = ptr;
        // SAFETY: the drain job runs on the JS thread; the data is not freed while a drain job
        // is pending (`is_quiet`) and orphaned data is never freed.
        let data = unsafe { &*ptr.0 };
        // SAFETY: JS thread.
        match unsafe { data.drain() } {
            Ok(()) => Ok(()),
            Err(()) => Err(rquickjs::Error::Exception),
        }
    }))
}

fn warn_closed(shared: &CallbackShared) {
    if !shared.warned.swap(true, Ordering::Relaxed) {
        if shared.handle.is_closed() {
            eprintln!("rusk:ffi: warning: a JSCallback was called after the program ended; the call was dropped (it returns 0)");
        } else {
            eprintln!("rusk:ffi: warning: a JSCallback was called after close(); the call was dropped (it returns 0)");
        }
    }
}
