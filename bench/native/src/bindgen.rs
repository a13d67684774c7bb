//! Call overhead of a class method, a getter and a cached getter, three ways, on one QuickJS-ng
//! runtime:
//!
//! * `hand-written`: raw QuickJS C functions (`JS_GetOpaque` + `JS_ToFloat64` +
//!   `JS_NewFloat64`), the floor any binding layer can reach;
//! * `generated`: the glue rusk_bindgen generates from `src/bench.classes.ts`;
//! * `rquickjs`: an equivalent `#[rquickjs::class]` / `#[rquickjs::methods]` class.
//!
//! Each case runs the same JS loop; the figure is ns per loop iteration (minimum of several
//! runs), and the same minus the empty loop's cost. Run with
//! `cargo run --release -p rusk_bench_native` (optional argument: iterations).

// `finalize` and friends follow the generator's contract; this binary is measurement code.
#![allow(clippy::boxed_local)]

use std::time::Instant;

use rquickjs::{Context, Function, Object, Runtime, Value};

/// What every variant does: `add(n)` adds to a number and returns it, `value` reads it, and
/// `info` returns one object made once.
mod handwritten {
    use std::cell::Cell;
    use std::ffi::c_int;

    use rquickjs::qjs;

    struct Raw {
        value: Cell<f64>,
        info: qjs::JSValue,
    }

    static mut CLASS_ID: qjs::JSClassID = 0;

    fn class_id() -> qjs::JSClassID {
        // SAFETY: written once in `install`, before any call, on the only JS thread.
        unsafe { CLASS_ID }
    }

    unsafe extern "C" fn finalizer(rt: *mut qjs::JSRuntime, val: qjs::JSValue) {
        // SAFETY: QuickJS calls this once for each object of our class.
        unsafe {
            let p = qjs::JS_GetOpaque(val, class_id()) as *mut Raw;
            if !p.is_null() {
                let raw = Box::from_raw(p);
                qjs::JS_FreeValueRT(rt, raw.info);
            }
        }
    }

    unsafe fn this_raw<'a>(this: qjs::JSValue) -> Option<&'a Raw> {
        // SAFETY: JS_GetOpaque checks the class id; our objects always carry a `Raw`.
        unsafe { (qjs::JS_GetOpaque(this, class_id()) as *const Raw).as_ref() }
    }

    unsafe extern "C" fn add(
        ctx: *mut qjs::JSContext,
        this: qjs::JSValue,
        argc: c_int,
        argv: *mut qjs::JSValue,
    ) -> qjs::JSValue {
        // SAFETY: QuickJS passes a live context and `argc` arguments.
        unsafe {
            let Some(r) = this_raw(this) else {
                return qjs::JS_ThrowTypeError(ctx, c"not a Raw".as_ptr());
            };
            // Read the number from the tag, as a careful C binding would (JS_ToFloat64 is a
            // slower out-of-line call).
            let arg = if argc < 1 {
                qjs::JS_MKVAL(qjs::JS_TAG_UNDEFINED, 0)
            } else {
                *argv
            };
            let n = match qjs::JS_VALUE_GET_TAG(arg) {
                qjs::JS_TAG_INT => f64::from(qjs::JS_VALUE_GET_INT(arg)),
                qjs::JS_TAG_FLOAT64 => qjs::JS_VALUE_GET_FLOAT64(arg),
                _ => return qjs::JS_ThrowTypeError(ctx, c"add needs a number".as_ptr()),
            };
            r.value.set(r.value.get() + n);
            // The same number encoding as the generated glue and QuickJS's JS_NewNumber (int
            // when integral): the result type changes the loop's own cost, so all variants
            // must return the same kind of value.
            rusk_bindgen::rt::number(r.value.get())
        }
    }

    /// Reads an int32 argument as a careful C binding would: the tag, then the payload.
    unsafe fn int_arg(argc: c_int, argv: *mut qjs::JSValue, i: c_int) -> Option<i32> {
        // SAFETY: `i < argc` values at `argv` (QuickJS's contract).
        unsafe {
            if i >= argc {
                return None;
            }
            let v = *argv.add(i as usize);
            (qjs::JS_VALUE_GET_TAG(v) == qjs::JS_TAG_INT).then(|| qjs::JS_VALUE_GET_INT(v))
        }
    }

