//! `rusk:native/fs`: the system calls behind `node:fs`, one function each, synchronous, with
//! Node-shaped errors. Everything above the system call (encodings, recursion, options,
//! callbacks and promises) is in `js/fs.js`.

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt};

use rquickjs::{ArrayBuffer, Ctx, Exception, Object, TypedArray, Value};

use crate::native_module::{func, native_module};
use crate::sys_error::{last_errno, throw_errno, throw_io};
use rusk_runtime::bytes::require_bytes;

pub const NAMES: &[&str] = &[
    "open",
    "close",
    "read",
    "write",
    "readFile",
    "stat",
    "lstat",
    "fstat",
    "readdir",
    "mkdir",
    "rmdir",
    "unlink",
    "rename",
    "link",
    "symlink",
    "readlink",
    "realpath",
    "copyFile",
    "access",
    "chmod",
    "fchmod",
    "chown",
    "lchown",
    "fchown",
    "utimes",
    "lutimes",
    "futimes",
    "truncate",
    "ftruncate",
    "fsync",
    "fdatasync",
    "mkdtemp",
    "constants",
    "watch",
    "unwatch",
    "refWatch",
];

native_module!(NativeFs, build, NAMES);

type R<T> = rquickjs::Result<T>;

fn c_path(ctx: &Ctx<'_>, path: &str) -> R<CString> {
    CString::new(path).map_err(|_| {
        Exception::throw_type(
            ctx,
            "The argument 'path' must be a string, Uint8Array, or URL without null bytes",
        )
    })
}

/// Runs a libc call returning -1 on failure; throws Node's error naming `syscall` and `path`.
fn check(
    ctx: &Ctx<'_>,
    rc: libc::c_int,
    syscall: &str,
    path: Option<&str>,
    dest: Option<&str>,
) -> R<libc::c_int> {
    if rc < 0 {
        Err(throw_errno(ctx, last_errno(), syscall, path, dest))
    } else {
        Ok(rc)
    }
}

/// Runs a system call on one path; throws Node's error naming `syscall` and the path.
fn on_path(
    ctx: &Ctx<'_>,
    syscall: &str,
    path: &str,
    call: impl FnOnce(*const libc::c_char) -> libc::c_int,
) -> R<()> {
    let p = c_path(ctx, path)?;
    check(ctx, call(p.as_ptr()), syscall, Some(path), None).map(|_| ())
}

/// Runs a system call on two paths (`from -> to` in the error message).
fn on_paths(
    ctx: &Ctx<'_>,
    syscall: &str,
    from: &str,
    to: &str,
    call: impl FnOnce(*const libc::c_char, *const libc::c_char) -> libc::c_int,
) -> R<()> {
    let (a, b) = (c_path(ctx, from)?, c_path(ctx, to)?);
    check(
        ctx,
        call(a.as_ptr(), b.as_ptr()),
        syscall,
        Some(from),
        Some(to),
    )
    .map(|_| ())
}

/// Runs a system call on a file descriptor.
fn on_fd(ctx: &Ctx<'_>, syscall: &str, rc: libc::c_int) -> R<()> {
    check(ctx, rc, syscall, None, None).map(|_| ())
}

/// Node's Stats fields, in its order, from a std `Metadata` (which uses statx for birthtime).
fn stats_array<'js>(ctx: &Ctx<'js>, m: &std::fs::Metadata) -> R<Value<'js>> {
    let ms = |sec: i64, nsec: i64| sec as f64 * 1000.0 + nsec as f64 / 1e6;
    let birth = m
        .created()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0);
    let values = [
        m.dev() as f64,
        m.mode() as f64,
        m.nlink() as f64,
        m.uid() as f64,
        m.gid() as f64,
        m.rdev() as f64,
        m.blksize() as f64,
        m.ino() as f64,
        m.size() as f64,
        m.blocks() as f64,
        ms(m.atime(), m.atime_nsec()),
        ms(m.mtime(), m.mtime_nsec()),
        ms(m.ctime(), m.ctime_nsec()),
        birth,
    ];
    Ok(TypedArray::<f64>::new(ctx.clone(), values.to_vec())?.into_value())
}

