//! The deployment around Trino: the autoscaler's target and range, graceful shutdown (the
//! preStop hook, the grace period Kubernetes gives it, the access control it needs, the
//! drain time against the queries' time limits), disruption budgets, memory requests and the
//! spill volume.

declare! {
    AUTOSCALER_TARGET = "TD001", "autoscaler-target", Error,
        "A `ScaledObject` or `HorizontalPodAutoscaler` whose target is not the Trino worker workload.",
        "An autoscaler scales the object its `scaleTargetRef` names (kind and name; KEDA and the \
HPA default the kind to `Deployment`). A name of no workload, or of a workload of another kind \
(a `StatefulSet` target for workers that run as a Deployment), scales nothing: KEDA reports the \
target missing and the workers stay as they are. An autoscaler on the coordinator adds \
coordinators, which Trino does not support: every coordinator schedules its own queries on the \
same workers.\n\nFix: point `scaleTargetRef` at the worker workload, with its kind and name.";
    AUTOSCALER_RANGE = "TD002", "autoscaler-range", Error,
        "An autoscaler whose minimum is above its maximum, or an HPA with a minimum of 0.",
        "KEDA refuses a ScaledObject whose `minReplicaCount` is above `maxReplicaCount`, and the \
autoscaling/v2 API refuses `minReplicas: 0` unless the HPAScaleToZero feature gate is on. Only \
KEDA scales to zero.\n\nFix: give a minimum no larger than the maximum; use KEDA to scale to \
zero.";
    SHUTDOWN_GRACE = "TD003", "shutdown-grace-too-short", Error,
        "A worker pod's grace period is shorter than Trino's graceful shutdown needs.",
        "Asked to shut down, a worker waits `shutdown.grace-period` (2 minutes by default) so \
the coordinator stops sending it work, waits for its running tasks, then waits the grace period \
again before it exits. Kubernetes kills the container `terminationGracePeriodSeconds` (30 by \
default) after the preStop hook starts: shorter than twice the grace period, every task still \
running is killed and its query fails.\n\nFix: set `terminationGracePeriodSeconds` to at least \
twice `shutdown.grace-period` plus the longest task (`workers.graceful_shutdown` in the spec \
derives it).";
    PRE_STOP = "TD004", "pre-stop-fails", Error,
        "A preStop hook that cannot shut the worker down gracefully.",
        "`PUT /v1/info/state` is a management resource (`MANAGEMENT_WRITE`): Trino answers 401 \
without a user (`X-Trino-User`), and 403 unless the system access control lets that user write \
system information. The default access control and `read-only` refuse it; file-based access \
control needs a `system_information` rule allowing `write` to the user. A hook that returns \
right after the request lets Kubernetes stop the container while tasks still run; a hook on \
another port than `http-server.http.port` reaches nothing; a coordinator refuses to shut down \
(\"Cannot shutdown coordinator\").\n\nFix: send `-H 'X-Trino-User: <user>'` to the worker's \
port, wait until Trino exits (`while kill -0 1; do sleep 5; done`), and allow the user in the \
workers' access control (`workers.graceful_shutdown` in the spec writes all of it).";
    SCALE_DOWN_KILLS = "TD005", "scale-down-kills-queries", Warning,
        "Autoscaled workers without graceful shutdown.",
        "When the autoscaler removes a worker, Kubernetes stops it with its tasks running: every \
query with a task there fails, unless TASK retries run them again elsewhere.\n\nFix: add \
graceful shutdown (`[workers.graceful_shutdown]`), or `retry_policy = \"task\"`.";
    DRAIN_SHORTER = "TD006", "drain-shorter-than-queries", Warning,
        "Workers get less time to drain than the coordinator lets a query run.",
        "A worker being stopped waits for its tasks only until Kubernetes' grace period ends. \
The coordinator lets a query run for `query.max-execution-time` and `query.max-run-time` (100 \
days by default): a longer query loses its tasks on the stopped worker and fails.\n\nFix: \
limit `query.max-execution-time` on the coordinator to the drain time, raise the drain time, or \
use TASK retries.";
    DISRUPTION_BUDGET = "TD007", "disruption-budget", Warning,
        "A `PodDisruptionBudget` that selects no Trino pods, or that blocks every eviction of the workers.",
        "A budget whose selector matches no pod protects nothing. A worker budget with \
`maxUnavailable: 0`, or a `minAvailable` at or above the fewest workers, lets no node drain or \
consolidation evict a worker: node upgrades and scale-down of nodes stall.\n\nFix: select the \
pods by their labels; for workers use `maxUnavailable: 1`.";
    MEMORY_REQUEST = "TD008", "memory-request-below-limit", Warning,
        "A Trino container whose memory request is below its limit.",
        "The memory rules judge the heap against the limit, and the JVM takes the heap it is \
given whatever the node has left: a pod scheduled by a smaller request can land on a node \
without that memory, and is the first the kubelet evicts or the kernel kills under \
pressure.\n\nFix: request the memory the container is limited to (leave `memory_request` out).";
    SPILL_VOLUME = "TD009", "spill-not-on-volume", Warning,
        "Spilling to a directory that no volume provides.",
        "`spiller-spill-path` outside every mounted volume spills into the container's writable \
layer: the node's root disk fills, and the kubelet evicts the pod.\n\nFix: mount a volume \
(local SSD or an `emptyDir`) at the spill path (`[workers.spill]` in the spec).";
    MONITOR_WITHOUT_EXPORTER = "TD010", "service-monitor-without-exporter", Warning,
        "A `ServiceMonitor` for Trino whose pods run no JMX exporter.",
        "Trino serves no Prometheus metrics of its own: a prometheus-operator `ServiceMonitor` \
scrapes the JMX exporter beside each Trino container. Without one, the port it names is on no \
Service (the chart adds its `jmx-exporter` port only with the exporter) and Prometheus has no \
target: dashboards and alerts stay empty, and a KEDA trigger on Trino's metrics never fires. A \
spec with `service_monitor` and no exporter renders no `ServiceMonitor` at all. Each \
`ServiceMonitor` is judged by the pods its Services reach: the chart's workers' monitor scrapes \
nothing when only the coordinator runs the exporter (`jmx.coordinator.exporter`).\n\nFix: run the \
exporter (`[monitoring] jmx_exporter = true`, or the chart's `jmx.enabled` and \
`jmx.exporter.enabled`), or remove the `ServiceMonitor`.";
    MONITOR_PORT = "TD011", "service-monitor-port", Warning,
        "A `ServiceMonitor` endpoint naming a port that the Services it selects do not have.",
        "A prometheus-operator `ServiceMonitor` endpoint's `port` is the name of a port of the \
Services the monitor selects, not a number or a container's port. A name none of those Services \
has gives Prometheus no target for that endpoint, silently: the exporter runs, and dashboards, \
alerts and a KEDA trigger on Trino's metrics see nothing. Hand-written manifests drift this way \
when a Service's port is renamed (`metrics` to `jmx-exporter`) or written without a name. A \
monitor whose pods run no exporter at all is `TD010` instead.\n\nFix: name a port of the \
Services in `endpoints[].port`, or give the Service's exporter port that name.";
}

