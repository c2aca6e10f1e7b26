//! What `trinocfg check` reads, told apart and checked: a spec, a Trino etc/ directory, a `gen`
//! output directory (of one cluster or of a fleet), a catalog directory, one file of an etc/
//! directory, a Trino Gateway configuration or a Kubernetes YAML stream. Input `check` would
//! pass without having checked anything (empty, binary, Helm chart values, a properties file
//! of no kind Trino has, Kubernetes objects without Trino configuration, ...) is refused with
//! what to do instead.
//!
//! Files are read through a [`Tree`]: the CLI's is the file system (and standard input, the
//! path `-`), the browser's an archive or a pasted text held in memory ([`MemoryTree`]). Only
//! the bytes come from the tree; everything else is decided here, so that both give the same
//! diagnostics for the same files.

mod chart_values;
mod directory;
mod memory;
mod refusal;

use std::collections::HashMap;

use crate::input::{kubernetes, single};
use crate::model::Target;
use crate::text::{self, InputKind};
use crate::Diagnostic;

pub use chart_values::{chart_values, run_chart_values};
pub use directory::walk;
pub use memory::MemoryTree;
pub use refusal::{
    check_refusal, decode_refusal, no_trino_refusal, origin, refusal, unknown_file_refusal,
};

/// The path that names standard input (or, in the browser, a text given without a name).
pub const STDIN: &str = "-";

/// Files read from one directory tree at most. Bytes per file are bounded by
/// [`text::MAX_INPUT_BYTES`].
pub const MAX_FILES: usize = 10_000;

/// What a directory entry is, as the tree lists it (links are not followed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A regular file.
    File,
    /// A directory.
    Dir,
    /// Anything else (a link, a device, ...): never read.
    Other,
}

/// One entry of a directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its name within the directory.
    pub name: String,
    /// What it is.
    pub kind: EntryKind,
}

/// Where `check` reads files from. Paths are `/`-separated strings, as the user gave them and
/// as they are shown in messages; [`STDIN`] is standard input (or a text without a name).
pub trait Tree {
    /// Whether `path` is a directory (links followed).
    fn is_dir(&self, path: &str) -> bool;
    /// Whether `path` is a regular file (links followed).
    fn is_file(&self, path: &str) -> bool;
    /// The entries of the directory `path`, in any order; `Err` is the message to show.
    ///
    /// # Errors
    /// When the directory cannot be read.
    fn list(&self, path: &str) -> Result<Vec<Entry>, String>;
    /// The bytes of the file `path` (or of standard input for [`STDIN`]), refused with a
    /// message when they cannot be read or are over [`text::MAX_INPUT_BYTES`].
    ///
    /// # Errors
    /// When the file cannot be read, or is too large.
    fn read(&self, path: &str) -> Result<Vec<u8>, String>;
    /// How [`STDIN`] is named in messages: `<stdin>` unless the tree says otherwise.
    #[allow(clippy::unnecessary_literal_bound)] // a tree may name it by text it holds
    fn stdin_name(&self) -> &str {
        "<stdin>"
    }
}

/// What was checked: the diagnostics and the text of every file they may point into.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// The diagnostics, in the order they are reported.
    pub diagnostics: Vec<Diagnostic>,
    /// The text of every file read, by the name diagnostics give it.
    pub sources: HashMap<String, String>,
    /// The spec itself, when the input was one (diagnostics without a file point into it):
    /// its name and text.
    pub spec: Option<(String, String)>,
    /// What the input was taken as, when that is not plain (one file, a catalog directory):
    /// printed before the diagnostics.
    pub notes: Vec<String>,
    /// The Trino release the input was judged as, and why.
    pub target: Option<Target>,
}

/// One report of every input checked, as `check --format json` prints it: each spec
/// diagnostic names its spec file (the name the input was given, `<stdin>` for standard
/// input); the release judged when every input agrees on one.
pub fn report(checked: &[Checked]) -> crate::Report {
    let mut diagnostics = Vec::new();
    for c in checked {
        let spec = c.spec.as_ref().map(|(n, _)| n.as_str());
        diagnostics.extend(crate::Report::new(c.diagnostics.clone(), spec).diagnostics);
    }
    let mut report = crate::Report::new(diagnostics, None);
    let mut targets = checked.iter().map(|c| c.target.as_ref());
    if let Some(first) = targets.next() {
        if targets.all(|t| t == first) {
            report.target = first.cloned();
        }
    }
    report
}

/// What is done with a model read from the input: `check` runs the rules ([`check_cluster`]);
/// `upgrade` plans a move to another release. Returns the diagnostics and the release judged.
pub type Judge<'a> = &'a mut dyn FnMut(crate::Cluster, Option<u32>) -> (Vec<Diagnostic>, Target);

