//! `--reporter=junit`: the JUnit XML file Bun writes. Each file's `<testsuite>` element is
//! built by the library (`js/junit.js`, which knows the describe blocks); this wraps them in
//! `<testsuites>` with the run's totals.

use std::path::Path;

use crate::runner::Totals;

/// Writes the report to `path` (creating its directory).
pub fn write(path: &Path, suites: &[String], totals: &Totals, seconds: f64) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, document(suites, totals, seconds))
}

fn document(suites: &[String], totals: &Totals, seconds: f64) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str(&format!(
        "<testsuites name=\"bun test\" tests=\"{}\" assertions=\"{}\" failures=\"{}\" skipped=\"{}\" time=\"{seconds}\">\n",
        totals.pass + totals.fail + totals.skip + totals.todo,
        totals.expect_calls,
        totals.fail,
        totals.skip + totals.todo,
    ));
    for suite in suites {
        xml.push_str(suite);
    }
    xml.push_str("</testsuites>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_the_suites_with_the_totals() {
        let totals = Totals {
            pass: 2,
            fail: 1,
            skip: 1,
            todo: 1,
            expect_calls: 4,
            ..Totals::default()
        };
        let xml = document(&["  <testsuite/>\n".to_string()], &totals, 0.5);
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"bun test\" tests=\"5\" assertions=\"4\" failures=\"1\" skipped=\"2\" time=\"0.5\">\n  <testsuite/>\n</testsuites>"), "{xml}");
    }
}
