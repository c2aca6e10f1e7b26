//! `trinocfg import`: a spec from configuration that exists (an `etc/` tree, a `gen` output, a
//! Kubernetes stream), read into the [model](crate::model) the way `check` reads it.
//!
//! The import maps what has a typed key to it (the release, the environment, ports, container
//! memory, heap, per-node and cluster memory, retries and the exchange manager, log levels,
//! catalogs with their connector's typed keys, Kafka topics), generates from that spec, and
//! writes whatever the original sets differently as `properties` and `jvm_flags` (for both
//! roles when they agree). It then generates from the finished spec and compares every
//! property, JVM option and catalog with the original: [`Imported::differences`] lists what
//! still differs (keys trinocfg always writes, which the original left to their defaults).
//! Literal credentials are never copied: they become references to a Kubernetes Secret, named
//! in [`Imported::notes`] for the user to create.

mod catalogs;
mod compare;
pub mod doc;
mod kubernetes;
mod resource_groups;
mod security;
mod session_properties;

use crate::credentials;
use crate::diagnostic::Diagnostic;
use crate::memory::Role;
use crate::model::placeholders::{self, Placeholder};
use crate::model::{Cluster, Content, Node};
use crate::render::Rendered;
use crate::units::format_k8s_memory;
use doc::{inline, Doc, Val};

/// What an import made.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Imported {
    /// The spec, as TOML.
    pub spec: String,
    /// What the user must know: Secrets to create, values assumed, files not imported.
    pub notes: Vec<String>,
    /// What the spec generates differently from the original, file by file.
    pub differences: Vec<String>,
    /// The diagnostics of generating the spec (errors mean the spec needs editing).
    pub diagnostics: Vec<Diagnostic>,
}

/// `(key, value)` of a properties file.
type Pairs = Vec<(String, String)>;

fn pairs(node: &Node, rel: &str) -> Option<Pairs> {
    node.properties(rel).map(crate::model::Properties::to_pairs)
}

fn get<'a>(p: &'a Pairs, key: &str) -> Option<&'a str> {
    p.iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn jvm_options(node: &Node) -> Vec<String> {
    match node.file("jvm.config").map(|f| &f.content) {
        Some(Content::Jvm(j)) => j.options.iter().map(|o| o.text.clone()).collect(),
        _ => Vec::new(),
    }
}

/// What one import is building.
struct Import<'a> {
    cluster_name: String,
    coordinator: &'a Node,
    worker: Option<&'a Node>,
    notes: Vec<String>,
}

/// An element of an array of tables the import writes: its keys and values.
type Entries = Vec<(String, Val)>;

