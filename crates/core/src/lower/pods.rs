//! The deployment a spec describes beyond Trino's files, derived once for the model and for the
//! Kubernetes objects: object names, the graceful shutdown hook and grace period, the
//! autoscaler, the disruption budgets, and the files graceful shutdown, spilling, JMX and
//! resource groups add to the nodes.

use serde_json::{json, Map, Value};

use super::{file_manager, Props};
use crate::kubernetes_names::derived_label;
use crate::memory::Role;
use crate::model::{
    Autoscaler, Budget, Exporter, Fact, File, Origin, Pod, PreStop, QueryMetric, Scaling,
    ServiceMonitor, Trigger, RESOURCE_GROUPS,
};
use crate::spec::{AutoscalerKind, GracefulShutdown, Spec};
use crate::units::format_data_size;

/// Object names: the cluster name plus a suffix, a DNS-1123 label of at most 63 characters
/// (shortened with a stable hash when it would be longer).
pub fn object_name(spec: &Spec, suffix: &str) -> String {
    let base = &spec.cluster.name;
    if suffix.is_empty() {
        derived_label(base)
    } else {
        derived_label(&format!("{base}-{suffix}"))
    }
}

/// The Service the metrics are scraped through (every Trino pod's exporter port).
pub fn metrics_service_name(spec: &Spec) -> String {
    object_name(spec, "metrics")
}

