import { describe, test, expect } from "bun:test";
import web from "node:stream/web";
import * as webNamed from "node:stream/web";
import { inspect } from "node:util";

const classNames = [
  "ReadableStream",
  "ReadableStreamDefaultReader",
  "ReadableStreamBYOBReader",
  "ReadableStreamBYOBRequest",
  "ReadableByteStreamController",
  "ReadableStreamDefaultController",
  "TransformStream",
  "TransformStreamDefaultController",
  "WritableStream",
  "WritableStreamDefaultWriter",
  "WritableStreamDefaultController",
  "ByteLengthQueuingStrategy",
  "CountQueuingStrategy",
  "TextEncoderStream",
  "TextDecoderStream",
];

function errorOf(f: () => unknown) {
  try {
    f();
  } catch (e: any) {
    return { name: e.name, code: e.code, message: e.message };
  }
  return null;
}

async function rejectionOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e: any) {
    return e;
  }
  throw new Error("expected a rejection");
}

/** Resolves after n microtask turns. */
function ticks(n: number) {
  let p = Promise.resolve();
  for (let i = 0; i < n; i++) p = p.then(() => {});
  return p;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readAll<T>(readable: ReadableStream<T>) {
  const reader = readable.getReader();
  const chunks: T[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return chunks;
    chunks.push(value as T);
  }
}

/** A stream whose controller is handed out, for pushing chunks from the test. */
function controlled<T = unknown>(source: UnderlyingDefaultSource<T> = {}, strategy?: QueuingStrategy<T>) {
  let controller!: ReadableStreamDefaultController<T>;
  const stream = new ReadableStream<T>(
    {
      ...source,
      start(c) {
        controller = c;
        return source.start?.(c);
      },
    },
    strategy,
  );
  return { stream, controller };
}

describe("module shape", () => {
  test("node:stream/web exports the global classes, as named and default exports", () => {
    for (const name of classNames) {
      expect(typeof (globalThis as any)[name]).toBe("function");
      expect((webNamed as any)[name]).toBe((globalThis as any)[name]);
      expect((web as any)[name]).toBe((globalThis as any)[name]);
    }
  });

  test("each class names itself in Symbol.toStringTag", () => {
    for (const name of classNames) {
      const C = (globalThis as any)[name];
      const desc = Object.getOwnPropertyDescriptor(C.prototype, Symbol.toStringTag)!;
      expect(desc).toEqual({ value: name, writable: false, enumerable: false, configurable: true });
    }
    expect(Object.prototype.toString.call(new ReadableStream())).toBe("[object ReadableStream]");
    expect(String(new WritableStream().getWriter())).toBe("[object WritableStreamDefaultWriter]");
  });

  test("constructor and method lengths follow WebIDL", () => {
    expect(ReadableStream.length).toBe(0);
    expect(ReadableStreamDefaultReader.length).toBe(1);
    expect(ReadableStreamBYOBReader.length).toBe(1);
    expect(WritableStreamDefaultWriter.length).toBe(1);
    expect(CountQueuingStrategy.length).toBe(1);
    expect(ByteLengthQueuingStrategy.length).toBe(1);
    expect(ReadableStream.prototype.pipeTo.length).toBe(1);
    expect(ReadableStream.prototype.pipeThrough.length).toBe(1);
    expect(ReadableStream.from.length).toBe(1);
    expect(ReadableStreamBYOBReader.prototype.read.length).toBe(1);
    expect(ReadableByteStreamController.prototype.enqueue.length).toBe(1);
    expect(ReadableStreamBYOBRequest.prototype.respond.length).toBe(1);
    expect(WritableStreamDefaultWriter.prototype.write.length).toBe(0);
  });

  test("members are enumerable accessors and methods on the prototype", () => {
    const locked = Object.getOwnPropertyDescriptor(ReadableStream.prototype, "locked")!;
    expect(typeof locked.get).toBe("function");
    expect(locked.set).toBeUndefined();
    expect(locked.enumerable).toBe(true);
    expect(Object.getOwnPropertyDescriptor(WritableStream.prototype, "getWriter")!.enumerable).toBe(true);
    expect(ReadableStream.prototype[Symbol.asyncIterator]).toBe(ReadableStream.prototype.values);
  });

  test("controllers and BYOB requests cannot be constructed", () => {
    for (const name of [
      "ReadableStreamDefaultController",
      "ReadableByteStreamController",
      "ReadableStreamBYOBRequest",
      "WritableStreamDefaultController",
      "TransformStreamDefaultController",
    ]) {
      expect(errorOf(() => new (globalThis as any)[name]())).toEqual({
        name: "TypeError",
        code: "ERR_ILLEGAL_CONSTRUCTOR",
        message: "Illegal constructor",
      });
    }
  });

  test("methods and accessors check their receiver", async () => {
    expect(errorOf(() => ReadableStream.prototype.getReader.call({}))).toEqual({
      name: "TypeError",
      code: "ERR_INVALID_THIS",
      message: 'Value of "this" must be of type ReadableStream',
    });
    expect(errorOf(() => Object.getOwnPropertyDescriptor(ReadableStream.prototype, "locked")!.get!.call({}))?.code).toBe("ERR_INVALID_THIS");
    expect(errorOf(() => ReadableStream.prototype.tee.call(new WritableStream()))?.code).toBe("ERR_INVALID_THIS");
    expect(errorOf(() => ReadableStreamDefaultController.prototype.enqueue.call({}, 1))?.name).toBe("TypeError");
    expect(errorOf(() => Object.getOwnPropertyDescriptor(CountQueuingStrategy.prototype, "highWaterMark")!.get!.call({}))?.name).toBe("TypeError");
    expect(errorOf(() => Object.getOwnPropertyDescriptor(TextDecoderStream.prototype, "encoding")!.get!.call({}))?.name).toBe("TypeError");
    // Promise-returning members reject instead of throwing.
    const cancel = ReadableStream.prototype.cancel.call({});
    expect(cancel).toBeInstanceOf(Promise);
    expect((await rejectionOf(cancel)).name).toBe("TypeError");
    expect((await rejectionOf(ReadableStreamDefaultReader.prototype.read.call({}))).name).toBe("TypeError");
    expect((await rejectionOf(WritableStreamDefaultWriter.prototype.write.call({}, 1))).name).toBe("TypeError");
    expect((await rejectionOf(ReadableStream.prototype.pipeTo.call({}, new WritableStream()))).name).toBe("TypeError");
  });

  test("inspect shows the stream state as Node does", () => {
    expect(inspect(new ReadableStream())).toBe("ReadableStream { locked: false, state: 'readable', supportsBYOB: false }");
    expect(inspect(new ReadableStream({ type: "bytes" }))).toBe("ReadableStream { locked: false, state: 'readable', supportsBYOB: true }");
    const ws = new WritableStream();
    ws.getWriter();
    expect(inspect(ws)).toBe("WritableStream { locked: true, state: 'writable' }");
    expect(inspect(new CountQueuingStrategy({ highWaterMark: 3 }))).toBe("CountQueuingStrategy { highWaterMark: 3 }");
    expect(inspect(new ByteLengthQueuingStrategy({ highWaterMark: 8 }))).toBe("ByteLengthQueuingStrategy { highWaterMark: 8 }");
  });
});

describe("ReadableStream construction", () => {
  test("accepts no source, undefined members and a null strategy", () => {
    expect(() => new ReadableStream()).not.toThrow();
    expect(() => new ReadableStream({ type: undefined, pull: undefined })).not.toThrow();
    expect(() => new ReadableStream({}, null as any)).not.toThrow();
  });

  test("rejects invalid sources and strategies", () => {
    expect(errorOf(() => new ReadableStream(null as any))?.name).toBe("TypeError");
    expect(errorOf(() => new ReadableStream(5 as any))?.name).toBe("TypeError");
    expect(errorOf(() => new ReadableStream({ pull: 1 } as any))?.name).toBe("TypeError");
    expect(errorOf(() => new ReadableStream({ cancel: "x" } as any))?.name).toBe("TypeError");
    expect(errorOf(() => new ReadableStream({ type: "foo" } as any))?.name).toBe("TypeError");
    expect(errorOf(() => new ReadableStream({}, { highWaterMark: -1 }))?.name).toBe("RangeError");
    expect(errorOf(() => new ReadableStream({}, { highWaterMark: NaN }))?.name).toBe("RangeError");
    expect(errorOf(() => new ReadableStream({}, { size: 1 } as any))?.name).toBe("TypeError");
    expect(errorOf(() => new ReadableStream({ type: "bytes" }, { size: () => 1 } as any))?.name).toBe("RangeError");
    expect(errorOf(() => new ReadableStream({ type: "bytes", autoAllocateChunkSize: 0 }))?.name).toBe("TypeError");
  });

  test("start runs synchronously with the source as this, and its exception is rethrown", () => {
    const calls: unknown[] = [];
    const source = {
      start(c: ReadableStreamDefaultController) {
        calls.push(this === source, c instanceof ReadableStreamDefaultController, c.desiredSize);
      },
    };
    new ReadableStream(source, { highWaterMark: 3 });
    expect(calls).toEqual([true, true, 3]);
    const boom = new Error("boom");
    expect(() =>
      new ReadableStream({
        start() {
          throw boom;
        },
      }),
    ).toThrow(boom);
  });

  test("a rejected start promise errors the stream without pulling", async () => {
    let pulls = 0;
    const stream = new ReadableStream({ start: () => Promise.reject(new Error("start failed")), pull: () => void pulls++ });
    const reader = stream.getReader();
    expect((await rejectionOf(reader.read())).message).toBe("start failed");
    expect((await rejectionOf(reader.closed)).message).toBe("start failed");
    expect(pulls).toBe(0);
  });
});

describe("ReadableStream reading", () => {
  test("pull fills the queue up to the high-water mark, then waits for reads", async () => {
    const pulls: number[] = [];
    let n = 0;
    const stream = new ReadableStream<number>(
      {
        pull(c) {
          pulls.push(c.desiredSize!);
          c.enqueue(n++);
        },
      },
      { highWaterMark: 3 },
    );
    await sleep(1);
    expect(pulls).toEqual([3, 2, 1]);
    const reader = stream.getReader();
    expect(await reader.read()).toEqual({ value: 0, done: false });
    await ticks(3);
    expect(pulls).toEqual([3, 2, 1, 1]);
  });

  test("pull is not called again until its promise settles", async () => {
    let pulls = 0;
    let release!: () => void;
    const stream = new ReadableStream({
      pull(c) {
        pulls++;
        return new Promise<void>((resolve) => {
          release = () => {
            c.enqueue(pulls);
            resolve();
          };
        });
      },
    });
    const reader = stream.getReader();
    const reads = [reader.read(), reader.read(), reader.read()];
    await sleep(1);
    expect(pulls).toBe(1);
    release();
    await sleep(1);
    expect(pulls).toBe(2);
    release();
    await sleep(1);
    release();
    expect((await Promise.all(reads)).map((r) => r.value)).toEqual([1, 2, 3]);
  });

  test("a size strategy decides the desired size", () => {
    const sizes: unknown[] = [];
    const { controller } = controlled<string>(
      {},
      {
        highWaterMark: 10,
        size(chunk) {
          sizes.push(chunk);
          return chunk.length;
        },
      },
    );
    controller.enqueue("abc");
    expect(controller.desiredSize).toBe(7);
    controller.enqueue("defghijk");
    expect(controller.desiredSize).toBe(-1);
    expect(sizes).toEqual(["abc", "defghijk"]);
  });

  test("a throwing or invalid size errors the stream and throws from enqueue", async () => {
    const boom = new Error("size failed");
    const a = controlled(
      {},
      {
        size() {
          throw boom;
        },
      },
    );
    expect(() => a.controller.enqueue(1)).toThrow(boom);
    expect(await rejectionOf(a.stream.getReader().closed)).toBe(boom);
    const b = controlled({}, { size: () => -1 });
    expect(errorOf(() => b.controller.enqueue(1))?.name).toBe("RangeError");
    expect(b.controller.desiredSize).toBeNull();
  });

  test("pending reads are fulfilled in order, then close resolves the rest as done", async () => {
    const { stream, controller } = controlled();
    const reader = stream.getReader();
    const order: string[] = [];
    reader.read().then((r) => order.push(`r1:${r.value}`));
    reader.read().then((r) => order.push(`r2:${r.value}`));
    reader.read().then((r) => order.push(`r3:${r.done}`));
    reader.closed.then(() => order.push("closed"));
    controller.enqueue("a");
    controller.enqueue("b");
    controller.close();
    await ticks(4);
    // Each promise settles when its chunk or the close arrives: the last read after closed.
    expect(order).toEqual(["r1:a", "r2:b", "closed", "r3:true"]);
  });

  test("close waits for the queue to drain", async () => {
    const { stream, controller } = controlled();
    controller.enqueue(1);
    controller.close();
    expect(controller.desiredSize).toBe(0);
    const reader = stream.getReader();
    let closed = false;
    reader.closed.then(() => (closed = true));
    await ticks(2);
    expect(closed).toBe(false);
    expect(await reader.read()).toEqual({ value: 1, done: false });
    expect(await reader.read()).toEqual({ value: undefined, done: true });
    expect(closed).toBe(true);
  });

  test("enqueue and close after close throw ERR_INVALID_STATE", () => {
    const { controller } = controlled();
    controller.close();
    const expected = { name: "TypeError", code: "ERR_INVALID_STATE", message: "Invalid state: Controller is already closed" };
    expect(errorOf(() => controller.enqueue(1))).toEqual(expected);
    expect(errorOf(() => controller.close())).toEqual(expected);
  });

  test("error() rejects pending reads and closed, and later reads", async () => {
    const { stream, controller } = controlled();
    const reader = stream.getReader();
    const pending = reader.read();
    const reason = new TypeError("bad");
    controller.error(reason);
    expect(controller.desiredSize).toBeNull();
    expect(await rejectionOf(pending)).toBe(reason);
    expect(await rejectionOf(reader.closed)).toBe(reason);
    expect(await rejectionOf(reader.read())).toBe(reason);
    controller.error(new Error("ignored"));
    expect(await rejectionOf(reader.read())).toBe(reason);
  });

  test("a rejected pull errors the stream", async () => {
    const stream = new ReadableStream({ pull: () => Promise.reject(new Error("pull failed")) });
    expect((await rejectionOf(stream.getReader().read())).message).toBe("pull failed");
  });
});

describe("ReadableStream readers and locking", () => {
  test("getReader locks the stream; a second reader is refused", () => {
    const stream = new ReadableStream();
    expect(stream.locked).toBe(false);
    const reader = stream.getReader();
    expect(reader).toBeInstanceOf(ReadableStreamDefaultReader);
    expect(stream.locked).toBe(true);
    const locked = { name: "TypeError", code: "ERR_INVALID_STATE", message: "Invalid state: ReadableStream is locked" };
    expect(errorOf(() => stream.getReader())).toEqual(locked);
    expect(errorOf(() => new ReadableStreamDefaultReader(stream))).toEqual(locked);
    expect(errorOf(() => stream.tee())?.code).toBe("ERR_INVALID_STATE");
  });

  test("getReader validates its options", () => {
    expect(() => new ReadableStream().getReader({} as any)).not.toThrow();
    expect(errorOf(() => new ReadableStream().getReader({ mode: "x" } as any))?.name).toBe("TypeError");
    expect(errorOf(() => new ReadableStream().getReader({ mode: "byob" }))?.name).toBe("TypeError");
    expect(errorOf(() => new ReadableStreamDefaultReader({} as any))?.name).toBe("TypeError");
  });

  test("releaseLock rejects pending reads and the closed promise, and unlocks", async () => {
    const stream = new ReadableStream({ pull() {} });
    const reader = stream.getReader();
    const pending = reader.read();
    const closed = reader.closed;
    reader.releaseLock();
    expect(stream.locked).toBe(false);
    const pendingError = await rejectionOf(pending);
    expect([pendingError.name, pendingError.message]).toEqual(["TypeError", "Invalid state: Releasing reader"]);
    expect((await rejectionOf(closed)).message).toBe("Invalid state: Reader released");
    expect((await rejectionOf(reader.read())).message).toBe("Invalid state: The reader is not attached to a stream");
    expect((await rejectionOf(reader.cancel())).name).toBe("TypeError");
    reader.releaseLock();
    expect(() => stream.getReader()).not.toThrow();
  });

  test("a reader of a closed or errored stream settles closed at once", async () => {
    const closedStream = controlled();
    closedStream.controller.close();
    expect(await closedStream.stream.getReader().closed).toBeUndefined();
    const erroredStream = controlled();
    erroredStream.controller.error("E");
    expect(await rejectionOf(erroredStream.stream.getReader().closed)).toBe("E");
  });
});

describe("ReadableStream cancel", () => {
  test("cancel calls the source with the reason, drops the queue and resolves with undefined", async () => {
    const reasons: unknown[] = [];
    const { stream, controller } = controlled({
      cancel(reason) {
        reasons.push(reason);
        return "ignored" as any;
      },
    });
    controller.enqueue(1);
    const reader = stream.getReader();
    expect(await reader.cancel("why")).toBeUndefined();
    expect(reasons).toEqual(["why"]);
    expect(await reader.read()).toEqual({ value: undefined, done: true });
    expect(await reader.closed).toBeUndefined();
  });

  test("a cancel that throws or rejects rejects cancel()", async () => {
    const boom = new Error("cancel failed");
    const stream = new ReadableStream({
      cancel() {
        throw boom;
      },
    });
    expect(await rejectionOf(stream.cancel())).toBe(boom);
    const stream2 = new ReadableStream({ cancel: () => Promise.reject(boom) });
    expect(await rejectionOf(stream2.cancel())).toBe(boom);
  });

  test("cancel of a locked stream rejects; of an errored one rejects with its error", async () => {
    const stream = new ReadableStream();
    stream.getReader();
    const e = await rejectionOf(stream.cancel());
    expect([e.name, e.code]).toEqual(["TypeError", "ERR_INVALID_STATE"]);
    const { stream: errored, controller } = controlled();
    controller.error("E");
    expect(await rejectionOf(errored.cancel())).toBe("E");
  });
});

describe("ReadableStream tee", () => {
  test("both branches see every chunk, and the source stays locked", async () => {
    const source = new ReadableStream({
      start(c) {
        c.enqueue("a");
        c.enqueue("b");
        c.close();
      },
    });
    const [left, right] = source.tee();
    expect(source.locked).toBe(true);
    expect(await Promise.all([readAll(left), readAll(right)])).toEqual([
      ["a", "b"],
      ["a", "b"],
    ]);
  });

  test("the source is cancelled only when both branches are, with both reasons", async () => {
    const reasons: unknown[] = [];
    const source = new ReadableStream({ cancel: (reason) => void reasons.push(reason) });
    const [left, right] = source.tee();
    let leftDone = false;
    const leftCancel = left.cancel("L").then(() => (leftDone = true));
    await ticks(3);
    expect(leftDone).toBe(false);
    expect(reasons).toEqual([]);
    await right.cancel("R");
    await leftCancel;
    expect(reasons).toEqual([["L", "R"]]);
  });

  test("an error in the source errors both branches", async () => {
    const { stream, controller } = controlled();
    const [left, right] = stream.tee();
    controller.error("E");
    expect(await rejectionOf(left.getReader().closed)).toBe("E");
    expect(await rejectionOf(right.getReader().closed)).toBe("E");
  });
});

describe("ReadableStream async iteration", () => {
  test("for await reads every chunk and releases the lock at the end", async () => {
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(1);
        c.enqueue(2);
        c.close();
      },
    });
    const seen: number[] = [];
    for await (const chunk of stream) seen.push(chunk);
    expect(seen).toEqual([1, 2]);
    expect(stream.locked).toBe(false);
  });

  test("break cancels the stream; preventCancel only releases it", async () => {
    const reasons: unknown[] = [];
    const make = () =>
      new ReadableStream({
        start(c) {
          c.enqueue(1);
          c.enqueue(2);
        },
        cancel: (reason) => void reasons.push(reason),
      });
    const a = make();
    for await (const _ of a) break;
    expect(reasons).toEqual([undefined]);
    expect(a.locked).toBe(false);
    const b = make();
    for await (const _ of b.values({ preventCancel: true })) break;
    expect(reasons).toEqual([undefined]);
    expect(b.locked).toBe(false);
    expect(await b.getReader().read()).toEqual({ value: 2, done: false });
  });

  test("a stream error is thrown from the loop", async () => {
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(1);
        c.error(new Error("broken"));
      },
    });
    const e = await rejectionOf(
      (async () => {
        for await (const _ of stream);
      })(),
    );
    expect(e.message).toBe("broken");
  });

  test("next() calls queue up; return() settles after them and cancels with its value", async () => {
    const reasons: unknown[] = [];
    const { stream, controller } = controlled({ cancel: (r) => void reasons.push(r) });
    const it = stream.values();
    const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(Object.getPrototypeOf((async function* () {})())));
    expect(Object.getPrototypeOf(Object.getPrototypeOf(it))).toBe(AsyncIteratorPrototype);
    const order: string[] = [];
    it.next().then((r) => order.push(`next:${r.value}`));
    it.return("bye").then((r) => order.push(`return:${r.value}:${r.done}`));
    it.next().then((r) => order.push(`after:${r.done}`));
    controller.enqueue("x");
    await sleep(1);
    expect(order).toEqual(["next:x", "return:bye:true", "after:true"]);
    expect(reasons).toEqual(["bye"]);
  });

  test("values() locks the stream and refuses a locked one", () => {
    const stream = new ReadableStream();
    stream.values();
    expect(stream.locked).toBe(true);
    expect(errorOf(() => stream.values())?.code).toBe("ERR_INVALID_STATE");
    expect(errorOf(() => new ReadableStream().values(5 as any))?.name).toBe("TypeError");
  });
});

