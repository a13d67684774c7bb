// Helpers shared by the tests in this directory. Not a test file: the runners only collect
// `*.test.*`. Everything here works under `bun test` and `rusk test` alike.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Some behaviour is rusk's own (Bun documents but ignores it, or lacks it); tests branch on this.
export const isRusk = typeof process.versions.rusk === "string";

// Failure messages are compared without colours: these depend on the terminal.
export const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, "");

// What `fn` throws, to assert on the error itself; a test fails if nothing is thrown.
export function thrown(fn: () => unknown): any {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("nothing was thrown");
}

// The message of a failing matcher call, without colours.
export const failure = (fn: () => unknown): string => plain(String(thrown(fn)?.message));

// The message of a failing matcher call that is awaited (.resolves/.rejects, async matchers).
export async function asyncFailure(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (e: any) {
    return plain(String(e?.message));
  }
  throw new Error("nothing was thrown");
}

// A promise that resolves to `value` after a timer, so a matcher has to wait for it.
export const later = <T>(value: T, ms = 1) => new Promise<T>((resolve) => setTimeout(resolve, ms, value));

// Expected output written one line per argument, each line ending in a newline.
export const lines = (...l: string[]) => l.join("\n") + "\n";

// The absolute path of fixtures/<name>: the runners run a file given by path whatever its name.
export const fixture = (...name: string[]) => join(import.meta.dir, "fixtures", ...name);

// A new temporary directory holding `files` ({ relative path: text }), for runs that need
// their own bunfig.toml, several test files, or files the run writes (snapshots).
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "rusk-testlib-"));
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, text);
  }
  return dir;
}

// The environment of a child run: no colours, and not on CI (Bun also detects CI services by
// their own variables; CI refuses new snapshots and .only). `extra` overrides, and a key set
// to undefined is removed.
export function runnerEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1", CI: "false", ...extra };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env as Record<string, string>;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  args?: string[];
}

// Runs `<this runner> test [...args] [target]` in a child process (process.execPath is bun or
// rusk), to check what a run prints and its exit code. Without a target the runner looks for
// test files under cwd, as a bare `bun test` does.
export function runTests(target: string | null, { cwd, env, args = [] }: RunOptions = {}) {
  const cmd = [process.execPath, "test", ...args, ...(target === null ? [] : [target])];
  const r = Bun.spawnSync({ cmd, cwd, env: runnerEnv(env) });
  // Both runners print their name and version as stdout's first line.
  const out = r.stdout.toString().replace(/^(bun|rusk) test v.*\n/, "");
  return { code: r.exitCode, out, err: r.stderr.toString() };
}
