//! Kubernetes YAML streams (`helm template` output, `trinocfg gen` output): ConfigMaps holding
//! Trino files become nodes, with roles read from their content and container memory, replicas,
//! environment and mount paths read from the Deployments (or StatefulSets) that mount them.

use std::collections::BTreeSet;

mod clusters;
pub(super) mod objects;
pub(in crate::input) mod placement;
mod scaling;
#[cfg(test)]
mod tests;
pub(crate) mod yaml;

pub use clusters::Part;
use objects::{ConfigMap, Mount, Source, Workload, ROOT_FILES};
use yaml::{line_starts, unportable_characters, Node};

use super::NodeFiles;
use crate::memory::Role;
use crate::model::pods::selects;
use crate::model::target::release_of_image;
use crate::model::{
    Cluster, Completeness, Node as ModelNode, Origin, Service, SourceFile, Target, TargetSource,
};

/// Documents in one stream at most; larger input is refused with a diagnostic.
pub const MAX_DOCUMENTS: usize = 100_000;

/// A YAML stream read into the model, with what it held besides.
#[derive(Debug, Clone, Default)]
pub struct Stream {
    /// The model: a node per Trino workload, and the ConfigMaps no workload mounts.
    pub cluster: Cluster,
    /// Kubernetes objects in the stream (documents and `List` items with a `kind`).
    pub objects: usize,
    /// Whether the stream was read as YAML (when not, `cluster` holds the error).
    pub parsed: bool,
}

impl Stream {
    /// Whether the stream holds any Trino configuration file that the model reads.
    pub fn has_trino_configuration(&self) -> bool {
        self.cluster.nodes.iter().any(|n| !n.files.is_empty())
    }

    /// The stream's Trino clusters, each to be judged on its own: one per coordinator
    /// workload, with the workers whose `discovery.uri` names it (through a Service of the
    /// stream that selects its pods, or the same URI). A stream of one cluster, or whose
    /// workers' coordinators cannot be told, is one part, with an empty name.
    pub fn clusters(self) -> Vec<Part> {
        clusters::split(self.cluster)
    }
}

/// Reads a YAML stream into the model; `display` names it in diagnostics.
pub fn read(yaml: &str, display: &str) -> Cluster {
    read_stream(yaml, display).cluster
}

