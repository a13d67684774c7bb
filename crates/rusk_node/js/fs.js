// node:fs — the synchronous forms come from rusk:internal/fs_utils (over rusk:native/fs); the
// callback forms run them and call back on a later turn. System errors come shaped from the
// native; argument errors are thrown synchronously, before any I/O, as in Node.
import { Buffer } from "buffer";
import promises from "fs/promises";
import * as core from "rusk:internal/fs_utils";
import { watch, watchFile, unwatchFile, FSWatcher, StatWatcher } from "rusk:internal/fs_watch";
import { ReadStream, WriteStream, createReadStream, createWriteStream } from "rusk:internal/fs_streams";

const { defer, isArgumentError, validateCallback, validateFd, validateBuffer, validateBufferArray, validateObject, notImplemented } = core;

// ---------------------------------------------------------------------------------------------
// Callback forms

// How Node finds and checks the callback, per function:
// - `required`: how many arguments come before the optional ones; the callback is the last
//   argument when it comes after those (fs.stat(cb) has no callback: Node says "cb" is missing).
// - `argsFirst`: Node checks the other arguments before the callback, so when the callback sits
//   in a required argument's place that argument is what Node reports (fs.chmod(path, cb)).
// - `result`: what follows the error: the operation's result, nothing (Node calls back `(null)`
//   alone), or the result only when there is one (mkdir -p).
// - `name`: the callback's name in Node's message.
// - `parameters`: how many parameters the operation has (by default, the sync function's).
// - `optionsAsCallback`: with no callback, Node reports the options argument in its place.
const RESULT = "result";
const NO_RESULT = "none";
const RESULT_IF_DEFINED = "defined";

/** Splits `args` into the operation's arguments and its callback (validated, per `spec`). */
function splitCallback(args, spec, parameterCount) {
  const lastIndex = args.length - 1;
  const last = args[lastIndex];
  if (typeof last === "function" && lastIndex >= spec.required) {
    args.pop();
    return () => last;
  }
  // The callback is missing: Node reports what sits in its place (undefined unless every
  // parameter was given), or for readFile/writeFile/appendFile the options when that is empty.
  let inPlace = args.length >= parameterCount ? last : undefined;
  if (spec.optionsAsCallback) inPlace ||= args[spec.required];
  const fail = () => {
    throw core.ERR_INVALID_ARG_TYPE(spec.name ?? "cb", "function", inPlace);
  };
  // A function in a required argument's place fails that argument's check before any I/O;
  // otherwise the missing callback is reported at once, so nothing runs without one.
  if (!spec.argsFirst || typeof last !== "function") fail();
  return fail;
}

function withCallback(syncFn, spec = {}) {
  const full = { required: 1, result: RESULT, ...spec };
  const parameterCount = (full.parameters ?? syncFn.length) + 1;
  return function (...args) {
    const getCallback = splitCallback(args, full, parameterCount);
    let result;
    let failure;
    try {
      result = syncFn(...args);
    } catch (err) {
      if (isArgumentError(err)) throw err;
      failure = err;
    }
    const callback = getCallback();
    if (failure !== undefined) defer(callback, failure);
    else if (full.result === RESULT || (full.result === RESULT_IF_DEFINED && result !== undefined)) defer(callback, null, result);
    else defer(callback, null);
  };
}

// readFile/writeFile/appendFile take an AbortSignal: an aborted one fails through the callback.
function withSignal(syncFn, required, result) {
  return withCallback(
    function (...args) {
      const options = args[required];
      if (options !== null && typeof options === "object") {
        core.fsOptions(options);
        core.checkAborted(options.signal);
      }
      return syncFn(...args);
    },
    { required, result, parameters: syncFn.length, optionsAsCallback: true },
  );
}

// ---------------------------------------------------------------------------------------------
// Synchronous forms

export const {
  readFileSync,
  writeFileSync,
  appendFileSync,
  openSync,
  closeSync,
  readSync,
  writeSync,
  readvSync,
  writevSync,
  statSync,
  lstatSync,
  fstatSync,
  readdirSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  rmdirSync,
  unlinkSync,
  renameSync,
  linkSync,
  symlinkSync,
  readlinkSync,
  copyFileSync,
  cpSync,
  accessSync,
  existsSync,
  chmodSync,
  fchmodSync,
  chownSync,
  lchownSync,
  fchownSync,
  utimesSync,
  lutimesSync,
  futimesSync,
  truncateSync,
  ftruncateSync,
  fsyncSync,
  fdatasyncSync,
  opendirSync,
  Stats,
  Dirent,
  Dir,
  constants,
  toUnixTimestamp: _toUnixTimestamp,
} = core;

export function realpathSync(file, options) {
  return core.realpathSync(file, options);
}
realpathSync.native = core.realpathNativeSync;

export const { F_OK, R_OK, W_OK, X_OK } = constants;

// ---------------------------------------------------------------------------------------------
// Callback forms over them

const NOTHING = { result: NO_RESULT };

