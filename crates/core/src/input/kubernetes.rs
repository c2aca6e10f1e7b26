//! Kubernetes YAML streams (`helm template` output, `trinocfg gen` output): ConfigMaps holding
//! Trino files become nodes, with roles read from their content and container memory, replicas,
//! environment and mount paths read from the Deployments (or StatefulSets) that mount them.

use std::collections::{BTreeMap, BTreeSet};

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::NodeFiles;
use crate::credentials;
use crate::diagnostic::{Diagnostic, Location};
use crate::memory::Role;
use crate::model::{Cluster, Completeness, Embedding, Fact, Origin, SourceFile};
use crate::rules;
use crate::spec::secrets::is_sensitive_key;
use crate::units::parse_k8s_memory;

/// Documents in one stream at most; larger input is refused with a diagnostic.
pub const MAX_DOCUMENTS: usize = 100_000;
/// Nesting depth at most.
const MAX_DEPTH: usize = 64;

/// A YAML node with the position of its start.
#[derive(Debug, Clone)]
enum Node {
    Scalar {
        value: String,
        style: TScalarStyle,
        line: usize,
        col: usize,
    },
    Map(Vec<(Node, Node)>),
    Seq(Vec<Node>),
}

impl Node {
    fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    fn path(&self, keys: &[&str]) -> Option<&Node> {
        keys.iter().try_fold(self, |n, k| n.get(k))
    }

    fn str(&self) -> Option<&str> {
        match self {
            Node::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    fn seq(&self) -> &[Node] {
        match self {
            Node::Seq(items) => items,
            _ => &[],
        }
    }

    fn entries(&self) -> &[(Node, Node)] {
        match self {
            Node::Map(entries) => entries,
            _ => &[],
        }
    }
}

/// Builds documents from parser events.
#[derive(Default)]
struct Builder {
    docs: Vec<Node>,
    stack: Vec<(Node, Option<Node>)>,
    too_deep: bool,
}

impl Builder {
    fn push_value(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.docs.push(node),
            Some((Node::Seq(items), _)) => items.push(node),
            Some((Node::Map(entries), pending)) => match pending.take() {
                None => *pending = Some(node),
                Some(key) => entries.push((key, node)),
            },
            Some((Node::Scalar { .. }, _)) => {}
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, style, _, _) => self.push_value(Node::Scalar {
                value,
                style,
                line: mark.line(),
                col: mark.col(),
            }),
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if self.stack.len() >= MAX_DEPTH {
                    self.too_deep = true;
                }
                let node = if matches!(ev, Event::SequenceStart(..)) {
                    Node::Seq(Vec::new())
                } else {
                    Node::Map(Vec::new())
                };
                self.stack.push((node, None));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((node, _)) = self.stack.pop() {
                    self.push_value(node);
                }
            }
            // Aliases are not followed: a ConfigMap never needs them, and they can blow up.
            Event::Alias(_) => self.push_value(Node::Scalar {
                value: String::new(),
                style: TScalarStyle::Plain,
                line: mark.line(),
                col: mark.col(),
            }),
            _ => {}
        }
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// Maps a block scalar's content onto the lines of the YAML text, when it can be done exactly.
/// `first_line` is where the parser marks a block scalar: its first content line (1-based).
fn block_origin(
    yaml: &str,
    starts: &[usize],
    first_line: usize,
    content: &str,
    key_line: usize,
    key_col: usize,
) -> Embedding {
    let fallback = Embedding::Key {
        line: key_line,
        column: key_col,
    };
    let lines: Vec<&str> = content.split('\n').collect();
    let first_yaml_line = first_line;
    let mut indent = None;
    let mut offsets = Vec::with_capacity(lines.len());
    for (i, text) in lines.iter().enumerate() {
        let yl = first_yaml_line + i;
        let Some(&start) = starts.get(yl - 1) else {
            if text.is_empty() {
                break;
            }
            return fallback;
        };
        let end = starts.get(yl).map_or(yaml.len(), |e| e - 1);
        let line = &yaml[start..end.max(start)];
        let line = line.strip_suffix('\r').unwrap_or(line);
        if text.is_empty() {
            offsets.push(start + line.len().min(indent.unwrap_or(0)));
            continue;
        }
        let ind = *indent.get_or_insert_with(|| line.len() - line.trim_start_matches(' ').len());
        if line.len() < ind || &line[ind..] != *text {
            return fallback;
        }
        offsets.push(start + ind);
    }
    Embedding::Block {
        line: first_yaml_line,
        indent: indent.unwrap_or(0),
        starts: offsets,
    }
}

/// Lines with unportable characters reported at most; the last report counts the rest.
const MAX_CHARACTER_REPORTS: usize = 20;

/// Characters that YAML readers read differently or refuse, one report per line: a raw line or
/// paragraph separator (U+2028, U+2029) or next-line character (U+0085) is a line break to a
/// YAML 1.1 reader (`PyYAML`, the go-yaml of older kubectl) and text to a YAML 1.2 reader, so the
/// two read different documents; a raw control character, a byte-order mark inside the text
/// or a non-character is refused by YAML readers.
fn unportable_characters(yaml: &str, display: &str) -> Vec<Diagnostic> {
    let mut found: Vec<(usize, usize, char)> = Vec::new();
    let mut total = 0;
    let (mut line, mut line_start, mut last_line) = (1, 0, 0);
    for (i, c) in yaml.char_indices() {
        match c {
            '\n' => {
                line += 1;
                line_start = i + 1;
                continue;
            }
            '\t' | '\r' => continue,
            '\u{feff}' if i == 0 => continue,
            '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}' => {}
            c if c.is_control() => {}
            _ => continue,
        }
        if line != last_line {
            last_line = line;
            total += 1;
            if found.len() < MAX_CHARACTER_REPORTS {
                let column = yaml[line_start..i].chars().count() + 1;
                found.push((line, column, c));
            }
        }
    }
    let more = total - found.len();
    let count = found.len();
    found
        .into_iter()
        .enumerate()
        .map(|(n, (line, column, c))| {
            let code = u32::from(c);
            let (message, help) = if matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') {
                let name = match c {
                    '\u{2028}' => "line separator",
                    '\u{2029}' => "paragraph separator",
                    _ => "next-line character",
                };
                (
                    format!("raw U+{code:04X} ({name}): a YAML 1.1 reader (PyYAML, the go-yaml of older kubectl) reads it as a line break, a YAML 1.2 reader as part of the text, so the two read different documents"),
                    format!("write the scalar double-quoted with the character escaped, `\\u{code:04X}`, or remove it"),
                )
            } else {
                (
                    format!("raw U+{code:04X}, a non-printable character: YAML readers refuse it (PyYAML: \"unacceptable character\")"),
                    format!("write the scalar double-quoted with the character escaped, `\\u{code:04X}`, or remove it"),
                )
            };
            let message = if n + 1 == count && more > 0 {
                format!("{message} (and {more} more lines like it)")
            } else {
                message
            };
            Diagnostic::new(&rules::MALFORMED_FILE, message)
                .at(Location {
                    file: Some(display.to_owned()),
                    line,
                    column,
                    ..Location::default()
                })
                .help(help)
        })
        .collect()
}

