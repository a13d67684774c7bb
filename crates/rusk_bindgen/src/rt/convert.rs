//! Typed arguments: the conversions the generator emits for members declared with `args`, and
//! Node's errors for values that do not convert (`ERR_INVALID_ARG_TYPE`, `ERR_OUT_OF_RANGE`,
//! `ERR_INVALID_ARG_VALUE`, with Node's wording, so a binding's errors read like Node's own).
//!
//! Numbers follow Node's validators by default: the value must be a number (a BigInt too for
//! the 64-bit types), an integer for the integer types, and in range — else a TypeError or a
//! RangeError naming the argument. `clamp` (WebIDL's `[Clamp]`) instead clamps to the range and
//! rounds half to even. Strings, booleans, functions and objects are not coerced.

use rquickjs::{qjs, Ctx, Function, Object, Value};

use super::JsResult;

/// A JS argument converted to a Rust value; `name` names it in error messages (`"path"`, or
/// `"options.fatal"` for a dictionary member, which Node calls a property).
pub trait FromArg<'js>: Sized {
    fn from_arg(cx: &Ctx<'js>, v: &Value<'js>, name: &str) -> JsResult<Self>;

    /// The conversion of a raw argument when it needs no `Value` (a number in range for the
    /// numeric types, a boolean): the fast path of [`arg`]. `None`: take the full conversion.
    #[inline(always)]
    fn from_raw(_raw: qjs::JSValue) -> Option<Self> {
        None
    }
}

/// Argument `i` of a call converted to `T` (the raw fast path first, so a typed numeric
/// argument costs a tag check, as in hand-written glue).
#[inline(always)]
pub fn arg<'js, T: FromArg<'js>>(
    cx: &Ctx<'js>,
    args: &super::Args<'js>,
    i: usize,
    name: &str,
) -> JsResult<T> {
    match T::from_raw(args.raw(i)) {
        Some(v) => Ok(v),
        None => T::from_arg(cx, &args.get(i), name),
    }
}

/// Whether a raw argument is `undefined` (also what a missing argument reads as).
#[inline(always)]
pub fn raw_is_undefined(raw: qjs::JSValue) -> bool {
    // SAFETY: a tag read of a valid value.
    unsafe { qjs::JS_VALUE_GET_TAG(raw) == qjs::JS_TAG_UNDEFINED }
}

/// Whether a raw argument is `null`.
#[inline(always)]
pub fn raw_is_null(raw: qjs::JSValue) -> bool {
    // SAFETY: a tag read of a valid value.
    unsafe { qjs::JS_VALUE_GET_TAG(raw) == qjs::JS_TAG_NULL }
}

// ---------------------------------------------------------------------------------------------
// Node's errors

/// A `TypeError`/`RangeError` with Node's `code` property.
#[cold]
pub fn coded(cx: &Ctx<'_>, range: bool, code: &str, message: &str) -> rquickjs::Error {
    let made = (|| -> JsResult<Value<'_>> {
        let ctor: rquickjs::function::Constructor =
            cx.globals()
                .get(if range { "RangeError" } else { "TypeError" })?;
        let e: Object = ctor.construct((message,))?;
        e.set("code", code)?;
        Ok(e.into_value())
    })();
    match made {
        Ok(e) => cx.throw(e),
        Err(e) => e,
    }
}

/// "argument" for a plain name, "property" for a dotted one (Node's rule).
fn what(name: &str) -> &'static str {
    if name.contains('.') {
        "property"
    } else {
        "argument"
    }
}

/// `ERR_INVALID_ARG_TYPE`: `The "path" argument must be of type string. Received type number (5)`.
#[cold]
pub fn invalid_type(
    cx: &Ctx<'_>,
    name: &str,
    expected: &str,
    actual: &Value<'_>,
) -> rquickjs::Error {
    let message = format!(
        "The \"{name}\" {} must be {expected}. Received {}",
        what(name),
        received(actual)
    );
    coded(cx, false, "ERR_INVALID_ARG_TYPE", &message)
}

