//! The npm compatibility suite: popular packages, pinned in tests/npm/package.json (and its
//! lockfile), each exercised by a deterministic script whose stdout must equal what Bun (and
//! Node 20) printed, recorded in tests/npm/expected/. The packages are installed with `npm ci`
//! the first time; without npm the tests are skipped with a message saying so.

mod common;

fn check(name: &str) {
    let dir = common::repo().join("tests/npm");
    if common::npm_installed(&dir, &["ci"], "npm compatibility suite") {
        common::assert_matches_recorded(&dir, &format!("{name}.mjs"), name);
    }
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
