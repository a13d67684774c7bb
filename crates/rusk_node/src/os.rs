//! `rusk:native/os`: what `node:os` reports about this machine, read from the OS (libc calls
//! and /proc, as libuv does on Linux).

use std::ffi::CStr;

use rquickjs::{Ctx, Object};

use crate::native_module::{func, native_module};
use crate::sys_error::{last_errno, throw_errno, ERRNO_TABLE};

pub const NAMES: &[&str] = &[
    "cpus",
    "hostname",
    "totalmem",
    "freemem",
    "uptime",
    "loadavg",
    "networkInterfaces",
    "userInfo",
    "uname",
    "getPriority",
    "setPriority",
    "signals",
    "errno",
];

native_module!(NativeOs, build, NAMES);

type R<T> = rquickjs::Result<T>;

/// Signal names and numbers (Linux numbering through libc).
pub const SIGNALS: &[(&str, i32)] = &[
    ("SIGHUP", libc::SIGHUP),
    ("SIGINT", libc::SIGINT),
    ("SIGQUIT", libc::SIGQUIT),
    ("SIGILL", libc::SIGILL),
    ("SIGTRAP", libc::SIGTRAP),
    ("SIGABRT", libc::SIGABRT),
    ("SIGIOT", libc::SIGIOT),
    ("SIGBUS", libc::SIGBUS),
    ("SIGFPE", libc::SIGFPE),
    ("SIGKILL", libc::SIGKILL),
    ("SIGUSR1", libc::SIGUSR1),
    ("SIGSEGV", libc::SIGSEGV),
    ("SIGUSR2", libc::SIGUSR2),
    ("SIGPIPE", libc::SIGPIPE),
    ("SIGALRM", libc::SIGALRM),
    ("SIGTERM", libc::SIGTERM),
    ("SIGCHLD", libc::SIGCHLD),
    ("SIGSTKFLT", 16),
    ("SIGCONT", libc::SIGCONT),
    ("SIGSTOP", libc::SIGSTOP),
    ("SIGTSTP", libc::SIGTSTP),
    ("SIGTTIN", libc::SIGTTIN),
    ("SIGTTOU", libc::SIGTTOU),
    ("SIGURG", libc::SIGURG),
    ("SIGXCPU", libc::SIGXCPU),
    ("SIGXFSZ", libc::SIGXFSZ),
    ("SIGVTALRM", libc::SIGVTALRM),
    ("SIGPROF", libc::SIGPROF),
    ("SIGWINCH", libc::SIGWINCH),
    ("SIGIO", libc::SIGIO),
    ("SIGPOLL", libc::SIGPOLL),
    ("SIGPWR", libc::SIGPWR),
    ("SIGSYS", libc::SIGSYS),
];

fn sysinfo() -> Option<libc::sysinfo> {
    // SAFETY: sysinfo fills the zeroed struct we pass.
    unsafe {
        let mut info: libc::sysinfo = std::mem::zeroed();
        (libc::sysinfo(&mut info) == 0).then_some(info)
    }
}

/// A `/proc/meminfo` field in bytes (libuv reads MemAvailable for freemem).
fn meminfo(field: &str) -> Option<f64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024.0)
}

struct Cpu {
    model: String,
    speed: f64,
    times: [f64; 5],
}

