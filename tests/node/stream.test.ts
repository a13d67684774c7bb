import { describe, test, expect } from "bun:test";
import stream, {
  Readable,
  Writable,
  Duplex,
  Transform,
  PassThrough,
  Stream,
  getDefaultHighWaterMark,
  setDefaultHighWaterMark,
  isReadable,
  isWritable,
  isErrored,
  isDisturbed,
  isDestroyed,
  duplexPair,
} from "node:stream";
import { EventEmitter } from "node:events";

/** Waits for pending ticks, microtasks and short timers. */
const settle = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

function errorOf(f: () => unknown) {
  try {
    f();
  } catch (e: any) {
    return { name: e.name, code: e.code, message: e.message };
  }
  return null;
}

const describeError = (e: any) => (e ? `${e.code ?? e.name}:${e.message}` : String(e));

/** Records the named events of `s` into `log` as "name" or "name:detail". */
function record(s: EventEmitter, log: string[], events: string[], prefix = "") {
  for (const ev of events) {
    s.on(ev, (arg: any) => {
      if (ev === "data") log.push(`${prefix}data:${typeof arg === "string" || arg instanceof Uint8Array ? String(arg) : JSON.stringify(arg)}`);
      else if (ev === "error") log.push(`${prefix}error:${arg?.message}`);
      else log.push(`${prefix}${ev}`);
    });
  }
}

describe("module shape", () => {
  test("the default export is the legacy Stream carrying the classes", () => {
    expect(stream).toBe(Stream);
    expect(stream.Stream).toBe(Stream);
    expect(stream.Readable).toBe(Readable);
    expect(stream.Writable).toBe(Writable);
    expect(stream.Duplex).toBe(Duplex);
    expect(stream.Transform).toBe(Transform);
    expect(stream.PassThrough).toBe(PassThrough);
    for (const name of ["pipeline", "finished", "addAbortSignal", "compose", "destroy", "isReadable", "isErrored", "isDisturbed"]) {
      expect(typeof (stream as any)[name]).toBe("function");
    }
    expect(typeof stream.promises.pipeline).toBe("function");
    expect(typeof stream.promises.finished).toBe("function");
    expect((stream.finished as any)[Symbol.for("nodejs.util.promisify.custom")]).toBe(stream.promises.finished);
    expect((stream.pipeline as any)[Symbol.for("nodejs.util.promisify.custom")]).toBe(stream.promises.pipeline);
  });

  test("streams are EventEmitters, and the class chain is Node's", () => {
    const r = new Readable();
    expect(r).toBeInstanceOf(EventEmitter);
    expect(r).toBeInstanceOf(Stream);
    expect(Object.getPrototypeOf(Readable)).toBe(Stream);
    expect(Object.getPrototypeOf(Duplex.prototype)).toBe(Readable.prototype);
    expect(Object.getPrototypeOf(Transform.prototype)).toBe(Duplex.prototype);
    expect(Object.getPrototypeOf(PassThrough.prototype)).toBe(Transform.prototype);
  });

  test("a Duplex is an instance of Writable, a plain object is not", () => {
    expect(new Duplex()).toBeInstanceOf(Writable);
    expect(new PassThrough()).toBeInstanceOf(Writable);
    expect(new Readable()).not.toBeInstanceOf(Writable);
    expect({} instanceof Writable).toBe(false);
    class MyWritable extends Writable {}
    expect(new Duplex() instanceof MyWritable).toBe(false);
  });

  test("the constructors work without new and with old-style inheritance", () => {
    expect((Readable as any)()).toBeInstanceOf(Readable);
    expect((Writable as any)()).toBeInstanceOf(Writable);
    expect((Duplex as any)()).toBeInstanceOf(Duplex);
    expect((Transform as any)()).toBeInstanceOf(Transform);
    expect((PassThrough as any)()).toBeInstanceOf(PassThrough);

    function Counter(this: any) {
      Readable.call(this, { objectMode: true });
      this.n = 0;
    }
    Object.setPrototypeOf(Counter.prototype, Readable.prototype);
    Counter.prototype._read = function () {
      this.push(this.n < 3 ? this.n++ : null);
    };
    const c = new (Counter as any)();
    expect(c.read()).toBe(0);
    expect(c.readableObjectMode).toBe(true);
  });

  test("default highWaterMarks can be read and changed", () => {
    const bytes = getDefaultHighWaterMark(false);
    expect(getDefaultHighWaterMark(true)).toBe(16);
    expect(new Readable().readableHighWaterMark).toBe(bytes);
    expect(new Writable().writableHighWaterMark).toBe(bytes);
    expect(new Readable({ objectMode: true }).readableHighWaterMark).toBe(16);
    try {
      setDefaultHighWaterMark(false, 100);
      expect(new Readable().readableHighWaterMark).toBe(100);
      expect(new Writable().writableHighWaterMark).toBe(100);
    } finally {
      setDefaultHighWaterMark(false, bytes);
    }
    expect(errorOf(() => setDefaultHighWaterMark(true, -1))?.code).toBe("ERR_OUT_OF_RANGE");
  });

  test("an invalid highWaterMark throws ERR_INVALID_ARG_VALUE naming the option", () => {
    expect(errorOf(() => new Readable({ highWaterMark: -1 }))).toEqual({
      name: "TypeError",
      code: "ERR_INVALID_ARG_VALUE",
      message: "The property 'options.highWaterMark' is invalid. Received -1",
    });
    expect(errorOf(() => new Writable({ highWaterMark: 1.5 }))?.message).toBe(
      "The property 'options.highWaterMark' is invalid. Received 1.5",
    );
    expect(errorOf(() => new Duplex({ readableHighWaterMark: NaN }))?.message).toBe(
      "The property 'options.readableHighWaterMark' is invalid. Received NaN",
    );
    expect(errorOf(() => new Readable({ highWaterMark: "5" as any }))?.code).toBe("ERR_INVALID_ARG_VALUE");
    expect(new Readable({ highWaterMark: 0 }).readableHighWaterMark).toBe(0);
  });

  test("Duplex takes per-side options", () => {
    const d = new Duplex({ readableHighWaterMark: 3, writableHighWaterMark: 5, readableObjectMode: true });
    expect(d.readableHighWaterMark).toBe(3);
    expect(d.writableHighWaterMark).toBe(5);
    expect(d.readableObjectMode).toBe(true);
    expect(d.writableObjectMode).toBe(false);
    const e = new Duplex({ highWaterMark: 7, readableHighWaterMark: 3 });
    expect([e.readableHighWaterMark, e.writableHighWaterMark]).toEqual([7, 7]);
    // A one-sided stream ignores the Duplex-only keys.
    expect(new Readable({ readableHighWaterMark: 3 } as any).readableHighWaterMark).toBe(getDefaultHighWaterMark(false));
  });
});

