//! Values for the official Trino Helm chart (trinodb/charts `trino`, chart 1.42.x, appVersion
//! 480) that make the chart write what trinocfg writes: the same properties in every file, the
//! same resources, environment, placement and autoscaling.
//!
//! The values are built from the rendered output, so each property is exactly the one `gen`
//! writes: a property the chart writes from a field of its own sets that field, every other
//! goes through the chart's lists of extra lines (`additionalConfigProperties`,
//! `server.coordinatorExtraConfig`, `additionalJVMConfig`, …) or extra files
//! (`coordinator.additionalConfigFiles`). What no key of the chart produces is a [`Refusal`]
//! naming the spec key, never dropped.

mod files;

use std::fmt;

use yaml_rust2::yaml::Hash;
use yaml_rust2::Yaml;

use super::kubernetes::{resources, s};
use super::{deploy, security, Rendered};
use crate::lower::config::service_name;
use crate::lower::pods::{budget, metrics_service_name};
use crate::lower::EnvSource;
use crate::memory::{MemoryPlan, Role};
use crate::spec::{AutoscalerKind, ServiceType, Spec};

/// The chart release the values are written for.
pub const CHART_VERSION: &str = "1.42.2";

/// The Trino release of the chart (its `appVersion`): the oldest release the values may target.
pub const CHART_TRINO_RELEASE: u32 = 480;

/// Something the spec says that no key of the chart can express.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The spec key.
    pub key: String,
    /// Why the chart cannot express it.
    pub reason: String,
}

impl Refusal {
    fn new(key: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the chart cannot express `{}`: {}",
            self.key, self.reason
        )
    }
}

/// Why no values were written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelmError {
    /// The spec has errors (in the outcome's diagnostics).
    Invalid,
    /// The spec is a fleet: the chart deploys one cluster.
    Fleet,
    /// The spec targets a release older than the chart's.
    Release(u32),
    /// The chart cannot express these parts of the spec.
    Unexpressible(Vec<Refusal>),
}

impl fmt::Display for HelmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Invalid => write!(f, "the spec has errors; no values were written"),
            Self::Fleet => write!(
                f,
                "a fleet (`[gateway]`, `[clusters]`) is not one release of the chart, which deploys one cluster: generate the values of each cluster from a spec of its own"
            ),
            Self::Release(r) => write!(
                f,
                "the chart {CHART_VERSION} runs Trino {CHART_TRINO_RELEASE}, and `cluster.trino_version` is {r}: the values need {CHART_TRINO_RELEASE} or later"
            ),
            Self::Unexpressible(refusals) => {
                let lines: Vec<String> = refusals.iter().map(ToString::to_string).collect();
                write!(f, "{}", lines.join("\n"))
            }
        }
    }
}

/// Sets `path` in `h`, creating the maps on the way.
fn set(h: &mut Hash, path: &[&str], value: Yaml) {
    let Some((last, init)) = path.split_last() else {
        return;
    };
    let mut cur = h;
    for k in init {
        let entry = cur.entry(s(*k)).or_insert_with(|| Yaml::Hash(Hash::new()));
        if !matches!(entry, Yaml::Hash(_)) {
            *entry = Yaml::Hash(Hash::new());
        }
        let Yaml::Hash(next) = entry else { return };
        cur = next;
    }
    cur.insert(s(*last), value);
}

fn list_of(items: impl IntoIterator<Item = Yaml>) -> Yaml {
    Yaml::Array(items.into_iter().collect())
}

/// A number as an integer when it is one, else as the text.
fn int_of(v: &str) -> Yaml {
    v.parse::<i64>().map_or_else(|_| s(v), Yaml::Integer)
}

fn int(v: impl Into<u64>) -> Yaml {
    Yaml::Integer(i64::try_from(v.into()).unwrap_or(i64::MAX))
}

/// Text the chart passes through `tpl`: a `{{` would start a template action.
fn tpl_safe(t: &str) -> String {
    t.replace("{{", "{{ \"{{\" }}")
}

/// [`tpl_safe`] for every string of a structure.
fn tpl_safe_yaml(y: Yaml) -> Yaml {
    match y {
        Yaml::String(t) => Yaml::String(tpl_safe(&t)),
        Yaml::Array(a) => Yaml::Array(a.into_iter().map(tpl_safe_yaml).collect()),
        Yaml::Hash(h) => Yaml::Hash(
            h.into_iter()
                .map(|(k, v)| (tpl_safe_yaml(k), tpl_safe_yaml(v)))
                .collect(),
        ),
        other => other,
    }
}

fn string_map<'a>(entries: impl IntoIterator<Item = (&'a String, &'a String)>) -> Yaml {
    Yaml::Hash(
        entries
            .into_iter()
            .map(|(k, v)| (s(k.clone()), s(v.clone())))
            .collect(),
    )
}

