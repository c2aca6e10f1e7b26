//! Names in the generated Kubernetes objects are what the API server accepts: object and volume
//! names DNS-1123 labels of at most 63 characters, distinct, every volume's ConfigMap present;
//! whatever the catalog names are. And `check`
//! of that output finds every Kafka topic through the shortened names.

mod common;
use common::proptest_config;

use std::collections::BTreeSet;

use proptest::prelude::*;
use trinocfg::kubernetes_names::is_dns1123_label;
use yaml_rust2::YamlLoader;

fn spec(catalogs: &[String]) -> String {
    let mut s = String::from(
        "[cluster]\nname = \"a-cluster-name-of-forty-characters-long0\"\n\
         [coordinator]\nmemory = \"8Gi\"\ncpu = 2\n[workers]\ncount = 1\nmemory = \"16Gi\"\ncpu = 4\n",
    );
    for c in catalogs {
        s.push_str(&format!(
            "[catalogs.{c}]\nconnector = \"kafka\"\nnodes = [\"kafka:9092\"]\n\
             [[catalogs.{c}.topics]]\ntable = \"t\"\n\
             message = {{ data_format = \"json\", fields = [{{ name = \"id\", type = \"BIGINT\", mapping = \"id\" }}] }}\n"
        ));
    }
    s
}

/// Asserts the names of the stream `yaml`; returns the problems found.
fn name_problems(yaml: &str) -> Vec<String> {
    let docs = YamlLoader::load_from_str(yaml).unwrap();
    let mut problems = Vec::new();
    let mut config_maps = BTreeSet::new();
    for d in &docs {
        let name = d["metadata"]["name"].as_str().unwrap_or_default();
        if !is_dns1123_label(name) {
            problems.push(format!("object name `{name}`"));
        }
        if d["kind"].as_str() == Some("ConfigMap") && !config_maps.insert(name.to_owned()) {
            problems.push(format!("two ConfigMaps named `{name}`"));
        }
    }
    for d in docs
        .iter()
        .filter(|d| d["kind"].as_str() == Some("Deployment"))
    {
        let pod = &d["spec"]["template"]["spec"];
        let mut volumes = BTreeSet::new();
        for v in pod["volumes"].as_vec().unwrap() {
            let name = v["name"].as_str().unwrap();
            if !is_dns1123_label(name) {
                problems.push(format!("volume name `{name}` ({} characters)", name.len()));
            }
            if !volumes.insert(name) {
                problems.push(format!("two volumes named `{name}`"));
            }
            if !config_maps.contains(v["configMap"]["name"].as_str().unwrap()) {
                problems.push(format!(
                    "volume `{name}` mounts a ConfigMap not in the stream"
                ));
            }
        }
        let mounts: BTreeSet<&str> = pod["containers"][0]["volumeMounts"]
            .as_vec()
            .unwrap()
            .iter()
            .map(|m| m["name"].as_str().unwrap())
            .collect();
        if mounts != volumes {
            problems.push("mounts and volumes differ".into());
        }
    }
    problems
}

fn check_generated(catalogs: &[String]) -> Result<(), String> {
    let outcome = trinocfg::generate(&spec(catalogs));
    let Some(output) = outcome.output else {
        return Err(format!("{:?}", outcome.diagnostics));
    };
    let problems = name_problems(&output.kubernetes);
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    let checked = trinocfg::check(&trinocfg::input::kubernetes::read(
        &output.kubernetes,
        "k.yaml",
    ));
    if let Some(e) = checked.iter().find(|d| d.is_error()) {
        return Err(e.to_string());
    }
    Ok(())
}

#[test]
fn a_long_kafka_catalog_name_gives_valid_distinct_names() {
    let sixty = "k".repeat(60);
    // Volume `kafka-<60 characters>` would be 66 characters.
    check_generated(std::slice::from_ref(&sixty)).unwrap();
    check_generated(&[
        format!("{sixty}_a"),
        format!("{sixty}_b"),
        "orders".into(),
        "orders_".into(),
        "x".repeat(128),
    ])
    .unwrap();
}

#[test]
fn names_within_limits_are_unchanged() {
    let output = trinocfg::generate(&spec(&["events".into()]))
        .output
        .unwrap();
    assert!(output.kubernetes.contains("- name: kafka-events\n"));
    assert!(output
        .kubernetes
        .contains("name: a-cluster-name-of-forty-characters-long0-kafka-events\n"));
}

proptest! {
    #![proptest_config(proptest_config(64))]

    #[test]
    fn any_catalog_names_give_valid_names(
        names in proptest::collection::btree_set("[a-z][a-z0-9_]{0,127}", 1..4),
    ) {
        let names: Vec<String> = names.into_iter().filter(|n| n != "system").collect();
        prop_assume!(!names.is_empty());
        let result = check_generated(&names);
        prop_assert!(result.is_ok(), "{:?}: {}", names, result.unwrap_err());
    }
}
