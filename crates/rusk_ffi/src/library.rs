//! Libraries and their symbols: `dlopen`, `linkSymbols`, `CFunction`, and closing them.
//!
//! A library's functions are built in one native call from the user's symbol table (names,
//! signatures and addresses never travel back and forth through JS). `close()` makes every
//! function of the library throw from then on; the code is unmapped when no call into it is
//! in flight: if the JS thread is inside a native call (a callback the library made may be
//! running the `close()`), the unload waits until the outermost call has returned.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use rquickjs::object::Property;
use rquickjs::{Ctx, Exception, Object, Value};

use crate::call::{self, Signature};
use crate::context::ffi_context;
use crate::memory;
use crate::signature::{self, coded_type_error};
use crate::{nonblocking, variadic};

/// Shared by a library and every function made from it: `close()` flips it.
pub struct LibraryState {
    pub name: String,
    pub closed: AtomicBool,
}

/// A loaded library (or a closable scope without one, for `linkSymbols`/`CFunction`).
pub struct Library {
    lib: Option<libloading::Library>,
    pub state: Arc<LibraryState>,
}

impl Library {
    /// At runtime shutdown: the library stays mapped, since threads it started may still run
    /// its code.
    pub fn forget(self) {
        self.state.closed.store(true, Ordering::Release);
        std::mem::forget(self.lib);
    }
}

fn coded_error(ctx: &Ctx<'_>, message: &str, code: &str) -> rquickjs::Error {
    let made = (|| -> rquickjs::Result<Value<'_>> {
        let e = Exception::from_message(ctx.clone(), message)?;
        e.as_object().set("code", code)?;
        Ok(e.into_value())
    })();
    match made {
        Ok(e) => ctx.throw(e),
        Err(e) => e,
    }
}

fn load(path: &str) -> Result<libloading::Library, String> {
    // SAFETY: loading a library runs its initialisers; that is what the user asked for.
    unsafe { libloading::Library::new(path) }.map_err(|e| {
        // libloading's Display says only "dlopen failed"; the dlerror text is its source.
        let detail = std::error::Error::source(&e).map_or_else(|| e.to_string(), |s| s.to_string());
        format!("Failed to open library \"{path}\": {detail}")
    })
}

/// Opens `path` (as given, then relative to the working directory) and registers it.
fn open(ctx: &Ctx<'_>, path: &str) -> rquickjs::Result<u32> {
    let lib = match load(path) {
        Ok(l) => l,
        Err(first) => {
            let in_cwd = (!path.starts_with('/'))
                .then(|| std::env::current_dir().ok())
                .flatten()
                .map(|d| d.join(path));
            match in_cwd.and_then(|p| load(&p.to_string_lossy()).ok()) {
                Some(l) => l,
                None => return Err(coded_error(ctx, &first, "ERR_DLOPEN_FAILED")),
            }
        }
    };
    register(ctx, path, Some(lib))
}

fn register(ctx: &Ctx<'_>, name: &str, lib: Option<libloading::Library>) -> rquickjs::Result<u32> {
    let fc = ffi_context(ctx)?;
    let id = fc.next_id();
    fc.libs.borrow_mut().insert(
        id,
        Library {
            lib,
            state: Arc::new(LibraryState {
                name: name.to_string(),
                closed: AtomicBool::new(false),
            }),
        },
    );
    Ok(id)
}

/// Closes scope `id` (idempotent): its functions throw from now on, and the library is
/// unloaded as soon as no native call is in progress.
pub fn close(ctx: &Ctx<'_>, id: u32) -> rquickjs::Result<()> {
    let fc = ffi_context(ctx)?;
    let removed = fc.libs.borrow_mut().remove(&id);
    if let Some(Library { lib, state }) = removed {
        state.closed.store(true, Ordering::Release);
        if let Some(lib) = lib {
            fc.state.unload(lib);
        }
    }
    Ok(())
}

