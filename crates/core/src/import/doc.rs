//! The spec `import` writes: tables of keys in the order they are set, as TOML text.

use crate::spec::decl::toml_string;

/// A TOML value, as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// A string.
    Str(String),
    /// An integer.
    Int(u64),
    /// A boolean.
    Bool(bool),
    /// An array of strings.
    Strs(Vec<String>),
    /// A value written as it is (an inline table).
    Raw(String),
}

impl Val {
    /// The value as TOML text.
    pub fn toml(&self) -> String {
        match self {
            Val::Str(s) => toml_string(s),
            Val::Int(i) => i.to_string(),
            Val::Bool(b) => b.to_string(),
            Val::Strs(items) => {
                let items: Vec<String> = items.iter().map(|s| toml_string(s)).collect();
                format!("[{}]", items.join(", "))
            }
            Val::Raw(r) => r.clone(),
        }
    }
}

/// A key as TOML writes it: bare when it can be, quoted otherwise.
pub fn key(k: &str) -> String {
    if !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        k.to_owned()
    } else {
        toml_string(k)
    }
}

/// An inline table of `(key, value)`.
pub fn inline(entries: &[(&str, Val)]) -> Val {
    let parts: Vec<String> = entries
        .iter()
        .map(|(k, v)| format!("{} = {}", key(k), v.toml()))
        .collect();
    Val::Raw(format!("{{ {} }}", parts.join(", ")))
}

/// One `[header]` (or `[[header]]`) with its keys.
#[derive(Debug, Clone)]
struct Table {
    header: String,
    array: bool,
    entries: Vec<(String, Val)>,
}

/// A spec being written.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    tables: Vec<Table>,
}

impl Doc {
    fn table(&mut self, header: &str) -> &mut Table {
        if let Some(i) = self
            .tables
            .iter()
            .position(|t| t.header == header && !t.array)
        {
            return &mut self.tables[i];
        }
        let at = self.position_for(header);
        self.tables.insert(
            at,
            Table {
                header: header.to_owned(),
                array: false,
                entries: Vec::new(),
            },
        );
        &mut self.tables[at]
    }

    /// Where a new table goes: after the last table of its parent's family (`[a.b.c]` after
    /// `[a.b]` and the other tables below it), else at the end.
    fn position_for(&self, header: &str) -> usize {
        let Some((parent, _)) = header.rsplit_once('.') else {
            return self.tables.len();
        };
        let family = format!("{parent}.");
        self.tables
            .iter()
            .rposition(|t| t.header == parent || t.header.starts_with(&family))
            .map_or(self.tables.len(), |i| i + 1)
    }

    /// Sets `name` in `[header]` (replacing an earlier value).
    pub fn set(&mut self, header: &str, name: &str, value: Val) {
        let t = self.table(header);
        match t.entries.iter_mut().find(|(k, _)| k == name) {
            Some(e) => e.1 = value,
            None => t.entries.push((name.to_owned(), value)),
        }
    }

    /// Removes `name` from `[header]`, when it is set.
    pub fn remove(&mut self, header: &str, name: &str) {
        for t in self
            .tables
            .iter_mut()
            .filter(|t| t.header == header && !t.array)
        {
            t.entries.retain(|(k, _)| k != name);
        }
    }

    /// Makes sure `[header]` is written, even empty.
    pub fn touch(&mut self, header: &str) {
        self.table(header);
    }

    /// Adds a `[[header]]` element with its keys.
    pub fn push(&mut self, header: &str, entries: Vec<(String, Val)>) {
        let at = self.position_for(header);
        self.tables.insert(
            at,
            Table {
                header: header.to_owned(),
                array: true,
                entries,
            },
        );
    }

    /// Every string value written.
    pub fn strings(&self) -> Vec<&str> {
        self.tables
            .iter()
            .flat_map(|t| &t.entries)
            .filter_map(|(_, v)| match v {
                Val::Str(s) => Some(s.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The value of `name` in `[header]`.
    pub fn get(&self, header: &str, name: &str) -> Option<&Val> {
        self.tables
            .iter()
            .find(|t| t.header == header && !t.array)
            .and_then(|t| t.entries.iter().find(|(k, _)| k == name))
            .map(|(_, v)| v)
    }

    /// The TOML text, led by `comment` lines.
    pub fn text(&self, comment: &[String]) -> String {
        let mut out = String::new();
        for c in comment {
            out.push_str("# ");
            out.push_str(c);
            out.push('\n');
        }
        for t in &self.tables {
            if !out.is_empty() {
                out.push('\n');
            }
            if t.array {
                out.push_str(&format!("[[{}]]\n", t.header));
            } else {
                out.push_str(&format!("[{}]\n", t.header));
            }
            for (k, v) in &t.entries {
                out.push_str(&format!("{} = {}\n", key(k), v.toml()));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_tables_in_order_with_quoted_keys() {
        let mut d = Doc::default();
        d.set("cluster", "name", Val::Str("t".into()));
        d.set(
            "coordinator.properties",
            "web-ui.enabled",
            Val::Str("false".into()),
        );
        d.set("cluster", "http_port", Val::Int(8081));
        d.push(
            "catalogs.k.topics",
            vec![("table".into(), Val::Str("o\"x".into()))],
        );
        assert_eq!(
            d.text(&["from x".into()]),
            "# from x\n\n[cluster]\nname = \"t\"\nhttp_port = 8081\n\n[coordinator.properties]\n\"web-ui.enabled\" = \"false\"\n\n[[catalogs.k.topics]]\ntable = \"o\\\"x\"\n"
        );
    }
}
