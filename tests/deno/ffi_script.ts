// A script written for Deno's FFI (Deno.dlopen and friends), run unchanged by rusk: the cargo
// test compares its output with ffi_script.expected, which is what Deno 2.9.6 prints
// (`deno run -A tests/deno/ffi_script.ts`). FFI_FIXTURE is the absolute path of
// tests/ffi/fixture.c built as a shared library. Everything printed is independent of the
// machine: addresses are only compared, never printed.

const path = Deno.env.get("FFI_FIXTURE");
if (!path) throw new Error("FFI_FIXTURE is not set");

const Point = { struct: ["i32", "i32"] } as const;
const Rect = { struct: [Point, Point] } as const;

const lib = Deno.dlopen(path, {
  add_i32: { parameters: ["i32", "i32"], result: "i32" },
  plus: { name: "add_i32", parameters: ["u32", "u32"], result: "u32" },
  id_u8: { parameters: ["u8"], result: "u8" },
  add_u64: { parameters: ["u64", "u64"], result: "u64" },
  add_i64: { parameters: ["i64", "i64"], result: "i64" },
  id_usize: { name: "id_u64", parameters: ["usize"], result: "usize" },
  add_f32: { parameters: ["f32", "f32"], result: "f32" },
  add_f64: { parameters: ["f64", "f64"], result: "f64" },
  id_bool: { parameters: ["bool"], result: "bool" },
  hello: { parameters: [], result: "pointer" },
  hello_utf8: { parameters: [], result: "pointer" },
  ret_null: { parameters: [], result: "pointer" },
  id_ptr: { parameters: ["pointer"], result: "pointer" },
  static_bytes: { parameters: [], result: "pointer" },
  first_byte: { parameters: ["buffer"], result: "i32" },
  is_null: { parameters: ["buffer"], result: "i32" },
  fill_buffer: { parameters: ["buffer", "usize", "u8"], result: "usize" },
  sum_bytes: { parameters: ["buffer", "usize"], result: "u64" },
  hash: { parameters: ["buffer", "usize"], result: "u64" },
  call_i32: { parameters: ["function", "i32"], result: "i32" },
  call_u64: { parameters: ["function", "u64"], result: "u64" },
  call_ptr: { parameters: ["function", "pointer"], result: "pointer" },
  call_cstring: { parameters: ["function"], result: "i32" },
  call_mix7: { parameters: ["function"], result: "f64" },
  call_then_add: { parameters: ["function", "i32"], result: "i32" },
  start_threads: { parameters: ["function", "i32", "i32", "i32", "i32"], result: "pointer" },
  join_threads: { parameters: ["pointer"], result: "i64" },
  call_later: { parameters: ["function", "i32", "i32"], result: "pointer" },
  join_later: { parameters: ["pointer"], result: "i32" },
  address_of_ret_true: { name: "parity_address_of_ret_true", parameters: [], result: "pointer" },
  nb_slow_add: { parameters: ["i32", "i64", "i64"], result: "i64", nonblocking: true },
  nb_slow_echo: { parameters: ["buffer", "i32"], result: "pointer", nonblocking: true },
  point_add: { parameters: [Point, Point], result: Point },
  rect_area: { parameters: [Rect], result: "i32" },
  call_point_cb: { parameters: ["function", Point, "i32"], result: Point },
  // A static: the first byte of ret_true's machine code, compared below with a view of it.
  ret_true_code: { name: "ret_true", type: "u8" },
  fixture_number: { type: "i32" },
  fixture_flag: { type: "bool" },
  not_in_the_library: { parameters: [], result: "void", optional: true },
});
const s = lib.symbols;

// --- Numbers ---
console.log("add_i32", s.add_i32(2, 40), s.add_i32(2147483647, 1));
console.log("alias u32", s.plus(4000000000, 1));
console.log("u8 wraps", s.id_u8(300));
console.log("add_u64", String(s.add_u64(2n ** 63n, 1n)), String(s.add_u64(1, 2)), typeof s.add_u64(1, 2));
console.log("add_i64", String(s.add_i64(-5, 2n)));
console.log("usize", String(s.id_usize(-1)), String(s.id_usize(2 ** 64)));
console.log("floats", s.add_f32(0.1, 0.2), s.add_f64(0.1, 0.2));
console.log("bool", s.id_bool(true), s.id_bool(false));
for (const [label, call] of [
  ["string for i32", () => s.add_i32("1" as any, 2)],
  ["fraction for i32", () => s.add_i32(1.5, 2)],
  ["number for bool", () => s.id_bool(1 as any)],
  ["bigint for f64", () => s.add_f64(1n as any, 2)],
  ["number for pointer", () => s.id_ptr(5 as any)],
  ["string for buffer", () => s.first_byte("abc" as any)],
] as const) {
  try {
    call();
    console.log(label, "accepted");
  } catch (e) {
    console.log(label, (e as Error).name);
  }
}