/// Elements of the spec's arrays of tables, each with its header, or why the spec cannot write
/// them.
type Tables = Result<Vec<(&'static str, Entries)>, String>;

/// A plugin whose file manager's JSON the spec writes as arrays of tables.
struct FileManager {
    /// The plugin's files.
    files: crate::model::FileManager,
    /// The spec's tables, for notes.
    table: &'static str,
    /// The JSON as elements of the spec's arrays of tables, or why the spec cannot write it.
    read: fn(&serde_json::Value) -> Tables,
}

/// The file managers the spec has tables for.
const MANAGERS: [&FileManager; 2] = [&resource_groups::MANAGER, &session_properties::MANAGER];

/// A Kubernetes name from any text: lower case, `-` for anything else, at most 40 characters.
fn kube_name(text: &str) -> Option<String> {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.chars().take(40).collect();
    let out = out.trim_matches('-').to_owned();
    out.starts_with(|c: char| c.is_ascii_lowercase())
        .then_some(out)
}

impl Import<'_> {
    /// A property value as the spec writes it: a reference for a placeholder or a literal
    /// credential (the value is never copied), else the text.
    fn value(&mut self, scope: &str, key: &str, value: &str) -> Val {
        let trimmed = value.trim();
        if let [Placeholder::Env(var)] = placeholders::scan(trimmed).as_slice() {
            if trimmed == format!("${{ENV:{var}}}") {
                return self.env_secret(scope, var);
            }
        }
        if credentials::is_secret_name(key) && !trimmed.is_empty() && !trimmed.contains("${") {
            let short = scope
                .trim_start_matches("the ")
                .trim_start_matches("catalog ");
            let secret = format!(
                "{}-{}",
                self.cluster_name,
                kube_name(short).unwrap_or_default()
            )
            .trim_end_matches('-')
            .to_owned();
            self.notes.push(format!(
                "`{key}` of {scope} held a literal credential, which is not copied: create Secret `{secret}` with key `{key}` holding it (kubectl create secret generic {secret} --from-literal={key}=...)"
            ));
            return inline(&[
                ("secret", Val::Str(secret)),
                ("key", Val::Str(key.to_owned())),
            ]);
        }
        Val::Str(value.to_owned())
    }

    /// `${ENV:VAR}`: the Secret and key the pods take `VAR` from, when the input says; else a
    /// Secret named after the cluster, noted for the user to create.
    fn env_secret(&mut self, scope: &str, var: &str) -> Val {
        let known = [Some(self.coordinator), self.worker]
            .into_iter()
            .flatten()
            .filter_map(|n| n.pod.as_ref())
            .flat_map(|p| &p.secret_env)
            .find(|(v, _, _)| v == var)
            .map(|(_, s, k)| (s.clone(), k.clone()));
        let (secret, key) = known.unwrap_or_else(|| {
            let secret = format!("{}-env", self.cluster_name);
            let key = var.to_ascii_lowercase().replace('_', "-");
            self.notes.push(format!(
                "`${{ENV:{var}}}` of {scope}: the pods take it from key `{key}` of Secret `{secret}`; create it, or point the reference at your Secret"
            ));
            (secret, key)
        });
        inline(&[
            ("secret", Val::Str(secret)),
            ("key", Val::Str(key)),
            ("env", Val::Str(var.to_owned())),
        ])
    }

    /// The role tables: memory, CPU, heap and per-node memory.
    fn role(&mut self, d: &mut Doc, role: Role, node: &Node, config: &Pairs) {
        let table = role.spec_key();
        let options = jvm_options(node);
        let xmx = options
            .iter()
            .rev()
            .find_map(|o| o.strip_prefix("-Xmx"))
            .and_then(crate::jvm_config::parse_jvm_size);
        let percent = options
            .iter()
            .rev()
            .find_map(|o| o.strip_prefix("-XX:MaxRAMPercentage="))
            .map(str::to_owned);
        let container = node.container_memory.as_ref().map(|f| f.value);
        let memory = match (container, xmx) {
            (Some(m), _) => m,
            (None, Some(heap)) => {
                // A heap of 80% at most: the container rounded up to whole GiB.
                let gib = 1024 * 1024 * 1024;
                let m = (heap * 5 / 4).div_ceil(gib) * gib;
                self.notes.push(format!(
                    "the {} container memory is not known: {} assumed (the heap is {})",
                    role.as_str(),
                    format_k8s_memory(m),
                    format_k8s_memory(heap)
                ));
                m
            }
            (None, None) => {
                let m = 16 * 1024 * 1024 * 1024;
                self.notes.push(format!(
                    "the {} container memory and heap are not known: 16Gi assumed",
                    role.as_str()
                ));
                m
            }
        };
        d.set(table, "memory", Val::Str(format_k8s_memory(memory)));
        d.set(table, "cpu", Val::Int(4));
        if !self.notes.iter().any(|n| n.starts_with("CPU")) {
            self.notes.push(
                "CPU is not part of Trino's files: 4 cores assumed for each role, edit `cpu`"
                    .to_owned(),
            );
        }
        if let Some(heap) = xmx {
            d.set(table, "heap", Val::Str(format_k8s_memory(heap)));
        } else if let Some(p) = &percent {
            d.set(
                table,
                "heap",
                Val::Str(format!("{}%", p.trim_end_matches(".0"))),
            );
            d.set("jvm", "heap_style", Val::Str("ram-percentage".into()));
        }
        for (key, field) in [
            ("query.max-memory-per-node", "query_max_memory_per_node"),
            ("memory.heap-headroom-per-node", "heap_headroom_per_node"),
        ] {
            if let Some(v) = get(config, key) {
                d.set(table, field, Val::Str(v.to_owned()));
            }
        }
    }

    /// The spec's typed keys.
    fn typed(&mut self, release: u32) -> Doc {
        let mut d = Doc::default();
        let c = self.coordinator;
        let config = pairs(c, "config.properties").unwrap_or_default();
        let node = pairs(c, "node.properties").unwrap_or_default();
        d.set("cluster", "name", Val::Str(self.cluster_name.clone()));
        d.set("cluster", "trino_version", Val::Int(u64::from(release)));
        if let Some(env) = get(&node, "node.environment") {
            d.set("cluster", "environment", Val::Str(env.to_owned()));
        }
        if c.config_root != "/etc/trino" && !c.config_root.is_empty() {
            d.set("cluster", "config_root", Val::Str(c.config_root.clone()));
        }
        if let Some(dir) = get(&node, "node.data-dir") {
            d.set("cluster", "data_dir", Val::Str(dir.to_owned()));
        }
        if let Some(port) =
            get(&config, "http-server.http.port").and_then(|p| p.parse::<u64>().ok())
        {
            if port != 8080 {
                d.set("cluster", "http_port", Val::Int(port));
            }
        }
        if get(&config, "http-server.process-forwarded") == Some("true") {
            d.set("cluster", "behind_proxy", Val::Bool(true));
        }
        self.role(&mut d, Role::Coordinator, c, &config);
        if get(&config, "node-scheduler.include-coordinator") == Some("true") {
            d.set("coordinator", "schedules_work", Val::Bool(true));
        }
        if let Some(w) = self.worker {
            let wc = pairs(w, "config.properties").unwrap_or_default();
            let count = if let Some(r) = &w.replicas {
                r.value
            } else {
                self.notes
                    .push("the worker count is not known: 2 assumed".to_owned());
                2
            };
            d.set("workers", "count", Val::Int(u64::from(count)));
            self.role(&mut d, Role::Worker, w, &wc);
        } else {
            if get(&config, "node-scheduler.include-coordinator") == Some("true") {
                d.set("workers", "count", Val::Int(0));
            } else {
                self.notes.push(
                    "the input has no worker configuration: 2 workers like the coordinator assumed, edit `[workers]`"
                        .to_owned(),
                );
                d.set("workers", "count", Val::Int(2));
            }
            for k in ["memory", "cpu"] {
                if let Some(v) = d.get("coordinator", k).cloned() {
                    d.set("workers", k, v);
                }
            }
        }
        for (key, field) in [
            ("query.max-memory", "query_max_memory"),
            ("query.max-total-memory", "query_max_total_memory"),
        ] {
            if let Some(v) = get(&config, key) {
                d.set("memory", field, Val::Str(v.to_owned()));
            }
        }
        if let Some(policy) = get(&config, "retry-policy") {
            let policy = policy.to_ascii_lowercase();
            if policy != "none" {
                d.set("fault_tolerance", "retry_policy", Val::Str(policy));
                self.exchange(&mut d);
            }
        }
        catalogs::typed(self, &mut d);
        security::typed(self, &mut d);
        for m in MANAGERS {
            self.file_manager(&mut d, m);
        }
        if let Some(log) = pairs(c, "log.properties") {
            for (k, v) in log {
                d.set("log_levels", &k, Val::Str(v));
            }
        }
        d
    }

    /// A plugin's file manager as spec tables, when its JSON says only what the spec writes;
    /// otherwise a note says why the JSON is not imported.
    fn file_manager(&mut self, d: &mut Doc, m: &FileManager) {
        let Some((file, j)) = self.coordinator.plugin_json(&m.files) else {
            return;
        };
        let Ok(value) = &j.value else {
            return;
        };
        match (m.read)(value) {
            Ok(tables) => {
                for (header, entries) in tables {
                    d.push(header, entries);
                }
                self.notes.push(format!(
                    "`{}` and `{}` become {}",
                    m.files.properties, file.rel, m.table
                ));
            }
            Err(why) => self.notes.push(format!(
                "`{}` is not imported: {why}; write it in the spec's {} by hand",
                file.rel, m.table
            )),
        }
    }

    /// `[fault_tolerance.exchange_manager]`: its storage and base directories.
    fn exchange(&mut self, d: &mut Doc) {
        let Some(e) = pairs(self.coordinator, "exchange-manager.properties") else {
            return;
        };
        let table = "fault_tolerance.exchange_manager";
        let dirs: Vec<String> = get(&e, "exchange.base-directories")
            .unwrap_or_default()
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        let first = dirs.first().map_or("", String::as_str);
        let storage = if get(&e, "exchange-manager.name") == Some("hdfs") {
            "hdfs"
        } else if first.starts_with("s3") {
            if get(&e, "exchange.s3.endpoint") == Some(crate::lower::exchange::GCS_ENDPOINT) {
                "gcs"
            } else {
                "s3"
            }
        } else if first.starts_with("gs://") {
            "gcs"
        } else if first.starts_with("abfs") {
            "azure"
        } else {
            "local"
        };
        d.set(table, "storage", Val::Str(storage.into()));
        d.set(table, "base_directories", Val::Strs(dirs));
        if storage == "s3" {
            for (key, field) in [
                ("exchange.s3.region", "region"),
                ("exchange.s3.endpoint", "endpoint"),
            ] {
                if let Some(v) = get(&e, key) {
                    d.set(table, field, Val::Str(v.to_owned()));
                }
            }
        }
    }
}

