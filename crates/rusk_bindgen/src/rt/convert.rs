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
///
/// Where the bytes are is looked up when they are taken (`as_slice`), not when the argument
/// was converted: a later argument's conversion may run JS (a getter of an options object, a
/// `toString`) that detaches or shrinks the buffer, and the slice must describe the buffer as
/// it is then. A detached buffer, or a view that no longer fits it, gives no bytes.
pub struct Bytes<'js> {
    value: Value<'js>,
    /// A DataView's buffer and range, read from its properties at conversion (the engine has
    /// no C accessor for them); checked against the buffer's size at each use.
    range: Option<(Value<'js>, usize, usize)>,
}

impl<'js> Bytes<'js> {
    /// Where the bytes are now: (pointer, length); (null, 0) when there are none.
    fn locate(&self) -> (*mut u8, usize) {
        let ctx = self.value.ctx().as_raw().as_ptr();
        if let Some((buffer, offset, length)) = &self.range {
            let (data, size) = array_buffer_data(ctx, buffer);
            return match offset.checked_add(*length) {
                Some(end) if !data.is_null() && end <= size && *length > 0 => {
                    // SAFETY: `offset..end` lies inside the buffer's current bytes.
                    (unsafe { data.add(*offset) }, *length)
                }
                _ => (std::ptr::null_mut(), 0),
            };
        }
        let raw = self.value.as_raw();
        // SAFETY: a type query and accessors of a valid value of this context.
        unsafe {
            if qjs::JS_IsArrayBuffer(raw) {
                return array_buffer_data(ctx, &self.value);
            }
            match typed_array_bytes(ctx, raw) {
                Some(Some((data, len))) if len > 0 => (data, len),
                _ => (std::ptr::null_mut(), 0),
            }
        }
    }

    /// The bytes. Take them right before use, and do not call into JS while holding them.
    pub fn as_slice(&self) -> &[u8] {
        let (ptr, len) = self.locate();
        if len == 0 {
            return &[];
        }
        // SAFETY: `ptr`/`len` describe the buffer's bytes as they are now, kept alive by
        // `value`; the borrow of `self` ends before the method can run JS again (the generated
        // glue holds no other reference, and a method that calls JS takes the slice again).
        unsafe { std::slice::from_raw_parts(ptr, len) }
    }

    /// The bytes, writable (for an output buffer).
    pub fn as_mut_slice(&mut self) -> &mut [u8] {
        let (ptr, len) = self.locate();
        if len == 0 {
            return &mut [];
        }
        // SAFETY: as in `as_slice`; `&mut self` makes this the only slice handed out.
        unsafe { std::slice::from_raw_parts_mut(ptr, len) }
    }

    /// The number of bytes now.
    pub fn len(&self) -> usize {
        self.locate().1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The JS value (the ArrayBuffer or the view).
    pub fn value(&self) -> &Value<'js> {
        &self.value
    }
}

/// Where a TypedArray's bytes are now: `Some(Some((address, byte length)))`; `Some(None)` when
/// its buffer is detached or the view is out of bounds (the engine's error is taken off
/// `ctx`); `None` when `v` is not a TypedArray. Runs no JS.
///
/// The engine reports a length-tracking view's length as it was made; over a resizable buffer
/// that shrank since, only the whole elements still inside count (one that grew is seen at its
/// first length). Every reader of typed-array memory (rt::Bytes, rusk:ffi, the runtime's byte
/// helpers) goes through this, so none reads past the buffer.
///
/// # Safety
/// `ctx` is live; `v` a valid value of it.
pub unsafe fn typed_array_bytes(
    ctx: *mut qjs::JSContext,
    v: qjs::JSValue,
) -> Option<Option<(*mut u8, usize)>> {
    // SAFETY: a type query and accessors of a valid value; the buffer value is freed, and so
    // is a thrown error.
    unsafe {
        if qjs::JS_GetTypedArrayType(v) < 0 {
            return None;
        }
        let (mut offset, mut length, mut per) =
            (0 as qjs::size_t, 0 as qjs::size_t, 0 as qjs::size_t);
        let buffer = qjs::JS_GetTypedArrayBuffer(ctx, v, &mut offset, &mut length, &mut per);
        if qjs::JS_IsException(buffer) {
            qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
            return Some(None);
        }
        let mut size: qjs::size_t = 0;
        let data = qjs::JS_GetArrayBuffer(ctx, &mut size, buffer);
        qjs::JS_FreeValue(ctx, buffer);
        if data.is_null() && qjs::JS_HasException(ctx) {
            qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
            return Some(None);
        }
        let (offset, per) = (offset as usize, (per as usize).max(1));
        let inside = (size as usize).saturating_sub(offset) / per * per;
        Some(Some((
            data.wrapping_add(offset),
            (length as usize).min(inside),
        )))
    }
}

/// An ArrayBuffer's data pointer and size; (null, 0) if detached (the error taken off `ctx`).
fn array_buffer_data(ctx: *mut qjs::JSContext, buffer: &Value<'_>) -> (*mut u8, usize) {
    let mut size: qjs::size_t = 0;
    // SAFETY: `buffer` is a valid value of this context; JS_GetArrayBuffer runs no JS.
    let data = unsafe { qjs::JS_GetArrayBuffer(ctx, &mut size, buffer.as_raw()) };
    if data.is_null() {
        let _ = buffer.ctx().catch();
        return (std::ptr::null_mut(), 0);
    }
    (data, size as usize)
}

