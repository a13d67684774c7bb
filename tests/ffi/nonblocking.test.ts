// Non-blocking calls: rusk's `nonblocking: true` (Deno's option; Bun has none). The function
// returns a Promise at once; the C call runs on a pool thread while the event loop goes on.
import { describe, expect, test } from "bun:test";
import { dlopen, ptr, JSCallback } from "bun:ffi";
import { FIXTURE, isRusk, gc } from "./lib";

const declarations = {
  nb_slow_add: { args: ["i32", "i64", "i64"], returns: "i64", nonblocking: true },
  nb_slow_fill: { args: ["ptr", "i32", "i32", "i32"], returns: "i32", nonblocking: true },
  nb_slow_echo: { args: ["cstring", "i32"], returns: "cstring", nonblocking: true },
  nb_sync_add: { args: ["i32", "i64", "i64"], returns: "i64", ptr: 0 },
} as const;

describe.if(isRusk)("nonblocking calls", () => {
  const open = () =>
    dlopen(FIXTURE, {
      nb_slow_add: declarations.nb_slow_add,
      nb_slow_fill: declarations.nb_slow_fill,
      nb_slow_echo: declarations.nb_slow_echo,
    } as any);

  test("return a promise of the result while the event loop keeps running", async () => {
    const lib = open();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 2);
    const started = performance.now();
    const pending = (lib.symbols as any).nb_slow_add(60, 40n, 2n);
    expect(pending).toBeInstanceOf(Promise);
    // The call has not blocked the thread: this line runs at once.
    expect(performance.now() - started).toBeLessThan(30);
    expect(await pending).toBe(42n);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5);
    lib.close();
  });

  test("several calls run at the same time on the pool", async () => {
    const lib = open();
    const started = performance.now();
    const results = await Promise.all([1, 2, 3, 4].map((i) => (lib.symbols as any).nb_slow_add(80, BigInt(i), 0n)));
    expect(results).toEqual([1n, 2n, 3n, 4n]);
    // Four 80 ms calls in parallel, not 320 ms in a row.
    expect(performance.now() - started).toBeLessThan(250);
    lib.close();
  });

  test("a buffer passed by address stays alive until the call settles", async () => {
    const lib = open();
    let settled = (lib.symbols as any).nb_slow_fill(ptr(new Uint8Array(1024)), 1024, 40, 7);
    // The only reference to the buffer is the pending call: a collection must not free it.
    gc();
    const garbage = Array.from({ length: 2000 }, () => new Uint8Array(1024).fill(1));
    gc();
    expect(await settled).toBe(7 * 1024);
    expect(garbage.length).toBe(2000);
    const view = new Uint8Array(16);
    settled = (lib.symbols as any).nb_slow_fill(ptr(view), 16, 10, 9);
    expect(await settled).toBe(9 * 16);
    expect(Array.from(view)).toEqual(new Array(16).fill(9));
    lib.close();
  });

  test("a string argument's copy lives until the result is read", async () => {
    const lib = open();
    const results = await Promise.all(["alpha", "beta", "gamma"].map((s) => (lib.symbols as any).nb_slow_echo(s, 20)));
    expect(results.map(String)).toEqual(["alpha", "beta", "gamma"]);
    lib.close();
  });

  test("bad arguments reject the promise instead of calling", async () => {
    const lib = open();
    await expect((lib.symbols as any).nb_slow_add(1, "nope", 2n)).rejects.toThrow(TypeError);
    lib.close();
  });

  test("a closed library's nonblocking function rejects; closing during a call waits for it", async () => {
    const lib = open();
    const f = (lib.symbols as any).nb_slow_add;
    const inFlight = f(50, 1n, 1n);
    lib.close();
    // The library is unloaded only after the call has returned: the result still arrives.
    expect(await inFlight).toBe(2n);
    await expect(f(1, 1n, 1n)).rejects.toThrow(/closed/);
  });

  test("a threadsafe callback called from the pool thread", async () => {
    const lib = dlopen(FIXTURE, {
      call_i32_loop: { args: ["function", "i32"], returns: "i64", nonblocking: true },
    } as any);
    let calls = 0;
    const cb = new JSCallback((i: number) => { calls++; return i + 1; }, { args: ["i32"], returns: "i32", threadsafe: true });
    const total = await (lib.symbols as any).call_i32_loop(cb, 100);
    expect(calls).toBe(100);
    expect(typeof total).toBe("bigint");
    cb.close();
    lib.close();
  });

  test("declarations that cannot be nonblocking are refused", () => {
    expect(() => dlopen(FIXTURE, { variadic_ints: { args: ["i32"], returns: "i32", variadic: true, nonblocking: true } } as any)).toThrow(/cannot be nonblocking/);
    expect(() => new JSCallback(() => 0, { args: [], returns: "i32", nonblocking: true } as any)).toThrow(/cannot be nonblocking/);
  });
});
