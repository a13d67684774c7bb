// rusk:internal/fs_utils — the shared core of node:fs and node:fs/promises.
// Argument validation with Node's codes and messages, the Stats/Dirent/Dir classes, and every
// operation in its synchronous form over rusk:native/fs. The callback and promise forms run
// these and settle later (see `defer`), so all three forms share one implementation.
import { Buffer } from "buffer";
import path from "path";
import * as native from "rusk:native/fs";
import {
  nodeError,
  ERR_INVALID_ARG_TYPE,
  ERR_INVALID_ARG_VALUE,
  ERR_OUT_OF_RANGE,
  validateBoolean,
  validateInteger,
  validateInt32,
  validateUint32,
  validateAbortSignal,
  AbortError,
} from "rusk:internal/errors";

export const constants = native.constants;
const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_SYNC } = constants;
const { S_IFMT, S_IFREG, S_IFDIR, S_IFLNK, S_IFIFO, S_IFSOCK, S_IFCHR, S_IFBLK } = constants;
const { F_OK, R_OK, W_OK, X_OK } = constants;

// errno values carried by Node's SystemErrors (ERR_FS_*); the same on Linux and macOS.
const ERRNO = { ENOTDIR: 20, EISDIR: 21, EINVAL: 22, EEXIST: 17 };

// Directory entry types as libuv numbers them (the native readdir reports these).
const UV_DIRENT = { UNKNOWN: 0, FILE: 1, DIR: 2, LINK: 3, FIFO: 4, SOCKET: 5, CHAR: 6, BLOCK: 7 };

// ---------------------------------------------------------------------------------------------
// Deferral: callbacks and promise settlements never run inside the call that started them.

const schedule = typeof setImmediate === "function" ? setImmediate : (fn) => setTimeout(fn, 0);

export function defer(fn, ...args) {
  schedule(() => fn(...args));
}

// Errors that Node raises while checking arguments, before any I/O: the callback forms throw
// these synchronously instead of passing them to the callback.
const ARGUMENT_ERROR_CODES = new Set([
  "ERR_INVALID_ARG_TYPE",
  "ERR_INVALID_ARG_VALUE",
  "ERR_OUT_OF_RANGE",
  "ERR_INVALID_URL_SCHEME",
  "ERR_INVALID_FILE_URL_HOST",
  "ERR_INVALID_FILE_URL_PATH",
  "ERR_FS_INVALID_SYMLINK_TYPE",
  "ERR_INCOMPATIBLE_OPTION_PAIR",
]);

export function isArgumentError(err) {
  return err != null && ARGUMENT_ERROR_CODES.has(err.code);
}

/** Runs `run()` now and settles the returned promise with its outcome on a later turn. */
export function settleLater(run) {
  return new Promise((resolve, reject) => {
    let value;
    try {
      value = run();
    } catch (err) {
      defer(reject, err);
      return;
    }
    defer(resolve, value);
  });
}

export function validateCallback(cb) {
  if (typeof cb !== "function") throw ERR_INVALID_ARG_TYPE("cb", "function", cb);
  return cb;
}



// ---------------------------------------------------------------------------------------------
// Node's SystemError (ERR_FS_EISDIR, ERR_FS_CP_*): `prefix: syscall returned CODE (message) path`.

class SystemError extends Error {
  constructor(code, prefix, context) {
    let message = `${prefix}: ${context.syscall} returned ${context.code} (${context.message})`;
    if (context.path !== undefined) message += ` ${context.path}`;
    if (context.dest !== undefined) message += ` => ${context.dest}`;
    super(message);
    this.code = code;
    this.info = context;
    this.errno = context.errno;
    this.syscall = context.syscall;
    if (context.path !== undefined) this.path = context.path;
    if (context.dest !== undefined) this.dest = context.dest;
  }
  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }
}
Object.defineProperty(SystemError.prototype, "name", { value: "SystemError", writable: true, configurable: true });

/** A SystemError of cp, whose info is `{ message, path, syscall, errno, code }` as Node's. */
function systemError(code, prefix, errCode, message, filePath, syscall = "cp", errno = ERRNO[errCode]) {
  return new SystemError(code, prefix, { message, path: filePath, syscall, errno, code: errCode });
}

/** rm's ERR_FS_EISDIR, whose info lists `code` first. */
function rmIsDirectoryError(filePath) {
  const info = { code: "EISDIR", message: "is a directory", path: filePath, syscall: "rm", errno: ERRNO.EISDIR };
  return new SystemError("ERR_FS_EISDIR", "Path is a directory", info);
}

export function notImplemented(what) {
  return nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", `${what} is not implemented in rusk yet`);
}

// ---------------------------------------------------------------------------------------------
// Paths: strings, Buffers/Uint8Arrays and file: URLs, checked as Node checks them.

// Node accepts any URL-shaped object (href and protocol, and not a legacy url.parse result).
function isURLLike(value) {
  return value != null && typeof value === "object" && Boolean(value.href) && Boolean(value.protocol) && value.auth === undefined && value.path === undefined;
}

function fileURLToPathString(url) {
  if (url.protocol !== "file:") throw nodeError(TypeError, "ERR_INVALID_URL_SCHEME", "The URL must be of scheme file");
  if (url.hostname !== "") {
    throw nodeError(TypeError, "ERR_INVALID_FILE_URL_HOST", `File URL host must be "localhost" or empty on ${process.platform}`);
  }
  const pathname = url.pathname;
  if (/%2f/i.test(pathname)) throw nodeError(TypeError, "ERR_INVALID_FILE_URL_PATH", "File URL path must not include encoded / characters");
  return decodeURIComponent(pathname);
}

function nulBytesError(name, value) {
  return ERR_INVALID_ARG_VALUE(name, value, "must be a string, Uint8Array, or URL without null bytes");
}

/** The path argument as the string the native takes; throws Node's errors for bad input. */
export function toPathString(value, name = "path") {
  if (isURLLike(value)) value = fileURLToPathString(value);
  if (typeof value === "string") {
    if (value.includes("\0")) throw nulBytesError(name, value);
    return value;
  }
  if (value instanceof Uint8Array) {
    if (value.includes(0)) throw nulBytesError(name, value);
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("utf8");
  }
  throw ERR_INVALID_ARG_TYPE(name, ["string", "Buffer", "URL"], value);
}

/** A file argument that is taken as a descriptor (readFile, writeFile, appendFile): any int32. */
function isDescriptor(file) {
  return typeof file === "number" && (file | 0) === file;
}

// ---------------------------------------------------------------------------------------------
// Options, encodings, flags, modes, descriptors, times.

/** Node's getOptions: a string is the encoding, an object is taken as it is. */
function getOptions(options, defaults = {}) {
  if (options == null || typeof options === "function") return defaults;
  if (typeof options === "string") options = { ...defaults, encoding: options };
  else if (typeof options !== "object") throw ERR_INVALID_ARG_TYPE("options", ["string", "object"], options);
  if (options.encoding !== "buffer") assertEncoding(options.encoding);
  if (options.signal !== undefined) validateAbortSignal(options.signal, "options.signal");
  return options;
}

function assertEncoding(encoding) {
  if (encoding && !Buffer.isEncoding(encoding)) throw ERR_INVALID_ARG_VALUE("encoding", encoding, "is invalid encoding");
}

/** A name read from the system (a file name or path) in the encoding the caller asked for. */
function encodeName(name, encoding) {
  if (!encoding || encoding === "utf8" || encoding === "utf-8") return name;
  const bytes = Buffer.from(name, "utf8");
  return encoding === "buffer" ? bytes : bytes.toString(encoding);
}