use super::Cx;
use crate::diagnostic::Diagnostic;
use crate::memory::Role;
use crate::model::{Content, Node, ServiceMonitor};
use crate::spec::names::printable;
use crate::suggest;
use crate::units::human_bytes;

/// Checks the deployment around the nodes.
pub(crate) fn check(cx: &mut Cx<'_>) {
    autoscalers(cx);
    for node in &cx.cluster.nodes {
        let Some(pod) = &node.pod else { continue };
        shutdown(cx, node);
        if let (Some(req), Some(limit)) = (&pod.memory_request, &node.container_memory) {
            if req.value < limit.value {
                let d = Diagnostic::new(&MEMORY_REQUEST, format!("{}: memory request {} is below the limit {}; the memory rules use the limit", node.label, human_bytes(req.value), human_bytes(limit.value)))
                    .at(cx.at(&req.at, None))
                    .help("request what the container is limited to");
                cx.push(d);
            }
        }
        spill(cx, node);
    }
    budgets(cx);
    monitors(cx);
}

/// `TD010`: a `ServiceMonitor` whose Services reach no pod with an exporter to scrape; the
/// others' ports are `TD011`'s.
fn monitors(cx: &mut Cx<'_>) {
    let cluster = cx.cluster;
    for m in &cluster.service_monitors {
        let reached: Vec<&Node> = cluster
            .nodes
            .iter()
            .filter(|n| n.pod.is_some() && m.roles.contains(&n.role()))
            .collect();
        let exporter = |n: &&Node| n.pod.as_ref().is_some_and(|p| p.jmx_exporter.is_some());
        if reached.is_empty() {
            continue;
        }
        if reached.iter().any(exporter) {
            monitor_ports(cx, m);
            continue;
        }
        // The roles it reaches, each once and in the monitor's order, however the nodes lie.
        let roles: Vec<&str> = m
            .roles
            .iter()
            .filter(|r| reached.iter().any(|n| n.role() == **r))
            .map(|r| r.as_str())
            .collect();
        let d = Diagnostic::new(
            &MONITOR_WITHOUT_EXPORTER,
            format!(
                "ServiceMonitor {} scrapes nothing: its {} pods run no JMX exporter",
                m.name,
                roles.join(" and ")
            ),
        )
        .at(cx.at(&m.at, None))
        .help("run the JMX exporter beside Trino (`[monitoring] jmx_exporter = true`; chart values `jmx.enabled` and `jmx.exporter.enabled`), or remove the ServiceMonitor");
        cx.push(d);
    }
}