describe("Readable: buffering and read()", () => {
  test("read(n) takes bytes across chunks; read() takes everything", () => {
    const r = new Readable({ read() {} });
    r.push("hello");
    r.push("world");
    expect(r.readableLength).toBe(10);
    expect(String(r.read(3))).toBe("hel");
    expect(String(r.read(4))).toBe("lowo");
    expect(r.read(10)).toBe(null);
    expect(String(r.read())).toBe("rld");
    expect(r.readableLength).toBe(0);
  });

  test("after push(null), read(n) larger than the buffer returns the rest", () => {
    const r = new Readable({ read() {} });
    r.push("abc");
    r.push(null);
    expect(String(r.read(10))).toBe("abc");
    expect(r.read()).toBe(null);
  });

  test("read(n) above highWaterMark raises it to the next power of two", () => {
    const r = new Readable({ read() {}, highWaterMark: 100 });
    r.read(1000);
    expect(r.readableHighWaterMark).toBe(1024);
    expect(errorOf(() => r.read(2 ** 31))).toEqual({
      name: "RangeError",
      code: "ERR_OUT_OF_RANGE",
      message: 'The value of "size" is out of range. It must be <= 1GiB. Received 2147483648',
    });
  });

  test("push() returns false once highWaterMark is reached", () => {
    const r = new Readable({ read() {}, highWaterMark: 4 });
    expect(r.push("ab")).toBe(true);
    expect(r.push("cd")).toBe(false);
    expect(r.push("ef")).toBe(false);
    expect(r.readableLength).toBe(6);
    r.push(null);
    expect(r.push === undefined).toBe(false);
  });

  test("objectMode counts items and keeps values as they are", () => {
    const r = new Readable({ objectMode: true, read() {} });
    r.push(1);
    r.push({ a: 1 });
    r.push("");
    r.push(false);
    expect(r.readableLength).toBe(4);
    expect(r.read()).toBe(1);
    expect(r.read()).toEqual({ a: 1 });
    expect(r.read(5)).toBe("");
    expect(r.read()).toBe(false);
    expect(r.read()).toBe(null);
  });

  test("typed arrays and DataViews are pushed as Buffers", () => {
    const r = new Readable({ read() {} });
    r.push(new Uint16Array([1, 2]));
    r.push(new DataView(new ArrayBuffer(2)));
    const out = r.read(6);
    expect(Buffer.isBuffer(out)).toBe(true);
    expect([...out]).toEqual([1, 0, 2, 0, 0, 0]);
  });

  test("setEncoding decodes characters split across chunks", () => {
    const r = new Readable({ read() {} });
    const euro = Buffer.from("€");
    r.push(euro.subarray(0, 1));
    r.setEncoding("utf8");
    r.push(euro.subarray(1));
    r.push(Buffer.from("x"));
    expect(r.readableEncoding).toBe("utf8");
    expect(r.read()).toBe("€x");
    const h = new Readable({ read() {}, encoding: "hex" });
    h.push("AB");
    expect(h.read()).toBe("4142");
  });

  test("setEncoding: an incomplete character at the end becomes U+FFFD", async () => {
    const r = new Readable({ read() {} });
    r.setEncoding("utf8");
    r.push(Buffer.from([0xe2]));
    r.push(null);
    const chunks: string[] = [];
    r.on("data", (c) => chunks.push(c));
    await settle();
    expect(chunks).toEqual(["\ufffd"]);
  });

  test("unshift puts data back in front, in the stream's encoding", () => {
    const r = new Readable({ read() {} });
    r.push("world");
    r.unshift("hello ");
    expect(r.readableLength).toBe(11);
    expect(String(r.read(11))).toBe("hello world");
    const h = new Readable({ read() {}, encoding: "hex" });
    h.push("ab", "utf8");
    h.push("ff", "hex");
    h.unshift("zz");
    expect(h.read(10)).toBe("7a7a6162ff");
  });

  test("_read is called with highWaterMark and may push synchronously", () => {
    const sizes: number[] = [];
    let n = 0;
    const r = new Readable({
      highWaterMark: 8,
      read(size) {
        sizes.push(size);
        this.push(n++ < 2 ? "x" : null);
      },
    });
    expect(String(r.read())).toBe("x");
    expect(sizes).toEqual([8]);
  });

  test("invalid chunks and pushes after EOF fail the stream", async () => {
    const errors: string[] = [];
    const r = new Readable({ read() {} });
    r.on("error", (e) => errors.push(describeError(e)));
    r.push(5 as any);
    const r2 = new Readable({ read() {} });
    r2.on("error", (e) => errors.push(describeError(e)));
    r2.push(null);
    r2.push("late");
    await settle();
    expect(errors).toEqual([
      'ERR_INVALID_ARG_TYPE:The "chunk" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (5)',
      "ERR_STREAM_PUSH_AFTER_EOF:stream.push() after EOF",
    ]);
    expect(r.destroyed).toBe(true);
  });

  test("a missing _read fails with ERR_METHOD_NOT_IMPLEMENTED", async () => {
    const r = new Readable();
    let err: any;
    r.on("error", (e) => (err = e));
    r.read();
    await settle();
    expect(err?.code).toBe("ERR_METHOD_NOT_IMPLEMENTED");
    expect(err?.message).toBe("The _read() method is not implemented");
  });

  test("an unknown defaultEncoding or setEncoding throws", () => {
    expect(errorOf(() => new Readable({ defaultEncoding: "bogus" as any }))).toEqual({
      name: "TypeError",
      code: "ERR_UNKNOWN_ENCODING",
      message: "Unknown encoding: bogus",
    });
    expect(errorOf(() => new Readable().setEncoding("bogus" as any))?.code).toBe("ERR_UNKNOWN_ENCODING");
  });
});

