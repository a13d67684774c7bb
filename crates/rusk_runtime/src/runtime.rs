//! The embeddable runtime: builder, entry points (`run_main`, `eval`) and the event loop.

use std::cell::RefCell;
use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Instant;

use rquickjs::context::EvalOptions;
use rquickjs::module::ModuleDef;
use rquickjs::{AsyncContext, AsyncRuntime, CatchResultExt, Ctx, Function, Persistent, Value};

use crate::host::{Host, PendingRejection};
use crate::module::builtins::CompiledModule;
use crate::module::{native, BuiltinSource, ModuleLoader, ModuleResolver};
use crate::xqueue::{Job, LoopHandle};
use crate::{errors, globals};

/// The heap size at which a new runtime first collects garbage (see `build`).
const START_GC_THRESHOLD: usize = 4 << 20;

/// Installs globals into a fresh context (runs once per runtime, after rusk's own globals).
pub type GlobalInit = Box<dyn for<'js> Fn(&Ctx<'js>) -> rquickjs::Result<()>>;

/// Configures a [`Runtime`]: built-in modules, globals, `process.argv`.
pub struct RuntimeBuilder {
    builtins: crate::module::builtins::Builtins,
    globals: Vec<GlobalInit>,
    argv: Vec<String>,
    gc_stress: Option<u32>,
    worker_factory: Option<WorkerFactory>,
    worker: bool,
}

/// Makes the builder of a worker's runtime (`node:worker_threads`): the embedder says which
/// modules a worker gets, usually the same as its own runtime's.
pub type WorkerFactory = std::sync::Arc<dyn Fn() -> RuntimeBuilder + Send + Sync>;

/// The worker factory of the runtime that owns `ctx`, if its embedder gave one.
pub fn worker_factory(ctx: &Ctx<'_>) -> Option<WorkerFactory> {
    ctx.userdata::<WorkerFactorySlot>().map(|s| s.0.clone())
}

struct WorkerFactorySlot(WorkerFactory);

// SAFETY: holds no JS values.
unsafe impl<'js> rquickjs::JsLifetime<'js> for WorkerFactorySlot {
    type Changed<'to> = WorkerFactorySlot;
}

impl Default for RuntimeBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl RuntimeBuilder {
    pub fn new() -> Self {
        RuntimeBuilder {
            builtins: globals::builtin_modules(),
            globals: Vec::new(),
            argv: std::env::args().take(1).collect(),
            gc_stress: crate::gc_stress::period_from_env(),
            worker_factory: None,
            worker: false,
        }
    }

    /// How this runtime makes the runtimes of its workers (`new Worker(...)`); without one,
    /// creating a worker throws.
    pub fn worker_factory(mut self, factory: WorkerFactory) -> Self {
        self.worker_factory = Some(factory);
        self
    }

    /// Marks the runtime as a worker's: `process.exit()` ends this runtime's event loop (with
    /// that exit code) instead of the process.
    pub fn worker(mut self, on: bool) -> Self {
        self.worker = on;
        self
    }

    /// Registers a built-in module implemented in Rust under `name` (e.g. `"my:mod"`).
    pub fn module<D: ModuleDef>(mut self, name: &str) -> Self {
        self.builtins
            .insert(name.to_string(), BuiltinSource::Native(native::<D>));
        self
    }

    /// Registers a built-in ES module written in JavaScript.
    pub fn js_module(mut self, name: &str, source: &'static str) -> Self {
        self.builtins
            .insert(name.to_string(), BuiltinSource::Js(source));
        self
    }

    /// Registers a built-in ES module compiled to bytecode at build time (rquickjs
    /// `Module::declare(..)?.write(..)` with the same engine), with its source as the fallback.
    pub fn compiled_module(
        mut self,
        name: &str,
        bytecode: &'static [u8],
        source: &'static str,
    ) -> Self {
        self.builtins.insert(
            name.to_string(),
            BuiltinSource::Compiled { bytecode, source },
        );
        self
    }