/// The model to import of those an input was read into: one; or, of a `gen` output read both
/// as its files and as its Kubernetes stream, the stream's (it also knows the containers'
/// memory and the worker count). Two models both read from Kubernetes workloads are two
/// clusters of one stream.
///
/// # Errors
/// When there is none, or several clusters.
pub fn pick(models: &[Cluster]) -> Result<&Cluster, String> {
    let knows = |m: &Cluster| m.nodes.iter().any(|n| n.container_memory.is_some());
    let of_workloads = |m: &Cluster| m.nodes.iter().any(|n| n.pod.is_some());
    match models {
        [one] => Ok(one),
        [a, b] if !(of_workloads(a) && of_workloads(b)) => {
            Ok(if knows(b) && !knows(a) { b } else { a })
        }
        [] => Err("there is no Trino configuration to import".to_owned()),
        more => Err(format!(
            "this holds {} clusters; import one at a time (one cluster's directory or stream)",
            more.len()
        )),
    }
}

/// The coordinator and the workers of a model.
fn roles(cluster: &Cluster) -> Result<(&Node, Option<&Node>), String> {
    let coordinator = cluster
        .nodes
        .iter()
        .find(|n| n.role() == Role::Coordinator)
        .ok_or("found no coordinator (`coordinator=true`): import needs the coordinator's configuration")?;
    let worker = cluster.nodes.iter().find(|n| n.role() == Role::Worker);
    Ok((coordinator, worker))
}

