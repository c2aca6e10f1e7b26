//! The playground's state and the actions that change it.
//!
//! Everything shown is derived from the spec text by one call to [`trinocfg::generate`], the
//! same call the CLI makes, so the preview is byte-identical to `trinocfg gen`.

use std::cell::OnceCell;
use std::rc::Rc;

use trinocfg::examples::{Example, EXAMPLES};
use trinocfg::model::Target;
use trinocfg::{Diagnostic, MemoryPlan, Rendered, Report};
use yew::prelude::*;

/// The name the spec's diagnostics carry in the JSON report, as in
/// `trinocfg check --format json spec.toml`.
pub const SPEC_FILE: &str = "spec.toml";

/// The diagnostics as the JSON report that `trinocfg check --format json spec.toml` prints for
/// the same text: the core's one shape, `{"diagnostics": [...], "summary": {...}, "target":
/// {...}}` (`target`, the release the spec was judged as, when the spec could be read).
pub fn report_json(diagnostics: &[Diagnostic], target: Option<&Target>) -> String {
    let mut report = Report::new(diagnostics.to_vec(), Some(SPEC_FILE));
    report.target = target.cloned();
    report.to_json()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Yaml,
    Files,
}

/// The output of the last spec that rendered.
#[derive(Debug)]
pub struct Preview {
    pub rendered: Rendered,
    /// Every file as `trinocfg gen --out` writes it, made when first asked for (the YAML tab
    /// does not need it).
    tree: OnceCell<Vec<(String, String)>>,
}

impl Preview {
    fn new(rendered: Rendered) -> Self {
        Preview {
            rendered,
            tree: OnceCell::new(),
        }
    }

    /// Every file as `trinocfg gen --out` writes it, in the core's order.
    pub fn tree(&self) -> &[(String, String)] {
        self.tree.get_or_init(|| self.rendered.tree())
    }

    pub fn file(&self, path: &str) -> Option<&str> {
        self.tree()
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, body)| body.as_str())
    }

    /// The file shown when nothing (or a file that no longer exists) is selected.
    pub fn default_file(&self) -> Option<&str> {
        self.file("coordinator/etc/config.properties")
            .map(|_| "coordinator/etc/config.properties")
            .or_else(|| self.tree().first().map(|(p, _)| p.as_str()))
    }
}

/// An `Rc` compared by identity: props that hold one re-render only when the value was replaced.
#[derive(Debug, Default)]
pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

#[derive(Debug, Clone)]
pub struct State {
    pub source: AttrValue,
    /// The example the text was last loaded from, while it is unedited.
    pub example: Option<&'static str>,
    pub diagnostics: Shared<Vec<Diagnostic>>,
    /// The Trino release the spec was judged as, and why; `None` when it could not be read.
    pub target: Option<Target>,
    /// The memory plan of the last spec that parsed.
    pub memory: Option<Shared<MemoryPlan>>,
    /// The memory rule (`TM…`) diagnostics of the text `memory` was planned from.
    pub memory_diagnostics: Shared<Vec<Diagnostic>>,
    /// The output of the last spec without errors.
    pub preview: Option<Shared<Preview>>,
    /// The current text has errors: `preview` (and maybe `memory`) belong to an earlier text.
    pub stale: bool,
    pub memory_stale: bool,
    pub tab: Tab,
    pub selected_file: Option<String>,
    /// Counts the generations, so that a test can wait for the next one.
    pub revision: u64,
}

pub enum Action {
    /// The user typed.
    Edit(String),
    PickExample(&'static str),
    /// A share link was opened.
    LoadShared(String),
    SelectTab(Tab),
    SelectFile(String),
}

impl State {
    pub fn new(source: String, example: Option<&'static str>) -> Self {
        let empty = State {
            source: AttrValue::default(),
            example,
            diagnostics: Shared::default(),
            target: None,
            memory: None,
            memory_diagnostics: Shared::default(),
            preview: None,
            stale: false,
            memory_stale: false,
            tab: Tab::Yaml,
            selected_file: None,
            revision: 0,
        };
        empty.regenerate(source)
    }

