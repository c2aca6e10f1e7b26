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
use crate::model::{Cluster, Embedding, Fact, Origin, SourceFile};
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

struct Workload {
    kind: String,
    name: String,
    replicas: Option<Fact<u32>>,
    memory: Option<Fact<u64>>,
    env: Option<Vec<String>>,
    /// mount path → ConfigMap name.
    mounts: Vec<(String, String)>,
}

/// Reads a YAML stream into nodes. `display` names the stream in diagnostics.
/// Reads a YAML stream into the model; `display` names it in diagnostics.
pub fn read(yaml: &str, display: &str) -> Cluster {
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
        return input;
    }
    if builder.too_deep || builder.docs.len() > MAX_DOCUMENTS {
        input.diagnostics.push(Diagnostic::new(&rules::MALFORMED_FILE, format!("the YAML stream is nested deeper than {MAX_DEPTH} levels or has more than {MAX_DOCUMENTS} documents")).at(Location { file: Some(display.to_owned()), ..Location::default() }).help("check the stream in parts"));
        return input;
    }
    let starts = line_starts(yaml);
    let mut config_maps: Vec<ConfigMap> = Vec::new();
    let mut workloads: Vec<Workload> = Vec::new();
    for doc in &builder.docs {
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
                let volumes: BTreeMap<&str, &str> = spec
                    .and_then(|s| s.get("volumes"))
                    .map(Node::seq)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|v| {
                        Some((
                            v.get("name")?.str()?,
                            v.path(&["configMap", "name"])?.str()?,
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
                        let (Some(vol), Some(path)) = (
                            m.get("name").and_then(Node::str),
                            m.get("mountPath").and_then(Node::str),
                        ) else {
                            continue;
                        };
                        if let Some(cm) = volumes.get(vol) {
                            w.mounts
                                .push((path.trim_end_matches('/').to_owned(), (*cm).to_owned()));
                        }
                    }
                }
                workloads.push(w);
            }
            "Ingress" | "HTTPRoute" | "Gateway" => input.behind_proxy = true,
            _ => {}
        }
    }
    let is_role_map = |cm: &ConfigMap| cm.files.iter().any(|f| f.rel == "config.properties");
    let is_catalog_file = |f: &SourceFile| {
        f.rel.ends_with(".properties")
            && f.text
                .lines()
                .any(|l| l.trim_start().starts_with("connector.name"))
    };

    let mut nodes = Vec::new();
    let mut mounted_role_maps = BTreeSet::new();
    for w in &workloads {
        // The ConfigMap with config.properties is the configuration root.
        let Some((root, role_map)) = w.mounts.iter().find_map(|(path, cm)| {
            config_maps
                .iter()
                .find(|c| &c.name == cm && is_role_map(c))
                .map(|c| (path.clone(), c))
        }) else {
            continue;
        };
        mounted_role_maps.insert(role_map.name.clone());
        let mut files = role_map.files.clone();
        for (path, cm_name) in &w.mounts {
            let Some(rel_dir) = path
                .strip_prefix(&root)
                .map(|r| r.trim_start_matches('/'))
                .filter(|r| !r.is_empty())
            else {
                continue;
            };
            let Some(cm) = config_maps.iter().find(|c| &c.name == cm_name) else {
                continue;
            };
            for f in &cm.files {
                let mut f = f.clone();
                f.rel = format!("{rel_dir}/{}", f.rel);
                files.push(f);
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
        });
    }
    // ConfigMaps no workload mounts. Catalog files are the same for every node and their rules
    // do not depend on the node: they are checked once, with the first unmounted role map (or
    // on their own), so that a stream of many ConfigMaps costs linear time.
    let mounted: BTreeSet<&str> = workloads
        .iter()
        .flat_map(|w| w.mounts.iter().map(|(_, cm)| cm.as_str()))
        .collect();
    let mut catalog_files: Vec<SourceFile> = config_maps
        .iter()
        .filter(|c| !is_role_map(c) && !mounted.contains(c.name.as_str()))
        .flat_map(|c| c.files.iter().filter(|f| is_catalog_file(f)))
        .map(|f| SourceFile {
            rel: format!("catalog/{}", f.rel),
            ..f.clone()
        })
        .collect();
    for cm in config_maps
        .iter()
        .filter(|c| is_role_map(c) && !mounted_role_maps.contains(&c.name))
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
    cluster
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

    #[test]
    fn broken_yaml_is_a_diagnostic() {
        let input = read("a: [1, 2\nb: {", "x.yaml");
        assert_eq!(input.diagnostics.len(), 1);
        assert_eq!(input.diagnostics[0].code, "TP011");
    }
}
