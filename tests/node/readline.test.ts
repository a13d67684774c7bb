import { describe, test, expect } from "bun:test";
import { EventEmitter } from "node:events";
import { promisify } from "node:util";
import readline from "node:readline";
import * as readlineNamed from "node:readline";
import readlinePromises from "node:readline/promises";
import { Readline } from "node:readline/promises";

// Inputs and outputs are plain EventEmitters: readline only needs 'data'/'end' and write().
function fakeInput(extra: Record<string, unknown> = {}) {
  const input: any = Object.assign(new EventEmitter(), extra);
  input.calls = [] as string[];
  input.pause = () => input.calls.push("pause");
  input.resume = () => input.calls.push("resume");
  return input;
}

function fakeOutput(extra: Record<string, unknown> = {}) {
  const output: any = Object.assign(new EventEmitter(), extra);
  output.written = [] as string[];
  output.write = (s: string, cb?: () => void) => {
    output.written.push(s);
    if (typeof cb === "function") cb();
    return true;
  };
  return output;
}

/** A terminal: the input has setRawMode, the output isTTY with `columns`. */
function fakeTerminal(columns = 80) {
  const input = fakeInput({ isTTY: true });
  input.setRawMode = (mode: boolean) => input.calls.push(`raw:${mode}`);
  const output = fakeOutput({ isTTY: true, columns });
  return { input, output };
}

