//! System-call errors as Node shapes them: `ENOENT: no such file or directory, open '/x'` with
//! `errno` (negative, as libuv), `code`, `syscall`, `path` and `dest`.

use rquickjs::{Ctx, Exception};

/// (errno, code, libuv's description) for the errors Node users meet.
pub const ERRNO_TABLE: &[(i32, &str, &str)] = &[
    (libc::E2BIG, "E2BIG", "argument list too long"),
    (libc::EACCES, "EACCES", "permission denied"),
    (libc::EADDRINUSE, "EADDRINUSE", "address already in use"),
    (
        libc::EADDRNOTAVAIL,
        "EADDRNOTAVAIL",
        "address not available",
    ),
    (
        libc::EAFNOSUPPORT,
        "EAFNOSUPPORT",
        "address family not supported",
    ),
    (libc::EAGAIN, "EAGAIN", "resource temporarily unavailable"),
    (libc::EALREADY, "EALREADY", "connection already in progress"),
    (libc::EBADF, "EBADF", "bad file descriptor"),
    (libc::EBUSY, "EBUSY", "resource busy or locked"),
    (libc::ECANCELED, "ECANCELED", "operation canceled"),
    (libc::ECHILD, "ECHILD", "no child processes"),
    (
        libc::ECONNABORTED,
        "ECONNABORTED",
        "software caused connection abort",
    ),
    (libc::ECONNREFUSED, "ECONNREFUSED", "connection refused"),
    (libc::ECONNRESET, "ECONNRESET", "connection reset by peer"),
    (libc::EDEADLK, "EDEADLK", "resource deadlock avoided"),
    (
        libc::EDESTADDRREQ,
        "EDESTADDRREQ",
        "destination address required",
    ),
    (libc::EDQUOT, "EDQUOT", "disk quota exceeded"),
    (libc::EEXIST, "EEXIST", "file already exists"),
    (
        libc::EFAULT,
        "EFAULT",
        "bad address in system call argument",
    ),
    (libc::EFBIG, "EFBIG", "file too large"),
    (libc::EHOSTUNREACH, "EHOSTUNREACH", "host is unreachable"),
    (libc::EINTR, "EINTR", "interrupted system call"),
    (libc::EINVAL, "EINVAL", "invalid argument"),
    (libc::EIO, "EIO", "i/o error"),
    (libc::EISCONN, "EISCONN", "socket is already connected"),
    (libc::EISDIR, "EISDIR", "illegal operation on a directory"),
    (libc::ELOOP, "ELOOP", "too many symbolic links encountered"),
    (libc::EMFILE, "EMFILE", "too many open files"),
    (libc::EMLINK, "EMLINK", "too many links"),
    (libc::EMSGSIZE, "EMSGSIZE", "message too long"),
    (libc::ENAMETOOLONG, "ENAMETOOLONG", "name too long"),
    (libc::ENETDOWN, "ENETDOWN", "network is down"),
    (libc::ENETUNREACH, "ENETUNREACH", "network is unreachable"),
    (libc::ENFILE, "ENFILE", "file table overflow"),
    (libc::ENOBUFS, "ENOBUFS", "no buffer space available"),
    (libc::ENODEV, "ENODEV", "no such device"),
    (libc::ENOENT, "ENOENT", "no such file or directory"),
    (libc::ENOEXEC, "ENOEXEC", "exec format error"),
    (libc::ENOMEM, "ENOMEM", "not enough memory"),
    (libc::ENOSPC, "ENOSPC", "no space left on device"),
    (libc::ENOSYS, "ENOSYS", "function not implemented"),
    (libc::ENOTCONN, "ENOTCONN", "socket is not connected"),
    (libc::ENOTDIR, "ENOTDIR", "not a directory"),
    (libc::ENOTEMPTY, "ENOTEMPTY", "directory not empty"),
    (libc::ENOTSOCK, "ENOTSOCK", "socket operation on non-socket"),
    (
        libc::ENOTSUP,
        "ENOTSUP",
        "operation not supported on socket",
    ),
    (libc::ENOTTY, "ENOTTY", "inappropriate ioctl for device"),
    (libc::ENXIO, "ENXIO", "no such device or address"),
    (
        libc::EOVERFLOW,
        "EOVERFLOW",
        "value too large for defined data type",
    ),
    (libc::EPERM, "EPERM", "operation not permitted"),
    (libc::EPIPE, "EPIPE", "broken pipe"),
    (libc::EPROTO, "EPROTO", "protocol error"),
    (libc::ERANGE, "ERANGE", "result too large"),
    (libc::EROFS, "EROFS", "read-only file system"),
    (libc::ESPIPE, "ESPIPE", "invalid seek"),
    (libc::ESRCH, "ESRCH", "no such process"),
    (libc::ETIMEDOUT, "ETIMEDOUT", "connection timed out"),
    (libc::ETXTBSY, "ETXTBSY", "text file is busy"),
    (libc::EXDEV, "EXDEV", "cross-device link not permitted"),
    (libc::EBADMSG, "EBADMSG", "bad message"),
    (libc::EDOM, "EDOM", "numerical argument out of domain"),
    (libc::EIDRM, "EIDRM", "identifier removed"),
    (libc::EILSEQ, "EILSEQ", "illegal byte sequence"),
    (libc::EINPROGRESS, "EINPROGRESS", "operation in progress"),
    (libc::EMULTIHOP, "EMULTIHOP", "multihop attempted"),
    (libc::ENETRESET, "ENETRESET", "connection reset by network"),
    (libc::ENODATA, "ENODATA", "no data available"),
    (libc::ENOLCK, "ENOLCK", "no locks available"),
    (libc::ENOLINK, "ENOLINK", "link has been severed"),
    (libc::ENOMSG, "ENOMSG", "no message of desired type"),
    (libc::ENOPROTOOPT, "ENOPROTOOPT", "protocol not available"),
    (libc::ENOSR, "ENOSR", "out of streams resources"),
    (libc::ENOSTR, "ENOSTR", "device not a stream"),
    (
        libc::EPROTONOSUPPORT,
        "EPROTONOSUPPORT",
        "protocol not supported",
    ),
    (
        libc::EPROTOTYPE,
        "EPROTOTYPE",
        "protocol wrong type for socket",
    ),
    (libc::ESTALE, "ESTALE", "stale file handle"),
    (libc::ETIME, "ETIME", "timer expired"),
    (
        libc::EOPNOTSUPP,
        "EOPNOTSUPP",
        "operation not supported on socket",
    ),
];

