//! `[[session_properties.rules]]` from the file session property manager's
//! `session-property-config.properties` and its JSON rules, when every rule says only what the
//! spec writes.

use serde_json::Value;

use super::doc::{inline, Val};
use super::{Entries, FileManager};
use crate::spec::names::{is_session_property_name, QUERY_TYPES};

/// The file session property manager, as `[[session_properties.rules]]`.
pub(super) const MANAGER: FileManager = FileManager {
    files: crate::model::SESSION_PROPERTIES,
    table: "`[[session_properties.rules]]`",
    read: |value| {
        Ok(rules(value)?
            .into_iter()
            .map(|r| ("session_properties.rules", r))
            .collect())
    },
};

/// The rules as the spec writes them, or why it cannot.
fn rules(value: &Value) -> Result<Vec<Entries>, String> {
    let list = value.as_array().ok_or("it is not a JSON list of rules")?;
    let mut out = Vec::new();
    for (i, rule) in list.iter().enumerate() {
        let rule = rule
            .as_object()
            .ok_or(format!("rule {i} is not a JSON object"))?;
        let mut e: Entries = Vec::new();
        for key in ["user", "source", "group"] {
            match rule.get(key) {
                None | Some(Value::Null) => {}
                Some(Value::String(p)) if crate::java_regex::check(p).is_ok() => {
                    e.push((key.to_owned(), Val::Str(p.clone())));
                }
                Some(_) => {
                    return Err(format!(
                        "rule {i}: `{key}` is not a Java regular expression"
                    ))
                }
            }
        }
        if let Some(t) = rule.get("queryType").filter(|v| !v.is_null()) {
            let t = t
                .as_str()
                .map(str::to_ascii_uppercase)
                .filter(|t| QUERY_TYPES.contains(&t.as_str()))
                .ok_or(format!("rule {i}: `queryType` {t} is not a query type"))?;
            e.push(("query_type".to_owned(), Val::Str(t)));
        }
        if let Some(tags) = rule.get("clientTags").filter(|v| !v.is_null()) {
            let tags: Option<Vec<String>> = tags
                .as_array()
                .and_then(|t| t.iter().map(|v| v.as_str().map(str::to_owned)).collect());
            let tags = tags.ok_or(format!("rule {i}: `clientTags` is not a list of strings"))?;
            e.push(("client_tags".to_owned(), Val::Strs(tags)));
        }
        let props = rule
            .get("sessionProperties")
            .and_then(Value::as_object)
            .filter(|p| !p.is_empty())
            .ok_or(format!("rule {i} sets no `sessionProperties`"))?;
        let mut entries: Vec<(&str, Val)> = Vec::new();
        for (name, v) in props {
            if !is_session_property_name(name) {
                return Err(format!("rule {i}: `{name}` is not a session property name"));
            }
            let text = match v {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                _ => return Err(format!("rule {i}: `{name}` is not a value")),
            };
            entries.push((name, Val::Str(text)));
        }
        e.push(("properties".to_owned(), inline(&entries)));
        if let Some(k) = rule.keys().find(|k| {
            ![
                "user",
                "source",
                "group",
                "queryType",
                "clientTags",
                "sessionProperties",
            ]
            .contains(&k.as_str())
        }) {
            return Err(format!("rule {i} sets `{k}`, which Trino does not read"));
        }
        out.push(e);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_become_spec_tables() {
        let value: Value = serde_json::from_str(
            r#"[{"group": "global.*", "queryType": "insert", "clientTags": ["etl"],
                 "sessionProperties": {"scale_writers": true, "hive.compression_codec": "ZSTD", "task_concurrency": 8}}]"#,
        )
        .unwrap();
        let rules = rules(&value).unwrap();
        let text: Vec<String> = rules[0]
            .iter()
            .map(|(k, v)| format!("{k} = {}", v.toml()))
            .collect();
        assert_eq!(
            text,
            [
                "group = \"global.*\"",
                "query_type = \"INSERT\"",
                "client_tags = [\"etl\"]",
                "properties = { \"hive.compression_codec\" = \"ZSTD\", scale_writers = \"true\", task_concurrency = \"8\" }",
            ]
        );
    }

    #[test]
    fn what_the_spec_cannot_write_keeps_the_file_out() {
        for (json, why) in [
            (
                r#"[{"user": "(x", "sessionProperties": {"a": "b"}}]"#,
                "not a Java regular",
            ),
            (
                r#"[{"queryType": "COPY", "sessionProperties": {"a": "b"}}]"#,
                "not a query type",
            ),
            (r#"[{"group": "g"}]"#, "sets no `sessionProperties`"),
            (
                r#"[{"sessionProperties": {"a": "b"}, "catalogSessionProperties": {}}]"#,
                "`catalogSessionProperties`",
            ),
            (
                r#"[{"sessionProperties": {"a b": "c"}}]"#,
                "not a session property name",
            ),
            ("{}", "not a JSON list"),
        ] {
            let value: Value = serde_json::from_str(json).unwrap();
            let err = rules(&value).unwrap_err();
            assert!(err.contains(why), "{json}: {err}");
        }
    }
}
