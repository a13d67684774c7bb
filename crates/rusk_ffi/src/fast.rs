//! The fast path of a call: for a signature on the direct register path (see `direct.rs`),
//! arguments whose JS values convert without running any JS (ints, doubles, BigInts, booleans,
//! null, typed arrays for pointers) are written straight into the registers' arrays, and the
//! function is called through a caller chosen once per symbol for its register shape.
//!
//! Anything else — a value that needs `valueOf`, a string, a missing argument, a DataView —
//! makes the call take the general path (`call::invoke`) from the start. Nothing has run by
//! then (no user code, no state change), so the general path's behaviour and errors are
//! exactly what they would have been. The fast rules below produce the same bits as
//! `values::to_c` for the values they accept (tested in `tests` against it).

use std::ffi::c_void;

use rquickjs::qjs::{self, JSContext, JSValue};

use crate::direct::{self, is_float, Slot, WideLayout, WideRegisters, MAX_FLOATS, MAX_INTS};
use crate::exact::{ExactCaller, MAX_EXACT};
use crate::types::FfiType;
use crate::values::{self, View};

/// Calls `f` with the first integer-class and floating-point registers given.
type Caller = unsafe fn(*const c_void, &[u64; MAX_INTS], &[f64; MAX_FLOATS]) -> u64;

/// How one argument is read on the fast path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ArgOp {
    /// A signed integer type up to 32 bits: an int value, sign-extended from the type's width
    /// as C callers pass it (the payload is the number of high bits to replace).
    Signed(u32),
    /// An unsigned one, zero-extended the same way.
    Unsigned(u32),
    /// A 64-bit integer type: an int or a BigInt (wrapped modulo 2^64).
    Wide,
    /// `f64`: an int or a double.
    F64,
    /// `f32`: the same, rounded to single precision, in the low 32 bits of the register.
    F32,
    /// `bool`: a boolean or an int.
    Bool,
    /// `ptr`: an int or double address, null/undefined, or a TypedArray/ArrayBuffer's data.
    Ptr,
}

impl ArgOp {
    /// A number for this reading, for compiled code to pass back (`from_code`).
    pub(crate) fn code(self) -> u32 {
        match self {
            ArgOp::Signed(high) => high << 8,
            ArgOp::Unsigned(high) => 1 | high << 8,
            ArgOp::Wide => 2,
            ArgOp::F64 => 3,
            ArgOp::F32 => 4,
            ArgOp::Bool => 5,
            ArgOp::Ptr => 6,
        }
    }

    pub(crate) fn from_code(code: u32) -> Option<ArgOp> {
        let high = code >> 8;
        Some(match code & 0xff {
            0 if high < 64 => ArgOp::Signed(high),
            1 if high < 64 => ArgOp::Unsigned(high),
            2 => ArgOp::Wide,
            3 => ArgOp::F64,
            4 => ArgOp::F32,
            5 => ArgOp::Bool,
            6 => ArgOp::Ptr,
            _ => return None,
        })
    }
}

/// One argument (step `i` reads JS argument `i`): how it is read and where it goes.
#[derive(Debug, Clone, Copy)]
struct Step {
    op: ArgOp,
    slot: Slot,
    /// `slot.word()`, for wide signatures.
    word: u8,
}

/// Fills the registers of a call (`FastCall::registers`' contract), specialised for one
/// signature's argument kinds.
type Filler = unsafe fn(
    *mut JSContext,
    i32,
    *const JSValue,
    &mut [u64; MAX_INTS],
    &mut [f64; MAX_FLOATS],
) -> bool;

/// Fills the registers of `n` arguments of one kind (all in the same register class).
type UniformFiller = unsafe fn(
    usize,
    *mut JSContext,
    i32,
    *const JSValue,
    &mut [u64; MAX_INTS],
    &mut [f64; MAX_FLOATS],
) -> bool;

/// Reads the `n` arguments of an exact caller, in order.
type ExactFiller =
    unsafe fn(usize, *mut JSContext, i32, *const JSValue, &mut [u64; MAX_EXACT]) -> bool;

/// Fills a wide call's registers from the steps' arguments.
type WideFiller =
    unsafe fn(&[Step], *mut JSContext, i32, *const JSValue, &mut WideRegisters) -> bool;

/// A signature's fast path, made once per symbol.
pub struct FastCall {
    /// One step per declared argument, in order (argument `i` is `steps[i]`).
    steps: Vec<Step>,
    /// For one or two arguments: the reading of exactly those kinds, compiled for them (no
    /// loop, no dispatch on the kind per argument).
    filler: Option<Filler>,
    /// For three or more arguments of one kind: the reading of `n` of them, compiled for it.
    uniform_filler: Option<UniformFiller>,
    /// The reading of a wide signature's arguments.
    wide_filler: Option<WideFiller>,
    /// For a wide signature of `f64`s or of 64-bit integers: its reader and its caller of
    /// the exact type (`exact.rs`), which take the place of the wide form.
    exact: Option<(ExactFiller, ExactCaller)>,
    /// Three or more arguments of mixed kinds in registers: each class's arguments in
    /// register order, so reading one is the read and a store (no slot to match, no bounds
    /// check).
    mixed: Option<MixedSteps>,
    /// Three or more arguments of mixed kinds, or a signature past the registers: their
    /// readings and types, for code compiled for the signature (`jit.rs`) on its first call;
    /// `compiled` holds what that gave.
    jit_args: Option<Vec<(ArgOp, FfiType)>>,
    compiled: std::cell::OnceCell<Option<crate::jit::JitCall>>,
    /// Calls left before the code is compiled (`jit::calls_before_compiling`): compiling takes
    /// ~0.4 ms, worth it only for a function called many times.
    calls_before_compiling: std::cell::Cell<u32>,
    ret: FfiType,
    /// `jit_args` is set or the signature is wide (one field for the call path to test).
    beyond_registers: bool,
    /// The caller of the exact register shape; `None` for a wide signature (`direct.rs`),
    /// which `registers_wide` and `call_wide` serve.
    caller: Option<Caller>,
    returns_float: bool,
}

