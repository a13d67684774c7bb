import { describe, expect, test } from "bun:test";
import fs from "node:fs";
import { tmpdir } from "node:os";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tempDir = () => fs.mkdtempSync(`${tmpdir()}/rusk-watch-`);

describe("fs.watch", () => {
  test("reports created, changed and renamed names relative to the directory", async () => {
    const dir = tempDir();
    const events: string[] = [];
    const watcher = fs.watch(dir, (type, name) => events.push(`${type}:${name}`));
    fs.writeFileSync(`${dir}/a.txt`, "1");
    await sleep(80);
    fs.renameSync(`${dir}/a.txt`, `${dir}/b.txt`);
    await sleep(80);
    watcher.close();
    expect(events).toContain("rename:a.txt");
    expect(events).toContain("change:a.txt");
    expect(events).toContain("rename:b.txt");
    // A rename is reported once per name, not also as a combined event.
    expect(events.filter((e) => e === "rename:b.txt").length).toBe(1);
    fs.rmSync(dir, { recursive: true });
  });
  test("close() stops events and emits close; buffer encoding gives Buffers", async () => {
    const dir = tempDir();
    const names: unknown[] = [];
    const watcher = fs.watch(dir, { encoding: "buffer" });
    watcher.on("change", (_type, name) => names.push(name));
    const closed = new Promise((resolve) => watcher.on("close", resolve));
    fs.writeFileSync(`${dir}/x`, "1");
    await sleep(80);
    watcher.close();
    await closed;
    const seen = names.length;
    fs.writeFileSync(`${dir}/y`, "1");
    await sleep(80);
    expect(seen).toBeGreaterThan(0);
    expect(Buffer.isBuffer(names[0])).toBe(true);
    expect(String(names[0])).toBe("x");
    expect(names.length).toBe(seen);
    fs.rmSync(dir, { recursive: true });
  });
  test("errors are Node's", () => {
    let error: any;
    try {
      fs.watch("/no/such/dir/rusk");
    } catch (e) {
      error = e;
    }
    expect(error.code).toBe("ENOENT");
    expect(error.syscall).toBe("watch");
    expect(error.message).toBe("ENOENT: no such file or directory, watch '/no/such/dir/rusk'");
    expect(() => fs.watch(42 as any)).toThrow('The "path" argument must be of type string or an instance of Buffer or URL. Received type number (42)');
    expect(() => fs.watch(tmpdir(), { signal: 1 } as any)).toThrow(/options\.signal/);
  });
  test("an unref'd watcher does not keep the program alive; abort signals close it", async () => {
    const controller = new AbortController();
    const watcher = fs.watch(tmpdir(), { signal: controller.signal });
    const closed = new Promise((resolve) => watcher.on("close", resolve));
    expect(watcher.unref()).toBe(watcher);
    controller.abort();
    await closed;
  });
  test("fs.promises.watch yields events", async () => {
    const dir = tempDir();
    const iterator = fs.promises.watch(dir);
    setTimeout(() => fs.writeFileSync(`${dir}/c.txt`, "x"), 30);
    let first: any;
    for await (const event of iterator) {
      first = event;
      break;
    }
    expect(first).toEqual({ eventType: "rename", filename: "c.txt" });
    fs.rmSync(dir, { recursive: true });
  });
});

describe("fs.watchFile", () => {
  test("calls back with current and previous stats, until unwatched", async () => {
    const dir = tempDir();
    const file = `${dir}/f.txt`;
    fs.writeFileSync(file, "1");
    const seen: Array<[number, number]> = [];
    const listener = (curr: fs.Stats, prev: fs.Stats) => seen.push([prev.size, curr.size]);
    fs.watchFile(file, { interval: 10 }, listener);
    await sleep(30);
    fs.writeFileSync(file, "12345");
    await sleep(80);
    fs.unwatchFile(file, listener);
    fs.writeFileSync(file, "1234567890");
    await sleep(60);
    expect(seen).toEqual([[1, 5]]);
    fs.rmSync(dir, { recursive: true });
  });
  test("a missing file is watched as zeroed stats", async () => {
    const file = `${tempDir()}/later.txt`;
    let prevSize = -1;
    let currSize = -1;
    fs.watchFile(file, { interval: 10 }, (curr, prev) => {
      prevSize = prev.size;
      currSize = curr.size;
    });
    await sleep(20);
    fs.writeFileSync(file, "abc");
    await sleep(60);
    fs.unwatchFile(file);
    expect([prevSize, currSize]).toEqual([0, 3]);
    expect(() => fs.watchFile(file, {} as any)).toThrow(/The "listener" argument must be of type function/);
  });
});
