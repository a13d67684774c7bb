//! The Rust side of `Counter` (see counter.classes.ts).

use std::cell::Cell;

use rquickjs::{Array, Function};
use rusk_bindgen::{Args, Ctx, JsResult, Value};

pub struct Counter {
    value: Cell<f64>,
}

impl Counter {
    /// Plain Rust constructor, for `counter_class::to_js`.
    pub fn new(start: f64) -> Self {
        Counter {
            value: Cell::new(start),
        }
    }

    pub fn constructor<'js>(_cx: &Ctx<'js>, args: &Args<'js>) -> JsResult<Self> {
        let start = args.get(0).as_number().unwrap_or(0.0);
        Ok(Counter {
            value: Cell::new(start),
        })
    }

    #[allow(clippy::boxed_local)] // the contract's signature: the value is handed over boxed
    pub fn finalize(self: Box<Self>) {
        println!("[rust] Counter finalized at {}", self.value.get());
    }

    pub fn zero<'js>(cx: &Ctx<'js>, _args: &Args<'js>) -> JsResult<Value<'js>> {
        counter_class::to_js(
            cx,
            Counter {
                value: Cell::new(0.0),
            },
        )
    }

    pub fn inc<'js>(&self, cx: &Ctx<'js>, args: &Args<'js>) -> JsResult<Value<'js>> {
        let by = if args.is_empty() {
            1.0
        } else {
            args.arg::<f64>(0)?
        };
        if !by.is_finite() {
            return Err(rusk_bindgen::rt::type_error(
                cx,
                "Counter.inc: step must be finite",
            ));
        }
        self.value.set(self.value.get() + by);
        // Notify the listener kept in the traced `onChange` slot, if any.
        let this = args.this();
        if let Some(f) = counter_class::on_change_get_cached(&this).and_then(|v| v.into_function())
        {
            let f: Function = f;
            f.call::<_, ()>((self.value.get(),))?;
        }
        Ok(Value::new_number(cx.clone(), self.value.get()))
    }

    pub fn value<'js>(&self, cx: &Ctx<'js>) -> JsResult<Value<'js>> {
        Ok(Value::new_number(cx.clone(), self.value.get()))
    }

    pub fn set_value<'js>(&self, _cx: &Ctx<'js>, v: Value<'js>) -> JsResult<()> {
        self.value.set(v.as_number().unwrap_or(0.0));
        Ok(())
    }

    /// Cached: created once per instance, then kept in a GC-traced slot.
    pub fn history<'js>(&self, cx: &Ctx<'js>) -> JsResult<Value<'js>> {
        Ok(Array::new(cx.clone())?.into_value())
    }

    pub fn iter<'js>(&self, cx: &Ctx<'js>, _args: &Args<'js>) -> JsResult<Value<'js>> {
        let n = self.value.get().max(0.0) as usize;
        let items = Array::new(cx.clone())?;
        for i in 0..n {
            items.set(i, i)?;
        }
        let values: Function = items.as_object().get("values")?;
        values.call((rquickjs::function::This(items),))
    }
}

include!(concat!(env!("OUT_DIR"), "/counter.classes.rs"));
