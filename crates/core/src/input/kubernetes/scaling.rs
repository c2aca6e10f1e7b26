//! The objects that act on Trino's workloads from outside: KEDA `ScaledObjects`,
//! `HorizontalPodAutoscalers` and `PodDisruptionBudgets`.

use super::objects::{number, object_at, real, string_map, text, Source};
use super::yaml::Node;
use crate::model::{Autoscaler, Budget, Fact, QueryMetric, Scaling, Trigger};

/// Reads a `ScaledObject` (`keda.sh/v1alpha1`) or a `HorizontalPodAutoscaler`
/// (`autoscaling/v2`); `None` when it names no target.
pub(super) fn autoscaler(
    doc: &Node,
    kind: &str,
    name: String,
    src: &Source<'_>,
) -> Option<Autoscaler> {
    let spec = doc.get("spec")?;
    let target = spec.get("scaleTargetRef")?;
    let target_name = text(target.get("name"), src)?;
    // KEDA and the HPA default the kind to a Deployment.
    let target_kind = target
        .get("kind")
        .and_then(Node::str)
        .unwrap_or("Deployment")
        .to_owned();
    let keda = kind == "ScaledObject";
    let (min_key, max_key, min_default, max_default) = if keda {
        ("minReplicaCount", "maxReplicaCount", 0, 100)
    } else {
        ("minReplicas", "maxReplicas", 1, 1)
    };
    let at_kind = |d: u32| Fact {
        value: d,
        at: object_at(doc, src),
    };
    let min = number(spec.get(min_key), src).unwrap_or_else(|| at_kind(min_default));
    let max = number(spec.get(max_key), src).unwrap_or_else(|| at_kind(max_default));
    let whole = |node: Option<&Node>| number::<u32>(node, src).map(|f| f.value);
    let behavior = if keda {
        spec.path(&["advanced", "horizontalPodAutoscalerConfig", "behavior"])
    } else {
        spec.get("behavior")
    };
    let scale_down = behavior.and_then(|b| b.get("scaleDown"));
    let mut scaling = Scaling {
        polling_seconds: whole(spec.get("pollingInterval")),
        cooldown_seconds: whole(spec.get("cooldownPeriod")),
        scale_down_seconds: whole(scale_down.and_then(|d| d.get("stabilizationWindowSeconds"))),
        scale_down_step: scale_down
            .map(|d| d.get("policies").map(Node::seq).unwrap_or_default())
            .unwrap_or_default()
            .iter()
            .find(|p| {
                p.get("type").and_then(Node::str) == Some("Pods")
                    && p.get("periodSeconds").and_then(Node::str) == Some("60")
            })
            .and_then(|p| whole(p.get("value"))),
        ..Scaling::default()
    };
    for m in spec.get("metrics").map(Node::seq).unwrap_or_default() {
        match m.get("type").and_then(Node::str) {
            Some("Resource") => {
                let r = m.get("resource");
                let name = r.and_then(|r| r.get("name")).and_then(Node::str);
                let target = r.and_then(|r| r.path(&["target", "averageUtilization"]));
                if let (Some(name), Some(percent)) = (name, whole(target)) {
                    scaling.utilization.push((name.to_owned(), percent));
                }
            }
            Some("Pods") => {
                let p = m.get("pods");
                let name = p
                    .and_then(|p| p.path(&["metric", "name"]))
                    .and_then(Node::str);
                let value = p
                    .and_then(|p| p.path(&["target", "averageValue"]))
                    .and_then(Node::str);
                if let (Some(name), Some(value)) = (name, value) {
                    scaling
                        .pod_metrics
                        .push((name.to_owned(), value.to_owned()));
                }
            }
            _ => {}
        }
    }
    let mut triggers = Vec::new();
    for t in spec.get("triggers").map(Node::seq).unwrap_or_default() {
        if t.get("type").and_then(Node::str) != Some("prometheus") {
            continue;
        }
        let Some(meta) = t.get("metadata") else {
            continue;
        };
        if scaling.prometheus.is_none() {
            scaling.prometheus = meta
                .get("serverAddress")
                .and_then(Node::str)
                .map(str::to_owned);
        }
        let query = meta
            .get("query")
            .and_then(Node::str)
            .unwrap_or_default()
            .to_ascii_lowercase();
        let metric = if query.contains("queued") {
            QueryMetric::Queued
        } else if query.contains("running") {
            QueryMetric::Running
        } else {
            continue;
        };
        if let Some(threshold) = real(meta.get("threshold"), src) {
            triggers.push(Trigger { metric, threshold });
        }
    }
    Some(Autoscaler {
        kind: kind.to_owned(),
        name,
        target: Fact {
            value: (target_kind, target_name.value),
            at: target_name.at,
        },
        min,
        max,
        triggers,
        scaling,
    })
}

/// Reads a `PodDisruptionBudget`.
pub(super) fn budget(doc: &Node, name: String, src: &Source<'_>) -> Budget {
    let spec = doc.get("spec");
    Budget {
        name,
        at: object_at(doc, src),
        selector: string_map(spec.and_then(|s| s.path(&["selector", "matchLabels"]))),
        max_unavailable: text(spec.and_then(|s| s.get("maxUnavailable")), src),
        min_available: text(spec.and_then(|s| s.get("minAvailable")), src),
    }
}
