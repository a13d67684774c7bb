//! Static literals → validated class definitions.

use super::parse::{Lit, Node, Prop};
use super::types::{self, Arg, TypeDef};
use super::{Diagnostic, Pos};

/// Well-known symbols accepted as `@@name` keys.
pub(crate) const WELL_KNOWN: &[&str] = &[
    "iterator",
    "asyncIterator",
    "dispose",
    "asyncDispose",
    "toPrimitive",
    "toStringTag",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Key {
    Name(String),
    Symbol(&'static str),
    /// `Symbol.for(...)` (e.g. `inspectCustom`'s key); the second field is the source name.
    Registered(&'static str, &'static str),
}

/// The key of `inspectCustom` members: Node's `util.inspect.custom`.
pub(crate) const INSPECT_CUSTOM: &str = "nodejs.util.inspect.custom";

impl Key {
    /// Key as written in the definition (`close`, `@@iterator`).
    pub(crate) fn source(&self) -> String {
        match self {
            Key::Name(n) => n.clone(),
            Key::Symbol(s) => format!("@@{s}"),
            Key::Registered(_, source) => source.to_string(),
        }
    }
    /// Key as written in JS / TS (`close`, `[Symbol.iterator]`).
    pub(crate) fn js(&self) -> String {
        match self {
            Key::Name(n) => n.clone(),
            Key::Symbol(s) => format!("[Symbol.{s}]"),
            Key::Registered(r, _) => format!("[Symbol.for({r:?})]"),
        }
    }
    /// Identifier-safe form (`close`, `at_iterator`), snake_cased.
    pub(crate) fn ident(&self) -> String {
        match self {
            Key::Name(n) => snake_case(n),
            Key::Symbol(s) => format!("at_{}", snake_case(s)),
            Key::Registered(_, source) => format!("at_{}", snake_case(source)),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) enum MemberKind {
    Method {
        rust: String,
        length: u32,
        /// Typed arguments (`args`): the method receives converted values, not `Args`.
        args: Option<Vec<Arg>>,
        /// The TypeScript type of the result (`returns`), for the declarations.
        returns: Option<String>,
        /// `async: true`: the Rust method is `async` and the call returns a Promise.
        is_async: bool,
    },
    Accessor {
        getter: Option<String>,
        setter: Option<String>,
        cache: bool,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct Member {
    pub key: Key,
    pub pos: Pos,
    pub kind: MemberKind,
    /// Slot index for `cache: true` getters.
    pub slot: Option<usize>,
    /// Property attributes given in the definition (`None`: the class default).
    pub enumerable: Option<bool>,
    pub configurable: Option<bool>,
    pub writable: Option<bool>,
}

#[derive(Debug, Clone)]
pub(crate) struct ClassModel {
    pub name: String,
    pub pos: Pos,
    /// Rust type path as it must be written inside the generated class module.
    pub rust: String,
    /// The `rust` field as written (or the default), for messages.
    pub rust_source: String,
    pub construct: bool,
    pub call: Option<String>,
    pub init: Option<String>,
    pub finalize: bool,
    pub pending: bool,
    /// `values` slots: (name, pos, slot index).
    pub values: Vec<(String, Pos, usize)>,
    pub klass: Vec<Member>,
    pub proto: Vec<Member>,
    pub ts: Vec<(String, String)>,
    pub slot_count: usize,
    /// Typed constructor arguments (`args`).
    pub ctor_args: Option<Vec<Arg>>,
    /// Named argument types (`types`): string enums and dictionaries.
    pub types: Vec<TypeDef>,
    /// `estimatedSize`: the Rust method reporting an instance's native bytes.
    pub estimated_size: Option<String>,
}

impl ClassModel {
    pub(crate) fn module_name(&self) -> String {
        format!("{}_class", snake_case(&self.name))
    }
    pub(crate) fn ts_for(&self, key: &str) -> Option<&str> {
        self.ts
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// `JSCallback` → `js_callback`, `fooBar` → `foo_bar`, `CString` → `c_string`.
pub(crate) fn snake_case(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = if i > 0 {
                chars.get(i - 1).copied()
            } else {
                None
            };
            let next = chars.get(i + 1).copied();
            let boundary = match prev {
                Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_ascii_uppercase() => next.is_some_and(|n| n.is_ascii_lowercase()),
                _ => false,
            };
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "gen", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

fn is_ident_shape(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    s != "_" && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

pub(crate) fn is_rust_ident(s: &str) -> bool {
    is_ident_shape(s) && !RUST_KEYWORDS.contains(&s)
}

fn is_js_ident(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$' => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// Check a `rust` path and return it as written inside the generated class module.
fn rust_path(s: &str) -> Result<String, String> {
    if s.is_empty() {
        return Err("empty path".into());
    }
    let (absolute, body) = match s.strip_prefix("::") {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let segs: Vec<&str> = body.split("::").collect();
    for (i, &seg) in segs.iter().enumerate() {
        if seg.is_empty() {
            return Err("empty path segment".into());
        }
        if seg.trim() != seg {
            return Err("whitespace inside the path".into());
        }
        let leading = segs[..i].iter().all(|s| *s == "super");
        let allowed_kw = !absolute
            && ((i == 0 && (seg == "crate" || seg == "self" || seg == "super"))
                || (seg == "super" && leading));
        if !(is_rust_ident(seg) || allowed_kw) {
            return Err(format!("`{seg}` is not a Rust identifier"));
        }
    }
    let last = segs.last().copied().unwrap_or("");
    if matches!(last, "crate" | "self" | "super") {
        return Err("the path must end with a type name".into());
    }
    Ok(if absolute || segs[0] == "crate" {
        s.to_string()
    } else if segs[0] == "self" {
        format!("super::{}", segs[1..].join("::"))
    } else {
        // Relative to the module that includes the generated file.
        format!("super::{s}")
    })
}

struct Ctx<'a> {
    file: &'a str,
    diags: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn err(&mut self, pos: Pos, context: Option<String>, message: impl Into<String>) {
        self.diags.push(Diagnostic {
            file: self.file.to_string(),
            pos,
            context,
            message: message.into(),
        });
    }
}

fn check_duplicates(cx: &mut Ctx<'_>, props: &[Prop], what: &str, context: &Option<String>) {
    for (i, p) in props.iter().enumerate() {
        if props[..i].iter().any(|q| q.key == p.key) {
            let ctx = match (context, what) {
                (Some(c), "member") => Some(format!("{c}.{}", p.key)),
                (c, _) => c.clone(),
            };
            cx.err(p.key_pos, ctx, format!("duplicate {what} `{}`", p.key));
        }
    }
}

fn expect_str(cx: &mut Ctx<'_>, n: &Node, field: &str, context: &Option<String>) -> Option<String> {
    match &n.lit {
        Lit::Str(s) => Some(s.clone()),
        other => {
            cx.err(
                n.pos,
                context.clone(),
                format!("`{field}` must be a string, found {}", other.kind()),
            );
            None
        }
    }
}

fn expect_bool(cx: &mut Ctx<'_>, n: &Node, field: &str, context: &Option<String>) -> Option<bool> {
    match &n.lit {
        Lit::Bool(b) => Some(*b),
        other => {
            cx.err(
                n.pos,
                context.clone(),
                format!("`{field}` must be a boolean, found {}", other.kind()),
            );
            None
        }
    }
}

fn expect_rust_fn(
    cx: &mut Ctx<'_>,
    n: &Node,
    field: &str,
    context: &Option<String>,
) -> Option<String> {
    let s = expect_str(cx, n, field, context)?;
    if is_rust_ident(&s) {
        Some(s)
    } else {
        cx.err(
            n.pos,
            context.clone(),
            format!("`{field}` must name a Rust method (an identifier), found \"{s}\""),
        );
        None
    }
}

const CLASS_FIELDS: &[&str] = &[
    "name",
    "rust",
    "construct",
    "call",
    "init",
    "finalize",
    "hasPendingActivity",
    "values",
    "klass",
    "proto",
    "ts",
    "args",
    "types",
    "estimatedSize",
    "inspectCustom",
];
const MEMBER_FIELDS: &[&str] = &[
    "fn",
    "length",
    "getter",
    "setter",
    "cache",
    "args",
    "returns",
    "async",
    "enumerable",
    "configurable",
    "writable",
];

/// Reads an `args` object (argument name → type) in order.
fn arg_list(
    cx: &mut Ctx<'_>,
    node: &Node,
    context: &Option<String>,
    declared: &[String],
    is_dict: bool,
) -> Option<Vec<Arg>> {
    let Lit::Object(props) = &node.lit else {
        cx.err(
            node.pos,
            context.clone(),
            format!(
                "`args` must be an object of argument names and types, found {}",
                node.lit.kind()
            ),
        );
        return None;
    };
    check_duplicates(cx, props, "argument", context);
    let mut out: Vec<Arg> = Vec::new();
    let mut ok = true;
    for (i, p) in props.iter().enumerate() {
        if !is_js_ident(&p.key) {
            cx.err(
                p.key_pos,
                context.clone(),
                format!("argument name `{}` must be an identifier", p.key),
            );
            ok = false;
            continue;
        }
        match types::parse_type(&p.value, declared) {
            Ok(ty) => {
                if ty.rest && i + 1 != props.len() {
                    cx.err(
                        p.value.pos,
                        context.clone(),
                        format!("the rest argument `{}` must be the last", p.key),
                    );
                    ok = false;
                }
                let follows_optional = out.iter().any(|a| a.ty.optional || a.ty.default.is_some());
                if !is_dict && follows_optional && !(ty.optional || ty.default.is_some() || ty.rest)
                {
                    cx.err(
                        p.key_pos,
                        context.clone(),
                        format!("the required argument `{}` follows an optional one", p.key),
                    );
                    ok = false;
                }
                out.push(Arg {
                    name: p.key.clone(),
                    ty,
                    pos: p.key_pos,
                });
            }
            Err(e) => {
                cx.err(
                    p.value.pos,
                    Some(format!("{}.{}", context.clone().unwrap_or_default(), p.key)),
                    e,
                );
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

/// Reads a class's `types` (name → `{ enum: [...] }` or `{ dict: { member: type } }`).
fn type_defs(cx: &mut Ctx<'_>, class: &str, node: &Node) -> Vec<TypeDef> {
    let context = Some(format!("{class}.types"));
    let Lit::Object(props) = &node.lit else {
        cx.err(
            node.pos,
            context,
            format!("`types` must be an object, found {}", node.lit.kind()),
        );
        return Vec::new();
    };
    check_duplicates(cx, props, "type", &context);
    let declared: Vec<String> = props.iter().map(|p| p.key.clone()).collect();
    let mut out = Vec::new();
    for p in props {
        let tctx = Some(format!("{class}.types.{}", p.key));
        if !is_rust_ident(&p.key) || !p.key.starts_with(|c: char| c.is_ascii_uppercase()) {
            cx.err(
                p.key_pos,
                tctx,
                format!(
                    "type name `{}` must be a capitalised identifier (it names a Rust type)",
                    p.key
                ),
            );
            continue;
        }
        let Lit::Object(fields) = &p.value.lit else {
            cx.err(
                p.value.pos,
                tctx,
                "a type must be { enum: [\"a\", \"b\"] } or { dict: { name: \"type\" } }",
            );
            continue;
        };
        match fields.as_slice() {
            [f] if f.key == "enum" => {
                let Lit::Array(items) = &f.value.lit else {
                    cx.err(f.value.pos, tctx, "`enum` must be an array of strings");
                    continue;
                };
                let mut values: Vec<(String, String)> = Vec::new();
                for it in items {
                    match &it.lit {
                        Lit::Str(v) => {
                            let variant = types::variant_name(v);
                            if let Some((other, _)) = values.iter().find(|(_, var)| *var == variant)
                            {
                                cx.err(it.pos, tctx.clone(), format!("\"{v}\" and \"{other}\" make the same Rust variant `{variant}`"));
                            }
                            values.push((v.clone(), variant));
                        }
                        other => cx.err(
                            it.pos,
                            tctx.clone(),
                            format!("`enum` values must be strings, found {}", other.kind()),
                        ),
                    }
                }
                if values.is_empty() {
                    cx.err(f.value.pos, tctx, "an enum needs at least one value");
                    continue;
                }
                out.push(TypeDef::Enum {
                    name: p.key.clone(),
                    values,
                });
            }
            [f] if f.key == "dict" => {
                let others: Vec<String> =
                    declared.iter().filter(|d| **d != p.key).cloned().collect();
                let Some(members) = arg_list(cx, &f.value, &tctx, &others, true) else {
                    continue;
                };
                if let Some(m) = members.iter().find(|m| m.ty.rest) {
                    cx.err(
                        m.pos,
                        tctx,
                        format!(
                            "a dictionary member cannot be a rest parameter (`{}`)",
                            m.name
                        ),
                    );
                    continue;
                }
                out.push(TypeDef::Dict {
                    name: p.key.clone(),
                    fields: members,
                });
            }
            _ => cx.err(
                p.value.pos,
                tctx,
                "a type must be { enum: [\"a\", \"b\"] } or { dict: { name: \"type\" } }",
            ),
        }
    }
    out
}

fn members(
    cx: &mut Ctx<'_>,
    class: &str,
    section: &str,
    node: &Node,
    slot: &mut usize,
    declared: &[String],
) -> Vec<Member> {
    let section_ctx = Some(format!("{class}.{section}"));
    let Lit::Object(props) = &node.lit else {
        cx.err(
            node.pos,
            section_ctx,
            format!("`{section}` must be an object, found {}", node.lit.kind()),
        );
        return Vec::new();
    };
    check_duplicates(cx, props, "member", &section_ctx);
    let mut out = Vec::new();
    for (i, p) in props.iter().enumerate() {
        if props[..i].iter().any(|q| q.key == p.key) {
            continue;
        }
        let context = Some(format!("{class}.{section}.{}", p.key));
        let key = if let Some(sym) = p.key.strip_prefix("@@") {
            match WELL_KNOWN.iter().find(|w| **w == sym) {
                Some(w) => Key::Symbol(w),
                None => {
                    cx.err(
                        p.key_pos,
                        context,
                        format!(
                            "unknown well-known symbol `{}` (expected one of: {})",
                            p.key,
                            WELL_KNOWN
                                .iter()
                                .map(|w| format!("@@{w}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                    continue;
                }
            }
        } else if is_ident_shape(&p.key) {
            Key::Name(p.key.clone())
        } else {
            cx.err(p.key_pos, context, format!("member name `{}` must be an identifier ([A-Za-z_][A-Za-z0-9_]*) or a well-known symbol like `@@iterator`", p.key));
            continue;
        };
        let reserved = match section {
            "proto" => p.key == "constructor",
            _ => p.key == "prototype",
        };
        if reserved {
            cx.err(
                p.key_pos,
                context,
                format!(
                    "`{}` is reserved and cannot be defined in `{section}`",
                    p.key
                ),
            );
            continue;
        }
        let Lit::Object(fields) = &p.value.lit else {
            cx.err(
                p.value.pos,
                context,
                format!("a member must be an object like {{ fn: \"name\", length: 0 }} or {{ getter: \"name\" }}, found {}", p.value.lit.kind()),
            );
            continue;
        };
        check_duplicates(cx, fields, "field", &context);
        let (mut f, mut length, mut getter, mut setter, mut cache) = (None, None, None, None, None);
        let (mut args, mut returns, mut is_async) = (None, None, false);
        let (mut enumerable, mut configurable, mut writable) = (None, None, None);
        let mut ok = true;
        for fld in fields {
            match fld.key.as_str() {
                "args" => {
                    args = arg_list(cx, &fld.value, &context, declared, false);
                    ok &= args.is_some();
                }
                "returns" => {
                    returns = expect_str(cx, &fld.value, "returns", &context);
                    ok &= returns.is_some();
                }
                "async" => match expect_bool(cx, &fld.value, "async", &context) {
                    Some(b) => is_async = b,
                    None => ok = false,
                },
                "enumerable" => {
                    enumerable = expect_bool(cx, &fld.value, "enumerable", &context);
                    ok &= enumerable.is_some();
                }
                "configurable" => {
                    configurable = expect_bool(cx, &fld.value, "configurable", &context);
                    ok &= configurable.is_some();
                }
                "writable" => {
                    writable = expect_bool(cx, &fld.value, "writable", &context);
                    ok &= writable.is_some();
                }
                "fn" => {
                    f = expect_rust_fn(cx, &fld.value, "fn", &context).or_else(|| {
                        ok = false;
                        None
                    })
                }
                "getter" => {
                    getter = expect_rust_fn(cx, &fld.value, "getter", &context).or_else(|| {
                        ok = false;
                        None
                    })
                }
                "setter" => {
                    setter = expect_rust_fn(cx, &fld.value, "setter", &context).or_else(|| {
                        ok = false;
                        None
                    })
                }
                "cache" => {
                    cache = expect_bool(cx, &fld.value, "cache", &context).or_else(|| {
                        ok = false;
                        None
                    })
                }
                "length" => match &fld.value.lit {
                    Lit::Num(n) if n.fract() == 0.0 && *n >= 0.0 && *n <= 255.0 => {
                        length = Some((fld.value.pos, *n as u32))
                    }
                    other => {
                        ok = false;
                        let found = match other {
                            Lit::Num(n) => format!("{n}"),
                            o => o.kind().to_string(),
                        };
                        cx.err(
                            fld.value.pos,
                            context.clone(),
                            format!("`length` must be an integer between 0 and 255, found {found}"),
                        );
                    }
                },
                other => {
                    ok = false;
                    cx.err(
                        fld.key_pos,
                        context.clone(),
                        format!(
                            "unknown field `{other}` (expected one of: {})",
                            MEMBER_FIELDS.join(", ")
                        ),
                    );
                }
            }
        }
        if !ok {
            continue;
        }
        let kind = if let Some(rust) = f {
            if getter.is_some() || setter.is_some() || cache.is_some() {
                cx.err(
                    p.key_pos,
                    context,
                    "`fn` cannot be combined with `getter`, `setter` or `cache`",
                );
                continue;
            }
            let length = length
                .map(|(_, l)| l)
                .unwrap_or_else(|| args.as_deref().map_or(0, types::required_count));
            MemberKind::Method {
                rust,
                length,
                args,
                returns,
                is_async,
            }
        } else {
            if writable.is_some() {
                cx.err(
                    p.key_pos,
                    context,
                    "`writable` applies to methods (`fn`); an accessor's is its setter",
                );
                continue;
            }
            if args.is_some() || returns.is_some() || is_async {
                cx.err(
                    p.key_pos,
                    context,
                    "`args`, `returns` and `async` are only allowed with `fn`",
                );
                continue;
            }
            if let Some((pos, _)) = length {
                cx.err(pos, context, "`length` is only allowed with `fn`");
                continue;
            }
            if getter.is_none() && setter.is_none() {
                cx.err(
                    p.key_pos,
                    context,
                    "a member needs `fn`, `getter` or `setter`",
                );
                continue;
            }
            let cache = cache.unwrap_or(false);
            if cache && getter.is_none() {
                cx.err(p.key_pos, context, "`cache: true` needs a `getter`");
                continue;
            }
            if cache && section == "klass" {
                cx.err(
                    p.key_pos,
                    context,
                    "`cache` is only supported on `proto` members",
                );
                continue;
            }
            MemberKind::Accessor {
                getter,
                setter,
                cache,
            }
        };
        let slot_index = match &kind {
            MemberKind::Accessor { cache: true, .. } => {
                *slot += 1;
                Some(*slot - 1)
            }
            _ => None,
        };
        out.push(Member {
            key,
            pos: p.key_pos,
            kind,
            slot: slot_index,
            enumerable,
            configurable,
            writable,
        });
    }
    out
}

fn class(cx: &mut Ctx<'_>, node: &Node) -> Option<ClassModel> {
    let Lit::Object(props) = &node.lit else {
        cx.err(
            node.pos,
            None,
            format!(
                "each entry must be `define({{...}})` with an object literal, found {}",
                node.lit.kind()
            ),
        );
        return None;
    };
    let name_node = props.iter().find(|p| p.key == "name");
    let name = match name_node {
        None => {
            cx.err(node.pos, None, "missing required field `name`");
            return None;
        }
        Some(p) => match &p.value.lit {
            Lit::Str(s) if is_js_ident(s) => s.clone(),
            Lit::Str(s) => {
                cx.err(
                    p.value.pos,
                    None,
                    format!("`name` must be a JavaScript identifier, found \"{s}\""),
                );
                return None;
            }
            other => {
                cx.err(
                    p.value.pos,
                    None,
                    format!("`name` must be a string, found {}", other.kind()),
                );
                return None;
            }
        },
    };
    let before = cx.diags.len();
    let cctx = Some(name.clone());
    check_duplicates(cx, props, "field", &cctx);
    let mut model = ClassModel {
        name: name.clone(),
        pos: node.pos,
        rust: format!("super::{name}"),
        rust_source: name.clone(),
        construct: false,
        call: None,
        init: None,
        finalize: false,
        pending: false,
        values: Vec::new(),
        klass: Vec::new(),
        proto: Vec::new(),
        ts: Vec::new(),
        slot_count: 0,
        ctor_args: None,
        types: Vec::new(),
        estimated_size: None,
    };
    let mut slot = 0usize;
    let mut values_node = None;
    let mut inspect_custom: Option<(String, Pos)> = None;
    let mut ts_node = None;
    for p in props {
        let v = &p.value;
        match p.key.as_str() {
            "name" => {}
            "rust" => {
                if let Some(s) = expect_str(cx, v, "rust", &cctx) {
                    match rust_path(&s) {
                        Ok(path) => {
                            model.rust = path;
                            model.rust_source = s;
                        }
                        Err(e) => {
                            cx.err(v.pos, cctx.clone(), format!("bad `rust` path \"{s}\": {e}"))
                        }
                    }
                }
            }
            "construct" => {
                model.construct = expect_bool(cx, v, "construct", &cctx).unwrap_or(false)
            }
            "finalize" => model.finalize = expect_bool(cx, v, "finalize", &cctx).unwrap_or(false),
            "hasPendingActivity" => {
                model.pending = expect_bool(cx, v, "hasPendingActivity", &cctx).unwrap_or(false)
            }
            "call" => match &v.lit {
                Lit::Bool(true) => model.call = Some("call".into()),
                Lit::Bool(false) => model.call = None,
                Lit::Str(_) => model.call = expect_rust_fn(cx, v, "call", &cctx),
                other => cx.err(
                    v.pos,
                    cctx.clone(),
                    format!(
                        "`call` must be a boolean or a Rust method name, found {}",
                        other.kind()
                    ),
                ),
            },
            "init" => model.init = expect_rust_fn(cx, v, "init", &cctx),
            "estimatedSize" => model.estimated_size = expect_rust_fn(cx, v, "estimatedSize", &cctx),
            "inspectCustom" => {
                inspect_custom =
                    expect_rust_fn(cx, v, "inspectCustom", &cctx).map(|f| (f, p.key_pos))
            }
            "values" => values_node = Some(v),
            "proto" => {}
            "klass" => {}
            "args" => {}
            "types" => {}
            "ts" => ts_node = Some(v),
            other => cx.err(
                p.key_pos,
                cctx.clone(),
                format!(
                    "unknown field `{other}` (expected one of: {})",
                    CLASS_FIELDS.join(", ")
                ),
            ),
        }
    }
    if let Some(p) = props.iter().find(|p| p.key == "types") {
        model.types = type_defs(cx, &name, &p.value);
    }
    let declared: Vec<String> = model.types.iter().map(|t| t.name().to_string()).collect();
    if let Some(p) = props.iter().find(|p| p.key == "args") {
        model.ctor_args = arg_list(
            cx,
            &p.value,
            &Some(format!("{name}.args")),
            &declared,
            false,
        );
        if !model.construct {
            cx.err(
                p.key_pos,
                cctx.clone(),
                "`args` (the constructor's) needs `construct: true`",
            );
        }
    }
    if let Some(p) = props.iter().find(|p| p.key == "proto") {
        model.proto = members(cx, &name, "proto", &p.value, &mut slot, &declared);
    }
    // How `console.log`/`util.inspect` show an instance: a prototype method under
    // `Symbol.for("nodejs.util.inspect.custom")`, called as (depth, options, inspect).
    if let Some((rust, pos)) = inspect_custom {
        model.proto.push(Member {
            key: Key::Registered(INSPECT_CUSTOM, "inspectCustom"),
            pos,
            kind: MemberKind::Method {
                rust,
                length: 3,
                args: None,
                returns: None,
                is_async: false,
            },
            slot: None,
            enumerable: None,
            configurable: None,
            writable: None,
        });
    }
    if let Some(p) = props.iter().find(|p| p.key == "klass") {
        model.klass = members(cx, &name, "klass", &p.value, &mut slot, &declared);
    }
    if model.init.is_some() && !model.construct {
        cx.err(node.pos, cctx.clone(), "`init` needs `construct: true`");
    }
    if let Some(v) = values_node {
        match &v.lit {
            Lit::Array(items) => {
                for it in items {
                    match &it.lit {
                        Lit::Str(s) if is_ident_shape(s) => {
                            if model.values.iter().any(|(n, _, _)| n == s) {
                                cx.err(
                                    it.pos,
                                    Some(format!("{name}.values.{s}")),
                                    format!("duplicate value slot `{s}`"),
                                );
                            } else {
                                model.values.push((s.clone(), it.pos, slot));
                                slot += 1;
                            }
                        }
                        Lit::Str(s) => cx.err(
                            it.pos,
                            Some(format!("{name}.values")),
                            format!("value slot name \"{s}\" must be an identifier"),
                        ),
                        other => cx.err(
                            it.pos,
                            Some(format!("{name}.values")),
                            format!("`values` entries must be strings, found {}", other.kind()),
                        ),
                    }
                }
            }
            other => cx.err(
                v.pos,
                cctx.clone(),
                format!(
                    "`values` must be an array of strings, found {}",
                    other.kind()
                ),
            ),
        }
    }
    model.slot_count = slot;
    // Accessor names (`<name>_get_cached`) must be unique.
    let mut accessor_names: Vec<(String, String)> = Vec::new();
    for m in &model.proto {
        if m.slot.is_some() {
            accessor_names.push((m.key.ident(), format!("proto.{}", m.key.source())));
        }
    }
    for (v, pos, _) in &model.values {
        let ident = snake_case(v);
        if let Some((_, other)) = accessor_names.iter().find(|(n, _)| *n == ident) {
            cx.err(
                *pos,
                Some(format!("{name}.values.{v}")),
                format!("slot accessor `{ident}_get_cached` collides with the one of {other}"),
            );
        }
        accessor_names.push((ident, format!("values.{v}")));
    }
    if let Some(v) = ts_node {
        match &v.lit {
            Lit::Object(entries) => {
                check_duplicates(cx, entries, "field", &Some(format!("{name}.ts")));
                for e in entries {
                    let ectx = Some(format!("{name}.ts.{}", e.key));
                    let Lit::Str(ty) = &e.value.lit else {
                        cx.err(
                            e.value.pos,
                            ectx,
                            format!(
                                "TypeScript types must be strings, found {}",
                                e.value.lit.kind()
                            ),
                        );
                        continue;
                    };
                    let (section, key) = match e.key.strip_prefix("static ") {
                        Some(k) => ("klass", k),
                        None => ("proto", e.key.as_str()),
                    };
                    let target = if section == "proto" && (key == "constructor" || key == "call") {
                        Some(None)
                    } else {
                        let list = if section == "klass" {
                            &model.klass
                        } else {
                            &model.proto
                        };
                        list.iter()
                            .find(|m| m.key.source() == key)
                            .map(|m| Some(&m.kind))
                    };
                    match target {
                        None => cx.err(e.key_pos, ectx, format!("`ts` entry `{}` does not name a member (use a `proto` member name, `static <klass member>`, `constructor` or `call`)", e.key)),
                        Some(kind) => {
                            let callable = !matches!(kind, Some(MemberKind::Accessor { .. }));
                            let t = ty.trim_start();
                            if callable && !(t.starts_with('(') || t.starts_with('<')) {
                                cx.err(e.value.pos, ectx, format!("the type of a method must be a signature like \"(a: number): void\", found \"{ty}\""));
                                continue;
                            }
                            model.ts.push((e.key.clone(), ty.clone()));
                        }
                    }
                }
            }
            other => cx.err(
                v.pos,
                cctx.clone(),
                format!("`ts` must be an object of strings, found {}", other.kind()),
            ),
        }
    }
    if cx.diags.len() > before {
        return None;
    }
    Some(model)
}

/// Validate all definitions of a file.
pub(crate) fn build(file: &str, nodes: &[Node]) -> Result<Vec<ClassModel>, Vec<Diagnostic>> {
    let mut cx = Ctx {
        file,
        diags: Vec::new(),
    };
    let mut out: Vec<ClassModel> = Vec::new();
    for n in nodes {
        if let Some(m) = class(&mut cx, n) {
            if out
                .iter()
                .any(|o| o.name == m.name || o.module_name() == m.module_name())
            {
                cx.err(
                    m.pos,
                    Some(m.name.clone()),
                    format!("duplicate class `{}`", m.name),
                );
                continue;
            }
            out.push(m);
        }
    }
    if out.is_empty() && cx.diags.is_empty() {
        cx.err(
            Pos { line: 1, col: 1 },
            None,
            "the exported array defines no class",
        );
    }
    if cx.diags.is_empty() {
        Ok(out)
    } else {
        Err(cx.diags)
    }
}
