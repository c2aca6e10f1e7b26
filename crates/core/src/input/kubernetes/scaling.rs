//! The objects that act on Trino's workloads from outside: KEDA `ScaledObjects`,
//! `HorizontalPodAutoscalers` and `PodDisruptionBudgets`.

use super::objects::{number, string_map, text, Source};
use super::yaml::Node;
use crate::model::{Autoscaler, Budget, Fact, Origin, QueryMetric, Trigger};

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
        at: match doc.get("kind") {
            Some(Node::Scalar { line, col, .. }) => src.at(*line, *col),
            _ => Origin::Nowhere,
        },
    };
    let min = number(spec.get(min_key), src).unwrap_or_else(|| at_kind(min_default));
    let max = number(spec.get(max_key), src).unwrap_or_else(|| at_kind(max_default));
    let mut triggers = Vec::new();
    for t in spec.get("triggers").map(Node::seq).unwrap_or_default() {
        if t.get("type").and_then(Node::str) != Some("prometheus") {
            continue;
        }
        let Some(meta) = t.get("metadata") else {
            continue;
        };
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
        if let Some(threshold) = number(meta.get("threshold"), src) {
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
    })
}

/// Reads a `PodDisruptionBudget`.
pub(super) fn budget(doc: &Node, name: String, src: &Source<'_>) -> Budget {
    let spec = doc.get("spec");
    Budget {
        name,
        at: match doc.get("kind") {
            Some(Node::Scalar { line, col, .. }) => src.at(*line, *col),
            _ => Origin::Nowhere,
        },
        selector: string_map(spec.and_then(|s| s.path(&["selector", "matchLabels"]))),
        max_unavailable: text(spec.and_then(|s| s.get("maxUnavailable")), src),
        min_available: text(spec.and_then(|s| s.get("minAvailable")), src),
    }
}
