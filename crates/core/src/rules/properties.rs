//! Properties against the catalogue of the target release: unknown, removed, legacy and
//! deprecated keys, values of the wrong type, keys in the wrong file or only read behind a
//! switch, duplicates, empty values, and files Java cannot read.

declare! {
    UNKNOWN_PROPERTY = "TP001", "unknown-property", Error,
        "A configuration property Trino does not know.",
        "Trino refuses to start (or to load the catalog): \"Configuration property '...' was not \
used\".\n\nFix: use the property the help line suggests, or remove the line.";
    REMOVED_PROPERTY = "TP002", "removed-property", Error,
        "A property that Trino has removed (defunct).",
        "Defunct properties fail startup (\"Defunct property '...' cannot be configured\"), \
removed ones fail as unused. Old guides still use many of them, e.g. \
`query.max-total-memory-per-node` (removed in 369) and the `hive.s3.*` legacy file system \
(removed in 481).\n\nFix: remove the property or use its replacement.";
    LEGACY_PROPERTY = "TP003", "legacy-property", Warning,
        "A property under its old name.",
        "Trino accepts the old name with a warning (\"Configuration property '...' has been \
replaced\") and may drop it in a later release.\n\nFix: use the new name.";
    INVALID_PROPERTY_VALUE = "TP004", "invalid-property-value", Error,
        "A value that does not parse for the property's type.",
        "Trino refuses to start: \"Invalid value '...' for type ...\". Data sizes need a unit \
from B, kB, MB, GB, TB, PB (`16G` is not one), durations one from ns, us, ms, s, m, h, d, \
booleans are `true` or `false`.\n\nFix: write the value in the form the message names.";
    DUPLICATE_PROPERTY = "TP005", "duplicate-property", Warning,
        "A property set twice in one file.",
        "Java's Properties keeps the last value silently; the first line is dead and misleads \
readers.\n\nFix: remove one of the lines.";
    EMPTY_PROPERTY_VALUE = "TP006", "empty-property-value", Warning,
        "A property with an empty value.",
        "An empty value fails for typed properties and is rarely meant for text ones.\n\n\
Fix: give the value, or remove the line to get the default.";
    PROPERTY_WRONG_FILE = "TP007", "property-in-wrong-file", Error,
        "A property that belongs in another file.",
        "Each file is read by its own component: a server property in a catalog file, or a \
connector property in `config.properties`, is \"not used\" and fails startup.\n\nFix: move \
the property to the file the message names.";
    COORDINATOR_ONLY = "TP008", "coordinator-only-on-worker", Error,
        "A coordinator-only property on a worker.",
        "Classes such as the web UI, query monitor and topology-aware scheduling are not bound \
on workers (`coordinator=false`), so their properties fail there as \"not used\".\n\nFix: \
remove the property from the worker's `config.properties`.";
    PROPERTY_NEEDS_SWITCH = "TP009", "property-needs-switch", Error,
        "A property whose feature is not switched on.",
        "Some properties are only read when a switch selects their module: `s3.*` needs \
`fs.s3.enabled=true` (`fs.native-s3.enabled=true` before Trino 481), the legacy file system's \
`hive.s3.*`, `hive.gcs.*` and `hive.azure.*` need `fs.hadoop.enabled=true` from Trino 458 (its \
default became `false`), `hive.metastore.glue.*` needs `hive.metastore=glue`, \
`iceberg.rest-catalog.*` needs `iceberg.catalog.type=rest`, `exchange.s3.*` needs an `s3://` \
base directory. Otherwise startup fails with \"not used\".\n\nFix: turn the switch on, or \
remove the property.";
    DEPRECATED_PROPERTY = "TP010", "deprecated-property", Warning,
        "A deprecated property.",
        "Trino warns at startup and will remove it.\n\nFix: use the replacement named in the \
Trino documentation.";
    MALFORMED_FILE = "TP011", "malformed-file", Error,
        "A configuration file that does not parse.",
        "A malformed `\\uXXXX` escape stops Java's Properties loader; invalid JSON stops a Kafka \
catalog; unreadable YAML hides every file in it. A raw line or paragraph separator (U+2028, \
U+2029) or next-line character (U+0085) in YAML is a line break to a YAML 1.1 reader (PyYAML, the \
go-yaml of older kubectl) and text to a YAML 1.2 reader, so the two read different documents; a \
raw control character is refused by YAML readers.\n\nFix: correct the syntax at the position \
named; write such characters escaped in a double-quoted scalar (`\"\\u2028\"`).";
    LEGACY_AND_REPLACEMENT = "TP012", "legacy-and-replacement", Error,
        "A property set under both its old and its new name.",
        "Trino refuses to start: \"Configuration property '...' conflicts with property \
'...'\".\n\nFix: keep only the new name.";
    CHART_VALUE_UNKNOWN = "TP017", "chart-value-unknown", Warning,
        "A Helm value the Trino chart does not read.",
        "Helm renders values the chart's templates never read without a word: a misspelt \
`coordinater:` or `worker.resource:` leaves the setting it meant at the chart's default, and the \
cluster runs without it. trinocfg knows the values the chart 1.42 reads at the top level and \
below `server`, `coordinator`, `worker` and `jmx`.\n\nFix: correct the key (the closest known \
one is named), or remove it.";
}