describe("Readable: modes and events", () => {
  test("a 'data' listener starts flowing on the next tick; 'end' then 'close'", async () => {
    const log: string[] = [];
    const r = new Readable({ read() {} });
    record(r, log, ["data", "end", "close", "resume"]);
    r.push("a");
    r.push("b");
    r.push(null);
    expect(r.readableFlowing).toBe(true);
    expect(log).toEqual([]);
    await settle();
    expect(log).toEqual(["resume", "data:a", "data:b", "end", "close"]);
    expect(r.readableEnded).toBe(true);
    expect(r.destroyed).toBe(true);
  });

  test("pause() stops 'data' until resume()", async () => {
    const log: string[] = [];
    const r = new Readable({ read() {} });
    r.on("data", (c) => {
      log.push(`data:${c}`);
      if (String(c) === "b") r.pause();
    });
    r.on("pause", () => log.push("pause"));
    r.push("a");
    r.push("b");
    r.push("c");
    await settle();
    expect(log).toEqual(["data:a", "data:b", "pause"]);
    expect(r.isPaused()).toBe(true);
    expect(r.readableFlowing).toBe(false);
    r.resume();
    await settle();
    expect(log).toEqual(["data:a", "data:b", "pause", "data:c"]);
    expect(r.isPaused()).toBe(false);
  });

  test("a 'data' listener does not restart a stream paused explicitly", async () => {
    const r = new Readable({ read() {} });
    r.pause();
    const got: string[] = [];
    r.on("data", (c) => got.push(String(c)));
    r.push("x");
    await settle();
    expect(got).toEqual([]);
    expect(r.readableFlowing).toBe(false);
  });

  test("'readable' with read() in a loop, then 'end'", async () => {
    const log: string[] = [];
    let i = 0;
    const r = new Readable({
      read() {
        i++;
        this.push(i <= 3 ? `x${i}` : null);
      },
    });
    r.on("readable", () => {
      let c;
      while ((c = r.read()) !== null) log.push(String(c));
    });
    r.on("end", () => log.push("end"));
    expect(r.readableFlowing).toBe(false);
    await settle();
    expect(log.join("")).toBe("x1x2x3end");
    expect(log[log.length - 1]).toBe("end");
  });

  test("a 'readable' listener takes precedence over 'data' until removed", async () => {
    const log: string[] = [];
    const r = new Readable({ read() {} });
    const onReadable = () => log.push(`readable:${r.readableLength}`);
    r.on("readable", onReadable);
    r.on("data", (c) => log.push(`data:${c}`));
    expect(r.readableFlowing).toBe(false);
    r.push("a");
    await settle();
    expect(log).toEqual(["readable:1"]);
    r.removeListener("readable", onReadable);
    await settle();
    // Once no 'readable' listener remains, the 'data' listener makes it flow.
    expect(r.readableFlowing).toBe(true);
    expect(log).toEqual(["readable:1", "data:a"]);
  });

  test("'end' is not emitted until the data is consumed", async () => {
    const r = new Readable({ read() {} });
    r.push("x");
    r.push(null);
    let ended = false;
    r.on("end", () => (ended = true));
    await settle();
    expect(ended).toBe(false);
    expect(r.readableEnded).toBe(false);
    expect(r.readable).toBe(true);
    r.read();
    r.read();
    await settle();
    expect(ended).toBe(true);
  });

  test("highWaterMark 0: _read is asked once per read", async () => {
    const log: string[] = [];
    let n = 0;
    const r = new Readable({
      highWaterMark: 0,
      read() {
        log.push("_read");
        if (n++ < 2) setTimeout(() => this.push("x"), 1);
        else this.push(null);
      },
    });
    r.on("data", (c) => log.push(`data:${c}`));
    await new Promise((resolve) => r.on("end", resolve));
    expect(log).toEqual(["_read", "data:x", "_read", "data:x", "_read"]);
  });

  test("state properties before and after use", () => {
    const r = new Readable({ read() {} });
    expect(r.readable).toBe(true);
    expect(r.readableFlowing).toBe(null);
    expect(r.readableEnded).toBe(false);
    expect(r.readableDidRead).toBe(false);
    expect(r.readableAborted).toBe(false);
    expect(r.readableEncoding).toBe(null);
    expect(r.destroyed).toBe(false);
    expect(r.closed).toBe(false);
    expect(r.errored).toBe(null);
    expect(r.isPaused()).toBe(false);
    r.push("x");
    r.read();
    expect(r.readableDidRead).toBe(true);
    expect(isDisturbed(r)).toBe(true);
    r.destroy();
    expect(r.readableAborted).toBe(true);
    expect(r.readable).toBe(false);
  });

  test("wrap() adapts an old-style stream", async () => {
    const old = new Stream() as any;
    const log: string[] = [];
    old.pause = () => log.push("old pause");
    old.resume = () => log.push("old resume");
    const r = new Readable({ highWaterMark: 1 }).wrap(old);
    old.emit("data", Buffer.from("a"));
    old.emit("data", Buffer.from("b"));
    r.on("data", (c) => log.push(`data:${c}`));
    r.on("end", () => log.push("end"));
    await settle();
    old.emit("end");
    await settle();
    expect(log).toEqual(["old pause", "old pause", "data:a", "old resume", "data:b", "end"]);
  });
});

