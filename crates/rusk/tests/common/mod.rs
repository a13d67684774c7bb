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
