//! What a Kubernetes stream says beyond Trino's files that the spec has typed keys for: the
//! workers' autoscaler (a KEDA `ScaledObject` or a `HorizontalPodAutoscaler`), their graceful
//! shutdown (the preStop hook, the termination grace period and `shutdown.grace-period`), and
//! each role's `PodDisruptionBudget` and placement (node selector, tolerations, zone affinity,
//! one pod per node, zone spread, priority class), and the JMX exporter beside every Trino
//! container (`[monitoring]`). Affinity terms of other shapes are named in a note.

use super::doc::{inline, Doc, Val};
use super::{get, pairs, Import};
use crate::memory::Role;
use crate::model::{Cluster, Node, QueryMetric};

/// Trino's default `shutdown.grace-period`, in seconds.
const SHUTDOWN_GRACE: u64 = 120;
/// Kubernetes' default `terminationGracePeriodSeconds`.
const TERMINATION_GRACE: u64 = 30;

/// The typed keys of the stream's Kubernetes objects.
pub(super) fn typed(import: &mut Import<'_>, d: &mut Doc, cluster: &Cluster) {
    let roles = [
        (Role::Coordinator, Some(import.coordinator)),
        (Role::Worker, import.worker),
    ];
    if roles.iter().all(|(_, n)| n.is_none_or(|n| n.pod.is_none())) {
        return;
    }
    if let Some(worker) = import.worker {
        autoscaling(import, d, cluster, worker);
        graceful_shutdown(import, d, worker);
    }
    for (role, node) in roles {
        if let Some(node) = node {
            budget(import, d, cluster, role, node);
            placement(import, d, role, node);
        }
    }
    jmx_exporter(import, d);
}

/// `[monitoring] jmx_exporter` when every Trino pod runs a JMX exporter and opens the JMX RMI
/// ports the spec's exporter reads.
fn jmx_exporter(import: &mut Import<'_>, d: &mut Doc) {
    use crate::lower::pods::{EXPORTER_IMAGE, JMX_REGISTRY_PORT, JMX_SERVER_PORT};
    let nodes: Vec<&Node> = std::iter::once(import.coordinator)
        .chain(import.worker)
        .collect();
    let images: Option<Vec<&str>> = nodes
        .iter()
        .map(|n| n.pod.as_ref()?.jmx_exporter.as_deref())
        .collect();
    let Some(image) = images.and_then(|i| i.first().copied().filter(|f| i.iter().all(|x| x == f)))
    else {
        return;
    };
    let spec_ports = |n: &&Node| {
        let config = pairs(n, "config.properties").unwrap_or_default();
        let port = |key| get(&config, key).and_then(|p| p.parse::<u32>().ok());
        (port("jmx.rmiregistry.port"), port("jmx.rmiserver.port"))
            == (Some(JMX_REGISTRY_PORT), Some(JMX_SERVER_PORT))
    };
    if !nodes.iter().all(spec_ports) {
        import.notes.push(format!(
            "the pods run a JMX exporter ({image}), but not on the JMX ports {JMX_REGISTRY_PORT} and {JMX_SERVER_PORT} the spec's exporter reads: kept as properties, add `[monitoring] jmx_exporter` by hand"
        ));
        return;
    }
    d.set("monitoring", "jmx_exporter", Val::Bool(true));
    if image != EXPORTER_IMAGE {
        d.set("monitoring", "exporter_image", Val::Str(image.to_owned()));
    }
    import.notes.push(
        "the JMX exporter becomes `[monitoring] jmx_exporter`: its configuration (which MBeans it exports) is the spec's, not the original's".to_owned(),
    );
}

