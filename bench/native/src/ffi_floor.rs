//! The QuickJS floor of each FFI benchmark op: the C functions of the fixture library bound by
//! hand-written QuickJS C functions (no FFI layer: fixed signatures, direct conversions), called
//! by the same JS loops as `bench/ffi/bench.mjs`, on a bare QuickJS-ng runtime (rquickjs 0.14,
//! the engine build rusk uses). What rusk:ffi adds on top of this is its whole overhead.
//!
//! `FFI_BENCH_LIB=/abs/libffi_fixture.so cargo run --release -p rusk_bench_native --bin ffi_floor`
//! (optional `BENCH_N`, calls per op). Prints `name ns/op calls/s` lines like bench.mjs, each the
//! best of 5 runs.

use std::cell::Cell;
use std::ffi::{c_char, c_int};
use std::time::Instant;

use rquickjs::qjs::{self, JSContext, JSValue};
use rquickjs::{Context, Function, Object, Runtime, Value};

/// The fixture's functions, resolved once.
struct Lib {
    noop: unsafe extern "C" fn(),
    add_i32: unsafe extern "C" fn(i32, i32) -> i32,
    add_f64: unsafe extern "C" fn(f64, f64) -> f64,
    add_u64: unsafe extern "C" fn(u64, u64) -> u64,
    id_i64_fast: unsafe extern "C" fn(i64) -> i64,
    hash: unsafe extern "C" fn(*const u8, usize) -> u64,
    hello: unsafe extern "C" fn() -> *const c_char,
    call_i32_loop: unsafe extern "C" fn(unsafe extern "C" fn(i32) -> i32, i32) -> i64,
    add_f32: unsafe extern "C" fn(f32, f32) -> f32,
    id_i16: unsafe extern "C" fn(i16) -> i16,
    mix7: unsafe extern "C" fn(i8, u16, i32, i64, f32, f64, u64) -> f64,
    sum10_i64: Sum10I64,
    sum10_f64: Sum10F64,
    ts_value_of: unsafe extern "C" fn(i32, i32) -> u64,
}

type Sum10I64 = unsafe extern "C" fn(i64, i64, i64, i64, i64, i64, i64, i64, i64, i64) -> i64;
type Sum10F64 = unsafe extern "C" fn(f64, f64, f64, f64, f64, f64, f64, f64, f64, f64) -> f64;

static mut LIB: Option<Lib> = None;

fn lib() -> &'static Lib {
    // SAFETY: written once in main before any JS runs, read-only afterwards (one thread).
    unsafe { (*std::ptr::addr_of!(LIB)).as_ref() }.expect("library loaded")
}

const UNDEFINED: JSValue = qjs::JS_MKVAL(qjs::JS_TAG_UNDEFINED, 0);

/// A careful hand-written binding reads numbers from their tags.
unsafe fn number(v: JSValue) -> f64 {
    // SAFETY: reading tag and payload of a valid value.
    unsafe {
        match qjs::JS_VALUE_GET_TAG(v) {
            qjs::JS_TAG_INT => f64::from(qjs::JS_VALUE_GET_INT(v)),
            qjs::JS_TAG_FLOAT64 => qjs::JS_VALUE_GET_FLOAT64(v),
            _ => f64::NAN,
        }
    }
}

unsafe fn int(v: JSValue) -> i32 {
    // SAFETY: as above.
    unsafe {
        if qjs::JS_VALUE_GET_TAG(v) == qjs::JS_TAG_INT {
            qjs::JS_VALUE_GET_INT(v)
        } else {
            number(v) as i64 as i32
        }
    }
}

type Native = unsafe extern "C" fn(*mut JSContext, JSValue, c_int, *mut JSValue) -> JSValue;

unsafe extern "C" fn f_noop(_: *mut JSContext, _: JSValue, _: c_int, _: *mut JSValue) -> JSValue {
    // SAFETY: the fixture's noop.
    unsafe { (lib().noop)() };
    UNDEFINED
}

unsafe extern "C" fn f_add_i32(
    _: *mut JSContext,
    _: JSValue,
    _: c_int,
    a: *mut JSValue,
) -> JSValue {
    // SAFETY: the loops always pass two arguments.
    unsafe { qjs::JS_MKVAL(qjs::JS_TAG_INT, (lib().add_i32)(int(*a), int(*a.add(1)))) }
}

unsafe extern "C" fn f_add_f64(
    _: *mut JSContext,
    _: JSValue,
    _: c_int,
    a: *mut JSValue,
) -> JSValue {
    // SAFETY: as above.
    unsafe { qjs::JS_NewFloat64((lib().add_f64)(number(*a), number(*a.add(1)))) }
}

