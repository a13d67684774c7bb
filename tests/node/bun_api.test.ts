// Bun's global API as bun:ffi packages and their tests use it (checked against Bun 1.4):
// Bun.file (a lazy Blob over a path or a descriptor), Bun.write, FileSink, Bun.stdin/stdout/
// stderr, deepEquals/deepMatch, peek, resolveSync, FFI, main, the checked core helpers, the
// `bun` module's exports and process.isBun / process.versions.bun.
import { afterAll, describe, expect, test } from "bun:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as bunModule from "bun";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rusk-bun-api-"));
const at = (name: string) => path.join(dir, name);
fs.writeFileSync(at("hello.txt"), "hello world");
fs.writeFileSync(at("data.json"), '{"x":[1,2]}');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

function thrown(f: () => unknown): any {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}

describe("Bun.file", () => {
  test("is a Blob whose constructor is Blob, named by the path as given", () => {
    const f = Bun.file(at("hello.txt"));
    expect(f instanceof Blob).toBe(true);
    expect(f.constructor).toBe(Blob);
    expect(Object.prototype.toString.call(f)).toBe("[object Blob]");
    expect(f.name).toBe(at("hello.txt"));
    expect(Bun.file("./rel/x.txt").name).toBe("./rel/x.txt");
    expect(f.size).toBe(11);
  });

  test("type comes from the extension, as Bun's", () => {
    const types: Record<string, string> = {
      "a.txt": "text/plain;charset=utf-8",
      "A.TXT": "text/plain;charset=utf-8",
      "a.json": "application/json;charset=utf-8",
      "a.ts": "text/javascript;charset=utf-8",
      "a.mjs": "text/javascript;charset=utf-8",
      "a.html": "text/html;charset=utf-8",
      "a.css": "text/css;charset=utf-8",
      "a.wasm": "application/wasm",
      "a.png": "image/png",
      "a.svg": "image/svg+xml",
      "a.md": "text/markdown",
      "a.tar.gz": "application/gzip",
      "dir.d/noext": "application/octet-stream",
      ".bashrc": "application/octet-stream",
      "a.jsonc": "application/octet-stream",
      "a.bin": "application/octet-stream",
    };
    const got: Record<string, string> = {};
    for (const name of Object.keys(types)) got[name] = Bun.file(name).type;
    expect(got).toEqual(types);
  });

  test("a given type: lower-cased, Bun's text types canonical, unprintable ones ignored", () => {
    expect(Bun.file("a.bin", { type: "Foo/Bar" }).type).toBe("foo/bar");
    expect(Bun.file("a.bin", { type: "text/plain" }).type).toBe("text/plain;charset=utf-8");
    expect(Bun.file("a.bin", { type: "application/json" }).type).toBe("application/json;charset=utf-8");
    expect(Bun.file("a.bin", { type: "text/csv" }).type).toBe("text/csv");
    expect(Bun.file("a.txt", { type: "a\u0001b" }).type).toBe("text/plain;charset=utf-8");
    expect(Bun.file("a.txt", { type: "" }).type).toBe("text/plain;charset=utf-8");
  });

  test("text, json, bytes, arrayBuffer", async () => {
    expect(await Bun.file(at("hello.txt")).text()).toBe("hello world");
    expect(await Bun.file(at("data.json")).json()).toEqual({ x: [1, 2] });
    const bytes = await Bun.file(at("hello.txt")).bytes();
    expect(bytes.constructor).toBe(Uint8Array);
    expect(Array.from(bytes.subarray(0, 3))).toEqual([104, 101, 108]);
    const ab = await Bun.file(at("hello.txt")).arrayBuffer();
    expect(ab instanceof ArrayBuffer).toBe(true);
    expect(ab.byteLength).toBe(11);
    const err = await rejection(Bun.file(at("hello.txt")).json());
    expect(err instanceof SyntaxError).toBe(true);
  });

  test("text drops a BOM and replaces invalid UTF-8", async () => {
    fs.writeFileSync(at("bom.txt"), new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xff]));
    expect(await Bun.file(at("bom.txt")).text()).toBe("A\ufffd");
  });

  test("a missing file: size 0, exists() false, reads reject with ENOENT", async () => {
    const f = Bun.file(at("missing.txt"));
    expect(f.size).toBe(0);
    expect(await f.exists()).toBe(false);
    const err = await rejection(f.text());
    expect([err.code, err.syscall, err.path]).toEqual(["ENOENT", "open", at("missing.txt")]);
    expect(err.message).toBe(`ENOENT: no such file or directory, open '${at("missing.txt")}'`);
    expect((await rejection(f.stat())).code).toBe("ENOENT");
  });

  test("exists() is true for regular files only", async () => {
    expect(await Bun.file(at("hello.txt")).exists()).toBe(true);
    expect(await Bun.file(dir).exists()).toBe(false);
    expect(await Bun.file("/dev/null").exists()).toBe(false);
    expect(Bun.file("/dev/null").size).toBe(Infinity);
    expect((await rejection(Bun.file(dir).text())).code).toBe("EISDIR");
  });

  test("lastModified and stat() follow the file", async () => {
    const f = Bun.file(at("hello.txt"));
    const st = await f.stat();
    expect(st.isFile()).toBe(true);
    expect(st.size).toBe(11);
    expect(f.lastModified).toBe(Math.trunc(fs.statSync(at("hello.txt")).mtimeMs));
    expect(Bun.file(at("missing.txt")).lastModified).toBe(2 ** 52 - 1);
  });

  test("slice: a byte range of the file, with its own type when given", async () => {
    const f = Bun.file(at("hello.txt"));
    const s = f.slice(2, 5);
    expect(s instanceof Blob).toBe(true);
    expect(s.size).toBe(3);
    expect(await s.text()).toBe("llo");
    expect(s.type).toBe("text/plain;charset=utf-8");
    expect(f.slice(0, 2, "X/Y").type).toBe("x/y");
    expect(Bun.file(at("hello.txt")).slice(-3).size).toBe(3);
    expect(await f.slice(2, 7).slice(1, 3).text()).toBe("lo");
    expect(await f.slice(5, 2).text()).toBe("");
    expect(await f.slice(2, 5).exists()).toBe(true);
  });

  test("stream(): a ReadableStream of the bytes; a missing file errors it", async () => {
    const chunks: Uint8Array[] = [];
    for await (const c of Bun.file(at("hello.txt")).stream()) chunks.push(c);
    expect(chunks.every((c) => c instanceof Uint8Array)).toBe(true);
    expect(chunks.map((c) => new TextDecoder().decode(c)).join("")).toBe("hello world");
    let sliced = "";
    for await (const c of Bun.file(at("hello.txt")).slice(2, 7).stream()) sliced += new TextDecoder().decode(c);
    expect(sliced).toBe("llo w");
    const missing = Bun.file(at("missing.txt")).stream();
    expect(missing instanceof ReadableStream).toBe(true);
    const err = await rejection((async () => {
      for await (const _ of missing);
    })());
    expect([err.code, err.syscall]).toEqual(["ENOENT", "open"]);
  });

  test("a file: URL, a Buffer path and a descriptor", async () => {
    const url = new URL(`file://${at("hello.txt")}`);
    expect(Bun.file(url).name).toBe(at("hello.txt"));
    expect(await Bun.file(url).text()).toBe("hello world");
    expect(Bun.file(Buffer.from(at("hello.txt"))).name).toBe(at("hello.txt"));
    const fd = fs.openSync(at("hello.txt"), "r");
    try {
      const f = Bun.file(fd);
      expect(f.name).toBe(undefined);
      expect(f.type).toBe("application/octet-stream");
      expect(f.size).toBe(11);
      expect(await f.exists()).toBe(true);
      // A descriptor is read from where it stands.
      expect(await f.text()).toBe("hello world");
      expect(await f.text()).toBe("");
    } finally {
      fs.closeSync(fd);
    }
  });

  test("name can be set; the file read stays the same", async () => {
    const f = Bun.file(at("hello.txt"));
    f.name = "other.json";
    expect(f.name).toBe("other.json");
    expect(f.type).toBe("text/plain;charset=utf-8");
    expect(await f.text()).toBe("hello world");
  });

  test("argument errors", () => {
    for (const bad of [undefined, null, {}, true, []]) {
      const e = thrown(() => Bun.file(bad as any));
      expect([e.name, e.code, e.message]).toEqual(["TypeError", "ERR_INVALID_ARG_TYPE", "Expected file path string or file descriptor"]);
    }
    const frac = thrown(() => Bun.file(1.5));
    expect([frac.name, frac.code, frac.message]).toEqual(["RangeError", "ERR_OUT_OF_RANGE", 'The value of "fd" is out of range. It must be an integer. Received 1.5']);
    const neg = thrown(() => Bun.file(-1));
    expect(neg.message).toBe('The value of "fd" is out of range. It must be >= 0 && <= 2147483647. Received -1');
    const http = thrown(() => Bun.file(new URL("http://example.com/x")));
    expect([http.name, http.code]).toEqual(["TypeError", "ERR_INVALID_URL_SCHEME"]);
  });

  test("inspect shows the file and its type", () => {
    const shown = Bun.inspect(Bun.file("x.txt"));
    expect(shown.startsWith('FileRef ("x.txt")')).toBe(true);
    expect(shown).toContain("text/plain;charset=utf-8");
  });
});

