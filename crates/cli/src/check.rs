//! `trinocfg check PATH`: a spec, a Trino etc/ directory, a `gen` output directory, a catalog
//! directory, one file of an etc/ directory, or a Kubernetes YAML stream (`-` reads a spec,
//! YAML or a properties file from standard input). Input `check` would pass without having
//! checked anything is refused.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use trinocfg::input::{kubernetes, single, NodeFiles};
use trinocfg::model::{Completeness, Origin, SourceFile, Target};
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
    /// What the input was taken as, when that is not plain (one file, a catalog directory):
    /// printed before the diagnostics.
    pub notes: Vec<String>,
    /// The Trino release the input was judged as, and why.
    pub target: Option<Target>,
}

/// What is done with a model read from the input: `check` runs the rules ([`check_cluster`]);
/// `upgrade` plans a move to another release. Returns the diagnostics and the release judged.
pub type Judge<'a> = &'a mut dyn FnMut(trinocfg::Cluster, Option<u32>) -> (Vec<Diagnostic>, Target);

/// Checks a model read from files: as Trino `release` when one is given, else as the release
/// the input names (an image tag) or the newest known one.
pub fn check_cluster(
    mut cluster: trinocfg::Cluster,
    release: Option<u32>,
) -> (Vec<Diagnostic>, Target) {
    if let Some(release) = release {
        cluster.target = Target::given(release);
    }
    (trinocfg::check(&cluster), cluster.target)
}

/// Checks `path`: a directory, a file or standard input (`-`). A file is read by its name
/// (`*.toml` a spec, `*.properties` and `jvm.config` a file of an etc/ directory) and its
/// content; input of no kind `check` reads (empty, binary, Helm values, a properties file of
/// no kind Trino has, Kubernetes objects without Trino configuration, ...) is refused.
pub fn run(path: &Path, release: Option<u32>) -> Result<Checked, String> {
    run_with(path, release, &mut check_cluster)
}

/// Reads `path` as [`run`] does and hands every model read from it to `judge` (a spec is
/// checked as [`run`] checks it).
pub fn run_with(path: &Path, release: Option<u32>, judge: Judge<'_>) -> Result<Checked, String> {
    if !input::is_stdin(path) && path.is_dir() {
        return directory(path, release, judge);
    }
    let bytes = input::read_bytes(path)?;
    let display = input::origin(path);
    let name = (!input::is_stdin(path))
        .then(|| path.file_name().map(|n| n.to_string_lossy().into_owned()))
        .flatten();
    let ext = if input::is_stdin(path) {
        ""
    } else {
        path.extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
    };
    // Files Trino reads byte by byte, told by their name.
    if ext == "properties" || name.as_deref() == Some("jvm.config") {
        let text = input::decode_trino_file(&bytes, path)?;
        return one_file(path, name.as_deref(), &display, text, release, judge);
    }
    let text = match input::decode_text(&bytes, path) {
        Ok(text) => text,
        // Not Unicode, but a properties file as Trino reads it (ISO-8859-1).
        Err(refusal) => {
            return match text::decode_trino_file(&bytes) {
                Ok(text)
                    if matches!(
                        text::sniff(&text),
                        InputKind::Properties { .. } | InputKind::JvmConfig { .. }
                    ) =>
                {
                    one_file(
                        path,
                        name.as_deref(),
                        &display,
                        text.into_owned(),
                        release,
                        judge,
                    )
                }
                _ => Err(refusal),
            };
        }
    };
    let kind = text::sniff(&text);
    if matches!(kind, InputKind::Yaml { .. } | InputKind::Json { .. }) {
        match text::shape(&text) {
            text::Shape::TrinoGateway(_) => return gateway_file(path, &display, text),
            text::Shape::TrinoHelmValues(_) => {
                return Ok(chart_values(&display, text, release, judge));
            }
            _ => {}
        }
    }
    match (ext, kind) {
        (_, InputKind::Empty) => Err(input::check_refusal(kind, path, &text)),
        ("toml", _) | (_, InputKind::Spec) => Ok(spec(path, &display, text, release)),
        (_, InputKind::Kubernetes { .. }) => yaml(path, &display, text, release, judge),
        (_, InputKind::Properties { .. } | InputKind::JvmConfig { .. }) => {
            let text = input::decode_trino_file(&bytes, path)?;
            one_file(path, name.as_deref(), &display, text, release, judge)
        }
        (_, InputKind::Json { .. }) if single::classify(name.as_deref(), &text).is_some() => {
            one_file(path, name.as_deref(), &display, text, release, judge)
        }
        _ => Err(input::check_refusal(kind, path, &text)),
    }
}

