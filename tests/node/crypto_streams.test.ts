// node:crypto's Hash, Hmac, Cipher and Decipher as Transform streams (expected values computed
// with Node 20), and their update()/digest()/final() API beside the stream one.
import { describe, test, expect, afterAll } from "bun:test";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { EventEmitter } from "node:events";
import { Duplex, PassThrough, Readable, Transform, Writable, pipeline } from "node:stream";
import { pipeline as pipelinePromise } from "node:stream/promises";

const SHA1_ABC = "a9993e364706816aba3e25717850c26c9cd0d89d";
const HMAC_SHA256_K_DATA = "98755ce7a0d431b5d7b8ec8e343ada3bcaa4f6c44ca468cffcbaa9c273634dd7";
const KEY16 = Buffer.alloc(16, 1);
const IV16 = Buffer.alloc(16, 2);
const KEY32 = Buffer.alloc(32, 3);
const IV12 = Buffer.alloc(12, 4);

/** Everything `stream` outputs, in order, once it ends (rejects on 'error'). */
function collect(stream: Readable): Promise<any[]> {
  return new Promise((resolve, reject) => {
    const chunks: any[] = [];
    stream.on("data", (chunk) => chunks.push(chunk));
    stream.on("end", () => resolve(chunks));
    stream.on("error", reject);
  });
}

/** The error `stream` emits, and the events seen (in order) until its 'close'. */
function failure(stream: Duplex): Promise<{ error: any; events: string[] }> {
  return new Promise((resolve) => {
    const events: string[] = [];
    let error: any;
    for (const name of ["data", "end", "finish"]) stream.on(name, () => events.push(name));
    stream.on("error", (err) => {
      events.push("error");
      error = err;
    });
    stream.on("close", () => resolve({ error, events }));
  });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rusk-crypto-streams-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("what the objects are", () => {
  test("Hash, Hmac, Cipher and Decipher are Transform streams", () => {
    const objects = [
      crypto.createHash("sha1"),
      crypto.createHmac("sha1", "k"),
      crypto.createCipheriv("aes-128-cbc", KEY16, IV16),
      crypto.createDecipheriv("aes-128-cbc", KEY16, IV16),
    ];
    for (const o of objects) {
      expect(o instanceof Transform).toBe(true);
      expect(o instanceof Duplex).toBe(true);
      expect(o instanceof Readable).toBe(true);
      expect(o instanceof EventEmitter).toBe(true);
      expect(o instanceof PassThrough).toBe(false);
      expect(typeof o.pipe).toBe("function");
      expect(o.readable).toBe(true);
      expect(o.writable).toBe(true);
    }
    expect(objects[0] instanceof crypto.Hash).toBe(true);
    expect(objects[1] instanceof crypto.Hmac).toBe(true);
  });

  test("a fresh hash holds only its options; the stream state is made when first used", () => {
    const h = crypto.createHash("sha1");
    expect(Object.keys(h)).toEqual(["_options"]);
    expect(h.update("abc").digest("hex")).toBe(SHA1_ABC);
    expect(Object.keys(h)).toEqual(["_options"]);
    expect(h.writableFinished).toBe(false);
    expect(Object.keys(h)).toContain("_readableState");
    expect(Object.keys(h)).toContain("_writableState");
  });

  // In a new process nothing has touched the stream side of these objects yet: each script
  // starts with a different first use.
  test("in a fresh process, the first stream use of any kind sets the stream up", async () => {
    const prelude = "const crypto = require('crypto'); const { Transform } = require('stream'); const h = crypto.createHash('sha1');";
    const scripts = {
      instanceof: "console.log(h instanceof Transform, typeof h.pipe)",
      in: "console.log('pipe' in h, 'nonsense' in h)",
      method: "h.on('data', (d) => console.log(d.toString('hex'))); h.end('abc')",
      setter: "h.destroyed = true; console.log(h.destroyed, h._readableState.destroyed)",
      plain: "console.log(h.update('abc').digest('hex'), Object.keys(h).join())",
    };
    const run = (body: string) =>
      new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ["-e", `${prelude} ${body}`], (err, stdout, stderr) => (err ? reject(new Error(stderr)) : resolve(stdout.trim()))),
      );
    const outputs = await Promise.all(Object.values(scripts).map(run));
    expect(Object.fromEntries(Object.keys(scripts).map((k, i) => [k, outputs[i]]))).toEqual({
      instanceof: "true function",
      in: "true false",
      method: SHA1_ABC,
      setter: "true true",
      plain: `${SHA1_ABC} _options`,
    });
  });

  test("transform options reach the stream", () => {
    const h = crypto.createHash("sha256", { highWaterMark: 1 } as any);
    expect(h.readableHighWaterMark).toBe(1);
    expect(h.writableHighWaterMark).toBe(1);
    expect(crypto.createHash("sha256").readableHighWaterMark).toBe(new PassThrough().readableHighWaterMark);
  });
});

