//! What a deployment says about the pods that run Trino, beside Trino's own files: the
//! workload a node is, its lifecycle (the preStop hook and the grace period Kubernetes gives
//! it), its memory request, its volumes, and the autoscalers and disruption budgets that act on
//! it. A spec states them (`crate::lower`), a Kubernetes stream is read into them
//! (`crate::input`); the deployment rules (`crate::rules::deploy`) judge them.

use super::{Cluster, Fact, Node, Origin};
use crate::memory::Role;

/// A node's pods as their workload describes them.
#[derive(Debug, Clone, Default)]
pub struct Pod {
    /// The workload's kind (`Deployment`, `StatefulSet`, `DaemonSet`) and name.
    pub workload: (String, String),
    /// Where the workload is.
    pub at: Origin,
    /// The labels of the pod template.
    pub labels: Vec<(String, String)>,
    /// The Trino container's memory request, when it is stated.
    pub memory_request: Option<Fact<u64>>,
    /// `terminationGracePeriodSeconds`; Kubernetes gives 30 seconds when absent.
    pub termination_grace: Option<Fact<u64>>,
    /// The Trino container's preStop hook.
    pub pre_stop: Option<Fact<PreStop>>,
    /// Mount paths of the Trino container's volumes other than the ConfigMaps its
    /// configuration files come from (those files are the node's files).
    pub mount_paths: Vec<String>,
    /// The Trino container's named ports.
    pub ports: Vec<(String, u32)>,
    /// The ports of the pod's other containers (a proxy or an exporter beside Trino): name
    /// (empty when it has none) and number.
    pub sidecar_ports: Vec<(String, u32)>,
    /// The Trino container's `httpGet` probes (liveness, readiness, startup).
    pub http_probes: Vec<Fact<HttpProbe>>,
    /// The Trino container's variables taken from a Secret: `(variable, Secret, key)`.
    pub secret_env: Vec<(String, String, String)>,
    /// Where the pods may run.
    pub placement: Placement,
    /// A Prometheus JMX exporter beside the Trino container, when the pod has one.
    pub jmx_exporter: Option<Exporter>,
}

/// A Prometheus JMX exporter sidecar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exporter {
    /// Its image.
    pub image: String,
    /// The port it serves metrics on, when the input states it.
    pub port: Option<u32>,
}

/// A prometheus-operator `ServiceMonitor` of the deployment: what makes Prometheus scrape the
/// exporters.
#[derive(Debug, Clone)]
pub struct ServiceMonitor {
    /// Its name.
    pub name: String,
    /// Where it is.
    pub at: Origin,
    /// Its own labels, by which a Prometheus selects it: those of the deployment's every
    /// object (`app.kubernetes.io/*`, `helm.sh/*`) left out.
    pub labels: Vec<(String, String)>,
    /// The labels of the Services it scrapes (`selector.matchLabels`).
    pub selector: Vec<(String, String)>,
    /// The roles whose pods those Services reach.
    pub roles: Vec<Role>,
    /// The scrape interval of its first endpoint, as written (`30s`).
    pub interval: Option<String>,
    /// The Service ports its endpoints scrape (`endpoints[].port`), each where it is written.
    pub ports: Vec<Fact<String>>,
    /// The Services it selects that reach Trino's pods: each one's name and port names.
    pub services: Vec<(String, Vec<String>)>,
}

impl ServiceMonitor {
    /// Whether a label is one the deployment puts on every object, not the monitor's own.
    pub fn is_standard_label(key: &str) -> bool {
        key.starts_with("app.kubernetes.io/") || key.starts_with("helm.sh/")
    }
}

/// A Kubernetes `Service` of the deployment: what a `discovery.uri` naming it reaches.
#[derive(Debug, Clone, Default)]
pub struct Service {
    /// Its name.
    pub name: String,
    /// Where it is.
    pub at: Origin,
    /// Its own labels, by which a `ServiceMonitor` selects it.
    pub labels: Vec<(String, String)>,
    /// The labels of the pods it sends traffic to (`spec.selector`); empty for a Service
    /// whose endpoints are managed by hand or that names an external host.
    pub selector: Vec<(String, String)>,
    /// Its ports.
    pub ports: Vec<ServicePort>,
    /// `clusterIP: None`: its name resolves to the pods' own addresses, and a client connects
    /// to the pods on the port it names, whatever the Service's ports say.
    pub headless: bool,
}