    /// Registers a table of built-in ES modules compiled at build time, as
    /// `rusk_bindgen::compile_js_modules` generates it (`(name, bytecode, source)`). The table
    /// is kept as it is, so a sorted one costs nothing at start-up; an unsorted one is
    /// registered entry by entry.
    pub fn compiled_modules(mut self, table: &'static [CompiledModule]) -> Self {
        self.builtins.insert_table(table);
        self
    }

    /// Adds a function that installs globals.
    pub fn global(
        mut self,
        init: impl for<'js> Fn(&Ctx<'js>) -> rquickjs::Result<()> + 'static,
    ) -> Self {
        self.globals.push(Box::new(init));
        self
    }

    /// Sets `process.argv` (`[runtime path, script path, ...args]`).
    pub fn argv(mut self, argv: Vec<String>) -> Self {
        self.argv = argv;
        self
    }

    /// GC stress mode: a full garbage collection after every `period`-th allocation the engine
    /// makes (`None` turns it off). The default comes from `RUSK_GC_STRESS` (`N`: every N-th).
    /// Slow; for tests that hunt lifetime bugs.
    pub fn gc_stress(mut self, period: Option<u32>) -> Self {
        self.gc_stress = period;
        self
    }

    pub fn build(self) -> Result<Runtime, Error> {
        crate::trace::mark("build");
        let tokio = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .map_err(|e| Error::Setup(e.to_string()))?;
        crate::trace::mark("tokio runtime");
        let host = Rc::new(Host::new(self.builtins));
        host.is_worker.set(self.worker);
        let stress_slot = crate::gc_stress::runtime_slot();
        let gc_stress = self.gc_stress;
        let (rt, ctx) = tokio
            .block_on(async {
                let rt = match gc_stress {
                    Some(period) => AsyncRuntime::new_with_alloc(
                        crate::gc_stress::GcStressAllocator::new(period, stress_slot.clone()),
                    )?,
                    None => {
                        let rt = AsyncRuntime::new()?;
                        // QuickJS collects first at 256 KiB and then at 1.5x the live size, so
                        // the few MiB that start-up allocates would cost ~7 collections that
                        // find little garbage. The first collection waits until 4 MiB.
                        rt.set_gc_threshold(START_GC_THRESHOLD).await;
                        rt
                    }
                };
                rt.set_loader(
                    ModuleResolver { host: host.clone() },
                    ModuleLoader { host: host.clone() },
                )
                .await;
                // Checked by the engine every so often while JS runs: a terminate request
                // stops even a script that never returns to the loop.
                let terminating = host.terminating.clone();
                rt.set_interrupt_handler(Some(Box::new(move || {
                    terminating.load(std::sync::atomic::Ordering::Relaxed)
                })))
                .await;
                let h = host.clone();
                rt.set_host_promise_rejection_tracker(Some(Box::new(
                    move |ctx, promise, reason, handled| {
                        track_rejection(&h, &ctx, &promise, reason, handled)
                    },
                )))
                .await;
                crate::trace::mark("engine runtime");
                let ctx = AsyncContext::full(&rt).await?;
                crate::trace::mark("context and intrinsics");
                let handle = host.handle.clone();
                let factory = self.worker_factory.clone();
                ctx.with(|ctx| {
                    if let Some(f) = factory {
                        let _ = ctx.store_userdata(WorkerFactorySlot(f));
                    }
                    let _ = ctx.store_userdata(LoopHandleSlot(
                        handle,
                        RefCell::new(Vec::new()),
                        RefCell::new(Vec::new()),
                    ));
                    // SAFETY: reads the runtime pointer of a live context on its thread.
                    let raw = unsafe { rquickjs::qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) };
                    stress_slot.store(raw, std::sync::atomic::Ordering::Relaxed);
                })
                .await;
                Ok::<_, rquickjs::Error>((rt, ctx))
            })
            .map_err(|e| Error::Setup(e.to_string()))?;
        let runtime = Runtime {
            tokio,
            rt,
            ctx,
            host,
        };
        let argv = self.argv;
        let extra = self.globals;
        let host = runtime.host.clone();
        let setup = runtime.tokio.block_on(runtime.ctx.with(|ctx| {
            globals::install(&ctx, &host, &argv)
                .catch(&ctx)
                .map_err(|e| e.to_string())?;
            crate::trace::mark("core globals and bootstrap");
            for (i, init) in extra.iter().enumerate() {
                init(&ctx).catch(&ctx).map_err(|e| e.to_string())?;
                crate::trace::mark(&format!("extension globals #{i}"));
            }
            Ok::<_, String>(())
        }));
        setup.map_err(Error::Setup)?;
        Ok(runtime)
    }
}

