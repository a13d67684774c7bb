// Shared by build.rs (which compiles every module it finds) and the dev mode of lib.rs (which
// reads them from disk): how a file under js/ is named as a module. Kept free of crate imports
// so that build.rs can `include!` it.

/// Node's built-ins whose names contain a slash; their files use `_` (`fs_promises.js`).
const NESTED_BUILTINS: &[&str] = &[
    "assert/strict",
    "dns/promises",
    "fs/promises",
    "inspector/promises",
    "path/posix",
    "path/win32",
    "readline/promises",
    "stream/consumers",
    "stream/promises",
    "stream/web",
    "timers/promises",
    "util/types",
];

/// The module name of `js/<stem>.js` (or of `js/internal/<stem>.js` when `internal`):
/// `x_y.js` is `x/y` when Node has such a module, `bun.js` is `rusk:bun`, `internal/x.js` is
/// `rusk:internal/x`; others keep their stem.
pub fn module_name(stem: &str, internal: bool) -> Option<String> {
    if internal {
        return Some(format!("rusk:internal/{stem}"));
    }
    let nested = stem.replace('_', "/");
    Some(if stem == "bun" {
        "rusk:bun".to_string()
    } else if NESTED_BUILTINS.contains(&nested.as_str()) {
        nested
    } else {
        stem.to_string()
    })
}

/// Every module file under `js_dir` (sorted by name): (module name, path).
pub fn module_files(js_dir: &std::path::Path) -> Vec<(String, std::path::PathBuf)> {
    let mut out = Vec::new();
    for (dir, internal) in [
        (js_dir.to_path_buf(), false),
        (js_dir.join("internal"), true),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if path.extension().is_none_or(|x| x != "js") {
                continue;
            }
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if let Some(name) = module_name(stem, internal) {
                out.push((name, path));
            }
        }
    }
    out.sort();
    out
}