describe("Hash and Hmac streams", () => {
  test("written data, end(), then the digest as one Buffer chunk", () => {
    const h = crypto.createHash("sha1");
    expect(h.write("a")).toBe(true);
    h.write(Buffer.from("b"));
    h.end(new Uint8Array([99]));
    const chunk = h.read();
    expect(Buffer.isBuffer(chunk)).toBe(true);
    expect(chunk.toString("hex")).toBe(SHA1_ABC);
    expect(h.read()).toBe(null);
  });

  test("strings are written in their encoding", async () => {
    const h = crypto.createHash("sha1");
    h.write("6162", "hex");
    h.end("Yw==", "base64");
    expect((await collect(h)).map((b) => b.toString("hex"))).toEqual([SHA1_ABC]);
  });

  test("setEncoding('hex') gives the digest as a string, then 'end' and 'finish'", async () => {
    const h = crypto.createHash("sha1");
    h.setEncoding("hex");
    const events: string[] = [];
    h.on("data", (d) => events.push(`data ${typeof d} ${d}`));
    h.on("finish", () => events.push("finish"));
    h.on("end", () => events.push("end"));
    h.end("abc");
    await new Promise((resolve) => h.on("close", resolve));
    expect(events).toEqual([`data string ${SHA1_ABC}`, "end", "finish"]);
  });

  test("an Hmac stream gives the HMAC", async () => {
    const h = crypto.createHmac("sha256", "k");
    h.setEncoding("hex");
    h.write("da");
    h.end("ta");
    expect(await collect(h)).toEqual([HMAC_SHA256_K_DATA]);
  });

  test("pipeline(file, hash, sink) hashes the file", async () => {
    const file = path.join(tmp, "data.bin");
    const data = Buffer.alloc(200_000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31) & 0xff;
    fs.writeFileSync(file, data);
    const expected = crypto.createHash("sha256").update(data).digest("hex");

    const out: string[] = [];
    const sink = new Writable({
      decodeStrings: false,
      write(chunk, _enc, cb) {
        out.push(chunk);
        cb();
      },
    });
    const hash = crypto.createHash("sha256").setEncoding("hex");
    await new Promise<void>((resolve, reject) => pipeline(fs.createReadStream(file, { highWaterMark: 16384 }), hash, sink, (err) => (err ? reject(err) : resolve())));
    expect(out).toEqual([expected]);
  });

  test("stream/promises pipeline and async iteration", async () => {
    const hash = crypto.createHash("sha1");
    const chunks: string[] = [];
    await pipelinePromise(Readable.from(["a", "b", "c"]), hash, async function (source) {
      for await (const chunk of source) chunks.push(chunk.toString("hex"));
    });
    expect(chunks).toEqual([SHA1_ABC]);
  });

  test("update() and write() feed the same hash; copy() mid-stream", () => {
    const h = crypto.createHash("sha1");
    h.update("a");
    h.write("b");
    expect(h.copy().update("c").digest("hex")).toBe(SHA1_ABC);
    h.end("c");
    expect(h.read().toString("hex")).toBe(SHA1_ABC);
  });

  test("digest() after the stream ended returns the same digest once", async () => {
    const h = crypto.createHash("sha1");
    h.end("abc");
    await collect(h);
    expect(h.digest("hex")).toBe(SHA1_ABC);
    expect(() => h.digest()).toThrow(expect.objectContaining({ code: "ERR_CRYPTO_HASH_FINALIZED" }));
  });

  test("a stream ended after digest() outputs that digest", async () => {
    const h = crypto.createHash("sha1");
    expect(h.update("abc").digest("hex")).toBe(SHA1_ABC);
    expect(() => h.update("x")).toThrow(expect.objectContaining({ code: "ERR_CRYPTO_HASH_FINALIZED", message: "Digest already called" }));
    h.end();
    expect((await collect(h)).map((b) => b.toString("hex"))).toEqual([SHA1_ABC]);
  });

  test("an Hmac's digest() after its stream ended is empty", async () => {
    const h = crypto.createHmac("sha256", "k");
    h.end("data");
    expect((await collect(h)).map((b) => b.toString("hex"))).toEqual([HMAC_SHA256_K_DATA]);
    expect(h.digest("hex")).toBe("");
  });

  test("writing a chunk that is not bytes or a string throws, and the stream goes on", async () => {
    const h = crypto.createHash("sha1");
    const errors: any[] = [];
    h.on("error", (e) => errors.push(e));
    expect(() => h.write(42 as any)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }));
    await new Promise((resolve) => setTimeout(resolve, 1));
    expect(errors).toEqual([]);
    expect(h.destroyed).toBe(false);
    h.end("abc");
    expect(h.read().toString("hex")).toBe(SHA1_ABC);
  });
});

