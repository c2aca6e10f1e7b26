//! The Kafka connector and its topic description files.

use super::Entries;
use crate::model::{
    Content, File, Origin, TopicDescription, TopicField, TopicFile, TopicGroup, TopicOrigin,
};
use crate::spec::{Kafka, KafkaFieldGroup, KafkaTopic, Spec};

/// Directory of a Kafka catalog's topic descriptions, relative to `etc`.
pub fn description_dir(catalog: &str) -> String {
    format!("kafka/{catalog}")
}

/// File name of a topic description: `<schema>.<table>.json`.
pub fn description_file(kafka: &Kafka, topic: &KafkaTopic) -> String {
    format!("{}.{}.json", kafka.schema_of(topic), topic.table)
}

fn group(g: &KafkaFieldGroup) -> TopicGroup {
    TopicGroup {
        data_format: Some(g.data_format.as_str().to_owned()),
        data_schema: g.data_schema.clone(),
        fields: g
            .fields
            .iter()
            .map(|f| TopicField {
                name: f.name.clone(),
                ty: f.ty.clone(),
                mapping: f.mapping.clone(),
                data_format: f.data_format.clone(),
                format_hint: f.format_hint.clone(),
                comment: f.comment.clone(),
                hidden: f.hidden.then_some(serde_json::Value::Bool(true)),
            })
            .collect(),
    }
}

/// The topic description of one topic.
pub fn description(kafka: &Kafka, topic: &KafkaTopic) -> TopicDescription {
    TopicDescription {
        table_name: Some(topic.table.clone()),
        schema_name: Some(kafka.schema_of(topic).to_owned()),
        topic_name: Some(topic.topic.clone().unwrap_or_else(|| topic.table.clone())),
        key: topic.key.as_ref().map(group),
        message: topic.message.as_ref().map(group),
    }
}

/// Fills the catalog entries and returns the topic description files.
pub fn lower(spec: &Spec, name: &str, c: &Kafka, e: &mut Entries<'_>) -> Vec<File> {
    if !c.nodes.is_empty() {
        e.put("kafka.nodes", c.nodes.join(","), "nodes");
    }
    e.put_opt(
        "kafka.default-schema",
        c.default_schema.as_ref(),
        "default_schema",
    );
    e.put_opt(
        "kafka.hide-internal-columns",
        c.hide_internal_columns,
        "hide_internal_columns",
    );
    if c.topics.is_empty() {
        return Vec::new();
    }
    let names: Vec<String> = c
        .topics
        .iter()
        .map(|t| format!("{}.{}", c.schema_of(t), t.table))
        .collect();
    e.put("kafka.table-names", names.join(","), "topics");
    let dir = description_dir(name);
    e.put(
        "kafka.table-description-dir",
        format!("{}/{dir}", spec.cluster.config_root.trim_end_matches('/')),
        "topics",
    );
    let base = e.base.clone();
    c.topics
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let at = format!("{base}.topics[{i}]");
            File {
                rel: format!("{dir}/{}", description_file(c, t)),
                at: Origin::Spec(at.clone()),
                content: Content::Topic(Box::new(TopicFile {
                    description: Ok(description(c, t)),
                    at: TopicOrigin::Spec(at),
                })),
            }
        })
        .collect()
}
