//! `fs.watch`'s native half: a `notify` watcher per call, whose events are posted to the JS
//! thread and delivered through `internals.fsWatchEvent(id, eventType, filename)`. JS keeps the
//! listeners; Rust keeps only the watchers (no JS values cross threads).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use notify::event::{ModifyKind, RenameMode};
use notify::{EventKind, RecursiveMode, Watcher};
use rquickjs::{Ctx, Function};
use rusk_runtime::{KeepAlive, LoopHandle};

use crate::sys_error::{throw_errno, throw_io};

struct Watch {
    _watcher: notify::RecommendedWatcher,
    /// Held while the watch is "persistent" (ref'd): keeps the event loop running.
    keep_alive: Option<KeepAlive>,
    handle: LoopHandle,
}

#[derive(Default)]
pub struct Watches {
    next: Cell<u32>,
    active: RefCell<HashMap<u32, Watch>>,
}

// SAFETY: holds no JS values, so no lifetime needs changing.
unsafe impl<'js> rquickjs::JsLifetime<'js> for Watches {
    type Changed<'to> = Watches;
}

fn watches<'a>(
    ctx: &'a Ctx<'_>,
) -> rquickjs::Result<rquickjs::runtime::UserDataGuard<'a, Watches>> {
    if ctx.userdata::<Watches>().is_none() {
        let _ = ctx.store_userdata(Watches::default());
    }
    ctx.userdata::<Watches>()
        .ok_or_else(|| rquickjs::Exception::throw_internal(ctx, "fs.watch state is unavailable"))
}

/// Node's event type for a notify event: names appearing or going away are "rename", content
/// and metadata changes "change".
fn event_type(kind: &EventKind) -> Option<&'static str> {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => Some("rename"),
        // A rename arrives as From and To events, then once more as Both: report it once.
        EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => None,
        EventKind::Modify(ModifyKind::Name(_)) => Some("rename"),
        EventKind::Modify(_) => Some("change"),
        _ => None,
    }
}

/// The `filename` Node reports: relative to a watched directory, or the watched file's name.
fn reported_name(root: &Path, root_is_dir: bool, path: &Path) -> String {
    let rel = if root_is_dir {
        path.strip_prefix(root).unwrap_or(path)
    } else {
        Path::new(path.file_name().unwrap_or(path.as_os_str()))
    };
    rel.to_string_lossy().into_owned()
}

/// Starts watching `path`; returns the watch id. Events arrive as `fsWatchEvent` calls.
pub fn start(
    ctx: &Ctx<'_>,
    path: String,
    recursive: bool,
    persistent: bool,
) -> rquickjs::Result<u32> {
    let meta =
        std::fs::metadata(&path).map_err(|e| throw_io(ctx, &e, "watch", Some(&path), None))?;
    let handle = rusk_runtime::loop_handle(ctx)
        .ok_or_else(|| rquickjs::Exception::throw_internal(ctx, "fs.watch needs a rusk runtime"))?;
    let state = watches(ctx)?;
    let id = state.next.get() + 1;
    state.next.set(id);
    let root = std::fs::canonicalize(&path).unwrap_or_else(|_| PathBuf::from(&path));
    let root_is_dir = meta.is_dir();
    let poster = handle.clone();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(event) = res else { return };
        let Some(kind) = event_type(&event.kind) else {
            return;
        };
        for p in &event.paths {
            let name = reported_name(&root, root_is_dir, p);
            poster.post(Box::new(move |ctx| deliver(ctx, id, kind, &name)));
        }
    })
    .map_err(|_| throw_errno(ctx, libc::ENOSPC, "watch", Some(&path), None))?;
    let mode = if recursive {
        RecursiveMode::Recursive
    } else {
        RecursiveMode::NonRecursive
    };
    watcher
        .watch(Path::new(&path), mode)
        .map_err(|e| match e.kind {
            notify::ErrorKind::Io(io) => throw_io(ctx, &io, "watch", Some(&path), None),
            _ => throw_errno(ctx, libc::ENOENT, "watch", Some(&path), None),
        })?;
    let keep_alive = persistent.then(|| handle.keep_alive());
    state.active.borrow_mut().insert(
        id,
        Watch {
            _watcher: watcher,
            keep_alive,
            handle,
        },
    );
    Ok(id)
}

fn deliver(ctx: &Ctx<'_>, id: u32, kind: &str, name: &str) -> rquickjs::Result<()> {
    // A watch closed after the event was queued delivers nothing.
    let open = ctx
        .userdata::<Watches>()
        .is_some_and(|w| w.active.borrow().contains_key(&id));
    if !open {
        return Ok(());
    }
    let dispatch: Function = ctx.eval("globalThis[Symbol.for('rusk.internals')].fsWatchEvent")?;
    dispatch.call::<_, ()>((id, kind, name))
}

/// Stops a watch (idempotent).
pub fn stop(ctx: &Ctx<'_>, id: u32) {
    if let Some(state) = ctx.userdata::<Watches>() {
        state.active.borrow_mut().remove(&id);
    }
}

/// `watcher.ref()` / `unref()`: whether the watch keeps the event loop alive.
pub fn set_ref(ctx: &Ctx<'_>, id: u32, on: bool) {
    if let Some(state) = ctx.userdata::<Watches>() {
        if let Some(w) = state.active.borrow_mut().get_mut(&id) {
            w.keep_alive = on.then(|| w.handle.keep_alive());
        }
    }
}
