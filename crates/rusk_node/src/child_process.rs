//! `rusk:native/child_process`: processes for `node:child_process` (and `Bun.spawn`), on
//! `std::process`.
//!
//! `spawn` starts the child and returns at once; threads read its stdout and stderr and wait
//! for its exit, and post what they see to the JS thread, where it arrives as
//! `internals.childEvent(id, kind, data)` calls: `"stdout"`/`"stderr"` with an ArrayBuffer,
//! `"stdoutEnd"`/`"stderrEnd"`, and `"exit"` with `(code, signal)`. Writes to the child's stdin
//! go through a writer thread, so a child that does not read never blocks the JS thread. A
//! running child keeps the event loop alive (unless unref'd) until it exited and its pipes
//! closed. `spawnSync` runs a child to completion on the JS thread.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rquickjs::{Array, ArrayBuffer, Ctx, Function, Object, Value};
use rusk_runtime::bytes::raw_bytes;
use rusk_runtime::{KeepAlive, LoopHandle};

use crate::native_module::{func, native_module};

const NAMES: &[&str] = &[
    "spawn",
    "spawnSync",
    "write",
    "closeStdin",
    "kill",
    "setRef",
];

native_module!(NativeChildProcess, build, NAMES);

type R<T> = rquickjs::Result<T>;

/// How each of stdin/stdout/stderr is set up (Node's `stdio` entries, decided in JS).
const PIPE: i32 = 0;
const INHERIT: i32 = 1;
const IGNORE: i32 = 2;

struct Running {
    stdin: Option<mpsc::Sender<Option<Vec<u8>>>>,
    keep_alive: Option<KeepAlive>,
    handle: LoopHandle,
    /// Events still to come before the child is done: its exit and each piped output's end.
    outstanding: Cell<u8>,
}

#[derive(Default)]
struct Children {
    next: Cell<u32>,
    running: RefCell<HashMap<u32, Running>>,
}

// SAFETY: holds no JS values, so no lifetime needs changing.
unsafe impl<'js> rquickjs::JsLifetime<'js> for Children {
    type Changed<'to> = Children;
}

fn children<'a>(ctx: &'a Ctx<'_>) -> R<rquickjs::runtime::UserDataGuard<'a, Children>> {
    if ctx.userdata::<Children>().is_none() {
        let _ = ctx.store_userdata(Children::default());
    }
    ctx.userdata::<Children>().ok_or_else(|| {
        rquickjs::Exception::throw_internal(ctx, "child_process state is unavailable")
    })
}

/// The name of signal `n` (`SIGTERM`), as Node reports `signalCode`.
fn signal_name(n: i32) -> Option<&'static str> {
    crate::os::SIGNALS
        .iter()
        .find(|(_, v)| *v == n)
        .map(|(k, _)| *k)
}

fn stdio(kind: i32) -> Stdio {
    match kind {
        INHERIT => Stdio::inherit(),
        IGNORE => Stdio::null(),
        _ => Stdio::piped(),
    }
}

/// The spawn options JS passes: `{ cwd, env: ["K=V"], stdio: [in, out, err], detached }`.
fn command<'js>(file: &str, args: &Array<'js>, opts: &Object<'js>) -> R<Command> {
    let mut cmd = Command::new(file);
    for a in args.iter::<String>() {
        cmd.arg(a?);
    }
    if let Some(argv0) = opts.get::<_, Option<String>>("argv0")? {
        cmd.arg0(argv0);
    }
    if let Some(cwd) = opts.get::<_, Option<String>>("cwd")? {
        cmd.current_dir(cwd);
    }
    if let Some(env) = opts.get::<_, Option<Vec<String>>>("env")? {
        cmd.env_clear();
        for kv in env {
            if let Some((k, v)) = kv.split_once('=') {
                cmd.env(k, v);
            }
        }
    }
    let modes: Vec<i32> = opts
        .get::<_, Option<Vec<i32>>>("stdio")?
        .unwrap_or_default();
    let mode = |i: usize| modes.get(i).copied().unwrap_or(PIPE);
    cmd.stdin(stdio(mode(0)))
        .stdout(stdio(mode(1)))
        .stderr(stdio(mode(2)));
    if opts.get::<_, Option<bool>>("detached")?.unwrap_or(false) {
        cmd.process_group(0);
    }
    if let Some(uid) = opts.get::<_, Option<u32>>("uid")? {
        cmd.uid(uid);
    }
    if let Some(gid) = opts.get::<_, Option<u32>>("gid")? {
        cmd.gid(gid);
    }
    Ok(cmd)
}

