//! The runner: finds test files, runs each in a fresh runtime through the test library
//! (`js/`) and prints Bun's summary.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rusk_runtime::rquickjs::{Object, Value};
use rusk_runtime::RuntimeBuilder;

use crate::options::{self, Options};

/// Makes the runtime each test file runs in (a fresh one per file).
pub type MakeRuntime<'a> = &'a dyn Fn() -> RuntimeBuilder;

/// What a run counted, summed over its files.
#[derive(Default, Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub pass: u64,
    pub fail: u64,
    pub skip: u64,
    pub todo: u64,
    /// Errors outside tests (a file that fails to load, an uncaught error between tests).
    pub errors: u64,
    pub expect_calls: u64,
    pub filtered: u64,
    pub files: u64,
    pub snapshots: SnapshotCounts,
}

/// What the files' snapshot matchers did (Bun's `snapshots:` summary line).
#[derive(Default, Debug, Clone, PartialEq, Eq)]
pub struct SnapshotCounts {
    /// Every snapshot matcher call that was named (file and inline).
    pub total: u64,
    pub passed: u64,
    /// New snapshots written (with `-u` every file snapshot is written anew).
    pub added: u64,
    pub failed: u64,
    /// Snapshot files or test files that could not be written: the run fails.
    pub write_errors: u64,
}

/// One file's contribution, read back from the library's result object.
#[derive(Default)]
struct FileResult {
    pass: u64,
    fail: u64,
    skip: u64,
    todo: u64,
    errors: u64,
    expect_calls: u64,
    filtered: u64,
    bailed: bool,
    snapshots: SnapshotCounts,
    /// The file's `<testsuite>` element (with `--reporter=junit`).
    junit: Option<String>,
    /// `(skip|todo|fail) name` lines (with their `^ note`), for the closing recap.
    recap: Vec<String>,
}

/// True for `*.test.*`, `*_test.*`, `*.spec.*` and files under `__tests__/` with a JS/TS extension.
pub fn is_test_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let exts = [".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx", ".jsx"];
    let Some(ext) = exts.iter().find(|e| name.ends_with(*e)) else {
        return false;
    };
    let stem = &name[..name.len() - ext.len()];
    stem.ends_with(".test")
        || stem.ends_with("_test")
        || stem.ends_with(".spec")
        || stem.ends_with("_spec")
        || path.components().any(|c| c.as_os_str() == "__tests__")
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            if name != "node_modules" && !name.starts_with('.') && name != "target" {
                collect(&p, out);
            }
        } else if is_test_file(&p) {
            out.push(p);
        }
    }
}

/// `rusk test <args>` with runtimes from `make`; prints Bun's report and returns the exit code.
/// For a process that ends right after: the last file's runtime is not torn down (freeing the
/// engine was ~14% of a small file's run).
pub fn main(args: &[String], make: MakeRuntime<'_>) -> i32 {
    run_files(args, make, false).0
}

/// Like [`main`], also returning the counts; every runtime is torn down (for embedders and
/// tests that go on after the run).
pub fn run(args: &[String], make: MakeRuntime<'_>) -> (i32, Totals) {
    run_files(args, make, true)
}

