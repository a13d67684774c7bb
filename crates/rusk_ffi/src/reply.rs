//! The reply protocol of blocking thread-safe callbacks, and deadlock diagnosis.
//!
//! A foreign thread that calls a non-void JSCallback queues the call with a `Reply` and waits
//! on it until the JS thread has run the call (`Done`), or nothing will ever run it
//! (`Abandoned`: the runtime shut down, or waiting would deadlock).
//!
//! Deadlock: the JS thread is inside a native call that waits for this very thread, so it can
//! never come back to run our call. A long native call alone proves nothing (it may be an
//! unrelated `sleep(2)`), so rusk asks the kernel what the JS thread is blocked in
//! (`/proc/self/task/<tid>/syscall`): a futex wait on an address inside this thread's stack
//! block is a wait for this thread — `pthread_join` waits on the thread descriptor, which glibc
//! and musl keep at the top of the thread's stack mapping, and synchronisation objects a thread
//! keeps on its own stack live there too. That is diagnosed within ~10 ms: the waiting thread
//! gets 0 and the native call throws when it returns. Any other long wait is not a proof: it is
//! reported once as a possible deadlock after a second, and the thread keeps waiting.

use std::sync::atomic::Ordering;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::state::FfiState;

pub enum ReplyState {
    Waiting,
    Done(u64),
    Abandoned,
}

/// Where a waiting foreign thread receives the JS result.
pub struct Reply {
    state: Mutex<ReplyState>,
    cv: Condvar,
}

/// How often a waiting thread looks at what the JS thread is doing.
const POLL: Duration = Duration::from_millis(5);
/// After how long in one native call a possible (unproven) deadlock is reported.
const WARN_AFTER: Duration = Duration::from_secs(1);

impl Reply {
    pub fn new() -> Reply {
        Reply {
            state: Mutex::new(ReplyState::Waiting),
            cv: Condvar::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ReplyState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// True once the waiter gave up: the JS thread skips the call.
    pub fn is_abandoned(&self) -> bool {
        matches!(*self.lock(), ReplyState::Abandoned)
    }

    /// Delivers the JS result (JS thread).
    pub fn complete(&self, bits: u64) {
        let mut s = self.lock();
        if matches!(*s, ReplyState::Waiting) {
            *s = ReplyState::Done(bits);
        }
        self.cv.notify_all();
    }

    /// Nothing will run the call: the waiter returns 0.
    pub fn abandon(&self) {
        *self.lock() = ReplyState::Abandoned;
        self.cv.notify_all();
    }

    /// Waits for the result (foreign thread); `None` when the call was abandoned.
    pub fn wait(&self, state: &FfiState, loop_closed: impl Fn() -> bool) -> Option<u64> {
        let mut s = self.lock();
        // The native call the JS thread was in when we last looked, and since when.
        let mut watched: Option<(u64, Instant)> = None;
        let mut warned = false;
        loop {
            match *s {
                ReplyState::Done(bits) => return Some(bits),
                ReplyState::Abandoned => return None,
                ReplyState::Waiting => {}
            }
            let (guard, timeout) = self
                .cv
                .wait_timeout(s, POLL)
                .unwrap_or_else(|p| p.into_inner());
            s = guard;
            if !timeout.timed_out() || !matches!(*s, ReplyState::Waiting) {
                continue;
            }
            if loop_closed() {
                *s = ReplyState::Abandoned;
                return None;
            }
            if !state.js_in_native() {
                watched = None;
                continue;
            }
            let seq = state.native_seq.load(Ordering::Relaxed);
            let since = match watched {
                Some((w, since)) if w == seq => since,
                _ => {
                    watched = Some((seq, Instant::now()));
                    continue;
                }
            };
            if js_thread_waits_for_me(state.js_tid) {
                *s = ReplyState::Abandoned;
                state.deadlock.store(true, Ordering::Release);
                eprintln!(
                    "rusk:ffi: deadlock detected: a thread called a JSCallback that needs the JS thread, while the JS thread is blocked in a native call waiting for that thread; returning 0 to the calling thread"
                );
                return None;
            }
            if !warned && since.elapsed() >= WARN_AFTER {
                warned = true;
                eprintln!(
                    "rusk:ffi: warning: a thread has waited {} ms for a JSCallback result while the JS thread is inside one native call; if that call waits for this thread, the program is deadlocked",
                    since.elapsed().as_millis()
                );
            }
        }
    }
}

/// The bounds of the calling thread's stack mapping (including glibc's thread descriptor at
/// its top), cached per thread.
#[cfg(target_os = "linux")]
fn my_stack_block() -> Option<(usize, usize)> {
    use std::cell::Cell;
    thread_local! {
        static BLOCK: Cell<Option<(usize, usize)>> = const { Cell::new(None) };
    }
    if let Some(b) = BLOCK.with(Cell::get) {
        return Some(b);
    }
    // SAFETY: pthread_getattr_np fills an attribute object we own and destroy.
    let block = unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return None;
        }
        let mut addr: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let ok = libc::pthread_attr_getstack(&attr, &mut addr, &mut size) == 0;
        libc::pthread_attr_destroy(&mut attr);
        if !ok {
            return None;
        }
        // The descriptor may sit a little above the reported stack: allow one page.
        (addr as usize, addr as usize + size + 4096)
    };
    BLOCK.with(|b| b.set(Some(block)));
    Some(block)
}

