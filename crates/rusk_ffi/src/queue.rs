//! The queue of calls to one JSCallback made from other threads.
//!
//! It is split into lanes: a calling thread always uses the same lane (picked once per thread),
//! so threads calling concurrently do not fight over one lock or one cache line, and calls from
//! one thread stay in order. The JS thread takes a lane's whole batch with one swap. One
//! `scheduled` flag makes sure a single drain job is posted per burst.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Number of lanes; threads beyond this share lanes (still correct, only more contended).
pub const LANES: usize = 16;

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
struct Lane<R>(Mutex<Batch<R>>);

pub struct CallQueue<R> {
    lanes: Box<[Lane<R>]>,
    /// A drain job is posted and has not started yet.
    scheduled: AtomicBool,
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

impl<R> CallQueue<R> {
    pub fn new() -> Self {
        CallQueue {
            lanes: (0..LANES)
                .map(|_| Lane(Mutex::new(Batch::default())))
                .collect(),
            scheduled: AtomicBool::new(false),
        }
    }

    /// Queues one call from the current thread. Returns `true` when the caller must post a
    /// drain job (none is pending).
    pub fn push(&self, raw: &[u64], reply: Option<R>) -> bool {
        {
            let mut b = lock(&self.lanes[my_lane()].0);
            b.args.extend_from_slice(raw);
            b.calls += 1;
            if let Some(r) = reply {
                b.replies.push(r);
            }
        }
        self.claim_drain()
    }

    /// `true` exactly once per burst: for the caller that must post the drain job. SeqCst pairs
    /// with `begin_drain`: a call pushed after the drain job looked at its lane always sees
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

    /// Takes everything queued in lane `i`, leaving `spare` (emptied, capacity kept) in its
    /// place so the lane does not grow its buffers again from nothing after every drain.
    pub fn take(&self, i: usize, mut spare: Batch<R>) -> Batch<R> {
        spare.args.clear();
        spare.replies.clear();
        spare.calls = 0;
        std::mem::replace(&mut *lock(&self.lanes[i].0), spare)
    }

    /// Puts calls that were taken but not run back at the front of lane `i`.
    pub fn put_back(&self, i: usize, mut rest: Batch<R>) {
        if rest.calls == 0 {
            return;
        }
        let mut b = lock(&self.lanes[i].0);
        rest.args.append(&mut b.args);
        rest.replies.append(&mut b.replies);
        rest.calls += b.calls;
        *b = rest;
    }

    /// After a drain stopped early: `true` when calls are still queued and the caller must
    /// post a drain job for them.
    fn claim_if_pending(&self) -> bool {
        self.lanes.iter().any(|l| lock(&l.0).calls > 0) && self.claim_drain()
    }

    /// No call is queued and no drain job is pending.
    pub fn is_idle(&self) -> bool {
        !self.scheduled.load(Ordering::SeqCst) && self.lanes.iter().all(|l| lock(&l.0).calls == 0)
    }
}
