//! The `rusk` command line: a thin layer over `rusk_runtime`.

mod test_runner;

use std::path::Path;
use std::process::ExitCode;

use rusk_runtime::{Runtime, RuntimeBuilder};

const HELP: &str =
    "rusk — a small, fast JavaScript/TypeScript runtime with a bun:ffi-compatible FFI

Usage:
  rusk run <file> [args...]    run a .js/.mjs/.cjs/.ts/.mts/.cts program
  rusk <file> [args...]        same as `rusk run`
  rusk -e, --eval '<code>'     evaluate code (TypeScript allowed, top-level await)
  rusk test [paths|filters...] run tests (bun:test compatible)
      -t, --test-name-pattern <regex>   only tests whose name matches
      --timeout <ms>                    per-test timeout (default 5000)
  rusk types [--out <dir>]     print (or write) TypeScript declarations of built-in classes
  rusk --version, -v           print the version
  rusk --help, -h              print this help
";

/// The runtime with every built-in module of the rusk binary.
pub fn builder() -> RuntimeBuilder {
    rusk_ffi::register(Runtime::builder().js_module("rusk:test", rusk_runtime::TEST_MODULE_SOURCE))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let exe = args.first().cloned().unwrap_or_else(|| "rusk".into());
    let rest = &args[1.min(args.len())..];
    let code = match rest.first().map(String::as_str) {
        None | Some("--help" | "-h" | "help") => {
            print!("{HELP}");
            0
        }
        Some("--version" | "-v" | "version") => {
            println!("rusk {}", rusk_runtime::VERSION);
            0
        }
        Some("-e" | "--eval") => match rest.get(1) {
            Some(code) => eval(&exe, code, &rest[2..]),
            None => usage_error("-e needs code to evaluate"),
        },
        Some("run") => match rest.get(1) {
            Some(file) => run_file(&exe, file, &rest[2..]),
            None => usage_error("`rusk run` needs a file to run"),
        },
        Some("test") => test_runner::main(&rest[1..]),
        Some("types") => types(&rest[1..]),
        Some(flag) if flag.starts_with('-') => usage_error(&format!("unknown option {flag}")),
        Some(file) => run_file(&exe, file, &rest[1..]),
    };
    ExitCode::from(code.clamp(0, 255) as u8)
}

fn usage_error(msg: &str) -> i32 {
    eprintln!("error: {msg}\n\n{HELP}");
    2
}

fn run_file(exe: &str, file: &str, args: &[String]) -> i32 {
    let path = Path::new(file);
    let abs = std::env::current_dir()
        .map(|d| d.join(path))
        .unwrap_or_else(|_| path.to_path_buf());
    let mut argv = vec![exe.to_string(), abs.to_string_lossy().into_owned()];
    argv.extend(args.iter().cloned());
    let rt = match builder().argv(argv).build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    match rt.run_main(path) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}

fn eval(exe: &str, code: &str, args: &[String]) -> i32 {
    let mut argv = vec![exe.to_string()];
    argv.extend(args.iter().cloned());
    match builder().argv(argv).build() {
        Ok(rt) => {
            let cwd = std::env::current_dir().unwrap_or_default();
            rt.eval_module(&cwd.join("[eval]").to_string_lossy(), code)
        }
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}

fn types(args: &[String]) -> i32 {
    let dts = builtin_declarations();
    match args {
        [] => {
            print!("{dts}");
            0
        }
        [flag, dir] if flag == "--out" => {
            let dir = Path::new(dir);
            let path = dir.join("rusk-builtins.d.ts");
            match std::fs::create_dir_all(dir).and_then(|_| std::fs::write(&path, dts)) {
                Ok(()) => {
                    println!("wrote {}", path.display());
                    0
                }
                Err(e) => {
                    eprintln!("error: cannot write {}: {e}", path.display());
                    1
                }
            }
        }
        _ => usage_error("usage: rusk types [--out <dir>]"),
    }
}

/// TypeScript declarations of every built-in native class.
fn builtin_declarations() -> String {
    String::from("// TypeScript declarations of rusk's built-in native classes.\n")
}
