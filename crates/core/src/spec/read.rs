//! The reader: one pass over the TOML document that reads every value into its type, records
//! where every key and value is, and reports every problem it meets rather than the first.

use std::ops::Range;

use super::decl::{Choice, FieldDecl, Kind, Literal, Table, TableKind};
use super::spans::{join, SpanIndex};
use super::toml;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::{self, Rule};
use crate::suggest;

/// A node of the document: a value of a table, an element of an array, or a table of an
/// array of tables.
pub(crate) type Node<'d> = &'d toml::Item<'d>;

/// What the reader has found so far: diagnostics and the positions of keys and values.
pub(crate) struct Cx<'s> {
    pub(crate) source: &'s str,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) spans: SpanIndex,
}

impl<'s> Cx<'s> {
    pub(crate) fn new(source: &'s str) -> Self {
        Cx {
            source,
            diagnostics: Vec::new(),
            spans: SpanIndex::default(),
        }
    }

    fn at(&self, path: &str, span: Option<Range<usize>>) -> Location {
        match span {
            Some(span) => Location::spec_path(path).with_span(self.source, span),
            None => Location::spec_path(path),
        }
    }

    pub(crate) fn push(
        &mut self,
        rule: &'static Rule,
        path: &str,
        span: Option<Range<usize>>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let at = self.at(path, span);
        self.diagnostics
            .push(Diagnostic::new(rule, message).at(at).help(help));
    }

    /// Records a node and everything below it that no reader will visit (an unknown key, a
    /// value of the wrong type).
    pub(crate) fn record_subtree(&mut self, node: Node<'_>, path: &str) {
        if let Some(t) = node.as_table() {
            for e in t.entries() {
                let child = At::new(self, &e.item, join(path, &e.key), Some(e.key_span.clone()));
                self.record_subtree(child.node, &child.path);
            }
        } else if let Some(items) = node.as_array() {
            for (i, n) in items.iter().enumerate() {
                let child = At::new(self, n, format!("{path}[{i}]"), None);
                self.record_subtree(child.node, &child.path);
            }
        }
    }
}

/// A value with its key path and position. Creating one records its position.
pub(crate) struct At<'d> {
    pub(crate) node: Node<'d>,
    pub(crate) path: String,
    key_span: Option<Range<usize>>,
}

impl<'d> At<'d> {
    pub(crate) fn new(
        cx: &mut Cx<'_>,
        node: Node<'d>,
        path: String,
        key_span: Option<Range<usize>>,
    ) -> Self {
        cx.spans.insert(path.clone(), key_span.clone(), node.span());
        At {
            node,
            path,
            key_span,
        }
    }

    /// The span of the value, or of the key when the value has none (an implicit table).
    pub(crate) fn span(&self) -> Option<Range<usize>> {
        self.node.span().or_else(|| self.key_span.clone())
    }

    /// Reports a value of the wrong type, and records what is below it.
    pub(crate) fn wrong_type(&self, cx: &mut Cx<'_>, expected: &str) {
        cx.push(
            &rules::SPEC_INVALID_VALUE,
            &self.path,
            self.span(),
            format!(
                "`{}` must be {expected}, not {}",
                self.path,
                self.node.kind()
            ),
            format!("write {expected}"),
        );
        cx.record_subtree(self.node, &self.path);
    }

    /// Reports an invalid value (TS003).
    pub(crate) fn invalid(&self, cx: &mut Cx<'_>, message: String, help: &str) {
        cx.push(
            &rules::SPEC_INVALID_VALUE,
            &self.path,
            self.span(),
            message,
            help,
        );
    }

