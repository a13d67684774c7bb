// node:console: the Console class over capture streams (output compared with Node 20's byte for
// byte) and the global console object.
import { describe, test, expect } from "bun:test";
import console, { Console } from "node:console";
import { EventEmitter } from "node:events";

/** A writable that records what it is given (an EventEmitter, as Node's streams are). */
function sink(tty = false): any {
  const stream: any = new EventEmitter();
  stream.text = "";
  stream.write = (chunk: string) => {
    stream.text += chunk;
    return true;
  };
  if (tty) {
    stream.isTTY = true;
    stream.getColorDepth = () => 8;
  }
  return stream;
}

function capture(options: Record<string, unknown> = {}, tty = false) {
  const stdout = sink(tty);
  const stderr = sink(tty);
  const c = new Console({ stdout, stderr, ...options });
  return { c, stdout, stderr };
}

function caught(fn: () => unknown): any {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected a throw");
}

describe("Console output", () => {
  test("log/info/debug go to stdout, warn/error to stderr, formatted as util.format", () => {
    const { c, stdout, stderr } = capture();
    c.log("%s=%d", "a", 1, { x: [1, 2] });
    c.info("info");
    c.debug(null, undefined);
    c.warn("warn %o", [1]);
    c.error(new Map([[1, { b: 2 }]]));
    expect(stdout.text).toBe("a=1 { x: [ 1, 2 ] }\ninfo\nnull undefined\n");
    expect(stderr.text).toBe("warn [ 1, [length]: 1 ]\nMap(1) { 1 => { b: 2 } }\n");
  });
  test("a first string that is a keyword or type name is printed unchanged", () => {
    const { c, stdout } = capture();
    const words = ["function", "function x() {}", "object", "class", "symbol", "bigint", "undefined", "string", "number", "boolean"];
    for (const w of words) {
      c.log(w);
      c.log(w, 1);
      c.log("%s", w, 1);
      c.log(w + " %d %o", 1, "x");
    }
    expect(stdout.text).toBe(words.map((w) => `${w}\n${w} 1\n${w} 1\n${w} 1 'x'\n`).join(""));
  });
  test("colours on a colour TTY, or when colorMode is true", () => {
    const tty = capture({}, true);
    tty.c.log({ n: 1 }, "s");
    expect(tty.stdout.text).toBe("{ n: \u001b[33m1\u001b[39m } s\n");
    const forced = capture({ colorMode: true });
    forced.c.log(true);
    expect(forced.stdout.text).toBe("\u001b[33mtrue\u001b[39m\n");
    const off = capture({ colorMode: false }, true);
    off.c.log(1);
    expect(off.stdout.text).toBe("1\n");
  });
  test("inspectOptions apply to every call", () => {
    const { c, stdout } = capture({ inspectOptions: { depth: 0 } });
    c.log({ a: { b: 1 } });
    expect(stdout.text).toBe("{ a: [Object] }\n");
  });
  // Bun prints symbol keys without brackets; Node 20 with them.
  test("dir ignores custom inspect and takes options", () => {
    const { c, stdout } = capture();
    c.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
    c.dir({ [Symbol.for("nodejs.util.inspect.custom")]: () => "custom" });
    c.dirxml("x", { y: 1 });
    expect(stdout.text).toBe("{ a: [Object] }\n{\n  [Symbol(nodejs.util.inspect.custom)]: [Function: [nodejs.util.inspect.custom]]\n}\nx { y: 1 }\n");
  });
  test("groups indent every line", () => {
    const { c, stdout, stderr } = capture();
    c.group("G1");
    c.log("in 1");
    c.group();
    c.log("a\nb");
    c.groupEnd();
    c.error("err");
    c.groupEnd();
    c.groupEnd();
    c.log("out");
    expect(stdout.text).toBe("G1\n  in 1\n    a\n    b\nout\n");
    expect(stderr.text).toBe("  err\n");
    const wide = capture({ groupIndentation: 4 });
    wide.c.groupCollapsed("g");
    wide.c.log("x");
    expect(wide.stdout.text).toBe("g\n    x\n");
  });
  test("count and countReset", () => {
    const { c, stdout } = capture();
    c.count();
    c.count();
    c.count("x");
    c.countReset();
    c.count();
    expect(stdout.text).toBe("default: 1\ndefault: 2\nx: 1\ndefault: 1\n");
  });
  test("assert writes only when the assertion fails", () => {
    const { c, stderr } = capture();
    c.assert(true, "never");
    c.assert(false);
    c.assert(0, "value %s", "x");
    c.assert(false, { a: 1 });
    expect(stderr.text).toBe("Assertion failed\nAssertion failed: value x\nAssertion failed: [object Object]\n");
  });
  test("time, timeLog and timeEnd print the label and a duration", () => {
    const { c, stdout } = capture();
    c.time("t");
    c.timeLog("t", "extra", { a: 1 });
    c.timeEnd("t");
    const lines = stdout.text.split("\n");
    expect(lines[0]).toMatch(/^t: \d+(\.\d+)?ms extra \{ a: 1 \}$/);
    expect(lines[1]).toMatch(/^t: \d+(\.\d+)?ms$/);
  });
  test("missing and duplicate timer labels warn", () => {
    const warnings: unknown[] = [];
    const original = process.emitWarning;
    (process as any).emitWarning = (message: unknown) => warnings.push(message);
    try {
      const { c, stdout } = capture();
      c.timeEnd("nope");
      c.time("dup");
      c.time("dup");
      c.countReset("none");
      expect(stdout.text).toBe("");
    } finally {
      process.emitWarning = original;
    }
    expect(warnings).toEqual([
      "No such label 'nope' for console.timeEnd()",
      "Label 'dup' already exists for console.time()",
      "Count for 'none' does not exist",
    ]);
  });
  // Bun's Console#trace writes no "Trace:" stack to the given stream; Node's does.
  test("trace prints a Trace stack on stderr", () => {
    const { c, stderr } = capture();
    c.trace("at %d", 5);
    expect(stderr.text.startsWith("Trace: at 5\n    at ")).toBe(true);
  });
});

