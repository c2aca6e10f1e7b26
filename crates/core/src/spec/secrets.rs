//! Secrets in the spec: references to Kubernetes Secrets and environment variables, never
//! values. A literal written where a secret belongs (TK001) is reported where it is read, and
//! only its length is kept.

// The walk over the spec's secret references keeps its helpers beside their use.
#![allow(clippy::items_after_statements, clippy::ref_option)]

use indexmap::IndexMap;

use super::decl::{table, Kind};
use super::read::{read_table, At, Cx, FieldValue, Found};
use super::toml::Value;
use super::{Catalog, ExchangeManager, IcebergCatalog, PropertyValue, SecretRef, Spec};
use crate::rules;
use crate::spec::names::{is_dns_subdomain, is_env_name, printable};

table! {
    /// A secret reference written as a table.
    pub(crate) struct SecretTable {
        /// Name of the Kubernetes Secret.
        pub secret: Option<String>,
        /// Key inside the Secret.
        pub key: Option<String>,
        /// Environment variable: the one the Secret's key is exposed as, or (alone) one the
        /// pod already has.
        pub env: Option<String>,
    }
}

impl FieldValue for SecretRef {
    const KIND: Kind = Kind::Secret;

    fn read(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Self> {
        let secret = match &at.node.value {
            Value::String(s) => {
                match s.strip_prefix("${ENV:").and_then(|r| r.strip_suffix('}')) {
                    Some(var) => SecretRef::Env {
                        env: var.to_owned(),
                    },
                    // The value itself is never kept.
                    None => SecretRef::Literal { len: s.len() },
                }
            }
            Value::Table(_) => {
                let t = read_table::<SecretTable>(at, cx)?;
                match (t.secret, t.key, t.env) {
                    (Some(secret), Some(key), env) => SecretRef::Kubernetes { secret, key, env },
                    (None, None, Some(env)) => SecretRef::Env { env },
                    _ => {
                        at.invalid(
                            cx,
                            "a secret reference names a Secret and its key, or an environment variable"
                                .to_owned(),
                            "write { secret = \"name\", key = \"key\" } or { env = \"VAR\" }",
                        );
                        return None;
                    }
                }
            }
            _ => {
                at.wrong_type(
                    cx,
                    "a secret reference, `{ secret = \"name\", key = \"key\" }` or `{ env = \"VAR\" }`",
                );
                return None;
            }
        };
        check_secret(&secret, &mut Found::new(cx, &at.path, at.span()));
        Some(secret)
    }
}

/// TK001 for a literal, TS004 for names Kubernetes or a shell would refuse.
fn check_secret(secret: &SecretRef, at: &mut Found<'_, '_>) {
    let env_name = |at: &mut Found<'_, '_>, env: &str| {
        if !is_env_name(env) {
            at.error(
                &rules::SPEC_INVALID_NAME,
                format!(
                    "`{}` is not a valid environment variable name",
                    printable(env)
                ),
                "use letters, digits and `_`, not starting with a digit",
            );
        }
    };
    match secret {
        SecretRef::Literal { .. } => {
            let path = at.path().to_owned();
            at.error(
                &rules::LITERAL_SECRET,
                format!("`{path}` holds a literal secret; it would end up in a ConfigMap"),
                "reference a Kubernetes Secret, `{ secret = \"name\", key = \"key\" }`, or an environment variable, `{ env = \"VAR\" }`",
            );
        }
        SecretRef::Kubernetes { secret, key, env } => {
            if !is_dns_subdomain(secret) {
                at.error(
                    &rules::SPEC_INVALID_NAME,
                    format!(
                        "`{}` is not a valid Kubernetes Secret name",
                        printable(secret)
                    ),
                    "use lowercase letters, digits, `-` and `.`",
                );
            }
            if key.is_empty()
                || key.len() > 253
                || !key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-._".contains(c))
            {
                at.error(
                    &rules::SPEC_INVALID_NAME,
                    format!("`{}` is not a valid Secret key", printable(key)),
                    "Secret keys use letters, digits, `-`, `_` and `.`",
                );
            }
            if let Some(env) = env {
                env_name(at, env);
            }
        }
        SecretRef::Env { env } => env_name(at, env),
    }
}

impl FieldValue for IndexMap<String, PropertyValue> {
    const KIND: Kind = Kind::Properties;

