//! HTTPS and the spooling protocol: `[security.tls]` from the coordinator's keystore settings,
//! `[spooling]` from `spooling-manager.properties`. Authentication, groups and access-control
//! rules stay `properties` (their files are named as not imported).

use super::doc::{inline, Doc, Val};
use super::{generated_pairs, get, missing, pairs, Import};
use crate::memory::Role;
use crate::render::Rendered;

/// The keys `[security.tls]` writes with a path of its own (the keystore is mounted from a
/// Secret), which the original's path must not override.
pub const MOVED: &[&str] = &["http-server.https.keystore.path"];

/// A file in a Secret: where trinocfg mounts Secrets (`<root>/secrets/<secret>/<key>`) tells
/// both; another path gets a Secret named after the cluster, noted for the user to create.
fn secret_file(import: &mut Import<'_>, path: &str, what: &str) -> Val {
    let root = import
        .coordinator
        .config_root
        .trim_end_matches('/')
        .to_owned();
    let mounted = path
        .strip_prefix(&format!("{root}/secrets/"))
        .and_then(|rest| rest.split_once('/'))
        .filter(|(_, key)| !key.contains('/'));
    let (secret, key) = if let Some((s, k)) = mounted {
        (s.to_owned(), k.to_owned())
    } else {
        let secret = format!("{}-tls", import.cluster_name);
        let key = path.rsplit('/').next().unwrap_or(path).to_owned();
        import.notes.push(format!(
            "the {what} `{path}` becomes key `{key}` of Secret `{secret}`, mounted under {root}/secrets/{secret}/: create it from the file (kubectl create secret generic {secret} --from-file={key}={path})"
        ));
        (secret, key)
    };
    inline(&[("secret", Val::Str(secret)), ("key", Val::Str(key))])
}

/// `[security.tls]` and `[spooling]`.
pub(super) fn typed(import: &mut Import<'_>, d: &mut Doc) {
    let config = pairs(import.coordinator, "config.properties").unwrap_or_default();
    if get(&config, "http-server.https.enabled") == Some("true") {
        if let Some(path) = get(&config, "http-server.https.keystore.path") {
            let keystore = secret_file(import, path, "keystore");
            d.set("security.tls", "keystore", keystore);
            if let Some(v) = get(&config, "http-server.https.keystore.key") {
                let val = import.value("the coordinator", "http-server.https.keystore.key", v);
                d.set("security.tls", "keystore_password", val);
            }
            if let Some(port) =
                get(&config, "http-server.https.port").and_then(|p| p.parse::<u64>().ok())
            {
                if port != 8443 {
                    d.set("security.tls", "https_port", Val::Int(port));
                }
            }
            if get(&config, "http-server.http.enabled") == Some("false") {
                d.set("security.tls", "http", Val::Bool(false));
            }
            if get(&config, "internal-communication.https.required") == Some("true") {
                d.set("security.tls", "internal", Val::Bool(true));
            }
        }
    }
    let Some(spooling) = pairs(import.coordinator, "spooling-manager.properties") else {
        return;
    };
    if let Some(location) = get(&spooling, "fs.location") {
        d.set("spooling", "location", Val::Str(location.to_owned()));
    }
    for kind in ["s3", "gcs", "azure"] {
        let on = [
            format!("fs.{kind}.enabled"),
            format!("fs.native-{kind}.enabled"),
        ]
        .iter()
        .any(|k| get(&spooling, k) == Some("true"));
        if on {
            let region = (kind == "s3")
                .then(|| get(&spooling, "s3.region"))
                .flatten()
                .map(|r| ("region", Val::Str(r.to_owned())));
            d.set(
                "spooling",
                kind,
                inline(&region.into_iter().collect::<Vec<_>>()),
            );
        }
    }
    let key = "protocol.spooling.shared-secret-key";
    let secret = if let Some(v) = get(&config, key) {
        import.value("the spooling", key, v)
    } else {
        import.notes.push(format!(
            "spooling has no `{key}`: Secret `{}-spooling` with key `shared-secret-key` assumed",
            import.cluster_name
        ));
        let name = format!("{}-spooling", import.cluster_name);
        inline(&[
            ("secret", Val::Str(name)),
            ("key", Val::Str("shared-secret-key".into())),
        ])
    };
    d.set("spooling", "shared_secret_key", secret);
}

/// The spooling manager's other settings, as `[spooling.properties]`.
pub(super) fn overrides(import: &mut Import<'_>, d: &mut Doc, out: &Rendered) {
    let Some(original) = pairs(import.coordinator, "spooling-manager.properties") else {
        return;
    };
    let generated = generated_pairs(out, Role::Coordinator, "spooling-manager.properties");
    for (k, v) in missing(&original, &generated) {
        let val = import.value("the spooling", &k, &v);
        d.set("spooling.properties", &k, val);
    }
}