/// `ERR_OUT_OF_RANGE`: `The value of "n" is out of range. It must be >= 0 && <= 255. Received 256`.
#[cold]
pub fn out_of_range(cx: &Ctx<'_>, name: &str, range: &str, actual: &Value<'_>) -> rquickjs::Error {
    let shown = if let Some(n) = actual.as_number() {
        if n.fract() == 0.0 && n.abs() > 4294967296.0 {
            with_separators(&js_string(actual))
        } else {
            number_text(actual)
        }
    } else if actual.is_big_int() {
        let text = js_string(actual);
        // Node separates the digits of a BigInt beyond ±2^32.
        let big = text.trim_start_matches('-').len() > 10
            || (text.trim_start_matches('-').len() == 10
                && text.trim_start_matches('-') > "4294967296");
        format!("{}n", if big { with_separators(&text) } else { text })
    } else {
        inspect_primitive(actual)
    };
    let message =
        format!("The value of \"{name}\" is out of range. It must be {range}. Received {shown}");
    coded(cx, true, "ERR_OUT_OF_RANGE", &message)
}

/// `ERR_INVALID_ARG_VALUE` for a string enum: `The argument 'mode' must be one of: 'a', 'b'. Received 'c'`.
#[cold]
pub fn not_one_of(
    cx: &Ctx<'_>,
    name: &str,
    allowed: &[&str],
    actual: &Value<'_>,
) -> rquickjs::Error {
    let list: Vec<String> = allowed.iter().map(|a| format!("'{a}'")).collect();
    let message = format!(
        "The {} '{name}' must be one of: {}. Received {}",
        what(name),
        list.join(", "),
        inspect_primitive(actual)
    );
    coded(cx, false, "ERR_INVALID_ARG_VALUE", &message)
}

