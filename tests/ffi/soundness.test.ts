// rusk:ffi never takes the process down: one test (or more) per case of the soundness issue,
// numbered as there. Cases that end or crash a process (1, 2, 5, 15's printing) are run as
// child processes by crates/rusk/tests/ffi_lifecycle.rs with the scripts in ./lifecycle/.
// Most of these behaviours go beyond Bun (which crashes on several of them): rusk only.
import { describe, expect, test } from "bun:test";
import { CString, dlopen, JSCallback, ptr, read, toArrayBuffer } from "bun:ffi";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { FIXTURE, KIND, S, gc, isRusk, sleep, waitFor } from "./lib";

// A private copy of the fixture: dlopen of a distinct path gives a handle nobody else holds,
// so close() really unmaps it and /proc/self/maps shows whether it is still there.
function privateCopy(): { path: string; dispose(): void } {
  const dir = mkdtempSync(`${tmpdir()}/rusk-ffi-`);
  const path = `${dir}/libprivate.so`;
  copyFileSync(FIXTURE, path);
  return { path, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
const mapped = (path: string) => readFileSync("/proc/self/maps", "utf8").includes(path);

describe.skipIf(!isRusk)("3. closing a library while a call into it is in flight", () => {
  test("close() from an argument's valueOf: the call throws instead of jumping into unmapped code", () => {
    const copy = privateCopy();
    const l = dlopen(copy.path, { add_i32: { args: ["i32", "i32"], returns: "i32" } });
    expect(l.symbols.add_i32(2, 3)).toBe(5);
    const evil = { valueOf() { l.close(); return 1; } };
    expect(() => l.symbols.add_i32(evil, 2)).toThrow(/library ".*" is closed/);
    expect(mapped(copy.path)).toBe(false);
    copy.dispose();
  });

  test("close() inside a same-thread JSCallback: unmapped only after the outer call returned", () => {
    const copy = privateCopy();
    const l = dlopen(copy.path, { call_then_add: { args: ["function", "i32"], returns: "i32" } });
    let mappedInside: boolean | undefined;
    const cb = new JSCallback((x: number) => {
      l.close();
      mappedInside = mapped(copy.path);
      return x * 2;
    }, { args: ["i32"], returns: "i32" });
    // call_then_add returns 1000 + cb(x): after cb returns, C code of the library runs on.
    expect(l.symbols.call_then_add(cb, 21)).toBe(1042);
    expect(mappedInside).toBe(true);
    expect(mapped(copy.path)).toBe(false);
    expect(() => l.symbols.call_then_add(cb, 1)).toThrow(/is closed/);
    cb.close();
    copy.dispose();
  });

  test("a destructured function of a closed library throws, and close() stays idempotent", () => {
    const copy = privateCopy();
    const l = dlopen(copy.path, { add_i32: { args: ["i32", "i32"], returns: "i32" } });
    const { add_i32 } = l.symbols;
    l.close();
    l.close();
    expect(() => add_i32(1, 2)).toThrow(/is closed/);
    copy.dispose();
  });
});

describe.skipIf(!isRusk)("4. pointers are taken after every argument's conversion", () => {
  test("valueOf that detaches the buffer of an earlier pointer argument: TypeError, C never runs", () => {
    const ab = new ArrayBuffer(64);
    const u8 = new Uint8Array(ab);
    const n = { valueOf() { ab.transfer(); return 64; } };
    expect(() => S.fill_buffer(u8, n, 7)).toThrow(/argument 0 of "fill_buffer" is a view of a detached/);
  });

  test("valueOf that grows a resizable buffer: C writes the buffer as it is at the call", () => {
    const ab = new ArrayBuffer(8, { maxByteLength: 1 << 20 });
    const u8 = new Uint8Array(ab); // length-tracking
    const n = { valueOf() { ab.resize(1 << 20); return 1 << 20; } };
    expect(Number(S.fill_buffer(u8, n, 3))).toBe(1 << 20);
    expect(u8.length).toBe(1 << 20);
    let ok = true;
    for (let i = 0; i < u8.length; i += 4099) if (u8[i] !== ((3 + i) & 255)) ok = false;
    expect(ok).toBe(true);
  });

  test("a `ptr` argument as a view, then a getter that detaches it: TypeError", () => {
    const ab = new ArrayBuffer(16);
    const cb = { get ptr() { ab.transfer(); return 0; } };
    // call_ptr(function, ptr): the function argument's `ptr` getter runs before the view's
    // address is taken.
    expect(() => S.call_ptr(cb, new Uint8Array(ab))).toThrow();
  });
});

describe.skipIf(!isRusk)("5. ptr() of a view over a detached buffer", () => {
  test("throws a TypeError that says so (and leaks nothing: see lifecycle/detached_ptr.ts)", () => {
    const ab = new ArrayBuffer(8);
    const u8 = new Uint8Array(ab);
    ab.transfer();
    expect(() => ptr(u8)).toThrow(/detached/);
    expect(() => ptr(ab)).toThrow(/detached/);
    const dv = new DataView(new ArrayBuffer(8));
    dv.buffer.transfer();
    expect(() => ptr(dv)).toThrow(/detached/);
  });
});

describe.skipIf(!isRusk)("6, 7. reads of unreadable memory throw instead of faulting", () => {
  test("read.* at the first page above NULL and at 2^47", () => {
    expect(() => read.u8(4096)).toThrow(RangeError);
    expect(() => read.u8(2 ** 47)).toThrow(RangeError);
    expect(() => read.f64(2 ** 47 - 8)).toThrow(RangeError);
    expect(() => read.u64(4096, 8)).toThrow(/not readable/);
  });

  test("toArrayBuffer over unmapped memory", () => {
    expect(() => toArrayBuffer(4096, 0, 8)).toThrow(RangeError);
    expect(() => toArrayBuffer(2 ** 46)).toThrow(RangeError);
  });

  test("CString at an unmapped address, and absurd lengths over real memory", () => {
    expect(() => new CString(2 ** 40)).toThrow(RangeError);
    const p = S.make_buffer(16, 97);
    try {
      expect(() => new CString(p, 0, 2 ** 40)).toThrow(RangeError);
      expect(() => new CString(p, 0, 2 ** 30)).toThrow(RangeError);
      expect(new CString(p, 0, 4).toString()).toBe("abcd");
    } finally {
      S.free_buffer(p);
    }
  });

  test("a cstring return value that is not readable memory throws", () => {
    const f = dlopen(FIXTURE, { id_cstring: { args: ["ptr"], returns: "cstring" } });
    expect(() => f.symbols.id_cstring(4096)).toThrow(/does not point to readable memory/);
    f.close();
  });

  test("readable memory still reads (values, signs, offsets)", () => {
    const buf = new Uint8Array([1, 255, 0x34, 0x12, 0, 0, 0, 0x80]);
    const p = ptr(buf);
    expect(read.u8(p, 1)).toBe(255);
    expect(read.i8(p, 1)).toBe(-1);
    expect(read.u16(p, 2)).toBe(0x1234);
    expect(read.i32(p, 4)).toBe(-(2 ** 31));
    expect(read.u64(p)).toBe(0x8000000012_34ff01n);
  });
});

describe.skipIf(!isRusk)("8. absurd argument counts", () => {
  test("a symbol or callback declared with a million arguments is a RangeError", () => {
    const args = Array(1_000_000).fill("i32");
    expect(() => dlopen(FIXTURE, { noop: { args } })).toThrow(/Too many arguments for "noop": 1000000/);
    expect(() => new JSCallback(() => {}, { args })).toThrow(RangeError);
    // 255 is still fine.
    const l = dlopen(FIXTURE, { noop: { args: Array(255).fill("i32") } });
    expect(l.symbols.noop()).toBe(undefined);
    l.close();
  });
});

describe.skipIf(!isRusk)("9. cstring arguments of thread-safe callbacks are copied by the caller", () => {
  test("2000 strings that their threads overwrite and free right after the call arrive intact", async () => {
    const got: string[] = [];
    const cb = new JSCallback((tid: number, s: string) => void got.push(`${tid}|${s}`), {
      args: ["i32", "cstring"],
      threadsafe: true,
    });
    const h = S.start_threads(cb, KIND.STRING, 4, 500, 0);
    expect(await waitFor(() => got.length >= 2000, 4000)).toBe(true);
    S.join_threads(h);
    const want = new Set<string>();
    for (let t = 0; t < 4; t++) for (let s = 0; s < 500; s++) want.add(`${t}|${t}:${s}`);
    expect(got.filter((g) => !want.has(g))).toEqual([]);
    expect(new Set(got).size).toBe(2000);
    cb.close();
  });
});

describe.skipIf(!isRusk)("10. deadlock diagnosis", () => {
  test("no false positive: a thread waits while the JS thread sleeps 1.6 s in an unrelated call", async () => {
    const cb = new JSCallback((x: number) => x + 1, { args: ["i32"], returns: "i32", threadsafe: true });
    const h = S.start_threads(cb, KIND.RET_I32, 1, 3, 0);
    expect(() => S.sleep_ms(1600)).not.toThrow();
    expect(await waitFor(() => S.threads_made(h) >= 3, 3000)).toBe(true);
    // x = 0, 1, 2 → results 1 + 2 + 3: every call got its real answer, none a 0.
    expect(S.join_threads(h)).toBe(6);
    cb.close();
  }, 10000);

  test("a real deadlock is reported within 100 ms (measured; asserted with slack)", () => {
    const cb = new JSCallback((x: number) => x * 2, { args: ["i32"], returns: "i32", threadsafe: true });
    const t0 = performance.now();
    expect(() => S.call_from_thread_and_wait(cb)).toThrow(/Deadlock detected/);
    const ms = performance.now() - t0;
    // ~10 ms on an idle machine; slack for loaded CI machines and GC stress runs.
    expect(ms).toBeLessThan(500);
    expect(S.add_i32(1, 1)).toBe(2);
    cb.close();
  });
});

describe.skipIf(!isRusk)("11. BigInt for f64/f32 converts like Number()", () => {
  test("values beyond the int64 range do not wrap", () => {
    expect(S.id_f64(2n ** 63n)).toBe(2 ** 63);
    expect(S.id_f64(2n ** 64n)).toBe(2 ** 64);
    expect(S.id_f64(-(2n ** 70n))).toBe(-(2 ** 70));
    expect(S.id_f64(2n ** 53n + 1n)).toBe(Number(2n ** 53n + 1n));
    expect(S.id_f64(10n ** 400n)).toBe(Infinity);
    expect(S.id_f32(2n ** 64n)).toBe(Math.fround(2 ** 64));
    expect(S.id_f64(-5n)).toBe(-5);
  });
});

describe.skipIf(!isRusk || !!process.env.RUSK_VALGRIND)("12. back-pressure: a thread-safe storm", () => {
  test("8 threads calling flat out do not starve timers, and memory stays bounded", async () => {
    let n = 0;
    const cb = new JSCallback(() => void n++, { threadsafe: true });
    const rss0 = process.memoryUsage().rss;
    const h = S.start_threads(cb, KIND.VOID, 8, 2 ** 31 - 1, 0);
    let ticks = 0;
    const iv = setInterval(() => ticks++, 5);
    const lateness: number[] = [];
    const t0 = Date.now();
    for (let i = 0; i < 10; i++) {
      const t = Date.now();
      await sleep(50);
      lateness.push(Date.now() - t - 50);
    }
    const elapsed = Date.now() - t0;
    clearInterval(iv);
    const grown = process.memoryUsage().rss - rss0;
    S.stop_threads(h);
    const made = S.join_threads(h);
    expect(await waitFor(() => n === made, 3000)).toBe(true);
    expect(n).toBeGreaterThan(1000);
    expect(Math.max(...lateness)).toBeLessThan(50);
    // setInterval(5) over ~500 ms: ~100 ticks when nothing starves it.
    expect(ticks).toBeGreaterThan(elapsed / 5 / 3);
    expect(grown).toBeLessThan(64 << 20);
    cb.close();
  }, 10000);
});

// RSS says nothing under valgrind (scripts/valgrind.sh sets RUSK_VALGRIND), which has an
// allocator of its own.
const underValgrind = !!process.env.RUSK_VALGRIND;

describe.skipIf(!isRusk)("13. no leaks in create/close loops", () => {
  const rss = () => process.memoryUsage().rss;
  test.skipIf(underValgrind)("JSCallback create+close: RSS flat from 10k to 100k", async () => {
    const f = () => 1;
    const round = (k: number) => {
      for (let i = 0; i < k; i++) new JSCallback(f, { args: ["i32"], returns: "i32" }).close();
      gc();
    };
    round(10_000);
    await sleep(1);
    const at10k = rss();
    // In rounds of 10k with a collection after each: one loop of 90k would measure the peak
    // of uncollected JS garbage, not what stays behind.
    for (let k = 0; k < 9; k++) round(10_000);
    await sleep(1);
    gc();
    expect(rss() - at10k).toBeLessThan(5 << 20);
  }, 30000);

  test.skipIf(underValgrind)("dlopen+close: RSS flat from 10k to 100k", () => {
    const round = (k: number) => {
      for (let i = 0; i < k; i++) dlopen(FIXTURE, { noop: {} }).close();
      gc();
    };
    round(10_000);
    const at10k = rss();
    for (let k = 0; k < 9; k++) round(10_000);
    expect(rss() - at10k).toBeLessThan(5 << 20);
  }, 30000);

  test("a toArrayBuffer whose deallocator arguments throw allocates nothing and frees nothing", () => {
    S.fixture_free_reset();
    const p = S.make_buffer(8, 1);
    const dealloc = S.fixture_free_address();
    expect(() => toArrayBuffer(p, 0, 8, { get ptr() { throw new Error("ctx getter"); } }, dealloc)).toThrow("ctx getter");
    expect(() => toArrayBuffer(p, 0, 8, 7, "not an address")).toThrow(/deallocator must be a number or BigInt/);
    gc();
    expect(S.fixture_free_count()).toBe(0);
    S.free_buffer(p);
  });
});

describe.skipIf(!isRusk)("14. ptr() keeps temporaries alive until the turn ends", () => {
  test("strlen(ptr(Buffer.from(s + '\\0'))) sees the string even after other allocations", () => {
    for (let i = 0; i < 50; i++) {
      const s = `hello ${i} world`;
      const p = ptr(Buffer.from(s + "\0"));
      const junk = Buffer.alloc(s.length + 1, 0x58); // would take the freed block
      expect(Number(S.c_strlen(p))).toBe(s.length);
      expect(junk.length).toBe(s.length + 1);
    }
  });

  test("new CString(ptr(Buffer.from([97, 97, 97, 0]))) reads the bytes, not freed memory", () => {
    const p = ptr(Buffer.from([97, 97, 97, 0]));
    const junk = Buffer.alloc(4, 0x58);
    expect(new CString(p).toString()).toBe("aaa");
    expect(junk[0]).toBe(0x58);
  });

  test("bounded: past 4096 objects the oldest are let go; the rest at the end of the turn", async () => {
    let collected = 0;
    const fr = new FinalizationRegistry(() => void collected++);
    (() => {
      for (let i = 0; i < 5000; i++) {
        const b = new Uint8Array(16);
        fr.register(b, i);
        ptr(b);
      }
    })();
    gc();
    await Promise.resolve();
    await Promise.resolve();
    const sameTurn = collected;
    await sleep(5);
    gc();
    await sleep(5);
    expect(sameTurn).toBeGreaterThanOrEqual(5000 - 4096 - 8);
    expect(sameTurn).toBeLessThan(5000 - 4000);
    expect(collected).toBe(5000);
  });
});

describe.skipIf(!isRusk)("15. error paths", () => {
  test("a DataView's own byteOffset/buffer properties cannot forge the pointer", () => {
    const ab = new ArrayBuffer(32);
    const dv = new DataView(ab, 4, 8);
    const base = S.ptr_to_u64(ab);
    Object.defineProperty(dv, "byteOffset", { get: () => 1000 });
    Object.defineProperty(dv, "buffer", { get: () => new ArrayBuffer(4096) });
    expect(S.ptr_to_u64(dv)).toBe(base + 4n);
    expect(ptr(dv)).toBe(Number(base) + 4);
  });

  test("a patched DataView.prototype getter cannot forge it either", () => {
    const desc = Object.getOwnPropertyDescriptor(DataView.prototype, "byteOffset")!;
    const ab = new ArrayBuffer(32);
    const dv = new DataView(ab, 8);
    const base = S.ptr_to_u64(ab);
    try {
      Object.defineProperty(DataView.prototype, "byteOffset", { get: () => 100000, configurable: true });
      expect(S.ptr_to_u64(dv)).toBe(base + 8n);
    } finally {
      Object.defineProperty(DataView.prototype, "byteOffset", desc);
    }
  });

  test("strings for integer arguments are TypeErrors naming the argument", () => {
    expect(() => S.add_i32("5", 1)).toThrow(/argument 0 of "add_i32".*int32_t/);
    expect(() => S.add_i32(1, "5")).toThrow(TypeError);
    expect(() => S.add_u64(1n, "5")).toThrow(/argument 1 of "add_u64"/);
    expect(() => S.id_f64("1.5")).toThrow(/argument 0 of "id_f64"/);
    expect(() => S.id_i8(Symbol("x"))).toThrow(TypeError);
    // objects still convert through valueOf, as numbers do
    expect(S.add_i32({ valueOf: () => 40 }, 2)).toBe(42);
  });
});

describe("callbacks beyond the pre-compiled trampoline pool", () => {
  test("1100 live callbacks (more than the pool's 1024) each call their own function", () => {
    const cbs = Array.from({ length: 1100 }, (_, i) =>
      new JSCallback((x: number) => x * 1000 + i, { args: ["i32"], returns: "i32" }));
    let wrong = 0;
    for (let i = 0; i < cbs.length; i++) if (S.call_i32(cbs[i], 7) !== 7000 + i) wrong++;
    expect(wrong).toBe(0);
    for (const cb of cbs) cb.close();
    // Slots are reused after closing: new callbacks still route to their own functions.
    const again = Array.from({ length: 300 }, (_, i) =>
      new JSCallback((x: number) => x + i, { args: ["i32"], returns: "i32" }));
    for (let i = 0; i < again.length; i++) if (S.call_i32(again[i], 1) !== 1 + i) wrong++;
    expect(wrong).toBe(0);
    for (const cb of again) cb.close();
  });

  test("float results through a trampoline: f32 and f64", () => {
    const f = new JSCallback((x: number) => x / 4, { args: ["f64"], returns: "f64" });
    const g = new JSCallback((x: number) => x * 2, { args: ["f32"], returns: "f32" });
    expect(S.call_f64(f, 10)).toBe(2.5);
    expect(S.call_f32(g, 1.25)).toBe(2.5);
    f.close();
    g.close();
  });
});