let flagTable;
function flagsByName() {
  if (flagTable) return flagTable;
  const table = {
    r: O_RDONLY,
    rs: O_RDONLY | O_SYNC,
    "r+": O_RDWR,
    "rs+": O_RDWR | O_SYNC,
    w: O_TRUNC | O_CREAT | O_WRONLY,
    wx: O_TRUNC | O_CREAT | O_WRONLY | O_EXCL,
    "w+": O_TRUNC | O_CREAT | O_RDWR,
    "wx+": O_TRUNC | O_CREAT | O_RDWR | O_EXCL,
    a: O_APPEND | O_CREAT | O_WRONLY,
    ax: O_APPEND | O_CREAT | O_WRONLY | O_EXCL,
    as: O_APPEND | O_CREAT | O_WRONLY | O_SYNC,
    "a+": O_APPEND | O_CREAT | O_RDWR,
    "ax+": O_APPEND | O_CREAT | O_RDWR | O_EXCL,
    "as+": O_APPEND | O_CREAT | O_RDWR | O_SYNC,
  };
  // Node also takes the letters of the modifier flags in either order: "sr", "xw", "xa+".
  for (const name of ["rs", "rs+", "wx", "wx+", "ax", "ax+", "as", "as+"]) {
    table[name[1] + name[0] + name.slice(2)] = table[name];
  }
  flagTable = table;
  return table;
}

/** Node's stringToFlags: "r", "w+", ... or a number of O_* bits. */
function stringToFlags(flags, name = "flags") {
  if (typeof flags === "number") return flags;
  if (flags == null) return O_RDONLY;
  const value = typeof flags === "string" ? flagsByName()[flags] : undefined;
  if (value === undefined) throw ERR_INVALID_ARG_VALUE(name, flags);
  return value;
}

/** Flags for open(): strings by name, numbers must be int32. */
function openFlags(flags, fallback) {
  if (flags === undefined || flags === null) return stringToFlags(fallback);
  if (typeof flags === "number") {
    validateInt32(flags, "flags");
    return flags;
  }
  return stringToFlags(flags);
}

/** Node's parseFileMode: a uint32 or an octal string. */
function parseFileMode(value, name, fallback) {
  value ??= fallback;
  if (typeof value === "string") {
    if (!/^[0-7]+$/.test(value)) throw ERR_INVALID_ARG_VALUE(name, value, "must be a 32-bit unsigned integer or an octal string");
    value = parseInt(value, 8);
  }
  validateUint32(value, name);
  return value;
}

// access() and copyFile() check their `mode` with messages of their own in Node 20.
function accessMode(mode, fallback, max) {
  if (mode == null) return fallback;
  if (typeof mode !== "number") throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", "mode must be int32 or null/undefined");
  if (!(mode >= 0 && mode <= max)) throw nodeError(RangeError, "ERR_OUT_OF_RANGE", `mode is out of range: >= 0 && <= ${max}`);
  return Math.trunc(mode);
}

/** Node's validateObject: a non-null, non-array object (null too when `nullable`). */
export function validateObject(value, name, { nullable = false } = {}) {
  if ((value === null && !nullable) || Array.isArray(value) || (typeof value !== "object" && value !== null)) {
    throw ERR_INVALID_ARG_TYPE(name, "object", value);
  }
}

export function validateFd(fd, name = "fd") {
  validateInt32(fd, name, 0);
  return fd;
}