    unsafe extern "C" fn add3(
        ctx: *mut qjs::JSContext,
        this: qjs::JSValue,
        argc: c_int,
        argv: *mut qjs::JSValue,
    ) -> qjs::JSValue {
        // SAFETY: QuickJS passes a live context and `argc` arguments.
        unsafe {
            let Some(r) = this_raw(this) else {
                return qjs::JS_ThrowTypeError(ctx, c"not a Raw".as_ptr());
            };
            let (Some(a), Some(b), Some(c)) = (
                int_arg(argc, argv, 0),
                int_arg(argc, argv, 1),
                int_arg(argc, argv, 2),
            ) else {
                return qjs::JS_ThrowTypeError(ctx, c"add3 needs three int32 numbers".as_ptr());
            };
            rusk_bindgen::rt::number(r.value.get() + f64::from(a) + f64::from(b) + f64::from(c))
        }
    }

    unsafe extern "C" fn value(ctx: *mut qjs::JSContext, this: qjs::JSValue) -> qjs::JSValue {
        // SAFETY: as above.
        unsafe {
            match this_raw(this) {
                Some(r) => qjs::JS_NewFloat64(r.value.get()),
                None => qjs::JS_ThrowTypeError(ctx, c"not a Raw".as_ptr()),
            }
        }
    }

    unsafe extern "C" fn info(ctx: *mut qjs::JSContext, this: qjs::JSValue) -> qjs::JSValue {
        // SAFETY: as above.
        unsafe {
            match this_raw(this) {
                Some(r) => qjs::JS_DupValue(ctx, r.info),
                None => qjs::JS_ThrowTypeError(ctx, c"not a Raw".as_ptr()),
            }
        }
    }

    /// Registers the class and returns one instance.
    pub fn instance<'js>(ctx: &rquickjs::Ctx<'js>) -> rquickjs::Value<'js> {
        let c = ctx.as_raw().as_ptr();
        // SAFETY: plain QuickJS class set-up on a live context, as a C embedder would write it.
        unsafe {
            let rt = qjs::JS_GetRuntime(c);
            let mut id: qjs::JSClassID = 0;
            qjs::JS_NewClassID(rt, &mut id);
            CLASS_ID = id;
            let def = qjs::JSClassDef {
                class_name: c"Raw".as_ptr(),
                finalizer: Some(finalizer),
                gc_mark: None,
                call: None,
                exotic: std::ptr::null_mut(),
            };
            qjs::JS_NewClass(rt, id, &def);
            let proto = qjs::JS_NewObject(c);
            let f = qjs::JS_NewCFunction2(
                c,
                Some(add),
                c"add".as_ptr(),
                1,
                qjs::JSCFunctionEnum_JS_CFUNC_generic,
                0,
            );
            qjs::JS_SetPropertyStr(c, proto, c"add".as_ptr(), f);
            let f = qjs::JS_NewCFunction2(
                c,
                Some(add3),
                c"add3".as_ptr(),
                3,
                qjs::JSCFunctionEnum_JS_CFUNC_generic,
                0,
            );
            qjs::JS_SetPropertyStr(c, proto, c"add3".as_ptr(), f);
            for (name, getter) in [
                (c"value", value as unsafe extern "C" fn(_, _) -> _),
                (c"info", info),
            ] {
                let g = qjs::JS_NewCFunction2(
                    c,
                    Some(std::mem::transmute::<
                        unsafe extern "C" fn(*mut qjs::JSContext, qjs::JSValue) -> qjs::JSValue,
                        unsafe extern "C" fn(
                            *mut qjs::JSContext,
                            qjs::JSValue,
                            c_int,
                            *mut qjs::JSValue,
                        ) -> qjs::JSValue,
                    >(getter)),
                    name.as_ptr(),
                    0,
                    qjs::JSCFunctionEnum_JS_CFUNC_getter,
                    0,
                );
                let atom = qjs::JS_NewAtom(c, name.as_ptr());
                qjs::JS_DefinePropertyGetSet(
                    c,
                    proto,
                    atom,
                    g,
                    qjs::JS_MKVAL(qjs::JS_TAG_UNDEFINED, 0),
                    qjs::JS_PROP_CONFIGURABLE as c_int,
                );
                qjs::JS_FreeAtom(c, atom);
            }
            qjs::JS_SetClassProto(c, id, proto);
            let obj = qjs::JS_NewObjectClass(c, id);
            let raw = Box::new(Raw {
                value: Cell::new(0.0),
                info: qjs::JS_NewObject(c),
            });
            qjs::JS_SetOpaque(obj, Box::into_raw(raw) as *mut _);
            rquickjs::Value::from_raw(ctx.clone(), obj)
        }
    }
}

