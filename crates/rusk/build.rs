//! Generates the glue of the test-only `Probe` class (`tests/bindgen/probe.classes.ts` at the
//! repository root). Only `tests/bindgen_classes.rs` includes it; the rusk binary does not.

fn main() {
    let Some(out) = std::env::var_os("OUT_DIR") else {
        eprintln!("OUT_DIR is not set (this script runs under cargo)");
        std::process::exit(1);
    };
    if let Err(e) = rusk_bindgen::Generator::new()
        .file("../../tests/bindgen/probe.classes.ts")
        .generate_to(out)
    {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
