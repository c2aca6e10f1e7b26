//! A fleet behind Trino Gateway from the command line: `gen` writes every cluster and the
//! gateway, `check` reads the output back (and the gateway's config alone), `upgrade` plans
//! the blue/green steps, each state checked.

use std::fs;

mod common;
use common::{root, run_in, temp_dir};

const FLEET: &str = "fixtures/specs/gateway-blue-green.toml";

#[test]
fn gen_writes_every_cluster_and_the_gateway_and_check_reads_them_back() {
    let dir = temp_dir("fleet-gen");
    let out = dir.join("out");
    let spec = root().join(FLEET);
    let r = run_in(&dir, &["gen", spec.to_str().unwrap(), "--out", "out"], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    for path in [
        "blue/coordinator/etc/config.properties",
        "green/worker/etc/config.properties",
        "etl/coordinator/etc/exchange-manager.properties",
        "gateway/config.yaml",
        "gateway/routing-rules.yaml",
        "gateway/backends.json",
        "kubernetes.yaml",
    ] {
        assert!(out.join(path).is_file(), "{path}");
    }
    let backends: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("gateway/backends.json")).unwrap())
            .unwrap();
    assert_eq!(backends[0]["proxyTo"], "http://blue:8080");
    assert_eq!(backends[2]["routingGroup"], "etl");
    let config = fs::read_to_string(out.join("blue/coordinator/etc/config.properties")).unwrap();
    assert!(config.contains("http-server.process-forwarded=true\n"));
    for target in ["out", "out/gateway/config.yaml"] {
        let r = run_in(&dir, &["check", target, "--deny-warnings"], b"");
        assert_eq!(r.code, 0, "{target}: {}", r.stderr);
        assert!(r.stderr.contains("0 errors, 0 warnings"), "{}", r.stderr);
    }
    // A cluster that stops forwarding headers is found in the output as in the spec.
    let green = out.join("green/coordinator/etc/config.properties");
    let text = fs::read_to_string(&green).unwrap();
    fs::write(
        &green,
        text.replace("http-server.process-forwarded=true\n", ""),
    )
    .unwrap();
    let r = run_in(&dir, &["check", "out"], b"");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("error[TG001]: cluster `green`"),
        "{}",
        r.stderr
    );
    // `gen --check` sees the change too.
    let r = run_in(
        &dir,
        &["gen", spec.to_str().unwrap(), "--out", "out", "--check"],
        b"",
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
}

