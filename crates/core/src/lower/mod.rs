//! Lowering: a spec → the [cluster model](crate::model), one module per generated file and one
//! per connector. Every value carries the spec key it came from, so the rules report at the
//! spec line; `crate::render` turns the model into text.

pub mod catalog;
pub mod config;
pub mod exchange;
pub mod jvm;
pub mod log;
pub mod node;
pub mod pods;
pub mod security;
pub mod session;

use crate::memory::{MemoryPlan, Role};
use crate::model::{
    Cluster, Completeness, Content, Fact, File, Node, Origin, Properties, Target, TargetSource,
};
use crate::spec::{PropertyValue, SecretRef, Spec};

/// Where an environment variable's value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvSource {
    /// A key of a Kubernetes Secret.
    SecretKey {
        /// The Secret.
        secret: String,
        /// The key in the Secret.
        key: String,
    },
    /// Already in the pod's environment; nothing to add.
    Existing,
}

/// An environment variable a placeholder names, and where its value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvBinding {
    /// The variable.
    pub name: String,
    /// Its source.
    pub source: EnvSource,
}

/// Turns secret references into `${ENV:NAME}` placeholders and remembers the bindings.
#[derive(Debug, Default)]
pub struct Secrets {
    /// Every variable bound so far, in order.
    pub bindings: Vec<EnvBinding>,
}

impl Secrets {
    /// The placeholder for `secret`; `default_env` names the variable when the spec does not.
    /// `None` for a literal, which the spec reader rejected (its value was never kept).
    pub fn placeholder(&mut self, secret: &SecretRef, default_env: &str) -> Option<String> {
        let (name, source) = match secret {
            SecretRef::Kubernetes { secret, key, env } => (
                env.clone().unwrap_or_else(|| env_name(default_env)),
                EnvSource::SecretKey {
                    secret: secret.clone(),
                    key: key.clone(),
                },
            ),
            SecretRef::Env { env } => (env.clone(), EnvSource::Existing),
            SecretRef::Literal { .. } => return None,
        };
        if !self.bindings.iter().any(|b| b.name == name) {
            self.bindings.push(EnvBinding {
                name: name.clone(),
                source,
            });
        }
        Some(format!("${{ENV:{name}}}"))
    }

    /// A property value: text as is, a secret as a placeholder.
    pub fn value(&mut self, value: &PropertyValue, default_env: &str) -> Option<String> {
        match value {
            PropertyValue::Text(t) => Some(t.clone()),
            PropertyValue::Secret(s) => self.placeholder(s, default_env),
        }
    }
}

/// `catalog lake s3.aws-access-key` → `LAKE_S3_AWS_ACCESS_KEY`.
pub fn env_name(hint: &str) -> String {
    let mut out = String::with_capacity(hint.len());
    for c in hint.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_uppercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "TRINO_");
    }
    out
}

/// The key path of `name` below `prefix`, as the spec reader records it: names other than
/// `[A-Za-z0-9_-]` are quoted (`properties."query.max-run-time"`).
pub fn key_path(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else if name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        format!("{prefix}.{name}")
    } else {
        format!("{prefix}.\"{name}\"")
    }
}

/// Builds a properties file; a later `put` of the same key replaces the earlier value (and its
/// origin) in place.
#[derive(Debug, Default)]
pub struct Props {
    /// The entries so far.
    pub props: Properties,
}

impl Props {
    /// Sets `key` from the spec key `origin`.
    pub fn put(&mut self, key: &str, value: impl Into<String>, origin: impl Into<String>) {
        self.props.set(key, value, Origin::Spec(origin.into()));
    }

    /// Sets `key` when there is a value.
    pub fn put_opt(&mut self, key: &str, value: Option<impl ToString>, origin: impl Into<String>) {
        if let Some(v) = value {
            self.put(key, v.to_string(), origin);
        }
    }

    /// Adds the escape-hatch `properties` table at `table` (`coordinator.properties`).
    pub fn escape_hatch<'a>(
        &mut self,
        table: &str,
        properties: impl IntoIterator<Item = (&'a String, &'a PropertyValue)>,
        env_hint: impl Fn(&str) -> String,
        secrets: &mut Secrets,
    ) {
        for (k, v) in properties {
            if let Some(value) = secrets.value(v, &env_hint(k)) {
                // The reader records a property's path with its key always quoted.
                self.put(k, value, format!("{table}.\"{k}\""));
            }
        }
    }

    /// The file at `rel`, located at the spec key `origin`.
    pub fn file(self, rel: impl Into<String>, origin: &str) -> File {
        File {
            rel: rel.into(),
            at: Origin::Spec(origin.to_owned()),
            content: Content::Properties(self.props),
        }
    }
}

/// The files of each role, and the environment their placeholders need.
#[derive(Debug, Clone)]
pub struct Lowered {
    /// The model: the coordinator, then the workers (when there are any).
    pub cluster: Cluster,
    /// Every environment variable a placeholder names.
    pub env: Vec<EnvBinding>,
}