describe("Readable: destroy", () => {
  test("destroy(err): destroyed at once, then 'error' and 'close' on the next tick", async () => {
    const log: string[] = [];
    const r = new Readable({ read() {} });
    record(r, log, ["error", "close"]);
    r.destroy(new Error("boom"));
    expect(r.destroyed).toBe(true);
    expect(r.errored?.message).toBe("boom");
    expect(log).toEqual([]);
    r.destroy(new Error("again"));
    await settle();
    expect(log).toEqual(["error:boom", "close"]);
    expect(r.closed).toBe(true);
  });

  test("_destroy's callback error is what destroy's callback and 'error' get", async () => {
    const log: string[] = [];
    const r = new Readable({
      read() {},
      destroy(err, cb) {
        log.push(`_destroy:${err?.message}`);
        cb(new Error("replaced"));
      },
    });
    record(r, log, ["error", "close"]);
    r.destroy(new Error("original"), (e) => log.push(`cb:${e?.message}`));
    await settle();
    expect(log).toEqual(["_destroy:original", "cb:replaced", "error:replaced", "close"]);
  });

  test("emitClose: false and autoDestroy: false", async () => {
    const log: string[] = [];
    const quiet = new Readable({ read() {}, emitClose: false });
    record(quiet, log, ["end", "close"], "quiet ");
    quiet.resume();
    quiet.push(null);
    const kept = new Readable({ read() {}, autoDestroy: false });
    record(kept, log, ["end", "close"], "kept ");
    kept.resume();
    kept.push(null);
    await settle();
    expect(log.sort()).toEqual(["kept end", "quiet end"]);
    expect(quiet.destroyed).toBe(true);
    expect(kept.destroyed).toBe(false);
  });

  test("with autoDestroy off an error is emitted but the stream is not destroyed", async () => {
    const r = new Readable({ read() {}, autoDestroy: false });
    const log: string[] = [];
    record(r, log, ["error", "close"]);
    r.push(5 as any);
    await settle();
    expect(log).toEqual(['error:The "chunk" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (5)']);
    expect(r.destroyed).toBe(false);
    expect(r.errored?.code).toBe("ERR_INVALID_ARG_TYPE");
  });

  test("Symbol.asyncDispose destroys the stream and waits for 'close'", async () => {
    const asyncDispose = (Symbol as any).asyncDispose ?? Symbol.for("nodejs.asyncDispose");
    const r = new Readable({ read() {} });
    let closed = false;
    r.on("close", () => (closed = true));
    expect(await (r as any)[asyncDispose]()).toBe(null);
    expect(r.destroyed).toBe(true);
    expect(closed).toBe(true);
    const w = new Writable({ write: (c, e, cb) => cb() });
    expect(await (w as any)[asyncDispose]()).toBe(null);
    expect(w.destroyed).toBe(true);
  });

  test("pushing into a destroyed stream is ignored", () => {
    const r = new Readable({ read() {} });
    r.destroy();
    expect(r.push("x")).toBe(false);
    expect(r.readableLength).toBe(0);
  });

  test("a throwing _read destroys the stream", async () => {
    const log: string[] = [];
    const r = new Readable({
      read() {
        throw new Error("readthrow");
      },
    });
    record(r, log, ["error", "close"]);
    r.resume();
    await settle();
    expect(log).toEqual(["error:readthrow", "close"]);
  });

  test("_construct delays _read; destroy during construction waits for it", async () => {
    const log: string[] = [];
    const r = new Readable({
      construct(cb) {
        log.push("construct");
        setTimeout(cb, 2);
      },
      read() {
        log.push("read");
        this.push(null);
      },
    });
    r.resume();
    r.on("end", () => log.push("end"));
    await settle(15);
    expect(log).toEqual(["construct", "read", "end"]);

    const log2: string[] = [];
    const r2 = new Readable({
      construct(cb) {
        log2.push("construct");
        setTimeout(() => {
          log2.push("constructed");
          cb();
        }, 2);
      },
      read() {},
      destroy(err, cb) {
        log2.push(`_destroy:${err?.message}`);
        cb(err);
      },
    });
    record(r2, log2, ["error", "close"]);
    r2.destroy(new Error("early"));
    await settle(15);
    expect(log2).toEqual(["construct", "constructed", "_destroy:early", "error:early", "close"]);
  });

  test("a failing _construct destroys the stream", async () => {
    const log: string[] = [];
    const r = new Readable({
      construct(cb) {
        cb(new Error("nope"));
      },
      read() {
        log.push("read");
      },
    });
    record(r, log, ["error", "close"]);
    r.resume();
    await settle();
    expect(log).toEqual(["error:nope", "close"]);
  });
});

