import { describe, test, expect } from "bun:test";
import bufferModule from "node:buffer";
import {
  Buffer,
  SlowBuffer,
  Blob,
  File,
  atob,
  btoa,
  transcode,
  isUtf8,
  isAscii,
  constants,
  kMaxLength,
  kStringMaxLength,
  INSPECT_MAX_BYTES,
} from "node:buffer";

const inspectCustom = Symbol.for("nodejs.util.inspect.custom");
const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");

/** The thrown error's [name, code, message]. */
function thrown(fn: () => unknown): [string, string | undefined, string] {
  try {
    fn();
  } catch (e: any) {
    return [e.name, e.code, e.message];
  }
  throw new Error("expected a throw");
}

describe("Buffer class", () => {
  test("is a Uint8Array subclass whose instances come from from/alloc", () => {
    const b = Buffer.from("hi");
    expect(b).toBeInstanceOf(Buffer);
    expect(b).toBeInstanceOf(Uint8Array);
    expect(Object.getPrototypeOf(Buffer.prototype)).toBe(Uint8Array.prototype);
    expect(Object.getPrototypeOf(Buffer)).toBe(Uint8Array);
    expect(b.constructor).toBe(Buffer);
    expect(Buffer.alloc(2)).toBeInstanceOf(Buffer);
    expect(Buffer.allocUnsafe(2)).toBeInstanceOf(Buffer);
    expect(Buffer.isBuffer(b)).toBe(true);
    expect(Buffer.isBuffer(new Uint8Array(2))).toBe(false);
    expect(Buffer.isBuffer(null)).toBe(false);
  });

  test("subarray and slice share memory and return Buffers", () => {
    const b = Buffer.from("hello");
    const sub = b.subarray(1, 3);
    const sl = b.slice(-2);
    expect(sub).toBeInstanceOf(Buffer);
    expect(sl).toBeInstanceOf(Buffer);
    sub[0] = 0x45;
    sl[1] = 0x4f;
    expect(b.toString()).toBe("hEllO");
    expect(b.slice(1.5, 3.9).toString()).toBe("El");
    expect(b.subarray(-10, 2).toString()).toBe("hE");
    expect(b.slice(3, 1).length).toBe(0);
  });

  test("map and filter keep the Buffer type", () => {
    const mapped = Buffer.from("ab").map((x) => x + 1);
    expect(mapped).toBeInstanceOf(Buffer);
    expect(mapped.toString()).toBe("bc");
  });

  test("Buffer() without new behaves like alloc/from", () => {
    const B = Buffer as any;
    expect(hex(B(3))).toBe("000000");
    expect(B("6162", "hex").toString()).toBe("ab");
    expect(thrown(() => B(3, "utf8"))).toEqual([
      "TypeError",
      "ERR_INVALID_ARG_TYPE",
      'The "string" argument must be of type string. Received type number (3)',
    ]);
  });

  test("exports are on the default export too", () => {
    for (const name of ["Buffer", "SlowBuffer", "Blob", "File", "atob", "btoa", "transcode", "isUtf8", "isAscii", "constants", "kMaxLength", "kStringMaxLength"]) {
      expect((bufferModule as any)[name]).toBe(({ Buffer, SlowBuffer, Blob, File, atob, btoa, transcode, isUtf8, isAscii, constants, kMaxLength, kStringMaxLength } as any)[name]);
    }
    expect(constants.MAX_LENGTH).toBe(kMaxLength);
    expect(constants.MAX_STRING_LENGTH).toBe(kStringMaxLength);
    expect(INSPECT_MAX_BYTES).toBe(50);
    expect(Buffer.poolSize).toBe(8192);
  });
});

