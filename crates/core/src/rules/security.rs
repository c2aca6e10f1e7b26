//! HTTPS, authentication and access control: what makes credentials travel in clear or be
//! refused, files the settings name that no mount provides, the HTTP port turned off while it
//! is still used, keys pasted into ConfigMaps, and file-based access control rules Trino
//! refuses.

declare! {
    AUTH_WITHOUT_HTTPS = "TH001", "authentication-without-https", Error,
        "Authentication on a coordinator that serves no HTTPS and is not behind a TLS proxy.",
        "Trino takes passwords, tokens and certificates only over HTTPS (or requests a proxy \
forwarded as HTTPS, with `http-server.process-forwarded=true`). Over plain HTTP it refuses them \
(\"Authentication over HTTP is not enabled\") or, with \
`http-server.authentication.allow-insecure-over-http` at its default `true`, believes any user \
name without a password: no client can log in, or anyone can log in as anyone.\n\nFix: enable \
HTTPS (`http-server.https.enabled=true` with a keystore; `[security.tls]` in the spec), or \
terminate TLS at a proxy and set `http-server.process-forwarded=true`.";
    INSECURE_OVER_HTTP = "TH002", "insecure-over-http", Warning,
        "Authentication with the HTTP port open to any user name.",
        "With HTTPS and authentication on, the plain HTTP port stays open by default, and \
`http-server.authentication.allow-insecure-over-http` defaults to `true`: a request over HTTP \
is taken for the user it names, without a password. Internal requests (authenticated by the \
shared secret) and the public `/v1/info` the probes call do not need it.\n\nFix: \
`http-server.authentication.allow-insecure-over-http=false` on the coordinator, or close the \
HTTP port (`http-server.http.enabled=false`) when nothing uses it.";
    FILE_NOT_MOUNTED = "TH003", "file-not-mounted", Error,
        "A keystore, truststore, password, group or rules file that no mount provides.",
        "The property names a file inside the container, but no ConfigMap file and no volume \
is there. Under the configuration directory, which a ConfigMap mount hides, it cannot exist: \
Trino fails at startup. Elsewhere it exists only if the image ships it (a warning).\n\nFix: \
mount the Secret or ConfigMap holding the file at that path (read-only), or correct the path.";
    HTTP_DISABLED_IN_USE = "TH004", "http-disabled-but-used", Error,
        "The HTTP port is turned off while probes or the nodes still use it.",
        "With `http-server.http.enabled=false` nothing listens on `http-server.http.port`: a \
probe that calls it fails and Kubernetes restarts the pod forever; a node whose \
`discovery.uri` is `http://` never finds the coordinator.\n\nFix: probe the HTTPS port \
(`scheme: HTTPS`), point `discovery.uri` at `https://` with internal TLS, or keep the HTTP \
port open.";
    KEY_IN_CONFIG_MAP = "TH005", "key-in-configmap", Error,
        "A private key, a password file's hashes or a certificate in a ConfigMap.",
        "ConfigMaps are not secret: anyone who may read the namespace's ConfigMaps reads them, \
and they end up in Git and CI logs. A private key or password hashes there is a leaked \
credential (an error); a certificate is public, but where it is, its key is usually near (a \
warning).\n\nFix: put the file in a Kubernetes Secret and mount it read-only (`[security.tls]` \
and `file = { secret, key }` in the spec).";
    ACCESS_RULES_FILE = "TH006", "access-rules-file", Error,
        "A file-based access control rules file Trino refuses.",
        "The rules file is read with unknown keys refused, each `user`, `group`, `role`, \
`catalog`, `schema` and `table` compiled as a Java regular expression, and `allow` and \
`privileges` read as Trino's values; any error stops the coordinator (and a worker).\n\nFix: \
use the keys and values of Trino's file-based access control.";
    RULE_UNKNOWN_CATALOG = "TH007", "access-rule-unknown-catalog", Warning,
        "An access control rule names a catalog the cluster does not have.",
        "A rule whose `catalog` is a plain name matches only that catalog; when no catalog of \
the cluster has that name, the rule never applies and the access it means to grant or deny \
falls to the next rule. Checked when every catalog file of the node is known and catalogs are \
not managed at run time (`catalog.management=dynamic`).\n\nFix: name an existing catalog (or \
`system`), or write a regular expression.";
}

use std::collections::HashSet;

use serde_json::Value;

use super::Cx;
use crate::diagnostic::{Diagnostic, Severity};
use crate::memory::Role;
use crate::model::{Embedding, Node, Origin};

