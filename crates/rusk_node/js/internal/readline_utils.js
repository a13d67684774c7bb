// rusk:internal/readline_utils — what node:readline and node:readline/promises share besides
// the Interface: the ANSI cursor/erase sequences, the keypress decoder behind
// emitKeypressEvents(), and string helpers for line editing.
import { StringDecoder } from "node:string_decoder";
import { nodeError, validateFunction } from "rusk:internal/errors";

const ESC = "\x1b";
const CSI = `${ESC}[`;

export const kClearToLineBeginning = `${CSI}1K`;
export const kClearToLineEnd = `${CSI}0K`;
export const kClearLine = `${CSI}2K`;
export const kClearScreenDown = `${CSI}0J`;

export function nextTick(fn, ...args) {
  const tick = globalThis.process?.nextTick;
  if (typeof tick === "function") tick(fn, ...args);
  else queueMicrotask(() => fn(...args));
}

/** The escape sequence that puts the cursor at column `x` (and row `y` when it is a number). */
export function cursorToSequence(x, y) {
  return typeof y === "number" ? `${CSI}${y + 1};${x + 1}H` : `${CSI}${x + 1}G`;
}

/** The escape sequence that moves the cursor by `dx` columns and `dy` rows ('' for none). */
export function moveCursorSequence(dx, dy) {
  let data = "";
  if (dx < 0) data += `${CSI}${-dx}D`;
  else if (dx > 0) data += `${CSI}${dx}C`;
  if (dy < 0) data += `${CSI}${-dy}A`;
  else if (dy > 0) data += `${CSI}${dy}B`;
  return data;
}

export function clearLineSequence(dir) {
  if (dir < 0) return kClearToLineBeginning;
  if (dir > 0) return kClearToLineEnd;
  return kClearLine;
}

/** Nothing to write: the callback still runs, on the next tick, as Node's does. */
function skipWrite(callback) {
  if (typeof callback === "function") nextTick(callback, null);
  return true;
}

export function cursorTo(stream, x, y, callback) {
  if (callback !== undefined) validateFunction(callback, "callback");
  if (typeof y === "function") {
    callback = y;
    y = undefined;
  }
  if (Number.isNaN(x)) throw invalidNaN("x");
  if (Number.isNaN(y)) throw invalidNaN("y");
  if (stream == null || (typeof x !== "number" && typeof y !== "number")) return skipWrite(callback);
  if (typeof x !== "number") throw nodeError(TypeError, "ERR_INVALID_CURSOR_POS", "Cannot set cursor row without setting its column");
  return stream.write(cursorToSequence(x, y), callback);
}

function invalidNaN(name) {
  return nodeError(TypeError, "ERR_INVALID_ARG_VALUE", `The argument '${name}' is invalid. Received NaN`);
}

export function moveCursor(stream, dx, dy, callback) {
  if (callback !== undefined) validateFunction(callback, "callback");
  if (stream == null || !(dx || dy)) return skipWrite(callback);
  return stream.write(moveCursorSequence(dx, dy), callback);
}

export function clearLine(stream, dir, callback) {
  if (callback !== undefined) validateFunction(callback, "callback");
  if (stream == null) return skipWrite(callback);
  return stream.write(clearLineSequence(dir), callback);
}

export function clearScreenDown(stream, callback) {
  if (callback !== undefined) validateFunction(callback, "callback");
  if (stream == null) return skipWrite(callback);
  return stream.write(kClearScreenDown, callback);
}

// ---------------------------------------------------------------- line editing helpers

/** UTF-16 length of the character that ends at `i` (2 for a surrogate pair). */
export function charLengthLeft(str, i) {
  if (i <= 0) return 0;
  if (i > 1 && str.codePointAt(i - 2) > 0xffff) return 2;
  return 1;
}

/** UTF-16 length of the character that starts at `i` (1 past the end, as Node counts). */
export function charLengthAt(str, i) {
  if (str.length <= i) return 1;
  return str.codePointAt(i) > 0xffff ? 2 : 1;
}