fn spec(path: &Path, display: &str, text: String, release: Option<u32>) -> Checked {
    let files = input::MemberFiles::beside(Some(path));
    let outcome = trinocfg::check_spec_with(&text, release, &|p| files.read(p));
    Checked {
        diagnostics: outcome.diagnostics,
        sources: files.read.into_inner().into_iter().collect(),
        spec: Some((display.to_owned(), text)),
        notes: Vec::new(),
        target: outcome.target,
    }
}

fn yaml(
    path: &Path,
    display: &str,
    text: String,
    release: Option<u32>,
    judge: Judge<'_>,
) -> Result<Checked, String> {
    let stream = kubernetes::read_stream(&text, display);
    if stream.parsed && !stream.has_trino_configuration() {
        return Err(input::no_trino_refusal(path, stream.objects));
    }
    let (diagnostics, target) = judge(stream.cluster, release);
    let mut sources = HashMap::new();
    sources.insert(display.to_owned(), text);
    Ok(Checked {
        diagnostics,
        sources,
        spec: None,
        notes: Vec::new(),
        target: Some(target),
    })
}

/// Values of the official Trino Helm chart, read as the chart's templates would render them.
pub fn chart_values(
    display: &str,
    text: String,
    release: Option<u32>,
    judge: Judge<'_>,
) -> Checked {
    let input = match trinocfg::input::chart::read(&text, display) {
        Ok(input) => input,
        Err(d) => {
            let mut sources = HashMap::new();
            sources.insert(display.to_owned(), text);
            return Checked {
                diagnostics: vec![*d],
                sources,
                spec: None,
                notes: Vec::new(),
                target: None,
            };
        }
    };
    let mut notes = vec![format!(
        "{display}: read as values of the Trino Helm chart 1.42 (the files its templates write, with the chart's defaults)"
    )];
    if !input.unread.is_empty() {
        notes.push(format!(
            "{display}: {} not followed into files; render the values (`helm template`) to check them",
            input
                .unread
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let cluster = trinocfg::input::chart::cluster(input, &text);
    let (diagnostics, target) = judge(cluster, release);
    let diagnostics = trinocfg::input::chart::once_per_value(diagnostics);
    let mut sources = HashMap::new();
    sources.insert(display.to_owned(), text);
    Checked {
        diagnostics,
        sources,
        spec: None,
        notes,
        target: Some(target),
    }
}

/// `check --chart-values`: `path` read as chart values whatever it looks like.
pub fn run_chart_values(
    path: &Path,
    release: Option<u32>,
    judge: Judge<'_>,
) -> Result<Checked, String> {
    let bytes = input::read_bytes(path)?;
    let text = input::decode_text(&bytes, path)?;
    Ok(chart_values(&input::origin(path), text, release, judge))
}

/// One file of an etc/ directory, given alone: checked as that file of a node that holds
/// nothing else.
fn one_file(
    path: &Path,
    name: Option<&str>,
    display: &str,
    text: String,
    release: Option<u32>,
    judge: Judge<'_>,
) -> Result<Checked, String> {
    if text::sniff(&text) == InputKind::Empty {
        return Err(input::check_refusal(InputKind::Empty, path, &text));
    }
    let Some(taken) = single::classify(name, &text) else {
        return Err(input::unknown_file_refusal(path));
    };
    let cluster = single::cluster(&taken, display, &text);
    let note = format!(
        "{display}: checked as {}, on its own: rules that need the other files of its directory are left out",
        taken.describe(&text)
    );
    let mut sources = HashMap::new();
    sources.insert(display.to_owned(), text);
    let (diagnostics, target) = judge(cluster, release);
    Ok(Checked {
        diagnostics,
        sources,
        spec: None,
        notes: vec![note],
        target: Some(target),
    })
}

/// Every file below `dir` (relative paths with `/`), sorted, bounded.
pub fn walk(dir: &Path) -> Result<Vec<(String, PathBuf)>, String> {
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

/// Where a directory read from disk is, for reporting a file it lacks.
fn directory_origin(dir: &Path) -> Origin {
    Origin::At(Box::new(Location {
        file: Some(dir.display().to_string()),
        ..Location::default()
    }))
}

/// Reads the files Trino reads below `etc` (`rel_prefix` is put before their relative paths).
fn read_tree(
    etc: &Path,
    rel_prefix: &str,
    sources: &mut HashMap<String, String>,
) -> Result<Vec<SourceFile>, String> {
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
        files.push(SourceFile::standalone(
            format!("{rel_prefix}{rel}"),
            display,
            text,
        ));
    }
    Ok(files)
}

/// A whole configuration directory: every file of the node.
fn etc_node(
    etc: &Path,
    label: String,
    role: Option<Role>,
    sources: &mut HashMap<String, String>,
) -> Result<NodeFiles, String> {
    Ok(NodeFiles {
        label,
        role,
        files: read_tree(etc, "", sources)?,
        config_root: "/etc/trino".into(),
        complete: Completeness::WHOLE,
        root_at: directory_origin(etc),
        ..NodeFiles::default()
    })
}

/// Whether `dir` holds a file only a Trino configuration root has.
fn is_configuration_root(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            e.file_type().is_ok_and(|t| t.is_file())
                && single::is_root_file(&e.file_name().to_string_lossy())
        })
    })
}

