//! Instances of native classes declared with `structuredClone` (rusk_bindgen's registry,
//! `rt::clone`) in `structuredClone()` and in node:v8's `serialize` / `deserialize` (which
//! carry worker messages). Installs three hooks on the runtime's internals object:
//! `cloneHostObject(v)` (a copy, or `undefined` when `v` is no such instance),
//! `serializeHostObject(v)` (`[tag, bytes]` or `undefined`) and
//! `deserializeHostObject(tag, bytes)`.

use rquickjs::{Array, Ctx, Exception, Function, Object, Result, TypedArray, Value};
use rusk_bindgen::rt::clone;
use rusk_runtime::bytes::raw_bytes;

pub fn install<'js>(ctx: &Ctx<'js>, internals: &Object<'js>) -> Result<()> {
    internals.set("cloneHostObject", Function::new(ctx.clone(), copy)?)?;
    internals.set(
        "serializeHostObject",
        Function::new(ctx.clone(), serialize)?,
    )?;
    internals.set(
        "deserializeHostObject",
        Function::new(ctx.clone(), deserialize)?,
    )
}

fn copy<'js>(cx: Ctx<'js>, v: Value<'js>) -> Result<Value<'js>> {
    match clone::serialize(&cx, &v)? {
        Some((class, bytes)) => clone::deserialize(&cx, class.tag, &bytes),
        None => Ok(Value::new_undefined(cx)),
    }
}

fn serialize<'js>(cx: Ctx<'js>, v: Value<'js>) -> Result<Value<'js>> {
    let Some((class, bytes)) = clone::serialize(&cx, &v)? else {
        return Ok(Value::new_undefined(cx));
    };
    let pair = Array::new(cx.clone())?;
    pair.set(0, class.tag)?;
    pair.set(1, TypedArray::<u8>::new(cx.clone(), bytes)?)?;
    Ok(pair.into_value())
}

fn deserialize<'js>(cx: Ctx<'js>, tag: u32, bytes: Value<'js>) -> Result<Value<'js>> {
    let Some(raw) = raw_bytes(&bytes) else {
        return Err(Exception::throw_type(
            &cx,
            "deserializeHostObject: the bytes must be a Uint8Array",
        ));
    };
    // SAFETY: copied at once; no JS runs while the slice is borrowed.
    let owned = unsafe { raw.as_slice() }.to_vec();
    clone::deserialize(&cx, tag, &owned)
}