struct ConfigMap {
    name: String,
    files: Vec<SourceFile>,
}

impl ConfigMap {
    /// Whether it holds a file of the configuration root that only Trino's own directory has.
    fn is_root(&self) -> bool {
        self.files
            .iter()
            .any(|f| ROOT_FILES.contains(&f.rel.as_str()))
    }

    fn has(&self, rel: &str) -> bool {
        self.files.iter().any(|f| f.rel == rel)
    }

    /// The files a volume of this ConfigMap shows: every key, or only the `items` it projects,
    /// under their paths.
    fn projected(&self, items: Option<&[(String, String)]>) -> Vec<SourceFile> {
        match items {
            None => self.files.clone(),
            Some(items) => items
                .iter()
                .filter_map(|(key, path)| {
                    let f = self.files.iter().find(|f| &f.rel == key)?;
                    Some(SourceFile {
                        rel: path.trim_start_matches("./").to_owned(),
                        ..f.clone()
                    })
                })
                .collect(),
        }
    }
}

/// The files of a configuration root that tell a ConfigMap holding them is the root itself.
const ROOT_FILES: &[&str] = &["config.properties", "jvm.config", "node.properties"];

/// A ConfigMap volume of a pod: the ConfigMap's name and the items it projects (key, path),
/// when it lists them.
type Volume<'a> = (&'a str, Option<Vec<(String, String)>>);

/// A ConfigMap volume mounted into a workload's Trino container.
struct Mount {
    /// The mount path, without a trailing `/`.
    path: String,
    /// The ConfigMap's name.
    config_map: String,
    /// The keys the volume projects (`items`: key and path), when it lists them.
    items: Option<Vec<(String, String)>>,
    /// `subPath`: the one file (or directory) of the volume mounted at `path`.
    sub_path: Option<String>,
    /// Where the mount path is written.
    at: Origin,
}

