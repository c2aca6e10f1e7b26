//! Names the spec gives: the cluster, its environment, paths in the container, catalogs,
//! Kubernetes namespaces, images and labels. Each must be a name Kubernetes or Trino accepts.

use indexmap::IndexMap;

use super::read::Found;
use super::spans::join;
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

/// `kubernetes.image`.
pub(crate) fn image(image: &Option<String>, at: &mut Found<'_, '_>) {
    if let Some(image) = image {
        if image.is_empty()
            || image.len() > 512
            || image.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            at.error(
                &rules::SPEC_INVALID_VALUE,
                "the image reference is empty or contains whitespace",
                "write an image reference such as `trinodb/trino:482`",
            );
        }
    }
}

/// `kubernetes.labels`: every key and value must be a valid Kubernetes label.
pub(crate) fn labels(labels: &IndexMap<String, String>, at: &mut Found<'_, '_>) {
    for (key, value) in labels {
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
            let path = join(at.path(), key);
            at.error_at(
                &path,
                &rules::SPEC_INVALID_NAME,
                format!("label `{}` is not a valid Kubernetes label", printable(key)),
                "label keys and values use letters, digits, `-`, `_` and `.`; values at most 63 characters",
            );
        }
    }
}
