//! `iterable` declarations: the members WebIDL's iterable<V> / iterable<K, V> generate.

use super::*;

/// What an `iterable` class iterates: its values (a list), or key/value pairs (a map).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Iteration {
    Values,
    Pairs,
}

/// The member of an `iterable` class being called.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum IterOp {
    Entries,
    Keys,
    Values,
    ForEach,
}

/// The members `iterable` generates (`entries`, `keys`, `values`, `forEach`, and
/// `[Symbol.iterator]`, which is `values` for a list and `entries` for pairs), over the array
/// the class's Rust method returns (of values, or of `[key, value]` pairs), as WebIDL's
/// `iterable<V>` / `iterable<K, V>` behave.
pub fn iterable<'js, T: rquickjs::IntoJs<'js>>(
    cx: &Ctx<'js>,
    args: &Args<'js>,
    items: JsResult<T>,
    kind: Iteration,
    op: IterOp,
) -> JsResult<Value<'js>> {
    let list = items?.into_js(cx)?;
    let Some(array) = list.into_array() else {
        return Err(Exception::throw_type(
            cx,
            "rusk_bindgen: an iterable's Rust method must return an array",
        ));
    };
    let iterate = |a: &rquickjs::Array<'js>, method: &str| -> JsResult<Value<'js>> {
        let f: rquickjs::Function = a.as_object().get(method)?;
        f.call((rquickjs::function::This(a.clone()),))
    };
    let column = |index: usize| -> JsResult<rquickjs::Array<'js>> {
        let out = rquickjs::Array::new(cx.clone())?;
        for (i, pair) in array.iter::<rquickjs::Array>().enumerate() {
            out.set(i, pair?.get::<Value>(index)?)?;
        }
        Ok(out)
    };
    match (kind, op) {
        (Iteration::Values, IterOp::Entries) => iterate(&array, "entries"),
        (Iteration::Values, IterOp::Keys) => iterate(&array, "keys"),
        (Iteration::Values, IterOp::Values) | (Iteration::Pairs, IterOp::Entries) => {
            iterate(&array, "values")
        }
        (Iteration::Pairs, IterOp::Keys) => iterate(&column(0)?, "values"),
        (Iteration::Pairs, IterOp::Values) => iterate(&column(1)?, "values"),
        (_, IterOp::ForEach) => {
            let Some(callback) = args.get(0).into_function() else {
                return Err(convert::invalid_type(
                    cx,
                    "callback",
                    "of type function",
                    &args.get(0),
                ));
            };
            let this_arg = args.get(1);
            let receiver = args.this();
            for (i, item) in array.iter::<Value>().enumerate() {
                let item = item?;
                let (value, key) = match kind {
                    Iteration::Values => (item, Value::new_number(cx.clone(), i as f64)),
                    Iteration::Pairs => {
                        let pair = item.into_array().ok_or_else(|| {
                            Exception::throw_type(
                                cx,
                                "rusk_bindgen: an iterable of pairs holds [key, value] arrays",
                            )
                        })?;
                        (pair.get(1)?, pair.get(0)?)
                    }
                };
                callback.call::<_, ()>((
                    rquickjs::function::This(this_arg.clone()),
                    value,
                    key,
                    receiver.clone(),
                ))?;
            }
            Ok(Value::new_undefined(cx.clone()))
        }
    }
}
