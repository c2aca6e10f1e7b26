//! Fixture-driven snapshots: every spec under `fixtures/specs` rendered as files and as
//! Kubernetes YAML; every spec under `fixtures/invalid` as diagnostics.

use std::fs;

fn tree_text(rendered: &trinocfg::Rendered) -> String {
    let mut out = String::new();
    for (path, contents) in rendered.tree() {
        if path == "kubernetes.yaml" {
            continue;
        }
        out.push_str(&format!("=== {path}\n{contents}"));
    }
    out
}

#[test]
fn valid_specs_render() {
    insta::glob!("../../../fixtures/specs", "*.toml", |path| {
        let source = fs::read_to_string(path).unwrap();
        let outcome = trinocfg::generate(&source);
        let errors: Vec<String> = outcome
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(!outcome.has_errors(), "{}: {errors:#?}", path.display());
        let rendered = outcome.output.expect("output without errors");
        insta::assert_snapshot!("files", tree_text(&rendered));
        insta::assert_snapshot!("kubernetes", rendered.kubernetes);
        let warnings = errors.join("\n");
        insta::assert_snapshot!("warnings", warnings);
    });
}

#[test]
fn invalid_specs_are_refused_with_diagnostics() {
    insta::glob!("../../../fixtures/invalid", "*.toml", |path| {
        let source = fs::read_to_string(path).unwrap();
        let outcome = trinocfg::generate(&source);
        assert!(outcome.has_errors(), "{} should fail", path.display());
        assert!(
            outcome.output.is_none(),
            "no output may be produced with errors"
        );
        let text: Vec<String> = outcome
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect();
        insta::assert_snapshot!(text.join("\n"));
    });
}

#[test]
fn every_example_is_a_fixture_and_generates() {
    for example in trinocfg::examples::EXAMPLES {
        let path = format!(
            "{}/../../fixtures/specs/{}.toml",
            env!("CARGO_MANIFEST_DIR"),
            example.name
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), example.source, "{path}");
        let outcome = trinocfg::generate(example.source);
        assert!(!outcome.has_errors(), "{}", example.name);
    }
    let count = fs::read_dir(format!(
        "{}/../../fixtures/specs",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .filter(|e| {
        e.as_ref()
            .unwrap()
            .path()
            .extension()
            .is_some_and(|x| x == "toml")
    })
    .count();
    assert_eq!(
        count,
        trinocfg::examples::EXAMPLES.len(),
        "every fixture spec is embedded as an example"
    );
}

#[test]
fn output_is_deterministic() {
    for example in trinocfg::examples::EXAMPLES {
        let a = trinocfg::generate(example.source).output.unwrap().tree();
        let b = trinocfg::generate(example.source).output.unwrap().tree();
        assert_eq!(a, b, "{}", example.name);
    }
}

/// The first TOML block of the README after `heading` (from the start when empty).
fn readme_toml(heading: &str) -> String {
    let readme =
        fs::read_to_string(format!("{}/../../README.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let section = &readme[readme.find(heading).expect("the heading in the README")..];
    let start = section
        .find("```toml\n")
        .expect("a toml block in the README")
        + "```toml\n".len();
    let end = start + section[start..].find("```").unwrap();
    section[start..end].to_owned()
}

/// The output of a spec that must generate without errors.
fn generated(spec: &str) -> trinocfg::Rendered {
    let outcome = trinocfg::generate(spec);
    let text: Vec<String> = outcome
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(!outcome.has_errors(), "{text:#?}");
    outcome.output.unwrap()
}

/// The Kubernetes YAML of a spec that must generate without errors.
fn kubernetes_of(spec: &str) -> String {
    generated(spec).kubernetes
}

/// The README's tables after `heading`, under a minimal cluster, generate a stream that holds
/// each of `parts`.
fn readme_tables_generate(heading: &str, parts: &[&str]) {
    let spec = format!(
        "[cluster]\nname = \"trino\"\n[coordinator]\nmemory = \"16Gi\"\ncpu = 4\n{}",
        readme_toml(heading)
    );
    let yaml = kubernetes_of(&spec);
    for part in parts {
        assert!(yaml.contains(part), "{heading}: {part}");
    }
}

/// The README's spec example is a working spec.
#[test]
fn readme_spec_example_generates() {
    assert!(kubernetes_of(&readme_toml("")).contains("kind: Deployment"));
}

/// The README's production tables generate, with their objects.
#[test]
fn readme_production_example_generates() {
    readme_tables_generate(
        "### Production on Kubernetes",
        &[
            "kind: ScaledObject",
            "kind: PodDisruptionBudget",
            "kind: ServiceMonitor",
            "kind: ServiceAccount",
            "preStop:",
            "terminationGracePeriodSeconds: 720",
            "type: LoadBalancer",
            "resource-groups.json",
        ],
    );
}

/// The README's security tables generate, with what they promise.
#[test]
fn readme_security_example_generates() {
    readme_tables_generate(
        "### Security",
        &[
            "http-server.https.keystore.path=/etc/trino/secrets/trino-tls/keystore.p12",
            "http-server.authentication.type=PASSWORD,OAUTH2",
            "http-server.authentication.allow-insecure-over-http=false",
            "file.password-file=/etc/trino/secrets/trino-users/password.db",
            "analysts:bob,carol",
            "security.config-file=/etc/trino/rules.json",
            "protocol.spooling.enabled=true",
            "secretName: trino-tls",
            "readOnly: true",
            "name: trino-internal",
            "- name: https",
        ],
    );
}

/// The README's fleet example generates every cluster and the gateway's files.
#[test]
fn readme_fleet_example_generates() {
    let tree = generated(&readme_toml("## Fleets behind Trino Gateway")).tree();
    for path in [
        "blue/coordinator/etc/config.properties",
        "etl/worker/etc/config.properties",
        "gateway/config.yaml",
        "gateway/routing-rules.yaml",
        "gateway/backends.json",
        "kubernetes.yaml",
    ] {
        assert!(tree.iter().any(|(p, _)| p == path), "{path}");
    }
}

/// `docs/rules.md` is generated from the rule registry; it must not go stale.
#[test]
fn rule_reference_is_fresh() {
    let path = format!("{}/../../docs/rules.md", env!("CARGO_MANIFEST_DIR"));
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == trinocfg::rules::markdown(),
        "docs/rules.md is stale: run `cargo run -q -p trinocfg-cli -- rules --markdown > docs/rules.md`"
    );
}

/// `docs/assertions.md` lists every cross-property check the rules implement, with its code.
#[test]
fn assertion_list_is_complete() {
    let path = format!("{}/../../docs/assertions.md", env!("CARGO_MANIFEST_DIR"));
    let doc = fs::read_to_string(&path).unwrap_or_default();
    for (class, message, code) in trinocfg::rules::assertions::assertion_table() {
        let row = format!("| {class} | {} |", message.replace('|', "\\|"));
        let line = doc.lines().find(|l| l.starts_with(&row));
        assert!(
            line.is_some_and(|l| l.contains(&format!("`{code}`"))),
            "docs/assertions.md lacks `{row}` with `{code}`"
        );
    }
}
