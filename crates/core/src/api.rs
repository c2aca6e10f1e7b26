//! The surface other languages call (the npm and Python packages): each function takes text
//! and returns JSON text, so that every binding gets the same bytes the CLI writes and the
//! same diagnostics shape as `check --format json`.
//!
//! - [`generate`]: `{"ok", "yaml", "files", "diagnostics", "summary", "memory", "target"}`.
//! - [`explain`]: `{"ok", "text", "diagnostics", "summary"}`.
//! - [`examples`]: `[{"name", "description", "source", "since"}]`.
//! - [`rules`]: `[{"code", "name", "severity", "summary", "explanation"}]`.

use serde_json::{json, Map, Value};

use crate::diagnostic::{Diagnostic, Report};
use crate::memory::{MemoryPlan, NodeMemory};

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
}