    fn regenerate(mut self, source: String) -> Self {
        let started = crate::browser::now();
        let outcome = trinocfg::generate(&source);
        crate::browser::expose("generateMs", crate::browser::now() - started);
        self.source = AttrValue::from(source);
        self.memory_stale = outcome.memory.is_none() && self.memory.is_some();
        if let Some(plan) = outcome.memory {
            self.memory = Some(Shared::new(plan));
            self.memory_diagnostics = Shared::new(
                outcome
                    .diagnostics
                    .iter()
                    .filter(|d| d.code.starts_with("TM"))
                    .cloned()
                    .collect(),
            );
        }
        self.diagnostics = Shared::new(outcome.diagnostics);
        self.target = outcome.target;
        self.stale = outcome.output.is_none() && self.preview.is_some();
        if let Some(rendered) = outcome.output {
            self.preview = Some(Shared::new(Preview::new(rendered)));
        }
        self.revision += 1;
        self
    }

    /// The example whose text is in the editor, if any.
    pub fn example(&self) -> Option<&'static Example> {
        self.example.and_then(trinocfg::examples::find)
    }

    /// The path of the file shown in the Files tab (`None` while another tab is open).
    pub fn shown_file(&self) -> Option<&str> {
        if self.tab != Tab::Files {
            return None;
        }
        let preview = self.preview.as_deref()?;
        match &self.selected_file {
            Some(path) if preview.file(path).is_some() => Some(path),
            _ => preview.default_file(),
        }
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if matches!(&action, Action::Edit(source) if *self.source == **source) {
            return self;
        }
        let state = Rc::unwrap_or_clone(self);
        Rc::new(match action {
            Action::Edit(source) => State {
                example: None,
                ..state
            }
            .regenerate(source),
            Action::PickExample(name) => match EXAMPLES.iter().find(|e| e.name == name) {
                Some(example) => State {
                    example: Some(example.name),
                    ..state
                }
                .regenerate(example.source.to_owned()),
                None => state,
            },
            Action::LoadShared(source) => {
                let example = EXAMPLES.iter().find(|e| e.source == source).map(|e| e.name);
                State { example, ..state }.regenerate(source)
            }
            Action::SelectTab(tab) => State { tab, ..state },
            Action::SelectFile(path) => State {
                selected_file: Some(path),
                tab: Tab::Files,
                ..state
            },
        })
    }
}

