//! Amazon EMR configuration classifications: the files trinocfg writes for a cluster, as the
//! JSON list EMR takes when a cluster is created (`aws emr create-cluster --configurations
//! file://emr.json`) or reconfigured.
//!
//! EMR writes each classification into one file on every node: `trino-config` →
//! `config.properties`, `trino-node` → `node.properties`, `trino-log` → `log.properties`,
//! `trino-exchange-manager` → `exchange-manager.properties` (EMR 6.9.0 and later),
//! `trino-password-authenticator` → `password-authenticator.properties`, and
//! `trino-connector-<name>` → `catalog/<name>.properties` for the connectors EMR ships. EMR sets
//! some keys itself (the node's role, its port, `discovery.uri`, `node.id`, the data
//! directory) and sizes the JVM from the instance type: `jvm.config` cannot be configured.
//!
//! This module gathers what the cluster's files become there ([`EmrPlan`]); what EMR cannot
//! deliver is judged by the rules of [`crate::rules::emr`], beside their documentation.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::model::File;
use crate::render::Rendered;

/// Keys EMR writes itself on every node; a value of the spec's would fight EMR's.
pub const MANAGED_KEYS: &[&str] = &[
    "coordinator",
    "node-scheduler.include-coordinator",
    "http-server.http.port",
    "discovery.uri",
    "discovery-server.enabled",
    "node.id",
    "node.data-dir",
    // EMR installs the plugins where its packages put them.
    "plugin.dir",
    // EMR 6.1.0 and later generate the shared secret of the cluster's nodes.
    "internal-communication.shared-secret",
];

/// Per-node memory keys, which trinocfg derives from each role's heap. Where the roles
/// differ, the classification (one for every node) takes the smaller value, which fits both.
pub const PER_NODE_MEMORY_KEYS: &[&str] =
    &["query.max-memory-per-node", "memory.heap-headroom-per-node"];

/// The connectors EMR has a `trino-connector-<name>` classification for, by Trino connector
/// name, with the classification's name (which is also the catalog's name on EMR).
pub const CONNECTOR_CLASSIFICATIONS: &[(&str, &str)] = &[
    ("blackhole", "blackhole"),
    ("cassandra", "cassandra"),
    ("delta_lake", "delta"),
    ("hive", "hive"),
    ("hudi", "hudi"),
    ("iceberg", "iceberg"),
    ("jmx", "jmx"),
    ("kafka", "kafka"),
    ("memory", "memory"),
    ("mongodb", "mongodb"),
    ("mysql", "mysql"),
    ("postgresql", "postgresql"),
    ("redis", "redis"),
    ("redshift", "redshift"),
    ("tpcds", "tpcds"),
    ("tpch", "tpch"),
];

/// A key the two roles set differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleDifference {
    /// The key.
    pub key: String,
    /// The coordinator's value (`None`: the coordinator does not set it).
    pub coordinator: Option<String>,
    /// The workers' value (`None`: the workers do not set it).
    pub worker: Option<String>,
}

/// A catalog on EMR.
#[derive(Debug, Clone)]
pub struct EmrCatalog {
    /// Its name in the spec.
    pub name: String,
    /// Trino's connector name.
    pub connector: String,
    /// The classification's name (`hive` for `trino-connector-hive`), when EMR has one.
    pub classification: Option<&'static str>,
    /// Its properties, without `connector.name` (EMR writes it).
    pub properties: Vec<(String, String)>,
}

/// What a cluster's files become as EMR classifications.
#[derive(Debug, Clone, Default)]
pub struct EmrPlan {
    /// `trino-config`: the keys both roles agree on, the keys one role alone sets, and the
    /// smaller per-node memory value.
    pub config: BTreeMap<String, String>,
    /// Keys the roles set differently (per-node memory keys included).
    pub differences: Vec<RoleDifference>,
    /// Keys left out because EMR writes them itself, with the spec's value.
    pub managed: Vec<(String, String)>,
    /// `trino-node`.
    pub node: BTreeMap<String, String>,
    /// `trino-log`.
    pub log: BTreeMap<String, String>,
    /// `trino-exchange-manager`, when the cluster has an exchange manager.
    pub exchange: Option<BTreeMap<String, String>>,
    /// `trino-password-authenticator`, when the coordinator has one.
    pub password_authenticator: Option<BTreeMap<String, String>>,
    /// The catalogs.
    pub catalogs: Vec<EmrCatalog>,
    /// Files no classification delivers (relative to `etc/`).
    pub undelivered: Vec<String>,
    /// Those of them only the coordinator has.
    pub coordinator_only: Vec<String>,
    /// Every `${ENV:NAME}` the classifications name.
    pub env: Vec<String>,
}

fn properties(file: &File) -> Vec<(String, String)> {
    file.properties()
        .map(crate::model::Properties::to_pairs)
        .unwrap_or_default()
}

/// The smaller of two data sizes as Trino writes them (`7864MB`), when both parse.
fn smaller<'a>(a: &'a str, b: &'a str) -> &'a str {
    match (
        crate::values::parse_data_size(a),
        crate::values::parse_data_size(b),
    ) {
        (Ok(x), Ok(y)) if y < x => b,
        _ => a,
    }
}

