//! Reads of foreign memory that fail instead of faulting.
//!
//! `read.*`, `toArrayBuffer`, `CString` and the copies of `cstring` arguments taken on foreign
//! threads read memory at addresses a user handed in. An unmapped or protected address must
//! become a JS exception, not a SIGSEGV. On x86-64 Linux this costs nothing on the hot path:
//! the few instructions that touch user memory live in one small assembly block, and a
//! SIGSEGV/SIGBUS handler that sees the faulting instruction inside that block resumes at a
//! fix-up label that returns an error (the technique of the kernel's exception tables and of
//! wasm runtimes). Faults anywhere else go to the handler that was installed before (Rust's
//! stack-overflow reporter, a debugger's, or the default action).
//!
//! Elsewhere on Linux each check asks the kernel to copy the bytes (`process_vm_readv` on our
//! own process, ~0.3 µs); on other systems reads are not checked (docs/ffi.md says so).

/// The memory at the address is not readable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fault;

#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
mod imp {
    use super::Fault;
    use std::ffi::c_void;
    use std::sync::{Once, OnceLock};

    // Every instruction between `rusk_ffi_guard_fault_begin` and `rusk_ffi_guard_fault_end`
    // may fault on user memory; none of them has pushed anything on the stack, so the fix-up
    // can `ret` straight to the caller with rax = -1 and rdx = 1.
    core::arch::global_asm!(
        ".pushsection .text.rusk_ffi_guard,\"ax\",@progbits",
        ".p2align 4",
        ".globl rusk_ffi_guard_fault_begin",
        ".hidden rusk_ffi_guard_fault_begin",
        "rusk_ffi_guard_fault_begin:",
        // copy(dst = rdi, src = rsi, len = rdx) -> rax: 0, or -1 on a fault
        ".globl rusk_ffi_guard_copy",
        ".hidden rusk_ffi_guard_copy",
        ".type rusk_ffi_guard_copy,@function",
        "rusk_ffi_guard_copy:",
        "    mov rcx, rdx",
        "    rep movsb",
        "    xor eax, eax",
        "    ret",
        // strlen(src = rdi, max = rsi) -> rax: length (at most max), or -1 on a fault
        ".size rusk_ffi_guard_copy, . - rusk_ffi_guard_copy",
        ".globl rusk_ffi_guard_strlen",
        ".hidden rusk_ffi_guard_strlen",
        ".type rusk_ffi_guard_strlen,@function",
        "rusk_ffi_guard_strlen:",
        "    xor eax, eax",
        "2:",
        "    cmp rax, rsi",
        "    jae 3f",
        "    movzx ecx, byte ptr [rdi + rax]",
        "    test ecx, ecx",
        "    jz 3f",
        "    inc rax",
        "    jmp 2b",
        "3:",
        "    ret",
        // load(src = rdi, size = rsi in 1, 2, 4, 8) -> (rax: value zero-extended, rdx: 0 ok / 1 fault)
        ".size rusk_ffi_guard_strlen, . - rusk_ffi_guard_strlen",
        ".globl rusk_ffi_guard_load",
        ".hidden rusk_ffi_guard_load",
        ".type rusk_ffi_guard_load,@function",
        "rusk_ffi_guard_load:",
        "    xor edx, edx",
        "    cmp rsi, 8",
        "    je 8f",
        "    cmp rsi, 4",
        "    je 4f",
        "    cmp rsi, 2",
        "    je 5f",
        "    movzx eax, byte ptr [rdi]",
        "    ret",
        "5:",
        "    movzx eax, word ptr [rdi]",
        "    ret",
        "4:",
        "    mov eax, dword ptr [rdi]",
        "    ret",
        "8:",
        "    mov rax, qword ptr [rdi]",
        "    ret",
        ".size rusk_ffi_guard_load, . - rusk_ffi_guard_load",
        ".globl rusk_ffi_guard_fault_end",
        ".hidden rusk_ffi_guard_fault_end",
        "rusk_ffi_guard_fault_end:",
        ".globl rusk_ffi_guard_fixup",
        ".hidden rusk_ffi_guard_fixup",
        "rusk_ffi_guard_fixup:",
        "    mov rax, -1",
        "    mov edx, 1",
        "    ret",
        ".popsection",
    );

    #[repr(C)]
    struct Loaded {
        value: u64,
        fault: u64,
    }

