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
//! Signatures with more arguments than that (more than 6 integer-class or 4 floating-point ones)
//! take the *wide* form: one pointer type with every argument register of both classes
//! (6 integer, 8 vector) followed by `MAX_STACK` 8-byte values, which the ABI puts on the stack
//! in order. Registers and stack slots the callee does not declare are passed and ignored, which
//! both ABIs allow for functions that are not variadic. Arguments beyond the callee's registers
//! are laid into those values in the order the ABI assigns them (`WideLayout::plan`).
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

/// Vector registers of the wide form (x86-64 and AArch64 both pass 8).
pub const WIDE_FLOATS: usize = 8;
/// 8-byte values after the registers in the wide form: arguments the callee takes from the
/// stack (and, on AArch64, its 7th and 8th integer registers).
pub const MAX_STACK: usize = 8;

/// Integer registers beyond the first `MAX_INTS`: AArch64 has two more (x6, x7), which the
/// first two of the wide form's trailing values reach.
const EXTRA_INT_REGISTERS: usize = if cfg!(target_arch = "aarch64") { 2 } else { 0 };
/// Whether arguments may go to memory: Apple's AArch64 ABI packs stack arguments by their
/// natural size instead of one 8-byte slot each, which the wide form's `u64`s would not match.
const STACK_ARGUMENTS: bool = !cfg!(all(target_arch = "aarch64", target_vendor = "apple"));

/// Where one argument travels in a wide call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Int(u8),
    Float(u8),
    /// Index into the trailing values.
    Stack(u8),
}

/// Words of a wide call's register file.
pub const WIDE_WORDS: usize = MAX_INTS + WIDE_FLOATS + MAX_STACK;

impl Slot {
    /// This slot's word in `WideRegisters`: integer registers, then vector registers (as their
    /// bits), then the trailing values.
    pub fn word(self) -> u8 {
        match self {
            Slot::Int(r) => r,
            Slot::Float(r) => MAX_INTS as u8 + r,
            Slot::Stack(k) => (MAX_INTS + WIDE_FLOATS) as u8 + k,
        }
    }
}

/// The register file of a wide call, one flat array so that an argument's store is one
/// indexed write (`Slot::word`).
pub struct WideRegisters {
    pub words: [u64; WIDE_WORDS],
}

impl Default for WideRegisters {
    fn default() -> Self {
        WideRegisters {
            words: [0; WIDE_WORDS],
        }
    }
}

impl WideRegisters {
    /// Stores argument bits (a float's as f64 bits, an `f32`'s in the low 32 bits) in word
    /// `word` (`Slot::word`).
    #[inline(always)]
    pub fn put(&mut self, word: u8, bits: u64) {
        // `Slot::word` is below WIDE_WORDS; a bounds check, not a `%` (a division by 22).
        if let Some(w) = self.words.get_mut(usize::from(word)) {
            *w = bits;
        }
    }
}

/// Where each argument of a wide signature goes, in declaration order.
#[derive(Debug, Clone)]
pub struct WideLayout {
    pub slots: Vec<Slot>,
    /// The declared argument types (narrow integers are extended as in the exact shapes).
    types: Vec<FfiType>,
}

impl WideLayout {
    /// The wide form of a signature, when its arguments fit this target's rules:
    /// integer-class arguments fill the integer registers, then (AArch64) the two extra ones,
    /// floating-point ones the 8 vector registers; what is left goes to the stack, one 8-byte
    /// slot per argument in declaration order (both ABIs; the value in the slot's low bytes).
    pub fn plan(args: &[FfiType]) -> Option<WideLayout> {
        let (mut ints, mut floats) = (0usize, 0usize);
        // Stack values start after the ones that are really the extra integer registers.
        let mut memory = EXTRA_INT_REGISTERS;
        let mut slots = Vec::with_capacity(args.len());
        for &t in args {
            let slot = if is_float(t) {
                floats += 1;
                if floats <= WIDE_FLOATS {
                    Slot::Float((floats - 1) as u8)
                } else {
                    memory += 1;
                    Slot::Stack((memory - 1) as u8)
                }
            } else {
                ints += 1;
                if ints <= MAX_INTS {
                    Slot::Int((ints - 1) as u8)
                } else if ints <= MAX_INTS + EXTRA_INT_REGISTERS {
                    Slot::Stack((ints - 1 - MAX_INTS) as u8)
                } else {
                    memory += 1;
                    Slot::Stack((memory - 1) as u8)
                }
            };
            slots.push(slot);
        }
        let uses_memory = memory > EXTRA_INT_REGISTERS;
        (memory <= MAX_STACK && (STACK_ARGUMENTS || !uses_memory)).then(|| WideLayout {
            slots,
            types: args.to_vec(),
        })
    }
}

