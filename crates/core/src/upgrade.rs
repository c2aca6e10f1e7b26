//! Moving a configuration from one Trino release to another: what breaks and what changes
//! meaning, and the edits that migrate the files.
//!
//! For existing configuration (an etc/ tree, a `gen` output, a Kubernetes stream), [`plan`]
//! judges every key the files set by the catalogues of both releases (the `TU` rules of
//! [`crate::rules::upgrade`]) and adds the problems every other rule finds on the target release
//! and not on the current one (a cross-property check the target added, ...). [`apply`] writes
//! the renames and removals into a file's text. For a spec, [`spec_diff`] compares what `gen`
//! writes for the two releases.

use std::ops::Range;

use serde::Serialize;

use crate::diagnostic::{self, Diagnostic};
use crate::model::{Cluster, Target, TargetSource};

/// A change to the text of one shown file: the bytes `span` hold `expect` and become
/// `replacement`, or, for a removal, the whole line (and the lines a trailing `\` continues
/// it onto) becomes a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The shown file (a path, or the YAML file a `ConfigMap` is in).
    pub file: String,
    /// Byte range of the key in the shown file's text.
    pub span: Range<usize>,
    /// The text the range must hold for the edit to apply.
    pub expect: String,
    /// What the edit writes.
    pub action: EditAction,
}

/// What an [`Edit`] does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditAction {
    /// Writes the key under this name.
    Rename(String),
    /// Replaces the entry with this comment (without the `#`).
    Remove(String),
}

/// Rules whose finding on the target release a `TU` finding at the same place explains.
const EXPLAINED: &[&str] = &[
    "TP001", "TP002", "TP003", "TP004", "TP010", "TP012", "TC003",
];

/// What moving a cluster to another release means for it.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Upgrade {
    /// The release the configuration is for now, and how it was told.
    pub from: Target,
    /// The release it moves to.
    pub to: Target,
    /// What breaks or changes (the `TU` rules), and every other problem the target release
    /// has with the configuration that the current one does not; sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Problems the current release has that the target does not.
    pub resolved: usize,
    /// The edits that migrate the files, sorted by file and position.
    #[serde(skip)]
    pub edits: Vec<Edit>,
}

impl Upgrade {
    /// Whether the target release would refuse the configuration (at startup, or a catalog at
    /// load).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Plans the move of `cluster` from the release it targets (its [`Cluster::target`]: given,
/// from an image tag, or the newest) to release `to`.
pub fn plan(cluster: &Cluster, to: u32) -> Upgrade {
    let from = cluster.target.clone();
    let mut target = cluster.clone();
    target.target = Target {
        release: to,
        source: TargetSource::Given,
    };
    let before = crate::check(cluster);
    let after = crate::check(&target);
    let (mut findings, edits) = crate::rules::upgrade_findings(&target, from.release);
    let same_place = |a: &Diagnostic, b: &Diagnostic| {
        a.location.file == b.location.file
            && a.location.line == b.location.line
            && a.location.column == b.location.column
    };
    let resolved = before
        .iter()
        .filter(|b| !after.iter().any(|a| a.code == b.code && same_place(a, b)))
        .count();
    let new: Vec<Diagnostic> = after
        .into_iter()
        .filter(|a| !before.iter().any(|b| b.code == a.code && same_place(a, b)))
        .filter(|a| {
            !(EXPLAINED.contains(&a.code)
                && findings.iter().any(|f| {
                    f.location.file == a.location.file && f.location.line == a.location.line
                }))
        })
        .collect();
    findings.extend(new);
    // A snippet of a finding shows its line: the literal credentials the rules found in the
    // same file stay masked there (see `diagnostic::mask_source`).
    for finding in &mut findings {
        let file = &finding.location.file;
        let mut redact: Vec<Range<usize>> = before
            .iter()
            .filter(|d| &d.location.file == file)
            .flat_map(|d| d.redact.iter().cloned())
            .collect();
        redact.sort_by_key(|r| (r.start, r.end));
        redact.dedup();
        finding.redact.extend(redact);
    }
    Upgrade {
        from,
        to: target.target,
        diagnostics: diagnostic::finish(findings),
        resolved,
        edits,
    }
}

/// An edit [`apply`] could not make: the text no longer holds what it expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The edit.
    pub edit: Edit,
    /// Why.
    pub why: String,
}

