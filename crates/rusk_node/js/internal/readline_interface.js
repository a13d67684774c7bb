// rusk:internal/readline_interface — the Interface behind node:readline and
// node:readline/promises (each module subclasses it and adds its own question()).
//
// Input is any EventEmitter that emits 'data' (strings or bytes) and 'end'; its pause(),
// resume() and setRawMode() are called when it has them. Output is anything with write().
//
// Without a terminal, 'data' is split into lines on \n, \r\n and \r (a \r\n split across
// chunks counts once if the \n comes within crlfDelay ms). With one, the input's keypresses
// (see emitKeypressEvents) drive a line editor that redraws the line with ANSI sequences.
import { EventEmitter, on } from "node:events";
import { StringDecoder } from "node:string_decoder";
import {
  ERR_INVALID_ARG_VALUE,
  nodeError,
  validateAbortSignal,
  validateArray,
  validateNumber,
  validateString,
  validateUint32,
} from "rusk:internal/errors";
import { getStringWidth, stripVTControlCharacters } from "rusk:internal/inspect";
import {
  charLengthAt,
  charLengthLeft,
  clearScreenDown,
  commonPrefix,
  cursorTo,
  emitKeypressEvents,
  kSawKeyPress,
  moveCursor,
  nextTick,
} from "rusk:internal/readline_utils";

export { kSawKeyPress };

export const kQuestion = Symbol("_question");
export const kQuestionCancel = Symbol("_questionCancel");
export const kQuestionCallback = Symbol("_questionCallback");
export const kOldPrompt = Symbol("_oldPrompt");
export const kPrompt = Symbol("_prompt");
export const kDecoder = Symbol("_decoder");
export const kLineBuffer = Symbol("_line_buffer");
export const kPreviousKey = Symbol("_previousKey");
export const kSawReturnAt = Symbol("_sawReturnAt");
export const kSetRawMode = Symbol("_setRawMode");
export const kOnLine = Symbol("_onLine");
export const kWriteToOutput = Symbol("_writeToOutput");
export const kAddHistory = Symbol("_addHistory");
export const kRefreshLine = Symbol("_refreshLine");
export const kNormalWrite = Symbol("_normalWrite");
export const kInsertString = Symbol("_insertString");
export const kTabComplete = Symbol("_tabComplete");
export const kTabCompleter = Symbol("_tabCompleter");
export const kWordLeft = Symbol("_wordLeft");
export const kWordRight = Symbol("_wordRight");
export const kDeleteLeft = Symbol("_deleteLeft");
export const kDeleteRight = Symbol("_deleteRight");
export const kDeleteWordLeft = Symbol("_deleteWordLeft");
export const kDeleteWordRight = Symbol("_deleteWordRight");
export const kDeleteLineLeft = Symbol("_deleteLineLeft");
export const kDeleteLineRight = Symbol("_deleteLineRight");
export const kLine = Symbol("_line");
export const kHistoryNext = Symbol("_historyNext");
export const kHistoryPrev = Symbol("_historyPrev");
export const kGetDisplayPos = Symbol("_getDisplayPos");
export const kMoveCursor = Symbol("_moveCursor");
export const kTtyWrite = Symbol("_ttyWrite");
const kSubstringSearch = Symbol("_substringSearch");
const kUndoStack = Symbol("_undoStack");
const kRedoStack = Symbol("_redoStack");
const kKillRing = Symbol("_killRing");
const kKillRingCursor = Symbol("_killRingCursor");
const kYanking = Symbol("_yanking");
const kLineIterator = Symbol("_lineIterator");
const kPushToKillRing = Symbol("_pushToKillRing");
const kYank = Symbol("_yank");
const kYankPop = Symbol("_yankPop");
const kPushToUndoStack = Symbol("_pushToUndoStack");
const kBeforeEdit = Symbol("_beforeEdit");
const kUndo = Symbol("_undo");
const kRedo = Symbol("_redo");
const kCtrlKey = Symbol("_ctrlKey");
const kPlainKey = Symbol("_plainKey");
const kSuspend = Symbol("_suspend");

