//! `rusk:native/process`: the OS-facing half of `process` (memory, clocks, ids, signals,
//! environment).

use std::time::Instant;

use rquickjs::function::Opt;
use rquickjs::{BigInt, Ctx, Object};

use crate::native_module::{func, native_module};
use crate::sys_error::{last_errno, throw_errno, throw_io};

pub const NAMES: &[&str] = &[
    "memoryUsage",
    "rss",
    "hrtime",
    "pid",
    "ppid",
    "umask",
    "kill",
    "cwd",
    "chdir",
    "getenv",
    "setenv",
    "unsetenv",
    "envKeys",
    "execPath",
    "uptime",
    "cpuUsage",
    "resourceUsage",
    "getuid",
    "geteuid",
    "getgid",
    "getegid",
    "isatty",
    "windowSize",
    "setRawMode",
];

native_module!(NativeProcess, build, NAMES);

type R<T> = rquickjs::Result<T>;

fn rss() -> f64 {
    // /proc/self/statm: size resident shared ... (in pages).
    let pages = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|t| {
            t.split_whitespace()
                .nth(1)
                .and_then(|x| x.parse::<f64>().ok())
        })
        .unwrap_or(0.0);
    // SAFETY: sysconf has no memory arguments.
    pages * unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as f64
}

fn monotonic_ns() -> u64 {
    // SAFETY: clock_gettime fills the timespec.
    let ts = unsafe {
        let mut ts: libc::timespec = std::mem::zeroed();
        libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts);
        ts
    };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

fn rusage() -> libc::rusage {
    // SAFETY: getrusage fills the zeroed struct.
    unsafe {
        let mut u: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut u);
        u
    }
}

fn micros(t: libc::timeval) -> f64 {
    t.tv_sec as f64 * 1e6 + t.tv_usec as f64
}

