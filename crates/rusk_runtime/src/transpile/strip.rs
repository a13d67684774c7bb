//! The fast path for TypeScript: type stripping by blanking.
//!
//! Most `.ts` files only add types to JavaScript. For those, the JavaScript is the file with
//! every TypeScript-only byte range replaced by spaces (line breaks kept), so every line and
//! column stays where it was: no code generation, no source map, no scope analysis. What needs
//! code that is not in the file (namespaces, parameter properties, decorators,
//! `import x = require()`, `export =`, `using`) makes [`strip_types`] return why, and the
//! caller runs oxc's full transform instead; so does anything this pass is not sure of.
//!
//! An enum whose members are literals is the exception: `enum E { A, B = "b" }` becomes
//! `var E = $e0();` in the same bytes, and the function that builds the object (as TypeScript's
//! own output does: `E[E["A"] = 0] = "A"; E["B"] = "b";`) is appended after the last line,
//! where a function declaration is hoisted from.
//!
//! Imports follow TypeScript's elision: a binding never used as a value is dropped, and an
//! import left with no bindings is dropped whole (as `tsc` and oxc's transform do). Whether a
//! binding is used as a value is decided by name, which is exact unless another declaration in
//! the file has the same name; then this pass gives up.

use rustc_hash::{FxHashMap, FxHashSet};

use oxc_ast::ast::*;
use oxc_ast_visit::{walk, Visit};
use oxc_semantic::ScopeFlags;
use oxc_span::{GetSpan, Span};

