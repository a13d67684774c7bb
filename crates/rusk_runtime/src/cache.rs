//! rusk's on-disk cache: where it lives and how entries are named. Used for transpiled
//! TypeScript (`transpile.rs`) and by rusk:ffi's `cc()`.

use std::path::PathBuf;

/// The directory for cache entries of one kind: `$RUSK_CACHE_DIR/<kind>`, else
/// `$XDG_CACHE_HOME/rusk/<kind>`, else `~/.cache/rusk/<kind>`, else the temporary directory's
/// `rusk-<kind>`.
pub fn cache_dir(kind: &str) -> PathBuf {
    let env = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(dir) = env("RUSK_CACHE_DIR") {
        return dir.join(kind);
    }
    if let Some(dir) = env("XDG_CACHE_HOME") {
        return dir.join("rusk").join(kind);
    }
    if let Some(home) = env("HOME") {
        return home.join(".cache").join("rusk").join(kind);
    }
    std::env::temp_dir().join(format!("rusk-{kind}"))
}

/// The name of an entry made from `parts`: a 128-bit FNV-1a hash, in hex. A separator after
/// each part keeps ("ab", "c") and ("a", "bc") apart; a collision would need crafted input.
pub fn content_key(parts: &[&[u8]]) -> String {
    let mut h: u128 = 0x6c62272e07bb014262b821756295c58d;
    for part in parts {
        for byte in part.iter().chain(std::iter::once(&0xffu8)) {
            h ^= *byte as u128;
            h = h.wrapping_mul(0x0000000001000000000000000000013B);
        }
    }
    format!("{h:032x}")
}

/// Writes `bytes` to `path` through a temporary file of this process and a rename, so a reader
/// never sees half an entry. Errors are the caller's to ignore (a cache is an optimisation).
pub fn write_entry(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_separate_their_parts() {
        assert_ne!(content_key(&[b"ab", b"c"]), content_key(&[b"a", b"bc"]));
        assert_eq!(content_key(&[b"x"]), content_key(&[b"x"]));
        assert_eq!(content_key(&[b"x"]).len(), 32);
    }
}