/// Stops a runtime from any thread (see `Runtime::terminate_handle`).
#[derive(Clone)]
pub struct TerminateHandle {
    flag: std::sync::Arc<std::sync::atomic::AtomicBool>,
    handle: LoopHandle,
}

impl TerminateHandle {
    pub fn terminate(&self) {
        self.flag.store(true, std::sync::atomic::Ordering::Relaxed);
        self.handle.wake();
    }
}

/// The runtime's loop handle, end-of-turn hooks and teardown hooks, reachable from any native
/// code that has the context.
struct LoopHandleSlot(LoopHandle, RefCell<Vec<TurnHook>>, RefCell<Vec<TurnHook>>);

/// Native code run on the JS thread at the end of every turn of the event loop (after the
/// turn's jobs, timers and microtasks), e.g. to release what had to live until the current
/// task ended.
pub type TurnHook = std::rc::Rc<dyn Fn(&Ctx<'_>)>;

/// Registers `hook` to run at the end of every event-loop turn of the runtime that owns `ctx`.
pub fn on_turn_end(ctx: &Ctx<'_>, hook: TurnHook) {
    if let Some(slot) = ctx.userdata::<LoopHandleSlot>() {
        slot.1.borrow_mut().push(hook);
    }
}

/// Registers `hook` to run once when the runtime that owns `ctx` is dropped, while the engine
/// is still whole: the place to release engine resources that a finalizer must not free (a
/// finalizer may run inside the engine's last collection, where freeing more is unsafe).
pub fn on_teardown(ctx: &Ctx<'_>, hook: TurnHook) {
    if let Some(slot) = ctx.userdata::<LoopHandleSlot>() {
        slot.2.borrow_mut().push(hook);
    }
}

fn run_teardown_hooks(ctx: &Ctx<'_>) {
    let hooks: Vec<TurnHook> = match ctx.userdata::<LoopHandleSlot>() {
        Some(slot) => std::mem::take(&mut *slot.2.borrow_mut()),
        None => return,
    };
    for hook in hooks {
        hook(ctx);
    }
}

fn run_turn_hooks(ctx: &Ctx<'_>) {
    let hooks: Vec<TurnHook> = match ctx.userdata::<LoopHandleSlot>() {
        Some(slot) => slot.1.borrow().clone(),
        None => return,
    };
    for hook in hooks {
        hook(ctx);
    }
}

// SAFETY: holds no JS values, so no lifetime needs changing.
unsafe impl<'js> rquickjs::JsLifetime<'js> for LoopHandleSlot {
    type Changed<'to> = LoopHandleSlot;
}

/// The loop handle of the runtime that owns `ctx` (for native modules such as rusk:ffi).
pub fn loop_handle(ctx: &Ctx<'_>) -> Option<LoopHandle> {
    ctx.userdata::<LoopHandleSlot>().map(|s| s.0.clone())
}

/// Errors of the embedding API (JS errors are reported on stderr and give exit code 1).
#[derive(Debug)]
pub enum Error {
    Setup(String),
    NotFound(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Setup(m) => write!(f, "failed to start the runtime: {m}"),
            Error::NotFound(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for Error {}

/// One JS runtime with its context and event loop. Not `Send`: it lives on one thread; other
/// threads reach it through [`Runtime::loop_handle`].
pub struct Runtime {
    tokio: tokio::runtime::Runtime,
    rt: AsyncRuntime,
    ctx: AsyncContext,
    host: Rc<Host>,
}

impl Runtime {
    pub fn builder() -> RuntimeBuilder {
        RuntimeBuilder::new()
    }

    /// A `Send + Clone` handle through which any thread can post work to this runtime.
    pub fn loop_handle(&self) -> LoopHandle {
        self.host.handle.clone()
    }

    /// A `Send` handle that stops this runtime from any thread: the JS running now is
    /// interrupted (an error no try/catch can stop) and the event loop ends with exit code 1.
    pub fn terminate_handle(&self) -> TerminateHandle {
        TerminateHandle {
            flag: self.host.terminating.clone(),
            handle: self.host.handle.clone(),
        }
    }

    fn is_terminating(&self) -> bool {
        self.host
            .terminating
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The underlying rquickjs context, for embedders that want direct access.
    pub fn context(&self) -> &AsyncContext {
        &self.ctx
    }

    /// Runs `f` with the context on the JS thread (blocking until done).
    pub fn with<R>(&self, f: impl for<'js> FnOnce(Ctx<'js>) -> R) -> R {
        self.tokio.block_on(self.ctx.with(f))
    }

    /// Runs the file at `path` as the main module, then the event loop until nothing is left.
    /// Returns the process exit code (uncaught errors are printed and give 1).
    pub fn run_main(&self, path: &Path) -> Result<i32, Error> {
        let abs = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir()
                .map_err(|e| Error::Setup(e.to_string()))?
                .join(path)
        };
        let abs = crate::module::resolve::normalize(&abs);
        let Some(file) = crate::module::resolve::resolve(
            &abs.to_string_lossy(),
            Path::new("/"),
            crate::module::resolve::Mode::Import,
            &|_| false,
        )
        .ok()
        .and_then(|r| match r {
            crate::module::resolve::Resolved::File(p) => Some(p),
            crate::module::resolve::Resolved::Builtin(_) => None,
        }) else {
            return Err(Error::NotFound(format!(
                "Module not found \"{}\"",
                path.display()
            )));
        };
        let name = file.to_string_lossy().into_owned();
        crate::trace::mark("resolve main");
        *self.host.main_path.borrow_mut() = Some(name.clone());
        let host = self.host.clone();
        self.with(|ctx| {
            let run: rquickjs::Result<()> = (|| {
                let internals = host.internals(&ctx)?;
                let f: Function = internals.get("runMain")?;
                f.call::<_, ()>((name,))
            })();
            if let Err(e) = run {
                errors::report_error(&host, &ctx, e);
            }
        });
        crate::trace::mark("load and evaluate main");
        let code = self.run_event_loop();
        crate::trace::mark("event loop");
        Ok(code)
    }

    /// Evaluates `source` as an ES module named `name` with top-level await, then runs the
    /// event loop. Returns the exit code. The source is TypeScript unless `name` ends in a
    /// JavaScript extension (`.js`, `.mjs`, `.cjs`), in which case it runs as written.
    pub fn eval_module(&self, name: &str, source: &str) -> i32 {
        let host = self.host.clone();
        // (A JavaScript source skips the TypeScript transform and its on-disk cache entry.)
        let is_js = [".js", ".mjs", ".cjs"]
            .iter()
            .any(|ext| name.ends_with(ext));
        let dialect = Path::new(if is_js { "eval.mjs" } else { "eval.ts" });
        self.with(|ctx| {
            let run: rquickjs::Result<()> = (|| {
                let prepared = crate::transpile::prepare(dialect, source).map_err(|e| {
                    rquickjs::Exception::throw_syntax(
                        &ctx,
                        &format!("{} ({}:{}:{})", e.message, name, e.line, e.col),
                    )
                })?;
                let promise = rquickjs::Module::evaluate(ctx.clone(), name, prepared.code)?;
                let internals = host.internals(&ctx)?;
                let watch: Function = internals.get("watchMain")?;
                watch.call::<_, ()>((promise,))
            })();
            if let Err(e) = run {
                errors::report_error(&host, &ctx, e);
            }
        });
        self.run_event_loop()
    }

    /// Evaluates a classic script and returns its completion value converted by `f`.
    pub fn eval_script<R>(
        &self,
        source: &str,
        f: impl for<'js> FnOnce(&Ctx<'js>, rquickjs::Result<Value<'js>>) -> R,
    ) -> R {
        self.with(|ctx| {
            let mut opts = EvalOptions::default();
            opts.global = true;
            let v = ctx.eval_with_options::<Value, _>(source, opts);
            f(&ctx, v)
        })
    }

    /// Drives timers, promises, spawned native work and cross-thread posts until none is left
    /// (or an uncaught error stops the program). Returns the exit code.
    pub fn run_event_loop(&self) -> i32 {
        self.tokio.block_on(self.drive());
        let host = self.host.clone();
        // A worker's process.exit() already ran the "exit" listeners; a terminated runtime
        // runs no more JS and ends with 1, as Node's terminated workers do.
        if let Some(code) = host.exit_request.get() {
            return code;
        }
        if self.is_terminating() {
            return 1;
        }
        self.with(|ctx| {
            let exit_code = |ctx: &Ctx<'_>| {
                host.internals(ctx)
                    .and_then(|i| i.get::<_, Option<i32>>("exitCode"))
                    .ok()
                    .flatten()
            };
            let code = host
                .fatal_exit
                .get()
                .or_else(|| exit_code(&ctx))
                .unwrap_or(0);
            // "exit" listeners run once with the final code and may still change it.
            if let Ok(emit) = host
                .internals(&ctx)
                .and_then(|i| i.get::<_, Function>("emitExit"))
            {
                if let Err(e) = emit.call::<_, ()>((code,)) {
                    errors::report_error(&host, &ctx, e);
                }
            }
            match host.fatal_exit.get() {
                Some(fatal) => fatal,
                None => exit_code(&ctx).unwrap_or(code),
            }
        })
    }

    async fn drive(&self) {
        let shared = self.host.handle.clone();
        // After `idle()` reported no spawned futures, don't poll it again until JS ran,
        // otherwise the loop would spin while only timers are pending.
        let mut futures_idle = false;
        // Jobs posted from other threads are run while the loop lives, but they do not keep it
        // alive: once nothing else does, the jobs already queued get one last turn and the
        // program ends, even if threads keep posting (a `KeepAlive` is how a native source says
        // "more is coming, wait for it").
        let mut final_turn_done = false;
        loop {
            let did_work = self.ctx.with(|ctx| self.turn(&ctx)).await;
            if self.host.fatal_exit.get().is_some()
                || self.host.exit_request.get().is_some()
                || self.host.stop_requested.replace(false)
                || self.is_terminating()
            {
                return;
            }
            if did_work {
                futures_idle = false;
            }
            let next = self.host.timers.borrow().next_deadline();
            let timers_alive = self.host.timers.borrow().keeps_alive();
            let queued = !shared.shared().is_empty();
            if queued && !futures_idle {
                // Learn whether spawned futures are left without waiting for them (and give
                // them a poll while cross-thread jobs keep coming).
                let idle = self.rt.idle();
                tokio::select! {
                    biased;
                    _ = idle => { futures_idle = true; }
                    _ = YieldOnce(false) => {}
                }
            }
            let otherwise_done = futures_idle && !timers_alive && !shared.shared().kept_alive();
            if next.is_some_and(|d| d <= Instant::now()) {
                continue;
            }
            if queued && !(otherwise_done && final_turn_done) {
                final_turn_done = otherwise_done;
                continue;
            }
            if otherwise_done {
                // Node's "beforeExit": listeners may schedule more work, which keeps the loop
                // going; when they schedule nothing, the program ends.
                if self.ctx.with(|ctx| self.emit_before_exit(&ctx)).await {
                    continue;
                }
                return;
            }
            let sleep = async {
                match next {
                    Some(d) => tokio::time::sleep_until(d.into()).await,
                    None => std::future::pending::<()>().await,
                }
            };
            let idle = async {
                if futures_idle {
                    std::future::pending::<()>().await
                } else {
                    self.rt.idle().await
                }
            };
            tokio::select! {
                _ = idle => { futures_idle = true; }
                _ = sleep => {}
                _ = shared.shared().notify.notified() => {}
                _ = YieldOnce(false), if did_work => {}
            }
        }
    }

    /// One turn of the loop on the JS thread: cross-thread jobs, due timers, microtasks, and
    /// the unhandled-rejection check. Returns whether any JS ran.
    fn turn<'js>(&self, ctx: &Ctx<'js>) -> bool {
        let host = &*self.host;
        let mut did_work = false;
        let mut batch: Vec<Job> = Vec::new();
        host.handle.shared().take_all(&mut batch);
        for job in batch {
            did_work = true;
            if let Err(e) = job(ctx) {
                errors::report_error(host, ctx, e);
            }
            drain_microtasks(host, ctx);
            check_rejections(host, ctx);
            if host.fatal_exit.get().is_some() {
                return true;
            }
        }
        let now = Instant::now();
        let fire: Option<Function> = host.internals(ctx).and_then(|i| i.get("fireTimer")).ok();
        loop {
            let due = host.timers.borrow_mut().pop_due(now);
            let Some(id) = due else { break };
            did_work = true;
            if let Some(f) = &fire {
                if let Err(e) = f.call::<_, ()>((id,)) {
                    errors::report_error(host, ctx, e);
                }
            }
            drain_microtasks(host, ctx);
            check_rejections(host, ctx);
            if host.fatal_exit.get().is_some() {
                return true;
            }
        }
        if drain_microtasks(host, ctx) {
            did_work = true;
        }
        check_rejections(host, ctx);
        // Native objects kept alive only while their Rust side is busy are re-checked once per
        // turn (the contract of rusk_bindgen's `hasPendingActivity`).
        rusk_bindgen::rt::sweep_pending(ctx);
        run_turn_hooks(ctx);
        did_work
    }

    /// Emits `beforeExit` (through the Node layer's hook); true when that scheduled new work.
    fn emit_before_exit<'js>(&self, ctx: &Ctx<'js>) -> bool {
        let host = &*self.host;
        let Ok(internals) = host.internals(ctx) else {
            return false;
        };
        let Ok(hook) = internals.get::<_, Function>("emitBeforeExit") else {
            return false;
        };
        let code = internals
            .get::<_, Option<i32>>("exitCode")
            .ok()
            .flatten()
            .unwrap_or(0);
        match hook.call::<_, bool>((code,)) {
            Ok(false) => return false,
            Ok(true) => {}
            Err(e) => errors::report_error(host, ctx, e),
        }
        drain_microtasks(host, ctx);
        check_rejections(host, ctx);
        let timers = host.timers.borrow();
        timers.keeps_alive() || !host.handle.shared().is_empty() || host.fatal_exit.get().is_some()
    }

    /// Ends the process with `code` without tearing the engine down: freeing every object and
    /// running their finalizers costs ~0.3 ms, which only a process that goes on needs — for a
    /// command-line host whose program has finished. The loop is closed first, so threads still
    /// calling JSCallbacks get 0 and a warning, as after a teardown; stdout and stderr are
    /// flushed.
    pub fn exit_process(self, code: i32) -> ! {
        self.forget();
        let _ = std::io::Write::flush(&mut std::io::stdout());
        let _ = std::io::Write::flush(&mut std::io::stderr());
        crate::trace::mark("exit without teardown");
        std::process::exit(code)
    }

    /// Lets go of the runtime without tearing the engine down, for a host whose process ends
    /// soon (the `rusk test` runner after its last file): the loop is closed, so threads still
    /// calling JSCallbacks get 0 and a warning; the memory goes back with the process.
    pub fn forget(self) {
        self.host.handle.shared().close();
        std::mem::forget(self);
    }

    /// Forces a full garbage collection (after releasing native objects that are no longer busy).
    pub fn gc(&self) {
        self.with(|ctx| rusk_bindgen::rt::sweep_pending(&ctx));
        self.tokio.block_on(self.rt.run_gc());
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        self.host.handle.shared().close();
        self.with(|ctx| {
            run_teardown_hooks(&ctx);
            // Open async iterators of generated classes hold streams that may hold the context.
            rusk_bindgen::rt::close_streams(&ctx);
        });
        // Drop persistent handles before the engine goes away.
        self.host.internals.borrow_mut().take();
        self.host.await_reset.borrow_mut().take();
        self.host.rejections.borrow_mut().clear();
    }
}

