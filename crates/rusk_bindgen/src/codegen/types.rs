//! Typed members: argument type declarations (`args: { path: "string", mode: "u32?" }`), the
//! named types a class declares (`types: { Mode: { enum: [...] }, Options: { dict: {...} } }`),
//! and what the emitters need from them — the Rust type a method receives, the conversion
//! expression that makes it, and the TypeScript type.
//!
//! A type is a string: a base type, optionally `...T` (rest: every remaining argument), `T?`
//! (may be missing/undefined → `None`) or `T | null` (may be null → `None`); or an object
//! `{ type: "u32", clamp: true, default: 0 }`. Base types: `i32`, `u32`, `i64`, `u64`, `f64`
//! (alias `number`), `boolean`, `string`, `bytes` (ArrayBuffer or any view), `Uint8Array`,
//! `function`, `object`, `any`, and the names of the class's `types`.
//!
//! The object form also takes `coerce: true` (a `string` or `boolean` converted as WebIDL's
//! `USVString`/`boolean` are — any value, through ToString/ToBoolean — instead of checked as
//! Node's validators check) and `message: "..."` (the TypeError's whole message when the value
//! does not convert, for an API whose wording is not Node's, such as Bun's `Expected object`).

use super::parse::{Lit, Node, Prop};
use super::Pos;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Base {
    I32,
    U32,
    I64,
    U64,
    F64,
    Bool,
    Str,
    Bytes,
    /// A `Uint8Array` (or a Buffer, its subclass): its bytes, read or written in place.
    Uint8Array,
    Function,
    Object,
    Any,
    /// One of the class's `types`.
    Named(String),
}

