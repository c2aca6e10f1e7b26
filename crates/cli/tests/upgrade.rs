//! `trinocfg upgrade`: from Trino 435 and 468 to 482, on etc/ trees, Kubernetes YAML, a `gen`
//! output directory and specs; the migrated files `--out` writes, checked by the target.

use std::fs;
use std::path::Path;

mod common;
use common::{root, run_in, temp_dir};

/// Copies a fixture directory (or file) into `dir`, so the paths in messages are stable.
fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        fs::create_dir_all(to).unwrap();
        for entry in fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        fs::copy(from, to).unwrap();
    }
}

fn fixture(dir: &Path, name: &str) {
    copy(&root().join("fixtures/upgrade").join(name), &dir.join(name));
}

/// The codes reported, but the defaults that change (`TU005`), which every long move has.
fn codes(stderr: &str) -> Vec<String> {
    all_codes(stderr)
        .into_iter()
        .filter(|c| c != "TU005")
        .collect()
}

fn all_codes(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter_map(|l| {
            let rest = l
                .strip_prefix("error[")
                .or_else(|| l.strip_prefix("warning["))?;
            Some(rest[..5].to_owned())
        })
        .collect()
}

#[test]
fn an_etc_tree_of_435_moves_to_482() {
    let dir = temp_dir("upgrade-435");
    fixture(&dir, "etc-435");
    let before = run_in(&dir, &["check", "etc-435", "--trino-version", "435"], b"");
    assert_eq!(before.code, 0, "{}", before.stderr);
    let r = run_in(
        &dir,
        &["upgrade", "etc-435", "--from", "435", "--to", "482"],
        b"",
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    for needle in [
        "`hive.s3.aws-access-key`, read by Trino 435, is not read by Trino 482",
        "with `fs.s3.enabled=true` in the same catalog",
        "`enable-large-dynamic-filters`, read by Trino 435, is defunct in Trino 482",
        "connector `kudu`, which Trino 482 does not ship (the last release that ships it: 468)",
        "`fs.native-s3.enabled` is named `fs.s3.enabled` in Trino 482",
        "is named `dynamic-filtering.max-distinct-values-per-driver`",
        "6 edits: --out DIR writes them",
    ] {
        assert!(r.stderr.contains(needle), "{needle}:\n{}", r.stderr);
    }
    insta::assert_snapshot!("etc-435", r.transcript());

    let out = run_in(
        &dir,
        &[
            "upgrade", "etc-435", "--from", "435", "--to", "482", "--out", "migrated",
        ],
        b"",
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("wrote 7 files to migrated: 6 edits"),
        "{}",
        out.stderr
    );
    let read = |rel: &str| fs::read_to_string(dir.join("migrated").join(rel)).unwrap();
    let iceberg = read("catalog/iceberg.properties");
    assert!(iceberg.contains("\nfs.s3.enabled=true\n"), "{iceberg}");
    assert!(!iceberg.contains("fs.native-s3.enabled"), "{iceberg}");
    let hive = read("catalog/hive.properties");
    assert!(!hive.lines().any(|l| l.starts_with("hive.s3.")), "{hive}");
    assert!(
        hive.contains("# removed `hive.s3.region`: Trino 482 does not read it; its replacement is `s3.region`"),
        "{hive}"
    );
    let config = read("config.properties");
    assert!(config.contains("\ndynamic-filtering.max-distinct-values-per-driver=20000\n"));
    assert!(config.contains("# removed `enable-large-dynamic-filters`"));
    // Files without edits are copied byte for byte.
    assert_eq!(
        read("jvm.config"),
        fs::read_to_string(dir.join("etc-435/jvm.config")).unwrap()
    );
    // What is left for Trino 482 is the connector no edit can replace.
    let after = run_in(&dir, &["check", "migrated", "--trino-version", "482"], b"");
    assert_eq!(after.code, 1, "{}", after.stderr);
    assert_eq!(codes(&after.stderr), ["TC003"], "{}", after.stderr);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn an_etc_tree_of_468_moves_to_482() {
    let dir = temp_dir("upgrade-468");
    fixture(&dir, "etc-468");
    let r = run_in(
        &dir,
        &["upgrade", "etc-468", "--from", "468", "--to", "482"],
        b"",
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let mut found = codes(&r.stderr);
    found.sort();
    assert_eq!(found, ["TU001", "TU002", "TU002", "TU002"], "{}", r.stderr);
    assert!(r.stderr.contains("connector `kinesis`"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("is named `external-exchange-encryption-enabled` in Trino 482"),
        "{}",
        r.stderr
    );
    // Defaults the files rely on, one warning per file.
    assert_eq!(
        all_codes(&r.stderr)
            .iter()
            .filter(|c| *c == "TU005")
            .count(),
        2,
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("7 keys that config.properties leaves unset change their defaults between Trino 468 and Trino 482:"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("`task.info.max-age` `15m` → `5m`"),
        "{}",
        r.stderr
    );
    insta::assert_snapshot!("etc-468", r.transcript());
    let out = run_in(
        &dir,
        &[
            "upgrade", "etc-468", "--from", "468", "--to", "482", "--out", "migrated",
        ],
        b"",
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let hive = fs::read_to_string(dir.join("migrated/catalog/hive.properties")).unwrap();
    assert!(hive.contains("\nfs.s3.enabled=true\n"), "{hive}");
    // No rename is left for the target to warn about.
    let again = run_in(
        &dir,
        &["upgrade", "migrated", "--from", "482", "--to", "482"],
        b"",
    );
    assert!(!again.stderr.contains("TU002"), "{}", again.stderr);
    let after = run_in(&dir, &["check", "migrated", "--trino-version", "482"], b"");
    assert!(!after.stderr.contains("warning[TP010]"), "{}", after.stderr);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn kubernetes_yaml_of_435_is_migrated_and_retagged() {
    let dir = temp_dir("upgrade-k8s-435");
    fixture(&dir, "kubernetes-435.yaml");
    // The release comes from the image tag.
    let r = run_in(
        &dir,
        &["upgrade", "kubernetes-435.yaml", "--to", "482"],
        b"",
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("upgrade: from Trino 435 (the image of Deployment trino-coordinator, trinodb/trino:435)"),
        "{}",
        r.stderr
    );
    assert_eq!(codes(&r.stderr), ["TU001"; 5], "{}", r.stderr);
    insta::assert_snapshot!("kubernetes-435", r.transcript());
    let out = run_in(
        &dir,
        &[
            "upgrade",
            "kubernetes-435.yaml",
            "--to",
            "482",
            "--out",
            "migrated",
        ],
        b"",
    );
    assert!(
        out.stderr.contains("wrote 1 file to migrated: 5 edits"),
        "{}",
        out.stderr
    );
    let yaml = fs::read_to_string(dir.join("migrated/kubernetes-435.yaml")).unwrap();
    assert_eq!(
        yaml.matches("image: trinodb/trino:482").count(),
        2,
        "{yaml}"
    );
    assert!(!yaml.contains("trinodb/trino:435"));
    // The migrated stream is judged by its new image tag, and Trino 482 reads it.
    let after = run_in(
        &dir,
        &["check", "migrated/kubernetes-435.yaml", "--deny-warnings"],
        b"",
    );
    assert_eq!(after.code, 0, "{}", after.stderr);
    assert!(
        after.stderr.contains("release: Trino 482 (the image of"),
        "{}",
        after.stderr
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn kubernetes_yaml_of_468_loses_its_kinesis_catalog() {
    let dir = temp_dir("upgrade-k8s-468");
    fixture(&dir, "kubernetes-468.yaml");
    let r = run_in(
        &dir,
        &["upgrade", "kubernetes-468.yaml", "--to", "482"],
        b"",
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(codes(&r.stderr), ["TU001", "TU002"], "{}", r.stderr);
    insta::assert_snapshot!("kubernetes-468", r.transcript());
    // Without the removed connector, nothing stops Trino 482.
    let yaml = fs::read_to_string(dir.join("kubernetes-468.yaml")).unwrap();
    let mut without = String::new();
    for line in yaml
        .lines()
        .filter(|l| !l.contains("kinesis") && !l.contains("events.properties"))
    {
        without.push_str(line);
        without.push('\n');
    }
    fs::write(dir.join("k.yaml"), without).unwrap();
    let r = run_in(
        &dir,
        &["upgrade", "k.yaml", "--to", "482", "--format", "json"],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(report["from"]["release"], 468);
    assert_eq!(report["from"]["from"], "image");
    assert_eq!(report["to"]["release"], 482);
    assert_eq!(report["summary"]["errors"], 0);
    assert_eq!(report["edits"], 1);
    let listed: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        listed.iter().filter(|c| **c == "TU002").count(),
        1,
        "{listed:?}"
    );
    assert!(
        listed.iter().all(|c| ["TU002", "TU005"].contains(c)),
        "{listed:?}"
    );
    let _ = fs::remove_dir_all(&dir);
}

/// A `gen` output for Trino 468 moves to 482: the etc/ trees and the Kubernetes YAML alike.
#[test]
fn a_gen_output_of_468_moves_to_482() {
    let dir = temp_dir("upgrade-gen");
    let spec = fs::read_to_string(root().join("fixtures/specs/federated-s3-mysql.toml"))
        .unwrap()
        .replace("[cluster]\n", "[cluster]\ntrino_version = 468\n");
    fs::write(dir.join("spec.toml"), spec).unwrap();
    let gen = run_in(&dir, &["gen", "spec.toml", "--out", "build"], b"");
    assert_eq!(gen.code, 0, "{}", gen.stderr);
    let r = run_in(
        &dir,
        &["upgrade", "build", "--to", "482", "--out", "build-482"],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("upgrade: from Trino 468 (the image of"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("warning[TU002]"), "{}", r.stderr);
    for rel in [
        "coordinator/etc/catalog/hive.properties",
        "worker/etc/catalog/hive.properties",
    ] {
        let text = fs::read_to_string(dir.join("build-482").join(rel)).unwrap();
        assert!(text.contains("fs.s3.enabled=true"), "{rel}: {text}");
        assert!(!text.contains("fs.native-s3.enabled"), "{rel}: {text}");
    }
    let yaml = fs::read_to_string(dir.join("build-482/kubernetes.yaml")).unwrap();
    assert!(yaml.contains("fs.s3.enabled=true"));
    assert!(!yaml.contains("fs.native-s3.enabled"));
    assert!(yaml.contains("trinodb/trino:482") && !yaml.contains("trinodb/trino:468"));
    let after = run_in(&dir, &["check", "build-482", "--deny-warnings"], b"");
    assert_eq!(after.code, 0, "{}", after.stderr);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_spec_answers_with_the_diff_of_gen() {
    let dir = temp_dir("upgrade-spec");
    let r = run_in(
        &dir,
        &[
            "upgrade",
            root()
                .join("fixtures/specs/federated-s3-mysql.toml")
                .to_str()
                .unwrap(),
            "--from",
            "468",
            "--to",
            "482",
        ],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("-fs.native-s3.enabled=true\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("+fs.s3.enabled=true\n"), "{}", r.stdout);
    for (sign, image) in [('-', "trinodb/trino:468"), ('+', "trinodb/trino:482")] {
        assert!(
            r.stdout
                .lines()
                .any(|l| l.starts_with(sign) && l.contains("image: ") && l.contains(image)),
            "{}",
            r.stdout
        );
    }
    // The JVM baseline follows the release.
    assert!(
        r.stdout
            .contains("--XX:G1NumCollectionsKeepPinned=10000000\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr.contains("differ between Trino 468 and Trino 482"),
        "{}",
        r.stderr
    );
    // A spec whose extra properties Trino 482 no longer reads.
    let spec = root().join("fixtures/check/clean/spec-440-hive-s3.toml");
    let r = run_in(
        &dir,
        &["upgrade", spec.to_str().unwrap(), "--to", "482"],
        b"",
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r
        .stderr
        .contains("upgrade: from Trino 440 (the spec's cluster.trino_version)"));
    assert!(r.stderr.contains("error[TP002]"), "{}", r.stderr);
    assert!(r
        .stderr
        .contains("Trino 482 would refuse what this spec generates"));
    // A spec is not migrated in place.
    let r = run_in(
        &dir,
        &[
            "upgrade",
            spec.to_str().unwrap(),
            "--to",
            "482",
            "--out",
            "x",
        ],
        b"",
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("trino_version = 482"), "{}", r.stderr);
    assert!(!dir.join("x").exists());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_removed_secret_is_never_echoed_nor_kept() {
    let dir = temp_dir("upgrade-secret");
    fixture(&dir, "etc-435");
    let hive = dir.join("etc-435/catalog/hive.properties");
    let text = fs::read_to_string(&hive).unwrap().replace(
        "${ENV:AWS_SECRET_ACCESS_KEY}",
        "wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEY",
    );
    fs::write(&hive, text).unwrap();
    let r = run_in(
        &dir,
        &[
            "upgrade", "etc-435", "--from", "435", "--to", "482", "--out", "migrated",
        ],
        b"",
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        !r.stderr.contains("wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEY"),
        "{}",
        r.stderr
    );
    assert!(!r.stdout.contains("wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEY"));
    let migrated = fs::read_to_string(dir.join("migrated/catalog/hive.properties")).unwrap();
    assert!(
        !migrated.contains("wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEY"),
        "{migrated}"
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn nothing_is_written_over_foreign_files_or_for_unread_input() {
    let dir = temp_dir("upgrade-refusals");
    fixture(&dir, "etc-435");
    fs::create_dir_all(dir.join("taken")).unwrap();
    fs::write(dir.join("taken/notes.txt"), "mine").unwrap();
    let r = run_in(
        &dir,
        &[
            "upgrade", "etc-435", "--from", "435", "--to", "482", "--out", "taken",
        ],
        b"",
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("holds files trinocfg did not write: notes.txt"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read_dir(dir.join("taken")).unwrap().count(), 1);
    // Chart values are planned, not migrated into files.
    fs::write(
        dir.join("values.yaml"),
        "image:\n  tag: 447\nserver:\n  workers: 3\n",
    )
    .unwrap();
    let r = run_in(
        &dir,
        &["upgrade", "values.yaml", "--to", "482", "--out", "o"],
        b"",
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("holds Helm chart values"), "{}", r.stderr);
    assert!(!dir.join("o").exists());
    let r = run_in(&dir, &["upgrade", "values.yaml", "--to", "482"], b"");
    assert!(r.code <= 1, "{}", r.stderr);
    assert!(r.stderr.contains("447"), "{}", r.stderr);
    let r = run_in(
        &dir,
        &["upgrade", "-", "--to", "482"],
        b"connector.name=hive\n",
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    // An etc/ tree names no release: the current one must be given.
    let r = run_in(
        &dir,
        &["upgrade", "etc-435", "--to", "482", "--out", "o"],
        b"",
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("help: give the release it runs now: `--from RELEASE`"),
        "{}",
        r.stderr
    );
    assert!(!dir.join("o").exists());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn deprecations_switch_defaults_and_refused_values_on_the_way() {
    let dir = temp_dir("upgrade-between");
    fixture(&dir, "kubernetes-435.yaml");
    // 476 deprecates hive.s3.*, and from 458 the legacy file system that reads them is off
    // unless `fs.hadoop.enabled=true`.
    let r = run_in(
        &dir,
        &["upgrade", "kubernetes-435.yaml", "--to", "476"],
        b"",
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let found = codes(&r.stderr);
    assert_eq!(
        found.iter().filter(|c| *c == "TU004").count(),
        5,
        "{}",
        r.stderr
    );
    assert_eq!(
        found.iter().filter(|c| *c == "TP009").count(),
        5,
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("help: Trino 481 removes it: move to `s3.aws-access-key` before then"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("only read with `fs.hadoop.enabled=true`"),
        "{}",
        r.stderr
    );
    // Going back: a heap percentage Trino 476 takes and Trino 468 refuses.
    fixture(&dir, "etc-468");
    let config = dir.join("etc-468/config.properties");
    let text = fs::read_to_string(&config).unwrap().replace(
        "query.max-memory-per-node=6GB",
        "query.max-memory-per-node=30%",
    );
    fs::write(&config, text).unwrap();
    let r = run_in(
        &dir,
        &["upgrade", "etc-468", "--from", "476", "--to", "468"],
        b"",
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        codes(&r.stderr).contains(&"TU003".to_owned()),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("the value of `query.max-memory-per-node`, which Trino 476 takes, is refused by Trino 468"),
        "{}",
        r.stderr
    );
    let _ = fs::remove_dir_all(&dir);
}

/// Files Trino reads as ISO-8859-1 keep their bytes: untouched ones are copied, edited ones are
/// written back in ISO-8859-1; CRLF line ends stay.
#[test]
fn migrated_files_keep_their_encoding_and_line_ends() {
    let dir = temp_dir("upgrade-latin1");
    fixture(&dir, "etc-468");
    let hive = dir.join("etc-468/catalog/hive.properties");
    let mut bytes = b"# Caf\xe9 lake\r\n".to_vec();
    bytes.extend(
        fs::read_to_string(&hive)
            .unwrap()
            .replace('\n', "\r\n")
            .bytes(),
    );
    fs::write(&hive, &bytes).unwrap();
    let log = dir.join("etc-468/log.properties");
    let mut log_bytes = b"# r\xe9sum\xe9\n".to_vec();
    log_bytes.extend(fs::read(&log).unwrap());
    fs::write(&log, &log_bytes).unwrap();
    let r = run_in(
        &dir,
        &[
            "upgrade", "etc-468", "--from", "468", "--to", "482", "--out", "migrated",
        ],
        b"",
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        fs::read(dir.join("migrated/log.properties")).unwrap(),
        log_bytes
    );
    let migrated = fs::read(dir.join("migrated/catalog/hive.properties")).unwrap();
    let expected: Vec<u8> = String::from_utf8_lossy(&bytes)
        .replace("fs.native-s3.enabled", "fs.s3.enabled")
        .replace('\u{fffd}', "\u{e9}")
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    assert_eq!(migrated, expected, "{}", String::from_utf8_lossy(&migrated));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn session_property_defaults_the_target_lacks_are_named() {
    let dir = temp_dir("upgrade-session");
    copy(
        &root().join("fixtures/check/etc/tr007-session-property-unknown-catalog"),
        &dir.join("etc"),
    );
    fs::write(
        dir.join("etc/session-property-config.json"),
        r#"[{"user": "bi-.*", "sessionProperties": {
  "optimize_hash_generation": "false",
  "enable_large_dynamic_filters": "true",
  "query_max_run_time": "2h",
  "lakehouse.parquet_use_column_index": "true"
}}]"#,
    )
    .unwrap();
    let before = run_in(&dir, &["check", "etc", "--trino-version", "468"], b"");
    assert_eq!(before.code, 0, "{}", before.stderr);
    assert!(!before.stderr.contains("TR008"), "{}", before.stderr);
    let r = run_in(
        &dir,
        &["upgrade", "etc", "--from", "468", "--to", "482"],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(codes(&r.stderr), ["TR008", "TR008"], "{}", r.stderr);
    for needle in [
        "`optimize_hash_generation` is not a session property of Trino 482 (Trino 468 was the last known release with it)",
        "`enable_large_dynamic_filters` is not a session property of Trino 482 (Trino 479 was the last known release with it)",
    ] {
        assert!(r.stderr.contains(needle), "{needle}\n{}", r.stderr);
    }
    // Between them, 476 still has one of the two.
    let mid = run_in(
        &dir,
        &["upgrade", "etc", "--from", "468", "--to", "476"],
        b"",
    );
    assert_eq!(codes(&mid.stderr), ["TR008"], "{}", mid.stderr);
    let _ = fs::remove_dir_all(&dir);
}
