//! Runs rusk's JS-level test suites through `rusk test`, and the CLI's error paths through
//! `rusk run`, so `cargo test --workspace` covers the JavaScript behaviour too.

mod common;

use std::path::Path;

use common::{fixture, rusk, text};

/// Runs `rusk test <path>` and checks it passed with at least `min_pass` tests.
fn suite(path: &str, min_pass: u64) {
    suite_with_env(path, min_pass, &[]);
}

fn suite_with_env(path: &str, min_pass: u64, env: &[(&str, &str)]) {
    let o = rusk()
        .args(["test", path])
        .env("FFI_FIXTURE", fixture())
        .envs(env.iter().copied())
        .output()
        .expect("run rusk");
    let t = text(&o);
    // Bun's summary lines: " 12 pass", " 0 fail".
    let count = |what: &str| {
        t.lines()
            .find_map(|l| l.strip_prefix(' ')?.strip_suffix(what))
            .and_then(|n| n.parse::<u64>().ok())
    };
    let passed = count(" pass");
    assert!(o.status.success(), "rusk test {path} failed:\n{t}");
    assert_eq!(count(" fail"), Some(0), "failures in {path}:\n{t}");
    let n = passed.unwrap_or_else(|| panic!("no summary in output:\n{t}"));
    assert!(n >= min_pass, "only {n} tests passed in {path}:\n{t}");
}

/// With code compiled on a signature's first call (RUSK_FFI_JIT_AFTER=0), so that the suite's
/// few calls of each mixed or wide signature go through it; the other runs below keep the
/// default (after 1,000 calls), and so the generic paths.
#[test]
fn ffi_suite() {
    suite_with_env("tests/ffi", 147, &[("RUSK_FFI_JIT_AFTER", "0")]);
}

/// The same suite with every call and callback through libffi (no direct calls, no
/// pre-compiled trampolines): both paths must give the same results.
#[test]
fn ffi_suite_through_libffi_only() {
    suite_with_env("tests/ffi", 147, &[("RUSK_FFI_NO_DIRECT", "1")]);
}

/// The same suite without code compiled per signature (jit.rs): mixed and wide signatures
/// take the generic fast paths, which must give the same results.
#[test]
fn ffi_suite_without_compiled_code() {
    suite_with_env("tests/ffi", 147, &[("RUSK_FFI_NO_JIT", "1")]);
}

#[test]
fn runtime_suite() {
    suite("tests/runtime", 35);
}

#[test]
fn node_suite() {
    suite("tests/node", 1100);
}

/// The test library's own behaviour (matchers, equality, output, mocks, fake timers,
/// snapshots, the runner's flags): these files also pass under Bun.
#[test]
fn testlib_suite() {
    suite("tests/testlib", 260);
}

#[test]
fn gc_suite() {
    suite("tests/gc", 91);
}

/// Every JS suite once more with the engine collecting garbage after every allocation it makes
/// (RUSK_GC_STRESS=1): a value the engine or rusk forgot to keep alive shows as a crash or a
/// wrong value here (tests/testlib's runs of `rusk test` inherit it). tests/runner is left
/// out (a fixture of expected failures); tests/bindgen runs under stress in
/// bindgen_classes.rs.
#[test]
fn gc_stress_suites() {
    let stress = [("RUSK_GC_STRESS", "1")];
    suite_with_env("tests/gc", 91, &stress);
    suite_with_env("tests/runtime", 35, &stress);
    suite_with_env("tests/ffi", 147, &stress);
    suite_with_env("tests/node", 1100, &stress);
    suite_with_env("tests/testlib", 260, &stress);
}

#[test]
fn test_runner_counts_match_bun() {
    // tests/runner/sample.test.js states the counts real Bun prints for it.
    let o = rusk()
        .args(["test", "tests/runner/sample.test.js"])
        .output()
        .expect("run rusk");
    let t = text(&o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "failing tests must give exit code 1:\n{t}"
    );
    for line in [
        " 30 pass",
        " 9 fail",
        " 4 skip",
        " 3 todo",
        " 125 expect() calls",
        "Ran 46 tests across 1 file.",
    ] {
        assert!(t.contains(line), "missing `{line}` in:\n{t}");
    }
    let o = rusk()
        .args(["test", "tests/runner/sample2.test.ts"])
        .output()
        .expect("run rusk");
    let t = text(&o);
    for line in [" 6 pass", " 4 fail", " 1 skip", " 9 expect() calls"] {
        assert!(t.contains(line), "missing `{line}` in:\n{t}");
    }
}

