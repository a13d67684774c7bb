//! Compiles the test library's JS modules (js/*.js) to QuickJS bytecode, so that each test
//! file's fresh runtime loads them instead of parsing them.

use std::path::Path;

include!("src/module_files.rs");

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let modules = module_files(Path::new("js"));
    println!("cargo:rerun-if-changed=js");
    // The library's own source text is not needed at run time (nothing prints its functions),
    // and leaving it out makes the bytecode smaller and faster to load for every test file.
    let table = rusk_bindgen::compile_js_modules(
        &modules,
        Path::new(&out_dir),
        &|_| true,
        // `await` carries the async context in built-in modules too (see rusk_async_context).
        Some(rusk_async_context::rewrite_source),
    );
    std::fs::write(Path::new(&out_dir).join("js_modules.rs"), table)
        .expect("writing js_modules.rs");
}
