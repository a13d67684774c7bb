//! Node/Bun-style module resolution: relative and absolute paths, `file:` URLs, extension and
//! `index` lookup, `node_modules` packages (`exports` with conditions, `main`, `module`) and
//! built-in module names (`node:` prefix optional, `bun:*` aliases of `rusk:*`).

use std::fs;
use std::path::{Component, Path, PathBuf};

use serde_json::Value as Json;

/// Whether the resolution is for `import` or `require` (selects `exports` conditions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Import,
    Require,
}

/// Why a specifier did not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveError {
    /// A Node built-in that rusk does not implement (`code: ERR_UNKNOWN_BUILTIN_MODULE`).
    UnknownBuiltin(String),
    /// Nothing found (`code: ERR_MODULE_NOT_FOUND`); the message names the specifier.
    NotFound(String),
}

impl ResolveError {
    pub fn message(&self) -> String {
        match self {
            ResolveError::UnknownBuiltin(name) => {
                format!("rusk does not implement the Node built-in \"node:{name}\" yet")
            }
            ResolveError::NotFound(m) => m.clone(),
        }
    }

    /// Node's error code for this failure.
    pub fn code(&self) -> &'static str {
        match self {
            ResolveError::UnknownBuiltin(_) => "ERR_UNKNOWN_BUILTIN_MODULE",
            ResolveError::NotFound(_) => "ERR_MODULE_NOT_FOUND",
        }
    }
}

/// Every module Node has built in (without `node:`), whether or not rusk implements it: a bare
/// `require("tty")` means Node's `tty`, never a file.
pub const NODE_BUILTINS: &[&str] = &[
    "assert",
    "assert/strict",
    "async_hooks",
    "buffer",
    "child_process",
    "cluster",
    "console",
    "constants",
    "crypto",
    "dgram",
    "diagnostics_channel",
    "dns",
    "dns/promises",
    "domain",
    "events",
    "fs",
    "fs/promises",
    "http",
    "http2",
    "https",
    "inspector",
    "inspector/promises",
    "module",
    "net",
    "os",
    "path",
    "path/posix",
    "path/win32",
    "perf_hooks",
    "process",
    "punycode",
    "querystring",
    "readline",
    "readline/promises",
    "repl",
    "stream",
    "stream/consumers",
    "stream/promises",
    "stream/web",
    "string_decoder",
    "sys",
    "timers",
    "timers/promises",
    "tls",
    "trace_events",
    "tty",
    "url",
    "util",
    "util/types",
    "v8",
    "vm",
    "wasi",
    "worker_threads",
    "zlib",
    "sqlite",
    "test",
    "test/reporters",
    "sea",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A built-in module, by its canonical name (`fs`, `rusk:ffi`, ...).
    Builtin(String),
    File(PathBuf),
}

/// Extensions tried, in order, when a specifier names a file without one.
pub const EXTENSIONS: &[&str] = &["ts", "tsx", "mts", "cts", "js", "mjs", "cjs", "jsx", "json"];

/// Returns the canonical name of a built-in module, if `specifier` names one.
/// `builtins` is the set of names registered with the runtime.
pub fn builtin_name(specifier: &str, builtins: &dyn Fn(&str) -> bool) -> Option<String> {
    let canonical = match specifier {
        "bun:ffi" => "rusk:ffi".to_string(),
        "bun:test" => "rusk:test".to_string(),
        "bun" => "rusk:bun".to_string(),
        "bun:jsc" => "rusk:jsc".to_string(),
        // Node's newer modules exist only with the scheme: a bare `ffi` is an npm package.
        s if SCHEME_ONLY.contains(&s) => return None,
        s => s.strip_prefix("node:").unwrap_or(s).to_string(),
    };
    builtins(&canonical).then_some(canonical)
}

/// Built-ins Node names only as `node:x` (`require("ffi")` looks in node_modules).
const SCHEME_ONLY: &[&str] = &["ffi", "sea", "sqlite", "test", "test/reporters"];