describe("ReadableStream.from", () => {
  test("reads arrays, sync iterables of promises, and async generators", async () => {
    expect(await readAll(ReadableStream.from(["a", "b"]))).toEqual(["a", "b"]);
    expect(await readAll(ReadableStream.from([Promise.resolve(1), 2]))).toEqual([1, 2]);
    async function* gen() {
      yield 1;
      await sleep(1);
      yield 2;
    }
    expect(await readAll(ReadableStream.from(gen()))).toEqual([1, 2]);
  });

  test("pulls lazily and cancel calls the iterator's return with the reason", async () => {
    const log: unknown[] = [];
    const iterable = {
      [Symbol.asyncIterator]() {
        let i = 0;
        return {
          next: async () => {
            log.push(`next${i}`);
            return { value: i++, done: false };
          },
          return: async (reason: unknown) => {
            log.push(["return", reason]);
            return { done: true };
          },
        };
      },
    };
    const stream = ReadableStream.from(iterable);
    await sleep(1);
    expect(log).toEqual([]);
    const reader = stream.getReader();
    expect(await reader.read()).toEqual({ value: 0, done: false });
    await reader.cancel("stop");
    expect(log).toEqual(["next0", ["return", "stop"]]);
  });

  test("refuses non-iterables and non-object iterator results", async () => {
    const e = errorOf(() => ReadableStream.from(5 as any));
    expect([e?.name, e?.code]).toEqual(["TypeError", "ERR_ARG_NOT_ITERABLE"]);
    expect(errorOf(() => ReadableStream.from({} as any))?.name).toBe("TypeError");
    const bad = { [Symbol.asyncIterator]: () => ({ next: () => 5 }) };
    expect((await rejectionOf(ReadableStream.from(bad as any).getReader().read())).name).toBe("TypeError");
  });
});

