//! Reading existing configuration into the [cluster model](crate::model): the files of Trino
//! `etc/` trees (or of the trees `gen` writes) and Kubernetes YAML streams such as
//! `helm template` output.
//!
//! The caller (the CLI, the browser) reads files from wherever they are; this module only sees
//! text.

pub mod chart;
pub mod check;
pub mod gateway;
pub mod kubernetes;
pub mod single;

use crate::jvm_config;
use crate::memory::Role;
use crate::model::{
    Cluster, Completeness, Content, Embedding, Fact, File, JvmConfig, Node, Origin, Properties,
    Property, SourceFile, Sources, TopicDescription, TopicFile, TopicOrigin,
};
use crate::properties;

/// The files of one Trino node (or of all nodes of one role) and what is known of its
/// container.
#[derive(Debug, Clone, Default)]
pub struct NodeFiles {
    /// What to call it in messages: `coordinator`, `worker`, a directory, a workload.
    pub label: String,
    /// Its role when known from outside (the layout of `gen`, a Deployment).
    pub role: Option<Role>,
    /// Its configuration files.
    pub files: Vec<SourceFile>,
    /// Container memory limit, when known.
    pub container_memory: Option<Fact<u64>>,
    /// Number of pods, when known.
    pub replicas: Option<Fact<u32>>,
    /// Environment variables the container defines, when known.
    pub env: Option<Vec<String>>,
    /// The container image, when known.
    pub image: Option<Fact<String>>,
    /// Directory the configuration is mounted at.
    pub config_root: String,
    /// Which parts of the configuration directory `files` hold in full (by default none: say
    /// so when a whole directory was read).
    pub complete: Completeness,
    /// Where the configuration directory is stated, for reporting a file it lacks.
    pub root_at: Origin,
    /// Its pods, when a workload describes them.
    pub pod: Option<crate::model::Pod>,
}

/// The model of the nodes' files.
pub fn cluster(nodes: Vec<NodeFiles>) -> Cluster {
    let mut cluster = Cluster::default();
    for n in nodes {
        let node = node(n, &mut cluster.sources);
        cluster.nodes.push(node);
    }
    cluster
}

/// Reads one node's files into the model, adding them to `sources`.
pub fn node(n: NodeFiles, sources: &mut Sources) -> Node {
    let files = n
        .files
        .into_iter()
        .filter_map(|f| file(f, sources))
        .collect();
    Node {
        label: n.label,
        declared_role: n.role,
        files,
        container_memory: n.container_memory,
        replicas: n.replicas,
        env: n.env,
        image: n.image,
        config_root: n.config_root,
        complete: n.complete,
        root_at: n.root_at,
        pod: n.pod,
    }
}

/// Reads one file; files Trino does not read as configuration are left out.
fn file(source: SourceFile, sources: &mut Sources) -> Option<File> {
    let rel = source.rel.clone();
    let is_topic = rel.ends_with(".json")
        && (source.text.contains("\"tableName\"") || source.text.contains("\"topicName\""));
    let trino_file = rel.ends_with(".properties") || rel == "jvm.config" || rel.ends_with(".json");
    // Other files of a ConfigMap are kept as text: a rule may find a key pasted into one, and
    // a property may name one (a group file).
    let in_config_map = matches!(
        source.embedding,
        Embedding::Block { .. } | Embedding::Lines { .. }
    );
    if !trino_file && !in_config_map {
        return None;
    }
    let id = sources.add(source);
    let text = &sources.files[id].text;
    let content = if !trino_file {
        Content::Text(text.clone())
    } else if rel == "jvm.config" {
        Content::Jvm(Box::new(jvm(text, id)))
    } else if rel.ends_with(".json") && !is_topic {
        Content::Json(Box::new(crate::model::JsonFile::new(
            text.clone(),
            TopicOrigin::File(id),
        )))
    } else if is_topic {
        let description = serde_json::from_str::<TopicDescription>(text)
            .map_err(|e| (e.to_string(), e.line().max(1)));
        Content::Topic(Box::new(TopicFile {
            description,
            at: TopicOrigin::File(id),
        }))
    } else {
        Content::Properties(properties_of(text, id))
    };
    Some(File {
        rel,
        at: Origin::File(id),
        content,
    })
}

/// A properties text read as Java reads it, with the origins of its keys and values.
pub fn properties_of(text: &str, file: usize) -> Properties {
    let parsed = properties::parse(text);
    let at = |span: std::ops::Range<usize>| Origin::Text { file, span };
    Properties {
        entries: parsed
            .entries
            .into_iter()
            .map(|e| Property {
                key: e.key,
                value: e.value,
                key_at: at(e.key_span),
                value_at: at(e.value_span),
            })
            .collect(),
        errors: parsed
            .errors
            .into_iter()
            .map(|e| (e.message, at(e.span)))
            .collect(),
    }
}

/// `jvm.config`; each option's origin is its whole line.
fn jvm(text: &str, file: usize) -> JvmConfig {
    let options = jvm_config::parse(text);
    let mut starts = vec![0];
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        // Line ends as the launcher counts them: `\n`, `\r`, `\r\n`.
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
    }
    let origins = options
        .iter()
        .map(|o| {
            let start = starts.get(o.line - 1).copied().unwrap_or(o.span.start);
            let end = starts
                .get(o.line)
                .map_or(text.len(), |&next| next.saturating_sub(1))
                .max(o.span.end);
            let end = if text[..end].ends_with('\r') {
                end - 1
            } else {
                end
            };
            Origin::Text {
                file,
                span: start.min(o.span.start)..end.max(o.span.end),
            }
        })
        .collect();
    JvmConfig::new(options, origins)
}
