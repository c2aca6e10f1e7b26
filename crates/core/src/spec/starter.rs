//! The commented starter spec that `trinocfg init` writes, made from the declarations of the
//! spec's keys: every key appears with its documentation, written out when it is needed (or
//! worth showing) and commented out otherwise.

use super::decl::{doc_lines, toml_string, Field, Kind, Presence, Table};
use super::Spec;

/// The catalog the starter defines: it needs no external system.
const ACTIVE_CATALOG: &str = "tpch";

const HEADER: &str = "\
# trinocfg cluster spec: one file describes one Trino cluster.
# Generate its configuration with `trinocfg gen trinocfg.toml --out build/`.
# Settings written `# key = value` are left out: remove the `# ` to use one.

";

/// The commented starter spec: a small cluster that generates cleanly, and every other key of
/// the spec, commented out, with its documentation.
pub fn starter() -> String {
    let mut w = Writer {
        out: String::from(HEADER),
    };
    w.body(&Spec::fields(), "", true, None);
    w.out
}

struct Writer {
    out: String,
}

/// The table's tag: its key and, when the block is for one value, that value.
type Tag<'a> = Option<&'a str>;

impl Writer {
    fn line(&mut self, active: bool, text: &str) {
        if !active {
            self.out.push_str("# ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn comment(&mut self, text: &str) {
        self.out.push_str("# ");
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn doc(&mut self, field: &Field, note_only: Option<&str>) {
        for line in field.doc_lines() {
            self.comment(line);
        }
        if let Kind::Choice { variants, .. } = field.kind {
            let names: Vec<&str> = variants.iter().map(|v| v.name).collect();
            if !field.doc.contains(names[0]) {
                self.comment(&format!("One of: {}.", names.join(", ")));
            }
        }
        if let Some((min, max)) = field.bounds {
            self.comment(&format!("From {min} to {max}."));
        }
        if let (Some(tag_key), Some(only)) = (note_only, &field.only) {
            let values: Vec<String> = only.values.iter().map(|v| toml_string(v)).collect();
            self.comment(&format!("Only with `{tag_key} = {}`.", values.join(" | ")));
        }
    }

    /// The keys of a table: its values first (TOML puts them before any sub-table), then its
    /// sub-tables. `tag` is the value of the table's tag when the block is written for one.
    fn body(&mut self, fields: &[Field], path: &str, active: bool, tag: Tag<'_>) {
        let applies = |f: &Field| tag.is_none_or(|t| f.applies_to(t));
        // Keys that depend on a tag whose value is not fixed carry a note.
        let note = match tag {
            None => fields.iter().find(|f| f.is_tag).map(|f| f.key),
            Some(_) => None,
        };
        for f in fields.iter().filter(|f| applies(f) && !is_table(f)) {
            self.doc(f, note);
            let value = match (f.is_tag, tag) {
                (true, Some(t)) => toml_string(t),
                _ => value_of(f, tag),
            };
            let shown = active && (f.presence == Presence::Required || f.shown);
            self.line(shown, &format!("{} = {value}", f.key));
        }
        for f in fields.iter().filter(|f| applies(f) && is_table(f)) {
            let sub = if path.is_empty() {
                f.key.to_owned()
            } else {
                format!("{path}.{}", f.key)
            };
            let shown = active && (f.presence == Presence::Required || f.shown);
            match f.kind {
                Kind::Table(t) => {
                    self.out.push('\n');
                    self.doc(f, note);
                    self.line(shown, &format!("[{sub}]"));
                    self.body(&(t.fields)(), &sub, shown, None);
                }
                Kind::Tables(t) => {
                    self.out.push('\n');
                    self.doc(f, note);
                    self.line(shown, &format!("[[{sub}]]"));
                    self.body(&(t.fields)(), &sub, shown, None);
                }
                Kind::Named(t) => self.named(f, &(t.fields)(), &sub, shown),
                _ => {}
            }
        }
    }

    /// Tables by name, one block per value of their tag (`[catalogs.hive]`,
    /// `[catalogs.iceberg]`, ...), the active catalog first.
    fn named(&mut self, field: &Field, fields: &[Field], path: &str, active: bool) {
        self.out.push('\n');
        for line in field.doc_lines() {
            self.comment(line);
        }
        let variants = fields
            .iter()
            .find(|f| f.is_tag)
            .and_then(|f| match f.kind {
                Kind::Choice { variants, .. } => Some(variants),
                _ => None,
            })
            .unwrap_or_default();
        let mut names: Vec<&str> = variants.iter().map(|v| v.name).collect();
        names.sort_by_key(|n| *n != ACTIVE_CATALOG);
        for (name, variant) in names
            .iter()
            .filter_map(|n| variants.iter().find(|v| v.name == *n).map(|v| (n, v)))
        {
            let shown = active && *name == ACTIVE_CATALOG;
            self.out.push('\n');
            for line in doc_lines(variant.doc) {
                self.comment(line);
            }
            let sub = format!("{path}.{name}");
            self.line(shown, &format!("[{sub}]"));
            self.body(fields, &sub, shown, Some(name));
        }
    }
}

fn is_table(f: &Field) -> bool {
    matches!(f.kind, Kind::Table(_) | Kind::Tables(_) | Kind::Named(_))
}

/// The value the starter writes for a key: its default, its example, or one of its kind.
fn value_of(f: &Field, tag: Tag<'_>) -> String {
    if let Presence::Default(d) = &f.presence {
        return d.clone();
    }
    if let Some(e) = f.example_for(tag) {
        return e.to_owned();
    }
    match f.kind {
        Kind::Text => "\"\"".to_owned(),
        Kind::Bool => "false".to_owned(),
        Kind::Integer => "1".to_owned(),
        Kind::Memory => "\"16Gi\"".to_owned(),
        Kind::Cpu => "4".to_owned(),
        Kind::Heap => "\"80%\"".to_owned(),
        Kind::HeapShare => "\"30%\"".to_owned(),
        Kind::DataSize => "\"1GB\"".to_owned(),
        Kind::Texts => "[]".to_owned(),
        Kind::Secret => "{ secret = \"name\", key = \"key\" }".to_owned(),
        Kind::Choice { variants, .. } => toml_string(variants[0].name),
        Kind::Properties | Kind::TextMap | Kind::Table(_) | Kind::Tables(_) | Kind::Named(_) => {
            "{}".to_owned()
        }
    }
}
