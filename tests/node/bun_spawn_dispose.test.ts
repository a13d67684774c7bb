// Bun.spawn's Subprocess as an async disposable (`await using`), how it reports a process ended
// by a signal, and Bun's text()/json()/bytes()/blob() on its stdout/stderr — which Bun gives every
// ReadableStream (checked against Bun 1.4).
import { describe, expect, test } from "bun:test";

async function rejectionOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (e: any) {
    return { name: e.constructor.name, code: e.code, message: e.message };
  }
  return undefined;
}

describe("Subprocess[Symbol.asyncDispose]", () => {
  test("a running process is sent SIGTERM and awaited; the promise gives what exited gives", async () => {
    const p = Bun.spawn(["sleep", "5"]);
    const disposing = p[Symbol.asyncDispose]();
    expect(disposing instanceof Promise).toBe(true);
    // Nothing has ended yet when the call returns.
    expect([p.killed, p.exitCode, p.signalCode]).toEqual([false, null, null]);
    expect(await disposing).toBe(143);
    expect([p.killed, p.exitCode, p.signalCode]).toEqual([true, null, "SIGTERM"]);
    expect(await p.exited).toBe(143);
  });

  test("a process that has exited is left alone: the promise gives undefined", async () => {
    const p = Bun.spawn(["sh", "-c", "exit 4"]);
    expect(await p.exited).toBe(4);
    expect(await p[Symbol.asyncDispose]()).toBe(undefined);
    expect([p.exitCode, p.signalCode]).toEqual([4, null]);
  });

  test("a process that ignores SIGTERM is awaited until it exits", async () => {
    const p = Bun.spawn(["sh", "-c", "trap '' TERM; echo ready; sleep 0.1; exit 3"]);
    const reader = p.stdout.getReader();
    await reader.read();
    expect(await p[Symbol.asyncDispose]()).toBe(3);
    expect([p.exitCode, p.signalCode]).toEqual([3, null]);
  });

  test("await using disposes at the end of the block", async () => {
    let proc: any;
    {
      await using p = Bun.spawn(["sleep", "5"]);
      proc = p;
      expect(proc.exitCode).toBe(null);
    }
    expect([proc.killed, proc.signalCode]).toEqual([true, "SIGTERM"]);
  });

  test("the prototype: asyncDispose, no dispose, Symbol.toStringTag", () => {
    const p = Bun.spawn(["true"]);
    const proto = Object.getPrototypeOf(p);
    const d = Object.getOwnPropertyDescriptor(proto, Symbol.asyncDispose)!;
    expect([typeof d.value, d.value.name, d.writable, d.enumerable, d.configurable]).toEqual(["function", "asyncDispose", false, false, true]);
    expect((p as any)[Symbol.dispose]).toBe(undefined);
    expect(Object.prototype.toString.call(p)).toBe("[object Subprocess]");
  });
});

describe("a process ended by a signal", () => {
  test("exitCode is null, signalCode names the signal, exited gives 128 + its number", async () => {
    const p = Bun.spawn(["sleep", "5"]);
    p.kill("SIGKILL");
    expect(await p.exited).toBe(137);
    expect([p.exitCode, p.signalCode]).toEqual([null, "SIGKILL"]);
  });

  test("onExit gets a null exit code, and runs after what awaits exited", async () => {
    const order: unknown[] = [];
    const p = Bun.spawn(["sleep", "5"], {
      onExit(proc, exitCode, signalCode, error) {
        order.push(["onExit", proc === p, exitCode, signalCode, error]);
      },
    });
    p.kill();
    await p.exited;
    order.push("awaited");
    await Bun.sleep(20);
    expect(order).toEqual(["awaited", ["onExit", true, null, "SIGTERM", undefined]]);
  });

  test("spawnSync: exitCode null, signalCode set, success false; signalCode absent otherwise", () => {
    const killed = Bun.spawnSync(["sh", "-c", "kill -TERM $$"]);
    expect([killed.exitCode, killed.signalCode, killed.success]).toEqual([null, "SIGTERM", false]);
    const normal = Bun.spawnSync(["sh", "-c", "echo hi; echo e >&2; exit 2"]);
    expect([normal.exitCode, normal.success, normal.stdout.toString(), normal.stderr.toString()]).toEqual([2, false, "hi\n", "e\n"]);
    expect("signalCode" in normal).toBe(false);
    expect(Buffer.isBuffer(normal.stdout)).toBe(true);
  });
});

