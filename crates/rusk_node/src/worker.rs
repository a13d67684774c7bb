//! `rusk:native/worker`: threads for `node:worker_threads`. A worker is another rusk runtime,
//! made by the embedder's worker factory, running on its own OS thread. The two sides never
//! touch each other's heap: a message is bytes (js/worker_threads.js serializes with
//! node:v8's structured clone) posted to the other side's event loop, where its JS turns the
//! bytes back into values.
//!
//! The parent keeps a record of each worker it started (its event callback and its inbox); the
//! worker thread keeps one of itself (its id, its start-up data, the parent's loop). Messages
//! posted before the worker's loop exists wait in its inbox.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use rquickjs::{ArrayBuffer, Ctx, Exception, Function, Object, Persistent, Value};
use rusk_runtime::bytes::raw_bytes;
use rusk_runtime::{KeepAlive, LoopHandle};

use crate::native_module::{func, native_module};

const NAMES: &[&str] = &[
    "spawn",
    "postToWorker",
    "terminate",
    "setRef",
    "self",
    "postToParent",
    "setParentHandler",
    "setParentRef",
];

native_module!(NativeWorker, build, NAMES);

static NEXT_ID: AtomicU32 = AtomicU32::new(1);

/// Messages for a worker whose loop may not exist yet.
#[derive(Default)]
struct Inbox {
    handle: Option<LoopHandle>,
    /// Stops the worker's runtime, even inside a loop that never yields.
    stop: Option<rusk_runtime::TerminateHandle>,
    pending: Vec<Vec<u8>>,
    terminated: bool,
}

/// The parent's record of a worker it started (on the parent's JS thread).
struct Child {
    on_event: Persistent<Function<'static>>,
    inbox: Arc<Mutex<Inbox>>,
    /// Held while the worker runs and is ref'd: a running worker keeps its parent alive.
    keep_alive: Option<KeepAlive>,
}

/// What a worker thread knows about itself.
struct WorkerSelf {
    id: u32,
    init: Vec<u8>,
    parent: LoopHandle,
}

thread_local! {
    static CHILDREN: RefCell<HashMap<u32, Child>> = RefCell::new(HashMap::new());
    static TEARDOWN_HOOKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static SELF: RefCell<Option<WorkerSelf>> = const { RefCell::new(None) };
    /// The worker's JS handler of parent messages, and messages that came before it.
    static PARENT_HANDLER: RefCell<Option<Persistent<Function<'static>>>> = const { RefCell::new(None) };
    static EARLY_MESSAGES: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
    static PARENT_REF: RefCell<Option<KeepAlive>> = const { RefCell::new(None) };
}

fn lock(inbox: &Mutex<Inbox>) -> std::sync::MutexGuard<'_, Inbox> {
    inbox.lock().unwrap_or_else(|p| p.into_inner())
}

fn bytes_of(v: &Value<'_>) -> Vec<u8> {
    match raw_bytes(v) {
        // SAFETY: copied at once; no JS runs while the slice is borrowed.
        Some(raw) => unsafe { raw.as_slice() }.to_vec(),
        None => Vec::new(),
    }
}

/// Calls the parent-side event callback of worker `id` (on the parent's thread).
fn child_event(ctx: &Ctx<'_>, id: u32, kind: &str, payload: Payload) -> rquickjs::Result<()> {
    let Some(f) = CHILDREN.with(|c| c.borrow().get(&id).map(|ch| ch.on_event.clone())) else {
        return Ok(());
    };
    let f = f.restore(ctx)?;
    let value = payload.into_js(ctx)?;
    if kind == "exit" {
        // The record goes (with its keep-alive) before the callback, which may end the loop.
        CHILDREN.with(|c| c.borrow_mut().remove(&id));
    }
    f.call::<_, ()>((kind, value))
}

enum Payload {
    None,
    Bytes(Vec<u8>),
    Code(i32),
    Text(String),
}

impl Payload {
    fn into_js<'js>(self, ctx: &Ctx<'js>) -> rquickjs::Result<Value<'js>> {
        Ok(match self {
            Payload::None => Value::new_undefined(ctx.clone()),
            Payload::Bytes(b) => ArrayBuffer::new(ctx.clone(), b)?.into_value(),
            Payload::Code(c) => Value::new_int(ctx.clone(), c),
            Payload::Text(t) => rquickjs::String::from_str(ctx.clone(), &t)?.into_value(),
        })
    }
}

/// Posts an event for worker `id` to the parent's loop.
fn to_parent(parent: &LoopHandle, id: u32, kind: &'static str, payload: Payload) {
    parent.post(Box::new(move |ctx| child_event(ctx, id, kind, payload)));
}