/// `12_345_678` (Node's `addNumericalSeparator`).
fn with_separators(digits: &str) -> String {
    let (sign, digits) = match digits.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", digits),
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('_');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

/// JS `String(v)` (for numbers and BigInts: the engine's own formatting).
fn js_string(v: &Value<'_>) -> String {
    v.get::<rquickjs::Coerced<String>>()
        .map(|c| c.0)
        .unwrap_or_default()
}

/// A number as `util.inspect` prints it (as `String(n)`, but `-0` for minus zero).
fn number_text(v: &Value<'_>) -> String {
    match v.as_number() {
        Some(n) if n == 0.0 && n.is_sign_negative() => "-0".into(),
        _ => js_string(v),
    }
}

/// A primitive as `util.inspect` prints it (strings single-quoted).
fn inspect_primitive(v: &Value<'_>) -> String {
    if let Some(s) = v.as_string() {
        let s = s.to_string().unwrap_or_default();
        format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
    } else if v.is_number() {
        number_text(v)
    } else if let Some(b) = v.as_bool() {
        b.to_string()
    } else if v.is_null() {
        "null".into()
    } else if v.is_undefined() {
        "undefined".into()
    } else if v.is_big_int() {
        format!("{}n", js_string(v))
    } else if v.is_symbol() {
        let d: Option<String> = v
            .as_symbol()
            .and_then(|s| s.description().ok())
            .and_then(|d| d.as_string().and_then(|s| s.to_string().ok()));
        format!("Symbol({})", d.unwrap_or_default())
    } else {
        format!("[{}]", v.type_name())
    }
}

/// What Node's messages say a value was (`determineSpecificType`): `null`, `undefined`,
/// `function f`, `an instance of Foo`, or `type string ('abc')` (inspected, cut at 28 chars).
fn received(v: &Value<'_>) -> String {
    if v.is_null() || v.is_undefined() {
        return inspect_primitive(v);
    }
    if let Some(f) = v.as_function() {
        let name: String = f.get("name").unwrap_or_default();
        return format!("function {name}");
    }
    if let Some(o) = v.as_object() {
        let ctor_name = o
            .get::<_, Option<Object>>("constructor")
            .ok()
            .flatten()
            .and_then(|c| c.get::<_, String>("name").ok())
            .filter(|n| !n.is_empty());
        return match ctor_name {
            Some(n) => format!("an instance of {n}"),
            None => "[Object: null prototype] {}".into(),
        };
    }
    if let Some(s) = v.as_string() {
        // Node cuts the string (not its quoted form) and quotes it with ' unless it has one.
        let mut s = s.to_string().unwrap_or_default();
        if s.encode_utf16().count() > 28 {
            s = format!(
                "{}...",
                String::from_utf16_lossy(&s.encode_utf16().take(25).collect::<Vec<_>>())
            );
        }
        return if s.contains('\'') {
            format!("type string ({})", json_string(&s))
        } else {
            format!("type string ('{s}')")
        };
    }
    let shown = inspect_primitive(v);
    let ty = if v.is_string() {
        "string"
    } else if v.is_number() {
        "number"
    } else if v.is_bool() {
        "boolean"
    } else if v.is_big_int() {
        "bigint"
    } else {
        "symbol"
    };
    format!("type {ty} ({shown})")
}

/// `JSON.stringify` of a string (for Node's messages about strings with a single quote).
fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------------------------
// Numbers

/// The numeric value of a number argument (ints and floats), reading the raw value.
#[inline(always)]
fn number_of(v: &Value<'_>) -> Option<f64> {
    let raw = v.as_raw();
    // SAFETY: reading the tag, then the payload that tag says is there, of a valid value.
    unsafe {
        match qjs::JS_VALUE_GET_TAG(raw) {
            qjs::JS_TAG_INT => Some(f64::from(qjs::JS_VALUE_GET_INT(raw))),
            qjs::JS_TAG_FLOAT64 => Some(qjs::JS_VALUE_GET_FLOAT64(raw)),
            _ => None,
        }
    }
}

/// An integer type an argument may be declared as (`i32`, `u32`, `i64`, `u64`).
pub trait IntArg: Sized + Copy {
    const MIN: f64;
    const MAX: f64;
    /// `>= -2147483648 && <= 2147483647`, as Node prints ranges.
    const RANGE: &'static str;
    /// Whether a BigInt is accepted (the 64-bit types), and its range (the whole type's).
    const BIGINT: bool;
    const BIG_RANGE: &'static str;
    fn from_f64(n: f64) -> Self;
    fn from_i128(n: i128) -> Option<Self>;
}

macro_rules! int_arg {
    ($t:ty, $min:expr, $max:expr, $range:expr, $big:expr, $big_range:expr) => {
        impl IntArg for $t {
            const MIN: f64 = $min;
            const MAX: f64 = $max;
            const RANGE: &'static str = $range;
            const BIGINT: bool = $big;
            const BIG_RANGE: &'static str = $big_range;
            #[inline(always)]
            fn from_f64(n: f64) -> Self {
                n as $t
            }
            fn from_i128(n: i128) -> Option<Self> {
                <$t>::try_from(n).ok()
            }
        }

        impl<'js> FromArg<'js> for $t {
            #[inline(always)]
            fn from_raw(raw: qjs::JSValue) -> Option<Self> {
                // SAFETY: the tag says the payload is an int.
                unsafe {
                    if qjs::JS_VALUE_GET_TAG(raw) == qjs::JS_TAG_INT {
                        let i = qjs::JS_VALUE_GET_INT(raw);
                        if (i as f64) >= <$t as IntArg>::MIN && (i as f64) <= <$t as IntArg>::MAX {
                            return Some(i as $t);
                        }
                    }
                }
                None
            }

            #[inline(always)]
            fn from_arg(cx: &Ctx<'js>, v: &Value<'js>, name: &str) -> JsResult<Self> {
                // The fast path: a small int in range.
                if let Some(i) = v.as_int() {
                    if (i as f64) >= <$t as IntArg>::MIN && (i as f64) <= <$t as IntArg>::MAX {
                        return Ok(i as $t);
                    }
                }
                integer(cx, v, name)
            }
        }
    };
}

int_arg!(
    i32,
    -2147483648.0,
    2147483647.0,
    ">= -2147483648 && <= 2147483647",
    false,
    ""
);
int_arg!(u32, 0.0, 4294967295.0, ">= 0 && <= 4294967295", false, "");
// A number must be a safe integer; a BigInt may use the whole 64 bits.
int_arg!(
    i64,
    -9007199254740991.0,
    9007199254740991.0,
    ">= -9007199254740991 && <= 9007199254740991",
    true,
    ">= -(2n ** 63n) and < 2n ** 63n"
);
int_arg!(
    u64,
    0.0,
    9007199254740991.0,
    ">= 0 && <= 9007199254740991",
    true,
    ">= 0n and < 2n ** 64n"
);

/// Node's `validateInteger` for type `T`.
#[cold]
fn integer<'js, T: IntArg>(cx: &Ctx<'js>, v: &Value<'js>, name: &str) -> JsResult<T> {
    if T::BIGINT && v.is_big_int() {
        // Exact: the decimal digits (BigInt's own conversions wrap modulo 2^64).
        let n = js_string(v).parse::<i128>().ok();
        return n
            .and_then(T::from_i128)
            .ok_or_else(|| out_of_range(cx, name, T::BIG_RANGE, v));
    }
    let Some(n) = number_of(v) else {
        let expected = if T::BIGINT {
            "of type number or bigint"
        } else {
            "of type number"
        };
        return Err(invalid_type(cx, name, expected, v));
    };
    if n.fract() != 0.0 || !n.is_finite() {
        return Err(out_of_range(cx, name, "an integer", v));
    }
    if n < T::MIN || n > T::MAX {
        return Err(out_of_range(cx, name, T::RANGE, v));
    }
    Ok(T::from_f64(n))
}