/// `TD011`: an endpoint of a `ServiceMonitor` whose pods run an exporter names a port that none
/// of the Services it selects has.
fn monitor_ports(cx: &mut Cx<'_>, m: &ServiceMonitor) {
    let names: Vec<&str> = m
        .services
        .iter()
        .flat_map(|(_, ports)| ports.iter().map(String::as_str))
        .collect();
    let services: Vec<&str> = m.services.iter().map(|(name, _)| name.as_str()).collect();
    let has = if names.is_empty() {
        "their ports have no names".to_owned()
    } else {
        format!("their ports: {}", names.join(", "))
    };
    for port in m
        .ports
        .iter()
        .filter(|p| !names.contains(&p.value.as_str()))
    {
        let fix = format!(
            "name a port of the Services, or give the Service's exporter port the name `{}`",
            printable(&port.value)
        );
        let help = match suggest::closest(&port.value, names.iter().copied()) {
            Some(close) => format!("did you mean `{close}`? {fix}"),
            None => fix,
        };
        let d = Diagnostic::new(
            &MONITOR_PORT,
            format!(
                "ServiceMonitor {} scrapes port `{}`, which its Services ({}) do not have ({has}): Prometheus finds no target",
                m.name,
                printable(&port.value),
                services.join(", ")
            ),
        )
        .at(cx.at(&port.at, None))
        .help(help);
        cx.push(d);
    }
}