/// The type numbers libuv gives directory entries.
fn dirent_type(t: &std::fs::FileType) -> u8 {
    if t.is_file() {
        1
    } else if t.is_dir() {
        2
    } else if t.is_symlink() {
        3
    } else if t.is_fifo() {
        4
    } else if t.is_socket() {
        5
    } else if t.is_char_device() {
        6
    } else if t.is_block_device() {
        7
    } else {
        0
    }
}

fn timespec(seconds: f64) -> libc::timespec {
    let whole = seconds.floor();
    libc::timespec {
        tv_sec: whole as libc::time_t,
        tv_nsec: ((seconds - whole) * 1e9) as libc::c_long,
    }
}

/// A file descriptor borrowed as a `File` without taking ownership (it is not closed).
fn borrowed_file(fd: i32) -> std::mem::ManuallyDrop<std::fs::File> {
    use std::os::unix::io::FromRawFd;
    // SAFETY: the File is never dropped (ManuallyDrop), so the caller's fd stays open and owned
    // by JS; an invalid fd makes the following call fail with EBADF.
    std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(fd) })
}

fn constants<'js>(ctx: &Ctx<'js>) -> R<Object<'js>> {
    let c = Object::new(ctx.clone())?;
    let entries: &[(&str, i64)] = &[
        ("UV_FS_SYMLINK_DIR", 1),
        ("UV_FS_SYMLINK_JUNCTION", 2),
        ("O_RDONLY", libc::O_RDONLY as i64),
        ("O_WRONLY", libc::O_WRONLY as i64),
        ("O_RDWR", libc::O_RDWR as i64),
        ("UV_DIRENT_UNKNOWN", 0),
        ("UV_DIRENT_FILE", 1),
        ("UV_DIRENT_DIR", 2),
        ("UV_DIRENT_LINK", 3),
        ("UV_DIRENT_FIFO", 4),
        ("UV_DIRENT_SOCKET", 5),
        ("UV_DIRENT_CHAR", 6),
        ("UV_DIRENT_BLOCK", 7),
        ("EXTENSIONLESS_FORMAT_JAVASCRIPT", 0),
        ("EXTENSIONLESS_FORMAT_WASM", 1),
        ("S_IFMT", libc::S_IFMT as i64),
        ("S_IFREG", libc::S_IFREG as i64),
        ("S_IFDIR", libc::S_IFDIR as i64),
        ("S_IFCHR", libc::S_IFCHR as i64),
        ("S_IFBLK", libc::S_IFBLK as i64),
        ("S_IFIFO", libc::S_IFIFO as i64),
        ("S_IFLNK", libc::S_IFLNK as i64),
        ("S_IFSOCK", libc::S_IFSOCK as i64),
        ("O_CREAT", libc::O_CREAT as i64),
        ("O_EXCL", libc::O_EXCL as i64),
        ("UV_FS_O_FILEMAP", 0),
        ("O_NOCTTY", libc::O_NOCTTY as i64),
        ("O_TRUNC", libc::O_TRUNC as i64),
        ("O_APPEND", libc::O_APPEND as i64),
        ("O_DIRECTORY", libc::O_DIRECTORY as i64),
        ("O_NOATIME", libc::O_NOATIME as i64),
        ("O_NOFOLLOW", libc::O_NOFOLLOW as i64),
        ("O_SYNC", libc::O_SYNC as i64),
        ("O_DSYNC", libc::O_DSYNC as i64),
        ("O_DIRECT", libc::O_DIRECT as i64),
        ("O_NONBLOCK", libc::O_NONBLOCK as i64),
        ("S_IRWXU", libc::S_IRWXU as i64),
        ("S_IRUSR", libc::S_IRUSR as i64),
        ("S_IWUSR", libc::S_IWUSR as i64),
        ("S_IXUSR", libc::S_IXUSR as i64),
        ("S_IRWXG", libc::S_IRWXG as i64),
        ("S_IRGRP", libc::S_IRGRP as i64),
        ("S_IWGRP", libc::S_IWGRP as i64),
        ("S_IXGRP", libc::S_IXGRP as i64),
        ("S_IRWXO", libc::S_IRWXO as i64),
        ("S_IROTH", libc::S_IROTH as i64),
        ("S_IWOTH", libc::S_IWOTH as i64),
        ("S_IXOTH", libc::S_IXOTH as i64),
        ("F_OK", libc::F_OK as i64),
        ("R_OK", libc::R_OK as i64),
        ("W_OK", libc::W_OK as i64),
        ("X_OK", libc::X_OK as i64),
        ("UV_FS_COPYFILE_EXCL", 1),
        ("COPYFILE_EXCL", 1),
        ("UV_FS_COPYFILE_FICLONE", 2),
        ("COPYFILE_FICLONE", 2),
        ("UV_FS_COPYFILE_FICLONE_FORCE", 4),
        ("COPYFILE_FICLONE_FORCE", 4),
    ];
    for (k, v) in entries {
        c.set(*k, *v as f64)?;
    }
    Ok(c)
}

