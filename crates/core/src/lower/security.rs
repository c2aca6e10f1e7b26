//! `[security]` in Trino's files: the HTTPS and authentication settings of `config.properties`,
//! the authenticators' and the group provider's files, and the access control of each role
//! (with the rule graceful shutdown needs on the workers). Keys and passwords stay in Secrets:
//! files are mounted from them read-only, passwords become `${ENV:...}`.

use serde_json::{json, Map, Value};

use super::catalog::{storage, Entries};
use super::{json_file, Props, Secrets};
use crate::memory::Role;
use crate::model::{Content, File, HttpProbe, Origin};
use crate::spec::{AccessControlType, AuthType, SecretFile, SecretRef, Spec};

/// Where the Secrets' files are mounted, below the configuration root.
pub const SECRETS_DIR: &str = "secrets";
/// The file access control's rules, in the configuration root.
pub const RULES_FILE: &str = "rules.json";
/// The file group provider's file, in the configuration root.
pub const GROUP_FILE: &str = "group.txt";

/// The path a Secret's key is mounted at.
pub fn secret_path(spec: &Spec, file: &SecretFile) -> String {
    format!(
        "{}/{SECRETS_DIR}/{}/{}",
        spec.cluster.config_root.trim_end_matches('/'),
        file.secret,
        file.key
    )
}

/// The Secret files `role` mounts, each with the spec key it comes from.
pub fn secret_files(spec: &Spec, role: Role) -> Vec<(&SecretFile, String)> {
    let security = &spec.security;
    let mut out = Vec::new();
    if role == Role::Coordinator {
        if let Some(tls) = &security.tls {
            out.push((&tls.keystore, "security.tls.keystore".to_owned()));
        }
        for (i, a) in security.authentication.iter().enumerate() {
            let at = |field: &str| format!("security.authentication[{i}].{field}");
            if let Some(f) = &a.file {
                out.push((f, at("file")));
            }
            if let Some(f) = &a.truststore {
                out.push((f, at("truststore")));
            }
        }
    }
    out
}

/// The directories `role`'s Secret files are mounted in: one per Secret.
pub fn secret_mounts(spec: &Spec, role: Role) -> Vec<(String, Vec<String>)> {
    let mut mounts: Vec<(String, Vec<String>)> = Vec::new();
    for (f, _) in secret_files(spec, role) {
        match mounts.iter_mut().find(|(s, _)| *s == f.secret) {
            Some((_, keys)) if !keys.contains(&f.key) => keys.push(f.key.clone()),
            Some(_) => {}
            None => mounts.push((f.secret.clone(), vec![f.key.clone()])),
        }
    }
    mounts
}

/// The shared secret nodes authenticate each other with, when the spec names none but needs
/// one (authentication or internal TLS): key `shared-secret` of Secret `<cluster>-internal`.
pub fn derived_shared_secret(spec: &Spec) -> Option<SecretRef> {
    let needed =
        spec.security.authenticates() || spec.security.tls.as_ref().is_some_and(|t| t.internal);
    needed.then(|| SecretRef::Kubernetes {
        secret: format!("{}-internal", spec.cluster.name),
        key: "shared-secret".to_owned(),
        env: None,
    })
}

/// The named ports `role`'s Trino container listens on: HTTP while it is open, HTTPS where
/// TLS is on.
pub fn ports(spec: &Spec, role: Role) -> Vec<(String, u32)> {
    let tls = spec.security.tls.as_ref();
    let mut out = Vec::new();
    if role == Role::Worker || tls.is_none_or(|t| t.http) {
        out.push(("http".to_owned(), spec.cluster.http_port));
    }
    if let Some(t) = tls.filter(|t| role == Role::Coordinator || t.internal) {
        out.push(("https".to_owned(), t.https_port));
    }
    out
}

/// What the probes of `role` call: the HTTP port, else HTTPS.
pub fn probe(spec: &Spec, role: Role) -> HttpProbe {
    let ports = ports(spec, role);
    let https = !ports.iter().any(|(n, _)| n == "http");
    HttpProbe {
        https,
        port: if https { "https" } else { "http" }.to_owned(),
    }
}

/// The scheme and port the nodes reach the coordinator at.
pub fn discovery(spec: &Spec) -> (&'static str, u32) {
    match &spec.security.tls {
        Some(tls) if tls.internal => ("https", tls.https_port),
        _ => ("http", spec.cluster.http_port),
    }
}

