//! Native helpers handed to `js/bootstrap.js`: timers, CommonJS loading, files, processes.
//! The bootstrap wraps them into the public globals (`setTimeout`, `require`, `Bun`, ...).

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::rc::Rc;
use std::time::Duration;

use rquickjs::context::EvalOptions;
use rquickjs::function::Opt;
use rquickjs::promise::PromiseState;
use rquickjs::{ArrayBuffer, Ctx, Exception, Function, Module, Object, Promise, Value};

use crate::host::Host;
use crate::module::resolve;
use crate::transpile::{self, ModuleKind};

macro_rules! func {
    ($obj:expr, $name:literal, $f:expr) => {
        $obj.set(
            $name,
            Function::new($obj.ctx().clone(), $f)?.with_name($name)?,
        )?
    };
}

/// Builds the object of native helpers passed to the bootstrap script.
pub(crate) fn helpers<'js>(
    ctx: &Ctx<'js>,
    host: &Rc<Host>,
    argv: &[String],
) -> rquickjs::Result<Object<'js>> {
    let n = Object::new(ctx.clone())?;
    n.set("argv", argv.to_vec())?;
    n.set("version", crate::VERSION)?;
    // Whether this runtime is a worker's (`RuntimeBuilder::worker`): read at start-up by the
    // Node layer, which would otherwise load its worker module just to ask.
    n.set("isWorker", host.is_worker.get())?;
    n.set("engineVersion", ENGINE_VERSION)?;
    n.set(
        "execPath",
        std::env::current_exe()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|_| argv.first().cloned().unwrap_or_default()),
    )?;
    n.set("platform", node_platform())?;
    n.set("arch", node_arch())?;
    n.set("pid", std::process::id())?;
    func!(n, "env", |ctx: Ctx<'js>| -> rquickjs::Result<Object<'js>> {
        let env = Object::new(ctx)?;
        for (k, v) in std::env::vars_os() {
            env.set(k.to_string_lossy().as_ref(), v.to_string_lossy().as_ref())?;
        }
        Ok(env)
    });
    func!(n, "cwd", |ctx: Ctx<'js>| -> rquickjs::Result<String> {
        std::env::current_dir()
            .map(|d| d.to_string_lossy().into_owned())
            .map_err(|e| Exception::throw_message(&ctx, &format!("process.cwd(): {e}")))
    });
    // Node's `module.builtinModules`: the built-ins' names without a scheme, sorted (asked for
    // on use: making the array at every start cost ~0.3 M instructions).
    let h = host.clone();
    func!(n, "builtinModules", move || {
        h.builtins
            .names()
            .into_iter()
            .filter(|name| !name.contains(':'))
            .map(str::to_string)
            .collect::<Vec<String>>()
    });

    func!(n, "defineLazy", crate::lazy_props::define_lazy);
    func!(n, "bootstrapPart", |ctx: Ctx<'js>, name: String| {
        crate::globals::bootstrap_part(&ctx, &name)
    });

    let h = host.clone();
    func!(n, "timerSchedule", move |ms: f64, repeat: bool| -> u64 {
        let id = h.next_timer_id.get();
        h.next_timer_id.set(id + 1);
        let delay = if ms.is_finite() && ms > 0.0 {
            Duration::from_micros((ms * 1000.0) as u64)
        } else {
            Duration::ZERO
        };
        h.timers.borrow_mut().schedule(id, delay, repeat);
        id
    });
    let h = host.clone();
    func!(n, "timerCancel", move |id: u64| -> bool {
        h.timers.borrow_mut().cancel(id)
    });
    let h = host.clone();
    func!(n, "timerRef", move |id: u64, on: bool| h
        .timers
        .borrow_mut()
        .set_ref(id, on));
    let h = host.clone();
    func!(n, "timerHasRef", move |id: u64| h
        .timers
        .borrow()
        .has_ref(id));
    let h = host.clone();
    func!(n, "timerRefresh", move |id: u64| h
        .timers
        .borrow_mut()
        .refresh(id));

    func!(n, "gc", |ctx: Ctx<'js>| {
        // Busy native objects are re-checked first, so a forced GC can collect finished ones.
        rusk_bindgen::rt::sweep_pending(&ctx);
        // SAFETY: we are on the JS thread inside a context of this runtime; JS_RunGC only
        // needs the runtime pointer, which outlives the context.
        unsafe { rquickjs::qjs::JS_RunGC(rquickjs::qjs::JS_GetRuntime(ctx.as_raw().as_ptr())) };
    });
    // [state, value] of a promise without running any JS (for util.inspect).
    func!(n, "promiseState", |ctx: Ctx<'js>,
                              value: Value<'js>|
     -> rquickjs::Result<
        Option<Vec<Value<'js>>>,
    > {
        let Some(promise) = value.as_promise() else {
            return Ok(None);
        };
        let (state, result) = match promise.state() {
            PromiseState::Pending => ("pending", Value::new_undefined(ctx.clone())),
            PromiseState::Resolved => (
                "fulfilled",
                promise
                    .result::<Value>()
                    .and_then(Result::ok)
                    .unwrap_or_else(|| Value::new_undefined(ctx.clone())),
            ),
            PromiseState::Rejected => (
                "rejected",
                match promise.result::<Value>() {
                    Some(Err(rquickjs::Error::Exception)) => ctx.catch(),
                    Some(Ok(v)) => v,
                    _ => Value::new_undefined(ctx.clone()),
                },
            ),
        };
        Ok(Some(vec![
            rquickjs::String::from_str(ctx.clone(), state)?.into_value(),
            result,
        ]))
    });
    let h = host.clone();
    func!(n, "exit", move |ctx: Ctx<'js>,
                           code: i32|
          -> rquickjs::Result<()> {
        if h.is_worker.get() {
            // A worker ends its own loop; the JS running now unwinds through an error that
            // no try/catch can stop (Node stops a worker's JS at once, too).
            h.exit_request.set(Some(code));
            let err = rquickjs::Exception::from_message(ctx.clone(), "process.exit() in a worker")?;
            // SAFETY: marks a live error object of this context as uncatchable before throwing it.
            unsafe {
                rquickjs::qjs::JS_SetUncatchableError(ctx.as_raw().as_ptr(), err.as_raw());
            }
            return Err(ctx.throw(err.into_value()));
        }
        let _ = std::io::stdout().flush();
        let _ = std::io::stderr().flush();
        std::process::exit(code);
    });
    func!(n, "write", |fd: i32, s: String| {
        let r = if fd == 2 {
            std::io::stderr().write_all(s.as_bytes())
        } else {
            std::io::stdout().write_all(s.as_bytes())
        };
        r.is_ok()
    });
    // For the Node layer's console, which prints simple values itself until it needs all of
    // node:console: whether stdout or stderr is a terminal (colours), and one variable of the
    // environment as it is now (FORCE_COLOR).
    func!(n, "isTerminal", |fd: i32| match fd {
        1 => std::io::stdout().is_terminal(),
        2 => std::io::stderr().is_terminal(),
        _ => false,
    });
    func!(n, "getenv", |name: String| std::env::var_os(name)
        .map(|v| v.to_string_lossy().into_owned()));
    let h = host.clone();
    func!(
        n,
        "mapPosition",
        move |file: String, line: u32, col: u32| {
            let (l, c) = h.map_position(&file, line, col);
            vec![l, c]
        }
    );
    let h = host.clone();
    func!(n, "resolve", move |ctx: Ctx<'js>,
                              spec: String,
                              dir: String,
                              require: bool| {
        let is_builtin = |name: &str| h.builtins.contains(name);
        let mode = if require {
            resolve::Mode::Require
        } else {
            resolve::Mode::Import
        };
        match resolve::resolve(&spec, Path::new(&dir), mode, &is_builtin) {
            Ok(resolve::Resolved::Builtin(name)) => Ok(vec!["builtin".to_string(), name]),
            Ok(resolve::Resolved::File(p)) => {
                Ok(vec!["file".to_string(), p.to_string_lossy().into_owned()])
            }
            Err(e @ resolve::ResolveError::UnknownBuiltin(_)) => {
                Err(crate::errors::throw_coded(&ctx, &e.message(), e.code()))
            }
            Err(e) => Err(crate::errors::throw_coded(
                &ctx,
                &format!("{} from '{dir}'", e.message()),
                if require {
                    "MODULE_NOT_FOUND"
                } else {
                    e.code()
                },
            )),
        }
    });
    let h = host.clone();
    func!(n, "readSource", move |ctx: Ctx<'js>,
                                 path: String|
          -> rquickjs::Result<Vec<String>> {
        // Text and TOML load through the ES module loader (`require` gives its namespace, as
        // Bun's does); JSON is parsed by CommonJS itself. Other files are not code: Bun's
        // `require` fails on them (packages such as bun-pty catch that and look for their
        // library elsewhere), so rusk's does too, with a message that says what to do.
        use crate::module::assets::AssetKind;
        match crate::module::assets::kind_by_extension(Path::new(&path)) {
            None | Some(AssetKind::Json) => {}
            Some(AssetKind::File) => {
                return Err(Exception::throw_message(
                    &ctx,
                    &format!(
                        "Cannot require '{path}': it is not JavaScript (import it with {{ type: \"file\" }} to get its path)"
                    ),
                ))
            }
            Some(_) => return Ok(vec!["esm".into(), String::new()]),
        }
        let source = std::fs::read_to_string(&path)
            .map_err(|e| Exception::throw_message(&ctx, &format!("Cannot read '{path}': {e}")))?;
        if path.ends_with(".json") {
            return Ok(vec!["json".into(), source]);
        }
        let p = transpile::prepare(Path::new(&path), &source).map_err(|e| {
            Exception::throw_syntax(
                &ctx,
                &format!("{} ({}:{}:{})", e.message, path, e.line, e.col),
            )
        })?;
        // A file loaded again may now need no map: an old one must not outlive it.
        match p.map {
            Some(map) => h.position_maps.borrow_mut().insert(path.clone(), map),
            None => h.position_maps.borrow_mut().remove(&path),
        };
        let kind = if p.kind == ModuleKind::Esm {
            "esm"
        } else {
            "cjs"
        };
        Ok(vec![kind.into(), p.code])
    });
    func!(n, "compileCjs", |ctx: Ctx<'js>,
                            code: String,
                            filename: String|
     -> rquickjs::Result<Function<'js>> {
        // Keep the wrapper on the first line so line numbers stay those of the file.
        let wrapped =
            format!("(function (exports, require, module, __filename, __dirname) {{{code}\n}})");
        let mut opts = EvalOptions::default();
        opts.global = true;
        opts.strict = false;
        opts.filename = Some(filename);
        ctx.eval_with_options(wrapped, opts)
    });
    func!(n, "chdir", |ctx: Ctx<'js>,
                       dir: String|
     -> rquickjs::Result<()> {
        std::env::set_current_dir(&dir)
            .map_err(|e| Exception::throw_message(&ctx, &format!("ENOENT: {e}, chdir '{dir}'")))
    });
    func!(n, "callerFile", |ctx: Ctx<'js>| -> Option<String> {
        // Level 0 is the innermost JS frame: the global `require` wrapper; 1 is its caller.
        ctx.script_or_module_name(1)
            .and_then(|a| a.to_string().ok())
    });
    func!(n, "importBuiltin", |ctx: Ctx<'js>, name: String| {
        import_builtin(&ctx, &name)
    });
    func!(n, "importSync", |ctx: Ctx<'js>, name: String| import_sync(
        &ctx, &name
    ));
    func!(n, "sleepSync", |ms: f64| {
        if ms.is_finite() && ms > 0.0 {
            std::thread::sleep(Duration::from_micros((ms * 1000.0) as u64));
        }
    });
    func!(n, "which", |cmd: String, path: String| which(&cmd, &path));
    func!(n, "readFile", |ctx: Ctx<'js>,
                          path: String|
     -> rquickjs::Result<ArrayBuffer<'js>> {
        let bytes = std::fs::read(&path)
            .map_err(|e| Exception::throw_message(&ctx, &format!("ENOENT: {e}, open '{path}'")))?;
        ArrayBuffer::new(ctx.clone(), bytes)
    });
    func!(n, "fileSize", |path: String| -> f64 {
        std::fs::metadata(&path).map_or(-1.0, |m| m.len() as f64)
    });
    func!(n, "writeFile", |ctx: Ctx<'js>,
                           path: String,
                           data: Value<'js>|
     -> rquickjs::Result<f64> {
        let bytes = bytes_of(&ctx, &data)?;
        std::fs::write(&path, &bytes)
            .map_err(|e| Exception::throw_message(&ctx, &format!("{e}, open '{path}'")))?;
        Ok(bytes.len() as f64)
    });
    func!(
        n,
        "spawnSync",
        |ctx: Ctx<'js>, cmd: Vec<String>, cwd: Option<String>, stdin: Opt<Value<'js>>| spawn_sync(
            &ctx, cmd, cwd, stdin.0
        )
    );
    let h = host.clone();
    func!(n, "stop", move || h.stop_requested.set(true));
    let h = host.clone();
    func!(n, "awaitDirty", move || h.await_context_dirty.set(true));
    n.set("awaitUndoPattern", rusk_async_context::UNDO_PATTERN)?;
    let h = host.clone();
    func!(
        n,
        "setAwaitReset",
        move |ctx: Ctx<'js>, reset: Function<'js>| {
            *h.await_reset.borrow_mut() = Some(rquickjs::Persistent::save(&ctx, reset));
        }
    );
    let h = host.clone();
    func!(n, "fatal", move |ctx: Ctx<'js>, err: Value<'js>| {
        crate::errors::report_uncaught(&h, &ctx, err);
    });
    Ok(n)
}

