//! Generates the glue of rusk_node's native classes (`TextEncoder`, `TextDecoder`), and compiles
//! the built-in JS modules to QuickJS bytecode (start-up then loads them instead of parsing).

use std::path::Path;

include!("src/module_files.rs");

fn main() {
    rusk_bindgen::Generator::new()
        .file("src/encoding.classes.ts")
        .file("src/crypto.classes.ts")
        .file("src/vm.classes.ts")
        .file("src/zlib.classes.ts")
        .build_script();

    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    // Every file under js/ is a module (see src/module_files.rs for the names).
    let modules = module_files(Path::new("js"));
    println!("cargo:rerun-if-changed=js");
    println!("cargo:rerun-if-changed=js/internal");
    let table = rusk_bindgen::compile_js_modules(
        &modules,
        Path::new(&out_dir),
        // Sources stay (`util.inspect` tells classes by theirs), but for the globals installer,
        // read at every start, whose functions (the console stub's) print as native ones.
        &|name| name == "rusk:internal/globals",
        // `await` carries the async context in built-in modules too (see rusk_async_context).
        Some(rusk_async_context::rewrite_source),
    );
    std::fs::write(Path::new(&out_dir).join("js_modules.rs"), table)
        .expect("writing js_modules.rs");
}
