//! Kafka catalogs and their topic description files: each description as Trino decodes it,
//! and across files, the tables a catalog lists against the descriptions it finds.

declare! {
    KAFKA_TOPIC = "TC002", "kafka-topic-description", Error,
        "A Kafka topic description that Trino cannot use.",
        "Topic descriptions are read when a query reads the table: unknown data formats, \
Trino types the decoder does not support, missing mappings and duplicate tables fail there.\n\n\
Fix: as the message says.";
    KAFKA_DESCRIPTION_MISSING = "TC005", "kafka-table-without-description", Warning,
        "A table in `kafka.table-names` without a topic description file.",
        "Trino exposes such a table with the `dummy` decoder: every column but the internal ones \
is missing, which is rarely intended.\n\nFix: add `<schema>.<table>.json` to \
`kafka.table-description-dir`, or remove the table from `kafka.table-names`.";
    KAFKA_DESCRIPTION_UNUSED = "TC006", "kafka-description-unused", Warning,
        "A Kafka topic description that no catalog exposes.",
        "Only tables listed in `kafka.table-names` are exposed; a description file for another \
table, or in a directory no catalog reads, has no effect.\n\nFix: list the table in \
`kafka.table-names` or remove the file.";
}

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::catalogs::{catalog_files, connector_of};
use super::Cx;
use crate::catalogue::catalogue;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Content, File, Node, Origin, TopicFile, TopicGroup};
use crate::spec::names::printable;

/// The decoders Trino's Kafka connector has.
const DATA_FORMATS: &[&str] = &["raw", "csv", "json", "avro", "protobuf", "dummy"];

