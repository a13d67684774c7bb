//! Variadic C functions (`variadic: true` in a declaration; rusk's extension of bun:ffi):
//! `printf(fmt, "i32", 42, "f64", 1.5)` passes the fixed arguments, then a (type, value) pair
//! per variadic argument. C's default argument promotions apply to the variadic part (`f32`
//! becomes a double, integers narrower than `int` become `int`), and each distinct list of
//! promoted types gets its own prepared call (libffi's variadic call interface), made on first
//! use and kept as long as the symbol.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use rquickjs::function::Rest;
use rquickjs::{Ctx, Exception, Function, Value};

use crate::call::{self, Signature};
use crate::library::LibraryState;
use crate::signature::{type_of, MAX_ARGS};
use crate::state::FfiState;
use crate::types::FfiType;

/// What a variadic symbol's JS function needs to make each call's signature.
pub struct VariadicSymbol {
    pub name: String,
    pub fixed: Vec<FfiType>,
    pub ret: FfiType,
    pub fn_ptr: usize,
    pub lib: Option<Arc<LibraryState>>,
    pub state: Arc<FfiState>,
    /// One prepared call per list of variadic types seen so far (Rust data only: nothing here
    /// keeps a JS value alive).
    calls: RefCell<HashMap<Vec<FfiType>, Rc<Signature>>>,
}

impl VariadicSymbol {
    pub fn new(
        name: String,
        fixed: Vec<FfiType>,
        ret: FfiType,
        fn_ptr: usize,
        lib: Option<Arc<LibraryState>>,
        state: Arc<FfiState>,
    ) -> Self {
        VariadicSymbol {
            name,
            fixed,
            ret,
            fn_ptr,
            lib,
            state,
            calls: RefCell::new(HashMap::new()),
        }
    }
}

/// The JS function of a variadic symbol.
pub fn make_function<'js>(
    ctx: &Ctx<'js>,
    symbol: VariadicSymbol,
) -> rquickjs::Result<Function<'js>> {
    let symbol = Rc::new(symbol);
    Function::new(ctx.clone(), move |ctx: Ctx<'js>, args: Rest<Value<'js>>| {
        call(&ctx, &symbol, args.0)
    })
}

/// C's default argument promotions, for an argument passed through `...`; `None` for types
/// that cannot be passed there.
fn promote(ty: FfiType) -> Option<FfiType> {
    use FfiType::*;
    match ty {
        Char | I8 | U8 | I16 | U16 | Bool => Some(I32),
        F32 => Some(F64),
        Void | BufferLength | NapiEnv | NapiValue => None,
        other => Some(other),
    }
}

fn call<'js>(
    ctx: &Ctx<'js>,
    symbol: &VariadicSymbol,
    args: Vec<Value<'js>>,
) -> rquickjs::Result<Value<'js>> {
    let name = &symbol.name;
    let fixed = symbol.fixed.len();
    if args.len() < fixed {
        return Err(Exception::throw_type(
            ctx,
            &format!(
                "\"{name}\" takes {fixed} fixed argument{} before its variadic ones; got {}",
                if fixed == 1 { "" } else { "s" },
                args.len()
            ),
        ));
    }
    let rest = &args[fixed..];
    if !rest.len().is_multiple_of(2) {
        return Err(Exception::throw_type(
            ctx,
            &format!("The variadic arguments of \"{name}\" come in pairs of a type and a value (e.g. \"i32\", 42); got an odd number"),
        ));
    }
    if fixed + rest.len() / 2 > MAX_ARGS {
        return Err(Exception::throw_range(
            ctx,
            &format!("Too many arguments for \"{name}\" (rusk:ffi supports at most {MAX_ARGS})"),
        ));
    }
    let mut var_types = Vec::with_capacity(rest.len() / 2);
    let mut values: Vec<Value<'js>> = args[..fixed].to_vec();
    for (i, pair) in rest.chunks(2).enumerate() {
        let declared = type_of(ctx, &pair[0], false)?;
        let ty = promote(declared).ok_or_else(|| {
            Exception::throw_type(
                ctx,
                &format!(
                    "Variadic argument {i} of \"{name}\" cannot be of type {}",
                    declared.name()
                ),
            )
        })?;
        var_types.push(ty);
        values.push(pair[1].clone());
    }
    let signature = signature_for(ctx, symbol, var_types)?;
    let mut argv: Vec<rquickjs::qjs::JSValue> = values.iter().map(|v| v.as_raw()).collect();
    // SAFETY: live ctx on the JS thread; `argv` borrows `values`, which outlive the call.
    let result = unsafe {
        call::invoke(
            ctx.as_raw().as_ptr(),
            &signature,
            argv.len() as i32,
            argv.as_mut_ptr(),
        )
    };
    // SAFETY: tag check of a value of this context.
    if unsafe { rquickjs::qjs::JS_IsException(result) } {
        return Err(rquickjs::Error::Exception);
    }
    // SAFETY: `invoke` returned an owned value.
    Ok(unsafe { Value::from_raw(ctx.clone(), result) })
}

/// The prepared call for one list of variadic types, made on first use.
fn signature_for(
    ctx: &Ctx<'_>,
    symbol: &VariadicSymbol,
    var_types: Vec<FfiType>,
) -> rquickjs::Result<Rc<Signature>> {
    if let Some(sig) = symbol.calls.borrow().get(&var_types) {
        return Ok(sig.clone());
    }
    let mut args = symbol.fixed.clone();
    args.extend_from_slice(&var_types);
    let signature = Rc::new(
        Signature::new(
            symbol.name.clone(),
            args,
            symbol.ret,
            symbol.fn_ptr as *const std::ffi::c_void,
            symbol.lib.clone(),
            symbol.state.clone(),
            Some(symbol.fixed.len()),
            None,
        )
        .map_err(|e| Exception::throw_type(ctx, &e))?,
    );
    symbol
        .calls
        .borrow_mut()
        .insert(var_types, signature.clone());
    Ok(signature)
}
