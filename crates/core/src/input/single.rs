//! One configuration file given alone (`trinocfg check config.properties`): which file of a
//! Trino configuration directory it is, told from its name and its keys, and the one-node model
//! that holds it.
//!
//! Nothing is known of the directory's other files, so the node is marked as holding none of
//! its parts in full ([`Completeness::NONE`]): the rules about absent files stay silent, every
//! other rule judges the file as it would in its directory.

use super::NodeFiles;
use crate::memory::Role;
use crate::model::{
    Cluster, Completeness, FileManager, SourceFile, ACCESS_CONTROL, RESOURCE_GROUPS,
    SESSION_PROPERTIES,
};
use crate::properties;
use crate::rules::security::RULE_SECTIONS;

/// A plugin file of the configuration root and the key that names its plugin (Trino's plugin
/// loaders read `etc/<base>.properties` and take the plugin from that key).
const PLUGIN_FILES: &[(&str, &str)] = &[
    ("exchange-manager", "exchange-manager.name"),
    ("access-control", "access-control.name"),
    ("password-authenticator", "password-authenticator.name"),
    ("header-authenticator", "header-authenticator.name"),
    (
        "certificate-authenticator",
        "certificate-authenticator.name",
    ),
    ("group-provider", "group-provider.name"),
    ("event-listener", "event-listener.name"),
    ("spooling-manager", "spooling-manager.name"),
    ("resource-groups", "resource-groups.configuration-manager"),
    (
        "session-property-config",
        "session-property-config.configuration-manager",
    ),
];

/// Keys only `config.properties` sets; an entry ending in `.` or `-` is a prefix.
const SERVER_KEYS: &[&str] = &[
    "coordinator",
    "discovery.uri",
    "discovery-server.",
    "http-server.",
    "node-scheduler.",
    "query.",
    "memory.",
    "retry-policy",
    "task.",
    "internal-communication.",
    "web-ui.",
    "catalog.management",
    "catalog.config-dir",
    "fault-tolerant-execution-",
    "protocol.spooling.",
    "shutdown.grace-period",
];

/// The levels `log.properties` takes.
const LOG_LEVELS: &[&str] = &["OFF", "TRACE", "DEBUG", "INFO", "WARN", "ERROR"];

/// Whether a file of this name, directly in a directory, says the directory is a Trino
/// configuration root: `config.properties`, `jvm.config`, `node.properties`,
/// `log.properties` or a plugin file such as `access-control.properties`.
pub fn is_root_file(name: &str) -> bool {
    matches!(
        name,
        "config.properties" | "jvm.config" | "node.properties" | "log.properties"
    ) || name
        .strip_suffix(".properties")
        .is_some_and(|base| PLUGIN_FILES.iter().any(|(b, _)| *b == base))
}

/// How the kind of a file was told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evidence {
    /// Its file name (`config.properties`, `jvm.config`).
    Name,
    /// A key it sets (`connector.name`, `access-control.name`, `coordinator`).
    Key(String),
    /// Its keys as a whole (every key `node.*`; every value a log level).
    Keys(&'static str),
    /// Its content (JVM options one per line; a JSON table description).
    Content(&'static str),
}

/// What a file given alone is taken as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TakenAs {
    /// Its path relative to the configuration root: `config.properties`,
    /// `catalog/hive.properties`, `access-control.properties`, `jvm.config`,
    /// `kafka/shop.orders.json`.
    pub rel: String,
    /// How that was told.
    pub by: Evidence,
}

impl TakenAs {
    /// What the file was checked as, for a note to the user: `the coordinator's
    /// config.properties (told by its name)`. Names keys, never values.
    pub fn describe(&self, text: &str) -> String {
        let what = match self.rel.as_str() {
            "config.properties" => {
                let parsed = properties::parse(text);
                let worker = parsed
                    .entries
                    .iter()
                    .rev()
                    .find(|e| e.key == "coordinator")
                    .is_some_and(|e| e.value.trim().eq_ignore_ascii_case("false"));
                if worker {
                    "a worker's config.properties".to_owned()
                } else {
                    "the coordinator's config.properties".to_owned()
                }
            }
            "node.properties" | "jvm.config" | "log.properties" => {
                format!("a node's {}", self.rel)
            }
            rel if rel.starts_with("catalog/") => format!("the catalog file {rel}"),
            rel if rel.starts_with("kafka/") => {
                format!("a Kafka table description, {rel}")
            }
            rel => format!("the plugin file {rel}"),
        };
        let by = match &self.by {
            Evidence::Name => "told by its name".to_owned(),
            Evidence::Key(key) => format!("it sets `{key}`"),
            Evidence::Keys(what) | Evidence::Content(what) => (*what).to_owned(),
        };
        format!("{what} ({by})")
    }
}

