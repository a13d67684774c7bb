import { describe, test, expect } from "bun:test";
import { StringDecoder } from "node:string_decoder";
import stringDecoder from "node:string_decoder";

const bytes = (...values: number[]) => Buffer.from(values);

function errorOf(f: () => unknown) {
  try {
    f();
  } catch (e: any) {
    return { name: e.name, code: e.code, message: e.message };
  }
  return null;
}

describe("StringDecoder: module and encodings", () => {
  test("the default export carries StringDecoder", () => {
    expect(stringDecoder.StringDecoder).toBe(StringDecoder);
  });
  test("encoding names are normalized", () => {
    expect(new StringDecoder().encoding).toBe("utf8");
    expect(new StringDecoder("UTF-8").encoding).toBe("utf8");
    expect(new StringDecoder("ucs2").encoding).toBe("utf16le");
    expect(new StringDecoder("UTF-16LE").encoding).toBe("utf16le");
    expect(new StringDecoder("binary").encoding).toBe("latin1");
    expect(new StringDecoder("Base64url").encoding).toBe("base64url");
    expect(new StringDecoder(null as any).encoding).toBe("utf8");
  });
  test("an unknown encoding throws ERR_UNKNOWN_ENCODING", () => {
    expect(errorOf(() => new StringDecoder("nope" as any))).toEqual({
      name: "TypeError",
      code: "ERR_UNKNOWN_ENCODING",
      message: "Unknown encoding: nope",
    });
    expect(errorOf(() => new StringDecoder(5 as any))?.message).toBe("Unknown encoding: 5");
    expect(errorOf(() => new StringDecoder("constructor" as any))?.code).toBe("ERR_UNKNOWN_ENCODING");
  });
});

describe("StringDecoder: utf8", () => {
  test("a character split across writes waits for its last byte", () => {
    const d = new StringDecoder("utf8");
    expect(d.write(bytes(0x61, 0xe2))).toBe("a");
    expect(d.write(bytes(0x82))).toBe("");
    expect(d.write(bytes(0xac, 0x62))).toBe("€b");
    expect(d.end()).toBe("");
  });
  test("four-byte characters byte by byte", () => {
    const d = new StringDecoder();
    const out = [0xf0, 0x9f, 0x98, 0x80].map((b) => d.write(bytes(b)));
    expect(out).toEqual(["", "", "", "😀"]);
  });
  test("end() turns an unfinished character into U+FFFD", () => {
    const d = new StringDecoder("utf8");
    expect(d.write(bytes(0xe2, 0x82))).toBe("");
    expect(d.end()).toBe("\ufffd");
    expect(d.end()).toBe("");
    expect(new StringDecoder().end(bytes(0x61, 0xf0, 0x9f))).toBe("a\ufffd");
  });
  test("a non-continuation byte ends the unfinished character", () => {
    const d = new StringDecoder("utf8");
    expect(d.write(bytes(0xe2))).toBe("");
    expect(d.write(bytes(0x41))).toBe("\ufffdA");
    expect(d.write(bytes(0xe2, 0x82, 0x41))).toBe("\ufffdA");
  });
  test("invalid bytes decode as U+FFFD without being held back", () => {
    const d = new StringDecoder();
    expect(d.write(bytes(0xff, 0x61))).toBe("\ufffda");
    expect(d.write(bytes(0x80))).toBe("\ufffd");
    expect(d.lastNeed).toBe(0);
  });
  test("lastNeed, lastTotal and lastChar describe the held character", () => {
    const d = new StringDecoder("utf8");
    d.write(bytes(0xf0, 0x9f));
    expect(d.lastNeed).toBe(2);
    expect(d.lastTotal).toBe(4);
    expect(d.lastChar).toHaveLength(4);
    expect([...d.lastChar.subarray(0, 2)]).toEqual([0xf0, 0x9f]);
  });
  test("strings pass through; typed arrays and DataViews are read as bytes", () => {
    const d = new StringDecoder();
    expect(d.write("already text" as any)).toBe("already text");
    expect(d.write(new Uint8Array([0xc3, 0xa9]))).toBe("é");
    const view = new DataView(new Uint8Array([0x00, 0xe2, 0x82, 0xac]).buffer, 1, 3);
    expect(d.write(view)).toBe("€");
  });
  // Bun keeps the held byte and returns "\ufffdyz"; Node forgets it.
  test("text() decodes from an offset and forgets a held character", () => {
    const d = new StringDecoder();
    d.write(bytes(0xe2));
    expect(d.text(Buffer.from("xyz"), 1)).toBe("yz");
    expect(d.end()).toBe("");
  });
});

