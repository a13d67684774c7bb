// node:readline/promises — the readline Interface with a promise-returning question() (and
// completers that may be async), plus Readline: cursor and erase actions queued and written
// to a stream in one go.
import { AbortError, ERR_INVALID_ARG_TYPE, validateAbortSignal, validateBoolean, validateInteger } from "rusk:internal/errors";
import { InterfaceConstructor, kQuestion, kQuestionCancel } from "rusk:internal/readline_interface";
import { clearLineSequence, cursorToSequence, kClearScreenDown, moveCursorSequence, nextTick } from "rusk:internal/readline_utils";

export class Interface extends InterfaceConstructor {
  /** Resolves with the next line; an abort of `options.signal` rejects with an AbortError. */
  question(query, options = {}) {
    return new Promise((resolve, reject) => {
      let cb = resolve;
      const signal = options?.signal;
      if (signal) {
        validateAbortSignal(signal, "options.signal");
        if (signal.aborted) {
          reject(new AbortError(undefined, { cause: signal.reason }));
          return;
        }
        const onAbort = () => {
          this[kQuestionCancel]();
          reject(new AbortError(undefined, { cause: signal.reason }));
        };
        signal.addEventListener("abort", onAbort, { once: true });
        cb = (answer) => {
          signal.removeEventListener("abort", onAbort);
          resolve(answer);
        };
      }
      this[kQuestion](query, cb);
    });
  }
}

export function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

/**
 * Queues cursor movements and erasures for `stream`; commit() writes them all at once. With
 * `autoCommit`, each action is written on the next tick instead.
 */
export class Readline {
  #stream;
  #todo = [];
  #autoCommit = false;

  constructor(stream, options = undefined) {
    if (stream == null || typeof stream.write !== "function" || stream.writable === false) {
      throw ERR_INVALID_ARG_TYPE("stream", "Writable", stream);
    }
    this.#stream = stream;
    if (options?.autoCommit != null) {
      validateBoolean(options.autoCommit, "options.autoCommit");
      this.#autoCommit = options.autoCommit;
    }
  }

  #queue(data) {
    if (this.#autoCommit) nextTick(() => this.#stream.write(data));
    else this.#todo.push(data);
  }

  /** Column `x` (and row `y` when given) of the screen. */
  cursorTo(x, y = undefined) {
    validateInteger(x, "x");
    if (y != null) validateInteger(y, "y");
    this.#queue(cursorToSequence(x, y));
    return this;
  }

  /** By `dx` columns and `dy` rows from where the cursor is. */
  moveCursor(dx, dy) {
    if (dx || dy) {
      validateInteger(dx, "dx");
      validateInteger(dy, "dy");
      this.#queue(moveCursorSequence(dx, dy));
    }
    return this;
  }

  /** Erases the line: to the left of the cursor (-1), to its right (1) or all of it (0). */
  clearLine(dir) {
    validateInteger(dir, "dir", -1, 1);
    this.#queue(clearLineSequence(dir));
    return this;
  }

  clearScreenDown() {
    this.#queue(kClearScreenDown);
    return this;
  }

  /** Writes the queued actions; resolves once the stream has taken them. */
  commit() {
    return new Promise((resolve) => {
      this.#stream.write(this.#todo.join(""), resolve);
      this.#todo = [];
    });
  }

  /** Drops the queued actions. */
  rollback() {
    this.#todo = [];
    return this;
  }
}

export default { Interface, Readline, createInterface };
