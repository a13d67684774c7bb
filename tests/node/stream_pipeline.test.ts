import { describe, test, expect } from "bun:test";
import { Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished, addAbortSignal, compose } from "node:stream";
import * as streamPromises from "node:stream/promises";
import consumers, { text, json, buffer, arrayBuffer, blob } from "node:stream/consumers";

const settle = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

const describeError = (e: any) => (e ? `${e.code ?? e.name}:${e.message}` : String(e));

function errorOf(f: () => unknown) {
  try {
    f();
  } catch (e: any) {
    return { name: e.name, code: e.code, message: e.message };
  }
  return null;
}

/** A Writable collecting what it is given (as strings unless objectMode). */
function sink(opts: any = {}) {
  const chunks: any[] = [];
  const w = new Writable({
    ...opts,
    write(c, e, cb) {
      chunks.push(opts.objectMode ? c : String(c));
      cb();
    },
  });
  return { w, chunks };
}

describe("Readable.prototype.pipe", () => {
  test("pipes with backpressure and ends the destination", async () => {
    const log: string[] = [];
    let n = 0;
    const r = new Readable({
      highWaterMark: 2,
      read() {
        n++;
        this.push(n <= 4 ? "ab" : null);
      },
    });
    const w = new Writable({
      highWaterMark: 3,
      write(c, e, cb) {
        log.push(`write:${c}`);
        setTimeout(cb, 1);
      },
    });
    w.on("pipe", (src) => log.push(`pipe:${src === r}`));
    w.on("unpipe", () => log.push("unpipe"));
    w.on("finish", () => log.push("finish"));
    expect(r.pipe(w)).toBe(w);
    await new Promise((resolve) => w.on("close", resolve));
    expect(log).toEqual(["pipe:true", "write:ab", "write:ab", "write:ab", "write:ab", "finish", "unpipe"]);
  });

  test("{ end: false } leaves the destination open", async () => {
    const r = Readable.from(["x"], { objectMode: false });
    const { w, chunks } = sink();
    r.pipe(w, { end: false });
    await new Promise((resolve) => r.on("end", resolve));
    await settle();
    expect(chunks).toEqual(["x"]);
    expect(w.writableEnded).toBe(false);
  });

  test("one source into two destinations waits for the slower one", async () => {
    const r = new Readable({ read() {} });
    const log: string[] = [];
    const mk = (name: string, delay: number) =>
      new Writable({
        highWaterMark: 1,
        write(c, e, cb) {
          log.push(`${name}${c}`);
          setTimeout(cb, delay);
        },
      });
    const a = mk("A", 1);
    const b = mk("B", 3);
    r.pipe(a);
    r.pipe(b);
    r.push("1");
    r.push("2");
    r.push(null);
    await Promise.all([new Promise((res) => a.on("finish", res)), new Promise((res) => b.on("finish", res))]);
    expect(log).toEqual(["A1", "B1", "A2", "B2"]);
  });

  test("unpipe() stops the flow and emits 'unpipe'", async () => {
    const r = new Readable({ read() {} });
    const { w, chunks } = sink();
    let unpiped = false;
    w.on("unpipe", (src) => (unpiped = src === r));
    r.pipe(w);
    r.push("1");
    await settle();
    r.unpipe(w);
    expect(unpiped).toBe(true);
    expect(r.readableFlowing).toBe(false);
    r.push("2");
    await settle();
    expect(chunks).toEqual(["1"]);
    expect(r.readableLength).toBe(1);
  });

  test("a destination error unpipes the source and is emitted once", async () => {
    const r = new Readable({ read() {} });
    const w = new Writable({ write: (c, e, cb) => cb(new Error("wfail")) });
    const log: string[] = [];
    w.on("error", (e) => log.push(`error:${e.message}`));
    w.on("unpipe", () => log.push("unpipe"));
    r.pipe(w);
    r.push("x");
    await settle();
    expect(log).toEqual(["unpipe", "error:wfail"]);
    expect(r.destroyed).toBe(false);
    expect(r.readableFlowing).toBe(false);
  });
});

