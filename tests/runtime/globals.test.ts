import { describe, expect, test } from "bun:test";
import { readFileSync, writeFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { EventEmitter } from "node:events";
import os from "node:os";
import util from "node:util";

describe("event loop", () => {
  test("timers, immediates and microtasks run in order", async () => {
    const order: string[] = [];
    await new Promise<void>((resolve) => {
      setTimeout(() => { order.push("timeout 10"); resolve(); }, 10);
      setTimeout(() => order.push("timeout 0"), 0);
      setImmediate(() => order.push("immediate"));
      queueMicrotask(() => order.push("microtask"));
      process.nextTick(() => order.push("tick"));
      Promise.resolve().then(() => order.push("promise"));
    });
    expect(order[0]).toBe("microtask");
    expect(order.slice(0, 3).sort()).toEqual(["microtask", "promise", "tick"]);
    expect(order.indexOf("timeout 10")).toBe(order.length - 1);
  });
  test("clearTimeout and intervals", async () => {
    let n = 0;
    const t = setTimeout(() => (n = -100), 5);
    clearTimeout(t);
    await new Promise<void>((resolve) => {
      const i = setInterval(() => {
        if (++n === 3) { clearInterval(i); resolve(); }
      }, 1);
    });
    expect(n).toBe(3);
  });
  test("Timeout objects have ref/unref/hasRef", () => {
    const t = setTimeout(() => {}, 1000);
    expect(t.hasRef()).toBe(true);
    t.unref();
    expect(t.hasRef()).toBe(false);
    clearTimeout(t);
  });
  test("setTimeout rejects a non-function", () => {
    expect(() => setTimeout(5 as any, 1)).toThrow(TypeError);
  });
  test("Bun.sleep", async () => {
    const start = performance.now();
    await Bun.sleep(20);
    expect(performance.now() - start).toBeGreaterThanOrEqual(15);
  });
  test("fs promises resolve through the loop", async () => {
    const text = await readFile(import.meta.path, "utf8");
    expect(text).toContain("fs promises resolve");
  });
});

describe("globals", () => {
  test("TextEncoder/TextDecoder, atob/btoa, URL", () => {
    expect(Array.from(new TextEncoder().encode("hé"))).toEqual([104, 195, 169]);
    expect(new TextDecoder().decode(new Uint8Array([104, 105]))).toBe("hi");
    expect(btoa("hi")).toBe("aGk=");
    expect(atob("aGk=")).toBe("hi");
    const u = new URL("https://example.com/a?b=1");
    expect(u.searchParams.get("b")).toBe("1");
    expect(new URLSearchParams("x=1&y=2").get("y")).toBe("2");
  });
  test("loading a built-in for a global does not run queued jobs early (as in Node)", () => {
    const fixture = `${import.meta.dir}/fixtures/lazy_order.mjs`;
    const r = Bun.spawnSync([process.execPath, "run", fixture]);
    expect(r.stdout.toString()).toBe("loaded function, job queued before, next\n");
    expect(r.exitCode).toBe(0);
  });
  test("structuredClone deep-copies maps, dates, cycles", () => {
    const o: any = { d: new Date(5), m: new Map([[1, { a: 1 }]]), s: new Set([1]), u: new Uint8Array([1, 2]) };
    o.self = o;
    const c = structuredClone(o);
    expect(c).not.toBe(o);
    expect(c.self).toBe(c);
    expect(c.d.getTime()).toBe(5);
    expect(c.m.get(1)).toEqual({ a: 1 });
    expect(c.m.get(1)).not.toBe(o.m.get(1));
    expect(Array.from(c.u)).toEqual([1, 2]);
    expect(() => structuredClone(() => 1)).toThrow();
  });
  test("process", () => {
    expect(process.argv.length).toBeGreaterThanOrEqual(2);
    expect(typeof process.env.PATH).toBe("string");
    expect(process.platform).toBe(os.platform());
    expect(typeof process.arch).toBe("string");
    expect(process.cwd().length).toBeGreaterThan(0);
    expect(typeof process.versions.rusk).toBe("string");
    expect(Array.isArray(process.hrtime())).toBe(true);
    expect(typeof process.hrtime.bigint()).toBe("bigint");
  });
  test("gc() and Bun.gc() collect unreachable objects", async () => {
    let collected = false;
    const registry = new FinalizationRegistry(() => { collected = true; });
    (() => { registry.register({ big: new Array(1000).fill(1) }, "x"); })();
    Bun.gc(true);
    gc();
    await Bun.sleep(1);
    expect(collected).toBe(true);
  });
  test("Bun file helpers", async () => {
    const dir = `${os.tmpdir()}/rusk-test-${process.hrtime.bigint()}`;
    mkdirSync(dir, { recursive: true });
    const p = `${dir}/a.txt`;
    expect(await Bun.write(p, "hello")).toBe(5);
    const f = Bun.file(p);
    expect(await f.exists()).toBe(true);
    expect(f.size).toBe(5);
    expect(await f.text()).toBe("hello");
    expect(new Uint8Array(await f.arrayBuffer())[0]).toBe(104);
    expect(await Bun.file(`${dir}/missing`).exists()).toBe(false);
    writeFileSync(`${dir}/b.txt`, "x");
    expect(readdirSync(dir).sort()).toEqual(["a.txt", "b.txt"]);
    expect(statSync(p).size).toBe(5);
    expect(readFileSync(p, "utf8")).toBe("hello");
    rmSync(dir, { recursive: true });
    expect(existsSync(dir)).toBe(false);
  });
  test("Bun.spawnSync and Bun.which", () => {
    const r = Bun.spawnSync(["sh", "-c", "echo out; echo err 1>&2; exit 3"]);
    expect(r.exitCode).toBe(3);
    expect(r.stdout.toString()).toBe("out\n");
    expect(r.stderr.toString()).toBe("err\n");
    expect(Bun.which("sh")).toContain("/sh");
    expect(Bun.which("definitely-not-a-command-xyz")).toBe(null);
    expect(() => Bun.spawnSync([])).toThrow(TypeError);
  });
  test("Bun path/URL helpers", () => {
    expect(Bun.fileURLToPath("file:///a/b%20c")).toBe("/a/b c");
    expect(Bun.pathToFileURL("/a/b c").href).toBe("file:///a/b%20c");
    expect(() => Bun.fileURLToPath("http://x")).toThrow(TypeError);
  });
  test("events and util", () => {
    const e = new EventEmitter();
    let got = 0;
    e.on("x", (v: number) => (got = v));
    e.emit("x", 7);
    expect(got).toBe(7);
    expect(util.format("%s=%d", "a", 1)).toBe("a=1");
    expect(util.inspect({ a: 1 })).toContain("a: 1");
  });
});

describe("DOMException", () => {
  test("name, message, legacy codes and options", () => {
    const e = new DOMException("m", "DataCloneError");
    expect([e.name, e.message, e.code]).toEqual(["DataCloneError", "m", 25]);
    expect(e instanceof Error).toBe(true);
    expect(Object.prototype.toString.call(e)).toBe("[object DOMException]");
    expect(DOMException.DATA_CLONE_ERR).toBe(25);
    expect(DOMException.prototype.INDEX_SIZE_ERR).toBe(1);
    expect([new DOMException("x").name, new DOMException("x").code]).toEqual(["Error", 0]);
    const withCause = new DOMException("y", { name: "AbortError", cause: 1 });
    expect([withCause.name, withCause.code, withCause.cause]).toEqual(["AbortError", 20, 1]);
  });

  test("cloning a function throws a DataCloneError DOMException", () => {
    let err: unknown;
    try {
      structuredClone(() => 1);
    } catch (e) {
      err = e;
    }
    expect(err instanceof DOMException).toBe(true);
    expect((err as DOMException).code).toBe(25);
  });
});