/// The values of the chart for a rendered single cluster, or what the chart cannot express.
///
/// # Errors
///
/// [`HelmError::Release`] when the spec targets a release older than the chart's,
/// [`HelmError::Fleet`] for a fleet's output, [`HelmError::Unexpressible`] with every part of
/// the spec no key of the chart produces.
pub fn values(spec: &Spec, plan: &MemoryPlan, out: &Rendered) -> Result<String, HelmError> {
    if out.fleet.is_some() {
        return Err(HelmError::Fleet);
    }
    if spec.cluster.trino_version < CHART_TRINO_RELEASE {
        return Err(HelmError::Release(spec.cluster.trino_version));
    }
    let mut refusals = Vec::new();
    let mut v = Hash::new();
    // The chart's objects are named after the cluster, as trinocfg names them: the Service is
    // the cluster's name, the workers' `discovery.uri` names it.
    set(&mut v, &["fullnameOverride"], s(service_name(spec)));
    image(spec, &mut v);
    let workers = match (&out.worker, &spec.workers.autoscaling) {
        (None, _) => 0,
        (Some(_), Some(a)) => a.min,
        (Some(_), None) => spec.workers.count,
    };
    set(&mut v, &["server", "workers"], int(workers));
    set(
        &mut v,
        &["server", "config", "path"],
        s(spec.cluster.config_root.trim_end_matches('/')),
    );
    files::shared_files(spec, out, &mut v, &mut refusals);
    files::config(spec, out, &mut v, &mut refusals);
    for role in out.roles() {
        files::jvm(role, &mut v);
    }
    files::catalogs_and_files(spec, out, &mut v, &mut refusals);
    environment(spec, out, &mut v);
    service(spec, &mut v);
    for role in out.roles() {
        pods(spec, plan, role.role, &mut v, &mut refusals);
    }
    autoscaling(spec, &mut v, &mut refusals);
    monitoring(spec, &mut v);
    if !refusals.is_empty() {
        return Err(HelmError::Unexpressible(refusals));
    }
    let mut text = format!(
        "# Values of the Trino Helm chart {CHART_VERSION} (trinodb/charts `trino`), generated by trinocfg from the cluster spec; edit the spec, not this file.\n# Install as release `{name}`, the cluster's name (the placement rules select its pods by it): helm install {name} trino/trino --version {CHART_VERSION}{namespace} -f values.yaml\n",
        name = spec.cluster.name,
        namespace = spec
            .kubernetes
            .namespace
            .as_ref()
            .map(|n| format!(" --namespace {n}"))
            .unwrap_or_default(),
    );
    if out.worker.is_some()
        && out
            .env
            .iter()
            .any(|b| matches!(b.source, EnvSource::SecretKey { .. }))
    {
        text.push_str("# The chart gives both roles one `env`: each variable below reaches the coordinator and the workers.\n");
    }
    text.push_str(&super::yaml::emit(&ordered(v)));
    text.push('\n');
    Ok(text)
}

/// Without empty maps and lists (the chart's defaults of all these are empty), the top-level
/// keys in the chart's order.
fn ordered(v: Hash) -> Yaml {
    fn prune(y: Yaml) -> Option<Yaml> {
        match y {
            Yaml::Hash(h) => {
                let h: Hash = h
                    .into_iter()
                    .filter_map(|(k, v)| Some((k, prune(v)?)))
                    .collect();
                (!h.is_empty()).then_some(Yaml::Hash(h))
            }
            Yaml::Array(a) if a.is_empty() => None,
            other => Some(other),
        }
    }
    let mut v = v;
    let mut out = Hash::new();
    // The order of the chart's own `values.yaml`.
    for &k in crate::input::chart::keys::TOP {
        if let Some(value) = v.remove(&s(k)).and_then(prune) {
            out.insert(s(k), value);
        }
    }
    for (k, value) in v {
        if let Some(value) = prune(value) {
            out.insert(k, value);
        }
    }
    Yaml::Hash(out)
}

fn image(spec: &Spec, v: &mut Hash) {
    if let Some(image) = &spec.kubernetes.image {
        set(v, &["image", "repository"], s(image.clone()));
        set(
            v,
            &["image", "useRepositoryAsSoleImageReference"],
            Yaml::Boolean(true),
        );
    } else {
        set(v, &["image", "repository"], s("trinodb/trino"));
        set(
            v,
            &["image", "tag"],
            s(spec.cluster.trino_version.to_string()),
        );
    }
    set(
        v,
        &["image", "pullPolicy"],
        s(spec.kubernetes.image_pull_policy.as_str()),
    );
}

