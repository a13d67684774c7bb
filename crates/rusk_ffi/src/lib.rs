//! rusk:ffi — call C libraries from JS (Bun's `bun:ffi` API) with thread-safe callbacks.
//!
//! The public module `rusk:ffi` (alias `bun:ffi`) is written in JS (`js/ffi.js`): argument
//! validation, error messages and classes. It stands on the primitives of `rusk:ffi-native`,
//! implemented here: libraries, call thunks, callbacks, memory access.

mod call;
mod callback;
mod memory;
mod state;
pub mod types;
pub mod values;

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::c_void;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use rquickjs::function::Opt;
use rquickjs::module::{Declarations, Exports, ModuleDef};
use rquickjs::{qjs, Ctx, Exception, Function, Object, Value};

use crate::call::{LibraryState, Signature};
use crate::callback::CallbackData;
use crate::state::FfiState;
use crate::types::FfiType;

/// The source of the public `rusk:ffi` module.
pub const FFI_JS: &str = include_str!("../js/ffi.js");

/// Registers `rusk:ffi` (and its native half) with a runtime builder.
pub fn register(builder: rusk_runtime::RuntimeBuilder) -> rusk_runtime::RuntimeBuilder {
    builder
        .module::<FfiNative>("rusk:ffi-native")
        .js_module("rusk:ffi", FFI_JS)
}

struct Library {
    lib: Option<libloading::Library>,
    state: Arc<LibraryState>,
}

/// Per-context FFI state (stored as context userdata).
struct FfiContext {
    state: Arc<FfiState>,
    libs: RefCell<HashMap<u32, Library>>,
    callbacks: RefCell<HashMap<u32, *const CallbackData>>,
    next_id: std::cell::Cell<u32>,
    rt: *mut qjs::JSRuntime,
}

// SAFETY: holds no JS values with a lifetime (callback data owns raw, runtime-bound values that
// are freed in Drop with the runtime pointer).
unsafe impl<'js> rquickjs::JsLifetime<'js> for FfiContext {
    type Changed<'to> = FfiContext;
}

impl Drop for FfiContext {
    fn drop(&mut self) {
        for (_, cb) in self.callbacks.borrow_mut().drain() {
            // SAFETY: the runtime is shutting down on this thread; no JS runs any more. Foreign
            // threads still calling a callback at this point violate the library contract.
            unsafe { CallbackData::destroy(cb, self.rt) };
        }
        for (_, lib) in self.libs.borrow_mut().drain() {
            lib.state.closed.store(true, Ordering::Release);
            // Unloading could pull code from under threads the library started; keep it mapped.
            std::mem::forget(lib.lib);
        }
    }
}

fn ffi_context<'a, 'js>(
    ctx: &'a Ctx<'js>,
) -> rquickjs::Result<rquickjs::runtime::UserDataGuard<'a, FfiContext>> {
    if ctx.userdata::<FfiContext>().is_none() {
        // SAFETY: reading the runtime pointer of a live context.
        let rt = unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) };
        let _ = ctx.store_userdata(FfiContext {
            state: FfiState::new(),
            libs: RefCell::new(HashMap::new()),
            callbacks: RefCell::new(HashMap::new()),
            next_id: std::cell::Cell::new(1),
            rt,
        });
    }
    ctx.userdata::<FfiContext>()
        .ok_or_else(|| Exception::throw_internal(ctx, "rusk:ffi state unavailable"))
}

fn parse_types<'js>(ctx: &Ctx<'js>, ids: &[i32]) -> rquickjs::Result<Vec<FfiType>> {
    ids.iter()
        .map(|&i| {
            FfiType::from_id(i)
                .ok_or_else(|| Exception::throw_type(ctx, &format!("Unknown type {i}")))
        })
        .collect()
}

fn dlopen<'js>(ctx: Ctx<'js>, path: String) -> rquickjs::Result<u32> {
    let fc = ffi_context(&ctx)?;
    // SAFETY: loading a library runs its initialisers; that is what the user asked for.
    let lib = unsafe { libloading::Library::new(&path) }.map_err(|e| {
        // libloading's Display says only "dlopen failed"; the dlerror text is its source.
        let detail = std::error::Error::source(&e).map_or_else(|| e.to_string(), |s| s.to_string());
        Exception::throw_message(
            &ctx,
            &format!("Failed to open library \"{path}\": {detail}"),
        )
    })?;
    let id = fc.next_id.get();
    fc.next_id.set(id + 1);
    fc.libs.borrow_mut().insert(
        id,
        Library {
            lib: Some(lib),
            state: Arc::new(LibraryState {
                name: path,
                closed: Default::default(),
            }),
        },
    );
    Ok(id)
}

