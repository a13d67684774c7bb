//! The bun:ffi package suite: packages written for Bun's own APIs (bun:ffi, asset imports),
//! pinned in tests/packages/package.json, each run unchanged by a realistic script whose stdout
//! must equal Bun's, recorded in tests/packages/expected/. Installed with `npm install` (the
//! registry lacks other platforms' optional binaries, which `npm ci` insists on); without npm
//! the tests are skipped with a message saying so.

mod common;

fn check(script: &str) {
    let dir = common::repo().join("tests/packages");
    if common::npm_installed(&dir, &["install"], "bun:ffi package suite") {
        common::assert_matches_recorded(&dir, &format!("{script}.ts"), script);
    }
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
