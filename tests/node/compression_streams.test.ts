// CompressionStream / DecompressionStream: round trips in every format, interop with node:zlib,
// Node's errors for a bad format and for corrupt input.
import { describe, expect, test } from "bun:test";
import zlib from "node:zlib";
import { CompressionStream as CS, DecompressionStream as DS } from "node:stream/web";

async function bytesOf(readable: ReadableStream<Uint8Array>) {
  const parts: number[] = [];
  for await (const c of readable) parts.push(...c);
  return new Uint8Array(parts);
}

async function run(stream: { readable: ReadableStream; writable: WritableStream }, input: Uint8Array) {
  const w = stream.writable.getWriter();
  w.write(input);
  w.close();
  return bytesOf(stream.readable);
}

// Node's wording and codes; Bun words the format error differently and gives corrupt-input
// errors no code.
const bun = typeof (globalThis as any).Bun !== "undefined" && !(process.versions as any).rusk;

const text = new TextEncoder().encode("hello hello hello compression stream ".repeat(20));

describe("CompressionStream / DecompressionStream", () => {
  for (const format of ["gzip", "deflate", "deflate-raw"] as const) {
    test(`${format}: round trip, smaller than the input`, async () => {
      const packed = await run(new CompressionStream(format), text);
      expect(packed.length).toBeLessThan(text.length / 4);
      expect(await run(new DecompressionStream(format), packed)).toEqual(text);
    });
  }

  test("interoperates with node:zlib both ways", async () => {
    const gz = await run(new CompressionStream("gzip"), text);
    expect(new Uint8Array(zlib.gunzipSync(gz))).toEqual(text);
    expect(await run(new DecompressionStream("deflate"), new Uint8Array(zlib.deflateSync(text)))).toEqual(text);
  });

  test("globals are the stream/web classes", () => {
    expect(globalThis.CompressionStream).toBe(CS);
    expect(globalThis.DecompressionStream).toBe(DS);
    expect(Object.prototype.toString.call(new CompressionStream("gzip"))).toBe("[object CompressionStream]");
  });

  test("an unknown format is Node's ERR_INVALID_ARG_VALUE", () => {
    let err: any;
    try {
      new CompressionStream("nope" as any);
    } catch (e) {
      err = e;
    }
    expect(err.name).toBe("TypeError");
    expect(err.code).toBe("ERR_INVALID_ARG_VALUE");
    if (!bun) expect(err.message).toBe("The argument 'format' is invalid. Received 'nope'");
  });

  test("corrupt input errors the readable side with Z_DATA_ERROR", async () => {
    const ds = new DecompressionStream("deflate");
    const w = ds.writable.getWriter();
    w.write(new Uint8Array([1, 2, 3])).catch(() => {});
    w.close().catch(() => {});
    let err: any;
    try {
      await bytesOf(ds.readable);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Error);
    if (!bun) expect(err.code).toBe("Z_DATA_ERROR");
  });
});
