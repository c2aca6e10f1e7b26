//! Trino's cross-property checks: the `@AssertTrue`/`@AssertFalse` methods of its
//! configuration classes, and the JDBC URL checks its connectors add to `BaseJdbcConfig`.
//!
//! Airlift validates a configuration class when it binds it, so a failed check stops the server
//! (`config.properties`), the catalog, the exchange manager or the plugin whose file it is. Each
//! check is one row of the `ASSERTIONS` table of `server.rs` or `connectors.rs`: the class and
//! Trino's message, where the class is read, when Trino binds it, and the condition, with the
//! defaults Trino uses for unset keys.
//! Checks that depend on the node (files that must exist, external services) are not here;
//! `docs/assertions.md` lists every assertion of the catalogue and what became of it.

declare! {
    CONFIG_ASSERTION = "TA001", "config-assertion", Error,
        "Settings that break one of Trino's cross-property checks.",
        "Trino's configuration classes check their settings together (`@AssertTrue`): both or \
neither of two keys, one only when a switch is on, a minimum below a maximum, a value of a \
form. Airlift runs the checks when it binds the class, so a failed one stops the server \
(`config.properties`), or the catalog, exchange manager or plugin whose file it is, with \
\"Invalid configuration property ...: <message>\". The message quotes Trino's own; the checks \
use Trino's defaults for the keys left out, and only run where Trino binds the class (HTTPS \
settings with `http-server.https.enabled=true`, S3 settings with `fs.s3.enabled=true`, ...).\n\n\
Fix: change the settings the message names so that the check holds, or remove the ones that \
only apply to another mode.";
    JDBC_CONNECTION_URL = "TA002", "jdbc-connection-url", Error,
        "A JDBC URL its connector refuses: another driver's scheme, or a database where none may be.",
        "The MySQL, MariaDB, SingleStore and Ignite connectors check `connection-url` when the \
catalog loads: the driver must accept it (`jdbc:mysql:` for MySQL, `jdbc:mariadb:` for \
MariaDB, `jdbc:ignite:thin://` for Ignite, not `jdbc:mariadb:` for SingleStore), and MySQL and \
MariaDB refuse a database in the URL (`jdbc:mysql://host:3306/productsdb`: \"Database \
(catalog) must not be specified in JDBC URL for MySQL connector\"), since every database of \
the server is a schema of the catalog. The MySQL event listener and the Iceberg Snowflake \
catalog check their URLs the same way.\n\nFix: write the URL with the connector's scheme and \
without a database: `connection-url=jdbc:mysql://host:3306`.";
}

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

use super::Cx;
use crate::catalogue::{Catalogue, Lookup, Scope};
use crate::diagnostic::{Diagnostic, Rule};
use crate::memory::Role;
use crate::model::{Content, File, Node, Properties, Property};
use crate::values::{
    has_secret_placeholder, parse_boolean, parse_data_size, parse_duration, parse_long, split_list,
};

/// Where a check reads its keys.
#[derive(Debug, Clone, Copy)]
enum Applies {
    /// Every properties file whose scope reads this key: `config.properties` (with
    /// `node.properties`, whose entries Trino passes as system properties, over it), catalog
    /// files of the connectors that bind the class, `exchange-manager.properties`, plugin files.
    Reading(&'static str),
    /// Catalog files of this connector.
    Connector(&'static str),
    /// A class bound under prefixes (`<prefix>.http-client.*`): every prefix that a file sets
    /// one of the check's keys under.
    Prefixed,
}

/// One of Trino's cross-property checks.
struct Assertion {
    /// The rule it reports under.
    rule: &'static Rule,
    /// The configuration class (simple name).
    class: &'static str,
    /// Trino's message.
    message: &'static str,
    /// Where the class is read.
    applies: Applies,
    /// The first release, of those the project has facts for, with the check.
    since: u32,
    /// The keys the check is about; it points at the first one set.
    keys: &'static [&'static str],
    /// Whether Trino binds the class with these settings; `None` when that cannot be known.
    when: fn(&Values<'_>) -> Option<bool>,
    /// Whether the check holds; `None` when a value cannot be judged (a placeholder resolved
    /// at startup, a value of the wrong type, which another rule reports).
    holds: fn(&Values<'_>) -> Option<bool>,
    /// What to do.
    help: &'static str,
}

#[allow(clippy::unnecessary_wraps)] // the signature of `Assertion::when`
fn always(_: &Values<'_>) -> Option<bool> {
    Some(true)
}

/// The settings a check sees: the entries of one file (for the server, `node.properties`
/// first), by name or by a legacy name of it, and Trino's defaults for the rest.
struct Values<'a> {
    /// The files, the one that wins first.
    files: Vec<&'a Properties>,
    /// Entries under a legacy name, with the current name.
    legacy: Vec<(&'a Property, Cow<'static, str>)>,
    /// The prefix of a prefixed binding (`exchange.`), or empty.
    prefix: String,
}

impl<'a> Values<'a> {
    fn new(cat: &Catalogue, scope: Scope<'_>, files: Vec<&'a Properties>) -> Self {
        let mut legacy = Vec::new();
        for props in &files {
            for e in &props.entries {
                if cat.property(&e.key).is_some() {
                    continue;
                }
                if let Some(Lookup::Legacy { replacement, .. }) = cat.lookup_in_scope(&e.key, scope)
                {
                    legacy.push((e, replacement));
                }
            }
        }
        Values {
            files,
            legacy,
            prefix: String::new(),
        }
    }

    /// The entry Trino uses for `key`.
    fn entry(&self, key: &str) -> Option<&'a Property> {
        let full = format!("{}{key}", self.prefix);
        for props in &self.files {
            if let Some(p) = props.get(&full) {
                return Some(p);
            }
        }
        self.legacy
            .iter()
            .rev()
            .find(|(_, replacement)| *replacement == full)
            .map(|(e, _)| *e)
    }

    /// Whether `key` is set.
    fn set(&self, key: &str) -> bool {
        self.entry(key).is_some()
    }

    /// The value of `key` as airlift reads it (trimmed): `Some(None)` when unset, `None` when
    /// it holds a placeholder resolved at startup. (Nested, so that checks pass an unknowable
    /// value on with `?`.)
    #[allow(clippy::option_option)]
    fn text(&self, key: &str) -> Option<Option<&'a str>> {
        match self.entry(key) {
            None => Some(None),
            Some(p) if has_secret_placeholder(&p.value) => None,
            Some(p) => Some(Some(p.value.trim())),
        }
    }

