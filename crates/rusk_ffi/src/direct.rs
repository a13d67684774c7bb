//! Calls without libffi for the common signatures, on the C ABIs where that is exact.
//!
//! On x86-64 System V and AArch64 (AAPCS64) the first integer-class arguments go in integer
//! registers and the first floating-point ones in vector registers, each class counted on its
//! own. So `f(int a, double b, int c)` receives exactly what a call through the pointer type
//! `extern "C" fn(u64, u64, f64)` with `(a, c, b)` passes. Every signature of at most
//! `MAX_INTS` integer-class and `MAX_FLOATS` floating-point arguments is therefore called
//! through one of a fixed set of pointer types, chosen once per symbol: no per-call
//! classification as libffi does. Everything else goes through libffi.
//!
//! Integer arguments are passed as full 64-bit values already sign/zero-extended from their
//! declared width (the value rules produce them that way), which is what callers must do for
//! narrow types. A `float` argument travels as the low 32 bits of a vector register, so it is
//! passed as the `f64` whose bit pattern holds the `f32` bits; a `float` result is the low 32 bits
//! of the returned register.

use std::ffi::c_void;

use crate::types::FfiType;

/// Integer-class arguments passed in registers (x86-64 has 6, AArch64 8; the smaller is used).
pub const MAX_INTS: usize = 6;
/// Floating-point arguments handled on the direct path.
pub const MAX_FLOATS: usize = 4;

/// How a symbol is called directly: argument positions by class and the kind of result.
#[derive(Debug, Clone)]
pub struct DirectCall {
    /// Indexes and types of the integer-class arguments, in order.
    ints: Vec<(u8, FfiType)>,
    /// Indexes of the floating-point arguments, in order.
    floats: Vec<u8>,
    returns_float: bool,
}

/// A narrow integer argument as the full register value C callers pass: its declared width,
/// sign- or zero-extended (the value rules keep all 64 bits of the JS number; libffi would
/// pass only the declared bytes).
#[inline(always)]
pub(crate) fn extend(t: FfiType, bits: u64) -> u64 {
    use FfiType::*;
    match t {
        Char | I8 => bits as i8 as i64 as u64,
        U8 => u64::from(bits as u8),
        Bool => u64::from(bits as u8 != 0),
        I16 => bits as i16 as i64 as u64,
        U16 => u64::from(bits as u16),
        I32 => bits as i32 as i64 as u64,
        U32 => u64::from(bits as u32),
        _ => bits,
    }
}

pub(crate) fn is_float(t: FfiType) -> bool {
    matches!(t, FfiType::F64 | FfiType::F32)
}

impl DirectCall {
    /// The direct form of a signature, when this target has one for it.
    pub fn plan(args: &[FfiType], ret: FfiType) -> Option<DirectCall> {
        if !cfg!(all(
            any(target_arch = "x86_64", target_arch = "aarch64"),
            not(windows)
        )) {
            return None;
        }
        let mut ints = Vec::new();
        let mut floats = Vec::new();
        for (i, t) in args.iter().enumerate() {
            let i = u8::try_from(i).ok()?;
            if is_float(*t) {
                floats.push(i);
            } else {
                ints.push((i, *t));
            }
        }
        (ints.len() <= MAX_INTS && floats.len() <= MAX_FLOATS).then_some(DirectCall {
            ints,
            floats,
            returns_float: is_float(ret),
        })
    }

    /// Calls `f` with the argument bits `slots` (one per declared argument); returns the raw
    /// result register (integer results not yet narrowed to their declared width).
    ///
    /// # Safety
    /// `f` must be a function with the declared signature this plan was made from.
    #[inline]
    pub unsafe fn call(&self, f: *const c_void, slots: &[u64]) -> u64 {
        let mut i = [0u64; MAX_INTS];
        for (dst, &(k, t)) in i.iter_mut().zip(&self.ints) {
            *dst = extend(t, slots[k as usize]);
        }
        let mut d = [0f64; MAX_FLOATS];
        for (dst, &k) in d.iter_mut().zip(&self.floats) {
            *dst = f64::from_bits(slots[k as usize]);
        }
        // SAFETY: per the module comment, the pointer type used below passes every argument in
        // the register the declared signature expects (caller contract on `f`).
        unsafe {
            if self.returns_float {
                dispatch!(f, self.ints.len(), self.floats.len(), i, d, f64).to_bits()
            } else {
                dispatch!(f, self.ints.len(), self.floats.len(), i, d, u64)
            }
        }
    }
}

