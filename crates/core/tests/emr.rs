//! `gen --format emr`: Amazon EMR configuration classifications of every example, and each of
//! EMR's limits as a rule.

use serde_json::Value;
use trinocfg::{examples, Diagnostic, EmrOutcome};

/// The classifications of one cluster's spec.
fn emr(source: &str, release: Option<u32>) -> EmrOutcome {
    trinocfg::emr(source, release).expect("a spec of one cluster")
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
    diagnostics.iter().map(|d| d.code).collect()
}

/// The classifications by name.
fn classifications(json: &str) -> Vec<(String, Value)> {
    let list: Vec<Value> = serde_json::from_str(json).unwrap();
    list.into_iter()
        .map(|c| {
            (
                c["Classification"].as_str().unwrap().to_owned(),
                c["Properties"].clone(),
            )
        })
        .collect()
}

fn summary(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}[{}] {} ({})",
                d.severity,
                d.code,
                d.message,
                d.location.path.as_deref().unwrap_or("-")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_example_as_classifications() {
    for e in examples::EXAMPLES {
        let Ok(out) = trinocfg::emr(e.source, None) else {
            assert_eq!(e.name, "gateway-blue-green", "only the fleet is refused");
            continue;
        };
        let text = if let Some(json) = &out.json {
            let list = classifications(json);
            assert_eq!(list[0].0, "trino-config", "{}", e.name);
            assert_eq!(list[1].0, "trino-node", "{}", e.name);
            format!("{json}\n{}", summary(&out.diagnostics))
        } else {
            assert!(
                out.diagnostics.iter().any(Diagnostic::is_error),
                "{}: no output and no error",
                e.name
            );
            format!("(nothing written)\n{}", summary(&out.diagnostics))
        };
        insta::assert_snapshot!(format!("emr_{}", e.name), text);
    }
}

#[test]
fn the_classifications_carry_the_generated_properties() {
    let e = examples::find("federated-s3-mysql").unwrap();
    let generated = trinocfg::generate(e.source).output.unwrap();
    let out = emr(e.source, None);
    let list = classifications(out.json.as_deref().unwrap());
    let get = |name: &str| {
        list.iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .1
            .clone()
    };
    let worker = generated.worker.as_ref().unwrap();
    for f in &worker.files {
        let Some(catalog) = f
            .rel
            .strip_prefix("catalog/")
            .and_then(|n| n.strip_suffix(".properties"))
        else {
            continue;
        };
        let text = f.contents();
        let connector = text
            .lines()
            .find_map(|l| l.strip_prefix("connector.name="))
            .unwrap();
        let class = get(&format!("trino-connector-{connector}"));
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && l.contains('='))
        {
            let (k, v) = line.split_once('=').unwrap();
            if k != "connector.name" {
                assert_eq!(class[k], v, "{catalog}: {k}");
            }
        }
    }
    let config = get("trino-config");
    assert_eq!(config["query.max-memory"], "47184MB");
    assert!(config.get("coordinator").is_none());
    assert!(config.get("discovery.uri").is_none());
    assert!(out.managed.iter().any(|(k, _)| k == "discovery.uri"));
}

const MINIMAL: &str = "[cluster]\nname = \"t\"\n[coordinator]\nmemory = \"8Gi\"\ncpu = 2\n[workers]\nmemory = \"16Gi\"\ncpu = 4\n";

#[test]
fn a_heap_setting_is_a_warning_with_the_instance_advice() {
    let out = emr(&format!("{MINIMAL}heap = \"12Gi\"\n"), None);
    let d = out.diagnostics.iter().find(|d| d.code == "TX001").unwrap();
    assert_eq!(d.location.path.as_deref(), Some("workers.heap"));
    assert!(d.location.line > 0);
    assert!(d.help.as_deref().unwrap().contains("16 GiB"), "{d:?}");
    assert!(out.json.is_some());
}

#[test]
fn kafka_topic_descriptions_cannot_be_delivered() {
    let out = emr(examples::find("kafka-orders").unwrap().source, None);
    let topics: Vec<&Diagnostic> = out
        .diagnostics
        .iter()
        .filter(|d| d.code == "TX002")
        .collect();
    assert_eq!(topics.len(), 2);
    assert!(topics[0].message.contains("Kafka topic description"));
    assert_eq!(
        topics[0].location.path.as_deref(),
        Some("catalogs.events.topics")
    );
}

