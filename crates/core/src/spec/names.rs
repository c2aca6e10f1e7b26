//! Names the spec gives: the cluster, its environment, paths in the container, catalogs,
//! Kubernetes namespaces, images and labels. Each must be a name Kubernetes or Trino accepts.

// A field check takes a reference to the field's own type (`&Option<String>`).
#![allow(clippy::ref_option)]

use indexmap::IndexMap;

use super::read::Found;
use super::spans::join;
use crate::kubernetes_names::{
    image_problem, label_key_problem, label_value_problem, logger_problem, service_account_problem,
    OWN_LABELS,
};
use crate::rules;

/// A string shortened and with control characters escaped, safe to show in a message.
pub fn printable(s: &str) -> String {
    let mut out: String = s.chars().take(80).flat_map(char::escape_debug).collect();
    if s.chars().count() > 80 {
        out.push('…');
    }
    out
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

/// RFC 1123 subdomain: dot-separated labels, at most 253 characters.
pub fn is_dns_subdomain(s: &str) -> bool {
    !s.is_empty() && s.len() <= 253 && s.split('.').all(|l| is_dns_label(l, 63))
}

/// `[a-z0-9][_a-z0-9]*`: Trino's `node.environment`, and the form trinocfg requires of
/// catalog, schema and table names.
pub fn is_trino_identifier(s: &str) -> bool {
    let mut bytes = s.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && s.len() <= 128
}

/// An environment variable name: letters, digits and `_`, not starting with a digit.
pub fn is_env_name(s: &str) -> bool {
    let mut bytes = s.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && s.len() <= 200
}

/// A container path: absolute, printable, no `..`.
pub fn is_container_path(s: &str) -> bool {
    s.starts_with('/')
        && s.len() <= 1024
        && !s.split('/').any(|seg| seg == "..")
        && s.chars()
            .all(|c| !c.is_control() && c != '\\' && c != ' ' && c != ':')
}

/// `cluster.name`: it prefixes every Kubernetes object name.
// Checks take the field's own type (`String`).
#[allow(clippy::ptr_arg)]
pub(crate) fn cluster_name(name: &String, at: &mut Found<'_, '_>) {
    if !is_dns_label(name, 40) {
        at.error(
            &rules::SPEC_INVALID_NAME,
            format!("cluster name `{}` is not a valid Kubernetes name", printable(name)),
            "use 1–40 lowercase letters, digits and `-`, starting and ending with a letter or digit, e.g. `analytics`",
        );
    }
}

/// `cluster.environment`: Trino's `node.environment`.
// Checks take the field's own type (`String`).
#[allow(clippy::ptr_arg)]
pub(crate) fn environment(env: &String, at: &mut Found<'_, '_>) {
    if !is_trino_identifier(env) {
        at.error(
            &rules::SPEC_INVALID_NAME,
            format!(
                "environment `{}` does not match Trino's `[a-z0-9][_a-z0-9]*`",
                printable(env)
            ),
            "use lowercase letters, digits and `_`, e.g. `production`",
        );
    }
}

/// A directory inside the container.
// Checks take the field's own type (`String`).
#[allow(clippy::ptr_arg)]
pub(crate) fn container_path(path: &String, at: &mut Found<'_, '_>) {
    if !is_container_path(path) {
        at.error(
            &rules::SPEC_INVALID_VALUE,
            format!("`{}` is not an absolute container path", printable(path)),
            "use an absolute path without spaces, `:`, `\\`, `..` or control characters, e.g. `/etc/trino`",
        );
    }
}

/// A catalog name: it becomes a file name and an SQL identifier.
pub(crate) fn catalog_name(name: &str, at: &mut Found<'_, '_>) {
    if !is_trino_identifier(name) || name == "system" {
        let why = if name == "system" {
            "is reserved by Trino"
        } else {
            "is not a valid catalog name"
        };
        at.error(
            &rules::SPEC_INVALID_NAME,
            format!("catalog name `{}` {why}", printable(name)),
            "catalog names become file names and SQL identifiers: use lowercase letters, digits and `_`, e.g. `lakehouse`",
        );
    }
}

/// `kubernetes.namespace`.
pub(crate) fn namespace(ns: &Option<String>, at: &mut Found<'_, '_>) {
    if let Some(ns) = ns {
        if !is_dns_label(ns, 63) {
            at.error(
                &rules::SPEC_INVALID_NAME,
                format!(
                    "namespace `{}` is not a valid Kubernetes name",
                    printable(ns)
                ),
                "use lowercase letters, digits and `-`",
            );
        }
    }
}

/// `kubernetes.env_from`: names of Secrets.
// A field's check takes a reference to the field's own type.
#[allow(clippy::ptr_arg)]
pub(crate) fn secret_names(names: &Vec<String>, at: &mut Found<'_, '_>) {
    for (i, name) in names.iter().enumerate() {
        if !is_dns_subdomain(name) {
            let path = format!("{}[{i}]", at.path());
            at.error_at(
                &path,
                &rules::SPEC_INVALID_NAME,
                format!(
                    "`{}` is not a valid Kubernetes Secret name",
                    printable(name)
                ),
                "use lowercase letters, digits, `-` and `.`",
            );
        }
    }
}

/// `kubernetes.image`: a reference Kubernetes can pull.
pub(crate) fn image(image: &Option<String>, at: &mut Found<'_, '_>) {
    if let Some(why) = image.as_deref().and_then(image_problem) {
        let image = image.as_deref().unwrap_or_default();
        at.error(
            &rules::SPEC_INVALID_NAME,
            format!("image `{}` is not a valid reference: {why}", printable(image)),
            "write an image reference such as `trinodb/trino:482` or `registry.example.com/trino:482`",
        );
    }
}

/// An image that must be given (the gateway's).
#[allow(clippy::ptr_arg)]
pub(crate) fn image_required(image: &String, at: &mut Found<'_, '_>) {
    self::image(&Some(image.clone()), at);
}

/// `kubernetes.service_account`: the name of a service account.
pub(crate) fn service_account(name: &Option<String>, at: &mut Found<'_, '_>) {
    if let Some(why) = name.as_deref().and_then(service_account_problem) {
        at.error(
            &rules::SPEC_INVALID_NAME,
            why,
            "use the name of an existing ServiceAccount, e.g. `trino`",
        );
    }
}

/// `kubernetes.labels`: label keys and values by the API's rules, and none that trinocfg sets.
pub(crate) fn labels(labels: &IndexMap<String, String>, at: &mut Found<'_, '_>) {
    for (key, value) in labels {
        let problem = if OWN_LABELS.contains(&key.as_str()) {
            Some((
                format!("label `{key}` is set by trinocfg; the Deployments' selectors rely on it"),
                "remove it, or use a label of your own prefix",
            ))
        } else if let Some(why) = label_key_problem(key) {
            Some((
                format!("label key `{}` is not valid: {why}", printable(key)),
                "write `prefix/name` or `name`, e.g. `example.com/team`",
            ))
        } else {
            label_value_problem(value).map(|why| {
                (
                    format!("label `{}` is not valid: {why}", printable(key)),
                    "use at most 63 letters, digits, `-`, `_` and `.`, e.g. `analytics`",
                )
            })
        };
        if let Some((message, help)) = problem {
            let path = join(at.path(), key);
            at.error_at(&path, &rules::SPEC_INVALID_NAME, message, help);
        }
    }
}

/// `log_levels`: keys are Java logger names.
pub(crate) fn loggers(levels: &IndexMap<String, String>, at: &mut Found<'_, '_>) {
    for logger in levels.keys() {
        if let Some(why) = logger_problem(logger) {
            let path = join(at.path(), logger);
            at.error_at(
                &path,
                &rules::SPEC_INVALID_NAME,
                why,
                "name a Java package or class, e.g. `io.trino.plugin.hive`",
            );
        }
    }
}

/// A key with a value of its own kind, reported at `path.key`.
fn bad(at: &mut Found<'_, '_>, key: &str, message: String, help: &str) {
    let path = join(at.path(), key);
    at.error_at(&path, &rules::SPEC_INVALID_NAME, message, help);
}

/// Label keys and values that are not trinocfg's own: `nodeSelector`, `ServiceMonitor` labels.
pub(crate) fn label_map(labels: &IndexMap<String, String>, at: &mut Found<'_, '_>) {
    for (key, value) in labels {
        if let Some(why) = label_key_problem(key) {
            bad(
                at,
                key,
                format!("label key `{}` is not valid: {why}", printable(key)),
                "write `prefix/name` or `name`, e.g. `karpenter.sh/capacity-type`",
            );
        } else if let Some(why) = label_value_problem(value) {
            bad(
                at,
                key,
                format!("label `{}` is not valid: {why}", printable(key)),
                "use at most 63 letters, digits, `-`, `_` and `.`",
            );
        }
    }
}

/// Annotations: keys as label keys, values any text.
pub(crate) fn annotations(annotations: &IndexMap<String, String>, at: &mut Found<'_, '_>) {
    for key in annotations.keys() {
        if let Some(why) = label_key_problem(key) {
            bad(
                at,
                key,
                format!("annotation key `{}` is not valid: {why}", printable(key)),
                "write `prefix/name` or `name`, e.g. `eks.amazonaws.com/role-arn`",
            );
        }
    }
}

/// A label key (a toleration's taint key).
#[allow(clippy::ptr_arg)]
pub(crate) fn label_key(key: &String, at: &mut Found<'_, '_>) {
    if let Some(why) = label_key_problem(key) {
        at.error(
            &rules::SPEC_INVALID_NAME,
            format!("`{}` is not a valid key: {why}", printable(key)),
            "write `prefix/name` or `name`, e.g. `karpenter.sh/capacity-type`",
        );
    }
}

/// Label values (zones).
#[allow(clippy::ptr_arg)]
pub(crate) fn label_values(values: &Vec<String>, at: &mut Found<'_, '_>) {
    for (i, v) in values.iter().enumerate() {
        if v.is_empty() || label_value_problem(v).is_some() {
            let path = format!("{}[{i}]", at.path());
            at.error_at(
                &path,
                &rules::SPEC_INVALID_NAME,
                format!("`{}` is not a valid label value", printable(v)),
                "write a zone such as `us-west-2a`",
            );
        }
    }
}

/// An optional DNS subdomain name (a priority class).
pub(crate) fn dns_subdomain(name: &Option<String>, at: &mut Found<'_, '_>) {
    if let Some(name) = name.as_deref().filter(|n| !is_dns_subdomain(n)) {
        at.error(
            &rules::SPEC_INVALID_NAME,
            format!("`{}` is not a valid Kubernetes name", printable(name)),
            "use lowercase letters, digits, `-` and `.`",
        );
    }
}

/// An optional absolute path (of the node, for a `hostPath`).
pub(crate) fn container_path_opt(path: &Option<String>, at: &mut Found<'_, '_>) {
    if let Some(p) = path.as_deref().filter(|p| !is_container_path(p)) {
        at.error(
            &rules::SPEC_INVALID_NAME,
            format!("`{}` is not an absolute path", printable(p)),
            "write an absolute path without spaces, `:` or `..`, e.g. `/mnt/k8s-disks/0`",
        );
    }
}

/// A Prometheus metric name: `[a-zA-Z_:][a-zA-Z0-9_:]*`.
#[allow(clippy::ptr_arg)]
pub(crate) fn metric_name(name: &String, at: &mut Found<'_, '_>) {
    let mut chars = name.chars();
    let ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == ':')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
        && name.len() <= 200;
    if !ok {
        at.error(
            &rules::SPEC_INVALID_NAME,
            format!("`{}` is not a Prometheus metric name", printable(name)),
            "use letters, digits, `_` and `:`, e.g. `trino_running_queries`",
        );
    }
}

