//! Every generated file reads back, through independent parsers, as exactly what the model
//! intended: `.properties` through a Java-Properties-compatible reader, the Kubernetes YAML
//! through a YAML loader, the Kafka topic descriptions through a JSON parser.

mod common;
use common::toml_quote;

use std::collections::BTreeMap;

use trinocfg::model::Content;
use yaml_rust2::{Yaml, YamlLoader};

fn java_load(text: &str) -> BTreeMap<String, String> {
    java_properties::read(text.as_bytes())
        .unwrap()
        .into_iter()
        .collect()
}

fn check_properties(rendered: &trinocfg::Rendered, what: &str) {
    for role in rendered.roles() {
        for file in &role.files {
            if let Content::Properties(props) = &file.content {
                let entries: Vec<(String, String)> = props
                    .pairs()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect();
                let loaded = java_load(&file.contents());
                let intended: BTreeMap<String, String> = entries.iter().cloned().collect();
                assert_eq!(loaded, intended, "{what}: {}", file.rel);
                assert_eq!(
                    entries.len(),
                    intended.len(),
                    "{what}: duplicate keys in {}",
                    file.rel
                );
            }
            if let Content::Topic(_) = &file.content {
                let v: serde_json::Value = serde_json::from_str(&file.contents()).unwrap();
                assert!(v.get("tableName").is_some(), "{what}: {}", file.rel);
            }
        }
    }
}

/// `ConfigMap` data in the YAML equals the files on disk, byte for byte.
fn check_yaml(rendered: &trinocfg::Rendered, what: &str) {
    let docs = YamlLoader::load_from_str(&rendered.kubernetes).unwrap();
    let mut files_seen = 0;
    let all: Vec<(String, String)> = rendered.tree();
    for doc in &docs {
        // The JMX exporter's own configuration is the sidecar's, not a Trino file.
        if doc["kind"].as_str() != Some("ConfigMap")
            || doc["metadata"]["labels"]["app.kubernetes.io/component"].as_str()
                == Some("monitoring")
        {
            continue;
        }
        let Yaml::Hash(data) = &doc["data"] else {
            panic!("{what}: ConfigMap without data")
        };
        for (k, v) in data {
            let name = k.as_str().unwrap();
            let contents = v.as_str().unwrap();
            assert!(
                all.iter()
                    .any(|(p, c)| p.ends_with(&format!("/{name}")) && c == contents),
                "{what}: ConfigMap entry {name} does not match a generated file"
            );
            files_seen += 1;
        }
    }
    assert!(files_seen > 0, "{what}: no ConfigMap data");
}

#[test]
fn fixtures_read_back_exactly() {
    for example in trinocfg::examples::EXAMPLES {
        let rendered = trinocfg::generate(example.source).output.unwrap();
        check_properties(&rendered, example.name);
        check_yaml(&rendered, example.name);
    }
}

/// Renders without the rules: the hostile keys below are unknown to Trino, and what is tested
/// here is that whatever the model holds is written so that it reads back exactly.
fn render_unchecked(spec: &str) -> trinocfg::Rendered {
    let loaded = trinocfg::spec::load(spec);
    let spec = loaded
        .spec
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics));
    let plan = trinocfg::memory::plan(&spec);
    let lowered = trinocfg::lower::lower(&spec, &plan);
    trinocfg::render::render(&spec, &plan, lowered)
}

const HOSTILE: &[&str] = &[
    "a=b\nc=d",
    "line\rbreak",
    "x\\ny",
    "trailing backslash\\",
    " leading space",
    "trailing space ",
    "#not a comment",
    "!not a comment",
    "key: value",
    "tab\there",
    "${ENV:NOT_A_SECRET}",
    "ünïcödé ✓ ∑",
    "\u{0}nul",
    "---\n- item\n: colon",
    "|\n  block",
    "&anchor *alias",
    "'single' \"double\"",
    "",
];

#[test]
fn hostile_property_values_read_back_exactly() {
    for (i, value) in HOSTILE.iter().enumerate() {
        let key = format!("hostile.key-{i}");
        let spec = format!(
            "[cluster]\nname = \"h\"\n[coordinator]\nmemory = \"8Gi\"\ncpu = 2\n[workers]\nmemory = \"16Gi\"\ncpu = 4\n\
             [catalogs.t]\nconnector = \"tpch\"\nproperties = {{ {k} = {v} }}\n[properties]\n{k} = {v}\n",
            k = toml_quote(&key),
            v = toml_quote(value)
        );
        let rendered = render_unchecked(&spec);
        check_properties(&rendered, value);
        check_yaml(&rendered, value);
        let catalog = rendered
            .coordinator
            .files
            .iter()
            .find(|f| f.rel == "catalog/t.properties")
            .unwrap();
        let loaded = java_load(&catalog.contents());
        assert_eq!(loaded.get(&key).map(String::as_str), Some(*value));
        assert_eq!(loaded.len(), 2, "{value:?} injected a property");
    }
}

/// Characters outside the Basic Multilingual Plane are written as UTF-16 surrogate pairs, as
/// Java does; the `java-properties` crate cannot decode a pair, so these are read back through
/// trinocfg's own reader, whose Java semantics are tested on their own.
#[test]
fn astral_characters_are_written_as_surrogate_pairs() {
    let value = "rocket 🚀 and 𝄞";
    let text = trinocfg::properties::render([("k", value)]);
    assert!(text.contains("\\uD83D\\uDE80"), "{text}");
    let parsed = trinocfg::properties::parse(&text);
    assert!(parsed.errors.is_empty());
    assert_eq!(parsed.get("k").map(|e| e.value.as_str()), Some(value));
}

#[test]
fn hostile_keys_read_back_exactly() {
    for key in ["a=b", "a:b", "a b", "#x", "!x", "k\nv=1", "ü"] {
        let spec = format!(
            "[cluster]\nname = \"h\"\n[coordinator]\nmemory = \"8Gi\"\ncpu = 2\n[workers]\nmemory = \"16Gi\"\ncpu = 4\n\
             [catalogs.t]\nconnector = \"tpch\"\nproperties = {{ {k} = \"v\" }}\n",
            k = toml_quote(key)
        );
        let rendered = render_unchecked(&spec);
        check_properties(&rendered, key);
        check_yaml(&rendered, key);
    }
}
