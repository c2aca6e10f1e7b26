//! Rules over the spec's own values: names, limits, secret references and literal secrets,
//! and the few spec values the model cannot show. The Trino rules run over the model
//! (`crate::rules`).

use crate::diagnostic::{Diagnostic, Location};
use crate::load::LoadedSpec;
use crate::memory::{self, Role};
use crate::rules;
use crate::spec::{Catalog, ExchangeManager, IcebergCatalog, PropertyValue, SecretRef, Spec};
use crate::units::human_bytes;

const GIB: u64 = 1024 * 1024 * 1024;

/// Collects diagnostics with locations resolved against the spec source.
pub struct Ctx<'a> {
    pub source: &'a str,
    pub loaded: &'a LoadedSpec,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    pub fn new(source: &'a str, loaded: &'a LoadedSpec) -> Self {
        Ctx {
            source,
            loaded,
            diagnostics: Vec::new(),
        }
    }

    pub fn at(&self, path: &str) -> Location {
        self.loaded.spans.locate(self.source, path)
    }

    pub fn push(&mut self, path: &str, d: Diagnostic) {
        let location = self.at(path);
        self.diagnostics.push(d.at(location));
    }
}

/// Runs every spec rule.
pub fn validate(ctx: &mut Ctx<'_>) {
    let spec = &ctx.loaded.spec;
    names(ctx, spec);
    crate::kubernetes_names::check(ctx, spec);
    limits(ctx, spec);
    secrets(ctx, spec);
    spec_only(ctx, spec);
}

/// Spec values that the model cannot show: per-node percentages for a release that does not
/// read them, names of Kafka schemas and tables, and base directories with a comma (which
/// would split in the file).
fn spec_only(ctx: &mut Ctx<'_>, spec: &Spec) {
    if spec.cluster.trino_version < memory::PERCENT_SIZES_SINCE {
        for (key, n) in [
            ("coordinator", spec.coordinator.node()),
            ("workers", spec.workers.node()),
        ] {
            for (field, setting) in [
                ("query_max_memory_per_node", n.query_max_memory_per_node),
                ("heap_headroom_per_node", n.heap_headroom_per_node),
            ] {
                if let Some(crate::values::HeapSize::Percent(_)) = setting {
                    ctx.push(
                        &format!("{key}.{field}"),
                        Diagnostic::new(&rules::SPEC_INVALID_VALUE, format!("Trino {} does not accept a percentage here; percentages need Trino {} or later", spec.cluster.trino_version, memory::PERCENT_SIZES_SINCE))
                            .help("write a data size such as `10GB`"),
                    );
                }
            }
        }
    }
    if let Some(em) = spec.fault_tolerance.exchange_manager() {
        // The storage is the spec's choice; Trino goes by the scheme of the directories.
        let allowed: &[&str] = match em {
            ExchangeManager::S3 { .. } => &["s3"],
            ExchangeManager::Gcs { .. } => &["gs"],
            ExchangeManager::Azure { .. } => &["abfs", "abfss"],
            ExchangeManager::Hdfs { .. } => &["hdfs"],
            ExchangeManager::Local { .. } => &["file", ""],
        };
        for (i, dir) in em.base_directories().iter().enumerate() {
            let scheme = dir.split_once("://").map_or("", |(s, _)| s);
            if !allowed.contains(&scheme) {
                let example = match em.storage() {
                    "s3" => "s3://bucket/exchange",
                    "gcs" => "gs://bucket/exchange",
                    "azure" => "abfss://container@account.dfs.core.windows.net/exchange",
                    "hdfs" => "hdfs://namenode:8020/exchange",
                    _ => "/data/trino/exchange",
                };
                ctx.push(
                    &format!("fault_tolerance.exchange_manager.base_directories[{i}]"),
                    Diagnostic::new(
                        &rules::EXCHANGE_BASE_DIRECTORIES,
                        format!(
                            "`{}` has scheme `{scheme}`, which {} exchange storage cannot read",
                            printable(dir),
                            em.storage()
                        ),
                    )
                    .help(format!("write it like `{example}`")),
                );
            }
            if dir.contains(',') {
                ctx.push(
                    &format!("fault_tolerance.exchange_manager.base_directories[{i}]"),
                    Diagnostic::new(&rules::EXCHANGE_BASE_DIRECTORIES, format!("`{}` holds a comma; in the file it would split into two base directories", printable(dir)))
                        .help("list each base directory as its own element"),
                );
            }
        }
    }
    for (name, catalog) in &spec.catalogs {
        let Catalog::Kafka(k) = catalog else { continue };
        let p = format!("catalogs.{name}");
        let mut bad_name = |path: String, what: &str, value: &str| {
            if !is_trino_identifier(value) {
                ctx.push(
                    &path,
                    Diagnostic::new(
                        &rules::SPEC_INVALID_NAME,
                        format!("{what} `{}` is not valid", printable(value)),
                    )
                    .help("use lowercase letters, digits and `_`; Trino lowercases names"),
                );
            }
        };
        if let Some(schema) = &k.default_schema {
            bad_name(format!("{p}.default_schema"), "schema name", schema);
        }
        for (ti, topic) in k.topics.iter().enumerate() {
            let tp = format!("{p}.topics[{ti}]");
            bad_name(format!("{tp}.table"), "table name", &topic.table);
            if let Some(schema) = &topic.schema {
                bad_name(format!("{tp}.schema"), "schema name", schema);
            }
        }
    }
}

