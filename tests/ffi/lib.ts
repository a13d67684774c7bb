// Shared set-up for the FFI tests: where the fixture library is, which runtime we are on, the
// fixture's symbol table, and small helpers. The tests are written for `bun:test` + `bun:ffi`
// so they run unchanged under Bun (the reference) and under rusk (which aliases bun:ffi).
import { dlopen, FFIType } from "bun:ffi";

// The fixture (tests/ffi/fixture.c) is compiled by whoever runs the tests; they pass its
// absolute path. Failing loudly here beats 40 confusing "Failed to open library" errors.
export const FIXTURE: string = (() => {
  const p = process.env.FFI_FIXTURE;
  if (!p) {
    throw new Error(
      "FFI_FIXTURE is not set: build tests/ffi/fixture.c with " +
        "`cc -shared -fPIC -O2 -pthread fixture.c -o libffi_fixture.so` and set FFI_FIXTURE " +
        "to the absolute path of the .so",
    );
  }
  return p;
})();

// rusk sets process.versions.rusk; tests of behaviour that goes beyond Bun use
// `test.skipIf(!isRusk)`.
export const isRusk = !!(process as any).versions?.rusk;

// Forces a full, synchronous collection on either runtime (rusk provides Bun.gc as well; the
// fallbacks keep the helper usable if it only has globalThis.gc).
export function gc(): void {
  const B = (globalThis as any).Bun;
  if (B && typeof B.gc === "function") B.gc(true);
  else if (typeof (globalThis as any).gc === "function") (globalThis as any).gc();
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// Yields to the event loop until cond() holds or timeoutMs passes; returns cond()'s final value
// so the caller asserts on it (a timeout then fails with a readable diff, not a hang).
// Under RUSK_GC_STRESS (a full collection after every few system allocations) the deadline is
// ten times longer: a callback whose arguments need a new arena page on every call then costs
// a collection per call (seen: ~7,600 collections for 20,000 calls, 4 s in a debug build).
export const STRESSED = Boolean((globalThis as any).process?.env?.RUSK_GC_STRESS);
export async function waitFor(cond: () => boolean, timeoutMs = 3000): Promise<boolean> {
  const end = Date.now() + timeoutMs * (STRESSED ? 10 : 1);
  while (!cond()) {
    if (Date.now() > end) return cond();
    await sleep(1);
  }
  return true;
}

// JS mirror of ts_value() in fixture.c: the 64-bit value thread `tid` passes on call `seq`.
// Tests check every delivered value against this, bit for bit, as BigInt.
const U64 = (1n << 64n) - 1n;
export function tsValue(tid: number, seq: number): bigint {
  const t = BigInt(tid >>> 0);
  const s = BigInt(seq >>> 0);
  switch (seq % 8) {
    case 0: return U64 - s;
    case 1: return (1n << 53n) + s;
    case 2: return ((t << 32n) | s) & U64;
    case 3: return ((1n << 63n) - 1n) - s;
    case 4: return (1n << 63n) + s;
    case 5: return s;
    case 6: return (1n << 53n) - 1n;
    default: return BigInt.asUintN(64, -(1n << 53n) - s);
  }
}

// Threaded call kinds of start_threads() (see fixture.c).
export const KIND = { U64: 0, I64: 1, MIXED: 2, RET_I32: 3, VOID: 4, STRING: 5 } as const;

// One symbol table for most tests. Types are spelled in several of the accepted ways on
// purpose (names, aliases, FFIType ids) so aliasing is exercised everywhere.
export const symbols = {
  id_i8: { args: ["i8"], returns: "i8" },
  id_u8: { args: ["uint8_t"], returns: "uint8_t" },
  id_i16: { args: [FFIType.i16], returns: FFIType.int16_t },
  id_u16: { args: ["u16"], returns: "u16" },
  id_i32: { args: ["int"], returns: "int32_t" },
  id_u32: { args: ["c_uint"], returns: "u32" },
  id_i64: { args: ["i64"], returns: "int64_t" },
  id_u64: { args: ["usize"], returns: "u64" },
  id_i64_fast: { args: ["i64_fast"], returns: "i64_fast" },
  id_u64_fast: { args: ["u64_fast"], returns: "u64_fast" },
  id_f32: { args: ["float"], returns: "f32" },
  id_f64: { args: ["double"], returns: 9 },
  id_bool: { args: ["bool"], returns: "bool" },
  id_char: { args: ["char"], returns: "char" },
  id_ptr: { args: ["ptr"], returns: "pointer" },
  id_cstring: { args: ["cstring"], returns: "cstring" },
  bool_to_i32: { args: ["bool"], returns: "i32" },
  ptr_to_u64: { args: ["ptr"], returns: "u64" },
  is_null: { args: ["void*"], returns: "i32" },
  f64_bits: { args: ["f64"], returns: "u64" },
  f32_bits: { args: ["f32"], returns: "u32" },
  neg_zero: { returns: "f64" },
  make_nan: { returns: "f64" },
  ret_u32_max: { returns: "u32" },
  ret_i32_min: { returns: "i32" },
  ret_u8_max: { returns: "u8" },
  ret_i8_min: { returns: "i8" },
  ret_u16_max: { returns: "u16" },
  ret_i16_min: { returns: "i16" },
  ret_u64_max: { returns: "u64" },
  ret_i64_min: { returns: "i64" },
  ret_true: { returns: "bool" },
  ret_false: { returns: "bool" },
  ret_null: { returns: "ptr" },
  hello: { returns: "cstring" },
  hello_utf8: { returns: "cstring" },
  null_cstring: { returns: "cstring" },
  empty_cstring: { returns: "cstring" },
  noop: {},
  add_i32: { args: ["i32", "i32"], returns: "i32" },
  add_f64: { args: ["f64", "f64"], returns: "f64" },
  add_f32: { args: ["f32", "f32"], returns: "f32" },
  add_u64: { args: ["u64", "u64"], returns: "u64" },
  add_i64: { args: ["i64", "i64"], returns: "i64" },
  add_i64_fast: { args: ["i64_fast", "i64_fast"], returns: "i64_fast" },
  hash: { args: ["ptr", "usize"], returns: "u64" },
  mix7: { args: ["i8", "u16", "i32", "i64", "f32", "f64", "u64"], returns: "f64" },
  mix7_i64: { args: ["i8", "u16", "i32", "i64", "f32", "f64", "u64"], returns: "i64" },
  sum10_i64: { args: Array(10).fill("i64"), returns: "i64" },
  sum10_f64: { args: Array(10).fill("f64"), returns: "f64" },
  wsum_f64x16: { args: Array(16).fill("f64"), returns: "f64" },
  wsum_f64x5_i64: { args: Array(5).fill("f64"), returns: "i64" },
  wsum_f64x9_f32: { args: Array(9).fill("f64"), returns: "f32" },
  wsum_u64x14: { args: Array(14).fill("u64"), returns: "u64" },
  wsum_i64x7_f64: { args: Array(7).fill("i64"), returns: "f64" },
  wsum_first_bytes_ptrx7: { args: Array(7).fill("ptr"), returns: "u64" },
  make_buffer: { args: ["usize", "u8"], returns: "ptr" },
  dup_string: { args: ["cstring"], returns: "ptr" },
  free_buffer: { args: ["ptr"], returns: "void" },
  fill_buffer: { args: ["buffer", "usize", "u8"], returns: "usize" },
  sum_bytes: { args: ["ptr", "usize"], returns: "u64" },
  first_byte: { args: ["buffer"], returns: "i32" },
  c_strlen: { args: ["cstring"], returns: "usize" },
  ptr_add: { args: ["ptr", "i64"], returns: "ptr" },
  fixture_free: { args: ["ptr", "ptr"], returns: "void" },
  fixture_free_count: { returns: "i32" },
  fixture_free_last_ctx: { returns: "u64" },
  fixture_free_reset: {},
  fixture_free_address: { returns: "ptr" },
  static_bytes: { returns: "ptr" },
  call_i8: { args: ["function", "i8"], returns: "i8" },
  call_u8: { args: ["function", "u8"], returns: "u8" },
  call_i16: { args: ["function", "i16"], returns: "i16" },
  call_u16: { args: ["function", "u16"], returns: "u16" },
  call_i32: { args: ["function", "i32"], returns: "i32" },
  call_u32: { args: ["function", "u32"], returns: "u32" },
  call_i64: { args: ["function", "i64"], returns: "i64" },
  call_u64: { args: ["function", "u64"], returns: "u64" },
  call_i64_fast: { args: ["function", "i64_fast"], returns: "i64_fast" },
  call_u64_fast: { args: ["function", "u64_fast"], returns: "u64_fast" },
  call_f32: { args: ["function", "f32"], returns: "f32" },
  call_f64: { args: ["function", "f64"], returns: "f64" },
  call_bool: { args: ["function", "bool"], returns: "bool" },
  call_char: { args: ["function", "char"], returns: "char" },
  call_ptr: { args: ["callback", "ptr"], returns: "ptr" },
  call_cstring: { args: ["fn"], returns: "i32" },
  call_cstring_roundtrip: { args: ["function", "cstring"], returns: "i64" },
  call_mix7: { args: ["function"], returns: "f64" },
  call_i32_loop: { args: ["function", "i32"], returns: "i64" },
  call_void_n: { args: ["function", "i32"], returns: "void" },
  call_then_add: { args: ["function", "i32"], returns: "i32" },
  call_nested: { args: ["function", "i32"], returns: "i32" },
  ts_value_of: { args: ["i32", "i32"], returns: "u64" },
  start_threads: { args: ["function", "i32", "i32", "i32", "i32"], returns: "ptr" },
  join_threads: { args: ["ptr"], returns: "i64_fast" },
  threads_made: { args: ["ptr"], returns: "i64_fast" },
  run_threads: { args: ["function", "i32", "i32", "i32"], returns: "i64_fast" },
  call_later: { args: ["function", "i32", "i32"], returns: "ptr" },
  later_done: { args: ["ptr"], returns: "i32" },
  join_later: { args: ["ptr"], returns: "i32" },
  call_from_thread_and_wait: { args: ["function"], returns: "i32" },
  sleep_ms: { args: ["i32"], returns: "void" },
  stop_threads: { args: ["ptr"], returns: "void" },
} as const;

// Opened once per test file (each file imports this module); never closed, since every test
// file shares it. Tests of close() open their own handle.
export const lib = dlopen(FIXTURE, symbols as any);
export const S: any = lib.symbols;
