//! The surface other languages call (the npm and Python packages): each function takes text
//! and returns JSON text, so that every binding gets the same bytes the CLI writes and the
//! same diagnostics shape as `check --format json`.
//!
//! - [`generate`]: `{"ok", "yaml", "files", "diagnostics", "summary", "memory", "target"}`.
//! - [`explain`]: `{"ok", "text", "diagnostics", "summary"}`.
//! - [`check_text`] and [`check_files`]: `{"diagnostics", "summary", "target", "notes",
//!   "refused"}`, what `check --format json` prints for the same input, with the notes `check`
//!   prints for people and the refusal of input it does not read.
//! - [`examples`]: `[{"name", "description", "source", "since"}]`.
//! - [`rules`]: `[{"code", "name", "severity", "summary", "explanation"}]`.

use serde_json::{json, Map, Value};

use crate::diagnostic::{Diagnostic, Report};
use crate::input::check::{self, Checked, MemoryTree, STDIN};
use crate::memory::{MemoryPlan, NodeMemory};
use crate::model::target::GIVEN_RELEASES;

/// The report of `diagnostics` as a JSON value (`diagnostics`, `summary`).
fn report(diagnostics: &[Diagnostic]) -> (Value, Value) {
    let report = Report::new(diagnostics.to_vec(), None);
    let value = serde_json::to_value(&report).unwrap_or(Value::Null);
    (
        value.get("diagnostics").cloned().unwrap_or(Value::Null),
        value.get("summary").cloned().unwrap_or(Value::Null),
    )
}

fn node(n: &NodeMemory) -> Value {
    json!({
        "container": n.container,
        "heap": n.heap,
        "heap_percent": n.heap_percent,
        "non_heap_reserve": n.non_heap_reserve,
        "query_max_memory_per_node": n.query_per_node,
        "heap_headroom_per_node": n.headroom,
    })
}

/// A memory plan as JSON: each role's budget in bytes and the cluster-wide limits.
fn memory(plan: &MemoryPlan) -> Value {
    json!({
        "coordinator": node(&plan.coordinator),
        "worker": node(&plan.worker),
        "workers": plan.workers,
        "workers_max": plan.workers_max,
        "query_max_memory": plan.query_max_memory,
        "query_max_total_memory": plan.query_max_total_memory,
    })
}

