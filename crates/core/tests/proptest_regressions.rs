//! Minimal reproducers of what the property-based tests and the fuzz targets found, kept as
//! plain tests so that they run on every `cargo test`.

use yaml_rust2::YamlLoader;

fn spec_with_cluster_name(name: &str) -> String {
    format!(
        "[cluster]\nname = \"{name}\"\n[coordinator]\nmemory = \"8Gi\"\ncpu = 2\n\
         [workers]\nmemory = \"16Gi\"\ncpu = 4\n[catalogs.tpch]\nconnector = \"tpch\"\n"
    )
}

/// Kubernetes object names are cut to 63 bytes; a cluster name with multi-byte characters put
/// the cut inside a character and `String::truncate` panicked
/// (`render::kubernetes::object_name`). Rendering runs even for a spec with errors, so an
/// invalid name crashed `generate` instead of being reported.
#[test]
fn multibyte_cluster_name_is_a_diagnostic_not_a_panic() {
    for name in [
        "é".repeat(32),
        format!("a{}", "é".repeat(40)),
        "😀".repeat(20),
    ] {
        let outcome = trinocfg::generate(&spec_with_cluster_name(&name));
        assert!(outcome.output.is_none());
        assert!(
            outcome
                .diagnostics
                .iter()
                .any(|d| d.is_error() && d.location.path.as_deref() == Some("cluster.name")),
            "{name}: {:?}",
            outcome.diagnostics
        );
    }
}

/// A valid 40-character cluster name with the longest suffix still gives object names of at
/// most 63 characters that do not end in `-`.
#[test]
fn object_names_stay_within_63_characters() {
    let spec = format!(
        "{}[catalogs.a_long_kafka_catalog_name]\nconnector = \"kafka\"\nnodes = [\"k:9092\"]\n\
         [[catalogs.a_long_kafka_catalog_name.topics]]\ntable = \"t\"\n",
        spec_with_cluster_name(&"b".repeat(40))
    );
    let outcome = trinocfg::generate(&spec);
    let rendered = outcome.output.expect("a 40-character name is valid");
    let docs = YamlLoader::load_from_str(&rendered.kubernetes).unwrap();
    assert!(docs.len() >= 5);
    for doc in &docs {
        let name = doc["metadata"]["name"].as_str().unwrap();
        assert!(name.len() <= 63 && !name.ends_with('-'), "{name}");
    }
}

/// `yaml_rust2`'s emitter (with `multiline_strings(true)`, as `render::kubernetes` sets it)
/// writes any string holding a line feed as a literal block scalar: for a mapping key that is
/// not valid YAML, and for a value made only of line breaks, or ending in more than one, the
/// text reads back different (`"\n"` as `""`). Label keys and values go into every object: the
/// rules must refuse such labels before anything is rendered.
#[test]
fn labels_with_line_breaks_are_refused() {
    for (key, value) in [
        ("a\nb", "x"),
        ("\n", "x"),
        ("team\n: x", "x"),
        ("a\r\nb", "x"),
        ("team", "\n"),
        ("team", "a\n\n"),
        ("team", "a\nb"),
    ] {
        let spec = format!(
            "{}[kubernetes]\nlabels = {{ {key:?} = {value:?} }}\n",
            spec_with_cluster_name("h"),
        );
        let outcome = trinocfg::generate(&spec);
        assert!(outcome.output.is_none(), "{key:?} = {value:?}");
        assert!(
            outcome.diagnostics.iter().any(|d| d.is_error()
                && d.location
                    .path
                    .as_deref()
                    .is_some_and(|p| p.starts_with("kubernetes.labels"))),
            "{key:?} = {value:?}: {:?}",
            outcome.diagnostics
        );
    }
}
