//! Embedding rusk in a Rust application: a built-in module written in JS, a native global,
//! a worker thread posting results to the JS thread, and running code to completion.
//!
//! Run with `cargo run --example embed -p rusk_runtime`.

use rusk_runtime::rquickjs::{Function, Object};
use rusk_runtime::Runtime;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rt = Runtime::builder()
        // `import { greet } from "app:greeter"` inside scripts.
        .js_module("app:greeter", "export const greet = (n) => `hello, ${n}`;")
        // A native global function.
        .global(|ctx| {
            let host = Object::new(ctx.clone())?;
            host.set("square", Function::new(ctx.clone(), |x: f64| x * x)?)?;
            ctx.globals().set("host", host)
        })
        .build()?;

    // Another thread posts work to the JS thread; a KeepAlive holds the loop open meanwhile.
    let handle = rt.loop_handle();
    let keep = handle.keep_alive();
    std::thread::spawn(move || {
        let value = 6 * 7;
        handle.post(Box::new(move |ctx| {
            let on_result: Function = ctx.globals().get("onResult")?;
            on_result.call::<_, ()>((value,))
        }));
        drop(keep);
    });

    let code = rt.eval_module(
        "embed-demo.ts",
        r#"
        import { greet } from "app:greeter";
        console.log(greet("embedder"), host.square(12));
        globalThis.onResult = (v: number) => console.log("from a worker thread:", v);
        "#,
    );
    std::process::exit(code);
}
