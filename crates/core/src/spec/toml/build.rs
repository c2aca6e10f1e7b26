//! Builds the document from the events of `toml_parser`, the lexer and parser of the toml-rs
//! project (the parser newer `toml_edit` releases are built on), with the semantics of TOML
//! 1.0: where a key may be defined, what a header may open, and what TOML 1.1 added that 1.0
//! does not allow (line breaks, comments and a trailing comma in an inline table).
//!
//! Reading stops at the first problem: after it, the parser's recovery may make up keys and
//! values that were never written.

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;

use toml_parser::decoder::Encoding;
use toml_parser::parser::{parse_document, EventReceiver};
use toml_parser::{ErrorSink, ParseError, Raw, Source, Span};

use super::messages::{duplicate, error, header_table, not_a_table, one_line, redefined};
use super::scalar::{self, Failure};
use super::{Array, Entry, Item, Origin, SyntaxError, Table, Value, MAX_DEPTH};

const SYNTAX_HELP: &str = "fix the TOML syntax at this position";

/// Reads a TOML 1.0 document: its top-level table, or its first problem.
pub(crate) fn parse(source: &str) -> Result<Table<'_>, SyntaxError> {
    let tokens = Source::new(source).lex().into_vec();
    let first = RefCell::new(None);
    let mut builder = Builder {
        source,
        first: &first,
        root: Item::new(Value::Table(Table::new(Origin::Root)), None),
        current: Vec::new(),
        keys: Vec::new(),
        header: None,
        stack: Vec::new(),
    };
    let mut sink = Sink {
        source,
        first: &first,
    };
    parse_document(&tokens, &mut builder, &mut sink);
    let root = builder.root;
    if !builder.stack.is_empty() {
        sink.report(broken());
    }
    match (first.into_inner(), root.value) {
        (Some(e), _) => Err(e),
        (None, Value::Table(t)) => Ok(t),
        (None, _) => Err(broken()),
    }
}

/// Keeps the first problem reported, by the parser or by the builder.
struct Sink<'a> {
    source: &'a str,
    first: &'a RefCell<Option<SyntaxError>>,
}

impl Sink<'_> {
    fn report(&self, e: SyntaxError) {
        let mut first = self.first.borrow_mut();
        if first.is_none() {
            *first = Some(SyntaxError {
                span: visible(self.source, e.span.clone()),
                ..e
            });
        }
    }
}

impl ErrorSink for Sink<'_> {
    fn report_error(&mut self, error: ParseError) {
        if self.first.borrow().is_some() {
            return;
        }
        let span = error
            .unexpected()
            .or(error.context())
            .map_or(0..0, |s| s.start()..s.end());
        let message = error
            .description()
            .lines()
            .next()
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .unwrap_or("invalid TOML");
        // The parser's words where they say less than the problem.
        let message = match message {
            "missing escaped value" => "invalid escape sequence",
            "invalid value" => "invalid unicode escape",
            m => m,
        };
        self.report(SyntaxError {
            message: message.to_owned(),
            help: SYNTAX_HELP.to_owned(),
            span,
        });
    }
}

/// An empty span widened to the character at its place, so that there is something to point
/// at.
fn visible(source: &str, span: Range<usize>) -> Range<usize> {
    if !span.is_empty() {
        return span;
    }
    match source
        .get(span.start..)
        .and_then(|rest| rest.chars().next())
    {
        Some(c) => span.start..span.start + c.len_utf8(),
        None => span,
    }
}

/// A state the parser's events should never lead to; reported rather than trusted.
fn broken() -> SyntaxError {
    SyntaxError {
        message: "invalid TOML".to_owned(),
        help: SYNTAX_HELP.to_owned(),
        span: 0..0,
    }
}

pub(super) fn range(span: Span) -> Range<usize> {
    span.start()..span.end()
}

/// A part of a key, decoded, and where it is written.
pub(super) struct Key<'s> {
    pub(super) name: Cow<'s, str>,
    pub(super) span: Range<usize>,
}

impl<'s> Entry<'s> {
    fn new(key: &Key<'s>, item: Item<'s>) -> Self {
        Entry {
            key: key.name.clone(),
            key_span: key.span.clone(),
            item,
        }
    }
}

/// An array or inline table being read.
enum Frame<'s> {
    Array {
        items: Vec<Item<'s>>,
        start: usize,
        depth: usize,
    },
    Inline {
        table: Table<'s>,
        start: usize,
        depth: usize,
        /// Where the keys of its entries start in the key stack.
        base: usize,
        /// Where the last comma is, until a key follows it.
        comma: Option<usize>,
    },
}

