//! The other build-script job of crates that embed JS: compiling their ES modules to QuickJS
//! bytecode with the engine version the runtime uses, so start-up loads them instead of
//! parsing them. (rusk_node and rusk_test share it.)

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rquickjs::loader::{ImportAttributes, Loader, Resolver};
use rquickjs::module::{Declared, WriteOptions};
use rquickjs::{Context, Ctx, Module, Runtime};

/// Compiling a module makes QuickJS load what it imports: the crate's own modules are compiled
/// from source, anything else (Rust natives, other crates' modules) gets an empty stand-in.
/// Nothing is linked or run, so the stand-ins' exports do not matter.
struct BuildTimeImports {
    modules: Vec<(String, PathBuf)>,
}

impl Resolver for BuildTimeImports {
    fn resolve<'js>(
        &mut self,
        _: &Ctx<'js>,
        _: &str,
        name: &str,
        _: Option<ImportAttributes<'js>>,
    ) -> rquickjs::Result<String> {
        Ok(name.strip_prefix("node:").unwrap_or(name).to_string())
    }
}

impl Loader for BuildTimeImports {
    fn load<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        name: &str,
        _: Option<ImportAttributes<'js>>,
    ) -> rquickjs::Result<Module<'js, Declared>> {
        match self.modules.iter().find(|(n, _)| n == name) {
            Some((_, file)) => {
                let source = std::fs::read_to_string(file)
                    .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
                Module::declare(ctx.clone(), name, source)
            }
            None => Module::declare(ctx.clone(), name, "export default {};"),
        }
    }
}

/// Compiles each `(module name, file)` to `<out_dir>/<name>.qbc` (panicking with the engine's
/// message when one does not compile, which fails the build) and returns the Rust source of
/// `pub const JS_MODULES: &[(&str, &[u8], &str)]`: name, bytecode, source (the fallback
/// should the engine refuse the bytecode). Prints the `cargo:rerun-if-changed` lines.
/// `strip_source(name)` says which modules leave the functions' source text out of the
/// bytecode (smaller and faster to load; `Function.prototype.toString` of those functions then
/// shows `[native code]`). `rewrite`,
/// when given, turns each source into what is compiled (`None`: the source as written); rusk
/// passes the `await` rewrite of `rusk_async_context`. The fallback source in the table is the
/// file as written.
///
/// The table lists the modules sorted by name (as `modules` gives them; the runtime keeps a
/// sorted table as it is and binary-searches it). The names are slices of one string constant,
/// `JS_MODULE_NAMES`: a name written as its own literal is placed by the linker beside its
/// module's bytecode, so reading the names touched one page of the binary each (~35 page
/// faults, ~1.5-2 µs apiece on the machine measured, when start-up registered every module).
pub fn compile_js_modules(
    modules: &[(String, PathBuf)],
    out_dir: &Path,
    strip_source: &dyn Fn(&str) -> bool,
    rewrite: Option<fn(&str) -> Option<String>>,
) -> String {
    let rt = Runtime::new().expect("a QuickJS runtime for compiling");
    let imports = || BuildTimeImports {
        modules: modules.to_vec(),
    };
    rt.set_loader(imports(), imports());
    let ctx = Context::full(&rt).expect("a QuickJS context for compiling");
    let mut table = String::from("pub const JS_MODULES: &[(&str, &[u8], &str)] = &[\n");
    let mut names = String::new();
    ctx.with(|ctx| {
        for (name, path) in modules {
            let file = path.display().to_string();
            println!("cargo:rerun-if-changed={file}");
            let source = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{file}: {e}"));
            let source = rewrite.and_then(|r| r(&source)).unwrap_or(source);
            let bytecode = Module::declare(ctx.clone(), name.as_str(), source)
                .and_then(|m| {
                    m.write(WriteOptions {
                        strip_source: strip_source(name),
                        ..WriteOptions::default()
                    })
                })
                .unwrap_or_else(|e| {
                    let detail = ctx.catch();
                    panic!("{file} does not compile: {e}: {detail:?}")
                });
            let out_name = format!("{}.qbc", name.replace([':', '/'], "_"));
            let (start, end) = (names.len(), names.len() + name.len());
            names.push_str(name);
            std::fs::write(out_dir.join(&out_name), bytecode)
                .unwrap_or_else(|e| panic!("writing {out_name}: {e}"));
            let _ = writeln!(
                table,
                "    (js_module_name({start}, {end}), include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{out_name}\")), include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{file}\"))),"
            );
        }
    });
    table.push_str("];\n");
    let _ = write!(
        table,
        "const JS_MODULE_NAMES: &str = {names:?};\n\
         /// `JS_MODULE_NAMES[start..end]`, in a constant.\n\
         const fn js_module_name(start: usize, end: usize) -> &'static str {{\n\
         \x20   let (head, _) = JS_MODULE_NAMES.as_bytes().split_at(end);\n\
         \x20   let (_, name) = head.split_at(start);\n\
         \x20   // SAFETY: the generator took `start` and `end` from the lengths of whole names, so\n\
         \x20   // both are character boundaries of the UTF-8 text.\n\
         \x20   unsafe {{ core::str::from_utf8_unchecked(name) }}\n\
         }}\n"
    );
    table
}