    extern "C" {
        fn rusk_ffi_guard_copy(dst: *mut u8, src: *const u8, len: usize) -> isize;
        fn rusk_ffi_guard_strlen(src: *const u8, max: usize) -> isize;
        fn rusk_ffi_guard_load(src: *const u8, size: usize) -> Loaded;
        static rusk_ffi_guard_fault_begin: u8;
        static rusk_ffi_guard_fault_end: u8;
        static rusk_ffi_guard_fixup: u8;
    }

    /// The handlers that were installed before ours (SIGSEGV, SIGBUS).
    static PREVIOUS: OnceLock<[libc::sigaction; 2]> = OnceLock::new();
    static INSTALL: Once = Once::new();

    /// The addresses of the labels of the assembly block above (taken, never read).
    fn range() -> (usize, usize, usize) {
        (
            std::ptr::addr_of!(rusk_ffi_guard_fault_begin) as usize,
            std::ptr::addr_of!(rusk_ffi_guard_fault_end) as usize,
            std::ptr::addr_of!(rusk_ffi_guard_fixup) as usize,
        )
    }

    unsafe extern "C" fn on_fault(sig: libc::c_int, info: *mut libc::siginfo_t, uctx: *mut c_void) {
        let (begin, end, fixup) = range();
        // SAFETY: the kernel passes a valid ucontext_t for SA_SIGINFO handlers.
        unsafe {
            let uc = uctx as *mut libc::ucontext_t;
            let rip = (*uc).uc_mcontext.gregs[libc::REG_RIP as usize] as usize;
            if (begin..end).contains(&rip) {
                (*uc).uc_mcontext.gregs[libc::REG_RIP as usize] = fixup as i64;
                return;
            }
            chain(sig, info, uctx);
        }
    }

    /// Hands a fault that is not ours to the previous handler.
    unsafe fn chain(sig: libc::c_int, info: *mut libc::siginfo_t, uctx: *mut c_void) {
        let Some(prev) = PREVIOUS.get() else { return };
        let prev = if sig == libc::SIGSEGV {
            &prev[0]
        } else {
            &prev[1]
        };
        let handler = prev.sa_sigaction;
        // SAFETY: calling the handler the process had installed, with the arguments its flags
        // ask for; or restoring the default action so that returning re-raises the fault.
        unsafe {
            if handler == libc::SIG_DFL || handler == libc::SIG_IGN {
                let mut dfl: libc::sigaction = std::mem::zeroed();
                dfl.sa_sigaction = libc::SIG_DFL;
                libc::sigaction(sig, &dfl, std::ptr::null_mut());
            } else if prev.sa_flags & libc::SA_SIGINFO != 0 {
                let f: unsafe extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut c_void) =
                    std::mem::transmute(handler);
                f(sig, info, uctx);
            } else {
                let f: unsafe extern "C" fn(libc::c_int) = std::mem::transmute(handler);
                f(sig);
            }
        }
    }

    pub fn install() {
        INSTALL.call_once(|| {
            // SAFETY: plain sigaction calls with zero-initialised, then filled, structures.
            unsafe {
                let mut prev: [libc::sigaction; 2] = std::mem::zeroed();
                let mut act: libc::sigaction = std::mem::zeroed();
                act.sa_sigaction = on_fault as *const () as usize;
                act.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK | libc::SA_NODEFER;
                libc::sigemptyset(&mut act.sa_mask);
                libc::sigaction(libc::SIGSEGV, std::ptr::null(), &mut prev[0]);
                libc::sigaction(libc::SIGBUS, std::ptr::null(), &mut prev[1]);
                // The previous handlers must be readable before ours can run.
                let _ = PREVIOUS.set(prev);
                libc::sigaction(libc::SIGSEGV, &act, std::ptr::null_mut());
                libc::sigaction(libc::SIGBUS, &act, std::ptr::null_mut());
            }
        });
    }

    #[inline]
    pub fn copy(dst: &mut [u8], src: usize) -> Result<(), Fault> {
        install();
        // SAFETY: `dst` is ours; faults on `src` are turned into -1 by the handler.
        let r = unsafe { rusk_ffi_guard_copy(dst.as_mut_ptr(), src as *const u8, dst.len()) };
        if r == 0 {
            Ok(())
        } else {
            Err(Fault)
        }
    }

    /// Copies `src` to `dst`: the same guarded copy, whose fix-up also catches a fault on the
    /// destination.
    #[inline]
    pub fn write(dst: usize, src: &[u8]) -> Result<(), Fault> {
        install();
        // SAFETY: `src` is ours; faults on `dst` are turned into -1 by the handler.
        let r = unsafe { rusk_ffi_guard_copy(dst as *mut u8, src.as_ptr(), src.len()) };
        if r == 0 {
            Ok(())
        } else {
            Err(Fault)
        }
    }

    #[inline]
    pub fn strlen(src: usize, max: usize) -> Result<usize, Fault> {
        install();
        // SAFETY: only reads through the guarded block.
        let r = unsafe { rusk_ffi_guard_strlen(src as *const u8, max) };
        usize::try_from(r).map_err(|_| Fault)
    }

    #[inline]
    pub fn load(src: usize, size: usize) -> Result<u64, Fault> {
        install();
        // SAFETY: only reads through the guarded block.
        let r = unsafe { rusk_ffi_guard_load(src as *const u8, size) };
        if r.fault == 0 {
            Ok(r.value)
        } else {
            Err(Fault)
        }
    }

    #[cfg(test)]
    pub const CHECKED: bool = true;
}