fn run_files(args: &[String], make: MakeRuntime<'_>, teardown_last: bool) -> (i32, Totals) {
    let cwd = std::env::current_dir().unwrap_or_default();
    let opts = match options::parse(args, &cwd) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return (2, Totals::default());
        }
    };
    let files = test_files(&opts, &cwd);
    // Bun names itself on stdout; the report goes to stderr.
    println!("rusk test v{}", rusk_runtime::VERSION);
    if files.is_empty() {
        eprintln!(
            "error: no test files found (looked for *.test.*, *_test.*, *.spec.*, __tests__/)"
        );
        let code = if opts.pass_with_no_tests { 0 } else { 1 };
        return (code, Totals::default());
    }
    let start = Instant::now();
    let mut totals = Totals::default();
    let mut junit = Vec::new();
    let mut recap = Vec::new();
    let mut bailed = false;
    'files: for file in &files {
        let display = file
            .strip_prefix(&cwd)
            .unwrap_or(file)
            .to_string_lossy()
            .into_owned();
        for run_index in 1..=opts.rerun_each {
            let remaining = opts
                .bail
                .map(|n| n.saturating_sub(totals.fail + totals.errors));
            let last = !teardown_last
                && run_index == opts.rerun_each
                && std::ptr::eq(file, files.last().unwrap_or(file));
            let r = run_file(file, &display, run_index, remaining, &opts, make, last);
            add(&mut totals, &r);
            junit.extend(r.junit);
            recap.extend(r.recap);
            if r.bailed {
                bailed = true;
                totals.files += 1;
                break 'files;
            }
        }
        totals.files += 1;
    }
    let elapsed = start.elapsed().as_secs_f64();
    print_summary(&totals, &opts, elapsed * 1000.0, bailed, &recap);
    if let Some(path) = &opts.junit {
        if let Err(e) = crate::junit::write(path, &junit, &totals, elapsed) {
            eprintln!(
                "error: cannot write the JUnit report to {}: {e}",
                path.display()
            );
            totals.errors += 1;
        }
    }
    let ran = totals.pass + totals.fail + totals.skip + totals.todo;
    let failed = totals.fail > 0 || totals.errors > 0 || totals.snapshots.write_errors > 0;
    let code = if failed || (ran == 0 && !opts.pass_with_no_tests) {
        1
    } else {
        0
    };
    (code, totals)
}

/// The files to run: paths given (files as they are, directories searched), else the working
/// directory; then only those whose path contains one of the filters.
fn test_files(opts: &Options, cwd: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let roots = if opts.roots.is_empty() {
        vec![cwd.to_path_buf()]
    } else {
        opts.roots.clone()
    };
    for root in &roots {
        if root.is_file() {
            files.push(root.clone());
        } else {
            collect(root, &mut files);
        }
    }
    if !opts.filters.is_empty() {
        files.retain(|f| {
            opts.filters
                .iter()
                .any(|flt| f.to_string_lossy().contains(flt.as_str()))
        });
    }
    files
}

fn add(totals: &mut Totals, r: &FileResult) {
    totals.pass += r.pass;
    totals.fail += r.fail;
    totals.skip += r.skip;
    totals.todo += r.todo;
    totals.errors += r.errors;
    totals.expect_calls += r.expect_calls;
    totals.filtered += r.filtered;
    totals.snapshots.total += r.snapshots.total;
    totals.snapshots.passed += r.snapshots.passed;
    totals.snapshots.added += r.snapshots.added;
    totals.snapshots.failed += r.snapshots.failed;
    totals.snapshots.write_errors += r.snapshots.write_errors;
}

/// Bun's closing lines (on stderr, in one write: stderr is unbuffered).
fn print_summary(totals: &Totals, opts: &Options, ms: f64, bailed: bool, recap: &[String]) {
    let mut out = String::new();
    let ran = totals.pass + totals.fail + totals.skip + totals.todo;
    let plural = |n: u64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let ran_line = format!(
        "Ran {} across {}. [{ms:.2}ms]",
        plural(ran, "test"),
        plural(totals.files, "file")
    );
    if bailed {
        // Bun stops the report where it stopped the run.
        let _ = writeln!(out, "{ran_line}");
        let _ = writeln!(
            out,
            "Bailed out after {}",
            plural(totals.fail + totals.errors, "failure")
        );
    } else {
        // A run of more than 21 tests repeats the tests that did not pass, by kind (Bun's
        // threshold, and its "1 tests" spelling).
        let mut recapped = false;
        if totals.pass + totals.fail > 21 {
            for (kind, word) in [
                ("(skip)", "skipped"),
                ("(todo)", "todo"),
                ("(fail)", "failed"),
            ] {
                let lines: Vec<&String> = recap.iter().filter(|l| l.starts_with(kind)).collect();
                if lines.is_empty() {
                    continue;
                }
                if recapped {
                    out.push('\n');
                }
                out.push('\n');
                let _ = writeln!(out, "{} tests {word}:", lines.len());
                for line in lines {
                    let _ = writeln!(out, "{line}");
                }
                recapped = true;
            }
        }
        out.push('\n');
        let _ = writeln!(out, " {} pass", totals.pass);
        if totals.skip > 0 {
            let _ = writeln!(out, " {} skip", totals.skip);
        }
        if totals.todo > 0 {
            let _ = writeln!(out, " {} todo", totals.todo);
        }
        let _ = writeln!(out, " {} fail", totals.fail);
        if totals.errors > 0 {
            let _ = writeln!(out, " {}", plural(totals.errors, "error"));
        }
        if totals.filtered > 0 && opts.name_pattern.is_some() {
            let _ = writeln!(out, " {} filtered out", totals.filtered);
        }
        // Bun leaves the line out when no expect() ran.
        if totals.expect_calls > 0 || totals.snapshots.total > 0 {
            let _ = writeln!(
                out,
                "{}",
                expect_line(&totals.snapshots, totals.expect_calls)
            );
        }
        let _ = writeln!(out, "{ran_line}");
    }
    eprint!("{out}");
}

