//! The golden glue of `tests/golden/plain.classes.ts` (a callable class with statics only, and
//! `CString`, which uses `init`) and `tests/golden/callback.classes.ts` (the contract's
//! `JSCallback` example), compiled against the stub implementations below and exercised from JS
//! on a plain rquickjs runtime. The test-only `Probe`'s behaviour is tested through rusk
//! (`tests/bindgen/probe.test.ts` at the repository root).

// `finalize(self: Box<Self>)` is the contract's signature.
#![allow(clippy::boxed_local)]

use std::cell::{Cell, RefCell};

use rquickjs::{Context, Ctx, Runtime, Value};
use rusk_bindgen::rt::{Args, JsResult};

// The contract's example class (`rust: "crate::callback::JsCallback"`).
mod callback {
    use super::*;

    pub struct JsCallback {
        pub closed: Cell<bool>,
        pub label: RefCell<String>,
    }

    impl JsCallback {
        pub fn constructor<'js>(_cx: &Ctx<'js>, _args: &Args<'js>) -> JsResult<Self> {
            Ok(JsCallback {
                closed: Cell::new(false),
                label: RefCell::new("cb".into()),
            })
        }
        pub fn get_ptr<'js>(&self, cx: &Ctx<'js>) -> JsResult<Value<'js>> {
            Ok(Value::new_number(cx.clone(), 4096.0))
        }
        pub fn get_threadsafe<'js>(&self, cx: &Ctx<'js>) -> JsResult<Value<'js>> {
            Ok(Value::new_bool(cx.clone(), false))
        }
        pub fn close<'js>(&self, cx: &Ctx<'js>, _args: &Args<'js>) -> JsResult<Value<'js>> {
            self.closed.set(true);
            Ok(Value::new_undefined(cx.clone()))
        }
        pub fn get_label<'js>(&self, cx: &Ctx<'js>) -> JsResult<Value<'js>> {
            rquickjs::IntoJs::into_js(self.label.borrow().clone(), cx)
        }
        pub fn set_label<'js>(&self, _cx: &Ctx<'js>, v: Value<'js>) -> JsResult<()> {
            *self.label.borrow_mut() = v.get::<String>()?;
            Ok(())
        }
        pub fn finalize(self: Box<Self>) {}
        pub fn has_pending_activity(&self) -> bool {
            !self.closed.get()
        }
    }
}

mod callback_bindings {
    include!("golden/callback.classes.rs");
}

mod plain_bindings {
    use super::*;

    pub struct Plain;

    thread_local!(static MODE: RefCell<String> = RefCell::new("fast".into()));

    impl Plain {
        pub fn invoke<'js>(cx: &Ctx<'js>, args: &Args<'js>) -> JsResult<Value<'js>> {
            let n: f64 = args.arg(0)?;
            Ok(Value::new_number(cx.clone(), n * 2.0))
        }
        pub fn answer<'js>(cx: &Ctx<'js>, _args: &Args<'js>) -> JsResult<Value<'js>> {
            Ok(Value::new_int(cx.clone(), 42))
        }
        pub fn mode<'js>(cx: &Ctx<'js>) -> JsResult<Value<'js>> {
            MODE.with(|m| rquickjs::IntoJs::into_js(m.borrow().clone(), cx))
        }
        pub fn set_mode<'js>(_cx: &Ctx<'js>, v: Value<'js>) -> JsResult<()> {
            let s = v.get::<String>()?;
            MODE.with(|m| *m.borrow_mut() = s);
            Ok(())
        }
    }

    pub struct CStringImpl {
        bytes: RefCell<Vec<u8>>,
    }

    impl CStringImpl {
        pub fn constructor<'js>(_cx: &Ctx<'js>, _args: &Args<'js>) -> JsResult<Self> {
            Ok(CStringImpl {
                bytes: RefCell::new(Vec::new()),
            })
        }
        pub fn init<'js>(
            &self,
            _cx: &Ctx<'js>,
            this: &Value<'js>,
            args: &Args<'js>,
        ) -> JsResult<()> {
            let s: String = args.arg(0)?;
            *self.bytes.borrow_mut() = s.into_bytes();
            // `init` sees the new instance: it can fill traced slots.
            assert!(c_string_class::from_js(this).is_some());
            Ok(())
        }
        pub fn tag<'js>(&self, cx: &Ctx<'js>) -> JsResult<Value<'js>> {
            rquickjs::IntoJs::into_js("CString!", cx)
        }
        pub fn aiter<'js>(&self, cx: &Ctx<'js>, _args: &Args<'js>) -> JsResult<Value<'js>> {
            Ok(Value::new_undefined(cx.clone()))
        }
        pub fn byte_length<'js>(&self, cx: &Ctx<'js>) -> JsResult<Value<'js>> {
            Ok(Value::new_int(cx.clone(), self.bytes.borrow().len() as i32))
        }
        pub fn to_string<'js>(&self, cx: &Ctx<'js>, _args: &Args<'js>) -> JsResult<Value<'js>> {
            rquickjs::IntoJs::into_js(
                String::from_utf8_lossy(&self.bytes.borrow()).into_owned(),
                cx,
            )
        }
    }

    include!("golden/plain.classes.rs");
}