const kHistorySize = 30;
const kMincrlfDelay = 100;
const kMaxUndoRedoStackSize = 2048;
const kMaxLengthOfKillRing = 32;
const ESCAPE_CODE_TIMEOUT = 500;
const lineEnding = /\r?\n|\r(?!\n)/g;

const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

export function useAfterClose() {
  return nodeError(Error, "ERR_USE_AFTER_CLOSE", "readline was closed");
}

/** Sets up `self` (already an EventEmitter) as an Interface; Node's argument handling. */
export function initInterface(self, input, output, completer, terminal) {
  self.isCompletionEnabled = true;
  self[kSawKeyPress] = false;
  self[kPreviousKey] = null;
  self.escapeCodeTimeout = ESCAPE_CODE_TIMEOUT;
  self.tabSize = 8;

  let history;
  let historySize;
  let removeHistoryDuplicates = false;
  let crlfDelay;
  let prompt = "> ";
  let signal;
  if (input?.input) {
    // createInterface({ input, output, ... })
    const options = input;
    output = options.output;
    completer = options.completer;
    terminal = options.terminal;
    signal = options.signal;
    history = options.history;
    historySize = options.historySize;
    removeHistoryDuplicates = options.removeHistoryDuplicates;
    crlfDelay = options.crlfDelay;
    if (options.tabSize !== undefined) {
      validateUint32(options.tabSize, "tabSize", true);
      self.tabSize = options.tabSize;
    }
    if (options.prompt !== undefined) prompt = options.prompt;
    if (options.escapeCodeTimeout !== undefined) {
      if (!Number.isFinite(options.escapeCodeTimeout)) throw ERR_INVALID_ARG_VALUE("input.escapeCodeTimeout", options.escapeCodeTimeout);
      self.escapeCodeTimeout = options.escapeCodeTimeout;
    }
    if (signal) validateAbortSignal(signal, "options.signal");
    input = options.input;
  }
  if (completer !== undefined && typeof completer !== "function") throw ERR_INVALID_ARG_VALUE("completer", completer);
  if (history === undefined) history = [];
  else validateArray(history, "history");
  if (historySize === undefined) historySize = kHistorySize;
  validateNumber(historySize, "historySize", 0);
  if (terminal === undefined && output != null) terminal = Boolean(output.isTTY);

  self.line = "";
  self[kSubstringSearch] = null;
  self.output = output;
  self.input = input;
  self[kUndoStack] = [];
  self[kRedoStack] = [];
  self.history = history;
  self.historySize = historySize;
  self[kKillRing] = [];
  self[kKillRingCursor] = 0;
  self[kYanking] = false;
  self.removeHistoryDuplicates = Boolean(removeHistoryDuplicates);
  self.crlfDelay = crlfDelay ? Math.max(kMincrlfDelay, crlfDelay) : kMincrlfDelay;
  self.completer = completer;
  self.setPrompt(prompt);
  self.terminal = Boolean(terminal);
  self[kLineBuffer] = null;
  self[kSawReturnAt] = 0;
  self[kQuestionCallback] = null;

  const onerror = (err) => self.emit("error", err);

  if (self.terminal) {
    const onkeypress = (s, key) => self[kTtyWrite](s, key);
    const ontermend = () => {
      if (typeof self.line === "string" && self.line.length > 0) self.emit("line", self.line);
      self.close();
    };
    const onresize = () => self[kRefreshLine]();
    emitKeypressEvents(input, self);
    input.on("keypress", onkeypress);
    input.on("end", ontermend);
    self[kSetRawMode](true);
    self.cursor = 0;
    self.historyIndex = -1;
    const watchResize = typeof output?.on === "function";
    if (watchResize) output.on("resize", onresize);
    self.once("close", () => {
      input.removeListener("keypress", onkeypress);
      input.removeListener("end", ontermend);
      input.removeListener("error", onerror);
      if (watchResize) output.removeListener("resize", onresize);
    });
  } else {
    const ondata = (data) => self[kNormalWrite](data);
    const onend = () => {
      // The last line needs no line ending.
      if (typeof self[kLineBuffer] === "string" && self[kLineBuffer].length > 0) self.emit("line", self[kLineBuffer]);
      self.close();
    };
    input.on("data", ondata);
    input.on("end", onend);
    self.once("close", () => {
      input.removeListener("data", ondata);
      input.removeListener("end", onend);
      input.removeListener("error", onerror);
    });
    self[kDecoder] = new StringDecoder("utf8");
  }
  input.on("error", onerror);

  if (signal) {
    const onAborted = () => self.close();
    if (signal.aborted) {
      nextTick(onAborted);
    } else {
      signal.addEventListener("abort", onAborted, { once: true });
      self.once("close", () => signal.removeEventListener("abort", onAborted));
    }
  }

  if (typeof input.resume === "function") input.resume();
}