/// CPUs as libuv reads them: model from /proc/cpuinfo, MHz from cpufreq, times (ms) from
/// /proc/stat.
fn cpus() -> Vec<Cpu> {
    let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let models: Vec<String> = info
        .lines()
        .filter(|l| l.starts_with("model name"))
        .filter_map(|l| l.split_once(':').map(|(_, v)| v.trim().to_string()))
        .collect();
    // libuv reads the current frequency from cpufreq (kHz) and reports 0 where there is none.
    let speed = |i: usize| {
        std::fs::read_to_string(format!(
            "/sys/devices/system/cpu/cpu{i}/cpufreq/scaling_cur_freq"
        ))
        .ok()
        .and_then(|t| t.trim().parse::<f64>().ok())
        .map_or(0.0, |khz| (khz / 1000.0).floor())
    };
    // SAFETY: sysconf has no memory arguments.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    let to_ms = 1000.0 / ticks;
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    stat.lines()
        .filter(|l| l.starts_with("cpu") && l.as_bytes().get(3).is_some_and(u8::is_ascii_digit))
        .enumerate()
        .map(|(i, line)| {
            let f: Vec<f64> = line
                .split_whitespace()
                .skip(1)
                .map(|x| x.parse::<f64>().unwrap_or(0.0))
                .collect();
            let at = |k: usize| f.get(k).copied().unwrap_or(0.0) * to_ms;
            Cpu {
                model: models
                    .get(i)
                    .or(models.first())
                    .cloned()
                    .unwrap_or_else(|| "unknown".into()),
                speed: speed(i),
                // user, nice, sys, idle, irq
                times: [at(0), at(1), at(2), at(3), at(5)],
            }
        })
        .collect()
}

fn ip_text(family: i32, addr: *const libc::sockaddr) -> Option<(String, u32)> {
    if addr.is_null() {
        return None;
    }
    // SAFETY: getifaddrs gives sockaddr pointers of the family they declare.
    unsafe {
        match family {
            libc::AF_INET => {
                let a = &*(addr as *const libc::sockaddr_in);
                Some((
                    std::net::Ipv4Addr::from(u32::from_be(a.sin_addr.s_addr)).to_string(),
                    0,
                ))
            }
            libc::AF_INET6 => {
                let a = &*(addr as *const libc::sockaddr_in6);
                Some((
                    std::net::Ipv6Addr::from(a.sin6_addr.s6_addr).to_string(),
                    a.sin6_scope_id,
                ))
            }
            _ => None,
        }
    }
}

fn prefix_len(netmask: &str) -> u32 {
    if let Ok(v4) = netmask.parse::<std::net::Ipv4Addr>() {
        u32::from(v4).count_ones()
    } else if let Ok(v6) = netmask.parse::<std::net::Ipv6Addr>() {
        u128::from(v6).count_ones()
    } else {
        0
    }
}

fn network_interfaces<'js>(ctx: &Ctx<'js>) -> R<Object<'js>> {
    let out = Object::new(ctx.clone())?;
    let mut head: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs allocates a list we free below with freeifaddrs.
    if unsafe { libc::getifaddrs(&mut head) } != 0 {
        return Err(throw_errno(
            ctx,
            last_errno(),
            "uv_interface_addresses",
            None,
            None,
        ));
    }
    // MAC addresses come from the AF_PACKET entries of the same interface name.
    let mut macs: Vec<(String, String)> = Vec::new();
    let mut entries: Vec<(String, i32, String, String, bool, u32)> = Vec::new();
    let mut cur = head;
    while !cur.is_null() {
        // SAFETY: walking the list getifaddrs returned; every node is valid until freeifaddrs.
        let ifa = unsafe { &*cur };
        cur = ifa.ifa_next;
        if ifa.ifa_addr.is_null() || ifa.ifa_flags & libc::IFF_UP as u32 == 0 {
            continue;
        }
        // SAFETY: ifa_name is a NUL-terminated string owned by the list.
        let name = unsafe { CStr::from_ptr(ifa.ifa_name) }
            .to_string_lossy()
            .into_owned();
        // SAFETY: ifa_addr is non-null (checked above).
        let family = unsafe { (*ifa.ifa_addr).sa_family } as i32;
        if family == libc::AF_PACKET {
            // SAFETY: AF_PACKET addresses are sockaddr_ll.
            let ll = unsafe { &*(ifa.ifa_addr as *const libc::sockaddr_ll) };
            let mac = ll.sll_addr[..6]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<Vec<_>>()
                .join(":");
            macs.push((name, mac));
            continue;
        }
        let Some((address, scope)) = ip_text(family, ifa.ifa_addr) else {
            continue;
        };
        let netmask = ip_text(family, ifa.ifa_netmask)
            .map(|(m, _)| m)
            .unwrap_or_default();
        let internal = ifa.ifa_flags & libc::IFF_LOOPBACK as u32 != 0;
        entries.push((name, family, address, netmask, internal, scope));
    }
    // SAFETY: frees the list from getifaddrs once; no pointer into it is used afterwards.
    unsafe { libc::freeifaddrs(head) };
    for (name, family, address, netmask, internal, scope) in entries {
        let list: rquickjs::Array = match out.get::<_, Option<rquickjs::Array>>(name.as_str())? {
            Some(l) => l,
            None => {
                let l = rquickjs::Array::new(ctx.clone())?;
                out.set(name.as_str(), l.clone())?;
                l
            }
        };
        let e = Object::new(ctx.clone())?;
        e.set("address", address.as_str())?;
        e.set("netmask", netmask.as_str())?;
        e.set(
            "family",
            if family == libc::AF_INET {
                "IPv4"
            } else {
                "IPv6"
            },
        )?;
        let mac = macs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, m)| m.clone())
            .unwrap_or_else(|| "00:00:00:00:00:00".into());
        e.set("mac", mac)?;
        e.set("internal", internal)?;
        e.set("cidr", format!("{address}/{}", prefix_len(&netmask)))?;
        if family == libc::AF_INET6 {
            e.set("scopeid", scope)?;
        }
        list.set(list.len(), e)?;
    }
    Ok(out)
}