describe("Writable", () => {
  test("write() returns false at highWaterMark and 'drain' follows", async () => {
    const log: string[] = [];
    const w = new Writable({
      highWaterMark: 3,
      write(c, enc, cb) {
        log.push(`_write:${c}`);
        setTimeout(cb, 1);
      },
    });
    expect(w.write("a", () => log.push("cb a"))).toBe(true);
    expect(w.write("bc", () => log.push("cb bc"))).toBe(false);
    expect(w.writableLength).toBe(3);
    expect(w.writableNeedDrain).toBe(true);
    w.on("drain", () => log.push("drain"));
    await settle(20);
    // The next buffered write starts before the previous callback runs.
    expect(log).toEqual(["_write:a", "_write:bc", "cb a", "drain", "cb bc"]);
    expect(w.writableNeedDrain).toBe(false);
  });

  test("a synchronous _write already took the chunk when write() returns", () => {
    const w = new Writable({ highWaterMark: 2, write: (c, e, cb) => cb() });
    expect(w.write("abcdef")).toBe(true);
    const slow = new Writable({ highWaterMark: 2, write: () => {} });
    expect(slow.write("abcdef")).toBe(false);
  });

  test("callbacks of synchronous writes come on the next tick, then 'finish' and 'close'", async () => {
    // 'prefinish' is synchronous inside end() when nothing is pending.
    const log: string[] = [];
    const w = new Writable({
      write(c, e, cb) {
        log.push(`_write:${c}`);
        cb();
      },
    });
    record(w, log, ["prefinish", "finish", "close"]);
    w.write("a", (err) => log.push(`cb a:${err}`));
    w.write("b", () => log.push("cb b"));
    w.end("c", () => log.push("end cb"));
    log.push("sync end");
    expect(w.writableEnded).toBe(true);
    expect(w.writableFinished).toBe(false);
    await settle();
    expect(log).toEqual(["_write:a", "_write:b", "_write:c", "prefinish", "sync end", "cb a:null", "cb b", "end cb", "finish", "close"]);
    expect(w.writableFinished).toBe(true);
  });

  test("strings become Buffers unless decodeStrings is false", () => {
    const seen: string[] = [];
    const w = new Writable({ write: (c, e, cb) => (seen.push(`${Buffer.isBuffer(c) ? "buf" : typeof c}:${e}`), cb()) });
    w.write("a");
    w.write("ff", "hex");
    w.write(new Uint8Array([1]));
    const raw = new Writable({ decodeStrings: false, write: (c, e, cb) => (seen.push(`${typeof c}:${e}`), cb()) });
    raw.write("a");
    raw.write("b", "latin1");
    raw.setDefaultEncoding("HEX");
    raw.write("ff");
    expect(seen).toEqual(["buf:buffer", "buf:buffer", "buf:buffer", "string:utf8", "string:latin1", "string:hex"]);
  });

  test("objectMode writes pass any value and the encoding as given", () => {
    const seen: any[] = [];
    const w = new Writable({ objectMode: true, highWaterMark: 2, write: (c, e, cb) => (seen.push([c, e]), cb()) });
    expect(w.write(1)).toBe(true);
    w.write("s", "hex");
    w.write({ a: 1 }, () => {});
    expect(seen).toEqual([
      [1, undefined],
      ["s", "hex"],
      [{ a: 1 }, null],
    ]);
  });

  test("write() argument errors throw", () => {
    const w = new Writable({ write: (c, e, cb) => cb() });
    expect(errorOf(() => w.write(null))).toEqual({
      name: "TypeError",
      code: "ERR_STREAM_NULL_VALUES",
      message: "May not write null values to stream",
    });
    expect(errorOf(() => w.write(5 as any))).toEqual({
      name: "TypeError",
      code: "ERR_INVALID_ARG_TYPE",
      message: 'The "chunk" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (5)',
    });
    expect(errorOf(() => w.write("x", "bogus" as any))?.code).toBe("ERR_UNKNOWN_ENCODING");
    expect(errorOf(() => w.setDefaultEncoding("nope" as any))?.message).toBe("Unknown encoding: nope");
    expect(errorOf(() => new Writable({ defaultEncoding: "bogus" as any }))?.code).toBe("ERR_UNKNOWN_ENCODING");
    expect(errorOf(() => new Writable().write("x"))?.message).toBe("The _write() method is not implemented");
  });

  test("write after end: the callback and 'error' get ERR_STREAM_WRITE_AFTER_END", async () => {
    const log: string[] = [];
    const w = new Writable({ write: (c, e, cb) => cb() });
    record(w, log, ["error", "close"]);
    w.end();
    expect(w.write("x", (e) => log.push(`cb:${describeError(e)}`))).toBe(false);
    await settle();
    expect(log).toEqual(["cb:ERR_STREAM_WRITE_AFTER_END:write after end", "error:write after end", "close"]);
  });

  test("a failed write: callback first, then 'error' and 'close'; buffered writes fail too", async () => {
    const log: string[] = [];
    const w = new Writable({
      write(c, e, cb) {
        setTimeout(() => cb(new Error("bad write")), 1);
      },
    });
    record(w, log, ["error", "close"]);
    w.write("x", (e) => log.push(`cb x:${e?.message}`));
    w.write("y", (e) => log.push(`cb y:${e?.message}`));
    await settle(15);
    expect(log).toEqual(["cb x:bad write", "cb y:bad write", "error:bad write", "close"]);
    expect(w.errored?.message).toBe("bad write");
    expect(w.writable).toBe(false);
  });

  test("calling the write callback twice is ERR_MULTIPLE_CALLBACK", async () => {
    let err: any;
    const w = new Writable({
      write(c, e, cb) {
        cb();
        cb();
      },
    });
    w.on("error", (e) => (err = e));
    w.write("a");
    await settle();
    expect(err?.code).toBe("ERR_MULTIPLE_CALLBACK");
    expect(err?.message).toBe("Callback called multiple times");
  });

  test("cork() buffers writes and uncork() hands them to _writev at once", async () => {
    const log: string[] = [];
    const w = new Writable({
      write(c, e, cb) {
        log.push(`_write:${c}`);
        cb();
      },
      writev(chunks, cb) {
        log.push(`_writev:${chunks.map((x: any) => `${x.chunk}/${x.encoding}`).join(",")}:${(chunks as any).allBuffers}`);
        cb();
      },
    });
    w.cork();
    w.write("a");
    w.write("b", () => log.push("cb b"));
    w.write("c", "latin1");
    expect(w.writableCorked).toBe(1);
    expect(w.writableLength).toBe(3);
    expect(w.writableBuffer.length).toBe(3);
    w.uncork();
    expect(w.writableCorked).toBe(0);
    await settle();
    expect(log).toEqual(["_writev:a/buffer,b/buffer,c/buffer:true", "cb b"]);
  });

  test("end() uncorks completely", async () => {
    const seen: string[] = [];
    const w = new Writable({ write: (c, e, cb) => (seen.push(String(c)), cb()) });
    w.cork();
    w.cork();
    w.write("a");
    w.end("b");
    await settle();
    expect(seen).toEqual(["a", "b"]);
  });

  test("_final runs before 'prefinish'/'finish'; a _final error reaches end()'s callback", async () => {
    const log: string[] = [];
    const w = new Writable({
      write: (c, e, cb) => cb(),
      final(cb) {
        log.push("final");
        setTimeout(cb, 1);
      },
    });
    record(w, log, ["prefinish", "finish"]);
    w.end(() => log.push("end cb"));
    await settle(15);
    expect(log).toEqual(["final", "prefinish", "end cb", "finish"]);

    const log2: string[] = [];
    const bad = new Writable({ write: (c, e, cb) => cb(), final: (cb) => cb(new Error("finalerr")) });
    record(bad, log2, ["error", "close", "finish"]);
    bad.end((e) => log2.push(`end cb:${e?.message}`));
    await settle();
    expect(log2).toEqual(["error:finalerr", "close", "end cb:finalerr"]);
  });

  test("_construct holds writes and end() until it calls back", async () => {
    const log: string[] = [];
    const w = new Writable({
      construct(cb) {
        log.push("construct");
        setTimeout(() => {
          log.push("constructed");
          cb();
        }, 2);
      },
      write(c, e, cb) {
        log.push(`_write:${c}`);
        cb();
      },
      final(cb) {
        log.push("final");
        cb();
      },
    });
    w.write("a", () => log.push("cb a"));
    w.end("b");
    record(w, log, ["finish", "close"]);
    await settle(15);
    expect(log).toEqual(["construct", "constructed", "_write:a", "_write:b", "final", "cb a", "finish", "close"]);
  });

  test("destroy() fails pending writes and end() with ERR_STREAM_DESTROYED", async () => {
    const log: string[] = [];
    const w = new Writable({
      write(c, e, cb) {
        setTimeout(cb, 5);
      },
    });
    w.write("a", (e) => log.push(`cb a:${describeError(e)}`));
    w.write("b", (e) => log.push(`cb b:${describeError(e)}`));
    w.end((e: any) => log.push(`end:${describeError(e)}`));
    record(w, log, ["error", "close"]);
    w.destroy();
    await settle(20);
    expect(log).toEqual([
      "close",
      "cb a:null",
      "cb b:ERR_STREAM_DESTROYED:Cannot call write after a stream was destroyed",
      "end:ERR_STREAM_DESTROYED:Cannot call end after a stream was destroyed",
    ]);
  });

  test("end() after 'finish' is ERR_STREAM_ALREADY_FINISHED", async () => {
    const w = new Writable({ write: (c, e, cb) => cb() });
    w.end();
    await settle();
    let err: any = "not called";
    w.end((e: any) => (err = e));
    await settle();
    expect(err?.code).toBe("ERR_STREAM_ALREADY_FINISHED");
    expect(err?.message).toBe("Cannot call end after a stream was finished");
  });

  test("pipe() from a Writable fails with ERR_STREAM_CANNOT_PIPE", async () => {
    const w = new Writable();
    let err: any;
    w.on("error", (e) => (err = e));
    w.pipe(new Writable());
    await settle();
    expect(err?.code).toBe("ERR_STREAM_CANNOT_PIPE");
  });

  test("state properties", () => {
    const w = new Writable({ write: (c, e, cb) => cb() });
    expect(w.writable).toBe(true);
    expect(w.writableEnded).toBe(false);
    expect(w.writableFinished).toBe(false);
    expect(w.writableNeedDrain).toBe(false);
    expect(w.writableCorked).toBe(0);
    expect(w.writableObjectMode).toBe(false);
    expect(w.writableAborted).toBe(false);
    expect(w.closed).toBe(false);
    expect(w.errored).toBe(null);
    w.on("error", () => {});
    w.destroy(new Error("e"));
    expect(w.writableAborted).toBe(true);
    expect(w.writable).toBe(false);
    expect(w.errored?.message).toBe("e");
  });
});

