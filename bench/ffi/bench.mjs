// FFI micro-benchmarks with the bun:ffi API: runs under Bun and under rusk unchanged.
//   FFI_BENCH_LIB=/abs/path/libffi_fixture.so bun bench/ffi/bench.mjs
//   FFI_BENCH_LIB=... target/release/rusk run bench/ffi/bench.mjs
// Optional: BENCH_N (calls per op, default 2,000,000).
// Prints one line per op: `name ns/op calls/s`. bench/ffi/run.sh collects them into a table.
// The library is tests/ffi/fixture.c; same ops in bench_deno.ts and bench_koffi.cjs.
import { dlopen, JSCallback, ptr } from "bun:ffi";

const LIB = process.env.FFI_BENCH_LIB;
if (!LIB) throw new Error("set FFI_BENCH_LIB to the absolute path of libffi_fixture.so");
const N = Number(process.env.BENCH_N || 2_000_000);

const { symbols: L } = dlopen(LIB, {
  noop: { args: [], returns: "void" },
  add_i32: { args: ["i32", "i32"], returns: "i32" },
  add_f64: { args: ["f64", "f64"], returns: "f64" },
  add_u64: { args: ["u64", "u64"], returns: "u64" },
  id_i64_fast: { args: ["i64_fast"], returns: "i64_fast" },
  hash: { args: ["ptr", "usize"], returns: "u64" },
  hello: { args: [], returns: "cstring" },
  add_f32: { args: ["f32", "f32"], returns: "f32" },
  id_i16: { args: ["i16"], returns: "i16" },
  mix7: { args: ["i8", "u16", "i32", "i64", "f32", "f64", "u64"], returns: "f64" },
  sum10_i64: { args: ["i64", "i64", "i64", "i64", "i64", "i64", "i64", "i64", "i64", "i64"], returns: "i64_fast" },
  sum10_f64: { args: ["f64", "f64", "f64", "f64", "f64", "f64", "f64", "f64", "f64", "f64"], returns: "f64" },
  call_i32_loop: { args: ["function", "i32"], returns: "i64" },
  start_threads: { args: ["function", "i32", "i32", "i32", "i32"], returns: "ptr" },
  join_threads: { args: ["ptr"], returns: "i64_fast" },
});

function report(name, totalNs, calls) {
  const ns = totalNs / calls;
  console.log(`${name} ${ns.toFixed(1)} ${Math.round(1e9 / ns)}`);
}
// BENCH_ONLY=op1,op2 runs only those ops (bench/ffi/instructions.sh counts one at a time).
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",")) : null;
// Runs body(n) once with a tenth of n as warm-up, then timed.
function bench(name, n, body) {
  if (ONLY && !ONLY.has(name)) return;
  body(Math.max(1, Math.floor(n / 10)));
  const t0 = performance.now();
  body(n);
  report(name, (performance.now() - t0) * 1e6, n);
}

