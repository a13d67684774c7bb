//! The queue of calls to one JSCallback made from other threads.
//!
//! It is split into lanes: a calling thread always uses the same lane (picked once per thread),
//! so threads calling concurrently do not fight over one lock or one cache line, and calls from
//! one thread stay in order. The JS thread takes a lane's whole batch with one swap. One
//! `scheduled` flag makes sure a single drain job is posted per burst.
//!
//! Back-pressure: a lane holds at most `LANE_CAPACITY` calls. A thread whose lane is full waits
//! until the JS thread has taken the batch — except while the JS thread is inside a native
//! call, which may itself be waiting for the caller (then the lane grows: blocking could
//! deadlock the program, and the JS thread drains it when the call returns). The lanes are
//! allocated on the first call from another thread, so callbacks only called on the JS thread
//! cost nothing here.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock};
use std::time::Duration;

/// Number of lanes; threads beyond this share lanes (still correct, only more contended).
pub const LANES: usize = 16;

/// Calls one lane holds before its callers wait (see the module comment).
pub const LANE_CAPACITY: usize = 4096;

/// The calls queued in one lane.
pub struct Batch<R> {
    /// Raw argument bits, `nargs` per call, in arrival order.
    pub args: Vec<u64>,
    /// Number of calls (callbacks without arguments have no bits to count).
    pub calls: usize,
    /// One per call for callbacks whose callers wait for a result; empty otherwise.
    pub replies: Vec<R>,
}

impl<R> Default for Batch<R> {
    fn default() -> Self {
        Batch {
            args: Vec::new(),
            calls: 0,
            replies: Vec::new(),
        }
    }
}

/// A lane on its own cache lines, so neighbouring lanes do not share one.
#[repr(align(128))]
struct Lane<R> {
    /// Threads of this lane currently inside the callback's trampoline. Kept per lane (not one
    /// counter per callback) so that threads calling at once do not bounce one cache line, and
    /// on a line of its own: the JS thread locks `batch` to take it, and a counter sharing that
    /// line made every call's `leave` wait for the line to come back (a tenth of the producers'
    /// time in `perf`).
    in_flight: CacheLine<AtomicUsize>,
    batch: Mutex<Batch<R>>,
    /// Signalled when a full lane was emptied.
    space: Condvar,
}

#[repr(align(128))]
struct CacheLine<T>(T);

/// The rest of a batch the JS thread stopped in (a callback threw, or the drain ran out of
/// time): run first by the next drain, before anything newer from its lane.
pub struct Held<R> {
    pub lane: usize,
    pub batch: Batch<R>,
    /// The first call not yet run.
    pub next: usize,
}

pub struct CallQueue<R> {
    lanes: OnceLock<Box<[Lane<R>]>>,
    /// A drain job is posted and has not started yet.
    scheduled: AtomicBool,
    /// Emptied buffers given to the next lane taken, so the lanes do not grow theirs again
    /// from nothing after every drain. Only the JS thread uses it.
    spare: Mutex<Option<Batch<R>>>,
    /// See `Held`; only the JS thread sets it.
    held: Mutex<Option<Held<R>>>,
}

static NEXT_LANE: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static MY_LANE: Cell<usize> = const { Cell::new(usize::MAX) };
}

/// This thread's lane: assigned round-robin on first use, so up to `LANES` threads get a lane
/// each.
fn my_lane() -> usize {
    MY_LANE.with(|l| {
        let mut i = l.get();
        if i == usize::MAX {
            i = NEXT_LANE.fetch_add(1, Ordering::Relaxed) % LANES;
            l.set(i);
        }
        i
    })
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding a lane lock cannot leave a batch half-written in a way that matters
    // more than losing calls; keep going with the data.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl<R> Default for CallQueue<R> {
    fn default() -> Self {
        Self::new()
    }
}

impl<R> CallQueue<R> {
    pub fn new() -> Self {
        CallQueue {
            lanes: OnceLock::new(),
            scheduled: AtomicBool::new(false),
            spare: Mutex::new(None),
            held: Mutex::new(None),
        }
    }

