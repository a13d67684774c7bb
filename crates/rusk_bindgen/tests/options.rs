//! Class-definition options (`tests/golden/options.classes.ts`): `invalidThisBehavior`,
//! `noConstructor`, `extends` (Error and a class of the same file), `builtin` members, `own`
//! properties, `valuesArray` and `structuredClone` (its registry). The checked-in golden glue is compiled against the Rust types
//! below and exercised from JS on a plain rquickjs runtime.

// `finalize(self: Box<Self>)` is the contract's signature.
#![allow(clippy::boxed_local)]

use std::cell::Cell;

use rquickjs::{Context, Ctx, Exception, Object, Runtime, Value};
use rusk_bindgen::rt::{self, Args, JsResult, This};

thread_local! {
    static AREA_CALLS: Cell<usize> = const { Cell::new(0) };
    static KIND_CALLS: Cell<usize> = const { Cell::new(0) };
    static FAILURES_FINALIZED: Cell<usize> = const { Cell::new(0) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

fn area_calls() -> usize {
    AREA_CALLS.with(|c| c.get())
}

mod options_bindings {
    use super::*;

    pub struct Failure {
        code: String,
        message: String,
    }

    impl Failure {
        pub fn constructor<'js>(_cx: &Ctx<'js>, args: &Args<'js>) -> JsResult<Self> {
            Ok(Failure {
                code: args.arg::<Option<String>>(0)?.unwrap_or_default(),
                message: args.arg::<Option<String>>(1)?.unwrap_or_default(),
            })
        }
        /// `own: { code }`: "ERR" fails and "PANIC" panics, to show construction failing.
        pub fn code<'js>(&self, cx: &Ctx<'js>) -> JsResult<String> {
            match self.code.as_str() {
                "ERR" => Err(Exception::throw_range(cx, "no code")),
                "PANIC" => panic!("code panicked"),
                _ => Ok(self.code.clone()),
            }
        }
        pub fn message<'js>(&self, _cx: &Ctx<'js>) -> JsResult<String> {
            Ok(self.message.clone())
        }
        pub fn finalize(self: Box<Self>) {
            FAILURES_FINALIZED.with(|c| c.set(c.get() + 1));
        }
    }

    pub struct Legacy;

    impl Legacy {
        pub fn constructor<'js>(_cx: &Ctx<'js>, _args: &Args<'js>) -> JsResult<Self> {
            Ok(Legacy)
        }
    }

    pub struct Shape {
        pub id: u32,
        width: f64,
        height: f64,
    }

    impl Shape {
        pub fn new(width: f64, height: f64) -> Self {
            let id = NEXT_ID.with(|n| {
                n.set(n.get() + 1);
                n.get() - 1
            });
            Shape { id, width, height }
        }
        pub fn constructor<'js>(_cx: &Ctx<'js>, width: f64, height: f64) -> JsResult<Self> {
            Ok(Shape::new(width, height))
        }
        pub fn id<'js>(&self, _cx: &Ctx<'js>) -> JsResult<u32> {
            Ok(self.id)
        }
        pub fn area<'js>(&self, _cx: &Ctx<'js>) -> JsResult<f64> {
            AREA_CALLS.with(|c| c.set(c.get() + 1));
            Ok(self.width * self.height)
        }
        pub fn kind<'js>(&self, cx: &Ctx<'js>) -> JsResult<Value<'js>> {
            KIND_CALLS.with(|c| c.set(c.get() + 1));
            let o = Object::new(cx.clone())?;
            o.set("width", self.width)?;
            Ok(o.into_value())
        }
        pub async fn later<'js>(this: This<'js, shape_class::Def>, _cx: Ctx<'js>) -> JsResult<f64> {
            Ok(this.width)
        }
        pub fn unit<'js>(cx: &Ctx<'js>) -> JsResult<Value<'js>> {
            shape_class::to_js(cx, Shape::new(1.0, 1.0))
        }
        /// `structuredClone`: width and height, little-endian.
        pub fn serialize(&self) -> Vec<u8> {
            [self.width, self.height]
                .iter()
                .flat_map(|f| f.to_le_bytes())
                .collect()
        }
        pub fn deserialize(bytes: &[u8]) -> Option<Self> {
            let (w, h) = bytes.split_at_checked(8)?;
            let f = |b: &[u8]| b.try_into().ok().map(f64::from_le_bytes);
            (h.len() == 8).then_some(())?;
            Some(Shape::new(f(w)?, f(h)?))
        }
    }

    pub struct Square {
        shape: Shape,
    }

    impl AsRef<Shape> for Square {
        fn as_ref(&self) -> &Shape {
            &self.shape
        }
    }

    impl Square {
        pub fn new(side: f64) -> Self {
            Square {
                shape: Shape::new(side, side),
            }
        }
        /// The subclass makes its parent part itself.
        pub fn constructor<'js>(_cx: &Ctx<'js>, side: f64) -> JsResult<Self> {
            Ok(Square::new(side))
        }
        pub fn side<'js>(&self, _cx: &Ctx<'js>) -> JsResult<f64> {
            Ok(self.shape.width)
        }
        pub fn diagonal<'js>(&self, _cx: &Ctx<'js>) -> JsResult<f64> {
            Ok(self.shape.width * std::f64::consts::SQRT_2)
        }
    }

    pub struct Handle {
        square: Square,
        pub fd: i32,
    }

    impl AsRef<Square> for Handle {
        fn as_ref(&self) -> &Square {
            &self.square
        }
    }

    impl Handle {
        pub fn new(fd: i32) -> Self {
            Handle {
                square: Square::new(2.0),
                fd,
            }
        }
        pub fn fd<'js>(&self, _cx: &Ctx<'js>) -> JsResult<i32> {
            Ok(self.fd)
        }
    }

    pub struct Pipe {
        handle: Handle,
    }

    impl AsRef<Handle> for Pipe {
        fn as_ref(&self) -> &Handle {
            &self.handle
        }
    }

    impl Pipe {
        pub fn constructor<'js>(_cx: &Ctx<'js>, _args: &Args<'js>) -> JsResult<Self> {
            Ok(Pipe {
                handle: Handle::new(7),
            })
        }
    }

    include!("golden/options.classes.rs");
}

