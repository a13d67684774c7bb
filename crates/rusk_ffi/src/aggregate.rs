//! Structs, unions and fixed-size arrays passed by value (rusk's extension of bun:ffi).
//!
//! A declaration is a plain JS object, usable wherever a type name is:
//! - `{ struct: ["u8", "f64"] }` — Deno's positional form: the value is the struct's bytes
//!   (any BufferSource as an argument, a `Uint8Array` as a result);
//! - `{ struct: { x: "i32", y: "f64" } }` — named fields: the value is a JS object (a
//!   BufferSource of the bytes is accepted too);
//! - `{ union: [...] }` / `{ union: { i: "i32", f: "f32" } }` — every member at offset 0;
//! - `{ array: "u8", length: 16 }` — a fixed-size array (inside a struct or union), a JS array;
//! - `packed: true` beside `struct`/`union` — no padding (`__attribute__((packed))`).
//!
//! Layouts follow the C rules (each field at the next multiple of its alignment, size rounded
//! up to the largest alignment). libffi classifies plain structs for the call itself on every
//! platform. It cannot describe unions or packed layouts, so for those rusk does the System V
//! x86-64 classification itself and gives libffi an equivalent type (one 8-byte integer or
//! double per eightbyte, or a type libffi passes in memory); other platforms refuse them.

use std::sync::Arc;

use libffi::middle::Type;
use rquickjs::qjs::{self, JSContext, JSValue};
use rquickjs::{Ctx, Exception, Object, Value};

use crate::signature::{coded_type_error, type_of};
use crate::types::FfiType;
use crate::values::{self, CallScratch, Thrown};

/// Deepest nesting of declarations (a declaration that contains itself stops here).
const MAX_DEPTH: usize = 32;
/// Largest array length and aggregate size accepted (anything bigger is a mistake, and sizes
/// must stay far from overflow).
const MAX_SIZE: usize = 1 << 24;

/// One member type inside a layout.
#[derive(Debug)]
pub enum Node {
    Scalar(FfiType),
    Array(Box<Node>, usize),
    Aggregate(Arc<Aggregate>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Struct,
    Union,
}

#[derive(Debug)]
pub struct Field {
    /// `None` in the positional form.
    pub name: Option<String>,
    /// The name as a C string, for the engine's property calls (made once, not per call).
    c_name: std::ffi::CString,
    pub offset: usize,
    pub node: Node,
}

/// A struct or union layout.
#[derive(Debug)]
pub struct Aggregate {
    pub kind: Kind,
    /// Fields have names: values are JS objects (else bytes).
    pub named: bool,
    pub packed: bool,
    pub fields: Vec<Field>,
    pub size: usize,
    pub align: usize,
}

/// The aggregate types of one signature (a `None` where the position is a plain type), and
/// where each one's bytes go in a call's single buffer of 8-byte words.
#[derive(Debug, Default)]
pub struct SigAggregates {
    pub args: Vec<Option<Arc<Aggregate>>>,
    pub ret: Option<Arc<Aggregate>>,
    /// Word index of each aggregate argument's buffer (0 for plain positions).
    pub arg_words: Vec<usize>,
    /// Word index of the result's buffer.
    pub ret_words: usize,
    /// Words the whole buffer needs.
    pub total_words: usize,
}

impl SigAggregates {
    pub fn new(args: Vec<Option<Arc<Aggregate>>>, ret: Option<Arc<Aggregate>>) -> Self {
        let mut total = 0;
        let arg_words = args
            .iter()
            .map(|a| {
                let at = total;
                total += a.as_ref().map_or(0, |a| a.buffer_words());
                at
            })
            .collect();
        let ret_words = total;
        total += ret.as_ref().map_or(1, |a| a.buffer_words());
        SigAggregates {
            args,
            ret,
            arg_words,
            ret_words,
            total_words: total,
        }
    }
}

/// The size in bytes of a scalar field (every pointer-like type is a pointer).
pub fn scalar_size(ty: FfiType) -> usize {
    use FfiType::*;
    match ty {
        Char | I8 | U8 | Bool => 1,
        I16 | U16 => 2,
        I32 | U32 | F32 => 4,
        _ => 8,
    }
}

impl Node {
    pub fn size(&self) -> usize {
        match self {
            Node::Scalar(t) => scalar_size(*t),
            Node::Array(e, n) => e.size() * n,
            Node::Aggregate(a) => a.size,
        }
    }

    pub fn align(&self) -> usize {
        match self {
            Node::Scalar(t) => scalar_size(*t),
            Node::Array(e, _) => e.align(),
            Node::Aggregate(a) => a.align,
        }
    }

