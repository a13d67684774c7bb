// The bench.mjs ops for Node + koffi, to compare rusk with koffi on the same library.
//   FFI_BENCH_LIB=/abs/libffi_fixture.so KOFFI=/tmp/peers/node_modules/koffi node bench/ffi/bench_koffi.cjs
// koffi has no i64_fast: that row uses int64_t. koffi returns 64-bit results as numbers when they
// are safe integers (BigInt only beyond), so add_u64 gets numbers back after the first call.
// Callbacks called from other threads are queued to the main thread and block their caller.
const koffi = require(process.env.KOFFI || "koffi");

const LIB = process.env.FFI_BENCH_LIB;
if (!LIB) throw new Error("set FFI_BENCH_LIB to the absolute path of libffi_fixture.so");
const N = Number(process.env.BENCH_N || 2_000_000);

const lib = koffi.load(LIB);
const CbI32 = koffi.proto("int32_t CbI32(int32_t)");
const CbTs = koffi.proto("void CbTs(int32_t, int32_t, uint64_t)");
const Point = koffi.struct("Point", { x: "int32_t", y: "int32_t" });
const L = {
  point_add: lib.func("Point point_add(Point, Point)"),
  noop: lib.func("void noop(void)"),
  add_i32: lib.func("int32_t add_i32(int32_t, int32_t)"),
  add_f64: lib.func("double add_f64(double, double)"),
  add_u64: lib.func("uint64_t add_u64(uint64_t, uint64_t)"),
  id_i64_fast: lib.func("int64_t id_i64_fast(int64_t)"),
  hash: lib.func("uint64_t hash(const uint8_t *, size_t)"),
  hello: lib.func("const char *hello(void)"),
  call_i32_loop: lib.func("int64_t call_i32_loop(CbI32 *, int32_t)"),
  start_threads: lib.func("void *start_threads(CbTs *, int32_t, int32_t, int32_t, int32_t)"),
  join_threads: lib.func("int64_t join_threads(void *)"),
};

function report(name, totalNs, calls) {
  const ns = totalNs / calls;
  console.log(`${name} ${ns.toFixed(1)} ${Math.round(1e9 / ns)}`);
}
function bench(name, n, body) {
  body(Math.max(1, Math.floor(n / 10)));
  const t0 = performance.now();
  body(n);
  report(name, (performance.now() - t0) * 1e6, n);
}

(async () => {
  bench("noop", N, (n) => { for (let i = 0; i < n; i++) L.noop(); });
  bench("add_i32", N, (n) => { let s = 0; for (let i = 0; i < n; i++) s = L.add_i32(s, 1); return s; });
  bench("add_f64", N, (n) => { let s = 0; for (let i = 0; i < n; i++) s = L.add_f64(s, 1.5); return s; });
  bench("add_u64", N, (n) => { let s = 0n; for (let i = 0; i < n; i++) s = L.add_u64(s, 3n); return s; });
  bench("i64_fast", N, (n) => { let s = 0; for (let i = 0; i < n; i++) s += Number(L.id_i64_fast(12345)); return s; });
  const buf = new Uint8Array(64).map((_, i) => i);
  bench("hash64", N, (n) => { let h = 0n; for (let i = 0; i < n; i++) h = L.hash(buf, 64); return h; });
  bench("cstring_ret", N, (n) => { let s = 0; for (let i = 0; i < n; i++) s += L.hello().length; return s; });
  bench("struct_point_add", N, (n) => { let p = { x: 0, y: 0 }; const one = { x: 1, y: 2 }; for (let i = 0; i < n; i++) p = L.point_add(p, one); return p; });
  {
    // koffi's variadic calls: a (type, value) pair per argument after the fixed ones.
    const variadicInts = lib.func("int variadic_ints(int n, ...)");
    bench("variadic_2_ints", N, (n) => { let s = 0; for (let i = 0; i < n; i++) s += variadicInts(2, "int", i, "int", 1); return s; });
  }

  {
    const cb = koffi.register((i) => i + 1, koffi.pointer(CbI32));
    const loops = Math.max(1, Math.floor(N / 1000));
    bench("callback", loops * 1000, (n) => { for (let i = 0; i < n / 1000; i++) L.call_i32_loop(cb, 1000); });
    koffi.unregister(cb);
  }

  {
    const THREADS = 4, CALLS = 50_000, total = THREADS * CALLS;
    let got = 0;
    const cb = koffi.register((tid, seq, v) => { got++; }, koffi.pointer(CbTs));
    const tick = () => new Promise((r) => setImmediate(r));
    const t0 = performance.now();
    const h = L.start_threads(cb, 0, THREADS, CALLS, 0);
    while (got < total) await tick();
    const ns = (performance.now() - t0) * 1e6;
    L.join_threads(h);
    report("threadsafe_4x50k", ns, total);
    koffi.unregister(cb);
  }
})();