fn dlsym(ctx: &Ctx<'_>, id: u32, name: &str) -> rquickjs::Result<usize> {
    let fc = ffi_context(ctx)?;
    let libs = fc.libs.borrow();
    let Some(Library { lib: Some(l), .. }) = libs.get(&id) else {
        return Ok(0);
    };
    let mut cname = name.as_bytes().to_vec();
    cname.push(0);
    // SAFETY: we only take the symbol's address, never call it through this type.
    let sym = unsafe { l.get::<*const std::ffi::c_void>(cname.as_slice()) };
    Ok(sym.map(|s| *s as usize).unwrap_or(0))
}

fn expect_symbols<'js>(ctx: &Ctx<'js>, symbols: &Value<'js>) -> rquickjs::Result<Object<'js>> {
    let obj = symbols
        .as_object()
        .filter(|_| !symbols.is_function())
        .cloned()
        .ok_or_else(|| {
            coded_type_error(
                ctx,
                "Expected an options object with symbol names",
                "ERR_INVALID_ARG_TYPE",
            )
        })?;
    if obj.keys::<String>().next().is_none() {
        return Err(coded_type_error(
            ctx,
            "Expected at least one symbol",
            "ERR_INVALID_ARG_TYPE",
        ));
    }
    Ok(obj)
}

/// Builds the function for one symbol of scope `id`.
fn build_symbol<'js>(
    ctx: &Ctx<'js>,
    id: u32,
    lib_name: &str,
    name: &str,
    spec: &Value<'js>,
    require_ptr: bool,
) -> rquickjs::Result<Value<'js>> {
    let sig = signature::parse(ctx, name, spec, false)?;
    let mut address: Value = match spec.as_object() {
        Some(o) => o.get("ptr")?,
        None => Value::new_undefined(ctx.clone()),
    };
    // Bun gives its missing-ptr message for any `ptr` that is not an address (a string too).
    if address.is_undefined() || address.is_null() || (require_ptr && address.is_string()) {
        if require_ptr {
            return Err(Exception::throw_type(
                ctx,
                &format!("Symbol \"{name}\" is missing a \"ptr\" field. When using linkSymbols() or CFunction(), you must provide a \"ptr\" field with the memory address of the native function."),
            ));
        }
        let found = dlsym(ctx, id, name)?;
        if found == 0 {
            return Err(coded_error(
                ctx,
                &format!("Symbol \"{name}\" not found in \"{lib_name}\""),
                "ERR_INVALID_ARG_TYPE",
            ));
        }
        address = Value::new_number(ctx.clone(), found as f64);
    } else if let Some(o) = address.as_object() {
        // A JSCallback or anything with a `ptr`.
        if o.contains_key("ptr")? {
            address = o.get("ptr")?;
        }
    }
    let raw = ctx.as_raw().as_ptr();
    // SAFETY: live ctx on the JS thread; `address` is a valid value.
    let addr =
        unsafe { memory::address_arg(raw, address.as_raw(), "ptr", memory::AddressUse::Symbol) }
            .map_err(|_| rquickjs::Error::Exception)?;
    if addr == 0 {
        return Err(Exception::throw_type(
            ctx,
            &format!("Symbol \"{name}\" has a NULL \"ptr\""),
        ));
    }
    let fc = ffi_context(ctx)?;
    let lib_state = fc.libs.borrow().get(&id).map(|l| l.state.clone());
    if sig.variadic {
        let symbol = variadic::VariadicSymbol::new(
            name.to_string(),
            sig.args,
            sig.returns,
            addr as usize,
            lib_state,
            fc.state.clone(),
        );
        drop(fc);
        let f = variadic::make_function(ctx, symbol)?;
        f.prop("ptr", Property::from(addr as f64).enumerable())?;
        f.prop("name", Property::from(name).configurable())?;
        return Ok(f.into_value());
    }
    let signature = Signature::new(
        name.to_string(),
        sig.args,
        sig.returns,
        addr as usize as *const std::ffi::c_void,
        lib_state,
        fc.state.clone(),
        None,
        sig.aggregates,
    );
    drop(fc);
    let signature =
        signature.map_err(|e| Exception::throw_type(ctx, &format!("\"{name}\": {e}")))?;
    if sig.nonblocking {
        let f = nonblocking::make_function(ctx, signature)?;
        f.prop("ptr", Property::from(addr as f64).enumerable())?;
        f.prop("name", Property::from(name).configurable())?;
        return Ok(f.into_value());
    }
    // SAFETY: live ctx; the returned value is owned.
    let f = unsafe { call::make_function(raw, signature) };
    // SAFETY: `f` is an owned value of this context (or the exception marker).
    if unsafe { qjs_is_exception(f) } {
        return Err(rquickjs::Error::Exception);
    }
    // SAFETY: transferring ownership of `f`.
    let f = unsafe { Value::from_raw(ctx.clone(), f) };
    let fo = f
        .as_object()
        .ok_or_else(|| Exception::throw_internal(ctx, "FFI function is not an object"))?;
    fo.prop("ptr", Property::from(addr as f64).enumerable())?;
    fo.prop("native", Property::from(f.clone()))?;
    fo.prop("name", Property::from(name).configurable())?;
    Ok(f)
}

