//! Checking existing configuration: Trino `etc/` trees, the trees `gen` writes, Kubernetes YAML
//! streams (such as `helm template` output) and specs, with the same rules and diagnostics.
//!
//! The caller (the CLI, the browser) reads files; this module only sees text.

mod catalogs;
mod cluster;
mod files;
pub mod kubernetes;
mod placeholders;
pub mod spec;

use std::ops::Range;

use crate::diagnostic::{self, Diagnostic, Location};
use crate::memory::Role;

/// Where a file's text sits inside the file shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The file itself.
    Standalone,
    /// A YAML block scalar: `starts[i]` is the byte offset in the YAML text where line `i + 1`
    /// of the embedded file begins (after the indentation), `line` the YAML line of its first
    /// line, `indent` the indentation.
    Block {
        line: usize,
        indent: usize,
        starts: Vec<usize>,
    },
    /// A YAML scalar that cannot be mapped line by line (quoted): diagnostics point at its key.
    Key { line: usize, column: usize },
}

/// One configuration file.
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
    pub text: String,
    pub origin: Origin,
}

impl SourceFile {
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
            origin: Origin::Standalone,
        }
    }

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
        match &self.origin {
            Origin::Standalone => {
                loc.line = line;
                loc.column = column;
                loc.span = Some(span);
            }
            Origin::Block {
                line: first,
                indent,
                starts,
            } => {
                loc.line = first + line - 1;
                loc.column = indent + column;
                if let Some(&base) = starts.get(line - 1) {
                    let line_start = self.text[..span.start.min(self.text.len())]
                        .rfind('\n')
                        .map_or(0, |i| i + 1);
                    let start = base + (span.start - line_start);
                    // Keep the span on one line of the YAML text.
                    let line_end = self.text[span.start.min(self.text.len())..]
                        .find('\n')
                        .map_or(self.text.len(), |i| span.start + i);
                    let end = base + (span.end.min(line_end).max(span.start) - line_start);
                    loc.span = Some(start..end);
                }
            }
            Origin::Key { line, column } => {
                loc.line = *line;
                loc.column = *column;
            }
        }
        loc
    }

    /// The location of a whole line (1-based) of this file.
    pub fn locate_line(&self, line: usize, key: Option<&str>) -> Location {
        let start = line_start(&self.text, line);
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        self.locate(start..end, key)
    }

    /// The location of the file as a whole (its first line).
    pub fn locate_file(&self) -> Location {
        let mut loc = self.locate(0..0, None);
        loc.span = match &self.origin {
            Origin::Standalone => None,
            _ => loc.span,
        };
        if matches!(self.origin, Origin::Standalone) {
            loc.line = 0;
            loc.column = 0;
        }
        loc
    }
}

fn line_start(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n')
        .nth(line - 2)
        .map_or(text.len(), |(i, _)| i + 1)
}

/// The configuration of one Trino node (or of all nodes of one role).
#[derive(Debug, Clone, Default)]
pub struct NodeConfig {
    /// What to call it in messages: `coordinator`, `worker`, or a directory.
    pub label: String,
    /// Its role when known from outside (the directory layout of `gen`, a Deployment);
    /// otherwise read from `coordinator=` in `config.properties`.
    pub role: Option<Role>,
    pub files: Vec<SourceFile>,
    /// Container memory limit, when known (from a Deployment).
    pub container_memory: Option<u64>,
    /// Number of pods of this node, when known.
    pub replicas: Option<u32>,
    /// Environment variables the container defines, when known.
    pub env: Option<Vec<String>>,
    /// Directory the configuration root is mounted at (`/etc/trino`), for matching absolute
    /// paths such as `kafka.table-description-dir`.
    pub config_root: String,
}

impl NodeConfig {
    pub fn file(&self, rel: &str) -> Option<&SourceFile> {
        self.files.iter().find(|f| f.rel == rel)
    }
}

/// Everything `check` looks at.
#[derive(Debug, Clone, Default)]
pub struct ClusterInput {
    pub nodes: Vec<NodeConfig>,
    /// The cluster sits behind an ingress, load balancer or gateway.
    pub behind_proxy: bool,
    /// Diagnostics found while reading the input (unreadable YAML, ...).
    pub diagnostics: Vec<Diagnostic>,
}

/// Runs every rule over the input. Diagnostics are sorted and de-duplicated (a catalog file
/// shared by both roles is reported once).
pub fn check(input: &ClusterInput) -> Vec<Diagnostic> {
    let mut out = input.diagnostics.clone();
    let analyzed: Vec<files::Analyzed> = input
        .nodes
        .iter()
        .map(|n| files::analyze(n, &mut out))
        .collect();
    cluster::check(input, &analyzed, &mut out);
    catalogs::check(input, &analyzed, &mut out);
    finish(out)
}

/// Sorts and removes exact duplicates.
pub fn finish(mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostic::sort(&mut out);
    out.dedup_by(|a, b| a.code == b.code && a.message == b.message && a.location == b.location);
    out
}