struct Builder<'s, 'a> {
    source: &'s str,
    first: &'a RefCell<Option<SyntaxError>>,
    root: Item<'s>,
    /// Entry positions from the root to the table of the last header; an array of tables
    /// stands for its last element.
    current: Vec<usize>,
    /// The keys being read or whose values are being read: the key of the top-level
    /// key-value pair, then those of the entries of the inline tables around the value.
    keys: Vec<Key<'s>>,
    /// The header being read: whether it is `[[…]]`, and where it starts.
    header: Option<(bool, usize)>,
    /// The arrays and inline tables being read, innermost last.
    stack: Vec<Frame<'s>>,
}

impl<'s> Builder<'s, '_> {
    fn failed(&self) -> bool {
        self.first.borrow().is_some()
    }

    fn fail(&self, e: SyntaxError) {
        Sink {
            source: self.source,
            first: self.first,
        }
        .report(e);
    }

    fn failure(&self, f: Failure) {
        self.fail(f.unwrap_or_else(broken));
    }

    /// The depth of the next value: the number of tables and arrays around it.
    fn depth(&self) -> usize {
        if self.header.is_some() {
            return self.keys.len();
        }
        match self.stack.last() {
            None => self.current.len() + self.keys.len(),
            Some(Frame::Array { depth, .. }) => depth + 1,
            Some(Frame::Inline { depth, base, .. }) => {
                depth + self.keys.len().saturating_sub(*base)
            }
        }
    }

    fn too_deep(&self, span: Span) -> bool {
        if self.depth() < MAX_DEPTH {
            return false;
        }
        self.fail(SyntaxError {
            message: format!("the document nests deeper than {MAX_DEPTH} levels"),
            help: format!(
                "trinocfg reads tables, arrays and keys nested at most {MAX_DEPTH} levels deep"
            ),
            span: range(span),
        });
        true
    }

    fn open(&mut self, span: Span, inline: bool) -> bool {
        if self.failed() || self.too_deep(span) {
            return false;
        }
        let (start, depth) = (span.start(), self.depth());
        self.stack.push(if inline {
            Frame::Inline {
                table: Table::new(Origin::Inline),
                start,
                depth,
                base: self.keys.len(),
                comma: None,
            }
        } else {
            Frame::Array {
                items: Vec::new(),
                start,
                depth,
            }
        });
        true
    }

    /// A value is complete: it goes into the array or inline table being read, or under the
    /// key of the top-level key-value pair.
    fn attach(&mut self, item: Item<'s>) {
        let source = self.source;
        let mut keys = std::mem::take(&mut self.keys);
        let result = match self.stack.last_mut() {
            Some(Frame::Array { items, .. }) => {
                items.push(item);
                Ok(())
            }
            Some(Frame::Inline {
                table, base, comma, ..
            }) => {
                *comma = None;
                let base = *base;
                let result =
                    insert_inline(source, table, keys.get(base..).unwrap_or_default(), item);
                keys.truncate(base);
                result
            }
            None => {
                let result = self.insert_keyval(&keys, item);
                keys.clear();
                result
            }
        };
        self.keys = keys;
        if let Err(e) = result {
            self.fail(e);
        }
    }

    /// `a.b.c = value` in the table of the last header.
    fn insert_keyval(&mut self, keys: &[Key<'s>], item: Item<'s>) -> Result<(), SyntaxError> {
        let source = self.source;
        let (leaf, path) = keys.split_last().ok_or_else(broken)?;
        let current = resolve(&mut self.root, &self.current).ok_or_else(broken)?;
        // A table opened by a header spans to its last value.
        if let (Some(span), Some(value)) = (&mut current.span, item.span()) {
            span.end = value.end;
        }
        let Value::Table(table) = &mut current.value else {
            return Err(broken());
        };
        let mut table = table;
        let mut last = 0..0;
        for (n, part) in path.iter().enumerate() {
            let i = match table.position(&part.name) {
                None => table.push(Entry::new(part, Item::table(Origin::Dotted, None))),
                Some(i) => {
                    let entry = &table.entries[i];
                    match &entry.item.value {
                        Value::Table(t)
                            if matches!(t.origin, Origin::Dotted | Origin::Implicit) =>
                        {
                            i
                        }
                        Value::Array(a) if a.of_tables => i,
                        Value::Table(t) if t.origin == Origin::Header => {
                            return Err(header_table(source, keys, n, &entry.key_span))
                        }
                        _ => return Err(not_a_table(source, keys, n, entry, false)),
                    }
                }
            };
            last = table.entries[i].key_span.clone();
            let t = table;
            table = table_of(&mut t.entries[i].item).ok_or_else(broken)?;
        }
        if !path.is_empty() && table.origin != Origin::Dotted {
            // The dotted key reached a table headers made, or an element of an array of tables.
            return Err(header_table(source, keys, path.len() - 1, &last));
        }
        if let Some(existing) = table.get(&leaf.name) {
            return Err(duplicate(source, keys, existing));
        }
        table.push(Entry::new(leaf, item));
        Ok(())
    }
}