/// `{ errno, code }` of a failed spawn, for JS to build Node's error (`spawn x ENOENT`).
fn spawn_error<'js>(ctx: &Ctx<'js>, e: &std::io::Error) -> R<Value<'js>> {
    let errno = e.raw_os_error().unwrap_or(libc::EIO);
    let o = Object::new(ctx.clone())?;
    o.set("errno", -errno)?;
    o.set("code", crate::sys_error::describe(errno).0)?;
    Ok(o.into_value())
}

fn exit_parts(status: ExitStatus) -> (Option<i32>, Option<&'static str>) {
    (status.code(), status.signal().and_then(signal_name))
}

/// Posts one child event to the JS thread.
fn post(
    handle: &LoopHandle,
    id: u32,
    kind: &'static str,
    data: Option<Vec<u8>>,
    exit: (Option<i32>, Option<&'static str>),
) {
    handle.post(Box::new(move |ctx| deliver(ctx, id, kind, data, exit)));
}

fn deliver(
    ctx: &Ctx<'_>,
    id: u32,
    kind: &str,
    data: Option<Vec<u8>>,
    exit: (Option<i32>, Option<&'static str>),
) -> R<()> {
    let dispatch: Function = ctx.eval("globalThis[Symbol.for('rusk.internals')].childEvent")?;
    let payload = match data {
        Some(bytes) => ArrayBuffer::new(ctx.clone(), bytes)?.into_value(),
        None => Value::new_undefined(ctx.clone()),
    };
    let result = match kind {
        "exit" => dispatch.call::<_, ()>((id, kind, exit.0, exit.1)),
        _ => dispatch.call::<_, ()>((id, kind, payload)),
    };
    // The child is done once its exit and its pipes' ends were delivered.
    if matches!(kind, "exit" | "stdoutEnd" | "stderrEnd") {
        if let Some(c) = ctx.userdata::<Children>() {
            let mut running = c.running.borrow_mut();
            let done = running.get(&id).is_some_and(|r| {
                r.outstanding.set(r.outstanding.get().saturating_sub(1));
                r.outstanding.get() == 0
            });
            if done {
                running.remove(&id);
            }
        }
    }
    result
}

fn reader(
    mut pipe: impl Read + Send + 'static,
    handle: LoopHandle,
    id: u32,
    chunk: &'static str,
    end: &'static str,
) {
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match pipe.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => post(&handle, id, chunk, Some(buf[..n].to_vec()), (None, None)),
            }
        }
        post(&handle, id, end, None, (None, None));
    });
}

fn writer(mut stdin: ChildStdin) -> mpsc::Sender<Option<Vec<u8>>> {
    let (tx, rx) = mpsc::channel::<Option<Vec<u8>>>();
    std::thread::spawn(move || {
        while let Ok(Some(bytes)) = rx.recv() {
            if stdin.write_all(&bytes).is_err() {
                break;
            }
        }
        // Dropping `stdin` closes the pipe: the child sees end of input.
    });
    tx
}

