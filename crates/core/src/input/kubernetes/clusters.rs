//! A stream that holds several Trino clusters (two Helm releases rendered together, a fleet's
//! `gen` output) is split into clusters before it is judged, so that one cluster's workers are
//! never weighed against another's coordinator.
//!
//! A worker belongs to the coordinator its `discovery.uri` names, as Trino's announcer decides:
//! the URI's host is a Service of the stream whose selector picks the coordinator's pods, or the
//! coordinator's own `discovery.uri` is the same. When a worker's coordinator cannot be told
//! (a placeholder, a host outside the stream), the stream is judged as one cluster, as before.

use crate::kubernetes_names::service_of_uri;
use crate::memory::Role;
use crate::model::pods::selects;
use crate::model::{Cluster, Node, Service};

/// Labels, or a label selector, as pairs.
type Labels = [(String, String)];

/// One cluster of a stream: its coordinator's workload (`Deployment blue-coordinator`) and its
/// model.
#[derive(Debug, Clone)]
pub struct Part {
    /// The coordinator's workload, or what the part holds when it has none.
    pub name: String,
    /// Its nodes, with the stream's autoscalers and disruption budgets that reach them.
    pub cluster: Cluster,
}

fn discovery(node: &Node) -> Option<&str> {
    node.config()?.value("discovery.uri")
}

/// The coordinator (an index into `coordinators`) that a worker announces itself to.
fn coordinator_of(worker: &Node, coordinators: &[&Node], services: &[Service]) -> Option<usize> {
    let uri = discovery(worker)?;
    let host = service_of_uri(uri)?;
    let by_service: Vec<usize> = services
        .iter()
        .filter(|s| s.name == host)
        .flat_map(|s| {
            coordinators
                .iter()
                .enumerate()
                .filter(|(_, c)| selects(&s.selector, c.pod_labels()))
                .map(|(i, _)| i)
        })
        .collect();
    if let [one] = by_service.as_slice() {
        return Some(*one);
    }
    let same_uri: Vec<usize> = coordinators
        .iter()
        .enumerate()
        .filter(|(_, c)| discovery(c).is_some_and(|u| u.trim() == uri.trim()))
        .map(|(i, _)| i)
        .collect();
    match same_uri.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// Splits the model of a whole stream into its clusters: one part per coordinator workload
/// with the workers that announce themselves to it, then the ConfigMaps no workload mounts.
/// A stream with at most one coordinator workload, or with a worker whose coordinator cannot
/// be told, is one part. The stream's own diagnostics go with the first part.
pub(super) fn split(whole: Cluster) -> Vec<Part> {
    let is_workload = |n: &Node| n.pod.is_some();
    let coordinators: Vec<&Node> = whole
        .nodes
        .iter()
        .filter(|n| is_workload(n) && n.role() == Role::Coordinator)
        .collect();
    if coordinators.len() < 2 {
        return vec![Part {
            name: String::new(),
            cluster: whole,
        }];
    }
    // Each node's part: a coordinator index, or `coordinators.len()` for the unmounted maps.
    let leftover = coordinators.len();
    let mut owner = Vec::with_capacity(whole.nodes.len());
    for node in &whole.nodes {
        let part = if !is_workload(node) {
            leftover
        } else if node.role() == Role::Coordinator {
            coordinators
                .iter()
                .position(|c| std::ptr::eq(*c, node))
                .unwrap_or(leftover)
        } else {
            match coordinator_of(node, &coordinators, &whole.services) {
                Some(i) => i,
                None => {
                    return vec![Part {
                        name: String::new(),
                        cluster: whole,
                    }]
                }
            }
        };
        owner.push(part);
    }
    let names: Vec<String> = coordinators.iter().map(|c| c.label.clone()).collect();
    let Cluster {
        nodes,
        behind_proxy,
        sources,
        diagnostics,
        target,
        autoscalers,
        budgets,
        service_monitors,
        services,
    } = whole;
    let mut parts: Vec<Part> = names
        .into_iter()
        .chain(std::iter::once("ConfigMaps no workload mounts".to_owned()))
        .map(|name| Part {
            name,
            cluster: Cluster {
                behind_proxy,
                sources: sources.clone(),
                target: target.clone(),
                ..Cluster::default()
            },
        })
        .collect();
    for (node, part) in nodes.into_iter().zip(owner) {
        parts[part].cluster.nodes.push(node);
    }
    let workload_part = |kind: &str, name: &str, parts: &[Part]| {
        parts.iter().position(|p| {
            p.cluster.nodes.iter().any(|n| {
                n.pod
                    .as_ref()
                    .is_some_and(|pod| pod.workload.0 == kind && pod.workload.1 == name)
            })
        })
    };
    for a in autoscalers {
        let (kind, name) = &a.target.value;
        let i = workload_part(kind, name, &parts).unwrap_or(0);
        parts[i].cluster.autoscalers.push(a);
    }
    // The parts with a pod that `picks` the labels of; the first part when none has.
    let reached = |parts: &[Part], picks: &dyn Fn(&Labels) -> bool| {
        let reached: Vec<usize> = parts
            .iter()
            .enumerate()
            .filter(|(_, p)| p.cluster.nodes.iter().any(|n| picks(n.pod_labels())))
            .map(|(i, _)| i)
            .collect();
        if reached.is_empty() {
            vec![0]
        } else {
            reached
        }
    };
    for b in budgets {
        for i in reached(&parts, &|pod| selects(&b.selector, pod)) {
            parts[i].cluster.budgets.push(b.clone());
        }
    }
    // A ServiceMonitor reaches the pods of the Services it selects.
    for m in service_monitors {
        let picks = |pod: &Labels| {
            services
                .iter()
                .any(|s| selects(&m.selector, &s.labels) && selects(&s.selector, pod))
        };
        for i in reached(&parts, &picks) {
            parts[i].cluster.service_monitors.push(m.clone());
        }
    }
    // A Service goes with the parts whose pods it selects and whose nodes' `discovery.uri`
    // names it.
    for s in &services {
        for part in &mut parts {
            let nodes = &part.cluster.nodes;
            if nodes.iter().any(|n| {
                selects(&s.selector, n.pod_labels())
                    || discovery(n).and_then(service_of_uri) == Some(s.name.as_str())
            }) {
                part.cluster.services.push(s.clone());
            }
        }
    }
    parts[0].cluster.diagnostics = diagnostics;
    if parts[leftover].cluster.nodes.is_empty() {
        parts.pop();
    }
    for part in &mut parts {
        if let Some(target) = super::target_of(&part.cluster) {
            part.cluster.target = target;
        }
    }
    parts
}