export class InterfaceConstructor extends EventEmitter {
  constructor(input, output, completer, terminal) {
    super();
    initInterface(this, input, output, completer, terminal);
  }

  get columns() {
    if (this.output && this.output.columns) return this.output.columns;
    return Infinity;
  }

  setPrompt(prompt) {
    this[kPrompt] = prompt;
  }

  getPrompt() {
    return this[kPrompt];
  }

  [kSetRawMode](mode) {
    const wasInRawMode = this.input.isRaw;
    if (typeof this.input.setRawMode === "function") this.input.setRawMode(mode);
    return wasInRawMode;
  }

  prompt(preserveCursor) {
    if (this.paused) this.resume();
    if (this.terminal && globalThis.process?.env?.TERM !== "dumb") {
      if (!preserveCursor) this.cursor = 0;
      this[kRefreshLine]();
    } else {
      this[kWriteToOutput](this[kPrompt]);
    }
  }

  [kQuestion](query, cb) {
    if (this.closed) throw useAfterClose();
    if (this[kQuestionCallback]) {
      // One question at a time: a second one only re-prompts.
      this.prompt();
    } else {
      this[kOldPrompt] = this[kPrompt];
      this.setPrompt(query);
      this[kQuestionCallback] = cb;
      this.prompt();
    }
  }

  [kOnLine](line) {
    if (this[kQuestionCallback]) {
      const cb = this[kQuestionCallback];
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      cb(line);
    } else {
      this.emit("line", line);
    }
  }

  [kQuestionCancel]() {
    if (this[kQuestionCallback]) {
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      this.clearLine();
    }
  }

  [kWriteToOutput](stringToWrite) {
    validateString(stringToWrite, "stringToWrite");
    if (this.output != null) this.output.write(stringToWrite);
  }

  [kAddHistory]() {
    if (this.line.length === 0) return "";
    if (this.historySize === 0) return this.line;
    // Blank lines are answered but not remembered.
    if (this.line.trim().length === 0) return this.line;
    if (this.history.length === 0 || this.history[0] !== this.line) {
      if (this.removeHistoryDuplicates) {
        const dupIndex = this.history.indexOf(this.line);
        if (dupIndex !== -1) this.history.splice(dupIndex, 1);
      }
      this.history.unshift(this.line);
      if (this.history.length > this.historySize) this.history.pop();
    }
    this.historyIndex = -1;
    // A 'history' listener may edit the history (drop a password, say): the line comes back
    // from there.
    const line = this.history[0];
    this.emit("history", this.history);
    return line;
  }

  [kRefreshLine]() {
    const line = this[kPrompt] + this.line;
    const { cols: lineCols, rows: lineRows } = this[kGetDisplayPos](line);
    const cursorPos = this.getCursorPos();

    // From the cursor's row back to the prompt's, then erase everything below.
    const prevRows = this.prevRows || 0;
    if (prevRows > 0) moveCursor(this.output, 0, -prevRows);
    cursorTo(this.output, 0);
    clearScreenDown(this.output);
    this[kWriteToOutput](line);
    // A line that exactly fills its last row leaves the cursor past the edge: make the
    // terminal start the next row.
    if (lineCols === 0) this[kWriteToOutput](" ");
    cursorTo(this.output, cursorPos.cols);
    const diff = lineRows - cursorPos.rows;
    if (diff > 0) moveCursor(this.output, 0, -diff);
    this.prevRows = cursorPos.rows;
  }