fn dlsym<'js>(ctx: Ctx<'js>, lib: u32, name: String) -> rquickjs::Result<f64> {
    let fc = ffi_context(&ctx)?;
    let libs = fc.libs.borrow();
    let Some(Library { lib: Some(l), .. }) = libs.get(&lib) else {
        return Err(Exception::throw_message(&ctx, "library is closed"));
    };
    let mut cname = name.into_bytes();
    cname.push(0);
    // SAFETY: we only take the symbol's address, never call it through this type.
    let sym = unsafe { l.get::<*const c_void>(cname.as_slice()) };
    Ok(sym.map(|s| *s as usize as f64).unwrap_or(0.0))
}

fn dlclose<'js>(ctx: Ctx<'js>, lib: u32) -> rquickjs::Result<()> {
    let fc = ffi_context(&ctx)?;
    if let Some(l) = fc.libs.borrow_mut().get_mut(&lib) {
        if !l.state.closed.swap(true, Ordering::AcqRel) {
            drop(l.lib.take());
        }
    }
    Ok(())
}

fn make_function<'js>(
    ctx: Ctx<'js>,
    lib: i32,
    address: Value<'js>,
    args: Vec<i32>,
    ret: i32,
    name: String,
) -> rquickjs::Result<Value<'js>> {
    let fc = ffi_context(&ctx)?;
    let args = parse_types(&ctx, &args)?;
    let ret = FfiType::from_id(ret)
        .ok_or_else(|| Exception::throw_type(&ctx, &format!("Unknown return type {ret}")))?;
    let raw = ctx.as_raw().as_ptr();
    // SAFETY: live ctx on the JS thread; address is a valid value.
    let addr = unsafe { memory::address_arg(raw, address.as_raw(), "ptr") }
        .map_err(|_| rquickjs::Error::Exception)?;
    if addr == 0 {
        return Err(Exception::throw_type(
            &ctx,
            &format!("Symbol \"{name}\" has a NULL \"ptr\""),
        ));
    }
    let lib_state = if lib > 0 {
        fc.libs.borrow().get(&(lib as u32)).map(|l| l.state.clone())
    } else {
        None
    };
    let sig = Signature::new(
        name,
        args,
        ret,
        addr as usize as *const c_void,
        lib_state,
        fc.state.clone(),
    );
    // SAFETY: live ctx; the returned value is owned and handed to rquickjs.
    let f = unsafe { call::make_function(raw, sig) };
    // SAFETY: `f` is an owned value of this context (or the exception marker).
    if unsafe { qjs::JS_IsException(f) } {
        return Err(rquickjs::Error::Exception);
    }
    // SAFETY: transferring ownership of `f`.
    Ok(unsafe { Value::from_raw(ctx.clone(), f) })
}

/// A closable scope without a loaded library, for `linkSymbols`/`CFunction` (their `close()`
/// disables the functions made in it).
fn new_scope<'js>(ctx: Ctx<'js>, name: String) -> rquickjs::Result<u32> {
    let fc = ffi_context(&ctx)?;
    let id = fc.next_id.get();
    fc.next_id.set(id + 1);
    fc.libs.borrow_mut().insert(
        id,
        Library {
            lib: None,
            state: Arc::new(LibraryState {
                name,
                closed: Default::default(),
            }),
        },
    );
    Ok(id)
}

fn make_callback<'js>(
    ctx: Ctx<'js>,
    func: Function<'js>,
    args: Vec<i32>,
    ret: i32,
    threadsafe: bool,
) -> rquickjs::Result<Vec<f64>> {
    let fc = ffi_context(&ctx)?;
    let args = parse_types(&ctx, &args)?;
    let ret = FfiType::from_id(ret)
        .ok_or_else(|| Exception::throw_type(&ctx, &format!("Unknown return type {ret}")))?;
    let handle = rusk_runtime::loop_handle(&ctx).ok_or_else(|| {
        Exception::throw_internal(&ctx, "JSCallback needs a rusk runtime event loop")
    })?;
    // SAFETY: live ctx on the JS thread; func is a function value.
    let data = unsafe {
        CallbackData::create(
            ctx.as_raw().as_ptr(),
            func.as_raw(),
            args,
            ret,
            threadsafe,
            handle,
            fc.state.clone(),
        )
    }
    .map_err(|e| Exception::throw_message(&ctx, &e))?;
    let id = fc.next_id.get();
    fc.next_id.set(id + 1);
    fc.callbacks.borrow_mut().insert(id, data);
    // SAFETY: data is live until runtime shutdown.
    let addr = unsafe { (*data).address() };
    Ok(vec![id as f64, addr as f64])
}

