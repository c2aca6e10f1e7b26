//! The defaults of properties ([`PropertyInfo::default`]), release by release.

use std::iter;

use super::tables;
use super::*;

/// The default of `name` in `scope` as the catalogue of `release` knows it.
fn default_at(release: u32, name: &str, scope: Scope<'_>) -> Option<&'static str> {
    match catalogue_for(release).lookup(name, scope) {
        Lookup::Known(info) => info.default,
        other => panic!("{name} in {scope} at {release}: {other:?}"),
    }
}

#[test]
fn server_defaults_at_482() {
    let at = |name: &str| default_at(482, name, Scope::Server);
    assert_eq!(at("query.max-memory"), Some("20GB"));
    assert_eq!(at("retry-policy"), Some("NONE"));
    assert_eq!(at("web-ui.enabled"), Some("true"));
    assert_eq!(at("http-server.http.port"), Some("8080"));
    assert_eq!(at("query.max-memory-per-node"), Some("30%"));
    assert_eq!(at("retry-policy.allowed"), Some("TASK,QUERY,NONE"));
    assert_eq!(at("catalog.config-dir"), Some("etc/catalog/"));
    // A `fromString` enum is written as it reads it.
    assert_eq!(
        at("query.low-memory-killer.policy"),
        Some("total-reservation-on-blocked-nodes")
    );
    assert_eq!(
        catalogue()
            .property("query.max-memory")
            .and_then(|p| p.default),
        Some("20GB")
    );
}

#[test]
fn defaults_change_with_the_release() {
    let hive = Scope::Connector("hive");
    for release in known_releases() {
        let want = if release < 468 { "true" } else { "false" };
        assert_eq!(
            default_at(release, "fs.hadoop.enabled", hive),
            Some(want),
            "{release}"
        );
    }
    // Computed from the heap up to 468 (no default), a heap percentage from 476 on.
    assert_eq!(
        default_at(468, "query.max-memory-per-node", Scope::Server),
        None
    );
    assert_eq!(
        default_at(476, "query.max-memory-per-node", Scope::Server),
        Some("30%")
    );
}

#[test]
fn between_two_releases_the_default_comes_with_the_kind() {
    // 470 lies between 468 (a data size without default) and 476 (a heap size, 30%).
    match catalogue_for(470).lookup("query.max-memory-per-node", Scope::Server) {
        Lookup::Known(info) => match info.kind {
            ValueKind::HeapSize => assert_eq!(info.default, Some("30%")),
            ValueKind::DataSize => assert_eq!(info.default, None),
            ref other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
    // One of the neighbours' defaults, and the same one `properties_in` gives.
    let hive = Scope::Connector("hive");
    let between = default_at(460, "fs.hadoop.enabled", hive);
    assert!(matches!(between, Some("true" | "false")), "{between:?}");
    let listed = catalogue_for(460)
        .properties_in(hive)
        .filter(|p| p.name == "fs.hadoop.enabled")
        .map(|p| p.default)
        .collect::<Vec<_>>();
    assert_eq!(listed, [between]);
}

#[test]
fn no_default_unless_the_source_states_it() {
    // A method call on another object.
    assert_eq!(
        default_at(482, "exchange.max-response-size", Scope::Server),
        None
    );
    // Computed from the heap in 468.
    assert_eq!(
        default_at(468, "memory.heap-headroom-per-node", Scope::Server),
        None
    );
    // No initializer.
    assert_eq!(default_at(482, "node.environment", Scope::Server), None);
    // Replaced when retry-policy=TASK.
    assert_eq!(
        default_at(482, "query.remote-task.max-error-duration", Scope::Server),
        None
    );
    // Each http client binding sets its own.
    match catalogue().lookup("exchange.http-client.request-timeout", Scope::Server) {
        Lookup::Known(info) => assert!(info.prefixed && info.default.is_none()),
        other => panic!("{other:?}"),
    }
}

/// Every default of every property of every known release is a value of the property's own
/// kind: a rendering mistake in the generator (a unit, an enum spelling) shows here.
#[test]
fn every_default_is_a_value_of_its_kind() {
    let mut checked = 0;
    for release in known_releases() {
        let cat = catalogue_for(release);
        let keys = iter::once(cat.direct).chain(cat.templates.iter().map(|t| t.keys));
        for key in keys.flat_map(Keys::iter) {
            for r in key.record_numbers() {
                if tables::record_releases(r).0 & cat.releases == 0 {
                    continue;
                }
                let Some(info) = cat.record_property(&tables::record(r)) else {
                    continue;
                };
                let Some(default) = info.default else {
                    continue;
                };
                if let Err(e) = check_value(&info.kind, default) {
                    panic!("{} at {release}: default `{default}`: {e}", info.name);
                }
                assert_eq!(default, default.trim(), "{}", info.name);
                checked += 1;
            }
        }
    }
    assert!(checked > 5000, "{checked}");
}
