// Values crossing the boundary: every type's identity round trip at its limits, the argument
// conversion rules (modular wrap, truncation, BigInt, NaN/-0, truthiness, pointers from views),
// every return-type rule, and mixed / many-argument signatures.
import { describe, expect, test } from "bun:test";
import { ptr } from "bun:ffi";
import { S, isRusk } from "./lib";

const MAX_SAFE = 2 ** 53 - 1;
const U64_MAX = (1n << 64n) - 1n;
const I64_MAX = (1n << 63n) - 1n;
const I64_MIN = -(1n << 63n);

describe("8/16/32-bit integers", () => {
  test("identity at the limits", () => {
    for (const v of [-128, -1, 0, 1, 127]) expect(S.id_i8(v)).toBe(v);
    for (const v of [0, 1, 128, 255]) expect(S.id_u8(v)).toBe(v);
    for (const v of [-32768, -1, 0, 32767]) expect(S.id_i16(v)).toBe(v);
    for (const v of [0, 32768, 65535]) expect(S.id_u16(v)).toBe(v);
    for (const v of [-2147483648, -1, 0, 2147483647]) expect(S.id_i32(v)).toBe(v);
    for (const v of [0, 2147483648, 4294967295]) expect(S.id_u32(v)).toBe(v);
  });

  test("arguments wrap modulo 2^n like ToInt32", () => {
    expect(S.id_u8(300)).toBe(44);
    expect(S.id_u8(-1)).toBe(255);
    expect(S.id_i8(128)).toBe(-128);
    expect(S.id_i8(255)).toBe(-1);
    expect(S.id_u16(65536 + 7)).toBe(7);
    expect(S.id_i16(40000)).toBe(40000 - 65536);
    expect(S.id_u32(-1)).toBe(4294967295);
    expect(S.id_i32(2 ** 31)).toBe(-(2 ** 31));
    expect(S.id_i32(2 ** 32 + 5)).toBe(5);
    expect(S.id_u32(2 ** 40 + 9)).toBe(9);
  });

  test("fractions truncate, NaN/Infinity become 0, BigInt is accepted", () => {
    expect(S.id_i32(3.9)).toBe(3);
    expect(S.id_i32(-3.9)).toBe(-3);
    expect(S.id_u8(-1.7)).toBe(255);
    expect(S.id_i32(NaN)).toBe(0);
    expect(S.id_i32(Infinity)).toBe(0);
    expect(S.id_i32(-Infinity)).toBe(0);
    expect(S.id_u8(NaN)).toBe(0);
    expect(S.id_u8(300n)).toBe(44);
    expect(S.id_i32(-5n)).toBe(-5);
  });

  test("missing arguments read as 0, extra arguments are ignored", () => {
    expect(S.id_i32()).toBe(0);
    expect(S.add_i32(5)).toBe(5);
    expect(S.add_i32(1, 2, 3, 4)).toBe(3);
  });

  test("returns: sign and width come from the declared type", () => {
    expect(S.ret_u32_max()).toBe(4294967295);
    expect(S.ret_i32_min()).toBe(-2147483648);
    expect(S.ret_u8_max()).toBe(255);
    expect(S.ret_i8_min()).toBe(-128);
    expect(S.ret_u16_max()).toBe(65535);
    expect(S.ret_i16_min()).toBe(-32768);
    expect(typeof S.ret_u32_max()).toBe("number");
    expect(S.add_i32(2147483647, 1)).toBe(-2147483648);
  });

  test("char behaves as a signed 8-bit integer on this platform", () => {
    expect(S.id_char(65)).toBe(65);
    expect(S.id_char(-3)).toBe(-3);
    expect(S.id_char(200)).toBe(-56);
  });
});