/// The summary's last count, as Bun prints it: ` N expect() calls`, preceded by the snapshot
/// counts — ` T snapshots, N expect() calls` when all snapshots matched, else a
/// `snapshots: P passed, A added, F failed` line (only the non-zero parts; `+A added` when
/// nothing passed).
fn expect_line(s: &SnapshotCounts, expect_calls: u64) -> String {
    let calls = format!(" {expect_calls} expect() calls");
    if s.added == 0 && s.failed == 0 {
        return if s.total == 0 {
            calls
        } else {
            format!(" {} snapshots,{calls}", s.total)
        };
    }
    let mut parts = Vec::new();
    if s.passed > 0 {
        parts.push(format!("{} passed", s.passed));
    }
    if s.added > 0 {
        let sign = if s.passed == 0 { "+" } else { "" };
        parts.push(format!("{sign}{} added", s.added));
    }
    if s.failed > 0 {
        parts.push(format!("{} failed", s.failed));
    }
    format!("snapshots: {}\n{calls}", parts.join(", "))
}

fn run_file(
    file: &Path,
    display: &str,
    run_index: u64,
    bail_remaining: Option<u64>,
    opts: &Options,
    make: MakeRuntime<'_>,
    last: bool,
) -> FileResult {
    let exe = std::env::args().next().unwrap_or_else(|| "rusk".into());
    let argv = vec![exe, file.to_string_lossy().into_owned()];
    let rt = match make().argv(argv).build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: {e}");
            return FileResult {
                errors: 1,
                ..FileResult::default()
            };
        }
    };
    let name = format!("{}.rusk-test-driver.mjs", file.to_string_lossy());
    let code = rt.eval_module(
        &name,
        &driver_source(file, display, run_index, bail_remaining, opts),
    );
    let got = rt.with(|ctx| {
        let r: Option<Object> = ctx.globals().get("__ruskTestResult").ok();
        r.map(|r| read_result(&r))
    });
    // The CLI's last file: the process ends right after the summary (see `main`).
    if last {
        rt.forget();
    }
    got.unwrap_or_else(|| {
        eprintln!("error: {display} did not finish (exit code {code})");
        FileResult {
            errors: 1,
            ..FileResult::default()
        }
    })
}