impl FastCall {
    /// The fast form of a signature, when every argument type has a fast rule and the shape
    /// fits the direct register path (the caller checked that the signature is direct).
    pub fn plan(args: &[FfiType], ret: FfiType) -> Option<FastCall> {
        let (mut ints, mut floats) = (0usize, 0usize);
        let mut steps = Vec::with_capacity(args.len());
        for &t in args {
            use FfiType::*;
            let op = match t {
                Char | I8 => ArgOp::Signed(56),
                I16 => ArgOp::Signed(48),
                I32 => ArgOp::Signed(32),
                U8 => ArgOp::Unsigned(56),
                U16 => ArgOp::Unsigned(48),
                U32 => ArgOp::Unsigned(32),
                I64 | U64 | I64Fast | U64Fast => ArgOp::Wide,
                F64 => ArgOp::F64,
                F32 => ArgOp::F32,
                Bool => ArgOp::Bool,
                Ptr => ArgOp::Ptr,
                _ => return None,
            };
            let slot = if is_float(t) {
                floats += 1;
                Slot::Float(u8::try_from(floats - 1).ok()?)
            } else {
                ints += 1;
                Slot::Int(u8::try_from(ints - 1).ok()?)
            };
            steps.push(Step { op, slot, word: 0 });
        }
        let caller = if ints <= MAX_INTS && floats <= MAX_FLOATS {
            let table = if is_float(ret) {
                &FLOAT_RESULT
            } else {
                &INT_RESULT
            };
            Some(table[ints][floats])
        } else {
            let layout = WideLayout::plan(args)?;
            for (step, slot) in steps.iter_mut().zip(layout.slots) {
                step.slot = slot;
                step.word = slot.word();
            }
            None
        };
        let wide = caller.is_none();
        // Three or more arguments of one kind: a reader compiled for that kind.
        let uniform = steps
            .first()
            .map(|s| s.op)
            .filter(|&op| steps.len() > 2 && steps.iter().all(|s| s.op == op));
        let filler = match steps.as_slice() {
            _ if wide => None,
            [a] => Some(filler1(a.op)),
            [a, b] => Some(filler2(a.op, b.op)),
            _ => None,
        };
        let uniform_filler = if wide {
            None
        } else {
            uniform.map(uniform_filler)
        };
        let exact = match uniform {
            Some(op) if wide => {
                let filler = match op {
                    ArgOp::F64 => Some(fill_exact::<F64> as ExactFiller),
                    ArgOp::Wide => Some(fill_exact::<Wide> as ExactFiller),
                    ArgOp::Ptr => Some(fill_exact::<Pointer> as ExactFiller),
                    _ => None,
                };
                filler.zip(crate::exact::caller(
                    op == ArgOp::F64,
                    steps.len(),
                    is_float(ret),
                ))
            }
            _ => None,
        };
        let wide_filler = if wide {
            Some(uniform.map_or(fill_wide::<Mixed> as WideFiller, uniform_wide_filler))
        } else {
            None
        };
        // (No arguments: the general loop has nothing to do, and is cheaper than this.)
        let mixed = (!wide && steps.len() > 2 && uniform_filler.is_none())
            .then(|| MixedSteps::plan(&steps))
            .flatten();
        let jit_args = (steps.len() > 2 && (uniform.is_none() || wide))
            .then(|| steps.iter().zip(args).map(|(s, &t)| (s.op, t)).collect());
        Some(FastCall {
            beyond_registers: jit_args.is_some() || wide,
            jit_args,
            compiled: std::cell::OnceCell::new(),
            calls_before_compiling: std::cell::Cell::new(crate::jit::calls_before_compiling()),
            ret,
            steps,
            filler,
            uniform_filler,
            wide_filler,
            exact,
            mixed,
            caller,
            returns_float: is_float(ret),
        })
    }

    /// Whether calls take compiled code or a form beyond the registers rather than the
    /// exact register shapes (`registers`, `call`).
    #[inline(always)]
    pub fn beyond_registers(&self) -> bool {
        self.beyond_registers
    }

    /// For a signature of mixed kinds or past the registers: its compiled call code and the
    /// number of arguments it reads. `None` until the signature has been called often enough
    /// (`calls_before_compiling`), and where no code can be made; the generic paths serve
    /// those calls.
    #[inline(always)]
    pub fn compiled(&self) -> Option<(crate::jit::JitCall, usize)> {
        let args = self.jit_args.as_ref()?;
        let code = match self.compiled.get() {
            Some(code) => *code,
            None => {
                let left = self.calls_before_compiling.get();
                if left > 0 {
                    self.calls_before_compiling.set(left - 1);
                    return None;
                }
                *self
                    .compiled
                    .get_or_init(|| crate::jit::call_code(args, self.ret))
            }
        }?;
        Some((code, args.len()))
    }

    /// `compiled`, compiling at once.
    #[cfg(test)]
    pub(crate) fn compiled_now(&self) -> Option<(crate::jit::JitCall, usize)> {
        self.calls_before_compiling.set(0);
        self.compiled()
    }

    /// Whether the signature takes the wide form (`registers_wide`, `call_wide`).
    #[inline(always)]
    pub fn is_wide(&self) -> bool {
        self.caller.is_none()
    }