/// Reads a YAML stream into the model, counting its objects; `display` names it in
/// diagnostics.
pub fn read_stream(yaml: &str, display: &str) -> Stream {
    let mut input = Cluster::default();
    let src = Source {
        yaml,
        display,
        starts: line_starts(yaml),
    };
    input.diagnostics = unportable_characters(yaml, display);
    let docs = match yaml::documents(yaml, display, MAX_DOCUMENTS) {
        Ok(docs) => docs,
        Err(d) => {
            input.diagnostics.push(*d);
            return Stream {
                cluster: input,
                ..Stream::default()
            };
        }
    };
    let mut config_maps: Vec<ConfigMap> = Vec::new();
    let mut workloads: Vec<Workload> = Vec::new();
    let mut services: Vec<Service> = Vec::new();
    // `kubectl get -o yaml` wraps objects in a `List` (or `ConfigMapList`, ...): its items.
    let objects: Vec<&Node> = docs
        .iter()
        .flat_map(|doc| {
            let is_list = doc
                .get("kind")
                .and_then(Node::str)
                .is_some_and(|k| k.ends_with("List"));
            match doc.get("items") {
                Some(Node::Seq(items)) if is_list => items.iter().collect(),
                _ => vec![doc],
            }
        })
        .filter(|o| o.get("kind").and_then(Node::str).is_some())
        .collect();
    for &doc in &objects {
        let kind = doc.get("kind").and_then(Node::str).unwrap_or_default();
        let name = doc
            .path(&["metadata", "name"])
            .and_then(Node::str)
            .unwrap_or_default()
            .to_owned();
        match kind {
            "ConfigMap" => config_maps.push(objects::config_map(doc, name, &src)),
            "Deployment" | "StatefulSet" | "DaemonSet" => {
                workloads.push(objects::workload(
                    doc,
                    kind,
                    name,
                    &src,
                    &mut input.diagnostics,
                ));
            }
            "Service" => services.push(objects::service(doc, name, &src)),
            "ServiceMonitor" => input
                .service_monitors
                .push(objects::service_monitor(doc, name, &src)),
            "Ingress" | "HTTPRoute" | "Gateway" => input.behind_proxy = true,
            "ScaledObject" | "HorizontalPodAutoscaler" => {
                if let Some(a) = scaling::autoscaler(doc, kind, name, &src) {
                    input.autoscalers.push(a);
                }
            }
            "PodDisruptionBudget" => input.budgets.push(scaling::budget(doc, name, &src)),
            _ => {}
        }
    }
    let is_catalog_file = |f: &SourceFile| {
        f.rel.ends_with(".properties")
            && f.text
                .lines()
                .any(|l| l.trim_start().starts_with("connector.name"))
    };
    let find_map = |name: &str| config_maps.iter().find(|c| c.name == name);

    let mut nodes = Vec::new();
    let mut mounted_role_maps = BTreeSet::new();
    for w in &workloads {
        let Some((root, complete, root_at)) = configuration_root(w, &find_map, &is_catalog_file)
        else {
            continue;
        };
        let mut files = Vec::new();
        for m in &w.mounts {
            let Some(rel) = m
                .path
                .strip_prefix(&root)
                .filter(|r| r.is_empty() || r.starts_with('/'))
                .map(|r| r.trim_start_matches('/'))
            else {
                continue;
            };
            let Some(cm) = find_map(&m.config_map) else {
                continue;
            };
            if cm.is_root() {
                mounted_role_maps.insert(cm.name.clone());
            }
            let projected = cm.projected(m.items.as_deref());
            let joined = |name: &str| {
                if rel.is_empty() {
                    name.to_owned()
                } else {
                    format!("{rel}/{name}")
                }
            };
            match &m.sub_path {
                // One file of the volume, mounted at the mount path itself.
                Some(sub) => {
                    if let Some(f) = projected.iter().find(|f| &f.rel == sub) {
                        if !rel.is_empty() {
                            files.push(SourceFile {
                                rel: rel.to_owned(),
                                ..f.clone()
                            });
                        }
                    }
                }
                None => files.extend(projected.into_iter().map(|f| SourceFile {
                    rel: joined(&f.rel),
                    ..f
                })),
            }
        }
        nodes.push(NodeFiles {
            label: format!("{} {}", w.kind, w.name),
            role: None,
            files,
            container_memory: w.memory.clone(),
            replicas: w.replicas.clone(),
            env: w.env.clone(),
            image: w.image.clone(),
            config_root: root,
            complete,
            root_at,
            pod: Some(w.pod.clone()),
        });
    }
    // ConfigMaps no workload mounts: what directory they would form is not known, so their
    // nodes are partial. Catalog files are the same for every node and their rules do not
    // depend on the node: they are checked once, with the first unmounted role map (or on
    // their own), so that a stream of many ConfigMaps costs linear time.
    let mounted: BTreeSet<&str> = workloads
        .iter()
        .flat_map(|w| w.mounts.iter().map(|m| m.config_map.as_str()))
        .collect();
    let mut catalog_files: Vec<SourceFile> = config_maps
        .iter()
        .filter(|c| !c.is_root() && !mounted.contains(c.name.as_str()))
        .flat_map(|c| c.files.iter().filter(|f| is_catalog_file(f)))
        .map(|f| SourceFile {
            rel: format!("catalog/{}", f.rel),
            ..f.clone()
        })
        .collect();
    for cm in config_maps
        .iter()
        .filter(|c| c.is_root() && !mounted_role_maps.contains(&c.name))
    {
        let mut files = cm.files.clone();
        files.append(&mut catalog_files);
        nodes.push(NodeFiles {
            label: format!("ConfigMap {}", cm.name),
            role: None,
            files,
            config_root: "/etc/trino".into(),
            ..NodeFiles::default()
        });
    }
    if !catalog_files.is_empty() {
        nodes.push(NodeFiles {
            label: "catalog ConfigMaps".into(),
            role: Some(Role::Coordinator),
            files: catalog_files,
            config_root: "/etc/trino".into(),
            ..NodeFiles::default()
        });
    }
    let diagnostics = std::mem::take(&mut input.diagnostics);
    let behind_proxy = input.behind_proxy;
    let mut cluster = super::cluster(nodes);
    if let Some(target) = target_of(&cluster) {
        cluster.target = target;
    }
    cluster.diagnostics = diagnostics;
    cluster.behind_proxy = behind_proxy;
    cluster.autoscalers = std::mem::take(&mut input.autoscalers);
    cluster.budgets = std::mem::take(&mut input.budgets);
    // The deployment's ServiceMonitors: those that select a Service of Trino's pods (a
    // stream may hold other applications' monitors), with the roles of the pods they reach
    // and those Services' ports.
    let mut monitors = std::mem::take(&mut input.service_monitors);
    for m in &mut monitors {
        for s in services.iter().filter(|s| selects(&m.selector, &s.labels)) {
            let mut reaches_pods = false;
            for node in &cluster.nodes {
                let reached = node
                    .pod
                    .as_ref()
                    .is_some_and(|p| selects(&s.selector, &p.labels));
                reaches_pods |= reached;
                if reached && !m.roles.contains(&node.role()) {
                    m.roles.push(node.role());
                }
            }
            if reaches_pods {
                let names = s.ports.iter().filter_map(|p| p.name.clone()).collect();
                m.services.push((s.name.clone(), names));
            }
        }
    }
    monitors.retain(|m| !m.roles.is_empty());
    cluster.service_monitors = monitors;
    cluster.services = services;
    Stream {
        cluster,
        objects: objects.len(),
        parsed: true,
    }
}

