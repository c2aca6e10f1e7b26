//! The diagnostic model shared by every rule and every surface (CLI, JSON, browser).
//!
//! A diagnostic carries data only; each surface renders it its own way.

use std::fmt;
use std::ops::Range;

use crate::rules::Rule;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a diagnostic points.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// The file the diagnostic is about; `None` for the spec itself.
    pub file: Option<String>,
    /// The key path in the spec (`workers.memory`) or the property key in a file.
    pub path: Option<String>,
    /// Byte range in the source text, when known.
    pub span: Option<Range<usize>>,
    /// 1-based line and column of the start of `span` (0 when unknown).
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub fn spec_path(path: impl Into<String>) -> Self {
        Location {
            path: Some(path.into()),
            ..Location::default()
        }
    }

    /// Fills `line` and `column` from `span` and the source text.
    pub fn with_span(mut self, source: &str, span: Range<usize>) -> Self {
        let (line, column) = line_column(source, span.start);
        self.line = line;
        self.column = column;
        self.span = Some(span);
        self
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let mut start = offset;
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    let before = &source[..start];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable rule code, e.g. `TM001`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub location: Location,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic for `rule` with the rule's default severity.
    pub fn new(rule: &'static Rule, message: impl Into<String>) -> Self {
        Diagnostic {
            code: rule.code,
            severity: rule.severity,
            message: message.into(),
            location: Location::default(),
            help: None,
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = location;
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Plain-text rendering without source snippets: `error[TM001] coordinator.memory (3:10): message`
/// followed by `  help: ...`. Stable: used by snapshots and by the browser.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.severity, self.code)?;
        let loc = &self.location;
        let mut place = String::new();
        if let Some(file) = &loc.file {
            place.push_str(file);
        }
        if let Some(path) = &loc.path {
            if !place.is_empty() {
                place.push(' ');
            }
            place.push_str(path);
        }
        if loc.line > 0 {
            if !place.is_empty() {
                place.push(' ');
            }
            place.push_str(&format!("({}:{})", loc.line, loc.column));
        }
        if !place.is_empty() {
            write!(f, " {place}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Sorts diagnostics for output: by file, then position, then code. Stable across runs.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (
            &a.location.file,
            a.location.line,
            a.location.column,
            a.code,
            &a.message,
        )
            .cmp(&(
                &b.location.file,
                b.location.line,
                b.location.column,
                b.code,
                &b.message,
            ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column() {
        let src = "a = 1\nbé = 2\n";
        assert_eq!(line_column(src, 0), (1, 1));
        assert_eq!(line_column(src, 6), (2, 1));
        assert_eq!(line_column(src, 10), (2, 4));
        assert_eq!(line_column(src, 999), (3, 1));
    }
}
