//! A fleet: several clusters, each a full cluster spec under `[clusters.NAME]`, behind one
//! Trino Gateway (`[gateway]`), with the backends it routes to, their routing groups and
//! colours, the gateway's database and its routing rules.

use indexmap::IndexMap;

use super::decl::{choice, table, Kind, Table, TableKind};
use super::read::{At, Cx, FieldValue, Found};
use super::spans::SpanIndex;
use super::{names, toml, SecretRef, Spec};
use crate::diagnostic::Diagnostic;
use crate::rules;

choice! {
    /// The gateway's database.
    pub enum DatabaseType ("database") {
        /// PostgreSQL (`org.postgresql.Driver`).
        Postgresql = "postgresql",
        /// MySQL (`com.mysql.cj.jdbc.Driver`).
        Mysql = "mysql",
    }
}

table! {
    /// The database the gateway keeps its backends and query history in.
    pub struct Database {
        /// `postgresql` or `mysql`.
        #[key = "type"]
        pub kind: DatabaseType = |f| f.required("\"postgresql\""),
        /// `dataStore.jdbcUrl`.
        pub url: String = |f| f.required("\"jdbc:postgresql://postgres:5432/gateway\"").check(jdbc_url),
        /// `dataStore.user`.
        pub user: String = |f| f.required("\"gateway\""),
        /// `dataStore.password`, from a Secret (`${ENV:...}` in `config.yaml`).
        pub password: SecretRef = |f| f.required("{ secret = \"gateway-db\", key = \"password\" }"),
        /// `dataStore.queryHistoryHoursRetention`.
        #[validate(range(min = 1, max = 8760, message = "the retention is 1 to 8760 hours"))]
        pub history_hours: u32 = |f| f.default(24),
    }
}

#[allow(clippy::ptr_arg)]
fn jdbc_url(url: &String, at: &mut Found<'_, '_>) {
    if !(url.starts_with("jdbc:postgresql://") || url.starts_with("jdbc:mysql://")) {
        at.error(
            &rules::SPEC_INVALID_VALUE,
            format!(
                "`{}` is no PostgreSQL or MySQL JDBC URL",
                names::printable(url)
            ),
            "write jdbc:postgresql://host:5432/gateway or jdbc:mysql://host:3306/gateway",
        );
    }
}

choice! {
    /// How the gateway picks a backend of a routing group.
    pub enum Router ("router") {
        /// The backend with the fewest queued queries for the user (`QueryCountBasedRouter`).
        QueryCount = "query-count",
        /// Any backend, at random (the gateway's default).
        Random = "random",
    }
}

choice! {
    /// How the gateway learns the backends' state (`clusterStatsConfiguration.monitorType`).
    pub enum MonitorType ("monitor type") {
        /// `/v1/info` of each coordinator (the gateway's default).
        InfoApi = "INFO_API",
        /// The coordinators' metrics endpoint.
        Metrics = "METRICS",
        /// A JDBC query to each coordinator.
        Jdbc = "JDBC",
        /// JMX through the coordinators' REST API.
        Jmx = "JMX",
        /// The coordinators' web UI API.
        UiApi = "UI_API",
        /// No monitoring.
        Noop = "NOOP",
    }
}

choice! {
    /// The colour of a cluster in a blue/green pair.
    pub enum Colour ("colour") {
        /// Blue.
        Blue = "blue",
        /// Green.
        Green = "green",
    }
}

table! {
    /// One backend of the gateway: a cluster of the fleet, its routing group and state.
    pub struct Backend {
        /// The cluster (`[clusters.NAME]`).
        pub cluster: String = |f| f.required("\"blue\""),
        /// The routing group it serves.
        pub routing_group: String = |f| f.required("\"adhoc\"").check(group_name),
        /// Whether the gateway routes to it now.
        pub active: bool = |f| f.default(true),
        /// Its colour, when it is one half of a blue/green pair of its routing group.
        pub colour: Option<Colour>,
        /// `externalUrl`: where clients reach it directly (`proxyTo` when left out).
        pub external_url: Option<String>,
    }
}

