//! The diagnostics list: one clickable entry per diagnostic, which moves the editor's cursor
//! to the line it points at.

use trinocfg::Diagnostic;
use yew::prelude::*;

use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct DiagnosticsProps {
    pub diagnostics: Shared<Vec<Diagnostic>>,
    /// Called with the 1-based line of a clicked diagnostic.
    pub on_jump: Callback<usize>,
}

#[function_component]
pub fn Diagnostics(props: &DiagnosticsProps) -> Html {
    let errors = props.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = props.diagnostics.len() - errors;
    let summary = match (errors, warnings) {
        (0, 0) => "no problems".to_owned(),
        (e, w) => format!("{e} error{}, {w} warning{}", plural(e), plural(w)),
    };
    html! {
        <section class="pane diagnostics-pane" aria-label="Diagnostics">
            <h2>{ "Diagnostics " }<span class="muted" data-testid="diagnostics-summary">{ summary }</span></h2>
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
        </li>
    }
}