    /// Calls `f(offset, type)` for every scalar inside, at its offset from `base`.
    fn each_scalar(&self, base: usize, f: &mut dyn FnMut(usize, FfiType)) {
        match self {
            Node::Scalar(t) => f(base, *t),
            Node::Array(e, n) => {
                for i in 0..*n {
                    e.each_scalar(base + i * e.size(), f);
                }
            }
            Node::Aggregate(a) => {
                for field in &a.fields {
                    field.node.each_scalar(base + field.offset, f);
                }
            }
        }
    }

    /// Whether libffi can describe this layout as it is (no union or packing inside).
    fn is_plain(&self) -> bool {
        match self {
            Node::Scalar(_) => true,
            Node::Array(e, _) => e.is_plain(),
            Node::Aggregate(a) => {
                a.kind == Kind::Struct && !a.packed && a.fields.iter().all(|f| f.node.is_plain())
            }
        }
    }

    /// libffi's description of a plain layout (arrays become repeated elements, which is how
    /// C compilers classify them too).
    fn plain_ffi_types(&self, out: &mut Vec<Type>) {
        match self {
            Node::Scalar(t) => out.push(t.ffi()),
            Node::Array(e, n) => {
                for _ in 0..*n {
                    e.plain_ffi_types(out);
                }
            }
            Node::Aggregate(a) => {
                let mut fields = Vec::new();
                for f in &a.fields {
                    f.node.plain_ffi_types(&mut fields);
                }
                out.push(Type::structure(fields));
            }
        }
    }
}

/// How a System V x86-64 eightbyte is passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Integer,
    Sse,
}

impl Aggregate {
    /// The eightbyte classes of this aggregate under the System V x86-64 ABI, or `None` when it
    /// is passed in memory (larger than 16 bytes, or a field not at a multiple of its size).
    fn sysv_classes(&self) -> Option<Vec<Class>> {
        if self.size > 16 {
            return None;
        }
        let mut classes: Vec<Option<Class>> = vec![None; self.size.div_ceil(8)];
        let mut misaligned = false;
        let mut classify = |at: usize, ty: FfiType| {
            let size = scalar_size(ty);
            if !at.is_multiple_of(size) {
                misaligned = true;
                return;
            }
            let class = if matches!(ty, FfiType::F32 | FfiType::F64) {
                Class::Sse
            } else {
                Class::Integer
            };
            let slot = &mut classes[at / 8];
            // Integer wins over SSE when both share an eightbyte.
            *slot = Some(match (*slot, class) {
                (Some(Class::Integer), _) | (_, Class::Integer) => Class::Integer,
                _ => Class::Sse,
            });
        };
        for field in &self.fields {
            field.node.each_scalar(field.offset, &mut classify);
        }
        if misaligned {
            return None;
        }
        Some(
            classes
                .into_iter()
                .map(|c| c.unwrap_or(Class::Integer))
                .collect(),
        )
    }

    /// The libffi type that passes (`for_return == false`) or returns this aggregate.
    pub fn ffi_type(self: &Arc<Self>, for_return: bool) -> Result<Type, String> {
        let node = Node::Aggregate(self.clone());
        if node.is_plain() {
            let mut t = Vec::with_capacity(1);
            node.plain_ffi_types(&mut t);
            return t.pop().ok_or_else(|| "empty aggregate".to_string());
        }
        if !cfg!(all(target_arch = "x86_64", not(windows))) {
            return Err(format!(
                "a {} passed by value is supported on x86-64 System V only (pass a pointer instead)",
                if self.kind == Kind::Union { "union" } else { "packed struct" }
            ));
        }
        Ok(match self.sysv_classes() {
            // In registers: one 8-byte integer or double per eightbyte carries the same bits
            // in the same registers.
            Some(classes) => Type::structure(classes.into_iter().map(|c| match c {
                Class::Integer => Type::u64(),
                Class::Sse => Type::f64(),
            })),
            // In memory, returned: more than 32 bytes is always returned through a hidden
            // pointer (the callee writes only the real size).
            None if for_return => {
                Type::structure((0..5.max(self.size.div_ceil(8))).map(|_| Type::u64()))
            }
            // In memory, as an argument, larger than 16 bytes: eightbytes of integers are
            // classified MEMORY too and copied to the stack the same way.
            None if self.size > 16 => {
                Type::structure((0..self.size.div_ceil(8)).map(|_| Type::u64()))
            }
            // In memory, as an argument, 16 bytes or less (a packed struct with a misaligned
            // field): libffi passes anything containing a long double in memory, copying the
            // type's recorded size. A preset size and alignment are kept by libffi (it only
            // computes them for structs whose size is 0).
            None => {
                let t = Type::structure([Type::longdouble()]);
                // SAFETY: `t` is a freshly made struct type we own; libffi reads these fields
                // when the call interface is prepared.
                unsafe {
                    let raw = t.as_raw_ptr();
                    (*raw).size = self.size;
                    (*raw).alignment = 8;
                }
                t
            }
        })
    }