/// The code and description of an OS error number.
pub fn describe(errno: i32) -> (String, String) {
    match ERRNO_TABLE.iter().find(|(n, _, _)| *n == errno) {
        Some((_, code, text)) => (code.to_string(), text.to_string()),
        None => (
            format!("Unknown system error {errno}"),
            format!("unknown error {errno}"),
        ),
    }
}

/// The last OS error number (errno) of this thread.
pub fn last_errno() -> i32 {
    std::io::Error::last_os_error()
        .raw_os_error()
        .unwrap_or(libc::EIO)
}

/// Throws Node's error for a failed system call.
pub fn throw_errno(
    ctx: &Ctx<'_>,
    errno: i32,
    syscall: &str,
    path: Option<&str>,
    dest: Option<&str>,
) -> rquickjs::Error {
    let (code, text) = describe(errno);
    let mut message = format!("{code}: {text}, {syscall}");
    if let Some(p) = path {
        message.push_str(&format!(" '{p}'"));
    }
    if let Some(d) = dest {
        message.push_str(&format!(" -> '{d}'"));
    }
    let error = match Exception::from_message(ctx.clone(), &message) {
        Ok(e) => e,
        Err(e) => return e,
    };
    let obj = error.as_object();
    let set = || -> rquickjs::Result<()> {
        obj.set("errno", -errno)?;
        obj.set("code", code.as_str())?;
        obj.set("syscall", syscall)?;
        if let Some(p) = path {
            obj.set("path", p)?;
        }
        if let Some(d) = dest {
            obj.set("dest", d)?;
        }
        Ok(())
    };
    if let Err(e) = set() {
        return e;
    }
    ctx.throw(error.into_value())
}

/// [`throw_errno`] for a `std::io::Error`.
pub fn throw_io(
    ctx: &Ctx<'_>,
    err: &std::io::Error,
    syscall: &str,
    path: Option<&str>,
    dest: Option<&str>,
) -> rquickjs::Error {
    throw_errno(
        ctx,
        err.raw_os_error().unwrap_or(libc::EIO),
        syscall,
        path,
        dest,
    )
}
