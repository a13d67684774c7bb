//! Compiles the core bootstrap to QuickJS bytecode with the same engine version the runtime
//! uses, so start-up reads it instead of parsing it: `js/bootstrap.js` (evaluated at every
//! start) and its parts in `js/bootstrap/` (evaluated on first use). Each is a function
//! expression. The sources stay in the binary as the fallback (see `globals`).

use std::ffi::CString;
use std::fmt::Write as _;
use std::path::Path;

use rquickjs::{qjs, Context, Runtime};

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out_dir = Path::new(&out_dir);
    let rt = Runtime::new().expect("a QuickJS runtime for compiling");
    let ctx = Context::full(&rt).expect("a QuickJS context for compiling");

    println!("cargo:rerun-if-changed=js/bootstrap.js");
    let bytecode = compile(&ctx, Path::new("js/bootstrap.js"), "rusk:bootstrap");
    std::fs::write(out_dir.join("bootstrap.qbc"), bytecode).expect("writing bootstrap.qbc");

    // The parts, by file stem, sorted: `BOOTSTRAP_PARTS: &[(name, bytecode, source)]`.
    println!("cargo:rerun-if-changed=js/bootstrap");
    let mut parts: Vec<_> = std::fs::read_dir("js/bootstrap")
        .expect("js/bootstrap")
        .map(|e| e.expect("a directory entry of js/bootstrap").path())
        .filter(|p| p.extension().is_some_and(|e| e == "js"))
        .collect();
    parts.sort();
    let mut table = String::from("const BOOTSTRAP_PARTS: &[(&str, &[u8], &str)] = &[\n");
    for path in &parts {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a UTF-8 file name");
        let out_name = format!("bootstrap_{name}.qbc");
        let bytecode = compile(&ctx, path, &format!("rusk:bootstrap/{name}"));
        std::fs::write(out_dir.join(&out_name), bytecode).expect("writing a part's bytecode");
        let _ = writeln!(
            table,
            "    ({name:?}, include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{out_name}\")), include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{}\"))),",
            path.display()
        );
    }
    table.push_str("];\n");
    std::fs::write(out_dir.join("bootstrap_parts.rs"), table).expect("writing bootstrap_parts.rs");
}

/// The bytecode of the script at `path`, compiled under the file name `name` (stack traces
/// show it; the runtime leaves frames of `rusk:` files out of them).
fn compile(ctx: &Context, path: &Path, name: &str) -> Vec<u8> {
    let source =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ctx.with(|ctx| {
        let code = CString::new(source.as_str()).expect("no NUL in a bootstrap script");
        let name = CString::new(name).expect("no NUL in a script name");
        let raw = ctx.as_raw().as_ptr();
        // SAFETY: `raw` is this thread's live context; `code` is NUL-terminated as JS_Eval
        // requires; the compiled function and the written buffer are freed here.
        unsafe {
            let func = qjs::JS_Eval(
                raw,
                code.as_ptr(),
                source.len() as _,
                name.as_ptr(),
                (qjs::JS_EVAL_TYPE_GLOBAL | qjs::JS_EVAL_FLAG_COMPILE_ONLY) as i32,
            );
            if qjs::JS_IsException(func) {
                panic!("{} does not compile: {:?}", path.display(), ctx.catch());
            }
            let mut len: qjs::size_t = 0;
            // Without the functions' source text: the bootstrap's 80 KB of bytecode becomes
            // 22 KB, read at every start. (`String(setTimeout)` then shows `[native code]`
            // rather than the bootstrap's source; the line tables stay for stack traces.)
            let flags = qjs::JS_WRITE_OBJ_BYTECODE | qjs::JS_WRITE_OBJ_STRIP_SOURCE;
            let buf = qjs::JS_WriteObject(raw, &mut len, func, flags as i32);
            qjs::JS_FreeValue(raw, func);
            assert!(
                !buf.is_null(),
                "writing {}'s bytecode failed",
                path.display()
            );
            let bytes = std::slice::from_raw_parts(buf, len as usize).to_vec();
            qjs::js_free(raw, buf as *mut std::ffi::c_void);
            bytes
        }
    })
}
