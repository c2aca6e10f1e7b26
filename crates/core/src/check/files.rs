//! Rules of single files: every key against the property catalogue, values against their
//! types, placeholders, literal credentials, `jvm.config`, `log.properties`, `node.properties`.

use std::collections::HashSet;

use super::placeholders::{self, Placeholder};
use super::{NodeConfig, SourceFile};
use crate::catalogue::{catalogue, check_value, Lookup, Scope, ValueKind};
use crate::diagnostic::{Diagnostic, Location};
use crate::jvm_config::{self, JvmSummary};
use crate::memory::Role;
use crate::properties::{self, Entry, PropertiesFile};
use crate::rules;
use crate::validate::{is_sensitive_key, printable};

/// A parsed properties file.
pub struct Parsed<'a> {
    pub file: &'a SourceFile,
    pub props: PropertiesFile,
}

impl<'a> Parsed<'a> {
    fn new(file: &'a SourceFile, out: &mut Vec<Diagnostic>) -> Self {
        let props = properties::parse(&file.text);
        for e in &props.errors {
            out.push(
                Diagnostic::new(
                    &rules::MALFORMED_FILE,
                    format!("{}: {}", file.file_name(), e.message),
                )
                .at(file.locate(e.span.clone(), None))
                .help("correct the escape; Java stops loading the file here"),
            );
        }
        Parsed { file, props }
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.props.get(key)
    }

    /// The value as airlift reads it (trimmed).
    pub fn value(&self, key: &str) -> Option<&str> {
        self.entry(key).map(|e| e.value.trim())
    }

    pub fn at_key(&self, entry: &Entry) -> Location {
        self.file.locate(entry.key_span.clone(), Some(&entry.key))
    }

    pub fn at_value(&self, entry: &Entry) -> Location {
        let span = if entry.value_span.is_empty() {
            entry.key_span.clone()
        } else {
            entry.value_span.clone()
        };
        self.file.locate(span, Some(&entry.key))
    }

    /// Where to point about `key`: its value if set, else the file.
    pub fn at(&self, key: &str) -> Location {
        self.entry(key)
            .map_or_else(|| self.file.locate_file(), |e| self.at_value(e))
    }
}

/// A catalog file.
pub struct CatalogFile<'a> {
    pub name: String,
    pub connector: Option<String>,
    pub parsed: Parsed<'a>,
}

/// What the cross-file rules need of one node.
pub struct Analyzed<'a> {
    pub node: &'a NodeConfig,
    pub role: Role,
    pub config: Option<Parsed<'a>>,
    pub jvm: Option<(&'a SourceFile, JvmSummary)>,
    pub exchange: Option<Parsed<'a>>,
    pub catalogs: Vec<CatalogFile<'a>>,
    /// Kafka topic description files (`*.json`).
    pub json: Vec<&'a SourceFile>,
}

pub fn analyze<'a>(node: &'a NodeConfig, out: &mut Vec<Diagnostic>) -> Analyzed<'a> {
    let config = node.file("config.properties").map(|f| Parsed::new(f, out));
    let role = node.role.unwrap_or_else(|| {
        let coordinator = config
            .as_ref()
            .and_then(|c| c.value("coordinator"))
            .is_none_or(|v| !v.eq_ignore_ascii_case("false"));
        if coordinator {
            Role::Coordinator
        } else {
            Role::Worker
        }
    });
    let mut analyzed = Analyzed {
        node,
        role,
        config,
        jvm: None,
        exchange: None,
        catalogs: Vec::new(),
        json: Vec::new(),
    };
    if let Some(config) = &analyzed.config {
        check_keys(config, Scope::Server, role, &[], node, out);
    }
    for file in &node.files {
        let rel = file.rel.as_str();
        match rel {
            "config.properties" => {}
            "node.properties" => node_properties(&Parsed::new(file, out), node, out),
            "log.properties" => log_properties(&Parsed::new(file, out), out),
            "jvm.config" => analyzed.jvm = Some((file, jvm(file, out))),
            "exchange-manager.properties" => {
                let parsed = Parsed::new(file, out);
                exchange_manager(&parsed, node, out);
                analyzed.exchange = Some(parsed);
            }
            _ if rel.starts_with("catalog/")
                && rel.ends_with(".properties")
                && !rel["catalog/".len()..].contains('/') =>
            {
                analyzed.catalogs.push(catalog(file, node, out));
            }
            // Only topic descriptions: access-control rules and resource groups are JSON too.
            _ if rel.ends_with(".json")
                && (file.text.contains("\"tableName\"") || file.text.contains("\"topicName\"")) =>
            {
                analyzed.json.push(file)
            }
            _ if rel.ends_with(".properties") && !rel.contains('/') => {
                plugin_file(&Parsed::new(file, out), node, out)
            }
            _ => {}
        }
    }
    analyzed
}