    /// Fills the call's registers from its JS arguments; `false` when some argument needs
    /// the general path. Runs no JS and leaves no exception pending.
    ///
    /// # Safety
    /// `ctx` is live; `argv` points at `argc` valid values.
    #[inline(always)]
    pub unsafe fn registers(
        &self,
        ctx: *mut JSContext,
        argc: i32,
        argv: *const JSValue,
        ints: &mut [u64; MAX_INTS],
        floats: &mut [f64; MAX_FLOATS],
    ) -> bool {
        if let Some(fill) = self.filler {
            // SAFETY: forwarded contract; the filler was made for these argument kinds.
            return unsafe { fill(ctx, argc, argv, ints, floats) };
        }
        if let Some(fill) = self.uniform_filler {
            // SAFETY: forwarded contract; made for this kind, every argument of it.
            return unsafe { fill(self.steps.len(), ctx, argc, argv, ints, floats) };
        }
        if let Some(mixed) = &self.mixed {
            // SAFETY: forwarded contract.
            return unsafe { mixed.fill(ctx, argc, argv, ints, floats) };
        }
        if (argc as usize) < self.steps.len() {
            return false;
        }
        for (i, step) in self.steps.iter().enumerate() {
            // SAFETY: i < steps.len() <= argc.
            let v = unsafe { *argv.add(i) };
            // SAFETY: live ctx, valid value.
            let Some(bits) = (unsafe { read(ctx, step.op, v) }) else {
                return false;
            };
            // `plan` numbered the registers below MAX_INTS / MAX_FLOATS for the exact shapes.
            // (Bounds checks rather than `% MAX_INTS`, a division by 6.)
            match step.slot {
                Slot::Int(r) => match ints.get_mut(usize::from(r)) {
                    Some(x) => *x = bits,
                    None => return false,
                },
                Slot::Float(r) => match floats.get_mut(usize::from(r)) {
                    Some(x) => *x = f64::from_bits(bits),
                    None => return false,
                },
                Slot::Stack(_) => return false,
            }
        }
        true
    }

    /// `registers` for a wide signature.
    ///
    /// # Safety
    /// As `registers`.
    #[inline(always)]
    pub unsafe fn registers_wide(
        &self,
        ctx: *mut JSContext,
        argc: i32,
        argv: *const JSValue,
        regs: &mut WideRegisters,
    ) -> bool {
        match self.wide_filler {
            // SAFETY: forwarded contract; the filler was made for these steps' kinds.
            Some(fill) => unsafe { fill(&self.steps, ctx, argc, argv, regs) },
            None => false,
        }
    }

    /// For a wide signature with an exact caller: its argument reader and the caller.
    #[inline(always)]
    pub fn exact(&self) -> Option<(ExactReader<'_>, ExactCaller)> {
        self.exact.map(|(fill, call)| {
            (
                ExactReader {
                    fill,
                    count: self.steps.len(),
                    _plan: std::marker::PhantomData,
                },
                call,
            )
        })
    }

    /// `call` for a wide signature.
    ///
    /// # Safety
    /// As `call`; `regs` made by `registers_wide`.
    #[inline(always)]
    pub unsafe fn call_wide(&self, f: *const c_void, regs: &WideRegisters) -> u64 {
        // SAFETY: the layout of `regs` was made from `f`'s declared signature.
        unsafe { direct::call_wide(f, regs, self.returns_float) }
    }

    /// Calls `f` with the registers `registers` made; the raw result register.
    ///
    /// # Safety
    /// `f` has the declared signature this plan was made from.
    #[inline(always)]
    pub unsafe fn call(
        &self,
        f: *const c_void,
        ints: &[u64; MAX_INTS],
        floats: &[f64; MAX_FLOATS],
    ) -> u64 {
        match self.caller {
            // SAFETY: the caller was chosen for this signature's register shape (caller
            // contract on `f`).
            Some(caller) => unsafe { caller(f, ints, floats) },
            // `call_thunk` takes wide signatures through `call_wide`.
            None => 0,
        }
    }
}

/// Reads the arguments of a signature with an exact caller (`FastCall::exact`).
pub struct ExactReader<'a> {
    fill: ExactFiller,
    count: usize,
    _plan: std::marker::PhantomData<&'a FastCall>,
}

impl ExactReader<'_> {
    /// Fills `args` from the call's JS arguments; `false` when some argument needs the
    /// general path. Runs no JS and leaves no exception pending.
    ///
    /// # Safety
    /// `ctx` is live; `argv` points at `argc` valid values.
    #[inline(always)]
    pub unsafe fn read(
        &self,
        ctx: *mut JSContext,
        argc: i32,
        argv: *const JSValue,
        args: &mut [u64; MAX_EXACT],
    ) -> bool {
        // SAFETY: forwarded contract; the filler was made for this signature's one kind.
        unsafe { (self.fill)(self.count, ctx, argc, argv, args) }
    }
}

/// A register-path signature's arguments by register class, in register order.
struct MixedSteps {
    /// (JS argument index, how it is read) for each integer-class register used.
    ints: Vec<(usize, ArgOp)>,
    /// The same for the floating-point registers.
    floats: Vec<(usize, ArgOp)>,
    /// How many arguments the signature declares.
    count: usize,
}

impl MixedSteps {
    /// `None` when a step is not in a register of the exact shapes (`plan` gave it one).
    fn plan(steps: &[Step]) -> Option<MixedSteps> {
        let (mut ints, mut floats) = (Vec::new(), Vec::new());
        for (i, step) in steps.iter().enumerate() {
            match step.slot {
                Slot::Int(r) if usize::from(r) == ints.len() && ints.len() < MAX_INTS => {
                    ints.push((i, step.op))
                }
                Slot::Float(r) if usize::from(r) == floats.len() && floats.len() < MAX_FLOATS => {
                    floats.push((i, step.op))
                }
                _ => return None,
            }
        }
        Some(MixedSteps {
            ints,
            floats,
            count: steps.len(),
        })
    }