// Node 20 left-aligns table cells (Bun centres them, as Node did before).
describe("console.table", () => {
  test("rows of objects", () => {
    const { c, stdout } = capture();
    c.table([{ a: 1, b: "xyz" }, { a: 22, c: [1, 2, 3, 4] }]);
    expect(stdout.text).toBe(
      "┌─────────┬────┬───────┬──────────────────────────────┐\n" +
        "│ (index) │ a  │ b     │ c                            │\n" +
        "├─────────┼────┼───────┼──────────────────────────────┤\n" +
        "│ 0       │ 1  │ 'xyz' │                              │\n" +
        "│ 1       │ 22 │       │ [ 1, 2, 3, ... 1 more item ] │\n" +
        "└─────────┴────┴───────┴──────────────────────────────┘\n",
    );
  });
  test("primitives get a Values column; properties pick columns", () => {
    const { c, stdout } = capture();
    c.table({ x: { a: 1 }, y: 5 });
    c.table([{ a: 1, b: 2 }], ["b"]);
    expect(stdout.text).toBe(
      "┌─────────┬───┬────────┐\n" +
        "│ (index) │ a │ Values │\n" +
        "├─────────┼───┼────────┤\n" +
        "│ x       │ 1 │        │\n" +
        "│ y       │   │ 5      │\n" +
        "└─────────┴───┴────────┘\n" +
        "┌─────────┬───┐\n" +
        "│ (index) │ b │\n" +
        "├─────────┼───┤\n" +
        "│ 0       │ 2 │\n" +
        "└─────────┴───┘\n",
    );
  });
  test("maps and sets", () => {
    const { c, stdout } = capture();
    c.table(new Map([["k", { v: 1 }]]));
    c.table(new Set(["s"]));
    expect(stdout.text).toBe(
      "┌───────────────────┬─────┬──────────┐\n" +
        "│ (iteration index) │ Key │ Values   │\n" +
        "├───────────────────┼─────┼──────────┤\n" +
        "│ 0                 │ 'k' │ { v: 1 } │\n" +
        "└───────────────────┴─────┴──────────┘\n" +
        "┌───────────────────┬────────┐\n" +
        "│ (iteration index) │ Values │\n" +
        "├───────────────────┼────────┤\n" +
        "│ 0                 │ 's'    │\n" +
        "└───────────────────┴────────┘\n",
    );
  });
  test("wide characters, nested values and non-objects", () => {
    const { c, stdout } = capture();
    c.table([{ a: "中文", b: { p: 1, q: 2, r: 3 }, c: { x: { y: 1 } } }]);
    c.table(5);
    expect(stdout.text).toBe(
      "┌─────────┬────────┬──────────┬─────────────────┐\n" +
        "│ (index) │ a      │ b        │ c               │\n" +
        "├─────────┼────────┼──────────┼─────────────────┤\n" +
        "│ 0       │ '中文' │ [Object] │ { x: [Object] } │\n" +
        "└─────────┴────────┴──────────┴─────────────────┘\n" +
        "5\n",
    );
    const err = caught(() => c.table([], 5 as any));
    expect(err.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(err.message).toBe('The "properties" argument must be an instance of Array. Received type number (5)');
  });
});

describe("Console construction", () => {
  test("positional streams, calls without new, bound methods", () => {
    const out = sink();
    const err = sink();
    const c = (Console as any)(out, err);
    expect(c).toBeInstanceOf(Console);
    const { log, error } = c;
    log("to out");
    error("to err");
    expect(out.text).toBe("to out\n");
    expect(err.text).toBe("to err\n");
    expect(log.name).toBe("log");
    expect(Object.keys(c)).toEqual(Object.keys(Console.prototype));
  });
  // Bun validates these with other messages; Node's are expected.
  test("invalid options", () => {
    let err = caught(() => new Console(undefined as any));
    expect(err).toBeInstanceOf(TypeError);
    expect(err.code).toBe("ERR_CONSOLE_WRITABLE_STREAM");
    expect(err.message).toBe("Console expects a writable stream instance for stdout");
    expect(caught(() => new Console({ stdout: sink(), stderr: 5 as any })).message).toBe("Console expects a writable stream instance for stderr");
    err = caught(() => new Console({ stdout: sink(), colorMode: "x" as any }));
    expect(err.code).toBe("ERR_INVALID_ARG_VALUE");
    expect(err.message).toBe("The argument 'colorMode' must be one of: 'auto', true, false. Received 'x'");
    err = caught(() => new Console({ stdout: sink(), groupIndentation: 1001 }));
    expect(err.code).toBe("ERR_OUT_OF_RANGE");
    expect(err.message).toBe('The value of "groupIndentation" is out of range. It must be >= 0 && <= 1000. Received 1001');
    err = caught(() => new Console({ stdout: sink(), inspectOptions: { colors: true }, colorMode: true }));
    expect(err.code).toBe("ERR_INCOMPATIBLE_OPTION_PAIR");
  });
});

describe("global console", () => {
  test("is the module's default export, with Console attached", () => {
    expect(console).toBe(globalThis.console);
    expect(console.Console).toBe(Console);
    expect(console instanceof Console).toBe(true);
    expect(Object.prototype.toString.call(console)).toBe("[object console]");
  });
  test("has Node's members, bound to it", () => {
    for (const name of ["log", "warn", "error", "table", "group", "time", "count", "trace", "dir", "profile", "timeStamp"]) {
      expect(typeof (console as any)[name]).toBe("function");
    }
    const { log } = console;
    expect(log.name).toBe("log");
    expect(log("")).toBeUndefined();
  });
});