/// Keys every loader consumes itself, outside the plugin's configuration classes.
const LOADER_KEYS: &[&str] = &[
    "connector.name",
    "exchange-manager.name",
    "access-control.name",
    "password-authenticator.name",
    "header-authenticator.name",
    "certificate-authenticator.name",
    "group-provider.name",
    "event-listener.name",
    "spooling-manager.name",
    "resource-groups.configuration-manager",
    "session-property-config.configuration-manager",
    "catalog-store.name",
];

/// Checks every key of a file against the catalogue for `scope`. `ignore` lists keys checked
/// elsewhere.
fn check_keys(
    parsed: &Parsed<'_>,
    scope: Scope<'_>,
    role: Role,
    ignore: &[&str],
    node: &NodeConfig,
    out: &mut Vec<Diagnostic>,
) {
    let cat = catalogue();
    let keys: HashSet<&str> = parsed
        .props
        .entries
        .iter()
        .map(|e| e.key.as_str())
        .collect();
    let mut seen: HashSet<&str> = HashSet::new();
    let file_name = parsed.file.file_name();
    for entry in &parsed.props.entries {
        let key = entry.key.as_str();
        if !seen.insert(key) {
            out.push(
                Diagnostic::new(
                    &rules::DUPLICATE_PROPERTY,
                    format!(
                        "`{}` is set more than once in {file_name}; the last value wins",
                        printable(key)
                    ),
                )
                .at(parsed.at_key(entry))
                .help("remove the earlier line"),
            );
        }
        placeholders_and_secrets(parsed, entry, node, true, out);
        if LOADER_KEYS.contains(&key) || ignore.contains(&key) {
            continue;
        }
        let value = entry.value.trim();
        match cat.lookup(key, scope) {
            Lookup::Known(info) => {
                if role == Role::Worker && info.coordinator_only && scope == Scope::Server {
                    out.push(
                        Diagnostic::new(&rules::COORDINATOR_ONLY, format!("`{key}` is read only by the coordinator; a worker fails with \"Configuration property '{key}' was not used\""))
                            .at(parsed.at_key(entry))
                            .help("remove it from the workers' config.properties"),
                    );
                }
                check_entry_value(parsed, entry, &info.kind, out);
                if info.deprecated {
                    out.push(
                        Diagnostic::new(
                            &rules::DEPRECATED_PROPERTY,
                            format!("`{key}` is deprecated"),
                        )
                        .at(parsed.at_key(entry))
                        .help("check the Trino documentation for its replacement"),
                    );
                }
                if info.security_sensitive {
                    literal_credential(parsed, entry, out);
                }
            }
            Lookup::Legacy {
                replacement,
                release,
                ..
            } => {
                let when = release.map(|r| format!(" ({r})")).unwrap_or_default();
                if keys.contains(replacement.as_ref()) {
                    out.push(
                        Diagnostic::new(&rules::LEGACY_AND_REPLACEMENT, format!("`{key}` and its replacement `{replacement}` are both set; Trino refuses to start"))
                            .at(parsed.at_key(entry))
                            .help(format!("remove `{key}`")),
                    );
                } else {
                    out.push(
                        Diagnostic::new(
                            &rules::LEGACY_PROPERTY,
                            format!("`{key}` has been replaced by `{replacement}`{when}"),
                        )
                        .at(parsed.at_key(entry))
                        .help(format!("rename it to `{replacement}`")),
                    );
                }
                // The legacy setter may take another type than its replacement
                // (`exchange.compression-enabled=true` for `exchange.compression-codec`): the
                // value is not judged by the replacement's type.
            }
            Lookup::Defunct { release } => {
                let when = release.map(|r| format!(" ({r})")).unwrap_or_default();
                let help = defunct_help(key);
                out.push(
                    Diagnostic::new(&rules::REMOVED_PROPERTY, format!("`{key}` was removed from Trino{when}; startup fails with \"Defunct property '{key}' cannot be configured\""))
                        .at(parsed.at_key(entry))
                        .help(help),
                );
            }
            Lookup::Removed {
                replacement,
                release,
            } => {
                let when = release.map(|r| format!(" ({r})")).unwrap_or_default();
                let help = match replacement {
                    Some(r)
                        if r.starts_with("s3.")
                            || r.starts_with("azure.")
                            || r.starts_with("gcs.") =>
                    {
                        let fs = r.split('.').next().unwrap_or("s3");
                        format!("use `{r}` with `fs.{fs}.enabled=true`")
                    }
                    Some(r) => format!("use `{r}`"),
                    None => "remove it".to_owned(),
                };
                out.push(
                    Diagnostic::new(&rules::REMOVED_PROPERTY, format!("`{key}` no longer exists{when}; Trino fails with \"Configuration property '{key}' was not used\""))
                        .at(parsed.at_key(entry))
                        .help(help),
                );
            }
            Lookup::WrongScope { scopes, .. } => {
                let (message, help) = wrong_scope(key, scope, &scopes);
                out.push(
                    Diagnostic::new(&rules::PROPERTY_WRONG_FILE, message)
                        .at(parsed.at_key(entry))
                        .help(help),
                );
            }
            Lookup::Unknown {
                suggestion,
                complete_scope,
            } => {
                if complete_scope {
                    let help = match suggestion {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "remove it; Trino does not read this key".to_owned(),
                    };
                    out.push(
                        Diagnostic::new(&rules::UNKNOWN_PROPERTY, format!("unknown property `{}`: Trino fails with \"Configuration property '{}' was not used\"", printable(key), printable(key)))
                            .at(parsed.at_key(entry))
                            .help(help),
                    );
                }
            }
        }
        if value.is_empty() && !entry.key.is_empty() {
            let typed = match cat.lookup(key, scope) {
                Lookup::Known(info) => !matches!(info.kind, ValueKind::String),
                _ => false,
            };
            if !typed {
                out.push(
                    Diagnostic::new(
                        &rules::EMPTY_PROPERTY_VALUE,
                        format!("`{}` has an empty value", printable(key)),
                    )
                    .at(parsed.at_key(entry))
                    .help("give a value, or remove the line to get the default"),
                );
            }
        }
    }
}

