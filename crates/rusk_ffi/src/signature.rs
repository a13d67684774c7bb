//! Reading `{ args, returns }` definitions (of symbols and JSCallbacks) into FFI types, with the
//! error messages and codes of Bun's FFI. `dlopen`, `JSCallback` and `viewSource` all use it.

use rquickjs::function::Opt;
use rquickjs::{Array, Ctx, Function, Object, Value};

use crate::aggregate::{self, SigAggregates};
use crate::types::FfiType;

/// Most arguments a symbol or callback may declare (C compilers accept at least 127; every
/// argument costs a stack slot in the call and in the callback trampoline).
pub const MAX_ARGS: usize = 255;

/// A parsed signature.
pub struct Parsed {
    pub args: Vec<FfiType>,
    pub returns: FfiType,
    /// `variadic: true`: after `args` come (type, value) pairs, per call (rusk's extension).
    pub variadic: bool,
    /// `nonblocking: true`: the call runs on a pool thread and returns a Promise (Deno's).
    pub nonblocking: bool,
    /// The layouts of struct/union positions (`FfiType::Struct` in `args`/`returns`), when
    /// there are any.
    pub aggregates: Option<SigAggregates>,
}

/// The type at one position of a declaration: a plain type, or a struct/union by value.
fn position_type<'js>(
    ctx: &Ctx<'js>,
    v: &Value<'js>,
    is_return: bool,
    what: impl Fn() -> String,
) -> rquickjs::Result<(FfiType, Option<std::sync::Arc<aggregate::Aggregate>>)> {
    if aggregate::is_declaration(v) {
        return Ok((FfiType::Struct, Some(aggregate::parse(ctx, v, &what())?)));
    }
    if v.as_object()
        .is_some_and(|o| o.contains_key("array").unwrap_or(false))
    {
        return Err(coded_type_error(
            ctx,
            &format!("{}: a C array cannot be passed by value; pass a pointer, or put the array in a struct", what()),
            "ERR_INVALID_ARG_VALUE",
        ));
    }
    Ok((type_of(ctx, v, is_return)?, None))
}

/// Throws `new TypeError(message)` with `code` set (Node's error-code convention).
pub fn coded_type_error(ctx: &Ctx<'_>, message: &str, code: &str) -> rquickjs::Error {
    let made = (|| -> rquickjs::Result<Value<'_>> {
        let ctor: rquickjs::function::Constructor = ctx.globals().get("TypeError")?;
        let e: Object = ctor.construct((message,))?;
        e.set("code", code)?;
        Ok(e.into_value())
    })();
    match made {
        Ok(e) => ctx.throw(e),
        Err(e) => e,
    }
}

/// JS `String(v)`, for messages (never throws: falls back to a placeholder).
fn display<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> String {
    ctx.globals()
        .get::<_, Function>("String")
        .and_then(|f| f.call::<_, String>((v.clone(),)))
        .unwrap_or_else(|_| "<value>".into())
}

/// The FFI type a declaration names: an `FFIType` number or a type name.
pub fn type_of<'js>(ctx: &Ctx<'js>, v: &Value<'js>, is_return: bool) -> rquickjs::Result<FfiType> {
    let found = if let Some(n) = v.as_int() {
        FfiType::from_id(n)
    } else if let Some(f) = v.as_float() {
        (f.fract() == 0.0 && (0.0..=20.0).contains(&f))
            .then(|| FfiType::from_id(f as i32))
            .flatten()
    } else if let Some(s) = v.as_string() {
        FfiType::from_name(&s.to_string()?)
    } else {
        None
    };
    found.ok_or_else(|| {
        let what = if is_return {
            "Unknown return type"
        } else {
            "Unknown type"
        };
        coded_type_error(
            ctx,
            &format!("{what} {}", display(ctx, v)),
            "ERR_INVALID_ARG_VALUE",
        )
    })
}