/// Gathers the plan of a rendered cluster.
pub fn plan(rendered: &Rendered) -> EmrPlan {
    let mut plan = EmrPlan::default();
    let find = |files: &[File], rel: &str| files.iter().find(|f| f.rel == rel).map(properties);
    let coordinator = &rendered.coordinator.files;
    let worker = rendered.worker.as_ref().map(|w| w.files.as_slice());

    // config.properties: one classification for every node.
    let c: BTreeMap<String, String> = find(coordinator, "config.properties")
        .unwrap_or_default()
        .into_iter()
        .collect();
    let w: Option<BTreeMap<String, String>> = worker.map(|w| {
        find(w, "config.properties")
            .unwrap_or_default()
            .into_iter()
            .collect()
    });
    let mut keys: Vec<&String> = c.keys().collect();
    if let Some(w) = &w {
        keys.extend(w.keys().filter(|k| !c.contains_key(*k)));
    }
    for key in keys {
        let cv = c.get(key);
        let wv = w.as_ref().map_or(cv, |w| w.get(key));
        if MANAGED_KEYS.contains(&key.as_str()) {
            if let Some(v) = cv.or(wv) {
                plan.managed.push((key.clone(), v.clone()));
            }
            continue;
        }
        let value = match (cv, wv) {
            (Some(a), Some(b)) if a == b => a.clone(),
            (Some(a), Some(b)) => {
                plan.differences.push(RoleDifference {
                    key: key.clone(),
                    coordinator: Some(a.clone()),
                    worker: Some(b.clone()),
                });
                if PER_NODE_MEMORY_KEYS.contains(&key.as_str()) {
                    smaller(a, b).to_owned()
                } else {
                    b.clone()
                }
            }
            (Some(a), None) | (None, Some(a)) => {
                if w.is_some() {
                    plan.differences.push(RoleDifference {
                        key: key.clone(),
                        coordinator: cv.cloned(),
                        worker: wv.cloned(),
                    });
                }
                a.clone()
            }
            (None, None) => continue,
        };
        plan.config.insert(key.clone(), value);
    }

    for (key, value) in find(coordinator, "node.properties").unwrap_or_default() {
        if MANAGED_KEYS.contains(&key.as_str()) {
            plan.managed.push((key, value));
        } else {
            plan.node.insert(key, value);
        }
    }
    plan.log = find(coordinator, "log.properties")
        .unwrap_or_default()
        .into_iter()
        .collect();
    plan.exchange = find(coordinator, "exchange-manager.properties").map(|p| {
        p.into_iter()
            .filter(|(k, _)| k != "exchange-manager.name")
            .collect()
    });
    plan.password_authenticator =
        find(coordinator, "password-authenticator.properties").map(|p| p.into_iter().collect());

    let handled = [
        "config.properties",
        "node.properties",
        "log.properties",
        "jvm.config",
        "exchange-manager.properties",
        "password-authenticator.properties",
    ];
    let roles = std::iter::once(coordinator.as_slice()).chain(worker);
    for files in roles {
        for f in files {
            if let Some(name) = crate::model::catalog_name(&f.rel) {
                if plan.catalogs.iter().any(|c| c.name == name) {
                    continue;
                }
                let mut props = properties(f);
                let connector = props
                    .iter()
                    .find(|(k, _)| k == "connector.name")
                    .map(|(_, v)| v.replace('-', "_"))
                    .unwrap_or_default();
                props.retain(|(k, _)| k != "connector.name");
                let classification = CONNECTOR_CLASSIFICATIONS
                    .iter()
                    .find(|(c, _)| *c == connector)
                    .map(|(_, c)| *c);
                plan.catalogs.push(EmrCatalog {
                    name: name.to_owned(),
                    connector,
                    classification,
                    properties: props,
                });
            } else if !handled.contains(&f.rel.as_str()) && !plan.undelivered.contains(&f.rel) {
                plan.undelivered.push(f.rel.clone());
            }
        }
    }
    plan.coordinator_only = plan
        .undelivered
        .iter()
        .filter(|rel| worker.is_some_and(|w| !w.iter().any(|f| &f.rel == *rel)))
        .cloned()
        .collect();
    plan.env = env_names(&plan);
    plan
}

/// Every `${ENV:NAME}` in the values the classifications carry, once each, in order.
fn env_names(plan: &EmrPlan) -> Vec<String> {
    let mut values: Vec<&String> = plan.config.values().collect();
    values.extend(plan.node.values());
    values.extend(plan.exchange.iter().flat_map(|e| e.values()));
    values.extend(plan.password_authenticator.iter().flat_map(|e| e.values()));
    values.extend(
        plan.catalogs
            .iter()
            .flat_map(|c| c.properties.iter().map(|(_, v)| v)),
    );
    crate::model::placeholders::env_names(values.into_iter().map(String::as_str))
}

fn classification(name: &str, properties: impl IntoIterator<Item = (String, String)>) -> Value {
    let properties: Map<String, Value> = properties
        .into_iter()
        .map(|(k, v)| (k, Value::String(v)))
        .collect();
    json!({ "Classification": name, "Properties": properties })
}

/// The classifications as EMR's JSON, pretty-printed and ending in a newline: `trino-config`,
/// `trino-node`, `trino-log`, `trino-exchange-manager`, `trino-password-authenticator`, then a
/// `trino-connector-<name>` per catalog EMR has a classification for.
pub fn json(plan: &EmrPlan) -> String {
    let mut list = vec![
        classification("trino-config", plan.config.clone()),
        classification("trino-node", plan.node.clone()),
    ];
    if !plan.log.is_empty() {
        list.push(classification("trino-log", plan.log.clone()));
    }
    if let Some(e) = &plan.exchange {
        list.push(classification("trino-exchange-manager", e.clone()));
    }
    if let Some(p) = &plan.password_authenticator {
        list.push(classification("trino-password-authenticator", p.clone()));
    }
    let mut catalogs: Vec<&EmrCatalog> = plan.catalogs.iter().collect();
    catalogs.sort_by_key(|c| c.classification);
    for c in catalogs {
        if let Some(name) = c.classification {
            list.push(classification(
                &format!("trino-connector-{name}"),
                c.properties.clone(),
            ));
        }
    }
    let mut text = serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}