fn defunct_help(key: &str) -> String {
    match key {
        "query.max-total-memory-per-node" => {
            "remove it; `query.max-memory-per-node` is the one per-node limit since release 369"
                .into()
        }
        k if k.starts_with("hive.s3select-pushdown") => {
            "remove it; S3 Select support was removed".into()
        }
        _ => "remove it".into(),
    }
}

fn wrong_scope(key: &str, scope: Scope<'_>, scopes: &[&str]) -> (String, String) {
    let connectors: Vec<&str> = scopes
        .iter()
        .filter_map(|s| s.strip_prefix("connector:"))
        .collect();
    let here = match scope {
        Scope::Server => "config.properties".to_owned(),
        Scope::Connector(c) => format!("a `{c}` catalog"),
        Scope::ExchangeManager(_) => "exchange-manager.properties".to_owned(),
        Scope::Other(o) => format!("a `{o}` file"),
    };
    let there = if scopes.contains(&"server") {
        "config.properties".to_owned()
    } else if !connectors.is_empty() {
        let shown: Vec<&str> = connectors.iter().take(4).copied().collect();
        let more = if connectors.len() > 4 { ", …" } else { "" };
        format!("a catalog file of connector {}{more}", shown.join(", "))
    } else if let Some(em) = scopes.iter().find(|s| s.starts_with("exchange-manager:")) {
        let _ = em;
        "exchange-manager.properties".to_owned()
    } else {
        format!(
            "the file of {}",
            scopes.first().copied().unwrap_or("another plugin")
        )
    };
    (
        format!("`{key}` is not read in {here}; it belongs in {there}. Trino fails with \"Configuration property '{key}' was not used\""),
        format!("move it to {there}"),
    )
}

fn check_entry_value(
    parsed: &Parsed<'_>,
    entry: &Entry,
    kind: &ValueKind,
    out: &mut Vec<Diagnostic>,
) {
    let value = entry.value.trim();
    if let Err(why) = check_value(kind, value) {
        out.push(
            Diagnostic::new(
                &rules::INVALID_PROPERTY_VALUE,
                format!("invalid value for `{}`: {why}", entry.key),
            )
            .at(parsed.at_value(entry))
            .help(format!("`{}` takes: {kind}", entry.key)),
        );
    }
}

