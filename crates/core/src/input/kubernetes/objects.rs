//! The Kubernetes objects the reader takes Trino's configuration from: ConfigMaps and the
//! workloads (Deployments, StatefulSets, DaemonSets) that mount them.

use std::collections::BTreeMap;

use yaml_rust2::scanner::TScalarStyle;

use super::yaml::{block_origin, Node};
use crate::credentials;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{
    Embedding, Exporter, Fact, HttpProbe, Origin, Pod, PreStop, Service, ServiceMonitor,
    ServicePort, SourceFile,
};
use crate::rules;
use crate::spec::secrets::is_sensitive_key;
use crate::units::parse_k8s_memory;

/// The YAML text being read, for placing what is read from it.
pub(super) struct Source<'a> {
    /// The text.
    pub(super) yaml: &'a str,
    /// How diagnostics name it.
    pub(super) display: &'a str,
    /// Where each of its lines starts.
    pub(super) starts: Vec<usize>,
}

impl Source<'_> {
    /// Where a scalar of the stream is, for facts read from workloads.
    pub(super) fn at(&self, line: usize, col: usize) -> Origin {
        Origin::At(Box::new(Location {
            file: Some(self.display.to_owned()),
            line,
            column: col + 1,
            ..Location::default()
        }))
    }

    /// Where a scalar is, with its span so that a diagnostic shows the line, labelled `path`.
    pub(super) fn scalar_at(&self, line: usize, col: usize, len: usize, path: String) -> Origin {
        let yaml = self.yaml;
        let start = self.starts.get(line.wrapping_sub(1)).map(|&s| {
            let line_text = &yaml[s..];
            s + line_text
                .char_indices()
                .nth(col)
                .map_or(line_text.len(), |(i, _)| i)
        });
        let mut location = Location {
            file: Some(self.display.to_owned()),
            path: Some(path),
            line,
            column: col + 1,
            ..Location::default()
        };
        if let Some(start) = start {
            let end = yaml[start..]
                .find(['\n', '\r'])
                .map_or(yaml.len(), |i| start + i)
                .min(start + len);
            location.span = Some(start..end.max(start));
        }
        Origin::At(Box::new(location))
    }
}

/// A ConfigMap and the files it holds.
pub(super) struct ConfigMap {
    pub(super) name: String,
    pub(super) files: Vec<SourceFile>,
}

impl ConfigMap {
    /// Whether it holds a file of the configuration root that only Trino's own directory has.
    pub(super) fn is_root(&self) -> bool {
        self.files
            .iter()
            .any(|f| ROOT_FILES.contains(&f.rel.as_str()))
    }

    /// Whether it holds the key `rel`.
    pub(super) fn has(&self, rel: &str) -> bool {
        self.files.iter().any(|f| f.rel == rel)
    }

    /// The files a volume of this ConfigMap shows: every key, or only the `items` it projects,
    /// under their paths.
    pub(super) fn projected(&self, items: Option<&[(String, String)]>) -> Vec<SourceFile> {
        match items {
            None => self.files.clone(),
            Some(items) => items
                .iter()
                .filter_map(|(key, path)| {
                    let f = self.files.iter().find(|f| &f.rel == key)?;
                    Some(SourceFile {
                        rel: path.trim_start_matches("./").to_owned(),
                        ..f.clone()
                    })
                })
                .collect(),
        }
    }
}

/// The files of a configuration root that tell a ConfigMap holding them is the root itself.
pub(super) const ROOT_FILES: &[&str] = &["config.properties", "jvm.config", "node.properties"];

/// A ConfigMap volume of a pod: the ConfigMap's name and the items it projects (key, path),
/// when it lists them.
type Volume<'a> = (&'a str, Option<Vec<(String, String)>>);