/// RFC 1123 label: lowercase alphanumerics and `-`, starting and ending alphanumeric.
pub fn is_dns_label(s: &str, max: usize) -> bool {
    !s.is_empty()
        && s.len() <= max
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// `[a-z0-9][_a-z0-9]*`: Trino's `node.environment`, and the form trinocfg requires of
/// catalog, schema and table names.
pub fn is_trino_identifier(s: &str) -> bool {
    let mut bytes = s.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && s.len() <= 128
}

fn is_env_name(s: &str) -> bool {
    let mut bytes = s.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && s.len() <= 200
}

/// A container path: absolute, printable, no `..`.
fn is_container_path(s: &str) -> bool {
    s.starts_with('/')
        && s.len() <= 1024
        && !s.split('/').any(|seg| seg == "..")
        && s.chars()
            .all(|c| !c.is_control() && c != '\\' && c != ' ' && c != ':')
}

fn names(ctx: &mut Ctx<'_>, spec: &Spec) {
    let name = &spec.cluster.name;
    if !is_dns_label(name, 40) {
        ctx.push(
            "cluster.name",
            Diagnostic::new(
                &rules::SPEC_INVALID_NAME,
                format!("cluster name `{}` is not a valid Kubernetes name", printable(name)),
            )
            .help("use 1–40 lowercase letters, digits and `-`, starting and ending with a letter or digit, e.g. `analytics`"),
        );
    }
    let env = &spec.cluster.environment;
    if !is_trino_identifier(env) {
        ctx.push(
            "cluster.environment",
            Diagnostic::new(
                &rules::SPEC_INVALID_NAME,
                format!(
                    "environment `{}` does not match Trino's `[a-z0-9][_a-z0-9]*`",
                    printable(env)
                ),
            )
            .help("use lowercase letters, digits and `_`, e.g. `production`"),
        );
    }
    for (key, value) in [
        ("cluster.config_root", &spec.cluster.config_root),
        ("cluster.data_dir", &spec.cluster.data_dir),
    ] {
        if !is_container_path(value) {
            ctx.push(
                key,
                Diagnostic::new(&rules::SPEC_INVALID_VALUE, format!("`{}` is not an absolute container path", printable(value)))
                    .help("use an absolute path without spaces, `:`, `\\`, `..` or control characters, e.g. `/etc/trino`"),
            );
        }
    }
    for (catalog, _) in &spec.catalogs {
        if !is_trino_identifier(catalog) || catalog == "system" {
            let why = if catalog == "system" {
                "is reserved by Trino"
            } else {
                "is not a valid catalog name"
            };
            ctx.push(
                &format!("catalogs.{catalog}"),
                Diagnostic::new(&rules::SPEC_INVALID_NAME, format!("catalog name `{}` {why}", printable(catalog)))
                    .help("catalog names become file names and SQL identifiers: use lowercase letters, digits and `_`, e.g. `lakehouse`"),
            );
        }
    }
    if let Some(ns) = &spec.kubernetes.namespace {
        if !is_dns_label(ns, 63) {
            ctx.push(
                "kubernetes.namespace",
                Diagnostic::new(
                    &rules::SPEC_INVALID_NAME,
                    format!(
                        "namespace `{}` is not a valid Kubernetes name",
                        printable(ns)
                    ),
                )
                .help("use lowercase letters, digits and `-`"),
            );
        }
    }
    if let Some(image) = &spec.kubernetes.image {
        if image.is_empty()
            || image.len() > 512
            || image.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            ctx.push(
                "kubernetes.image",
                Diagnostic::new(
                    &rules::SPEC_INVALID_VALUE,
                    "the image reference is empty or contains whitespace",
                )
                .help("write an image reference such as `trinodb/trino:482`"),
            );
        }
    }
    if !["Always", "IfNotPresent", "Never"].contains(&spec.kubernetes.image_pull_policy.as_str()) {
        ctx.push(
            "kubernetes.image_pull_policy",
            Diagnostic::new(
                &rules::SPEC_INVALID_VALUE,
                format!(
                    "`{}` is not an image pull policy",
                    printable(&spec.kubernetes.image_pull_policy)
                ),
            )
            .help("use `Always`, `IfNotPresent` or `Never`"),
        );
    }
    for (key, value) in &spec.kubernetes.labels {
        let ok_key = !key.is_empty()
            && key.len() <= 253
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
        let ok_value = value.len() <= 63
            && value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
        if !ok_key || !ok_value {
            ctx.push(
                &format!("kubernetes.labels.{key}"),
                Diagnostic::new(&rules::SPEC_INVALID_NAME, format!("label `{}` is not a valid Kubernetes label", printable(key)))
                    .help("label keys and values use letters, digits, `-`, `_` and `.`; values at most 63 characters"),
            );
        }
    }
}

