//! Trino's cross-property checks: the `@AssertTrue`/`@AssertFalse` methods of its
//! configuration classes, and the JDBC URL checks its connectors add to `BaseJdbcConfig`.
//!
//! Airlift validates a configuration class when it binds it, so a failed check stops the server
//! (`config.properties`), the catalog, the exchange manager or the plugin whose file it is. Each
//! check below is one row of [`ASSERTIONS`]: the class and Trino's message, where the class is
//! read, when Trino binds it, and the condition, with the defaults Trino uses for unset keys.
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
use std::collections::BTreeSet;

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
                if let Lookup::Legacy { replacement, .. } = cat.lookup(&e.key, scope) {
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

/// The placeholders of `SessionInterpolatedValues` (JDBC query comments, `BigQuery` job labels).
const SESSION_VALUES: &[&str] = &["QUERY_ID", "SOURCE", "USER", "TRACE_TOKEN"];
/// The placeholders of `OpenLineageJobInterpolatedValues`.
const OPENLINEAGE_VALUES: &[&str] = &["QUERY_ID", "SOURCE", "CLIENT_IP", "USER"];

/// An identifier of a SQL path: its value, as Trino's parser reads it.
fn sql_identifier(text: &str) -> Option<(String, &str)> {
    let text = text.trim_start();
    if let Some(quoted) = text.strip_prefix('"') {
        let mut value = String::new();
        let mut rest = quoted;
        loop {
            let end = rest.find('"')?;
            value.push_str(&rest[..end]);
            rest = &rest[end + 1..];
            match rest.strip_prefix('"') {
                Some(after) => {
                    value.push('"');
                    rest = after;
                }
                None => break,
            }
        }
        return (!value.is_empty()).then_some((value, rest));
    }
    let first = text.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '_') {
        return None;
    }
    let len = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    Some((text[..len].to_owned(), &text[len..]))
}

/// `SqlPath.parsePath`: `[catalog.]schema` elements separated by commas; `None` when it does
/// not parse. (Reserved words, which Trino's parser refuses unquoted, are not checked.)
fn sql_path(path: &str) -> Option<Vec<(Option<String>, String)>> {
    let mut elements = Vec::new();
    let mut rest = path;
    loop {
        let (first, after) = sql_identifier(rest)?;
        let after = after.trim_start();
        let (element, after) = match after.strip_prefix('.') {
            Some(after) => {
                let (second, after) = sql_identifier(after)?;
                ((Some(first), second), after.trim_start())
            }
            None => ((None, first), after),
        };
        elements.push(element);
        if after.is_empty() {
            return Some(elements);
        }
        rest = after.strip_prefix(',')?;
    }
}

/// The schemes MySQL Connector/J accepts (`ConnectionUrl.Type`), compared case-insensitively.
const MYSQL_SCHEMES: &[&str] = &[
    "jdbc:mysql:",
    "jdbc:mysql:loadbalance:",
    "jdbc:mysql:replication:",
    "mysqlx:",
    "jdbc:mysql+srv:",
    "jdbc:mysql+srv:loadbalance:",
    "jdbc:mysql+srv:replication:",
    "mysqlx+srv:",
];

/// The scheme of a URL as Connector/J's `ConnectionUrlParser` reads it: the leading run of
/// `[\w+:%]`.
fn mysql_scheme(url: &str) -> &str {
    let len = url
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | ':' | '%')))
        .unwrap_or(url.len());
    &url[..len]
}

/// `Driver.acceptsURL` of MySQL Connector/J.
fn mysql_accepts(url: &str) -> bool {
    let scheme = mysql_scheme(url);
    MYSQL_SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(scheme))
}

/// The path of a URL as `ConnectionUrlParser.parseConnectionString` reads it (the database,
/// empty when there is none); `None` when the URL does not parse.
fn mysql_path(url: &str) -> Option<&str> {
    let mut rest = url[mysql_scheme(url).len()..].trim_start();
    if let Some(after) = rest.strip_prefix("//") {
        let end = after.find(['/', '?', '#']).unwrap_or(after.len());
        rest = after[end..].trim_start();
    }
    let mut path = "";
    if let Some(after) = rest.strip_prefix('/') {
        if !after.trim_start().starts_with('/') {
            let end = after.find(['?', '#']).unwrap_or(after.len());
            path = &after[..end];
            rest = &after[end..];
        }
    }
    if let Some(after) = rest.strip_prefix('?') {
        if after.trim_start().starts_with('?') {
            return None;
        }
        rest = &after[after.find('#').unwrap_or(after.len())..];
    }
    let rest = rest.trim_start();
    (rest.is_empty() || rest.starts_with('#')).then_some(path)
}

/// `Driver.acceptsURL` of the `MariaDB` driver; `jdbc:mysql:` with `permitMysqlScheme` is
/// accepted too, as newer drivers do.
fn mariadb_accepts(url: &str) -> bool {
    url.starts_with("jdbc:mariadb:")
        || (url.starts_with("jdbc:mysql:") && url.contains("permitMysqlScheme"))
}

/// The database of a `MariaDB` URL (`Configuration.parse`), empty when there is none; `None`
/// when the URL does not parse.
fn mariadb_database(url: &str) -> Option<&str> {
    let after = &url[url.find("//")? + 2..];
    let db = after.find('/');
    let params = after.find('?');
    Some(match (db, params) {
        (Some(d), Some(p)) if d < p => &after[d + 1..p],
        (Some(d), None) => &after[d + 1..],
        _ => "",
    })
}

/// Decoded length of a base64 value (`Base64.getDecoder`), `None` when it is not base64.
fn base64_len(value: &str) -> Option<usize> {
    let data = value.trim_end_matches('=');
    if value.len() - data.len() > 2
        || !data
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
        || data.len() % 4 == 1
    {
        return None;
    }
    Some(data.len() * 3 / 4)
}

/// The scheme of a Trino `Location` (text before `://`).
fn location_scheme(location: &str) -> Option<&str> {
    location.find("://").map(|i| &location[..i])
}

