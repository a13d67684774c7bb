//! The FFI state of one runtime (stored as context userdata): open libraries, live and retired
//! callbacks, what `ptr()` keeps alive, and what happens to all of it at shutdown.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use rquickjs::{qjs, Ctx, Exception};

use crate::callback::CallbackData;
use crate::library::Library;
use crate::nonblocking::PendingCall;
use crate::retain::Retained;
use crate::state::FfiState;

/// Closed callbacks kept (not freed) before the oldest quiet one is freed: a C library that
/// calls a callback shortly after `close()` hits a dropped call, not freed memory.
pub const RETIRED_KEPT: usize = 256;

pub struct FfiContext {
    pub state: Arc<FfiState>,
    pub libs: RefCell<HashMap<u32, Library>>,
    callbacks: RefCell<HashMap<u32, *const CallbackData>>,
    retired: RefCell<VecDeque<*const CallbackData>>,
    pub retained: RefCell<Retained>,
    /// Non-blocking calls in flight, by id (see nonblocking.rs).
    pending_calls: RefCell<HashMap<u64, PendingCall>>,
    next_call_id: Cell<u64>,
    next_id: Cell<u32>,
    rt: *mut qjs::JSRuntime,
}

// SAFETY: holds no JS values with a lifetime: raw values it owns belong to its runtime and are
// freed in Drop with the runtime pointer.
unsafe impl<'js> rquickjs::JsLifetime<'js> for FfiContext {
    type Changed<'to> = FfiContext;
}

impl FfiContext {
    pub fn next_id(&self) -> u32 {
        let id = self.next_id.get();
        self.next_id.set(id.wrapping_add(1).max(1));
        id
    }

    /// Registers a non-blocking call in flight; returns its id.
    pub fn add_pending_call(&self, call: PendingCall) -> u64 {
        let id = self.next_call_id.get();
        self.next_call_id.set(id + 1);
        self.pending_calls.borrow_mut().insert(id, call);
        id
    }

    pub fn take_pending_call(&self, id: u64) -> Option<PendingCall> {
        self.pending_calls.borrow_mut().remove(&id)
    }

    pub fn add_callback(&self, id: u32, data: *const CallbackData) {
        self.callbacks.borrow_mut().insert(id, data);
    }

    /// `JSCallback.prototype.close`: closes the callback and retires its memory.
    pub fn close_callback(&self, id: u32) {
        let Some(data) = self.callbacks.borrow_mut().remove(&id) else {
            return;
        };
        // SAFETY: JS thread; the data stays allocated while retired.
        unsafe { (*data).close() };
        self.retired.borrow_mut().push_back(data);
        self.reap();
    }

    /// Frees the oldest retired callbacks beyond `RETIRED_KEPT` once they are quiet. Never
    /// while the JS thread is inside a native call: a same-thread callback frame may be live.
    fn reap(&self) {
        if self.state.js_in_native() {
            return;
        }
        let mut retired = self.retired.borrow_mut();
        while retired.len() > RETIRED_KEPT {
            let Some(&oldest) = retired.front() else {
                break;
            };
            // SAFETY: retired data is alive until freed here.
            if !unsafe { (*oldest).is_quiet() } {
                break;
            }
            retired.pop_front();
            // SAFETY: closed, quiet, freed once, JS thread, runtime alive.
            unsafe { CallbackData::free(oldest) };
        }
    }

    /// Holds `v` for `ptr()` until the end of the current turn.
    ///
    /// # Safety
    /// Live ctx on the JS thread; `v` an object of it.
    pub unsafe fn retain(&self, ctx: *mut qjs::JSContext, v: qjs::JSValue, len: usize) {
        // SAFETY: per the contract.
        let evicted = unsafe { self.retained.borrow_mut().hold(ctx, v, len) };
        for old in evicted {
            // SAFETY: references we owned.
            unsafe { qjs::JS_FreeValue(ctx, old) };
        }
    }

    /// End of a turn: let go of everything `ptr()` held.
    pub fn release_retained(&self, ctx: *mut qjs::JSContext) {
        let held = self.retained.borrow_mut().take_all();
        for v in held {
            // SAFETY: references we owned, freed on the JS thread.
            unsafe { qjs::JS_FreeValue(ctx, v) };
        }
    }
}

impl Drop for FfiContext {
    fn drop(&mut self) {
        let rt = self.rt;
        let callbacks: Vec<_> = self.callbacks.get_mut().drain().map(|(_, d)| d).collect();
        let retired: Vec<_> = self.retired.get_mut().drain(..).collect();
        for data in callbacks.into_iter().chain(retired) {
            // SAFETY: the runtime is shutting down on this thread and still exists; foreign
            // threads may still call: orphaned callbacks stay valid forever and drop such calls.
            unsafe { CallbackData::orphan(data, rt) };
        }
        for v in self.retained.get_mut().take_all() {
            // SAFETY: owned values of this runtime, which still exists.
            unsafe { qjs::JS_FreeValueRT(rt, v) };
        }
        // Calls still running on pool threads: their results will find no runtime to post to.
        for (_, call) in self.pending_calls.get_mut().drain() {
            for v in call.into_held() {
                // SAFETY: owned values of this runtime, which still exists.
                unsafe { qjs::JS_FreeValueRT(rt, v) };
            }
        }
        for (_, lib) in self.libs.get_mut().drain() {
            lib.forget();
        }
        self.state.forget_pending();
        // SAFETY: this runtime still exists.
        unsafe { crate::values::release_dataview_getters(rt) };
    }
}

/// The FFI state of `ctx`'s runtime, created on first use.
pub fn ffi_context<'a, 'js>(
    ctx: &'a Ctx<'js>,
) -> rquickjs::Result<rquickjs::runtime::UserDataGuard<'a, FfiContext>> {
    if ctx.userdata::<FfiContext>().is_none() {
        // SAFETY: reading the runtime pointer of a live context.
        let rt = unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) };
        let _ = ctx.store_userdata(FfiContext {
            state: FfiState::new(),
            libs: RefCell::new(HashMap::new()),
            callbacks: RefCell::new(HashMap::new()),
            retired: RefCell::new(VecDeque::new()),
            retained: RefCell::new(Retained::default()),
            pending_calls: RefCell::new(HashMap::new()),
            next_call_id: Cell::new(1),
            next_id: Cell::new(1),
            rt,
        });
        // SAFETY: live ctx on its thread.
        unsafe { crate::values::capture_dataview_getters(ctx.as_raw().as_ptr()) };
        rusk_runtime::on_turn_end(
            ctx,
            std::rc::Rc::new(|ctx: &Ctx<'_>| {
                if let Some(fc) = ctx.userdata::<FfiContext>() {
                    fc.release_retained(ctx.as_raw().as_ptr());
                }
            }),
        );
    }
    ctx.userdata::<FfiContext>()
        .ok_or_else(|| Exception::throw_internal(ctx, "rusk:ffi state unavailable"))
}