/// Which file `text` is, from its file name `name` (`None` on standard input) and its content;
/// `None` when neither tells.
pub fn classify(name: Option<&str>, text: &str) -> Option<TakenAs> {
    let by_name = |rel: &str| {
        Some(TakenAs {
            rel: rel.to_owned(),
            by: Evidence::Name,
        })
    };
    let name = name.map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n));
    if name == Some("jvm.config") {
        return by_name("jvm.config");
    }
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if name.is_some_and(|n| n.ends_with(".json")) || trimmed.starts_with(['{', '[']) {
        return topic_description(name, text).or_else(|| plugin_json(text));
    }
    let stem = name.and_then(|n| n.strip_suffix(".properties"));
    match stem {
        Some("config") => return by_name("config.properties"),
        Some("node") => return by_name("node.properties"),
        Some("log") => return by_name("log.properties"),
        Some(base) if PLUGIN_FILES.iter().any(|(b, _)| *b == base) => {
            return by_name(&format!("{base}.properties"));
        }
        _ => {}
    }
    let parsed = properties::parse(text);
    let keys: Vec<&str> = parsed.entries.iter().map(|e| e.key.as_str()).collect();
    let has = |key: &str| keys.contains(&key);
    let by_key = |rel: String, key: &str| {
        Some(TakenAs {
            rel,
            by: Evidence::Key(key.to_owned()),
        })
    };
    if has("connector.name") {
        let catalog = stem.unwrap_or("stdin");
        return by_key(format!("catalog/{catalog}.properties"), "connector.name");
    }
    for (base, key) in PLUGIN_FILES {
        if has(key) {
            return by_key(format!("{base}.properties"), key);
        }
    }
    if has("exchange.base-directories") {
        return by_key(
            "exchange-manager.properties".to_owned(),
            "exchange.base-directories",
        );
    }
    if let Some(key) = keys.iter().find(|k| {
        SERVER_KEYS
            .iter()
            .any(|s| **k == *s || (s.ends_with(['.', '-']) && k.starts_with(s)))
    }) {
        return by_key("config.properties".to_owned(), key);
    }
    if !keys.is_empty() && keys.iter().all(|k| k.starts_with("node.")) {
        return Some(TakenAs {
            rel: "node.properties".to_owned(),
            by: Evidence::Keys("every key is `node.*`"),
        });
    }
    if !parsed.entries.is_empty()
        && parsed.entries.iter().all(|e| {
            LOG_LEVELS
                .iter()
                .any(|l| l.eq_ignore_ascii_case(e.value.trim()))
        })
    {
        return Some(TakenAs {
            rel: "log.properties".to_owned(),
            by: Evidence::Keys("every value is a log level"),
        });
    }
    let options: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    if !options.is_empty() && options.iter().all(|l| l.starts_with('-')) {
        return Some(TakenAs {
            rel: "jvm.config".to_owned(),
            by: Evidence::Content("JVM options, one per line"),
        });
    }
    None
}

/// A Kafka table description: JSON naming `tableName` or `topicName`.
fn topic_description(name: Option<&str>, text: &str) -> Option<TakenAs> {
    let value: serde_json::Value =
        serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    let object = value.as_object()?;
    if !(object.contains_key("tableName") || object.contains_key("topicName")) {
        return None;
    }
    let file = name.unwrap_or("stdin.json");
    Some(TakenAs {
        rel: format!("kafka/{file}"),
        by: Evidence::Content("JSON naming `tableName` or `topicName`"),
    })
}

/// The JSON files of the coordinator's file managers, as a file given alone is taken: their
/// path under the configuration root, the manager that reads it, and what tells them.
const PLUGIN_JSON: [(&str, FileManager, &str); 3] = [
    (
        "session-property-config.json",
        SESSION_PROPERTIES,
        "a JSON list of rules with `sessionProperties`",
    ),
    (
        "resource-groups.json",
        RESOURCE_GROUPS,
        "JSON with `rootGroups`",
    ),
    (
        "rules.json",
        ACCESS_CONTROL,
        "JSON of file-based access control rules",
    ),
];

/// A file manager's JSON, told by its shape: session property rules (a list of objects, one
/// with `sessionProperties`), resource groups (`rootGroups`) or access control rules (an object
/// of rule lists such as `catalogs` and `tables`).
fn plugin_json(text: &str) -> Option<TakenAs> {
    let value: serde_json::Value =
        serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    let index = match &value {
        serde_json::Value::Array(rules)
            if rules.iter().any(|r| r.get("sessionProperties").is_some()) =>
        {
            0
        }
        serde_json::Value::Object(o) if o.contains_key("rootGroups") => 1,
        serde_json::Value::Object(o)
            if !o.is_empty() && o.keys().all(|k| RULE_SECTIONS.contains(&k.as_str())) =>
        {
            2
        }
        _ => return None,
    };
    let (rel, _, what) = &PLUGIN_JSON[index];
    Some(TakenAs {
        rel: (*rel).to_owned(),
        by: Evidence::Content(what),
    })
}

