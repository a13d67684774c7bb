// Variadic C functions: rusk's `variadic: true` (Bun has no variadic calls). After the fixed
// arguments come (type, value) pairs; C's default argument promotions apply.
import { describe, expect, test } from "bun:test";
import { dlopen, CFunction, JSCallback, ptr, FFIType } from "bun:ffi";
import { FIXTURE, isRusk } from "./lib";

const cstr = (s: string) => ptr(Buffer.from(s + "\0"));

describe.if(isRusk)("variadic functions", () => {
  const lib = dlopen(FIXTURE, {
    variadic_sum: { args: ["cstring"], returns: "f64", variadic: true },
    variadic_ints: { args: ["i32"], returns: "i32", variadic: true },
  } as any);
  const { variadic_sum, variadic_ints } = lib.symbols as any;

  test("integers, 64-bit integers, doubles and strings each reach C in the right place", () => {
    expect(variadic_sum(cstr("ildp"), "i32", 1, "i64", 10n, "f64", 2.5, "cstring", cstr("four"))).toBe(17.5);
    expect(variadic_sum(cstr(""))).toBe(0);
  });

  test("C's default promotions: f32 becomes a double, narrow integers become int", () => {
    // C reads each with va_arg(ap, double) / va_arg(ap, int).
    expect(variadic_sum(cstr("d"), "f32", 1.5)).toBe(1.5);
    expect(variadic_sum(cstr("i"), "i8", -3)).toBe(-3);
    expect(variadic_sum(cstr("i"), "u16", 65535)).toBe(65535);
    expect(variadic_sum(cstr("i"), "bool", true)).toBe(1);
    expect(variadic_sum(cstr("i"), FFIType.char, 65)).toBe(65);
  });

  test("more arguments than registers: the rest go on the stack", () => {
    const kinds = "id".repeat(12);
    const args: unknown[] = [];
    let expected = 0;
    for (let i = 0; i < 12; i++) {
      args.push("i32", i, "f64", i + 0.25);
      expected += i + i + 0.25;
    }
    expect(variadic_sum(cstr(kinds), ...args)).toBe(expected);
    const ints = Array.from({ length: 40 }, (_, i) => ["i32", i]).flat();
    expect(variadic_ints(40, ...ints)).toBe((39 * 40) / 2);
  });

  test("different type lists on one symbol, alternating", () => {
    for (let i = 0; i < 50; i++) {
      expect(variadic_sum(cstr("id"), "i32", i, "f64", 0.5)).toBe(i + 0.5);
      expect(variadic_sum(cstr("di"), "f64", 0.5, "i32", i)).toBe(i + 0.5);
      expect(variadic_ints(2, "i32", i, "i32", 1)).toBe(i + 1);
    }
  });

  test("libc's snprintf", () => {
    const libc = dlopen("libc.so.6", {
      snprintf: { args: ["ptr", "u64", "cstring"], returns: "i32", variadic: true },
    } as any);
    const out = new Uint8Array(64);
    const n = (libc.symbols as any).snprintf(ptr(out), 64, cstr("%d|%.2f|%s|%lld"), "i32", -42, "f64", 3.14159, "cstring", cstr("hi"), "i64", 1n << 40n);
    const text = new TextDecoder().decode(out.subarray(0, n));
    expect(text).toBe(`-42|3.14|hi|${2 ** 40}`);
    libc.close();
  });

  // The other variadic functions of libc that FFI users call: open with a mode, ioctl with
  // an argument pointer, and the printf family writing to a descriptor (Linux's values).
  test.if(process.platform === "linux")("libc's open with a mode, ioctl and dprintf", () => {
    const libc = dlopen("libc.so.6", {
      open: { args: ["cstring", "i32"], returns: "i32", variadic: true },
      ioctl: { args: ["i32", "u64"], returns: "i32", variadic: true },
      dprintf: { args: ["i32", "cstring"], returns: "i32", variadic: true },
      pipe: { args: ["ptr"], returns: "i32" },
      read: { args: ["i32", "ptr", "u64"], returns: "i64" },
      close: { args: ["i32"], returns: "i32" },
    } as any);
    const c = libc.symbols as any;
    const fs = require("node:fs");
    const path = `${require("node:os").tmpdir()}/rusk-variadic-open-${process.pid}`;
    fs.rmSync(path, { force: true });
    const O_WRONLY = 1, O_CREAT = 0o100, O_EXCL = 0o200;
    // The mode travels through `...` as an int: without it open would read garbage.
    const fd = c.open(cstr(path), O_WRONLY | O_CREAT | O_EXCL, "u32", 0o640);
    expect(fd).toBeGreaterThanOrEqual(0);
    expect(fs.statSync(path).mode & 0o777).toBe(0o640 & ~process.umask());
    c.close(fd);
    fs.rmSync(path);
    const fds = new Int32Array(2);
    expect(c.pipe(ptr(fds))).toBe(0);
    // dprintf: a format, then an int, a double and a string through `...`.
    const written = c.dprintf(fds[1], cstr("%d %.1f %s"), "i32", 7, "f64", 2.5, "cstring", cstr("ok"));
    expect(written).toBe("7 2.5 ok".length);
    // ioctl(FIONREAD, &n): a pointer through `...` that the kernel writes to.
    const pending = new Int32Array(1);
    expect(c.ioctl(fds[0], 0x541b, "ptr", ptr(pending))).toBe(0);
    expect(pending[0]).toBe(written);
    const buf = new Uint8Array(16);
    const n = Number(c.read(fds[0], ptr(buf), 16));
    expect(new TextDecoder().decode(buf.subarray(0, n))).toBe("7 2.5 ok");
    c.close(fds[0]);
    c.close(fds[1]);
    libc.close();
  });

  test("a CFunction can be variadic too", () => {
    const f = CFunction({ ptr: variadic_ints.ptr, args: ["i32"], returns: "i32", variadic: true } as any) as any;
    expect(f(3, "i32", 1, "i32", 2, "i32", 3)).toBe(6);
  });

  test("misuse is a TypeError naming the function", () => {
    expect(() => variadic_ints(1, "i32")).toThrow(/variadic arguments of "variadic_ints" come in pairs of a type and a value/);
    expect(() => variadic_sum()).toThrow(/"variadic_sum" takes 1 fixed argument before its variadic ones; got 0/);
    expect(() => variadic_ints(1, "nope", 1)).toThrow(TypeError);
    expect(() => variadic_ints(1, "void", 1)).toThrow(/Variadic argument 0 of "variadic_ints" cannot be of type void/);
    expect(() => new JSCallback(() => 0, { args: ["i32"], returns: "i32", variadic: true } as any)).toThrow(/A JSCallback cannot be variadic/);
  });

  test("a closed library's variadic symbol throws instead of calling freed code", () => {
    const own = dlopen(FIXTURE, { variadic_ints: { args: ["i32"], returns: "i32", variadic: true } } as any);
    const f = (own.symbols as any).variadic_ints;
    expect(f(1, "i32", 5)).toBe(5);
    own.close();
    expect(() => f(1, "i32", 5)).toThrow(/closed/);
  });
});