#[test]
fn upgrade_plans_the_blue_green_steps() {
    let dir = temp_dir("fleet-upgrade");
    let spec = root().join(FLEET);
    let r = run_in(
        &dir,
        &["upgrade", spec.to_str().unwrap(), "--to", "483"],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let actions: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .collect();
    assert_eq!(actions.len(), 8, "{}", r.stderr);
    assert!(actions[1].starts_with("1. drain blue"));
    assert!(actions[2].starts_with("2. upgrade blue to Trino 483"));
    assert!(actions[3].starts_with("3. activate blue"));
    assert!(actions[4].starts_with("4. drain green"));
    assert!(actions[7].starts_with("7. upgrade etl to Trino 483 in place"));
    assert!(r.stderr.contains("POST /gateway/backend/deactivate/blue"));
    // Between the two colours the group serves from two releases, and says so.
    assert!(r.stderr.contains("warning[TG005]"));
    let r = run_in(
        &dir,
        &[
            "upgrade",
            spec.to_str().unwrap(),
            "--to",
            "483",
            "--format",
            "json",
        ],
        b"",
    );
    let plan: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(plan["steps"].as_array().unwrap().len(), 8);
    assert_eq!(plan["steps"][1]["backends"][0]["active"], false);
    assert_eq!(plan["steps"][6]["backends"][1]["release"], 483);
}

/// A cluster may be given by the path of its own spec file, relative to the fleet's: it
/// generates the same files as inline, and its problems point into its own file.
#[test]
fn clusters_given_by_path_are_read_beside_the_fleet() {
    let dir = temp_dir("fleet-paths");
    let inline = fs::read_to_string(root().join(FLEET)).unwrap();
    let start = inline.find("[clusters.blue.cluster]").unwrap();
    let end = inline.find("[clusters.green.cluster]").unwrap();
    let blue = inline[start..end].replace("[clusters.blue.", "[");
    fs::create_dir_all(dir.join("clusters")).unwrap();
    fs::write(dir.join("clusters/blue.toml"), &blue).unwrap();
    let fleet = format!(
        "{}[clusters.blue]\nspec = \"clusters/blue.toml\"\n\n{}",
        &inline[..start],
        &inline[end..]
    );
    fs::write(dir.join("fleet.toml"), &fleet).unwrap();
    fs::write(dir.join("inline.toml"), &inline).unwrap();
    for (spec, out) in [("fleet.toml", "by-path"), ("inline.toml", "inline")] {
        let r = run_in(&dir, &["gen", spec, "--out", out], b"");
        assert_eq!(r.code, 0, "{spec}: {}", r.stderr);
    }
    for file in [
        "blue/coordinator/etc/config.properties",
        "gateway/backends.json",
        "kubernetes.yaml",
    ] {
        assert_eq!(
            fs::read_to_string(dir.join("by-path").join(file)).unwrap(),
            fs::read_to_string(dir.join("inline").join(file)).unwrap(),
            "{file}"
        );
    }
    // A problem of the cluster's file is shown in that file.
    fs::write(
        dir.join("clusters/blue.toml"),
        blue.replacen("\"16Gi\"", "\"16Gb\"", 1),
    )
    .unwrap();
    let r = run_in(&dir, &["check", "fleet.toml"], b"");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("--> clusters/blue.toml:"), "{}", r.stderr);
    assert!(r.stderr.contains("memory = \"16Gb\""), "{}", r.stderr);
    // A file that is not there is named, at the fleet's key.
    fs::write(
        dir.join("fleet.toml"),
        fleet.replace("clusters/blue.toml", "clusters/bleu.toml"),
    )
    .unwrap();
    let r = run_in(&dir, &["check", "fleet.toml"], b"");
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("cannot read its spec `clusters/bleu.toml`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("clusters.blue.spec"), "{}", r.stderr);
}

/// `check` of a fleet's output knows each cluster's release from its coordinator's image, so a
/// routing group on two releases is found there as in the spec.
#[test]
fn check_of_a_fleet_output_knows_each_clusters_release() {
    let dir = temp_dir("fleet-releases");
    let spec = root().join("fixtures/check/fleet/tg005-group-on-two-releases.toml");
    let r = run_in(&dir, &["gen", spec.to_str().unwrap(), "--out", "out"], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run_in(&dir, &["check", "out"], b"");
    assert!(
        r.stderr
            .contains("warning[TG005]: routing group `adhoc` serves from different Trino releases: green on 480, blue on 482"),
        "{}",
        r.stderr
    );
}

#[test]
fn one_cluster_of_a_fleet_is_generated_alone_with_cluster() {
    let fleet = "fixtures/specs/gateway-blue-green.toml";
    // Formats that describe one cluster refuse a fleet and say how to pick one.
    let r = run_in(&root(), &["gen", fleet, "--format", "helm-values"], b"");
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stderr.contains("--cluster NAME"), "{}", r.stderr);
    let r = run_in(&root(), &["gen", fleet, "--format", "emr"], b"");
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stderr.contains("--cluster NAME"), "{}", r.stderr);
    // One cluster's output is the fleet's output for that cluster.
    let dir = temp_dir("fleet-cluster");
    let whole = dir.join("whole");
    let r = run_in(
        &root(),
        &["gen", fleet, "--out", whole.to_str().unwrap()],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.transcript());
    let alone = dir.join("etl");
    let r = run_in(
        &root(),
        &[
            "gen",
            fleet,
            "--cluster",
            "etl",
            "--out",
            alone.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.transcript());
    for rel in [
        "coordinator/etc/config.properties",
        "worker/etc/exchange-manager.properties",
        "worker/etc/jvm.config",
    ] {
        assert_eq!(
            fs::read_to_string(alone.join(rel)).unwrap(),
            fs::read_to_string(whole.join("etl").join(rel)).unwrap(),
            "{rel}"
        );
    }
    let r = run_in(
        &root(),
        &["gen", fleet, "--cluster", "etl", "--format", "helm-values"],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(r.stdout.contains("fullnameOverride: etl"), "{}", r.stdout);
    let r = run_in(
        &root(),
        &["gen", fleet, "--cluster", "etl", "--format", "emr"],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(
        r.stdout
            .contains("\"Classification\": \"trino-exchange-manager\""),
        "{}",
        r.stdout
    );
    let r = run_in(
        &root(),
        &["gen", fleet, "--cluster", "purple", "--format", "emr"],
        b"",
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("the fleet has no cluster `purple`; its clusters: `blue`, `green`, `etl`"),
        "{}",
        r.stderr
    );
    let _ = fs::remove_dir_all(&dir);
}