/// Expands to a call of `$f` through the pointer type with `$ni` `u64` and `$nf` `f64`
/// parameters returning `$r`.
macro_rules! dispatch {
    ($f:expr, $ni:expr, $nf:expr, $i:ident, $d:ident, $r:ty) => {{
        let f = $f;
        match ($ni, $nf) {
            (0, 0) => call_as!(f, $r; ; ),
            (1, 0) => call_as!(f, $r; $i[0]; ),
            (2, 0) => call_as!(f, $r; $i[0], $i[1]; ),
            (3, 0) => call_as!(f, $r; $i[0], $i[1], $i[2]; ),
            (4, 0) => call_as!(f, $r; $i[0], $i[1], $i[2], $i[3]; ),
            (5, 0) => call_as!(f, $r; $i[0], $i[1], $i[2], $i[3], $i[4]; ),
            (6, 0) => call_as!(f, $r; $i[0], $i[1], $i[2], $i[3], $i[4], $i[5]; ),
            (0, 1) => call_as!(f, $r; ; $d[0]),
            (1, 1) => call_as!(f, $r; $i[0]; $d[0]),
            (2, 1) => call_as!(f, $r; $i[0], $i[1]; $d[0]),
            (3, 1) => call_as!(f, $r; $i[0], $i[1], $i[2]; $d[0]),
            (4, 1) => call_as!(f, $r; $i[0], $i[1], $i[2], $i[3]; $d[0]),
            (5, 1) => call_as!(f, $r; $i[0], $i[1], $i[2], $i[3], $i[4]; $d[0]),
            (6, 1) => call_as!(f, $r; $i[0], $i[1], $i[2], $i[3], $i[4], $i[5]; $d[0]),
            (0, 2) => call_as!(f, $r; ; $d[0], $d[1]),
            (1, 2) => call_as!(f, $r; $i[0]; $d[0], $d[1]),
            (2, 2) => call_as!(f, $r; $i[0], $i[1]; $d[0], $d[1]),
            (3, 2) => call_as!(f, $r; $i[0], $i[1], $i[2]; $d[0], $d[1]),
            (4, 2) => call_as!(f, $r; $i[0], $i[1], $i[2], $i[3]; $d[0], $d[1]),
            (5, 2) => call_as!(f, $r; $i[0], $i[1], $i[2], $i[3], $i[4]; $d[0], $d[1]),
            (6, 2) => call_as!(f, $r; $i[0], $i[1], $i[2], $i[3], $i[4], $i[5]; $d[0], $d[1]),
            (0, 3) => call_as!(f, $r; ; $d[0], $d[1], $d[2]),
            (1, 3) => call_as!(f, $r; $i[0]; $d[0], $d[1], $d[2]),
            (2, 3) => call_as!(f, $r; $i[0], $i[1]; $d[0], $d[1], $d[2]),
            (3, 3) => call_as!(f, $r; $i[0], $i[1], $i[2]; $d[0], $d[1], $d[2]),
            (4, 3) => call_as!(f, $r; $i[0], $i[1], $i[2], $i[3]; $d[0], $d[1], $d[2]),
            (5, 3) => call_as!(f, $r; $i[0], $i[1], $i[2], $i[3], $i[4]; $d[0], $d[1], $d[2]),
            (6, 3) => call_as!(f, $r; $i[0], $i[1], $i[2], $i[3], $i[4], $i[5]; $d[0], $d[1], $d[2]),
            (0, 4) => call_as!(f, $r; ; $d[0], $d[1], $d[2], $d[3]),
            (1, 4) => call_as!(f, $r; $i[0]; $d[0], $d[1], $d[2], $d[3]),
            (2, 4) => call_as!(f, $r; $i[0], $i[1]; $d[0], $d[1], $d[2], $d[3]),
            (3, 4) => call_as!(f, $r; $i[0], $i[1], $i[2]; $d[0], $d[1], $d[2], $d[3]),
            (4, 4) => call_as!(f, $r; $i[0], $i[1], $i[2], $i[3]; $d[0], $d[1], $d[2], $d[3]),
            (5, 4) => call_as!(f, $r; $i[0], $i[1], $i[2], $i[3], $i[4]; $d[0], $d[1], $d[2], $d[3]),
            (6, 4) => call_as!(f, $r; $i[0], $i[1], $i[2], $i[3], $i[4], $i[5]; $d[0], $d[1], $d[2], $d[3]),
            // `plan` never makes other shapes.
            _ => unreachable!("direct call shape out of range"),
        }
    }};
}
use dispatch;

