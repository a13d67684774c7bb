//! Compile-fail tests: a definition that does not match its Rust impl must not build, and the
//! error must say which definition member is wrong.
//!
//! Each case is `tests/compile_fail/<case>.classes.ts` (the definition) and `<case>.rs` (an impl
//! that does not match it, ending in `include!("<case>.classes.rs")`). The test generates the
//! glue, compiles the case with rustc against this crate — the way a user's crate includes the
//! generated file — and compares rustc's whole error text with `<case>.stderr`. Run with
//! `BLESS=1` to rewrite the snapshots after an intended change (and read the diff).
//!
//! The rustc used is the toolchain's that built this test (`$CARGO`'s sibling, else `rustc` on
//! the PATH); its error wording is part of the snapshot, so a new toolchain may need a `BLESS`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/compile_fail")
}

/// The `deps` folder of the target directory this test binary was built in (it holds the
/// compiled rusk_bindgen and its dependencies).
fn deps_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("current_exe");
    exe.parent().expect("test binary folder").to_path_buf()
}

/// The newest `librusk_bindgen-*.rlib` in `deps`: the one cargo built for this test run.
fn rusk_bindgen_rlib(deps: &Path) -> PathBuf {
    let mut best: Option<(std::time::SystemTime, PathBuf)> = None;
    for entry in std::fs::read_dir(deps).expect("read deps") {
        let path = entry.expect("deps entry").path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if !(name.starts_with("librusk_bindgen-") && name.ends_with(".rlib")) {
            continue;
        }
        let modified = path
            .metadata()
            .and_then(|m| m.modified())
            .expect("rlib mtime");
        if best.as_ref().is_none_or(|(t, _)| modified > *t) {
            best = Some((modified, path));
        }
    }
    best.expect("no librusk_bindgen-*.rlib next to the test binary")
        .1
}

fn rustc() -> PathBuf {
    if let Some(cargo) = std::env::var_os("CARGO") {
        let sibling = Path::new(&cargo).with_file_name("rustc");
        if sibling.exists() {
            return sibling;
        }
    }
    PathBuf::from("rustc")
}

/// rustc's output with the machine's paths replaced, so the snapshot reads the same anywhere.
fn normalize(text: &str, work: &Path) -> String {
    let crate_dir = env!("CARGO_MANIFEST_DIR");
    let mut out = text
        .replace(&format!("{}/", work.display()), "")
        .replace(crate_dir, "$RUSK_BINDGEN");
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        out = out.replace(&*home.to_string_lossy(), "$CARGO_HOME");
    }
    out.lines()
        .map(|l| hide_line_numbers(l.trim_end()))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// `crates/rusk_bindgen/src/rt/returns.rs:133:0` → `…returns.rs:LL:CC`: a note pointing into
/// this crate's sources should not change with every edit of them.
fn hide_line_numbers(line: &str) -> String {
    const SRC: &str = "rusk_bindgen/src/";
    let Some(at) = line.find(SRC) else {
        return line.to_string();
    };
    let rest = &line[at..];
    let Some(rs) = rest.find(".rs:") else {
        return line.to_string();
    };
    let head = &line[..at + rs + 3];
    let tail = &rest[rs + 4..];
    let numbers = tail
        .find(|c: char| !(c.is_ascii_digit() || c == ':'))
        .unwrap_or(tail.len());
    format!("{head}:LL:CC{}", &tail[numbers..])
}

fn compile_case(case: &str, work: &Path, deps: &Path, rlib: &Path) -> String {
    let dir = cases_dir();
    let def = std::fs::read_to_string(dir.join(format!("{case}.classes.ts"))).expect("definition");
    let generated = rusk_bindgen::generate_source(&format!("{case}.classes.ts"), &def)
        .unwrap_or_else(|e| panic!("{case}.classes.ts must be a valid definition:{e:?}"));
    std::fs::write(work.join(format!("{case}.classes.rs")), generated.rust).expect("write glue");
    std::fs::copy(
        dir.join(format!("{case}.rs")),
        work.join(format!("{case}.rs")),
    )
    .expect("copy case");
    let output = Command::new(rustc())
        .current_dir(work)
        .args([
            "--edition",
            "2021",
            "--crate-type",
            "lib",
            "--emit",
            "metadata",
        ])
        .args(["--color", "never", "-A", "warnings", "--crate-name", case])
        .arg("--out-dir")
        .arg(work)
        .arg("-L")
        .arg(format!("dependency={}", deps.display()))
        .arg("--extern")
        .arg(format!("rusk_bindgen={}", rlib.display()))
        .arg(format!("{case}.rs"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run rustc");
    assert!(
        !output.status.success(),
        "{case}.rs compiled, but its impl does not match {case}.classes.ts"
    );
    normalize(&String::from_utf8_lossy(&output.stderr), work)
}

#[test]
fn mismatched_impls_fail_to_build_naming_the_member() {
    let bless = std::env::var_os("BLESS").is_some();
    let deps = deps_dir();
    let rlib = rusk_bindgen_rlib(&deps);
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("compile_fail");
    std::fs::create_dir_all(&work).expect("work dir");
    let mut cases: Vec<String> = std::fs::read_dir(cases_dir())
        .expect("read tests/compile_fail")
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().to_string();
            name.strip_suffix(".classes.ts").map(str::to_string)
        })
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 5,
        "expected compile-fail cases, found {cases:?}"
    );
    let mut wrong = Vec::new();
    for case in &cases {
        let got = compile_case(case, &work, &deps, &rlib);
        let snapshot = cases_dir().join(format!("{case}.stderr"));
        if bless {
            std::fs::write(&snapshot, &got).expect("write snapshot");
            continue;
        }
        let want = std::fs::read_to_string(&snapshot).unwrap_or_default();
        if got != want {
            wrong.push(format!(
                "{} differs (BLESS=1 rewrites it):\n--- got\n{got}--- want\n{want}",
                snapshot.display()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
