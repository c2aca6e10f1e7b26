//! The JSON Schema (draft 2020-12) of the spec and of a fleet, built from the same declarations
//! the reader reads with ([`super::decl`]): every key with its documentation, its default and
//! an example, the spellings of every choice, the keys each connector (or other tag) takes and
//! the keys it requires. Editors read it for completion and hover (taplo and Even Better TOML
//! through a `#:schema` directive on a spec's first line).
//!
//! The schema describes the shape: which keys, which types, which spellings. What a value
//! means (that a size parses, that a heap fits its container) is for `trinocfg check`, whose
//! messages say more than a schema validator's could.

use indexmap::IndexMap;
use serde_json::{json, Map, Value};

use super::decl::{doc_lines, Field, Kind, Presence, Table, TableKind, Variant};
use super::fleet::FleetTable;
use super::Spec;

/// The schema, pretty-printed and ending in a newline: a file is a fleet when it has a top-level
/// `gateway` or `clusters`, else a cluster spec.
pub fn json_schema() -> String {
    let mut defs = Defs::default();
    let spec = defs.table(&TableKind {
        name: Spec::NAME,
        doc: Spec::DOC,
        fields: Spec::fields,
    });
    let fleet = defs.table(&TableKind {
        name: FleetTable::NAME,
        doc: FleetTable::DOC,
        fields: FleetTable::fields,
    });
    defs.entries.insert("SecretRef".into(), secret_ref());
    let defs: Map<String, Value> = defs
        .entries
        .into_iter()
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_iter()
        .collect();
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "trinocfg spec",
        "description": "A Trino cluster described once (`[cluster]`, `[coordinator]`, `[workers]`, `[catalogs.NAME]`, ...), or a fleet of clusters behind Trino Gateway (`[gateway]`, `[clusters.NAME]`).",
        // A fleet is told as `trinocfg` tells it: by a top-level `gateway` or `clusters`.
        "if": { "anyOf": [{ "required": ["gateway"] }, { "required": ["clusters"] }] },
        "then": fleet,
        "else": spec,
        "$defs": defs,
    });
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}

/// The definitions written so far, by name.
#[derive(Default)]
struct Defs {
    entries: IndexMap<String, Value>,
}

impl Defs {
    /// A reference to the definition of a table, written first when it is new (a table that
    /// holds itself, such as a resource group's subgroups, refers to its own definition).
    fn table(&mut self, table: &TableKind) -> Value {
        let name = def_name(table.name);
        let reference = json!({ "$ref": format!("#/$defs/{name}") });
        if self.entries.contains_key(&name) {
            return reference;
        }
        self.entries.insert(name.clone(), Value::Null);
        let def = self.object(table);
        self.entries.insert(name, def);
        reference
    }

    /// A table as an object schema: its keys, which are required, and, when its keys depend
    /// on a tag (`connector`), which keys each tag value takes and requires.
    fn object(&mut self, table: &TableKind) -> Value {
        let fields = (table.fields)();
        let mut properties = Map::new();
        let mut required = Vec::new();
        for f in &fields {
            properties.insert(f.key.into(), self.field(f));
            if f.presence == Presence::Required && f.only.is_none() {
                required.push(f.key);
            }
        }
        let mut out = Map::new();
        out.insert("type".into(), "object".into());
        describe(&mut out, &doc(table.doc));
        out.insert("properties".into(), properties.into());
        out.insert("additionalProperties".into(), false.into());
        if !required.is_empty() {
            out.insert("required".into(), json!(required));
        }
        let by_tag = tagged(&fields);
        if !by_tag.is_empty() {
            out.insert("allOf".into(), by_tag.into());
        }
        out.into()
    }