describe("WritableStream", () => {
  test("rejects invalid sinks and a type", () => {
    expect(errorOf(() => new WritableStream({ write: 1 } as any))?.name).toBe("TypeError");
    expect(errorOf(() => new WritableStream({ type: "bytes" } as any))?.name).toBe("RangeError");
    expect(errorOf(() => new WritableStream({}, { highWaterMark: -1 }))?.name).toBe("RangeError");
  });

  test("writes reach the sink one at a time, then close", async () => {
    const log: string[] = [];
    const ws = new WritableStream({
      async write(chunk, controller) {
        log.push(`write ${chunk} ${controller instanceof WritableStreamDefaultController}`);
        await sleep(1);
        log.push(`done ${chunk}`);
      },
      close() {
        log.push("close");
      },
    });
    const writer = ws.getWriter();
    const writes = [writer.write("a"), writer.write("b")];
    const close = writer.close();
    await Promise.all([...writes, close, writer.closed]);
    expect(log).toEqual(["write a true", "done a", "write b true", "done b", "close"]);
  });

  test("desiredSize and ready follow the queue (backpressure)", async () => {
    const releases: (() => void)[] = [];
    const ws = new WritableStream({ write: () => new Promise<void>((r) => releases.push(r)) }, { highWaterMark: 2 });
    const writer = ws.getWriter();
    expect(writer.desiredSize).toBe(2);
    writer.write(1);
    writer.write(2);
    expect(writer.desiredSize).toBe(0);
    let ready = false;
    writer.ready.then(() => (ready = true));
    await sleep(1);
    expect(ready).toBe(false);
    releases.shift()!();
    await sleep(1);
    expect(writer.desiredSize).toBe(1);
    expect(ready).toBe(true);
  });

  test("writes wait for an asynchronous start", async () => {
    const log: string[] = [];
    let started!: () => void;
    const ws = new WritableStream({
      start: () => new Promise<void>((r) => (started = r)),
      write: (chunk) => void log.push(chunk),
    });
    const write = ws.getWriter().write("x");
    await sleep(1);
    expect(log).toEqual([]);
    started();
    await write;
    expect(log).toEqual(["x"]);
  });

  test("a failing write errors the stream and rejects the queued writes", async () => {
    const boom = new Error("write failed");
    let closeCalled = false;
    const ws = new WritableStream({
      write(chunk) {
        if (chunk === 2) throw boom;
      },
      close: () => void (closeCalled = true),
    });
    const writer = ws.getWriter();
    const [w1, w2, w3] = [writer.write(1), writer.write(2), writer.write(3)];
    const close = writer.close();
    expect(await w1).toBeUndefined();
    expect(await rejectionOf(w2)).toBe(boom);
    expect(await rejectionOf(w3)).toBe(boom);
    expect(await rejectionOf(close)).toBe(boom);
    expect(await rejectionOf(writer.closed)).toBe(boom);
    expect(writer.desiredSize).toBeNull();
    expect(closeCalled).toBe(false);
  });

  test("abort signals the controller, waits for the write in flight, then calls sink.abort", async () => {
    const log: unknown[] = [];
    let finishWrite!: () => void;
    const ws = new WritableStream({
      write(_chunk, controller) {
        controller.signal.addEventListener("abort", () => log.push(["signal", controller.signal.reason]));
        return new Promise<void>((r) => (finishWrite = r));
      },
      abort: (reason) => void log.push(["abort", reason]),
    });
    const writer = ws.getWriter();
    const w1 = writer.write(1);
    const w2 = writer.write(2);
    await ticks(3);
    const abort = writer.abort("R");
    for (const [name, p] of [["w1", w1], ["w2", w2], ["abort", abort]] as const) {
      p.then(
        () => log.push(`${name} ok`),
        (e) => log.push(`${name} rejected ${e}`),
      );
    }
    expect(writer.desiredSize).toBeNull();
    await sleep(1);
    expect(log).toEqual([["signal", "R"]]);
    finishWrite();
    await sleep(1);
    expect(log).toEqual([["signal", "R"], ["abort", "R"], "w1 ok", "w2 rejected R", "abort ok"]);
    expect(await rejectionOf(writer.closed)).toBe("R");
  });

  test("controller.error errors the stream; abort of an errored stream resolves", async () => {
    let controller!: WritableStreamDefaultController;
    const ws = new WritableStream({ start: (c) => void (controller = c) });
    const writer = ws.getWriter();
    controller.error("E");
    expect(await rejectionOf(writer.write(1))).toBe("E");
    expect(await rejectionOf(writer.closed)).toBe("E");
    expect(await writer.abort("later")).toBeUndefined();
  });

  test("a released writer rejects its promises and refuses writes", async () => {
    const ws = new WritableStream();
    const writer = ws.getWriter();
    expect(errorOf(() => ws.getWriter())).toEqual({ name: "TypeError", code: "ERR_INVALID_STATE", message: "Invalid state: WritableStream is locked" });
    writer.releaseLock();
    expect(ws.locked).toBe(false);
    expect((await rejectionOf(writer.ready)).message).toBe("Invalid state: Writer has been released");
    expect((await rejectionOf(writer.closed)).message).toBe("Invalid state: Writer has been released");
    expect((await rejectionOf(writer.write(1))).message).toBe("Invalid state: Writer is not bound to a WritableStream");
    expect(errorOf(() => writer.desiredSize)?.message).toBe("Invalid state: Writer is not bound to a WritableStream");
    const second = ws.getWriter();
    expect(await second.write(1)).toBeUndefined();
  });

  test("close and abort of a locked stream reject; closing twice rejects", async () => {
    const ws = new WritableStream();
    const writer = ws.getWriter();
    expect((await rejectionOf(ws.close())).code).toBe("ERR_INVALID_STATE");
    expect((await rejectionOf(ws.abort())).code).toBe("ERR_INVALID_STATE");
    const close = writer.close();
    expect((await rejectionOf(writer.close())).name).toBe("TypeError");
    expect((await rejectionOf(writer.write(1))).name).toBe("TypeError");
    await close;
    expect(writer.desiredSize).toBe(0);
  });
});

