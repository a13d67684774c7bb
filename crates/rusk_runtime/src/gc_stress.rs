//! GC stress mode: the engine collects garbage every few allocations, so that a value the
//! engine (or rusk's native code) forgot to keep alive is freed at once and the bug shows as a
//! crash or a wrong result in tests, not as rare heap corruption in production.
//!
//! It wraps the engine's allocator: every `period` allocations it lowers the runtime's GC
//! threshold to zero, so the engine runs a full collection at its next object allocation — the
//! engine's own collection point, which keeps the collection itself as safe as a normal one.
//! The engine carves small objects out of 4 KiB arenas, so "allocations" here are the engine's
//! requests to the system allocator (arena refills, strings, arrays, bytecode), not every object.
//! Turned on with [`crate::RuntimeBuilder::gc_stress`] or `RUSK_GC_STRESS=N` (a collection
//! after every N-th allocation; `1` is the strongest).

use std::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::Arc;

use rquickjs::allocator::{Allocator, RustAllocator};
use rquickjs::qjs;

/// The collection period `RUSK_GC_STRESS` asks for: unset, empty or `0` means off, `N` a
/// collection after every N-th allocation; any other word (`on`, `true`) means 1.
pub fn period_from_env() -> Option<u32> {
    let value = std::env::var("RUSK_GC_STRESS").ok()?;
    match value.trim().parse::<u32>() {
        Ok(0) => None,
        Ok(n) => Some(n),
        Err(_) if value.trim().is_empty() => None,
        Err(_) => Some(1),
    }
}

pub struct GcStressAllocator {
    inner: RustAllocator,
    period: u32,
    count: u32,
    /// The runtime, known once it exists (allocations made while creating it are not counted).
    runtime: Arc<AtomicPtr<qjs::JSRuntime>>,
}

impl GcStressAllocator {
    pub fn new(period: u32, runtime: Arc<AtomicPtr<qjs::JSRuntime>>) -> Self {
        GcStressAllocator {
            inner: RustAllocator,
            period: period.max(1),
            count: 0,
            runtime,
        }
    }

    fn tick(&mut self) {
        self.count += 1;
        if self.count < self.period {
            return;
        }
        self.count = 0;
        let rt = self.runtime.load(Ordering::Relaxed);
        if !rt.is_null() {
            // SAFETY: `rt` is the live runtime this allocator serves (set after creation, and the
            // allocator is dropped with the runtime); JS_SetGCThreshold only stores a number and
            // is safe to call from inside an allocation.
            unsafe { qjs::JS_SetGCThreshold(rt, 0) };
        }
    }
}

// SAFETY: every call is forwarded unchanged to rquickjs's RustAllocator, which upholds the
// contract; counting allocations does not touch the memory.
unsafe impl Allocator for GcStressAllocator {
    fn alloc(&mut self, size: usize) -> *mut u8 {
        self.tick();
        self.inner.alloc(size)
    }

    fn calloc(&mut self, count: usize, size: usize) -> *mut u8 {
        self.tick();
        self.inner.calloc(count, size)
    }

    unsafe fn dealloc(&mut self, ptr: *mut u8) {
        // SAFETY: forwarded; `ptr` came from `inner`.
        unsafe { self.inner.dealloc(ptr) }
    }

    unsafe fn realloc(&mut self, ptr: *mut u8, new_size: usize) -> *mut u8 {
        self.tick();
        // SAFETY: forwarded; `ptr` came from `inner`.
        unsafe { self.inner.realloc(ptr, new_size) }
    }

    unsafe fn usable_size(ptr: *mut u8) -> usize {
        // SAFETY: forwarded; `ptr` came from RustAllocator.
        unsafe { RustAllocator::usable_size(ptr) }
    }
}

/// A shared, initially empty runtime pointer for [`GcStressAllocator`].
pub fn runtime_slot() -> Arc<AtomicPtr<qjs::JSRuntime>> {
    Arc::new(AtomicPtr::new(ptr::null_mut()))
}