/// Calls `$f` as `extern "C" fn(u64 for each int, f64 for each float) -> $r`.
macro_rules! call_as {
    ($f:expr, $r:ty; $($i:expr),*; $($d:expr),*) => {{
        let g = std::mem::transmute::<*const c_void, extern "C" fn($(call_as!(@u $i),)* $(call_as!(@f $d),)*) -> $r>($f);
        g($($i,)* $($d,)*)
    }};
    (@u $x:expr) => { u64 };
    (@f $x:expr) => { f64 };
}
use call_as;

#[cfg(test)]
mod tests {
    use super::*;

    extern "C" fn mixed(a: i32, b: f64, c: i8, d: f32, e: u64) -> f64 {
        f64::from(a) + b + f64::from(c) + f64::from(d) + e as f64
    }

    extern "C" fn ret_f32(a: f32, b: f32) -> f32 {
        a * b
    }

    extern "C" fn narrow(a: i8, b: u16) -> i32 {
        i32::from(a) * 1000 + i32::from(b)
    }

    #[test]
    fn interleaved_classes_reach_the_right_registers() {
        use FfiType::*;
        let plan = DirectCall::plan(&[I32, F64, I8, F32, U64], F64).expect("direct");
        let slots = [
            (-7i64) as u64,
            2.5f64.to_bits(),
            (-3i64) as u64,
            u64::from(1.5f32.to_bits()),
            40,
        ];
        // SAFETY: `mixed` has exactly this signature.
        let r = unsafe { plan.call(mixed as *const c_void, &slots) };
        assert_eq!(f64::from_bits(r), -7.0 + 2.5 - 3.0 + 1.5 + 40.0);
    }

    #[test]
    fn float_results_and_narrow_integers() {
        use FfiType::*;
        let plan = DirectCall::plan(&[F32, F32], F32).expect("direct");
        let slots = [u64::from(1.5f32.to_bits()), u64::from(4.0f32.to_bits())];
        // SAFETY: `ret_f32` has exactly this signature.
        let r = unsafe { plan.call(ret_f32 as *const c_void, &slots) };
        assert_eq!(f32::from_bits(r as u32), 6.0);
        let plan = DirectCall::plan(&[I8, U16], I32).expect("direct");
        // SAFETY: `narrow` has exactly this signature.
        let r = unsafe { plan.call(narrow as *const c_void, &[(-5i64) as u64, 65535]) };
        assert_eq!(r as u32 as i32, -5000 + 65535);
    }

    #[test]
    fn too_many_arguments_fall_back() {
        assert!(DirectCall::plan(&[FfiType::I64; 7], FfiType::I64).is_none());
        assert!(DirectCall::plan(&[FfiType::F64; 5], FfiType::F64).is_none());
        assert!(DirectCall::plan(&[FfiType::I64; 6], FfiType::Void).is_some());
    }
}