describe("Cipher and Decipher streams", () => {
  test("each write gives update()'s output and end() final()'s", async () => {
    const c = crypto.createCipheriv("aes-128-cbc", KEY16, IV16);
    c.setEncoding("hex");
    const done = collect(c);
    c.write(Buffer.alloc(10));
    c.write(Buffer.alloc(10));
    c.end(Buffer.alloc(20));
    expect(await done).toEqual(["17d614f379a9359077e95577fd31c20a", "5fb879069cbb5635276615ea38476936", "ba5d30fde3a8a8aed246e9ef510e080f"]);

    const c2 = crypto.createCipheriv("aes-128-cbc", KEY16, IV16);
    const viaApi = Buffer.concat([c2.update(Buffer.alloc(40)), c2.final()]).toString("hex");
    expect(viaApi).toBe((await done).join(""));
  });

  test("a pipeline through a cipher and a decipher gives the input back", async () => {
    const text = "stream me ".repeat(100);
    const cipher = crypto.createCipheriv("aes-256-cbc", KEY32, IV16);
    const decipher = crypto.createDecipheriv("aes-256-cbc", KEY32, IV16);
    decipher.setEncoding("utf8");
    let plain = "";
    await pipelinePromise(Readable.from([text.slice(0, 333), text.slice(333)]), cipher, decipher, async function (source) {
      for await (const s of source) plain += s;
    });
    expect(plain).toBe(text);
  });

  test("GCM: tag after the stream's end; a decipher stream checks it", async () => {
    const c = crypto.createCipheriv("aes-256-gcm", KEY32, IV12);
    c.setAAD(Buffer.from("aad"));
    c.write("hello ");
    c.end("world");
    const ct = Buffer.concat(await collect(c));
    expect(ct.toString("hex")).toBe("28427fa1c2be7071eb78e4");
    expect(c.getAuthTag().toString("hex")).toBe("91d1ffbd83b99ba2c569829a0747df73");

    const d = crypto.createDecipheriv("aes-256-gcm", KEY32, IV12);
    d.setAAD(Buffer.from("aad"));
    d.setAuthTag(c.getAuthTag());
    d.setEncoding("utf8");
    d.end(ct);
    expect((await collect(d)).join("")).toBe("hello world");
  });

  test("a wrong GCM tag is the stream's 'error' (no 'end')", async () => {
    const d = crypto.createDecipheriv("aes-256-gcm", KEY32, IV12);
    d.setAAD(Buffer.from("aad"));
    d.setAuthTag(Buffer.alloc(16));
    const result = failure(d);
    d.end(Buffer.from("28427fa1c2be7071eb78e4", "hex"));
    const { error, events } = await result;
    expect(error.message).toBe("Unsupported state or unable to authenticate data");
    expect(events).not.toContain("end");
    expect(events).not.toContain("finish");
    expect(events.at(-1)).toBe("error");
    expect(d.destroyed).toBe(true);
  });

  test("a bad CBC padding is the stream's 'error'", async () => {
    const d = crypto.createDecipheriv("aes-128-cbc", KEY16, IV16);
    const result = failure(d);
    d.end(Buffer.alloc(16));
    const { error, events } = await result;
    expect(error.code).toBe("ERR_OSSL_BAD_DECRYPT");
    expect(events).toEqual(["error"]);
  });

  test("writing to a cipher that was final()ed throws", () => {
    const c = crypto.createCipheriv("aes-128-cbc", KEY16, IV16);
    c.final();
    expect(() => c.write("x")).toThrow();
  });

  test("update()/final() and the other methods still return what they did", () => {
    const c = crypto.createCipheriv("aes-128-cbc", KEY16, IV16);
    expect(c.setAutoPadding(true)).toBe(c);
    const hex = c.update("abc", "utf8", "hex") + c.final("hex");
    expect(hex.length).toBe(32);
    const d = crypto.createDecipheriv("aes-128-cbc", KEY16, IV16);
    expect(d.update(hex, "hex", "utf8") + d.final("utf8")).toBe("abc");
    expect(() => d.final()).toThrow(expect.objectContaining({ code: "ERR_CRYPTO_INVALID_STATE" }));
    const g = crypto.createCipheriv("aes-256-gcm", KEY32, IV12);
    expect(g.setAAD(Buffer.from("aad"))).toBe(g);
    g.update("hello world");
    g.final();
    expect(g.getAuthTag().toString("hex")).toBe("91d1ffbd83b99ba2c569829a0747df73");
  });
});