fn literal_credential(parsed: &Parsed<'_>, entry: &Entry, out: &mut Vec<Diagnostic>) {
    let value = entry.value.trim();
    if value.is_empty() || value.contains("${") {
        return;
    }
    if out
        .iter()
        .any(|d| d.code == rules::LITERAL_CREDENTIAL.code && d.location == parsed.at_value(entry))
    {
        return;
    }
    out.push(
        Diagnostic::new(
            &rules::LITERAL_CREDENTIAL,
            format!(
                "`{}` holds a literal credential in {}",
                entry.key,
                parsed.file.file_name()
            ),
        )
        .at(parsed.at_value(entry))
        .help(format!(
            "write `{}=${{ENV:NAME}}` and set NAME from a Kubernetes Secret",
            entry.key
        )),
    );
}

fn placeholders_and_secrets(
    parsed: &Parsed<'_>,
    entry: &Entry,
    node: &NodeConfig,
    resolved_here: bool,
    out: &mut Vec<Diagnostic>,
) {
    if is_sensitive_key(&entry.key) {
        literal_credential(parsed, entry, out);
    }
    for p in placeholders::scan(&entry.value) {
        match p {
            Placeholder::Malformed(text) => out.push(
                Diagnostic::new(&rules::MALFORMED_PLACEHOLDER, format!("`{}` is not a placeholder Trino resolves; the value is used literally", printable(text)))
                    .at(parsed.at_value(entry))
                    .help("write `${ENV:NAME}`"),
            ),
            _ if !resolved_here => out.push(
                Diagnostic::new(&rules::PLACEHOLDER_PROVIDER, format!("placeholders are not resolved in {}", parsed.file.file_name()))
                    .at(parsed.at_value(entry))
                    .help("write the value itself here"),
            ),
            Placeholder::Other { provider } => out.push(
                Diagnostic::new(&rules::PLACEHOLDER_PROVIDER, format!("`${{{provider}:...}}` needs a secrets plugin and etc/secrets.toml; only ENV is built in"))
                    .at(parsed.at_value(entry))
                    .help("use `${ENV:NAME}` with the variable from a Secret"),
            ),
            Placeholder::Env(name) => {
                if let Some(env) = &node.env {
                    if !env.iter().any(|e| e == name) {
                        out.push(
                            Diagnostic::new(&rules::ENV_NOT_PROVIDED, format!("`${{ENV:{name}}}` names a variable the {} container does not define", node.label))
                                .at(parsed.at_value(entry))
                                .help(format!("add `{name}` to the container's env, from a Secret with secretKeyRef")),
                        );
                    }
                }
            }
        }
    }
}

fn node_properties(parsed: &Parsed<'_>, node: &NodeConfig, out: &mut Vec<Diagnostic>) {
    for entry in &parsed.props.entries {
        placeholders_and_secrets(parsed, entry, node, true, out);
    }
    // System properties are not trimmed.
    if let Some(e) = parsed.entry("node.environment") {
        if !crate::validate::is_trino_identifier(&e.value) {
            out.push(
                Diagnostic::new(
                    &rules::NODE_PROPERTIES,
                    format!(
                        "node.environment `{}` does not match `[a-z0-9][_a-z0-9]*`",
                        printable(&e.value)
                    ),
                )
                .at(parsed.at_value(e))
                .help("use lowercase letters, digits and `_` (no trailing spaces)"),
            );
        }
    }
    if let Some(e) = parsed.entry("node.id") {
        let ok = e
            .value
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && e.value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !ok && !e.value.contains("${") {
            out.push(
                Diagnostic::new(
                    &rules::NODE_PROPERTIES,
                    format!(
                        "node.id `{}` does not match `[A-Za-z0-9][_A-Za-z0-9-]*`",
                        printable(&e.value)
                    ),
                )
                .at(parsed.at_value(e))
                .help(
                    "use letters, digits, `_` and `-`; or leave node.id unset for a generated one",
                ),
            );
        }
    }
}

fn log_properties(parsed: &Parsed<'_>, out: &mut Vec<Diagnostic>) {
    let levels = catalogue().log_levels();
    for entry in &parsed.props.entries {
        let value = entry.value.trim();
        if value.contains("${") {
            out.push(
                Diagnostic::new(
                    &rules::PLACEHOLDER_PROVIDER,
                    "placeholders are not resolved in log.properties",
                )
                .at(parsed.at_value(entry))
                .help("write the level itself"),
            );
            continue;
        }
        if !levels.iter().any(|l| l.eq_ignore_ascii_case(value)) {
            out.push(
                Diagnostic::new(
                    &rules::LOG_LEVEL,
                    format!("`{}` is not a log level", printable(value)),
                )
                .at(parsed.at_value(entry))
                .help(format!("use one of {}", levels.join(", "))),
            );
        }
    }
}

