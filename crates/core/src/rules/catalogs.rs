//! Catalog files: their names, their connector, the settings a connector cannot load
//! without, and keys only read behind a switch.

declare! {
    CATALOG_SETTINGS = "TC001", "catalog-settings", Error,
        "A catalog lacks a setting its connector requires, or has one that cannot work.",
        "Catalogs load after the server starts; a missing required setting makes the catalog fail \
to load and its queries fail.\n\nFix: add the setting the message names.";
    CONNECTOR_NAME = "TC003", "connector-name", Error,
        "A catalog file without `connector.name`, or with a connector Trino does not have.",
        "Catalog loading fails: `connector.name` is required, and an unknown name fails with \
\"No factory for connector\". `hive-hadoop2` was renamed `hive` in release 408. Connectors come \
and go between releases: `raptor-legacy`, `accumulo`, `atop` and `local-file` were removed after \
451, `kinesis`, `kudu` and `phoenix5` after 468; the message names the last release that \
shipped one.\n\nFix: set `connector.name` to a connector the target release ships.";
    CATALOG_FILE_NAME = "TC004", "catalog-file-name", Error,
        "A catalog file name Trino rejects.",
        "Catalog names come from file names; they must be lowercase (\"catalogName is not \
lowercase\"), and `system` is reserved.\n\nFix: rename the file, e.g. `catalog/sales.properties`.";
    DEPRECATED_CONNECTOR_NAME = "TC007", "deprecated-connector-name", Warning,
        "A connector name with `-`, such as `delta-lake`, which Trino reads as `_`.",
        "When Trino loads a catalog it replaces every `-` of `connector.name` by `_` and warns \
\"Catalog '...' is using the deprecated connector name 'delta-lake'. The correct connector name \
is 'delta_lake'\" (`StaticCatalogManager`, and the file catalog store of dynamic catalogs). \
Older guides still use `delta-lake`, the Delta Lake connector's name before it was renamed; the \
catalog works, but under a name Trino may stop accepting.\n\nFix: write the name with `_`: \
`connector.name=delta_lake`.";
}

use super::properties::needs_switch;
use super::Cx;
use crate::catalogue::{Catalogue, Lookup, Scope};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lower::catalog::storage;
use crate::model::{catalog_name, Content, File, Node, Properties};
use crate::spec::names::printable;

/// Lakehouse connectors, which read the native file system properties.
const LAKEHOUSE: &[&str] = &["hive", "iceberg", "delta_lake", "hudi", "lakehouse"];
/// JDBC connectors: `connection-url`, `connection-user`, `connection-password`.
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

/// The catalog's connector when Trino has it, normalised as Trino's catalog loading does: every
/// `-` becomes `_` (`delta-lake` → `delta_lake`, with a deprecation warning: `TC007`).
pub(crate) fn connector_of(cat: &Catalogue, props: &Properties) -> Option<String> {
    let raw = props.value("connector.name")?;
    let normalized = raw.replace('-', "_");
    (raw != "hive-hadoop2" && cat.is_connector(&normalized)).then_some(normalized)
}

/// The catalog files of a node with their properties.
pub(crate) fn catalog_files(node: &Node) -> impl Iterator<Item = (&File, &Properties)> {
    node.files.iter().filter_map(|f| match &f.content {
        Content::Properties(p) if catalog_name(&f.rel).is_some() => Some((f, p)),
        _ => None,
    })
}

/// The native object storage file systems of the lakehouse connectors.
const FILE_SYSTEMS: [&str; 3] = ["s3", "gcs", "azure"];

/// The native file system whose settings `key` is (`s3.region` → `s3`), if any.
pub(crate) fn native_file_system(key: &str) -> Option<&'static str> {
    FILE_SYSTEMS
        .into_iter()
        .find(|fs| key.strip_prefix(fs).is_some_and(|r| r.starts_with('.')))
}