/// `spawn(file, args, options)` → `{ id, pid }`, or `{ error: { errno, code } }`.
fn spawn<'js>(ctx: Ctx<'js>, file: String, args: Array<'js>, opts: Object<'js>) -> R<Object<'js>> {
    let mut cmd = command(&file, &args, &opts)?;
    let out = Object::new(ctx.clone())?;
    let mut child: Child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            out.set("error", spawn_error(&ctx, &e)?)?;
            return Ok(out);
        }
    };
    let handle = rusk_runtime::loop_handle(&ctx).ok_or_else(|| {
        rquickjs::Exception::throw_internal(&ctx, "child_process needs a rusk runtime")
    })?;
    let state = children(&ctx)?;
    let id = state.next.get() + 1;
    state.next.set(id);
    let pid = child.id();
    let mut outstanding = 1u8;
    if let Some(p) = child.stdout.take() {
        reader(p, handle.clone(), id, "stdout", "stdoutEnd");
        outstanding += 1;
    }
    if let Some(p) = child.stderr.take() {
        reader(p, handle.clone(), id, "stderr", "stderrEnd");
        outstanding += 1;
    }
    let stdin = child.stdin.take().map(writer);
    let waiter_handle = handle.clone();
    std::thread::spawn(move || {
        let exit = match child.wait() {
            Ok(status) => exit_parts(status),
            Err(_) => (None, None),
        };
        post(&waiter_handle, id, "exit", None, exit);
    });
    state.running.borrow_mut().insert(
        id,
        Running {
            stdin,
            keep_alive: Some(handle.keep_alive()),
            handle,
            outstanding: Cell::new(outstanding),
        },
    );
    out.set("id", id)?;
    out.set("pid", pid)?;
    Ok(out)
}

/// Queues bytes for the child's stdin; false when stdin is not a pipe or was closed.
fn write<'js>(ctx: Ctx<'js>, id: u32, data: Value<'js>) -> R<bool> {
    let Some(raw) = raw_bytes(&data) else {
        return Ok(false);
    };
    // SAFETY: copied at once; no JS runs while the slice is borrowed.
    let bytes = unsafe { raw.as_slice() }.to_vec();
    let state = children(&ctx)?;
    let running = state.running.borrow();
    Ok(running
        .get(&id)
        .and_then(|r| r.stdin.as_ref())
        .is_some_and(|tx| tx.send(Some(bytes)).is_ok()))
}

fn close_stdin(ctx: Ctx<'_>, id: u32) -> R<()> {
    let state = children(&ctx)?;
    if let Some(r) = state.running.borrow_mut().get_mut(&id) {
        if let Some(tx) = r.stdin.take() {
            let _ = tx.send(None);
        }
    }
    Ok(())
}

/// `kill(pid, signal)`: 0 on success, else the negative errno.
fn kill(_ctx: Ctx<'_>, pid: i32, signal: i32) -> R<i32> {
    // SAFETY: kill(2) with plain integers.
    let r = unsafe { libc::kill(pid, signal) };
    Ok(if r == 0 {
        0
    } else {
        -crate::sys_error::last_errno()
    })
}

/// `child.ref()` / `unref()`: whether the child keeps the event loop alive.
fn set_ref(ctx: Ctx<'_>, id: u32, on: bool) -> R<()> {
    let state = children(&ctx)?;
    if let Some(r) = state.running.borrow_mut().get_mut(&id) {
        r.keep_alive = on.then(|| r.handle.keep_alive());
    }
    Ok(())
}

