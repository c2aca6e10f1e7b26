//! Secrets in configuration files: literal credentials, and `${...}` placeholders that Trino
//! will not resolve or whose environment variable the container does not define.

declare! {
    MALFORMED_PLACEHOLDER = "TE001", "malformed-placeholder", Error,
        "A `${...}` secret placeholder Trino will not resolve.",
        "Only `${PROVIDER:key}` is resolved (e.g. `${ENV:DB_PASSWORD}`); `${DB_PASSWORD}` or an \
unclosed `${ENV:X` is passed on literally, so the password becomes that text.\n\nFix: write \
`${ENV:NAME}`.";
    PLACEHOLDER_PROVIDER = "TE002", "placeholder-not-resolved", Warning,
        "A placeholder that this file or setup does not resolve.",
        "Trino resolves placeholders in `config.properties`, `node.properties`, catalog files and \
`exchange-manager.properties`, not in `log.properties` or `jvm.config`; and only the `ENV` \
provider is built in: `${FILE:...}` needs a secrets plugin and `etc/secrets.toml`.\n\nFix: \
use `${ENV:NAME}` in a file that resolves it.";
    ENV_NOT_PROVIDED = "TE003", "env-not-provided", Error,
        "`${ENV:NAME}` for a variable the container does not define.",
        "Trino fails to start when an environment variable a placeholder names is not set.\n\n\
Fix: add the variable to the container's `env` (from a Secret with `secretKeyRef`).";
    LITERAL_CREDENTIAL = "TK002", "literal-credential", Warning,
        "A password, key or token written in a configuration file or ConfigMap.",
        "Trino starts with it, but ConfigMaps are readable by anyone who can read the namespace \
and are kept in version control; credentials belong in Secrets (`trinocfg gen` refuses them, \
TK001; `--deny-warnings` makes `check` fail on them).\n\nFix: `connection-password=${ENV:DB_PASSWORD}` and \
the variable from a Secret with `secretKeyRef`.";
}

use super::Cx;
use crate::diagnostic::Diagnostic;
use crate::model::placeholders::{self, Placeholder};
use crate::model::{File, Node, Property};
use crate::spec::names::printable;
use crate::spec::secrets::is_sensitive_key;

/// Files in which Trino resolves `${...}` placeholders.
fn resolves_placeholders(file: &File) -> bool {
    file.rel != "log.properties" && file.rel != "jvm.config"
}

/// Checks one property: literal credentials by key, and its placeholders.
pub(crate) fn property(cx: &mut Cx<'_>, node: &Node, file: &File, entry: &Property) {
    if is_sensitive_key(&entry.key) {
        literal_credential(cx, file, entry);
    }
    let resolved_here = resolves_placeholders(file);
    for p in placeholders::scan(&entry.value) {
        let d = match p {
            Placeholder::Malformed(text) => Diagnostic::new(
                &MALFORMED_PLACEHOLDER,
                format!(
                    "`{}` is not a placeholder Trino resolves; the value is used literally",
                    printable(text)
                ),
            )
            .help("write `${ENV:NAME}`"),
            _ if !resolved_here => Diagnostic::new(
                &PLACEHOLDER_PROVIDER,
                format!("placeholders are not resolved in {}", file.file_name()),
            )
            .help("write the value itself here"),
            Placeholder::Other { provider } => Diagnostic::new(
                &PLACEHOLDER_PROVIDER,
                format!("`${{{provider}:...}}` needs a secrets plugin and etc/secrets.toml; only ENV is built in"),
            )
            .help("use `${ENV:NAME}` with the variable from a Secret"),
            Placeholder::Env(name) => {
                let defined = node.env.as_ref().is_none_or(|env| env.iter().any(|e| e == name));
                if defined {
                    continue;
                }
                let help = if entry.value_at.spec_path().is_some() {
                    format!("reference a Kubernetes Secret, `{{ secret = \"...\", key = \"...\", env = \"{name}\" }}`, so that the Deployment defines `{name}`")
                } else {
                    format!("add `{name}` to the container's env, from a Secret with secretKeyRef")
                };
                Diagnostic::new(
                    &ENV_NOT_PROVIDED,
                    format!(
                        "`${{ENV:{name}}}` names a variable the {} container does not define",
                        node.label
                    ),
                )
                .help(help)
            }
        };
        let d = d.at(cx.at_value(entry));
        cx.push(d);
    }
}

/// Reports a literal value of a credential property (once per place).
pub(crate) fn literal_credential(cx: &mut Cx<'_>, file: &File, entry: &Property) {
    let value = entry.value.trim();
    if value.is_empty() || value.contains("${") {
        return;
    }
    let at = cx.at_value(entry);
    if cx.reported(&LITERAL_CREDENTIAL, &at) || cx.reported(&super::LITERAL_SECRET, &at) {
        return;
    }
    // Written in the spec, it would be generated into a ConfigMap: an error there.
    if entry.value_at.spec_path().is_some() {
        let d = Diagnostic::new(
            &super::LITERAL_SECRET,
            format!(
                "`{}` holds a literal credential; it would end up in a ConfigMap",
                entry.key
            ),
        )
        .at(at)
        .help("reference a Kubernetes Secret instead: `{ secret = \"name\", key = \"key\" }`");
        cx.push(d);
        return;
    }
    let d = Diagnostic::new(
        &LITERAL_CREDENTIAL,
        format!(
            "`{}` holds a literal credential in {}",
            entry.key,
            file.file_name()
        ),
    )
    .at(at)
    .help(format!(
        "write `{}=${{ENV:NAME}}` and set NAME from a Kubernetes Secret",
        entry.key
    ));
    cx.push(d);
}
