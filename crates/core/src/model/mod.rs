//! The cluster model: what a Trino deployment is, whatever it was read from.
//!
//! A spec is lowered into it (`crate::lower`), and existing configuration (an `etc/` tree, the
//! output of `gen`, a Kubernetes YAML stream) is read into it (`crate::input`). Every Trino rule
//! (`crate::rules`) runs once over this model, and `generate` renders the files from it. Each
//! value carries its [`Origin`], so a diagnostic points at the spec key or the file line the
//! value came from.

pub mod gateway;
pub mod json_span;
pub mod placeholders;
pub mod pods;
pub mod source;
pub mod target;

pub use pods::{
    Autoscaler, Budget, Exporter, HttpProbe, Placement, Pod, PreStop, QueryMetric, Replicas,
    Scaling, Service, ServiceMonitor, ServicePort, Trigger,
};
pub use source::{Embedding, Origin, SourceFile, Sources, SpecSource};
pub use target::{Target, TargetSource};

use crate::catalogue::Catalogue;

/// A plugin whose `file` manager reads a JSON file: the plugin's properties file, the key that
/// names its manager and the key that names the JSON file.
#[derive(Debug, Clone, Copy)]
pub struct FileManager {
    /// The properties file (`resource-groups.properties`).
    pub properties: &'static str,
    /// The key that names the manager (`resource-groups.configuration-manager`).
    pub manager_key: &'static str,
    /// The key that names the JSON file (`resource-groups.config-file`).
    pub path_key: &'static str,
}

/// File-based system access control.
pub const ACCESS_CONTROL: FileManager = FileManager {
    properties: "access-control.properties",
    manager_key: "access-control.name",
    path_key: "security.config-file",
};

/// The file resource groups manager.
pub const RESOURCE_GROUPS: FileManager = FileManager {
    properties: "resource-groups.properties",
    manager_key: "resource-groups.configuration-manager",
    path_key: "resource-groups.config-file",
};

/// The file session property manager.
pub const SESSION_PROPERTIES: FileManager = FileManager {
    properties: "session-property-config.properties",
    manager_key: "session-property-config.configuration-manager",
    path_key: "session-property-manager.config-file",
};
use crate::diagnostic::Diagnostic;
use crate::jvm_config::{JvmOption, JvmSummary};
use crate::memory::Role;

/// A whole deployment: its nodes and what they were read from.
#[derive(Debug, Clone, Default)]
pub struct Cluster {
    /// The nodes (roles, or individual directories / workloads).
    pub nodes: Vec<Node>,
    /// The coordinator sits behind an ingress, load balancer or gateway.
    pub behind_proxy: bool,
    /// What origins point into.
    pub sources: Sources,
    /// Problems found while reading the input (unreadable YAML, ...).
    pub diagnostics: Vec<Diagnostic>,
    /// The Trino release the cluster runs, whose facts judge it.
    pub target: Target,
    /// The autoscalers of the deployment (KEDA `ScaledObjects`, `HorizontalPodAutoscalers`).
    pub autoscalers: Vec<Autoscaler>,
    /// The `PodDisruptionBudgets` of the deployment.
    pub budgets: Vec<Budget>,
    /// The prometheus-operator `ServiceMonitors` of the deployment.
    pub service_monitors: Vec<ServiceMonitor>,
    /// The Services of a Kubernetes stream (a spec's and chart values' are written from the
    /// same facts as the pods, and are not in the model).
    pub services: Vec<Service>,
}

/// A fact about a node's container, with where it was stated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact<T> {
    /// The value.
    pub value: T,
    /// Where it was stated.
    pub at: Origin,
}

/// The configuration of one Trino node, or of all nodes of one role.
#[derive(Debug, Clone, Default)]
pub struct Node {
    /// What to call it in messages: `coordinator`, `worker`, a directory or a workload.
    pub label: String,
    /// Its role when known from outside (the layout of `gen`, a Deployment); otherwise read
    /// from `coordinator=` in `config.properties`, see [`Node::role`].
    pub declared_role: Option<Role>,
    /// Its configuration files.
    pub files: Vec<File>,
    /// Container memory limit, in bytes, when known.
    pub container_memory: Option<Fact<u64>>,
    /// Number of pods of this node, when known.
    pub replicas: Option<Fact<u32>>,
    /// Environment variables the container defines, when known.
    pub env: Option<Vec<String>>,
    /// The container image (`trinodb/trino:482`), when known: a workload's, or the spec's.
    pub image: Option<Fact<String>>,
    /// Directory the configuration is mounted at (`/etc/trino`), for matching absolute paths
    /// such as `kafka.table-description-dir`.
    pub config_root: String,
    /// Which parts of the configuration directory the input holds in full: rules about a file
    /// that is absent judge only those parts.
    pub complete: Completeness,
    /// Where the configuration directory itself is stated, for reporting a file it lacks: the
    /// directory read (an [`Origin::At`] naming it), or the mount of its ConfigMap in a
    /// workload; [`Origin::Nowhere`] for a spec.
    pub root_at: Origin,
    /// Its pods as their workload describes them, when the input has one.
    pub pod: Option<Pod>,
}

