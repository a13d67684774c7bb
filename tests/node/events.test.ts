import { describe, test, expect, mock } from "bun:test";
import EventEmitterDefault, {
  EventEmitter,
  once,
  on,
  getEventListeners,
  getMaxListeners,
  setMaxListeners,
  listenerCount,
  addAbortListener,
  errorMonitor,
  captureRejectionSymbol,
  EventEmitterAsyncResource,
} from "node:events";
import { AsyncLocalStorage, AsyncResource, executionAsyncId } from "node:async_hooks";

function errorOf(f: () => unknown) {
  try {
    f();
  } catch (e: any) {
    return { name: e.name, code: e.code, message: e.message };
  }
  return null;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/** Runs `body` with process.emitWarning replaced by a mock, and returns the mock. */
function withWarnings(body: () => void) {
  const original = process.emitWarning;
  const warn = mock(() => {});
  process.emitWarning = warn as any;
  try {
    body();
  } finally {
    process.emitWarning = original;
  }
  return warn;
}

describe("module shape", () => {
  test("the default export is EventEmitter with the helpers as statics", () => {
    expect(EventEmitterDefault).toBe(EventEmitter);
    expect(EventEmitter.EventEmitter).toBe(EventEmitter);
    expect(EventEmitter.once).toBe(once);
    expect(EventEmitter.on).toBe(on);
    expect(EventEmitter.getEventListeners).toBe(getEventListeners);
    expect(EventEmitter.setMaxListeners).toBe(setMaxListeners);
    expect(EventEmitter.addAbortListener).toBe(addAbortListener);
    expect(EventEmitter.errorMonitor).toBe(errorMonitor);
    expect(EventEmitter.captureRejectionSymbol).toBe(Symbol.for("nodejs.rejection"));
    expect(captureRejectionSymbol).toBe(Symbol.for("nodejs.rejection"));
    expect(EventEmitter.defaultMaxListeners).toBe(10);
    expect(EventEmitter.captureRejections).toBe(false);
    expect(typeof EventEmitter.init).toBe("function");
    expect(typeof EventEmitter.listenerCount).toBe("function");
  });
  test("instances keep Node's fields", () => {
    const e = new EventEmitter();
    expect(Object.keys(e).sort()).toEqual(["_events", "_eventsCount", "_maxListeners"]);
    e.on("x", () => {});
    expect(e._eventsCount).toBe(1);
    expect(typeof (e as any)._events.x).toBe("function");
  });
});

describe("adding, emitting, removing", () => {
  test("emit calls listeners in order with the arguments and the emitter as this", () => {
    const e = new EventEmitter();
    const calls: unknown[] = [];
    e.on("x", function (this: unknown, a, b) {
      calls.push(["first", this === e, a, b]);
    });
    e.addListener("x", (a) => calls.push(["second", a]));
    e.prependListener("x", () => calls.push("prepended"));
    expect(e.emit("x", 1, 2)).toBe(true);
    expect(e.emit("nobody")).toBe(false);
    expect(calls).toEqual(["prepended", ["first", true, 1, 2], ["second", 1]]);
  });
  test("once listeners run once; rawListeners shows the wrapper", () => {
    const e = new EventEmitter();
    const f = mock(() => "ret");
    e.once("x", f);
    const [wrapper] = e.rawListeners("x") as any[];
    expect(wrapper).not.toBe(f);
    expect(wrapper.listener).toBe(f);
    expect(e.listeners("x")).toEqual([f]);
    e.emit("x", 1);
    e.emit("x", 2);
    expect(f.mock.calls).toEqual([[1]]);
    expect(e.listenerCount("x")).toBe(0);
    const g = mock(() => {});
    e.on("y", () => {});
    e.prependOnceListener("y", g);
    expect(e.rawListeners("y")[0]).not.toBe(g);
    e.emit("y");
    e.emit("y");
    expect(g.mock.calls.length).toBe(1);
  });
  test("a once listener can be removed by the original function", () => {
    const e = new EventEmitter();
    const f = mock(() => {});
    e.once("x", f);
    e.off("x", f);
    expect(e.emit("x")).toBe(false);
    expect(f.mock.calls.length).toBe(0);
  });
  test("removeListener removes the last added match; emit works on a copy", () => {
    const e = new EventEmitter();
    const order: string[] = [];
    const a = () => order.push("a");
    const b = () => {
      order.push("b");
      e.removeListener("x", a);
      e.on("x", () => order.push("late"));
    };
    e.on("x", a);
    e.on("x", b);
    e.on("x", a);
    e.emit("x");
    expect(order).toEqual(["a", "b", "a"]);
    expect(e.listeners("x")).toHaveLength(3);
    order.length = 0;
    e.emit("x");
    expect(order).toEqual(["a", "b", "late"]);
  });
  test("removeAllListeners for one event or all", () => {
    const e = new EventEmitter();
    const sym = Symbol("s");
    e.on("a", () => {});
    e.on("b", () => {});
    e.on(sym, () => {});
    expect(e.eventNames()).toEqual(["a", "b", sym]);
    e.removeAllListeners("a");
    expect(e.eventNames()).toEqual(["b", sym]);
    expect(e.removeAllListeners()).toBe(e);
    expect(e.eventNames()).toEqual([]);
  });
  test("listenerCount counts all or one listener's registrations", () => {
    const e = new EventEmitter();
    const f = () => {};
    e.on("x", f);
    e.on("x", f);
    e.once("x", f);
    e.on("x", () => {});
    expect(e.listenerCount("x")).toBe(4);
    expect(e.listenerCount("x", f)).toBe(3);
    expect(e.listenerCount("none")).toBe(0);
    expect(listenerCount(e, "x")).toBe(4);
  });
  test("newListener and removeListener events", () => {
    const e = new EventEmitter();
    const log: string[] = [];
    e.on("newListener", (type, l) => log.push(`new ${String(type)} ${l.name}`));
    e.on("removeListener", (type, l) => log.push(`remove ${String(type)} ${l.name}`));
    function handler() {}
    e.once("x", handler);
    e.emit("x");
    e.on("y", handler);
    e.removeAllListeners("y");
    // The first entry is the 'removeListener' listener itself (an arrow function: no name).
    expect(log).toEqual(["new removeListener ", "new x handler", "remove x handler", "new y handler", "remove y handler"]);
  });
  test("listeners must be functions", () => {
    const e = new EventEmitter();
    for (const call of [() => e.on("x", 1 as any), () => e.once("x", undefined as any), () => e.prependListener("x", {} as any), () => e.off("x", null as any)]) {
      expect(errorOf(call)?.code).toBe("ERR_INVALID_ARG_TYPE");
    }
    expect(errorOf(() => e.on("x", 1 as any))?.message).toBe('The "listener" argument must be of type function. Received type number (1)');
  });
});

describe("'error' events", () => {
  test("an Error with no listener is thrown as it is", () => {
    const e = new EventEmitter();
    const err = new TypeError("bad");
    expect(() => e.emit("error", err)).toThrow(err);
  });
  test("other values throw ERR_UNHANDLED_ERROR with the value as context", () => {
    const e = new EventEmitter();
    let caught: any;
    try {
      e.emit("error", "text");
    } catch (x) {
      caught = x;
    }
    expect(caught).toBeInstanceOf(Error);
    expect(caught.code).toBe("ERR_UNHANDLED_ERROR");
    expect(caught.message).toBe("Unhandled error. ('text')");
    expect(caught.context).toBe("text");
    expect(errorOf(() => e.emit("error"))?.message).toBe("Unhandled error. (undefined)");
    expect(errorOf(() => e.emit("error", { a: 1 }))?.message).toBe("Unhandled error. ({ a: 1 })");
  });
  test("errorMonitor sees errors before they are thrown or handled", () => {
    const e = new EventEmitter();
    const seen: unknown[] = [];
    e.on(errorMonitor, (x) => seen.push(x));
    expect(() => e.emit("error", new Error("one"))).toThrow("one");
    e.on("error", () => seen.push("handled"));
    expect(e.emit("error", "two")).toBe(true);
    expect(seen.map(String)).toEqual(["Error: one", "two", "handled"]);
  });
});

describe("max listeners", () => {
  test("setMaxListeners/getMaxListeners and the leak warning", () => {
    const e = new EventEmitter();
    expect(e.getMaxListeners()).toBe(10);
    expect(e.setMaxListeners(2)).toBe(e);
    const warn = withWarnings(() => {
      for (let i = 0; i < 4; i++) e.on("leak", () => {});
    });
    expect(warn.mock.calls.length).toBe(1);
    const [warning] = warn.mock.calls[0] as any[];
    expect(warning.name).toBe("MaxListenersExceededWarning");
    expect(warning.message).toBe(
      "Possible EventEmitter memory leak detected. 3 leak listeners added to [EventEmitter]. MaxListeners is 2. Use emitter.setMaxListeners() to increase limit",
    );
    expect(warning.emitter).toBe(e);
    expect(warning.type).toBe("leak");
    expect(warning.count).toBe(3);
  });
  test("a limit of 0 means no limit", () => {
    const e = new EventEmitter();
    e.setMaxListeners(0);
    const warn = withWarnings(() => {
      for (let i = 0; i < 20; i++) e.on("x", () => {});
    });
    expect(warn.mock.calls.length).toBe(0);
  });
  test("invalid limits", () => {
    const e = new EventEmitter();
    expect(errorOf(() => e.setMaxListeners(-1))).toEqual({
      name: "RangeError",
      code: "ERR_OUT_OF_RANGE",
      message: 'The value of "setMaxListeners" is out of range. It must be >= 0. Received -1',
    });
    expect(errorOf(() => e.setMaxListeners("1" as any))?.message).toBe(
      `The "setMaxListeners" argument must be of type number. Received type string ('1')`,
    );
    expect(errorOf(() => ((EventEmitter as any).defaultMaxListeners = -1))?.message).toBe(
      'The value of "defaultMaxListeners" is out of range. It must be >= 0. Received -1',
    );
    expect(EventEmitter.defaultMaxListeners).toBe(10);
  });
  test("events.setMaxListeners/getMaxListeners on emitters and EventTargets", () => {
    const e = new EventEmitter();
    const t = new EventTarget();
    setMaxListeners(3, e, t);
    expect(e.getMaxListeners()).toBe(3);
    expect(getMaxListeners(t)).toBe(3);
    expect(errorOf(() => setMaxListeners(1, {} as any))?.message).toBe(
      'The "eventTargets" argument must be an instance of EventEmitter or EventTarget. Received an instance of Object',
    );
  });
});

describe("construction and inheritance", () => {
  test("classes extend EventEmitter", () => {
    class Sub extends EventEmitter {
      value = 1;
    }
    const s = new Sub();
    const f = mock(() => {});
    s.on("x", f);
    s.emit("x", 5);
    expect(f.mock.calls).toEqual([[5]]);
    expect(s).toBeInstanceOf(EventEmitter);
  });
  test("old-style constructors call EventEmitter on themselves", () => {
    function Old(this: any) {
      EventEmitter.call(this);
      this.name = "old";
    }
    Object.setPrototypeOf(Old.prototype, EventEmitter.prototype);
    const o = new (Old as any)();
    const f = mock(() => {});
    o.on("x", f);
    o.emit("x");
    expect(f.mock.calls.length).toBe(1);
    expect(o._eventsCount).toBe(1);
    const plain: any = {};
    EventEmitter.call(plain);
    expect(plain._eventsCount).toBe(0);
  });
  test("captureRejections must be a boolean", () => {
    expect(errorOf(() => new EventEmitter({ captureRejections: "yes" as any }))?.message).toBe(
      `The "options.captureRejections" property must be of type boolean. Received type string ('yes')`,
    );
  });
});

describe("captureRejections", () => {
  test("a rejected listener promise becomes an 'error' event", async () => {
    const e = new EventEmitter({ captureRejections: true });
    const errors: string[] = [];
    e.on("error", (x) => errors.push(x.message));
    e.on("x", async () => {
      throw new Error("rejected");
    });
    e.emit("x");
    await tick();
    expect(errors).toEqual(["rejected"]);
  });
  test("or goes to the captureRejectionSymbol method", async () => {
    const e: any = new EventEmitter({ captureRejections: true });
    const seen: unknown[] = [];
    e[captureRejectionSymbol] = (err: Error, type: string, ...args: unknown[]) => seen.push(err.message, type, ...args);
    e.on("x", () => Promise.reject(new Error("r")));
    e.emit("x", 1, 2);
    await tick();
    expect(seen).toEqual(["r", "x", 1, 2]);
  });
});

describe("events.once", () => {
  test("resolves with the event's arguments and cleans up", async () => {
    const e = new EventEmitter();
    const p = once(e, "x");
    e.emit("x", 1, 2);
    expect(await p).toEqual([1, 2]);
    expect(e.listenerCount("x")).toBe(0);
    expect(e.listenerCount("error")).toBe(0);
  });
  test("rejects on 'error'", async () => {
    const e = new EventEmitter();
    const p = once(e, "x");
    e.emit("error", new Error("bad"));
    await expect(p).rejects.toThrow("bad");
    expect(e.listenerCount("x")).toBe(0);
  });
  test("rejects with an AbortError when the signal aborts", async () => {
    const e = new EventEmitter();
    const ac = new AbortController();
    const p = once(e, "x", { signal: ac.signal });
    ac.abort("why");
    let error: any;
    try {
      await p;
    } catch (x) {
      error = x;
    }
    expect(error.name).toBe("AbortError");
    expect(error.code).toBe("ABORT_ERR");
    expect(error.cause).toBe("why");
    expect(e.listenerCount("x")).toBe(0);
    await expect(once(e, "x", { signal: AbortSignal.abort() })).rejects.toThrow("The operation was aborted");
    // Bun: 'must be of type AbortSignal'; Node: 'must be an instance of AbortSignal'.
    await expect(once(e, "x", { signal: 1 as any })).rejects.toThrow('The "options.signal" property must be an instance of AbortSignal');
  });
  test("works on an EventTarget", async () => {
    const t = new EventTarget();
    const p = once(t, "ping");
    const event = new Event("ping");
    t.dispatchEvent(event);
    const [got] = await p;
    expect(got).toBe(event);
  });
});

describe("events.on", () => {
  test("yields argument arrays, buffered or awaited", async () => {
    const e = new EventEmitter();
    const it = on(e, "x");
    e.emit("x", 1);
    e.emit("x", 2, 3);
    expect(await it.next()).toEqual({ value: [1], done: false });
    expect(await it.next()).toEqual({ value: [2, 3], done: false });
    const pending = it.next();
    e.emit("x", 4);
    expect(await pending).toEqual({ value: [4], done: false });
    await it.return!();
    expect(e.listenerCount("x")).toBe(0);
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });
  test("throws the first 'error' and then ends", async () => {
    const e = new EventEmitter();
    const it = on(e, "x");
    e.emit("error", new Error("E"));
    await expect(it.next()).rejects.toThrow("E");
    expect(await it.next()).toEqual({ value: undefined, done: true });
    expect(e.listenerCount("error")).toBe(0);
  });
  test("for await with break removes the listeners", async () => {
    const e = new EventEmitter();
    setTimeout(() => e.emit("tick", "a"), 1);
    for await (const [value] of on(e, "tick")) {
      expect(value).toBe("a");
      break;
    }
    expect(e.listenerCount("tick")).toBe(0);
  });
  test("close events end the iteration; abort rejects", async () => {
    const e = new EventEmitter();
    const it = on(e, "x", { close: ["end"] } as any);
    e.emit("x", 1);
    e.emit("end");
    expect((await it.next()).value).toEqual([1]);
    expect((await it.next()).done).toBe(true);
    const ac = new AbortController();
    const it2 = on(e, "y", { signal: ac.signal });
    const waiting = it2.next();
    ac.abort();
    await expect(waiting).rejects.toThrow("The operation was aborted");
    expect(errorOf(() => on(e, "z", { signal: AbortSignal.abort() }))?.name).toBe("AbortError");
  });
  test("pauses and resumes the emitter around the watermarks", async () => {
    const e: any = new EventEmitter();
    const log: string[] = [];
    e.pause = () => log.push("pause");
    e.resume = () => log.push("resume");
    const it = on(e, "x", { highWaterMark: 2, lowWaterMark: 1 } as any);
    for (let i = 0; i < 4; i++) e.emit("x", i);
    for (let i = 0; i < 4; i++) log.push(String((await it.next()).value[0]));
    expect(log).toEqual(["pause", "0", "1", "2", "resume", "3"]);
  });
});

describe("EventTarget helpers", () => {
  test("getEventListeners reads emitters and EventTargets", () => {
    const e = new EventEmitter();
    const f = () => {};
    e.on("x", f);
    expect(getEventListeners(e, "x")).toEqual([f]);
    const t = new EventTarget();
    const handler = { handleEvent() {} };
    t.addEventListener("y", f);
    t.addEventListener("y", handler);
    expect(getEventListeners(t, "y")).toEqual([f, handler]);
    // Bun's message is "ERR_INVALID_ARG_TYPE: first argument must be of type EventEmitter".
    expect(errorOf(() => getEventListeners({} as any, "x"))?.message).toBe(
      'The "emitter" argument must be an instance of EventEmitter or EventTarget. Received an instance of Object',
    );
  });
  test("addAbortListener runs even after stopImmediatePropagation, and can be disposed", async () => {
    const ac = new AbortController();
    const log: string[] = [];
    ac.signal.addEventListener("abort", (e) => {
      log.push("first");
      e.stopImmediatePropagation();
    });
    addAbortListener(ac.signal, () => log.push("resists"));
    const disposable = addAbortListener(ac.signal, () => log.push("disposed"));
    disposable[Symbol.dispose]();
    ac.abort();
    addAbortListener(ac.signal, () => log.push("already aborted"));
    expect(log).toEqual(["first", "resists"]);
    await tick();
    expect(log).toEqual(["first", "resists", "already aborted"]);
  });
  // Node's messages ("an instance of AbortSignal"); Bun says "of type AbortSignal".
  test("addAbortListener validates its arguments", () => {
    expect(errorOf(() => addAbortListener(undefined as any, () => {}))?.message).toBe(
      'The "signal" argument must be an instance of AbortSignal. Received undefined',
    );
    expect(errorOf(() => addAbortListener(new AbortController().signal, 1 as any))?.message).toBe(
      'The "listener" argument must be of type function. Received type number (1)',
    );
  });
});

describe("EventEmitterAsyncResource", () => {
  test("is an EventEmitter with an AsyncResource that points back at it", () => {
    expect(EventEmitter.EventEmitterAsyncResource).toBe(EventEmitterAsyncResource);
    const e = new EventEmitterAsyncResource("myEmitter");
    expect(e instanceof EventEmitter).toBe(true);
    expect(Object.keys(e).sort()).toEqual(["_events", "_eventsCount", "_maxListeners"]);
    const resource = e.asyncResource as any;
    expect(resource instanceof AsyncResource).toBe(true);
    expect(resource.constructor.name).toBe("EventEmitterReferencingAsyncResource");
    expect(resource.eventEmitter).toBe(e);
    expect(e.asyncResource).toBe(resource);
    expect(e.asyncId).toBe(resource.asyncId());
    expect(e.triggerAsyncId).toBe(resource.triggerAsyncId());
    expect(Number.isInteger(e.asyncId)).toBe(true);
  });

  test("options.name is required (a string), except for subclasses", () => {
    expect(errorOf(() => new EventEmitterAsyncResource())).toEqual({
      name: "TypeError",
      code: "ERR_INVALID_ARG_TYPE",
      message: 'The "options.name" property must be of type string. Received undefined',
    });
    expect(errorOf(() => new EventEmitterAsyncResource({ name: 5 } as any))?.message).toBe(
      'The "options.name" property must be of type string. Received type number (5)',
    );
    class Sub extends EventEmitterAsyncResource {}
    const sub = new Sub();
    expect(sub instanceof EventEmitterAsyncResource).toBe(true);
    expect(typeof sub.asyncId).toBe("number");
  });

  test("triggerAsyncId: the creator's execution id, or options.triggerAsyncId (validated)", () => {
    expect(new EventEmitterAsyncResource({ name: "a" }).triggerAsyncId).toBe(executionAsyncId());
    expect(new EventEmitterAsyncResource({ name: "b", triggerAsyncId: 42, requireManualDestroy: true }).triggerAsyncId).toBe(42);
    expect(errorOf(() => new EventEmitterAsyncResource({ name: "c", triggerAsyncId: -5 }))).toEqual({
      name: "RangeError",
      code: "ERR_INVALID_ASYNC_ID",
      message: "Invalid triggerAsyncId value: -5",
    });
  });

  test("listeners run in the resource's async scope, whoever emits", () => {
    const als = new AsyncLocalStorage<string>();
    const e = als.run("at creation", () => new EventEmitterAsyncResource({ name: "scoped" }));
    const seen: unknown[] = [];
    e.on("ev", function (this: unknown, a: number, b: number) {
      seen.push(this === e, a, b, als.getStore(), executionAsyncId() === e.asyncId);
    });
    const returned = als.run("at emit", () => {
      const r = e.emit("ev", 1, 2);
      seen.push(als.getStore());
      return r;
    });
    expect(returned).toBe(true);
    expect(seen).toEqual([true, 1, 2, "at creation", true, "at emit"]);
    expect(e.emit("nobody")).toBe(false);
    expect(als.getStore()).toBe(undefined);
  });

  test("an unhandled 'error' is thrown by emit; emitDestroy returns nothing", () => {
    const e = new EventEmitterAsyncResource({ name: "errors" });
    const err = new Error("unhandled");
    expect(() => e.emit("error", err)).toThrow(err);
    expect(e.emitDestroy()).toBe(undefined);
  });

  test("captureRejections turns a listener's rejection into 'error'", async () => {
    const e = new EventEmitterAsyncResource({ name: "capture", captureRejections: true });
    const errors: string[] = [];
    e.on("error", (err) => errors.push(err.message));
    e.on("work", async () => {
      throw new Error("boom");
    });
    e.emit("work");
    await tick();
    expect(errors).toEqual(["boom"]);
  });

  test("its methods and getters refuse other receivers", () => {
    const proto = EventEmitterAsyncResource.prototype as any;
    expect(errorOf(() => proto.emit.call(new EventEmitter(), "x"))?.name).toBe("TypeError");
    expect(errorOf(() => Object.getOwnPropertyDescriptor(proto, "asyncId")!.get!.call({}))?.name).toBe("TypeError");
    expect(errorOf(() => Object.getOwnPropertyDescriptor(proto, "asyncResource")!.get!.call(new EventEmitter()))?.name).toBe("TypeError");
  });
});
