//! Diagnostics as a SARIF 2.1.0 log, the format code-scanning services (GitHub code scanning,
//! GitLab, Azure DevOps) read to annotate the lines of a change.
//!
//! The log has one run. Its tool lists every rule (so `ruleIndex` is stable across runs), each
//! with its summary, its documentation and a link into `docs/rules.md`; each result names its
//! rule, its level, its message (with the fix) and where it is: the file as `check` was given
//! it, the line and column range, and the spec key or property as a logical location. Columns
//! count Unicode code points, as the rest of trinocfg does. Nothing of the checked text is
//! copied into the log, so a secret that a diagnostic points at stays out of it.

use serde_json::{json, Map, Value};

use crate::diagnostic::{line_column, Diagnostic, Report, Rule};

/// The schema a SARIF 2.1.0 log names.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Where the rule reference is published: each rule's help link is this with `#<code>`.
pub const RULES_DOC: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules.md");

/// The SARIF log of `report`, pretty-printed and ending in a newline. `source` gives the text
/// of a file a diagnostic names (by the name in its location), so that a span's end is placed
/// too; without it a result has its start only.
pub fn log<'a>(report: &Report, source: impl Fn(&str) -> Option<&'a str>) -> String {
    let rules = crate::rules::all();
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| result(d, rules, &source))
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "trinocfg",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules.iter().map(|r| descriptor(r)).collect::<Vec<_>>(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}

/// A rule's `reportingDescriptor`.
fn descriptor(rule: &Rule) -> Value {
    let link = format!("{RULES_DOC}#{}", rule.code.to_ascii_lowercase());
    let mut help = format!("{}\n\n{}", rule.summary, rule.explanation);
    help.truncate(help.trim_end().len());
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": rule.summary },
        "help": { "text": help, "markdown": help },
        "helpUri": link,
        "defaultConfiguration": { "level": rule.severity.as_str() },
    })
}

/// One diagnostic as a `result`.
fn result<'a>(d: &Diagnostic, rules: &[&Rule], source: &impl Fn(&str) -> Option<&'a str>) -> Value {
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    let mut out = Map::new();
    out.insert("ruleId".into(), d.code.into());
    if let Some(index) = rules.iter().position(|r| r.code == d.code) {
        out.insert("ruleIndex".into(), index.into());
    }
    out.insert("level".into(), d.severity.as_str().into());
    out.insert("message".into(), json!({ "text": text }));
    let mut location = Map::new();
    if let Some(file) = &d.location.file {
        let mut physical = Map::new();
        physical.insert("artifactLocation".into(), json!({ "uri": uri(file) }));
        if let Some(region) = region(d, source(file)) {
            physical.insert("region".into(), region);
        }
        location.insert("physicalLocation".into(), physical.into());
    }
    if let Some(path) = &d.location.path {
        location.insert(
            "logicalLocations".into(),
            json!([{ "fullyQualifiedName": path }]),
        );
    }
    if !location.is_empty() {
        out.insert("locations".into(), json!([location]));
    }
    out.into()
}

/// The lines and columns a diagnostic covers, when its start is known.
fn region(d: &Diagnostic, source: Option<&str>) -> Option<Value> {
    if d.location.line == 0 {
        return None;
    }
    let mut region = Map::new();
    region.insert("startLine".into(), d.location.line.into());
    if d.location.column > 0 {
        region.insert("startColumn".into(), d.location.column.into());
    }
    if let (Some(text), Some(span)) = (source, &d.location.span) {
        if span.end > span.start && span.end <= text.len() {
            let (line, column) = line_column(text, span.end);
            region.insert("endLine".into(), line.into());
            region.insert("endColumn".into(), column.into());
        }
    }
    Some(region.into())
}

/// A file name as a relative URI reference: `/` separators, and every byte that may not stand
/// in a URI path percent-encoded.
fn uri(file: &str) -> String {
    let mut out = String::with_capacity(file.len());
    for b in file.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;

    fn report(diagnostics: Vec<Diagnostic>) -> Value {
        let report = Report::new(diagnostics, Some("cluster.toml"));
        let text = log(&report, |f| {
            (f == "cluster.toml").then_some("a = 1\nmemory = \"x\"\n")
        });
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn a_result_names_its_rule_file_and_region() {
        let rule = crate::rules::find("TM001").unwrap();
        let d = Diagnostic::new(rule, "too much")
            .help("lower it")
            .at(Location::spec_path("memory").with_span("a = 1\nmemory = \"x\"\n", 15..18));
        let log = report(vec![d]);
        let run = &log["runs"][0];
        let result = &run["results"][0];
        assert_eq!(result["ruleId"], "TM001");
        let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(run["tool"]["driver"]["rules"][index]["id"], "TM001");
        assert_eq!(result["level"], rule.severity.as_str());
        assert_eq!(result["message"]["text"], "too much\nhelp: lower it");
        let location = &result["locations"][0];
        assert_eq!(
            location["physicalLocation"]["artifactLocation"]["uri"],
            "cluster.toml"
        );
        let region = &location["physicalLocation"]["region"];
        assert_eq!(
            (
                &region["startLine"],
                &region["startColumn"],
                &region["endLine"],
                &region["endColumn"]
            ),
            (&json!(2), &json!(10), &json!(2), &json!(13))
        );
        assert_eq!(
            location["logicalLocations"][0]["fullyQualifiedName"],
            "memory"
        );
    }

    #[test]
    fn every_rule_is_described_with_a_link() {
        let log = report(Vec::new());
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        assert_eq!(rules.len(), crate::rules::all().len());
        for r in rules {
            let id = r["id"].as_str().unwrap();
            assert!(r["helpUri"]
                .as_str()
                .unwrap()
                .ends_with(&format!("docs/rules.md#{}", id.to_ascii_lowercase())));
            assert!(!r["shortDescription"]["text"].as_str().unwrap().is_empty());
        }
        assert_eq!(log["runs"][0]["results"], json!([]));
    }

    #[test]
    fn file_names_become_uri_references() {
        assert_eq!(
            uri("etc/catalog/my cat.properties"),
            "etc/catalog/my%20cat.properties"
        );
        assert_eq!(uri("a\\b#c?.yaml"), "a/b%23c%3F.yaml");
        assert_eq!(uri("é.toml"), "%C3%A9.toml");
    }
}
