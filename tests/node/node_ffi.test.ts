// node:ffi (Node 26's experimental FFI API). Expected values and error codes/messages are what
// Node v26.10.0 gives for the same calls. Needs FFI_FIXTURE (tests/ffi/fixture.c built with
// `cc -shared -fPIC -O2 -pthread -std=c11 fixture.c -o libffi_fixture.so`). Bun 1.4.5 has no
// node:ffi, so there the suite is skipped.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";

const ffi: any = await import("node:ffi").catch(() => null);
const FIXTURE = process.env.FFI_FIXTURE as string;
const isRusk = !!(process as any).versions?.rusk;

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e: any) {
    return `${e.name} ${e.code}: ${e.message}`;
  }
  return "no error";
}

describe.skipIf(!ffi)("node:ffi", () => {
  test("exports Node's names, suffix and types", () => {
    for (const name of ["DynamicLibrary", "dlopen", "dlclose", "dlsym", "toString", "toBuffer", "toArrayBuffer",
      "exportString", "exportBuffer", "exportArrayBuffer", "exportArrayBufferView", "getRawPointer", "getInt8", "setFloat64"]) {
      expect(typeof ffi[name]).toBe("function");
      expect(ffi.default[name]).toBe(ffi[name]);
    }
    expect(ffi.suffix).toBe(process.platform === "darwin" ? "dylib" : process.platform === "win32" ? "dll" : "so");
    expect(ffi.types.INT_32).toBe("int32");
    expect(ffi.types.ARRAY_BUFFER).toBe("arraybuffer");
    expect(Object.getPrototypeOf(ffi.types)).toBe(null);
  });

  describe("dlopen and calls", () => {
    test("ints, floats, bigints and strings follow Node's value rules", () => {
      const { lib, functions: f } = ffi.dlopen(FIXTURE, {
        add_i32: { arguments: ["int32", "int32"], return: "int32" },
        add_u64: { arguments: ["u64", "u64"], return: "u64" },
        add_i64: { arguments: ["i64", "i64"], return: "i64" },
        add_f64: { arguments: ["double", "double"], return: "double" },
        add_f32: { arguments: ["float", "float"], return: "float" },
        id_u8: { arguments: ["uint8"], return: "uint8" },
        id_bool: { arguments: ["bool"], return: "bool" },
        id_char: { arguments: ["char"], return: "char" },
        c_strlen: { arguments: ["string"], return: "uint64" },
        hello: { return: "pointer" },
        noop: {},
      });
      expect(f.add_i32(20, 22)).toBe(42);
      expect(f.add_i32(2147483647, 1)).toBe(-2147483648);
      expect(f.add_u64(2n ** 64n - 1n, 2n)).toBe(1n);
      expect(f.add_i64(-(2n ** 63n), 0n)).toBe(-(2n ** 63n));
      expect(f.add_f64(0.5, 0.25)).toBe(0.75);
      expect(f.add_f64(NaN, 1)).toBeNaN();
      expect(f.add_f32(1.1, 2)).toBe(Math.fround(Math.fround(1.1) + 2));
      expect(f.id_u8(255)).toBe(255);
      expect(f.id_bool(1)).toBe(1);
      expect(f.id_char(-128)).toBe(-128);
      expect(f.c_strlen("héllo")).toBe(6n);
      expect(f.c_strlen(Buffer.from("ab\0"))).toBe(2n);
      expect(f.c_strlen(null)).toBe(0n);
      expect(typeof f.hello()).toBe("bigint");
      expect(ffi.toString(f.hello())).toBe("hello");
      expect(f.noop()).toBe(undefined);
      expect(f.add_i32.name).toBe("add_i32");
      expect(f.add_i32.length).toBe(2);
      expect(typeof f.add_i32.pointer).toBe("bigint");
      lib.close();
    });

    // Node's current docs accept safe-integer numbers for 64-bit arguments (so `buf.byteLength`
    // passes as is); Node v26.10.0 itself still refuses them ("Argument 0 must be a uint64").
    test("64-bit arguments take safe-integer numbers, as Node documents", () => {
      const { lib, functions: f } = ffi.dlopen(FIXTURE, {
        add_u64: { arguments: ["u64", "u64"], return: "u64" },
        add_i64: { arguments: ["i64", "i64"], return: "i64" },
      });
      expect(f.add_u64(2 ** 53 - 1, 1)).toBe(2n ** 53n);
      expect(f.add_i64(-(2 ** 53 - 1), 0)).toBe(-(2n ** 53n - 1n));
      expect(codeOf(() => f.add_u64(-1, 0))).toBe("TypeError ERR_INVALID_ARG_VALUE: Argument 0 must be a uint64");
      expect(codeOf(() => f.add_u64(2 ** 53, 0))).toBe("TypeError ERR_INVALID_ARG_VALUE: Argument 0 must be a uint64");
      lib.close();
    });

    test("bad arguments throw ERR_INVALID_ARG_VALUE before the call", () => {
      const { lib, functions: f } = ffi.dlopen(FIXTURE, {
        add_i32: { arguments: ["int32", "int32"], return: "int32" },
        id_u8: { arguments: ["u8"], return: "u8" },
        id_bool: { arguments: ["bool"], return: "bool" },
        add_u64: { arguments: ["uint64", "uint64"], return: "uint64" },
        add_i64: { arguments: ["int64", "int64"], return: "int64" },
        add_f64: { arguments: ["f64", "f64"], return: "f64" },
        add_f32: { arguments: ["f32", "f32"], return: "f32" },
        id_ptr: { arguments: ["pointer"], return: "pointer" },
      });
      const bad = "TypeError ERR_INVALID_ARG_VALUE: ";
      expect(codeOf(() => f.add_i32(1.5, 2))).toBe(`${bad}Argument 0 must be an int32`);
      expect(codeOf(() => f.add_i32(1, "2"))).toBe(`${bad}Argument 1 must be an int32`);
      expect(codeOf(() => f.add_i32(2 ** 31, 0))).toBe(`${bad}Argument 0 must be an int32`);
      expect(codeOf(() => f.add_i32(1n, 0))).toBe(`${bad}Argument 0 must be an int32`);
      expect(codeOf(() => f.add_i32(1))).toBe(`${bad}Invalid argument count: expected 2, got 1`);
      expect(codeOf(() => f.add_i32(1, 2, 3))).toBe(`${bad}Invalid argument count: expected 2, got 3`);
      expect(codeOf(() => f.id_u8(256))).toBe(`${bad}Argument 0 must be a uint8`);
      expect(codeOf(() => f.id_bool(true))).toBe(`${bad}Argument 0 must be a uint8`);
      expect(codeOf(() => f.add_u64(-1n, 0n))).toBe(`${bad}Argument 0 must be a uint64`);
      expect(codeOf(() => f.add_u64(2n ** 64n, 0n))).toBe(`${bad}Argument 0 must be a uint64`);
      expect(codeOf(() => f.add_i64(2 ** 53, 0))).toBe(`${bad}Argument 0 must be an int64`);
      expect(codeOf(() => f.add_i64(2n ** 63n, 0n))).toBe(`${bad}Argument 0 must be an int64`);
      expect(codeOf(() => f.add_f64(1, 2n))).toBe(`${bad}Argument 1 must be a double`);
      expect(codeOf(() => f.add_f32("1", 2))).toBe(`${bad}Argument 0 must be a float`);
      expect(codeOf(() => f.id_ptr(-1n))).toBe(`${bad}Argument 0 must be a non-negative pointer bigint`);
      expect(codeOf(() => f.id_ptr(123))).toBe(`${bad}Argument 0 must be a buffer, an ArrayBuffer, a string, or a bigint`);
      expect(codeOf(() => f.id_ptr(new SharedArrayBuffer(4)))).toBe(`${bad}Argument 0 must be a buffer, an ArrayBuffer, a string, or a bigint`);
      lib.close();
    });

    test("pointer-like arguments: bigint, null, views and ArrayBuffers", () => {
      const lib = new ffi.DynamicLibrary(FIXTURE);
      const id = lib.getFunction("id_ptr", { arguments: ["pointer"], return: "pointer" });
      const first = lib.getFunction("first_byte", { arguments: ["buffer"], return: "int32" });
      const firstAb = lib.getFunction("first_byte", { arguments: ["arraybuffer"], return: "int32" });
      expect(id(123n)).toBe(123n);
      expect(id(2n ** 64n - 1n)).toBe(2n ** 64n - 1n);
      expect(id(null)).toBe(0n);
      expect(id(undefined)).toBe(0n);
      const bytes = new Uint8Array([9, 8, 7]);
      expect(id(bytes)).toBe(ffi.getRawPointer(bytes));
      expect(id(bytes.subarray(1))).toBe(ffi.getRawPointer(bytes) + 1n);
      expect(first(new Uint8Array([7]))).toBe(7);
      expect(firstAb(new Uint8Array([5]).buffer)).toBe(5);
      expect(firstAb === first).toBe(true); // pointer-like types share one signature
      lib.close();
    });

    test("signatures: defaults, aliases, reuse and errors", () => {
      const lib = new ffi.DynamicLibrary(FIXTURE);
      const hello = lib.getFunction("hello", { return: "string" });
      expect(lib.getFunction("hello", { return: "str" })).toBe(hello);
      expect(lib.getFunction("hello", { return: "pointer" })).toBe(hello);
      expect(lib.getFunction("ret_u8_max", { returns: "u8" })()).toBe(undefined); // `return` is the key
      const add = lib.getFunction("add_i32", { arguments: ["i32", "i32"], return: "i32" });
      expect(lib.getFunction("add_i32", { arguments: ["int32", "int32"], return: "int32" })).toBe(add);
      expect(lib.getFunctions({ add_i32: { arguments: ["i32", "i32"], return: "i32" } }).add_i32).toBe(add);
      expect(codeOf(() => lib.getFunction("add_i32", { arguments: ["int32"], return: "int32" }))).toBe(
        "TypeError ERR_INVALID_ARG_VALUE: Function add_i32 was already requested with a different signature");
      expect(codeOf(() => lib.getFunction("noop", { arguments: ["bogus"] }))).toBe("TypeError ERR_INVALID_ARG_VALUE: Unsupported FFI type: bogus");
      expect(codeOf(() => lib.getFunction("noop", { return: "int128" }))).toBe("TypeError ERR_INVALID_ARG_VALUE: Unsupported FFI type: int128");
      expect(codeOf(() => lib.getFunction("noop", { arguments: "i32" }))).toBe("TypeError ERR_INVALID_ARG_VALUE: Arguments list of function noop must be an array");
      expect(codeOf(() => lib.getFunction("noop", { arguments: ["void"] }))).toBe(
        "TypeError ERR_INVALID_ARG_VALUE: Argument 0 of function noop must not be 'void'; use an empty array for no-argument functions");
      expect(codeOf(() => lib.getFunction("noop"))).toBe("TypeError ERR_INVALID_ARG_TYPE: Function signature must be an object");
      expect(codeOf(() => lib.getFunction(1, {}))).toBe("TypeError ERR_INVALID_ARG_TYPE: Function name must be a string");
      expect(codeOf(() => lib.getFunction("nope", {}))).toBe(`Error ERR_FFI_CALL_FAILED: dlsym failed: ${FIXTURE}: undefined symbol: nope`);
      expect(codeOf(() => lib.getFunctions(5))).toBe("TypeError ERR_INVALID_ARG_TYPE: Functions signatures must be an object");
      expect(Object.keys(lib.getFunctions()).sort()).toEqual(["add_i32", "hello", "ret_u8_max"]);
      lib.close();
    });

    test("dlopen's result, definitions errors and bad paths", () => {
      const h = ffi.dlopen(FIXTURE);
      expect(Object.keys(h)).toEqual(["lib", "functions"]);
      expect(Object.keys(h.functions)).toEqual([]);
      expect(Object.getPrototypeOf(h.functions)).toBe(null);
      expect(h.lib).toBeInstanceOf(ffi.DynamicLibrary);
      expect(h.lib.path).toBe(FIXTURE);
      h[Symbol.dispose]();
      expect(codeOf(() => h.lib.getSymbol("noop"))).toBe("Error ERR_FFI_LIBRARY_CLOSED: Library is closed");
      expect(codeOf(() => ffi.dlopen(FIXTURE, null))).toBe("TypeError ERR_INVALID_ARG_TYPE: Functions signatures must be an object");
      expect(codeOf(() => ffi.dlopen(FIXTURE, { noop: 5 }))).toBe("TypeError ERR_INVALID_ARG_TYPE: Signature of function noop must be an object");
      expect(codeOf(() => ffi.dlopen(5))).toBe("TypeError ERR_INVALID_ARG_TYPE: Library path must be a string or null");
      expect(codeOf(() => new ffi.DynamicLibrary())).toBe("TypeError ERR_INVALID_ARG_TYPE: Library path must be a string or null");
      expect(codeOf(() => new ffi.DynamicLibrary("/nonexistent/libx.so"))).toBe(
        "Error ERR_FFI_CALL_FAILED: dlopen failed: /nonexistent/libx.so: cannot open shared object file: No such file or directory");
    });

    test("null opens the process image", () => {
      const { lib, functions } = ffi.dlopen(null, { strlen: { arguments: ["string"], return: "u64" } });
      expect(functions.strlen("abcd")).toBe(4n);
      expect(typeof lib.getSymbol("strlen")).toBe("bigint");
      lib.close();
    });

    test("using closes the library", () => {
      let add: any;
      {
        using h = ffi.dlopen(FIXTURE, { add_i32: { arguments: ["i32", "i32"], return: "i32" } });
        add = h.functions.add_i32;
        expect(add(1, 2)).toBe(3);
      }
      expect(codeOf(() => add(1, 2))).toBe("Error ERR_FFI_LIBRARY_CLOSED: Library is closed");
    });
  });

  describe("symbols", () => {
    test("dlsym, getSymbol, symbols and getSymbols agree", () => {
      const lib = new ffi.DynamicLibrary(FIXTURE);
      const add = lib.getFunction("add_i32", { arguments: ["i32", "i32"], return: "i32" });
      const hello = ffi.dlsym(lib, "hello");
      expect(typeof hello).toBe("bigint");
      expect(lib.getSymbol("hello")).toBe(hello);
      expect(lib.getSymbol("add_i32")).toBe(add.pointer);
      // the address is the function: calling it through a pointer argument gives the same result
      expect(ffi.toString(lib.getFunction("hello", { return: "pointer" })())).toBe("hello");
      expect(lib.getFunction("hello", { return: "pointer" }).pointer).toBe(hello);
      expect(lib.symbols).toEqual(lib.getSymbols());
      expect(Object.keys(lib.symbols).sort()).toEqual(["add_i32", "hello"]);
      expect(lib.symbols).not.toBe(lib.symbols); // a fresh object each time, as Node
      expect(Object.keys(lib)).toEqual(["path", "symbols"]);
      expect(codeOf(() => lib.getSymbol("nope"))).toBe(`Error ERR_FFI_CALL_FAILED: dlsym failed: ${FIXTURE}: undefined symbol: nope`);
      lib.close();
    });
  });

  describe("callbacks", () => {
    test("registerCallback gives a bigint pointer C can call", () => {
      const lib = new ffi.DynamicLibrary(FIXTURE);
      const loop = lib.getFunction("call_i32_loop", { arguments: ["function", "int32"], return: "int64" });
      const seen: number[] = [];
      const cb = lib.registerCallback({ arguments: ["int32"], return: "int32" }, (i: number) => {
        seen.push(i);
        return i * 2;
      });
      expect(typeof cb).toBe("bigint");
      expect(loop(cb, 4)).toBe(12n);
      expect(seen).toEqual([0, 1, 2, 3]);
      lib.close();
    });

    test("void () default signature, 64-bit and pointer values as bigints", () => {
      const lib = new ffi.DynamicLibrary(FIXTURE);
      let calls = 0;
      const v = lib.registerCallback(() => {
        calls++;
      });
      lib.getFunction("call_void_n", { arguments: ["function", "int32"] })(v, 3);
      expect(calls).toBe(3);
      const got: unknown[] = [];
      const c64 = lib.registerCallback({ arguments: ["int64"], return: "int64" }, (x: bigint) => (got.push(x), x + 1n));
      expect(lib.getFunction("call_i64", { arguments: ["function", "int64"], return: "int64" })(c64, 5n)).toBe(6n);
      const cp = lib.registerCallback({ arguments: ["pointer"], return: "pointer" }, (p: bigint) => (got.push(p), p));
      expect(lib.getFunction("call_ptr", { arguments: ["function", "pointer"], return: "pointer" })(cp, 77n)).toBe(77n);
      const cs = lib.registerCallback({ arguments: ["string"], return: "int32" }, (p: bigint) => (got.push(ffi.toString(p)), 3));
      expect(lib.getFunction("call_cstring", { arguments: ["function"], return: "int32" })(cs)).toBe(3);
      expect(got).toEqual([5n, 77n, "from C: héllo"]);
      lib.close();
    });

    test("unregister, ref/unref and argument errors", () => {
      const lib = new ffi.DynamicLibrary(FIXTURE);
      const cb = lib.registerCallback(() => {});
      expect(lib.refCallback(cb)).toBe(undefined);
      expect(lib.unrefCallback(cb)).toBe(undefined);
      lib.unregisterCallback(cb);
      expect(codeOf(() => lib.unregisterCallback(cb))).toBe("TypeError ERR_INVALID_ARG_VALUE: Callback not found");
      expect(codeOf(() => lib.refCallback(cb))).toBe("TypeError ERR_INVALID_ARG_VALUE: Callback not found");
      expect(codeOf(() => lib.unregisterCallback(5))).toBe("TypeError ERR_INVALID_ARG_TYPE: The first argument must be a bigint");
      expect(codeOf(() => lib.registerCallback(5))).toBe("TypeError ERR_INVALID_ARG_TYPE: First argument must be a function or a signature object");
      expect(codeOf(() => lib.registerCallback({}, 5))).toBe("TypeError ERR_INVALID_ARG_TYPE: Second argument must be a function");
      expect(codeOf(() => lib.registerCallback({ arguments: ["i32"] }))).toBe("TypeError ERR_INVALID_ARG_TYPE: Second argument must be a function");
      lib.close();
    });
  });

  describe("close", () => {
    test("after close everything but path throws ERR_FFI_LIBRARY_CLOSED; close is idempotent", () => {
      const lib = new ffi.DynamicLibrary(FIXTURE);
      const add = lib.getFunction("add_i32", { arguments: ["i32", "i32"], return: "i32" });
      const cb = lib.registerCallback(() => {});
      lib.close();
      expect(lib.close()).toBe(undefined);
      ffi.dlclose(lib);
      const closed = "Error ERR_FFI_LIBRARY_CLOSED: Library is closed";
      expect(codeOf(() => add(1, 2))).toBe(closed);
      expect(codeOf(() => lib.getFunction("noop", {}))).toBe(closed);
      expect(codeOf(() => lib.getSymbol("noop"))).toBe(closed);
      expect(codeOf(() => lib.functions)).toBe(closed);
      expect(codeOf(() => lib.symbols)).toBe(closed);
      expect(codeOf(() => lib.getSymbols())).toBe(closed);
      expect(codeOf(() => lib.getFunctions())).toBe(closed);
      expect(codeOf(() => lib.registerCallback(() => {}))).toBe(closed);
      expect(codeOf(() => lib.unregisterCallback(cb))).toBe(closed);
      expect(lib.path).toBe(FIXTURE);
    });
  });

  describe("memory helpers", () => {
    test("toString, toBuffer and toArrayBuffer copy or alias native memory", () => {
      const bytes = new Uint8Array([104, 105, 0, 4]);
      const p = ffi.getRawPointer(bytes);
      expect(ffi.toString(p)).toBe("hi");
      expect(ffi.toString(0n)).toBe(null);
      const copy = ffi.toBuffer(p, 4);
      expect(Buffer.isBuffer(copy)).toBe(true);
      expect([...copy]).toEqual([104, 105, 0, 4]);
      copy[0] = 1;
      expect(bytes[0]).toBe(104);
      const view = ffi.toBuffer(p, 4, false);
      view[0] = 72;
      expect(bytes[0]).toBe(72);
      ffi.toBuffer(p, 4, 0)[1] = 73; // `copy` is read for truthiness
      expect(bytes[1]).toBe(73);
      const ab = ffi.toArrayBuffer(p, 2);
      expect(ab).toBeInstanceOf(ArrayBuffer);
      expect([...new Uint8Array(ab)]).toEqual([72, 73]);
      new Uint8Array(ffi.toArrayBuffer(p, 4, false))[3] = 9;
      expect(bytes[3]).toBe(9);
      expect(ffi.toBuffer(0n, 0).length).toBe(0);
    });

    test("export* copy JS bytes into native memory", () => {
      const bytes = new Uint8Array(8).fill(0xee);
      const p = ffi.getRawPointer(bytes);
      ffi.exportString("hé", p, 8);
      expect([...bytes]).toEqual([0x68, 0xc3, 0xa9, 0, 0xee, 0xee, 0xee, 0xee]);
      ffi.exportString("hi", p, 8, "utf16le");
      expect([...bytes.subarray(0, 6)]).toEqual([0x68, 0, 0x69, 0, 0, 0]);
      ffi.exportBuffer(Buffer.from([1, 2, 3]), p, 8);
      expect([...bytes.subarray(0, 3)]).toEqual([1, 2, 3]);
      ffi.exportArrayBuffer(new Uint8Array([4, 5]).buffer, p, 8);
      expect([...bytes.subarray(0, 3)]).toEqual([4, 5, 3]);
      ffi.exportArrayBufferView(new Uint16Array([0x0201, 0x0403]).subarray(1), p, 8);
      expect([...bytes.subarray(0, 3)]).toEqual([3, 4, 3]);
      expect(codeOf(() => ffi.exportString("hé", p, 3))).toBe(
        'RangeError ERR_OUT_OF_RANGE: The value of "len" is out of range. It must be >= 4. Received 3');
      expect(codeOf(() => ffi.exportString("hi", p, 5, "ucs2"))).toBe(
        'RangeError ERR_OUT_OF_RANGE: The value of "len" is out of range. It must be >= 6. Received 5');
      expect(codeOf(() => ffi.exportString("hi", p, 8, "bogus"))).toBe("TypeError ERR_UNKNOWN_ENCODING: Unknown encoding: bogus");
      expect(codeOf(() => ffi.exportString(5, p, 8))).toBe(
        'TypeError ERR_INVALID_ARG_TYPE: The "string" argument must be of type string. Received type number (5)');
      expect(codeOf(() => ffi.exportString("hi", 5, 8))).toBe("TypeError ERR_INVALID_ARG_TYPE: The pointer must be a bigint");
      expect(codeOf(() => ffi.exportString("hi", 0n, 8))).toBe("Error ERR_FFI_INVALID_POINTER: Cannot create a buffer from a null pointer");
      expect(codeOf(() => ffi.exportString("hi", p))).toBe(
        'TypeError ERR_INVALID_ARG_TYPE: The "len" argument must be of type number. Received undefined');
      expect(codeOf(() => ffi.exportBuffer(new Uint8Array(2), p, 8))).toBe(
        'TypeError ERR_INVALID_ARG_TYPE: The "buffer" argument must be an instance of Buffer. Received an instance of Uint8Array');
      expect(codeOf(() => ffi.exportBuffer(Buffer.from([1, 2, 3]), p, 2))).toBe(
        'RangeError ERR_OUT_OF_RANGE: The value of "len" is out of range. It must be >= 3. Received 2');
      expect(codeOf(() => ffi.exportArrayBuffer(new Uint8Array(2), p, 8))).toBe(
        'TypeError ERR_INVALID_ARG_TYPE: The "arrayBuffer" argument must be an instance of ArrayBuffer. Received an instance of Uint8Array');
      expect(codeOf(() => ffi.exportArrayBufferView(new ArrayBuffer(2), p, 8))).toBe(
        'TypeError ERR_INVALID_ARG_TYPE: The "arrayBufferView" argument must be an instance of ArrayBufferView. Received an instance of ArrayBuffer');
      expect(codeOf(() => ffi.exportArrayBufferView(new Uint8Array(2), p, -1))).toBe(
        'RangeError ERR_OUT_OF_RANGE: The value of "len" is out of range. It must be >= 0 && <= 9007199254740991. Received -1');
    });

    test("getRawPointer and pointer/length errors", () => {
      const bytes = new Uint8Array([10, 20, 30]);
      const p = ffi.getRawPointer(bytes);
      expect(typeof p).toBe("bigint");
      expect(ffi.getRawPointer(bytes.buffer)).toBe(p);
      expect(ffi.getRawPointer(bytes.subarray(2))).toBe(p + 2n);
      expect(ffi.getRawPointer(new DataView(bytes.buffer, 1))).toBe(p + 1n);
      expect(ffi.getRawPointer(new SharedArrayBuffer(4)) > 0n).toBe(true);
      expect(ffi.getRawPointer(new Uint8Array(0))).toBe(0n);
      expect(codeOf(() => ffi.getRawPointer("x"))).toBe(
        "TypeError ERR_INVALID_ARG_TYPE: The first argument must be a Buffer, ArrayBuffer, SharedArrayBuffer, or ArrayBufferView");
      expect(codeOf(() => ffi.toString(5))).toBe("TypeError ERR_INVALID_ARG_TYPE: The first argument must be a bigint");
      expect(codeOf(() => ffi.toString(-1n))).toBe("TypeError ERR_INVALID_ARG_VALUE: The first argument must be a non-negative bigint");
      expect(codeOf(() => ffi.toBuffer(p))).toBe("TypeError ERR_INVALID_ARG_TYPE: The length must be a number");
      expect(codeOf(() => ffi.toBuffer(p, -1))).toBe("TypeError ERR_INVALID_ARG_VALUE: The length must be a non-negative integer");
      expect(codeOf(() => ffi.toBuffer(p, 1.5))).toBe("TypeError ERR_INVALID_ARG_VALUE: The length must be a non-negative integer");
      expect(codeOf(() => ffi.toBuffer(0n, 4))).toBe("Error ERR_FFI_INVALID_POINTER: Cannot create a buffer from a null pointer");
      expect(codeOf(() => ffi.toArrayBuffer(0n, 4))).toBe("Error ERR_FFI_INVALID_POINTER: Cannot create an ArrayBuffer from a null pointer");
    });

    test("get*/set* read and write primitives", () => {
      const cell = new BigUint64Array(2);
      const p = ffi.getRawPointer(cell);
      ffi.setInt32(p, 0, -5);
      expect(ffi.getInt32(p)).toBe(-5);
      expect(ffi.getUint8(p, 0)).toBe(0xfb);
      ffi.setUint64(p, 8, 2n ** 64n - 1n);
      expect(cell[1]).toBe(2n ** 64n - 1n);
      expect(ffi.getInt64(p, 8)).toBe(-1n);
      ffi.setInt64(p, 8, -2);
      expect(ffi.getUint64(p, 8)).toBe(2n ** 64n - 2n);
      ffi.setFloat64(p, 0, 0.1);
      expect(ffi.getFloat64(p)).toBe(0.1);
      expect(new Float64Array(cell.buffer)[0]).toBe(0.1);
      ffi.setFloat32(p, 8, 1.1);
      expect(ffi.getFloat32(p, 8)).toBe(Math.fround(1.1));
      expect(codeOf(() => ffi.setUint8(p, 0, 256))).toBe("TypeError ERR_INVALID_ARG_VALUE: Value must be a uint8");
      expect(codeOf(() => ffi.setInt64(p, 0, 2 ** 53))).toBe("TypeError ERR_INVALID_ARG_VALUE: Value must be an int64");
      expect(codeOf(() => ffi.setFloat64(p, 0, "1"))).toBe("TypeError ERR_INVALID_ARG_VALUE: Value must be a double");
      expect(codeOf(() => ffi.setUint8(p, 0))).toBe("TypeError ERR_INVALID_ARG_VALUE: Expected a value argument");
      expect(codeOf(() => ffi.setUint8(p))).toBe("TypeError ERR_INVALID_ARG_VALUE: Expected an offset argument");
      expect(codeOf(() => ffi.getUint8(p, -1))).toBe("TypeError ERR_INVALID_ARG_VALUE: The offset must be a non-negative integer");
      expect(codeOf(() => ffi.getUint8(p, 1n))).toBe("TypeError ERR_INVALID_ARG_TYPE: The offset must be a number");
      expect(codeOf(() => ffi.getUint8(5))).toBe("TypeError ERR_INVALID_ARG_TYPE: The pointer must be a bigint");
      expect(codeOf(() => ffi.getUint8(0n))).toBe("Error ERR_FFI_INVALID_POINTER: Cannot dereference a null pointer");
    });
  });

  test("a script written against Node's documented API prints what Node 26 prints", () => {
    const script = join(import.meta.dir, "fixtures", "node_ffi_script.mjs");
    const cmd = isRusk ? [process.execPath, "run", script] : [process.execPath, script];
    const r = Bun.spawnSync(cmd, { env: { ...process.env, FFI_FIXTURE: FIXTURE } } as any);
    expect(r.stderr.toString()).toBe("");
    expect(r.stdout.toString()).toBe(EXPECTED_SCRIPT_OUTPUT(FIXTURE));
    expect(r.exitCode).toBe(0);
  });
});