/// Checks a node's topic descriptions and its Kafka catalogs.
pub(crate) fn check(cx: &mut Cx<'_>, node: &Node) {
    // Every description is judged once, and indexed by directory, so that a catalog finds
    // its files without walking every file of the node.
    let mut by_dir: BTreeMap<&str, Vec<(&File, &TopicFile)>> = BTreeMap::new();
    for file in &node.files {
        let Content::Topic(topic) = &file.content else {
            continue;
        };
        description(cx, file, topic);
        let dir = file.rel.rsplit_once('/').map_or("", |(d, _)| d);
        by_dir.entry(dir).or_default().push((file, topic));
    }
    let mut used: HashSet<&str> = HashSet::new();
    for (catalog, props) in catalog_files(node) {
        if connector_of(cx.catalogue(), props).as_deref() != Some("kafka") {
            continue;
        }
        let supplier_file = props
            .value("kafka.table-description-supplier")
            .is_none_or(|s| s.eq_ignore_ascii_case("file"));
        if !supplier_file {
            continue;
        }
        let name = catalog.file_name().trim_end_matches(".properties");
        let default_schema = props.value("kafka.default-schema").unwrap_or("default");
        let abs = props
            .value("kafka.table-description-dir")
            .unwrap_or("etc/kafka")
            .trim_end_matches('/');
        let dir = node.rel_path(abs);
        let listed: BTreeSet<String> = props
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
        // The directory as written, or a directory whose absolute path ends in it: each
        // suffix of the path after a `/` is looked up, not every directory of the node.
        let mut dirs: Vec<&str> = vec![dir.as_str()];
        dirs.extend(
            abs.match_indices('/')
                .map(|(i, _)| &abs[i + 1..])
                .filter(|d| !d.is_empty() && *d != dir),
        );
        let files = dirs.into_iter().filter_map(|d| by_dir.get(d));
        for (file, topic) in files.flatten() {
            used.insert(file.rel.as_str());
            let Ok(d) = &topic.description else { continue };
            let Some(full) = d.full_name(default_schema) else {
                continue;
            };
            let first_line = topic.at.part(&cx.cluster.sources, "", None);
            if !described.insert(full.clone()) {
                let d = Diagnostic::new(&KAFKA_TOPIC, format!("table `{full}` is described more than once in {dir}; the catalog fails to load"))
                    .at(cx.at(&topic.at.part(&cx.cluster.sources, "table", None), None))
                    .help("remove one of the descriptions");
                cx.push(d);
            } else if !listed.contains(&full) {
                let d = Diagnostic::new(&KAFKA_DESCRIPTION_UNUSED, format!("{} describes `{full}`, which catalog `{name}` does not list in kafka.table-names", file.file_name()))
                    .at(cx.at(&first_line, None))
                    .help(format!("add `{full}` to kafka.table-names, or remove the file"));
                cx.push(d);
            }
        }
        // Without every description of the node, a missing one may exist unseen.
        let entry = props
            .get("kafka.table-names")
            .filter(|_| node.complete.topics);
        if let Some(entry) = entry {
            for full in &listed {
                if !described.contains(full) {
                    let d = Diagnostic::new(&KAFKA_DESCRIPTION_MISSING, format!("catalog `{name}` lists `{full}` but {dir}/ has no description of it; Trino exposes it without columns"))
                        .at(cx.at_value(entry))
                        .help(format!("add a topic description file for `{full}` to {dir}/"));
                    cx.push(d);
                }
            }
        }
    }
    // Without every catalog of the node, the one that reads a description may exist unseen.
    if !node.complete.catalogs {
        return;
    }
    for (file, topic) in by_dir.values().flatten() {
        if !used.contains(file.rel.as_str()) {
            let d = Diagnostic::new(
                &KAFKA_DESCRIPTION_UNUSED,
                format!("{} is in no directory a Kafka catalog reads", file.rel),
            )
            .at(cx.at(&topic.at.part(&cx.cluster.sources, "", None), None))
            .help("point a catalog's kafka.table-description-dir at it, or remove it");
            cx.push(d);
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

/// Reports on one description, prefixing file messages with the file name.
struct Reporter<'c, 'a, 'f> {
    cx: &'c mut Cx<'a>,
    file: &'f File,
    topic: &'f TopicFile,
}

impl Reporter<'_, '_, '_> {
    fn report(&mut self, path: &str, needle: Option<&str>, d: Diagnostic) {
        let origin = self.topic.at.part(&self.cx.cluster.sources, path, needle);
        let mut d = d.at(self.cx.at(&origin, None));
        if !matches!(origin, Origin::Spec(_)) {
            d.message = format!("{}: {}", self.file.file_name(), d.message);
        }
        self.cx.push(d);
    }
}

fn description(cx: &mut Cx<'_>, file: &File, topic: &TopicFile) {
    let mut r = Reporter { cx, file, topic };
    let d = match &topic.description {
        Ok(d) => d,
        Err((message, line)) => {
            let origin = match topic.at {
                crate::model::TopicOrigin::File(f) => Origin::Text {
                    file: f,
                    span: r
                        .cx
                        .cluster
                        .sources
                        .files
                        .get(f)
                        .map_or(0..0, |s| s.line_span(*line)),
                },
                crate::model::TopicOrigin::Spec(_) => {
                    topic.at.part(&r.cx.cluster.sources, "", None)
                }
            };
            let d = Diagnostic::new(&super::MALFORMED_FILE, format!("{}: invalid topic description: {message}", file.file_name()))
                .at(r.cx.at(&origin, None))
                .help("fix the JSON; Trino fails the catalog: \"Failed to get table description file for Kafka\"");
            r.cx.push(d);
            return;
        }
    };
    if d.table_name.as_deref().is_none_or(str::is_empty) {
        r.report(
            "table",
            None,
            Diagnostic::new(&KAFKA_TOPIC, "`tableName` is required").help("add \"tableName\""),
        );
    }
    match &d.topic_name {
        None => r.report(
            "topic",
            None,
            Diagnostic::new(&KAFKA_TOPIC, "`topicName` is required").help("add \"topicName\""),
        ),
        Some(t)
            if t.is_empty()
                || t.len() > 249
                || !t
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)) =>
        {
            r.report(
                "topic",
                Some(&format!("\"{t}\"")),
                Diagnostic::new(
                    &KAFKA_TOPIC,
                    format!("`{}` is not a valid Kafka topic name", printable(t)),
                )
                .help("Kafka topic names use letters, digits, `.`, `_` and `-`, at most 249"),
            );
        }
        Some(_) => {}
    }
    for (side, group) in [("key", &d.key), ("message", &d.message)] {
        if let Some(group) = group {
            group_rules(&mut r, side, group);
        }
    }
}

