//! rusk:ffi cases that end the process or used to crash it (tests/ffi/lifecycle/*.ts), each run
//! as a child `rusk run` with the FFI fixture: exit status, time to exit and output.

mod common;

use std::process::Output;
use std::time::{Duration, Instant};

use common::{fixture, rusk, text};

/// Runs a lifecycle script; returns its output and how long the process lived.
fn run(script: &str) -> (Output, Duration) {
    let started = Instant::now();
    let o = rusk()
        .args(["run", &format!("tests/ffi/lifecycle/{script}")])
        .env("FFI_FIXTURE", fixture())
        .output()
        .expect("run rusk");
    (o, started.elapsed())
}

/// No signal: a crash shows as a missing exit code (killed by SIGSEGV/SIGABRT).
fn exit_code(o: &Output) -> i32 {
    o.status
        .code()
        .unwrap_or_else(|| panic!("killed by a signal: {:?}\n{}", o.status, text(o)))
}

#[test]
fn script_ends_while_threads_call_a_void_threadsafe_callback() {
    for _ in 0..3 {
        let (o, took) = run("exit_while_void_calls.ts");
        assert_eq!(exit_code(&o), 0, "{}", text(&o));
        assert!(text(&o).contains("delivered: true"), "{}", text(&o));
        assert!(took < Duration::from_secs(3), "took {took:?}");
    }
}

#[test]
fn script_ends_while_threads_wait_on_a_blocking_threadsafe_callback() {
    for _ in 0..3 {
        let (o, took) = run("exit_while_blocking_calls.ts");
        assert_eq!(exit_code(&o), 0, "{}", text(&o));
        assert!(text(&o).contains("delivered: true"), "{}", text(&o));
        assert!(took < Duration::from_secs(3), "took {took:?}");
    }
}

#[test]
fn a_throwing_threadsafe_callback_ends_the_program_cleanly() {
    let (o, took) = run("throw_while_calls.ts");
    let t = text(&o);
    assert_eq!(exit_code(&o), 1, "{t}");
    assert!(t.contains("Error: boom from a threadsafe callback"), "{t}");
    assert!(!t.contains("still running"), "{t}");
    assert!(took < Duration::from_secs(3), "took {took:?}");
}

#[test]
fn uncaught_exception_and_unhandled_rejection_listeners_get_callback_errors() {
    let (o, _) = run("throw_while_calls_handled.ts");
    let t = text(&o);
    assert_eq!(exit_code(&o), 0, "{t}");
    assert!(
        t.contains("calls=2000 caught=20 rejected=3 outOfOrder=0"),
        "{t}"
    );
}

#[test]
fn ptr_of_a_detached_view_throws_and_leaks_nothing() {
    let (o, _) = run("detached_ptr.ts");
    let t = text(&o);
    assert_eq!(exit_code(&o), 0, "{t}");
    assert!(t.contains("caught 200"), "{t}");
    assert!(!t.contains("Assertion"), "{t}");
}

#[test]
fn an_error_with_a_throwing_message_getter_prints_as_an_error() {
    let (o, _) = run("hostile_error.ts");
    let t = text(&o);
    assert_eq!(exit_code(&o), 1, "{t}");
    assert!(t.starts_with("Error: original message\n"), "{t}");
    assert!(t.contains("hostile_error.ts:3:"), "{t}");
    assert!(!t.contains("Exception {"), "{t}");
}

#[test]
fn throw_null_is_reported_once() {
    let (o, _) = run("throw_null.ts");
    let t = text(&o);
    assert_eq!(exit_code(&o), 1, "{t}");
    assert_eq!(t.matches("Uncaught null").count(), 1, "{t}");
}
