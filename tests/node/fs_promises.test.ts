// node:fs/promises — every function returns a promise (argument errors reject too), FileHandle,
// iterable data, AbortSignal, and the places where Node's promise forms differ from the sync
// ones (readdir's recursive order, realpath's syscall). Expectations are Node 20's.
import { afterAll, describe, expect, test } from "bun:test";
import fsp from "node:fs/promises";
import { readFile as namedReadFile, open as namedOpen, constants as namedConstants } from "node:fs/promises";
import fs from "node:fs";
import { Buffer } from "node:buffer";

const TMP = (process.env.TMPDIR || "/tmp").replace(/\/$/, "");
const top = fs.mkdtempSync(`${TMP}/rusk-fsp-test-`);
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

async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected a rejection");
}

describe("module shape", () => {
  test("default and named exports", () => {
    expect(namedReadFile).toBe(fsp.readFile);
    expect(namedOpen).toBe(fsp.open);
    expect(namedConstants).toBe(fs.constants);
    expect(fs.promises).toBe(fsp);
    for (const name of ["access", "appendFile", "chmod", "chown", "copyFile", "cp", "lchown", "link", "lstat", "lutimes", "mkdir", "mkdtemp", "open", "opendir", "readFile", "readdir", "readlink", "realpath", "rename", "rm", "rmdir", "stat", "symlink", "truncate", "unlink", "utimes", "writeFile"]) {
      expect(typeof (fsp as any)[name]).toBe("function");
    }
  });

  // Bun 1.4.5 says "path must be a string or TypedArray".
  test("argument errors reject instead of throwing", async () => {
    const promise = fsp.stat(5 as any);
    expect(promise).toBeInstanceOf(Promise);
    const err = await rejection(promise);
    expect(err).toBeInstanceOf(TypeError);
    expect(err.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(err.message).toBe('The "path" argument must be of type string or an instance of Buffer or URL. Received type number (5)');
    expect((await rejection(fsp.readFile("/x\0y"))).code).toBe("ERR_INVALID_ARG_VALUE");
  });

  // Node has no lchmod on Linux: the promise form exists and rejects.
  test.skipIf(process.platform !== "linux")("lchmod rejects with ERR_METHOD_NOT_IMPLEMENTED", async () => {
    const err = await rejection(fsp.lchmod("/tmp", 0o755));
    expect(err.code).toBe("ERR_METHOD_NOT_IMPLEMENTED");
    expect(err.message).toBe("The lchmod() method is not implemented");
  });
});

describe("readFile / writeFile / appendFile", () => {
  test("round trip with encodings, flags and modes", async () => {
    const root = fresh();
    expect(await fsp.readFile(`${root}/file.txt`, "utf8")).toBe("hello world\n");
    expect(await fsp.readFile(`${root}/file.txt`, { encoding: "base64" })).toBe("aGVsbG8gd29ybGQK");
    expect(Buffer.isBuffer(await fsp.readFile(`${root}/file.txt`))).toBe(true);
    expect(await fsp.writeFile(`${root}/out`, "héllo", { mode: 0o600 })).toBeUndefined();
    expect(fs.readFileSync(`${root}/out`, "utf8")).toBe("héllo");
    expect(fs.statSync(`${root}/out`).mode & 0o777).toBe(0o600);
    await fsp.appendFile(`${root}/out`, new Uint8Array([33]));
    expect(fs.readFileSync(`${root}/out`, "utf8")).toBe("héllo!");
    await fsp.writeFile(new URL(`file://${root}/url`), "4142", "hex");
    expect(fs.readFileSync(`${root}/url`, "latin1")).toBe("AB");
  });

  // Bun 1.4.5's appendFile does not take iterables.
  test("iterables and async iterables are written chunk by chunk", async () => {
    const root = fresh();
    await fsp.writeFile(`${root}/it`, ["a", Buffer.from("b"), "c"]);
    expect(fs.readFileSync(`${root}/it`, "utf8")).toBe("abc");
    async function* chunks() {
      yield "x";
      yield new Uint8Array([89]);
    }
    await fsp.writeFile(`${root}/ait`, chunks());
    expect(fs.readFileSync(`${root}/ait`, "utf8")).toBe("xY");
    await fsp.appendFile(`${root}/it`, new Set(["1", "2"]));
    expect(fs.readFileSync(`${root}/it`, "utf8")).toBe("abc12");
  });

  // Bun 1.4.5 leaves out the "Received ..." part of the data error.
  test("errors: ENOENT, EISDIR, bad data, bad encoding", async () => {
    const root = fresh();
    const missing = await rejection(fsp.readFile(`${root}/missing`));
    expect(missing.code).toBe("ENOENT");
    expect(missing.syscall).toBe("open");
    expect(missing.path).toBe(`${root}/missing`);
    expect(missing.message).toBe(`ENOENT: no such file or directory, open '${root}/missing'`);
    expect((await rejection(fsp.readFile(`${root}/dir`))).code).toBe("EISDIR");
    const data = await rejection(fsp.writeFile(`${root}/x`, 5 as any));
    expect(data.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(data.message).toBe('The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (5)');
    const enc = await rejection(fsp.readFile(`${root}/file.txt`, "nope" as any));
    expect(enc.message).toBe("The argument 'encoding' is invalid encoding. Received 'nope'");
    const excl = await rejection(fsp.writeFile(`${root}/file.txt`, "x", { flag: "wx" }));
    expect(excl.code).toBe("EEXIST");
  });

  test("an aborted signal rejects with AbortError and writes nothing", async () => {
    const root = fresh();
    const read = await rejection(fsp.readFile(`${root}/file.txt`, { signal: AbortSignal.abort() }));
    expect(read.name).toBe("AbortError");
    expect(read.code).toBe("ABORT_ERR");
    const write = await rejection(fsp.writeFile(`${root}/new`, "x", { signal: AbortSignal.abort() }));
    expect(write.name).toBe("AbortError");
    expect(fs.existsSync(`${root}/new`)).toBe(false);
  });
});

describe("FileHandle", () => {
  test("open, fd, stat, readFile, close", async () => {
    const root = fresh();
    const handle = await fsp.open(`${root}/file.txt`, "r");
    expect(typeof handle.fd).toBe("number");
    expect(handle.constructor.name).toBe("FileHandle");
    expect((await handle.stat()).size).toBe(12);
    expect((await handle.stat({ bigint: true })).size).toBe(12n);
    expect(await handle.readFile("utf8")).toBe("hello world\n");
    expect(await handle.close()).toBeUndefined();
    expect(handle.fd).toBe(-1);
    expect(await handle.close()).toBeUndefined();
  });

  test("read: positional, options, no arguments", async () => {
    const root = fresh();
    const handle = await fsp.open(`${root}/file.txt`);
    const first = await handle.read(Buffer.alloc(5), 0, 5, 6);
    expect(first.bytesRead).toBe(5);
    expect(first.buffer.toString()).toBe("world");
    const second = await handle.read(Buffer.alloc(4), { position: 0, length: 2 });
    expect([second.bytesRead, second.buffer.subarray(0, 2).toString()]).toEqual([2, "he"]);
    const third = await handle.read({ buffer: Buffer.alloc(3), position: 1 });
    expect(third.buffer.toString()).toBe("ell");
    const whole = await handle.read();
    expect(whole.buffer.length).toBe(16384);
    const bad = await rejection(handle.read(Buffer.alloc(3), 0, 5, 0));
    expect(bad.code).toBe("ERR_OUT_OF_RANGE");
    expect(bad.message).toBe('The value of "length" is out of range. It must be <= 3. Received 5');
    await handle.close();
  });

  test("write, writev, readv, writeFile, appendFile", async () => {
    const root = fresh();
    const handle = await fsp.open(`${root}/file.txt`, "r+");
    const w = await handle.write("HE", 0);
    expect([w.bytesWritten, w.buffer]).toEqual([2, "HE"]);
    const b = await handle.write(Buffer.from("xLLx"), 1, 2, 2);
    expect(b.bytesWritten).toBe(2);
    expect((await handle.write(Buffer.from("O"), { position: 4 })).bytesWritten).toBe(1);
    expect((await handle.writev([Buffer.from(" "), Buffer.from("W")], 5)).bytesWritten).toBe(2);
    const parts = [Buffer.alloc(5), Buffer.alloc(7)];
    const r = await handle.readv(parts, 0);
    expect(r.bytesRead).toBe(12);
    expect(Buffer.concat(parts).toString()).toBe("HELLO World\n");
    const bad = await rejection(handle.write(5 as any));
    expect(bad.code).toBe("ERR_INVALID_ARG_TYPE");
    await handle.close();
    const writer = await fsp.open(`${root}/out`, "w");
    await writer.writeFile("one");
    await writer.appendFile("+two");
    await fsp.writeFile(writer, "+three");
    await writer.close();
    expect(fs.readFileSync(`${root}/out`, "utf8")).toBe("one+two+three");
  });

  test("truncate, sync, datasync, chmod, chown, utimes", async () => {
    const root = fresh();
    const handle = await fsp.open(`${root}/file.txt`, "r+");
    await handle.truncate(5);
    expect(fs.readFileSync(`${root}/file.txt`, "utf8")).toBe("hello");
    expect(await handle.sync()).toBeUndefined();
    expect(await handle.datasync()).toBeUndefined();
    await handle.chmod(0o640);
    expect(fs.statSync(`${root}/file.txt`).mode & 0o777).toBe(0o640);
    const { uid, gid } = fs.statSync(`${root}/file.txt`);
    expect(await handle.chown(uid, gid)).toBeUndefined();
    await handle.utimes(1000, new Date(2000));
    expect(fs.statSync(`${root}/file.txt`).mtimeMs).toBe(2000);
    await handle.close();
  });

  // Bun 1.4.5's message is "Bad file descriptor".
  test("a closed FileHandle rejects with EBADF 'file closed'", async () => {
    const root = fresh();
    const handle = await fsp.open(`${root}/file.txt`, "r+");
    await handle.close();
    const stat = await rejection(handle.stat());
    expect(stat.code).toBe("EBADF");
    expect(stat.message).toBe("file closed");
    expect(stat.syscall).toBe("fstat");
    expect((await rejection(handle.read(Buffer.alloc(1), 0, 1, 0))).syscall).toBe("read");
    expect((await rejection(handle.write("x"))).syscall).toBe("write");
    expect((await rejection(handle.readFile())).syscall).toBe("readFile");
    expect((await rejection(handle.truncate(0))).syscall).toBe("ftruncate");
  });

  test("Symbol.asyncDispose closes the handle", async () => {
    const root = fresh();
    const handle = await fsp.open(`${root}/file.txt`);
    await (handle as any)[(Symbol as any).asyncDispose]();
    expect(handle.fd).toBe(-1);
  });

  test("open errors", async () => {
    const root = fresh();
    const missing = await rejection(fsp.open(`${root}/missing`));
    expect(missing.code).toBe("ENOENT");
    expect(missing.message).toBe(`ENOENT: no such file or directory, open '${root}/missing'`);
    const flags = await rejection(fsp.open(`${root}/file.txt`, "zz"));
    expect(flags.message).toBe("The argument 'flags' is invalid. Received 'zz'");
  });
});

describe("stat / readdir / mkdir / rm", () => {
  test("stat, lstat, bigint", async () => {
    const root = fresh();
    expect((await fsp.stat(`${root}/link-dir`)).isDirectory()).toBe(true);
    expect((await fsp.lstat(`${root}/link-dir`)).isSymbolicLink()).toBe(true);
    expect((await fsp.stat(`${root}/file.txt`, { bigint: true })).size).toBe(12n);
    const dangling = await rejection(fsp.stat(`${root}/dangling`));
    expect(dangling.message).toBe(`ENOENT: no such file or directory, stat '${root}/dangling'`);
  });

  // Bun 1.4.5 lists entries in the directory's own order; Node (libuv) sorts them.
  test("readdir: sorted names, Dirents, recursion from a stack", async () => {
    const root = fresh();
    expect(await fsp.readdir(root)).toEqual(["dangling", "dir", "empty", "file.txt", "link-dir", "link-file"]);
    const entries = await fsp.readdir(`${root}/dir`, { withFileTypes: true });
    expect(entries.map((e) => [e.name, e.isDirectory(), e.parentPath])).toEqual([
      ["a.txt", false, `${root}/dir`],
      ["sub", true, `${root}/dir`],
    ]);
    fs.mkdirSync(`${root}/dir/sub/deeper`);
    fs.mkdirSync(`${root}/dir/other`);
    // Node's promise form lists the last directory found first.
    expect(await fsp.readdir(`${root}/dir`, { recursive: true })).toEqual(["a.txt", "other", "sub", "sub/b.txt", "sub/deeper"]);
    const missing = await rejection(fsp.readdir(`${root}/missing`));
    expect(missing.syscall).toBe("scandir");
  });

  test("mkdir, mkdtemp, rm, rmdir, unlink, rename", async () => {
    const root = fresh();
    expect(await fsp.mkdir(`${root}/a/b`, { recursive: true })).toBe(`${root}/a`);
    expect(await fsp.mkdir(`${root}/a/b`, { recursive: true })).toBeUndefined();
    expect((await rejection(fsp.mkdir(`${root}/dir`))).code).toBe("EEXIST");
    const made = await fsp.mkdtemp(`${root}/tmp-`);
    expect(fs.statSync(made).isDirectory()).toBe(true);
    const isDir = await rejection(fsp.rm(`${root}/dir`));
    expect(isDir.code).toBe("ERR_FS_EISDIR");
    expect(isDir.message).toBe(`Path is a directory: rm returned EISDIR (is a directory) ${root}/dir`);
    await fsp.rm(`${root}/dir`, { recursive: true });
    expect(fs.existsSync(`${root}/dir`)).toBe(false);
    expect(await fsp.rm(`${root}/missing`, { force: true })).toBeUndefined();
    await fsp.rmdir(`${root}/a/b`);
    expect(fs.existsSync(`${root}/a/b`)).toBe(false);
    await fsp.unlink(`${root}/empty`);
    expect(fs.existsSync(`${root}/empty`)).toBe(false);
    await fsp.rename(`${root}/file.txt`, `${root}/moved`);
    expect(fs.readFileSync(`${root}/moved`, "utf8")).toBe("hello world\n");
    const rename = await rejection(fsp.rename(`${root}/missing`, `${root}/x`));
    expect(rename.dest).toBe(`${root}/x`);
  });
});

describe("links, copies, access, times", () => {
  test("symlink, readlink, link, realpath (syscall realpath)", async () => {
    const root = fresh();
    await fsp.symlink("dir/a.txt", `${root}/sl`);
    expect(await fsp.readlink(`${root}/sl`)).toBe("dir/a.txt");
    await fsp.link(`${root}/file.txt`, `${root}/hard`);
    expect(fs.statSync(`${root}/hard`).nlink).toBe(2);
    const real = fs.realpathSync(root);
    expect(await fsp.realpath(`${root}/link-dir/sub`)).toBe(`${real}/dir/sub`);
    const missing = await rejection(fsp.realpath(`${root}/missing/x`));
    expect(missing.syscall).toBe("realpath");
    expect(missing.path).toBe(`${root}/missing/x`);
  });

  test("copyFile, cp with an async filter, cp errors", async () => {
    const root = fresh();
    await fsp.copyFile(`${root}/file.txt`, `${root}/copy`);
    expect(fs.readFileSync(`${root}/copy`, "utf8")).toBe("hello world\n");
    const excl = await rejection(fsp.copyFile(`${root}/file.txt`, `${root}/copy`, fs.constants.COPYFILE_EXCL));
    expect(excl.code).toBe("EEXIST");
    const seen: string[] = [];
    await fsp.cp(`${root}/dir`, `${root}/dir2`, {
      recursive: true,
      filter: async (src: string) => {
        seen.push(src.slice(root.length));
        return !src.endsWith("a.txt");
      },
    });
    expect(seen.sort()).toEqual(["/dir", "/dir/a.txt", "/dir/sub", "/dir/sub/b.txt"]);
    expect(fs.readdirSync(`${root}/dir2`, { recursive: true })).toEqual(["sub", "sub/b.txt"]);
    const noRec = await rejection(fsp.cp(`${root}/dir`, `${root}/dir3`));
    expect(noRec.code).toBe("ERR_FS_EISDIR");
    expect(noRec.errno).toBe(21);
    const self = await rejection(fsp.cp(`${root}/dir`, `${root}/dir/sub/x`, { recursive: true }));
    expect(self.code).toBe("ERR_FS_CP_EINVAL");
    const opts = await rejection(fsp.cp(`${root}/dir`, `${root}/x`, { force: 1 } as any));
    expect(opts.message).toBe('The "options.force" property must be of type boolean. Received type number (1)');
  });

  // Bun 1.4.5's access resolves with null.
  test("access, chmod, chown, utimes, lutimes, truncate", async () => {
    const root = fresh();
    expect(await fsp.access(`${root}/file.txt`, fs.constants.R_OK)).toBeUndefined();
    const access = await rejection(fsp.access(`${root}/missing`));
    expect(access.message).toBe(`ENOENT: no such file or directory, access '${root}/missing'`);
    await fsp.chmod(`${root}/file.txt`, "600");
    expect(fs.statSync(`${root}/file.txt`).mode & 0o777).toBe(0o600);
    const { uid, gid } = fs.statSync(`${root}/file.txt`);
    expect(await fsp.chown(`${root}/file.txt`, uid, gid)).toBeUndefined();
    expect(await fsp.lchown(`${root}/link-file`, uid, gid)).toBeUndefined();
    await fsp.utimes(`${root}/file.txt`, "100", new Date(3000));
    expect(fs.statSync(`${root}/file.txt`).mtimeMs).toBe(3000);
    await fsp.lutimes(`${root}/link-file`, 1, 2);
    expect(fs.lstatSync(`${root}/link-file`).mtimeMs).toBe(2000);
    await fsp.truncate(`${root}/file.txt`, 4);
    expect(fs.readFileSync(`${root}/file.txt`, "utf8")).toBe("hell");
    const trunc = await rejection(fsp.truncate(`${root}/missing`));
    expect(trunc.syscall).toBe("open");
  });
});

describe("opendir", () => {
  test("async iteration and read()", async () => {
    const root = fresh();
    const dir = await fsp.opendir(`${root}/dir`);
    expect(dir.path).toBe(`${root}/dir`);
    const names: string[] = [];
    for await (const entry of dir) names.push(entry.name);
    expect(names.sort()).toEqual(["a.txt", "sub"]);
    const again = await fsp.opendir(`${root}/dir/sub`);
    expect((await again.read())?.name).toBe("b.txt");
    expect(await again.read()).toBeNull();
    await again.close();
    const closed = await rejection(again.close());
    expect(closed.code).toBe("ERR_DIR_CLOSED");
  });

  test("errors name opendir and the path", async () => {
    const root = fresh();
    const missing = await rejection(fsp.opendir(`${root}/missing`));
    expect(missing.code).toBe("ENOENT");
    expect(missing.syscall).toBe("opendir");
    expect(missing.message).toBe(`ENOENT: no such file or directory, opendir '${root}/missing'`);
  });
});