/// Lowers a spec (whose values the reader accepted) into the model.
pub fn lower(spec: &Spec, plan: &MemoryPlan) -> Lowered {
    let mut secrets = Secrets::default();
    let catalogs = catalog::lower_all(spec, &mut secrets);
    let exchange = spec
        .fault_tolerance
        .exchange_manager()
        .map(|em| exchange::lower(em, &mut secrets));
    let shared_secret = spec
        .cluster
        .shared_secret
        .clone()
        .or_else(|| security::derived_shared_secret(spec))
        .and_then(|s| secrets.placeholder(&s, "TRINO_SHARED_SECRET"));

    let mut role_files = |role: Role| {
        let mut files = vec![
            node::lower(spec),
            config::lower(spec, plan, role, shared_secret.as_deref(), &mut secrets),
            jvm::lower(spec, plan, role),
            log::lower(spec),
        ];
        if let Some(em) = &exchange {
            files.push(em.clone());
        }
        files.extend(pods::files(spec, role));
        files.extend(session::files(spec, role));
        files.extend(security::files(spec, role, &mut secrets));
        files.extend(catalogs.iter().cloned());
        files
    };
    let coordinator_files = role_files(Role::Coordinator);
    let worker_files = (spec.workers.count > 0 || spec.workers.autoscaling.is_some())
        .then(|| role_files(Role::Worker));
    let env = secrets.bindings;
    // The variables the generated Deployments define: those taken from Secrets.
    let defined: Vec<String> = env
        .iter()
        .filter(|b| matches!(b.source, EnvSource::SecretKey { .. }))
        .map(|b| b.name.clone())
        .collect();
    let config_root = spec.cluster.config_root.trim_end_matches('/').to_owned();
    let image = Fact {
        value: spec.image(),
        at: Origin::Spec(
            if spec.kubernetes.image.is_some() {
                "kubernetes.image"
            } else {
                "cluster.trino_version"
            }
            .into(),
        ),
    };
    let node = |role: Role, files: Vec<File>| {
        let key = role.spec_key();
        let memory = match role {
            Role::Coordinator => &plan.coordinator,
            Role::Worker => &plan.worker,
        };
        Node {
            label: role.as_str().to_owned(),
            declared_role: Some(role),
            files,
            container_memory: Some(Fact {
                value: memory.container,
                at: Origin::Spec(format!("{key}.memory")),
            }),
            replicas: Some(Fact {
                value: match role {
                    Role::Coordinator => 1,
                    Role::Worker => spec.workers.count,
                },
                at: Origin::Spec(format!("{key}.count")),
            }),
            // With `envFrom`, the variables are whatever keys the Secrets hold: unknown here.
            env: spec.kubernetes.env_from.is_empty().then(|| defined.clone()),
            image: Some(image.clone()),
            config_root: config_root.clone(),
            complete: Completeness::WHOLE,
            root_at: Origin::Nowhere,
            pod: Some(pods::pod(spec, role)),
        }
    };
    let mut cluster = Cluster {
        target: Target {
            release: spec.cluster.trino_version,
            source: TargetSource::Spec { stated: false },
        },
        autoscalers: pods::autoscaler(spec).into_iter().collect(),
        budgets: [Role::Coordinator, Role::Worker]
            .into_iter()
            .filter_map(|role| pods::budget(spec, role))
            .collect(),
        service_monitors: pods::service_monitor(spec).into_iter().collect(),
        ..Cluster::default()
    };
    cluster
        .nodes
        .push(node(Role::Coordinator, coordinator_files));
    if let Some(files) = worker_files {
        cluster.nodes.push(node(Role::Worker, files));
    }
    Lowered { cluster, env }
}

/// The spec key a role's per-node memory setting comes from: the key itself when written, else
/// what it is derived from (the heap, else the container memory).
pub(crate) fn memory_origin(spec: &Spec, role: Role, field: &str, set: bool) -> String {
    let key = role.spec_key();
    let heap_set = match role {
        Role::Coordinator => spec.coordinator.heap.is_some(),
        Role::Worker => spec.workers.heap.is_some(),
    };
    if set {
        format!("{key}.{field}")
    } else if heap_set {
        format!("{key}.heap")
    } else {
        format!("{key}.memory")
    }
}

/// A plugin's file manager in the configuration directory `root`: its properties, and the JSON
/// file `json` they name, holding `value` whose parts (JSON Pointer, spec key below `origin`)
/// locate diagnostics in the spec; both located at spec key `origin`.
pub(crate) fn file_manager(
    m: &crate::model::FileManager,
    root: &str,
    json: &str,
    (value, parts): (serde_json::Value, Vec<(String, String)>),
    origin: &str,
) -> Vec<File> {
    let mut p = Props::default();
    p.put(m.manager_key, "file", origin);
    p.put(m.path_key, format!("{root}/{json}"), origin);
    let mut file = json_file(json, value, origin);
    if let Content::Json(j) = &mut file.content {
        j.spec_parts = parts;
    }
    vec![p.file(m.properties, origin), file]
}

/// A JSON file of the configuration, pretty-printed, located at spec key `origin`.
pub(crate) fn json_file(rel: &str, value: serde_json::Value, origin: &str) -> File {
    File {
        rel: rel.to_owned(),
        at: Origin::Spec(origin.to_owned()),
        content: Content::Json(Box::new(crate::model::JsonFile::written(
            value,
            crate::model::TopicOrigin::Spec(origin.to_owned()),
        ))),
    }
}