#[cfg(all(target_os = "linux", not(target_arch = "x86_64")))]
mod imp {
    use super::Fault;

    pub fn install() {}

    /// Copies through the kernel: EFAULT instead of a fault.
    pub fn copy(dst: &mut [u8], src: usize) -> Result<(), Fault> {
        if dst.is_empty() {
            return Ok(());
        }
        let local = libc::iovec {
            iov_base: dst.as_mut_ptr() as *mut _,
            iov_len: dst.len(),
        };
        let remote = libc::iovec {
            iov_base: src as *mut _,
            iov_len: dst.len(),
        };
        // SAFETY: reading our own process's memory into our own buffer.
        let n = unsafe { libc::process_vm_readv(libc::getpid(), &local, 1, &remote, 1, 0) };
        if n == dst.len() as isize {
            Ok(())
        } else {
            Err(Fault)
        }
    }

    /// Writes through the kernel: EFAULT instead of a fault.
    pub fn write(dst: usize, src: &[u8]) -> Result<(), Fault> {
        if src.is_empty() {
            return Ok(());
        }
        let local = libc::iovec {
            iov_base: src.as_ptr() as *mut _,
            iov_len: src.len(),
        };
        let remote = libc::iovec {
            iov_base: dst as *mut _,
            iov_len: src.len(),
        };
        // SAFETY: writing our own buffer into our own process's memory at `dst`.
        let n = unsafe { libc::process_vm_writev(libc::getpid(), &local, 1, &remote, 1, 0) };
        if n == src.len() as isize {
            Ok(())
        } else {
            Err(Fault)
        }
    }

    pub fn strlen(src: usize, max: usize) -> Result<usize, Fault> {
        let mut chunk = [0u8; 256];
        let mut n = 0usize;
        while n < max {
            // Never read across a page boundary in one go: the next page may be unmapped while
            // the string ends before it.
            let page_left = 4096 - ((src + n) % 4096);
            let want = chunk.len().min(page_left).min(max - n);
            copy(&mut chunk[..want], src + n)?;
            if let Some(i) = chunk[..want].iter().position(|&b| b == 0) {
                return Ok(n + i);
            }
            n += want;
        }
        Ok(max)
    }

    pub fn load(src: usize, size: usize) -> Result<u64, Fault> {
        let mut b = [0u8; 8];
        copy(&mut b[..size], src)?;
        Ok(u64::from_le_bytes(b))
    }

    #[cfg(test)]
    pub const CHECKED: bool = true;
}

#[cfg(not(target_os = "linux"))]
mod imp {
    use super::Fault;

    pub fn install() {}

    pub fn copy(dst: &mut [u8], src: usize) -> Result<(), Fault> {
        // SAFETY: unchecked on this system (documented): the caller vouches for the address.
        unsafe { std::ptr::copy_nonoverlapping(src as *const u8, dst.as_mut_ptr(), dst.len()) };
        Ok(())
    }

