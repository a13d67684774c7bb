// dlopen / linkSymbols / CFunction: loading, symbol binding (> 63 symbols), `.ptr` / `.native`,
// type names and ids, close(), and every error message of the contract (message and code).
import { describe, expect, test } from "bun:test";
import ffi, { CFunction, FFIType, dlopen, linkSymbols, JSCallback } from "bun:ffi";
import * as ffiNs from "bun:ffi";
import { FIXTURE, S, isRusk } from "./lib";

// Runs f, returns what it threw (fails the test if it did not throw).
function thrown(f: () => unknown): any {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}

describe("module shape", () => {
  test("named exports and the default export", () => {
    for (const k of ["dlopen", "linkSymbols", "CFunction", "JSCallback", "CString", "ptr",
      "toArrayBuffer", "toBuffer", "viewSource"]) {
      expect(typeof (ffiNs as any)[k]).toBe("function");
      expect((ffi as any)[k]).toBe((ffiNs as any)[k]);
    }
    expect(typeof ffiNs.read.u8).toBe("function");
    expect(typeof ffiNs.FFIType).toBe("object");
    expect(["so", "dylib", "dll"]).toContain(ffiNs.suffix);
  });

  test("FFIType maps every name to its id", () => {
    const ids: Record<number, string[]> = {
      0: ["char"],
      1: ["int8_t", "i8"],
      2: ["uint8_t", "u8"],
      3: ["int16_t", "i16"],
      4: ["uint16_t", "u16"],
      5: ["int32_t", "i32", "int", "c_int"],
      6: ["uint32_t", "u32", "c_uint"],
      7: ["int64_t", "i64", "isize"],
      8: ["uint64_t", "u64", "usize"],
      9: ["double", "f64"],
      10: ["float", "f32"],
      11: ["bool"],
      12: ["ptr", "pointer", "void*", "char*"],
      13: ["void"],
      14: ["cstring"],
      15: ["i64_fast"],
      16: ["u64_fast"],
      17: ["function", "callback", "fn"],
      18: ["napi_env"],
      19: ["napi_value"],
      20: ["buffer"],
    };
    for (const [id, names] of Object.entries(ids)) {
      for (const n of names) expect([n, (FFIType as any)[n]]).toEqual([n, Number(id)]);
    }
  });

  // Bun 1.4.5's FFIType has no "size_t" key; the contract lists it as an alias of u64.
  test.skipIf(!isRusk)("FFIType.size_t is u64", () => {
    expect((FFIType as any).size_t).toBe(8);
  });

  test("ids and names are interchangeable in args/returns", () => {
    const l = dlopen(FIXTURE, {
      id_u8: { args: [FFIType.u8], returns: 2 },
      id_i64: { args: [7], returns: FFIType.int64_t },
      add_f64: { args: ["double", 9], returns: "f64" },
    });
    expect(l.symbols.id_u8(257)).toBe(1);
    expect(l.symbols.id_i64(-1)).toBe(-1n);
    expect(l.symbols.add_f64(1.25, 2)).toBe(3.25);
    l.close();
  });
});

