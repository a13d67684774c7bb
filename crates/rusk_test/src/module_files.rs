// Shared by build.rs (which compiles every module it finds) and the dev mode of lib.rs (which
// reads them from disk): how a file under js/ is named as a module. Kept free of crate imports
// so that build.rs can `include!` it.

/// The module name of `js/<stem>.js`: `index.js` is the library itself (`rusk:test`, which
/// `bun:test` resolves to), every other file one of its parts (`rusk:test/<stem>`).
pub fn module_name(stem: &str) -> String {
    if stem == "index" {
        "rusk:test".to_string()
    } else {
        format!("rusk:test/{stem}")
    }
}

/// Every module file under `js_dir` (sorted by name): (module name, path).
pub fn module_files(js_dir: &std::path::Path) -> Vec<(String, std::path::PathBuf)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(js_dir) else {
        return out;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.extension().is_none_or(|x| x != "js") {
            continue;
        }
        if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
            out.push((module_name(stem), path.clone()));
        }
    }
    out.sort();
    out
}
