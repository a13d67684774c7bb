//! The module system: rquickjs `Resolver`/`Loader` for ES modules, built-in module registry,
//! TypeScript/JSON/CommonJS loading. CommonJS itself (`require`) lives in `js/cjs.js`.

pub mod assets;
pub(crate) mod builtins;
pub mod resolve;

use std::path::{Path, PathBuf};
use std::rc::Rc;

use rquickjs::loader::{ImportAttributes, Loader, Resolver};
use rquickjs::module::Declared;
use rquickjs::{Ctx, Exception, Function, Module, Object, Value};

use crate::host::Host;
use crate::transpile::{self, ModuleKind};

/// Declares a built-in module from a Rust definition (`ModuleDef`).
pub type NativeModuleFn = for<'js> fn(Ctx<'js>, Vec<u8>) -> rquickjs::Result<Module<'js, Declared>>;

/// Where a built-in module's code comes from.
#[derive(Clone, Copy)]
pub enum BuiltinSource {
    Native(NativeModuleFn),
    /// An ES module written in JavaScript, embedded in the binary.
    Js(&'static str),
    /// An ES module compiled to QuickJS bytecode at build time (rquickjs `Module::write` of the
    /// same engine version), with its source as the fallback should the engine refuse the
    /// bytecode.
    Compiled {
        bytecode: &'static [u8],
        source: &'static str,
    },
}

/// Declares a `ModuleDef` under a name; used to build `BuiltinSource::Native`.
pub fn native<D: rquickjs::module::ModuleDef>(
    ctx: Ctx<'_>,
    name: Vec<u8>,
) -> rquickjs::Result<Module<'_, Declared>> {
    Module::declare_def::<D, _>(ctx, name)
}

pub(crate) struct ModuleResolver {
    pub host: Rc<Host>,
}

pub(crate) struct ModuleLoader {
    pub host: Rc<Host>,
}

/// The directory a module name (absolute path, or anything else) resolves relative to.
pub(crate) fn referrer_dir(base: &str) -> PathBuf {
    let p = Path::new(base);
    if p.is_absolute() {
        p.parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("/"))
    } else {
        std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"))
    }
}

impl Resolver for ModuleResolver {
    fn resolve<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        base: &str,
        name: &str,
        attributes: Option<ImportAttributes<'js>>,
    ) -> rquickjs::Result<String> {
        let requested = check_attributes(ctx, name, attributes.as_ref())?;
        let host = &self.host;
        let is_builtin = |n: &str| host.builtins.contains(n);
        match resolve::resolve(
            name,
            &referrer_dir(base),
            resolve::Mode::Import,
            &is_builtin,
        ) {
            Ok(resolve::Resolved::Builtin(n)) => mocked_name(host, ctx, n),
            Ok(resolve::Resolved::File(p)) => {
                let n = assets::module_name(&p.to_string_lossy(), requested);
                mocked_name(host, ctx, n)
            }
            Err(e @ resolve::ResolveError::UnknownBuiltin(_)) => {
                Err(crate::errors::throw_coded(ctx, &e.message(), e.code()))
            }
            Err(e) => {
                let from = if Path::new(base).is_absolute() {
                    base
                } else {
                    "the entry point"
                };
                Err(crate::errors::throw_coded(
                    ctx,
                    &format!("{} imported from {from}", e.message()),
                    e.code(),
                ))
            }
        }
    }
}

impl Loader for ModuleLoader {
    fn load<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        name: &str,
        attributes: Option<ImportAttributes<'js>>,
    ) -> rquickjs::Result<Module<'js, Declared>> {
        if let Some(src) = self.host.builtins.get(name) {
            let declared = match src {
                BuiltinSource::Native(f) => f(ctx.clone(), name.as_bytes().to_vec()),
                BuiltinSource::Js(code) => Module::declare(ctx.clone(), name, code),
                BuiltinSource::Compiled { bytecode, source } => {
                    // SAFETY: the bytecode is 'static (QuickJS may keep pointers into it) and
                    // was written at build time for this module name; QuickJS checks its
                    // version and rejects a foreign format, in which case the source is used.
                    match unsafe { Module::load(ctx.clone(), bytecode) } {
                        Ok(m) => Ok(m),
                        Err(_) => {
                            let _ = ctx.catch();
                            Module::declare(ctx.clone(), name, source)
                        }
                    }
                }
            };
            crate::trace::mark_with(|| format!("load {name}"));
            return declared;
        }
        if name.starts_with(MOCK_PREFIX) {
            return load_mock(&self.host, ctx, name);
        }
        // The resolver encoded the kind an attribute asked for in the name.
        let _ = attributes;
        load_file(&self.host, ctx, name)
    }
}

/// Module names of mocked modules (see `mockedModuleName` in js/bootstrap.js).
const MOCK_PREFIX: &str = "rusk:mock/";