/// A ConfigMap volume mounted into a workload's Trino container.
pub(super) struct Mount {
    /// The mount path, without a trailing `/`.
    pub(super) path: String,
    /// The ConfigMap's name.
    pub(super) config_map: String,
    /// The keys the volume projects (`items`: key and path), when it lists them.
    pub(super) items: Option<Vec<(String, String)>>,
    /// `subPath`: the one file (or directory) of the volume mounted at `path`.
    pub(super) sub_path: Option<String>,
    /// Where the mount path is written.
    pub(super) at: Origin,
}

/// A workload that runs Trino: what the reader takes from it.
pub(super) struct Workload {
    /// `Deployment`, `StatefulSet` or `DaemonSet`.
    pub(super) kind: String,
    /// `metadata.name`.
    pub(super) name: String,
    /// `spec.replicas` (1 when absent, except for a DaemonSet).
    pub(super) replicas: Option<Fact<u32>>,
    /// The Trino container's memory limit.
    pub(super) memory: Option<Fact<u64>>,
    /// The names of the container's environment variables, unless `envFrom` hides some.
    pub(super) env: Option<Vec<String>>,
    /// The Trino container's image.
    pub(super) image: Option<Fact<String>>,
    /// Its ConfigMap mounts.
    pub(super) mounts: Vec<Mount>,
    /// Mount paths of the container's other volumes (Secrets, projected, emptyDir, ...),
    /// whose files this reader cannot see.
    pub(super) other_mounts: Vec<String>,
    /// Its pods: labels, lifecycle, memory request, volumes.
    pub(super) pod: Pod,
}

/// A scalar of the stream as a fact, placed at its position.
fn scalar_fact<T>(
    node: Option<&Node>,
    src: &Source<'_>,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<Fact<T>> {
    match node? {
        Node::Scalar {
            value, line, col, ..
        } => parse(value).map(|v| Fact {
            value: v,
            at: src.at(*line, *col),
        }),
        _ => None,
    }
}

/// A mapping of strings (labels, `matchLabels`).
pub(super) fn string_map(node: Option<&Node>) -> Vec<(String, String)> {
    node.map(Node::entries)
        .unwrap_or_default()
        .iter()
        .filter_map(|(k, v)| Some((k.str()?.to_owned(), v.str()?.to_owned())))
        .collect()
}

/// Reads a number or a string scalar as a fact.
pub(super) fn number<T: std::str::FromStr>(
    node: Option<&Node>,
    src: &Source<'_>,
) -> Option<Fact<T>> {
    scalar_fact(node, src, |v| v.trim().parse().ok())
}

/// Reads a decimal number (`"2.5"`, `10`) as a fact.
pub(super) fn real(node: Option<&Node>, src: &Source<'_>) -> Option<Fact<f64>> {
    scalar_fact(node, src, |v| crate::decimal::parse_f64(v.trim()))
}

/// Reads a scalar as text.
pub(super) fn text(node: Option<&Node>, src: &Source<'_>) -> Option<Fact<String>> {
    scalar_fact(node, src, |v| Some(v.to_owned()))
}

/// The command of an `exec` hook, its words joined by spaces.
pub(in crate::input) fn hook_command(hook: &Node) -> Option<(String, usize, usize)> {
    let words = hook.path(&["exec", "command"])?.seq();
    let (line, col) = match words.first()? {
        Node::Scalar { line, col, .. } => (*line, *col),
        _ => return None,
    };
    let command = words
        .iter()
        .filter_map(Node::str)
        .collect::<Vec<_>>()
        .join(" ");
    Some((command, line, col))
}

