//! The TOML document the spec reader walks: tables in the order TOML defines them, arrays,
//! decoded scalars, and where every key and value is in the text.
//!
//! It is built from the events of the `toml_parser` lexer and parser (see [`build`]), with the
//! semantics of TOML 1.0: dotted keys, `[a.b]` headers, `[[a.b]]` arrays of tables, inline
//! tables on one line, and no key defined twice. Spans follow `toml_edit`: a scalar, array or
//! inline table spans its text; a table opened by a header spans from the header to its last
//! value; an array of tables spans its elements; a table no header or inline table wrote (made
//! by a dotted key or a longer header) has no span of its own.

mod build;
mod messages;
mod scalar;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

pub(crate) use self::build::parse;

/// Deepest nesting read: header key parts, dotted key parts, arrays and inline tables
/// together. Deeper documents are refused (TS001) rather than read recursively.
pub(crate) const MAX_DEPTH: usize = 80;

/// The first problem of a TOML text, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    /// What is wrong.
    pub(crate) message: String,
    /// How to fix it.
    pub(crate) help: String,
    /// Byte range in the text; never empty unless the text is.
    pub(crate) span: Range<usize>,
}

/// A value with its position.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item<'s> {
    /// The value.
    pub(crate) value: Value<'s>,
    /// The span of the value's text; `None` for a table without text of its own.
    span: Option<Range<usize>>,
}

/// A TOML value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'s> {
    /// A string, decoded.
    String(Cow<'s, str>),
    /// An integer.
    Integer(i64),
    /// A float.
    Float(f64),
    /// A boolean.
    Boolean(bool),
    /// A date, time or date-time, as written.
    Datetime(&'s str),
    /// An array, or an array of tables.
    Array(Array<'s>),
    /// A table: a section, an inline table, or a table made by a dotted key.
    Table(Table<'s>),
}

/// The elements of an array.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Array<'s> {
    /// The elements in order.
    pub(crate) items: Vec<Item<'s>>,
    /// Written as `[[name]]` sections rather than as a value.
    pub(crate) of_tables: bool,
}

/// How a table came to be; it decides what may extend it later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// The document itself.
    Root,
    /// A `[name]` header.
    Header,
    /// An element of an array of tables, `[[name]]`.
    ArrayElement,
    /// A longer header, `[name.sub]`, without a header of its own yet.
    Implicit,
    /// A dotted key, `name.sub = 1`.
    Dotted,
    /// An inline table, `{ … }`.
    Inline,
}

/// A table: keys in order, each with its position.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table<'s> {
    entries: Vec<Entry<'s>>,
    /// Positions by key, once the table is large enough for a linear search to cost. Boxed:
    /// most tables never have one, and every value is as large as its largest kind.
    #[allow(clippy::box_collection)]
    index: Option<Box<HashMap<Cow<'s, str>, usize>>>,
    /// How the table came to be.
    pub(crate) origin: Origin,
}

/// A key of a table with its value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry<'s> {
    /// The key, decoded.
    pub(crate) key: Cow<'s, str>,
    /// The span of the key's text (where it was first written).
    pub(crate) key_span: Range<usize>,
    /// The value.
    pub(crate) item: Item<'s>,
}

/// Tables with at most this many keys are searched without an index.
const LINEAR: usize = 12;

impl<'s> Table<'s> {
    /// An empty table.
    pub(crate) fn new(origin: Origin) -> Self {
        Table {
            entries: Vec::new(),
            index: None,
            origin,
        }
    }

    /// The entries in order.
    pub(crate) fn entries(&self) -> &[Entry<'s>] {
        &self.entries
    }

    /// The entry of `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&Entry<'s>> {
        self.position(key).map(|i| &self.entries[i])
    }

    fn position(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(key).copied(),
            None => self.entries.iter().position(|e| e.key == key),
        }
    }

    fn push(&mut self, entry: Entry<'s>) -> usize {
        let i = self.entries.len();
        match &mut self.index {
            Some(index) => {
                index.insert(entry.key.clone(), i);
            }
            None if i >= LINEAR => {
                let mut index: HashMap<Cow<'s, str>, usize> = self
                    .entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (e.key.clone(), i))
                    .collect();
                index.insert(entry.key.clone(), i);
                self.index = Some(Box::new(index));
            }
            None => {}
        }
        self.entries.push(entry);
        i
    }

    /// Moves entry `i` to the end (a table made by a longer header gets its own header: it
    /// then stands where that header is, as in `toml_edit`). Returns its new position.
    fn move_to_end(&mut self, i: usize) -> usize {
        let entry = self.entries.remove(i);
        if let Some(index) = &mut self.index {
            for (j, e) in self.entries.iter().enumerate().skip(i) {
                index.insert(e.key.clone(), j);
            }
        }
        self.push(entry)
    }
}

impl<'s> Item<'s> {
    fn new(value: Value<'s>, span: Option<Range<usize>>) -> Self {
        Item { value, span }
    }

    /// The span of the value's text: for an array of tables, from its first element to its
    /// last; `None` for a table without text of its own.
    pub(crate) fn span(&self) -> Option<Range<usize>> {
        match &self.value {
            Value::Array(a) if a.of_tables => {
                let first = a.items.first()?.span.as_ref()?;
                let last = a.items.last()?.span.as_ref()?;
                Some(first.start..last.end)
            }
            _ => self.span.clone(),
        }
    }

    /// The string, if the value is one.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if the value is one.
    pub(crate) fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Boolean(b) => Some(b),
            _ => None,
        }
    }

    /// The integer, if the value is one.
    pub(crate) fn as_integer(&self) -> Option<i64> {
        match self.value {
            Value::Integer(i) => Some(i),
            _ => None,
        }
    }

    /// The table, if the value is one (of any origin).
    pub(crate) fn as_table(&self) -> Option<&Table<'s>> {
        match &self.value {
            Value::Table(t) => Some(t),
            _ => None,
        }
    }

    /// The elements, if the value is an array or an array of tables.
    pub(crate) fn as_array(&self) -> Option<&[Item<'s>]> {
        match &self.value {
            Value::Array(a) => Some(&a.items),
            _ => None,
        }
    }

    /// What the value is, for messages: `a string`, `an array of tables`.
    pub(crate) fn kind(&self) -> &'static str {
        match &self.value {
            Value::String(_) => "a string",
            Value::Integer(_) => "an integer",
            Value::Float(_) => "a float",
            Value::Boolean(_) => "a boolean",
            Value::Datetime(_) => "a date-time",
            Value::Array(a) if a.of_tables => "an array of tables",
            Value::Array(_) => "an array",
            Value::Table(_) => "a table",
        }
    }
}