/// Which parts of a node's configuration directory the input holds in full.
///
/// Some rules judge a file that is absent: the launcher stops without `jvm.config` or
/// `config.properties`, TASK retries fail without `exchange-manager.properties`, a Kafka table
/// without a description file has no columns. A file missing from a part read in full does not
/// exist; a file missing from a partial input (one properties file given alone, a `catalog/`
/// directory, a ConfigMap no workload mounts) may well exist elsewhere, so those rules stay
/// silent about it. The default is the cautious one: nothing known to be complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Completeness {
    /// The files directly in the configuration root: `config.properties`, `jvm.config`,
    /// `node.properties`, `log.properties`, `exchange-manager.properties` and the other plugin
    /// files.
    pub root: bool,
    /// The catalog files, `catalog/*.properties`.
    pub catalogs: bool,
    /// The Kafka table descriptions.
    pub topics: bool,
}

impl Completeness {
    /// A whole configuration directory: a spec, an etc/ tree, a `gen` output, the ConfigMaps a
    /// Trino workload mounts.
    pub const WHOLE: Completeness = Completeness {
        root: true,
        catalogs: true,
        topics: true,
    };
    /// Files given one by one: nothing is known of the others.
    pub const NONE: Completeness = Completeness {
        root: false,
        catalogs: false,
        topics: false,
    };
    /// A catalog directory given alone: every catalog file, and nothing else.
    pub const CATALOGS: Completeness = Completeness {
        root: false,
        catalogs: true,
        topics: false,
    };
}

impl Cluster {
    /// The property catalogue of the release the cluster targets.
    pub fn catalogue(&self) -> &'static Catalogue {
        crate::catalogue::catalogue_for(self.target.release)
    }
}

impl Node {
    /// The file at `rel` (`config.properties`, `catalog/hive.properties`).
    pub fn file(&self, rel: &str) -> Option<&File> {
        self.files.iter().find(|f| f.rel == rel)
    }

    /// The properties of the file at `rel`, when it is a properties file.
    pub fn properties(&self, rel: &str) -> Option<&Properties> {
        self.file(rel)?.properties()
    }

    /// A path a property names (`/etc/trino/resource-groups.json`, or `etc/...` relative to
    /// Trino's working directory) relative to the configuration root.
    pub fn rel_path(&self, path: &str) -> String {
        let root = self.config_root.trim_end_matches('/');
        let rel = path
            .strip_prefix(root)
            .map(|r| r.trim_start_matches('/'))
            .or_else(|| path.strip_prefix("etc/"))
            .unwrap_or(path);
        rel.trim_end_matches('/').to_owned()
    }

    /// The file a property's path names, when the node holds it.
    pub fn file_at(&self, path: &str) -> Option<&File> {
        self.file(&self.rel_path(path))
    }

    /// The JSON file of a plugin's file manager, when the node configures that manager and
    /// holds the file.
    pub fn plugin_json(&self, m: &FileManager) -> Option<(&File, &JsonFile)> {
        let props = self.properties(m.properties)?;
        if props.value(m.manager_key) != Some("file") {
            return None;
        }
        let file = self.file_at(props.value(m.path_key)?)?;
        match &file.content {
            Content::Json(j) => Some((file, j)),
            _ => None,
        }
    }

    /// The names of the node's catalogs (`catalog/NAME.properties`), when they are all known:
    /// the input holds every catalog file and has at least one, and catalogs are not managed at
    /// run time (with `catalog.management=dynamic`, `CREATE CATALOG` adds catalogs no file
    /// names).
    pub fn known_catalogs(&self) -> Option<Vec<&str>> {
        let dynamic = self
            .config()
            .and_then(|c| c.value("catalog.management"))
            .is_some_and(|m| m.eq_ignore_ascii_case("dynamic"));
        if !self.complete.catalogs || dynamic {
            return None;
        }
        let names: Vec<&str> = self
            .files
            .iter()
            .filter_map(|f| catalog_name(&f.rel))
            .collect();
        (!names.is_empty()).then_some(names)
    }

