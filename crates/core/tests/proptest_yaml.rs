//! Property tests of the YAML trinocfg writes: any string, as a key, a value, a list item or a
//! multi-line file, reads back exactly, and the text holds no character that YAML 1.1 and 1.2
//! readers read differently (line and paragraph separators, U+0085, control characters other
//! than line feed and tab). Kafka field comments, the one free text that reaches the YAML
//! unchanged, read back exactly from the generated stream.

mod common;
use common::{proptest_config, toml_quote};

use proptest::collection::vec;
use proptest::prelude::*;
use yaml_rust2::yaml::Hash;
use yaml_rust2::{Yaml, YamlLoader};

/// Characters YAML readers disagree on or must not see raw, and YAML syntax.
const NASTY: &[&str] = &[
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "\u{1b}",
    "\u{7}",
    "\u{0}",
    "\u{7f}",
    "\u{9b}",
    "\u{feff}",
    "\u{fffe}",
    "\r",
    "\n",
    "\n\n",
    "\t",
    " ",
    ": ",
    "- ",
    "#",
    "\"",
    "'",
    "\\",
    "|",
    ">",
    "---",
    "...",
    "&a",
    "*a",
    "!!str",
    "{",
    "}",
    "[",
    "]",
    ",",
    "%",
    "@",
    "`",
    "1_000",
    "0b1",
    "0o7",
    "2024-01-01",
    "yes",
    "~",
    "null",
    "1e3",
    "_trinocfg0_0",
];

fn nasty_string() -> impl Strategy<Value = String> {
    vec(
        prop_oneof![
            3 => prop::sample::select(NASTY).prop_map(str::to_owned),
            2 => any::<char>().prop_map(String::from),
            2 => "[a-z0-9=.]{1,5}",
        ],
        0..10,
    )
    .prop_map(|p| p.concat())
}

fn is_safe_char(c: char) -> bool {
    c == '\n'
        || c == '\t'
        || !(c.is_control()
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            ))
}

fn s(v: &str) -> Yaml {
    Yaml::String(v.to_owned())
}

proptest! {
    #![proptest_config(proptest_config(512))]

    #[test]
    fn any_string_reads_back_exactly(key in nasty_string(), value in nasty_string(), file in nasty_string()) {
        let mut data = Hash::new();
        data.insert(s(&key), s(&value));
        data.insert(s("file.properties"), s(&format!("{file}\n")));
        data.insert(s("multi"), s(&format!("a=1\n{value}\nb=2\n")));
        let mut doc = Hash::new();
        doc.insert(s("data"), Yaml::Hash(data));
        doc.insert(s("list"), Yaml::Array(vec![s(&value), s(&key)]));
        let doc = Yaml::Hash(doc);
        let text = trinocfg::render::yaml::emit(&doc);
        if let Some(c) = text.chars().find(|&c| !is_safe_char(c)) {
            prop_assert!(false, "raw U+{:04X} in {:?}", u32::from(c), text);
        }
        let back = YamlLoader::load_from_str(&text);
        prop_assert!(back.is_ok(), "{:?}: {}", back.err(), text);
        prop_assert_eq!(back.unwrap(), vec![doc], "{}", text);
    }

    #[test]
    fn kafka_comments_read_back_from_the_generated_stream(comment in nasty_string()) {
        let spec = format!(
            "[cluster]\nname = \"k\"\n[coordinator]\nmemory = \"8Gi\"\ncpu = 2\n[workers]\ncount = 1\nmemory = \"16Gi\"\ncpu = 4\n\
             [catalogs.events]\nconnector = \"kafka\"\nnodes = [\"kafka:9092\"]\n\
             [[catalogs.events.topics]]\ntable = \"orders\"\n\
             message = {{ data_format = \"json\", fields = [{{ name = \"id\", type = \"BIGINT\", mapping = \"id\", comment = {} }}] }}\n",
            toml_quote(&comment)
        );
        let outcome = trinocfg::generate(&spec);
        let Some(output) = outcome.output else {
            // A comment the reader refuses says why; nothing is written.
            prop_assert!(outcome.has_errors());
            return Ok(());
        };
        let yaml = &output.kubernetes;
        if let Some(c) = yaml.chars().find(|&c| !is_safe_char(c)) {
            prop_assert!(false, "raw U+{:04X} in the stream", u32::from(c));
        }
        let docs = YamlLoader::load_from_str(yaml).unwrap();
        let topic = docs
            .iter()
            .find_map(|d| d["data"]["default.orders.json"].as_str())
            .expect("the topic file");
        let json: serde_json::Value = serde_json::from_str(topic).unwrap();
        prop_assert_eq!(json["message"]["fields"][0]["comment"].as_str(), Some(comment.as_str()));
        // What gen writes, check reads without a syntax error.
        let checked = trinocfg::check(&trinocfg::input::kubernetes::read(yaml, "k.yaml"));
        prop_assert!(!checked.iter().any(|d| d.code == "TP011"), "{:?}", checked);
    }
}
