//! Async context across `await`: the source rewrite that lets `AsyncLocalStorage` (and
//! anything else on the Node layer's async context) see, after an `await`, the context the
//! code had before it.
//!
//! QuickJS-ng resumes an `await` from its own promise job and tells the host nothing (its
//! promise hook fires around thenable jobs only), so the context cannot be restored from
//! outside. Instead every `await E` in a loaded file becomes
//!
//! ```js
//! __ruskAwaitResume(__ruskAwaitCapture(), await E)
//! ```
//!
//! Arguments are evaluated left to right, so the capture runs before the function suspends and
//! its result waits on the engine's stack; the resume runs first thing when the function
//! continues, puts that context back and passes the awaited value through. The two globals are
//! no-ops (`undefined`, identity) until `node:async_hooks` is first used; then the resume also
//! reports through `internals.awaitDirty()` that the job left a context current, and the event
//! loop calls its reset (given to `internals.setAwaitReset`) once the job ends, so the next job
//! does not inherit it.
//!
//! An `await` whose promise rejects throws instead of calling the resume, so a `try` statement
//! whose block awaits also captures the context on entry and puts it back first thing in its
//! `catch` and `finally` blocks:
//!
//! ```js
//! { const __ruskContext1 = __ruskAwaitCapture(); try { ... } catch (e) { __ruskAwaitResume(__ruskContext1); ... } }
//! ```
//!
//! (So an `enterWith` made in the `try` block before a synchronous throw is undone in its
//! `catch`.) A `for await` loop, whose awaits are implicit, gets the same block around it and
//! a restore at the top of its body and after it:
//!
//! ```js
//! { const __ruskContext2 = __ruskAwaitCapture(); for await (const x of xs) { __ruskAwaitResume(__ruskContext2); ... } __ruskAwaitResume(__ruskContext2); }
//! ```
//!
//! The text is spliced in where the parser found each `await`; nothing else of the file
//! changes and no line breaks are added, so line numbers stay those of the file (columns after
//! an `await` on the same line move). Every piece inserted has a fixed form (closings carry a
//! `/*rusk*/` comment), so rusk's `Function.prototype.toString` removes them all and shows the
//! function as written: code that sends a function's text elsewhere (a browser's `evaluate`,
//! a worker) gets the original. [`UNDO_PATTERN`] matches exactly the inserted pieces.
//!
//! rusk's loader rewrites every file it loads (unless `RUSK_NO_ASYNC_CONTEXT=1`), and the build
//! scripts that compile rusk's built-in JS modules to bytecode rewrite those. Not covered: code
//! compiled at run time (`eval`, `new Function`, `vm`).

use oxc_ast::ast::{
    AwaitExpression, ForOfStatement, LabeledStatement, Program, Statement, TryStatement,
};
use oxc_ast_visit::{walk, Visit};
use oxc_span::GetSpan;

/// What is inserted before `await` (the capture is evaluated first) and after its operand.
const BEFORE: &str = "__ruskAwaitResume(__ruskAwaitCapture(), ";
const AFTER: &str = "/*rusk*/)";
/// What closes a block the rewrite opened.
const BLOCK_END: &str = " /*rusk*/}";

/// A JavaScript regular expression (for a global `replace` with `""`) matching every piece the
/// rewrite inserts, and nothing else it could meet in a rewritten source unless the source
/// already had that text. rusk's `Function.prototype.toString` uses it.
pub const UNDO_PATTERN: &str = r"__ruskAwaitResume\(__ruskAwaitCapture\(\), |\/\*rusk\*\/\)|\{ const __ruskContext\d+ = __ruskAwaitCapture\(\); |\{\/\*rusk\*\/ __ruskAwaitResume\(__ruskContext\d+\); | __ruskAwaitResume\(__ruskContext\d+\);| \/\*rusk\*\/\}";

/// What the rewrite changes, found in one walk of the program (in source order, outer before
/// inner).
#[derive(Default)]
struct Found {
    awaits: Vec<(u32, u32)>,
    /// `try` statements: the statement, its block, and the `{` of its catch and finally blocks.
    tries: Vec<(usize, Try)>,
    /// `for await` loops: the statement (from its outermost label), and its body.
    loops: Vec<(usize, Loop)>,
    /// `for await` loops by start, to the start of the labels in front of them.
    labelled: Vec<(u32, u32)>,
    /// How many constructs were seen (their order breaks ties between equal spans).
    seen: usize,
}