    /// The elements of an array value, each recorded at `path[i]`.
    pub(crate) fn elements(&self, cx: &mut Cx<'_>) -> Option<Vec<At<'d>>> {
        let items = self.node.as_array()?;
        Some(
            items
                .iter()
                .enumerate()
                .map(|(i, node)| At::new(cx, node, format!("{}[{i}]", self.path), None))
                .collect(),
        )
    }

    /// The entries of a table value, each recorded at `path.key`; with `quoted`, keys are
    /// always quoted (Trino property names: `properties."task.concurrency"`).
    pub(crate) fn entries(&self, cx: &mut Cx<'_>, quoted: bool) -> Option<Vec<(&'d str, At<'d>)>> {
        let t = self.node.as_table()?;
        Some(
            t.entries()
                .iter()
                .map(|e| {
                    let key: &'d str = &e.key;
                    let path = if quoted {
                        format!("{}.\"{key}\"", self.path)
                    } else {
                        join(&self.path, key)
                    };
                    (key, At::new(cx, &e.item, path, Some(e.key_span.clone())))
                })
                .collect(),
        )
    }
}

/// A type a key can hold, and how to read it.
pub(crate) trait FieldValue: Sized {
    /// What it is, for descriptors.
    const KIND: Kind;
    /// Whether the key may be left out without a default (an `Option`).
    const OPTIONAL: bool = false;
    /// Reads a value that is present; reports every problem it finds.
    fn read(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Self>;
    /// The value of a key that is left out, when the type has one (`None` for an `Option`).
    fn absent() -> Option<Self> {
        None
    }
}

impl<T: FieldValue> FieldValue for Option<T> {
    const KIND: Kind = T::KIND;
    const OPTIONAL: bool = true;
    fn read(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Self> {
        T::read(at, cx).map(Some)
    }
    fn absent() -> Option<Self> {
        Some(None)
    }
}

impl FieldValue for String {
    const KIND: Kind = Kind::Text;
    fn read(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Self> {
        if let Some(s) = at.node.as_str() {
            Some(s.to_owned())
        } else {
            at.wrong_type(cx, "a string");
            None
        }
    }
}

impl FieldValue for bool {
    const KIND: Kind = Kind::Bool;
    fn read(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Self> {
        let b = at.node.as_bool();
        if b.is_none() {
            at.wrong_type(cx, "`true` or `false`");
        }
        b
    }
}

impl FieldValue for u32 {
    const KIND: Kind = Kind::Integer;
    fn read(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Self> {
        let Some(i) = at.node.as_integer() else {
            at.wrong_type(cx, "an integer");
            return None;
        };
        if let Ok(v) = u32::try_from(i) {
            Some(v)
        } else {
            cx.push(
                &rules::SPEC_LIMIT,
                &at.path,
                at.span(),
                format!("`{}` = {i} is out of range", at.path),
                "use a non-negative number below 4294967296",
            );
            None
        }
    }
}

impl FieldValue for Vec<String> {
    const KIND: Kind = Kind::Texts;
    fn read(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Self> {
        let Some(items) = at.elements(cx) else {
            at.wrong_type(cx, "an array of strings");
            return None;
        };
        // Every element is read, so that every wrong one is reported.
        let values: Vec<Option<String>> = items.iter().map(|a| String::read(a, cx)).collect();
        values.into_iter().collect()
    }
}

impl<T: ReadTable + FieldValue> FieldValue for Vec<T> {
    const KIND: Kind = Kind::Tables(TableKind {
        name: T::NAME,
        doc: T::DOC,
        fields: T::fields,
    });
    fn read(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Self> {
        let Some(items) = at.elements(cx) else {
            at.wrong_type(cx, &format!("an array of tables (`[[{}]]`)", at.path));
            return None;
        };
        let values: Vec<Option<T>> = items.iter().map(|a| T::read(a, cx)).collect();
        values.into_iter().collect()
    }
}

/// Reads one of a fixed list of spellings.
pub(crate) fn read_choice<C: Choice>(at: &At<'_>, cx: &mut Cx<'_>) -> Option<C> {
    choice_index(at, cx, C::VARIANTS, C::IGNORE_CASE).map(C::from_index)
}

/// The position in `variants` of the spelling at `at` (any ASCII case with `ignore_case`);
/// one function for every choice.
fn choice_index(
    at: &At<'_>,
    cx: &mut Cx<'_>,
    variants: &'static [super::decl::Variant],
    ignore_case: bool,
) -> Option<usize> {
    let value = String::read(at, cx)?;
    let names = || variants.iter().map(|v| v.name);
    let found = names().position(|n| n == value || (ignore_case && n.eq_ignore_ascii_case(&value)));
    if found.is_some() {
        return found;
    }
    let list = names().collect::<Vec<_>>().join(", ");
    let closest = names()
        .find(|n| n.eq_ignore_ascii_case(&value))
        .or_else(|| suggest::closest(&value, names()));
    let help = match closest {
        Some(s) => format!("did you mean `{s}`? valid values: {list}"),
        None => format!("valid values: {list}"),
    };
    let key = at.path.rsplit(['.', ']']).next().unwrap_or(&at.path);
    at.invalid(
        cx,
        format!("unknown {key} `{}`", crate::spec::names::printable(&value)),
        &help,
    );
    None
}

/// Reads a table of the spec.
pub(crate) fn read_table<T: ReadTable>(at: &At<'_>, cx: &mut Cx<'_>) -> Option<T> {
    let Some(table) = at.node.as_table() else {
        at.wrong_type(cx, "a table");
        return None;
    };
    read_with::<T>(cx, table, &at.path, at.span())
}

/// Reads the document's top-level table.
pub(crate) fn read_document<T: ReadTable>(doc: &toml::Table<'_>, cx: &mut Cx<'_>) -> Option<T> {
    read_with::<T>(cx, doc, "", Some(0..0))
}

/// Reads `table` at `path` into `T`, reporting what is missing or unknown.
///
/// Never inlined: each table's reader stays a function of its own, so that a WebAssembly
/// engine that compiles functions on first call (V8) compiles the readers of the tables a
/// spec has, not of every table.
#[inline(never)]
fn read_with<T: ReadTable>(
    cx: &mut Cx<'_>,
    table: &toml::Table<'_>,
    path: &str,
    span: Option<std::ops::Range<usize>>,
) -> Option<T> {
    let mut reader = TableReader {
        cx,
        table,
        path,
        span,
        keys: T::KEYS,
        tag: Tag::None,
        seen: Vec::new(),
        missing: Vec::new(),
        misplaced: Vec::new(),
    };
    let value = T::read_fields(&mut reader);
    reader.finish();
    value
}

/// The tag of a table being read.
#[derive(Clone, Copy)]
enum Tag {
    /// The table has no tag, or it was not read yet.
    None,
    /// The tag is missing or invalid: keys that depend on it are read without judging them.
    Unknown,
    /// The tag's value: its index, spelling and noun.
    Known(usize, &'static str, &'static str),
}

/// A table of the spec that can be read (written by `table!`).
pub(crate) trait ReadTable: Table + Sized {
    /// Reads every key of the table; `None` when a value could not be read into its type.
    fn read_fields(t: &mut TableReader<'_, '_, '_>) -> Option<Self>;
}

/// A table being read, key by key, by the reader `table!` writes.
pub(crate) struct TableReader<'d, 'c, 's> {
    cx: &'c mut Cx<'s>,
    table: &'d toml::Table<'d>,
    path: &'c str,
    span: Option<Range<usize>>,
    keys: &'static [&'static str],
    tag: Tag,
    /// Every declared key, as its declaration is met (each is read in declaration order).
    seen: Vec<Seen>,
    /// Required keys that are missing, with an example; reported at the end unless a
    /// misspelling of them is found.
    missing: Vec<(&'static str, &'static str)>,
    /// Keys written that do not apply to the tag's value: reported at the end, when every key
    /// the tag takes is known.
    misplaced: Vec<Misplaced>,
}

/// A declared key of a table being read: whether it is the tag, and the tag values it applies
/// to.
struct Seen {
    key: &'static str,
    is_tag: bool,
    only: Option<super::decl::TagSet>,
}

/// What the reader needs of a left-out key's declaration.
struct Absent {
    /// It is the table's tag.
    is_tag: bool,
    required: bool,
    only: Option<super::decl::TagSet>,
    example: Option<&'static str>,
    examples: Vec<(&'static str, &'static str)>,
    /// It has a default or an empty value, or its field is an `Option`: left out, it still
    /// has a value.
    has_value: bool,
}

/// A key that does not apply to the tag's value: its path and position, the tag's value and
/// what the tag is called.
struct Misplaced {
    key: &'static str,
    path: String,
    span: Option<Range<usize>>,
    tag: &'static str,
    noun: &'static str,
}

impl<'d, 's> TableReader<'d, '_, 's> {
    /// Reads one declared key. What does not depend on the key's type is done by
    /// [`Self::enter`] and [`Self::left_out`], once for every type.
    pub(crate) fn field<T: FieldValue, L: Literal<T>>(
        &mut self,
        key: &'static str,
        decl: FieldDecl<T, L>,
    ) -> Option<T> {
        let FieldDecl {
            required,
            default,
            empty,
            only,
            example,
            examples,
            check,
            tag,
            range,
            ..
        } = decl;
        let Some(at) = self.enter(key, tag.is_some(), only) else {
            let meta = Absent {
                is_tag: tag.is_some(),
                required,
                only,
                example,
                examples,
                has_value: default.is_some() || empty.is_some() || T::OPTIONAL,
            };
            if !self.left_out(key, &meta) {
                return None;
            }
            return match (default, empty) {
                (Some(d), _) => Some(d.value()),
                (None, Some(empty)) => Some(empty()),
                (None, None) => T::absent(),
            };
        };
        let value = T::read(&at, self.cx);
        if let Some(v) = &value {
            if let Some((min, max, message, outside)) = range {
                if let Some(shown) = outside(v, min, max) {
                    self.out_of_range(key, &at, &shown, min, max, message);
                }
            }
            if let Some(check) = check {
                check(
                    v,
                    &mut Found {
                        cx: self.cx,
                        path: &at.path,
                        span: at.span(),
                    },
                );
            }
        }
        if let Some(index_of) = tag {
            self.tag = match (&value, T::KIND) {
                (Some(v), Kind::Choice { noun, variants }) => {
                    let i = index_of(v);
                    Tag::Known(i, variants[i].name, noun)
                }
                _ => Tag::Unknown,
            };
        }
        value
    }