/// The `config.properties` entries of `role`.
pub fn config_entries(spec: &Spec, role: Role, p: &mut Props, secrets: &mut Secrets) {
    if let Some(spooling) = &spec.spooling {
        p.put("protocol.spooling.enabled", "true", "spooling");
        let key = secrets.placeholder(
            &spooling.shared_secret_key,
            "TRINO_SPOOLING_SHARED_SECRET_KEY",
        );
        p.put_opt(
            "protocol.spooling.shared-secret-key",
            key,
            "spooling.shared_secret_key",
        );
    }
    let security = &spec.security;
    if let Some(tls) = &security.tls {
        if role == Role::Coordinator || tls.internal {
            p.put("http-server.https.enabled", "true", "security.tls");
            p.put(
                "http-server.https.port",
                tls.https_port.to_string(),
                "security.tls.https_port",
            );
        }
        if role == Role::Coordinator {
            p.put(
                "http-server.https.keystore.path",
                secret_path(spec, &tls.keystore),
                "security.tls.keystore",
            );
            if let Some(pw) = &tls.keystore_password {
                let v = secrets.placeholder(pw, "TRINO_KEYSTORE_PASSWORD");
                p.put_opt(
                    "http-server.https.keystore.key",
                    v,
                    "security.tls.keystore_password",
                );
            }
            if !tls.http {
                p.put("http-server.http.enabled", "false", "security.tls.http");
            }
        }
        if tls.internal {
            p.put(
                "internal-communication.https.required",
                "true",
                "security.tls.internal",
            );
        }
    }
    if role != Role::Coordinator || security.authentication.is_empty() {
        return;
    }
    let mut types: Vec<&str> = Vec::new();
    for a in &security.authentication {
        let t = a.kind.trino_type();
        if !types.contains(&t) {
            types.push(t);
        }
    }
    p.put(
        "http-server.authentication.type",
        types.join(","),
        "security.authentication",
    );
    // Over the HTTP port the probes and the workers need no user: no one may name one there.
    if security.tls.as_ref().is_some_and(|t| t.http) {
        p.put(
            "http-server.authentication.allow-insecure-over-http",
            "false",
            "security.tls.http",
        );
    }
    for (i, a) in security.authentication.iter().enumerate() {
        let at = |field: &str| format!("security.authentication[{i}].{field}");
        match a.kind {
            AuthType::Oauth2 => {
                let key = |k: &str| format!("http-server.authentication.oauth2.{k}");
                p.put_opt(&key("issuer"), a.issuer.as_ref(), at("issuer"));
                p.put_opt(&key("client-id"), a.client_id.as_ref(), at("client_id"));
                if let Some(s) = &a.client_secret {
                    let v = secrets.placeholder(s, "TRINO_OAUTH2_CLIENT_SECRET");
                    p.put_opt(&key("client-secret"), v, at("client_secret"));
                }
                p.put_opt(
                    &key("scopes"),
                    a.scopes.as_ref().map(|s| s.join(",")),
                    at("scopes"),
                );
                p.put_opt(
                    &key("principal-field"),
                    a.principal_field.as_ref(),
                    at("principal_field"),
                );
            }
            AuthType::Jwt => {
                let key = |k: &str| format!("http-server.authentication.jwt.{k}");
                p.put_opt(&key("key-file"), a.key_url.as_ref(), at("key_url"));
                p.put_opt(
                    &key("required-issuer"),
                    a.required_issuer.as_ref(),
                    at("required_issuer"),
                );
                p.put_opt(
                    &key("required-audience"),
                    a.required_audience.as_ref(),
                    at("required_audience"),
                );
                p.put_opt(
                    &key("principal-field"),
                    a.principal_field.as_ref(),
                    at("principal_field"),
                );
            }
            AuthType::Certificate => {
                if let Some(t) = &a.truststore {
                    p.put(
                        "http-server.https.truststore.path",
                        secret_path(spec, t),
                        at("truststore"),
                    );
                }
            }
            AuthType::Password | AuthType::Ldap | AuthType::Header => {}
        }
    }
}

/// `spooling-manager.properties`: the file system spooling manager on its object storage.
fn spooling_manager(spec: &Spec, secrets: &mut Secrets) -> Option<File> {
    let spooling = spec.spooling.as_ref()?;
    let mut e = Entries {
        catalog: "spooling",
        base: "spooling".to_owned(),
        props: Props::default(),
    };
    e.props
        .put("spooling-manager.name", "filesystem", "spooling");
    e.put("fs.location", spooling.location.clone(), "location");
    storage::lower(
        spooling.s3.as_ref(),
        spooling.gcs.as_ref(),
        spooling.azure.as_ref(),
        // The spooling manager reads `fs.s3.enabled` (not the catalogs' older
        // `fs.native-s3.enabled`) in every release that has it.
        spec.cluster.trino_version.max(storage::SWITCH_RENAMED_IN),
        &mut e,
        secrets,
    );
    e.props.escape_hatch(
        "spooling.properties",
        &spooling.properties,
        |k| format!("spooling {k}"),
        secrets,
    );
    Some(e.props.file("spooling-manager.properties", "spooling"))
}

