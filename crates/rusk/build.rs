//! Generates the glue of the test-only `Probe` class (`tests/bindgen/probe.classes.ts` at the
//! repository root). Only `tests/bindgen_classes.rs` includes it; the rusk binary does not.

fn main() {
    rusk_bindgen::Generator::new()
        .file("../../tests/bindgen/probe.classes.ts")
        .build_script();
}