thread_local! {
    /// Each terminal's settings from before its first switch to raw mode, by descriptor.
    static SAVED_TERMIOS: std::cell::RefCell<std::collections::HashMap<i32, libc::termios>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// `tty.ReadStream#setRawMode`: switches the terminal on `fd` to raw mode as libuv does
/// (`UV_TTY_MODE_RAW`: no echo, no line editing, no signals from keys, 8-bit, one byte at a
/// time) or back to the settings it had before. Returns 0, or the errno of a failed call.
fn set_raw_mode(fd: i32, raw: bool) -> i32 {
    // SAFETY: tcgetattr/tcsetattr with a termios owned here; the descriptor is only read from.
    unsafe {
        if !raw {
            let Some(saved) = SAVED_TERMIOS.with(|s| s.borrow().get(&fd).copied()) else {
                return 0;
            };
            return if libc::tcsetattr(fd, libc::TCSADRAIN, &saved) == 0 {
                0
            } else {
                crate::sys_error::last_errno()
            };
        }
        let mut t: libc::termios = std::mem::zeroed();
        if libc::tcgetattr(fd, &mut t) != 0 {
            return crate::sys_error::last_errno();
        }
        SAVED_TERMIOS.with(|s| {
            s.borrow_mut().entry(fd).or_insert(t);
        });
        t.c_iflag &= !(libc::BRKINT | libc::ICRNL | libc::INPCK | libc::ISTRIP | libc::IXON);
        t.c_oflag |= libc::ONLCR;
        t.c_cflag |= libc::CS8;
        t.c_lflag &= !(libc::ECHO | libc::ICANON | libc::IEXTEN | libc::ISIG);
        t.c_cc[libc::VMIN] = 1;
        t.c_cc[libc::VTIME] = 0;
        if libc::tcsetattr(fd, libc::TCSADRAIN, &t) == 0 {
            0
        } else {
            crate::sys_error::last_errno()
        }
    }
}

fn build<'js>(ctx: &Ctx<'js>) -> R<Object<'js>> {
    let started = Instant::now();
    let o = Object::new(ctx.clone())?;
    func!(o, "memoryUsage", |ctx: Ctx<'js>| -> R<Object<'js>> {
        // SAFETY: JS_ComputeMemoryUsage fills the zeroed struct from the runtime of this
        // context, on its thread.
        let usage = unsafe {
            let mut u: rquickjs::qjs::JSMemoryUsage = std::mem::zeroed();
            rquickjs::qjs::JS_ComputeMemoryUsage(
                rquickjs::qjs::JS_GetRuntime(ctx.as_raw().as_ptr()),
                &mut u,
            );
            u
        };
        let o = Object::new(ctx.clone())?;
        o.set("rss", rss())?;
        o.set("heapTotal", usage.malloc_size as f64)?;
        o.set("heapUsed", usage.memory_used_size as f64)?;
        // QuickJS-ng keeps ArrayBuffer bytes in its own heap (counted in heapTotal) and does
        // not track them apart, so these two are 0 rather than a guess.
        o.set("external", 0.0)?;
        o.set("arrayBuffers", 0.0)?;
        Ok(o)
    });
    func!(o, "rss", rss);
    func!(o, "hrtime", |ctx: Ctx<'js>| -> R<BigInt<'js>> {
        BigInt::from_u64(ctx, monotonic_ns())
    });
    o.set("pid", std::process::id())?;
    // SAFETY: getppid has no arguments.
    o.set("ppid", unsafe { libc::getppid() })?;
    func!(o, "umask", |mask: Opt<u32>| -> u32 {
        // SAFETY: umask has no memory arguments; reading it means setting and restoring it.
        unsafe {
            match mask.0 {
                Some(m) => libc::umask(m as libc::mode_t) as u32,
                None => {
                    let old = libc::umask(0);
                    libc::umask(old);
                    old as u32
                }
            }
        }
    });
    func!(o, "kill", |ctx: Ctx<'js>, pid: i32, signal: i32| -> R<()> {
        // SAFETY: no memory arguments.
        if unsafe { libc::kill(pid, signal) } != 0 {
            return Err(throw_errno(&ctx, last_errno(), "kill", None, None));
        }
        Ok(())
    });
    func!(o, "cwd", |ctx: Ctx<'js>| -> R<String> {
        std::env::current_dir()
            .map(|d| d.to_string_lossy().into_owned())
            .map_err(|e| throw_io(&ctx, &e, "uv_cwd", None, None))
    });
    func!(o, "chdir", |ctx: Ctx<'js>, dir: String| -> R<()> {
        std::env::set_current_dir(&dir).map_err(|e| throw_io(&ctx, &e, "chdir", Some(&dir), None))
    });
    func!(o, "getenv", |name: String| -> Option<String> {
        std::env::var_os(&name).map(|v| v.to_string_lossy().into_owned())
    });
    func!(o, "setenv", |name: String, value: String| {
        if !name.is_empty() && !name.contains('=') && !name.contains('\0') && !value.contains('\0')
        {
            // SAFETY: rusk's JS thread is the only one changing the environment; natives that
            // read it on other threads (none today) would have to tolerate this.
            unsafe { std::env::set_var(&name, &value) };
        }
    });
    func!(o, "unsetenv", |name: String| {
        if !name.is_empty() && !name.contains('=') && !name.contains('\0') {
            // SAFETY: as for setenv.
            unsafe { std::env::remove_var(&name) };
        }
    });
    func!(o, "envKeys", || -> Vec<String> {
        std::env::vars_os()
            .map(|(k, _)| k.to_string_lossy().into_owned())
            .collect()
    });
    o.set(
        "execPath",
        std::env::current_exe()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default(),
    )?;
    func!(o, "uptime", move || started.elapsed().as_secs_f64());
    func!(o, "cpuUsage", |ctx: Ctx<'js>| -> R<Object<'js>> {
        let u = rusage();
        let o = Object::new(ctx)?;
        o.set("user", micros(u.ru_utime))?;
        o.set("system", micros(u.ru_stime))?;
        Ok(o)
    });
    func!(o, "resourceUsage", |ctx: Ctx<'js>| -> R<Object<'js>> {
        let u = rusage();
        let o = Object::new(ctx)?;
        o.set("userCPUTime", micros(u.ru_utime))?;
        o.set("systemCPUTime", micros(u.ru_stime))?;
        o.set("maxRSS", u.ru_maxrss as f64)?;
        o.set("sharedMemorySize", u.ru_ixrss as f64)?;
        o.set("unsharedDataSize", u.ru_idrss as f64)?;
        o.set("unsharedStackSize", u.ru_isrss as f64)?;
        o.set("minorPageFault", u.ru_minflt as f64)?;
        o.set("majorPageFault", u.ru_majflt as f64)?;
        o.set("swappedOut", u.ru_nswap as f64)?;
        o.set("fsRead", u.ru_inblock as f64)?;
        o.set("fsWrite", u.ru_oublock as f64)?;
        o.set("ipcSent", u.ru_msgsnd as f64)?;
        o.set("ipcReceived", u.ru_msgrcv as f64)?;
        o.set("signalsCount", u.ru_nsignals as f64)?;
        o.set("voluntaryContextSwitches", u.ru_nvcsw as f64)?;
        o.set("involuntaryContextSwitches", u.ru_nivcsw as f64)?;
        Ok(o)
    });
    // SAFETY: getuid takes no arguments and cannot fail.
    func!(o, "getuid", || unsafe { libc::getuid() });
    // SAFETY: as getuid.
    func!(o, "geteuid", || unsafe { libc::geteuid() });
    // SAFETY: as getuid.
    func!(o, "getgid", || unsafe { libc::getgid() });
    // SAFETY: as getuid.
    func!(o, "getegid", || unsafe { libc::getegid() });
    // SAFETY: isatty has no memory arguments.
    func!(o, "isatty", |fd: i32| unsafe { libc::isatty(fd) } == 1);
    func!(o, "setRawMode", set_raw_mode);
    func!(o, "windowSize", |fd: i32| -> Option<Vec<u16>> {
        // SAFETY: TIOCGWINSZ fills the zeroed winsize.
        unsafe {
            let mut w: libc::winsize = std::mem::zeroed();
            (libc::ioctl(fd, libc::TIOCGWINSZ, &mut w) == 0).then(|| vec![w.ws_col, w.ws_row])
        }
    });
    Ok(o)
}
