//! `*.classes.ts` → a tree of static literals (no JS is run).

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    Argument, ArrayExpressionElement, Expression, ObjectPropertyKind, PropertyKey, Statement,
};
use oxc_parser::Parser;
use oxc_span::{SourceType, Span};

use super::{Diagnostic, Pos};

/// A static value from a definition file.
#[derive(Debug, Clone)]
pub(crate) enum Lit {
    Str(String),
    Num(f64),
    Bool(bool),
    Null,
    Array(Vec<Node>),
    Object(Vec<Prop>),
}

impl Lit {
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Lit::Str(_) => "a string",
            Lit::Num(_) => "a number",
            Lit::Bool(_) => "a boolean",
            Lit::Null => "null",
            Lit::Array(_) => "an array",
            Lit::Object(_) => "an object",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub lit: Lit,
    pub pos: Pos,
}

#[derive(Debug, Clone)]
pub(crate) struct Prop {
    pub key: String,
    pub key_pos: Pos,
    pub value: Node,
}

struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    fn new(src: &str) -> Self {
        let mut starts = vec![0];
        for (i, b) in src.bytes().enumerate() {
            if b == b'\n' {
                starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
            }
        }
        LineIndex { starts }
    }
    fn pos(&self, offset: u32) -> Pos {
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.starts.get(line).copied().unwrap_or(0);
        Pos {
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            col: offset.saturating_sub(start) + 1,
        }
    }
}

struct Walker<'s> {
    file: &'s str,
    lines: LineIndex,
    diags: Vec<Diagnostic>,
}

impl Walker<'_> {
    fn pos(&self, span: Span) -> Pos {
        self.lines.pos(span.start)
    }
    fn error(&mut self, span: Span, message: String) {
        let pos = self.pos(span);
        self.diags.push(Diagnostic {
            file: self.file.to_string(),
            pos,
            context: None,
            message,
        });
    }

    fn expr(&mut self, e: &Expression<'_>) -> Option<Node> {
        let span = oxc_span::GetSpan::span(e);
        let pos = self.pos(span);
        let lit = match e {
            Expression::StringLiteral(s) => Lit::Str(s.value.as_str().to_string()),
            Expression::NumericLiteral(n) => Lit::Num(n.value),
            Expression::BooleanLiteral(b) => Lit::Bool(b.value),
            Expression::NullLiteral(_) => Lit::Null,
            Expression::TemplateLiteral(t) if t.expressions.is_empty() => {
                let mut s = String::new();
                for q in &t.quasis {
                    match &q.value.cooked {
                        Some(c) => s.push_str(c.as_str()),
                        None => s.push_str(q.value.raw.as_str()),
                    }
                }
                Lit::Str(s)
            }
            Expression::UnaryExpression(u)
                if u.operator == oxc_ast::ast::UnaryOperator::UnaryNegation
                    && matches!(u.argument, Expression::NumericLiteral(_)) =>
            {
                match &u.argument {
                    Expression::NumericLiteral(n) => Lit::Num(-n.value),
                    _ => Lit::Null,
                }
            }
            Expression::ParenthesizedExpression(p) => return self.expr(&p.expression),
            Expression::TSAsExpression(a) => return self.expr(&a.expression),
            Expression::TSSatisfiesExpression(a) => return self.expr(&a.expression),
            Expression::ArrayExpression(a) => {
                let mut items = Vec::new();
                for el in &a.elements {
                    match el {
                        ArrayExpressionElement::SpreadElement(s) => {
                            self.error(
                                s.span,
                                "spread elements are not allowed (definitions must be static)"
                                    .into(),
                            );
                        }
                        ArrayExpressionElement::Elision(s) => {
                            self.error(s.span, "array holes are not allowed".into());
                        }
                        other => {
                            if let Some(e) = other.as_expression() {
                                if let Some(n) = self.expr(e) {
                                    items.push(n);
                                }
                            }
                        }
                    }
                }
                Lit::Array(items)
            }
            Expression::ObjectExpression(o) => {
                let mut props = Vec::new();
                for p in &o.properties {
                    match p {
                        ObjectPropertyKind::SpreadProperty(s) => {
                            self.error(
                                s.span,
                                "spread properties are not allowed (definitions must be static)"
                                    .into(),
                            );
                        }
                        ObjectPropertyKind::ObjectProperty(p) => {
                            if p.method || p.shorthand || p.kind != oxc_ast::ast::PropertyKind::Init
                            {
                                self.error(p.span, "only `key: value` properties are allowed (definitions must be static)".into());
                                continue;
                            }
                            let key = match &p.key {
                                PropertyKey::StaticIdentifier(id) => {
                                    Some(id.name.as_str().to_string())
                                }
                                PropertyKey::StringLiteral(s) => Some(s.value.as_str().to_string()),
                                PropertyKey::NumericLiteral(n) => Some(n.value.to_string()),
                                _ => None,
                            };
                            let Some(key) = key else {
                                self.error(p.span, "computed property keys are not allowed (definitions must be static)".into());
                                continue;
                            };
                            let key_pos = self.pos(oxc_span::GetSpan::span(&p.key));
                            if let Some(value) = self.expr(&p.value) {
                                props.push(Prop {
                                    key,
                                    key_pos,
                                    value,
                                });
                            }
                        }
                    }
                }
                Lit::Object(props)
            }
            Expression::CallExpression(c) if c.callee.is_specific_id("define") => {
                if c.arguments.len() != 1 {
                    self.error(c.span, "`define` takes exactly one object literal".into());
                    return None;
                }
                match &c.arguments[0] {
                    Argument::SpreadElement(s) => {
                        self.error(s.span, "spread arguments are not allowed".into());
                        return None;
                    }
                    other => return other.as_expression().and_then(|e| self.expr(e)),
                }
            }
            _ => {
                self.error(
                    span,
                    "non-static expression: only string/number/boolean/null literals, arrays, objects and `define({...})` are allowed".into(),
                );
                return None;
            }
        };
        Some(Node { lit, pos })
    }
}