/// Calls `f` through the wide pointer type; the raw result register.
///
/// # Safety
/// `f` is a function that is not variadic and takes its arguments where `regs` holds them (a
/// `WideLayout` of its declared signature filled them).
#[inline(always)]
pub unsafe fn call_wide(f: *const c_void, regs: &WideRegisters, returns_float: bool) -> u64 {
    let w = &regs.words;
    let i = &w[..MAX_INTS];
    let d: [f64; WIDE_FLOATS] = std::array::from_fn(|k| f64::from_bits(w[MAX_INTS + k]));
    let s = &w[MAX_INTS + WIDE_FLOATS..];
    // SAFETY: per the module comment: every register and trailing value is passed, the callee
    // reads those its signature declares (caller contract).
    unsafe {
        if returns_float {
            call_as!(f, f64; i[0], i[1], i[2], i[3], i[4], i[5];
                d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7];
                s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7])
            .to_bits()
        } else {
            call_as!(f, u64; i[0], i[1], i[2], i[3], i[4], i[5];
                d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7];
                s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7])
        }
    }
}

/// How a symbol is called directly: argument positions by class and the kind of result.
#[derive(Debug, Clone)]
pub struct DirectCall {
    /// Indexes and types of the integer-class arguments, in order.
    ints: Vec<(u8, FfiType)>,
    /// Indexes of the floating-point arguments, in order.
    floats: Vec<u8>,
    returns_float: bool,
    /// Set for a signature beyond the exact shapes (`ints`/`floats` are then unused).
    wide: Option<WideLayout>,
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
        let wide = if ints.len() <= MAX_INTS && floats.len() <= MAX_FLOATS {
            None
        } else {
            Some(WideLayout::plan(args)?)
        };
        Some(DirectCall {
            ints,
            floats,
            returns_float: is_float(ret),
            wide,
        })
    }

    /// Calls `f` with the argument bits `slots` (one per declared argument); returns the raw
    /// result register (integer results not yet narrowed to their declared width).
    ///
    /// # Safety
    /// `f` must be a function with the declared signature this plan was made from.
    #[inline]
    pub unsafe fn call(&self, f: *const c_void, slots: &[u64]) -> u64 {
        if let Some(wide) = &self.wide {
            let mut regs = WideRegisters::default();
            for ((&slot, &bits), &t) in wide.slots.iter().zip(slots).zip(&wide.types) {
                regs.put(slot.word(), extend(t, bits));
            }
            // SAFETY: the layout was made from `f`'s declared signature (caller contract).
            return unsafe { call_wide(f, &regs, self.returns_float) };
        }
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

/// Calls `$f` as `extern "C" fn(u64 for each int, f64 for each float[, u64 for each trailing
/// value]) -> $r`.
macro_rules! call_as {
    ($f:expr, $r:ty; $($i:expr),*; $($d:expr),*) => {{
        let g = std::mem::transmute::<*const c_void, extern "C" fn($(call_as!(@u $i),)* $(call_as!(@f $d),)*) -> $r>($f);
        g($($i,)* $($d,)*)
    }};
    ($f:expr, $r:ty; $($i:expr),*; $($d:expr),*; $($s:expr),*) => {{
        let g = std::mem::transmute::<*const c_void, extern "C" fn($(call_as!(@u $i),)* $(call_as!(@f $d),)* $(call_as!(@u $s),)*) -> $r>($f);
        g($($i,)* $($d,)* $($s,)*)
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

    #[allow(clippy::too_many_arguments)]
    extern "C" fn ten_ints(
        a0: i64,
        a1: i8,
        a2: i64,
        a3: u16,
        a4: i64,
        a5: i32,
        a6: i8,
        a7: u16,
        a8: i64,
        a9: i32,
    ) -> i64 {
        [
            a0,
            a1.into(),
            a2,
            a3.into(),
            a4,
            a5.into(),
            a6.into(),
            a7.into(),
            a8,
            a9.into(),
        ]
        .iter()
        .enumerate()
        .map(|(i, v)| (i as i64 + 1) * v)
        .sum()
    }

    #[allow(clippy::too_many_arguments)]
    extern "C" fn many_floats(
        a0: f64,
        a1: f32,
        a2: f64,
        a3: f64,
        a4: f32,
        a5: f64,
        a6: f64,
        a7: f64,
        a8: f32,
        a9: f64,
        a10: i32,
        a11: f32,
    ) -> f64 {
        let f = [
            a0,
            a1.into(),
            a2,
            a3,
            a4.into(),
            a5,
            a6,
            a7,
            a8.into(),
            a9,
            a10.into(),
            a11.into(),
        ];
        f.iter()
            .enumerate()
            .map(|(i, v)| (i as f64 + 1.0) * v)
            .sum()
    }

    /// The bits the value rules make for a JS number of each type (narrow ints keep all 64
    /// bits of the number; the plan extends them).
    fn bits(t: FfiType, v: f64) -> u64 {
        match t {
            FfiType::F64 => v.to_bits(),
            FfiType::F32 => u64::from((v as f32).to_bits()),
            _ => v as i64 as u64,
        }
    }

    #[test]
    fn wide_signatures_put_the_rest_on_the_stack() {
        use FfiType::*;
        let types = [I64, I8, I64, U16, I64, I32, I8, U16, I64, I32];
        let values = [
            5.0, -3.0, 7.0, 65535.0, -11.0, -2e9, -128.0, 40000.0, 1e15, 77.0,
        ];
        let plan = DirectCall::plan(&types, I64).expect("wide");
        assert!(plan.wide.is_some());
        let slots: Vec<u64> = types.iter().zip(values).map(|(t, v)| bits(*t, v)).collect();
        // SAFETY: `ten_ints` has exactly this signature.
        let r = unsafe { plan.call(ten_ints as *const c_void, &slots) };
        assert_eq!(
            r as i64,
            ten_ints(
                5,
                -3,
                7,
                65535,
                -11,
                -2_000_000_000,
                -128,
                40000,
                1_000_000_000_000_000,
                77
            )
        );

        let types = [F64, F32, F64, F64, F32, F64, F64, F64, F32, F64, I32, F32];
        let values = [
            1.5, 2.25, -3.0, 4.0, 5.5, 6.0, 7.0, 8.0, 9.5, 10.0, -11.0, 12.75,
        ];
        let plan = DirectCall::plan(&types, F64).expect("wide");
        let slots: Vec<u64> = types.iter().zip(values).map(|(t, v)| bits(*t, v)).collect();
        // SAFETY: `many_floats` has exactly this signature.
        let r = unsafe { plan.call(many_floats as *const c_void, &slots) };
        let expected = many_floats(
            1.5, 2.25, -3.0, 4.0, 5.5, 6.0, 7.0, 8.0, 9.5, 10.0, -11, 12.75,
        );
        assert_eq!(f64::from_bits(r), expected);
    }

    #[test]
    fn layouts_follow_the_abi_and_too_many_arguments_fall_back() {
        use FfiType::*;
        let layout = WideLayout::plan(&[I64; 10]).expect("ten ints");
        assert_eq!(layout.slots[5], Slot::Int(5));
        assert_eq!(layout.slots[6], Slot::Stack(0));
        assert_eq!(layout.slots[9], Slot::Stack(3));
        // Floats past the eighth and ints past the registers share the stack in order.
        let mut mixed = vec![F64; 9];
        mixed.extend([I64; 7]);
        let layout = WideLayout::plan(&mixed).expect("mixed");
        assert_eq!(layout.slots[7], Slot::Float(7));
        let stack_of = |i: usize| match layout.slots[i] {
            Slot::Stack(k) => k,
            other => panic!("argument {i} in {other:?}"),
        };
        assert!(stack_of(8) < stack_of(15));
        // More stack arguments than the wide form carries: libffi.
        assert!(
            DirectCall::plan(&[I64; MAX_INTS + EXTRA_INT_REGISTERS + MAX_STACK + 1], I64).is_none()
        );
        assert!(DirectCall::plan(&[F64; WIDE_FLOATS + MAX_STACK + 1], F64).is_none());
        assert!(DirectCall::plan(&[I64; 6], Void).is_some_and(|p| p.wide.is_none()));
        assert!(DirectCall::plan(&[F64; 5], Void).is_some_and(|p| p.wide.is_some()));
    }
}
