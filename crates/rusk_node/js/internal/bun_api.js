// rusk:internal/bun_api — the members of the `Bun` global that rusk_node provides (checked
// against Bun 1.4): the file API (Bun.file → BunFile, a lazy Blob over a path or a descriptor;
// Bun.write; FileSink; Bun.stdin/stdout/stderr), Bun.deepEquals/deepMatch, Bun.peek,
// Bun.resolveSync, Bun.FFI, Bun.main, Bun.isMainThread, the core's sleep/sleepSync/
// fileURLToPath/pathToFileURL with Bun's argument checks, Bun.inspect.custom and Bun.stripANSI.
// globals.js puts a lazy accessor on Bun for each of these names; the first read asks
// bunMember(name) for the member's property descriptor.
// All file I/O is synchronous underneath (rusk's fs natives); the promise-returning members
// settle once it is done, with errors as rejections, as Bun's do.
import fs from "node:fs";
import path from "node:path";
import { Blob } from "node:buffer";
import { URL, fileURLToPath as urlToPath, pathToFileURL as pathToUrl } from "node:url";
import { ERR_INVALID_ARG_TYPE, nodeError, received, validateInt32 } from "rusk:internal/errors";

const internals = globalThis[Symbol.for("rusk.internals")];
const encoder = new TextEncoder();

