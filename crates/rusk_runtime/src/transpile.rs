//! Source preparation with oxc: TypeScript type stripping (enums and namespaces compiled),
//! module-kind detection (ESM vs CommonJS), and a position map so stack traces of `.ts`
//! files point at the original lines.

use std::path::Path;

use oxc_allocator::Allocator;
use oxc_codegen::{Codegen, CodegenOptions};
use oxc_parser::Parser;
use oxc_semantic::SemanticBuilder;
use oxc_span::SourceType;
use oxc_transformer::{HelperLoaderMode, TransformOptions, Transformer};

mod strip;

/// How a source file should be evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModuleKind {
    Esm,
    CommonJs,
}

/// Maps positions in generated code back to the original source (1-based lines and columns).
#[derive(Debug, Default, Clone)]
pub struct PositionMap {
    /// (generated line, generated col, source line, source col), 0-based, sorted.
    tokens: Vec<(u32, u32, u32, u32)>,
}

impl PositionMap {
    /// Maps a 1-based generated (line, col) to the 1-based original position.
    pub fn lookup(&self, line: u32, col: u32) -> Option<(u32, u32)> {
        if self.tokens.is_empty() || line == 0 {
            return None;
        }
        let key = (line - 1, col.saturating_sub(1));
        let idx = match self.tokens.binary_search_by(|t| (t.0, t.1).cmp(&key)) {
            Ok(i) => i,
            Err(0) => return None,
            Err(i) => i - 1,
        };
        let t = self.tokens[idx];
        // A token on an earlier generated line only tells us its line; keep the column.
        if t.0 != key.0 {
            return Some((t.2 + 1, 1));
        }
        Some((t.2 + 1, t.3 + 1 + (key.1 - t.1)))
    }
}

/// A prepared source file.
pub struct Prepared {
    pub code: String,
    pub kind: ModuleKind,
    /// `__filename` / `__dirname` used in an ES module without being declared there: Bun
    /// defines them in ES modules too, so the loader does (see `module::load_file`).
    pub free_path_names: Vec<&'static str>,
    /// Present when the code differs from the file (TypeScript): maps positions back.
    pub map: Option<PositionMap>,
}

/// A syntax error with its 1-based position in the original file.
#[derive(Debug)]
pub struct SyntaxError {
    pub message: String,
    pub line: u32,
    pub col: u32,
}

fn is_typescript(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("ts" | "mts" | "cts" | "tsx")
    )
}

fn line_col(source: &str, offset: u32) -> (u32, u32) {
    let before = &source[..(offset as usize).min(source.len())];
    let line = before.matches('\n').count() as u32 + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    (line, col)
}

/// Parses `source` (named `path`), strips TypeScript if needed and decides ESM vs CommonJS.
/// `.cjs`/`.cts` are always CommonJS, `.mjs`/`.mts` always ESM; otherwise a file with
/// `import`/`export` syntax is ESM and a file without it that uses `require`/`module`/`exports`
/// is CommonJS (Bun's rule).
pub fn prepare(path: &Path, source: &str) -> Result<Prepared, SyntaxError> {
    // The result is kept in the on-disk cache, keyed by the file's text and rusk's version: a
    // later run loads it instead of parsing and transforming. Plain JavaScript too: its parse
    // (module kind, free `__dirname`, the `await` rewrite) is most of a small script's load,
    // with the parser's code read into memory at every start.
    let cache = transpile_cache_entry(path, source);
    if let Some(entry) = &cache {
        if let Some(prepared) = std::fs::read(entry).ok().and_then(|b| decode(&b, source)) {
            return Ok(prepared);
        }
    }
    let prepared = prepare_uncached(path, source)?;
    if let Some(entry) = &cache {
        // A cache that cannot be written only costs the next run the transform again.
        let _ = crate::cache::write_entry(entry, &encode(&prepared, source));
        if let Some(dir) = entry.parent() {
            crate::cache::prune(dir, 4096, crate::cache::MAX_AGE);
        }
    }
    Ok(prepared)
}