fn jvm(file: &SourceFile, out: &mut Vec<Diagnostic>) -> JvmSummary {
    let options = jvm_config::parse(&file.text);
    let summary = jvm_config::summarize(&options);
    for (line, message) in &summary.invalid {
        out.push(
            Diagnostic::new(&rules::INVALID_JVM_OPTION, format!("jvm.config: {message}"))
                .at(file.locate_line(*line, None))
                .help("correct the option; the JVM will not start"),
        );
    }
    for option in &options {
        if option.text.contains("${") {
            out.push(
                Diagnostic::new(
                    &rules::PLACEHOLDER_PROVIDER,
                    "placeholders are not resolved in jvm.config",
                )
                .at(file.locate(option.span.clone(), None))
                .help("write the value itself"),
            );
        }
    }
    let invalid_heap = summary.invalid.iter().any(|(_, m)| {
        m.contains("-Xmx") || m.contains("MaxRAMPercentage") || m.contains("MaxHeapSize")
    });
    if summary.max_heap.is_none() && summary.max_ram_percentage.is_none() && !invalid_heap {
        out.push(
            Diagnostic::new(
                &rules::NO_HEAP_SIZE,
                "jvm.config sets no heap size; the JVM takes a quarter of the memory",
            )
            .at(file.locate_file())
            .help("add `-Xmx` (70–85% of the node's memory) or `-XX:MaxRAMPercentage=80`"),
        );
    }
    if let (Some((_, xmx_line)), Some((_, pct_line))) =
        (summary.max_heap, summary.max_ram_percentage)
    {
        out.push(
            Diagnostic::new(&rules::XMX_AND_RAM_PERCENTAGE, "jvm.config has both -Xmx and -XX:MaxRAMPercentage; the JVM uses -Xmx and ignores the percentage")
                .at(file.locate_line(pct_line.max(xmx_line), None))
                .help("keep only one of them"),
        );
    }
    if summary.gc_enabled.len() > 1 {
        let names: Vec<&str> = summary.gc_enabled.iter().map(|(n, _)| n.as_str()).collect();
        out.push(
            Diagnostic::new(
                &rules::GARBAGE_COLLECTOR,
                format!(
                    "several garbage collectors are enabled ({}); the JVM will not start",
                    names.join(", ")
                ),
            )
            .severity(crate::Severity::Error)
            .at(file.locate_line(summary.gc_enabled.last().map_or(1, |(_, l)| *l), None))
            .help("keep only -XX:+UseG1GC"),
        );
    } else if let Some((name, line)) = &summary.gc {
        if name != "G1" {
            out.push(
                Diagnostic::new(
                    &rules::GARBAGE_COLLECTOR,
                    format!(
                        "the {name} garbage collector; Trino is tuned for G1 and warns at startup"
                    ),
                )
                .at(file.locate_line(*line, None))
                .help("remove the flag; G1 is the default"),
            );
        }
    }
    summary
}