#[test]
fn test_runner_name_filter_and_no_tests() {
    let o = rusk()
        .args([
            "test",
            "tests/runtime/globals.test.ts",
            "-t",
            "structuredClone",
        ])
        .output()
        .expect("run rusk");
    let t = text(&o);
    assert!(o.status.success(), "{t}");
    assert!(t.contains(" 1 pass"), "{t}");
    let o = rusk()
        .args(["test", "no-such-filter-xyz"])
        .output()
        .expect("run rusk");
    assert_eq!(o.status.code(), Some(1), "no test found must fail");
}

fn run(file: &str, args: &[&str]) -> (i32, String) {
    let o = rusk()
        .arg("run")
        .arg(file)
        .args(args)
        .output()
        .expect("run rusk");
    (o.status.code().unwrap_or(-1), text(&o))
}

#[test]
fn uncaught_error_prints_ts_position_and_exits_1() {
    let (code, t) = run("tests/cli/throws.ts", &[]);
    assert_eq!(code, 1, "{t}");
    assert!(t.contains("Error: boom 1"), "{t}");
    // Line 4 of the .ts file, not of the stripped output.
    assert!(t.contains("tests/cli/throws.ts:4:"), "{t}");
    assert_eq!(t.matches("boom 1").count(), 1, "reported once: {t}");
}

#[test]
fn syntax_error_names_file_line_col() {
    let (code, t) = run("tests/cli/syntax.ts", &[]);
    assert_eq!(code, 1);
    assert!(
        t.contains("SyntaxError") && t.contains("tests/cli/syntax.ts:2:9"),
        "{t}"
    );
}

#[test]
fn unhandled_rejection_exits_1() {
    let (code, t) = run("tests/cli/reject.js", &[]);
    assert_eq!(code, 1);
    assert!(t.contains("nobody handles me"), "{t}");
}

#[test]
fn exit_codes() {
    let (code, t) = run("tests/cli/exit.js", &[]);
    assert_eq!(code, 3);
    assert!(t.contains("before") && !t.contains("after"), "{t}");
    let (code, t) = run("tests/cli/exitcode.mjs", &[]);
    assert_eq!(code, 4);
    assert!(t.contains("timer ran"), "{t}");
    let (code, t) = run("tests/cli/timer_throw.js", &[]);
    assert_eq!(code, 1);
    assert!(
        t.contains("TypeError: late") && t.contains("timer_throw.js:1:"),
        "{t}"
    );
}

#[test]
fn missing_files_and_imports_are_named() {
    let (code, t) = run("tests/cli/nope.ts", &[]);
    assert_eq!(code, 1);
    assert!(t.contains("nope.ts"), "{t}");
    let (code, t) = run("tests/cli/missing_import.js", &[]);
    assert_eq!(code, 1);
    assert!(
        t.contains("./does-not-exist.js") && t.contains("missing_import.js"),
        "{t}"
    );
}

#[test]
fn commonjs_entry_and_argv() {
    let (code, t) = run("tests/cli/main.cjs", &[]);
    assert_eq!(code, 0, "{t}");
    assert!(t.contains("99 object true"), "{t}");
    let (code, t) = run("tests/cli/argv.mts", &["a", "b"]);
    assert_eq!(code, 0, "{t}");
    assert!(t.contains("true a,b"), "{t}");
}

#[test]
fn eval_version_help() {
    let o = rusk()
        .args([
            "-e",
            "const n: number = await Promise.resolve(41); console.log(n + 1)",
        ])
        .output()
        .expect("run");
    assert!(o.status.success());
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "42");
    let o = rusk().arg("--version").output().expect("run");
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("rusk "));
    let o = rusk().arg("--help").output().expect("run");
    assert!(String::from_utf8_lossy(&o.stdout).contains("rusk test"));
    let o = rusk()
        .args(["-e", "throw new RangeError('bad')"])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("RangeError: bad"));
}