fn build<'js>(ctx: &Ctx<'js>) -> R<Object<'js>> {
    let o = Object::new(ctx.clone())?;
    o.set("constants", constants(ctx)?)?;

    func!(o, "open", |ctx: Ctx<'js>,
                      path: String,
                      flags: i32,
                      mode: u32|
     -> R<i32> {
        let p = c_path(&ctx, &path)?;
        // SAFETY: p is a valid C string; open has no other memory arguments.
        let fd = unsafe { libc::open(p.as_ptr(), flags | libc::O_CLOEXEC, mode as libc::c_uint) };
        check(&ctx, fd, "open", Some(&path), None)
    });
    func!(o, "close", |ctx: Ctx<'js>, fd: i32| -> R<()> {
        // SAFETY: closing a number JS owns; a bad one fails with EBADF.
        on_fd(&ctx, "close", unsafe { libc::close(fd) })
    });
    func!(o, "read", |ctx: Ctx<'js>,
                      fd: i32,
                      buf: Value<'js>,
                      offset: f64,
                      length: f64,
                      position: f64|
     -> R<f64> {
        let bytes = require_bytes(&ctx, &buf, "buffer")?;
        let (offset, length) = window(&ctx, bytes.len, offset, length)?;
        // SAFETY: the window is inside the buffer (checked by `window`); no JS runs during the
        // call, so the buffer cannot be detached or resized meanwhile.
        let n = unsafe {
            let dst = bytes.ptr.as_ptr().add(offset) as *mut libc::c_void;
            if position >= 0.0 {
                libc::pread(fd, dst, length, position as libc::off_t)
            } else {
                libc::read(fd, dst, length)
            }
        };
        if n < 0 {
            return Err(throw_errno(&ctx, last_errno(), "read", None, None));
        }
        Ok(n as f64)
    });
    func!(o, "write", |ctx: Ctx<'js>,
                       fd: i32,
                       buf: Value<'js>,
                       offset: f64,
                       length: f64,
                       position: f64|
     -> R<f64> {
        let bytes = require_bytes(&ctx, &buf, "buffer")?;
        let (offset, length) = window(&ctx, bytes.len, offset, length)?;
        // SAFETY: as in `read`.
        let n = unsafe {
            let src = bytes.ptr.as_ptr().add(offset) as *const libc::c_void;
            if position >= 0.0 {
                libc::pwrite(fd, src, length, position as libc::off_t)
            } else {
                libc::write(fd, src, length)
            }
        };
        if n < 0 {
            return Err(throw_errno(&ctx, last_errno(), "write", None, None));
        }
        Ok(n as f64)
    });
    func!(o, "readFile", |ctx: Ctx<'js>,
                          path: String|
     -> R<ArrayBuffer<'js>> {
        use std::io::Read;
        let mut file = std::fs::File::open(&path)
            .map_err(|e| throw_io(&ctx, &e, "open", Some(&path), None))?;
        let mut data = Vec::new();
        file.read_to_end(&mut data)
            .map_err(|e| throw_io(&ctx, &e, "read", None, None))?;
        ArrayBuffer::new(ctx.clone(), data)
    });
    func!(o, "stat", |ctx: Ctx<'js>, path: String| -> R<Value<'js>> {
        let m =
            std::fs::metadata(&path).map_err(|e| throw_io(&ctx, &e, "stat", Some(&path), None))?;
        stats_array(&ctx, &m)
    });
    func!(o, "lstat", |ctx: Ctx<'js>, path: String| -> R<Value<'js>> {
        let m = std::fs::symlink_metadata(&path)
            .map_err(|e| throw_io(&ctx, &e, "lstat", Some(&path), None))?;
        stats_array(&ctx, &m)
    });
    func!(o, "fstat", |ctx: Ctx<'js>, fd: i32| -> R<Value<'js>> {
        let m = borrowed_file(fd)
            .metadata()
            .map_err(|e| throw_io(&ctx, &e, "fstat", None, None))?;
        stats_array(&ctx, &m)
    });
    func!(o, "readdir", |ctx: Ctx<'js>,
                         path: String|
     -> R<Vec<Vec<Value<'js>>>> {
        let dir = std::fs::read_dir(&path)
            .map_err(|e| throw_io(&ctx, &e, "scandir", Some(&path), None))?;
        let mut out = Vec::new();
        for entry in dir {
            let entry = entry.map_err(|e| throw_io(&ctx, &e, "scandir", Some(&path), None))?;
            let kind = entry.file_type().map(|t| dirent_type(&t)).unwrap_or(0);
            out.push((entry.file_name(), kind));
        }
        // libuv sorts scandir results byte-wise; so does Node's readdir.
        out.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        out.into_iter()
            .map(|(n, k)| {
                let name =
                    rquickjs::String::from_str(ctx.clone(), &n.to_string_lossy())?.into_value();
                Ok(vec![name, Value::new_int(ctx.clone(), k as i32)])
            })
            .collect()
    });
    func!(o, "mkdir", |ctx: Ctx<'js>,
                       path: String,
                       mode: u32|
     -> R<()> {
        // SAFETY: `p` is a valid C string for the duration of the call.
        on_path(&ctx, "mkdir", &path, |p| unsafe {
            libc::mkdir(p, mode as libc::mode_t)
        })
    });
    func!(o, "rmdir", |ctx: Ctx<'js>, path: String| -> R<()> {
        // SAFETY: `p` is a valid C string for the duration of the call.
        on_path(&ctx, "rmdir", &path, |p| unsafe { libc::rmdir(p) })
    });
    func!(o, "unlink", |ctx: Ctx<'js>, path: String| -> R<()> {
        // SAFETY: `p` is a valid C string for the duration of the call.
        on_path(&ctx, "unlink", &path, |p| unsafe { libc::unlink(p) })
    });
    func!(o, "rename", |ctx: Ctx<'js>,
                        from: String,
                        to: String|
     -> R<()> {
        // SAFETY: `a` and `b` are valid C strings for the duration of the call.
        on_paths(&ctx, "rename", &from, &to, |a, b| unsafe {
            libc::rename(a, b)
        })
    });
    func!(o, "link", |ctx: Ctx<'js>,
                      from: String,
                      to: String|
     -> R<()> {
        // SAFETY: `a` and `b` are valid C strings for the duration of the call.
        on_paths(&ctx, "link", &from, &to, |a, b| unsafe { libc::link(a, b) })
    });
    func!(o, "symlink", |ctx: Ctx<'js>,
                         target: String,
                         path: String|
     -> R<()> {
        // SAFETY: `a` and `b` are valid C strings for the duration of the call.
        on_paths(&ctx, "symlink", &target, &path, |a, b| unsafe {
            libc::symlink(a, b)
        })
    });
    func!(o, "readlink", |ctx: Ctx<'js>, path: String| -> R<String> {
        std::fs::read_link(&path)
            .map(|p| p.to_string_lossy().into_owned())
            .map_err(|e| throw_io(&ctx, &e, "readlink", Some(&path), None))
    });
    func!(o, "realpath", |ctx: Ctx<'js>, path: String| -> R<String> {
        std::fs::canonicalize(&path)
            .map(|p| p.to_string_lossy().into_owned())
            .map_err(|e| throw_io(&ctx, &e, "realpath", Some(&path), None))
    });
    func!(o, "copyFile", |ctx: Ctx<'js>,
                          src: String,
                          dest: String,
                          mode: i32|
     -> R<()> {
        copy_file(&ctx, &src, &dest, mode)
    });
    func!(o, "access", |ctx: Ctx<'js>,
                        path: String,
                        mode: i32|
     -> R<()> {
        // SAFETY: `p` is a valid C string for the duration of the call.
        on_path(&ctx, "access", &path, |p| unsafe { libc::access(p, mode) })
    });
    func!(o, "chmod", |ctx: Ctx<'js>,
                       path: String,
                       mode: u32|
     -> R<()> {
        // SAFETY: `p` is a valid C string for the duration of the call.
        on_path(&ctx, "chmod", &path, |p| unsafe {
            libc::chmod(p, mode as libc::mode_t)
        })
    });
    func!(o, "fchmod", |ctx: Ctx<'js>, fd: i32, mode: u32| -> R<()> {
        // SAFETY: integer arguments only; a bad descriptor fails with EBADF.
        on_fd(&ctx, "fchmod", unsafe {
            libc::fchmod(fd, mode as libc::mode_t)
        })
    });
    func!(o, "chown", |ctx: Ctx<'js>,
                       path: String,
                       uid: i64,
                       gid: i64|
     -> R<()> {
        // SAFETY: `p` is a valid C string for the duration of the call.
        on_path(&ctx, "chown", &path, |p| unsafe {
            libc::chown(p, uid as libc::uid_t, gid as libc::gid_t)
        })
    });
    func!(o, "lchown", |ctx: Ctx<'js>,
                        path: String,
                        uid: i64,
                        gid: i64|
     -> R<()> {
        // SAFETY: `p` is a valid C string for the duration of the call.
        on_path(&ctx, "lchown", &path, |p| unsafe {
            libc::lchown(p, uid as libc::uid_t, gid as libc::gid_t)
        })
    });
    func!(o, "fchown", |ctx: Ctx<'js>,
                        fd: i32,
                        uid: i64,
                        gid: i64|
     -> R<()> {
        // SAFETY: integer arguments only; a bad descriptor fails with EBADF.
        on_fd(&ctx, "fchown", unsafe {
            libc::fchown(fd, uid as libc::uid_t, gid as libc::gid_t)
        })
    });
    func!(o, "utimes", |ctx: Ctx<'js>,
                        path: String,
                        atime: f64,
                        mtime: f64|
     -> R<()> {
        utimens(&ctx, &path, atime, mtime, 0, "utime")
    });
    func!(o, "lutimes", |ctx: Ctx<'js>,
                         path: String,
                         atime: f64,
                         mtime: f64|
     -> R<()> {
        utimens(
            &ctx,
            &path,
            atime,
            mtime,
            libc::AT_SYMLINK_NOFOLLOW,
            "lutime",
        )
    });
    func!(o, "futimes", |ctx: Ctx<'js>,
                         fd: i32,
                         atime: f64,
                         mtime: f64|
     -> R<()> {
        let times = [timespec(atime), timespec(mtime)];
        // SAFETY: `times` is an array of two timespecs, as futimens requires.
        on_fd(&ctx, "futime", unsafe {
            libc::futimens(fd, times.as_ptr())
        })
    });
    func!(o, "truncate", |ctx: Ctx<'js>,
                          path: String,
                          len: f64|
     -> R<()> {
        // SAFETY: `p` is a valid C string for the duration of the call.
        on_path(&ctx, "open", &path, |p| unsafe {
            libc::truncate(p, len as libc::off_t)
        })
    });
    func!(o, "ftruncate", |ctx: Ctx<'js>,
                           fd: i32,
                           len: f64|
     -> R<()> {
        // SAFETY: integer arguments only; a bad descriptor fails with EBADF.
        on_fd(&ctx, "ftruncate", unsafe {
            libc::ftruncate(fd, len as libc::off_t)
        })
    });
    func!(o, "fsync", |ctx: Ctx<'js>, fd: i32| -> R<()> {
        // SAFETY: integer arguments only; a bad descriptor fails with EBADF.
        on_fd(&ctx, "fsync", unsafe { libc::fsync(fd) })
    });
    func!(o, "fdatasync", |ctx: Ctx<'js>, fd: i32| -> R<()> {
        // SAFETY: integer arguments only; a bad descriptor fails with EBADF.
        on_fd(&ctx, "fdatasync", unsafe { libc::fdatasync(fd) })
    });
    func!(o, "watch", |ctx: Ctx<'js>,
                       path: String,
                       recursive: bool,
                       persistent: bool|
     -> R<u32> {
        crate::watch::start(&ctx, path, recursive, persistent)
    });
    func!(o, "unwatch", |ctx: Ctx<'js>, id: u32| crate::watch::stop(
        &ctx, id
    ));
    func!(o, "refWatch", |ctx: Ctx<'js>, id: u32, on: bool| {
        crate::watch::set_ref(&ctx, id, on)
    });
    func!(o, "mkdtemp", |ctx: Ctx<'js>, prefix: String| -> R<String> {
        let template = format!("{prefix}XXXXXX");
        let mut bytes = c_path(&ctx, &template)?.into_bytes_with_nul();
        // SAFETY: `bytes` is a writable NUL-terminated buffer ending in XXXXXX, as mkdtemp needs.
        let r = unsafe { libc::mkdtemp(bytes.as_mut_ptr() as *mut libc::c_char) };
        if r.is_null() {
            return Err(throw_errno(
                &ctx,
                last_errno(),
                "mkdtemp",
                Some(&template),
                None,
            ));
        }
        bytes.pop();
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    });
    Ok(o)
}

