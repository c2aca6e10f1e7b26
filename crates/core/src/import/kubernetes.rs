//! What a Kubernetes stream says beyond Trino's files that the spec has typed keys for: the
//! workers' autoscaler (a KEDA `ScaledObject` or a `HorizontalPodAutoscaler`), their graceful
//! shutdown (the preStop hook, the termination grace period and `shutdown.grace-period`), and
//! each role's `PodDisruptionBudget` and placement (node selector, tolerations, zone affinity,
//! one pod per node, zone spread, priority class), and the JMX exporter beside every Trino
//! container (`[monitoring]`). Affinity terms of other shapes are named in a note.

use super::doc::{inline, Doc, Val};
use super::{get, pairs, Import};
use crate::memory::Role;
use crate::model::{Cluster, Exporter, Node, QueryMetric, ServiceMonitor};

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
    monitoring(import, d, cluster);
}

/// `[monitoring]`: `jmx_exporter` when every Trino pod runs a JMX exporter and opens the JMX
/// RMI ports the spec's exporter reads, with its image and port; then `service_monitor` when a
/// prometheus-operator `ServiceMonitor` scrapes them, with its labels and interval.
fn monitoring(import: &mut Import<'_>, d: &mut Doc, cluster: &Cluster) {
    use crate::lower::pods::{EXPORTER_IMAGE, JMX_REGISTRY_PORT, JMX_SERVER_PORT};
    let nodes: Vec<&Node> = std::iter::once(import.coordinator)
        .chain(import.worker)
        .collect();
    let exporters: Option<Vec<&Exporter>> = nodes
        .iter()
        .map(|n| n.pod.as_ref()?.jmx_exporter.as_ref())
        .collect();
    let exporter = exporters.and_then(|e| {
        let first = *e.first()?;
        e.iter()
            .all(|x| x.image == first.image)
            .then_some((first, e))
    });
    let Some((exporter, all)) = exporter else {
        if let Some(m) = cluster.service_monitors.first() {
            import.notes.push(format!(
                "{} is not imported: the spec's ServiceMonitor scrapes the JMX exporter of `[monitoring] jmx_exporter`, which every Trino pod would need to run",
                m.name
            ));
        }
        return;
    };
    let image = &exporter.image;
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
        d.set("monitoring", "exporter_image", Val::Str(image.clone()));
    }
    let mut ports: Vec<u32> = all.iter().filter_map(|e| e.port).collect();
    ports.dedup();
    if let [port, ..] = ports[..] {
        if port != crate::spec::EXPORTER_PORT {
            d.set("monitoring", "exporter_port", Val::Int(u64::from(port)));
        }
        if ports.len() > 1 {
            import.notes.push(format!(
                "the exporters serve metrics on different ports ({}): the spec's serves one, {port}",
                ports.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
            ));
        }
    }
    import.notes.push(
        "the JMX exporter becomes `[monitoring] jmx_exporter`: its configuration (which MBeans it exports) is the spec's, not the original's".to_owned(),
    );
    service_monitor(import, d, &cluster.service_monitors);
}

/// `[monitoring] service_monitor` from the deployment's `ServiceMonitors`: the spec writes one,
/// for both roles, with the labels and interval of the first.
fn service_monitor(import: &mut Import<'_>, d: &mut Doc, monitors: &[ServiceMonitor]) {
    let Some(first) = monitors.first() else {
        return;
    };
    d.set("monitoring", "service_monitor", Val::Bool(true));
    if !first.labels.is_empty() {
        let entries: Vec<(&str, Val)> = first
            .labels
            .iter()
            .map(|(k, v)| (k.as_str(), Val::Str(v.clone())))
            .collect();
        d.set("monitoring", "service_monitor_labels", inline(&entries));
    }
    if let Some(interval) = &first.interval {
        use crate::spec::SCRAPE_INTERVAL_SECONDS;
        match prometheus_seconds(interval) {
            Some(seconds) if seconds == u64::from(SCRAPE_INTERVAL_SECONDS) => {}
            Some(seconds) if (1..=3600).contains(&seconds) => {
                d.set("monitoring", "interval_seconds", Val::Int(seconds));
            }
            _ => import.notes.push(format!(
                "the scrape interval `{interval}` of {} is not a whole number of seconds from 1 to 3600: the spec's ServiceMonitor scrapes every {SCRAPE_INTERVAL_SECONDS}s, set `interval_seconds`",
                first.name
            )),
        }
    }
    let differ = monitors
        .iter()
        .skip(1)
        .any(|m| m.labels != first.labels || m.interval != first.interval);
    let names: Vec<&str> = monitors.iter().map(|m| m.name.as_str()).collect();
    import.notes.push(if differ {
        format!(
            "the ServiceMonitors {} differ in labels or interval: the spec's one ServiceMonitor takes those of {}",
            names.join(", "),
            first.name
        )
    } else {
        format!(
            "{} becomes `[monitoring] service_monitor`: one ServiceMonitor scrapes both roles through the metrics Service",
            names.join(" and ")
        )
    });
}

