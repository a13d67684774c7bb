//! `estimatedSize`: instances holding native memory that sit in unreachable reference cycles
//! (which QuickJS frees only when its cycle collector runs, and that runs when the engine's own
//! heap grows) are collected in time when their class reports the memory. The same class
//! without `estimatedSize` is the control: its native memory piles up.

// `finalize(self: Box<Self>)` is the contract's signature.
#![allow(clippy::boxed_local)]

use std::cell::Cell;

use rquickjs::{Context, Ctx, Runtime};
use rusk_bindgen::rt::JsResult;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static MAX_LIVE: Cell<usize> = const { Cell::new(0) };
}

mod sized_bindings {
    use super::*;

    /// Holds a native buffer of the requested size.
    pub struct Sized {
        buffer: Vec<u8>,
    }

    impl Sized {
        pub fn constructor<'js>(_cx: &Ctx<'js>, bytes: u32) -> JsResult<Self> {
            LIVE.with(|l| l.set(l.get() + 1));
            let live = LIVE.with(|l| l.get());
            MAX_LIVE.with(|m| m.set(m.get().max(live)));
            Ok(Sized {
                buffer: vec![1; bytes as usize],
            })
        }
        pub fn estimated_size(&self) -> usize {
            self.buffer.len()
        }
        pub fn finalize(self: Box<Self>) {
            LIVE.with(|l| l.set(l.get() - 1));
        }
    }

    include!("golden/sized.classes.rs");
}

/// Makes `count` unreachable cycles, each holding one 1 MiB instance of `class`; returns the
/// most instances alive at once.
fn max_live_for(class: &str, count: u32) -> usize {
    LIVE.with(|l| l.set(0));
    MAX_LIVE.with(|m| m.set(0));
    let rt = Runtime::new().unwrap();
    let ctx = Context::full(&rt).unwrap();
    ctx.with(|cx| {
        let g = cx.globals();
        sized_bindings::sized_class::install(&cx, &g).unwrap();
        sized_bindings::unsized_class::install(&cx, &g).unwrap();
        let src = format!(
            "for (let i = 0; i < {count}; i++) {{ const o = {{ h: new {class}(1 << 20) }}; o.self = o; }}"
        );
        if let Err(e) = cx.eval::<(), _>(src) {
            panic!("{e}: {:?}", cx.catch());
        }
    });
    drop(ctx);
    drop(rt);
    assert_eq!(
        LIVE.with(|l| l.get()),
        0,
        "every instance is finalized at teardown"
    );
    MAX_LIVE.with(|m| m.get())
}

#[test]
fn native_memory_in_cycles_is_collected_in_time() {
    let with_size = max_live_for("Sized", 600);
    let without = max_live_for("Unsized", 600);
    // 32 MiB between collections: at most ~33 instances of 1 MiB alive (plus the one being
    // made). Without the size, the engine sees only small objects.
    assert!(
        with_size <= 40,
        "with estimatedSize, {with_size} MiB were alive at once"
    );
    assert!(
        without >= 300,
        "the control should pile up (it did not: {without}); the test no longer measures anything"
    );
    println!("max live MiB: with estimatedSize {with_size}, without {without}");
}

#[test]
fn live_bytes_are_counted_and_given_back() {
    let rt = Runtime::new().unwrap();
    let ctx = Context::full(&rt).unwrap();
    ctx.with(|cx| {
        sized_bindings::sized_class::install(&cx, &cx.globals()).unwrap();
        let _: () = cx
            .eval("globalThis.keep = [new Sized(1000), new Sized(24)];")
            .unwrap();
        assert_eq!(rusk_bindgen::rt::external::live_bytes(&cx), 1024);
        let _: () = cx.eval("keep.pop();").unwrap();
        assert_eq!(rusk_bindgen::rt::external::live_bytes(&cx), 1000);
    });
}
