//! Reading inputs: files and standard input alike are read through a reader bounded by
//! [`text::MAX_INPUT_BYTES`] (at most one byte more is ever held), then decoded by
//! `trinocfg::text`. A refusal is a message with its fix; the caller exits 2.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use trinocfg::text::{self, DecodeError, InputKind};

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

/// A spec, a Kubernetes YAML stream or a JSON file, as text: UTF-8 with or without a
/// byte-order mark, UTF-16 or UTF-32.
pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes = read_bytes(path)?;
    text::decode(&bytes)
        .map(|d| d.text.into_owned())
        .map_err(|e| decode_refusal(&e, &origin(path)))
}

/// A `.properties` file or `jvm.config`, as Trino reads it.
pub fn read_trino_file(path: &Path) -> Result<String, String> {
    let bytes = read_bytes(path)?;
    text::decode_trino_file(&bytes)
        .map(std::borrow::Cow::into_owned)
        .map_err(|e| decode_refusal(&e, &origin(path)))
}

/// `check` refuses an input of a kind it does not read: what it looks like, and what to do.
pub fn check_refusal(kind: InputKind, path: &Path) -> String {
    let origin = origin(path);
    let help = match kind {
        InputKind::Empty => "there is nothing to check; give a spec, a Kubernetes YAML stream or a Trino etc/ directory",
        InputKind::Yaml { .. } => "`check` reads Kubernetes YAML: render Helm values with `helm template` and check that stream",
        InputKind::Json { .. } => "`check` reads Kubernetes objects; a Kafka table description is checked with the etc/ directory that holds it",
        InputKind::Properties { .. } | InputKind::JvmConfig { .. } => {
            "`check` reads a whole Trino etc/ directory: give the directory that holds config.properties"
        }
        InputKind::Unknown { .. } | InputKind::Spec | InputKind::Kubernetes { .. } => {
            "a spec is TOML and starts with a table such as `[cluster]` (name it `*.toml` to see its TOML errors); Kubernetes YAML names `apiVersion` and `kind`"
        }
    };
    let message = if kind == InputKind::Empty {
        format!("{origin} is empty (nothing but blank lines and comments)")
    } else {
        format!(
            "{origin} looks like {}, which `trinocfg check` does not read",
            kind.describe()
        )
    };
    refusal(&message, help)
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
            "`trinocfg check {shown}` reads Kubernetes YAML; `{command}` takes a TOML cluster spec (`trinocfg init` writes a starter one)"
        ),
        InputKind::Yaml { .. } | InputKind::Json { .. } => format!(
            "`{command}` takes a TOML cluster spec (`trinocfg init` writes a starter one); Helm values are not read: write the cluster as a spec"
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
