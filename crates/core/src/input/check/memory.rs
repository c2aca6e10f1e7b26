//! Files held in memory (an archive read in the browser, a pasted text), as a [`Tree`].

use std::collections::BTreeMap;

use super::{Entry, EntryKind, Tree, STDIN};
use crate::text::{DecodeError, MAX_INPUT_BYTES};

/// Files held in memory, by `/`-separated relative path; `.` is the directory that holds
/// them all. [`STDIN`] is a file like any other: a text given without a name.
#[derive(Debug, Clone, Default)]
pub struct MemoryTree {
    files: BTreeMap<String, Vec<u8>>,
    stdin_name: Option<String>,
}

impl MemoryTree {
    /// No files.
    pub fn new() -> Self {
        MemoryTree::default()
    }

    /// One text without a name (checked as [`STDIN`]), named `name` in messages.
    pub fn unnamed(name: &str, bytes: Vec<u8>) -> Self {
        let mut tree = MemoryTree {
            stdin_name: Some(name.to_owned()),
            ..MemoryTree::default()
        };
        tree.files.insert(STDIN.to_owned(), bytes);
        tree
    }

    /// Adds a file. Its path is relative (a leading `./` is dropped); a path that is empty,
    /// absolute, climbs out (`..`) or runs through a file already added is refused.
    ///
    /// # Errors
    /// The reason the path is refused.
    pub fn insert(&mut self, path: &str, bytes: Vec<u8>) -> Result<(), String> {
        let clean = normalize(path);
        if path.starts_with('/') || clean.is_empty() {
            return Err(format!("`{path}` is not a relative file path"));
        }
        if clean
            .split('/')
            .any(|c| c.is_empty() || c == "." || c == "..")
        {
            return Err(format!(
                "`{path}` is not a plain relative path (an empty, `.` or `..` component)"
            ));
        }
        let clashes = self.files.contains_key(clean)
            || self.is_dir(clean)
            || ancestors(clean).any(|a| self.files.contains_key(a));
        if clashes {
            return Err(format!(
                "`{path}` is given twice, or as a file and a directory"
            ));
        }
        self.files.insert(clean.to_owned(), bytes);
        Ok(())
    }

    /// The paths of the files, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// How many files it holds.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether it holds no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// `path` without leading `./` and trailing `/`; `.` is the root, the empty path.
fn normalize(path: &str) -> &str {
    let mut p = path.trim_end_matches('/');
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.trim_start_matches('/');
    }
    if p == "." {
        ""
    } else {
        p
    }
}

/// The directories above a relative path: `a`, `a/b` for `a/b/c`.
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(move |(i, _)| &path[..i])
}

impl Tree for MemoryTree {
    fn is_dir(&self, path: &str) -> bool {
        let dir = normalize(path);
        if dir.is_empty() {
            return true;
        }
        let prefix = format!("{dir}/");
        self.files
            .range(prefix.clone()..)
            .next()
            .is_some_and(|(k, _)| k.starts_with(&prefix))
    }

    fn is_file(&self, path: &str) -> bool {
        self.files.contains_key(normalize(path))
    }

    fn list(&self, path: &str) -> Result<Vec<Entry>, String> {
        let dir = normalize(path);
        if !self.is_dir(path) {
            return Err(format!("cannot read {path}: not a directory"));
        }
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        let mut out: Vec<Entry> = Vec::new();
        for key in self.files.keys().filter(|k| k.starts_with(&prefix)) {
            let rest = &key[prefix.len()..];
            let entry = match rest.split_once('/') {
                Some((name, _)) => Entry {
                    name: name.to_owned(),
                    kind: EntryKind::Dir,
                },
                None => Entry {
                    name: rest.to_owned(),
                    kind: EntryKind::File,
                },
            };
            if out.last() != Some(&entry) && key != STDIN {
                out.push(entry);
            }
        }
        Ok(out)
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        let bytes = self
            .files
            .get(normalize(path))
            .ok_or_else(|| format!("cannot read {path}: no such file"))?;
        if bytes.len() > MAX_INPUT_BYTES {
            let origin = super::origin(self, path);
            return Err(super::decode_refusal(
                &DecodeError::TooLarge { bytes: bytes.len() },
                &origin,
            ));
        }
        Ok(bytes.clone())
    }

    fn stdin_name(&self) -> &str {
        self.stdin_name.as_deref().unwrap_or("<stdin>")
    }
}