fn autoscalers(cx: &mut Cx<'_>) {
    let cluster = cx.cluster;
    let pods: Vec<&Node> = cluster.nodes.iter().filter(|n| n.pod.is_some()).collect();
    for a in &cluster.autoscalers {
        let (kind, name) = &a.target.value;
        let same_name: Vec<&Node> = pods
            .iter()
            .copied()
            .filter(|n| n.pod.as_ref().is_some_and(|p| &p.workload.1 == name))
            .collect();
        let exact = same_name
            .iter()
            .find(|n| n.pod.as_ref().is_some_and(|p| &p.workload.0 == kind));
        let problem = match exact {
            Some(n) if n.role() == Role::Coordinator => Some(format!(
                "{} {} scales the coordinator `{name}`; Trino runs one coordinator",
                a.kind, a.name
            )),
            _ if pods.is_empty() || exact.is_some() => None,
            _ => {
                let worker = pods
                    .iter()
                    .find(|n| n.role() == Role::Worker)
                    .and_then(|n| n.pod.as_ref());
                Some(match (same_name.first().and_then(|n| n.pod.as_ref()), worker) {
                    (Some(p), _) => format!("{} {} targets {kind} `{name}`, but `{name}` is a {}", a.kind, a.name, p.workload.0),
                    (None, Some(w)) => format!("{} {} targets {kind} `{name}`, which does not exist; the workers are {} `{}`", a.kind, a.name, w.workload.0, w.workload.1),
                    (None, None) => format!("{} {} targets {kind} `{name}`, which is no Trino workload of the input", a.kind, a.name),
                })
            }
        };
        if let Some(message) = problem {
            let help = match pods
                .iter()
                .find(|n| n.role() == Role::Worker)
                .and_then(|n| n.pod.as_ref())
            {
                Some(w) => format!(
                    "set `scaleTargetRef` to `kind: {}`, `name: {}`",
                    w.workload.0, w.workload.1
                ),
                None => "point `scaleTargetRef` at the worker workload".to_owned(),
            };
            let d = Diagnostic::new(&AUTOSCALER_TARGET, message)
                .at(cx.at(&a.target.at, None))
                .help(help);
            cx.push(d);
        }
        if a.min.value > a.max.value {
            let d = Diagnostic::new(
                &AUTOSCALER_RANGE,
                format!(
                    "{} {}: the minimum ({}) is above the maximum ({})",
                    a.kind, a.name, a.min.value, a.max.value
                ),
            )
            .at(cx.at(&a.min.at, None))
            .help("give a minimum no larger than the maximum");
            cx.push(d);
        } else if a.min.value == 0 && a.kind == "HorizontalPodAutoscaler" {
            let d = Diagnostic::new(&AUTOSCALER_RANGE, format!("HorizontalPodAutoscaler {}: `minReplicas: 0` needs the HPAScaleToZero feature gate", a.name))
                .at(cx.at(&a.min.at, None))
                .help("use a minimum of 1, or KEDA to scale to zero");
            cx.push(d);
        }
    }
}

/// A duration property of a node's `config.properties` in seconds, or its default.
fn seconds(node: &Node, key: &str, default: f64) -> f64 {
    node.config()
        .and_then(|c| c.value(key))
        .and_then(|v| crate::values::parse_duration(v).ok())
        .unwrap_or(default)
}