fn close_callback<'js>(ctx: Ctx<'js>, id: u32) -> rquickjs::Result<()> {
    let fc = ffi_context(&ctx)?;
    if let Some(&data) = fc.callbacks.borrow().get(&id) {
        // SAFETY: JS thread; data live until shutdown.
        unsafe { (*data).close() };
    }
    Ok(())
}

fn ptr_of<'js>(ctx: Ctx<'js>, view: Value<'js>, offset: Opt<Value<'js>>) -> rquickjs::Result<f64> {
    let raw = ctx.as_raw().as_ptr();
    // SAFETY: live ctx; valid values.
    unsafe {
        let Some((addr, len)) = values::view_address(raw, view.as_raw()) else {
            return Err(Exception::throw_type(
                &ctx,
                "ptr() expects a TypedArray, DataView or ArrayBuffer",
            ));
        };
        let off = match offset.0 {
            Some(v) => memory::offset_arg(raw, v.as_raw(), "byteOffset")
                .map_err(|_| rquickjs::Error::Exception)?,
            None => 0,
        };
        if off as usize > len {
            return Err(Exception::throw_range(
                &ctx,
                &format!("byteOffset {off} is out of bounds (byteLength {len})"),
            ));
        }
        if addr == 0 {
            return Ok(0.0);
        }
        Ok((addr + off as u64) as f64)
    }
}

/// `toArrayBuffer(ptr, byteOffset, byteLength, ctx, deallocator)`; byteLength undefined →
/// up to the first NUL.
fn to_array_buffer<'js>(
    ctx: Ctx<'js>,
    ptr: Value<'js>,
    offset: Opt<Value<'js>>,
    length: Opt<Value<'js>>,
    dctx: Opt<Value<'js>>,
    dealloc: Opt<Value<'js>>,
) -> rquickjs::Result<Value<'js>> {
    let raw = ctx.as_raw().as_ptr();
    let ex = |_| rquickjs::Error::Exception;
    // SAFETY: live ctx; valid values; the address is range-checked before any read.
    unsafe {
        let addr = memory::address_arg(raw, ptr.as_raw(), "ptr").map_err(ex)?;
        let off = match &offset.0 {
            Some(v) => memory::offset_arg(raw, v.as_raw(), "byteOffset").map_err(ex)?,
            None => 0,
        };
        let start = memory::checked(raw, addr, off, 0).map_err(ex)?;
        let len = match &length.0 {
            Some(v) if !v.is_undefined() => {
                let l = memory::offset_arg(raw, v.as_raw(), "byteLength").map_err(ex)? as u64;
                memory::checked(raw, addr, off, l).map_err(ex)?;
                l
            }
            _ => memory::strlen(start),
        };
        let pointer = |v: &Option<Value<'js>>| -> rquickjs::Result<u64> {
            match v {
                Some(v) if !v.is_undefined() && !v.is_null() => {
                    values::int64_bits(raw, v.as_raw()).map_err(|_| rquickjs::Error::Exception)
                }
                _ => Ok(0),
            }
        };
        let d = pointer(&dealloc.0)?;
        let dc = pointer(&dctx.0)?;
        let buf = memory::to_array_buffer(raw, start, len, d, dc);
        if qjs::JS_IsException(buf) {
            return Err(rquickjs::Error::Exception);
        }
        Ok(Value::from_raw(ctx.clone(), buf))
    }
}

