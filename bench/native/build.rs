//! Generates the glue of the benchmark's class (`src/bench.classes.ts`).

fn main() {
    let Some(out) = std::env::var_os("OUT_DIR") else {
        eprintln!("OUT_DIR is not set (this script runs under cargo)");
        std::process::exit(1);
    };
    if let Err(e) = rusk_bindgen::Generator::new()
        .file("src/bench.classes.ts")
        .generate_to(out)
    {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
