//! One rule set, whatever the input: for every fixture spec (valid and invalid), the Trino
//! rules report the same problems on the spec (`check SPEC`), on the tree `gen` writes for it
//! and on the Kubernetes YAML `gen` writes for it. What `gen` writes without error, `check`
//! accepts without error.
//!
//! Specs with errors produce no output; for them the files are rendered from the model the
//! spec lowers to, without the rules, so that the comparison covers them too.

mod common;
use common::check_tree;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use trinocfg::input::{self, NodeFiles};
use trinocfg::model::{Completeness, SourceFile};
use trinocfg::{Diagnostic, Severity};

/// Codes of the spec reader's own rules, which only a spec can raise.
fn spec_only(code: &str) -> bool {
    code.starts_with("TS") || code == "TK001"
}

/// The codes of the problems found, with their severities. A problem of a spec key shared
/// by both roles is one diagnostic on the spec and one per file in the output: the set of
/// problems is compared, not their number.
fn codes(diagnostics: &[Diagnostic]) -> BTreeSet<(&'static str, Severity)> {
    diagnostics.iter().map(|d| (d.code, d.severity)).collect()
}

/// The key paths where the spec takes a Secret reference (`catalogs.db.password`): a literal
/// there is refused by the spec reader and never lowered.
fn secret_reference_paths(source: &str) -> BTreeSet<String> {
    trinocfg::spec::load(source)
        .spec
        .map(|spec| {
            trinocfg::spec::secrets::secret_refs(&spec)
                .into_iter()
                .map(|(path, _)| path)
                .collect()
        })
        .unwrap_or_default()
}

/// The output of a spec rendered from its model, whatever the rules say; `None` when the spec
/// does not read (then there is no model).
fn render_unchecked(source: &str) -> Option<trinocfg::Rendered> {
    let spec = trinocfg::spec::load(source).spec?;
    let plan = trinocfg::memory::plan(&spec);
    let lowered = trinocfg::lower::lower(&spec, &plan);
    Some(trinocfg::render::render(&spec, &plan, lowered))
}

fn check_yaml(rendered: &trinocfg::Rendered) -> Vec<Diagnostic> {
    trinocfg::check(&input::kubernetes::read(
        &rendered.kubernetes,
        "kubernetes.yaml",
    ))
}

fn specs() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut out = Vec::new();
    for dir in ["specs", "invalid", "invariant"] {
        let Ok(entries) = fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in entries {
            let path = e.unwrap().path();
            if path.extension().is_some_and(|x| x == "toml") {
                let name = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
                let source = fs::read_to_string(&path).unwrap();
                // A fleet is no cluster spec: its clusters' outputs are checked one by one in
                // `release_matrix`, its own rules in the fleet corpus.
                if !trinocfg::spec::fleet::is_fleet(&source) {
                    out.push((name, source));
                }
            }
        }
    }
    out.sort();
    out
}

#[test]
fn spec_tree_and_yaml_report_the_same_problems() {
    let specs = specs();
    assert!(specs.len() >= 18, "only {} specs", specs.len());
    let mut compared = 0;
    for (name, source) in &specs {
        let on_spec = trinocfg::check_spec(source);
        let Some(rendered) = render_unchecked(source) else {
            assert!(
                on_spec.iter().any(Diagnostic::is_error),
                "{name}: no model but no error"
            );
            continue;
        };
        // A spec whose names or numbers are out of range lowers to a meaningless model; the
        // reader's diagnostics are all it gets.
        if on_spec
            .iter()
            .any(|d| d.code == "TS004" || d.code == "TS005")
        {
            continue;
        }
        // A literal credential is one problem: an error in a spec, which would put it into a
        // ConfigMap (TK001), a warning in existing files, where Trino starts (TK002). Only a
        // literal where the spec takes a Secret reference never reaches the files.
        let references = secret_reference_paths(source);
        let trino: Vec<Diagnostic> = on_spec
            .iter()
            .filter_map(|d| match d.code {
                "TK001"
                    if !d
                        .location
                        .path
                        .as_deref()
                        .is_some_and(|p| references.contains(p)) =>
                {
                    let mut d = d.clone();
                    d.code = "TK002";
                    d.severity = Severity::Warning;
                    Some(d)
                }
                c if spec_only(c) => None,
                _ => Some(d.clone()),
            })
            .collect();
        // TN003 compares the spec's trino_version with its image; the YAML has only the image,
        // which names the release it is judged as.
        let spec_only_checks = ["TF002", "TN003"];
        let expected = codes(&trino);
        let tree = codes(&check_tree(&rendered, None));
        let yaml = codes(&check_yaml(&rendered));
        let relaxed =
            |m: &BTreeSet<(&'static str, Severity)>| -> BTreeSet<(&'static str, Severity)> {
                m.iter()
                    .filter(|(c, _)| !spec_only_checks.contains(c))
                    .copied()
                    .collect()
            };
        // The YAML holds everything the spec says; the etc/ trees lack the container facts
        // (memory, replicas, environment), which `check` of a gen output directory takes
        // from its kubernetes.yaml.
        assert_eq!(
            relaxed(&expected),
            relaxed(&yaml),
            "{name}: spec vs gen YAML"
        );
        let output: BTreeSet<_> = tree.union(&yaml).copied().collect();
        assert_eq!(
            relaxed(&expected),
            relaxed(&output),
            "{name}: spec vs gen output"
        );
        assert!(
            tree.is_subset(&expected),
            "{name}: the tree reports what the spec does not"
        );
        compared += 1;
    }
    assert!(compared >= 20, "only {compared} specs compared");
}

