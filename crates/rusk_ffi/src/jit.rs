//! Call code compiled per signature with Cranelift, for signatures of three or more arguments
//! of mixed kinds (`mix7`: `i8, u16, i32, i64, f32, f64, u64`) and for signatures past the
//! argument registers (`sum10_f64`). The generic fast path reads such arguments in a loop that
//! dispatches on each one's kind and stores them into register arrays; the compiled code reads
//! each one where it is, converts it as its kind says and calls the function with the C
//! signature itself.
//!
//! The code of a signature: `(ctx, argv, fn, out) -> 1` when it called `fn` and stored the raw
//! result register in `*out`, `0` when some argument needs the general path (nothing was called;
//! no JS ran). Per argument, by the value's tag:
//! - narrow integers: an int, truncated to the C type (the call sign- or zero-extends it);
//! - 64-bit integers and pointers: an int, sign-extended; anything else through `fast::read`
//!   (BigInts, typed arrays, null) called from the code;
//! - `f64`/`f32`: a double or an int (converted);
//! - `bool`: through `fast::read`.
//!
//! Code is made once per distinct signature and thread (each JS thread has its own module;
//! code is never freed, so a plan may keep its pointer), after the signature's first 1,000
//! calls (`RUSK_FFI_JIT_AFTER=N` to change; 0 compiles on the first call): compiling one takes
//! ~0.4 ms, the cost of ~20,000 calls' savings, so a function called a few times keeps the
//! generic path.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::c_void;

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    types, AbiParam, BlockArg, InstBuilder, MemFlagsData, StackSlotData, StackSlotKind, Type,
    UserFuncName,
};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, Module};
use rquickjs::qjs::{self, JSContext, JSValue};

use crate::fast::ArgOp;
use crate::types::FfiType;

/// Compiled call code (see the module comment).
pub type JitCall =
    unsafe extern "C" fn(*mut JSContext, *const JSValue, *const c_void, *mut u64) -> u32;

/// Where a value's tag is, and its size: the layout the code reads.
const VALUE_SIZE: i32 = 16;
const TAG_OFFSET: i32 = 8;

struct Jit {
    module: JITModule,
    builder: FunctionBuilderContext,
    made: HashMap<(Vec<FfiType>, FfiType), Option<JitCall>>,
}

thread_local! {
    static JIT: RefCell<Option<Jit>> = const { RefCell::new(None) };
}

/// How many calls of a signature take the generic path before its code is compiled.
pub fn calls_before_compiling() -> u32 {
    static AFTER: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *AFTER.get_or_init(|| {
        std::env::var("RUSK_FFI_JIT_AFTER")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(1000)
    })
}

/// The code for a signature of `args` (each with its fast-path reading) returning `ret`, made
/// on first use; `None` where Cranelift does not serve this machine or a type has no rule.
pub fn call_code(args: &[(ArgOp, FfiType)], ret: FfiType) -> Option<JitCall> {
    if std::mem::size_of::<JSValue>() != VALUE_SIZE as usize
        || std::env::var_os("RUSK_FFI_NO_JIT").is_some()
    {
        return None;
    }
    // (`try_with`: a call made while this thread's locals are being destroyed gets no code.)
    JIT.try_with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Some(Jit::new()?);
        }
        let jit = slot.as_mut()?;
        let key = (args.iter().map(|a| a.1).collect::<Vec<_>>(), ret);
        if let Some(made) = jit.made.get(&key) {
            return *made;
        }
        let made = jit.compile(args, ret);
        jit.made.insert(key, made);
        made
    })
    .ok()
    .flatten()
}

impl Jit {
    fn new() -> Option<Jit> {
        let mut flags = settings::builder();
        flags.set("use_colocated_libcalls", "false").ok()?;
        flags.set("is_pic", "false").ok()?;
        flags.set("opt_level", "none").ok()?;
        let isa = cranelift_native::builder()
            .ok()?
            .finish(settings::Flags::new(flags))
            .ok()?;
        Some(Jit {
            module: JITModule::new(JITBuilder::with_isa(isa, default_libcall_names())),
            builder: FunctionBuilderContext::new(),
            made: HashMap::new(),
        })
    }