/// Properties naming a file inside the container, by the file they are set in.
const PATH_KEYS: &[(&str, &str)] = &[
    ("config.properties", "http-server.https.keystore.path"),
    ("config.properties", "http-server.https.truststore.path"),
    (
        "config.properties",
        "internal-communication.https.keystore.path",
    ),
    (
        "config.properties",
        "internal-communication.https.truststore.path",
    ),
    ("password-authenticator.properties", "file.password-file"),
    (
        "password-authenticator.properties",
        "ldap.ssl.keystore.path",
    ),
    (
        "password-authenticator.properties",
        "ldap.ssl.truststore.path",
    ),
    ("group-provider.properties", "file.group-file"),
    ("access-control.properties", "security.config-file"),
    (
        "session-property-config.properties",
        "session-property-manager.config-file",
    ),
];

/// Checks one node.
pub(crate) fn check(cx: &mut Cx<'_>, node: &Node) {
    https(cx, node);
    files_mounted(cx, node);
    http_in_use(cx, node);
    access_rules(cx, node);
}

/// Checks what the nodes' sources hold: keys in ConfigMaps.
pub(crate) fn check_sources(cx: &mut Cx<'_>) {
    let mut seen = HashSet::new();
    for node in &cx.cluster.nodes {
        for file in &node.files {
            let Origin::File(id) = file.at else { continue };
            if !seen.insert(id) {
                continue;
            }
            let Some(source) = cx.cluster.sources.files.get(id) else {
                continue;
            };
            if !matches!(
                source.embedding,
                Embedding::Block { .. } | Embedding::Lines { .. }
            ) {
                continue;
            }
            let text = &source.text;
            let found = [
                ("PRIVATE KEY-----", "a private key", Severity::Error),
                (":$2y$", "bcrypt password hashes", Severity::Error),
                (":$2a$", "bcrypt password hashes", Severity::Error),
                (":1000:", "PBKDF2 password hashes", Severity::Error),
                (
                    "-----BEGIN CERTIFICATE-----",
                    "a certificate",
                    Severity::Warning,
                ),
            ]
            .into_iter()
            .find(|(needle, what, _)| {
                text.contains(needle)
                    && (!what.contains("hashes") || looks_like_password_file(text))
            });
            if let Some((needle, what, severity)) = found {
                let span = text.find(needle).map_or(0..0, |i| {
                    let start = text[..i].rfind('\n').map_or(0, |n| n + 1);
                    start..i + needle.len()
                });
                let at = cx
                    .cluster
                    .sources
                    .locate(&Origin::Text { file: id, span }, None);
                let d = Diagnostic::new(
                    &KEY_IN_CONFIG_MAP,
                    format!("`{}` holds {what}, in a ConfigMap", file.rel),
                )
                .severity(severity)
                .at(at)
                .help("move it to a Secret and mount it read-only");
                cx.push(d);
            }
        }
    }
}

/// `user:hash` lines, as in Trino's password file.
fn looks_like_password_file(text: &str) -> bool {
    text.lines().filter(|l| !l.trim().is_empty()).all(|l| {
        l.split_once(':')
            .is_some_and(|(user, hash)| !user.contains(' ') && hash.len() >= 20)
    })
}

fn https(cx: &mut Cx<'_>, node: &Node) {
    let types = node.authentication_types();
    if node.role() != Role::Coordinator || types.is_empty() {
        return;
    }
    let (Some(file), Some(config)) = (node.file("config.properties"), node.config()) else {
        return;
    };
    let https = node.config_flag("http-server.https.enabled", false);
    let forwarded = node.config_flag("http-server.process-forwarded", false);
    if !https && !forwarded {
        // The built-in authenticators take credentials; a plugin's (HEADER) may rely on a
        // proxy in front: a warning.
        let severity = if types
            .iter()
            .any(|t| super::server::BUILT_IN_AUTHENTICATORS.contains(&t.as_str()))
        {
            Severity::Error
        } else {
            Severity::Warning
        };
        let d = Diagnostic::new(
            &AUTH_WITHOUT_HTTPS,
            format!(
                "{}: authentication ({}) without HTTPS: clients cannot send credentials over HTTP",
                node.label,
                types.join(",")
            ),
        )
        .severity(severity)
        .at(cx.at_setting(file, config, "http-server.authentication.type"))
        .help("enable HTTPS (`[security.tls]`, or http-server.https.enabled=true with a keystore), or terminate TLS at a proxy and set http-server.process-forwarded=true");
        cx.push(d);
        return;
    }
    if node.config_flag("http-server.http.enabled", true)
        && node.config_flag("http-server.authentication.allow-insecure-over-http", true)
    {
        let port = config.value("http-server.http.port").unwrap_or("8080");
        let d = Diagnostic::new(
            &INSECURE_OVER_HTTP,
            format!(
                "{}: over HTTP (port {port}) the coordinator takes any user name without a password",
                node.label
            ),
        )
        .at(cx.at_setting(file, config, "http-server.authentication.type"))
        .help("set http-server.authentication.allow-insecure-over-http=false");
        cx.push(d);
    }
}