/// Delivers `bytes` to the worker's JS handler (on the worker's thread), or keeps them until
/// the handler is set.
fn deliver_to_worker(ctx: &Ctx<'_>, bytes: Vec<u8>) -> rquickjs::Result<()> {
    let Some(f) = PARENT_HANDLER.with(|h| h.borrow().clone()) else {
        EARLY_MESSAGES.with(|m| m.borrow_mut().push(bytes));
        return Ok(());
    };
    let f = f.restore(ctx)?;
    let buf = ArrayBuffer::new(ctx.clone(), bytes)?;
    f.call::<_, ()>(("message", buf))
}

fn post_to_worker_handle(handle: &LoopHandle, bytes: Vec<u8>) {
    handle.post(Box::new(move |ctx| deliver_to_worker(ctx, bytes)));
}

/// Starts a worker: `kind` "file" runs the module at `entry`, "eval" runs `entry` as code.
/// `init` is the serialized start-up data (workerData, env...). `on_event(kind, payload)`
/// receives "online", "message" (ArrayBuffer), "error" (ArrayBuffer), "exit" (code) and
/// "failed" (a message, when the worker's runtime could not start).
fn spawn<'js>(
    ctx: Ctx<'js>,
    kind: String,
    entry: String,
    argv: Vec<String>,
    init: Value<'js>,
    on_event: Function<'js>,
) -> rquickjs::Result<u32> {
    let factory = rusk_runtime::worker_factory(&ctx).ok_or_else(|| {
        Exception::throw_message(
            &ctx,
            "this runtime cannot start workers (its embedder gave no worker factory)",
        )
    })?;
    let parent = rusk_runtime::loop_handle(&ctx)
        .ok_or_else(|| Exception::throw_internal(&ctx, "no event loop"))?;
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let init = bytes_of(&init);
    let inbox = Arc::new(Mutex::new(Inbox::default()));
    if !TEARDOWN_HOOKED.with(|t| t.replace(true)) {
        // Drop the callbacks while the engine is whole.
        rusk_runtime::on_teardown(
            &ctx,
            std::rc::Rc::new(|_| CHILDREN.with(|c| c.borrow_mut().clear())),
        );
    }
    CHILDREN.with(|c| {
        c.borrow_mut().insert(
            id,
            Child {
                on_event: Persistent::save(&ctx, on_event),
                inbox: inbox.clone(),
                keep_alive: Some(parent.keep_alive()),
            },
        )
    });
    let spawned = std::thread::Builder::new()
        .name(format!("rusk worker {id}"))
        .spawn(move || run_worker(id, kind, entry, argv, init, parent, inbox, factory));
    if let Err(e) = spawned {
        CHILDREN.with(|c| c.borrow_mut().remove(&id));
        return Err(Exception::throw_message(
            &ctx,
            &format!("could not start a worker thread: {e}"),
        ));
    }
    Ok(id)
}

/// The worker thread: builds the runtime, runs the entry and its event loop, reports the exit.
#[allow(clippy::too_many_arguments)]
fn run_worker(
    id: u32,
    kind: String,
    entry: String,
    argv: Vec<String>,
    init: Vec<u8>,
    parent: LoopHandle,
    inbox: Arc<Mutex<Inbox>>,
    factory: rusk_runtime::WorkerFactory,
) {
    // Set before the runtime is built: its globals installer asks whether it is a worker's.
    SELF.with(|s| {
        *s.borrow_mut() = Some(WorkerSelf {
            id,
            init,
            parent: parent.clone(),
        })
    });
    let rt = match factory().argv(argv).worker(true).build() {
        Ok(rt) => rt,
        Err(e) => {
            SELF.with(|s| s.borrow_mut().take());
            to_parent(&parent, id, "failed", Payload::Text(e.to_string()));
            to_parent(&parent, id, "exit", Payload::Code(1));
            return;
        }
    };
    {
        let mut inbox = lock(&inbox);
        let handle = rt.loop_handle();
        for bytes in inbox.pending.drain(..) {
            post_to_worker_handle(&handle, bytes);
        }
        let stop = rt.terminate_handle();
        if inbox.terminated {
            stop.terminate();
        }
        inbox.handle = Some(handle);
        inbox.stop = Some(stop);
    }
    to_parent(&parent, id, "online", Payload::None);
    let code = if kind == "eval" {
        let name = std::env::current_dir()
            .unwrap_or_default()
            .join(format!("[worker eval {id}]"));
        rt.eval_module(&name.to_string_lossy(), &entry)
    } else {
        match rt.run_main(Path::new(&entry)) {
            Ok(code) => code,
            Err(e) => {
                to_parent(&parent, id, "failed", Payload::Text(e.to_string()));
                1
            }
        }
    };
    {
        let mut inbox = lock(&inbox);
        inbox.handle = None;
        inbox.stop = None;
    }
    // JS values of this runtime must go before it does.
    PARENT_HANDLER.with(|h| h.borrow_mut().take());
    EARLY_MESSAGES.with(|m| m.borrow_mut().clear());
    PARENT_REF.with(|r| r.borrow_mut().take());
    SELF.with(|s| s.borrow_mut().take());
    drop(rt);
    to_parent(&parent, id, "exit", Payload::Code(code));
}