  close() {
    if (this.closed) return;
    this.pause();
    if (this.terminal) this[kSetRawMode](false);
    this.closed = true;
    this.emit("close");
  }

  pause() {
    if (this.paused) return;
    if (typeof this.input.pause === "function") this.input.pause();
    this.paused = true;
    this.emit("pause");
    return this;
  }

  resume() {
    if (!this.paused) return;
    if (typeof this.input.resume === "function") this.input.resume();
    this.paused = false;
    this.emit("resume");
    return this;
  }

  write(d, key) {
    if (this.paused) this.resume();
    if (this.terminal) this[kTtyWrite](d, key);
    else this[kNormalWrite](d);
  }

  [kNormalWrite](b) {
    if (b === undefined) return;
    let string = this[kDecoder].write(b);
    if (this[kSawReturnAt] && Date.now() - this[kSawReturnAt] <= this.crlfDelay) {
      // The \n of a \r\n whose \r ended the previous chunk.
      if (string.codePointAt(0) === 10) string = string.slice(1);
      this[kSawReturnAt] = 0;
    }
    lineEnding.lastIndex = 0;
    if (!lineEnding.test(string)) {
      if (string) this[kLineBuffer] = this[kLineBuffer] ? this[kLineBuffer] + string : string;
      return;
    }
    if (this[kLineBuffer]) {
      string = this[kLineBuffer] + string;
      this[kLineBuffer] = null;
    }
    this[kSawReturnAt] = string.endsWith("\r") ? Date.now() : 0;
    // Split first, then emit: a 'line' listener may write() again.
    const lines = [];
    let start = 0;
    let match;
    lineEnding.lastIndex = 0;
    while ((match = lineEnding.exec(string)) !== null) {
      lines.push(string.slice(start, match.index));
      start = lineEnding.lastIndex;
    }
    this[kLineBuffer] = string.slice(start);
    for (const line of lines) this[kOnLine](line);
  }

  [kInsertString](c) {
    this[kBeforeEdit](this.line, this.cursor);
    if (this.cursor < this.line.length) {
      const beg = this.line.slice(0, this.cursor);
      const end = this.line.slice(this.cursor);
      this.line = beg + c + end;
      this.cursor += c.length;
      this[kRefreshLine]();
    } else {
      const oldPos = this.getCursorPos();
      this.line += c;
      this.cursor += c.length;
      const newPos = this.getCursorPos();
      // Typing at the end only needs the text written, unless it wraps to a new row.
      if (oldPos.rows < newPos.rows) this[kRefreshLine]();
      else this[kWriteToOutput](c);
    }
  }

  /** The promise-friendly completion (node:readline/promises): `completer(line)` may be async. */
  async [kTabComplete](lastKeypressWasTab) {
    this.pause();
    const string = this.line.slice(0, this.cursor);
    let value;
    try {
      value = await this.completer(string);
    } catch (err) {
      this[kWriteToOutput](`Tab completion error: ${inspectError(err)}`);
      return;
    } finally {
      this.resume();
    }
    this[kTabCompleter](lastKeypressWasTab, value);
  }

