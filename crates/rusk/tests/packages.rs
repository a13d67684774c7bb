//! The bun:ffi package suite: packages written for Bun's own APIs (bun:ffi, asset imports),
//! pinned in tests/packages/package.json, each run unchanged by a realistic script whose stdout
//! must equal Bun's, recorded in tests/packages/expected/. Installed with `npm install` (the
//! registry lacks other platforms' optional binaries, which `npm ci` insists on); without npm
//! the tests are skipped with a message saying so.

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

fn dir() -> PathBuf {
    common::repo().join("tests/packages")
}

fn installed() -> Option<()> {
    static DONE: OnceLock<Option<()>> = OnceLock::new();
    *DONE.get_or_init(|| {
        let dir = dir();
        if dir.join("node_modules/.package-lock.json").exists() {
            return Some(());
        }
        let npm = Command::new("npm")
            .args([
                "install",
                "--no-audit",
                "--no-fund",
                "--ignore-scripts",
                "--loglevel=error",
            ])
            .current_dir(&dir)
            .output();
        match npm {
            Err(e) => {
                eprintln!("skipping the bun:ffi package suite: npm is not available ({e})");
                None
            }
            Ok(o) => {
                assert!(
                    o.status.success(),
                    "npm install in tests/packages failed:\n{}",
                    common::text(&o)
                );
                Some(())
            }
        }
    })
}

fn check(script: &str) {
    if installed().is_none() {
        return;
    }
    let out = common::rusk()
        .arg("run")
        .arg(format!("{script}.ts"))
        .current_dir(dir())
        .env("FORCE_COLOR", "0")
        .env("TZ", "UTC")
        .output()
        .expect("running rusk");
    let expected = std::fs::read_to_string(dir().join(format!("expected/{script}.txt")))
        .expect("the expected output is recorded");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout == expected,
        "{script}.ts under rusk differs from Bun's output (exit {:?})\n--- expected\n{expected}\n--- got\n{}",
        out.status.code(),
        common::text(&out)
    );
}

#[test]
fn bun_pty_spawn_read_write_resize_kill() {
    check("bun-pty");
}

#[test]
fn bun_ffi_structs_pack_unpack_pointers() {
    check("bun-ffi-structs");
}

#[test]
fn opentui_test_renderer_frame() {
    check("opentui");
}

#[test]
fn bun_webgpu_without_a_gpu() {
    check("bun-webgpu");
}

#[test]
fn webview_bun_without_gtk() {
    check("webview-bun");
}

#[test]
#[ignore = "tree-sitter needs the WebAssembly global, which rusk does not have yet"]
fn opentui_syntax_highlighting() {
    check("opentui-highlight");
}
