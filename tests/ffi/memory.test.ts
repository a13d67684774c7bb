// Pointers and memory: ptr(), read.*, toArrayBuffer / toBuffer (zero copy, NUL-length,
// deallocator run exactly once after GC), CString, viewSource, and bad addresses.
import { describe, expect, test } from "bun:test";
import { CString, ptr, read, toArrayBuffer, toBuffer, viewSource } from "bun:ffi";
import { S, gc, isRusk, sleep } from "./lib";

// static_bytes() layout, see fixture.c.
const SB: number = S.static_bytes();

describe("ptr()", () => {
  test("TypedArray, ArrayBuffer, DataView and byteOffset", () => {
    const ab = new ArrayBuffer(64);
    const u8 = new Uint8Array(ab);
    const p = ptr(u8);
    expect(typeof p).toBe("number");
    expect(p).toBeGreaterThan(4096);
    expect(ptr(ab)).toBe(p);
    expect(ptr(new DataView(ab))).toBe(p);
    expect(ptr(u8, 10)).toBe(p + 10);
    expect(ptr(new Uint16Array(ab, 8))).toBe(p + 8);
    expect(ptr(new Uint16Array(ab, 8), 2)).toBe(p + 10);
    // C sees the same address.
    expect(S.ptr_to_u64(u8)).toBe(BigInt(p));
  });

  // Bun 1.4.5 *returns* (does not throw) a TypeError object for a non-view; the contract says
  // throw.
  test.skipIf(!isRusk)("ptr() of a non-view throws", () => {
    expect(() => ptr(5 as any)).toThrow(TypeError);
    expect(() => ptr({} as any)).toThrow(TypeError);
  });
});

describe("read.*", () => {
  test("every reader on the static buffer", () => {
    expect(read.i64(SB, 0)).toBe(-2n);
    expect(read.u64(SB, 8)).toBe(0x0123456789abcdefn);
    expect(read.f64(SB, 16)).toBe(3.5);
    expect(read.f32(SB, 24)).toBe(-1.25);
    expect(read.i32(SB, 28)).toBe(-123456);
    expect(read.u32(SB, 32)).toBe(4000000000);
    expect(read.i16(SB, 36)).toBe(-300);
    expect(read.u16(SB, 38)).toBe(65000);
    expect(read.i8(SB, 40)).toBe(-5);
    expect(read.u8(SB, 41)).toBe(250);
    expect(read.ptr(SB, 48)).toBe(SB);
    expect(read.intptr(SB, 48)).toBe(SB);
    expect(read.u64(SB, 56)).toBe((1n << 63n) + 1n);
    expect(read.i64(SB, 56)).toBe(-(1n << 63n) + 1n);
    expect(typeof read.u64(SB, 8)).toBe("bigint");
    // byteOffset defaults to 0.
    expect(read.i64(SB)).toBe(-2n);
    expect(read.u8(SB + 41)).toBe(250);
  });

  test("reads see writes to a JS buffer", () => {
    const f = new Float64Array([1.5, -0.25]);
    const p = ptr(f);
    expect(read.f64(p, 8)).toBe(-0.25);
    f[1] = 42;
    expect(read.f64(p, 8)).toBe(42);
    const dv = new DataView(new ArrayBuffer(8));
    dv.setBigUint64(0, 0xfedcba9876543210n, true);
    expect(read.u64(ptr(dv))).toBe(0xfedcba9876543210n);
    expect(read.u32(ptr(dv), 4)).toBe(0xfedcba98);
  });
});

