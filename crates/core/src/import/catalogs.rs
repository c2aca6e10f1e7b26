//! Catalogs: the typed keys a connector requires (the metastore, the Iceberg catalog, the JDBC
//! URL and user, the Kafka brokers and topics), then the rest as `properties`.

use super::doc::{inline, Doc, Val};
use super::{generated_pairs, get, missing, pairs, Import, Pairs};
use crate::memory::Role;
use crate::model::{catalog_name, Content, Node, TopicDescription, TopicGroup};
use crate::render::Rendered;

/// Whether a file is a Kafka topic description below `kafka/` (where `gen` writes them).
pub fn is_topic_dir(rel: &str) -> bool {
    rel.starts_with("kafka/")
}

/// The catalogs of a node: `(name, properties)`.
fn catalogs(node: &Node) -> Vec<(String, Pairs)> {
    node.files
        .iter()
        .filter_map(|f| {
            let name = catalog_name(&f.rel)?;
            Some((name.to_owned(), pairs(node, &f.rel).unwrap_or_default()))
        })
        .collect()
}

fn header(name: &str) -> String {
    format!("catalogs.{}", super::doc::key(name))
}

/// The typed keys of every catalog of the coordinator.
pub(super) fn typed(import: &mut Import<'_>, d: &mut Doc) {
    let coordinator = import.coordinator;
    for (name, props) in catalogs(coordinator) {
        let connector = get(&props, "connector.name")
            .unwrap_or_default()
            .replace('-', "_");
        let t = header(&name);
        d.set(&t, "connector", Val::Str(connector.clone()));
        match connector.as_str() {
            "hive" | "delta_lake" => {
                let metastore = if get(&props, "hive.metastore") == Some("glue") {
                    inline(&[("type", Val::Str("glue".into()))])
                } else if let Some(uri) = get(&props, "hive.metastore.uri") {
                    inline(&[
                        ("type", Val::Str("thrift".into())),
                        ("uri", Val::Str(uri.to_owned())),
                    ])
                } else {
                    import.notes.push(format!(
                        "catalog `{name}`: its metastore is neither Thrift nor Glue; a Thrift metastore is assumed, edit `catalogs.{name}.metastore`"
                    ));
                    inline(&[
                        ("type", Val::Str("thrift".into())),
                        ("uri", Val::Str("thrift://metastore:9083".into())),
                    ])
                };
                d.set(&t, "metastore", metastore);
            }
            "iceberg" => {
                let kind = get(&props, "iceberg.catalog.type")
                    .unwrap_or("hive_metastore")
                    .to_ascii_lowercase();
                let mut entries: Vec<(&str, Val)> = vec![("type", Val::Str(kind.clone()))];
                let required = match kind.as_str() {
                    "hive_metastore" => Some(("uri", "hive.metastore.uri")),
                    "rest" => Some(("uri", "iceberg.rest-catalog.uri")),
                    "nessie" => Some(("uri", "iceberg.nessie-catalog.uri")),
                    "jdbc" => Some(("connection_url", "iceberg.jdbc-catalog.connection-url")),
                    _ => None,
                };
                if let Some((field, key)) = required {
                    entries.push((
                        field,
                        Val::Str(get(&props, key).unwrap_or_default().to_owned()),
                    ));
                }
                d.set(&t, "catalog", inline(&entries));
            }
            "mysql" | "postgresql" => {
                d.set(
                    &t,
                    "connection_url",
                    Val::Str(get(&props, "connection-url").unwrap_or_default().to_owned()),
                );
                if let Some(user) = get(&props, "connection-user") {
                    d.set(&t, "user", Val::Str(user.to_owned()));
                }
                if let Some(p) = get(&props, "connection-password") {
                    let val = import.value(&format!("catalog {name}"), "connection-password", p);
                    d.set(&t, "password", val);
                }
            }
            "kafka" => kafka(import, d, &name, &props),
            "tpch" | "tpcds" | "memory" => {}
            // A connector without typed keys: its properties are all it has.
            _ => {
                for (k, v) in props.iter().filter(|(k, _)| k != "connector.name") {
                    let val = import.value(&format!("catalog {name}"), k, v);
                    d.set(&format!("{t}.properties"), k, val);
                }
            }
        }
        if catalogs(coordinator).iter().any(|(n, _)| n == &name)
            && import.worker.is_some_and(|w| {
                catalogs(w).iter().find(|(n, _)| n == &name).map(|(_, p)| p) != Some(&props)
            })
        {
            import.notes.push(format!(
                "catalog `{name}` differs between the coordinator and the workers: the coordinator's is imported"
            ));
        }
    }
}

