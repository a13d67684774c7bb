//! JSCallback: C function pointers that call JS.
//!
//! On the JS thread a callback runs synchronously. From any other thread it never touches the
//! JS heap: it copies the raw argument bits into the callback's queue and posts one drain job
//! per burst to the runtime's cross-thread queue; the JS thread turns the bits into JS values
//! (BigInts included) using the signature's type table when it runs the calls. A non-void
//! callback called from another thread waits for the JS result.

use std::ffi::c_void;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use libffi::low::{self, ffi_cif, CodePtr};
use libffi::middle::Cif;
use rquickjs::qjs::{self, JSContext, JSValue};
use rusk_runtime::LoopHandle;

use crate::queue::{Batch, CallQueue, LANES};
use crate::state::FfiState;
use crate::types::FfiType;
use crate::values::{self, CallScratch};

/// How long a waiting thread tolerates the JS thread staying inside one native call before it
/// diagnoses a deadlock (override with `RUSK_FFI_DEADLOCK_MS`).
fn deadlock_after() -> Duration {
    let ms = std::env::var("RUSK_FFI_DEADLOCK_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(750u64);
    Duration::from_millis(ms)
}

enum ReplyState {
    Waiting,
    Done(u64),
    Abandoned,
}

/// Where a waiting foreign thread receives the JS result.
struct Reply {
    state: Mutex<ReplyState>,
    cv: Condvar,
}

/// How long one drain job may keep running calls that keep arriving before it yields.
const DRAIN_BUDGET: Duration = Duration::from_millis(2);

/// The part of a callback that foreign threads may touch.
pub struct CallbackShared {
    pub args: Vec<FfiType>,
    pub ret: FfiType,
    pub closed: AtomicBool,
    warned: AtomicBool,
    queue: CallQueue<Arc<Reply>>,
    handle: LoopHandle,
    pub state: Arc<FfiState>,
}

/// The closure's user data. Lives as long as the C code might call the pointer: it is freed
/// only at runtime shutdown (a closed callback keeps its small trampoline so late calls from
/// other threads are dropped safely instead of jumping into freed memory).
pub struct CallbackData {
    pub shared: Arc<CallbackShared>,
    /// The JS function (owned reference) — touched only on the JS thread; NULL-tagged
    /// undefined once released.
    func: std::cell::Cell<JSValue>,
    ctx: *mut JSContext,
    cif: Cif,
    closure: *mut low::ffi_closure,
    pub code: CodePtr,
}

/// `*const CallbackData` that may cross threads: the data is only dereferenced for its
/// `Sync` parts off the JS thread.
#[derive(Clone, Copy)]
struct DataPtr(*const CallbackData);
// SAFETY: foreign threads only read `shared` (Send + Sync); JS-only fields are read on the JS
// thread, which is checked before use.
unsafe impl Send for DataPtr {}

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
        _threadsafe: bool,
        handle: LoopHandle,
        state: Arc<FfiState>,
    ) -> Result<*const CallbackData, String> {
        let cif = Cif::new(args.iter().map(|t| t.ffi()), ret.ffi());
        let (closure, code) =
            low::try_closure_alloc().ok_or("cannot allocate a callback trampoline")?;
        let data = Box::new(CallbackData {
            shared: Arc::new(CallbackShared {
                args,
                ret,
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
            closure,
            code,
        });
        let raw = Box::into_raw(data);
        // SAFETY: `raw` stays valid until `destroy`; the cif lives inside it.
        let prepared = unsafe {
            low::prep_closure::<CallbackData, u64>(
                closure,
                (*raw).cif.as_raw_ptr(),
                entry,
                raw,
                code,
            )
        };
        if prepared.is_err() {
            // SAFETY: undo the allocations above.
            unsafe {
                let d = Box::from_raw(raw);
                qjs::JS_FreeValue(ctx, d.func.get());
                low::closure_free(closure);
            }
            return Err("cannot prepare a callback trampoline".into());
        }
        Ok(raw)
    }

    pub fn address(&self) -> u64 {
        self.code.as_ptr() as u64
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

    /// Frees everything at runtime shutdown.
    ///
    /// # Safety
    /// `ptr` came from `create`; no thread may call the trampoline afterwards.
    pub unsafe fn destroy(ptr: *const CallbackData, rt: *mut qjs::JSRuntime) {
        // SAFETY: per the contract above.
        unsafe {
            let d = Box::from_raw(ptr as *mut CallbackData);
            d.shared.closed.store(true, Ordering::Release);
            qjs::JS_FreeValueRT(rt, d.func.get());
            low::closure_free(d.closure);
        }
    }

    /// Runs the JS function with raw argument bits; returns the raw result bits, or None when
    /// the function threw (the exception is left pending in the context).
    ///
    /// # Safety
    /// On the JS thread.
    unsafe fn invoke(&self, raw: &[u64]) -> Option<u64> {
        let ctx = self.ctx;
        let func = self.func.get();
        // SAFETY: tag check of our own value.
        if unsafe { qjs::JS_VALUE_GET_TAG(func) } != qjs::JS_TAG_OBJECT {
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
        for ((slot, ty), bits) in argv.iter_mut().zip(&self.shared.args).zip(raw) {
            // SAFETY: JS thread; a cstring argument is a C string pointer from the caller.
            *slot = unsafe { values::to_js(ctx, *ty, *bits) };
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
            unsafe { qjs::JS_FreeValue(ctx, *v) };
        }
        // SAFETY: tag check.
        if unsafe { qjs::JS_IsException(result) } {
            return None;
        }
        let mut scratch = CallScratch::default();
        // SAFETY: converting the returned value; a failed conversion leaves an exception.
        let bits = unsafe {
            values::to_c(
                ctx,
                self.shared.ret,
                result,
                &mut scratch,
                "callback return value",
            )
        };
        // SAFETY: we own `result`.
        unsafe { qjs::JS_FreeValue(ctx, result) };
        // A string returned for a pointer would dangle once `scratch` drops: return NULL.
        if !scratch.is_empty() {
            return Some(0);
        }
        bits.ok()
    }

    /// Runs every queued call (on the JS thread); called by the drain job.
    ///
    /// # Safety
    /// On the JS thread.
    unsafe fn drain(&self) -> Result<(), ()> {
        let queue = &self.shared.queue;
        let n = self.shared.args.len();
        let mut spare = Batch::default();
        // Keep draining while calls keep coming, for up to DRAIN_BUDGET; then yield to the
        // event loop (timers, other jobs) with a new drain job posted.
        let started = std::time::Instant::now();
        loop {
            for lane in 0..LANES {
                let batch = queue.take(lane, spare);
                for i in 0..batch.calls {
                    let raw = &batch.args[i * n..i * n + n];
                    let reply = batch.replies.get(i);
                    if let Some(r) = reply {
                        let abandoned = matches!(
                            r.state.lock().map(|s| matches!(*s, ReplyState::Abandoned)),
                            Ok(true)
                        );
                        if abandoned {
                            continue;
                        }
                    }
                    // SAFETY: JS thread.
                    let out = unsafe { self.invoke(raw) };
                    if let Some(r) = reply {
                        let mut s = match r.state.lock() {
                            Ok(s) => s,
                            Err(p) => p.into_inner(),
                        };
                        if matches!(*s, ReplyState::Waiting) {
                            *s = ReplyState::Done(out.unwrap_or(0));
                        }
                        r.cv.notify_all();
                    }
                    if out.is_none() {
                        // Report this exception before running more calls: the rest of the batch
                        // goes back to the front of its lane (nothing lost or reordered) and a new
                        // drain job runs it after the error is reported.
                        let rest = Batch {
                            args: batch.args[(i + 1) * n..].to_vec(),
                            calls: batch.calls - i - 1,
                            replies: batch.replies.get(i + 1..).unwrap_or(&[]).to_vec(),
                        };
                        queue.put_back(lane, rest);
                        if queue.finish_drain() && !post_drain(self) {
                            self.abandon_queued();
                        }
                        return Err(());
                    }
                }
                spare = batch;
            }
            if !queue.finish_drain() {
                break;
            }
            if started.elapsed() >= DRAIN_BUDGET {
                if !post_drain(self) {
                    self.abandon_queued();
                }
                break;
            }
        }
        if self.shared.closed.load(Ordering::Acquire) && queue.is_idle() {
            // SAFETY: JS thread.
            unsafe { self.release_function() };
        }
        Ok(())
    }

    /// The loop is gone: wake every caller still waiting for a result.
    fn abandon_queued(&self) {
        for lane in 0..LANES {
            for r in self.shared.queue.take(lane, Batch::default()).replies {
                if let Ok(mut s) = r.state.lock() {
                    *s = ReplyState::Abandoned;
                }
                r.cv.notify_all();
            }
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

/// Writes `bits` as the C return value of type `ty` (small integers widened like ffi_arg).
fn write_result(result: &mut u64, ty: FfiType, bits: u64) {
    use FfiType::*;
    *result = match ty {
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
}

/// The libffi closure entry: runs on whatever thread called the C function pointer.
unsafe extern "C" fn entry(
    _cif: &ffi_cif,
    result: &mut u64,
    args: *const *const c_void,
    data: &CallbackData,
) {
    let shared = &*data.shared;
    let n = shared.args.len();
    let mut raw = [0u64; 16];
    let mut raw_heap: Vec<u64>;
    let raw: &mut [u64] = if n <= 16 {
        &mut raw[..n]
    } else {
        raw_heap = vec![0; n];
        &mut raw_heap
    };
    for (i, ty) in shared.args.iter().enumerate() {
        // SAFETY: libffi passes one pointer per declared argument.
        raw[i] = unsafe { read_arg(args, i, *ty) };
    }
    *result = 0;
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
        match unsafe { data.invoke(raw) } {
            Some(bits) => write_result(result, shared.ret, bits),
            None => shared.state.callback_threw.store(true, Ordering::Relaxed),
        }
        return;
    }
    // Another thread: queue raw bits, never touch the JS heap here.
    if shared.closed.load(Ordering::Acquire) {
        warn_closed(shared);
        return;
    }
    let wants_result = shared.ret != FfiType::Void;
    let reply = wants_result.then(|| {
        Arc::new(Reply {
            state: Mutex::new(ReplyState::Waiting),
            cv: Condvar::new(),
        })
    });
    let post = shared.queue.push(raw, reply.clone());
    if post && !post_drain(data) {
        // The runtime is gone: nothing will run this call.
        warn_closed(shared);
        if let Some(r) = &reply {
            if let Ok(mut s) = r.state.lock() {
                *s = ReplyState::Abandoned;
            }
        }
        return;
    }
    let Some(reply) = reply else { return };
    wait_for_reply(shared, &reply, result);
}

/// Posts the job that drains `data`'s queue on the JS thread; `false` when the loop is gone.
fn post_drain(data: &CallbackData) -> bool {
    let ptr = DataPtr(data as *const CallbackData);
    data.shared.handle.post(Box::new(move |_ctx| {
        let ptr = ptr;
        // SAFETY: the drain job runs on the JS thread; the data lives until shutdown.
        let data = unsafe { &*ptr.0 };
        // SAFETY: JS thread.
        match unsafe { data.drain() } {
            Ok(()) => Ok(()),
            Err(()) => Err(rquickjs::Error::Exception),
        }
    }))
}

fn wait_for_reply(shared: &CallbackShared, reply: &Reply, result: &mut u64) {
    let limit = deadlock_after();
    let state = &shared.state;
    let mut suspect: Option<u64> = None;
    let mut s = match reply.state.lock() {
        Ok(s) => s,
        Err(p) => p.into_inner(),
    };
    loop {
        match *s {
            ReplyState::Done(bits) => {
                write_result(result, shared.ret, bits);
                return;
            }
            ReplyState::Abandoned => return,
            ReplyState::Waiting => {}
        }
        let (guard, timeout) = match reply.cv.wait_timeout(s, limit) {
            Ok(r) => r,
            Err(p) => p.into_inner(),
        };
        s = guard;
        if !timeout.timed_out() {
            continue;
        }
        if shared.handle.is_closed() {
            *s = ReplyState::Abandoned;
            return;
        }
        let in_native = state.in_native.load(Ordering::Acquire) > 0;
        let seq = state.native_seq.load(Ordering::Relaxed);
        match suspect {
            // Still inside the very same native call as one full period ago: the JS thread
            // cannot run us until that call returns, which (very likely) waits for us.
            Some(prev) if in_native && prev == seq => {
                *s = ReplyState::Abandoned;
                state.deadlock.store(true, Ordering::Release);
                eprintln!(
                    "rusk:ffi: deadlock detected: a thread called a JSCallback that needs the JS thread, but the JS thread has been blocked in a native call for {} ms; returning 0 to the calling thread",
                    limit.as_millis() * 2
                );
                return;
            }
            _ => suspect = in_native.then_some(seq),
        }
    }
}

fn warn_closed(shared: &CallbackShared) {
    if !shared.warned.swap(true, Ordering::Relaxed) {
        eprintln!("rusk:ffi: warning: a JSCallback was called after close(); the call was dropped (it returns 0)");
    }
}