describe("Bun.write", () => {
  test("strings, views, buffers, Blobs, files and Blob parts; resolves the byte count", async () => {
    const p = Bun.write(at("w1.txt"), "héllo");
    expect(p instanceof Promise).toBe(true);
    expect(await p).toBe(6);
    expect(fs.readFileSync(at("w1.txt"), "utf8")).toBe("héllo");
    expect(await Bun.write(at("w2.bin"), new Uint8Array([1, 2, 3, 4]).subarray(1, 3))).toBe(2);
    expect(Array.from(fs.readFileSync(at("w2.bin")))).toEqual([2, 3]);
    expect(await Bun.write(at("w3.bin"), new Uint16Array([0x4241]).buffer)).toBe(2);
    expect(fs.readFileSync(at("w3.bin"), "latin1")).toBe("AB");
    expect(await Bun.write(at("w4.txt"), new Blob(["xy", "z"]))).toBe(3);
    expect(await Bun.write(at("w5.txt"), Bun.file(at("hello.txt")))).toBe(11);
    expect(fs.readFileSync(at("w5.txt"), "utf8")).toBe("hello world");
    expect(await Bun.write(at("w6.txt"), ["a", "b"] as any)).toBe(2);
    expect(await Bun.write(at("w7.txt"), 123 as any)).toBe(3);
    expect(fs.readFileSync(at("w7.txt"), "utf8")).toBe("123");
    expect(await Bun.write(at("w8.txt"), "")).toBe(0);
  });

  test("bytes at hand are written before the promise settles", async () => {
    const bytes = new Uint8Array([65, 66]);
    const p = Bun.write(at("now.txt"), bytes);
    bytes[0] = 67;
    expect(fs.readFileSync(at("now.txt"), "utf8")).toBe("AB");
    expect(await p).toBe(2);
  });

  test("destinations: a BunFile, a file: URL, a descriptor (written where it stands)", async () => {
    const f = Bun.file(at("d1.json"));
    expect(await Bun.write(f, "{}")).toBe(2);
    expect([f.size, f.type]).toEqual([2, "application/json;charset=utf-8"]);
    expect(await f.write("[1]")).toBe(3);
    expect(fs.readFileSync(at("d1.json"), "utf8")).toBe("[1]");
    expect(await Bun.write(new URL(`file://${at("d2.txt")}`), "url")).toBe(3);
    expect(fs.readFileSync(at("d2.txt"), "utf8")).toBe("url");
    const fd = fs.openSync(at("d3.txt"), "w");
    try {
      await Bun.write(fd, "ab");
      await Bun.write(Bun.file(fd), "cd");
    } finally {
      fs.closeSync(fd);
    }
    expect(fs.readFileSync(at("d3.txt"), "utf8")).toBe("abcd");
  });

  test("replaces a longer file and creates missing directories unless createPath is false", async () => {
    fs.writeFileSync(at("long.txt"), "a much longer content");
    expect(await Bun.write(at("long.txt"), "ab")).toBe(2);
    expect(fs.readFileSync(at("long.txt"), "utf8")).toBe("ab");
    expect(await Bun.write(at("sub/dir/deep.txt"), "deep")).toBe(4);
    expect(fs.readFileSync(at("sub/dir/deep.txt"), "utf8")).toBe("deep");
    const err = await rejection(Bun.write(at("nodir/x.txt"), "x", { createPath: false }));
    expect([err.code, err.syscall]).toEqual(["ENOENT", "open"]);
    expect(fs.existsSync(at("nodir"))).toBe(false);
  });

  test("bad arguments throw at once; I/O errors reject", async () => {
    const noData = thrown(() => Bun.write(at("x.txt"), null as any));
    expect([noData.name, noData.code, noData.message]).toEqual(["TypeError", "ERR_INVALID_ARG_TYPE", "Bun.write(pathOrFdOrBlob, blob) expects a Blob-y thing to write"]);
    const badDest = thrown(() => Bun.write({} as any, "x"));
    expect([badDest.code, badDest.message]).toEqual(["ERR_INVALID_ARG_TYPE", 'The "destination" argument must be of type path, file descriptor, or Blob. Received an instance of Object']);
    expect(thrown(() => Bun.write(undefined as any, "x")).message).toBe('The "destination" argument must be of type path, file descriptor, or Blob. Received undefined');
    expect(thrown(() => Bun.write(-1, "x")).code).toBe("ERR_OUT_OF_RANGE");
    expect((await rejection(Bun.write(at("y.txt"), Bun.file(at("missing.txt"))))).code).toBe("ENOENT");
    expect((await rejection(Bun.write(dir, "x"))).code).toBe("EISDIR");
    expect(fs.existsSync(at("x.txt"))).toBe(false);
  });
});