    /// Bytes to allocate for a value of this aggregate handed to libffi (its proxy types may
    /// read or write whole eightbytes, and returns in memory up to 40 bytes).
    pub fn buffer_words(&self) -> usize {
        self.size.div_ceil(8).max(5)
    }

    /// The offset and node of the field named `name` (or numbered, in the positional form).
    pub fn field(&self, key: &str) -> Option<&Field> {
        if self.named {
            self.fields.iter().find(|f| f.name.as_deref() == Some(key))
        } else {
            key.parse::<usize>().ok().and_then(|i| self.fields.get(i))
        }
    }
}

/// libffi's argument and return types of a signature.
pub fn ffi_types(
    args: &[FfiType],
    ret: FfiType,
    aggregates: Option<&SigAggregates>,
) -> Result<(Vec<Type>, Type), String> {
    let Some(aggs) = aggregates else {
        return Ok((args.iter().map(|t| t.ffi()).collect(), ret.ffi()));
    };
    let mut types = Vec::with_capacity(args.len());
    for (i, t) in args.iter().enumerate() {
        types.push(match aggs.args.get(i).and_then(Option::as_ref) {
            Some(a) => a.ffi_type(false)?,
            None => t.ffi(),
        });
    }
    let ret_type = match &aggs.ret {
        Some(a) => a.ffi_type(true)?,
        None => ret.ffi(),
    };
    Ok((types, ret_type))
}

// ---------------------------------------------------------------------------------------------
// Reading declarations

/// Whether `v` declares an aggregate (an object with `struct` or `union`).
pub fn is_declaration(v: &Value<'_>) -> bool {
    v.as_object().is_some_and(|o| {
        o.contains_key("struct").unwrap_or(false) || o.contains_key("union").unwrap_or(false)
    })
}

fn decl_error(ctx: &Ctx<'_>, what: &str, message: &str) -> rquickjs::Error {
    coded_type_error(ctx, &format!("{what}: {message}"), "ERR_INVALID_ARG_VALUE")
}

/// Reads a struct or union declaration; `what` names it in error messages.
pub fn parse<'js>(ctx: &Ctx<'js>, v: &Value<'js>, what: &str) -> rquickjs::Result<Arc<Aggregate>> {
    match parse_node(ctx, v, what, 0)? {
        Node::Aggregate(a) => Ok(a),
        _ => Err(decl_error(
            ctx,
            what,
            "expected a struct or union declaration ({ struct: [...] } or { union: [...] })",
        )),
    }
}

