//! No secret reaches the terminal or the output: every literal credential of the corpus is
//! reported (TK001 in specs, TK002 in files) and never printed, and for random secrets in every
//! literal credential position of a spec, `check` and `gen` refuse the spec without echoing the
//! secret; a Secret reference reaches the output only as a `secretKeyRef`.

use std::fs;
use std::path::Path;

use proptest::prelude::*;
use yaml_rust2::{Yaml, YamlLoader};

mod common;
use common::{root, run_in};

/// Runs `trinocfg` with `stdin`, returning exit code, stdout and stderr.
fn run(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let r = run_in(&root(), args, stdin.unwrap_or_default().as_bytes());
    (r.code, r.stdout, r.stderr)
}

/// Every literal credential written in the corpus.
const CORPUS_SECRETS: &[&str] = &[
    "s3cr3t-Passw0rd",
    "hunter2",
    "Hunter2Url",
    "Hunter2Param",
    "Hunter2Thrift",
    "Hunter2Jvm",
    "Ord3rsPW",
    "Sh0pPW",
    "B1llingPW",
    "CrmPW77",
    "Th1riftPW",
    "M1nioPW",
    "Exch4ngePW",
    "L4keKeyPW",
    "KeyStorePW1",
    "PlainPW2",
    "AwsSecret3",
];

/// The text of a file, or of every file below a directory.
fn text_below(path: &Path) -> String {
    if path.is_dir() {
        let mut entries: Vec<_> = fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        entries.iter().map(|p| text_below(p)).collect()
    } else {
        fs::read_to_string(path).unwrap_or_default()
    }
}