export const readFile = withSignal(readFileSync, 1, RESULT);
export const writeFile = withSignal(writeFileSync, 2, NO_RESULT);
export const appendFile = withSignal(appendFileSync, 2, NO_RESULT);
export const open = withCallback(openSync, { argsFirst: true });
const closeWithCallback = withCallback(closeSync, { ...NOTHING, argsFirst: true });

// The callback of close is optional: without one, a failure is thrown on a later turn.
export function close(fd, callback) {
  if (callback === undefined) {
    validateFd(fd);
    return closeWithCallback(fd, (err) => {
      if (err) throw err;
    });
  }
  return closeWithCallback(fd, callback);
}
export const stat = withCallback(statSync);
export const lstat = withCallback(lstatSync);
export const fstat = withCallback(fstatSync);
export const readdir = withCallback(readdirSync);
export const mkdtemp = withCallback(mkdtempSync);
export const rm = withCallback(core.rmForAsync, { ...NOTHING, argsFirst: true });
export const rmdir = withCallback(rmdirSync, NOTHING);
export const unlink = withCallback(unlinkSync, NOTHING);
export const rename = withCallback(renameSync, { ...NOTHING, required: 2 });
export const link = withCallback(linkSync, { ...NOTHING, required: 2 });
export const symlink = withCallback(symlinkSync, { ...NOTHING, required: 2, argsFirst: true });
export const readlink = withCallback(readlinkSync);
export const copyFile = withCallback(copyFileSync, { ...NOTHING, required: 2, argsFirst: true });
export const access = withCallback(accessSync, { ...NOTHING, argsFirst: true });
export const chmod = withCallback(chmodSync, { ...NOTHING, required: 2, argsFirst: true });
export const fchmod = withCallback(fchmodSync, { ...NOTHING, required: 2, argsFirst: true });
export const chown = withCallback(chownSync, { ...NOTHING, required: 3 });
export const lchown = withCallback(lchownSync, { ...NOTHING, required: 3 });
export const fchown = withCallback(fchownSync, { ...NOTHING, required: 3, argsFirst: true });
export const utimes = withCallback(utimesSync, { ...NOTHING, required: 3 });
export const lutimes = withCallback(lutimesSync, { ...NOTHING, required: 3 });
export const futimes = withCallback(futimesSync, { ...NOTHING, required: 3, argsFirst: true });
export const truncate = withCallback(truncateSync, NOTHING);
export const ftruncate = withCallback(ftruncateSync, NOTHING);
export const fsync = withCallback(fsyncSync, NOTHING);
export const fdatasync = withCallback(fdatasyncSync, NOTHING);
export const opendir = withCallback(core.opendirForAsync, { name: "callback" });

export const realpath = withCallback(realpathSync);
realpath.native = withCallback(core.realpathNativeSync);

export const mkdir = withCallback(core.mkdirForAsync, { result: RESULT_IF_DEFINED });

// Node's cp validates its options at once and reports everything else through the callback.
export function cp(src, dest, options, callback) {
  if (typeof options === "function") {
    callback = options;
    options = undefined;
  }
  validateCallback(callback);
  const opts = core.cpOptions(options);
  const [from, to] = core.cpPaths(src, dest);
  core.cpAsync(from, to, opts).then(
    () => defer(callback, null, undefined),
    (err) => defer(callback, err),
  );
}

/** fs.exists calls back with a boolean alone. */
export function exists(file, callback) {
  validateCallback(callback);
  defer(callback, existsSync(file));
}
Object.defineProperty(exists, Symbol.for("nodejs.util.promisify.custom"), {
  value: (file) => new Promise((resolve) => exists(file, resolve)),
  configurable: true,
});

// read(fd, buffer, offset, length, position, cb), read(fd, buffer, options, cb),
// read(fd, options, cb), read(fd, cb): the callback gets (err, bytesRead, buffer).
export function read(fd, buffer, offsetOrOptions, length, position, callback) {
  validateFd(fd);
  const argc = arguments.length;
  let offset = offsetOrOptions;
  if (argc <= 4) {
    let params;
    if (argc === 4) {
      validateObject(offsetOrOptions, "options", { nullable: true });
      callback = length;
      params = offsetOrOptions;
    } else if (argc === 3) {
      if (!ArrayBuffer.isView(buffer)) {
        params = buffer;
        buffer = params?.buffer ?? Buffer.alloc(16384);
      }
      callback = offsetOrOptions;
    } else {
      callback = buffer;
      buffer = Buffer.alloc(16384);
    }
    if (params !== undefined) validateObject(params, "options", { nullable: true });
    offset = params?.offset ?? 0;
    length = params?.length ?? (buffer?.byteLength ?? 0) - offset;
    position = params?.position ?? null;
  }
  validateBuffer(buffer);
  validateCallback(callback);
  const request = core.readRequest(buffer, offset, length, position);
  let bytesRead;
  try {
    bytesRead = core.readInto(fd, buffer, request);
  } catch (err) {
    defer(callback, err, 0, buffer);
    return;
  }
  defer(callback, null, bytesRead, buffer);
}