fn text(value: &Value) -> String {
    let mut s = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// Reads, checks and renders a spec (or a fleet): the Kubernetes YAML, every file of `gen
/// --out` by its path there (`coordinator/etc/config.properties`, ...; `kubernetes.yaml` too),
/// the diagnostics, the memory plan and the release judged. `ok` is false when any diagnostic
/// is an error; then `yaml` is null and `files` empty.
pub fn generate(spec: &str) -> String {
    let outcome = crate::generate(spec);
    let (diagnostics, summary) = report(&outcome.diagnostics);
    let files: Map<String, Value> = outcome
        .output
        .as_ref()
        .map(|r| {
            r.tree()
                .into_iter()
                .map(|(path, text)| (path, Value::String(text)))
                .collect()
        })
        .unwrap_or_default();
    text(&json!({
        "ok": !outcome.has_errors(),
        "yaml": outcome.output.as_ref().map(|r| r.kubernetes.clone()),
        "files": files,
        "diagnostics": diagnostics,
        "summary": summary,
        "memory": outcome.memory.as_ref().map(memory),
        "target": outcome.target,
    }))
}

/// Each role's memory budget as `trinocfg explain` prints it, with the spec's diagnostics;
/// `text` is null when the spec cannot be read.
pub fn explain(spec: &str) -> String {
    let outcome = crate::generate(spec);
    let (diagnostics, summary) = report(&outcome.diagnostics);
    text(&json!({
        "ok": !outcome.has_errors(),
        "text": outcome.memory.as_ref().map(crate::memory::budget_text),
        "diagnostics": diagnostics,
        "summary": summary,
    }))
}

/// The name a text given without one has in diagnostics and messages: standard input's, as
/// `trinocfg check -` names it.
pub const UNNAMED: &str = "<stdin>";

/// `trinocfg check NAME --format json` of one text (its bytes; UTF-8, UTF-16 or ISO-8859-1
/// for properties, as the CLI reads files), told apart by its name (`*.toml` a spec,
/// `config.properties` a file of an etc/ directory, ...) and its content; without a name, as
/// `trinocfg check -` reads standard input ([`UNNAMED`]). A spec's diagnostics name the spec
/// by `name`. A name is a relative path; a spec of a fleet cannot read the cluster files it
/// names beside it (give them all to [`check_files`]).
///
/// Returns `{"diagnostics", "summary", "target", "notes", "refused"}`: `refused` is the
/// message `check` exits 2 with (input of no kind it reads, or a name that is no relative
/// path), and null otherwise. `release` is `--trino-version`: the release the input is judged
/// as instead of the one it names (an image tag, a spec's `trino_version`) or the newest; a
/// release outside [`GIVEN_RELEASES`] is refused.
pub fn check_text(name: Option<&str>, text: &[u8], release: Option<u32>) -> String {
    if let Err(e) = given(release) {
        return checked(Err(e));
    }
    let outcome = match name {
        None => {
            let tree = MemoryTree::unnamed(UNNAMED, text.to_vec());
            check::run(&tree, STDIN, release)
        }
        Some(name) => {
            let mut tree = MemoryTree::new();
            tree.insert(name, text.to_vec())
                .and_then(|()| check::run(&tree, name, release))
        }
    };
    checked(outcome)
}

/// `trinocfg check . --format json` in a directory that holds `files` (relative paths with
/// `/`, and their bytes): an etc/ directory (`config.properties`, `jvm.config`,
/// `catalog/hive.properties`, ...), a `gen` output (`coordinator/etc/...`,
/// `worker/etc/...`), a catalog directory, or a fleet's spec with its cluster files. Diagnostics
/// name the files as `check .` does (`./coordinator/etc/config.properties`). `release` is
/// `--trino-version`, as for [`check_text`].
///
/// Returns what [`check_text`] returns; `refused` also when no file is given or a path is
/// given twice, is absolute or climbs out (`..`).
pub fn check_files(files: &[(String, Vec<u8>)], release: Option<u32>) -> String {
    if let Err(e) = given(release) {
        return checked(Err(e));
    }
    let mut tree = MemoryTree::new();
    for (path, bytes) in files {
        if let Err(e) = tree.insert(path, bytes.clone()) {
            return checked(Err(e));
        }
    }
    if tree.is_empty() {
        return checked(Err(
            "no file given\n  help: give the files of a Trino etc/ directory or of a `trinocfg gen` output, by path".to_owned(),
        ));
    }
    checked(check::run(&tree, ".", release))
}

/// A release the caller names, refused outside [`GIVEN_RELEASES`] as `--trino-version` is.
fn given(release: Option<u32>) -> Result<(), String> {
    match release {
        Some(r) if !GIVEN_RELEASES.contains(&r) => Err(format!(
            "release {r} is not one trinocfg judges (it judges {} to {})\n  help: give the Trino release the configuration runs, such as {}",
            GIVEN_RELEASES.start(),
            GIVEN_RELEASES.end(),
            crate::model::target::newest_known()
        )),
        _ => Ok(()),
    }
}

/// The JSON of a check refused with `message` (what [`check_text`] returns for input `check`
/// does not read), for a binding that refuses its caller's input itself.
pub fn refused(message: &str) -> String {
    checked(Err(message.to_owned()))
}

/// The JSON of a check: its report, notes and refusal.
fn checked(outcome: Result<Checked, String>) -> String {
    let (all, refused) = match outcome {
        Ok(c) => (vec![c], None),
        Err(e) => (Vec::new(), Some(e)),
    };
    let report = check::report(&all);
    let notes: Vec<&String> = all.iter().flat_map(|c| &c.notes).collect();
    text(&json!({
        "diagnostics": report.diagnostics,
        "summary": report.summary,
        "target": report.target,
        "notes": notes,
        "refused": refused,
    }))
}

/// The embedded example specs.
pub fn examples() -> String {
    let list: Vec<Value> = crate::examples::EXAMPLES
        .iter()
        .map(|e| {
            json!({
                "name": e.name,
                "description": e.description,
                "source": e.source,
                "since": e.since,
            })
        })
        .collect();
    text(&Value::Array(list))
}

/// Every rule, in code order.
pub fn rules() -> String {
    let list: Vec<Value> = crate::rules::all()
        .iter()
        .map(|r| {
            json!({
                "code": r.code,
                "name": r.name,
                "severity": r.severity.as_str(),
                "summary": r.summary,
                "explanation": r.explanation,
            })
        })
        .collect();
    text(&Value::Array(list))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generate_gives_the_files_gen_writes_and_the_report() {
        let e = crate::examples::find("minimal").unwrap();
        let v: Value = serde_json::from_str(&generate(e.source)).unwrap();
        assert_eq!(v["ok"], true);
        let rendered = crate::generate(e.source).output.unwrap();
        for (path, text) in rendered.tree() {
            assert_eq!(v["files"][&path], Value::String(text), "{path}");
        }
        assert_eq!(v["yaml"], Value::String(rendered.kubernetes));
        assert_eq!(v["summary"]["errors"], 0);
        assert!(v["memory"]["worker"]["heap"].as_u64().unwrap() > 0);
        let bad: Value = serde_json::from_str(&generate("[cluster\n")).unwrap();
        assert_eq!(bad["ok"], false);
        assert_eq!(bad["yaml"], Value::Null);
        assert_eq!(bad["diagnostics"][0]["code"], "TS001");
    }

    #[test]
    fn lists_and_explain() {
        let ex: Value = serde_json::from_str(&examples()).unwrap();
        assert_eq!(
            ex.as_array().unwrap().len(),
            crate::examples::EXAMPLES.len()
        );
        let rules: Value = serde_json::from_str(&rules()).unwrap();
        assert_eq!(rules.as_array().unwrap().len(), crate::rules::all().len());
        let e = crate::examples::find("minimal").unwrap();
        let x: Value = serde_json::from_str(&explain(e.source)).unwrap();
        assert!(x["text"].as_str().unwrap().contains("heap"));
    }

    #[test]
    fn check_reads_a_text_as_the_cli_reads_a_file_of_its_name() {
        let spec = "[cluster]\nname = \"x\"\n[workers]\nheap = 1\n";
        let named: Value =
            serde_json::from_str(&check_text(Some("dir/spec.toml"), spec.as_bytes(), None))
                .unwrap();
        assert_eq!(named["refused"], Value::Null);
        let first = &named["diagnostics"][0];
        assert_eq!(first["file"], "dir/spec.toml");
        let unnamed: Value =
            serde_json::from_str(&check_text(None, spec.as_bytes(), None)).unwrap();
        assert_eq!(unnamed["diagnostics"][0]["file"], UNNAMED);
        assert_eq!(unnamed["summary"], named["summary"]);
        let from_generate: Value = serde_json::from_str(&generate(spec)).unwrap();
        assert_eq!(from_generate["diagnostics"][0]["code"], first["code"]);

        let config = b"coordinator=true\nquery.max-memory=lots\n";
        let one: Value =
            serde_json::from_str(&check_text(Some("config.properties"), config, None)).unwrap();
        assert!(one["notes"][0]
            .as_str()
            .unwrap()
            .starts_with("config.properties: checked as"));
        assert_eq!(one["diagnostics"][0]["code"], "TP004");
        assert_eq!(one["diagnostics"][0]["file"], "config.properties");
    }

    #[test]
    fn a_release_given_judges_the_input_as_trino_version_does() {
        // Kudu was removed after 468: a clean catalog there, an error at 482.
        let kudu = b"connector.name=kudu\nkudu.client.master-addresses=kudu:7051\n";
        let at = |release| -> Value {
            serde_json::from_str(&check_text(Some("catalog/kudu.properties"), kudu, release))
                .unwrap()
        };
        let (old, new) = (at(Some(468)), at(Some(482)));
        assert_eq!(old["target"]["release"], 468, "{old}");
        assert_eq!(old["summary"]["errors"], 0, "{old}");
        assert_eq!(new["target"]["release"], 482, "{new}");
        assert!(new["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "TC003"));
        let files = [("catalog/kudu.properties".to_owned(), kudu.to_vec())];
        let v: Value = serde_json::from_str(&check_files(&files, Some(468))).unwrap();
        assert_eq!(v["summary"]["errors"], 0, "{v}");
        for wrong in [300, 1000] {
            let v = at(Some(wrong));
            let refused = v["refused"].as_str().unwrap();
            assert!(refused.contains(&format!("release {wrong}")), "{refused}");
            assert!(refused.contains("\n  help: "), "{refused}");
            let v: Value = serde_json::from_str(&check_files(&files, Some(wrong))).unwrap();
            assert!(v["refused"].is_string());
        }
    }

    #[test]
    fn check_refuses_what_the_cli_refuses() {
        for (name, text) in [
            (None, &b""[..]),
            (None, b"lorem ipsum\ndolor"),
            (Some("../x.toml"), b"[cluster]\n"),
            (Some("/abs.toml"), b"[cluster]\n"),
        ] {
            let v: Value = serde_json::from_str(&check_text(name, text, None)).unwrap();
            assert!(v["refused"].is_string(), "{name:?}: {v}");
            assert_eq!(v["diagnostics"], json!([]));
        }
        let none: Value = serde_json::from_str(&check_files(&[], None)).unwrap();
        assert!(none["refused"].as_str().unwrap().contains("help: "));
        let twice = [("a".to_owned(), vec![]), ("./a".to_owned(), vec![])];
        let v: Value = serde_json::from_str(&check_files(&twice, None)).unwrap();
        assert!(v["refused"].as_str().unwrap().contains("twice"));
    }

    #[test]
    fn check_files_reads_a_gen_output() {
        let e = crate::examples::find("minimal").unwrap();
        let rendered = crate::generate(e.source).output.unwrap();
        let files: Vec<(String, Vec<u8>)> = rendered
            .tree()
            .into_iter()
            .filter(|(p, _)| p != "kubernetes.yaml")
            .map(|(p, t)| (p, t.into_bytes()))
            .collect();
        let v: Value = serde_json::from_str(&check_files(&files, None)).unwrap();
        assert_eq!(v["refused"], Value::Null, "{v}");
        assert_eq!(v["summary"]["errors"], 0, "{v}");
        // A broken file is found, and named as `check .` names it.
        let mut broken = files.clone();
        for (path, bytes) in &mut broken {
            if path == "worker/etc/jvm.config" {
                *bytes = b"-Xmx1000G\n".to_vec();
            }
        }
        let v: Value = serde_json::from_str(&check_files(&broken, None)).unwrap();
        assert_eq!(v["summary"]["warnings"], 1, "{v}");
        assert!(v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["file"] == "./worker/etc/jvm.config"));
    }
}
