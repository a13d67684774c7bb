//! Timer bookkeeping for the event loop. Callbacks live on the JS side (in a Map traced by
//! the GC); Rust keeps only ids, deadlines and whether a timer keeps the loop alive.

use std::collections::{BTreeSet, HashMap};
use std::time::{Duration, Instant};

struct Entry {
    deadline: Instant,
    interval: Option<Duration>,
    delay: Duration,
    refed: bool,
}

#[derive(Default)]
pub(crate) struct Timers {
    order: BTreeSet<(Instant, u64)>,
    entries: HashMap<u64, Entry>,
    refed: usize,
}

impl Timers {
    /// Schedules timer `id` after `delay`; `repeat` makes it an interval.
    pub fn schedule(&mut self, id: u64, delay: Duration, repeat: bool) {
        self.cancel(id);
        let deadline = Instant::now() + delay;
        self.order.insert((deadline, id));
        self.entries.insert(
            id,
            Entry {
                deadline,
                interval: repeat.then_some(delay.max(Duration::from_millis(1))),
                delay,
                refed: true,
            },
        );
        self.refed += 1;
    }

    pub fn cancel(&mut self, id: u64) -> bool {
        if let Some(e) = self.entries.remove(&id) {
            self.order.remove(&(e.deadline, id));
            if e.refed {
                self.refed -= 1;
            }
            true
        } else {
            false
        }
    }

    pub fn set_ref(&mut self, id: u64, refed: bool) {
        if let Some(e) = self.entries.get_mut(&id) {
            if e.refed != refed {
                e.refed = refed;
                if refed {
                    self.refed += 1;
                } else {
                    self.refed -= 1;
                }
            }
        }
    }

    pub fn has_ref(&self, id: u64) -> bool {
        self.entries.get(&id).is_some_and(|e| e.refed)
    }

    /// Restarts a timer's countdown from now.
    pub fn refresh(&mut self, id: u64) {
        if let Some(e) = self.entries.get_mut(&id) {
            self.order.remove(&(e.deadline, id));
            e.deadline = Instant::now() + e.delay;
            self.order.insert((e.deadline, id));
        }
    }

    /// Removes and returns the earliest timer due at `now`; intervals are re-armed.
    pub fn pop_due(&mut self, now: Instant) -> Option<u64> {
        let &(deadline, id) = self.order.iter().next()?;
        if deadline > now {
            return None;
        }
        self.order.remove(&(deadline, id));
        let interval = self.entries.get(&id).and_then(|e| e.interval);
        match interval {
            Some(every) => {
                let next = now + every;
                if let Some(e) = self.entries.get_mut(&id) {
                    e.deadline = next;
                }
                self.order.insert((next, id));
            }
            None => {
                if let Some(e) = self.entries.remove(&id) {
                    if e.refed {
                        self.refed -= 1;
                    }
                }
            }
        }
        Some(id)
    }

    pub fn next_deadline(&self) -> Option<Instant> {
        self.order.iter().next().map(|(d, _)| *d)
    }

    /// True while a referenced timer exists.
    pub fn keeps_alive(&self) -> bool {
        self.refed > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_order_cancel_and_refs() {
        let mut t = Timers::default();
        t.schedule(1, Duration::from_millis(0), false);
        t.schedule(2, Duration::from_millis(0), true);
        t.schedule(3, Duration::from_secs(100), false);
        assert!(t.keeps_alive());
        let now = Instant::now() + Duration::from_millis(1);
        assert_eq!(t.pop_due(now), Some(1));
        assert_eq!(t.pop_due(now), Some(2));
        assert_eq!(t.pop_due(now), None); // interval re-armed in the future
        assert!(t.cancel(2));
        t.set_ref(3, false);
        assert!(!t.keeps_alive());
        assert!(t.next_deadline().is_some());
        assert!(t.cancel(3));
        assert!(t.next_deadline().is_none());
    }
}