fn exchange_manager(parsed: &Parsed<'_>, node: &NodeConfig, out: &mut Vec<Diagnostic>) {
    let name = parsed.value("exchange-manager.name");
    let name = match name {
        None => {
            out.push(
                Diagnostic::new(&rules::EXCHANGE_MANAGER_NAME, "exchange-manager.properties has no `exchange-manager.name`; Trino refuses to start")
                    .at(parsed.file.locate_file())
                    .help("add `exchange-manager.name=filesystem`"),
            );
            "filesystem"
        }
        Some(n @ ("filesystem" | "hdfs")) => n,
        Some(other) => {
            let e = parsed.entry("exchange-manager.name").expect("present");
            out.push(
                Diagnostic::new(
                    &rules::EXCHANGE_MANAGER_NAME,
                    format!("exchange manager `{}` is not registered", printable(other)),
                )
                .at(parsed.at_value(e))
                .help("use `filesystem` (S3, GCS, Azure, local) or `hdfs`"),
            );
            return;
        }
    };
    check_keys(
        parsed,
        Scope::ExchangeManager(name),
        Role::Coordinator,
        &[],
        node,
        out,
    );
    let dirs_key = if parsed.entry("exchange.base-directories").is_some() {
        "exchange.base-directories"
    } else {
        "exchange.base-directory"
    };
    let Some(dirs) = parsed.value(dirs_key) else {
        out.push(
            Diagnostic::new(&rules::EXCHANGE_BASE_DIRECTORIES, "the exchange manager has no `exchange.base-directories`: \"At least one base directory needs to be configured\"")
                .at(parsed.file.locate_file())
                .help("add `exchange.base-directories=s3://bucket/exchange`"),
        );
        return;
    };
    let dirs: Vec<&str> = dirs
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .collect();
    let at = parsed.at(dirs_key);
    if dirs.is_empty() {
        out.push(
            Diagnostic::new(
                &rules::EXCHANGE_BASE_DIRECTORIES,
                "`exchange.base-directories` is empty",
            )
            .at(at.clone())
            .help("list at least one base directory"),
        );
        return;
    }
    let mut schemes: Vec<String> = dirs
        .iter()
        .map(|d| {
            d.split_once("://")
                .map_or(String::new(), |(s, _)| s.to_ascii_lowercase())
        })
        .collect();
    schemes.dedup();
    if schemes.len() > 1 {
        out.push(Diagnostic::new(&rules::EXCHANGE_BASE_DIRECTORIES, "base directories of several schemes: \"Multiple schemes in exchange base directories\"").at(at.clone()).help("use one storage for all base directories"));
        return;
    }
    let scheme = schemes[0].as_str();
    let storage = match (name, scheme) {
        ("hdfs", "hdfs") => "hdfs",
        ("hdfs", _) => {
            out.push(
                Diagnostic::new(
                    &rules::EXCHANGE_BASE_DIRECTORIES,
                    format!("the hdfs exchange manager cannot use `{scheme}://` directories"),
                )
                .at(at)
                .help("use `hdfs://` base directories, or `exchange-manager.name=filesystem`"),
            );
            return;
        }
        (_, "s3" | "gs") => "s3",
        (_, "abfs" | "abfss") => "azure",
        (_, "" | "file") => "local",
        (_, other) => {
            out.push(
                Diagnostic::new(&rules::EXCHANGE_BASE_DIRECTORIES, format!("\"Scheme {other} is not supported as exchange spooling storage in exchange manager type filesystem\""))
                    .at(at)
                    .help("use `s3://`, `gs://`, `abfs://`, `abfss://` or a local path"),
            );
            return;
        }
    };
    if storage == "s3"
        && parsed.value("exchange.s3.region").is_none()
        && parsed.value("exchange.s3.endpoint").is_none()
    {
        let help = if scheme == "gs" {
            "add `exchange.s3.endpoint=https://storage.googleapis.com`"
        } else {
            "add `exchange.s3.region=us-east-1` (or `exchange.s3.endpoint`)"
        };
        out.push(
            Diagnostic::new(
                &rules::EXCHANGE_S3_REGION,
                "\"Either exchange.s3.region or exchange.s3.endpoint is expected to be set\"",
            )
            .at(at.clone())
            .help(help),
        );
    }
    for entry in &parsed.props.entries {
        let needs = if entry.key.starts_with("exchange.s3.") {
            Some(("s3", "an `s3://` or `gs://`"))
        } else if entry.key.starts_with("exchange.azure.") {
            Some(("azure", "an `abfs://` or `abfss://`"))
        } else if entry.key.starts_with("exchange.gcs.") {
            Some(("s3", "a `gs://`"))
        } else {
            None
        };
        if let Some((wanted, what)) = needs {
            if wanted != storage {
                out.push(
                    Diagnostic::new(&rules::PROPERTY_NEEDS_SWITCH, format!("`{}` is only read with {what} base directory; Trino fails with \"not used\"", entry.key))
                        .at(parsed.at_key(entry))
                        .help("remove it, or change the base directories"),
                );
            }
        }
    }
}

/// Lakehouse connectors, which read the native file system properties.
const LAKEHOUSE: &[&str] = &["hive", "iceberg", "delta_lake", "hudi", "lakehouse"];
const JDBC: &[&str] = &[
    "mysql",
    "postgresql",
    "mariadb",
    "oracle",
    "sqlserver",
    "redshift",
    "singlestore",
    "clickhouse",
    "snowflake",
    "exasol",
    "ignite",
    "druid",
    "duckdb",
];

fn is_true(parsed: &Parsed<'_>, keys: &[&str]) -> bool {
    keys.iter().any(|k| {
        parsed
            .value(k)
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    })
}