describe("finished", () => {
  test("calls back when a readable ends, a writable finishes", async () => {
    const log: string[] = [];
    const r = new Readable({ read() {} });
    finished(r, (err) => log.push(`readable:${err}`));
    r.resume();
    r.push(null);
    const w = new Writable({ write: (c, e, cb) => cb() });
    const cleanup = finished(w, (err) => log.push(`writable:${err}`));
    expect(typeof cleanup).toBe("function");
    w.end("x");
    await settle();
    expect(log.sort()).toEqual(["readable:undefined", "writable:undefined"]);
  });

  test("errors, premature close, and streams already done", async () => {
    const log: string[] = [];
    const r = new Readable({ read() {} });
    finished(r, (err) => log.push(`destroyed: ${describeError(err)}`));
    r.destroy();
    await settle();
    const r2 = new Readable({ read() {} });
    finished(r2, (err) => log.push(`errored: ${describeError(err)}`));
    r2.destroy(new Error("r2"));
    await settle();
    const done = new Readable({ read() {} });
    done.resume();
    done.push(null);
    await settle();
    finished(done, (err) => log.push(`late: ${describeError(err)}`));
    await settle();
    expect(log).toEqual(["destroyed: ERR_STREAM_PREMATURE_CLOSE:Premature close", "errored: Error:r2", "late: undefined"]);
  });

  test("cleanup() removes its listeners; { error: false } ignores 'error'", async () => {
    const r = new Readable({ read() {} });
    const before = r.listenerCount("end");
    const cleanup = finished(r, () => {});
    expect(r.listenerCount("end")).toBe(before + 1);
    cleanup();
    expect(r.listenerCount("end")).toBe(before);

    const r2 = new Readable({ read() {}, autoDestroy: false });
    let got: any = "not called";
    r2.on("error", () => {});
    finished(r2, { error: false }, (err) => (got = err));
    r2.emit("error", new Error("ignored"));
    await settle();
    expect(got).toBe("not called");
  });

  test("an aborted signal ends the wait with an AbortError", async () => {
    const ac = new AbortController();
    let err: any;
    finished(new Readable({ read() {} }), { signal: ac.signal }, (e) => (err = e));
    ac.abort();
    await settle();
    expect(err?.name).toBe("AbortError");
    expect(err?.code).toBe("ABORT_ERR");
  });

  test("argument errors", () => {
    expect(errorOf(() => finished(5 as any, () => {}))).toEqual({
      name: "TypeError",
      code: "ERR_INVALID_ARG_TYPE",
      message: 'The "stream" argument must be an instance of ReadableStream, WritableStream, or Stream. Received type number (5)',
    });
    expect(errorOf(() => finished(new Readable(), 1 as any))?.message).toBe(
      'The "callback" argument must be of type function. Received type number (1)',
    );
  });

  test("a legacy stream finishes on 'end'", async () => {
    const { Stream } = await import("node:stream");
    const old = new Stream() as any;
    old.readable = true;
    let called = "no";
    finished(old, (err) => (called = String(err)));
    old.emit("end");
    expect(called).toBe("undefined");
  });
});

