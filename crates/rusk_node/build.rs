//! Generates the glue of rusk_node's native classes (`TextEncoder`, `TextDecoder`), and compiles
//! the built-in JS modules to QuickJS bytecode (start-up then loads them instead of parsing).

use std::fmt::Write as _;
use std::path::Path;

use rquickjs::loader::{ImportAttributes, Loader, Resolver};
use rquickjs::module::{Declared, WriteOptions};
use rquickjs::{Context, Ctx, Module, Runtime};

include!("src/module_files.rs");

/// Compiling a module makes QuickJS load what it imports; the build's stand-ins compile the
/// JS modules from source and give every other import (the Rust natives) an empty module.
/// Nothing is linked or run here, so the stand-ins' exports do not matter.
struct BuildTimeImports {
    modules: Vec<(String, std::path::PathBuf)>,
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

fn main() {
    rusk_bindgen::Generator::new()
        .file("src/encoding.classes.ts")
        .file("src/crypto.classes.ts")
        .file("src/vm.classes.ts")
        .file("src/zlib.classes.ts")
        .build_script();

    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    // Every file under js/ is a module (see src/module_files.rs for the names).
    let modules = module_files(Path::new("js"));
    println!("cargo:rerun-if-changed=js");
    println!("cargo:rerun-if-changed=js/internal");
    let rt = Runtime::new().expect("a QuickJS runtime for compiling");
    rt.set_loader(
        BuildTimeImports {
            modules: modules.clone(),
        },
        BuildTimeImports {
            modules: modules.clone(),
        },
    );
    let ctx = Context::full(&rt).expect("a QuickJS context for compiling");
    let mut table = String::from("pub const JS_MODULES: &[(&str, &[u8], &str)] = &[\n");
    ctx.with(|ctx| {
        for (name, path) in &modules {
            let file = path.display().to_string();
            println!("cargo:rerun-if-changed={file}");
            let source = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{file}: {e}"));
            let bytecode = Module::declare(ctx.clone(), name.as_str(), source)
                .and_then(|m| m.write(WriteOptions::default()))
                .unwrap_or_else(|e| {
                    let detail = ctx.catch();
                    panic!("{file} does not compile: {e}: {detail:?}")
                });
            let out_name = format!("{}.qbc", name.replace([':', '/'], "_"));
            std::fs::write(Path::new(&out_dir).join(&out_name), bytecode)
                .unwrap_or_else(|e| panic!("writing {out_name}: {e}"));
            let _ = writeln!(
                table,
                "    ({name:?}, include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{out_name}\")), include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{file}\"))),"
            );
        }
    });
    table.push_str("];\n");
    std::fs::write(Path::new(&out_dir).join("js_modules.rs"), table)
        .expect("writing js_modules.rs");
}
