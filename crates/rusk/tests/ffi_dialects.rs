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
