// node:child_process over rusk:native/child_process (std::process; reader/waiter threads post
// output and exits to the JS thread as internals.childEvent calls). spawn/exec/execFile with
// ChildProcess objects whose stdio are node:stream streams, and the *Sync forms. Not
// implemented: fork() and IPC (`stdio: "ipc"`), handles passed through stdio.
import * as N from "rusk:native/child_process";
import { EventEmitter } from "node:events";
import { Buffer } from "node:buffer";
import { Readable, Writable } from "node:stream";
import os from "node:os";
import {
  AbortError,
  ERR_INVALID_ARG_TYPE,
  ERR_INVALID_ARG_VALUE,
  nodeError,
  validateAbortSignal,
  validateFunction,
  validateString,
} from "rusk:internal/errors";

const internals = globalThis[Symbol.for("rusk.internals")];
const SIGNALS = os.constants.signals;
const STDIO = { pipe: 0, overlapped: 0, inherit: 1, ignore: 2 };

/** Node's stdio option → three modes (0 pipe, 1 inherit, 2 ignore). Streams and fds other than
 * the parent's own 0–2 are not supported. */
function stdioModes(stdio) {
  const list = stdio === undefined ? ["pipe", "pipe", "pipe"] : typeof stdio === "string" ? [stdio, stdio, stdio] : stdio;
  if (!Array.isArray(list)) throw ERR_INVALID_ARG_VALUE("stdio", stdio);
  const modes = [];
  for (let i = 0; i < 3; i++) {
    let s = list[i] ?? "pipe";
    if (s === null || s === undefined) s = "pipe";
    if (typeof s === "number" && s === i) s = "inherit";
    if (s === process.stdin || s === process.stdout || s === process.stderr) s = "inherit";
    if (!(s in STDIO)) {
      if (s === "ipc") throw nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", "The stdio 'ipc' option is not implemented in rusk");
      throw ERR_INVALID_ARG_VALUE("stdio", stdio);
    }
    modes.push(STDIO[s]);
  }
  return modes;
}

function envList(env) {
  if (env === undefined || env === null) return undefined;
  if (typeof env !== "object") throw ERR_INVALID_ARG_TYPE("options.env", "Object", env);
  const out = [];
  for (const k of Object.keys(env)) if (env[k] !== undefined) out.push(`${k}=${env[k]}`);
  return out;
}

function signalNumber(sig, name = "signal") {
  if (sig === undefined || sig === null) return SIGNALS.SIGTERM;
  if (typeof sig === "number") return sig;
  if (typeof sig === "string" && SIGNALS[sig.toUpperCase()] !== undefined) return SIGNALS[sig.toUpperCase()];
  throw nodeError(TypeError, "ERR_UNKNOWN_SIGNAL", `Unknown signal: ${sig}`);
}

/** Normalises (file, args, options) as Node does, applying `shell`. */
function normalize(file, args, options) {
  validateString(file, "file");
  if (file.length === 0) throw ERR_INVALID_ARG_VALUE("file", file, "cannot be empty");
  if (args !== undefined && args !== null && !Array.isArray(args)) {
    if (typeof args === "object" && options === undefined) [args, options] = [[], args];
    else throw ERR_INVALID_ARG_TYPE("args", "Array", args);
  }
  args = args ? args.map(String) : [];
  options = options ?? {};
  if (typeof options !== "object") throw ERR_INVALID_ARG_TYPE("options", "Object", options);
  if (options.cwd !== undefined && options.cwd !== null) {
    if (options.cwd instanceof URL) options = { ...options, cwd: decodeURIComponent(options.cwd.pathname) };
    else validateString(options.cwd, "options.cwd");
  }
  let spawnfile = file;
  let spawnargs = [file, ...args];
  if (options.shell) {
    const command = [file, ...args].join(" ");
    spawnfile = typeof options.shell === "string" ? options.shell : "/bin/sh";
    spawnargs = [spawnfile, "-c", command];
  }
  return { file: spawnfile, args: spawnargs.slice(1), spawnargs, options };
}

function nativeOptions(options) {
  return {
    cwd: options.cwd ?? undefined,
    env: envList(options.env ?? process.env),
    stdio: stdioModes(options.stdio),
    detached: !!options.detached,
    argv0: options.argv0,
    uid: options.uid,
    gid: options.gid,
  };
}

function spawnError(info, file, spawnargs) {
  const e = new Error(`spawn ${file} ${info.code}`);
  e.errno = info.errno;
  e.code = info.code;
  e.syscall = `spawn ${file}`;
  e.path = file;
  e.spawnargs = spawnargs.slice(1);
  return e;
}

const children = new Map();

// Native events: output chunks, output ends, the exit (see src/child_process.rs).
internals.childEvent = (id, kind, a, b) => {
  const child = children.get(id);
  if (child) child._event(kind, a, b);
};