describe("toArrayBuffer / toBuffer", () => {
  test("views native memory without copying", () => {
    const ab = toArrayBuffer(SB, 0, 48);
    expect(ab).toBeInstanceOf(ArrayBuffer);
    expect(ab.byteLength).toBe(48);
    const dv = new DataView(ab);
    expect(dv.getFloat64(16, true)).toBe(3.5);
    expect(dv.getInt8(40)).toBe(-5);
    // Zero copy: a write through the view is seen by C.
    const buf = new Uint8Array(16);
    const view = new Uint8Array(toArrayBuffer(ptr(buf), 4, 8));
    view[0] = 77;
    expect(buf[4]).toBe(77);
    expect(S.first_byte(buf.subarray(4))).toBe(77);
  });

  test("without byteLength: up to the first NUL", () => {
    const ab = toArrayBuffer(SB, 42);
    expect(ab.byteLength).toBe(3);
    expect(new TextDecoder().decode(ab)).toBe("hi!");
    const b = toBuffer(SB, 64);
    expect(b).toBeInstanceOf(Uint8Array);
    expect(b.length).toBe(6);
    expect(new TextDecoder().decode(b)).toBe("héllo");
  });

  test("toBuffer views the bytes", () => {
    const b = toBuffer(SB, 42, 3);
    expect([...b]).toEqual([104, 105, 33]);
    expect(b.toString()).toBe("hi!");
  });

  // Each view gets a fresh malloc'd buffer released by fixture_free(bytes, ctx), which counts.
  // Created inside a helper so no stack slot of the test keeps a view alive.
  function makeViews(n: number, kind: "ab" | "buf"): number {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const p = S.make_buffer(32, i);
      const v =
        kind === "ab"
          ? new Uint8Array(toArrayBuffer(p, 0, 32, 0x5000 + i, S.fixture_free.ptr))
          : toBuffer(p, 0, 32, 0x6000 + i, S.fixture_free.ptr);
      total += v[31]; // (i + 31) & 255: the bytes are the malloc'd ones
    }
    return total;
  }
  async function collectUntil(n: number): Promise<number> {
    for (let i = 0; i < 50 && S.fixture_free_count() < n; i++) {
      gc();
      await sleep(2);
    }
    return S.fixture_free_count();
  }

  test("deallocator runs exactly once per view after GC (toArrayBuffer)", async () => {
    S.fixture_free_reset();
    const total = makeViews(20, "ab");
    expect(total).toBe(Array.from({ length: 20 }, (_, i) => i + 31).reduce((a, b) => a + b));
    expect(await collectUntil(20)).toBe(20);
    // More collections do not run any deallocator again.
    for (let i = 0; i < 3; i++) {
      gc();
      await sleep(1);
    }
    expect(S.fixture_free_count()).toBe(20);
    const ctx = Number(S.fixture_free_last_ctx());
    expect(ctx >= 0x5000 && ctx < 0x5000 + 20).toBe(true);
  });

  test("deallocator runs exactly once per view after GC (toBuffer)", async () => {
    S.fixture_free_reset();
    makeViews(10, "buf");
    expect(await collectUntil(10)).toBe(10);
    gc();
    await sleep(1);
    expect(S.fixture_free_count()).toBe(10);
    const ctx = Number(S.fixture_free_last_ctx());
    expect(ctx >= 0x6000 && ctx < 0x6000 + 10).toBe(true);
  });

  test("a view that is still referenced is not freed", async () => {
    S.fixture_free_reset();
    const keep = new Uint8Array(toArrayBuffer(S.make_buffer(8, 7), 0, 8, 0x7000, S.fixture_free.ptr));
    for (let i = 0; i < 3; i++) {
      gc();
      await sleep(1);
    }
    expect(S.fixture_free_count()).toBe(0);
    expect(keep[7]).toBe(14);
  });

  test.skipIf(!isRusk)("C's bytes are never reallocated: transfer() to another length throws", async () => {
    S.fixture_free_reset();
    const view = toArrayBuffer(S.make_buffer(8, 7), 0, 8, 0x7100, S.fixture_free.ptr);
    expect(() => view.transfer(16)).toThrow();
    expect(view.detached).toBe(false);
    // The same length moves the bytes (and the deallocator) to the new buffer.
    const moved = view.transfer(8);
    expect(view.detached).toBe(true);
    expect(new Uint8Array(moved)[7]).toBe(14);
    const plain = toArrayBuffer(S.make_buffer(4, 1), 0, 4);
    expect(() => plain.transfer(2)).toThrow();
  });
});

describe("CString", () => {
  test("decodes UTF-8 and copies", () => {
    const c = new CString(SB, 42);
    expect(String(c)).toBe("hi!");
    expect(c + "").toBe("hi!");
    expect(String(new CString(SB, 64))).toBe("héllo");
    expect(String(new CString(SB + 64))).toBe("héllo");
    // byteLength limits the bytes read (3 bytes = "h" + 2-byte "é").
    expect(String(new CString(SB, 64, 3))).toBe("hé");
    // Copied: still readable after the native memory is freed.
    const p = S.dup_string("temporary ✓");
    const copy = new CString(p);
    S.free_buffer(p);
    expect(String(copy)).toBe("temporary ✓");
  });

  test("a falsy ptr gives an empty string", () => {
    expect(String(new CString(0 as any))).toBe("");
    expect(String(new CString(null as any))).toBe("");
  });

  test("a string primitive, with or without new (as Bun 1.4.5)", () => {
    const c = new CString(SB, 64);
    expect(typeof c).toBe("string");
    expect(c).toBe("héllo");
    expect((CString as any)(SB, 64)).toBe("héllo");
  });
});

describe("viewSource", () => {
  test("describes the generated trampolines", () => {
    const src = viewSource({
      a: { args: ["i32", "i32"], returns: "i32" },
      b: { args: ["u64"], returns: "f64" },
    } as any);
    expect(Array.isArray(src)).toBe(true);
    expect(src.length).toBe(2);
    for (const s of src as string[]) {
      expect(typeof s).toBe("string");
      expect(s.length).toBeGreaterThan(0);
    }
    const cb = viewSource({ args: ["i32"], returns: "i32" } as any, true);
    expect(typeof cb).toBe("string");
    expect((cb as string).length).toBeGreaterThan(0);
  });
});

// Bun 1.4.5 segfaults on every case here (read.u8(100), toArrayBuffer(100, 0, 4),
// new CString(100)); the contract requires a thrown error.
describe.skipIf(!isRusk)("bad addresses and offsets throw (beyond Bun)", () => {
  test("addresses below 4096", () => {
    for (const a of [1, 100, 4095]) {
      expect(() => read.u8(a)).toThrow();
      expect(() => read.u64(a)).toThrow();
      expect(() => read.f64(a)).toThrow();
      expect(() => toArrayBuffer(a, 0, 4)).toThrow();
      expect(() => toBuffer(a, 0, 4)).toThrow();
      expect(() => new CString(a)).toThrow();
    }
    // ptr + offset landing below 4096 is just as bad.
    expect(() => read.u8(8, 8)).toThrow();
  });

  test("non-number offsets, negative offsets outside read.*, and absurd lengths", () => {
    const p = ptr(new Uint8Array(8));
    // read.* takes a negative offset (as Bun): it reads before the pointer, fault-safely.
    expect(() => read.u8(p, "x" as any)).toThrow();
    expect(() => toArrayBuffer(p, -1, 4)).toThrow();
    expect(() => toArrayBuffer(p, 0, -4)).toThrow();
    expect(() => toArrayBuffer(p, 0, 2 ** 60)).toThrow();
    expect(() => new CString(p, -1)).toThrow();
  });

  test("a negative address throws", () => {
    expect(() => read.u8(-4096)).toThrow();
  });
});
