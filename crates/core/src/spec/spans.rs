//! Where every key and value of a spec is, by key path. The reader fills it as it goes.

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::Location;

/// Positions of every key and value of a spec, by key path (`catalogs.lake.metastore.uri`,
/// `catalogs.events.topics[0].table`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SpanIndex {
    entries: HashMap<String, (Range<usize>, Range<usize>)>,
}

impl SpanIndex {
    /// Records the key and value spans of `path`; the first record of a path stays. A node
    /// without a key span (an array element) is its own key; one without a value span (an
    /// implicit table) is its key.
    pub(crate) fn insert(
        &mut self,
        path: String,
        key: Option<Range<usize>>,
        value: Option<Range<usize>>,
    ) {
        let key = key.or_else(|| value.clone()).unwrap_or(0..0);
        let value = value.unwrap_or_else(|| key.clone());
        self.entries.entry(path).or_insert((key, value));
    }

    /// Span of the key at `path` (the table header for tables).
    pub fn key_span(&self, path: &str) -> Option<Range<usize>> {
        self.entries.get(path).map(|(k, _)| k.clone())
    }

    /// Span of the value at `path`.
    pub fn value_span(&self, path: &str) -> Option<Range<usize>> {
        self.entries.get(path).map(|(_, v)| v.clone())
    }

    /// The location of the value at `path`, or of its nearest existing ancestor (a defaulted
    /// value points at the table that would hold it).
    pub fn locate(&self, source: &str, path: &str) -> Location {
        let mut probe = path;
        loop {
            if let Some(span) = self.value_span(probe) {
                return Location::spec_path(path).with_span(source, span);
            }
            match probe.rfind(['.', '[']) {
                Some(i) => probe = &probe[..i],
                None => return Location::spec_path(path),
            }
        }
    }

    /// The key path whose key or value most tightly encloses `offset`.
    pub fn path_at(&self, offset: usize) -> Option<&str> {
        self.entries
            .iter()
            .filter(|(_, (k, v))| k.contains(&offset) || v.contains(&offset) || k.start == offset)
            .min_by_key(|(p, (k, v))| {
                let width = if k.contains(&offset) || k.start == offset {
                    k.len()
                } else {
                    v.len()
                };
                (width, std::cmp::Reverse(p.len()))
            })
            .map(|(p, _)| p.as_str())
    }

    /// The paths below `prefix` (`clusters.blue.`), without it: one cluster's spans in a
    /// fleet's text.
    #[must_use]
    pub fn under(&self, prefix: &str) -> SpanIndex {
        SpanIndex {
            entries: self
                .entries
                .iter()
                .filter_map(|(p, v)| Some((p.strip_prefix(prefix)?.to_owned(), v.clone())))
                .collect(),
        }
    }

    /// Number of recorded paths.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The key path of `key` inside `prefix`: dotted, with keys that are not bare TOML keys quoted
/// (`properties."query.max-memory"`).
pub(crate) fn join(prefix: &str, key: &str) -> String {
    let quoted = key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    match (prefix.is_empty(), quoted) {
        (true, false) => key.to_owned(),
        (true, true) => format!("\"{key}\""),
        (false, false) => format!("{prefix}.{key}"),
        (false, true) => format!("{prefix}.\"{key}\""),
    }
}
