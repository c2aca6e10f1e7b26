//! Check mode: the user's own configuration, pasted or dropped, checked by the same
//! `trinocfg::input::check::run` as `trinocfg check`. A text is checked as the CLI checks a
//! file of that name (or standard input, when it has none); a `.tar` archive as the CLI checks
//! the directory it unpacks to (`trinocfg check .` inside it).
//!
//! Nothing of it is saved or put in a link: configuration may hold secrets.

use std::rc::Rc;

use trinocfg::input::check::{self, Checked, MemoryTree, STDIN};
use trinocfg::Diagnostic;

use crate::archive;
use crate::components::editor::Marker;
use crate::state::Shared;

/// How a text without a name is called in messages.
pub const UNNAMED: &str = "the pasted text";

/// Bytes of a dropped file read at most.
pub const MAX_DROP_BYTES: usize = 64 << 20;

/// A `.tar` archive that was dropped.
#[derive(Debug)]
pub struct Archive {
    pub name: String,
    /// Its bytes, read again to import it.
    pub bytes: Vec<u8>,
}

/// What is being checked, and what the check said.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckState {
    /// The editor's text: the user's text, or the archive's file shown.
    pub text: yew::AttrValue,
    /// The name the text is checked under (`config.properties`, `values.yaml`); empty: none.
    pub name: String,
    /// Bytes dropped that are no text (checked as they are; the editor shows nothing).
    pub bytes: Option<Shared<Vec<u8>>>,
    pub archive: Option<Shared<Archive>>,
    /// The archive's file shown in the editor.
    pub shown: Option<String>,
    /// The diagnostics, or the refusal (message, then `  help: ...`).
    pub outcome: Shared<Result<Checked, String>>,
    pub revision: u64,
    /// Why the last "Import as spec" could not import it.
    pub import_refusal: Option<yew::AttrValue>,
}

impl Default for CheckState {
    fn default() -> Self {
        CheckState::text(String::new(), String::new(), 0)
    }
}

/// A file name as a path of its own: the last component, without anything that could climb.
fn plain_name(name: &str) -> String {
    name.trim()
        .rsplit(['/', '\\'])
        .next()
        .filter(|n| !n.is_empty() && *n != "." && *n != "..")
        .unwrap_or_default()
        .to_owned()
}

/// `trinocfg check` of `bytes`, named `name` (none: as standard input).
pub fn check_bytes(name: &str, bytes: Vec<u8>) -> Result<Checked, String> {
    let (tree, path) = tree_of(name, bytes)?;
    check::run(&tree, &path, None)
}

/// `trinocfg check .` of the files of an archive.
pub fn check_archive(bytes: &[u8]) -> Result<Checked, String> {
    check::run(&archive_tree(bytes)?, ".", None)
}

/// The files of an archive, as the tree `check .` reads.
fn archive_tree(bytes: &[u8]) -> Result<MemoryTree, String> {
    let mut tree = MemoryTree::new();
    for (path, data) in archive::untar(bytes)? {
        tree.insert(&path, data)?;
    }
    if tree.is_empty() {
        return Err(
            "the archive holds no file\n  help: drop a .tar of a Trino etc/ directory or of a `trinocfg gen` output".to_owned(),
        );
    }
    Ok(tree)
}

/// The tree and path `check` reads for a text or bytes named `name` (none: standard input).
fn tree_of(name: &str, bytes: Vec<u8>) -> Result<(MemoryTree, String), String> {
    let name = plain_name(name);
    if name.is_empty() {
        return Ok((MemoryTree::unnamed(UNNAMED, bytes), STDIN.to_owned()));
    }
    let mut tree = MemoryTree::new();
    tree.insert(&name, bytes)?;
    Ok((tree, name))
}

/// A spec from what is being checked, as `trinocfg import` writes it; the notes and what
/// still differs lead it as comments.
///
/// # Errors
/// When the input is a spec already, holds no cluster or several, or cannot be read.
pub fn import(state: &CheckState) -> Result<String, String> {
    let (tree, path) = match (&state.archive, &state.bytes) {
        (Some(a), _) => (archive_tree(&a.bytes)?, ".".to_owned()),
        (None, Some(bytes)) => tree_of(&state.name, bytes.to_vec())?,
        (None, None) => tree_of(&state.name, state.text.to_string().into_bytes())?,
    };
    let mut models: Vec<trinocfg::Cluster> = Vec::new();
    let mut judge = |cluster: trinocfg::Cluster, release: Option<u32>| {
        let out = check::check_cluster(cluster.clone(), release);
        models.push(cluster);
        out
    };
    let checked = check::run_with(&tree, &path, None, &mut judge)?;
    if checked.spec.is_some() {
        return Err("this is a trinocfg spec already: open it in Generate mode".to_owned());
    }
    let model = trinocfg::import::pick(&models)?;
    let origin = state
        .archive
        .as_ref()
        .map_or_else(|| state.shown_file(), |a| a.name.clone());
    let imported = trinocfg::import::from_cluster(model, &origin)?;
    let mut text = String::new();
    for n in &imported.notes {
        text.push_str(&format!("# note: {n}\n"));
    }
    for d in &imported.differences {
        text.push_str(&format!("# differs: {d}\n"));
    }
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(&imported.spec);
    Ok(text)
}