use callback_bindings::js_callback_class;
use plain_bindings::{c_string_class, plain_class};

fn setup() -> (Runtime, Context) {
    let rt = Runtime::new().unwrap();
    let ctx = Context::full(&rt).unwrap();
    ctx.with(|cx| {
        let g = cx.globals();
        let installed = js_callback_class::install(&cx, &g)
            .and_then(|()| plain_class::install(&cx, &g))
            .and_then(|()| c_string_class::install(&cx, &g));
        if let Err(e) = installed {
            panic!("install failed: {e}: {:?}", cx.catch());
        }
    });
    (rt, ctx)
}

fn eval_str(ctx: &Context, src: &str) -> String {
    ctx.with(|cx| match cx.eval::<rquickjs::Coerced<String>, _>(src) {
        Ok(s) => s.0,
        Err(e) => {
            let v = cx.catch();
            panic!("eval failed: {e}: {v:?}\n{src}")
        }
    })
}

const CATCH: &str = "function msg(f) { try { f(); return 'no error'; } catch (e) { return e.constructor.name + ': ' + e.message; } }";

#[test]
fn construct_and_call_rules() {
    let (_rt, ctx) = setup();
    eval_str(&ctx, CATCH);
    assert_eq!(
        eval_str(&ctx, "msg(() => new Plain())"),
        "TypeError: Plain is not constructable"
    );
    assert_eq!(eval_str(&ctx, "Plain(21)"), "42");
    assert_eq!(eval_str(&ctx, "Plain.answer()"), "42");
    assert_eq!(eval_str(&ctx, "Plain.mode = 'slow'; Plain.mode"), "slow");
    assert_eq!(eval_str(&ctx, "const c = new CString('héllo'); c.byteLength + ':' + c.toString() + ':' + c[Symbol.toStringTag]"), "6:héllo:CString!");
    assert_eq!(
        eval_str(&ctx, "msg(() => new CString(Symbol()))"),
        "TypeError: Error converting from js 'symbol' into type 'string'"
    );
    assert_eq!(eval_str(&ctx, "const cb = new JSCallback(); cb.label = 'x'; cb.ptr + ':' + cb.label + ':' + cb.threadsafe"), "4096:x:false");
}

#[test]
fn a_member_rejects_an_instance_of_another_generated_class() {
    let (_rt, ctx) = setup();
    eval_str(&ctx, CATCH);
    assert_eq!(
        eval_str(
            &ctx,
            "msg(() => new JSCallback().close.call(new CString('x')))"
        ),
        "TypeError: JSCallback.prototype.close called on an object that is not a JSCallback"
    );
    assert_eq!(
        eval_str(
            &ctx,
            "msg(() => CString.prototype.toString.call(new JSCallback()))"
        ),
        "TypeError: CString.prototype.toString called on an object that is not a CString"
    );
    // Rust-side from_js tells the classes apart too.
    ctx.with(|cx| {
        let cb: Value = cx.eval("new JSCallback()").unwrap();
        assert!(js_callback_class::from_js(&cb).is_some());
        assert!(c_string_class::from_js(&cb).is_none());
        let s: Value = cx.eval("new CString('x')").unwrap();
        assert!(c_string_class::from_js(&s).is_some());
        assert!(js_callback_class::from_js(&s).is_none());
    });
}

#[test]
fn dts_constants_are_embedded() {
    assert!(plain_bindings::PLAIN_CLASSES_DTS.contains("declare var Plain"));
    assert!(callback_bindings::CALLBACK_CLASSES_DTS.contains("declare class JSCallback"));
}
