//! The `rusk` command line: a thin layer over `rusk_runtime` (the library half of this crate
//! holds what tests and embedders reuse: the built-in module set and the test runner).

// The C `main` below is the entry point, without Rust's runtime start-up: see `main`.
#![no_main]

use std::path::Path;

use rusk::{builder, test_runner};

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

/// The process's entry point, called by the C library. Rust's own start-up (`lang_start`)
/// would first find the main thread's stack guard by reading `/proc/self/maps` (7 system calls
/// and ~110 k instructions, a twentieth of a `console.log(1)`) to print a message on stack
/// overflow; without it an overflow is the plain `SIGSEGV` it is anyway. What else that start-up
/// does, rusk does here: standard descriptors that are closed are opened on `/dev/null` (so no
/// file the program opens becomes its stdout), and `SIGPIPE` is ignored (a closed pipe is an
/// `EPIPE` error, not the end of the process). `std::env::args` needs no start-up on Linux.
#[no_mangle]
pub extern "C" fn main(
    _argc: std::ffi::c_int,
    _argv: *const *const std::ffi::c_char,
) -> std::ffi::c_int {
    for fd in 0..3 {
        // SAFETY: fcntl(F_GETFD) only reads the descriptor's flags; open() makes a new one.
        unsafe {
            if libc::fcntl(fd, libc::F_GETFD) == -1
                && std::io::Error::last_os_error().raw_os_error() == Some(libc::EBADF)
            {
                libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
            }
        }
    }
    // SAFETY: setting a signal's disposition to SIG_IGN installs no handler code.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
    // A panic must not unwind out of a C function: report it (the hook printed it) with
    // Rust's exit code for a panic.
    std::panic::catch_unwind(run).unwrap_or(101)
}

fn run() -> std::ffi::c_int {
    rusk_runtime::trace::mark("main");
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
        Some("test") => test_runner::main(&rest[1..], &builder),
        Some("types") => types(&rest[1..]),
        Some(flag) if flag.starts_with('-') => usage_error(&format!("unknown option {flag}")),
        Some(file) => run_file(&exe, file, &rest[1..]),
    };
    code.clamp(0, 255)
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
    let code = match rt.run_main(path) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    };
    rt.exit_process(code)
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
    let mut out = String::from(
        "// TypeScript declarations of rusk's built-in native classes (generated by rusk_bindgen).\n\
         // Types the class declarations refer to:\n\
         type Pointer = number;\n\
         interface FFIFunction {\n  args?: readonly (number | string)[];\n  returns?: number | string;\n  threadsafe?: boolean;\n}\n\n\
         // rusk:ffi (also bun:ffi): crates/rusk_ffi/src/ffi.classes.ts\n",
    );
    out.push_str(rusk_ffi::CLASS_DECLARATIONS);
    out.push_str(
        "\n// Web globals (TextEncoder, TextDecoder): crates/rusk_node/src/encoding.classes.ts\n",
    );
    out.push_str(rusk_node::CLASSES_DTS);
    out
}
