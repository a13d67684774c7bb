//! `cc()`: C compiled at run time into a library whose symbols JS calls (bun:ffi's API).
//!
//! Bun embeds TinyCC; no maintained crate builds TinyCC from source, so rusk runs the system's
//! C compiler (`$CC`, else `cc`) and keeps what it built in an on-disk cache keyed by a hash of
//! the compiler (the file it resolves to, its size and date), the source and the options. The compiler's dependency list is
//! kept beside each library: a cached build is reused only while none of the files it read
//! (the source and its headers) has changed since. `ffi.js` then opens the library with
//! `dlopen`.

use std::path::{Path, PathBuf};
use std::process::Command;

use rquickjs::{Ctx, Exception};

/// What a compilation is made of (the JS side validated the shapes).
pub struct CcRequest {
    pub source: PathBuf,
    pub include: Vec<String>,
    /// `-D NAME=VALUE` (a `None` value is `-D NAME`).
    pub define: Vec<(String, Option<String>)>,
    pub flags: Vec<String>,
    pub library: Vec<String>,
}

/// `ccCompile(source, include, define, flags, library)` → the path of the built library.
pub fn cc_compile<'js>(
    ctx: Ctx<'js>,
    source: String,
    include: Vec<String>,
    define: Vec<Vec<String>>,
    flags: Vec<String>,
    library: Vec<String>,
) -> rquickjs::Result<String> {
    let source = if Path::new(&source).is_absolute() {
        PathBuf::from(&source)
    } else {
        std::env::current_dir().unwrap_or_default().join(&source)
    };
    let request = CcRequest {
        source,
        include,
        define: define
            .into_iter()
            .filter_map(|pair| {
                let mut it = pair.into_iter();
                Some((it.next()?, it.next()))
            })
            .collect(),
        flags,
        library,
    };
    build(&request)
        .map(|p| p.to_string_lossy().into_owned())
        .map_err(|message| Exception::throw_message(&ctx, &message))
}

fn compiler() -> String {
    std::env::var("CC")
        .ok()
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| "cc".to_string())
}

/// What identifies the compiler in the cache key, so that another compiler (or an upgraded
/// one) builds anew: the file it resolves to on PATH, with its size and modification time
/// (cheaper than running `--version` on every cc()).
fn compiler_identity(cc: &str) -> String {
    let found = if cc.contains('/') {
        Some(PathBuf::from(cc))
    } else {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(cc))
                .find(|candidate| candidate.is_file())
        })
    };
    let Some(path) = found else {
        return cc.to_string();
    };
    let resolved = std::fs::canonicalize(&path).unwrap_or(path);
    let stamp = std::fs::metadata(&resolved)
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}:{modified}", m.len())
        })
        .unwrap_or_default();
    format!("{}@{stamp}", resolved.display())
}