describe("encodings", () => {
  const text = "héllo €😀";
  const table: [string, string][] = [
    ["utf8", "68c3a96c6c6f20e282acf09f9880"],
    ["utf-8", "68c3a96c6c6f20e282acf09f9880"],
    ["UTF8", "68c3a96c6c6f20e282acf09f9880"],
    ["latin1", "68e96c6c6f20ac3d00"],
    ["binary", "68e96c6c6f20ac3d00"],
    ["ascii", "68e96c6c6f20ac3d00"],
    ["ucs2", "6800e9006c006c006f002000ac203dd800de"],
    ["utf16le", "6800e9006c006c006f002000ac203dd800de"],
    ["UTF-16LE", "6800e9006c006c006f002000ac203dd800de"],
  ];
  for (const [encoding, bytes] of table) {
    test(`from(string, ${encoding})`, () => {
      expect(Buffer.from(text, encoding as BufferEncoding).toString("hex")).toBe(bytes);
      expect(Buffer.byteLength(text, encoding as BufferEncoding)).toBe(bytes.length / 2);
    });
  }

  test("toString in every encoding", () => {
    const b = Buffer.from([0x68, 0xc3, 0xa9, 0xff, 0x00, 0x7f]);
    expect(b.toString("hex")).toBe("68c3a9ff007f");
    expect(b.toString("base64")).toBe("aMOp/wB/");
    expect(b.toString("base64url")).toBe("aMOp_wB_");
    expect(b.toString("latin1")).toBe("hÃ©ÿ\u0000\u007f");
    expect(b.toString("ascii")).toBe("hC)\u007f\u0000\u007f");
    expect(b.toString("ucs2")).toBe("\uc368\uffa9\u7f00");
    expect(b.toString("utf8")).toBe("hé\ufffd\u0000\u007f");
    expect(Buffer.from([1, 2, 3]).toString("base64")).toBe("AQID");
    expect(Buffer.from([1, 2]).toString("base64")).toBe("AQI=");
    expect(Buffer.from([1]).toString("base64url")).toBe("AQ");
  });

  test("toString(encoding, start, end) clamps and truncates", () => {
    const b = Buffer.from("hello");
    expect(b.toString("utf8", 1, 3)).toBe("el");
    expect(b.toString("utf8", -1, 2.5)).toBe("he");
    expect(b.toString("utf8", "1" as any, 3)).toBe("el");
    expect(b.toString("utf8", 4, 2)).toBe("");
    expect(b.toString("utf8", 10)).toBe("");
    expect(b.toString(undefined, 3)).toBe("lo");
    expect(b.toString("hex", 1, 100)).toBe("656c6c6f");
  });

  test("invalid UTF-8 decodes with U+FFFD as Node does", () => {
    const cases: [number[], string][] = [
      [[0x80], "\ufffd"],
      [[0xc3], "\ufffd"],
      [[0xe2, 0x82], "\ufffd"],
      [[0xed, 0xa0, 0x80], "\ufffd\ufffd\ufffd"],
      [[0xf4, 0x90, 0x80, 0x80], "\ufffd\ufffd\ufffd\ufffd"],
      [[0xc0, 0x80], "\ufffd\ufffd"],
      [[0x61, 0xf0, 0x9f, 0x98], "a\ufffd"],
      [[0xef, 0xbb, 0xbf, 0x61], "\ufeffa"],
    ];
    for (const [bytes, expected] of cases) expect(Buffer.from(bytes).toString()).toBe(expected);
  });

  test("lone surrogates encode as U+FFFD", () => {
    expect(Buffer.from("a\ud800b").toString("hex")).toBe("61efbfbd62");
    expect(Buffer.from("\udc00").toString("hex")).toBe("efbfbd");
    expect(Buffer.byteLength("\ud800")).toBe(3);
    expect(Buffer.byteLength("😀")).toBe(4);
    expect(Buffer.from("\ud800", "ucs2").toString("hex")).toBe("00d8");
  });

  test("base64 decoding is lenient like Node's", () => {
    const decode = (s: string, e: BufferEncoding = "base64") => Buffer.from(s, e).toString("hex");
    expect(decode("Zm9vYmFy")).toBe("666f6f626172");
    expect(decode("Zm9v\nYm Fy")).toBe("666f6f626172");
    expect(decode("Zm9vYg")).toBe("666f6f62");
    expect(decode("Zm9vYg==")).toBe("666f6f62");
    expect(decode("YQ==YQ==")).toBe("61");
    expect(decode("YWJj=ZGVm")).toBe("616263");
    expect(decode("YWJjZ")).toBe("616263");
    expect(decode("!!!YQ")).toBe("61");
    expect(decode("-_-_")).toBe("fbffbf");
    expect(decode("+/+/", "base64url")).toBe("fbffbf");
    expect(decode("====")).toBe("");
    expect(Buffer.byteLength("YQ==YQ==", "base64")).toBe(4);
    expect(Buffer.byteLength("Zm9vYg==", "base64")).toBe(4);
  });

  test("hex decoding stops at the first bad pair and drops an odd digit", () => {
    expect(Buffer.from("abc", "hex").toString("hex")).toBe("ab");
    expect(Buffer.from("abzz12", "hex").toString("hex")).toBe("ab");
    expect(Buffer.from("zz", "hex").length).toBe(0);
    expect(Buffer.from("ABcd", "hex").toString("hex")).toBe("abcd");
    expect(Buffer.byteLength("abc", "hex")).toBe(1);
  });

  test("ascii and latin1 keep the low byte; ucs2 drops a trailing odd byte", () => {
    expect(Buffer.from("\u0161", "latin1").toString("hex")).toBe("61");
    expect(Buffer.from([0xff, 0x80, 0x41]).toString("ascii")).toBe("\u007f\u0000A");
    expect(Buffer.from([0x61, 0, 0x62]).toString("ucs2")).toBe("a");
  });

  test("unknown encodings", () => {
    expect(thrown(() => Buffer.from("a", "bogus" as any))).toEqual(["TypeError", "ERR_UNKNOWN_ENCODING", "Unknown encoding: bogus"]);
    expect(thrown(() => Buffer.from("ab").toString("nope" as any))).toEqual(["TypeError", "ERR_UNKNOWN_ENCODING", "Unknown encoding: nope"]);
    expect(thrown(() => Buffer.from("ab").toString(null as any))).toEqual(["TypeError", "ERR_UNKNOWN_ENCODING", "Unknown encoding: null"]);
    // byteLength falls back to UTF-8 instead of throwing.
    expect(Buffer.byteLength("é", "bogus" as any)).toBe(2);
  });

  test("isEncoding", () => {
    for (const e of ["utf8", "UTF-8", "Binary", "BASE64URL", "ucs-2", "utf16le", "latin1", "ascii", "hex", "base64"]) expect(Buffer.isEncoding(e)).toBe(true);
    for (const e of ["", "utf16", "utf-16", "latin-1", null, 1, undefined]) expect(Buffer.isEncoding(e as any)).toBe(false);
  });

  test("byteLength of every kind of input", () => {
    expect(Buffer.byteLength("héllo")).toBe(6);
    expect(Buffer.byteLength(new ArrayBuffer(7))).toBe(7);
    expect(Buffer.byteLength(new Uint16Array(3))).toBe(6);
    expect(Buffer.byteLength(new DataView(new ArrayBuffer(5)))).toBe(5);
    expect(Buffer.byteLength("é€😀".repeat(100))).toBe(900);
    expect(thrown(() => Buffer.byteLength(5 as any))).toEqual([
      "TypeError",
      "ERR_INVALID_ARG_TYPE",
      'The "string" argument must be of type string or an instance of Buffer or ArrayBuffer. Received type number (5)',
    ]);
  });
});

