//! Golden tests: the generated Rust and TypeScript for `tests/golden/*.classes.ts` (and for the
//! definitions of [`OUTSIDE_DEFS`]) must match the checked-in `tests/golden/<stem>.classes.rs` /
//! `<stem>.d.ts` exactly. Run with `BLESS=1` to rewrite them after an intended change (and
//! review the diff).

use std::path::PathBuf;

/// Definitions kept elsewhere (relative to this crate), whose outputs are checked here too:
/// the test-only `Probe` of the behaviour tests (`tests/bindgen/probe.test.ts`, run by
/// crates/rusk/tests/bindgen_classes.rs).
const OUTSIDE_DEFS: &[&str] = &["../../tests/bindgen/probe.classes.ts"];

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

#[test]
fn golden_outputs_match() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut defs: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .expect("read tests/golden")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".classes.ts"))
        .collect();
    defs.sort();
    defs.extend(
        OUTSIDE_DEFS
            .iter()
            .map(|p| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)),
    );
    assert!(
        defs.len() >= 3,
        "expected golden definitions, found {defs:?}"
    );
    let mut failures = Vec::new();
    let mut stems = std::collections::HashSet::new();
    for def in defs {
        let name = def.file_name().unwrap().to_string_lossy().to_string();
        let src =
            std::fs::read_to_string(&def).unwrap_or_else(|e| panic!("read {}: {e}", def.display()));
        let out = rusk_bindgen::generate_source(&name, &src)
            .unwrap_or_else(|e| panic!("{name} failed to generate:{e:?}"));
        // Two definitions of one stem would share (and overwrite) their golden files.
        assert!(
            stems.insert(out.stem.clone()),
            "two golden definitions named {}",
            out.stem
        );
        for (ext, text) in [("classes.rs", &out.rust), ("d.ts", &out.dts)] {
            let path = golden_dir().join(format!("{}.{ext}", out.stem));
            if bless {
                std::fs::write(&path, text).unwrap();
                continue;
            }
            let expected = std::fs::read_to_string(&path).unwrap_or_default();
            if &expected != text {
                failures.push(format!(
                    "{} differs from the generator output (run with BLESS=1 to update):\n{}",
                    path.display(),
                    first_diff(&expected, text)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn first_diff(expected: &str, actual: &str) -> String {
    for (i, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
        if e != a {
            return format!("line {}:\n  expected: {e}\n  actual:   {a}", i + 1);
        }
    }
    format!(
        "line counts differ: expected {}, actual {}",
        expected.lines().count(),
        actual.lines().count()
    )
}

#[test]
fn generator_writes_files() {
    let dir = std::env::temp_dir().join(format!("rusk_bindgen_gen_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let gen = rusk_bindgen::Generator::new()
        .rerun_if_changed(false)
        .file(golden_dir().join("callback.classes.ts"))
        .file(golden_dir().join("plain.classes.ts"))
        .generate_to(&dir)
        .unwrap();
    assert_eq!(gen.len(), 2);
    for stem in ["callback", "plain"] {
        let rs = std::fs::read_to_string(dir.join(format!("{stem}.classes.rs"))).unwrap();
        let dts = std::fs::read_to_string(dir.join(format!("{stem}.d.ts"))).unwrap();
        let golden_rs =
            std::fs::read_to_string(golden_dir().join(format!("{stem}.classes.rs"))).unwrap();
        let golden_dts =
            std::fs::read_to_string(golden_dir().join(format!("{stem}.d.ts"))).unwrap();
        assert_eq!(rs, golden_rs);
        assert_eq!(dts, golden_dts);
    }
    let dts = rusk_bindgen::dts_of(golden_dir().join("callback.classes.ts")).unwrap();
    assert!(dts.contains("declare class JSCallback"));
    let _ = std::fs::remove_dir_all(&dir);
}
