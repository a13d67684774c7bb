// bun-pty: pseudoterminals through bun:ffi (a Rust library loaded with dlopen, read in a polling
// loop over a Buffer handed to native code with ptr()). Every run is deterministic: outputs are
// printed raw (JSON) or summarised, and every wait ends on an event, never on a sleep.
import { spawn, Terminal } from "bun-pty";
import type { IExitEvent, IPty } from "bun-pty";
import { realpathSync } from "node:fs";
import { tmpdir } from "node:os";

const show = (label: string, value: unknown) => console.log(`${label}:`, JSON.stringify(value));

interface Run {
  pty: IPty;
  output: () => string;
  exited: Promise<IExitEvent>;
  // resolves once the output so far contains `text`
  waitFor: (text: string) => Promise<void>;
}

function start(file: string, args: string[], opts: Parameters<typeof spawn>[2] = { name: "xterm" }): Run {
  const pty = spawn(file, args, opts);
  let out = "";
  const waiters: { text: string; resolve: () => void }[] = [];
  pty.onData((chunk) => {
    out += chunk;
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (out.includes(waiters[i].text)) waiters.splice(i, 1)[0].resolve();
    }
  });
  const exited = new Promise<IExitEvent>((resolve) => pty.onExit(resolve));
  return {
    pty,
    output: () => out,
    exited,
    waitFor: (text) =>
      out.includes(text) ? Promise.resolve() : new Promise((resolve) => waiters.push({ text, resolve })),
  };
}

const sh = (script: string, opts?: Parameters<typeof spawn>[2]) => start("sh", ["-c", script], opts);

// A hung pty must fail the run, not hang it.
const guard = setTimeout(() => {
  console.log("TIMEOUT");
  process.exit(1);
}, 20_000);

// 1. spawn, read, exit code, accessors
{
  const run = sh("echo hello from the pty; exit 3", { name: "xterm", cols: 100, rows: 30 });
  show("pid is a positive integer", Number.isInteger(run.pty.pid) && run.pty.pid > 0);
  show("size", [run.pty.cols, run.pty.rows]);
  show("process", run.pty.process);
  show("instanceof Terminal", run.pty instanceof Terminal);
  const exit = await run.exited;
  show("echo output", run.output());
  show("echo exit", exit);
}

// 2. exit codes
for (const code of [0, 1, 42, 255]) {
  const run = sh(`exit ${code}`);
  show(`exit ${code}`, (await run.exited).exitCode);
}

// 3. arguments keep their boundaries (quotes, spaces, empty strings)
{
  const run = start("sh", ["-c", `printf '[%s]' "$@"`, "sh", "a b", "it's", "", "$HOME", "tab\there"]);
  await run.exited;
  show("argv", run.output());
}

// 4. write: a line read by the shell, echoed by the terminal's line discipline
{
  const run = sh(`read line; echo "got <$line>"; read second; echo "then <$second>"; exit 7`);
  run.pty.write("first line\n");
  await run.waitFor("got <first line>");
  run.pty.write("ünïcödé ─ 😀\r");
  const exit = await run.exited;
  show("interactive output", run.output());
  show("interactive exit", exit.exitCode);
}

// 5. cat echoes input; Ctrl-D ends it
{
  const run = start("cat", []);
  run.pty.write("one\n");
  await run.waitFor("one\r\none\r\n");
  run.pty.write("two\n");
  await run.waitFor("two\r\ntwo\r\n");
  run.pty.write("\x04");
  const exit = await run.exited;
  show("cat output", run.output());
  show("cat exit", exit.exitCode);
}

// 6. resize: the child sees the new window size (stty size prints "rows cols")
{
  const run = sh(`stty size; read _; stty size; read _; stty size`, { name: "xterm", cols: 90, rows: 20 });
  await run.waitFor("20 90\r\n");
  run.pty.resize(132, 43);
  show("after resize", [run.pty.cols, run.pty.rows]);
  run.pty.write("\n");
  await run.waitFor("43 132\r\n");
  run.pty.resize(40, 10);
  run.pty.write("\n");
  await run.exited;
  show("stty sizes", run.output().split("\r\n").filter((line) => /^\d+ \d+$/.test(line)));
}