    fn read(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Self> {
        let Some(entries) = at.entries(cx, true) else {
            at.wrong_type(cx, "a table of properties");
            return None;
        };
        let mut out = IndexMap::with_capacity(entries.len());
        let mut complete = true;
        for (key, v) in entries {
            let value = match &v.node.value {
                Value::String(s) => Some(PropertyValue::Text(s.to_string())),
                Value::Integer(i) => Some(PropertyValue::Text(i.to_string())),
                Value::Float(f) => Some(PropertyValue::Text(f.to_string())),
                Value::Boolean(b) => Some(PropertyValue::Text(b.to_string())),
                Value::Table(_) => SecretRef::read(&v, cx).map(PropertyValue::Secret),
                _ => {
                    v.wrong_type(cx, "a string, number, boolean or secret reference");
                    None
                }
            };
            match value {
                Some(value) => {
                    if let PropertyValue::Text(text) = &value {
                        literal_credential(key, text, &mut Found::new(cx, &v.path, v.span()));
                    }
                    out.insert(key.to_owned(), value);
                }
                None => complete = false,
            }
        }
        complete.then_some(out)
    }
}

/// TK001 for a credential written as a property value (`"connection-password" = "..."`).
fn literal_credential(key: &str, text: &str, at: &mut Found<'_, '_>) {
    if is_sensitive_key(key) && !text.is_empty() && !text.contains("${") {
        at.error(
            &rules::LITERAL_SECRET,
            format!("property `{key}` holds a literal credential; it would end up in a ConfigMap"),
            format!("write `\"{key}\" = {{ secret = \"name\", key = \"key\" }}` or `{{ env = \"VAR\" }}` instead"),
        );
    }
}

/// Whether a property key names a credential (`connection-password`, `s3.aws-secret-key`, …).
pub fn is_sensitive_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    let last = k.rsplit('.').next().unwrap_or(&k);
    [
        "password",
        "secret",
        "token",
        "credential",
        "access-key",
        "secret-key",
        "json-key",
        "connection-string",
        "private-key",
        "api-key",
        "sas-token",
    ]
    .iter()
    .any(|w| last.contains(w))
        && !last.ends_with("-path")
        && !last.ends_with("-file")
        && !last.ends_with("-type")
        && !last.ends_with("-enabled")
        && !last.ends_with("-provider")
        && !last.ends_with("-user")
}

/// Every secret reference of the spec with its key path.
pub fn secret_refs(spec: &Spec) -> Vec<(String, &SecretRef)> {
    let mut out = Vec::new();
    if let Some(s) = &spec.cluster.shared_secret {
        out.push(("cluster.shared_secret".to_owned(), s));
    }
    fn props<'s>(
        out: &mut Vec<(String, &'s SecretRef)>,
        prefix: &str,
        map: &'s IndexMap<String, PropertyValue>,
    ) {
        for (k, v) in map {
            if let PropertyValue::Secret(s) = v {
                let path = if prefix.is_empty() {
                    format!("properties.\"{k}\"")
                } else {
                    format!("{prefix}.properties.\"{k}\"")
                };
                out.push((path, s));
            }
        }
    }
    props(&mut out, "", &spec.properties);
    props(&mut out, "coordinator", &spec.coordinator.properties);
    props(&mut out, "workers", &spec.workers.properties);
    if let Some(em) = spec.fault_tolerance.exchange_manager() {
        let p = "fault_tolerance.exchange_manager";
        match em {
            ExchangeManager::S3 {
                access_key,
                secret_key,
                ..
            } => {
                if let Some(s) = access_key {
                    out.push((format!("{p}.access_key"), s));
                }
                if let Some(s) = secret_key {
                    out.push((format!("{p}.secret_key"), s));
                }
            }
            ExchangeManager::Gcs {
                json_key: Some(s), ..
            } => out.push((format!("{p}.json_key"), s)),
            ExchangeManager::Azure {
                connection_string: Some(s),
                ..
            } => out.push((format!("{p}.connection_string"), s)),
            _ => {}
        }
        props(&mut out, p, em.properties());
    }
    for (name, catalog) in &spec.catalogs {
        let p = format!("catalogs.{name}");
        fn storage<'s>(
            out: &mut Vec<(String, &'s SecretRef)>,
            p: &str,
            s3: &'s Option<super::S3Storage>,
            gcs: &'s Option<super::GcsStorage>,
            azure: &'s Option<super::AzureStorage>,
        ) {
            if let Some(s3) = s3 {
                if let Some(s) = &s3.access_key {
                    out.push((format!("{p}.s3.access_key"), s));
                }
                if let Some(s) = &s3.secret_key {
                    out.push((format!("{p}.s3.secret_key"), s));
                }
            }
            if let Some(s) = gcs.as_ref().and_then(|g| g.json_key.as_ref()) {
                out.push((format!("{p}.gcs.json_key"), s));
            }
            if let Some(s) = azure.as_ref().and_then(|a| a.access_key.as_ref()) {
                out.push((format!("{p}.azure.access_key"), s));
            }
        }
        match catalog {
            Catalog::Hive(h) | Catalog::DeltaLake(h) => {
                storage(&mut out, &p, &h.s3, &h.gcs, &h.azure);
            }
            Catalog::Iceberg(i) => {
                storage(&mut out, &p, &i.s3, &i.gcs, &i.azure);
                match &i.catalog {
                    IcebergCatalog::Rest { token: Some(s), .. } => {
                        out.push((format!("{p}.catalog.token"), s));
                    }
                    IcebergCatalog::Jdbc {
                        password: Some(s), ..
                    } => out.push((format!("{p}.catalog.password"), s)),
                    _ => {}
                }
            }
            Catalog::Mysql(j) | Catalog::Postgresql(j) => {
                if let Some(s) = &j.password {
                    out.push((format!("{p}.password"), s));
                }
            }
            _ => {}
        }
        props(&mut out, &p, catalog.properties());
    }
    out
}
