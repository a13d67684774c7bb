// Behaviour of rusk_bindgen's generated glue, from JS. `rusk:probe` exists only in the runtime
// of crates/rusk/tests/bindgen_classes.rs (run by `cargo test`); the plain `rusk` binary does
// not have it.
import { describe, expect, test } from "bun:test";
// @ts-ignore: a test-only module
import { Probe, declarations } from "rusk:probe";

const gc = () => (globalThis as any).Bun.gc(true);
const tick = () => new Promise<void>((r) => setTimeout(r, 0));

// Collect garbage across a few loop turns (FinalizationRegistry callbacks run as jobs).
async function settle() {
  for (let i = 0; i < 3; i++) {
    gc();
    await tick();
  }
}

describe("receiver checks", () => {
  test("methods, getters and setters reject a wrong this with a TypeError naming class and member", () => {
    const d = (k: string) => Object.getOwnPropertyDescriptor(Probe.prototype, k)!;
    for (const bad of [{}, null, undefined, 1, "s", Object.create(Probe.prototype)]) {
      expect(() => Probe.prototype.add.call(bad, 1)).toThrow(
        "Probe.prototype.add called on an object that is not a Probe",
      );
      expect(() => d("value").get!.call(bad)).toThrow(TypeError);
      expect(() => d("value").get!.call(bad)).toThrow("Probe.prototype.value");
      expect(() => d("value").set!.call(bad, 1)).toThrow(TypeError);
      expect(() => d("info").get!.call(bad)).toThrow("Probe.prototype.info");
    }
    // A method moved to another class's instance is rejected too.
    const other = new (class Other {})();
    expect(() => (Probe.prototype as any)[Symbol.iterator].call(other)).toThrow(TypeError);
  });

  test("construct rules: new works, a plain call is a TypeError", () => {
    expect(new Probe(3).value).toBe(3);
    expect(() => (Probe as any)(3)).toThrow(TypeError);
    expect(() => (Probe as any)(3)).toThrow("Class constructor Probe cannot be invoked without 'new'");
  });
});

describe("members", () => {
  test("methods, accessors and argument conversion", () => {
    const p = new Probe(1);
    expect(p.add(2)).toBe(3);
    p.value = 10;
    expect(p.value).toBe(10);
    expect(Probe.prototype.add.length).toBe(1);
    expect(Probe.prototype.add.name).toBe("add");
    // A non-number argument is a conversion error → TypeError.
    expect(() => p.add({} as any)).toThrow(TypeError);
  });

  test("static members", () => {
    expect(Probe.version).toBe(42);
    expect(Probe.mode).toBe("idle");
    Probe.mode = "busy";
    expect(Probe.mode).toBe("busy");
    const c = Probe.create(7, "kept");
    expect(c).toBeInstanceOf(Probe);
    expect(c.value).toBe(7);
    expect(c.held()).toBe("kept");
  });

  test("well-known symbol keys", () => {
    const p = new Probe(5);
    expect([...p]).toEqual([5, 6, 7]);
    expect(+p).toBe(5);
    expect(`${p}`).toBe("5");
    expect(Object.prototype.toString.call(p)).toBe("[object Probe]");
    {
      using q = new Probe(9);
      expect(q.value).toBe(9);
      p.hold(q);
    }
    expect(p.held().value).toBe(-1);
  });

  test("instanceof and subclasses", () => {
    class Sub extends Probe {
      twice() {
        return this.value * 2;
      }
    }
    const s = new Sub(4);
    expect(s).toBeInstanceOf(Sub);
    expect(s).toBeInstanceOf(Probe);
    expect(s.twice()).toBe(8);
    expect(s.add(1)).toBe(5);
    expect(new Probe()).not.toBeInstanceOf(Sub);
    expect({} instanceof Probe).toBe(false);
  });
});

describe("errors and panics", () => {
  test("Err values become catchable exceptions with their messages", () => {
    const p = new Probe();
    expect(() => p.fail(1)).toThrow(RangeError);
    expect(() => p.fail(1)).toThrow("value out of range");
    expect(() => p.fail(2)).toThrow(TypeError);
    expect(() => p.fail(2)).toThrow("bad kind 2");
    expect(() => p.fail(3)).toThrow(TypeError);
    let caught: any;
    try {
      p.fail(1);
    } catch (e) {
      caught = e;
    }
    expect(caught.message).toBe("value out of range");
  });

  test("a panic is a catchable Error; the runtime goes on", () => {
    const p = new Probe(2);
    expect(() => p.boom()).toThrow("Rust panic in Probe.prototype.boom: kaboom");
    expect(p.add(1)).toBe(3);
  });
});

