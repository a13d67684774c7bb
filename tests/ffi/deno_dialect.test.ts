// Deno's FFI API on rusk (the `Deno` global of rusk:internal/deno): Deno.dlopen, pointer
// objects, UnsafePointer, UnsafePointerView, UnsafeCallback, UnsafeFnPointer, and the few
// non-FFI members. Every value asserted here is what Deno 2.9.6 gives for the same code; tests
// of what Deno does not survive (a call after close, unreadable memory, ...) assert rusk's
// behaviour and are marked rusk-only. No bun:ffi import: this file runs under Deno too (with a
// bun:test shim), which is how its expectations were checked.
import { describe, expect, test } from "bun:test";

const D: any = (globalThis as any).Deno;
const isRusk = !!(globalThis as any).process?.versions?.rusk;
const FIXTURE: string = D?.env.get("FFI_FIXTURE") ?? "";

// The JS mirror of ts_value() in fixture.c: the 64-bit value thread `tid` passes on call `seq`.
const U64 = (1n << 64n) - 1n;
function tsValue(tid: number, seq: number): bigint {
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

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
async function waitFor(cond: () => boolean, timeoutMs = 3000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) return cond();
    await sleep(2);
  }
  return true;
}

// Runs `source` as a script of its own (under the runtime running this file), for what only a
// whole program shows: its exit code, and whether it waits for calls from other threads.
async function runScript(source: string): Promise<{ status: number | null; stdout: string }> {
  const { spawnSync } = await import("node:child_process");
  const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const dir = mkdtempSync(`${tmpdir()}/rusk-deno-dialect-`);
  try {
    const script = `${dir}/script.ts`;
    writeFileSync(script, source);
    const args = isRusk ? ["run", script] : ["run", "-A", script];
    const r = spawnSync(D.execPath(), args, { encoding: "utf8", timeout: 10000 });
    return { status: r.status, stdout: r.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The message a function throws (or "no error"), for exact comparisons.
function thrown(fn: () => unknown): string {
  try {
    fn();
    return "no error";
  } catch (e: any) {
    return `${e?.constructor?.name}: ${e?.message}`;
  }
}

const Point = { struct: ["i32", "i32"] };

describe.skipIf(!D)("Deno FFI dialect", () => {
  const lib = D.dlopen(FIXTURE, {
    add_i32: { parameters: ["i32", "i32"], result: "i32" },
    id_i8: { parameters: ["i8"], result: "i8" },
    id_u8: { parameters: ["u8"], result: "u8" },
    id_i16: { parameters: ["i16"], result: "i16" },
    id_u16: { parameters: ["u16"], result: "u16" },
    id_i32: { parameters: ["i32"], result: "i32" },
    id_u32: { parameters: ["u32"], result: "u32" },
    id_i64: { parameters: ["i64"], result: "i64" },
    id_u64: { parameters: ["u64"], result: "u64" },
    id_isize: { name: "id_i64", parameters: ["isize"], result: "isize" },
    id_usize: { name: "id_u64", parameters: ["usize"], result: "usize" },
    id_f32: { parameters: ["f32"], result: "f32" },
    id_f64: { parameters: ["f64"], result: "f64" },
    id_bool: { parameters: ["bool"], result: "bool" },
    bool_to_i32: { parameters: ["bool"], result: "i32" },
    f64_bits: { parameters: ["f64"], result: "u64" },
    ret_u32_max: { parameters: [], result: "u32" },
    ret_i8_min: { parameters: [], result: "i8" },
    ret_u64_max: { parameters: [], result: "u64" },
    ret_i64_min: { parameters: [], result: "i64" },
    ret_true: { parameters: [], result: "bool" },
    ret_false: { parameters: [], result: "bool" },
    neg_zero: { parameters: [], result: "f64" },
    ret_null: { parameters: [], result: "pointer" },
    hello: { parameters: [], result: "pointer" },
    id_ptr: { parameters: ["pointer"], result: "pointer" },
    id_fn: { name: "id_ptr", parameters: ["function"], result: "function" },
    id_buffer: { name: "id_ptr", parameters: ["buffer"], result: "buffer" },
    ptr_to_u64: { parameters: ["pointer"], result: "u64" },
    is_null: { parameters: ["buffer"], result: "i32" },
    first_byte: { parameters: ["buffer"], result: "i32" },
    sum_bytes: { parameters: ["buffer", "usize"], result: "u64" },
    static_bytes: { parameters: [], result: "pointer" },
    address_of_ret_true: { name: "parity_address_of_ret_true", parameters: [], result: "pointer" },
    call_i32: { parameters: ["function", "i32"], result: "i32" },
    call_u8: { parameters: ["function", "u8"], result: "u8" },
    call_i64: { parameters: ["function", "i64"], result: "i64" },
    call_u64: { parameters: ["function", "u64"], result: "u64" },
    call_f64: { parameters: ["function", "f64"], result: "f64" },
    call_bool: { parameters: ["function", "bool"], result: "bool" },
    call_ptr: { parameters: ["function", "pointer"], result: "pointer" },
    call_cstring: { parameters: ["function"], result: "i32" },
    call_mix7: { parameters: ["function"], result: "f64" },
    call_then_add: { parameters: ["function", "i32"], result: "i32" },
    call_void_n: { parameters: ["function", "i32"], result: "void" },
    start_threads: { parameters: ["function", "i32", "i32", "i32", "i32"], result: "pointer" },
    join_threads: { parameters: ["pointer"], result: "i64" },
    threads_made: { parameters: ["pointer"], result: "i64" },
    nb_slow_add: { parameters: ["i32", "i64", "i64"], result: "i64", nonblocking: true },
    nb_slow_echo: { parameters: ["buffer", "i32"], result: "pointer", nonblocking: true },
    point_add: { parameters: [Point, Point], result: Point },
    rect_area: { parameters: [{ struct: [Point, Point] }], result: "i32" },
    call_point_cb: { parameters: ["function", Point, "i32"], result: Point },
  });
  const s = lib.symbols;
  const base = s.static_bytes(); // the layout is described in fixture.c (static_bytes)
  const view = new D.UnsafePointerView(base);

  describe("Deno.dlopen", () => {
    test("returns a DynamicLibrary with the symbols and close()", () => {
      const l = D.dlopen(FIXTURE, { add_i32: { parameters: ["i32", "i32"], result: "i32" } });
      expect(Object.getPrototypeOf(l).constructor.name).toBe("DynamicLibrary");
      expect(Object.keys(l)).toEqual(["symbols"]);
      expect(typeof l.close).toBe("function");
      expect(Object.keys(l.symbols)).toEqual(["add_i32"]);
      expect(l.symbols.add_i32(20, 22)).toBe(42);
      expect(Object.getPrototypeOf(l.symbols)).toBe(Object.prototype);
      l.close();
    });

    test("`name` binds a key to another symbol; two keys may share one with different types", () => {
      const l = D.dlopen(FIXTURE, {
        signed: { name: "add_i32", parameters: ["i32", "i32"], result: "i32" },
        unsigned: { name: "add_i32", parameters: ["u32", "u32"], result: "u32" },
      });
      expect(l.symbols.signed(2147483647, 1)).toBe(-2147483648);
      expect(l.symbols.unsigned(2147483647, 1)).toBe(2147483648);
      l.close();
    });

    test("takes a file: URL", () => {
      const l = D.dlopen(new URL(`file://${FIXTURE}`), { add_i32: { parameters: ["i32", "i32"], result: "i32" } });
      expect(l.symbols.add_i32(1, 2)).toBe(3);
      l.close();
      expect(thrown(() => D.dlopen(new URL("https://example.com/lib.so"), {}))).toBe("TypeError: Must be a file URL");
    });

    test("an empty symbols object opens the library; a bad path is Deno's error", () => {
      const l = D.dlopen(FIXTURE, {});
      expect(Object.keys(l.symbols)).toEqual([]);
      l.close();
      expect(thrown(() => D.dlopen("/nonexistent/libnope.so", {}))).toBe(
        "Error: Could not open library: Could not open library: /nonexistent/libnope.so: cannot open shared object file: No such file or directory",
      );
    });

    test("a missing symbol is an error naming it; `optional` makes it null", () => {
      expect(thrown(() => D.dlopen(FIXTURE, { nope: { parameters: [], result: "void" } }))).toBe(
        `Error: Failed to register symbol nope: Could not obtain symbol from the library: ${FIXTURE}: undefined symbol: nope`,
      );
      const l = D.dlopen(FIXTURE, {
        nope: { parameters: [], result: "void", optional: true },
        nope_static: { type: "u8", optional: true },
        add_i32: { parameters: ["i32", "i32"], result: "i32", optional: true },
      });
      // (Deno orders the keys by a hash map's whim: compare them sorted.)
      expect(Object.keys(l.symbols).sort()).toEqual(["add_i32", "nope", "nope_static"]);
      expect(l.symbols.nope).toBeNull();
      expect(l.symbols.nope_static).toBeNull();
      expect(l.symbols.add_i32(1, 1)).toBe(2);
      l.close();
    });

    test("statics of exported variables: bool, i32, f64, and a pointer static is the variable's address", () => {
      const l = D.dlopen(FIXTURE, {
        fixture_flag: { type: "bool" },
        fixture_number: { type: "i32" },
        fixture_ratio: { type: "f64" },
        fixture_name: { type: "pointer" },
      });
      const v = l.symbols;
      expect([v.fixture_flag, v.fixture_number, v.fixture_ratio]).toEqual([true, -42, 0.25]);
      const name = new D.UnsafePointerView(v.fixture_name).getPointer();
      expect(D.UnsafePointerView.getCString(name)).toBe("fixture");
      l.close();
    });

    test("statics are the value at the symbol's address, read-only", () => {
      const l = D.dlopen(FIXTURE, {
        code_u8: { name: "ret_true", type: "u8" },
        code_u32: { name: "ret_true", type: "u32" },
        code_u64: { name: "ret_true", type: "u64" },
        code_i64: { name: "ret_true", type: "i64" },
        code_pointer: { name: "ret_true", type: "pointer" },
        code_f64: { name: "ret_true", type: "f64" },
      });
      const code = new D.UnsafePointerView(s.address_of_ret_true());
      expect(l.symbols.code_u8).toBe(code.getUint8());
      expect(l.symbols.code_u32).toBe(code.getUint32());
      expect(l.symbols.code_u64).toBe(code.getBigUint64());
      expect(l.symbols.code_i64).toBe(code.getBigInt64());
      expect(l.symbols.code_f64).toBe(code.getFloat64());
      // A pointer static is the static's own address, not the pointer stored there.
      expect(D.UnsafePointer.equals(l.symbols.code_pointer, s.address_of_ret_true())).toBe(true);
      expect(Object.getOwnPropertyDescriptor(l.symbols, "code_u8")).toEqual({
        value: code.getUint8(), writable: false, enumerable: true, configurable: false,
      });
      expect(thrown(() => D.dlopen(FIXTURE, { ret_true: { type: "void" } }))).toBe(
        "TypeError: Foreign symbol of type 'void' is not supported",
      );
      l.close();
    });

    test("functions are writable properties, nonblocking ones return promises", async () => {
      const l = D.dlopen(FIXTURE, { noop: { parameters: [], result: "void" } });
      expect(Object.getOwnPropertyDescriptor(l.symbols, "noop")?.writable).toBe(true);
      l.symbols.noop = 5;
      expect(l.symbols.noop).toBe(5);
      l.close();
      expect(s.nb_slow_add(1, 1n, 2n)).toBeInstanceOf(Promise);
      expect(await s.nb_slow_add(1, 40n, 2n)).toBe(42n);
    });

    test("bad definitions are TypeErrors", () => {
      const bad = (defs: any) => thrown(() => D.dlopen(FIXTURE, defs));
      expect(bad({ noop: { parameters: ["nope"], result: "void" } })).toContain(
        "TypeError: unknown variant `nope`, expected one of `void`, `bool`, `u8`, `i8`, `u16`, `i16`, `u32`, `i32`, `u64`, `i64`, `usize`, `isize`, `f32`, `f64`, `pointer`, `buffer`, `function`, `struct`",
      );
      expect(bad({ noop: { parameters: [], result: "nope" } })).toContain("TypeError: unknown variant `nope`");
      expect(bad({ noop: { result: "void" } })).toContain("TypeError: missing field `parameters`");
      expect(bad({ noop: { parameters: [] } })).toContain("TypeError: missing field `result`");
      expect(bad({ noop: null })).toContain("TypeError");
      expect(bad({ noop: { parameters: "i32", result: "void" } })).toContain("TypeError");
      expect(bad({ plus: { name: 5, parameters: [], result: "void" } })).toContain("TypeError");
      expect(thrown(() => D.dlopen(FIXTURE))).toContain("TypeError");
      expect(thrown(() => D.dlopen(FIXTURE, null))).toContain("TypeError");
    });

    test("close() twice is BadResource", () => {
      const l = D.dlopen(FIXTURE, { noop: { parameters: [], result: "void" } });
      l.close();
      expect(thrown(() => l.close())).toBe("BadResource: Bad resource ID");
    });

    // Deno crashes on these calls.
    test.skipIf(!isRusk)("a closed library's functions throw (rusk)", async () => {
      const l = D.dlopen(FIXTURE, {
        add_i32: { parameters: ["i32", "i32"], result: "i32" },
        nb_slow_add: { parameters: ["i32", "i64", "i64"], result: "i64", nonblocking: true },
      });
      l.close();
      expect(() => l.symbols.add_i32(1, 2)).toThrow("is closed");
      await expect(l.symbols.nb_slow_add(1, 1n, 2n)).rejects.toThrow("is closed");
    });
  });

  describe("argument values", () => {
    const cases: [string, unknown[], unknown[], string][] = [
      // [symbol, accepted values, what C saw, Deno's message for a refused value]
      ["id_i8", [0, 127, 128, 255, 300, -129, 2147483647], [0, 127, -128, -1, 44, 127, -1], "Invalid FFI i8 type, expected integer"],
      ["id_u8", [0, 255, 256, 300, 4294967295], [0, 255, 0, 44, 255], "Invalid FFI u8 type, expected unsigned integer"],
      ["id_i16", [-32768, 32768, 65536, -1], [-32768, -32768, 0, -1], "Invalid FFI i16 type, expected integer"],
      ["id_u16", [65535, 65536, 2147483648], [65535, 0, 0], "Invalid FFI u16 type, expected unsigned integer"],
      ["id_i32", [-2147483648, 2147483647, -1], [-2147483648, 2147483647, -1], "Invalid FFI i32 type, expected integer"],
      ["id_u32", [0, 4294967295, 2147483648], [0, 4294967295, 2147483648], "Invalid FFI u32 type, expected unsigned integer"],
    ];
    for (const [name, values, seen, message] of cases) {
      test(`${name}: int32/uint32 numbers only, wrapped to the width`, () => {
        expect(values.map((v) => s[name](v))).toEqual(seen);
        const unsigned = name.startsWith("id_u");
        const refused: unknown[] = [1.5, -0, NaN, Infinity, 2 ** 32, 1n, "1", true, null, undefined, {}, { valueOf: () => 1 }];
        if (unsigned) refused.push(-1);
        else refused.push(2 ** 31, -(2 ** 31) - 1);
        for (const v of refused) {
          expect(thrown(() => s[name](v))).toContain(`TypeError: ${message}`);
        }
      });
    }

    test("64-bit integers take numbers (truncated, saturated) and BigInts (wrapped); results are BigInts", () => {
      expect(s.id_i64(5)).toBe(5n);
      expect(s.id_i64(-1.5)).toBe(-1n);
      expect(s.id_i64(2 ** 53)).toBe(9007199254740992n);
      expect(s.id_i64(2 ** 64)).toBe(9223372036854775807n);
      expect(s.id_i64(-(2 ** 64))).toBe(-9223372036854775808n);
      expect(s.id_i64(NaN)).toBe(0n);
      expect(s.id_i64(-Infinity)).toBe(-9223372036854775808n);
      expect(s.id_i64(2n ** 63n)).toBe(-9223372036854775808n);
      expect(s.id_i64(2n ** 64n + 3n)).toBe(3n);
      expect(s.id_u64(-1)).toBe(18446744073709551615n);
      expect(s.id_u64(-1.5)).toBe(18446744073709551615n);
      expect(s.id_u64(2 ** 64)).toBe(9223372036854775807n);
      expect(s.id_u64(-Infinity)).toBe(9223372036854775808n);
      expect(s.id_u64(-1n)).toBe(18446744073709551615n);
      expect(s.id_u64(2n ** 64n)).toBe(0n);
      expect(s.id_usize(7)).toBe(7n);
      expect(s.id_isize(-7n)).toBe(-7n);
      expect(s.ret_u64_max()).toBe(18446744073709551615n);
      expect(s.ret_i64_min()).toBe(-9223372036854775808n);
      for (const v of ["1", true, null, undefined, {}]) {
        expect(thrown(() => s.id_i64(v))).toContain("TypeError: Invalid FFI i64 type, expected integer");
        expect(thrown(() => s.id_u64(v))).toContain("TypeError: Invalid FFI u64 type, expected unsigned integer");
        expect(thrown(() => s.id_isize(v))).toContain("TypeError: Invalid FFI isize type, expected integer");
        expect(thrown(() => s.id_usize(v))).toContain("TypeError: Invalid FFI usize type, expected unsigned integer");
      }
    });

    test("floats take numbers only; f32 rounds, -0 and NaN survive", () => {
      expect(s.id_f32(0.1)).toBe(0.10000000149011612);
      expect(s.id_f32(4294967297)).toBe(4294967296);
      expect(Object.is(s.id_f64(-0), -0)).toBe(true);
      expect(s.f64_bits(-0)).toBe(0x8000000000000000n);
      expect(Number.isNaN(s.id_f64(NaN))).toBe(true);
      expect(Object.is(s.neg_zero(), -0)).toBe(true);
      for (const v of [1n, "1", true, null, undefined, {}]) {
        expect(thrown(() => s.id_f64(v))).toContain("TypeError: Invalid FFI f64 type, expected number");
        expect(thrown(() => s.id_f32(v))).toContain("TypeError: Invalid FFI f32 type, expected number");
      }
    });

    test("bool takes booleans only (Deno's message says u8) and returns booleans", () => {
      expect(s.bool_to_i32(true)).toBe(1);
      expect(s.bool_to_i32(false)).toBe(0);
      expect(s.id_bool(true)).toBe(true);
      expect(s.ret_true()).toBe(true);
      expect(s.ret_false()).toBe(false);
      for (const v of [1, 0, "x", null, undefined, 1n]) {
        expect(thrown(() => s.bool_to_i32(v))).toContain("TypeError: Invalid FFI u8 type, expected boolean");
      }
    });

    test("8–32-bit results are numbers at their C values", () => {
      expect(s.ret_u32_max()).toBe(4294967295);
      expect(s.ret_i8_min()).toBe(-128);
    });

    test("extra arguments are ignored, missing ones refused", () => {
      expect(s.add_i32(1, 2, 3)).toBe(3);
      expect(thrown(() => s.add_i32(1))).toContain("TypeError: Invalid FFI i32 type, expected integer");
    });
  });

  describe("pointers", () => {
    test("a pointer is a frozen, empty, null-prototype object; NULL is null", () => {
      const p = s.hello();
      expect(typeof p).toBe("object");
      expect(Object.getPrototypeOf(p)).toBeNull();
      expect(Object.isFrozen(p)).toBe(true);
      expect(Reflect.ownKeys(p)).toEqual([]);
      expect(JSON.stringify(p)).toBe("{}");
      expect(p instanceof Object).toBe(false);
      expect(() => String(p)).toThrow(TypeError);
      expect(() => {
        p.x = 1;
      }).toThrow(TypeError);
      expect(() => Object.setPrototypeOf(p, {})).toThrow(TypeError);
      expect(s.ret_null()).toBeNull();
      // Each result is a new object: compare addresses with UnsafePointer.equals.
      expect(s.hello() === p).toBe(false);
      expect(D.UnsafePointer.equals(s.hello(), p)).toBe(true);
    });

    test("pointer and function arguments take pointer objects and null only", () => {
      const p = s.hello();
      expect(D.UnsafePointer.equals(s.id_ptr(p), p)).toBe(true);
      expect(s.id_ptr(null)).toBeNull();
      expect(s.ptr_to_u64(p)).toBe(D.UnsafePointer.value(p));
      expect(s.ptr_to_u64(null)).toBe(0n);
      for (const v of [undefined, 5, 5n, new Uint8Array(4), new ArrayBuffer(4), {}, "abc"]) {
        expect(thrown(() => s.id_ptr(v))).toContain("TypeError: Invalid FFI pointer type, expected null, or External");
        expect(thrown(() => s.id_fn(v))).toContain("TypeError: Invalid FFI function type, expected null, or External");
      }
      const cb = new D.UnsafeCallback({ parameters: [], result: "void" }, () => {});
      expect(thrown(() => s.id_fn(cb))).toContain("TypeError: Invalid FFI function type, expected null, or External");
      expect(D.UnsafePointer.equals(s.id_fn(cb.pointer), cb.pointer)).toBe(true);
      cb.close();
    });

    test("buffer arguments take ArrayBuffers and views (at their offset); empty ones are NULL", () => {
      expect(s.first_byte(new Uint8Array([7, 8]))).toBe(7);
      expect(s.first_byte(new Uint8Array([9]).buffer)).toBe(9);
      expect(s.first_byte(new DataView(new Uint8Array([11]).buffer))).toBe(11);
      expect(s.first_byte(new Int32Array([12]))).toBe(12);
      expect(s.first_byte(new Uint8Array([1, 2, 3]).subarray(1))).toBe(2);
      expect(s.first_byte(new Uint8Array(new SharedArrayBuffer(4)).fill(13))).toBe(13);
      expect(s.sum_bytes(new Uint8Array([1, 2, 3, 4]).subarray(2), 2)).toBe(7n);
      expect(s.is_null(null)).toBe(1);
      expect(s.is_null(new Uint8Array(0))).toBe(1);
      expect(s.is_null(new ArrayBuffer(0))).toBe(1);
      expect(s.is_null(new DataView(new ArrayBuffer(0)))).toBe(1);
      // An empty view of a buffer that has bytes still has an address.
      expect(s.is_null(new Uint8Array(8).subarray(8))).toBe(0);
      expect(s.is_null(new Uint8Array(1))).toBe(0);
      for (const v of [undefined, 5, "abc", {}, [1], s.hello(), new SharedArrayBuffer(4)]) {
        expect(thrown(() => s.first_byte(v))).toContain(
          "TypeError: Invalid FFI buffer type, expected null, ArrayBuffer, or ArrayBufferView",
        );
      }
      // A buffer or function result is a pointer object, like a pointer's.
      const bytes = new Uint8Array([1]);
      expect(D.UnsafePointer.equals(s.id_buffer(bytes), D.UnsafePointer.of(bytes))).toBe(true);
      expect(s.id_buffer(null)).toBeNull();
    });
  });

  describe("Deno.UnsafePointer", () => {
    const U = () => D.UnsafePointer;

    test("has exactly create, equals, of, offset and value", () => {
      expect(Object.getOwnPropertyNames(U()).sort()).toEqual(["create", "equals", "length", "name", "of", "offset", "prototype", "value"]);
    });

    test("create/value: BigInts wrap modulo 2^64, numbers convert like Deno's u64", () => {
      const U_ = U();
      const roundTrip = (v: unknown) => {
        const p = U_.create(v);
        return p === null ? null : U_.value(p);
      };
      expect(roundTrip(5)).toBe(5n);
      expect(roundTrip(5n)).toBe(5n);
      expect(roundTrip(1.5)).toBe(1n);
      expect(roundTrip(2 ** 53)).toBe(9007199254740992n);
      expect(roundTrip(-1)).toBe(18446744073709551615n);
      expect(roundTrip(-2147483648)).toBe(18446744071562067968n);
      expect(roundTrip(-2147483649)).toBeNull();
      expect(roundTrip(-0.5)).toBeNull();
      expect(roundTrip(NaN)).toBeNull();
      expect(roundTrip(2 ** 64)).toBe(18446744073709551615n);
      expect(roundTrip(Infinity)).toBe(18446744073709551615n);
      expect(roundTrip(-1n)).toBe(18446744073709551615n);
      expect(roundTrip(2n ** 64n + 3n)).toBe(3n);
      expect(roundTrip(2n ** 64n)).toBeNull();
      expect(U_.create(0n)).toBeNull();
      expect(typeof U_.value(s.hello())).toBe("bigint");
      expect(U_.value(null)).toBe(0n);
      for (const v of ["5", null, undefined, {}]) expect(thrown(() => U_.create(v))).toContain("TypeError: expected u64");
      for (const v of [undefined, 5, 5n, {}]) expect(thrown(() => U_.value(v))).toContain("TypeError: expected external");
    });

    test("equals compares addresses; null equals only null", () => {
      const U_ = U();
      const p = s.hello();
      expect(U_.equals(p, U_.create(U_.value(p)))).toBe(true);
      expect(U_.equals(p, s.static_bytes())).toBe(false);
      expect(U_.equals(null, null)).toBe(true);
      expect(U_.equals(p, null)).toBe(false);
      expect(U_.equals(undefined, null)).toBe(false);
      expect(thrown(() => U_.equals(5, 5))).toContain("TypeError: expected external");
      expect(thrown(() => U_.equals({}, {}))).toContain("TypeError: expected external");
    });

    test("of gives the address of a buffer's bytes, of a callback, or null for no bytes", () => {
      const U_ = U();
      const bytes = new Uint8Array([5, 6, 7, 8]);
      const p = U_.of(bytes);
      expect(new D.UnsafePointerView(p).getUint8(2)).toBe(7);
      expect(U_.value(U_.of(bytes.subarray(3))) - U_.value(p)).toBe(3n);
      expect(U_.equals(U_.of(bytes.buffer), p)).toBe(true);
      expect(U_.equals(U_.of(new DataView(bytes.buffer, 1)), U_.offset(p, 1))).toBe(true);
      expect(U_.of(new Uint8Array(0))).toBeNull();
      expect(U_.of(new ArrayBuffer(0))).toBeNull();
      const shared = new SharedArrayBuffer(4);
      new Uint8Array(shared)[0] = 9;
      expect(new D.UnsafePointerView(U_.of(shared)).getUint8()).toBe(9);
      const cb = new D.UnsafeCallback({ parameters: [], result: "void" }, () => {});
      expect(U_.equals(U_.of(cb), cb.pointer)).toBe(true);
      cb.close();
      expect(U_.equals(U_.of(cb), cb.pointer)).toBe(true);
      for (const [v, type] of [[null, "object"], [5, "number"], ["abc", "string"], [{}, "object"], [p, "object"]]) {
        expect(thrown(() => U_.of(v))).toBe(
          `TypeError: Cannot access pointer: expected 'ArrayBuffer', 'SharedArrayBuffer', 'ArrayBufferView' or 'UnsafeCallbackPrototype', received ${type}`,
        );
      }
    });

    test("offset moves a pointer by a number or BigInt of bytes (truncated); 0 is null", () => {
      const U_ = U();
      const p = s.static_bytes();
      expect(U_.value(U_.offset(p, 8)) - U_.value(p)).toBe(8n);
      expect(U_.value(U_.offset(p, -8)) - U_.value(p)).toBe(-8n);
      expect(U_.value(U_.offset(p, 8n)) - U_.value(p)).toBe(8n);
      expect(U_.value(U_.offset(p, 1.9)) - U_.value(p)).toBe(1n);
      expect(U_.offset(p, 0) === p).toBe(false);
      expect(U_.equals(U_.offset(p, 0), p)).toBe(true);
      expect(U_.offset(U_.create(8n), -8)).toBeNull();
      expect(D.UnsafePointerView.getCString(U_.offset(p, 42))).toBe("hi!");
      expect(thrown(() => U_.offset(null, 8))).toBe("TypeError: Invalid pointer to offset, pointer is null");
      expect(thrown(() => U_.offset(p, "8"))).toContain("TypeError: expected f64");
      expect(thrown(() => U_.offset(p))).toContain("TypeError: expected f64");
      expect(thrown(() => U_.offset(5, 8))).toContain("TypeError: expected external");
    });
  });

  describe("Deno.UnsafePointerView", () => {
    test("reads every type at an offset", () => {
      expect(view.getBigInt64()).toBe(-2n);
      expect(view.getBigInt64(0)).toBe(-2n);
      expect(view.getBigUint64(8)).toBe(81985529216486895n);
      expect(view.getFloat64(16)).toBe(3.5);
      expect(view.getFloat32(24)).toBe(-1.25);
      expect(view.getInt32(28)).toBe(-123456);
      expect(view.getUint32(32)).toBe(4000000000);
      expect(view.getInt16(36)).toBe(-300);
      expect(view.getUint16(38)).toBe(65000);
      expect(view.getInt8(40)).toBe(-5);
      expect(view.getUint8(41)).toBe(250);
      expect(view.getBigUint64(56)).toBe(9223372036854775809n);
      expect(view.getBigInt64(56)).toBe(-9223372036854775807n);
      expect(view.getUint8(undefined)).toBe(254);
      expect(view.pointer).toBe(base);
      expect(Object.keys(view)).toEqual(["pointer"]);
    });

    test("offsets: truncated numbers, BigInts, negative, NaN as 0; other types refused", () => {
      expect(view.getUint8(41.9)).toBe(250);
      expect(view.getUint8(41n)).toBe(250);
      expect(view.getUint8(NaN)).toBe(254);
      expect(new D.UnsafePointerView(D.UnsafePointer.offset(base, 41)).getUint8(-1)).toBe(251);
      for (const v of ["41", null, {}]) expect(thrown(() => view.getUint8(v))).toContain("TypeError: expected f64");
    });

    test("getBool reads the lowest bit of the byte, as Deno does", () => {
      const bytes = new Uint8Array([0, 1, 2, 255, 128, 3]);
      const v = new D.UnsafePointerView(D.UnsafePointer.of(bytes));
      expect([0, 1, 2, 3, 4, 5].map((i) => v.getBool(i))).toEqual([false, true, false, true, false, true]);
    });

    test("getPointer: a pointer object, or null for NULL", () => {
      expect(D.UnsafePointer.equals(view.getPointer(48), base)).toBe(true);
      expect(view.getPointer(72)).toBeNull();
    });

    test("getCString, also static; UTF-8 decoded with U+FFFD for bad bytes", () => {
      expect(view.getCString(42)).toBe("hi!");
      expect(view.getCString(64)).toBe("héllo");
      expect(D.UnsafePointerView.getCString(base, 64)).toBe("héllo");
      expect(D.UnsafePointerView.getCString(s.hello())).toBe("hello");
      const bad = new Uint8Array([0x68, 0xff, 0xc3, 0x41, 0]);
      expect(D.UnsafePointerView.getCString(D.UnsafePointer.of(bad))).toBe("h\ufffd\ufffdA");
      expect(thrown(() => D.UnsafePointerView.getCString(null))).toBe("TypeError: Invalid CString pointer, pointer is null");
    });

    test("getArrayBuffer is a view of the memory, also static", () => {
      expect(new Uint8Array(view.getArrayBuffer(4, 42))).toEqual(new Uint8Array([104, 105, 33, 0]));
      expect(new Uint8Array(D.UnsafePointerView.getArrayBuffer(base, 2, 42))).toEqual(new Uint8Array([104, 105]));
      const bytes = new Uint8Array([1, 2, 3]);
      const ab = new D.UnsafePointerView(D.UnsafePointer.of(bytes)).getArrayBuffer(3);
      expect(ab).toBeInstanceOf(ArrayBuffer);
      new Uint8Array(ab)[1] = 20;
      expect(bytes[1]).toBe(20);
      expect(view.getArrayBuffer(0).byteLength).toBe(0);
      expect(view.getArrayBuffer(-1).byteLength).toBe(0);
      expect(view.getArrayBuffer(1.9).byteLength).toBe(1);
      expect(thrown(() => view.getArrayBuffer("4"))).toContain("TypeError: expected f64");
      expect(thrown(() => D.UnsafePointerView.getArrayBuffer(null, 4))).toBe(
        "TypeError: Invalid ArrayBuffer pointer, pointer is null",
      );
    });

    test("copyInto copies into any buffer or view, also static", () => {
      const into = new Uint8Array(6);
      view.copyInto(into.subarray(1, 4), 42);
      expect(into).toEqual(new Uint8Array([0, 104, 105, 33, 0, 0]));
      const wide = new Uint16Array(2);
      view.copyInto(wide, 42);
      expect(wide).toEqual(new Uint16Array([26984, 33]));
      const ab = new ArrayBuffer(2);
      D.UnsafePointerView.copyInto(base, ab, 42);
      expect(new Uint8Array(ab)).toEqual(new Uint8Array([104, 105]));
      const dv = new DataView(new ArrayBuffer(2));
      view.copyInto(dv, 42);
      expect(dv.getUint8(1)).toBe(105);
      const sharedView = new Uint8Array(new SharedArrayBuffer(2));
      view.copyInto(sharedView, 42);
      expect(sharedView).toEqual(new Uint8Array([104, 105]));
      expect(() => view.copyInto(new SharedArrayBuffer(2), 42)).toThrow(TypeError);
      expect(() => view.copyInto([1, 2], 0)).toThrow(TypeError);
      expect(() => view.copyInto(5)).toThrow(TypeError);
    });

    test("has Deno's methods and statics", () => {
      expect(Object.getOwnPropertyNames(D.UnsafePointerView.prototype).sort()).toEqual(
        ["constructor", "copyInto", "getArrayBuffer", "getBigInt64", "getBigUint64", "getBool", "getCString", "getFloat32", "getFloat64", "getInt16", "getInt32", "getInt8", "getPointer", "getUint16", "getUint32", "getUint8"],
      );
      expect(Object.getOwnPropertyNames(D.UnsafePointerView).sort()).toEqual(["copyInto", "getArrayBuffer", "getCString", "length", "name", "prototype"]);
    });

    test("a view of something that is not a pointer fails when read", () => {
      const v = new D.UnsafePointerView({});
      expect(thrown(() => v.getUint8())).toContain("TypeError: expected external");
      expect(() => D.UnsafePointerView(base)).toThrow(TypeError);
    });

    // Deno crashes on these reads.
    test.skipIf(!isRusk)("unreadable memory and NULL throw instead of crashing (rusk)", () => {
      const far = new D.UnsafePointerView(D.UnsafePointer.create(2n ** 47n));
      expect(() => far.getUint8()).toThrow(RangeError);
      expect(() => far.getBigUint64()).toThrow(RangeError);
      expect(() => far.getPointer()).toThrow(RangeError);
      expect(() => far.getCString()).toThrow(RangeError);
      expect(() => far.getArrayBuffer(4)).toThrow(RangeError);
      expect(() => far.copyInto(new Uint8Array(4))).toThrow(RangeError);
      expect(() => new D.UnsafePointerView(D.UnsafePointer.create(8n)).getUint8()).toThrow(RangeError);
      expect(() => view.getUint8(Infinity)).toThrow(RangeError);
      expect(thrown(() => new D.UnsafePointerView(null).getUint8())).toContain("TypeError: Invalid pointer");
    });
  });

  describe("Deno.UnsafeCallback", () => {
    test("has definition, callback and pointer; the pointer is one object", () => {
      const definition = { parameters: ["i32"], result: "i32" };
      const fn = (x: number) => x * 2;
      const cb = new D.UnsafeCallback(definition, fn);
      expect(Object.keys(cb)).toEqual(["definition", "callback", "pointer"]);
      expect(cb.definition).toBe(definition);
      expect(cb.callback).toBe(fn);
      expect(cb.pointer).toBe(cb.pointer);
      expect(Object.getPrototypeOf(cb.pointer)).toBeNull();
      expect(s.call_i32(cb.pointer, 21)).toBe(42);
      expect(Object.getOwnPropertyNames(D.UnsafeCallback).sort()).toEqual(["length", "name", "prototype", "threadSafe"]);
      cb.close();
    });

    test("bad definitions and callbacks are TypeErrors", () => {
      const make = (def: any, fn: any = () => 0) => thrown(() => new D.UnsafeCallback(def, fn));
      expect(make({ parameters: ["nope"], result: "i32" })).toContain("TypeError: unknown variant `nope`");
      expect(make({ parameters: [], result: "nope" })).toContain("TypeError: unknown variant `nope`");
      expect(make({ result: "void" })).toContain("TypeError: missing field `parameters`");
      expect(make({ parameters: [] })).toContain("TypeError: missing field `result`");
      expect(make({ parameters: "i32", result: "void" })).toContain("TypeError");
      expect(make(null)).toContain("TypeError");
      expect(make({ parameters: [], result: "void" }, 5)).toContain("TypeError: expected Function");
      expect(() => D.UnsafeCallback({ parameters: [], result: "void" }, () => {})).toThrow(TypeError);
    });

    test("ref/unref count references; threadSafe starts at one; close twice is BadResource", () => {
      const cb = new D.UnsafeCallback({ parameters: [], result: "void" }, () => {});
      expect([cb.ref(), cb.ref(), cb.unref(), cb.unref(), cb.unref(), cb.ref(), cb.unref()]).toEqual([1, 2, 1, 0, 0, 1, 0]);
      cb.close();
      expect(cb.unref()).toBe(0);
      expect(thrown(() => cb.close())).toBe("BadResource: Bad resource ID");
      const ts = D.UnsafeCallback.threadSafe({ parameters: [], result: "void" }, () => {});
      expect(ts.ref()).toBe(2);
      expect(ts.unref()).toBe(1);
      ts.close();
    });

    // Deno returns 1 and then fails the program asynchronously; Deno 2.9 has no Symbol.dispose.
    test.skipIf(!isRusk)("ref after close throws; Symbol.dispose closes once (rusk)", () => {
      const cb = new D.UnsafeCallback({ parameters: [], result: "void" }, () => {});
      cb.close();
      expect(thrown(() => cb.ref())).toBe("BadResource: Bad resource ID");
      const disposed = new D.UnsafeCallback({ parameters: [], result: "void" }, () => {});
      disposed[Symbol.dispose]();
      expect(thrown(() => disposed.close())).toBe("BadResource: Bad resource ID");
      disposed[Symbol.dispose]();
    });

    test("arguments: 64-bit as BigInts, pointers as pointer objects or null, bools as booleans", () => {
      const seen: unknown[] = [];
      const record = (type: string) => new D.UnsafeCallback({ parameters: [type], result: type }, (v: unknown) => (seen.push(v), v));
      const i64 = record("i64"), u64 = record("u64"), bool = record("bool"), f64 = record("f64"), ptr = record("pointer");
      expect(s.call_i64(i64.pointer, -5)).toBe(-5n);
      expect(s.call_u64(u64.pointer, 5)).toBe(5n);
      expect(s.call_u64(u64.pointer, 2n ** 64n - 1n)).toBe(18446744073709551615n);
      expect(s.call_bool(bool.pointer, true)).toBe(true);
      expect(s.call_f64(f64.pointer, 1.5)).toBe(1.5);
      expect(D.UnsafePointer.equals(s.call_ptr(ptr.pointer, base), base)).toBe(true);
      expect(s.call_ptr(ptr.pointer, null)).toBeNull();
      expect(seen.slice(0, 5)).toEqual([-5n, 5n, 18446744073709551615n, true, 1.5]);
      expect(D.UnsafePointer.equals(seen[5] as any, base)).toBe(true);
      expect(seen[6]).toBeNull();
      for (const cb of [i64, u64, bool, f64, ptr]) cb.close();
    });

    test("mixed arguments and a C string argument", () => {
      let args: unknown[] = [];
      const mix = new D.UnsafeCallback(
        { parameters: ["i8", "u16", "i32", "i64", "f32", "f64", "u64"], result: "f64" },
        (...a: unknown[]) => ((args = a), 2.5),
      );
      expect(s.call_mix7(mix.pointer)).toBe(2.5);
      expect(args).toEqual([-7, 65000, -100000, -1099511627776n, 1.5, 0.25, 9223372036854775813n]);
      const strlen = new D.UnsafeCallback({ parameters: ["pointer"], result: "i32" }, (p: any) => D.UnsafePointerView.getCString(p).length);
      expect(s.call_cstring(strlen.pointer)).toBe(13);
      mix.close();
      strlen.close();
    });

    test("results convert by Deno's callback rules", () => {
      const returning = (type: string, value: unknown) => new D.UnsafeCallback({ parameters: [type], result: type }, () => value);
      const via = (call: string, type: string, value: unknown, arg: unknown) => {
        const cb = returning(type, value);
        try {
          return s[call](cb.pointer, arg);
        } finally {
          cb.close();
        }
      };
      expect([5, -1, 1.5, "5", null, undefined, 2 ** 32 + 3, true, {}, NaN].map((v) => via("call_i32", "i32", v, 0))).toEqual(
        [5, -1, 1, 5, 0, 0, 3, 1, 0, 0],
      );
      expect([300, -1, { valueOf: () => 7 }].map((v) => via("call_u8", "u8", v, 0))).toEqual([44, 255, 7]);
      expect([5, -1, 1.5, "5", null, 2 ** 64, 5n, -1n, 2n ** 64n + 9n].map((v) => via("call_u64", "u64", v, 0n))).toEqual(
        [5n, 0n, 1n, 5n, 0n, 18446744073709551615n, 5n, 18446744073709551615n, 9n],
      );
      expect([-1, 2 ** 64, -(2 ** 65), NaN, -1n].map((v) => via("call_i64", "i64", v, 0n))).toEqual(
        [-1n, 9223372036854775807n, -9223372036854775808n, 0n, -1n],
      );
      expect(["2", null, true].map((v) => via("call_f64", "f64", v, 0))).toEqual([2, 0, 1]);
      expect(Number.isNaN(via("call_f64", "f64", undefined, 0))).toBe(true);
      expect([5, 0, "x", "", null, NaN, {}, 5n].map((v) => via("call_bool", "bool", v, false))).toEqual(
        [true, false, true, false, false, false, true, true],
      );
      // Anything but a pointer object is NULL.
      expect([5, 5n, new Uint8Array(4), {}, undefined].map((v) => via("call_ptr", "pointer", v, base))).toEqual(
        [null, null, null, null, null],
      );
      expect(D.UnsafePointer.equals(via("call_ptr", "pointer", base, null), base)).toBe(true);
    });

    // Deno panics (aborts the process) on these.
    test.skipIf(!isRusk)("a BigInt for a number result is a TypeError from the call (rusk)", () => {
      for (const [call, type] of [["call_i32", "i32"], ["call_u8", "u8"], ["call_f64", "f64"]]) {
        const cb = new D.UnsafeCallback({ parameters: [type], result: type }, () => 5n);
        expect(() => s[call](cb.pointer, 0)).toThrow(TypeError);
        cb.close();
      }
    });

    test("an exception in the callback propagates out of the FFI call", () => {
      const cb = new D.UnsafeCallback({ parameters: ["i32"], result: "i32" }, () => {
        throw new RangeError("from the callback");
      });
      expect(() => s.call_then_add(cb.pointer, 1)).toThrow("from the callback");
      cb.close();
    });

    test("void callbacks run once per C call", () => {
      let n = 0;
      const cb = new D.UnsafeCallback({ parameters: [], result: "void" }, () => {
        n++;
        return 123;
      });
      expect(s.call_void_n(cb.pointer, 5)).toBeUndefined();
      expect(n).toBe(5);
      cb.close();
    });

    test("threadSafe: calls from C threads arrive, every value exact", async () => {
      const THREADS = 3, CALLS = 64;
      const got = new Map<string, bigint>();
      const cb = D.UnsafeCallback.threadSafe({ parameters: ["i32", "i32", "u64"], result: "void" }, (tid: number, seq: number, v: bigint) => {
        got.set(`${tid}:${seq}`, v);
      });
      const group = s.start_threads(cb.pointer, 0, THREADS, CALLS, 0);
      expect(await waitFor(() => got.size === THREADS * CALLS)).toBe(true);
      expect(s.join_threads(group)).toBe(BigInt(THREADS * CALLS));
      for (let t = 0; t < THREADS; t++) {
        for (let q = 0; q < CALLS; q++) expect(got.get(`${t}:${q}`)).toBe(tsValue(t, q));
      }
      cb.close();
    });

    // A thread calls back 50 ms after the script's last line: a ref'd callback keeps the program
    // alive until then, an unref'd one does not.
    const callLater = (make: string) => `
      const lib = Deno.dlopen(Deno.env.get("FFI_FIXTURE"), {
        call_later: { parameters: ["function", "i32", "i32"], result: "pointer" },
        join_later: { parameters: ["pointer"], result: "i32" },
      });
      const cb = ${make}({ parameters: ["i32"], result: "void" }, (v) => {
        console.log("called", v);
        setTimeout(() => { cb.close(); console.log("joined", lib.symbols.join_later(handle)); }, 0);
      });
      const handle = lib.symbols.call_later(cb.pointer, 50, 7);
    `;

    test("a ref'd callback keeps the program running until a thread calls it", async () => {
      expect(await runScript(callLater("Deno.UnsafeCallback.threadSafe"))).toEqual({ status: 0, stdout: "called 7\njoined 1\n" });
      expect(await runScript(callLater("((d, f) => { const c = new Deno.UnsafeCallback(d, f); c.ref(); c.ref(); c.unref(); return c; })"))).toEqual({
        status: 0,
        stdout: "called 7\njoined 1\n",
      });
    });

    test("an unref'd callback lets the program end", async () => {
      for (const make of ["new Deno.UnsafeCallback", "((d, f) => { const c = Deno.UnsafeCallback.threadSafe(d, f); c.unref(); return c; })"]) {
        const { status, stdout } = await runScript(callLater(make));
        expect(stdout).toBe("");
        // Deno sometimes crashes as it exits here (the thread is still running).
        if (isRusk) expect(status).toBe(0);
      }
    });

    test("threadSafe: a thread waits for the callback's result", async () => {
      const THREADS = 2, CALLS = 20;
      const cb = D.UnsafeCallback.threadSafe({ parameters: ["i32"], result: "i32" }, (x: number) => x + 1);
      const group = s.start_threads(cb.pointer, 3, THREADS, CALLS, 0);
      expect(await waitFor(() => s.threads_made(group) === BigInt(THREADS * CALLS))).toBe(true);
      let want = 0n;
      for (let t = 0; t < THREADS; t++) for (let q = 0; q < CALLS; q++) want += BigInt(t * 1000000 + q + 1);
      expect(s.join_threads(group)).toBe(want);
      cb.close();
    });
  });

  describe("Deno.UnsafeFnPointer", () => {
    test("calls a C function pointer; pointer and definition are kept", () => {
      const definition = { parameters: [], result: "bool" };
      const pointer = s.address_of_ret_true();
      const fn = new D.UnsafeFnPointer(pointer, definition);
      expect(fn.call()).toBe(true);
      expect(fn.call(1, 2)).toBe(true);
      expect(Object.keys(fn)).toEqual(["pointer", "definition"]);
      expect(fn.pointer).toBe(pointer);
      expect(fn.definition).toBe(definition);
      expect(Object.getOwnPropertyNames(D.UnsafeFnPointer.prototype).sort()).toEqual(["call", "constructor"]);
      const detached = fn.call;
      expect(() => detached()).toThrow(TypeError);
    });

    test("calls through an UnsafeCallback's pointer, with Deno's argument rules", () => {
      const cb = new D.UnsafeCallback({ parameters: ["i32", "pointer"], result: "u64" }, (x: number, p: unknown) => BigInt(x) + (p === null ? 0n : 1000n));
      const fn = new D.UnsafeFnPointer(cb.pointer, { parameters: ["i32", "pointer"], result: "u64" });
      expect(fn.call(5, null)).toBe(5n);
      expect(fn.call(5, base)).toBe(1005n);
      expect(thrown(() => fn.call("5", null))).toContain("TypeError: Invalid FFI i32 type, expected integer");
      cb.close();
    });

    test("nonblocking definitions return promises", async () => {
      const fn = new D.UnsafeFnPointer(s.address_of_ret_true(), { parameters: [], result: "bool", nonblocking: true });
      const pending = fn.call();
      expect(pending).toBeInstanceOf(Promise);
      expect(await pending).toBe(true);
    });

    // Deno accepts these and crashes when called.
    test.skipIf(!isRusk)("a null or non-pointer, or a bad definition, is refused at once (rusk)", () => {
      expect(() => new D.UnsafeFnPointer(null, { parameters: [], result: "void" })).toThrow(TypeError);
      expect(() => new D.UnsafeFnPointer(5, { parameters: [], result: "void" })).toThrow(TypeError);
      expect(() => new D.UnsafeFnPointer(base, { parameters: ["x"], result: "void" })).toThrow(TypeError);
    });
  });

  describe("nonblocking calls", () => {
    test("results convert as for a blocking call: 64-bit BigInts, pointer objects", async () => {
      expect(await s.nb_slow_add(5, 40, 2n)).toBe(42n);
      const text = new TextEncoder().encode("echo\0");
      const p = await s.nb_slow_echo(text, 1);
      expect(D.UnsafePointer.equals(p, D.UnsafePointer.of(text))).toBe(true);
      expect(await s.nb_slow_echo(null, 1)).toBeNull();
    });

    test("a bad argument rejects the promise", async () => {
      const pending = s.nb_slow_add("x", 1n, 2n);
      expect(pending).toBeInstanceOf(Promise);
      await expect(pending).rejects.toThrow("Invalid FFI i32 type, expected integer");
      await expect(s.nb_slow_echo(5, 1)).rejects.toThrow("Invalid FFI buffer type");
    });
  });

  describe("structs by value", () => {
    test("positional structs take buffers and come back as Uint8Arrays", () => {
      const sum = s.point_add(new Int32Array([1, 2]), new Int32Array([30, 40]));
      expect(sum).toBeInstanceOf(Uint8Array);
      expect(new Int32Array(sum.buffer)).toEqual(new Int32Array([31, 42]));
      expect(new Int32Array(s.point_add(new Int32Array([1, 2]).buffer, new DataView(new Int32Array([3, 4]).buffer)).buffer)).toEqual(
        new Int32Array([4, 6]),
      );
      // Bytes past the struct are ignored.
      expect(new Int32Array(s.point_add(new Int32Array([1, 2, 99]), new Int32Array([1, 1])).buffer)).toEqual(new Int32Array([2, 3]));
      expect(s.rect_area(new Int32Array([1, 2, 11, 22]))).toBe(200);
      for (const v of [[1, 2], null, { x: 1, y: 2 }, 5]) {
        expect(thrown(() => s.point_add(v, new Int32Array([1, 1])))).toContain(
          "TypeError: Invalid FFI struct type, expected ArrayBuffer, or ArrayBufferView",
        );
      }
    });

    test("callbacks take and return structs", () => {
      let got: unknown;
      const cb = new D.UnsafeCallback({ parameters: [Point, "i32"], result: Point }, (p: Uint8Array, k: number) => {
        got = p;
        const xy = new Int32Array(p.slice().buffer);
        return new Int32Array([xy[0] * k, xy[1] * k]);
      });
      const r = s.call_point_cb(cb.pointer, new Int32Array([3, 4]), 10);
      expect(got).toBeInstanceOf(Uint8Array);
      expect((got as Uint8Array).length).toBe(8);
      expect(new Int32Array(r.buffer)).toEqual(new Int32Array([30, 40]));
      cb.close();
    });

    // Deno reads past the end of a short buffer.
    test.skipIf(!isRusk)("a buffer shorter than the struct is refused (rusk)", () => {
      expect(() => s.point_add(new Int32Array([1]), new Int32Array([1, 1]))).toThrow(RangeError);
    });
  });

  describe("the rest of the namespace", () => {
    test("build is Deno's frozen description of the target", () => {
      const b = D.build;
      expect(Object.isFrozen(b)).toBe(true);
      expect(Object.keys(b).filter((k) => k !== "env")).toEqual(["target", "arch", "os", "vendor", "standalone"]);
      expect(b.target).toBe(`${b.arch}-${b.vendor}-${b.os}${b.env === undefined ? "" : `-${b.env}`}`);
      expect(["linux", "darwin", "windows", "freebsd", "openbsd", "netbsd", "android", "solaris", "illumos", "aix"]).toContain(b.os);
      expect(["x86_64", "aarch64"]).toContain(b.arch);
      expect(b.standalone).toBe(false);
      if (b.os === "linux") expect([b.vendor, b.env]).toEqual(["unknown", "gnu"]);
    });

    test("env reads and writes the process environment (which C sees), with Deno's checks", () => {
      const env = D.env;
      expect(Object.keys(env)).toEqual(["get", "toObject", "set", "has", "delete"]);
      env.set("RUSK_DENO_TEST_VAR", "one");
      expect(env.get("RUSK_DENO_TEST_VAR")).toBe("one");
      expect(env.has("RUSK_DENO_TEST_VAR")).toBe(true);
      const all = env.toObject();
      expect(Object.getPrototypeOf(all)).toBeNull();
      expect(all.RUSK_DENO_TEST_VAR).toBe("one");
      env.set("RUSK_DENO_TEST_VAR", 5);
      expect(env.get("RUSK_DENO_TEST_VAR")).toBe("5");
      const libc = D.dlopen("libc.so.6", { getenv: { parameters: ["buffer"], result: "pointer" } });
      expect(D.UnsafePointerView.getCString(libc.symbols.getenv(new TextEncoder().encode("RUSK_DENO_TEST_VAR\0")))).toBe("5");
      env.delete("RUSK_DENO_TEST_VAR");
      expect(libc.symbols.getenv(new TextEncoder().encode("RUSK_DENO_TEST_VAR\0"))).toBeNull();
      libc.close();
      expect(env.get("RUSK_DENO_TEST_VAR")).toBeUndefined();
      expect(env.has("RUSK_DENO_TEST_VAR")).toBe(false);
      expect(env.delete("RUSK_DENO_TEST_VAR")).toBeUndefined();
      expect(thrown(() => env.get(""))).toBe("TypeError: Key is an empty string.");
      expect(thrown(() => env.set("", "x"))).toBe("TypeError: Key is an empty string.");
      expect(thrown(() => env.has(""))).toBe("TypeError: Key is an empty string.");
      expect(thrown(() => env.delete(""))).toBe('TypeError: Key contains invalid characters: ""');
      expect(thrown(() => env.set("A=B", "x"))).toBe('TypeError: Key contains invalid characters: "A=B"');
      expect(thrown(() => env.get("A=B"))).toBe('TypeError: Key contains invalid characters: "A=B"');
      expect(thrown(() => env.set("A\0B", "x"))).toContain("TypeError: Key contains invalid characters");
      expect(thrown(() => env.set("RUSK_DENO_TEST_VAR", "x\0y"))).toContain("TypeError: Value contains invalid characters");
    });

    test("args, pid, noColor, cwd, execPath", () => {
      expect(Array.isArray(D.args)).toBe(true);
      expect(D.args).toBe(D.args);
      expect(D.args.every((a: unknown) => typeof a === "string")).toBe(true);
      expect(Number.isInteger(D.pid) && D.pid > 0).toBe(true);
      expect(D.noColor).toBe(!!D.env.get("NO_COLOR"));
      expect(D.cwd().startsWith("/")).toBe(true);
      expect(D.execPath().startsWith("/")).toBe(true);
      expect(typeof D.exit).toBe("function");
    });

    test("exit(code) ends the program with that code", async () => {
      expect(await runScript('console.log("before"); Deno.exit(3); console.log("after");')).toEqual({ status: 3, stdout: "before\n" });
      expect(await runScript("Deno.exit(2.9);")).toEqual({ status: 2, stdout: "" });
      expect(await runScript("Deno.exit(-1);")).toEqual({ status: 255, stdout: "" });
      expect(await runScript('Deno.exit(); console.log("after");')).toEqual({ status: 0, stdout: "" });
    });
  });
});