describe("pipeline", () => {
  test("pipes streams together and calls back once; returns the last stream", async () => {
    const src = Readable.from(["a", "b"]);
    const upper = new Transform({ transform: (c, e, cb) => cb(null, String(c).toUpperCase()) });
    const { w, chunks } = sink();
    const done = new Promise<any[]>((resolve) => {
      const ret = pipeline(src, upper, w, (...args) => resolve(args));
      expect(ret).toBe(w);
    });
    const args = await done;
    expect(args).toEqual([undefined, undefined]);
    expect(chunks).toEqual(["A", "B"]);
    expect([src.destroyed, upper.destroyed, w.destroyed]).toEqual([true, true, true]);
  });

  test("an error anywhere destroys every stream and reaches the callback", async () => {
    const src = new Readable({ read() {} });
    const t = new Transform({ transform: (c, e, cb) => cb(new Error("tfail")) });
    const dst = new Writable({ write: (c, e, cb) => cb() });
    const done = new Promise<any>((resolve) => pipeline(src, t, dst, resolve));
    src.push("x");
    const err = await done;
    expect(err?.message).toBe("tfail");
    expect([src.destroyed, t.destroyed, dst.destroyed]).toEqual([true, true, true]);
  });

  test("the error ordering: the failing stream, then the others", async () => {
    const log: string[] = [];
    const src = new Readable({ read() {} });
    const t = new Transform({ transform: (c, e, cb) => cb(new Error("tfail")) });
    const dst = new Writable({ write: (c, e, cb) => cb() });
    [src, t, dst].forEach((s, i) => {
      s.on("error", (e) => log.push(`error ${i}:${e.message}`));
      s.on("close", () => log.push(`close ${i}`));
    });
    const done = new Promise((resolve) => pipeline(src, t, dst, (err) => resolve(log.push(`done:${err?.message}`))));
    src.push("x");
    await done;
    expect(log).toEqual(["error 1:tfail", "close 1", "error 0:tfail", "close 0", "error 2:tfail", "close 2", "done:tfail"]);
  });

  test("a destination closed early is a premature close", async () => {
    const src = new Readable({ read() {} });
    const dst = new Writable({ write: (c, e, cb) => cb() });
    const done = new Promise<any>((resolve) => pipeline(src, dst, resolve));
    src.push("x");
    await settle();
    dst.destroy();
    const err = await done;
    expect(err?.code).toBe("ERR_STREAM_PREMATURE_CLOSE");
    expect(src.destroyed).toBe(true);
  });

  test("async generator functions as source, transform and destination", async () => {
    const result = await new Promise<any[]>((resolve) =>
      pipeline(
        function* () {
          yield "a";
          yield "b";
        },
        async function* (source: AsyncIterable<string>, { signal }: { signal: AbortSignal }) {
          expect(signal.aborted).toBe(false);
          for await (const c of source) yield c.toUpperCase();
        },
        async function (source: AsyncIterable<string>) {
          let s = "";
          for await (const c of source) s += c;
          return s;
        },
        (...args: any[]) => resolve(args),
      ),
    );
    expect(result).toEqual([undefined, "AB"]);
  });

  test("a throwing generator fails the pipeline and destroys the source", async () => {
    const src = new Readable({ read() {} });
    const done = new Promise<any>((resolve) =>
      pipeline(
        src,
        async function* (s: AsyncIterable<any>) {
          for await (const c of s) throw new Error(`gen fail on ${c}`);
        },
        new PassThrough(),
        resolve,
      ),
    );
    src.push("a");
    const err = await done;
    expect(err?.message).toBe("gen fail on a");
    expect(src.destroyed).toBe(true);
  });

  test("an iterable source feeds a writable", async () => {
    const { w, chunks } = sink({ objectMode: true });
    await new Promise((resolve) => pipeline([1, 2, 3], w, resolve));
    expect(chunks).toEqual([1, 2, 3]);
  });

  test("argument errors", () => {
    expect(errorOf(() => pipeline(new Readable(), (() => {}) as any))).toEqual({
      name: "TypeError",
      code: "ERR_MISSING_ARGS",
      message: 'The "streams" argument must be specified',
    });
    expect(errorOf(() => (pipeline as any)(new Readable(), new Writable()))?.message).toBe(
      'The "streams[stream.length - 1]" property must be of type function. Received an instance of Writable',
    );
    expect(errorOf(() => pipeline((() => 5) as any, new Writable(), () => {}))?.code).toBe("ERR_INVALID_RETURN_VALUE");
  });

  test("stream/promises pipeline resolves, rejects, and honours a signal", async () => {
    const { w, chunks } = sink();
    expect(await streamPromises.pipeline(Readable.from(["q"]), w)).toBe(undefined);
    expect(chunks).toEqual(["q"]);

    let err: any;
    try {
      await streamPromises.pipeline(Readable.from(["q"]), async function* (s: AsyncIterable<any>) {
        for await (const c of s) throw new Error("pfail");
      });
    } catch (e) {
      err = e;
    }
    expect(err?.message).toBe("pfail");

    const ac = new AbortController();
    const pending = streamPromises.pipeline(new Readable({ read() {} }), new PassThrough(), { signal: ac.signal });
    ac.abort();
    let aborted: any;
    try {
      await pending;
    } catch (e) {
      aborted = e;
    }
    expect(aborted?.name).toBe("AbortError");
  });

  test("stream/promises finished", async () => {
    const r = Readable.from([1]);
    r.resume();
    expect(await streamPromises.finished(r)).toBe(undefined);
    const r2 = new Readable({ read() {} });
    const p = streamPromises.finished(r2);
    r2.destroy(new Error("x2"));
    let err: any;
    try {
      await p;
    } catch (e) {
      err = e;
    }
    expect(err?.message).toBe("x2");
    expect(finished.finished).toBe(streamPromises.finished);
  });
});

