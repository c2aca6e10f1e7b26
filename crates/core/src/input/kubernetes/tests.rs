//! Tests of the Kubernetes reader.

use yaml_rust2::scanner::TScalarStyle;

use super::yaml::block_origin;
use super::*;
use crate::model::Embedding;

#[test]
fn block_scalars_map_onto_yaml_lines() {
    let yaml = "data:\n  a.properties: |\n    k=v\n\n    z=w\n  b.properties: \"x=1\\n\"\n";
    let docs = super::yaml::documents(yaml, "test.yaml", 1).unwrap();
    let starts = line_starts(yaml);
    let entries = docs[0].get("data").unwrap().entries();
    let Node::Scalar {
        value, line, style, ..
    } = &entries[0].1
    else {
        panic!()
    };
    assert_eq!(*style, TScalarStyle::Literal);
    match block_origin(yaml, &starts, *line, value, 2, 3) {
        Embedding::Block {
            line,
            indent,
            starts,
        } => {
            assert_eq!((line, indent), (3, 4));
            assert_eq!(&yaml[starts[2]..starts[2] + 3], "z=w");
        }
        other => panic!("{other:?}"),
    }
    let input = read(yaml, "x.yaml");
    assert!(input.diagnostics.is_empty());
}

#[test]
fn characters_yaml_readers_read_differently_are_reported() {
    let yaml = "kind: ConfigMap\ndata:\n  x.json: '{\"comment\": \"x\u{2028}evilkey: injected\"}'\n  y: a\u{85}b\n  z: \"\\u2028 escaped is fine\"\n";
    let d = read(yaml, "x.yaml").diagnostics;
    assert_eq!(d.len(), 2, "{d:?}");
    assert!(d.iter().all(|d| d.code == "TP011"));
    assert_eq!((d[0].location.line, d[0].location.column), (3, 26));
    assert!(d[0].message.contains("U+2028 (line separator)"));
    assert!(d[0].message.contains("YAML 1.1"));
    assert!(d[1].message.contains("U+0085"));
    assert!(d[0].help.as_deref().unwrap().contains("\\u2028"));
    let esc = read("kind: ConfigMap\nmetadata:\n  name: a\u{1b}b\n", "x.yaml").diagnostics;
    assert!(esc[0].message.contains("U+001B, a non-printable character"));
    // One report per line, at most 20, the last counting the rest.
    let many = "a: \u{2028}\u{2028}\n".repeat(25);
    let d = read(&many, "x.yaml").diagnostics;
    let tp011: Vec<_> = d.iter().filter(|d| d.message.contains("U+2028")).collect();
    assert_eq!(tp011.len(), 20);
    assert!(tp011[19].message.ends_with("(and 5 more lines like it)"));
    // What trinocfg writes has none.
    assert!(read("a: \"x\\u2028y\"\n", "x.yaml").diagnostics.is_empty());
}

/// A ConfigMap `name` holding `files` (name, content), and a Deployment mounting
/// `mounts` (ConfigMap, mount path, extra volume-mount and volume lines).
fn stream(maps: &[(&str, &[(&str, &str)])], mounts: &[(&str, &str, &str, &str)]) -> String {
    let mut y = String::new();
    for (name, files) in maps {
        y.push_str(&format!(
            "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n"
        ));
        for (file, text) in *files {
            y.push_str(&format!("  {file}: |\n"));
            for line in text.lines() {
                y.push_str(&format!("    {line}\n"));
            }
        }
    }
    y.push_str("---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: trino\nspec:\n  template:\n    spec:\n      containers:\n        - name: trino\n          image: trinodb/trino:482\n          volumeMounts:\n");
    for (i, (_, path, extra, _)) in mounts.iter().enumerate() {
        y.push_str(&format!(
            "            - name: v{i}\n              mountPath: {path}\n{extra}"
        ));
    }
    y.push_str("      volumes:\n");
    for (i, (cm, _, _, extra)) in mounts.iter().enumerate() {
        y.push_str(&format!(
            "        - name: v{i}\n          configMap:\n            name: {cm}\n{extra}"
        ));
    }
    y
}

fn codes(yaml: &str) -> Vec<&'static str> {
    crate::check(&read(yaml, "k.yaml"))
        .iter()
        .map(|d| d.code)
        .collect()
}

const CONFIG: (&str, &str) = (
    "config.properties",
    "coordinator=true\nhttp-server.http.port=8080\ndiscovery.uri=http://trino:8080\n",
);
const JVM: (&str, &str) = ("jvm.config", "-Xmx8G\n");
const NODE: (&str, &str) = ("node.properties", "node.environment=prod\n");
const TPCH: (&str, &str) = ("tpch.properties", "connector.name=tpch\n");

