//! Server settings across `config.properties`: authentication and its shared secret, catalog
//! management, a coordinator behind a proxy, and the spooling protocol's manager.

declare! {
    CATALOG_CONFIG_DIR = "TP013", "catalog-config-dir-static", Warning,
        "`catalog.config-dir` without dynamic catalog management.",
        "With the default `catalog.management=static` catalogs are read from `etc/catalog` and \
the store directory setting only matters for dynamic catalogs.\n\nFix: set \
`catalog.management=dynamic` or remove `catalog.config-dir`.";
    SHARED_SECRET_MISSING = "TP014", "shared-secret-missing", Error,
        "Authentication enabled without `internal-communication.shared-secret`.",
        "With `http-server.authentication.type` set, nodes authenticate each other with the \
shared secret; Trino refuses to start without it.\n\nFix: set \
`internal-communication.shared-secret=${ENV:TRINO_SHARED_SECRET}` on every node, from a Secret.";
    PROCESS_FORWARDED = "TP015", "process-forwarded", Warning,
        "A cluster behind a gateway or proxy without `http-server.process-forwarded=true`.",
        "Behind a load balancer, ingress or Trino Gateway, Trino must honour `X-Forwarded-*` \
headers, or redirects (OAuth2, the web UI) and client URIs point at the internal address.\n\n\
Fix: `http-server.process-forwarded=true` on the coordinator.";
    SPOOLING_WITHOUT_MANAGER = "TP016", "spooling-without-manager", Error,
        "The spooling client protocol without a spooling manager.",
        "With `protocol.spooling.enabled=true` every node (the workers write the segments, the \
coordinator hands out their locations) needs `spooling-manager.properties` with \
`spooling-manager.name=filesystem` and its `fs.location`; without it Trino fails at startup.\n\n\
Fix: add `spooling-manager.properties` to every node (`[spooling]` in the spec), or turn the \
protocol off.";
}

use super::Cx;
use crate::diagnostic::{Diagnostic, Severity};
use crate::memory::Role;
use crate::model::Node;

/// The authentication types Trino itself implements (`HEADER` and others come from plugins).
pub(crate) const BUILT_IN_AUTHENTICATORS: &[&str] =
    &["PASSWORD", "OAUTH2", "JWT", "CERTIFICATE", "KERBEROS"];

/// Checks a node's server settings.
pub(crate) fn check(cx: &mut Cx<'_>, node: &Node) {
    let (Some(file), Some(config)) = (node.file("config.properties"), node.config()) else {
        return;
    };
    let auth_types = node.authentication_types();
    if !auth_types.is_empty() && config.get("internal-communication.shared-secret").is_none() {
        // The built-in authenticators make Trino refuse to start without the secret; for
        // plugin-provided ones (HEADER) the requirement depends on the plugin: a warning.
        let severity = if auth_types
            .iter()
            .any(|t| BUILT_IN_AUTHENTICATORS.contains(&t.as_str()))
        {
            Severity::Error
        } else {
            Severity::Warning
        };
        let d = Diagnostic::new(
            &SHARED_SECRET_MISSING,
            format!(
                "{}: authentication ({}) is enabled without internal-communication.shared-secret",
                node.label,
                auth_types.join(",")
            ),
        )
        .severity(severity)
        .at(cx.at_setting(file, config, "http-server.authentication.type"))
        .help(
            "add `internal-communication.shared-secret=${ENV:TRINO_SHARED_SECRET}` on every node",
        );
        cx.push(d);
    }
    if config.get("catalog.config-dir").is_some()
        && config
            .value("catalog.management")
            .is_none_or(|m| !m.eq_ignore_ascii_case("dynamic"))
    {
        let d = Diagnostic::new(
            &CATALOG_CONFIG_DIR,
            "catalog.config-dir is set, but catalog management is static",
        )
        .at(cx.at_setting(file, config, "catalog.config-dir"))
        .help("set catalog.management=dynamic, or remove catalog.config-dir");
        cx.push(d);
    }
    if node.config_flag("protocol.spooling.enabled", false)
        && node.file("spooling-manager.properties").is_none()
        && node.complete.root
    {
        let d = Diagnostic::new(
            &SPOOLING_WITHOUT_MANAGER,
            format!(
                "{}: protocol.spooling.enabled=true without spooling-manager.properties",
                node.label
            ),
        )
        .at(cx.at_setting(file, config, "protocol.spooling.enabled"))
        .help(
            "add spooling-manager.properties with spooling-manager.name=filesystem and fs.location",
        );
        cx.push(d);
    }
    if cx.cluster.behind_proxy
        && node.role() == Role::Coordinator
        && config
            .value("http-server.process-forwarded")
            .is_none_or(|v| !v.eq_ignore_ascii_case("true"))
    {
        let d = Diagnostic::new(&PROCESS_FORWARDED, "the coordinator sits behind an ingress or gateway but does not process X-Forwarded headers")
            .at(cx.at(&file.at, None))
            .help("add `http-server.process-forwarded=true`");
        cx.push(d);
    }
}