/// The model of one file given alone: one node of unknown role (a `config.properties` tells it
/// with `coordinator=`) that holds nothing else. `display` names the file in diagnostics. A file
/// manager's JSON comes with the properties file that configures its manager, which the rules
/// follow to it (`session-property-config.properties`, named `(implied)`).
pub fn cluster(taken: &TakenAs, display: &str, text: &str) -> Cluster {
    let config_root = "/etc/trino";
    let mut files = vec![SourceFile::standalone(taken.rel.clone(), display, text)];
    if let Some((rel, m, _)) = PLUGIN_JSON.iter().find(|(rel, ..)| *rel == taken.rel) {
        let implied = format!(
            "{}=file\n{}={config_root}/{rel}\n",
            m.manager_key, m.path_key
        );
        files.push(SourceFile::standalone(m.properties, "(implied)", implied));
    }
    super::cluster(vec![NodeFiles {
        label: display.to_owned(),
        role: None::<Role>,
        files,
        config_root: config_root.into(),
        complete: Completeness::NONE,
        ..NodeFiles::default()
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(name: Option<&str>, text: &str) -> Option<String> {
        classify(name, text).map(|t| t.rel)
    }

    #[test]
    fn names_tell_first() {
        let s = Some;
        assert_eq!(
            rel(s("config.properties"), "a=b\n").unwrap(),
            "config.properties"
        );
        assert_eq!(
            rel(s("etc/node.properties"), "").unwrap(),
            "node.properties"
        );
        assert_eq!(
            rel(s("log.properties"), "io.trino=INFO\n").unwrap(),
            "log.properties"
        );
        assert_eq!(rel(s("jvm.config"), "-Xmx1G\n").unwrap(), "jvm.config");
        assert_eq!(
            rel(s("access-control.properties"), "x=y\n").unwrap(),
            "access-control.properties"
        );
        assert_eq!(
            rel(s("exchange-manager.properties"), "").unwrap(),
            "exchange-manager.properties"
        );
    }

    #[test]
    fn a_file_managers_json_is_told_by_its_shape() {
        let s = Some;
        let session = r#"[{"user": "a", "sessionProperties": {"query_max_run_time": "1h"}}]"#;
        assert_eq!(
            rel(s("defaults.json"), session).unwrap(),
            "session-property-config.json"
        );
        assert_eq!(rel(None, session).unwrap(), "session-property-config.json");
        assert_eq!(
            rel(None, r#"{"rootGroups": [], "selectors": []}"#).unwrap(),
            "resource-groups.json"
        );
        assert_eq!(
            rel(s("rules.json"), r#"{"catalogs": [], "tables": []}"#).unwrap(),
            "rules.json"
        );
        // A list without `sessionProperties`, an object with other keys: not told.
        assert_eq!(rel(s("x.json"), r#"[{"user": "a"}]"#), None);
        assert_eq!(rel(s("x.json"), r#"{"catalogs": [], "name": "x"}"#), None);
        assert_eq!(rel(s("x.json"), "{}"), None);
        // The model holds the properties file that points the manager at it.
        let taken = classify(None, session).unwrap();
        let c = cluster(&taken, "stdin", session);
        let node = &c.nodes[0];
        assert!(node
            .plugin_json(&crate::model::SESSION_PROPERTIES)
            .is_some());
    }

    #[test]
    fn keys_tell_the_rest() {
        let s = Some;
        assert_eq!(
            rel(s("hive.properties"), "connector.name=hive\n").unwrap(),
            "catalog/hive.properties"
        );
        assert_eq!(
            rel(None, "connector.name=tpch\n").unwrap(),
            "catalog/stdin.properties"
        );
        assert_eq!(
            rel(s("ac.properties"), "access-control.name=file\n").unwrap(),
            "access-control.properties"
        );
        assert_eq!(
            rel(
                s("rg.properties"),
                "resource-groups.configuration-manager=file\n"
            )
            .unwrap(),
            "resource-groups.properties"
        );
        assert_eq!(
            rel(
                s("coordinator.properties"),
                "coordinator=true\nhttp-server.http.port=8080\n"
            )
            .unwrap(),
            "config.properties"
        );
        assert_eq!(
            rel(s("n.properties"), "node.environment=prod\nnode.id=a\n").unwrap(),
            "node.properties"
        );
        assert_eq!(
            rel(s("levels.properties"), "io.trino=DEBUG\n").unwrap(),
            "log.properties"
        );
        assert_eq!(
            rel(s("worker.jvm"), "-server\n-Xmx4G\n").unwrap(),
            "jvm.config"
        );
        assert_eq!(
            rel(s("orders.json"), "{\"tableName\": \"orders\"}").unwrap(),
            "kafka/orders.json"
        );
    }

    #[test]
    fn what_tells_nothing_is_none() {
        assert_eq!(
            rel(Some("app.properties"), "spring.datasource.url=x\n"),
            None
        );
        assert_eq!(rel(Some("x.json"), "{\"a\": 1}"), None);
        assert_eq!(rel(Some("x.json"), "{not json"), None);
    }

    #[test]
    fn the_description_names_the_role_and_the_evidence() {
        let text = "coordinator=false\n";
        let taken = classify(Some("config.properties"), text).unwrap();
        assert_eq!(
            taken.describe(text),
            "a worker's config.properties (told by its name)"
        );
        let text = "connector.name=hive\n";
        let taken = classify(Some("lake.properties"), text).unwrap();
        assert_eq!(
            taken.describe(text),
            "the catalog file catalog/lake.properties (it sets `connector.name`)"
        );
    }
}
