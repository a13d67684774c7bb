// fs.createReadStream / fs.createWriteStream, fs.ReadStream / fs.WriteStream and the stream
// methods of fs/promises' FileHandle: options, events in Node's order ('open', 'ready', data,
// 'end'/'finish', 'close'), byte counts, descriptors given or opened, and errors.
import { afterAll, describe, expect, test } from "bun:test";
import fs from "node:fs";
import fsp from "node:fs/promises";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { tmpdir } from "node:os";

const root = fs.mkdtempSync(`${tmpdir()}/rusk-fs-streams-`);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let counter = 0;
function file(content?: string | Uint8Array): string {
  const path = `${root}/f${++counter}`;
  if (content !== undefined) fs.writeFileSync(path, content);
  return path;
}

function thrown(fn: () => unknown): any {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected a throw");
}

/** Records the stream's events (with a short note of their argument) until 'close'. */
function record(stream: any, names: string[]): Promise<string[]> {
  const events: string[] = [];
  for (const name of names) {
    stream.on(name, (arg: any) => {
      if (name === "data") events.push(`data:${arg}`);
      else if (name === "open") events.push(`open:${typeof arg}`);
      else if (name === "error") events.push(`error:${arg.code}`);
      else events.push(name);
    });
  }
  return new Promise((resolve) => stream.on("close", () => resolve(events)));
}

const isOpen = (fd: number) => {
  try {
    fs.fstatSync(fd);
    return true;
  } catch {
    return false;
  }
};