// --- Pointers and views ---
const hello = s.hello()!;
console.log("pointer", typeof hello, Object.getPrototypeOf(hello), Object.isFrozen(hello));
console.log("cstring", Deno.UnsafePointerView.getCString(hello), new Deno.UnsafePointerView(s.hello_utf8()!).getCString());
console.log("null result", s.ret_null(), s.id_ptr(null));
console.log("same address", s.id_ptr(hello) === hello, Deno.UnsafePointer.equals(s.id_ptr(hello), hello));
const base = s.static_bytes()!;
const view = new Deno.UnsafePointerView(base);
console.log(
  "view",
  String(view.getBigInt64(0)),
  String(view.getBigUint64(8)),
  view.getFloat64(16),
  view.getFloat32(24),
  view.getInt32(28),
  view.getUint32(32),
  view.getInt16(36),
  view.getUint16(38),
  view.getInt8(40),
  view.getUint8(41),
);
console.log("view string", view.getCString(42), view.getCString(64), String(view.getBigUint64(56)));
console.log("view pointer", Deno.UnsafePointer.equals(view.getPointer(48), base), view.getPointer(72));
console.log("view bytes", new Uint8Array(view.getArrayBuffer(4, 42)).join(","));
const copy = new Uint8Array(6);
view.copyInto(copy.subarray(1, 4), 42);
console.log("copyInto", copy.join(","));
const moved = Deno.UnsafePointer.offset(base, 42)!;
console.log("offset", Deno.UnsafePointer.value(moved) - Deno.UnsafePointer.value(base), Deno.UnsafePointerView.getCString(moved));
console.log("create", Deno.UnsafePointer.equals(Deno.UnsafePointer.create(Deno.UnsafePointer.value(base)), base), Deno.UnsafePointer.create(0n));
console.log("value of null", Deno.UnsafePointer.value(null));
const bytes = new Uint8Array([5, 6, 7, 8]);
const bytesPointer = Deno.UnsafePointer.of(bytes)!;
console.log("of", new Deno.UnsafePointerView(bytesPointer).getUint8(2), Deno.UnsafePointer.of(new Uint8Array(0)));
console.log("static", s.ret_true_code === new Deno.UnsafePointerView(s.address_of_ret_true()!).getUint8(), s.not_in_the_library);
console.log("exported variables", s.fixture_number, s.fixture_flag);

// --- Buffers ---
console.log("first_byte", s.first_byte(new Uint8Array([7, 8])), s.first_byte(new Uint16Array([0x0102]).buffer));
console.log("empty buffer is NULL", s.is_null(new Uint8Array(0)), s.is_null(null), s.is_null(new Uint8Array(1)));
const filled = new Uint8Array(5);
console.log("fill_buffer", String(s.fill_buffer(filled, 5, 250)), filled.join(","));
console.log("subarray", String(s.sum_bytes(new Uint8Array([1, 2, 3, 4]).subarray(2), 2)));
console.log("hash", s.hash(new TextEncoder().encode("a"), 1).toString(16));

// --- Callbacks ---
const doubler = new Deno.UnsafeCallback({ parameters: ["i32"], result: "i32" }, (x: number) => x * 2);
console.log("call_i32", s.call_i32(doubler.pointer, 21), typeof doubler.pointer, doubler.definition.result);
const seen64: string[] = [];
const echo64 = new Deno.UnsafeCallback({ parameters: ["u64"], result: "u64" }, (x: bigint) => {
  seen64.push(`${typeof x}:${x}`);
  return x + 1n;
});
console.log("call_u64", String(s.call_u64(echo64.pointer, 2n ** 64n - 2n)), seen64.join(" "));
const ptrEcho = new Deno.UnsafeCallback({ parameters: ["pointer"], result: "pointer" }, (p) => p);
console.log("call_ptr", Deno.UnsafePointer.equals(s.call_ptr(ptrEcho.pointer, base), base), s.call_ptr(ptrEcho.pointer, null));
const strlen = new Deno.UnsafeCallback({ parameters: ["pointer"], result: "i32" }, (p) => Deno.UnsafePointerView.getCString(p!).length);
console.log("call_cstring", s.call_cstring(strlen.pointer));
const mix = new Deno.UnsafeCallback(
  { parameters: ["i8", "u16", "i32", "i64", "f32", "f64", "u64"], result: "f64" },
  (...args: (number | bigint)[]) => {
    console.log("mix7 args", args.map(String).join(","));
    return 0.5;
  },
);
console.log("call_mix7", s.call_mix7(mix.pointer));
const thrower = new Deno.UnsafeCallback({ parameters: ["i32"], result: "i32" }, () => {
  throw new Error("from the callback");
});
try {
  s.call_then_add(thrower.pointer, 1);
} catch (e) {
  console.log("callback threw", (e as Error).message);
}
console.log("ref counts", doubler.ref(), doubler.ref(), doubler.unref(), doubler.unref(), doubler.unref());
const direct = new Deno.UnsafeFnPointer(doubler.pointer, { parameters: ["i32"], result: "i32" });
console.log("UnsafeFnPointer of a callback", direct.call(50));
const retTrue = new Deno.UnsafeFnPointer(s.address_of_ret_true()!, { parameters: [], result: "bool" });
console.log("UnsafeFnPointer", retTrue.call());
for (const cb of [doubler, echo64, ptrEcho, strlen, mix, thrower]) cb.close();
try {
  doubler.close();
} catch (e) {
  console.log("closed twice", (e as Error).name);
}