/// Whether a catalog switches native file system `fs` on, under its name of any release
/// (`fs.s3.enabled`, `fs.native-s3.enabled`).
pub(crate) fn file_system_on(props: &Properties, fs: &str) -> bool {
    is_true(
        props,
        &[
            &format!("fs.{fs}.enabled"),
            &format!("fs.native-{fs}.enabled"),
        ],
    )
}

fn is_true(props: &Properties, keys: &[&str]) -> bool {
    keys.iter().any(|k| {
        props
            .value(k)
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    })
}

/// Checks every catalog file of a node.
pub(crate) fn check(cx: &mut Cx<'_>, node: &Node) {
    for (file, props) in catalog_files(node) {
        let name = file.file_name().trim_end_matches(".properties");
        file_name(cx, file, name);
        if let Some(connector) = connector(cx, file, props, name) {
            switches(cx, props, &connector);
            required(cx, file, props, name, &connector);
            jdbc(cx, props, name, &connector);
        }
    }
}

fn file_name(cx: &mut Cx<'_>, file: &File, name: &str) {
    let d = if name != name.to_lowercase() {
        Diagnostic::new(
            &CATALOG_FILE_NAME,
            format!(
                "catalog file `{}`: \"catalogName is not lowercase\"",
                file.file_name()
            ),
        )
        .help(format!("rename it to `{}.properties`", name.to_lowercase()))
    } else if name == "system" {
        Diagnostic::new(
            &CATALOG_FILE_NAME,
            "`system` is reserved for Trino's system catalog",
        )
        .help("rename the file")
    } else {
        return;
    };
    let d = d.at(cx.at(&file.at, None));
    cx.push(d);
}

fn connector(cx: &mut Cx<'_>, file: &File, props: &Properties, name: &str) -> Option<String> {
    let Some(e) = props.get("connector.name") else {
        let d = Diagnostic::new(
            &CONNECTOR_NAME,
            format!("catalog `{name}` has no `connector.name`; the catalog fails to load"),
        )
        .at(cx.at(&file.at, None))
        .help("add `connector.name=` with the connector, e.g. `hive`");
        cx.push(d);
        return None;
    };
    let raw = e.value.trim();
    if let Some(c) = connector_of(cx.catalogue(), props) {
        if raw != c {
            let d = Diagnostic::new(
                &DEPRECATED_CONNECTOR_NAME,
                format!(
                    "catalog `{name}` uses the deprecated connector name `{}`: \"The correct connector name is '{c}'\"",
                    printable(raw)
                ),
            )
            .at(cx.at_value(e))
            .help(format!("write `connector.name={c}`"));
            cx.push(d);
        }
        return Some(c);
    }
    let d = if raw == "hive-hadoop2" {
        Diagnostic::new(&CONNECTOR_NAME, "connector `hive-hadoop2` was renamed `hive` in release 408: \"No factory for connector 'hive-hadoop2'\"")
            .help("use `connector.name=hive`")
    } else if let Some(d) = connector_of_another_release(cx, raw) {
        d
    } else {
        let cat = cx.catalogue();
        let normalized = raw.replace('-', "_");
        let help = match crate::suggest::closest(&normalized, cat.connectors()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => {
                "use an installed connector such as hive, iceberg, postgresql or kafka".to_owned()
            }
        };
        Diagnostic::new(
            &CONNECTOR_NAME,
            format!(
                "unknown connector `{}`: \"No factory for connector\"",
                printable(raw)
            ),
        )
        .help(help)
    };
    let d = d.at(cx.at_value(e));
    cx.push(d);
    None
}

/// A connector the target release lacks but another known release ships: removed (`kudu`
/// after 468) or not yet there.
fn connector_of_another_release(cx: &Cx<'_>, raw: &str) -> Option<Diagnostic> {
    let cat = cx.catalogue();
    let release = cx.cluster.target.release;
    let normalized = raw.replace('-', "_");
    let shown = printable(raw);
    if let Some(last) = cat.connector_removed_after(&normalized) {
        return Some(
            Diagnostic::new(
                &CONNECTOR_NAME,
                format!(
                    "connector `{shown}` was removed after Trino {last}: Trino {release} fails with \"No factory for connector '{shown}'\""
                ),
            )
            .help(format!(
                "keep Trino {last} or older for this catalog, or move its tables to a connector Trino {release} ships"
            )),
        );
    }
    let since = cat.connector_since(&normalized)?;
    Some(
        Diagnostic::new(
            &CONNECTOR_NAME,
            format!(
                "connector `{shown}` is shipped from Trino {since} on: Trino {release} fails with \"No factory for connector '{shown}'\""
            ),
        )
        .help(format!(
            "target Trino {since} or later (`--trino-version {since}`), or remove the catalog"
        )),
    )
}

