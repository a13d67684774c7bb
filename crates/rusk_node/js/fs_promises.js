// node:fs/promises — each function runs the synchronous operation of rusk:internal/fs_utils
// and settles its promise on a later turn; every error, argument errors included, rejects.
// FileHandle wraps a descriptor from the same natives.
import { watchIterator } from "rusk:internal/fs_watch";
import { Buffer } from "buffer";
import { nodeError } from "rusk:internal/errors";
import * as core from "rusk:internal/fs_utils";
import { ReadStream, WriteStream } from "rusk:internal/fs_streams";

const { settleLater, defer, notImplemented, validateObject } = core;

/** A promise-returning function named `name` that runs `syncFn` with its arguments. */
function later(name, syncFn) {
  const fn = (...args) => settleLater(() => syncFn(...args));
  Object.defineProperty(fn, "name", { value: name });
  return fn;
}

export const constants = core.constants;

export const access = later("access", core.accessSync);
export const copyFile = later("copyFile", core.copyFileSync);
export const rename = later("rename", core.renameSync);
export const truncate = later("truncate", core.truncateSync);
export const rm = later("rm", core.rmForAsync);
export const rmdir = later("rmdir", core.rmdirForPromise);
export const mkdir = later("mkdir", core.mkdirForAsync);
export const readdir = later("readdir", core.readdirForPromise);
export const readlink = later("readlink", core.readlinkSync);
export const symlink = later("symlink", core.symlinkSync);
export const lstat = later("lstat", core.lstatSync);
export const stat = later("stat", core.statSync);
export const link = later("link", core.linkSync);
export const unlink = later("unlink", core.unlinkSync);
export const chmod = later("chmod", core.chmodSync);
export const lchown = later("lchown", core.lchownSync);
export const chown = later("chown", core.chownSync);
export const utimes = later("utimes", core.utimesSync);
export const lutimes = later("lutimes", core.lutimesSync);
export const mkdtemp = later("mkdtemp", core.mkdtempSync);
export const opendir = later("opendir", core.opendirForAsync);
// The promise form asks realpath(3) directly, so its errors name `realpath`, as Node's.
export const realpath = later("realpath", core.realpathNativeSync);

// As on Linux, where Node has no lchmod.
export async function lchmod() {
  throw nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", "The lchmod() method is not implemented");
}

export async function statfs() {
  throw notImplemented("fs.promises.statfs");
}

export function watch(filename, options) {
  return watchIterator(filename, options);
}

export function cp(src, dest, options) {
  let opts;
  let from;
  let to;
  try {
    opts = core.cpOptions(options);
    [from, to] = core.cpPaths(src, dest);
  } catch (err) {
    return settleLater(() => {
      throw err;
    });
  }
  return afterTurn(core.cpAsync(from, to, opts));
}

/** Settles like `promise`, one turn later (so no result is seen inside the same tick). */
function afterTurn(promise) {
  return new Promise((resolve, reject) => {
    promise.then(
      (value) => defer(resolve, value),
      (err) => defer(reject, err),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// FileHandle

// Node's error for any operation on a closed FileHandle.
function closedError(syscall) {
  const err = new Error("file closed");
  err.code = "EBADF";
  err.syscall = syscall;
  return err;
}

/** Data for writeFile: strings and buffers at once, iterables chunk by chunk. */
function isChunkIterable(data) {
  return data != null && typeof data === "object" && !ArrayBuffer.isView(data) && (typeof data[Symbol.iterator] === "function" || typeof data[Symbol.asyncIterator] === "function");
}

async function writeChunks(fd, chunks, encoding, signal) {
  for await (const chunk of chunks) {
    core.checkAborted(signal);
    core.writeAll(fd, core.dataBytes(ArrayBuffer.isView(chunk) ? chunk : String(chunk), encoding));
  }
}

export class FileHandle {
  #fd;

  constructor(fd) {
    this.#fd = fd;
  }

  get fd() {
    return this.#fd;
  }

  /** Runs `run(fd)` unless the handle is closed; settles later either way. */
  #use(syscall, run) {
    return settleLater(() => {
      if (this.#fd === -1) throw closedError(syscall);
      return run(this.#fd);
    });
  }

  appendFile(data, options) {
    return this.writeFile(data, options);
  }

  chmod(mode) {
    return this.#use("fchmod", (fd) => core.fchmodSync(fd, mode));
  }

  chown(uid, gid) {
    return this.#use("fchown", (fd) => core.fchownSync(fd, uid, gid));
  }

  close() {
    if (this.#fd === -1) return Promise.resolve();
    const fd = this.#fd;
    this.#fd = -1;
    return settleLater(() => core.native.close(fd));
  }

  datasync() {
    return this.#use("fdatasync", (fd) => core.fdatasyncSync(fd));
  }

  sync() {
    return this.#use("fsync", (fd) => core.fsyncSync(fd));
  }

  // read(buffer, offset, length, position), read(buffer, options), read(options), read()
  read(bufferOrOptions, offset, length, position) {
    return this.#use("read", (fd) => {
      let buffer = bufferOrOptions;
      if (!ArrayBuffer.isView(buffer)) {
        if (bufferOrOptions !== undefined) validateObject(bufferOrOptions, "options", { nullable: true });
        buffer = bufferOrOptions?.buffer ?? Buffer.alloc(16384);
        core.validateBuffer(buffer);
        offset = bufferOrOptions?.offset ?? 0;
        length = bufferOrOptions?.length ?? buffer.byteLength - offset;
        position = bufferOrOptions?.position ?? null;
      } else if (offset !== null && typeof offset === "object") {
        const options = offset;
        offset = options.offset ?? 0;
        length = options.length ?? buffer.byteLength - offset;
        position = options.position ?? null;
      }
      length ??= buffer.byteLength - (offset ?? 0);
      const bytesRead = core.readInto(fd, buffer, core.readRequest(buffer, offset, length, position));
      return { __proto__: null, bytesRead, buffer };
    });
  }

  readv(buffers, position) {
    return this.#use("readv", (fd) => {
      core.validateBufferArray(buffers);
      return { __proto__: null, bytesRead: core.readvInto(fd, buffers, position), buffers };
    });
  }

  readFile(options) {
    return this.#use("readFile", (fd) => {
      options = core.fsOptions(options, { flag: "r" });
      core.checkAborted(options.signal);
      const bytes = core.readAll(fd);
      return options.encoding && options.encoding !== "buffer" ? bytes.toString(options.encoding) : bytes;
    });
  }

  /** The file's lines, through readline over a read stream of this handle (which it closes). */
  readLines(options) {
    const { createInterface } = globalThis[Symbol.for("rusk.internals")].requireBuiltin("readline");
    return createInterface({ input: this.createReadStream(options), crlfDelay: Infinity });
  }

  stat(options) {
    return this.#use("fstat", (fd) => core.fstatSync(fd, options));
  }

  truncate(len) {
    return this.#use("ftruncate", (fd) => core.ftruncateSync(fd, len));
  }

  utimes(atime, mtime) {
    return this.#use("futimes", (fd) => core.futimesSync(fd, atime, mtime));
  }

  // write(buffer, offset, length, position), write(buffer, options), write(string, position, encoding)
  write(data, offsetOrOptions, length, position) {
    return this.#use("write", (fd) => {
      if (data?.byteLength === 0) return { __proto__: null, bytesWritten: 0, buffer: data };
      const bytesWritten = core.writeFrom(fd, core.writeRequest(data, offsetOrOptions, length, position));
      return { __proto__: null, bytesWritten, buffer: data };
    });
  }

  writev(buffers, position) {
    return this.#use("writev", (fd) => {
      core.validateBufferArray(buffers);
      return { __proto__: null, bytesWritten: core.writevFrom(fd, buffers, position), buffers };
    });
  }

  writeFile(data, options) {
    if (this.#fd === -1) return settleLater(() => {
      throw closedError("writeFile");
    });
    return writeToDescriptor(this.#fd, data, options, "w");
  }

  createReadStream(options = undefined) {
    return new ReadStream(undefined, { ...options, fd: this });
  }

  createWriteStream(options = undefined) {
    return new WriteStream(undefined, { ...options, fd: this });
  }

  readableWebStream() {
    throw notImplemented("filehandle.readableWebStream");
  }
}