export class ChildProcess extends EventEmitter {
  constructor() {
    super();
    this.pid = undefined;
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
    this.stdio = [null, null, null];
    this.exitCode = null;
    this.signalCode = null;
    this.killed = false;
    this.connected = false;
    this.spawnfile = undefined;
    this.spawnargs = [];
    this._id = 0;
    this._openPipes = 0;
    this._exited = false;
  }

  spawn(options) {
    const { file, args, spawnargs, options: opts } = normalize(options.file, options.args?.slice(1), options);
    this.spawnfile = file;
    this.spawnargs = spawnargs;
    const res = N.spawn(file, args, nativeOptions(opts));
    if (res.error) {
      const err = spawnError(res.error, file, spawnargs);
      process.nextTick(() => {
        this.emit("error", err);
        this.emit("close", -2, null);
      });
      return err;
    }
    this._id = res.id;
    this.pid = res.pid;
    children.set(this._id, this);
    const modes = stdioModes(opts.stdio);
    if (modes[0] === 0) {
      const id = this._id;
      this.stdin = new Writable({
        write(chunk, encoding, callback) {
          N.write(id, typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk);
          callback();
        },
        final(callback) {
          N.closeStdin(id);
          callback();
        },
        destroy(err, callback) {
          N.closeStdin(id);
          callback(err);
        },
      });
    }
    const readable = () => new Readable({ read() {} });
    if (modes[1] === 0) {
      this.stdout = readable();
      this._openPipes++;
    }
    if (modes[2] === 0) {
      this.stderr = readable();
      this._openPipes++;
    }
    this.stdio = [this.stdin, this.stdout, this.stderr];
    process.nextTick(() => this.emit("spawn"));
    return undefined;
  }

  _event(kind, a, b) {
    switch (kind) {
      case "stdout":
        this.stdout?.push(Buffer.from(a));
        break;
      case "stderr":
        this.stderr?.push(Buffer.from(a));
        break;
      case "stdoutEnd":
        this.stdout?.push(null);
        this._pipeClosed();
        break;
      case "stderrEnd":
        this.stderr?.push(null);
        this._pipeClosed();
        break;
      case "exit":
        this.exitCode = a ?? null;
        this.signalCode = b ?? null;
        this._exited = true;
        if (this.stdin && !this.stdin.destroyed) this.stdin.destroy();
        this.emit("exit", this.exitCode, this.signalCode);
        this._maybeClose();
        break;
    }
  }

  _pipeClosed() {
    this._openPipes--;
    this._maybeClose();
  }

  _maybeClose() {
    if (!this._exited || this._openPipes > 0 || this._closed) return;
    this._closed = true;
    children.delete(this._id);
    // 'close' follows the streams' own 'end'/'close' events, as in Node.
    const emit = () => this.emit("close", this.exitCode, this.signalCode);
    const pending = [this.stdout, this.stderr].filter((s) => s && !s.closed);
    if (pending.length === 0) return void setImmediate(emit);
    let left = pending.length;
    for (const s of pending) {
      s.once("close", () => --left === 0 && emit());
      // A stream nobody reads never ends by itself: let it flow so 'close' can happen.
      if (s.readableFlowing === null) s.resume();
    }
  }

  kill(signal) {
    if (this._exited || !this.pid) return false;
    const r = N.kill(this.pid, signalNumber(signal));
    if (r === 0) {
      this.killed = true;
      return true;
    }
    return false;
  }

  ref() {
    if (this._id) N.setRef(this._id, true);
  }

  unref() {
    if (this._id) N.setRef(this._id, false);
  }

  get [Symbol.toStringTag]() {
    return "ChildProcess";
  }
}

function setupTimeoutAndSignal(child, options) {
  const killSignal = options.killSignal;
  if (options.timeout > 0) {
    const t = setTimeout(() => child.kill(killSignal), options.timeout);
    child.once("exit", () => clearTimeout(t));
  }
  if (options.signal !== undefined) {
    validateAbortSignal(options.signal, "options.signal");
    const onAbort = () => {
      child.kill(killSignal);
      child.emit("error", new AbortError(undefined, { cause: options.signal.reason }));
    };
    if (options.signal.aborted) process.nextTick(onAbort);
    else {
      options.signal.addEventListener("abort", onAbort, { once: true });
      child.once("exit", () => options.signal.removeEventListener("abort", onAbort));
    }
  }
}

export function spawn(file, args, options) {
  const n = normalize(file, args, options);
  const child = new ChildProcess();
  child.spawn({ ...n.options, file, args: [file, ...(Array.isArray(args) ? args : [])] });
  setupTimeoutAndSignal(child, n.options);
  return child;
}

function outputOf(bufs, encoding) {
  const b = Buffer.concat(bufs);
  return encoding && encoding !== "buffer" ? b.toString(encoding) : b;
}

