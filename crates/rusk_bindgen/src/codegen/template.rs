//! Block templates for the emitters: each generated block is written once, as text that looks
//! like the output, with `${name}` placeholders filled in by [`fill!`].
//!
//! - A template's first newline (right after `r#"`) and last newline (before `"#`) are not part
//!   of it, so a template whose text starts with an empty line is a block that begins with a
//!   blank line (the blocks that follow another item are written that way).
//! - `${name}` inside a line is replaced by text, verbatim (no placeholder in a value is
//!   expanded, so `${…}` in a user's JS source is left alone).
//! - `${name}` alone on its line, given [`Lines`], becomes those lines, each indented as the
//!   placeholder is; no lines (an absent optional block) removes the line.
//!
//! `${` does not occur in the generated Rust itself, so a template needs no escapes (the
//! `{name}` of a generated `format!` is plain text here).
//!
//! A template naming a placeholder it is not given, or given one it does not name, is a bug in
//! the generator (templates are constants, never user input): it panics. The golden tests
//! (`tests/golden.rs`, a debug build) render every template of the emitters at least once.

/// Generated lines, without their newlines. An item may hold newlines of its own (a multi-line
/// raw string literal, e.g. a `builtin` member's JS source): they are copied as they are, and
/// only the item's first line is indented when the item is inserted into another template.
pub(crate) type Lines = Vec<String>;

/// What one placeholder is replaced by.
pub(crate) enum Fill {
    /// Inline text.
    Text(String),
    /// A block of lines (its placeholder must stand alone on its line).
    Lines(Lines),
}

impl From<String> for Fill {
    fn from(s: String) -> Self {
        Fill::Text(s)
    }
}

impl From<&String> for Fill {
    fn from(s: &String) -> Self {
        Fill::Text(s.clone())
    }
}

impl From<&str> for Fill {
    fn from(s: &str) -> Self {
        Fill::Text(s.to_string())
    }
}

impl From<Lines> for Fill {
    fn from(lines: Lines) -> Self {
        Fill::Lines(lines)
    }
}

/// An optional block: `None` leaves no line.
impl From<Option<Lines>> for Fill {
    fn from(lines: Option<Lines>) -> Self {
        Fill::Lines(lines.unwrap_or_default())
    }
}

impl From<usize> for Fill {
    fn from(n: usize) -> Self {
        Fill::Text(n.to_string())
    }
}

impl From<u32> for Fill {
    fn from(n: u32) -> Self {
        Fill::Text(n.to_string())
    }
}

impl From<bool> for Fill {
    fn from(b: bool) -> Self {
        Fill::Text(b.to_string())
    }
}

/// `fill!(TEMPLATE, key = value, other, ...)`: [`render`] `TEMPLATE` with each `${key}` replaced
/// by `value` (anything [`Fill`] converts from); a bare `other` is short for `other = other`.
macro_rules! fill {
    (@value $key:ident) => {
        $key
    };
    (@value $key:ident, $value:expr) => {
        $value
    };
    ($template:expr $(, $key:ident $(= $value:expr)?)* $(,)?) => {
        $crate::codegen::template::render(
            $template,
            &[$((
                stringify!($key),
                $crate::codegen::template::Fill::from(
                    $crate::codegen::template::fill!(@value $key $(, $value)?),
                ),
            )),*],
        )
    };
}
pub(crate) use fill;

