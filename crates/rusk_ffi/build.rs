//! Generates the glue of rusk:ffi's native classes from `src/ffi.classes.ts`.

fn main() {
    println!("cargo:rerun-if-changed=src/ffi.classes.ts");
    let Some(out) = std::env::var_os("OUT_DIR") else {
        eprintln!("OUT_DIR is not set (this script runs under cargo)");
        std::process::exit(1);
    };
    if let Err(e) = rusk_bindgen::Generator::new()
        .file("src/ffi.classes.ts")
        .generate_to(out)
    {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
