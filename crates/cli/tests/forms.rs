//! Every input form `check` reads besides specs and Kubernetes streams: one file of an etc/
//! directory given alone (checked as that file, saying what it was taken as), a catalog
//! directory, an etc/ directory that holds only catalogs, and whole directories that lack a
//! file the launcher needs.

use std::fs;
use std::path::Path;

mod common;
use common::{root, run_in, temp_dir};

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Each kind of file given alone: what it is taken as, and the rules of that file.
const SINGLE_FILES: &[(&str, &str, i32, &str)] = &[
    // The coordinator's config.properties, by its name. TASK retries without an exchange
    // manager are not judged: exchange-manager.properties may sit beside it.
    (
        "config.properties",
        "coordinator=true\nretry-policy=TASK\nquery.max-memory=16G\n",
        1,
        "TP004",
    ),
    // A worker's, by its keys.
    (
        "worker-config.properties",
        "coordinator=false\nhttp-server.http.port=8080\nweb-ui.enabled=true\n",
        1,
        "TP008",
    ),
    ("node.properties", "node.environment=Production\n", 1, "TN001"),
    ("log.properties", "io.trino=VERBOSE\n", 1, "TL001"),
    (
        "exchange-manager.properties",
        "exchange-manager.name=filesystem\n",
        1,
        "TF002",
    ),
    // A catalog file, by `connector.name`: read as catalog/hive.properties.
    ("hive.properties", "connector.name=hive-hadoop2\n", 1, "TC003"),
    // A plugin file, by its name and by its key.
    (
        "password-authenticator.properties",
        "password-authenticator.name=file\nfile.password-file=/etc/trino/password.db\n",
        0,
        "",
    ),
    (
        "groups.properties",
        "group-provider.name=ldap\nldap.url=ldaps://ldap.example.com:636\nldap.admin-user=cn=trino\nldap.admin-password=hunter2secret\n",
        0,
        "TK002",
    ),
    ("jvm.config", "-server\n-Xmx16G\n-XX:+UseParallelGC\n", 0, "TJ002"),
    (
        "shop.orders.json",
        "{\"tableName\": \"orders\", \"topicName\": \"shop.orders\", \"message\": {\"dataFormat\": \"xml\", \"fields\": []}}\n",
        1,
        "TC002",
    ),
];