    fn lanes(&self) -> &[Lane<R>] {
        self.lanes.get_or_init(|| {
            (0..LANES)
                .map(|_| Lane {
                    in_flight: CacheLine(AtomicUsize::new(0)),
                    batch: Mutex::new(Batch::default()),
                    space: Condvar::new(),
                })
                .collect()
        })
    }

    /// The calling (foreign) thread enters the callback: counted until `leave` with the
    /// returned lane. SeqCst pairs with the `closed` flag: a thread either counts itself before
    /// the JS thread looks (`in_flight`), or sees the callback closed.
    #[inline]
    pub fn enter(&self) -> usize {
        let lane = my_lane();
        self.lanes()[lane]
            .in_flight
            .0
            .fetch_add(1, Ordering::SeqCst);
        lane
    }

    #[inline]
    pub fn leave(&self, lane: usize) {
        self.lanes()[lane]
            .in_flight
            .0
            .fetch_sub(1, Ordering::SeqCst);
    }

    /// Foreign threads currently between `enter` and `leave`.
    pub fn in_flight(&self) -> usize {
        self.lanes.get().map_or(0, |lanes| {
            lanes
                .iter()
                .map(|l| l.in_flight.0.load(Ordering::SeqCst))
                .sum()
        })
    }

    /// Queues one call from the current thread. While the lane is full, waits for the JS
    /// thread as long as `may_wait()` holds. Returns `true` when the caller must post a drain
    /// job (none is pending).
    #[cfg(test)]
    pub fn push(&self, raw: &[u64], reply: Option<R>, may_wait: impl Fn() -> bool) -> bool {
        self.push_to(my_lane(), raw, reply, may_wait)
    }

    /// `push` into lane `lane`, the one `enter` returned.
    #[inline]
    pub fn push_to(
        &self,
        lane: usize,
        raw: &[u64],
        reply: Option<R>,
        may_wait: impl Fn() -> bool,
    ) -> bool {
        {
            let lane = &self.lanes()[lane % LANES];
            let mut b = lock(&lane.batch);
            while b.calls >= LANE_CAPACITY && may_wait() {
                // A full lane always has a drain job pending (the push that filled it posted
                // one or saw one posted), so the wait ends when that job takes the batch. The
                // timeout re-checks `may_wait` (the JS thread may enter a native call).
                b = lane
                    .space
                    .wait_timeout(b, Duration::from_millis(1))
                    .unwrap_or_else(|p| p.into_inner())
                    .0;
            }
            // Word by word after one reservation: a few words, where a copy of unknown length
            // would call `memcpy`.
            b.args.reserve(raw.len());
            for &word in raw {
                b.args.push(word);
            }
            b.calls += 1;
            if let Some(r) = reply {
                b.replies.push(r);
            }
        }
        self.claim_drain()
    }

    /// `true` exactly once per burst: for the caller that must post the drain job. SeqCst pairs
    /// with `finish_drain`: a call pushed after the drain job looked at its lane always sees
    /// `scheduled == false` and posts a new job.
    fn claim_drain(&self) -> bool {
        !self.scheduled.load(Ordering::SeqCst) && !self.scheduled.swap(true, Ordering::SeqCst)
    }

    /// Called by the drain job when it has emptied every lane: from now on a new call posts a
    /// new job. Returns `true` when calls arrived meanwhile and the caller has claimed them (it
    /// must drain again or post a job). While a drain job runs, `scheduled` stays set, so
    /// callers do not post jobs (nor wake the loop) for calls the running job will see anyway.
    pub fn finish_drain(&self) -> bool {
        self.scheduled.store(false, Ordering::SeqCst);
        self.claim_if_pending()
    }

    /// Takes everything queued in lane `i`, leaving the spare buffers (emptied, capacity kept)
    /// in its place.
    pub fn take(&self, i: usize) -> Batch<R> {
        let Some(lanes) = self.lanes.get() else {
            return Batch::default();
        };
        let lane = &lanes[i];
        let mut batch = lock(&lane.batch);
        if batch.calls == 0 {
            // Nothing to take: keep the lane's buffers (they may be the grown ones), and the
            // spare for a lane that has calls.
            return Batch::default();
        }
        let mut spare = lock(&self.spare).take().unwrap_or_default();
        spare.args.clear();
        spare.replies.clear();
        spare.calls = 0;
        let taken = std::mem::replace(&mut *batch, spare);
        drop(batch);
        if taken.calls >= LANE_CAPACITY {
            lane.space.notify_all();
        }
        taken
    }