/// The cache file for `path`'s transform, when it has one: TypeScript, JSX and JavaScript
/// files (by extension; not code without one, such as `--eval`'s), unless
/// `RUSK_NO_TRANSPILE_CACHE` is set.
fn transpile_cache_entry(path: &Path, source: &str) -> Option<std::path::PathBuf> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if !(is_typescript(path) || matches!(ext, "jsx" | "js" | "mjs" | "cjs"))
        || std::env::var_os("RUSK_NO_TRANSPILE_CACHE").is_some_and(|v| !v.is_empty())
    {
        return None;
    }
    let key = crate::cache::content_key(&[
        b"transpile-3",
        if rewrite_awaits() {
            &b"await-context"[..]
        } else {
            &b"plain-await"[..]
        },
        if fast_strip_enabled() {
            &b"fast-strip"[..]
        } else {
            &b"full-transform"[..]
        },
        crate::VERSION.as_bytes(),
        build_identity().as_bytes(),
        ext.as_bytes(),
        source.as_bytes(),
    ]);
    Some(crate::cache::cache_dir("transpile").join(key))
}

/// The running executable's size and date: a rebuilt rusk (whose transform may differ under
/// the same version number) does not trust what another build cached.
fn build_identity() -> &'static str {
    static IDENTITY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    IDENTITY.get_or_init(|| {
        std::env::current_exe()
            .and_then(std::fs::metadata)
            .map(|m| {
                let date = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                format!("{}:{date}", m.len())
            })
            .unwrap_or_default()
    })
}

const CACHE_MAGIC: &[u8; 4] = b"RTC2";