/// Whether the legacy (Hadoop) file system is on unless a catalog turns it off: the default of
/// `fs.hadoop.enabled`, `true` up to Trino 451 of the releases known and `false` from 468 on (it
/// changed in 458). A release between two known ones is judged as on unless both neighbours
/// have it off.
fn hadoop_on_by_default(cx: &Cx<'_>) -> bool {
    let (older, _) = cx.catalogue().releases();
    crate::catalogue::catalogue_for(older)
        .property("fs.hadoop.enabled")
        .and_then(|p| p.default)
        != Some("false")
}

/// Keys only read when a switch selects their module.
fn switches(cx: &mut Cx<'_>, props: &Properties, connector: &str) {
    let lakehouse = LAKEHOUSE.contains(&connector);
    let iceberg_type = props
        .value("iceberg.catalog.type")
        .map(str::to_ascii_lowercase);
    let metastore = props.value("hive.metastore").map(str::to_ascii_lowercase);
    let supplier = props
        .value("kafka.table-description-supplier")
        .map(str::to_ascii_lowercase);
    let release = cx.cluster.target.release;
    let hadoop_off = !hadoop_on_by_default(cx) && !is_true(props, &["fs.hadoop.enabled"]);
    for entry in &props.entries {
        let key = entry.key.as_str();
        if lakehouse {
            if let Some(fs) = native_file_system(key) {
                if !file_system_on(props, fs) {
                    needs_switch(cx, entry, &format!("{}=true", storage::switch(fs, release)));
                }
            }
            for fs in FILE_SYSTEMS {
                // The legacy file system's keys, bound only with the Hadoop file system.
                if hadoop_off
                    && key.starts_with(&format!("hive.{fs}."))
                    && matches!(
                        cx.catalogue()
                            .lookup_in_scope(key, Scope::Connector(connector)),
                        Some(Lookup::Known(_))
                    )
                {
                    needs_switch(cx, entry, "fs.hadoop.enabled=true");
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
                let switch = if connector == "iceberg" {
                    "iceberg.catalog.type=hive_metastore"
                } else {
                    "hive.metastore=thrift"
                };
                needs_switch(cx, entry, switch);
            }
            if key.starts_with("hive.metastore.glue.") && !glue {
                let switch = if connector == "iceberg" {
                    "iceberg.catalog.type=glue"
                } else {
                    "hive.metastore=glue"
                };
                needs_switch(cx, entry, switch);
            }
        }
        if connector == "iceberg" {
            for (prefix, kind) in [
                ("iceberg.rest-catalog.", "rest"),
                ("iceberg.jdbc-catalog.", "jdbc"),
                ("iceberg.nessie-catalog.", "nessie"),
            ] {
                if key.starts_with(prefix) && iceberg_type.as_deref() != Some(kind) {
                    needs_switch(cx, entry, &format!("iceberg.catalog.type={kind}"));
                }
            }
        }
        if connector == "kafka" {
            let file_supplier = supplier.as_deref().is_none_or(|s| s == "file");
            if (key == "kafka.table-names" || key == "kafka.table-description-dir")
                && !file_supplier
            {
                needs_switch(cx, entry, "kafka.table-description-supplier=file");
            }
            if key.starts_with("kafka.confluent-") && supplier.as_deref() != Some("confluent") {
                needs_switch(cx, entry, "kafka.table-description-supplier=confluent");
            }
        }
        if JDBC.contains(&connector) && (key == "connection-user" || key == "connection-password") {
            let inline = props
                .value("credential-provider.type")
                .is_none_or(|t| t.eq_ignore_ascii_case("inline"));
            if !inline {
                needs_switch(cx, entry, "credential-provider.type=INLINE");
            }
        }
    }
}

/// Settings a connector cannot load without.
fn required(cx: &mut Cx<'_>, file: &File, props: &Properties, name: &str, connector: &str) {
    let missing = |key: &str| props.get(key).is_none();
    let (key, example) = match connector {
        "hive" | "delta_lake" | "hudi"
            if props
                .value("hive.metastore")
                .is_none_or(|m| m.eq_ignore_ascii_case("thrift")) =>
        {
            ("hive.metastore.uri", "thrift://metastore:9083")
        }
        "iceberg" => match props
            .value("iceberg.catalog.type")
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            None | Some("hive_metastore") => ("hive.metastore.uri", "thrift://metastore:9083"),
            Some("rest") => ("iceberg.rest-catalog.uri", "http://rest-catalog:8181"),
            Some("jdbc") => (
                "iceberg.jdbc-catalog.connection-url",
                "jdbc:postgresql://db:5432/iceberg",
            ),
            Some("nessie") => ("iceberg.nessie-catalog.uri", "http://nessie:19120/api/v2"),
            _ => return,
        },
        "kafka" => ("kafka.nodes", "kafka:9092"),
        c if JDBC.contains(&c) && c != "duckdb" && c != "snowflake" => {
            ("connection-url", "jdbc:...")
        }
        _ => return,
    };
    if missing(key) {
        let d = Diagnostic::new(
            &CATALOG_SETTINGS,
            format!("catalog `{name}` ({connector}) lacks `{key}`; it fails to load"),
        )
        .at(cx.at(&file.at, None))
        .help(format!("add `{key}={example}`"));
        cx.push(d);
    }
}

