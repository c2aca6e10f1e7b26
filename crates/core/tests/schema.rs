//! The JSON Schema of the spec: fresh in the repository, valid draft 2020-12, accepting every
//! example and refusing what the reader refuses for its shape.

use std::fs;
use std::path::PathBuf;

use serde_json::{json, Value};
use trinocfg::spec::schema::json_schema;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn schema() -> Value {
    serde_json::from_str(&json_schema()).unwrap()
}

/// A TOML document as JSON, as an editor hands it to a schema validator.
fn to_json(text: &str) -> Value {
    fn item(i: &toml_edit::Item) -> Value {
        match i {
            toml_edit::Item::None => Value::Null,
            toml_edit::Item::Value(v) => value(v),
            toml_edit::Item::Table(t) => t.iter().map(|(k, v)| (k.to_owned(), item(v))).collect(),
            toml_edit::Item::ArrayOfTables(a) => a
                .iter()
                .map(|t| {
                    t.iter()
                        .map(|(k, v)| (k.to_owned(), item(v)))
                        .collect::<Value>()
                })
                .collect(),
        }
    }
    fn value(v: &toml_edit::Value) -> Value {
        match v {
            toml_edit::Value::String(s) => json!(s.value()),
            toml_edit::Value::Integer(i) => json!(i.value()),
            toml_edit::Value::Float(f) => json!(f.value()),
            toml_edit::Value::Boolean(b) => json!(b.value()),
            toml_edit::Value::Datetime(d) => json!(d.value().to_string()),
            toml_edit::Value::Array(a) => a.iter().map(value).collect(),
            toml_edit::Value::InlineTable(t) => {
                t.iter().map(|(k, v)| (k.to_owned(), value(v))).collect()
            }
        }
    }
    let doc: toml_edit::DocumentMut = text.parse().unwrap();
    item(doc.as_item())
}

fn errors(validator: &jsonschema::Validator, text: &str) -> Vec<String> {
    validator
        .iter_errors(&to_json(text))
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn the_committed_schema_is_fresh() {
    let committed = fs::read_to_string(root().join("schema/trinocfg.schema.json")).unwrap();
    assert!(
        committed == json_schema(),
        "schema/trinocfg.schema.json is stale: run `cargo run -p trinocfg-cli -- schema > schema/trinocfg.schema.json`"
    );
}

#[test]
fn the_schema_is_valid_draft_2020_12() {
    let schema = schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    jsonschema::meta::validate(&schema).unwrap();
}

#[test]
fn every_example_and_fixture_spec_is_valid() {
    let validator = jsonschema::draft202012::new(&schema()).unwrap();
    let mut checked = 0;
    for e in trinocfg::examples::EXAMPLES {
        let found = errors(&validator, e.source);
        assert!(found.is_empty(), "example {}: {found:#?}", e.name);
        checked += 1;
    }
    assert!(checked >= 10);
    // Specs whose problems are in their values, not their shape, are valid for the schema.
    for name in [
        "heap-exceeds-container",
        "memory-exceeds-heap",
        "task-without-exchange",
    ] {
        let text =
            fs::read_to_string(root().join(format!("fixtures/invalid/{name}.toml"))).unwrap();
        assert_eq!(errors(&validator, &text), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn the_schema_refuses_what_the_reader_refuses_for_its_shape() {
    let validator = jsonschema::draft202012::new(&schema()).unwrap();
    let minimal = trinocfg::examples::find("minimal").unwrap().source;
    let cases = [
        // An unknown key, anywhere.
        (format!("{minimal}\n[coordinator_extra]\nx = 1\n"), "coordinator_extra"),
        ("[cluster]\nname = \"t\"\nvesion = 1\n[coordinator]\nmemory = \"8Gi\"\ncpu = 2\n".into(), "vesion"),
        // A key of another connector.
        (format!("{minimal}\n[catalogs.m]\nconnector = \"mysql\"\nconnection_url = \"jdbc:mysql://db:3306\"\nmetastore = {{ type = \"glue\" }}\n"), "metastore"),
        // A key the connector requires, missing.
        (format!("{minimal}\n[catalogs.m]\nconnector = \"mysql\"\n"), "connection_url"),
        // A typed key on a connector without a typed section.
        (format!("{minimal}\n[catalogs.s]\nconnector = \"sqlserver\"\nconnection_url = \"jdbc:sqlserver://db\"\n"), "connection_url"),
        // A spelling no choice has.
        (format!("{minimal}\n[fault_tolerance]\nretry_policy = \"sometimes\"\n"), "sometimes"),
        // A literal where a secret belongs (TK001).
        (format!("{minimal}\n[catalogs.p]\nconnector = \"postgresql\"\nconnection_url = \"jdbc:postgresql://db:5432/x\"\npassword = \"hunter2\"\n"), "password"),
        // A secret written as a table of the wrong shape.
        (format!("{minimal}\n[catalogs.p]\nconnector = \"postgresql\"\nconnection_url = \"jdbc:postgresql://db:5432/x\"\npassword = {{ secret = \"pg\" }}\n"), "password"),
    ];
    for (text, what) in cases {
        let found = errors(&validator, &text);
        assert!(!found.is_empty(), "the schema took a spec with `{what}`");
        assert!(
            found.iter().any(|e| e.contains(what)),
            "`{what}` is not named: {found:#?}"
        );
        let outcome = trinocfg::generate(&text);
        assert!(outcome.has_errors(), "the reader took a spec with `{what}`");
    }
    // Another connector with its properties is accepted, as the reader accepts it.
    let text = format!(
        "{minimal}\n[catalogs.s]\nconnector = \"sqlserver\"\nproperties = {{ \"connection-url\" = \"jdbc:sqlserver://db:1433\" }}\n"
    );
    assert_eq!(errors(&validator, &text), Vec::<String>::new());
}

#[test]
fn keys_carry_their_documentation_and_defaults() {
    let schema = schema();
    let cluster = &schema["$defs"]["Cluster"]["properties"];
    assert!(cluster["name"]["description"]
        .as_str()
        .unwrap()
        .contains("Kubernetes name"));
    let http = &cluster["http_port"];
    assert_eq!(http["default"], 8080);
    assert_eq!(
        (&http["minimum"], &http["maximum"]),
        (&json!(1), &json!(65535))
    );
    // A fleet's cluster is a whole spec, or the path of one.
    let clusters = &schema["$defs"]["Fleet"]["properties"]["clusters"];
    assert_eq!(
        clusters["additionalProperties"]["anyOf"][0]["$ref"],
        "#/$defs/Spec"
    );
}