/// `spawnSync(file, args, options)` → `{ pid, status, signal, stdout, stderr, error? }`.
/// Extra options: `input` (bytes for stdin), `timeout` (ms), `killSignal` (number),
/// `maxBuffer` (bytes per output; the child is killed past it, error ENOBUFS).
fn spawn_sync<'js>(
    ctx: Ctx<'js>,
    file: String,
    args: Array<'js>,
    opts: Object<'js>,
) -> R<Object<'js>> {
    let mut cmd = command(&file, &args, &opts)?;
    let input_value: Value = opts.get("input")?;
    // SAFETY: copied at once; no JS runs while the slice is borrowed.
    let input: Option<Vec<u8>> = raw_bytes(&input_value).map(|r| unsafe { r.as_slice() }.to_vec());
    let timeout = opts
        .get::<_, Option<f64>>("timeout")?
        .filter(|t| *t > 0.0)
        .map(|t| Duration::from_millis(t as u64));
    let kill_signal = opts
        .get::<_, Option<i32>>("killSignal")?
        .unwrap_or(libc::SIGTERM);
    let max_buffer = opts
        .get::<_, Option<f64>>("maxBuffer")?
        .unwrap_or(f64::INFINITY);
    let out = Object::new(ctx.clone())?;
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            out.set("error", spawn_error(&ctx, &e)?)?;
            out.set("status", Value::new_null(ctx.clone()))?;
            out.set("signal", Value::new_null(ctx.clone()))?;
            return Ok(out);
        }
    };
    out.set("pid", child.id())?;
    if let Some(mut stdin) = child.stdin.take() {
        let bytes = input.unwrap_or_default();
        std::thread::spawn(move || {
            let _ = stdin.write_all(&bytes);
        });
    }
    let collect = |pipe: Option<Box<dyn Read + Send>>| {
        pipe.map(|mut p| {
            std::thread::spawn(move || {
                let mut all = Vec::new();
                let _ = p.read_to_end(&mut all);
                all
            })
        })
    };
    let stdout = collect(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = collect(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let started = Instant::now();
    let mut timed_out = false;
    let status = loop {
        // Without a timeout there is nothing to watch for: just wait.
        if timeout.is_none() {
            break child.wait().ok();
        }
        match child.try_wait() {
            Ok(Some(s)) => break Some(s),
            Ok(None) => {}
            Err(_) => break None,
        }
        if timeout.is_some_and(|t| started.elapsed() >= t) {
            timed_out = true;
            // SAFETY: kill(2) on our own child.
            unsafe { libc::kill(child.id() as i32, kill_signal) };
            break child.wait().ok();
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    let take = |h: Option<std::thread::JoinHandle<Vec<u8>>>| h.and_then(|h| h.join().ok());
    let (so, se) = (take(stdout), take(stderr));
    let too_big = so.as_ref().is_some_and(|b| b.len() as f64 > max_buffer)
        || se.as_ref().is_some_and(|b| b.len() as f64 > max_buffer);
    for (key, bytes) in [("stdout", so), ("stderr", se)] {
        match bytes {
            Some(b) => out.set(key, ArrayBuffer::new(ctx.clone(), b)?)?,
            None => out.set(key, Value::new_null(ctx.clone()))?,
        }
    }
    let (code, signal) = status.map(exit_parts).unwrap_or((None, None));
    out.set("status", code)?;
    out.set("signal", signal)?;
    if timed_out {
        let e = Object::new(ctx.clone())?;
        e.set("errno", -libc::ETIMEDOUT)?;
        e.set("code", "ETIMEDOUT")?;
        out.set("error", e)?;
    } else if too_big {
        let e = Object::new(ctx.clone())?;
        e.set("errno", -libc::ENOBUFS)?;
        e.set("code", "ENOBUFS")?;
        out.set("error", e)?;
    }
    Ok(out)
}

fn build<'js>(ctx: &Ctx<'js>) -> R<Object<'js>> {
    let o = Object::new(ctx.clone())?;
    func!(o, "spawn", spawn);
    func!(o, "spawnSync", spawn_sync);
    func!(o, "write", write);
    func!(o, "closeStdin", close_stdin);
    func!(o, "kill", kill);
    func!(o, "setRef", set_ref);
    Ok(o)
}

#[cfg(test)]
mod tests {
    #[test]
    fn signal_names_come_from_the_os_table() {
        assert_eq!(super::signal_name(libc::SIGTERM), Some("SIGTERM"));
        assert_eq!(super::signal_name(libc::SIGKILL), Some("SIGKILL"));
    }
}
