//! Amazon EMR's limits, for `gen --format emr`: what the cluster's files become as EMR
//! configuration classifications ([`crate::render::emr`]), and what EMR cannot deliver or
//! does differently. The diagnostics point at the spec key that asks for it.

declare! {
    EMR_JVM = "TX001", "emr-jvm-not-configurable", Warning,
        "A heap or JVM setting, which EMR does not take: `jvm.config` cannot be configured there.",
        "EMR writes `jvm.config` itself and sizes the heap from the instance type; there is no \
classification for it. The spec's heap and JVM flags are not applied, but the memory settings \
derived from that heap (`query.max-memory-per-node`, `memory.heap-headroom-per-node`) are: on an \
instance type whose heap is smaller, Trino refuses to start (\"Invalid memory \
configuration\").\n\nFix: choose instance types with at least the role's container memory, so \
that EMR's heap covers the memory settings; or write `query_max_memory_per_node` and \
`heap_headroom_per_node` as percentages of the heap (Trino 469 and later).";
    EMR_FILE = "TX002", "emr-file-not-delivered", Warning,
        "A file the cluster needs that no EMR classification delivers.",
        "EMR's classifications write property files only: Kafka topic descriptions, access \
control rules, group files, resource groups, spooling and other plugin files have no \
classification. Without them Kafka tables are missing, access control is not applied (every \
user may do everything) and a plugin that names a missing file fails at startup.\n\nFix: \
deliver the files with a bootstrap action that copies them into `/etc/trino/conf/` (`trinocfg \
gen --out DIR` writes them), or move them to the cluster's S3 bucket where the plugin reads \
from S3.";
    EMR_CATALOG_RENAMED = "TX003", "emr-catalog-renamed", Warning,
        "A catalog whose name on EMR is its connector's, not the spec's.",
        "Each `trino-connector-<name>` classification writes `catalog/<name>.properties`: a \
catalog is named after its classification, so a spec's `lake` catalog on Hive is `hive` on \
EMR, and queries must name `hive.schema.table`.\n\nFix: name the catalog after its \
classification in the spec (`[catalogs.hive]`), or update the queries.";
    EMR_CATALOG = "TX004", "emr-catalog-not-expressible", Error,
        "A catalog EMR cannot configure: a connector without a classification, or a second catalog of one connector.",
        "EMR has classifications for the connectors it ships (`trino-connector-hive`, \
`-iceberg`, `-delta`, `-hudi`, `-mysql`, `-postgresql`, `-kafka`, `-redshift`, `-mongodb`, \
`-cassandra`, `-redis`, `-jmx`, `-memory`, `-blackhole`, `-tpch`, `-tpcds`), one each: a \
connector outside that list, or two catalogs of one connector, cannot be written.\n\nFix: keep \
one catalog per connector, or deliver the catalog file with a bootstrap action.";
    EMR_ROLES_DIFFER = "TX005", "emr-role-settings-differ", Warning,
        "A `config.properties` key the coordinator and the workers set differently, which one EMR classification cannot.",
        "`trino-config` writes the same `config.properties` on every node. A key only one role \
sets reaches both; a key the roles set to different values gets one of them (for per-node \
memory, the smaller, which fits both heaps; for any other key the workers' value, an error, \
since the coordinator then runs with a value it was not meant to).\n\nFix: set the key for \
both roles alike (`properties` rather than `coordinator.properties`), or accept the value the \
warning names.";
    EMR_COORDINATOR_ONLY = "TX006", "emr-coordinator-only-on-every-node", Error,
        "A coordinator-only key in `trino-config`, which EMR writes on the workers too.",
        "Keys of classes bound only on the coordinator (the web UI, the query monitor, \
authentication of clients, ...) fail on a worker as \"Configuration property was not used\"; \
`trino-config` writes them on every node.\n\nFix: configure them through EMR's own features \
(security configurations for authentication) or a bootstrap action on the primary node.";
    EMR_ENV = "TX007", "emr-environment-variable", Warning,
        "A `${ENV:NAME}` secret that EMR nodes do not have.",
        "On Kubernetes, trinocfg sets each `${ENV:NAME}` from a Secret. EMR has no Secrets: the \
variable must be set on every node, or Trino refuses to start (\"Environment variable is not \
set\"). Writing the value into a classification would put it in the cluster's configuration, \
readable through the EMR API.\n\nFix: a bootstrap action that reads the value from AWS \
Secrets Manager and exports it for the Trino service.";
}

use crate::catalogue::{Lookup, Scope};
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::memory::MemoryPlan;
use crate::model::SpecSource;
use crate::render::emr::{EmrPlan, PER_NODE_MEMORY_KEYS};
use crate::spec::Spec;
use crate::units::human_bytes;

/// What the EMR rules judge: the plan, and the spec it came from.
pub struct EmrInput<'a> {
    /// What the cluster's files become.
    pub plan: &'a EmrPlan,
    /// The spec.
    pub spec: &'a Spec,
    /// Its text and key positions.
    pub source: &'a SpecSource,
    /// Its memory plan.
    pub memory: &'a MemoryPlan,
    /// The release the cluster runs.
    pub release: u32,
}