use options_bindings::{failure_class, handle_class, shape_class, square_class, Handle};

fn setup() -> (Runtime, Context) {
    let rt = Runtime::new().unwrap();
    let ctx = Context::full(&rt).unwrap();
    ctx.with(|cx| {
        let g = cx.globals();
        let installed = failure_class::install(&cx, &g)
            .and_then(|()| options_bindings::legacy_class::install(&cx, &g))
            .and_then(|()| shape_class::install(&cx, &g))
            .and_then(|()| square_class::install(&cx, &g))
            .and_then(|()| options_bindings::pipe_class::install(&cx, &g));
        if let Err(e) = installed {
            panic!("install failed: {e}: {:?}", cx.catch());
        }
        let _: () = cx
            .eval(
                "globalThis.msg = (f) => { try { return String(f()); } catch (e) { return `${e.name}: ${e.message}`; } };",
            )
            .unwrap();
    });
    (rt, ctx)
}

fn eval(ctx: &Context, src: &str) -> String {
    ctx.with(
        |cx| match cx.eval::<rquickjs::Coerced<String>, _>(format!("msg(() => {src})")) {
            Ok(s) => s.0,
            Err(e) => panic!("eval failed: {e}: {:?}\n{src}", cx.catch()),
        },
    )
}

fn check(ctx: &Context, cases: &[(&str, &str)]) {
    for (src, want) in cases {
        assert_eq!(eval(ctx, src), *want, "{src}");
    }
}

/// Runs the job queue (promise reactions) to completion.
fn run_jobs(rt: &Runtime) {
    while rt.is_job_pending() {
        let _ = rt.execute_pending_job();
    }
}

fn gc(rt: &Runtime) {
    rt.run_gc();
    run_jobs(rt);
    rt.run_gc();
}