    fn compile(&mut self, args: &[(ArgOp, FfiType)], ret: FfiType) -> Option<JitCall> {
        let ptr = self.module.target_config().pointer_type();
        if ptr != types::I64 {
            return None;
        }
        // The signature of the C function.
        let mut callee = self.module.make_signature();
        for &(_, t) in args {
            callee.params.push(c_param(t)?);
        }
        if let Some(r) = c_result(ret)? {
            callee.returns.push(r);
        }
        // The signature of the code: (ctx, argv, fn, out) -> u32.
        let mut sig = self.module.make_signature();
        for _ in 0..4 {
            sig.params.push(AbiParam::new(ptr));
        }
        sig.returns.push(AbiParam::new(types::I32));
        // The slow reader's signature: (ctx, op, value address, out) -> u32.
        let mut slow_sig = self.module.make_signature();
        slow_sig.params.push(AbiParam::new(ptr));
        slow_sig.params.push(AbiParam::new(types::I32));
        slow_sig.params.push(AbiParam::new(ptr));
        slow_sig.params.push(AbiParam::new(ptr));
        slow_sig.returns.push(AbiParam::new(types::I32));

        let id = self.module.declare_anonymous_function(&sig).ok()?;
        let frontend_config = self.module.target_config();
        let mut ctx = self.module.make_context();
        ctx.func.signature = sig;
        ctx.func.name = UserFuncName::user(0, id.as_u32());
        {
            let mut b = FunctionBuilder::new(&mut ctx.func, &mut self.builder);
            let callee_ref = b.import_signature(callee);
            let slow_ref = b.import_signature(slow_sig);
            let scratch =
                b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 8, 3));
            let entry = b.create_block();
            let bail = b.create_block();
            b.append_block_params_for_function_params(entry);
            b.switch_to_block(entry);
            let params = b.block_params(entry).to_vec();
            let (js_ctx, argv, func, out) = (params[0], params[1], params[2], params[3]);
            let flags = MemFlagsData::trusted();
            let mut values = Vec::with_capacity(args.len());
            for (i, &(op, t)) in args.iter().enumerate() {
                let offset = i32::try_from(i).ok()?.checked_mul(VALUE_SIZE)?;
                let tag = b.ins().load(types::I64, flags, argv, offset + TAG_OFFSET);
                let is_int = b
                    .ins()
                    .icmp_imm_s(IntCC::Equal, tag, i64::from(qjs::JS_TAG_INT));
                let value = match op {
                    ArgOp::Signed(_) | ArgOp::Unsigned(_) => {
                        let next = b.create_block();
                        b.ins().brif(is_int, next, &[], bail, &[]);
                        b.switch_to_block(next);
                        let int = b.ins().load(types::I32, flags, argv, offset);
                        let ty = c_param(t)?.value_type;
                        if ty.bits() < 32 {
                            b.ins().ireduce(ty, int)
                        } else {
                            int
                        }
                    }
                    ArgOp::Wide | ArgOp::Ptr | ArgOp::Bool => {
                        let slow = b.create_block();
                        let slow_done = b.create_block();
                        let merge = b.create_block();
                        b.append_block_param(merge, types::I64);
                        if op == ArgOp::Bool {
                            b.ins().jump(slow, &[]);
                        } else {
                            let fast = b.create_block();
                            b.ins().brif(is_int, fast, &[], slow, &[]);
                            b.switch_to_block(fast);
                            let int = b.ins().load(types::I32, flags, argv, offset);
                            let wide = b.ins().sextend(types::I64, int);
                            b.ins().jump(merge, &[BlockArg::Value(wide)]);
                        }
                        b.switch_to_block(slow);
                        let code = b.ins().iconst(types::I32, i64::from(op.code()));
                        let at = b.ins().iadd_imm_s(argv, i64::from(offset));
                        let slot_addr = b.ins().stack_addr(ptr, scratch, 0);
                        let helper = b.ins().iconst(ptr, read_slow as *const () as usize as i64);
                        let call =
                            b.ins()
                                .call_indirect(slow_ref, helper, &[js_ctx, code, at, slot_addr]);
                        let ok = b.inst_results(call)[0];
                        b.ins().brif(ok, slow_done, &[], bail, &[]);
                        b.switch_to_block(slow_done);
                        let read = b.ins().stack_load(ptr, types::I64, scratch, 0);
                        b.ins().jump(merge, &[BlockArg::Value(read)]);
                        b.switch_to_block(merge);
                        let v = b.block_params(merge)[0];
                        let ty = c_param(t)?.value_type;
                        if ty.bits() < 64 {
                            b.ins().ireduce(ty, v)
                        } else {
                            v
                        }
                    }
                    ArgOp::F64 | ArgOp::F32 => {
                        let double = b.create_block();
                        let not_double = b.create_block();
                        let int = b.create_block();
                        let merge = b.create_block();
                        b.append_block_param(merge, types::F64);
                        let is_double =
                            b.ins()
                                .icmp_imm_s(IntCC::Equal, tag, i64::from(qjs::JS_TAG_FLOAT64));
                        b.ins().brif(is_double, double, &[], not_double, &[]);
                        b.switch_to_block(double);
                        let d = b.ins().load(types::F64, flags, argv, offset);
                        b.ins().jump(merge, &[BlockArg::Value(d)]);
                        b.switch_to_block(not_double);
                        b.ins().brif(is_int, int, &[], bail, &[]);
                        b.switch_to_block(int);
                        let i = b.ins().load(types::I32, flags, argv, offset);
                        let d = b.ins().fcvt_from_sint(types::F64, i);
                        b.ins().jump(merge, &[BlockArg::Value(d)]);
                        b.switch_to_block(merge);
                        let d = b.block_params(merge)[0];
                        if op == ArgOp::F32 {
                            b.ins().fdemote(types::F32, d)
                        } else {
                            d
                        }
                    }
                };
                values.push(value);
            }
            let call = b.ins().call_indirect(callee_ref, func, &values);
            let bits = match b.inst_results(call).first().copied() {
                None => b.ins().iconst(types::I64, 0),
                Some(r) => {
                    let ty = b.func.dfg.value_type(r);
                    if ty == types::F64 {
                        b.ins().bitcast(types::I64, MemFlagsData::new(), r)
                    } else if ty == types::F32 {
                        let r = b.ins().bitcast(types::I32, MemFlagsData::new(), r);
                        b.ins().uextend(types::I64, r)
                    } else if ty.bits() < 64 {
                        b.ins().uextend(types::I64, r)
                    } else {
                        r
                    }
                }
            };
            b.ins().store(flags, bits, out, 0);
            let done = b.ins().iconst(types::I32, 1);
            b.ins().return_(&[done]);
            b.switch_to_block(bail);
            let not_done = b.ins().iconst(types::I32, 0);
            b.ins().return_(&[not_done]);
            b.seal_all_blocks();
            b.finalize(frontend_config);
        }
        self.module.define_function(id, &mut ctx).ok()?;
        self.module.clear_context(&mut ctx);
        self.module.finalize_definitions().ok()?;
        let code = self.module.get_finalized_function(id);
        // SAFETY: the code was compiled above with exactly this signature.
        Some(unsafe { std::mem::transmute::<*const u8, JitCall>(code) })
    }
}

