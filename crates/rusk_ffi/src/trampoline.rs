//! Pre-compiled callback trampolines: C function pointers for JSCallbacks without libffi.
//!
//! A libffi closure classifies every argument of every call (`ffi_closure_unix64_inner` and
//! `classify_argument` were ~40% of a calling thread's time). On the C ABIs where `direct.rs`
//! calls without libffi, the same register facts give callbacks a cheaper entry: a callback
//! whose arguments all travel in registers (at most `MAX_INTS` integer-class and `MAX_FLOATS`
//! floating-point ones) receives them exactly as a function of type
//! `extern "C" fn(u64 × 6, f64 × 4)` would — integer arguments in order in the integer
//! registers, floating-point ones in order in the vector registers, unused registers holding
//! whatever the caller left there. So one compiled function serves every such signature; it
//! only has to know which callback it is. `POOL` instances of it exist (`int_trampoline::<K>`,
//! and `float_trampoline::<K>` for float and double results, which return in a vector
//! register), each reading its callback from slot `K` of a table. Callbacks beyond the pool, or
//! with other signatures, use libffi closures.
//!
//! Narrow integer arguments arrive with undefined upper bits (the callee extends them), and a
//! `float` argument is the low 32 bits of its vector register; both are handled when the raw
//! argument bits are rebuilt. A slot is reused only after its callback was freed (see
//! `callback.rs` for when that is).

use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::Mutex;

use crate::callback::{dispatch, CallbackData};
use crate::direct::{extend, is_float, MAX_FLOATS, MAX_INTS};
use crate::types::FfiType;

/// Trampolines compiled in (must equal `POOL` in build.rs).
pub const POOL: usize = 1024;

type IntTrampoline = extern "C" fn(u64, u64, u64, u64, u64, u64, f64, f64, f64, f64) -> u64;
type FloatTrampoline = extern "C" fn(u64, u64, u64, u64, u64, u64, f64, f64, f64, f64) -> f64;

/// The callback each trampoline serves (null: free, or freed).
static SLOTS: [AtomicPtr<CallbackData>; POOL] =
    [const { AtomicPtr::new(std::ptr::null_mut()) }; POOL];
/// Free slot numbers (lazily filled).
static FREE: Mutex<Option<Vec<usize>>> = Mutex::new(None);

/// Where each declared argument arrives: the register index within its class.
#[derive(Clone, Debug)]
pub struct RegisterPlan {
    /// (argument index, type) of the integer-class arguments, in register order.
    ints: Vec<(u8, FfiType)>,
    /// (argument index, type) of the floating-point arguments, in register order.
    floats: Vec<(u8, FfiType)>,
    returns_float: bool,
}

impl RegisterPlan {
    /// The plan for a signature, when every argument travels in a register on this target.
    pub fn new(args: &[FfiType], ret: FfiType) -> Option<RegisterPlan> {
        if !cfg!(all(
            any(target_arch = "x86_64", target_arch = "aarch64"),
            not(windows)
        )) || std::env::var_os("RUSK_FFI_NO_DIRECT").is_some()
        {
            return None;
        }
        let mut ints = Vec::new();
        let mut floats = Vec::new();
        for (i, t) in args.iter().enumerate() {
            let i = u8::try_from(i).ok()?;
            if is_float(*t) {
                floats.push((i, *t));
            } else {
                ints.push((i, *t));
            }
        }
        (ints.len() <= MAX_INTS && floats.len() <= MAX_FLOATS).then_some(RegisterPlan {
            ints,
            floats,
            returns_float: is_float(ret),
        })
    }
}

/// A trampoline bound to `data`: its slot and code address. `None` when the pool is used up.
pub fn claim(plan: &RegisterPlan, data: *const CallbackData) -> Option<(usize, u64)> {
    let k = {
        let mut free = FREE.lock().unwrap_or_else(|p| p.into_inner());
        let free = free.get_or_insert_with(|| (0..POOL).rev().collect());
        free.pop()?
    };
    SLOTS[k].store(data as *mut CallbackData, Ordering::Release);
    let code = if plan.returns_float {
        FLOAT_TRAMPOLINES[k] as usize as u64
    } else {
        INT_TRAMPOLINES[k] as usize as u64
    };
    Some((k, code))
}

/// Frees slot `k` (its callback is being freed: no thread is inside it).
pub fn release(k: usize) {
    SLOTS[k].store(std::ptr::null_mut(), Ordering::Release);
    FREE.lock()
        .unwrap_or_else(|p| p.into_inner())
        .get_or_insert_with(Vec::new)
        .push(k);
}

/// The common body of every trampoline: rebuilds the raw argument bits from the registers and
/// runs the call as the libffi entry does.
#[inline(always)]
fn enter(k: usize, ints: [u64; MAX_INTS], floats: [f64; MAX_FLOATS]) -> u64 {
    let data = SLOTS[k].load(Ordering::Acquire);
    if data.is_null() {
        // A pointer to a freed callback (called long after close()): nothing to run.
        return 0;
    }
    // SAFETY: a slot holds its callback until `release`, which happens only when the callback
    // is freed (quiet, and retired long enough); orphaned callbacks keep their slot forever.
    let data = unsafe { &*data };
    let shared = &*data.shared;
    let Some(plan) = shared.plan.as_ref() else {
        return 0;
    };
    let mut raw = [0u64; MAX_INTS + MAX_FLOATS];
    let raw = &mut raw[..shared.args.len()];
    for (&(i, t), &bits) in plan.ints.iter().zip(&ints) {
        raw[i as usize] = extend(t, bits);
    }
    for (&(i, t), &d) in plan.floats.iter().zip(&floats) {
        let bits = d.to_bits();
        raw[i as usize] = if t == FfiType::F32 {
            bits & 0xffff_ffff
        } else {
            bits
        };
    }
    let mut result = 0u64;
    // SAFETY: `data` is a live callback and `raw` holds one value per declared argument.
    unsafe { dispatch(data, &mut result as *mut u64 as *mut u8, raw) };
    result
}

#[allow(clippy::too_many_arguments)]
extern "C" fn int_trampoline<const K: usize>(
    a0: u64,
    a1: u64,
    a2: u64,
    a3: u64,
    a4: u64,
    a5: u64,
    f0: f64,
    f1: f64,
    f2: f64,
    f3: f64,
) -> u64 {
    enter(K, [a0, a1, a2, a3, a4, a5], [f0, f1, f2, f3])
}

#[allow(clippy::too_many_arguments)]
extern "C" fn float_trampoline<const K: usize>(
    a0: u64,
    a1: u64,
    a2: u64,
    a3: u64,
    a4: u64,
    a5: u64,
    f0: f64,
    f1: f64,
    f2: f64,
    f3: f64,
) -> f64 {
    // A float result is the low 32 bits of the register: `write_result` left the upper bits 0.
    f64::from_bits(enter(K, [a0, a1, a2, a3, a4, a5], [f0, f1, f2, f3]))
}

include!(concat!(env!("OUT_DIR"), "/trampolines.rs"));