/// Reads the definition `spec` of symbol `name` (`"callback"` for a JSCallback).
pub fn parse<'js>(
    ctx: &Ctx<'js>,
    name: &str,
    spec: &Value<'js>,
    for_callback: bool,
) -> rquickjs::Result<Parsed> {
    let Some(obj) = spec.as_object() else {
        return Err(rquickjs::Exception::throw_type(
            ctx,
            &format!("Expected an object for symbol \"{name}\""),
        ));
    };
    let raw_args: Value = obj.get("args")?;
    let mut args = Vec::new();
    let mut arg_aggs = Vec::new();
    if !raw_args.is_undefined() {
        let Some(list) = raw_args.as_array() else {
            return Err(rquickjs::Exception::throw_type(
                ctx,
                &format!("Expected \"args\" of \"{name}\" to be an array"),
            ));
        };
        let list: &Array = list;
        if list.len() > MAX_ARGS {
            return Err(rquickjs::Exception::throw_range(
                ctx,
                &format!(
                    "Too many arguments for \"{name}\": {} (rusk:ffi supports at most {MAX_ARGS})",
                    list.len()
                ),
            ));
        }
        for (i, item) in list.iter::<Value>().enumerate() {
            let (ty, agg) =
                position_type(ctx, &item?, false, || format!("argument {i} of \"{name}\""))?;
            args.push(ty);
            arg_aggs.push(agg);
        }
    }
    let raw_ret: Value = obj.get("returns")?;
    let (returns, ret_agg) = if raw_ret.is_undefined() {
        (FfiType::Void, None)
    } else {
        position_type(ctx, &raw_ret, true, || {
            format!("the return type of \"{name}\"")
        })?
    };
    let aggregates = (ret_agg.is_some() || arg_aggs.iter().any(Option::is_some))
        .then(|| SigAggregates::new(arg_aggs, ret_agg));
    if returns == FfiType::BufferLength {
        return Err(rquickjs::Exception::throw_message(
            ctx,
            "buffer_length is an argument-only type; it cannot be a return type",
        ));
    }
    if for_callback && args.contains(&FfiType::BufferLength) {
        return Err(rquickjs::Exception::throw_type(
            ctx,
            BUFFER_LENGTH_CALLBACK_MESSAGE,
        ));
    }
    if returns == FfiType::Buffer {
        return Err(rquickjs::Exception::throw_type(
            ctx,
            "Cannot return a buffer to JavaScript (since byteLength and byteOffset are unknown)",
        ));
    }
    if args
        .iter()
        .chain(std::iter::once(&returns))
        .any(|t| matches!(t, FfiType::NapiEnv | FfiType::NapiValue))
    {
        // Bun's wording: the N-API types exist only for cc()'s compiled C.
        return Err(rquickjs::Exception::throw_type(ctx, NAPI_MESSAGE));
    }
    if for_callback && args.contains(&FfiType::Buffer) {
        return Err(rquickjs::Exception::throw_type(
            ctx,
            "Unsupported argument type \"buffer\" for a JSCallback (a C caller cannot pass a JS view)",
        ));
    }
    let variadic = obj.get::<_, Option<bool>>("variadic")?.unwrap_or(false);
    if variadic && for_callback {
        return Err(rquickjs::Exception::throw_type(
            ctx,
            "A JSCallback cannot be variadic (C calls it with a fixed list of arguments)",
        ));
    }
    let nonblocking = obj.get::<_, Option<bool>>("nonblocking")?.unwrap_or(false);
    if nonblocking && (for_callback || variadic) {
        return Err(rquickjs::Exception::throw_type(
            ctx,
            &format!("\"{name}\" cannot be nonblocking: only a fixed-argument function call can run on a pool thread"),
        ));
    }
    if aggregates.is_some() && (variadic || nonblocking) {
        return Err(rquickjs::Exception::throw_type(
            ctx,
            &format!("\"{name}\" cannot be {}: struct and union arguments and results are supported in plain calls and callbacks", if variadic { "variadic" } else { "nonblocking" }),
        ));
    }
    Ok(Parsed {
        args,
        returns,
        variadic,
        nonblocking,
        aggregates,
    })
}

/// `parseSignature(name, spec, forCallback)` → `{ args: number[], returns: number }`.
pub fn parse_signature<'js>(
    ctx: Ctx<'js>,
    name: String,
    spec: Value<'js>,
    for_callback: Opt<bool>,
) -> rquickjs::Result<Object<'js>> {
    let sig = parse(&ctx, &name, &spec, for_callback.0.unwrap_or(false))?;
    let out = Object::new(ctx.clone())?;
    let ids: Vec<i32> = sig.args.iter().map(|t| *t as i32).collect();
    out.set("args", ids)?;
    out.set("returns", sig.returns as i32)?;
    Ok(out)
}

/// Why `napi_env`/`napi_value` are refused (Bun's message; rusk has no cc() yet either).
pub const NAPI_MESSAGE: &str = "napi_env / napi_value are only supported in bun:ffi cc() (compiled C source), not in dlopen/linkSymbols/CFunction/JSCallback";

/// Why a JSCallback (or viewSource) refuses `buffer_length` (Bun's message).
pub const BUFFER_LENGTH_CALLBACK_MESSAGE: &str = "buffer_length is only supported for bun:ffi dlopen/linkSymbols/CFunction arguments (it passes the byteLength of a TypedArray or DataView argument)";
