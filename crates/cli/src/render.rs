//! Diagnostics for people: source snippets (colour on a terminal only, never with `NO_COLOR`).

use annotate_snippets::{Level, Renderer, Snippet};
use trinocfg::{Diagnostic, Severity};

/// Renders one diagnostic with a snippet of `source` when its location has a span.
pub fn human(d: &Diagnostic, origin: &str, source: Option<&str>) -> String {
    let level = match d.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
    };
    let mut title = d.message.clone();
    if let Some(path) = &d.location.path {
        if d.location.span.is_none() || source.is_none() {
            title = format!("{title} ({path})");
        }
    }
    let file = d.location.file.as_deref().unwrap_or(origin);
    let help = d.help.clone();
    let mut message = level.title(&title).id(d.code);
    let label = d.location.path.clone().unwrap_or_default();
    if let (Some(src), Some(span)) = (source, d.location.span.clone()) {
        let span = clamp(src, span);
        message = message.snippet(
            Snippet::source(src)
                .line_start(1)
                .origin(file)
                .fold(true)
                .annotation(level.span(span).label(&label)),
        );
    } else {
        let place = if d.location.line > 0 {
            format!("{file}:{}:{}", d.location.line, d.location.column)
        } else {
            file.to_owned()
        };
        let mut text = Renderer::styled()
            .render(message.footer(Level::Note.title(&place)))
            .to_string();
        if let Some(h) = &help {
            text.push('\n');
            text.push_str(&Renderer::styled().render(Level::Help.title(h)).to_string());
        }
        return text;
    }
    if let Some(h) = &help {
        message = message.footer(Level::Help.title(h));
    }
    let text = Renderer::styled().render(message).to_string();
    text
}

/// A span inside the source, on char boundaries, never empty past the end.
fn clamp(src: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut start = span.start.min(src.len());
    while !src.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, src.len());
    while !src.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// `N errors, M warnings` summary line.
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}