fn user_info<'js>(ctx: &Ctx<'js>) -> R<Object<'js>> {
    // SAFETY: getuid/getgid have no arguments.
    let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
    let o = Object::new(ctx.clone())?;
    o.set("uid", uid)?;
    o.set("gid", gid)?;
    let mut buf = vec![0u8; 16 * 1024];
    // SAFETY: getpwuid_r writes into `pwd` and `buf` (of the length we pass) and sets `result`.
    let (pwd, found) = unsafe {
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let rc = libc::getpwuid_r(
            uid,
            &mut pwd,
            buf.as_mut_ptr() as *mut libc::c_char,
            buf.len(),
            &mut result,
        );
        (pwd, rc == 0 && !result.is_null())
    };
    if !found {
        return Err(throw_errno(
            ctx,
            libc::ENOENT,
            "uv_os_get_passwd",
            None,
            None,
        ));
    }
    let text = |p: *const libc::c_char| {
        if p.is_null() {
            String::new()
        } else {
            // SAFETY: the passwd strings are NUL-terminated and point into `buf`, alive here.
            unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
        }
    };
    o.set("username", text(pwd.pw_name))?;
    o.set("homedir", text(pwd.pw_dir))?;
    o.set("shell", text(pwd.pw_shell))?;
    Ok(o)
}