// Node v26.10.0's output for tests/node/fixtures/node_ffi_script.mjs (run with --no-warnings).
const EXPECTED_SCRIPT_OUTPUT = (fixture: string) => `suffix: "so"
types.INT_32: "int32"
add_i32: 42
add_u64: 9223372036854775813n
add_f64: 0.75
hello: "hello"
c_strlen: 6n
sum_bytes: 256n
pointer is bigint: "bigint"
dlsym matches: true
bad int: TypeError ERR_INVALID_ARG_VALUE Argument 0 must be an int32
arity: TypeError ERR_INVALID_ARG_VALUE Invalid argument count: expected 2, got 1
bad pointer: TypeError ERR_INVALID_ARG_VALUE Argument 0 must be a buffer, an ArrayBuffer, a string, or a bigint
callback pointer is bigint: "bigint"
call_i32_loop: 60n
callback saw: [0,1,2,3]
unregister twice: TypeError ERR_INVALID_ARG_VALUE Callback not found
symbols: ["call_i32_loop"]
exportString: "hi ✓"
toBuffer copy: [7,8,9]
zero-copy write: 42
toArrayBuffer: [42,8]
getInt32: -123456
getUint64: 18446744073709551615n
exportString too small: RangeError ERR_OUT_OF_RANGE The value of "len" is out of range. It must be >= 6. Received 3
toString number: TypeError ERR_INVALID_ARG_TYPE The first argument must be a bigint
after close: Error ERR_FFI_LIBRARY_CLOSED Library is closed
getSymbol after close: Error ERR_FFI_LIBRARY_CLOSED Library is closed
missing library: Error ERR_FFI_CALL_FAILED dlopen failed: /nonexistent/libnope.so: cannot open shared object file: No such file or directory
`;