/// Checks a model read from files: as Trino `release` when one is given, else as the release
/// the input names (an image tag) or the newest known one.
pub fn check_cluster(
    mut cluster: crate::Cluster,
    release: Option<u32>,
) -> (Vec<Diagnostic>, Target) {
    if let Some(release) = release {
        cluster.target = Target::given(release);
    }
    (crate::check(&cluster), cluster.target)
}

/// Checks `path` of `tree`: a directory, a file or standard input ([`STDIN`]). A file is read
/// by its name (`*.toml` a spec, `*.properties` and `jvm.config` a file of an etc/ directory)
/// and its content; input of no kind `check` reads is refused.
///
/// # Errors
/// The refusal, with its help on a line of its own (`  help: ...`).
pub fn run(tree: &dyn Tree, path: &str, release: Option<u32>) -> Result<Checked, String> {
    run_with(tree, path, release, &mut check_cluster)
}

/// Reads `path` as [`run`] does and hands every model read from it to `judge` (a spec is
/// checked as [`run`] checks it).
///
/// # Errors
/// The refusal, with its help on a line of its own.
pub fn run_with(
    tree: &dyn Tree,
    path: &str,
    release: Option<u32>,
    judge: Judge<'_>,
) -> Result<Checked, String> {
    let input = Input::new(tree, path);
    if !input.is_stdin() && tree.is_dir(path) {
        return directory::directory(tree, path, release, judge);
    }
    let bytes = tree.read(path)?;
    let name = (!input.is_stdin()).then(|| file_name(path)).flatten();
    let ext = if input.is_stdin() {
        ""
    } else {
        name.and_then(extension).unwrap_or_default()
    };
    // Files Trino reads byte by byte, told by their name.
    if ext == "properties" || name == Some("jvm.config") {
        let text = input.decode_trino_file(&bytes)?;
        return one_file(&input, name, text, release, judge);
    }
    let text = match text::decode(&bytes) {
        Ok(decoded) => decoded.text.into_owned(),
        // Not Unicode, but a properties file as Trino reads it (ISO-8859-1).
        Err(e) => {
            return match text::decode_trino_file(&bytes) {
                Ok(text)
                    if matches!(
                        text::sniff(&text),
                        InputKind::Properties { .. } | InputKind::JvmConfig { .. }
                    ) =>
                {
                    one_file(&input, name, text.into_owned(), release, judge)
                }
                _ => Err(decode_refusal(&e, &input.origin)),
            };
        }
    };
    let kind = text::sniff(&text);
    if matches!(kind, InputKind::Yaml { .. } | InputKind::Json { .. }) {
        match text::shape(&text) {
            text::Shape::TrinoGateway(_) => return directory::gateway_file(&input, text),
            text::Shape::TrinoHelmValues(_) => {
                return Ok(chart_values::chart_values(
                    &input.origin,
                    text,
                    release,
                    judge,
                ));
            }
            _ => {}
        }
    }
    match (ext, kind) {
        (_, InputKind::Empty) => Err(input.check_refusal(kind, &text)),
        ("toml", _) | (_, InputKind::Spec) => Ok(spec(&input, text, release)),
        (_, InputKind::Kubernetes { .. }) => yaml(&input, text, release, judge),
        (_, InputKind::Properties { .. } | InputKind::JvmConfig { .. }) => {
            let text = input.decode_trino_file(&bytes)?;
            one_file(&input, name, text, release, judge)
        }
        (_, InputKind::Json { .. }) if single::classify(name, &text).is_some() => {
            one_file(&input, name, text, release, judge)
        }
        _ => Err(input.check_refusal(kind, &text)),
    }
}

/// One input: where it is, and how it is named in messages.
pub(crate) struct Input<'a> {
    tree: &'a dyn Tree,
    path: &'a str,
    origin: String,
}

impl<'a> Input<'a> {
    fn new(tree: &'a dyn Tree, path: &'a str) -> Self {
        Input {
            tree,
            path,
            origin: origin(tree, path),
        }
    }

    fn is_stdin(&self) -> bool {
        self.path == STDIN
    }

    fn decode_trino_file(&self, bytes: &[u8]) -> Result<String, String> {
        text::decode_trino_file(bytes)
            .map(std::borrow::Cow::into_owned)
            .map_err(|e| decode_refusal(&e, &self.origin))
    }

    fn check_refusal(&self, kind: InputKind, text: &str) -> String {
        check_refusal(kind, &self.origin, self.hint_path(), text)
    }

    /// The path to put in a command line of a help: `values.yaml` for standard input.
    fn hint_path(&self) -> &str {
        if self.is_stdin() {
            "values.yaml"
        } else {
            self.path
        }
    }
}