describe("TransformStream", () => {
  test("an identity transform by default; a transform and flush when given", async () => {
    const identity = new TransformStream();
    const writer = identity.writable.getWriter();
    writer.write("a");
    writer.close();
    expect(await readAll(identity.readable)).toEqual(["a"]);

    const doubler = new TransformStream<number, number | string>({
      transform(chunk, controller) {
        controller.enqueue(chunk);
        controller.enqueue(chunk * 2);
      },
      flush(controller) {
        controller.enqueue("end");
      },
    });
    const w = doubler.writable.getWriter();
    w.write(1);
    w.write(5);
    w.close();
    expect(await readAll(doubler.readable)).toEqual([1, 2, 5, 10, "end"]);
  });

  test("high-water marks default to 1 for the writable and 0 for the readable", () => {
    let desiredSize: number | null = -1;
    const ts = new TransformStream({ start: (c) => void (desiredSize = c.desiredSize) });
    expect(desiredSize).toBe(0);
    expect(ts.writable.getWriter().desiredSize).toBe(1);
  });

  test("transform waits for a reader (backpressure from the readable side)", async () => {
    const seen: number[] = [];
    const ts = new TransformStream<number, number>({
      transform(chunk, controller) {
        seen.push(chunk);
        controller.enqueue(chunk);
      },
    });
    const writer = ts.writable.getWriter();
    writer.write(1);
    writer.write(2);
    await sleep(1);
    expect(seen).toEqual([]);
    const reader = ts.readable.getReader();
    expect(await reader.read()).toEqual({ value: 1, done: false });
    await sleep(1);
    // The readable's high-water mark is 0: the next chunk waits for the next read.
    expect(seen).toEqual([1]);
    expect(await reader.read()).toEqual({ value: 2, done: false });
    expect(seen).toEqual([1, 2]);
  });

  test("a throwing transform errors both sides", async () => {
    const boom = new Error("transform failed");
    const ts = new TransformStream({
      transform() {
        throw boom;
      },
    });
    const writer = ts.writable.getWriter();
    const reader = ts.readable.getReader();
    const read = reader.read();
    expect(await rejectionOf(writer.write(1))).toBe(boom);
    expect(await rejectionOf(read)).toBe(boom);
    expect(await rejectionOf(writer.closed)).toBe(boom);
  });

  test("terminate closes the readable and errors the writable", async () => {
    const ts = new TransformStream({
      transform(chunk, controller) {
        controller.enqueue(chunk);
        controller.terminate();
      },
    });
    const writer = ts.writable.getWriter();
    const reader = ts.readable.getReader();
    writer.write("last");
    expect(await reader.read()).toEqual({ value: "last", done: false });
    expect(await reader.read()).toEqual({ value: undefined, done: true });
    expect((await rejectionOf(writer.write("more"))).name).toBe("TypeError");
  });

  test("cancelling the readable calls transformer.cancel and errors the writable", async () => {
    const reasons: unknown[] = [];
    const ts = new TransformStream({ cancel: (reason) => void reasons.push(reason) });
    const writer = ts.writable.getWriter();
    await ts.readable.cancel("stop");
    expect(reasons).toEqual(["stop"]);
    expect(await rejectionOf(writer.closed)).toBe("stop");
  });

  test("aborting the writable calls transformer.cancel and errors the readable", async () => {
    const reasons: unknown[] = [];
    const ts = new TransformStream({ cancel: (reason) => void reasons.push(reason) });
    const reader = ts.readable.getReader();
    await ts.writable.abort("gone");
    expect(reasons).toEqual(["gone"]);
    expect(await rejectionOf(reader.closed)).toBe("gone");
  });

  test("a rejected flush errors the readable and rejects close", async () => {
    const ts = new TransformStream({ flush: () => Promise.reject("F") });
    const reader = ts.readable.getReader();
    expect(await rejectionOf(ts.writable.getWriter().close())).toBe("F");
    expect(await rejectionOf(reader.closed)).toBe("F");
  });

  test("rejects readableType and writableType", () => {
    expect(errorOf(() => new TransformStream({ readableType: "bytes" } as any))?.name).toBe("RangeError");
    expect(errorOf(() => new TransformStream({ writableType: "bytes" } as any))?.name).toBe("RangeError");
  });
});

