//! Collects ICU4X's annotated output (`writeable::Part`s) into `formatToParts` records: a flat
//! `[type, value, type, value, ...]` list where unannotated text becomes `literal`.

use std::fmt;

use writeable::{Part, PartsWrite, Writeable};

/// A `PartsWrite` sink that records the byte range of every part it sees.
#[derive(Default)]
pub struct PartsCollector {
    pub text: String,
    /// (start, end, part) in the order the parts were closed (inner parts before outer ones).
    pub spans: Vec<(usize, usize, Part)>,
}

impl fmt::Write for PartsCollector {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.text.push_str(s);
        Ok(())
    }
}

impl PartsWrite for PartsCollector {
    type SubPartsWrite = Self;
    fn with_part(
        &mut self,
        part: Part,
        mut f: impl FnMut(&mut Self::SubPartsWrite) -> fmt::Result,
    ) -> fmt::Result {
        let start = self.text.len();
        f(self)?;
        self.spans.push((start, self.text.len(), part));
        Ok(())
    }
}

impl PartsCollector {
    pub fn of(w: &impl Writeable) -> Self {
        let mut c = PartsCollector::default();
        // Writing into a String cannot fail.
        let _ = w.write_to_parts(&mut c);
        c
    }

    /// The text split into the innermost parts whose category is `category` (named by
    /// `name(part)`; an integer's group separators split it, as ECMA-402's parts do), with the
    /// text between them as `literal`.
    pub fn flatten(&self, category: &str, name: impl Fn(&Part) -> String) -> Vec<String> {
        let mut sorted: Vec<&(usize, usize, Part)> = self
            .spans
            .iter()
            .filter(|(s, e, p)| p.category == category && e > s)
            .collect();
        // Widest first, so that narrower (inner) parts overwrite their bytes' labels.
        sorted.sort_by_key(|(s, e, _)| std::cmp::Reverse(e - s));
        let mut label: Vec<Option<usize>> = vec![None; self.text.len()];
        for (i, (s, e, _)) in sorted.iter().enumerate() {
            label[*s..*e].iter_mut().for_each(|l| *l = Some(i));
        }
        let mut spans: Vec<(usize, usize, String)> = Vec::new();
        let mut at = 0;
        while at < label.len() {
            let mut end = at + 1;
            while end < label.len() && label[end] == label[at] {
                end += 1;
            }
            if let Some(i) = label[at] {
                spans.push((at, end, name(&sorted[i].2)));
            }
            at = end;
        }
        let mut out = Vec::new();
        let mut at = 0;
        for (s, e, n) in spans {
            if s > at {
                out.push("literal".to_string());
                out.push(self.text[at..s].to_string());
            }
            out.push(n);
            out.push(self.text[s..e].to_string());
            at = e;
        }
        if at < self.text.len() {
            out.push("literal".to_string());
            out.push(self.text[at..].to_string());
        }
        out
    }
}
