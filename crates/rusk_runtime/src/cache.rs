//! rusk's on-disk cache: where it lives and how entries are named. Used for transpiled
//! TypeScript (`transpile.rs`) and by rusk:ffi's `cc()`.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

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

/// How long an unused entry is kept (entries are not touched when read, so this is counted
/// from when the entry was written).
pub const MAX_AGE: Duration = Duration::from_secs(30 * 24 * 3600);

/// How often a cache directory is scanned: a full one (4096 entries) takes ~30 ms to scan,
/// which every cache miss paying would make a first run of a small TypeScript file slow.
const PRUNE_INTERVAL: Duration = Duration::from_secs(3600);

/// Keeps a cache directory bounded. Called after writing a new entry (a cache miss, which
/// already cost a transform or a compile); it scans `dir` at most once per process and once
/// an hour (a `.pruned` file in `dir` holds the time): files older than `max_age` go, then
/// the oldest beyond `keep`. Temporary files of writers still at work (younger than an hour)
/// are left alone. Failures are ignored: pruning is housekeeping.
pub fn prune(dir: &Path, keep: usize, max_age: Duration) {
    static PRUNED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    {
        let mut done = PRUNED.lock().unwrap_or_else(|p| p.into_inner());
        if done.iter().any(|d| d == dir) {
            return;
        }
        done.push(dir.to_path_buf());
    }
    let now = SystemTime::now();
    if prune_due(dir, now) {
        prune_now(dir, keep, max_age, now);
    }
}

/// Whether `dir` was last pruned more than [`PRUNE_INTERVAL`] ago (or never); if so, notes
/// `now` as the time of its pruning.
fn prune_due(dir: &Path, now: SystemTime) -> bool {
    let stamp = dir.join(".pruned");
    let last = std::fs::metadata(&stamp).and_then(|m| m.modified());
    if let Ok(last) = last {
        if now.duration_since(last).unwrap_or_default() < PRUNE_INTERVAL {
            return false;
        }
    }
    if let Ok(file) = std::fs::File::create(&stamp) {
        let _ = file.set_modified(now);
    }
    true
}

fn prune_now(dir: &Path, keep: usize, max_age: Duration, now: SystemTime) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let age = |t: SystemTime| now.duration_since(t).unwrap_or_default();
    let mut entries: Vec<(SystemTime, PathBuf)> = Vec::new();
    for entry in read.flatten() {
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let modified = meta.modified().unwrap_or(now);
        let path = entry.path();
        if entry.file_name() == ".pruned" {
            continue;
        }
        let is_tmp = path.extension().is_some_and(|e| e == "tmp");
        if is_tmp && age(modified) < Duration::from_secs(3600) {
            continue;
        }
        if age(modified) > max_age || is_tmp {
            let _ = std::fs::remove_file(&path);
        } else {
            entries.push((modified, path));
        }
    }
    if entries.len() > keep {
        entries.sort_by_key(|e| e.0);
        let extra = entries.len() - keep;
        for (_, path) in entries.into_iter().take(extra) {
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pruning_removes_old_entries_then_the_oldest_beyond_the_limit() {
        let dir = std::env::temp_dir().join(format!("rusk-prune-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let now = SystemTime::now();
        let day = Duration::from_secs(24 * 3600);
        let make = |name: &str, days_old: u32| {
            let path = dir.join(name);
            std::fs::write(&path, b"x").unwrap();
            let f = std::fs::File::options().write(true).open(&path).unwrap();
            f.set_modified(now - day * days_old).unwrap();
        };
        make("ancient", 40);
        make("old-tmp.123.tmp", 2);
        make("fresh-tmp.456.tmp", 0);
        for (i, days) in [5, 1, 3, 2].iter().enumerate() {
            make(&format!("entry{i}"), *days);
        }
        prune_now(&dir, 3, MAX_AGE, now);
        let mut left: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        // entry0 (5 days) was the oldest of four entries kept to three; the writer's fresh
        // temporary file stays, the abandoned one goes.
        assert_eq!(left, ["entry1", "entry2", "entry3", "fresh-tmp.456.tmp"]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_directory_is_pruned_at_most_once_an_hour() {
        let dir = std::env::temp_dir().join(format!("rusk-prune-due-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let now = SystemTime::now();
        assert!(prune_due(&dir, now), "never pruned");
        assert!(
            !prune_due(&dir, now + Duration::from_secs(60)),
            "pruned a minute ago"
        );
        assert!(
            prune_due(&dir, now + PRUNE_INTERVAL * 2),
            "pruned two hours ago"
        );
        // The stamp is not an entry: pruning to nothing leaves it.
        prune_now(&dir, 0, MAX_AGE, now);
        assert!(dir.join(".pruned").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn keys_separate_their_parts() {
        assert_ne!(content_key(&[b"ab", b"c"]), content_key(&[b"a", b"bc"]));
        assert_eq!(content_key(&[b"x"]), content_key(&[b"x"]));
        assert_eq!(content_key(&[b"x"]).len(), 32);
    }
}