describe("pipeTo and pipeThrough", () => {
  test("pipeTo moves every chunk, closes the destination and releases both locks", async () => {
    const log: string[] = [];
    const source = ReadableStream.from(["a", "b", "c"]);
    const dest = new WritableStream({ write: (c) => void log.push(c), close: () => void log.push("close") });
    const piping = source.pipeTo(dest);
    expect(source.locked).toBe(true);
    expect(dest.locked).toBe(true);
    expect(await piping).toBeUndefined();
    expect(log).toEqual(["a", "b", "c", "close"]);
    expect(source.locked).toBe(false);
    expect(dest.locked).toBe(false);
  });

  test("preventClose leaves the destination writable", async () => {
    const dest = new WritableStream();
    await ReadableStream.from([1]).pipeTo(dest, { preventClose: true });
    const writer = dest.getWriter();
    expect(writer.desiredSize).toBe(1);
    expect(await writer.write(2)).toBeUndefined();
  });

  test("a source error aborts the destination unless preventAbort", async () => {
    const aborted: unknown[] = [];
    const a = controlled();
    const piping = a.stream.pipeTo(new WritableStream({ abort: (r) => void aborted.push(r) }));
    a.controller.error("E");
    expect(await rejectionOf(piping)).toBe("E");
    expect(aborted).toEqual(["E"]);

    const b = controlled();
    const dest = new WritableStream({ abort: (r) => void aborted.push(r) });
    const piping2 = b.stream.pipeTo(dest, { preventAbort: true });
    b.controller.error("E2");
    expect(await rejectionOf(piping2)).toBe("E2");
    expect(aborted).toEqual(["E"]);
    expect(dest.locked).toBe(false);
  });

  test("a destination error cancels the source unless preventCancel", async () => {
    const cancelled: unknown[] = [];
    const boom = new Error("sink failed");
    const source = new ReadableStream({ pull: (c) => c.enqueue(1), cancel: (r) => void cancelled.push(r) });
    const piping = source.pipeTo(
      new WritableStream({
        write() {
          throw boom;
        },
      }),
    );
    expect(await rejectionOf(piping)).toBe(boom);
    expect(cancelled).toEqual([boom]);

    const source2 = new ReadableStream({ cancel: (r) => void cancelled.push(r) });
    let sink!: WritableStreamDefaultController;
    const piping2 = source2.pipeTo(new WritableStream({ start: (c) => void (sink = c) }), { preventCancel: true });
    sink.error("E");
    expect(await rejectionOf(piping2)).toBe("E");
    expect(cancelled).toEqual([boom]);
    expect(source2.locked).toBe(false);
  });

  test("an abort signal aborts the destination and cancels the source with its reason", async () => {
    const log: unknown[] = [];
    const controller = new AbortController();
    const source = new ReadableStream({ cancel: (r) => void log.push(["cancel", r.name]) });
    const dest = new WritableStream({ abort: (r) => void log.push(["abort", r.name]) });
    const piping = source.pipeTo(dest, { signal: controller.signal });
    controller.abort();
    const e = await rejectionOf(piping);
    expect(e.name).toBe("AbortError");
    expect(e).toBeInstanceOf(DOMException);
    expect(log).toEqual([
      ["abort", "AbortError"],
      ["cancel", "AbortError"],
    ]);

    const log2: unknown[] = [];
    const piping2 = new ReadableStream({ cancel: (r) => void log2.push(["cancel", r]) }).pipeTo(
      new WritableStream({ abort: (r) => void log2.push(["abort", r]) }),
      { signal: AbortSignal.abort("pre"), preventAbort: true },
    );
    expect(await rejectionOf(piping2)).toBe("pre");
    expect(log2).toEqual([["cancel", "pre"]]);
  });

  test("piping to a closed destination cancels the source with a TypeError", async () => {
    const dest = new WritableStream();
    await dest.close();
    const cancelled: unknown[] = [];
    const e = await rejectionOf(new ReadableStream({ cancel: (r) => void cancelled.push(r) }).pipeTo(dest));
    expect(e.name).toBe("TypeError");
    expect(cancelled).toEqual([e]);
  });

  test("pipeTo validates its arguments and locks", async () => {
    expect((await rejectionOf(new ReadableStream().pipeTo({} as any))).name).toBe("TypeError");
    expect((await rejectionOf(new ReadableStream().pipeTo(new WritableStream(), { signal: 1 } as any))).name).toBe("TypeError");
    const locked = new WritableStream();
    locked.getWriter();
    expect((await rejectionOf(new ReadableStream().pipeTo(locked))).code).toBe("ERR_INVALID_STATE");
  });

  test("the pipe respects backpressure from a slow destination", async () => {
    let pulls = 0;
    const releases: (() => void)[] = [];
    const source = new ReadableStream({ pull: (c) => c.enqueue(++pulls) }, { highWaterMark: 0 });
    const dest = new WritableStream({ write: () => new Promise<void>((r) => releases.push(r)) }, { highWaterMark: 1 });
    source.pipeTo(dest);
    await sleep(5);
    // The chunk being written fills the destination's queue until the sink is done with it.
    expect(pulls).toBe(1);
    releases.shift()!();
    await sleep(5);
    expect(pulls).toBe(2);
  });

  test("pipeThrough returns the transform's readable", async () => {
    const source = ReadableStream.from(["a", "b"]);
    const upper = new TransformStream<string, string>({ transform: (c, ctl) => ctl.enqueue(c.toUpperCase()) });
    const out = source.pipeThrough(upper);
    expect(out).toBe(upper.readable);
    expect(source.locked).toBe(true);
    expect(await readAll(out)).toEqual(["A", "B"]);
  });

  test("pipeThrough validates the pair and the locks synchronously", () => {
    expect(errorOf(() => new ReadableStream().pipeThrough({} as any))?.name).toBe("TypeError");
    expect(errorOf(() => new ReadableStream().pipeThrough({ readable: new ReadableStream(), writable: 1 } as any))?.name).toBe("TypeError");
    const locked = new ReadableStream();
    locked.getReader();
    expect(errorOf(() => locked.pipeThrough(new TransformStream()))?.code).toBe("ERR_INVALID_STATE");
  });
});

