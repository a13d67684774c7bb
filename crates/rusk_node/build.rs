//! Generates the glue of rusk_node's native classes (`TextEncoder`, `TextDecoder`).

fn main() {
    rusk_bindgen::Generator::new()
        .file("src/encoding.classes.ts")
        .build_script();
}