describe("Buffer.from", () => {
  test("arrays, array-likes and typed arrays copy", () => {
    expect(hex(Buffer.from([1, 2, 300, -1, 1.5]))).toBe("01022cff01");
    expect(hex(Buffer.from({ length: 3, 0: 1, 2: 5 } as any))).toBe("010005");
    expect(hex(Buffer.from(new Uint16Array([258, 3])))).toBe("0203");
    const original = Buffer.from([1, 2]);
    const copy = Buffer.from(original);
    copy[0] = 9;
    expect(original[0]).toBe(1);
    expect(hex(Buffer.from({ type: "Buffer", data: [1, 2] } as any))).toBe("0102");
  });

  test("ArrayBuffer with offset and length shares memory", () => {
    const ab = new Uint8Array([1, 2, 3, 4, 5, 6]).buffer;
    const b = Buffer.from(ab, 1, 3);
    expect(hex(b)).toBe("020304");
    expect(b.buffer).toBe(ab);
    expect(b.byteOffset).toBe(1);
    new Uint8Array(ab)[1] = 9;
    expect(b[0]).toBe(9);
    expect(Buffer.from(ab, 4).length).toBe(2);
    expect(thrown(() => Buffer.from(ab, 7))).toEqual(["RangeError", "ERR_BUFFER_OUT_OF_BOUNDS", '"offset" is outside of buffer bounds']);
    expect(thrown(() => Buffer.from(ab, 1, 6))).toEqual(["RangeError", "ERR_BUFFER_OUT_OF_BOUNDS", '"length" is outside of buffer bounds']);
  });

  test("objects with valueOf or Symbol.toPrimitive", () => {
    expect(Buffer.from(new String("abc") as any).toString()).toBe("abc");
    expect(Buffer.from({ valueOf: () => "6162" } as any, "hex").toString()).toBe("ab");
    expect(Buffer.from({ [Symbol.toPrimitive]: () => "prim" } as any).toString()).toBe("prim");
  });

  test("rejects other values", () => {
    const message = "The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object.";
    expect(thrown(() => Buffer.from(5 as any))).toEqual(["TypeError", "ERR_INVALID_ARG_TYPE", `${message} Received type number (5)`]);
    expect(thrown(() => Buffer.from(null as any))).toEqual(["TypeError", "ERR_INVALID_ARG_TYPE", `${message} Received null`]);
    expect(thrown(() => Buffer.from({} as any))).toEqual(["TypeError", "ERR_INVALID_ARG_TYPE", `${message} Received an instance of Object`]);
  });

  test("of and copyBytesFrom", () => {
    expect(hex(Buffer.of(1, 2, 300))).toBe("01022c");
    expect(hex(Buffer.copyBytesFrom(new Uint16Array([1, 2, 3]), 1, 1))).toBe("0200");
    expect(Buffer.copyBytesFrom(new Uint16Array([1, 2, 3]), 5).length).toBe(0);
  });
});

describe("alloc", () => {
  test("alloc zero-fills or fills with a pattern", () => {
    expect(hex(Buffer.alloc(3))).toBe("000000");
    expect(Buffer.alloc(5, "ab").toString()).toBe("ababa");
    expect(hex(Buffer.alloc(3, "abc", "hex"))).toBe("ababab");
    expect(hex(Buffer.alloc(3, 258))).toBe("020202");
    expect(hex(Buffer.alloc(5, Buffer.from([1, 2])))).toBe("0102010201");
    expect(hex(Buffer.alloc(3, ""))).toBe("000000");
    expect(Buffer.allocUnsafe(10).length).toBe(10);
    expect(Buffer.allocUnsafeSlow(10).length).toBe(10);
    expect((SlowBuffer as any)(4).length).toBe(4);
  });

  test("size validation", () => {
    expect(thrown(() => Buffer.alloc("3" as any))).toEqual([
      "TypeError",
      "ERR_INVALID_ARG_TYPE",
      'The "size" argument must be of type number. Received type string (\'3\')',
    ]);
    const [name, code, message] = thrown(() => Buffer.alloc(-1));
    expect([name, code]).toEqual(["RangeError", "ERR_OUT_OF_RANGE"]);
    expect(message).toStartWith('The value of "size" is out of range. It must be >= 0 && <= ');
    expect(message).toEndWith(". Received -1");
    expect(thrown(() => Buffer.alloc(3, "zz", "hex"))).toEqual(["TypeError", "ERR_INVALID_ARG_VALUE", "The argument 'value' is invalid. Received 'zz'"]);
  });
});

describe("write", () => {
  test("returns bytes written and writes only whole characters", () => {
    const b = Buffer.alloc(4);
    expect(b.write("abcdef")).toBe(4);
    expect(b.toString()).toBe("abcd");
    expect(Buffer.alloc(2).write("aé")).toBe(1);
    expect(Buffer.alloc(3).write("abc", "ucs2")).toBe(2);
    expect(Buffer.alloc(2).write("aabbcc", "hex")).toBe(2);
    expect(Buffer.alloc(2).write("YWJj", "base64")).toBe(2);
    const c = Buffer.alloc(6, 0x2e);
    expect(c.write("xy", 2, "latin1")).toBe(2);
    expect(c.write("zzz", 4, 1)).toBe(1);
    expect(c.toString()).toBe("..xyz.");
    expect(Buffer.alloc(4).write("abzz", "hex")).toBe(1);
  });

  test("argument errors", () => {
    expect(thrown(() => Buffer.alloc(2).write("a", 3))).toEqual([
      "RangeError",
      "ERR_OUT_OF_RANGE",
      'The value of "offset" is out of range. It must be >= 0 && <= 2. Received 3',
    ]);
    expect(thrown(() => Buffer.alloc(2).write("a", 0, -1))).toEqual([
      "RangeError",
      "ERR_OUT_OF_RANGE",
      'The value of "length" is out of range. It must be >= 0 && <= 2. Received -1',
    ]);
    expect(thrown(() => Buffer.alloc(2).write("a", "bogus" as any))).toEqual(["TypeError", "ERR_UNKNOWN_ENCODING", "Unknown encoding: bogus"]);
  });
});