struct Workload {
    kind: String,
    name: String,
    replicas: Option<Fact<u32>>,
    memory: Option<Fact<u64>>,
    env: Option<Vec<String>>,
    mounts: Vec<Mount>,
    /// Mount paths of the container's other volumes (Secrets, projected, emptyDir, ...),
    /// whose files this reader cannot see.
    other_mounts: Vec<String>,
}

/// A YAML stream read into the model, with what it held besides.
#[derive(Debug, Clone, Default)]
pub struct Stream {
    /// The model: a node per Trino workload, and the ConfigMaps no workload mounts.
    pub cluster: Cluster,
    /// Kubernetes objects in the stream (documents and `List` items with a `kind`).
    pub objects: usize,
    /// Whether the stream was read as YAML (when not, `cluster` holds the error).
    pub parsed: bool,
}

impl Stream {
    /// Whether the stream holds any Trino configuration file that the model reads.
    pub fn has_trino_configuration(&self) -> bool {
        self.cluster.nodes.iter().any(|n| !n.files.is_empty())
    }
}

/// Reads a YAML stream into the model; `display` names it in diagnostics.
pub fn read(yaml: &str, display: &str) -> Cluster {
    read_stream(yaml, display).cluster
}

/// Reads a YAML stream into the model, counting its objects; `display` names it in
/// diagnostics.
pub fn read_stream(yaml: &str, display: &str) -> Stream {
    let mut input = Cluster::default();
    // Where a scalar of the stream is, for facts read from workloads.
    let at = |line: usize, col: usize| {
        Origin::At(Box::new(Location {
            file: Some(display.to_owned()),
            line,
            column: col + 1,
            ..Location::default()
        }))
    };
    // Where a scalar is, with its span so that a diagnostic shows the line, labelled `path`.
    let starts_of_lines = line_starts(yaml);
    let scalar_at = |line: usize, col: usize, len: usize, path: String| {
        let start = starts_of_lines.get(line.wrapping_sub(1)).map(|&s| {
            let line_text = &yaml[s..];
            s + line_text
                .char_indices()
                .nth(col)
                .map_or(line_text.len(), |(i, _)| i)
        });
        let mut location = Location {
            file: Some(display.to_owned()),
            path: Some(path),
            line,
            column: col + 1,
            ..Location::default()
        };
        if let Some(start) = start {
            let end = yaml[start..]
                .find(['\n', '\r'])
                .map_or(yaml.len(), |i| start + i)
                .min(start + len);
            location.span = Some(start..end.max(start));
        }
        Origin::At(Box::new(location))
    };
    input.diagnostics = unportable_characters(yaml, display);
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(yaml);
    if let Err(e) = parser.load(&mut builder, true) {
        let m = e.marker();
        input.diagnostics.push(
            Diagnostic::new(
                &rules::MALFORMED_FILE,
                format!("invalid YAML: {}", e.info()),
            )
            .at(Location {
                file: Some(display.to_owned()),
                line: m.line(),
                column: m.col() + 1,
                ..Location::default()
            })
            .help("fix the YAML syntax at this position"),
        );
        return Stream {
            cluster: input,
            ..Stream::default()
        };
    }
    if builder.too_deep || builder.docs.len() > MAX_DOCUMENTS {
        input.diagnostics.push(Diagnostic::new(&rules::MALFORMED_FILE, format!("the YAML stream is nested deeper than {MAX_DEPTH} levels or has more than {MAX_DOCUMENTS} documents")).at(Location { file: Some(display.to_owned()), ..Location::default() }).help("check the stream in parts"));
        return Stream {
            cluster: input,
            ..Stream::default()
        };
    }
    let starts = line_starts(yaml);
    let mut config_maps: Vec<ConfigMap> = Vec::new();
    let mut workloads: Vec<Workload> = Vec::new();
    // `kubectl get -o yaml` wraps objects in a `List` (or `ConfigMapList`, ...): its items.
    let objects: Vec<&Node> = builder
        .docs
        .iter()
        .flat_map(|doc| {
            let is_list = doc
                .get("kind")
                .and_then(Node::str)
                .is_some_and(|k| k.ends_with("List"));
            match doc.get("items") {
                Some(Node::Seq(items)) if is_list => items.iter().collect(),
                _ => vec![doc],
            }
        })
        .filter(|o| o.get("kind").and_then(Node::str).is_some())
        .collect();
    for &doc in &objects {
        let kind = doc.get("kind").and_then(Node::str).unwrap_or_default();
        let name = doc
            .path(&["metadata", "name"])
            .and_then(Node::str)
            .unwrap_or_default()
            .to_owned();
        match kind {
            "ConfigMap" => {
                let mut files = Vec::new();
                for (k, v) in doc.get("data").map(Node::entries).unwrap_or_default() {
                    let (
                        Some(file),
                        Node::Scalar {
                            value,
                            style,
                            line,
                            col,
                        },
                    ) = (k.str(), v)
                    else {
                        continue;
                    };
                    let (key_line, key_col) = match k {
                        Node::Scalar { line, col, .. } => (*line, *col + 1),
                        _ => (*line, *col + 1),
                    };
                    let origin = if *style == TScalarStyle::Literal {
                        block_origin(yaml, &starts, *line, value, key_line, key_col)
                    } else {
                        Embedding::Key {
                            line: key_line,
                            column: key_col,
                        }
                    };
                    files.push(SourceFile {
                        rel: file.to_owned(),
                        display: display.to_owned(),
                        label: Some(format!("ConfigMap {name}, {file}")),
                        text: value.clone(),
                        embedding: origin,
                    });
                }
                config_maps.push(ConfigMap { name, files });
            }
            "Deployment" | "StatefulSet" | "DaemonSet" => {
                let spec = doc.path(&["spec", "template", "spec"]);
                let containers = spec
                    .and_then(|s| s.get("containers"))
                    .map(Node::seq)
                    .unwrap_or_default();
                let container = containers
                    .iter()
                    .find(|c| {
                        c.get("name")
                            .and_then(Node::str)
                            .is_some_and(|n| n.contains("trino"))
                    })
                    .or_else(|| containers.first());
                // Volume name → ConfigMap name and the items it projects.
                let volumes: BTreeMap<&str, Volume<'_>> = spec
                    .and_then(|s| s.get("volumes"))
                    .map(Node::seq)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|v| {
                        let items = v.path(&["configMap", "items"]).map(|items| {
                            items
                                .seq()
                                .iter()
                                .filter_map(|i| {
                                    Some((
                                        i.get("key")?.str()?.to_owned(),
                                        i.get("path")?.str()?.to_owned(),
                                    ))
                                })
                                .collect()
                        });
                        Some((
                            v.get("name")?.str()?,
                            (v.path(&["configMap", "name"])?.str()?, items),
                        ))
                    })
                    .collect();
                let mut w = Workload {
                    kind: kind.to_owned(),
                    name,
                    replicas: None,
                    memory: None,
                    env: None,
                    mounts: Vec::new(),
                    other_mounts: Vec::new(),
                };
                w.replicas = match doc.path(&["spec", "replicas"]) {
                    Some(Node::Scalar {
                        value, line, col, ..
                    }) => value.parse().ok().map(|r| Fact {
                        value: r,
                        at: at(*line, *col),
                    }),
                    Some(_) => None,
                    None if kind == "DaemonSet" => None,
                    None => Some(Fact {
                        value: 1,
                        at: Origin::Nowhere,
                    }),
                };
                if let Some(c) = container {
                    w.memory = match c.path(&["resources", "limits", "memory"]) {
                        Some(Node::Scalar {
                            value, line, col, ..
                        }) => parse_k8s_memory(value).ok().map(|b| Fact {
                            value: b.0,
                            at: at(*line, *col),
                        }),
                        _ => None,
                    };
                    let mut names = Vec::new();
                    for e in c.get("env").map(Node::seq).unwrap_or_default() {
                        if let Some(n) = e.get("name").and_then(Node::str) {
                            names.push(n.to_owned());
                            if let Some(Node::Scalar {
                                value, line, col, ..
                            }) = e.get("value")
                            {
                                let sensitive =
                                    is_sensitive_key(&n.to_ascii_lowercase().replace('_', "-"));
                                // `$(VAR)` takes the value of another variable.
                                if !value.contains("$(")
                                    && !credentials::in_property(value, sensitive).is_empty()
                                {
                                    input.diagnostics.push(
                                        Diagnostic::new(&rules::LITERAL_CREDENTIAL, format!("environment variable `{n}` of {kind} {} holds a literal credential", w.name))
                                            .at(Location { file: Some(display.to_owned()), path: Some(format!("{kind} {}: env {n}", w.name)), line: *line, column: *col + 1, ..Location::default() })
                                            .help("take it from a Secret: `valueFrom: { secretKeyRef: { name: ..., key: ... } }`"),
                                    );
                                }
                            }
                        }
                    }
                    // envFrom brings variables this reader cannot see: do not judge the env.
                    if c.get("envFrom")
                        .map(Node::seq)
                        .unwrap_or_default()
                        .is_empty()
                    {
                        w.env = Some(names);
                    }
                    for m in c.get("volumeMounts").map(Node::seq).unwrap_or_default() {
                        let (
                            Some(vol),
                            Some(Node::Scalar {
                                value: path,
                                style,
                                line,
                                col,
                            }),
                        ) = (m.get("name").and_then(Node::str), m.get("mountPath"))
                        else {
                            continue;
                        };
                        if let Some((cm, items)) = volumes.get(vol) {
                            let quotes = if *style == TScalarStyle::Plain { 0 } else { 2 };
                            let label =
                                format!("{kind} {}: ConfigMap {cm} mounted at {path}", w.name);
                            w.mounts.push(Mount {
                                path: path.trim_end_matches('/').to_owned(),
                                config_map: (*cm).to_owned(),
                                items: items.clone(),
                                sub_path: m
                                    .get("subPath")
                                    .and_then(Node::str)
                                    .filter(|p| !p.is_empty())
                                    .map(str::to_owned),
                                at: scalar_at(*line, *col, path.len() + quotes, label),
                            });
                        } else {
                            w.other_mounts.push(path.trim_end_matches('/').to_owned());
                        }
                    }
                }
                workloads.push(w);
            }
            "Ingress" | "HTTPRoute" | "Gateway" => input.behind_proxy = true,
            _ => {}
        }
    }
    let is_catalog_file = |f: &SourceFile| {
        f.rel.ends_with(".properties")
            && f.text
                .lines()
                .any(|l| l.trim_start().starts_with("connector.name"))
    };
    let find_map = |name: &str| config_maps.iter().find(|c| c.name == name);

    let mut nodes = Vec::new();
    let mut mounted_role_maps = BTreeSet::new();
    for w in &workloads {
        let Some((root, complete, root_at)) = configuration_root(w, &find_map, &is_catalog_file)
        else {
            continue;
        };
        let mut files = Vec::new();
        for m in &w.mounts {
            let Some(rel) = m
                .path
                .strip_prefix(&root)
                .filter(|r| r.is_empty() || r.starts_with('/'))
                .map(|r| r.trim_start_matches('/'))
            else {
                continue;
            };
            let Some(cm) = find_map(&m.config_map) else {
                continue;
            };
            if cm.is_root() {
                mounted_role_maps.insert(cm.name.clone());
            }
            let projected = cm.projected(m.items.as_deref());
            let joined = |name: &str| {
                if rel.is_empty() {
                    name.to_owned()
                } else {
                    format!("{rel}/{name}")
                }
            };
            match &m.sub_path {
                // One file of the volume, mounted at the mount path itself.
                Some(sub) => {
                    if let Some(f) = projected.iter().find(|f| &f.rel == sub) {
                        if !rel.is_empty() {
                            files.push(SourceFile {
                                rel: rel.to_owned(),
                                ..f.clone()
                            });
                        }
                    }
                }
                None => files.extend(projected.into_iter().map(|f| SourceFile {
                    rel: joined(&f.rel),
                    ..f
                })),
            }
        }
        nodes.push(NodeFiles {
            label: format!("{} {}", w.kind, w.name),
            role: None,
            files,
            container_memory: w.memory.clone(),
            replicas: w.replicas.clone(),
            env: w.env.clone(),
            config_root: root,
            complete,
            root_at,
        });
    }
    // ConfigMaps no workload mounts: what directory they would form is not known, so their
    // nodes are partial. Catalog files are the same for every node and their rules do not
    // depend on the node: they are checked once, with the first unmounted role map (or on
    // their own), so that a stream of many ConfigMaps costs linear time.
    let mounted: BTreeSet<&str> = workloads
        .iter()
        .flat_map(|w| w.mounts.iter().map(|m| m.config_map.as_str()))
        .collect();
    let mut catalog_files: Vec<SourceFile> = config_maps
        .iter()
        .filter(|c| !c.is_root() && !mounted.contains(c.name.as_str()))
        .flat_map(|c| c.files.iter().filter(|f| is_catalog_file(f)))
        .map(|f| SourceFile {
            rel: format!("catalog/{}", f.rel),
            ..f.clone()
        })
        .collect();
    for cm in config_maps
        .iter()
        .filter(|c| c.is_root() && !mounted_role_maps.contains(&c.name))
    {
        let mut files = cm.files.clone();
        files.append(&mut catalog_files);
        nodes.push(NodeFiles {
            label: format!("ConfigMap {}", cm.name),
            role: None,
            files,
            config_root: "/etc/trino".into(),
            ..NodeFiles::default()
        });
    }
    if !catalog_files.is_empty() {
        nodes.push(NodeFiles {
            label: "catalog ConfigMaps".into(),
            role: Some(Role::Coordinator),
            files: catalog_files,
            config_root: "/etc/trino".into(),
            ..NodeFiles::default()
        });
    }
    let diagnostics = std::mem::take(&mut input.diagnostics);
    let behind_proxy = input.behind_proxy;
    let mut cluster = super::cluster(nodes);
    cluster.diagnostics = diagnostics;
    cluster.behind_proxy = behind_proxy;
    Stream {
        cluster,
        objects: objects.len(),
        parsed: true,
    }
}