/// # Safety
/// A value of a live context.
unsafe fn qjs_is_exception(v: rquickjs::qjs::JSValue) -> bool {
    // SAFETY: tag check.
    unsafe { rquickjs::qjs::JS_IsException(v) }
}

/// Builds every symbol of `symbols` into scope `id`; returns `{ name: function }`.
fn build_symbols<'js>(
    ctx: &Ctx<'js>,
    id: u32,
    lib_name: &str,
    symbols: &Object<'js>,
    require_ptr: bool,
) -> rquickjs::Result<Object<'js>> {
    let out = Object::new(ctx.clone())?;
    for name in symbols.keys::<String>() {
        let name = name?;
        let spec: Value = symbols.get(name.as_str())?;
        let f = build_symbol(ctx, id, lib_name, &name, &spec, require_ptr)?;
        out.set(name.as_str(), f)?;
    }
    Ok(out)
}

/// `dlopen(path, symbols)` → a `Library`.
pub fn dlopen<'js>(
    ctx: Ctx<'js>,
    path: String,
    symbols: Value<'js>,
) -> rquickjs::Result<Value<'js>> {
    let symbols = expect_symbols(&ctx, &symbols)?;
    let id = open(&ctx, &path)?;
    match build_symbols(&ctx, id, &path, &symbols, false) {
        Ok(built) => crate::classes::make_library(&ctx, id, built),
        Err(e) => {
            // Keep the pending exception; unloading throws nothing.
            let _ = close(&ctx, id);
            Err(e)
        }
    }
}

/// `linkSymbols(symbols)` → a `Library` over addresses the user gives.
pub fn link_symbols<'js>(ctx: Ctx<'js>, symbols: Value<'js>) -> rquickjs::Result<Value<'js>> {
    let symbols = expect_symbols(&ctx, &symbols)?;
    let id = register(&ctx, "linkSymbols", None)?;
    let built = build_symbols(&ctx, id, "linkSymbols", &symbols, true)?;
    crate::classes::make_library(&ctx, id, built)
}

/// `CFunction(spec)` → a callable with `close()`.
pub fn cfunction<'js>(ctx: Ctx<'js>, spec: Value<'js>) -> rquickjs::Result<Value<'js>> {
    let Some(obj) = spec.as_object() else {
        return Err(Exception::throw_type(
            &ctx,
            "Expected an object for CFunction",
        ));
    };
    let name = match obj.get::<_, Option<String>>("name").ok().flatten() {
        Some(n) if !n.is_empty() => n,
        _ => "CFunction".to_string(),
    };
    let id = register(&ctx, "CFunction", None)?;
    let f = build_symbol(&ctx, id, "CFunction", &name, &spec, true)?;
    let close_fn = rquickjs::Function::new(ctx.clone(), move |ctx: Ctx<'js>| close(&ctx, id))?;
    if let Some(fo) = f.as_object() {
        fo.prop("close", Property::from(close_fn))?;
    }
    Ok(f)
}