fn shutdown(cx: &mut Cx<'_>, node: &Node) {
    let cluster = cx.cluster;
    let Some(pod) = &node.pod else { return };
    let retries_tasks = node
        .config()
        .and_then(|c| c.value("retry-policy"))
        .is_some_and(|v| v.eq_ignore_ascii_case("task"));
    let hook = pod.pre_stop.as_ref().filter(|h| h.value.shuts_down);
    let Some(hook) = hook else {
        if node.role() == Role::Worker && !retries_tasks {
            if let Some(a) = cluster.autoscaler_of(node) {
                let d = Diagnostic::new(&SCALE_DOWN_KILLS, format!("{} {} removes workers of {} with their tasks running: their queries fail", a.kind, a.name, node.label))
                    .at(cx.at(&a.target.at, None))
                    .help("add graceful shutdown (a preStop hook that asks the worker to shut down, `[workers.graceful_shutdown]` in the spec), or use TASK retries");
                cx.push(d);
            }
        }
        return;
    };
    let at = cx.at(&hook.at, None);
    if node.role() == Role::Coordinator {
        let d = Diagnostic::new(&PRE_STOP, format!("{}: a coordinator refuses to shut down (\"Cannot shutdown coordinator\"); the hook fails", node.label))
            .at(at)
            .help("keep the shutdown hook on the workers");
        cx.push(d);
        return;
    }
    let mut problems = Vec::new();
    if hook.value.user.is_none() {
        problems.push("it sends no user, and Trino answers 401".to_owned());
    }
    // A port set by a placeholder is not known, and not compared.
    let port = node.listen_port(false).map(|(port, _)| port);
    if let (Some(p), Some(port)) = (hook.value.port.filter(|p| Some(*p) != port), port) {
        problems.push(format!("it calls port {p}, but Trino listens on {port}"));
    }
    if !hook.value.waits {
        problems.push(
            "it returns at once, so Kubernetes stops the container while tasks still run"
                .to_owned(),
        );
    }
    if let Some(user) = &hook.value.user {
        if let Some(why) = access_denied(node, user) {
            problems.push(why);
        }
    }
    for p in problems {
        let d = Diagnostic::new(&PRE_STOP, format!("{}: the preStop hook cannot drain the worker: {p}", node.label))
            .at(at.clone())
            .help("send `-H 'X-Trino-User: <user>'` to the worker's port, wait for Trino to exit, and let the user write system information");
        cx.push(d);
    }
    let grace = seconds(node, "shutdown.grace-period", 120.0);
    let given = pod.grace_seconds() as f64;
    let grace_at = pod.termination_grace.as_ref().map_or(&pod.at, |f| &f.at);
    if given < 2.0 * grace {
        let d = Diagnostic::new(&SHUTDOWN_GRACE, format!("{}: Kubernetes kills the worker {given:.0}s after the preStop hook starts, but Trino waits shutdown.grace-period ({grace:.0}s) twice besides its tasks", node.label))
            .at(cx.at(grace_at, None))
            .help(format!("set `terminationGracePeriodSeconds` to at least {:.0} plus the longest task", 2.0 * grace));
        cx.push(d);
    } else if !retries_tasks {
        let drain = given - 2.0 * grace;
        let coordinator = cluster.nodes.iter().find(|n| n.role() == Role::Coordinator);
        let limit = coordinator.map_or(8_640_000.0, |c| {
            seconds(c, "query.max-execution-time", 8_640_000.0).min(seconds(
                c,
                "query.max-run-time",
                8_640_000.0,
            ))
        });
        if limit > drain {
            let d = Diagnostic::new(&DRAIN_SHORTER, format!("{}: a stopped worker waits at most {drain:.0}s for its tasks, but the coordinator lets a query run {}", node.label, human_seconds(limit)))
                .at(cx.at(grace_at, None))
                .help(format!("set `query.max-execution-time` on the coordinator to at most {drain:.0}s, raise the drain time, or use TASK retries"));
            cx.push(d);
        }
    }
}

/// Why the worker's access control refuses `user` writing system information, when it can
/// tell.
fn access_denied(node: &Node, user: &str) -> Option<String> {
    let props = node.properties("access-control.properties");
    let name = props.and_then(|p| p.value("access-control.name"));
    match name {
        None if node.complete.root => Some("the default access control refuses to let anyone write system information (add `access-control.properties` with file-based rules)".to_owned()),
        Some("read-only") => Some("`read-only` access control refuses to let anyone write system information".to_owned()),
        Some("file") => {
            let path = props.and_then(|p| p.value("security.config-file"))?;
            let file = node.file_at(path)?;
            let rel = file.rel.as_str();
            let Content::Json(j) = &file.content else { return None };
            let rules = j.value.as_ref().ok()?.get("system_information");
            let Some(rules) = rules.and_then(|r| r.as_array()) else {
                return Some(format!("the rules in `{rel}` have no `system_information` rule, so writing system information is denied"));
            };
            for rule in rules {
                let pattern = rule.get("user").and_then(|u| u.as_str()).unwrap_or(".*");
                match user_matches(pattern, user) {
                    Some(true) => {
                        let allows = rule.get("allow").and_then(|a| a.as_array()).is_some_and(|a| a.iter().any(|v| v.as_str() == Some("write")));
                        return (!allows).then(|| format!("the first `system_information` rule of `{rel}` for `{user}` does not allow `write`"));
                    }
                    Some(false) => {}
                    None => return None,
                }
            }
            Some(format!("no `system_information` rule of `{rel}` matches `{user}`, so writing system information is denied"))
        }
        _ => None,
    }
}