#[test]
fn types_prints_and_writes_the_generated_declarations() {
    let o = rusk().arg("types").output().expect("run rusk types");
    assert!(o.status.success(), "{}", text(&o));
    let dts = String::from_utf8_lossy(&o.stdout).into_owned();
    for needle in [
        "declare class JSCallback {",
        "constructor(callback: (...args: any[]) => any, definition: FFIFunction);",
        "readonly ptr: Pointer | null;",
        "[Symbol.dispose](): void;",
        "interface Library {",
        "readonly symbols: Record<string, (...args: any[]) => any>;",
        "type Pointer = number;",
        "declare class TextDecoder {",
        "decode(input?: ArrayBuffer | ArrayBufferView, options?: TextDecodeOptions): string;",
        "declare class TextEncoder {",
    ] {
        assert!(
            dts.contains(needle),
            "`rusk types` lacks {needle:?}:\n{dts}"
        );
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rusk-types-out");
    let _ = std::fs::remove_dir_all(&dir);
    let o = rusk()
        .args(["types", "--out"])
        .arg(&dir)
        .output()
        .expect("run rusk types --out");
    assert!(o.status.success(), "{}", text(&o));
    let written = std::fs::read_to_string(dir.join("rusk-builtins.d.ts")).expect("written .d.ts");
    assert_eq!(written, dts);
    let o = rusk().args(["types", "--bogus"]).output().expect("run");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
}

/// TypeScript is transformed once: the second run loads the result from the cache directory,
/// and stack positions still point into the .ts file. `RUSK_NO_TRANSPILE_CACHE` turns it off.
#[test]
fn transpiled_typescript_is_cached() {
    let cache = std::env::temp_dir().join(format!("rusk-transpile-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&cache);
    let run_with = |extra: &[(&str, &str)]| {
        let o = rusk()
            .args(["run", "tests/cli/throws.ts"])
            .env("RUSK_CACHE_DIR", &cache)
            .envs(extra.iter().copied())
            .output()
            .expect("run rusk");
        (o.status.code(), text(&o))
    };
    let entries = || {
        // (The `.pruned` stamp of cache pruning is not an entry.)
        std::fs::read_dir(cache.join("transpile"))
            .map(|d| {
                d.flatten()
                    .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                    .count()
            })
            .unwrap_or(0)
    };
    let (code, first) = run_with(&[("RUSK_NO_TRANSPILE_CACHE", "1")]);
    assert_eq!(code, Some(1), "{first}");
    assert_eq!(entries(), 0, "the cache was written although it is off");
    let (_, fresh) = run_with(&[]);
    assert_eq!(entries(), 1, "one entry for one file");
    let (_, cached) = run_with(&[]);
    assert_eq!(entries(), 1);
    for out in [&first, &fresh, &cached] {
        assert!(out.contains("Error: boom 1"), "{out}");
        assert!(
            out.contains("throws.ts:4:"),
            "position not mapped to the .ts line:\n{out}"
        );
    }
    let _ = std::fs::remove_dir_all(&cache);
}

// rusk's entry point is a C `main` (no Rust start-up): it does what that start-up did for
// the standard descriptors and SIGPIPE itself.
#[test]
fn a_closed_pipe_is_an_error_not_a_signal() {
    use std::io::{BufRead, BufReader};
    use std::os::unix::process::ExitStatusExt;
    let mut child = rusk()
        .args([
            "-e",
            "for (let i = 0; i < 200000; i++) console.log('line ' + i);",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run rusk");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("a first line");
    assert_eq!(first, "line 0\n");
    // The reader is gone: later writes fail with EPIPE.
    let status = child.wait().expect("rusk ends");
    assert_eq!(status.signal(), None, "killed by a signal: {status:?}");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn a_closed_stdout_is_not_reused_by_opened_files() {
    let dir = std::env::temp_dir().join(format!("rusk-closed-fd-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let file = dir.join("out.txt");
    let script = format!(
        "const fd = require('fs').openSync({:?}, 'w'); process.exitCode = fd > 2 ? 0 : 9;",
        file.to_string_lossy()
    );
    // `>&-` starts rusk with descriptor 1 closed.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" -e \"$1\" >&-")
        .arg(env!("CARGO_BIN_EXE_rusk"))
        .arg(&script)
        .status()
        .expect("run rusk through sh");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        status.code(),
        Some(0),
        "the file took a standard descriptor"
    );
}