    /// `config.properties`.
    pub fn config(&self) -> Option<&Properties> {
        self.properties("config.properties")
    }

    /// A boolean of `config.properties`, `default` when it is not set.
    pub fn config_flag(&self, key: &str, default: bool) -> bool {
        self.config()
            .and_then(|c| c.value(key))
            .map_or(default, |v| v.eq_ignore_ascii_case("true"))
    }

    /// The port Trino listens on for HTTP (`http-server.http.port`, 8080 when unset) or for
    /// HTTPS (`http-server.https.port`, 8443), and that property; `None` when the property is
    /// no number (a placeholder).
    pub fn listen_port(&self, https: bool) -> Option<(u32, &'static str)> {
        let (key, default) = if https {
            ("http-server.https.port", 8443)
        } else {
            ("http-server.http.port", 8080)
        };
        match self.config().and_then(|c| c.value(key)) {
            Some(v) => Some((v.parse().ok()?, key)),
            None => Some((default, key)),
        }
    }

    /// The labels of its pods; none without a workload.
    pub fn pod_labels(&self) -> &[(String, String)] {
        self.pod.as_ref().map_or(&[], |p| p.labels.as_slice())
    }

    /// The authentication types of `http-server.authentication.type`, upper-case, in order.
    pub fn authentication_types(&self) -> Vec<String> {
        self.config()
            .and_then(|c| c.value("http-server.authentication.type"))
            .map(|t| {
                t.split(',')
                    .map(|s| s.trim().to_ascii_uppercase())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// `jvm.config`.
    pub fn jvm(&self) -> Option<(&File, &JvmConfig)> {
        let file = self.file("jvm.config")?;
        match &file.content {
            Content::Jvm(j) => Some((file, j)),
            _ => None,
        }
    }

    /// The role: declared, or `coordinator=` of `config.properties` (Trino's default: true).
    pub fn role(&self) -> Role {
        self.declared_role.unwrap_or_else(|| {
            let coordinator = self
                .config()
                .and_then(|c| c.value("coordinator"))
                .is_none_or(|v| !v.eq_ignore_ascii_case("false"));
            if coordinator {
                Role::Coordinator
            } else {
                Role::Worker
            }
        })
    }
}

/// The catalog whose file `rel` (a path relative to the configuration root) is: `hive` for
/// `catalog/hive.properties`, `None` for any other file, a file below a subdirectory of
/// `catalog/` among them (Trino reads only the directory's own files).
pub fn catalog_name(rel: &str) -> Option<&str> {
    rel.strip_prefix("catalog/")?
        .strip_suffix(".properties")
        .filter(|name| !name.contains('/'))
}

/// One configuration file of a node.
#[derive(Debug, Clone)]
pub struct File {
    /// Path relative to the configuration root.
    pub rel: String,
    /// Where the file as a whole is.
    pub at: Origin,
    /// What it holds.
    pub content: Content,
}

impl File {
    /// Its properties, when it is a properties file.
    pub fn properties(&self) -> Option<&Properties> {
        match &self.content {
            Content::Properties(p) => Some(p),
            _ => None,
        }
    }

    /// File name without directories.
    pub fn file_name(&self) -> &str {
        self.rel.rsplit('/').next().unwrap_or(&self.rel)
    }
}

/// What a configuration file holds.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Content {
    /// A Java properties file.
    Properties(Properties),
    /// `jvm.config`.
    Jvm(Box<JvmConfig>),
    /// A Kafka topic description (`<schema>.<table>.json`).
    Topic(Box<TopicFile>),
    /// Another JSON file: resource groups, access control rules.
    Json(Box<JsonFile>),
    /// A text file written as it is (the group provider's `group.txt`).
    Text(String),
    /// A file trinocfg does not interpret.
    Other,
}

/// One property of a properties file.
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    /// The key.
    pub key: String,
    /// The value as Java reads it (airlift trims it later: see [`Properties::value`]).
    pub value: String,
    /// Where the key is.
    pub key_at: Origin,
    /// Where the value is.
    pub value_at: Origin,
}

/// A properties file: every entry in order (duplicates kept) and every problem of its text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Properties {
    /// Entries in order; Java keeps the last of duplicate keys.
    pub entries: Vec<Property>,
    /// Problems of the text (malformed escapes), with where they are.
    pub errors: Vec<(String, Origin)>,
}