    pub fn write(dst: usize, src: &[u8]) -> Result<(), Fault> {
        // SAFETY: unchecked on this system (documented): the caller vouches for the address.
        unsafe { std::ptr::copy_nonoverlapping(src.as_ptr(), dst as *mut u8, src.len()) };
        Ok(())
    }

    pub fn strlen(src: usize, max: usize) -> Result<usize, Fault> {
        let mut n = 0;
        // SAFETY: as above.
        while n < max && unsafe { *((src + n) as *const u8) } != 0 {
            n += 1;
        }
        Ok(n)
    }

    pub fn load(src: usize, size: usize) -> Result<u64, Fault> {
        let mut b = [0u8; 8];
        copy(&mut b[..size], src)?;
        Ok(u64::from_le_bytes(b))
    }

    #[cfg(test)]
    pub const CHECKED: bool = false;
}

/// Whether reads are checked on this system.
#[cfg(test)]
pub const CHECKED: bool = imp::CHECKED;

/// Installs the fault handler (idempotent; every read below also makes sure of it).
pub fn install() {
    imp::install()
}

/// Copies `dst.len()` bytes from `src`.
#[inline]
pub fn copy(dst: &mut [u8], src: usize) -> Result<(), Fault> {
    imp::copy(dst, src)
}

/// Copies `src` to the memory at `dst` (`Fault` when it is not writable).
#[inline]
pub fn write(dst: usize, src: &[u8]) -> Result<(), Fault> {
    imp::write(dst, src)
}

/// Length of the NUL-terminated string at `src`, looking at no more than `max` bytes (returns
/// `max` when no NUL came first).
#[inline]
pub fn strlen(src: usize, max: usize) -> Result<usize, Fault> {
    imp::strlen(src, max)
}

/// Reads a little-endian value of `size` (1, 2, 4 or 8) bytes at `src`, zero-extended.
#[inline]
pub fn load(src: usize, size: usize) -> Result<u64, Fault> {
    imp::load(src, size)
}

/// Copies `len` bytes from `src` into a new vector, growing it chunk by chunk so that an
/// absurd length fails at the first unreadable page instead of allocating it all first.
pub fn read_vec(src: usize, len: usize) -> Result<Vec<u8>, Fault> {
    const CHUNK: usize = 1 << 16;
    let mut out: Vec<u8> = Vec::with_capacity(len.min(CHUNK));
    let mut done = 0usize;
    while done < len {
        let n = CHUNK.min(len - done);
        let at = out.len();
        out.resize(at + n, 0);
        copy(&mut out[at..], src + done)?;
        done += n;
    }
    Ok(out)
}

/// Checks that every page of `[start, start + len)` is readable now (one byte per page).
pub fn readable(start: usize, len: usize) -> Result<(), Fault> {
    if len == 0 {
        return Ok(());
    }
    let end = start.checked_add(len).ok_or(Fault)?;
    let mut at = start;
    while at < end {
        load(at, 1)?;
        at = (at & !4095) + 4096;
    }
    load(end - 1, 1).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readable_memory_reads_and_unmapped_memory_fails() {
        let data = *b"hello\0world";
        let p = data.as_ptr() as usize;
        assert_eq!(strlen(p, 100), Ok(5));
        assert_eq!(strlen(p, 3), Ok(3));
        assert_eq!(load(p + 1, 1), Ok(u64::from(b'e')));
        assert_eq!(load(p, 4), Ok(u64::from(u32::from_le_bytes(*b"hell"))));
        let mut out = [0u8; 5];
        assert_eq!(copy(&mut out, p + 6), Ok(()));
        assert_eq!(&out, b"world");
        if CHECKED {
            assert_eq!(load(4096, 1), Err(Fault));
            assert_eq!(load(1 << 47, 8), Err(Fault));
            assert_eq!(strlen(8192, 10), Err(Fault));
            assert_eq!(copy(&mut out, 12288), Err(Fault));
            assert_eq!(readable(p, 1 << 40), Err(Fault));
            assert!(read_vec(p, 1 << 40).is_err());
        }
    }

    #[test]
    fn faults_on_other_threads_are_caught_too() {
        if !CHECKED {
            return;
        }
        let handles: Vec<_> = (0..4)
            .map(|i| std::thread::spawn(move || load(4096 * (i + 1), 8)))
            .collect();
        for h in handles {
            assert_eq!(h.join().ok(), Some(Err(Fault)));
        }
    }
}