/// Render `template` (see the module docs) with `fills`.
///
/// # Panics
///
/// On a placeholder without a fill, an unclosed `${`, or [`Fill::Lines`] inside a line; in
/// debug builds also on a fill the template does not use. All are generator bugs.
pub(crate) fn render(template: &str, fills: &[(&str, Fill)]) -> Lines {
    let text = template.strip_prefix('\n').unwrap_or(template);
    let text = text.strip_suffix('\n').unwrap_or(text);
    let mut used = vec![false; fills.len()];
    let mut lookup = |key: &str| -> &Fill {
        let Some(i) = fills.iter().position(|(k, _)| *k == key) else {
            panic!("template placeholder `${{{key}}}` has no value in:\n{template}");
        };
        used[i] = true;
        &fills[i].1
    };
    let mut out = Lines::new();
    for line in text.split('\n') {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        let alone = body
            .strip_prefix("${")
            .and_then(|rest| rest.strip_suffix('}'))
            .filter(|key| !key.contains('}'));
        if let Some(key) = alone {
            if let Fill::Lines(lines) = lookup(key) {
                out.extend(lines.iter().map(|l| {
                    if l.is_empty() {
                        String::new()
                    } else {
                        format!("{indent}{l}")
                    }
                }));
                continue;
            }
        }
        out.push(substitute(line, &mut lookup));
    }
    if cfg!(debug_assertions) {
        let unused: Vec<&str> = fills
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|((k, _), _)| *k)
            .collect();
        assert!(
            unused.is_empty(),
            "template values {unused:?} are not used by:\n{template}"
        );
    }
    out
}

/// `line` with each inline `${key}` replaced by its text.
fn substitute<'f>(line: &str, lookup: &mut impl FnMut(&str) -> &'f Fill) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            panic!("unclosed `${{` in template line: {line}");
        };
        match lookup(&after[..end]) {
            Fill::Text(t) => out.push_str(t),
            Fill::Lines(_) => panic!(
                "block placeholder `${{{}}}` must stand alone on its line: {line}",
                &after[..end]
            ),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// `lines` as file text: each item followed by a newline.
pub(crate) fn to_text(lines: &[String]) -> String {
    let mut s = String::new();
    for l in lines {
        s.push_str(l);
        s.push('\n');
    }
    s
}

/// `blocks` one after another, a blank line between each two.
pub(crate) fn separated(blocks: impl IntoIterator<Item = Lines>) -> Lines {
    let mut out = Lines::new();
    for (i, block) in blocks.into_iter().enumerate() {
        if i > 0 {
            out.push(String::new());
        }
        out.extend(block);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ITEM: &str = r#"
fn ${name}() {
    ${body}
}"#;

    #[test]
    fn inline_and_block_placeholders() {
        let body = vec!["let a = 1;".to_string(), String::new(), "a".to_string()];
        let name = "f";
        let out = fill!(ITEM, name, body);
        assert_eq!(
            to_text(&out),
            "fn f() {\n    let a = 1;\n\n    a\n}\n",
            "block lines are indented like the placeholder, empty ones stay empty"
        );
    }

    #[test]
    fn absent_block_removes_its_line() {
        let out = fill!(ITEM, name = "g", body = None::<Lines>);
        assert_eq!(to_text(&out), "fn g() {\n}\n");
    }

    #[test]
    fn leading_blank_line_and_values_kept_verbatim() {
        // The first newline is dropped, a second one is a blank line of the output.
        const T: &str = r#"

src: ${src} ${n} ${b}"#;
        let src = "`${this.x}`\n  next";
        let out = fill!(T, src, n = 3usize, b = true);
        assert_eq!(
            out,
            vec![
                "".to_string(),
                "src: `${this.x}`\n  next 3 true".to_string()
            ]
        );
    }

    #[test]
    fn multi_line_items_are_indented_on_their_first_line_only() {
        let inner = fill!("r#\"${s}\"#;", s = "a\nb");
        let out = fill!(ITEM, name = "h", body = inner);
        assert_eq!(to_text(&out), "fn h() {\n    r#\"a\nb\"#;\n}\n");
    }

    #[test]
    fn separated_puts_blank_lines_between() {
        let out = separated([vec!["a".to_string()], vec!["b".to_string()]]);
        assert_eq!(out, vec!["a", "", "b"]);
        assert!(separated(Vec::<Lines>::new()).is_empty());
    }

    #[test]
    #[should_panic(expected = "has no value")]
    fn unknown_placeholder_panics() {
        fill!(ITEM, name = "f");
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "not used")]
    fn unused_value_panics_in_debug() {
        fill!(ITEM, name = "f", body = None::<Lines>, extra = "x");
    }

    #[test]
    #[should_panic(expected = "must stand alone")]
    fn block_inside_a_line_panics() {
        fill!("x ${body}", body = Vec::<String>::new());
    }
}
