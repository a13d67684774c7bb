//! Exact callers for wide signatures whose arguments are all of one 8-byte kind: `f64`, or a
//! 64-bit integer or pointer. Such a function is called through its own function-pointer type
//! (`extern "C" fn(f64, f64, ..., f64) -> R` with its real argument count), so the compiler
//! lays the arguments out as the C ABI does: the wide form's 22 words are neither zeroed nor
//! loaded, and only the arguments past the registers go on the stack.
//!
//! One caller per (class, argument count, result class) is compiled here: 12 for `f64`
//! (5–16 arguments: below 5 the exact register shapes serve, above 16 the general path) and 8
//! for 64-bit integers (7–14), each for a float and an integer result. Narrower kinds are
//! left to the wide form: Apple's AArch64 ABI packs them on the stack by their size.

use std::ffi::c_void;

/// The most arguments an exact caller takes.
pub const MAX_EXACT: usize = 16;

/// Calls `f` with the first N values of `args` (bits of `f64`s or 64-bit integers, as the
/// caller was chosen for); the raw result register (an `f64`'s bits for a float result).
pub type ExactCaller = unsafe fn(*const c_void, &[u64; MAX_EXACT]) -> u64;

/// Stands for one argument's type in a caller's function-pointer type.
macro_rules! arg_type {
    ($_index:tt, $ty:ty) => {
        $ty
    };
}

/// One exact caller: `$name` calls an `extern "C" fn` of `$arg`s at `[$index...]` returning
/// `$ret` (`f64` results as their bits).
macro_rules! exact_caller {
    ($name:ident, $arg:ident, $ret:ident, [$($index:tt)*]) => {
        unsafe fn $name(f: *const c_void, args: &[u64; MAX_EXACT]) -> u64 {
            // SAFETY: `f` has this exact signature (the caller contract of `ExactCaller`,
            // checked by `caller`'s choice from the declared signature).
            unsafe {
                let g = std::mem::transmute::<
                    *const c_void,
                    unsafe extern "C" fn($(arg_type!($index, $arg)),*) -> $ret,
                >(f);
                exact_caller!(@ret $ret, g($(exact_caller!(@arg $arg, args[$index])),*))
            }
        }
    };
    (@arg f64, $bits:expr) => { f64::from_bits($bits) };
    (@arg u64, $bits:expr) => { $bits };
    (@ret f64, $value:expr) => { $value.to_bits() };
    (@ret u64, $value:expr) => { $value };
}

exact_caller!(f5_f, f64, f64, [0 1 2 3 4]);
exact_caller!(f6_f, f64, f64, [0 1 2 3 4 5]);
exact_caller!(f7_f, f64, f64, [0 1 2 3 4 5 6]);
exact_caller!(f8_f, f64, f64, [0 1 2 3 4 5 6 7]);
exact_caller!(f9_f, f64, f64, [0 1 2 3 4 5 6 7 8]);
exact_caller!(f10_f, f64, f64, [0 1 2 3 4 5 6 7 8 9]);
exact_caller!(f11_f, f64, f64, [0 1 2 3 4 5 6 7 8 9 10]);
exact_caller!(f12_f, f64, f64, [0 1 2 3 4 5 6 7 8 9 10 11]);
exact_caller!(f13_f, f64, f64, [0 1 2 3 4 5 6 7 8 9 10 11 12]);
exact_caller!(f14_f, f64, f64, [0 1 2 3 4 5 6 7 8 9 10 11 12 13]);
exact_caller!(f15_f, f64, f64, [0 1 2 3 4 5 6 7 8 9 10 11 12 13 14]);
exact_caller!(f16_f, f64, f64, [0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15]);
exact_caller!(f5_i, f64, u64, [0 1 2 3 4]);
exact_caller!(f6_i, f64, u64, [0 1 2 3 4 5]);
exact_caller!(f7_i, f64, u64, [0 1 2 3 4 5 6]);
exact_caller!(f8_i, f64, u64, [0 1 2 3 4 5 6 7]);
exact_caller!(f9_i, f64, u64, [0 1 2 3 4 5 6 7 8]);
exact_caller!(f10_i, f64, u64, [0 1 2 3 4 5 6 7 8 9]);
exact_caller!(f11_i, f64, u64, [0 1 2 3 4 5 6 7 8 9 10]);
exact_caller!(f12_i, f64, u64, [0 1 2 3 4 5 6 7 8 9 10 11]);
exact_caller!(f13_i, f64, u64, [0 1 2 3 4 5 6 7 8 9 10 11 12]);
exact_caller!(f14_i, f64, u64, [0 1 2 3 4 5 6 7 8 9 10 11 12 13]);
exact_caller!(f15_i, f64, u64, [0 1 2 3 4 5 6 7 8 9 10 11 12 13 14]);
exact_caller!(f16_i, f64, u64, [0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15]);
exact_caller!(i7_f, u64, f64, [0 1 2 3 4 5 6]);
exact_caller!(i8_f, u64, f64, [0 1 2 3 4 5 6 7]);
exact_caller!(i9_f, u64, f64, [0 1 2 3 4 5 6 7 8]);
exact_caller!(i10_f, u64, f64, [0 1 2 3 4 5 6 7 8 9]);
exact_caller!(i11_f, u64, f64, [0 1 2 3 4 5 6 7 8 9 10]);
exact_caller!(i12_f, u64, f64, [0 1 2 3 4 5 6 7 8 9 10 11]);
exact_caller!(i13_f, u64, f64, [0 1 2 3 4 5 6 7 8 9 10 11 12]);
exact_caller!(i14_f, u64, f64, [0 1 2 3 4 5 6 7 8 9 10 11 12 13]);
exact_caller!(i7_i, u64, u64, [0 1 2 3 4 5 6]);
exact_caller!(i8_i, u64, u64, [0 1 2 3 4 5 6 7]);
exact_caller!(i9_i, u64, u64, [0 1 2 3 4 5 6 7 8]);
exact_caller!(i10_i, u64, u64, [0 1 2 3 4 5 6 7 8 9]);
exact_caller!(i11_i, u64, u64, [0 1 2 3 4 5 6 7 8 9 10]);
exact_caller!(i12_i, u64, u64, [0 1 2 3 4 5 6 7 8 9 10 11]);
exact_caller!(i13_i, u64, u64, [0 1 2 3 4 5 6 7 8 9 10 11 12]);
exact_caller!(i14_i, u64, u64, [0 1 2 3 4 5 6 7 8 9 10 11 12 13]);