/** Node's toUnixTimestamp: seconds from a number, a numeric string or a Date. */
export function toUnixTimestamp(time, name = "time") {
  if (typeof time === "string" && +time == time) return +time; // eslint-disable-line eqeqeq
  if (Number.isFinite(time)) return time < 0 ? Date.now() / 1000 : time;
  if (time instanceof Date) return time.getTime() / 1000;
  // Node's message reads "an Time in seconds".
  throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "${name}" argument must be an instance of Date or an Time in seconds. ${receivedText(time)}`);
}

function receivedText(value) {
  const message = ERR_INVALID_ARG_TYPE("x", "string", value).message;
  return message.slice(message.indexOf("Received"));
}

function validateId(id, name) {
  validateInteger(id, name, -1, 4294967295);
}

function isArrayBufferView(value) {
  return ArrayBuffer.isView(value);
}

/** The bytes of any ArrayBufferView as a Uint8Array over the same memory. */
function bytesOf(view) {
  return view instanceof Uint8Array ? view : new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

export function validateBuffer(buffer, name = "buffer") {
  if (!isArrayBufferView(buffer)) throw ERR_INVALID_ARG_TYPE(name, ["Buffer", "TypedArray", "DataView"], buffer);
}

/** Data for writeFile/appendFile/write: a string or an ArrayBufferView. */
function validateWriteData(data, name) {
  if (typeof data !== "string" && !isArrayBufferView(data)) {
    throw ERR_INVALID_ARG_TYPE(name, ["string", "Buffer", "TypedArray", "DataView"], data);
  }
}

export function checkAborted(signal) {
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
}

// ---------------------------------------------------------------------------------------------
// Stats

function dateFromMs(ms) {
  return new Date(Math.round(Number(ms)));
}

class StatsBase {
  isDirectory() {
    return this._checkModeProperty(S_IFDIR);
  }
  isFile() {
    return this._checkModeProperty(S_IFREG);
  }
  isBlockDevice() {
    return this._checkModeProperty(S_IFBLK);
  }
  isCharacterDevice() {
    return this._checkModeProperty(S_IFCHR);
  }
  isSymbolicLink() {
    return this._checkModeProperty(S_IFLNK);
  }
  isFIFO() {
    return this._checkModeProperty(S_IFIFO);
  }
  isSocket() {
    return this._checkModeProperty(S_IFSOCK);
  }
}

function setBaseFields(stats, dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks) {
  stats.dev = dev;
  stats.mode = mode;
  stats.nlink = nlink;
  stats.uid = uid;
  stats.gid = gid;
  stats.rdev = rdev;
  stats.blksize = blksize;
  stats.ino = ino;
  stats.size = size;
  stats.blocks = blocks;
}

export class Stats extends StatsBase {
  constructor(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs) {
    super();
    setBaseFields(this, dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks);
    this.atimeMs = atimeMs;
    this.mtimeMs = mtimeMs;
    this.ctimeMs = ctimeMs;
    this.birthtimeMs = birthtimeMs;
    this.atime = dateFromMs(atimeMs);
    this.mtime = dateFromMs(mtimeMs);
    this.ctime = dateFromMs(ctimeMs);
    this.birthtime = dateFromMs(birthtimeMs);
  }
  isFile() {
    return this._checkModeProperty(S_IFREG);
  }
  _checkModeProperty(property) {
    return (this.mode & S_IFMT) === property;
  }
}

const NS_PER_MS = 1000000n;

class BigIntStats extends StatsBase {
  constructor(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeNs, mtimeNs, ctimeNs, birthtimeNs) {
    super();
    setBaseFields(this, dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks);
    this.atimeMs = atimeNs / NS_PER_MS;
    this.mtimeMs = mtimeNs / NS_PER_MS;
    this.ctimeMs = ctimeNs / NS_PER_MS;
    this.birthtimeMs = birthtimeNs / NS_PER_MS;
    this.atimeNs = atimeNs;
    this.mtimeNs = mtimeNs;
    this.ctimeNs = ctimeNs;
    this.birthtimeNs = birthtimeNs;
    this.atime = dateFromMs(this.atimeMs);
    this.mtime = dateFromMs(this.mtimeMs);
    this.ctime = dateFromMs(this.ctimeMs);
    this.birthtime = dateFromMs(this.birthtimeMs);
  }
  _checkModeProperty(property) {
    return (this.mode & BigInt(S_IFMT)) === BigInt(property);
  }
}

// The native reports times as fractional milliseconds (a double), so nanoseconds are exact
// only to the double's precision (about 0.25 µs for present-day dates).
function msToNs(ms) {
  const whole = Math.floor(ms);
  // Kept below a whole millisecond, so that atimeNs / 1e6 agrees with Math.floor(atimeMs).
  return BigInt(whole) * NS_PER_MS + BigInt(Math.min(999999, Math.round((ms - whole) * 1e6)));
}

/** Stats (or BigIntStats) from the native's Float64Array(14). */
function statsFromArray(a, bigint) {
  if (!bigint) return new Stats(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13]);
  const ints = [];
  for (let i = 0; i < 10; i++) ints.push(BigInt(a[i]));
  return new BigIntStats(...ints, msToNs(a[10]), msToNs(a[11]), msToNs(a[12]), msToNs(a[13]));
}

// ---------------------------------------------------------------------------------------------
// Dirent

const kType = Symbol("type");

export class Dirent {
  constructor(name, type, parentPath) {
    this.name = name;
    this.parentPath = parentPath;
    this.path = parentPath;
    this[kType] = type;
  }
  isDirectory() {
    return this[kType] === UV_DIRENT.DIR;
  }
  isFile() {
    return this[kType] === UV_DIRENT.FILE;
  }
  isBlockDevice() {
    return this[kType] === UV_DIRENT.BLOCK;
  }
  isCharacterDevice() {
    return this[kType] === UV_DIRENT.CHAR;
  }
  isSymbolicLink() {
    return this[kType] === UV_DIRENT.LINK;
  }
  isFIFO() {
    return this[kType] === UV_DIRENT.FIFO;
  }
  isSocket() {
    return this[kType] === UV_DIRENT.SOCKET;
  }
}

function typeFromMode(mode) {
  switch (mode & S_IFMT) {
    case S_IFREG:
      return UV_DIRENT.FILE;
    case S_IFDIR:
      return UV_DIRENT.DIR;
    case S_IFLNK:
      return UV_DIRENT.LINK;
    case S_IFIFO:
      return UV_DIRENT.FIFO;
    case S_IFSOCK:
      return UV_DIRENT.SOCKET;
    case S_IFCHR:
      return UV_DIRENT.CHAR;
    case S_IFBLK:
      return UV_DIRENT.BLOCK;
    default:
      return UV_DIRENT.UNKNOWN;
  }
}

/** An entry's type; file systems that do not report it get an lstat, as in Node. */
function entryType(dir, name, type) {
  if (type !== UV_DIRENT.UNKNOWN) return type;
  try {
    return typeFromMode(native.lstat(joinPath(dir, name))[1]);
  } catch {
    return UV_DIRENT.UNKNOWN;
  }
}

function joinPath(dir, name) {
  return dir.endsWith("/") ? dir + name : `${dir}/${name}`;
}

// ---------------------------------------------------------------------------------------------
// Descriptor I/O

/** Reads from `fd` until end of file (from `position`, or the current position when -1). */
function readAll(fd, position = -1) {
  const chunks = [];
  let total = 0;
  let size = 0;
  try {
    size = native.fstat(fd)[8];
  } catch {
    size = 0;
  }
  let chunkSize = size > 0 ? size + 1 : 8192;
  for (;;) {
    const chunk = new Uint8Array(chunkSize);
    const n = native.read(fd, chunk, 0, chunkSize, position);
    if (n === 0) break;
    chunks.push(n === chunkSize ? chunk : chunk.subarray(0, n));
    total += n;
    if (position >= 0) position += n;
    chunkSize = Math.min(chunkSize * 2, 1 << 24);
  }
  return Buffer.concat(chunks, total);
}

/** Writes all of `bytes` to `fd` (at `position`, or the current position when -1). */
function writeAll(fd, bytes, position = -1) {
  let offset = 0;
  while (offset < bytes.byteLength) {
    const n = native.write(fd, bytes, offset, bytes.byteLength - offset, position);
    offset += n;
    if (position >= 0) position += n;
  }
}

/** Opens `path`, runs `use(fd)`, and closes the descriptor whatever happens. */
function withOpenFile(filePath, flags, mode, use) {
  const fd = native.open(filePath, flags, mode);
  try {
    return use(fd);
  } finally {
    native.close(fd);
  }
}

// ---------------------------------------------------------------------------------------------
// readFile / writeFile / appendFile

export function readFileSync(file, options) {
  options = getOptions(options, { flag: "r" });
  const flags = stringToFlags(options.flag || "r");
  let bytes;
  if (isDescriptor(file)) bytes = readAll(validateFd(file));
  else {
    const filePath = toPathString(file);
    if (flags === O_RDONLY) bytes = Buffer.from(native.readFile(filePath));
    else bytes = withOpenFile(filePath, flags, 0o666, (fd) => readAll(fd));
  }
  return options.encoding && options.encoding !== "buffer" ? bytes.toString(options.encoding) : bytes;
}

/** The options of writeFile/appendFile, normalized; `flag` defaults differ between the two. */
function writeFileOptions(options, defaultFlag) {
  options = getOptions(options, { encoding: "utf8", mode: 0o666, flag: defaultFlag });
  if (options.flush !== undefined && options.flush !== null) validateBoolean(options.flush, "options.flush");
  return {
    encoding: options.encoding || "utf8",
    mode: parseFileMode(options.mode, "mode", 0o666),
    flags: stringToFlags(options.flag || defaultFlag),
    flush: Boolean(options.flush),
    signal: options.signal,
  };
}

export function dataBytes(data, encoding) {
  return typeof data === "string" ? Buffer.from(data, encoding) : bytesOf(data);
}

function writeWholeFile(file, data, opts) {
  const bytes = dataBytes(data, opts.encoding);
  if (isDescriptor(file)) {
    writeAll(validateFd(file), bytes);
    if (opts.flush) native.fsync(file);
    return;
  }
  withOpenFile(toPathString(file), opts.flags, opts.mode, (fd) => {
    writeAll(fd, bytes);
    if (opts.flush) native.fsync(fd);
  });
}

/** Checks writeFile's arguments; returns what `writeWholeFile` needs. */
export function prepareWriteFile(file, data, options, defaultFlag) {
  if (!isDescriptor(file)) toPathString(file, "path");
  validateWriteData(data, "data");
  return writeFileOptions(options, defaultFlag);
}

export function writeFileSync(file, data, options) {
  const opts = prepareWriteFile(file, data, options, "w");
  writeWholeFile(file, data, opts);
}

export function appendFileSync(file, data, options) {
  const opts = prepareWriteFile(file, data, options, "a");
  writeWholeFile(file, data, opts);
}

export { writeWholeFile, writeAll, readAll };

// ---------------------------------------------------------------------------------------------
// open / close / read / write / readv / writev

export function openSync(file, flags, mode) {
  const filePath = toPathString(file);
  return native.open(filePath, openFlags(flags, "r"), parseFileMode(mode, "mode", 0o666));
}

export function closeSync(fd) {
  native.close(validateFd(fd));
}

function validatePosition(position, name, length) {
  if (typeof position === "number") {
    validateInteger(position, name, -1);
    return position;
  }
  if (typeof position === "bigint") {
    if (!(position >= -(2n ** 63n) && position <= 2n ** 63n - 1n)) {
      throw ERR_OUT_OF_RANGE(name, `>= ${-(2n ** 63n)} && <= ${2n ** 63n - 1n}`, position);
    }
    // Any negative position reads from the current position, as libuv does.
    return position < 0n ? -1 : Number(position);
  }
  throw ERR_INVALID_ARG_TYPE(name, ["integer", "bigint"], position);
}

/**
 * Checks read()'s offset/length/position for `buffer`; returns `[offset, length, position]`,
 * or null when there is nothing to read (length 0).
 */
export function readRequest(buffer, offset, length, position) {
  if (offset == null) offset = 0;
  else validateInteger(offset, "offset", 0);
  length |= 0;
  if (length === 0) return null;
  if (buffer.byteLength === 0) throw ERR_INVALID_ARG_VALUE("buffer", buffer, "is empty and cannot be written");
  if (length < 0) throw ERR_OUT_OF_RANGE("length", ">= 0", length);
  if (offset + length > buffer.byteLength) throw ERR_OUT_OF_RANGE("length", `<= ${buffer.byteLength - offset}`, length);
  position = position == null ? -1 : validatePosition(position, "position", length);
  return [offset, length, position];
}

/** readSync's arguments: (buffer, offset, length, position) or (buffer, options?). */
function readSyncArgs(buffer, offsetOrOptions, length, position, argc) {
  validateBuffer(buffer);
  let offset = offsetOrOptions;
  if (argc <= 3 || typeof offsetOrOptions === "object") {
    if (offsetOrOptions !== undefined) validateObject(offsetOrOptions, "options", { nullable: true });
    const opts = offsetOrOptions ?? {};
    offset = opts.offset ?? 0;
    length = opts.length ?? buffer.byteLength - offset;
    position = opts.position ?? null;
  }
  return readRequest(buffer, offset, length, position);
}

export function readInto(fd, buffer, request) {
  if (request === null) return 0;
  const [offset, length, position] = request;
  return native.read(fd, bytesOf(buffer), offset, length, position);
}

export function readSync(fd, buffer, offsetOrOptions, length, position) {
  validateFd(fd);
  const request = readSyncArgs(buffer, offsetOrOptions, length, position, arguments.length);
  return readInto(fd, buffer, request);
}

/** Checks write()'s offset and length against the buffer, as Node does. */
function validateOffsetLengthWrite(offset, length, byteLength) {
  if (offset > byteLength) throw ERR_OUT_OF_RANGE("offset", `<= ${byteLength}`, offset);
  if (length > byteLength - offset) throw ERR_OUT_OF_RANGE("length", `<= ${byteLength - offset}`, length);
  if (length < 0) throw ERR_OUT_OF_RANGE("length", ">= 0", length);
  validateInt32(length, "length", 0);
}

// A write position that is not an integer number means "the current position".
function writePosition(position) {
  return typeof position === "number" && Number.isSafeInteger(position) && position >= 0 ? position : -1;
}

function validateStringEncoding(data, encoding) {
  if (encoding === "hex" && data.length % 2 !== 0) {
    throw ERR_INVALID_ARG_VALUE("encoding", encoding, `is invalid for data of length ${data.length}`);
  }
}

/**
 * A write request from write()'s arguments: buffer form (buffer, offset, length, position) or
 * (buffer, options), or string form (string, position, encoding). Returns `{ bytes, offset,
 * length, position }`.
 */
export function writeRequest(data, offsetOrOptions, length, position) {
  if (isArrayBufferView(data)) {
    let offset = offsetOrOptions;
    if (offset !== null && typeof offset === "object") {
      offset = offsetOrOptions.offset ?? 0;
      length = offsetOrOptions.length ?? data.byteLength - offset;
      position = offsetOrOptions.position ?? null;
    }
    if (offset == null || typeof offset === "function") offset = 0;
    else validateInteger(offset, "offset", 0);
    if (typeof length !== "number") length = data.byteLength - offset;
    validateOffsetLengthWrite(offset, length, data.byteLength);
    return { bytes: bytesOf(data), offset, length, position: writePosition(position) };
  }
  if (typeof data !== "string") throw ERR_INVALID_ARG_TYPE("buffer", ["string", "Buffer", "TypedArray", "DataView"], data);
  // String form: the third argument is the position and the fourth the encoding.
  const encoding = typeof length === "string" && Buffer.isEncoding(length) ? length : "utf8";
  validateStringEncoding(data, length);
  const bytes = Buffer.from(data, encoding);
  return { bytes, offset: 0, length: bytes.byteLength, position: writePosition(offsetOrOptions) };
}

export function writeFrom(fd, request) {
  return native.write(fd, request.bytes, request.offset, request.length, request.position);
}

export function writeSync(fd, buffer, offsetOrOptions, length, position) {
  validateFd(fd);
  return writeFrom(fd, writeRequest(buffer, offsetOrOptions, length, position));
}

export function validateBufferArray(buffers, name = "buffers") {
  if (!Array.isArray(buffers) || !buffers.every(isArrayBufferView)) {
    throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "${name}" argument must be an ArrayBufferView[]. ${receivedText(buffers)}`);
  }
}

