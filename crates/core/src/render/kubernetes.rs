//! The Kubernetes objects: ConfigMaps, the coordinator Service and a Deployment per role, as
//! one multi-document YAML stream emitted with a YAML library (never by string concatenation),
//! every scalar written so that YAML 1.1 and 1.2 readers read it alike (see [`super::yaml`]).

use yaml_rust2::yaml::Hash;
use yaml_rust2::Yaml;

use super::RoleOutput;
use crate::kubernetes_names::derived_label;
use crate::lower::catalog::kafka;
use crate::lower::config::service_name;
use crate::lower::{EnvBinding, EnvSource};
use crate::memory::{MemoryPlan, Role};
use crate::spec::{Catalog, Spec};
use crate::units::{format_k8s_cpu, format_k8s_memory};

fn s(v: impl Into<String>) -> Yaml {
    Yaml::String(v.into())
}

fn map<const N: usize>(entries: [(&str, Yaml); N]) -> Yaml {
    let mut h = Hash::new();
    for (k, v) in entries {
        if !matches!(v, Yaml::Null) {
            h.insert(s(k), v);
        }
    }
    Yaml::Hash(h)
}

fn list(items: impl IntoIterator<Item = Yaml>) -> Yaml {
    Yaml::Array(items.into_iter().collect())
}

fn int(v: u64) -> Yaml {
    Yaml::Integer(i64::try_from(v).unwrap_or(i64::MAX))
}

/// Object names: the cluster name plus a suffix, a DNS-1123 label of at most 63 characters
/// (shortened with a stable hash when it would be longer).
fn object_name(spec: &Spec, suffix: &str) -> String {
    let base = &spec.cluster.name;
    if suffix.is_empty() {
        derived_label(base)
    } else {
        derived_label(&format!("{base}-{suffix}"))
    }
}

/// `kafka-my_events` → `kafka-my-events`: catalog names may hold `_`, object names may not.
fn dns(name: &str) -> String {
    name.replace('_', "-")
}

fn labels(spec: &Spec, component: &str) -> Yaml {
    let mut h = Hash::new();
    h.insert(s("app.kubernetes.io/name"), s("trino"));
    h.insert(
        s("app.kubernetes.io/instance"),
        s(spec.cluster.name.clone()),
    );
    h.insert(
        s("app.kubernetes.io/version"),
        s(spec.cluster.trino_version.to_string()),
    );
    h.insert(s("app.kubernetes.io/component"), s(component));
    h.insert(s("app.kubernetes.io/managed-by"), s("trinocfg"));
    for (k, v) in &spec.kubernetes.labels {
        h.insert(s(k.clone()), s(v.clone()));
    }
    Yaml::Hash(h)
}

fn selector(spec: &Spec, component: &str) -> Yaml {
    map([
        ("app.kubernetes.io/name", s("trino")),
        ("app.kubernetes.io/instance", s(spec.cluster.name.clone())),
        ("app.kubernetes.io/component", s(component)),
    ])
}

fn metadata(spec: &Spec, name: String, component: &str) -> Yaml {
    map([
        ("name", s(name)),
        (
            "namespace",
            spec.kubernetes.namespace.clone().map_or(Yaml::Null, s),
        ),
        ("labels", labels(spec, component)),
    ])
}

fn config_map(spec: &Spec, name: String, component: &str, files: &[(String, String)]) -> Yaml {
    let mut data = Hash::new();
    for (file, contents) in files {
        data.insert(s(file.clone()), s(contents.clone()));
    }
    map([
        ("apiVersion", s("v1")),
        ("kind", s("ConfigMap")),
        ("metadata", metadata(spec, name, component)),
        ("data", Yaml::Hash(data)),
    ])
}