struct Try {
    statement: (u32, u32),
    block: (u32, u32),
    handlers: Vec<(u32, u32)>,
}

struct Loop {
    statement: (u32, u32),
    body: (u32, u32),
    body_is_block: bool,
}

impl Found {
    fn next_index(&mut self) -> usize {
        self.seen += 1;
        self.seen
    }
}

impl<'a> Visit<'a> for Found {
    fn visit_await_expression(&mut self, it: &AwaitExpression<'a>) {
        let span = it.span();
        self.awaits.push((span.start, span.end));
        walk::walk_await_expression(self, it);
    }

    fn visit_try_statement(&mut self, it: &TryStatement<'a>) {
        let handlers = it
            .handler
            .iter()
            .map(|h| (h.body.span.start, h.body.span.end))
            .chain(it.finalizer.iter().map(|f| (f.span.start, f.span.end)))
            .collect();
        let index = self.next_index();
        // Handler restores are ordered as constructs of their own, after the statement's.
        self.seen += 2;
        self.tries.push((
            index,
            Try {
                statement: (it.span.start, it.span.end),
                block: (it.block.span.start, it.block.span.end),
                handlers,
            },
        ));
        walk::walk_try_statement(self, it);
    }

    fn visit_labeled_statement(&mut self, it: &LabeledStatement<'a>) {
        // `l: for await ...`: the block that captures goes around the labels, or `continue l`
        // would name a block.
        let mut body = &it.body;
        while let Statement::LabeledStatement(inner) = body {
            body = &inner.body;
        }
        if let Statement::ForOfStatement(f) = body {
            if f.r#await && !self.labelled.iter().any(|&(at, _)| at == f.span.start) {
                self.labelled.push((f.span.start, it.span.start));
            }
        }
        walk::walk_labeled_statement(self, it);
    }

    fn visit_for_of_statement(&mut self, it: &ForOfStatement<'a>) {
        if it.r#await {
            let start = self
                .labelled
                .iter()
                .find(|&&(at, _)| at == it.span.start)
                .map_or(it.span.start, |&(_, label)| label);
            let body = it.body.span();
            let index = self.next_index();
            self.seen += 1;
            self.loops.push((
                index,
                Loop {
                    statement: (start, it.span.end),
                    body: (body.start, body.end),
                    body_is_block: matches!(it.body, Statement::BlockStatement(_)),
                },
            ));
        }
        walk::walk_for_of_statement(self, it);
    }
}

/// Text to insert for one construct: `open` at `start`, `close` at `end` (either may be empty).
struct Construct {
    start: u32,
    end: u32,
    /// Source order: an outer construct has a smaller one than an inner with the same span.
    index: usize,
    open: String,
    close: String,
}

/// Sort key of an insertion: (offset, 0 for a closing / 1 for an opening, then what orders
/// constructs that close or open at the same offset).
type InsertOrder = (u32, u8, u32, usize);

/// [`rewrite`] for a source not parsed yet (parsed here as an ES module). `None` when it has
/// no `await`, or does not parse.
pub fn rewrite_source(source: &str) -> Option<String> {
    if !source.contains("await") {
        return None;
    }
    let allocator = oxc_allocator::Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, source, oxc_span::SourceType::mjs()).parse();
    if parsed.diagnostics.errors().next().is_some() {
        return None;
    }
    rewrite(source, &parsed.program)
}

