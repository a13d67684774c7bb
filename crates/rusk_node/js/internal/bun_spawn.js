// Bun.spawn / Bun.spawnSync with Bun's API, over node:child_process: `stdout`/`stderr` are
// ReadableStreams, `stdin` a FileSink-like writer, `exited` a promise of the exit code (128 +
// the signal number when killed, as in Bun), `onExit`, `[Symbol.asyncDispose]` (for `await using`).
// Bun throws ENOENT synchronously.
import { spawn as nodeSpawn, spawnSync as nodeSpawnSync } from "node:child_process";
import { Readable } from "node:stream";
import { Buffer } from "node:buffer";
import os from "node:os";

const SIGNALS = os.constants.signals;

function parseArgs(cmdOrOpts, maybeOpts, name) {
  const opts = Array.isArray(cmdOrOpts) ? maybeOpts || {} : cmdOrOpts || {};
  const cmd = Array.isArray(cmdOrOpts) ? cmdOrOpts : opts.cmd;
  if (!Array.isArray(cmd) || cmd.length === 0) throw new TypeError(`${name}: "cmd" must be a non-empty array of strings`);
  return { cmd: cmd.map(String), opts };
}

/** Bun's stdio option for one stream → node's, plus bytes to feed stdin when given data. */
function stdioOf(value, fallback) {
  if (value === undefined) return { mode: fallback };
  if (value === null || value === "ignore") return { mode: "ignore" };
  if (value === "pipe" || value === "inherit") return { mode: value };
  if (typeof value === "string") return { mode: "pipe", data: Buffer.from(value) };
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return { mode: "pipe", data: Buffer.from(value instanceof ArrayBuffer ? new Uint8Array(value) : value) };
  throw new TypeError(`spawn: unsupported stdio value ${Object.prototype.toString.call(value)}`);
}

function nodeOptions(opts, stdio) {
  return { cwd: opts.cwd, env: opts.env, stdio, timeout: opts.timeout, killSignal: opts.killSignal, signal: opts.signal };
}

/** What `proc.stdin` is when piped: Bun's FileSink (write returns the byte count). */
class FileSink {
  #stream;
  constructor(stream) {
    this.#stream = stream;
  }
  write(chunk) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk instanceof ArrayBuffer ? new Uint8Array(chunk) : chunk);
    this.#stream.write(bytes);
    return bytes.length;
  }
  flush() {
    return 0;
  }
  end(error) {
    if (error) this.#stream.destroy(error);
    else this.#stream.end();
    return 0;
  }
  ref() {}
  unref() {}
}

class Subprocess {
  #child;
  #exitCode = null;
  #signalCode = null;
  #exited = false;
  constructor(child, opts, input) {
    this.#child = child;
    this.pid = child.pid;
    this.stdin = child.stdin ? (input ? null : new FileSink(child.stdin)) : undefined;
    if (input && child.stdin) child.stdin.end(input);
    this.stdout = child.stdout ? Readable.toWeb(child.stdout) : undefined;
    this.stderr = child.stderr ? Readable.toWeb(child.stderr) : undefined;
    this.exited = new Promise((resolve) => {
      child.on("exit", (code, signal) => {
        // A process ended by a signal has no exit code, but `exited` gives 128 + the signal number.
        this.#exitCode = code;
        this.#signalCode = signal ?? null;
        this.#exited = true;
        resolve(code ?? 128 + (SIGNALS[signal] ?? 0));
        // Bun calls onExit after what awaits `exited` has run.
        if (typeof opts.onExit === "function") setImmediate(() => opts.onExit(this, this.#exitCode, this.#signalCode, undefined));
      });
    });
  }
  get readable() {
    return this.stdout;
  }
  get exitCode() {
    return this.#exitCode;
  }
  get signalCode() {
    return this.#signalCode;
  }
  // Bun reports `killed` once the process is gone, however it ended.
  get killed() {
    return this.#exited;
  }
  kill(signal) {
    this.#child.kill(signal ?? "SIGTERM");
  }
  ref() {
    this.#child.ref();
  }
  unref() {
    this.#child.unref();
  }
  // `await using proc = Bun.spawn(...)`: a process still running is sent SIGTERM and awaited
  // (the promise gives what `exited` gives); one that has exited gives undefined.
  [Symbol.asyncDispose]() {
    if (this.#exited) return Promise.resolve(undefined);
    this.kill();
    return this.exited;
  }
}
const asyncDispose = Object.getOwnPropertyDescriptor(Subprocess.prototype, Symbol.asyncDispose).value;
Object.defineProperty(asyncDispose, "name", { value: "asyncDispose" });
Object.defineProperties(Subprocess.prototype, {
  [Symbol.asyncDispose]: { value: asyncDispose, writable: false, enumerable: false, configurable: true },
  [Symbol.toStringTag]: { value: "Subprocess", writable: false, enumerable: false, configurable: true },
});

export function spawn(cmdOrOpts, maybeOpts) {
  const { cmd, opts } = parseArgs(cmdOrOpts, maybeOpts, "spawn");
  const stdin = stdioOf(opts.stdin, "ignore");
  const stdout = stdioOf(opts.stdout, "pipe");
  const stderr = stdioOf(opts.stderr, "inherit");
  if (!cmd[0].includes("/") && globalThis.Bun.which(cmd[0], { PATH: opts.env?.PATH ?? process.env.PATH }) === null) {
    // Bun fails synchronously when the executable cannot be found.
    const e = new Error(`Executable not found in $PATH: "${cmd[0]}"`);
    e.code = "ENOENT";
    e.errno = -2;
    e.path = cmd[0];
    e.syscall = `spawn ${cmd[0]}`;
    throw e;
  }
  const child = nodeSpawn(cmd[0], cmd.slice(1), nodeOptions(opts, [stdin.mode, stdout.mode, stderr.mode]));
  child.on("error", () => {});
  return new Subprocess(child, opts, stdin.data);
}

export function spawnSync(cmdOrOpts, maybeOpts) {
  const { cmd, opts } = parseArgs(cmdOrOpts, maybeOpts, "spawnSync");
  const stdin = stdioOf(opts.stdin, "ignore");
  const stdout = stdioOf(opts.stdout, "pipe");
  const stderr = stdioOf(opts.stderr, "pipe");
  const r = nodeSpawnSync(cmd[0], cmd.slice(1), { ...nodeOptions(opts, [stdin.mode, stdout.mode, stderr.mode]), input: stdin.data, maxBuffer: Infinity });
  if (r.error && r.error.code === "ENOENT") {
    const e = new Error(`Executable not found in $PATH: "${cmd[0]}"`);
    e.code = "ENOENT";
    throw e;
  }
  // Bun's shape: no exit code after a signal, and `signalCode` only then.
  const result = { exitCode: r.status };
  if (r.signal) result.signalCode = r.signal;
  Object.assign(result, { stdout: r.stdout ?? undefined, stderr: r.stderr ?? undefined, success: r.status === 0, pid: r.pid });
  return result;
}

export default { spawn, spawnSync };