/// A port of a [`Service`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServicePort {
    /// `name`, when it has one.
    pub name: Option<String>,
    /// `port`: the number clients connect to.
    pub port: u32,
    /// `targetPort` as written (a number or the name of a container port), where it is
    /// written; absent means the same number as `port`.
    pub target: Option<Fact<String>>,
    /// Where the port's entry is.
    pub at: Origin,
}

impl ServicePort {
    /// The container port traffic goes to: a number, or a container port's name.
    pub fn target(&self) -> Result<u32, &str> {
        match &self.target {
            None => Ok(self.port),
            Some(t) => t.value.parse().map_err(|_| t.value.as_str()),
        }
    }
}

/// Where a workload's pods may run, in the shapes the spec's `placement` writes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placement {
    /// `nodeSelector`.
    pub node_selector: Vec<(String, String)>,
    /// `tolerations`: key, operator, value and effect, as written.
    pub tolerations: Vec<[Option<String>; 4]>,
    /// The zones of a required node affinity `topology.kubernetes.io/zone In [...]`.
    pub zones: Vec<String>,
    /// A required pod anti-affinity on `kubernetes.io/hostname`: one pod per node.
    pub one_per_node: bool,
    /// A topology spread constraint over `topology.kubernetes.io/zone`.
    pub spread_over_zones: bool,
    /// `priorityClassName`.
    pub priority_class: Option<String>,
    /// Affinity terms or spread constraints of other shapes, which the spec cannot write.
    pub other: Vec<String>,
}

/// An `httpGet` probe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpProbe {
    /// `scheme: HTTPS`.
    pub https: bool,
    /// The port, by name or number.
    pub port: String,
}

impl Pod {
    /// The number of a probe's port: its own number, or the number of the container port of
    /// that name.
    pub fn port_number(&self, port: &str) -> Option<u32> {
        port.parse().ok().or_else(|| {
            self.ports
                .iter()
                .find(|(name, _)| name == port)
                .map(|(_, n)| *n)
        })
    }
}

/// Kubernetes' default `terminationGracePeriodSeconds`.
pub const DEFAULT_TERMINATION_GRACE: u64 = 30;

impl Pod {
    /// The seconds Kubernetes waits between the preStop hook and killing the container.
    pub fn grace_seconds(&self) -> u64 {
        self.termination_grace
            .as_ref()
            .map_or(DEFAULT_TERMINATION_GRACE, |f| f.value)
    }
}

/// What a preStop hook does, as far as Trino is concerned.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PreStop {
    /// It asks Trino to shut down: `PUT /v1/info/state` with `"SHUTTING_DOWN"`.
    pub shuts_down: bool,
    /// The user it sends (`X-Trino-User`), when it sends one.
    pub user: Option<String>,
    /// The port it calls, when it names one.
    pub port: Option<u32>,
    /// It waits for Trino to exit after asking (rather than returning at once, which lets
    /// Kubernetes stop the container while tasks still run).
    pub waits: bool,
}

impl PreStop {
    /// Reads what a hook's shell command does.
    pub fn of_command(command: &str) -> PreStop {
        let shuts_down = command.contains("/v1/info/state") && command.contains("SHUTTING_DOWN");
        let user = header_value(command, "x-trino-user");
        // `http://host:PORT/v1/info/state`: the digits after the last `:` before the path.
        let port = command
            .find("/v1/info/state")
            .and_then(|end| command[..end].rsplit_once(':'))
            .and_then(|(_, digits)| digits.parse().ok());
        let after = command.find("SHUTTING_DOWN").map_or("", |i| &command[i..]);
        let waits = ["sleep", "tail --pid", "wait", "while", "until"]
            .iter()
            .any(|w| after.contains(w));
        PreStop {
            shuts_down,
            user,
            port,
            waits,
        }
    }
}

/// The value of header `name` (lowercase) given with `-H 'Name: value'` in a command.
fn header_value(command: &str, name: &str) -> Option<String> {
    let lower = command.to_ascii_lowercase();
    let start = lower.find(&format!("{name}:"))? + name.len() + 1;
    let value: String = command[start..]
        .trim_start()
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '\'' | '"' | '\\'))
        .collect();
    (!value.is_empty()).then_some(value)
}

/// What scales a workload: a KEDA `ScaledObject` or a `HorizontalPodAutoscaler`.
#[derive(Debug, Clone)]
pub struct Autoscaler {
    /// `ScaledObject` or `HorizontalPodAutoscaler`.
    pub kind: String,
    /// Its name.
    pub name: String,
    /// The target's kind and name (`scaleTargetRef`).
    pub target: Fact<(String, String)>,
    /// Fewest replicas.
    pub min: Fact<u32>,
    /// Most replicas.
    pub max: Fact<u32>,
    /// The Prometheus triggers on Trino's query counts (KEDA), with their thresholds.
    pub triggers: Vec<Trigger>,
    /// How it scales besides: polling, cooldown, metrics and scale-down behaviour.
    pub scaling: Scaling,
}

