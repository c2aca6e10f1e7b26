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

/// Reading chart values writes the files the templates would: JMX ports for each role, the
/// role's own `jmx.<role>` over `jmx`, and the coordinator's session property manager.
#[test]
fn chart_values_jmx_and_session_properties_are_written() {
    let text =
        fs::read_to_string("../../fixtures/check/chart-values/session-jmx-clean.yaml").unwrap();
    let input = trinocfg::input::chart::read(&text, "values.yaml").unwrap();
    assert!(input.unknown.is_empty() && input.refused.is_empty());
    let file = |node: usize, rel: &str| {
        input.nodes[node]
            .files
            .iter()
            .find(|f| f.rel == rel)
            .map(|f| f.text.clone())
    };
    let lines = |node: usize, rel: &str, prefix: &str| -> Vec<String> {
        file(node, rel)
            .unwrap()
            .lines()
            .filter(|l| l.starts_with(prefix))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        lines(0, "config.properties", "jmx."),
        ["jmx.rmiregistry.port=9090", "jmx.rmiserver.port=9081"]
    );
    assert_eq!(
        lines(1, "config.properties", "jmx."),
        ["jmx.rmiregistry.port=9080", "jmx.rmiserver.port=9081"]
    );
    for node in [0, 1] {
        assert_eq!(
            lines(node, "jvm.config", "-Dcom.sun.management"),
            ["-Dcom.sun.management.jmxremote.rmi.port=9081"]
        );
    }
    assert_eq!(
        file(0, "session-property-config.properties").unwrap(),
        "session-property-config.configuration-manager=file\nsession-property-manager.config-file=/etc/trino/session-property-config.json\n"
    );
    assert!(file(0, "session-property-config.json")
        .unwrap()
        .contains("\"tpch.splits_per_node\""));
    assert_eq!(file(1, "session-property-config.properties"), None);

    // JMX off (the chart's default): no line of it anywhere.
    let input = trinocfg::input::chart::read("image:\n  tag: \"480\"\n", "values.yaml").unwrap();
    for node in &input.nodes {
        assert!(
            node.files.iter().all(|f| !f.text.contains("jmx")),
            "{}",
            node.label
        );
    }
}

/// A value the chart never reads is a warning at its key, with the closest value it reads.
#[test]
fn chart_values_the_chart_never_reads_are_reported() {
    let text = "image:\n  tag: \"480\"\nworker:\n  resource:\n    limits:\n      memory: 8Gi\njmx:\n  coordinator:\n    enable: true\nglobal:\n  x: 1\n";
    let input = trinocfg::input::chart::read(text, "values.yaml").unwrap();
    let found: Vec<(String, Option<String>, usize)> = input
        .unknown
        .iter()
        .map(|d| (d.code.to_owned(), d.help.clone(), d.location.line))
        .collect();
    assert_eq!(
        found,
        [
            (
                "TP017".to_owned(),
                Some("did you mean `resources`?".to_owned()),
                4
            ),
            (
                "TP017".to_owned(),
                Some("did you mean `enabled`?".to_owned()),
                9
            ),
        ]
    );
}

/// Reading chart values gives each role the exporter and the `ServiceMonitor` the templates
/// render: `jmx.exporter` and `serviceMonitor`, the role's own merged over them, the labels
/// merged over the chart's default key by key, a null removing what it names.
#[test]
fn chart_values_exporters_and_service_monitors_are_read() {
    let read = |text: &str| trinocfg::input::chart::read(text, "values.yaml").unwrap();
    let labels = |input: &trinocfg::input::chart::ChartInput| -> Vec<Vec<(String, String)>> {
        input
            .service_monitors
            .iter()
            .map(|m| m.labels.clone())
            .collect()
    };
    let pairs = |p: &[(&str, &str)]| -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    };
    let text =
        fs::read_to_string("../../fixtures/check/chart-values/monitoring-clean.yaml").unwrap();
    let input = read(&text);
    for node in &input.nodes {
        let exporter = node.pod.as_ref().unwrap().jmx_exporter.clone().unwrap();
        assert_eq!(
            (exporter.image.as_str(), exporter.port),
            ("bitnamilegacy/jmx-exporter:1.4.0", Some(5557))
        );
    }
    assert_eq!(
        labels(&input),
        [
            pairs(&[("prometheus", "kube-prometheus"), ("release", "prometheus")]),
            pairs(&[
                ("prometheus", "kube-prometheus"),
                ("release", "prometheus"),
                ("team", "data"),
            ]),
        ]
    );
    let intervals: Vec<Option<String>> = input
        .service_monitors
        .iter()
        .map(|m| m.interval.clone())
        .collect();
    assert_eq!(intervals, [Some("1m".to_owned()), Some("1m".to_owned())]);

    // The chart's defaults: neither exporter nor monitor.
    let input = read("image:\n  tag: \"480\"\n");
    assert!(input.service_monitors.is_empty());
    assert!(input
        .nodes
        .iter()
        .all(|n| n.pod.as_ref().unwrap().jmx_exporter.is_none()));

    // The workers' monitor alone, its labels a null map: none, the default's included; the
    // coordinator's `prometheus: null` removes the default label; the role's `enabled: false`
    // takes the common value (sprig's `merge`).
    let input = read("image:\n  tag: \"480\"\nserviceMonitor:\n  worker:\n    enabled: true\n");
    assert_eq!(input.service_monitors.len(), 1);
    assert_eq!(
        input.service_monitors[0].selector,
        pairs(&[("app.kubernetes.io/component", "worker")])
    );
    assert_eq!(
        labels(&input),
        [pairs(&[("prometheus", "kube-prometheus")])]
    );
    let input = read("image:\n  tag: \"480\"\nserviceMonitor:\n  enabled: true\n  labels: null\n");
    assert_eq!(labels(&input), [Vec::new(), Vec::new()]);
    let input = read(
        "image:\n  tag: \"480\"\nserviceMonitor:\n  enabled: true\n  labels:\n    prometheus: null\n    a: b\n  coordinator:\n    enabled: false\n    labels:\n      a: null\n",
    );
    assert_eq!(labels(&input), [pairs(&[("a", "b")]), pairs(&[("a", "b")])]);
}