/// The configuration root of a workload, how completely its mounts give it, and where it is
/// mounted; `None` for a workload that mounts no Trino configuration.
///
/// A ConfigMap holding the root's own files (`config.properties` first) mounted as a directory
/// hides whatever the image has there: the mounts below it are the whole directory, unless
/// another kind of volume (a Secret, ...) is mounted at one of its files. Mounted
/// file by file (`subPath`), the image's other files remain, unseen. A workload that mounts
/// only a catalog directory keeps the image's own root files and is checked for its catalogs.
fn configuration_root<'a>(
    w: &Workload,
    find_map: &impl Fn(&str) -> Option<&'a ConfigMap>,
    is_catalog_file: &impl Fn(&SourceFile) -> bool,
) -> Option<(String, Completeness, Origin)> {
    let whole = |m: &&Mount| m.sub_path.is_none();
    let root_map = |m: &&Mount, rel: Option<&str>| {
        find_map(&m.config_map).is_some_and(|c| match rel {
            Some(rel) => c.has(rel),
            None => c.is_root(),
        })
    };
    let directory = w
        .mounts
        .iter()
        .filter(whole)
        .find(|m| root_map(m, Some("config.properties")))
        .or_else(|| w.mounts.iter().filter(whole).find(|m| root_map(m, None)));
    if let Some(m) = directory {
        // Another volume mounted at a file of the root (a Secret's `jvm.config`, ...) may hold
        // a file the ConfigMaps lack.
        let unseen = w.other_mounts.iter().any(|p| {
            p == &m.path
                || p.rsplit_once('/').is_some_and(|(parent, name)| {
                    parent == m.path && (name.ends_with(".properties") || name == "jvm.config")
                })
        });
        let complete = if unseen {
            Completeness {
                root: false,
                ..Completeness::WHOLE
            }
        } else {
            Completeness::WHOLE
        };
        return Some((m.path.clone(), complete, m.at.clone()));
    }
    let parent = |path: &str| path.rsplit_once('/').map(|(p, _)| p.to_owned());
    let single = w.mounts.iter().find(|m| {
        m.sub_path
            .as_deref()
            .is_some_and(|s| ROOT_FILES.contains(&s))
            && find_map(&m.config_map).is_some()
    });
    if let Some(m) = single {
        return Some((parent(&m.path)?, Completeness::NONE, m.at.clone()));
    }
    let catalogs = w.mounts.iter().filter(whole).find(|m| {
        m.path.ends_with("/catalog")
            && find_map(&m.config_map).is_some_and(|c| c.files.iter().any(is_catalog_file))
    })?;
    Some((
        parent(&catalogs.path)?,
        Completeness::CATALOGS,
        Origin::Nowhere,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_scalars_map_onto_yaml_lines() {
        let yaml = "data:\n  a.properties: |\n    k=v\n\n    z=w\n  b.properties: \"x=1\\n\"\n";
        let mut b = Builder::default();
        Parser::new_from_str(yaml).load(&mut b, true).unwrap();
        let starts = line_starts(yaml);
        let entries = b.docs[0].get("data").unwrap().entries();
        let Node::Scalar {
            value, line, style, ..
        } = &entries[0].1
        else {
            panic!()
        };
        assert_eq!(*style, TScalarStyle::Literal);
        match block_origin(yaml, &starts, *line, value, 2, 3) {
            Embedding::Block {
                line,
                indent,
                starts,
            } => {
                assert_eq!((line, indent), (3, 4));
                assert_eq!(&yaml[starts[2]..starts[2] + 3], "z=w");
            }
            other => panic!("{other:?}"),
        }
        let input = read(yaml, "x.yaml");
        assert!(input.diagnostics.is_empty());
    }

    #[test]
    fn characters_yaml_readers_read_differently_are_reported() {
        let yaml = "kind: ConfigMap\ndata:\n  x.json: '{\"comment\": \"x\u{2028}evilkey: injected\"}'\n  y: a\u{85}b\n  z: \"\\u2028 escaped is fine\"\n";
        let d = read(yaml, "x.yaml").diagnostics;
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d.iter().all(|d| d.code == "TP011"));
        assert_eq!((d[0].location.line, d[0].location.column), (3, 26));
        assert!(d[0].message.contains("U+2028 (line separator)"));
        assert!(d[0].message.contains("YAML 1.1"));
        assert!(d[1].message.contains("U+0085"));
        assert!(d[0].help.as_deref().unwrap().contains("\\u2028"));
        let esc = read("kind: ConfigMap\nmetadata:\n  name: a\u{1b}b\n", "x.yaml").diagnostics;
        assert!(esc[0].message.contains("U+001B, a non-printable character"));
        // One report per line, at most 20, the last counting the rest.
        let many = "a: \u{2028}\u{2028}\n".repeat(25);
        let d = read(&many, "x.yaml").diagnostics;
        let tp011: Vec<_> = d.iter().filter(|d| d.message.contains("U+2028")).collect();
        assert_eq!(tp011.len(), 20);
        assert!(tp011[19].message.ends_with("(and 5 more lines like it)"));
        // What trinocfg writes has none.
        assert!(read("a: \"x\\u2028y\"\n", "x.yaml").diagnostics.is_empty());
    }

    /// A ConfigMap `name` holding `files` (name, content), and a Deployment mounting
    /// `mounts` (ConfigMap, mount path, extra volume-mount and volume lines).
    fn stream(maps: &[(&str, &[(&str, &str)])], mounts: &[(&str, &str, &str, &str)]) -> String {
        let mut y = String::new();
        for (name, files) in maps {
            y.push_str(&format!(
                "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n"
            ));
            for (file, text) in *files {
                y.push_str(&format!("  {file}: |\n"));
                for line in text.lines() {
                    y.push_str(&format!("    {line}\n"));
                }
            }
        }
        y.push_str("---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: trino\nspec:\n  template:\n    spec:\n      containers:\n        - name: trino\n          image: trinodb/trino:482\n          volumeMounts:\n");
        for (i, (_, path, extra, _)) in mounts.iter().enumerate() {
            y.push_str(&format!(
                "            - name: v{i}\n              mountPath: {path}\n{extra}"
            ));
        }
        y.push_str("      volumes:\n");
        for (i, (cm, _, _, extra)) in mounts.iter().enumerate() {
            y.push_str(&format!(
                "        - name: v{i}\n          configMap:\n            name: {cm}\n{extra}"
            ));
        }
        y
    }

    fn codes(yaml: &str) -> Vec<&'static str> {
        crate::check(&read(yaml, "k.yaml"))
            .iter()
            .map(|d| d.code)
            .collect()
    }

    const CONFIG: (&str, &str) = (
        "config.properties",
        "coordinator=true\nhttp-server.http.port=8080\ndiscovery.uri=http://trino:8080\n",
    );
    const JVM: (&str, &str) = ("jvm.config", "-Xmx8G\n");
    const NODE: (&str, &str) = ("node.properties", "node.environment=prod\n");
    const TPCH: (&str, &str) = ("tpch.properties", "connector.name=tpch\n");

    #[test]
    fn a_workload_root_without_a_launcher_file_is_an_error_at_its_mount() {
        let yaml = stream(
            &[("etc", &[CONFIG, NODE])],
            &[("etc", "/etc/trino", "", "")],
        );
        let d = crate::check(&read(&yaml, "k.yaml"));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, "TN002");
        assert!(d[0].message.starts_with("Deployment trino: no jvm.config"));
        assert_eq!(
            d[0].location.path.as_deref(),
            Some("Deployment trino: ConfigMap etc mounted at /etc/trino")
        );
        let span = d[0].location.span.clone().unwrap();
        assert_eq!(&yaml[span], "/etc/trino");
        // A root ConfigMap without config.properties is still the root.
        let yaml = stream(&[("etc", &[JVM, NODE])], &[("etc", "/etc/trino/", "", "")]);
        let d = crate::check(&read(&yaml, "k.yaml"));
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message.ends_with("\"config file is missing\""),
            "{d:?}"
        );
        // Complete, it is clean.
        let yaml = stream(
            &[("etc", &[CONFIG, JVM, NODE]), ("cat", &[TPCH])],
            &[
                ("etc", "/etc/trino", "", ""),
                ("cat", "/etc/trino/catalog", "", ""),
            ],
        );
        assert_eq!(codes(&yaml), Vec::<&str>::new());
    }

    #[test]
    fn a_file_from_another_volume_is_not_judged_missing() {
        let mut yaml = stream(
            &[("etc", &[CONFIG, NODE])],
            &[("etc", "/etc/trino", "", "")],
        );
        yaml = yaml.replace(
            "      volumes:\n",
            "            - name: jvm\n              mountPath: /etc/trino/jvm.config\n              subPath: jvm.config\n      volumes:\n        - name: jvm\n          secret:\n            secretName: trino-jvm\n",
        );
        let cluster = read(&yaml, "k.yaml");
        assert!(!cluster.nodes[0].complete.root);
        assert!(cluster.nodes[0].complete.catalogs);
        assert_eq!(codes(&yaml), Vec::<&str>::new());
    }

    #[test]
    fn projected_items_are_the_only_files_of_a_volume() {
        let items = "            items:\n              - key: config.properties\n                path: config.properties\n";
        let yaml = stream(
            &[("etc", &[CONFIG, JVM, NODE])],
            &[("etc", "/etc/trino", "", items)],
        );
        assert_eq!(codes(&yaml), ["TN002"]);
    }

    #[test]
    fn a_workload_that_mounts_its_root_holds_it_in_full() {
        let yaml = stream(
            &[("etc", &[CONFIG, JVM, NODE]), ("cat", &[TPCH])],
            &[
                ("etc", "/etc/trino", "", ""),
                ("cat", "/etc/trino/catalog", "", ""),
            ],
        );
        let cluster = read(&yaml, "k.yaml");
        assert_eq!(cluster.nodes.len(), 1);
        let node = &cluster.nodes[0];
        assert_eq!(node.complete, Completeness::WHOLE);
        assert_eq!(node.config_root, "/etc/trino");
        let rels: Vec<&str> = node.files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(
            rels,
            [
                "config.properties",
                "jvm.config",
                "node.properties",
                "catalog/tpch.properties"
            ]
        );
        // A ConfigMap no workload mounts: what directory it belongs to is not known.
        let yaml = stream(&[("etc", &[CONFIG, JVM, NODE])], &[]);
        let cluster = read(&yaml, "k.yaml");
        assert_eq!(cluster.nodes[0].label, "ConfigMap etc");
        assert_eq!(cluster.nodes[0].complete, Completeness::NONE);
    }

    #[test]
    fn partial_mounts_keep_the_images_files() {
        // Files mounted one by one: the image's other files remain.
        let sub = "              subPath: config.properties\n";
        let yaml = stream(
            &[("etc", &[CONFIG])],
            &[("etc", "/etc/trino/config.properties", sub, "")],
        );
        let cluster = read(&yaml, "k.yaml");
        assert_eq!(cluster.nodes.len(), 1);
        assert_eq!(cluster.nodes[0].files[0].rel, "config.properties");
        assert!(!cluster.nodes[0].complete.root);
        assert_eq!(codes(&yaml), Vec::<&str>::new());
        // Only a catalog directory: its catalogs are checked, the root files are the image's.
        let bad = ("Sales.properties", "connector.name=tpch\n");
        let yaml = stream(
            &[("cat", &[TPCH, bad])],
            &[("cat", "/etc/trino/catalog", "", "")],
        );
        let cluster = read(&yaml, "k.yaml");
        assert_eq!(cluster.nodes.len(), 1);
        assert_eq!(cluster.nodes[0].complete, Completeness::CATALOGS);
        assert_eq!(codes(&yaml), ["TC004"]);
    }

    #[test]
    fn streams_count_their_objects_and_lists_are_read() {
        let s = read_stream(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\n",
            "k.yaml",
        );
        assert!(s.parsed);
        assert_eq!(s.objects, 2);
        assert!(!s.has_trino_configuration());
        let list = "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: etc\n    data:\n      config.properties: |\n        coordinator=true\n";
        let s = read_stream(list, "k.yaml");
        assert_eq!(s.objects, 1);
        assert!(s.has_trino_configuration());
        assert!(!read_stream("a: [", "k.yaml").parsed);
    }

    #[test]
    fn broken_yaml_is_a_diagnostic() {
        let input = read("a: [1, 2\nb: {", "x.yaml");
        assert_eq!(input.diagnostics.len(), 1);
        assert_eq!(input.diagnostics[0].code, "TP011");
    }
}
