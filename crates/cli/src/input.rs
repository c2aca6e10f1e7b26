//! Reading inputs: files and standard input alike are read through a reader bounded by
//! [`text::MAX_INPUT_BYTES`] (at most one byte more is ever held), then decoded by
//! `trinocfg::text`. A refusal is a message with its fix; the caller exits 2.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use trinocfg::text::{self, DecodeError, InputKind, Shape};

/// `-` names standard input.
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

/// How an input is named in messages: its path, or `<stdin>`.
pub fn origin(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

/// `error: ` is printed before it; the help follows on its own line.
fn refusal(message: &str, help: &str) -> String {
    format!("{message}\n  help: {help}")
}

fn decode_refusal(e: &DecodeError, origin: &str) -> String {
    refusal(&e.message(origin), &e.help())
}

/// At most `limit` + 1 bytes of `reader`: enough to tell that an input is over the limit
/// without holding it.
fn read_bounded(reader: impl Read, limit: usize) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The bytes of a file or of standard input (`-`), refused when over the limit.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    let origin = origin(path);
    let read = if is_stdin(path) {
        read_bounded(io::stdin().lock(), text::MAX_INPUT_BYTES)
    } else {
        fs::File::open(path).and_then(|f| read_bounded(f, text::MAX_INPUT_BYTES))
    };
    let bytes = read.map_err(|e| format!("cannot read {origin}: {e}"))?;
    if bytes.len() > text::MAX_INPUT_BYTES {
        return Err(decode_refusal(
            &DecodeError::TooLarge { bytes: bytes.len() },
            &origin,
        ));
    }
    Ok(bytes)
}

/// Bytes of a spec, a Kubernetes YAML stream or a JSON file, as text: UTF-8 with or without
/// a byte-order mark, UTF-16 or UTF-32.
pub fn decode_text(bytes: &[u8], path: &Path) -> Result<String, String> {
    text::decode(bytes)
        .map(|d| d.text.into_owned())
        .map_err(|e| decode_refusal(&e, &origin(path)))
}

/// Bytes of a `.properties` file or `jvm.config`, as Trino reads them.
pub fn decode_trino_file(bytes: &[u8], path: &Path) -> Result<String, String> {
    text::decode_trino_file(bytes)
        .map(std::borrow::Cow::into_owned)
        .map_err(|e| decode_refusal(&e, &origin(path)))
}

/// A spec, a Kubernetes YAML stream or a JSON file, as text: UTF-8 with or without a
/// byte-order mark, UTF-16 or UTF-32.
pub fn read_text(path: &Path) -> Result<String, String> {
    decode_text(&read_bytes(path)?, path)
}

/// A `.properties` file or `jvm.config`, as Trino reads it.
pub fn read_trino_file(path: &Path) -> Result<String, String> {
    decode_trino_file(&read_bytes(path)?, path)
}

/// What `check` reads, for the help of a refusal.
const CHECK_READS: &str = "`check` reads a TOML spec, Kubernetes YAML (`helm template` output), a Trino etc/ directory or one of its files, a catalog directory, or a `trinocfg gen` output";

/// `check` refuses an input of a kind it does not read: what it looks like, and what to do.
/// `text` is looked at to tell YAML and JSON apart (Helm values, a gateway configuration, a
/// compose file); no content of it is quoted, since it may hold a secret.
pub fn check_refusal(kind: InputKind, path: &Path, text: &str) -> String {
    let origin = origin(path);
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
                    "render them with the chart and check what it renders: `helm template trino trino/trino -f {} | trinocfg check -`",
                    if is_stdin(path) { "values.yaml".to_owned() } else { path.display().to_string() }
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
                format!("{CHECK_READS}; JSON is read as Kubernetes objects or as a Kafka table description (with `tableName` or `topicName`)"),
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
pub fn unknown_file_refusal(path: &Path) -> String {
    let origin = origin(path);
    refusal(
        &format!(
            "{origin} is a properties file, but neither its name nor its keys tell which Trino file it is (no `connector.name`, no plugin key such as `access-control.name`, no server, node or log setting)"
        ),
        "name it after the file it is (config.properties, node.properties, log.properties, jvm.config, exchange-manager.properties, access-control.properties, ...; a catalog file needs `connector.name`), or give the etc/ directory that holds it",
    )
}

/// `check` refuses a Kubernetes stream without any Trino configuration: it would pass having
/// checked nothing.
pub fn no_trino_refusal(path: &Path, objects: usize) -> String {
    let origin = origin(path);
    let plural = if objects == 1 { "object" } else { "objects" };
    refusal(
        &format!(
            "{origin}: found no Trino configuration in {objects} Kubernetes {plural} (no ConfigMap holds config.properties, jvm.config, node.properties or a catalog file)"
        ),
        "check the stream that holds Trino's ConfigMaps, e.g. `helm template trino trino/trino -f values.yaml | trinocfg check -`, or give a Trino etc/ directory",
    )
}

/// `gen` and `explain` take a spec: input that is clearly something else is refused, saying
/// what it looks like and which command reads it. `None` for a spec, or text of no known kind
/// (the spec reader then says what is wrong with it).
pub fn spec_refusal(kind: InputKind, path: &Path, command: &str) -> Option<String> {
    let origin = origin(path);
    let shown = if is_stdin(path) {
        "-".to_owned()
    } else {
        path.display().to_string()
    };
    let help = match kind {
        InputKind::Kubernetes { .. } => format!(
            "`trinocfg check {shown}` reads Kubernetes YAML; `{command}` takes a TOML cluster spec (`trinocfg init` writes a starter one, `trinocfg import {shown}` one from this YAML)"
        ),
        InputKind::Yaml { .. } | InputKind::Json { .. } => format!(
            "`{command}` takes a TOML cluster spec (`trinocfg init` writes a starter one); `trinocfg import {shown}` writes one from Helm chart values or Kubernetes YAML"
        ),
        InputKind::Properties { .. } | InputKind::JvmConfig { .. } => format!(
            "`{command}` takes a TOML cluster spec (`trinocfg init` writes a starter one); `trinocfg check DIR` reads a Trino etc/ directory"
        ),
        InputKind::Empty | InputKind::Spec | InputKind::Unknown { .. } => return None,
    };
    Some(refusal(
        &format!(
            "{origin} looks like {}, not a trinocfg spec",
            kind.describe()
        ),
        &help,
    ))
}

/// Reads the spec files a fleet names, relative to the fleet's own file (the current
/// directory for standard input and examples), remembering each text for the report.
pub struct MemberFiles {
    base: std::path::PathBuf,
    /// Every file read: its name as the fleet gives it, and its text.
    pub read: std::cell::RefCell<Vec<(String, String)>>,
}

impl MemberFiles {
    /// Files beside `fleet` (a path, or `-`).
    pub fn beside(fleet: Option<&Path>) -> Self {
        let base = fleet
            .filter(|p| !is_stdin(p))
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        MemberFiles {
            base,
            read: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// The text of `path`, or why it cannot be read.
    pub fn read(&self, path: &str) -> Result<String, String> {
        let text = read_text(&self.base.join(path))?;
        self.read.borrow_mut().push((path.to_owned(), text.clone()));
        Ok(text)
    }

    /// The text of a file read, by its name as the fleet gives it.
    pub fn text(&self, path: &str) -> Option<String> {
        self.read
            .borrow()
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, t)| t.clone())
    }
}