/// Whether the JS thread is blocked in a futex wait on memory of the calling thread's stack
/// block (see the module comment).
#[cfg(target_os = "linux")]
fn js_thread_waits_for_me(js_tid: i64) -> bool {
    #[cfg(target_arch = "x86_64")]
    const SYS_FUTEX: i64 = 202;
    #[cfg(target_arch = "aarch64")]
    const SYS_FUTEX: i64 = 98;
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    const SYS_FUTEX: i64 = -1;
    let Some((lo, hi)) = my_stack_block() else {
        return false;
    };
    let Ok(text) = std::fs::read_to_string(format!("/proc/self/task/{js_tid}/syscall")) else {
        return false;
    };
    let mut fields = text.split_whitespace();
    let nr = fields.next().and_then(|f| f.parse::<i64>().ok());
    let addr = fields
        .next()
        .and_then(|f| usize::from_str_radix(f.trim_start_matches("0x"), 16).ok());
    matches!((nr, addr), (Some(n), Some(a)) if n == SYS_FUTEX && (lo..hi).contains(&a))
}

#[cfg(not(target_os = "linux"))]
fn js_thread_waits_for_me(_js_tid: i64) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// Real threads: every waiter gets exactly its own result, whether `complete` runs before
    /// or after it started waiting.
    #[test]
    fn waiters_get_their_own_results() {
        let state = FfiState::new();
        let replies: Vec<Arc<Reply>> = (0..64).map(|_| Arc::new(Reply::new())).collect();
        let waiters: Vec<_> = replies
            .iter()
            .cloned()
            .map(|r| {
                let state = state.clone();
                std::thread::spawn(move || r.wait(&state, || false))
            })
            .collect();
        for (i, r) in replies.iter().enumerate() {
            if i % 2 == 0 {
                std::thread::yield_now();
            }
            r.complete(i as u64 * 3);
        }
        for (i, w) in waiters.into_iter().enumerate() {
            assert_eq!(w.join().ok(), Some(Some(i as u64 * 3)));
        }
    }

    /// `abandon` wakes a waiter with no result; a result delivered after that is ignored.
    #[test]
    fn abandon_wakes_the_waiter_and_wins_over_a_late_result() {
        let state = FfiState::new();
        let r = Arc::new(Reply::new());
        let w = {
            let (r, state) = (r.clone(), state.clone());
            std::thread::spawn(move || r.wait(&state, || false))
        };
        std::thread::sleep(Duration::from_millis(20));
        r.abandon();
        r.complete(7);
        assert_eq!(w.join().ok(), Some(None));
        assert!(r.is_abandoned());
    }

    /// A loop that has shut down ends the wait within a poll period.
    #[test]
    fn a_closed_loop_ends_the_wait() {
        let state = FfiState::new();
        let r = Reply::new();
        let started = Instant::now();
        assert_eq!(r.wait(&state, || true), None);
        assert!(started.elapsed() < Duration::from_secs(1));
    }
}