/// `[a.b]` or `[[a.b]]`: `current` becomes the entry positions of the table it opens.
fn define_table<'s>(
    source: &str,
    root: &mut Item<'s>,
    current: &mut Vec<usize>,
    array: bool,
    keys: &[Key<'s>],
    span: Range<usize>,
) -> Result<(), SyntaxError> {
    let (leaf, path) = keys.split_last().ok_or_else(broken)?;
    current.clear();
    let indices = current;
    let Value::Table(table) = &mut root.value else {
        return Err(broken());
    };
    let mut table = table;
    for (n, part) in path.iter().enumerate() {
        let i = match table.position(&part.name) {
            None => table.push(Entry::new(part, Item::table(Origin::Implicit, None))),
            Some(i) => match &table.entries[i].item.value {
                Value::Table(t) if t.origin != Origin::Inline => i,
                Value::Array(a) if a.of_tables => i,
                _ => return Err(not_a_table(source, keys, n, &table.entries[i], true)),
            },
        };
        indices.push(i);
        let t = table;
        table = table_of(&mut t.entries[i].item).ok_or_else(broken)?;
    }
    let i = match table.position(&leaf.name) {
        None if array => table.push(Entry::new(
            leaf,
            Item::new(
                Value::Array(Array {
                    items: Vec::new(),
                    of_tables: true,
                }),
                None,
            ),
        )),
        None => table.push(Entry::new(
            leaf,
            Item::table(Origin::Header, Some(span.clone())),
        )),
        Some(i) => {
            let entry = &mut table.entries[i];
            match (&mut entry.item.value, array) {
                (Value::Array(a), true) if a.of_tables => i,
                // `[a.b.c]` made `a.b`; `[a.b]` now opens it, and it stands there.
                (Value::Table(t), false) if t.origin == Origin::Implicit => {
                    t.origin = Origin::Header;
                    entry.item.span = Some(span.clone());
                    entry.key_span = leaf.span.clone();
                    table.move_to_end(i)
                }
                _ => return Err(redefined(source, keys, array, &table.entries[i], span)),
            }
        }
    };
    if array {
        if let Value::Array(a) = &mut table.entries[i].item.value {
            a.items.push(Item::table(Origin::ArrayElement, Some(span)));
        }
    }
    indices.push(i);
    Ok(())
}

impl Item<'_> {
    fn table(origin: Origin, span: Option<Range<usize>>) -> Self {
        Item::new(Value::Table(Table::new(origin)), span)
    }
}

/// `a.b.c = value` in an inline table.
fn insert_inline<'s>(
    source: &str,
    table: &mut Table<'s>,
    keys: &[Key<'s>],
    item: Item<'s>,
) -> Result<(), SyntaxError> {
    let (leaf, path) = keys.split_last().ok_or_else(broken)?;
    let mut table = table;
    for (n, part) in path.iter().enumerate() {
        let i = match table.position(&part.name) {
            None => table.push(Entry::new(part, Item::table(Origin::Dotted, None))),
            Some(i) => match &table.entries[i].item.value {
                Value::Table(t) if t.origin == Origin::Dotted => i,
                _ => return Err(not_a_table(source, keys, n, &table.entries[i], false)),
            },
        };
        let t = table;
        table = table_of(&mut t.entries[i].item).ok_or_else(broken)?;
    }
    if let Some(existing) = table.get(&leaf.name) {
        return Err(duplicate(source, keys, existing));
    }
    table.push(Entry::new(leaf, item));
    Ok(())
}

/// The item at `path` (entry positions from the root), an array of tables standing for its
/// last element.
fn resolve<'t, 's>(root: &'t mut Item<'s>, path: &[usize]) -> Option<&'t mut Item<'s>> {
    let mut item = root;
    for &i in path {
        let table = table_of(item)?;
        item = &mut table.entries.get_mut(i)?.item;
    }
    element(item)
}