impl Properties {
    /// The entry Java keeps for `key`: the last one.
    pub fn get(&self, key: &str) -> Option<&Property> {
        self.entries.iter().rev().find(|e| e.key == key)
    }

    /// The value as airlift reads it (trimmed).
    pub fn value(&self, key: &str) -> Option<&str> {
        self.get(key).map(|e| e.value.trim())
    }

    /// Sets `key` (replacing an earlier value in place) with the origin of key and value.
    pub fn set(&mut self, key: &str, value: impl Into<String>, at: Origin) {
        let value = value.into();
        match self.entries.iter_mut().find(|e| e.key == key) {
            Some(slot) => {
                slot.value = value;
                slot.key_at = at.clone();
                slot.value_at = at;
            }
            None => self.entries.push(Property {
                key: key.to_owned(),
                value,
                key_at: at.clone(),
                value_at: at,
            }),
        }
    }

    /// Key and value pairs, in order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries
            .iter()
            .map(|e| (e.key.as_str(), e.value.as_str()))
    }

    /// Key and value pairs, in order, owned.
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        self.pairs()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }
}

/// `jvm.config`: the options the launcher passes to `java`, each with its origin.
#[derive(Debug, Clone, Default)]
pub struct JvmConfig {
    /// The options; `line` is the line in the file (for lowered files, the option's number).
    pub options: Vec<JvmOption>,
    /// Origin of each option, parallel to `options`.
    pub origins: Vec<Origin>,
    /// What the options mean for sizing and checking.
    pub summary: JvmSummary,
}

impl JvmConfig {
    /// Builds the configuration from options and their origins.
    pub fn new(options: Vec<JvmOption>, origins: Vec<Origin>) -> Self {
        let summary = crate::jvm_config::summarize(&options);
        JvmConfig {
            options,
            origins,
            summary,
        }
    }

    /// The origin of the option on `line`.
    pub fn at_line(&self, line: usize) -> Origin {
        self.options
            .iter()
            .position(|o| o.line == line)
            .and_then(|i| self.origins.get(i).cloned())
            .unwrap_or_default()
    }
}

/// A JSON file of the configuration other than a topic description (the resource groups of
/// the file manager, the rules of file-based access control).
#[derive(Debug, Clone)]
pub struct JsonFile {
    /// Its text.
    pub text: String,
    /// The value; `Err` with a message and a 1-based line when the JSON cannot be read.
    pub value: Result<serde_json::Value, (String, usize)>,
    /// Where its parts are (the spec keys it was lowered from, or the file read).
    pub at: TopicOrigin,
    /// For a file lowered from the spec: which spec table each part comes from, as pairs of a
    /// JSON Pointer (`/rootGroups/0/subGroups/1`) and a spec path below [`JsonFile::at`]
    /// (`groups[3]`).
    pub spec_parts: Vec<(String, String)>,
}

impl JsonFile {
    /// The file written from `value`: its text is `value` pretty-printed, with a final newline
    /// (the value is the one the text reads back as, without reading it again).
    pub fn written(value: serde_json::Value, at: TopicOrigin) -> Self {
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        JsonFile {
            text,
            value: Ok(value),
            at,
            spec_parts: Vec::new(),
        }
    }

    /// Reads `text`.
    pub fn new(text: String, at: TopicOrigin) -> Self {
        let value = serde_json::from_str(&text).map_err(|e| (e.to_string(), e.line().max(1)));
        JsonFile {
            text,
            value,
            at,
            spec_parts: Vec::new(),
        }
    }

