//! Reporting of uncaught exceptions and unhandled rejections.

use std::io::Write;

use rquickjs::{Ctx, Function, Object, Value};

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
        .or_else(|| err.as_string().and_then(|s| s.to_string().ok()))
        .unwrap_or_else(|| format!("{err:?}"));
    format!("error: {text}")
}

/// Hands an uncaught error to the test runner (in `rusk test`), or prints it and marks the
/// program for exit with code 1.
pub fn report_uncaught<'js>(host: &Host, ctx: &Ctx<'js>, err: Value<'js>) {
    if host.test_mode.get() {
        let hook = ctx
            .globals()
            .get::<_, Object>("__ruskTest")
            .and_then(|t| t.get::<_, Function>("reportUncaught"));
        if let Ok(hook) = hook {
            if hook.call::<_, ()>((err.clone(),)).is_ok() {
                return;
            }
            let _ = ctx.catch();
        }
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
