// node:fs — sync and callback forms: paths, reading and writing, stat, directories, removal,
// copying, links, descriptors, Dir, and the errors Node gives for each (code, syscall, path,
// message). Expectations are Node 20's; where Bun differs, the test says so.
import { afterAll, describe, expect, test } from "bun:test";
import fs from "node:fs";
import { Buffer } from "node:buffer";
import {
  readFileSync as namedReadFileSync,
  promises as namedPromises,
  constants as namedConstants,
  Stats,
  Dirent,
} from "node:fs";
import fsPromises from "node:fs/promises";

const isRusk = !!(process as any).versions?.rusk;
const TMP = (process.env.TMPDIR || "/tmp").replace(/\/$/, "");
const top = fs.mkdtempSync(`${TMP}/rusk-fs-test-`);
afterAll(() => fs.rmSync(top, { recursive: true, force: true }));

let counter = 0;
/** A new directory with: file.txt, empty, dir/{a.txt,sub/b.txt}, link-file, link-dir, dangling. */
function fresh(): string {
  const root = `${top}/t${counter++}`;
  fs.mkdirSync(`${root}/dir/sub`, { recursive: true });
  fs.writeFileSync(`${root}/file.txt`, "hello world\n");
  fs.writeFileSync(`${root}/empty`, "");
  fs.writeFileSync(`${root}/dir/a.txt`, "a");
  fs.writeFileSync(`${root}/dir/sub/b.txt`, "bb");
  fs.symlinkSync("file.txt", `${root}/link-file`);
  fs.symlinkSync("dir", `${root}/link-dir`);
  fs.symlinkSync("nope", `${root}/dangling`);
  return root;
}

/** Calls a callback-form function and resolves with the callback's arguments. */
function callback(fn: Function, ...args: unknown[]): Promise<unknown[]> {
  return new Promise((resolve) => fn(...args, (...results: unknown[]) => resolve(results)));
}

function thrown(fn: () => unknown): any {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected a throw");
}

describe("module shape", () => {
  test("default and named exports, fs.promises is node:fs/promises", () => {
    expect(namedReadFileSync).toBe(fs.readFileSync);
    expect(fs.promises).toBe(fsPromises);
    expect(namedPromises).toBe(fsPromises);
    expect(namedConstants).toBe(fs.constants);
    expect(Stats).toBe(fs.Stats);
    expect(Dirent).toBe(fs.Dirent);
    expect(typeof fs.constants.O_RDONLY).toBe("number");
    expect(fs.F_OK).toBe(0);
    expect(fs.R_OK).toBe(4);
    expect(fs.W_OK).toBe(2);
    expect(fs.X_OK).toBe(1);
    expect(fs.constants.COPYFILE_EXCL).toBe(1);
  });

  // Node has no lchmod on Linux (the key exists, the value is undefined).
  test.skipIf(process.platform !== "linux")("lchmod is absent on Linux", () => {
    expect(fs.lchmod).toBeUndefined();
    expect(fs.lchmodSync).toBeUndefined();
  });

});