export function execFile(file, args, options, callback) {
  if (typeof args === "function") [args, options, callback] = [[], {}, args];
  else if (typeof options === "function") [options, callback] = [Array.isArray(args) ? {} : args, options];
  if (args && !Array.isArray(args) && typeof args === "object") [args, options] = [[], args];
  options = { encoding: "utf8", maxBuffer: 1024 * 1024, ...options };
  if (callback !== undefined) validateFunction(callback, "callback");
  const child = spawn(file, args ?? [], options);
  const out = [];
  const err = [];
  let size = 0;
  let failed = null;
  const collect = (list) => (chunk) => {
    size += chunk.length;
    if (size > options.maxBuffer && !failed) {
      failed = nodeError(RangeError, "ERR_CHILD_PROCESS_STDIO_MAXBUFFER", "stdout maxBuffer length exceeded");
      child.kill(options.killSignal);
    } else list.push(chunk);
  };
  child.stdout?.on("data", collect(out));
  child.stderr?.on("data", collect(err));
  const cmd = [file, ...(args ?? [])].join(" ");
  let done = false;
  const finish = (e, code, signal) => {
    if (done) return;
    done = true;
    const stdout = outputOf(out, options.encoding);
    const stderr = outputOf(err, options.encoding);
    if (!e && !failed && code === 0 && signal === null) return callback?.(null, stdout, stderr);
    const error = e ?? failed ?? new Error(`Command failed: ${cmd}\n${stderr}`);
    if (!e && !failed) {
      error.code = code;
      error.killed = child.killed;
      error.signal = signal;
    }
    error.cmd = cmd;
    callback?.(error, stdout, stderr);
  };
  child.on("error", (e) => finish(e, null, null));
  child.on("close", (code, signal) => finish(null, code, signal));
  return child;
}

export function exec(command, options, callback) {
  if (typeof options === "function") [options, callback] = [{}, options];
  validateString(command, "command");
  return execFile(command, [], { ...options, shell: options?.shell ?? true }, callback);
}

export function spawnSync(file, args, options) {
  const n = normalize(file, args, options);
  const opts = n.options;
  const input = opts.input === undefined ? undefined : typeof opts.input === "string" ? Buffer.from(opts.input, opts.encoding) : opts.input;
  const res = N.spawnSync(n.file, n.args, {
    ...nativeOptions(opts),
    input,
    timeout: opts.timeout,
    killSignal: opts.killSignal === undefined ? undefined : signalNumber(opts.killSignal),
    maxBuffer: opts.maxBuffer ?? 1024 * 1024,
  });
  const enc = opts.encoding && opts.encoding !== "buffer" ? opts.encoding : null;
  const conv = (ab) => (ab === null || ab === undefined ? null : enc ? Buffer.from(ab).toString(enc) : Buffer.from(ab));
  const result = {
    pid: res.pid ?? 0,
    output: [null, conv(res.stdout), conv(res.stderr)],
    stdout: conv(res.stdout),
    stderr: conv(res.stderr),
    status: res.status ?? null,
    signal: res.signal ?? null,
  };
  if (res.error) {
    const e = res.error.code === "ETIMEDOUT" || res.error.code === "ENOBUFS" ? new Error(`spawnSync ${n.file} ${res.error.code}`) : spawnError(res.error, n.file, n.spawnargs);
    e.errno = res.error.errno;
    e.code = res.error.code;
    e.syscall = `spawnSync ${n.file}`;
    e.path = n.file;
    e.spawnargs = n.spawnargs.slice(1);
    result.error = e;
  }
  return result;
}

function checkSync(result, cmd, options) {
  if (result.error) throw result.error;
  if (result.status !== 0 || result.signal !== null) {
    const stderr = result.stderr ? result.stderr.toString() : "";
    const e = new Error(`Command failed: ${cmd}${stderr ? `\n${stderr}` : ""}`);
    Object.assign(e, { status: result.status, signal: result.signal, output: result.output, pid: result.pid, stdout: result.stdout, stderr: result.stderr });
    throw e;
  }
  // stderr goes to the parent's stderr unless captured differently (Node's default stdio for
  // the *Sync exec functions pipes it and then writes it out).
  if (result.stderr && result.stderr.length && (options?.stdio === undefined || options?.stdio === "pipe")) process.stderr.write(result.stderr);
  return result.stdout;
}

export function execFileSync(file, args, options) {
  if (args && !Array.isArray(args) && typeof args === "object") [args, options] = [[], args];
  const result = spawnSync(file, args ?? [], { ...options });
  return checkSync(result, [file, ...(args ?? [])].join(" "), options);
}

export function execSync(command, options) {
  validateString(command, "command");
  const result = spawnSync(command, [], { ...options, shell: options?.shell ?? true });
  return checkSync(result, command, options);
}

export function fork() {
  throw nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", "The fork() method is not implemented in rusk");
}

export default { ChildProcess, spawn, exec, execFile, spawnSync, execSync, execFileSync, fork };