/// A spec, with the spec files a fleet names read beside it.
fn spec(input: &Input<'_>, text: String, release: Option<u32>) -> Checked {
    let base = if input.is_stdin() {
        ""
    } else {
        parent(input.path)
    };
    let read = std::cell::RefCell::new(Vec::new());
    let outcome = crate::check_spec_with(&text, release, &|p| {
        let text = read_text(input.tree, &join(base, p))?;
        read.borrow_mut().push((p.to_owned(), text.clone()));
        Ok(text)
    });
    Checked {
        diagnostics: outcome.diagnostics,
        sources: read.into_inner().into_iter().collect(),
        spec: Some((input.origin.clone(), text)),
        notes: Vec::new(),
        target: outcome.target,
    }
}

fn yaml(
    input: &Input<'_>,
    text: String,
    release: Option<u32>,
    judge: Judge<'_>,
) -> Result<Checked, String> {
    let stream = kubernetes::read_stream(&text, &input.origin);
    if stream.parsed && !stream.has_trino_configuration() {
        return Err(no_trino_refusal(&input.origin, stream.objects));
    }
    let parts = stream.clusters();
    let mut notes = Vec::new();
    if parts.len() > 1 {
        let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
        notes.push(format!(
            "{}: {} Trino clusters, each checked on its own (workers go with the coordinator their discovery.uri names): {}",
            input.origin,
            parts.len(),
            names.join(", ")
        ));
    }
    let mut diagnostics = Vec::new();
    let mut first: Option<Target> = None;
    for part in parts {
        let (found, target) = judge(part.cluster, release);
        diagnostics.extend(found);
        if let Some(first) = &first {
            if first.release != target.release {
                notes.push(format!(
                    "{}: the cluster of {} is judged as {target}",
                    input.origin, part.name
                ));
            }
        } else {
            first = Some(target);
        }
    }
    let mut sources = HashMap::new();
    sources.insert(input.origin.clone(), text);
    Ok(Checked {
        diagnostics: crate::diagnostic::finish(diagnostics),
        sources,
        spec: None,
        notes,
        target: first,
    })
}

/// One file of an etc/ directory, given alone: checked as that file of a node that holds
/// nothing else.
fn one_file(
    input: &Input<'_>,
    name: Option<&str>,
    text: String,
    release: Option<u32>,
    judge: Judge<'_>,
) -> Result<Checked, String> {
    if text::sniff(&text) == InputKind::Empty {
        return Err(input.check_refusal(InputKind::Empty, &text));
    }
    let Some(taken) = single::classify(name, &text) else {
        return Err(unknown_file_refusal(&input.origin));
    };
    let display = &input.origin;
    let cluster = single::cluster(&taken, display, &text);
    let note = format!(
        "{display}: checked as {}, on its own: rules that need the other files of its directory are left out",
        taken.describe(&text)
    );
    let mut sources = HashMap::new();
    sources.insert(display.clone(), text);
    let (diagnostics, target) = judge(cluster, release);
    Ok(Checked {
        diagnostics,
        sources,
        spec: None,
        notes: vec![note],
        target: Some(target),
    })
}

/// A spec, a Kubernetes YAML stream or a JSON file of `tree`, as text: UTF-8 with or without
/// a byte-order mark, UTF-16 or UTF-32.
///
/// # Errors
/// When it cannot be read, or is no text.
pub fn read_text(tree: &dyn Tree, path: &str) -> Result<String, String> {
    let bytes = tree.read(path)?;
    text::decode(&bytes)
        .map(|d| d.text.into_owned())
        .map_err(|e| decode_refusal(&e, &origin(tree, path)))
}

/// A `.properties` file or `jvm.config` of `tree`, as Trino reads it.
///
/// # Errors
/// When it cannot be read, or Trino would not read it.
pub fn read_trino_file(tree: &dyn Tree, path: &str) -> Result<String, String> {
    let bytes = tree.read(path)?;
    text::decode_trino_file(&bytes)
        .map(std::borrow::Cow::into_owned)
        .map_err(|e| decode_refusal(&e, &origin(tree, path)))
}

/// `base` and `name` joined as a path: `name` alone when `base` is empty.
pub fn join(base: &str, name: &str) -> String {
    if base.is_empty() {
        name.to_owned()
    } else if base.ends_with('/') {
        format!("{base}{name}")
    } else {
        format!("{base}/{name}")
    }
}

/// The directory `path` is in: empty for a bare name, `/` for a name at the root.
pub fn parent(path: &str) -> &str {
    let trimmed = path.trim_end_matches('/');
    match trimmed.rsplit_once('/') {
        Some(("", _)) => "/",
        Some((dir, _)) => dir.trim_end_matches('/'),
        None => "",
    }
}

/// The last component of `path`, if it has one.
pub fn file_name(path: &str) -> Option<&str> {
    let name = path.trim_end_matches('/').rsplit('/').next()?;
    (!name.is_empty() && name != "." && name != "..").then_some(name)
}

/// The extension of a file name (after its last `.`, not counting a leading one).
fn extension(name: &str) -> Option<&str> {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => Some(ext),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