/// Field-local bounds, declared on the spec types with `validator`.
fn field_bounds(ctx: &mut Ctx<'_>, spec: &Spec) {
    use validator::Validate;
    let mut results = vec![
        ("cluster".to_owned(), spec.cluster.validate()),
        ("workers".to_owned(), spec.workers.validate()),
    ];
    for (name, catalog) in &spec.catalogs {
        if let Catalog::Tpch(t) | Catalog::Tpcds(t) = catalog {
            results.push((format!("catalogs.{name}"), t.validate()));
        }
    }
    for (prefix, result) in results {
        let Err(errors) = result else { continue };
        let mut fields: Vec<_> = errors.field_errors().into_iter().collect();
        fields.sort_by(|a, b| a.0.cmp(&b.0));
        for (field, errs) in fields {
            for e in errs {
                let value = e
                    .params
                    .get("value")
                    .map(ToString::to_string)
                    .unwrap_or_default();
                let message = e.message.as_deref().unwrap_or("out of range");
                ctx.push(
                    &format!("{prefix}.{field}"),
                    Diagnostic::new(
                        &rules::SPEC_LIMIT,
                        format!("`{field}` = {value}: {message}"),
                    )
                    .help("use a value in range"),
                );
            }
        }
    }
}

fn limits(ctx: &mut Ctx<'_>, spec: &Spec) {
    field_bounds(ctx, spec);
    if spec.workers.count == 0 && !spec.coordinator.schedules_work {
        ctx.push(
            "workers.count",
            Diagnostic::new(
                &rules::SPEC_LIMIT,
                "no workers, and the coordinator does not schedule work: no query can run",
            )
            .help(
                "add workers, or set `coordinator.schedules_work = true` for a single-node cluster",
            ),
        );
    }
    for (role, n) in [
        (Role::Coordinator, spec.coordinator.node()),
        (Role::Worker, spec.workers.node()),
    ] {
        if role == Role::Worker && spec.workers.count == 0 {
            continue;
        }
        let key = role.spec_key();
        if n.memory.0 < GIB || n.memory.0 > 64 * 1024 * GIB {
            ctx.push(
                &format!("{key}.memory"),
                Diagnostic::new(
                    &rules::SPEC_LIMIT,
                    format!(
                        "{} memory of {} is outside 1Gi–64Ti",
                        role.as_str(),
                        human_bytes(n.memory.0)
                    ),
                )
                .help("Trino needs at least a few GiB per node; use e.g. `16Gi`"),
            );
        }
        if n.cpu.0 == 0 || n.cpu.0 > 1024 * 1000 {
            ctx.push(
                &format!("{key}.cpu"),
                Diagnostic::new(
                    &rules::SPEC_LIMIT,
                    format!(
                        "{} CPU must be above 0 and at most 1024 cores",
                        role.as_str()
                    ),
                )
                .help("use e.g. `cpu = 4`"),
            );
        }
    }
}

