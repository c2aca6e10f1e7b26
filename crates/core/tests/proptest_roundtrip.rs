//! Property-based round trips: whatever strings the model holds, the text trinocfg writes reads
//! back as exactly those strings, through its own Java-properties reader, through the
//! independent `java-properties` crate, through `serde_json` (Kafka topic descriptions) and
//! through `yaml_rust2` (the Kubernetes stream, whose `ConfigMap` data must equal the files).
//!
//! Strings are built from pieces that are hostile to one of those formats (separators, comment
//! starters, escapes, placeholders, YAML indicators, line breaks, control characters, astral
//! characters) mixed with arbitrary Unicode.

mod common;
use common::toml_quote;

use java_properties::{LineContent, PropertiesIter};
use proptest::collection::vec;
use proptest::prelude::*;
use trinocfg::model::Content;
use trinocfg::Rendered;
use yaml_rust2::{Yaml, YamlLoader};

type Pairs = Vec<(String, String)>;

/// Pieces of text that mean something to `.properties`, TOML, JSON or YAML.
const TOKENS: &[&str] = &[
    "=",
    ":",
    "#",
    "!",
    "\\",
    "\\\\",
    "\\u",
    "\\u00",
    "\\uD83D",
    "${",
    "${ENV:X}",
    "}",
    ": ",
    "- ",
    "|",
    "|-",
    ">",
    "&",
    "&a",
    "*",
    "*a",
    "---",
    "...",
    "? ",
    "%",
    "@",
    "`",
    "'",
    "\"",
    "{",
    "[",
    "]",
    ",",
    " ",
    "  ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\x0c",
    "\x0b",
    "\0",
    "\x7f",
    "\u{85}",
    "\u{a0}",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\u{fffd}",
    "é",
    "€",
    "😀",
    "\u{10ffff}",
    "null",
    "true",
    "~",
    "0x1F",
    "1e3",
    "-",
    ".",
    "/",
    "../",
    "<<",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(TOKENS).prop_map(str::to_owned),
        3 => any::<char>().prop_map(String::from),
        3 => "[a-z0-9._-]{1,6}",
    ]
}

/// A string of up to 12 pieces.
fn hostile() -> impl Strategy<Value = String> {
    vec(piece(), 0..12).prop_map(|pieces| pieces.concat())
}

/// A hostile string without characters outside the Basic Multilingual Plane.
fn hostile_bmp() -> impl Strategy<Value = String> {
    hostile().prop_map(|s| s.chars().filter(|&c| u32::from(c) <= 0xFFFF).collect())
}

/// Key/value pairs as the `java-properties` crate reads `text` (pure ASCII here).
fn java_properties_pairs(text: &str) -> Result<Pairs, String> {
    let mut out = Vec::new();
    for line in PropertiesIter::new(text.as_bytes()) {
        let line = line.map_err(|e| e.to_string())?;
        if let LineContent::KVPair(k, v) = line.consume_content() {
            out.push((k, v));
        }
    }
    Ok(out)
}

/// Key/value pairs as trinocfg reads `text`, in order, failing on any reader error.
fn our_pairs(text: &str) -> Result<Pairs, String> {
    let file = trinocfg::properties::parse(text);
    if let Some(e) = file.errors.first() {
        return Err(format!("{}:{}: {}", e.line, e.column, e.message));
    }
    Ok(file.entries.into_iter().map(|e| (e.key, e.value)).collect())
}

fn is_printable_ascii_lines(text: &str) -> bool {
    text.bytes()
        .all(|b| b == b'\n' || (0x20..0x7f).contains(&b))
}