/// The environment from Secrets, the service account and the labels of every object.
fn environment(spec: &Spec, out: &Rendered, v: &mut Hash) {
    let env: Vec<Yaml> = out
        .env
        .iter()
        .filter_map(|b| match &b.source {
            EnvSource::SecretKey { secret, key } => {
                let mut r = Hash::new();
                r.insert(s("name"), s(secret.clone()));
                r.insert(s("key"), s(key.clone()));
                let mut from = Hash::new();
                from.insert(s("secretKeyRef"), Yaml::Hash(r));
                let mut e = Hash::new();
                e.insert(s("name"), s(b.name.clone()));
                e.insert(s("valueFrom"), Yaml::Hash(from));
                Some(Yaml::Hash(e))
            }
            EnvSource::Existing => None,
        })
        .collect();
    set(v, &["env"], Yaml::Array(env));
    set(
        v,
        &["envFrom"],
        tpl_safe_yaml(list_of(spec.kubernetes.env_from.iter().map(|name| {
            let mut r = Hash::new();
            r.insert(s("name"), s(name.clone()));
            let mut e = Hash::new();
            e.insert(s("secretRef"), Yaml::Hash(r));
            Yaml::Hash(e)
        }))),
    );
    let k = &spec.kubernetes;
    if deploy::has_service_account(spec) {
        let create = !k.service_account_annotations.is_empty();
        set(v, &["serviceAccount", "create"], Yaml::Boolean(create));
        set(
            v,
            &["serviceAccount", "name"],
            s(deploy::service_account_name(spec)),
        );
        set(
            v,
            &["serviceAccount", "annotations"],
            string_map(k.service_account_annotations.iter()),
        );
    }
    set(
        v,
        &["commonLabels"],
        tpl_safe_yaml(string_map(k.labels.iter())),
    );
}

fn service(spec: &Spec, v: &mut Hash) {
    let svc = &spec.kubernetes.service;
    let kind = svc.kind.unwrap_or(ServiceType::ClusterIP);
    set(v, &["service", "type"], s(kind.as_str()));
    if let (ServiceType::NodePort, Some(p)) = (kind, svc.node_port) {
        set(v, &["service", "nodePort"], int(p));
    }
    set(
        v,
        &["service", "annotations"],
        string_map(svc.annotations.iter()),
    );
}

/// A role's resources, placement, pod annotations and labels, volumes and (workers) shutdown.
fn pods(spec: &Spec, plan: &MemoryPlan, role: Role, v: &mut Hash, refusals: &mut Vec<Refusal>) {
    let r = match role {
        Role::Coordinator => "coordinator",
        Role::Worker => "worker",
    };
    let key = role.spec_key();
    set(v, &[r, "resources"], resources(spec, plan, role));
    let mut pod = Hash::new();
    deploy::pod_settings(spec, role, &mut pod);
    for (k, value) in pod {
        let Yaml::String(k) = k else { continue };
        match (k.as_str(), role) {
            ("imagePullSecrets", _) => set(v, &["imagePullSecrets"], value),
            ("topologySpreadConstraints", Role::Coordinator) => refusals.push(Refusal::new(
                format!("{key}.placement.spread_over_zones"),
                "the chart has no topology spread constraints for the coordinator",
            )),
            (
                "priorityClassName"
                | "terminationGracePeriodSeconds"
                | "nodeSelector"
                | "tolerations"
                | "affinity"
                | "topologySpreadConstraints",
                _,
            ) => set(v, &[r, &k], value),
            (other, _) => refusals.push(Refusal::new(
                format!("{key}.placement"),
                format!("the chart has no `{other}` for the {r}"),
            )),
        }
    }
    let (annotations, labels) = match role {
        Role::Coordinator => (&spec.coordinator.annotations, &spec.coordinator.labels),
        Role::Worker => (&spec.workers.annotations, &spec.workers.labels),
    };
    set(
        v,
        &[r, "annotations"],
        tpl_safe_yaml(string_map(annotations.iter())),
    );
    set(v, &[r, "labels"], tpl_safe_yaml(string_map(labels.iter())));
    let mut volumes = Vec::new();
    let mut mounts = Vec::new();
    for (volume, mount) in deploy::spill_volume(spec, role)
        .into_iter()
        .chain(security::secret_volumes(spec, role))
    {
        volumes.push(volume);
        mounts.push(mount);
    }
    set(
        v,
        &[r, "additionalVolumes"],
        tpl_safe_yaml(Yaml::Array(volumes)),
    );
    set(v, &[r, "additionalVolumeMounts"], Yaml::Array(mounts));
    // trinocfg's own shutdown hook, user and drain time; its access rules are among the
    // workers' files.
    let lifecycle = deploy::lifecycle(spec, role);
    if !matches!(lifecycle, Yaml::Null) {
        set(v, &[r, "lifecycle"], tpl_safe_yaml(lifecycle));
    }
    if budget(spec, role).is_some() {
        refusals.push(Refusal::new(
            format!("{key}.disruption_budget"),
            "the chart writes no PodDisruptionBudget",
        ));
    }
}