/** Sends `keys` one keypress per 'data' chunk (escape sequences kept whole), as a typist would. */
function type(input: any, keys: string) {
  for (const key of keys.match(/\x1b\[[0-9;]*[~A-Za-z]|\x1b.|[\s\S]/gu) ?? []) input.emit("data", key);
}

function errorOf(f: () => unknown) {
  try {
    f();
  } catch (e: any) {
    return { name: e.name, code: e.code, message: e.message };
  }
  return null;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("readline: module", () => {
  test("exports", () => {
    expect(Object.keys(readline).sort()).toEqual([
      "Interface",
      "clearLine",
      "clearScreenDown",
      "createInterface",
      "cursorTo",
      "emitKeypressEvents",
      "moveCursor",
      "promises",
    ]);
    expect(readlineNamed.createInterface).toBe(readline.createInterface);
    expect(readline.promises).toBe(readlinePromises);
    expect(Object.keys(readlinePromises).sort()).toEqual(["Interface", "Readline", "createInterface"]);
  });

  test("Interface works without new and is an EventEmitter", () => {
    const rl = (readline.Interface as any)({ input: fakeInput() });
    expect(rl).toBeInstanceOf(readline.Interface);
    expect(rl).toBeInstanceOf(EventEmitter);
    expect(readline.createInterface({ input: fakeInput() })).toBeInstanceOf(readline.Interface);
    rl.close();
  });

  test("the promises Interface is a separate class", () => {
    const rl = readlinePromises.createInterface({ input: fakeInput() });
    expect(rl).toBeInstanceOf(readlinePromises.Interface);
    expect(rl).not.toBeInstanceOf(readline.Interface);
    expect(rl).toBeInstanceOf(EventEmitter);
    rl.close();
  });

  test("defaults, and the positional form", () => {
    const input = fakeInput();
    const rl = readline.createInterface({ input });
    expect(rl.getPrompt()).toBe("> ");
    expect(rl.terminal).toBe(false);
    expect(rl.line).toBe("");
    expect(rl.historySize).toBe(30);
    expect(rl.crlfDelay).toBe(100);
    expect(rl.input).toBe(input);
    expect(rl.output).toBeUndefined();
    expect(input.calls).toEqual(["resume"]);
    const output = fakeOutput();
    const positional = readline.createInterface(fakeInput(), output, undefined, false);
    expect(positional.output).toBe(output);
    expect(positional.terminal).toBe(false);
    rl.close();
    positional.close();
  });
});

describe("readline: option validation", () => {
  const input = () => fakeInput();
  test("historySize", () => {
    expect(errorOf(() => readline.createInterface({ input: input(), historySize: -1 }))).toMatchObject({
      name: "RangeError",
      code: "ERR_OUT_OF_RANGE",
    });
    expect(errorOf(() => readline.createInterface({ input: input(), historySize: NaN }))?.code).toBe("ERR_OUT_OF_RANGE");
    expect(errorOf(() => readline.createInterface({ input: input(), historySize: "5" as any }))).toMatchObject({
      name: "TypeError",
      code: "ERR_INVALID_ARG_TYPE",
    });
    expect(readline.createInterface({ input: input(), historySize: 0 }).historySize).toBe(0);
  });
  test("completer, history, signal, tabSize", () => {
    expect(errorOf(() => readline.createInterface({ input: input(), completer: 5 as any }))).toEqual({
      name: "TypeError",
      code: "ERR_INVALID_ARG_VALUE",
      message: "The argument 'completer' is invalid. Received 5",
    });
    expect(errorOf(() => readline.createInterface({ input: input(), history: "x" as any }))?.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(errorOf(() => readline.createInterface({ input: input(), signal: {} as any }))).toMatchObject({
      name: "TypeError",
      code: "ERR_INVALID_ARG_TYPE",
    });
    expect(errorOf(() => readline.createInterface({ input: input(), tabSize: 0 }))?.code).toBe("ERR_OUT_OF_RANGE");
  });
  test("crlfDelay has a floor of 100", () => {
    expect(readline.createInterface({ input: input(), crlfDelay: 50 }).crlfDelay).toBe(100);
    expect(readline.createInterface({ input: input(), crlfDelay: 500 }).crlfDelay).toBe(500);
    expect(readline.createInterface({ input: input(), crlfDelay: Infinity }).crlfDelay).toBe(Infinity);
  });
  test("terminal follows output.isTTY unless given", () => {
    expect(readline.createInterface({ input: input(), output: fakeOutput({ isTTY: true }) }).terminal).toBe(true);
    expect(readline.createInterface({ input: input(), output: fakeOutput({ isTTY: true }), terminal: false }).terminal).toBe(false);
    expect(readline.createInterface({ input: input(), output: fakeOutput() }).terminal).toBe(false);
  });
});

describe("readline: lines", () => {
  test("splits on \\n, \\r\\n and \\r, keeping a partial line for the next chunk", () => {
    const input = fakeInput();
    const rl = readline.createInterface({ input });
    const lines: string[] = [];
    rl.on("line", (l) => lines.push(l));
    input.emit("data", "a\nb\r\nc\rd");
    expect(lines).toEqual(["a", "b", "c"]);
    input.emit("data", "e\n\nf");
    expect(lines).toEqual(["a", "b", "c", "de", ""]);
    expect(rl.line).toBe("");
  });

  test("the last line needs no line ending; 'end' then closes", () => {
    const input = fakeInput();
    const rl = readline.createInterface({ input });
    const events: string[] = [];
    rl.on("line", (l) => events.push(`line:${l}`));
    rl.on("close", () => events.push("close"));
    input.emit("data", "one\ntwo");
    input.emit("end");
    expect(events).toEqual(["line:one", "line:two", "close"]);
    expect(rl.closed).toBe(true);
  });

  test("an empty last chunk emits no extra line", () => {
    const input = fakeInput();
    const rl = readline.createInterface({ input });
    const lines: string[] = [];
    rl.on("line", (l) => lines.push(l));
    input.emit("data", "x\n");
    input.emit("end");
    expect(lines).toEqual(["x"]);
  });

  test("bytes are decoded as UTF-8 across chunk boundaries", () => {
    const input = fakeInput();
    const rl = readline.createInterface({ input });
    const lines: string[] = [];
    rl.on("line", (l) => lines.push(l));
    const bytes = Buffer.from("héllo wörld\n");
    input.emit("data", bytes.subarray(0, 2));
    input.emit("data", bytes.subarray(2, 9));
    input.emit("data", bytes.subarray(9));
    expect(lines).toEqual(["héllo wörld"]);
  });

  test("a \\r\\n split across chunks is one line ending", () => {
    const input = fakeInput();
    const rl = readline.createInterface({ input });
    const lines: string[] = [];
    rl.on("line", (l) => lines.push(l));
    input.emit("data", "a\r");
    input.emit("data", "\nb\n");
    expect(lines).toEqual(["a", "b"]);
  });

  test("a \\n arriving later than crlfDelay after a \\r is another line", async () => {
    const input = fakeInput();
    const rl = readline.createInterface({ input, crlfDelay: 100 });
    const lines: string[] = [];
    rl.on("line", (l) => lines.push(l));
    input.emit("data", "a\r");
    await new Promise((resolve) => setTimeout(resolve, 130));
    input.emit("data", "\nb\n");
    expect(lines).toEqual(["a", "", "b"]);
  });

  test("closing from a 'line' listener still delivers the rest of that chunk, then no more", () => {
    const input = fakeInput();
    const rl = readline.createInterface({ input });
    const events: string[] = [];
    rl.on("line", (l) => {
      events.push(l);
      if (l === "a") rl.close();
    });
    rl.on("close", () => events.push("close"));
    input.emit("data", "a\nb\n");
    input.emit("data", "c\n");
    expect(events).toEqual(["a", "close", "b"]);
    expect(input.listenerCount("data")).toBe(0);
    expect(input.listenerCount("end")).toBe(0);
  });

  test("write() feeds lines without a terminal and resumes a paused interface", () => {
    const input = fakeInput();
    const rl = readline.createInterface({ input });
    const events: string[] = [];
    rl.on("line", (l) => events.push(`line:${l}`));
    rl.on("resume", () => events.push("resume"));
    rl.pause();
    rl.write("x\ny");
    rl.write("z\n");
    expect(events).toEqual(["resume", "line:x", "line:yz"]);
  });

  test("input errors are emitted on the interface", () => {
    const input = fakeInput();
    const rl = readline.createInterface({ input });
    const errors: string[] = [];
    rl.on("error", (e) => errors.push(e.message));
    input.emit("error", new Error("boom"));
    expect(errors).toEqual(["boom"]);
  });
});

describe("readline: pause, resume, close", () => {
  test("events and input calls, each once", () => {
    const input = fakeInput();
    const rl = readline.createInterface({ input });
    const events: string[] = [];
    for (const name of ["pause", "resume", "close"]) rl.on(name, () => events.push(name));
    rl.pause();
    rl.pause();
    expect(rl.paused).toBe(true);
    rl.resume();
    rl.resume();
    expect(rl.paused).toBe(false);
    rl.close();
    rl.close();
    expect(events).toEqual(["pause", "resume", "pause", "close"]);
    expect(input.calls).toEqual(["resume", "pause", "resume", "pause"]);
  });

  test("close() removes the interface's input listeners", () => {
    const input = fakeInput();
    const rl = readline.createInterface({ input });
    expect(input.listenerCount("data")).toBe(1);
    rl.close();
    expect(input.listenerCount("data")).toBe(0);
    expect(input.listenerCount("end")).toBe(0);
    expect(input.listenerCount("error")).toBe(0);
  });

  test("an AbortSignal closes the interface", async () => {
    const ac = new AbortController();
    const rl = readline.createInterface({ input: fakeInput(), signal: ac.signal });
    let closed = 0;
    rl.on("close", () => closed++);
    ac.abort();
    expect(closed).toBe(1);

    const aborted = readline.createInterface({ input: fakeInput(), signal: AbortSignal.abort() });
    expect(aborted.closed).toBeFalsy();
    await tick();
    expect(aborted.closed).toBe(true);
  });
});

describe("readline: prompt and question", () => {
  test("prompt() writes the prompt; setPrompt/getPrompt", () => {
    const output = fakeOutput();
    const rl = readline.createInterface({ input: fakeInput(), output, prompt: "$ " });
    rl.prompt();
    rl.setPrompt("# ");
    expect(rl.getPrompt()).toBe("# ");
    rl.prompt();
    expect(output.written).toEqual(["$ ", "# "]);
  });

  test("question() asks, answers the callback rather than 'line', and restores the prompt", () => {
    const input = fakeInput();
    const output = fakeOutput();
    const rl = readline.createInterface({ input, output });
    const events: string[] = [];
    rl.on("line", (l) => events.push(`line:${l}`));
    rl.question("name? ", (answer) => events.push(`answer:${answer}`));
    expect(output.written).toEqual(["name? "]);
    input.emit("data", "Ada\nnext\n");
    expect(events).toEqual(["answer:Ada", "line:next"]);
    expect(rl.getPrompt()).toBe("> ");
  });

  test("a second question while one is pending only prompts again", () => {
    const input = fakeInput();
    const output = fakeOutput();
    const rl = readline.createInterface({ input, output });
    const answers: string[] = [];
    rl.question("first? ", (a) => answers.push(`first:${a}`));
    rl.question("second? ", (a) => answers.push(`second:${a}`));
    expect(output.written).toEqual(["first? ", "first? "]);
    input.emit("data", "1\n2\n");
    expect(answers).toEqual(["first:1"]);
  });

  test("question() after close throws ERR_USE_AFTER_CLOSE", () => {
    const rl = readline.createInterface({ input: fakeInput() });
    rl.close();
    expect(errorOf(() => rl.question("q", () => {}))).toEqual({
      name: "Error",
      code: "ERR_USE_AFTER_CLOSE",
      message: "readline was closed",
    });
  });

  test("an aborted question never answers; the line goes to 'line'", () => {
    const input = fakeInput();
    const output = fakeOutput();
    const rl = readline.createInterface({ input, output });
    const events: string[] = [];
    rl.on("line", (l) => events.push(`line:${l}`));
    const ac = new AbortController();
    rl.question("q? ", { signal: ac.signal }, (a) => events.push(`answer:${a}`));
    ac.abort();
    input.emit("data", "late\n");
    expect(events).toEqual(["line:late"]);
    expect(rl.getPrompt()).toBe("> ");
  });

  test("a question with an already aborted signal is not asked", () => {
    const output = fakeOutput();
    const rl = readline.createInterface({ input: fakeInput(), output });
    rl.question("q? ", { signal: AbortSignal.abort() }, () => {});
    expect(output.written).toEqual([]);
    expect(errorOf(() => rl.question("q? ", { signal: 5 as any }, () => {}))?.code).toBe("ERR_INVALID_ARG_TYPE");
  });

  test("util.promisify(rl.question) resolves with the answer and rejects on abort", async () => {
    const input = fakeInput();
    const rl = readline.createInterface({ input, output: fakeOutput() });
    const question = promisify(rl.question).bind(rl) as any;
    const answer = question("q? ");
    input.emit("data", "yes\n");
    expect(await answer).toBe("yes");
    const ac = new AbortController();
    const pending = question("q? ", { signal: ac.signal });
    ac.abort("stop");
    const err = await pending.catch((e: any) => e);
    expect(err.name).toBe("AbortError");
    expect(err.cause).toBe("stop");
  });

  test("overriding _writeToOutput intercepts what the interface writes", () => {
    const output = fakeOutput();
    const rl: any = readline.createInterface({ input: fakeInput(), output });
    const muted: string[] = [];
    rl._writeToOutput = (s: string) => muted.push(s);
    rl.question("password: ", () => {});
    expect(muted).toEqual(["password: "]);
    expect(output.written).toEqual([]);
  });
});

describe("readline: async iteration", () => {
  test("for await reads the lines until close", async () => {
    const input = fakeInput();
    const rl = readline.createInterface({ input });
    setTimeout(() => {
      input.emit("data", "one\ntwo\r\nthr");
      input.emit("data", "ee");
      input.emit("end");
    }, 1);
    const lines: string[] = [];
    for await (const line of rl) lines.push(line);
    expect(lines).toEqual(["one", "two", "three"]);
  });

  test("lines that arrive before next() are buffered; earlier ones are not", async () => {
    const input = fakeInput();
    const rl = readline.createInterface({ input });
    input.emit("data", "before\n");
    const iterator = rl[Symbol.asyncIterator]();
    expect(rl[Symbol.asyncIterator]()).toBe(iterator);
    input.emit("data", "a\nb\n");
    input.emit("end");
    const lines: string[] = [];
    for await (const line of iterator) lines.push(line);
    expect(lines).toEqual(["a", "b"]);
  });

  test("break stops listening without closing the interface", async () => {
    const input = fakeInput();
    const rl = readline.createInterface({ input });
    setTimeout(() => input.emit("data", "1\n2\n3\n"), 1);
    const lines: string[] = [];
    for await (const line of rl) {
      lines.push(line);
      if (lines.length === 2) break;
    }
    expect(lines).toEqual(["1", "2"]);
    expect(rl.closed).toBeFalsy();
    expect(rl.listenerCount("line")).toBe(0);
  });

  test("an error ends the iteration after the buffered lines", async () => {
    const input = fakeInput();
    const rl = readline.createInterface({ input });
    const iterator = rl[Symbol.asyncIterator]();
    input.emit("data", "x\n");
    input.emit("error", new Error("E"));
    expect(await iterator.next()).toEqual({ value: "x", done: false });
    await expect(iterator.next()).rejects.toThrow("E");
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  test("more than 1024 unread lines pause the input until they are read", async () => {
    const input = fakeInput();
    const rl = readline.createInterface({ input });
    const iterator = rl[Symbol.asyncIterator]();
    input.emit("data", Array.from({ length: 1030 }, (_, i) => `l${i}`).join("\n") + "\n");
    expect(input.calls).toEqual(["resume", "pause"]);
    expect(rl.paused).toBe(true);
    for (let i = 0; i < 1030; i++) expect((await iterator.next()).value).toBe(`l${i}`);
    expect(input.calls).toEqual(["resume", "pause", "resume"]);
    expect(rl.paused).toBe(false);
    rl.close();
  });
});

describe("readline: cursor helpers", () => {
  test("escape sequences written to the stream", () => {
    const out = fakeOutput();
    expect(readline.cursorTo(out, 3)).toBe(true);
    readline.cursorTo(out, 3, 4);
    readline.moveCursor(out, -2, 3);
    readline.moveCursor(out, 2, -3);
    readline.clearLine(out, -1);
    readline.clearLine(out, 1);
    readline.clearLine(out, 0);
    readline.clearScreenDown(out);
    expect(out.written).toEqual(["\x1b[4G", "\x1b[5;4H", "\x1b[2D\x1b[3B", "\x1b[2C\x1b[3A", "\x1b[1K", "\x1b[0K", "\x1b[2K", "\x1b[0J"]);
  });

  test("nothing to do: callbacks still run, on a later tick", async () => {
    const out = fakeOutput();
    const calls: string[] = [];
    expect(readline.moveCursor(out, 0, 0, () => calls.push("move"))).toBe(true);
    expect(readline.cursorTo(null as any, 1, () => calls.push("cursorTo"))).toBe(true);
    expect(readline.clearLine(null as any, 0, () => calls.push("clearLine"))).toBe(true);
    expect(readline.clearScreenDown(undefined as any, () => calls.push("clearScreenDown"))).toBe(true);
    expect(calls).toEqual([]);
    await tick();
    expect(calls).toEqual(["move", "cursorTo", "clearLine", "clearScreenDown"]);
    expect(out.written).toEqual([]);
  });

  test("the callback goes to write()", () => {
    const out = fakeOutput();
    const calls: string[] = [];
    readline.cursorTo(out, 0, () => calls.push("done"));
    readline.clearScreenDown(out, () => calls.push("cleared"));
    expect(calls).toEqual(["done", "cleared"]);
  });

  test("argument errors", () => {
    const out = fakeOutput();
    expect(errorOf(() => readline.cursorTo(out, NaN))).toEqual({
      name: "TypeError",
      code: "ERR_INVALID_ARG_VALUE",
      message: "The argument 'x' is invalid. Received NaN",
    });
    expect(errorOf(() => readline.cursorTo(out, 1, NaN))?.message).toBe("The argument 'y' is invalid. Received NaN");
    expect(errorOf(() => readline.clearLine(out, 0, 5 as any))).toEqual({
      name: "TypeError",
      code: "ERR_INVALID_ARG_TYPE",
      message: 'The "callback" argument must be of type function. Received type number (5)',
    });
    expect(errorOf(() => readline.moveCursor(out, 1, 1, "x" as any))?.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(errorOf(() => readline.cursorTo(out, undefined as any, 2))?.code).toBe("ERR_INVALID_CURSOR_POS");
    expect(out.written).toEqual([]);
  });
});

describe("readline: emitKeypressEvents", () => {
  function keys(chunks: string[]) {
    const input = new EventEmitter();
    const events: any[] = [];
    readline.emitKeypressEvents(input as any);
    input.on("keypress", (s, key) => events.push([s, key]));
    for (const chunk of chunks) input.emit("data", chunk);
    return events;
  }
  const plain = (sequence: string, name: string | undefined, mods: Partial<Record<"ctrl" | "meta" | "shift", boolean>> = {}) => ({
    sequence,
    name,
    ctrl: false,
    meta: false,
    shift: false,
    ...mods,
  });

  test("letters, digits, space and other characters", () => {
    expect(keys(["aZ5 !é"])).toEqual([
      ["a", plain("a", "a")],
      ["Z", plain("Z", "z", { shift: true })],
      ["5", plain("5", "5")],
      [" ", plain(" ", "space")],
      ["!", plain("!", undefined)],
      ["é", plain("é", undefined)],
    ]);
  });

  test("control keys", () => {
    expect(keys(["\r\n\t\x7f\b\x03\x01"]).map(([s, k]) => [s, k.name, k.ctrl])).toEqual([
      ["\r", "return", false],
      ["\n", "enter", false],
      ["\t", "tab", false],
      ["\x7f", "backspace", false],
      ["\b", "backspace", false],
      ["\x03", "c", true],
      ["\x01", "a", true],
    ]);
  });

  test("escape sequences have no string and carry their code", () => {
    expect(keys(["\x1b[A"])).toEqual([[undefined, { ...plain("\x1b[A", "up"), code: "[A" }]]);
    expect(keys(["\x1b[B\x1b[C\x1bOD\x1b[H\x1b[4~\x1b[3~\x1b[5~\x1bOP\x1b[24~\x1b[Z"]).map(([, k]) => k.name)).toEqual([
      "down",
      "right",
      "left",
      "home",
      "end",
      "delete",
      "pageup",
      "f1",
      "f12",
      "tab",
    ]);
  });

  test("modifiers", () => {
    const [[, ctrlUp], [, shiftRight], [, altLeft], [, ctrlDelete], [, metaX], [, metaBackspace]] = keys([
      "\x1b[1;5A\x1b[1;2C\x1b[1;3D\x1b[3;5~\x1bx\x1b\x7f",
    ]);
    expect([ctrlUp.name, ctrlUp.ctrl, ctrlUp.code]).toEqual(["up", true, "[A"]);
    expect([shiftRight.name, shiftRight.shift]).toEqual(["right", true]);
    expect([altLeft.name, altLeft.meta]).toEqual(["left", true]);
    expect([ctrlDelete.name, ctrlDelete.ctrl, ctrlDelete.code]).toEqual(["delete", true, "[3~"]);
    expect(metaX).toEqual(plain("\x1bx", "x", { meta: true }));
    expect(metaBackspace).toEqual(plain("\x1b\x7f", "backspace", { meta: true }));
  });

  test("a sequence split across chunks waits for the rest", () => {
    expect(keys(["\x1b[", "1;", "5A", "q"]).map(([s, k]) => [s, k.sequence, k.name, k.ctrl])).toEqual([
      [undefined, "\x1b[1;5A", "up", true],
      ["q", "q", "q", false],
    ]);
  });

  test("a lone ESC becomes Escape after escapeCodeTimeout", async () => {
    const input = new EventEmitter();
    const events: any[] = [];
    readline.emitKeypressEvents(input as any, { escapeCodeTimeout: 10 } as any);
    input.on("keypress", (s, key) => events.push([s, key]));
    input.emit("data", "\x1b");
    expect(events).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(events).toEqual([[undefined, plain("\x1b", "escape", { meta: true })]]);
  });

  test("'data' is only decoded while someone listens to 'keypress'", () => {
    const input = new EventEmitter();
    readline.emitKeypressEvents(input as any);
    readline.emitKeypressEvents(input as any);
    expect(input.listenerCount("data")).toBe(0);
    const seen: string[] = [];
    const listener = (s: string) => seen.push(s);
    input.on("keypress", listener);
    expect(input.listenerCount("data")).toBe(1);
    input.emit("data", "a");
    input.off("keypress", listener);
    input.emit("data", "b");
    expect(input.listenerCount("data")).toBe(0);
    input.on("keypress", listener);
    input.emit("data", "c");
    expect(seen).toEqual(["a", "c"]);
  });
});

describe("readline: terminal mode", () => {
  test("raw mode on creation and off on close", () => {
    const { input, output } = fakeTerminal();
    const rl = readline.createInterface({ input, output });
    expect(rl.terminal).toBe(true);
    expect(rl.cursor).toBe(0);
    expect(input.calls).toEqual(["raw:true", "resume"]);
    rl.close();
    expect(input.calls).toEqual(["raw:true", "resume", "pause", "raw:false"]);
    expect(input.listenerCount("keypress")).toBe(0);
  });

  test("typing echoes; return emits 'history' then 'line'", () => {
    const { input, output } = fakeTerminal();
    const rl = readline.createInterface({ input, output, prompt: "$ " });
    const events: string[] = [];
    rl.on("history", (h) => events.push(`history:${h.join(",")}`));
    rl.on("line", (l) => events.push(`line:${l}`));
    rl.prompt();
    expect(output.written).toEqual(["\x1b[1G", "\x1b[0J", "$ ", "\x1b[3G"]);
    output.written.length = 0;
    type(input, "hi\r");
    expect(output.written).toEqual(["h", "i", "\r\n"]);
    expect(events).toEqual(["history:hi", "line:hi"]);
    expect([rl.line, rl.cursor]).toEqual(["", 0]);
  });

  test("\\r\\n is one line; \\n alone is one too", () => {
    const { input, output } = fakeTerminal();
    const rl = readline.createInterface({ input, output });
    const lines: string[] = [];
    rl.on("line", (l) => lines.push(l));
    input.emit("data", "a\r\n");
    input.emit("data", "b\n");
    expect(lines).toEqual(["a", "b"]);
  });

  test("editing in the middle redraws the line", () => {
    const { input, output } = fakeTerminal();
    const rl = readline.createInterface({ input, output, prompt: "$ " });
    type(input, "abc\x1b[D");
    expect(output.written.slice(-1)).toEqual(["\x1b[1D"]);
    expect([rl.cursor, rl.getCursorPos()]).toEqual([2, { cols: 4, rows: 0 }]);
    output.written.length = 0;
    type(input, "X");
    expect(rl.line).toBe("abXc");
    expect(output.written).toEqual(["\x1b[1G", "\x1b[0J", "$ abXc", "\x1b[6G"]);
  });

  test("editing keys", () => {
    const { input, output } = fakeTerminal();
    const rl = readline.createInterface({ input, output });
    const state = (keys: string) => {
      type(input, keys);
      return [rl.line, rl.cursor];
    };
    expect(state("hello world")).toEqual(["hello world", 11]);
    expect(state("\x7f")).toEqual(["hello worl", 10]); // backspace
    expect(state("\x01")).toEqual(["hello worl", 0]); // ctrl+a
    expect(state("\x1b[3~")).toEqual(["ello worl", 0]); // delete
    expect(state("\x05")).toEqual(["ello worl", 9]); // ctrl+e
    expect(state("\x17")).toEqual(["ello ", 5]); // ctrl+w
    expect(state("\x1bb")).toEqual(["ello ", 0]); // meta+b
    expect(state("\x1bf")).toEqual(["ello ", 5]); // meta+f
    expect(state("there\x1b[1;5D")).toEqual(["ello there", 5]); // ctrl+left
    expect(state("\x0b")).toEqual(["ello ", 5]); // ctrl+k
    expect(state("\x02\x02")).toEqual(["ello ", 3]); // ctrl+b
    expect(state("\x15")).toEqual(["o ", 0]); // ctrl+u
    expect(state("\x1b[H\x1b[F")).toEqual(["o ", 2]); // home, end
    expect(state("\x1bOH\x04")).toEqual([" ", 0]); // ctrl+d deletes right
  });

  test("undo, redo and yank", () => {
    const { input, output } = fakeTerminal();
    const rl = readline.createInterface({ input, output });
    const state = (keys: string) => {
      type(input, keys);
      return [rl.line, rl.cursor];
    };
    expect(state("ab")).toEqual(["ab", 2]);
    expect(state("\x1f")).toEqual(["a", 1]); // ctrl+- undoes
    expect(state("\x1e")).toEqual(["ab", 2]); // ctrl+^ redoes
    expect(state("\x15")).toEqual(["", 0]); // ctrl+u kills
    expect(state("xy\x19")).toEqual(["xyab", 4]); // ctrl+y yanks
    expect(state("\x15\x15one\x15")).toEqual(["", 0]);
    expect(state("\x19")).toEqual(["one", 3]);
    expect(state("\x1by")).toEqual(["xyab", 4]); // meta+y cycles the kill ring
  });

  test("history: up and down, with prefix search", () => {
    const { input, output } = fakeTerminal();
    const rl = readline.createInterface({ input, output, history: ["old"] });
    type(input, "first\rsecond\rfoo\r");
    expect(rl.history).toEqual(["foo", "second", "first", "old"]);
    const up = () => (type(input, "\x1b[A"), rl.line);
    const down = () => (type(input, "\x1b[B"), rl.line);
    expect([up(), up(), up(), up(), up()]).toEqual(["foo", "second", "first", "old", ""]);
    expect([down(), down()]).toEqual(["old", "first"]);
  });

  test("history: Up searches for the text before the cursor", () => {
    const { input, output } = fakeTerminal();
    const rl = readline.createInterface({ input, output, history: ["foo", "second", "first", "old"] });
    const up = () => (type(input, "\x1b[A"), rl.line);
    const down = () => (type(input, "\x1b[B"), rl.line);
    type(input, "f");
    expect([up(), up(), up(), down(), down(), down()]).toEqual(["foo", "first", "f", "first", "foo", "f"]);
  });

  test("history: size limit, duplicates and blank lines", () => {
    const { input, output } = fakeTerminal();
    const rl = readline.createInterface({ input, output, historySize: 2 });
    type(input, "a\rb\rc\r");
    expect(rl.history).toEqual(["c", "b"]);
    type(input, "c\r  \r");
    expect(rl.history).toEqual(["c", "b"]);

    const dedup = readline.createInterface({ ...fakeTerminal(), removeHistoryDuplicates: true } as any);
    type(dedup.input, "a\rb\ra\r");
    expect(dedup.history).toEqual(["a", "b"]);

    const none = readline.createInterface({ ...fakeTerminal(), historySize: 0 } as any);
    type(none.input, "a\r");
    expect(none.history).toEqual([]);
  });

  test("a 'history' listener can change what is remembered", () => {
    const { input, output } = fakeTerminal();
    const rl = readline.createInterface({ input, output });
    const lines: string[] = [];
    rl.on("history", (history) => {
      history[0] = "*****";
    });
    rl.on("line", (l) => lines.push(l));
    type(input, "secret\r");
    expect(rl.history).toEqual(["*****"]);
    expect(lines).toEqual(["secret"]);
  });

  test("ctrl+c emits SIGINT when listened to, otherwise closes", () => {
    const { input, output } = fakeTerminal();
    const rl = readline.createInterface({ input, output });
    let sigints = 0;
    rl.on("SIGINT", () => sigints++);
    type(input, "abc\x03");
    expect(sigints).toBe(1);
    expect(rl.closed).toBeFalsy();
    expect(rl.line).toBe("abc");

    const other = readline.createInterface(fakeTerminal());
    let closed = false;
    other.on("close", () => (closed = true));
    type(other.input, "\x03");
    expect(closed).toBe(true);
  });

  test("ctrl+d closes on an empty line only", () => {
    const { input, output } = fakeTerminal();
    const rl = readline.createInterface({ input, output });
    type(input, "x\x04");
    expect(rl.closed).toBeFalsy();
    type(input, "\x7f\x04");
    expect(rl.closed).toBe(true);
  });

  test("'end' emits the unfinished line and closes", () => {
    const { input, output } = fakeTerminal();
    const rl = readline.createInterface({ input, output });
    const events: string[] = [];
    rl.on("line", (l) => events.push(`line:${l}`));
    rl.on("close", () => events.push("close"));
    type(input, "partial");
    input.emit("end");
    expect(events).toEqual(["line:partial", "close"]);
  });

  test("write(data) types text; write(null, key) presses a key", () => {
    const { input, output } = fakeTerminal();
    const rl = readline.createInterface({ input, output });
    const lines: string[] = [];
    rl.on("line", (l) => lines.push(l));
    rl.write("one\ntwo");
    expect(lines).toEqual(["one"]);
    expect(rl.line).toBe("two");
    rl.write(null, { ctrl: true, name: "u" });
    expect(rl.line).toBe("");
  });

  test("a long line wraps at output.columns", () => {
    const { input, output } = fakeTerminal(10);
    const rl = readline.createInterface({ input, output, prompt: "> " });
    type(input, "abcdefg");
    output.written.length = 0;
    type(input, "h");
    expect(output.written).toEqual(["\x1b[1G", "\x1b[0J", "> abcdefgh", " ", "\x1b[1G"]);
    expect(rl.getCursorPos()).toEqual({ cols: 0, rows: 1 });
    type(input, "日本");
    expect(rl.getCursorPos()).toEqual({ cols: 4, rows: 1 });
  });
});

describe("readline: tab completion", () => {
  const words = ["apple", "apricot", "avocado", "banana"];
  const completer = (line: string) => {
    const hits = words.filter((w) => w.startsWith(line));
    return [hits.length ? hits : words, line];
  };

  test("completes the common prefix, lists candidates on a second Tab", () => {
    const { input, output } = fakeTerminal(30);
    const rl = readline.createInterface({ input, output, completer, prompt: "> " });
    type(input, "b\t");
    expect(rl.line).toBe("banana");
    type(input, "\x15ap\t");
    expect(rl.line).toBe("ap");
    output.written.length = 0;
    type(input, "\t");
    expect(output.written).toEqual(["\r\napple    apricot\r\n\r\n", "\x1b[1G", "\x1b[0J", "> ap", "\x1b[5G"]);
    type(input, "\x15\t\t");
    expect(output.written.slice(-5)[0]).toBe("\r\napple    apricot  avocado\r\nbanana\r\n\r\n");
  });

  test("a callback completer, and its errors", () => {
    const { input, output } = fakeTerminal();
    const rl = readline.createInterface({
      input,
      output,
      completer: (line: string, cb: (err: Error | null, result?: [string[], string]) => void) => {
        if (line === "bad") cb(new Error("no completions"));
        else cb(null, [["hello", "help"], line]);
      },
    });
    type(input, "he\t");
    expect(rl.line).toBe("hel");
    type(input, "\x15bad\t");
    expect(output.written.at(-1)).toStartWith("Tab completion error: Error: no completions");
  });

  test("a pasted Tab is text", () => {
    const { input, output } = fakeTerminal();
    const rl = readline.createInterface({ input, output, completer });
    input.emit("data", "a\tb");
    expect(rl.line).toBe("a\tb");
  });

  test("readline/promises accepts an async completer", async () => {
    const { input, output } = fakeTerminal();
    const rl = readlinePromises.createInterface({ input, output, completer: async (line: string) => [["abc", "abd"], line] });
    type(input, "a\t");
    expect(rl.line).toBe("a");
    await tick();
    expect(rl.line).toBe("ab");
  });
});

describe("readline/promises", () => {
  test("question() resolves with the answer", async () => {
    const input = fakeInput();
    const output = fakeOutput();
    const rl = readlinePromises.createInterface({ input, output });
    const answer = rl.question("name? ");
    expect(output.written).toEqual(["name? "]);
    input.emit("data", "Grace\n");
    expect(await answer).toBe("Grace");
  });

  test("aborting rejects with an AbortError and cancels the question", async () => {
    const input = fakeInput();
    const rl = readlinePromises.createInterface({ input, output: fakeOutput() });
    const lines: string[] = [];
    rl.on("line", (l) => lines.push(l));
    const ac = new AbortController();
    const pending = rl.question("q? ", { signal: ac.signal });
    ac.abort("why");
    const err = await pending.catch((e) => e);
    expect([err.name, err.code, err.message, err.cause]).toEqual(["AbortError", "ABORT_ERR", "The operation was aborted", "why"]);
    input.emit("data", "after\n");
    expect(lines).toEqual(["after"]);
    const early = await rl.question("q? ", { signal: AbortSignal.abort("early") }).catch((e) => e);
    expect([early.name, early.cause]).toEqual(["AbortError", "early"]);
  });

  test("question() after close rejects with ERR_USE_AFTER_CLOSE", async () => {
    const rl = readlinePromises.createInterface({ input: fakeInput() });
    rl.close();
    const err = await rl.question("q? ").catch((e) => e);
    expect([err.code, err.message]).toEqual(["ERR_USE_AFTER_CLOSE", "readline was closed"]);
  });

  test("Readline queues actions and commit() writes them at once", async () => {
    const out = fakeOutput({ writable: true });
    const rl = new Readline(out);
    expect(rl.cursorTo(1)).toBe(rl);
    rl.cursorTo(1, 2).moveCursor(1, -1).moveCursor(0, 0).clearLine(-1).clearLine(0).clearLine(1).clearScreenDown();
    expect(out.written).toEqual([]);
    const committed = rl.commit();
    expect(committed).toBeInstanceOf(Promise);
    await committed;
    expect(out.written).toEqual(["\x1b[2G\x1b[3;2H\x1b[1C\x1b[1A\x1b[1K\x1b[2K\x1b[0K\x1b[0J"]);
    rl.cursorTo(5).rollback();
    await rl.commit();
    expect(out.written.at(-1)).toBe("");
  });

  test("Readline with autoCommit writes each action on the next tick", async () => {
    const out = fakeOutput({ writable: true });
    const rl = new Readline(out, { autoCommit: true });
    rl.cursorTo(2).moveCursor(1, 1);
    expect(out.written).toEqual([]);
    await tick();
    expect(out.written).toEqual(["\x1b[3G", "\x1b[1C\x1b[1B"]);
  });

  test("Readline argument errors", () => {
    const out = fakeOutput({ writable: true });
    const rl = new Readline(out);
    expect(errorOf(() => new Readline({} as any))?.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(errorOf(() => new Readline(out, { autoCommit: 1 as any }))).toEqual({
      name: "TypeError",
      code: "ERR_INVALID_ARG_TYPE",
      message: 'The "options.autoCommit" property must be of type boolean. Received type number (1)',
    });
    expect(errorOf(() => rl.cursorTo("a" as any))?.message).toBe(`The "x" argument must be of type number. Received type string ('a')`);
    expect(errorOf(() => rl.moveCursor(1, undefined as any))?.message).toBe('The "dy" argument must be of type number. Received undefined');
    expect(errorOf(() => rl.clearLine(5 as any))).toEqual({
      name: "RangeError",
      code: "ERR_OUT_OF_RANGE",
      message: 'The value of "dir" is out of range. It must be >= -1 && <= 1. Received 5',
    });
  });
});