/// A Kafka catalog's brokers, and its topics from the description files the coordinator has.
fn kafka(import: &mut Import<'_>, d: &mut Doc, name: &str, props: &Pairs) {
    let t = header(name);
    let nodes: Vec<String> = get(props, "kafka.nodes")
        .unwrap_or_default()
        .split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    d.set(&t, "nodes", Val::Strs(nodes));
    let default_schema = get(props, "kafka.default-schema")
        .unwrap_or("default")
        .to_owned();
    if let Some(s) = get(props, "kafka.default-schema") {
        d.set(&t, "default_schema", Val::Str(s.to_owned()));
    }
    let root = import
        .coordinator
        .config_root
        .trim_end_matches('/')
        .to_owned();
    let Some(dir) = get(props, "kafka.table-description-dir").map(|dir| {
        dir.strip_prefix(&format!("{root}/"))
            .unwrap_or(dir)
            .trim_end_matches('/')
            .to_owned()
    }) else {
        return;
    };
    for f in &import.coordinator.files {
        let Some(rest) = f.rel.strip_prefix(&format!("{dir}/")) else {
            continue;
        };
        let Content::Topic(topic) = &f.content else {
            continue;
        };
        let Ok(desc) = &topic.description else {
            import
                .notes
                .push(format!("`{}` cannot be read and is not imported", f.rel));
            continue;
        };
        if rest.contains('/') {
            continue;
        }
        d.push(&format!("{t}.topics"), topic_entries(desc, &default_schema));
    }
}

fn topic_entries(desc: &TopicDescription, default_schema: &str) -> Vec<(String, Val)> {
    let table = desc.table_name.clone().unwrap_or_default();
    let mut out = vec![("table".to_owned(), Val::Str(table.clone()))];
    if let Some(s) = desc.schema_name.as_deref().filter(|s| *s != default_schema) {
        out.push(("schema".into(), Val::Str(s.to_owned())));
    }
    if let Some(topic) = desc.topic_name.as_deref().filter(|t| *t != table) {
        out.push(("topic".into(), Val::Str(topic.to_owned())));
    }
    for (key, group) in [("key", &desc.key), ("message", &desc.message)] {
        if let Some(g) = group {
            out.push((key.into(), group_value(g)));
        }
    }
    out
}

fn group_value(g: &TopicGroup) -> Val {
    let fields: Vec<String> = g
        .fields
        .iter()
        .map(|f| {
            let mut e: Vec<(&str, Val)> = vec![
                ("name", Val::Str(f.name.clone())),
                ("type", Val::Str(f.ty.clone())),
            ];
            for (k, v) in [
                ("mapping", &f.mapping),
                ("data_format", &f.data_format),
                ("format_hint", &f.format_hint),
                ("comment", &f.comment),
            ] {
                if let Some(v) = v {
                    e.push((k, Val::Str(v.clone())));
                }
            }
            if f.hidden.as_ref().and_then(serde_json::Value::as_bool) == Some(true) {
                e.push(("hidden", Val::Bool(true)));
            }
            match inline(&e) {
                Val::Raw(r) => r,
                _ => String::new(),
            }
        })
        .collect();
    let mut e: Vec<(&str, Val)> = vec![(
        "data_format",
        Val::Str(g.data_format.clone().unwrap_or_else(|| "raw".into())),
    )];
    if let Some(s) = &g.data_schema {
        e.push(("data_schema", Val::Str(s.clone())));
    }
    e.push(("fields", Val::Raw(format!("[{}]", fields.join(", ")))));
    inline(&e)
}

/// Each catalog's other settings, as its `properties`.
pub(super) fn overrides(import: &mut Import<'_>, d: &mut Doc, out: &Rendered) {
    for (name, props) in catalogs(import.coordinator) {
        let rel = format!("catalog/{name}.properties");
        let generated = generated_pairs(out, Role::Coordinator, &rel);
        let t = format!("{}.properties", header(&name));
        let scope = format!("catalog {name}");
        for (k, v) in missing(&props, &generated) {
            if k == "connector.name" {
                continue;
            }
            let val = import.value(&scope, &k, &v);
            d.set(&t, &k, val);
        }
    }
}