/// Reads any type usable inside an aggregate (a type name, an aggregate or an array).
pub fn parse_node<'js>(
    ctx: &Ctx<'js>,
    v: &Value<'js>,
    what: &str,
    depth: usize,
) -> rquickjs::Result<Node> {
    if depth > MAX_DEPTH {
        return Err(decl_error(
            ctx,
            what,
            "declarations nest too deeply (a declaration that contains itself?)",
        ));
    }
    let Some(obj) = v.as_object() else {
        let ty = type_of(ctx, v, false)?;
        return match ty {
            FfiType::Void | FfiType::BufferLength | FfiType::NapiEnv | FfiType::NapiValue => {
                Err(decl_error(
                    ctx,
                    what,
                    &format!("a field cannot be of type \"{}\"", ty.name()),
                ))
            }
            _ => Ok(Node::Scalar(ty)),
        };
    };
    if obj.contains_key("array")? {
        let elem: Value = obj.get("array")?;
        let length: Value = obj.get("length")?;
        let n = length
            .as_number()
            .filter(|n| n.fract() == 0.0 && *n >= 1.0 && *n <= MAX_SIZE as f64)
            .ok_or_else(|| {
                decl_error(
                    ctx,
                    what,
                    "an array declaration needs a whole-number \"length\" of at least 1",
                )
            })? as usize;
        let elem = parse_node(ctx, &elem, what, depth + 1)?;
        if elem.size().saturating_mul(n) > MAX_SIZE {
            return Err(decl_error(ctx, what, "the array is too large"));
        }
        return Ok(Node::Array(Box::new(elem), n));
    }
    let (kind, members): (Kind, Value) = if obj.contains_key("struct")? {
        (Kind::Struct, obj.get("struct")?)
    } else if obj.contains_key("union")? {
        (Kind::Union, obj.get("union")?)
    } else {
        return Err(decl_error(
            ctx,
            what,
            "expected a type name, { struct: ... }, { union: ... } or { array: type, length: n }",
        ));
    };
    let packed = obj.get::<_, Option<bool>>("packed")?.unwrap_or(false);
    let mut raw_fields: Vec<(Option<String>, Value<'js>)> = Vec::new();
    let named = if let Some(list) = members.as_array() {
        for item in list.iter::<Value>() {
            raw_fields.push((None, item?));
        }
        false
    } else if let Some(map) = members.as_object().filter(|_| !members.is_function()) {
        for key in map.keys::<String>() {
            let key = key?;
            let value: Value = map.get(key.as_str())?;
            raw_fields.push((Some(key), value));
        }
        true
    } else {
        return Err(decl_error(
            ctx,
            what,
            "the members of a struct or union are an array of types or an object of named types",
        ));
    };
    if raw_fields.is_empty() {
        return Err(decl_error(
            ctx,
            what,
            "a struct or union needs at least one member",
        ));
    }
    let mut fields = Vec::with_capacity(raw_fields.len());
    let (mut end, mut align) = (0usize, 1usize);
    for (name, decl) in raw_fields {
        let node = parse_node(ctx, &decl, what, depth + 1)?;
        let field_align = if packed { 1 } else { node.align() };
        let offset = match kind {
            Kind::Struct => end.next_multiple_of(field_align),
            Kind::Union => 0,
        };
        end = end.max(offset + node.size());
        align = align.max(field_align);
        // A name with a NUL cannot be a C identifier; it never matches a property then.
        let c_name = std::ffi::CString::new(name.clone().unwrap_or_default()).unwrap_or_default();
        fields.push(Field {
            name,
            c_name,
            offset,
            node,
        });
    }
    let size = end.next_multiple_of(align);
    if size > MAX_SIZE {
        return Err(decl_error(ctx, what, "the struct is too large"));
    }
    Ok(Node::Aggregate(Arc::new(Aggregate {
        kind,
        named,
        packed,
        fields,
        size,
        align,
    })))
}

// ---------------------------------------------------------------------------------------------
// JS values → bytes

/// A pointer-kind field whose value is converted after every other conversion of the call (as
/// pointer arguments are: no user code may run between taking an address and the call).
pub struct PendingPointer {
    offset: usize,
    ty: FfiType,
    value: JSValue,
}

/// Writes JS value `v` as `node` at `out[at..]`. Pointer fields are queued in `pending` (the
/// caller finishes them with `write_pending`, which also frees their values).
///
/// # Safety
/// Live ctx on the JS thread; `v` a valid value (borrowed); `out` has room for `node` at `at`.
#[allow(clippy::too_many_arguments)]
pub unsafe fn write(
    ctx: *mut JSContext,
    node: &Node,
    v: JSValue,
    out: &mut [u8],
    at: usize,
    scratch: &mut CallScratch,
    pending: &mut Vec<PendingPointer>,
    what: &dyn Fn() -> String,
) -> Result<(), Thrown> {
    // SAFETY: conversions of valid values on a live context (caller contract).
    unsafe {
        match node {
            Node::Scalar(ty) => {
                // A struct's callback member may be NULL (an optional callback), unlike a
                // `function` argument.
                if *ty == FfiType::Function
                    && matches!(
                        qjs::JS_VALUE_GET_TAG(v),
                        qjs::JS_TAG_NULL | qjs::JS_TAG_UNDEFINED
                    )
                {
                    return Ok(());
                }
                if values::is_pointer_kind(*ty) {
                    pending.push(PendingPointer {
                        offset: at,
                        ty: *ty,
                        value: qjs::JS_DupValue(ctx, v),
                    });
                    return Ok(());
                }
                let bits = values::to_c(ctx, *ty, v, scratch, what)?;
                let bits = if *ty == FfiType::Bool {
                    u64::from(bits != 0)
                } else {
                    bits
                };
                let n = scalar_size(*ty);
                out[at..at + n].copy_from_slice(&bits.to_le_bytes()[..n]);
                Ok(())
            }
            Node::Array(elem, n) => write_array(ctx, elem, *n, v, out, at, scratch, pending, what),
            Node::Aggregate(agg) => write_aggregate(ctx, agg, v, out, at, scratch, pending, what),
        }
    }
}

/// # Safety
/// As `write`.
#[allow(clippy::too_many_arguments)]
unsafe fn write_array(
    ctx: *mut JSContext,
    elem: &Node,
    n: usize,
    v: JSValue,
    out: &mut [u8],
    at: usize,
    scratch: &mut CallScratch,
    pending: &mut Vec<PendingPointer>,
    what: &dyn Fn() -> String,
) -> Result<(), Thrown> {
    // SAFETY: as the caller's.
    unsafe {
        if copy_bytes(ctx, v, &mut out[at..at + elem.size() * n], what)? {
            return Ok(());
        }
        let mut len: i64 = 0;
        if qjs::JS_VALUE_GET_TAG(v) != qjs::JS_TAG_OBJECT || qjs::JS_GetLength(ctx, v, &mut len) < 0
        {
            if !qjs::JS_HasException(ctx) {
                values::throw_type(ctx, &format!("Expected an array for {}", what()));
            }
            return Err(Thrown);
        }
        if len < 0 || len as usize > n {
            values::throw_range(
                ctx,
                &format!("{}: an array of at most {n} elements, got {len}", what()),
            );
            return Err(Thrown);
        }
        for i in 0..len as usize {
            let item = qjs::JS_GetPropertyUint32(ctx, v, i as u32);
            if qjs::JS_IsException(item) {
                return Err(Thrown);
            }
            let what_i = || format!("{}[{i}]", what());
            let r = write(
                ctx,
                elem,
                item,
                out,
                at + i * elem.size(),
                scratch,
                pending,
                &what_i,
            );
            qjs::JS_FreeValue(ctx, item);
            r?;
        }
        Ok(())
    }
}

/// Copies the bytes of a BufferSource `v` into `out` (`Ok(false)` when `v` is not one).
///
/// # Safety
/// As `write`.
unsafe fn copy_bytes(
    ctx: *mut JSContext,
    v: JSValue,
    out: &mut [u8],
    what: &dyn Fn() -> String,
) -> Result<bool, Thrown> {
    // SAFETY: inspecting a valid value.
    unsafe {
        if qjs::JS_VALUE_GET_TAG(v) != qjs::JS_TAG_OBJECT {
            return Ok(false);
        }
        match values::view_address(ctx, v) {
            values::View::NotAView => Ok(false),
            values::View::Detached => {
                values::throw_type(ctx, &format!("The buffer given for {} is detached", what()));
                Err(Thrown)
            }
            values::View::Bytes(addr, len) => {
                if len < out.len() {
                    values::throw_range(
                        ctx,
                        &format!(
                            "{} needs {} bytes; the buffer given has {len}",
                            what(),
                            out.len()
                        ),
                    );
                    return Err(Thrown);
                }
                if !out.is_empty() {
                    std::ptr::copy_nonoverlapping(addr as *const u8, out.as_mut_ptr(), out.len());
                }
                Ok(true)
            }
        }
    }
}

/// # Safety
/// As `write`.
#[allow(clippy::too_many_arguments)]
unsafe fn write_aggregate(
    ctx: *mut JSContext,
    agg: &Aggregate,
    v: JSValue,
    out: &mut [u8],
    at: usize,
    scratch: &mut CallScratch,
    pending: &mut Vec<PendingPointer>,
    what: &dyn Fn() -> String,
) -> Result<(), Thrown> {
    // SAFETY: as the caller's.
    unsafe {
        if copy_bytes(ctx, v, &mut out[at..at + agg.size], what)? {
            return Ok(());
        }
        let kind = if agg.kind == Kind::Union {
            "union"
        } else {
            "struct"
        };
        let is_object = qjs::JS_VALUE_GET_TAG(v) == qjs::JS_TAG_OBJECT;
        if !agg.named {
            // Positional: the bytes, or (structs) an array of the fields' values.
            let is_array = is_object && qjs::JS_IsArray(v);
            if agg.kind == Kind::Union || !is_array {
                values::throw_type(
                    ctx,
                    &format!(
                        "Expected {} for {} (a {kind} declared with positional members)",
                        if agg.kind == Kind::Union {
                            "a TypedArray, DataView or ArrayBuffer of its bytes"
                        } else {
                            "a TypedArray, DataView or ArrayBuffer of its bytes, or an array of its fields"
                        },
                        what()
                    ),
                );
                return Err(Thrown);
            }
            let mut len: i64 = 0;
            if qjs::JS_GetLength(ctx, v, &mut len) < 0 {
                return Err(Thrown);
            }
            if len as usize != agg.fields.len() {
                values::throw_type(
                    ctx,
                    &format!(
                        "Expected {} fields for {}, got {len}",
                        agg.fields.len(),
                        what()
                    ),
                );
                return Err(Thrown);
            }
            for (i, f) in agg.fields.iter().enumerate() {
                let item = qjs::JS_GetPropertyUint32(ctx, v, i as u32);
                if qjs::JS_IsException(item) {
                    return Err(Thrown);
                }
                let what_i = || format!("{}[{i}]", what());
                let r = write(
                    ctx,
                    &f.node,
                    item,
                    out,
                    at + f.offset,
                    scratch,
                    pending,
                    &what_i,
                );
                qjs::JS_FreeValue(ctx, item);
                r?;
            }
            return Ok(());
        }
        if !is_object {
            values::throw_type(
                ctx,
                &format!(
                    "Expected an object (or a buffer of its bytes) for {} ({kind})",
                    what()
                ),
            );
            return Err(Thrown);
        }
        let mut set_member: Option<&str> = None;
        for f in &agg.fields {
            let name = f.name.as_deref().unwrap_or_default();
            let item = qjs::JS_GetPropertyStr(ctx, v, f.c_name.as_ptr());
            if qjs::JS_IsException(item) {
                return Err(Thrown);
            }
            // Missing fields are zero, as in a C initializer.
            if qjs::JS_IsUndefined(item) {
                continue;
            }
            if agg.kind == Kind::Union {
                if let Some(first) = set_member {
                    qjs::JS_FreeValue(ctx, item);
                    values::throw_type(
                        ctx,
                        &format!(
                            "{}: a union value sets one member; got \"{first}\" and \"{name}\"",
                            what()
                        ),
                    );
                    return Err(Thrown);
                }
                set_member = Some(name);
            }
            let what_f = || format!("{}.{name}", what());
            let r = write(
                ctx,
                &f.node,
                item,
                out,
                at + f.offset,
                scratch,
                pending,
                &what_f,
            );
            qjs::JS_FreeValue(ctx, item);
            r?;
        }
        Ok(())
    }
}

/// Converts the pointer fields queued by `write` (and frees their values).
///
/// # Safety
/// Live ctx on the JS thread; `pending` made by `write` for `out`.
pub unsafe fn write_pending(
    ctx: *mut JSContext,
    pending: &mut Vec<PendingPointer>,
    out: &mut [u8],
    scratch: &mut CallScratch,
    what: &dyn Fn() -> String,
) -> Result<(), Thrown> {
    let mut result = Ok(());
    for p in pending.drain(..) {
        if result.is_ok() {
            // SAFETY: a valid value we own; conversion on a live context.
            result = unsafe { values::to_c(ctx, p.ty, p.value, scratch, what) }.map(|bits| {
                out[p.offset..p.offset + 8].copy_from_slice(&bits.to_le_bytes());
            });
        }
        // SAFETY: we own the duplicated value.
        unsafe { qjs::JS_FreeValue(ctx, p.value) };
    }
    result
}

/// Frees the values of pointer fields that will not be converted (an earlier error).
///
/// # Safety
/// Live ctx.
pub unsafe fn discard_pending(ctx: *mut JSContext, pending: &mut Vec<PendingPointer>) {
    for p in pending.drain(..) {
        // SAFETY: we own the duplicated value.
        unsafe { qjs::JS_FreeValue(ctx, p.value) };
    }
}

// ---------------------------------------------------------------------------------------------
// bytes → JS values

/// Makes the JS value of `node` from `bytes` (exactly its size). Positional aggregates become a
/// `Uint8Array` copy of their bytes; named ones objects; arrays JS arrays.
///
/// # Safety
/// Live ctx on the JS thread.
pub unsafe fn read(ctx: *mut JSContext, node: &Node, bytes: &[u8]) -> JSValue {
    // SAFETY: value constructors on a live context; every value made is owned and either
    // returned or freed.
    unsafe {
        match node {
            Node::Scalar(ty) => {
                let n = scalar_size(*ty);
                let mut b = [0u8; 8];
                b[..n].copy_from_slice(&bytes[..n]);
                values::to_js(ctx, *ty, u64::from_le_bytes(b))
            }
            Node::Array(elem, n) => {
                let arr = qjs::JS_NewArray(ctx);
                if qjs::JS_IsException(arr) {
                    return arr;
                }
                let step = elem.size();
                for i in 0..*n {
                    let item = read(ctx, elem, &bytes[i * step..(i + 1) * step]);
                    if qjs::JS_IsException(item)
                        || qjs::JS_SetPropertyUint32(ctx, arr, i as u32, item) < 0
                    {
                        qjs::JS_FreeValue(ctx, arr);
                        return values::exception();
                    }
                }
                arr
            }
            Node::Aggregate(agg) if !agg.named => new_uint8_array(ctx, &bytes[..agg.size]),
            Node::Aggregate(agg) => {
                let obj = qjs::JS_NewObject(ctx);
                if qjs::JS_IsException(obj) {
                    return obj;
                }
                for f in &agg.fields {
                    let size = f.node.size();
                    let item = read(ctx, &f.node, &bytes[f.offset..f.offset + size]);
                    if qjs::JS_IsException(item)
                        || qjs::JS_SetPropertyStr(ctx, obj, f.c_name.as_ptr(), item) < 0
                    {
                        qjs::JS_FreeValue(ctx, obj);
                        return values::exception();
                    }
                }
                obj
            }
        }
    }
}

/// A new `Uint8Array` holding a copy of `bytes`.
///
/// # Safety
/// Live ctx.
unsafe fn new_uint8_array(ctx: *mut JSContext, bytes: &[u8]) -> JSValue {
    // SAFETY: QuickJS copies `bytes` into a new buffer.
    unsafe { qjs::JS_NewUint8ArrayCopy(ctx, bytes.as_ptr(), bytes.len() as qjs::size_t) }
}

// ---------------------------------------------------------------------------------------------
// Layout helpers exported to JS

/// Parses any declaration usable with the layout helpers (a type name too).
fn node_of<'js>(ctx: &Ctx<'js>, decl: &Value<'js>, what: &str) -> rquickjs::Result<Node> {
    parse_node(ctx, decl, what, 0)
}

