// process.stdout/stderr as Writables and process.stdin as a Readable, seen from child processes
// whose stdio are pipes or a pseudo-terminal (the helper scripts run under this runtime:
// process.execPath), and the node:tty stream classes.
import { afterAll, describe, expect, test } from "bun:test";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { tmpdir } from "node:os";
import { Readable, Writable } from "node:stream";
import tty from "node:tty";

const isRusk = !!(process as any).versions?.rusk;
const dir = fs.mkdtempSync(`${tmpdir()}/rusk-stdio-`);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let counter = 0;

interface Run {
  out: string;
  err: string;
  code: number | null;
}

/**
 * Runs `source` as an ES module in a child with piped stdio; `input` is chunks written one by
 * one, then the end, or a function that drives the child's stdin: called at once and whenever
 * stdout data arrives.
 */
function run(source: string, input: string[] | ((child: any, out: () => string) => void) = []): Promise<Run> {
  const script = `${dir}/helper${++counter}.mjs`;
  fs.writeFileSync(script, source);
  const child = spawn(process.execPath, ["run", script], { stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  let err = "";
  // Decoded across chunks: a character may come in two writes.
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (d: string) => {
      out += d;
      if (typeof input === "function") input(child, () => out);
    });
    child.stderr.on("data", (d: string) => (err += d));
    child.on("error", reject);
    child.on("close", (code: number | null) => resolve({ out, err, code }));
    if (Array.isArray(input)) {
      for (const chunk of input) child.stdin.write(chunk);
      child.stdin.end();
    } else {
      input(child, () => out);
    }
  });
}

describe("process.stdout and process.stderr", () => {
  test("are Writables on descriptors 1 and 2, and write() takes a callback", async () => {
    expect(process.stdout).toBeInstanceOf(Writable);
    expect(process.stderr).toBeInstanceOf(Writable);
    expect([process.stdout.fd, process.stderr.fd, process.stdout.writable]).toEqual([1, 2, true]);
    const error = await new Promise((resolve) => expect(process.stderr.write("", resolve)).toBe(true));
    expect(error ?? null).toBe(null);
  });

  test("writes go out at once and in order with console.log; bytes stay bytes", async () => {
    const r = await run(`
      process.stdout.write("a");
      console.log("b");
      process.stdout.write(Buffer.from([0xe2, 0x82]));
      process.stdout.write(new Uint8Array([0xac, 0x0a]));
      process.stdout.write("c\\n", (err) => process.stderr.write("callback " + err + "\\n"));
      console.error("e");
    `);
    expect(r.out).toBe("ab\n\u20ac\nc\n");
    expect(r.err.split("\n").sort()).toEqual(["", "callback null", "e"]);
    expect(r.code).toBe(0);
  });

  // Bun writes the string as UTF-8 whatever the encoding.
  test.skipIf(!isRusk)("write(string, encoding) encodes the string", async () => {
    const r = await run(`process.stdout.write("2122", "hex"); process.stdout.write("\\u00ff", "latin1");`);
    expect(r.out).toBe("!\"\ufffd");
  });

  test("a partial line is written before the program goes on", async () => {
    // The child waits for the parent to see "ready" (no newline) before it writes more.
    const r = await run(
      `
      process.stdout.write("ready");
      process.stdin.once("data", (d) => { process.stdout.write(" got " + d); process.stdin.pause(); });
    `,
      (child, out) => {
        if (out() === "ready") child.stdin.end("go");
      },
    );
    expect(r.out).toBe("ready got go");
  });

  test("pipeline(source, process.stdout) calls back; end() finishes without closing the descriptor", async () => {
    const r = await run(`
      import { pipeline, Readable } from "node:stream";
      import fs from "node:fs";
      const events = [];
      for (const name of ["finish", "close", "error"]) process.stdout.on(name, () => events.push(name));
      pipeline(Readable.from(["p1\\n", "p2\\n"]), process.stdout, (err) => {
        setTimeout(() => {
          fs.writeSync(1, "fd 1 still open\\n");
          process.stderr.write(JSON.stringify({ err: err ?? null, events, destroyed: process.stdout.destroyed }));
        }, 10);
      });
    `);
    expect(r.out).toBe("p1\np2\nfd 1 still open\n");
    const seen = JSON.parse(r.err);
    expect([seen.err, seen.destroyed, seen.events[0]]).toEqual([null, false, "finish"]);
    // Node emits 'close' too (Bun does not).
    if (isRusk) expect(seen.events).toEqual(["finish", "close"]);
  });

  test("isTTY is undefined on pipes", async () => {
    const r = await run(`console.log(JSON.stringify([process.stdout.isTTY, process.stderr.isTTY, process.stdin.isTTY, tty.isatty(1)]));
      import tty from "node:tty";`);
    expect(JSON.parse(r.out)).toEqual([null, null, null, false]);
  });
});

