//! The npm compatibility suite: popular packages, pinned in tests/npm/package.json (and its
//! lockfile), each exercised by a deterministic script whose stdout must equal what Bun (and
//! Node 20) printed, recorded in tests/npm/expected/. The packages are installed with `npm ci`
//! the first time; without npm the tests are skipped with a message saying so.

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

fn npm_dir() -> PathBuf {
    common::repo().join("tests/npm")
}

/// Installs the pinned packages once; `None` (and a message) when npm is not available.
fn installed() -> Option<()> {
    static DONE: OnceLock<Option<()>> = OnceLock::new();
    *DONE.get_or_init(|| {
        let dir = npm_dir();
        if dir.join("node_modules/.package-lock.json").exists() {
            return Some(());
        }
        let npm = Command::new("npm")
            .args([
                "ci",
                "--no-audit",
                "--no-fund",
                "--ignore-scripts",
                "--loglevel=error",
            ])
            .current_dir(&dir)
            .output();
        match npm {
            Err(e) => {
                eprintln!("skipping the npm compatibility suite: npm is not available ({e})");
                None
            }
            Ok(o) => {
                assert!(
                    o.status.success(),
                    "npm ci in tests/npm failed:\n{}",
                    common::text(&o)
                );
                Some(())
            }
        }
    })
}

fn check(name: &str) {
    if installed().is_none() {
        return;
    }
    let dir = npm_dir();
    let out = common::rusk()
        .arg("run")
        .arg(format!("{name}.mjs"))
        .current_dir(&dir)
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
        "{name}.mjs under rusk differs from Bun's output (exit {:?})\n--- expected\n{expected}\n--- got\n{}",
        out.status.code(),
        common::text(&out)
    );
}

macro_rules! packages {
    ($($test:ident => $script:literal,)*) => {
        $(#[test] fn $test() { check($script); })*
    };
}

packages! {
    ajv => "ajv",
    axios => "axios",
    chalk => "chalk",
    clack_prompts => "clack-prompts",
    commander => "commander",
    cross_spawn => "cross-spawn",
    date_fns => "date-fns",
    debug => "debug",
    execa => "execa",
    fast_glob => "fast-glob",
    fs_extra => "fs-extra",
    glob => "glob",
    lodash => "lodash",
    nanoid => "nanoid",
    ora => "ora",
    rxjs => "rxjs",
    semver => "semver",
    string_width => "string-width",
    uuid => "uuid",
    ws => "ws",
    yaml => "yaml",
    yargs => "yargs",
    zod => "zod",
}