unsafe extern "C" fn f_add_u64(
    c: *mut JSContext,
    _: JSValue,
    _: c_int,
    a: *mut JSValue,
) -> JSValue {
    // SAFETY: as above; the arguments are BigInts.
    unsafe {
        let (mut x, mut y) = (0u64, 0u64);
        qjs::JS_ToBigUint64(c, &mut x, *a);
        qjs::JS_ToBigUint64(c, &mut y, *a.add(1));
        qjs::JS_NewBigUint64(c, (lib().add_u64)(x, y))
    }
}

unsafe extern "C" fn f_i64_fast(
    c: *mut JSContext,
    _: JSValue,
    _: c_int,
    a: *mut JSValue,
) -> JSValue {
    // SAFETY: as above.
    unsafe {
        let r = (lib().id_i64_fast)(number(*a) as i64);
        if r.unsigned_abs() < (1u64 << 53) {
            qjs::JS_NewFloat64(r as f64)
        } else {
            qjs::JS_NewBigInt64(c, r)
        }
    }
}

unsafe extern "C" fn f_hash(c: *mut JSContext, _: JSValue, _: c_int, a: *mut JSValue) -> JSValue {
    // SAFETY: the loop passes a live buffer's address and its length.
    unsafe {
        let p = number(*a) as u64 as usize as *const u8;
        let n = number(*a.add(1)) as usize;
        qjs::JS_NewBigUint64(c, (lib().hash)(p, n))
    }
}

unsafe extern "C" fn f_hello(c: *mut JSContext, _: JSValue, _: c_int, _: *mut JSValue) -> JSValue {
    // SAFETY: hello() returns a static NUL-terminated string.
    unsafe {
        let s = std::ffi::CStr::from_ptr((lib().hello)());
        qjs::JS_NewStringLen(c, s.as_ptr(), s.to_bytes().len() as _)
    }
}

unsafe extern "C" fn f_add_f32(
    _: *mut JSContext,
    _: JSValue,
    _: c_int,
    a: *mut JSValue,
) -> JSValue {
    // SAFETY: the loop always passes two arguments.
    unsafe {
        let r = (lib().add_f32)(number(*a) as f32, number(*a.add(1)) as f32);
        qjs::JS_NewFloat64(f64::from(r))
    }
}

unsafe extern "C" fn f_id_i16(_: *mut JSContext, _: JSValue, _: c_int, a: *mut JSValue) -> JSValue {
    // SAFETY: the loop always passes one argument.
    unsafe {
        let r = (lib().id_i16)(int(*a) as i16);
        qjs::JS_MKVAL(qjs::JS_TAG_INT, i32::from(r))
    }
}

unsafe extern "C" fn f_mix7(_: *mut JSContext, _: JSValue, _: c_int, a: *mut JSValue) -> JSValue {
    // SAFETY: the loop always passes seven arguments (numbers).
    unsafe {
        let r = (lib().mix7)(
            int(*a) as i8,
            int(*a.add(1)) as u16,
            int(*a.add(2)),
            number(*a.add(3)) as i64,
            number(*a.add(4)) as f32,
            number(*a.add(5)),
            number(*a.add(6)) as u64,
        );
        qjs::JS_NewFloat64(r)
    }
}

unsafe extern "C" fn f_sum10_i64(
    c: *mut JSContext,
    _: JSValue,
    _: c_int,
    a: *mut JSValue,
) -> JSValue {
    // SAFETY: the loop always passes ten arguments (numbers).
    unsafe {
        let x = |i: usize| number(*a.add(i)) as i64;
        let r = (lib().sum10_i64)(x(0), x(1), x(2), x(3), x(4), x(5), x(6), x(7), x(8), x(9));
        if r.unsigned_abs() < (1u64 << 53) {
            qjs::JS_NewFloat64(r as f64)
        } else {
            qjs::JS_NewBigInt64(c, r)
        }
    }
}

unsafe extern "C" fn f_sum10_f64(
    _: *mut JSContext,
    _: JSValue,
    _: c_int,
    a: *mut JSValue,
) -> JSValue {
    // SAFETY: the loop always passes ten arguments (numbers).
    unsafe {
        let x = |i: usize| number(*a.add(i));
        let r = (lib().sum10_f64)(x(0), x(1), x(2), x(3), x(4), x(5), x(6), x(7), x(8), x(9));
        qjs::JS_NewFloat64(r)
    }
}

thread_local! {
    static CB: Cell<(*mut JSContext, JSValue)> = const { Cell::new((std::ptr::null_mut(), UNDEFINED)) };
}

/// The hand-written C→JS callback: calls the stored JS function with one int.
unsafe extern "C" fn js_callback(i: i32) -> i32 {
    let (c, f) = CB.with(Cell::get);
    // SAFETY: set by f_call_loop for the duration of the C loop, on this thread.
    unsafe {
        let mut arg = [qjs::JS_MKVAL(qjs::JS_TAG_INT, i)];
        let r = qjs::JS_Call(c, f, UNDEFINED, 1, arg.as_mut_ptr());
        let out = int(r);
        qjs::JS_FreeValue(c, r);
        out
    }
}