#[test]
fn a_workload_root_without_a_launcher_file_is_an_error_at_its_mount() {
    let yaml = stream(
        &[("etc", &[CONFIG, NODE])],
        &[("etc", "/etc/trino", "", "")],
    );
    let d = crate::check(&read(&yaml, "k.yaml"));
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, "TN002");
    assert!(d[0].message.starts_with("Deployment trino: no jvm.config"));
    assert_eq!(
        d[0].location.path.as_deref(),
        Some("Deployment trino: ConfigMap etc mounted at /etc/trino")
    );
    let span = d[0].location.span.clone().unwrap();
    assert_eq!(&yaml[span], "/etc/trino");
    // A root ConfigMap without config.properties is still the root.
    let yaml = stream(&[("etc", &[JVM, NODE])], &[("etc", "/etc/trino/", "", "")]);
    let d = crate::check(&read(&yaml, "k.yaml"));
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(
        d[0].message.ends_with("\"config file is missing\""),
        "{d:?}"
    );
    // Complete, it is clean.
    let yaml = stream(
        &[("etc", &[CONFIG, JVM, NODE]), ("cat", &[TPCH])],
        &[
            ("etc", "/etc/trino", "", ""),
            ("cat", "/etc/trino/catalog", "", ""),
        ],
    );
    assert_eq!(codes(&yaml), Vec::<&str>::new());
}

#[test]
fn a_file_from_another_volume_is_not_judged_missing() {
    let mut yaml = stream(
        &[("etc", &[CONFIG, NODE])],
        &[("etc", "/etc/trino", "", "")],
    );
    yaml = yaml.replace(
        "      volumes:\n",
        "            - name: jvm\n              mountPath: /etc/trino/jvm.config\n              subPath: jvm.config\n      volumes:\n        - name: jvm\n          secret:\n            secretName: trino-jvm\n",
    );
    let cluster = read(&yaml, "k.yaml");
    assert!(!cluster.nodes[0].complete.root);
    assert!(cluster.nodes[0].complete.catalogs);
    assert_eq!(codes(&yaml), Vec::<&str>::new());
}

#[test]
fn projected_items_are_the_only_files_of_a_volume() {
    let items = "            items:\n              - key: config.properties\n                path: config.properties\n";
    let yaml = stream(
        &[("etc", &[CONFIG, JVM, NODE])],
        &[("etc", "/etc/trino", "", items)],
    );
    // Neither jvm.config nor node.properties (with node.environment) is mounted.
    assert_eq!(codes(&yaml), ["TN001", "TN002"]);
}

#[test]
fn a_workload_that_mounts_its_root_holds_it_in_full() {
    let yaml = stream(
        &[("etc", &[CONFIG, JVM, NODE]), ("cat", &[TPCH])],
        &[
            ("etc", "/etc/trino", "", ""),
            ("cat", "/etc/trino/catalog", "", ""),
        ],
    );
    let cluster = read(&yaml, "k.yaml");
    assert_eq!(cluster.nodes.len(), 1);
    let node = &cluster.nodes[0];
    assert_eq!(node.complete, Completeness::WHOLE);
    assert_eq!(node.config_root, "/etc/trino");
    let rels: Vec<&str> = node.files.iter().map(|f| f.rel.as_str()).collect();
    assert_eq!(
        rels,
        [
            "config.properties",
            "jvm.config",
            "node.properties",
            "catalog/tpch.properties"
        ]
    );
    // A ConfigMap no workload mounts: what directory it belongs to is not known.
    let yaml = stream(&[("etc", &[CONFIG, JVM, NODE])], &[]);
    let cluster = read(&yaml, "k.yaml");
    assert_eq!(cluster.nodes[0].label, "ConfigMap etc");
    assert_eq!(cluster.nodes[0].complete, Completeness::NONE);
}

#[test]
fn partial_mounts_keep_the_images_files() {
    // Files mounted one by one: the image's other files remain.
    let sub = "              subPath: config.properties\n";
    let yaml = stream(
        &[("etc", &[CONFIG])],
        &[("etc", "/etc/trino/config.properties", sub, "")],
    );
    let cluster = read(&yaml, "k.yaml");
    assert_eq!(cluster.nodes.len(), 1);
    assert_eq!(cluster.nodes[0].files[0].rel, "config.properties");
    assert!(!cluster.nodes[0].complete.root);
    assert_eq!(codes(&yaml), Vec::<&str>::new());
    // Only a catalog directory: its catalogs are checked, the root files are the image's.
    let bad = ("Sales.properties", "connector.name=tpch\n");
    let yaml = stream(
        &[("cat", &[TPCH, bad])],
        &[("cat", "/etc/trino/catalog", "", "")],
    );
    let cluster = read(&yaml, "k.yaml");
    assert_eq!(cluster.nodes.len(), 1);
    assert_eq!(cluster.nodes[0].complete, Completeness::CATALOGS);
    assert_eq!(codes(&yaml), ["TC004"]);
}

#[test]
fn streams_count_their_objects_and_lists_are_read() {
    let s = read_stream(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\n",
        "k.yaml",
    );
    assert!(s.parsed);
    assert_eq!(s.objects, 2);
    assert!(!s.has_trino_configuration());
    let list = "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: etc\n    data:\n      config.properties: |\n        coordinator=true\n";
    let s = read_stream(list, "k.yaml");
    assert_eq!(s.objects, 1);
    assert!(s.has_trino_configuration());
    assert!(!read_stream("a: [", "k.yaml").parsed);
}