describe("fill", () => {
  test("numbers, strings with encodings, buffers", () => {
    expect(hex(Buffer.alloc(3).fill(-1))).toBe("ffffff");
    expect(hex(Buffer.alloc(3).fill(257.7))).toBe("010101");
    expect(hex(Buffer.alloc(3).fill(true as any))).toBe("010101");
    expect(hex(Buffer.alloc(3).fill("é"))).toBe("c3a9c3");
    expect(hex(Buffer.alloc(4).fill("6162", "hex"))).toBe("61626162");
    expect(hex(Buffer.alloc(5).fill("a", 1, 3))).toBe("0061610000");
    expect(hex(Buffer.alloc(4).fill("a", 2, "latin1" as any))).toBe("00006161");
    expect(hex(Buffer.alloc(3).fill(new Uint16Array([0x102]) as any))).toBe("020102");
    expect(hex(Buffer.alloc(3).fill("a", 5))).toBe("000000");
  });

  test("errors", () => {
    expect(thrown(() => Buffer.alloc(3).fill("a", 0, 1, 5 as any))).toEqual([
      "TypeError",
      "ERR_INVALID_ARG_TYPE",
      'The "encoding" argument must be of type string. Received type number (5)',
    ]);
    expect(thrown(() => Buffer.alloc(3).fill("a", 1, 5))).toEqual([
      "RangeError",
      "ERR_OUT_OF_RANGE",
      'The value of "end" is out of range. It must be >= 0 && <= 3. Received 5',
    ]);
    expect(thrown(() => Buffer.alloc(2).fill("a", 0, 1, "nope" as any))).toEqual(["TypeError", "ERR_UNKNOWN_ENCODING", "Unknown encoding: nope"]);
  });
});

