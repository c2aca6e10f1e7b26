//! Values of the official Trino Helm chart, checked as the chart's templates would render them
//! (see [`crate::input::chart`]).

use std::collections::HashMap;

use super::{Checked, Input, Judge, Tree};
use crate::input::chart;

/// Checks chart values: `display` names them in diagnostics.
pub fn chart_values(
    display: &str,
    text: String,
    release: Option<u32>,
    judge: Judge<'_>,
) -> Checked {
    let mut sources = HashMap::new();
    let input = match chart::read(&text, display) {
        Ok(input) => input,
        Err(d) => {
            sources.insert(display.to_owned(), text);
            return Checked {
                diagnostics: vec![*d],
                sources,
                ..Checked::default()
            };
        }
    };
    let notes = vec![format!(
        "{display}: read as values of the Trino Helm chart 1.42 (the files its templates write, with the chart's defaults)"
    )];
    let cluster = chart::cluster(input);
    let (diagnostics, target) = judge(cluster, release);
    sources.insert(display.to_owned(), text);
    Checked {
        diagnostics: chart::once_per_value(diagnostics),
        sources,
        spec: None,
        notes,
        target: Some(target),
    }
}

/// `check --chart-values`: `path` of `tree` read as chart values whatever its keys.
///
/// # Errors
/// When the file cannot be read or decoded.
pub fn run_chart_values(
    tree: &dyn Tree,
    path: &str,
    release: Option<u32>,
    judge: Judge<'_>,
) -> Result<Checked, String> {
    let input = Input::new(tree, path);
    let bytes = tree.read(path)?;
    let text = crate::text::decode(&bytes)
        .map_err(|e| super::decode_refusal(&e, &input.origin))?
        .text
        .into_owned();
    Ok(chart_values(&input.origin, text, release, judge))
}