/// Every secret reference of the spec with its key path.
pub fn secret_refs(spec: &Spec) -> Vec<(String, &SecretRef)> {
    let mut out = Vec::new();
    if let Some(s) = &spec.cluster.shared_secret {
        out.push(("cluster.shared_secret".to_owned(), s));
    }
    fn props<'s>(
        out: &mut Vec<(String, &'s SecretRef)>,
        prefix: &str,
        map: &'s indexmap::IndexMap<String, PropertyValue>,
    ) {
        for (k, v) in map {
            if let PropertyValue::Secret(s) = v {
                let path = if prefix.is_empty() {
                    format!("properties.\"{k}\"")
                } else {
                    format!("{prefix}.properties.\"{k}\"")
                };
                out.push((path, s));
            }
        }
    }
    props(&mut out, "", &spec.properties);
    props(&mut out, "coordinator", &spec.coordinator.properties);
    props(&mut out, "workers", &spec.workers.properties);
    if let Some(em) = spec.fault_tolerance.exchange_manager() {
        let p = "fault_tolerance.exchange_manager";
        match em {
            ExchangeManager::S3 {
                access_key,
                secret_key,
                ..
            } => {
                if let Some(s) = access_key {
                    out.push((format!("{p}.access_key"), s));
                }
                if let Some(s) = secret_key {
                    out.push((format!("{p}.secret_key"), s));
                }
            }
            ExchangeManager::Gcs {
                json_key: Some(s), ..
            } => out.push((format!("{p}.json_key"), s)),
            ExchangeManager::Azure {
                connection_string: Some(s),
                ..
            } => out.push((format!("{p}.connection_string"), s)),
            _ => {}
        }
        props(&mut out, p, em.properties());
    }
    for (name, catalog) in &spec.catalogs {
        let p = format!("catalogs.{name}");
        fn storage<'s>(
            out: &mut Vec<(String, &'s SecretRef)>,
            p: &str,
            s3: &'s Option<crate::spec::S3Storage>,
            gcs: &'s Option<crate::spec::GcsStorage>,
            azure: &'s Option<crate::spec::AzureStorage>,
        ) {
            if let Some(s3) = s3 {
                if let Some(s) = &s3.access_key {
                    out.push((format!("{p}.s3.access_key"), s));
                }
                if let Some(s) = &s3.secret_key {
                    out.push((format!("{p}.s3.secret_key"), s));
                }
            }
            if let Some(s) = gcs.as_ref().and_then(|g| g.json_key.as_ref()) {
                out.push((format!("{p}.gcs.json_key"), s));
            }
            if let Some(s) = azure.as_ref().and_then(|a| a.access_key.as_ref()) {
                out.push((format!("{p}.azure.access_key"), s));
            }
        }
        match catalog {
            Catalog::Hive(h) => storage(&mut out, &p, &h.s3, &h.gcs, &h.azure),
            Catalog::Iceberg(i) => {
                storage(&mut out, &p, &i.s3, &i.gcs, &i.azure);
                match &i.catalog {
                    IcebergCatalog::Rest { token: Some(s), .. } => {
                        out.push((format!("{p}.catalog.token"), s))
                    }
                    IcebergCatalog::Jdbc {
                        password: Some(s), ..
                    } => out.push((format!("{p}.catalog.password"), s)),
                    _ => {}
                }
            }
            Catalog::Mysql(j) | Catalog::Postgresql(j) => {
                if let Some(s) = &j.password {
                    out.push((format!("{p}.password"), s));
                }
            }
            _ => {}
        }
        props(&mut out, &p, catalog.properties());
    }
    out
}