/// Seconds of a Prometheus duration (`30s`, `1m`, `1m30s`, `2h`); `None` for anything else.
fn prometheus_seconds(text: &str) -> Option<u64> {
    let mut total = 0u64;
    let mut number = String::new();
    let mut rest = text.trim();
    if rest.is_empty() {
        return None;
    }
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() {
            number.push(c);
            rest = &rest[1..];
            continue;
        }
        let (unit, len) = if rest.starts_with("ms") {
            (0, 2)
        } else {
            match c {
                's' => (1, 1),
                'm' => (60, 1),
                'h' => (3600, 1),
                'd' => (86_400, 1),
                _ => return None,
            }
        };
        let n: u64 = number.parse().ok()?;
        number.clear();
        if unit == 0 {
            // Milliseconds: whole seconds only.
            if n % 1000 != 0 {
                return None;
            }
            total = total.checked_add(n / 1000)?;
        } else {
            total = total.checked_add(n.checked_mul(unit)?)?;
        }
        rest = &rest[len..];
    }
    number.is_empty().then_some(total)
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
            // The ServiceMonitor: its labels, the Services it selects and its interval.
            let monitors = |c: &Cluster| {
                c.service_monitors
                    .iter()
                    .map(|m| (m.labels.clone(), m.selector.clone(), m.interval.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(monitors(&original), monitors(&again), "{name}");
            assert_eq!(monitors(&original).len(), 1, "{name}");
        }
    }

    /// A stream's own exporter port and scrape interval are imported; a monitor without an
    /// exporter the spec can write is named.
    #[test]
    fn exporter_port_and_scrape_interval_are_imported() {
        let spec = crate::examples::find("hpa-custom-metrics").unwrap().source;
        let out = crate::generate(spec).output.unwrap();
        let yaml = out
            .kubernetes
            .replace("- \"5556\"", "- \"9404\"")
            .replace("containerPort: 5556", "containerPort: 9404")
            .replace("interval: 30s", "interval: 1m30s");
        assert_ne!(yaml, out.kubernetes);
        let cluster = read_stream(&yaml, "k.yaml").cluster;
        let imported = super::super::from_cluster(&cluster, "k.yaml").unwrap();
        assert!(
            imported.spec.contains("exporter_port = 9404\n"),
            "{}",
            imported.spec
        );
        assert!(
            imported.spec.contains("interval_seconds = 90\n"),
            "{}",
            imported.spec
        );
        assert!(
            imported.spec.contains("service_monitor = true\n"),
            "{}",
            imported.spec
        );

        // Without the exporter sidecars, the ServiceMonitor alone is not imported, and said so.
        let mut cluster = cluster;
        for n in &mut cluster.nodes {
            if let Some(p) = n.pod.as_mut() {
                p.jmx_exporter = None;
            }
        }
        let imported = super::super::from_cluster(&cluster, "k.yaml").unwrap();
        assert!(
            !imported.spec.contains("service_monitor"),
            "{}",
            imported.spec
        );
        assert!(
            imported
                .notes
                .iter()
                .any(|n| n.contains("is not imported: the spec's ServiceMonitor scrapes")),
            "{:?}",
            imported.notes
        );
    }

    #[test]
    fn prometheus_durations_in_seconds() {
        for (text, seconds) in [
            ("30s", Some(30)),
            ("1m", Some(60)),
            ("1m30s", Some(90)),
            ("2h", Some(7200)),
            ("1d", Some(86_400)),
            ("5000ms", Some(5)),
            ("1500ms", None),
            ("", None),
            ("30", None),
            ("s", None),
            ("1x", None),
            ("99999999999999999999s", None),
        ] {
            assert_eq!(super::prometheus_seconds(text), seconds, "{text}");
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