#[test]
fn what_gen_writes_check_accepts() {
    for (name, source) in specs() {
        let outcome = trinocfg::generate(&source);
        let Some(rendered) = outcome.output else {
            continue;
        };
        for (what, diagnostics) in [
            ("tree", check_tree(&rendered, None)),
            ("yaml", check_yaml(&rendered)),
        ] {
            let errors: Vec<String> = diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(ToString::to_string)
                .collect();
            assert!(
                errors.is_empty(),
                "{name}: gen output ({what}) has errors: {errors:#?}"
            );
        }
    }
}

/// `{ env = "VAR" }` names a variable the generated pod must have: without `env_from` the
/// Deployment defines no such variable and Trino would not start (TE003, in the spec and in its
/// YAML alike); with `env_from` the Secret's keys become the pod's variables.
#[test]
fn env_references_need_a_source() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/invariant");
    let without = fs::read_to_string(root.join("env-reference.toml")).unwrap();
    let outcome = trinocfg::generate(&without);
    assert!(outcome
        .diagnostics
        .iter()
        .any(|d| d.code == "TE003" && d.is_error()));
    assert!(outcome.output.is_none());
    let with = fs::read_to_string(root.join("env-from-secret.toml")).unwrap();
    let outcome = trinocfg::generate(&with);
    assert!(!outcome.has_errors(), "{:?}", outcome.diagnostics);
    let yaml = outcome.output.unwrap().kubernetes;
    assert!(yaml.contains("envFrom:\n            - secretRef:\n                name: trino-env\n"));
    assert!(check_yaml(&render_unchecked(&with).unwrap()).is_empty());
}

/// Every file below `dir`, as the CLI reads an etc/ directory (relative paths with `/`).
fn etc_files(dir: &Path) -> Vec<SourceFile> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                let bytes = fs::read(&path).unwrap();
                let text = String::from_utf8(bytes.clone())
                    .unwrap_or_else(|_| trinocfg::properties::decode_latin1(&bytes));
                out.push(SourceFile::standalone(rel.clone(), rel, text));
            }
        }
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

/// A corpus tree as `check DIR` reads it: a whole etc/ directory, or a catalog directory (no
/// file of the configuration root) whose files are the node's catalogs.
fn corpus_tree(dir: &Path) -> (Vec<SourceFile>, Completeness) {
    let files = etc_files(dir);
    if files
        .iter()
        .any(|f| trinocfg::input::single::is_root_file(&f.rel))
    {
        return (files, Completeness::WHOLE);
    }
    let files = files
        .into_iter()
        .map(|f| SourceFile {
            rel: format!("catalog/{}", f.rel),
            ..f
        })
        .collect();
    (files, Completeness::CATALOGS)
}

fn etc_cluster(label: &str, files: Vec<SourceFile>, complete: Completeness) -> trinocfg::Cluster {
    input::cluster(vec![NodeFiles {
        label: label.to_owned(),
        files,
        config_root: "/etc/trino".into(),
        complete,
        ..NodeFiles::default()
    }])
}

/// The model holds everything the rules judge: every etc/ tree of the check corpus, read into
/// the model, written back from it and read again, reports the same problems. (A malformed
/// escape, TP011, is the one thing a written-back file cannot hold: the model keeps what Java
/// would have read.)
#[test]
fn the_model_of_a_corpus_tree_reports_what_the_tree_does() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/check");
    let mut dirs: Vec<_> = fs::read_dir(root.join("etc"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.push(root.join("clean/eks-fte-coordinator"));
    dirs.sort();
    assert!(dirs.len() >= 25, "only {} trees", dirs.len());
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let (files, complete) = corpus_tree(&dir);
        let mut cluster = etc_cluster(&name, files, complete);
        // `tp004-memory-percentage-at-435`: judged as Trino 435, as the corpus test does.
        if let Some(release) = name
            .rsplit_once("-at-")
            .and_then(|(_, r)| r.parse::<u32>().ok())
        {
            cluster.target = trinocfg::model::Target::given(release);
        }
        let first = trinocfg::check(&cluster);
        assert!(
            !first.is_empty() || name.starts_with("eks"),
            "{name}: nothing found"
        );
        let written: Vec<SourceFile> = cluster.nodes[0]
            .files
            .iter()
            .map(|f| SourceFile::standalone(f.rel.clone(), f.rel.clone(), f.contents()))
            .collect();
        let mut again = etc_cluster(&name, written, complete);
        again.target = cluster.target.clone();
        let second = trinocfg::check(&again);
        let without_tp011 = |d: &[Diagnostic]| -> BTreeSet<(&'static str, Severity)> {
            codes(d)
                .into_iter()
                .filter(|(c, _)| *c != "TP011")
                .collect()
        };
        assert_eq!(without_tp011(&first), without_tp011(&second), "{name}");
    }
}

/// A JSON file the lowering writes carries the value it was written from; that value is the
/// one its text reads back as (what `check` of the written tree sees).
#[test]
fn a_written_json_file_reads_back_as_its_value() {
    let mut seen = 0;
    for (name, source) in specs() {
        let Some(spec) = trinocfg::spec::load(&source).spec else {
            continue;
        };
        let plan = trinocfg::memory::plan(&spec);
        let lowered = trinocfg::lower::lower(&spec, &plan);
        for node in &lowered.cluster.nodes {
            for file in &node.files {
                if let trinocfg::model::Content::Json(j) = &file.content {
                    let read = trinocfg::model::JsonFile::new(j.text.clone(), j.at.clone());
                    assert_eq!(read.value, j.value, "{name}: {}", file.rel);
                    assert!(j.text.ends_with("}\n") || j.text.ends_with("]\n"));
                    seen += 1;
                }
            }
        }
    }
    assert!(seen >= 4, "only {seen} JSON files among the fixtures");
}