/// The spec's `ServiceMonitor`, which scrapes the metrics Service, with the labels the
/// rendering gives it beside the standard ones. It is in the model whenever the spec asks for
/// it, though it is rendered only beside the exporter it scrapes (`TD010` says so).
pub(super) fn service_monitor(spec: &Spec) -> Option<ServiceMonitor> {
    let m = &spec.monitoring;
    if !m.service_monitor {
        return None;
    }
    let name = metrics_service_name(spec);
    let at = Origin::Spec("monitoring.service_monitor".into());
    Some(ServiceMonitor {
        // The metrics Service is rendered beside the exporter only.
        services: if m.jmx_exporter {
            vec![(name.clone(), vec![METRICS_PORT.to_owned()])]
        } else {
            Vec::new()
        },
        name,
        ports: vec![Fact {
            value: METRICS_PORT.to_owned(),
            at: at.clone(),
        }],
        at,
        labels: spec
            .kubernetes
            .labels
            .iter()
            .chain(&m.service_monitor_labels)
            .filter(|(k, _)| !ServiceMonitor::is_standard_label(k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        selector: vec![
            (
                "app.kubernetes.io/instance".to_owned(),
                spec.cluster.name.clone(),
            ),
            (
                "app.kubernetes.io/component".to_owned(),
                "monitoring".to_owned(),
            ),
        ],
        // The metrics Service selects every Trino pod of the cluster.
        roles: vec![Role::Coordinator, Role::Worker],
        interval: Some(format!("{}s", m.interval_seconds)),
    })
}

/// The name of the exporter's port, on the pods and on the metrics Service.
pub const METRICS_PORT: &str = "metrics";

/// JMX RMI registry port Trino opens for the exporter.
pub const JMX_REGISTRY_PORT: u32 = 9080;
/// JMX RMI server port.
pub const JMX_SERVER_PORT: u32 = 9081;
/// The JMX exporter's default image.
pub const EXPORTER_IMAGE: &str = "bitnami/jmx-exporter:1.0.1";

/// The name the exporter gives a query count (lowercased `MBean` attribute of
/// `trino.execution:name=QueryManager`).
pub fn query_metric(metric: QueryMetric) -> &'static str {
    match metric {
        QueryMetric::Queued => "trino_execution_querymanager_queuedqueries",
        QueryMetric::Running => "trino_execution_querymanager_runningqueries",
    }
}

/// The `PromQL` KEDA asks for a query count: the coordinator's value, scraped through the
/// metrics Service.
pub fn query_promql(spec: &Spec, metric: QueryMetric) -> String {
    let mut labels = format!(
        "job=\"{}\",pod=~\"{}-.*\"",
        metrics_service_name(spec),
        object_name(spec, "coordinator")
    );
    if let Some(ns) = &spec.kubernetes.namespace {
        labels.push_str(&format!(",namespace=\"{ns}\""));
    }
    format!("sum({}{{{labels}}})", query_metric(metric))
}

/// `terminationGracePeriodSeconds` for graceful shutdown: Trino waits the grace period, then
/// for its tasks, then the grace period again.
pub fn termination_grace(gs: &GracefulShutdown) -> u64 {
    2 * u64::from(gs.grace_period_seconds) + u64::from(gs.drain_seconds)
}

/// The preStop command: ask the worker to shut down, then wait until Trino (process 1) exits;
/// Kubernetes stops waiting after the grace period.
pub fn pre_stop_command(spec: &Spec, gs: &GracefulShutdown) -> String {
    format!(
        "curl -sS -f -X PUT -H 'Content-Type: application/json' -H 'X-Trino-User: {}' -d '\"SHUTTING_DOWN\"' http://localhost:{}/v1/info/state && while kill -0 1 2>/dev/null; do sleep 5; done",
        gs.user, spec.cluster.http_port
    )
}

/// The access rules file that lets the shutdown user ask a worker to shut down.
pub const SHUTDOWN_RULES: &str = "shutdown-access-rules.json";

/// The facts of a role's pods.
pub fn pod(spec: &Spec, role: Role) -> Pod {
    let key = role.spec_key();
    let name = object_name(spec, role.as_str());
    let memory_request = match role {
        Role::Coordinator => spec.coordinator.memory_request,
        Role::Worker => spec.workers.memory_request,
    }
    .map(|b| Fact {
        value: b.0,
        at: Origin::Spec(format!("{key}.memory_request")),
    });
    let mut pod = Pod {
        workload: ("Deployment".into(), name),
        at: Origin::Spec(key.into()),
        labels: selector_labels(spec, role.as_str()),
        memory_request,
        ..Pod::default()
    };
    if let (Role::Worker, Some(gs)) = (role, &spec.workers.graceful_shutdown) {
        let at = Origin::Spec("workers.graceful_shutdown".into());
        pod.termination_grace = Some(Fact {
            value: termination_grace(gs),
            at: at.clone(),
        });
        pod.pre_stop = Some(Fact {
            value: PreStop::of_command(&pre_stop_command(spec, gs)),
            at,
        });
    }
    if let (Role::Worker, Some(spill)) = (role, &spec.workers.spill) {
        pod.mount_paths
            .push(spill.path.trim_end_matches('/').to_owned());
    }
    pod.ports = super::security::ports(spec, role);
    pod.jmx_exporter = spec.monitoring.jmx_exporter.then(|| Exporter {
        image: spec
            .monitoring
            .exporter_image
            .clone()
            .unwrap_or_else(|| EXPORTER_IMAGE.to_owned()),
        port: Some(spec.monitoring.exporter_port),
    });
    pod.http_probes = vec![Fact {
        value: super::security::probe(spec, role),
        at: Origin::Spec(
            if spec.security.tls.is_some() {
                "security.tls"
            } else {
                "cluster.http_port"
            }
            .to_owned(),
        ),
    }];
    let root = spec.cluster.config_root.trim_end_matches('/');
    for (secret, _) in super::security::secret_mounts(spec, role) {
        pod.mount_paths
            .push(format!("{root}/{}/{secret}", super::security::SECRETS_DIR));
    }
    pod
}

/// The labels the role's workload selects its pods by.
pub fn selector_labels(spec: &Spec, component: &str) -> Vec<(String, String)> {
    vec![
        ("app.kubernetes.io/name".into(), "trino".into()),
        (
            "app.kubernetes.io/instance".into(),
            spec.cluster.name.clone(),
        ),
        ("app.kubernetes.io/component".into(), component.into()),
    ]
}

/// The worker autoscaler.
pub fn autoscaler(spec: &Spec) -> Option<Autoscaler> {
    let a = spec.workers.autoscaling.as_ref()?;
    let at = |k: &str| Origin::Spec(format!("workers.autoscaling.{k}"));
    let (kind, name) = match a.kind {
        AutoscalerKind::Keda => ("ScaledObject", object_name(spec, "worker")),
        AutoscalerKind::Hpa => ("HorizontalPodAutoscaler", object_name(spec, "worker")),
    };
    let triggers = if a.kind == AutoscalerKind::Keda {
        [
            (QueryMetric::Queued, a.queued_queries, "queued_queries"),
            (QueryMetric::Running, a.running_queries, "running_queries"),
        ]
        .into_iter()
        .filter_map(|(metric, t, k)| {
            Some(Trigger {
                metric,
                threshold: Fact {
                    value: f64::from(t?),
                    at: at(k),
                },
            })
        })
        .collect()
    } else {
        Vec::new()
    };
    Some(Autoscaler {
        kind: kind.into(),
        name,
        target: Fact {
            value: ("Deployment".into(), object_name(spec, "worker")),
            at: at("kind"),
        },
        min: Fact {
            value: a.min,
            at: at("min"),
        },
        max: Fact {
            value: a.max,
            at: at("max"),
        },
        triggers,
        scaling: Scaling {
            prometheus: a.prometheus.clone(),
            polling_seconds: a.polling_seconds,
            cooldown_seconds: a.cooldown_seconds,
            utilization: [("cpu", a.cpu_utilization), ("memory", a.memory_utilization)]
                .into_iter()
                .filter_map(|(name, p)| Some((name.to_owned(), p?)))
                .collect(),
            pod_metrics: a
                .pod_metrics
                .iter()
                .map(|m| (m.name.clone(), m.average_value.clone()))
                .collect(),
            scale_down_seconds: Some(a.scale_down_seconds),
            scale_down_step: Some(a.scale_down_step),
        },
    })
}

/// The disruption budget of a role, when the spec gives one.
pub fn budget(spec: &Spec, role: Role) -> Option<Budget> {
    let b = match role {
        Role::Coordinator => spec.coordinator.disruption_budget.as_ref(),
        Role::Worker => spec.workers.disruption_budget.as_ref(),
    }?;
    let key = format!("{}.disruption_budget", role.spec_key());
    let fact = |v: Option<u32>, k: &str| {
        v.map(|v| Fact {
            value: v.to_string(),
            at: Origin::Spec(format!("{key}.{k}")),
        })
    };
    Some(Budget {
        name: object_name(spec, role.as_str()),
        at: Origin::Spec(key.clone()),
        selector: selector_labels(spec, role.as_str()),
        max_unavailable: fact(b.max_unavailable, "max_unavailable"),
        min_available: fact(b.min_available, "min_available"),
    })
}

/// The `config.properties` entries of graceful shutdown, spilling and JMX for `role`.
pub fn config_entries(spec: &Spec, role: Role, p: &mut Props) {
    if role == Role::Worker {
        if let Some(gs) = &spec.workers.graceful_shutdown {
            p.put(
                "shutdown.grace-period",
                format!("{}s", gs.grace_period_seconds),
                "workers.graceful_shutdown.grace_period_seconds",
            );
        }
        if let Some(spill) = &spec.workers.spill {
            p.put("spill-enabled", "true", "workers.spill");
            p.put(
                "spiller-spill-path",
                spill.path.clone(),
                "workers.spill.path",
            );
            p.put_opt(
                "max-spill-per-node",
                spill.max_per_node.map(format_data_size),
                "workers.spill.max_per_node",
            );
            p.put_opt(
                "query-max-spill-per-node",
                spill.query_max_per_node.map(format_data_size),
                "workers.spill.query_max_per_node",
            );
        }
    }
    if spec.monitoring.jmx_exporter {
        p.put(
            "jmx.rmiregistry.port",
            JMX_REGISTRY_PORT.to_string(),
            "monitoring.jmx_exporter",
        );
        p.put(
            "jmx.rmiserver.port",
            JMX_SERVER_PORT.to_string(),
            "monitoring.jmx_exporter",
        );
    }
}

/// The files resource groups add to the coordinator's configuration directory.
pub fn files(spec: &Spec, role: Role) -> Vec<File> {
    let root = spec.cluster.config_root.trim_end_matches('/');
    let mut out = Vec::new();
    let rg = &spec.resource_groups;
    if role == Role::Coordinator && !rg.groups.is_empty() {
        out.extend(file_manager(
            &RESOURCE_GROUPS,
            root,
            "resource-groups.json",
            resource_groups_json(spec),
            "resource_groups",
        ));
    }
    out
}

/// A user name as a Java regular expression matching exactly it.
pub(super) fn regex_literal(user: &str) -> String {
    user.chars()
        .flat_map(|c| {
            let escape = matches!(
                c,
                '.' | '$' | '^' | '{' | '[' | '(' | '|' | ')' | '*' | '+' | '?' | '\\'
            );
            escape.then_some('\\').into_iter().chain(std::iter::once(c))
        })
        .collect()
}

/// The file manager's JSON: root groups with their subgroups (from the dotted names), then
/// the selectors; with the spec table of each group and selector, by JSON Pointer.
fn resource_groups_json(spec: &Spec) -> (Value, Vec<(String, String)>) {
    fn group_value(g: &crate::spec::ResourceGroup, last: &str) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("name".into(), json!(last));
        m.insert("softMemoryLimit".into(), json!(g.soft_memory_limit));
        m.insert(
            "hardConcurrencyLimit".into(),
            json!(g.hard_concurrency_limit),
        );
        m.insert("maxQueued".into(), json!(g.max_queued));
        if let Some(v) = g.soft_concurrency_limit {
            m.insert("softConcurrencyLimit".into(), json!(v));
        }
        if let Some(v) = g.scheduling_policy {
            m.insert("schedulingPolicy".into(), json!(v.as_str()));
        }
        if let Some(v) = g.scheduling_weight {
            m.insert("schedulingWeight".into(), json!(v));
        }
        m
    }
    fn children(
        rg: &crate::spec::ResourceGroups,
        parent: Option<&str>,
        pointer: &str,
        parts: &mut Vec<(String, String)>,
    ) -> Vec<Value> {
        rg.groups
            .iter()
            .enumerate()
            .filter(|(_, g)| match (parent, g.name.rsplit_once('.')) {
                (None, None) => true,
                (Some(p), Some((gp, _))) => p == gp,
                _ => false,
            })
            .enumerate()
            .map(|(k, (i, g))| {
                let at = format!("{pointer}/{k}");
                parts.push((at.clone(), format!("groups[{i}]")));
                let last = g.name.rsplit('.').next().unwrap_or(&g.name);
                let mut m = group_value(g, last);
                let subs = children(rg, Some(&g.name), &format!("{at}/subGroups"), parts);
                if !subs.is_empty() {
                    m.insert("subGroups".into(), Value::Array(subs));
                }
                Value::Object(m)
            })
            .collect()
    }
    let rg = &spec.resource_groups;
    let mut parts = Vec::new();
    let roots = children(rg, None, "/rootGroups", &mut parts);
    parts.extend(
        (0..rg.selectors.len()).map(|j| (format!("/selectors/{j}"), format!("selectors[{j}]"))),
    );
    let selectors: Vec<Value> = rg
        .selectors
        .iter()
        .map(|s| {
            let mut m = Map::new();
            if let Some(u) = &s.user {
                m.insert("user".into(), json!(u));
            }
            if let Some(v) = &s.source {
                m.insert("source".into(), json!(v));
            }
            if let Some(v) = &s.query_type {
                m.insert("queryType".into(), json!(v));
            }
            if !s.client_tags.is_empty() {
                m.insert("clientTags".into(), json!(s.client_tags));
            }
            m.insert("group".into(), json!(s.group));
            Value::Object(m)
        })
        .collect();
    (
        json!({ "rootGroups": roots, "selectors": selectors }),
        parts,
    )
}