/// `[coordinator.placement]` or `[workers.placement]` from the role's pod template.
fn placement(import: &mut Import<'_>, d: &mut Doc, role: Role, node: &Node) {
    let Some(pod) = &node.pod else { return };
    let p = &pod.placement;
    let table = format!("{}.placement", role.spec_key());
    if !p.node_selector.is_empty() {
        let entries: Vec<(&str, Val)> = p
            .node_selector
            .iter()
            .map(|(k, v)| (k.as_str(), Val::Str(v.clone())))
            .collect();
        d.set(&table, "node_selector", inline(&entries));
    }
    if !p.tolerations.is_empty() {
        let items: Vec<String> = p
            .tolerations
            .iter()
            .map(|t| {
                let entries: Vec<(&str, Val)> = ["key", "operator", "value", "effect"]
                    .into_iter()
                    .zip(t)
                    .filter_map(|(k, v)| Some((k, Val::Str(v.clone()?))))
                    .collect();
                inline(&entries).toml()
            })
            .collect();
        d.set(
            &table,
            "tolerations",
            Val::Raw(format!("[{}]", items.join(", "))),
        );
    }
    if !p.zones.is_empty() {
        d.set(&table, "zones", Val::Strs(p.zones.clone()));
    }
    for (key, on) in [
        ("one_per_node", p.one_per_node),
        ("spread_over_zones", p.spread_over_zones),
    ] {
        if on {
            d.set(&table, key, Val::Bool(true));
        }
    }
    if let Some(class) = &p.priority_class {
        d.set(&table, "priority_class", Val::Str(class.clone()));
    }
    if !p.other.is_empty() {
        import.notes.push(format!(
            "the {} pods' {} cannot be written by the spec and are not imported",
            role.as_str(),
            p.other
                .iter()
                .map(|o| format!("`{o}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
}

/// `[workers.autoscaling]` from the autoscaler whose target is the workers' workload.
// A threshold is a whole, positive count below `u32::MAX` before it is cast.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn autoscaling(import: &mut Import<'_>, d: &mut Doc, cluster: &Cluster, worker: &Node) {
    let Some(pod) = &worker.pod else { return };
    let Some(a) = cluster
        .autoscalers
        .iter()
        .find(|a| a.target.value == pod.workload)
    else {
        return;
    };
    let table = "workers.autoscaling";
    let keda = a.kind == "ScaledObject";
    d.set(
        table,
        "kind",
        Val::Str(if keda { "keda" } else { "hpa" }.into()),
    );
    d.set(table, "min", Val::Int(u64::from(a.min.value)));
    d.set(table, "max", Val::Int(u64::from(a.max.value)));
    let s = &a.scaling;
    if keda {
        if let Some(server) = &s.prometheus {
            d.set(table, "prometheus", Val::Str(server.clone()));
        } else {
            import.notes.push(format!(
                "{} {} has no Prometheus trigger trinocfg reads: set `workers.autoscaling.prometheus` and the query thresholds",
                a.kind, a.name
            ));
        }
        for t in &a.triggers {
            let key = match t.metric {
                QueryMetric::Queued => "queued_queries",
                QueryMetric::Running => "running_queries",
            };
            // Thresholds are whole query counts; the spec writes them as integers.
            let count = t.threshold.value.max(1.0).round();
            if count.is_finite() && count <= f64::from(u32::MAX) {
                d.set(table, key, Val::Int(count as u64));
            }
        }
        for (key, value) in [
            ("polling_seconds", s.polling_seconds),
            ("cooldown_seconds", s.cooldown_seconds),
        ] {
            if let Some(v) = value {
                d.set(table, key, Val::Int(u64::from(v)));
            }
        }
    } else {
        for (resource, percent) in &s.utilization {
            d.set(
                table,
                &format!("{resource}_utilization"),
                Val::Int(u64::from(*percent)),
            );
        }
        if !s.pod_metrics.is_empty() {
            let items: Vec<String> = s
                .pod_metrics
                .iter()
                .map(|(name, value)| {
                    inline(&[
                        ("name", Val::Str(name.clone())),
                        ("average_value", Val::Str(value.clone())),
                    ])
                    .toml()
                })
                .collect();
            d.set(
                table,
                "pod_metrics",
                Val::Raw(format!("[{}]", items.join(", "))),
            );
        }
    }
    for (key, value, default) in [
        ("scale_down_seconds", s.scale_down_seconds, 300),
        ("scale_down_step", s.scale_down_step, 1),
    ] {
        if let Some(v) = value.filter(|v| *v != default) {
            d.set(table, key, Val::Int(u64::from(v)));
        }
    }
    // The autoscaler sets the worker count.
    d.remove("workers", "count");
    import.notes.push(format!(
        "the workers' autoscaling is imported from {} {} (range, thresholds and scale-down); triggers and metrics trinocfg does not write are left out",
        a.kind, a.name
    ));
}

/// `[workers.graceful_shutdown]` from the workers' preStop hook that asks Trino to shut down.
// A parsed duration is finite and not negative; whole seconds are cast.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn graceful_shutdown(import: &mut Import<'_>, d: &mut Doc, worker: &Node) {
    let Some(pod) = &worker.pod else { return };
    let Some(hook) = &pod.pre_stop else { return };
    if !hook.value.shuts_down {
        import.notes.push(
            "the workers' preStop hook does not ask Trino to shut down (`PUT /v1/info/state`): not imported; `[workers.graceful_shutdown]` writes one"
                .to_owned(),
        );
        return;
    }
    let config = pairs(worker, "config.properties").unwrap_or_default();
    let grace = get(&config, "shutdown.grace-period")
        .and_then(|v| crate::values::parse_duration(v).ok())
        .map_or(SHUTDOWN_GRACE, |s| s.ceil() as u64);
    let termination = pod
        .termination_grace
        .as_ref()
        .map_or(TERMINATION_GRACE, |f| f.value);
    let drain = termination.saturating_sub(2 * grace);
    let table = "workers.graceful_shutdown";
    d.set(table, "grace_period_seconds", Val::Int(grace));
    d.set(table, "drain_seconds", Val::Int(drain));
    match &hook.value.user {
        Some(user) => d.set(table, "user", Val::Str(user.clone())),
        None => import.notes.push(
            "the workers' preStop hook sends no user (`X-Trino-User`): `trino-shutdown` assumed, allowed by the access control graceful shutdown writes"
                .to_owned(),
        ),
    }
    if drain == 0 {
        import.notes.push(format!(
            "terminationGracePeriodSeconds ({termination}) leaves the workers no time for their tasks after twice the grace period ({grace}s): `drain_seconds = 0`, raise it"
        ));
    }
}

/// `[coordinator.disruption_budget]` or `[workers.disruption_budget]` from the budget that
/// selects the role's pods.
fn budget(import: &mut Import<'_>, d: &mut Doc, cluster: &Cluster, role: Role, node: &Node) {
    let Some(pod) = &node.pod else { return };
    let Some(b) = cluster.budgets.iter().find(|b| b.selects(pod)) else {
        return;
    };
    let table = format!("{}.disruption_budget", role.spec_key());
    for (key, value) in [
        ("max_unavailable", &b.max_unavailable),
        ("min_available", &b.min_available),
    ] {
        let Some(value) = value else { continue };
        match value.value.parse::<u64>() {
            Ok(n) => d.set(&table, key, Val::Int(n)),
            Err(_) => import.notes.push(format!(
                "PodDisruptionBudget {}: `{}` {} is not a number of pods: not imported, set `{table}.{key}`",
                b.name,
                if key == "max_unavailable" { "maxUnavailable" } else { "minAvailable" },
                value.value
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::input::kubernetes::read_stream;
    use crate::model::{Cluster, Node};

    fn stream(spec: &str) -> Cluster {
        let out = crate::generate(spec).output.expect("the spec generates");
        read_stream(&out.kubernetes, "k.yaml").cluster
    }

    fn worker(c: &Cluster) -> &Node {
        c.nodes
            .iter()
            .find(|n| n.label.ends_with("-worker"))
            .expect("a worker Deployment")
    }

    /// The Kubernetes objects of an example's stream, imported and generated again, are the
    /// same: the autoscaler, the disruption budgets, the workers' graceful shutdown, the pods'
    /// placement and their JMX exporter.
    #[test]
    fn autoscaling_shutdown_budgets_and_placement_round_trip() {
        for name in ["data-on-eks", "hpa-custom-metrics"] {
            let original = stream(crate::examples::find(name).unwrap().source);
            let imported = super::super::from_cluster(&original, "k.yaml").unwrap();
            assert!(
                !imported.spec.contains("\ncount ="),
                "{name}: the autoscaler sets the count\n{}",
                imported.spec
            );
            let again = stream(&imported.spec);
            let (a, b) = (&original.autoscalers[0], &again.autoscalers[0]);
            assert_eq!(a.kind, b.kind, "{name}");
            assert_eq!(
                (a.min.value, a.max.value),
                (b.min.value, b.max.value),
                "{name}"
            );
            assert_eq!(a.scaling, b.scaling, "{name}");
            let thresholds = |x: &crate::model::Autoscaler| {
                x.triggers
                    .iter()
                    .map(|t| (t.metric, t.threshold.value.to_bits()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(thresholds(a), thresholds(b), "{name}");
            let budgets = |c: &Cluster| {
                c.budgets
                    .iter()
                    .map(|b| {
                        (
                            b.name.clone(),
                            b.max_unavailable.as_ref().map(|f| f.value.clone()),
                            b.min_available.as_ref().map(|f| f.value.clone()),
                        )
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(budgets(&original), budgets(&again), "{name}");
            assert!(!original.budgets.is_empty(), "{name}");
            let (w1, w2) = (worker(&original), worker(&again));
            let pod = |n: &Node| {
                let p = n.pod.as_ref().unwrap();
                (
                    p.termination_grace.as_ref().map(|f| f.value),
                    p.pre_stop.as_ref().map(|f| f.value.clone()),
                )
            };
            assert_eq!(pod(w1), pod(w2), "{name}");
            assert!(pod(w1).1.is_some_and(|h| h.shuts_down), "{name}");
            // Both roles' placement, and the JMX exporter beside every Trino container (both
            // examples run one).
            let pods = |c: &Cluster| {
                c.nodes
                    .iter()
                    .filter_map(|n| {
                        let p = n.pod.as_ref()?;
                        Some((n.label.clone(), p.placement.clone(), p.jmx_exporter.clone()))
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(pods(&original), pods(&again), "{name}");
            assert!(
                pods(&original).iter().all(|(_, _, e)| e.is_some()),
                "{name}"
            );
        }
    }

    #[test]
    fn a_hook_that_does_not_shut_down_and_a_percentage_budget_are_named() {
        let spec = crate::examples::find("data-on-eks").unwrap().source;
        let out = crate::generate(spec).output.unwrap();
        let yaml = out
            .kubernetes
            .replace("maxUnavailable: 1", "maxUnavailable: \"25%\"")
            .replace("/v1/info/state", "/v1/info");
        let cluster = read_stream(&yaml, "k.yaml").cluster;
        let imported = super::super::from_cluster(&cluster, "k.yaml").unwrap();
        assert!(
            !imported.spec.contains("[workers.graceful_shutdown]"),
            "{}",
            imported.spec
        );
        assert!(
            !imported.spec.contains("[workers.disruption_budget]"),
            "{}",
            imported.spec
        );
        let notes = imported.notes.join("\n");
        assert!(notes.contains("does not ask Trino to shut down"), "{notes}");
        assert!(
            notes.contains("`maxUnavailable` 25% is not a number of pods"),
            "{notes}"
        );
        // An affinity the spec cannot write is named, not dropped silently.
        let yaml = out.kubernetes.replace(
            "topologyKey: kubernetes.io/hostname",
            "topologyKey: topology.kubernetes.io/zone",
        );
        let cluster = read_stream(&yaml, "k.yaml").cluster;
        let imported = super::super::from_cluster(&cluster, "k.yaml").unwrap();
        assert!(!imported.spec.contains("one_per_node"), "{}", imported.spec);
        let notes = imported.notes.join("\n");
        assert!(
            notes.contains("the worker pods' `podAntiAffinity` cannot be written"),
            "{notes}"
        );
    }
}