describe("byte streams", () => {
  test("a default reader gets Uint8Array chunks; enqueue transfers the buffer", async () => {
    let controller!: ReadableByteStreamController;
    const stream = new ReadableStream({ type: "bytes", start: (c) => void (controller = c) });
    expect(controller).toBeInstanceOf(ReadableByteStreamController);
    expect(controller.byobRequest).toBeNull();
    const chunk = new Uint16Array([1, 2]);
    controller.enqueue(chunk);
    expect(chunk.byteLength).toBe(0);
    expect(controller.desiredSize).toBe(-4);
    const { value } = await stream.getReader().read();
    expect(value).toBeInstanceOf(Uint8Array);
    expect(value!.byteLength).toBe(4);
  });

  test("a BYOB read fills the caller's view through byobRequest", async () => {
    const stream = new ReadableStream({
      type: "bytes",
      pull(c) {
        const view = c.byobRequest!.view!;
        expect([view.byteOffset, view.byteLength]).toEqual([2, 6]);
        new Uint8Array(view.buffer, view.byteOffset, 4).set([1, 0, 2, 0]);
        c.byobRequest!.respond(4);
      },
    });
    const reader = stream.getReader({ mode: "byob" });
    expect(reader).toBeInstanceOf(ReadableStreamBYOBReader);
    const buffer = new ArrayBuffer(8);
    const pending = reader.read(new Uint16Array(buffer, 2, 3));
    expect(buffer.byteLength).toBe(0);
    const { value, done } = await pending;
    expect(done).toBe(false);
    expect(value).toBeInstanceOf(Uint16Array);
    expect([...value!]).toEqual([1, 2]);
    expect([value!.byteOffset, value!.buffer.byteLength]).toEqual([2, 8]);
  });

  test("BYOB reads take queued bytes, splitting chunks across reads", async () => {
    let controller!: ReadableByteStreamController;
    const stream = new ReadableStream({ type: "bytes", start: (c) => void (controller = c) });
    controller.enqueue(new Uint8Array([1, 2, 3]));
    controller.enqueue(new Uint8Array([4]));
    const reader = stream.getReader({ mode: "byob" });
    expect([...(await reader.read(new Uint8Array(2))).value!]).toEqual([1, 2]);
    expect([...(await reader.read(new Uint8Array(5))).value!]).toEqual([3, 4]);
  });

  test("read(view, { min }) waits until min elements are filled", async () => {
    let controller!: ReadableByteStreamController;
    const stream = new ReadableStream({ type: "bytes", start: (c) => void (controller = c) });
    const reader = stream.getReader({ mode: "byob" });
    let settled = false;
    const pending = reader.read(new Uint8Array(4), { min: 3 }).then((r) => ((settled = true), r));
    controller.enqueue(new Uint8Array([1]));
    await sleep(1);
    expect(settled).toBe(false);
    controller.enqueue(new Uint8Array([2, 3]));
    expect([...(await pending).value!]).toEqual([1, 2, 3]);
  });

  test("respondWithNewView answers with a view of the request's buffer", async () => {
    const stream = new ReadableStream({
      type: "bytes",
      pull(c) {
        const view = c.byobRequest!.view!;
        const answer = new Uint8Array(view.buffer, view.byteOffset, 2);
        answer.set([7, 8]);
        c.byobRequest!.respondWithNewView(answer);
      },
    });
    const { value } = await stream.getReader({ mode: "byob" }).read(new Uint8Array(6));
    expect([...value!]).toEqual([7, 8]);
  });

  test("autoAllocateChunkSize gives default reads a byobRequest", async () => {
    const sizes: number[] = [];
    const stream = new ReadableStream({
      type: "bytes",
      autoAllocateChunkSize: 16,
      pull(c) {
        const view = c.byobRequest!.view as Uint8Array;
        sizes.push(view.byteLength);
        view[0] = 42;
        c.byobRequest!.respond(1);
      },
    });
    const { value } = await stream.getReader().read();
    expect([...value!]).toEqual([42]);
    expect(value!.buffer.byteLength).toBe(16);
    expect(sizes).toEqual([16]);
  });

  test("closing with a pending BYOB read: respond(0) ends it with an empty view", async () => {
    let controller!: ReadableByteStreamController;
    const stream = new ReadableStream({ type: "bytes", start: (c) => void (controller = c) });
    const reader = stream.getReader({ mode: "byob" });
    const pending = reader.read(new Uint16Array(2));
    await ticks(2);
    controller.close();
    controller.byobRequest!.respond(0);
    const { value, done } = await pending;
    expect(done).toBe(true);
    expect(value).toBeInstanceOf(Uint16Array);
    expect(value!.byteLength).toBe(0);
  });

  test("invalid byte stream calls throw or reject", async () => {
    let controller!: ReadableByteStreamController;
    const stream = new ReadableStream({ type: "bytes", start: (c) => void (controller = c) });
    expect(errorOf(() => controller.enqueue(new Uint8Array(0)))).toEqual({
      name: "TypeError",
      code: "ERR_INVALID_STATE",
      message: "Invalid state: chunk ArrayBuffer is zero-length or detached",
    });
    expect(errorOf(() => controller.enqueue(5 as any))?.name).toBe("TypeError");
    const reader = stream.getReader({ mode: "byob" });
    expect((await rejectionOf(reader.read(new Uint8Array(0)))).name).toBe("TypeError");
    expect((await rejectionOf(reader.read(5 as any))).name).toBe("TypeError");
    expect((await rejectionOf(reader.read(new Uint8Array(1), { min: 2 }))).name).toBe("RangeError");
    expect(errorOf(() => new ReadableStreamBYOBReader(new ReadableStream()))?.name).toBe("TypeError");
    const pending = reader.read(new Uint8Array(2));
    await ticks(2);
    const request = controller.byobRequest!;
    expect(errorOf(() => request.respond(3))?.name).toBe("RangeError");
    request.respond(1);
    expect(request.view).toBeNull();
    expect(errorOf(() => request.respond(1))?.name).toBe("TypeError");
    expect([...(await pending).value!]).toEqual([0]);
  });

  test("a byte stream tees into two byte streams", async () => {
    const source = new ReadableStream({
      type: "bytes",
      start(c) {
        c.enqueue(new Uint8Array([1, 2, 3]));
        c.close();
      },
    });
    const [left, right] = source.tee();
    const byob = left.getReader({ mode: "byob" });
    const plain = right.getReader();
    // The BYOB read pulls from the source into its own view; the other branch gets a copy.
    expect([...(await byob.read(new Uint8Array(2))).value!]).toEqual([1, 2]);
    expect([...(await plain.read()).value!]).toEqual([1, 2]);
    expect([...(await plain.read()).value!]).toEqual([3]);
    expect([...(await byob.read(new Uint8Array(2))).value!]).toEqual([3]);
    expect((await byob.read(new Uint8Array(2))).done).toBe(true);
    expect((await plain.read()).done).toBe(true);
  });
});

