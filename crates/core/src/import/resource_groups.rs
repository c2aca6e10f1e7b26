//! `[resource_groups]` from the file manager's `resource-groups.properties` and its JSON file,
//! when the groups and selectors say only what the spec writes. A file that says more
//! (`cpuQuotaPeriod`, `jmxExport`, a selector by `userGroup`, ...) is not imported, with the
//! keys that keep it out named.

use serde_json::{Map, Value};

use super::doc::Val;
use super::{Entries, FileManager};
use crate::spec::decl::Choice;
use crate::spec::SchedulingPolicy;

const GROUP_KEYS: &[&str] = &[
    "name",
    "softMemoryLimit",
    "hardConcurrencyLimit",
    "maxQueued",
    "softConcurrencyLimit",
    "schedulingPolicy",
    "schedulingWeight",
    "subGroups",
];
const SELECTOR_KEYS: &[&str] = &["user", "source", "queryType", "clientTags", "group"];

/// The file resource groups manager, as `[[resource_groups.groups]]` and
/// `[[resource_groups.selectors]]`.
pub(super) const MANAGER: FileManager = FileManager {
    files: crate::model::RESOURCE_GROUPS,
    table: "`[resource_groups]`",
    read: |value| {
        let (groups, selectors) = entries(value)?;
        Ok(groups
            .into_iter()
            .map(|g| ("resource_groups.groups", g))
            .chain(
                selectors
                    .into_iter()
                    .map(|s| ("resource_groups.selectors", s)),
            )
            .collect())
    },
};

/// The groups (depth first, with dotted names) and the selectors, or why the spec cannot
/// write them.
fn entries(value: &Value) -> Result<(Vec<Entries>, Vec<Entries>), String> {
    let root = value.as_object().ok_or("it is not a JSON object")?;
    only(root, &["rootGroups", "selectors"], "the file")?;
    let mut groups = Vec::new();
    let roots = root.get("rootGroups").and_then(Value::as_array);
    for g in roots.ok_or("it has no `rootGroups` list")? {
        group(g, None, &mut groups)?;
    }
    let mut selectors = Vec::new();
    for s in root
        .get("selectors")
        .and_then(Value::as_array)
        .ok_or("it has no `selectors` list")?
    {
        let s = s.as_object().ok_or("a selector is not a JSON object")?;
        only(s, SELECTOR_KEYS, "a selector")?;
        let mut e: Entries = Vec::new();
        for (json_key, spec_key) in [
            ("group", "group"),
            ("user", "user"),
            ("source", "source"),
            ("queryType", "query_type"),
        ] {
            if let Some(v) = s.get(json_key) {
                let text = v
                    .as_str()
                    .ok_or(format!("a selector's `{json_key}` is not text"))?;
                e.push((spec_key.to_owned(), Val::Str(text.to_owned())));
            }
        }
        if let Some(tags) = s.get("clientTags") {
            let tags: Option<Vec<String>> = tags
                .as_array()
                .and_then(|t| t.iter().map(|v| v.as_str().map(str::to_owned)).collect());
            let tags = tags.ok_or("a selector's `clientTags` is not a list of strings")?;
            e.push(("client_tags".to_owned(), Val::Strs(tags)));
        }
        selectors.push(e);
    }
    Ok((groups, selectors))
}

/// Every key of `object` is one of `known`.
fn only(object: &Map<String, Value>, known: &[&str], what: &str) -> Result<(), String> {
    match object.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) => Err(format!("{what} sets `{k}`, which the spec does not write")),
        None => Ok(()),
    }
}

