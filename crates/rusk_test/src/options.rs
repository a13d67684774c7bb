//! `rusk test`'s command line and the `[test]` table of `bunfig.toml`, Bun's flags and
//! spelling (`--bail=2` and `--bail 2` both work). Command-line flags win over bunfig.

use std::path::{Path, PathBuf};

/// Everything a run is configured with.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Files and directories named on the command line (or bunfig's `root`).
    pub roots: Vec<PathBuf>,
    /// Other arguments: file paths must contain one of them.
    pub filters: Vec<String>,
    pub name_pattern: Option<String>,
    /// Default per-test timeout in milliseconds.
    pub timeout: u64,
    /// Stop after this many failures.
    pub bail: Option<u64>,
    /// Run each file this many times.
    pub rerun_each: u64,
    /// Default retry count of every test (a test's own `{ retry }` wins).
    pub retry: u64,
    /// Run `test.todo()` tests that have a body (a passing one fails the run, as in Bun).
    pub todo: bool,
    /// Run only `.only` tests, across all files.
    pub only: bool,
    /// Modules imported before each test file, resolved from the working directory.
    pub preload: Vec<String>,
    pub update_snapshots: bool,
    /// Continuous integration (`CI` set): new snapshots are not written, `.only` is an error.
    pub ci: bool,
    /// `--reporter=junit --reporter-outfile=<path>`.
    pub junit: Option<PathBuf>,
    pub pass_with_no_tests: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            roots: Vec::new(),
            filters: Vec::new(),
            name_pattern: None,
            timeout: 5000,
            bail: None,
            rerun_each: 1,
            retry: 0,
            todo: false,
            only: false,
            preload: Vec::new(),
            update_snapshots: false,
            ci: false,
            junit: None,
            pass_with_no_tests: false,
        }
    }
}

/// Continuous integration, as Bun detects it: `CI` (unless `false`/`0`, which also overrides
/// the rest) or a CI service's own variable.
fn is_ci() -> bool {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if let Some(v) = var("CI") {
        return v != "false" && v != "0";
    }
    [
        "GITHUB_ACTIONS",
        "GITLAB_CI",
        "BUILDKITE",
        "CIRCLECI",
        "TRAVIS",
        "JENKINS_URL",
        "TF_BUILD",
        "TEAMCITY_VERSION",
        "APPVEYOR",
        "BITBUCKET_BUILD_NUMBER",
        "DRONE",
        "CODEBUILD_BUILD_ID",
    ]
    .iter()
    .any(|name| var(name).is_some())
}

fn number(flag: &str, v: &str) -> Result<u64, String> {
    v.parse()
        .map_err(|_| format!("{flag}: '{v}' is not a whole number"))
}

/// Parses `args` (after `test`) in `cwd`, starting from the `[test]` table of
/// `cwd/bunfig.toml` when there is one.
pub fn parse(args: &[String], cwd: &Path) -> Result<Options, String> {
    let mut opts = Options {
        ci: is_ci(),
        ..Options::default()
    };
    let mut bunfig_root = None;
    if let Ok(text) = std::fs::read_to_string(cwd.join("bunfig.toml")) {
        bunfig_root = apply_bunfig(&mut opts, &text)?;
    }
    let mut reporter = None;
    let mut it = args.iter().peekable();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        // The flag's value: after `=`, else the next argument.
        let mut value = |what: &str| -> Result<String, String> {
            match &inline {
                Some(v) => Ok(v.clone()),
                None => it.next().cloned().ok_or(format!("{flag} needs {what}")),
            }
        };
        match flag {
            "-t" | "--test-name-pattern" => opts.name_pattern = Some(value("a pattern")?),
            "--timeout" => opts.timeout = number(flag, &value("a number of milliseconds")?)?,
            "--rerun-each" => opts.rerun_each = number(flag, &value("a number")?)?.max(1),
            "--retry" => opts.retry = number(flag, &value("a number")?)?,
            "--preload" | "-r" => opts.preload.push(value("a module")?),
            "--reporter" => reporter = Some(value("a reporter name")?),
            "--reporter-outfile" => opts.junit = Some(PathBuf::from(value("a file path")?)),
            "--bail" => {
                // `--bail` alone is 1; `--bail 3` takes the number when one follows.
                let n = match &inline {
                    Some(v) => number(flag, v)?,
                    None => match it.peek().and_then(|v| v.parse::<u64>().ok()) {
                        Some(n) => {
                            it.next();
                            n
                        }
                        None => 1,
                    },
                };
                opts.bail = Some(n.max(1));
            }
            "--todo" => opts.todo = true,
            "--only" => opts.only = true,
            "-u" | "--update-snapshots" => opts.update_snapshots = true,
            "--pass-with-no-tests" => opts.pass_with_no_tests = true,
            "--coverage" | "--coverage-reporter" | "--coverage-dir" => {
                return Err(format!(
                    "{flag}: code coverage is not supported by rusk test (QuickJS has no coverage instrumentation)"
                ))
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s => {
                let p = cwd.join(s);
                if p.exists() {
                    opts.roots.push(p);
                } else {
                    opts.filters.push(s.to_string());
                }
            }
        }
    }
    match reporter.as_deref() {
        None => {
            // An outfile alone names where a JUnit report goes only with --reporter=junit.
            if opts.junit.is_some() {
                return Err("--reporter-outfile needs --reporter=junit".into());
            }
        }
        Some("junit") if opts.junit.is_none() => {
            return Err(
                "--reporter=junit requires --reporter-outfile [file] to specify where to save the XML report"
                    .into(),
            )
        }
        Some("junit") => {}
        Some(other) => {
            return Err(format!(
                "unsupported reporter '{other}' (rusk test has the console output and 'junit')"
            ))
        }
    }
    if opts.roots.is_empty() {
        if let Some(root) = bunfig_root {
            opts.roots.push(cwd.join(root));
        }
    }
    Ok(opts)
}

