//! `trinocfg check PATH`: a spec, a Trino etc/ directory, a `gen` output directory, a catalog
//! directory, one file of an etc/ directory, or a Kubernetes YAML stream (`-` reads a spec,
//! YAML or a properties file from standard input). Input `check` would pass without having
//! checked anything is refused.

use std::path::{Path, PathBuf};

use crate::input;

pub use trinocfg::input::check::Checked;

/// What is done with a model read from the input (see [`trinocfg::input::check::Judge`]).
pub type Judge<'a> = trinocfg::input::check::Judge<'a>;

/// Checks `path`: a directory, a file or standard input (`-`). A file is read by its name
/// (`*.toml` a spec, `*.properties` and `jvm.config` a file of an etc/ directory) and its
/// content; input of no kind `check` reads (empty, binary, Helm values, a properties file of
/// no kind Trino has, Kubernetes objects without Trino configuration, ...) is refused.
pub fn run(path: &Path, release: Option<u32>) -> Result<Checked, String> {
    trinocfg::input::check::run(&input::Disk, &path_text(path), release)
}

/// Reads `path` as [`run`] does and hands every model read from it to `judge` (a spec is
/// checked as [`run`] checks it).
pub fn run_with(path: &Path, release: Option<u32>, judge: Judge<'_>) -> Result<Checked, String> {
    trinocfg::input::check::run_with(&input::Disk, &path_text(path), release, judge)
}

/// `check --chart-values`: `path` read as values of the Trino Helm chart, whatever its keys.
pub fn run_chart_values(
    path: &Path,
    release: Option<u32>,
    judge: Judge<'_>,
) -> Result<Checked, String> {
    trinocfg::input::check::run_chart_values(&input::Disk, &path_text(path), release, judge)
}

/// A path as the core names it (`/`-separated text, as shown in messages).
fn path_text(path: &Path) -> String {
    path.display().to_string()
}

/// Every file below `dir` (relative paths with `/`), sorted, bounded.
pub fn walk(dir: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    Ok(trinocfg::input::check::walk(&input::Disk, &path_text(dir))?
        .into_iter()
        .map(|(rel, full)| (rel, PathBuf::from(full)))
        .collect())
}

/// Machine-readable diagnostics of every input checked: the JSON report of the core, with
/// spec diagnostics naming the spec file; the release judged when every input agrees on one.
pub fn json(checked: &[Checked]) -> String {
    report(checked).to_json()
}

/// One report of every input checked, each spec diagnostic naming its spec file.
fn report(checked: &[Checked]) -> trinocfg::Report {
    trinocfg::input::check::report(checked)
}

/// The diagnostics of every input checked as a SARIF 2.1.0 log.
pub fn sarif(checked: &[Checked]) -> String {
    trinocfg::sarif::log(&report(checked), |file| {
        checked.iter().find_map(|c| match &c.spec {
            Some((name, text)) if name == file => Some(text.as_str()),
            _ => c.sources.get(file).map(String::as_str),
        })
    })
}