    /// The schema of one key.
    fn field(&mut self, f: &Field) -> Value {
        let mut out = match self.kind(&f.kind) {
            Value::Object(map) => map,
            other => {
                let mut map = Map::new();
                map.insert("allOf".into(), json!([other]));
                map
            }
        };
        let mut text = doc(f.doc);
        if let Some(only) = &f.only {
            let values: Vec<String> = only.values.iter().map(|v| format!("`{v}`")).collect();
            push_line(
                &mut text,
                &format!("Only with {} {}.", only.noun, values.join(", ")),
            );
        }
        if let Kind::Choice { variants, .. } = f.kind {
            push_line(&mut text, &choices(variants));
        }
        if f.open {
            // Any string; the listed spellings stay offered for completion.
            if let Some(known) = out.remove("enum") {
                out.insert(
                    "anyOf".into(),
                    json!([{ "enum": known }, { "type": "string" }]),
                );
            }
        }
        describe(&mut out, &text);
        if let Presence::Default(toml) = &f.presence {
            if let Some(value) = toml_to_json(toml) {
                out.insert("default".into(), value);
            }
        }
        if let Some(example) = f.example.and_then(toml_to_json) {
            out.insert("examples".into(), json!([example]));
        }
        if let Some((min, max)) = f.bounds {
            out.insert("minimum".into(), min.into());
            out.insert("maximum".into(), max.into());
        }
        out.into()
    }

    /// The schema of what a key holds.
    fn kind(&mut self, kind: &Kind) -> Value {
        match *kind {
            Kind::Bool => json!({ "type": "boolean" }),
            Kind::Integer => json!({ "type": "integer", "minimum": 0 }),
            Kind::Memory => json!({
                "type": ["string", "integer"],
                "markdownDescription": "A Kubernetes memory quantity such as `\"16Gi\"`, or bytes."
            }),
            Kind::Cpu => json!({ "type": ["string", "number"] }),
            Kind::Text | Kind::Heap | Kind::HeapShare | Kind::DataSize => {
                json!({ "type": "string" })
            }
            Kind::Texts => json!({ "type": "array", "items": { "type": "string" } }),
            Kind::Secret => json!({ "$ref": "#/$defs/SecretRef" }),
            Kind::Properties => json!({
                "type": "object",
                "additionalProperties": {
                    "anyOf": [
                        { "type": ["string", "number", "boolean"] },
                        { "$ref": "#/$defs/SecretRef" }
                    ]
                }
            }),
            Kind::TextMap => json!({
                "type": "object",
                "additionalProperties": { "type": "string" }
            }),
            Kind::Choice { variants, .. } => json!({
                "enum": variants.iter().map(|v| v.name).collect::<Vec<_>>()
            }),
            Kind::Table(t) => self.table(&t),
            Kind::Tables(t) => json!({ "type": "array", "items": self.table(&t) }),
            Kind::Named(t) => {
                let entry = self.table(&t);
                // A fleet's cluster may also be given by the path of its own spec file.
                let entry = if t.name == Spec::NAME {
                    json!({ "anyOf": [entry, {
                        "type": "object",
                        "description": "The path of the cluster's own spec file, relative to the fleet's.",
                        "properties": { "spec": { "type": "string" } },
                        "required": ["spec"],
                        "additionalProperties": false
                    }] })
                } else {
                    entry
                };
                json!({ "type": "object", "additionalProperties": entry })
            }
        }
    }
}

/// For a table whose keys depend on its tag: one `if`/`then` per tag value, listing the keys
/// that value requires and refusing the keys it does not take.
fn tagged(fields: &[Field]) -> Vec<Value> {
    let Some(tag) = fields.iter().find(|f| f.is_tag) else {
        return Vec::new();
    };
    let Kind::Choice { variants, .. } = tag.kind else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for v in variants {
        let refused: Map<String, Value> = fields
            .iter()
            .filter(|f| !f.applies_to(v.name))
            .map(|f| (f.key.to_owned(), Value::Bool(false)))
            .collect();
        let required: Vec<&str> = fields
            .iter()
            .filter(|f| f.presence == Presence::Required && f.only.is_some())
            .filter(|f| f.applies_to(v.name))
            .map(|f| f.key)
            .collect();
        if refused.is_empty() && required.is_empty() {
            continue;
        }
        let mut then = Map::new();
        if !refused.is_empty() {
            then.insert("properties".into(), refused.into());
        }
        if !required.is_empty() {
            then.insert("required".into(), json!(required));
        }
        out.push(json!({
            "if": {
                "properties": { tag.key: { "const": v.name } },
                "required": [tag.key]
            },
            "then": then,
        }));
    }
    if tag.open {
        // Another spelling takes only the keys every spelling takes.
        let refused: Map<String, Value> = fields
            .iter()
            .filter(|f| f.only.is_some())
            .map(|f| (f.key.to_owned(), Value::Bool(false)))
            .collect();
        let known: Vec<&str> = variants.iter().map(|v| v.name).collect();
        out.push(json!({
            "if": {
                "properties": { tag.key: { "not": { "enum": known } } },
                "required": [tag.key]
            },
            "then": { "properties": refused },
        }));
    }
    out
}

