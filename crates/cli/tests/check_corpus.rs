//! `trinocfg check` over the corpus: every broken configuration (Kubernetes YAML and etc/
//! trees; broken specs live in `fixtures/invalid`) reports the rule its name starts with, with
//! snapshotted diagnostics; every clean configuration reports nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn check(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_trinocfg"))
        .arg("check")
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn cases(dir: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

/// The release a case is judged as, from a name ending in `-at-<release>`
/// (`tp004-memory-percentage-at-435`): `--trino-version <release>`. Other cases name theirs
/// (an image tag, a spec's `trino_version`) or are judged as the newest.
fn release_args(name: &str) -> Vec<String> {
    let stem = name.split('.').next().unwrap_or(name);
    stem.rsplit_once("-at-")
        .filter(|(_, r)| r.len() == 3 && r.bytes().all(|b| b.is_ascii_digit()))
        .map(|(_, r)| vec!["--trino-version".to_owned(), r.to_owned()])
        .unwrap_or_default()
}

/// `tm001-query-memory-exceeds-heap.yaml` → `TM001`.
fn expected_code(name: &str) -> String {
    name.split('-').next().unwrap().to_ascii_uppercase()
}

#[test]
fn broken_configurations_report_their_rule() {
    let mut count = 0;
    for dir in [
        "fixtures/check/kubernetes",
        "fixtures/check/etc",
        "fixtures/check/files",
        "fixtures/check/fleet",
    ] {
        for name in cases(dir) {
            let path = format!("{dir}/{name}");
            let code = expected_code(&name);
            let rule =
                trinocfg::rules::find(&code).unwrap_or_else(|| panic!("{name}: no rule {code}"));
            let mut args = vec![path.clone()];
            args.extend(release_args(&name));
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let (exit, stdout, stderr) = check(&args);
            assert!(stdout.is_empty(), "{path}: human diagnostics go to stderr");
            assert!(
                stderr.contains(&format!("[{code}]")),
                "{path} should report {code}:\n{stderr}"
            );
            let has_error = stderr.contains("error[");
            assert_eq!(exit, i32::from(has_error), "{path}: exit code");
            if rule.severity == trinocfg::Severity::Error {
                assert_eq!(exit, 1, "{path}: {code} is an error");
            }
            let snapshot_name = name
                .trim_end_matches(".yaml")
                .trim_end_matches(".toml")
                .trim_end_matches(".json")
                .to_owned();
            insta::assert_snapshot!(snapshot_name, format!("exit: {exit}\n{stderr}"));
            count += 1;
        }
    }
    let specs = cases("fixtures/invalid").len();
    assert!(
        count + specs >= 25,
        "the corpus holds {count} files and trees and {specs} specs"
    );
}

#[test]
fn clean_configurations_report_nothing() {
    let mut releases = std::collections::BTreeSet::new();
    for name in cases("fixtures/check/clean") {
        let path = format!("fixtures/check/clean/{name}");
        let mut args = vec![path.clone(), "--deny-warnings".to_owned()];
        args.extend(release_args(&name));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (exit, _, stderr) = check(&args);
        assert_eq!(exit, 0, "{path}:\n{stderr}");
        assert!(stderr.contains("0 errors, 0 warnings"), "{path}:\n{stderr}");
        releases.insert(judged_release(&stderr));
    }
    // The clean corpus holds configurations of several releases, each judged as its own.
    assert!(releases.len() >= 3, "releases judged: {releases:?}");
}

/// The release a report says it judged by: `release: Trino 447 (...)` → 447.
fn judged_release(stderr: &str) -> u32 {
    let line = stderr
        .lines()
        .find_map(|l| l.strip_prefix("release: Trino "))
        .unwrap_or_else(|| panic!("no release line:\n{stderr}"));
    line.split(' ').next().unwrap().parse().unwrap()
}

/// The same configurations judged by the newest release: Trino 482 refuses what their own
/// releases read.
#[test]
fn clean_configurations_of_older_releases_fail_on_the_newest() {
    for (name, code) in [
        ("trino-447-hive-s3.yaml", "TP002"),
        ("kudu-at-468", "TC003"),
        ("spec-440-hive-s3.toml", "TP002"),
    ] {
        let path = format!("fixtures/check/clean/{name}");
        let (exit, _, stderr) = check(&[&path, "--trino-version", "482"]);
        assert_eq!(exit, 1, "{path}:\n{stderr}");
        assert!(
            stderr.contains(&format!("error[{code}]")),
            "{path}:\n{stderr}"
        );
        assert_eq!(judged_release(&stderr), 482);
    }
}

/// Everything `gen` writes passes `check`: the tree, the Kubernetes YAML, and the spec.
#[test]
fn generated_configurations_report_nothing() {
    let out = std::env::temp_dir().join(format!("trinocfg-check-gen-{}", std::process::id()));
    for example in trinocfg::examples::EXAMPLES {
        let dir = out.join(example.name);
        let status = Command::new(env!("CARGO_BIN_EXE_trinocfg"))
            .args(["gen", "--example", example.name, "--out"])
            .arg(&dir)
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        for target in [dir.clone(), dir.join("kubernetes.yaml")] {
            let (exit, _, stderr) = check(&[target.to_str().unwrap(), "--deny-warnings"]);
            assert_eq!(exit, 0, "{}: {stderr}", target.display());
            assert!(
                stderr.contains("0 errors, 0 warnings"),
                "{}: {stderr}",
                target.display()
            );
        }
        let spec = format!("fixtures/specs/{}.toml", example.name);
        let (exit, _, stderr) = check(&[&spec, "--deny-warnings"]);
        assert_eq!(exit, 0, "{spec}: {stderr}");
    }
    let _ = fs::remove_dir_all(&out);
}

/// The official Helm chart's output is known to work: no errors. The samples sit beside the
/// checkout (in CI too); without them this compares nothing and says so.
#[test]
#[allow(clippy::print_stderr)]
fn helm_chart_samples_have_no_errors() {
    let samples = root().join("../shared/samples/helm-chart-1.42.2");
    let Ok(entries) = fs::read_dir(&samples) else {
        eprintln!(
            "no Helm chart samples at {}: nothing compared",
            samples.display()
        );
        return;
    };
    let mut checked = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let (exit, _, stderr) = check(&[path.to_str().unwrap()]);
            assert_eq!(exit, 0, "{}:\n{stderr}", path.display());
            assert!(!stderr.contains("error["), "{}:\n{stderr}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} samples");
}

#[test]
fn json_output_is_machine_readable() {
    let (exit, stdout, _) = check(&[
        "fixtures/check/kubernetes/tm001-query-memory-exceeds-heap.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(exit, 1);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let items = report["diagnostics"].as_array().unwrap();
    assert_eq!(
        usize::try_from(report["summary"]["errors"].as_u64().unwrap()).unwrap(),
        items.iter().filter(|d| d["severity"] == "error").count()
    );
    assert!(report["summary"]["errors"].as_u64().unwrap() >= 1);
    let first = &items[0];
    assert_eq!(first["code"], "TM001");
    assert_eq!(first["severity"], "error");
    assert_eq!(
        first["file"],
        "fixtures/check/kubernetes/tm001-query-memory-exceeds-heap.yaml"
    );
    assert_eq!(first["line"], 66);
    assert!(first["help"]
        .as_str()
        .unwrap()
        .contains("query.max-memory-per-node"));
    insta::assert_snapshot!("json", stdout);
}

#[test]
fn warnings_fail_only_when_denied() {
    let path = "fixtures/check/kubernetes/tk002-literal-password.yaml";
    assert_eq!(check(&[path]).0, 0);
    assert_eq!(check(&[path, "--deny-warnings"]).0, 1);
}

#[test]
fn standard_input_takes_yaml_and_specs() {
    use std::io::Write;
    use std::process::Stdio;
    for (input, expect) in [
        (
            fs::read_to_string(
                root().join("fixtures/check/kubernetes/tp001-misspelt-property.yaml"),
            )
            .unwrap(),
            "TP001",
        ),
        (
            fs::read_to_string(root().join("fixtures/invalid/memory-exceeds-heap.toml")).unwrap(),
            "TM001",
        ),
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_trinocfg"))
            .args(["check", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&out.stderr).contains(expect));
    }
}

#[test]
fn unusable_paths_are_usage_errors() {
    let (exit, _, stderr) = check(&["fixtures"]);
    assert_eq!(exit, 2);
    assert!(
        stderr.contains("neither a Trino etc/ directory"),
        "{stderr}"
    );
    let (exit, _, _) = check(&["no/such/file.yaml"]);
    assert_eq!(exit, 2);
}

#[test]
fn sarif_output_matches_the_json_report() {
    for path in [
        "fixtures/check/kubernetes/tm001-query-memory-exceeds-heap.yaml",
        "fixtures/check/kubernetes/tk002-literal-password.yaml",
        "fixtures/invalid/heap-exceeds-container.toml",
    ] {
        let (exit, json, _) = check(&[path, "--format", "json"]);
        let (sarif_exit, sarif, _) = check(&[path, "--format", "sarif"]);
        assert_eq!(exit, sarif_exit, "{path}");
        let report: serde_json::Value = serde_json::from_str(&json).unwrap();
        let log: serde_json::Value = serde_json::from_str(&sarif).unwrap();
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        let results = run["results"].as_array().unwrap();
        let diagnostics = report["diagnostics"].as_array().unwrap();
        assert_eq!(results.len(), diagnostics.len(), "{path}");
        assert!(!results.is_empty(), "{path}");
        for (r, d) in results.iter().zip(diagnostics) {
            assert_eq!(r["ruleId"], d["code"], "{path}");
            assert_eq!(r["level"], d["severity"], "{path}");
            let index = usize::try_from(r["ruleIndex"].as_u64().unwrap()).unwrap();
            assert_eq!(rules[index]["id"], d["code"]);
            let physical = &r["locations"][0]["physicalLocation"];
            assert_eq!(physical["artifactLocation"]["uri"], d["file"], "{path}");
            assert_eq!(physical["region"]["startLine"], d["line"], "{path}");
            assert_eq!(physical["region"]["startColumn"], d["column"], "{path}");
        }
    }
    // The literal password that TK002 finds is in no result (the log copies no text).
    let (_, sarif, _) = check(&[
        "fixtures/check/kubernetes/tk002-literal-password.yaml",
        "--format",
        "sarif",
    ]);
    let text =
        fs::read_to_string(root().join("fixtures/check/kubernetes/tk002-literal-password.yaml"))
            .unwrap();
    let secret = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("connection-password="))
        .expect("the fixture has a literal password");
    let log: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let results = log["runs"][0]["results"].to_string();
    assert!(results.contains("TK002"));
    assert!(!results.contains(secret.trim()), "the password leaked");
    insta::assert_snapshot!(
        "sarif_results",
        serde_json::to_string_pretty(&log["runs"][0]["results"]).unwrap()
    );
}

#[test]
fn chart_values_are_checked_without_rendering_them() {
    let path = "fixtures/check/chart-values/broken.yaml";
    let (exit, _, stderr) = check(&[path]);
    assert_eq!(exit, 1, "{stderr}");
    assert!(
        stderr.contains("read as values of the Trino Helm chart"),
        "{stderr}"
    );
    assert!(
        stderr.contains("release: Trino 476 (the image of the values' image.tag"),
        "{stderr}"
    );
    // The literal secret of a catalog is masked in the snippet, as in every other input.
    assert!(!stderr.contains("hive.s3.aws-secret-key=abc"), "{stderr}");
    let found = codes_and_lines(path);
    // Each problem once, at the line of the value to change.
    for expected in [
        ("TM001", 16),
        ("TP001", 27),
        ("TP009", 32),
        ("TK002", 32),
        ("TM003", 22),
        ("TM005", 10),
    ] {
        assert!(
            found.contains(&(expected.0.to_owned(), expected.1)),
            "{expected:?} not in {found:?}"
        );
    }
    assert_eq!(
        found.iter().filter(|(c, _)| c == "TP001").count(),
        1,
        "{found:?}"
    );
    insta::assert_snapshot!("chart-values-broken", stderr);
    let (exit, _, stderr) = check(&["fixtures/check/chart-values/clean.yaml"]);
    assert_eq!(exit, 0, "{stderr}");
    assert!(stderr.contains("0 errors, 0 warnings"), "{stderr}");
}

/// The (code, line) of each diagnostic of `check PATH --format json`.
fn codes_and_lines(path: &str) -> Vec<(String, u64)> {
    let (_, json, _) = check(&[path, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

/// Access control, resource groups and graceful shutdown are read from the values as the
/// templates write them (the round trip with helm checks the render finds the same).
#[test]
fn chart_values_plugins_and_lifecycle_are_followed() {
    let path = "fixtures/check/chart-values/plugins-broken.yaml";
    let (exit, _, stderr) = check(&[path]);
    assert_eq!(exit, 1, "{stderr}");
    assert!(!stderr.contains("not followed"), "{stderr}");
    let found = codes_and_lines(path);
    // The drain the grace periods leave, a rule for an absent catalog, a selector to no group:
    // each at the line of the value.
    assert_eq!(
        found,
        [
            ("TD006".to_owned(), 12),
            ("TH007".to_owned(), 31),
            ("TR001".to_owned(), 45)
        ],
        "{stderr}"
    );
    let (exit, _, stderr) = check(&["fixtures/check/chart-values/plugins-clean.yaml"]);
    assert_eq!(exit, 0, "{stderr}");
    assert!(stderr.contains("0 errors, 0 warnings"), "{stderr}");
    // Password authentication: the chart's authenticator file points at a password file that
    // nothing mounts without `auth.passwordAuth`.
    let path = "fixtures/check/chart-values/auth-broken.yaml";
    let (_, _, stderr) = check(&[path]);
    assert!(!stderr.contains("not followed"), "{stderr}");
    assert!(
        stderr.contains("file.password-file names /etc/trino/auth/password/password.db"),
        "{stderr}"
    );
    let mut codes: Vec<String> = codes_and_lines(path).into_iter().map(|(c, _)| c).collect();
    codes.sort();
    assert_eq!(codes, ["TH002", "TH003", "TH003", "TP014"], "{stderr}");

    // What the chart's templates refuse (`fail`) is an error at the value, never a pass.
    let dir = std::env::temp_dir().join(format!("trinocfg-chart-plugins-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    for (values, at) in [
        ("image:\n  tag: \"480\"\naccessControl:\n  type: file\n", "accessControl.type"),
        ("image:\n  tag: \"480\"\nresourceGroups:\n  type: properties\n", "resourceGroups.type"),
        (
            "image:\n  tag: \"480\"\nworker:\n  gracefulShutdown:\n    enabled: true\n  lifecycle:\n    preStop:\n      exec:\n        command: [\"sleep\", \"5\"]\n",
            "worker.lifecycle",
        ),
        (
            "image:\n  tag: \"480\"\nworker:\n  terminationGracePeriodSeconds: 239\n  gracefulShutdown:\n    enabled: true\n",
            "worker.terminationGracePeriodSeconds",
        ),
        ("image:\n  tag: \"480\"\nserver:\n  keda:\n    enabled: true\n", "server.keda"),
        (
            "image:\n  tag: \"480\"\nserver:\n  autoscaling:\n    enabled: true\n  keda:\n    enabled: true\n    triggers:\n    - type: cpu\n      metadata:\n        value: \"50\"\n",
            "server.autoscaling",
        ),
        (
            "image:\n  tag: \"480\"\nservice:\n  type: NodePort\nnetworkPolicy:\n  enabled: true\n",
            "networkPolicy",
        ),
    ] {
        let file = dir.join("values.yaml");
        fs::write(&file, values).unwrap();
        let (exit, _, stderr) = check(&[file.to_str().unwrap(), "--chart-values"]);
        assert_eq!(exit, 1, "{values}: {stderr}");
        assert!(stderr.contains("error[TP011]"), "{values}: {stderr}");
        assert!(stderr.contains(&format!("`{at}")), "{values}: {stderr}");
        assert!(stderr.contains("helm template` fails"), "{values}: {stderr}");
    }
    // Twice the drain exactly is what the chart asks for: no refusal.
    let file = dir.join("values.yaml");
    fs::write(
        &file,
        "image:\n  tag: \"480\"\nworker:\n  terminationGracePeriodSeconds: 240\n  gracefulShutdown:\n    enabled: true\n",
    )
    .unwrap();
    let (_, _, stderr) = check(&[file.to_str().unwrap(), "--chart-values"]);
    assert!(!stderr.contains("TP011"), "{stderr}");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn chart_values_given_as_such_are_read_whatever_their_keys() {
    let dir = std::env::temp_dir().join(format!("trinocfg-chart-values-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let file = dir.join("mine.yaml");
    // Keys that say nothing of the chart: refused unless `--chart-values` says what they are.
    fs::write(&file, "fullnameOverride: analytics\n").unwrap();
    let (exit, _, stderr) = check(&[file.to_str().unwrap()]);
    assert_eq!(exit, 2, "{stderr}");
    let (exit, _, stderr) = check(&[file.to_str().unwrap(), "--chart-values"]);
    assert_eq!(exit, 0, "{stderr}");
    assert!(
        stderr.contains("the chart's default image (appVersion 480)"),
        "{stderr}"
    );
    // Not a mapping: a clear error, not a pass.
    fs::write(&file, "- a\n- b\n").unwrap();
    let (exit, _, stderr) = check(&[file.to_str().unwrap(), "--chart-values"]);
    assert_eq!(exit, 1, "{stderr}");
    assert!(
        stderr.contains("Helm values are a YAML mapping"),
        "{stderr}"
    );
    let _ = fs::remove_dir_all(&dir);
}
