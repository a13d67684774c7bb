// node:stream ⇄ WHATWG streams: Readable.toWeb/fromWeb, Writable.toWeb/fromWeb,
// Duplex.toWeb/fromWeb — chunks, ends, errors, cancellation and backpressure across the two.
import { describe, expect, test } from "bun:test";
import { Duplex, PassThrough, Readable, Writable } from "node:stream";

function thrown(fn: () => unknown): any {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected a throw");
}

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const chunk of stream) out.push(chunk);
  return out;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("Readable.toWeb", () => {
  test("object-mode chunks come through in order, then the web stream closes", async () => {
    const web = Readable.toWeb(Readable.from(["a", "b", "c"]));
    expect(web).toBeInstanceOf(ReadableStream);
    expect(await collect(web as any)).toEqual(["a", "b", "c"]);
  });

  test("bytes arrive as plain Uint8Arrays (copies of the Buffers)", async () => {
    const source = new Readable({ read() {} });
    source.push(Buffer.from("xy"));
    source.push("z");
    source.push(null);
    const chunks = await collect<Uint8Array>(Readable.toWeb(source) as any);
    expect(chunks.map((c) => [c.constructor.name, new TextDecoder().decode(c)])).toEqual([
      ["Uint8Array", "xy"],
      ["Uint8Array", "z"],
    ]);
  });

  test("an error on the Node side errors the web stream; an early close is an AbortError", async () => {
    const failing = new Readable({ read() {} });
    const reader = Readable.toWeb(failing).getReader();
    failing.destroy(new Error("boom"));
    expect((await reader.read().catch((e: any) => e)).message).toBe("boom");

    const closed = new Readable({ read() {} });
    const early = Readable.toWeb(closed).getReader();
    closed.destroy();
    const err = await early.read().catch((e: any) => e);
    expect([err.name, err.code, err.cause?.code]).toEqual(["AbortError", "ABORT_ERR", "ERR_STREAM_PREMATURE_CLOSE"]);
  });

  test("cancel(reason) destroys the Node stream with the reason", async () => {
    const source = new Readable({ read() {} });
    let error: any;
    source.on("error", (e) => (error = e));
    await Readable.toWeb(source).cancel(new Error("why"));
    await tick();
    expect([source.destroyed, error?.message]).toEqual([true, "why"]);
  });

  test("the Node stream pauses while the web queue is full and resumes when read", async () => {
    let produced = 0;
    const source = new Readable({
      objectMode: true,
      highWaterMark: 1,
      read() {
        this.push(++produced <= 10 ? produced : null);
      },
    });
    const reader = Readable.toWeb(source).getReader();
    await tick();
    // The web queue holds about the highWaterMark: the source did not run through all ten.
    expect(source.isPaused()).toBe(true);
    expect(produced).toBeLessThan(10);
    const values: number[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) values.push(r.value);
    expect(values).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  test("argument errors", () => {
    for (const value of [{}, new Writable()]) {
      const err = thrown(() => Readable.toWeb(value as any));
      expect(err.code).toBe("ERR_INVALID_ARG_TYPE");
      expect(err.message).toStartWith('The "streamReadable" argument must be ');
    }
  });
});

describe("Readable.fromWeb", () => {
  test("bytes, decoded with the encoding option", async () => {
    const web = new ReadableStream({
      start(c) {
        c.enqueue(new Uint8Array([104, 105]));
        c.enqueue(new Uint8Array([33]));
        c.close();
      },
    });
    const readable = Readable.fromWeb(web as any, { encoding: "utf8" });
    expect(readable).toBeInstanceOf(Readable);
    expect(readable.readableObjectMode).toBe(false);
    expect((await collect<string>(readable)).join("")).toBe("hi!");
  });

  test("objects in object mode; an empty stream just ends", async () => {
    const objects = new ReadableStream({
      start(c) {
        c.enqueue({ a: 1 });
        c.close();
      },
    });
    expect(await collect(Readable.fromWeb(objects as any, { objectMode: true }))).toEqual([{ a: 1 }]);
    const empty = Readable.fromWeb(new ReadableStream({ start: (c) => c.close() }) as any);
    const events: string[] = [];
    empty.on("end", () => events.push("end"));
    empty.on("close", () => events.push("close"));
    empty.resume();
    await new Promise((resolve) => empty.on("close", resolve));
    expect(events).toEqual(["end", "close"]);
  });

  test("a web error is the Node stream's 'error'", async () => {
    const web = new ReadableStream({
      pull(c) {
        c.error(new Error("web boom"));
      },
    });
    const readable = Readable.fromWeb(web as any);
    readable.resume();
    const err: any = await new Promise((resolve) => readable.on("error", resolve));
    expect(err.message).toBe("web boom");
  });

  test("destroy(err) cancels the web stream with err; a signal aborts it", async () => {
    let reason: any;
    const web = new ReadableStream({
      pull(c) {
        c.enqueue(new Uint8Array(1));
      },
      cancel(r) {
        reason = r;
      },
    });
    const readable = Readable.fromWeb(web as any);
    readable.on("error", () => {});
    readable.destroy(new Error("stop"));
    await new Promise((resolve) => readable.on("close", resolve));
    expect(reason?.message).toBe("stop");

    const ac = new AbortController();
    const aborted = Readable.fromWeb(new ReadableStream({ pull: (c) => c.enqueue(new Uint8Array(1)) }) as any, { signal: ac.signal });
    let error: any;
    aborted.on("error", (e) => (error = e));
    ac.abort();
    await new Promise((resolve) => aborted.on("close", resolve));
    expect(error?.name).toBe("AbortError");
  });

  test("argument errors", () => {
    const err = thrown(() => Readable.fromWeb({} as any));
    expect(err.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(err.message).toStartWith('The "readableStream" argument must be ');
    expect(thrown(() => Readable.fromWeb(new ReadableStream() as any, 1 as any)).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(thrown(() => Readable.fromWeb(new ReadableStream() as any, { encoding: "utf9" as any })).code).toBe("ERR_INVALID_ARG_VALUE");
    expect(thrown(() => Readable.fromWeb(new ReadableStream() as any, { objectMode: 1 as any })).message).toBe(
      'The "options.objectMode" property must be of type boolean. Received type number (1)',
    );
  });
});

describe("Writable.toWeb", () => {
  test("writes reach the Node stream; close() ends it", async () => {
    const got: string[] = [];
    const node = new Writable({
      write(chunk, _encoding, cb) {
        got.push(chunk.toString());
        cb();
      },
    });
    const web = Writable.toWeb(node);
    expect(web).toBeInstanceOf(WritableStream);
    const writer = web.getWriter();
    await writer.write("str");
    await writer.write(new Uint8Array([65]));
    await writer.close();
    expect(got).toEqual(["str", "A"]);
    expect(node.writableFinished).toBe(true);
  });

  test("write() waits for 'drain' when the Node stream is full", async () => {
    const finishWrite: Array<() => void> = [];
    const node = new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, cb) {
        finishWrite.push(cb);
      },
    });
    const writer = Writable.toWeb(node).getWriter();
    let settled = false;
    const first = writer.write("ab").then(() => (settled = true));
    await tick();
    expect([settled, node.writableNeedDrain]).toEqual([false, true]);
    finishWrite.shift()!();
    await first;
    expect(settled).toBe(true);
  });

  test("a Node error errors the web stream; abort(reason) destroys the Node stream", async () => {
    const failing = new Writable({
      write(_chunk, _encoding, cb) {
        cb(new Error("wfail"));
      },
    });
    failing.on("error", () => {});
    const writer = Writable.toWeb(failing).getWriter();
    writer.write("x").catch(() => {});
    expect((await writer.closed.catch((e: any) => e)).message).toBe("wfail");

    const target = new Writable({ write: (_c, _e, cb) => cb() });
    let error: any;
    target.on("error", (e) => (error = e));
    await Writable.toWeb(target).abort(new Error("ab"));
    await tick();
    expect([target.destroyed, error?.message]).toEqual([true, "ab"]);
  });

  test("argument errors", () => {
    const err = thrown(() => Writable.toWeb({} as any));
    expect(err.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(err.message).toStartWith('The "streamWritable" argument must be ');
  });
});

describe("Writable.fromWeb", () => {
  test("strings are encoded to Buffers before they reach the web stream", async () => {
    const chunks: Uint8Array[] = [];
    const web = new WritableStream({
      write(chunk) {
        chunks.push(chunk);
      },
    });
    const writable = Writable.fromWeb(web as any);
    expect(writable).toBeInstanceOf(Writable);
    writable.write("h\u00e9llo");
    writable.write(Buffer.from("B"));
    writable.end("latin", "latin1");
    await new Promise((resolve) => writable.on("finish", resolve));
    expect(chunks.map((c) => [Buffer.isBuffer(c), Buffer.from(c).toString()])).toEqual([
      [true, "h\u00e9llo"],
      [true, "B"],
      [true, "latin"],
    ]);
  });

  test("a failing sink fails the write callback, then the stream", async () => {
    const web = new WritableStream({
      write() {
        throw new Error("sink fail");
      },
    });
    const writable = Writable.fromWeb(web as any);
    const seen: string[] = [];
    writable.write("x", (err) => seen.push(`callback:${err?.message}`));
    const err: any = await new Promise((resolve) => writable.on("error", resolve));
    seen.push(`error:${err.message}`);
    expect(seen).toEqual(["callback:sink fail", "error:sink fail"]);
  });

  test("argument errors", () => {
    expect(thrown(() => Writable.fromWeb({} as any)).message).toStartWith('The "writableStream" argument must be ');
    expect(thrown(() => Writable.fromWeb(new WritableStream() as any, { decodeStrings: 1 as any })).message).toBe(
      'The "options.decodeStrings" property must be of type boolean. Received type number (1)',
    );
  });
});

describe("Duplex.toWeb / Duplex.fromWeb", () => {
  test("a PassThrough as a web { readable, writable } pair", async () => {
    const { readable, writable } = Duplex.toWeb(new PassThrough());
    expect(readable).toBeInstanceOf(ReadableStream);
    expect(writable).toBeInstanceOf(WritableStream);
    const writer = writable.getWriter();
    writer.write(new TextEncoder().encode("du"));
    writer.write(new TextEncoder().encode("plex"));
    writer.close();
    const text = (await collect<Uint8Array>(readable as any)).map((c) => new TextDecoder().decode(c)).join("");
    expect(text).toBe("duplex");
  });

  test("a TransformStream as a Duplex, half-open off by default", async () => {
    const upper = new TransformStream({
      transform(chunk, c) {
        c.enqueue(new TextEncoder().encode(new TextDecoder().decode(chunk).toUpperCase()));
      },
    });
    const duplex = Duplex.fromWeb(upper as any, { encoding: "utf8" });
    expect(duplex).toBeInstanceOf(Duplex);
    expect(duplex.allowHalfOpen).toBe(false);
    duplex.end("abc");
    expect((await collect<string>(duplex)).join("")).toBe("ABC");
  });

  test("argument errors", () => {
    expect(thrown(() => Duplex.toWeb(new Readable() as any)).message).toStartWith('The "duplex" argument must be ');
    expect(thrown(() => Duplex.fromWeb(1 as any)).message).toBe('The "pair" argument must be of type object. Received type number (1)');
    expect(thrown(() => Duplex.fromWeb({ readable: new ReadableStream() } as any)).message).toStartWith(
      'The "pair.writable" property must be ',
    );
    expect(thrown(() => Duplex.fromWeb({ writable: new WritableStream() } as any)).message).toStartWith(
      'The "pair.readable" property must be ',
    );
  });
});
