// node:zlib: round trips through every format, data made by Node's zlib (fixed vectors),
// options, callback forms, and zlib's error codes.
import { describe, expect, test } from "bun:test";
import zlib from "node:zlib";

const input = Buffer.from("hello hello hello hello zlib ".repeat(50));
// "hello world" compressed by Node 20's zlib.
const NODE = {
  deflate: "eJzLSM3JyVcozy/KSQEAGgsEXQ==",
  gzip: "H4sIAAAAAAAAA8tIzcnJVyjPL8pJAQCFEUoNCwAAAA==",
  brotli: "CwWAaGVsbG8gd29ybGQD",
  deflateRaw: "y0jNyclXKM8vykkBAA==",
};

function errorOf(f: () => unknown) {
  try {
    f();
  } catch (e: any) {
    return { name: e.name, code: e.code, errno: e.errno };
  }
  return null;
}

describe("sync functions", () => {
  const pairs = [
    ["deflateSync", "inflateSync"],
    ["gzipSync", "gunzipSync"],
    ["deflateRawSync", "inflateRawSync"],
    ["brotliCompressSync", "brotliDecompressSync"],
    ["gzipSync", "unzipSync"],
    ["deflateSync", "unzipSync"],
  ] as const;
  for (const [c, d] of pairs) {
    test(`${c} → ${d} round-trips and compresses`, () => {
      const z = (zlib as any)[c](input);
      expect(z.length).toBeLessThan(input.length / 5);
      expect((zlib as any)[d](z).equals(input)).toBe(true);
    });
  }

  test("decompresses what Node's zlib made", () => {
    expect(zlib.inflateSync(Buffer.from(NODE.deflate, "base64")).toString()).toBe("hello world");
    expect(zlib.gunzipSync(Buffer.from(NODE.gzip, "base64")).toString()).toBe("hello world");
    expect(zlib.brotliDecompressSync(Buffer.from(NODE.brotli, "base64")).toString()).toBe("hello world");
    expect(zlib.inflateRawSync(Buffer.from(NODE.deflateRaw, "base64")).toString()).toBe("hello world");
  });

  test("gzip output has the gzip magic; deflate has a zlib header", () => {
    const g = zlib.gzipSync("x");
    expect([g[0], g[1]]).toEqual([0x1f, 0x8b]);
    expect(zlib.deflateSync("x")[0]).toBe(0x78);
  });

  test("inputs: strings, TypedArrays, ArrayBuffers; concatenated gzip members", () => {
    expect(zlib.gunzipSync(zlib.gzipSync("text")).toString()).toBe("text");
    expect(zlib.inflateSync(zlib.deflateSync(new Uint8Array([1, 2, 3])))).toEqual(Buffer.from([1, 2, 3]));
    expect(zlib.inflateSync(zlib.deflateSync(new Uint8Array([4, 5]).buffer))).toEqual(Buffer.from([4, 5]));
    const two = Buffer.concat([zlib.gzipSync("ab"), zlib.gzipSync("cd")]);
    expect(zlib.gunzipSync(two).toString()).toBe("abcd");
  });

  test("levels: 0 stores, 9 compresses at least as well as 1", () => {
    const stored = zlib.deflateSync(input, { level: 0 });
    expect(stored.length).toBeGreaterThan(input.length);
    expect(zlib.deflateSync(input, { level: 9 }).length).toBeLessThanOrEqual(zlib.deflateSync(input, { level: 1 }).length);
    expect(zlib.inflateSync(stored).equals(input)).toBe(true);
  });

  test("errors carry zlib's code and errno", () => {
    expect(errorOf(() => zlib.inflateSync(Buffer.from("not zlib data")))).toMatchObject({ name: "Error", code: "Z_DATA_ERROR", errno: -3 });
    expect(errorOf(() => zlib.gunzipSync(zlib.gzipSync(input).subarray(0, 20)))).toMatchObject({ code: "Z_BUF_ERROR", errno: -5 });
    expect(errorOf(() => zlib.deflateSync(5 as any))?.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(errorOf(() => zlib.deflateSync("x", { level: 12 }))?.code).toBe("ERR_OUT_OF_RANGE");
  });

  test("constants", () => {
    expect(zlib.constants.Z_SYNC_FLUSH).toBe(2);
    expect(zlib.constants.BROTLI_PARAM_QUALITY).toBe(1);
    expect(zlib.codes.Z_DATA_ERROR).toBe(-3);
    expect(zlib.codes["-3"]).toBe("Z_DATA_ERROR");
  });
});

describe("callback forms", () => {
  test("gzip/gunzip call back on a later tick with the result", async () => {
    let sync = true;
    const z = await new Promise<Buffer>((res, rej) => {
      zlib.gzip(input, (err, out) => (err ? rej(err) : res(out)));
      sync = false;
    });
    expect(sync).toBe(false);
    const back = await new Promise<Buffer>((res, rej) => zlib.gunzip(z, (err, out) => (err ? rej(err) : res(out))));
    expect(back.equals(input)).toBe(true);
  });

  test("errors go to the callback, not thrown", async () => {
    const err: any = await new Promise((res) => zlib.inflate(Buffer.from("bad data"), (e) => res(e)));
    expect(err.code).toBe("Z_DATA_ERROR");
  });
});
