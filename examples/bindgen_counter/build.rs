fn main() {
    // Definition mistakes fail the build with `file:line:col: Class.section.member: message`.
    rusk_bindgen::Generator::new()
        .file("src/counter.classes.ts")
        .build_script();
}