/// A Kubernetes quantity (`10`, `500m`, `1k`).
#[allow(clippy::ptr_arg)]
pub(crate) fn quantity(q: &String, at: &mut Found<'_, '_>) {
    if crate::units::parse_k8s_cpu(q).is_err() && crate::units::parse_k8s_memory(q).is_err() {
        at.error(
            &rules::SPEC_INVALID_VALUE,
            format!("`{}` is not a Kubernetes quantity", printable(q)),
            "write a number such as `10` or `500m`",
        );
    }
}

/// A Trino user name the preStop hook sends in a shell command: no quoting characters.
#[allow(clippy::ptr_arg)]
pub(crate) fn trino_user(user: &String, at: &mut Found<'_, '_>) {
    let ok = !user.is_empty()
        && user.len() <= 128
        && user
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '@'));
    if !ok {
        at.error(
            &rules::SPEC_INVALID_NAME,
            format!(
                "`{}` is not a user name trinocfg writes into a hook",
                printable(user)
            ),
            "use letters, digits, `_`, `-`, `.` and `@`, e.g. `trino-shutdown`",
        );
    }
}

/// A resource group's dotted name: segments of letters, digits, `_` and `-`, or templates
/// (`${USER}`, `${SOURCE}`).
#[allow(clippy::ptr_arg)]
pub(crate) fn resource_group(name: &String, at: &mut Found<'_, '_>) {
    let ok = name.len() <= 200
        && name.split('.').all(|seg| {
            !seg.is_empty()
                && seg
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '$' | '{' | '}'))
        });
    if !ok {
        at.error(
            &rules::SPEC_INVALID_NAME,
            format!("`{}` is not a resource group name", printable(name)),
            "write dot-separated segments of letters, digits, `_` and `-`, e.g. `global.adhoc` or `global.adhoc.${USER}`",
        );
    }
}