  [kTabCompleter](lastKeypressWasTab, value) {
    const completions = value?.[0];
    const completeOn = value?.[1];
    if (!completions || completions.length === 0) return;

    // Complete as far as all candidates agree.
    const prefix = commonPrefix(completions.filter((e) => e !== ""));
    if (prefix.startsWith(completeOn) && prefix.length > completeOn.length) {
      this[kInsertString](prefix.slice(completeOn.length));
      return;
    }
    if (!completeOn.startsWith(prefix)) {
      this.line = this.line.slice(0, this.cursor - completeOn.length) + prefix + this.line.slice(this.cursor);
      this.cursor = this.cursor - completeOn.length + prefix.length;
      this[kRefreshLine]();
      return;
    }
    // Nothing more to complete: a second Tab lists the candidates in columns ('' starts a
    // new group).
    if (!lastKeypressWasTab) return;
    this[kBeforeEdit](this.line, this.cursor);
    const widths = completions.map((e) => getStringWidth(e));
    const width = Math.max(...widths) + 2;
    let maxColumns = Math.floor(this.columns / width) || 1;
    if (maxColumns === Infinity) maxColumns = 1;
    let output = "\r\n";
    let column = 0;
    let padding = 0;
    for (let i = 0; i < completions.length; i++) {
      const completion = completions[i];
      if (completion === "" || column === maxColumns) {
        output += "\r\n";
        column = 0;
        padding = 0;
      } else {
        output += " ".repeat(padding);
      }
      if (completion !== "") {
        output += completion;
        padding = width - widths[i];
        column++;
      } else {
        output += "\r\n";
      }
    }
    if (column !== 0) output += "\r\n\r\n";
    this[kWriteToOutput](output);
    this[kRefreshLine]();
  }

  [kWordLeft]() {
    if (this.cursor > 0) {
      const leading = reverse(this.line.slice(0, this.cursor));
      const match = /^\s*(?:[^\w\s]+|\w+)?/.exec(leading);
      this[kMoveCursor](-match[0].length);
    }
  }

  [kWordRight]() {
    if (this.cursor < this.line.length) {
      const trailing = this.line.slice(this.cursor);
      const match = /^(?:\s+|[^\w\s]+|\w+)\s*/.exec(trailing);
      this[kMoveCursor](match[0].length);
    }
  }

  [kDeleteLeft]() {
    if (this.cursor > 0 && this.line.length > 0) {
      this[kBeforeEdit](this.line, this.cursor);
      const charSize = charLengthLeft(this.line, this.cursor);
      this.line = this.line.slice(0, this.cursor - charSize) + this.line.slice(this.cursor);
      this.cursor -= charSize;
      this[kRefreshLine]();
    }
  }

  [kDeleteRight]() {
    if (this.cursor < this.line.length) {
      this[kBeforeEdit](this.line, this.cursor);
      const charSize = charLengthAt(this.line, this.cursor);
      this.line = this.line.slice(0, this.cursor) + this.line.slice(this.cursor + charSize);
      this[kRefreshLine]();
    }
  }

  [kDeleteWordLeft]() {
    if (this.cursor > 0) {
      this[kBeforeEdit](this.line, this.cursor);
      const leading = this.line.slice(0, this.cursor);
      const match = /^\s*(?:[^\w\s]+|\w+)?/.exec(reverse(leading));
      const kept = leading.slice(0, leading.length - match[0].length);
      this.line = kept + this.line.slice(this.cursor);
      this.cursor = kept.length;
      this[kRefreshLine]();
    }
  }

  [kDeleteWordRight]() {
    if (this.cursor < this.line.length) {
      this[kBeforeEdit](this.line, this.cursor);
      const trailing = this.line.slice(this.cursor);
      const match = /^(?:\s+|\W+|\w+)\s*/.exec(trailing);
      this.line = this.line.slice(0, this.cursor) + trailing.slice(match[0].length);
      this[kRefreshLine]();
    }
  }

  [kDeleteLineLeft]() {
    this[kBeforeEdit](this.line, this.cursor);
    const deleted = this.line.slice(0, this.cursor);
    this.line = this.line.slice(this.cursor);
    this.cursor = 0;
    this[kPushToKillRing](deleted);
    this[kRefreshLine]();
  }

  [kDeleteLineRight]() {
    this[kBeforeEdit](this.line, this.cursor);
    const deleted = this.line.slice(this.cursor);
    this.line = this.line.slice(0, this.cursor);
    this[kPushToKillRing](deleted);
    this[kRefreshLine]();
  }