#[test]
fn invalid_this_behavior_throws_does_nothing_or_rejects() {
    let (rt, ctx) = setup();
    let before = area_calls();
    check(
        &ctx,
        &[
            // The default of a method: a TypeError.
            (
                "Shape.prototype.area.call({})",
                "TypeError: Shape.prototype.area called on an object that is not a Shape",
            ),
            // "noop": undefined, and Rust is not called.
            ("Shape.prototype.quiet.call({})", "undefined"),
            ("Shape.prototype.quiet.call(new Shape(2, 3))", "6"),
            // "reject" and the default of an async method: a Promise rejected with the TypeError.
            ("Shape.prototype.loud.call({}) instanceof Promise", "true"),
            ("Shape.prototype.later.call(1) instanceof Promise", "true"),
            // An async method may still choose "throw".
            (
                "Shape.prototype.eager.call({})",
                "TypeError: Shape.prototype.eager called on an object that is not a Shape",
            ),
        ],
    );
    assert_eq!(
        area_calls() - before,
        1,
        "only the call on a Shape reached Rust"
    );
    ctx.with(|cx| {
        let _: () = cx
            .eval(
                r#"
                globalThis.seen = [];
                const note = (e) => seen.push(`${e.constructor.name}: ${e.message}`);
                Shape.prototype.loud.call({}).then(() => seen.push("resolved"), note);
                Shape.prototype.later.call(null).then(() => seen.push("resolved"), note);
                "#,
            )
            .unwrap();
    });
    run_jobs(&rt);
    check(
        &ctx,
        &[(
            "seen.join(' | ')",
            "TypeError: Shape.prototype.loud called on an object that is not a Shape | TypeError: Shape.prototype.later called on an object that is not a Shape",
        )],
    );
}

#[test]
fn error_based_classes_inherit_from_error() {
    let (_rt, ctx) = setup();
    check(
        &ctx,
        &[
            ("new Failure('E_BAD', 'bad thing') instanceof Error", "true"),
            ("Object.getPrototypeOf(Failure.prototype) === Error.prototype", "true"),
            ("Object.getPrototypeOf(Failure) === Error", "true"),
            ("Object.prototype.toString.call(new Failure('E'))", "[object Failure]"),
            ("new Failure('E_BAD', 'bad thing').describe()", "E_BAD: bad thing"),
            // Error.prototype.toString reads the inherited `name` and the own `message`.
            ("String(new Failure('E_BAD', 'bad thing'))", "Error: bad thing"),
            ("new Failure('E') instanceof Failure && Failure.prototype.constructor === Failure", "true"),
            // Bun's spelling.
            ("new Legacy() instanceof Error && Object.getPrototypeOf(Legacy) === Error", "true"),
            // A JS subclass still works.
            ("(() => { class Mine extends Failure {} const m = new Mine('M', 'x'); return m instanceof Mine && m instanceof Error && m.describe(); })()", "M: x"),
        ],
    );
}