/// `softMemoryLimit`: a percentage or a Trino data size.
#[allow(clippy::ptr_arg)]
pub(crate) fn soft_memory_limit(limit: &String, at: &mut Found<'_, '_>) {
    use crate::values::{parse_soft_memory_limit, SoftMemoryLimit};
    let ok = match parse_soft_memory_limit(limit) {
        Ok(SoftMemoryLimit::Fraction(f)) => f <= 1.0,
        Ok(SoftMemoryLimit::Bytes(_)) => true,
        Err(_) => false,
    };
    if !ok {
        at.error(
            &rules::SPEC_INVALID_VALUE,
            format!(
                "`{}` is neither a percentage of at most 100% nor a data size",
                printable(limit)
            ),
            "write a percentage of the cluster's memory (`\"80%\"`) or a size (`\"1TB\"`)",
        );
    }
}

/// A Java regular expression Trino compiles (`java.util.regex.Pattern`).
pub(crate) fn java_pattern(pattern: &Option<String>, at: &mut Found<'_, '_>) {
    let Some(pattern) = pattern else { return };
    if let Err(why) = crate::java_regex::check(pattern) {
        at.error(
            &rules::SPEC_INVALID_VALUE,
            format!(
                "`{}` is not a Java regular expression: {why}",
                printable(pattern)
            ),
            "correct the pattern; Trino compiles it when the coordinator starts",
        );
    }
}

