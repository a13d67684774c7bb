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
//! loop calls `internals.awaitReset()` once the job ends, so the next job does not inherit it.
//!
//! An `await` whose promise rejects throws instead of calling the resume, so a `try` statement
//! whose block awaits also captures the context on entry and puts it back first thing in its
//! `catch` and `finally` blocks:
//!
//! ```js
//! { const __ruskTry1 = __ruskAwaitCapture(); try { ... } catch (e) { __ruskAwaitResume(__ruskTry1); ... } }
//! ```
//!
//! (So an `enterWith` made in the `try` block before a synchronous throw is undone in its
//! `catch`.)
//!
//! The text is spliced in where the parser found each `await`; nothing else of the file
//! changes and no line breaks are added, so line numbers stay those of the file (columns after
//! an `await` on the same line move). `RUSK_NO_ASYNC_CONTEXT=1` turns the rewrite off.
//! Not covered: the implicit awaits of `for await` loops, and code compiled at run time
//! (`eval`, `new Function`, `vm`).

use oxc_ast::ast::{AwaitExpression, Program, TryStatement};
use oxc_ast_visit::{walk, Visit};
use oxc_span::GetSpan;

/// What is inserted before `await` (the capture is evaluated first) and after its operand.
const BEFORE: &str = "__ruskAwaitResume(__ruskAwaitCapture(), ";
const AFTER: &str = ")";

/// Whether loaded files get the rewrite (on unless `RUSK_NO_ASYNC_CONTEXT` is set non-empty).
pub(crate) fn enabled() -> bool {
    static ENABLED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("RUSK_NO_ASYNC_CONTEXT").is_none_or(|v| v.is_empty()))
}

/// The byte ranges of every `await` expression in `program`, and of its `try` statements: the
/// statement, its block, and where its `catch` and `finally` blocks open.
#[derive(Default)]
struct Awaits {
    spans: Vec<(u32, u32)>,
    tries: Vec<Try>,
}

struct Try {
    statement: (u32, u32),
    block: (u32, u32),
    /// The offsets of the `{` of the catch and finally blocks.
    handlers: Vec<u32>,
}

impl<'a> Visit<'a> for Awaits {
    fn visit_await_expression(&mut self, it: &AwaitExpression<'a>) {
        let span = it.span();
        self.spans.push((span.start, span.end));
        walk::walk_await_expression(self, it);
    }

    fn visit_try_statement(&mut self, it: &TryStatement<'a>) {
        let handlers = it
            .handler
            .iter()
            .map(|h| h.body.span.start)
            .chain(it.finalizer.iter().map(|f| f.span.start))
            .collect();
        self.tries.push(Try {
            statement: (it.span.start, it.span.end),
            block: (it.block.span.start, it.block.span.end),
            handlers,
        });
        walk::walk_try_statement(self, it);
    }
}

/// What an insertion closes, restores or opens: at one offset, closings come first, then
/// restores, then openings (so constructs nest).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Order {
    Close,
    Restore,
    Open,
}

/// `source` with every `await` wrapped (see the module docs), or `None` when it has none.
/// `program` is `source` parsed.
pub(crate) fn rewrite(source: &str, program: &Program<'_>) -> Option<String> {
    if !source.contains("await") {
        return None;
    }
    let mut awaits = Awaits::default();
    awaits.visit_program(program);
    if awaits.spans.is_empty() {
        return None;
    }
    // (offset, order, text). An `await` nested in another's operand starts later and ends no
    // later, so a stable sort puts the outer opening first and, at a shared end, the inner
    // closing first (both are ")").
    let mut inserts: Vec<(u32, Order, String)> = Vec::with_capacity(awaits.spans.len() * 2);
    let mut starts: Vec<u32> = awaits.spans.iter().map(|s| s.0).collect();
    starts.sort_unstable();
    for (start, end) in &awaits.spans {
        inserts.push((*start, Order::Open, BEFORE.to_string()));
        inserts.push((*end, Order::Close, AFTER.to_string()));
    }
    let mut count = 0;
    for t in &awaits.tries {
        // Only a `try` whose block awaits can catch a rejected `await`.
        let first_inside = starts.partition_point(|&s| s < t.block.0);
        if starts.get(first_inside).is_none_or(|&s| s >= t.block.1) {
            continue;
        }
        count += 1;
        let name = format!("__ruskTry{count}");
        let capture = format!("{{ const {name} = __ruskAwaitCapture(); ");
        inserts.push((t.statement.0, Order::Open, capture));
        inserts.push((t.statement.1, Order::Close, " }".to_string()));
        for &brace in &t.handlers {
            let restore = format!(" __ruskAwaitResume({name});");
            inserts.push((brace + 1, Order::Restore, restore));
        }
    }
    inserts.sort_by_key(|(at, order, _)| (*at, *order));
    let added: usize = inserts.iter().map(|i| i.2.len()).sum();
    let mut out = String::with_capacity(source.len() + added);
    let mut copied = 0usize;
    for (at, _, text) in inserts {
        let at = at as usize;
        // Spans are byte offsets of this source at char boundaries; anything else would be a
        // parser bug, and the file is then run as written.
        out.push_str(source.get(copied..at)?);
        out.push_str(&text);
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
        rewrite(source, &parsed.program)
    }

    #[test]
    fn wraps_each_await_and_keeps_the_rest() {
        assert_eq!(run("const a = 1;\nlet awaited = 'await';"), None);
        assert_eq!(
            run("async function f() {\n  return 1 + await g(2);\n}"),
            Some("async function f() {\n  return 1 + __ruskAwaitResume(__ruskAwaitCapture(), await g(2));\n}".into())
        );
    }

    #[test]
    fn nested_awaits_nest() {
        assert_eq!(
            run("await await x;"),
            Some("__ruskAwaitResume(__ruskAwaitCapture(), await __ruskAwaitResume(__ruskAwaitCapture(), await x));".into())
        );
        assert_eq!(
            run("async () => [await a, await (b + await c)]"),
            Some("async () => [__ruskAwaitResume(__ruskAwaitCapture(), await a), __ruskAwaitResume(__ruskAwaitCapture(), await (b + __ruskAwaitResume(__ruskAwaitCapture(), await c)))]".into())
        );
    }

    #[test]
    fn a_try_that_awaits_restores_in_catch_and_finally() {
        assert_eq!(
            run("async function f() {\n  try { await a; } catch (e) { b(); } finally { c(); }\n  try { d(); } catch {}\n}"),
            Some("async function f() {\n  { const __ruskTry1 = __ruskAwaitCapture(); try { __ruskAwaitResume(__ruskAwaitCapture(), await a); } catch (e) { __ruskAwaitResume(__ruskTry1); b(); } finally { __ruskAwaitResume(__ruskTry1); c(); } }\n  try { d(); } catch {}\n}".into())
        );
        // Labelled, and as the body of an `if`: still one statement.
        assert_eq!(
            run("async () => { if (x) l: try { await a; } finally {} }"),
            Some("async () => { if (x) l: { const __ruskTry1 = __ruskAwaitCapture(); try { __ruskAwaitResume(__ruskAwaitCapture(), await a); } finally { __ruskAwaitResume(__ruskTry1);} } }".into())
        );
    }

    #[test]
    fn non_ascii_text_around_awaits_is_kept() {
        assert_eq!(
            run("const é = async () => '✓' + await ü;"),
            Some(
                "const é = async () => '✓' + __ruskAwaitResume(__ruskAwaitCapture(), await ü);"
                    .into()
            )
        );
    }
}
