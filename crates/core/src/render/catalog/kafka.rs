//! The Kafka connector and its topic description files.

use serde::Serialize;

use super::Entries;
use crate::render::{Body, ConfigFile};
use crate::spec::{Kafka, KafkaFieldGroup, KafkaTopic, Spec};

/// Directory of a Kafka catalog's topic descriptions, relative to `etc`.
pub fn description_dir(catalog: &str) -> String {
    format!("kafka/{catalog}")
}

/// File name of a topic description: `<schema>.<table>.json`.
pub fn description_file(kafka: &Kafka, topic: &KafkaTopic) -> String {
    format!("{}.{}.json", kafka.schema_of(topic), topic.table)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TopicDescription<'a> {
    table_name: &'a str,
    schema_name: &'a str,
    topic_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<FieldGroup<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<FieldGroup<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FieldGroup<'a> {
    data_format: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_schema: Option<&'a str>,
    fields: Vec<Field<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Field<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    ty: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    mapping: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_format: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format_hint: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    hidden: bool,
}

fn group(g: &KafkaFieldGroup) -> FieldGroup<'_> {
    FieldGroup {
        data_format: g.data_format.as_str(),
        data_schema: g.data_schema.as_deref(),
        fields: g
            .fields
            .iter()
            .map(|f| Field {
                name: &f.name,
                ty: &f.ty,
                mapping: f.mapping.as_deref(),
                data_format: f.data_format.as_deref(),
                format_hint: f.format_hint.as_deref(),
                comment: f.comment.as_deref(),
                hidden: f.hidden,
            })
            .collect(),
    }
}

/// The topic description JSON of one topic.
pub fn description_json(kafka: &Kafka, topic: &KafkaTopic) -> String {
    let d = TopicDescription {
        table_name: &topic.table,
        schema_name: kafka.schema_of(topic),
        topic_name: topic.topic.as_deref().unwrap_or(&topic.table),
        key: topic.key.as_ref().map(group),
        message: topic.message.as_ref().map(group),
    };
    serde_json::to_string_pretty(&d).unwrap_or_default()
}

/// Fills the catalog entries and returns the topic description files.
pub fn render(spec: &Spec, name: &str, c: &Kafka, e: &mut Entries<'_>) -> Vec<ConfigFile> {
    e.put("kafka.nodes", c.nodes.join(","));
    e.put_opt("kafka.default-schema", c.default_schema.as_ref());
    e.put_opt("kafka.hide-internal-columns", c.hide_internal_columns);
    if c.topics.is_empty() {
        return Vec::new();
    }
    let names: Vec<String> = c
        .topics
        .iter()
        .map(|t| format!("{}.{}", c.schema_of(t), t.table))
        .collect();
    e.put("kafka.table-names", names.join(","));
    let dir = description_dir(name);
    e.put(
        "kafka.table-description-dir",
        format!("{}/{dir}", spec.cluster.config_root.trim_end_matches('/')),
    );
    c.topics
        .iter()
        .map(|t| ConfigFile {
            path: format!("{dir}/{}", description_file(c, t)),
            body: Body::Json(description_json(c, t)),
        })
        .collect()
}