/// Applies the edits of `file` (those whose [`Edit::file`] is `file`) to its text. Edits whose
/// span does not hold the key they expect are skipped and returned, never half made.
pub fn apply(file: &str, text: &str, edits: &[Edit]) -> (String, Vec<Skipped>) {
    let mut mine: Vec<&Edit> = edits.iter().filter(|e| e.file == file).collect();
    mine.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut out = text.to_owned();
    let mut skipped = Vec::new();
    let mut floor = usize::MAX;
    for edit in mine {
        let span = edit.span.clone();
        if span.end > floor || text.get(span.clone()) != Some(edit.expect.as_str()) {
            skipped.push(Skipped {
                edit: edit.clone(),
                why: format!(
                    "the text at bytes {}..{} is not `{}`",
                    span.start, span.end, edit.expect
                ),
            });
            continue;
        }
        let replaced = match &edit.action {
            EditAction::Rename(name) => {
                out.replace_range(span.clone(), &escape_key(name));
                span
            }
            EditAction::Remove(comment) => {
                let lines = entry_lines(text, span.start);
                let indent = &text[lines.start..span.start];
                if !indent.chars().all(char::is_whitespace) {
                    skipped.push(Skipped {
                        edit: edit.clone(),
                        why: "the key does not start its line".to_owned(),
                    });
                    continue;
                }
                out.replace_range(lines.clone(), &format!("{indent}# {comment}"));
                lines
            }
        };
        floor = replaced.start;
    }
    (out, skipped)
}

/// Writes a key as a properties file must: `=`, `:`, `#`, `!` and whitespace escaped.
fn escape_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        if matches!(c, '=' | ':' | '#' | '!' | ' ' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The byte range of the logical line that starts at or before `at`: from the start of its
/// first line to the end of its last (a line ending in an odd number of `\` continues).
fn entry_lines(text: &str, at: usize) -> Range<usize> {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let mut end = at;
    loop {
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        let line = text[end..line_end].trim_end_matches('\r');
        let slashes = line.len() - line.trim_end_matches('\\').len();
        if slashes % 2 == 1 && line_end < text.len() {
            end = line_end + 1;
        } else {
            // A CRLF line keeps its `\r`.
            let end = if text[..line_end].ends_with('\r') {
                line_end - 1
            } else {
                line_end
            };
            return start..end.max(at);
        }
    }
}

/// Sets the release of every `trinodb/trino` image of a Kubernetes text to `to`, keeping any
/// suffix of the tag (`447-amd64` becomes `482-amd64`). Returns the new text and the number
/// of images changed.
pub fn retag_images(text: &str, to: u32) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut changed = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start().trim_start_matches("- ");
        let Some(rest) = trimmed.strip_prefix("image:") else {
            out.push_str(line);
            continue;
        };
        let value = rest.trim().trim_matches(|c| c == '"' || c == '\'');
        if crate::model::target::release_of_image(value).is_none() {
            out.push_str(line);
            continue;
        }
        let Some((repo, tag)) = value.rsplit_once(':') else {
            out.push_str(line);
            continue;
        };
        let suffix = tag.trim_start_matches(|c: char| c.is_ascii_digit());
        let new = format!("{repo}:{to}{suffix}");
        out.push_str(&line.replacen(value, &new, 1));
        changed += 1;
    }
    (out, changed)
}

/// One file of a spec's output that differs between two releases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileDiff {
    /// The path `gen --out` writes it to.
    pub path: String,
    /// A unified diff of the file, `---` for the current release, `+++` for the target.
    pub diff: String,
}