describe("process.stdin", () => {
  test("is a Readable on descriptor 0", () => {
    expect(process.stdin).toBeInstanceOf(Readable);
    expect(process.stdin.fd).toBe(0);
  });

  test("'data' gives the piped input, then 'end'", async () => {
    const r = await run(
      `
      let text = "";
      process.stdin.setEncoding("utf8");
      process.stdin.on("data", (d) => (text += d));
      process.stdin.on("end", () => console.log(JSON.stringify(text)));
    `,
      ["first\n", "sec", "ond\n"],
    );
    expect(JSON.parse(r.out)).toBe("first\nsecond\n");
  });

  test("readline's async iteration reads the piped lines", async () => {
    const r = await run(
      `
      import readline from "node:readline";
      const lines = [];
      for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) lines.push(line);
      console.log(JSON.stringify(lines));
    `,
      ["a\nb\r\n", "\nlast"],
    );
    expect(JSON.parse(r.out)).toEqual(["a", "b", "", "last"]);
  });

  test("waiting for input does not hold up timers: a request/response loop over pipes", async () => {
    // Each reply comes from a timer; the parent sends the next request only after a reply.
    let sent = 0;
    const r = await run(
      `
      import readline from "node:readline";
      let ticks = 0;
      const timer = setInterval(() => ticks++, 1);
      const rl = readline.createInterface({ input: process.stdin });
      rl.on("line", (line) => setTimeout(() => process.stdout.write("re:" + line + "\\n"), 5));
      rl.on("close", () => { clearInterval(timer); process.stdout.write("ticks " + (ticks > 0) + "\\n"); });
    `,
      (child, out) => {
        if (out() === "") child.stdin.write("m0\n");
        if (!out().endsWith(`re:m${sent}\n`)) return;
        if (++sent < 3) child.stdin.write(`m${sent}\n`);
        else child.stdin.end();
      },
    );
    expect(r.out).toBe("re:m0\nre:m1\nre:m2\nticks true\n");
  });

  test("'readable' and read() in paused mode", async () => {
    const r = await run(
      `
      const chunks = [];
      process.stdin.on("readable", () => {
        let chunk;
        while ((chunk = process.stdin.read()) !== null) chunks.push(String(chunk));
      });
      process.stdin.on("end", () => console.log(JSON.stringify(chunks.join(""))));
    `,
      ["x", "y"],
    );
    expect(JSON.parse(r.out)).toBe("xy");
  });

  test("an empty input ends at once", async () => {
    const r = await run(`
      const events = [];
      process.stdin.on("data", () => events.push("data"));
      process.stdin.on("end", () => console.log(events.concat("end").join(",")));
    `);
    expect(r.out).toBe("end\n");
  });
});

// util-linux `script` runs a command on a new pseudo-terminal, forwarding our pipes to it.
const hasScript = process.platform === "linux" && spawnSync("script", ["-V"]).status === 0;

