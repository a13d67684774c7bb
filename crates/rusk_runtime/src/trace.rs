//! The start-up trace: with `RUSK_TRACE_STARTUP=1`, each phase of starting and ending a program
//! prints its duration to stderr (`rusk: startup: <phase> +0.412 ms (1.093 ms) 12 faults`), so
//! where the milliseconds go can be measured instead of guessed. The page faults (on Linux) are
//! there because fresh memory is a good part of start-up: each first touch of a page costs
//! microseconds. Off, a mark costs one relaxed load.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// 0: not decided yet, 1: off, 2: on.
static STATE: AtomicU8 = AtomicU8::new(0);
/// When tracing started, the previous mark, and the page faults counted then.
static MARKS: Mutex<Option<(Instant, Instant, u64)>> = Mutex::new(None);

/// The process's minor page faults so far (Linux: field 10 of `/proc/self/stat`; 0 elsewhere).
fn minor_faults() -> u64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|stat| {
            // The command name (field 2) may hold spaces: count fields after its `)`.
            let rest = &stat[stat.rfind(')')? + 1..];
            rest.split_whitespace().nth(7)?.parse().ok()
        })
        .unwrap_or(0)
}

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
    let faults = minor_faults();
    let mut marks = MARKS.lock().unwrap_or_else(|p| p.into_inner());
    match marks.as_mut() {
        None => {
            *marks = Some((now, Instant::now(), faults));
            eprintln!("rusk: startup: {phase} ({faults} faults before main)");
        }
        Some((start, last, last_faults)) => {
            let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
            eprintln!(
                "rusk: startup: {phase} +{:.3} ms ({:.3} ms) {} faults",
                ms(now - *last),
                ms(now - *start),
                faults.saturating_sub(*last_faults)
            );
            // The next phase starts now: reading /proc and printing are the trace's own.
            *last = Instant::now();
            *last_faults = minor_faults();
        }
    }
}