/// The last element of an array of tables; any other item itself.
fn element<'t, 's>(item: &'t mut Item<'s>) -> Option<&'t mut Item<'s>> {
    if matches!(&item.value, Value::Array(a) if a.of_tables) {
        match &mut item.value {
            Value::Array(a) => a.items.last_mut(),
            _ => None,
        }
    } else {
        Some(item)
    }
}

/// The table an item holds: itself, or the last element of an array of tables.
fn table_of<'t, 's>(item: &'t mut Item<'s>) -> Option<&'t mut Table<'s>> {
    match &mut element(item)?.value {
        Value::Table(t) => Some(t),
        _ => None,
    }
}

impl EventReceiver for Builder<'_, '_> {
    fn std_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.header = Some((false, span.start()));
        self.keys.clear();
    }

    fn std_table_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.close_header(span);
    }

    fn array_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.header = Some((true, span.start()));
        self.keys.clear();
    }

    fn array_table_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.close_header(span);
    }

    fn inline_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.open(span, true)
    }

    fn inline_table_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        if self.failed() {
            return;
        }
        match self.stack.pop() {
            Some(Frame::Inline {
                table,
                start,
                comma,
                ..
            }) => match comma {
                Some(at) => self.fail(error(
                    "trailing comma in an inline table".to_owned(),
                    "TOML 1.0 allows no comma after the last key of an inline table: remove it",
                    at..at + 1,
                )),
                None => self.attach(Item::new(Value::Table(table), Some(start..span.end()))),
            },
            _ => self.fail(broken()),
        }
    }

    fn array_open(&mut self, span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.open(span, false)
    }

    fn array_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        if self.failed() {
            return;
        }
        match self.stack.pop() {
            Some(Frame::Array { items, start, .. }) => {
                let array = Array {
                    items,
                    of_tables: false,
                };
                self.attach(Item::new(Value::Array(array), Some(start..span.end())));
            }
            _ => self.fail(broken()),
        }
    }

    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        if self.failed() {
            return;
        }
        match scalar::decode_key(self.source, span, encoding, error) {
            Ok(name) => {
                self.keys.push(Key {
                    name,
                    span: range(span),
                });
                self.too_deep(span);
            }
            Err(f) => self.failure(f),
        }
    }

    fn key_val_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        if matches!(self.stack.last(), Some(Frame::Array { .. })) {
            self.fail(broken());
        }
    }

    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        if self.failed() {
            return;
        }
        if span.is_empty() {
            // The parser stands an empty value in for one that is not written.
            return self.fail(SyntaxError {
                message: "missing value".to_owned(),
                help: "write a value after `=`".to_owned(),
                span: range(span),
            });
        }
        match scalar::decode(self.source, span, encoding, error) {
            Ok(value) => self.attach(Item::new(value, Some(range(span)))),
            Err(f) => self.failure(f),
        }
    }

    fn value_sep(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        if let Some(Frame::Inline { comma, .. }) = self.stack.last_mut() {
            *comma = Some(span.start());
        }
    }

    fn comment(&mut self, span: Span, error: &mut dyn ErrorSink) {
        if self.failed() {
            return;
        }
        let text = self.source.get(range(span)).unwrap_or_default();
        // Tabs and printable characters need no closer look.
        if !text
            .bytes()
            .all(|b| b == b'\t' || (b' '..=b'~').contains(&b) || b >= 0x80)
        {
            Raw::new_unchecked(text, None, span).decode_comment(error);
        }
        if matches!(self.stack.last(), Some(Frame::Inline { .. })) {
            self.fail(one_line("a comment", span));
        }
    }

    fn newline(&mut self, span: Span, error: &mut dyn ErrorSink) {
        if self.failed() {
            return;
        }
        let text = self.source.get(range(span)).unwrap_or_default();
        if text != "\n" {
            Raw::new_unchecked(text, None, span).decode_newline(error);
        }
        if matches!(self.stack.last(), Some(Frame::Inline { .. })) {
            self.fail(one_line("a line break", span));
        }
    }
}

impl Builder<'_, '_> {
    fn close_header(&mut self, span: Span) {
        if self.failed() {
            return;
        }
        let Some((array, start)) = self.header.take() else {
            return self.fail(broken());
        };
        let span = start..span.end();
        let result = define_table(
            self.source,
            &mut self.root,
            &mut self.current,
            array,
            &self.keys,
            span,
        );
        self.keys.clear();
        if let Err(e) = result {
            self.fail(e);
        }
    }
}
