// TextEncoder/TextDecoder (WHATWG Encoding). Error messages and codes are Node 20's; Bun 1.4.5
// words three of them differently (encodeInto dest, decode input, unknown label).
import { describe, expect, test } from "bun:test";

const bytes = (...b: number[]) => new Uint8Array(b);

describe("TextEncoder", () => {
  test("encodes UTF-8, lone surrogates as U+FFFD", () => {
    const e = new TextEncoder();
    expect(e.encoding).toBe("utf-8");
    expect(Array.from(e.encode("hé€😀"))).toEqual([104, 195, 169, 226, 130, 172, 240, 159, 152, 128]);
    expect(Array.from(e.encode("a\ud800b"))).toEqual([97, 239, 191, 189, 98]);
    expect(e.encode().length).toBe(0);
    expect(e.encode(undefined).length).toBe(0);
    expect(Array.from(e.encode(12 as any))).toEqual([49, 50]);
    expect(e.encode("x")).toBeInstanceOf(Uint8Array);
  });
  test("encodeInto writes whole characters and counts UTF-16 units read", () => {
    const e = new TextEncoder();
    const dest = new Uint8Array(5);
    expect(e.encodeInto("a€😀", dest)).toEqual({ read: 2, written: 4 });
    expect(Array.from(dest.subarray(0, 4))).toEqual([97, 226, 130, 172]);
    const big = new Uint8Array(8);
    expect(e.encodeInto("a😀b", big)).toEqual({ read: 4, written: 6 });
    expect(() => e.encodeInto("a", [] as any)).toThrow('The "dest" argument must be an instance of Uint8Array. Received an instance of Array');
  });
});

describe("TextDecoder", () => {
  test("labels map to WHATWG encodings; unknown labels throw RangeError", () => {
    expect(new TextDecoder().encoding).toBe("utf-8");
    expect(new TextDecoder("UTF8").encoding).toBe("utf-8");
    expect(new TextDecoder(" latin1 ").encoding).toBe("windows-1252");
    expect(new TextDecoder("ascii").encoding).toBe("windows-1252");
    expect(new TextDecoder("utf-16").encoding).toBe("utf-16le");
    expect(new TextDecoder("sjis").encoding).toBe("shift_jis");
    expect(new TextDecoder("gbk").encoding).toBe("gbk");
    let error: any;
    try {
      new TextDecoder("nope");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RangeError);
    expect(error.code).toBe("ERR_ENCODING_NOT_SUPPORTED");
    // Bun 1.4.5 words it `Unsupported encoding label "nope"`; this is Node's message.
    expect(error.message).toBe('The "nope" encoding is not supported');
  });
  test("decodes every kind of buffer; no argument gives the empty string", () => {
    const d = new TextDecoder();
    const data = new TextEncoder().encode("héllo");
    expect(d.decode(data)).toBe("héllo");
    expect(d.decode(data.buffer)).toBe("héllo");
    expect(d.decode(new DataView(data.buffer, 1))).toBe("éllo");
    expect(d.decode(new Uint16Array(new Uint8Array([104, 105]).buffer))).toBe("hi");
    expect(d.decode()).toBe("");
    expect(d.decode(undefined)).toBe("");
    expect(() => d.decode("text" as any)).toThrow('The "list" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.');
  });
  test("invalid input becomes U+FFFD, or throws when fatal", () => {
    expect(new TextDecoder().decode(bytes(104, 0xe9, 0xff))).toBe("h\ufffd\ufffd");
    const fatal = new TextDecoder("utf-8", { fatal: true });
    expect(fatal.fatal).toBe(true);
    let error: any;
    try {
      fatal.decode(bytes(0xff));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe("ERR_ENCODING_INVALID_ENCODED_DATA");
    // After a fatal error the decoder starts afresh.
    expect(fatal.decode(bytes(0x61))).toBe("a");
  });
  test("the BOM is removed unless ignoreBOM", () => {
    const withBom = bytes(0xef, 0xbb, 0xbf, 0x61);
    expect(new TextDecoder().decode(withBom)).toBe("a");
    const keep = new TextDecoder("utf-8", { ignoreBOM: true });
    expect(keep.ignoreBOM).toBe(true);
    expect(keep.decode(withBom)).toBe("\ufeffa");
    expect(new TextDecoder("utf-16le").decode(bytes(0xff, 0xfe, 0x68, 0x00))).toBe("h");
  });
  test("{ stream: true } keeps a split character for the next call", () => {
    const d = new TextDecoder();
    expect(d.decode(bytes(0xe2, 0x82), { stream: true })).toBe("");
    expect(d.decode(bytes(0xac), { stream: true })).toBe("€");
    expect(d.decode(bytes(0xf0, 0x9f), { stream: true })).toBe("");
    // The end of the stream with a character still incomplete gives U+FFFD.
    expect(d.decode()).toBe("\ufffd");
    const u16 = new TextDecoder("utf-16le");
    expect(u16.decode(bytes(0x68), { stream: true })).toBe("");
    expect(u16.decode(bytes(0x00, 0x69, 0x00))).toBe("hi");
  });
  test("legacy single-byte and multi-byte encodings", () => {
    expect(new TextDecoder("windows-1252").decode(bytes(0x80, 0xe9))).toBe("€é");
    expect(new TextDecoder("iso-8859-2").decode(bytes(0xa1))).toBe("Ą");
    expect(new TextDecoder("shift_jis").decode(bytes(0x82, 0xa0))).toBe("あ");
    expect(new TextDecoder("euc-kr").decode(bytes(0xb0, 0xa1))).toBe("가");
  });
  test("options must be an object", () => {
    expect(() => new TextDecoder("utf-8", 5 as any)).toThrow('The "options" argument must be of type object. Received type number (5)');
    expect(() => new TextDecoder().decode(bytes(65), 5 as any)).toThrow('The "options" argument must be of type object. Received type number (5)');
    expect(new TextDecoder("utf-8", null as any).fatal).toBe(false);
  });
  test("arguments convert as WebIDL says: labels and options coerced, null is not a buffer", () => {
    // Options are read with ToBoolean, the label with ToString (as in Node and Bun).
    const d = new TextDecoder({ toString: () => "latin1" } as any, { fatal: 1, ignoreBOM: "yes" } as any);
    expect([d.encoding, d.fatal, d.ignoreBOM]).toEqual(["windows-1252", true, true]);
    expect(new TextDecoder(undefined, {}).encoding).toBe("utf-8");
    expect(() => new TextDecoder().decode(null as any)).toThrow('The "list" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.');
    const split = new TextEncoder().encode("€");
    const s = new TextDecoder();
    expect(s.decode(split.subarray(0, 1), { stream: "on" } as any) + s.decode(split.subarray(1))).toBe("€");
    const e = new TextEncoder();
    expect(Array.from(e.encode(null as any))).toEqual([110, 117, 108, 108]);
    expect(() => e.encode(Symbol() as any)).toThrow(TypeError);
    expect(e.encodeInto(5 as any, new Uint8Array(2))).toEqual({ read: 1, written: 1 });
    expect(e.encode.length).toBe(0);
    expect(e.encodeInto.length).toBe(2);
    expect(TextDecoder.length).toBe(0);
  });
  test("a getter of the options that detaches the input leaves nothing to decode", () => {
    const d = new TextDecoder();
    const data = new TextEncoder().encode("abc");
    const options = {
      get stream() {
        (data.buffer as any).transfer();
        return false;
      },
    };
    expect(d.decode(data, options)).toBe("");
  });
});