function vectorPosition(position) {
  return typeof position === "number" && Number.isSafeInteger(position) && position >= 0 ? position : -1;
}

/** Reads into each buffer in turn, stopping at a short read (end of file). */
export function readvInto(fd, buffers, position) {
  // readv(2) with no buffers is EINVAL on Linux, as Node reports it.
  if (buffers.length === 0) throw uvError("EINVAL", "read");
  let total = 0;
  position = vectorPosition(position);
  for (const view of buffers) {
    const bytes = bytesOf(view);
    if (bytes.byteLength === 0) continue;
    const n = native.read(fd, bytes, 0, bytes.byteLength, position);
    total += n;
    if (position >= 0) position += n;
    if (n < bytes.byteLength) break;
  }
  return total;
}

/** Writes each buffer in turn, all of it. */
export function writevFrom(fd, buffers, position) {
  let total = 0;
  position = vectorPosition(position);
  for (const view of buffers) {
    const bytes = bytesOf(view);
    writeAll(fd, bytes, position);
    total += bytes.byteLength;
    if (position >= 0) position += bytes.byteLength;
  }
  return total;
}

export function readvSync(fd, buffers, position) {
  validateFd(fd);
  validateBufferArray(buffers);
  return readvInto(fd, buffers, position);
}

export function writevSync(fd, buffers, position) {
  validateFd(fd);
  validateBufferArray(buffers);
  return writevFrom(fd, buffers, position);
}

// ---------------------------------------------------------------------------------------------
// stat family

function statOptions(options) {
  if (options == null || typeof options === "function") return { bigint: false, throwIfNoEntry: true };
  return { bigint: Boolean(options.bigint), throwIfNoEntry: options.throwIfNoEntry !== false };
}

function statWith(nativeStat, file, options) {
  const opts = statOptions(options);
  const filePath = toPathString(file);
  try {
    return statsFromArray(nativeStat(filePath), opts.bigint);
  } catch (err) {
    if (!opts.throwIfNoEntry && err?.code === "ENOENT") return undefined;
    throw err;
  }
}

export function statSync(file, options) {
  return statWith(native.stat, file, options);
}

export function lstatSync(file, options) {
  return statWith(native.lstat, file, options);
}

export function fstatSync(fd, options) {
  validateFd(fd);
  return statsFromArray(native.fstat(fd), statOptions(options).bigint);
}

// ---------------------------------------------------------------------------------------------
// readdir

function readdirOptions(options) {
  options = getOptions(options);
  if (options.recursive !== undefined) validateBoolean(options.recursive, "options.recursive");
  return { encoding: options.encoding, withFileTypes: Boolean(options.withFileTypes), recursive: Boolean(options.recursive) };
}

// libuv's scandir sorts names bytewise; comparing UTF-16 code points gives the same order
// except across surrogates, which this compares by code point as UTF-8 does.
function compareNames(a, b) {
  const x = a[0];
  const y = b[0];
  if (x === y) return 0;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const cx = x.codePointAt(i);
    const cy = y.codePointAt(i);
    if (cx !== cy) return cx - cy;
    if (cx > 0xffff) i++;
  }
  return x.length - y.length;
}

/** The sorted `[name, type]` entries of one directory. */
function listDirectory(dirPath) {
  return Array.from(native.readdir(dirPath)).sort(compareNames);
}

function isDirectoryFollowingLinks(entryPath) {
  try {
    return (native.stat(entryPath)[1] & S_IFMT) === S_IFDIR;
  } catch {
    return false;
  }
}

export function readdirSync(dir, options) {
  const opts = readdirOptions(options);
  const dirPath = toPathString(dir);
  if (opts.recursive) return readdirRecursive(dirPath, opts, false);
  return readdirFlat(dir, dirPath, opts);
}