    /// Where the value at JSON Pointer `pointer` is, or its member `key` when given: in a file,
    /// the text of that part (else of the nearest enclosing part that exists); from the spec,
    /// the spec table it was lowered from, with `key` in the spec's spelling
    /// (`hardConcurrencyLimit` → `hard_concurrency_limit`).
    pub fn locate(&self, sources: &Sources, pointer: &str, key: Option<&str>) -> Origin {
        match &self.at {
            TopicOrigin::Spec(base) => {
                let part = self
                    .spec_parts
                    .iter()
                    .filter(|(p, _)| {
                        pointer == p
                            || pointer
                                .strip_prefix(p.as_str())
                                .is_some_and(|r| r.starts_with('/'))
                    })
                    .max_by_key(|(p, _)| p.len());
                let mut path = base.clone();
                if let Some((p, spec)) = part {
                    path = format!("{base}.{spec}");
                    if let Some(k) = key.filter(|_| p == pointer) {
                        let field = crate::spec::spans::join(&path, &snake_case(k));
                        // A table of Trino names records each key quoted, as written
                        // (`properties."query_max_run_time"`).
                        let name = format!("{path}.\"{k}\"");
                        let recorded = |p: &str| {
                            sources
                                .spec
                                .as_ref()
                                .is_some_and(|s| s.spans.value_span(p).is_some())
                        };
                        path = if !recorded(&field) && recorded(&name) {
                            name
                        } else {
                            field
                        };
                    }
                }
                Origin::Spec(path)
            }
            TopicOrigin::File(file) => {
                let Some(f) = sources.files.get(*file) else {
                    return Origin::Nowhere;
                };
                let mut pointer = pointer;
                let mut key = key;
                loop {
                    if let Some(span) = json_span::span_at(&f.text, pointer, key) {
                        return Origin::Text { file: *file, span };
                    }
                    if key.take().is_none() {
                        match pointer.rsplit_once('/') {
                            Some((parent, _)) => pointer = parent,
                            None => {
                                return Origin::Text {
                                    file: *file,
                                    span: f.line_span(1),
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `hardConcurrencyLimit` → `hard_concurrency_limit`.
fn snake_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A Kafka topic description file (`<schema>.<table>.json`), as Trino's JSON codec reads it:
/// every attribute optional, unknown attributes ignored.
#[derive(Debug, Clone)]
pub struct TopicFile {
    /// The description; `Err` with a message and a 1-based line when the JSON cannot be read.
    pub description: Result<TopicDescription, (String, usize)>,
    /// Where its parts are.
    pub at: TopicOrigin,
}

/// A Kafka table description.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TopicDescription {
    /// The table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table_name: Option<String>,
    /// The schema (the catalog's default schema when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema_name: Option<String>,
    /// The Kafka topic.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic_name: Option<String>,
    /// The decoding of the message key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<TopicGroup>,
    /// The decoding of the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<TopicGroup>,
}

impl TopicDescription {
    /// `<schema>.<table>`, with the catalog's default schema when the description has none.
    pub fn full_name(&self, default_schema: &str) -> Option<String> {
        let table = self.table_name.as_deref().filter(|t| !t.is_empty())?;
        let schema = self.schema_name.as_deref().unwrap_or(default_schema);
        Some(format!("{schema}.{table}"))
    }
}

/// How the key or the message of a topic is decoded.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TopicGroup {
    /// The decoder: `raw`, `csv`, `json`, `avro`, `protobuf`, `dummy`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_format: Option<String>,
    /// Path or URL of an Avro or Protobuf schema.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_schema: Option<String>,
    /// The columns.
    #[serde(default)]
    pub fields: Vec<TopicField>,
}

/// One column of a topic description.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TopicField {
    /// Column name.
    #[serde(default)]
    pub name: String,
    /// Trino type.
    #[serde(rename = "type", default)]
    pub ty: String,
    /// Where the decoder finds the value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mapping: Option<String>,
    /// The field's own data format (`iso8601`, `BYTE`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_format: Option<String>,
    /// A format pattern for `custom-date-time`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format_hint: Option<String>,
    /// Column comment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Whether the column is hidden; Trino wants a JSON boolean.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hidden: Option<serde_json::Value>,
}

/// Where the parts of a JSON file (a topic description, resource groups) are.
#[derive(Debug, Clone)]
pub enum TopicOrigin {
    /// Lowered from the spec: the topic's key path (`catalogs.events.topics[0]`).
    Spec(String),
    /// Read from input file `file`; parts are found by searching its text.
    File(usize),
}

impl TopicOrigin {
    /// The origin of the part at spec path `path` below the topic (`message.fields[0].type`);
    /// in a file, the first occurrence of `needle` (or the first line).
    pub fn part(&self, sources: &Sources, path: &str, needle: Option<&str>) -> Origin {
        match self {
            TopicOrigin::Spec(base) if path.is_empty() => Origin::Spec(base.clone()),
            TopicOrigin::Spec(base) => Origin::Spec(format!("{base}.{path}")),
            TopicOrigin::File(file) => match needle {
                Some(n) => sources.find(*file, n),
                None => Origin::Text {
                    file: *file,
                    span: sources.files.get(*file).map_or(0..0, |f| f.line_span(1)),
                },
            },
        }
    }
}