describe("stdout/stderr: text(), json(), bytes(), blob()", () => {
  test("on a process's streams", async () => {
    const p = Bun.spawn(["sh", "-c", `echo '{"a":1}'; printf 'é' >&2`], { stderr: "pipe" });
    expect(await p.stdout.json()).toEqual({ a: 1 });
    expect(await p.stderr.text()).toBe("é");
    const bytes = await Bun.spawn(["printf", "abc"]).stdout.bytes();
    expect(bytes instanceof Uint8Array).toBe(true);
    expect([...bytes]).toEqual([97, 98, 99]);
    const blob = await Bun.spawn(["printf", "xyz"]).stdout.blob();
    expect([blob instanceof Blob, blob.size, blob.type, await blob.text()]).toEqual([true, 3, "", "xyz"]);
  });

  test("Bun has them on every ReadableStream: enumerable methods, no arrayBuffer()", () => {
    for (const name of ["text", "json", "bytes", "blob"]) {
      const d = Object.getOwnPropertyDescriptor(ReadableStream.prototype, name)!;
      expect([typeof d.value, d.value.length, d.enumerable]).toEqual(["function", 0, true]);
    }
    expect((ReadableStream.prototype as any).arrayBuffer).toBe(undefined);
  });

  const streamOf = (...chunks: unknown[]) =>
    new ReadableStream({
      start(c) {
        for (const chunk of chunks) c.enqueue(chunk);
        c.close();
      },
    });

  test("chunks may be strings, ArrayBuffers or views (their own bytes); text is UTF-8 without a BOM", async () => {
    expect(await streamOf("a", new Uint8Array([98]), new ArrayBuffer(1)).text()).toBe("ab\0");
    expect(await streamOf(new Uint8Array([0xe2, 0x82]), new Uint8Array([0xac])).text()).toBe("€");
    expect(await streamOf(new Uint8Array([0xef, 0xbb, 0xbf, 65, 0xff])).text()).toBe("A\ufffd");
    expect(await streamOf(new DataView(new Uint8Array([65, 66, 67]).buffer, 1, 1)).text()).toBe("B");
    expect([...(await streamOf(new Uint16Array([65]), "é").bytes())]).toEqual([65, 0, 195, 169]);
    expect(await streamOf("[1,", "2]").json()).toEqual([1, 2]);
    expect(await streamOf().text()).toBe("");
    expect((await streamOf().bytes()).length).toBe(0);
    const bytes = new ReadableStream({
      type: "bytes",
      start(c) {
        c.enqueue(new Uint8Array([104, 105]));
        c.close();
      },
    });
    expect(await bytes.text()).toBe("hi");
  });

  test("errors: a locked stream, a bad chunk, an errored stream, bad JSON, a wrong this", async () => {
    const locked = streamOf("x");
    locked.getReader();
    for (const read of [() => locked.text(), () => locked.bytes(), () => locked.json(), () => locked.blob()]) {
      expect(await rejectionOf(read())).toEqual({ name: "TypeError", code: "ERR_INVALID_STATE", message: "Invalid state: ReadableStream is locked" });
    }
    expect(await rejectionOf(streamOf({}).json())).toEqual({ name: "TypeError", code: undefined, message: "Expected text, ArrayBuffer or ArrayBufferView" });
    const failing = new ReadableStream({
      start(c) {
        c.error(new RangeError("boom"));
      },
    });
    expect(await rejectionOf(failing.bytes())).toEqual({ name: "RangeError", code: undefined, message: "boom" });
    expect((await rejectionOf(streamOf("{").json()))?.name).toBe("SyntaxError");
    expect((await rejectionOf(streamOf().json()))?.name).toBe("SyntaxError");
    let thrown: any;
    try {
      (ReadableStream.prototype as any).text.call({});
    } catch (e) {
      thrown = e;
    }
    expect([thrown?.code, thrown?.message]).toEqual(["ERR_INVALID_THIS", 'Value of "this" must be of type ReadableStream']);
  });

  test("the stream is unlocked once read to the end, and pulled as needed", async () => {
    let pulls = 0;
    const s = new ReadableStream({
      pull(c) {
        if (pulls++ < 3) c.enqueue("ab");
        else c.close();
      },
    });
    expect(await s.text()).toBe("ababab");
    expect(s.locked).toBe(false);
    const pending = new ReadableStream({ pull() {} });
    pending.text();
    expect(pending.locked).toBe(true);
  });
});