/// A specifier that imports the built-in with canonical name `name`.
pub fn builtin_specifier(name: &str) -> String {
    if SCHEME_ONLY.contains(&name) {
        format!("node:{name}")
    } else {
        name.to_string()
    }
}

/// Resolves `specifier` imported from a module living in `referrer_dir`.
pub fn resolve(
    specifier: &str,
    referrer_dir: &Path,
    mode: Mode,
    builtins: &dyn Fn(&str) -> bool,
) -> Result<Resolved, ResolveError> {
    if let Some(name) = builtin_name(specifier, builtins) {
        return Ok(Resolved::Builtin(name));
    }
    if let Some(name) = specifier.strip_prefix("node:") {
        return Err(ResolveError::UnknownBuiltin(name.to_string()));
    }
    if specifier.starts_with("bun:") || specifier.starts_with("rusk:") {
        return Err(ResolveError::NotFound(format!(
            "Cannot find built-in module '{specifier}'"
        )));
    }
    if specifier.starts_with('#') {
        return resolve_imports(specifier, referrer_dir, mode, builtins);
    }
    let path_spec = if let Some(rest) = specifier.strip_prefix("file://") {
        Some(PathBuf::from(percent_decode(rest)))
    } else if specifier.starts_with('/') {
        Some(PathBuf::from(specifier))
    } else if specifier == "."
        || specifier == ".."
        || specifier.starts_with("./")
        || specifier.starts_with("../")
    {
        Some(referrer_dir.join(specifier))
    } else {
        None
    };
    if let Some(path) = path_spec {
        let path = normalize(&path);
        return resolve_file_or_dir(&path, mode)
            .map(Resolved::File)
            .ok_or_else(|| ResolveError::NotFound(format!("Cannot find module '{specifier}'")));
    }
    if let Some(found) = resolve_package(specifier, referrer_dir, mode) {
        return Ok(Resolved::File(found));
    }
    // A Node built-in rusk lacks: a polyfill package of the same name (tried above) stands in;
    // otherwise say what is missing rather than "Cannot find package".
    if NODE_BUILTINS.contains(&specifier) {
        return Err(ResolveError::UnknownBuiltin(specifier.to_string()));
    }
    Err(ResolveError::NotFound(format!(
        "Cannot find package '{specifier}'"
    )))
}

/// package.json `imports` (`#name` specifiers): the nearest package.json above the importing
/// module maps them, with the same patterns and conditions as `exports`. A target is a path
/// inside the package or another specifier (a package or a built-in).
fn resolve_imports(
    specifier: &str,
    referrer_dir: &Path,
    mode: Mode,
    builtins: &dyn Fn(&str) -> bool,
) -> Result<Resolved, ResolveError> {
    let not_found = || {
        ResolveError::NotFound(format!(
            "Cannot find module '{specifier}': no package.json \"imports\" entry maps it"
        ))
    };
    let (pkg_dir, pkg) = referrer_dir
        .ancestors()
        .find_map(|dir| read_package_json(dir).map(|p| (dir.to_path_buf(), p)))
        .ok_or_else(not_found)?;
    let imports = pkg.get("imports").ok_or_else(not_found)?;
    let target = resolve_subpath_map(imports, specifier, mode).ok_or_else(not_found)?;
    if target.starts_with("./") || target.starts_with("../") {
        return resolve_file(&normalize(&pkg_dir.join(&target)))
            .map(Resolved::File)
            .ok_or_else(not_found);
    }
    resolve(&target, &pkg_dir, mode, builtins)
}

/// Removes `.` and `..` components without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for comp in path.components() {
        match comp {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c.as_os_str()),
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn resolve_file_or_dir(path: &Path, mode: Mode) -> Option<PathBuf> {
    resolve_file(path).or_else(|| resolve_dir(path, mode))
}