/// `f64` arguments, by count from 5, for a float and for an integer result.
const F64_CALLERS: [[ExactCaller; 2]; 12] = [
    [f5_f, f5_i],
    [f6_f, f6_i],
    [f7_f, f7_i],
    [f8_f, f8_i],
    [f9_f, f9_i],
    [f10_f, f10_i],
    [f11_f, f11_i],
    [f12_f, f12_i],
    [f13_f, f13_i],
    [f14_f, f14_i],
    [f15_f, f15_i],
    [f16_f, f16_i],
];

/// 64-bit integer arguments, by count from 7, for a float and for an integer result.
const INT_CALLERS: [[ExactCaller; 2]; 8] = [
    [i7_f, i7_i],
    [i8_f, i8_i],
    [i9_f, i9_i],
    [i10_f, i10_i],
    [i11_f, i11_i],
    [i12_f, i12_i],
    [i13_f, i13_i],
    [i14_f, i14_i],
];

/// The exact caller of `count` arguments of one class (`float`: all `f64`; else all 64-bit
/// integers or pointers), or `None` outside the counts above.
pub fn caller(float: bool, count: usize, returns_float: bool) -> Option<ExactCaller> {
    let result = usize::from(!returns_float);
    if float {
        F64_CALLERS.get(count.checked_sub(5)?).map(|c| c[result])
    } else {
        INT_CALLERS.get(count.checked_sub(7)?).map(|c| c[result])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(clippy::too_many_arguments)]
    extern "C" fn weighted_f(
        a: f64,
        b: f64,
        c: f64,
        d: f64,
        e: f64,
        f: f64,
        g: f64,
        h: f64,
        i: f64,
        j: f64,
        k: f64,
    ) -> f64 {
        [a, b, c, d, e, f, g, h, i, j, k]
            .iter()
            .enumerate()
            .map(|(n, x)| (n as f64 + 1.0) * x)
            .sum()
    }

    #[allow(clippy::too_many_arguments)]
    extern "C" fn weighted_i(
        a: u64,
        b: u64,
        c: u64,
        d: u64,
        e: u64,
        f: u64,
        g: u64,
        h: u64,
        i: u64,
    ) -> u64 {
        [a, b, c, d, e, f, g, h, i]
            .iter()
            .enumerate()
            .map(|(n, x)| (n as u64 + 1) * x)
            .sum()
    }

    #[test]
    fn each_argument_arrives_in_its_place() {
        let mut args = [0u64; MAX_EXACT];
        for (i, a) in args.iter_mut().enumerate().take(11) {
            *a = (i as f64 + 0.5).to_bits();
        }
        let call = caller(true, 11, true).expect("an f64 caller of 11");
        // SAFETY: weighted_f takes eleven f64s and returns an f64.
        let r = f64::from_bits(unsafe { call(weighted_f as *const c_void, &args) });
        let expected: f64 = (0..11).map(|n| (n as f64 + 1.0) * (n as f64 + 0.5)).sum();
        assert_eq!(r, expected);

        let mut args = [0u64; MAX_EXACT];
        for (i, a) in args.iter_mut().enumerate().take(9) {
            *a = 1000 + i as u64;
        }
        let call = caller(false, 9, false).expect("an integer caller of 9");
        // SAFETY: weighted_i takes nine u64s and returns a u64.
        let r = unsafe { call(weighted_i as *const c_void, &args) };
        assert_eq!(r, (0..9).map(|n| (n + 1) * (1000 + n)).sum::<u64>());
    }

    #[test]
    fn counts_outside_the_table_have_no_caller() {
        assert!(caller(true, 4, true).is_none());
        assert!(caller(true, 17, false).is_none());
        assert!(caller(false, 6, false).is_none());
        assert!(caller(false, 15, true).is_none());
        assert!(caller(true, 16, false).is_some());
        assert!(caller(false, 14, true).is_some());
    }
}
