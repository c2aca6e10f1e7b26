use std::iter;

use super::lookup::{bounded_distance, glob_match};
use super::*;
use crate::suggest::osa_distance;

fn known(name: &str, scope: Scope<'_>) -> &'static PropertyInfo {
    match catalogue().lookup(name, scope) {
        Lookup::Known(info) => info,
        other => panic!("{name} in {scope}: {other:?}"),
    }
}

#[test]
fn version_and_source() {
    let cat = catalogue();
    assert_eq!(cat.trino_version(), 482);
    assert!(cat.source().contains("482"));
}

#[test]
fn known_server_properties() {
    let info = known("query.max-memory", Scope::Server);
    assert_eq!(info.name, "query.max-memory");
    assert_eq!(info.kind, ValueKind::DataSize);
    assert_eq!(info.scopes, ["server"]);
    assert!(!info.coordinator_only && !info.deprecated && !info.prefixed);

    let ui = known("web-ui.enabled", Scope::Server);
    assert_eq!(ui.kind, ValueKind::Boolean);
    assert!(ui.coordinator_only);

    assert_eq!(
        known("query.max-memory-per-node", Scope::Server).kind,
        ValueKind::HeapSize
    );
    assert_eq!(
        known("memory.heap-headroom-per-node", Scope::Server).kind,
        ValueKind::HeapSize
    );
    assert_eq!(
        known("discovery.uri", Scope::Server).kind,
        ValueKind::List(&ValueKind::Uri)
    );
    assert!(known("internal-communication.shared-secret", Scope::Server).security_sensitive);
}

#[test]
fn legacy_file_system_keys_are_removed_with_their_migration() {
    let cat = catalogue();
    let expected = Lookup::Removed {
        replacement: Some("s3.aws-access-key"),
        release: Some(ReleaseChange {
            version: 481,
            change: Change::Removed,
        }),
        last_read_in: Some(480),
    };
    assert_eq!(
        cat.lookup("hive.s3.aws-access-key", Scope::Connector("hive")),
        expected
    );
    assert_eq!(
        cat.lookup("hive.s3.aws-access-key", Scope::Connector("iceberg")),
        expected
    );
    assert_eq!(
        cat.legacy_file_system_migration("hive.s3.aws-access-key"),
        Some("s3.aws-access-key")
    );
    assert_eq!(
        cat.legacy_file_system_migration("hive.azure.wasb-access-key"),
        None
    );
    assert!(cat
        .legacy_file_system_migrations()
        .any(|(old, new)| old == "hive.azure.wasb-access-key" && new.is_none()));
    assert_eq!(cat.legacy_file_system_migration("query.max-memory"), None);
    match cat.lookup("hive.s3.aws-secret-key", Scope::Connector("delta_lake")) {
        Lookup::Removed {
            replacement,
            release,
            ..
        } => {
            assert_eq!(replacement, Some("s3.aws-secret-key"));
            assert_eq!(
                release.map(|r| r.to_string()).as_deref(),
                Some("removed in 481")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn defunct_properties() {
    let cat = catalogue();
    assert_eq!(
        cat.lookup("query.max-total-memory-per-node", Scope::Server),
        Lookup::Defunct {
            release: Some(ReleaseChange {
                version: 369,
                change: Change::Removed
            })
        }
    );
    assert!(matches!(
        cat.lookup("query.low-memory-killer.delay", Scope::Server),
        Lookup::Defunct { .. }
    ));
    assert!(matches!(
        cat.lookup(
            "exchange.encryption-enabled",
            Scope::ExchangeManager("filesystem")
        ),
        Lookup::Defunct { .. }
    ));
    // Defunct in one bound class beats a legacy alias in another.
    assert!(matches!(
        cat.lookup("s3.exclusive-create", Scope::Connector("delta_lake")),
        Lookup::Defunct { .. }
    ));
    // A defunct server key in a catalog file is just unknown there.
    assert!(matches!(
        cat.lookup("query.max-total-memory-per-node", Scope::Connector("hive")),
        Lookup::Removed {
            replacement: None,
            release: Some(_),
            ..
        }
    ));
}

#[test]
fn legacy_names() {
    let cat = catalogue();
    match cat.lookup(
        "exchange.base-directory",
        Scope::ExchangeManager("filesystem"),
    ) {
        Lookup::Legacy {
            replacement,
            other_replacements,
            property,
            ..
        } => {
            assert_eq!(replacement, "exchange.base-directories");
            assert!(other_replacements.is_empty());
            assert_eq!(property.map(|p| p.name), Some("exchange.base-directories"));
        }
        other => panic!("{other:?}"),
    }
    match cat.lookup("fs.native-s3.enabled", Scope::Connector("hive")) {
        Lookup::Legacy {
            replacement,
            property,
            ..
        } => {
            assert_eq!(replacement, "fs.s3.enabled");
            assert_eq!(property.map(|p| &p.kind), Some(&ValueKind::Boolean));
        }
        other => panic!("{other:?}"),
    }
    match cat.lookup("hive.metastore-timeout", Scope::Connector("hive")) {
        Lookup::Legacy {
            replacement,
            other_replacements,
            release,
            ..
        } => {
            assert_eq!(replacement, "hive.metastore.thrift.client.connect-timeout");
            assert_eq!(
                other_replacements,
                ["hive.metastore.thrift.client.read-timeout"]
            );
            assert_eq!(release.map(|r| r.version), Some(431));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        cat.lookup(
            "fault-tolerant-execution.exchange-encryption-enabled",
            Scope::Server
        ),
        Lookup::Legacy { .. }
    ));
}

#[test]
fn scopes_are_checked() {
    let cat = catalogue();
    let hive = known("hive.metastore.uri", Scope::Connector("hive"));
    assert_eq!(hive.kind, ValueKind::List(&ValueKind::String));
    known("hive.metastore.uri", Scope::Connector("iceberg"));
    match cat.lookup("hive.metastore.uri", Scope::Server) {
        Lookup::WrongScope { scopes, property } => {
            assert!(scopes.contains(&"connector:hive"));
            assert!(scopes.contains(&"connector:iceberg"));
            assert!(!scopes.contains(&"server"));
            assert_eq!(property.map(|p| p.name), Some("hive.metastore.uri"));
        }
        other => panic!("{other:?}"),
    }
    // A server property in a catalog file.
    assert!(matches!(
        cat.lookup("query.max-memory", Scope::Connector("hive")),
        Lookup::WrongScope { ref scopes, .. } if scopes == &["server"]
    ));
    // A Hive-only property in an Iceberg catalog.
    known(
        "hive.partition-projection-enabled",
        Scope::Connector("hive"),
    );
    match cat.lookup(
        "hive.partition-projection-enabled",
        Scope::Connector("iceberg"),
    ) {
        Lookup::WrongScope { scopes, .. } => {
            assert_eq!(scopes, ["connector:hive", "connector:lakehouse"]);
        }
        other => panic!("{other:?}"),
    }
    // `-` in connector names reads as `_`.
    known(
        "delta.enable-non-concurrent-writes",
        Scope::Connector("delta-lake"),
    );
    known("retry-policy", Scope::parse("server"));
    known("ldap.url", Scope::parse("password-authenticator:ldap"));
    known("ldap.url", Scope::Other("password-authenticator:ldap"));
}

#[test]
fn typos_get_suggestions() {
    let cat = catalogue();
    let suggestion = |name: &str, scope: Scope<'_>| match cat.lookup(name, scope) {
        Lookup::Unknown {
            suggestion,
            complete_scope,
        } => {
            assert!(complete_scope);
            suggestion.map(Cow::into_owned)
        }
        other => panic!("{name}: {other:?}"),
    };
    assert_eq!(
        suggestion("query.max-memroy", Scope::Server).as_deref(),
        Some("query.max-memory")
    );
    assert_eq!(
        suggestion("query.max-memory-per-nod", Scope::Server).as_deref(),
        Some("query.max-memory-per-node")
    );
    assert_eq!(
        suggestion("Query.Max-Memory", Scope::Server).as_deref(),
        Some("query.max-memory")
    );
    assert_eq!(
        suggestion("hive.metastore.urii", Scope::Connector("hive")).as_deref(),
        Some("hive.metastore.uri")
    );
    assert_eq!(
        suggestion(
            "exchange.http-client.max-request-queued-per-destination",
            Scope::Server
        )
        .as_deref(),
        Some("exchange.http-client.max-requests-queued-per-destination")
    );
    assert_eq!(
        suggestion("worker-info.http-client.request-timout", Scope::Server).as_deref(),
        Some("worker-info.http-client.request-timeout")
    );
    // The camel-case prefix was read up to 468: removed, not a typo.
    assert!(matches!(
        cat.lookup("workerInfo.http-client.request-timeout", Scope::Server),
        Lookup::Removed {
            last_read_in: Some(468),
            ..
        }
    ));
    assert_eq!(suggestion("completely.unrelated.key", Scope::Server), None);
}

#[test]
fn prefixed_bindings() {
    let cat = catalogue();
    let info = known(
        "exchange.http-client.max-requests-queued-per-destination",
        Scope::Server,
    );
    assert_eq!(info.name, "http-client.max-requests-queued-per-destination");
    assert_eq!(info.kind, ValueKind::Int);
    assert!(info.prefixed);
    assert!(info.scopes.contains(&"server") && info.scopes.contains(&"connector:pinot"));
    assert_eq!(
        known("scheduler.http-client.request-timeout", Scope::Server).kind,
        ValueKind::Duration
    );
    assert_eq!(
        known("hive.writer-sort-buffer-size", Scope::Connector("hive")).kind,
        ValueKind::DataSize
    );
    known("iceberg.max-open-sort-files", Scope::Connector("iceberg"));
    // Defunct and legacy keys of the prefixed class.
    assert_eq!(
        cat.lookup("exchange.http-client.max-connections", Scope::Server),
        Lookup::Defunct {
            release: Some(ReleaseChange {
                version: 440,
                change: Change::Removed
            })
        }
    );
    match cat.lookup("exchange.http-client.read-timeout", Scope::Server) {
        Lookup::Legacy {
            replacement,
            property,
            ..
        } => {
            assert!(
                replacement.starts_with("exchange.http-client."),
                "{replacement}"
            );
            assert!(property.is_some());
        }
        other => panic!("{other:?}"),
    }
    // Bound elsewhere only.
    match cat.lookup("pinot.http-client.request-timeout", Scope::Server) {
        Lookup::WrongScope { scopes, property } => {
            assert_eq!(scopes, ["connector:pinot"]);
            assert_eq!(
                property.map(|p| p.name),
                Some("http-client.request-timeout")
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        cat.lookup("iceberg.writer-sort-buffer-size", Scope::Connector("hive")),
        Lookup::WrongScope { ref scopes, .. } if scopes == &["connector:iceberg"]
    ));
    // The unprefixed class keys are not read anywhere.
    assert!(matches!(
        cat.lookup("http-client.request-timeout", Scope::Server),
        Lookup::Unknown { .. }
    ));
}

#[test]
fn scopes_and_connectors() {
    let cat = catalogue();
    let connectors: Vec<&str> = cat.connectors().collect();
    for c in [
        "hive",
        "iceberg",
        "delta_lake",
        "postgresql",
        "tpch",
        "blackhole",
        "mongodb",
        "faker",
    ] {
        assert!(connectors.contains(&c), "{c}");
        assert!(cat.is_connector(c));
    }
    assert!(!cat.is_connector("hive-hadoop2"));
    assert!(!cat.is_connector("delta-lake"));
    assert!(cat.is_scope_known(Scope::Connector("blackhole")));
    assert!(cat.is_scope_complete(Scope::Connector("hive")));
    assert!(!cat.is_scope_complete(Scope::Connector("mongodb")));
    assert!(!cat.is_scope_known(Scope::Connector("nope")));
    known("mongodb.connection-url", Scope::Connector("mongodb"));
    assert_eq!(
        cat.lookup("mongodb.no-such-key", Scope::Connector("mongodb")),
        Lookup::Unknown {
            suggestion: None,
            complete_scope: false
        }
    );
    assert!(matches!(
        cat.lookup("anything", Scope::Connector("thirdparty")),
        Lookup::Unknown {
            complete_scope: false,
            ..
        }
    ));
    assert!(cat.scopes().any(|s| s == "exchange-manager:filesystem"));
    assert!(cat
        .properties_in(Scope::Server)
        .any(|p| p.name == "coordinator"));
    assert!(cat
        .properties_in(Scope::Connector("hive"))
        .all(|p| p.scopes.contains(&"connector:hive")));
}

#[test]
fn enums() {
    let cat = catalogue();
    let policy = cat.enum_info("LowMemoryQueryKillerPolicy").expect("enum");
    assert_eq!(policy.parse("total-reservation"), Some("TOTAL_RESERVATION"));
    assert_eq!(policy.parse("NONE"), Some("NONE"));
    assert_eq!(policy.parse("total_reservation"), None);
    assert_eq!(
        cat.enum_values("query.low-memory-killer.policy", Scope::Server),
        Some(vec![
            "none",
            "total-reservation",
            "total-reservation-on-blocked-nodes"
        ])
    );
    assert_eq!(
        cat.enum_values("retry-policy.allowed", Scope::Server),
        Some(vec!["TASK", "QUERY", "NONE"])
    );
    assert_eq!(cat.enum_values("query.max-memory", Scope::Server), None);

    let retry = cat.enum_info("RetryPolicy").expect("enum");
    assert_eq!(retry.parse("task"), Some("TASK"));
    assert_eq!(retry.parse("Query"), Some("QUERY"));
    assert_eq!(retry.parse("fault"), None);

    let forwarded = &known("http-server.process-forwarded", Scope::Server).kind;
    for ok in ["true", "FALSE", "accept", "IGNORE"] {
        assert!(check_value(forwarded, ok).is_ok(), "{ok}");
    }
    assert!(check_value(forwarded, "maybe").is_err());

    let protocol = cat
        .enum_info("opentelemetry.OpenTelemetryExporterConfig.Protocol")
        .expect("enum");
    assert_eq!(protocol.parse("http/protobuf"), Some("HTTP_PROTOBUF"));
    assert_eq!(protocol.parse("GRPC"), None);
}

#[test]
fn value_checks() {
    let size = ValueKind::DataSize;
    assert!(check_value(&size, "16GB").is_ok());
    assert_eq!(
        check_value(&size, "16G").unwrap_err(),
        "`16G` is not a Trino data size: use `16GB`"
    );
    assert!(check_value(&size, "512M").is_err());
    assert!(check_value(&size, "1gb").is_err());
    assert!(check_value(&size, "1024").is_err());
    assert!(check_value(&size, "${ENV:QUERY_MAX_MEMORY}").is_ok());

    assert!(check_value(&ValueKind::Duration, "5m").is_ok());
    assert!(check_value(&ValueKind::Duration, "5 minutes").is_err());
    assert!(check_value(&ValueKind::Boolean, "TRUE").is_ok());
    assert!(check_value(&ValueKind::Boolean, "yes").is_err());
    assert!(check_value(&ValueKind::Int, "2147483647").is_ok());
    assert!(check_value(&ValueKind::Int, "2147483648").is_err());
    assert!(check_value(&ValueKind::Long, "2147483648").is_ok());
    assert!(check_value(&ValueKind::Double, "0.9").is_ok());
    assert!(check_value(&ValueKind::HeapSize, "30%").is_ok());
    assert!(check_value(&ValueKind::HeapSize, "8GB").is_ok());
    assert!(check_value(&ValueKind::HeapSize, "0B").is_err());
    assert!(check_value(&ValueKind::String, "anything at all").is_ok());
    assert!(check_value(&ValueKind::Uri, "http://coordinator:8080").is_ok());
    assert!(check_value(&ValueKind::Uri, "http://coordinator 8080").is_err());

    let cat = catalogue();
    let policy = &known("query.low-memory-killer.policy", Scope::Server).kind;
    assert!(check_value(policy, "total-reservation-on-blocked-nodes").is_ok());
    assert_eq!(
        check_value(policy, "total_reservation").unwrap_err(),
        "`total_reservation` is not accepted: use `total-reservation`"
    );
    assert!(check_value(policy, "bogus")
        .unwrap_err()
        .contains("`none`, `total-reservation` or"));

    let retry = &known("retry-policy", Scope::Server).kind;
    assert!(check_value(retry, "TASK").is_ok());
    assert!(check_value(retry, "task").is_ok());

    let allowed = &known("retry-policy.allowed", Scope::Server).kind;
    assert!(check_value(allowed, "TASK, query,,").is_ok());
    assert!(check_value(allowed, "").is_ok());
    let err = check_value(allowed, "TASK,fault").unwrap_err();
    assert!(
        err.starts_with("in the list `TASK,fault`: `fault`"),
        "{err}"
    );

    let sizes = &known("fs.cache.max-sizes", Scope::Connector("hive")).kind;
    assert!(check_value(sizes, "10GB, 20GB").is_ok());
    assert!(check_value(sizes, "10GB,20G")
        .unwrap_err()
        .contains("use `20GB`"));
    assert!(cat.property("fs.cache.max-sizes").is_some());
}

#[test]
fn standard_types_and_log_levels() {
    let cat = catalogue();
    assert!(cat.standard_types().contains(&"varchar"));
    assert!(cat.standard_types().contains(&"timestamp with time zone"));
    assert_eq!(
        cat.log_levels(),
        ["OFF", "TRACE", "DEBUG", "INFO", "WARN", "ERROR"]
    );
}

#[test]
fn release_notes() {
    let cat = catalogue();
    assert_eq!(
        cat.release_changes("hive.s3.endpoint"),
        vec![
            ReleaseChange {
                version: 470,
                change: Change::Deprecated
            },
            ReleaseChange {
                version: 481,
                change: Change::Removed
            },
        ]
    );
    assert!(matches!(
        cat.lookup("query.max-writer-tasks-count", Scope::Server),
        Lookup::Removed {
            replacement: None,
            release: Some(ReleaseChange {
                version: 434,
                change: Change::Renamed
            }),
            ..
        }
    ));
    // Not a key: release notes mention it, but it is never reported as removed.
    assert!(cat.release_changes("connector.name").is_empty());
}

/// Whether some known release has the scope `id`.
fn in_some_release(cat: &Catalogue, id: &str) -> bool {
    cat.scopes.iter().any(|(scope, _, _)| scope.get() == id)
}

#[test]
fn every_record_parses() {
    let cat = catalogue();
    let mut properties = 0;
    for key in cat.direct.iter() {
        for record in key.record_numbers().map(tables::record) {
            if let Some(p) = cat.record_property(&record) {
                properties += 1;
                assert!(!p.scopes.is_empty() && !p.prefixed, "{}", p.name);
                assert_eq!(p.name, key.name());
            }
        }
    }
    assert!(properties > 1300, "{properties}");
    for template in cat.templates {
        for key in template.keys.iter() {
            for record in key.record_numbers().map(tables::record) {
                if let Some(p) = cat.record_property(&record) {
                    assert!(p.prefixed && !p.scopes.is_empty(), "{}", p.name);
                    assert_eq!(p.name, key.name());
                }
            }
        }
    }
    for binding in cat.prefixes {
        assert!(binding.template < cat.templates.len(), "{binding:?}");
        assert!(in_some_release(cat, binding.scope.get()), "{binding:?}");
    }
}

/// Every table the lookups search is sorted and free of duplicates, and every scope a record
/// names is a known scope.
#[test]
fn tables_are_sorted() {
    fn sorted<T>(table: &[T], key: impl Fn(&T) -> &str) {
        for pair in table.windows(2) {
            let (a, b) = (key(&pair[0]), key(&pair[1]));
            assert!(a < b, "{a} ≥ {b}");
        }
    }
    let cat = catalogue();
    sorted(cat.scopes, |(id, _, _)| id.get());
    sorted(cat.templates, |t| t.id.get());
    let runs = iter::once(cat.direct).chain(cat.templates.iter().map(|t| t.keys));
    for keys in runs {
        let names: Vec<&str> = keys.iter().map(Key::name).collect();
        sorted(&names, |n| n);
        for key in keys.iter() {
            assert_eq!(keys.find(key.name()), Some(key));
            for record in key.record_numbers().map(tables::record) {
                let scopes = cat.record_scopes(&record);
                sorted(scopes, |s| s);
                for scope in scopes {
                    assert!(in_some_release(cat, scope), "{key:?}: {scope}");
                }
            }
        }
    }
    sorted(tables::enums(), |e| e.name.get());
    sorted(cat.migrations, |(old, _)| old.get());
    sorted(cat.releases_noted, |(name, _)| name.get());
    sorted(cat.standard_types(), |t| t);
}

#[test]
fn distances() {
    let d = |a: &str, b: &str| {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        osa_distance(&a, &b)
    };
    assert_eq!(d("", ""), 0);
    assert_eq!(d("abc", ""), 3);
    assert_eq!(d("", "abc"), 3);
    assert_eq!(d("kitten", "sitting"), 3);
    assert_eq!(d("memroy", "memory"), 1);
    assert_eq!(d("ab", "ba"), 1);
    assert_eq!(d("ca", "abc"), 3); // OSA, not unrestricted Damerau (2)
    assert_eq!(d("flaw", "lawn"), 2);
    assert_eq!(bounded_distance(&['a'; 10], "b", 3), None);
    assert_eq!(bounded_distance(&['a', 'b'], "AB", 0), Some(0));
}

#[test]
fn globs() {
    assert!(glob_match("hive.s3.*", "hive.s3.endpoint"));
    assert!(!glob_match("hive.s3.*", "hive.s3select-pushdown.enabled"));
    assert!(glob_match(
        "*.http-client.max-connections",
        "exchange.http-client.max-connections"
    ));
    assert!(glob_match(
        "dynamic-filtering.small*",
        "dynamic-filtering.small"
    ));
    assert!(!glob_match("abc", "abcd"));
    assert!(glob_match("a*c*e", "abcde"));
}

#[test]
fn each_release_has_its_own_facts() {
    let known: Vec<u32> = known_releases().collect();
    assert_eq!(known, [435, 451, 468, 476, 479, 480, 481, 482]);
    let hive = Scope::Connector("hive");

    // Removed outright in 481: read (deprecated from 476) before, gone after.
    let old = catalogue_for(447);
    assert_eq!(old.releases(), (435, 451));
    assert!(matches!(
        old.lookup("hive.s3.iam-role", hive),
        Lookup::Known(_)
    ));
    let info = match catalogue_for(476).lookup("hive.s3.iam-role", hive) {
        Lookup::Known(info) => info,
        other => panic!("{other:?}"),
    };
    assert!(info.deprecated);
    assert!(matches!(
        catalogue_for(481).lookup("hive.s3.iam-role", hive),
        Lookup::Removed {
            replacement: Some("s3.iam-role"),
            last_read_in: Some(480),
            ..
        }
    ));

    // Renamed in 481: the new name is not read before, the old one is a legacy name after.
    assert_eq!(
        catalogue_for(480).lookup("fs.s3.enabled", hive),
        Lookup::NotYet {
            since: 481,
            instead: Some("fs.native-s3.enabled"),
        }
    );
    assert!(matches!(
        catalogue_for(480).lookup("fs.native-s3.enabled", hive),
        Lookup::Known(_)
    ));
    assert!(matches!(
        catalogue().lookup("fs.native-s3.enabled", hive),
        Lookup::Legacy { ref replacement, .. } if replacement == "fs.s3.enabled"
    ));

    // Heap percentages from 476 on.
    let kind = |release: u32| match catalogue_for(release)
        .lookup("query.max-memory-per-node", Scope::Server)
    {
        Lookup::Known(info) => info.kind.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(kind(468), ValueKind::DataSize);
    assert_eq!(kind(476), ValueKind::HeapSize);

    // Connectors come and go.
    assert!(catalogue_for(468).connectors().any(|c| c == "kudu"));
    assert!(!catalogue().connectors().any(|c| c == "kudu"));
    assert_eq!(catalogue().connector_removed_after("kudu"), Some(468));
    assert_eq!(catalogue_for(435).connector_since("ai"), Some(476));
    assert_eq!(catalogue().connector_since("ai"), None);
}

#[test]
fn between_two_releases_only_what_both_refuse_is_an_error() {
    // 470 lies between 468 and 476: a key either reads is known.
    let cat = catalogue_for(470);
    assert_eq!(cat.releases(), (468, 476));
    assert_eq!(basis(470), Basis::Between(468, 476));
    assert_eq!(basis(400), Basis::Older(435));
    assert_eq!(basis(490), Basis::Newer(482));
    assert_eq!(basis(468), Basis::Known(468));
    assert!(matches!(
        cat.lookup("query.max-memory-per-node", Scope::Server),
        Lookup::Known(_)
    ));
    // Every key either neighbour reads is known to the pair.
    for neighbour in [catalogue_for(468), catalogue_for(476)] {
        for scope in neighbour.scopes() {
            let scope = Scope::parse(scope);
            for p in neighbour.properties_in(scope) {
                assert!(
                    matches!(
                        cat.lookup(p.name, scope),
                        Lookup::Known(_) | Lookup::Legacy { .. }
                    ),
                    "{} in {scope:?}",
                    p.name
                );
            }
        }
    }
}
