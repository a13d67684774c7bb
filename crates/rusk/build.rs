//! Links the rusk binary as a fixed-address executable, and generates the glue of the
//! test-only `Probe` class (`tests/bindgen/probe.classes.ts` at the repository root). Only
//! `tests/bindgen_classes.rs` includes the glue; the rusk binary does not.

fn main() {
    link_at_fixed_address();
    rusk_bindgen::Generator::new()
        .file("../../tests/bindgen/probe.classes.ts")
        .build_script();
}

/// A position-independent rusk starts by applying ~46,000 relative relocations (vtables and
/// the pointers in ICU4X's baked data), copying every page they touch: 0.8 ms of a 4 ms
/// `console.log(1)`. Linked at a fixed address (as Node's and Bun's Linux binaries are) it
/// has none; the code stays position-independent, and libraries and the heap are still
/// placed at random.
fn link_at_fixed_address() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