#[test]
fn a_subclass_inherits_its_parents_members_prototype_and_statics() {
    let (_rt, ctx) = setup();
    check(
        &ctx,
        &[
            ("(globalThis.s = new Square(3)) instanceof Square && s instanceof Shape", "true"),
            ("Object.getPrototypeOf(Square.prototype) === Shape.prototype", "true"),
            ("Object.getPrototypeOf(Square) === Shape && Square.unit === Shape.unit", "true"),
            // Shape's thunks reach the Shape part of a Square (`Square: AsRef<Shape>`).
            ("s.area()", "9"),
            ("Shape.prototype.area.call(s)", "9"),
            ("s.kind === s.kind && s.kind.width", "3"),
            ("s.diagonal().toFixed(3)", "4.243"),
            ("Object.prototype.toString.call(s)", "[object Square]"),
            ("Object.prototype.toString.call(new Shape(1, 1))", "[object Shape]"),
            // A parent is not a subclass instance.
            ("Square.prototype.diagonal.call(new Shape(1, 1))", "TypeError: Square.prototype.diagonal called on an object that is not a Square"),
            // Deeper: Pipe extends Handle (no constructor), which extends Square.
            ("(globalThis.p = new Pipe(), [p instanceof Square, p instanceof Shape, p.fd, p.area(), p.side].join())", "true,true,7,4,2"),
            ("Object.getPrototypeOf(Pipe) === Function.prototype", "true"),
            ("Object.prototype.toString.call(p)", "[object Pipe]"),
            // A JS subclass of a generated subclass.
            ("(() => { class Tile extends Square { twice() { return this.area() * 2; } } return new Tile(2).twice(); })()", "8"),
        ],
    );
    assert!(
        KIND_CALLS.with(|c| c.get()) >= 1,
        "the cached getter ran on the subclass instance"
    );
    ctx.with(|cx| {
        let s: Value = cx.eval("s").unwrap();
        // Rust sees the parent part through the parent's module, and slots line up: Shape's
        // cached `kind` lives in the Square instance, next to Square's own `note` slot.
        assert_eq!(shape_class::from_js(&s).map(|v| v.id > 0), Some(true));
        assert!(square_class::from_js(&s).is_some());
        let plain: Value = cx.eval("new Shape(1, 1)").unwrap();
        assert!(square_class::from_js(&plain).is_none());
        let kind = shape_class::kind_get_cached(&s).expect("cached in the Square instance");
        let width: f64 = kind.as_object().unwrap().get("width").unwrap();
        assert_eq!(width, 3.0);
        assert!(shape_class::label_set_cached(
            &s,
            rquickjs::String::from_str(cx.clone(), "label")
                .unwrap()
                .into_value()
        ));
        assert!(square_class::note_set_cached(
            &s,
            rquickjs::String::from_str(cx.clone(), "note")
                .unwrap()
                .into_value()
        ));
        let label: String = shape_class::label_get_cached(&s).unwrap().get().unwrap();
        let note: String = square_class::note_get_cached(&s).unwrap().get().unwrap();
        assert_eq!((label.as_str(), note.as_str()), ("label", "note"));
    });
}

#[test]
fn a_class_without_constructor_has_only_a_prototype() {
    let (_rt, ctx) = setup();
    ctx.with(|cx| {
        let h = handle_class::to_js(&cx, Handle::new(5)).unwrap();
        cx.globals().set("h", h.clone()).unwrap();
        let proto = handle_class::prototype(&cx).unwrap();
        cx.globals().set("handleProto", proto).unwrap();
        assert_eq!(handle_class::from_js(&h).map(|v| v.fd), Some(5));
        // Nothing can make or install its constructor.
        let err = rt::class_objects::<handle_class::Def>(&cx).unwrap_err();
        assert!(matches!(err, rquickjs::Error::Exception));
        let thrown = cx.catch();
        let message = thrown.as_exception().and_then(|e| e.message());
        assert_eq!(
            message.as_deref(),
            Some("Handle has no constructor (it is defined with `noConstructor: true`)")
        );
    });
    check(
        &ctx,
        &[
            ("typeof Handle", "undefined"),
            ("Object.getPrototypeOf(h) === handleProto", "true"),
            ("Object.hasOwn(handleProto, 'constructor')", "false"),
            (
                "h instanceof Square && h instanceof Shape && h.constructor === Square",
                "true",
            ),
            (
                "[h.fd, h.area(), h.side, Object.prototype.toString.call(h)].join()",
                "5,4,2,[object Handle]",
            ),
            (
                "Object.getOwnPropertyDescriptor(handleProto, 'fd').get.call(new Square(1))",
                "TypeError: Handle.prototype.fd called on an object that is not a Handle",
            ),
        ],
    );
}

#[test]
fn builtin_members_are_js_functions_installed_like_methods() {
    let (_rt, ctx) = setup();
    check(
        &ctx,
        &[
            ("new Shape(2, 3).scaled(2)", "12"),
            ("new Square(3).scaled(1)", "9"),
            ("[Shape.prototype.scaled.name, Shape.prototype.scaled.length].join()", "scaled,1"),
            ("+new Shape(2, 3)", "6"),
            ("[Shape.prototype[Symbol.toPrimitive].name, Shape.prototype[Symbol.toPrimitive].length].join()", "[Symbol.toPrimitive],0"),
            ("Shape.describe(new Shape(2, 2))", "Shape(4)"),
            ("Square.describe(new Square(2))", "Square(4)"),
            ("JSON.stringify(Object.getOwnPropertyDescriptor(Shape.prototype, 'scaled'), ['writable', 'enumerable', 'configurable'])", "{\"writable\":true,\"enumerable\":false,\"configurable\":true}"),
            ("Object.keys(Shape).join()", "describe"),
            ("new Failure('E', 'm').describe()", "E: m"),
            // Compiled once per context: the same function every time.
            ("Shape.prototype.scaled === Object.getPrototypeOf(new Shape(1, 1)).scaled", "true"),
        ],
    );
}