/// The class generated by rusk_bindgen.
mod generated {
    use std::cell::Cell;

    use rusk_bindgen::rt::{Args, JsResult};
    use rusk_bindgen::{Ctx, Value};

    include!(concat!(env!("OUT_DIR"), "/bench.classes.rs"));

    pub struct Gen {
        value: Cell<f64>,
    }

    impl Gen {
        /// Plain Rust in and out: `Args::number` reads the raw argument and the `f64` result
        /// becomes a JS number without an intermediate `Value`.
        pub fn add<'js>(&self, _cx: &Ctx<'js>, args: &Args<'js>) -> JsResult<f64> {
            let n = args.number(0)?;
            self.value.set(self.value.get() + n);
            Ok(self.value.get())
        }

        pub fn value<'js>(&self, _cx: &Ctx<'js>) -> JsResult<f64> {
            Ok(self.value.get())
        }

        /// Typed: the generated glue has converted and range-checked the arguments.
        pub fn add3<'js>(&self, _cx: &Ctx<'js>, a: i32, b: i32, c: i32) -> JsResult<f64> {
            Ok(self.value.get() + f64::from(a) + f64::from(b) + f64::from(c))
        }

        /// Runs once per instance; later reads come from the traced slot.
        pub fn info<'js>(&self, cx: &Ctx<'js>) -> JsResult<Value<'js>> {
            Ok(rquickjs::Object::new(cx.clone())?.into_value())
        }
    }

    pub fn instance<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Value<'js>> {
        gen_class::to_js(
            ctx,
            Gen {
                value: Cell::new(0.0),
            },
        )
    }
}

/// The same class written with rquickjs's class macros.
mod rq {
    use std::cell::Cell;

    use rquickjs::class::Trace;
    use rquickjs::{Class, Ctx, JsLifetime, Object, Value};

    #[derive(Trace, JsLifetime)]
    #[rquickjs::class]
    pub struct Rq<'js> {
        #[qjs(skip_trace)]
        value: Cell<f64>,
        info: Object<'js>,
    }

    #[rquickjs::methods]
    impl<'js> Rq<'js> {
        pub fn add(&self, n: f64) -> f64 {
            self.value.set(self.value.get() + n);
            self.value.get()
        }

        pub fn add3(&self, a: i32, b: i32, c: i32) -> f64 {
            self.value.get() + f64::from(a) + f64::from(b) + f64::from(c)
        }

        #[qjs(get)]
        pub fn value(&self) -> f64 {
            self.value.get()
        }

        #[qjs(get)]
        pub fn info(&self) -> Object<'js> {
            self.info.clone()
        }
    }

    pub fn instance<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Value<'js>> {
        let info = Object::new(ctx.clone())?;
        Ok(Class::instance(
            ctx.clone(),
            Rq {
                value: Cell::new(0.0),
                info,
            },
        )?
        .into_value())
    }
}

const LOOPS: &[(&str, &str)] = &[
    (
        "empty loop",
        "(o, n) => { let s = 0; for (let i = 0; i < n; i++) s = i; return s; }",
    ),
    (
        "method add(1)",
        "(o, n) => { let s = 0; for (let i = 0; i < n; i++) s = o.add(1); return s; }",
    ),
    (
        "typed method add3(1, 2, 3)",
        "(o, n) => { let s = 0; for (let i = 0; i < n; i++) s = o.add3(1, 2, 3); return s; }",
    ),
    (
        "getter value",
        "(o, n) => { let s = 0; for (let i = 0; i < n; i++) s = o.value; return s; }",
    ),
    (
        "cached getter info",
        "(o, n) => { let s = 0; for (let i = 0; i < n; i++) s = o.info; return 0; }",
    ),
];

const REPS: usize = 9;