/// Whether `dir` is a catalog directory: named `catalog`, or holding `.properties` files of
/// which at least one sets `connector.name` (and none is a file of the configuration root).
fn is_catalog_directory(dir: &Path) -> bool {
    let Ok(entries) = fs::read_dir(dir) else {
        return false;
    };
    let properties: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "properties"))
        .collect();
    if properties.is_empty() {
        return false;
    }
    dir.file_name().is_some_and(|n| n == "catalog")
        || properties.iter().any(|p| {
            input::read_trino_file(p).is_ok_and(|text| {
                trinocfg::properties::parse(&text)
                    .entries
                    .iter()
                    .any(|e| e.key == "connector.name")
            })
        })
}

/// The routing rules and backends beside a gateway's `config.yaml`, when they are there:
/// the file `routingRules.rulesConfigPath` names (its name, in the same directory), else
/// `routing-rules.yaml`; and `backends.json`.
fn gateway_siblings(
    config: &Path,
    text: &str,
    sources: &mut HashMap<String, String>,
) -> Result<Vec<(String, String)>, String> {
    if input::is_stdin(config) {
        return Ok(Vec::new());
    }
    let dir = config.parent().unwrap_or_else(|| Path::new("."));
    let named = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("rulesConfigPath:"))
        .map(|v| v.trim().trim_matches('"').trim_matches('\''))
        .and_then(|p| {
            Path::new(p)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
        });
    let mut out = Vec::new();
    for name in [
        named.unwrap_or_else(|| "routing-rules.yaml".into()),
        "backends.json".into(),
    ] {
        let path = dir.join(&name);
        if path.is_file() {
            let text = input::read_text(&path)?;
            let display = path.display().to_string();
            sources.insert(display.clone(), text.clone());
            out.push((display, text));
        }
    }
    Ok(out)
}

/// The fleet rules over a gateway's files and the clusters read beside them.
fn gateway_rules(
    config: &Path,
    text: String,
    members: Vec<trinocfg::model::gateway::Member>,
    sources: &mut HashMap<String, String>,
) -> Result<Vec<Diagnostic>, String> {
    let display = config.display().to_string();
    let siblings = gateway_siblings(config, &text, sources)?;
    let pick = |backends: bool| {
        siblings
            .iter()
            .find(|(d, _)| d.ends_with("backends.json") == backends)
            .map(|(d, t)| (d.as_str(), t.as_str()))
    };
    let (rules, backends) = (pick(false), pick(true));
    let (model, mut diagnostics) =
        trinocfg::input::gateway::read((&display, &text), rules, backends, members);
    diagnostics.extend(trinocfg::rules::fleet::check(&model));
    sources.insert(display, text);
    Ok(diagnostics)
}

