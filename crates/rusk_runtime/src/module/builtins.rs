//! The registry of built-in modules: what a runtime builder was given, looked up by name.
//!
//! Most built-ins come in static tables generated at build time (the Node layer's ~100 JS
//! modules in one table). A table is kept as the slice it is: registering it costs nothing at
//! start-up, where copying its entries into a hash map cost ~50 k instructions and ~8 page
//! faults of fresh memory at every start. Lookups binary-search each table.

use super::BuiltinSource;

/// One built-in compiled at build time: `(name, bytecode, source)`, as
/// `rusk_bindgen::compile_js_modules` generates them.
pub type CompiledModule = (&'static str, &'static [u8], &'static str);

/// What one call of the builder registered.
enum Registration {
    One(String, BuiltinSource),
    /// Sorted by name, no name twice (checked when registered).
    Table(&'static [CompiledModule]),
}

/// Built-in modules by name. A later registration of a name replaces an earlier one.
#[derive(Default)]
pub(crate) struct Builtins {
    registrations: Vec<Registration>,
}

impl Builtins {
    pub(crate) fn insert(&mut self, name: String, source: BuiltinSource) {
        self.registrations.push(Registration::One(name, source));
    }

    /// Registers a whole table. One that is not sorted by name (or names a module twice) is
    /// registered entry by entry instead, which works the same, only slower.
    pub(crate) fn insert_table(&mut self, table: &'static [CompiledModule]) {
        if table.windows(2).all(|w| w[0].0 < w[1].0) {
            self.registrations.push(Registration::Table(table));
        } else {
            for &(name, bytecode, source) in table {
                self.insert(
                    name.to_string(),
                    BuiltinSource::Compiled { bytecode, source },
                );
            }
        }
    }

    pub(crate) fn get(&self, name: &str) -> Option<BuiltinSource> {
        self.registrations.iter().rev().find_map(|r| match r {
            Registration::One(n, source) => (n == name).then_some(*source),
            Registration::Table(table) => table
                .binary_search_by(|entry| entry.0.cmp(name))
                .ok()
                .map(|i| {
                    let (_, bytecode, source) = table[i];
                    BuiltinSource::Compiled { bytecode, source }
                }),
        })
    }

    pub(crate) fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Every registered name, sorted, each once.
    pub(crate) fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for r in &self.registrations {
            match r {
                Registration::One(n, _) => names.push(n),
                Registration::Table(table) => names.extend(table.iter().map(|e| e.0)),
            }
        }
        names.sort_unstable();
        names.dedup();
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytecode_of(source: Option<BuiltinSource>) -> Option<&'static [u8]> {
        match source {
            Some(BuiltinSource::Compiled { bytecode, .. }) => Some(bytecode),
            _ => None,
        }
    }

    #[test]
    fn tables_are_searched_and_later_registrations_win() {
        static TABLE: [CompiledModule; 3] = [("a", b"1", ""), ("b", b"2", ""), ("c", b"3", "")];
        let mut b = Builtins::default();
        b.insert("b".into(), BuiltinSource::Js("first"));
        b.insert_table(&TABLE);
        b.insert("c".into(), BuiltinSource::Js("last"));
        assert_eq!(bytecode_of(b.get("a")), Some(&b"1"[..]));
        // The table came after the single "b", so its entry is the one used.
        assert_eq!(bytecode_of(b.get("b")), Some(&b"2"[..]));
        assert!(matches!(b.get("c"), Some(BuiltinSource::Js("last"))));
        assert!(b.get("d").is_none());
        assert!(!b.contains("") && b.contains("a"));
        assert_eq!(b.names(), ["a", "b", "c"]);
    }

    #[test]
    fn an_unsorted_table_still_resolves_every_name() {
        static TABLE: [CompiledModule; 3] = [("z", b"1", ""), ("m", b"2", ""), ("m", b"3", "")];
        let mut b = Builtins::default();
        b.insert_table(&TABLE);
        assert_eq!(bytecode_of(b.get("z")), Some(&b"1"[..]));
        // A name given twice in one table: the later entry, as with separate registrations.
        assert_eq!(bytecode_of(b.get("m")), Some(&b"3"[..]));
        assert_eq!(b.names(), ["m", "z"]);
    }
}
