//! Per-runtime FFI state shared between the JS thread and foreign threads.

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// What foreign threads need to know about the JS thread (for deadlock diagnosis and queue
/// back-pressure), and flags the call thunk checks after each native call.
pub struct FfiState {
    /// `thread_marker()` of the JS thread: a cheaper identity test than `thread::current()`
    /// (which clones an `Arc`) on the callback path.
    pub js_thread_marker: usize,
    /// The JS thread's kernel thread id (Linux), to ask the kernel what it is blocked in.
    pub js_tid: i64,
    /// How deep the JS thread is inside native FFI calls (written only by the JS thread).
    pub in_native: AtomicU32,
    /// Incremented at every native call entry; lets a waiting thread see that the JS thread
    /// has stayed inside the same call.
    pub native_seq: AtomicU64,
    /// Set when a waiting thread gave up because the JS thread was blocked in a native call
    /// that waits for it; the call thunk turns it into a thrown Error when that call returns.
    pub deadlock: AtomicBool,
    /// Set (on the JS thread) when a same-thread callback threw: the exception stays pending
    /// and the outer FFI call rethrows it.
    pub callback_threw: AtomicBool,
    /// Libraries closed while the JS thread was inside a native call (a call into them, or a
    /// callback they made, may still be on the stack): unloaded when the outermost call returns.
    pending_unload: Mutex<Vec<libloading::Library>>,
    has_pending_unload: AtomicBool,
    /// Non-blocking calls running on pool threads (written only by the JS thread): libraries
    /// closed meanwhile are unloaded when the last one has returned.
    nonblocking_in_flight: AtomicU32,
}

thread_local! {
    static MARKER: u8 = const { 0 };
}

/// A number unique to the calling thread among live threads (the address of a thread-local).
#[inline(always)]
pub fn thread_marker() -> usize {
    MARKER.with(|m| m as *const u8 as usize)
}

/// The kernel's id of the calling thread (0 where there is none to ask about).
pub fn kernel_tid() -> i64 {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid has no preconditions.
        i64::from(unsafe { libc::gettid() })
    }
    #[cfg(not(target_os = "linux"))]
    {
        0
    }
}

impl FfiState {
    pub fn new() -> Arc<FfiState> {
        Arc::new(FfiState {
            js_thread_marker: thread_marker(),
            js_tid: kernel_tid(),
            in_native: AtomicU32::new(0),
            native_seq: AtomicU64::new(0),
            deadlock: AtomicBool::new(false),
            callback_threw: AtomicBool::new(false),
            pending_unload: Mutex::new(Vec::new()),
            has_pending_unload: AtomicBool::new(false),
            nonblocking_in_flight: AtomicU32::new(0),
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
        let d = self.in_native.load(Ordering::Relaxed).saturating_sub(1);
        self.in_native.store(d, Ordering::Release);
        if d == 0 && self.has_pending_unload.load(Ordering::Relaxed) && self.nothing_running() {
            self.unload_pending();
        }
    }

    /// No native call on the JS thread and none on a pool thread.
    fn nothing_running(&self) -> bool {
        self.in_native.load(Ordering::Relaxed) == 0
            && self.nonblocking_in_flight.load(Ordering::Relaxed) == 0
    }

    /// A non-blocking call was handed to a pool thread.
    pub fn begin_nonblocking(&self) {
        let n = self.nonblocking_in_flight.load(Ordering::Relaxed);
        self.nonblocking_in_flight.store(n + 1, Ordering::Relaxed);
    }

    /// A non-blocking call returned (on the JS thread, when its result arrived).
    pub fn end_nonblocking(&self) {
        let n = self
            .nonblocking_in_flight
            .load(Ordering::Relaxed)
            .saturating_sub(1);
        self.nonblocking_in_flight.store(n, Ordering::Relaxed);
        if self.has_pending_unload.load(Ordering::Relaxed) && self.nothing_running() {
            self.unload_pending();
        }
    }

    /// True while the JS thread is inside a native FFI call (possibly in a callback it made).
    #[inline]
    pub fn js_in_native(&self) -> bool {
        self.in_native.load(Ordering::Acquire) > 0
    }

    /// Unloads `lib` now, or when the outermost native call returns if one is in progress.
    pub fn unload(&self, lib: libloading::Library) {
        if self.nothing_running() {
            drop(lib);
            return;
        }
        self.pending_unload
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(lib);
        self.has_pending_unload.store(true, Ordering::Relaxed);
    }

    #[cold]
    fn unload_pending(&self) {
        self.has_pending_unload.store(false, Ordering::Relaxed);
        let libs = std::mem::take(
            &mut *self
                .pending_unload
                .lock()
                .unwrap_or_else(|p| p.into_inner()),
        );
        drop(libs);
    }

    /// At runtime shutdown: libraries waiting to be unloaded stay mapped (threads they started
    /// may still run their code).
    pub fn forget_pending(&self) {
        let libs = std::mem::take(
            &mut *self
                .pending_unload
                .lock()
                .unwrap_or_else(|p| p.into_inner()),
        );
        for lib in libs {
            std::mem::forget(lib);
        }
    }
}