impl<'js> FromArg<'js> for Bytes<'js> {
    fn from_arg(cx: &Ctx<'js>, v: &Value<'js>, name: &str) -> JsResult<Self> {
        const EXPECTED: &str = "an instance of ArrayBuffer, Buffer, TypedArray, or DataView";
        let Some(obj) = v.as_object() else {
            return Err(invalid_type(cx, name, EXPECTED, v));
        };
        let raw = v.as_raw();
        // SAFETY: type queries of a valid value.
        let (buffer_or_view, data_view) = unsafe {
            (
                qjs::JS_IsArrayBuffer(raw) || qjs::JS_GetTypedArrayType(raw) >= 0,
                qjs::JS_IsDataView(raw),
            )
        };
        if buffer_or_view {
            return Ok(Bytes {
                value: v.clone(),
                range: None,
            });
        }
        if data_view {
            // Its buffer, offset and length as its properties say; a spoofed property can
            // only pick other bytes of that buffer (the range is checked at each use).
            let buffer: Value = obj.get("buffer")?;
            // SAFETY: a type query of a valid value.
            if !unsafe { qjs::JS_IsArrayBuffer(buffer.as_raw()) } {
                return Err(invalid_type(cx, name, EXPECTED, v));
            }
            let offset: usize = obj.get("byteOffset")?;
            let length: usize = obj.get("byteLength")?;
            return Ok(Bytes {
                value: v.clone(),
                range: Some((buffer, offset, length)),
            });
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

// ---------------------------------------------------------------------------------------------
// WebIDL's coercing conversions (`coerce: true`), `Uint8Array`, custom messages

/// Any value as a Rust string, as WebIDL's `USVString` converts it: ToString (a Symbol throws
/// a TypeError), then every lone surrogate replaced by U+FFFD (a Rust string cannot hold one).
pub fn usv_string<'js>(cx: &Ctx<'js>, v: &Value<'js>) -> JsResult<String> {
    let ctx = cx.as_raw().as_ptr();
    // SAFETY: `v` is a live value of this context; JS_ToCStringLen runs ToString (which may
    // throw: NULL) and returns a buffer we free below, after copying out of it.
    unsafe {
        let mut len: usize = 0;
        let p = qjs::JS_ToCStringLen(ctx, &mut len, v.as_raw());
        if p.is_null() {
            return Err(rquickjs::Error::Exception);
        }
        let bytes = std::slice::from_raw_parts(p as *const u8, len);
        let text = wtf8_to_usv(bytes);
        qjs::JS_FreeCString(ctx, p);
        Ok(text)
    }
}

/// QuickJS writes a lone surrogate as its 3-byte generalized-UTF-8 form (ED A0..BF xx); the
/// USVString conversion makes each one U+FFFD.
fn wtf8_to_usv(bytes: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                // SAFETY: `from_utf8` vouched for the first `good` bytes.
                out.push_str(unsafe { std::str::from_utf8_unchecked(&rest[..good]) });
                out.push('\u{FFFD}');
                // A surrogate's three bytes; anything else (which QuickJS does not write) one
                // byte at a time.
                let skip = match rest[good..] {
                    [0xED, 0xA0..=0xBF, 0x80..=0xBF, ..] => 3,
                    _ => e.error_len().unwrap_or(rest.len() - good).max(1),
                };
                rest = &rest[good + skip..];
            }
        }
    }
    out
}

/// Any value as a boolean (ToBoolean, WebIDL's `boolean`).
pub fn coerce_bool<'js>(cx: &Ctx<'js>, v: &Value<'js>) -> JsResult<bool> {
    // SAFETY: a valid value of this context; ToBoolean runs no JS.
    Ok(unsafe { qjs::JS_ToBool(cx.as_raw().as_ptr(), v.as_raw()) } > 0)
}

/// Whether `v` is a `Uint8Array` (a Buffer is one).
pub fn is_uint8_array(v: &Value<'_>) -> bool {
    // SAFETY: a type query of a valid value.
    v.is_object()
        && unsafe { qjs::JS_GetTypedArrayType(v.as_raw()) }
            == qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT8 as _
}

/// A `Uint8Array` argument's bytes (Node: `must be an instance of Uint8Array`).
pub fn uint8_array<'js>(cx: &Ctx<'js>, v: &Value<'js>, name: &str) -> JsResult<Bytes<'js>> {
    if !is_uint8_array(v) {
        return Err(invalid_type(cx, name, "an instance of Uint8Array", v));
    }
    Bytes::from_arg(cx, v, name)
}

/// A conversion whose failure throws `message` (a TypeError with code `ERR_INVALID_ARG_TYPE`)
/// instead of Node's wording: a definition's `message`.
pub fn with_message<T>(cx: &Ctx<'_>, converted: JsResult<T>, message: &str) -> JsResult<T> {
    match converted {
        Ok(v) => Ok(v),
        Err(rquickjs::Error::Exception) => {
            // Drop the conversion's own exception; ours replaces it.
            let _ = cx.catch();
            Err(coded(cx, false, "ERR_INVALID_ARG_TYPE", message))
        }
        Err(other) => Err(other),
    }
}

#[cfg(test)]
mod tests {
    use super::wtf8_to_usv;

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(wtf8_to_usv(b"abc"), "abc");
        // "a\uD800b" and a trailing lone low surrogate "\uDC00".
        assert_eq!(wtf8_to_usv(b"a\xED\xA0\x80b"), "a\u{FFFD}b");
        assert_eq!(wtf8_to_usv(b"x\xED\xB0\x80"), "x\u{FFFD}");
        assert_eq!(wtf8_to_usv("é\u{1F600}".as_bytes()), "é\u{1F600}");
    }
}
