//! The Kubernetes objects: ConfigMaps, the coordinator Service and a Deployment per role, as
//! one multi-document YAML stream emitted with a YAML library (never by string concatenation),
//! every scalar written so that YAML 1.1 and 1.2 readers read it alike (see [`super::yaml`]).

use yaml_rust2::yaml::Hash;
use yaml_rust2::Yaml;

use super::RoleOutput;
use super::{deploy, security};
use crate::kubernetes_names::derived_label;
use crate::lower::catalog::kafka;
use crate::lower::config::service_name;
use crate::lower::pods::object_name;
use crate::lower::{EnvBinding, EnvSource};
use crate::memory::{MemoryPlan, Role};
use crate::model::File;
use crate::spec::{Catalog, Spec};
use crate::units::{format_k8s_cpu, format_k8s_memory};

pub(super) fn s(v: impl Into<String>) -> Yaml {
    Yaml::String(v.into())
}

pub(super) fn map<const N: usize>(entries: [(&str, Yaml); N]) -> Yaml {
    let mut h = Hash::new();
    for (k, v) in entries {
        if !matches!(v, Yaml::Null) {
            h.insert(s(k), v);
        }
    }
    Yaml::Hash(h)
}

pub(super) fn list(items: impl IntoIterator<Item = Yaml>) -> Yaml {
    Yaml::Array(items.into_iter().collect())
}

