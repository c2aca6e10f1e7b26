//! Writing the generated tree: into a temporary directory renamed into place, so a failure
//! never leaves a half-written output; files trinocfg did not write are never removed
//! without `--force`. `--out` naming a symbolic link writes into the directory it points to
//! and keeps the link. What a killed run left behind is tidied up by the next one.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Lists the files trinocfg wrote, one relative path per line; read back to tell our files
/// from anybody else's.
pub const MANIFEST: &str = ".trinocfg-manifest";

/// The temporary directories of a run: the new tree is written into `.NAME.trinocfg-new-PID`
/// and the previous one moved aside to `.NAME.trinocfg-old-PID`, next to `NAME`.
const TAGS: [&str; 2] = ["new", "old"];

fn sibling(dir: &Path, tag: &str) -> PathBuf {
    sibling_of(dir, tag, std::process::id())
}

fn sibling_of(dir: &Path, tag: &str, pid: u32) -> PathBuf {
    parent(dir).join(format!(".{}.trinocfg-{tag}-{pid}", name(dir)))
}

fn name(dir: &Path) -> String {
    dir.file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned())
}

fn parent(dir: &Path) -> &Path {
    dir.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Whether no process `pid` runs: from /proc where there is one, else from `ps -p`. When
/// that cannot be told, the process counts as running (its directories are left alone).
fn process_gone(pid: u32) -> bool {
    if Path::new("/proc/self").exists() {
        return !Path::new("/proc").join(pid.to_string()).exists();
    }
    if cfg!(unix) {
        return std::process::Command::new("ps")
            .args(["-p", &pid.to_string()])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| !s.success());
    }
    false
}

/// The temporary directories that an earlier run writing to `dir` left behind (killed before
/// it tidied up): `(tag, path)` of each directory named as [`sibling`] names them, whose
/// process is gone.
fn stale_siblings(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    let prefix = format!(".{}.trinocfg-", name(dir));
    let Ok(entries) = fs::read_dir(parent(dir)) else {
        return Vec::new();
    };
    let mut stale = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let Some((tag, pid)) = rest.split_once('-') else {
            continue;
        };
        let (Some(tag), Ok(pid)) = (TAGS.into_iter().find(|t| *t == tag), pid.parse::<u32>())
        else {
            continue;
        };
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir
            && pid.to_string() == rest[tag.len() + 1..]
            && pid != std::process::id()
            && process_gone(pid)
        {
            stale.push((tag, entry.path()));
        }
    }
    stale.sort();
    stale
}

/// Tidies up after a killed run: a half-written new tree is removed; a previous tree moved
/// aside is put back when `dir` is missing (the run died between its two renames), else
/// removed.
fn clean_stale(dir: &Path) {
    for (tag, path) in stale_siblings(dir) {
        if tag == "old" && fs::symlink_metadata(dir).is_err() && fs::rename(&path, dir).is_ok() {
            continue;
        }
        let _ = fs::remove_dir_all(&path);
    }
}

/// Where `--out DIR` is written: `DIR`, or the directory `DIR` points to when it is a
/// symbolic link (the link is kept, so it still names the new output). A link to nothing or
/// to a file is refused.
fn resolve(dir: &Path) -> Result<PathBuf, WriteError> {
    // `link/` would follow the link: look at `link` itself.
    let dir: PathBuf = dir.components().collect();
    let dir = dir.as_path();
    let is_link = fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(dir.to_path_buf());
    }
    let target = fs::read_link(dir).map_or_else(|_| "?".into(), |t| t.display().to_string());
    match fs::canonicalize(dir) {
        Ok(real) if real.is_dir() => Ok(real),
        Ok(_) => Err(WriteError::Io(format!(
            "{} is a symbolic link to {target}, which is not a directory; point it at a directory or remove it",
            dir.display()
        ))),
        Err(_) => Err(WriteError::Io(format!(
            "{} is a symbolic link to {target}, which does not exist; create that directory, or remove the link",
            dir.display()
        ))),
    }
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

/// Writes `tree` as the whole content of `dir` (of the directory it points to, when it is a
/// symbolic link).
///
/// The swap: the tree and its manifest are written into `.NAME.trinocfg-new-PID` next to
/// `NAME`; then the previous output is renamed to `.NAME.trinocfg-old-PID`, the new one
/// renamed to `NAME`, and the previous one removed. Each rename is atomic, so `NAME` is
/// always either the whole previous output or the whole new one, never a mix; between the two
/// renames it is briefly absent. A failure removes the new tree and puts the previous one
/// back. A run killed part-way leaves its `-new-`/`-old-` directory behind; the next run to
/// write `NAME` removes those whose process is gone, and puts an `-old-` one back first when
/// `NAME` itself is missing.
pub fn write_tree<C: AsRef<[u8]>>(
    dir: &Path,
    tree: &[(String, C)],
    force: bool,
) -> Result<(), WriteError> {
    let io_err =
        |what: &str, p: &Path, e: io::Error| WriteError::Io(format!("{what} {}: {e}", p.display()));
    let dir = &resolve(dir)?;
    clean_stale(dir);
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
