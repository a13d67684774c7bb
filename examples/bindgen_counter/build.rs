fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo");
    // Definition mistakes fail the build with `file:line:col: Class.section.member: message`.
    if let Err(e) = rusk_bindgen::Generator::new()
        .file("src/counter.classes.ts")
        .generate_to(out_dir)
    {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
