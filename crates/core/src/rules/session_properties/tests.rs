//! Tests of the session property rules.

use super::*;

fn json(text: &str) -> JsonFile {
    JsonFile::new(text.to_owned(), crate::model::TopicOrigin::File(0))
}

fn messages(text: &str) -> Vec<String> {
    problems(&json(text)).into_iter().map(|p| p.0).collect()
}

#[test]
fn the_documented_file_is_read() {
    let text = r#"[
  {"group": "global.*", "sessionProperties": {"query_max_execution_time": "8h"}},
  {"user": "bob", "source": "(?i).*dbt.*", "clientTags": ["etl"], "queryType": "DATA_DEFINITION",
   "sessionProperties": {"join_distribution_type": "PARTITIONED", "query_max_run_time": 3600}},
  {"group": "global.pipeline.*", "clientTags": ["etl"],
   "sessionProperties": {"scale_writers": "true", "hive.insert_existing_partitions_behavior": "overwrite"}}
]"#;
    assert_eq!(messages(text), Vec::<String>::new());
}

#[test]
fn what_the_codec_refuses_is_reported() {
    let text = r#"[
  {"users": "bob", "sessionProperties": {"a": "b"}},
  {"group": "global.(adhoc", "sessionProperties": {"a": null}},
  {"clientTags": "etl", "sessionProperties": {"hive.compression_codec": ["x"]}},
  {"user": "alice"},
  7,
  {"catalogSessionProperties": {"hive": {"compression_codec": "ZSTD"}}}
]"#;
    let m = messages(text);
    assert_eq!(m.len(), 8, "{m:#?}");
    assert!(m[0].contains("unknown key `users`"), "{m:#?}");
    assert!(
        m[1].contains("`group` is not a Java regular expression"),
        "{m:#?}"
    );
    assert!(
        m[2].contains("`sessionProperties` has `null` for `a`"),
        "{m:#?}"
    );
    // Keys in name order (serde_json's map).
    assert!(
        m[3].contains("`clientTags` is not a list of strings"),
        "{m:#?}"
    );
    assert!(
        m[4].contains("has a list or an object for `hive.compression_codec`"),
        "{m:#?}"
    );
    assert!(m[5].contains("rule 3 has no `sessionProperties`"), "{m:#?}");
    assert!(m[6].contains("rule 4 is not a JSON object"), "{m:#?}");
    // PrestoSQL's map of catalogs: refused, with Trino's way; not also "no properties".
    assert!(
        m[7].contains("rule 5: unknown key `catalogSessionProperties`"),
        "{m:#?}"
    );
    let p = problems(&json(text));
    assert_eq!(p[0].3, "did you mean `user`?");
    assert_eq!((p[0].1.as_str(), p[0].2.as_deref()), ("/0", Some("users")));
    assert!(p[7].3.contains("named `catalog.property`"), "{}", p[7].3);
}

#[test]
fn catalog_properties_name_a_catalog_of_the_cluster() {
    let j = json(
        r#"[
  {"sessionProperties": {"query_max_run_time": "1h", "hive.compression_codec": "ZSTD"}},
  {"user": "a", "sessionProperties": {"lake.x": "1", "system.y": "2", "iceberg.z": "3"}},
  {"user": "b"}
]"#,
    );
    let found = unknown_catalogs(&j, &["lake", "iceberg"]);
    assert_eq!(
        found,
        [(
            "/0/sessionProperties".to_owned(),
            "hive.compression_codec",
            "hive"
        )]
    );
    assert!(unknown_catalogs(&j, &["hive", "lake", "iceberg"]).is_empty());
    assert!(unknown_catalogs(&json("{]"), &["hive"]).is_empty());
}

/// The `TR007` messages of a whole etc/ tree with these `config.properties` and rules.
fn unknown_catalog_messages(config: &str, rules: &str, tree: bool) -> Vec<String> {
    let files = [
        ("config.properties", config),
        (
            "session-property-config.properties",
            "session-property-config.configuration-manager=file\n\
             session-property-manager.config-file=session-property-config.json\n",
        ),
        ("session-property-config.json", rules),
        ("catalog/lake.properties", "connector.name=hive\n"),
    ];
    let found = if tree {
        crate::rules::check_etc_tree(&files)
    } else {
        crate::rules::check_etc_files(&files)
    };
    found
        .into_iter()
        .filter(|d| d.code == SESSION_PROPERTY_CATALOG.code)
        .map(|d| format!("{} | {}", d.message, d.help.unwrap_or_default()))
        .collect()
}