/// The release the workloads' images name (`trinodb/trino:447`): the coordinator's, else the
/// first workload's that names one.
fn target_of(cluster: &Cluster) -> Option<Target> {
    let named: Vec<(&ModelNode, u32, &str)> = cluster
        .nodes
        .iter()
        .filter_map(|node| {
            let image = node.image.as_ref()?;
            Some((node, release_of_image(&image.value)?, image.value.as_str()))
        })
        .collect();
    let (node, release, image) = named
        .iter()
        .find(|(node, _, _)| node.role() == Role::Coordinator)
        .or_else(|| named.first())?;
    Some(Target {
        release: *release,
        source: TargetSource::Image {
            image: (*image).to_owned(),
            workload: node.label.clone(),
        },
    })
}

/// The configuration root of a workload, how completely its mounts give it, and where it is
/// mounted; `None` for a workload that mounts no Trino configuration.
///
/// A ConfigMap holding the root's own files (`config.properties` first) mounted as a directory
/// hides whatever the image has there: the mounts below it are the whole directory, unless
/// another kind of volume (a Secret, ...) is mounted at one of its files. Mounted
/// file by file (`subPath`), the image's other files remain, unseen. A workload that mounts
/// only a catalog directory keeps the image's own root files and is checked for its catalogs.
fn configuration_root<'a>(
    w: &Workload,
    find_map: &impl Fn(&str) -> Option<&'a ConfigMap>,
    is_catalog_file: &impl Fn(&SourceFile) -> bool,
) -> Option<(String, Completeness, Origin)> {
    let whole = |m: &&Mount| m.sub_path.is_none();
    let root_map = |m: &&Mount, rel: Option<&str>| {
        find_map(&m.config_map).is_some_and(|c| match rel {
            Some(rel) => c.has(rel),
            None => c.is_root(),
        })
    };
    let directory = w
        .mounts
        .iter()
        .filter(whole)
        .find(|m| root_map(m, Some("config.properties")))
        .or_else(|| w.mounts.iter().filter(whole).find(|m| root_map(m, None)));
    if let Some(m) = directory {
        // Another volume mounted at a file of the root (a Secret's `jvm.config`, ...) may hold
        // a file the ConfigMaps lack.
        let unseen = w.other_mounts.iter().any(|p| {
            p == &m.path
                || p.rsplit_once('/').is_some_and(|(parent, name)| {
                    parent == m.path && (name.ends_with(".properties") || name == "jvm.config")
                })
        });
        let complete = if unseen {
            Completeness {
                root: false,
                ..Completeness::WHOLE
            }
        } else {
            Completeness::WHOLE
        };
        return Some((m.path.clone(), complete, m.at.clone()));
    }
    let parent = |path: &str| path.rsplit_once('/').map(|(p, _)| p.to_owned());
    let single = w.mounts.iter().find(|m| {
        m.sub_path
            .as_deref()
            .is_some_and(|s| ROOT_FILES.contains(&s))
            && find_map(&m.config_map).is_some()
    });
    if let Some(m) = single {
        return Some((parent(&m.path)?, Completeness::NONE, m.at.clone()));
    }
    let catalogs = w.mounts.iter().filter(whole).find(|m| {
        m.path.ends_with("/catalog")
            && find_map(&m.config_map).is_some_and(|c| c.files.iter().any(is_catalog_file))
    })?;
    Some((
        parent(&catalogs.path)?,
        Completeness::CATALOGS,
        Origin::Nowhere,
    ))
}
