//! The cross-thread queue: any OS thread posts work for the JS thread and wakes the loop.
//!
//! Built for throughput: a post is one mutex push; only the post that finds the queue empty
//! wakes the loop, so a burst of posts costs one wake-up, and the JS thread takes the whole
//! batch with one swap.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rquickjs::Ctx;
use tokio::sync::Notify;

/// A unit of work run on the JS thread. It receives the context; errors it returns are
/// reported like uncaught exceptions.
pub type Job = Box<dyn for<'js> FnOnce(&Ctx<'js>) -> rquickjs::Result<()> + Send>;

pub(crate) struct Shared {
    jobs: Mutex<Vec<Job>>,
    pub(crate) notify: Notify,
    keep_alive: AtomicUsize,
    closed: AtomicBool,
}

/// A `Send + Clone` handle to a runtime's event loop, usable from any thread.
#[derive(Clone)]
pub struct LoopHandle {
    shared: Arc<Shared>,
}

/// Keeps the event loop alive while it exists (a "referenced handle").
pub struct KeepAlive {
    shared: Arc<Shared>,
}

impl Drop for KeepAlive {
    fn drop(&mut self) {
        if self.shared.keep_alive.fetch_sub(1, Ordering::AcqRel) == 1 {
            // The loop may be waiting only because of us: let it re-check.
            self.shared.notify.notify_one();
        }
    }
}

impl LoopHandle {
    pub(crate) fn new() -> Self {
        LoopHandle {
            shared: Arc::new(Shared {
                jobs: Mutex::new(Vec::with_capacity(64)),
                notify: Notify::new(),
                keep_alive: AtomicUsize::new(0),
                closed: AtomicBool::new(false),
            }),
        }
    }

    pub(crate) fn shared(&self) -> &Shared {
        &self.shared
    }

    /// Posts `job` to run on the JS thread. Returns false (dropping the job) when the runtime
    /// has shut down.
    pub fn post(&self, job: Job) -> bool {
        if self.shared.closed.load(Ordering::Acquire) {
            return false;
        }
        let was_empty = {
            let mut jobs = match self.shared.jobs.lock() {
                Ok(g) => g,
                Err(poisoned) => poisoned.into_inner(),
            };
            let was_empty = jobs.is_empty();
            jobs.push(job);
            was_empty
        };
        if was_empty {
            self.shared.notify.notify_one();
        }
        true
    }

    /// Wakes the loop without posting (e.g. after external state changed).
    pub fn wake(&self) {
        self.shared.notify.notify_one();
    }

    /// Returns a guard that keeps the loop running until it is dropped.
    pub fn keep_alive(&self) -> KeepAlive {
        self.shared.keep_alive.fetch_add(1, Ordering::AcqRel);
        KeepAlive {
            shared: self.shared.clone(),
        }
    }

    /// True once the runtime that owns this loop has shut down.
    pub fn is_closed(&self) -> bool {
        self.shared.closed.load(Ordering::Acquire)
    }
}

impl Shared {
    /// Takes every queued job at once.
    pub(crate) fn take_all(&self, into: &mut Vec<Job>) {
        let mut jobs = match self.jobs.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        std::mem::swap(&mut *jobs, into);
    }

    pub(crate) fn is_empty(&self) -> bool {
        match self.jobs.lock() {
            Ok(g) => g.is_empty(),
            Err(poisoned) => poisoned.into_inner().is_empty(),
        }
    }

    pub(crate) fn kept_alive(&self) -> bool {
        self.keep_alive.load(Ordering::Acquire) > 0
    }

    pub(crate) fn close(&self) {
        self.closed.store(true, Ordering::Release);
        let mut dropped = Vec::new();
        self.take_all(&mut dropped);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_from_many_threads_arrive_once_each_in_order_per_thread() {
        let h = LoopHandle::new();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let h = h.clone();
                let seen = seen.clone();
                std::thread::spawn(move || {
                    for i in 0..1000 {
                        let seen = seen.clone();
                        assert!(h.post(Box::new(move |_| {
                            seen.lock().map(|mut s| s.push((t, i))).ok();
                            Ok(())
                        })));
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().ok();
        }
        let mut batch = Vec::new();
        h.shared().take_all(&mut batch);
        assert_eq!(batch.len(), 4000);
        h.shared().close();
        assert!(!h.post(Box::new(|_| Ok(()))));
    }

    #[test]
    fn keep_alive_counts() {
        let h = LoopHandle::new();
        assert!(!h.shared().kept_alive());
        let k = h.keep_alive();
        assert!(h.shared().kept_alive());
        drop(k);
        assert!(!h.shared().kept_alive());
    }
}
