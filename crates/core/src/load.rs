//! Reading a spec: TOML text → typed [`Spec`], with the position of every key kept so that
//! diagnostics can point into the source.

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::{Diagnostic, Location};
use crate::rules;
use crate::spec::Spec;

/// Largest spec accepted, in bytes. Larger input is refused before parsing.
pub const MAX_SPEC_BYTES: usize = 4 * 1024 * 1024;

/// Positions of every key and value of a spec, by key path (`catalogs.lake.metastore.uri`,
/// `catalogs.events.topics[0].table`).
#[derive(Debug, Default, Clone)]
pub struct SpanIndex {
    entries: HashMap<String, (Range<usize>, Range<usize>)>,
}

impl SpanIndex {
    pub fn build(source: &str) -> Self {
        let mut index = SpanIndex::default();
        if let Ok(doc) = toml_edit::ImDocument::parse(source) {
            index.walk_table(doc.as_table(), "");
        }
        index
    }

    fn insert(&mut self, path: String, key: Option<Range<usize>>, value: Option<Range<usize>>) {
        let key = key.or_else(|| value.clone()).unwrap_or(0..0);
        let value = value.unwrap_or_else(|| key.clone());
        self.entries.entry(path).or_insert((key, value));
    }

    fn walk_table(&mut self, table: &toml_edit::Table, prefix: &str) {
        for (name, _) in table.iter() {
            let Some((key, item)) = table.get_key_value(name) else {
                continue;
            };
            let path = join(prefix, name);
            self.walk_item(item, key.span(), path);
        }
    }

    fn walk_item(&mut self, item: &toml_edit::Item, key: Option<Range<usize>>, path: String) {
        match item {
            toml_edit::Item::None => {}
            toml_edit::Item::Value(v) => self.walk_value(v, key, path),
            toml_edit::Item::Table(t) => {
                self.insert(path.clone(), key, t.span());
                self.walk_table(t, &path);
            }
            toml_edit::Item::ArrayOfTables(a) => {
                self.insert(path.clone(), key, a.span());
                for (i, t) in a.iter().enumerate() {
                    let p = format!("{path}[{i}]");
                    self.insert(p.clone(), t.span(), t.span());
                    self.walk_table(t, &p);
                }
            }
        }
    }

    fn walk_value(&mut self, value: &toml_edit::Value, key: Option<Range<usize>>, path: String) {
        self.insert(path.clone(), key, value.span());
        match value {
            toml_edit::Value::InlineTable(t) => {
                for (name, _) in t.iter() {
                    if let Some((k, toml_edit::Item::Value(v))) = t.get_key_value(name) {
                        self.walk_value(v, k.span(), join(&path, name));
                    }
                }
            }
            toml_edit::Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    self.walk_value(v, v.span(), format!("{path}[{i}]"));
                }
            }
            _ => {}
        }
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
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else if name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        format!("{prefix}.{name}")
    } else {
        format!("{prefix}.\"{name}\"")
    }
}

/// A parsed spec with its source positions.
#[derive(Debug, Clone)]
pub struct LoadedSpec {
    pub spec: Spec,
    pub spans: SpanIndex,
}

/// Parses spec text. Syntax errors, unknown keys and mistyped values come back as diagnostics.
pub fn load(source: &str) -> Result<LoadedSpec, Vec<Diagnostic>> {
    if source.len() > MAX_SPEC_BYTES {
        return Err(vec![Diagnostic::new(
            &rules::SPEC_LIMIT,
            format!(
                "the spec is {} bytes; trinocfg reads specs of at most {} bytes",
                source.len(),
                MAX_SPEC_BYTES
            ),
        )
        .help(
            "split the cluster description, or remove generated bulk from it",
        )]);
    }
    let doc = match toml_edit::ImDocument::parse(source) {
        Ok(doc) => doc,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let message = first_line(e.message());
            return Err(vec![Diagnostic::new(&rules::SPEC_SYNTAX, message)
                .at(Location::default().with_span(source, span))
                .help("fix the TOML syntax at this position")]);
        }
    };
    let spans = SpanIndex::build(source);
    let spec = crate::read::spec(doc.as_table(), source)?;
    Ok(LoadedSpec { spec, spans })
}

fn first_line(message: &str) -> String {
    message
        .lines()
        .next()
        .unwrap_or("invalid TOML")
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_found_for_nested_keys() {
        let src = "[cluster]\nname = \"a\"\n[[catalogs.k.topics]]\ntable = \"t\"\nfields = [{ name = \"x\" }]\n";
        let idx = SpanIndex::build(src);
        let span = idx.value_span("cluster.name").unwrap();
        assert_eq!(&src[span], "\"a\"");
        let span = idx.value_span("catalogs.k.topics[0].table").unwrap();
        assert_eq!(&src[span], "\"t\"");
        let span = idx
            .value_span("catalogs.k.topics[0].fields[0].name")
            .unwrap();
        assert_eq!(&src[span], "\"x\"");
        assert_eq!(
            idx.path_at(src.find("table").unwrap()),
            Some("catalogs.k.topics[0].table")
        );
    }
}
