//! State shared by the loader, the native helpers and the event loop of one runtime.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use rquickjs::{Ctx, Exception, Function, Object, Persistent, Value};

use crate::timers::Timers;
use crate::transpile::PositionMap;
use crate::xqueue::LoopHandle;

/// An unhandled promise rejection waiting to be reported (unless handled before the turn ends).
pub(crate) struct PendingRejection {
    pub promise_ptr: usize,
    pub promise: Persistent<Value<'static>>,
    pub reason: Persistent<Value<'static>>,
}

pub(crate) struct Host {
    pub builtins: crate::module::builtins::Builtins,
    pub position_maps: RefCell<HashMap<String, PositionMap>>,
    /// The object created by `js/bootstrap.js` holding JS-side internals (timer callbacks,
    /// CommonJS cache, error formatting).
    pub internals: RefCell<Option<Persistent<Object<'static>>>>,
    pub timers: RefCell<Timers>,
    pub handle: LoopHandle,
    pub rejections: RefCell<Vec<PendingRejection>>,
    /// Set when the program must stop (uncaught error): the exit code to use.
    pub fatal_exit: Cell<Option<i32>>,
    pub main_path: RefCell<Option<String>>,
    pub next_timer_id: Cell<u64>,
    /// Set by `internals.stop()`: the loop returns at the end of the current turn.
    pub stop_requested: Cell<bool>,
    /// Identity of error objects already reported (see `errors::report_uncaught`).
    pub reported: RefCell<Vec<usize>>,
    /// A worker's runtime: `process.exit()` ends the loop, not the process.
    pub is_worker: Cell<bool>,
    /// Set by `process.exit()` in a worker: the exit code the loop ends with.
    pub exit_request: Cell<Option<i32>>,
    /// Set from any thread by a `TerminateHandle`: the engine's interrupt handler stops the
    /// running JS and the loop ends (a worker's `terminate()`).
    pub terminating: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Set by `internals.awaitDirty()`: the running job left an async context current (an
    /// `await` continuation restored its own, see the `rusk_async_context` crate); the loop calls
    /// the reset in `await_reset` when the job ends.
    pub await_context_dirty: Cell<bool>,
    /// The Node layer's reset of the async context to the root one (`internals.setAwaitReset`).
    pub await_reset: RefCell<Option<Persistent<Function<'static>>>>,
}

impl Host {
    pub fn new(builtins: crate::module::builtins::Builtins) -> Self {
        Host {
            builtins,
            position_maps: RefCell::new(HashMap::new()),
            internals: RefCell::new(None),
            timers: RefCell::new(Timers::default()),
            handle: LoopHandle::new(),
            rejections: RefCell::new(Vec::new()),
            fatal_exit: Cell::new(None),
            main_path: RefCell::new(None),
            next_timer_id: Cell::new(1),
            stop_requested: Cell::new(false),
            reported: RefCell::new(Vec::new()),
            is_worker: Cell::new(false),
            exit_request: Cell::new(None),
            terminating: std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
            await_context_dirty: Cell::new(false),
            await_reset: RefCell::new(None),
        }
    }

    /// The bootstrap's internals object.
    pub fn internals<'js>(&self, ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
        match self.internals.borrow().as_ref() {
            Some(p) => p.clone().restore(ctx),
            None => Err(Exception::throw_internal(
                ctx,
                "rusk internals are not initialised",
            )),
        }
    }

    /// Maps `file:line:col` positions in a stack trace back to original TypeScript sources.
    pub fn map_position(&self, file: &str, line: u32, col: u32) -> (u32, u32) {
        self.position_maps
            .borrow()
            .get(file)
            .and_then(|m| m.lookup(line, col))
            .unwrap_or((line, col))
    }
}