// fs.promises.readdir: `recursive` is any truthy value, and subdirectories are taken from a
// stack (the last one found is listed first), as Node's promise version walks them.
export function readdirForPromise(dir, options) {
  options = getOptions(options);
  const opts = { encoding: options.encoding, withFileTypes: Boolean(options.withFileTypes), recursive: Boolean(options.recursive) };
  const dirPath = toPathString(dir);
  if (opts.recursive) return readdirRecursive(dirPath, opts, true);
  return readdirFlat(dir, dirPath, opts);
}

function readdirFlat(dir, dirPath, opts) {
  const entries = listDirectory(dirPath);
  if (opts.withFileTypes) {
    // parentPath is the path as given: a Buffer stays a Buffer, a URL becomes its path.
    const parent = dir instanceof Uint8Array ? dir : dirPath;
    return entries.map(([name, type]) => new Dirent(encodeName(name, opts.encoding), entryType(dirPath, name, type), parent));
  }
  return entries.map(([name]) => encodeName(name, opts.encoding));
}

// readdirSync goes breadth first: a directory's entries, then each subdirectory's in the order
// found; the promise form lists each subdirectory as found and walks them last-found first.
// Names are relative to the top; without withFileTypes, links to directories are followed
// (Node stats each entry), with it they are not.
function readdirRecursive(top, opts, lastFoundFirst) {
  const results = [];
  const queue = [top];
  while (queue.length > 0) {
    const dirPath = lastFoundFirst ? queue.pop() : queue.shift();
    const relative = dirPath === top ? "" : `${dirPath.slice(top.length + (top.endsWith("/") ? 0 : 1))}/`;
    for (const [name, rawType] of listDirectory(dirPath)) {
      const entryPath = joinPath(dirPath, name);
      if (opts.withFileTypes) {
        const type = entryType(dirPath, name, rawType);
        results.push(new Dirent(encodeName(name, opts.encoding), type, dirPath));
        if (type === UV_DIRENT.DIR) queue.push(entryPath);
      } else {
        results.push(encodeName(relative + name, opts.encoding));
        if (isDirectoryFollowingLinks(entryPath)) queue.push(entryPath);
      }
    }
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// mkdir / mkdtemp / rmdir / rm / unlink / rename / link / symlink / readlink / realpath

function mkdirOptions(options) {
  let mode = 0o777;
  let recursive = false;
  if (typeof options === "number" || typeof options === "string") mode = parseFileMode(options, "mode");
  else if (options) {
    if (options.recursive !== undefined) recursive = options.recursive;
    if (options.mode !== undefined) mode = options.mode;
  }
  validateBoolean(recursive, "options.recursive");
  return { recursive, mode: parseFileMode(mode, "mode", 0o777) };
}

export function mkdirSync(dir, options) {
  return makeDirectory(dir, options, false);
}

/** mkdir for the callback and promise forms, whose mkdir -p reports a little differently. */
export function mkdirForAsync(dir, options) {
  return makeDirectory(dir, options, true);
}

function makeDirectory(dir, options, asyncForm) {
  const opts = mkdirOptions(options);
  const dirPath = toPathString(dir);
  if (!opts.recursive) {
    native.mkdir(dirPath, opts.mode);
    return undefined;
  }
  return mkdirRecursive(dirPath, opts.mode, asyncForm);
}

function isDirectoryAt(p) {
  try {
    return (native.stat(p)[1] & S_IFMT) === S_IFDIR;
  } catch {
    return false;
  }
}

// Failures that end mkdir -p at once; any other is looked at with stat.
const MKDIR_FATAL = new Set(["EACCES", "ENOSPC", "ENOTDIR", "EPERM"]);

// mkdir -p as Node does it: try the path, and on ENOENT its parent first; returns the first
// directory created. A non-directory in the way is EEXIST when it is the path asked for and
// ENOTDIR when it is an ancestor. Failures are reported against the path asked for, except
// that Node's asynchronous form reports a dangling link among the ancestors as ENOTDIR there.
function mkdirRecursive(dirPath, mode, asyncForm = false) {
  const pending = [dirPath];
  let first;
  while (pending.length > 0) {
    const next = pending.pop();
    try {
      native.mkdir(next, mode);
      first ??= next;
      continue;
    } catch (err) {
      if (err?.code === "ENOENT" && path.dirname(next) !== next) {
        pending.push(next, path.dirname(next));
        continue;
      }
      if (MKDIR_FATAL.has(err?.code)) throw reportAgainst(err, dirPath, "mkdir");
      let stats;
      try {
        stats = native.stat(next);
      } catch (statErr) {
        if (asyncForm && pending.length > 0) throw uvError("ENOTDIR", "mkdir", next);
        throw reportAgainst(statErr, dirPath, "mkdir");
      }
      if ((stats[1] & S_IFMT) !== S_IFDIR) {
        const code = err?.code === "EEXIST" && pending.length > 0 ? "ENOTDIR" : "EEXIST";
        throw uvError(code, "mkdir", dirPath);
      }
    }
  }
  return first;
}

// The errors this module raises itself, shaped as the native's.
const UV_ERRORS = {
  EEXIST: [-17, "file already exists"],
  ENOTDIR: [-20, "not a directory"],
  EBADF: [-9, "bad file descriptor"],
  EINVAL: [-22, "invalid argument"],
};

function uvError(code, syscall, filePath) {
  const [errno, description] = UV_ERRORS[code];
  const err = new Error(`${code}: ${description}, ${syscall}${filePath === undefined ? "" : ` '${filePath}'`}`);
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  if (filePath !== undefined) err.path = filePath;
  return err;
}

// A system error moved to another path/syscall, keeping its code and description.
function reportAgainst(err, filePath, syscall) {
  if (!err || typeof err.code !== "string" || typeof err.message !== "string") return err;
  const prefix = `${err.code}: `;
  const comma = err.message.indexOf(", ");
  if (!err.message.startsWith(prefix) || comma < 0) return err;
  const description = err.message.slice(prefix.length, comma);
  const moved = new Error(`${err.code}: ${description}, ${syscall}${filePath === undefined ? "" : ` '${filePath}'`}`);
  moved.errno = err.errno;
  moved.code = err.code;
  moved.syscall = syscall;
  if (filePath !== undefined) moved.path = filePath;
  return moved;
}

export function mkdtempSync(prefix, options) {
  options = getOptions(options);
  const prefixPath = toPathString(prefix, "prefix");
  return encodeName(native.mkdtemp(prefixPath), options.encoding);
}

const RM_DEFAULTS = { retryDelay: 100, maxRetries: 0, recursive: false, force: false };

function rmdirLikeOptions(options, defaults) {
  if (options === undefined) return { ...defaults };
  validateObject(options, "options");
  options = { ...defaults, ...options };
  validateBoolean(options.recursive, "options.recursive");
  validateInt32(options.retryDelay, "options.retryDelay", 0);
  validateUint32(options.maxRetries, "options.maxRetries");
  return options;
}

function rmOptions(options) {
  options = rmdirLikeOptions(options, RM_DEFAULTS);
  validateBoolean(options.force, "options.force");
  return options;
}

/** lstat of `p` that tells the directory case; undefined when missing and `force`. */
function lstatForRemoval(filePath, force) {
  try {
    return (native.lstat(filePath)[1] & S_IFMT) === S_IFDIR;
  } catch (err) {
    if (force && err?.code === "ENOENT") return undefined;
    throw err;
  }
}

export function rmSync(target, options) {
  removePath(target, options, true);
}

export function rmForAsync(target, options) {
  removePath(target, options, false);
}

// Node's rmSync skips its first lstat when both `force` and `recursive` are set (so a path
// under a file fails in unlink); the asynchronous forms always make it.
function removePath(target, options, syncForm) {
  const filePath = toPathString(target);
  const opts = rmOptions(options);
  if (syncForm && opts.force && opts.recursive) {
    removeTree(filePath, opts);
    return;
  }
  const isDirectory = lstatForRemoval(filePath, opts.force);
  if (isDirectory && !opts.recursive) {
    throw rmIsDirectoryError(filePath);
  }
  removeTree(filePath, opts);
}

const RETRY_CODES = new Set(["EBUSY", "EMFILE", "ENFILE", "ENOTEMPTY", "EPERM"]);

// Waits between rm retries; Atomics.wait where the runtime lets this thread block, else a spin.
function sleepSync(ms) {
  if (ms <= 0) return;
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    return;
  } catch {
    const end = Date.now() + ms;
    while (Date.now() < end);
  }
}

/** Runs `op`, retrying the transient failures `maxRetries` times, waiting longer each time. */
function withRetries(opts, op) {
  for (let attempt = 1; ; attempt++) {
    try {
      return op();
    } catch (err) {
      if (attempt > opts.maxRetries || !RETRY_CODES.has(err?.code)) throw err;
      sleepSync(attempt * opts.retryDelay);
    }
  }
}

// rm -rf: a directory is first rmdir'ed and only emptied when that fails because it has
// entries; an entry that vanished meanwhile is not an error. Errors keep the syscall and path
// of the call that failed, as Node's.
function removeTree(filePath, opts) {
  let isDirectory = false;
  try {
    isDirectory = (native.lstat(filePath)[1] & S_IFMT) === S_IFDIR;
  } catch (err) {
    // Any other failure leaves it to unlink to report.
    if (err?.code === "ENOENT") return;
  }
  try {
    if (isDirectory) removeDirectory(filePath, opts, null);
    else withRetries(opts, () => native.unlink(filePath));
  } catch (err) {
    if (err?.code === "ENOENT") return;
    if (err?.code !== "EISDIR") throw err;
    removeDirectory(filePath, opts, err);
  }
}

function removeDirectory(dirPath, opts, originalError) {
  try {
    native.rmdir(dirPath);
    return;
  } catch (err) {
    if (err?.code === "ENOENT") return;
    if (err?.code === "ENOTDIR") throw originalError ?? err;
    if (err?.code !== "ENOTEMPTY" && err?.code !== "EEXIST" && err?.code !== "EPERM") throw err;
  }
  for (const [name] of native.readdir(dirPath)) removeTree(joinPath(dirPath, name), opts);
  withRetries(opts, () => {
    try {
      native.rmdir(dirPath);
    } catch (err) {
      if (err?.code !== "ENOENT") throw err;
    }
  });
}

let warnedRecursiveRmdir = false;
function warnRecursiveRmdir() {
  if (warnedRecursiveRmdir) return;
  warnedRecursiveRmdir = true;
  process.emitWarning?.(
    "In future versions of Node.js, fs.rmdir(path, { recursive: true }) will be removed. Use fs.rm(path, { recursive: true }) instead",
    "DeprecationWarning",
    "DEP0147",
  );
}

export function rmdirSync(dir, options) {
  return removeDirectoryAt(dir, options, native.lstat);
}

// The promise form of a recursive rmdir looks at the path with stat (following a link).
export function rmdirForPromise(dir, options) {
  return removeDirectoryAt(dir, options, native.stat);
}

function removeDirectoryAt(dir, options, statFn) {
  const dirPath = toPathString(dir);
  if (options?.recursive) {
    warnRecursiveRmdir();
    const opts = rmdirLikeOptions({ ...options, force: false }, RM_DEFAULTS);
    // Recursive rmdir of a non-directory falls through to the plain rmdir (ENOTDIR).
    if ((statFn(dirPath)[1] & S_IFMT) === S_IFDIR) {
      removeTree(dirPath, opts);
      return;
    }
  } else rmdirLikeOptions(options, RM_DEFAULTS);
  native.rmdir(dirPath);
}

export function unlinkSync(file) {
  native.unlink(toPathString(file));
}

export function renameSync(oldPath, newPath) {
  const from = toPathString(oldPath, "oldPath");
  native.rename(from, toPathString(newPath, "newPath"));
}

export function linkSync(existingPath, newPath) {
  const from = toPathString(existingPath, "existingPath");
  native.link(from, toPathString(newPath, "newPath"));
}

// Only a string type is checked; Node ignores other values on POSIX.
function validateSymlinkType(type) {
  if (typeof type !== "string" || type === "dir" || type === "file" || type === "junction") return;
  throw nodeError(Error, "ERR_FS_INVALID_SYMLINK_TYPE", `Symlink type must be one of "dir", "file", or "junction". Received "${type}"`);
}

export function symlinkSync(target, linkPath, type) {
  validateSymlinkType(type);
  const targetPath = toPathString(target, "target");
  native.symlink(targetPath, toPathString(linkPath, "path"));
}

export function readlinkSync(link, options) {
  options = getOptions(options);
  return encodeName(native.readlink(toPathString(link, "path")), options.encoding);
}

export function realpathNativeSync(file, options) {
  options = getOptions(options);
  return encodeName(native.realpath(toPathString(file)), options.encoding);
}

// Node's fs.realpath walks the path itself: each component is lstat'ed, links are resolved
// (a link seen for the first time is stat'ed, which reports loops and dangling links), so its
// errors name lstat/stat and the component that failed rather than realpath(3).
export function realpathSync(file, options) {
  options = getOptions(options);
  // Node's JS realpath turns any other value into a string rather than rejecting it.
  if (!isURLLike(file) && typeof file !== "string" && !(file instanceof Uint8Array)) file = String(file);
  return encodeName(resolveRealpath(toPathString(file)), options.encoding);
}

// The input is first made absolute and normalized by name (".." before links), as Node does.
function resolveRealpath(input) {
  const known = new Map();
  let resolved = "/";
  let rest = path.resolve(input).split("/").filter(Boolean);
  while (rest.length > 0) {
    const name = rest.shift();
    const candidate = joinPath(resolved, name);
    const cachedTarget = known.get(candidate);
    if (cachedTarget !== undefined) {
      ({ resolved, rest } = followLink(candidate, cachedTarget, rest));
      continue;
    }
    const mode = native.lstat(candidate)[1];
    if ((mode & S_IFMT) !== S_IFLNK) {
      resolved = candidate;
      continue;
    }
    native.stat(candidate);
    const target = native.readlink(candidate);
    known.set(candidate, target);
    ({ resolved, rest } = followLink(candidate, target, rest));
  }
  return resolved;
}

function followLink(linkPath, target, rest) {
  const base = target.startsWith("/") ? "/" : path.dirname(linkPath);
  const targetPath = path.resolve(base, target);
  return { resolved: "/", rest: [...targetPath.split("/").filter(Boolean), ...rest] };
}

// ---------------------------------------------------------------------------------------------
// copyFile / access / exists / chmod / chown / utimes / truncate / sync

export function copyFileSync(src, dest, mode) {
  const from = toPathString(src, "src");
  const to = toPathString(dest, "dest");
  native.copyFile(from, to, accessMode(mode, 0, 7));
}

export function accessSync(file, mode) {
  const filePath = toPathString(file);
  native.access(filePath, accessMode(mode, F_OK, R_OK | W_OK | X_OK));
}

export function existsSync(file) {
  let filePath;
  try {
    filePath = toPathString(file);
  } catch {
    return false;
  }
  try {
    native.access(filePath, F_OK);
    return true;
  } catch {
    return false;
  }
}

export function chmodSync(file, mode) {
  const filePath = toPathString(file);
  native.chmod(filePath, parseFileMode(mode, "mode"));
}

export function fchmodSync(fd, mode) {
  validateFd(fd);
  native.fchmod(fd, parseFileMode(mode, "mode"));
}

function chownWith(nativeChown, file, uid, gid) {
  const filePath = toPathString(file);
  validateId(uid, "uid");
  validateId(gid, "gid");
  nativeChown(filePath, uid, gid);
}

export function chownSync(file, uid, gid) {
  chownWith(native.chown, file, uid, gid);
}

export function lchownSync(file, uid, gid) {
  chownWith(native.lchown, file, uid, gid);
}

export function fchownSync(fd, uid, gid) {
  validateFd(fd);
  validateId(uid, "uid");
  validateId(gid, "gid");
  native.fchown(fd, uid, gid);
}

export function utimesSync(file, atime, mtime) {
  const filePath = toPathString(file);
  native.utimes(filePath, toUnixTimestamp(atime), toUnixTimestamp(mtime));
}

export function lutimesSync(file, atime, mtime) {
  const filePath = toPathString(file);
  native.lutimes(filePath, toUnixTimestamp(atime), toUnixTimestamp(mtime));
}

export function futimesSync(fd, atime, mtime) {
  validateFd(fd);
  native.futimes(fd, toUnixTimestamp(atime, "atime"), toUnixTimestamp(mtime, "mtime"));
}

function truncateLength(len) {
  if (len === undefined) return 0;
  validateInteger(len, "len");
  return Math.max(0, len);
}

let warnedTruncateFd = false;

// Node opens the file for writing and truncates through the descriptor, so a missing file
// reports `open`.
export function truncateSync(file, len) {
  if (typeof file === "number") {
    if (!warnedTruncateFd) {
      warnedTruncateFd = true;
      process.emitWarning?.("Using fs.truncate with a file descriptor is deprecated. Please use fs.ftruncate with a file descriptor instead.", "DeprecationWarning", "DEP0081");
    }
    ftruncateSync(file, len);
    return;
  }
  const filePath = toPathString(file);
  const length = truncateLength(len);
  withOpenFile(filePath, O_RDWR, 0o666, (fd) => native.ftruncate(fd, length));
}

export function ftruncateSync(fd, len) {
  validateFd(fd);
  native.ftruncate(fd, truncateLength(len));
}

export function fsyncSync(fd) {
  native.fsync(validateFd(fd));
}

export function fdatasyncSync(fd) {
  native.fdatasync(validateFd(fd));
}

// ---------------------------------------------------------------------------------------------
// Dir (opendir): the entries are read when the directory is opened.

function opendirOptions(options) {
  options = getOptions(options, { encoding: "utf8" });
  if (options.bufferSize !== undefined) validateUint32(options.bufferSize, "options.bufferSize", true);
  return { encoding: options.encoding, recursive: Boolean(options.recursive) };
}

// opendir's failures name the syscall `opendir`; Node's opendirSync leaves the path out.
function openDirectoryEntries(dirPath, withPath) {
  try {
    return Array.from(native.readdir(dirPath));
  } catch (err) {
    throw reportAgainst(err, withPath ? dirPath : undefined, "opendir");
  }
}

export class Dir {
  #path;
  #pending;
  #encoding;
  #recursive;
  #closed = false;

  constructor(dirPath, entries, options) {
    // Only opendir makes a Dir; Node's constructor wants its internal handle.
    if (entries === undefined) throw nodeError(TypeError, "ERR_MISSING_ARGS", 'The "handle" argument must be specified');
    this.#path = dirPath;
    this.#encoding = options.encoding;
    this.#recursive = options.recursive;
    this.#pending = entries.map(([name, type]) => [dirPath, name, type]);
  }

  get path() {
    return this.#path;
  }

  #checkOpen() {
    if (this.#closed) throw nodeError(Error, "ERR_DIR_CLOSED", "Directory handle was closed");
  }

  readSync() {
    this.#checkOpen();
    const next = this.#pending.shift();
    if (next === undefined) return null;
    const [parent, name, rawType] = next;
    const type = entryType(parent, name, rawType);
    // A recursive Dir walks subdirectories after the entries already listed.
    if (this.#recursive && type === UV_DIRENT.DIR) {
      const childPath = joinPath(parent, name);
      for (const [childName, childType] of native.readdir(childPath)) this.#pending.push([childPath, childName, childType]);
    }
    return new Dirent(encodeName(name, this.#encoding), type, parent);
  }

  read(callback) {
    if (callback === undefined) return settleLater(() => this.readSync());
    validateCallback(callback);
    let entry;
    try {
      entry = this.readSync();
    } catch (err) {
      defer(callback, err);
      return undefined;
    }
    defer(callback, null, entry);
    return undefined;
  }

  closeSync() {
    this.#checkOpen();
    this.#closed = true;
  }

  close(callback) {
    if (callback === undefined) return settleLater(() => this.closeSync());
    validateCallback(callback);
    try {
      this.closeSync();
    } catch (err) {
      defer(callback, err);
      return undefined;
    }
    defer(callback, null);
    return undefined;
  }

  async *entries() {
    try {
      for (;;) {
        const entry = await this.read();
        if (entry === null) break;
        yield entry;
      }
    } finally {
      if (!this.#closed) this.closeSync();
    }
  }

  [Symbol.asyncIterator]() {
    return this.entries();
  }

  /** Closes unless already closed (for `using` / `await using`). */
  disposeSync() {
    if (!this.#closed) this.closeSync();
  }
}

// `using` support where the runtime has the symbols.
for (const [symbol, value] of [
  [Symbol.dispose, function dispose() { this.disposeSync(); }],
  [Symbol.asyncDispose, async function asyncDispose() { this.disposeSync(); }],
]) {
  if (typeof symbol === "symbol") Object.defineProperty(Dir.prototype, symbol, { value, writable: true, configurable: true });
}

export function opendirSync(dir, options) {
  const dirPath = toPathString(dir);
  const opts = opendirOptions(options);
  return new Dir(dirPath, openDirectoryEntries(dirPath, false), opts);
}

export function opendirForAsync(dir, options) {
  const dirPath = toPathString(dir);
  const opts = opendirOptions(options);
  return new Dir(dirPath, openDirectoryEntries(dirPath, true), opts);
}

// ---------------------------------------------------------------------------------------------
// cp: one walk, written as a generator that yields each filter() result, so the sync form
// runs it straight through and the async forms await filters that return promises.

const CP_DEFAULTS = {
  dereference: false,
  errorOnExist: false,
  filter: undefined,
  force: true,
  preserveTimestamps: false,
  recursive: false,
  verbatimSymlinks: false,
};

export function cpOptions(options) {
  if (options === undefined) return { ...CP_DEFAULTS, mode: 0 };
  validateObject(options, "options");
  options = { ...CP_DEFAULTS, ...options };
  for (const name of ["dereference", "errorOnExist", "force", "preserveTimestamps", "recursive", "verbatimSymlinks"]) {
    validateBoolean(options[name], `options.${name}`);
  }
  options.mode = options.mode === undefined ? 0 : options.mode;
  validateInteger(options.mode, "mode", 0, 7);
  if (options.dereference && options.verbatimSymlinks) {
    throw nodeError(TypeError, "ERR_INCOMPATIBLE_OPTION_PAIR", 'Option "dereference" cannot be used in combination with option "verbatimSymlinks"');
  }
  if (options.filter !== undefined && typeof options.filter !== "function") {
    throw ERR_INVALID_ARG_TYPE("options.filter", "function", options.filter);
  }
  return options;
}

function cpStat(opts, p) {
  return opts.dereference ? native.stat(p) : native.lstat(p);
}

function statOrNull(opts, p) {
  try {
    return cpStat(opts, p);
  } catch (err) {
    if (err?.code === "ENOENT") return null;
    throw err;
  }
}

const isDir = (s) => (s[1] & S_IFMT) === S_IFDIR;
const sameFile = (a, b) => b[7] !== 0 && b[0] !== 0 && a[7] === b[7] && a[0] === b[0];

function isSubdirectory(parent, child) {
  const parentParts = path.resolve(parent).split("/").filter(Boolean);
  const childParts = path.resolve(child).split("/").filter(Boolean);
  return parentParts.every((part, i) => childParts[i] === part);
}

const cpEinval = (message, p) => systemError("ERR_FS_CP_EINVAL", "Invalid src or dest", "EINVAL", message, p);

// Checks a (src, dest) pair before copying it: the filter, then src against dest. Returns
// null when the filter skips it, else `{ srcStat, destStat }`.
function* checkPair(src, dest, opts) {
  if (opts.filter) {
    const keep = yield opts.filter(src, dest);
    if (!keep) return null;
  }
  const srcStat = cpStat(opts, src);
  const destStat = statOrNull(opts, dest);
  if (destStat) {
    if (sameFile(srcStat, destStat)) throw cpEinval("src and dest cannot be the same", dest);
    if (isDir(srcStat) && !isDir(destStat)) {
      throw systemError("ERR_FS_CP_DIR_TO_NON_DIR", "Cannot overwrite non-directory with directory", "EISDIR", `cannot overwrite non-directory ${dest} with directory ${src}`, dest);
    }
    if (!isDir(srcStat) && isDir(destStat)) {
      throw systemError("ERR_FS_CP_NON_DIR_TO_DIR", "Cannot overwrite directory with non-directory", "ENOTDIR", `cannot overwrite directory ${dest} with non-directory ${src}`, dest);
    }
  }
  if (isDir(srcStat) && isSubdirectory(src, dest)) throw cpEinval(`cannot copy ${src} to a subdirectory of self ${dest}`, dest);
  return { srcStat, destStat };
}

// dest must not lie inside src through its parents either (by identity, not by name).
function checkParents(src, srcStat, dest) {
  const srcParent = path.resolve(path.dirname(src));
  let destParent = path.resolve(path.dirname(dest));
  while (destParent !== srcParent && destParent !== "/") {
    let parentStat;
    try {
      parentStat = native.stat(destParent);
    } catch (err) {
      if (err?.code === "ENOENT") return;
      throw err;
    }
    if (sameFile(srcStat, parentStat)) throw cpEinval(`cannot copy ${src} to a subdirectory of self ${dest}`, dest);
    destParent = path.resolve(path.dirname(destParent));
  }
}

function* copyEntry(src, dest, destStat, opts, sync) {
  const srcStat = cpStat(opts, src);
  const type = srcStat[1] & S_IFMT;
  if (type === S_IFDIR) {
    if (!opts.recursive) {
      // Node 20's cpSync reports errno EINVAL here, its asynchronous cp EISDIR.
      const errno = sync ? ERRNO.EINVAL : ERRNO.EISDIR;
      throw systemError("ERR_FS_EISDIR", "Path is a directory", "EISDIR", `${src} is a directory (not copied)`, src, "cp", errno);
    }
    yield* copyDirectory(src, dest, srcStat, destStat, opts, sync);
  } else if (type === S_IFREG || type === S_IFCHR || type === S_IFBLK) {
    copyRegular(src, dest, srcStat, destStat, opts);
  } else if (type === S_IFLNK) {
    copySymlink(src, dest, destStat, opts);
  } else if (type === S_IFSOCK) {
    throw systemError("ERR_FS_CP_SOCKET", "Cannot copy a socket file", "EINVAL", `cannot copy a socket file: ${dest}`, dest);
  } else if (type === S_IFIFO) {
    throw systemError("ERR_FS_CP_FIFO_PIPE", "Cannot copy a FIFO pipe", "EINVAL", `cannot copy a FIFO pipe: ${dest}`, dest);
  } else {
    throw systemError("ERR_FS_CP_UNKNOWN", "Cannot copy an unknown file type", "EINVAL", `cannot copy an unknown file type: ${dest}`, dest);
  }
}

function copyRegular(src, dest, srcStat, destStat, opts) {
  if (destStat) {
    if (!opts.force) {
      if (opts.errorOnExist) throw systemError("ERR_FS_CP_EEXIST", "Target already exists", "EEXIST", `${dest} already exists`, dest);
      return;
    }
    native.unlink(dest);
  }
  native.copyFile(src, dest, opts.mode);
  const mode = srcStat[1] & 0o7777;
  if (opts.preserveTimestamps) {
    // A read-only source gives a read-only copy: make it writable to set its times.
    if ((mode & 0o200) === 0) native.chmod(dest, mode | 0o200);
    const fresh = native.stat(src);
    native.utimes(dest, fresh[10] / 1000, fresh[11] / 1000);
  }
  native.chmod(dest, mode);
}

function* copyDirectory(src, dest, srcStat, destStat, opts, sync) {
  if (!destStat) native.mkdir(dest, 0o777);
  for (const [name] of native.readdir(src)) {
    const srcItem = joinPath(src, name);
    const destItem = joinPath(dest, name);
    const pair = yield* checkPair(srcItem, destItem, opts);
    if (pair) yield* copyEntry(srcItem, destItem, pair.destStat, opts, sync);
  }
  if (!destStat) native.chmod(dest, srcStat[1] & 0o7777);
}

function copySymlink(src, dest, destStat, opts) {
  let target = native.readlink(src);
  if (!opts.verbatimSymlinks && !path.isAbsolute(target)) target = path.resolve(path.dirname(src), target);
  if (!destStat) {
    native.symlink(target, dest);
    return;
  }
  let destTarget;
  try {
    destTarget = native.readlink(dest);
  } catch (err) {
    // dest exists and is not a link: symlink() then fails with EEXIST, as in Node.
    if (err?.code === "EINVAL" || err?.code === "UNKNOWN") {
      native.symlink(target, dest);
      return;
    }
    throw err;
  }
  if (!path.isAbsolute(destTarget)) destTarget = path.resolve(path.dirname(dest), destTarget);
  if (isSubdirectory(target, destTarget)) throw cpEinval(`cannot copy ${target} to a subdirectory of self ${destTarget}`, dest);
  if (isDir(native.stat(src)) && isSubdirectory(destTarget, target)) {
    throw systemError("ERR_FS_CP_SYMLINK_TO_SUBDIRECTORY", "Cannot overwrite symlink in subdirectory of self", "EINVAL", `cannot overwrite ${destTarget} with ${target}`, dest);
  }
  native.unlink(dest);
  native.symlink(target, dest);
}

/** The whole cp walk; `sync` selects cpSync's errno where Node 20's two versions differ. */
function* cpSteps(src, dest, opts, sync) {
  const pair = yield* checkPair(src, dest, opts);
  if (!pair) return;
  checkParents(src, pair.srcStat, dest);
  const destParent = path.dirname(dest);
  if (!isDirectoryAt(destParent) && !existsSync(destParent)) mkdirRecursive(destParent, 0o777);
  yield* copyEntry(src, dest, pair.destStat, opts, sync);
}

export function cpPaths(src, dest) {
  return [toPathString(src, "src"), toPathString(dest, "dest")];
}

export function cpSync(src, dest, options) {
  const opts = cpOptions(options);
  const [from, to] = cpPaths(src, dest);
  const steps = cpSteps(from, to, opts, true);
  let step = steps.next();
  while (!step.done) {
    const keep = step.value;
    if (keep instanceof Promise || (keep !== null && typeof keep === "object" && typeof keep.then === "function")) {
      throw nodeError(TypeError, "ERR_INVALID_RETURN_VALUE", 'Expected boolean to be returned from the "filter" function but got an instance of Promise.');
    }
    step = steps.next(keep);
  }
}

/** Runs the cp walk, awaiting each filter result; errors reject. */
export async function cpAsync(from, to, opts) {
  const steps = cpSteps(from, to, opts, false);
  let step = steps.next();
  while (!step.done) step = steps.next(await step.value);
}

export { ERR_INVALID_ARG_TYPE, native, isDescriptor, getOptions as fsOptions };
