//! `trinocfg import`: specs from existing configuration that generate the same properties, JVM
//! options, catalogs and Kafka topic descriptions; on every example (from its `gen` output and
//! from its Kubernetes stream) and on the check corpus's clean configurations.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{root, run_in, temp_dir};

/// The Trino files of a `gen` output: path → content, without the header comments.
fn trino_files(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for role in ["coordinator", "worker"] {
        let base = dir.join(role).join("etc");
        let mut stack = vec![base.clone()];
        while let Some(d) = stack.pop() {
            let Ok(entries) = fs::read_dir(&d) else {
                continue;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                let rel = p
                    .strip_prefix(&base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                let text = fs::read_to_string(&p).unwrap();
                let mut body = String::new();
                for l in text.lines().filter(|l| !l.starts_with('#')) {
                    body.push_str(l);
                    body.push('\n');
                }
                out.insert(format!("{role}/{rel}"), body);
            }
        }
    }
    out
}

/// Files `import` reads into the spec (security files are not).
fn imported(path: &str) -> bool {
    let rel = path.split_once('/').unwrap().1;
    matches!(
        rel,
        "config.properties"
            | "jvm.config"
            | "node.properties"
            | "log.properties"
            | "exchange-manager.properties"
            | "spooling-manager.properties"
            | "resource-groups.properties"
            | "resource-groups.json"
            | "session-property-config.properties"
            | "session-property-config.json"
    ) || rel.starts_with("catalog/")
        || rel.starts_with("kafka/")
}

fn examples() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(root().join("fixtures/specs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Generates `spec` into `dir`.
fn gen(cwd: &Path, spec: &str, dir: &str) {
    let r = run_in(cwd, &["gen", spec, "--out", dir], b"");
    assert_eq!(r.code, 0, "{}", r.transcript());
}

/// Imports a `gen` output, generates the imported spec, and compares every file import reads;
/// returns the imported spec.
fn round_trip(work: &Path, name: &str, original: &Path) -> String {
    let r = run_in(work, &["import", original.to_str().unwrap()], b"");
    assert_eq!(r.code, 0, "{name}: {}", r.transcript());
    assert!(!r.stderr.contains("differs:"), "{name}: {}", r.stderr);
    let imported_spec = work.join(format!("{name}-imported.toml"));
    fs::write(&imported_spec, &r.stdout).unwrap();
    let again = work.join(format!("{name}-again"));
    gen(
        work,
        imported_spec.to_str().unwrap(),
        again.to_str().unwrap(),
    );
    let (a, b) = (trino_files(original), trino_files(&again));
    let mut files = 0;
    for (path, text) in a.iter().filter(|(p, _)| imported(p)) {
        let theirs = b
            .get(path)
            .unwrap_or_else(|| panic!("{name}: {path} is not generated"));
        // A properties file is a set of keys: the order of its lines does not matter.
        let lines = |t: &str| {
            let mut l: Vec<String> = t.lines().map(str::to_owned).collect();
            if path.ends_with(".properties") {
                l.sort();
            }
            l
        };
        assert_eq!(lines(theirs), lines(text), "{name}: {path} differs");
        files += 1;
    }
    assert!(files >= 5, "{name}: only {files} files compared");
    r.stdout
}

#[test]
fn every_example_round_trips_through_its_gen_output_and_its_stream() {
    let work = temp_dir("import-examples");
    let mut compared = 0;
    for name in examples() {
        let spec = root().join(format!("fixtures/specs/{name}.toml"));
        let original = work.join(format!("{name}-out"));
        gen(&work, spec.to_str().unwrap(), original.to_str().unwrap());
        let r = run_in(&work, &["import", original.to_str().unwrap()], b"");
        if name == "gateway-blue-green" {
            // A fleet's output is several clusters: import takes one at a time, each from its
            // own directory.
            assert_eq!(r.code, 2, "{}", r.transcript());
            assert!(r.stderr.contains("one at a time"), "{}", r.stderr);
            for cluster in ["blue", "green", "etl"] {
                round_trip(&work, &format!("{name}-{cluster}"), &original.join(cluster));
                compared += 1;
            }
            continue;
        }
        let imported = round_trip(&work, &name, &original);
        // The Kubernetes stream holds the same files: the same spec comes of it.
        let stream = run_in(
            &work,
            &["import", original.join("kubernetes.yaml").to_str().unwrap()],
            b"",
        );
        assert_eq!(stream.code, 0, "{name}: {}", stream.transcript());
        let body = |s: &str| s.lines().skip(1).collect::<Vec<_>>().join("\n");
        assert_eq!(
            body(&stream.stdout),
            body(&imported),
            "{name}: the stream imports differently"
        );
        compared += 1;
    }
    assert!(compared >= 12, "only {compared} clusters");
}

#[test]
fn clean_configurations_keep_every_setting() {
    let cases = [
        ("clean-helm-like.yaml", None),
        ("trino-447-hive-s3.yaml", None),
        ("eks-fte-coordinator", None),
        ("kudu-at-468", Some("468")),
        ("ldap-user-bind-pattern", None),
        ("urls-without-credentials", None),
    ];
    // Chart values import as their render would.
    let r = run_in(
        &root(),
        &["import", "fixtures/check/chart-values/clean.yaml"],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.transcript());
    for line in r.stderr.lines().filter(|l| l.starts_with("differs:")) {
        assert!(line.contains(": adds `"), "chart values: {line}");
    }
    assert!(r.stdout.contains("\"s3.aws-secret-key\" = { secret = \"s3\", key = \"secret-key\", env = \"S3_SECRET_KEY\" }"), "{}", r.stdout);
    insta::assert_snapshot!("import_chart-values-clean", r.transcript());
    for (case, release) in cases {
        // Run from the repository root: the spec's header names the path as given.
        let path = format!("fixtures/check/clean/{case}");
        let mut args = vec!["import", path.as_str()];
        if let Some(r) = release {
            args.extend(["--trino-version", r]);
        }
        let r = run_in(&root(), &args, b"");
        // What the original sets, the spec generates; what differs is only what trinocfg adds
        // (its baseline JVM flags, -Xms, query.max-total-memory).
        for line in r.stderr.lines().filter(|l| l.starts_with("differs:")) {
            assert!(line.contains(": adds `"), "{case}: {line}\n{}", r.stderr);
        }
        // Files such as a keystore or a password file are named, never silently dropped.
        if case == "ldap-user-bind-pattern" {
            assert!(r
                .stderr
                .contains("`password-authenticator.properties` is not imported"));
        }
        assert_eq!(r.code, 0, "{}", r.transcript());
        if case == "urls-without-credentials" {
            // The keystore moves to a Secret mounted by the spec: said, with how to create it.
            assert!(r.stderr.contains("kubectl create secret generic production-tls --from-file=keystore.pem=/etc/trino/keystore.pem"), "{}", r.stderr);
        }
        assert!(
            r.stdout.starts_with("# Imported by `trinocfg import`"),
            "{case}"
        );
        insta::assert_snapshot!(format!("import_{case}"), r.transcript());
    }
}

#[test]
fn secrets_are_references_never_values() {
    let work = temp_dir("import-secrets");
    let etc = work.join("etc");
    fs::create_dir_all(etc.join("catalog")).unwrap();
    fs::write(etc.join("config.properties"), "coordinator=true\nnode-scheduler.include-coordinator=true\nhttp-server.http.port=8080\ndiscovery.uri=http://trino:8080\n").unwrap();
    fs::write(etc.join("jvm.config"), "-server\n-Xmx8G\n").unwrap();
    fs::write(etc.join("node.properties"), "node.environment=test\n").unwrap();
    fs::write(etc.join("catalog/pg.properties"), "connector.name=postgresql\nconnection-url=jdbc:postgresql://db:5432/x\nconnection-user=trino\nconnection-password=hunter2-do-not-copy\n").unwrap();
    let r = run_in(&work, &["import", "etc", "--trino-version", "480"], b"");
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(!r.stdout.contains("hunter2-do-not-copy"));
    assert!(!r.stderr.contains("hunter2-do-not-copy"));
    assert!(
        r.stdout
            .contains("password = { secret = \"trino-pg\", key = \"connection-password\" }"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr.contains("create Secret `trino-pg`"),
        "{}",
        r.stderr
    );
    // --out writes the file whole, and refuses to replace one without --force.
    let r = run_in(&work, &["import", "etc", "--out", "spec.toml"], b"");
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(fs::read_to_string(work.join("spec.toml"))
        .unwrap()
        .contains("[catalogs.pg]"));
    let r = run_in(&work, &["import", "etc", "--out", "spec.toml"], b"");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
}

#[test]
fn what_cannot_be_imported_is_refused_clearly() {
    let work = temp_dir("import-refused");
    let worker_only = root().join("fixtures/check/clean/chart-2021-updated.yaml");
    let r = run_in(&work, &["import", worker_only.to_str().unwrap()], b"");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("found no coordinator"), "{}", r.stderr);
    let spec = root().join("fixtures/specs/minimal.toml");
    let r = run_in(&work, &["import", spec.to_str().unwrap()], b"");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("is a trinocfg spec already"),
        "{}",
        r.stderr
    );
    // A stream of two Helm releases holds two clusters: neither is imported for the other.
    let two = root().join("fixtures/check/clean/two-chart-releases.yaml");
    let r = run_in(&work, &["import", two.to_str().unwrap()], b"");
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stderr.contains("holds 2 clusters"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let r = run_in(&work, &["import", "-"], b"hello: world\n");
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stderr.starts_with("error:"), "{}", r.stderr);
}

/// The chart's resource groups (`type: configmap`) become `[resource_groups]`: the spec's
/// `gen` writes the same groups and selectors, as the JSON value Trino reads.
#[test]
fn resource_groups_of_chart_values_become_the_spec_table() {
    let work = temp_dir("import-resource-groups");
    let values = root().join("fixtures/check/chart-values/plugins-clean.yaml");
    let r = run_in(&work, &["import", values.to_str().unwrap()], b"");
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(
        r.stdout.contains("[[resource_groups.groups]]"),
        "{}",
        r.stdout
    );
    assert!(
        !r.stderr
            .contains("`resource-groups.properties` is not imported"),
        "{}",
        r.stderr
    );
    let spec = work.join("imported.toml");
    fs::write(&spec, &r.stdout).unwrap();
    gen(&work, spec.to_str().unwrap(), "out");
    let generated: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(work.join("out/coordinator/etc/resource-groups.json")).unwrap(),
    )
    .unwrap();
    let text = fs::read_to_string(&values).unwrap();
    let block = text
        .split("resourceGroupsConfig: |-\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| l.starts_with("    "))
        .collect::<Vec<_>>()
        .join("\n");
    let original: serde_json::Value = serde_json::from_str(&block).unwrap();
    assert_eq!(generated, original);
}

/// The chart's JMX exporter becomes `[monitoring] jmx_exporter` when the pods open the JMX ports
/// the spec's exporter reads; other ports stay properties, with a note.
#[test]
fn the_charts_jmx_exporter_becomes_monitoring() {
    let work = temp_dir("import-jmx");
    let values = "image:\n  tag: \"480\"\nserver:\n  workers: 2\njmx:\n  enabled: true\n  exporter:\n    enabled: true\n";
    let r = run_in(&work, &["import", "-"], values.as_bytes());
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(
        r.stdout.contains("[monitoring]\njmx_exporter = true\nexporter_image = \"bitnamilegacy/jmx-exporter:1.4.0\"\n"),
        "{}",
        r.stdout
    );
    assert!(
        !r.stdout.contains("\"jmx.rmiregistry.port\""),
        "{}",
        r.stdout
    );
    let moved = values.replace(
        "  exporter:",
        "  coordinator:\n    registryPort: 9090\n  exporter:",
    );
    let r = run_in(&work, &["import", "-"], moved.as_bytes());
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(!r.stdout.contains("[monitoring]"), "{}", r.stdout);
    assert!(
        r.stderr.contains("not on the JMX ports 9080 and 9081"),
        "{}",
        r.stderr
    );
}