/// One group and its subgroups, depth first.
fn group(value: &Value, parent: Option<&str>, out: &mut Vec<Entries>) -> Result<(), String> {
    let g = value.as_object().ok_or("a group is not a JSON object")?;
    only(g, GROUP_KEYS, "a group")?;
    let name = g
        .get("name")
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty() && !n.contains('.'))
        .ok_or("a group has no plain `name`")?;
    let path = parent.map_or_else(|| name.to_owned(), |p| format!("{p}.{name}"));
    let int = |key: &str| -> Result<Option<Val>, String> {
        g.get(key)
            .map(|v| {
                v.as_u64()
                    .filter(|n| u32::try_from(*n).is_ok())
                    .map(Val::Int)
                    .ok_or(format!("group `{path}`: `{key}` is not a count"))
            })
            .transpose()
    };
    let mut e: Entries = vec![("name".to_owned(), Val::Str(path.clone()))];
    let soft = g
        .get("softMemoryLimit")
        .and_then(Value::as_str)
        .ok_or(format!("group `{path}` has no `softMemoryLimit` text"))?;
    e.push(("soft_memory_limit".to_owned(), Val::Str(soft.to_owned())));
    for (json_key, spec_key, required) in [
        ("hardConcurrencyLimit", "hard_concurrency_limit", true),
        ("maxQueued", "max_queued", true),
        ("softConcurrencyLimit", "soft_concurrency_limit", false),
        ("schedulingWeight", "scheduling_weight", false),
    ] {
        match int(json_key)? {
            Some(v) => e.push((spec_key.to_owned(), v)),
            None if required => return Err(format!("group `{path}` has no `{json_key}`")),
            None => {}
        }
    }
    if let Some(policy) = g.get("schedulingPolicy") {
        let known = policy.as_str().filter(|p| {
            SchedulingPolicy::VARIANTS
                .iter()
                .any(|v| v.name.eq_ignore_ascii_case(p))
        });
        let policy = known.ok_or(format!(
            "group `{path}`: `schedulingPolicy` {policy} is not one the spec writes"
        ))?;
        e.push((
            "scheduling_policy".to_owned(),
            Val::Str(policy.to_ascii_lowercase()),
        ));
    }
    out.push(e);
    for sub in g
        .get("subGroups")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        group(sub, Some(&path), out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_groups_become_dotted_names_depth_first() {
        let value: Value = serde_json::from_str(
            r#"{"rootGroups": [
                {"name": "global", "softMemoryLimit": "80%", "hardConcurrencyLimit": 20, "maxQueued": 100,
                 "schedulingPolicy": "weighted_fair",
                 "subGroups": [{"name": "adhoc", "softMemoryLimit": "50%", "hardConcurrencyLimit": 10,
                                "maxQueued": 50, "schedulingWeight": 3}]},
                {"name": "etl", "softMemoryLimit": "1TB", "hardConcurrencyLimit": 5, "maxQueued": 10}],
              "selectors": [{"source": ".*airflow.*", "clientTags": ["x"], "group": "etl"}]}"#,
        )
        .unwrap();
        let (groups, selectors) = entries(&value).unwrap();
        let names: Vec<&Val> = groups.iter().map(|g| &g[0].1).collect();
        assert_eq!(
            names,
            [
                &Val::Str("global".into()),
                &Val::Str("global.adhoc".into()),
                &Val::Str("etl".into())
            ]
        );
        assert!(groups[0].contains(&("scheduling_policy".into(), Val::Str("weighted_fair".into()))));
        assert!(groups[1].contains(&("scheduling_weight".into(), Val::Int(3))));
        assert_eq!(
            selectors[0],
            [
                ("group".to_owned(), Val::Str("etl".into())),
                ("source".to_owned(), Val::Str(".*airflow.*".into())),
                ("client_tags".to_owned(), Val::Strs(vec!["x".into()])),
            ]
        );
    }

    #[test]
    fn what_the_spec_cannot_write_keeps_the_file_out() {
        for (json, why) in [
            (
                r#"{"rootGroups": [], "selectors": [], "cpuQuotaPeriod": "1h"}"#,
                "`cpuQuotaPeriod`",
            ),
            (
                r#"{"rootGroups": [{"name": "g", "softMemoryLimit": "1%", "hardConcurrencyLimit": 1, "maxQueued": 1, "jmxExport": true}], "selectors": []}"#,
                "`jmxExport`",
            ),
            (
                r#"{"rootGroups": [], "selectors": [{"userGroup": "admins", "group": "g"}]}"#,
                "`userGroup`",
            ),
            (
                r#"{"rootGroups": [{"name": "g", "softMemoryLimit": "1%", "maxRunning": 1, "maxQueued": 1}], "selectors": []}"#,
                "`maxRunning`",
            ),
            (
                r#"{"rootGroups": [{"name": "g", "softMemoryLimit": "1%", "hardConcurrencyLimit": -1, "maxQueued": 1}], "selectors": []}"#,
                "not a count",
            ),
        ] {
            let value: Value = serde_json::from_str(json).unwrap();
            let err = entries(&value).unwrap_err();
            assert!(err.contains(why), "{json}: {err}");
        }
    }
}
