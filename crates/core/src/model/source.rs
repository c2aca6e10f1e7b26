//! Where the values of the model come from, and how an origin becomes a [`Location`] shown to
//! the user: a key path of the spec, or a span of an input file (itself possibly a block of a
//! YAML stream).

use std::ops::Range;

use crate::diagnostic::{self, Location};
use crate::spec::SpanIndex;

/// Where a value of the model came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Origin {
    /// A key path of the spec (`workers.memory`, `catalogs.hive.properties."x"`). A derived
    /// value names the key it was derived from; a path the spec does not contain points at its
    /// nearest enclosing table.
    Spec(String),
    /// A byte range of input file `file` (an index into [`Sources::files`]).
    Text {
        /// Index of the file.
        file: usize,
        /// Byte range in the file's text.
        span: Range<usize>,
    },
    /// Input file `file` as a whole.
    File(usize),
    /// A place already resolved (a field of a Kubernetes object).
    At(Box<Location>),
    /// Nowhere in particular (a built-in default).
    #[default]
    Nowhere,
}

impl Origin {
    /// The spec key path, when the value came from the spec.
    pub fn spec_path(&self) -> Option<&str> {
        match self {
            Origin::Spec(p) => Some(p),
            _ => None,
        }
    }
}

/// Where a file's text sits inside the file shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Embedding {
    /// The file itself.
    Standalone,
    /// A YAML block scalar: `starts[i]` is the byte offset in the YAML text where line `i + 1`
    /// of the embedded file begins (after the indentation), `line` the YAML line of its first
    /// line, `indent` the indentation.
    Block {
        /// YAML line of the block's first line.
        line: usize,
        /// Indentation of the block.
        indent: usize,
        /// Offsets in the YAML text of each line of the block.
        starts: Vec<usize>,
    },
    /// A file assembled from several YAML values (a Helm chart's values): the place of each
    /// line's value, when the line has one (a line the chart writes itself has none).
    Lines {
        /// One entry per line of the file.
        places: Vec<Option<LinePlace>>,
    },
    /// A YAML scalar that cannot be mapped line by line (quoted): diagnostics point at its key.
    Key {
        /// Line of the key.
        line: usize,
        /// Column of the key.
        column: usize,
    },
}

/// Where one line of an assembled file comes from in the YAML text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinePlace {
    /// 1-based line of the value.
    pub line: usize,
    /// 1-based column of the value.
    pub column: usize,
    /// Byte offset of the value.
    pub offset: usize,
    /// Byte length of the value as written.
    pub len: usize,
    /// Whether the line is the value's text itself, so that a position inside the line is one
    /// inside the value.
    pub verbatim: bool,
}

/// One configuration file as read: its text and where it is shown.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the configuration root: `config.properties`, `catalog/hive.properties`,
    /// `kafka/events/shop.orders.json`, `jvm.config`.
    pub rel: String,
    /// The file to show in diagnostics: a path on disk or the YAML file it came from.
    pub display: String,
    /// A label added to messages when one display file holds several files (`ConfigMap
    /// trino-coordinator, config.properties`).
    pub label: Option<String>,
    /// The file's text.
    pub text: String,
    /// Where the text sits in the shown file.
    pub embedding: Embedding,
}

impl SourceFile {
    /// A file that is shown as itself.
    pub fn standalone(
        rel: impl Into<String>,
        display: impl Into<String>,
        text: impl Into<String>,
    ) -> Self {
        SourceFile {
            rel: rel.into(),
            display: display.into(),
            label: None,
            text: text.into(),
            embedding: Embedding::Standalone,
        }
    }

    /// File name without directories.
    pub fn file_name(&self) -> &str {
        self.rel.rsplit('/').next().unwrap_or(&self.rel)
    }