proptest! {
    #![proptest_config(common::proptest_config(256))]

    /// (a) Every key and value comes back exactly, one printable ASCII line per entry.
    #[test]
    fn properties_render_then_parse_is_identity(entries in vec((hostile(), hostile()), 0..8)) {
        let text = trinocfg::properties::render(entries.iter().map(|(k, v)| (k, v)));
        prop_assert!(is_printable_ascii_lines(&text), "{text:?}");
        prop_assert_eq!(text.matches('\n').count(), entries.len());
        prop_assert!(!text.lines().any(|l| l.ends_with([' ', '\t'])), "{text:?}");
        prop_assert_eq!(our_pairs(&text), Ok(entries));
    }

    /// (a) The same text, read by an independent reader (BMP only: that crate cannot join the
    /// UTF-16 surrogate pairs `Properties.store` writes for astral characters).
    #[test]
    fn java_properties_crate_reads_rendered_text(entries in vec((hostile_bmp(), hostile_bmp()), 0..8)) {
        let text = trinocfg::properties::render(entries.iter().map(|(k, v)| (k, v)));
        prop_assert_eq!(java_properties_pairs(&text), Ok(entries));
    }

    /// (a) Header comments never turn into entries, whatever they hold.
    #[test]
    fn header_comments_never_inject(
        comments in vec(hostile(), 0..4),
        entries in vec((hostile(), hostile()), 0..4),
    ) {
        let comments: Vec<&str> = comments.iter().map(String::as_str).collect();
        let text = trinocfg::properties::render_with_header(&comments, entries.iter().map(|(k, v)| (k, v)));
        prop_assert!(is_printable_ascii_lines(&text), "{text:?}");
        prop_assert_eq!(our_pairs(&text), Ok(entries));
    }

    /// (a) The same through the independent reader, with comments that are BMP-only and free
    /// of backslashes: that crate decodes escapes even inside comment lines (and fails on
    /// `\u` or a surrogate pair there), where `java.util.Properties` skips comments unread.
    #[test]
    fn java_properties_crate_reads_rendered_header(
        comments in vec(hostile_bmp().prop_map(|s| s.replace('\\', "/")), 0..4),
        entries in vec((hostile_bmp(), hostile_bmp()), 0..4),
    ) {
        let comments: Vec<&str> = comments.iter().map(String::as_str).collect();
        let text = trinocfg::properties::render_with_header(&comments, entries.iter().map(|(k, v)| (k, v)));
        prop_assert_eq!(java_properties_pairs(&text), Ok(entries));
    }
}

// ---------------------------------------------------------------------------------------------
// (b) Hostile strings in the string fields of a spec
// ---------------------------------------------------------------------------------------------

/// The string fields under test. `None` leaves the field at a harmless value.
#[derive(Debug, Clone)]
struct Fields {
    environment: Option<String>,
    property: Option<(String, String)>,
    known_property_value: Option<String>,
    comment: Option<String>,
    mapping: Option<String>,
    field_name: Option<String>,
    field_type: Option<String>,
    label: Option<(String, String)>,
    log_level: Option<(String, String)>,
    jvm_flag: Option<String>,
}

/// A hostile label key or value for the YAML stream, without line feeds. `render::kubernetes`
/// emits with `yaml_rust2`'s `multiline_strings(true)`, and that emitter writes any string
/// holding `\n` as a literal block scalar: not valid YAML for a mapping key, and lossy for a
/// value made only of line breaks or ending in more than one (`"\n"` reads back as `""`,
/// `"a\n\n"` as `"a\n"`). Generated file contents never have that shape, and the rules refuse
/// such labels, which `proptest_regressions.rs` pins down.
fn label_text() -> impl Strategy<Value = String> {
    hostile().prop_map(|s| s.replace('\n', " "))
}

/// `weight` scales how often the fields the rules surely refuse (an environment, label or
/// property name that is not valid) hold a hostile string; the free-text fields (a Kafka
/// field's mapping and comment) are hostile more often than not either way.
fn fields(weight: f64) -> impl Strategy<Value = Fields> {
    let w = |p: f64| (p * weight).clamp(0.0, 1.0);
    (
        prop::option::weighted(w(0.3), hostile()),
        prop::option::weighted(w(0.5), (hostile(), hostile())),
        prop::option::weighted(w(0.3), hostile()),
        prop::option::weighted(0.6, hostile()),
        prop::option::weighted(0.6, hostile()),
        prop::option::weighted(w(0.3), hostile()),
        prop::option::weighted(w(0.2), hostile()),
        prop::option::weighted(w(0.5), (label_text(), label_text())),
        prop::option::weighted(w(0.2), (hostile(), hostile())),
        prop::option::weighted(w(0.2), hostile()),
    )
        .prop_map(
            |(
                environment,
                property,
                known_property_value,
                comment,
                mapping,
                field_name,
                field_type,
                label,
                log_level,
                jvm_flag,
            )| Fields {
                environment,
                property,
                known_property_value,
                comment,
                mapping,
                field_name,
                field_type,
                label,
                log_level,
                jvm_flag,
            },
        )
}