/// The cluster's name: the host `discovery.uri` names (the coordinator's Service), else the
/// environment, else `trino`.
fn cluster_name(coordinator: &Node) -> String {
    let config = pairs(coordinator, "config.properties").unwrap_or_default();
    let host = get(&config, "discovery.uri").and_then(crate::kubernetes_names::service_of_uri);
    let env = pairs(coordinator, "node.properties")
        .and_then(|p| get(&p, "node.environment").map(str::to_owned));
    host.filter(|h| *h != "localhost")
        .and_then(kube_name)
        .or_else(|| env.as_deref().and_then(kube_name))
        .unwrap_or_else(|| "trino".to_owned())
}

/// Imports a model read from existing configuration; `origin` names it in the spec's header.
///
/// # Errors
///
/// When the model has no coordinator.
pub fn from_cluster(cluster: &Cluster, origin: &str) -> Result<Imported, String> {
    let (coordinator, worker) = roles(cluster)?;
    let mut import = Import {
        cluster_name: cluster_name(coordinator),
        coordinator,
        worker,
        notes: Vec::new(),
    };
    let release = cluster.target.release;
    if cluster.target.source == crate::model::TargetSource::Newest {
        import.notes.push(format!(
            "nothing in the input names its Trino release: {release} (the newest trinocfg knows) assumed; give --trino-version"
        ));
    }
    let mut d = import.typed(release);
    kubernetes::typed(&mut import, &mut d, cluster);
    let header = vec![format!(
        "Imported by `trinocfg import` from {origin} (Trino {release})."
    )];
    // Generate from the typed keys, then write what the original sets differently.
    embedded_env(&mut import, &mut d);
    let first = crate::generate(&d.text(&header));
    if let Some(out) = &first.output {
        overrides(&mut import, &mut d, out);
    }
    embedded_env(&mut import, &mut d);
    let spec = d.text(&header);
    let outcome = crate::generate(&spec);
    // Files the import does not read, unless the spec writes them alike (the workers' access
    // control of graceful shutdown).
    for (role, node) in [
        (Role::Coordinator, Some(coordinator)),
        (Role::Worker, worker),
    ] {
        for f in node.map(|n| n.files.as_slice()).unwrap_or_default() {
            // The same file, or the same JSON under another name (the chart's
            // `access-control/graceful-shutdown-rules.json` is the spec's
            // `shutdown-access-rules.json`).
            let json = matches!(f.content, Content::Json(_));
            let alike = outcome.output.as_ref().is_some_and(|out| {
                out.roles()
                    .filter(|r| r.role == role)
                    .flat_map(|r| r.files.iter())
                    .any(|g| (json || g.rel == f.rel) && same_content(f, g))
            });
            if !imported_file(&f.rel) && !alike && !import.notes.iter().any(|n| n.contains(&f.rel))
            {
                import
                    .notes
                    .push(format!("`{}` is not imported: {}", f.rel, by_hand(&f.rel)));
            }
        }
    }
    let differences = outcome
        .output
        .as_ref()
        .map(|out| compare::compare(cluster, out))
        .unwrap_or_default();
    let mut notes: Vec<String> = Vec::new();
    for n in import.notes {
        if !notes.contains(&n) {
            notes.push(n);
        }
    }
    Ok(Imported {
        spec,
        notes,
        differences,
        diagnostics: outcome.diagnostics,
    })
}

