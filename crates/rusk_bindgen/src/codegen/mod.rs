//! The build-script half: `*.classes.ts` → Rust glue + TypeScript declarations.

mod emit_dts;
mod emit_rs;
mod model;
mod parse;
mod template;
mod types;

use std::fmt;
use std::path::{Path, PathBuf};

/// 1-based line and column in a definition file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    /// Line, 1-based.
    pub line: u32,
    /// Column (bytes), 1-based.
    pub col: u32,
}

/// One mistake in a definition file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The definition file, as given to the generator.
    pub file: String,
    /// Where the mistake is.
    pub pos: Pos,
    /// The class / member concerned, e.g. `JSCallback.proto.close`.
    pub context: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.pos.line, self.pos.col)?;
        if let Some(c) = &self.context {
            write!(f, "{c}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Generation failure: definition mistakes or I/O errors.
pub enum Error {
    /// Mistakes found in definition files.
    Definitions(Vec<Diagnostic>),
    /// Reading a definition or writing an output failed.
    Io(PathBuf, std::io::Error),
}

impl Error {
    /// The definition mistakes (empty for I/O errors).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Definitions(d) => d,
            Error::Io(..) => &[],
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Definitions(diags) => {
                for (i, d) in diags.iter().enumerate() {
                    if i > 0 {
                        f.write_str("\n")?;
                    }
                    write!(f, "error: {d}")?;
                }
                Ok(())
            }
            Error::Io(p, e) => write!(f, "error: {}: {e}", p.display()),
        }
    }
}

// `Debug` = `Display`, so `generate_to(..).unwrap()` / `?` in build scripts print readable
// messages.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\n{self}")
    }
}

impl std::error::Error for Error {}

/// The output for one definition file.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The definition file.
    pub source: PathBuf,
    /// Output stem: `callback` for `callback.classes.ts`.
    pub stem: String,
    /// JS class names defined by the file, in order.
    pub classes: Vec<String>,
    /// The Rust glue (`<stem>.classes.rs`).
    pub rust: String,
    /// The TypeScript declarations (`<stem>.d.ts`).
    pub dts: String,
}

/// Default path of the runtime support module used by generated code.
pub const DEFAULT_RT_PATH: &str = "::rusk_bindgen::rt";

fn stem_of(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    if let Some(s) = base.strip_suffix(".classes.ts") {
        return s.to_string();
    }
    match base.find('.') {
        Some(i) if i > 0 => base[..i].to_string(),
        _ => base.to_string(),
    }
}

fn dts_const_name(stem: &str) -> String {
    let mut s: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if s.starts_with(|c: char| c.is_ascii_digit()) || s.is_empty() {
        s.insert(0, '_');
    }
    format!("{s}_CLASSES_DTS")
}

/// Generate from an in-memory definition file. `file_name` is used in messages and comments.
pub fn generate_source(file_name: &str, source: &str) -> Result<Generated, Error> {
    generate_source_with(file_name, source, DEFAULT_RT_PATH)
}

fn generate_source_with(file_name: &str, source: &str, rt_path: &str) -> Result<Generated, Error> {
    let nodes = parse::parse_file(file_name, source).map_err(Error::Definitions)?;
    let classes = model::build(file_name, &nodes).map_err(Error::Definitions)?;
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = stem_of(file_name);
    let dts = emit_dts::emit_file(base, &classes);
    let rust = emit_rs::emit_file(base, &dts_const_name(&stem), &dts, &classes, rt_path);
    Ok(Generated {
        source: PathBuf::from(file_name),
        stem,
        classes: classes.iter().map(|c| c.name.clone()).collect(),
        rust,
        dts,
    })
}

/// Only the TypeScript declarations of a definition file (what `rusk types` prints).
pub fn dts_of(path: impl AsRef<Path>) -> Result<String, Error> {
    Generator::new()
        .file(path)
        .generate()
        .map(|g| g.into_iter().map(|g| g.dts).collect())
}

/// Build-script entry point.
///
/// ```no_run
/// // in build.rs `main`:
/// let out = std::env::var("OUT_DIR").unwrap();
/// rusk_bindgen::Generator::new()
///     .file("src/callback.classes.ts")
///     .generate_to(out)
///     .unwrap();
/// ```
#[derive(Debug, Clone)]
pub struct Generator {
    files: Vec<PathBuf>,
    rt_path: String,
    rerun: bool,
}