/// A gateway's `config.yaml` given alone: with its rules and backends when they are beside it.
fn gateway_file(path: &Path, display: &str, text: String) -> Result<Checked, String> {
    let mut sources = HashMap::new();
    let diagnostics = gateway_rules(path, text, Vec::new(), &mut sources)?;
    Ok(Checked {
        diagnostics: trinocfg::diagnostic::finish(diagnostics),
        sources,
        spec: None,
        notes: vec![format!(
            "{display}: checked as a Trino Gateway configuration; the clusters behind it are not read (check the fleet's `gen` output directory for them)"
        )],
        target: None,
    })
}

/// A fleet's `gen` output: every cluster's directory, then the gateway's files over them.
fn fleet_directory(dir: &Path, release: Option<u32>, judge: Judge<'_>) -> Result<Checked, String> {
    let mut checked = Checked {
        diagnostics: Vec::new(),
        sources: HashMap::new(),
        spec: None,
        notes: Vec::new(),
        target: None,
    };
    let mut members = Vec::new();
    // The release each coordinator runs, by its Deployment's name, from the fleet's stream.
    let yaml_path = dir.join("kubernetes.yaml");
    let mut releases: Vec<(String, u32)> = Vec::new();
    if yaml_path.is_file() {
        let text = input::read_text(&yaml_path)?;
        let stream = kubernetes::read(&text, &yaml_path.display().to_string());
        for node in &stream.nodes {
            let release = node
                .image
                .as_ref()
                .and_then(|i| trinocfg::model::target::release_of_image(&i.value));
            if let Some(release) = release {
                releases.push((node.label.clone(), release));
            }
        }
    }
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("coordinator").join("etc").is_dir())
        .collect();
    entries.sort();
    for member in entries {
        let name = member
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let part = directory(&member, release, judge)?;
        let mut nodes = Vec::new();
        let mut scratch = HashMap::new();
        let etc = member.join("coordinator").join("etc");
        nodes.push(etc_node(
            &etc,
            "coordinator".into(),
            Some(Role::Coordinator),
            &mut scratch,
        )?);
        let mut cluster = trinocfg::input::cluster(nodes);
        if let Some(t) = &part.target {
            cluster.target = t.clone();
        }
        // `discovery.uri` names the coordinator's Service, and its Deployment is
        // `<service>-coordinator`: the image there says the release, unless one is given.
        let service = cluster
            .nodes
            .first()
            .and_then(|n| n.config())
            .and_then(|c| {
                let uri = c.value("discovery.uri")?;
                let host = uri.split("://").nth(1)?.split([':', '/']).next()?;
                Some(host.split('.').next().unwrap_or(host).to_owned())
            });
        if let (None, Some(service)) = (release, service) {
            let label = format!("Deployment {service}-coordinator");
            if let Some((_, r)) = releases.iter().find(|(l, _)| *l == label) {
                cluster.target = Target::given(*r);
            }
        }
        members.push(trinocfg::fleet::member(
            &name,
            &cluster,
            Location {
                file: Some(etc.join("config.properties").display().to_string()),
                line: 1,
                column: 1,
                ..Location::default()
            },
        ));
        checked.diagnostics.extend(part.diagnostics);
        checked.sources.extend(part.sources);
        checked.target = checked.target.or(part.target);
    }
    let config = dir.join("gateway").join("config.yaml");
    let text = input::read_text(&config)?;
    checked
        .diagnostics
        .extend(gateway_rules(&config, text, members, &mut checked.sources)?);
    checked.diagnostics = trinocfg::diagnostic::finish(checked.diagnostics);
    checked.notes.push(format!(
        "{}: checked as a fleet: each cluster's directory, and the gateway's files over them",
        dir.display()
    ));
    Ok(checked)
}