if (typeof Symbol.asyncDispose === "symbol") {
  Object.defineProperty(FileHandle.prototype, Symbol.asyncDispose, {
    value: function asyncDispose() {
      return this.close();
    },
    writable: true,
    configurable: true,
  });
}

/** writeFile's data to an open descriptor: at once for strings and buffers, else chunk by chunk. */
function writeToDescriptor(fd, data, options, defaultFlag) {
  let opts;
  try {
    opts = checkWriteFileArguments(fd, data, options, defaultFlag);
  } catch (err) {
    return settleLater(() => {
      throw err;
    });
  }
  if (!isChunkIterable(data)) return settleLater(() => core.writeWholeFile(fd, data, opts));
  return afterTurn(writeChunks(fd, data, opts.encoding, opts.signal));
}

function checkWriteFileArguments(file, data, options, defaultFlag) {
  const opts = core.prepareWriteFile(file, isChunkIterable(data) ? "" : data, options, defaultFlag);
  core.checkAborted(opts.signal);
  return opts;
}

export function open(file, flags, mode) {
  return settleLater(() => new FileHandle(core.openSync(file, flags, mode)));
}

export function readFile(file, options) {
  if (file instanceof FileHandle) return file.readFile(options);
  return settleLater(() => {
    core.checkAborted(core.fsOptions(options).signal);
    return core.readFileSync(file, options);
  });
}

function writeFileTo(file, data, options, defaultFlag) {
  if (file instanceof FileHandle) return file.writeFile(data, options);
  if (!isChunkIterable(data)) {
    return settleLater(() => {
      const opts = checkWriteFileArguments(file, data, options, defaultFlag);
      core.writeWholeFile(file, data, opts);
    });
  }
  let opts;
  try {
    opts = checkWriteFileArguments(file, data, options, defaultFlag);
  } catch (err) {
    return settleLater(() => {
      throw err;
    });
  }
  const run = async () => {
    if (core.isDescriptor(file)) return writeChunks(file, data, opts.encoding, opts.signal);
    const fd = core.native.open(core.toPathString(file), opts.flags, opts.mode);
    try {
      await writeChunks(fd, data, opts.encoding, opts.signal);
      if (opts.flush) core.native.fsync(fd);
    } finally {
      core.native.close(fd);
    }
  };
  return afterTurn(run());
}

export function writeFile(file, data, options) {
  return writeFileTo(file, data, options, "w");
}

export function appendFile(file, data, options) {
  return writeFileTo(file, data, options, "a");
}

export default {
  access,
  copyFile,
  cp,
  open,
  opendir,
  rename,
  truncate,
  rm,
  rmdir,
  mkdir,
  readdir,
  readlink,
  symlink,
  lstat,
  stat,
  statfs,
  link,
  unlink,
  chmod,
  lchmod,
  lchown,
  chown,
  utimes,
  lutimes,
  realpath,
  mkdtemp,
  writeFile,
  appendFile,
  readFile,
  watch,
  constants,
};