fn files_mounted(cx: &mut Cx<'_>, node: &Node) {
    let Some(pod) = &node.pod else { return };
    let root = node.config_root.trim_end_matches('/');
    for (rel, key) in PATH_KEYS {
        let (Some(file), Some(props)) = (node.file(rel), node.properties(rel)) else {
            continue;
        };
        let Some(path) = props.value(key) else {
            continue;
        };
        if !path.starts_with('/') || path.contains("${") {
            continue;
        }
        let mounted = pod
            .mount_paths
            .iter()
            .any(|m| path.starts_with(&format!("{m}/")) || path == m);
        if mounted || node.file_at(path).is_some() {
            continue;
        }
        let under_root = path.starts_with(&format!("{root}/"));
        let d = Diagnostic::new(
            &FILE_NOT_MOUNTED,
            if under_root {
                format!("{}: {key} names {path}, which no ConfigMap file or volume provides; the configuration directory is a ConfigMap mount, so it cannot exist", node.label)
            } else {
                format!("{}: {key} names {path}, which no volume provides; it exists only if the image ships it", node.label)
            },
        )
        .severity(if under_root {
            Severity::Error
        } else {
            Severity::Warning
        })
        .at(cx.at_setting(file, props, key))
        .help("mount the Secret (or ConfigMap) that holds the file at that path, read-only");
        cx.push(d);
    }
}

fn http_in_use(cx: &mut Cx<'_>, node: &Node) {
    if node.config_flag("http-server.http.enabled", true) {
        return;
    }
    let (Some(file), Some(config)) = (node.file("config.properties"), node.config()) else {
        return;
    };
    // A port set by a placeholder is not known: its probes are not compared.
    if let (Some(pod), Some((port, _))) = (&node.pod, node.listen_port(false)) {
        // One report per node, at the first probe that calls the closed port.
        if let Some(probe) = pod
            .http_probes
            .iter()
            .find(|p| !p.value.https && pod.port_number(&p.value.port) == Some(port))
        {
            let d = Diagnostic::new(
                    &HTTP_DISABLED_IN_USE,
                    format!(
                        "{}: a probe calls HTTP port {port}, which http-server.http.enabled=false closes: the pod never becomes ready",
                        node.label
                    ),
                )
                .at(cx.at(&probe.at, None))
                .help("probe the HTTPS port with `scheme: HTTPS`");
            cx.push(d);
        }
    }
    if node.role() != Role::Coordinator {
        return;
    }
    let at_disabled = cx.at_setting(file, config, "http-server.http.enabled");
    for other in &cx.cluster.nodes {
        let Some(c) = other.config() else { continue };
        if c.value("discovery.uri")
            .is_some_and(|u| u.trim().to_ascii_lowercase().starts_with("http://"))
        {
            let d = Diagnostic::new(
                &HTTP_DISABLED_IN_USE,
                format!(
                    "{}: discovery.uri is http://, but the coordinator's HTTP port is closed (http-server.http.enabled=false)",
                    other.label
                ),
            )
            .at(at_disabled.clone())
            .help("require internal TLS and point discovery.uri at https://, or keep the HTTP port open");
            cx.push(d);
        }
    }
}

/// The top-level sections of a file-based access control rules file.
pub(crate) const RULE_SECTIONS: &[&str] = &[
    "catalogs",
    "queries",
    "impersonation",
    "principals",
    "system_information",
    "schemas",
    "tables",
    "system_session_properties",
    "catalog_session_properties",
    "functions",
    "procedures",
    "authorization",
];

/// The keys of a section's rules, where Trino's rule classes are known here.
fn rule_keys(section: &str) -> Option<&'static [&'static str]> {
    Some(match section {
        "catalogs" => &["allow", "user", "role", "group", "catalog"],
        "schemas" => &["owner", "user", "role", "group", "catalog", "schema"],
        "tables" => &[
            "privileges",
            "columns",
            "filter",
            "filter_environment",
            "user",
            "role",
            "group",
            "schema",
            "table",
            "catalog",
        ],
        "system_information" => &["allow", "user", "role", "group"],
        "impersonation" => &["original_user", "original_role", "new_user", "allow"],
        _ => return None,
    })
}