    /// Gives a batch that was run back, as the spare buffers for the next `take`.
    pub fn recycle(&self, batch: Batch<R>) {
        if batch.args.capacity() > 0 || batch.replies.capacity() > 0 {
            *lock(&self.spare) = Some(batch);
        }
    }

    /// Keeps the rest of a batch, from call `next` on, for the next drain (see `Held`): the
    /// calls are not copied.
    pub fn hold(&self, lane: usize, batch: Batch<R>, next: usize) {
        if next < batch.calls {
            *lock(&self.held) = Some(Held { lane, batch, next });
        } else {
            self.recycle(batch);
        }
    }

    /// The held rest of a batch, if a drain stopped inside one.
    pub fn take_held(&self) -> Option<Held<R>> {
        lock(&self.held).take()
    }

    /// After a drain stopped early: `true` when calls are still queued and the caller must
    /// post a drain job for them.
    fn claim_if_pending(&self) -> bool {
        let pending = lock(&self.held).is_some()
            || self
                .lanes
                .get()
                .is_some_and(|lanes| lanes.iter().any(|l| lock(&l.batch).calls > 0));
        pending && self.claim_drain()
    }

    /// No call is queued and no drain job is pending.
    pub fn is_idle(&self) -> bool {
        !self.scheduled.load(Ordering::SeqCst)
            && lock(&self.held).is_none()
            && self
                .lanes
                .get()
                .is_none_or(|lanes| lanes.iter().all(|l| lock(&l.batch).calls == 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;
    use std::sync::Arc;

    /// Real threads against a draining consumer: every call arrives once, in order per thread,
    /// and no lane ever holds more than its capacity while the consumer may be waited for.
    #[test]
    fn lanes_are_bounded_ordered_and_lossless_under_real_threads() {
        const THREADS: u64 = 8;
        const CALLS: u64 = 50_000;
        let q: Arc<CallQueue<()>> = Arc::new(CallQueue::new());
        let posts = Arc::new(AtomicUsize::new(0));
        let producers: Vec<_> = (0..THREADS)
            .map(|t| {
                let q = q.clone();
                let posts = posts.clone();
                std::thread::spawn(move || {
                    for s in 0..CALLS {
                        if q.push(&[t, s], None, || true) {
                            posts.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                })
            })
            .collect();
        let mut next = vec![0u64; THREADS as usize];
        let mut seen = 0u64;
        let mut max_batch = 0usize;
        while seen < THREADS * CALLS {
            for lane in 0..LANES {
                let b = q.take(lane);
                max_batch = max_batch.max(b.calls);
                for c in b.args.chunks(2) {
                    let (t, s) = (c[0] as usize, c[1]);
                    assert_eq!(s, next[t], "thread {t} out of order");
                    next[t] += 1;
                    seen += 1;
                }
                q.recycle(b);
            }
            if q.finish_drain() {
                posts.fetch_add(1, Ordering::Relaxed);
            }
            std::thread::yield_now();
        }
        for p in producers {
            p.join().expect("producer");
        }
        for lane in 0..LANES {
            assert_eq!(q.take(lane).calls, 0);
        }
        assert!(next.iter().all(|&n| n == CALLS));
        // A lane never holds more than its capacity while its callers may wait.
        assert!(max_batch <= LANE_CAPACITY, "batch of {max_batch}");
        assert!(posts.load(Ordering::Relaxed) >= 1);
    }

    /// `may_wait() == false` (the JS thread is in a native call) lets a full lane grow.
    #[test]
    fn a_full_lane_grows_when_waiting_is_not_allowed() {
        let q: CallQueue<()> = CallQueue::new();
        for i in 0..(LANE_CAPACITY as u64 * 2) {
            q.push(&[i], None, || false);
        }
        let total: usize = (0..LANES).map(|l| q.take(l).calls).sum();
        assert_eq!(total, LANE_CAPACITY * 2);
    }
}