describe("numbers", () => {
  const b = Buffer.from([0x01, 0x82, 0xff, 0x7f, 0x00, 0x80, 0xfe, 0x33, 0x44, 0x55]);

  test("integer reads", () => {
    expect(b.readUInt8(1)).toBe(0x82);
    expect(b.readInt8(1)).toBe(-126);
    expect(b.readUInt16LE(0)).toBe(0x8201);
    expect(b.readUInt16BE(0)).toBe(0x0182);
    expect(b.readInt16LE(1)).toBe(-126);
    expect(b.readInt16BE(2)).toBe(-129);
    expect(b.readUInt32LE(0)).toBe(0x7fff8201);
    expect(b.readUInt32BE(2)).toBe(0xff7f0080);
    expect(b.readInt32LE(3)).toBe(-25165697);
    expect(b.readInt32BE(2)).toBe(-8454016);
    expect(b.readUint16LE(0)).toBe(b.readUInt16LE(0));
    expect(b.readUIntLE(0, 3)).toBe(0xff8201);
    expect(b.readIntBE(1, 3)).toBe(-8192129);
    expect(b.readUIntBE(0, 6)).toBe(0x0182ff7f0080);
    expect(b.readIntLE(4, 6)).toBe(0x5544_33fe_8000);
    expect(b.readIntLE(0, 5)).toBe(0x00_7fff_8201);
    expect(b.readIntBE(5, 5)).toBe(-545491041195);
  });

  test("BigInt reads", () => {
    expect(b.readBigUInt64LE(0)).toBe(0x33fe80007fff8201n);
    expect(b.readBigUInt64BE(1)).toBe(0x82ff7f0080fe3344n);
    expect(b.readBigInt64BE(1)).toBe(-9007341089576832188n);
    expect(b.readBigInt64LE(2)).toBe(0x5544_33fe_8000_7fffn);
    expect(b.readBigUint64LE).toBe(b.readBigUInt64LE);
  });

  test("float reads and writes", () => {
    const f = Buffer.alloc(8);
    f.writeFloatLE(1.5, 0);
    expect(hex(f.subarray(0, 4))).toBe("0000c03f");
    expect(f.readFloatLE(0)).toBe(1.5);
    f.writeFloatBE(-2.5, 4);
    expect(hex(f.subarray(4))).toBe("c0200000");
    expect(f.readFloatBE(4)).toBe(-2.5);
    f.writeDoubleLE(Math.PI);
    expect(f.readDoubleLE()).toBe(Math.PI);
    expect(hex(f)).toBe("182d4454fb210940");
    f.writeDoubleBE(-0);
    expect(Object.is(f.readDoubleBE(0), -0)).toBe(true);
    expect(f.writeDoubleBE(1e308)).toBe(8);
  });

  test("integer writes return the next offset", () => {
    const w = Buffer.alloc(10, 0xcc);
    expect(w.writeUInt8(255, 0)).toBe(1);
    expect(w.writeInt8(-2, 1)).toBe(2);
    expect(w.writeUInt16BE(0x0102, 2)).toBe(4);
    expect(w.writeInt32LE(-2, 4)).toBe(8);
    expect(hex(w)).toBe("fffe0102feffffffcccc");
    expect(w.writeUIntLE(0x010203040506, 0, 6)).toBe(6);
    expect(hex(w.subarray(0, 6))).toBe("060504030201");
    expect(w.writeIntBE(-2, 0, 5)).toBe(5);
    expect(hex(w.subarray(0, 5))).toBe("fffffffffe");
    expect(w.writeUInt32LE(1.5 as any, 0)).toBe(4);
    expect(w.readUInt32LE(0)).toBe(1);
  });

  test("BigInt writes", () => {
    const w = Buffer.alloc(8);
    expect(w.writeBigInt64LE(-2n)).toBe(8);
    expect(hex(w)).toBe("feffffffffffffff");
    w.writeBigUInt64BE(0x0102030405060708n);
    expect(hex(w)).toBe("0102030405060708");
    w.writeBigUint64LE(7n);
    expect(w.readBigUInt64LE()).toBe(7n);
  });

  test("offset errors", () => {
    expect(thrown(() => b.readUInt32LE(7))).toEqual(["RangeError", "ERR_OUT_OF_RANGE", 'The value of "offset" is out of range. It must be >= 0 and <= 6. Received 7']);
    expect(thrown(() => b.readUInt8(-1))).toEqual(["RangeError", "ERR_OUT_OF_RANGE", 'The value of "offset" is out of range. It must be >= 0 and <= 9. Received -1']);
    expect(thrown(() => b.readUInt16LE(1.5))).toEqual(["RangeError", "ERR_OUT_OF_RANGE", 'The value of "offset" is out of range. It must be an integer. Received 1.5']);
    expect(thrown(() => b.readInt32BE("1" as any))).toEqual([
      "TypeError",
      "ERR_INVALID_ARG_TYPE",
      'The "offset" argument must be of type number. Received type string (\'1\')',
    ]);
    expect(thrown(() => Buffer.alloc(0).readUInt8(0))).toEqual(["RangeError", "ERR_BUFFER_OUT_OF_BOUNDS", "Attempt to access memory outside buffer bounds"]);
    expect(thrown(() => Buffer.alloc(4).readDoubleLE(0))).toEqual(["RangeError", "ERR_BUFFER_OUT_OF_BOUNDS", "Attempt to access memory outside buffer bounds"]);
    expect(thrown(() => b.readIntLE(0, 7))).toEqual(["RangeError", "ERR_OUT_OF_RANGE", 'The value of "byteLength" is out of range. It must be >= 1 and <= 6. Received 7']);
    expect(thrown(() => (b as any).readUIntBE(undefined, 2))).toEqual([
      "TypeError",
      "ERR_INVALID_ARG_TYPE",
      'The "offset" argument must be of type number. Received undefined',
    ]);
  });

  test("value range errors", () => {
    const w = Buffer.alloc(8);
    expect(thrown(() => w.writeUInt8(256, 0))).toEqual(["RangeError", "ERR_OUT_OF_RANGE", 'The value of "value" is out of range. It must be >= 0 and <= 255. Received 256']);
    expect(thrown(() => w.writeInt16BE(40000))).toEqual(["RangeError", "ERR_OUT_OF_RANGE", 'The value of "value" is out of range. It must be >= -32768 and <= 32767. Received 40000']);
    expect(thrown(() => w.writeUInt32LE(2 ** 32))).toEqual([
      "RangeError",
      "ERR_OUT_OF_RANGE",
      'The value of "value" is out of range. It must be >= 0 and <= 4294967295. Received 4294967296',
    ]);
    expect(thrown(() => w.writeUIntBE(2 ** 40, 0, 5))).toEqual([
      "RangeError",
      "ERR_OUT_OF_RANGE",
      'The value of "value" is out of range. It must be >= 0 and < 2 ** 40. Received 1_099_511_627_776',
    ]);
    expect(thrown(() => w.writeIntLE(2 ** 47, 0, 6))).toEqual([
      "RangeError",
      "ERR_OUT_OF_RANGE",
      'The value of "value" is out of range. It must be >= -(2 ** 47) and < 2 ** 47. Received 140_737_488_355_328',
    ]);
    expect(thrown(() => w.writeBigInt64BE(2n ** 63n))).toEqual([
      "RangeError",
      "ERR_OUT_OF_RANGE",
      'The value of "value" is out of range. It must be >= -(2n ** 63n) and < 2n ** 63n. Received 9_223_372_036_854_775_808n',
    ]);
    expect(thrown(() => w.writeBigUInt64LE(-1n))).toEqual(["RangeError", "ERR_OUT_OF_RANGE", 'The value of "value" is out of range. It must be >= 0n and < 2n ** 64n. Received -1n']);
    expect(thrown(() => w.writeDoubleLE(1, 1))).toEqual(["RangeError", "ERR_OUT_OF_RANGE", 'The value of "offset" is out of range. It must be >= 0 and <= 0. Received 1']);
  });
});