#[test]
fn a_catalog_property_of_a_missing_catalog_is_reported_when_the_catalogs_are_known() {
    let config = "coordinator=true\n";
    let rules =
        r#"[{"sessionProperties": {"laek.x": "1", "lake.y": "2", "query_max_run_time": "1h"}}]"#;
    let m = unknown_catalog_messages(config, rules, true);
    assert_eq!(m.len(), 1, "{m:#?}");
    assert!(
        m[0].contains("`laek.x` names the catalog `laek`, which the cluster does not have"),
        "{m:#?}"
    );
    assert!(m[0].ends_with("did you mean `lake.x`?"), "{m:#?}");
    // Files given one by one: other catalogs may exist.
    assert!(unknown_catalog_messages(config, rules, false).is_empty());
    // Catalogs created at run time: no file names them all.
    let dynamic = "coordinator=true\ncatalog.management=dynamic\n";
    assert!(unknown_catalog_messages(dynamic, rules, true).is_empty());
}

#[test]
fn from_the_spec_the_property_key_is_pointed_at() {
    let spec = "[cluster]\nname = \"t\"\n[coordinator]\nmemory = \"16Gi\"\ncpu = 4\n\
                [workers]\ncount = 2\nmemory = \"16Gi\"\ncpu = 4\n\
                [catalogs.lake]\nconnector = \"tpch\"\n\
                [[session_properties.rules]]\nuser = \"etl\"\n\
                properties = { query_max_run_time = \"1h\", \"laek.x\" = \"1\" }\n";
    let outcome = crate::generate(spec);
    let found: Vec<_> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.code == SESSION_PROPERTY_CATALOG.code)
        .collect();
    assert_eq!(found.len(), 1, "{:#?}", outcome.diagnostics);
    let at = &found[0].location;
    assert_eq!(
        at.path.as_deref(),
        Some("session_properties.rules[0].properties.\"laek.x\"")
    );
    let span = at.span.clone().expect("a span");
    assert_eq!(&spec[span], "\"1\"");
}

/// The system properties `system_properties` reports for `text`, judged as Trino
/// `release`: `name: message | help`.
fn system_messages(text: &str, release: u32, spooling: Option<bool>) -> Vec<String> {
    let config = Config {
        spooling,
        ..Config::default()
    };
    configured_messages(text, release, &config)
}

/// [`system_messages`] with the node's `config`.
fn configured_messages(text: &str, release: u32, config: &Config) -> Vec<String> {
    let cat = crate::catalogue::catalogue_for(release);
    system_properties(&json(text), cat, release, config)
        .into_iter()
        .map(|(pointer, name, problem)| match problem {
            System::Unknown { why, help } | System::Value { why, help } => {
                format!("{pointer} {name}: {why} | {help}")
            }
        })
        .collect()
}

#[test]
fn system_properties_are_judged_by_the_release() {
    let text = r#"[
  {"sessionProperties": {"query_max_run_time": "1h", "hive.x": "y", "query_max_excution_time": "1h"}},
  {"user": "a", "sessionProperties": {"enable_large_dynamic_filters": "true", "adaptive_filter_reordering_enabled": "false"}}
]"#;
    let odd = system_messages(
        r#"[{"sessionProperties": {"query max run time": "1h"}}]"#,
        482,
        None,
    );
    assert_eq!(odd.len(), 1, "{odd:#?}");
    assert!(
        odd[0].starts_with(
            "/0/sessionProperties query max run time: is not a session property of Trino 482 |"
        ),
        "{odd:#?}"
    );
    let at_482 = system_messages(text, 482, None);
    assert_eq!(at_482.len(), 2, "{at_482:#?}");
    assert!(at_482[0].starts_with("/0/sessionProperties query_max_excution_time: is not a session property of Trino 482 | did you mean `query_max_execution_time`?"), "{at_482:#?}");
    assert!(at_482[1].contains("enable_large_dynamic_filters: is not a session property of Trino 482 (Trino 479 was the last known release with it) | remove it"), "{at_482:#?}");
    let at_479 = system_messages(text, 479, None);
    assert_eq!(at_479.len(), 2, "{at_479:#?}");
    assert!(at_479[1].contains("adaptive_filter_reordering_enabled: is a session property from Trino 481 on, not of Trino 479 | remove it, or target Trino 481 or later"), "{at_479:#?}");
    assert_eq!(system_messages(text, 480, None).len(), 3);
    // A release newer than every known one is judged by the newest, and says so.
    let newer = system_messages(text, 490, None);
    assert!(
        newer[0]
            .contains("is not a session property of Trino 482, the newest release trinocfg knows"),
        "{newer:#?}"
    );
    // Trino 477 lies between 476 and 479: what either has is accepted.
    let both = r#"[{"sessionProperties": {"prefer_streaming_operators": "true", "debug_adaptive_planner": "true"}}]"#;
    assert!(system_messages(both, 477, None).is_empty());
    assert_eq!(system_messages(both, 476, None).len(), 1);
    assert_eq!(system_messages(both, 479, None).len(), 1);
}