/// The JavaScript of `source` (a TypeScript module parsed into `program`) with its types
/// blanked out, or why it needs the full transform.
pub fn strip_types(source: &str, program: &Program<'_>) -> Result<String, &'static str> {
    let mut stripper = Stripper {
        src: source,
        inline: Vec::new(),
        statements: Vec::new(),
        fallback: None,
        refs: Vec::new(),
        declared: Vec::new(),
        value_refs: FxHashSet::default(),
        bindings: FxHashMap::default(),
        type_names: FxHashSet::default(),
        imports: Vec::new(),
        local_exports: Vec::new(),
        default_exports: Vec::new(),
        enums: Vec::new(),
        depth: 0,
    };
    stripper.visit_program(program);
    if let Some(why) = stripper.fallback {
        return Err(why);
    }
    stripper.summarize_names();
    stripper.elide_imports()?;
    stripper.elide_type_exports();
    stripper.check_enums()?;
    stripper.render()
}

/// What the walk found out and what it will blank.
struct Stripper<'s, 'a> {
    src: &'s str,
    /// Ranges inside a statement (types, modifiers, `as T`): blanked to spaces.
    inline: Vec<(u32, u32)>,
    /// Whole statements and class members: blanked, with a `;` where they began so the code
    /// before them cannot run on into what follows.
    statements: Vec<(u32, u32)>,
    /// Why the full transform is needed, once something needs it.
    fallback: Option<&'static str>,
    /// Every identifier used as a value (outside types, and local export specifiers), in
    /// order: a list is cheaper to fill than a set, and only a few names are ever asked about.
    refs: Vec<&'a str>,
    /// Every name declared outside imports.
    declared: Vec<&'a str>,
    /// Of the names imports, enums and type declarations bind: those used as values.
    value_refs: FxHashSet<&'a str>,
    /// Of the same names: how many times each is declared outside imports.
    bindings: FxHashMap<&'a str, u32>,
    /// Names of type aliases and interfaces.
    type_names: FxHashSet<&'a str>,
    /// Value imports with bindings, for elision once all uses are known.
    imports: Vec<Import<'a>>,
    /// `export { ... }` specifiers of local names: (span, local name, `type` marked).
    local_exports: Vec<(Span, &'a str, bool)>,
    /// `export default name;` statements.
    default_exports: Vec<(Span, &'a str)>,
    /// Enums to lower (see the module docs).
    enums: Vec<Enum<'a>>,
    /// How deep in statements the walk is (1: the module's top level).
    depth: u32,
}

/// An enum of literal members, lowered to a call of a function appended to the file.
struct Enum<'a> {
    span: Span,
    name: &'a str,
    /// `let` (exported, or in a block or function: what oxc's transform emits) or `var`.
    keyword: &'static str,
    /// The function's body: `E[E["A"] = 0] = "A";` ...
    body: String,
}

/// An import declaration with bindings.
struct Import<'a> {
    span: Span,
    /// (span, local name, `type` marked, a namespace binding).
    bindings: Vec<(Span, &'a str, bool, bool)>,
}

const SPACE: &[u8] = b" \t\r\n";

impl<'a> Stripper<'_, 'a> {
    /// Records that the file needs the full transform (the first reason is kept).
    fn give_up(&mut self, why: &'static str) {
        self.fallback.get_or_insert(why);
    }

    fn bytes(&self) -> &[u8] {
        self.src.as_bytes()
    }

    fn blank(&mut self, start: u32, end: u32) {
        if start < end {
            self.inline.push((start, end));
        }
    }

    fn blank_span(&mut self, span: Span) {
        self.blank(span.start, span.end);
    }

    fn blank_statement(&mut self, span: Span) {
        self.statements.push((span.start, span.end));
    }

    /// Blanks `[from, annotation end)`: the `?`, `!` and `:` between a binding and its type,
    /// and the type. Gives up if anything else (a comment) lies in between.
    fn blank_annotation(&mut self, from: u32, annotation: Option<&TSTypeAnnotation<'a>>) {
        let Some(annotation) = annotation else { return };
        self.blank_marks_then(from, annotation.span.start, annotation.span.end);
    }

    /// Blanks `[from, end)` when `[from, gap_end)` holds only white space and `?`, `!`, `:`.
    fn blank_marks_then(&mut self, from: u32, gap_end: u32, end: u32) {
        let gap = self
            .bytes()
            .get(from as usize..gap_end as usize)
            .unwrap_or(b"x");
        if gap.iter().all(|b| SPACE.contains(b) || b"?!:".contains(b)) {
            self.blank(from, end);
        } else {
            self.give_up("a comment inside a type annotation");
        }
    }

    /// Blanks the single `mark` (`?` or `!`) that follows `from` after white space (and, for a
    /// computed key, its `]`).
    fn blank_mark_after(&mut self, from: u32, mark: u8) {
        let bytes = self.bytes();
        let mut at = from as usize;
        while at < bytes.len() && (SPACE.contains(&bytes[at]) || bytes[at] == b']') {
            at += 1;
        }
        if bytes.get(at) == Some(&mark) {
            self.blank(at as u32, at as u32 + 1);
        } else {
            self.give_up("an unexpected token before `?` or `!`");
        }
    }

    /// The position after `from` once white space and one `]` are skipped: where a computed
    /// key's brackets end.
    fn after_bracket(&self, from: u32) -> u32 {
        let bytes = self.bytes();
        let mut at = from as usize;
        while at < bytes.len() && SPACE.contains(&bytes[at]) {
            at += 1;
        }
        if bytes.get(at) == Some(&b']') {
            (at + 1) as u32
        } else {
            from
        }
    }

    /// Blanks each word of `words` found in `[start, end)`: modifiers such as `public` or
    /// `abstract` before a member's key or the `class` keyword. (Nothing but keywords,
    /// punctuation and comments can stand there, and blanking a word of a comment is harmless.)
    fn blank_words(&mut self, start: u32, end: u32, words: &[&str]) {
        let Some(text) = self.src.get(start as usize..end as usize) else {
            self.give_up("a modifier range outside the file");
            return;
        };
        let mut found = Vec::new();
        let mut word_start = None;
        for (i, b) in text.bytes().chain([b' ']).enumerate() {
            let is_word = b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
            match (is_word, word_start) {
                (true, None) => word_start = Some(i),
                (false, Some(s)) => {
                    if words.contains(&&text[s..i]) {
                        found.push((start + s as u32, start + i as u32));
                    }
                    word_start = None;
                }
                _ => {}
            }
        }
        self.inline.extend(found);
    }

    /// The end of `span` plus a `,` that follows it after white space (a list item's
    /// separator).
    fn with_following_comma(&self, span: Span) -> u32 {
        let bytes = self.bytes();
        let mut at = span.end as usize;
        while at < bytes.len() && SPACE.contains(&bytes[at]) {
            at += 1;
        }
        if bytes.get(at) == Some(&b',') {
            (at + 1) as u32
        } else {
            span.end
        }
    }

    /// What a declaration (alone or after `export`) needs: `Some(true)` when it is type-only
    /// and goes whole, `Some(false)` when it is JavaScript to walk, `None` when it needs the
    /// full transform.
    fn declaration_is_type_only(&mut self, declaration: &Declaration<'a>) -> Option<bool> {
        match declaration {
            Declaration::TSTypeAliasDeclaration(d) => {
                self.type_names.insert(d.id.name.as_str());
                Some(true)
            }
            Declaration::TSInterfaceDeclaration(d) => {
                self.type_names.insert(d.id.name.as_str());
                Some(true)
            }
            Declaration::VariableDeclaration(d) => Some(d.declare),
            Declaration::FunctionDeclaration(f) => Some(f.declare || f.body.is_none()),
            Declaration::ClassDeclaration(c) => Some(c.declare),
            Declaration::TSEnumDeclaration(d) => d.declare.then_some(true),
            Declaration::TSNamespaceDeclaration(d) => d.declare.then_some(true),
            Declaration::TSExternalModuleDeclaration(d) => d.declare.then_some(true),
            Declaration::TSGlobalDeclaration(d) => d.declare.then_some(true),
            Declaration::TSImportEqualsDeclaration(d) => d.import_kind.is_type().then_some(true),
        }
    }

    /// Lowers `enum` `d` when its members are literals (a number, `-` a number, a string, or
    /// nothing after a number); gives up otherwise.
    fn lower_enum(&mut self, d: &TSEnumDeclaration<'a>, exported: bool) {
        let name = d.id.name.as_str();
        self.declared.push(name);
        let mut body = String::new();
        let mut next = Some(0f64);
        for member in &d.body.members {
            let key = match &member.id {
                TSEnumMemberName::Identifier(id) => format!("\"{}\"", id.name),
                TSEnumMemberName::String(s) => {
                    match self.src.get(s.span.start as usize..s.span.end as usize) {
                        Some(raw) => raw.to_string(),
                        None => return self.give_up("an enum member name outside the file"),
                    }
                }
                _ => return self.give_up("an enum member with a computed name"),
            };
            let raw = |span: Span| self.src[span.start as usize..span.end as usize].to_string();
            let (value, numeric) = match &member.initializer {
                None => match next {
                    Some(n) if n.fract() == 0.0 && n.abs() < 1e15 => (format!("{n}"), Some(n)),
                    _ => return self.give_up("an enum member whose value is not a literal"),
                },
                Some(Expression::NumericLiteral(n)) => (raw(n.span), Some(n.value)),
                Some(Expression::UnaryExpression(u))
                    if u.operator == UnaryOperator::UnaryNegation
                        && matches!(u.argument, Expression::NumericLiteral(_)) =>
                {
                    let Expression::NumericLiteral(n) = &u.argument else {
                        unreachable!()
                    };
                    (format!("-{}", raw(n.span)), Some(-n.value))
                }
                Some(Expression::StringLiteral(s)) => (raw(s.span), None),
                Some(_) => return self.give_up("an enum member whose value is not a literal"),
            };
            next = numeric.map(|n| n + 1.0);
            if numeric.is_some() {
                body.push_str(&format!("E[E[{key}] = {value}] = {key}; "));
            } else {
                body.push_str(&format!("E[{key}] = {value}; "));
            }
        }
        let keyword = if exported || self.depth > 1 {
            "let"
        } else {
            "var"
        };
        self.enums.push(Enum {
            span: d.span,
            name,
            keyword,
            body,
        });
    }

    /// Fills `value_refs` and `bindings` for the names that imports, enums and type
    /// declarations bind.
    fn summarize_names(&mut self) {
        let mut asked: FxHashSet<&'a str> = self.type_names.clone();
        asked.extend(
            self.imports
                .iter()
                .flat_map(|i| i.bindings.iter().map(|b| b.1)),
        );
        asked.extend(self.enums.iter().map(|e| e.name));
        if asked.is_empty() {
            return;
        }
        self.value_refs
            .extend(self.refs.iter().filter(|name| asked.contains(*name)));
        for name in self.declared.iter().filter(|name| asked.contains(*name)) {
            *self.bindings.entry(name).or_default() += 1;
        }
    }

    /// Merged enums (one name declared twice) need the full transform.
    fn check_enums(&self) -> Result<(), &'static str> {
        if self
            .enums
            .iter()
            .any(|e| self.bindings.get(e.name) != Some(&1))
        {
            return Err("an enum whose name is declared twice");
        }
        Ok(())
    }

    /// A name for the `n`th enum's function that nothing in the file uses.
    fn enum_function_name(&self, n: usize) -> String {
        let mut name = format!("$e{n}");
        while self.declared.contains(&name.as_str())
            || self.refs.contains(&name.as_str())
            || self.type_names.contains(name.as_str())
        {
            name.push('$');
        }
        name
    }

    /// Writes `let E = $e0();` over the enum's bytes (spaces elsewhere, line breaks kept),
    /// each token on the first line that has room for it.
    fn write_enum_call(out: &mut [u8], span: Span, tokens: &[&str]) -> Result<(), &'static str> {
        let region = out
            .get_mut(span.start as usize..span.end as usize)
            .ok_or("an enum outside the file")?;
        if region.iter().any(|b| *b >= 0x80) {
            return Err("a non-ASCII character in an enum");
        }
        for b in region.iter_mut() {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
        let mut at = 0;
        for token in tokens {
            loop {
                let room = region[at..]
                    .iter()
                    .position(|b| *b == b'\n' || *b == b'\r')
                    .unwrap_or(region.len() - at);
                if room >= token.len() {
                    region[at..at + token.len()].copy_from_slice(token.as_bytes());
                    at += token.len();
                    // One space after a token when the line has it (and the next fits).
                    if region.get(at) == Some(&b' ') {
                        at += 1;
                    }
                    break;
                }
                at += room;
                while region.get(at).is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    at += 1;
                }
                if at >= region.len() {
                    return Err("an enum too short for its replacement");
                }
            }
        }
        Ok(())
    }

    /// Drops the import bindings never used as values (TypeScript's import elision).
    fn elide_imports(&mut self) -> Result<(), &'static str> {
        for import in std::mem::take(&mut self.imports) {
            let mut kept = 0;
            let mut dropped = Vec::new();
            for &(span, name, type_only, namespace) in &import.bindings {
                let used = !type_only && self.value_refs.contains(name);
                if used && self.bindings.contains_key(name) {
                    // Another declaration of the name may be what the uses refer to.
                    return Err("an import's name declared again");
                }
                if used {
                    kept += 1;
                } else {
                    dropped.push((span, namespace));
                }
            }
            if kept == 0 {
                self.blank_statement(import.span);
                continue;
            }
            for (span, namespace) in dropped {
                if namespace {
                    // `import D, * as N`: the comma is before it.
                    let before = &self.src[import.span.start as usize..span.start as usize];
                    let comma = before.rfind(',').ok_or("no comma before `* as`")? as u32
                        + import.span.start;
                    self.blank(comma, span.end);
                } else {
                    let end = self.with_following_comma(span);
                    self.blank(span.start, end);
                }
            }
        }
        Ok(())
    }

    /// `export { T }` and `export default T` of a type alias or interface go.
    fn elide_type_exports(&mut self) {
        let is_type =
            |s: &Self, name: &str| s.type_names.contains(name) && !s.bindings.contains_key(name);
        for (span, name, type_marked) in std::mem::take(&mut self.local_exports) {
            if type_marked || is_type(self, name) {
                let end = self.with_following_comma(span);
                self.blank(span.start, end);
            }
        }
        for (span, name) in std::mem::take(&mut self.default_exports) {
            if is_type(self, name) {
                self.blank_statement(span);
            }
        }
    }

    /// Applies the blanks. `None` when one would change more than types: it covers a
    /// non-ASCII character (columns would move), or it ends a line whose next one starts with
    /// `(`, `[` or `` ` `` (which would then continue the expression the type ended).
    fn render(mut self) -> Result<String, &'static str> {
        let mut out = self.src.as_bytes().to_vec();
        let blank = |out: &mut Vec<u8>, (start, end): (u32, u32)| -> Result<(), &'static str> {
            let range = out
                .get_mut(start as usize..end as usize)
                .ok_or("a range outside the file")?;
            for b in range {
                if *b >= 0x80 {
                    return Err("a non-ASCII character in a type");
                }
                if *b != b'\n' && *b != b'\r' {
                    *b = b' ';
                }
            }
            Ok(())
        };
        for &range in &self.inline {
            blank(&mut out, range)?;
        }
        for &range in &self.statements {
            blank(&mut out, range)?;
        }
        for &(start, _) in &self.statements {
            out[start as usize] = b';';
        }
        let mut appended = String::new();
        for (n, e) in self.enums.iter().enumerate() {
            let function = self.enum_function_name(n);
            let call = format!("{function}();");
            Self::write_enum_call(&mut out, e.span, &[e.keyword, e.name, "=", &call])?;
            appended.push_str(&format!(
                "\nfunction {function}() {{ const E = {{}}; {}return E; }}",
                e.body
            ));
        }
        self.inline.sort_unstable();
        for &(_, end) in &self.inline {
            let rest = &out[end as usize..];
            let next = rest.iter().position(|b| !SPACE.contains(b));
            let Some(next) = next else { continue };
            if rest[..next].contains(&b'\n') && b"([`".contains(&rest[next]) {
                return Err("a line after a type starts with `(`, `[` or a template");
            }
        }
        let mut code = String::from_utf8(out).map_err(|_| "not UTF-8 after blanking")?;
        code.push_str(&appended);
        Ok(code)
    }
}

