//! Reporting of uncaught exceptions and unhandled rejections.

use std::io::Write;

use rquickjs::{Ctx, Function, Value};

use crate::host::Host;

/// Formats an uncaught value for the terminal: `Name: message` and the stack with
/// `file:line:col` frames (positions mapped back to TypeScript sources by the bootstrap).
pub fn format_uncaught<'js>(host: &Host, ctx: &Ctx<'js>, err: &Value<'js>) -> String {
    if let Ok(internals) = host.internals(ctx) {
        if let Ok(f) = internals.get::<_, Function>("formatUncaught") {
            if let Ok(s) = f.call::<_, String>((err.clone(),)) {
                return s;
            }
            // The formatter itself threw; discard that and fall back.
            let _ = ctx.catch();
        }
    }
    let text = err
        .as_object()
        .and_then(|o| o.get::<_, String>("message").ok())
        .or_else(|| err.as_string().and_then(|s| s.to_string().ok()));
    // A failed property read leaves an exception pending; it is not the one being reported.
    let _ = ctx.catch();
    match text {
        Some(t) => format!("error: {t}"),
        None => format!(
            "error: Uncaught {} (it could not be printed)",
            err.type_name()
        ),
    }
}

/// Offers an error to the program's own handler (`process.on("uncaughtException")` /
/// `"unhandledRejection"`, installed by the Node layer as `internals[hook]`). True when a
/// listener took it; a listener that throws makes the new error the uncaught one.
fn offer_to_handler<'js>(
    host: &Host,
    ctx: &Ctx<'js>,
    hook: &str,
    args: (Value<'js>, Value<'js>),
) -> Result<bool, Value<'js>> {
    let Ok(internals) = host.internals(ctx) else {
        return Ok(false);
    };
    let Ok(f) = internals.get::<_, Function>(hook) else {
        return Ok(false);
    };
    match f.call::<_, bool>(args) {
        Ok(handled) => Ok(handled),
        Err(rquickjs::Error::Exception) => Err(ctx.catch()),
        Err(_) => Ok(false),
    }
}

/// Offers an uncaught error to the handler an embedder's JS installed as
/// `internals.uncaughtHandler(error, origin)` (rusk test's library does, to fail the running
/// test). It sees errors before the program's own listeners; true when it took the error.
/// A handler that throws is ignored (the error is reported as usual).
fn offer_to_embedder<'js>(host: &Host, ctx: &Ctx<'js>, err: &Value<'js>, origin: &str) -> bool {
    let Ok(internals) = host.internals(ctx) else {
        return false;
    };
    let Ok(f) = internals.get::<_, Function>("uncaughtHandler") else {
        return false;
    };
    match f.call::<_, bool>((err.clone(), origin)) {
        Ok(handled) => handled,
        Err(_) => {
            let _ = ctx.catch();
            false
        }
    }
}

/// Reports a promise rejection nobody handled: `process.on("unhandledRejection")` listeners
/// get it first; otherwise it is an uncaught error.
pub fn report_unhandled_rejection<'js>(
    host: &Host,
    ctx: &Ctx<'js>,
    reason: Value<'js>,
    promise: Value<'js>,
) {
    if offer_to_embedder(host, ctx, &reason, "unhandledRejection") {
        return;
    }
    match offer_to_handler(host, ctx, "onUnhandledRejection", (reason.clone(), promise)) {
        Ok(true) => return,
        Ok(false) => {}
        Err(thrown) => return report_uncaught(host, ctx, thrown),
    }
    report_uncaught_from(host, ctx, reason, "unhandledRejection");
}

/// Hands an uncaught error to the embedder's handler (`internals.uncaughtHandler`), to the
/// program's `uncaughtException` listeners, or prints it and marks the program for exit with
/// code 1.
pub fn report_uncaught<'js>(host: &Host, ctx: &Ctx<'js>, err: Value<'js>) {
    report_uncaught_from(host, ctx, err, "uncaughtException");
}