/// `sizeof(type)`.
pub fn size_of<'js>(ctx: Ctx<'js>, decl: Value<'js>) -> rquickjs::Result<f64> {
    Ok(node_of(&ctx, &decl, "sizeof")?.size() as f64)
}

/// `alignof(type)`.
pub fn align_of<'js>(ctx: Ctx<'js>, decl: Value<'js>) -> rquickjs::Result<f64> {
    Ok(node_of(&ctx, &decl, "alignof")?.align() as f64)
}

/// `offsetof(type, "field")` — a dotted path reaches into nested aggregates (`"a.b"`), and
/// positional members are numbered (`"0"`, `"1.2"`).
pub fn offset_of<'js>(ctx: Ctx<'js>, decl: Value<'js>, path: Value<'js>) -> rquickjs::Result<f64> {
    let node = node_of(&ctx, &decl, "offsetof")?;
    let path = match path.as_number() {
        Some(n) => n.to_string(),
        None => path
            .as_string()
            .map(|s| s.to_string())
            .transpose()?
            .ok_or_else(|| {
                Exception::throw_type(
                    &ctx,
                    "offsetof: the field must be a name or a dotted path (\"a.b\")",
                )
            })?,
    };
    let mut offset = 0usize;
    let mut current = &node;
    for part in path.split('.') {
        let Node::Aggregate(agg) = current else {
            return Err(Exception::throw_type(
                &ctx,
                &format!("offsetof: \"{path}\" goes into a member that is not a struct or union"),
            ));
        };
        let Some(field) = agg.field(part) else {
            return Err(Exception::throw_type(
                &ctx,
                &format!("offsetof: no member \"{part}\" in \"{path}\""),
            ));
        };
        offset += field.offset;
        current = &field.node;
    }
    Ok(offset as f64)
}

