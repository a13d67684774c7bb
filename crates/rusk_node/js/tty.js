// node:tty — isatty(fd), and the ReadStream/WriteStream classes, which process.stdin/stdout/
// stderr are when their descriptors are terminals. The streams under them (rusk:internal/stdio:
// synchronous writes, reads that do not block the JS thread) and node:stream are loaded when the
// first one is made — only then are the classes' prototypes chained to theirs — so that a
// program asking isatty() alone does not load the stream modules.
import native from "rusk:native/process";
import osNative from "rusk:native/os";
import { nodeError, validateInteger } from "rusk:internal/errors";

const internals = globalThis[Symbol.for("rusk.internals")];
const load = (name) => internals.requireBuiltin(name);

/** Whether `fd` is an open terminal; false for anything that is not a valid descriptor. */
export function isatty(fd) {
  return Number.isInteger(fd) && fd >= 0 && fd <= 2147483647 && native.isatty(fd);
}

let stdio;
function linkStreams() {
  if (stdio) return stdio;
  stdio = load("rusk:internal/stdio");
  Object.setPrototypeOf(ReadStream.prototype, stdio.DescriptorReadStream.prototype);
  Object.setPrototypeOf(ReadStream, stdio.DescriptorReadStream);
  Object.setPrototypeOf(WriteStream.prototype, stdio.SyncWriteStream.prototype);
  Object.setPrototypeOf(WriteStream, stdio.SyncWriteStream);
  return stdio;
}

/** Node's checks of a tty stream's `fd`: an int32 ≥ 0, and a terminal (else libuv's EINVAL). */
function validateTtyFd(fd) {
  if (fd >> 0 !== fd || fd < 0) {
    throw nodeError(RangeError, "ERR_INVALID_FD", `"fd" must be a positive integer: ${fd}`);
  }
  if (!native.isatty(fd)) {
    const info = { errno: -osNative.errno.EINVAL, code: "EINVAL", message: "invalid argument", syscall: "uv_tty_init" };
    const err = nodeError(Error, "ERR_TTY_INIT_FAILED", `TTY initialization failed: ${info.syscall} returned ${info.code} (${info.message})`);
    err.name = "SystemError";
    err.info = info;
    err.errno = info.errno;
    err.syscall = info.syscall;
    throw err;
  }
}

const DEFAULT_WINDOW_SIZE = [80, 24];

function windowSize(fd) {
  return native.windowSize(fd) ?? DEFAULT_WINDOW_SIZE;
}

// ---------------------------------------------------------------------------------------------
// ReadStream

export function ReadStream(fd, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(fd, options);
  const { DescriptorReadStream } = linkStreams();
  validateTtyFd(fd);
  // What is typed is handed over as it comes: nothing is read ahead.
  DescriptorReadStream.call(this, fd, { highWaterMark: 0, ...options });
  this.isRaw = false;
  this.isTTY = true;
}

// Raw mode is libuv's (termios through rusk:native/process); the terminal's settings from
// before are put back by setRawMode(false) and when the process exits.
const rawDescriptors = new Set();
function restoreTerminals() {
  for (const fd of rawDescriptors) native.setRawMode(fd, false);
}

ReadStream.prototype.setRawMode = function setRawMode(flag) {
  flag = Boolean(flag);
  const errno = native.setRawMode(this.fd, flag);
  if (errno !== 0) {
    // As Node: the failure is an "error" on the stream (errno negative, as libuv's).
    this.emit("error", load("util")._errnoException(-errno, "setRawMode"));
    return this;
  }
  if (flag && rawDescriptors.size === 0) process.on("exit", restoreTerminals);
  if (flag) rawDescriptors.add(this.fd);
  else rawDescriptors.delete(this.fd);
  this.isRaw = flag;
  return this;
};

// ---------------------------------------------------------------------------------------------
// WriteStream

const kLastSize = Symbol("kLastSize");
const kResizeTimer = Symbol("kResizeTimer");
// Without SIGWINCH, a size change is noticed by looking every so often while 'resize' has
// listeners (the timer does not keep the process alive).
const RESIZE_CHECK_MS = 250;

export function WriteStream(fd) {
  if (!(this instanceof WriteStream)) return new WriteStream(fd);
  const { SyncWriteStream } = linkStreams();
  validateTtyFd(fd);
  // libuv never closes descriptors 0-2.
  SyncWriteStream.call(this, fd, { autoClose: fd > 2 });
  this[kLastSize] = windowSize(fd);
  this[kResizeTimer] = null;
  this.on("newListener", watchResizeListeners);
  this.on("removeListener", watchResizeListeners);
}

WriteStream.prototype.isTTY = true;

// columns and rows read the terminal's size when asked; assigning one replaces it with the value.
for (const [name, index] of [
  ["columns", 0],
  ["rows", 1],
]) {
  Object.defineProperty(WriteStream.prototype, name, {
    get() {
      return windowSize(this.fd)[index];
    },
    set(value) {
      Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
    },
    enumerable: true,
    configurable: true,
  });
}

function watchResizeListeners(event) {
  if (event !== "resize") return;
  // 'newListener' comes before the listener is added, 'removeListener' after it is gone.
  queueMicrotask(() => {
    const watching = this[kResizeTimer] !== null;
    const wanted = this.listenerCount("resize") > 0;
    if (wanted && !watching) {
      this[kLastSize] = windowSize(this.fd);
      this[kResizeTimer] = setInterval(() => this._refreshSize(), RESIZE_CHECK_MS);
      this[kResizeTimer].unref?.();
    } else if (!wanted && watching) {
      clearInterval(this[kResizeTimer]);
      this[kResizeTimer] = null;
    }
  });
}

WriteStream.prototype._refreshSize = function _refreshSize() {
  const [oldColumns, oldRows] = this[kLastSize];
  const size = windowSize(this.fd);
  if (size[0] !== oldColumns || size[1] !== oldRows) {
    this[kLastSize] = size;
    this.emit("resize");
  }
};

WriteStream.prototype.getWindowSize = function getWindowSize() {
  return [...windowSize(this.fd)];
};

function colorDepth(env) {
  return linkStreams().colorDepth(env);
}

WriteStream.prototype.getColorDepth = function getColorDepth(env = process.env) {
  return colorDepth(env);
};

WriteStream.prototype.hasColors = function hasColors(count, env) {
  if (env === undefined && (count === undefined || (typeof count === "object" && count !== null))) {
    env = count;
    count = 16;
  } else {
    validateInteger(count, "count", 2);
  }
  return count <= 2 ** colorDepth(env ?? process.env);
};

WriteStream.prototype.cursorTo = function cursorTo(x, y, callback) {
  return load("rusk:internal/readline_utils").cursorTo(this, x, y, callback);
};

WriteStream.prototype.moveCursor = function moveCursor(dx, dy, callback) {
  return load("rusk:internal/readline_utils").moveCursor(this, dx, dy, callback);
};

WriteStream.prototype.clearLine = function clearLine(dir, callback) {
  return load("rusk:internal/readline_utils").clearLine(this, dir, callback);
};

WriteStream.prototype.clearScreenDown = function clearScreenDown(callback) {
  return load("rusk:internal/readline_utils").clearScreenDown(this, callback);
};

export default { isatty, ReadStream, WriteStream };