/// How an autoscaler scales, beyond its range and its triggers on query counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scaling {
    /// The Prometheus server KEDA's triggers query (`serverAddress`).
    pub prometheus: Option<String>,
    /// KEDA's `pollingInterval`, in seconds.
    pub polling_seconds: Option<u32>,
    /// KEDA's `cooldownPeriod`, in seconds.
    pub cooldown_seconds: Option<u32>,
    /// An HPA's resource targets: `cpu` or `memory`, and the average utilisation in percent.
    pub utilization: Vec<(String, u32)>,
    /// An HPA's Pods metrics: the metric's name and the per-pod average to keep.
    pub pod_metrics: Vec<(String, String)>,
    /// The scale-down stabilization window, in seconds.
    pub scale_down_seconds: Option<u32>,
    /// Pods removed per minute at most (a `Pods` policy over 60 seconds).
    pub scale_down_step: Option<u32>,
}

/// A Prometheus trigger of an autoscaler.
#[derive(Debug, Clone)]
pub struct Trigger {
    /// Which count it watches.
    pub metric: QueryMetric,
    /// The threshold above which it scales up.
    pub threshold: Fact<f64>,
}

/// A query count an autoscaler watches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryMetric {
    /// Queries waiting in the coordinator's queues.
    Queued,
    /// Queries running.
    Running,
}

/// A `PodDisruptionBudget`.
#[derive(Debug, Clone)]
pub struct Budget {
    /// Its name.
    pub name: String,
    /// Where it is.
    pub at: Origin,
    /// The labels it selects (`matchLabels`).
    pub selector: Vec<(String, String)>,
    /// `maxUnavailable`, as written (a number or a percentage).
    pub max_unavailable: Option<Fact<String>>,
    /// `minAvailable`, as written.
    pub min_available: Option<Fact<String>>,
}

impl Budget {
    /// Whether it selects the pods of `pod`.
    pub fn selects(&self, pod: &Pod) -> bool {
        selects(&self.selector, &pod.labels)
    }
}

/// Whether a label selector (`matchLabels`, a Service's `selector`) picks pods with `labels`:
/// it names some labels, and the pods have each of them.
pub fn selects(selector: &[(String, String)], labels: &[(String, String)]) -> bool {
    !selector.is_empty() && selector.iter().all(|s| labels.contains(s))
}

/// The range of a node's replicas: its autoscaler's, else its fixed count.
#[derive(Debug, Clone)]
pub struct Replicas {
    /// Fewest.
    pub min: Fact<u32>,
    /// Most.
    pub max: Fact<u32>,
    /// The autoscaler, when one scales the node.
    pub by: Option<String>,
}

impl Cluster {
    /// The autoscaler whose target is the workload of `node`.
    pub fn autoscaler_of(&self, node: &Node) -> Option<&Autoscaler> {
        let pod = node.pod.as_ref()?;
        self.autoscalers
            .iter()
            .find(|a| a.target.value == pod.workload)
    }

    /// How many pods `node` has: its autoscaler's range, else its fixed count.
    pub fn replicas(&self, node: &Node) -> Option<Replicas> {
        if let Some(a) = self.autoscaler_of(node) {
            return Some(Replicas {
                min: a.min.clone(),
                max: a.max.clone(),
                by: Some(format!("{} {}", a.kind, a.name)),
            });
        }
        node.replicas.as_ref().map(|r| Replicas {
            min: r.clone(),
            max: r.clone(),
            by: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_a_hook_does() {
        let chart = "curl -v -X PUT -d '\"SHUTTING_DOWN\"' -H 'Content-type: application/json' -H 'X-Trino-User: admin' http://localhost:8080/v1/info/state && tail --pid=1 -f /dev/null";
        let hook = PreStop::of_command(chart);
        assert!(hook.shuts_down && hook.waits);
        assert_eq!(hook.user.as_deref(), Some("admin"));
        assert_eq!(hook.port, Some(8080));
        let bare = PreStop::of_command(
            "curl -X PUT -d '\"SHUTTING_DOWN\"' http://127.0.0.1/v1/info/state",
        );
        assert!(bare.shuts_down && !bare.waits);
        assert_eq!((bare.user, bare.port), (None, None));
        assert!(!PreStop::of_command("sleep 10").shuts_down);
    }
}