/// Whether `name` is a session property's name: a system property (`query_max_run_time`) or a
/// catalog's, prefixed with the catalog's name (`hive.compression_codec`).
pub(crate) fn is_session_property_name(name: &str) -> bool {
    let part = |p: &str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    match name.split_once('.') {
        None => part(name),
        Some((catalog, property)) => part(catalog) && part(property),
    }
}

/// The names of session properties: a system property (`query_max_run_time`) or a catalog's
/// (`hive.compression_codec`); a rule sets at least one.
pub(crate) fn session_properties(
    props: &IndexMap<String, super::PropertyValue>,
    at: &mut Found<'_, '_>,
) {
    if props.is_empty() {
        at.error(
            &rules::SPEC_INVALID_VALUE,
            "the rule sets no session property",
            "name the properties it sets: `properties = { query_max_execution_time = \"8h\" }`",
        );
    }
    for (name, value) in props {
        // Keys of a `properties` table are recorded quoted.
        let path = format!("{}.\"{name}\"", at.path());
        if matches!(value, super::PropertyValue::Secret(_)) {
            at.error_at(
                &path,
                &rules::SPEC_INVALID_VALUE,
                format!("`{}` takes no secret reference: Trino reads the rules file as it is, without resolving placeholders", printable(name)),
                "write the value itself; a session property default holds no credential",
            );
        }
        if !is_session_property_name(name) {
            at.error_at(
                &path,
                &rules::SPEC_INVALID_NAME,
                format!("`{}` is not a session property name", printable(name)),
                "write a system property (`query_max_run_time`) or a catalog's, prefixed with the catalog's name (`hive.compression_codec`)",
            );
        }
    }
}

/// The query types a resource group selector or a session property rule matches (Trino's
/// `QueryType`).
pub(crate) const QUERY_TYPES: &[&str] = &[
    "SELECT",
    "EXPLAIN",
    "DESCRIBE",
    "INSERT",
    "UPDATE",
    "MERGE",
    "DELETE",
    "ANALYZE",
    "DATA_DEFINITION",
    "ALTER_TABLE_EXECUTE",
];

/// A resource group selector's or a session property rule's query type.
pub(crate) fn query_type(query_type: &Option<String>, at: &mut Found<'_, '_>) {
    if let Some(t) = query_type.as_deref().filter(|t| !QUERY_TYPES.contains(t)) {
        at.error(
            &rules::SPEC_INVALID_VALUE,
            format!("`{}` is not a query type", printable(t)),
            format!("write one of {}", QUERY_TYPES.join(", ")),
        );
    }
}