#[test]
fn catalogs_emr_cannot_write_are_errors() {
    let two = format!(
        "{MINIMAL}[catalogs.a]\nconnector = \"tpch\"\n[catalogs.tpch]\nconnector = \"tpch\"\n"
    );
    let out = emr(&two, None);
    assert!(
        codes(&out.diagnostics).contains(&"TX004"),
        "{}",
        summary(&out.diagnostics)
    );
    assert!(out.json.is_none());
    let other = format!("{MINIMAL}[catalogs.x]\nconnector = \"sqlserver\"\nproperties = {{ \"connection-url\" = \"jdbc:sqlserver://db:1433\" }}\n");
    let out = emr(&other, None);
    let d = out.diagnostics.iter().find(|d| d.code == "TX004").unwrap();
    assert_eq!(d.location.path.as_deref(), Some("catalogs.x.connector"));
    // One catalog named after its classification is neither renamed nor refused.
    let out = emr(
        &format!("{MINIMAL}[catalogs.tpch]\nconnector = \"tpch\"\n"),
        None,
    );
    assert!(!codes(&out.diagnostics).contains(&"TX003"));
    let out = emr(
        &format!("{MINIMAL}[catalogs.bench]\nconnector = \"tpch\"\n"),
        None,
    );
    assert!(codes(&out.diagnostics).contains(&"TX003"));
}

#[test]
fn role_settings_that_one_classification_cannot_hold() {
    let spec = format!("{MINIMAL}[coordinator.properties]\n\"web-ui.enabled\" = false\n");
    let spec = spec.replace("[workers]", "[coordinator.placeholder]\n[workers]");
    let spec = spec.replace("[coordinator.placeholder]\n", "");
    let out = emr(&spec, None);
    let d = out.diagnostics.iter().find(|d| d.code == "TX006");
    assert!(d.is_some(), "{}", summary(&out.diagnostics));
    assert!(out.json.is_none());
    let spec = format!(
        "{MINIMAL}[coordinator.properties]\n\"task.concurrency\" = 8\n[workers.properties]\n\"task.concurrency\" = 16\n"
    );
    let out = emr(&spec, None);
    let d = out
        .diagnostics
        .iter()
        .find(|d| d.code == "TX005" && d.message.contains("task.concurrency"))
        .unwrap();
    assert!(d.is_error());
    assert_eq!(
        d.location.path.as_deref(),
        Some("coordinator.properties.\"task.concurrency\"")
    );
}

#[test]
fn secrets_stay_references_and_are_named_once() {
    let out = emr(examples::find("federated-s3-mysql").unwrap().source, None);
    let env: Vec<&Diagnostic> = out
        .diagnostics
        .iter()
        .filter(|d| d.code == "TX007")
        .collect();
    assert_eq!(env.len(), 1);
    assert!(env[0].message.contains("PRODUCTS_PASSWORD"));
    assert!(out.json.unwrap().contains("${ENV:PRODUCTS_PASSWORD}"));
}

#[test]
fn a_fleet_and_a_broken_spec_write_nothing() {
    let refusal = trinocfg::emr(examples::find("gateway-blue-green").unwrap().source, None);
    assert!(refusal.unwrap_err().contains("a fleet is several clusters"));
    let out = emr("[cluster\n", None);
    assert!(out.json.is_none());
    assert!(codes(&out.diagnostics).contains(&"TS001"));
}

/// A file no classification delivers is copied by a bootstrap action: to the primary node when
/// only the coordinator reads it, to every node otherwise.
#[test]
fn undelivered_files_name_the_nodes_that_need_them() {
    let out = emr(examples::find("data-on-eks").unwrap().source, None);
    let help = |rel: &str| {
        out.diagnostics
            .iter()
            .find(|d| d.code == "TX002" && d.message.contains(&format!("`{rel}`")))
            .and_then(|d| d.help.clone())
            .unwrap_or_else(|| panic!("no TX002 for {rel}: {:#?}", out.diagnostics))
    };
    for rel in ["session-property-config.json", "resource-groups.properties"] {
        assert!(
            help(rel).contains("on the primary node"),
            "{rel}: {}",
            help(rel)
        );
    }
    // The workers' access control of graceful shutdown.
    assert!(help("shutdown-access-rules.json").contains("on every node"));
}
