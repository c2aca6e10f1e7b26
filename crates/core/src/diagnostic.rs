//! The diagnostic model shared by every rule and every surface (CLI, JSON, browser).
//!
//! A diagnostic carries data only; each surface renders it its own way: the CLI with source
//! snippets, the browser as a list, machines as JSON ([`Report`], one shape everywhere).

use std::fmt::{self, Write as _};
use std::ops::Range;

use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Trino starts, but something is likely wrong or wasteful.
    Warning,
    /// Trino (or a catalog, or a query) fails, or a secret leaks.
    Error,
}

/// One rule: what it checks, why it matters, and the fix. Each rule is declared once, beside
/// its implementation, in a family module of `crate::rules`.
#[derive(Debug)]
pub struct Rule {
    /// Stable code, never reused.
    pub code: &'static str,
    /// Stable kebab-case name.
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// Why it matters and how to fix it, with an example (empty in builds without the
    /// `rule-docs` feature).
    pub explanation: &'static str,
}

impl Severity {
    /// `error` or `warning`.
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
    /// 1-based line of the start of `span` (0 when unknown).
    pub line: usize,
    /// 1-based column, in characters, of the start of `span` (0 when unknown).
    pub column: usize,
}

impl Location {
    /// A location in the spec known only by its key path.
    pub fn spec_path(path: impl Into<String>) -> Self {
        Location {
            path: Some(path.into()),
            ..Location::default()
        }
    }

    /// Fills `line` and `column` from `span` and the source text.
    #[must_use]
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

/// One problem found, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable rule code, e.g. `TM001`.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// Where.
    pub location: Location,
    /// What to do about it.
    pub help: Option<String>,
    /// Byte ranges of the shown source text (the coordinates of `location.span`) that hold a
    /// secret: a surface that shows source text masks them (see [`mask_source`]). Never part
    /// of the JSON form, which holds no source text.
    pub redact: Vec<Range<usize>>,
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
            redact: Vec::new(),
        }
    }

    /// Marks byte ranges of the shown source text as secret (see [`Diagnostic::redact`]).
    #[must_use]
    pub fn redact(mut self, ranges: impl IntoIterator<Item = Range<usize>>) -> Self {
        self.redact.extend(ranges);
        self
    }

    /// Sets the location.
    #[must_use]
    pub fn at(mut self, location: Location) -> Self {
        self.location = location;
        self
    }

    /// Sets the help line.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Overrides the rule's default severity.
    #[must_use]
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Whether this is an error.
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
            let _ = write!(place, "({}:{})", loc.line, loc.column);
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

/// `source` with every byte range that a diagnostic about `file` (`None`: the spec) marks as
/// secret replaced by `*`, one per byte, line breaks kept: spans and line numbers stay valid
/// and no secret is shown. Ranges are widened to whole characters and cut at the end of the
/// text.
pub fn mask_source<'a>(
    source: &'a str,
    file: Option<&str>,
    diagnostics: &[Diagnostic],
) -> std::borrow::Cow<'a, str> {
    let ranges: Vec<&Range<usize>> = diagnostics
        .iter()
        .filter(|d| d.location.file.as_deref() == file)
        .flat_map(|d| &d.redact)
        .collect();
    if ranges.is_empty() {
        return std::borrow::Cow::Borrowed(source);
    }
    let mut masked = vec![false; source.len()];
    for r in ranges {
        let mut start = r.start.min(source.len());
        while !source.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = r.end.clamp(start, source.len());
        while !source.is_char_boundary(end) {
            end += 1;
        }
        masked[start..end].iter_mut().for_each(|m| *m = true);
    }
    let mut out = String::with_capacity(source.len());
    for (i, c) in source.char_indices() {
        if masked[i] && c != '\n' && c != '\r' {
            out.extend(std::iter::repeat_n('*', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
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

/// Sorts and removes exact duplicates (a catalog file shared by both roles is reported once).
pub fn finish(mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
    sort(&mut out);
    out.dedup_by(|a, b| a.code == b.code && a.message == b.message && a.location == b.location);
    out
}

/// The JSON form of one diagnostic: `code`, `severity`, `message`, `file`, `path`, `line`,
/// `column`, `span` (`[start, end]` bytes) and `help`; unknown parts are `null`.
impl Serialize for Diagnostic {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let loc = &self.location;
        let mut s = serializer.serialize_struct("Diagnostic", 9)?;
        s.serialize_field("code", self.code)?;
        s.serialize_field("severity", &self.severity)?;
        s.serialize_field("message", &self.message)?;
        s.serialize_field("file", &loc.file)?;
        s.serialize_field("path", &loc.path)?;
        s.serialize_field("line", &(loc.line > 0).then_some(loc.line))?;
        s.serialize_field("column", &(loc.column > 0).then_some(loc.column))?;
        s.serialize_field("span", &loc.span.as_ref().map(|r| [r.start, r.end]))?;
        s.serialize_field("help", &self.help)?;
        s.end()
    }
}

/// Counts of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[non_exhaustive]
pub struct Summary {
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
}

impl Summary {
    /// Counts `diagnostics`.
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        Summary {
            errors,
            warnings: diagnostics.len() - errors,
        }
    }
}

/// What `check --format json` prints and the playground reads: the diagnostics and their
/// counts, and the release they judge by when it is known,
/// `{"diagnostics": [...], "summary": {"errors": 1, "warnings": 0}, "target": {"release": 447,
/// "from": "image", ...}}`.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Report {
    /// Every diagnostic, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Their counts.
    pub summary: Summary,
    /// The Trino release the input was judged as, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<crate::model::Target>,
}

impl Report {
    /// A report of `diagnostics`; those without a file (spec diagnostics) get `file` when
    /// given, so that every entry names where it is.
    pub fn new(mut diagnostics: Vec<Diagnostic>, file: Option<&str>) -> Self {
        if let Some(file) = file {
            for d in &mut diagnostics {
                if d.location.file.is_none() {
                    d.location.file = Some(file.to_owned());
                }
            }
        }
        let summary = Summary::of(&diagnostics);
        Report {
            diagnostics,
            summary,
            target: None,
        }
    }

    /// Pretty-printed JSON, ending in a newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into());
        text.push('\n');
        text
    }
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

    #[test]
    fn masked_sources_keep_their_shape() {
        let src = "a=1\npassword=hünter2\nb=2\n";
        let start = src.find("hü").unwrap();
        let d = Diagnostic::new(&crate::rules::LITERAL_CREDENTIAL, "m")
            .at(Location {
                file: Some("f".into()),
                ..Location::default()
            })
            .redact(std::iter::once(start + 2..start + 3));
        let masked = mask_source(src, Some("f"), std::slice::from_ref(&d));
        assert_eq!(masked, "a=1\npassword=h**nter2\nb=2\n");
        assert_eq!(masked.len(), src.len());
        // Diagnostics of another file do not mask this one.
        assert_eq!(mask_source(src, None, &[d]), src);
    }
}