/// The C parameter of type `t`, with the extension C callers give narrow integers.
fn c_param(t: FfiType) -> Option<AbiParam> {
    use FfiType::*;
    Some(match t {
        Char | I8 => AbiParam::new(types::I8).sext(),
        U8 => AbiParam::new(types::I8).uext(),
        Bool => AbiParam::new(types::I8).uext(),
        I16 => AbiParam::new(types::I16).sext(),
        U16 => AbiParam::new(types::I16).uext(),
        I32 => AbiParam::new(types::I32).sext(),
        U32 => AbiParam::new(types::I32).uext(),
        I64 | U64 | I64Fast | U64Fast | Ptr => AbiParam::new(types::I64),
        F32 => AbiParam::new(types::F32),
        F64 => AbiParam::new(types::F64),
        _ => return None,
    })
}

/// The C result of type `t` (`Some(None)` for void; `None`: no rule here). Results go back
/// as the raw register: narrow ones are read as their type and zero-extended, and
/// `fast::result` takes the bits it needs, as for the other callers.
fn c_result(t: FfiType) -> Option<Option<AbiParam>> {
    use FfiType::*;
    let ty: Type = match t {
        Void => return Some(None),
        Char | I8 | U8 | Bool => types::I8,
        I16 | U16 => types::I16,
        I32 | U32 => types::I32,
        I64 | U64 | I64Fast | U64Fast | Ptr | CString | Function => types::I64,
        F32 => types::F32,
        F64 => types::F64,
        _ => return None,
    };
    Some(Some(AbiParam::new(ty)))
}