#[test]
fn every_corpus_secret_is_reported_and_never_printed() {
    let mut cases = 0;
    for dir in [
        "fixtures/invalid",
        "fixtures/invariant",
        "fixtures/check/etc",
        "fixtures/check/kubernetes",
    ] {
        let mut entries: Vec<_> = fs::read_dir(root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        entries.sort();
        for name in entries {
            let path = format!("{dir}/{name}");
            let text = text_below(&root().join(&path));
            let secrets: Vec<&str> = CORPUS_SECRETS
                .iter()
                .copied()
                .filter(|s| text.contains(s))
                .collect();
            if secrets.is_empty() {
                continue;
            }
            cases += 1;
            let mut runs = vec![("check", run(&["check", &path], None))];
            if name.ends_with(".toml") {
                runs.push(("gen", run(&["gen", &path, "--format", "configmaps"], None)));
                let (_, _, stderr) = &runs[0].1;
                assert!(stderr.contains("error[TK001]"), "{path}:\n{stderr}");
                assert_eq!(runs[0].1 .0, 1, "{path}: a literal in a spec is an error");
            } else {
                let (_, _, stderr) = &runs[0].1;
                assert!(stderr.contains("warning[TK002]"), "{path}:\n{stderr}");
            }
            for (command, (_, stdout, stderr)) in &runs {
                for secret in &secrets {
                    assert!(
                        !stderr.contains(secret),
                        "{command} {path} prints `{secret}`:\n{stderr}"
                    );
                    assert!(
                        !stdout.contains(secret),
                        "{command} {path} writes `{secret}`:\n{stdout}"
                    );
                }
            }
        }
    }
    assert!(cases >= 8, "only {cases} corpus cases hold a secret");
}

/// A spec with `{S}` (TOML-quoted) in one place, and the cluster around it.
fn spec_with(place: &str) -> String {
    format!(
        r#"[cluster]
name = "leak"

[coordinator]
memory = "8Gi"
cpu = 2

[workers]
count = 1
memory = "16Gi"
cpu = 4

{place}
"#
    )
}

/// Every place of a spec where a literal credential can be written; `{S}` is the secret.
const LITERAL_PLACES: &[&str] = &[
    "[catalogs.db]\nconnector = \"mysql\"\nconnection_url = \"jdbc:mysql://mysql:3306\"\nuser = \"u\"\npassword = \"{S}\"",
    "[catalogs.db]\nconnector = \"mysql\"\nconnection_url = \"jdbc:mysql://admin:{S}@mysql:3306\"",
    "[catalogs.db]\nconnector = \"mysql\"\nconnection_url = \"jdbc:mysql://mysql:3306?user=a&password={S}\"",
    "[catalogs.db]\nconnector = \"postgresql\"\nconnection_url = \"jdbc:postgresql://pg:5432/db?password={S}\"",
    "[catalogs.db]\nconnector = \"postgresql\"\nconnection_url = \"jdbc:postgresql://pg:5432/db\"\n[catalogs.db.properties]\n\"connection-password\" = \"{S}\"",
    "[catalogs.lake]\nconnector = \"hive\"\nmetastore = { type = \"thrift\", uri = \"thrift://u:{S}@hms:9083\" }",
    "[catalogs.lake]\nconnector = \"hive\"\nmetastore = { type = \"thrift\", uri = \"thrift://hms:9083\" }\ns3 = { region = \"us-east-1\", endpoint = \"https://AKIA:{S}@minio:9000\" }",
    "[catalogs.lake]\nconnector = \"hive\"\nmetastore = { type = \"thrift\", uri = \"thrift://hms:9083\" }\ns3 = { region = \"us-east-1\", secret_key = \"{S}\" }",
    "[fault_tolerance]\nretry_policy = \"task\"\n[fault_tolerance.exchange_manager]\nstorage = \"s3\"\nbase_directories = [\"s3://x\"]\nregion = \"us-east-1\"\nendpoint = \"https://AKIA:{S}@minio:9000\"",
    "[jvm]\nflags = [\"-Dpassword={S}\"]",
    "[jvm]\nflags = [\"-Djavax.net.ssl.keyStorePassword={S}\"]",
    "[jvm]\nflags = [\"-Daws.secretAccessKey={S}\"]",
    "[properties]\n\"http-server.https.keystore.key\" = \"{S}\"",
    "[properties]\n\"internal-communication.shared-secret\" = \"{S}\"",
];

/// Random secrets that fit a URL's user-info, a URL parameter, a JVM flag and a TOML string
/// alike; the prefix keeps them from occurring by chance in the output.
fn secret() -> impl Strategy<Value = String> {
    "[A-Za-z0-9._~+=-]{6,24}".prop_map(|s| format!("Zq{s}"))
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(24),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Strings of every scalar of a YAML node.
fn scalars(node: &Yaml, out: &mut Vec<String>) {
    match node {
        Yaml::String(s) => out.push(s.clone()),
        Yaml::Array(items) => items.iter().for_each(|i| scalars(i, out)),
        Yaml::Hash(h) => h.iter().for_each(|(k, v)| {
            scalars(k, out);
            scalars(v, out);
        }),
        _ => {}
    }
}

proptest! {
    #![proptest_config(config())]

    /// A literal credential anywhere in a spec is refused by `check` and `gen`, and neither
    /// prints it.
    #[test]
    fn literal_secrets_are_refused_and_never_echoed(
        place in proptest::sample::select(LITERAL_PLACES),
        secret in secret(),
    ) {
        let spec = spec_with(&place.replace("{S}", &secret));
        for args in [&["check", "-"][..], &["gen", "-", "--format", "configmaps"][..]] {
            let (code, stdout, stderr) = run(args, Some(&spec));
            prop_assert_eq!(code, 1, "{:?}\n{}\n{}", args, spec, stderr);
            prop_assert!(stderr.contains("error[TK001]"), "{:?}\n{}\n{}", args, spec, stderr);
            prop_assert!(!stderr.contains(&secret), "{:?} prints the secret:\n{}", args, stderr);
            prop_assert!(!stdout.contains(&secret), "{:?} writes the secret:\n{}", args, stdout);
        }
    }

    /// A Secret reference reaches the output only as a `secretKeyRef` of the Deployments:
    /// no ConfigMap names the Secret or its key, and the property file reads `${ENV:...}`.
    #[test]
    fn secret_references_appear_only_as_secret_key_refs(
        name in "[a-z][a-z0-9]{5,12}",
        key in "[a-z][a-z0-9]{5,12}",
    ) {
        let (name, key) = (format!("sec-{name}"), format!("key-{key}"));
        let spec = spec_with(&format!(
            "[catalogs.db]\nconnector = \"mysql\"\nconnection_url = \"jdbc:mysql://mysql:3306\"\nuser = \"u\"\npassword = {{ secret = \"{name}\", key = \"{key}\" }}"
        ));
        let (code, stdout, stderr) = run(&["gen", "-", "--format", "configmaps"], Some(&spec));
        prop_assert_eq!(code, 0, "{}", stderr);
        prop_assert!(!stderr.contains(&name) && !stderr.contains(&key));
        let docs = YamlLoader::load_from_str(&stdout).unwrap();
        let mut refs = 0;
        for doc in &docs {
            match doc["kind"].as_str() {
                Some("ConfigMap") => {
                    let mut all = Vec::new();
                    scalars(doc, &mut all);
                    for s in &all {
                        prop_assert!(!s.contains(&name) && !s.contains(&key), "ConfigMap holds `{}`", s);
                    }
                    if let Some(file) = doc["data"]["db.properties"].as_str() {
                        prop_assert!(file.contains("connection-password=${ENV:"), "{}", file);
                    }
                }
                Some("Deployment") => {
                    for container in doc["spec"]["template"]["spec"]["containers"].as_vec().unwrap() {
                        for env in container["env"].as_vec().into_iter().flatten() {
                            let r = &env["valueFrom"]["secretKeyRef"];
                            prop_assert!(env["value"].is_badvalue(), "a literal env value");
                            if r["name"].as_str() == Some(name.as_str()) {
                                prop_assert_eq!(r["key"].as_str(), Some(key.as_str()));
                                refs += 1;
                            }
                        }
                    }
                }
                _ => {
                    let mut all = Vec::new();
                    scalars(doc, &mut all);
                    prop_assert!(!all.iter().any(|s| s.contains(&name) || s.contains(&key)));
                }
            }
        }
        prop_assert_eq!(refs, 2, "one secretKeyRef per Deployment");
    }
}