/// The files `[security]` and `[spooling]` add to `role`'s configuration directory, and the
/// workers' access control for graceful shutdown.
pub fn files(spec: &Spec, role: Role, secrets: &mut Secrets) -> Vec<File> {
    let security = &spec.security;
    let root = spec.cluster.config_root.trim_end_matches('/');
    let mut out: Vec<File> = spooling_manager(spec, secrets).into_iter().collect();
    if role == Role::Coordinator {
        for (i, a) in security.authentication.iter().enumerate() {
            let base = format!("security.authentication[{i}]");
            let at = |field: &str| format!("{base}.{field}");
            let mut p = Props::default();
            let rel = match a.kind {
                AuthType::Password => {
                    p.put("password-authenticator.name", "file", at("type"));
                    if let Some(f) = &a.file {
                        p.put("file.password-file", secret_path(spec, f), at("file"));
                    }
                    p.put_opt(
                        "file.refresh-period",
                        a.refresh_period.as_ref(),
                        at("refresh_period"),
                    );
                    "password-authenticator.properties"
                }
                AuthType::Ldap => {
                    p.put("password-authenticator.name", "ldap", at("type"));
                    p.put_opt("ldap.url", a.url.as_ref(), at("url"));
                    p.put_opt(
                        "ldap.user-bind-pattern",
                        a.user_bind_pattern.as_ref(),
                        at("user_bind_pattern"),
                    );
                    p.put_opt(
                        "ldap.user-base-dn",
                        a.user_base_dn.as_ref(),
                        at("user_base_dn"),
                    );
                    p.put_opt("ldap.bind-dn", a.bind_dn.as_ref(), at("bind_dn"));
                    if let Some(s) = &a.bind_password {
                        let v = secrets.placeholder(s, "TRINO_LDAP_BIND_PASSWORD");
                        p.put_opt("ldap.bind-password", v, at("bind_password"));
                    }
                    p.put_opt(
                        "ldap.group-auth-pattern",
                        a.group_auth_pattern.as_ref(),
                        at("group_auth_pattern"),
                    );
                    "password-authenticator.properties"
                }
                AuthType::Header => {
                    p.put_opt("header-authenticator.name", a.name.as_ref(), at("name"));
                    "header-authenticator.properties"
                }
                _ => continue,
            };
            p.escape_hatch(&at("properties"), &a.properties, str::to_owned, secrets);
            out.push(p.file(rel, &base));
        }
        if !security.groups.is_empty() {
            let mut p = Props::default();
            p.put("group-provider.name", "file", "security.groups");
            p.put(
                "file.group-file",
                format!("{root}/{GROUP_FILE}"),
                "security.groups",
            );
            out.push(p.file("group-provider.properties", "security.groups"));
            let mut text = String::new();
            for g in &security.groups {
                text.push_str(&g.name);
                text.push(':');
                text.push_str(&g.users.join(","));
                text.push('\n');
            }
            out.push(File {
                rel: GROUP_FILE.to_owned(),
                at: Origin::Spec("security.groups".to_owned()),
                content: Content::Text(text),
            });
        }
    }
    let shutdown_user = match role {
        Role::Worker => spec
            .workers
            .graceful_shutdown
            .as_ref()
            .map(|g| g.user.as_str()),
        Role::Coordinator => None,
    };
    let ac = security.access_control.as_ref();
    match (ac.map(|a| a.kind), shutdown_user) {
        (Some(AccessControlType::Opa), None) => {
            let mut p = Props::default();
            p.put("access-control.name", "opa", "security.access_control.type");
            let uri = ac.and_then(|a| a.uri.as_ref());
            p.put_opt("opa.policy.uri", uri, "security.access_control.uri");
            out.push(p.file("access-control.properties", "security.access_control"));
        }
        (Some(AccessControlType::File), _) | (_, Some(_)) => {
            // Workers check nothing but system information: with OPA on the coordinator they
            // still take file rules, so that the shutdown user may drain them.
            let (origin, rules_file, json_origin) =
                if ac.is_some_and(|a| a.kind == AccessControlType::File) {
                    (
                        "security.access_control",
                        RULES_FILE,
                        "security.access_control",
                    )
                } else {
                    (
                        "workers.graceful_shutdown",
                        super::pods::SHUTDOWN_RULES,
                        "workers.graceful_shutdown.user",
                    )
                };
            let mut p = Props::default();
            p.put("access-control.name", "file", origin);
            p.put(
                "security.config-file",
                format!("{root}/{rules_file}"),
                origin,
            );
            if let Some(r) = ac.and_then(|a| a.refresh_period.as_ref()) {
                p.put(
                    "security.refresh-period",
                    r,
                    "security.access_control.refresh_period",
                );
            }
            out.push(p.file("access-control.properties", origin));
            let (value, parts) = rules_json(spec, shutdown_user);
            let mut file = json_file(rules_file, value, json_origin);
            if let Content::Json(j) = &mut file.content {
                j.spec_parts = parts;
            }
            out.push(file);
        }
        (None, None) => {}
    }
    out
}