/// The module that runs one file: configures the library, imports the preloads and the file
/// (tests register themselves), runs them, and leaves the counts in `__ruskTestResult`.
fn driver_source(
    file: &Path,
    display: &str,
    run_index: u64,
    bail_remaining: Option<u64>,
    opts: &Options,
) -> String {
    let js = |s: &str| js_string(s);
    let cwd = std::env::current_dir().unwrap_or_default();
    let preloads: Vec<String> = opts
        .preload
        .iter()
        .map(|p| {
            // Relative preloads are relative to the working directory, like Bun's.
            if p.starts_with("./") || p.starts_with("../") {
                js(&cwd.join(p).to_string_lossy())
            } else {
                js(p)
            }
        })
        .collect();
    let header = if opts.rerun_each > 1 {
        format!("{display}: (run #{run_index})")
    } else {
        format!("{display}:")
    };
    let options = format!(
        "{{ file: {file}, displayName: {display}, header: {header}, namePattern: {pattern}, \
         timeout: {timeout}, retry: {retry}, todo: {todo}, only: {only}, ci: {ci}, \
         updateSnapshots: {update}, bail: {bail}, junit: {junit} }}",
        file = js(&file.to_string_lossy()),
        display = js(display),
        header = js(&header),
        pattern = opts.name_pattern.as_deref().map_or("null".to_string(), js),
        timeout = opts.timeout,
        retry = opts.retry,
        todo = opts.todo,
        only = opts.only,
        ci = opts.ci,
        update = opts.update_snapshots,
        bail = bail_remaining.map_or("null".to_string(), |n| n.to_string()),
        junit = opts.junit.is_some(),
    );
    format!(
        "import {{ runFile }} from 'rusk:test/runner';\n\
         globalThis.__ruskTestResult = await runFile({options}, async () => {{\n\
           for (const p of [{preloads}]) await import(p);\n\
           await import({file});\n\
         }});\n\
         globalThis[Symbol.for('rusk.internals')].stop();\n",
        preloads = preloads.join(", "),
        file = js(&file.to_string_lossy()),
    )
}

fn read_result(r: &Object<'_>) -> FileResult {
    let n = |o: &Object<'_>, k: &str| -> u64 {
        o.get::<_, Value>(k)
            .ok()
            .and_then(|v| v.as_number())
            .map_or(0, |f| f as u64)
    };
    let snapshots = match r.get::<_, Object>("snapshots") {
        Ok(s) => SnapshotCounts {
            total: n(&s, "total"),
            passed: n(&s, "passed"),
            added: n(&s, "added"),
            failed: n(&s, "failed"),
            write_errors: n(&s, "writeErrors"),
        },
        Err(_) => SnapshotCounts::default(),
    };
    FileResult {
        pass: n(r, "pass"),
        fail: n(r, "fail"),
        skip: n(r, "skip"),
        todo: n(r, "todo"),
        errors: n(r, "errors"),
        expect_calls: n(r, "expectCalls"),
        filtered: n(r, "filtered"),
        bailed: r.get::<_, bool>("bailed").unwrap_or(false),
        snapshots,
        junit: r.get::<_, Option<String>>("junit").ok().flatten(),
        recap: r.get::<_, Vec<String>>("recap").unwrap_or_default(),
    }
}

/// A JS string literal for `s`.
fn js_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_test_files() {
        assert!(is_test_file(Path::new("a/b.test.ts")));
        assert!(is_test_file(Path::new("a/b_test.js")));
        assert!(is_test_file(Path::new("a/b.spec.mjs")));
        assert!(is_test_file(Path::new("a/__tests__/x.ts")));
        assert!(!is_test_file(Path::new("a/b.ts")));
        assert!(!is_test_file(Path::new("a/b.test.json")));
    }

    #[test]
    fn snapshot_counts_in_the_summary_as_bun_prints_them() {
        let mut s = SnapshotCounts::default();
        assert_eq!(expect_line(&s, 3), " 3 expect() calls");
        s.total = 2;
        s.passed = 2;
        assert_eq!(expect_line(&s, 3), " 2 snapshots, 3 expect() calls");
        s.added = 1;
        assert_eq!(
            expect_line(&s, 3),
            "snapshots: 2 passed, 1 added\n 3 expect() calls"
        );
        s.passed = 0;
        s.failed = 1;
        assert_eq!(
            expect_line(&s, 3),
            "snapshots: +1 added, 1 failed\n 3 expect() calls"
        );
    }

    #[test]
    fn js_strings_escape_what_would_break_the_literal() {
        assert_eq!(js_string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(js_string("\u{2028}"), "\"\\u2028\"");
    }
}