    /// A typed value, or the default when unset.
    fn typed<T>(&self, key: &str, default: T, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
        match self.text(key)? {
            None => Some(default),
            Some(v) => parse(v),
        }
    }

    fn flag(&self, key: &str, default: bool) -> Option<bool> {
        self.typed(key, default, |v| parse_boolean(v).ok())
    }

    /// A duration in seconds.
    fn duration(&self, key: &str, default: &str) -> Option<f64> {
        self.typed(key, parse_duration(default).ok()?, |v| {
            parse_duration(v).ok()
        })
    }

    /// A data size in bytes.
    fn size(&self, key: &str, default: &str) -> Option<u64> {
        self.typed(key, parse_data_size(default).ok()?, |v| {
            parse_data_size(v).ok()
        })
    }

    fn long(&self, key: &str, default: i64) -> Option<i64> {
        self.typed(key, default, |v| parse_long(v).ok())
    }

    /// Whether the enum `key` (default `default`) is `want`, as airlift matches enum names
    /// (case-insensitive, `-` for `_`).
    fn is(&self, key: &str, default: &str, want: &str) -> Option<bool> {
        let normal = |v: &str| v.trim().replace('-', "_").to_ascii_uppercase();
        self.typed(key, normal(default) == want, |v| Some(normal(v) == want))
    }
}

/// `fs.<name>.enabled` of lakehouse catalogs and the filesystem spooling manager (the
/// `fs.native-<name>.enabled` legacy name counts through [`Values::entry`]).
fn fs_enabled(v: &Values<'_>, name: &str) -> Option<bool> {
    v.flag(&format!("fs.{name}.enabled"), false)
}

/// The metastore of a lakehouse catalog is Thrift (`hive.metastore=thrift`, the default, or
/// for Iceberg `iceberg.catalog.type=hive_metastore`, the default).
fn thrift_metastore(v: &Values<'_>) -> Option<bool> {
    if v.set("iceberg.catalog.type") {
        return v.is("iceberg.catalog.type", "HIVE_METASTORE", "HIVE_METASTORE");
    }
    v.is("hive.metastore", "THRIFT", "THRIFT")
}

fn iceberg_catalog(v: &Values<'_>, want: &str) -> Option<bool> {
    v.is("iceberg.catalog.type", "HIVE_METASTORE", want)
}

/// Both keys set, or neither.
fn both_or_neither(v: &Values<'_>, a: &str, b: &str) -> bool {
    v.set(a) == v.set(b)
}

/// Not both keys set.
fn not_both(v: &Values<'_>, a: &str, b: &str) -> bool {
    !(v.set(a) && v.set(b))
}

/// Exactly one of the keys set.
fn exactly_one(v: &Values<'_>, a: &str, b: &str) -> bool {
    v.set(a) != v.set(b)
}

/// `then` set whenever `key` is.
fn requires(v: &Values<'_>, key: &str, then: &str) -> bool {
    !v.set(key) || v.set(then)
}

/// `FormatInterpolator.hasValidPlaceholders`: the format consists of letters, digits, `_`, ` `,
/// `,`, `-`, `=` and `$NAME` placeholders of `names`.
fn valid_format(format: &str, names: &[&str]) -> bool {
    let mut rest = format;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | ' ' | ',' | '-' | '=') {
            rest = &rest[1..];
        } else if let Some(after) = rest.strip_prefix('$') {
            match names.iter().find(|n| after.starts_with(*n)) {
                Some(n) => rest = &after[n.len()..],
                None => return false,
            }
        } else {
            return false;
        }
    }
    true
}