describe("FileSink (BunFile#writer)", () => {
  // A fresh BunFile each time: Bun keeps the size it saw first.
  const sizeOf = (name: string) => Bun.file(at(name)).size;

  test("buffers small writes until flush(); write, flush and end return byte counts", async () => {
    const w = Bun.file(at("sink1.txt")).writer();
    expect(w.write("abc")).toBe(3);
    expect(w.write(new Uint8Array([100, 101]))).toBe(2);
    expect(w.write(new ArrayBuffer(1))).toBe(1);
    // Created at once, still empty.
    expect([fs.existsSync(at("sink1.txt")), sizeOf("sink1.txt")]).toEqual([true, 0]);
    expect(w.flush()).toBe(6);
    expect(sizeOf("sink1.txt")).toBe(6);
    expect(w.flush()).toBe(0);
    expect(w.write("z")).toBe(1);
    expect(await w.end()).toBe(1);
    expect(fs.readFileSync(at("sink1.txt"), "latin1")).toBe("abcde\0z");
    expect(w.end()).toBe(0);
  });

  test("writes out once 4096 bytes are buffered", () => {
    const w = Bun.file(at("sink2.txt")).writer();
    w.write("x".repeat(4000));
    expect(sizeOf("sink2.txt")).toBe(0);
    w.write("x".repeat(96));
    expect(sizeOf("sink2.txt")).toBe(4096);
    w.write("x".repeat(10000));
    expect(sizeOf("sink2.txt")).toBe(14096);
    w.end();
  });

  test("errors: a chunk of another kind, a missing directory", () => {
    const w = Bun.file(at("sink3.txt")).writer();
    const e = thrown(() => w.write(123 as any));
    expect([e.name, e.message]).toEqual(["TypeError", "write() expects a string, ArrayBufferView, or ArrayBuffer"]);
    w.end();
    const missing = thrown(() => Bun.file(at("nodir/sink.txt")).writer());
    expect([missing.code, missing.syscall]).toEqual(["ENOENT", "open"]);
  });
});