describe("compare, equals, search", () => {
  test("compare and equals", () => {
    const a = Buffer.from([1, 2, 3]);
    expect(Buffer.compare(a, Buffer.from([1, 2]))).toBe(1);
    expect(Buffer.compare(Buffer.from([1, 2]), a)).toBe(-1);
    expect(Buffer.compare(a, new Uint8Array([1, 2, 3]))).toBe(0);
    expect(a.compare(Buffer.from([0, 2, 3, 9]), 1, 3, 1)).toBe(0);
    expect(a.compare(Buffer.from([5]), 0, 0)).toBe(1);
    expect(a.equals(new Uint8Array([1, 2, 3]))).toBe(true);
    expect(a.equals(Buffer.from([1, 2]))).toBe(false);
    expect(thrown(() => a.equals("a" as any))).toEqual([
      "TypeError",
      "ERR_INVALID_ARG_TYPE",
      'The "otherBuffer" argument must be an instance of Buffer or Uint8Array. Received type string (\'a\')',
    ]);
  });

  test("indexOf / lastIndexOf / includes", () => {
    const b = Buffer.from("abcabc€");
    expect(b.indexOf("bc")).toBe(1);
    expect(b.indexOf("bc", 2)).toBe(4);
    expect(b.indexOf("bc", -3)).toBe(-1);
    expect(b.indexOf("bc", -5)).toBe(4);
    expect(b.lastIndexOf("bc")).toBe(4);
    expect(b.lastIndexOf("bc", 3)).toBe(1);
    expect(b.lastIndexOf("abc", -100)).toBe(-1);
    expect(b.indexOf("€")).toBe(6);
    expect(b.indexOf(0x63)).toBe(2);
    expect(b.indexOf(0x63 + 256)).toBe(2);
    expect(b.indexOf(Buffer.from("ca"))).toBe(2);
    expect(b.indexOf(new Uint8Array([0x61]), 1)).toBe(3);
    expect(b.indexOf("")).toBe(0);
    expect(b.indexOf("", 100)).toBe(9);
    expect(b.indexOf("6361", "hex")).toBe(2);
    expect(b.indexOf("Y2E=", 0, "base64")).toBe(2);
    expect(b.includes("cab")).toBe(true);
    expect(b.includes("cab", 4)).toBe(false);
    const u = Buffer.from("abcabc", "ucs2");
    expect(u.indexOf("c", 0, "ucs2")).toBe(4);
    expect(u.lastIndexOf("bc", undefined, "utf16le")).toBe(8);
    expect(thrown(() => b.indexOf({} as any))).toEqual([
      "TypeError",
      "ERR_INVALID_ARG_TYPE",
      'The "value" argument must be one of type number or string or an instance of Buffer or Uint8Array. Received an instance of Object',
    ]);
    expect(thrown(() => b.indexOf("a", 0, "nope" as any))).toEqual(["TypeError", "ERR_UNKNOWN_ENCODING", "Unknown encoding: nope"]);
  });
});

describe("copy and concat", () => {
  test("copy clips to both buffers and handles overlap", () => {
    const src = Buffer.from([1, 2, 3, 4, 5]);
    const dst = Buffer.alloc(4);
    expect(src.copy(dst, 1)).toBe(3);
    expect(hex(dst)).toBe("00010203");
    expect(src.copy(dst, 0, 3)).toBe(2);
    expect(hex(dst)).toBe("04050203");
    expect(src.copy(dst, 0, 1.5, 3)).toBe(2);
    expect(hex(dst)).toBe("02030203");
    const same = Buffer.from([1, 2, 3, 4, 5, 6]);
    same.copy(same, 2, 0, 4);
    expect(hex(same)).toBe("010201020304");
    expect(thrown(() => src.copy(dst, -1))).toEqual(["RangeError", "ERR_OUT_OF_RANGE", 'The value of "targetStart" is out of range. It must be >= 0. Received -1']);
    expect(thrown(() => src.copy(dst, 0, 6))).toEqual([
      "RangeError",
      "ERR_OUT_OF_RANGE",
      'The value of "sourceStart" is out of range. It must be >= 0 && <= 5. Received 6',
    ]);
  });

  test("concat", () => {
    const parts = [Buffer.from("ab"), new Uint8Array([0x63])];
    expect(Buffer.concat(parts).toString()).toBe("abc");
    expect(Buffer.concat(parts, 2).toString()).toBe("ab");
    expect(hex(Buffer.concat(parts, 5))).toBe("6162630000");
    expect(Buffer.concat([]).length).toBe(0);
    expect(thrown(() => Buffer.concat([Buffer.alloc(1), "x" as any]))).toEqual([
      "TypeError",
      "ERR_INVALID_ARG_TYPE",
      'The "list[1]" argument must be an instance of Buffer or Uint8Array. Received type string (\'x\')',
    ]);
    expect(thrown(() => Buffer.concat("x" as any))).toEqual([
      "TypeError",
      "ERR_INVALID_ARG_TYPE",
      'The "list" argument must be an instance of Array. Received type string (\'x\')',
    ]);
  });
});