const REGEX_KEYS: &[&str] = &[
    "user",
    "role",
    "group",
    "catalog",
    "schema",
    "table",
    "original_user",
    "original_role",
];

fn access_rules(cx: &mut Cx<'_>, node: &Node) {
    let Some((file, j)) = node.plugin_json(&crate::model::ACCESS_CONTROL) else {
        return;
    };
    let cluster = cx.cluster;
    let sources = &cluster.sources;
    let at =
        |pointer: &str, key: Option<&str>| sources.locate(&j.locate(sources, pointer, key), None);
    let rel = &file.rel;
    let mut found: Vec<Diagnostic> = Vec::new();
    let mut problem = |message: String, location, help: &str| {
        found.push(
            Diagnostic::new(
                &ACCESS_RULES_FILE,
                format!("{}: `{rel}`: {message}", node.label),
            )
            .at(location)
            .help(help),
        );
    };
    let value = match &j.value {
        Ok(v) => v,
        Err((message, line)) => {
            problem(
                format!("not valid JSON (line {line}): {message}"),
                at("", None),
                "fix the JSON; Trino does not start without it",
            );
            for d in found {
                cx.push_once(d);
            }
            return;
        }
    };
    let Some(sections) = value.as_object() else {
        problem(
            "the rules are not a JSON object".into(),
            at("", None),
            "write an object of rule lists: `{ \"catalogs\": [...] }`",
        );
        for d in found {
            cx.push_once(d);
        }
        return;
    };
    let catalogs = node.known_catalogs();
    let mut unknown_catalogs = Vec::new();
    for (section, rules) in sections {
        if !RULE_SECTIONS.contains(&section.as_str()) {
            problem(
                format!("unknown key `{section}`"),
                at("", Some(section)),
                "the sections are catalogs, schemas, tables, system_information, impersonation, queries, principals, system_session_properties, catalog_session_properties",
            );
            continue;
        }
        let Some(list) = rules.as_array() else {
            problem(
                format!("`{section}` is not a list of rules"),
                at(&format!("/{section}"), None),
                "write a JSON array of rules",
            );
            continue;
        };
        for (i, rule) in list.iter().enumerate() {
            let pointer = format!("/{section}/{i}");
            let Some(obj) = rule.as_object() else {
                continue;
            };
            for (k, v) in obj {
                if rule_keys(section).is_some_and(|keys| !keys.contains(&k.as_str())) {
                    problem(
                        format!("{section} rule {i}: unknown key `{k}`"),
                        at(&pointer, Some(k)),
                        &format!(
                            "a {section} rule takes {}",
                            rule_keys(section).unwrap_or_default().join(", ")
                        ),
                    );
                }
                if let (true, Some(text)) = (REGEX_KEYS.contains(&k.as_str()), v.as_str()) {
                    if let Err(why) = crate::java_regex::check(text) {
                        problem(
                            format!(
                                "{section} rule {i}: `{k}` is not a Java regular expression: {why}"
                            ),
                            at(&pointer, Some(k)),
                            "fix the expression",
                        );
                    }
                }
            }
            let allow = obj.get("allow");
            match (section.as_str(), allow) {
                ("catalogs", Some(Value::String(a)))
                    if !["all", "read-only", "none"].contains(&a.to_ascii_lowercase().as_str()) =>
                {
                    problem(
                        format!("catalogs rule {i}: allow `{a}` is none of all, read-only, none"),
                        at(&pointer, Some("allow")),
                        "use all, read-only or none",
                    );
                }
                ("catalogs" | "system_information", None) => problem(
                    format!("{section} rule {i} has no `allow`"),
                    at(&pointer, None),
                    "add `allow`",
                ),
                _ => {}
            }
            if section == "catalogs" || section == "schemas" || section == "tables" {
                if let Some(name) = obj.get("catalog").and_then(Value::as_str) {
                    let plain = name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                    if plain
                        && name != "system"
                        && catalogs.as_ref().is_some_and(|c| !c.contains(&name))
                    {
                        unknown_catalogs.push((name.to_owned(), at(&pointer, Some("catalog"))));
                    }
                }
            }
        }
    }
    for d in found {
        cx.push_once(d);
    }
    for (name, location) in unknown_catalogs {
        let d = Diagnostic::new(
            &RULE_UNKNOWN_CATALOG,
            format!(
                "{}: `{rel}` has a rule for catalog `{name}`, which the cluster does not have; it never applies",
                node.label
            ),
        )
        .at(location)
        .help(format!(
            "name one of the catalogs: {}",
            catalogs.as_deref().unwrap_or_default().join(", ")
        ));
        cx.push_once(d);
    }
}
