//! Kafka catalogs and their topic description files, across files.

use std::collections::BTreeSet;

use serde::Deserialize;

use super::files::{Analyzed, CatalogFile};
use super::{ClusterInput, SourceFile};
use crate::diagnostic::Diagnostic;
use crate::rules;
use crate::spec::{KafkaDataFormat, KafkaField, KafkaFieldGroup, KafkaTopic};
use crate::validate::{kafka_topic_groups, printable};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TopicJson {
    table_name: Option<String>,
    schema_name: Option<String>,
    topic_name: Option<String>,
    key: Option<GroupJson>,
    message: Option<GroupJson>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GroupJson {
    data_format: Option<String>,
    data_schema: Option<String>,
    fields: Option<Vec<FieldJson>>,
}

/// Unknown attributes are ignored, as Trino's JSON codec does; `hidden` may be a string.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FieldJson {
    name: Option<String>,
    #[serde(rename = "type")]
    ty: Option<String>,
    mapping: Option<String>,
    data_format: Option<String>,
    format_hint: Option<String>,
    comment: Option<String>,
}

/// A parsed description, with the schema it defines its table in.
struct Description<'a> {
    file: &'a SourceFile,
    full_name: String,
}

/// The line of the first occurrence of `needle` in the file, for pointing into JSON.
fn find(file: &SourceFile, needle: &str) -> crate::Location {
    match file.text.find(needle) {
        Some(i) => file.locate(i..i + needle.len(), None),
        None => file.locate_line(1, None),
    }
}

fn parse_description<'a>(
    file: &'a SourceFile,
    default_schema: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<Description<'a>> {
    let json: TopicJson = match serde_json::from_str(&file.text) {
        Ok(j) => j,
        Err(e) => {
            let line = e.line().max(1);
            out.push(Diagnostic::new(&rules::MALFORMED_FILE, format!("{}: invalid topic description: {e}", file.file_name())).at(file.locate_line(line, None)).help("fix the JSON; Trino fails the catalog: \"Failed to get table description file for Kafka\""));
            return None;
        }
    };
    let Some(table) = json.table_name.filter(|t| !t.is_empty()) else {
        out.push(
            Diagnostic::new(
                &rules::KAFKA_TOPIC,
                format!("{}: `tableName` is required", file.file_name()),
            )
            .at(file.locate_line(1, None))
            .help("add \"tableName\""),
        );
        return None;
    };
    if json.topic_name.is_none() {
        out.push(
            Diagnostic::new(
                &rules::KAFKA_TOPIC,
                format!("{}: `topicName` is required", file.file_name()),
            )
            .at(file.locate_line(1, None))
            .help("add \"topicName\""),
        );
    }
    let schema = json
        .schema_name
        .clone()
        .unwrap_or_else(|| default_schema.to_owned());
    let mut groups = Vec::new();
    for (side, group) in [("key", json.key), ("message", json.message)] {
        let Some(group) = group else {
            groups.push(None);
            continue;
        };
        let format = match group
            .data_format
            .as_deref()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("raw") => KafkaDataFormat::Raw,
            Some("csv") => KafkaDataFormat::Csv,
            Some("json") => KafkaDataFormat::Json,
            Some("avro") => KafkaDataFormat::Avro,
            Some("protobuf") => KafkaDataFormat::Protobuf,
            Some("dummy") => KafkaDataFormat::Dummy,
            Some(other) => {
                out.push(
                    Diagnostic::new(
                        &rules::KAFKA_TOPIC,
                        format!(
                            "{}: unknown data format `{}` of the {side}",
                            file.file_name(),
                            printable(other)
                        ),
                    )
                    .at(find(file, other))
                    .help("use raw, csv, json, avro or protobuf"),
                );
                groups.push(None);
                continue;
            }
            None => {
                out.push(
                    Diagnostic::new(
                        &rules::KAFKA_TOPIC,
                        format!("{}: the {side} has no `dataFormat`", file.file_name()),
                    )
                    .at(find(file, &format!("\"{side}\"")))
                    .help("add \"dataFormat\": \"json\""),
                );
                groups.push(None);
                continue;
            }
        };
        let fields = group
            .fields
            .unwrap_or_default()
            .into_iter()
            .map(|f| KafkaField {
                name: f.name.unwrap_or_default(),
                ty: f.ty.unwrap_or_default(),
                mapping: f.mapping,
                data_format: f.data_format,
                format_hint: f.format_hint,
                comment: f.comment,
                hidden: false,
            })
            .collect();
        groups.push(Some(KafkaFieldGroup {
            data_format: format,
            data_schema: group.data_schema,
            fields,
        }));
    }
    let message = groups.pop().flatten();
    let key = groups.pop().flatten();
    let topic = KafkaTopic {
        table: table.clone(),
        schema: Some(schema.clone()),
        topic: json.topic_name,
        key,
        message,
    };
    kafka_topic_groups(&topic, &mut |path, d| {
        // Point at the field's name in the JSON when the path names a field.
        let at = path
            .split_once(".fields[")
            .and_then(|(side, rest)| {
                let i: usize = rest.split(']').next()?.parse().ok()?;
                let group = if side == "key" {
                    topic.key.as_ref()
                } else {
                    topic.message.as_ref()
                };
                let field = group?.fields.get(i)?;
                Some(find(file, &format!("\"{}\"", field.name)))
            })
            .unwrap_or_else(|| file.locate_line(1, None));
        let mut d = d.at(at);
        d.message = format!("{}: {}", file.file_name(), d.message);
        out.push(d);
    });
    Some(Description {
        file,
        full_name: format!("{schema}.{table}"),
    })
}