impl Default for Generator {
    fn default() -> Self {
        Self::new()
    }
}

impl Generator {
    /// A generator with no files.
    pub fn new() -> Self {
        Generator {
            files: Vec::new(),
            rt_path: DEFAULT_RT_PATH.to_string(),
            rerun: std::env::var_os("CARGO_MANIFEST_DIR").is_some()
                && std::env::var_os("OUT_DIR").is_some(),
        }
    }

    /// Add a `*.classes.ts` file.
    pub fn file(mut self, path: impl AsRef<Path>) -> Self {
        self.files.push(path.as_ref().to_path_buf());
        self
    }

    /// Path of the runtime support module in generated code (default `::rusk_bindgen::rt`);
    /// set it when `rusk_bindgen` is re-exported under another name.
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.rt_path = path.into();
        self
    }

    /// Whether to print `cargo:rerun-if-changed` lines (default: when run by cargo).
    pub fn rerun_if_changed(mut self, yes: bool) -> Self {
        self.rerun = yes;
        self
    }

    /// Generate every file in memory. All definition mistakes of all files are reported.
    pub fn generate(&self) -> Result<Vec<Generated>, Error> {
        let mut out = Vec::new();
        let mut diags = Vec::new();
        for f in &self.files {
            if self.rerun {
                println!("cargo:rerun-if-changed={}", f.display());
            }
            let src = std::fs::read_to_string(f).map_err(|e| Error::Io(f.clone(), e))?;
            match generate_source_with(&f.display().to_string(), &src, &self.rt_path) {
                Ok(g) => out.push(g),
                Err(Error::Definitions(d)) => diags.extend(d),
                Err(e) => return Err(e),
            }
        }
        // Class names (and so generated module names) must be unique across files.
        for (i, g) in out.iter().enumerate() {
            for c in &g.classes {
                if let Some(prev) = out[..i].iter().find(|p| p.classes.contains(c)) {
                    diags.push(Diagnostic {
                        file: g.source.display().to_string(),
                        pos: Pos { line: 1, col: 1 },
                        context: Some(c.clone()),
                        message: format!(
                            "class `{c}` is also defined in {}",
                            prev.source.display()
                        ),
                    });
                }
            }
            if let Some(prev) = out[..i].iter().find(|p| p.stem == g.stem) {
                diags.push(Diagnostic {
                    file: g.source.display().to_string(),
                    pos: Pos { line: 1, col: 1 },
                    context: None,
                    message: format!(
                        "output name `{}` clashes with {}",
                        g.stem,
                        prev.source.display()
                    ),
                });
            }
        }
        if !diags.is_empty() {
            return Err(Error::Definitions(diags));
        }
        Ok(out)
    }

    /// Generate and write `<stem>.classes.rs` and `<stem>.d.ts` into `out_dir`.
    pub fn generate_to(&self, out_dir: impl AsRef<Path>) -> Result<Vec<Generated>, Error> {
        let out_dir = out_dir.as_ref();
        let generated = self.generate()?;
        for g in &generated {
            for (name, text) in [
                (format!("{}.classes.rs", g.stem), &g.rust),
                (format!("{}.d.ts", g.stem), &g.dts),
            ] {
                let path = out_dir.join(name);
                // Leave unchanged files alone so dependants are not rebuilt needlessly.
                if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
                    continue;
                }
                std::fs::write(&path, text).map_err(|e| Error::Io(path.clone(), e))?;
            }
        }
        Ok(generated)
    }

    /// The whole body of a typical `build.rs`: generates into cargo's `OUT_DIR`, and on a
    /// mistake prints every `file:line:col: Class.member: message` and fails the build.
    ///
    /// ```no_run
    /// // the `main` of build.rs:
    /// rusk_bindgen::Generator::new().file("src/callback.classes.ts").build_script();
    /// ```
    pub fn build_script(&self) {
        let Some(out) = std::env::var_os("OUT_DIR") else {
            eprintln!("rusk_bindgen: OUT_DIR is not set (build_script() runs under cargo)");
            std::process::exit(1);
        };
        if let Err(e) = self.generate_to(out) {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