fn spec_text(f: &Fields) -> String {
    let q = |s: &Option<String>, default: &str| toml_quote(s.as_deref().unwrap_or(default));
    let mut tpch = String::from("connector = \"tpch\"\n");
    let mut props = Vec::new();
    if let Some(v) = &f.known_property_value {
        props.push(format!("\"tpch.column-naming\" = {}", toml_quote(v)));
    }
    if let Some((k, v)) = &f.property {
        if k != "tpch.column-naming" {
            props.push(format!("{} = {}", toml_quote(k), toml_quote(v)));
        }
    }
    if !props.is_empty() {
        tpch.push_str(&format!("properties = {{ {} }}\n", props.join(", ")));
    }
    let label = f.label.as_ref().map_or(String::new(), |(k, v)| {
        format!("labels = {{ {} = {} }}\n", toml_quote(k), toml_quote(v))
    });
    let log = f.log_level.as_ref().map_or(String::new(), |(k, v)| {
        format!("[log_levels]\n{} = {}\n", toml_quote(k), toml_quote(v))
    });
    let jvm = f.jvm_flag.as_ref().map_or(String::new(), |flag| {
        format!("[jvm]\nflags = [{}]\n", toml_quote(flag))
    });
    format!(
        "[cluster]\nname = \"h\"\nenvironment = {env}\n\
         [coordinator]\nmemory = \"8Gi\"\ncpu = 2\n\
         [workers]\ncount = 2\nmemory = \"16Gi\"\ncpu = 4\n\
         {jvm}\
         [catalogs.tpch]\n{tpch}\
         [catalogs.events]\nconnector = \"kafka\"\nnodes = [\"kafka-0.kafka:9092\"]\ndefault_schema = \"shop\"\n\
         [[catalogs.events.topics]]\ntable = \"orders\"\ntopic = \"shop.orders\"\n\
         message = {{ data_format = \"json\", fields = [\n  \
         {{ name = {name}, type = {ty}, mapping = {mapping}, comment = {comment} }},\n  \
         {{ name = \"plain\", type = \"BIGINT\", mapping = \"plain\" }},\n] }}\n\
         {log}\
         [kubernetes]\nnamespace = \"trino\"\n{label}",
        env = q(&f.environment, "production"),
        name = q(&f.field_name, "hostile"),
        ty = q(&f.field_type, "VARCHAR"),
        mapping = q(&f.mapping, "hostile"),
        comment = q(&f.comment, "a comment"),
    )
}

/// Renders without the rules, so that hostile values the rules would reject still reach the
/// writers.
fn render_unchecked(spec: &str) -> Result<Rendered, String> {
    let loaded = trinocfg::spec::load(spec);
    let spec = loaded
        .spec
        .ok_or_else(|| format!("{:?}", loaded.diagnostics))?;
    let plan = trinocfg::memory::plan(&spec);
    let lowered = trinocfg::lower::lower(&spec, &plan);
    Ok(trinocfg::render::render(&spec, &plan, lowered))
}