/// The QuickJS-ng release rquickjs bundles.
const ENGINE_VERSION: &str = "0.16.2";

/// `process.platform` as Node names it.
pub fn node_platform() -> &'static str {
    match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        other => other,
    }
}

/// `process.arch` as Node names it.
pub fn node_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        "x86" => "ia32",
        "powerpc64" => "ppc64",
        other => other,
    }
}

/// Loads a built-in module now, without running other queued jobs first: a tiny module that
/// imports it is declared and evaluated, which links and runs the built-in's graph at once
/// (a dynamic `import()` would queue behind every pending job, reordering the program's async
/// work). Falls back to running jobs only when the graph awaits at top level.
pub(crate) fn import_builtin<'js>(ctx: &Ctx<'js>, name: &str) -> rquickjs::Result<Object<'js>> {
    let specifier =
        serde_json::to_string(&crate::module::resolve::builtin_specifier(name)).unwrap_or_default();
    let importer = Module::declare(
        ctx.clone(),
        format!("rusk:require/{name}"),
        format!("import * as ns from {specifier}; export default ns;"),
    )?;
    let (module, promise) = importer.eval()?;
    settle(ctx, &promise, name)?;
    module.get("default")
}

/// Runs jobs until `promise` settles; its value, or its rejection rethrown.
fn settle<'js>(ctx: &Ctx<'js>, promise: &Promise<'js>, name: &str) -> rquickjs::Result<Value<'js>> {
    loop {
        match promise.state() {
            PromiseState::Resolved => {
                return promise.result::<Value>().unwrap_or_else(|| {
                    Err(Exception::throw_internal(
                        ctx,
                        "import settled without value",
                    ))
                })
            }
            PromiseState::Rejected => {
                let reason = match promise.result::<Value>() {
                    Some(Err(rquickjs::Error::Exception)) => ctx.catch(),
                    _ => Value::new_undefined(ctx.clone()),
                };
                return Err(ctx.throw(reason));
            }
            PromiseState::Pending => {
                if !ctx.execute_pending_job() {
                    return Err(Exception::throw_message(
                        ctx,
                        &format!("require() cannot load '{name}': it is an ES module that awaits asynchronous work at top level"),
                    ));
                }
            }
        }
    }
}