describe("64-bit integers", () => {
  test("i64/u64 always return BigInt, at the limits", () => {
    for (const v of [0n, 1n, -1n, I64_MAX, I64_MIN, 1n << 53n, -(1n << 53n) - 1n]) {
      expect(S.id_i64(v)).toBe(v);
    }
    for (const v of [0n, 1n, U64_MAX, 1n << 63n, (1n << 53n) + 1n]) expect(S.id_u64(v)).toBe(v);
    expect(typeof S.id_i64(0)).toBe("bigint");
    expect(S.id_i64(0)).toBe(0n);
    expect(S.ret_u64_max()).toBe(U64_MAX);
    expect(S.ret_i64_min()).toBe(I64_MIN);
  });

  test("numbers and BigInts wrap like ToBigInt64 / ToBigUint64", () => {
    expect(S.id_u64(-1n)).toBe(U64_MAX);
    expect(S.id_u64(-1)).toBe(U64_MAX);
    expect(S.id_u64((1n << 64n) + 5n)).toBe(5n);
    expect(S.id_i64(U64_MAX)).toBe(-1n);
    expect(S.id_i64(1n << 63n)).toBe(I64_MIN);
    expect(S.id_i64(123)).toBe(123n);
    expect(S.id_i64(-(2 ** 60))).toBe(-(1n << 60n));
    expect(S.add_u64(U64_MAX, 2n)).toBe(1n);
    expect(S.add_i64(I64_MAX, 1n)).toBe(I64_MIN);
  });

  test("i64_fast: a number while |v| <= 2^53-1, else BigInt", () => {
    expect(S.id_i64_fast(0)).toBe(0);
    expect(S.id_i64_fast(MAX_SAFE)).toBe(MAX_SAFE);
    expect(S.id_i64_fast(-MAX_SAFE)).toBe(-MAX_SAFE);
    expect(S.id_i64_fast(2 ** 53)).toBe(1n << 53n);
    expect(S.id_i64_fast(-(2 ** 53))).toBe(-(1n << 53n));
    expect(S.id_i64_fast(I64_MIN)).toBe(I64_MIN);
    expect(S.id_i64_fast(5n)).toBe(5);
    // 2^31 sits on Bun's old int32 fast-path boundary: must still be the exact number.
    expect(S.id_i64_fast(2 ** 31)).toBe(2 ** 31);
    expect(S.id_i64_fast(-(2 ** 31) - 1)).toBe(-(2 ** 31) - 1);
    expect(S.add_i64_fast(MAX_SAFE, 1)).toBe(1n << 53n);
  });

  test("u64_fast: a number below 2^53-1, else BigInt", () => {
    expect(S.id_u64_fast(0)).toBe(0);
    expect(S.id_u64_fast(12345)).toBe(12345);
    expect(S.id_u64_fast(2 ** 53 - 2)).toBe(2 ** 53 - 2);
    expect(S.id_u64_fast(2 ** 53)).toBe(1n << 53n);
    expect(S.id_u64_fast(-1)).toBe(U64_MAX);
    expect(S.id_u64_fast(U64_MAX)).toBe(U64_MAX);
  });

  // Contract: 2^53-1 inclusive for both signednesses. Bun 1.4.5 returns 9007199254740991n here
  // (its UINT64_TO_JSVALUE uses a strict `<`), so this is checked on rusk only.
  test.skipIf(!isRusk)("u64_fast: exactly 2^53-1 is a number", () => {
    expect(S.id_u64_fast(MAX_SAFE)).toBe(MAX_SAFE);
  });
});

describe("floating point", () => {
  test("f64 identity incl. NaN, -0, infinities, subnormals", () => {
    for (const v of [0, 1.5, -2.25, Number.MAX_VALUE, Number.MIN_VALUE, Infinity, -Infinity, Math.PI]) {
      expect(S.id_f64(v)).toBe(v);
    }
    expect(Object.is(S.id_f64(-0), -0)).toBe(true);
    expect(Number.isNaN(S.id_f64(NaN))).toBe(true);
    expect(Object.is(S.neg_zero(), -0)).toBe(true);
    expect(Number.isNaN(S.make_nan())).toBe(true);
    // -0 reaches C as -0 (sign bit set), not as +0.
    expect(S.f64_bits(-0)).toBe(1n << 63n);
    expect(S.f64_bits(1)).toBe(0x3ff0000000000000n);
  });

  test("f64 argument conversions: BigInt via Number(), null -> 0, undefined -> NaN", () => {
    expect(S.id_f64(5n)).toBe(5);
    expect(S.id_f64(null)).toBe(0);
    expect(Number.isNaN(S.id_f64(undefined))).toBe(true);
    expect(S.id_f64(true)).toBe(1);
  });

  test("f64 from a string is a TypeError", () => {
    expect(() => S.id_f64("1.5")).toThrow(TypeError);
  });

  test("f32 rounds like Math.fround", () => {
    expect(S.id_f32(0.1)).toBe(Math.fround(0.1));
    expect(S.id_f32(1.5)).toBe(1.5);
    expect(S.id_f32(16777217)).toBe(16777216);
    expect(S.id_f32(1e40)).toBe(Infinity);
    expect(Object.is(S.id_f32(-0), -0)).toBe(true);
    expect(Number.isNaN(S.id_f32(NaN))).toBe(true);
    expect(S.f32_bits(-0)).toBe(0x80000000);
    expect(S.f32_bits(1)).toBe(0x3f800000);
    expect(S.add_f32(0.1, 0.2)).toBe(Math.fround(Math.fround(0.1) + Math.fround(0.2)));
    expect(S.add_f64(0.1, 0.2)).toBe(0.1 + 0.2);
  });
});

