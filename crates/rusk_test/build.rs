//! Compiles the test library's JS modules (js/*.js) to QuickJS bytecode, so that each test
//! file's fresh runtime loads them instead of parsing them.

use std::fmt::Write as _;
use std::path::Path;

use rquickjs::loader::{ImportAttributes, Loader, Resolver};
use rquickjs::module::{Declared, WriteOptions};
use rquickjs::{Context, Ctx, Module, Runtime};

include!("src/module_files.rs");

/// Compiling a module makes QuickJS load what it imports: the library's own modules are
/// compiled from source, anything else gets an empty stand-in (nothing is linked or run).
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
        Ok(name.to_string())
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
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let modules = module_files(Path::new("js"));
    println!("cargo:rerun-if-changed=js");
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
                .and_then(|m| m.write(write_options()))
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

/// The library's own source text is not needed at run time (nothing prints its functions),
/// and leaving it out makes the bytecode smaller and faster to load for every test file.
fn write_options() -> WriteOptions {
    WriteOptions {
        strip_source: true,
        ..WriteOptions::default()
    }
}