impl CheckState {
    /// Whether the input can be imported as a spec: it was read, and is no spec itself.
    pub fn importable(&self) -> bool {
        matches!(&*self.outcome, Ok(c) if c.spec.is_none())
    }

    /// A text typed or pasted (or a dropped file that is text), checked.
    pub fn text(text: String, name: String, revision: u64) -> Self {
        let outcome = check_bytes(&name, text.clone().into_bytes());
        CheckState {
            text: text.into(),
            name,
            bytes: None,
            archive: None,
            shown: None,
            outcome: Shared::new(outcome),
            revision: revision + 1,
            import_refusal: None,
        }
    }

    /// A dropped file: an archive, text, or bytes that are neither (checked all the same, to
    /// say what they are).
    pub fn dropped(name: &str, bytes: Vec<u8>, revision: u64) -> Self {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".tar") || archive::looks_like_tar(&bytes) {
            return match check_archive(&bytes) {
                Ok(checked) => {
                    let shown = first_file(&checked);
                    let text = shown
                        .as_deref()
                        .and_then(|p| checked.sources.get(p))
                        .cloned()
                        .unwrap_or_default();
                    CheckState {
                        text: text.into(),
                        name: name.to_owned(),
                        bytes: None,
                        archive: Some(Shared::new(Archive {
                            name: name.to_owned(),
                            bytes: bytes.clone(),
                        })),
                        shown,
                        outcome: Shared::new(Ok(checked)),
                        revision: revision + 1,
                        import_refusal: None,
                    }
                }
                Err(e) if e.contains("\n  help: ") => CheckState {
                    outcome: Shared::new(Err(format!("{name}: {e}"))),
                    ..CheckState::text(String::new(), String::new(), revision)
                },
                Err(e) => CheckState {
                    outcome: Shared::new(Err(format!(
                        "{name}: {e}\n  help: drop a plain .tar of a Trino etc/ directory or of a `trinocfg gen` output (`tar -cf etc.tar etc`)"
                    ))),
                    ..CheckState::text(String::new(), String::new(), revision)
                },
            };
        }
        if archive::is_gzip(&bytes) {
            return CheckState {
                outcome: Shared::new(Err(format!(
                    "{name} is compressed (gzip)\n  help: the playground reads a plain .tar: unpack it first (`gunzip {name}`), or drop the files one by one"
                ))),
                ..CheckState::text(String::new(), String::new(), revision)
            };
        }
        match trinocfg::text::decode(&bytes) {
            Ok(decoded) if !decoded.text.contains('\0') => {
                let text = decoded.text.into_owned();
                CheckState::text(text, plain_name(name), revision)
            }
            _ => {
                let outcome = check_bytes(name, bytes.clone());
                CheckState {
                    text: yew::AttrValue::default(),
                    name: plain_name(name),
                    bytes: Some(Shared::new(bytes)),
                    archive: None,
                    shown: None,
                    outcome: Shared::new(outcome),
                    revision: revision + 1,
                    import_refusal: None,
                }
            }
        }
    }

    /// Shows another file of the archive.
    #[must_use]
    pub fn show(mut self, path: &str) -> Self {
        if let Ok(checked) = &*self.outcome {
            if let Some(text) = checked.sources.get(path) {
                self.text = text.clone().into();
                self.shown = Some(path.to_owned());
            }
        }
        self
    }

    /// The name diagnostics give the text in the editor.
    pub fn shown_file(&self) -> String {
        match (&self.shown, self.name.as_str()) {
            (Some(path), _) => path.clone(),
            (None, "") => UNNAMED.to_owned(),
            (None, name) => plain_name(name),
        }
    }

    /// Whether a diagnostic points into the text in the editor.
    pub fn in_editor(&self, d: &Diagnostic) -> bool {
        match d.location.file.as_deref() {
            Some(file) => file == self.shown_file(),
            // Spec diagnostics point into the spec, which is the text.
            None => self.archive.is_none(),
        }
    }

    /// The gutter marks of the text in the editor: one per line, an error over warnings.
    /// Titles are the diagnostics' codes and messages (never the text itself).
    pub fn markers(&self) -> Rc<Vec<Marker>> {
        let Ok(checked) = &*self.outcome else {
            return Rc::default();
        };
        let mut markers: Vec<Marker> = Vec::new();
        for d in checked.diagnostics.iter().filter(|d| self.in_editor(d)) {
            let line = d.location.line;
            if line == 0 {
                continue;
            }
            let title = format!("{} {}: {}", d.severity.as_str(), d.code, d.message);
            match markers.iter_mut().find(|m| m.line == line) {
                Some(m) => {
                    m.error |= d.is_error();
                    m.title.push('\n');
                    m.title.push_str(&title);
                }
                None => markers.push(Marker {
                    line,
                    error: d.is_error(),
                    title,
                }),
            }
        }
        Rc::new(markers)
    }
}