describe("node:tty streams", () => {
  test.skipIf(!hasScript)("on a terminal: tty.WriteStream/ReadStream, and raw mode hands over a key without Enter", async () => {
    const script = `${dir}/tty${++counter}.mjs`;
    fs.writeFileSync(
      script,
      `
      import tty from "node:tty";
      const o = process.stdout, i = process.stdin;
      const facts = {
        out: [o.isTTY, o instanceof tty.WriteStream, typeof o.columns, o.getWindowSize().length, o.hasColors(2)],
        in: [i.isTTY, i instanceof tty.ReadStream, i.isRaw],
      };
      i.setRawMode(true);
      facts.raw = i.isRaw;
      i.once("data", (d) => { facts.key = String(d); i.setRawMode(false); i.pause(); console.log(JSON.stringify(facts)); });
      console.log("ready");
    `,
    );
    const child = spawn("script", ["-qec", `'${process.execPath}' run '${script}'`, "/dev/null"], { stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    let sent = false;
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d: string) => {
      out += d;
      // A lone key, no newline: only raw mode lets it through before Enter. (Ending our side
      // instead would make `script` linger before it passes the key on.)
      if (out.includes("ready") && !sent) {
        sent = true;
        child.stdin.write("k");
      }
    });
    await new Promise((resolve) => child.on("close", resolve));
    child.stdin.destroy();
    const facts = JSON.parse(out.slice(out.indexOf("{")));
    expect(facts).toEqual({ out: [true, true, "number", 2, true], in: [true, true, false], raw: true, key: "k" });
  });

  test.skipIf(!hasScript)("setRawMode switches the terminal's termios and puts it back", async () => {
    const script = `${dir}/tty${++counter}.mjs`;
    fs.writeFileSync(
      script,
      `
      import { execSync } from "node:child_process";
      const stty = (a) => execSync("stty " + a, { stdio: ["inherit", "pipe", "pipe"] }).toString().trim();
      const before = stty("-g");
      process.stdin.setRawMode(true);
      const raw = stty("-a");
      process.stdin.setRawMode(false);
      const words = " " + raw.replace(/[^a-z0-9-]+/g, " ") + " ";
      const off = (flag) => words.includes(" -" + flag + " ");
      console.log(JSON.stringify({ noEcho: off("echo"), noIcanon: off("icanon"), noIsig: off("isig"), restored: stty("-g") === before }));
      process.exit(0);
    `,
    );
    const child = spawn("script", ["-qec", `'${process.execPath}' run '${script}'`, "/dev/null"], { stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d: string) => (out += d));
    await new Promise((resolve) => child.on("close", resolve));
    child.stdin.destroy();
    expect(JSON.parse(out.slice(out.indexOf("{")))).toEqual({ noEcho: true, noIcanon: true, noIsig: true, restored: true });
  });

  test("ReadStream and WriteStream have the terminal methods", () => {
    expect(typeof tty.ReadStream.prototype.setRawMode).toBe("function");
    for (const name of ["getColorDepth", "hasColors", "getWindowSize", "clearLine", "cursorTo", "moveCursor", "clearScreenDown"]) {
      expect(typeof (tty.WriteStream.prototype as any)[name]).toBe("function");
    }
  });

  // Bun accepts any descriptor here; Node checks it is a terminal.
  test.skipIf(!isRusk)("need a terminal descriptor: ERR_INVALID_FD, ERR_TTY_INIT_FAILED", () => {
    const fd = fs.openSync(import.meta.path, "r");
    try {
      for (const make of [() => new tty.WriteStream(fd), () => new tty.ReadStream(fd)]) {
        let err: any;
        try {
          make();
        } catch (e) {
          err = e;
        }
        expect([err?.name, err?.code, err?.message]).toEqual([
          "SystemError",
          "ERR_TTY_INIT_FAILED",
          "TTY initialization failed: uv_tty_init returned EINVAL (invalid argument)",
        ]);
        expect(err.info.syscall).toBe("uv_tty_init");
      }
      let err: any;
      try {
        (tty as any).WriteStream(-1);
      } catch (e) {
        err = e;
      }
      expect([err?.name, err?.code, err?.message]).toEqual(["RangeError", "ERR_INVALID_FD", '"fd" must be a positive integer: -1']);
    } finally {
      fs.closeSync(fd);
    }
  });
});