/// WebIDL's `[Clamp]`: a number clamped to `T`'s range, rounded half to even (NaN is 0).
pub fn clamp<'js, T: IntArg>(cx: &Ctx<'js>, v: &Value<'js>, name: &str) -> JsResult<T> {
    let Some(n) = number_of(v) else {
        return Err(invalid_type(cx, name, "of type number", v));
    };
    if n.is_nan() {
        return Ok(T::from_f64(0.0));
    }
    let n = n.clamp(T::MIN, T::MAX);
    let rounded = n.round();
    // Round half to even.
    let n = if (n - n.trunc()).abs() == 0.5 {
        2.0 * (n / 2.0).round()
    } else {
        rounded
    };
    Ok(T::from_f64(n))
}

impl<'js> FromArg<'js> for f64 {
    #[inline(always)]
    fn from_raw(raw: qjs::JSValue) -> Option<Self> {
        // SAFETY: reading the payload the tag says is there.
        unsafe {
            match qjs::JS_VALUE_GET_TAG(raw) {
                qjs::JS_TAG_INT => Some(f64::from(qjs::JS_VALUE_GET_INT(raw))),
                qjs::JS_TAG_FLOAT64 => Some(qjs::JS_VALUE_GET_FLOAT64(raw)),
                _ => None,
            }
        }
    }

    #[inline(always)]
    fn from_arg(cx: &Ctx<'js>, v: &Value<'js>, name: &str) -> JsResult<Self> {
        number_of(v).ok_or_else(|| invalid_type(cx, name, "of type number", v))
    }
}

// ---------------------------------------------------------------------------------------------
// Other types

impl<'js> FromArg<'js> for bool {
    #[inline(always)]
    fn from_raw(raw: qjs::JSValue) -> Option<Self> {
        // SAFETY: reading the payload the tag says is there.
        unsafe {
            (qjs::JS_VALUE_GET_TAG(raw) == qjs::JS_TAG_BOOL).then(|| qjs::JS_VALUE_GET_BOOL(raw))
        }
    }

    #[inline(always)]
    fn from_arg(cx: &Ctx<'js>, v: &Value<'js>, name: &str) -> JsResult<Self> {
        v.as_bool()
            .ok_or_else(|| invalid_type(cx, name, "of type boolean", v))
    }
}

