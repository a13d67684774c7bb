//! Helpers shared by the integration tests that run the rusk binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn rusk() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rusk"));
    c.current_dir(repo());
    // Not on CI as far as `rusk test` can tell, wherever cargo test runs: CI mode makes `.only`
    // an error and refuses new snapshots (tests that check CI mode set it themselves), and
    // `CI=false` also overrides CI services' own variables.
    c.env("CI", "false");
    c
}

/// Compiles tests/ffi/fixture.c into a shared library with the system C compiler (once).
pub fn fixture() -> &'static Path {
    static LIB: OnceLock<PathBuf> = OnceLock::new();
    LIB.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("libffi_fixture.so");
        let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
        let status = Command::new(cc)
            .args(["-shared", "-fPIC", "-O2", "-pthread", "-std=c11", "-Wall"])
            .arg(repo().join("tests/ffi/fixture.c"))
            .arg("-o")
            .arg(&out)
            .status()
            .expect("a C compiler (cc) is needed to build the FFI fixture");
        assert!(status.success(), "compiling tests/ffi/fixture.c failed");
        out
    })
}

pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Installs the npm packages pinned in `dir` once per test binary (`npm <install_args>`), unless
/// they are there already; `false` (and a message naming `suite`) when npm is not available.
pub fn npm_installed(dir: &Path, install_args: &[&str], suite: &str) -> bool {
    static DONE: OnceLock<bool> = OnceLock::new();
    *DONE.get_or_init(|| {
        if dir.join("node_modules/.package-lock.json").exists() {
            return true;
        }
        match Command::new("npm")
            .args(install_args)
            .args([
                "--no-audit",
                "--no-fund",
                "--ignore-scripts",
                "--loglevel=error",
            ])
            .current_dir(dir)
            .output()
        {
            Err(e) => {
                eprintln!("skipping the {suite}: npm is not available ({e})");
                false
            }
            Ok(o) => {
                assert!(
                    o.status.success(),
                    "npm in {} failed:\n{}",
                    dir.display(),
                    text(&o)
                );
                true
            }
        }
    })
}

/// Runs `rusk run <script>` in `dir` (FORCE_COLOR=0, TZ=UTC) and asserts it exits 0 with the
/// stdout recorded in `dir/expected/<name>.txt` (Bun's).
pub fn assert_matches_recorded(dir: &Path, script: &str, name: &str) {
    let out = rusk()
        .arg("run")
        .arg(script)
        .current_dir(dir)
        .env("FORCE_COLOR", "0")
        .env("TZ", "UTC")
        .env_remove("NO_COLOR")
        .env_remove("DEBUG")
        .output()
        .expect("running rusk");
    let expected = std::fs::read_to_string(dir.join(format!("expected/{name}.txt")))
        .expect("the expected output is recorded");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout == expected,
        "{script} under rusk differs from Bun's output (exit {:?})\n--- expected\n{expected}\n--- got\n{}",
        out.status.code(),
        text(&out)
    );
}