impl EmrInput<'_> {
    fn at(&self, path: &str) -> Location {
        self.source.spans.locate(&self.source.text, path)
    }
}

/// Checks what EMR cannot deliver of a spec.
pub fn check(input: &EmrInput<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    jvm(input, &mut out);
    files(input, &mut out);
    catalogs(input, &mut out);
    roles(input, &mut out);
    if !input.plan.env.is_empty() {
        let names: Vec<String> = input.plan.env.iter().map(|n| format!("`{n}`")).collect();
        out.push(
            Diagnostic::new(
                &EMR_ENV,
                format!(
                    "the classifications read {} from the environment, which EMR nodes do not have",
                    names.join(", ")
                ),
            )
            .help("export them on every node from AWS Secrets Manager with a bootstrap action; never write the values into a classification"),
        );
    }
    out
}

fn jvm(input: &EmrInput<'_>, out: &mut Vec<Diagnostic>) {
    let spec = input.spec;
    let mut roles = vec![(
        "coordinator",
        spec.coordinator.node(),
        &input.memory.coordinator,
    )];
    if spec.workers.count > 0 || spec.workers.autoscaling.is_some() {
        roles.push(("workers", spec.workers.node(), &input.memory.worker));
    }
    for (key, node, memory) in roles {
        let path = if node.heap.is_some() {
            format!("{key}.heap")
        } else if !node.jvm_flags.is_empty() {
            format!("{key}.jvm_flags")
        } else if !spec.jvm.flags.is_empty() && key == "coordinator" {
            "jvm.flags".to_owned()
        } else {
            continue;
        };
        let needed = memory.query_per_node + memory.headroom;
        out.push(
            Diagnostic::new(
                &EMR_JVM,
                format!(
                    "`{path}` is not applied on EMR, which sizes the heap from the instance type; the {key}' memory settings (query.max-memory-per-node {} + heap headroom {}) need a heap of at least {}",
                    human_bytes(memory.query_per_node),
                    human_bytes(memory.headroom),
                    human_bytes(needed)
                )
                .replace("coordinator'", "coordinator's"),
            )
            .at(input.at(&path))
            .help(format!(
                "choose instance types with at least {} of memory for the {key}, or write the per-node memory as percentages of the heap",
                human_bytes(memory.container)
            )),
        );
    }
}

/// The spec key that asks for a file no classification delivers.
fn file_origin(spec: &Spec, rel: &str) -> (String, String) {
    if let Some(json) = rel
        .strip_prefix("kafka/")
        .or_else(|| rel.strip_prefix("catalog/"))
    {
        let catalog = spec
            .catalogs
            .iter()
            .find(|(_, c)| c.connector_name() == "kafka")
            .map_or_else(
                || "catalogs".to_owned(),
                |(n, _)| format!("catalogs.{n}.topics"),
            );
        return (
            catalog,
            format!("the Kafka topic description `{json}` (its table is missing on EMR)"),
        );
    }
    let (path, what) = match rel {
        "access-control.properties" | "rules.json" => (
            "security.access_control",
            "access control is not applied: every user may do everything",
        ),
        "group-provider.properties" | "group.txt" => ("security.groups", "users have no groups"),
        "spooling-manager.properties" => ("spooling", "the spooling protocol fails at startup"),
        "resource-groups.properties" | "resource-groups.json" => (
            "resource_groups",
            "queries are not queued by resource group",
        ),
        "session-property-config.properties" | "session-property-config.json" => (
            "session_properties",
            "queries run without the session property defaults",
        ),
        _ => ("", "Trino runs without it"),
    };
    (path.to_owned(), format!("`{rel}` ({what})"))
}

fn files(input: &EmrInput<'_>, out: &mut Vec<Diagnostic>) {
    for rel in &input.plan.undelivered {
        let (path, what) = file_origin(input.spec, rel);
        let location = if path.is_empty() {
            Location::default()
        } else {
            input.at(&path)
        };
        out.push(
            Diagnostic::new(
                &EMR_FILE,
                format!("no EMR classification delivers {what}"),
            )
            .at(location)
            .help(format!(
                "copy it to /etc/trino/conf/{rel} on {} with a bootstrap action (`trinocfg gen --out DIR` writes it)",
                if input.plan.coordinator_only.contains(rel) {
                    "the primary node (the coordinator)"
                } else {
                    "every node"
                }
            )),
        );
    }
}