/// 64-bit FNV-1a, for the pod annotation that rolls pods when their configuration changes.
fn fnv1a(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in data {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

struct Mount {
    volume: String,
    config_map: String,
    path: String,
}

fn deployment(
    spec: &Spec,
    plan: &MemoryPlan,
    role: Role,
    replicas: u32,
    mounts: &[Mount],
    env: &[EnvBinding],
    checksum: u64,
) -> Yaml {
    let component = role.as_str();
    let node = match role {
        Role::Coordinator => &plan.coordinator,
        Role::Worker => &plan.worker,
    };
    let cpu = match role {
        Role::Coordinator => spec.coordinator.cpu,
        Role::Worker => spec.workers.cpu,
    };
    let image = spec.image();
    let resources = map([
        ("cpu", s(format_k8s_cpu(cpu.0))),
        ("memory", s(format_k8s_memory(node.container))),
    ]);
    let env_list: Vec<Yaml> = env
        .iter()
        .filter_map(|b| match &b.source {
            EnvSource::SecretKey { secret, key } => Some(map([
                ("name", s(b.name.clone())),
                (
                    "valueFrom",
                    map([(
                        "secretKeyRef",
                        map([("name", s(secret.clone())), ("key", s(key.clone()))]),
                    )]),
                ),
            ])),
            EnvSource::Existing => None,
        })
        .collect();
    let probe = |initial: u64, period: u64, failures: u64| {
        map([
            (
                "httpGet",
                map([("path", s("/v1/info")), ("port", s("http"))]),
            ),
            ("initialDelaySeconds", int(initial)),
            ("periodSeconds", int(period)),
            ("timeoutSeconds", int(5)),
            ("failureThreshold", int(failures)),
        ])
    };
    let container = map([
        ("name", s("trino")),
        ("image", s(image)),
        (
            "imagePullPolicy",
            s(spec.kubernetes.image_pull_policy.as_str()),
        ),
        (
            "ports",
            list([map([
                ("name", s("http")),
                ("containerPort", int(u64::from(spec.cluster.http_port))),
                ("protocol", s("TCP")),
            ])]),
        ),
        (
            "env",
            if env_list.is_empty() {
                Yaml::Null
            } else {
                Yaml::Array(env_list)
            },
        ),
        (
            "envFrom",
            if spec.kubernetes.env_from.is_empty() {
                Yaml::Null
            } else {
                list(
                    spec.kubernetes
                        .env_from
                        .iter()
                        .map(|name| map([("secretRef", map([("name", s(name.clone()))]))])),
                )
            },
        ),
        (
            "resources",
            map([("requests", resources.clone()), ("limits", resources)]),
        ),
        (
            "volumeMounts",
            list(mounts.iter().map(|m| {
                map([
                    ("name", s(m.volume.clone())),
                    ("mountPath", s(m.path.clone())),
                ])
            })),
        ),
        ("livenessProbe", probe(30, 10, 6)),
        ("readinessProbe", probe(10, 10, 3)),
    ]);
    let volumes = list(mounts.iter().map(|m| {
        map([
            ("name", s(m.volume.clone())),
            ("configMap", map([("name", s(m.config_map.clone()))])),
        ])
    }));
    let pod_spec = map([
        (
            "serviceAccountName",
            spec.kubernetes
                .service_account
                .clone()
                .map_or(Yaml::Null, s),
        ),
        ("containers", list([container])),
        ("volumes", volumes),
    ]);
    map([
        ("apiVersion", s("apps/v1")),
        ("kind", s("Deployment")),
        (
            "metadata",
            metadata(spec, object_name(spec, component), component),
        ),
        (
            "spec",
            map([
                ("replicas", int(u64::from(replicas))),
                (
                    "selector",
                    map([("matchLabels", selector(spec, component))]),
                ),
                (
                    "template",
                    map([
                        (
                            "metadata",
                            map([
                                ("labels", labels(spec, component)),
                                (
                                    "annotations",
                                    map([(
                                        "trinocfg.io/config-hash",
                                        s(format!("{checksum:016x}")),
                                    )]),
                                ),
                            ]),
                        ),
                        ("spec", pod_spec),
                    ]),
                ),
            ]),
        ),
    ])
}

fn service(spec: &Spec) -> Yaml {
    map([
        ("apiVersion", s("v1")),
        ("kind", s("Service")),
        (
            "metadata",
            metadata(spec, service_name(spec), "coordinator"),
        ),
        (
            "spec",
            map([
                ("type", s("ClusterIP")),
                ("selector", selector(spec, "coordinator")),
                (
                    "ports",
                    list([map([
                        ("name", s("http")),
                        ("port", int(u64::from(spec.cluster.http_port))),
                        ("targetPort", s("http")),
                        ("protocol", s("TCP")),
                    ])]),
                ),
            ]),
        ),
    ])
}

/// Renders the whole stream.
pub fn render(
    spec: &Spec,
    plan: &MemoryPlan,
    coordinator: &RoleOutput,
    worker: Option<&RoleOutput>,
    env: &[EnvBinding],
) -> String {
    let root = spec.cluster.config_root.trim_end_matches('/').to_owned();
    let mut docs: Vec<Yaml> = Vec::new();

    // Catalog files are the same for both roles: one ConfigMap.
    let catalog_files: Vec<(String, String)> = coordinator
        .files
        .iter()
        .filter(|f| f.rel.starts_with("catalog/"))
        .map(|f| (f.file_name().to_owned(), f.contents()))
        .collect();
    let mut shared_mounts = Vec::new();
    let mut shared_hash = Vec::new();
    if !catalog_files.is_empty() {
        let name = object_name(spec, "catalog");
        shared_mounts.push(Mount {
            volume: "catalog".into(),
            config_map: name.clone(),
            path: format!("{root}/catalog"),
        });
        for (f, c) in &catalog_files {
            shared_hash.extend_from_slice(f.as_bytes());
            shared_hash.extend_from_slice(c.as_bytes());
        }
        docs.push(config_map(spec, name, "catalogs", &catalog_files));
    }
    // Topic descriptions by directory, found once rather than once per catalog.
    let mut by_dir: std::collections::HashMap<&str, Vec<&crate::model::File>> =
        std::collections::HashMap::new();
    for f in &coordinator.files {
        if let Some((dir, _)) = f.rel.rsplit_once('/') {
            by_dir.entry(dir).or_default().push(f);
        }
    }
    for (catalog, c) in &spec.catalogs {
        let Catalog::Kafka(k) = c else { continue };
        if k.topics.is_empty() {
            continue;
        }
        let dir = kafka::description_dir(catalog);
        let files: Vec<(String, String)> = by_dir
            .get(dir.as_str())
            .into_iter()
            .flatten()
            .map(|f| (f.file_name().to_owned(), f.contents()))
            .collect();
        let name = object_name(spec, &format!("kafka-{}", dns(catalog)));
        shared_mounts.push(Mount {
            volume: derived_label(&format!("kafka-{}", dns(catalog))),
            config_map: name.clone(),
            path: format!("{root}/{dir}"),
        });
        for (f, c) in &files {
            shared_hash.extend_from_slice(f.as_bytes());
            shared_hash.extend_from_slice(c.as_bytes());
        }
        docs.push(config_map(spec, name, "catalogs", &files));
    }

    let mut deployments = Vec::new();
    for (role, output, replicas) in [
        (Role::Coordinator, Some(coordinator), 1),
        (Role::Worker, worker, spec.workers.count),
    ] {
        let Some(output) = output else { continue };
        let files: Vec<(String, String)> = output
            .files
            .iter()
            .filter(|f| !f.rel.contains('/'))
            .map(|f| (f.rel.clone(), f.contents()))
            .collect();
        let name = object_name(spec, role.as_str());
        let mut hash_input = shared_hash.clone();
        for (f, c) in &files {
            hash_input.extend_from_slice(f.as_bytes());
            hash_input.extend_from_slice(c.as_bytes());
        }
        docs.push(config_map(spec, name.clone(), role.as_str(), &files));
        let mut mounts = vec![Mount {
            volume: "config".into(),
            config_map: name,
            path: root.clone(),
        }];
        mounts.extend(shared_mounts.iter().map(|m| Mount {
            volume: m.volume.clone(),
            config_map: m.config_map.clone(),
            path: m.path.clone(),
        }));
        deployments.push(deployment(
            spec,
            plan,
            role,
            replicas,
            &mounts,
            env,
            fnv1a(&hash_input),
        ));
    }
    docs.push(service(spec));
    docs.extend(deployments);

    let mut out = String::new();
    for doc in &docs {
        out.push_str(&super::yaml::emit(doc));
        out.push('\n');
    }
    out
}