fn build<'js>(ctx: &Ctx<'js>) -> R<Object<'js>> {
    let o = Object::new(ctx.clone())?;
    func!(o, "cpus", |ctx: Ctx<'js>| -> R<rquickjs::Array<'js>> {
        let list = rquickjs::Array::new(ctx.clone())?;
        for (i, cpu) in cpus().into_iter().enumerate() {
            let e = Object::new(ctx.clone())?;
            e.set("model", cpu.model)?;
            e.set("speed", cpu.speed)?;
            let t = Object::new(ctx.clone())?;
            for (k, v) in ["user", "nice", "sys", "idle", "irq"].iter().zip(cpu.times) {
                t.set(*k, v)?;
            }
            e.set("times", t)?;
            list.set(i, e)?;
        }
        Ok(list)
    });
    func!(o, "hostname", |ctx: Ctx<'js>| -> R<String> {
        let mut buf = [0u8; 256];
        // SAFETY: gethostname writes at most buf.len() bytes.
        if unsafe { libc::gethostname(buf.as_mut_ptr() as *mut libc::c_char, buf.len()) } != 0 {
            return Err(throw_errno(
                &ctx,
                last_errno(),
                "uv_os_gethostname",
                None,
                None,
            ));
        }
        let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
        Ok(String::from_utf8_lossy(&buf[..end]).into_owned())
    });
    func!(o, "totalmem", || -> f64 {
        meminfo("MemTotal:")
            .or_else(|| sysinfo().map(|i| i.totalram as f64 * i.mem_unit as f64))
            .unwrap_or(0.0)
    });
    func!(o, "freemem", || -> f64 {
        meminfo("MemAvailable:")
            .or_else(|| sysinfo().map(|i| i.freeram as f64 * i.mem_unit as f64))
            .unwrap_or(0.0)
    });
    func!(o, "uptime", || -> f64 {
        std::fs::read_to_string("/proc/uptime")
            .ok()
            .and_then(|t| {
                t.split_whitespace()
                    .next()
                    .and_then(|x| x.parse::<f64>().ok())
            })
            .or_else(|| sysinfo().map(|i| i.uptime as f64))
            .unwrap_or(0.0)
    });
    func!(o, "loadavg", || -> Vec<f64> {
        let mut l = [0f64; 3];
        // SAFETY: getloadavg writes at most 3 doubles.
        let n = unsafe { libc::getloadavg(l.as_mut_ptr(), 3) };
        if n < 3 {
            return vec![0.0; 3];
        }
        l.to_vec()
    });
    func!(o, "networkInterfaces", |ctx: Ctx<'js>| network_interfaces(
        &ctx
    ));
    func!(o, "userInfo", |ctx: Ctx<'js>| user_info(&ctx));
    func!(o, "uname", |ctx: Ctx<'js>| -> R<Object<'js>> {
        // SAFETY: uname fills the zeroed struct.
        let u = unsafe {
            let mut u: libc::utsname = std::mem::zeroed();
            if libc::uname(&mut u) != 0 {
                return Err(throw_errno(&ctx, last_errno(), "uv_os_uname", None, None));
            }
            u
        };
        // SAFETY: uname's fields are NUL-terminated.
        let field = |f: &[libc::c_char]| {
            unsafe { CStr::from_ptr(f.as_ptr()) }
                .to_string_lossy()
                .into_owned()
        };
        let o = Object::new(ctx.clone())?;
        o.set("sysname", field(&u.sysname))?;
        o.set("release", field(&u.release))?;
        o.set("version", field(&u.version))?;
        o.set("machine", field(&u.machine))?;
        Ok(o)
    });
    func!(o, "getPriority", |ctx: Ctx<'js>, pid: i32| -> R<i32> {
        // getpriority can legitimately return -1: errno tells failure apart.
        // SAFETY: errno location is this thread's; getpriority has no memory arguments.
        unsafe {
            *libc::__errno_location() = 0;
            let p = libc::getpriority(libc::PRIO_PROCESS, pid as libc::id_t);
            if p == -1 && last_errno() != 0 {
                return Err(throw_errno(
                    &ctx,
                    last_errno(),
                    "uv_os_getpriority",
                    None,
                    None,
                ));
            }
            Ok(p)
        }
    });
    func!(o, "setPriority", |ctx: Ctx<'js>,
                             pid: i32,
                             prio: i32|
     -> R<()> {
        // SAFETY: no memory arguments.
        if unsafe { libc::setpriority(libc::PRIO_PROCESS, pid as libc::id_t, prio) } != 0 {
            return Err(throw_errno(
                &ctx,
                last_errno(),
                "uv_os_setpriority",
                None,
                None,
            ));
        }
        Ok(())
    });
    let signals = Object::new(ctx.clone())?;
    for (name, n) in SIGNALS {
        signals.set(*name, *n)?;
    }
    o.set("signals", signals)?;
    let errno = Object::new(ctx.clone())?;
    for (n, code, _) in ERRNO_TABLE {
        errno.set(*code, *n)?;
    }
    o.set("errno", errno)?;
    Ok(o)
}