#[test]
fn broken_yaml_is_a_diagnostic() {
    let input = read("a: [1, 2\nb: {", "x.yaml");
    assert_eq!(input.diagnostics.len(), 1);
    assert_eq!(input.diagnostics[0].code, "TP011");
}

/// The fleet example's stream: three clusters, each a coordinator and its workers.
fn fleet_stream() -> String {
    let spec = crate::examples::find("gateway-blue-green").unwrap().source;
    crate::generate(spec).output.unwrap().kubernetes
}

fn part_names(parts: &[Part]) -> Vec<Vec<String>> {
    parts
        .iter()
        .map(|p| p.cluster.nodes.iter().map(|n| n.label.clone()).collect())
        .collect()
}

#[test]
fn a_stream_of_several_clusters_splits_by_discovery() {
    let parts = read_stream(&fleet_stream(), "k.yaml").clusters();
    let names = part_names(&parts);
    assert_eq!(
        names,
        [
            ["Deployment blue-coordinator", "Deployment blue-worker"],
            ["Deployment green-coordinator", "Deployment green-worker"],
            ["Deployment etl-coordinator", "Deployment etl-worker"],
        ]
    );
    assert_eq!(parts[1].name, "Deployment green-coordinator");
    for part in &parts {
        let crate::model::TargetSource::Image { workload, .. } = &part.cluster.target.source else {
            panic!("{:?}", part.cluster.target);
        };
        assert_eq!(workload, &part.name);
    }
}

#[test]
fn autoscalers_and_budgets_go_with_the_pods_they_reach() {
    let eks = crate::examples::find("data-on-eks").unwrap().source;
    let render = |name: &str| {
        let spec = eks.replacen("name = \"trino\"", &format!("name = \"{name}\""), 1);
        crate::generate(&spec).output.unwrap().kubernetes
    };
    let yaml = format!("{}---\n{}", render("sales"), render("adhoc"));
    let stream = read_stream(&yaml, "k.yaml");
    let (autoscalers, budgets) = (
        stream.cluster.autoscalers.len(),
        stream.cluster.budgets.len(),
    );
    assert!(autoscalers >= 2 && budgets >= 2);
    let parts = stream.clusters();
    assert_eq!(parts.len(), 2);
    for (part, name) in parts.iter().zip(["sales", "adhoc"]) {
        assert_eq!(part.name, format!("Deployment {name}-coordinator"));
        assert_eq!(part.cluster.autoscalers.len(), autoscalers / 2);
        assert_eq!(part.cluster.budgets.len(), budgets / 2);
        for a in &part.cluster.autoscalers {
            assert!(a.target.value.1.starts_with(name), "{:?}", a.target.value);
        }
        for b in &part.cluster.budgets {
            assert!(b.name.starts_with(name), "{}", b.name);
        }
    }
}

#[test]
fn a_worker_of_an_unknown_coordinator_keeps_the_stream_whole() {
    // The etl worker's ConfigMap comes after its coordinator's.
    let mut yaml = fleet_stream();
    let at = yaml.rfind("discovery.uri=http://etl:8080").unwrap();
    yaml.replace_range(at..at + 29, "discovery.uri=http://elsewhere:8080");
    let parts = read_stream(&yaml, "k.yaml").clusters();
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].cluster.nodes.len(), 6);
    assert!(parts[0].name.is_empty());
}

#[test]
fn one_cluster_is_one_part() {
    let spec = crate::examples::find("data-on-eks").unwrap().source;
    let yaml = crate::generate(spec).output.unwrap().kubernetes;
    let stream = read_stream(&yaml, "k.yaml");
    let whole = stream.cluster.clone();
    let parts = stream.clusters();
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].cluster.nodes.len(), whole.nodes.len());
    assert_eq!(parts[0].cluster.autoscalers.len(), whole.autoscalers.len());
    assert!(!whole.autoscalers.is_empty() && !whole.budgets.is_empty());
}

#[test]
fn an_autoscaler_is_read_as_the_spec_lowers_it() {
    for name in ["data-on-eks", "hpa-custom-metrics"] {
        let spec = crate::examples::find(name).unwrap().source;
        let yaml = crate::generate(spec).output.unwrap().kubernetes;
        let read = read_stream(&yaml, "k.yaml").cluster.autoscalers;
        let lowered = crate::read_and_lower(spec, None)
            .lowered
            .unwrap()
            .cluster
            .autoscalers;
        assert_eq!(read.len(), 1, "{name}");
        assert_eq!(read[0].scaling, lowered[0].scaling, "{name}");
        assert_eq!(read[0].kind, lowered[0].kind, "{name}");
        assert_ne!(read[0].scaling, crate::model::Scaling::default(), "{name}");
    }
}