    /// Records a declared key and finds its value: `None` when the table leaves it out. A key
    /// that does not apply to the tag's value is noted for [`Self::finish`].
    fn enter(
        &mut self,
        key: &'static str,
        is_tag: bool,
        only: Option<super::decl::TagSet>,
    ) -> Option<At<'d>> {
        self.seen.push(Seen { key, is_tag, only });
        let entry = self.table.get(key)?;
        let at = At::new(
            self.cx,
            &entry.item,
            join(self.path, key),
            Some(entry.key_span.clone()),
        );
        if let (Some(only), Tag::Known(index, name, noun)) = (&only, self.tag) {
            if !only.contains(index) {
                self.misplaced.push(Misplaced {
                    key,
                    path: at.path.clone(),
                    span: at.key_span.clone().or_else(|| at.span()),
                    tag: name,
                    noun,
                });
            }
        }
        Some(at)
    }

    /// Reports a number outside its bounds (TS005).
    fn out_of_range(
        &mut self,
        key: &str,
        at: &At<'_>,
        shown: &str,
        min: i64,
        max: i64,
        message: &str,
    ) {
        self.cx.push(
            &rules::SPEC_LIMIT,
            &at.path,
            at.span(),
            format!("`{key}` = {shown}: {message}"),
            format!("use a value from {min} to {max}"),
        );
    }