    /// `FastCall::registers` for these steps.
    ///
    /// # Safety
    /// As `FastCall::registers`.
    #[inline(always)]
    unsafe fn fill(
        &self,
        ctx: *mut JSContext,
        argc: i32,
        argv: *const JSValue,
        ints: &mut [u64; MAX_INTS],
        floats: &mut [f64; MAX_FLOATS],
    ) -> bool {
        if (argc as usize) < self.count {
            return false;
        }
        for (slot, &(arg, op)) in ints.iter_mut().zip(&self.ints) {
            // SAFETY: arg < count <= argc; live ctx, valid value.
            match unsafe { read(ctx, op, *argv.add(arg)) } {
                Some(bits) => *slot = bits,
                None => return false,
            }
        }
        for (slot, &(arg, op)) in floats.iter_mut().zip(&self.floats) {
            // SAFETY: as above.
            match unsafe { read_float(op, *argv.add(arg)) } {
                Some(d) => *slot = d,
                None => return false,
            }
        }
        true
    }
}

/// `read` for the two floating-point kinds (`F64`, `F32`): the register's value.
///
/// # Safety
/// `v` is a valid value.
#[inline(always)]
unsafe fn read_float(op: ArgOp, v: JSValue) -> Option<f64> {
    // SAFETY: each branch reads the payload its tag says is there.
    let d = unsafe {
        match qjs::JS_VALUE_GET_TAG(v) {
            qjs::JS_TAG_INT => f64::from(qjs::JS_VALUE_GET_INT(v)),
            qjs::JS_TAG_FLOAT64 => qjs::JS_VALUE_GET_FLOAT64(v),
            _ => return None,
        }
    };
    Some(match op {
        ArgOp::F32 => f64::from_bits(u64::from((d as f32).to_bits())),
        _ => d,
    })
}

/// The register bits of `v` for an argument read by `op` (a float register's as f64 bits), or
/// `None` when the value needs the general path.
///
/// # Safety
/// `ctx` is live; `v` a valid value of it.
#[inline(always)]
pub(crate) unsafe fn read(ctx: *mut JSContext, op: ArgOp, v: JSValue) -> Option<u64> {
    // SAFETY: each branch reads the payload its tag says is there; the BigInt and view reads
    // run no JS.
    unsafe {
        let tag = qjs::JS_VALUE_GET_TAG(v);
        match op {
            ArgOp::Signed(high) => (tag == qjs::JS_TAG_INT)
                .then(|| (((qjs::JS_VALUE_GET_INT(v) as i64) << high) >> high) as u64),
            ArgOp::Unsigned(high) => (tag == qjs::JS_TAG_INT)
                .then(|| ((qjs::JS_VALUE_GET_INT(v) as i64 as u64) << high) >> high),
            ArgOp::Wide => match tag {
                qjs::JS_TAG_INT => Some(qjs::JS_VALUE_GET_INT(v) as i64 as u64),
                qjs::JS_TAG_BIG_INT | qjs::JS_TAG_SHORT_BIG_INT => {
                    let mut out: u64 = 0;
                    (qjs::JS_ToBigUint64(ctx, &mut out, v) >= 0).then_some(out)
                }
                _ => None,
            },
            ArgOp::F64 | ArgOp::F32 => {
                let d = match tag {
                    qjs::JS_TAG_INT => f64::from(qjs::JS_VALUE_GET_INT(v)),
                    qjs::JS_TAG_FLOAT64 => qjs::JS_VALUE_GET_FLOAT64(v),
                    _ => return None,
                };
                Some(match op {
                    ArgOp::F32 => u64::from((d as f32).to_bits()),
                    _ => d.to_bits(),
                })
            }
            ArgOp::Bool => match tag {
                qjs::JS_TAG_BOOL => Some(u64::from(qjs::JS_VALUE_GET_BOOL(v))),
                qjs::JS_TAG_INT => Some(u64::from(qjs::JS_VALUE_GET_INT(v) != 0)),
                _ => None,
            },
            ArgOp::Ptr => match tag {
                qjs::JS_TAG_INT => Some(qjs::JS_VALUE_GET_INT(v) as i64 as u64),
                qjs::JS_TAG_FLOAT64 => {
                    Some(values::f64_to_u64_modular(qjs::JS_VALUE_GET_FLOAT64(v)))
                }
                qjs::JS_TAG_NULL | qjs::JS_TAG_UNDEFINED => Some(0),
                qjs::JS_TAG_OBJECT
                    if qjs::JS_GetTypedArrayType(v) >= 0 || qjs::JS_IsArrayBuffer(v) =>
                {
                    match values::view_address(ctx, v) {
                        View::Bytes(address, _) => Some(address),
                        _ => None,
                    }
                }
                _ => None,
            },
        }
    }
}

/// One argument kind as a type, so that a filler can be compiled for it.
trait Kind {
    const OP: ArgOp;
    const FLOAT: bool;
    /// `Mixed`: each step's own kind is read (the generic filler).
    const MIXED: bool = false;
}

/// Arguments of different kinds (`fill_wide::<Mixed>` reads each step's `op`).
struct Mixed;
impl Kind for Mixed {
    const OP: ArgOp = ArgOp::Wide;
    const FLOAT: bool = false;
    const MIXED: bool = true;
}

struct Signed<const HIGH: u32>;
struct Unsigned<const HIGH: u32>;
struct Wide;
struct F64;
struct F32;
struct Boolean;
struct Pointer;

impl<const HIGH: u32> Kind for Signed<HIGH> {
    const OP: ArgOp = ArgOp::Signed(HIGH);
    const FLOAT: bool = false;
}
impl<const HIGH: u32> Kind for Unsigned<HIGH> {
    const OP: ArgOp = ArgOp::Unsigned(HIGH);
    const FLOAT: bool = false;
}
impl Kind for Wide {
    const OP: ArgOp = ArgOp::Wide;
    const FLOAT: bool = false;
}
impl Kind for F64 {
    const OP: ArgOp = ArgOp::F64;
    const FLOAT: bool = true;
}
impl Kind for F32 {
    const OP: ArgOp = ArgOp::F32;
    const FLOAT: bool = true;
}
impl Kind for Boolean {
    const OP: ArgOp = ArgOp::Bool;
    const FLOAT: bool = false;
}
impl Kind for Pointer {
    const OP: ArgOp = ArgOp::Ptr;
    const FLOAT: bool = false;
}

