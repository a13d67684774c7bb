//! `rusk:test/native`: what the test library needs from the host — reading and writing
//! snapshot files (and the test files whose inline snapshots it rewrites), whether output
//! goes to a terminal (colours), the host name (JUnit reports) and file sizes (`Bun.file()`
//! in toHaveLength/toBeEmpty).

use rquickjs::module::{Declarations, Exports, ModuleDef};
use rquickjs::{Ctx, Exception, Function};

pub struct NativeTest;

const NAMES: &[&str] = &["readFile", "writeFile", "isatty", "hostname", "fileSize"];

impl ModuleDef for NativeTest {
    fn declare(decl: &Declarations) -> rquickjs::Result<()> {
        for name in NAMES {
            decl.declare(*name)?;
        }
        Ok(())
    }

    fn evaluate<'js>(ctx: &Ctx<'js>, exports: &Exports<'js>) -> rquickjs::Result<()> {
        exports.export("readFile", Function::new(ctx.clone(), read_file)?)?;
        exports.export("writeFile", Function::new(ctx.clone(), write_file)?)?;
        exports.export("isatty", Function::new(ctx.clone(), isatty)?)?;
        exports.export("hostname", Function::new(ctx.clone(), hostname)?)?;
        exports.export("fileSize", Function::new(ctx.clone(), file_size)?)?;
        Ok(())
    }
}

/// The file's text, or `null` when it does not exist (a snapshot file not written yet).
fn read_file(ctx: Ctx<'_>, path: String) -> rquickjs::Result<Option<String>> {
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Exception::throw_message(
            &ctx,
            &format!("cannot read {path}: {e}"),
        )),
    }
}

/// Writes `text` to `path`, creating its directory (`__snapshots__/`) when missing.
fn write_file(ctx: Ctx<'_>, path: String, text: String) -> rquickjs::Result<()> {
    let p = std::path::Path::new(&path);
    let result = match p.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => std::fs::create_dir_all(dir),
        _ => Ok(()),
    }
    .and_then(|()| std::fs::write(p, text));
    result.map_err(|e| Exception::throw_message(&ctx, &format!("cannot write {path}: {e}")))
}

/// Whether descriptor 0, 1 or 2 is a terminal.
fn isatty(fd: i32) -> bool {
    use std::io::IsTerminal;
    match fd {
        0 => std::io::stdin().is_terminal(),
        1 => std::io::stdout().is_terminal(),
        2 => std::io::stderr().is_terminal(),
        _ => false,
    }
}

/// The machine's name, as the JUnit report records it.
fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "localhost".to_string())
}

/// The size of the file at `path`, or `null` when there is none (toHaveLength of `Bun.file()`).
fn file_size(path: String) -> Option<f64> {
    std::fs::metadata(path)
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len() as f64)
}