/// Whether a rule's user pattern (a Java regular expression) matches `user` whole, for the
/// patterns this can tell: `.*`, a literal (with `\.` escapes) and alternations of them.
fn user_matches(pattern: &str, user: &str) -> Option<bool> {
    let mut any = false;
    for alt in pattern.split('|') {
        if alt == ".*" {
            return Some(true);
        }
        let mut literal = String::new();
        let mut chars = alt.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => literal.push(chars.next()?),
                '.' | '*' | '+' | '?' | '[' | ']' | '(' | ')' | '{' | '}' | '^' | '$' => {
                    return None
                }
                c => literal.push(c),
            }
        }
        any |= literal == user;
    }
    Some(any)
}

fn budgets(cx: &mut Cx<'_>) {
    let cluster = cx.cluster;
    if !cluster.nodes.iter().any(|n| n.pod.is_some()) {
        return;
    }
    for b in &cluster.budgets {
        let selected: Vec<&Node> = cluster
            .nodes
            .iter()
            .filter(|n| n.pod.as_ref().is_some_and(|p| b.selects(p)))
            .collect();
        if selected.is_empty() {
            let d = Diagnostic::new(
                &DISRUPTION_BUDGET,
                format!("PodDisruptionBudget {} selects no Trino pods", b.name),
            )
            .at(cx.at(&b.at, None))
            .help("select the pods by the labels of their template");
            cx.push(d);
            continue;
        }
        for node in selected.iter().filter(|n| n.role() == Role::Worker) {
            let fewest = cluster.replicas(node).map_or(1, |r| r.min.value);
            let blocks = match (&b.max_unavailable, &b.min_available) {
                (Some(m), _) => (m.value == "0" || m.value == "0%")
                    .then(|| (m.at.clone(), "`maxUnavailable: 0`".to_owned())),
                (None, Some(m)) => m
                    .value
                    .parse::<u32>()
                    .ok()
                    .filter(|v| *v >= fewest)
                    .map(|v| {
                        (
                            m.at.clone(),
                            format!("`minAvailable: {v}` with at fewest {fewest} worker(s)"),
                        )
                    }),
                _ => None,
            };
            if let Some((at, why)) = blocks {
                let d = Diagnostic::new(
                    &DISRUPTION_BUDGET,
                    format!(
                        "PodDisruptionBudget {}: {why} lets no drain evict a worker of {}",
                        b.name, node.label
                    ),
                )
                .at(cx.at(&at, None))
                .help("use `maxUnavailable: 1` for workers");
                cx.push(d);
            }
        }
    }
}

fn spill(cx: &mut Cx<'_>, node: &Node) {
    let Some(pod) = &node.pod else { return };
    let Some(config) = node.config() else { return };
    for key in ["spiller-spill-path", "experimental.spiller-spill-path"] {
        let Some(p) = config.get(key) else { continue };
        for path in p.value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let path = path.trim_end_matches('/');
            let mounted = pod
                .mount_paths
                .iter()
                .any(|m| path == m || path.starts_with(&format!("{m}/")));
            if !mounted {
                let d = Diagnostic::new(&SPILL_VOLUME, format!("{}: `{path}` is on no volume of the container; spilled data fills the node's root disk", node.label))
                    .at(cx.at_value(p))
                    .help("mount a volume (local SSD or an emptyDir) at the spill path");
                cx.push(d);
            }
        }
    }
}

/// `100d`, `6h`, `15m`, `90s`: a duration in its largest whole unit.
fn human_seconds(secs: f64) -> String {
    for (unit, size) in [("d", 86_400.0), ("h", 3_600.0), ("m", 60.0)] {
        if secs >= size && (secs / size).fract() == 0.0 {
            return format!("{:.0}{unit}", secs / size);
        }
    }
    format!("{secs:.0}s")
}

