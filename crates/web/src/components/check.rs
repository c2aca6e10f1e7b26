//! Check mode's results: the refusal, or the notes, the release judged and the diagnostics of
//! the user's own configuration. Each diagnostic's code links to its documentation; clicking
//! the rest moves the editor to its line (showing its file first, for an archive).
//!
//! Only the diagnostics' own words are shown (as `trinocfg check` prints them): no snippet of
//! the text, so nothing a diagnostic marks as a secret is copied out of the editor.

use trinocfg::input::check::Checked;
use trinocfg::{Diagnostic, Summary};
use yew::prelude::*;

use crate::state::Shared;

/// The documentation of a rule: its anchor in `docs/rules.md` (the link SARIF output gives).
pub fn rule_doc(code: &str) -> String {
    format!(
        "{}#{}",
        trinocfg::sarif::RULES_DOC,
        code.to_ascii_lowercase()
    )
}

#[derive(Properties, PartialEq)]
pub struct CheckResultsProps {
    pub outcome: Shared<Result<Checked, String>>,
    pub revision: u64,
    /// Called with the file and 1-based line of a clicked diagnostic.
    pub on_jump: Callback<(Option<String>, usize)>,
}

#[function_component]
pub fn CheckResults(props: &CheckResultsProps) -> Html {
    let (summary, errors, warnings, body) = match &*props.outcome {
        Err(refusal) => {
            let (message, help) = refusal.split_once("\n  help: ").unwrap_or((refusal, ""));
            (
                "refused: nothing was checked".to_owned(),
                0,
                0,
                html! {
                    <div class="refusal" role="alert" data-testid="check-refusal">
                        <p class="message"><strong>{ "error: " }</strong>{ message.to_owned() }</p>
                        if !help.is_empty() {
                            <p class="help">{ "help: " }{ help.to_owned() }</p>
                        }
                    </div>
                },
            )
        }
        Ok(checked) => {
            let counts = Summary::of(&checked.diagnostics);
            let summary = match (counts.errors, counts.warnings) {
                (0, 0) => "no problems".to_owned(),
                (e, w) => format!("{e} error{}, {w} warning{}", plural(e), plural(w)),
            };
            let body = html! {
                <>
                    { for checked.notes.iter().map(|n| html! {
                        <p class="muted note" data-testid="check-note">{ n.clone() }</p>
                    }) }
                    if let Some(target) = &checked.target {
                        <p class="muted release" data-testid="check-release">{ format!("Judged as {target}") }</p>
                    }
                    if checked.diagnostics.is_empty() {
                        <p class="empty" data-testid="check-clean">{ "No problems found in what was read." }</p>
                    } else {
                        <ol class="diagnostics" data-testid="check-diagnostics">
                            { for checked.diagnostics.iter().enumerate().map(|(i, d)| item(i, d, &props.on_jump)) }
                        </ol>
                    }
                </>
            };
            (summary, counts.errors, counts.warnings, body)
        }
    };
    html! {
        <section class="pane check-pane" aria-label="Check results" data-testid="check-results"
            data-revision={props.revision.to_string()}
            data-refused={props.outcome.is_err().to_string()}>
            <h2>
                { "What trinocfg check says " }
                <span class="muted" data-testid="check-summary"
                    data-errors={errors.to_string()} data-warnings={warnings.to_string()}>{ summary }</span>
            </h2>
            <div class="check-body">{ body }</div>
        </section>
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn item(index: usize, d: &Diagnostic, on_jump: &Callback<(Option<String>, usize)>) -> Html {
    let loc = &d.location;
    let line = loc.line;
    let file = loc.file.clone();
    let onclick = on_jump.reform(move |_: MouseEvent| (file.clone(), line));
    let place = [loc.file.as_deref(), loc.path.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let position = (line > 0).then(|| format!("{line}:{}", loc.column));
    let severity = d.severity.as_str();
    html! {
        <li key={index} class={classes!("diagnostic", "check-item", severity)}
            data-testid="check-diagnostic"
            data-code={d.code}
            data-severity={severity}
            data-line={line.to_string()}
            data-file={loc.file.clone().unwrap_or_default()}>
            <span class="head">
                <span class={classes!("severity", severity)}>{ severity }</span>
                <a class="diag-code" data-testid="rule-link" href={rule_doc(d.code)}
                    target="_blank" rel="noopener noreferrer"
                    title={format!("{} in the rule reference", d.code)}>{ d.code }</a>
                if let Some(position) = position {
                    <span class="position">{ position }</span>
                }
                if !place.is_empty() {
                    <code class="place">{ place }</code>
                }
            </span>
            <button type="button" class="jump" data-testid="check-jump" disabled={line == 0}
                title={if line > 0 { "Go to this line" } else { "" }} {onclick}>
                <span class="message">{ &d.message }</span>
                if let Some(help) = &d.help {
                    <span class="help">{ "help: " }{ help }</span>
                }
            </button>
        </li>
    }
}