/// The file of a checked archive to show first: the first a diagnostic points into, else the
/// first file read.
fn first_file(checked: &Checked) -> Option<String> {
    checked
        .diagnostics
        .iter()
        .find_map(|d| {
            d.location
                .file
                .clone()
                .filter(|f| checked.sources.contains_key(f))
        })
        .or_else(|| {
            let mut paths: Vec<&String> = checked.sources.keys().collect();
            paths.sort();
            paths.first().map(|p| (*p).clone())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = "coordinator=true\ndiscovery.uri=http://localhost:8080\nquery.max-memory-per-node=100GB\nquery.max-memory=1GB\n";

    #[test]
    fn a_pasted_file_is_checked_as_the_cli_checks_it() {
        let named = CheckState::text(CONFIG.into(), "config.properties".into(), 0);
        let checked = named.outcome.as_ref().unwrap();
        assert!(checked.notes[0].starts_with("config.properties: checked as"));
        let unnamed = CheckState::text(CONFIG.into(), String::new(), 0);
        let same = unnamed.outcome.as_ref().unwrap();
        let codes = |c: &Checked| {
            c.diagnostics
                .iter()
                .map(|d| (d.code, d.location.line))
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(checked), codes(same));
        assert!(same.diagnostics.iter().all(|d| unnamed.in_editor(d)));
        let markers = unnamed.markers();
        assert_eq!(
            markers.len(),
            same.diagnostics
                .iter()
                .map(|d| d.location.line)
                .filter(|&l| l > 0)
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        );
    }

    #[test]
    fn pasted_session_property_rules_are_judged_in_the_editor() {
        let rules = "[\n  {\"user\": \"etl\", \"sessionProperties\": {\n    \"task_concurrency\": \"6\",\n    \"query_max_excution_time\": \"1h\"\n  }}\n]\n";
        let state = CheckState::text(rules.into(), String::new(), 0);
        let checked = state.outcome.as_ref().unwrap();
        assert!(
            checked.notes[0].contains("session-property-config.json"),
            "{:?}",
            checked.notes
        );
        let found: Vec<(&str, usize)> = checked
            .diagnostics
            .iter()
            .map(|d| (d.code, d.location.line))
            .collect();
        assert_eq!(
            found,
            [("TR009", 3), ("TR008", 4)],
            "{:#?}",
            checked.diagnostics
        );
        assert!(checked.diagnostics.iter().all(|d| state.in_editor(d)));
    }

    #[test]
    fn unknown_input_is_refused_never_passed() {
        for text in ["", "   \n", "lorem ipsum\ndolor", "\u{0}\u{1}binary"] {
            let state = CheckState::text(text.into(), String::new(), 0);
            let refusal = state.outcome.as_ref().unwrap_err();
            assert!(refusal.contains("help: "), "{refusal}");
        }
        let state = CheckState::dropped("blob.bin", vec![0xff, 0xfe, 0, 0, 0x80, 0x81, 0, 7], 0);
        assert!(state.outcome.is_err() && state.bytes.is_some());
        let gz = CheckState::dropped("etc.tar.gz", vec![0x1f, 0x8b, 8, 0], 0);
        assert!(gz.outcome.as_ref().unwrap_err().contains("gzip"));
        let empty = CheckState::dropped("x.tar", archive::tar([]).unwrap(), 0);
        assert!(empty.outcome.as_ref().unwrap_err().contains("no file"));
        let bad = CheckState::dropped("x.tar", b"not an archive".to_vec(), 0);
        assert!(bad
            .outcome
            .as_ref()
            .unwrap_err()
            .contains("x.tar: not a tar archive"));
    }

    #[test]
    fn a_dropped_archive_is_checked_as_a_directory() {
        let bytes = archive::tar([
            ("etc/config.properties", CONFIG.as_bytes()),
            ("etc/jvm.config", &b"-server\n-Xmx2G\n"[..]),
            ("etc/node.properties", &b"node.environment=test\n"[..]),
        ])
        .unwrap();
        let state = CheckState::dropped("etc.tar", bytes, 0);
        let checked = state.outcome.as_ref().unwrap();
        assert!(checked.sources.contains_key("./etc/config.properties"));
        assert!(state.archive.is_some());
        let shown = state.shown.clone().unwrap();
        assert_eq!(&*state.text, checked.sources[&shown].as_str());
        let other = state.clone().show("./etc/jvm.config");
        assert_eq!(&*other.text, "-server\n-Xmx2G\n");
        assert_eq!(other.shown_file(), "./etc/jvm.config");
    }
}
