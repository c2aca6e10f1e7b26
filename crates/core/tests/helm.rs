//! Values of the official Trino Helm chart for every fixture spec: the values, or what the
//! chart cannot express, snapshotted. `scripts/helm-roundtrip.sh` renders them with the chart.

use std::fs;

use trinocfg::render::helm::HelmError;

#[test]
fn helm_values_of_every_fixture() {
    insta::glob!("../../../fixtures/specs", "*.toml", |path| {
        let source = fs::read_to_string(path).unwrap();
        let (outcome, values) = trinocfg::helm_values(&source);
        let text = match values {
            Ok(text) => {
                assert!(!outcome.has_errors(), "{}", path.display());
                text
            }
            Err(HelmError::Invalid) => panic!("{}: {:#?}", path.display(), outcome.diagnostics),
            Err(e) => format!("refused:\n{e}\n"),
        };
        insta::assert_snapshot!("helm_values", text);
    });
}

#[test]
fn helm_values_are_deterministic() {
    for e in trinocfg::examples::EXAMPLES {
        assert_eq!(
            trinocfg::helm_values(e.source).1,
            trinocfg::helm_values(e.source).1,
            "{}",
            e.name
        );
    }
}

/// The values are YAML a YAML reader reads, with the keys of the chart.
#[test]
fn helm_values_read_back() {
    let source = trinocfg::examples::find("kafka-orders").unwrap().source;
    let text = trinocfg::helm_values(source).1.unwrap();
    let docs = yaml_rust2::YamlLoader::load_from_str(&text).unwrap();
    let v = &docs[0];
    assert_eq!(v["image"]["tag"].as_str(), Some("482"));
    assert!(v["catalogs"]["tpcds"].is_null());
    assert!(v["kafka"]["tableDescriptions"]["shop.orders.json"]
        .as_str()
        .is_some());
    assert_eq!(
        v["kafka"]["mountPath"].as_str(),
        Some("/etc/trino/kafka/events")
    );
}

/// The examples the chart cannot express whole, without the refused keys (as the round trip
/// renders them): KEDA, the HPA, graceful shutdown, the JMX exporter, placement.
#[test]
fn helm_values_without_the_refused_keys() {
    for (name, cut) in [
        (
            "data-on-eks",
            &[
                "disruption_budget = { max_unavailable = 0 }\n",
                "[workers.disruption_budget]\nmax_unavailable = 1\n",
            ][..],
        ),
        (
            "hpa-custom-metrics",
            &[
                "[workers.disruption_budget]\nmax_unavailable = 1\n",
                "pod_metrics = [{ name = \"trino_running_queries\", average_value = \"5\" }]\n",
            ][..],
        ),
    ] {
        let mut source = trinocfg::examples::find(name).unwrap().source.to_owned();
        for c in cut {
            assert!(source.contains(c), "{name}: {c}");
            source = source.replace(c, "");
        }
        let (outcome, values) = trinocfg::helm_values(&source);
        assert!(!outcome.has_errors(), "{name}");
        insta::assert_snapshot!(format!("helm_values_partial_{name}"), values.unwrap());
    }
}