fn resolve_file(path: &Path) -> Option<PathBuf> {
    if path.is_file() {
        return Some(path.to_path_buf());
    }
    let name = path.file_name()?.to_str()?;
    // `./x.js` written in TypeScript sources may refer to `./x.ts`.
    if let Some(stem) = name
        .strip_suffix(".js")
        .or_else(|| name.strip_suffix(".mjs"))
    {
        for ext in ["ts", "tsx", "mts"] {
            let candidate = path.with_file_name(format!("{stem}.{ext}"));
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    EXTENSIONS
        .iter()
        .map(|ext| path.with_file_name(format!("{name}.{ext}")))
        .find(|p| p.is_file())
}

fn resolve_dir(dir: &Path, mode: Mode) -> Option<PathBuf> {
    if !dir.is_dir() {
        return None;
    }
    if let Some(pkg) = read_package_json(dir) {
        for field in main_fields(mode) {
            if let Some(main) = pkg.get(*field).and_then(Json::as_str) {
                if let Some(found) = resolve_file_or_dir(&normalize(&dir.join(main)), mode) {
                    return Some(found);
                }
            }
        }
    }
    resolve_file(&dir.join("index"))
}

fn main_fields(mode: Mode) -> &'static [&'static str] {
    match mode {
        Mode::Import => &["module", "main"],
        Mode::Require => &["main"],
    }
}

fn read_package_json(dir: &Path) -> Option<Json> {
    let text = fs::read_to_string(dir.join("package.json")).ok()?;
    serde_json::from_str(&text).ok()
}

/// Splits `@scope/name/sub/path` into (`@scope/name`, `./sub/path`).
fn split_package(specifier: &str) -> (&str, String) {
    let mut parts = specifier.splitn(if specifier.starts_with('@') { 3 } else { 2 }, '/');
    let first = parts.next().unwrap_or("");
    let (name_len, rest) = if specifier.starts_with('@') {
        let second = parts.next().unwrap_or("");
        (first.len() + 1 + second.len(), parts.next())
    } else {
        (first.len(), parts.next())
    };
    let name = &specifier[..name_len.min(specifier.len())];
    let subpath = match rest {
        Some(r) if !r.is_empty() => format!("./{r}"),
        _ => ".".to_string(),
    };
    (name, subpath)
}

fn resolve_package(specifier: &str, referrer_dir: &Path, mode: Mode) -> Option<PathBuf> {
    let (name, subpath) = split_package(specifier);
    for dir in referrer_dir.ancestors() {
        let pkg_dir = dir.join("node_modules").join(name);
        if !pkg_dir.is_dir() {
            continue;
        }
        let pkg = read_package_json(&pkg_dir);
        if let Some(exports) = pkg.as_ref().and_then(|p| p.get("exports")) {
            let target = resolve_exports(exports, &subpath, mode)?;
            return resolve_file(&normalize(&pkg_dir.join(target)));
        }
        return if subpath == "." {
            resolve_dir(&pkg_dir, mode)
        } else {
            resolve_file_or_dir(&normalize(&pkg_dir.join(&subpath)), mode)
        };
    }
    None
}

fn conditions(mode: Mode) -> &'static [&'static str] {
    match mode {
        Mode::Import => &["rusk", "bun", "import", "module", "node", "default"],
        Mode::Require => &["rusk", "bun", "require", "node", "default"],
    }
}

/// Resolves a package.json `exports` field for `subpath` (`.` or `./x`).
pub fn resolve_exports(exports: &Json, subpath: &str, mode: Mode) -> Option<String> {
    let is_subpath_map = exports
        .as_object()
        .is_some_and(|o| o.keys().any(|k| k.starts_with('.')));
    if !is_subpath_map {
        return if subpath == "." {
            resolve_target(exports, mode, None)
        } else {
            None
        };
    }
    resolve_subpath_map(exports, subpath, mode)
}