describe("delete / unlink", () => {
  test("remove the file; a missing one rejects with ENOENT", async () => {
    fs.writeFileSync(at("del.txt"), "x");
    expect(await Bun.file(at("del.txt")).delete()).toBe(undefined);
    expect(fs.existsSync(at("del.txt"))).toBe(false);
    const err = await rejection(Bun.file(at("del.txt")).delete());
    expect([err.code, err.syscall, err.message]).toEqual(["ENOENT", "unlink", `ENOENT: no such file or directory, unlink '${at("del.txt")}'`]);
    fs.writeFileSync(at("del2.txt"), "x");
    await Bun.file(at("del2.txt")).unlink();
    expect(fs.existsSync(at("del2.txt"))).toBe(false);
  });
});

describe("Bun.stdin / stdout / stderr", () => {
  test("files of descriptors 0, 1, 2, made once", async () => {
    for (const f of [Bun.stdin, Bun.stdout, Bun.stderr]) {
      expect(f instanceof Blob).toBe(true);
      expect(f.name).toBe(undefined);
      expect(f.type).toBe("application/octet-stream");
    }
    expect(Bun.stdout).toBe(Bun.stdout);
    expect(Bun.inspect(Bun.stderr).startsWith("FileRef (fd: 2)")).toBe(true);
    expect(await Bun.write(Bun.stdout, "")).toBe(0);
  });
});

