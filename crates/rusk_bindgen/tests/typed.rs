//! Typed members (`args` in a definition): the checked-in golden glue of
//! `tests/golden/typed.classes.ts` is compiled against the typed Rust methods below — a
//! definition that does not match them would not compile — and exercised from JS: conversions,
//! defaults, optional/nullable/rest arguments, enums, dictionaries, and Node's errors.

use std::cell::RefCell;

use rquickjs::convert::List;
use rquickjs::{Context, Ctx, Function, Object, Runtime, Value};
use rusk_bindgen::rt::{Bytes, JsResult, StringEnum};

mod typed_bindings {
    use super::*;

    pub struct Typed {
        label: RefCell<String>,
        start: i32,
    }

    impl Typed {
        pub fn constructor<'js>(_cx: &Ctx<'js>, label: String, start: i32) -> JsResult<Self> {
            Ok(Typed {
                label: RefCell::new(label),
                start,
            })
        }
        pub fn make<'js>(cx: &Ctx<'js>, label: String) -> JsResult<Value<'js>> {
            typed_class::to_js(
                cx,
                Typed {
                    label: RefCell::new(label),
                    start: 7,
                },
            )
        }
        pub fn add3<'js>(&self, _cx: &Ctx<'js>, a: i32, b: i32, c: i32) -> JsResult<f64> {
            Ok(f64::from(a) + f64::from(b) + f64::from(c) + f64::from(self.start))
        }
        pub fn wide<'js>(
            &self,
            _cx: &Ctx<'js>,
            u: u32,
            big: i64,
            n: u64,
            f: f64,
        ) -> JsResult<String> {
            Ok(format!("{u} {big} {n} {f}"))
        }
        pub fn clamped<'js>(&self, _cx: &Ctx<'js>, byte: u32) -> JsResult<u32> {
            Ok(byte)
        }
        pub fn describe<'js>(
            &self,
            _cx: &Ctx<'js>,
            name: String,
            note: Option<String>,
            flag: Option<bool>,
        ) -> JsResult<String> {
            Ok(format!("{name}/{note:?}/{flag:?}"))
        }
        pub fn sum<'js>(&self, _cx: &Ctx<'js>, first: f64, rest: Vec<f64>) -> JsResult<f64> {
            Ok(first + rest.iter().sum::<f64>())
        }
        pub fn byte_sum<'js>(&self, _cx: &Ctx<'js>, data: Bytes<'js>) -> JsResult<u32> {
            Ok(data.as_slice().iter().map(|b| u32::from(*b)).sum())
        }
        pub fn fill<'js>(&self, _cx: &Ctx<'js>, mut out: Bytes<'js>, value: u32) -> JsResult<()> {
            out.as_mut_slice().fill(value as u8);
            Ok(())
        }
        pub fn call_back<'js>(
            &self,
            _cx: &Ctx<'js>,
            f: Function<'js>,
            arg: Value<'js>,
        ) -> JsResult<Value<'js>> {
            f.call((arg,))
        }
        pub fn keys<'js>(&self, _cx: &Ctx<'js>, o: Object<'js>) -> JsResult<u32> {
            Ok(o.keys::<String>().count() as u32)
        }
        pub fn options<'js>(&self, _cx: &Ctx<'js>, opts: Option<Options>) -> JsResult<String> {
            Ok(format!("{opts:?}"))
        }
        pub fn mode<'js>(&self, _cx: &Ctx<'js>, m: Mode) -> JsResult<String> {
            Ok(format!("{m:?}={}", rusk_bindgen::rt::StringEnum::as_str(m)))
        }
        pub fn label<'js>(&self, _cx: &Ctx<'js>) -> JsResult<String> {
            Ok(self.label.borrow().clone())
        }
        pub async fn wait<'js>(
            this: rusk_bindgen::rt::This<'js, typed_class::Def>,
            _cx: Ctx<'js>,
            ms: u32,
        ) -> JsResult<u32> {
            Ok(ms + this.start as u32)
        }
        pub async fn later<'js>(_cx: Ctx<'js>, n: f64) -> JsResult<f64> {
            Ok(n * 2.0)
        }
        pub fn input<'js>(&self, _cx: &Ctx<'js>, v: Input<'js>) -> JsResult<String> {
            Ok(match v {
                Input::String(s) => format!("string {s}"),
                Input::Bytes(b) => format!("bytes {}", b.len()),
                Input::I64(n) => format!("i64 {n}"),
            })
        }
        pub fn tagged<'js>(
            &self,
            _cx: &Ctx<'js>,
            this: Value<'js>,
            tag: String,
        ) -> JsResult<String> {
            let label: String = this
                .as_object()
                .map(|o| o.get("label"))
                .transpose()?
                .unwrap_or_default();
            Ok(format!("{tag}:{label}"))
        }
        pub fn at_index<'js>(&self, _cx: &Ctx<'js>, index: i32) -> JsResult<String> {
            Ok(format!("index {index}"))
        }
        pub fn at_name<'js>(&self, _cx: &Ctx<'js>, name: String) -> JsResult<String> {
            Ok(format!("name {name}"))
        }
        pub fn at_pair<'js>(
            &self,
            _cx: &Ctx<'js>,
            row: i32,
            column: i32,
            note: Option<String>,
        ) -> JsResult<String> {
            Ok(format!("pair {row},{column} {note:?}"))
        }
        pub fn text<'js>(&self, _cx: &Ctx<'js>, s: String, flag: bool) -> JsResult<String> {
            Ok(format!("{s}|{flag}"))
        }
        pub fn strict<'js>(&self, _cx: &Ctx<'js>, _f: Function<'js>) -> JsResult<()> {
            Ok(())
        }
        /// The view's length as it is when the bytes are taken (after `opts` was read).
        pub fn view_length<'js>(
            &self,
            _cx: &Ctx<'js>,
            view: Bytes<'js>,
            opts: ViewOptions,
        ) -> JsResult<String> {
            Ok(format!("{} {}", view.as_slice().len(), opts.mode.as_str()))
        }
        pub fn items<'js>(&self, _cx: &Ctx<'js>) -> JsResult<Vec<f64>> {
            let s = f64::from(self.start);
            Ok(vec![s, s + 1.0, s + 2.0])
        }
    }

    pub struct Pairs;

    impl Pairs {
        pub fn constructor<'js>(_cx: &Ctx<'js>) -> JsResult<Self> {
            Ok(Pairs)
        }
        /// Pairs as two-element arrays (`List` turns a tuple into one).
        pub fn pairs<'js>(&self, _cx: &Ctx<'js>) -> JsResult<Vec<List<(String, f64)>>> {
            Ok(vec![List(("a".into(), 1.0)), List(("b".into(), 2.0))])
        }
    }

    include!("golden/typed.classes.rs");
}