pub(super) fn int(v: u64) -> Yaml {
    Yaml::Integer(i64::try_from(v).unwrap_or(i64::MAX))
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

pub(super) fn selector(spec: &Spec, component: &str) -> Yaml {
    let mut h = Hash::new();
    for (k, v) in crate::lower::pods::selector_labels(spec, component) {
        h.insert(s(k), s(v));
    }
    Yaml::Hash(h)
}

pub(super) fn metadata(spec: &Spec, name: String, component: &str) -> Yaml {
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

/// The container resources of a role: requests and limits of CPU and memory.
pub(super) fn resources(spec: &Spec, plan: &MemoryPlan, role: Role) -> Yaml {
    let node = match role {
        Role::Coordinator => &plan.coordinator,
        Role::Worker => &plan.worker,
    };
    let (cpu, cpu_request, memory_request) = match role {
        Role::Coordinator => {
            let c = &spec.coordinator;
            (c.cpu, c.cpu_request, c.memory_request)
        }
        Role::Worker => {
            let w = &spec.workers;
            (w.cpu, w.cpu_request, w.memory_request)
        }
    };
    let limits = map([
        ("cpu", s(format_k8s_cpu(cpu.0))),
        ("memory", s(format_k8s_memory(node.container))),
    ]);
    let requests = map([
        ("cpu", s(format_k8s_cpu(cpu_request.unwrap_or(cpu).0))),
        (
            "memory",
            s(format_k8s_memory(
                memory_request.map_or(node.container, |b| b.0),
            )),
        ),
    ]);
    map([("requests", requests), ("limits", limits)])
}

fn deployment(
    spec: &Spec,
    plan: &MemoryPlan,
    role: Role,
    replicas: Option<u32>,
    mounts: &[Mount],
    env: &[EnvBinding],
    checksum: u64,
) -> Yaml {
    let component = role.as_str();
    let (annotations, pod_labels) = match role {
        Role::Coordinator => (&spec.coordinator.annotations, &spec.coordinator.labels),
        Role::Worker => (&spec.workers.annotations, &spec.workers.labels),
    };
    let image = spec.image();
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
            ("httpGet", security::probe_get(spec, role)),
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
        ("ports", security::container_ports(spec, role)),
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
        ("resources", resources(spec, plan, role)),
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
        ("lifecycle", deploy::lifecycle(spec, role)),
    ]);
    let mut container = container;
    let mut volumes: Vec<Yaml> = mounts
        .iter()
        .map(|m| {
            map([
                ("name", s(m.volume.clone())),
                ("configMap", map([("name", s(m.config_map.clone()))])),
            ])
        })
        .collect();
    let extra = deploy::spill_volume(spec, role)
        .into_iter()
        .chain(security::secret_volumes(spec, role));
    for (volume, mount) in extra {
        volumes.push(volume);
        if let Yaml::Hash(c) = &mut container {
            if let Some(Yaml::Array(m)) = c.get_mut(&s("volumeMounts")) {
                m.push(mount);
            }
        }
    }
    let mut containers = vec![container];
    if let Some((sidecar, volume)) = deploy::exporter_sidecar(spec) {
        containers.push(sidecar);
        volumes.push(volume);
    }
    let mut pod = Hash::new();
    if deploy::has_service_account(spec) {
        pod.insert(
            s("serviceAccountName"),
            s(deploy::service_account_name(spec)),
        );
    }
    deploy::pod_settings(spec, role, &mut pod);
    pod.insert(s("containers"), Yaml::Array(containers));
    pod.insert(s("volumes"), Yaml::Array(volumes));
    let pod_spec = Yaml::Hash(pod);
    let mut template_labels = labels(spec, component);
    if let Yaml::Hash(h) = &mut template_labels {
        for (k, v) in pod_labels {
            h.insert(s(k.clone()), s(v.clone()));
        }
    }
    let mut pod_annotations = Hash::new();
    pod_annotations.insert(s("trinocfg.io/config-hash"), s(format!("{checksum:016x}")));
    for (k, v) in annotations {
        pod_annotations.insert(s(k.clone()), s(v.clone()));
    }
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
                (
                    "replicas",
                    replicas.map_or(Yaml::Null, |r| int(u64::from(r))),
                ),
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
                                ("labels", template_labels),
                                ("annotations", Yaml::Hash(pod_annotations)),
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
    let svc = &spec.kubernetes.service;
    let mut meta = metadata(spec, service_name(spec), "coordinator");
    if let (Yaml::Hash(h), false) = (&mut meta, svc.annotations.is_empty()) {
        let mut a = Hash::new();
        for (k, v) in &svc.annotations {
            a.insert(s(k.clone()), s(v.clone()));
        }
        h.insert(s("annotations"), Yaml::Hash(a));
    }
    let kind = svc.kind.unwrap_or(crate::spec::ServiceType::ClusterIP);
    map([
        ("apiVersion", s("v1")),
        ("kind", s("Service")),
        ("metadata", meta),
        (
            "spec",
            map([
                ("type", s(kind.as_str())),
                ("selector", selector(spec, "coordinator")),
                (
                    "ports",
                    security::service_ports(
                        spec,
                        svc.node_port
                            .filter(|_| kind == crate::spec::ServiceType::NodePort),
                    ),
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
    let worker_replicas = if spec.workers.autoscaling.is_some() {
        None
    } else {
        Some(spec.workers.count)
    };
    for (role, output, replicas) in [
        (Role::Coordinator, Some(coordinator), Some(1)),
        (Role::Worker, worker, worker_replicas),
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
        // Each role gets the variables its own files name: a coordinator-only secret (the
        // keystore password, an OAuth2 client secret) stays out of the workers.
        let contents: Vec<String> = output.files.iter().map(File::contents).collect();
        let role_env: Vec<EnvBinding> = env
            .iter()
            .filter(|b| {
                let placeholder = format!("${{ENV:{}}}", b.name);
                contents.iter().any(|c| c.contains(&placeholder))
            })
            .cloned()
            .collect();
        deployments.push(deployment(
            spec,
            plan,
            role,
            replicas,
            &mounts,
            &role_env,
            fnv1a(&hash_input),
        ));
    }
    docs.extend(deploy::exporter_config_map(spec));
    docs.extend(deploy::service_account(spec));
    docs.push(service(spec));
    docs.extend(deploy::monitoring(spec));
    docs.extend(deployments);
    docs.extend(deploy::autoscaler(spec));
    docs.extend(deploy::budgets(spec));

    let mut out = String::new();
    for doc in &docs {
        out.push_str(&super::yaml::emit(doc));
        out.push('\n');
    }
    out
}