describe("Bun.deepEquals", () => {
  class X {}
  class Y {}
  const holes = [1, , 3];
  // [a, b, loose result, strict result], as Bun answers.
  const cases: [string, unknown, unknown, boolean, boolean][] = [
    ["NaN", NaN, NaN, true, true],
    ["0 / -0", 0, -0, false, false],
    ["1 / '1'", 1, "1", false, false],
    ["undefined property", { a: 1, b: undefined }, { a: 1 }, true, false],
    ["hole / undefined", holes, [1, undefined, 3], true, false],
    ["trailing undefined", [1, undefined], [1], true, false],
    ["longer array", [1], [1, 2], false, false],
    ["class / plain", new X(), {}, true, false],
    ["two classes", new X(), new Y(), true, false],
    ["null prototype", Object.create(null), {}, true, true],
    ["array extra property", Object.assign([1], { x: 1 }), [1], true, true],
    ["dates", new Date(1), new Date(1), true, true],
    ["invalid dates", new Date(NaN), new Date(NaN), false, false],
    ["regexps", /a/g, /a/i, false, false],
    ["maps", new Map([[1, { a: 1 }]]), new Map([[1, { a: 1 }]]), true, true],
    ["sets", new Set([1, 2]), new Set([2, 1]), true, true],
    ["map / set", new Map(), new Set(), false, false],
    ["Buffer / Uint8Array", Buffer.from("a"), new Uint8Array([97]), true, true],
    ["Uint8Array / Int8Array", new Uint8Array([1]), new Int8Array([1]), false, false],
    ["Float64 NaN", new Float64Array([NaN]), new Float64Array([NaN]), false, true],
    ["Float64 -0", new Float64Array([-0]), new Float64Array([0]), true, false],
    ["typed array extra property", Object.assign(new Uint8Array(1), { x: 1 }), new Uint8Array(1), true, false],
    ["ArrayBuffers", new Uint8Array([1]).buffer, new Uint8Array([2]).buffer, false, false],
    ["errors", new Error("x"), new Error("x"), true, true],
    ["error messages", new Error("x"), new Error("y"), false, false],
    ["error names", new TypeError("x"), new Error("x"), false, false],
    ["error properties", Object.assign(new Error("x"), { code: 1 }), new Error("x"), false, false],
    ["boxed / primitive", new String("a"), "a", false, false],
    ["symbol keys", { [Symbol.for("s")]: 1 }, { [Symbol.for("s")]: 2 }, false, false],
    ["functions", function f() {}, function f() {}, false, false],
    ["bigints", 1n, 1n, true, true],
    ["arguments / array", (function (..._: unknown[]) { return arguments; })(1), [1], false, false],
    ["nested", { a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, true, true],
  ];
  for (const [name, a, b, loose, strict] of cases) {
    test(name, () => {
      expect([Bun.deepEquals(a, b), Bun.deepEquals(a, b, true)]).toEqual([loose, strict]);
    });
  }

  test("cycles; strict only when the third argument is true", () => {
    const a: any = { x: 1 };
    a.self = a;
    const b: any = { x: 1 };
    b.self = b;
    expect(Bun.deepEquals(a, b)).toBe(true);
    const c: any = {};
    c.s = c;
    const d: any = {};
    d.s = { s: d };
    expect(Bun.deepEquals(c, d)).toBe(false);
    expect(Bun.deepEquals({ a: undefined }, {}, 1 as any)).toBe(true);
    expect(thrown(() => (Bun.deepEquals as any)(1)).message).toBe("Expected 2 values to compare");
  });
});

describe("Bun.deepMatch", () => {
  test("the first argument is a subset of the second", () => {
    expect(Bun.deepMatch({ a: 1 }, { a: 1, b: 2 })).toBe(true);
    expect(Bun.deepMatch({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(Bun.deepMatch({ a: { b: 1 } }, { a: { b: 1, c: 2 } })).toBe(true);
    expect(Bun.deepMatch({ a: [{ b: 1 }] }, { a: [{ b: 1, c: 2 }] })).toBe(true);
    expect(Bun.deepMatch({ a: [1] }, { a: [1, 2] })).toBe(false);
    expect(Bun.deepMatch({ a: undefined }, {})).toBe(false);
    expect(Bun.deepMatch({ a: undefined }, { a: undefined })).toBe(true);
    expect(Bun.deepMatch({}, [])).toBe(true);
    expect(Bun.deepMatch([], {})).toBe(false);
    expect(Bun.deepMatch({ a: 0 }, { a: -0 })).toBe(false);
    expect(Bun.deepMatch({ a: /x/ }, { a: "x" })).toBe(false);
    expect(Bun.deepMatch({ a: 1 }, Object.create({ a: 1 }))).toBe(true);
    expect(Bun.deepMatch({ d: new Date(1) }, { d: new Date(1), e: 1 })).toBe(true);
  });

  test("errors", () => {
    expect(thrown(() => Bun.deepMatch(1 as any, { a: 1 })).message).toBe("Expected 2 objects to match");
    expect(thrown(() => Bun.deepMatch({ a: 1 }, null as any)).message).toBe("Expected 2 objects to match");
    expect(thrown(() => (Bun.deepMatch as any)({})).message).toBe("Expected 2 values to compare");
  });
});

describe("Bun.peek", () => {
  test("a settled promise's value or reason, else the argument itself", async () => {
    const pending = new Promise(() => {});
    const rejected = Promise.reject(new Error("boom"));
    rejected.catch(() => {});
    expect(Bun.peek(Promise.resolve(42))).toBe(42);
    expect(Bun.peek(pending)).toBe(pending);
    expect((Bun.peek(rejected) as Error).message).toBe("boom");
    expect(Bun.peek(5)).toBe(5);
    const thenable = { then() {} };
    expect(Bun.peek(thenable)).toBe(thenable);
    let resolve!: (v: number) => void;
    const later = new Promise<number>((r) => (resolve = r));
    expect(Bun.peek(later)).toBe(later);
    resolve(7);
    await later;
    expect(Bun.peek(later)).toBe(7);
  });

  test("status", () => {
    const rejected = Promise.reject(new Error("x"));
    rejected.catch(() => {});
    expect(Bun.peek.status(Promise.resolve(1))).toBe("fulfilled");
    expect(Bun.peek.status(new Promise(() => {}))).toBe("pending");
    expect(Bun.peek.status(rejected)).toBe("rejected");
    expect(Bun.peek.status(5)).toBe("fulfilled");
  });
});

describe("Bun.resolveSync", () => {
  test("resolves from a directory", () => {
    expect(Bun.resolveSync("./hello.txt", dir)).toBe(at("hello.txt"));
    expect(Bun.resolveSync("./data", dir)).toBe(at("data.json"));
    expect(Bun.resolveSync(at("hello.txt"), "/")).toBe(at("hello.txt"));
    expect(Bun.resolveSync("./hello.txt", `file://${dir}/`)).toBe(at("hello.txt"));
  });

  test("built-in modules", () => {
    expect(Bun.resolveSync("fs", dir)).toBe("node:fs");
    expect(Bun.resolveSync("node:path", dir)).toBe("node:path");
    expect(Bun.resolveSync("bun:ffi", dir)).toBe("bun:ffi");
    expect(Bun.resolveSync("bun", dir)).toBe("bun");
  });

  test("errors", () => {
    expect(thrown(() => Bun.resolveSync("./nope", dir)).code).toBe("ERR_MODULE_NOT_FOUND");
    expect(thrown(() => Bun.resolveSync("rusk-no-such-package", dir)).code).toBe("ERR_MODULE_NOT_FOUND");
    // `from` names a directory, not a file.
    expect(thrown(() => Bun.resolveSync("./hello.txt", at("hello.txt"))).code).toBe("ERR_MODULE_NOT_FOUND");
    const noFrom = thrown(() => (Bun.resolveSync as any)("./x"));
    expect([noFrom.name, noFrom.code, noFrom.message]).toEqual(["TypeError", "ERR_INVALID_ARG_TYPE", "Expected a from path"]);
  });
});

describe("other members", () => {
  test("FFI: the bun:ffi functions, one object", () => {
    expect(typeof Bun.FFI.dlopen).toBe("function");
    expect(typeof Bun.FFI.ptr).toBe("function");
    expect(typeof Bun.FFI.CString).toBe("function");
    expect(Bun.FFI).toBe(Bun.FFI);
  });

  test("env, argv, main, isMainThread, versions", () => {
    expect(Bun.env).toBe(process.env);
    expect(Bun.argv).toEqual(process.argv);
    expect(Bun.main).toBe(import.meta.path);
    expect(Bun.isMainThread).toBe(true);
    expect(typeof Bun.version).toBe("string");
    expect(process.versions.bun).toBe(Bun.version);
    expect((process as any).isBun).toBe(true);
  });

  test("main can be set", () => {
    const main = Bun.main;
    try {
      Bun.main = "/elsewhere/entry.js";
      expect(Bun.main).toBe("/elsewhere/entry.js");
    } finally {
      Bun.main = main;
    }
    expect(Bun.main).toBe(main);
  });

  test("sleep and sleepSync check their argument", async () => {
    const t0 = Date.now();
    expect(await Bun.sleep(new Date(Date.now() + 20))).toBe(undefined);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(15);
    expect(thrown(() => Bun.sleep("5" as any)).message).toBe("sleep expects a number (milliseconds)");
    const s = thrown(() => Bun.sleepSync("5" as any));
    expect([s.name, s.code, s.message]).toEqual(["TypeError", "ERR_INVALID_ARG_TYPE", "milliseconds must be a number"]);
    expect(thrown(() => Bun.sleepSync(-1)).message).toBe("argument to sleepSync must not be negative, got -1");
    expect(Bun.sleepSync(1)).toBe(undefined);
  });

  test("fileURLToPath / pathToFileURL", () => {
    expect(Bun.fileURLToPath("file:///a%20b/c")).toBe("/a b/c");
    expect(Bun.fileURLToPath(new URL("file:///x/y"))).toBe("/x/y");
    expect(thrown(() => Bun.fileURLToPath("http://x/y")).code).toBe("ERR_INVALID_URL_SCHEME");
    expect(thrown(() => Bun.fileURLToPath("a/b")).code).toBe("ERR_INVALID_URL_SCHEME");
    expect(thrown(() => Bun.fileURLToPath("file://host/x")).code).toBe("ERR_INVALID_FILE_URL_HOST");
    expect(thrown(() => Bun.fileURLToPath(5 as any)).message).toBe('The "url" argument must be of type string. Received type number (5)');
    expect(Bun.pathToFileURL("/a b/c#d?e%f").href).toBe("file:///a%20b/c%23d%3Fe%25f");
    expect(Bun.pathToFileURL("rel/x").href).toBe(`file://${process.cwd()}/rel/x`);
  });

  test("inspect.custom is Node's symbol", () => {
    expect(Bun.inspect.custom).toBe(Symbol.for("nodejs.util.inspect.custom"));
  });

  test("the bun module exports the members", () => {
    expect(bunModule.file).toBe(Bun.file);
    expect(bunModule.write).toBe(Bun.write);
    expect(bunModule.deepEquals).toBe(Bun.deepEquals);
    expect(bunModule.deepMatch).toBe(Bun.deepMatch);
    expect(bunModule.peek).toBe(Bun.peek);
    expect(bunModule.resolveSync).toBe(Bun.resolveSync);
    expect(bunModule.stdout).toBe(Bun.stdout);
    expect(bunModule.FFI).toBe(Bun.FFI);
    expect(bunModule.isMainThread).toBe(true);
  });
});