/// Applies `[test]` of a bunfig.toml: `preload` (a string or a list), `timeout`, `root`, `bail`,
/// `retry`. Returns the `root`, which applies only when no path is given.
fn apply_bunfig(opts: &mut Options, text: &str) -> Result<Option<String>, String> {
    let doc: toml::Table = text.parse().map_err(|e| format!("bunfig.toml: {e}"))?;
    let Some(test) = doc.get("test").and_then(|t| t.as_table()) else {
        return Ok(None);
    };
    let bad = |key: &str, what: &str| format!("bunfig.toml: [test] {key} must be {what}");
    if let Some(v) = test.get("preload") {
        match v {
            toml::Value::String(s) => opts.preload.push(s.clone()),
            toml::Value::Array(list) => {
                for item in list {
                    let s = item
                        .as_str()
                        .ok_or_else(|| bad("preload", "a string or a list of strings"))?;
                    opts.preload.push(s.to_string());
                }
            }
            _ => return Err(bad("preload", "a string or a list of strings")),
        }
    }
    let count = |key: &str| -> Result<Option<u64>, String> {
        match test.get(key) {
            None => Ok(None),
            Some(toml::Value::Integer(n)) if *n >= 0 => Ok(Some(*n as u64)),
            Some(_) => Err(bad(key, "a whole number")),
        }
    };
    if let Some(ms) = count("timeout")? {
        opts.timeout = ms;
    }
    if let Some(n) = count("retry")? {
        opts.retry = n;
    }
    match test.get("bail") {
        None | Some(toml::Value::Boolean(false)) => {}
        Some(toml::Value::Boolean(true)) => opts.bail = Some(1),
        Some(toml::Value::Integer(n)) if *n > 0 => opts.bail = Some(*n as u64),
        Some(_) => return Err(bad("bail", "true or a number of failures")),
    }
    match test.get("root") {
        None => Ok(None),
        Some(toml::Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(bad("root", "a string")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn flags_in_both_spellings() {
        let cwd = std::env::temp_dir();
        let o = parse(
            &args(&[
                "--bail",
                "--timeout=20",
                "--rerun-each",
                "3",
                "-u",
                "--todo",
            ]),
            &cwd,
        )
        .expect("valid flags");
        assert_eq!(o.bail, Some(1));
        assert_eq!(o.timeout, 20);
        assert_eq!(o.rerun_each, 3);
        assert!(o.update_snapshots && o.todo && !o.only);
        let o = parse(&args(&["--bail=4", "--retry", "2"]), &cwd).expect("valid flags");
        assert_eq!((o.bail, o.retry), (Some(4), 2));
        let o = parse(&args(&["--bail", "2"]), &cwd).expect("valid flags");
        assert_eq!(o.bail, Some(2));
    }

    #[test]
    fn bad_flags_are_errors_naming_the_flag() {
        let cwd = std::env::temp_dir();
        let e = parse(&args(&["--timeout=abc"]), &cwd).unwrap_err();
        assert!(e.contains("--timeout") && e.contains("abc"), "{e}");
        let e = parse(&args(&["--reporter=junit"]), &cwd).unwrap_err();
        assert!(e.contains("--reporter-outfile"), "{e}");
        let e = parse(&args(&["--coverage"]), &cwd).unwrap_err();
        assert!(e.contains("not supported"), "{e}");
        let e = parse(&args(&["--frobnicate"]), &cwd).unwrap_err();
        assert!(e.contains("--frobnicate"), "{e}");
    }

    #[test]
    fn bunfig_test_table() {
        let mut o = Options::default();
        let root = apply_bunfig(
            &mut o,
            "[test]\npreload = [\"./a.ts\", \"./b.ts\"]\ntimeout = 50\nroot = \"src\"\nbail = true\n",
        )
        .expect("valid bunfig");
        assert_eq!(root.as_deref(), Some("src"));
        assert_eq!(o.preload, vec!["./a.ts".to_string(), "./b.ts".to_string()]);
        assert_eq!((o.timeout, o.bail), (50, Some(1)));
        let e = apply_bunfig(&mut o, "[test]\ntimeout = \"x\"\n").unwrap_err();
        assert!(e.contains("timeout"), "{e}");
    }
}