#[test]
fn each_file_given_alone_is_checked_as_that_file() {
    let dir = temp_dir("single-files");
    let mut transcript = String::new();
    for (name, text, exit, code) in SINGLE_FILES {
        write(&dir, name, text);
        let r = run_in(&dir, &["check", name], b"");
        assert_eq!(r.code, *exit, "{name}: {}", r.stderr);
        assert!(
            r.stderr.starts_with(&format!("{name}: checked as ")),
            "{name}: {}",
            r.stderr
        );
        if code.is_empty() {
            assert!(
                r.stderr.ends_with(": 0 errors, 0 warnings\n"),
                "{name}: {}",
                r.stderr
            );
        } else {
            assert!(
                r.stderr.contains(&format!("[{code}]")),
                "{name}: {}",
                r.stderr
            );
        }
        // Nothing about the files that were not given.
        for absent in ["TN002", "TF001", "TF004", "TC005", "TC006"] {
            assert!(!r.stderr.contains(absent), "{name}: {}", r.stderr);
        }
        assert!(!r.stderr.contains("hunter2secret"), "{}", r.stderr);
        transcript.push_str(&format!("$ trinocfg check {name}\n{}\n", r.transcript()));
        // The JSON report keeps its shape: diagnostics, summary and the release judged by.
        let r = run_in(&dir, &["check", name, "--format", "json"], b"");
        assert_eq!(r.code, *exit, "{name}: {}", r.stderr);
        let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        let mut keys: Vec<&String> = report.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["diagnostics", "summary", "target"], "{name}");
        assert_eq!(report["target"]["release"], 482, "{name}");
        assert_eq!(report["target"]["from"], "newest", "{name}");
    }
    insta::assert_snapshot!("single-files", transcript);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn standard_input_is_told_by_its_keys() {
    let dir = temp_dir("single-stdin");
    let r = run_in(&dir, &["check", "-"], b"connector.name=hive-hadoop2\n");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.starts_with(
            "<stdin>: checked as the catalog file catalog/stdin.properties (it sets `connector.name`)"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("[TC003]"), "{}", r.stderr);
    // ISO-8859-1, as Trino reads properties files.
    let r = run_in(
        &dir,
        &["check", "-"],
        b"# caf\xe9\nnode.environment=production\nnode.data-dir=/data/trino\n",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("<stdin>: checked as a node's node.properties (every key is `node.*`)"),
        "{}",
        r.stderr
    );
    let r = run_in(&dir, &["check", "-"], b"-Xmx8G\n-XX:+UseG1GC\n");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("<stdin>: checked as a node's jvm.config (JVM options, one per line)"),
        "{}",
        r.stderr
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_catalog_directory_is_checked_as_catalogs_only() {
    let dir = temp_dir("catalog-dir");
    // A Kafka catalog whose descriptions live in etc/kafka, which is not given: not judged.
    write(
        &dir,
        "catalog/events.properties",
        "connector.name=kafka\nkafka.nodes=kafka:9092\nkafka.table-names=shop.orders\n",
    );
    write(&dir, "catalog/tpch.properties", "connector.name=tpch\n");
    write(&dir, "catalog/Sales.properties", "connector.name=tpch\n");
    let r = run_in(&dir, &["check", "catalog"], b"");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.starts_with(
            "catalog: checked as a catalog directory (etc/catalog/): 3 catalog files, on their own"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("[TC004]"), "{}", r.stderr);
    for absent in ["TN002", "TC005"] {
        assert!(!r.stderr.contains(absent), "{}", r.stderr);
    }
    insta::assert_snapshot!("catalog-directory", r.transcript());
    // The same files in a directory of another name.
    fs::rename(dir.join("catalog"), dir.join("catalogs")).unwrap();
    let r = run_in(&dir, &["check", "catalogs"], b"");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("3 catalog files"), "{}", r.stderr);
    // An etc/ directory that holds only catalog/ (and Kafka descriptions): catalogs only, and
    // the descriptions it holds are judged.
    fs::create_dir_all(dir.join("etc")).unwrap();
    fs::rename(dir.join("catalogs"), dir.join("etc/catalog")).unwrap();
    fs::remove_file(dir.join("etc/catalog/Sales.properties")).unwrap();
    write(
        &dir,
        "etc/kafka/shop.orders.json",
        "{\"tableName\": \"orders\", \"schemaName\": \"shop\", \"topicName\": \"shop.orders\", \"message\": {\"dataFormat\": \"json\", \"fields\": [{\"name\": \"id\", \"type\": \"BIGINT\", \"mapping\": \"id\"}]}}\n",
    );
    let r = run_in(&dir, &["check", "etc"], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("etc: checked as an etc/ directory that holds only catalogs"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.ends_with("etc: 0 errors, 0 warnings\n"),
        "{}",
        r.stderr
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_whole_directory_without_a_launcher_file_is_an_error() {
    let dir = temp_dir("launcher-files");
    let rendered = trinocfg::generate(trinocfg::examples::find("minimal").unwrap().source)
        .output
        .unwrap();
    for (path, contents) in rendered.tree() {
        write(&dir.join("out"), &path, &contents);
    }
    let r = run_in(&dir, &["check", "out"], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The workers' jvm.config is gone from a `gen` output.
    fs::remove_file(dir.join("out/worker/etc/jvm.config")).unwrap();
    let r = run_in(&dir, &["check", "out"], b"");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("error[TN002]: worker: no jvm.config in the configuration directory; the launcher stops before Trino starts: \"JVM config file is missing\""),
        "{}",
        r.stderr
    );
    // An etc/ directory without config.properties is still an etc/ directory.
    let etc = dir.join("out/coordinator/etc");
    fs::remove_file(etc.join("config.properties")).unwrap();
    let r = run_in(
        &dir,
        &["check", "out/coordinator/etc", "--format", "json"],
        b"",
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let items = report["diagnostics"].as_array().unwrap();
    let tn002: Vec<_> = items.iter().filter(|d| d["code"] == "TN002").collect();
    assert_eq!(tn002.len(), 1, "{items:?}");
    assert!(
        tn002[0]["message"]
            .as_str()
            .unwrap()
            .ends_with("\"config file is missing\""),
        "{items:?}"
    );
    assert_eq!(
        tn002[0]["file"],
        Path::new("out/coordinator/etc").display().to_string()
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn the_clean_corpus_trees_are_whole_directories() {
    for name in ["eks-fte-coordinator", "urls-without-credentials"] {
        let tree = root().join("fixtures/check/clean").join(name);
        for file in ["config.properties", "jvm.config", "node.properties"] {
            assert!(tree.join(file).is_file(), "{name} lacks {file}");
        }
    }
}
