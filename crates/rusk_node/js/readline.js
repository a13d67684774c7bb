// node:readline — line-by-line reading of an input stream, the callback API. The Interface
// itself lives in rusk:internal/readline_interface (node:readline/promises shares it); this
// module adds question(query, cb), Node's legacy underscore methods, and the cursor helpers.
import { EventEmitter } from "node:events";
import promises from "node:readline/promises";
import { AbortError, validateAbortSignal } from "rusk:internal/errors";
import {
  InterfaceConstructor,
  initInterface,
  inspectError,
  kAddHistory,
  kDecoder,
  kDeleteLeft,
  kDeleteLineLeft,
  kDeleteLineRight,
  kDeleteRight,
  kDeleteWordLeft,
  kDeleteWordRight,
  kGetDisplayPos,
  kHistoryNext,
  kHistoryPrev,
  kInsertString,
  kLine,
  kLineBuffer,
  kMoveCursor,
  kNormalWrite,
  kOldPrompt,
  kOnLine,
  kPreviousKey,
  kPrompt,
  kQuestion,
  kQuestionCallback,
  kQuestionCancel,
  kRefreshLine,
  kSawKeyPress,
  kSawReturnAt,
  kSetRawMode,
  kTabComplete,
  kTabCompleter,
  kTtyWrite,
  kWordLeft,
  kWordRight,
  kWriteToOutput,
} from "rusk:internal/readline_interface";
import { clearLine, clearScreenDown, cursorTo, emitKeypressEvents, moveCursor } from "rusk:internal/readline_utils";

const kCustomPromisify = Symbol.for("nodejs.util.promisify.custom");

/**
 * The callback-API Interface. Callable without `new`, as in Node. A completer of other than
 * two parameters returns its result instead of passing it to a callback.
 */
export function Interface(input, output, completer, terminal) {
  if (!new.target) return new Interface(input, output, completer, terminal);
  if (input?.input && typeof input.completer === "function" && input.completer.length !== 2) {
    const syncCompleter = input.completer;
    input = { ...input, completer: (v, cb) => cb(null, syncCompleter(v)) };
  } else if (typeof completer === "function" && completer.length !== 2) {
    const syncCompleter = completer;
    completer = (v, cb) => cb(null, syncCompleter(v));
  }
  EventEmitter.call(this);
  initInterface(this, input, output, completer, terminal);
}
Object.setPrototypeOf(Interface.prototype, InterfaceConstructor.prototype);
Object.setPrototypeOf(Interface, InterfaceConstructor);

function defineMethod(target, key, fn) {
  Object.defineProperty(target, key, { value: fn, writable: true, enumerable: false, configurable: true });
}

/**
 * `rl.question(query[, { signal }], cb)`: writes `query` and calls `cb` with the next line.
 * An abort cancels the question (cb is never called).
 */
defineMethod(Interface.prototype, "question", function question(query, options, cb) {
  cb = typeof options === "function" ? options : cb;
  if (options === null || typeof options !== "object") options = {};
  const signal = options.signal;
  if (signal) {
    validateAbortSignal(signal, "options.signal");
    if (signal.aborted) return;
    const onAbort = () => this[kQuestionCancel]();
    signal.addEventListener("abort", onAbort, { once: true });
    const cleanup = () => signal.removeEventListener("abort", onAbort);
    const originalCb = cb;
    cb =
      typeof originalCb === "function"
        ? (answer) => {
            cleanup();
            return originalCb(answer);
          }
        : cleanup;
  }
  if (typeof cb === "function") this[kQuestion](query, cb);
});

// util.promisify(rl.question) resolves with the answer and rejects on abort.
defineMethod(Interface.prototype.question, kCustomPromisify, function question(query, options) {
  if (options === null || typeof options !== "object") options = {};
  const signal = options.signal;
  if (signal?.aborted) return Promise.reject(new AbortError(undefined, { cause: signal.reason }));
  return new Promise((resolve, reject) => {
    let cb = resolve;
    if (signal) {
      const onAbort = () => reject(new AbortError(undefined, { cause: signal.reason }));
      signal.addEventListener("abort", onAbort, { once: true });
      cb = (answer) => {
        signal.removeEventListener("abort", onAbort);
        resolve(answer);
      };
    }
    this.question(query, options, cb);
  });
});

// Node's legacy Interface exposes its internals under underscore names, and code overrides
// them (muting `_writeToOutput` for password prompts is common). The Interface calls its
// internals through these names, so an override on an instance takes effect.
const legacyMethods = [
  ["_setRawMode", kSetRawMode],
  ["_onLine", kOnLine],
  ["_writeToOutput", kWriteToOutput],
  ["_addHistory", kAddHistory],
  ["_refreshLine", kRefreshLine],
  ["_normalWrite", kNormalWrite],
  ["_insertString", kInsertString],
  ["_wordLeft", kWordLeft],
  ["_wordRight", kWordRight],
  ["_deleteLeft", kDeleteLeft],
  ["_deleteRight", kDeleteRight],
  ["_deleteWordLeft", kDeleteWordLeft],
  ["_deleteWordRight", kDeleteWordRight],
  ["_deleteLineLeft", kDeleteLineLeft],
  ["_deleteLineRight", kDeleteLineRight],
  ["_line", kLine],
  ["_historyNext", kHistoryNext],
  ["_historyPrev", kHistoryPrev],
  ["_getDisplayPos", kGetDisplayPos],
  ["_moveCursor", kMoveCursor],
  ["_ttyWrite", kTtyWrite],
];
for (const [name, symbol] of legacyMethods) {
  defineMethod(Interface.prototype, name, InterfaceConstructor.prototype[symbol]);
  defineMethod(Interface.prototype, symbol, function (...args) {
    return this[name](...args);
  });
}
defineMethod(Interface.prototype, "_getCursorPos", InterfaceConstructor.prototype.getCursorPos);

/** Callback-style completion: `completer(line, (err, [completions, completeOn]) => ...)`. */
defineMethod(Interface.prototype, "_tabComplete", function _tabComplete(lastKeypressWasTab) {
  this.pause();
  const string = this.line.slice(0, this.cursor);
  this.completer(string, (err, value) => {
    this.resume();
    if (err) {
      this._writeToOutput(`Tab completion error: ${inspectError(err)}`);
      return;
    }
    this[kTabCompleter](lastKeypressWasTab, value);
  });
});
defineMethod(Interface.prototype, kTabComplete, function (lastKeypressWasTab) {
  return this._tabComplete(lastKeypressWasTab);
});

const legacyFields = [
  ["_decoder", kDecoder],
  ["_line_buffer", kLineBuffer],
  ["_oldPrompt", kOldPrompt],
  ["_previousKey", kPreviousKey],
  ["_prompt", kPrompt],
  ["_questionCallback", kQuestionCallback],
  ["_sawKeyPress", kSawKeyPress],
  ["_sawReturnAt", kSawReturnAt],
];
for (const [name, symbol] of legacyFields) {
  Object.defineProperty(Interface.prototype, name, {
    get() {
      return this[symbol];
    },
    set(value) {
      this[symbol] = value;
    },
    enumerable: false,
    configurable: true,
  });
}

export function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

export { clearLine, clearScreenDown, cursorTo, emitKeypressEvents, moveCursor, promises };

export default {
  Interface,
  clearLine,
  clearScreenDown,
  createInterface,
  cursorTo,
  emitKeypressEvents,
  moveCursor,
  promises,
};
