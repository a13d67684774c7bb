//! Files imported as data rather than code, as Bun does: `with { type: "file" }` (the file's
//! absolute path; `"wasm"` too), `"text"` (its contents), `"json"`, `"toml"`, `"yaml"`;
//! without an attribute the extension decides (`.json`, `.txt`, `.toml`, `.yaml`/`.yml`), and
//! any other non-script file — a shared library, `.node`, `.wasm`, an image — imports as its
//! path, which is what bun:ffi code does to find its native library
//! (`import lib from "./libfoo.so" with { type: "file" }`).

use std::path::Path;

/// How an imported file becomes a module's value.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AssetKind {
    File,
    Text,
    Json,
    Toml,
    Yaml,
}

/// The suffix a resolved module name carries when an attribute asks for another kind than the
/// extension's (QuickJS caches modules by name: `./a.json` and `./a.json` as text differ).
const TYPE_SUFFIX: &str = "?rusk-import-type=";

const SCRIPT_EXTENSIONS: &[&str] = &["js", "mjs", "cjs", "ts", "mts", "cts", "tsx", "jsx"];

/// The import attribute types rusk understands.
pub fn parse_type(t: &str) -> Option<AssetKind> {
    match t {
        // Bun treats `type: "wasm"` as a file import (the path), which is what tree-sitter's
        // loaders expect from it.
        "file" | "wasm" => Some(AssetKind::File),
        "text" => Some(AssetKind::Text),
        "json" => Some(AssetKind::Json),
        "toml" => Some(AssetKind::Toml),
        "yaml" => Some(AssetKind::Yaml),
        _ => None,
    }
}

fn type_name(kind: AssetKind) -> &'static str {
    match kind {
        AssetKind::File => "file",
        AssetKind::Text => "text",
        AssetKind::Json => "json",
        AssetKind::Toml => "toml",
        AssetKind::Yaml => "yaml",
    }
}

/// What `path` imports as without attributes: `None` for a script (or a file without an
/// extension, like a package's `bin` entry).
pub fn kind_by_extension(path: &Path) -> Option<AssetKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    if SCRIPT_EXTENSIONS.contains(&ext.as_str()) {
        return None;
    }
    Some(match ext.as_str() {
        "json" => AssetKind::Json,
        "txt" => AssetKind::Text,
        "toml" => AssetKind::Toml,
        "yaml" | "yml" => AssetKind::Yaml,
        _ => AssetKind::File,
    })
}

/// The module name for `path` imported as `requested` (from an attribute).
pub fn module_name(path: &str, requested: Option<AssetKind>) -> String {
    match requested {
        Some(kind) if kind_by_extension(Path::new(path)) != Some(kind) => {
            format!("{path}{TYPE_SUFFIX}{}", type_name(kind))
        }
        _ => path.to_string(),
    }
}

/// Splits a module name into its file and the kind it imports as (`None`: a script).
pub fn split_name(name: &str) -> (&str, Option<AssetKind>) {
    match name.split_once(TYPE_SUFFIX) {
        Some((path, t)) => (path, parse_type(t)),
        None => (name, kind_by_extension(Path::new(name))),
    }
}

/// A YAML file's value: its document, or an array of them when it has several.
fn yaml_value(text: &str) -> Result<serde_json::Value, String> {
    let mut docs = yaml_rust2::YamlLoader::load_from_str(text).map_err(|e| e.to_string())?;
    let mut values: Vec<serde_json::Value> = docs.drain(..).map(|d| yaml_to_json(&d)).collect();
    Ok(match values.len() {
        0 => serde_json::Value::Null,
        1 => values.remove(0),
        _ => serde_json::Value::Array(values),
    })
}

fn yaml_to_json(y: &yaml_rust2::Yaml) -> serde_json::Value {
    use serde_json::Value;
    use yaml_rust2::Yaml;
    match y {
        Yaml::Real(_) => y
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::Null, Value::Number),
        Yaml::Integer(i) => Value::from(*i),
        Yaml::String(s) => Value::from(s.as_str()),
        Yaml::Boolean(b) => Value::from(*b),
        Yaml::Array(items) => Value::Array(items.iter().map(yaml_to_json).collect()),
        Yaml::Hash(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let key = match k {
                        Yaml::String(s) | Yaml::Real(s) => s.clone(),
                        Yaml::Integer(i) => i.to_string(),
                        Yaml::Boolean(b) => b.to_string(),
                        _ => "null".to_string(),
                    };
                    (key, yaml_to_json(v))
                })
                .collect(),
        ),
        Yaml::Alias(_) | Yaml::Null | Yaml::BadValue => Value::Null,
    }
}

/// The ES module source for an asset (`export default ...`, with named exports for a TOML or
/// YAML mapping's identifier keys, as Bun gives).
pub fn module_source(path: &str, kind: AssetKind) -> Result<String, String> {
    let read = || std::fs::read_to_string(path).map_err(|e| format!("Cannot read '{path}': {e}"));
    let literal = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    Ok(match kind {
        AssetKind::File => format!(
            "export const __esModule = true;\nexport default {};\n",
            literal(path)
        ),
        AssetKind::Text => format!("export default {};\n", literal(&read()?)),
        // JSON.parse, not evaluation: `__proto__` keys and syntax errors behave as JSON's.
        AssetKind::Json => format!("export default JSON.parse({});\n", literal(&read()?)),
        AssetKind::Toml | AssetKind::Yaml => {
            let value: serde_json::Value = if kind == AssetKind::Toml {
                toml::from_str(&read()?).map_err(|e| format!("Invalid TOML in '{path}': {e}"))?
            } else {
                yaml_value(&read()?).map_err(|e| format!("Invalid YAML in '{path}': {e}"))?
            };
            let json = serde_json::to_string(&value).unwrap_or_else(|_| "null".into());
            let mut code = format!(
                "const v = JSON.parse({});\nexport default v;\n",
                literal(&json)
            );
            if let serde_json::Value::Object(map) = &value {
                for key in map.keys() {
                    if super::is_identifier(key) {
                        code.push_str(&format!("export const {key} = v[{}];\n", literal(key)));
                    }
                }
            }
            code
        }
    })
}
