//! `trinocfg check PATH`: a spec, a Trino etc/ directory, a `gen` output directory, or a
//! Kubernetes YAML stream (`-` reads a spec or YAML from standard input).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use trinocfg::input::{kubernetes, NodeFiles};
use trinocfg::model::{Completeness, Origin, SourceFile};
use trinocfg::text::{self, InputKind};
use trinocfg::{Diagnostic, Location, Role};

use crate::input;

/// Files read from one directory tree at most. Bytes per file and on standard input are
/// bounded by `trinocfg::text::MAX_INPUT_BYTES` (see `input`).
const MAX_FILES: usize = 10_000;

/// What was checked: the diagnostics and the text of every file they may point into.
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: HashMap<String, String>,
    /// The spec itself, when the input was one (diagnostics without a file point into it).
    pub spec: Option<(String, String)>,
}

/// Checks `path`: a directory, a file or standard input (`-`). A file is read as a spec or
/// as Kubernetes YAML by its extension (`.toml`, `.yaml`, `.yml`) and its content; input of
/// no kind `check` reads (empty, binary, Helm values, a lone properties file, ...) is refused.
pub fn run(path: &Path) -> Result<Checked, String> {
    if !input::is_stdin(path) && path.is_dir() {
        return directory(path);
    }
    let text = input::read_text(path)?;
    let display = input::origin(path);
    let ext = if input::is_stdin(path) {
        ""
    } else {
        path.extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
    };
    let kind = text::sniff(&text);
    match (ext, kind) {
        (_, InputKind::Empty) => Err(input::check_refusal(kind, path)),
        ("toml", _) | (_, InputKind::Spec) => Ok(spec(&display, text)),
        (_, InputKind::Kubernetes { .. }) => Ok(yaml(&display, text)),
        _ => Err(input::check_refusal(kind, path)),
    }
}

fn spec(display: &str, text: String) -> Checked {
    Checked {
        diagnostics: trinocfg::check_spec(&text),
        sources: HashMap::new(),
        spec: Some((display.to_owned(), text)),
    }
}

fn yaml(display: &str, text: String) -> Checked {
    let cluster = kubernetes::read(&text, display);
    let diagnostics = trinocfg::check(&cluster);
    let mut sources = HashMap::new();
    sources.insert(display.to_owned(), text);
    Checked {
        diagnostics,
        sources,
        spec: None,
    }
}

/// Every file below `dir` (relative paths with `/`), sorted, bounded.
fn walk(dir: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = fs::read_dir(&d).map_err(|e| format!("cannot read {}: {e}", d.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot read {}: {e}", d.display()))?;
            let p = entry.path();
            let kind = entry
                .file_type()
                .map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            if kind.is_dir() {
                stack.push(p);
            } else if kind.is_file() {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap_or(&p)
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, p));
                if out.len() > MAX_FILES {
                    return Err(format!(
                        "{} holds more than {MAX_FILES} files",
                        dir.display()
                    ));
                }
            }
        }
    }
    out.sort();
    Ok(out)
}

fn etc_node(
    etc: &Path,
    label: String,
    role: Option<Role>,
    sources: &mut HashMap<String, String>,
) -> Result<NodeFiles, String> {
    let mut files = Vec::new();
    for (rel, path) in walk(etc)? {
        let relevant =
            rel.ends_with(".properties") || rel == "jvm.config" || rel.ends_with(".json");
        if !relevant {
            continue;
        }
        // Kafka table descriptions are read by Jackson (Unicode, a byte-order mark allowed);
        // the rest byte by byte.
        let text = if rel.ends_with(".json") {
            input::read_text(&path)?
        } else {
            input::read_trino_file(&path)?
        };
        let display = path.display().to_string();
        sources.insert(display.clone(), text.clone());
        files.push(SourceFile::standalone(rel, display, text));
    }
    Ok(NodeFiles {
        label,
        role,
        files,
        config_root: "/etc/trino".into(),
        complete: Completeness::WHOLE,
        root_at: Origin::At(Box::new(Location {
            file: Some(etc.display().to_string()),
            ..Location::default()
        })),
        ..NodeFiles::default()
    })
}

fn directory(dir: &Path) -> Result<Checked, String> {
    let mut sources = HashMap::new();
    let mut nodes = Vec::new();
    let gen_layout = ["coordinator", "worker"]
        .iter()
        .any(|r| dir.join(r).join("etc").is_dir());
    if gen_layout {
        for (name, role) in [("coordinator", Role::Coordinator), ("worker", Role::Worker)] {
            let etc = dir.join(name).join("etc");
            if etc.is_dir() {
                nodes.push(etc_node(&etc, name.to_owned(), Some(role), &mut sources)?);
            }
        }
        // `gen` also writes the Kubernetes stream: check it too when it is there.
        let yaml_path = dir.join("kubernetes.yaml");
        let mut diagnostics = Vec::new();
        if yaml_path.is_file() {
            let text = input::read_text(&yaml_path)?;
            let display = yaml_path.display().to_string();
            diagnostics.extend(trinocfg::check(&kubernetes::read(&text, &display)));
            sources.insert(display, text);
        }
        diagnostics.extend(trinocfg::check(&trinocfg::input::cluster(nodes)));
        return Ok(Checked {
            diagnostics: trinocfg::diagnostic::finish(diagnostics),
            sources,
            spec: None,
        });
    }
    let etc = if dir.join("config.properties").is_file() {
        dir.to_path_buf()
    } else if dir.join("etc").join("config.properties").is_file() {
        dir.join("etc")
    } else {
        return Err(format!(
            "{} is neither a Trino etc/ directory (no config.properties) nor a `trinocfg gen` output (no coordinator/etc or worker/etc)",
            dir.display()
        ));
    };
    nodes.push(etc_node(
        &etc,
        etc.display().to_string(),
        None,
        &mut sources,
    )?);
    let diagnostics = trinocfg::check(&trinocfg::input::cluster(nodes));
    Ok(Checked {
        diagnostics,
        sources,
        spec: None,
    })
}

/// Machine-readable diagnostics: the JSON report of the core, with spec diagnostics naming
/// the spec file.
pub fn json(checked: &Checked) -> String {
    let file = checked.spec.as_ref().map(|(n, _)| n.as_str());
    trinocfg::Report::new(checked.diagnostics.clone(), file).to_json()
}