#[allow(clippy::ptr_arg)]
fn group_name(name: &String, at: &mut Found<'_, '_>) {
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        at.error(
            &rules::SPEC_INVALID_NAME,
            format!("`{}` is not a routing group name", names::printable(name)),
            "use letters, digits, `-` and `_`",
        );
    }
}

table! {
    /// A routing rule: queries that match go to `routing_group`. Give one of `header`,
    /// `source`, `user`, `client_tags` or, as an escape hatch, an MVEL `condition`.
    pub struct RoutingRule {
        /// The rule's name (unique).
        pub name: String = |f| f.required("\"airflow\""),
        /// What the rule is for.
        pub description: Option<String>,
        /// Lower fires first.
        #[validate(range(min = 0, max = 1_000_000, message = "a priority is 0 to 1000000"))]
        pub priority: Option<u32>,
        /// The routing group the matching queries go to.
        pub routing_group: String = |f| f.required("\"etl\"").check(group_name),
        /// `X-Trino-Source` equals this.
        pub source: Option<String> = |f| f.example("\"airflow\""),
        /// The user matches this Java regular expression (`X-Trino-User`).
        pub user: Option<String> = |f| f.example("\"etl-.*\""),
        /// `X-Trino-Client-Tags` contains each of these.
        pub client_tags: Vec<String> = |f| f.or_default().example("[\"etl\"]"),
        /// A header equals a value: `{ name = "X-Trino-Routing-Group", value = "etl" }`.
        pub header: Option<HeaderMatch>,
        /// A raw MVEL condition, when the typed ones do not say it.
        pub condition: Option<String> = |f| f.example("\"request.getHeader(\\\"X-Trino-Source\\\") == \\\"dbt\\\"\""),
    }
}

table! {
    /// A header and the value it must have.
    pub struct HeaderMatch {
        /// The header.
        pub name: String = |f| f.required("\"X-Trino-Routing-Group\""),
        /// The value.
        pub value: String = |f| f.required("\"etl\""),
    }
}

table! {
    /// Trino Gateway.
    pub struct Gateway {
        /// Kubernetes name of the gateway's objects.
        pub name: String = |f| f.default("trino-gateway").check(names::cluster_name),
        /// Namespace of the gateway's objects; the current one when left out.
        pub namespace: Option<String> = |f| f.example("\"trino-gateway\"").check(names::namespace),
        /// The gateway's image.
        pub image: String = |f| f.default("trinodb/trino-gateway:15").check(names::image_required),
        /// The gateway's HTTP port.
        #[validate(range(min = 1, max = 65535, message = "a port is between 1 and 65535"))]
        pub port: u32 = |f| f.default(8080),
        /// Replicas of the gateway (they share the database).
        #[validate(range(min = 1, max = 20, message = "1 to 20 gateway replicas"))]
        pub replicas: u32 = |f| f.default(2),
        /// The database.
        pub database: Database = |f| f.required("{ type = \"postgresql\", url = \"jdbc:postgresql://postgres:5432/gateway\", user = \"gateway\", password = { secret = \"gateway-db\", key = \"password\" } }"),
        /// How backends are picked.
        pub router: Router = |f| f.default(Router::Random),
        /// How the backends' state is learnt; query-count routing needs `METRICS` or `JDBC`.
        pub monitor: MonitorType = |f| f.default(MonitorType::InfoApi),
        /// The group of queries no rule matches.
        pub default_routing_group: String = |f| f.default("adhoc").check(group_name),
        /// The backends, in the order they are registered.
        pub backends: Vec<Backend> = |f| f.required("[{ cluster = \"blue\", routing_group = \"adhoc\" }]"),
        /// Routing rules, by priority.
        pub rules: Vec<RoutingRule> = |f| f.or_default(),
    }
}

table! {
    /// A fleet as written: the gateway, and each cluster inline or by the path of its spec.
    pub(crate) struct FleetTable {
        /// The gateway.
        pub gateway: Gateway = |f| f.required("{ database = { ... }, backends = [...] }"),
        /// The clusters: each a full cluster spec (`[clusters.NAME.cluster]`, ...), or
        /// `[clusters.NAME] spec = "name.toml"`, a spec file beside the fleet's.
        pub clusters: IndexMap<String, ClusterEntry> = |f| f.required("{ blue = { ... } }"),
    }
}