describe("bool", () => {
  test("arguments use truthiness, returns are booleans", () => {
    for (const v of [true, 1, -1, "x", {}, [], 0.5, 1n]) expect(S.bool_to_i32(v)).toBe(1);
    for (const v of [false, 0, -0, "", null, undefined, NaN, 0n]) expect(S.bool_to_i32(v)).toBe(0);
    expect(S.id_bool(true)).toBe(true);
    expect(S.id_bool(false)).toBe(false);
    expect(S.ret_true()).toBe(true);
    expect(S.ret_false()).toBe(false);
  });
});

describe("pointers", () => {
  test("numbers round trip; NULL is null", () => {
    expect(S.id_ptr(4096)).toBe(4096);
    expect(S.id_ptr(0x7fff_ffff_f000)).toBe(0x7fff_ffff_f000);
    expect(S.id_ptr(null)).toBe(null);
    expect(S.id_ptr(undefined)).toBe(null);
    expect(S.id_ptr(0)).toBe(null);
    expect(S.ret_null()).toBe(null);
    expect(S.is_null(null)).toBe(1);
    expect(S.is_null()).toBe(1);
    expect(S.is_null(4096)).toBe(0);
    expect(typeof S.id_ptr(4096)).toBe("number");
  });

  test("a BigInt address is accepted", () => {
    expect(S.id_ptr(123456n)).toBe(123456);
    expect(S.ptr_to_u64(0x10000n)).toBe(0x10000n);
  });

  test("TypedArray, DataView and ArrayBuffer pass their data pointer (+ byteOffset)", () => {
    const ab = new ArrayBuffer(32);
    const u8 = new Uint8Array(ab);
    for (let i = 0; i < 32; i++) u8[i] = i;
    const base = ptr(u8);
    expect(S.ptr_to_u64(u8)).toBe(BigInt(base));
    expect(S.ptr_to_u64(ab)).toBe(BigInt(base));
    const sub = new Uint8Array(ab, 8, 4);
    expect(S.ptr_to_u64(sub)).toBe(BigInt(base + 8));
    expect(S.ptr_to_u64(new DataView(ab, 4))).toBe(BigInt(base + 4));
    expect(S.ptr_to_u64(new Uint32Array(ab, 16))).toBe(BigInt(base + 16));
    // C reads the bytes the view covers.
    expect(S.sum_bytes(sub, 4)).toBe(BigInt(8 + 9 + 10 + 11));
    expect(S.sum_bytes(new DataView(ab, 30), 2)).toBe(61n);
    expect(S.hash(new Uint8Array(0), 0)).toBe(0xcbf29ce484222325n);
    expect(S.hash(new TextEncoder().encode("a"), 1)).toBe(0xaf63dc4c8601ec8cn);
  });

  test("C writes into a caller's buffer", () => {
    const b = new Uint8Array(16);
    expect(S.fill_buffer(b.subarray(4), 8, 250)).toBe(8n);
    expect([...b]).toEqual([0, 0, 0, 0, 250, 251, 252, 253, 254, 255, 0, 1, 0, 0, 0, 0]);
    const dv = new DataView(new ArrayBuffer(4));
    S.fill_buffer(dv, 4, 1);
    expect(dv.getUint32(0, false)).toBe(0x01020304);
  });

  test("`buffer` arguments take a TypedArray or DataView, anything else is a TypeError", () => {
    expect(S.first_byte(new Uint8Array([7, 8]))).toBe(7);
    expect(S.first_byte(new Uint8Array([7, 8]).subarray(1))).toBe(8);
    expect(S.first_byte(new DataView(new Uint8Array([9]).buffer))).toBe(9);
    expect(() => S.first_byte(5)).toThrow(TypeError);
    expect(() => S.first_byte("abc")).toThrow(TypeError);
    expect(() => S.first_byte({})).toThrow(TypeError);
  });

  // The contract lists ArrayBuffer under ptr/cstring only; `buffer` is TypedArray/DataView only
  // (Bun agrees: "bun:ffi 'buffer' argument must be a TypedArray or DataView").
  test("`buffer` rejects a bare ArrayBuffer", () => {
    expect(() => S.first_byte(new ArrayBuffer(4))).toThrow(TypeError);
  });
});