/// `${ENV:NAME}` inside a longer value (a URL) cannot be a reference of its own: the pods get
/// such variables from a Secret named after the cluster, through `envFrom`.
fn embedded_env(import: &mut Import<'_>, d: &mut Doc) {
    let names = placeholders::env_names(d.strings());
    if names.is_empty() {
        return;
    }
    let secret = format!("{}-env", import.cluster_name);
    import.notes.retain(|n| !n.contains("inside longer values"));
    import.notes.push(format!(
        "{} inside longer values: the pods take them from Secret `{secret}` (envFrom); create it with those keys",
        names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
    ));
    d.set("kubernetes", "env_from", Val::Strs(vec![secret]));
}

/// Files the import reads into the spec.
fn imported_file(rel: &str) -> bool {
    matches!(
        rel,
        "config.properties"
            | "jvm.config"
            | "node.properties"
            | "log.properties"
            | "exchange-manager.properties"
            | "spooling-manager.properties"
    ) || rel.starts_with("catalog/")
        || rel.starts_with("kafka/")
        || rel.ends_with(".json") && catalogs::is_topic_dir(rel)
}

/// What to do about a file import does not read: where the spec writes its settings, or that
/// it has none for them.
fn by_hand(rel: &str) -> String {
    let base = rel.split('/').next().unwrap_or(rel);
    if let Some(m) = MANAGERS
        .iter()
        .find(|m| base.starts_with(m.files.properties.trim_end_matches(".properties")))
    {
        format!("write it in the spec's {} by hand", m.table)
    } else if [
        "access-control",
        "password-authenticator",
        "header-authenticator",
        "certificate-authenticator",
        "group-provider",
        "auth",
    ]
    .iter()
    .any(|p| base.starts_with(p))
    {
        "write its settings in the spec by hand (see the README's Security section)".to_owned()
    } else {
        "the spec has no keys for it; deliver the file beside the generated configuration yourself (on Kubernetes, a ConfigMap or Secret mounted at its path)".to_owned()
    }
}

/// The generated file of a role.
fn generated<'a>(out: &'a Rendered, role: Role, rel: &str) -> Option<&'a crate::model::File> {
    out.roles()
        .find(|r| r.role == role)
        .and_then(|r| r.files.iter().find(|f| f.rel == rel))
}

