//! The session property defaults of the spec (`[[session_properties.rules]]`): the file session
//! property manager's properties and its JSON rules, in the coordinator's configuration
//! directory.

use serde_json::{json, Map, Value};

use super::file_manager;
use crate::memory::Role;
use crate::model::{File, SESSION_PROPERTIES};
use crate::spec::{PropertyValue, Spec};

/// The files the session property defaults add to the coordinator.
pub fn files(spec: &Spec, role: Role) -> Vec<File> {
    let rules = &spec.session_properties.rules;
    if role != Role::Coordinator || rules.is_empty() {
        return Vec::new();
    }
    let root = spec.cluster.config_root.trim_end_matches('/');
    let value = Value::Array(
        rules
            .iter()
            .map(|r| {
                let mut m = Map::new();
                for (key, v) in [
                    ("user", &r.user),
                    ("source", &r.source),
                    ("group", &r.group),
                    ("queryType", &r.query_type),
                ] {
                    if let Some(v) = v {
                        m.insert(key.into(), json!(v));
                    }
                }
                if !r.client_tags.is_empty() {
                    m.insert("clientTags".into(), json!(r.client_tags));
                }
                let properties: Map<String, Value> = r
                    .properties
                    .iter()
                    .filter_map(|(k, v)| match v {
                        PropertyValue::Text(t) => Some((k.clone(), json!(t))),
                        // Refused by the spec reader.
                        PropertyValue::Secret(_) => None,
                    })
                    .collect();
                m.insert("sessionProperties".into(), Value::Object(properties));
                Value::Object(m)
            })
            .collect(),
    );
    // A rule, and its properties: a catalog property's diagnostic points at its key.
    let parts = (0..rules.len())
        .flat_map(|i| {
            [
                (format!("/{i}"), format!("rules[{i}]")),
                (
                    format!("/{i}/sessionProperties"),
                    format!("rules[{i}].properties"),
                ),
            ]
        })
        .collect();
    file_manager(
        &SESSION_PROPERTIES,
        root,
        "session-property-config.json",
        (value, parts),
        "session_properties",
    )
}