describe("queuing strategies", () => {
  test("report their high-water mark and share one size function per kind", () => {
    const bytes = new ByteLengthQueuingStrategy({ highWaterMark: 16 });
    const count = new CountQueuingStrategy({ highWaterMark: "2" as any });
    expect(bytes.highWaterMark).toBe(16);
    expect(count.highWaterMark).toBe(2);
    expect(bytes.size(new Uint8Array(5))).toBe(5);
    expect(count.size()).toBe(1);
    expect(bytes.size).toBe(new ByteLengthQueuingStrategy({ highWaterMark: 1 }).size);
    expect(count.size).toBe(new CountQueuingStrategy({ highWaterMark: 1 }).size);
    expect(bytes.size.name).toBe("size");
    expect(Object.keys(bytes)).toEqual([]);
  });

  test("require an init object with highWaterMark", () => {
    expect(errorOf(() => new CountQueuingStrategy(undefined as any))?.name).toBe("TypeError");
    expect(errorOf(() => new ByteLengthQueuingStrategy(5 as any))?.name).toBe("TypeError");
    expect(errorOf(() => new CountQueuingStrategy({} as any))?.name).toBe("TypeError");
  });

  test("drive a stream's desired size", () => {
    const writer = new WritableStream({}, new ByteLengthQueuingStrategy({ highWaterMark: 16 })).getWriter();
    writer.write(new Uint8Array(10));
    expect(writer.desiredSize).toBe(6);
  });
});

