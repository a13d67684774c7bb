//! The start-up trace: with `RUSK_TRACE_STARTUP=1`, each phase of starting and ending a program
//! prints its duration to stderr (`rusk: startup: <phase> +0.412 ms (1.093 ms)`), so where the
//! milliseconds go can be measured instead of guessed. Off, a mark costs one relaxed load.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// 0: not decided yet, 1: off, 2: on.
static STATE: AtomicU8 = AtomicU8::new(0);
/// When tracing started and the previous mark.
static MARKS: Mutex<Option<(Instant, Instant)>> = Mutex::new(None);

fn enabled() -> bool {
    match STATE.load(Ordering::Relaxed) {
        1 => false,
        2 => true,
        _ => {
            let on =
                std::env::var_os("RUSK_TRACE_STARTUP").is_some_and(|v| v != "0" && !v.is_empty());
            STATE.store(if on { 2 } else { 1 }, Ordering::Relaxed);
            on
        }
    }
}

/// `mark` with a label made only when tracing (for labels that cost a format).
pub fn mark_with(phase: impl FnOnce() -> String) {
    if enabled() {
        mark(&phase());
    }
}

/// Records that `phase` just ended (the first mark starts the clock: call it first thing in
/// `main`).
pub fn mark(phase: &str) {
    if !enabled() {
        return;
    }
    let now = Instant::now();
    let mut marks = MARKS.lock().unwrap_or_else(|p| p.into_inner());
    match marks.as_mut() {
        None => {
            *marks = Some((now, now));
            eprintln!("rusk: startup: {phase}");
        }
        Some((start, last)) => {
            let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
            eprintln!(
                "rusk: startup: {phase} +{:.3} ms ({:.3} ms)",
                ms(now - *last),
                ms(now - *start)
            );
            *last = now;
        }
    }
}