/// The keys of `prometheus.http.additional-headers`, as the connector splits them (`,` and `:`
/// not preceded by a backslash); `None` when a pair lacks its `:`.
fn header_names(headers: &str) -> Option<Vec<String>> {
    fn split_unescaped(s: &str, sep: char) -> Vec<&str> {
        let mut parts = Vec::new();
        let mut start = 0;
        let mut prev = None;
        for (i, c) in s.char_indices() {
            if c == sep && prev != Some('\\') {
                parts.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            prev = Some(c);
        }
        parts.push(&s[start..]);
        parts
    }
    split_unescaped(headers, ',')
        .into_iter()
        .map(|kv| {
            let parts = split_unescaped(kv, ':');
            (parts.len() >= 2).then(|| parts[0].trim().to_owned())
        })
        .collect()
}

/// Every check, in the order of `docs/assertions.md`.
static ASSERTIONS: &[Assertion] = &[
    // ---- airlift -------------------------------------------------------------------------
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "HttpClientConfig",
        message: "either both http-client.max-heap-memory and http-client.max-direct-memory are set or none of them",
        applies: Applies::Prefixed,
        since: 476,
        keys: &["http-client.max-heap-memory", "http-client.max-direct-memory"],
        when: always,
        holds: |v| Some(both_or_neither(v, "http-client.max-heap-memory", "http-client.max-direct-memory")),
        help: "set both `<prefix>.http-client.max-heap-memory` and `<prefix>.http-client.max-direct-memory`, or neither",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "HttpServerConfig",
        message: "either both http-server.max-heap-memory and http-server.max-direct-memory are set or none of them",
        applies: Applies::Reading("http-server.max-heap-memory"),
        since: 476,
        keys: &["http-server.max-heap-memory", "http-server.max-direct-memory"],
        when: always,
        holds: |v| Some(both_or_neither(v, "http-server.max-heap-memory", "http-server.max-direct-memory")),
        help: "set both `http-server.max-heap-memory` and `http-server.max-direct-memory`, or neither",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "HttpsConfig",
        message: "Keystore path or automatic HTTPS shared secret must be provided when HTTPS is enabled",
        // Bound when `http-server.https.enabled=true`. Trino sets the automatic secret itself
        // to `internal-communication.shared-secret` when internal HTTPS is required without an
        // internal keystore or truststore (`InternalCommunicationModule`).
        applies: Applies::Reading("internal-communication.shared-secret"),
        since: 435,
        keys: &["http-server.https.enabled", "http-server.https.keystore.path", "http-server.https.automatic-shared-secret"],
        when: |v| v.flag("http-server.https.enabled", false),
        holds: |v| {
            let automatic = v.flag("internal-communication.https.required", false)?
                && !v.set("internal-communication.https.keystore.path")
                && !v.set("internal-communication.https.truststore.path")
                && v.set("internal-communication.shared-secret");
            Some(v.set("http-server.https.keystore.path") || v.set("http-server.https.automatic-shared-secret") || automatic)
        },
        help: "set `http-server.https.keystore.path`, or require internal HTTPS with `internal-communication.https.required=true` and a shared secret",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "NodeConfig",
        message: "only one of node.annotations or node.annotation-file can be set",
        applies: Applies::Reading("node.annotations"),
        since: 479,
        keys: &["node.annotations", "node.annotation-file"],
        when: always,
        holds: |v| Some(not_both(v, "node.annotations", "node.annotation-file")),
        help: "keep `node.annotations` or `node.annotation-file`, not both",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "OpenTelemetryExporterConfig",
        message: "client certificate and key must be set together",
        applies: Applies::Reading("otel.exporter.tls.client-key-path"),
        since: 482,
        keys: &["otel.exporter.tls.client-certificate-path", "otel.exporter.tls.client-certificate-pem", "otel.exporter.tls.client-key-path", "otel.exporter.tls.client-key-pem"],
        when: |v| v.flag("tracing.enabled", false),
        holds: |v| {
            let cert = v.set("otel.exporter.tls.client-certificate-path") || v.set("otel.exporter.tls.client-certificate-pem");
            let key = v.set("otel.exporter.tls.client-key-path") || v.set("otel.exporter.tls.client-key-pem");
            Some(cert == key)
        },
        help: "set a client key (`otel.exporter.tls.client-key-path` or `-pem`) with the client certificate, or neither",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "OpenTelemetryExporterConfig",
        message: "client key password requires client key",
        applies: Applies::Reading("otel.exporter.tls.client-key-path"),
        since: 482,
        keys: &["otel.exporter.tls.client-key-password"],
        when: |v| v.flag("tracing.enabled", false),
        holds: |v| Some(!v.set("otel.exporter.tls.client-key-password") || v.set("otel.exporter.tls.client-key-path") || v.set("otel.exporter.tls.client-key-pem")),
        help: "set `otel.exporter.tls.client-key-path` (or `-pem`), or remove the password",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "OpenTelemetryExporterConfig",
        message: "trusted certificates path and PEM cannot both be set",
        applies: Applies::Reading("otel.exporter.tls.client-key-path"),
        since: 482,
        keys: &["otel.exporter.tls.trusted-certificates-path", "otel.exporter.tls.trusted-certificates-pem"],
        when: |v| v.flag("tracing.enabled", false),
        holds: |v| Some(not_both(v, "otel.exporter.tls.trusted-certificates-path", "otel.exporter.tls.trusted-certificates-pem")),
        help: "keep one of `otel.exporter.tls.trusted-certificates-path` and `-pem`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "OpenTelemetryExporterConfig",
        message: "client certificate path and PEM cannot both be set",
        applies: Applies::Reading("otel.exporter.tls.client-key-path"),
        since: 482,
        keys: &["otel.exporter.tls.client-certificate-path", "otel.exporter.tls.client-certificate-pem"],
        when: |v| v.flag("tracing.enabled", false),
        holds: |v| Some(not_both(v, "otel.exporter.tls.client-certificate-path", "otel.exporter.tls.client-certificate-pem")),
        help: "keep one of `otel.exporter.tls.client-certificate-path` and `-pem`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "OpenTelemetryExporterConfig",
        message: "client key path and PEM cannot both be set",
        applies: Applies::Reading("otel.exporter.tls.client-key-path"),
        since: 482,
        keys: &["otel.exporter.tls.client-key-path", "otel.exporter.tls.client-key-pem"],
        when: |v| v.flag("tracing.enabled", false),
        holds: |v| Some(not_both(v, "otel.exporter.tls.client-key-path", "otel.exporter.tls.client-key-pem")),
        help: "keep one of `otel.exporter.tls.client-key-path` and `-pem`",
    },
    // ---- server --------------------------------------------------------------------------
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "QueryManagerConfig",
        message: "Selected retry policy not present in retry-policy.allowed list",
        applies: Applies::Reading("retry-policy.allowed"),
        since: 479,
        keys: &["retry-policy", "retry-policy.allowed"],
        when: always,
        holds: |v| {
            let normal = |s: &str| s.trim().replace('-', "_").to_ascii_uppercase();
            let policy = normal(v.text("retry-policy")?.unwrap_or("NONE"));
            match v.text("retry-policy.allowed")? {
                None => Some(true),
                Some(allowed) => Some(split_list(allowed).any(|a| normal(a) == policy)),
            }
        },
        help: "add the policy to `retry-policy.allowed`, or choose one of the allowed policies",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "InternalCommunicationConfig",
        message: "Internal shared secret is required when HTTPS is enabled for internal communications",
        applies: Applies::Reading("internal-communication.https.required"),
        since: 435,
        keys: &["internal-communication.https.required", "internal-communication.shared-secret"],
        when: always,
        holds: |v| Some(!v.flag("internal-communication.https.required", false)? || v.set("internal-communication.shared-secret")),
        help: "set `internal-communication.shared-secret` on every node (from a Secret)",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "InternalCommunicationConfig",
        message: "HTTPS must be enabled when HTTPS is required for internal communications. Set http-server.https.enabled=true",
        applies: Applies::Reading("internal-communication.https.required"),
        since: 435,
        keys: &["internal-communication.https.required", "http-server.https.enabled"],
        when: always,
        holds: |v| Some(!v.flag("internal-communication.https.required", false)? || v.flag("http-server.https.enabled", false)?),
        help: "set `http-server.https.enabled=true`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "SpoolingConfig",
        message: "protocol.spooling.shared-secret-key must be 256 bits long",
        applies: Applies::Reading("protocol.spooling.enabled"),
        since: 468,
        keys: &["protocol.spooling.shared-secret-key", "protocol.spooling.enabled"],
        when: |v| v.flag("protocol.spooling.enabled", false),
        holds: |v| match v.text("protocol.spooling.shared-secret-key")? {
            None => Some(false),
            Some(key) => base64_len(key).map(|n| n == 32),
        },
        help: "set `protocol.spooling.shared-secret-key` to 32 random bytes in base64, e.g. from `openssl rand -base64 32`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "SpoolingConfig",
        message: "protocol.spooling.initial-segment-size must be smaller than protocol.spooling.maximum-segment-size",
        applies: Applies::Reading("protocol.spooling.enabled"),
        since: 476,
        keys: &["protocol.spooling.initial-segment-size", "protocol.spooling.max-segment-size"],
        when: |v| v.flag("protocol.spooling.enabled", false),
        holds: |v| Some(v.size("protocol.spooling.initial-segment-size", "8MB")? < v.size("protocol.spooling.max-segment-size", "16MB")?),
        help: "make `protocol.spooling.initial-segment-size` smaller than `protocol.spooling.max-segment-size` (8MB and 16MB by default)",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "SpoolingEnabledConfig",
        message: "protocol.spooling.unsupported-warning.enabled can only be enabled when protocol.spooling.enabled is also enabled",
        applies: Applies::Reading("protocol.spooling.enabled"),
        since: 479,
        keys: &["protocol.spooling.unsupported-warning.enabled", "protocol.spooling.enabled"],
        when: always,
        holds: |v| Some(!v.flag("protocol.spooling.unsupported-warning.enabled", false)? || v.flag("protocol.spooling.enabled", false)?),
        help: "set `protocol.spooling.enabled=true`, or remove the warning switch",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "SqlEnvironmentConfig",
        message: "sql.path must be a valid SQL path",
        applies: Applies::Reading("sql.path"),
        since: 435,
        keys: &["sql.path"],
        when: always,
        holds: |v| match v.text("sql.path")? {
            None | Some("") => Some(true),
            Some(path) => Some(sql_path(path).is_some()),
        },
        help: "write the path as comma-separated `catalog.schema` names, e.g. `sql.path=system.builtin,hive.functions`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "SqlEnvironmentConfig",
        message: "sql.default-function-catalog and sql.default-function-schema must be set together",
        applies: Applies::Reading("sql.path"),
        since: 435,
        keys: &["sql.default-function-catalog", "sql.default-function-schema"],
        when: always,
        holds: |v| Some(both_or_neither(v, "sql.default-function-catalog", "sql.default-function-schema")),
        help: "set both `sql.default-function-catalog` and `sql.default-function-schema`, or neither",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "SqlEnvironmentConfig",
        message: "default function schema must be in the default SQL path",
        applies: Applies::Reading("sql.path"),
        since: 435,
        keys: &["sql.default-function-schema", "sql.path"],
        when: always,
        holds: |v| {
            let (Some(catalog), Some(schema)) = (v.text("sql.default-function-catalog")?, v.text("sql.default-function-schema")?) else {
                return Some(true);
            };
            let path = sql_path(v.text("sql.path")?.unwrap_or(""));
            Some(path.is_some_and(|p| p.iter().any(|(c, s)| c.as_deref() == Some(catalog) && s == schema)))
        },
        help: "add `<catalog>.<schema>` of the default function schema to `sql.path`",
    },
    // ---- file systems (lakehouse catalogs, filesystem spooling manager) ------------------------
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "AzureAuthManagedIdentityConfig",
        message: "Both azure.user-assigned-managed-identity.client-id and azure.user-assigned-managed-identity.resource-id cannot be set",
        applies: Applies::Reading("azure.user-assigned-managed-identity.client-id"),
        since: 476,
        keys: &["azure.user-assigned-managed-identity.client-id", "azure.user-assigned-managed-identity.resource-id"],
        when: |v| Some(fs_enabled(v, "azure")? && v.is("azure.auth-type", "DEFAULT", "DEFAULT")?),
        holds: |v| Some(not_both(v, "azure.user-assigned-managed-identity.client-id", "azure.user-assigned-managed-identity.resource-id")),
        help: "keep the client id or the resource id of the managed identity, not both",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "GcsFileSystemConfig",
        message: "gcs.client.min-backoff-delay must be less than or equal to gcs.client.max-backoff-delay",
        applies: Applies::Reading("gcs.client.min-backoff-delay"),
        since: 435,
        keys: &["gcs.client.min-backoff-delay", "gcs.client.max-backoff-delay"],
        when: |v| fs_enabled(v, "gcs"),
        holds: |v| Some(v.duration("gcs.client.min-backoff-delay", "10ms")? <= v.duration("gcs.client.max-backoff-delay", "2000ms")?),
        help: "make `gcs.client.min-backoff-delay` (10ms by default) at most `gcs.client.max-backoff-delay` (2000ms by default)",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "GcsServiceAccountAuthConfig",
        message: "Either gcs.json-key or gcs.json-key-file-path must be set",
        applies: Applies::Reading("gcs.json-key"),
        since: 479,
        keys: &["gcs.json-key", "gcs.json-key-file-path", "fs.gcs.enabled"],
        when: |v| Some(fs_enabled(v, "gcs")? && v.is("gcs.auth-type", "SERVICE_ACCOUNT", "SERVICE_ACCOUNT")?),
        holds: |v| Some(exactly_one(v, "gcs.json-key", "gcs.json-key-file-path")),
        help: "set one of `gcs.json-key` and `gcs.json-key-file-path`, or choose another `gcs.auth-type` (`APPLICATION_DEFAULT`, `ACCESS_TOKEN`)",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "S3FileSystemConfig",
        message: "s3.sse.customer-key has to be set for server-side encryption with customer-provided key",
        applies: Applies::Reading("s3.sse.customer-key"),
        since: 468,
        keys: &["s3.sse.type", "s3.sse.customer-key"],
        when: |v| fs_enabled(v, "s3"),
        holds: |v| Some(!v.is("s3.sse.type", "NONE", "CUSTOMER")? || v.set("s3.sse.customer-key")),
        help: "set `s3.sse.customer-key`, or choose another `s3.sse.type`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "S3SecurityMappingConfig",
        message: "Exactly one of s3.security-mapping.config-file or s3.security-mapping.config-uri must be set",
        applies: Applies::Reading("s3.security-mapping.enabled"),
        since: 468,
        keys: &["s3.security-mapping.config-file", "s3.security-mapping.config-uri", "s3.security-mapping.enabled"],
        when: |v| Some(fs_enabled(v, "s3")? && v.flag("s3.security-mapping.enabled", false)?),
        holds: |v| Some(exactly_one(v, "s3.security-mapping.config-file", "s3.security-mapping.config-uri")),
        help: "set one of `s3.security-mapping.config-file` and `s3.security-mapping.config-uri`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "HdfsKerberosConfig",
        message: "Exactly one of `hive.hdfs.trino.keytab` or `hive.hdfs.trino.credential-cache.location` must be specified",
        applies: Applies::Reading("hive.hdfs.trino.keytab"),
        since: 435,
        keys: &["hive.hdfs.trino.keytab", "hive.hdfs.trino.credential-cache.location", "hive.hdfs.authentication.type"],
        when: |v| Some(v.flag("fs.hadoop.enabled", false)? && v.is("hive.hdfs.authentication.type", "NONE", "KERBEROS")?),
        holds: |v| Some(exactly_one(v, "hive.hdfs.trino.keytab", "hive.hdfs.trino.credential-cache.location")),
        help: "set one of `hive.hdfs.trino.keytab` and `hive.hdfs.trino.credential-cache.location`",
    },
    // ---- Hive metastore, Hive, Iceberg --------------------------------------------------------
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "MetastoreKerberosConfig",
        message: "Exactly one of `hive.metastore.client.keytab` or `hive.metastore.client.credential-cache.location` must be specified",
        applies: Applies::Reading("hive.metastore.client.keytab"),
        since: 435,
        keys: &["hive.metastore.client.keytab", "hive.metastore.client.credential-cache.location", "hive.metastore.authentication.type"],
        when: |v| Some(thrift_metastore(v)? && v.is("hive.metastore.authentication.type", "NONE", "KERBEROS")?),
        holds: |v| Some(exactly_one(v, "hive.metastore.client.keytab", "hive.metastore.client.credential-cache.location")),
        help: "set one of `hive.metastore.client.keytab` and `hive.metastore.client.credential-cache.location`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "ThriftMetastoreConfig",
        message: "Trust store must be provided when TLS is enabled",
        applies: Applies::Reading("hive.metastore.thrift.client.ssl.enabled"),
        since: 435,
        keys: &["hive.metastore.thrift.client.ssl.enabled", "hive.metastore.thrift.client.ssl.trust-certificate"],
        when: thrift_metastore,
        holds: |v| Some(!v.flag("hive.metastore.thrift.client.ssl.enabled", false)? || v.set("hive.metastore.thrift.client.ssl.trust-certificate")),
        help: "set `hive.metastore.thrift.client.ssl.trust-certificate`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "HiveConfig",
        message: "insert-existing-partitions-behavior cannot be APPEND when immutable-partitions is true",
        applies: Applies::Reading("hive.immutable-partitions"),
        since: 435,
        keys: &["hive.insert-existing-partitions-behavior", "hive.immutable-partitions"],
        when: always,
        holds: |v| {
            if !v.set("hive.insert-existing-partitions-behavior") {
                return Some(true);
            }
            Some(!(v.flag("hive.immutable-partitions", false)? && v.is("hive.insert-existing-partitions-behavior", "ERROR", "APPEND")?))
        },
        help: "use `hive.insert-existing-partitions-behavior=ERROR` or `OVERWRITE`, or `hive.immutable-partitions=false`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "IcebergConfig",
        message: "iceberg.sorted-writing.local-staging-path must not use any prefix other than file:// or local://",
        applies: Applies::Reading("iceberg.sorted-writing.local-staging-path"),
        since: 479,
        keys: &["iceberg.sorted-writing.local-staging-path"],
        when: always,
        holds: |v| match v.text("iceberg.sorted-writing.local-staging-path")? {
            None => Some(true),
            Some(path) => Some(location_scheme(path).is_none_or(|s| s == "file" || s == "local")),
        },
        help: "use a local directory, e.g. `/tmp/trino-${USER}`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "IcebergConfig",
        message: "iceberg.materialized-views.storage-schema may only be set when iceberg.materialized-views.hide-storage-table is set to false",
        applies: Applies::Reading("iceberg.materialized-views.storage-schema"),
        since: 435,
        keys: &["iceberg.materialized-views.storage-schema", "iceberg.materialized-views.hide-storage-table"],
        when: always,
        holds: |v| Some(!(v.flag("iceberg.materialized-views.hide-storage-table", true)? && v.set("iceberg.materialized-views.storage-schema"))),
        help: "add `iceberg.materialized-views.hide-storage-table=false`, or remove the storage schema",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "IcebergNessieCatalogConfig",
        message: "'iceberg.nessie-catalog.authentication.token' must be configured only with 'iceberg.nessie-catalog.authentication.type' BEARER",
        applies: Applies::Reading("iceberg.nessie-catalog.authentication.token"),
        since: 435,
        keys: &["iceberg.nessie-catalog.authentication.token", "iceberg.nessie-catalog.authentication.type"],
        when: |v| iceberg_catalog(v, "NESSIE"),
        holds: |v| Some(!v.set("iceberg.nessie-catalog.authentication.token") || v.is("iceberg.nessie-catalog.authentication.type", "", "BEARER")?),
        help: "add `iceberg.nessie-catalog.authentication.type=BEARER`, or remove the token",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "IcebergNessieCatalogConfig",
        message: "'iceberg.nessie-catalog.authentication.token' must be configured with 'iceberg.nessie-catalog.authentication.type' BEARER",
        applies: Applies::Reading("iceberg.nessie-catalog.authentication.token"),
        since: 435,
        keys: &["iceberg.nessie-catalog.authentication.type", "iceberg.nessie-catalog.authentication.token"],
        when: |v| iceberg_catalog(v, "NESSIE"),
        holds: |v| Some(!v.is("iceberg.nessie-catalog.authentication.type", "", "BEARER")? || v.set("iceberg.nessie-catalog.authentication.token")),
        help: "set `iceberg.nessie-catalog.authentication.token` (from a secret)",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "OAuth2SecurityConfig",
        message: "OAuth2 requires a credential or token",
        applies: Applies::Reading("iceberg.rest-catalog.oauth2.token"),
        since: 435,
        keys: &["iceberg.rest-catalog.security", "iceberg.rest-catalog.oauth2.credential", "iceberg.rest-catalog.oauth2.token"],
        when: |v| Some(iceberg_catalog(v, "REST")? && v.is("iceberg.rest-catalog.security", "NONE", "OAUTH2")?),
        holds: |v| Some(v.set("iceberg.rest-catalog.oauth2.credential") || v.set("iceberg.rest-catalog.oauth2.token")),
        help: "set `iceberg.rest-catalog.oauth2.credential` or `iceberg.rest-catalog.oauth2.token`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "OAuth2SecurityConfig",
        message: "Scope is applicable only when using credential",
        applies: Applies::Reading("iceberg.rest-catalog.oauth2.token"),
        since: 468,
        keys: &["iceberg.rest-catalog.oauth2.scope", "iceberg.rest-catalog.oauth2.token"],
        when: |v| Some(iceberg_catalog(v, "REST")? && v.is("iceberg.rest-catalog.security", "NONE", "OAUTH2")?),
        holds: |v| Some(not_both(v, "iceberg.rest-catalog.oauth2.token", "iceberg.rest-catalog.oauth2.scope")),
        help: "remove `iceberg.rest-catalog.oauth2.scope`, or use a credential instead of a token",
    },
    Assertion {
        rule: &JDBC_CONNECTION_URL,
        class: "IcebergSnowflakeCatalogConfig",
        message: "Invalid JDBC URL for Iceberg Snowflake catalog",
        applies: Applies::Reading("iceberg.snowflake-catalog.account-uri"),
        since: 451,
        keys: &["iceberg.snowflake-catalog.account-uri"],
        when: |v| iceberg_catalog(v, "SNOWFLAKE"),
        holds: |v| match v.text("iceberg.snowflake-catalog.account-uri")? {
            None => Some(true),
            Some(url) => Some(url.starts_with("jdbc:snowflake://")),
        },
        help: "write it like `jdbc:snowflake://account.snowflakecomputing.com`",
    },
    // ---- JDBC connectors -----------------------------------------------------------------------
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "BaseJdbcConfig",
        message: "metadata.cache-ttl or metadata.statistics.cache-ttl must be set to a non-zero value when metadata.cache-maximum-size is set",
        applies: Applies::Reading("metadata.cache-maximum-size"),
        since: 435,
        keys: &["metadata.cache-maximum-size", "metadata.cache-ttl", "metadata.statistics.cache-ttl"],
        when: always,
        holds: |v| {
            if !v.set("metadata.cache-maximum-size") || v.duration("metadata.cache-ttl", "0s")? > 0.0 {
                return Some(true);
            }
            Some(v.set("metadata.statistics.cache-ttl") && v.duration("metadata.statistics.cache-ttl", "0s")? > 0.0)
        },
        help: "set `metadata.cache-ttl` (0s by default) to a non-zero duration, or remove `metadata.cache-maximum-size`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "BaseJdbcConfig",
        message: "metadata.schemas.cache-ttl must not be set when metadata.cache-ttl is not set",
        applies: Applies::Reading("metadata.cache-maximum-size"),
        since: 435,
        keys: &["metadata.schemas.cache-ttl", "metadata.cache-ttl"],
        when: always,
        holds: |v| Some(v.duration("metadata.cache-ttl", "0s")? > 0.0 || !v.set("metadata.schemas.cache-ttl")),
        help: "set `metadata.cache-ttl` to a non-zero duration, or remove `metadata.schemas.cache-ttl`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "BaseJdbcConfig",
        message: "metadata.tables.cache-ttl must not be set when metadata.cache-ttl is not set",
        applies: Applies::Reading("metadata.cache-maximum-size"),
        since: 435,
        keys: &["metadata.tables.cache-ttl", "metadata.cache-ttl"],
        when: always,
        holds: |v| Some(v.duration("metadata.cache-ttl", "0s")? > 0.0 || !v.set("metadata.tables.cache-ttl")),
        help: "set `metadata.cache-ttl` to a non-zero duration, or remove `metadata.tables.cache-ttl`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "FormatBasedRemoteQueryModifierConfig",
        message: "Incorrect format it may consist of only letters, digits, underscores, commas, spaces, equal signs and predefined values",
        applies: Applies::Reading("query.comment-format"),
        since: 435,
        keys: &["query.comment-format"],
        when: always,
        holds: |v| Some(valid_format(v.text("query.comment-format")?.unwrap_or(""), SESSION_VALUES)),
        help: "use letters, digits, `_`, `-`, `,`, `=`, spaces and `$QUERY_ID`, `$SOURCE`, `$USER`, `$TRACE_TOKEN`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "OracleConfig",
        message: "Pool min size cannot be larger than max size",
        applies: Applies::Reading("oracle.connection-pool.max-size"),
        since: 435,
        keys: &["oracle.connection-pool.min-size", "oracle.connection-pool.max-size"],
        when: always,
        holds: |v| Some(v.long("oracle.connection-pool.max-size", 30)? >= v.long("oracle.connection-pool.min-size", 1)?),
        help: "make `oracle.connection-pool.min-size` (1 by default) at most `oracle.connection-pool.max-size` (30 by default)",
    },
    Assertion {
        rule: &JDBC_CONNECTION_URL,
        class: "MySqlJdbcConfig",
        message: "Invalid JDBC URL for MySQL connector",
        applies: Applies::Connector("mysql"),
        since: 435,
        keys: &["connection-url"],
        when: always,
        holds: |v| v.text("connection-url")?.map_or(Some(true), |url| Some(mysql_accepts(url))),
        help: "write it like `jdbc:mysql://host:3306`",
    },
    Assertion {
        rule: &JDBC_CONNECTION_URL,
        class: "MySqlJdbcConfig",
        message: "Database (catalog) must not be specified in JDBC URL for MySQL connector",
        applies: Applies::Connector("mysql"),
        since: 435,
        keys: &["connection-url"],
        when: always,
        holds: |v| match v.text("connection-url")? {
            Some(url) if mysql_accepts(url) => Some(mysql_path(url).is_some_and(str::is_empty)),
            _ => None,
        },
        help: "remove the database from the URL (`jdbc:mysql://host:3306`); each database is a schema of the catalog",
    },
    Assertion {
        rule: &JDBC_CONNECTION_URL,
        class: "MariaDbJdbcConfig",
        message: "Invalid JDBC URL for MariaDB connector",
        applies: Applies::Connector("mariadb"),
        since: 435,
        keys: &["connection-url"],
        when: always,
        holds: |v| v.text("connection-url")?.map_or(Some(true), |url| Some(mariadb_accepts(url))),
        help: "write it like `jdbc:mariadb://host:3306`",
    },
    Assertion {
        rule: &JDBC_CONNECTION_URL,
        class: "MariaDbJdbcConfig",
        message: "Database (catalog) must not be specified in JDBC URL for MariaDB connector",
        applies: Applies::Connector("mariadb"),
        since: 435,
        keys: &["connection-url"],
        when: always,
        holds: |v| match v.text("connection-url")? {
            Some(url) if mariadb_accepts(url) => Some(mariadb_database(url).is_some_and(str::is_empty)),
            _ => None,
        },
        help: "remove the database from the URL (`jdbc:mariadb://host:3306`); each database is a schema of the catalog",
    },
    Assertion {
        rule: &JDBC_CONNECTION_URL,
        class: "SingleStoreJdbcConfig",
        message: "This connector uses the official Single Store JDBC Driver. As a result, `connection-url` in catalog  configuration files needs to be updated from `jdbc:mariadb:...` to `jdbc:singlestore:...`",
        applies: Applies::Connector("singlestore"),
        since: 435,
        keys: &["connection-url"],
        when: always,
        holds: |v| v.text("connection-url")?.map_or(Some(true), |url| Some(!url.to_ascii_lowercase().starts_with("jdbc:mariadb:"))),
        help: "write it like `jdbc:singlestore://host:3306`",
    },
    Assertion {
        rule: &JDBC_CONNECTION_URL,
        class: "IgniteJdbcConfig",
        message: "JDBC URL for Ignite connector should start with jdbc:ignite:thin://",
        applies: Applies::Connector("ignite"),
        since: 435,
        keys: &["connection-url"],
        when: always,
        holds: |v| v.text("connection-url")?.map_or(Some(true), |url| Some(url.starts_with("jdbc:ignite:thin://"))),
        help: "write it like `jdbc:ignite:thin://host:10800`",
    },
    // ---- other connectors ----------------------------------------------------------------------
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "BigQueryConfig",
        message: "Incorrect bigquery.job.label-format may consist of only letters, digits, underscores, commas, spaces, equal signs and predefined values",
        applies: Applies::Reading("bigquery.job.label-format"),
        since: 435,
        keys: &["bigquery.job.label-format"],
        when: always,
        holds: |v| v.text("bigquery.job.label-format")?.map_or(Some(true), |f| Some(valid_format(f, SESSION_VALUES))),
        help: "use letters, digits, `_`, `-`, `,`, `=`, spaces and `$QUERY_ID`, `$SOURCE`, `$USER`, `$TRACE_TOKEN`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "BigQueryConfig",
        message: "View expiration duration must be longer than view cache TTL",
        applies: Applies::Reading("bigquery.views-cache-ttl"),
        since: 476,
        keys: &["bigquery.view-expire-duration", "bigquery.views-cache-ttl"],
        when: always,
        holds: |v| Some(v.duration("bigquery.view-expire-duration", "24h")? > v.duration("bigquery.views-cache-ttl", "15m")?),
        help: "make `bigquery.view-expire-duration` (24h by default) longer than `bigquery.views-cache-ttl` (15m by default)",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "BigQueryConfig",
        message: "bigquery.views-enabled config property must be enabled when bigquery.skip-view-materialization is enabled",
        applies: Applies::Reading("bigquery.views-enabled"),
        since: 476,
        keys: &["bigquery.skip-view-materialization", "bigquery.views-enabled"],
        when: always,
        holds: |v| Some(!v.flag("bigquery.skip-view-materialization", false)? || v.flag("bigquery.views-enabled", false)?),
        help: "add `bigquery.views-enabled=true`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "BigQueryConfig",
        message: "bigquery.views-enabled config property must be enabled when bigquery.view-materialization-with-filter is enabled",
        applies: Applies::Reading("bigquery.views-enabled"),
        since: 476,
        keys: &["bigquery.view-materialization-with-filter", "bigquery.views-enabled"],
        when: always,
        holds: |v| Some(!v.flag("bigquery.view-materialization-with-filter", false)? || v.flag("bigquery.views-enabled", false)?),
        help: "add `bigquery.views-enabled=true`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "BigQueryConfig",
        message: "bigquery.case-insensitive-name-matching config must be enabled when bigquery.case-insensitive-name-matching.cache-ttl is set",
        applies: Applies::Reading("bigquery.case-insensitive-name-matching"),
        since: 476,
        keys: &["bigquery.case-insensitive-name-matching.cache-ttl", "bigquery.case-insensitive-name-matching"],
        when: always,
        holds: |v| Some(v.duration("bigquery.case-insensitive-name-matching.cache-ttl", "0ms")? == 0.0 || v.flag("bigquery.case-insensitive-name-matching", false)?),
        help: "add `bigquery.case-insensitive-name-matching=true`, or remove the cache TTL",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "BigQueryProxyConfig",
        message: "BigQuery RPC proxy URI cannot specify path",
        applies: Applies::Reading("bigquery.rpc-proxy.uri"),
        since: 476,
        keys: &["bigquery.rpc-proxy.uri"],
        when: |v| v.flag("bigquery.rpc-proxy.enabled", false),
        holds: |v| {
            let Some(uri) = v.text("bigquery.rpc-proxy.uri")? else {
                return Some(true);
            };
            let after = uri.split_once("://").map_or(uri, |(_, rest)| rest);
            let path = after.find('/').map_or("", |i| &after[i..]);
            let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
            Some(path.is_empty())
        },
        help: "give only scheme, host and port, e.g. `http://proxy:8080`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "BigQueryProxyConfig",
        message: "bigquery.rpc-proxy.username was set but bigquery.rpc-proxy.password is empty",
        applies: Applies::Reading("bigquery.rpc-proxy.uri"),
        since: 476,
        keys: &["bigquery.rpc-proxy.username", "bigquery.rpc-proxy.password"],
        when: |v| v.flag("bigquery.rpc-proxy.enabled", false),
        holds: |v| Some(requires(v, "bigquery.rpc-proxy.username", "bigquery.rpc-proxy.password")),
        help: "set `bigquery.rpc-proxy.password` (from a secret)",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "BigQueryProxyConfig",
        message: "bigquery.rpc-proxy.password was set but bigquery.rpc-proxy.username is empty",
        applies: Applies::Reading("bigquery.rpc-proxy.uri"),
        since: 476,
        keys: &["bigquery.rpc-proxy.password", "bigquery.rpc-proxy.username"],
        when: |v| v.flag("bigquery.rpc-proxy.enabled", false),
        holds: |v| Some(requires(v, "bigquery.rpc-proxy.password", "bigquery.rpc-proxy.username")),
        help: "set `bigquery.rpc-proxy.username`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "StaticCredentialsConfig",
        message: "Exactly one of 'bigquery.credentials-key' or 'bigquery.credentials-file' must be specified",
        applies: Applies::Reading("bigquery.credentials-key"),
        since: 435,
        keys: &["bigquery.credentials-key", "bigquery.credentials-file"],
        when: always,
        // Despite the message, only both at once fail: without either the connector uses the
        // default credentials.
        holds: |v| Some(not_both(v, "bigquery.credentials-key", "bigquery.credentials-file")),
        help: "keep `bigquery.credentials-key` or `bigquery.credentials-file`, not both",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "SheetsConfig",
        message: "Exactly one of 'gsheets.credentials-key' or 'gsheets.credentials-path' must be specified",
        applies: Applies::Reading("gsheets.credentials-key"),
        since: 435,
        keys: &["gsheets.credentials-key", "gsheets.credentials-path"],
        when: always,
        holds: |v| Some(exactly_one(v, "gsheets.credentials-key", "gsheets.credentials-path")),
        help: "set one of `gsheets.credentials-key` and `gsheets.credentials-path`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "KafkaSecurityConfig",
        message: "Only PLAINTEXT and SSL security protocols are supported. See 'kafka.config.resources' if other security protocols are needed",
        applies: Applies::Reading("kafka.security-protocol"),
        since: 476,
        keys: &["kafka.security-protocol"],
        when: always,
        holds: |v| match v.text("kafka.security-protocol")? {
            None => Some(true),
            Some(p) => {
                let p = p.replace('-', "_").to_ascii_uppercase();
                Some(p == "PLAINTEXT" || p == "SSL")
            }
        },
        help: "use `PLAINTEXT` or `SSL`; give SASL settings in a file named by `kafka.config.resources`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "KafkaSslConfig",
        message: "kafka.ssl.keystore.password must be set when kafka.ssl.keystore.location is given",
        applies: Applies::Reading("kafka.ssl.keystore.location"),
        since: 476,
        keys: &["kafka.ssl.keystore.location", "kafka.ssl.keystore.password"],
        when: |v| v.is("kafka.security-protocol", "", "SSL"),
        holds: |v| Some(requires(v, "kafka.ssl.keystore.location", "kafka.ssl.keystore.password")),
        help: "set `kafka.ssl.keystore.password` (from a secret)",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "KafkaSslConfig",
        message: "kafka.ssl.truststore.password must be set when kafka.ssl.truststore.location is given",
        applies: Applies::Reading("kafka.ssl.truststore.location"),
        since: 476,
        keys: &["kafka.ssl.truststore.location", "kafka.ssl.truststore.password"],
        when: |v| v.is("kafka.security-protocol", "", "SSL"),
        holds: |v| Some(requires(v, "kafka.ssl.truststore.location", "kafka.ssl.truststore.password")),
        help: "set `kafka.ssl.truststore.password` (from a secret)",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "PinotConfig",
        message: "Invalid configuration: pinot.aggregation-pushdown.enabled must be enabled if pinot.count-distinct-pushdown.enabled",
        applies: Applies::Reading("pinot.count-distinct-pushdown.enabled"),
        since: 476,
        keys: &["pinot.aggregation-pushdown.enabled", "pinot.count-distinct-pushdown.enabled"],
        when: always,
        holds: |v| Some(v.flag("pinot.aggregation-pushdown.enabled", true)? || !v.flag("pinot.count-distinct-pushdown.enabled", true)?),
        help: "with `pinot.aggregation-pushdown.enabled=false` also set `pinot.count-distinct-pushdown.enabled=false` (it is true by default)",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "PinotConfig",
        message: "All controller URLs must have the same scheme",
        applies: Applies::Reading("pinot.controller-urls"),
        since: 435,
        keys: &["pinot.controller-urls"],
        when: always,
        holds: |v| {
            let Some(urls) = v.text("pinot.controller-urls")? else {
                return Some(true);
            };
            let schemes: BTreeSet<&str> = split_list(urls)
                .map(|u| if u.starts_with("https://") { "https" } else { "http" })
                .collect();
            Some(schemes.len() <= 1)
        },
        help: "use `http://` for every controller, or `https://` for every one",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "PinotGrpcServerQueryClientTlsConfig",
        message: "pinot.grpc.tls.keystore-password must be set when pinot.grpc.tls.keystore-path is given",
        applies: Applies::Reading("pinot.grpc.tls.keystore-path"),
        since: 476,
        keys: &["pinot.grpc.tls.keystore-path", "pinot.grpc.tls.keystore-password"],
        when: |v| Some(!v.flag("pinot.grpc.use-plain-text", true)?),
        holds: |v| Some(requires(v, "pinot.grpc.tls.keystore-path", "pinot.grpc.tls.keystore-password")),
        help: "set `pinot.grpc.tls.keystore-password` (from a secret)",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "PinotGrpcServerQueryClientTlsConfig",
        message: "pinot.grpc.tls.truststore-password must be set when pinot.grpc.tls.truststore-path is given",
        applies: Applies::Reading("pinot.grpc.tls.truststore-path"),
        since: 476,
        keys: &["pinot.grpc.tls.truststore-path", "pinot.grpc.tls.truststore-password"],
        when: |v| Some(!v.flag("pinot.grpc.use-plain-text", true)?),
        holds: |v| Some(requires(v, "pinot.grpc.tls.truststore-path", "pinot.grpc.tls.truststore-password")),
        help: "set `pinot.grpc.tls.truststore-password` (from a secret)",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "PrometheusConnectorConfig",
        message: "prometheus.max.query.range.duration must be greater than prometheus.query.chunk.size.duration",
        applies: Applies::Reading("prometheus.max.query.range.duration"),
        since: 476,
        keys: &["prometheus.max.query.range.duration", "prometheus.query.chunk.size.duration"],
        when: always,
        // Compared in whole seconds, equality allowed.
        holds: |v| Some(v.duration("prometheus.max.query.range.duration", "21d")?.trunc() >= v.duration("prometheus.query.chunk.size.duration", "1d")?.trunc()),
        help: "make `prometheus.max.query.range.duration` (21d by default) at least `prometheus.query.chunk.size.duration` (1d by default)",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "PrometheusConnectorConfig",
        message: "Either one of bearer token file or basic authentication should be used",
        applies: Applies::Reading("prometheus.bearer.token.file"),
        since: 476,
        keys: &["prometheus.bearer.token.file", "prometheus.auth.user", "prometheus.auth.password"],
        when: always,
        holds: |v| Some(!(v.set("prometheus.bearer.token.file") && (v.set("prometheus.auth.user") || v.set("prometheus.auth.password")))),
        help: "keep the bearer token file or the user and password, not both",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "PrometheusConnectorConfig",
        message: "Both username and password must be set when using basic authentication",
        applies: Applies::Reading("prometheus.bearer.token.file"),
        since: 476,
        keys: &["prometheus.auth.user", "prometheus.auth.password"],
        when: always,
        holds: |v| Some(both_or_neither(v, "prometheus.auth.user", "prometheus.auth.password")),
        help: "set both `prometheus.auth.user` and `prometheus.auth.password`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "PrometheusConnectorConfig",
        message: "Additional headers can not include authorization header",
        applies: Applies::Reading("prometheus.http.additional-headers"),
        since: 476,
        keys: &["prometheus.http.additional-headers", "prometheus.auth.http.header.name"],
        when: always,
        holds: |v| {
            let Some(headers) = v.text("prometheus.http.additional-headers")? else {
                return Some(true);
            };
            let auth = v.text("prometheus.auth.http.header.name")?.unwrap_or("Authorization");
            Some(!header_names(headers)?.iter().any(|h| h == auth))
        },
        help: "remove the authorization header from `prometheus.http.additional-headers`; use the bearer token file or user and password",
    },
    // ---- plugins -------------------------------------------------------------------------------
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "LdapClientConfig",
        message: "Connecting to the LDAP server without SSL enabled requires `ldap.allow-insecure=true`",
        applies: Applies::Reading("ldap.url"),
        since: 435,
        keys: &["ldap.url", "ldap.allow-insecure"],
        when: always,
        holds: |v| Some(v.text("ldap.url")?.unwrap_or("").starts_with("ldaps://") || v.flag("ldap.allow-insecure", false)?),
        help: "use an `ldaps://` URL, or accept plain LDAP with `ldap.allow-insecure=true`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "ExchangeS3Config",
        message: "Property value of exchange.s3.sse.kms-key-id needs to be provided only when exchange.s3.sse.type=KMS",
        applies: Applies::Reading("exchange.s3.sse.kms-key-id"),
        since: 468,
        keys: &["exchange.s3.sse.kms-key-id", "exchange.s3.sse.type"],
        when: |v| {
            // `ExchangeS3Config` is bound for `s3://` and `gs://` base directories.
            let dirs = v.text("exchange.base-directories")?.or(v.text("exchange.base-directory")?)?;
            Some(split_list(dirs).all(|d| {
                let d = d.to_ascii_lowercase();
                d.starts_with("s3://") || d.starts_with("gs://")
            }))
        },
        holds: |v| Some(!v.set("exchange.s3.sse.kms-key-id") || v.is("exchange.s3.sse.type", "NONE", "KMS")?),
        help: "set `exchange.s3.sse.type=KMS`, or remove the key id",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "FileSystemSpoolingConfig",
        message: "At least one storage file system must be enabled",
        applies: Applies::Reading("fs.location"),
        since: 468,
        keys: &["fs.s3.enabled", "fs.gcs.enabled", "fs.azure.enabled"],
        when: always,
        holds: |v| Some(fs_enabled(v, "azure")? || fs_enabled(v, "s3")? || fs_enabled(v, "gcs")?),
        help: "enable the storage of `fs.location`: `fs.s3.enabled=true`, `fs.gcs.enabled=true` or `fs.azure.enabled=true`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "FileSystemSpoolingConfig",
        message: "Location must end with a slash",
        applies: Applies::Reading("fs.location"),
        since: 468,
        keys: &["fs.location"],
        when: always,
        holds: |v| v.text("fs.location")?.map(|l| l.ends_with('/')),
        help: "end `fs.location` with `/`, e.g. `s3://bucket/spooling/`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "KafkaEventListenerConfig",
        message: "Created topic name must be configured when publishing created events is enabled.",
        applies: Applies::Reading("kafka-event-listener.created-event.topic"),
        since: 468,
        keys: &["kafka-event-listener.created-event.topic", "kafka-event-listener.publish-created-event"],
        when: always,
        holds: |v| Some(!v.flag("kafka-event-listener.publish-created-event", true)? || !v.text("kafka-event-listener.created-event.topic")?.unwrap_or("").trim().is_empty()),
        help: "set `kafka-event-listener.created-event.topic`, or `kafka-event-listener.publish-created-event=false` (it is true by default)",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "KafkaEventListenerConfig",
        message: "Completed topic name must be configured when publishing completed events is enabled.",
        applies: Applies::Reading("kafka-event-listener.completed-event.topic"),
        since: 468,
        keys: &["kafka-event-listener.completed-event.topic", "kafka-event-listener.publish-completed-event"],
        when: always,
        holds: |v| Some(!v.flag("kafka-event-listener.publish-completed-event", true)? || !v.text("kafka-event-listener.completed-event.topic")?.unwrap_or("").trim().is_empty()),
        help: "set `kafka-event-listener.completed-event.topic`, or `kafka-event-listener.publish-completed-event=false` (it is true by default)",
    },
    Assertion {
        rule: &JDBC_CONNECTION_URL,
        class: "MysqlEventListenerConfig",
        message: "Invalid JDBC URL for MySQL event listener",
        applies: Applies::Reading("mysql-event-listener.db.url"),
        since: 468,
        keys: &["mysql-event-listener.db.url"],
        when: always,
        holds: |v| v.text("mysql-event-listener.db.url")?.map_or(Some(true), |url| Some(mysql_accepts(url))),
        help: "write it like `jdbc:mysql://host:3306/trino_events`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "OpenLineageListenerConfig",
        message: "Correct job name format may consist of only letters, digits, underscores, commas, spaces, equal signs and predefined values",
        applies: Applies::Reading("openlineage-event-listener.job.name-format"),
        since: 479,
        keys: &["openlineage-event-listener.job.name-format"],
        when: always,
        holds: |v| Some(valid_format(v.text("openlineage-event-listener.job.name-format")?.unwrap_or("$QUERY_ID"), OPENLINEAGE_VALUES)),
        help: "use letters, digits, `_`, `-`, `,`, `=`, spaces and `$QUERY_ID`, `$SOURCE`, `$CLIENT_IP`, `$USER`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "DbResourceGroupConfig",
        message: "maxRefreshInterval must be greater than refreshInterval",
        applies: Applies::Reading("resource-groups.max-refresh-interval"),
        since: 435,
        keys: &["resource-groups.max-refresh-interval", "resource-groups.refresh-interval"],
        when: always,
        holds: |v| Some(v.duration("resource-groups.max-refresh-interval", "1h")? > v.duration("resource-groups.refresh-interval", "1s")?),
        help: "make `resource-groups.max-refresh-interval` (1h by default) longer than `resource-groups.refresh-interval` (1s by default)",
    },
];

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
    let version = cat.trino_version();
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
    for target in &targets {
        let scope = Scope::parse(&target.scope_id);
        let mut files = Vec::new();
        if scope == Scope::Server {
            files.extend(node_props);
        }
        files.push(target.props);
        let values = Values::new(cat, scope, files);
        for a in ASSERTIONS.iter().filter(|a| a.since <= version) {
            match a.applies {
                Applies::Reading(anchor) => {
                    let Lookup::Known(info) = cat.lookup(anchor, scope) else {
                        continue;
                    };
                    if info.coordinator_only && role == Role::Worker && scope == Scope::Server {
                        continue;
                    }
                    judge(cx, target, &values, a);
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
            matches!(cat.lookup(&e.key, scope), Lookup::Known(_))
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
    ASSERTIONS.iter().map(|a| (a.class, a.message, a.rule.code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mysql_urls_read_as_connector_j_reads_them() {
        assert!(mysql_accepts("jdbc:mysql://host:3306"));
        assert!(mysql_accepts("JDBC:MYSQL://host"));
        assert!(mysql_accepts("jdbc:mysql:loadbalance://a,b"));
        assert!(mysql_accepts("jdbc:mysql+srv://cluster"));
        assert!(!mysql_accepts("jdbc:mariadb://host:3306"));
        assert!(!mysql_accepts("jdbc:mysql:host:3306"));
        assert_eq!(
            mysql_path("jdbc:mysql://host:3306/productsdb"),
            Some("productsdb")
        );
        assert_eq!(mysql_path("jdbc:mysql://host:3306"), Some(""));
        assert_eq!(mysql_path("jdbc:mysql://host:3306/"), Some(""));
        assert_eq!(mysql_path("jdbc:mysql://host:3306?useSSL=true"), Some(""));
        assert_eq!(mysql_path("jdbc:mysql://host:3306/?useSSL=true"), Some(""));
        assert_eq!(
            mysql_path("jdbc:mysql://u:p@host:3306/shop?a=b"),
            Some("shop")
        );
        assert_eq!(mysql_path("jdbc:mysql://host//x"), None);
    }

    #[test]
    fn mariadb_urls_read_as_the_driver_reads_them() {
        assert!(mariadb_accepts("jdbc:mariadb://host:3306"));
        assert!(!mariadb_accepts("jdbc:mysql://host:3306"));
        assert!(mariadb_accepts("jdbc:mysql://host:3306?permitMysqlScheme"));
        assert_eq!(mariadb_database("jdbc:mariadb://host:3306/db"), Some("db"));
        assert_eq!(
            mariadb_database("jdbc:mariadb://host:3306/db?x=1"),
            Some("db")
        );
        assert_eq!(mariadb_database("jdbc:mariadb://host:3306/?x=1"), Some(""));
        assert_eq!(mariadb_database("jdbc:mariadb://host:3306?x=/y"), Some(""));
        assert_eq!(mariadb_database("jdbc:mariadb://host:3306"), Some(""));
        assert_eq!(mariadb_database("jdbc:mariadb:host"), None);
    }

    #[test]
    fn formats_and_paths() {
        assert!(valid_format("$QUERY_ID", SESSION_VALUES));
        assert!(valid_format(
            "query=$QUERY_ID, user-$USER_x",
            SESSION_VALUES
        ));
        assert!(!valid_format("$query_id", SESSION_VALUES));
        assert!(!valid_format("a.b", SESSION_VALUES));
        assert!(!valid_format("$CLIENT_IP", SESSION_VALUES));
        assert!(valid_format("$CLIENT_IP", OPENLINEAGE_VALUES));
        assert_eq!(
            sql_path("system.builtin, hive.fn"),
            Some(vec![
                (Some("system".into()), "builtin".into()),
                (Some("hive".into()), "fn".into())
            ])
        );
        assert_eq!(
            sql_path("\"my cat\".s"),
            Some(vec![(Some("my cat".into()), "s".into())])
        );
        assert_eq!(sql_path("a.b.c"), None);
        assert_eq!(sql_path("a,,b"), None);
        assert_eq!(sql_path("1a"), None);
        assert_eq!(
            base64_len("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="),
            Some(32)
        );
        assert_eq!(base64_len("c2VjcmV0"), Some(6));
        assert_eq!(base64_len("not base64!"), None);
        assert_eq!(
            header_names("Authorization: x, X-A\\:b: y"),
            Some(vec!["Authorization".into(), "X-A\\:b".into()])
        );
        assert_eq!(header_names("broken"), None);
    }

    fn codes(files: &[(&str, &str)]) -> Vec<(&'static str, String)> {
        use crate::input::{self, NodeFiles};
        use crate::model::SourceFile;
        let files = files
            .iter()
            .map(|(rel, text)| SourceFile::standalone(*rel, format!("etc/{rel}"), *text))
            .collect();
        crate::check(&input::cluster(vec![NodeFiles {
            label: "etc".into(),
            files,
            ..NodeFiles::default()
        }]))
        .into_iter()
        .filter(|d| d.code.starts_with("TA"))
        .map(|d| (d.code, d.message))
        .collect()
    }

    const SERVER: &str =
        "coordinator=true\nhttp-server.http.port=8080\ndiscovery.uri=http://c:8080\n";

    #[test]
    fn checks_run_only_where_trino_binds_the_class() {
        // HTTPS settings only with HTTPS on.
        let off = format!("{SERVER}http-server.https.port=8443\n");
        assert!(codes(&[("config.properties", &off)]).is_empty());
        let on = format!("{SERVER}http-server.https.enabled=true\n");
        assert_eq!(codes(&[("config.properties", &on)]).len(), 1);
        // Trino supplies the automatic secret itself for required internal HTTPS.
        let internal = format!(
            "{on}internal-communication.https.required=true\ninternal-communication.shared-secret=${{ENV:S}}\n"
        );
        assert!(codes(&[("config.properties", &internal)]).is_empty());
        // GCS settings only with the GCS file system on; the legacy switch counts.
        let gcs = "connector.name=hive\nhive.metastore.uri=thrift://m:9083\n";
        assert!(codes(&[("catalog/h.properties", gcs)]).is_empty());
        let legacy = format!("{gcs}fs.native-gcs.enabled=true\n");
        let found = codes(&[("catalog/h.properties", &legacy)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.contains("gcs.json-key"));
        let keyed = format!("{legacy}gcs.json-key-file-path=/k.json\n");
        assert!(codes(&[("catalog/h.properties", &keyed)]).is_empty());
    }

    #[test]
    fn defaults_count_and_placeholders_are_not_judged() {
        // `pinot.count-distinct-pushdown.enabled` is true by default.
        let pinot = "connector.name=pinot\npinot.controller-urls=c:9000\npinot.aggregation-pushdown.enabled=false\n";
        assert_eq!(codes(&[("catalog/p.properties", pinot)]).len(), 1);
        // A placeholder is resolved at startup: not judged.
        let mysql = "connector.name=mysql\nconnection-url=${ENV:URL}\n";
        assert!(codes(&[("catalog/m.properties", mysql)]).is_empty());
        // The database check only follows an accepted scheme.
        let scheme = "connector.name=mysql\nconnection-url=jdbc:mariadb://h:3306/db\n";
        let found = codes(&[("catalog/m.properties", scheme)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.contains("Invalid JDBC URL for MySQL connector"));
        let ok = "connector.name=mysql\nconnection-url=jdbc:mysql://h:3306/?useSSL=true\n";
        assert!(codes(&[("catalog/m.properties", ok)]).is_empty());
    }

    #[test]
    fn node_properties_count_for_the_server() {
        let node = "node.environment=prod\nnode.annotations=a=b\nnode.annotation-file=/etc/a\n";
        let found = codes(&[("config.properties", SERVER), ("node.properties", node)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.starts_with("Trino refuses to start"));
    }

    #[test]
    fn every_assertion_has_a_fix_and_a_known_class() {
        for a in ASSERTIONS {
            assert!(!a.keys.is_empty(), "{}", a.message);
            assert!(!a.help.is_empty(), "{}", a.message);
        }
    }
}