// 7. SIGWINCH reaches the child on resize
{
  const run = sh(`trap 'echo winch; stty size; exit 5' WINCH; echo ready; while :; do sleep 0.02; done`);
  await run.waitFor("ready\r\n");
  run.pty.resize(77, 22);
  const exit = await run.exited;
  show("winch output", run.output());
  show("winch exit", exit.exitCode);
}

// 8. kill: onExit fires at once, the child goes away, later calls are ignored
{
  const run = sh(`echo sleeping; sleep 30`);
  await run.waitFor("sleeping");
  const pid = run.pty.pid;
  const events: IExitEvent[] = [];
  run.pty.onExit((e) => events.push(e));
  run.pty.kill();
  show("kill exit events", events);
  show("kill exit", await run.exited);
  run.pty.write("ignored\n");
  run.pty.resize(10, 10);
  run.pty.kill("SIGKILL");
  show("size after kill unchanged", [run.pty.cols, run.pty.rows]);
  show("exit events after repeated kill", events.length);
  let alive = true;
  for (let i = 0; i < 200 && alive; i++) {
    try {
      process.kill(pid, 0);
      await new Promise((r) => setTimeout(r, 10));
    } catch (e) {
      alive = (e as NodeJS.ErrnoException).code !== "ESRCH";
    }
  }
  show("killed child gone", !alive);
}

// 9. a large output (about 200 KB) arrives complete and in order, before the exit event
{
  const run = sh(`i=1; while [ $i -le 30000 ]; do echo "line $i"; i=$((i+1)); done; exit 9`);
  const exit = await run.exited;
  const text = run.output();
  const lines = text.split("\r\n");
  const last = lines.pop();
  let inOrder = lines.length === 30000;
  for (let i = 0; inOrder && i < lines.length; i++) inOrder = lines[i] === `line ${i + 1}`;
  show("large output length", text.length);
  show("large output lines", lines.length);
  show("large output in order", inOrder);
  show("large output trailing", last);
  show("large output exit", exit.exitCode);
}

// 10. UTF-8 split across reads is decoded whole (4096-byte read buffer)
{
  const run = sh(`printf 'x'; i=0; while [ $i -lt 2000 ]; do printf '─€'; i=$((i+1)); done; printf '😀\\n'`);
  await run.exited;
  const text = run.output();
  show("utf8 length", text.length);
  show("utf8 replacement chars", text.split("\uFFFD").length - 1);
  show("utf8 tail", text.slice(-6));
}

// 11. cwd and env options
{
  const dir = realpathSync(tmpdir());
  const run = sh(`pwd; echo "[$PTY_TEST_VAR] [$OTHER]"; echo "$HOME"`, {
    name: "xterm",
    cwd: dir,
    env: { PTY_TEST_VAR: "value with spaces", OTHER: "x=y", PATH: process.env.PATH ?? "/usr/bin:/bin" },
  });
  await run.exited;
  const [pwd, vars, home] = run.output().split("\r\n");
  show("cwd option", pwd === dir);
  show("env option", vars);
  // the given variables are added to the inherited environment
  show("env inherits the rest", home === process.env.HOME);
}

// 12. onData listeners can be disposed; several ptys run at once
{
  const runs = [1, 2, 3].map((n) => sh(`read x; echo "pty ${n}: $x"; exit ${n}`));
  let disposedSaw = "";
  const subscription = runs[0].pty.onData((d) => (disposedSaw += d));
  subscription.dispose();
  runs.forEach((run, i) => run.pty.write(`input ${i + 1}\n`));
  const exits = await Promise.all(runs.map((r) => r.exited));
  show(
    "concurrent outputs",
    runs.map((r) => r.output()),
  );
  show(
    "concurrent exits",
    exits.map((e) => e.exitCode),
  );
  show("disposed listener saw", disposedSaw);
}

// 13. spawning a missing program: the pty starts, the child fails
{
  let error: string | null = null;
  let exitCode: number | null = null;
  try {
    const run = start("/nonexistent/program", []);
    exitCode = (await run.exited).exitCode;
  } catch (e) {
    error = (e as Error).message;
  }
  show("missing program", { error, exitCode });
}

clearTimeout(guard);
console.log("done");