#[test]
fn hidden_columns_cannot_be_shown_again() {
    let hides = Config {
        hides_columns: true,
        ..Config::default()
    };
    let off = r#"[{"sessionProperties": {"hide_inaccessible_columns": "false"}}, {"sessionProperties": {"hide_inaccessible_columns": "no"}}]"#;
    let found = configured_messages(off, 482, &hides);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[1].starts_with("/1/sessionProperties hide_inaccessible_columns: cannot be disabled with a session property when config.properties enables it (`hide-inaccessible-columns=true`)"), "{found:#?}");
    // Without the configuration's true, false is the default anyway; "no" is read as false.
    let free = system_messages(off, 482, None);
    assert_eq!(free.len(), 1, "{free:#?}");
    assert!(free[0].contains("Trino reads it as false"), "{free:#?}");
    let on = r#"[{"sessionProperties": {"hide_inaccessible_columns": "TRUE"}}, {"sessionProperties": {"hide_inaccessible_columns": true}}]"#;
    assert!(configured_messages(on, 482, &hides).is_empty());
    // A value that is no scalar is TR006's alone.
    let list = r#"[{"sessionProperties": {"hide_inaccessible_columns": ["false"]}}]"#;
    assert!(configured_messages(list, 482, &hides).is_empty());
}

#[test]
fn spooling_properties_need_the_spooling_protocol() {
    let text = r#"[{"sessionProperties": {"spooling_inlining_enabled": "false"}}]"#;
    assert!(system_messages(text, 482, None).is_empty());
    assert!(system_messages(text, 482, Some(true)).is_empty());
    let off = system_messages(text, 482, Some(false));
    assert_eq!(off.len(), 1, "{off:#?}");
    assert!(
        off[0].contains("exists only with the spooling protocol"),
        "{off:#?}"
    );
}

#[test]
fn system_property_values_are_decoded() {
    let text = r#"[{"sessionProperties": {
  "query_max_run_time": "8 hours", "query_max_memory": "16GB", "scale_writers": true,
  "spill_enabled": "1", "query_priority": 2.5, "task_concurrency": 8,
  "join_distribution_type": "partitioned", "retry_policy": "TASKS", "time_zone_id": "x",
  "max_reordered_joins": 1
}}]"#;
    let m = system_messages(text, 482, None);
    assert_eq!(m.len(), 5, "{m:#?}");
    // serde_json's map holds the names in name order.
    assert!(m[0].contains("max_reordered_joins: `1` is less than 2; every query its rule matches fails (INVALID_SESSION_PROPERTY) | write a number of at least 2"), "{m:#?}");
    assert!(m[1].contains("query_max_run_time: `8 hours` is not a Trino duration: use `8h`; every query its rule matches fails (INVALID_SESSION_PROPERTY)"), "{m:#?}");
    assert!(
        m[2].contains("query_priority: `2.5` is not an int"),
        "{m:#?}"
    );
    assert!(
        m[2].contains("(NumberFormatException: For input string: \"2.5\") | write a whole number"),
        "{m:#?}"
    );
    assert!(
        m[3].contains("retry_policy: `TASKS` is not accepted"),
        "{m:#?}"
    );
    assert!(
        m[3].ends_with("| write `TASK`, `QUERY` or `NONE`, in any case"),
        "{m:#?}"
    );
    assert!(m[4].contains("spill_enabled: `1` is not `true` or `false`; Trino reads it as false | write `true` or `false`"), "{m:#?}");
    assert!(!m[4].contains("fails"), "{m:#?}");
}

#[test]
fn from_the_spec_a_bad_value_is_pointed_at() {
    let spec = "[cluster]\nname = \"t\"\n[coordinator]\nmemory = \"16Gi\"\ncpu = 4\n\
                [workers]\ncount = 2\nmemory = \"16Gi\"\ncpu = 4\n\
                [catalogs.lake]\nconnector = \"tpch\"\n\
                [[session_properties.rules]]\nuser = \"etl\"\n\
                properties = { query_max_run_time = \"8 hours\", query_max_excution_time = \"1h\" }\n";
    let outcome = crate::generate(spec);
    let found: Vec<_> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("TR00"))
        .map(|d| {
            let span = d.location.span.clone().expect("a span");
            (
                d.code,
                d.location.path.clone().unwrap_or_default(),
                &spec[span],
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                SESSION_PROPERTY_VALUE.code,
                "session_properties.rules[0].properties.\"query_max_run_time\"".to_owned(),
                "\"8 hours\""
            ),
            (
                SESSION_PROPERTY_UNKNOWN.code,
                "session_properties.rules[0].properties.\"query_max_excution_time\"".to_owned(),
                "\"1h\""
            ),
        ],
        "{:#?}",
        outcome.diagnostics
    );
}

#[test]
fn a_file_that_is_not_a_list_or_not_json() {
    assert_eq!(messages("{}"), ["the rules are not a JSON list"]);
    assert!(messages("[{]")[0].starts_with("not valid JSON (line 1)"));
}
