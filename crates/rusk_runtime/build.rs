//! Compiles the core bootstrap (`js/bootstrap.js`, evaluated at every start) to QuickJS
//! bytecode with the same engine version the runtime uses, so start-up reads it instead of
//! parsing it. The source stays in the binary as the fallback (see `globals::install`).

use std::ffi::CString;

use rquickjs::{qjs, Context, Runtime};

fn main() {
    println!("cargo:rerun-if-changed=js/bootstrap.js");
    let source = std::fs::read_to_string("js/bootstrap.js").expect("js/bootstrap.js");
    let rt = Runtime::new().expect("a QuickJS runtime for compiling");
    let ctx = Context::full(&rt).expect("a QuickJS context for compiling");
    let bytecode = ctx.with(|ctx| {
        let code = CString::new(source.as_str()).expect("no NUL in bootstrap.js");
        let name = CString::new("rusk:bootstrap").expect("static name");
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
                panic!("js/bootstrap.js does not compile: {:?}", ctx.catch());
            }
            let mut len: qjs::size_t = 0;
            // Without the functions' source text: 80 KB of bytecode becomes 22 KB, read at
            // every start. (`String(setTimeout)` then shows `[native code]` rather than the
            // bootstrap's source; the line tables stay for stack traces.)
            let flags = qjs::JS_WRITE_OBJ_BYTECODE | qjs::JS_WRITE_OBJ_STRIP_SOURCE;
            let buf = qjs::JS_WriteObject(raw, &mut len, func, flags as i32);
            qjs::JS_FreeValue(raw, func);
            assert!(!buf.is_null(), "writing the bootstrap's bytecode failed");
            let bytes = std::slice::from_raw_parts(buf, len as usize).to_vec();
            qjs::js_free(raw, buf as *mut std::ffi::c_void);
            bytes
        }
    });
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("bootstrap.qbc");
    std::fs::write(out, bytecode).expect("writing bootstrap.qbc");
}