#[test]
fn a_builtin_that_does_not_compile_fails_registration_naming_the_member() {
    let (_rt, ctx) = setup();
    ctx.with(|cx| {
        let target = Object::new(cx.clone()).unwrap();
        let define = |source: &str| {
            let builtin = rt::Builtin {
                key: rt::Key::Name(c"broken"),
                name: c"broken",
                length: None,
                source,
                display: "Broken.prototype.broken",
            };
            let r = rt::define_builtin(&cx, &target, &builtin, rt::PROP_METHOD);
            assert!(r.is_err(), "{source}");
            let thrown = cx.catch();
            let e = thrown.as_exception().expect("an Error");
            format!(
                "{}: {}",
                e.get::<_, String>("name").unwrap(),
                e.message().unwrap_or_default()
            )
        };
        let syntax = define("function (a { return a }");
        assert!(
            syntax.starts_with(
                "SyntaxError: rusk_bindgen: the builtin Broken.prototype.broken does not compile: "
            ),
            "{syntax}"
        );
        assert_eq!(
            define("42"),
            "TypeError: rusk_bindgen: the builtin Broken.prototype.broken is not a function"
        );
        // A working source, for contrast.
        assert_eq!(
            rt::define_builtin(
                &cx,
                &target,
                &rt::Builtin {
                    key: rt::Key::Name(c"fine"),
                    name: c"fine",
                    length: Some(3),
                    source: "function () { return 1 } // a trailing comment",
                    display: "Broken.prototype.fine",
                },
                rt::PROP_METHOD,
            )
            .ok(),
            Some(true)
        );
        let f: rquickjs::Function = target.get("fine").unwrap();
        assert_eq!(f.call::<_, i32>(()).unwrap(), 1);
        assert_eq!(f.get::<_, i32>("length").unwrap(), 3);
    });
}

#[test]
fn own_properties_are_defined_on_each_new_instance() {
    let (rt, ctx) = setup();
    check(
        &ctx,
        &[
            ("Object.keys(new Shape(1, 2)).join()", "id"),
            // The parent's fields come first, as with JS class fields.
            ("Object.keys(new Square(2)).join()", "id,side"),
            ("Object.keys(new Pipe()).join()", "id,side"),
            ("(globalThis.f = new Failure('E1', 'msg'), Object.keys(f).join() + ':' + f.code + ':' + f.message)", "code,message:E1:msg"),
            ("JSON.stringify(Object.getOwnPropertyDescriptor(new Square(2), 'side'))", "{\"value\":2,\"writable\":true,\"enumerable\":true,\"configurable\":true}"),
            ("(() => { const s = new Shape(1, 1); s.id = 'x'; delete s.id; return Object.keys(s).length; })()", "0"),
        ],
    );
    // A failing or panicking Rust method makes construction throw; the half-made instance is
    // finalized at once (nothing else references it).
    let before = FAILURES_FINALIZED.with(|c| c.get());
    check(
        &ctx,
        &[
            ("new Failure('ERR')", "RangeError: no code"),
            (
                "new Failure('PANIC')",
                "Error: Rust panic in the own properties of Failure: code panicked",
            ),
        ],
    );
    gc(&rt);
    assert_eq!(FAILURES_FINALIZED.with(|c| c.get()) - before, 2);
    // Instances made by Rust get them too.
    ctx.with(|cx| {
        let h = handle_class::to_js(&cx, Handle::new(1)).unwrap();
        let keys: Vec<String> = h
            .as_object()
            .unwrap()
            .keys()
            .collect::<JsResult<_>>()
            .unwrap();
        assert_eq!(keys, ["id", "side"]);
    });
}