/// Rules of a topic's key or message: data formats, types the decoders read, mappings.
fn group_rules(r: &mut Reporter<'_, '_, '_>, side: &str, group: &TopicGroup) {
    let format = match group.data_format.as_deref().map(str::to_ascii_lowercase) {
        Some(f) if DATA_FORMATS.contains(&f.as_str()) => f,
        Some(other) => {
            r.report(
                &format!("{side}.data_format"),
                Some(&other),
                Diagnostic::new(
                    &KAFKA_TOPIC,
                    format!("unknown data format `{}` of the {side}", printable(&other)),
                )
                .help("use raw, csv, json, avro or protobuf"),
            );
            return;
        }
        None => {
            r.report(
                side,
                Some(&format!("\"{side}\"")),
                Diagnostic::new(&KAFKA_TOPIC, format!("the {side} has no `dataFormat`"))
                    .help("add \"dataFormat\": \"json\""),
            );
            return;
        }
    };
    let format = format.as_str();
    if matches!(format, "avro" | "protobuf")
        && group.data_schema.is_none()
        && !group.fields.is_empty()
    {
        r.report(
            side,
            Some(&format!("\"{side}\"")),
            Diagnostic::new(
                &KAFKA_TOPIC,
                format!("{format} {side} fields need a `data_schema`"),
            )
            .help("add the schema's path or URL (`dataSchema`)"),
        );
    }
    let mut names = HashSet::new();
    for (fi, field) in group.fields.iter().enumerate() {
        let fp = format!("{side}.fields[{fi}]");
        let name_needle = format!("\"{}\"", field.name);
        let needle = Some(name_needle.as_str());
        if field.name.trim().is_empty() {
            r.report(
                &format!("{fp}.name"),
                needle,
                Diagnostic::new(&KAFKA_TOPIC, "a field has an empty name").help("name the column"),
            );
        } else if !names.insert(field.name.to_ascii_lowercase()) {
            r.report(
                &format!("{fp}.name"),
                needle,
                Diagnostic::new(
                    &KAFKA_TOPIC,
                    format!(
                        "column `{}` appears twice in the {side}",
                        printable(&field.name)
                    ),
                )
                .help("rename one of them"),
            );
        }
        if let Err(why) = type_supported(format, field.data_format.as_deref(), &field.ty) {
            let at = if field.data_format.is_some() {
                "data_format"
            } else {
                "type"
            };
            r.report(
                &format!("{fp}.{at}"),
                needle,
                Diagnostic::new(
                    &KAFKA_TOPIC,
                    format!(
                        "column `{}` of type `{}`: {why}",
                        printable(&field.name),
                        printable(&field.ty)
                    ),
                )
                .help("change the type or the data format"),
            );
        }
        if matches!(format, "csv" | "avro" | "protobuf") && field.mapping.is_none() {
            r.report(
                &fp,
                needle,
                Diagnostic::new(
                    &KAFKA_TOPIC,
                    format!(
                        "column `{}` needs a `mapping` with the {format} decoder",
                        printable(&field.name)
                    ),
                )
                .help(if format == "csv" {
                    "add a `mapping` with the 0-based column index, e.g. \"0\""
                } else {
                    "add a `mapping` naming the schema field"
                }),
            );
        }
        if let Some(m) = &field.mapping {
            let problem = match format {
                "csv" if m.parse::<u32>().is_err() => Some((
                    format!("csv mapping `{}` is not a column index", printable(m)),
                    "use the 0-based column index, e.g. \"2\"",
                )),
                "raw"
                    if !match m.split_once(':') {
                        Some((a, b)) => a.parse::<u32>().is_ok() && b.parse::<u32>().is_ok(),
                        None => m.parse::<u32>().is_ok(),
                    } =>
                {
                    Some((
                        format!(
                            "raw mapping `{}` is not `start` or `start:end`",
                            printable(m)
                        ),
                        "use byte offsets, e.g. \"0:8\"",
                    ))
                }
                _ => None,
            };
            if let Some((message, help)) = problem {
                r.report(
                    &format!("{fp}.mapping"),
                    needle,
                    Diagnostic::new(&KAFKA_TOPIC, message).help(help),
                );
            }
        }
        if let Some(hidden) = &field.hidden {
            // Trino reads descriptions with Jackson, which coerces the strings `"true"` and
            // `"false"` (and integers) to booleans: those load, anything else fails.
            let coerced = hidden.is_i64()
                || hidden.as_str().is_some_and(|t| {
                    ["true", "True", "TRUE", "false", "False", "FALSE"].contains(&t)
                });
            if !hidden.is_boolean() {
                let d = if coerced {
                    Diagnostic::new(&KAFKA_TOPIC, format!("`hidden` of column `{}` is {hidden}, not a boolean; Trino converts it, other readers may not", printable(&field.name)))
                        .severity(Severity::Warning)
                } else {
                    Diagnostic::new(&KAFKA_TOPIC, format!("`hidden` of column `{}` is {hidden}, not a boolean; the description fails to load", printable(&field.name)))
                };
                r.report(
                    &format!("{fp}.hidden"),
                    needle,
                    d.help("write `\"hidden\": true` or `false`, without quotes"),
                );
            }
        }
    }
}