/// Stores an argument's bits in register `index` of its class.
#[inline(always)]
fn put<K: Kind>(
    bits: u64,
    index: usize,
    ints: &mut [u64; MAX_INTS],
    floats: &mut [f64; MAX_FLOATS],
) {
    if K::FLOAT {
        floats[index] = f64::from_bits(bits);
    } else {
        ints[index] = bits;
    }
}

/// The filler of a one-argument signature of kind `A`.
unsafe fn fill1<A: Kind>(
    ctx: *mut JSContext,
    argc: i32,
    argv: *const JSValue,
    ints: &mut [u64; MAX_INTS],
    floats: &mut [f64; MAX_FLOATS],
) -> bool {
    if argc < 1 {
        return false;
    }
    // SAFETY: argc >= 1; live ctx (the filler contract).
    let Some(a) = (unsafe { read(ctx, A::OP, *argv) }) else {
        return false;
    };
    put::<A>(a, 0, ints, floats);
    true
}

/// The filler of a two-argument signature of kinds `A`, `B`.
unsafe fn fill2<A: Kind, B: Kind>(
    ctx: *mut JSContext,
    argc: i32,
    argv: *const JSValue,
    ints: &mut [u64; MAX_INTS],
    floats: &mut [f64; MAX_FLOATS],
) -> bool {
    if argc < 2 {
        return false;
    }
    // SAFETY: argc >= 2; live ctx (the filler contract).
    let (Some(a), Some(b)) = (unsafe { (read(ctx, A::OP, *argv), read(ctx, B::OP, *argv.add(1))) })
    else {
        return false;
    };
    put::<A>(a, 0, ints, floats);
    // The second argument is its class's second register if the first is of the same class.
    put::<B>(b, usize::from(A::FLOAT == B::FLOAT), ints, floats);
    true
}

/// Expands `$then!([..., KindType])` for the kind type of `op`.
macro_rules! with_kind {
    ($op:expr, $then:ident, [$($pre:ty),*]) => {
        match $op {
            ArgOp::Signed(56) => $then!([$($pre,)* Signed<56>]),
            ArgOp::Signed(48) => $then!([$($pre,)* Signed<48>]),
            ArgOp::Signed(_) => $then!([$($pre,)* Signed<32>]),
            ArgOp::Unsigned(56) => $then!([$($pre,)* Unsigned<56>]),
            ArgOp::Unsigned(48) => $then!([$($pre,)* Unsigned<48>]),
            ArgOp::Unsigned(_) => $then!([$($pre,)* Unsigned<32>]),
            ArgOp::Wide => $then!([$($pre,)* Wide]),
            ArgOp::F64 => $then!([$($pre,)* F64]),
            ArgOp::F32 => $then!([$($pre,)* F32]),
            ArgOp::Bool => $then!([$($pre,)* Boolean]),
            ArgOp::Ptr => $then!([$($pre,)* Pointer]),
        }
    };
}

/// The filler of `n` arguments of kind `A`.
unsafe fn fill_uniform<A: Kind>(
    n: usize,
    ctx: *mut JSContext,
    argc: i32,
    argv: *const JSValue,
    ints: &mut [u64; MAX_INTS],
    floats: &mut [f64; MAX_FLOATS],
) -> bool {
    if (argc as usize) < n {
        return false;
    }
    for i in 0..n {
        // SAFETY: i < n <= argc; live ctx (the filler contract).
        let Some(bits) = (unsafe { read(ctx, A::OP, *argv.add(i)) }) else {
            return false;
        };
        // `plan` made uniform fillers only for shapes within the register arrays (bounds
        // checks rather than `% MAX_INTS`, a division by 6).
        if A::FLOAT {
            if let Some(r) = floats.get_mut(i) {
                *r = f64::from_bits(bits);
            }
        } else if let Some(r) = ints.get_mut(i) {
            *r = bits;
        }
    }
    true
}

/// The filler of a wide signature: each step's argument into its word (`K` the one kind of
/// every argument, or `Mixed`).
unsafe fn fill_wide<K: Kind>(
    steps: &[Step],
    ctx: *mut JSContext,
    argc: i32,
    argv: *const JSValue,
    regs: &mut WideRegisters,
) -> bool {
    if (argc as usize) < steps.len() {
        return false;
    }
    for (i, step) in steps.iter().enumerate() {
        let op = if K::MIXED { step.op } else { K::OP };
        // SAFETY: i < steps.len() <= argc; live ctx (the filler contract).
        let Some(bits) = (unsafe { read(ctx, op, *argv.add(i)) }) else {
            return false;
        };
        regs.put(step.word, bits);
    }
    true
}

/// The reader of `n` arguments of kind `K` for an exact caller: argument `i` into `args[i]`.
unsafe fn fill_exact<K: Kind>(
    n: usize,
    ctx: *mut JSContext,
    argc: i32,
    argv: *const JSValue,
    args: &mut [u64; MAX_EXACT],
) -> bool {
    if (argc as usize) < n || n > MAX_EXACT {
        return false;
    }
    for (i, arg) in args[..n].iter_mut().enumerate() {
        // SAFETY: i < n <= argc; live ctx (the filler contract).
        let Some(bits) = (unsafe { read(ctx, K::OP, *argv.add(i)) }) else {
            return false;
        };
        *arg = bits;
    }
    true
}

fn uniform_filler(a: ArgOp) -> UniformFiller {
    macro_rules! one {
        ([$A:ty]) => {
            fill_uniform::<$A> as UniformFiller
        };
    }
    with_kind!(a, one, [])
}

fn uniform_wide_filler(a: ArgOp) -> WideFiller {
    macro_rules! one {
        ([$A:ty]) => {
            fill_wide::<$A> as WideFiller
        };
    }
    with_kind!(a, one, [])
}