    /// A key the table leaves out: whether it takes its default (or its empty value, or
    /// `None`); `false` when it must be written, which is noted for [`Self::finish`].
    fn left_out(&mut self, key: &'static str, meta: &Absent) -> bool {
        if meta.is_tag {
            self.tag = Tag::Unknown;
        }
        let (tag, tag_name) = match self.tag {
            Tag::Known(i, name, _) => (Some(i), Some(name)),
            _ => (None, None),
        };
        let needed = meta.required
            && match (&meta.only, tag) {
                (None, _) => true,
                (Some(only), Some(i)) => only.contains(i),
                (Some(_), None) => false,
            };
        // A plain value without a default must be written too.
        if needed || !meta.has_value {
            let example = tag_name
                .and_then(|t| meta.examples.iter().find(|(v, _)| *v == t))
                .map(|(_, e)| *e)
                .or(meta.example)
                .unwrap_or("...");
            self.missing.push((key, example));
            return false;
        }
        true
    }

    fn place(&self) -> String {
        if self.path.is_empty() {
            "the top level".to_owned()
        } else {
            format!("`[{}]`", self.path)
        }
    }

    /// The keys that apply to the tag's value (every key when the tag is not known); the tag
    /// itself only `with_tag`.
    fn applicable(&self, with_tag: bool) -> Vec<&'static str> {
        let tag = match self.tag {
            Tag::Known(i, ..) => Some(i),
            _ => None,
        };
        self.seen
            .iter()
            .filter(|f| with_tag || !f.is_tag)
            .filter(|f| match (tag, &f.only) {
                (Some(i), Some(only)) => only.contains(i),
                _ => true,
            })
            .map(|f| f.key)
            .collect()
    }