    /// The location of a span of this file's text, in the coordinates of the shown file.
    pub fn locate(&self, span: Range<usize>, key: Option<&str>) -> Location {
        let (line, column) = diagnostic::line_column(&self.text, span.start);
        let mut loc = Location {
            file: Some(self.display.clone()),
            path: key.map(str::to_owned),
            ..Location::default()
        };
        if let Some(label) = &self.label {
            loc.path = Some(match key {
                Some(k) => format!("{label}: {k}"),
                None => label.clone(),
            });
        }
        match &self.embedding {
            Embedding::Standalone => {
                loc.line = line;
                loc.column = column;
                loc.span = Some(span);
            }
            Embedding::Block {
                line: first,
                indent,
                starts,
            } => {
                loc.line = first + line - 1;
                loc.column = indent + column;
                if let Some(&base) = starts.get(line - 1) {
                    let start_at = span.start.min(self.text.len());
                    let line_start = self.text[..start_at].rfind('\n').map_or(0, |i| i + 1);
                    let start = base + (start_at - line_start);
                    // Keep the span on one line of the YAML text.
                    let line_end = self.text[start_at..]
                        .find('\n')
                        .map_or(self.text.len(), |i| start_at + i);
                    let end = base + (span.end.min(line_end).max(start_at) - line_start);
                    loc.span = Some(start..end);
                }
            }
            Embedding::Lines { places } => match places.get(line - 1).copied().flatten() {
                Some(p) if p.verbatim => {
                    let start_at = span.start.min(self.text.len());
                    let line_start = self.text[..start_at].rfind('\n').map_or(0, |i| i + 1);
                    let within = start_at - line_start;
                    let end = (span.end.max(start_at) - line_start).min(p.len);
                    loc.line = p.line;
                    loc.column = p.column + column - 1;
                    loc.span =
                        Some(p.offset + within.min(p.len)..p.offset + end.max(within.min(p.len)));
                }
                Some(p) => {
                    loc.line = p.line;
                    loc.column = p.column;
                    loc.span = Some(p.offset..p.offset + p.len);
                }
                // A line the chart writes from its defaults.
                None => {
                    loc.path = Some(match loc.path.take() {
                        Some(p) => format!("{p} (the chart's default)"),
                        None => "the chart's default".to_owned(),
                    });
                }
            },
            Embedding::Key { line, column } => {
                loc.line = *line;
                loc.column = *column;
            }
        }
        loc
    }

    /// The byte range of a whole line (1-based) of this file.
    pub fn line_span(&self, line: usize) -> Range<usize> {
        let start = if line <= 1 {
            0
        } else {
            self.text
                .match_indices('\n')
                .nth(line - 2)
                .map_or(self.text.len(), |(i, _)| i + 1)
        };
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        start..end
    }

    /// The location of the file as a whole (its first line, for embedded files).
    pub fn locate_file(&self) -> Location {
        let mut loc = self.locate(0..0, None);
        if matches!(self.embedding, Embedding::Standalone) {
            loc.span = None;
            loc.line = 0;
            loc.column = 0;
        }
        loc
    }
}

/// The spec a model was lowered from: its text and the positions of its keys.
#[derive(Debug, Clone, Default)]
pub struct SpecSource {
    /// The spec text.
    pub text: String,
    /// Positions of every key and value.
    pub spans: SpanIndex,
}

/// Everything an [`Origin`] can point into.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// The input files, indexed by [`Origin::Text`] and [`Origin::File`].
    pub files: Vec<SourceFile>,
    /// The spec, for [`Origin::Spec`].
    pub spec: Option<SpecSource>,
}

impl Sources {
    /// Adds a file and returns its index.
    pub fn add(&mut self, file: SourceFile) -> usize {
        self.files.push(file);
        self.files.len() - 1
    }

    /// The location of `origin`; `key` names the property it is about, for files.
    pub fn locate(&self, origin: &Origin, key: Option<&str>) -> Location {
        match origin {
            Origin::Spec(path) => match &self.spec {
                Some(spec) => spec.spans.locate(&spec.text, path),
                None => Location::spec_path(path.clone()),
            },
            Origin::Text { file, span } => self
                .files
                .get(*file)
                .map(|f| f.locate(span.clone(), key))
                .unwrap_or_default(),
            Origin::File(file) => self
                .files
                .get(*file)
                .map(SourceFile::locate_file)
                .unwrap_or_default(),
            Origin::At(loc) => (**loc).clone(),
            Origin::Nowhere => Location::default(),
        }
    }

    /// The origin of the first occurrence of `needle` in file `file`, or of its first line.
    pub fn find(&self, file: usize, needle: &str) -> Origin {
        let Some(f) = self.files.get(file) else {
            return Origin::Nowhere;
        };
        let span = match f.text.find(needle) {
            Some(i) => i..i + needle.len(),
            None => f.line_span(1),
        };
        Origin::Text { file, span }
    }
}
