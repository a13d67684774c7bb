// Globals made on first use (Buffer, URL, the web streams, Bun.file, process.env, ...): before
// their first read they are accessors; reading or assigning one turns it into a plain value, as
// Node's are. Each case runs in a fresh process, where nothing has touched them yet.
import { describe, test, expect, afterAll } from "bun:test";
import fs from "node:fs";
import { tmpdir } from "node:os";

const isRusk = typeof process.versions.rusk === "string";
const dir = fs.mkdtempSync(`${tmpdir()}/rusk-lazy-globals-`);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let counter = 0;

/** Runs `source` as a module in a new process; returns its stdout parsed as JSON. */
function run(source: string) {
  const file = `${dir}/script${++counter}.mjs`;
  fs.writeFileSync(file, source);
  const r = Bun.spawnSync([process.execPath, "run", file]);
  if (r.exitCode !== 0) throw new Error(`exit ${r.exitCode}: ${r.stderr.toString()}`);
  return JSON.parse(r.stdout.toString());
}

const shape = `const shape = (obj, key) => {
  const d = Object.getOwnPropertyDescriptor(obj, key);
  return d && { accessor: "get" in d, enumerable: d.enumerable, configurable: d.configurable, writable: d.writable };
};`;

describe.skipIf(!isRusk)("lazy globals", () => {
  test("an untouched global is a configurable, non-enumerable accessor; reading it settles a value", () => {
    const r = run(`${shape}
      const before = shape(globalThis, "Buffer");
      const same = Buffer === (await import("node:buffer")).Buffer;
      console.log(JSON.stringify({ before, same, after: shape(globalThis, "Buffer"),
        keys: Object.keys(globalThis).includes("Buffer"), names: Object.getOwnPropertyNames(globalThis).includes("URL") }));
    `);
    expect(r.before).toEqual({ accessor: true, enumerable: false, configurable: true });
    expect(r.same).toBe(true);
    expect(r.after).toEqual({ accessor: false, enumerable: false, configurable: true, writable: true });
    expect(r.keys).toBe(false);
    expect(r.names).toBe(true);
  });

  test("assigning before the first read replaces it with the value, in sloppy and strict code", () => {
    const r = run(`${shape}
      globalThis.URL = 1;
      (function () { "use strict"; globalThis.Headers = 2; })();
      const streams = typeof ReadableStream;
      console.log(JSON.stringify({ url: URL, headers: Headers, shape: shape(globalThis, "URL"), streams }));
    `);
    expect(r).toEqual({ url: 1, headers: 2, shape: { accessor: false, enumerable: false, configurable: true, writable: true }, streams: "function" });
  });

  test("a global read through another receiver still settles on globalThis", () => {
    const r = run(`${shape}
      const child = Object.create(globalThis);
      const viaChild = child.TextEncoderStream === globalThis.TextEncoderStream;
      console.log(JSON.stringify({ viaChild, own: Object.hasOwn(child, "TextEncoderStream"), shape: shape(globalThis, "TextEncoderStream") }));
    `);
    expect(r).toEqual({ viaChild: true, own: false, shape: { accessor: false, enumerable: false, configurable: true, writable: true } });
  });

  test("Bun's members: enumerable, loaded on first read, assignable", () => {
    const r = run(`${shape}
      "use strict";
      const before = shape(Bun, "file");
      const listed = Object.keys(Bun).includes("file") && Object.keys(Bun).includes("spawn");
      const file = typeof Bun.file("/nonexistent").exists;
      Bun.spawn = "mine";
      console.log(JSON.stringify({ before, listed, file, spawn: Bun.spawn, after: shape(Bun, "spawn") }));
    `);
    expect(r.before).toEqual({ accessor: true, enumerable: true, configurable: true });
    expect(r.listed).toBe(true);
    expect(r.file).toBe("function");
    expect(r.spawn).toBe("mine");
    expect(r.after).toEqual({ accessor: false, enumerable: true, configurable: true, writable: true });
  });

  // (Reading `process` makes Node's process, which reads the core's env: the accessor itself
  // is seen only by programs that never touch `process`.)
  test("process.env is an enumerable value with the environment; it can be replaced", () => {
    process.env.RUSK_LAZY_ENV_PROBE = "yes";
    const r = run(`${shape}
      const listed = Object.keys(process).includes("env");
      const probe = process.env.RUSK_LAZY_ENV_PROBE;
      const after = shape(process, "env");
      process.env = { only: "1" };
      console.log(JSON.stringify({ listed, probe, after, replaced: process.env.only }));
    `);
    delete process.env.RUSK_LAZY_ENV_PROBE;
    expect(r.listed).toBe(true);
    expect(r.probe).toBe("yes");
    expect(r.after).toEqual({ accessor: false, enumerable: true, configurable: true, writable: true });
    expect(r.replaced).toBe("1");
  });

  test("navigator and process can be assigned before they are read", () => {
    const r = run(`
      globalThis.navigator = "nav";
      const realProcess = globalThis.process;
      globalThis.process = "p";
      const seen = [navigator, globalThis.process];
      globalThis.process = realProcess;
      console.log(JSON.stringify({ seen }));
    `);
    expect(r.seen).toEqual(["nav", "p"]);
  });

  test("the accessors survive a garbage collection before their first read", () => {
    const r = run(`
      for (let i = 0; i < 3; i++) { const junk = Array.from({ length: 2000 }, (_, j) => ({ j })); gc(); }
      console.log(JSON.stringify({ blob: typeof Blob, perf: typeof performance.now(), intl: typeof Intl.NumberFormat }));
    `);
    expect(r).toEqual({ blob: "function", perf: "number", intl: "function" });
  });

  test("defineLazy rejects names that are not strings with a TypeError", () => {
    const r = run(`
      const internals = globalThis[Symbol.for("rusk.internals")];
      let error;
      try { internals.defineLazy({}, [1], () => 0, () => {}, false); } catch (e) { error = [e.constructor.name, e.message]; }
      const target = {};
      internals.defineLazy(target, ["a"], (name) => name + "!", () => {}, false);
      console.log(JSON.stringify({ error, a: target.a }));
    `);
    expect(r.error).toEqual(["TypeError", "defineLazy: names must be strings"]);
    expect(r.a).toBe("a!");
  });

  test("the core's rarely used globals are accessors until read, then values of their usual shape", () => {
    const names = ["Bun", "require", "structuredClone", "babelHelpers", "TextEncoder", "TextDecoder"];
    const r = run(`${shape}
      const names = ${JSON.stringify(names)};
      const before = Object.fromEntries(names.map((n) => [n, shape(globalThis, n)]));
      const used = {
        bun: [typeof Bun.file, typeof Bun.jest, typeof Bun.spawn, Bun.version],
        require: require("node:path").join("a", "b"),
        clone: structuredClone(new Map([[1, { a: [2] }]])).get(1).a[0],
        helpers: [typeof babelHelpers.usingCtx, Object.isFrozen(babelHelpers)],
        // The decoder read first: both classes come from one install and work together.
        text: new TextDecoder().decode(new TextEncoder().encode("hé")),
      };
      const after = Object.fromEntries(names.map((n) => [n, shape(globalThis, n)]));
      console.log(JSON.stringify({ before, used, after }));
    `);
    for (const name of names) expect(r.before[name]).toMatchObject({ accessor: true, configurable: true });
    expect(r.used).toEqual({
      bun: ["function", "function", "function", "1.2.0"],
      require: "a/b",
      clone: 2,
      helpers: ["function", true],
      text: "hé",
    });
    const value = (enumerable: boolean, writable = true) => ({ accessor: false, enumerable, configurable: true, writable });
    expect(r.after).toEqual({
      Bun: value(false),
      require: value(false),
      structuredClone: value(true),
      babelHelpers: value(false, false),
      TextEncoder: value(false),
      TextDecoder: value(false),
    });
  });

  test("Bun assigned before its first read stays what was assigned", () => {
    const r = run(`
      globalThis.Bun = { mine: true };
      globalThis.structuredClone = "sc";
      console.log(JSON.stringify({ bun: Bun, sc: structuredClone, coreBun: globalThis[Symbol.for("rusk.internals")].coreBun === undefined }));
    `);
    expect(r).toEqual({ bun: { mine: true }, sc: "sc", coreBun: true });
  });

  test("`using` in TypeScript disposes in reverse order and chains a disposer's error", () => {
    const file = `${dir}/using${++counter}.ts`;
    fs.writeFileSync(
      file,
      `const log: string[] = [];
      const res = (name: string, fail = false) => ({ [Symbol.dispose]() { log.push(name); if (fail) throw new Error(name); } });
      try {
        using a = res("a", true);
        using b = res("b");
        throw new Error("body");
      } catch (e) {
        log.push(\`\${e.name}:\${e.error.message}:\${e.suppressed.message}\`);
      }
      console.log(JSON.stringify(log));`,
    );
    const r = Bun.spawnSync([process.execPath, "run", file]);
    expect(r.stderr.toString()).toBe("");
    expect(JSON.parse(r.stdout.toString())).toEqual(["b", "a", "SuppressedError:a:body"]);
  });

  test("dlopen with a path string leaves URL and Blob unmade (they load node:url and node:buffer)", () => {
    const r = run(`${shape}
      import { dlopen } from "bun:ffi";
      const { symbols } = dlopen("libc.so.6", { getpid: { args: [], returns: "i32" } });
      const pid = symbols.getpid();
      console.log(JSON.stringify({ pid: pid === process.pid, url: shape(globalThis, "URL"), blob: shape(globalThis, "Blob") }));
    `);
    expect(r.pid).toBe(true);
    expect(r.url.accessor).toBe(true);
    expect(r.blob.accessor).toBe(true);
  });
});