fn filler1(a: ArgOp) -> Filler {
    macro_rules! one {
        ([$A:ty]) => {
            fill1::<$A> as Filler
        };
    }
    with_kind!(a, one, [])
}

fn filler2(a: ArgOp, b: ArgOp) -> Filler {
    macro_rules! second {
        ([$A:ty, $B:ty]) => {
            fill2::<$A, $B> as Filler
        };
    }
    macro_rules! first {
        ([$A:ty]) => {
            with_kind!(b, second, [$A])
        };
    }
    with_kind!(a, first, [])
}

/// The JS value of a raw result: the common kinds inline, the rest through `values::to_js`.
///
/// # Safety
/// As `values::to_js`.
#[inline(always)]
pub unsafe fn result(ctx: *mut JSContext, ty: FfiType, bits: u64) -> JSValue {
    match ty {
        FfiType::Void => values::undefined(),
        FfiType::I32 => values::immediate(qjs::JS_TAG_INT, bits as i32),
        FfiType::F64 => qjs::JS_NewFloat64(f64::from_bits(bits)),
        // SAFETY: live ctx (caller contract).
        FfiType::U64 => unsafe { qjs::JS_NewBigUint64(ctx, bits) },
        // SAFETY: as above.
        FfiType::I64 => unsafe { qjs::JS_NewBigInt64(ctx, bits as i64) },
        // SAFETY: caller contract.
        _ => unsafe { values::to_js(ctx, ty, bits) },
    }
}

/// A caller through the pointer type with the listed integer and float registers.
macro_rules! caller {
    ($r:ident; $($i:literal),*; $($d:literal),*) => {{
        #[allow(unused_variables)]
        unsafe fn call(f: *const c_void, i: &[u64; MAX_INTS], d: &[f64; MAX_FLOATS]) -> u64 {
            // SAFETY: `f` takes exactly these registers (`FastCall::call`'s contract): on the
            // direct-path ABIs, integer-class and float arguments are counted separately, so
            // this pointer type passes each argument where the declared signature expects it.
            unsafe {
                let g = std::mem::transmute::<
                    *const c_void,
                    extern "C" fn($(caller!(@u $i),)* $(caller!(@f $d),)*) -> $r,
                >(f);
                caller!(@ret $r, g($(i[$i],)* $(d[$d],)*))
            }
        }
        call as Caller
    }};
    (@u $x:literal) => { u64 };
    (@f $x:literal) => { f64 };
    (@ret u64, $e:expr) => { $e };
    (@ret f64, $e:expr) => { $e.to_bits() };
}

/// The callers of every register shape for result type `$r`, indexed by (integer count,
/// float count).
macro_rules! caller_table {
    ($r:ident) => {
        [
        [
            caller!($r; ; ),
            caller!($r; ; 0),
            caller!($r; ; 0, 1),
            caller!($r; ; 0, 1, 2),
            caller!($r; ; 0, 1, 2, 3),
        ],
        [
            caller!($r; 0; ),
            caller!($r; 0; 0),
            caller!($r; 0; 0, 1),
            caller!($r; 0; 0, 1, 2),
            caller!($r; 0; 0, 1, 2, 3),
        ],
        [
            caller!($r; 0, 1; ),
            caller!($r; 0, 1; 0),
            caller!($r; 0, 1; 0, 1),
            caller!($r; 0, 1; 0, 1, 2),
            caller!($r; 0, 1; 0, 1, 2, 3),
        ],
        [
            caller!($r; 0, 1, 2; ),
            caller!($r; 0, 1, 2; 0),
            caller!($r; 0, 1, 2; 0, 1),
            caller!($r; 0, 1, 2; 0, 1, 2),
            caller!($r; 0, 1, 2; 0, 1, 2, 3),
        ],
        [
            caller!($r; 0, 1, 2, 3; ),
            caller!($r; 0, 1, 2, 3; 0),
            caller!($r; 0, 1, 2, 3; 0, 1),
            caller!($r; 0, 1, 2, 3; 0, 1, 2),
            caller!($r; 0, 1, 2, 3; 0, 1, 2, 3),
        ],
        [
            caller!($r; 0, 1, 2, 3, 4; ),
            caller!($r; 0, 1, 2, 3, 4; 0),
            caller!($r; 0, 1, 2, 3, 4; 0, 1),
            caller!($r; 0, 1, 2, 3, 4; 0, 1, 2),
            caller!($r; 0, 1, 2, 3, 4; 0, 1, 2, 3),
        ],
        [
            caller!($r; 0, 1, 2, 3, 4, 5; ),
            caller!($r; 0, 1, 2, 3, 4, 5; 0),
            caller!($r; 0, 1, 2, 3, 4, 5; 0, 1),
            caller!($r; 0, 1, 2, 3, 4, 5; 0, 1, 2),
            caller!($r; 0, 1, 2, 3, 4, 5; 0, 1, 2, 3),
        ],
        ]
    };
}