use std::collections::HashSet;

use super::{secrets, Cx};
use crate::catalogue::{check_value, Catalogue, Lookup, Scope, ValueKind};
use crate::diagnostic::Diagnostic;
use crate::memory::Role;
use crate::model::{Content, File, Node, Properties, Property};
use crate::spec::names::printable;

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

/// Which catalogue scope a properties file of a node is read in, when it can be judged.
enum FileScope {
    /// Checked key by key against this scope.
    Keys(String),
    /// `config.properties`.
    Server,
    /// Not judged key by key (an unknown connector or plugin); placeholders and secrets only.
    Unjudged,
    /// Not a file whose keys Trino reads as configuration (`log.properties`, which the node
    /// rules check).
    Skip,
}

fn scope_of(cat: &Catalogue, file: &File, props: &Properties) -> FileScope {
    let rel = file.rel.as_str();
    match rel {
        "config.properties" => FileScope::Server,
        "log.properties" | "node.properties" => FileScope::Skip,
        "exchange-manager.properties" => {
            match super::fault_tolerance::exchange_manager_name(props) {
                Some(name) => FileScope::Keys(format!("exchange-manager:{name}")),
                None => FileScope::Unjudged,
            }
        }
        _ if crate::model::catalog_name(rel).is_some() => {
            match super::catalogs::connector_of(cat, props) {
                Some(c) => FileScope::Keys(format!("connector:{c}")),
                None => FileScope::Unjudged,
            }
        }
        _ => match plugin_scope_id(file, props) {
            Some(id)
                if cat.is_scope_known(Scope::Other(&id))
                    && cat.is_scope_complete(Scope::Other(&id)) =>
            {
                FileScope::Keys(id)
            }
            _ => FileScope::Unjudged,
        },
    }
}

/// The scope id of a plugin file at the top of the configuration directory, from its name and
/// the key that names its plugin: `password-authenticator.properties` with
/// `password-authenticator.name=ldap` is `password-authenticator:ldap`.
fn plugin_scope_id(file: &File, props: &Properties) -> Option<String> {
    let rel = file.rel.as_str();
    if !rel.ends_with(".properties") || rel.contains('/') {
        return None;
    }
    let base = file.file_name().trim_end_matches(".properties");
    // The file and the catalogue's scope are named alike, but for the session property
    // manager: `session-property-config.properties` configures `session-property-manager:file`.
    let (kind_key, kind) = match base {
        "resource-groups" => ("resource-groups.configuration-manager".to_owned(), base),
        "session-property-config" => (
            "session-property-config.configuration-manager".to_owned(),
            "session-property-manager",
        ),
        other => (format!("{other}.name"), other),
    };
    props.value(&kind_key).map(|name| format!("{kind}:{name}"))
}

/// The catalogue scope id a properties file is read in (`server`, `connector:hive`,
/// `exchange-manager:filesystem`, `password-authenticator:ldap`, ...), when it is a file Trino
/// reads as configuration and its connector or plugin is one the catalogue knows.
pub(crate) fn scope_id(cat: &Catalogue, file: &File, props: &Properties) -> Option<String> {
    match scope_of(cat, file, props) {
        FileScope::Server => Some("server".to_owned()),
        FileScope::Keys(id) => Some(id),
        FileScope::Unjudged => {
            plugin_scope_id(file, props).filter(|id| cat.is_scope_known(Scope::Other(id)))
        }
        FileScope::Skip => None,
    }
}