/// `source` with every `await` wrapped (see the crate docs), or `None` when it has none.
/// `program` is `source` parsed.
pub fn rewrite(source: &str, program: &Program<'_>) -> Option<String> {
    if !source.contains("await") {
        return None;
    }
    let mut found = Found::default();
    found.visit_program(program);
    if found.awaits.is_empty() && found.loops.is_empty() {
        return None;
    }
    let mut constructs: Vec<Construct> = Vec::new();
    // Where something awaits: `await` expressions and `for await` loops.
    let mut waits: Vec<u32> = found.awaits.iter().map(|a| a.0).collect();
    waits.extend(found.loops.iter().map(|(_, l)| l.statement.0));
    waits.sort_unstable();
    for (i, &(start, end)) in found.awaits.iter().enumerate() {
        // Awaits sit in the index space after every statement construct; among themselves
        // source order is nesting order.
        constructs.push(Construct {
            start,
            end,
            index: found.seen + 1 + i,
            open: BEFORE.into(),
            close: AFTER.into(),
        });
    }
    let mut count = 0;
    let mut name = || {
        count += 1;
        format!("__ruskContext{count}")
    };
    let restore = |name: &str| format!(" __ruskAwaitResume({name});");
    for (index, t) in &found.tries {
        // Only a `try` whose block awaits can catch a rejected `await`.
        let first_inside = waits.partition_point(|&w| w < t.block.0);
        if waits.get(first_inside).is_none_or(|&w| w >= t.block.1) {
            continue;
        }
        let name = name();
        constructs.push(Construct {
            start: t.statement.0,
            end: t.statement.1,
            index: *index,
            open: format!("{{ const {name} = __ruskAwaitCapture(); "),
            close: BLOCK_END.into(),
        });
        for (k, &(brace, end)) in t.handlers.iter().enumerate() {
            constructs.push(Construct {
                start: brace + 1,
                end,
                index: index + 1 + k,
                open: restore(&name),
                close: String::new(),
            });
        }
    }
    for (index, l) in &found.loops {
        let name = name();
        // After the loop too: its last `next()` (or `return()` on `break`) awaited.
        constructs.push(Construct {
            start: l.statement.0,
            end: l.statement.1,
            index: *index,
            open: format!("{{ const {name} = __ruskAwaitCapture(); "),
            close: format!("{}{BLOCK_END}", restore(&name)),
        });
        let (start, open, close) = if l.body_is_block {
            (l.body.0 + 1, restore(&name), String::new())
        } else {
            (
                l.body.0,
                format!("{{/*rusk*/{} ", restore(&name)),
                BLOCK_END.into(),
            )
        };
        constructs.push(Construct {
            start,
            end: l.body.1,
            index: index + 1,
            open,
            close,
        });
    }
    // At one offset, closings come first, innermost first; then openings, outermost first.
    let mut inserts: Vec<(InsertOrder, &str)> = Vec::with_capacity(constructs.len() * 2);
    for c in &constructs {
        if !c.open.is_empty() {
            inserts.push(((c.start, 1, u32::MAX - c.end, c.index), &c.open));
        }
        if !c.close.is_empty() {
            inserts.push((
                (c.end, 0, u32::MAX - c.start, usize::MAX - c.index),
                &c.close,
            ));
        }
    }
    inserts.sort_by_key(|&(key, _)| key);
    let added: usize = inserts.iter().map(|i| i.1.len()).sum();
    let mut out = String::with_capacity(source.len() + added);
    let mut copied = 0usize;
    for ((at, ..), text) in inserts {
        let at = at as usize;
        // Spans are byte offsets of this source at char boundaries; anything else would be a
        // parser bug, and the file is then run as written.
        out.push_str(source.get(copied..at)?);
        out.push_str(text);
        copied = at;
    }
    out.push_str(source.get(copied..)?);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxc_allocator::Allocator;
    use oxc_parser::Parser;
    use oxc_span::SourceType;

    fn run(source: &str) -> Option<String> {
        let allocator = Allocator::default();
        let parsed = Parser::new(&allocator, source, SourceType::mjs()).parse();
        assert!(parsed.diagnostics.errors().next().is_none());
        let out = rewrite(source, &parsed.program);
        if let Some(out) = &out {
            // What is inserted is exactly what `UNDO_PATTERN` takes out.
            assert_eq!(undo(out), source, "undo of {out}");
        }
        out
    }

    /// `UNDO_PATTERN`'s alternatives, matched by hand (the crate has no regex engine).
    fn undo(text: &str) -> String {
        let fixed = [BEFORE, AFTER, BLOCK_END];
        // (prefix, suffix) around the context variable's number.
        let numbered = [
            ("{ const __ruskContext", " = __ruskAwaitCapture(); "),
            ("{/*rusk*/ __ruskAwaitResume(__ruskContext", "); "),
            (" __ruskAwaitResume(__ruskContext", ");"),
        ];
        let mut out = String::new();
        let mut rest = text;
        'scan: while !rest.is_empty() {
            for f in fixed {
                if let Some(after) = rest.strip_prefix(f) {
                    rest = after;
                    continue 'scan;
                }
            }
            for (prefix, suffix) in numbered {
                if let Some(after) = rest.strip_prefix(prefix) {
                    let digits =
                        after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                    if digits > 0 {
                        if let Some(after) = after[digits..].strip_prefix(suffix) {
                            rest = after;
                            continue 'scan;
                        }
                    }
                }
            }
            let c = rest.chars().next().unwrap_or_default();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
        out
    }

    #[test]
    fn wraps_each_await_and_keeps_the_rest() {
        assert_eq!(run("const a = 1;\nlet awaited = 'await';"), None);
        assert_eq!(
            run("async function f() {\n  return 1 + await g(2);\n}"),
            Some("async function f() {\n  return 1 + __ruskAwaitResume(__ruskAwaitCapture(), await g(2)/*rusk*/);\n}".into())
        );
    }

    #[test]
    fn nested_awaits_nest() {
        assert_eq!(
            run("await await x;"),
            Some("__ruskAwaitResume(__ruskAwaitCapture(), await __ruskAwaitResume(__ruskAwaitCapture(), await x/*rusk*/)/*rusk*/);".into())
        );
        assert_eq!(
            run("async () => [await a, await (b + await c)]"),
            Some("async () => [__ruskAwaitResume(__ruskAwaitCapture(), await a/*rusk*/), __ruskAwaitResume(__ruskAwaitCapture(), await (b + __ruskAwaitResume(__ruskAwaitCapture(), await c/*rusk*/))/*rusk*/)]".into())
        );
    }

    #[test]
    fn a_try_that_awaits_restores_in_catch_and_finally() {
        assert_eq!(
            run("async function f() {\n  try { await a; } catch (e) { b(); } finally { c(); }\n  try { d(); } catch {}\n}"),
            Some("async function f() {\n  { const __ruskContext1 = __ruskAwaitCapture(); try { __ruskAwaitResume(__ruskAwaitCapture(), await a/*rusk*/); } catch (e) { __ruskAwaitResume(__ruskContext1); b(); } finally { __ruskAwaitResume(__ruskContext1); c(); } /*rusk*/}\n  try { d(); } catch {}\n}".into())
        );
        // Labelled, and as the body of an `if`: still one statement.
        assert_eq!(
            run("async () => { if (x) l: try { await a; } finally {} }"),
            Some("async () => { if (x) l: { const __ruskContext1 = __ruskAwaitCapture(); try { __ruskAwaitResume(__ruskAwaitCapture(), await a/*rusk*/); } finally { __ruskAwaitResume(__ruskContext1);} /*rusk*/} }".into())
        );
    }

    #[test]
    fn for_await_loops_restore_in_their_body_and_after() {
        assert_eq!(
            run("for await (const x of xs) { f(x); }"),
            Some("{ const __ruskContext1 = __ruskAwaitCapture(); for await (const x of xs) { __ruskAwaitResume(__ruskContext1); f(x); } __ruskAwaitResume(__ruskContext1); /*rusk*/}".into())
        );
        // A body that is not a block gets one; labels stay on the loop, inside the block.
        assert_eq!(
            run("outer: for await (const x of xs) if (x) continue outer;"),
            Some("{ const __ruskContext1 = __ruskAwaitCapture(); outer: for await (const x of xs) {/*rusk*/ __ruskAwaitResume(__ruskContext1); if (x) continue outer; /*rusk*/} __ruskAwaitResume(__ruskContext1); /*rusk*/}".into())
        );
        // A body that is a `try` which awaits: both blocks nest.
        assert_eq!(
            run("for await (x of xs) try { await x } finally {}"),
            Some("{ const __ruskContext2 = __ruskAwaitCapture(); for await (x of xs) {/*rusk*/ __ruskAwaitResume(__ruskContext2); { const __ruskContext1 = __ruskAwaitCapture(); try { __ruskAwaitResume(__ruskAwaitCapture(), await x/*rusk*/) } finally { __ruskAwaitResume(__ruskContext1);} /*rusk*/} /*rusk*/} __ruskAwaitResume(__ruskContext2); /*rusk*/}".into())
        );
        // A `try` around a `for await` counts as one that awaits.
        assert!(run("try { for await (x of xs); } catch {}").is_some_and(
            |out| out.starts_with("{ const __ruskContext1 = __ruskAwaitCapture(); try {")
        ));
        // A plain `for of` is left alone.
        assert_eq!(run("for (const x of xs) f(x);"), None);
    }

    #[test]
    fn non_ascii_text_around_awaits_is_kept() {
        assert_eq!(
            run("const é = async () => '✓' + await ü;"),
            Some("const é = async () => '✓' + __ruskAwaitResume(__ruskAwaitCapture(), await ü/*rusk*/);".into())
        );
    }

    #[test]
    fn rewrite_source_parses_and_declines() {
        assert_eq!(rewrite_source("let x = 1;"), None);
        assert_eq!(rewrite_source("await (;"), None);
        assert!(rewrite_source("await x;").is_some());
    }
}