/// Completes on its second poll: lets `select!` yield once to the executor.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

/// Runs the engine's pending jobs. A job that left an async context current (an `await`
/// continuation restored its own: see the `rusk_async_context` crate) is followed by the Node layer's
/// reset (`internals.setAwaitReset`), so the next job starts from the root context.
fn drain_microtasks(host: &Host, ctx: &Ctx<'_>) -> bool {
    let mut ran = false;
    while ctx.execute_pending_job() {
        ran = true;
        if host.await_context_dirty.replace(false) {
            reset_await_context(host, ctx);
        }
    }
    ran
}

fn reset_await_context(host: &Host, ctx: &Ctx<'_>) {
    let reset = host.await_reset.borrow().clone();
    if let Some(Ok(reset)) = reset.map(|r| r.restore(ctx)) {
        if let Err(e) = reset.call::<_, ()>(()) {
            errors::report_error(host, ctx, e);
        }
    }
}

fn promise_ptr(v: &Value<'_>) -> usize {
    // SAFETY: reading the pointer payload of an object value; used only as an identity key.
    v.as_object().map_or(
        0,
        |o| unsafe { rquickjs::qjs::JS_VALUE_GET_PTR(o.as_raw()) } as usize,
    )
}

fn track_rejection<'js>(
    host: &Host,
    ctx: &Ctx<'js>,
    promise: &Value<'js>,
    reason: Value<'js>,
    handled: bool,
) {
    let key = promise_ptr(promise);
    let mut list = host.rejections.borrow_mut();
    if handled {
        list.retain(|r| r.promise_ptr != key);
    } else {
        list.push(PendingRejection {
            promise_ptr: key,
            promise: Persistent::save(ctx, promise.clone()),
            reason: Persistent::save(ctx, reason),
        });
    }
}

/// Reports rejections still unhandled after the microtasks of a macrotask ran.
fn check_rejections(host: &Host, ctx: &Ctx<'_>) {
    let pending: Vec<PendingRejection> = std::mem::take(&mut *host.rejections.borrow_mut());
    for r in pending {
        if let (Ok(reason), Ok(promise)) = (r.reason.restore(ctx), r.promise.restore(ctx)) {
            errors::report_unhandled_rejection(host, ctx, reason, promise);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Runtime;

    fn eval(name: &str, source: &str) -> i32 {
        let rt = Runtime::builder().build().expect("runtime");
        rt.eval_module(name, source)
    }

    #[test]
    fn eval_module_picks_the_dialect_from_the_name() {
        let typed = "const n: number = 1; if (n !== 1) throw new Error('n');";
        assert_eq!(eval("main.ts", typed), 0, "a .ts name is TypeScript");
        assert_eq!(
            eval("[eval]", typed),
            0,
            "a name without extension is TypeScript"
        );
        assert_ne!(eval("driver.mjs", typed), 0, "a .mjs name runs as written");
        assert_eq!(eval("driver.mjs", "const n = 1; if (n !== 1) throw 0;"), 0);
    }
}
