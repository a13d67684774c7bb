//! Scripts written for other runtimes' FFI APIs, run unchanged by rusk: each prints what the
//! runtime it was written for prints (recorded beside it as `.expected`).

mod common;

use common::{fixture, rusk, text};

/// Runs `rusk run <script>` with the FFI fixture and compares stdout with `<expected>`.
fn same_output(script: &str, expected: &str) {
    let o = rusk()
        .args(["run", script])
        .env("FFI_FIXTURE", fixture())
        .output()
        .expect("run rusk");
    assert!(
        o.status.success(),
        "rusk run {script} failed:\n{}",
        text(&o)
    );
    let want =
        std::fs::read_to_string(common::repo().join(expected)).expect("read expected output");
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        want,
        "output of {script}"
    );
}

/// Node 26's node:ffi (the expected output is Node v26.10's).
#[test]
fn node_ffi_script_runs_unchanged() {
    same_output(
        "tests/node_ffi/ffi_script.mjs",
        "tests/node_ffi/ffi_script.expected",
    );
}

/// Deno's FFI (the expected output is Deno 2.9.6's).
#[test]
fn deno_ffi_script_runs_unchanged() {
    same_output("tests/deno/ffi_script.ts", "tests/deno/ffi_script.expected");
}

/// The `Deno` global exists only for programs whose own modules mention it: npm packages that
/// sniff `globalThis.Deno` to pick a runtime see none in a program that never does.
#[test]
fn deno_global_only_when_the_program_mentions_it() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("deno_global");
    let pkg = dir.join("node_modules/sniffer");
    std::fs::create_dir_all(&pkg).expect("make dirs");
    // A package that sniffs the runtime, as std-env and others do.
    std::fs::write(
        pkg.join("index.js"),
        "module.exports = typeof globalThis.Deno === 'undefined' ? 'not deno' : 'deno';\n",
    )
    .expect("write package");
    std::fs::write(
        pkg.join("package.json"),
        r#"{ "name": "sniffer", "main": "index.js" }"#,
    )
    .expect("write package.json");
    let key = ["De", "no"].concat();
    std::fs::write(
        dir.join("plain.mjs"),
        "import s from 'sniffer';\nconsole.log(s, typeof globalThis[['De', 'no'].join('')]);\n",
    )
    .expect("write script");
    std::fs::write(
        dir.join("mentions.mjs"),
        format!("import s from 'sniffer';\nconsole.log(s, typeof {key}.dlopen, {key}.build.os);\n"),
    )
    .expect("write script");
    let run = |file: &str| {
        let o = rusk()
            .args(["run", &dir.join(file).to_string_lossy()])
            .output()
            .expect("run rusk");
        assert!(o.status.success(), "{}", text(&o));
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    };
    assert_eq!(run("plain.mjs"), "not deno undefined");
    // Installed before any module of the program runs (the package is evaluated first here).
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        os => os,
    };
    assert_eq!(run("mentions.mjs"), format!("deno function {os}"));
}