/// Reads `spec.<field>` of a rendered autoscaler.
fn field(object: &Yaml, name: &str) -> Yaml {
    object["spec"][name].clone()
}

fn autoscaling(spec: &Spec, v: &mut Hash, refusals: &mut Vec<Refusal>) {
    let Some(a) = &spec.workers.autoscaling else {
        return;
    };
    let Some(object) = deploy::autoscaler(spec) else {
        return;
    };
    match a.kind {
        AutoscalerKind::Hpa => {
            if !a.pod_metrics.is_empty() {
                refusals.push(Refusal::new(
                    "workers.autoscaling.pod_metrics",
                    "the chart's HorizontalPodAutoscaler scales on CPU and memory utilization only",
                ));
            }
            let pct = |p: Option<u32>| p.map_or(Yaml::Null, int);
            set(
                v,
                &["server", "autoscaling", "enabled"],
                Yaml::Boolean(true),
            );
            set(v, &["server", "autoscaling", "maxReplicas"], int(a.max));
            set(
                v,
                &["server", "autoscaling", "targetCPUUtilizationPercentage"],
                pct(a.cpu_utilization),
            );
            set(
                v,
                &["server", "autoscaling", "targetMemoryUtilizationPercentage"],
                pct(a.memory_utilization),
            );
            set(
                v,
                &["server", "autoscaling", "behavior"],
                field(&object, "behavior"),
            );
        }
        AutoscalerKind::Keda => {
            set(v, &["server", "keda", "enabled"], Yaml::Boolean(true));
            for name in [
                "pollingInterval",
                "cooldownPeriod",
                "minReplicaCount",
                "maxReplicaCount",
                "advanced",
            ] {
                set(v, &["server", "keda", name], field(&object, name));
            }
            // The chart's ServiceMonitors scrape its Services: the coordinator's series carry
            // the job of its Service, not of trinocfg's metrics Service.
            let ours = format!("job=\"{}\"", metrics_service_name(spec));
            let chart = format!("job=\"{}\"", service_name(spec));
            let triggers = match field(&object, "triggers") {
                Yaml::Array(triggers) => triggers
                    .into_iter()
                    .map(|mut t| {
                        if let Yaml::Hash(h) = &mut t {
                            if let Some(Yaml::Hash(m)) = h.get_mut(&s("metadata")) {
                                if let Some(Yaml::String(q)) = m.get_mut(&s("query")) {
                                    *q = q.replace(&ours, &chart);
                                }
                            }
                        }
                        t
                    })
                    .collect(),
                _ => Vec::new(),
            };
            set(
                v,
                &["server", "keda", "triggers"],
                tpl_safe_yaml(Yaml::Array(triggers)),
            );
        }
    }
}

/// The JMX exporter sidecar and the `ServiceMonitor`.
fn monitoring(spec: &Spec, v: &mut Hash) {
    let m = &spec.monitoring;
    if !m.jmx_exporter {
        return;
    }
    set(v, &["jmx", "exporter", "enabled"], Yaml::Boolean(true));
    set(
        v,
        &["jmx", "exporter", "image"],
        s(m.exporter_image
            .clone()
            .unwrap_or_else(|| crate::lower::pods::EXPORTER_IMAGE.into())),
    );
    set(v, &["jmx", "exporter", "port"], int(m.exporter_port));
    set(
        v,
        &["jmx", "exporter", "configProperties"],
        s(tpl_safe(&deploy::exporter_config())),
    );
    if let Some((sidecar, _)) = deploy::exporter_sidecar(spec) {
        set(
            v,
            &["jmx", "exporter", "resources"],
            sidecar["resources"].clone(),
        );
    }
    if m.service_monitor {
        set(v, &["serviceMonitor", "enabled"], Yaml::Boolean(true));
        let mut labels = Hash::new();
        // The chart's own default label, unless the spec gives it.
        labels.insert(s("prometheus"), Yaml::Null);
        for (k, val) in &m.service_monitor_labels {
            labels.insert(s(k.clone()), s(val.clone()));
        }
        set(v, &["serviceMonitor", "labels"], Yaml::Hash(labels));
        set(
            v,
            &["serviceMonitor", "interval"],
            s(format!("{}s", m.interval_seconds)),
        );
    }
}

#[cfg(test)]
mod tests;