// write(fd, buffer, offset?, length?, position?, cb), write(fd, buffer, options, cb),
// write(fd, string, position?, encoding?, cb): the callback gets (err, written, buffer).
export function write(fd, buffer, ...rest) {
  const args = [fd, buffer, ...rest];
  const getCallback = splitCallback(args, { required: 2, argsFirst: true }, 6);
  validateFd(fd);
  const request = core.writeRequest(args[1], args[2], args[3], args[4]);
  const callback = getCallback();
  let written;
  try {
    written = core.writeFrom(fd, request);
  } catch (err) {
    defer(callback, err, 0, buffer);
    return;
  }
  defer(callback, null, written, buffer);
}

function vectorCallback(run) {
  return function (...args) {
    const getCallback = splitCallback(args, { required: 2, argsFirst: true }, 4);
    const [fd, buffers, position] = args;
    validateFd(fd);
    validateBufferArray(buffers);
    const callback = getCallback();
    let count;
    try {
      count = run(fd, buffers, position);
    } catch (err) {
      defer(callback, err, 0, buffers);
      return;
    }
    defer(callback, null, count, buffers);
  };
}

export const readv = vectorCallback(core.readvInto);
export const writev = vectorCallback(core.writevFrom);

// util.promisify(fs.read) and friends resolve with an object, as Node's do.
function promisifiesTo(fn, countName, bufferName) {
  Object.defineProperty(fn, Symbol.for("nodejs.util.promisify.custom"), {
    value: (...args) =>
      new Promise((resolve, reject) => {
        fn(...args, (err, count, buffer) => (err ? reject(err) : resolve({ [countName]: count, [bufferName]: buffer })));
      }),
    configurable: true,
  });
}
promisifiesTo(read, "bytesRead", "buffer");
promisifiesTo(write, "bytesWritten", "buffer");
promisifiesTo(readv, "bytesRead", "buffers");
promisifiesTo(writev, "bytesWritten", "buffers");

// ---------------------------------------------------------------------------------------------
// Streams (rusk:internal/fs_streams)

export { ReadStream, WriteStream, createReadStream, createWriteStream };
export const FileReadStream = ReadStream;
export const FileWriteStream = WriteStream;

// ---------------------------------------------------------------------------------------------
// Not available yet

function notYet(what) {
  return function () {
    throw notImplemented(what);
  };
}

export { watch, watchFile, unwatchFile, FSWatcher, StatWatcher } from "rusk:internal/fs_watch";
export const statfs = notYet("fs.statfs");
export const statfsSync = notYet("fs.statfsSync");
export const openAsBlob = notYet("fs.openAsBlob");

// lchmod exists only on macOS in Node; rusk's native has no lchmod, so it is absent as on Linux.
export const lchmod = undefined;
export const lchmodSync = undefined;

export { promises };

const fs = {
  appendFile,
  appendFileSync,
  access,
  accessSync,
  chown,
  chownSync,
  chmod,
  chmodSync,
  close,
  closeSync,
  copyFile,
  copyFileSync,
  cp,
  cpSync,
  createReadStream,
  createWriteStream,
  exists,
  existsSync,
  fchown,
  fchownSync,
  fchmod,
  fchmodSync,
  fdatasync,
  fdatasyncSync,
  fstat,
  fstatSync,
  fsync,
  fsyncSync,
  ftruncate,
  ftruncateSync,
  futimes,
  futimesSync,
  lchown,
  lchownSync,
  lchmod,
  lchmodSync,
  link,
  linkSync,
  lstat,
  lstatSync,
  lutimes,
  lutimesSync,
  mkdir,
  mkdirSync,
  mkdtemp,
  mkdtempSync,
  open,
  openSync,
  openAsBlob,
  readdir,
  readdirSync,
  read,
  readSync,
  readv,
  readvSync,
  readFile,
  readFileSync,
  readlink,
  readlinkSync,
  realpath,
  realpathSync,
  rename,
  renameSync,
  rm,
  rmSync,
  rmdir,
  rmdirSync,
  stat,
  statfs,
  statSync,
  statfsSync,
  symlink,
  symlinkSync,
  truncate,
  truncateSync,
  unwatchFile,
  unlink,
  unlinkSync,
  utimes,
  utimesSync,
  watch,
  watchFile,
  FSWatcher,
  StatWatcher,
  writeFile,
  writeFileSync,
  write,
  writeSync,
  writev,
  writevSync,
  Dirent,
  Stats,
  ReadStream,
  WriteStream,
  FileReadStream,
  FileWriteStream,
  _toUnixTimestamp,
  Dir,
  opendir,
  opendirSync,
  F_OK,
  R_OK,
  W_OK,
  X_OK,
  constants,
};

// A getter, as in Node, so that loading fs/promises first works too.
Object.defineProperty(fs, "promises", { get: () => promises, enumerable: true, configurable: true });

export default fs;