describe("traced slots and finalization", () => {
  test("a cached getter's Rust getter runs once; its value survives GC", () => {
    const p = new Probe();
    const before = Probe.infoCalls;
    const first = p.info;
    expect(p.info).toBe(first);
    gc();
    expect(p.info).toBe(first);
    expect(p.info.id).toBe(first.id);
    expect(Probe.infoCalls).toBe(before + 1);
  });

  test("a value held only in a slot lives exactly as long as its instance", async () => {
    let collected: string[] = [];
    const reg = new FinalizationRegistry((tag: string) => collected.push(tag));
    let p: any = new Probe();
    (() => {
      const held = { big: new Array(100).fill(1) };
      reg.register(held, "held");
      p.hold(held);
      const cached = p.info;
      reg.register(cached, "info");
    })();
    await settle();
    expect(collected).toEqual([]);
    expect(p.held().big.length).toBe(100);
    p = null;
    await settle();
    expect(collected.sort()).toEqual(["held", "info"]);
  });

  test("a cycle through a slot is collected", async () => {
    let n = 0;
    const reg = new FinalizationRegistry(() => n++);
    (() => {
      const p = new Probe();
      const back = { p };
      p.hold(back);
      reg.register(p, "p");
    })();
    await settle();
    expect(n).toBe(1);
  });

  test("finalizers run exactly once per instance", async () => {
    await settle();
    const before = Probe.finalized;
    (() => {
      for (let i = 0; i < 200; i++) new Probe(i);
    })();
    await settle();
    expect(Probe.finalized - before).toBe(200);
    await settle();
    expect(Probe.finalized - before).toBe(200);
  });

  test("pending activity keeps an unreachable object alive until it ends", async () => {
    await settle();
    const before = Probe.finalized;
    let ran = 0;
    const reg = new FinalizationRegistry(() => ran++);
    (() => {
      const p = new Probe(1);
      p.busy = true;
      p.hold({ payload: "kept with it" });
      reg.register(p, "busy");
    })();
    await settle();
    expect(Probe.finalized).toBe(before);
    expect(ran).toBe(0);
    Probe.releaseAll();
    await settle();
    expect(Probe.finalized).toBe(before + 1);
    expect(ran).toBe(1);
  });
});

test("the generated declarations are embedded", () => {
  expect(declarations).toContain("declare class Probe {");
  expect(declarations).toContain("add(n: number): number;");
  expect(declarations).toContain("static create(initial: number, held?: unknown): Probe;");
});

test("objects still busy or reachable at shutdown are finalized with the runtime", () => {
  // Checked on the Rust side after the run (every Probe made is finalized exactly once).
  const busy = new Probe(1);
  busy.busy = true;
  (globalThis as any).keptProbe = new Probe(2);
  expect(busy.busy).toBe(true);
});

describe("inspectCustom", () => {
  test("console.log and util.inspect show what the Rust method returns", async () => {
    const { inspect } = await import("node:util");
    const p = new Probe(7);
    expect(inspect(p)).toBe("Probe<7> (depth 2)");
    expect(inspect({ nested: p })).toBe("{ nested: Probe<7> (depth 1) }");
    const key = Symbol.for("nodejs.util.inspect.custom");
    expect(typeof (Probe.prototype as any)[key]).toBe("function");
    expect((Probe.prototype as any)[key].length).toBe(3);
    // Not enumerable, like the other prototype members.
    expect(Object.getOwnPropertySymbols(Probe.prototype)).toContain(key);
    expect(Object.keys(Probe.prototype)).not.toContain(key);
  });
});

describe("async methods", () => {
  test("resolve with the Rust future's value; the receiver stays alive while it runs", async () => {
    const p = new Probe(3);
    const pending = p.later(20);
    expect(pending).toBeInstanceOf(Promise);
    p.value = 9;
    expect(await pending).toBe(9);
    // Dropped by JS while the future runs: the future's reference keeps it alive.
    const orphan = new Probe(5).later(10);
    gc();
    expect(await orphan).toBe(5);
  });

  test("an Err rejects; arguments that do not convert reject too, as in an async function", async () => {
    const p = new Probe(1);
    await expect(p.later(1, true)).rejects.toThrow("later failed");
    const bad = p.later(-1);
    expect(bad).toBeInstanceOf(Promise);
    await expect(bad).rejects.toThrow('The value of "ms" is out of range.');
    // A wrong `this` rejects too (Bun's default for async methods: invalidThisBehavior "reject").
    const wrongThis = Probe.prototype.later.call({}, 1);
    expect(wrongThis).toBeInstanceOf(Promise);
    await expect(wrongThis).rejects.toThrow("called on an object that is not a Probe");
  });
});

describe("structuredClone", () => {
  test("structuredClone() makes a new instance through serialize/deserialize", () => {
    const p = new Probe(2.5);
    const copy = structuredClone(p);
    expect(copy).toBeInstanceOf(Probe);
    expect(copy).not.toBe(p);
    expect(copy.value).toBe(2.5);
    copy.value = 7;
    expect(p.value).toBe(2.5);
    // Inside other values, and the same instance twice stays one copy.
    const { a, b, list } = structuredClone({ a: p, b: p, list: [p] });
    expect(a).toBe(b);
    expect(list[0]).toBe(a);
    expect(a.value).toBe(2.5);
  });

  test("node:v8's serialize/deserialize carry instances", async () => {
    const { serialize, deserialize } = await import("node:v8");
    const back = deserialize(serialize({ p: new Probe(4) }));
    expect(back.p).toBeInstanceOf(Probe);
    expect(back.p.value).toBe(4);
  });

  test("a worker receives a Probe of its own", async () => {
    const { Worker } = await import("node:worker_threads");
    const w = new Worker(
      `const { parentPort } = require("node:worker_threads");
       parentPort.on("message", (p) => { parentPort.postMessage(p.value * 2); parentPort.close(); });`,
      { eval: true },
    );
    const reply = new Promise((resolve, reject) => {
      w.on("message", resolve);
      w.on("error", reject);
    });
    w.postMessage(new Probe(21));
    expect(await reply).toBe(42);
    await w.terminate();
  });
});