describe("path arguments", () => {
  test("strings, Buffers, Uint8Arrays and file: URLs", () => {
    const root = fresh();
    expect(fs.readFileSync(`${root}/file.txt`, "utf8")).toBe("hello world\n");
    expect(fs.readFileSync(Buffer.from(`${root}/file.txt`), "utf8")).toBe("hello world\n");
    expect(fs.statSync(new TextEncoder().encode(`${root}/dir`)).isDirectory()).toBe(true);
    expect(fs.readFileSync(new URL(`file://${root}/file.txt`), "utf8")).toBe("hello world\n");
    expect(fs.existsSync(new URL(`file://localhost${root}/dir`))).toBe(true);
  });

  test("percent-encoded file URLs are decoded", () => {
    const root = fresh();
    fs.writeFileSync(`${root}/é ü.txt`, "x");
    expect(fs.readFileSync(new URL(`file://${root}/%C3%A9%20%C3%BC.txt`), "utf8")).toBe("x");
  });

  // Bun 1.4.5 says "path must be a string or TypedArray".
  test("wrong types: ERR_INVALID_ARG_TYPE with Node's message", () => {
    const err = thrown(() => fs.statSync(5 as any));
    expect(err).toBeInstanceOf(TypeError);
    expect(err.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(err.message).toBe('The "path" argument must be of type string or an instance of Buffer or URL. Received type number (5)');
    expect(thrown(() => fs.readFileSync({} as any)).message).toBe(
      'The "path" argument must be of type string or an instance of Buffer or URL. Received an instance of Object',
    );
    expect(thrown(() => fs.statSync(undefined as any)).message).toBe(
      'The "path" argument must be of type string or an instance of Buffer or URL. Received undefined',
    );
    expect(thrown(() => fs.renameSync("/a", null as any)).message).toBe(
      'The "newPath" argument must be of type string or an instance of Buffer or URL. Received null',
    );
    expect(thrown(() => fs.copyFileSync(1 as any, "/b")).message).toContain('The "src" argument');
  });

  // Bun 1.4.5 shows the received value with double quotes and \u0000.
  test("NUL bytes: ERR_INVALID_ARG_VALUE", () => {
    const err = thrown(() => fs.statSync("/tmp/a\0b"));
    expect(err).toBeInstanceOf(TypeError);
    expect(err.code).toBe("ERR_INVALID_ARG_VALUE");
    expect(err.message).toBe("The argument 'path' must be a string, Uint8Array, or URL without null bytes. Received '/tmp/a\\x00b'");
    expect(thrown(() => fs.existsSync("/a\0") || fs.readFileSync(Buffer.from("/a\0"))).code).toBe("ERR_INVALID_ARG_VALUE");
  });

  // Bun 1.4.5 words these messages differently ("URL must be a non-empty \"file:\" path").
  test("bad URLs: scheme, host, encoded slash", () => {
    const scheme = thrown(() => fs.statSync(new URL("http://x/y")));
    expect(scheme).toBeInstanceOf(TypeError);
    expect(scheme.code).toBe("ERR_INVALID_URL_SCHEME");
    expect(scheme.message).toBe("The URL must be of scheme file");
    const host = thrown(() => fs.statSync(new URL("file://host/y")));
    expect(host.code).toBe("ERR_INVALID_FILE_URL_HOST");
    expect(host.message).toBe(`File URL host must be "localhost" or empty on ${process.platform}`);
    const slash = thrown(() => fs.statSync(new URL("file:///a%2Fb")));
    expect(slash.code).toBe("ERR_INVALID_FILE_URL_PATH");
    expect(slash.message).toBe("File URL path must not include encoded / characters");
  });

  test("argument errors come before any I/O, in the callback forms too", () => {
    let called = false;
    expect(thrown(() => fs.stat(5 as any, () => (called = true))).code).toBe("ERR_INVALID_ARG_TYPE");
    expect(called).toBe(false);
    const err = thrown(() => (fs.readFile as any)("/x"));
    expect(err.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(err.message).toBe('The "cb" argument must be of type function. Received undefined');
    // Node takes the options for the callback when there is none after them.
    expect(thrown(() => (fs.readFile as any)("/x", "utf8")).message).toBe(
      'The "cb" argument must be of type function. Received type string (\'utf8\')',
    );
  });
});

describe("readFile / writeFile / appendFile", () => {
  test("encodings and options", () => {
    const root = fresh();
    const p = `${root}/file.txt`;
    const bytes = fs.readFileSync(p);
    expect(Buffer.isBuffer(bytes)).toBe(true);
    expect(bytes.toString()).toBe("hello world\n");
    expect(fs.readFileSync(p, { encoding: "hex" })).toBe("68656c6c6f20776f726c640a");
    expect(fs.readFileSync(p, "base64")).toBe("aGVsbG8gd29ybGQK");
    expect(fs.readFileSync(`${root}/empty`, "utf8")).toBe("");
    // flag w+ truncates before reading.
    expect(fs.readFileSync(p, { flag: "w+", encoding: "utf8" })).toBe("");
  });

  // Bun 1.4.5: "encoding 'nope' is an invalid encoding".
  test("bad encoding, options, flag", () => {
    const root = fresh();
    const enc = thrown(() => fs.readFileSync(`${root}/file.txt`, "nope" as any));
    expect(enc.code).toBe("ERR_INVALID_ARG_VALUE");
    expect(enc.message).toBe("The argument 'encoding' is invalid encoding. Received 'nope'");
    const opts = thrown(() => fs.readFileSync(`${root}/file.txt`, 5 as any));
    expect(opts.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(opts.message).toBe('The "options" argument must be one of type string or object. Received type number (5)');
    const flag = thrown(() => fs.readFileSync(`${root}/file.txt`, { flag: "zz" }));
    expect(flag.code).toBe("ERR_INVALID_ARG_VALUE");
    expect(flag.message).toBe("The argument 'flags' is invalid. Received 'zz'");
  });

  test("system errors: ENOENT open, EISDIR read", () => {
    const root = fresh();
    const missing = thrown(() => fs.readFileSync(`${root}/missing`));
    expect(missing.code).toBe("ENOENT");
    expect(missing.errno).toBe(-2);
    expect(missing.syscall).toBe("open");
    expect(missing.path).toBe(`${root}/missing`);
    expect(missing.message).toBe(`ENOENT: no such file or directory, open '${root}/missing'`);
    const dir = thrown(() => fs.readFileSync(`${root}/dir`));
    expect(dir.code).toBe("EISDIR");
    expect(dir.syscall).toBe("read");
  });

  test("writeFile data kinds, mode, flags", () => {
    const root = fresh();
    const p = `${root}/out`;
    fs.writeFileSync(p, "héllo");
    expect(fs.readFileSync(p, "utf8")).toBe("héllo");
    fs.writeFileSync(p, new Uint16Array([0x4241, 0x4443]));
    expect(fs.readFileSync(p, "latin1")).toBe("ABCD");
    fs.writeFileSync(p, new DataView(new Uint8Array([65, 66, 67]).buffer, 1));
    expect(fs.readFileSync(p, "latin1")).toBe("BC");
    fs.writeFileSync(p, "414243", "hex");
    expect(fs.readFileSync(p, "latin1")).toBe("ABC");
    fs.writeFileSync(p, "!", { flag: "a" });
    expect(fs.readFileSync(p, "latin1")).toBe("ABC!");
    fs.writeFileSync(`${root}/private`, "x", { mode: 0o600 });
    expect(fs.statSync(`${root}/private`).mode & 0o777).toBe(0o600);
    const exists = thrown(() => fs.writeFileSync(`${root}/file.txt`, "x", { flag: "wx" }));
    expect(exists.code).toBe("EEXIST");
    expect(exists.syscall).toBe("open");
  });

  // Bun 1.4.5 leaves out the "Received ..." part.
  test("writeFile rejects other data types", () => {
    const root = fresh();
    const err = thrown(() => fs.writeFileSync(`${root}/out`, 5 as any));
    expect(err.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(err.message).toBe('The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (5)');
    expect(fs.existsSync(`${root}/out`)).toBe(false);
  });

  test("appendFile creates and appends; fd forms use the current position", () => {
    const root = fresh();
    fs.appendFileSync(`${root}/new`, "a");
    fs.appendFileSync(`${root}/new`, Buffer.from("b"));
    expect(fs.readFileSync(`${root}/new`, "utf8")).toBe("ab");
    const fd = fs.openSync(`${root}/file.txt`, "r+");
    fs.readSync(fd, Buffer.alloc(6));
    expect(fs.readFileSync(fd, "utf8")).toBe("world\n");
    fs.closeSync(fd);
    const wfd = fs.openSync(`${root}/file.txt`, "r+");
    fs.writeFileSync(wfd, "HE");
    fs.writeFileSync(wfd, "LL");
    fs.closeSync(wfd);
    expect(fs.readFileSync(`${root}/file.txt`, "utf8")).toBe("HELLo world\n");
  });

  test("callback forms: result, error, never synchronous", async () => {
    const root = fresh();
    let sync = true;
    const done = callback(fs.readFile, `${root}/file.txt`, "utf8").then((r) => [sync, r]);
    sync = false;
    expect(await done).toEqual([false, [null, "hello world\n"]]);
    const [err] = (await callback(fs.readFile, `${root}/missing`)) as any[];
    expect(err.code).toBe("ENOENT");
    const written = await callback(fs.writeFile, `${root}/w`, "data");
    expect(written).toEqual([null]);
    expect(await callback(fs.appendFile, `${root}/w`, "+")).toEqual([null]);
    expect(fs.readFileSync(`${root}/w`, "utf8")).toBe("data+");
  });

  test("an aborted signal fails the callback with AbortError", async () => {
    const root = fresh();
    const [err] = (await callback(fs.readFile, `${root}/file.txt`, { signal: AbortSignal.abort() })) as any[];
    expect(err.name).toBe("AbortError");
    expect(err.code).toBe("ABORT_ERR");
  });
});

describe("stat / lstat / fstat", () => {
  test("Stats fields, *Ms numbers, Dates, type checks", () => {
    const root = fresh();
    const s = fs.statSync(`${root}/file.txt`);
    expect(s).toBeInstanceOf(fs.Stats);
    expect(s.size).toBe(12);
    expect(s.isFile()).toBe(true);
    expect(s.isDirectory()).toBe(false);
    expect(s.isSymbolicLink()).toBe(false);
    expect(s.isFIFO()).toBe(false);
    expect(s.isSocket()).toBe(false);
    expect(s.isCharacterDevice()).toBe(false);
    expect(s.isBlockDevice()).toBe(false);
    for (const key of ["dev", "mode", "nlink", "uid", "gid", "rdev", "blksize", "ino", "size", "blocks", "atimeMs", "mtimeMs", "ctimeMs", "birthtimeMs"]) {
      expect(typeof (s as any)[key]).toBe("number");
    }
    expect(s.mtime).toBeInstanceOf(Date);
    expect(s.mtime.getTime()).toBe(Math.round(s.mtimeMs));
    expect(Math.abs(s.mtimeMs - Date.now())).toBeLessThan(60_000);
    expect(s.nlink).toBe(1);
    expect(fs.statSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  test("stat follows links, lstat does not", () => {
    const root = fresh();
    expect(fs.statSync(`${root}/link-dir`).isDirectory()).toBe(true);
    expect(fs.lstatSync(`${root}/link-dir`).isSymbolicLink()).toBe(true);
    expect(fs.lstatSync(`${root}/dangling`).isSymbolicLink()).toBe(true);
    const err = thrown(() => fs.statSync(`${root}/dangling`));
    expect(err.code).toBe("ENOENT");
    expect(err.message).toBe(`ENOENT: no such file or directory, stat '${root}/dangling'`);
    expect(thrown(() => fs.lstatSync(`${root}/missing`)).syscall).toBe("lstat");
  });

  test("bigint: BigIntStats with *Ns", () => {
    const root = fresh();
    const s = fs.statSync(`${root}/file.txt`, { bigint: true });
    const n = fs.statSync(`${root}/file.txt`);
    expect(s.constructor.name).toBe("BigIntStats");
    expect(s.size).toBe(12n);
    expect(typeof s.mtimeNs).toBe("bigint");
    expect(s.mtimeMs).toBe(s.mtimeNs / 1000000n);
    expect(Number(s.mtimeMs)).toBe(Math.floor(n.mtimeMs));
    expect(s.isFile()).toBe(true);
    expect(s.mtime.getTime()).toBe(Number(s.mtimeMs));
  });

  test("throwIfNoEntry: false gives undefined for a missing entry only", () => {
    const root = fresh();
    expect(fs.statSync(`${root}/missing`, { throwIfNoEntry: false })).toBeUndefined();
    expect(fs.lstatSync(`${root}/missing`, { throwIfNoEntry: false })).toBeUndefined();
    expect(thrown(() => fs.statSync(`${root}/file.txt/x`, { throwIfNoEntry: false })).code).toBe("ENOTDIR");
  });

  test("fstat and descriptor validation", () => {
    const root = fresh();
    const fd = fs.openSync(`${root}/file.txt`, "r");
    expect(fs.fstatSync(fd).size).toBe(12);
    expect(fs.fstatSync(fd, { bigint: true }).size).toBe(12n);
    fs.closeSync(fd);
    const range = thrown(() => fs.fstatSync(-1));
    expect(range).toBeInstanceOf(RangeError);
    expect(range.code).toBe("ERR_OUT_OF_RANGE");
    expect(range.message).toBe('The value of "fd" is out of range. It must be >= 0 && <= 2147483647. Received -1');
    expect(thrown(() => fs.fstatSync("1" as any)).message).toBe('The "fd" argument must be of type number. Received type string (\'1\')');
    const badf = thrown(() => fs.fstatSync(999999));
    expect(badf.code).toBe("EBADF");
    expect(badf.message).toBe("EBADF: bad file descriptor, fstat");
  });

  test("callback stat", async () => {
    const root = fresh();
    const [err, s] = (await callback(fs.stat, `${root}/dir`)) as any[];
    expect(err).toBeNull();
    expect(s.isDirectory()).toBe(true);
    const [missing] = (await callback(fs.lstat, `${root}/missing`)) as any[];
    expect(missing.code).toBe("ENOENT");
  });

  // Bun 1.4.5 truncates fractional milliseconds in the Dates; Node rounds.
  test("Stats and Dirent constructors", () => {
    const s = new fs.Stats(1, 0o100644, 1, 0, 0, 0, 4096, 7, 10, 1, 1000.6, 2000, 3000, 4000);
    expect(s.isFile()).toBe(true);
    expect(s.atime.getTime()).toBe(1001);
    expect(s.mtimeMs).toBe(2000);
    const d = new (fs.Dirent as any)("name", 2 /* UV_DIRENT_DIR */, "/parent");
    expect(d.name).toBe("name");
    expect(d.parentPath).toBe("/parent");
    expect(d.isDirectory()).toBe(true);
    expect(d.isFile()).toBe(false);
  });
});

describe("readdir", () => {
  // Bun 1.4.5 lists entries in the directory's own order; Node (libuv) sorts them.
  test("names sorted, withFileTypes, buffer encoding", () => {
    const root = fresh();
    expect(fs.readdirSync(root)).toEqual(["dangling", "dir", "empty", "file.txt", "link-dir", "link-file"]);
    const entries = fs.readdirSync(`${root}/dir`, { withFileTypes: true });
    expect(entries.map((e) => [e.name, e.isFile(), e.isDirectory(), e.parentPath])).toEqual([
      ["a.txt", true, false, `${root}/dir`],
      ["sub", false, true, `${root}/dir`],
    ]);
    expect(entries[0]).toBeInstanceOf(fs.Dirent);
    const links = fs.readdirSync(root, { withFileTypes: true }).filter((e) => e.isSymbolicLink());
    expect(links.map((e) => e.name)).toEqual(["dangling", "link-dir", "link-file"]);
    const raw = fs.readdirSync(`${root}/dir`, "buffer");
    expect(Buffer.isBuffer(raw[0])).toBe(true);
    expect(raw.map(String)).toEqual(["a.txt", "sub"]);
  });

  // Bun 1.4.5 does not sort (see above).
  test("recursive: relative names, breadth first", () => {
    const root = fresh();
    expect(fs.readdirSync(`${root}/dir`, { recursive: true })).toEqual(["a.txt", "sub", "sub/b.txt"]);
    const typed = fs.readdirSync(`${root}/dir`, { recursive: true, withFileTypes: true });
    expect(typed.map((e) => `${e.parentPath.slice(root.length)}:${e.name}`)).toEqual(["/dir:a.txt", "/dir:sub", "/dir/sub:b.txt"]);
  });

  // Bun 1.4.5: "The \"recursive\" property must be of type boolean, got number".
  test("errors: scandir ENOENT/ENOTDIR, bad options", async () => {
    const root = fresh();
    const missing = thrown(() => fs.readdirSync(`${root}/missing`));
    expect(missing.code).toBe("ENOENT");
    expect(missing.message).toBe(`ENOENT: no such file or directory, scandir '${root}/missing'`);
    expect(thrown(() => fs.readdirSync(`${root}/file.txt`)).code).toBe("ENOTDIR");
    const rec = thrown(() => fs.readdirSync(root, { recursive: 1 as any }));
    expect(rec.message).toBe('The "options.recursive" property must be of type boolean. Received type number (1)');
    const [err, list] = (await callback(fs.readdir, `${root}/dir`)) as any[];
    expect(err).toBeNull();
    expect(list).toEqual(["a.txt", "sub"]);
  });
});

describe("mkdir / mkdtemp", () => {
  test("mkdir, mode, EEXIST, ENOENT", () => {
    const root = fresh();
    expect(fs.mkdirSync(`${root}/new`)).toBeUndefined();
    expect(fs.statSync(`${root}/new`).isDirectory()).toBe(true);
    fs.mkdirSync(`${root}/private`, 0o700);
    expect(fs.statSync(`${root}/private`).mode & 0o777).toBe(0o700);
    const exists = thrown(() => fs.mkdirSync(`${root}/dir`));
    expect(exists.code).toBe("EEXIST");
    expect(exists.message).toBe(`EEXIST: file already exists, mkdir '${root}/dir'`);
    expect(thrown(() => fs.mkdirSync(`${root}/a/b`)).code).toBe("ENOENT");
  });

  test("recursive: first directory created, or undefined", () => {
    const root = fresh();
    expect(fs.mkdirSync(`${root}/a/b/c`, { recursive: true })).toBe(`${root}/a`);
    expect(fs.statSync(`${root}/a/b/c`).isDirectory()).toBe(true);
    expect(fs.mkdirSync(`${root}/a/b/c`, { recursive: true })).toBeUndefined();
    expect(fs.mkdirSync(`${root}/dir/x/y`, { recursive: true })).toBe(`${root}/dir/x`);
  });

  // Bun 1.4.5 words the options.recursive error differently (see readdir).
  test("recursive errors name the path asked for", () => {
    const root = fresh();
    const file = thrown(() => fs.mkdirSync(`${root}/file.txt`, { recursive: true }));
    expect(file.code).toBe("EEXIST");
    expect(file.path).toBe(`${root}/file.txt`);
    const under = thrown(() => fs.mkdirSync(`${root}/file.txt/a/b`, { recursive: true }));
    expect(under.code).toBe("ENOTDIR");
    expect(under.syscall).toBe("mkdir");
    expect(under.message).toBe(`ENOTDIR: not a directory, mkdir '${root}/file.txt/a/b'`);
    const opt = thrown(() => fs.mkdirSync(`${root}/x`, { recursive: "yes" as any }));
    expect(opt.message).toBe('The "options.recursive" property must be of type boolean. Received type string (\'yes\')');
  });

  test("callback mkdir -p gets the path only when it created something", async () => {
    const root = fresh();
    expect(await callback(fs.mkdir, `${root}/p/q`, { recursive: true })).toEqual([null, `${root}/p`]);
    expect(await callback(fs.mkdir, `${root}/p/q`, { recursive: true })).toEqual([null]);
  });

  test("mkdtemp", async () => {
    const root = fresh();
    const dir = fs.mkdtempSync(`${root}/tmp-`);
    expect(dir).toMatch(/\/tmp-[A-Za-z0-9]{6}$/);
    expect(fs.statSync(dir).isDirectory()).toBe(true);
    const buf = fs.mkdtempSync(`${root}/b-`, "buffer");
    expect(Buffer.isBuffer(buf)).toBe(true);
    const [err, made] = (await callback(fs.mkdtemp, `${root}/c-`)) as any[];
    expect(err).toBeNull();
    expect(made.startsWith(`${root}/c-`)).toBe(true);
    expect(thrown(() => fs.mkdtempSync(`${root}/missing/x-`)).code).toBe("ENOENT");
  });
});

describe("rm / rmdir / unlink", () => {
  // Bun 1.4.5 checks the directory before the options (ERR_FS_EISDIR for a bad `force`).
  test("rm: files, -r, -f, and its errors", () => {
    const root = fresh();
    fs.rmSync(`${root}/file.txt`);
    expect(fs.existsSync(`${root}/file.txt`)).toBe(false);
    const dir = thrown(() => fs.rmSync(`${root}/dir`));
    expect(dir.code).toBe("ERR_FS_EISDIR");
    expect(dir.name).toBe("SystemError");
    expect(dir.message).toBe(`Path is a directory: rm returned EISDIR (is a directory) ${root}/dir`);
    expect(dir.errno).toBe(21);
    expect(dir.syscall).toBe("rm");
    expect(dir.path).toBe(`${root}/dir`);
    const missing = thrown(() => fs.rmSync(`${root}/missing`));
    expect(missing.code).toBe("ENOENT");
    expect(missing.syscall).toBe("lstat");
    expect(() => fs.rmSync(`${root}/missing`, { force: true })).not.toThrow();
    fs.rmSync(`${root}/link-dir`, { recursive: true });
    expect(fs.existsSync(`${root}/dir/sub/b.txt`)).toBe(true);
    fs.rmSync(`${root}/dir`, { recursive: true });
    expect(fs.existsSync(`${root}/dir`)).toBe(false);
    const opt = thrown(() => fs.rmSync(root, { force: "y" as any }));
    expect(opt.message).toBe('The "options.force" property must be of type boolean. Received type string (\'y\')');
  });

  test("rmdir, unlink", async () => {
    const root = fresh();
    const notEmpty = thrown(() => fs.rmdirSync(`${root}/dir`));
    expect(notEmpty.code).toBe("ENOTEMPTY");
    expect(notEmpty.syscall).toBe("rmdir");
    expect(thrown(() => fs.rmdirSync(`${root}/file.txt`)).code).toBe("ENOTDIR");
    fs.rmdirSync(`${root}/dir`, { recursive: true });
    expect(fs.existsSync(`${root}/dir`)).toBe(false);
    const isDir = thrown(() => fs.unlinkSync(root));
    expect(isDir.code).toBe("EISDIR");
    expect(isDir.message).toBe(`EISDIR: illegal operation on a directory, unlink '${root}'`);
    expect(await callback(fs.unlink, `${root}/empty`)).toEqual([null]);
    const [err] = (await callback(fs.rm, `${root}/missing`)) as any[];
    expect(err.code).toBe("ENOENT");
  });
});

describe("rename / copyFile / cp", () => {
  test("rename and its two-path errors", () => {
    const root = fresh();
    fs.renameSync(`${root}/file.txt`, `${root}/moved`);
    expect(fs.readFileSync(`${root}/moved`, "utf8")).toBe("hello world\n");
    const err = thrown(() => fs.renameSync(`${root}/missing`, `${root}/x`));
    expect(err.code).toBe("ENOENT");
    expect(err.path).toBe(`${root}/missing`);
    expect(err.dest).toBe(`${root}/x`);
    expect(err.message).toBe(`ENOENT: no such file or directory, rename '${root}/missing' -> '${root}/x'`);
  });

  test("copyFile and COPYFILE_EXCL", () => {
    const root = fresh();
    fs.copyFileSync(`${root}/file.txt`, `${root}/copy`);
    expect(fs.readFileSync(`${root}/copy`, "utf8")).toBe("hello world\n");
    const excl = thrown(() => fs.copyFileSync(`${root}/file.txt`, `${root}/copy`, fs.constants.COPYFILE_EXCL));
    expect(excl.code).toBe("EEXIST");
    expect(excl.syscall).toBe("copyfile");
    expect(excl.dest).toBe(`${root}/copy`);
    const mode = thrown(() => fs.copyFileSync(`${root}/file.txt`, `${root}/copy`, 8));
    expect(mode.code).toBe("ERR_OUT_OF_RANGE");
  });

  // Bun 1.4.5 calls the filter in another order and for other paths.
  test("cp: files, recursive directories, options", () => {
    const root = fresh();
    fs.cpSync(`${root}/file.txt`, `${root}/deep/new/copy.txt`);
    expect(fs.readFileSync(`${root}/deep/new/copy.txt`, "utf8")).toBe("hello world\n");
    fs.cpSync(`${root}/dir`, `${root}/dir2`, { recursive: true });
    expect(fs.readdirSync(`${root}/dir2`, { recursive: true })).toEqual(["a.txt", "sub", "sub/b.txt"]);
    fs.writeFileSync(`${root}/dir2/a.txt`, "changed");
    fs.cpSync(`${root}/dir`, `${root}/dir2`, { recursive: true, force: false });
    expect(fs.readFileSync(`${root}/dir2/a.txt`, "utf8")).toBe("changed");
    fs.cpSync(`${root}/dir`, `${root}/dir2`, { recursive: true });
    expect(fs.readFileSync(`${root}/dir2/a.txt`, "utf8")).toBe("a");
    const seen: string[] = [];
    fs.cpSync(`${root}/dir`, `${root}/dir3`, {
      recursive: true,
      filter: (src: string) => {
        seen.push(src.slice(root.length));
        return !src.endsWith("b.txt");
      },
    });
    expect(seen.sort()).toEqual(["/dir", "/dir/a.txt", "/dir/sub", "/dir/sub/b.txt"]);
    expect(fs.existsSync(`${root}/dir3/sub/b.txt`)).toBe(false);
    fs.cpSync(`${root}/link-file`, `${root}/link-copy`);
    expect(fs.readlinkSync(`${root}/link-copy`)).toBe(`${root}/file.txt`);
    fs.cpSync(`${root}/link-file`, `${root}/deref-copy`, { dereference: true });
    expect(fs.lstatSync(`${root}/deref-copy`).isFile()).toBe(true);
  });

  test("cp errors", () => {
    const root = fresh();
    const noRec = thrown(() => fs.cpSync(`${root}/dir`, `${root}/x`));
    expect(noRec.code).toBe("ERR_FS_EISDIR");
    expect(noRec.message).toBe(`Path is a directory: cp returned EISDIR (${root}/dir is a directory (not copied)) ${root}/dir`);
    const self = thrown(() => fs.cpSync(`${root}/dir`, `${root}/dir/sub/x`, { recursive: true }));
    expect(self.code).toBe("ERR_FS_CP_EINVAL");
    expect(self.message).toBe(`Invalid src or dest: cp returned EINVAL (cannot copy ${root}/dir to a subdirectory of self ${root}/dir/sub/x) ${root}/dir/sub/x`);
    const same = thrown(() => fs.cpSync(`${root}/file.txt`, `${root}/file.txt`));
    expect(same.code).toBe("ERR_FS_CP_EINVAL");
    expect(same.info.message).toBe("src and dest cannot be the same");
    const overDir = thrown(() => fs.cpSync(`${root}/file.txt`, `${root}/dir`));
    expect(overDir.code).toBe("ERR_FS_CP_NON_DIR_TO_DIR");
    const overFile = thrown(() => fs.cpSync(`${root}/dir`, `${root}/file.txt`, { recursive: true }));
    expect(overFile.code).toBe("ERR_FS_CP_DIR_TO_NON_DIR");
    const exists = thrown(() => fs.cpSync(`${root}/file.txt`, `${root}/empty`, { force: false, errorOnExist: true }));
    expect(exists.code).toBe("ERR_FS_CP_EEXIST");
    expect(exists.message).toBe(`Target already exists: cp returned EEXIST (${root}/empty already exists) ${root}/empty`);
    const missing = thrown(() => fs.cpSync(`${root}/missing`, `${root}/x`));
    expect(missing.code).toBe("ENOENT");
    expect(missing.syscall).toBe("lstat");
    const pair = thrown(() => fs.cpSync(`${root}/file.txt`, `${root}/x`, { dereference: true, verbatimSymlinks: true }));
    expect(pair.code).toBe("ERR_INCOMPATIBLE_OPTION_PAIR");
    const asyncFilter = thrown(() => fs.cpSync(`${root}/file.txt`, `${root}/x`, { filter: async () => true } as any));
    expect(asyncFilter.code).toBe("ERR_INVALID_RETURN_VALUE");
  });

  test("cp callback form", async () => {
    const root = fresh();
    expect(await callback(fs.cp, `${root}/dir`, `${root}/cb`, { recursive: true })).toEqual([null, undefined]);
    expect(fs.readFileSync(`${root}/cb/sub/b.txt`, "utf8")).toBe("bb");
    const [err] = (await callback(fs.cp, `${root}/dir`, `${root}/cb2`)) as any[];
    expect(err.code).toBe("ERR_FS_EISDIR");
  });
});

describe("links and realpath", () => {
  // Bun 1.4.5 reports a bad symlink type as ERR_INVALID_ARG_VALUE.
  test("symlink, readlink, link", () => {
    const root = fresh();
    fs.symlinkSync("dir/a.txt", `${root}/sl`);
    expect(fs.readlinkSync(`${root}/sl`)).toBe("dir/a.txt");
    expect(fs.readFileSync(`${root}/sl`, "utf8")).toBe("a");
    expect(fs.readlinkSync(`${root}/sl`, "buffer")).toEqual(Buffer.from("dir/a.txt"));
    const notLink = thrown(() => fs.readlinkSync(`${root}/file.txt`));
    expect(notLink.code).toBe("EINVAL");
    expect(notLink.syscall).toBe("readlink");
    const exists = thrown(() => fs.symlinkSync("x", `${root}/file.txt`));
    expect(exists.code).toBe("EEXIST");
    expect(exists.message).toBe(`EEXIST: file already exists, symlink 'x' -> '${root}/file.txt'`);
    const type = thrown(() => fs.symlinkSync("x", `${root}/y`, "bogus" as any));
    expect(type.code).toBe("ERR_FS_INVALID_SYMLINK_TYPE");
    fs.linkSync(`${root}/file.txt`, `${root}/hard`);
    expect(fs.statSync(`${root}/file.txt`).nlink).toBe(2);
  });

  // Bun 1.4.5 uses realpath(3) for both, so its errors name the whole path.
  test("realpath walks links; its errors name lstat/stat, realpath.native's realpath", () => {
    const root = fresh();
    const real = fs.realpathSync(root);
    expect(fs.realpathSync(`${root}/link-dir/sub/../a.txt`)).toBe(`${real}/dir/a.txt`);
    expect(fs.realpathSync.native(`${root}/link-file`)).toBe(`${real}/file.txt`);
    expect(fs.realpathSync(`${root}/link-dir`, "buffer")).toEqual(Buffer.from(`${real}/dir`));
    const missing = thrown(() => fs.realpathSync(`${root}/missing/a`));
    expect(missing.syscall).toBe("lstat");
    expect(missing.path).toBe(`${root}/missing`);
    const dangling = thrown(() => fs.realpathSync(`${root}/dangling`));
    expect(dangling.syscall).toBe("stat");
    const native = thrown(() => fs.realpathSync.native(`${root}/missing/a`));
    expect(native.syscall).toBe("realpath");
    expect(native.path).toBe(`${root}/missing/a`);
    fs.symlinkSync("l2", `${root}/l1`);
    fs.symlinkSync("l1", `${root}/l2`);
    expect(thrown(() => fs.realpathSync(`${root}/l1`)).code).toBe("ELOOP");
  });

  test("realpath callbacks", async () => {
    const root = fresh();
    const real = fs.realpathSync(root);
    expect(await callback(fs.realpath, `${root}/link-file`)).toEqual([null, `${real}/file.txt`]);
    expect(await callback(fs.realpath.native, `${root}/link-dir`)).toEqual([null, `${real}/dir`]);
  });
});

describe("access / exists", () => {
  // Bun 1.4.5's accessSync returns null.
  test("access modes and errors", async () => {
    const root = fresh();
    expect(fs.accessSync(`${root}/file.txt`)).toBeUndefined();
    expect(fs.accessSync(`${root}/file.txt`, fs.constants.R_OK | fs.constants.W_OK)).toBeUndefined();
    const missing = thrown(() => fs.accessSync(`${root}/missing`));
    expect(missing.code).toBe("ENOENT");
    expect(missing.message).toBe(`ENOENT: no such file or directory, access '${root}/missing'`);
    expect(thrown(() => fs.accessSync(`${root}/file.txt`, 8)).code).toBe("ERR_OUT_OF_RANGE");
    expect(await callback(fs.access, `${root}/file.txt`)).toEqual([null]);
  });

  test("exists calls back with a boolean only; existsSync never throws", async () => {
    const root = fresh();
    expect(await callback(fs.exists, `${root}/file.txt`)).toEqual([true]);
    expect(await callback(fs.exists, `${root}/missing`)).toEqual([false]);
    expect(fs.existsSync(`${root}/dir`)).toBe(true);
    expect(fs.existsSync(`${root}/dangling`)).toBe(false);
    expect(fs.existsSync(5 as any)).toBe(false);
    expect(fs.existsSync("\0")).toBe(false);
  });
});

describe("descriptors: open / read / write / readv / writev / truncate", () => {
  test("open flags and modes", () => {
    const root = fresh();
    const fd = fs.openSync(`${root}/file.txt`);
    expect(typeof fd).toBe("number");
    fs.closeSync(fd);
    const created = fs.openSync(`${root}/new`, "wx", 0o640);
    fs.closeSync(created);
    expect(fs.statSync(`${root}/new`).mode & 0o777).toBe(0o640);
    expect(thrown(() => fs.openSync(`${root}/new`, "wx")).code).toBe("EEXIST");
    const flags = thrown(() => fs.openSync(`${root}/file.txt`, "bogus"));
    expect(flags.message).toBe("The argument 'flags' is invalid. Received 'bogus'");
    const mode = thrown(() => fs.openSync(`${root}/x`, "w", "abc"));
    expect(mode.message).toBe("The argument 'mode' must be a 32-bit unsigned integer or an octal string. Received 'abc'");
    const close = thrown(() => fs.closeSync(999999));
    expect(close.code).toBe("EBADF");
    expect(close.syscall).toBe("close");
  });

  // Bun 1.4.5: "must be of type number or bigint".
  test("readSync: positional and options forms, argument errors", () => {
    const root = fresh();
    const fd = fs.openSync(`${root}/file.txt`, "r");
    const buf = Buffer.alloc(5);
    expect(fs.readSync(fd, buf, 0, 5, 6)).toBe(5);
    expect(buf.toString()).toBe("world");
    expect(fs.readSync(fd, buf, { offset: 1, length: 2, position: 0 })).toBe(2);
    expect(buf.toString()).toBe("wheld");
    expect(fs.readSync(fd, Buffer.alloc(4), 0, 4, null)).toBe(4);
    expect(fs.readSync(fd, Buffer.alloc(4), 0, 4, 100)).toBe(0);
    expect(fs.readSync(fd, new Uint16Array(2), 0, 4, 0n)).toBe(4);
    const len = thrown(() => fs.readSync(fd, buf, 0, 6, 0));
    expect(len.code).toBe("ERR_OUT_OF_RANGE");
    expect(len.message).toBe('The value of "length" is out of range. It must be <= 5. Received 6');
    const off = thrown(() => fs.readSync(fd, buf, -1, 1, 0));
    expect(off.message).toBe('The value of "offset" is out of range. It must be >= 0 && <= 9007199254740991. Received -1');
    const pos = thrown(() => fs.readSync(fd, buf, 0, 1, "x" as any));
    expect(pos.message).toBe('The "position" argument must be of type bigint or integer. Received type string (\'x\')');
    const notBuf = thrown(() => fs.readSync(fd, "x" as any, 0, 1, 0));
    expect(notBuf.message).toBe('The "buffer" argument must be an instance of Buffer, TypedArray, or DataView. Received type string (\'x\')');
    fs.closeSync(fd);
  });

  test("writeSync: buffer, options and string forms", () => {
    const root = fresh();
    const fd = fs.openSync(`${root}/file.txt`, "r+");
    expect(fs.writeSync(fd, Buffer.from("HE"), 0, 2, 0)).toBe(2);
    expect(fs.writeSync(fd, Buffer.from("xLLx"), { offset: 1, length: 2, position: 2 })).toBe(2);
    expect(fs.writeSync(fd, "W", 6)).toBe(1);
    expect(fs.writeSync(fd, "4f", 7, "hex")).toBe(1);
    expect(fs.readFileSync(`${root}/file.txt`, "utf8")).toBe("HELLo WOrld\n");
    const odd = thrown(() => fs.writeSync(fd, "abc", 0, "hex"));
    expect(odd.message).toBe("The argument 'encoding' is invalid for data of length 3. Received 'hex'");
    const bad = thrown(() => fs.writeSync(fd, 5 as any));
    expect(bad.message).toBe('The "buffer" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (5)');
    fs.closeSync(fd);
  });

  test("read / write callbacks get (err, count, buffer)", async () => {
    const root = fresh();
    const fd = fs.openSync(`${root}/file.txt`, "r+");
    const buf = Buffer.alloc(5);
    const [err, n, same] = await callback(fs.read, fd, buf, 0, 5, 0);
    expect([err, n, same === buf, buf.toString()]).toEqual([null, 5, true, "hello"]);
    const [, n2, b2] = (await callback(fs.read, fd, { buffer: Buffer.alloc(3), position: 6 })) as any[];
    expect([n2, b2.toString()]).toEqual([3, "wor"]);
    const [, n3, b3] = (await callback(fs.read, fd)) as any[];
    expect(b3.length).toBe(16384);
    expect(typeof n3).toBe("number");
    expect(await callback(fs.write, fd, "J", 0)).toEqual([null, 1, "J"]);
    const ro = fs.openSync(`${root}/file.txt`, "r");
    const [werr, written, data] = (await callback(fs.write, ro, "x")) as any[];
    expect([werr.code, written, data]).toEqual(["EBADF", 0, "x"]);
    fs.closeSync(ro);
    fs.closeSync(fd);
    expect(fs.readFileSync(`${root}/file.txt`, "utf8")).toBe("Jello world\n");
  });

  // Bun 1.4.5: "Expected ArrayBufferView[]".
  test("readv / writev", async () => {
    const root = fresh();
    const fd = fs.openSync(`${root}/file.txt`, "r+");
    const parts = [Buffer.alloc(3), Buffer.alloc(20)];
    expect(fs.readvSync(fd, parts, 0)).toBe(12);
    expect(parts[0].toString()).toBe("hel");
    expect(fs.writevSync(fd, [Buffer.from("12"), Buffer.from("34")], 0)).toBe(4);
    const [err, n, bufs] = (await callback(fs.readv, fd, [Buffer.alloc(4)], 0)) as any[];
    expect([err, n, bufs[0].toString()]).toEqual([null, 4, "1234"]);
    const bad = thrown(() => fs.writevSync(fd, ["x"] as any));
    expect(bad.message).toBe('The "buffers" argument must be an ArrayBufferView[]. Received an instance of Array');
    fs.closeSync(fd);
  });

  // Bun 1.4.5 truncates by path (syscall truncate); Node opens the file first (syscall open).
  test("truncate, ftruncate, fsync, fdatasync", async () => {
    const root = fresh();
    fs.truncateSync(`${root}/file.txt`, 5);
    expect(fs.readFileSync(`${root}/file.txt`, "utf8")).toBe("hello");
    fs.truncateSync(`${root}/file.txt`);
    expect(fs.statSync(`${root}/file.txt`).size).toBe(0);
    const missing = thrown(() => fs.truncateSync(`${root}/missing`, 1));
    expect(missing.code).toBe("ENOENT");
    expect(missing.syscall).toBe("open");
    const fd = fs.openSync(`${root}/empty`, "r+");
    fs.ftruncateSync(fd, 10);
    expect(fs.fstatSync(fd).size).toBe(10);
    fs.ftruncateSync(fd, -5);
    expect(fs.fstatSync(fd).size).toBe(0);
    expect(fs.fsyncSync(fd)).toBeUndefined();
    expect(await callback(fs.fdatasync, fd)).toEqual([null]);
    const len = thrown(() => fs.ftruncateSync(fd, "2" as any));
    expect(len.message).toBe('The "len" argument must be of type number. Received type string (\'2\')');
    fs.closeSync(fd);
  });
});

describe("permissions and times", () => {
  test("chmod, fchmod, chown", () => {
    const root = fresh();
    fs.chmodSync(`${root}/file.txt`, 0o600);
    expect(fs.statSync(`${root}/file.txt`).mode & 0o777).toBe(0o600);
    fs.chmodSync(`${root}/file.txt`, "755");
    expect(fs.statSync(`${root}/file.txt`).mode & 0o777).toBe(0o755);
    const fd = fs.openSync(`${root}/file.txt`, "r");
    fs.fchmodSync(fd, 0o640);
    expect(fs.fstatSync(fd).mode & 0o777).toBe(0o640);
    fs.closeSync(fd);
    const s = fs.statSync(`${root}/file.txt`);
    expect(fs.chownSync(`${root}/file.txt`, s.uid, s.gid)).toBeUndefined();
    expect(fs.lchownSync(`${root}/link-file`, -1, -1)).toBeUndefined();
    const uid = thrown(() => fs.chownSync(`${root}/file.txt`, -2, 0));
    expect(uid.message).toBe('The value of "uid" is out of range. It must be >= -1 && <= 4294967295. Received -2');
    expect(thrown(() => fs.chmodSync(`${root}/missing`, 0o600)).syscall).toBe("chmod");
  });

  // Bun 1.4.5: "atime must be a number or a Date"; Node's message reads "an Time".
  test("utimes with numbers, numeric strings and Dates", () => {
    const root = fresh();
    const p = `${root}/file.txt`;
    fs.utimesSync(p, 1000, 2000.5);
    expect(fs.statSync(p).mtimeMs).toBe(2000500);
    fs.utimesSync(p, "1500", "2500");
    expect(fs.statSync(p).atimeMs).toBe(1500000);
    fs.utimesSync(p, new Date(5000), new Date(7500));
    expect(fs.statSync(p).mtimeMs).toBe(7500);
    fs.lutimesSync(`${root}/link-file`, 10, 20);
    expect(fs.lstatSync(`${root}/link-file`).mtimeMs).toBe(20000);
    const fd = fs.openSync(p, "r");
    fs.futimesSync(fd, 1, 3);
    expect(fs.fstatSync(fd).mtimeMs).toBe(3000);
    fs.closeSync(fd);
    const bad = thrown(() => fs.utimesSync(p, "x" as any, 1));
    expect(bad.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(bad.message).toBe('The "time" argument must be an instance of Date or an Time in seconds. Received type string (\'x\')');
    expect(thrown(() => fs.utimesSync(`${root}/missing`, 1, 1)).syscall).toBe("utime");
  });
});

describe("opendir / Dir", () => {
  test("readSync until null, close, errors after close", () => {
    const root = fresh();
    const dir = fs.opendirSync(`${root}/dir`);
    expect(dir.path).toBe(`${root}/dir`);
    const names: string[] = [];
    let entry;
    while ((entry = dir.readSync()) !== null) {
      expect(entry).toBeInstanceOf(fs.Dirent);
      expect(entry.parentPath).toBe(`${root}/dir`);
      names.push(entry.name);
    }
    expect(names.sort()).toEqual(["a.txt", "sub"]);
    dir.closeSync();
    const closed = thrown(() => dir.readSync());
    expect(closed.code).toBe("ERR_DIR_CLOSED");
    expect(closed.message).toBe("Directory handle was closed");
  });

  test("async iteration closes the Dir; callback read and close", async () => {
    const root = fresh();
    const dir = fs.opendirSync(`${root}/dir`);
    const names: string[] = [];
    for await (const entry of dir) names.push(entry.name);
    expect(names.sort()).toEqual(["a.txt", "sub"]);
    expect(thrown(() => dir.closeSync()).code).toBe("ERR_DIR_CLOSED");
    const [err, other] = (await callback(fs.opendir, `${root}/dir/sub`)) as any[];
    expect(err).toBeNull();
    const [readErr, first] = (await callback(other.read.bind(other))) as any[];
    expect([readErr, first.name]).toEqual([null, "b.txt"]);
    expect(await other.read()).toBeNull();
    expect(await callback(other.close.bind(other))).toEqual([null]);
  });

  // Bun 1.4.5 allows bufferSize up to 2^53 - 1 in its message.
  test("opendir errors", () => {
    const root = fresh();
    const missing = thrown(() => fs.opendirSync(`${root}/missing`));
    expect(missing.code).toBe("ENOENT");
    expect(missing.syscall).toBe("opendir");
    expect(thrown(() => fs.opendirSync(`${root}/file.txt`)).code).toBe("ENOTDIR");
    const size = thrown(() => fs.opendirSync(root, { bufferSize: 0 }));
    expect(size.message).toBe('The value of "options.bufferSize" is out of range. It must be >= 1 && <= 4294967295. Received 0');
  });
});
