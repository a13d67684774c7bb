//! Generates the glue of rusk:ffi's native classes from `src/ffi.classes.ts`.

fn main() {
    rusk_bindgen::Generator::new()
        .file("src/ffi.classes.ts")
        .build_script();
}
