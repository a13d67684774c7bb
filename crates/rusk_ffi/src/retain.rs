//! `ptr()` keeps what it points into alive until the current turn of the event loop ends.
//!
//! QuickJS frees an object the moment its last reference goes, so in
//! `strlen(ptr(Buffer.from("abc\0")))` the buffer would be gone before `strlen` runs (Bun's
//! collector happens to keep such temporaries, and packages rely on it). `ptr()` therefore
//! holds a reference to its view until the event loop finishes the current turn (every job,
//! timer and microtask of it), so a pointer stays valid for at least the task that made it.
//!
//! Bounded: at most `MAX_KEPT` objects and `MAX_BYTES` bytes are held; beyond that the oldest
//! are let go first (a loop making millions of temporary buffers in one task keeps only the
//! most recent ones). The same object is held once however often `ptr()` sees it.

use std::collections::{HashSet, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

use rquickjs::qjs::{self, JSContext, JSValue};

/// Most objects held at once.
pub const MAX_KEPT: usize = 4096;
/// Most bytes (of the views' lengths) held at once.
pub const MAX_BYTES: usize = 64 << 20;

/// Object addresses are already well spread: one multiply is hash enough (SipHash would cost
/// more than the rest of `ptr()`).
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[derive(Default)]
pub struct Retained {
    held: VecDeque<(usize, JSValue, usize)>,
    keys: HashSet<usize, BuildHasherDefault<AddressHasher>>,
    bytes: usize,
}

impl Retained {
    /// Holds `v` (an object of `ctx`, `len` bytes) until `release_all`.
    ///
    /// # Safety
    /// Live ctx on the JS thread; `v` an object value of it.
    pub unsafe fn hold(&mut self, ctx: *mut JSContext, v: JSValue, len: usize) -> Vec<JSValue> {
        // SAFETY: `v` is an object (caller contract): its pointer identifies it.
        let key = unsafe { qjs::JS_VALUE_GET_PTR(v) } as usize;
        // The common loop `f(ptr(buf))` passes the same object again and again.
        if self.held.back().is_some_and(|(k, _, _)| *k == key) || !self.keys.insert(key) {
            return Vec::new();
        }
        // SAFETY: a new reference we own until released.
        self.held
            .push_back((key, unsafe { qjs::JS_DupValue(ctx, v) }, len));
        self.bytes += len;
        let mut evicted = Vec::new();
        while self.held.len() > 1 && (self.held.len() > MAX_KEPT || self.bytes > MAX_BYTES) {
            if let Some((k, old, n)) = self.held.pop_front() {
                self.keys.remove(&k);
                self.bytes -= n;
                evicted.push(old);
            }
        }
        evicted
    }

    /// What is held now (borrowed references).
    pub fn values(&self) -> impl Iterator<Item = JSValue> + '_ {
        self.held.iter().map(|(_, v, _)| *v)
    }

    /// Everything held, to be freed by the caller (outside any borrow: freeing may run
    /// finalizers).
    pub fn take_all(&mut self) -> Vec<JSValue> {
        self.keys.clear();
        self.bytes = 0;
        self.held.drain(..).map(|(_, v, _)| v).collect()
    }
}