describe("dlopen", () => {
  test("args default to [] and returns to void", () => {
    const l = dlopen(FIXTURE, { noop: {}, ret_true: { returns: "bool" } });
    expect(l.symbols.noop()).toBe(undefined);
    expect(l.symbols.ret_true()).toBe(true);
    l.close();
  });

  test("file: URL string and URL object paths", () => {
    const href = new URL("file://" + FIXTURE).href;
    const a = dlopen(href, { id_i32: { args: ["i32"], returns: "i32" } });
    expect(a.symbols.id_i32(42)).toBe(42);
    a.close();
    const b = dlopen(new URL(href), { id_i32: { args: ["i32"], returns: "i32" } });
    expect(b.symbols.id_i32(-42)).toBe(-42);
    b.close();
  });

  test("a BunFile names the library by its path", () => {
    const lib = dlopen(Bun.file(FIXTURE), { id_i32: { args: ["i32"], returns: "i32" } });
    expect(lib.symbols.id_i32(7)).toBe(7);
    lib.close();
  });

  test("more than 63 symbols in one dlopen", () => {
    const spec: Record<string, { returns: "i32" }> = {};
    for (let i = 0; i < 80; i++) spec[`sym_${String(i).padStart(2, "0")}`] = { returns: "i32" };
    const l = dlopen(FIXTURE, spec);
    const names = Object.keys(spec);
    expect(names.length).toBe(80);
    names.forEach((n, i) => expect([n, (l.symbols as any)[n]()]).toEqual([n, 1000 + i]));
    l.close();
  });

  test("each function has .ptr (its address) and .native", () => {
    expect(typeof S.add_i32.ptr).toBe("number");
    expect(S.add_i32.ptr).toBeGreaterThan(4096);
    expect(S.add_i32.ptr).not.toBe(S.id_i32.ptr);
    expect(S.add_i32.native).toBeDefined();
    // The same symbol opened twice has the same address.
    const l = dlopen(FIXTURE, { add_i32: { args: ["i32", "i32"], returns: "i32" } });
    expect(l.symbols.add_i32.ptr).toBe(S.add_i32.ptr);
    l.close();
  });

  test("a symbol is an ordinary function: typeof, length, name, call/apply/bind, not a constructor", () => {
    const f = S.add_i32;
    expect(typeof f).toBe("function");
    expect(f.length).toBe(2);
    expect(f.name).toBe("add_i32");
    expect(Object.prototype.toString.call(f)).toBe("[object Function]");
    expect(f instanceof Function).toBe(true);
    expect(f.call(null, 2, 3)).toBe(5);
    expect(f.apply(undefined, [4, 5])).toBe(9);
    expect(f.bind(null, 10)(1)).toBe(11);
    const holder = { f };
    expect(holder.f(1, 1)).toBe(2);
    expect(() => new (f as any)(1, 2)).toThrow(TypeError);
    // Missing arguments are undefined, which an integer argument takes as 0.
    expect((f as any)(7)).toBe(7);
    expect((f as any)()).toBe(0);
    // Values that convert on the fast path and ones that need the general rules agree.
    expect(S.id_u8(300)).toBe(44);
    expect(S.id_u8(300.9)).toBe(44);
    expect(S.id_u8({ valueOf: () => 300 } as any)).toBe(44);
    expect(S.add_i32(2 ** 31 - 1, 1)).toBe(-(2 ** 31));
    expect(() => S.add_i32("x" as any, 1)).toThrow(TypeError);
  });

  // `ptr` in a dlopen spec skips the lookup, so the key can be any name (Bun: linkSymbols only).
  test("a dlopen symbol with ptr skips the lookup", () => {
    const l = dlopen(FIXTURE, {
      not_a_real_symbol: { args: ["i32", "i32"], returns: "i32", ptr: S.add_i32.ptr },
    });
    expect(l.symbols.not_a_real_symbol(40, 2)).toBe(42);
    l.close();
  });

  test("a relative path is resolved against the cwd", () => {
    const path = require("path");
    // With a slash: relative to the cwd.
    const rel = path.relative(process.cwd(), FIXTURE);
    const l = dlopen(rel.includes("/") ? rel : "./" + rel, { id_i32: { args: ["i32"], returns: "i32" } });
    expect(l.symbols.id_i32(7)).toBe(7);
    l.close();
    // A bare file name is not found by the system search path (the fixture is not installed)
    // and must then be retried against the cwd.
    const old = process.cwd();
    process.chdir(path.dirname(FIXTURE));
    try {
      const m = dlopen(path.basename(FIXTURE), { id_i32: { args: ["i32"], returns: "i32" } });
      expect(m.symbols.id_i32(8)).toBe(8);
      m.close();
    } finally {
      process.chdir(old);
    }
  });
});

describe("linkSymbols and CFunction", () => {
  test("linkSymbols binds addresses under any name, > 63 of them", () => {
    const spec: Record<string, any> = {};
    for (let i = 0; i < 70; i++) {
      spec[`add_${i}`] = { args: ["i32", "i32"], returns: "i32", ptr: S.add_i32.ptr };
    }
    spec.hash_big = { args: ["ptr", "usize"], returns: "u64", ptr: BigInt(S.hash.ptr) };
    const l = linkSymbols(spec);
    for (let i = 0; i < 70; i++) expect(l.symbols[`add_${i}`](i, 1000)).toBe(i + 1000);
    expect(l.symbols.hash_big(new Uint8Array(0), 0)).toBe(0xcbf29ce484222325n);
    expect(l.symbols.add_3.ptr).toBe(S.add_i32.ptr);
    l.close();
  });

  test("CFunction with and without new, and .close()", () => {
    const f = CFunction({ args: ["i32", "i32"], returns: "i32", ptr: S.add_i32.ptr });
    expect(f(2, 3)).toBe(5);
    const g = new (CFunction as any)({ args: ["f64", "f64"], returns: "f64", ptr: S.add_f64.ptr });
    expect(g(0.5, 0.25)).toBe(0.75);
    expect(typeof f.close).toBe("function");
    f.close();
    g.close();
  });

  test("missing ptr", () => {
    const e = thrown(() => linkSymbols({ f: { args: [], returns: "void" } } as any));
    expect(e.message).toBe(
      'Symbol "f" is missing a "ptr" field. When using linkSymbols() or CFunction(), you must ' +
        'provide a "ptr" field with the memory address of the native function.',
    );
    expect(e).toBeInstanceOf(TypeError);
    const e2 = thrown(() => CFunction({ args: [], returns: "void" } as any));
    expect(e2.message).toContain('is missing a "ptr" field.');
  });
});