/// Checks `offset`/`length` against a buffer of `len` bytes.
fn window(ctx: &Ctx<'_>, len: usize, offset: f64, length: f64) -> R<(usize, usize)> {
    let ok = offset >= 0.0
        && length >= 0.0
        && offset.fract() == 0.0
        && length.fract() == 0.0
        && offset + length <= len as f64;
    if !ok {
        return Err(Exception::throw_range(
            ctx,
            &format!("offset {offset} and length {length} are outside a buffer of {len} bytes"),
        ));
    }
    Ok((offset as usize, length as usize))
}

fn utimens(ctx: &Ctx<'_>, path: &str, atime: f64, mtime: f64, flags: i32, syscall: &str) -> R<()> {
    let p = c_path(ctx, path)?;
    let times = [timespec(atime), timespec(mtime)];
    // SAFETY: valid C string and an array of two timespecs.
    let rc = unsafe { libc::utimensat(libc::AT_FDCWD, p.as_ptr(), times.as_ptr(), flags) };
    check(ctx, rc, syscall, Some(path), None).map(|_| ())
}

/// copyFile with Node's modes: COPYFILE_EXCL (1) refuses an existing destination,
/// COPYFILE_FICLONE_FORCE (4) needs a copy-on-write clone, which this build does not make.
fn copy_file(ctx: &Ctx<'_>, src: &str, dest: &str, mode: i32) -> R<()> {
    if mode & 4 != 0 {
        return Err(throw_errno(
            ctx,
            libc::ENOSYS,
            "copyfile",
            Some(src),
            Some(dest),
        ));
    }
    if mode & 1 != 0 && std::fs::symlink_metadata(dest).is_ok() {
        return Err(throw_errno(
            ctx,
            libc::EEXIST,
            "copyfile",
            Some(src),
            Some(dest),
        ));
    }
    if std::fs::metadata(src).is_ok_and(|m| m.is_dir()) {
        return Err(throw_errno(
            ctx,
            libc::EISDIR,
            "copyfile",
            Some(src),
            Some(dest),
        ));
    }
    std::fs::copy(src, dest)
        .map(|_| ())
        .map_err(|e| throw_io(ctx, &e, "copyfile", Some(src), Some(dest)))
}