/// Called from compiled code for a value its inline rule does not take: `fast::read` with
/// the argument's kind. Writes the register bits to `out`; 0 for the general path.
extern "C" fn read_slow(ctx: *mut JSContext, op: u32, value: *const JSValue, out: *mut u64) -> u32 {
    let Some(op) = ArgOp::from_code(op) else {
        return 0;
    };
    // SAFETY: compiled code passes the live context of the call and the address of one of
    // its arguments; `out` is its own stack slot.
    unsafe {
        match crate::fast::read(ctx, op, *value) {
            Some(bits) => {
                *out = bits;
                1
            }
            None => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fast::tests::in_context;
    use crate::fast::FastCall;

    /// Each argument weighted by its position, so a swapped or mis-extended one shows.
    #[allow(clippy::too_many_arguments)]
    extern "C" fn weighted(
        a: i8,
        b: u16,
        c: i32,
        d: i64,
        e: f32,
        f: f64,
        g: u64,
        h: bool,
        p: *const u8,
    ) -> f64 {
        // SAFETY: the tests pass a pointer to at least one byte.
        let byte = unsafe { *p };
        f64::from(a)
            + 2.0 * f64::from(b)
            + 3.0 * f64::from(c)
            + 4.0 * d as f64
            + 5.0 * f64::from(e)
            + 6.0 * f
            + 7.0 * g as f64
            + 8.0 * f64::from(u8::from(h))
            + 9.0 * f64::from(byte)
    }

    extern "C" fn narrow_result(a: i16, b: f64, c: u8) -> i16 {
        a.wrapping_add(b as i16).wrapping_add(i16::from(c))
    }

    const WEIGHTED: [FfiType; 9] = {
        use FfiType::*;
        [I8, U16, I32, I64, F32, F64, U64, Bool, Ptr]
    };

    /// The compiled code of `types -> ret` (through the plan, as calls make it).
    fn code_for(types: &[FfiType], ret: FfiType) -> (JitCall, usize) {
        FastCall::plan(types, ret)
            .and_then(|plan| plan.compiled_now())
            .expect("compiled code on this machine")
    }

    /// Calls `code` with the array `source` evaluates to; `None` when it asked for the
    /// general path.
    fn call(
        cx: &rquickjs::Ctx<'_>,
        raw: *mut JSContext,
        code: JitCall,
        f: *const c_void,
        source: &str,
    ) -> Option<u64> {
        let values: Vec<rquickjs::Value> = cx
            .eval(source)
            .and_then(|a: rquickjs::Array| a.iter().collect())
            .expect("values");
        let raw_values: Vec<JSValue> = values.iter().map(|v| v.as_raw()).collect();
        let mut out = 0u64;
        // SAFETY: live ctx; the values outlive the call; `code` was made for `f`'s signature.
        let called = unsafe { code(raw, raw_values.as_ptr(), f, &mut out) };
        (called != 0).then_some(out)
    }

    #[test]
    fn every_kind_reaches_the_function_as_c_passes_it() {
        in_context(|cx, raw| {
            let (code, count) = code_for(&WEIGHTED, FfiType::F64);
            assert_eq!(count, 9);
            let f = weighted as *const c_void;
            // Ints and doubles inline; a BigInt, a boolean and a typed array through the slow
            // reader; narrow values wrap to their C types (-129 as i8 is 127, 65537 as u16 is 1).
            let got = call(
                cx,
                raw,
                code,
                f,
                "[-129, 65537, -3, 12345678901n, 1.5, 0.25, 7n, true, new Uint8Array([42])]",
            )
            .map(f64::from_bits);
            let want = 127.0
                + 2.0
                + 3.0 * -3.0
                + 4.0 * 12345678901.0
                + 5.0 * 1.5
                + 6.0 * 0.25
                + 7.0 * 7.0
                + 8.0
                + 9.0 * 42.0;
            assert_eq!(got, Some(want));
            // Doubles where ints are allowed for floats; ints for the 64-bit kinds.
            let got = call(
                cx,
                raw,
                code,
                f,
                "[1, 2, 3, -4, 5, 6, 7, 0, new Uint8Array([1])]",
            )
            .map(f64::from_bits);
            assert_eq!(got, Some(1.0 + 4.0 + 9.0 - 16.0 + 25.0 + 36.0 + 49.0 + 9.0));
        });
    }

    #[test]
    fn values_without_a_fast_rule_ask_for_the_general_path() {
        in_context(|cx, raw| {
            let (code, _) = code_for(&WEIGHTED, FfiType::F64);
            let f = weighted as *const c_void;
            let ok = "[1, 2, 3, 4, 5, 6, 7, true, new Uint8Array([1])]";
            assert!(call(cx, raw, code, f, ok).is_some());
            // A string, an object with valueOf, a double for a narrow int, a symbol.
            for bad in [
                "['1', 2, 3, 4, 5, 6, 7, true, new Uint8Array([1])]",
                "[1, 2, 3, 4, { valueOf: () => 5 }, 6, 7, true, new Uint8Array([1])]",
                "[1.5, 2, 3, 4, 5, 6, 7, true, new Uint8Array([1])]",
                "[1, 2, 3, 4, 5, 6, Symbol(), true, new Uint8Array([1])]",
            ] {
                assert_eq!(call(cx, raw, code, f, bad), None, "{bad}");
            }
        });
    }

    #[test]
    fn narrow_results_come_back_in_the_low_bits() {
        in_context(|cx, raw| {
            use FfiType::*;
            let (code, _) = code_for(&[I16, F64, U8], I16);
            let bits = call(
                cx,
                raw,
                code,
                narrow_result as *const c_void,
                "[-300, 2.9, 255]",
            )
            .expect("called");
            assert_eq!(bits as u16 as i16, -300 + 2 + 255);
        });
    }

    #[test]
    fn one_code_per_signature_and_none_for_types_without_a_rule() {
        use FfiType::*;
        let (a, _) = code_for(&WEIGHTED, F64);
        let (b, _) = code_for(&WEIGHTED, F64);
        assert_eq!(a as usize, b as usize, "made once, then reused");
        assert!(call_code(
            &[(ArgOp::Wide, I64), (ArgOp::F64, F64), (ArgOp::Wide, Buffer)],
            I64
        )
        .is_none());
        assert!(call_code(
            &[(ArgOp::Wide, I64), (ArgOp::F64, F64), (ArgOp::Wide, I64)],
            Struct
        )
        .is_none());
    }

    #[test]
    fn code_is_compiled_after_the_generic_path_served_the_first_calls() {
        let plan = FastCall::plan(&WEIGHTED, FfiType::F64).expect("a fast plan");
        for _ in 0..calls_before_compiling() {
            assert!(plan.compiled().is_none(), "still the generic path");
        }
        assert!(plan.compiled().is_some(), "compiled from then on");
        assert!(plan.compiled().is_some());
    }

    #[test]
    fn reading_codes_round_trip() {
        for op in [
            ArgOp::Signed(56),
            ArgOp::Signed(48),
            ArgOp::Signed(32),
            ArgOp::Unsigned(56),
            ArgOp::Unsigned(32),
            ArgOp::Wide,
            ArgOp::F64,
            ArgOp::F32,
            ArgOp::Bool,
            ArgOp::Ptr,
        ] {
            assert_eq!(ArgOp::from_code(op.code()), Some(op));
        }
        assert_eq!(ArgOp::from_code(7), None);
        assert_eq!(ArgOp::from_code(64 << 8), None);
    }
}
