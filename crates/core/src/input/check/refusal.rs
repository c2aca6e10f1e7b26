//! The refusals of `check`: a message saying what the input looks like, and a help saying
//! what to do. No content of the input is quoted, since it may hold a secret.

use super::{Tree, STDIN};
use crate::text::{self, DecodeError, InputKind, Shape};

/// How `path` of `tree` is named in messages: the path itself, or the tree's name for
/// standard input (`<stdin>`).
pub fn origin(tree: &dyn Tree, path: &str) -> String {
    if path == STDIN {
        tree.stdin_name().to_owned()
    } else {
        path.to_owned()
    }
}

/// A message and its help, as `check` prints them (`error: ` is put before it).
pub fn refusal(message: &str, help: &str) -> String {
    format!("{message}\n  help: {help}")
}

/// Bytes that are no text of the kind expected, refused.
pub fn decode_refusal(e: &DecodeError, origin: &str) -> String {
    refusal(&e.message(origin), &e.help())
}

/// What `check` reads, for the help of a refusal.
const CHECK_READS: &str = "`check` reads a TOML spec, Kubernetes YAML (`helm template` output), a Trino etc/ directory or one of its files, a catalog directory, or a `trinocfg gen` output";

/// `check` refuses an input of a kind it does not read: what it looks like, and what to do.
/// `origin` names the input in the message, `hint_path` in a command line of the help
/// (`values.yaml` for standard input). `text` is looked at to tell YAML and JSON apart (Helm
/// values, a gateway configuration, a compose file); no content of it is quoted.
pub fn check_refusal(kind: InputKind, origin: &str, hint_path: &str, text: &str) -> String {
    let looks =
        |what: &str| format!("{origin} looks like {what}, which `trinocfg check` does not read");
    let keys = |keys: &[&str]| {
        keys.iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (message, help) = match kind {
        InputKind::Empty => (
            format!("{origin} is empty (nothing but blank lines and comments)"),
            "there is nothing to check; give a spec, a Kubernetes YAML stream or a Trino etc/ directory".to_owned(),
        ),
        InputKind::Yaml { .. } | InputKind::Json { .. } => match text::shape(text) {
            Shape::TrinoHelmValues(found) => (
                looks(&format!(
                    "values for the Trino Helm chart (top-level {})",
                    keys(&found)
                )),
                format!(
                    "render them with the chart and check what it renders: `helm template trino trino/trino -f {hint_path} | trinocfg check -`"
                ),
            ),
            Shape::TrinoGateway(found) => (
                looks(&format!(
                    "a Trino Gateway configuration (top-level {})",
                    keys(&found)
                )),
                "`trinocfg check` reads a gateway configuration (with its routing rules and backends.json beside it); `gen` takes a fleet spec, `[gateway]` and `[clusters.NAME]`, and writes one".to_owned(),
            ),
            Shape::Compose => (
                looks("a Docker Compose file (`services` naming images)"),
                "give the etc/ directory the compose file mounts into the Trino container (see its `volumes`), e.g. `trinocfg check ./etc`".to_owned(),
            ),
            Shape::Unknown if matches!(kind, InputKind::Json { .. }) => (
                looks(&kind.describe()),
                format!("{CHECK_READS}; JSON is read as Kubernetes objects, a Kafka table description (with `tableName` or `topicName`), session property rules (with `sessionProperties`), resource groups (with `rootGroups`) or access control rules (`catalogs`, `tables`, ...)"),
            ),
            Shape::Unknown => (
                looks(&kind.describe()),
                format!("{CHECK_READS}; YAML is read as Kubernetes objects, with `apiVersion` and `kind`"),
            ),
        },
        InputKind::Unknown { .. }
        | InputKind::Spec
        | InputKind::Kubernetes { .. }
        | InputKind::Properties { .. }
        | InputKind::JvmConfig { .. } => (
            looks(&kind.describe()),
            "a spec is TOML and starts with a table such as `[cluster]` (name it `*.toml` to see its TOML errors); Kubernetes YAML names `apiVersion` and `kind`".to_owned(),
        ),
    };
    refusal(&message, &help)
}

/// `check` refuses a properties file (or JVM options) that is none of Trino's files it can
/// tell: by name or by key.
pub fn unknown_file_refusal(origin: &str) -> String {
    refusal(
        &format!(
            "{origin} is a properties file, but neither its name nor its keys tell which Trino file it is (no `connector.name`, no plugin key such as `access-control.name`, no server, node or log setting)"
        ),
        "name it after the file it is (config.properties, node.properties, log.properties, jvm.config, exchange-manager.properties, access-control.properties, ...; a catalog file needs `connector.name`), or give the etc/ directory that holds it",
    )
}

/// `check` refuses a Kubernetes stream without any Trino configuration: it would pass having
/// checked nothing.
pub fn no_trino_refusal(origin: &str, objects: usize) -> String {
    let plural = if objects == 1 { "object" } else { "objects" };
    refusal(
        &format!(
            "{origin}: found no Trino configuration in {objects} Kubernetes {plural} (no ConfigMap holds config.properties, jvm.config, node.properties or a catalog file)"
        ),
        "check the stream that holds Trino's ConfigMaps, e.g. `helm template trino trino/trino -f values.yaml | trinocfg check -`, or give a Trino etc/ directory",
    )
}