/// Whether two files say the same: the same properties, or the same JSON value.
fn same_content(original: &crate::model::File, written: &crate::model::File) -> bool {
    match (&original.content, &written.content) {
        (Content::Properties(mine), Content::Properties(theirs)) => {
            let sorted = |p: &crate::model::Properties| {
                let mut pairs = p.to_pairs();
                pairs.sort();
                pairs
            };
            sorted(mine) == sorted(theirs)
        }
        (Content::Json(mine), Content::Json(theirs)) => {
            matches!((&mine.value, &theirs.value), (Ok(left), Ok(right)) if left == right)
        }
        _ => false,
    }
}

fn generated_pairs(out: &Rendered, role: Role, rel: &str) -> Pairs {
    generated(out, role, rel)
        .and_then(crate::model::File::properties)
        .map(crate::model::Properties::to_pairs)
        .unwrap_or_default()
}

/// What the original sets that the typed keys do not generate: `(key, value)` in the
/// original's order. A literal credential the typed keys already made a reference is not.
fn missing(original: &Pairs, generated: &Pairs) -> Pairs {
    original
        .iter()
        .filter(|(k, v)| match get(generated, k) {
            Some(g) if g == v => false,
            Some(g) => !(g.starts_with("${ENV:") && credentials::is_secret_name(k)),
            None => true,
        })
        .cloned()
        .collect()
}

/// Writes the original's other settings as `properties` and `jvm_flags`.
fn overrides(import: &mut Import<'_>, d: &mut Doc, out: &Rendered) {
    let mut per_role: Vec<(Role, Pairs, Vec<String>)> = Vec::new();
    for (role, node) in [
        (Role::Coordinator, Some(import.coordinator)),
        (Role::Worker, import.worker),
    ] {
        let Some(node) = node else { continue };
        let original = pairs(node, "config.properties").unwrap_or_default();
        let mut config = missing(&original, &generated_pairs(out, role, "config.properties"));
        if d.get("security.tls", "keystore").is_some() {
            config.retain(|(k, _)| !security::MOVED.contains(&k.as_str()));
        }
        let generated_jvm: Vec<String> =
            match generated(out, role, "jvm.config").map(|f| &f.content) {
                Some(Content::Jvm(j)) => j.options.iter().map(|o| o.text.clone()).collect(),
                _ => Vec::new(),
            };
        let flags: Vec<String> = jvm_options(node)
            .into_iter()
            .filter(|o| !generated_jvm.contains(o))
            .collect();
        per_role.push((role, config, flags));
    }
    let both = |key: &str, value: &str| {
        per_role.len() == 2
            && per_role
                .iter()
                .all(|(_, p, _)| p.iter().any(|(k, v)| k == key && v == value))
    };
    let mut shared: Pairs = Vec::new();
    if let Some((_, first, _)) = per_role.first() {
        shared = first.iter().filter(|(k, v)| both(k, v)).cloned().collect();
    }
    for (k, v) in &shared {
        let val = import.value("the cluster", k, v);
        d.set("properties", k, val);
    }
    let shared_flags: Vec<String> = match per_role.as_slice() {
        [(_, _, a), (_, _, b)] => a.iter().filter(|f| b.contains(f)).cloned().collect(),
        _ => Vec::new(),
    };
    if !shared_flags.is_empty() {
        d.set("jvm", "flags", Val::Strs(shared_flags.clone()));
    }
    for (role, config, flags) in &per_role {
        let table = format!("{}.properties", role.spec_key());
        for (k, v) in config {
            if !shared.iter().any(|(sk, _)| sk == k) {
                let val = import.value(&format!("the {}", role.as_str()), k, v);
                d.set(&table, k, val);
            }
        }
        let own: Vec<String> = flags
            .iter()
            .filter(|f| !shared_flags.contains(f))
            .cloned()
            .collect();
        if !own.is_empty() {
            d.set(role.spec_key(), "jvm_flags", Val::Strs(own));
        }
    }
    if let Some(e) = pairs(import.coordinator, "exchange-manager.properties") {
        let generated = generated_pairs(out, Role::Coordinator, "exchange-manager.properties");
        for (k, v) in missing(&e, &generated) {
            let val = import.value("the exchange manager", &k, &v);
            d.set("fault_tolerance.exchange_manager.properties", &k, val);
        }
    }
    catalogs::overrides(import, d, out);
    security::overrides(import, d, out);
}