/// Reads a ConfigMap object: every key of `data` is a file.
pub(super) fn config_map(doc: &Node, name: String, src: &Source<'_>) -> ConfigMap {
    let mut files = Vec::new();
    for (k, v) in doc.get("data").map(Node::entries).unwrap_or_default() {
        let (
            Some(file),
            Node::Scalar {
                value,
                style,
                line,
                col,
            },
        ) = (k.str(), v)
        else {
            continue;
        };
        let (key_line, key_col) = match k {
            Node::Scalar { line, col, .. } => (*line, *col + 1),
            _ => (*line, *col + 1),
        };
        let origin = if *style == TScalarStyle::Literal {
            block_origin(src.yaml, &src.starts, *line, value, key_line, key_col)
        } else {
            Embedding::Key {
                line: key_line,
                column: key_col,
            }
        };
        files.push(SourceFile {
            rel: file.to_owned(),
            display: src.display.to_owned(),
            label: Some(format!("ConfigMap {name}, {file}")),
            text: value.clone(),
            embedding: origin,
        });
    }
    ConfigMap { name, files }
}

/// Where an object is: its `kind` line.
pub(super) fn object_at(doc: &Node, src: &Source<'_>) -> Origin {
    match doc.get("kind") {
        Some(Node::Scalar { line, col, .. }) => src.at(*line, *col),
        _ => Origin::Nowhere,
    }
}

/// Reads a prometheus-operator `ServiceMonitor`.
pub(super) fn service_monitor(doc: &Node, name: String, src: &Source<'_>) -> ServiceMonitor {
    let spec = doc.get("spec");
    let endpoints = spec
        .and_then(|s| s.get("endpoints"))
        .map(Node::seq)
        .unwrap_or_default();
    ServiceMonitor {
        name,
        at: object_at(doc, src),
        labels: string_map(doc.path(&["metadata", "labels"]))
            .into_iter()
            .filter(|(k, _)| !ServiceMonitor::is_standard_label(k))
            .collect(),
        selector: string_map(spec.and_then(|s| s.path(&["selector", "matchLabels"]))),
        roles: Vec::new(),
        interval: endpoints
            .first()
            .and_then(|e| e.get("interval")?.str())
            .map(str::to_owned),
        ports: endpoints
            .iter()
            .filter_map(|e| text(e.get("port"), src))
            .collect(),
        services: Vec::new(),
    }
}

/// Reads a `Service`: its labels, selector and ports (a port without a number is left out).
pub(super) fn service(doc: &Node, name: String, src: &Source<'_>) -> Service {
    let ports = doc
        .path(&["spec", "ports"])
        .map(Node::seq)
        .unwrap_or_default()
        .iter()
        .filter_map(|p| {
            let port: Fact<u32> = number(p.get("port"), src)?;
            Some(ServicePort {
                name: p.get("name").and_then(Node::str).map(str::to_owned),
                port: port.value,
                target: text(p.get("targetPort"), src),
                at: port.at,
            })
        })
        .collect();
    Service {
        name,
        at: object_at(doc, src),
        labels: string_map(doc.path(&["metadata", "labels"])),
        selector: string_map(doc.path(&["spec", "selector"])),
        ports,
        headless: doc
            .path(&["spec", "clusterIP"])
            .and_then(Node::str)
            .is_some_and(|ip| ip == "None"),
    }
}

