// Bun.spawn / Bun.spawnSync with Bun's API (checked against Bun 1.4): ReadableStream stdout,
// FileSink stdin, `exited`, exit and signal codes, onExit, env, and ENOENT thrown at once.
import { describe, expect, test } from "bun:test";

async function text(stream: ReadableStream<Uint8Array>) {
  let t = "";
  const d = new TextDecoder();
  for await (const c of stream) t += d.decode(c, { stream: true });
  return t + d.decode();
}

describe("Bun.spawn", () => {
  test("stdout/stderr streams, exited, exitCode", async () => {
    const p = Bun.spawn(["sh", "-c", "echo out; echo err >&2; exit 3"], { stderr: "pipe" });
    expect(typeof p.pid).toBe("number");
    expect(p.exitCode).toBe(null);
    expect(p.stdin).toBe(undefined);
    expect(String(p.stdout)).toBe("[object ReadableStream]");
    const [out, err, code] = await Promise.all([text(p.stdout as any), text(p.stderr as any), p.exited]);
    expect([out, err, code, p.exitCode, p.signalCode]).toEqual(["out\n", "err\n", 3, 3, null]);
  });

  test("stdin: 'pipe' gives a writer whose write returns the byte count", async () => {
    const c = Bun.spawn({ cmd: ["cat"], stdin: "pipe" });
    expect(c.stdin!.write("hi ")).toBe(3);
    expect(c.stdin!.write(new TextEncoder().encode("there"))).toBe(5);
    c.stdin!.end();
    expect(await text(c.stdout as any)).toBe("hi there");
    expect(await c.exited).toBe(0);
  });

  test("stdin given as data", async () => {
    const c = Bun.spawn(["cat"], { stdin: new TextEncoder().encode("fed") });
    expect(await text(c.stdout as any)).toBe("fed");
  });

  test("kill(): exited resolves 128 + the signal number", async () => {
    const k = Bun.spawn(["sleep", "5"]);
    k.kill();
    expect(await k.exited).toBe(143);
    expect(k.signalCode).toBe("SIGTERM");
  });

  test("onExit and env", async () => {
    let seen: unknown;
    const e = Bun.spawn(["sh", "-c", "exit $CODE"], {
      env: { ...process.env, CODE: "4" },
      onExit(proc, exitCode, signalCode, error) {
        seen = [proc === e, exitCode, signalCode, error];
      },
    });
    await e.exited;
    await Bun.sleep(5);
    expect(seen).toEqual([true, 4, null, undefined]);
  });

  test("a missing executable throws ENOENT synchronously", () => {
    let err: any;
    try {
      Bun.spawn(["rusk-nope-xyz"]);
    } catch (e) {
      err = e;
    }
    expect(err?.code).toBe("ENOENT");
    expect(err?.message).toBe('Executable not found in $PATH: "rusk-nope-xyz"');
  });
});

describe("Bun.spawnSync", () => {
  test("exit code, success, Buffers for stdout/stderr, pid", () => {
    const s = Bun.spawnSync(["sh", "-c", "echo a; echo b >&2; exit 2"]);
    expect([s.exitCode, s.success, s.stdout!.toString(), s.stderr!.toString(), typeof s.pid]).toEqual([2, false, "a\n", "b\n", "number"]);
    expect(Bun.spawnSync(["true"]).success).toBe(true);
  });

  test("stdin data and cwd", () => {
    expect(Bun.spawnSync(["cat"], { stdin: new TextEncoder().encode("in") }).stdout!.toString()).toBe("in");
    expect(Bun.spawnSync(["pwd"], { cwd: "/" }).stdout!.toString()).toBe("/\n");
  });
});
