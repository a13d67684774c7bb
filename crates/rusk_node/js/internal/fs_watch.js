// rusk:internal/fs_watch — fs.watch (FSWatcher over the native notify watcher) and
// fs.watchFile/unwatchFile (StatWatcher: polling stat on an interval, as libuv's fs_poll does).
import { EventEmitter } from "events";
import { Buffer } from "buffer";
import native from "rusk:native/fs";
import { ERR_INVALID_ARG_TYPE, validateAbortSignal, validateFunction } from "rusk:internal/errors";
import { toPathString, statSync, Stats } from "rusk:internal/fs_utils";

const internals = globalThis[Symbol.for("rusk.internals")];

// ---- fs.watch ----

/** Open watchers by native id; the native delivers events through `fsWatchEvent`. */
const open = new Map();
internals.fsWatchEvent = (id, eventType, filename) => {
  const watcher = open.get(id);
  if (watcher) watcher.emit("change", eventType, watcher._encodeName(filename));
};

export class FSWatcher extends EventEmitter {
  #id;
  #encoding;

  constructor() {
    super();
    this.#id = undefined;
    this.#encoding = "utf8";
  }

  /** Starts watching (called by `watch`): errors are Node's (`ENOENT ... watch 'x'`). */
  _start(path, { persistent, recursive, encoding }) {
    this.#encoding = encoding;
    this.#id = native.watch(path, recursive, persistent);
    open.set(this.#id, this);
  }

  _encodeName(name) {
    return this.#encoding === "buffer" ? Buffer.from(name) : name;
  }

  close() {
    if (this.#id === undefined) return;
    native.unwatch(this.#id);
    open.delete(this.#id);
    this.#id = undefined;
    queueMicrotask(() => this.emit("close"));
  }

  ref() {
    if (this.#id !== undefined) native.refWatch(this.#id, true);
    return this;
  }

  unref() {
    if (this.#id !== undefined) native.refWatch(this.#id, false);
    return this;
  }
}

function watchOptions(options) {
  if (typeof options === "string") options = { encoding: options };
  if (options === undefined || options === null) options = {};
  if (typeof options !== "object") throw ERR_INVALID_ARG_TYPE("options", ["string", "Object"], options);
  // Node takes persistent/recursive by truthiness.
  const { persistent = true, recursive = false, encoding = "utf8", signal } = options;
  validateAbortSignal(signal, "options.signal");
  if (encoding !== "buffer" && !Buffer.isEncoding(encoding)) {
    throw ERR_INVALID_ARG_TYPE("options.encoding", "string", encoding);
  }
  return { persistent: !!persistent, recursive: !!recursive, encoding, signal };
}

/** fs.watch(filename[, options][, listener]) */
export function watch(filename, options, listener) {
  if (typeof options === "function") {
    listener = options;
    options = undefined;
  }
  const path = toPathString(filename, "path");
  const opts = watchOptions(options);
  if (listener !== undefined) validateFunction(listener, "listener");
  const watcher = new FSWatcher();
  watcher._start(path, opts);
  if (listener) watcher.on("change", listener);
  if (opts.signal) {
    if (opts.signal.aborted) queueMicrotask(() => watcher.close());
    else opts.signal.addEventListener("abort", () => watcher.close(), { once: true });
  }
  return watcher;
}

// ---- fs.watchFile / unwatchFile ----

const DEFAULT_INTERVAL = 5007;
const statWatchers = new Map();

function statOrEmpty(path, bigint) {
  const stats = statSync(path, { throwIfNoEntry: false, bigint });
  // A missing file is reported as all-zero stats, as Node does.
  return stats ?? new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}

function changed(a, b) {
  for (const key of ["mtimeMs", "ctimeMs", "size", "mode", "ino", "dev", "nlink", "uid", "gid"]) {
    if (a[key] !== b[key]) return true;
  }
  return false;
}

export class StatWatcher extends EventEmitter {
  #timer;
  #path;
  #prev;

  constructor(path, { interval, persistent, bigint }) {
    super();
    this.#path = path;
    this.#prev = statOrEmpty(path, bigint);
    this.#timer = setInterval(() => {
      const curr = statOrEmpty(this.#path, bigint);
      if (changed(curr, this.#prev)) {
        const prev = this.#prev;
        this.#prev = curr;
        this.emit("change", curr, prev);
      }
    }, interval);
    if (!persistent) this.#timer.unref();
  }

  stop() {
    clearInterval(this.#timer);
    queueMicrotask(() => this.emit("stop"));
  }

  ref() {
    this.#timer.ref();
    return this;
  }

  unref() {
    this.#timer.unref();
    return this;
  }
}

/** fs.watchFile(filename[, options], listener) */
export function watchFile(filename, options, listener) {
  const path = toPathString(filename, "filename");
  if (typeof options === "function") {
    listener = options;
    options = undefined;
  }
  validateFunction(listener, "listener");
  const { interval = DEFAULT_INTERVAL, persistent = true, bigint = false } = options ?? {};
  let watcher = statWatchers.get(path);
  if (!watcher) {
    watcher = new StatWatcher(path, { interval, persistent, bigint });
    statWatchers.set(path, watcher);
  }
  watcher.on("change", listener);
  return watcher;
}

/** fs.unwatchFile(filename[, listener]) */
export function unwatchFile(filename, listener) {
  const path = toPathString(filename, "filename");
  const watcher = statWatchers.get(path);
  if (!watcher) return;
  if (typeof listener === "function") watcher.removeListener("change", listener);
  else watcher.removeAllListeners("change");
  if (watcher.listenerCount("change") === 0) {
    watcher.stop();
    statWatchers.delete(path);
  }
}

/** fs.promises.watch(filename[, options]): an async iterator of `{ eventType, filename }`. */
export function watchIterator(filename, options) {
  const watcher = watch(filename, options);
  const queued = [];
  let wake = null;
  let done = false;
  watcher.on("change", (eventType, name) => {
    queued.push({ eventType, filename: name });
    if (wake) wake();
  });
  watcher.on("close", () => {
    done = true;
    if (wake) wake();
  });
  const signal = options && typeof options === "object" ? options.signal : undefined;
  return {
    async next() {
      while (queued.length === 0 && !done) await new Promise((resolve) => (wake = resolve));
      wake = null;
      if (queued.length) return { value: queued.shift(), done: false };
      if (signal?.aborted) throw Object.assign(new Error("The operation was aborted"), { name: "AbortError", code: "ABORT_ERR", cause: signal.reason });
      return { value: undefined, done: true };
    },
    async return() {
      watcher.close();
      done = true;
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