/// Reads a workload object: the Trino container (the one whose name says `trino`, else the
/// first), its image, memory limit, environment and ConfigMap mounts, and the replica count.
/// A literal credential in the environment is reported into `diagnostics`.
pub(super) fn workload(
    doc: &Node,
    kind: &str,
    name: String,
    src: &Source<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Workload {
    let spec = doc.path(&["spec", "template", "spec"]);
    let containers = spec
        .and_then(|s| s.get("containers"))
        .map(Node::seq)
        .unwrap_or_default();
    let container = containers
        .iter()
        .find(|c| {
            c.get("name")
                .and_then(Node::str)
                .is_some_and(|n| n.contains("trino"))
        })
        .or_else(|| containers.first());
    // Volume name → ConfigMap name and the items it projects.
    let volumes: BTreeMap<&str, Volume<'_>> = spec
        .and_then(|s| s.get("volumes"))
        .map(Node::seq)
        .unwrap_or_default()
        .iter()
        .filter_map(|v| {
            let items = v.path(&["configMap", "items"]).map(|items| {
                items
                    .seq()
                    .iter()
                    .filter_map(|i| {
                        Some((
                            i.get("key")?.str()?.to_owned(),
                            i.get("path")?.str()?.to_owned(),
                        ))
                    })
                    .collect()
            });
            Some((
                v.get("name")?.str()?,
                (v.path(&["configMap", "name"])?.str()?, items),
            ))
        })
        .collect();
    let mut w = Workload {
        kind: kind.to_owned(),
        name,
        replicas: None,
        memory: None,
        env: None,
        mounts: Vec::new(),
        other_mounts: Vec::new(),
        image: None,
        pod: Pod::default(),
    };
    w.pod.workload = (kind.to_owned(), w.name.clone());
    // A Prometheus JMX exporter sidecar (`bitnami/jmx-exporter`, `prometheus/jmx_exporter`).
    w.pod.jmx_exporter = containers.iter().find_map(|c| {
        let image = c.get("image").and_then(Node::str)?;
        let repository = image.rsplit('/').next().unwrap_or(image);
        if !(repository.starts_with("jmx-exporter") || repository.starts_with("jmx_exporter")) {
            return None;
        }
        // The port it serves: its only container port, else the one named for metrics.
        let ports = c.get("ports").map(Node::seq).unwrap_or_default();
        let port = match ports {
            [one] => Some(one),
            _ => ports.iter().find(|p| {
                p.get("name")
                    .and_then(Node::str)
                    .is_some_and(|n| n == "metrics" || n == "jmx-exporter")
            }),
        }
        .and_then(|p| p.get("containerPort")?.str()?.parse().ok());
        Some(Exporter {
            image: image.to_owned(),
            port,
        })
    });
    w.pod.at = object_at(doc, src);
    w.pod.labels = string_map(doc.path(&["spec", "template", "metadata", "labels"]));
    w.pod.termination_grace = number(
        spec.and_then(|s| s.get("terminationGracePeriodSeconds")),
        src,
    );
    if let Some(spec) = spec {
        w.pod.placement = super::placement::placement(spec);
    }
    w.replicas = match doc.path(&["spec", "replicas"]) {
        Some(Node::Scalar {
            value, line, col, ..
        }) => value.parse().ok().map(|r| Fact {
            value: r,
            at: src.at(*line, *col),
        }),
        Some(_) => None,
        None if kind == "DaemonSet" => None,
        None => Some(Fact {
            value: 1,
            at: Origin::Nowhere,
        }),
    };
    for other in containers
        .iter()
        .filter(|c| container.is_none_or(|t| !std::ptr::eq(*c, t)))
    {
        for p in other.get("ports").map(Node::seq).unwrap_or_default() {
            if let Some(number) = p
                .get("containerPort")
                .and_then(Node::str)
                .and_then(|v| v.parse().ok())
            {
                let name = p.get("name").and_then(Node::str).unwrap_or_default();
                w.pod.sidecar_ports.push((name.to_owned(), number));
            }
        }
    }
    if let Some(c) = container {
        w.image = match c.get("image") {
            Some(Node::Scalar {
                value,
                style,
                line,
                col,
            }) => {
                let quotes = if *style == TScalarStyle::Plain { 0 } else { 2 };
                let label = format!("{kind} {}: image", w.name);
                Some(Fact {
                    value: value.clone(),
                    at: src.scalar_at(*line, *col, value.len() + quotes, label),
                })
            }
            _ => None,
        };
        w.pod.memory_request =
            scalar_fact(c.path(&["resources", "requests", "memory"]), src, |v| {
                parse_k8s_memory(v).ok().map(|b| b.0)
            });
        w.pod.pre_stop = c
            .path(&["lifecycle", "preStop"])
            .and_then(hook_command)
            .map(|(command, line, col)| Fact {
                value: PreStop::of_command(&command),
                at: src.at(line, col),
            });
        w.memory = match c.path(&["resources", "limits", "memory"]) {
            Some(Node::Scalar {
                value, line, col, ..
            }) => parse_k8s_memory(value).ok().map(|b| Fact {
                value: b.0,
                at: src.at(*line, *col),
            }),
            _ => None,
        };
        for p in c.get("ports").map(Node::seq).unwrap_or_default() {
            if let (Some(name), Some(number)) = (
                p.get("name").and_then(Node::str),
                p.get("containerPort")
                    .and_then(Node::str)
                    .and_then(|v| v.parse().ok()),
            ) {
                w.pod.ports.push((name.to_owned(), number));
            }
        }
        for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
            let Some(get) = c.path(&[probe, "httpGet"]) else {
                continue;
            };
            if let Some(Node::Scalar {
                value, line, col, ..
            }) = get.get("port")
            {
                let https = get
                    .get("scheme")
                    .and_then(Node::str)
                    .is_some_and(|s| s.eq_ignore_ascii_case("https"));
                w.pod.http_probes.push(Fact {
                    value: HttpProbe {
                        https,
                        port: value.clone(),
                    },
                    at: src.at(*line, *col),
                });
            }
        }
        let mut names = Vec::new();
        for e in c.get("env").map(Node::seq).unwrap_or_default() {
            if let Some(n) = e.get("name").and_then(Node::str) {
                names.push(n.to_owned());
                let from = e.path(&["valueFrom", "secretKeyRef"]);
                if let (Some(secret), Some(key)) = (
                    from.and_then(|r| r.get("name")).and_then(Node::str),
                    from.and_then(|r| r.get("key")).and_then(Node::str),
                ) {
                    w.pod
                        .secret_env
                        .push((n.to_owned(), secret.to_owned(), key.to_owned()));
                }
                if let Some(Node::Scalar {
                    value, line, col, ..
                }) = e.get("value")
                {
                    let sensitive = is_sensitive_key(&n.to_ascii_lowercase().replace('_', "-"));
                    // `$(VAR)` takes the value of another variable.
                    if !value.contains("$(")
                        && !credentials::in_property(value, sensitive).is_empty()
                    {
                        diagnostics.push(
                            Diagnostic::new(&rules::LITERAL_CREDENTIAL, format!("environment variable `{n}` of {kind} {} holds a literal credential", w.name))
                                .at(Location { file: Some(src.display.to_owned()), path: Some(format!("{kind} {}: env {n}", w.name)), line: *line, column: *col + 1, ..Location::default() })
                                .help("take it from a Secret: `valueFrom: { secretKeyRef: { name: ..., key: ... } }`"),
                        );
                    }
                }
            }
        }
        // envFrom brings variables this reader cannot see: do not judge the env.
        if c.get("envFrom")
            .map(Node::seq)
            .unwrap_or_default()
            .is_empty()
        {
            w.env = Some(names);
        }
        for m in c.get("volumeMounts").map(Node::seq).unwrap_or_default() {
            let (
                Some(vol),
                Some(Node::Scalar {
                    value: path,
                    style,
                    line,
                    col,
                }),
            ) = (m.get("name").and_then(Node::str), m.get("mountPath"))
            else {
                continue;
            };
            if let Some((cm, items)) = volumes.get(vol) {
                let quotes = if *style == TScalarStyle::Plain { 0 } else { 2 };
                let label = format!("{kind} {}: ConfigMap {cm} mounted at {path}", w.name);
                w.mounts.push(Mount {
                    path: path.trim_end_matches('/').to_owned(),
                    config_map: (*cm).to_owned(),
                    items: items.clone(),
                    sub_path: m
                        .get("subPath")
                        .and_then(Node::str)
                        .filter(|p| !p.is_empty())
                        .map(str::to_owned),
                    at: src.scalar_at(*line, *col, path.len() + quotes, label),
                });
            } else {
                w.other_mounts.push(path.trim_end_matches('/').to_owned());
                w.pod
                    .mount_paths
                    .push(path.trim_end_matches('/').to_owned());
            }
        }
    }
    w
}
