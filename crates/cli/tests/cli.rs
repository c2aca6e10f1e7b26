//! The command line: exit codes, standard output and standard error, snapshotted.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

mod common;
use common::{root, run_in, temp_dir, Run};

fn run_with(args: &[&str], stdin: Option<&str>, cwd: &Path) -> Run {
    run_in(cwd, args, stdin.unwrap_or_default().as_bytes())
}

fn run(args: &[&str]) -> Run {
    run_with(args, None, &root())
}

#[test]
fn examples_lists_every_example() {
    let r = run(&["examples"]);
    assert_eq!(r.code, 0);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn gen_example_prints_the_kubernetes_yaml() {
    for example in trinocfg::examples::EXAMPLES {
        let r = run(&["gen", "--example", example.name, "--format", "configmaps"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let expected = trinocfg::generate(example.source)
            .output
            .unwrap()
            .kubernetes;
        assert_eq!(r.stdout, expected, "{}", example.name);
    }
}

#[test]
fn gen_reads_standard_input() {
    let spec = trinocfg::examples::find("minimal").unwrap().source;
    let r = run_with(&["gen", "-", "--format", "configmaps"], Some(spec), &root());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("kind: ConfigMap"));
}

#[test]
fn invalid_specs_exit_1_with_snippets() {
    for name in [
        "memory-exceeds-heap",
        "literal-password",
        "kafka-bad-types",
        "exchange-scheme",
    ] {
        let path = format!("fixtures/invalid/{name}.toml");
        let r = run(&["gen", &path, "--format", "configmaps"]);
        assert_eq!(r.code, 1, "{name}");
        assert!(r.stdout.is_empty(), "{name}: nothing on stdout");
        insta::assert_snapshot!(name, r.transcript());
    }
}

#[test]
fn parse_errors_exit_2() {
    for name in ["bad-syntax", "unknown-key", "task-without-exchange"] {
        let path = format!("fixtures/invalid/{name}.toml");
        let r = run(&["gen", &path, "--format", "configmaps"]);
        assert_eq!(r.code, 2, "{name}");
        insta::assert_snapshot!(name, r.transcript());
    }
}

#[test]
fn usage_errors_exit_2() {
    let r = run(&["gen", "--example", "minimall"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `minimal`"), "{}", r.stderr);
    let r = run(&["gen", "--example", "minimal", "--format", "etc"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--out"));
    let r = run(&["gen", "no/such/spec.toml"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot read no/such/spec.toml"));
    let r = run(&["frobnicate"]);
    assert_eq!(r.code, 2);
    let r = run(&["gen", "--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("--out <DIR>"));
}

#[test]
fn gen_out_writes_the_tree_atomically_and_check_detects_drift() {
    let dir = temp_dir("out");
    let out = dir.join("build");
    let out_s = out.to_str().unwrap();
    let r = run(&["gen", "--example", "kafka-orders", "--out", out_s]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rendered = trinocfg::generate(trinocfg::examples::find("kafka-orders").unwrap().source)
        .output
        .unwrap();
    for (path, contents) in rendered.tree() {
        assert_eq!(
            fs::read_to_string(out.join(&path)).unwrap(),
            contents,
            "{path}"
        );
    }
    assert!(out
        .join("coordinator/etc/kafka/events/shop.orders.json")
        .is_file());
    assert!(out.join("worker/etc/catalog/crm.properties").is_file());

    // Identical: exit 0, nothing printed.
    let r = run(&[
        "gen",
        "--example",
        "kafka-orders",
        "--out",
        out_s,
        "--check",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());

    // Drift: exit 1 and a diff; --check writes nothing.
    let config = out.join("coordinator/etc/config.properties");
    let edited = fs::read_to_string(&config)
        .unwrap()
        .replace("http-server.http.port=8080", "http-server.http.port=9090");
    fs::write(&config, &edited).unwrap();
    let r = run(&[
        "gen",
        "--example",
        "kafka-orders",
        "--out",
        out_s,
        "--check",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("-http-server.http.port=9090\n+http-server.http.port=8080"),
        "{}",
        r.stdout
    );
    assert_eq!(fs::read_to_string(&config).unwrap(), edited);

    // Regenerating over our own output is fine.
    let r = run(&["gen", "--example", "minimal", "--out", out_s]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !out.join("coordinator/etc/kafka").exists(),
        "stale files of the earlier spec are gone"
    );

    // A file trinocfg did not write is never deleted without --force.
    fs::write(out.join("notes.txt"), "mine").unwrap();
    let r = run(&["gen", "--example", "kafka-orders", "--out", out_s]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("notes.txt"), "{}", r.stderr);
    assert_eq!(fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
    let r = run(&[
        "gen",
        "--example",
        "kafka-orders",
        "--out",
        out_s,
        "--force",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    // A failing spec leaves the directory exactly as it was.
    let before = fs::read_to_string(&config).unwrap();
    let r = run(&[
        "gen",
        "fixtures/invalid/memory-exceeds-heap.toml",
        "--out",
        out_s,
    ]);
    assert_eq!(r.code, 1);
    assert_eq!(fs::read_to_string(&config).unwrap(), before);
    let leftovers: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no temporary directories left: {leftovers:?}"
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn init_writes_a_starter_spec_that_generates() {
    let dir = temp_dir("init");
    let r = run_with(&["init"], None, &dir);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let spec = fs::read_to_string(dir.join("trinocfg.toml")).unwrap();
    assert_eq!(
        spec,
        trinocfg::spec::starter(),
        "init writes the core's starter"
    );
    let outcome = trinocfg::generate(&spec);
    assert!(!outcome.has_errors(), "{:?}", outcome.diagnostics);
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    let r = run_with(&["init"], None, &dir);
    assert_eq!(r.code, 2, "no overwrite without --force");
    let r = run_with(&["init", "-"], None, &dir);
    assert_eq!(r.stdout, spec);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn rules_and_explain() {
    let r = run(&["rules"]);
    assert_eq!(r.code, 0);
    for rule in trinocfg::rules::all() {
        assert!(r.stdout.contains(rule.code), "{}", rule.code);
    }
    let r = run(&["rules", "--explain", "TM001"]);
    assert_eq!(r.code, 0);
    insta::assert_snapshot!("explain_rule", r.transcript());
    let r = run(&["rules", "--explain", "nope"]);
    assert_eq!(r.code, 2);
    let r = run(&["explain", "--example", "minimal"]);
    assert_eq!(r.code, 0);
    insta::assert_snapshot!("memory_budget", r.transcript());
}

/// The files below `dir`, relative, sorted.
fn files_below(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(
                    path.strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    out.sort();
    out
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn gen_out_through_a_symlink_writes_into_its_target() {
    use std::os::unix::fs::symlink;
    let dir = temp_dir("symlink");
    let r = run_with(
        &["gen", "--example", "kafka-orders", "--out", "build-1"],
        None,
        &dir,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    symlink("build-1", dir.join("build")).unwrap();
    for out in ["build", "build/"] {
        let r = run_with(&["gen", "--example", "minimal", "--out", out], None, &dir);
        assert_eq!(r.code, 0, "{out}: {}", r.stderr);
        let link = fs::symlink_metadata(dir.join("build")).unwrap();
        assert!(link.file_type().is_symlink(), "{out}: the link is kept");
        assert_eq!(
            fs::read_link(dir.join("build")).unwrap(),
            Path::new("build-1")
        );
        // The target holds exactly the new output: nothing stale of the earlier spec.
        let rendered = trinocfg::generate(trinocfg::examples::find("minimal").unwrap().source)
            .output
            .unwrap();
        let mut expected: Vec<String> = rendered.tree().into_iter().map(|(p, _)| p).collect();
        expected.push(".trinocfg-manifest".into());
        expected.sort();
        assert_eq!(files_below(&dir.join("build-1")), expected, "{out}");
        assert_eq!(
            entries(&dir),
            ["build", "build-1"],
            "{out}: no temporary directories"
        );
        let r = run_with(
            &["gen", "--example", "minimal", "--out", out, "--check"],
            None,
            &dir,
        );
        assert_eq!(r.code, 0, "{out}: {}", r.stderr);
    }
    // A link to nothing, or to a file, is refused and left alone.
    symlink("nowhere", dir.join("dangling")).unwrap();
    let r = run_with(
        &["gen", "--example", "minimal", "--out", "dangling"],
        None,
        &dir,
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: dangling is a symbolic link to nowhere, which does not exist; create that directory, or remove the link; nothing was written\n"
    );
    assert!(!dir.join("nowhere").exists());
    fs::write(dir.join("file"), "x").unwrap();
    symlink("file", dir.join("to-file")).unwrap();
    let r = run_with(
        &["gen", "--example", "minimal", "--out", "to-file"],
        None,
        &dir,
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("to-file is a symbolic link to file, which is not a directory"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read_to_string(dir.join("file")).unwrap(), "x");
    // Files trinocfg did not write are protected in the target as in a plain directory.
    fs::write(dir.join("build-1/notes.txt"), "mine").unwrap();
    let r = run_with(
        &["gen", "--example", "minimal", "--out", "build"],
        None,
        &dir,
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("notes.txt"), "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(dir.join("build-1/notes.txt")).unwrap(),
        "mine"
    );
    let _ = fs::remove_dir_all(&dir);
}

/// The id of a process that has exited.
fn dead_pid() -> u32 {
    let mut child = Command::new(env!("CARGO_BIN_EXE_trinocfg"))
        .arg("--version")
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[test]
fn temporary_directories_of_a_killed_run_are_cleaned_up_by_the_next() {
    let dir = temp_dir("stale");
    let r = run_with(
        &["gen", "--example", "minimal", "--out", "build"],
        None,
        &dir,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let dead = dead_pid();
    let alive = std::process::id();
    for name in [
        format!(".build.trinocfg-new-{dead}"),
        format!(".build.trinocfg-old-{dead}"),
        // Not ours to remove: a live process, another output's, not a number.
        format!(".build.trinocfg-new-{alive}"),
        format!(".other.trinocfg-new-{dead}"),
        ".build.trinocfg-new-x1".to_owned(),
    ] {
        fs::create_dir_all(dir.join(&name).join("coordinator/etc")).unwrap();
        fs::write(
            dir.join(&name).join("coordinator/etc/config.properties"),
            "x",
        )
        .unwrap();
    }
    // A failing spec touches nothing.
    let failing = root().join("fixtures/invalid/memory-exceeds-heap.toml");
    let r = run_with(
        &["gen", failing.to_str().unwrap(), "--out", "build"],
        None,
        &dir,
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(entries(&dir).len(), 6);
    let r = run_with(
        &["gen", "--example", "minimal", "--out", "build"],
        None,
        &dir,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        entries(&dir),
        [
            format!(".build.trinocfg-new-{alive}"),
            ".build.trinocfg-new-x1".to_owned(),
            format!(".other.trinocfg-new-{dead}"),
            "build".to_owned(),
        ]
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn an_output_moved_aside_by_a_killed_run_is_put_back_first() {
    // Killed between its two renames: DIR is missing, the previous output (with a file the
    // user added) sits in `.DIR.trinocfg-old-PID`. The next run puts it back before anything
    // else, so the user's file is still protected.
    let dir = temp_dir("put-back");
    let r = run_with(
        &["gen", "--example", "minimal", "--out", "build"],
        None,
        &dir,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    fs::write(dir.join("build/notes.txt"), "mine").unwrap();
    let aside = dir.join(format!(".build.trinocfg-old-{}", dead_pid()));
    fs::rename(dir.join("build"), &aside).unwrap();
    let r = run_with(
        &["gen", "--example", "minimal", "--out", "build"],
        None,
        &dir,
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("notes.txt"), "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(dir.join("build/notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(entries(&dir), ["build"]);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_negative_quantity_says_it_is_negative() {
    let spec = trinocfg::examples::find("minimal")
        .unwrap()
        .source
        .replacen("memory = \"", "memory = \"-", 1);
    let r = run_with(&["gen", "-"], Some(&spec), &root());
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("is negative; memory must be a positive quantity such as `"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("unknown suffix"), "{}", r.stderr);
}

#[test]
fn gen_helm_values_prints_the_charts_values_or_refuses() {
    for example in trinocfg::examples::EXAMPLES {
        let r = run(&["gen", "--example", example.name, "--format", "helm-values"]);
        match trinocfg::helm_values(example.source).1 {
            Ok(values) => {
                assert_eq!(r.code, 0, "{}: {}", example.name, r.stderr);
                assert_eq!(r.stdout, values, "{}", example.name);
            }
            Err(trinocfg::render::helm::HelmError::Fleet) => {
                assert_eq!(r.code, 2, "{}", example.name);
                assert!(
                    r.stderr.contains("is not one release of the chart"),
                    "{}",
                    r.stderr
                );
                assert!(r.stdout.is_empty());
            }
            Err(e) => {
                assert_eq!(r.code, 1, "{}", example.name);
                assert!(r.stdout.is_empty());
                for line in e.to_string().lines() {
                    assert!(r.stderr.contains(&format!("error: {line}")), "{}", r.stderr);
                }
            }
        }
    }
    let r = run(&["gen", "--example", "data-on-eks", "--format", "helm-values"]);
    insta::assert_snapshot!(r.transcript());
    let out = temp_dir("helm-values-out");
    let r = run(&[
        "gen",
        "--example",
        "minimal",
        "--format",
        "helm-values",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("leave out `--out`"), "{}", r.stderr);
}