/// Imports a module synchronously (for `require` of ES modules): runs pending jobs until the
/// import settles.
pub(crate) fn import_sync<'js>(ctx: &Ctx<'js>, name: &str) -> rquickjs::Result<Object<'js>> {
    let promise: Promise = Module::import(ctx, name.as_bytes().to_vec())?;
    let namespace = settle(ctx, &promise, name)?;
    Object::from_value(namespace)
}

fn bytes_of<'js>(ctx: &Ctx<'js>, data: &Value<'js>) -> rquickjs::Result<Vec<u8>> {
    if let Some(s) = data.as_string() {
        return s.to_string().map(String::into_bytes);
    }
    if let Some(raw) = crate::bytes::raw_bytes(data) {
        // SAFETY: copied out at once, before any JS runs.
        return Ok(unsafe { raw.as_slice() }.to_vec());
    }
    let s: String = rquickjs::convert::Coerced::<String>::from_js(ctx, data.clone())?.0;
    Ok(s.into_bytes())
}

use rquickjs::FromJs;

fn which(cmd: &str, path: &str) -> Option<String> {
    if cmd.contains('/') {
        return is_executable(Path::new(cmd)).then(|| cmd.to_string());
    }
    std::env::split_paths(path)
        .map(|dir| dir.join(cmd))
        .find(|p| is_executable(p))
        .map(|p| p.to_string_lossy().into_owned())
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

fn spawn_sync<'js>(
    ctx: &Ctx<'js>,
    cmd: Vec<String>,
    cwd: Option<String>,
    stdin: Option<Value<'js>>,
) -> rquickjs::Result<Object<'js>> {
    let (program, args) = cmd.split_first().ok_or_else(|| {
        Exception::throw_type(
            ctx,
            "spawnSync: \"cmd\" must be a non-empty array of strings",
        )
    })?;
    let mut command = std::process::Command::new(program);
    command.args(args);
    if let Some(dir) = cwd {
        command.current_dir(dir);
    }
    let input = match stdin {
        Some(v) if !v.is_undefined() && !v.is_null() => Some(bytes_of(ctx, &v)?),
        _ => None,
    };
    command.stdin(if input.is_some() {
        std::process::Stdio::piped()
    } else {
        std::process::Stdio::null()
    });
    command.stdout(std::process::Stdio::piped());
    command.stderr(std::process::Stdio::piped());
    let result = Object::new(ctx.clone())?;
    let mut child = match command.spawn() {
        Ok(c) => c,
        Err(e) => {
            return Err(Exception::throw_message(
                ctx,
                &format!("spawnSync: cannot run \"{program}\": {e}"),
            ));
        }
    };
    if let (Some(bytes), Some(mut pipe)) = (input, child.stdin.take()) {
        let _ = pipe.write_all(&bytes);
    }
    let out = child
        .wait_with_output()
        .map_err(|e| Exception::throw_message(ctx, &format!("spawnSync: {e}")))?;
    result.set("exitCode", out.status.code())?;
    result.set("success", out.status.success())?;
    result.set("stdout", ArrayBuffer::new(ctx.clone(), out.stdout)?)?;
    result.set("stderr", ArrayBuffer::new(ctx.clone(), out.stderr)?)?;
    Ok(result)
}