/// A secret reference: a key of a Kubernetes Secret, or an environment variable.
fn secret_ref() -> Value {
    json!({
        "description": "A secret, never written as a literal: a key of a Kubernetes Secret (`{ secret = \"mysql\", key = \"password\" }`) or an environment variable (`{ env = \"MYSQL_PASSWORD\" }`).",
        "oneOf": [
            {
                "type": "object",
                "properties": {
                    "secret": { "type": "string", "description": "The Kubernetes Secret." },
                    "key": { "type": "string", "description": "The key in that Secret." },
                    "env": {
                        "type": "string",
                        "description": "The environment variable the key is exposed as."
                    }
                },
                "required": ["secret", "key"],
                "additionalProperties": false
            },
            {
                "type": "object",
                "properties": {
                    "env": { "type": "string", "description": "The environment variable." }
                },
                "required": ["env"],
                "additionalProperties": false
            },
            {
                "type": "string",
                "pattern": "^\\$\\{ENV:[^}]+\\}$",
                "description": "An environment variable the pod has, as Trino writes it."
            }
        ]
    })
}

/// The name a table's definition gets: its struct's name without `Table`.
fn def_name(name: &str) -> String {
    match name.strip_suffix("Table") {
        Some(short) if !short.is_empty() => short.to_owned(),
        _ => name.to_owned(),
    }
}

/// A doc text as one paragraph per blank-line-separated block.
fn doc(text: &'static str) -> String {
    let mut out = String::new();
    for line in doc_lines(text) {
        if line.is_empty() {
            out.push_str("\n\n");
        } else {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push(' ');
            }
            out.push_str(line.trim());
        }
    }
    out.trim().to_owned()
}

fn push_line(text: &mut String, line: &str) {
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(line);
}

/// The spellings of a choice with what each means.
fn choices(variants: &[Variant]) -> String {
    variants
        .iter()
        .map(|v| {
            if v.doc.is_empty() {
                format!("- `{}`", v.name)
            } else {
                format!("- `{}`: {}", v.name, doc(v.doc))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Sets `description` (plain) and `markdownDescription` (what VS Code shows) when there is
/// text.
fn describe(out: &mut Map<String, Value>, text: &str) {
    if text.is_empty() {
        return;
    }
    let plain = text.replace('`', "");
    out.insert("description".into(), plain.into());
    out.insert("markdownDescription".into(), text.into());
}

/// A TOML value written in a declaration, as JSON.
fn toml_to_json(text: &str) -> Option<Value> {
    let source = format!("v = {text}");
    let table = super::toml::parse(&source).ok()?;
    Some(value_to_json(&table.get("v")?.item.value))
}

fn value_to_json(value: &super::toml::Value<'_>) -> Value {
    use super::toml::Value as V;
    match value {
        V::String(s) => Value::String(s.to_string()),
        V::Integer(i) => Value::from(*i),
        V::Float(f) => Value::from(*f),
        V::Boolean(b) => Value::Bool(*b),
        V::Datetime(d) => Value::String((*d).to_owned()),
        V::Array(a) => Value::Array(a.items.iter().map(|i| value_to_json(&i.value)).collect()),
        V::Table(t) => Value::Object(
            t.entries()
                .iter()
                .map(|e| (e.key.to_string(), value_to_json(&e.item.value)))
                .collect(),
        ),
    }
}