fn catalog<'a>(
    file: &'a SourceFile,
    node: &NodeConfig,
    out: &mut Vec<Diagnostic>,
) -> CatalogFile<'a> {
    let parsed = Parsed::new(file, out);
    let name = file.file_name().trim_end_matches(".properties").to_owned();
    if name != name.to_lowercase() {
        out.push(
            Diagnostic::new(
                &rules::CATALOG_FILE_NAME,
                format!(
                    "catalog file `{}`: \"catalogName is not lowercase\"",
                    file.file_name()
                ),
            )
            .at(file.locate_file())
            .help(format!("rename it to `{}.properties`", name.to_lowercase())),
        );
    } else if name == "system" {
        out.push(
            Diagnostic::new(
                &rules::CATALOG_FILE_NAME,
                "`system` is reserved for Trino's system catalog",
            )
            .at(file.locate_file())
            .help("rename the file"),
        );
    }
    let cat = catalogue();
    let connector = match parsed.entry("connector.name") {
        None => {
            out.push(
                Diagnostic::new(
                    &rules::CONNECTOR_NAME,
                    format!("catalog `{name}` has no `connector.name`; the catalog fails to load"),
                )
                .at(file.locate_file())
                .help("add `connector.name=` with the connector, e.g. `hive`"),
            );
            None
        }
        Some(e) => {
            let raw = e.value.trim();
            let normalized = raw.replace('-', "_");
            if raw == "hive-hadoop2" {
                out.push(Diagnostic::new(&rules::CONNECTOR_NAME, "connector `hive-hadoop2` was renamed `hive` in release 408: \"No factory for connector 'hive-hadoop2'\"").at(parsed.at_value(e)).help("use `connector.name=hive`"));
                None
            } else if !cat.is_connector(&normalized) {
                let connectors: Vec<&str> = cat.connectors().collect();
                let help = match crate::suggest::closest(&normalized, connectors.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "use an installed connector such as hive, iceberg, postgresql or kafka"
                        .to_owned(),
                };
                out.push(
                    Diagnostic::new(
                        &rules::CONNECTOR_NAME,
                        format!(
                            "unknown connector `{}`: \"No factory for connector\"",
                            printable(raw)
                        ),
                    )
                    .at(parsed.at_value(e))
                    .help(help),
                );
                None
            } else {
                Some(normalized)
            }
        }
    };
    if let Some(c) = &connector {
        check_keys(
            &parsed,
            Scope::Connector(c),
            Role::Coordinator,
            &[],
            node,
            out,
        );
        switches(&parsed, c, out);
        required(&parsed, &name, c, out);
    } else {
        for entry in &parsed.props.entries {
            placeholders_and_secrets(&parsed, entry, node, true, out);
        }
    }
    CatalogFile {
        name,
        connector,
        parsed,
    }
}

/// Keys only read when a switch selects their module.
fn switches(parsed: &Parsed<'_>, connector: &str, out: &mut Vec<Diagnostic>) {
    let mut need = |entry: &Entry, switch: &str| {
        out.push(
            Diagnostic::new(&rules::PROPERTY_NEEDS_SWITCH, format!("`{}` is only read with `{switch}`; Trino fails with \"Configuration property '{}' was not used\"", entry.key, entry.key))
                .at(parsed.at_key(entry))
                .help(format!("add `{switch}`, or remove the property")),
        );
    };
    let lakehouse = LAKEHOUSE.contains(&connector);
    let iceberg_type = parsed
        .value("iceberg.catalog.type")
        .map(str::to_ascii_lowercase);
    let metastore = parsed.value("hive.metastore").map(str::to_ascii_lowercase);
    for entry in &parsed.props.entries {
        let key = entry.key.as_str();
        if lakehouse {
            for fs in ["s3", "gcs", "azure"] {
                if key.starts_with(&format!("{fs}."))
                    && !is_true(
                        parsed,
                        &[
                            &format!("fs.{fs}.enabled"),
                            &format!("fs.native-{fs}.enabled"),
                        ],
                    )
                {
                    need(entry, &format!("fs.{fs}.enabled=true"));
                }
            }
            let glue =
                metastore.as_deref() == Some("glue") || iceberg_type.as_deref() == Some("glue");
            let thrift = if connector == "iceberg" {
                iceberg_type
                    .as_deref()
                    .is_none_or(|t| t == "hive_metastore")
            } else {
                metastore.as_deref().is_none_or(|m| m == "thrift")
            };
            if (key == "hive.metastore.uri" || key.starts_with("hive.metastore.thrift.")) && !thrift
            {
                need(
                    entry,
                    if connector == "iceberg" {
                        "iceberg.catalog.type=hive_metastore"
                    } else {
                        "hive.metastore=thrift"
                    },
                );
            }
            if key.starts_with("hive.metastore.glue.") && !glue {
                need(
                    entry,
                    if connector == "iceberg" {
                        "iceberg.catalog.type=glue"
                    } else {
                        "hive.metastore=glue"
                    },
                );
            }
        }
        if connector == "iceberg" {
            for (prefix, kind) in [
                ("iceberg.rest-catalog.", "rest"),
                ("iceberg.jdbc-catalog.", "jdbc"),
                ("iceberg.nessie-catalog.", "nessie"),
            ] {
                if key.starts_with(prefix) && iceberg_type.as_deref() != Some(kind) {
                    need(entry, &format!("iceberg.catalog.type={kind}"));
                }
            }
        }
        if connector == "kafka" {
            let supplier = parsed
                .value("kafka.table-description-supplier")
                .map(str::to_ascii_lowercase);
            let file_supplier = supplier.as_deref().is_none_or(|s| s == "file");
            if (key == "kafka.table-names" || key == "kafka.table-description-dir")
                && !file_supplier
            {
                need(entry, "kafka.table-description-supplier=file");
            }
            if key.starts_with("kafka.confluent-") && supplier.as_deref() != Some("confluent") {
                need(entry, "kafka.table-description-supplier=confluent");
            }
        }
        if JDBC.contains(&connector) && (key == "connection-user" || key == "connection-password") {
            let inline = parsed
                .value("credential-provider.type")
                .is_none_or(|t| t.eq_ignore_ascii_case("inline"));
            if !inline {
                need(entry, "credential-provider.type=INLINE");
            }
        }
    }
}