fn setup() -> (Runtime, Context) {
    let rt = Runtime::new().unwrap();
    let ctx = Context::full(&rt).unwrap();
    ctx.with(|cx| {
        if let Err(e) = typed_bindings::typed_class::install(&cx, &cx.globals())
            .and_then(|()| typed_bindings::pairs_class::install(&cx, &cx.globals()))
        {
            panic!("install failed: {e}: {:?}", cx.catch());
        }
        let _: () = cx
            .eval(
                "globalThis.t = new Typed('x', 1); globalThis.msg = (f) => { try { return String(f()); } catch (e) { return `${e.name} ${e.code}: ${e.message}`; } };",
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

fn check(cases: &[(&str, &str)]) {
    let (_rt, ctx) = setup();
    for (src, want) in cases {
        assert_eq!(eval(&ctx, src), *want, "{src}");
    }
}

#[test]
fn numbers_convert_and_are_range_checked_with_nodes_errors() {
    check(&[
        ("t.add3(1, 2, 3)", "7"),
        ("t.add3(1.0, -2, 2147483647)", "2147483647"),
        ("new Typed('y').add3(1, 1, 1)", "3"),
        ("t.add3(1, 2)", "TypeError ERR_INVALID_ARG_TYPE: The \"c\" argument must be of type number. Received undefined"),
        ("t.add3('1', 2, 3)", "TypeError ERR_INVALID_ARG_TYPE: The \"a\" argument must be of type number. Received type string ('1')"),
        ("t.add3(1.5, 2, 3)", "RangeError ERR_OUT_OF_RANGE: The value of \"a\" is out of range. It must be an integer. Received 1.5"),
        ("t.add3(2 ** 31, 2, 3)", "RangeError ERR_OUT_OF_RANGE: The value of \"a\" is out of range. It must be >= -2147483648 && <= 2147483647. Received 2147483648"),
        ("t.add3(NaN, 2, 3)", "RangeError ERR_OUT_OF_RANGE: The value of \"a\" is out of range. It must be an integer. Received NaN"),
        ("t.add3({}, 2, 3)", "TypeError ERR_INVALID_ARG_TYPE: The \"a\" argument must be of type number. Received an instance of Object"),
        ("t.add3(null, 2, 3)", "TypeError ERR_INVALID_ARG_TYPE: The \"a\" argument must be of type number. Received null"),
        ("t.wide(4294967295, -5n, 2 ** 53 - 1, 0.5)", "4294967295 -5 9007199254740991 0.5"),
        ("t.wide(-1, 0, 0, 0)", "RangeError ERR_OUT_OF_RANGE: The value of \"u\" is out of range. It must be >= 0 && <= 4294967295. Received -1"),
        ("t.wide(1, 2 ** 60, 0, 0)", "RangeError ERR_OUT_OF_RANGE: The value of \"big\" is out of range. It must be >= -9007199254740991 && <= 9007199254740991. Received 1_152_921_504_606_847_000"),
        ("t.wide(1, 1, -1n, 0)", "RangeError ERR_OUT_OF_RANGE: The value of \"n\" is out of range. It must be >= 0n and < 2n ** 64n. Received -1n"),
        ("t.wide(1, 2n ** 70n, 1, 0)", "RangeError ERR_OUT_OF_RANGE: The value of \"big\" is out of range. It must be >= -(2n ** 63n) and < 2n ** 63n. Received 1_180_591_620_717_411_303_424n"),
        ("t.wide(1, -(2n ** 63n), 2n ** 64n - 1n, 0)", "1 -9223372036854775808 18446744073709551615 0"),
        ("t.wide(1, 2n ** 63n, 1, 0)", "RangeError ERR_OUT_OF_RANGE: The value of \"big\" is out of range. It must be >= -(2n ** 63n) and < 2n ** 63n. Received 9_223_372_036_854_775_808n"),
        ("t.wide(1, 1, 2n ** 64n, 0)", "RangeError ERR_OUT_OF_RANGE: The value of \"n\" is out of range. It must be >= 0n and < 2n ** 64n. Received 18_446_744_073_709_551_616n"),
        ("t.wide(1, 'x', 1, 0)", "TypeError ERR_INVALID_ARG_TYPE: The \"big\" argument must be of type number or bigint. Received type string ('x')"),
        ("t.wide(1, 1, 1, 1n)", "TypeError ERR_INVALID_ARG_TYPE: The \"f\" argument must be of type number. Received type bigint (1n)"),
        ("t.clamped(-5)", "0"),
        ("t.clamped(2 ** 40)", "4294967295"),
        ("t.clamped(2.5)", "2"),
        ("t.clamped(3.5)", "4"),
        ("t.clamped(NaN)", "0"),
        ("t.clamped('7')", "TypeError ERR_INVALID_ARG_TYPE: The \"byte\" argument must be of type number. Received type string ('7')"),
    ]);
}

#[test]
fn strings_booleans_optional_nullable_and_rest() {
    check(&[
        ("t.describe('a', null)", "a/None/None"),
        ("t.describe('a', 'n', true)", "a/Some(\"n\")/Some(true)"),
        ("t.describe('a', 'n', undefined)", "a/Some(\"n\")/None"),
        ("t.describe(1, null)", "TypeError ERR_INVALID_ARG_TYPE: The \"name\" argument must be of type string. Received type number (1)"),
        ("t.describe('a', undefined)", "TypeError ERR_INVALID_ARG_TYPE: The \"note\" argument must be of type string. Received undefined"),
        ("t.describe('a', null, 1)", "TypeError ERR_INVALID_ARG_TYPE: The \"flag\" argument must be of type boolean. Received type number (1)"),
        // The received-value forms below are what Node v20's validators print for the same values.
        ("t.describe(Symbol('s'), 5)", "TypeError ERR_INVALID_ARG_TYPE: The \"name\" argument must be of type string. Received type symbol (Symbol(s))"),
        ("t.describe(function named() {}, 5)", "TypeError ERR_INVALID_ARG_TYPE: The \"name\" argument must be of type string. Received function named"),
        ("t.describe(null, 'b')", "TypeError ERR_INVALID_ARG_TYPE: The \"name\" argument must be of type string. Received null"),
        ("t.describe([1], 'b')", "TypeError ERR_INVALID_ARG_TYPE: The \"name\" argument must be of type string. Received an instance of Array"),
        ("t.describe(Object.create(null), 'b')", "TypeError ERR_INVALID_ARG_TYPE: The \"name\" argument must be of type string. Received [Object: null prototype] {}"),
        ("t.describe(1.5e300, 'b')", "TypeError ERR_INVALID_ARG_TYPE: The \"name\" argument must be of type string. Received type number (1.5e+300)"),
        ("t.describe(-0, 'b')", "TypeError ERR_INVALID_ARG_TYPE: The \"name\" argument must be of type string. Received type number (-0)"),
        ("t.describe(5n, 'b')", "TypeError ERR_INVALID_ARG_TYPE: The \"name\" argument must be of type string. Received type bigint (5n)"),
        ("t.add3('a'.repeat(40), 1, 1)", "TypeError ERR_INVALID_ARG_TYPE: The \"a\" argument must be of type number. Received type string ('aaaaaaaaaaaaaaaaaaaaaaaaa...')"),
        ("t.add3(\"it's a long string with a quote in it\", 1, 1)", "TypeError ERR_INVALID_ARG_TYPE: The \"a\" argument must be of type number. Received type string (\"it's a long string with a...\")"),
        ("t.add3(\"it's\", 1, 1)", "TypeError ERR_INVALID_ARG_TYPE: The \"a\" argument must be of type number. Received type string (\"it's\")"),
        ("t.sum(1)", "1"),
        ("t.sum(1, 2, 3, 4)", "10"),
        ("t.sum(1, 2, '3')", "TypeError ERR_INVALID_ARG_TYPE: The \"rest\" argument must be of type number. Received type string ('3')"),
        ("t.label", "x"),
        ("Typed.make('m').add3(0, 0, 0)", "7"),
        ("[Typed.prototype.add3.length, Typed.prototype.describe.length, Typed.prototype.sum.length, Typed.length]", "3,2,1,1"),
        ("new Typed(5)", "TypeError ERR_INVALID_ARG_TYPE: The \"label\" argument must be of type string. Received type number (5)"),
    ]);
}

#[test]
fn bytes_functions_objects() {
    check(&[
        ("t.bytes(new Uint8Array([1, 2, 3]))", "6"),
        ("t.bytes(new Uint8Array([1, 2, 3, 4]).subarray(2))", "7"),
        ("t.bytes(new Uint16Array([256, 1]).buffer)", "2"),
        ("t.bytes(new DataView(new Uint8Array([5, 6, 7]).buffer, 1))", "13"),
        ("t.bytes(new ArrayBuffer(0))", "0"),
        ("t.bytes([1, 2])", "TypeError ERR_INVALID_ARG_TYPE: The \"data\" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView. Received an instance of Array"),
        ("t.bytes('abc')", "TypeError ERR_INVALID_ARG_TYPE: The \"data\" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView. Received type string ('abc')"),
        ("(() => { const a = new Uint8Array(4); t.fill(a.subarray(1, 3), 9); return a.join(); })()", "0,9,9,0"),
        ("t.call((x) => x * 2, 21)", "42"),
        ("t.call(1, 2)", "TypeError ERR_INVALID_ARG_TYPE: The \"f\" argument must be of type function. Received type number (1)"),
        ("t.countKeys({ a: 1, b: 2 })", "2"),
        ("t.countKeys(null)", "TypeError ERR_INVALID_ARG_TYPE: The \"o\" argument must be of type object. Received null"),
        ("t.countKeys(() => 1)", "TypeError ERR_INVALID_ARG_TYPE: The \"o\" argument must be of type object. Received function "),
    ]);
}

#[test]
fn coerced_strings_and_booleans_custom_messages_uint8_arrays() {
    check(&[
        ("t.text()", "|false"),
        ("t.text(5, 1)", "5|true"),
        ("t.text(null, '')", "null|false"),
        ("t.text({ toString() { return 'o'; } }, {})", "o|true"),
        // A lone surrogate becomes U+FFFD (a USVString).
        ("t.text('a\\uD800b', 0n) === 'a\\uFFFDb|false'", "true"),
        ("t.text(Symbol())", "TypeError undefined: cannot convert symbol to string"),
        ("t.text({ toString() { throw new RangeError('mine'); } })", "RangeError undefined: mine"),
        ("t.strict(() => 1)", "undefined"),
        ("t.strict(5)", "TypeError ERR_INVALID_ARG_TYPE: Expected callback function"),
        ("t.viewLength(new Uint8Array(3))", "3 read"),
        ("t.viewLength(Object.setPrototypeOf(new Uint8Array(2), null), { mode: '2d' })", "2 2d"),
        ("t.viewLength(new Uint16Array(3))", "TypeError ERR_INVALID_ARG_TYPE: The \"view\" argument must be an instance of Uint8Array. Received an instance of Uint16Array"),
        ("t.viewLength(new ArrayBuffer(3))", "TypeError ERR_INVALID_ARG_TYPE: The \"view\" argument must be an instance of Uint8Array. Received an instance of ArrayBuffer"),
        ("t.viewLength(new Uint8Array(3), 5)", "TypeError ERR_INVALID_ARG_TYPE: The \"opts\" argument must be of type object. Received type number (5)"),
        ("t.viewLength.length", "1"),
        // The options' getter detaches the buffer after the view was converted: the bytes are
        // looked up when taken, so the method sees none (not freed memory).
        ("(() => { const a = new Uint8Array(8); return t.viewLength(a, { get mode() { a.buffer.transfer(); return 'read'; } }); })()", "0 read"),
        ("(() => { const b = new ArrayBuffer(8, { maxByteLength: 8 }); const a = new Uint8Array(b); return t.viewLength(a, { get mode() { b.resize(2); return 'read'; } }); })()", "2 read"),
        ("(() => { const b = new ArrayBuffer(8, { maxByteLength: 8 }); const a = new Uint8Array(b, 4, 4); return t.viewLength(a, { get mode() { b.resize(6); return 'read'; } }); })()", "0 read"),
    ]);
}

/// Running an async member's future needs an async rquickjs runtime (rusk's is; its behaviour
/// is tested through rusk in tests/bindgen/probe.test.ts). On this plain runtime only what
/// happens before the future is spawned can be checked: the length, and that arguments that do
/// not convert reject the returned promise instead of throwing.
#[test]
fn async_members_reject_bad_arguments() {
    check(&[("[Typed.prototype.wait.length, Typed.later.length]", "1,1")]);
    // A rejection is settled at once: read its reason after the job queue ran.
    let (rt, ctx) = setup();
    ctx.with(|cx| {
        let _: () = cx
            .eval("globalThis.seen = 'none'; t.wait(-1).catch((e) => { seen = `${e.code}`; });")
            .unwrap();
    });
    while rt.is_job_pending() {
        let _ = rt.execute_pending_job();
    }
    assert_eq!(eval(&ctx, "seen"), "ERR_OUT_OF_RANGE");
}

#[test]
fn property_attributes_follow_the_definition() {
    let d = |key: &str| {
        format!("(() => {{ const d = Object.getOwnPropertyDescriptor(Typed.prototype, '{key}'); return [d.enumerable, d.configurable, d.writable]; }})()")
    };
    check(&[
        (&d("label"), "true,false,"),
        (&d("sealed"), "true,true,false"),
        (&d("add3"), "false,true,true"),
        ("Object.keys(Typed.prototype).join()", "label,sealed"),
    ]);
}

#[test]
fn unions_take_the_member_of_the_values_type() {
    check(&[
        ("t.input('x')", "string x"),
        ("t.input(new Uint8Array(3))", "bytes 3"),
        ("t.input(5)", "i64 5"),
        ("t.input(5n)", "i64 5"),
        ("t.input(1.5)", "RangeError ERR_OUT_OF_RANGE: The value of \"v\" is out of range. It must be an integer. Received 1.5"),
        // Node's own wording for these expected types (checked with Node's ERR_INVALID_ARG_TYPE).
        ("t.input(true)", "TypeError ERR_INVALID_ARG_TYPE: The \"v\" argument must be one of type string, number, or bigint or an instance of ArrayBuffer, Buffer, TypedArray, or DataView. Received type boolean (true)"),
    ]);
}

#[test]
fn pass_this_gives_the_receiver() {
    check(&[
        ("t.tagged('a')", "a:x"),
        ("Typed.make('m').tagged('b')", "b:m"),
    ]);
}

#[test]
fn overloads_pick_by_count_then_type() {
    check(&[
        ("t.at(3)", "index 3"),
        ("t.at('x')", "name x"),
        ("t.at(1, 2)", "pair 1,2 None"),
        ("t.at(1, 2, 'n')", "pair 1,2 Some(\"n\")"),
        ("t.at(1, 2, undefined)", "pair 1,2 None"),
        // The chosen variant still converts strictly.
        ("t.at(1.5)", "RangeError ERR_OUT_OF_RANGE: The value of \"index\" is out of range. It must be an integer. Received 1.5"),
        ("t.at(true)", "TypeError ERR_INVALID_ARG_TYPE: No overload of Typed.prototype.at takes these arguments; it is called as: at(index: number); at(name: string); at(row: number, column: number, note?: string)"),
        ("t.at()", "TypeError ERR_INVALID_ARG_TYPE: No overload of Typed.prototype.at takes these arguments; it is called as: at(index: number); at(name: string); at(row: number, column: number, note?: string)"),
        ("Typed.prototype.at.length", "1"),
    ]);
}

#[test]
fn iterable_lists_and_pairs() {
    check(&[
        ("[...t].join()", "1,2,3"),
        ("[...t.keys()].join()", "0,1,2"),
        ("JSON.stringify([...t.entries()])", "[[0,1],[1,2],[2,3]]"),
        ("[...t.values()].join()", "1,2,3"),
        ("(() => { const seen = []; t.forEach(function (v, k, self) { seen.push(`${k}:${v}:${self === t}:${this.tag}`); }, { tag: 'x' }); return seen.join(); })()", "0:1:true:x,1:2:true:x,2:3:true:x"),
        ("t.forEach(5)", "TypeError ERR_INVALID_ARG_TYPE: The \"callback\" argument must be of type function. Received type number (5)"),
        ("JSON.stringify([...new Pairs()])", "[[\"a\",1],[\"b\",2]]"),
        ("[...new Pairs().keys()].join()", "a,b"),
        ("[...new Pairs().values()].join()", "1,2"),
        ("(() => { const seen = []; new Pairs().forEach((v, k) => seen.push(k + v)); return seen.join(); })()", "a1,b2"),
        ("Typed.prototype[Symbol.iterator] === Typed.prototype.values", "false"),
        ("[Typed.prototype.forEach.length, Typed.prototype.entries.length]", "1,0"),
        ("Typed.prototype.entries.call({})", "TypeError undefined: Typed.prototype.entries called on an object that is not a Typed"),
    ]);
}

#[test]
fn enums_and_dictionaries() {
    check(&[
        ("t.mode('read-write')", "ReadWrite=read-write"),
        ("t.mode('2d')", "V2d=2d"),
        ("t.mode('write')", "TypeError ERR_INVALID_ARG_VALUE: The argument 'm' must be one of: 'read', 'read-write', '2d'. Received 'write'"),
        ("t.mode(1)", "TypeError ERR_INVALID_ARG_TYPE: The \"m\" argument must be of type string. Received type number (1)"),
        ("t.options()", "None"),
        ("t.options({ tag: null })", "Some(Options { mode: Read, limit: None, tag: None, fatal: false })"),
        ("t.options({ mode: '2d', limit: 5, tag: 'x', fatal: true })", "Some(Options { mode: V2d, limit: Some(5), tag: Some(\"x\"), fatal: true })"),
        ("t.options({ tag: null, limit: -1 })", "RangeError ERR_OUT_OF_RANGE: The value of \"opts.limit\" is out of range. It must be >= 0 && <= 4294967295. Received -1"),
        ("t.options({ tag: null, fatal: 1 })", "TypeError ERR_INVALID_ARG_TYPE: The \"opts.fatal\" property must be of type boolean. Received type number (1)"),
        ("t.options({ tag: null, mode: 'x' })", "TypeError ERR_INVALID_ARG_VALUE: The property 'opts.mode' must be one of: 'read', 'read-write', '2d'. Received 'x'"),
        ("t.options({})", "TypeError ERR_INVALID_ARG_TYPE: The \"opts.tag\" property must be of type string. Received undefined"),
        ("t.options(5)", "TypeError ERR_INVALID_ARG_TYPE: The \"opts\" argument must be of type object. Received type number (5)"),
        ("(() => { let n = 0; const o = { get tag() { n++; return 't'; } }; t.options(o); return n; })()", "1"),
    ]);
}