describe("async iteration and Readable.from", () => {
  test("for await reads every chunk, then the loop ends", async () => {
    const r = new Readable({ read() {} });
    r.push("a");
    r.push("b");
    r.push(null);
    const out: string[] = [];
    for await (const c of r) out.push(String(c));
    expect(out.join("")).toBe("ab");
    expect(r.destroyed).toBe(true);
  });

  test("an error thrown by the stream is thrown by the loop", async () => {
    const r = new Readable({ read() {} });
    r.push("a");
    setTimeout(() => r.destroy(new Error("it fail")), 2);
    const out: string[] = [];
    let err: any;
    try {
      for await (const c of r) out.push(String(c));
    } catch (e) {
      err = e;
    }
    expect(out).toEqual(["a"]);
    expect(err?.message).toBe("it fail");
  });

  test("break destroys the stream unless destroyOnReturn is false", async () => {
    const r = Readable.from([1, 2, 3]);
    for await (const c of r) {
      expect(c).toBe(1);
      break;
    }
    expect(r.destroyed).toBe(true);

    const kept = Readable.from([1, 2, 3]);
    for await (const c of kept.iterator({ destroyOnReturn: false })) {
      expect(c).toBe(1);
      break;
    }
    expect(kept.destroyed).toBe(false);
    const rest: number[] = [];
    for await (const c of kept) rest.push(c);
    expect(rest).toEqual([2, 3]);
  });

  test("Readable.from: objectMode with highWaterMark 1; strings and Buffers are one chunk", async () => {
    async function* gen() {
      yield "a";
      await null;
      yield "b";
    }
    const r = Readable.from(gen());
    expect(r.readableObjectMode).toBe(true);
    expect(r.readableHighWaterMark).toBe(1);
    expect(await r.toArray()).toEqual(["a", "b"]);
    expect(await Readable.from("abc").toArray()).toEqual(["abc"]);
    const bufs = await Readable.from(Buffer.from("xy")).toArray();
    expect(bufs.length).toBe(1);
    expect(await Readable.from([Promise.resolve(7), 8]).toArray()).toEqual([7, 8]);
  });

  test("Readable.from: null values fail; non-iterables throw", async () => {
    const r = Readable.from([1, null, 2]);
    let err: any;
    r.on("error", (e) => (err = e));
    r.resume();
    await settle();
    expect(err?.code).toBe("ERR_STREAM_NULL_VALUES");
    expect(errorOf(() => Readable.from(5 as any))).toEqual({
      name: "TypeError",
      code: "ERR_INVALID_ARG_TYPE",
      message: 'The "iterable" argument must be an instance of Iterable. Received type number (5)',
    });
  });

  test("destroying a Readable.from stream returns its iterator", async () => {
    const log: string[] = [];
    function* g() {
      try {
        yield 1;
        yield 2;
      } finally {
        log.push("finally");
      }
    }
    const r = Readable.from(g());
    r.once("data", () => r.destroy());
    await new Promise((resolve) => r.on("close", resolve));
    expect(log).toEqual(["finally"]);
  });
});