/// The directory of a Kafka catalog's descriptions, relative to the configuration root.
fn description_dir(catalog: &CatalogFile<'_>, config_root: &str) -> String {
    let dir = catalog
        .parsed
        .value("kafka.table-description-dir")
        .unwrap_or("etc/kafka");
    let root = config_root.trim_end_matches('/');
    let rel = dir
        .strip_prefix(root)
        .map(|r| r.trim_start_matches('/'))
        .or_else(|| dir.strip_prefix("etc/"))
        .unwrap_or(dir);
    rel.trim_end_matches('/').to_owned()
}

pub fn check(_input: &ClusterInput, nodes: &[Analyzed<'_>], out: &mut Vec<Diagnostic>) {
    for a in nodes {
        let mut used: BTreeSet<&str> = BTreeSet::new();
        for catalog in a
            .catalogs
            .iter()
            .filter(|c| c.connector.as_deref() == Some("kafka"))
        {
            let supplier_file = catalog
                .parsed
                .value("kafka.table-description-supplier")
                .is_none_or(|s| s.eq_ignore_ascii_case("file"));
            if !supplier_file {
                continue;
            }
            let default_schema = catalog
                .parsed
                .value("kafka.default-schema")
                .unwrap_or("default");
            let dir = description_dir(catalog, &a.node.config_root);
            // Qualified once per catalog: a catalog may list thousands of tables.
            let listed_tables: BTreeSet<String> = catalog
                .parsed
                .value("kafka.table-names")
                .map(|names| {
                    names
                        .split(',')
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                        .map(|n| qualify(n, default_schema))
                        .collect()
                })
                .unwrap_or_default();
            let mut described: BTreeSet<String> = BTreeSet::new();
            let mut seen_tables: BTreeSet<String> = BTreeSet::new();
            let abs = catalog
                .parsed
                .value("kafka.table-description-dir")
                .unwrap_or("etc/kafka")
                .trim_end_matches('/');
            for file in a.json.iter().filter(|f| {
                let file_dir = f.rel.rsplit_once('/').map_or("", |(d, _)| d);
                file_dir == dir || (!file_dir.is_empty() && abs.ends_with(&format!("/{file_dir}")))
            }) {
                used.insert(file.rel.as_str());
                if let Some(d) = parse_description(file, default_schema, out) {
                    if !seen_tables.insert(d.full_name.clone()) {
                        out.push(Diagnostic::new(&rules::KAFKA_TOPIC, format!("table `{}` is described by more than one file in {dir}; the catalog fails to load", d.full_name)).at(d.file.locate_line(1, None)).help("remove one of the descriptions"));
                    }
                    described.insert(d.full_name.clone());
                    let listed = listed_tables.contains(&d.full_name);
                    if !listed {
                        out.push(
                            Diagnostic::new(&rules::KAFKA_DESCRIPTION_UNUSED, format!("{} describes `{}`, which catalog `{}` does not list in kafka.table-names", d.file.file_name(), d.full_name, catalog.name))
                                .at(d.file.locate_line(1, None))
                                .help(format!("add `{}` to kafka.table-names, or remove the file", d.full_name)),
                        );
                    }
                }
            }
            if let Some(entry) = catalog.parsed.entry("kafka.table-names") {
                for name in entry
                    .value
                    .split(',')
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                {
                    let full = qualify(name, default_schema);
                    if !described.contains(&full) {
                        out.push(
                            Diagnostic::new(&rules::KAFKA_DESCRIPTION_MISSING, format!("catalog `{}` lists `{full}` but {dir}/ has no description of it; Trino exposes it without columns", catalog.name))
                                .at(catalog.parsed.at_value(entry))
                                .help(format!("add a topic description file for `{full}` to {dir}/")),
                        );
                    }
                }
            }
        }
        for file in &a.json {
            if !used.contains(file.rel.as_str()) {
                out.push(
                    Diagnostic::new(
                        &rules::KAFKA_DESCRIPTION_UNUSED,
                        format!("{} is in no directory a Kafka catalog reads", file.rel),
                    )
                    .at(file.locate_line(1, None))
                    .help("point a catalog's kafka.table-description-dir at it, or remove it"),
                );
            }
        }
    }
}

fn qualify(name: &str, default_schema: &str) -> String {
    if name.contains('.') {
        name.to_owned()
    } else {
        format!("{default_schema}.{name}")
    }
}