unsafe extern "C" fn f_call_loop(
    c: *mut JSContext,
    _: JSValue,
    _: c_int,
    a: *mut JSValue,
) -> JSValue {
    // SAFETY: the loop passes (function, count); the function outlives the call.
    unsafe {
        CB.with(|cb| cb.set((c, *a)));
        let r = (lib().call_i32_loop)(js_callback, int(*a.add(1)));
        qjs::JS_NewFloat64(r as f64)
    }
}

/// The JS thread's share of one thread-safe call, with no queue at all: the values a queued
/// `(i32 tid, i32 seq, u64 v)` call carries are made (the u64 as a BigInt, as bench.mjs's
/// callback declares it) and the function is called, `n` times in a row. No delivery of queued
/// calls can cost the JS thread less than this.
unsafe extern "C" fn f_deliver(
    c: *mut JSContext,
    _: JSValue,
    _: c_int,
    a: *mut JSValue,
) -> JSValue {
    // SAFETY: the loop passes (function, count); the function outlives the call; the argument
    // values are owned here and freed after each call.
    unsafe {
        let f = *a;
        let n = int(*a.add(1));
        for i in 0..n {
            let (tid, seq) = (i % 4, i / 4);
            let mut args = [
                qjs::JS_MKVAL(qjs::JS_TAG_INT, tid),
                qjs::JS_MKVAL(qjs::JS_TAG_INT, seq),
                qjs::JS_NewBigUint64(c, (lib().ts_value_of)(tid, seq)),
            ];
            let r = qjs::JS_Call(c, f, UNDEFINED, 3, args.as_mut_ptr());
            for v in args {
                qjs::JS_FreeValue(c, v);
            }
            qjs::JS_FreeValue(c, r);
        }
        UNDEFINED
    }
}

const OPS: &[(&str, &str, &str)] = &[
    ("js_call", "", "(L) => (n) => { for (let i = 0; i < n; i++) L.jsf(); }"),
    ("noop", "noop", "(L) => (n) => { for (let i = 0; i < n; i++) L.noop(); }"),
    ("add_i32", "add_i32", "(L) => (n) => { let s = 0; for (let i = 0; i < n; i++) s = L.add_i32(s, 1); return s; }"),
    ("add_f64", "add_f64", "(L) => (n) => { let s = 0; for (let i = 0; i < n; i++) s = L.add_f64(s, 1.5); return s; }"),
    ("add_u64", "add_u64", "(L) => (n) => { let s = 0n; for (let i = 0; i < n; i++) s = L.add_u64(s, 3n); return s; }"),
    ("i64_fast", "id_i64_fast", "(L) => (n) => { let s = 0; for (let i = 0; i < n; i++) s += L.id_i64_fast(12345); return s; }"),
    ("add_f32", "add_f32", "(L) => (n) => { let s = 0; for (let i = 0; i < n; i++) s = L.add_f32(s, 0.5); return s; }"),
    ("id_i16", "id_i16", "(L) => (n) => { let s = 0; for (let i = 0; i < n; i++) s += L.id_i16(-1234); return s; }"),
    ("mix7", "mix7", "(L) => (n) => { let s = 0; for (let i = 0; i < n; i++) s += L.mix7(-1, 2, 3, 4, 1.5, 2.5, 5); return s; }"),
    ("sum10_i64", "sum10_i64", "(L) => (n) => { let s = 0; for (let i = 0; i < n; i++) s += L.sum10_i64(i, 1, 2, 3, 4, 5, 6, 7, 8, 9); return s; }"),
    ("sum10_f64", "sum10_f64", "(L) => (n) => { let s = 0; for (let i = 0; i < n; i++) s += L.sum10_f64(i, 1, 2, 3, 4, 5, 6, 7, 8, 0.5); return s; }"),
    ("hash64", "hash", "(L) => (n) => { let h = 0n; const p = L.bufPtr; for (let i = 0; i < n; i++) h = L.hash(p, 64); return h; }"),
    ("cstring_ret", "hello", "(L) => (n) => { let s = 0; for (let i = 0; i < n; i++) s += L.hello().length; return s; }"),
    ("callback", "call_i32_loop", "(L) => (n) => { const cb = (i) => i + 1; for (let i = 0; i < n / 1000; i++) L.call_i32_loop(cb, 1000); }"),
    ("threadsafe_4x50k", "ts_value_of", "(L) => { let got = 0; const cb = (tid, seq, v) => { got++; }; return (n) => { L.deliver(cb, n); return got; }; }"),
];

