//! Writing the generated tree: into a temporary directory renamed into place, so a failure
//! never leaves a half-written output; files trinocfg did not write are never removed
//! without `--force`.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Lists the files trinocfg wrote, one relative path per line; read back to tell our files
/// from anybody else's.
pub const MANIFEST: &str = ".trinocfg-manifest";

fn sibling(dir: &Path, tag: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(format!(".{name}.trinocfg-{tag}-{}", std::process::id()))
}

/// Every file below `dir`, as relative paths with `/`.
pub fn list_files(dir: &Path) -> io::Result<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d)? {
            let entry = entry?;
            let path = entry.path();
            let kind = entry.file_type()?;
            if kind.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap_or(&path);
                out.insert(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    Ok(out)
}

/// Files in `dir` that trinocfg did not write (not in its manifest).
pub fn foreign_files(dir: &Path) -> io::Result<Vec<String>> {
    let present = list_files(dir)?;
    let manifest: BTreeSet<String> = match fs::read_to_string(dir.join(MANIFEST)) {
        Ok(text) => text.lines().map(str::to_owned).collect(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => BTreeSet::new(),
        Err(e) => return Err(e),
    };
    Ok(present
        .into_iter()
        .filter(|f| f != MANIFEST && !manifest.contains(f))
        .collect())
}

#[derive(Debug)]
pub enum WriteError {
    Foreign(Vec<String>),
    Io(String),
}

/// Writes `tree` as the whole content of `dir`.
pub fn write_tree(dir: &Path, tree: &[(String, String)], force: bool) -> Result<(), WriteError> {
    let io_err =
        |what: &str, p: &Path, e: io::Error| WriteError::Io(format!("{what} {}: {e}", p.display()));
    if dir.exists() {
        if !dir.is_dir() {
            return Err(WriteError::Io(format!(
                "{} exists and is not a directory",
                dir.display()
            )));
        }
        let foreign = foreign_files(dir).map_err(|e| io_err("cannot read", dir, e))?;
        if !foreign.is_empty() && !force {
            return Err(WriteError::Foreign(foreign));
        }
    }
    let tmp = sibling(dir, "new");
    let _ = fs::remove_dir_all(&tmp);
    let result = (|| {
        fs::create_dir_all(&tmp).map_err(|e| io_err("cannot create", &tmp, e))?;
        let mut manifest = String::new();
        for (rel, contents) in tree {
            let path = tmp.join(rel);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| io_err("cannot create", parent, e))?;
            }
            fs::write(&path, contents).map_err(|e| io_err("cannot write", &path, e))?;
            manifest.push_str(rel);
            manifest.push('\n');
        }
        fs::write(tmp.join(MANIFEST), manifest).map_err(|e| io_err("cannot write", &tmp, e))?;
        if dir.exists() {
            let old = sibling(dir, "old");
            let _ = fs::remove_dir_all(&old);
            fs::rename(dir, &old).map_err(|e| io_err("cannot move aside", dir, e))?;
            if let Err(e) = fs::rename(&tmp, dir) {
                let _ = fs::rename(&old, dir);
                return Err(io_err("cannot move into place", dir, e));
            }
            let _ = fs::remove_dir_all(&old);
        } else {
            if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
                fs::create_dir_all(parent).map_err(|e| io_err("cannot create", parent, e))?;
            }
            fs::rename(&tmp, dir).map_err(|e| io_err("cannot move into place", dir, e))?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

/// Compares `dir` with `tree`: a unified diff per differing file, and the missing and extra
/// files. Empty when identical.
pub fn diff_tree(dir: &Path, tree: &[(String, String)]) -> Result<String, String> {
    let mut out = String::new();
    let present = if dir.is_dir() {
        list_files(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?
    } else {
        BTreeSet::new()
    };
    let mut expected = BTreeSet::new();
    for (rel, contents) in tree {
        expected.insert(rel.clone());
        let path = dir.join(rel);
        match fs::read(&path) {
            Ok(bytes) => {
                let actual = String::from_utf8_lossy(&bytes);
                if actual != contents.as_str() {
                    let diff = similar::TextDiff::from_lines(actual.as_ref(), contents.as_str());
                    out.push_str(
                        &diff
                            .unified_diff()
                            .context_radius(2)
                            .header(&format!("a/{rel}"), &format!("b/{rel}"))
                            .to_string(),
                    );
                }
            }
            Err(_) => out.push_str(&format!("missing: {rel}\n")),
        }
    }
    for extra in present.difference(&expected) {
        if extra != MANIFEST {
            out.push_str(&format!("not generated: {extra}\n"));
        }
    }
    Ok(out)
}