/// Whether a property key names a credential (`connection-password`, `s3.aws-secret-key`, …).
pub fn is_sensitive_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    let last = k.rsplit('.').next().unwrap_or(&k);
    [
        "password",
        "secret",
        "token",
        "credential",
        "access-key",
        "secret-key",
        "json-key",
        "connection-string",
        "private-key",
        "api-key",
        "sas-token",
    ]
    .iter()
    .any(|w| last.contains(w))
        && !last.ends_with("-path")
        && !last.ends_with("-file")
        && !last.ends_with("-type")
        && !last.ends_with("-enabled")
        && !last.ends_with("-provider")
        && !last.ends_with("-user")
}

fn secrets(ctx: &mut Ctx<'_>, spec: &Spec) {
    for (path, secret) in secret_refs(spec) {
        match secret {
            SecretRef::Literal { .. } => ctx.push(
                &path,
                Diagnostic::new(&rules::LITERAL_SECRET, format!("`{path}` holds a literal secret; it would end up in a ConfigMap"))
                    .help("reference a Kubernetes Secret, `{ secret = \"name\", key = \"key\" }`, or an environment variable, `{ env = \"VAR\" }`"),
            ),
            SecretRef::Kubernetes { secret, key, env } => {
                if !is_dns_subdomain(secret) {
                    ctx.push(&path, Diagnostic::new(&rules::SPEC_INVALID_NAME, format!("`{}` is not a valid Kubernetes Secret name", printable(secret))).help("use lowercase letters, digits, `-` and `.`"));
                }
                if key.is_empty() || key.len() > 253 || !key.chars().all(|c| c.is_ascii_alphanumeric() || "-._".contains(c)) {
                    ctx.push(&path, Diagnostic::new(&rules::SPEC_INVALID_NAME, format!("`{}` is not a valid Secret key", printable(key))).help("Secret keys use letters, digits, `-`, `_` and `.`"));
                }
                if let Some(env) = env {
                    if !is_env_name(env) {
                        ctx.push(&path, Diagnostic::new(&rules::SPEC_INVALID_NAME, format!("`{}` is not a valid environment variable name", printable(env))).help("use letters, digits and `_`, not starting with a digit"));
                    }
                }
            }
            SecretRef::Env { env } => {
                if !is_env_name(env) {
                    ctx.push(&path, Diagnostic::new(&rules::SPEC_INVALID_NAME, format!("`{}` is not a valid environment variable name", printable(env))).help("use letters, digits and `_`, not starting with a digit"));
                }
            }
        }
    }
    // Literal credentials in escape-hatch properties.
    let mut maps: Vec<(String, &indexmap::IndexMap<String, PropertyValue>)> = vec![
        ("properties".into(), &spec.properties),
        (
            "coordinator.properties".into(),
            &spec.coordinator.properties,
        ),
        ("workers.properties".into(), &spec.workers.properties),
    ];
    if let Some(em) = spec.fault_tolerance.exchange_manager() {
        maps.push((
            "fault_tolerance.exchange_manager.properties".into(),
            em.properties(),
        ));
    }
    for (name, c) in &spec.catalogs {
        maps.push((format!("catalogs.{name}.properties"), c.properties()));
    }
    for (prefix, map) in maps {
        for (key, value) in map {
            if let PropertyValue::Text(text) = value {
                if is_sensitive_key(key) && !text.is_empty() && !text.contains("${") {
                    ctx.push(
                        &format!("{prefix}.\"{key}\""),
                        Diagnostic::new(&rules::LITERAL_SECRET, format!("property `{key}` holds a literal credential; it would end up in a ConfigMap"))
                            .help(format!("write `\"{key}\" = {{ secret = \"name\", key = \"key\" }}` or `{{ env = \"VAR\" }}` instead")),
                    );
                }
            }
        }
    }
}

fn is_dns_subdomain(s: &str) -> bool {
    !s.is_empty() && s.len() <= 253 && s.split('.').all(|l| is_dns_label(l, 63))
}

/// A string shortened and with control characters escaped, safe to show in a message.
pub fn printable(s: &str) -> String {
    let mut out: String = s.chars().take(80).flat_map(char::escape_debug).collect();
    if s.chars().count() > 80 {
        out.push('…');
    }
    out
}
