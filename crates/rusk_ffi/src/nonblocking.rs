//! Non-blocking calls (`nonblocking: true`, Deno's option; rusk's extension of bun:ffi): the
//! function returns a Promise at once and the C call runs on a pool thread, so a slow call
//! (I/O, a computation) does not stop the event loop.
//!
//! The JS thread converts the arguments (as for any call) and keeps everything the call uses
//! alive until it settles: the argument values (views passed as `buffer`/`ptr`), the views
//! `ptr()` is holding for the current turn (so `f(ptr(new Uint8Array(n)))` is safe too), the
//! temporary C strings, and the promise's resolve/reject functions, in `FfiContext`'s
//! registry of pending calls. The pool thread gets only plain data (the call interface, the
//! function's address, the argument bits), calls, and posts the result bits back; the JS
//! thread makes the JS value and settles the promise. A library closed meanwhile is unloaded
//! once its last pending call has returned.

use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock};

use libffi::low::CodePtr;
use rquickjs::function::Rest;
use rquickjs::qjs::{self, JSValue};
use rquickjs::{Ctx, Exception, Function, Promise, Value};

use crate::call::{self, Signature};
use crate::context::ffi_context;
use crate::values::{self, CallScratch};

/// A signature shared with pool threads.
pub struct SharedSignature(pub Signature);

// SAFETY: after preparation a Signature is never mutated; pool threads only read its call
// interface (libffi reads a prepared cif, which may be used from any thread), the function
// address and the declared types. Its Arcs (library, FFI state) are Send + Sync themselves.
unsafe impl Send for SharedSignature {}
// SAFETY: as above: shared read-only.
unsafe impl Sync for SharedSignature {}

/// What the JS thread keeps for a call in flight (see the module comment).
pub struct PendingCall {
    signature: Arc<SharedSignature>,
    /// Owned references: the arguments, then resolve and reject.
    held: Vec<JSValue>,
    scratch: CallScratch,
    _keep_alive: rusk_runtime::KeepAlive,
}

impl PendingCall {
    /// The owned values, for freeing when the runtime goes away with the call in flight.
    pub fn into_held(self) -> Vec<JSValue> {
        self.held
    }
}

type PoolJob = Box<dyn FnOnce() + Send>;

/// Threads that make the calls: a few, started on first use, shared by every runtime of the
/// process (a call that never returns keeps one of them).
const POOL_THREADS: usize = 4;

fn pool() -> &'static Mutex<Sender<PoolJob>> {
    static POOL: OnceLock<Mutex<Sender<PoolJob>>> = OnceLock::new();
    POOL.get_or_init(|| {
        let (tx, rx) = channel::<PoolJob>();
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..POOL_THREADS {
            let rx: Arc<Mutex<Receiver<PoolJob>>> = rx.clone();
            let _ = std::thread::Builder::new()
                .name(format!("rusk-ffi-{i}"))
                .spawn(move || loop {
                    let job = match rx.lock() {
                        Ok(guard) => guard.recv(),
                        Err(poisoned) => poisoned.into_inner().recv(),
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                });
        }
        Mutex::new(tx)
    })
}

/// The JS function of a `nonblocking: true` symbol.
pub fn make_function<'js>(ctx: &Ctx<'js>, signature: Signature) -> rquickjs::Result<Function<'js>> {
    let signature = Arc::new(SharedSignature(signature));
    Function::new(ctx.clone(), move |ctx: Ctx<'js>, args: Rest<Value<'js>>| {
        start(&ctx, &signature, args.0)
    })
}