/// Sends serialized bytes to worker `id` (from its parent).
fn post_to_worker(id: u32, bytes: Value<'_>) -> bool {
    let Some(inbox) = CHILDREN.with(|c| c.borrow().get(&id).map(|ch| ch.inbox.clone())) else {
        return false;
    };
    let bytes = bytes_of(&bytes);
    let mut inbox = lock(&inbox);
    match &inbox.handle {
        Some(h) => post_to_worker_handle(h, bytes),
        None => inbox.pending.push(bytes),
    }
    true
}

/// Stops worker `id`: the engine interrupts whatever JS it is running (a busy loop too) and its
/// event loop ends with exit code 1.
fn terminate(id: u32) {
    let Some(inbox) = CHILDREN.with(|c| c.borrow().get(&id).map(|ch| ch.inbox.clone())) else {
        return;
    };
    let mut inbox = lock(&inbox);
    inbox.terminated = true;
    if let Some(stop) = &inbox.stop {
        stop.terminate();
    }
}

/// `worker.ref()`/`unref()`: whether the running worker keeps its parent's loop alive.
fn set_ref(ctx: Ctx<'_>, id: u32, on: bool) {
    let handle = rusk_runtime::loop_handle(&ctx);
    CHILDREN.with(|c| {
        if let Some(ch) = c.borrow_mut().get_mut(&id) {
            ch.keep_alive = if on {
                handle.map(|h| h.keep_alive())
            } else {
                None
            };
        }
    });
}

/// On a worker's thread: `{ id, init }` (init: the start-up bytes); `undefined` elsewhere.
fn self_info<'js>(ctx: Ctx<'js>) -> rquickjs::Result<Value<'js>> {
    let info = SELF.with(|s| s.borrow().as_ref().map(|w| (w.id, w.init.clone())));
    match info {
        None => Ok(Value::new_undefined(ctx)),
        Some((id, init)) => {
            let o = Object::new(ctx.clone())?;
            o.set("id", id)?;
            o.set("init", ArrayBuffer::new(ctx.clone(), init)?)?;
            Ok(o.into_value())
        }
    }
}

/// On a worker's thread: sends an event ("message" or "error", with serialized bytes) to the
/// parent.
fn post_to_parent(ctx: Ctx<'_>, kind: String, bytes: Value<'_>) -> rquickjs::Result<bool> {
    let Some((id, parent)) = SELF.with(|s| s.borrow().as_ref().map(|w| (w.id, w.parent.clone())))
    else {
        return Err(Exception::throw_message(&ctx, "not in a worker thread"));
    };
    let kind: &'static str = if kind == "error" { "error" } else { "message" };
    to_parent(&parent, id, kind, Payload::Bytes(bytes_of(&bytes)));
    Ok(true)
}

/// On a worker's thread: the JS function that receives the parent's messages.
fn set_parent_handler<'js>(ctx: Ctx<'js>, handler: Function<'js>) -> rquickjs::Result<()> {
    PARENT_HANDLER.with(|h| *h.borrow_mut() = Some(Persistent::save(&ctx, handler)));
    for bytes in EARLY_MESSAGES.with(|m| std::mem::take(&mut *m.borrow_mut())) {
        deliver_to_worker(&ctx, bytes)?;
    }
    Ok(())
}

/// On a worker's thread: whether `parentPort` keeps the worker's loop alive (Node: while it
/// has "message" listeners and is not unref'd).
fn set_parent_ref(ctx: Ctx<'_>, on: bool) {
    let handle = rusk_runtime::loop_handle(&ctx);
    PARENT_REF.with(|r| {
        *r.borrow_mut() = if on {
            handle.map(|h| h.keep_alive())
        } else {
            None
        }
    });
}

fn build<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
    let o = Object::new(ctx.clone())?;
    func!(o, "spawn", spawn);
    func!(o, "postToWorker", post_to_worker);
    func!(o, "terminate", terminate);
    func!(o, "setRef", set_ref);
    func!(o, "self", self_info);
    func!(o, "postToParent", post_to_parent);
    func!(o, "setParentHandler", set_parent_handler);
    func!(o, "setParentRef", set_parent_ref);
    Ok(o)
}