/// Where a `readValue`/`writeValue` target lives: the memory of a view, or a raw address.
enum Target {
    View(u64, usize),
    Address(u64),
}

/// # Safety
/// Live ctx on the JS thread.
unsafe fn target_of(ctx: &Ctx<'_>, v: &Value<'_>, what: &str) -> rquickjs::Result<Target> {
    let raw = ctx.as_raw().as_ptr();
    // SAFETY: a valid value of this context.
    unsafe {
        if v.is_object() {
            return match values::view_address(raw, v.as_raw()) {
                values::View::Bytes(addr, len) => Ok(Target::View(addr, len)),
                values::View::Detached => Err(Exception::throw_type(ctx, &format!("{what}: the buffer is detached"))),
                values::View::NotAView => Err(Exception::throw_type(
                    ctx,
                    &format!("{what}: expected a pointer (number or BigInt), a TypedArray, DataView or ArrayBuffer"),
                )),
            };
        }
        crate::memory::address_arg(raw, v.as_raw(), what, crate::memory::AddressUse::Read)
            .map(Target::Address)
            .map_err(|_| rquickjs::Error::Exception)
    }
}

fn offset_value(ctx: &Ctx<'_>, v: &Value<'_>, what: &str) -> rquickjs::Result<usize> {
    if v.is_undefined() {
        return Ok(0);
    }
    v.as_number()
        .filter(|n| n.fract() == 0.0 && *n >= 0.0 && *n <= MAX_SIZE as f64 * 64.0)
        .map(|n| n as usize)
        .ok_or_else(|| {
            Exception::throw_range(
                ctx,
                &format!("{what}: the byte offset must be a non-negative whole number"),
            )
        })
}