#[cfg(test)]
mod tests {
    use crate::input::kubernetes::read_stream;

    const BASE: &str = "[cluster]\nname = \"t\"\n[coordinator]\nmemory = \"8Gi\"\ncpu = 2\n[workers]\ncount = 1\nmemory = \"8Gi\"\ncpu = 2\n";

    fn td010(diagnostics: &[crate::Diagnostic]) -> Vec<String> {
        diagnostics
            .iter()
            .filter(|d| d.code == "TD010")
            .map(|d| d.location.path.clone().unwrap_or_default())
            .collect()
    }

    /// A spec's `service_monitor` without the exporter renders no `ServiceMonitor`: said at
    /// the key. With the exporter, nothing.
    #[test]
    fn a_service_monitor_without_exporter_is_named() {
        let spec = format!("{BASE}[monitoring]\nservice_monitor = true\n");
        let outcome = crate::generate(&spec);
        assert_eq!(td010(&outcome.diagnostics), ["monitoring.service_monitor"]);
        let rendered = outcome.output.expect("a warning only");
        assert!(!rendered.kubernetes.contains("kind: ServiceMonitor"));

        let spec = format!("{BASE}[monitoring]\nservice_monitor = true\njmx_exporter = true\n");
        let outcome = crate::generate(&spec);
        assert!(td010(&outcome.diagnostics).is_empty());
        let yaml = outcome.output.unwrap().kubernetes;
        assert!(yaml.contains("kind: ServiceMonitor"));

        // The stream of that spec, its exporters taken out: the ServiceMonitor is judged.
        let mut cluster = read_stream(&yaml, "k.yaml").cluster;
        assert_eq!(cluster.service_monitors.len(), 1);
        for n in &mut cluster.nodes {
            if let Some(p) = n.pod.as_mut() {
                p.jmx_exporter = None;
            }
        }
        // A second coordinator workload after the workers: each role is named once.
        let again = cluster.nodes[0].clone();
        cluster.nodes.push(again);
        let found: Vec<String> = crate::rules::check(&cluster)
            .into_iter()
            .filter(|d| d.code == "TD010")
            .map(|d| d.message)
            .collect();
        assert_eq!(
            found,
            ["ServiceMonitor t-metrics scrapes nothing: its coordinator and worker pods run no JMX exporter"]
        );
    }