/// What `gen` writes differently for a spec when its release changes from `from` to `to`:
/// the files that differ, or, when the spec does not generate for one of the releases, the
/// outcome that says why.
pub fn spec_diff(
    source: &str,
    from: u32,
    to: u32,
) -> (crate::Outcome, crate::Outcome, Vec<FileDiff>) {
    let before = crate::generate_for(source, Some(from));
    let after = crate::generate_for(source, Some(to));
    let (Some(old), Some(new)) = (&before.output, &after.output) else {
        return (before, after, Vec::new());
    };
    let old_tree = old.tree();
    let new_tree = new.tree();
    let mut paths: Vec<&str> = old_tree
        .iter()
        .chain(&new_tree)
        .map(|(p, _)| p.as_str())
        .collect();
    paths.sort_unstable();
    paths.dedup();
    let text_of = |tree: &[(String, String)], path: &str| {
        tree.iter().find(|(p, _)| p == path).map(|(_, t)| t.clone())
    };
    let mut diffs = Vec::new();
    for path in paths {
        let a = text_of(&old_tree, path);
        let b = text_of(&new_tree, path);
        if a == b {
            continue;
        }
        let (a_name, b_name) = (
            a.as_ref()
                .map_or("/dev/null".to_owned(), |_| format!("{path} (Trino {from})")),
            b.as_ref()
                .map_or("/dev/null".to_owned(), |_| format!("{path} (Trino {to})")),
        );
        let diff = similar::TextDiff::from_lines(
            a.as_deref().unwrap_or_default(),
            b.as_deref().unwrap_or_default(),
        )
        .unified_diff()
        .context_radius(2)
        .header(&a_name, &b_name)
        .to_string();
        diffs.push(FileDiff {
            path: path.to_owned(),
            diff,
        });
    }
    (before, after, diffs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(text: &str, key: &str, action: EditAction) -> Edit {
        let start = text.find(key).unwrap();
        Edit {
            file: "f".into(),
            span: start..start + key.len(),
            expect: key.into(),
            action,
        }
    }

    #[test]
    fn renames_and_removals_keep_everything_else() {
        let text = "a=1\n  old.key = 2\nsecret.key=x\\\n  continued\nz=3\n";
        let edits = [
            edit(text, "old.key", EditAction::Rename("new.key".into())),
            edit(text, "secret.key", EditAction::Remove("gone".into())),
        ];
        let (out, skipped) = apply("f", text, &edits);
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(out, "a=1\n  new.key = 2\n# gone\nz=3\n");
        // Edits of other files are not applied here.
        assert_eq!(apply("g", text, &edits).0, text);
    }

    #[test]
    fn an_edit_whose_text_moved_is_skipped_not_half_made() {
        let text = "a=1\nold.key=2\n";
        let mut e = edit(text, "old.key", EditAction::Rename("new.key".into()));
        e.span = 0..7;
        let (out, skipped) = apply("f", text, &[e]);
        assert_eq!(out, text);
        assert_eq!(skipped.len(), 1);
        // A key that does not start its line (after a value on the same line) is not removed.
        let text = "x y=1\n";
        let mut e = edit(text, "y", EditAction::Remove("gone".into()));
        e.expect = "y".into();
        let (out, skipped) = apply("f", text, &[e]);
        assert_eq!((out.as_str(), skipped.len()), (text, 1));
    }

    #[test]
    fn a_removed_crlf_line_keeps_its_line_end() {
        let text = "a=1\r\nold.key=2\r\nz=3\r\n";
        let e = edit(text, "old.key", EditAction::Remove("gone".into()));
        assert_eq!(apply("f", text, &[e]).0, "a=1\r\n# gone\r\nz=3\r\n");
    }

    #[test]
    fn renamed_keys_are_escaped_as_properties_keys() {
        assert_eq!(escape_key("a.b"), "a.b");
        assert_eq!(escape_key("a b=c:d"), "a\\ b\\=c\\:d");
    }

    #[test]
    fn only_trino_images_are_retagged() {
        let text = "image: trinodb/trino:447\n  - image: \"trinodb/trino:468-arm64\"\nimage: busybox:1.36\n    image: ghcr.io/trinodb/trino:451\n";
        let (out, n) = retag_images(text, 482);
        assert_eq!(n, 3);
        assert_eq!(
            out,
            "image: trinodb/trino:482\n  - image: \"trinodb/trino:482-arm64\"\nimage: busybox:1.36\n    image: ghcr.io/trinodb/trino:482\n"
        );
    }

    #[test]
    fn a_release_change_of_a_spec_is_a_diff_of_its_output() {
        let spec = crate::examples::find("minimal").unwrap().source;
        let (before, after, diffs) = spec_diff(spec, 468, 482);
        assert!(!before.has_errors() && !after.has_errors());
        let paths: Vec<&str> = diffs.iter().map(|d| d.path.as_str()).collect();
        assert!(paths.contains(&"kubernetes.yaml"), "{paths:?}");
        assert!(diffs.iter().all(|d| d.diff.starts_with("--- ")));
        assert!(spec_diff(spec, 482, 482).2.is_empty());
    }
}