describe("misc methods", () => {
  test("swap16/32/64", () => {
    expect(hex(Buffer.from([1, 2, 3, 4]).swap16())).toBe("02010403");
    expect(hex(Buffer.from([1, 2, 3, 4]).swap32())).toBe("04030201");
    expect(hex(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]).swap64())).toBe("0807060504030201");
    expect(thrown(() => Buffer.alloc(3).swap16())).toEqual(["RangeError", "ERR_INVALID_BUFFER_SIZE", "Buffer size must be a multiple of 16-bits"]);
    expect(thrown(() => Buffer.alloc(6).swap64())).toEqual(["RangeError", "ERR_INVALID_BUFFER_SIZE", "Buffer size must be a multiple of 64-bits"]);
  });

  test("toJSON, keys, values, entries", () => {
    expect(JSON.stringify(Buffer.from("ab"))).toBe('{"type":"Buffer","data":[97,98]}');
    expect(Buffer.alloc(0).toJSON()).toEqual({ type: "Buffer", data: [] });
    expect([...Buffer.from("ab").keys()]).toEqual([0, 1]);
    expect([...Buffer.from("ab").values()]).toEqual([97, 98]);
    expect([...Buffer.from("ab").entries()]).toEqual([
      [0, 97],
      [1, 98],
    ]);
  });

  test("raw per-encoding methods and aliases", () => {
    const b = Buffer.from("héllo") as any;
    expect(b.latin1Slice(0, 3)).toBe("hÃ©");
    expect(b.hexSlice(1, 3)).toBe("c3a9");
    expect(b.utf8Slice()).toBe("héllo");
    expect(b.base64Slice(0, 2)).toBe("aMM=");
    expect(thrown(() => b.utf8Slice(2, 10))).toEqual(["RangeError", "ERR_OUT_OF_RANGE", "Index out of range"]);
    const w = Buffer.alloc(4) as any;
    expect(w.utf8Write("abcdef", 1)).toBe(3);
    expect(w.hexWrite("ffee", 0, 1)).toBe(1);
    expect(hex(w)).toBe("ff616263");
    expect(b.toLocaleString("hex")).toBe(b.toString("hex"));
    const view = Buffer.from(new ArrayBuffer(8), 2, 3) as any;
    expect(view.offset).toBe(2);
    expect(view.parent.byteLength).toBe(8);
  });

  test("custom inspection", () => {
    expect((Buffer.from("hi") as any)[inspectCustom]()).toBe("<Buffer 68 69>");
    expect((Buffer.alloc(0) as any)[inspectCustom]()).toBe("<Buffer >");
    const long = (Buffer.alloc(52) as any)[inspectCustom]();
    expect(long).toEndWith("00 ... 2 more bytes>");
    expect((Buffer.alloc(51) as any)[inspectCustom]()).toEndWith(" ... 1 more byte>");
    (bufferModule as any).INSPECT_MAX_BYTES = 3;
    try {
      expect((Buffer.from("abcdef") as any)[inspectCustom]()).toBe("<Buffer 61 62 63 ... 3 more bytes>");
      expect((bufferModule as any).INSPECT_MAX_BYTES).toBe(3);
    } finally {
      (bufferModule as any).INSPECT_MAX_BYTES = 50;
    }
  });
});

