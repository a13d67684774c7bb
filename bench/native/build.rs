//! Generates the glue of the benchmark's class (`src/bench.classes.ts`).

fn main() {
    rusk_bindgen::Generator::new()
        .file("src/bench.classes.ts")
        .build_script();
}