/// `readValue(type, source, offset = 0)`: the JS value of a C value in memory (a view's or at
/// an address; unreadable memory throws).
pub fn read_value<'js>(
    ctx: Ctx<'js>,
    decl: Value<'js>,
    source: Value<'js>,
    offset: rquickjs::function::Opt<Value<'js>>,
) -> rquickjs::Result<Value<'js>> {
    let node = node_of(&ctx, &decl, "readValue")?;
    let offset = offset_value(
        &ctx,
        &offset.0.unwrap_or(Value::new_undefined(ctx.clone())),
        "readValue",
    )?;
    let size = node.size();
    // SAFETY: live ctx on the JS thread.
    let bytes = match unsafe { target_of(&ctx, &source, "readValue")? } {
        Target::View(addr, len) => {
            if offset.checked_add(size).is_none_or(|end| end > len) {
                return Err(Exception::throw_range(
                    &ctx,
                    &format!("readValue: {size} bytes at offset {offset} do not fit in a buffer of {len}"),
                ));
            }
            // SAFETY: [addr + offset, + size) lies inside the view (checked).
            unsafe { std::slice::from_raw_parts((addr as usize + offset) as *const u8, size) }
                .to_vec()
        }
        Target::Address(addr) => {
            crate::guard::read_vec(addr as usize + offset, size).map_err(|_| {
                Exception::throw_type(
                    &ctx,
                    &format!(
                        "readValue: {size} bytes at {:#x} are not readable memory",
                        addr as usize + offset
                    ),
                )
            })?
        }
    };
    let raw = ctx.as_raw().as_ptr();
    // SAFETY: live ctx; `bytes` holds exactly the node's size.
    let v = unsafe { read(raw, &node, &bytes) };
    // SAFETY: tag check, then ownership transfer of an owned value.
    unsafe {
        if qjs::JS_IsException(v) {
            return Err(rquickjs::Error::Exception);
        }
        Ok(Value::from_raw(ctx, v))
    }
}

