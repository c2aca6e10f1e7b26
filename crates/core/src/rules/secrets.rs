//! Secrets in configuration: literal credentials (whole values of credential properties,
//! passwords in URLs, secret URL parameters, `-D` flags that say password, secret, key or
//! token), and `${...}` placeholders that Trino will not resolve or whose environment variable
//! the container does not define.
//!
//! A literal credential lowered from the spec is an error (TK001): it would be generated into a
//! ConfigMap. In existing files it is a warning (TK002): Trino starts with it. Either way the
//! diagnostic never holds the secret: its message names the setting, and it marks the secret's
//! bytes so that source snippets mask them.

declare! {
    MALFORMED_PLACEHOLDER = "TE001", "malformed-placeholder", Error,
        "A `${...}` secret placeholder Trino will not resolve.",
        "Only `${PROVIDER:key}` is resolved (e.g. `${ENV:DB_PASSWORD}`); `${DB_PASSWORD}` or an \
unclosed `${ENV:X` is passed on literally, so the password becomes that text. The LDAP \
authenticator's patterns (`ldap.user-bind-pattern=uid=${USER},ou=people`, \
`ldap.group-auth-pattern`) are the exception: `${USER}` there is Trino's own substitution, \
which the secrets resolver leaves alone.\n\nFix: write `${ENV:NAME}`.";
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

use std::collections::HashSet;
use std::ops::Range;

use super::Cx;
use crate::credentials::{self, Found, Kind};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::placeholders::{self, Placeholder};
use crate::model::{Cluster, Content, File, Node, Origin, Property};
use crate::spec::names::printable;
use crate::spec::secrets::is_sensitive_key;

/// Files in which Trino resolves `${...}` placeholders.
fn resolves_placeholders(file: &File) -> bool {
    file.rel != "log.properties" && file.rel != "jvm.config"
}

/// Checks one property: literal credentials by key, and its placeholders.
pub(crate) fn property(cx: &mut Cx<'_>, node: &Node, file: &File, entry: &Property) {
    literal_in_property(cx, file, entry, is_sensitive_key(&entry.key));
    let resolved_here = resolves_placeholders(file);
    for p in placeholders::scan(&entry.value) {
        let d = match p {
            // Trino's own substitution in LDAP patterns (`uid=${USER},ou=people`), which the
            // secrets resolver leaves alone.
            Placeholder::Malformed("${USER}") if entry.key.ends_with("-pattern") => continue,
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

/// Reports the literal credentials of a property whose key names a credential (Trino's
/// catalogue marks it security-sensitive).
pub(crate) fn literal_credential(cx: &mut Cx<'_>, file: &File, entry: &Property) {
    literal_in_property(cx, file, entry, true);
}

/// Reports the literal credentials of a property (once per place); `sensitive` says that its
/// key names a credential, so that a value other than a URL is a credential as a whole.
fn literal_in_property(cx: &mut Cx<'_>, file: &File, entry: &Property, sensitive: bool) {
    let found = credentials::in_property(&entry.value, sensitive);
    if found.is_empty() {
        return;
    }
    let at = cx.at_value(entry);
    let what = match &found[0].kind {
        Kind::Whole => format!("`{}` holds a literal credential", printable(&entry.key)),
        _ => format!(
            "the URL in `{}` holds {}",
            printable(&entry.key),
            url_parts(&found)
        ),
    };
    let spec_help = match (&found[0].kind, entry.value_at.spec_path()) {
        (Kind::Whole, _) => {
            "reference a Kubernetes Secret instead: `{ secret = \"name\", key = \"key\" }`"
                .to_owned()
        }
        (_, Some(path)) => url_help(path),
        (_, None) => String::new(),
    };
    let file_help = match &found[0].kind {
        Kind::Whole => format!(
            "write `{}=${{ENV:NAME}}` and set NAME from a Kubernetes Secret",
            printable(&entry.key)
        ),
        _ => "write `${ENV:NAME}` in place of the secret in the URL (or use the connector's own \
              password property) and set NAME from a Kubernetes Secret"
            .to_owned(),
    };
    let place = Place {
        origin: &entry.value_at,
        value: &entry.value,
        at,
    };
    report(cx, file, place, &found, &what, spec_help, file_help);
}

/// What the credentials of a URL are: `a literal password in its user-info (...) and a
/// literal `password` parameter`.
fn url_parts(found: &[Found]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for f in found {
        let part = match &f.kind {
            Kind::Whole => continue,
            Kind::UserInfo => {
                "a literal password in its user-info (`user:password@host`)".to_owned()
            }
            Kind::Parameter(name) => format!("a literal `{}` parameter", printable(name)),
        };
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    parts.join(" and ")
}

/// The help for a credential in a URL of the spec: the field to move it to, when the table of
/// the setting has one.
fn url_help(path: &str) -> String {
    let table = path.rsplit_once('.').map_or("", |(t, _)| t);
    if path.ends_with(".connection_url") {
        format!(
            "remove the password from the URL and set `{table}.password = {{ secret = \"name\", key = \"key\" }}`"
        )
    } else if path.ends_with(".endpoint") {
        format!(
            "remove the credentials from the URL and set `{table}.access_key` and `{table}.secret_key` to `{{ secret = \"name\", key = \"key\" }}`"
        )
    } else {
        "remove the credential from the URL: write `${ENV:NAME}` in its place and define NAME \
         from a Kubernetes Secret, `{ secret = \"name\", key = \"key\", env = \"NAME\" }`"
            .to_owned()
    }
}

/// Where a credential is: the value's origin, the value, and its location.
struct Place<'a> {
    origin: &'a Origin,
    value: &'a str,
    at: Location,
}

/// Reports one literal credential: TK001 when it came from the spec, TK002 in a file. The
/// message never holds the secret; the diagnostic marks its bytes for masking.
fn report(
    cx: &mut Cx<'_>,
    file: &File,
    place: Place<'_>,
    found: &[Found],
    what: &str,
    spec_help: String,
    file_help: String,
) {
    let Place { origin, value, at } = place;
    if cx.reported(&LITERAL_CREDENTIAL, &at) || cx.reported(&super::LITERAL_SECRET, &at) {
        return;
    }
    for f in found {
        if let Some(secret) = value.get(f.range.clone()) {
            cx.secret(secret, &at);
        }
    }
    let redact = redact(cx, origin, value, found);
    let d = if origin.spec_path().is_some() {
        // Written in the spec, it would be generated into a ConfigMap: an error there.
        Diagnostic::new(
            &super::LITERAL_SECRET,
            format!("{what}; it would end up in a ConfigMap"),
        )
        .help(spec_help)
    } else {
        Diagnostic::new(
            &LITERAL_CREDENTIAL,
            format!("{what} in {}", file.file_name()),
        )
        .help(file_help)
    };
    cx.push(d.at(at).redact(redact));
}

/// Checks the options of a node's `jvm.config` for literal credentials.
pub(crate) fn jvm(cx: &mut Cx<'_>, node: &Node) {
    let Some((file, jvm)) = node.jvm() else {
        return;
    };
    for (option, origin) in jvm.options.iter().zip(&jvm.origins) {
        let found = credentials::in_jvm_option(&option.text);
        if found.is_empty() {
            continue;
        }
        let what = format!(
            "JVM option `{}` holds a literal credential",
            printable(&credentials::mask(&option.text, &found))
        );
        let spec_help = "jvm.config resolves no placeholders, so a JVM flag cannot take a Secret: \
            set the credential through a Trino property that references one, e.g. \
            `\"http-server.https.keystore.key\" = { secret = \"name\", key = \"key\" }`"
            .to_owned();
        let file_help = "jvm.config resolves no `${ENV:NAME}`: set the credential through a Trino \
            property written `${ENV:NAME}` with NAME from a Kubernetes Secret (e.g. \
            `http-server.https.keystore.key`), or pass the flag in JAVA_TOOL_OPTIONS from a Secret"
            .to_owned();
        let at = cx.at(origin, None);
        let place = Place {
            origin,
            value: &option.text,
            at,
        };
        report(cx, file, place, &found, &what, spec_help, file_help);
    }
}

/// The byte ranges, in the text shown for `origin`, of the secrets `found` in `value`: where
/// the value stands verbatim in that text, exactly; otherwise every occurrence of each secret
/// in the value's text, or the whole value's text when a secret is not found verbatim
/// (escaped).
fn redact(cx: &Cx<'_>, origin: &Origin, value: &str, found: &[Found]) -> Vec<Range<usize>> {
    let sources = &cx.cluster.sources;
    let (text, span, shown): (&str, Range<usize>, Option<usize>) = match origin {
        Origin::Text { file, span } => match sources.files.get(*file) {
            Some(f) => (&f.text, span.clone(), Some(*file)),
            None => return Vec::new(),
        },
        Origin::Spec(path) => match &sources.spec {
            Some(spec) => match spec.spans.value_span(path) {
                Some(span) => (&spec.text, span, None),
                None => return Vec::new(),
            },
            None => return Vec::new(),
        },
        _ => return Vec::new(),
    };
    let Some(raw) = text.get(span.clone()) else {
        return Vec::new();
    };
    let mut ranges = Vec::new();
    for f in found {
        let Some(secret) = value.get(f.range.clone()) else {
            continue;
        };
        if raw == value {
            ranges.push(span.start + f.range.start..span.start + f.range.end);
            continue;
        }
        let mut any = false;
        for (i, _) in raw.match_indices(secret) {
            ranges.push(span.start + i..span.start + i + secret.len());
            any = true;
        }
        if !any {
            ranges.push(span.clone());
        }
    }
    // Map ranges of an embedded file onto the shown (YAML) text; a file shown only by its key
    // (a quoted scalar) has no snippet to mask.
    match shown {
        None => ranges,
        Some(file) => {
            let f = &sources.files[file];
            let offset = |o: usize| f.locate(o..o, None).span.map(|s| s.start);
            ranges
                .into_iter()
                .filter_map(|r| Some(offset(r.start)?..offset(r.end)?))
                .collect()
        }
    }
}

/// Drops the spec reader's literal-secret diagnostics (TK001) about values that reach the
/// model: the model rule judges those, and tells a URL without credentials from a credential.
pub(crate) fn supersede(earlier: Vec<Diagnostic>, cluster: &Cluster) -> Vec<Diagnostic> {
    let mut paths: HashSet<&str> = HashSet::new();
    for node in &cluster.nodes {
        for file in &node.files {
            match &file.content {
                Content::Properties(p) => {
                    paths.extend(p.entries.iter().filter_map(|e| e.value_at.spec_path()));
                }
                Content::Jvm(j) => paths.extend(j.origins.iter().filter_map(Origin::spec_path)),
                _ => {}
            }
        }
    }
    earlier
        .into_iter()
        .filter(|d| {
            d.code != super::LITERAL_SECRET.code
                || !d
                    .location
                    .path
                    .as_deref()
                    .is_some_and(|p| paths.contains(p))
        })
        .collect()
}

/// Masks, in the message and help of every other diagnostic, each literal credential found
/// (as written and as `printable` escapes it): no rule echoes a credential. A credential of
/// fewer than four characters is masked only in diagnostics at its own place, where a rule
/// would quote it; elsewhere so short a string says nothing of the secret.
pub(crate) fn scrub(out: &mut [Diagnostic], secrets: &[(String, Location)]) {
    for d in out.iter_mut() {
        if d.code == LITERAL_CREDENTIAL.code || d.code == super::LITERAL_SECRET.code {
            continue;
        }
        for (secret, at) in secrets {
            let same_place = d.location.file == at.file
                && ((at.line > 0 && d.location.line == at.line)
                    || (at.path.is_some() && d.location.path == at.path));
            if !same_place && secret.chars().count() < 4 {
                continue;
            }
            let escaped: String = secret.chars().flat_map(char::escape_debug).collect();
            for form in [secret.as_str(), escaped.as_str()] {
                if form.is_empty() {
                    continue;
                }
                if d.message.contains(form) {
                    d.message = d.message.replace(form, "****");
                }
                if let Some(help) = &mut d.help {
                    if help.contains(form) {
                        *help = help.replace(form, "****");
                    }
                }
            }
        }
    }
}

/// Marks the value of every literal secret the spec reader reports (TK001 at a spec value) as
/// secret, so that source snippets mask it: the whole literal is the secret.
pub fn mask_spec_literals(diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        if d.code == super::LITERAL_SECRET.code && d.redact.is_empty() {
            if let Some(span) = &d.location.span {
                d.redact.push(span.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::input;

    #[test]
    fn credentials_in_files_are_warnings_that_mark_only_the_secret() {
        let text = "connector.name=mysql\nconnection-url=jdbc:mysql://admin:Zpw1@mysql:3306/db?password=Zpw2\n";
        let d = crate::rules::check_etc_files(&[("catalog/db.properties", text)]);
        let tk: Vec<_> = d.iter().filter(|d| d.code == "TK002").collect();
        assert_eq!(tk.len(), 1, "{d:?}");
        assert!(!tk[0].is_error());
        assert!(
            tk[0].message.contains("user-info") && tk[0].message.contains("`password` parameter")
        );
        let marked: Vec<&str> = tk[0].redact.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(marked, ["Zpw1", "Zpw2"]);
        assert!(d.iter().all(|d| !d.to_string().contains("Zpw")));
    }

    #[test]
    fn user_in_an_ldap_pattern_is_trinos_own_substitution() {
        let ldap = "password-authenticator.name=ldap\nldap.url=ldaps://ldap:636\n\
                    ldap.user-bind-pattern=uid=${USER},ou=people\n\
                    ldap.group-auth-pattern=(&(objectClass=person)(uid=${USER}))\n";
        let d = crate::rules::check_etc_files(&[("password-authenticator.properties", ldap)]);
        assert!(d.iter().all(|d| d.code != "TE001"), "{d:?}");
        // Elsewhere `${USER}` is a placeholder Trino does not resolve.
        let db = "connector.name=postgresql\nconnection-url=jdbc:postgresql://db:5432/x\n\
                  connection-user=${USER}\n";
        let d = crate::rules::check_etc_files(&[("catalog/db.properties", db)]);
        assert_eq!(d.iter().filter(|d| d.code == "TE001").count(), 1, "{d:?}");
    }

    #[test]
    fn no_message_echoes_a_credential() {
        let d = crate::rules::check_etc_files(&[(
            "exchange-manager.properties",
            "exchange-manager.name=filesystem\nexchange.base-directories=s3://AKIA:Zsecret99@bucket/a b\n",
        )]);
        assert!(d.iter().any(|d| d.code == "TK002"), "{d:?}");
        assert!(
            d.iter().any(|d| d.message.contains("AKIA:****@bucket")),
            "{d:?}"
        );
        assert!(
            d.iter().all(|d| !d.to_string().contains("Zsecret99")),
            "{d:?}"
        );
    }

    #[test]
    fn spec_literals_are_errors_that_mark_the_secret_in_the_spec() {
        let spec = "[cluster]\nname = \"x\"\n[coordinator]\nmemory = \"8Gi\"\ncpu = 2\n[workers]\nmemory = \"16Gi\"\ncpu = 4\n\
                    [catalogs.db]\nconnector = \"mysql\"\nconnection_url = \"jdbc:mysql://admin:Zpw3@mysql:3306\"\n\
                    [jvm]\nflags = [\"-Dx=1\\n-Dpassword=Zpw4\"]\n";
        let d = crate::check_spec(spec);
        let tk: Vec<_> = d.iter().filter(|d| d.code == "TK001").collect();
        assert_eq!(tk.len(), 2, "{d:?}");
        assert!(tk.iter().all(|d| d.is_error()));
        let marked: Vec<&str> = tk
            .iter()
            .flat_map(|d| d.redact.iter().map(|r| &spec[r.clone()]))
            .collect();
        assert_eq!(marked, ["Zpw3", "Zpw4"]);
        // The JVM option that cannot be one line (TJ003) does not echo it either.
        assert!(d.iter().any(|d| d.code == "TJ003"));
        assert!(d.iter().all(|d| !d.to_string().contains("Zpw")), "{d:?}");
        // URLs without credentials are not credentials, whatever the key says.
        let clean = spec.replace("admin:Zpw3@", "").replace("-Dx=1\\n-Dpassword=Zpw4", "-Dx=1")
            + "[properties]\n\"http-server.authentication.oauth2.token-url\" = \"https://idp/token\"\n";
        assert!(!crate::check_spec(&clean)
            .iter()
            .any(|d| d.code.starts_with("TK")));
    }

    #[test]
    fn container_environment_values_are_judged_like_properties() {
        let yaml = "kind: Deployment\nmetadata:\n  name: t\nspec:\n  template:\n    spec:\n      containers:\n        - name: trino\n          env:\n            - name: DATABASE_URL\n              value: postgres://u:Zpw5@db/x\n            - name: OAUTH_TOKEN_URL\n              value: https://idp/token\n            - name: DB_PASSWORD\n              value: Zpw6\n";
        let d = input::kubernetes::read(yaml, "k.yaml").diagnostics;
        let flagged: Vec<&str> = d
            .iter()
            .filter(|d| d.code == "TK002")
            .filter_map(|d| d.location.path.as_deref())
            .collect();
        assert_eq!(
            flagged,
            [
                "Deployment t: env DATABASE_URL",
                "Deployment t: env DB_PASSWORD"
            ]
        );
        assert!(d.iter().all(|d| !d.to_string().contains("Zpw")));
    }
}