/** The longest common prefix of `strings`. */
export function commonPrefix(strings) {
  if (strings.length === 0) return "";
  let prefix = strings[0];
  for (const s of strings) {
    let i = 0;
    while (i < prefix.length && i < s.length && prefix[i] === s[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

// ---------------------------------------------------------------- keypress decoding

/** Set on the Interface given to emitKeypressEvents: whether the last chunk was one character. */
export const kSawKeyPress = Symbol("_sawKeyPress");

const kKeypressDecoder = Symbol("keypress-decoder");
const kEscapeDecoder = Symbol("escape-decoder");
const ESCAPE_CODE_TIMEOUT = 500;

// Key names of the escape codes (the part after ESC), with the modifier some of them imply.
const codeNames = {
  __proto__: null,
  // xterm: ESC O letter and ESC [ letter
  OP: "f1", OQ: "f2", OR: "f3", OS: "f4",
  OA: "up", OB: "down", OC: "right", OD: "left", OE: "clear", OF: "end", OH: "home",
  "[P": "f1", "[Q": "f2", "[R": "f3", "[S": "f4",
  "[A": "up", "[B": "down", "[C": "right", "[D": "left", "[E": "clear", "[F": "end", "[H": "home",
  // xterm/rxvt: ESC [ number ~
  "[11~": "f1", "[12~": "f2", "[13~": "f3", "[14~": "f4", "[15~": "f5",
  "[17~": "f6", "[18~": "f7", "[19~": "f8", "[20~": "f9", "[21~": "f10", "[23~": "f11", "[24~": "f12",
  "[1~": "home", "[2~": "insert", "[3~": "delete", "[4~": "end", "[5~": "pageup", "[6~": "pagedown",
  "[7~": "home", "[8~": "end",
  // Cygwin / libuv function keys, putty page keys
  "[[A": "f1", "[[B": "f2", "[[C": "f3", "[[D": "f4", "[[E": "f5",
  "[[5~": "pageup", "[[6~": "pagedown",
  "[Z": "tab",
  "[200~": "paste-start", "[201~": "paste-end",
};

// rxvt spells shift and ctrl into the code itself.
const shiftCodes = {
  __proto__: null,
  "[a": "up", "[b": "down", "[c": "right", "[d": "left", "[e": "clear",
  "[2$": "insert", "[3$": "delete", "[5$": "pageup", "[6$": "pagedown", "[7$": "home", "[8$": "end",
  "[Z": "tab",
};
const ctrlCodes = {
  __proto__: null,
  Oa: "up", Ob: "down", Oc: "right", Od: "left", Oe: "clear",
  "[2^": "insert", "[3^": "delete", "[5^": "pageup", "[6^": "pagedown", "[7^": "home", "[8^": "end",
};

const isDigit = (ch) => ch >= "0" && ch <= "9";

/**
 * Whether the CSI parameter text `cmd` (what follows `ESC [`) is a whole sequence. Terminals
 * send up to three digits, an optional `;modifier`, then one final character; the decoder
 * reads exactly that many characters and no more.
 */
function csiComplete(cmd) {
  let i = 0;
  if (isDigit(cmd[0])) {
    for (let digits = 1; ; digits++) {
      i = digits;
      if (i >= cmd.length) return false;
      if (digits === 3 || !isDigit(cmd[i])) break;
    }
  }
  if (cmd[i] === ";") {
    i++;
    if (i >= cmd.length) return false;
    if (isDigit(cmd[i])) {
      i++;
      if (i >= cmd.length) return false;
    }
  }
  return true;
}

const csiWithTilde = /^(\d{1,2})(?:;(\d))?([~^$])$/;
const csiWithLetter = /^(?:(?:\d;)?(\d))?([A-Za-z])$/;

/** The key for an escape code: `prefix` is `[`, `[[` or `O`, `cmd` what follows it. */
function escapeCodeKey(sequence, prefix, cmd, ss3Modifier) {
  let code = prefix;
  let modifier = ss3Modifier;
  let m;
  if (prefix === "O") {
    code += cmd;
  } else if ((m = csiWithTilde.exec(cmd))) {
    code += m[1] + m[3];
    modifier = (m[2] || 1) - 1;
  } else if ((m = csiWithLetter.exec(cmd))) {
    code += m[2];
    modifier = (m[1] || 1) - 1;
  } else {
    code += cmd;
  }
  const key = {
    sequence,
    name: undefined,
    ctrl: Boolean(modifier & 4),
    meta: Boolean(modifier & 10),
    shift: Boolean(modifier & 1),
    code,
  };
  if (code in shiftCodes) {
    key.name = shiftCodes[code];
    key.shift = true;
  } else if (code in ctrlCodes) {
    key.name = ctrlCodes[code];
    key.ctrl = true;
  } else {
    // Node names unknown codes with the string "undefined".
    key.name = codeNames[code] ?? "undefined";
  }
  return key;
}

/** The key for one character, after an ESC (`escaped`: the Meta key) or not. */
function charKey(sequence, ch, escaped) {
  const key = { sequence, name: undefined, ctrl: false, meta: false, shift: false };
  const named = { "\r": "return", "\n": "enter", "\t": "tab", "\b": "backspace", "\x7f": "backspace", [ESC]: "escape", " ": "space" }[ch];
  if (named !== undefined) {
    key.name = named;
    key.meta = escaped;
  } else if (!escaped && ch <= "\x1a") {
    // Ctrl+letter: \x01 is Ctrl+A (and \x00 Ctrl+`).
    key.name = String.fromCharCode(ch.charCodeAt(0) + 96);
    key.ctrl = true;
  } else if (/^[0-9A-Za-z]$/.test(ch)) {
    key.name = ch.toLowerCase();
    key.shift = ch !== key.name;
    key.meta = escaped;
  } else if (escaped) {
    // An ESC nothing followed before the timeout is the Escape key itself.
    key.name = ch.length ? undefined : "escape";
    key.meta = true;
  }
  return key;
}

/**
 * Turns characters (fed one code point at a time) into keypress events on `stream`. Escape
 * sequences may arrive split across chunks: the decoder keeps what it has seen until the
 * sequence is complete.
 */
class KeyDecoder {
  constructor(stream) {
    this.stream = stream;
    this.reset();
  }

  reset() {
    this.sequence = "";
    // "" (idle), "esc" (after ESC or ESC ESC), "O" (after ESC O), "O-mod" (after ESC O digit),
    // "[" (after ESC [, maybe a second [), "csi" (reading the parameters)
    this.state = "";
    this.escapes = 0;
    this.prefix = "";
    this.cmd = "";
    this.ss3Modifier = 0;
  }

  /** Whether the decoder sits on a lone ESC (or two), which a timeout turns into Escape. */
  get awaitingEscape() {
    return this.state === "esc";
  }

  feed(ch) {
    this.sequence += ch;
    switch (this.state) {
      case "":
        if (ch === ESC) {
          this.state = "esc";
          this.escapes = 1;
        } else {
          this.emitChar(ch, false);
        }
        return;
      case "esc":
        if (ch === ESC && this.escapes === 1) {
          this.escapes = 2;
        } else if (ch === "[") {
          this.state = "[";
          this.prefix = "[";
        } else if (ch === "O") {
          this.state = "O";
        } else {
          this.emitChar(ch, true);
        }
        return;
      case "O":
        if (isDigit(ch)) {
          this.ss3Modifier = Number(ch) - 1;
          this.state = "O-mod";
        } else {
          this.emitCode("O", ch);
        }
        return;
      case "O-mod":
        this.emitCode("O", ch);
        return;
      case "[":
        if (ch === "[" && this.prefix === "[") {
          this.prefix = "[[";
          return;
        }
        this.state = "csi";
        this.cmd = "";
      // falls through: this character starts the parameters
      case "csi":
        this.cmd += ch;
        if (csiComplete(this.cmd)) this.emitCode(this.prefix, this.cmd);
        return;
    }
  }

  /** The escape timeout passed with a lone ESC pending: it was the Escape key. */
  flushEscape() {
    if (this.awaitingEscape) this.emitChar("", true);
  }

  emitChar(ch, escaped) {
    const sequence = this.sequence;
    this.reset();
    const key = charKey(sequence, ch, escaped);
    if (sequence.length !== 0 && (key.name !== undefined || escaped)) {
      this.stream.emit("keypress", escaped ? undefined : sequence, key);
    } else if (sequence.length === charLengthAt(sequence, 0)) {
      this.stream.emit("keypress", sequence, key);
    }
  }

  emitCode(prefix, cmd) {
    const key = escapeCodeKey(this.sequence, prefix, cmd, this.ss3Modifier);
    this.reset();
    this.stream.emit("keypress", undefined, key);
  }
}

/**
 * Makes `stream` emit 'keypress' events, decoded from its 'data', for as long as it has
 * 'keypress' listeners. `iface` (a readline Interface) supplies escapeCodeTimeout and learns
 * whether a Tab ended its chunk (completion only runs then, not for pasted text).
 */
export function emitKeypressEvents(stream, iface = {}) {
  if (stream[kKeypressDecoder]) return;
  stream[kKeypressDecoder] = new StringDecoder("utf8");
  const decoder = new KeyDecoder(stream);
  stream[kEscapeDecoder] = decoder;
  const { escapeCodeTimeout = ESCAPE_CODE_TIMEOUT } = iface;
  let timeoutId;

  function onData(input) {
    if (stream.listenerCount("keypress") <= 0) {
      // Nobody listens: stop decoding until someone does.
      stream.removeListener("data", onData);
      stream.on("newListener", onNewListener);
      return;
    }
    const string = stream[kKeypressDecoder].write(input);
    if (!string) return;
    clearTimeout(timeoutId);
    iface[kSawKeyPress] = charLengthAt(string, 0) === string.length;
    iface.isCompletionEnabled = false;
    let length = 0;
    for (const character of string) {
      length += character.length;
      const last = length === string.length;
      if (last) iface.isCompletionEnabled = true;
      try {
        decoder.feed(character);
      } catch (err) {
        decoder.reset();
        stream.removeListener("data", onData);
        stream.on("newListener", onNewListener);
        throw err;
      }
      if (last && decoder.awaitingEscape) timeoutId = setTimeout(() => decoder.flushEscape(), escapeCodeTimeout);
    }
  }

  function onNewListener(event) {
    if (event === "keypress") {
      stream.on("data", onData);
      stream.removeListener("newListener", onNewListener);
    }
  }

  if (stream.listenerCount("keypress") > 0) stream.on("data", onData);
  else stream.on("newListener", onNewListener);
}
