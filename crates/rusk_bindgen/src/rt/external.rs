//! Native memory held by instances (`estimatedSize`), which the engine's allocator does not
//! see. QuickJS frees unreferenced objects at once, but objects in reference cycles wait for
//! the cycle collector, which runs when the engine's own heap grows: a cycle of small JS
//! objects holding large native buffers would let native memory grow unchecked. Counting the
//! bytes here and collecting once the bytes made since the last collection pass a limit (the
//! larger of 32 MiB and what was live after it) keeps them bounded, as V8's external-memory
//! accounting does.

use std::cell::RefCell;

use super::{qjs, RawCtx};

const MIN_LIMIT: usize = 32 << 20;

#[derive(Default, Clone, Copy)]
struct Account {
    runtime: usize,
    live: usize,
    since_gc: usize,
    limit: usize,
}

thread_local! {
    static ACCOUNTS: RefCell<Vec<Account>> = const { RefCell::new(Vec::new()) };
}

fn with_account<R>(runtime: usize, f: impl FnOnce(&mut Account) -> R) -> R {
    ACCOUNTS.with(|a| {
        let mut list = a.borrow_mut();
        let i = match list.iter().position(|x| x.runtime == runtime) {
            Some(i) => i,
            None => {
                list.push(Account {
                    runtime,
                    limit: MIN_LIMIT,
                    ..Default::default()
                });
                list.len() - 1
            }
        };
        f(&mut list[i])
    })
}

/// Counts `bytes` for a new instance; collects garbage when the limit is passed.
///
/// # Safety
/// `ctx` is a live context on its runtime's thread.
pub(super) unsafe fn hold(ctx: RawCtx, bytes: usize) {
    // SAFETY: `ctx` is live.
    let rt = unsafe { qjs::JS_GetRuntime(ctx) };
    let collect = with_account(rt as usize, |a| {
        a.live += bytes;
        a.since_gc += bytes;
        a.since_gc > a.limit
    });
    if collect {
        // SAFETY: collecting on the runtime's own thread; finalizers release their bytes.
        unsafe { qjs::JS_RunGC(rt) };
        with_account(rt as usize, |a| {
            a.since_gc = 0;
            a.limit = a.live.max(MIN_LIMIT);
        });
    }
}

/// Gives back the bytes of an instance that died.
pub(super) fn release(rt: *mut qjs::JSRuntime, bytes: usize) {
    if bytes > 0 {
        with_account(rt as usize, |a| a.live = a.live.saturating_sub(bytes));
    }
}

/// The native bytes counted for live instances of `ctx`'s runtime.
pub fn live_bytes(ctx: &rquickjs::Ctx<'_>) -> usize {
    // SAFETY: reading the runtime pointer of a live context.
    let rt = unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) };
    with_account(rt as usize, |a| a.live)
}
