// Structs, unions and fixed-size arrays by value (rusk's extension of bun:ffi): one fixture
// function per System V x86-64 class (INTEGER, SSE, mixed, MEMORY), nested structs, arrays,
// unions, packed layouts, pointer and callback members, stack-passed aggregates, and struct
// arguments/results of callbacks on the JS thread and from other threads. The C compiler that
// built tests/ffi/fixture.c is the reference for every layout and value.
import { describe, expect, test } from "bun:test";
import { FIXTURE, gc, isRusk } from "./lib";

const ffi: any = isRusk ? await import("rusk:ffi") : null;

const Point = { struct: { x: "i32", y: "i32" } };
const Vec2f = { struct: { x: "f32", y: "f32" } };
const Vec2d = { struct: { x: "f64", y: "f64" } };
const Mixed = { struct: { tag: "i32", weight: "f32", value: "f64" } };
const Vec3d = { struct: { x: "f64", y: "f64", z: "f64" } };
const Big = { struct: { a: "i64", b: "i64", c: "i64", d: { array: "u8", length: 8 } } };
const Rect = { struct: { min: Point, max: Point } };
const Named = { struct: { name: { array: "u8", length: 12 }, id: "u16" } };
const IntOrFloat = { union: { i: "i32", f: "f32" } };
const FloatOrDouble = { union: { f: "f32", d: "f64" } };
const Tagged = { struct: { kind: "u8", value: IntOrFloat } };
const Packed = { struct: { a: "u8", b: "u32", c: "u16" }, packed: true };
const PackedAligned = { struct: { a: "u32", b: "u8" }, packed: true };
const Str = { struct: { text: "cstring", len: "i32" } };
const Thunk = { struct: { fn: "function", arg: "i64" } };