describe("isUtf8, isAscii, transcode", () => {
  test("isUtf8 and isAscii", () => {
    expect(isUtf8(Buffer.from("héllo"))).toBe(true);
    expect(isUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(false);
    expect(isUtf8(new Uint8Array([0xc3]).buffer)).toBe(false);
    expect(isAscii(Buffer.from("abc"))).toBe(true);
    expect(isAscii(new Uint8Array([0x80]))).toBe(false);
  });

  test("transcode between utf8, ucs2, latin1, ascii", () => {
    const source = Buffer.from("aé€😀");
    expect(hex(transcode(source, "utf8", "ucs2"))).toBe("6100e900ac203dd800de");
    expect(hex(transcode(source, "utf8", "latin1"))).toBe("61e93f3f");
    expect(hex(transcode(source, "utf8", "ascii"))).toBe("613f3f3f");
    expect(hex(transcode(Buffer.from([0x61, 0xff]), "latin1", "utf8"))).toBe("61c3bf");
    expect(hex(transcode(Buffer.from([0x61, 0x80]), "binary", "utf16le"))).toBe("61008000");
    expect(transcode(Buffer.alloc(0), "utf8", "ucs2").length).toBe(0);
    expect(thrown(() => transcode(Buffer.from([0x61, 0xc3]), "utf8", "ucs2"))).toEqual(["Error", "U_INVALID_CHAR_FOUND", "Unable to transcode Buffer [U_INVALID_CHAR_FOUND]"]);
    expect(thrown(() => transcode(Buffer.from("a"), "hex" as any, "utf8"))).toEqual([
      "Error",
      "U_ILLEGAL_ARGUMENT_ERROR",
      "Unable to transcode Buffer [U_ILLEGAL_ARGUMENT_ERROR]",
    ]);
  });
});

describe("atob and btoa", () => {
  test("round trips and forgiving decoding", () => {
    expect(btoa("hello")).toBe("aGVsbG8=");
    expect(btoa("\u00ff\u0000")).toBe("/wA=");
    expect(atob("aGVsbG8=")).toBe("hello");
    expect(atob(" aGVs bG8 ")).toBe("hello");
    expect(atob("YQ")).toBe("a");
    expect(atob("Y Q = =")).toBe("a");
  });

  test("InvalidCharacterError for malformed input", () => {
    for (const input of ["YQ=", "Y===", "YQ==YQ==", "!", "-_", "YQ\u00e9", "Y"]) {
      const [name, code] = thrown(() => atob(input));
      expect([name, code]).toEqual(["InvalidCharacterError", 5 as any]);
    }
    expect(thrown(() => btoa("\u0100"))[0]).toBe("InvalidCharacterError");
  });
});

describe("Blob and File", () => {
  test("Blob from parts", async () => {
    const blob = new Blob(["ab", new Uint8Array([1, 2]), new Blob(["x"]), 5 as any], { type: "Text/Plain" });
    expect(blob.size).toBe(6);
    expect(blob.type).toBe("text/plain");
    expect(Object.prototype.toString.call(blob)).toBe("[object Blob]");
    expect(hex(new Uint8Array(await blob.arrayBuffer()))).toBe("616201027835");
    expect(await new Blob(["\ufeffa", "é"]).text()).toBe("aé");
    const bytes = await new Blob(["é"]).bytes();
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(hex(bytes)).toBe("c3a9");
    expect(new Blob([], { type: "a\u0100" }).type).toBe("");
  });

  test("slice", async () => {
    const blob = new Blob(["abcdef"], { type: "x" });
    const part = blob.slice(-3, -1, "X/Y");
    expect(part.size).toBe(2);
    expect(part.type).toBe("x/y");
    expect(await part.text()).toBe("de");
    expect(await blob.slice(2).text()).toBe("cdef");
    expect(blob.slice(3, 1).size).toBe(0);
    expect(blob.slice().type).toBe("");
  });


  test("stream() reads the bytes in chunks, or says it is unavailable", async () => {
    const blob = new Blob([new Uint8Array(150000).fill(7), "end"]);
    if (typeof globalThis.ReadableStream !== "function") {
      expect(() => blob.stream()).toThrow("ReadableStream");
      return;
    }
    const chunks: Uint8Array[] = [];
    for await (const chunk of blob.stream() as any) chunks.push(chunk);
    const all = Buffer.concat(chunks);
    expect(all.length).toBe(150003);
    expect(all.toString("latin1", 149999)).toBe("\u0007end");
  });

  test("File", async () => {
    const file = new File(["ab"], "n.txt", { type: "T", lastModified: 5 });
    expect(file).toBeInstanceOf(Blob);
    expect(file.name).toBe("n.txt");
    expect(file.lastModified).toBe(5);
    expect(file.size).toBe(2);
    expect(file.type).toBe("t");
    expect(await file.text()).toBe("ab");
    expect(new File([], 5 as any).name).toBe("5");
    expect(new File([], "a", { lastModified: "x" as any }).lastModified).toBe(0);
    expect(typeof new File([], "a").lastModified).toBe("number");
  });
});

// Node 20's messages and checks where Bun 1.x differs (Bun's own wording in the comments).
describe("Node-specific errors (Bun differs)", () => {
  test("copyBytesFrom needs a TypedArray", () => {
    // Bun: 'The "view" argument must be of type TypedArray. ...'
    expect(thrown(() => Buffer.copyBytesFrom([1] as any))).toEqual([
      "TypeError",
      "ERR_INVALID_ARG_TYPE",
      'The "view" argument must be an instance of TypedArray. Received an instance of Array',
    ]);
  });

  test("write of a non-string", () => {
    // Bun: 'The "string" argument must be of type string. Received type number (5)'
    expect(thrown(() => Buffer.alloc(2).write(5 as any))).toEqual(["TypeError", "ERR_INVALID_ARG_TYPE", "argument must be a string"]);
  });

  test("fill with an empty Buffer", () => {
    // Bun: "Buffer cannot be empty"
    expect(thrown(() => Buffer.alloc(3).fill(Buffer.alloc(0)))).toEqual(["TypeError", "ERR_INVALID_ARG_VALUE", "The argument 'value' is invalid. Received <Buffer >"]);
  });

  test("compare range messages use &&", () => {
    // Bun: "It must be >= 0 and <= 3"
    const a = Buffer.from([1, 2, 3]);
    expect(thrown(() => a.compare(a, 0, 4))).toEqual([
      "RangeError",
      "ERR_OUT_OF_RANGE",
      'The value of "targetEnd" is out of range. It must be >= 0 && <= 3. Received 4',
    ]);
  });

  test("isAscii of a string", () => {
    // Bun: "First argument must be an ArrayBufferView"
    expect(thrown(() => isAscii("a" as any))).toEqual([
      "TypeError",
      "ERR_INVALID_ARG_TYPE",
      'The "input" argument must be an instance of ArrayBuffer, Buffer, or TypedArray. Received type string (\'a\')',
    ]);
  });

  test("atob/btoa messages", () => {
    // Bun: "The string contains invalid characters." for all of these, and a plain TypeError
    // "atob requires 1 argument (a string)".
    for (const input of ["YQ=", "Y===", "YQ==YQ==", "!", "-_", "YQ\u00e9"]) {
      expect(thrown(() => atob(input))).toEqual(["InvalidCharacterError", 5 as any, "Invalid character"]);
    }
    expect(thrown(() => atob("Y"))).toEqual(["InvalidCharacterError", 5 as any, "The string to be decoded is not correctly encoded."]);
    expect(thrown(() => btoa("\u0100"))).toEqual(["InvalidCharacterError", 5 as any, "Invalid character"]);
    expect(thrown(() => (atob as any)())).toEqual(["TypeError", "ERR_MISSING_ARGS", 'The "input" argument must be specified']);
  });

  test("Blob native line endings", () => {
    // Bun keeps "\r\n" (size 4).
    expect(new Blob(["a\r\nb"], { endings: "native" }).size).toBe(3);
  });

  test("Blob argument validation", async () => {
    // Bun: "new Blob() expects an Array", and it accepts a number as options.
    expect(thrown(() => new Blob("ab" as any))).toEqual([
      "TypeError",
      "ERR_INVALID_ARG_TYPE",
      'The "sources" argument must be a sequence. Received type string (\'ab\')',
    ]);
    expect(thrown(() => new Blob([], 5 as any))).toEqual([
      "TypeError",
      "ERR_INVALID_ARG_TYPE",
      'The "options" argument must be a dictionary. Received type number (5)',
    ]);
    expect(thrown(() => new Blob([], { endings: "x" as any }))).toEqual(["TypeError", "ERR_INVALID_ARG_VALUE", "The property 'options.endings' is invalid. Received 'x'"]);
    const sizeGetter = Object.getOwnPropertyDescriptor(Blob.prototype, "size")!.get!;
    expect(thrown(() => sizeGetter.call({}))).toEqual(["TypeError", "ERR_INVALID_THIS", 'Value of "this" must be of type Blob']);
    await expect(Blob.prototype.text.call({})).rejects.toMatchObject({ code: "ERR_INVALID_THIS" });
  });

  test("File tag and missing arguments", () => {
    // Bun: "[object Blob]", and 'new File(bits, name) expects at least 2 arguments'.
    expect(Object.prototype.toString.call(new File([], "a"))).toBe("[object File]");
    expect(thrown(() => new (File as any)(["ab"]))).toEqual([
      "TypeError",
      "ERR_MISSING_ARGS",
      'The "fileBits" and "fileName" arguments must be specified',
    ]);
  });
});