/// The JDBC URL of PostgreSQL catalogs (the connectors that check their URL when the catalog
/// loads, MySQL among them, are `TA002`), and credentials without a user; Kafka broker
/// addresses.
fn jdbc(cx: &mut Cx<'_>, props: &Properties, name: &str, connector: &str) {
    if connector == "postgresql" {
        if let Some(url) = props.get("connection-url") {
            let prefix = "jdbc:postgresql:";
            if !url.value.trim().starts_with(prefix) && !url.value.contains("${") {
                let d = Diagnostic::new(
                    &CATALOG_SETTINGS,
                    format!("the connection URL of `{name}` does not start with `{prefix}`"),
                )
                .at(cx.at_value(url))
                .help(format!("write it like `{prefix}//db.example.com:5432/db`"));
                cx.push(d);
            }
        }
    }
    if JDBC.contains(&connector) {
        if let (Some(password), None) = (
            props.get("connection-password"),
            props.get("connection-user"),
        ) {
            let d = Diagnostic::new(
                &CATALOG_SETTINGS,
                format!("catalog `{name}` has a password but no user"),
            )
            .severity(Severity::Warning)
            .at(cx.at_key(password))
            .help(format!(
                "add {}",
                Cx::setting_name(&password.key_at, "user", "connection-user")
            ));
            cx.push(d);
        }
    }
    if connector == "kafka" {
        if let Some(nodes) = props.get("kafka.nodes") {
            for node in nodes.value.split(',').map(str::trim) {
                let ok = node.rsplit_once(':').is_some_and(|(h, port)| {
                    !h.is_empty()
                        && port.parse::<u16>().is_ok_and(|p| p > 0)
                        && !h.chars().any(|c| c.is_whitespace() || c.is_control())
                });
                if !ok && !node.contains("${") {
                    let d = Diagnostic::new(
                        &CATALOG_SETTINGS,
                        format!("`{}` is not a `host:port` broker address", printable(node)),
                    )
                    .at(cx.at_value(nodes))
                    .help("write it like `kafka-0.kafka:9092`");
                    cx.push(d);
                }
            }
        }
    }
}