/// Checks every properties file of a node: readability, then every key against the catalogue
/// of the scope the file is read in.
pub(crate) fn check(cx: &mut Cx<'_>, node: &Node) {
    let role = node.role();
    for file in &node.files {
        let Content::Properties(props) = &file.content else {
            continue;
        };
        for (message, at) in &props.errors {
            let d = Diagnostic::new(&MALFORMED_FILE, format!("{}: {message}", file.file_name()))
                .at(cx.at(at, None))
                .help("correct the escape; Java stops loading the file here");
            cx.push(d);
        }
        match scope_of(cx.catalogue(), file, props) {
            FileScope::Server => check_keys(cx, node, file, props, Scope::Server, role),
            FileScope::Keys(id) => {
                let scope = Scope::parse(&id);
                check_keys(cx, node, file, props, scope, Role::Coordinator);
            }
            FileScope::Unjudged => {
                for p in &props.entries {
                    secrets::property(cx, node, file, p);
                }
            }
            FileScope::Skip => {}
        }
    }
}

/// Checks every key of a file against the catalogue for `scope`.
fn check_keys(
    cx: &mut Cx<'_>,
    node: &Node,
    file: &File,
    props: &Properties,
    scope: Scope<'_>,
    role: Role,
) {
    let cat = cx.catalogue();
    let keys: HashSet<&str> = props.entries.iter().map(|e| e.key.as_str()).collect();
    let mut seen: HashSet<&str> = HashSet::new();
    let file_name = file.file_name();
    for entry in &props.entries {
        let key = entry.key.as_str();
        if !seen.insert(key) {
            let d = Diagnostic::new(
                &DUPLICATE_PROPERTY,
                format!(
                    "`{}` is set more than once in {file_name}; the last value wins",
                    printable(key)
                ),
            )
            .at(cx.at_key(entry))
            .help("remove the earlier line");
            cx.push(d);
        }
        secrets::property(cx, node, file, entry);
        if LOADER_KEYS.contains(&key) {
            continue;
        }
        let lookup = cat.lookup(key, scope);
        match &lookup {
            Lookup::Known(info) => {
                if role == Role::Worker && info.coordinator_only && scope == Scope::Server {
                    let d = Diagnostic::new(&COORDINATOR_ONLY, format!("`{key}` is read only by the coordinator; a worker fails with \"Configuration property '{key}' was not used\""))
                        .at(cx.at_key(entry))
                        .help("remove it from the workers' config.properties");
                    cx.push(d);
                }
                check_entry_value(cx, entry, &info.kind);
                if info.deprecated {
                    let d = Diagnostic::new(&DEPRECATED_PROPERTY, format!("`{key}` is deprecated"))
                        .at(cx.at_key(entry))
                        .help("check the Trino documentation for its replacement");
                    cx.push(d);
                }
                if info.security_sensitive {
                    secrets::literal_credential(cx, file, entry);
                }
            }
            Lookup::Legacy {
                replacement,
                release,
                ..
            } => {
                let when = release.map(|r| format!(" ({r})")).unwrap_or_default();
                let d = if keys.contains(replacement.as_ref()) {
                    Diagnostic::new(&LEGACY_AND_REPLACEMENT, format!("`{key}` and its replacement `{replacement}` are both set; Trino refuses to start"))
                        .at(cx.at_key(entry))
                        .help(format!("remove `{key}`"))
                } else {
                    Diagnostic::new(
                        &LEGACY_PROPERTY,
                        format!("`{key}` has been replaced by `{replacement}`{when}"),
                    )
                    .at(cx.at_key(entry))
                    .help(format!("rename it to `{replacement}`"))
                };
                cx.push(d);
                // The legacy setter may take another type than its replacement
                // (`exchange.compression-enabled=true` for `exchange.compression-codec`): the
                // value is not judged by the replacement's type.
            }
            Lookup::Defunct { release } => {
                let when = release.map(|r| format!(" ({r})")).unwrap_or_default();
                let d = Diagnostic::new(&REMOVED_PROPERTY, format!("`{key}` was removed from Trino{when}; startup fails with \"Defunct property '{key}' cannot be configured\""))
                    .at(cx.at_key(entry))
                    .help(defunct_help(key));
                cx.push(d);
            }
            Lookup::Removed {
                replacement,
                release,
                last_read_in,
            } => {
                let when = match (release, last_read_in) {
                    (Some(r), _) => format!(" ({r})"),
                    (None, Some(last)) => format!(" (last read by Trino {last})"),
                    (None, None) => String::new(),
                };
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
                let d = Diagnostic::new(&REMOVED_PROPERTY, format!("`{key}` no longer exists{when}; Trino fails with \"Configuration property '{key}' was not used\""))
                    .at(cx.at_key(entry))
                    .help(help);
                cx.push(d);
            }
            Lookup::NotYet { since, instead } => {
                let release = cx.cluster.target.release;
                let help = match instead {
                    Some(name) => format!("Trino {release} reads `{name}` for this setting"),
                    None => format!(
                        "remove it, or target Trino {since} or later (`--trino-version {since}`)"
                    ),
                };
                let d = Diagnostic::new(&UNKNOWN_PROPERTY, format!("`{key}` is read from Trino {since} on; Trino {release} fails with \"Configuration property '{key}' was not used\""))
                    .at(cx.at_key(entry))
                    .help(help);
                cx.push(d);
            }
            Lookup::WrongScope { scopes, .. } => {
                let (message, help) = wrong_scope(key, scope, scopes);
                let d = Diagnostic::new(&PROPERTY_WRONG_FILE, message)
                    .at(cx.at_key(entry))
                    .help(help);
                cx.push(d);
            }
            Lookup::Unknown {
                suggestion,
                complete_scope,
            } => {
                if *complete_scope {
                    let help = match suggestion {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "remove it; Trino does not read this key".to_owned(),
                    };
                    let d = Diagnostic::new(&UNKNOWN_PROPERTY, format!("unknown property `{}`: Trino fails with \"Configuration property '{}' was not used\"", printable(key), printable(key)))
                        .at(cx.at_key(entry))
                        .help(help);
                    cx.push(d);
                }
            }
        }
        if entry.value.trim().is_empty() && !key.is_empty() {
            let typed =
                matches!(&lookup, Lookup::Known(info) if !matches!(info.kind, ValueKind::String));
            if !typed {
                let d = Diagnostic::new(
                    &EMPTY_PROPERTY_VALUE,
                    format!("`{}` has an empty value", printable(key)),
                )
                .at(cx.at_key(entry))
                .help("give a value, or remove the line to get the default");
                cx.push(d);
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
    } else if scopes.iter().any(|s| s.starts_with("exchange-manager:")) {
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

fn check_entry_value(cx: &mut Cx<'_>, entry: &Property, kind: &ValueKind) {
    let value = entry.value.trim();
    let Err(why) = check_value(kind, value) else {
        return;
    };
    let accepts = |release: u32| {
        crate::catalogue::catalogue_for(release)
            .property(&entry.key)
            .is_some_and(|info| check_value(&info.kind, value).is_ok())
    };
    // Between two known releases, a value the newer one takes may be taken already.
    let (older, newer) = cx.catalogue().releases();
    if older != newer && accepts(newer) {
        return;
    }
    let release = cx.cluster.target.release;
    let mut help = format!("`{}` takes: {kind}", entry.key);
    if let Some(later) = crate::catalogue::known_releases().find(|&r| r > release && accepts(r)) {
        help.push_str(&format!(
            " in Trino {release}; Trino {later} and later take `{}`",
            printable(value)
        ));
    }
    let d = Diagnostic::new(
        &INVALID_PROPERTY_VALUE,
        format!("invalid value for `{}`: {why}", entry.key),
    )
    .at(cx.at_value(entry))
    .help(help);
    cx.push(d);
}

/// Reports `entry` as only read with `switch` set.
pub(crate) fn needs_switch(cx: &mut Cx<'_>, entry: &Property, switch: &str) {
    let d = Diagnostic::new(&PROPERTY_NEEDS_SWITCH, format!("`{}` is only read with `{switch}`; Trino fails with \"Configuration property '{}' was not used\"", entry.key, entry.key))
        .at(cx.at_key(entry))
        .help(format!("add `{switch}`, or remove the property"));
    cx.push(d);
}