describe("StringDecoder: utf16le", () => {
  test("an odd byte waits for its pair", () => {
    const d = new StringDecoder("utf16le");
    expect(d.write(bytes(0x61))).toBe("");
    expect(d.write(bytes(0x00, 0x62, 0x00))).toBe("ab");
  });
  test("a high surrogate waits for its low surrogate", () => {
    const d = new StringDecoder("utf16le");
    expect(d.write(bytes(0x3d, 0xd8))).toBe("");
    expect(d.lastNeed).toBe(2);
    expect(d.write(bytes(0x00, 0xde))).toBe("😀");
  });
  test("end() drops a single byte and returns a lone high surrogate", () => {
    const d = new StringDecoder("utf16le");
    expect(d.write(bytes(0x61, 0x00, 0x62))).toBe("a");
    expect(d.end()).toBe("");
    const e = new StringDecoder("ucs2");
    e.write(bytes(0x3d, 0xd8));
    expect(e.end()).toBe("\ud83d");
  });
});

describe("StringDecoder: base64, hex, latin1, ascii", () => {
  test("base64 emits whole 3-byte groups and pads the rest at end()", () => {
    const d = new StringDecoder("base64");
    expect(d.write(bytes(1, 2, 3, 4))).toBe("AQID");
    expect(d.lastNeed).toBe(2);
    expect(d.write(bytes(5))).toBe("");
    expect(d.end()).toBe("BAU=");
  });
  test("base64url has no padding", () => {
    const d = new StringDecoder("base64url");
    expect(d.end(bytes(0xfb, 0xff, 0xfe, 1))).toBe("-__-AQ");
  });
  test("hex, latin1 and ascii hold nothing back", () => {
    expect(new StringDecoder("hex").write(bytes(0xab, 0x01))).toBe("ab01");
    const latin1 = new StringDecoder("latin1");
    expect(latin1.write(bytes(0xe9))).toBe("é");
    expect(latin1.end()).toBe("");
    // Node's ascii clears the high bit.
    expect(new StringDecoder("ascii").write(bytes(0xe9, 0x41))).toBe("iA");
  });
});

// Node's messages; Bun words both differently ("must be of type Buffer, ...", "Can only call ...").
describe("StringDecoder: argument errors", () => {
  test("write() takes only strings, Buffers, TypedArrays and DataViews", () => {
    expect(errorOf(() => new StringDecoder().write(5 as any))).toEqual({
      name: "TypeError",
      code: "ERR_INVALID_ARG_TYPE",
      message: 'The "buf" argument must be an instance of Buffer, TypedArray, or DataView. Received type number (5)',
    });
    expect(errorOf(() => new StringDecoder().write(new ArrayBuffer(2) as any))?.message).toBe(
      'The "buf" argument must be an instance of Buffer, TypedArray, or DataView. Received an instance of ArrayBuffer',
    );
    expect(errorOf(() => new StringDecoder().end(null as any))?.code).toBe("ERR_INVALID_ARG_TYPE");
  });
  test("methods called on another object throw ERR_INVALID_THIS", () => {
    expect(errorOf(() => StringDecoder.prototype.write.call({}, Buffer.from("a")))).toEqual({
      name: "TypeError",
      code: "ERR_INVALID_THIS",
      message: 'Value of "this" must be of type StringDecoder',
    });
  });
});