/// Settings a connector cannot load without.
fn required(parsed: &Parsed<'_>, name: &str, connector: &str, out: &mut Vec<Diagnostic>) {
    let mut missing = |key: &str, example: &str| {
        if parsed.entry(key).is_none() {
            out.push(
                Diagnostic::new(
                    &rules::CATALOG_SETTINGS,
                    format!("catalog `{name}` ({connector}) lacks `{key}`; it fails to load"),
                )
                .at(parsed.file.locate_file())
                .help(format!("add `{key}={example}`")),
            );
        }
    };
    match connector {
        "hive" | "delta_lake" | "hudi"
            if parsed
                .value("hive.metastore")
                .is_none_or(|m| m.eq_ignore_ascii_case("thrift")) =>
        {
            missing("hive.metastore.uri", "thrift://metastore:9083");
        }
        "iceberg" => match parsed
            .value("iceberg.catalog.type")
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            None | Some("hive_metastore") => {
                missing("hive.metastore.uri", "thrift://metastore:9083")
            }
            Some("rest") => missing("iceberg.rest-catalog.uri", "http://rest-catalog:8181"),
            Some("jdbc") => missing(
                "iceberg.jdbc-catalog.connection-url",
                "jdbc:postgresql://db:5432/iceberg",
            ),
            Some("nessie") => missing("iceberg.nessie-catalog.uri", "http://nessie:19120/api/v2"),
            _ => {}
        },
        "kafka" => missing("kafka.nodes", "kafka:9092"),
        c if JDBC.contains(&c) && c != "duckdb" && c != "snowflake" => {
            missing("connection-url", "jdbc:...")
        }
        _ => {}
    }
}

/// Other plugin files (`access-control.properties`, `password-authenticator.properties`, ...):
/// checked against the catalogue when it knows the plugin completely.
fn plugin_file(parsed: &Parsed<'_>, node: &NodeConfig, out: &mut Vec<Diagnostic>) {
    let base = parsed.file.file_name().trim_end_matches(".properties");
    let kind_key = match base {
        "resource-groups" => "resource-groups.configuration-manager".to_owned(),
        "session-property-config" => "session-property-config.configuration-manager".to_owned(),
        other => format!("{other}.name"),
    };
    let scope_id = parsed.value(&kind_key).map(|name| format!("{base}:{name}"));
    let cat = catalogue();
    match scope_id {
        Some(id)
            if cat.is_scope_known(Scope::Other(&id))
                && cat.is_scope_complete(Scope::Other(&id)) =>
        {
            check_keys(parsed, Scope::Other(&id), Role::Coordinator, &[], node, out);
        }
        _ => {
            for entry in &parsed.props.entries {
                placeholders_and_secrets(parsed, entry, node, true, out);
            }
        }
    }
}