describe("Duplex, Transform, PassThrough", () => {
  test("a Duplex has independent sides; both must end before it is destroyed", async () => {
    const log: string[] = [];
    const d = new Duplex({ read() {}, write: (c, e, cb) => cb() });
    record(d, log, ["end", "finish", "close"]);
    d.resume();
    d.push(null);
    await settle();
    expect(log).toEqual(["end"]);
    expect(d.writable).toBe(true);
    d.end();
    await settle();
    expect(log).toEqual(["end", "finish", "close"]);
    expect(d.destroyed).toBe(true);
  });

  test("allowHalfOpen: false ends the writable side when the readable side ends", async () => {
    const log: string[] = [];
    const d = new Duplex({
      allowHalfOpen: false,
      read() {},
      write: (c, e, cb) => cb(),
      final(cb) {
        log.push("final");
        cb();
      },
    });
    record(d, log, ["end", "finish", "close"]);
    d.resume();
    d.push(null);
    await settle();
    expect(log).toEqual(["end", "final", "finish", "close"]);
  });

  test("readable: false / writable: false switch a side off", () => {
    const r = new Duplex({ readable: false });
    expect(r.readable).toBe(false);
    expect(r.readableEnded).toBe(true);
    const w = new Duplex({ writable: false });
    expect(w.writable).toBe(false);
    expect(w.writableFinished).toBe(true);
  });

  test("Duplex with _construct: writes wait, then 'finish' before the first read", async () => {
    const log: string[] = [];
    const d = new Duplex({
      construct(cb) {
        setTimeout(cb, 2);
      },
      read() {
        log.push("read");
        this.push("r");
        this.push(null);
      },
      write(c, e, cb) {
        log.push(`write:${c}`);
        cb();
      },
    });
    d.on("data", (c) => log.push(`data:${c}`));
    d.write("w");
    d.end();
    record(d, log, ["finish", "end", "close"]);
    await settle(15);
    expect(log).toEqual(["write:w", "finish", "read", "data:r", "end", "close"]);
  });

  test("Transform: _transform output, then _flush, then 'end' before 'finish'", async () => {
    const log: string[] = [];
    const t = new Transform({
      transform(c, e, cb) {
        log.push(`transform:${c}`);
        cb(null, String(c).toUpperCase());
      },
      flush(cb) {
        log.push("flush");
        cb(null, "!");
      },
    });
    record(t, log, ["data", "finish", "end", "close"]);
    t.write("a");
    t.end("b");
    await settle();
    expect(log).toEqual(["transform:a", "data:A", "transform:b", "data:B", "flush", "data:!", "end", "finish", "close"]);
  });

  test("Transform holds write callbacks while its readable side is full", async () => {
    const log: string[] = [];
    const t = new Transform({
      highWaterMark: 2,
      transform(c, e, cb) {
        log.push(`transform:${c}`);
        cb(null, c);
      },
    });
    const results = ["a", "b", "c", "d"].map((x) => t.write(x));
    expect(results).toEqual([true, true, false, false]);
    expect(t.readableLength).toBe(2);
    expect(log).toEqual(["transform:a", "transform:b"]);
    t.on("data", (c) => log.push(`data:${c}`));
    await settle();
    expect(log).toEqual(["transform:a", "transform:b", "transform:c", "data:a", "transform:d", "data:b", "data:c", "data:d"]);
  });

  test("Transform errors: from _transform to the write callback, from _flush to end()", async () => {
    const log: string[] = [];
    const t = new Transform({ transform: (c, e, cb) => cb(new Error("terr")) });
    record(t, log, ["error", "close"]);
    t.write("a", (e) => log.push(`write cb:${e?.message}`));
    await settle();
    expect(log).toEqual(["write cb:terr", "error:terr", "close"]);

    const log2: string[] = [];
    const f = new Transform({ transform: (c, e, cb) => cb(null, c), flush: (cb) => cb(new Error("ferr")) });
    record(f, log2, ["error", "close", "finish"]);
    f.resume();
    f.end("a", (e: any) => log2.push(`end cb:${e?.message}`));
    await settle();
    expect(log2).toEqual(["error:ferr", "close", "end cb:ferr"]);
  });

  test("writing to a Transform without _transform throws", () => {
    expect(errorOf(() => new Transform().write("x"))).toEqual({
      name: "Error",
      code: "ERR_METHOD_NOT_IMPLEMENTED",
      message: "The _transform() method is not implemented",
    });
  });

  test("PassThrough passes chunks as they are, in objectMode too", async () => {
    const p = new PassThrough({ objectMode: true });
    p.write({ a: 1 });
    p.write(2);
    p.end();
    const out: any[] = [];
    for await (const c of p) out.push(c);
    expect(out).toEqual([{ a: 1 }, 2]);
  });

  test("duplexPair: what one side writes the other reads", async () => {
    const [a, b] = duplexPair();
    const log: string[] = [];
    b.on("data", (c) => log.push(`b got ${c}`));
    a.on("data", (c) => log.push(`a got ${c}`));
    b.on("end", () => log.push("b end"));
    a.write("ping");
    b.write("pong");
    a.end();
    await settle();
    expect(log).toEqual(["b got ping", "a got pong", "b end"]);
  });
});