fn directory(dir: &Path, release: Option<u32>, judge: Judge<'_>) -> Result<Checked, String> {
    if dir.join("gateway").join("config.yaml").is_file() {
        return fleet_directory(dir, release, judge);
    }
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
        // Its image names the release the files were generated for.
        let yaml_path = dir.join("kubernetes.yaml");
        let mut diagnostics = Vec::new();
        let mut release = release;
        if yaml_path.is_file() {
            let text = input::read_text(&yaml_path)?;
            let display = yaml_path.display().to_string();
            let (found, target) = judge(kubernetes::read(&text, &display), release);
            diagnostics.extend(found);
            release = Some(target.release);
            sources.insert(display, text);
        }
        let (found, target) = judge(trinocfg::input::cluster(nodes), release);
        diagnostics.extend(found);
        return Ok(Checked {
            diagnostics: trinocfg::diagnostic::finish(diagnostics),
            sources,
            spec: None,
            notes: Vec::new(),
            target: Some(target),
        });
    }
    let etc = if is_configuration_root(dir) {
        Some(dir.to_path_buf())
    } else if is_configuration_root(&dir.join("etc")) {
        Some(dir.join("etc"))
    } else {
        None
    };
    if let Some(etc) = etc {
        nodes.push(etc_node(
            &etc,
            etc.display().to_string(),
            None,
            &mut sources,
        )?);
        let (diagnostics, target) = judge(trinocfg::input::cluster(nodes), release);
        return Ok(Checked {
            diagnostics,
            sources,
            spec: None,
            notes: Vec::new(),
            target: Some(target),
        });
    }
    // Catalogs without the rest of the directory: a catalog directory, or a tree that holds
    // only `catalog/` (and perhaps Kafka table descriptions).
    let (files, what) = if is_catalog_directory(dir) {
        (
            read_tree(dir, "catalog/", &mut sources)?,
            "a catalog directory (etc/catalog/)",
        )
    } else if is_catalog_directory(&dir.join("catalog")) {
        (
            read_tree(dir, "", &mut sources)?,
            "an etc/ directory that holds only catalogs (no config.properties, jvm.config or node.properties)",
        )
    } else {
        return Err(format!(
            "{} is neither a Trino etc/ directory (no config.properties, jvm.config or node.properties), a catalog directory (no .properties file with connector.name) nor a `trinocfg gen` output (no coordinator/etc or worker/etc)\n  help: give the directory that holds Trino's files, its catalog/ directory, or one of its files",
            dir.display()
        ));
    };
    let catalogs = files
        .iter()
        .filter(|f| f.rel.starts_with("catalog/") && f.rel.ends_with(".properties"))
        .count();
    let note = format!(
        "{}: checked as {what}: {catalogs} catalog {}, on their own; rules that need config.properties, jvm.config and the rest of etc/ are left out",
        dir.display(),
        if catalogs == 1 { "file" } else { "files" }
    );
    nodes.push(NodeFiles {
        label: dir.display().to_string(),
        role: None,
        files,
        config_root: "/etc/trino".into(),
        complete: Completeness::CATALOGS,
        root_at: directory_origin(dir),
        ..NodeFiles::default()
    });
    let (diagnostics, target) = judge(trinocfg::input::cluster(nodes), release);
    Ok(Checked {
        diagnostics,
        sources,
        spec: None,
        notes: vec![note],
        target: Some(target),
    })
}

/// Machine-readable diagnostics of every input checked: the JSON report of the core, with
/// spec diagnostics naming the spec file; the release judged when every input agrees on one.
pub fn json(checked: &[Checked]) -> String {
    report(checked).to_json()
}

/// One report of every input checked, each spec diagnostic naming its spec file.
fn report(checked: &[Checked]) -> trinocfg::Report {
    let mut diagnostics = Vec::new();
    for c in checked {
        let spec = c.spec.as_ref().map(|(n, _)| n.as_str());
        diagnostics.extend(trinocfg::Report::new(c.diagnostics.clone(), spec).diagnostics);
    }
    let mut report = trinocfg::Report::new(diagnostics, None);
    let mut targets = checked.iter().map(|c| c.target.as_ref());
    if let Some(first) = targets.next() {
        if targets.all(|t| t == first) {
            report.target = first.cloned();
        }
    }
    report
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