    /// Chart values that monitor both roles but run the exporter on the coordinator only: the
    /// workers' `ServiceMonitor` is named, the coordinator's is not.
    #[test]
    fn a_role_monitored_without_its_exporter_is_named() {
        let text = include_str!("../../../../fixtures/check/chart-values/monitoring-broken.yaml");
        let input = crate::input::chart::read(text, "values.yaml").unwrap();
        let cluster = crate::input::chart::cluster(input);
        let diagnostics = crate::rules::check(&cluster);
        let found: Vec<&str> = diagnostics
            .iter()
            .filter(|d| d.code == "TD010")
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            found,
            ["ServiceMonitor serviceMonitor (worker) scrapes nothing: its worker pods run no JMX exporter"]
        );
        // The coordinator's Service has the exporter's port, which its monitor scrapes; the
        // workers' lacks it, and that is TD010's alone.
        let ports = |role: &str| {
            cluster
                .service_monitors
                .iter()
                .find(|m| m.name.contains(role))
                .map(|m| (m.ports[0].value.clone(), m.services[0].1.clone()))
        };
        assert_eq!(
            ports("coordinator"),
            Some((
                "jmx-exporter".to_owned(),
                vec!["http".to_owned(), "jmx-exporter".to_owned()]
            ))
        );
        assert_eq!(
            ports("worker"),
            Some(("jmx-exporter".to_owned(), vec!["http".to_owned()]))
        );
        assert!(td011(&diagnostics).is_empty());
    }

    /// A stream's `ServiceMonitor` of another application (it selects no Service of Trino's
    /// pods) is not the deployment's: not judged.
    #[test]
    fn another_applications_service_monitor_is_left_alone() {
        let yaml = crate::generate(BASE).output.unwrap().kubernetes;
        let other = "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: node-exporter\n  labels:\n    app: node-exporter\nspec:\n  selector:\n    app: node-exporter\n---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: node-exporter\nspec:\n  selector:\n    matchLabels:\n      app: node-exporter\n  endpoints:\n    - port: metrics\n";
        let cluster = read_stream(&format!("{yaml}{other}"), "k.yaml").cluster;
        assert!(cluster.service_monitors.is_empty());
        assert!(td010(&crate::rules::check(&cluster)).is_empty());
    }

    #[test]
    fn a_hook_is_compared_with_a_port_trino_states() {
        let text =
            include_str!("../../../../fixtures/check/kubernetes/td004-prestop-without-user.yaml");
        let td004 = |text: &str| -> Vec<String> {
            let cluster = crate::input::kubernetes::read(text, "s.yaml");
            crate::rules::check(&cluster)
                .into_iter()
                .filter(|d| d.code == "TD004")
                .map(|d| d.message)
                .collect()
        };
        let moved = text.replace("http-server.http.port=8080", "http-server.http.port=8081");
        let found = td004(&moved);
        assert!(
            found
                .iter()
                .any(|m| m.contains("it calls port 8080, but Trino listens on 8081")),
            "{found:#?}"
        );
        // A port a placeholder sets is not known: the hook is not compared with it.
        let placeholder = text.replace(
            "http-server.http.port=8080",
            "http-server.http.port=${ENV:HTTP_PORT}",
        );
        let found = td004(&placeholder);
        assert!(
            found.iter().any(|m| m.contains("it sends no user")),
            "{found:#?}"
        );
        assert!(
            !found.iter().any(|m| m.contains("calls port")),
            "{found:#?}"
        );
    }

    fn td011(diagnostics: &[crate::Diagnostic]) -> Vec<(String, String)> {
        diagnostics
            .iter()
            .filter(|d| d.code == "TD011")
            .map(|d| (d.message.clone(), d.help.clone().unwrap_or_default()))
            .collect()
    }

    /// The stream of a spec with the exporter and a `ServiceMonitor`: clean as rendered; an
    /// endpoint naming a port its Service lacks is named at the endpoint, with the Service's
    /// ports and the closest of them; a Service whose ports have no names is said so.
    #[test]
    fn a_monitor_port_the_services_lack_is_named() {
        let spec = format!("{BASE}[monitoring]\nservice_monitor = true\njmx_exporter = true\n");
        let yaml = crate::generate(&spec).output.unwrap().kubernetes;
        let check = |yaml: &str| td011(&crate::rules::check(&read_stream(yaml, "k.yaml").cluster));
        assert!(check(&yaml).is_empty());

        let misspelt = yaml.replace("    - port: metrics\n", "    - port: metric\n");
        assert_ne!(misspelt, yaml);
        let found = check(&misspelt);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].0,
            "ServiceMonitor t-metrics scrapes port `metric`, which its Services (t-metrics) do not have (their ports: metrics): Prometheus finds no target"
        );
        assert!(
            found[0].1.starts_with("did you mean `metrics`?"),
            "{}",
            found[0].1
        );

        let unnamed = yaml.replace(
            "    - name: metrics\n      port: 5556\n",
            "    - port: 5556\n",
        );
        assert_ne!(unnamed, yaml);
        let found = check(&unnamed);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].0.contains("(their ports have no names)"),
            "{}",
            found[0].0
        );

        // Without the exporter the monitor is TD010's, not also TD011's.
        let mut cluster = read_stream(&misspelt, "k.yaml").cluster;
        for n in &mut cluster.nodes {
            if let Some(p) = n.pod.as_mut() {
                p.jmx_exporter = None;
            }
        }
        let diagnostics = crate::rules::check(&cluster);
        assert!(td011(&diagnostics).is_empty());
        assert_eq!(td010(&diagnostics).len(), 1);
    }
}