/// A cache entry: magic, module kind, the free path names, the position map's tokens, then
/// whether the code is the file's text as it is (most JavaScript), else the code.
fn encode(p: &Prepared, source: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(p.code.len() + 64);
    out.extend_from_slice(CACHE_MAGIC);
    out.push(u8::from(p.kind == ModuleKind::CommonJs));
    let names = ["__filename", "__dirname"];
    out.push(
        names
            .iter()
            .enumerate()
            .filter(|(_, n)| p.free_path_names.contains(n))
            .map(|(i, _)| 1u8 << i)
            .sum(),
    );
    let tokens = p.map.as_ref().map_or(&[][..], |m| &m.tokens[..]);
    out.push(u8::from(p.map.is_some()));
    out.extend_from_slice(&(tokens.len() as u32).to_le_bytes());
    for (a, b, c, d) in tokens {
        for v in [a, b, c, d] {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    let as_written = p.code == source;
    out.push(u8::from(as_written));
    if !as_written {
        out.extend_from_slice(p.code.as_bytes());
    }
    out
}

fn decode(bytes: &[u8], source: &str) -> Option<Prepared> {
    let rest = bytes.strip_prefix(CACHE_MAGIC)?;
    let (&kind, rest) = rest.split_first()?;
    let (&names, rest) = rest.split_first()?;
    let (&has_map, rest) = rest.split_first()?;
    let count = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
    let rest = rest.get(4..)?;
    let table = rest.get(..count.checked_mul(16)?)?;
    let word = |i: usize| -> u32 {
        u32::from_le_bytes([table[i], table[i + 1], table[i + 2], table[i + 3]])
    };
    let tokens = (0..count)
        .map(|t| {
            let at = t * 16;
            (word(at), word(at + 4), word(at + 8), word(at + 12))
        })
        .collect();
    let (&as_written, code) = rest.get(count * 16..)?.split_first()?;
    let code = match as_written {
        1 if code.is_empty() => source.to_string(),
        0 => std::str::from_utf8(code).ok()?.to_string(),
        _ => return None,
    };
    Some(Prepared {
        code,
        kind: if kind == 1 {
            ModuleKind::CommonJs
        } else {
            ModuleKind::Esm
        },
        free_path_names: ["__filename", "__dirname"]
            .into_iter()
            .enumerate()
            .filter(|(i, _)| names & (1 << i) != 0)
            .map(|(_, n)| n)
            .collect(),
        map: (has_map == 1).then_some(PositionMap { tokens }),
    })
}

fn prepare_uncached(path: &Path, source: &str) -> Result<Prepared, SyntaxError> {
    // The loader runs inside a C callback of the engine: a panic must not unwind there.
    std::panic::catch_unwind(|| prepare_inner(path, source)).unwrap_or_else(|_| {
        Err(SyntaxError {
            message: "internal error while compiling this file".to_string(),
            line: 1,
            col: 1,
        })
    })
}

fn prepare_inner(path: &Path, source: &str) -> Result<Prepared, SyntaxError> {
    prepare_with(path, source, fast_strip_enabled())
}

/// [`prepare_inner`] with the TypeScript fast path allowed or not.
fn prepare_with(path: &Path, source: &str, fast_strip: bool) -> Result<Prepared, SyntaxError> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let allocator = Allocator::default();
    let ts = is_typescript(path);
    let mut source_type = SourceType::from_path(path).unwrap_or_else(|_| SourceType::mjs());
    if !ts {
        // Parse plain JS as a module so `import`/`export` are accepted anywhere we allow them.
        source_type = SourceType::mjs().with_jsx(ext == "jsx");
    } else {
        source_type = source_type.with_module(true);
    }
    let ret = Parser::new(&allocator, source, source_type).parse();
    if let Some(err) = ret.diagnostics.errors().next() {
        let offset = err.labels.first().map_or(0, |l| l.offset());
        let (line, col) = line_col(source, offset);
        return Err(SyntaxError {
            message: err.message.to_string(),
            line,
            col,
        });
    }
    let mut program = ret.program;
    let has_module_syntax = ret.module_record.has_module_syntax;
    let kind = match ext {
        "cjs" | "cts" => ModuleKind::CommonJs,
        "mjs" | "mts" => ModuleKind::Esm,
        _ if has_module_syntax => ModuleKind::Esm,
        _ if uses_commonjs(source) => ModuleKind::CommonJs,
        _ => ModuleKind::Esm,
    };
    let free_path_names = if kind == ModuleKind::Esm {
        free_path_names(source, &program)
    } else {
        Vec::new()
    };
    // Plain JS is run as written (but for the `await` rewrite, which keeps its lines), unless
    // it may contain `using` declarations (lowered below).
    if !ts && ext != "jsx" && !source.contains("using") {
        let rewritten = rewrite_awaits()
            .then(|| rusk_async_context::rewrite(source, &program))
            .flatten();
        return Ok(Prepared {
            code: rewritten.unwrap_or_else(|| source.to_string()),
            kind,
            free_path_names,
            map: None,
        });
    }
    // Most TypeScript only needs its types blanked out (lines and columns stay, so no map).
    if fast_strip && matches!(ext, "ts" | "mts" | "cts") {
        if let Ok(stripped) = strip::strip_types(source, &program) {
            // The rewrite reuses the file's AST while the offsets are the file's; after an
            // insertion (parameter properties) it parses the result again.
            let rewritten = rewrite_awaits()
                .then(|| match stripped.offsets_kept {
                    true => rusk_async_context::rewrite(&stripped.code, &program),
                    false => rusk_async_context::rewrite_source(&stripped.code),
                })
                .flatten();
            return Ok(Prepared {
                code: rewritten.unwrap_or(stripped.code),
                kind,
                free_path_names,
                map: None,
            });
        }
    }
    let scoping = SemanticBuilder::new()
        .with_enum_eval(true)
        .build(&program)
        .semantic
        .into_scoping();
    let mut options = TransformOptions::default();
    // `using` declarations are lowered (QuickJS-ng cannot parse them); the lowered code calls
    // `babelHelpers.usingCtx()`, which the bootstrap defines.
    options.env.es2026.explicit_resource_management = true;
    options.helper_loader.mode = HelperLoaderMode::External;
    let transformed =
        Transformer::new(&allocator, path, &options).build_with_scoping(scoping, &mut program);
    if let Some(err) = transformed.diagnostics.errors().next() {
        let offset = err.labels.first().map_or(0, |l| l.offset());
        let (line, col) = line_col(source, offset);
        return Err(SyntaxError {
            message: err.message.to_string(),
            line,
            col,
        });
    }
    let out = Codegen::new()
        .with_options(CodegenOptions {
            source_map_path: Some(path.to_path_buf()),
            ..CodegenOptions::default()
        })
        .build(&program);
    let map = out.map.map(|m| {
        let mut tokens: Vec<_> = m
            .get_tokens()
            .map(|t| {
                (
                    t.get_dst_line(),
                    t.get_dst_col(),
                    t.get_src_line(),
                    t.get_src_col(),
                )
            })
            .collect();
        tokens.sort_unstable();
        PositionMap { tokens }
    });
    let mut code = out.code;
    if kind == ModuleKind::CommonJs {
        // The transform keeps a file that loses its (type-only) imports a module by adding
        // `export {};`, which a CommonJS file (`.cts`) cannot have.
        let trimmed = code.trim_end().len();
        if code[..trimmed].ends_with("export {};") {
            code.truncate(trimmed - "export {};".len());
            code.push('\n');
        }
    }
    Ok(Prepared {
        code: rewrite_awaits_in_output(code),
        kind,
        free_path_names,
        map,
    })
}

/// Whether TypeScript may take the blanking fast path (`strip.rs`): on unless
/// `RUSK_FULL_TS_TRANSFORM` is set non-empty (to compare the two, or to rule the fast path out).
fn fast_strip_enabled() -> bool {
    static ENABLED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("RUSK_FULL_TS_TRANSFORM").is_none_or(|v| v.is_empty()))
}