fn main() -> rquickjs::Result<()> {
    let Some(path) = std::env::var_os("FFI_BENCH_LIB") else {
        eprintln!("set FFI_BENCH_LIB to the absolute path of libffi_fixture.so");
        std::process::exit(2);
    };
    let n: u32 = std::env::var("BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000_000);
    // SAFETY: loading the benchmark's own fixture library; the symbol types match fixture.c.
    let loaded = unsafe {
        let l = match libloading::Library::new(&path) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("cannot load {path:?}: {e}");
                std::process::exit(2)
            }
        };
        let lib = Lib {
            noop: *l.get(b"noop\0").expect("noop"),
            add_i32: *l.get(b"add_i32\0").expect("add_i32"),
            add_f64: *l.get(b"add_f64\0").expect("add_f64"),
            add_u64: *l.get(b"add_u64\0").expect("add_u64"),
            id_i64_fast: *l.get(b"id_i64_fast\0").expect("id_i64_fast"),
            hash: *l.get(b"hash\0").expect("hash"),
            hello: *l.get(b"hello\0").expect("hello"),
            call_i32_loop: *l.get(b"call_i32_loop\0").expect("call_i32_loop"),
            add_f32: *l.get(b"add_f32\0").expect("add_f32"),
            id_i16: *l.get(b"id_i16\0").expect("id_i16"),
            mix7: *l.get(b"mix7\0").expect("mix7"),
            sum10_i64: *l.get(b"sum10_i64\0").expect("sum10_i64"),
            sum10_f64: *l.get(b"sum10_f64\0").expect("sum10_f64"),
            ts_value_of: *l.get(b"ts_value_of\0").expect("ts_value_of"),
        };
        LIB = Some(lib);
        l
    };
    let rt = Runtime::new()?;
    let ctx = Context::full(&rt)?;
    let buf: Vec<u8> = (0..64).collect();
    ctx.with(|ctx| -> rquickjs::Result<()> {
        let l = Object::new(ctx.clone())?;
        let natives: &[(&str, Native, c_int)] = &[
            ("noop", f_noop, 0),
            ("add_i32", f_add_i32, 2),
            ("add_f64", f_add_f64, 2),
            ("add_u64", f_add_u64, 2),
            ("id_i64_fast", f_i64_fast, 1),
            ("hash", f_hash, 2),
            ("hello", f_hello, 0),
            ("call_i32_loop", f_call_loop, 2),
            ("add_f32", f_add_f32, 2),
            ("id_i16", f_id_i16, 1),
            ("mix7", f_mix7, 7),
            ("sum10_i64", f_sum10_i64, 10),
            ("sum10_f64", f_sum10_f64, 10),
            ("deliver", f_deliver, 2),
        ];
        for (name, f, len) in natives {
            let cname = std::ffi::CString::new(*name).unwrap_or_default();
            // SAFETY: plain C function on a live context; ownership passes to the Value.
            let v = unsafe {
                Value::from_raw(
                    ctx.clone(),
                    qjs::JS_NewCFunction2(
                        ctx.as_raw().as_ptr(),
                        Some(*f),
                        cname.as_ptr(),
                        *len,
                        qjs::JSCFunctionEnum_JS_CFUNC_generic,
                        0,
                    ),
                )
            };
            l.set(*name, v)?;
        }
        l.set("bufPtr", buf.as_ptr() as usize as f64)?;
        l.set("jsf", ctx.eval::<Function, _>("() => {}")?)?;
        // BENCH_ONLY=op1,op2 runs only those (bench/ffi/instructions.sh counts one at a time).
        let only = std::env::var("BENCH_ONLY").ok();
        let wanted = |label: &str| {
            only.as_deref()
                .is_none_or(|o| o.split(',').any(|x| x == label))
        };
        for (label, _, src) in OPS.iter().filter(|(label, _, _)| wanted(label)) {
            // `L` is captured by the loop's closure, as bench.mjs's loops capture its module-level
            // `L` (a closure variable costs more per access than a parameter).
            let make: Function = ctx.eval(*src)?;
            let f: Function = make.call((l.clone(),))?;
            let calls = if *label == "callback" {
                n / 1000 * 1000
            } else {
                n
            };
            f.call::<_, Value>((calls / 10,))?;
            // A floor: the best of 5 runs (rusk's figures are single runs, so the ratios
            // err against rusk). BENCH_RUNS=1 for instruction counts.
            let runs: u32 = std::env::var("BENCH_RUNS")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(5);
            let mut ns = f64::INFINITY;
            for _ in 0..runs {
                let t = Instant::now();
                f.call::<_, Value>((calls,))?;
                ns = ns.min(t.elapsed().as_secs_f64() * 1e9 / f64::from(calls));
            }
            println!("{label} {ns:.1} {}", (1e9 / ns).round());
        }
        Ok(())
    })?;
    drop(loaded);
    Ok(())
}