// --- Structs by value ---
const sum = s.point_add(new Int32Array([1, 2]), new Int32Array([30, 40]));
console.log("point_add", sum.constructor.name, new Int32Array(sum.buffer).join(","));
console.log("rect_area", s.rect_area(new Int32Array([1, 2, 11, 22])));
const scale = new Deno.UnsafeCallback({ parameters: [Point, "i32"], result: Point }, (p: Uint8Array, k: number) => {
  const xy = new Int32Array(p.slice().buffer);
  return new Int32Array([xy[0] * k, xy[1] * k]);
});
console.log("struct callback", new Int32Array(s.call_point_cb(scale.pointer, new Int32Array([3, 4]), 10).buffer).join(","));
scale.close();

// --- Non-blocking calls ---
const pending = s.nb_slow_add(20, 40n, 2n);
console.log("nonblocking", pending instanceof Promise);
console.log("nonblocking result", String(await pending));
const text = new TextEncoder().encode("echo\0");
const echoed = await s.nb_slow_echo(text, 5);
console.log("nonblocking pointer", Deno.UnsafePointerView.getCString(echoed!));
try {
  await s.nb_slow_add("x" as any, 1n, 2n);
} catch (e) {
  console.log("nonblocking rejects", (e as Error).name);
}

// --- Calls from C threads ---
// Two threads call a void callback 40 times each with 64-bit values; the JS thread stays free
// (polling) while they run.
const THREADS = 2, CALLS = 40;
let calls = 0;
let valueSum = 0n;
const fromThreads = Deno.UnsafeCallback.threadSafe(
  { parameters: ["i32", "i32", "u64"], result: "void" },
  (_tid: number, _seq: number, v: bigint) => {
    calls++;
    valueSum = (valueSum + v) % 2n ** 64n;
  },
);
const group = s.start_threads(fromThreads.pointer, 0, THREADS, CALLS, 0);
while (calls < THREADS * CALLS) await new Promise((r) => setTimeout(r, 2));
console.log("thread calls", calls, String(s.join_threads(group)), valueSum.toString(16));
fromThreads.close();

// A single call from a thread after a delay: the ref'd callback alone keeps the program
// running until it arrives.
const later = Deno.UnsafeCallback.threadSafe({ parameters: ["i32"], result: "void" }, (v: number) => {
  console.log("call from a thread", v);
  // Closed once the call has returned (Deno crashes when a callback closes itself).
  setTimeout(() => {
    later.close();
    console.log("joined", s.join_later(handle));
    finish();
  }, 0);
});
const handle = s.call_later(later.pointer, 30, 77);

function finish() {
  // --- The rest of the namespace ---
  Deno.env.set("RUSK_DENO_SCRIPT_VAR", "set");
  console.log("env", Deno.env.get("RUSK_DENO_SCRIPT_VAR"), Deno.env.has("RUSK_DENO_SCRIPT_VAR"), Deno.env.toObject().RUSK_DENO_SCRIPT_VAR);
  Deno.env.delete("RUSK_DENO_SCRIPT_VAR");
  console.log("env deleted", Deno.env.get("RUSK_DENO_SCRIPT_VAR"), Deno.env.has("RUSK_DENO_SCRIPT_VAR"));
  const b = Deno.build;
  console.log("build", b.target === `${b.arch}-${b.vendor}-${b.os}${b.env ? `-${b.env}` : ""}`, Object.isFrozen(b));
  console.log("args", JSON.stringify(Deno.args), typeof Deno.pid, typeof Deno.cwd(), typeof Deno.execPath());
  lib.close();
  try {
    lib.close();
  } catch (e) {
    console.log("library closed twice", (e as Error).name, (e as Error).message);
  }
  console.log("done");
  Deno.exit(0);
}