/// Whether loaded files get the `await` rewrite that carries the async context (the
/// `rusk_async_context` crate): on unless `RUSK_NO_ASYNC_CONTEXT` is set non-empty.
fn rewrite_awaits() -> bool {
    static ENABLED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("RUSK_NO_ASYNC_CONTEXT").is_none_or(|v| v.is_empty()))
}

/// The `await` rewrite on transformed output (parsed again, only when it has an `await`).
/// Lines are kept, so the position map still holds for them.
fn rewrite_awaits_in_output(code: String) -> String {
    if !rewrite_awaits() {
        return code;
    }
    rusk_async_context::rewrite_source(&code).unwrap_or(code)
}

/// Which of `__filename` and `__dirname` a module uses without declaring them. The scope
/// analysis runs only for files that mention either name.
fn free_path_names(source: &str, program: &oxc_ast::ast::Program<'_>) -> Vec<&'static str> {
    let mentioned: Vec<&'static str> = ["__filename", "__dirname"]
        .into_iter()
        .filter(|name| mentions_identifier(source, name))
        .collect();
    if mentioned.is_empty() {
        return mentioned;
    }
    let scoping = SemanticBuilder::new()
        .build(program)
        .semantic
        .into_scoping();
    let unresolved = scoping.root_unresolved_references();
    mentioned
        .into_iter()
        .filter(|name| unresolved.keys().any(|k| k.as_str() == *name))
        .collect()
}

/// A cheap textual check for CommonJS usage in a file without module syntax: `require(`,
/// `module.exports`, or the free names `exports`, `__dirname`, `__filename` (TypeScript's
/// CommonJS output starts with `Object.defineProperty(exports, "__esModule", ...)` and may use
/// nothing else). A bare `module` is not enough: it is a common word in comments.
fn uses_commonjs(source: &str) -> bool {
    source.contains("require(")
        || source.contains("module.exports")
        || ["exports", "__dirname", "__filename"]
            .iter()
            .any(|name| mentions_identifier(source, name))
}

/// Whether `name` occurs as a whole identifier that is not a property (`x.exports`).
fn mentions_identifier(source: &str, name: &str) -> bool {
    let bytes = source.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
    source.match_indices(name).any(|(at, _)| {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(at + name.len()).copied();
        before.is_none_or(|b| !is_ident(b) && b != b'.') && after.is_none_or(|b| !is_ident(b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_entries_round_trip() {
        let p = prepare_with(
            Path::new("/x/a.ts"),
            "const n: number = 1;\nexport const f = __dirname + n;\n",
            false,
        )
        .expect("valid TypeScript");
        let source = "const n: number = 1;\nexport const f = __dirname + n;\n";
        let back = decode(&encode(&p, source), source).expect("a valid entry");
        assert_eq!(back.code, p.code);
        assert_eq!(back.kind, p.kind);
        assert_eq!(back.free_path_names, vec!["__dirname"]);
        assert_eq!(
            back.map.as_ref().map(|m| m.tokens.len()),
            p.map.as_ref().map(|m| m.tokens.len())
        );
        assert!(back
            .map
            .is_some_and(|m| m.lookup(2, 1) == p.map.as_ref().and_then(|m| m.lookup(2, 1))));
        // Damaged entries are ignored, not trusted.
        assert!(decode(b"RTC2", source).is_none());
        assert!(decode(b"nope", source).is_none());
        let mut cut = encode(&p, source);
        cut.truncate(12);
        assert!(decode(&cut, source).is_none());
    }

    #[test]
    fn javascript_run_as_written_is_cached_without_its_text() {
        let source = "const x = require('./y');\nmodule.exports = __dirname + x;\n";
        let p = prepare_with(Path::new("/x/a.js"), source, false).expect("valid JavaScript");
        assert_eq!(p.code, source, "plain CommonJS runs as written");
        let entry = encode(&p, source);
        assert!(
            entry.len() < source.len(),
            "the entry leaves the text out ({} bytes)",
            entry.len()
        );
        let back = decode(&entry, source).expect("a valid entry");
        assert_eq!(back.code, source);
        assert_eq!(back.kind, ModuleKind::CommonJs);
        // Code that differs from the text (the `await` rewrite, lowered `using`) is kept.
        let rewritten = Prepared {
            code: "other".to_string(),
            ..back
        };
        let back = decode(&encode(&rewritten, source), source).expect("a valid entry");
        assert_eq!(back.code, "other");
    }

    #[test]
    fn strips_types_and_keeps_enums() {
        let p = prepare(
            Path::new("a.ts"),
            "enum E { A, B }\nconst x: number = E.B;\nexport { x };\n",
        )
        .expect("parses");
        assert_eq!(p.kind, ModuleKind::Esm);
        assert!(!p.code.contains(": number"));
        assert!(p.code.contains("E[\"B\"]") || p.code.contains("E.B"));
    }

    #[test]
    fn maps_positions_back_to_ts_lines() {
        let src = "type T = { a: number };\ninterface I { b: string }\n\nfunction f(x: T): number {\n  throw new Error('x');\n}\nexport { f };\n";
        let p = prepare_with(Path::new("a.ts"), src, false).expect("parses");
        let map = p.map.expect("map");
        let gen_line = p
            .code
            .lines()
            .position(|l| l.contains("throw"))
            .expect("throw present") as u32
            + 1;
        let (line, _) = map.lookup(gen_line, 3).expect("mapped");
        assert_eq!(line, 5);
    }

    #[test]
    fn fast_path_keeps_lines_without_a_map() {
        let src = "type T = { a: number };\ninterface I { b: string }\n\nfunction f(x: T): number {\n  throw new Error('x');\n}\nexport { f };\n";
        let p = prepare_with(Path::new("a.ts"), src, true).expect("parses");
        assert!(p.map.is_none(), "blanking keeps positions");
        assert_eq!(p.code.lines().position(|l| l.contains("throw")), Some(4));
        assert_eq!(p.code.len(), src.len());
        assert!(!p.code.contains("number"));
        // What blanking cannot express takes the full transform (and gets a map).
        let p = prepare_with(
            Path::new("a.ts"),
            "enum E { A }\nexport const a = E.A;\n",
            true,
        )
        .expect("parses");
        assert!(p.map.is_some());
    }

    #[test]
    fn commonjs_typescript_loses_no_imports_into_an_export() {
        let src = "import type { A } from './a';\nenum E { X = 1 + 1 }\nconst a: A = 1;\nmodule.exports = { E, a };\n";
        for fast in [false, true] {
            let p = prepare_with(Path::new("x.cts"), src, fast).expect("parses");
            assert_eq!(p.kind, ModuleKind::CommonJs);
            assert!(!p.code.contains("export {"), "{}", p.code);
        }
    }

    #[test]
    fn detects_commonjs() {
        let p = prepare(Path::new("a.js"), "module.exports = 1;").expect("parses");
        assert_eq!(p.kind, ModuleKind::CommonJs);
        // The extension decides for .cjs/.mjs, whatever the syntax says.
        let p = prepare(Path::new("a.cjs"), "exports.a = 1;").expect("parses");
        assert_eq!(p.kind, ModuleKind::CommonJs);
        let p = prepare(Path::new("a.mjs"), "const a = 1;").expect("parses");
        assert_eq!(p.kind, ModuleKind::Esm);
        let p = prepare(Path::new("a.js"), "export const a = require;").expect("parses");
        assert_eq!(p.kind, ModuleKind::Esm);
        // TypeScript's CommonJS output for a file of types only.
        let p = prepare(
            Path::new("a.js"),
            "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\n",
        )
        .expect("parses");
        assert_eq!(p.kind, ModuleKind::CommonJs);
        let p = prepare(
            Path::new("a.js"),
            "const o = {}; o.exports = 1; o.module = 2;\n",
        )
        .expect("parses");
        assert_eq!(p.kind, ModuleKind::Esm);
    }

    #[test]
    fn reports_syntax_error_position() {
        let err = prepare(Path::new("a.ts"), "let x = 1;\nlet y = ;\n")
            .err()
            .expect("error");
        assert_eq!(err.line, 2);
    }
}
