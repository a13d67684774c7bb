//! The runner: finds test files, runs each in a fresh runtime through the test library
//! (`js/`) and prints Bun's summary.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rusk_runtime::rquickjs::{Object, Value};
use rusk_runtime::RuntimeBuilder;

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
}

struct Options {
    roots: Vec<PathBuf>,
    filters: Vec<String>,
    name_pattern: Option<String>,
    timeout: u64,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut opts = Options {
        roots: Vec::new(),
        filters: Vec::new(),
        name_pattern: None,
        timeout: 5000,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-t" | "--test-name-pattern" => {
                opts.name_pattern = Some(it.next().ok_or("-t needs a pattern")?.clone());
            }
            "--timeout" => {
                let v = it
                    .next()
                    .ok_or("--timeout needs a number of milliseconds")?;
                opts.timeout = v
                    .parse()
                    .map_err(|_| format!("--timeout: '{v}' is not a number of milliseconds"))?;
            }
            s if s.starts_with("--timeout=") => {
                let v = &s["--timeout=".len()..];
                opts.timeout = v
                    .parse()
                    .map_err(|_| format!("--timeout: '{v}' is not a number of milliseconds"))?;
            }
            s if s.starts_with("--test-name-pattern=") => {
                opts.name_pattern = Some(s["--test-name-pattern=".len()..].to_string());
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s => {
                let p = Path::new(s);
                if p.exists() {
                    opts.roots.push(p.to_path_buf());
                } else {
                    opts.filters.push(s.to_string());
                }
            }
        }
    }
    Ok(opts)
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
pub fn main(args: &[String], make: MakeRuntime<'_>) -> i32 {
    run(args, make).0
}

/// Like [`main`], also returning the counts.
pub fn run(args: &[String], make: MakeRuntime<'_>) -> (i32, Totals) {
    let opts = match parse(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return (2, Totals::default());
        }
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut files = Vec::new();
    let roots = if opts.roots.is_empty() {
        vec![cwd.clone()]
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
    eprintln!("rusk test v{}", rusk_runtime::VERSION);
    if files.is_empty() {
        eprintln!(
            "error: no test files found (looked for *.test.*, *_test.*, *.spec.*, __tests__/)"
        );
        return (1, Totals::default());
    }
    let start = Instant::now();
    let mut totals = Totals::default();
    for file in &files {
        let abs = if file.is_absolute() {
            file.clone()
        } else {
            cwd.join(file)
        };
        let display = abs
            .strip_prefix(&cwd)
            .unwrap_or(&abs)
            .to_string_lossy()
            .into_owned();
        run_file(&abs, &display, &opts, make, &mut totals);
        totals.files += 1;
    }
    let ran = totals.pass + totals.fail + totals.skip + totals.todo;
    eprintln!();
    eprintln!(" {} pass", totals.pass);
    if totals.skip > 0 {
        eprintln!(" {} skip", totals.skip);
    }
    if totals.todo > 0 {
        eprintln!(" {} todo", totals.todo);
    }
    eprintln!(" {} fail", totals.fail);
    if totals.errors > 0 {
        eprintln!(
            " {} error{}",
            totals.errors,
            if totals.errors == 1 { "" } else { "s" }
        );
    }
    if totals.filtered > 0 && opts.name_pattern.is_some() {
        eprintln!(" {} filtered out", totals.filtered);
    }
    eprintln!(" {} expect() calls", totals.expect_calls);
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    eprintln!(
        "Ran {ran} test{} across {} file{}. [{ms:.2}ms]",
        if ran == 1 { "" } else { "s" },
        totals.files,
        if totals.files == 1 { "" } else { "s" }
    );
    // Machine-readable line for tools (and the plain "N passed, N failed" convention).
    println!(
        "{} passed, {} failed",
        totals.pass,
        totals.fail + totals.errors
    );
    let code = if totals.fail > 0 || totals.errors > 0 || ran == 0 {
        1
    } else {
        0
    };
    (code, totals)
}

fn run_file(
    file: &Path,
    display: &str,
    opts: &Options,
    make: MakeRuntime<'_>,
    totals: &mut Totals,
) {
    let exe = std::env::args().next().unwrap_or_else(|| "rusk".into());
    let argv = vec![exe, file.to_string_lossy().into_owned()];
    let rt = match make().argv(argv).build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: {e}");
            totals.errors += 1;
            return;
        }
    };
    let js = |s: &str| serde_like_string(s);
    let pattern = opts.name_pattern.as_deref().map_or("null".to_string(), js);
    let driver = format!(
        "const internals = globalThis[Symbol.for('rusk.internals')];\n\
         const {{ run }} = await import('rusk:test/runner');\n\
         let loadError;\n\
         try {{ await import({file}); }} catch (e) {{ loadError = e; }}\n\
         const write = (s) => internals.write(2, s);\n\
         if (loadError !== undefined) {{\n\
           write('\\n' + {display} + ':\\n' + internals.formatUncaught(loadError) + '\\n');\n\
           globalThis.__ruskTestResult = {{ pass: 0, fail: 0, skip: 0, todo: 0, errors: 1, expectCalls: 0, filtered: 0 }};\n\
         }} else {{\n\
           globalThis.__ruskTestResult = await run({{ file: {file}, displayName: {display}, namePattern: {pattern}, timeout: {timeout}, write }});\n\
         }}\n\
         internals.stop();\n",
        file = js(&file.to_string_lossy()),
        display = js(display),
        timeout = opts.timeout,
    );
    let name = format!("{}.rusk-test-driver.mjs", file.to_string_lossy());
    let code = rt.eval_module(&name, &driver);
    let got = rt.with(|ctx| {
        let r: Option<Object> = ctx.globals().get("__ruskTestResult").ok();
        r.map(|r| {
            let n = |k: &str| -> u64 {
                r.get::<_, Value>(k)
                    .ok()
                    .and_then(|v| v.as_number())
                    .map_or(0, |f| f as u64)
            };
            (
                n("pass"),
                n("fail"),
                n("skip"),
                n("todo"),
                n("errors"),
                n("expectCalls"),
                n("filtered"),
            )
        })
    });
    match got {
        Some((pass, fail, skip, todo, errors, expect_calls, filtered)) => {
            totals.pass += pass;
            totals.fail += fail;
            totals.skip += skip;
            totals.todo += todo;
            totals.errors += errors;
            totals.expect_calls += expect_calls;
            totals.filtered += filtered;
        }
        None => {
            eprintln!("error: {display} did not finish (exit code {code})");
            totals.errors += 1;
        }
    }
}

/// A JS string literal for `s`.
fn serde_like_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
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
}
