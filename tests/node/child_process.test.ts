// node:child_process: spawn with piped stdio and events in Node's order, exec/execFile with
// callbacks and errors, the *Sync forms, kill/signals, cwd/env/shell/timeout/AbortSignal.
import { describe, expect, test } from "bun:test";
import { exec, execFile, execFileSync, execSync, spawn, spawnSync } from "node:child_process";
import { tmpdir } from "node:os";

function collect(child: any): Promise<{ out: string; err: string; code: number | null; signal: string | null; events: string[] }> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const events: string[] = [];
    child.stdout?.on("data", (d: Buffer) => (out += d));
    child.stderr?.on("data", (d: Buffer) => (err += d));
    child.on("spawn", () => events.push("spawn"));
    child.on("exit", () => events.push("exit"));
    child.on("error", reject);
    child.on("close", (code: number | null, signal: string | null) => {
      events.push("close");
      resolve({ out, err, code, signal, events });
    });
  });
}

describe("spawn", () => {
  test("stdout, stderr, exit code and the spawn → exit → close order", async () => {
    const r = await collect(spawn("sh", ["-c", "echo out; echo err >&2; exit 3"]));
    expect(r).toEqual({ out: "out\n", err: "err\n", code: 3, signal: null, events: ["spawn", "exit", "close"] });
  });

  test("stdin is writable and its end closes the child's input", async () => {
    const child = spawn("cat");
    const done = collect(child);
    child.stdin.write("hello ");
    child.stdin.end("world");
    expect((await done).out).toBe("hello world");
  });

  test("pid, spawnfile and spawnargs", () => {
    const child = spawn("true", ["a", "b"]);
    expect(typeof child.pid).toBe("number");
    expect(child.spawnfile).toBe("true");
    expect(child.spawnargs).toEqual(["true", "a", "b"]);
    return collect(child);
  });

  test("a missing command emits 'error' with Node's ENOENT shape", async () => {
    const child = spawn("rusk-no-such-command-xyz", ["x"]);
    const err: any = await new Promise((res) => child.on("error", res));
    // Node's message (Bun words it differently: "Executable not found in $PATH").
    const bun = typeof (globalThis as any).Bun !== "undefined" && !(process.versions as any).rusk;
    if (!bun) expect(err.message).toBe("spawn rusk-no-such-command-xyz ENOENT");
    expect(err.code).toBe("ENOENT");
    expect(err.errno).toBe(-2);
    expect(err.syscall).toBe("spawn rusk-no-such-command-xyz");
    expect(err.path).toBe("rusk-no-such-command-xyz");
    expect(err.spawnargs).toEqual(["x"]);
  });

  test("kill() delivers a signal: exit code null, signalCode SIGTERM", async () => {
    const child = spawn("sleep", ["5"]);
    const done = collect(child);
    setTimeout(() => expect(child.kill()).toBe(true), 20);
    const r = await done;
    expect(r.code).toBe(null);
    expect(r.signal).toBe("SIGTERM");
    expect(child.killed).toBe(true);
    expect(child.signalCode).toBe("SIGTERM");
  });

  test("cwd, env and shell", async () => {
    const r = await collect(spawn("echo $RUSK_CP_VAR; pwd", { shell: true, cwd: tmpdir(), env: { ...process.env, RUSK_CP_VAR: "xyz" } }));
    const [v, dir] = r.out.trim().split("\n");
    expect(v).toBe("xyz");
    expect(dir.endsWith(tmpdir().replace(/\/$/, "").split("/").pop()!)).toBe(true);
  });

  test("timeout kills the child with killSignal", async () => {
    const r = await collect(spawn("sleep", ["5"], { timeout: 30, killSignal: "SIGKILL" }));
    expect(r.signal).toBe("SIGKILL");
  });

  test("an AbortSignal kills the child and emits an AbortError", async () => {
    const ac = new AbortController();
    const child = spawn("sleep", ["5"], { signal: ac.signal });
    const err: any = await new Promise((res) => {
      child.on("error", res);
      setTimeout(() => ac.abort(), 20);
    });
    expect(err.name).toBe("AbortError");
  });

  test("stdio 'ignore' gives null streams", async () => {
    const child = spawn("echo", ["x"], { stdio: "ignore" });
    expect(child.stdout).toBe(null);
    expect(child.stdin).toBe(null);
    const code = await new Promise((res) => child.on("close", res));
    expect(code).toBe(0);
  });
});

describe("exec and execFile", () => {
  test("exec runs through the shell and passes stdout/stderr strings", async () => {
    const r: any = await new Promise((res) => exec("echo a && echo b >&2", (err, stdout, stderr) => res({ err, stdout, stderr })));
    expect(r).toEqual({ err: null, stdout: "a\n", stderr: "b\n" });
  });

  test("a failing command gives an error with code and cmd", async () => {
    const r: any = await new Promise((res) => exec("echo oops >&2; exit 7", (err, stdout, stderr) => res({ err, stdout, stderr })));
    expect(r.err.code).toBe(7);
    expect(r.err.cmd).toBe("echo oops >&2; exit 7");
    expect(r.err.message).toBe("Command failed: echo oops >&2; exit 7\noops\n");
    expect(r.stderr).toBe("oops\n");
  });

  test("execFile with arguments and a buffer encoding", async () => {
    const r: any = await new Promise((res) => execFile("printf", ["%s-%s", "x", "y"], { encoding: "buffer" }, (err, stdout) => res({ err, stdout })));
    expect(r.err).toBe(null);
    expect(Buffer.isBuffer(r.stdout)).toBe(true);
    expect(r.stdout.toString()).toBe("x-y");
  });
});

describe("sync forms", () => {
  test("spawnSync returns status, signal, output and stdout/stderr Buffers", () => {
    const r = spawnSync("sh", ["-c", "echo hi; echo err >&2; exit 2"]);
    expect(r.status).toBe(2);
    expect(r.signal).toBe(null);
    expect(r.stdout.toString()).toBe("hi\n");
    expect(r.stderr.toString()).toBe("err\n");
    expect(r.output[0]).toBe(null);
    expect(r.output[1].toString()).toBe("hi\n");
    expect(r.pid).toBeGreaterThan(0);
  });

  test("spawnSync with input and encoding", () => {
    expect(spawnSync("cat", { input: "piped", encoding: "utf8" }).stdout).toBe("piped");
  });

  test("spawnSync of a missing command reports ENOENT in .error", () => {
    const r = spawnSync("rusk-no-such-command-xyz");
    expect(r.error?.code).toBe("ENOENT");
    expect(r.status).toBe(null);
  });

  test("spawnSync timeout: killed by a signal, ETIMEDOUT", () => {
    const r = spawnSync("sleep", ["5"], { timeout: 30 });
    expect(r.signal).toBe("SIGTERM");
    expect(r.error?.code).toBe("ETIMEDOUT");
  });

  test("execSync returns stdout and throws on failure with status and stderr", () => {
    expect(execSync("echo sync").toString()).toBe("sync\n");
    expect(execSync("echo sync", { encoding: "utf8" })).toBe("sync\n");
    let err: any;
    try {
      execSync("exit 4", { stdio: "pipe" });
    } catch (e) {
      err = e;
    }
    expect(err.status).toBe(4);
    expect(err.message).toBe("Command failed: exit 4");
  });

  test("execFileSync with arguments", () => {
    expect(execFileSync("echo", ["a", "b"], { encoding: "utf8" })).toBe("a b\n");
  });
});