/// The text the page opens with: a spec Check mode imported before this module was loaded (the
/// page opened in Check mode), a shared link, then what this browser saved, then the first
/// example.
pub fn initial() -> State {
    let imported = crate::browser::take_import();
    if let Some(source) = &imported {
        crate::browser::save_spec(source);
        crate::browser::clear_spec_fragment();
    }
    let source = imported
        .or_else(crate::browser::spec_from_fragment)
        .or_else(crate::browser::load_saved_spec)
        .unwrap_or_else(|| EXAMPLES[0].source.to_owned());
    let example = EXAMPLES.iter().find(|e| e.source == source).map(|e| e.name);
    State::new(source, example)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: Rc<State>, action: Action) -> Rc<State> {
        state.reduce(action)
    }

    fn minimal() -> Rc<State> {
        Rc::new(State::new(
            trinocfg::examples::find("minimal")
                .unwrap()
                .source
                .to_owned(),
            Some("minimal"),
        ))
    }

    #[test]
    fn the_preview_is_what_generate_renders() {
        let state = minimal();
        let expected = trinocfg::generate(&state.source).output.unwrap();
        let preview = state.preview.as_deref().unwrap();
        assert_eq!(preview.rendered.kubernetes, expected.kubernetes);
        assert_eq!(preview.tree(), expected.tree().as_slice());
        assert!(!state.stale && !state.memory_stale);
    }

    #[test]
    fn errors_keep_the_last_preview_marked_stale() {
        let good = minimal();
        let broken = reduce(
            good.clone(),
            Action::Edit(good.source.replace("[workers]", "[workers")),
        );
        assert!(broken.stale && broken.memory_stale);
        assert!(broken.memory_diagnostics == good.memory_diagnostics);
        assert!(broken.preview == good.preview, "the same preview object");
        assert!(broken.diagnostics.iter().any(|d| d.code.starts_with("TS")));
        assert_eq!(broken.example, None);
        assert!(broken.revision > good.revision);

        let fixed = reduce(broken, Action::Edit(good.source.to_string()));
        assert!(!fixed.stale && !fixed.memory_stale);
        assert!(fixed.diagnostics.is_empty());
    }

    #[test]
    fn a_memory_error_keeps_the_plan_current() {
        let good = minimal();
        let text = good.source.replace(
            "[workers]\n",
            "[workers]\nquery_max_memory_per_node = \"100GB\"\n",
        );
        let bad = reduce(good.clone(), Action::Edit(text));
        assert!(bad.stale, "no output with an error");
        assert!(!bad.memory_stale, "the plan is the current text's");
        assert!(bad.memory != good.memory);
        let tm001 = bad.diagnostics.iter().find(|d| d.code == "TM001").unwrap();
        assert!(tm001
            .location
            .path
            .as_deref()
            .unwrap()
            .starts_with("workers"));
        assert_eq!(tm001.location.line, 10);
        assert!(bad.memory_diagnostics.iter().any(|d| d.code == "TM001"));
        assert!(bad
            .memory_diagnostics
            .iter()
            .all(|d| d.code.starts_with("TM")));
    }

    #[test]
    fn the_json_report_is_the_core_report_of_the_diagnostics() {
        let good = minimal();
        // An error (TM001) and warnings (the coordinator's heap is small).
        let text = good
            .source
            .replace(
                "[workers]\n",
                "[workers]\nquery_max_memory_per_node = \"100GB\"\n",
            )
            .replace("[coordinator]\n", "[coordinator]\nheap = \"40%\"\n");
        let bad = reduce(good, Action::Edit(text));
        let json = report_json(&bad.diagnostics, bad.target.as_ref());
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&json).unwrap()["target"]["release"],
            482
        );
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let summary = trinocfg::Summary::of(&bad.diagnostics);
        assert!(summary.errors >= 1 && summary.warnings >= 1, "{json}");
        assert_eq!(value["summary"]["errors"], summary.errors);
        assert_eq!(value["summary"]["warnings"], summary.warnings);
        let listed = value["diagnostics"].as_array().unwrap();
        assert_eq!(listed.len(), bad.diagnostics.len());
        for (entry, d) in listed.iter().zip(bad.diagnostics.iter()) {
            assert_eq!(entry["code"], d.code);
            assert_eq!(entry["severity"], d.severity.as_str());
            assert_eq!(entry["message"], d.message.as_str());
            assert_eq!(entry["line"], d.location.line);
            // Spec diagnostics name the spec file, as the CLI's report does.
            assert_eq!(entry["file"], SPEC_FILE);
        }
        assert!(json.ends_with("}\n"));

        let clean = report_json(&[], None);
        let value: serde_json::Value = serde_json::from_str(&clean).unwrap();
        assert_eq!(value["diagnostics"], serde_json::json!([]));
        assert_eq!(
            value["summary"],
            serde_json::json!({"errors": 0, "warnings": 0})
        );
    }

    #[test]
    fn unchanged_text_is_not_generated_again() {
        let state = minimal();
        let same = reduce(state.clone(), Action::Edit(state.source.to_string()));
        assert!(Rc::ptr_eq(&state, &same));
    }

    #[test]
    fn examples_and_shared_texts() {
        let state = minimal();
        let picked = reduce(state, Action::PickExample("kafka-orders"));
        assert_eq!(picked.example, Some("kafka-orders"));
        let kafka = trinocfg::examples::find("kafka-orders").unwrap().source;
        assert_eq!(&*picked.source, kafka);
        // A shared text that is an example is recognised as such.
        let shared = reduce(picked.clone(), Action::LoadShared(kafka.to_owned()));
        assert_eq!(shared.example, Some("kafka-orders"));
        let shared = reduce(
            picked,
            Action::LoadShared("[cluster]\nname = \"x\"\n".to_owned()),
        );
        assert_eq!(shared.example, None);
    }

    #[test]
    fn the_files_tab_falls_back_to_an_existing_file() {
        let state = reduce(minimal(), Action::SelectTab(Tab::Files));
        assert_eq!(
            state.shown_file(),
            Some("coordinator/etc/config.properties")
        );
        let state = reduce(state, Action::SelectFile("worker/etc/jvm.config".into()));
        assert_eq!(state.shown_file(), Some("worker/etc/jvm.config"));
        let state = reduce(
            state,
            Action::SelectFile("worker/etc/gone.properties".into()),
        );
        assert_eq!(
            state.shown_file(),
            Some("coordinator/etc/config.properties")
        );
        let state = reduce(state, Action::SelectTab(Tab::Yaml));
        assert_eq!(state.shown_file(), None);
    }
}