describe("fs.createReadStream", () => {
  test("start/end (inclusive) and encoding; events open → ready → data → end → close", async () => {
    const path = file("0123456789abcdef");
    const rs = fs.createReadStream(path, { start: 2, end: 5, encoding: "utf8" });
    expect(rs).toBeInstanceOf(fs.ReadStream);
    expect(rs).toBeInstanceOf(Readable);
    expect([rs.path, rs.fd, rs.pending, rs.start, rs.end, rs.pos, rs.bytesRead]).toEqual([path, null, true, 2, 5, 2, 0]);
    expect([rs.flags, rs.mode, rs.readableHighWaterMark, rs.autoClose]).toEqual(["r", 0o666, 65536, true]);
    const events = await record(rs, ["open", "ready", "data", "end", "error"]);
    expect(events).toEqual(["open:number", "ready", "data:2345", "end"]);
    expect([rs.bytesRead, rs.pos, rs.fd, rs.pending, rs.destroyed]).toEqual([4, 6, null, true, true]);
  });

  test("reads in highWaterMark-sized chunks, as Buffers", async () => {
    const data = new Uint8Array(2500).map((_, i) => i % 251);
    const rs = fs.createReadStream(file(data), { highWaterMark: 1000 });
    const chunks: Buffer[] = [];
    for await (const chunk of rs) chunks.push(chunk);
    expect(chunks.map((c) => c.length)).toEqual([1000, 1000, 500]);
    expect(Buffer.isBuffer(chunks[0])).toBe(true);
    expect(Buffer.concat(chunks).equals(Buffer.from(data))).toBe(true);
  });

  test("a missing file: 'error' (ENOENT, syscall open) then 'close', no 'open'", async () => {
    const rs = fs.createReadStream(`${root}/missing`);
    let error: any;
    rs.on("error", (err) => (error = err));
    const events = await record(rs, ["open", "ready", "end", "error"]);
    expect(events).toEqual(["error:ENOENT"]);
    expect([error.syscall, error.path, rs.destroyed, rs.fd]).toEqual(["open", `${root}/missing`, true, null]);
  });

  test("a directory opens, then fails reading with EISDIR", async () => {
    const rs = fs.createReadStream(root);
    rs.resume();
    const events = await record(rs, ["open", "error"]);
    expect(events).toEqual(["open:number", "error:EISDIR"]);
  });

  test("bad arguments throw at once, with Node's codes and messages", () => {
    const path = file("x");
    expect(thrown(() => fs.createReadStream(path, { start: -1 })).message).toBe(
      'The value of "start" is out of range. It must be >= 0 && <= 9007199254740991. Received -1',
    );
    expect(thrown(() => fs.createReadStream(path, { start: 5, end: 2 })).message).toBe(
      'The value of "start" is out of range. It must be <= "end" (here: 2). Received 5',
    );
    expect(thrown(() => fs.createReadStream(path, { end: 1.5 })).message).toBe(
      'The value of "end" is out of range. It must be an integer. Received 1.5',
    );
    expect(thrown(() => fs.createReadStream(path, { start: "1" as any })).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(thrown(() => fs.createReadStream(123 as any)).message).toStartWith('The "path" argument must be of type string');
    expect(thrown(() => fs.createReadStream(null as any, { fd: "x" as any })).message).toStartWith('The "options.fd" property must be of type number or ');
    expect(thrown(() => fs.createReadStream(path, 5 as any)).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(thrown(() => fs.createReadStream(path, "nope" as any)).code).toBe("ERR_INVALID_ARG_VALUE");
    expect(thrown(() => fs.createReadStream(path, { fs: { open: 1 } } as any)).message).toBe(
      'The "options.fs.open" property must be of type function. Received type number (1)',
    );
  });

  test("bad flags fail when the stream opens, as an 'error' event", async () => {
    const rs = fs.createReadStream(file("x"), { flags: "zz" });
    const events = await record(rs, ["open", "error"]);
    expect(events).toEqual(["error:ERR_INVALID_ARG_VALUE"]);
  });

  test("a given descriptor: no 'open'; with autoClose false it stays open until destroy()", async () => {
    const fd = fs.openSync(file("abc"), "r");
    const rs = fs.createReadStream(null as any, { fd, autoClose: false });
    expect([rs.path, rs.pending, rs.end]).toEqual([undefined, false, Infinity]);
    const events: string[] = [];
    for (const name of ["open", "data", "end", "close"]) rs.on(name, (d: any) => events.push(name === "data" ? `data:${d}` : name));
    rs.resume();
    await new Promise((resolve) => rs.on("end", resolve));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(events).toEqual(["data:abc", "end"]);
    expect([isOpen(fd), rs.destroyed]).toEqual([true, false]);
    rs.destroy();
    await new Promise((resolve) => rs.on("close", resolve));
    expect(isOpen(fd)).toBe(false);
  });

  test("close(cb) in the middle of reading ends it with ERR_STREAM_PREMATURE_CLOSE", async () => {
    const rs = fs.createReadStream(file("x".repeat(1000)));
    const result = await new Promise<any>((resolve) => rs.on("open", () => rs.close(resolve)));
    expect(result?.code).toBe("ERR_STREAM_PREMATURE_CLOSE");
    expect(rs.destroyed).toBe(true);
  });

  test("an aborted signal destroys the stream with an AbortError", async () => {
    const ac = new AbortController();
    const rs = fs.createReadStream(file("abc"), { signal: ac.signal });
    let error: any;
    rs.on("error", (err) => (error = err));
    ac.abort();
    await new Promise((resolve) => rs.on("close", resolve));
    expect([error?.name, error?.code]).toEqual(["AbortError", "ABORT_ERR"]);
  });

  test("the fs option replaces the operations; ReadStream is callable without new", async () => {
    const calls: string[] = [];
    const custom = {
      open: (p: string, f: string, m: number, cb: any) => (calls.push(`open:${f}`), fs.open(p, f, m, cb)),
      read: (...args: any[]) => (calls.push("read"), (fs.read as any)(...args)),
      close: (fd: number, cb: any) => (calls.push("close"), fs.close(fd, cb)),
    };
    const rs = (fs.ReadStream as any)(file("hi"), { fs: custom, encoding: "utf8" });
    expect(rs).toBeInstanceOf(fs.ReadStream);
    let text = "";
    rs.on("data", (d: string) => (text += d));
    await new Promise((resolve) => rs.on("close", resolve));
    expect(text).toBe("hi");
    expect(calls).toEqual(["open:r", "read", "read", "close"]);
  });
});

describe("fs.createWriteStream", () => {
  test("writes strings and Buffers; bytesWritten; end(cb) before 'finish', then 'close'", async () => {
    const path = file();
    const ws = fs.createWriteStream(path);
    expect(ws).toBeInstanceOf(fs.WriteStream);
    expect(ws).toBeInstanceOf(Writable);
    expect([ws.path, ws.pending, ws.flags, ws.mode, ws.bytesWritten, ws.flush]).toEqual([path, true, "w", 0o666, 0, false]);
    const events = record(ws, ["open", "ready", "finish", "error"]);
    expect(ws.write("hello ")).toBe(true);
    ws.write(Buffer.from("world"));
    expect(ws.bytesWritten).toBe(0);
    const order: string[] = [];
    ws.on("finish", () => order.push("finish"));
    ws.end("!", () => order.push("end callback"));
    expect(await events).toEqual(["open:number", "ready", "finish"]);
    expect(order).toEqual(["end callback", "finish"]);
    expect([ws.bytesWritten, ws.closed, ws.pending]).toEqual([12, true, true]);
    expect(fs.readFileSync(path, "utf8")).toBe("hello world!");
  });

  test("flags 'a' appends; 'r+' with start writes in place", async () => {
    const path = file("0123456789");
    const append = fs.createWriteStream(path, { flags: "a" });
    append.end("AB");
    await new Promise((resolve) => append.on("close", resolve));
    const inPlace = fs.createWriteStream(path, { flags: "r+", start: 2 });
    expect(inPlace.pos).toBe(2);
    inPlace.end("xy");
    await new Promise((resolve) => inPlace.on("close", resolve));
    expect(fs.readFileSync(path, "utf8")).toBe("01xy456789AB");
  });

  test("'wx' on an existing file: the write callback, then 'error', get EEXIST", async () => {
    const path = file("here");
    const ws = fs.createWriteStream(path, { flags: "wx" });
    const seen: string[] = [];
    ws.write("zz", (err: any) => seen.push(`cb:${err?.code}`));
    ws.on("error", (err: any) => seen.push(`error:${err.code}`));
    await new Promise((resolve) => ws.on("close", resolve));
    expect(seen).toEqual(["cb:EEXIST", "error:EEXIST"]);
    expect(fs.readFileSync(path, "utf8")).toBe("here");
  });

  test("corked writes go out together; the encoding option decodes strings", async () => {
    const path = file();
    const ws = fs.createWriteStream(path, { encoding: "hex" });
    ws.cork();
    ws.write("6162");
    ws.write("63");
    process.nextTick(() => ws.uncork());
    ws.end("64");
    await new Promise((resolve) => ws.on("close", resolve));
    expect([fs.readFileSync(path, "utf8"), ws.bytesWritten]).toEqual(["abcd", 4]);
  });

  test("close(cb): ends, then calls back on 'close'; flush must be a boolean", async () => {
    const path = file();
    const ws = fs.createWriteStream(path, { flush: true });
    ws.write("1");
    const order: string[] = [];
    ws.on("finish", () => order.push("finish"));
    await new Promise<void>((resolve) => ws.close(() => (order.push("closed"), resolve())));
    expect(order).toEqual(["finish", "closed"]);
    expect(fs.readFileSync(path, "utf8")).toBe("1");
    expect(thrown(() => fs.createWriteStream(path, { flush: 1 as any })).message).toBe(
      'The "options.flush" property must be of type boolean. Received type number (1)',
    );
    expect(thrown(() => fs.createWriteStream(path, { start: -1 })).code).toBe("ERR_OUT_OF_RANGE");
  });

  test("pipeline copies a file through a read and a write stream", async () => {
    const data = new Uint8Array(200000).map((_, i) => (i * 7) % 256);
    const from = file(data);
    const to = file();
    await pipeline(fs.createReadStream(from), fs.createWriteStream(to));
    expect(fs.readFileSync(to).equals(Buffer.from(data))).toBe(true);
  });
});

describe("FileHandle streams", () => {
  test("createReadStream reads through the handle and closes it at the end", async () => {
    const handle = await fsp.open(file("0123456789"));
    const bytes: number[] = [];
    for await (const chunk of handle.createReadStream({ start: 3, end: 6 })) bytes.push(...chunk);
    expect(Buffer.from(bytes).toString()).toBe("3456");
    const err = await handle.stat().catch((e: any) => e);
    expect(err.code).toBe("EBADF");
  });

  test("createWriteStream writes through the handle", async () => {
    const path = file();
    const handle = await fsp.open(path, "w");
    const ws = handle.createWriteStream({ encoding: "latin1" });
    ws.end("caf\u00e9");
    await new Promise((resolve) => ws.on("close", resolve));
    expect([...fs.readFileSync(path)]).toEqual([0x63, 0x61, 0x66, 0xe9]);
  });

  test("readLines yields the lines, whatever their ending", async () => {
    const handle = await fsp.open(file("a\nb\r\n\nlast"));
    const lines: string[] = [];
    for await (const line of handle.readLines()) lines.push(line);
    expect(lines).toEqual(["a", "b", "", "last"]);
  });
});