impl<'a> Visit<'a> for Stripper<'_, 'a> {
    fn visit_statement(&mut self, it: &Statement<'a>) {
        self.depth += 1;
        match it {
            Statement::ImportDeclaration(import) => {
                if import.import_kind.is_type() {
                    self.blank_statement(import.span);
                } else if let Some(specifiers) = &import.specifiers {
                    if specifiers.is_empty() {
                        // `import {} from "x"`: whether it stays is not worth guessing.
                        self.give_up("`import {} from`");
                    }
                    let bindings = specifiers
                        .iter()
                        .map(|specifier| match specifier {
                            ImportDeclarationSpecifier::ImportSpecifier(s) => (
                                s.span,
                                s.local.name.as_str(),
                                s.import_kind.is_type(),
                                false,
                            ),
                            ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                                (s.span, s.local.name.as_str(), false, false)
                            }
                            ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                                (s.span, s.local.name.as_str(), false, true)
                            }
                        })
                        .collect();
                    self.imports.push(Import {
                        span: import.span,
                        bindings,
                    });
                }
            }
            Statement::ExportDeclaration(export) => match &export.declaration {
                Declaration::TSEnumDeclaration(d) if !d.declare => self.lower_enum(d, true),
                declaration => match self.declaration_is_type_only(declaration) {
                    Some(true) => self.blank_statement(export.span),
                    Some(false) => self.visit_declaration(declaration),
                    None => self.give_up("an exported namespace"),
                },
            },
            Statement::ExportNamedDeclaration(export) => {
                if export.export_kind.is_type() {
                    self.blank_statement(export.span);
                } else {
                    for specifier in &export.specifiers {
                        let name = module_export_name(&specifier.local);
                        let type_marked = specifier.export_kind.is_type();
                        if !type_marked {
                            self.refs.push(name);
                        }
                        self.local_exports.push((specifier.span, name, type_marked));
                    }
                }
            }
            Statement::ExportFromDeclaration(export) => {
                if export.export_kind.is_type() {
                    self.blank_statement(export.span);
                } else if export.specifiers.iter().any(|s| s.export_kind.is_type()) {
                    if export.specifiers.iter().all(|s| s.export_kind.is_type()) {
                        // Whether the module is still loaded is not worth guessing.
                        self.give_up("`export { type A } from` with only types");
                    }
                    for specifier in export.specifiers.iter().filter(|s| s.export_kind.is_type()) {
                        let end = self.with_following_comma(specifier.span);
                        self.blank(specifier.span.start, end);
                    }
                }
            }
            Statement::ExportAllDeclaration(export) => {
                if export.export_kind.is_type() {
                    self.blank_statement(export.span);
                }
            }
            Statement::ExportDefaultDeclaration(export) => match &export.declaration {
                ExportDefaultDeclarationKind::TSInterfaceDeclaration(_) => {
                    self.blank_statement(export.span)
                }
                ExportDefaultDeclarationKind::FunctionDeclaration(f)
                    if f.declare || f.body.is_none() =>
                {
                    self.blank_statement(export.span)
                }
                ExportDefaultDeclarationKind::Identifier(id) => {
                    self.default_exports.push((export.span, id.name.as_str()));
                    walk::walk_export_default_declaration(self, export);
                }
                _ => walk::walk_export_default_declaration(self, export),
            },
            Statement::TSExportAssignment(_) | Statement::TSNamespaceExportDeclaration(_) => {
                self.give_up("`export =` or `export as namespace`")
            }
            Statement::TSEnumDeclaration(d) if !d.declare => self.lower_enum(d, false),
            _ => match it.as_declaration() {
                Some(declaration) => match self.declaration_is_type_only(declaration) {
                    Some(true) => self.blank_statement(it.span()),
                    Some(false) => walk::walk_statement(self, it),
                    None => self.give_up("a namespace or `import x = require()`"),
                },
                None => walk::walk_statement(self, it),
            },
        }
        self.depth -= 1;
    }

    fn visit_variable_declaration(&mut self, it: &VariableDeclaration<'a>) {
        if matches!(
            it.kind,
            VariableDeclarationKind::Using | VariableDeclarationKind::AwaitUsing
        ) {
            self.give_up("a `using` declaration"); // lowered by the full transform
        }
        walk::walk_variable_declaration(self, it);
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        self.blank_annotation(it.id.span().end, it.type_annotation.as_deref());
        walk::walk_variable_declarator(self, it);
    }

    fn visit_catch_parameter(&mut self, it: &CatchParameter<'a>) {
        self.blank_annotation(it.pattern.span().end, it.type_annotation.as_deref());
        walk::walk_catch_parameter(self, it);
    }

    fn visit_formal_parameter(&mut self, it: &FormalParameter<'a>) {
        if it.accessibility.is_some() || it.readonly || it.r#override {
            self.give_up("a parameter property"); // a parameter property: the constructor gains assignments
        }
        let end = it.pattern.span().end;
        match &it.type_annotation {
            Some(annotation) => self.blank_annotation(end, Some(annotation)),
            None if it.optional => self.blank_mark_after(end, b'?'),
            None => {}
        }
        walk::walk_formal_parameter(self, it);
    }

    fn visit_formal_parameter_rest(&mut self, it: &FormalParameterRest<'a>) {
        self.blank_annotation(it.rest.span.end, it.type_annotation.as_deref());
        walk::walk_formal_parameter_rest(self, it);
    }

    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        if it.body.is_none() {
            // A signature without a body anywhere but where `visit_statement` or a class
            // body removes it whole.
            self.give_up("a function without a body");
        }
        if let Some(params) = &it.type_parameters {
            self.blank_span(params.span);
        }
        if let Some(this) = &it.this_param {
            let end = self.with_following_comma(this.span);
            self.blank(this.span.start, end);
        }
        if let Some(ret) = &it.return_type {
            self.blank_marks_then(it.params.span.end, ret.span.start, ret.span.end);
        }
        walk::walk_function(self, it, flags);
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        if let Some(params) = &it.type_parameters {
            self.blank_span(params.span);
        }
        if let Some(ret) = &it.return_type {
            let range = it.params.span.end as usize..ret.span.end as usize;
            if self.bytes().get(range).is_none_or(|r| r.contains(&b'\n')) {
                // `(a)\n=> a` is not JavaScript: a line break may not come before `=>`.
                self.give_up("a line break before an arrow's `=>`");
            }
            self.blank_marks_then(it.params.span.end, ret.span.start, ret.span.end);
        }
        walk::walk_arrow_function_expression(self, it);
    }

    fn visit_class(&mut self, it: &Class<'a>) {
        if it.r#abstract {
            let keyword_end = it
                .id
                .as_ref()
                .map_or(it.body.span.start, |id| id.span.start);
            self.blank_words(it.span.start, keyword_end, &["abstract"]);
        }
        if let Some(params) = &it.type_parameters {
            self.blank_span(params.span);
        }
        if let Some(args) = it.heritage.as_ref().and_then(|h| h.type_arguments.as_ref()) {
            self.blank_span(args.span);
        }
        if let (Some(first), Some(last)) = (it.implements.first(), it.implements.last()) {
            match self.src[..first.span.start as usize].rfind("implements") {
                Some(keyword) => self.blank(keyword as u32, last.span.end),
                None => self.give_up("`implements` not found"),
            }
        }
        walk::walk_class(self, it);
    }

    fn visit_class_element(&mut self, it: &ClassElement<'a>) {
        const MEMBER_MODIFIERS: &[&str] =
            &["public", "private", "protected", "readonly", "override"];
        match it {
            ClassElement::TSIndexSignature(s) => self.blank_statement(s.span),
            ClassElement::AccessorProperty(_) => self.give_up("an `accessor` field"),
            ClassElement::StaticBlock(_) => walk::walk_class_element(self, it),
            ClassElement::MethodDefinition(m) => {
                if m.r#type.is_abstract() || m.value.body.is_none() {
                    if m.computed {
                        self.give_up("an abstract member with a computed key"); // whether its key counts as a use is not clear
                    }
                    self.blank_statement(m.span);
                    return;
                }
                self.blank_words(m.span.start, m.key.span().start, MEMBER_MODIFIERS);
                if m.optional {
                    self.blank_mark_after(m.key.span().end, b'?');
                }
                walk::walk_class_element(self, it);
            }
            ClassElement::PropertyDefinition(p) => {
                if p.r#type.is_abstract() || p.declare {
                    if p.computed {
                        self.give_up("a declared field with a computed key");
                    }
                    self.blank_statement(p.span);
                    return;
                }
                self.blank_words(p.span.start, p.key.span().start, MEMBER_MODIFIERS);
                let key_end = if p.computed {
                    self.after_bracket(p.key.span().end)
                } else {
                    p.key.span().end
                };
                match &p.type_annotation {
                    Some(annotation) => self.blank_annotation(key_end, Some(annotation)),
                    None if p.optional => self.blank_mark_after(key_end, b'?'),
                    None if p.definite => self.blank_mark_after(key_end, b'!'),
                    None => {}
                }
                walk::walk_class_element(self, it);
            }
        }
    }

    fn visit_ts_as_expression(&mut self, it: &TSAsExpression<'a>) {
        self.blank_keyword_type(it.expression.span().end, &it.type_annotation, "as");
        walk::walk_ts_as_expression(self, it);
    }

    fn visit_ts_satisfies_expression(&mut self, it: &TSSatisfiesExpression<'a>) {
        self.blank_keyword_type(it.expression.span().end, &it.type_annotation, "satisfies");
        walk::walk_ts_satisfies_expression(self, it);
    }

    fn visit_ts_non_null_expression(&mut self, it: &TSNonNullExpression<'a>) {
        self.blank_marks_then(it.expression.span().end, it.span.end, it.span.end);
        walk::walk_ts_non_null_expression(self, it);
    }

    fn visit_ts_type_assertion(&mut self, it: &TSTypeAssertion<'a>) {
        let start = it.span.start;
        let end = it.expression.span().start;
        let range = self.bytes().get(start as usize..end as usize);
        let closing = self
            .src
            .get(it.type_annotation.span().end as usize..end as usize);
        if range.is_none_or(|r| r.first() != Some(&b'<') || r.contains(&b'\n'))
            || closing.is_none_or(|c| c.trim() != ">")
        {
            self.give_up("an unusual `<T>` assertion");
        }
        self.blank(start, end);
        walk::walk_ts_type_assertion(self, it);
    }

    fn visit_ts_instantiation_expression(&mut self, it: &TSInstantiationExpression<'a>) {
        self.blank_span(it.type_arguments.span);
        walk::walk_ts_instantiation_expression(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if let Some(args) = &it.type_arguments {
            self.blank_span(args.span);
        }
        walk::walk_call_expression(self, it);
    }

    fn visit_new_expression(&mut self, it: &NewExpression<'a>) {
        if let Some(args) = &it.type_arguments {
            self.blank_span(args.span);
        }
        walk::walk_new_expression(self, it);
    }

    fn visit_tagged_template_expression(&mut self, it: &TaggedTemplateExpression<'a>) {
        if let Some(args) = &it.type_arguments {
            self.blank_span(args.span);
        }
        walk::walk_tagged_template_expression(self, it);
    }

    fn visit_decorator(&mut self, _it: &Decorator<'a>) {
        self.give_up("a decorator");
    }

    fn visit_identifier_reference(&mut self, it: &IdentifierReference<'a>) {
        self.refs.push(it.name.as_str());
    }

    fn visit_binding_identifier(&mut self, it: &BindingIdentifier<'a>) {
        self.declared.push(it.name.as_str());
    }

    // Types are not walked: nothing in them is a value use or a binding.
    fn visit_ts_type(&mut self, _it: &TSType<'a>) {}
    fn visit_ts_type_annotation(&mut self, _it: &TSTypeAnnotation<'a>) {}
    fn visit_ts_type_parameter_declaration(&mut self, _it: &TSTypeParameterDeclaration<'a>) {}
    fn visit_ts_type_parameter_instantiation(&mut self, _it: &TSTypeParameterInstantiation<'a>) {}
    fn visit_ts_this_parameter(&mut self, _it: &TSThisParameter<'a>) {}
    fn visit_ts_class_implements(&mut self, _it: &TSClassImplements<'a>) {}
}

impl<'a> Stripper<'_, 'a> {
    /// Blanks ` as T` / ` satisfies T` after an expression ending at `from`.
    fn blank_keyword_type(&mut self, from: u32, ty: &TSType<'a>, keyword: &str) {
        let gap = self.src.get(from as usize..ty.span().start as usize);
        if gap.is_none_or(|g| g.trim() != keyword) {
            self.give_up("a comment around `as` or `satisfies`");
        }
        self.blank(from, ty.span().end);
    }
}

/// The name of a local export specifier (`export { name }`).
fn module_export_name<'a>(name: &ModuleExportName<'a>) -> &'a str {
    match name {
        ModuleExportName::IdentifierName(id) => id.name.as_str(),
        ModuleExportName::IdentifierReference(id) => id.name.as_str(),
        ModuleExportName::StringLiteral(s) => s.value.as_str(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxc_allocator::Allocator;
    use oxc_codegen::{Codegen, CodegenOptions};
    use oxc_parser::Parser;
    use oxc_span::SourceType;

    fn strip(source: &str) -> Result<String, &'static str> {
        let allocator = Allocator::default();
        let ret = Parser::new(&allocator, source, SourceType::ts()).parse();
        assert!(
            ret.diagnostics.errors().next().is_none(),
            "{source}: {:?}",
            ret.diagnostics.errors().next()
        );
        strip_types(source, &ret.program)
    }

    /// The stripped text, which must be as long as the source and valid JavaScript.
    fn stripped(source: &str) -> String {
        let out = strip(source).unwrap_or_else(|why| panic!("fell back ({why}): {source}"));
        assert_eq!(out.len(), source.len());
        assert_eq!(out.matches('\n').count(), source.matches('\n').count());
        let allocator = Allocator::default();
        let ret = Parser::new(&allocator, &out, SourceType::mjs()).parse();
        assert!(
            ret.diagnostics.errors().next().is_none(),
            "not JavaScript: {out:?}: {:?}",
            ret.diagnostics.errors().next()
        );
        out
    }

    /// `stripped` with runs of white space squeezed, for readable expectations.
    fn squeezed(source: &str) -> String {
        stripped(source)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn blanks_annotations_and_keeps_columns() {
        let src = "let a: number = 1, b!: string;\nfunction f<T>(x: T, y?: number, ...r: T[]): T { return x; }\n";
        let out = stripped(src);
        assert_eq!(out.find("= 1"), src.find("= 1"));
        assert_eq!(
            squeezed(src),
            "let a = 1, b ; function f (x , y , ...r ) { return x; }"
        );
        assert_eq!(
            squeezed("try {} catch (e: unknown) {}\nconst g = <T,>(a: T): T => a;\nconst h = async (a?: number) => a;"),
            "try {} catch (e ) {} const g = (a ) => a; const h = async (a ) => a;"
        );
        assert_eq!(
            squeezed("function m(this: Window, a: number) {}\nfunction n(this: Window) {}"),
            "function m( a ) {} function n( ) {}"
        );
    }

    #[test]
    fn blanks_type_expressions() {
        assert_eq!(
            squeezed("const a = (b as unknown as string).length + c! + (d satisfies D);"),
            "const a = (b ).length + c + (d );"
        );
        assert_eq!(
            squeezed("const s = new Set<string>(); f<number>(1); const g = f<string>; tag<T>`x`; const k = <any>v;"),
            "const s = new Set (); f (1); const g = f ; tag `x`; const k = v;"
        );
        assert_eq!(
            squeezed("x!.y = 1; (o as any).p = 2;"),
            "x .y = 1; (o ).p = 2;"
        );
    }

    #[test]
    fn removes_declarations_with_a_semicolon_in_their_place() {
        // The `;` keeps `a` from running on into the next line's `(`.
        let out = stripped("const a = 1\ntype T = string\n(globalThis as any).x = a\n");
        assert_eq!(
            out.split_whitespace().collect::<Vec<_>>().join(" "),
            "const a = 1 ; (globalThis ).x = a"
        );
        assert_eq!(
            squeezed("interface I { a: number }\nexport interface J {}\nexport type K = I;\ndeclare const d: number;\ndeclare global { interface W {} }\ndeclare module \"m\" {}\nexport declare function e(): void;\nfunction o(a: string): void;\nfunction o(a: any) {}\nexport default interface Z {}\nexport const v = 1;"),
            "; ; ; ; ; ; ; ; function o(a ) {} ; export const v = 1;"
        );
        assert_eq!(
            squeezed("export type * from './t';\nexport type { A } from './a';\nimport type { B } from './b';\nexport const v = 1;"),
            "; ; ; export const v = 1;"
        );
    }

    #[test]
    fn strips_classes() {
        assert_eq!(
            squeezed("export abstract class A<T> extends B<T> implements I, J<T> {\n  private readonly x: number = 1;\n  public static y?: string;\n  declare z: number;\n  protected w!: T;\n  [key: string]: unknown;\n  abstract m(): void;\n  n(a: number): void;\n  n(a: any) {}\n  override get o(): number { return 1; }\n  p?() {}\n  constructor() { super(); }\n}"),
            "export class A extends B { x = 1; static y ; ; w ; ; ; ; n(a ) {} get o() { return 1; } p () {} constructor() { super(); } }"
        );
    }

    #[test]
    fn elides_imports_used_only_as_types() {
        assert_eq!(
            squeezed("import { A, B, type C } from './a';\nimport D, * as N from './d';\nimport E, { F } from './e';\nimport * as G from './g';\nimport './h';\nlet a: A = new B(); let n: N.T = D; let f: F = 1; let g: typeof G = 1;\nexport { a, n, f, g };"),
            "import { B, } from './a'; import D from './d'; ; ; import './h'; let a = new B(); let n = D; let f = 1; let g = 1; export { a, n, f, g };"
        );
        // `export { I }` of an interface and `export default I` go too.
        assert_eq!(
            squeezed("interface I {}\nclass K {}\nexport { I, K };\nexport default I;"),
            "; class K {} export { K }; ;"
        );
        // An imported name re-exported counts as a value (as in the full transform).
        assert_eq!(
            squeezed("import { X } from './x';\nexport { X };"),
            "import { X } from './x'; export { X };"
        );
    }

    #[test]
    fn falls_back_where_blanking_is_not_enough() {
        for src in [
            "enum E { A = B }",
            "enum E { A = 1 + 1 }",
            "enum E { A = 'a', B }",
            "enum E { A }\nenum E { B = 1 }",
            "enum E { [`a`] = 1 }",
            "enum E {}", // too short to hold `var E = $e0();`
            "namespace N { export const a = 1; }",
            "import fs = require('fs');",
            "export = 1;",
            "class A { constructor(private x: number) {} }",
            "@dec class A {}",
            "class A { @dec m() {} }",
            "class A { accessor x = 1; }",
            "{ using r = null; }",
            "const f = (a)\n: number => a;",
            "const v = x as T\n(y)",
            "const v = x /* a comment */ as T;",
            "let a: /* é */ number = 1;",
            "import { A } from './a';\n{ const A = 1; A; }\nlet x: A;",
            "import {} from './a';",
            "export { type A } from './a';",
        ] {
            assert!(strip(src).is_err(), "{src}");
        }
    }

    #[test]
    fn lowers_literal_enums() {
        let cases = [
            "enum E { A, B = 5, 'c-d' = \"x\", D = -2, F, G = 0x10, H = 1.5 }",
            "const enum E {\n  A,\n  B,\n}",
            "enum E { A = 'a', B = \"b\" }",
            "function f() { enum E { X = 3, Y } return E; }\nglobalThis.E = f();",
        ];
        for case in cases {
            let out = stripped_with_enums(case);
            assert!(out.contains("function $e0()"), "{out}");
            let probe = "\n;globalThis.result = JSON.stringify([E, Object.keys(E)]);";
            let full = crate::transpile::prepare_with(std::path::Path::new("a.ts"), case, false)
                .expect("valid")
                .code;
            assert_eq!(
                evaluate(&(out + probe)),
                evaluate(&(full + probe)),
                "{case}"
            );
        }
        // Exported: `export let`, as oxc's transform emits.
        let out = stripped_with_enums("export enum Color { Red, Green }\n");
        assert!(out.starts_with("export let Color = $e0();"), "{out}");
        // The function's name is one the file does not use.
        let out = stripped_with_enums("const $e0 = 1;\nenum E { A, B, C }\n");
        assert!(out.contains("var E = $e0$();"), "{out}");
    }

    fn stripped_with_enums(source: &str) -> String {
        let out = strip(source).unwrap_or_else(|why| panic!("fell back ({why}): {source}"));
        let allocator = Allocator::default();
        let ret = Parser::new(&allocator, &out, SourceType::mjs()).parse();
        assert!(
            ret.diagnostics.errors().next().is_none(),
            "not JavaScript: {out:?}"
        );
        out
    }

    fn evaluate(script: &str) -> String {
        let runtime = rquickjs::Runtime::new().expect("runtime");
        let context = rquickjs::Context::full(&runtime).expect("context");
        context.with(|ctx| {
            ctx.eval::<(), _>(script.to_string()).expect("runs");
            ctx.globals().get::<_, String>("result").expect("a result")
        })
    }

    /// The fast path against oxc's full transform over every TypeScript file of the
    /// repository: where it does not fall back, both give the same program.
    #[test]
    fn agrees_with_the_full_transform_on_the_repository() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files = Vec::new();
        for dir in ["tests", "bench", "examples", "crates"] {
            collect_ts(&root.join(dir), &mut files);
        }
        assert!(files.len() > 50, "found {} files", files.len());
        let (mut fast, mut fell_back) = (0, Vec::new());
        for file in &files {
            let source = std::fs::read_to_string(file).expect("readable");
            let allocator = Allocator::default();
            let ret = Parser::new(&allocator, &source, SourceType::ts()).parse();
            if ret.diagnostics.errors().next().is_some() {
                continue; // deliberately broken inputs
            }
            let out = match strip_types(&source, &ret.program) {
                Ok(out) => out,
                Err(why) => {
                    fell_back.push(format!("{}: {why}", file.display()));
                    continue;
                }
            };
            fast += 1;
            let lowered_enums = out.len() > source.len();
            let newlines = |s: &str| s.match_indices('\n').map(|(i, _)| i).collect::<Vec<_>>();
            assert_eq!(
                newlines(&out[..source.len()]),
                newlines(&source),
                "{}",
                file.display()
            );
            if lowered_enums {
                // Enums are built differently (checked by `lowers_literal_enums`).
                continue;
            }
            let full = crate::transpile::prepare_with(file, &source, false)
                .unwrap_or_else(|e| panic!("{}: {}", file.display(), e.message));
            let ours = crate::transpile::prepare_with(file, &source, true).expect("same input");
            let (ours, full) = (normalized(&ours.code), normalized(&full.code));
            if ours != full {
                let at = ours
                    .bytes()
                    .zip(full.bytes())
                    .position(|(a, b)| a != b)
                    .unwrap_or(ours.len().min(full.len()));
                let around =
                    |s: &str| s[at.saturating_sub(120)..(at + 120).min(s.len())].to_string();
                panic!(
                    "{} differs:\n fast: {}\n full: {}",
                    file.display(),
                    around(&ours),
                    around(&full)
                );
            }
        }
        eprintln!("fast path: {fast} files; full transform: {fell_back:#?}");
        assert!(
            fast * 2 > files.len(),
            "only {fast} of {} took the fast path",
            files.len()
        );
    }

    fn collect_ts(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "node_modules" && name != "target" {
                    collect_ts(&path, out);
                }
            } else if name.ends_with(".ts") && !name.ends_with(".d.ts") {
                out.push(path);
            }
        }
    }

    /// Drops empty statements (what a removed declaration leaves).
    struct DropEmpty;

    impl<'a> oxc_ast_visit::VisitMut<'a> for DropEmpty {
        fn visit_statements(&mut self, it: &mut oxc_allocator::Vec<'a, Statement<'a>>) {
            it.retain(|s| !matches!(s, Statement::EmptyStatement(_)));
            oxc_ast_visit::walk_mut::walk_statements(self, it);
        }
    }

    /// JavaScript printed compactly without comments or empty statements: equal for equal
    /// programs.
    fn normalized(code: &str) -> String {
        let allocator = Allocator::default();
        let mut ret = Parser::new(&allocator, code, SourceType::mjs()).parse();
        assert!(
            ret.diagnostics.errors().next().is_none(),
            "{code}: {:?}",
            ret.diagnostics.errors().next()
        );
        oxc_ast_visit::VisitMut::visit_program(&mut DropEmpty, &mut ret.program);
        Codegen::new()
            .with_options(CodegenOptions::minify())
            .build(&ret.program)
            .code
    }
}