/// Parse `source` and return the array exported by default, as static literals.
pub(crate) fn parse_file(file: &str, source: &str) -> Result<Vec<Node>, Vec<Diagnostic>> {
    let allocator = Allocator::default();
    let source_type = SourceType::ts().with_module(true);
    let ret = Parser::new(&allocator, source, source_type).parse();
    let mut w = Walker {
        file,
        lines: LineIndex::new(source),
        diags: Vec::new(),
    };
    if ret.panicked || ret.diagnostics.has_errors() {
        for d in ret.diagnostics.errors() {
            let offset = d.labels.first().map(|l| l.offset()).unwrap_or(0);
            let pos = w.lines.pos(offset);
            w.diags.push(Diagnostic {
                file: file.to_string(),
                pos,
                context: None,
                message: format!("syntax error: {}", d.message),
            });
        }
        if w.diags.is_empty() {
            w.diags.push(Diagnostic {
                file: file.to_string(),
                pos: Pos { line: 1, col: 1 },
                context: None,
                message: "syntax error".into(),
            });
        }
        return Err(w.diags);
    }
    let mut result = None;
    for stmt in &ret.program.body {
        match stmt {
            Statement::ImportDeclaration(_) => {}
            Statement::ExportDefaultDeclaration(d) => {
                if result.is_some() {
                    w.error(d.span, "more than one `export default`".into());
                    continue;
                }
                match d.declaration.as_expression() {
                    Some(e) => match w.expr(e) {
                        Some(Node {
                            lit: Lit::Array(items),
                            ..
                        }) => result = Some(items),
                        Some(n) => {
                            let kind = n.lit.kind();
                            w.error(d.span, format!("`export default` must be an array of `define({{...}})`, found {kind}"));
                            result = Some(Vec::new());
                        }
                        None => result = Some(Vec::new()),
                    },
                    None => {
                        w.error(
                            d.span,
                            "`export default` must be an array of `define({...})`".into(),
                        );
                        result = Some(Vec::new());
                    }
                }
            }
            other => {
                let span = oxc_span::GetSpan::span(other);
                w.error(
                    span,
                    "only `import` declarations and one `export default [...]` are allowed".into(),
                );
            }
        }
    }
    if result.is_none() && w.diags.is_empty() {
        w.diags.push(Diagnostic {
            file: file.to_string(),
            pos: Pos { line: 1, col: 1 },
            context: None,
            message: "no `export default [ define({...}), ... ]` found".into(),
        });
    }
    if !w.diags.is_empty() {
        return Err(w.diags);
    }
    Ok(result.unwrap_or_default())
}

/// Check the source of a `builtin` member at build time: it must parse (as JavaScript) to one
/// `function` expression — not an arrow function, which has no `this` of its own and so cannot
/// act as a method. The engine compiles it again when the class is registered.
pub(crate) fn check_builtin(source: &str) -> Result<(), String> {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, SourceType::cjs()).parse_expression();
    let expr = match parsed {
        Ok(expr) => expr,
        Err(diags) => {
            let message = diags
                .first()
                .map(|d| d.message.to_string())
                .unwrap_or_else(|| "syntax error".into());
            return Err(format!("the `builtin` source does not parse: {message}"));
        }
    };
    match expr.without_parentheses() {
        Expression::FunctionExpression(_) => Ok(()),
        Expression::ArrowFunctionExpression(_) => Err("a `builtin` must be a `function` expression: an arrow function has no `this` of its own".into()),
        _ => Err("a `builtin` must be a `function` expression, like \"function (a, b) { return a + b }\"".into()),
    }
}