/// Decodes the UTF-8 C string at ptr+offset (length given, or up to NUL); returns
/// `[string, byteLength]`.
fn read_cstring<'js>(
    ctx: Ctx<'js>,
    ptr: Value<'js>,
    offset: Opt<Value<'js>>,
    length: Opt<Value<'js>>,
) -> rquickjs::Result<rquickjs::Array<'js>> {
    let raw = ctx.as_raw().as_ptr();
    let ex = |_| rquickjs::Error::Exception;
    // SAFETY: live ctx; range-checked reads.
    unsafe {
        let addr = memory::address_arg(raw, ptr.as_raw(), "ptr").map_err(ex)?;
        let off = match &offset.0 {
            Some(v) => memory::offset_arg(raw, v.as_raw(), "byteOffset").map_err(ex)?,
            None => 0,
        };
        let start = memory::checked(raw, addr, off, 0).map_err(ex)?;
        let len = match &length.0 {
            Some(v) if !v.is_undefined() => {
                let l = memory::offset_arg(raw, v.as_raw(), "byteLength").map_err(ex)? as u64;
                memory::checked(raw, addr, off, l).map_err(ex)?;
                l
            }
            _ => memory::strlen(start),
        };
        let bytes = std::slice::from_raw_parts(start as *const u8, len as usize);
        let out = rquickjs::Array::new(ctx.clone())?;
        out.set(0, String::from_utf8_lossy(bytes).into_owned())?;
        out.set(1, len as f64)?;
        Ok(out)
    }
}

/// The native half of rusk:ffi.
pub struct FfiNative;

const READ_KINDS: &[(&str, i32)] = &[
    ("u8", 2),
    ("i8", 1),
    ("u16", 4),
    ("i16", 3),
    ("u32", 6),
    ("i32", 5),
    ("i64", 7),
    ("u64", 8),
    ("f32", 10),
    ("f64", 9),
    ("ptr", 12),
    ("intptr", 100),
];

impl ModuleDef for FfiNative {
    fn declare(decl: &Declarations) -> rquickjs::Result<()> {
        for name in [
            "dlopen",
            "dlsym",
            "dlclose",
            "makeFunction",
            "newScope",
            "makeCallback",
            "closeCallback",
            "ptr",
            "toArrayBuffer",
            "readCString",
            "read",
            "suffix",
        ] {
            decl.declare(name)?;
        }
        Ok(())
    }

    fn evaluate<'js>(ctx: &Ctx<'js>, exports: &Exports<'js>) -> rquickjs::Result<()> {
        ffi_context(ctx)?;
        exports.export("dlopen", Function::new(ctx.clone(), dlopen)?)?;
        exports.export("dlsym", Function::new(ctx.clone(), dlsym)?)?;
        exports.export("dlclose", Function::new(ctx.clone(), dlclose)?)?;
        exports.export("makeFunction", Function::new(ctx.clone(), make_function)?)?;
        exports.export("newScope", Function::new(ctx.clone(), new_scope)?)?;
        exports.export("makeCallback", Function::new(ctx.clone(), make_callback)?)?;
        exports.export("closeCallback", Function::new(ctx.clone(), close_callback)?)?;
        exports.export("ptr", Function::new(ctx.clone(), ptr_of)?)?;
        exports.export(
            "toArrayBuffer",
            Function::new(ctx.clone(), to_array_buffer)?,
        )?;
        exports.export("readCString", Function::new(ctx.clone(), read_cstring)?)?;
        let read = Object::new(ctx.clone())?;
        let raw = ctx.as_raw().as_ptr();
        for (name, magic) in READ_KINDS {
            let cname = std::ffi::CString::new(*name).unwrap_or_default();
            // SAFETY: creating a C function on a live context; ownership passes to rquickjs.
            let f = unsafe {
                let v = qjs::JS_NewCFunction2(
                    raw,
                    Some(std::mem::transmute::<
                        unsafe extern "C" fn(
                            *mut qjs::JSContext,
                            qjs::JSValue,
                            i32,
                            *mut qjs::JSValue,
                            i32,
                        ) -> qjs::JSValue,
                        unsafe extern "C" fn(
                            *mut qjs::JSContext,
                            qjs::JSValue,
                            i32,
                            *mut qjs::JSValue,
                        ) -> qjs::JSValue,
                    >(memory::read_thunk)),
                    cname.as_ptr(),
                    2,
                    qjs::JSCFunctionEnum_JS_CFUNC_generic_magic,
                    *magic,
                );
                Value::from_raw(ctx.clone(), v)
            };
            read.set(*name, f)?;
        }
        exports.export("read", read)?;
        exports.export(
            "suffix",
            if cfg!(target_os = "macos") {
                "dylib"
            } else if cfg!(windows) {
                "dll"
            } else {
                "so"
            },
        )?;
        Ok(())
    }
}