mod connectors;
mod parse;
mod server;
#[cfg(test)]
mod tests;

#[allow(clippy::wildcard_imports)]
use parse::*;

/// Every check, in the order of `docs/assertions.md`: the server's, then the connectors' and
/// plugins'.
fn assertions() -> impl Iterator<Item = &'static Assertion> {
    server::ASSERTIONS.iter().chain(connectors::ASSERTIONS)
}

/// A properties file of a node, with the scope it is read in.
struct Target<'a> {
    file: &'a File,
    props: &'a Properties,
    scope_id: String,
    connector: Option<String>,
}

/// Checks every properties file of a node against the checks of its scope.
pub(crate) fn check(cx: &mut Cx<'_>, node: &Node) {
    let cat = cx.catalogue();
    // A check the older of two neighbouring releases lacks may postdate the release judged.
    let (version, _) = cat.releases();
    let role = node.role();
    let node_props = node.properties("node.properties");
    let targets: Vec<Target<'_>> = node
        .files
        .iter()
        .filter_map(|file| {
            let Content::Properties(props) = &file.content else {
                return None;
            };
            let scope_id = super::properties::scope_id(cat, file, props)?;
            let connector = scope_id.strip_prefix("connector:").map(str::to_owned);
            Some(Target {
                file,
                props,
                scope_id,
                connector,
            })
        })
        .collect();
    // Whether a scope reads each check's anchor, asked once per scope (a node may have
    // hundreds of catalogs of a few connectors).
    let mut reads: HashMap<&str, Vec<bool>> = HashMap::new();
    for target in &targets {
        let scope = Scope::parse(&target.scope_id);
        let mut files = Vec::new();
        if scope == Scope::Server {
            files.extend(node_props);
        }
        files.push(target.props);
        let values = Values::new(cat, scope, files);
        let read = reads.entry(target.scope_id.as_str()).or_insert_with(|| {
            assertions()
                .map(|a| match a.applies {
                    Applies::Reading(anchor) => match cat.lookup_in_scope(anchor, scope) {
                        Some(Lookup::Known(info)) => {
                            !(info.coordinator_only
                                && role == Role::Worker
                                && scope == Scope::Server)
                        }
                        _ => false,
                    },
                    _ => false,
                })
                .collect()
        });
        let read = read.clone();
        for (a, read) in assertions().zip(read).filter(|(a, _)| a.since <= version) {
            match a.applies {
                Applies::Reading(_) => {
                    if read {
                        judge(cx, target, &values, a);
                    }
                }
                Applies::Connector(name) => {
                    if target.connector.as_deref() == Some(name) {
                        judge(cx, target, &values, a);
                    }
                }
                Applies::Prefixed => {
                    for prefix in prefixes(cat, scope, target.props, a.keys) {
                        let values = Values {
                            files: values.files.clone(),
                            legacy: Vec::new(),
                            prefix,
                        };
                        judge(cx, target, &values, a);
                    }
                }
            }
        }
    }
}

/// The prefixes under which a file sets one of `keys` of a prefixed binding its scope reads.
fn prefixes(
    cat: &Catalogue,
    scope: Scope<'_>,
    props: &Properties,
    keys: &[&str],
) -> BTreeSet<String> {
    props
        .entries
        .iter()
        .filter_map(|e| {
            let key = keys.iter().find(|k| e.key.ends_with(&format!(".{k}")))?;
            matches!(cat.lookup_in_scope(&e.key, scope), Some(Lookup::Known(_)))
                .then(|| e.key[..e.key.len() - key.len()].to_owned())
        })
        .collect()
}

fn judge(cx: &mut Cx<'_>, target: &Target<'_>, values: &Values<'_>, a: &Assertion) {
    if (a.when)(values) != Some(true) || (a.holds)(values) != Some(false) {
        return;
    }
    let at = a
        .keys
        .iter()
        .find_map(|k| values.entry(k))
        .map_or_else(|| cx.at(&target.file.at, None), |p| cx.at_value(p));
    let subject = match (target.scope_id.as_str(), &target.connector) {
        // The location names the node's file; a spec key shared by both roles is one problem.
        ("server", _) => "Trino refuses to start".to_owned(),
        (_, Some(connector)) => format!(
            "catalog `{}` ({connector}) fails to load",
            target.file.file_name().trim_end_matches(".properties")
        ),
        _ => format!("{} fails to load", target.file.file_name()),
    };
    let keys: Vec<String> = a
        .keys
        .iter()
        .map(|k| format!("{}{k}", values.prefix))
        .collect();
    let d = Diagnostic::new(
        a.rule,
        format!(
            "{subject}: \"{}\" ({}, {})",
            a.message,
            a.class,
            keys.join(", ")
        ),
    )
    .at(at)
    .help(a.help);
    cx.push(d);
}

/// Every check, for `docs/assertions.md` and the tests: class, message and rule code.
pub fn assertion_table() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    assertions().map(|a| (a.class, a.message, a.rule.code))
}