/// `rules.json` of file-based access control: the spec's rules, after a system information
/// write rule for `shutdown_user` (the workers' graceful shutdown) when there is one; with the
/// spec table of each rule, by JSON Pointer.
fn rules_json(spec: &Spec, shutdown_user: Option<&str>) -> (Value, Vec<(String, String)>) {
    let ac = spec
        .security
        .access_control
        .as_ref()
        .filter(|a| a.kind == AccessControlType::File);
    let mut root = Map::new();
    let mut parts = Vec::new();
    let put = |root: &mut Map<String, Value>, section: &str, rules: Vec<Value>| {
        if !rules.is_empty() {
            root.insert(section.to_owned(), Value::Array(rules));
        }
    };
    let who = |user: &Option<String>, group: &Option<String>, m: &mut Map<String, Value>| {
        if let Some(u) = user {
            m.insert("user".into(), json!(u));
        }
        if let Some(g) = group {
            m.insert("group".into(), json!(g));
        }
    };
    if let Some(ac) = ac {
        let mut catalogs = Vec::new();
        for (i, r) in ac.catalogs.iter().enumerate() {
            let mut m = Map::new();
            who(&r.user, &r.group, &mut m);
            if let Some(c) = &r.catalog {
                m.insert("catalog".into(), json!(c));
            }
            m.insert("allow".into(), json!(r.allow.as_str()));
            parts.push((format!("/catalogs/{i}"), format!("catalogs[{i}]")));
            catalogs.push(Value::Object(m));
        }
        put(&mut root, "catalogs", catalogs);
        let mut schemas = Vec::new();
        for (i, r) in ac.schemas.iter().enumerate() {
            let mut m = Map::new();
            who(&r.user, &r.group, &mut m);
            for (k, v) in [("catalog", &r.catalog), ("schema", &r.schema)] {
                if let Some(v) = v {
                    m.insert(k.into(), json!(v));
                }
            }
            m.insert("owner".into(), json!(r.owner));
            parts.push((format!("/schemas/{i}"), format!("schemas[{i}]")));
            schemas.push(Value::Object(m));
        }
        put(&mut root, "schemas", schemas);
        let mut tables = Vec::new();
        for (i, r) in ac.tables.iter().enumerate() {
            let mut m = Map::new();
            who(&r.user, &r.group, &mut m);
            for (k, v) in [
                ("catalog", &r.catalog),
                ("schema", &r.schema),
                ("table", &r.table),
            ] {
                if let Some(v) = v {
                    m.insert(k.into(), json!(v));
                }
            }
            m.insert("privileges".into(), json!(r.privileges));
            if let Some(f) = &r.filter {
                m.insert("filter".into(), json!(f));
            }
            parts.push((format!("/tables/{i}"), format!("tables[{i}]")));
            tables.push(Value::Object(m));
        }
        put(&mut root, "tables", tables);
        let mut impersonation = Vec::new();
        for (i, r) in ac.impersonation.iter().enumerate() {
            parts.push((format!("/impersonation/{i}"), format!("impersonation[{i}]")));
            impersonation.push(json!({
                "original_user": r.original_user,
                "new_user": r.new_user,
                "allow": r.allow,
            }));
        }
        put(&mut root, "impersonation", impersonation);
    }
    let mut system = Vec::new();
    if let Some(user) = shutdown_user {
        system.push(json!({ "user": super::pods::regex_literal(user), "allow": ["write"] }));
    }
    let offset = system.len();
    for (i, r) in ac
        .iter()
        .flat_map(|a| a.system_information.iter())
        .enumerate()
    {
        let mut m = Map::new();
        who(&r.user, &r.group, &mut m);
        m.insert("allow".into(), json!(r.allow));
        parts.push((
            format!("/system_information/{}", i + offset),
            format!("system_information[{i}]"),
        ));
        system.push(Value::Object(m));
    }
    put(&mut root, "system_information", system);
    (Value::Object(root), parts)
}