describe("cstring", () => {
  test("returns decode UTF-8; NULL is null", () => {
    expect(S.hello()).toBe("hello");
    expect(typeof S.hello()).toBe("string");
    expect(S.hello_utf8()).toBe("héllo wörld ✓ 😀");
    expect(S.null_cstring()).toBe(null);
    expect(S.empty_cstring()).toBe("");
  });

  test("arguments: buffers with a NUL, NULL, and (beyond Bun's old glue) JS strings", () => {
    const bytes = new TextEncoder().encode("héllo\0");
    expect(S.c_strlen(bytes)).toBe(6n);
    expect(S.id_cstring(bytes)).toBe("héllo");
    expect(S.c_strlen(null)).toBe(0n);
    expect(S.id_cstring(null)).toBe(null);
    // A JS string is encoded as NUL-terminated UTF-8 for the duration of the call.
    expect(S.c_strlen("héllo")).toBe(6n);
    expect(S.c_strlen("")).toBe(0n);
    expect(S.c_strlen("a😀")).toBe(5n);
  });
});

describe("mixed and many-argument signatures", () => {
  test("mix7 (i8,u16,i32,i64,f32,f64,u64) -> f64", () => {
    // -7 + 2*65000 + 3*-100000 + 5*-(2^20) + 7*1.5 + 11*0.25 + 13*2^40, all exact in a double.
    const exp = -7 + 2 * 65000 + 3 * -100000 + 5 * -(2 ** 20) + 7 * 1.5 + 11 * 0.25 + 13 * 2 ** 40;
    expect(S.mix7(-7, 65000, -100000, -(2n ** 20n), 1.5, 0.25, 2n ** 40n)).toBe(exp);
    // Wrapping of the narrow arguments happens per argument.
    expect(S.mix7(256 + 1, 65536 + 2, 3, 0, 0, 0, 0)).toBe(1 + 4 + 9);
  });

  test("mix7_i64 -> i64 with values near the 64-bit limits", () => {
    const a = -128, b = 65535, c = -2147483648, d = I64_MAX, e = 3.75, f = -2.5, g = U64_MAX;
    const exp = BigInt.asIntN(
      64,
      BigInt(a) + 2n * BigInt(b) + 3n * BigInt(c) + 5n * d + 7n * 3n + 11n * -2n + 13n * g,
    );
    expect(S.mix7_i64(a, b, c, d, e, f, g)).toBe(exp);
  });

  test("ten i64 / ten f64 (stack-passed arguments)", () => {
    const xs = [1n, -2n, 3n, I64_MAX, 5n, -6n, 7n, 1n << 62n, 9n, -10n];
    const exp = BigInt.asIntN(64, xs.reduce((s, x, i) => s + BigInt(i + 1) * x, 0n));
    expect(S.sum10_i64(...xs)).toBe(exp);
    const ds = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5];
    expect(S.sum10_f64(...ds)).toBe(ds.reduce((s, x, i) => s + (i + 1) * x, 0));
  });

  // Mixed and wide signatures take the generic path for their first calls and compiled code
  // after (1,000 by default; RUSK_FFI_JIT_AFTER): every call gives the same results.
  test("results stay the same across the switch to compiled code", () => {
    const wrong: unknown[] = [];
    for (let i = 0; i < 2500; i++) {
      const a = (i % 200) - 100, b = i * 7, c = -i * 3, d = BigInt(i) << 20n, e = i + 0.5, f = i / 4, g = BigInt(i) * 3n;
      const want = a + 2 * b + 3 * c + 5 * Number(d) + 7 * e + 11 * f + 13 * Number(g);
      const got = S.mix7(a, b, c, d, e, f, g);
      if (got !== want && wrong.length < 3) wrong.push({ i, op: "mix7", got, want });
      const ds = [i, 1, 2, 3, 4, 5, 6, 7, 8, 0.5];
      const sum = S.sum10_f64(...ds);
      const wantSum = ds.reduce((s, x, k) => s + (k + 1) * x, 0);
      if (sum !== wantSum && wrong.length < 3) wrong.push({ i, op: "sum10_f64", got: sum, want: wantSum });
    }
    expect(wrong).toEqual([]);
  });

  // All-f64 (5-16) and all-64-bit (7-14) signatures are called through a function type of
  // their exact arity; these check each count's edges, each result class, and that a value the
  // fast reader does not take still goes through the general path with the same result.
  const weighted = (xs: number[]) => xs.reduce((s, x, i) => s + (i + 1) * x, 0);
  test("one kind of 8-byte argument at the exact callers' edges", () => {
    const d16 = Array.from({ length: 16 }, (_, i) => (i % 2 ? -1 : 1) * (i + 0.25));
    expect(S.wsum_f64x16(...d16)).toBe(weighted(d16));
    expect(S.wsum_f64x5_i64(1.5, 2, 3, 4, -5)).toBe(BigInt(Math.trunc(weighted([1.5, 2, 3, 4, -5]))));
    const d9 = [1, 2, 3, 4, 5, 6, 7, 8, 0.5];
    expect(S.wsum_f64x9_f32(...d9)).toBe(Math.fround(weighted(d9)));
    const u14 = Array.from({ length: 14 }, (_, i) => (1n << BigInt(40 + i)) + BigInt(i));
    const exp14 = BigInt.asUintN(64, u14.reduce((s, x, i) => s + BigInt(i + 1) * x, 0n));
    expect(S.wsum_u64x14(...u14)).toBe(exp14);
    // Numbers and BigInts mix in 64-bit arguments; negative numbers wrap.
    expect(S.wsum_u64x14(...u14.slice(0, 13), -1)).toBe(BigInt.asUintN(64, exp14 - 14n * u14[13] - 14n));
    expect(S.wsum_i64x7_f64(-1, 2n, -3, 4, -5n, 6, -7)).toBe(weighted([-1, 2, -3, 4, -5, 6, -7]));
  });

  test("pointers by address and by typed array", () => {
    const bufs = Array.from({ length: 7 }, (_, i) => new Uint8Array([10 + i]));
    expect(S.wsum_first_bytes_ptrx7(...bufs)).toBe(BigInt(weighted(bufs.map((b) => b[0]))));
    expect(S.wsum_first_bytes_ptrx7(...bufs.slice(0, 6), null)).toBe(BigInt(weighted(bufs.slice(0, 6).map((b) => b[0]))));
  });

  test("values the fast reader leaves to the general path give the same results", () => {
    const d16 = Array.from({ length: 16 }, (_, i) => i + 1);
    const viaValueOf = d16.map((x) => ({ valueOf: () => x }));
    expect(S.wsum_f64x16(...viaValueOf)).toBe(weighted(d16));
    expect(() => S.wsum_f64x16(...d16.slice(0, 15), "16")).toThrow(/argument 15 of "wsum_f64x16"/);
    expect(S.wsum_i64x7_f64(1, 2, 3, 4, 5, 6, true)).toBe(weighted([1, 2, 3, 4, 5, 6, 1]));
    // Too few arguments: the general path's rule (a missing integer is 0).
    expect(S.wsum_i64x7_f64(1, 2)).toBe(5);
  });
});