/// `writeValue(type, target, value, offset = 0)`: stores a JS value as a C value in a view's
/// memory or at an address. Pointer members must be addresses or views (a JS string would
/// dangle once the call returns).
pub fn write_value<'js>(
    ctx: Ctx<'js>,
    decl: Value<'js>,
    target: Value<'js>,
    value: Value<'js>,
    offset: rquickjs::function::Opt<Value<'js>>,
) -> rquickjs::Result<()> {
    let node = node_of(&ctx, &decl, "writeValue")?;
    let offset = offset_value(
        &ctx,
        &offset.0.unwrap_or(Value::new_undefined(ctx.clone())),
        "writeValue",
    )?;
    let size = node.size();
    let raw = ctx.as_raw().as_ptr();
    let mut bytes = vec![0u8; size];
    let mut scratch = CallScratch::default();
    let mut pending = Vec::new();
    let what = || "writeValue's value".to_string();
    // SAFETY: live ctx on the JS thread; `bytes` has the node's size.
    unsafe {
        let written = write(
            raw,
            &node,
            value.as_raw(),
            &mut bytes,
            0,
            &mut scratch,
            &mut pending,
            &what,
        )
        .and_then(|()| write_pending(raw, &mut pending, &mut bytes, &mut scratch, &what));
        discard_pending(raw, &mut pending);
        written.map_err(|_| rquickjs::Error::Exception)?;
    }
    if !scratch.is_empty() {
        return Err(Exception::throw_type(
            &ctx,
            "writeValue: a string cannot be stored as a pointer in memory (it would not outlive this call); pass a buffer or an address",
        ));
    }
    // The target is read last: the conversions above may run user code (valueOf).
    // SAFETY: live ctx on the JS thread.
    match unsafe { target_of(&ctx, &target, "writeValue")? } {
        Target::View(addr, len) => {
            if offset.checked_add(size).is_none_or(|end| end > len) {
                return Err(Exception::throw_range(
                    &ctx,
                    &format!("writeValue: {size} bytes at offset {offset} do not fit in a buffer of {len}"),
                ));
            }
            // SAFETY: the destination lies inside the view (checked); no user code ran since
            // its address was taken.
            unsafe {
                std::ptr::copy_nonoverlapping(
                    bytes.as_ptr(),
                    (addr as usize + offset) as *mut u8,
                    size,
                )
            };
        }
        Target::Address(addr) => {
            crate::guard::write(addr as usize + offset, &bytes).map_err(|_| {
                Exception::throw_type(
                    &ctx,
                    &format!(
                        "writeValue: {size} bytes at {:#x} are not writable memory",
                        addr as usize + offset
                    ),
                )
            })?;
        }
    }
    Ok(())
}

/// `layoutOf(type)` → `{ size, align, kind, packed, fields: [{ name, offset, size }] }` (what
/// `structView` builds its accessors from).
pub fn layout_of<'js>(ctx: Ctx<'js>, decl: Value<'js>) -> rquickjs::Result<Object<'js>> {
    let node = node_of(&ctx, &decl, "layoutOf")?;
    let out = Object::new(ctx.clone())?;
    out.set("size", node.size())?;
    out.set("align", node.align())?;
    if let Node::Aggregate(agg) = &node {
        out.set(
            "kind",
            if agg.kind == Kind::Union {
                "union"
            } else {
                "struct"
            },
        )?;
        out.set("packed", agg.packed)?;
        out.set("named", agg.named)?;
        let fields = rquickjs::Array::new(ctx.clone())?;
        for (i, f) in agg.fields.iter().enumerate() {
            let o = Object::new(ctx.clone())?;
            match &f.name {
                Some(n) => o.set("name", n.as_str())?,
                None => o.set("name", i)?,
            }
            o.set("offset", f.offset)?;
            o.set("size", f.node.size())?;
            fields.set(i, o)?;
        }
        out.set("fields", fields)?;
    }
    Ok(out)
}