bench("noop", N, (n) => { for (let i = 0; i < n; i++) L.noop(); });
bench("add_i32", N, (n) => { let s = 0; for (let i = 0; i < n; i++) s = L.add_i32(s, 1); return s; });
bench("add_f64", N, (n) => { let s = 0; for (let i = 0; i < n; i++) s = L.add_f64(s, 1.5); return s; });
bench("add_u64", N, (n) => { let s = 0n; for (let i = 0; i < n; i++) s = L.add_u64(s, 3n); return s; });
bench("i64_fast", N, (n) => { let s = 0; for (let i = 0; i < n; i++) s += L.id_i64_fast(12345); return s; });
// Signatures beyond two arguments: single precision, a narrow integer, seven mixed arguments,
// and ten integers or ten doubles (more than the registers: some travel on the stack).
bench("add_f32", N, (n) => { let s = 0; for (let i = 0; i < n; i++) s = L.add_f32(s, 0.5); return s; });
bench("id_i16", N, (n) => { let s = 0; for (let i = 0; i < n; i++) s += L.id_i16(-1234); return s; });
bench("mix7", N, (n) => { let s = 0; for (let i = 0; i < n; i++) s += L.mix7(-1, 2, 3, 4, 1.5, 2.5, 5); return s; });
bench("sum10_i64", N, (n) => { let s = 0; for (let i = 0; i < n; i++) s += L.sum10_i64(i, 1, 2, 3, 4, 5, 6, 7, 8, 9); return s; });
bench("sum10_f64", N, (n) => { let s = 0; for (let i = 0; i < n; i++) s += L.sum10_f64(i, 1, 2, 3, 4, 5, 6, 7, 8, 0.5); return s; });
const buf = new Uint8Array(64).map((_, i) => i);
const bufPtr = ptr(buf);
bench("hash64", N, (n) => { let h = 0n; for (let i = 0; i < n; i++) h = L.hash(bufPtr, 64); return h; });
// rusk only: a QuickJS C function doing almost nothing (read.u8) approximates the engine's
// native-call floor, against which the FFI overhead is reported.
if (process.versions.rusk) {
  const { read } = await import("bun:ffi");
  bench("floor_read_u8", N, (n) => { let s = 0; for (let i = 0; i < n; i++) s += read.u8(bufPtr); return s; });
}
bench("cstring_ret", N, (n) => { let s = 0; for (let i = 0; i < n; i++) s += L.hello().length; return s; });
// Variadic calls are rusk's extension (`variadic: true`; Bun has none): two int arguments
// through `...`, a (type, value) pair each.
if (process.versions.rusk) {
  const { symbols: V } = dlopen(LIB, { variadic_ints: { args: ["i32"], returns: "i32", variadic: true } });
  bench("variadic_2_ints", N, (n) => { let s = 0; for (let i = 0; i < n; i++) s += V.variadic_ints(2, "i32", i, "i32", 1); return s; });
  // A non-blocking call (`nonblocking: true`) awaited one after another: the round trip
  // through the pool thread and back to the event loop.
  if (!ONLY || ONLY.has("nonblocking_roundtrip")) {
    const { symbols: B } = dlopen(LIB, { add_i32: { args: ["i32", "i32"], returns: "i32", nonblocking: true } });
    const rounds = Math.max(100, Math.floor(N / 100));
    const body = async (n) => { let s = 0; for (let i = 0; i < n; i++) s = await B.add_i32(s, 1); return s; };
    await body(Math.floor(rounds / 10));
    const t0 = performance.now();
    await body(rounds);
    report("nonblocking_roundtrip", (performance.now() - t0) * 1e6, rounds);
  }
  // Structs by value (rusk's extension): two 8-byte structs in, one out — as JS objects, and
  // in Deno's positional form (bytes in, a Uint8Array out).
  const Point = { struct: { x: "i32", y: "i32" } };
  const PointBytes = { struct: ["i32", "i32"] };
  const { symbols: S } = dlopen(LIB, { point_add: { args: [Point, Point], returns: Point } });
  const S2 = dlopen(LIB, { point_add: { args: [PointBytes, PointBytes], returns: PointBytes } }).symbols;
  bench("struct_point_add", N, (n) => { let p = { x: 0, y: 0 }; const one = { x: 1, y: 2 }; for (let i = 0; i < n; i++) p = S.point_add(p, one); return p; });
  const a = new Uint8Array(8), b = new Uint8Array(new Int32Array([1, 2]).buffer);
  bench("struct_point_add_bytes", N, (n) => { let p = a; for (let i = 0; i < n; i++) p = S2.point_add(p, b); return p; });
}

// C loop calling a JS function 1000 times per native call; cost per callback.
{
  const cb = new JSCallback((i) => i + 1, { args: ["i32"], returns: "i32" });
  const loops = Math.max(1, Math.floor(N / 1000));
  bench("callback", loops * 1000, (n) => { for (let i = 0; i < n / 1000; i++) L.call_i32_loop(cb, 1000); });
  cb.close();
}

// Threadsafe: 4 native threads x 50,000 calls with a u64 argument; time from start until the
// last call has been delivered to JS (the JS thread stays in its event loop meanwhile). One
// untimed warm-up round first, like the other ops; the figure is the median of 5 timed rounds.
if (!ONLY || ONLY.has("threadsafe_4x50k")) {
  const THREADS = 4, CALLS = 50_000, total = THREADS * CALLS;
  const tick = () => new Promise((r) => setTimeout(r, 0));
  const round = async () => {
    let got = 0;
    const cb = new JSCallback((tid, seq, v) => { got++; }, { args: ["i32", "i32", "u64"], returns: "void", threadsafe: true });
    const t0 = performance.now();
    const h = L.start_threads(cb, 0, THREADS, CALLS, 0);
    while (got < total) await tick();
    const ns = (performance.now() - t0) * 1e6;
    L.join_threads(h);
    cb.close();
    return ns;
  };
  await round();
  const times = [];
  for (let i = 0; i < 5; i++) times.push(await round());
  times.sort((a, b) => a - b);
  report("threadsafe_4x50k", times[2], total);
}