/// The compiler's arguments for `request`, writing the library to `out` and its dependency
/// list (make syntax) to `deps`.
fn arguments(request: &CcRequest, out: &Path, deps: &Path) -> Vec<String> {
    let mut args: Vec<String> = ["-shared", "-fPIC", "-O2", "-std=c11"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for dir in &request.include {
        args.push(format!("-I{dir}"));
    }
    for (name, value) in &request.define {
        args.push(match value {
            Some(v) => format!("-D{name}={v}"),
            None => format!("-D{name}"),
        });
    }
    args.extend(request.flags.iter().cloned());
    args.push("-MD".into());
    args.push("-MF".into());
    args.push(deps.to_string_lossy().into_owned());
    args.push("-o".into());
    args.push(out.to_string_lossy().into_owned());
    args.push(request.source.to_string_lossy().into_owned());
    for lib in &request.library {
        args.push(format!("-l{lib}"));
    }
    args
}

/// The files a build read, from the compiler's make-style dependency list.
fn dependencies(deps_text: &str) -> Vec<PathBuf> {
    let joined = deps_text.replace("\\\n", " ");
    let Some((_, files)) = joined.split_once(": ") else {
        return Vec::new();
    };
    files.split_whitespace().map(PathBuf::from).collect()
}

/// True when the cached library is at least as new as every file its build read.
fn still_fresh(library: &Path, deps: &Path) -> bool {
    let (Ok(lib_meta), Ok(deps_text)) = (std::fs::metadata(library), std::fs::read_to_string(deps))
    else {
        return false;
    };
    let Ok(built) = lib_meta.modified() else {
        return false;
    };
    let files = dependencies(&deps_text);
    !files.is_empty()
        && files.iter().all(|f| {
            std::fs::metadata(f)
                .and_then(|m| m.modified())
                .is_ok_and(|changed| changed <= built)
        })
}

/// Builds (or finds in the cache) the library for `request`; the error is the message to throw.
pub fn build(request: &CcRequest) -> Result<PathBuf, String> {
    let source_text = std::fs::read(&request.source).map_err(|e| {
        format!(
            "cc(): cannot read the source file {}: {e}",
            request.source.display()
        )
    })?;
    let cc = compiler();
    let dir = rusk_runtime::cache::cache_dir("cc");
    std::fs::create_dir_all(&dir).map_err(|e| {
        format!(
            "cc(): cannot create the cache directory {}: {e}",
            dir.display()
        )
    })?;
    let placeholder = Path::new("OUT");
    let arg_text = arguments(request, placeholder, placeholder).join("\0");
    let key = rusk_runtime::cache::content_key(&[
        cc.as_bytes(),
        compiler_identity(&cc).as_bytes(),
        &source_text,
        arg_text.as_bytes(),
    ]);
    // `<key>.current` names the latest build: each build gets a new file name, because the
    // dynamic loader hands out an already-loaded library again for the same path.
    let current = dir.join(format!("{key}.current"));
    let deps = dir.join(format!("{key}.d"));
    let previous = std::fs::read_to_string(&current)
        .ok()
        .map(|name| dir.join(name.trim()));
    if let Some(library) = &previous {
        if still_fresh(library, &deps) {
            return Ok(library.clone());
        }
    }
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let name = format!("{key}-{stamp:x}.{}", crate::library_suffix());
    let library = dir.join(&name);
    // Built under a name of this process first, then renamed: another process reading the
    // cache never sees a half-written library.
    let tmp = dir.join(format!("{key}.{}.tmp", std::process::id()));
    let tmp_deps = dir.join(format!("{key}.{}.d.tmp", std::process::id()));
    let output = Command::new(&cc)
        .args(arguments(request, &tmp, &tmp_deps))
        .output()
        .map_err(|e| {
            format!("cc(): cannot run the C compiler \"{cc}\" (set CC to choose one): {e}")
        })?;
    if !output.status.success() {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(&tmp_deps);
        return Err(format!(
            "cc(): {} failed to compile {}:\n{}",
            cc,
            request.source.display(),
            String::from_utf8_lossy(&output.stderr).trim_end()
        ));
    }
    let tmp_current = dir.join(format!("{key}.{}.current.tmp", std::process::id()));
    std::fs::rename(&tmp, &library)
        .and_then(|()| std::fs::rename(&tmp_deps, &deps))
        .and_then(|()| std::fs::write(&tmp_current, &name))
        .and_then(|()| std::fs::rename(&tmp_current, &current))
        .map_err(|e| {
            format!(
                "cc(): cannot store the built library in {}: {e}",
                dir.display()
            )
        })?;
    // The replaced build goes (a process that has it loaded keeps its mapping).
    if let Some(old) = previous.filter(|p| *p != library) {
        let _ = std::fs::remove_file(old);
    }
    // Libraries of sources nobody compiles any more: three files each (library, .d, .current).
    rusk_runtime::cache::prune(&dir, 3 * 256, rusk_runtime::cache::MAX_AGE);
    Ok(library)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependency_lists_in_make_syntax() {
        let deps = dependencies("out.so: /a/b.c \\\n /usr/include/stdio.h /a/x.h\n");
        assert_eq!(
            deps,
            vec![
                PathBuf::from("/a/b.c"),
                PathBuf::from("/usr/include/stdio.h"),
                PathBuf::from("/a/x.h")
            ]
        );
        assert!(dependencies("garbage").is_empty());
    }

    #[test]
    fn arguments_in_order() {
        let request = CcRequest {
            source: PathBuf::from("/s.c"),
            include: vec!["/inc".into()],
            define: vec![("A".into(), Some("1".into())), ("B".into(), None)],
            flags: vec!["-Wall".into()],
            library: vec!["m".into()],
        };
        let args = arguments(&request, Path::new("/o.so"), Path::new("/o.d"));
        assert_eq!(
            args.join(" "),
            "-shared -fPIC -O2 -std=c11 -I/inc -DA=1 -DB -Wall -MD -MF /o.d -o /o.so /s.c -lm"
        );
    }
}