  [kPushToKillRing](deleted) {
    if (!deleted || deleted === this[kKillRing][0]) return;
    this[kKillRing].unshift(deleted);
    this[kKillRingCursor] = 0;
    while (this[kKillRing].length > kMaxLengthOfKillRing) this[kKillRing].pop();
  }

  [kYank]() {
    if (this[kKillRing].length > 0) {
      this[kYanking] = true;
      this[kInsertString](this[kKillRing][this[kKillRingCursor]]);
    }
  }

  /** Meta+Y right after a yank: replace the yanked text with the kill ring's next entry. */
  [kYankPop]() {
    if (!this[kYanking] || this[kKillRing].length <= 1) return;
    const ring = this[kKillRing];
    const lastYank = ring[this[kKillRingCursor]];
    this[kKillRingCursor] = (this[kKillRingCursor] + 1) % ring.length;
    const currentYank = ring[this[kKillRingCursor]];
    const head = this.line.slice(0, this.cursor - lastYank.length);
    const tail = this.line.slice(this.cursor);
    this.line = head + currentYank + tail;
    this.cursor = head.length + currentYank.length;
    this[kRefreshLine]();
  }

  clearLine() {
    this[kMoveCursor](+Infinity);
    this[kWriteToOutput]("\r\n");
    this.line = "";
    this.cursor = 0;
    this.prevRows = 0;
  }

  [kLine]() {
    const line = this[kAddHistory]();
    this[kUndoStack] = [];
    this[kRedoStack] = [];
    this.clearLine();
    this[kOnLine](line);
  }

  [kPushToUndoStack](text, cursor) {
    if (this[kUndoStack].push({ text, cursor }) > kMaxUndoRedoStackSize) this[kUndoStack].shift();
  }

  [kBeforeEdit](oldText, oldCursor) {
    this[kPushToUndoStack](oldText, oldCursor);
  }

  [kUndo]() {
    if (this[kUndoStack].length <= 0) return;
    this[kRedoStack].push({ text: this.line, cursor: this.cursor });
    const entry = this[kUndoStack].pop();
    this.line = entry.text;
    this.cursor = entry.cursor;
    this[kRefreshLine]();
  }

  [kRedo]() {
    if (this[kRedoStack].length <= 0) return;
    this[kUndoStack].push({ text: this.line, cursor: this.cursor });
    const entry = this[kRedoStack].pop();
    this.line = entry.text;
    this.cursor = entry.cursor;
    this[kRefreshLine]();
  }

  // History navigation. With text before the cursor when it starts, only entries that begin
  // with that text are visited; past either end the line shows that text again.
  [kHistoryNext]() {
    if (this.historyIndex >= 0) {
      this[kBeforeEdit](this.line, this.cursor);
      const search = this[kSubstringSearch] || "";
      let index = this.historyIndex - 1;
      while (index >= 0 && (!this.history[index].startsWith(search) || this.line === this.history[index])) index--;
      this.line = index === -1 ? search : this.history[index];
      this.historyIndex = index;
      this.cursor = this.line.length;
      this[kRefreshLine]();
    }
  }

  [kHistoryPrev]() {
    if (this.historyIndex < this.history.length && this.history.length) {
      this[kBeforeEdit](this.line, this.cursor);
      const search = this[kSubstringSearch] || "";
      let index = this.historyIndex + 1;
      while (index < this.history.length && (!this.history[index].startsWith(search) || this.line === this.history[index])) index++;
      this.line = index === this.history.length ? search : this.history[index];
      this.historyIndex = index;
      this.cursor = this.line.length;
      this[kRefreshLine]();
    }
  }