impl<'js> FromArg<'js> for String {
    #[inline]
    fn from_arg(cx: &Ctx<'js>, v: &Value<'js>, name: &str) -> JsResult<Self> {
        match v.as_string() {
            Some(s) => s.to_string(),
            None => Err(invalid_type(cx, name, "of type string", v)),
        }
    }
}

impl<'js> FromArg<'js> for Function<'js> {
    #[inline]
    fn from_arg(cx: &Ctx<'js>, v: &Value<'js>, name: &str) -> JsResult<Self> {
        v.as_function()
            .cloned()
            .ok_or_else(|| invalid_type(cx, name, "of type function", v))
    }
}

impl<'js> FromArg<'js> for Object<'js> {
    #[inline]
    fn from_arg(cx: &Ctx<'js>, v: &Value<'js>, name: &str) -> JsResult<Self> {
        match v.as_object() {
            Some(o) if !v.is_function() => Ok(o.clone()),
            _ => Err(invalid_type(cx, name, "of type object", v)),
        }
    }
}

impl<'js> FromArg<'js> for Value<'js> {
    #[inline(always)]
    fn from_arg(_cx: &Ctx<'js>, v: &Value<'js>, _name: &str) -> JsResult<Self> {
        Ok(v.clone())
    }
}

/// A `bytes` argument: an ArrayBuffer or any view of one (TypedArray, Buffer, DataView). The
/// bytes are read (or written) in place, during the call.
pub struct Bytes<'js> {
    value: Value<'js>,
    ptr: *mut u8,
    len: usize,
}

impl<'js> Bytes<'js> {
    /// The bytes. Valid while nothing else runs JS that could detach or resize the buffer:
    /// take them right before use.
    pub fn as_slice(&self) -> &[u8] {
        if self.len == 0 {
            return &[];
        }
        // SAFETY: `ptr`/`len` describe the view's bytes, kept alive by `value`; JS cannot run
        // (and detach the buffer) while the method holds `&self` without calling back into JS.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }

    /// The bytes, writable (for an output buffer).
    pub fn as_mut_slice(&mut self) -> &mut [u8] {
        if self.len == 0 {
            return &mut [];
        }
        // SAFETY: as in `as_slice`; `&mut self` makes this the only slice handed out.
        unsafe { std::slice::from_raw_parts_mut(self.ptr, self.len) }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The JS value (the ArrayBuffer or the view).
    pub fn value(&self) -> &Value<'js> {
        &self.value
    }
}

impl<'js> FromArg<'js> for Bytes<'js> {
    fn from_arg(cx: &Ctx<'js>, v: &Value<'js>, name: &str) -> JsResult<Self> {
        const EXPECTED: &str = "an instance of ArrayBuffer, Buffer, TypedArray, or DataView";
        let Some(obj) = v.as_object() else {
            return Err(invalid_type(cx, name, EXPECTED, v));
        };
        let ctx = cx.as_raw().as_ptr();
        let raw = v.as_raw();
        // SAFETY: engine queries on a valid object of this context.
        unsafe {
            let mut size: qjs::size_t = 0;
            if qjs::JS_IsArrayBuffer(raw) {
                let data = qjs::JS_GetArrayBuffer(ctx, &mut size, raw);
                if data.is_null() && size != 0 {
                    return Err(invalid_type(cx, name, EXPECTED, v));
                }
                return Ok(Bytes {
                    value: v.clone(),
                    ptr: data,
                    len: size as usize,
                });
            }
            let (mut offset, mut length, mut per) =
                (0 as qjs::size_t, 0 as qjs::size_t, 0 as qjs::size_t);
            let buffer = qjs::JS_GetTypedArrayBuffer(ctx, raw, &mut offset, &mut length, &mut per);
            if !qjs::JS_IsException(buffer) {
                let data = qjs::JS_GetArrayBuffer(ctx, &mut size, buffer);
                qjs::JS_FreeValue(ctx, buffer);
                if data.is_null() {
                    // Detached.
                    let _ = cx.catch();
                    return Ok(Bytes {
                        value: v.clone(),
                        ptr: std::ptr::null_mut(),
                        len: 0,
                    });
                }
                return Ok(Bytes {
                    value: v.clone(),
                    ptr: data.add(offset as usize),
                    len: length as usize,
                });
            }
            let _ = cx.catch();
        }
        // A DataView: its buffer, offset and length as its properties say, checked against the
        // buffer's real size (a spoofed property can only pick other bytes of that buffer).
        // SAFETY: a type query on a valid value.
        if unsafe { qjs::JS_IsDataView(raw) } {
            let buffer: Value = obj.get("buffer")?;
            let offset: usize = obj.get("byteOffset")?;
            let length: usize = obj.get("byteLength")?;
            let whole = Bytes::from_arg(cx, &buffer, name)?;
            if offset + length <= whole.len {
                // SAFETY: the range lies inside the buffer's bytes.
                let ptr = if length == 0 {
                    std::ptr::null_mut()
                } else {
                    unsafe { whole.ptr.add(offset) }
                };
                return Ok(Bytes {
                    value: v.clone(),
                    ptr,
                    len: length,
                });
            }
        }
        Err(invalid_type(cx, name, EXPECTED, v))
    }
}

