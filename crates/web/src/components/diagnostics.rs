//! The diagnostics list: one clickable entry per diagnostic, which moves the editor's cursor
//! to the line it points at; the counts are the core's [`Summary`], and the list can be
//! copied or downloaded as the JSON report that `trinocfg check --format json` prints.

use trinocfg::{Diagnostic, Summary};
use yew::prelude::*;

use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct DiagnosticsProps {
    pub diagnostics: Shared<Vec<Diagnostic>>,
    /// The Trino release the spec is judged as, and why (`Trino 482 (the spec's ...)`).
    pub release: Option<AttrValue>,
    /// Called with the 1-based line of a clicked diagnostic.
    pub on_jump: Callback<usize>,
    /// Copy the JSON report to the clipboard.
    pub on_copy_json: Callback<()>,
    /// Download the JSON report.
    pub on_download_json: Callback<()>,
}

#[function_component]
pub fn Diagnostics(props: &DiagnosticsProps) -> Html {
    let counts = Summary::of(&props.diagnostics);
    let summary = match (counts.errors, counts.warnings) {
        (0, 0) => "no problems".to_owned(),
        (e, w) => format!("{e} error{}, {w} warning{}", plural(e), plural(w)),
    };
    html! {
        <section class="pane diagnostics-pane" aria-label="Diagnostics">
            <h2>
                { "Diagnostics " }
                <span class="muted" data-testid="diagnostics-summary"
                    data-errors={counts.errors.to_string()} data-warnings={counts.warnings.to_string()}>{ summary }</span>
                <span class="spacer"></span>
                <span class="actions">
                    <button type="button" data-testid="copy-diagnostics-json"
                        title="The JSON report of `trinocfg check --format json spec.toml`"
                        onclick={props.on_copy_json.reform(|_: MouseEvent| ())}>{ "Copy JSON" }</button>
                    <button type="button" data-testid="download-diagnostics-json"
                        title="The JSON report of `trinocfg check --format json spec.toml`"
                        onclick={props.on_download_json.reform(|_: MouseEvent| ())}>{ "Download JSON" }</button>
                </span>
            </h2>
            if let Some(release) = &props.release {
                <p class="muted release" data-testid="release">{ format!("Judged as {release}") }</p>
            }
            if props.diagnostics.is_empty() {
                <p class="empty" data-testid="no-diagnostics">{ "The spec is valid; nothing to report." }</p>
            } else {
                <ol class="diagnostics" data-testid="diagnostics">
                    { for props.diagnostics.iter().enumerate().map(|(i, d)| item(i, d, &props.on_jump)) }
                </ol>
            }
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

fn item(index: usize, d: &Diagnostic, on_jump: &Callback<usize>) -> Html {
    let loc = &d.location;
    let line = loc.line;
    let onclick = on_jump.reform(move |_: MouseEvent| line);
    let place = [loc.file.as_deref(), loc.path.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let position = (line > 0).then(|| format!("{line}:{}", loc.column));
    let severity = d.severity.as_str();
    html! {
        <li key={index} class={classes!("diagnostic", severity)}>
            <button
                type="button"
                data-testid="diagnostic"
                data-code={d.code}
                data-severity={severity}
                data-line={line.to_string()}
                disabled={line == 0}
                title={if line > 0 { "Go to this line" } else { "" }}
                {onclick}
            >
                <span class="head">
                    <span class={classes!("severity", severity)}>{ severity }</span>
                    <code class="diag-code">{ d.code }</code>
                    if let Some(position) = position {
                        <span class="position" data-testid="diagnostic-position">{ position }</span>
                    }
                    if !place.is_empty() {
                        <code class="place">{ place }</code>
                    }
                </span>
                <span class="message">{ &d.message }</span>
                if let Some(help) = &d.help {
                    <span class="help">{ "help: " }{ help }</span>
                }
            </button>
            <a class="rule-doc" data-testid="diagnostic-rule-link" href={super::check::rule_doc(d.code)}
                target="_blank" rel="noopener noreferrer"
                title={format!("{} in the rule reference", d.code)}>{ format!("{} reference", d.code) }</a>
        </li>
    }
}
