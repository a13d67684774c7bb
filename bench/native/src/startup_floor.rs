//! The start-up floor of a QuickJS-ng runtime: the smallest program that does what
//! `rusk run one.js` does for `console.log(1)` — create a runtime and a context with every
//! intrinsic, evaluate one line that prints `1` through a native function, and exit without
//! freeing the engine (as the `rusk` command does). No module loader, no event loop, no Node
//! layer. `bench/startup/run.py` times it beside rusk: rusk's start-up minus this is what rusk
//! itself adds.
//!
//! `cargo build --release -p rusk_bench_native --bin startup_floor`

use std::io::Write;

use rquickjs::{Context, Function, Runtime};

fn main() {
    let code = (|| -> rquickjs::Result<()> {
        let rt = Runtime::new()?;
        let ctx = Context::full(&rt)?;
        ctx.with(|ctx| -> rquickjs::Result<()> {
            let print = Function::new(ctx.clone(), |s: String| {
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "{s}");
            })?;
            ctx.globals().set("print", print)?;
            ctx.eval::<(), _>("print(String(1))")
        })?;
        // Like `rusk`: the process ends without tearing the engine down.
        std::mem::forget(ctx);
        std::mem::forget(rt);
        Ok(())
    })();
    std::process::exit(i32::from(code.is_err()));
}
