//! The messages of the problems TOML semantics finds: keys and tables defined twice, keys
//! added to values, and what TOML 1.1 allows that 1.0 does not. Each names the key as written
//! and the line where it was defined first.

use std::ops::Range;

use toml_parser::Span;

use super::build::{range, Key};
use super::{Entry, Origin, SyntaxError, Value};
use crate::diagnostic::line_column;

/// The text of `keys[..=n]` as written (`a . "b"`), shortened for a message.
fn written(source: &str, keys: &[Key<'_>], n: usize) -> String {
    let (Some(first), Some(last)) = (keys.first(), keys.get(n)) else {
        return String::new();
    };
    let text = source
        .get(first.span.start..last.span.end)
        .unwrap_or_default();
    let mut out: String = text
        .chars()
        .take(80)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().count() > 80 {
        out.push('…');
    }
    out
}

fn line(source: &str, span: &Range<usize>) -> usize {
    line_column(source, span.start).0
}

pub(super) fn error(message: String, help: impl Into<String>, span: Range<usize>) -> SyntaxError {
    SyntaxError {
        message,
        help: help.into(),
        span,
    }
}

/// The key `keys` names is already defined.
pub(super) fn duplicate(source: &str, keys: &[Key<'_>], existing: &Entry<'_>) -> SyntaxError {
    let n = keys.len().saturating_sub(1);
    error(
        format!(
            "duplicate key `{}`: it is already defined on line {}",
            written(source, keys, n),
            line(source, &existing.key_span)
        ),
        "define each key once: remove one of them, or rename it",
        keys.get(n).map_or(0..0, |k| k.span.clone()),
    )
}

/// `keys[..=n]` is a value, not a table that keys or headers can add to.
pub(super) fn not_a_table(
    source: &str,
    keys: &[Key<'_>],
    n: usize,
    existing: &Entry<'_>,
    header: bool,
) -> SyntaxError {
    let inline = matches!(&existing.item.value, Value::Table(t) if t.origin == Origin::Inline);
    let kind = if inline {
        "an inline table"
    } else {
        existing.item.kind()
    };
    let full = written(source, keys, keys.len().saturating_sub(1));
    let full = if header { format!("[{full}]") } else { full };
    let help = if inline {
        "write every key of an inline table inside its braces"
    } else {
        "rename one of the keys"
    };
    error(
        format!(
            "`{full}` cannot add to `{}`: it is {kind} (line {}), not a table",
            written(source, keys, n),
            line(source, &existing.key_span)
        ),
        help,
        keys.get(n).map_or(0..0, |k| k.span.clone()),
    )
}

/// A dotted key adds to a table that headers define.
pub(super) fn header_table(
    source: &str,
    keys: &[Key<'_>],
    n: usize,
    existing: &Range<usize>,
) -> SyntaxError {
    let table = written(source, keys, n);
    error(
        format!(
            "the dotted key `{}` adds to `{table}`, a table defined by a header (line {})",
            written(source, keys, keys.len().saturating_sub(1)),
            line(source, existing)
        ),
        format!("write the key under the header of `{table}` instead"),
        keys.get(n).map_or(0..0, |k| k.span.clone()),
    )
}

/// A header defines a table, or an array of tables, that is already defined.
pub(super) fn redefined(
    source: &str,
    keys: &[Key<'_>],
    array: bool,
    existing: &Entry<'_>,
    span: Range<usize>,
) -> SyntaxError {
    let name = written(source, keys, keys.len().saturating_sub(1));
    let at = line(source, &existing.key_span);
    let (message, help) = match &existing.item.value {
        _ if array => (
            format!(
                "`[[{name}]]` cannot add to `{name}`: it is {} (line {at}), not an array of tables",
                existing.item.kind()
            ),
            format!("an array of tables is written only as `[[{name}]]` sections"),
        ),
        Value::Table(t) if t.origin == Origin::Header => (
            format!("table `[{name}]` is defined twice (first on line {at})"),
            "write all keys of the table under one header".to_owned(),
        ),
        Value::Table(t) if t.origin == Origin::Dotted => (
            format!("table `[{name}]` is already defined by dotted keys on line {at}"),
            "write its keys either under the header or as dotted keys, not both".to_owned(),
        ),
        Value::Array(a) if a.of_tables => (
            format!("`[{name}]` redefines the array of tables `[[{name}]]` of line {at}"),
            format!("write `[[{name}]]` to add an element"),
        ),
        _ => (
            format!(
                "`[{name}]` redefines `{name}`, already {} (line {at})",
                existing.item.kind()
            ),
            "define each key once: remove one of them, or rename it".to_owned(),
        ),
    };
    error(message, help, span)
}

/// TOML 1.1 allows line breaks and comments in inline tables; TOML 1.0 does not.
pub(super) fn one_line(what: &str, span: Span) -> SyntaxError {
    error(
        format!("{what} inside an inline table"),
        "TOML 1.0 writes an inline table on one line: close its braces on this line, \
         or write the table as a `[section]`",
        range(span),
    )
}