  /** Rows and columns `str` takes on the terminal: tabs to tab stops, wide characters 2. */
  [kGetDisplayPos](str) {
    let offset = 0;
    const col = this.columns;
    let rows = 0;
    str = stripVTControlCharacters(str);
    for (const char of str) {
      if (char === "\n") {
        rows += Math.ceil(offset / col) || 1;
        offset = 0;
        continue;
      }
      if (char === "\t") {
        offset += this.tabSize - (offset % this.tabSize);
        continue;
      }
      const width = getStringWidth(char, false);
      if (width === 0 || width === 1) {
        offset += width;
      } else {
        // A wide character does not split across rows: it starts the next one.
        if ((offset + 1) % col === 0) offset++;
        offset += 2;
      }
    }
    const cols = offset % col;
    rows += (offset - cols) / col;
    return { cols, rows };
  }

  getCursorPos() {
    return this[kGetDisplayPos](this[kPrompt] + this.line.slice(0, this.cursor));
  }

  [kMoveCursor](dx) {
    if (dx === 0) return;
    const oldPos = this.getCursorPos();
    this.cursor += dx;
    if (this.cursor < 0) this.cursor = 0;
    else if (this.cursor > this.line.length) this.cursor = this.line.length;
    const newPos = this.getCursorPos();
    if (oldPos.rows === newPos.rows) moveCursor(this.output, newPos.cols - oldPos.cols, 0);
    else this[kRefreshLine]();
  }

  /** One keypress (or, from write(), a string and an optional key) in terminal mode. */
  [kTtyWrite](s, key) {
    const previousKey = this[kPreviousKey];
    key = key || {};
    this[kPreviousKey] = key;
    if (!key.meta || key.name !== "y") this[kYanking] = false;

    // Up/Down without modifiers search the history for what is before the cursor.
    if ((key.name === "up" || key.name === "down") && !key.ctrl && !key.meta && !key.shift) {
      if (this[kSubstringSearch] === null) this[kSubstringSearch] = this.line.slice(0, this.cursor);
    } else if (this[kSubstringSearch] !== null) {
      this[kSubstringSearch] = null;
      if (this.history.length === this.historyIndex) this.historyIndex = -1;
    }

    // Ctrl+- undoes, Ctrl+^ redoes.
    if (typeof key.sequence === "string") {
      const code = key.sequence.codePointAt(0);
      if (code === 0x1f) {
        this[kUndo]();
        return;
      }
      if (code === 0x1e) {
        this[kRedo]();
        return;
      }
    }

    // A lone Escape does nothing.
    if (key.name === "escape") return;

    if (key.ctrl && key.shift) {
      if (key.name === "backspace") this[kDeleteLineLeft]();
      else if (key.name === "delete") this[kDeleteLineRight]();
    } else if (key.ctrl) {
      this[kCtrlKey](key);
    } else if (key.meta) {
      switch (key.name) {
        case "b":
          this[kWordLeft]();
          break;
        case "f":
          this[kWordRight]();
          break;
        case "d":
        case "delete":
          this[kDeleteWordRight]();
          break;
        case "backspace":
          this[kDeleteWordLeft]();
          break;
        case "y":
          this[kYankPop]();
          break;
      }
    } else {
      this[kPlainKey](s, key, previousKey);
    }
  }

  [kCtrlKey](key) {
    switch (key.name) {
      case "c":
        if (this.listenerCount("SIGINT") > 0) this.emit("SIGINT");
        else this.close();
        break;
      case "h":
        this[kDeleteLeft]();
        break;
      case "d":
        // Delete to the right, or end of input on an empty line.
        if (this.cursor === 0 && this.line.length === 0) this.close();
        else if (this.cursor < this.line.length) this[kDeleteRight]();
        break;
      case "u":
        this[kDeleteLineLeft]();
        break;
      case "k":
        this[kDeleteLineRight]();
        break;
      case "a":
        this[kMoveCursor](-Infinity);
        break;
      case "e":
        this[kMoveCursor](+Infinity);
        break;
      case "b":
        this[kMoveCursor](-charLengthLeft(this.line, this.cursor));
        break;
      case "f":
        this[kMoveCursor](+charLengthAt(this.line, this.cursor));
        break;
      case "l":
        cursorTo(this.output, 0, 0);
        clearScreenDown(this.output);
        this[kRefreshLine]();
        break;
      case "n":
        this[kHistoryNext]();
        break;
      case "p":
        this[kHistoryPrev]();
        break;
      case "y":
        this[kYank]();
        break;
      case "z":
        this[kSuspend]();
        break;
      case "w":
      case "backspace":
        this[kDeleteWordLeft]();
        break;
      case "delete":
        this[kDeleteWordRight]();
        break;
      case "left":
        this[kWordLeft]();
        break;
      case "right":
        this[kWordRight]();
        break;
    }
  }