fn catalogs(input: &EmrInput<'_>, out: &mut Vec<Diagnostic>) {
    let plan = input.plan;
    for (i, c) in plan.catalogs.iter().enumerate() {
        let Some(class) = c.classification else {
            out.push(
                Diagnostic::new(
                    &EMR_CATALOG,
                    format!(
                        "catalog `{}`: EMR has no classification for connector `{}`",
                        c.name, c.connector
                    ),
                )
                .at(input.at(&format!("catalogs.{}.connector", c.name)))
                .help("use a connector EMR ships, or deliver the catalog file with a bootstrap action"),
            );
            continue;
        };
        if let Some(first) = plan.catalogs[..i]
            .iter()
            .find(|o| o.classification == Some(class))
        {
            out.push(
                Diagnostic::new(
                    &EMR_CATALOG,
                    format!(
                        "catalogs `{}` and `{}` both need trino-connector-{class}, and EMR has one",
                        first.name, c.name
                    ),
                )
                .at(input.at(&format!("catalogs.{}", c.name)))
                .help("keep one catalog per connector for EMR"),
            );
        } else if c.name != class {
            out.push(
                Diagnostic::new(
                    &EMR_CATALOG_RENAMED,
                    format!(
                        "catalog `{}` is named `{class}` on EMR (trino-connector-{class} writes {class}.properties): queries name `{class}.<schema>.<table>`",
                        c.name
                    ),
                )
                .at(input.at(&format!("catalogs.{}", c.name)))
                .help(format!("name the catalog `{class}` in the spec, or update the queries")),
            );
        }
    }
}

/// Keys of the coordinator's `config.properties` that a worker reads and ignores.
const CLUSTER_LIMITS: &[&str] = &["query.max-memory", "query.max-total-memory"];

/// Where the spec sets a `config.properties` key for one role, or for both.
fn property_path(spec: &Spec, key: &str) -> Option<String> {
    let quoted = format!("\"{key}\"");
    if spec.coordinator.properties.contains_key(key) {
        Some(format!("coordinator.properties.{quoted}"))
    } else if spec.workers.properties.contains_key(key) {
        Some(format!("workers.properties.{quoted}"))
    } else if spec.properties.contains_key(key) {
        Some(format!("properties.{quoted}"))
    } else {
        None
    }
}

fn roles(input: &EmrInput<'_>, out: &mut Vec<Diagnostic>) {
    let catalogue = crate::catalogue::catalogue_for(input.release);
    let mut coordinator_alone: Vec<&str> = Vec::new();
    let mut workers_alone: Vec<&str> = Vec::new();
    for d in &input.plan.differences {
        let at = property_path(input.spec, &d.key).map_or_else(Location::default, |p| input.at(&p));
        let coordinator_only = matches!(
            catalogue.lookup(&d.key, Scope::Server),
            Lookup::Known(info) if info.coordinator_only
        );
        if coordinator_only {
            out.push(
                Diagnostic::new(
                    &EMR_COORDINATOR_ONLY,
                    format!(
                        "`{}` is read only by the coordinator, and trino-config writes it on the workers too, which then fail (\"Configuration property '{}' was not used\")",
                        d.key, d.key
                    ),
                )
                .at(at)
                .help("configure it through an EMR security configuration or a bootstrap action on the primary node"),
            );
            continue;
        }
        // Cluster-wide limits, which trinocfg writes for the coordinator that enforces them,
        // mean nothing to a worker.
        if d.worker.is_none() && CLUSTER_LIMITS.contains(&d.key.as_str()) {
            continue;
        }
        let shown = |v: &Option<String>| {
            v.as_deref()
                .map_or("unset".to_owned(), |v| format!("`{v}`"))
        };
        let (message, severity) = match (&d.coordinator, &d.worker) {
            (Some(_), Some(_)) if PER_NODE_MEMORY_KEYS.contains(&d.key.as_str()) => (
                format!(
                    "`{}` is {} on the coordinator and {} on the workers; trino-config takes the smaller, `{}`, on every node",
                    d.key,
                    shown(&d.coordinator),
                    shown(&d.worker),
                    input.plan.config.get(&d.key).map_or("", String::as_str)
                ),
                Severity::Warning,
            ),
            (Some(_), Some(_)) => (
                format!(
                    "`{}` is {} on the coordinator and {} on the workers; trino-config sets the workers' value on every node",
                    d.key,
                    shown(&d.coordinator),
                    shown(&d.worker)
                ),
                Severity::Error,
            ),
            (Some(_), None) => {
                coordinator_alone.push(&d.key);
                continue;
            }
            _ => {
                workers_alone.push(&d.key);
                continue;
            }
        };
        out.push(
            Diagnostic::new(&EMR_ROLES_DIFFER, message)
                .severity(severity)
                .at(at)
                .help("set the key alike for both roles (`properties`), or accept the value named"),
        );
    }
    for (keys, role, other) in [
        (coordinator_alone, "the coordinator", "the workers"),
        (workers_alone, "the workers", "the coordinator"),
    ] {
        if keys.is_empty() {
            continue;
        }
        let at = keys
            .iter()
            .find_map(|k| property_path(input.spec, k))
            .map_or_else(Location::default, |p| input.at(&p));
        let shown: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
        out.push(
            Diagnostic::new(
                &EMR_ROLES_DIFFER,
                format!(
                    "{} {} set on {role} only; trino-config sets {} on {other} too",
                    shown.join(", "),
                    if keys.len() == 1 { "is" } else { "are" },
                    if keys.len() == 1 { "it" } else { "them" },
                ),
            )
            .at(at)
            .help(format!("check that {other} can run with them (a keystore path must exist there too), or drop them for EMR")),
        );
    }
}