/// The name to load for a resolved module: itself, or the generated stand-in when a module
/// mock (`internals.moduleMocks`, bun:test's `mock.module`) replaces it. A mock whose factory
/// throws makes the import fail with that error.
fn mocked_name(host: &Host, ctx: &Ctx<'_>, name: String) -> rquickjs::Result<String> {
    let hook = host
        .internals(ctx)
        .and_then(|i| i.get::<_, Function>("mockedModuleName"));
    let Ok(hook) = hook else {
        let _ = ctx.catch();
        return Ok(name);
    };
    Ok(hook
        .call::<_, Option<String>>((name.as_str(),))?
        .unwrap_or(name))
}

/// Declares the module that re-exports a module mock's exports object.
fn load_mock<'js>(
    host: &Host,
    ctx: &Ctx<'js>,
    name: &str,
) -> rquickjs::Result<Module<'js, Declared>> {
    let source: String = host
        .internals(ctx)?
        .get::<_, Function>("mockModuleSource")?
        .call((name,))?;
    Module::declare(ctx.clone(), name, source)
}

/// Import attributes rusk understands: `type` of "json", "text", "toml" or "file" (Bun's).
/// Others are refused with Node's error (`ERR_IMPORT_ATTRIBUTE_UNSUPPORTED`) rather than
/// ignored. Returns the kind asked for.
fn check_attributes<'js>(
    ctx: &Ctx<'js>,
    name: &str,
    attributes: Option<&ImportAttributes<'js>>,
) -> rquickjs::Result<Option<assets::AssetKind>> {
    let Some(attrs) = attributes else {
        return Ok(None);
    };
    let mut requested = None;
    for key in attrs.keys() {
        let key = key?;
        let value = attrs.get(&key)?.unwrap_or_default();
        let kind = if key == "type" {
            assets::parse_type(&value)
        } else {
            None
        };
        requested = kind;
        if kind.is_none() {
            return Err(crate::errors::throw_coded(
                ctx,
                &format!(
                    "Import attribute \"{key}\" with value \"{value}\" is not supported (importing '{name}')"
                ),
                "ERR_IMPORT_ATTRIBUTE_UNSUPPORTED",
            ));
        }
    }
    Ok(requested)
}

fn load_file<'js>(
    host: &Host,
    ctx: &Ctx<'js>,
    name: &str,
) -> rquickjs::Result<Module<'js, Declared>> {
    let (file, kind) = assets::split_name(name);
    if let Some(kind) = kind {
        let code =
            assets::module_source(file, kind).map_err(|e| Exception::throw_message(ctx, &e))?;
        let module = Module::declare(ctx.clone(), name, code)?;
        set_import_meta(host, &module, file)?;
        return Ok(module);
    }
    let path = Path::new(name);
    let source = std::fs::read_to_string(path)
        .map_err(|e| Exception::throw_message(ctx, &format!("Cannot read module '{name}': {e}")))?;
    install_mentioned_globals(host, ctx, path, &source)?;
    let module = {
        let prepared = transpile::prepare(path, &source).map_err(|e| {
            Exception::throw_syntax(
                ctx,
                &format!("{} ({}:{}:{})", e.message, name, e.line, e.col),
            )
        })?;
        // A file loaded again (after `delete require.cache[...]`) may now need no map: an
        // old one must not outlive it.
        match prepared.map {
            Some(map) => host
                .position_maps
                .borrow_mut()
                .insert(name.to_string(), map),
            None => host.position_maps.borrow_mut().remove(name),
        };
        match prepared.kind {
            ModuleKind::Esm => {
                let code = with_path_names(prepared.code, &prepared.free_path_names, path);
                Module::declare(ctx.clone(), name, code)?
            }
            ModuleKind::CommonJs => {
                let code = commonjs_facade(host, ctx, name)?;
                Module::declare(ctx.clone(), name, code)?
            }
        }
    };
    set_import_meta(host, &module, name)?;
    Ok(module)
}

/// Globals installed only for programs that use them (`internals.globalsOnMention`: name →
/// installer, filled by the Node layer — `Deno` is one). A module outside `node_modules` whose
/// text mentions the name installs it before it runs: a script written for Deno's FFI finds
/// `Deno`, while npm packages that sniff `globalThis.Deno` to pick a runtime are not misled in
/// programs that never mention it.
fn install_mentioned_globals(
    host: &Host,
    ctx: &Ctx<'_>,
    path: &Path,
    source: &str,
) -> rquickjs::Result<()> {
    if path.components().any(|c| c.as_os_str() == "node_modules") {
        return Ok(());
    }
    let Ok(pending) = host
        .internals(ctx)
        .and_then(|i| i.get::<_, Object>("globalsOnMention"))
    else {
        let _ = ctx.catch();
        return Ok(());
    };
    for name in pending
        .keys::<String>()
        .collect::<rquickjs::Result<Vec<_>>>()?
    {
        if source.contains(name.as_str()) {
            let install: Function = pending.get(name.as_str())?;
            pending.remove(name.as_str())?;
            install.call::<_, ()>(())?;
        }
    }
    Ok(())
}