/// A cluster of a fleet as written.
#[derive(Debug, Clone)]
pub enum ClusterEntry {
    /// The spec, inline.
    Inline(Box<Spec>),
    /// The path of its spec file, relative to the fleet's.
    File(String),
}

/// A fleet: clusters behind one Trino Gateway, every cluster's spec read.
#[derive(Debug, Clone)]
pub struct Fleet {
    /// The gateway.
    pub gateway: Gateway,
    /// The clusters, by name.
    pub clusters: IndexMap<String, Spec>,
}

/// A cluster read from its own file: the file's name as given, its text and where its keys are.
#[derive(Debug, Clone)]
pub struct MemberFile {
    /// The path, as the fleet gives it.
    pub path: String,
    /// Its text.
    pub text: String,
    /// Where its keys are.
    pub spans: SpanIndex,
}

/// The clusters of a fleet, by name.
impl FieldValue for IndexMap<String, ClusterEntry> {
    const KIND: Kind = Kind::Named(TableKind {
        name: Spec::NAME,
        doc: Spec::DOC,
        fields: Spec::fields,
    });
    fn read(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Self> {
        let Some(entries) = at.entries(cx, false) else {
            at.wrong_type(cx, "a table of clusters, `[clusters.NAME]`");
            return None;
        };
        let mut out = IndexMap::with_capacity(entries.len());
        let mut complete = true;
        for (name, c) in entries {
            names::cluster_name(&name.to_owned(), &mut Found::new(cx, &c.path, c.span()));
            let by_path = c.node.as_table().and_then(|t| {
                let spec = t.get("spec")?;
                (t.entries().len() == 1).then(|| spec.item.as_str().map(str::to_owned))
            });
            match by_path {
                Some(Some(path)) => {
                    // Records where `spec` is, for a file that cannot be read.
                    let _ = c.entries(cx, false);
                    out.insert(name.to_owned(), ClusterEntry::File(path));
                }
                Some(None) => {
                    c.invalid(
                        cx,
                        "`spec` names the cluster's spec file: a string".to_owned(),
                        "write `spec = \"blue.toml\"`",
                    );
                    complete = false;
                }
                None => match Spec::read(&c, cx) {
                    Some(spec) => {
                        out.insert(name.to_owned(), ClusterEntry::Inline(Box::new(spec)));
                    }
                    None => complete = false,
                },
            }
        }
        complete.then_some(out)
    }
}

/// A fleet spec as read.
#[derive(Debug)]
pub struct LoadedFleet {
    /// Problems of the fleet text (its own tables and every cluster's), sorted by position;
    /// those of a cluster's own file name the file.
    pub diagnostics: Vec<Diagnostic>,
    /// Where every key and value of the document is.
    pub spans: SpanIndex,
    /// The fleet, when every value could be read into its type.
    pub fleet: Option<Fleet>,
    /// The clusters read from their own files, by name.
    pub files: IndexMap<String, MemberFile>,
    /// No name invalid, no value out of range.
    pub in_bounds: bool,
}

/// Whether `source` is a fleet spec: its top level has `gateway` or `clusters`.
pub fn is_fleet(source: &str) -> bool {
    toml::parse(source)
        .is_ok_and(|doc| doc.get("gateway").is_some() || doc.get("clusters").is_some())
}

/// What reads the spec file of a cluster given by path: its text, or why it cannot be read.
pub type Files<'a> = &'a dyn Fn(&str) -> Result<String, String>;

/// Reads fleet spec text; `files` reads the spec files the fleet names.
pub fn load_fleet(source: &str, files: Files<'_>) -> LoadedFleet {
    let mut cx = Cx::new(source);
    let table = super::read_text::<FleetTable>(source, &mut cx, "fleet");
    let mut diagnostics = cx.diagnostics;
    let mut member_files = IndexMap::new();
    let mut complete = table.is_some();
    let mut clusters = IndexMap::new();
    for (name, entry) in table.as_ref().map(|t| &t.clusters).into_iter().flatten() {
        let spec = match entry {
            ClusterEntry::Inline(spec) => {
                super::consistency::check(spec, &mut |path, d| {
                    let path = format!("clusters.{name}.{path}");
                    diagnostics.push(d.at(cx.spans.locate(source, &path)));
                });
                Some((**spec).clone())
            }
            ClusterEntry::File(path) => {
                let at_path = format!("clusters.{name}.spec");
                match files(path) {
                    Err(why) => {
                        diagnostics.push(
                            Diagnostic::new(
                                &rules::SPEC_INVALID_VALUE,
                                format!("cluster `{name}`: cannot read its spec `{path}`: {why}"),
                            )
                            .at(cx.spans.locate(source, &at_path))
                            .help("give the path of the cluster's spec file, relative to the fleet's, or write the cluster inline"),
                        );
                        None
                    }
                    Ok(text) => {
                        let loaded = super::load(&text);
                        for mut d in loaded.diagnostics {
                            d.location.file.get_or_insert_with(|| path.clone());
                            diagnostics.push(d);
                        }
                        member_files.insert(
                            name.clone(),
                            MemberFile {
                                path: path.clone(),
                                text,
                                spans: loaded.spans,
                            },
                        );
                        loaded.spec
                    }
                }
            }
        };
        match spec {
            Some(spec) => {
                clusters.insert(name.clone(), spec);
            }
            None => complete = false,
        }
    }
    let fleet = table.filter(|_| complete).map(|t| Fleet {
        gateway: t.gateway,
        clusters,
    });
    crate::diagnostic::sort(&mut diagnostics);
    let in_bounds = !diagnostics
        .iter()
        .any(|d| d.code == rules::SPEC_LIMIT.code || d.code == rules::SPEC_INVALID_NAME.code);
    LoadedFleet {
        diagnostics,
        spans: cx.spans,
        fleet,
        files: member_files,
        in_bounds,
    }
}

/// The spec of one cluster of a fleet, as a spec of its own: the text of its file when the
/// fleet gives it by path (read by `files`), else its `[clusters.NAME...]` tables with the
/// `clusters.NAME.` prefix taken off their headers.
///
/// # Errors
///
/// When the fleet has no such cluster, its file cannot be read, or its tables are written in a
/// form that cannot be taken out (inline or dotted keys under `[clusters]`).
pub fn member_spec(source: &str, name: &str, files: Files<'_>) -> Result<String, String> {
    let doc = toml::parse(source).map_err(|_| "the fleet is not valid TOML".to_owned())?;
    let clusters = doc.get("clusters").and_then(|c| c.item.as_table());
    let Some(entry) = clusters.and_then(|c| c.get(name)) else {
        let names: Vec<String> = clusters
            .map(|c| c.entries().iter().map(|e| format!("`{}`", e.key)).collect())
            .unwrap_or_default();
        return Err(format!(
            "the fleet has no cluster `{name}`; its clusters: {}",
            names.join(", ")
        ));
    };
    if let Some(path) = entry
        .item
        .as_table()
        .and_then(|t| t.get("spec"))
        .and_then(|s| s.item.as_str())
    {
        return files(path);
    }
    let prefix = format!("clusters.{name}");
    let mut root = String::new();
    let mut tables = String::new();
    let mut keep: Option<bool> = None;
    for line in source.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            let array = trimmed.starts_with("[[");
            let inner = trimmed.trim_start_matches('[');
            let header = inner.split(']').next().unwrap_or_default().trim();
            if header == prefix {
                keep = Some(true);
                continue;
            }
            match header.strip_prefix(&format!("{prefix}.")) {
                Some(rest) => {
                    keep = Some(false);
                    if array {
                        tables.push_str(&format!("[[{rest}]]\n"));
                    } else {
                        tables.push_str(&format!("[{rest}]\n"));
                    }
                }
                None => keep = None,
            }
            continue;
        }
        match keep {
            Some(true) => {
                root.push_str(line);
                root.push('\n');
            }
            Some(false) => {
                tables.push_str(line);
                tables.push('\n');
            }
            None => {}
        }
    }
    let text = format!("{root}{tables}");
    if toml::parse(&text).map_or(true, |d| d.get("cluster").is_none()) {
        return Err(format!(
            "cluster `{name}` is not written as `[clusters.{name}.cluster]`, `[clusters.{name}.coordinator]`, ... tables, which can be taken out of the fleet"
        ));
    }
    Ok(text)
}