  /** Ctrl+Z: 'SIGTSTP' listeners decide; without any, the process stops itself like a shell job. */
  [kSuspend]() {
    const process = globalThis.process;
    if (process.platform === "win32") return;
    if (this.listenerCount("SIGTSTP") > 0) {
      this.emit("SIGTSTP");
      return;
    }
    process.once("SIGCONT", () => {
      if (!this.paused) {
        this.pause();
        this.emit("SIGCONT");
      }
      this[kSetRawMode](true);
      this[kRefreshLine]();
    });
    this[kSetRawMode](false);
    process.kill(process.pid, "SIGTSTP");
  }

  [kPlainKey](s, key, previousKey) {
    if (this[kSawReturnAt] && key.name !== "enter") this[kSawReturnAt] = 0;
    switch (key.name) {
      case "return":
        this[kSawReturnAt] = Date.now();
        this[kLine]();
        return;
      case "enter":
        // The \n of a \r\n ends no second line.
        if (this[kSawReturnAt] === 0 || Date.now() - this[kSawReturnAt] > this.crlfDelay) this[kLine]();
        this[kSawReturnAt] = 0;
        return;
      case "backspace":
        this[kDeleteLeft]();
        return;
      case "delete":
        this[kDeleteRight]();
        return;
      case "left":
        this[kMoveCursor](-charLengthLeft(this.line, this.cursor));
        return;
      case "right":
        this[kMoveCursor](+charLengthAt(this.line, this.cursor));
        return;
      case "home":
        this[kMoveCursor](-Infinity);
        return;
      case "end":
        this[kMoveCursor](+Infinity);
        return;
      case "up":
        this[kHistoryPrev]();
        return;
      case "down":
        this[kHistoryNext]();
        return;
      case "tab":
        // Completion for a Tab that ends its chunk; a pasted Tab is inserted as text.
        if (typeof this.completer === "function" && this.isCompletionEnabled) {
          this[kTabComplete](previousKey?.name === "tab");
          return;
        }
        break;
    }
    if (typeof s === "string" && s) {
      // Text (from write()) may hold whole lines.
      let start = 0;
      let match;
      lineEnding.lastIndex = 0;
      while ((match = lineEnding.exec(s)) !== null) {
        const end = lineEnding.lastIndex;
        this[kInsertString](s.slice(start, match.index));
        this[kLine]();
        start = end;
        lineEnding.lastIndex = end;
      }
      this[kInsertString](s.slice(start));
    }
  }

  /**
   * `for await (const line of rl)`: the lines from the first call on (earlier ones are not
   * kept), ending at 'close'; an 'error' is thrown. More than 1024 waiting lines pause the
   * input until they are read.
   */
  [Symbol.asyncIterator]() {
    if (this[kLineIterator] === undefined) {
      const events = on(this, "line", { close: ["close"], highWaterMark: 1024 });
      this[kLineIterator] = Object.setPrototypeOf(
        {
          next() {
            return events.next().then((result) => (result.done ? result : { value: result.value[0], done: false }));
          },
          return() {
            return events.return();
          },
          throw(err) {
            return events.throw(err);
          },
          [Symbol.asyncIterator]() {
            return this;
          },
        },
        AsyncIteratorPrototype,
      );
    }
    return this[kLineIterator];
  }
}

function reverse(str) {
  return Array.from(str).reverse().join("");
}

export function inspectError(err) {
  const inspect = globalThis[Symbol.for("rusk.internals")]?.inspect;
  return inspect ? inspect(err) : String(err);
}