/// No variant of an overloaded member takes the call's arguments: a TypeError listing them.
#[cold]
pub fn no_overload(cx: &Ctx<'_>, member: &str, signatures: &[&str]) -> rquickjs::Error {
    let message = format!(
        "No overload of {member} takes these arguments; it is called as: {}",
        signatures.join("; ")
    );
    coded(cx, false, "ERR_INVALID_ARG_TYPE", &message)
}

/// Whether `v` is an ArrayBuffer or a view of one (a union's `bytes` member).
pub fn is_bytes(v: &Value<'_>) -> bool {
    let raw = v.as_raw();
    // SAFETY: type queries of a valid value.
    v.is_object()
        && unsafe {
            qjs::JS_IsArrayBuffer(raw)
                || qjs::JS_IsDataView(raw)
                || qjs::JS_GetTypedArrayType(raw) >= 0
        }
}

/// The arguments from `from` on (a rest parameter), each converted.
pub fn rest<'js, T: FromArg<'js>>(
    cx: &Ctx<'js>,
    args: &super::Args<'js>,
    from: usize,
    name: &str,
) -> JsResult<Vec<T>> {
    (from..args.len().max(from))
        .map(|i| T::from_arg(cx, &args.get(i), name))
        .collect()
}

/// A string enum declared in a definition (the generator implements it for the Rust enum it
/// emits).
pub trait StringEnum: Sized + Copy + 'static {
    /// The JS strings, in declaration order.
    const VALUES: &'static [&'static str];
    /// The variants, in the same order.
    const VARIANTS: &'static [Self];
    fn as_str(self) -> &'static str {
        let i = Self::VARIANTS
            .iter()
            .position(|v| std::mem::discriminant(v) == std::mem::discriminant(&self))
            .unwrap_or(0);
        Self::VALUES[i]
    }
}

/// Converts a string argument to the enum variant it names (Node's `validateOneOf`).
pub fn string_enum<'js, E: StringEnum>(cx: &Ctx<'js>, v: &Value<'js>, name: &str) -> JsResult<E> {
    let Some(s) = v.as_string() else {
        return Err(invalid_type(cx, name, "of type string", v));
    };
    let s = s.to_string()?;
    match E::VALUES.iter().position(|x| *x == s) {
        Some(i) => Ok(E::VARIANTS[i]),
        None => Err(not_one_of(cx, name, E::VALUES, v)),
    }
}

/// A dictionary argument's object, or `None` for `undefined`/`null` (every member takes its
/// default then).
pub fn dictionary<'js>(cx: &Ctx<'js>, v: &Value<'js>, name: &str) -> JsResult<Option<Object<'js>>> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    match v.as_object() {
        Some(o) if !v.is_function() => Ok(Some(o.clone())),
        _ => Err(invalid_type(cx, name, "of type object", v)),
    }
}