describe.skipIf(!isRusk)("structs by value", () => {
  const lib = isRusk
    ? ffi.dlopen(FIXTURE, {
        point_add: { args: [Point, Point], returns: Point },
        point_dot: { args: [Point, Point], returns: "i32" },
        vec2f_scale: { args: [Vec2f, "f32"], returns: Vec2f },
        vec2d_swap: { args: [Vec2d], returns: Vec2d },
        mixed_bump: { args: [Mixed], returns: Mixed },
        vec3d_len2: { args: [Vec3d], returns: "f64" },
        vec3d_cross: { args: [Vec3d, Vec3d], returns: Vec3d },
        big_make: { args: ["i64"], returns: Big },
        big_sum: { args: [Big], returns: "i64" },
        rect_area: { args: [Rect], returns: "i32" },
        rect_grow: { args: [Rect, "i32"], returns: Rect },
        named_make: { args: ["u16"], returns: Named },
        named_check: { args: [Named], returns: "i32" },
        iof_as_float: { args: [IntOrFloat], returns: "f32" },
        iof_from_int: { args: ["i32"], returns: IntOrFloat },
        fod_get_double: { args: [FloatOrDouble], returns: "f64" },
        fod_from_double: { args: ["f64"], returns: FloatOrDouble },
        tagged_next: { args: [Tagged], returns: Tagged },
        packed_bump: { args: [Packed], returns: Packed },
        packed_sum: { args: [Packed], returns: "u32" },
        packed_aligned_make: { args: ["u32", "u8"], returns: PackedAligned },
        packed_aligned_sum: { args: [PackedAligned], returns: "u32" },
        str_len: { args: [Str], returns: "i32" },
        str_hello: { args: [], returns: Str },
        thunk_run: { args: [Thunk], returns: "i64" },
        points_sum7: { args: [Point, Point, Point, Point, Point, Point, Point], returns: "i64" },
        vecs_sum5: { args: [Vec2d, Vec2d, Vec2d, Vec2d, Vec2d], returns: "f64" },
        packed_between: { args: ["i32", Packed, "i32", Packed, "i64", "i64", "i64", "i64"], returns: "i64" },
        layout_fact: { args: ["i32"], returns: "i32" },
        rect_global: { args: [], returns: "ptr" },
        call_point_cb: { args: ["function", Point, "i32"], returns: Point },
        call_vec3d_cb: { args: ["function", "f64"], returns: "f64" },
        call_mixed_cb: { args: ["function", "i32"], returns: Mixed },
        call_packed_cb: { args: ["function", "u8"], returns: "u32" },
        call_union_cb: { args: ["function", "f64"], returns: "i32" },
        thread_point_cb: { args: ["function", Point], returns: Point },
        thread_point_start: { args: ["function", Point], returns: "ptr" },
        thread_point_join: { args: ["ptr"], returns: Point },
        threads_rect_cb: { args: ["function", "i32"], returns: "void" },
      }).symbols
    : null;

  test("INTEGER class: two int32 in one register, as arguments and result", () => {
    expect(lib.point_add({ x: 1, y: 2 }, { x: 30, y: 40 })).toEqual({ x: 31, y: 42 });
    expect(lib.point_dot({ x: 3, y: 4 }, { x: -2, y: 5 })).toBe(14);
  });

  test("SSE class: floats and doubles in vector registers", () => {
    expect(lib.vec2f_scale({ x: 1.5, y: -2 }, 2)).toEqual({ x: 3, y: -4 });
    expect(lib.vec2d_swap({ x: 0.25, y: 1e300 })).toEqual({ x: 1e300, y: 0.25 });
  });

  test("mixed classes: an INTEGER eightbyte then an SSE one", () => {
    expect(lib.mixed_bump({ tag: 7, weight: 1.25, value: 10 })).toEqual({ tag: 8, weight: 2.5, value: 10.5 });
  });

  test("MEMORY class: 24- and 32-byte structs, as arguments and results", () => {
    expect(lib.vec3d_len2({ x: 1, y: 2, z: 3 })).toBe(14);
    expect(lib.vec3d_cross({ x: 1, y: 0, z: 0 }, { x: 0, y: 1, z: 0 })).toEqual({ x: 0, y: 0, z: 1 });
    const big = lib.big_make(5n);
    expect(big).toEqual({ a: 5n, b: 10n, c: 15n, d: [5, 6, 7, 8, 9, 10, 11, 12] });
    expect(lib.big_sum(big)).toBe(5n + 10n + 15n + 5n + 6n + 7n + 8n + 9n + 10n + 11n + 12n);
  });

  test("nested structs and array members", () => {
    const r = { min: { x: 1, y: 2 }, max: { x: 11, y: 7 } };
    expect(lib.rect_area(r)).toBe(50);
    expect(lib.rect_grow(r, 1)).toEqual({ min: { x: 0, y: 1 }, max: { x: 12, y: 8 } });
    const n = lib.named_make(42);
    expect(n.id).toBe(42);
    expect(String.fromCharCode(...n.name.slice(0, 7))).toBe("item-42");
    expect(n.name.slice(7)).toEqual([0, 0, 0, 0, 0]);
    // A shorter array initialiser leaves the rest zero, as in C.
    expect(lib.named_check({ name: [...new TextEncoder().encode("abc")], id: 9 })).toBe(3009);
  });

  test("unions: one member set in, every member read out, and the class of the widest", () => {
    expect(lib.iof_as_float({ f: 1.5 })).toBe(1.5);
    const u = lib.iof_from_int(0x3fc00000);
    expect(u.i).toBe(0x3fc00000);
    expect(u.f).toBe(1.5);
    // float|double is SSE only: it must arrive in a vector register.
    expect(lib.fod_get_double({ d: -3.75 })).toBe(-3.75);
    expect(lib.fod_from_double(0.1).d).toBe(0.1);
    expect(lib.tagged_next({ kind: 1, value: { i: 41 } })).toEqual({ kind: 2, value: { i: 42, f: expect.any(Number) } });
    expect(() => lib.iof_as_float({ i: 1, f: 2 })).toThrow('a union value sets one member; got "i" and "f"');
  });

  test("packed structs: misaligned (passed in memory) and aligned (in a register)", () => {
    expect(lib.packed_bump({ a: 255, b: 0xfffffffe, c: 9 })).toEqual({ a: 0, b: 0xffffffff, c: 10 });
    expect(lib.packed_sum({ a: 1, b: 100000, c: 2 })).toBe(100003);
    expect(lib.packed_aligned_make(7, 200)).toEqual({ a: 7, b: 200 });
    expect(lib.packed_aligned_sum({ a: 1000, b: 5 })).toBe(1005);
  });

  test("arguments past the registers go on the stack in order", () => {
    const pts = Array.from({ length: 7 }, (_, i) => ({ x: i + 1, y: (i + 1) * 2 }));
    expect(lib.points_sum7(...pts)).toBe(BigInt(28 + 56 * 1000));
    const vs = Array.from({ length: 5 }, (_, i) => ({ x: i, y: 0.5 }));
    expect(lib.vecs_sum5(...vs)).toBe(10 + 2.5 * 1000);
    const p = { a: 1, b: 2, c: 3 };
    const q = { a: 4, b: 5, c: 6 };
    expect(lib.packed_between(1, p, 2, q, 10, 20, 30, 40)).toBe(BigInt(1 + 6 + 20 + 1500 + 100));
  });

  test("pointer and callback members", () => {
    expect(lib.str_len({ text: "four", len: 10 })).toBe(14);
    expect(lib.str_hello()).toEqual({ text: "hello", len: 5 });
    const double = new ffi.JSCallback((n: bigint) => n * 2n, { args: ["i64"], returns: "i64" });
    expect(lib.thunk_run({ fn: double, arg: 21n })).toBe(42n);
    // A NULL callback member is allowed (an optional callback); C sees NULL.
    expect(lib.thunk_run({ fn: null, arg: 1n })).toBe(-1n);
    double.close();
  });

  test("Deno's positional form: bytes in, Uint8Array out", () => {
    const P = { struct: ["i32", "i32"] };
    const { symbols } = ffi.dlopen(FIXTURE, { point_add: { args: [P, P], returns: P } });
    const a = new Uint8Array(new Int32Array([5, 6]).buffer);
    const out = symbols.point_add(a, [10, 20]);
    expect(out).toBeInstanceOf(Uint8Array);
    expect([...new Int32Array(out.buffer)]).toEqual([15, 26]);
    // A named struct also takes its bytes.
    expect(lib.point_dot(new Int32Array([1, 2]), { x: 3, y: 4 })).toBe(11);
  });

  test("callbacks take and return structs on the JS thread", () => {
    const seen: any[] = [];
    const cb = new ffi.JSCallback(
      (p: any, k: number) => {
        seen.push(p);
        return { x: p.x * k, y: p.y * k };
      },
      { args: [Point, "i32"], returns: Point },
    );
    expect(lib.call_point_cb(cb, { x: 2, y: -3 }, 4)).toEqual({ x: 8, y: -12 });
    expect(seen).toEqual([{ x: 2, y: -3 }]);
    cb.close();
    const cross = new ffi.JSCallback((a: any, b: any) => a.x + a.y + a.z + b.x * 100, { args: [Vec3d, Vec3d], returns: "f64" });
    expect(lib.call_vec3d_cb(cross, 2)).toBe(12 + 100);
    cross.close();
    const mixed = new ffi.JSCallback((m: any) => ({ tag: m.tag + 1, weight: m.weight * 4, value: m.value * 2 }), { args: [Mixed], returns: Mixed });
    expect(lib.call_mixed_cb(mixed, 9)).toEqual({ tag: 10, weight: 6, value: 4.5 });
    mixed.close();
    const packed = new ffi.JSCallback((p: any) => ({ a: p.a + 1, b: p.b + 1, c: p.c + 1 }), { args: [Packed], returns: Packed });
    expect(lib.call_packed_cb(packed, 10)).toBe(11 + 1001 + 8);
    packed.close();
    const union = new ffi.JSCallback((u: any) => ({ i: Math.round(u.d * 10) }), { args: [FloatOrDouble], returns: IntOrFloat });
    expect(lib.call_union_cb(union, 4.2)).toBe(42);
    union.close();
  });

  test("a callback's struct result that cannot be converted throws in the caller's call", () => {
    const bad = new ffi.JSCallback(() => ({ x: "no", y: 1 }), { args: [Point, "i32"], returns: Point });
    expect(() => lib.call_point_cb(bad, { x: 1, y: 1 }, 1)).toThrow(TypeError);
    bad.close();
  });

  test("threads: a struct argument is copied for the JS thread, a struct result goes back", async () => {
    const cb = new ffi.JSCallback((p: any, k: number) => ({ x: p.x + k, y: p.y * k }), {
      args: [Point, "i32"],
      returns: Point,
      threadsafe: true,
    });
    const job = lib.thread_point_start(cb, { x: 5, y: 6 });
    // The thread waits for the JS thread, which runs the call once this test awaits.
    await new Promise((r) => setTimeout(r, 20));
    expect(lib.thread_point_join(job)).toEqual({ x: 8, y: 18 });
    // Blocking the JS thread while the thread waits for it: diagnosed, and the thread gets a
    // zeroed struct instead of a hang.
    expect(() => lib.thread_point_cb(cb, { x: 5, y: 6 })).toThrow("Deadlock detected");
    cb.close();
    const rects: any[] = [];
    const onRect = new ffi.JSCallback((r: any) => void rects.push(r), { args: [Rect], returns: "void", threadsafe: true });
    lib.threads_rect_cb(onRect, 8);
    for (let i = 0; i < 50 && rects.length < 8; i++) await new Promise((r) => setTimeout(r, 5));
    gc();
    rects.sort((a, b) => a.min.x - b.min.x);
    expect(rects).toEqual(Array.from({ length: 8 }, (_, i) => ({ min: { x: i, y: i }, max: { x: i + 10, y: i + 20 } })));
    onRect.close();
  });

  test("sizeof, alignof and offsetof agree with the C compiler", () => {
    const facts = [
      ffi.sizeof(Mixed), ffi.offsetof(Mixed, "value"), ffi.sizeof(Named), ffi.offsetof(Named, "id"),
      ffi.sizeof(Tagged), ffi.offsetof(Tagged, "value"), ffi.sizeof(Packed), ffi.offsetof(Packed, "c"),
      ffi.sizeof(Big), ffi.alignof(Big), ffi.sizeof(Rect), ffi.offsetof(Rect, "max.y"),
    ];
    expect(facts).toEqual(facts.map((_, i) => lib.layout_fact(i)));
    expect(ffi.sizeof("f32")).toBe(4);
    expect(ffi.sizeof({ array: "u16", length: 5 })).toBe(10);
    expect(ffi.offsetof({ struct: ["u8", "f64"] }, 1)).toBe(8);
    expect(ffi.sizeof(IntOrFloat)).toBe(4);
  });

  test("readValue, writeValue and structView over C memory and over buffers", () => {
    const p = lib.rect_global();
    expect(ffi.readValue(Rect, p)).toEqual({ min: { x: 1, y: 2 }, max: { x: 3, y: 4 } });
    const view = ffi.structView(Rect, p);
    view.max.y = 40;
    view.min = { x: -1, y: -2 };
    expect(lib.rect_area(ffi.readValue(Rect, p))).toBe((3 + 1) * (40 + 2));
    expect(Object.keys(view)).toEqual(["min", "max"]);
    expect(() => {
      (view as any).extra = 1;
    }).toThrow(TypeError);
    const buf = new ArrayBuffer(32);
    ffi.writeValue(Mixed, buf, { tag: 3, weight: 0.5, value: 8 }, 8);
    expect(new DataView(buf).getInt32(8, true)).toBe(3);
    expect(new DataView(buf).getFloat64(16, true)).toBe(8);
    expect(ffi.readValue(Mixed, new Uint8Array(buf), 8)).toEqual({ tag: 3, weight: 0.5, value: 8 });
    expect(ffi.readValue("u16", new Uint8Array([1, 2]))).toBe(0x201);
  });

  test("bad declarations and values throw TypeErrors that say what is wrong", () => {
    const open = (spec: any) => () => ffi.dlopen(FIXTURE, { point_dot: spec });
    expect(open({ args: [{ struct: [] }, Point], returns: "i32" })).toThrow("at least one member");
    expect(open({ args: [{ struct: { x: "void" } }, Point], returns: "i32" })).toThrow('a field cannot be of type "void"');
    expect(open({ args: [{ array: "i32", length: 2 }, Point], returns: "i32" })).toThrow("a C array cannot be passed by value");
    expect(open({ args: [{ struct: { x: "nope" } }, Point], returns: "i32" })).toThrow("Unknown type nope");
    expect(open({ args: [Point, Point], returns: "i32", nonblocking: true })).toThrow("cannot be nonblocking");
    const loop: any = { struct: {} };
    loop.struct.self = loop;
    expect(open({ args: [loop, Point], returns: "i32" })).toThrow("nest too deeply");
    expect(() => lib.point_dot(5, { x: 1, y: 1 })).toThrow("Expected an object (or a buffer of its bytes) for argument 0");
    expect(() => lib.point_dot({ x: "a", y: 1 }, { x: 1, y: 1 })).toThrow("argument 0 of \"point_dot\".x");
    expect(() => lib.point_dot(new Uint8Array(4), { x: 1, y: 1 })).toThrow(RangeError);
    expect(() => lib.named_check({ name: new Array(13).fill(1), id: 1 })).toThrow("at most 12 elements");
    expect(() => ffi.readValue(Rect, 16)).toThrow("not readable memory");
    expect(() => ffi.readValue(Rect, new Uint8Array(8))).toThrow(RangeError);
    expect(() => ffi.writeValue(Str, new Uint8Array(16), { text: "dangling", len: 1 })).toThrow("would not outlive this call");
    expect(() => ffi.structView("i32", new Uint8Array(4))).toThrow("expected a struct or union declaration");
  });

  test("missing named fields are zero; a getter's value is used once", () => {
    expect(lib.point_dot({ x: 5 }, { x: 2, y: 100 })).toBe(10);
    let reads = 0;
    const p = {
      get x() {
        reads++;
        return 3;
      },
      y: 1,
    };
    expect(lib.point_dot(p, { x: 1, y: 1 })).toBe(4);
    expect(reads).toBe(1);
  });
});