/// Callers for an integer-class (or no) result.
static INT_RESULT: [[Caller; MAX_FLOATS + 1]; MAX_INTS + 1] = caller_table!(u64);
/// Callers for a floating-point result.
static FLOAT_RESULT: [[Caller; MAX_FLOATS + 1]; MAX_INTS + 1] = caller_table!(f64);

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::values::CallScratch;

    /// Runs `f` with a fresh context and its raw pointer.
    pub(crate) fn in_context(f: impl FnOnce(&rquickjs::Ctx<'_>, *mut JSContext)) {
        let rt = rquickjs::Runtime::new().expect("runtime");
        let ctx = rquickjs::Context::full(&rt).expect("context");
        ctx.with(|cx| f(&cx, cx.as_raw().as_ptr()));
    }

    extern "C" fn mixed(a: i32, b: f64, c: i8, d: f32, e: u64, p: *const u8) -> f64 {
        f64::from(a) + b + f64::from(c) + f64::from(d) + e as f64 + p as usize as f64
    }

    #[test]
    fn registers_match_the_general_rules_and_reach_the_function() {
        use FfiType::*;
        in_context(|cx, raw| {
            let types = [I32, F64, I8, F32, U64, Ptr];
            let plan = FastCall::plan(&types, F64).expect("fast");
            let values: Vec<rquickjs::Value> = cx
                .eval("[-7, 2.5, -3, 1.5, 40n, 4096]")
                .and_then(|a: rquickjs::Array| a.iter().collect())
                .expect("values");
            let raw_values: Vec<JSValue> = values.iter().map(|v| v.as_raw()).collect();
            let (mut ints, mut floats) = ([0u64; MAX_INTS], [0f64; MAX_FLOATS]);
            // SAFETY: live ctx; six valid values.
            let fast =
                unsafe { plan.registers(raw, 6, raw_values.as_ptr(), &mut ints, &mut floats) };
            assert!(fast, "all fast");
            // The same bits as the general rules (narrow integers extended as `direct` does).
            let mut scratch = CallScratch::default();
            let (mut ni, mut nf) = (0, 0);
            for (t, v) in types.iter().zip(&raw_values) {
                // SAFETY: live ctx, valid value.
                let general = unsafe { values::to_c(raw, *t, *v, &mut scratch, &|| String::new()) }
                    .expect("general");
                if is_float(*t) {
                    assert_eq!(floats[nf].to_bits(), general, "{t:?}");
                    nf += 1;
                } else {
                    assert_eq!(ints[ni], crate::direct::extend(*t, general), "{t:?}");
                    ni += 1;
                }
            }
            // SAFETY: `mixed` has this signature.
            let r = unsafe { plan.call(mixed as *const c_void, &ints, &floats) };
            assert_eq!(f64::from_bits(r), -7.0 + 2.5 - 3.0 + 1.5 + 40.0 + 4096.0);
        });
    }

    #[test]
    fn values_that_need_js_take_the_general_path() {
        use FfiType::*;
        in_context(|cx, raw| {
            for (ty, src) in [
                (I32, "'5'"),
                (I32, "1.5"),
                (I32, "({ valueOf() { return 1; } })"),
                (F64, "null"),
                (U64, "'7'"),
                (Bool, "undefined"),
                (Ptr, "'text'"),
                (Ptr, "new DataView(new ArrayBuffer(4))"),
            ] {
                let plan = FastCall::plan(&[ty], Void).expect("fast");
                let v: rquickjs::Value = cx.eval(src).expect("value");
                let raw_v = [v.as_raw()];
                let (mut ints, mut floats) = ([0u64; MAX_INTS], [0f64; MAX_FLOATS]);
                // SAFETY: live ctx, one valid value.
                let got = unsafe { plan.registers(raw, 1, raw_v.as_ptr(), &mut ints, &mut floats) };
                assert!(!got, "{ty:?} {src} should take the general path");
            }
            // A missing argument too.
            let plan = FastCall::plan(&[I32], Void).expect("fast");
            let (mut ints, mut floats) = ([0u64; MAX_INTS], [0f64; MAX_FLOATS]);
            // SAFETY: argc 0.
            let got = unsafe { plan.registers(raw, 0, std::ptr::null(), &mut ints, &mut floats) };
            assert!(!got);
        });
    }

    #[test]
    fn compiled_fillers_match_the_general_loop() {
        use FfiType::*;
        in_context(|cx, raw| {
            let values: Vec<rquickjs::Value> = cx
                .eval("[-7, 300]")
                .and_then(|a: rquickjs::Array| a.iter().collect())
                .expect("values");
            let raw_values: Vec<JSValue> = values.iter().map(|v| v.as_raw()).collect();
            for types in [
                vec![I32],
                vec![F32],
                vec![I32, I32],
                vec![F64, I32],
                vec![I8, F32],
                vec![U16, U64],
                vec![Bool, Ptr],
                vec![F64, F64],
                vec![Char, U32],
            ] {
                let compiled = FastCall::plan(&types, Void).expect("fast");
                assert!(compiled.filler.is_some());
                let mut looped = FastCall::plan(&types, Void).expect("fast");
                looped.filler = None;
                same_registers(raw, &raw_values[..types.len()], &compiled, &looped);
            }
        });
    }

    #[test]
    fn mixed_steps_match_the_general_loop() {
        use FfiType::*;
        in_context(|cx, raw| {
            for (types, args) in [
                (
                    vec![I8, F64, U16, I64, F32, F64, U64],
                    "[-7, 2.5, 300, -1, 1.5, 70000, 3]",
                ),
                (vec![F32, I32, F64], "[0.1, -2, 3]"),
                (vec![Bool, F64, Ptr, F32, U8], "[true, -0.5, null, 7, 511]"),
                (
                    vec![I16, I32, I64, U32, U8, Char],
                    "[-40000, 5, 9007199254740991n, -1, 256, 200]",
                ),
                (vec![F64, F32, F64, F32], "[1, 2.25, 3, 4.5]"),
            ] {
                let values: Vec<rquickjs::Value> = cx
                    .eval(args)
                    .and_then(|a: rquickjs::Array| a.iter().collect())
                    .expect("values");
                let raw_values: Vec<JSValue> = values.iter().map(|v| v.as_raw()).collect();
                let mixed = FastCall::plan(&types, Void).expect("fast");
                let uniform = types.iter().all(|&t| t == types[0]);
                assert_eq!(mixed.mixed.is_some(), !uniform, "{types:?}");
                let mut looped = FastCall::plan(&types, Void).expect("fast");
                looped.mixed = None;
                same_registers(raw, &raw_values, &mixed, &looped);
            }
        });
    }

    #[test]
    fn uniform_and_wide_fillers_match_the_general_loop() {
        use FfiType::*;
        in_context(|cx, raw| {
            let values: Vec<rquickjs::Value> = cx
                .eval("Array.from({ length: 12 }, (_, i) => (i % 3 ? -7 - i * 1000 : i + 0.5))")
                .and_then(|a: rquickjs::Array| a.iter().collect())
                .expect("values");
            // Doubles read as integers take the general path; use ints for integer kinds.
            let ints: Vec<rquickjs::Value> = cx
                .eval("Array.from({ length: 12 }, (_, i) => -7 - i * 100000)")
                .and_then(|a: rquickjs::Array| a.iter().collect())
                .expect("ints");
            for (types, vals) in [
                (vec![I32; 3], &ints),
                (vec![I8; 5], &ints),
                (vec![U16; 6], &ints),
                (vec![F64; 4], &values),
                (vec![F32; 3], &values),
            ] {
                let raw_values: Vec<JSValue> = vals.iter().map(|v| v.as_raw()).collect();
                let compiled = FastCall::plan(&types, Void).expect("fast");
                assert!(compiled.uniform_filler.is_some(), "{types:?}");
                let mut looped = FastCall::plan(&types, Void).expect("fast");
                looped.uniform_filler = None;
                same_registers(raw, &raw_values[..types.len()], &compiled, &looped);
            }
            for (types, vals) in [
                (vec![I64; 10], &ints),
                (vec![I16; 12], &ints),
                (vec![F64; 11], &values),
                (vec![F32; 10], &values),
            ] {
                let raw_values: Vec<JSValue> = vals.iter().map(|v| v.as_raw()).collect();
                let plan = FastCall::plan(&types, Void).expect("fast");
                assert!(plan.is_wide());
                let n = types.len() as i32;
                let (mut a, mut b) = (WideRegisters::default(), WideRegisters::default());
                // SAFETY: live ctx; `n` <= 12 valid values; both fillers were made for `plan`.
                unsafe {
                    assert!(plan.registers_wide(raw, n, raw_values.as_ptr(), &mut a));
                    assert!(fill_wide::<Mixed>(
                        &plan.steps,
                        raw,
                        n,
                        raw_values.as_ptr(),
                        &mut b
                    ));
                }
                assert_eq!(a.words, b.words, "{types:?}");
                // Signatures of f64s or 64-bit integers also have an exact caller, whose
                // reader puts argument i in args[i].
                let mut exact_args = [0u64; MAX_EXACT];
                let exact = plan.exact();
                assert_eq!(exact.is_some(), matches!(types[0], I64 | F64), "{types:?}");
                if let Some((reader, _)) = exact {
                    // SAFETY: live ctx; `n` valid values.
                    assert!(unsafe { reader.read(raw, n, raw_values.as_ptr(), &mut exact_args) });
                    for (i, step) in plan.steps.iter().enumerate() {
                        assert_eq!(
                            exact_args[i],
                            a.words[usize::from(step.word)],
                            "{types:?} #{i}"
                        );
                    }
                    // One argument short: the general path.
                    // SAFETY: as above, with fewer values.
                    assert!(!unsafe {
                        reader.read(raw, n - 1, raw_values.as_ptr(), &mut exact_args)
                    });
                }
                // Each argument is where the general rules put it.
                for (i, step) in plan.steps.iter().enumerate() {
                    let mut scratch = values::CallScratch::default();
                    // SAFETY: live ctx, valid value.
                    let bits = unsafe {
                        values::to_c(raw, types[i], raw_values[i], &mut scratch, &|| {
                            String::new()
                        })
                    }
                    .expect("general rule");
                    let bits = crate::direct::extend(types[i], bits);
                    let got = a.words[usize::from(step.word)];
                    let want = if types[i] == F32 {
                        bits & 0xffff_ffff
                    } else {
                        bits
                    };
                    assert_eq!(
                        got & mask(types[i]),
                        want & mask(types[i]),
                        "{types:?} #{i}"
                    );
                }
            }
        });
    }

    /// Asserts that two plans of one signature (a compiled reader and the general loop) fill
    /// the same registers from `args`, and accept them.
    fn same_registers(
        raw: *mut JSContext,
        args: &[JSValue],
        compiled: &FastCall,
        looped: &FastCall,
    ) {
        let n = args.len() as i32;
        let (mut ia, mut fa) = ([0u64; MAX_INTS], [0f64; MAX_FLOATS]);
        let (mut ib, mut fb) = ([0u64; MAX_INTS], [0f64; MAX_FLOATS]);
        // SAFETY: live ctx (the caller's); `n` valid values.
        unsafe {
            assert!(
                compiled.registers(raw, n, args.as_ptr(), &mut ia, &mut fa),
                "{:?}",
                compiled.steps
            );
            assert!(
                looped.registers(raw, n, args.as_ptr(), &mut ib, &mut fb),
                "{:?}",
                looped.steps
            );
        }
        assert_eq!(ia, ib, "{:?}", compiled.steps);
        assert_eq!(
            fa.map(f64::to_bits),
            fb.map(f64::to_bits),
            "{:?}",
            compiled.steps
        );
    }

    /// The bits of a register a callee of this type reads.
    fn mask(t: FfiType) -> u64 {
        if t == FfiType::F32 {
            0xffff_ffff
        } else {
            u64::MAX
        }
    }

    #[test]
    fn only_fast_types_within_the_wide_form_get_a_plan() {
        use FfiType::*;
        assert!(FastCall::plan(&[CString], Void).is_none());
        assert!(FastCall::plan(&[Function], Void).is_none());
        assert!(FastCall::plan(&[I64; 7], I64).is_some_and(|p| p.is_wide()));
        assert!(FastCall::plan(&[F64; 5], F64).is_some_and(|p| p.is_wide()));
        assert!(FastCall::plan(&[I64; 6], Void).is_some_and(|p| !p.is_wide()));
        assert!(FastCall::plan(&[I64; 40], I64).is_none());
    }
}