fn start<'js>(
    ctx: &Ctx<'js>,
    signature: &Arc<SharedSignature>,
    args: Vec<Value<'js>>,
) -> rquickjs::Result<Promise<'js>> {
    let (promise, resolve, reject) = Promise::new(ctx)?;
    let sig = &signature.0;
    let settle_with_error = |error: Value<'js>| -> rquickjs::Result<Promise<'js>> {
        reject.call::<_, ()>((error,))?;
        Ok(promise.clone())
    };
    if let Some(lib) = &sig.lib {
        if lib.closed.load(std::sync::atomic::Ordering::Acquire) {
            let e = Exception::from_message(
                ctx.clone(),
                &format!(
                    "Cannot call \"{}\": library \"{}\" is closed",
                    sig.name, lib.name
                ),
            )?;
            return settle_with_error(e.into_value());
        }
    }
    let raw = ctx.as_raw().as_ptr();
    let mut argv: Vec<JSValue> = args.iter().map(|v| v.as_raw()).collect();
    let mut slots = vec![0u64; sig.args.len()];
    let mut scratch = CallScratch::default();
    // SAFETY: live ctx on the JS thread; `argv` borrows `args`; one slot per argument.
    let converted = unsafe {
        call::convert_args(
            raw,
            sig,
            argv.len() as i32,
            argv.as_mut_ptr(),
            &mut slots,
            &mut scratch,
        )
    };
    if converted.is_err() {
        return settle_with_error(ctx.catch());
    }
    let Some(handle) = rusk_runtime::loop_handle(ctx) else {
        return Err(Exception::throw_internal(
            ctx,
            "rusk:ffi: no event loop for a non-blocking call",
        ));
    };
    let mut held: Vec<JSValue> = args
        .iter()
        // SAFETY: taking an owned reference of a live value.
        .map(|v| unsafe { qjs::JS_DupValue(raw, v.as_raw()) })
        .collect();
    let fc = ffi_context(ctx)?;
    // What `ptr()` holds until the end of this turn (the views behind pointer arguments such
    // as `f(ptr(new Uint8Array(n)))`) must outlive the turn now: the call may run longer.
    for v in fc.retained.borrow().values() {
        // SAFETY: as above.
        held.push(unsafe { qjs::JS_DupValue(raw, v) });
    }
    for f in [&resolve, &reject] {
        // SAFETY: as above.
        held.push(unsafe { qjs::JS_DupValue(raw, f.as_raw()) });
    }
    let id = fc.add_pending_call(PendingCall {
        signature: signature.clone(),
        held,
        scratch,
        _keep_alive: handle.keep_alive(),
    });
    fc.state.begin_nonblocking();
    drop(fc);
    let on_pool = signature.clone();
    let job: PoolJob = Box::new(move || {
        let sig = &on_pool.0;
        let mut ptrs: Vec<*mut std::ffi::c_void> = slots
            .iter_mut()
            .map(|s| s as *mut u64 as *mut std::ffi::c_void)
            .collect();
        let mut ret: u64 = 0;
        // SAFETY: the cif was prepared from the declared signature of `fn_ptr` (the user's
        // declaration, as in any FFI call); each slot holds the argument's bits, and the
        // memory they point to is kept alive by the JS thread until the call settles.
        unsafe {
            libffi::raw::ffi_call(
                sig.cif().as_raw_ptr(),
                Some(*CodePtr::from_ptr(sig.fn_ptr).as_fun()),
                &mut ret as *mut u64 as *mut std::ffi::c_void,
                ptrs.as_mut_ptr(),
            );
        }
        // A runtime that is gone frees what it held itself.
        let _ = handle.post(Box::new(move |ctx| finish(ctx, id, ret)));
    });
    let sent = match pool().lock() {
        Ok(tx) => tx.send(job),
        Err(poisoned) => poisoned.into_inner().send(job),
    };
    if sent.is_err() {
        // Undo the registration: nothing will settle this call.
        let fc = ffi_context(ctx)?;
        let undone = fc.take_pending_call(id);
        fc.state.end_nonblocking();
        drop(fc);
        if let Some(call) = undone {
            for v in call.into_held() {
                // SAFETY: references we owned.
                unsafe { qjs::JS_FreeValue(raw, v) };
            }
        }
        return Err(Exception::throw_internal(
            ctx,
            "rusk:ffi: the call pool is gone",
        ));
    }
    Ok(promise)
}

/// On the JS thread: settles call `id` with the C result `ret`.
fn finish(ctx: &Ctx<'_>, id: u64, ret: u64) -> rquickjs::Result<()> {
    let fc = ffi_context(ctx)?;
    let Some(call) = fc.take_pending_call(id) else {
        return Ok(());
    };
    fc.state.end_nonblocking();
    drop(fc);
    let raw = ctx.as_raw().as_ptr();
    // SAFETY: live ctx on the JS thread; `ret` holds the bits the function returned.
    let result = unsafe { values::to_js(raw, call.signature.0.ret, ret) };
    let n = call.held.len();
    let (resolve, reject) = (call.held[n - 2], call.held[n - 1]);
    // SAFETY: tag check.
    let (settle, arg) = if unsafe { qjs::JS_IsException(result) } {
        (reject, ctx.catch())
    } else {
        // SAFETY: `to_js` returned an owned value.
        (resolve, unsafe { Value::from_raw(ctx.clone(), result) })
    };
    // SAFETY: `settle` is one of the functions we hold a reference to; borrowed for the call.
    let settle = unsafe { Value::from_raw(ctx.clone(), qjs::JS_DupValue(raw, settle)) };
    let outcome = settle
        .as_function()
        .map(|f| f.call::<_, ()>((arg,)))
        .unwrap_or(Ok(()));
    // Only now: a cstring result may point into an argument's temporary copy.
    let PendingCall { held, scratch, .. } = call;
    drop(scratch);
    for v in held {
        // SAFETY: references we owned.
        unsafe { qjs::JS_FreeValue(raw, v) };
    }
    outcome
}