/// Looks `key` up in an `exports`/`imports` map whose keys may hold one `*` or end in `/`.
fn resolve_subpath_map(map: &Json, subpath: &str, mode: Mode) -> Option<String> {
    let map = map.as_object()?;
    if let Some(target) = map.get(subpath) {
        return resolve_target(target, mode, None);
    }
    // Pattern keys: "./features/*" or "./lib/*.js".
    let mut best: Option<(&str, &Json, String)> = None;
    for (key, target) in map {
        if let Some(star) = key.find('*') {
            let (prefix, suffix) = (&key[..star], &key[star + 1..]);
            if subpath.len() >= prefix.len() + suffix.len()
                && subpath.starts_with(prefix)
                && subpath.ends_with(suffix)
            {
                let matched = subpath[prefix.len()..subpath.len() - suffix.len()].to_string();
                if best.as_ref().is_none_or(|(k, _, _)| key.len() > k.len()) {
                    best = Some((key, target, matched));
                }
            }
        } else if let Some(rest) = key
            .strip_suffix('/')
            .filter(|_| subpath.starts_with(key.as_str()))
        {
            let _ = rest;
            let tail = subpath[key.len()..].to_string();
            return resolve_target(target, mode, None).map(|t| format!("{t}{tail}"));
        }
    }
    let (_, target, matched) = best?;
    resolve_target(target, mode, Some(&matched))
}

fn resolve_target(target: &Json, mode: Mode, star: Option<&str>) -> Option<String> {
    match target {
        Json::String(s) => Some(match star {
            Some(m) => s.replace('*', m),
            None => s.clone(),
        }),
        Json::Array(items) => items.iter().find_map(|t| resolve_target(t, mode, star)),
        Json::Object(map) => {
            for (cond, value) in map {
                if conditions(mode).contains(&cond.as_str()) {
                    if let Some(found) = resolve_target(value, mode, star) {
                        return Some(found);
                    }
                }
            }
            None
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn exports_conditions() {
        let e =
            json!({".": {"import": "./esm.js", "require": "./cjs.js"}, "./sub/*": "./lib/*.js"});
        assert_eq!(
            resolve_exports(&e, ".", Mode::Import).as_deref(),
            Some("./esm.js")
        );
        assert_eq!(
            resolve_exports(&e, ".", Mode::Require).as_deref(),
            Some("./cjs.js")
        );
        assert_eq!(
            resolve_exports(&e, "./sub/a", Mode::Import).as_deref(),
            Some("./lib/a.js")
        );
        assert_eq!(
            resolve_exports(&json!("./x.js"), ".", Mode::Import).as_deref(),
            Some("./x.js")
        );
        assert_eq!(
            resolve_exports(
                &json!({"bun": "./b.js", "default": "./d.js"}),
                ".",
                Mode::Import
            )
            .as_deref(),
            Some("./b.js")
        );
    }

    #[test]
    fn package_names() {
        assert_eq!(split_package("a"), ("a", ".".to_string()));
        assert_eq!(split_package("a/b/c"), ("a", "./b/c".to_string()));
        assert_eq!(split_package("@s/a/b"), ("@s/a", "./b".to_string()));
        assert_eq!(split_package("@s/a"), ("@s/a", ".".to_string()));
    }

    #[test]
    fn builtins_and_aliases() {
        let is = |n: &str| ["fs", "rusk:ffi"].contains(&n);
        assert_eq!(builtin_name("node:fs", &is).as_deref(), Some("fs"));
        assert_eq!(builtin_name("bun:ffi", &is).as_deref(), Some("rusk:ffi"));
        assert_eq!(builtin_name("nope", &is), None);
        let with_ffi = |n: &str| n == "ffi";
        assert_eq!(builtin_name("node:ffi", &with_ffi).as_deref(), Some("ffi"));
        // Node's scheme-only modules: a bare name is a package.
        assert_eq!(builtin_name("ffi", &with_ffi), None);
    }
}
