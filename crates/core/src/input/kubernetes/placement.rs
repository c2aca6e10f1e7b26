//! Where a workload's pods may run: node selector, tolerations, the zone affinity, the
//! one-per-node anti-affinity, the zone spread and the priority class, in the shapes the spec's
//! `placement` writes; other affinity terms and constraints are named as such.

use super::objects::string_map;
use super::yaml::Node;
use crate::model::Placement;

const ZONE: &str = "topology.kubernetes.io/zone";
const HOSTNAME: &str = "kubernetes.io/hostname";

/// The placement of the pod template `spec` (`spec.template.spec`).
pub(in crate::input) fn placement(spec: &Node) -> Placement {
    let text = |n: &Node, key: &str| n.get(key).and_then(Node::str).map(str::to_owned);
    let mut p = Placement {
        node_selector: string_map(spec.get("nodeSelector")),
        priority_class: text(spec, "priorityClassName"),
        ..Placement::default()
    };
    for t in spec.get("tolerations").map(Node::seq).unwrap_or_default() {
        p.tolerations
            .push(["key", "operator", "value", "effect"].map(|k| text(t, k)));
    }
    if let Some(node) = spec.path(&["affinity", "nodeAffinity"]) {
        let terms = node
            .path(&[
                "requiredDuringSchedulingIgnoredDuringExecution",
                "nodeSelectorTerms",
            ])
            .map(Node::seq)
            .unwrap_or_default();
        let zone_term = |t: &Node| -> Option<Vec<String>> {
            let [e] = t.get("matchExpressions").map(Node::seq)? else {
                return None;
            };
            (e.get("key").and_then(Node::str) == Some(ZONE)
                && e.get("operator").and_then(Node::str) == Some("In"))
            .then(|| {
                e.get("values")
                    .map(Node::seq)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|v| v.str().map(str::to_owned))
                    .collect()
            })
        };
        match terms {
            [t] if zone_term(t).is_some() && node.entries().len() == 1 => {
                p.zones = zone_term(t).unwrap_or_default();
            }
            _ => p.other.push("nodeAffinity".to_owned()),
        }
    }
    if let Some(anti) = spec.path(&["affinity", "podAntiAffinity"]) {
        match anti
            .get("requiredDuringSchedulingIgnoredDuringExecution")
            .map(Node::seq)
            .unwrap_or_default()
        {
            [t] if t.get("topologyKey").and_then(Node::str) == Some(HOSTNAME)
                && anti.entries().len() == 1 =>
            {
                p.one_per_node = true;
            }
            _ => p.other.push("podAntiAffinity".to_owned()),
        }
    }
    if spec.path(&["affinity", "podAffinity"]).is_some() {
        p.other.push("podAffinity".to_owned());
    }
    match spec
        .get("topologySpreadConstraints")
        .map(Node::seq)
        .unwrap_or_default()
    {
        [] => {}
        [c] if c.get("topologyKey").and_then(Node::str) == Some(ZONE) => p.spread_over_zones = true,
        _ => p.other.push("topologySpreadConstraints".to_owned()),
    }
    p
}
