//! `structuredClone: { tag, transferable? }`: classes whose instances the runtime's
//! `structuredClone` / `postMessage` copy as bytes. A class registers a [`Cloneable`] (its
//! generated `<module>::CLONE`) — automatically when it is first registered in a runtime, or
//! explicitly with [`register`] (a receiving runtime may not have used the class yet) — and
//! the runtime calls [`serialize`] on each object it copies and [`deserialize`] with the tag
//! and bytes on the other side.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Mutex;

use super::{panic_message, ClassDef, Ctx, Exception, JsResult, Value};

/// A class that can be copied by `structuredClone`.
pub struct Cloneable {
    /// The JS class name.
    pub name: &'static str,
    /// The class's tag in serialized data (unique among registered classes).
    pub tag: u32,
    /// Whether the runtime may transfer an instance (`transferable: true`) rather than copy.
    pub transferable: bool,
    /// The bytes of `value` when it is an instance of exactly this class, else `None`.
    pub serialize: fn(&Value<'_>) -> Option<Vec<u8>>,
    /// A new instance from bytes `serialize` made; `Ok(None)` when the bytes are not
    /// understood.
    pub deserialize: for<'js> fn(&Ctx<'js>, &[u8]) -> JsResult<Option<Value<'js>>>,
}

static REGISTRY: Mutex<Vec<&'static Cloneable>> = Mutex::new(Vec::new());

fn registry() -> std::sync::MutexGuard<'static, Vec<&'static Cloneable>> {
    REGISTRY.lock().unwrap_or_else(|e| e.into_inner())
}

/// Register `c` (again: no-op). `Err` names the class that already has its tag.
pub fn register(c: &'static Cloneable) -> Result<(), String> {
    let mut list = registry();
    match list.iter().find(|r| r.tag == c.tag) {
        Some(r) if std::ptr::eq(*r, c) => Ok(()),
        Some(r) => Err(format!(
            "structured-clone tag {} of {} is already registered by {}",
            c.tag, c.name, r.name
        )),
        None => {
            list.push(c);
            Ok(())
        }
    }
}

/// The registered class with tag `tag`.
pub fn by_tag(tag: u32) -> Option<&'static Cloneable> {
    registry().iter().find(|r| r.tag == tag).copied()
}

/// The registered class of `value` and its bytes, or `Ok(None)` when `value` is not an
/// instance of a registered class (an instance of a subclass is not one of its parent: it
/// would lose its own part). A panic in the Rust `serialize` is an `Error`.
pub fn serialize<'js>(
    cx: &Ctx<'js>,
    value: &Value<'js>,
) -> JsResult<Option<(&'static Cloneable, Vec<u8>)>> {
    let list: Vec<&'static Cloneable> = registry().clone();
    for c in list {
        match catch_unwind(AssertUnwindSafe(|| (c.serialize)(value))) {
            Ok(Some(bytes)) => return Ok(Some((c, bytes))),
            Ok(None) => {}
            Err(p) => {
                return Err(Exception::throw_message(
                    cx,
                    &format!(
                        "Rust panic in the serialize of {}: {}",
                        c.name,
                        panic_message(p.as_ref())
                    ),
                ))
            }
        }
    }
    Ok(None)
}

/// A new instance of the class registered with `tag`, made from `bytes`. An unknown tag,
/// bytes the class does not understand or a panic are errors naming the class.
pub fn deserialize<'js>(cx: &Ctx<'js>, tag: u32, bytes: &[u8]) -> JsResult<Value<'js>> {
    let Some(c) = by_tag(tag) else {
        return Err(Exception::throw_type(
            cx,
            &format!("rusk_bindgen: no class is registered for structured-clone tag {tag}"),
        ));
    };
    match catch_unwind(AssertUnwindSafe(|| (c.deserialize)(cx, bytes))) {
        Ok(Ok(Some(v))) => Ok(v),
        Ok(Ok(None)) => Err(Exception::throw_type(
            cx,
            &format!(
                "rusk_bindgen: {} cannot be deserialized from these {} bytes",
                c.name,
                bytes.len()
            ),
        )),
        Ok(Err(e)) => Err(e),
        Err(p) => Err(Exception::throw_message(
            cx,
            &format!(
                "Rust panic in the deserialize of {}: {}",
                c.name,
                panic_message(p.as_ref())
            ),
        )),
    }
}

/// The Rust value of `value` when it is an instance of exactly `D`'s class (not of a
/// subclass), for the generated `serialize`.
pub fn exact<'a, D: ClassDef>(value: &'a Value<'_>) -> Option<&'a D::Value> {
    // SAFETY: the reference is tied to `value`, which keeps the object alive.
    unsafe { super::instance::<D>(value.as_raw()) }.map(|i| i.value())
}