#[test]
fn the_values_array_lives_exactly_as_long_as_its_instance() {
    let (rt, ctx) = setup();
    ctx.with(|cx| {
        let _: () = cx
            .eval(
                r#"
                globalThis.collected = [];
                globalThis.registry = new FinalizationRegistry((what) => collected.push(what));
                globalThis.square = new Square(2);
                "#,
            )
            .unwrap();
        let square: Value = cx.globals().get("square").unwrap();
        // Through the parent's API: a Square is a Shape.
        let array = shape_class::values_array(&square).unwrap().unwrap();
        let kept: Object = cx.eval("globalThis.kept = { big: new Array(100) }").unwrap();
        array.set(0, kept).unwrap();
        // JS keeps only a weak reference: the array is the one strong one.
        let _: () = cx
            .eval("globalThis.w = new WeakRef(kept); registry.register(kept, 'kept'); delete globalThis.kept;")
            .unwrap();
        // The same array every time; none for a value that is not a Shape.
        let again = shape_class::values_array(&square).unwrap().unwrap();
        assert_eq!(again.len(), 1);
        let number = Value::new_int(cx.clone(), 1);
        assert!(shape_class::values_array(&number).unwrap().is_none());
    });
    gc(&rt);
    check(
        &ctx,
        &[("w.deref() !== undefined && w.deref().big.length", "100")],
    );
    check(&ctx, &[("collected.length", "0")]);
    // The instance goes: the array and what it held go with it.
    check(&ctx, &[("globalThis.square = undefined", "undefined")]);
    gc(&rt);
    gc(&rt);
    check(
        &ctx,
        &[(
            "[w.deref() === undefined, collected.join()].join()",
            "true,kept",
        )],
    );
}

#[test]
fn structured_clone_classes_are_found_by_tag_in_the_registry() {
    let (_rt, ctx) = setup();
    ctx.with(|cx| {
        // Registered when the class was first registered in this runtime (setup installed it).
        let entry = rt::clone::by_tag(1).expect("Shape is registered");
        assert_eq!((entry.name, entry.tag, entry.transferable), ("Shape", 1, false));
        // Registering again is a no-op; another class with the same tag is refused.
        assert!(rt::clone::register(&shape_class::CLONE).is_ok());
        static IMPOSTOR: rt::clone::Cloneable = rt::clone::Cloneable {
            name: "Impostor",
            tag: 1,
            transferable: false,
            serialize: |_| None,
            deserialize: |_, _| Ok(None),
        };
        assert_eq!(
            rt::clone::register(&IMPOSTOR).unwrap_err(),
            "structured-clone tag 1 of Impostor is already registered by Shape"
        );

        let shape: Value = cx.eval("globalThis.original = new Shape(2, 3)").unwrap();
        let (class, bytes) = rt::clone::serialize(&cx, &shape).unwrap().expect("a Shape");
        assert_eq!((class.tag, bytes.len()), (1, 16));
        let copy = rt::clone::deserialize(&cx, class.tag, &bytes).unwrap();
        cx.globals().set("copy", copy).unwrap();
        let same: String = cx
            .eval("[copy instanceof Shape, copy !== original, copy.area(), copy.id !== original.id].join()")
            .unwrap();
        assert_eq!(same, "true,true,6,true");

        // Only instances of exactly the class: a Square is not copied as a Shape.
        let square: Value = cx.eval("new Square(2)").unwrap();
        assert!(rt::clone::serialize(&cx, &square).unwrap().is_none());
        let plain: Value = cx.eval("({})").unwrap();
        assert!(rt::clone::serialize(&cx, &plain).unwrap().is_none());

        let message = |r: JsResult<Value>| {
            assert!(r.is_err());
            let thrown = cx.catch();
            thrown.as_exception().and_then(|e| e.message()).unwrap_or_default()
        };
        assert_eq!(
            message(rt::clone::deserialize(&cx, 1, &[1, 2, 3])),
            "rusk_bindgen: Shape cannot be deserialized from these 3 bytes"
        );
        assert_eq!(
            message(rt::clone::deserialize(&cx, 999, &[])),
            "rusk_bindgen: no class is registered for structured-clone tag 999"
        );
    });
}
