//! The values the chart's templates read, so that one they never read is reported (`TP017`)
//! instead of silently changing nothing.

use super::{Node, Values};
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::properties::CHART_VALUE_UNKNOWN;

/// The top-level values the chart 1.42 reads, in the order of its `values.yaml`; `global` is
/// Helm's own, shared with subcharts.
pub(crate) const TOP: &[&str] = &[
    "global",
    "nameOverride",
    "fullnameOverride",
    "coordinatorNameOverride",
    "workerNameOverride",
    "image",
    "imagePullSecrets",
    "server",
    "accessControl",
    "headerAuthenticator",
    "resourceGroups",
    "additionalNodeProperties",
    "additionalConfigProperties",
    "additionalLogProperties",
    "additionalExchangeManagerProperties",
    "sessionProperties",
    "eventListenerProperties",
    "catalogs",
    "additionalCatalogs",
    "env",
    "envFrom",
    "initContainers",
    "sidecarContainers",
    "securityContext",
    "containerSecurityContext",
    "shareProcessNamespace",
    "service",
    "auth",
    "serviceAccount",
    "configMounts",
    "secretMounts",
    "coordinator",
    "worker",
    "kafka",
    "jmx",
    "serviceMonitor",
    "commonLabels",
    "ingress",
    "gateway",
    "networkPolicy",
];

/// The keys of a role's values (`coordinator`, `worker`); the workers also read
/// `gracefulShutdown` and `topologySpreadConstraints`.
const ROLE: &[&str] = &[
    "additionalConfigFiles",
    "additionalExposedPorts",
    "additionalJVMConfig",
    "additionalVolumeMounts",
    "additionalVolumes",
    "affinity",
    "annotations",
    "config",
    "configMounts",
    "deployment",
    "jvm",
    "labels",
    "lifecycle",
    "livenessProbe",
    "nodeSelector",
    "priorityClassName",
    "readinessProbe",
    "resources",
    "secretMounts",
    "startupProbe",
    "terminationGracePeriodSeconds",
    "tolerations",
];

const WORKER_ONLY: &[&str] = &["gracefulShutdown", "topologySpreadConstraints"];

const SERVER: &[&str] = &[
    "autoscaling",
    "config",
    "coordinatorExtraConfig",
    "exchangeManager",
    "keda",
    "log",
    "node",
    "workerExtraConfig",
    "workers",
];

/// `jmx` and each role's `jmx.coordinator` / `jmx.worker`, which the templates merge over it.
const JMX: &[&str] = &["enabled", "registryPort", "serverPort", "exporter"];

/// The values set that the chart never reads, each at its key.
pub(super) fn unknown(v: &Values<'_>, display: &str) -> Vec<Diagnostic> {
    let worker: Vec<&str> = ROLE.iter().chain(WORKER_ONLY).copied().collect();
    let jmx: Vec<&str> = JMX
        .iter()
        .chain(&["coordinator", "worker"])
        .copied()
        .collect();
    let maps: [(&[&str], &[&str]); 7] = [
        (&[], TOP),
        (&["server"], SERVER),
        (&["coordinator"], ROLE),
        (&["worker"], &worker),
        (&["jmx"], &jmx),
        (&["jmx", "coordinator"], JMX),
        (&["jmx", "worker"], JMX),
    ];
    let mut out = Vec::new();
    for (path, known) in maps {
        let Some(map @ Node::Map(_)) = v.get(path) else {
            continue;
        };
        for (key, _) in map.entries() {
            let Some(name) = key.str() else { continue };
            if known.contains(&name) {
                continue;
            }
            let full = path
                .iter()
                .chain([&name])
                .copied()
                .collect::<Vec<_>>()
                .join(".");
            let place = if path.is_empty() {
                "at the top level".to_owned()
            } else {
                format!("below `{}`", path.join("."))
            };
            let help = match crate::suggest::closest(name, known.iter().copied()) {
                Some(c) => format!("did you mean `{c}`?"),
                None => format!("remove it; the chart reads {place}: {}", known.join(", ")),
            };
            let location = Location {
                path: Some(full.clone()),
                ..super::location(v.place(key, false), display)
            };
            out.push(
                Diagnostic::new(
                    &CHART_VALUE_UNKNOWN,
                    format!("`{full}` is not a value of the Trino chart 1.42: its templates never read it, and Helm ignores it"),
                )
                .at(location)
                .help(help),
            );
        }
    }
    out
}
