//! Per-runtime FFI state shared between the JS thread and foreign threads.

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::Arc;

/// What foreign threads need to know about the JS thread (for deadlock diagnosis), and flags
/// the call thunk checks after each native call.
pub struct FfiState {
    /// `thread_marker()` of the JS thread: a cheaper identity test than `thread::current()`
    /// (which clones an `Arc`) on the callback path.
    pub js_thread_marker: usize,
    /// How deep the JS thread is inside native FFI calls (written only by the JS thread).
    pub in_native: AtomicU32,
    /// Incremented at every native call entry; lets a waiting thread see that the JS thread
    /// has stayed inside the same call.
    pub native_seq: AtomicU64,
    /// Set when a waiting thread gave up because the JS thread was blocked in a native call;
    /// the call thunk turns it into a thrown Error when that call returns.
    pub deadlock: AtomicBool,
    /// Set (on the JS thread) when a same-thread callback threw: the exception stays pending
    /// and the outer FFI call rethrows it.
    pub callback_threw: AtomicBool,
}

thread_local! {
    static MARKER: u8 = const { 0 };
}

/// A number unique to the calling thread among live threads (the address of a thread-local).
#[inline(always)]
pub fn thread_marker() -> usize {
    MARKER.with(|m| m as *const u8 as usize)
}

impl FfiState {
    pub fn new() -> Arc<FfiState> {
        Arc::new(FfiState {
            js_thread_marker: thread_marker(),
            in_native: AtomicU32::new(0),
            native_seq: AtomicU64::new(0),
            deadlock: AtomicBool::new(false),
            callback_threw: AtomicBool::new(false),
        })
    }

    #[inline]
    pub fn enter_native(&self) {
        // Only the JS thread writes these: plain load/store keeps the call path free of
        // read-modify-write atomics.
        let seq = self.native_seq.load(Ordering::Relaxed);
        self.native_seq.store(seq + 1, Ordering::Relaxed);
        let d = self.in_native.load(Ordering::Relaxed);
        self.in_native.store(d + 1, Ordering::Release);
    }

    #[inline]
    pub fn leave_native(&self) {
        let d = self.in_native.load(Ordering::Relaxed);
        self.in_native.store(d.saturating_sub(1), Ordering::Release);
    }
}