fn report_uncaught_from<'js>(host: &Host, ctx: &Ctx<'js>, err: Value<'js>, origin: &str) {
    // A worker's process.exit() unwinds with an error of its own: the worker is ending, not
    // failing.
    if host.exit_request.get().is_some()
        || host.terminating.load(std::sync::atomic::Ordering::Relaxed)
    {
        return;
    }
    if offer_to_embedder(host, ctx, &err, origin) {
        return;
    }
    let origin_value = rquickjs::String::from_str(ctx.clone(), origin)
        .map(|s| s.into_value())
        .unwrap_or_else(|_| Value::new_undefined(ctx.clone()));
    match offer_to_handler(host, ctx, "onUncaught", (err.clone(), origin_value)) {
        Ok(true) => return,
        Ok(false) => {}
        // A throwing uncaughtException listener is fatal, as in Node: report what it threw.
        Err(thrown) => return print_fatal(host, ctx, thrown),
    }
    // The same error can surface twice (a failed module's evaluation promise and the import()
    // promise that wraps it): report each object once.
    if let Some(obj) = err.as_object() {
        // SAFETY: reading the object pointer only as an identity key.
        let key = unsafe { rquickjs::qjs::JS_VALUE_GET_PTR(obj.as_raw()) } as usize;
        let mut seen = host.reported.borrow_mut();
        if seen.contains(&key) {
            return;
        }
        seen.push(key);
    }
    print_fatal(host, ctx, err);
}

fn print_fatal<'js>(host: &Host, ctx: &Ctx<'js>, err: Value<'js>) {
    // The program is already ending on an earlier uncaught error (Node stops at the first);
    // the same value can surface again through the promise that wraps a failed module, and
    // primitives cannot be told apart by identity.
    // A worker's process.exit() unwinds with an error of its own (also out of listeners).
    if host.fatal_exit.get().is_some()
        || host.exit_request.get().is_some()
        || host.terminating.load(std::sync::atomic::Ordering::Relaxed)
    {
        return;
    }
    let text = format_uncaught(host, ctx, &err);
    let _ = std::io::stdout().flush();
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{text}");
    if host.fatal_exit.get().is_none() {
        host.fatal_exit.set(Some(1));
    }
}

/// Takes the pending exception after a call returned `Error::Exception` and reports it.
pub fn report_error<'js>(host: &Host, ctx: &Ctx<'js>, err: rquickjs::Error) {
    let value = match err {
        rquickjs::Error::Exception => ctx.catch(),
        other => {
            let msg = other.to_string();
            rquickjs::String::from_str(ctx.clone(), &msg)
                .map(|s| s.into_value())
                .unwrap_or_else(|_| Value::new_undefined(ctx.clone()))
        }
    };
    report_uncaught(host, ctx, value);
}

/// Throws an `Error` with Node's `code` property (e.g. `ERR_UNKNOWN_BUILTIN_MODULE`).
pub(crate) fn throw_coded(ctx: &Ctx<'_>, message: &str, code: &str) -> rquickjs::Error {
    match rquickjs::Exception::from_message(ctx.clone(), message) {
        Ok(e) => {
            let _ = e.as_object().set("code", code);
            ctx.throw(e.into_value())
        }
        Err(e) => e,
    }
}

#[cfg(test)]
mod tests {
    use crate::Runtime;

    fn exit_code_of(source: &str) -> (i32, String) {
        let rt = Runtime::builder().build().expect("runtime");
        let code = rt.eval_module("/tmp/uncaught-handler-test.mjs", source);
        let seen = rt.with(|ctx| ctx.globals().get::<_, String>("seen").unwrap_or_default());
        (code, seen)
    }

    #[test]
    fn an_embedders_handler_takes_uncaught_errors_and_rejections() {
        let (code, seen) = exit_code_of(
            "const internals = globalThis[Symbol.for('rusk.internals')];\n\
             globalThis.seen = '';\n\
             internals.uncaughtHandler = (e, origin) => { globalThis.seen += `${origin}:${e.message};`; return true; };\n\
             setTimeout(() => { throw new Error('a'); }, 0);\n\
             Promise.reject(new Error('b'));\n",
        );
        assert_eq!(code, 0, "handled errors do not fail the program");
        assert!(seen.contains("uncaughtException:a;"), "{seen}");
        assert!(seen.contains("unhandledRejection:b;"), "{seen}");
    }

    #[test]
    fn a_handler_that_declines_or_throws_leaves_the_error_fatal() {
        let (code, _) = exit_code_of(
            "globalThis[Symbol.for('rusk.internals')].uncaughtHandler = () => false;\n\
             setTimeout(() => { throw new Error('a'); }, 0);\n",
        );
        assert_eq!(code, 1);
        let (code, _) = exit_code_of(
            "globalThis[Symbol.for('rusk.internals')].uncaughtHandler = () => { throw new Error('handler'); };\n\
             setTimeout(() => { throw new Error('a'); }, 0);\n",
        );
        assert_eq!(code, 1);
    }
}