// ---- MIME types: Bun's, by extension (lower-cased, the last one of the name) ----
// "type ext ext ..." per line; the charset suffix is Bun's for its text types.
const MIME_TABLE = `
text/plain;charset=utf-8 txt log ini conf
text/html;charset=utf-8 html htm
text/css;charset=utf-8 css
text/javascript;charset=utf-8 js mjs cjs ts mts cts tsx jsx
application/json;charset=utf-8 json map
application/ld+json jsonld
application/json5 json5
application/geo+json geojson
application/manifest+json webmanifest
text/cache-manifest manifest appcache
text/csv csv
text/markdown md markdown
text/yaml yaml yml
application/toml toml
application/xml xml
application/xhtml+xml xhtml
application/xslt+xml xsl xslt
application/rss+xml rss
application/atom+xml atom
text/calendar ics
text/rtf rtf
text/vtt vtt
application/x-subrip srt
text/x-c c cc cpp h
text/x-java-source java
text/x-lua lua
text/x-sass sass
text/x-scss scss
text/less less
text/stylus styl
text/coffeescript coffee
text/x-handlebars-template hbs
application/x-sh sh
application/x-csh csh
application/x-perl pl
application/x-httpd-php php
application/x-sql sql
application/rls-services+xml rs
application/wasm wasm
application/pdf pdf
application/postscript ai eps ps
application/x-tex tex
application/x-latex latex
application/x-dvi dvi
application/zip zip
application/gzip gz
application/x-tar tar
application/x-bzip bz
application/x-bzip2 bz2
application/x-xz xz
application/x-7z-compressed 7z
application/x-rar-compressed rar
application/x-freearc arc
application/vnd.ms-cab-compressed cab
application/java-archive jar
application/vnd.android.package-archive apk
application/x-debian-package deb
application/x-redhat-package-manager rpm
application/x-apple-diskimage dmg
application/x-iso9660-image iso
application/x-msdownload exe dll msi
application/x-shockwave-flash swf
application/msword doc
application/vnd.openxmlformats-officedocument.wordprocessingml.document docx
application/vnd.ms-excel xls
application/vnd.openxmlformats-officedocument.spreadsheetml.sheet xlsx
application/vnd.ms-powerpoint ppt
application/vnd.openxmlformats-officedocument.presentationml.presentation pptx
application/vnd.oasis.opendocument.presentation odp
application/vnd.oasis.opendocument.spreadsheet ods
application/vnd.oasis.opendocument.text odt
application/vnd.visio vsd
application/x-abiword abw
application/vnd.amazon.ebook azw
application/epub+zip epub
application/x-mobipocket-ebook mobi
application/x-cbr cbz
application/vnd.apple.installer+xml mpkg
application/vnd.mozilla.xul+xml xul
application/vnd.ms-fontobject eot
application/vnd.ms-xpsdocument xps
application/oxps oxps
application/x-x509-ca-cert pem crt der
application/pkix-cert cer
application/x-pkcs12 p12 pfx
application/x-iwork-keynote-sffkey key
application/pgp-signature asc sig
application/ogg ogx
application/vnd.apple.mpegurl m3u8
application/pls+xml pls
application/vnd.rn-realmedia rm
font/otf otf
font/ttf ttf
font/woff woff
font/woff2 woff2
image/png png
image/apng apng
image/jpeg jpg jpeg jpe
image/gif gif
image/webp webp
image/avif avif
image/heic heic
image/heif heif
image/svg+xml svg svgz
image/x-icon ico
image/x-ms-bmp bmp
image/tiff tif tiff
image/vnd.adobe.photoshop psd
image/vnd.dwg dwg
image/vnd.dxf dxf
image/x-xbitmap xbm
image/x-xpixmap xpm
image/x-portable-bitmap pbm
image/x-portable-graymap pgm
image/x-portable-pixmap ppm
image/x-portable-anymap pnm
image/x-cmu-raster ras
image/x-rgb rgb
model/gltf+json gltf
model/gltf-binary glb
model/obj obj
model/stl stl
audio/mpeg mp3 mpga
audio/ogg ogg oga opus spx
audio/webm weba
audio/x-wav wav
audio/x-aac aac
audio/x-flac flac
audio/x-m4a m4a
audio/midi mid midi
audio/x-aiff aif aiff
audio/basic au snd
audio/x-matroska mka
audio/x-ms-wma wma
audio/x-realaudio ra
audio/x-pn-realaudio ram
audio/x-caf caf
audio/amr amr
audio/x-mpegurl m3u
video/mp4 mp4
video/webm webm
video/ogg ogv
video/mpeg mpeg mpg mpe
video/quicktime mov qt
video/x-matroska mkv
video/x-msvideo avi
video/x-m4v m4v
video/x-ms-wmv wmv
video/x-flv flv
video/x-ms-asf asf
video/3gpp 3gp
video/3gpp2 3g2
`;
let mimeByExtension;
function mimeOfPath(p) {
  if (!mimeByExtension) {
    mimeByExtension = new Map();
    for (const line of MIME_TABLE.trim().split("\n")) {
      const [type, ...exts] = line.split(" ");
      for (const ext of exts) mimeByExtension.set(ext, type);
    }
  }
  // The last extension of the last name (a trailing slash does not count).
  const trimmed = p.replace(/\/+$/, "");
  const base = trimmed.slice(trimmed.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return (dot > 0 && mimeByExtension.get(base.slice(dot + 1).toLowerCase())) || "application/octet-stream";
}

// A type given by the caller: Bun keeps it lower-cased, except that the names of its text types
// (spelled exactly so) get their canonical form with the charset. Non-printable text is ignored.
const CANONICAL_TYPES = new Map([
  ["text/plain", "text/plain;charset=utf-8"],
  ["text/html", "text/html;charset=utf-8"],
  ["text/css", "text/css;charset=utf-8"],
  ["text/javascript", "text/javascript;charset=utf-8"],
  ["application/javascript", "text/javascript;charset=utf-8"],
  ["text/jsx", "text/javascript;charset=utf-8"],
  ["application/json", "application/json;charset=utf-8"],
]);
function givenType(type) {
  if (typeof type !== "string" || type === "" || !/^[\x20-\x7e]*$/.test(type)) return undefined;
  return CANONICAL_TYPES.get(type) ?? type.toLowerCase();
}

// Bun's lastModified when it cannot stat the file (2^52 - 1).
const UNKNOWN_TIME = 4503599627370495;
const READ_CHUNK = 65536;
// A FileSink writes its buffer out once it holds this much (as Bun's does).
const SINK_FLUSH_AT = 4096;
const kCreate = Symbol("BunFile");

function bytesOfView(view) {
  return view instanceof Uint8Array ? view : new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/**
 * Reads up to `length` bytes (Infinity: to the end) from `position`, or from where the
 * descriptor stands when `position` is null.
 */
function readFrom(fd, position, length) {
  const chunks = [];
  let total = 0;
  while (total < length) {
    const chunk = new Uint8Array(Math.min(READ_CHUNK, length - total));
    const n = fs.readSync(fd, chunk, 0, chunk.length, position === null ? null : position + total);
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function writeAll(fd, bytes) {
  let at = 0;
  while (at < bytes.length) at += fs.writeSync(fd, bytes, at, bytes.length - at);
  return at;
}

/** The size Bun reports for a stat: regular files and directories have one, others Infinity. */
function sizeOfStats(st) {
  return st.isFile() || st.isDirectory() ? st.size : Infinity;
}

/**
 * Bun.file(): a Blob whose bytes are read from a file (by path) or a descriptor when asked for.
 * A slice keeps the same file and a byte range of it.
 */
class BunFile extends Blob {
  #path;
  #fd;
  #name;
  #type;
  #start;
  #end;

  constructor(key, pathOrFd, type, start = 0, end = Infinity) {
    if (key !== kCreate) throw new TypeError("Illegal constructor");
    super();
    if (typeof pathOrFd === "number") this.#fd = pathOrFd;
    else this.#path = this.#name = pathOrFd;
    this.#type = type;
    this.#start = start;
    this.#end = end;
  }

  static isBunFile(value) {
    return value !== null && typeof value === "object" && #type in value;
  }

  /** Where Bun.write writes for a BunFile destination: `{ path }` or `{ fd }`. */
  static target(file) {
    return file.#path !== undefined ? { path: file.#path } : { fd: file.#fd };
  }

  #stat() {
    return this.#path !== undefined ? fs.statSync(this.#path) : fs.fstatSync(this.#fd);
  }

  /** The bytes of this file's range, read now (errors throw, as Node's fs does). */
  #readBytes() {
    const whole = this.#start === 0 && this.#end === Infinity;
    if (this.#path !== undefined && whole) {
      const buf = fs.readFileSync(this.#path);
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    }
    // A descriptor of its own (not a path) is read from where it stands, as Bun does.
    if (this.#path === undefined && whole) return readFrom(this.#fd, null, Infinity);
    const fd = this.#path !== undefined ? fs.openSync(this.#path, "r") : this.#fd;
    try {
      return readFrom(fd, this.#start, this.#end - this.#start);
    } finally {
      if (this.#path !== undefined) fs.closeSync(fd);
    }
  }

  get name() {
    return this.#name;
  }
  set name(value) {
    this.#name = value;
  }

  get type() {
    return this.#type;
  }

  get size() {
    let size;
    try {
      size = sizeOfStats(this.#stat());
    } catch {
      return 0;
    }
    if (size === Infinity) return this.#end === Infinity ? Infinity : this.#end - this.#start;
    return Math.max(Math.min(this.#end, size) - this.#start, 0);
  }

  get lastModified() {
    try {
      return Math.trunc(this.#stat().mtimeMs);
    } catch {
      return UNKNOWN_TIME;
    }
  }

  async exists() {
    try {
      return this.#stat().isFile();
    } catch {
      return false;
    }
  }

  async bytes() {
    return this.#readBytes();
  }

  async arrayBuffer() {
    const bytes = this.#readBytes();
    return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
  }

  async text() {
    return new TextDecoder().decode(this.#readBytes());
  }

  async json() {
    return JSON.parse(await this.text());
  }

  async stat() {
    return this.#stat();
  }

  async delete() {
    // A descriptor has no name to remove: Bun resolves without doing anything.
    if (this.#path !== undefined) fs.unlinkSync(this.#path);
  }

  async unlink() {
    return this.delete();
  }

  stream() {
    const ownsFd = this.#path !== undefined;
    // Opened on the first read: a missing file errors the stream, as in Bun.
    let fd = ownsFd ? undefined : this.#fd;
    const openPath = this.#path;
    let position = this.#start;
    const end = this.#end;
    const wholeFd = !ownsFd && this.#start === 0 && end === Infinity;
    const close = () => {
      if (ownsFd && fd !== undefined) fs.closeSync(fd);
      fd = undefined;
    };
    return new ReadableStream({
      pull(controller) {
        try {
          if (fd === undefined) fd = fs.openSync(openPath, "r");
          const want = Math.min(READ_CHUNK, end - position);
          const chunk = new Uint8Array(want);
          const n = want <= 0 ? 0 : fs.readSync(fd, chunk, 0, want, wholeFd ? null : position);
          if (n === 0) {
            close();
            controller.close();
            return;
          }
          position += n;
          controller.enqueue(n === want ? chunk : chunk.subarray(0, n));
        } catch (error) {
          close();
          controller.error(error);
        }
      },
      cancel: close,
    });
  }

  slice(begin = 0, end = undefined, type = undefined) {
    // A slice's type is the one given to it, else its parent's (Bun's rule for file slices).
    const sliceType = givenType(type) ?? this.#type;
    let start = Math.trunc(Number(begin)) || 0;
    let stop = end === undefined ? Infinity : Math.trunc(Number(end)) || 0;
    if (start < 0 || stop < 0) {
      // Negative offsets count from the end of the file as it is now.
      const size = this.size;
      if (start < 0) start = Math.max(size + start, 0);
      if (stop < 0) stop = Math.max(size + stop, 0);
    }
    stop = Math.max(stop, start);
    const from = this.#start + start;
    const to = Math.min(this.#end, this.#start + stop);
    const file = new BunFile(kCreate, this.#path ?? this.#fd, sliceType, from, Math.max(to, from));
    file.#name = this.#name;
    return file;
  }

  // Bun takes options here ({ highWaterMark }) and does not act on them.
  writer() {
    return new FileSink(this.#path, this.#fd);
  }

  write(data, options) {
    return write(this, data, options);
  }

  [Symbol.for("nodejs.util.inspect.custom")](depth, options, inspectValue) {
    const head = this.#path !== undefined ? `FileRef (${JSON.stringify(this.#path)})` : `FileRef (fd: ${this.#fd})`;
    if (depth < 0) return `[${head}]`;
    return `${head} ${inspectValue({ type: this.#type }, options)}`;
  }
}
// Bun's file objects are Blobs to the eye: their constructor is Blob.
Object.defineProperty(BunFile.prototype, "constructor", { value: Blob, writable: true, configurable: true, enumerable: false });

/**
 * BunFile#writer(): buffers writes and writes them out when the buffer grows past
 * SINK_FLUSH_AT, on flush() and on end(). A sink opened by path creates the file at once (its
 * directory must exist) and leaves it holding what was written once it ends; a descriptor is
 * written where it stands and stays open.
 */
class FileSink {
  #fd;
  #ownsFd;
  #chunks = [];
  #buffered = 0;
  #written = 0;
  #ended = false;

  constructor(filePath, fd) {
    this.#ownsFd = filePath !== undefined;
    this.#fd = this.#ownsFd ? fs.openSync(filePath, fs.constants.O_WRONLY | fs.constants.O_CREAT, 0o644) : fd;
  }

  write(chunk) {
    if (this.#ended) return 0;
    let bytes;
    if (typeof chunk === "string") bytes = encoder.encode(chunk);
    else if (ArrayBuffer.isView(chunk)) bytes = bytesOfView(chunk).slice();
    else if (chunk instanceof ArrayBuffer || chunk instanceof SharedArrayBuffer) bytes = new Uint8Array(chunk.slice(0));
    else throw new TypeError("write() expects a string, ArrayBufferView, or ArrayBuffer");
    this.#chunks.push(bytes);
    this.#buffered += bytes.length;
    if (this.#buffered >= SINK_FLUSH_AT) this.flush();
    return bytes.length;
  }

  flush() {
    if (this.#ended || this.#buffered === 0) return 0;
    const all = this.#chunks.length === 1 ? this.#chunks[0] : new Uint8Array(this.#buffered);
    if (this.#chunks.length > 1) {
      let at = 0;
      for (const c of this.#chunks) {
        all.set(c, at);
        at += c.length;
      }
    }
    this.#chunks = [];
    this.#buffered = 0;
    const n = writeAll(this.#fd, all);
    this.#written += n;
    return n;
  }

  end() {
    if (this.#ended) return 0;
    const n = this.flush();
    this.#ended = true;
    if (this.#ownsFd) {
      // The file holds what this sink wrote, not an older, longer content's tail.
      try {
        fs.ftruncateSync(this.#fd, this.#written);
      } finally {
        fs.closeSync(this.#fd);
      }
    }
    return n;
  }

  close() {
    this.end();
  }

  // Writes are synchronous: a sink holds nothing that keeps the event loop alive.
  ref() {}
  unref() {}
}

// ---- Bun.file / Bun.write ----

function pathOfURL(url) {
  if (url.protocol !== "file:") throw nodeError(TypeError, "ERR_INVALID_URL_SCHEME", 'URL must be a non-empty "file:" path');
  return urlToPath(url);
}

function file(pathOrFd, options) {
  let source;
  if (typeof pathOrFd === "string") source = pathOrFd;
  else if (pathOrFd instanceof URL) source = pathOfURL(pathOrFd);
  else if (ArrayBuffer.isView(pathOrFd)) source = new TextDecoder().decode(pathOrFd);
  else if (typeof pathOrFd === "number") {
    validateInt32(pathOrFd, "fd", 0);
    source = pathOrFd;
  } else throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", "Expected file path string or file descriptor");
  const type = givenType(options?.type) ?? (typeof source === "string" ? mimeOfPath(source) : "application/octet-stream");
  return new BunFile(kCreate, source, type);
}

/** Bun.write's data as bytes (a promise for the kinds that are read asynchronously). */
function bytesToWrite(data) {
  if (data === null || data === undefined) {
    throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", "Bun.write(pathOrFdOrBlob, blob) expects a Blob-y thing to write");
  }
  if (typeof data === "string") return encoder.encode(data);
  if (ArrayBuffer.isView(data)) return bytesOfView(data);
  if (data instanceof ArrayBuffer || data instanceof SharedArrayBuffer) return new Uint8Array(data);
  if (BunFile.isBunFile(data)) return data.bytes();
  // An array is a list of Blob parts, as in `new Blob(parts)`.
  if (Array.isArray(data)) return new Blob(data).bytes();
  // Blobs, Responses and anything else that hands out its bytes.
  if (typeof data === "object" && typeof data.arrayBuffer === "function") return data.arrayBuffer().then((b) => new Uint8Array(b));
  return encoder.encode(`${data}`);
}

function write(destination, data, options) {
  let target;
  if (BunFile.isBunFile(destination)) target = BunFile.target(destination);
  else if (typeof destination === "string") target = { path: destination };
  else if (destination instanceof URL) target = { path: pathOfURL(destination) };
  else if (typeof destination === "number") {
    validateInt32(destination, "fd", 0);
    target = { fd: destination };
  } else {
    throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "destination" argument must be of type path, file descriptor, or Blob. ${received(destination)}`);
  }
  const pending = bytesToWrite(data);
  const createPath = options?.createPath !== false;
  // Bytes at hand are written at once, as Bun does (the file is there before the promise
  // settles, and later changes to the caller's buffer do not count).
  if (pending instanceof Uint8Array) {
    try {
      return Promise.resolve(writeBytes(target, pending, createPath));
    } catch (error) {
      return Promise.reject(error);
    }
  }
  return pending.then((bytes) => writeBytes(target, bytes, createPath));
}

function writeBytes(target, bytes, createPath) {
  if (target.fd !== undefined) return writeAll(target.fd, bytes);
  try {
    fs.writeFileSync(target.path, bytes);
  } catch (error) {
    if (!(createPath && error.code === "ENOENT")) throw error;
    // Bun creates the missing directories of the destination (unless createPath is false).
    fs.mkdirSync(path.dirname(path.resolve(target.path)), { recursive: true });
    fs.writeFileSync(target.path, bytes);
  }
  return bytes.length;
}

// ---- Bun.deepEquals / Bun.deepMatch ----

const tagOf = (v) => Object.prototype.toString.call(v);
const isObject = (v) => (typeof v === "object" && v !== null) || typeof v === "function";
const BOXED = new Set(["[object Number]", "[object String]", "[object Boolean]", "[object BigInt]", "[object Symbol]"]);

/** The class of an ordinary object for strict equality: its prototype's own constructor. */
function classOf(o) {
  const proto = Object.getPrototypeOf(o);
  if (proto === null || proto === Object.prototype) return Object;
  const ctor = Object.getOwnPropertyDescriptor(proto, "constructor")?.value;
  return typeof ctor === "function" ? ctor : Object;
}

/** Own enumerable keys (strings, then symbols); without undefined values unless strict. */
function keysOf(o, strict, skipIndices) {
  let keys = Object.keys(o);
  if (skipIndices) keys = keys.filter((k) => !/^(0|[1-9]\d*)$/.test(k));
  for (const s of Object.getOwnPropertySymbols(o)) if (Object.prototype.propertyIsEnumerable.call(o, s)) keys.push(s);
  return strict ? keys : keys.filter((k) => o[k] !== undefined);
}

function sameBytes(x, y) {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

// Bun's deepEquals (the equality of expect().toEqual, and of toStrictEqual when strict).
function equals(a, b, strict, aStack, bStack) {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return false;
  const tag = tagOf(a);
  if (tag !== tagOf(b)) return false;
  if (BOXED.has(tag)) return Object.is(a.valueOf(), b.valueOf());
  if (tag === "[object Date]") {
    const x = a.getTime();
    return x === b.getTime();
  }
  if (tag === "[object RegExp]") return a.source === b.source && a.flags === b.flags;
  if (tag === "[object URL]") return a.href === b.href;
  if (tag === "[object ArrayBuffer]" || tag === "[object SharedArrayBuffer]") return sameBytes(new Uint8Array(a), new Uint8Array(b));
  if (ArrayBuffer.isView(a) && tag !== "[object DataView]") {
    if (a.length !== b.length) return false;
    if (strict) {
      // Strictly, the bytes must match (NaN equals NaN, -0 differs from 0), and so must the
      // extra properties.
      if (!sameBytes(bytesOfView(a), bytesOfView(b))) return false;
    } else {
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
      return true;
    }
  }
  if (tag === "[object Error]") {
    if (a.name !== b.name || a.message !== b.message) return false;
    if (("cause" in a || "cause" in b) && !equals(a.cause, b.cause, strict, aStack, bStack)) return false;
  }
  if (strict && tag === "[object Object]" && classOf(a) !== classOf(b)) return false;

  // A pair already being compared further up is equal if it pairs the same objects.
  for (let i = aStack.length - 1; i >= 0; i--) if (aStack[i] === a) return bStack[i] === b;
  aStack.push(a);
  bStack.push(b);
  try {
    if (tag === "[object Map]") {
      if (a.size !== b.size) return false;
      for (const [k, v] of a) {
        if (b.has(k)) {
          if (!equals(v, b.get(k), strict, aStack, bStack)) return false;
          continue;
        }
        let found = false;
        for (const [k2, v2] of b) {
          if (equals(k, k2, strict, aStack, bStack) && equals(v, v2, strict, aStack, bStack)) {
            found = true;
            break;
          }
        }
        if (!found) return false;
      }
      return true;
    }
    if (tag === "[object Set]") {
      if (a.size !== b.size) return false;
      // Sets built in the same order pair up by position: trying that first keeps the
      // common case linear (the search below is quadratic).
      const inOrder = [...b];
      let i = -1;
      for (const v of a) {
        i++;
        if (b.has(v)) continue;
        if (typeof v === "object" && v !== null && equals(v, inOrder[i], strict, aStack, bStack)) continue;
        let found = false;
        for (const v2 of b) {
          if (equals(v, v2, strict, aStack, bStack)) {
            found = true;
            break;
          }
        }
        if (!found) return false;
      }
      return true;
    }
    if (Array.isArray(a)) {
      // Loosely, holes, undefined and missing trailing items are alike; an array's other
      // properties do not count either way.
      if (strict && a.length !== b.length) return false;
      const n = Math.max(a.length, b.length);
      for (let i = 0; i < n; i++) {
        if (strict && i in a !== i in b) return false;
        if (!equals(a[i], b[i], strict, aStack, bStack)) return false;
      }
      return true;
    }
    const keysA = keysOf(a, strict, ArrayBuffer.isView(a));
    const keysB = keysOf(b, strict, ArrayBuffer.isView(b));
    if (keysA.length !== keysB.length) return false;
    for (const k of keysA) {
      if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
      if (!equals(a[k], b[k], strict, aStack, bStack)) return false;
    }
    return true;
  } finally {
    aStack.pop();
    bStack.pop();
  }
}

function deepEquals(a, b, strict = false) {
  if (arguments.length < 2) throw new TypeError("Expected 2 values to compare");
  return equals(a, b, strict === true, [], []);
}

// Bun's deepMatch (expect().toMatchObject): every own enumerable property of `subset` is in
// `object` (own or inherited) and matches; arrays match item by item with equal lengths.
function matches(subset, object, seen) {
  if (Object.is(subset, object)) return true;
  if (!isObject(subset) || !isObject(object)) return equals(subset, object, false, [], []);
  if (Array.isArray(subset)) {
    if (!Array.isArray(object) || object.length !== subset.length) return false;
  } else if (tagOf(subset) !== "[object Object]") return equals(subset, object, false, [], []);
  if (seen.includes(subset)) return true;
  seen.push(subset);
  try {
    for (const k of Reflect.ownKeys(subset)) {
      if (!Object.prototype.propertyIsEnumerable.call(subset, k)) continue;
      if (!(k in object)) return false;
      if (!matches(subset[k], object[k], seen)) return false;
    }
    return true;
  } finally {
    seen.pop();
  }
}

function deepMatch(subset, object) {
  if (arguments.length < 2) throw new TypeError("Expected 2 values to compare");
  if (!isObject(subset) || !isObject(object)) throw new TypeError("Expected 2 objects to match");
  return matches(subset, object, []);
}

// ---- Bun.peek ----

// A promise's state is read without running any job (a native of the runtime).
function peek(value) {
  const state = internals.promiseState(value);
  if (state === undefined || state[0] === "pending") return value;
  return state[1];
}
peek.status = function status(value) {
  const state = internals.promiseState(value);
  return state === undefined ? "fulfilled" : state[0];
};

// ---- Bun.resolveSync ----

// `from` is the directory to resolve from (a path, or a file: URL).
function resolveSync(specifier, from) {
  if (from === undefined || from === null) throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", "Expected a from path");
  const spec = String(specifier);
  let dir = from instanceof URL ? urlToPath(from) : String(from);
  if (dir.startsWith("file:")) dir = urlToPath(dir);
  const resolved = internals.metaResolve(path.join(path.resolve(dir), "[resolveSync]"))(spec);
  if (resolved.startsWith("file:")) return urlToPath(resolved);
  // Bun's own modules keep their names; Node's are named node:x.
  return spec === "bun" || spec.startsWith("bun:") ? spec : resolved;
}

// ---- core members with Bun's argument checks ----

const core = internals.coreBun;

function sleep(ms) {
  if (typeof ms !== "number" && !(ms instanceof Date)) throw new TypeError("sleep expects a number (milliseconds)");
  return core.sleep.value(ms);
}

function sleepSync(ms) {
  if (typeof ms !== "number") throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", "milliseconds must be a number");
  if (ms < 0) throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `argument to sleepSync must not be negative, got ${ms}`);
  if (ms > 0) core.sleepSync.value(ms);
}

function fileURLToPath(url) {
  if (typeof url !== "string" && !(url instanceof URL)) throw ERR_INVALID_ARG_TYPE("url", "string", url);
  // Bun reports any string that is not a file: URL (relative ones too) as of the wrong scheme.
  if (typeof url === "string" && !/^file:/i.test(url)) throw nodeError(TypeError, "ERR_INVALID_URL_SCHEME", "The URL must be of scheme file");
  return urlToPath(url);
}

function pathToFileURL(p) {
  return pathToUrl(String(p));
}

const inspect = core.inspect.value;
inspect.custom = Symbol.for("nodejs.util.inspect.custom");

// ---- Bun.stripANSI ----
// Bun's rules, worked out by feeding Bun 1.4 each code unit after each kind of opener (code units,
// not code points, as Bun counts them). An opener is ESC or one of the C1 openers
// CSI (0x9b), OSC (0x9d), DCS/SOS/PM/APC (0x90, 0x98, 0x9e, 0x9f); other C1 characters stay.
// - CSI (ESC [) ends at its final byte (0x40-0x7e) and skips everything else on the way.
// - OSC (ESC ]) ends at BEL or ST (0x9c); DCS/SOS/PM/APC (ESC P, X, ^, _) at ST only.
// - CAN and SUB (0x18, 0x1a) cancel any of these and go with it; an ESC inside one ends it and
//   starts a new sequence (ESC \ being the usual ST). One the string ends inside takes the rest.
// - ESC + an intermediate (0x20-0x2f) takes one more code unit, whatever it is but ESC.
// - ESC + 0x30-0x7e, CAN, SUB or ST is a two-character sequence; before anything else ESC alone goes.
const CSI = String.raw`(?:\x1b\[|\x9b)[^\x18\x1a\x1b\x40-\x7e\x9c]*[\x18\x1a\x40-\x7e\x9c]?`;
const OSC = String.raw`(?:\x1b\]|\x9d)[^\x07\x18\x1a\x1b\x9c]*[\x07\x18\x1a\x9c]?`;
const STRING = String.raw`(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x18\x1a\x1b\x9c]*[\x18\x1a\x9c]?`;
const INTERMEDIATE = String.raw`\x1b[\x20-\x2f][^\x1b]?`;
const SHORT = String.raw`\x1b[\x18\x1a\x30-\x7e\x9c]?`;
// The alternatives are tried in this order, so SHORT only sees what the others leave.
const ANSI_SEQUENCE = new RegExp([CSI, OSC, STRING, INTERMEDIATE, SHORT].join("|"), "g");
// Trying the alternatives at every position is slow: text without an opener is let through first.
const ANSI_OPENER = /[\x1b\x90\x98\x9b\x9d-\x9f]/;

function stripANSI(input) {
  if (typeof input === "symbol") throw new TypeError("Cannot convert a symbol to a string");
  const s = String(input);
  return ANSI_OPENER.test(s) ? s.replace(ANSI_SEQUENCE, "") : s;
}

// ---- the members ----

let mainOverride;
const stdio = (fd) => new BunFile(kCreate, fd, "application/octet-stream");
const value = (v, writable = true) => ({ value: v, writable, enumerable: true, configurable: true });

const MEMBERS = {
  file: () => value(file),
  write: () => value(write),
  stdin: () => value(stdio(0)),
  stdout: () => value(stdio(1)),
  stderr: () => value(stdio(2)),
  deepEquals: () => value(deepEquals),
  deepMatch: () => value(deepMatch),
  peek: () => value(peek),
  resolveSync: () => value(resolveSync),
  // rusk runs JavaScript on one thread.
  isMainThread: () => value(true, false),
  // What require("bun:ffi") gives (loaded now: bun:ffi is a native module).
  FFI: () => value(internals.requireBuiltin("bun:ffi")),
  main: () => ({
    get() {
      if (mainOverride !== undefined) return mainOverride;
      const entry = process.argv[1];
      return entry ? path.resolve(entry) : undefined;
    },
    set(v) {
      mainOverride = v;
    },
    enumerable: true,
    configurable: true,
  }),
  sleep: () => value(sleep),
  sleepSync: () => value(sleepSync),
  fileURLToPath: () => value(fileURLToPath),
  pathToFileURL: () => value(pathToFileURL),
  inspect: () => value(inspect),
  stripANSI: () => value(stripANSI),
};

/** The property descriptor of Bun[name] (globals.js lists the names). */
export function bunMember(name) {
  return MEMBERS[name]();
}

export { BunFile, FileSink, file, write, deepEquals, deepMatch, peek, resolveSync };

export default { bunMember, BunFile, FileSink, file, write, deepEquals, deepMatch, peek, resolveSync };