describe("TextEncoderStream and TextDecoderStream", () => {
  async function through(transform: { readable: ReadableStream; writable: WritableStream }, chunks: unknown[]) {
    const writer = transform.writable.getWriter();
    // A failure shows on the readable side; the writer's promises only repeat it.
    for (const chunk of chunks) writer.write(chunk).catch(() => {});
    writer.close().catch(() => {});
    return readAll(transform.readable);
  }

  test("TextEncoderStream encodes, joining surrogate pairs split across chunks", async () => {
    const encoder = new TextEncoderStream();
    expect(encoder.encoding).toBe("utf-8");
    const out = await through(encoder, ["h€", "\ud83d", "\ude00", "", 12]);
    expect(out.map((c: Uint8Array) => [...c])).toEqual([[0x68, 0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80], [0x31, 0x32]]);
    const lone = await through(new TextEncoderStream(), ["a\ud83d"]);
    expect(lone.map((c: Uint8Array) => [...c])).toEqual([[0x61], [0xef, 0xbf, 0xbd]]);
  });

  test("TextDecoderStream decodes sequences split across chunks", async () => {
    const decoder = new TextDecoderStream();
    expect([decoder.encoding, decoder.fatal, decoder.ignoreBOM]).toEqual(["utf-8", false, false]);
    expect(await through(decoder, [new Uint8Array([0x61, 0xe2, 0x82]), new Uint8Array([0xac]).buffer, new Uint8Array(0)])).toEqual(["a", "€"]);
    expect(await through(new TextDecoderStream(), [new Uint8Array([0x62, 0xe2])])).toEqual(["b", "\ufffd"]);
    const utf16 = new TextDecoderStream("utf-16le");
    expect(utf16.encoding).toBe("utf-16le");
    expect(await through(utf16, [new Uint8Array([0x41]), new DataView(new Uint8Array([0, 0x42, 0]).buffer)])).toEqual(["AB"]);
  });

  test("TextDecoderStream errors on a non-buffer chunk and, when fatal, on invalid data", async () => {
    const decoder = new TextDecoderStream();
    const writer = decoder.writable.getWriter();
    const read = decoder.readable.getReader().read();
    expect((await rejectionOf(writer.write("text"))).name).toBe("TypeError");
    expect((await rejectionOf(read)).name).toBe("TypeError");
    const fatal = new TextDecoderStream("utf-8", { fatal: true });
    expect(fatal.fatal).toBe(true);
    expect((await rejectionOf(through(fatal, [new Uint8Array([0xff])]))).name).toBe("TypeError");
    expect(errorOf(() => new TextDecoderStream("no-such-encoding"))?.name).toBe("RangeError");
  });
});

describe("promise ordering", () => {
  test("a read of a queued chunk settles in the next microtask; a pull-produced one a turn later", async () => {
    const order: string[] = [];
    new ReadableStream({ start: (c) => c.enqueue(1) })
      .getReader()
      .read()
      .then(() => order.push("queued"));
    new ReadableStream({ pull: (c) => c.enqueue(1) })
      .getReader()
      .read()
      .then(() => order.push("pulled"));
    Promise.resolve().then(() => order.push("tick1"));
    await ticks(4);
    expect(order).toEqual(["queued", "tick1", "pulled"]);
  });

  test("write, close and abort settle after the sink's start, in call order", async () => {
    const order: string[] = [];
    const a = new WritableStream().getWriter();
    const b = new WritableStream().getWriter();
    const c = new WritableStream().getWriter();
    a.write(1).then(() => order.push("write"));
    b.close().then(() => order.push("close"));
    c.abort("x").then(() => order.push("abort"));
    Promise.resolve()
      .then(() => order.push("tick1"))
      .then(() => order.push("tick2"));
    await ticks(6);
    expect(order).toEqual(["tick1", "tick2", "write", "close", "abort"]);
  });

  test("a promise returned by start is adopted (two extra turns), as WebIDL requires", async () => {
    const order: string[] = [];
    const ready = Promise.resolve();
    new ReadableStream({ start: () => ready, pull: () => void order.push("pull") });
    new ReadableStream({ pull: () => void order.push("pull (no start)") });
    ticks(1).then(() => order.push("tick2"));
    ticks(3).then(() => order.push("tick4"));
    await ticks(6);
    expect(order).toEqual(["pull (no start)", "tick2", "pull", "tick4"]);
  });
});
