// The bench.mjs ops for Deno (Deno.dlopen), to compare rusk with Deno on the same library.
//   FFI_BENCH_LIB=/abs/libffi_fixture.so deno run --allow-ffi --allow-env bench/ffi/bench_deno.ts
// Deno has no i64_fast: that row uses i64. Deno's 64-bit parameters are fast with BigInt
// arguments and slow (~100 ns more) with numbers, so this file passes BigInts there.
// Its threadsafe callbacks block the calling thread until JS has run them.
const LIB = Deno.env.get("FFI_BENCH_LIB");
if (!LIB) throw new Error("set FFI_BENCH_LIB to the absolute path of libffi_fixture.so");
const N = Number(Deno.env.get("BENCH_N") || 2_000_000);

const { symbols: L } = Deno.dlopen(LIB, {
  noop: { parameters: [], result: "void" },
  add_i32: { parameters: ["i32", "i32"], result: "i32" },
  add_f64: { parameters: ["f64", "f64"], result: "f64" },
  add_u64: { parameters: ["u64", "u64"], result: "u64" },
  id_i64_fast: { parameters: ["i64"], result: "i64" },
  hash: { parameters: ["buffer", "usize"], result: "u64" },
  hello: { parameters: [], result: "pointer" },
  call_i32_loop: { parameters: ["function", "i32"], result: "i64" },
  start_threads: { parameters: ["function", "i32", "i32", "i32", "i32"], result: "pointer" },
  join_threads: { parameters: ["pointer"], result: "i64" },
  add_i32_nb: { name: "add_i32", parameters: ["i32", "i32"], result: "i32", nonblocking: true },
  point_add: { parameters: [{ struct: ["i32", "i32"] }, { struct: ["i32", "i32"] }], result: { struct: ["i32", "i32"] } },
} as const);

function report(name: string, totalNs: number, calls: number) {
  const ns = totalNs / calls;
  console.log(`${name} ${ns.toFixed(1)} ${Math.round(1e9 / ns)}`);
}
function bench(name: string, n: number, body: (n: number) => unknown) {
  body(Math.max(1, Math.floor(n / 10)));
  const t0 = performance.now();
  body(n);
  report(name, (performance.now() - t0) * 1e6, n);
}

bench("noop", N, (n) => { for (let i = 0; i < n; i++) L.noop(); });
bench("add_i32", N, (n) => { let s = 0; for (let i = 0; i < n; i++) s = L.add_i32(s, 1); return s; });
bench("add_f64", N, (n) => { let s = 0; for (let i = 0; i < n; i++) s = L.add_f64(s, 1.5); return s; });
bench("add_u64", N, (n) => { let s: any = 0n; for (let i = 0; i < n; i++) s = L.add_u64(s, 3n); return s; });
bench("i64_fast", N, (n) => { let s = 0; for (let i = 0; i < n; i++) s += Number(L.id_i64_fast(12345n)); return s; });
const buf = new Uint8Array(64).map((_, i) => i);
bench("hash64", N, (n) => { let h: any = 0n; for (let i = 0; i < n; i++) h = L.hash(buf, 64n); return h; });
bench("cstring_ret", N, (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += Deno.UnsafePointerView.getCString(L.hello()!).length;
  return s;
});

{
  const cb = new Deno.UnsafeCallback({ parameters: ["i32"], result: "i32" } as const, (i: number) => i + 1);
  const loops = Math.max(1, Math.floor(N / 1000));
  bench("callback", loops * 1000, (n) => { for (let i = 0; i < n / 1000; i++) L.call_i32_loop(cb.pointer, 1000); });
  cb.close();
}

{
  const THREADS = 4, CALLS = 50_000, total = THREADS * CALLS;
  let got = 0;
  const cb = Deno.UnsafeCallback.threadSafe(
    { parameters: ["i32", "i32", "u64"], result: "void" } as const,
    (_tid: number, _seq: number, _v: number | bigint) => { got++; },
  );
  const tick = () => new Promise((r) => setTimeout(r, 0));
  const t0 = performance.now();
  const h = L.start_threads(cb.pointer, 0, THREADS, CALLS, 0);
  while (got < total) await tick();
  const ns = (performance.now() - t0) * 1e6;
  L.join_threads(h);
  report("threadsafe_4x50k", ns, total);
  cb.close();
}

// A non-blocking call awaited one after another (same op as rusk's nonblocking_roundtrip).
{
  const rounds = Math.max(100, Math.floor(N / 100));
  const body = async (n: number) => { let s = 0; for (let i = 0; i < n; i++) s = await L.add_i32_nb(s, 1); return s; };
  await body(Math.floor(rounds / 10));
  const t0 = performance.now();
  await body(rounds);
  report("nonblocking_roundtrip", (performance.now() - t0) * 1e6, rounds);
}

// Structs by value in Deno's form: bytes in, a Uint8Array out (rusk's struct_point_add_bytes).
{
  const a = new Uint8Array(8), b = new Uint8Array(new Int32Array([1, 2]).buffer);
  bench("struct_point_add_bytes", N, (n) => { let p = a; for (let i = 0; i < n; i++) p = L.point_add(p, b); return p; });
}