describe("errors", () => {
  test("load failure: message with dlerror text and code ERR_DLOPEN_FAILED", () => {
    const e = thrown(() => dlopen("/nonexistent/libnope.so", { noop: {} }));
    expect(e).toBeInstanceOf(Error);
    expect(e.message.startsWith('Failed to open library "/nonexistent/libnope.so": ')).toBe(true);
    expect(e.message).toContain("No such file");
    expect(e.code).toBe("ERR_DLOPEN_FAILED");
  });

  test("symbol not found", () => {
    const e = thrown(() => dlopen(FIXTURE, { no_such_symbol_here: {} }));
    expect(e.message).toBe(`Symbol "no_such_symbol_here" not found in "${FIXTURE}"`);
  });

  test("no symbols / no options object", () => {
    expect(thrown(() => dlopen(FIXTURE, {})).message).toBe("Expected at least one symbol");
    expect(thrown(() => (dlopen as any)(FIXTURE)).message).toBe(
      "Expected an options object with symbol names",
    );
    expect(thrown(() => (dlopen as any)(FIXTURE, 5)).message).toBe(
      "Expected an options object with symbol names",
    );
  });

  test("unknown argument and return types", () => {
    const a = thrown(() => dlopen(FIXTURE, { id_i32: { args: ["wat" as any], returns: "i32" } }));
    expect(a).toBeInstanceOf(TypeError);
    expect(a.message).toBe("Unknown type wat");
    const r = thrown(() => dlopen(FIXTURE, { id_i32: { args: ["i32"], returns: "wat" as any } }));
    expect(r.message).toBe("Unknown return type wat");
  });

  test("returns: buffer", () => {
    const e = thrown(() => dlopen(FIXTURE, { id_ptr: { args: ["ptr"], returns: "buffer" as any } }));
    expect(e.message).toBe(
      "Cannot return a buffer to JavaScript (since byteLength and byteOffset are unknown)",
    );
  });

  test("error codes match Bun's", () => {
    expect(thrown(() => dlopen(FIXTURE, { no_such_symbol_here: {} })).code).toBe(
      "ERR_INVALID_ARG_TYPE",
    );
    expect(thrown(() => dlopen(FIXTURE, {})).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(
      thrown(() => dlopen(FIXTURE, { id_i32: { args: ["wat" as any], returns: "i32" } })).code,
    ).toBe("ERR_INVALID_ARG_VALUE");
  });

  test("a function argument that is not a callback or number is a TypeError", () => {
    const e = thrown(() => S.call_i32({}, 1));
    expect(e).toBeInstanceOf(TypeError);
    // Bun 1.4.5 says "bun:ffi cannot convert argument to 'function'"; rusk uses the contract's.
    if (isRusk) expect(e.message).toBe("Expected function to be a JSCallback or a number");
  });

  test("JSCallback validation", () => {
    const e = thrown(() => new JSCallback(5 as any, { args: [], returns: "void" }));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe("Expected callback function");
    const t = thrown(() => new JSCallback(() => {}, { args: ["wat" as any], returns: "void" }));
    expect(t.message).toBe("Unknown type wat");
    // napi types may be rejected (Bun does, with its own wording).
    expect(() => new JSCallback(() => {}, { args: ["napi_env"], returns: "void" })).toThrow();
  });

  // Bun 1.4.5 accepts `buffer` in a JSCallback signature (producing a callback that cannot
  // receive one); the contract says it is rejected.
  test.skipIf(!isRusk)("JSCallback rejects buffer arguments", () => {
    expect(() => new JSCallback(() => {}, { args: ["buffer"], returns: "void" })).toThrow();
  });
});

describe("close()", () => {
  test("close() unloads without error and is safe to repeat", () => {
    const l = dlopen(FIXTURE, { id_i32: { args: ["i32"], returns: "i32" } });
    expect(l.symbols.id_i32(1)).toBe(1);
    l.close();
    expect(() => l.close()).not.toThrow();
  });

  // Beyond Bun: Bun 1.4.5 segfaults when a symbol of a closed library is called. rusk must
  // throw an Error (any message) instead.
  test.skipIf(!isRusk)("calling a symbol of a closed library throws", () => {
    const l = dlopen(FIXTURE, { id_i32: { args: ["i32"], returns: "i32" } });
    const f = l.symbols.id_i32;
    l.close();
    expect(() => f(1)).toThrow();
  });

  test.skipIf(!isRusk)("calling a closed CFunction throws", () => {
    const f = CFunction({ args: ["i32", "i32"], returns: "i32", ptr: S.add_i32.ptr });
    f.close();
    expect(() => f(1, 2)).toThrow();
  });
});