describe("stream utilities", () => {
  test("isReadable / isWritable / isDestroyed / isErrored", async () => {
    const r = new Readable({ read() {} });
    const w = new Writable({ write: (c, e, cb) => cb() });
    expect([isReadable(r), isWritable(r), isReadable(w), isWritable(w)]).toEqual([true, null, null, true]);
    expect(isReadable({} as any)).toBe(null);
    expect(isDestroyed({} as any)).toBe(null);
    w.on("error", () => {});
    w.destroy(new Error("x"));
    expect(isDestroyed(w)).toBe(true);
    expect(isWritable(w)).toBe(false);
    expect(isErrored(w)).toBe(false);
    await settle();
    expect(isErrored(w)).toBe(true);
    expect(isErrored(r)).toBe(false);
  });

  test("stream.destroy() destroys unfinished streams with an AbortError", async () => {
    const r = new Readable({ read() {} });
    let err: any;
    r.on("error", (e) => (err = e));
    stream.destroy(r);
    await settle();
    expect(err?.name).toBe("AbortError");
    expect(r.destroyed).toBe(true);
  });
});

describe("legacy Stream.pipe", () => {
  test("pipes 'data' into a writable and ends it", async () => {
    const src = new Stream() as any;
    src.readable = true;
    const got: string[] = [];
    const w = new Writable({ write: (c, e, cb) => (got.push(String(c)), cb()) });
    let piped = false;
    w.on("pipe", (s) => (piped = s === src));
    let finished = false;
    w.on("finish", () => (finished = true));
    expect(src.pipe(w)).toBe(w);
    src.emit("data", "a");
    src.emit("data", "b");
    src.emit("end");
    await settle();
    expect(piped).toBe(true);
    expect(got).toEqual(["a", "b"]);
    expect(finished).toBe(true);
  });

  test("an error with no other listener is re-thrown; cleanup removes the pipe's listeners", () => {
    const src = new Stream() as any;
    const dest = new Stream() as any;
    dest.write = () => true;
    dest.end = () => {};
    src.pipe(dest);
    expect(src.listenerCount("data")).toBe(1);
    expect(() => src.emit("error", new Error("legacy err"))).toThrow("legacy err");
    expect(src.listenerCount("data")).toBe(0);
    expect(dest.listenerCount("drain")).toBe(0);
  });
});
