// The global console before node:console is loaded (rusk prints simple values without loading
// it) must be indistinguishable from after: same output, same object, same keys.
import { describe, test, expect, afterAll } from "bun:test";
import fs from "node:fs";
import { tmpdir } from "node:os";

const isRusk = typeof process.versions.rusk === "string";
const dir = fs.mkdtempSync(`${tmpdir()}/rusk-console-stub-`);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let counter = 0;

function run(source: string, env: Record<string, string> = {}) {
  const file = `${dir}/script${++counter}.mjs`;
  fs.writeFileSync(file, source);
  const base: Record<string, string> = { ...(process.env as Record<string, string>) };
  delete base.FORCE_COLOR;
  delete base.NO_COLOR;
  const r = Bun.spawnSync([process.execPath, "run", file].filter((x) => isRusk || x !== "run"), {
    env: { ...base, ...env },
  });
  return { out: r.stdout.toString(), err: r.stderr.toString(), code: r.exitCode };
}

describe("the global console before node:console loads", () => {
  // Node's formats (Node 20 prints the same bytes); Bun's console lays out objects and colours
  // differently.
  test.skipIf(!isRusk)("prints strings and primitives as node:console does, to the right stream", () => {
    const r = run(`
      console.log("a", 1, true, null, undefined, 5n, -0, 1.5);
      console.info("i"); console.debug("d"); console.error("e", 2); console.warn("w");
      console.log("%s and %d", "fmt", 7);
      console.log({ a: 1 }, [1]);
    `);
    expect(r.code).toBe(0);
    expect(r.out).toBe("a 1 true null undefined 5n -0 1.5\ni\nd\nfmt and 7\n{ a: 1 } [ 1 ]\n");
    expect(r.err).toBe("e 2\nw\n");
  });

  test.skipIf(!isRusk)("numbers are coloured when FORCE_COLOR asks, strings never", () => {
    const r = run(`console.log(1); console.log("s");`, { FORCE_COLOR: "1" });
    expect(r.out).toBe("\x1b[33m1\x1b[39m\ns\n");
  });

  test("keeps its identity, keys, early methods and replaced members once node:console loads", () => {
    const r = run(`
      const before = Object.getOwnPropertyNames(console);
      const enumerable = (keys) => keys.filter((k) => Object.getOwnPropertyDescriptor(console, k).enumerable).join();
      const enumBefore = enumerable(before);
      const same = console;
      const log = console.log;
      console.dir = (x) => process.stdout.write("mine " + x + "\\n");
      console.table([]); // needs node:console
      log("after");
      console.dir(5);
      const after = Object.getOwnPropertyNames(console);
      const { default: fromModule } = await import("node:console");
      console.log(JSON.stringify([
        before.join() === after.join(), enumBefore === enumerable(after), same === console,
        fromModule === console, log === console.log, String(console), typeof console.Console,
      ]));
    `);
    expect(r.err).toBe("");
    const lines = r.out.trimEnd().split("\n");
    expect(lines.slice(-3)).toEqual(["after", "mine 5", JSON.stringify([true, true, true, true, true, "[object console]", "function"])]);
  });

  // Node's behaviour (Node 20 gives the same); Bun's console ignores `_stdout`.
  test.skipIf(!isRusk)("its methods are functions with Node's descriptors, and a stream given to it is used", () => {
    const r = run(`
      const d = Object.getOwnPropertyDescriptor(console, "table");
      const facts = [typeof d.value, d.writable, d.enumerable, console.table.name, console.log.length,
        /native code/.test(String(console.log))];
      let captured = "";
      const { EventEmitter } = await import("node:events");
      console._stdout = Object.assign(new EventEmitter(), { write: (s) => { captured += s; return true; } });
      console.log("to the sink", 1);
      process.stdout.write(JSON.stringify([facts, captured]) + "\\n");
    `);
    expect(r.err).toBe("");
    expect(JSON.parse(r.out)).toEqual([["function", true, true, "table", 0, true], "to the sink 1\n"]);
  });

  test.skipIf(!isRusk)("a console frozen first still works", () => {
    const r = run(`Object.freeze(console); console.log({ a: 1 }); console.table([{ a: 1 }]);`);
    expect(r.err).toBe("");
    expect(r.out.split("\n")[0]).toBe("{ a: 1 }");
  });

  test("a member read or called first loads node:console", () => {
    const r = run(`
      console.group("g");
      console.log("inside");
      console.groupEnd();
      console.log(typeof console.time, console instanceof console.Console);
    `);
    expect(r.out).toBe("g\n  inside\nfunction true\n");
  });
});