    /// A reporter for rules over the whole table.
    pub(crate) fn found(&mut self) -> Found<'_, 's> {
        Found {
            cx: self.cx,
            path: self.path,
            span: self.span.clone(),
        }
    }

    /// Reports the keys that do not apply to the tag, unknown keys, then the missing keys no
    /// misspelling accounts for.
    fn finish(self) {
        if !self.misplaced.is_empty() {
            let keys = self.applicable(false).join(", ");
            for m in &self.misplaced {
                self.cx.push(
                    &rules::SPEC_UNKNOWN_KEY,
                    &m.path,
                    m.span.clone(),
                    format!("`{}` does not apply to {} {}", m.key, m.tag, m.noun),
                    format!("{} {} takes {keys}", m.tag, m.noun),
                );
            }
        }
        let mut suggested = Vec::new();
        for entry in self.table.entries() {
            let key: &str = &entry.key;
            if self.keys.contains(&key) {
                continue;
            }
            let key_span = Some(entry.key_span.clone());
            let at = At::new(self.cx, &entry.item, join(self.path, key), key_span);
            self.cx.record_subtree(at.node, &at.path);
            let applicable = self.applicable(true);
            let closest = suggest::closest(key, applicable.iter().copied());
            if let Some(s) = closest {
                suggested.push(s);
            }
            let help = match closest {
                Some(s) => format!("did you mean `{s}`?"),
                None if applicable.is_empty() => "remove this key".to_owned(),
                None => format!("valid keys here: {}", applicable.join(", ")),
            };
            self.cx.push(
                &rules::SPEC_UNKNOWN_KEY,
                &at.path,
                at.key_span.clone().or_else(|| at.span()),
                format!("unknown key `{key}` in {}", self.place()),
                help,
            );
        }
        let place = if self.path.is_empty() {
            "the spec".to_owned()
        } else {
            format!("`[{}]`", self.path)
        };
        for (key, example) in &self.missing {
            // A misspelt required key: the typo is the one problem, not the missing key.
            if suggested.contains(key) {
                continue;
            }
            self.cx.push(
                &rules::SPEC_INVALID_VALUE,
                self.path,
                self.span.clone(),
                format!("{place} lacks `{key}`"),
                format!("add `{key} = {example}`"),
            );
        }
    }
}

/// Where a rule found a problem with a value it was given: the value's path and position.
pub(crate) struct Found<'a, 's> {
    cx: &'a mut Cx<'s>,
    path: &'a str,
    span: Option<Range<usize>>,
}

impl<'a, 's> Found<'a, 's> {
    /// The value at `path`, at `span`.
    pub(crate) fn new(cx: &'a mut Cx<'s>, path: &'a str, span: Option<Range<usize>>) -> Self {
        Found { cx, path, span }
    }

    /// The key path of the value.
    pub(crate) fn path(&self) -> &str {
        self.path
    }

    /// Reports a problem of the value itself.
    pub(crate) fn error(
        &mut self,
        rule: &'static Rule,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.cx
            .push(rule, self.path, self.span.clone(), message, help);
    }

    /// Reports a problem at another key path (below the value, or elsewhere in the spec).
    pub(crate) fn error_at(
        &mut self,
        path: &str,
        rule: &'static Rule,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let location = self.cx.spans.locate(self.cx.source, path);
        self.cx
            .diagnostics
            .push(Diagnostic::new(rule, message).at(location).help(help));
    }
}