/// Every `.properties` file reads back as the entries it was rendered from, in order, through
/// both readers (the independent one when the entries are BMP-only); every JSON file is valid
/// JSON.
fn check_files(rendered: &Rendered) -> Result<(), TestCaseError> {
    for role in rendered.roles() {
        for file in &role.files {
            let text = file.contents();
            match &file.content {
                Content::Properties(props) => {
                    let entries: Vec<(String, String)> = props
                        .pairs()
                        .map(|(k, v)| (k.to_owned(), v.to_owned()))
                        .collect();
                    prop_assert!(is_printable_ascii_lines(&text), "{}: {:?}", file.rel, text);
                    prop_assert_eq!(our_pairs(&text), Ok(entries.clone()), "{}", file.rel);
                    let bmp = entries
                        .iter()
                        .all(|(k, v)| k.chars().chain(v.chars()).all(|c| u32::from(c) <= 0xFFFF));
                    if bmp {
                        prop_assert_eq!(
                            java_properties_pairs(&text),
                            Ok(entries.clone()),
                            "{}",
                            file.rel
                        );
                    }
                }
                Content::Topic(_) => {
                    let parsed: Result<serde_json::Value, _> = serde_json::from_str(&text);
                    prop_assert!(parsed.is_ok(), "{}: {text}", file.rel);
                }
                Content::Jvm(jvm) => {
                    // jvm.config: one option per line, so no option may add a line.
                    let body: Vec<&str> = text.lines().skip(1).collect();
                    prop_assert!(body.len() <= jvm.options.len(), "{}: {:?}", file.rel, text);
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// The topic description of the hostile field holds exactly the strings of the spec.
fn check_kafka_json(rendered: &Rendered, f: &Fields) -> Result<(), TestCaseError> {
    let file = rendered
        .coordinator
        .files
        .iter()
        .find(|file| file.rel == "kafka/events/shop.orders.json");
    prop_assert!(file.is_some(), "no topic description");
    let json: serde_json::Value = serde_json::from_str(&file.unwrap().contents())
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let field = &json["message"]["fields"][0];
    for (key, value, default) in [
        ("name", &f.field_name, "hostile"),
        ("type", &f.field_type, "VARCHAR"),
        ("mapping", &f.mapping, "hostile"),
        ("comment", &f.comment, "a comment"),
    ] {
        let want = value.as_deref().unwrap_or(default);
        prop_assert_eq!(field[key].as_str(), Some(want), "{}", key);
    }
    prop_assert_eq!(json["tableName"].as_str(), Some("orders"));
    Ok(())
}

/// The Kubernetes stream loads as YAML; its `ConfigMap` data is exactly the set of generated
/// files (file name to contents); the hostile label is on every object.
fn check_yaml(rendered: &Rendered, f: &Fields) -> Result<(), TestCaseError> {
    let docs = YamlLoader::load_from_str(&rendered.kubernetes)
        .map_err(|e| TestCaseError::fail(format!("{e}\n--- YAML ---\n{}", rendered.kubernetes)))?;
    let mut actual: Pairs = Vec::new();
    for doc in &docs {
        if let Some((k, v)) = &f.label {
            prop_assert_eq!(
                doc["metadata"]["labels"][k.as_str()].as_str(),
                Some(v.as_str()),
                "label {:?} on {:?}",
                k,
                doc["kind"]
            );
        }
        if doc["kind"].as_str() != Some("ConfigMap") {
            continue;
        }
        let Yaml::Hash(data) = &doc["data"] else {
            return Err(TestCaseError::fail("ConfigMap without data"));
        };
        for (k, v) in data {
            match (k.as_str(), v.as_str()) {
                (Some(k), Some(v)) => actual.push((k.to_owned(), v.to_owned())),
                _ => return Err(TestCaseError::fail(format!("non-string data {k:?}: {v:?}"))),
            }
        }
    }
    let mut expected: Pairs = Vec::new();
    for role in rendered.roles() {
        for file in role.files.iter().filter(|f| !f.rel.contains('/')) {
            expected.push((file.rel.clone(), file.contents()));
        }
    }
    for file in rendered
        .coordinator
        .files
        .iter()
        .filter(|f| f.rel.contains('/'))
    {
        expected.push((file.file_name().to_owned(), file.contents()));
    }
    actual.sort();
    expected.sort();
    prop_assert_eq!(actual, expected);
    Ok(())
}

proptest! {
    #![proptest_config(common::proptest_config(128))]

    /// (b) Without the rules: whatever the spec's strings are, every writer escapes them so
    /// that they read back exactly.
    #[test]
    fn hostile_spec_strings_are_written_exactly(f in fields(1.0)) {
        let spec = spec_text(&f);
        let rendered = render_unchecked(&spec).map_err(TestCaseError::fail)?;
        check_files(&rendered)?;
        check_kafka_json(&rendered, &f)?;
        check_yaml(&rendered, &f)?;
        if let Some(env) = &f.environment {
            let node = rendered.coordinator.files.iter().find(|f| f.rel == "node.properties");
            let node = trinocfg::properties::parse(&node.unwrap().contents());
            prop_assert_eq!(node.get("node.environment").map(|e| e.value.as_str()), Some(env.as_str()));
        }
        if let Some((k, v)) = &f.property {
            let catalog = rendered.coordinator.files.iter().find(|f| f.rel == "catalog/tpch.properties");
            let catalog = trinocfg::properties::parse(&catalog.unwrap().contents());
            if k != "tpch.column-naming" && k != "connector.name" {
                prop_assert_eq!(catalog.get(k).map(|e| e.value.as_str()), Some(v.as_str()));
            }
        }
    }

    /// (b) Through the whole pipeline: a hostile spec is either refused with an error
    /// diagnostic, or generated, and then every file reads back exactly and every path of the
    /// output tree stays inside it.
    #[test]
    fn hostile_spec_strings_are_refused_or_written_exactly(f in fields(0.3)) {
        let spec = spec_text(&f);
        let outcome = trinocfg::generate(&spec);
        match &outcome.output {
            None => prop_assert!(outcome.has_errors(), "no output and no error: {:?}", outcome.diagnostics),
            Some(rendered) => {
                prop_assert!(!outcome.has_errors());
                check_files(rendered)?;
                check_kafka_json(rendered, &f)?;
                check_yaml(rendered, &f)?;
                for (path, _) in rendered.tree() {
                    prop_assert!(
                        !path.starts_with('/') && !path.split('/').any(|c| c.is_empty() || c == "." || c == "..")
                            && !path.contains(['\\', '\0', '\n']),
                        "unsafe output path {path:?}"
                    );
                }
            }
        }
    }
}