/// ns per loop iteration of one run.
fn run_once<'js>(f: &Function<'js>, obj: &Value<'js>, n: u32) -> f64 {
    let t = Instant::now();
    let r: rquickjs::Result<Value> = f.call((obj.clone(), n));
    let el = t.elapsed().as_secs_f64() * 1e9 / n as f64;
    if let Err(e) = r {
        eprintln!("loop failed: {e}");
        std::process::exit(1);
    }
    el
}

/// Best of REPS runs for each object, the variants interleaved so that machine noise hits all
/// of them alike. Each variant has its own copy of the loop function, so property caches in one
/// copy's bytecode see one object shape only.
fn best_of<'js>(fs: &[Function<'js>], objects: &[Value<'js>], n: u32) -> Vec<f64> {
    let mut best = vec![f64::INFINITY; objects.len()];
    for _ in 0..REPS {
        for ((b, o), f) in best.iter_mut().zip(objects).zip(fs) {
            *b = b.min(run_once(f, o, n));
        }
    }
    best
}

fn main() -> rquickjs::Result<()> {
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5_000_000);
    let rt = Runtime::new()?;
    let ctx = Context::full(&rt)?;
    ctx.with(|ctx| -> rquickjs::Result<()> {
        let objects: [(&str, Value); 3] = [
            ("hand-written C", handwritten::instance(&ctx)),
            ("generated", generated::instance(&ctx)?),
            ("rquickjs #[methods]", rq::instance(&ctx)?),
        ];
        // Same-object sanity check: all three compute the same things.
        for (name, o) in &objects {
            let probe: Function = ctx.eval("(o) => [o.add(2), o.value, o.info === o.info]")?;
            let got: Vec<Value> = probe.call((o.clone(),))?;
            let add = got.first().and_then(Value::as_number);
            let info_same = got.get(2).and_then(Value::as_bool);
            if add != Some(2.0) || info_same != Some(true) {
                eprintln!("{name}: wrong results {got:?}");
                std::process::exit(1);
            }
        }
        let mut loops: Vec<(&str, Vec<Function>)> = Vec::new();
        for (name, src) in LOOPS {
            let copies = (0..objects.len())
                .map(|_| ctx.eval::<Function, _>(*src))
                .collect::<rquickjs::Result<Vec<_>>>()?;
            loops.push((name, copies));
        }
        let values: Vec<Value> = objects.iter().map(|(_, o)| o.clone()).collect();
        // `--one <variant 0-2> <loop 0-4>`: run one loop once, silently (for instruction
        // counting under valgrind: see run.sh).
        let args: Vec<String> = std::env::args().collect();
        if args.get(2).map(String::as_str) == Some("--one") {
            let pick = |i: usize| args.get(i).and_then(|a| a.parse::<usize>().ok());
            let (Some(v), Some(l)) = (pick(3), pick(4)) else {
                eprintln!("usage: bench_bindgen <iterations> --one <variant 0-2> <loop 0-4>");
                std::process::exit(2);
            };
            let (Some(o), Some((_, f))) = (values.get(v), loops.get(l)) else {
                eprintln!("no such variant or loop");
                std::process::exit(2);
            };
            run_once(&f[v], o, n);
            return Ok(());
        }
        let empty = best_of(&loops[0].1[..1], &values[..1], n)[0];
        println!("QuickJS-ng (rquickjs 0.14), {n} iterations, best of {REPS}; ns per iteration (net = minus the empty loop, {empty:.1} ns)\n");
        println!("| operation | hand-written C | generated | rquickjs #[methods] | generated / hand-written (net) | rquickjs / generated (net) |");
        println!("|---|---|---|---|---|---|");
        for (label, f) in &loops[1..] {
            let t = best_of(f, &values, n);
            let net: Vec<f64> = t.iter().map(|x| (x - empty).max(0.01)).collect();
            println!(
                "| {label} | {:.1} ({:.1} net) | {:.1} ({:.1} net) | {:.1} ({:.1} net) | {:.2}x | {:.2}x |",
                t[0],
                net[0],
                t[1],
                net[1],
                t[2],
                net[2],
                net[1] / net[0],
                net[2] / net[1]
            );
        }
        let _ = Object::new(ctx.clone())?;
        Ok(())
    })?;
    Ok(())
}
