//! Directories: a Trino etc/ directory, a `gen` output (of one cluster or of a fleet), a
//! catalog directory; and a Trino Gateway configuration with the files beside it.

use std::collections::HashMap;

use super::{
    join, parent, read_text, read_trino_file, Checked, EntryKind, Input, Judge, Tree, MAX_FILES,
};
use crate::input::{kubernetes, single, NodeFiles};
use crate::model::{Completeness, Origin, SourceFile, Target};
use crate::{Diagnostic, Location, Role};

/// Every file below `dir` of `tree`: its path relative to `dir` (with `/`) and its full path,
/// sorted; at most [`MAX_FILES`]. Links and other special files are left out.
///
/// # Errors
/// When a directory cannot be read, or holds too many files.
pub fn walk(tree: &dyn Tree, dir: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut stack = vec![(String::new(), dir.to_owned())];
    while let Some((rel_dir, d)) = stack.pop() {
        for entry in tree.list(&d)? {
            let full = join(&d, &entry.name);
            let rel = join(&rel_dir, &entry.name);
            match entry.kind {
                EntryKind::Dir => stack.push((rel, full)),
                EntryKind::File => {
                    out.push((rel, full));
                    if out.len() > MAX_FILES {
                        return Err(format!("{dir} holds more than {MAX_FILES} files"));
                    }
                }
                EntryKind::Other => {}
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Where a directory read is, for reporting a file it lacks.
fn directory_origin(dir: &str) -> Origin {
    Origin::At(Box::new(Location {
        file: Some(dir.to_owned()),
        ..Location::default()
    }))
}

/// Reads the files Trino reads below `etc` (`rel_prefix` is put before their relative paths).
fn read_tree(
    tree: &dyn Tree,
    etc: &str,
    rel_prefix: &str,
    sources: &mut HashMap<String, String>,
) -> Result<Vec<SourceFile>, String> {
    let mut files = Vec::new();
    for (rel, path) in walk(tree, etc)? {
        let relevant =
            rel.ends_with(".properties") || rel == "jvm.config" || rel.ends_with(".json");
        if !relevant {
            continue;
        }
        // Kafka table descriptions are read by Jackson (Unicode, a byte-order mark allowed);
        // the rest byte by byte.
        let text = if rel.ends_with(".json") {
            read_text(tree, &path)?
        } else {
            read_trino_file(tree, &path)?
        };
        sources.insert(path.clone(), text.clone());
        files.push(SourceFile::standalone(
            format!("{rel_prefix}{rel}"),
            path,
            text,
        ));
    }
    Ok(files)
}

/// A whole configuration directory: every file of the node.
fn etc_node(
    tree: &dyn Tree,
    etc: &str,
    label: String,
    role: Option<Role>,
    sources: &mut HashMap<String, String>,
) -> Result<NodeFiles, String> {
    Ok(NodeFiles {
        label,
        role,
        files: read_tree(tree, etc, "", sources)?,
        config_root: "/etc/trino".into(),
        complete: Completeness::WHOLE,
        root_at: directory_origin(etc),
        ..NodeFiles::default()
    })
}

/// The names of the regular files of `dir`; none when it cannot be read.
fn files_of(tree: &dyn Tree, dir: &str) -> Vec<String> {
    tree.list(dir)
        .map(|entries| {
            entries
                .into_iter()
                .filter(|e| e.kind == EntryKind::File)
                .map(|e| e.name)
                .collect()
        })
        .unwrap_or_default()
}

/// Whether `dir` holds a file only a Trino configuration root has.
fn is_configuration_root(tree: &dyn Tree, dir: &str) -> bool {
    files_of(tree, dir)
        .iter()
        .any(|name| single::is_root_file(name))
}

/// Whether `dir` is a catalog directory: named `catalog`, or holding `.properties` files of
/// which at least one sets `connector.name` (and none is a file of the configuration root).
fn is_catalog_directory(tree: &dyn Tree, dir: &str) -> bool {
    let properties: Vec<String> = files_of(tree, dir)
        .into_iter()
        .filter(|n| super::extension(n) == Some("properties"))
        .collect();
    if properties.is_empty() {
        return false;
    }
    super::file_name(dir) == Some("catalog")
        || properties.iter().any(|name| {
            read_trino_file(tree, &join(dir, name)).is_ok_and(|text| {
                crate::properties::parse(&text)
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
    tree: &dyn Tree,
    config: &str,
    text: &str,
    sources: &mut HashMap<String, String>,
) -> Result<Vec<(String, String)>, String> {
    if config == super::STDIN {
        return Ok(Vec::new());
    }
    let dir = parent(config);
    let named = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("rulesConfigPath:"))
        .map(|v| v.trim().trim_matches('"').trim_matches('\''))
        .and_then(super::file_name)
        .map(str::to_owned);
    let mut out = Vec::new();
    for name in [
        named.unwrap_or_else(|| "routing-rules.yaml".into()),
        "backends.json".into(),
    ] {
        let path = join(dir, &name);
        if tree.is_file(&path) {
            let text = read_text(tree, &path)?;
            sources.insert(path.clone(), text.clone());
            out.push((path, text));
        }
    }
    Ok(out)
}

/// The fleet rules over a gateway's files and the clusters read beside them.
fn gateway_rules(
    tree: &dyn Tree,
    config: &str,
    display: &str,
    text: String,
    members: Vec<crate::model::gateway::Member>,
    sources: &mut HashMap<String, String>,
) -> Result<Vec<Diagnostic>, String> {
    let siblings = gateway_siblings(tree, config, &text, sources)?;
    let pick = |backends: bool| {
        siblings
            .iter()
            .find(|(d, _)| d.ends_with("backends.json") == backends)
            .map(|(d, t)| (d.as_str(), t.as_str()))
    };
    let (rules, backends) = (pick(false), pick(true));
    let (model, mut diagnostics) =
        crate::input::gateway::read((display, &text), rules, backends, members);
    diagnostics.extend(crate::rules::fleet::check(&model));
    sources.insert(display.to_owned(), text);
    Ok(diagnostics)
}

/// A gateway's `config.yaml` given alone: with its rules and backends when they are beside it.
pub(super) fn gateway_file(input: &Input<'_>, text: String) -> Result<Checked, String> {
    let mut sources = HashMap::new();
    let display = &input.origin;
    let diagnostics = gateway_rules(
        input.tree,
        input.path,
        display,
        text,
        Vec::new(),
        &mut sources,
    )?;
    Ok(Checked {
        diagnostics: crate::diagnostic::finish(diagnostics),
        sources,
        spec: None,
        notes: vec![format!(
            "{display}: checked as a Trino Gateway configuration; the clusters behind it are not read (check the fleet's `gen` output directory for them)"
        )],
        target: None,
    })
}

/// A fleet's `gen` output: every cluster's directory, then the gateway's files over them.
fn fleet_directory(
    tree: &dyn Tree,
    dir: &str,
    release: Option<u32>,
    judge: Judge<'_>,
) -> Result<Checked, String> {
    let mut checked = Checked::default();
    let mut members = Vec::new();
    // The release each coordinator runs, by its Deployment's name, from the fleet's stream.
    let yaml_path = join(dir, "kubernetes.yaml");
    let mut releases: Vec<(String, u32)> = Vec::new();
    if tree.is_file(&yaml_path) {
        let text = read_text(tree, &yaml_path)?;
        let stream = kubernetes::read(&text, &yaml_path);
        for node in &stream.nodes {
            let release = node
                .image
                .as_ref()
                .and_then(|i| crate::model::target::release_of_image(&i.value));
            if let Some(release) = release {
                releases.push((node.label.clone(), release));
            }
        }
    }
    let mut entries: Vec<(String, String)> = tree
        .list(dir)?
        .into_iter()
        .map(|e| (join(dir, &e.name), e.name))
        .filter(|(p, _)| tree.is_dir(&join(&join(p, "coordinator"), "etc")))
        .collect();
    entries.sort();
    for (member, name) in entries {
        let part = directory(tree, &member, release, judge)?;
        let mut scratch = HashMap::new();
        let etc = join(&join(&member, "coordinator"), "etc");
        let nodes = vec![etc_node(
            tree,
            &etc,
            "coordinator".into(),
            Some(Role::Coordinator),
            &mut scratch,
        )?];
        let mut cluster = crate::input::cluster(nodes);
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
        members.push(crate::fleet::member(
            &name,
            &cluster,
            Location {
                file: Some(join(&etc, "config.properties")),
                line: 1,
                column: 1,
                ..Location::default()
            },
        ));
        checked.diagnostics.extend(part.diagnostics);
        checked.sources.extend(part.sources);
        checked.target = checked.target.or(part.target);
    }
    let config = join(&join(dir, "gateway"), "config.yaml");
    let text = read_text(tree, &config)?;
    checked.diagnostics.extend(gateway_rules(
        tree,
        &config,
        &config,
        text,
        members,
        &mut checked.sources,
    )?);
    checked.diagnostics = crate::diagnostic::finish(checked.diagnostics);
    checked.notes.push(format!(
        "{dir}: checked as a fleet: each cluster's directory, and the gateway's files over them"
    ));
    Ok(checked)
}

/// A directory: a fleet's or a cluster's `gen` output, an etc/ directory (or a directory
/// holding `etc/`), or catalogs alone.
pub(super) fn directory(
    tree: &dyn Tree,
    dir: &str,
    release: Option<u32>,
    judge: Judge<'_>,
) -> Result<Checked, String> {
    if tree.is_file(&join(&join(dir, "gateway"), "config.yaml")) {
        return fleet_directory(tree, dir, release, judge);
    }
    let mut sources = HashMap::new();
    let mut nodes = Vec::new();
    let gen_layout = ["coordinator", "worker"]
        .iter()
        .any(|r| tree.is_dir(&join(&join(dir, r), "etc")));
    if gen_layout {
        for (name, role) in [("coordinator", Role::Coordinator), ("worker", Role::Worker)] {
            let etc = join(&join(dir, name), "etc");
            if tree.is_dir(&etc) {
                nodes.push(etc_node(
                    tree,
                    &etc,
                    name.to_owned(),
                    Some(role),
                    &mut sources,
                )?);
            }
        }
        // `gen` also writes the Kubernetes stream: check it too when it is there.
        // Its image names the release the files were generated for.
        let yaml_path = join(dir, "kubernetes.yaml");
        let mut diagnostics = Vec::new();
        let mut release = release;
        if tree.is_file(&yaml_path) {
            let text = read_text(tree, &yaml_path)?;
            let (found, target) = judge(kubernetes::read(&text, &yaml_path), release);
            diagnostics.extend(found);
            release = Some(target.release);
            sources.insert(yaml_path, text);
        }
        let (found, target) = judge(crate::input::cluster(nodes), release);
        diagnostics.extend(found);
        return Ok(Checked {
            diagnostics: crate::diagnostic::finish(diagnostics),
            sources,
            spec: None,
            notes: Vec::new(),
            target: Some(target),
        });
    }
    let etc = if is_configuration_root(tree, dir) {
        Some(dir.to_owned())
    } else if is_configuration_root(tree, &join(dir, "etc")) {
        Some(join(dir, "etc"))
    } else {
        None
    };
    if let Some(etc) = etc {
        nodes.push(etc_node(tree, &etc, etc.clone(), None, &mut sources)?);
        let (diagnostics, target) = judge(crate::input::cluster(nodes), release);
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
    let (files, what) = if is_catalog_directory(tree, dir) {
        (
            read_tree(tree, dir, "catalog/", &mut sources)?,
            "a catalog directory (etc/catalog/)",
        )
    } else if is_catalog_directory(tree, &join(dir, "catalog")) {
        (
            read_tree(tree, dir, "", &mut sources)?,
            "an etc/ directory that holds only catalogs (no config.properties, jvm.config or node.properties)",
        )
    } else {
        return Err(format!(
            "{dir} is neither a Trino etc/ directory (no config.properties, jvm.config or node.properties), a catalog directory (no .properties file with connector.name) nor a `trinocfg gen` output (no coordinator/etc or worker/etc)\n  help: give the directory that holds Trino's files, its catalog/ directory, or one of its files"
        ));
    };
    let catalogs = files
        .iter()
        .filter(|f| f.rel.starts_with("catalog/") && f.rel.ends_with(".properties"))
        .count();
    let note = format!(
        "{dir}: checked as {what}: {catalogs} catalog {}, on their own; rules that need config.properties, jvm.config and the rest of etc/ are left out",
        if catalogs == 1 { "file" } else { "files" }
    );
    nodes.push(NodeFiles {
        label: dir.to_owned(),
        role: None,
        files,
        config_root: "/etc/trino".into(),
        complete: Completeness::CATALOGS,
        root_at: directory_origin(dir),
        ..NodeFiles::default()
    });
    let (diagnostics, target) = judge(crate::input::cluster(nodes), release);
    Ok(Checked {
        diagnostics,
        sources,
        spec: None,
        notes: vec![note],
        target: Some(target),
    })
}
