//! Reading inputs: files and standard input alike are read through a reader bounded by
//! [`text::MAX_INPUT_BYTES`] (at most one byte more is ever held), then decoded by
//! `trinocfg::text`. A refusal is a message with its fix; the caller exits 2.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use trinocfg::input::check::{Entry, EntryKind};
use trinocfg::text::{self, DecodeError, InputKind};

/// `-` names standard input.
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

/// How an input is named in messages: its path, or `<stdin>`.
pub fn origin(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

use trinocfg::input::check::{decode_refusal, refusal};

/// At most `limit` + 1 bytes of `reader`: enough to tell that an input is over the limit
/// without holding it.
fn read_bounded(reader: impl Read, limit: usize) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The bytes of a file or of standard input (`-`), refused when over the limit.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    let origin = origin(path);
    let read = if is_stdin(path) {
        read_bounded(io::stdin().lock(), text::MAX_INPUT_BYTES)
    } else {
        fs::File::open(path).and_then(|f| read_bounded(f, text::MAX_INPUT_BYTES))
    };
    let bytes = read.map_err(|e| format!("cannot read {origin}: {e}"))?;
    if bytes.len() > text::MAX_INPUT_BYTES {
        return Err(decode_refusal(
            &DecodeError::TooLarge { bytes: bytes.len() },
            &origin,
        ));
    }
    Ok(bytes)
}

/// Bytes of a spec, a Kubernetes YAML stream or a JSON file, as text: UTF-8 with or without
/// a byte-order mark, UTF-16 or UTF-32.
pub fn decode_text(bytes: &[u8], path: &Path) -> Result<String, String> {
    text::decode(bytes)
        .map(|d| d.text.into_owned())
        .map_err(|e| decode_refusal(&e, &origin(path)))
}

/// A spec, a Kubernetes YAML stream or a JSON file, as text: UTF-8 with or without a
/// byte-order mark, UTF-16 or UTF-32.
pub fn read_text(path: &Path) -> Result<String, String> {
    decode_text(&read_bytes(path)?, path)
}

/// The file system (and standard input, `-`) as `check` reads it.
pub struct Disk;

impl trinocfg::input::check::Tree for Disk {
    fn is_dir(&self, path: &str) -> bool {
        Path::new(path).is_dir()
    }

    fn is_file(&self, path: &str) -> bool {
        Path::new(path).is_file()
    }

    fn list(&self, path: &str) -> Result<Vec<Entry>, String> {
        let entries = fs::read_dir(path).map_err(|e| format!("cannot read {path}: {e}"))?;
        let mut out = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot read {path}: {e}"))?;
            let kind = entry
                .file_type()
                .map_err(|e| format!("cannot read {}: {e}", entry.path().display()))?;
            out.push(Entry {
                name: entry.file_name().to_string_lossy().into_owned(),
                kind: if kind.is_dir() {
                    EntryKind::Dir
                } else if kind.is_file() {
                    EntryKind::File
                } else {
                    EntryKind::Other
                },
            });
        }
        Ok(out)
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        read_bytes(Path::new(path))
    }
}

/// `gen` and `explain` take a spec: input that is clearly something else is refused, saying
/// what it looks like and which command reads it. `None` for a spec, or text of no known kind
/// (the spec reader then says what is wrong with it).
pub fn spec_refusal(kind: InputKind, path: &Path, command: &str) -> Option<String> {
    let origin = origin(path);
    let shown = if is_stdin(path) {
        "-".to_owned()
    } else {
        path.display().to_string()
    };
    let help = match kind {
        InputKind::Kubernetes { .. } => format!(
            "`trinocfg check {shown}` reads Kubernetes YAML; `{command}` takes a TOML cluster spec (`trinocfg init` writes a starter one, `trinocfg import {shown}` one from this YAML)"
        ),
        InputKind::Yaml { .. } | InputKind::Json { .. } => format!(
            "`{command}` takes a TOML cluster spec (`trinocfg init` writes a starter one); `trinocfg import {shown}` writes one from Helm chart values or Kubernetes YAML"
        ),
        InputKind::Properties { .. } | InputKind::JvmConfig { .. } => format!(
            "`{command}` takes a TOML cluster spec (`trinocfg init` writes a starter one); `trinocfg check DIR` reads a Trino etc/ directory"
        ),
        InputKind::Empty | InputKind::Spec | InputKind::Unknown { .. } => return None,
    };
    Some(refusal(
        &format!(
            "{origin} looks like {}, not a trinocfg spec",
            kind.describe()
        ),
        &help,
    ))
}

/// Reads the spec files a fleet names, relative to the fleet's own file (the current
/// directory for standard input and examples), remembering each text for the report.
pub struct MemberFiles {
    base: std::path::PathBuf,
    /// Every file read: its name as the fleet gives it, and its text.
    pub read: std::cell::RefCell<Vec<(String, String)>>,
}

impl MemberFiles {
    /// Files beside `fleet` (a path, or `-`).
    pub fn beside(fleet: Option<&Path>) -> Self {
        let base = fleet
            .filter(|p| !is_stdin(p))
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        MemberFiles {
            base,
            read: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// The text of `path`, or why it cannot be read.
    pub fn read(&self, path: &str) -> Result<String, String> {
        let text = read_text(&self.base.join(path))?;
        self.read.borrow_mut().push((path.to_owned(), text.clone()));
        Ok(text)
    }

    /// The text of a file read, by its name as the fleet gives it.
    pub fn text(&self, path: &str) -> Option<String> {
        self.read
            .borrow()
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, t)| t.clone())
    }
}