impl Base {
    /// The Rust variant a union gives this member (`String`, `Bytes`, `I32`, a type's name).
    pub(crate) fn variant(&self) -> String {
        match self {
            Base::I32 => "I32".into(),
            Base::U32 => "U32".into(),
            Base::I64 => "I64".into(),
            Base::U64 => "U64".into(),
            Base::F64 => "Number".into(),
            Base::Bool => "Boolean".into(),
            Base::Str => "String".into(),
            Base::Bytes => "Bytes".into(),
            Base::Uint8Array => "Uint8Array".into(),
            Base::Function => "Function".into(),
            Base::Object => "Object".into(),
            Base::Any => "Any".into(),
            Base::Named(n) => n.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ArgType {
    pub base: Base,
    pub optional: bool,
    pub nullable: bool,
    pub rest: bool,
    pub clamp: bool,
    /// WebIDL's conversion (ToString / ToBoolean) instead of a type check.
    pub coerce: bool,
    /// The TypeError's message when the value does not convert (else Node's wording).
    pub message: Option<String>,
    pub default: Option<Lit>,
    /// A dictionary type: `undefined` gives every member its default, so it may be missing.
    pub dict: bool,
}

impl ArgType {
    /// Whether the argument may be left out (an optional parameter in `length` and `.d.ts`).
    pub(crate) fn may_be_missing(&self) -> bool {
        self.optional || self.default.is_some() || self.dict
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Arg {
    pub name: String,
    pub ty: ArgType,
    pub pos: Pos,
}

#[derive(Debug, Clone)]
pub(crate) enum TypeDef {
    /// A string enum: the JS strings and the Rust variant names.
    Enum {
        name: String,
        values: Vec<(String, String)>,
    },
    /// A dictionary: an options object read member by member.
    Dict { name: String, fields: Vec<Arg> },
    /// A union: the first member whose JS type the value has (a Rust enum of the members).
    Union {
        name: String,
        members: Vec<(String, ArgType)>,
    },
}

impl TypeDef {
    pub(crate) fn name(&self) -> &str {
        match self {
            TypeDef::Enum { name, .. }
            | TypeDef::Dict { name, .. }
            | TypeDef::Union { name, .. } => name,
        }
    }
}

/// Every named type of a class (for lookups while emitting).
pub(crate) struct Types<'a>(pub &'a [TypeDef]);

impl Types<'_> {
    fn get(&self, name: &str) -> Option<&TypeDef> {
        self.0.iter().find(|t| t.name() == name)
    }

    /// Whether values of `base` borrow from the JS heap (their Rust type has `'js`).
    pub(crate) fn has_lifetime(&self, base: &Base) -> bool {
        match base {
            Base::Bytes | Base::Uint8Array | Base::Function | Base::Object | Base::Any => true,
            Base::Named(n) => match self.get(n) {
                Some(TypeDef::Dict { fields, .. }) => {
                    fields.iter().any(|f| self.has_lifetime(&f.ty.base))
                }
                Some(TypeDef::Union { members, .. }) => {
                    members.iter().any(|(_, t)| self.has_lifetime(&t.base))
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// The Rust type of a base type, as written inside a class module (`super::` reaches the
    /// file level, where the named types are emitted).
    pub(crate) fn rust_base(&self, base: &Base, prefix: &str) -> String {
        match base {
            Base::I32 => "i32".into(),
            Base::U32 => "u32".into(),
            Base::I64 => "i64".into(),
            Base::U64 => "u64".into(),
            Base::F64 => "f64".into(),
            Base::Bool => "bool".into(),
            Base::Str => "::std::string::String".into(),
            Base::Bytes | Base::Uint8Array => "rt::Bytes<'js>".into(),
            Base::Function => "rt::Function<'js>".into(),
            Base::Object => "Object<'js>".into(),
            Base::Any => "Value<'js>".into(),
            Base::Named(n) => {
                if self.has_lifetime(base) {
                    format!("{prefix}{n}<'js>")
                } else {
                    format!("{prefix}{n}")
                }
            }
        }
    }

    /// The Rust type a method receives for `t`.
    pub(crate) fn rust_type(&self, t: &ArgType, prefix: &str) -> String {
        let base = self.rust_base(&t.base, prefix);
        if t.rest {
            format!("::std::vec::Vec<{base}>")
        } else if (t.optional || t.nullable) && t.default.is_none() {
            format!("::std::option::Option<{base}>")
        } else {
            base
        }
    }

    /// An expression converting `&Value` `v` (named `name`, a `&str` expression) to `t`'s
    /// Rust type, with `?` on failure (dictionary members). Not for rest arguments.
    pub(crate) fn conversion(&self, t: &ArgType, v: &str, name: &str, prefix: &str) -> String {
        let base = self.rust_base(&t.base, prefix);
        let convert = if let Some(special) = special_conversion(t, v, name) {
            special
        } else if t.clamp {
            format!("rt::convert::clamp::<{base}>(cx, {v}, {name})")
        } else {
            format!("<{base} as rt::FromArg>::from_arg(cx, {v}, {name})")
        };
        let convert = with_message(t, convert);
        self.wrap(
            t,
            &convert,
            &format!("{v}.is_undefined()"),
            &format!("{v}.is_null()"),
            prefix,
        )
    }

    /// The same for argument `i` of a thunk's `args`, reading the raw value (no `Value` is
    /// made on the fast path).
    pub(crate) fn arg_conversion(&self, t: &ArgType, i: usize, name: &str, prefix: &str) -> String {
        let base = self.rust_base(&t.base, prefix);
        let value = format!("&args.get({i})");
        let convert = if let Some(special) = special_conversion(t, &value, name) {
            special
        } else if t.clamp {
            format!("rt::convert::clamp::<{base}>(cx, {value}, {name})")
        } else {
            format!("rt::convert::arg::<{base}>(cx, &args, {i}, {name})")
        };
        let convert = with_message(t, convert);
        self.wrap(
            t,
            &convert,
            &format!("rt::convert::raw_is_undefined(args.raw({i}))"),
            &format!("rt::convert::raw_is_null(args.raw({i}))"),
            prefix,
        )
    }

    /// Wraps a conversion (a `?` expression) for optional, nullable and defaulted types.
    fn wrap(
        &self,
        t: &ArgType,
        convert: &str,
        undefined: &str,
        null: &str,
        prefix: &str,
    ) -> String {
        if let Some(d) = &t.default {
            let missing = if t.nullable {
                format!("{undefined} || {null}")
            } else {
                undefined.to_string()
            };
            return format!(
                "if {missing} {{ {} }} else {{ {convert} }}",
                self.default_expr(t, d, prefix)
            );
        }
        let missing = match (t.optional, t.nullable) {
            (true, true) => format!("{undefined} || {null}"),
            (true, false) => undefined.to_string(),
            (false, true) => null.to_string(),
            (false, false) => return convert.to_string(),
        };
        format!("if {missing} {{ None }} else {{ Some({convert}) }}")
    }

    /// The Rust expression of a declared default.
    fn default_expr(&self, t: &ArgType, d: &Lit, prefix: &str) -> String {
        match (d, &t.base) {
            (Lit::Num(n), Base::F64) => format!("{n:?}f64"),
            (Lit::Num(n), _) => format!("{}", *n as i64),
            (Lit::Bool(b), _) => b.to_string(),
            (Lit::Str(s), Base::Named(name)) => match self.get(name) {
                Some(TypeDef::Enum { values, .. }) => {
                    let variant = values
                        .iter()
                        .find(|(js, _)| js == s)
                        .map(|(_, v)| v.as_str())
                        .unwrap_or("");
                    format!("{prefix}{name}::{variant}")
                }
                _ => "Default::default()".into(),
            },
            (Lit::Str(s), _) => format!("::std::string::String::from({s:?})"),
            _ => "Default::default()".into(),
        }
    }

    /// The TypeScript type of a union.
    pub(crate) fn ts_union(&self, members: &[(String, ArgType)]) -> String {
        members
            .iter()
            .map(|(_, t)| self.ts_type(t))
            .collect::<Vec<_>>()
            .join(" | ")
    }

    /// The TypeScript type of `t` (without the `?` of an optional parameter).
    pub(crate) fn ts_type(&self, t: &ArgType) -> String {
        let base = match &t.base {
            Base::I32 | Base::U32 | Base::F64 => "number".to_string(),
            Base::I64 | Base::U64 => "number | bigint".into(),
            Base::Bool => "boolean".into(),
            Base::Str => "string".into(),
            Base::Bytes => "ArrayBuffer | ArrayBufferView".into(),
            Base::Uint8Array => "Uint8Array".into(),
            Base::Function => "(...args: any[]) => any".into(),
            Base::Object => "object".into(),
            Base::Any => "any".into(),
            Base::Named(n) => n.clone(),
        };
        let base = if t.nullable {
            format!("{base} | null")
        } else {
            base
        };
        if t.rest && base.contains(' ') {
            format!("({base})[]")
        } else if t.rest {
            format!("{base}[]")
        } else {
            base
        }
    }

    /// A TypeScript parameter list for `args`.
    pub(crate) fn ts_params(&self, args: &[Arg]) -> String {
        let params: Vec<String> = args
            .iter()
            .map(|a| {
                let ty = self.ts_type(&a.ty);
                if a.ty.rest {
                    format!("...{}: {ty}", a.name)
                } else if a.ty.may_be_missing() {
                    format!("{}?: {ty}", a.name)
                } else {
                    format!("{}: {ty}", a.name)
                }
            })
            .collect();
        format!("({})", params.join(", "))
    }
}

impl Types<'_> {
    /// An expression telling whether `&Value` `v` has the JS type of `base` (how a union picks
    /// its member).
    pub(crate) fn type_check(&self, base: &Base, v: &str) -> String {
        match base {
            Base::I32 | Base::U32 | Base::F64 => format!("{v}.is_number()"),
            Base::I64 | Base::U64 => format!("{v}.is_number() || {v}.is_big_int()"),
            Base::Bool => format!("{v}.is_bool()"),
            Base::Str => format!("{v}.is_string()"),
            Base::Bytes => format!("rt::convert::is_bytes({v})"),
            Base::Uint8Array => format!("rt::convert::is_uint8_array({v})"),
            Base::Function => format!("{v}.is_function()"),
            Base::Object => format!("{v}.is_object() && !{v}.is_function()"),
            Base::Any => "true".into(),
            Base::Named(n) => match self.get(n) {
                Some(TypeDef::Enum { .. }) => format!("{v}.is_string()"),
                _ => format!("{v}.is_object() && !{v}.is_function()"),
            },
        }
    }

    /// What Node's message says a union expects (`of type string or an instance of ...`).
    pub(crate) fn union_expected(&self, members: &[(String, ArgType)]) -> String {
        let mut types: Vec<&str> = Vec::new();
        let mut instances: Vec<&str> = Vec::new();
        for (_, t) in members {
            let ty = match &t.base {
                Base::I32 | Base::U32 | Base::F64 => "number",
                Base::I64 | Base::U64 => "number",
                Base::Bool => "boolean",
                Base::Str => "string",
                Base::Function => "function",
                Base::Object => "object",
                Base::Any => "any",
                Base::Bytes => {
                    instances.push("ArrayBuffer, Buffer, TypedArray, or DataView");
                    continue;
                }
                Base::Uint8Array => {
                    instances.push("Uint8Array");
                    continue;
                }
                Base::Named(n) => match self.get(n) {
                    Some(TypeDef::Enum { .. }) => "string",
                    _ => "object",
                },
            };
            if !types.contains(&ty) {
                types.push(ty);
            }
            if matches!(t.base, Base::I64 | Base::U64) && !types.contains(&"bigint") {
                types.push("bigint");
            }
        }
        let mut parts = Vec::new();
        match types.as_slice() {
            [] => {}
            [one] => parts.push(format!("of type {one}")),
            [a, b] => parts.push(format!("one of type {a} or {b}")),
            // Node's list: "one of type string, number, or bigint".
            [rest @ .., last] => parts.push(format!("one of type {}, or {last}", rest.join(", "))),
        }
        for i in instances {
            parts.push(format!("an instance of {i}"));
        }
        parts.join(" or ")
    }
}

/// Whether two types accept the same JS values' kinds (an overload cannot tell them apart).
pub(crate) fn same_js_kind(a: &Base, b: &Base) -> bool {
    fn kind(b: &Base) -> u8 {
        match b {
            Base::I32 | Base::U32 | Base::F64 | Base::I64 | Base::U64 => 0,
            Base::Bool => 1,
            Base::Str => 2,
            Base::Bytes | Base::Uint8Array => 3,
            Base::Function => 4,
            Base::Object => 5,
            Base::Any => 6,
            // A named type's kind depends on its definition; treat each name as its own.
            Base::Named(_) => 7,
        }
    }
    match (a, b) {
        (Base::Named(x), Base::Named(y)) => x == y,
        _ => kind(a) == kind(b),
    }
}

/// The `length` of a function taking `args`: its leading required parameters.
pub(crate) fn required_count(args: &[Arg]) -> u32 {
    args.iter()
        .take_while(|a| !a.ty.may_be_missing() && !a.ty.rest)
        .count() as u32
}

fn base_of(name: &str, declared: &[String]) -> Option<Base> {
    Some(match name {
        "i32" => Base::I32,
        "u32" => Base::U32,
        "i64" => Base::I64,
        "u64" => Base::U64,
        "f64" | "number" => Base::F64,
        "boolean" => Base::Bool,
        "string" => Base::Str,
        "bytes" => Base::Bytes,
        "Uint8Array" => Base::Uint8Array,
        "function" => Base::Function,
        "object" => Base::Object,
        "any" => Base::Any,
        other if declared.iter().any(|d| d == other) => Base::Named(other.to_string()),
        _ => return None,
    })
}

const BASES: &str =
    "i32, u32, i64, u64, f64, number, boolean, string, bytes, Uint8Array, function, object, any";

/// Reads a type declaration (a string or `{ type, clamp, default }`); `declared` are the class's
/// type names. Errors are messages for the declaration's position.
pub(crate) fn parse_type(node: &Node, declared: &[String]) -> Result<ArgType, String> {
    let (text, props): (&str, &[Prop]) = match &node.lit {
        Lit::Str(s) => (s.as_str(), &[]),
        Lit::Object(props) => {
            let Some(t) = props.iter().find(|p| p.key == "type") else {
                return Err(
                    "a type object needs `type` (like { type: \"u32\", clamp: true })".into(),
                );
            };
            let Lit::Str(s) = &t.value.lit else {
                return Err(format!(
                    "`type` must be a string, found {}",
                    t.value.lit.kind()
                ));
            };
            (s.as_str(), props.as_slice())
        }
        other => {
            return Err(format!(
                "a type must be a string like \"u32?\" or an object, found {}",
                other.kind()
            ))
        }
    };
    let mut s = text.trim();
    let rest = s.starts_with("...");
    if rest {
        s = s[3..].trim();
    }
    let mut optional = false;
    if let Some(inner) = s.strip_suffix('?') {
        optional = true;
        s = inner.trim();
    }
    let mut nullable = false;
    let parts: Vec<&str> = s.split('|').map(str::trim).collect();
    let base_name = match parts.as_slice() {
        [one] => *one,
        [a, "null"] | ["null", a] => {
            nullable = true;
            *a
        }
        _ => {
            return Err(format!(
                "unsupported type \"{text}\" (declare a union in `types`: {{ union: [...] }}; only `T | null` is written inline)"
            ))
        }
    };
    let Some(base) = base_of(base_name, declared) else {
        return Err(format!(
            "unknown type `{base_name}` (expected one of: {BASES}, or a name declared in `types`)"
        ));
    };
    if rest && (optional || nullable) {
        return Err(format!(
            "a rest parameter cannot be optional or nullable: \"{text}\""
        ));
    }
    let mut t = ArgType {
        base,
        optional,
        nullable,
        rest,
        clamp: false,
        coerce: false,
        message: None,
        default: None,
        dict: false,
    };
    for p in props {
        match p.key.as_str() {
            "type" => {}
            "clamp" => match p.value.lit {
                Lit::Bool(b) => t.clamp = b,
                _ => return Err("`clamp` must be a boolean".into()),
            },
            "coerce" => match p.value.lit {
                Lit::Bool(b) => t.coerce = b,
                _ => return Err("`coerce` must be a boolean".into()),
            },
            "message" => match &p.value.lit {
                Lit::Str(m) if !m.is_empty() => t.message = Some(m.clone()),
                _ => return Err("`message` must be a non-empty string".into()),
            },
            "default" => t.default = Some(p.value.lit.clone()),
            other => {
                return Err(format!(
                    "unknown field `{other}` in a type (expected type, clamp, coerce, message, default)"
                ))
            }
        }
    }
    if t.clamp && !matches!(t.base, Base::I32 | Base::U32 | Base::I64 | Base::U64) {
        return Err("`clamp` applies to the integer types (i32, u32, i64, u64)".into());
    }
    if t.coerce && !matches!(t.base, Base::Str | Base::Bool) {
        return Err("`coerce` applies to `string` and `boolean`".into());
    }
    if t.coerce && t.message.is_some() {
        return Err("a coerced type takes every value, so it has no `message` to give".into());
    }
    if t.message.is_some() && t.base == Base::Any {
        return Err("`any` takes every value, so it has no `message` to give".into());
    }
    if let Some(d) = &t.default {
        if t.rest {
            return Err("a rest parameter cannot have a default".into());
        }
        let fits = match (&t.base, d) {
            (Base::I32 | Base::U32 | Base::I64 | Base::U64, Lit::Num(n)) => n.fract() == 0.0,
            (Base::F64, Lit::Num(_)) => true,
            (Base::Bool, Lit::Bool(_)) => true,
            (Base::Str, Lit::Str(_)) => true,
            (Base::Named(_), Lit::Str(_)) => true,
            _ => false,
        };
        if !fits {
            return Err(format!(
                "the default {} does not fit type `{base_name}`",
                d.kind()
            ));
        }
    }
    Ok(t)
}

/// The conversion of the types that are not a plain `FromArg` (no `?`): coerced strings and
/// booleans, and `Uint8Array` (whose Rust type, `rt::Bytes`, is also `bytes`').
fn special_conversion(t: &ArgType, v: &str, name: &str) -> Option<String> {
    match (&t.base, t.coerce) {
        (Base::Str, true) => Some(format!("rt::convert::usv_string(cx, {v})")),
        (Base::Bool, true) => Some(format!("rt::convert::coerce_bool(cx, {v})")),
        (Base::Uint8Array, _) => Some(format!("rt::convert::uint8_array(cx, {v}, {name})")),
        _ => None,
    }
}

/// A conversion (a `JsResult` expression) with its `?`, its error replaced by the declared
/// `message` if there is one.
fn with_message(t: &ArgType, convert: String) -> String {
    match &t.message {
        Some(m) => format!("rt::convert::with_message(cx, {convert}, {m:?})?"),
        None => format!("{convert}?"),
    }
}

/// A Rust variant name for an enum string (`"utf-16le"` → `Utf16le`, `"2d"` → `V2d`).
pub(crate) fn variant_name(s: &str) -> String {
    let mut out = String::new();
    for part in s
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
    {
        let mut chars = part.chars();
        if let Some(c) = chars.next() {
            out.push(c.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    out
}