describe("operators", () => {
  test("map / filter / toArray", async () => {
    const out = await Readable.from([1, 2, 3, 4])
      .map((x: number) => x * 2)
      .filter((x: number) => x > 2)
      .toArray();
    expect(out).toEqual([4, 6, 8]);
  });

  test("reduce / some / every / find / forEach", async () => {
    expect(await Readable.from([1, 2, 3]).reduce((a: number, b: number) => a + b, 10)).toBe(16);
    expect(await Readable.from([1, 2, 3]).reduce((a: number, b: number) => a + b)).toBe(6);
    expect(await Readable.from([1, 2, 3]).some((x: number) => x > 2)).toBe(true);
    expect(await Readable.from([1, 2, 3]).every((x: number) => x > 2)).toBe(false);
    expect(await Readable.from([1, 2, 3]).find((x: number) => x > 1)).toBe(2);
    const seen: number[] = [];
    expect(await Readable.from([1, 2]).forEach((x: number) => void seen.push(x))).toBe(undefined);
    expect(seen).toEqual([1, 2]);
  });

  test("drop / take / flatMap", async () => {
    expect(await Readable.from([1, 2, 3, 4, 5]).drop(1).take(2).toArray()).toEqual([2, 3]);
    expect(await Readable.from([1, 2]).flatMap((x: number) => [x, x]).toArray()).toEqual([1, 1, 2, 2]);
  });

  test("map with concurrency keeps the input order", async () => {
    const started: number[] = [];
    const out = await Readable.from([3, 1, 2])
      .map(
        async (x: number) => {
          started.push(x);
          await settle(x * 2);
          return x;
        },
        { concurrency: 3 },
      )
      .toArray();
    expect(out).toEqual([3, 1, 2]);
    expect(started).toEqual([3, 1, 2]);
  });

  test("argument errors", async () => {
    let err: any;
    try {
      await Readable.from([]).reduce((a: any) => a);
    } catch (e) {
      err = e;
    }
    expect(describeError(err)).toBe("ERR_MISSING_ARGS:Reduce of an empty stream requires an initial value");
    expect(errorOf(() => Readable.from([1]).drop(-1))?.message).toBe(
      'The value of "number" is out of range. It must be >= 0. Received -1',
    );
    expect(errorOf(() => Readable.from([1]).map((x: any) => x, { concurrency: 0 }))?.code).toBe("ERR_OUT_OF_RANGE");
    expect(errorOf(() => Readable.from([1]).map(5 as any))?.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(errorOf(() => new (Readable.prototype.map as any)())?.code).toBe("ERR_ILLEGAL_CONSTRUCTOR");
  });
});

describe("compose, Duplex.from, addAbortSignal", () => {
  test("compose chains a stream and an async generator into one Duplex", async () => {
    const c = compose(
      new Transform({ transform: (ch, e, cb) => cb(null, `${ch}1`) }),
      async function* (s: AsyncIterable<any>) {
        for await (const ch of s) yield `${ch}2`;
      },
    );
    expect(c).toBeInstanceOf(Duplex);
    const out: string[] = [];
    c.on("data", (d) => out.push(String(d)));
    c.write("a");
    c.end("b");
    await new Promise((resolve) => c.on("end", resolve));
    expect(out).toEqual(["a12", "b12"]);
  });

  test("compose rejects a stream on the wrong side", () => {
    const w = new Writable();
    const err = errorOf(() => compose(w, new PassThrough()));
    expect(err?.code).toBe("ERR_INVALID_ARG_VALUE");
    expect(err?.message.startsWith("The argument 'streams[0]' must be readable. Received Writable {")).toBe(true);
    expect(errorOf(() => compose())?.code).toBe("ERR_MISSING_ARGS");
  });

  test("Duplex.from: async generator function, promise, iterable, readable, pair", async () => {
    const d = Duplex.from(async function* (src: AsyncIterable<any>) {
      for await (const c of src) yield String(c).toUpperCase();
    });
    d.end("hi");
    expect(await d.toArray()).toEqual(["HI"]);

    expect(await Duplex.from(Promise.resolve("v")).toArray()).toEqual(["v"]);
    const it = Duplex.from([1, 2]);
    expect(it.writable).toBe(false);
    expect(await it.toArray()).toEqual([1, 2]);

    const duplex = new PassThrough();
    expect(Duplex.from(duplex)).toBe(duplex);

    const { w, chunks } = sink();
    const pair = Duplex.from({ readable: Readable.from(["p"]), writable: w });
    pair.end("w");
    expect(await pair.toArray()).toEqual(["p"]);
    expect(chunks).toEqual(["w"]);

    expect(errorOf(() => Duplex.from(5 as any))?.code).toBe("ERR_INVALID_ARG_TYPE");
  });

  test("addAbortSignal destroys the stream with an AbortError carrying the reason", async () => {
    const ac = new AbortController();
    const r = addAbortSignal(ac.signal, new Readable({ read() {} }));
    const log: string[] = [];
    r.on("error", (e: any) => log.push(`${e.name}:${e.code}:${e.cause === ac.signal.reason}`));
    r.on("close", () => log.push("close"));
    ac.abort();
    await settle();
    expect(log).toEqual(["AbortError:ABORT_ERR:true", "close"]);

    const pre = new Readable({ read() {}, signal: AbortSignal.abort() });
    pre.on("error", () => {});
    expect(pre.destroyed).toBe(true);

    expect(errorOf(() => addAbortSignal({} as any, r))?.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(errorOf(() => addAbortSignal(ac.signal, {} as any))?.message).toBe(
      'The "stream" argument must be an instance of ReadableStream, WritableStream, or Stream. Received an instance of Object',
    );
  });
});

describe("stream/consumers", () => {
  test("text decodes UTF-8 across chunks; json parses", async () => {
    const euro = Buffer.from("a€b");
    expect(await text(Readable.from([euro.subarray(0, 2), euro.subarray(2)]))).toBe("a€b");
    expect(await json(Readable.from(['{"a":', "[1,2]}"]))).toEqual({ a: [1, 2] });
    expect(
      await text(
        (async function* () {
          yield "gen";
        })(),
      ),
    ).toBe("gen");
    let err: any;
    try {
      await json(Readable.from(["{bad"]));
    } catch (e) {
      err = e;
    }
    expect(err?.name).toBe("SyntaxError");
  });

  test("buffer, arrayBuffer and blob", async () => {
    const b = await buffer(Readable.from([Buffer.from("xy"), "z"]));
    expect(Buffer.isBuffer(b)).toBe(true);
    expect(b.toString()).toBe("xyz");
    const ab = await arrayBuffer(Readable.from([new Uint8Array([1, 2])]));
    expect(ab instanceof ArrayBuffer).toBe(true);
    expect(ab.byteLength).toBe(2);
    const bl = await blob(Readable.from(["hi", Buffer.from("!")]));
    expect(bl.size).toBe(3);
    expect(await bl.text()).toBe("hi!");
    for (const name of ["arrayBuffer", "blob", "buffer", "json", "text"]) expect(typeof (consumers as any)[name]).toBe("function");
  });
});