/// Declares `__filename`/`__dirname` (those in `names`) for an ES module that uses them, as Bun
/// does. The declaration goes on the first line (after a `#!` line) without a line break, so
/// line numbers in stack traces stay right.
fn with_path_names(code: String, names: &[&str], path: &Path) -> String {
    if names.is_empty() {
        return code;
    }
    let js = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let dir = path
        .parent()
        .map(|d| d.to_string_lossy().into_owned())
        .unwrap_or_default();
    let decls: Vec<String> = names
        .iter()
        .map(|name| {
            let value = if *name == "__filename" {
                js(&path.to_string_lossy())
            } else {
                js(&dir)
            };
            format!("{name} = {value}")
        })
        .collect();
    let prelude = format!("const {};", decls.join(", "));
    let at = if code.starts_with("#!") {
        // After the line of the `#!`, whatever ends it (a lone CR, U+2028 and U+2029 too).
        code.find(['\n', '\r', '\u{2028}', '\u{2029}'])
            .map_or(code.len(), |i| {
                let end = &code[i..];
                i + if end.starts_with("\r\n") {
                    2
                } else {
                    end.chars().next().map_or(1, char::len_utf8)
                }
            })
    } else {
        0
    };
    let mut out = String::with_capacity(code.len() + prelude.len());
    out.push_str(&code[..at]);
    out.push_str(&prelude);
    out.push_str(&code[at..]);
    out
}

/// Runs a CommonJS file through `require` and returns the source of an ES module that
/// re-exports it: `module.exports` as default (or `exports.default` with `__esModule`, as Bun
/// does) plus its own enumerable keys as named exports.
fn commonjs_facade<'js>(host: &Host, ctx: &Ctx<'js>, name: &str) -> rquickjs::Result<String> {
    let internals = host.internals(ctx)?;
    let load: Function = internals.get("cjsLoadForImport")?;
    let exports: Value = load.call((name,))?;
    let key = serde_json::to_string(name).unwrap_or_else(|_| "\"\"".into());
    let mut code = format!(
        "const m = globalThis[Symbol.for('rusk.internals')].cjsCache.get({key}).exports;\n\
         export default (m && m.__esModule && 'default' in m) ? m.default : m;\n"
    );
    if let Some(obj) = exports.as_object() {
        for k in obj.keys::<String>().flatten() {
            if k != "default" && is_identifier(&k) {
                code.push_str(&format!(
                    "export const {k} = m[{}];\n",
                    serde_json::to_string(&k).unwrap_or_default()
                ));
            }
        }
    }
    Ok(code)
}

pub(crate) fn is_identifier(s: &str) -> bool {
    const RESERVED: &[&str] = &[
        "break",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "debugger",
        "default",
        "delete",
        "do",
        "else",
        "enum",
        "export",
        "extends",
        "false",
        "finally",
        "for",
        "function",
        "if",
        "import",
        "in",
        "instanceof",
        "new",
        "null",
        "return",
        "super",
        "switch",
        "this",
        "throw",
        "true",
        "try",
        "typeof",
        "var",
        "void",
        "while",
        "with",
        "yield",
        "let",
        "static",
        "await",
        "implements",
        "interface",
        "package",
        "private",
        "protected",
        "public",
    ];
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
        && !RESERVED.contains(&s)
}

fn set_import_meta<'js>(
    host: &Host,
    module: &Module<'js, Declared>,
    name: &str,
) -> rquickjs::Result<()> {
    let meta: Object = module.meta()?;
    let path = Path::new(name);
    meta.set("url", format!("file://{name}"))?;
    meta.set("path", name)?;
    meta.set("filename", name)?;
    let dir = path
        .parent()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    meta.set("file", file)?;
    meta.set("dir", dir.clone())?;
    meta.set("dirname", dir)?;
    meta.set("main", host.main_path.borrow().as_deref() == Some(name))?;
    let internals = host.internals(module.ctx())?;
    let make_resolve: Function = internals.get("metaResolve")?;
    meta.set("resolve", make_resolve.call::<_, Function>((name,))?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_names_go_after_the_hashbang_line_whatever_ends_it() {
        let path = Path::new("/d/a.mjs");
        for (code, head) in [
            ("#!/usr/bin/env rusk\nx", "#!/usr/bin/env rusk\n"),
            ("#!/usr/bin/env rusk\r\nx", "#!/usr/bin/env rusk\r\n"),
            ("#!/usr/bin/env rusk\rx", "#!/usr/bin/env rusk\r"),
            (
                "#!/usr/bin/env rusk\u{2028}x",
                "#!/usr/bin/env rusk\u{2028}",
            ),
            ("x", ""),
        ] {
            let out = with_path_names(code.to_string(), &["__dirname"], path);
            assert!(
                out.starts_with(&format!("{head}const __dirname = \"/d\";")),
                "{out:?}"
            );
            assert!(out.ends_with('x'));
        }
    }
}
