//! `trinocfg import PATH`: a spec from an existing configuration, read as `check` reads it.

use std::path::Path;

use trinocfg::model::Target;

use crate::check;
use crate::input;

/// What `import` was asked.
pub struct Args<'a> {
    pub path: &'a Path,
    pub out: Option<&'a Path>,
    pub release: Option<u32>,
    pub force: bool,
}

/// The spec on standard output (or in `--out`), the notes and differences on standard error.
/// Exit 0, or 1 when the spec has errors, or 2 when the input cannot be imported.
pub fn run(args: &Args<'_>) -> Result<(String, Vec<String>, bool), String> {
    let mut models: Vec<trinocfg::Cluster> = Vec::new();
    let mut judge = |mut cluster: trinocfg::Cluster, release: Option<u32>| {
        if let Some(release) = release {
            cluster.target = Target::given(release);
        }
        let target = cluster.target.clone();
        models.push(cluster);
        (Vec::new(), target)
    };
    let checked = check::run_with(args.path, args.release, &mut judge)?;
    let origin = input::origin(args.path);
    if checked.spec.is_some() {
        return Err(format!(
            "{origin} is a trinocfg spec already: import reads an etc/ directory, a `gen` output or a Kubernetes stream"
        ));
    }
    let model = trinocfg::import::pick(&models).map_err(|e| format!("{origin}: {e}"))?;
    let imported = trinocfg::import::from_cluster(model, &origin)?;
    let mut lines: Vec<String> = checked.notes.clone();
    lines.extend(imported.notes.iter().map(|n| format!("note: {n}")));
    for d in &imported.differences {
        lines.push(format!("differs: {d}"));
    }
    for d in imported.diagnostics.iter().filter(|d| d.is_error()) {
        lines.push(format!(
            "error[{}]: the imported spec: {} ({})",
            d.code,
            d.message,
            d.location.path.as_deref().unwrap_or("-")
        ));
    }
    let ok = !imported
        .diagnostics
        .iter()
        .any(trinocfg::Diagnostic::is_error);
    if let Some(out) = args.out {
        if out.exists() && !args.force {
            return Err(format!(
                "{} exists; pass --force to replace it",
                out.display()
            ));
        }
        write_atomic(out, &imported.spec)?;
        lines.push(format!("wrote {}", out.display()));
        return Ok((String::new(), lines, ok));
    }
    Ok((imported.spec, lines, ok))
}

/// Writes `text` to `path` through a temporary file renamed into place.
fn write_atomic(path: &Path, text: &str) -> Result<(), String> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "spec".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.trinocfg-new-{}", std::process::id()));
    std::fs::write(&tmp, text)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            format!("cannot write {}: {e}; nothing was written", path.display())
        })
}