/// Whether `ty` names a Trino type (`BIGINT`, `varchar(20)`, `TIMESTAMP(3) WITH TIME ZONE`).
pub fn is_trino_type(ty: &str) -> bool {
    let lower = ty.trim().to_ascii_lowercase();
    let mut base = String::new();
    let mut depth = 0usize;
    for c in lower.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => base.push(c),
            _ => {}
        }
    }
    let base = base.split_whitespace().collect::<Vec<_>>().join(" ");
    !base.is_empty()
        && catalogue()
            .standard_types()
            .iter()
            .any(|t| t.eq_ignore_ascii_case(&base))
}

/// Whether the decoder `format` can produce Trino type `ty` (with the field's own data format).
fn type_supported(format: &str, field_format: Option<&str>, ty: &str) -> Result<(), String> {
    if !is_trino_type(ty) {
        return Err("not a Trino type (e.g. BIGINT, VARCHAR, DOUBLE, TIMESTAMP(3))".to_owned());
    }
    let t = ty.trim().to_ascii_lowercase();
    let base = t.split('(').next().unwrap_or(&t).trim();
    let simple = [
        "varchar", "bigint", "integer", "smallint", "tinyint", "boolean", "double",
    ];
    match format {
        "csv" => {
            if simple.contains(&base) {
                Ok(())
            } else {
                Err(format!("the csv decoder reads {} only", simple.join(", ")))
            }
        }
        "raw" => {
            let allowed: &[&str] = match base {
                "bigint" | "boolean" => &["BYTE", "SHORT", "INT", "LONG"],
                "integer" => &["BYTE", "SHORT", "INT"],
                "smallint" => &["BYTE", "SHORT"],
                "tinyint" | "varchar" => &["BYTE"],
                "double" => &["DOUBLE", "FLOAT"],
                _ => return Err("the raw decoder reads bigint, integer, smallint, tinyint, boolean, double and varchar".into()),
            };
            let df = field_format.unwrap_or("BYTE").to_ascii_uppercase();
            if allowed.contains(&df.as_str()) {
                Ok(())
            } else {
                Err(format!(
                    "raw data format `{df}` cannot hold {base}; use one of {}",
                    allowed.join(", ")
                ))
            }
        }
        "json" => match field_format {
            None => {
                if simple.contains(&base) {
                    Ok(())
                } else {
                    Err(format!("without `data_format` the json decoder reads {} only; date/time types need a `data_format` such as `iso8601`", simple.join(", ")))
                }
            }
            Some(df) => {
                let temporal_all = [
                    "date",
                    "time(3)",
                    "time(3) with time zone",
                    "timestamp(3)",
                    "timestamp(3) with time zone",
                ];
                // Without a precision, TIME and TIMESTAMP mean precision 3.
                let normalized = t.split_whitespace().collect::<Vec<_>>().join(" ");
                let normalized = match normalized.as_str() {
                    "time" | "timestamp" => format!("{normalized}(3)"),
                    "time with time zone" => "time(3) with time zone".to_owned(),
                    "timestamp with time zone" => "timestamp(3) with time zone".to_owned(),
                    _ => normalized,
                };
                let allowed: &[&str] = match df {
                    "custom-date-time" | "iso8601" => &temporal_all,
                    "seconds-since-epoch" | "milliseconds-since-epoch" => &temporal_all[1..],
                    "rfc2822" => &temporal_all[3..],
                    other => return Err(format!("`{other}` is not a json field data format; use iso8601, custom-date-time, seconds-since-epoch, milliseconds-since-epoch or rfc2822")),
                };
                if allowed.contains(&normalized.as_str()) {
                    Ok(())
                } else {
                    Err(format!(
                        "json data format `{df}` reads {} only",
                        allowed.join(", ")
                    ))
                }
            }
        },
        _ => Ok(()),
    }
}
