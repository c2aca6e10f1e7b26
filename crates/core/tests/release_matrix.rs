//! Every example generates cleanly for every Trino release it supports (from its `since`), and what it writes for
//! a release is accepted by `check` judging that release: the etc/ trees (with the release
//! given, as `check --trino-version` does) and the Kubernetes YAML (whose image tag names it).

mod common;
use common::check_tree;

use trinocfg::catalogue::known_releases;
use trinocfg::examples::EXAMPLES;
use trinocfg::input;
use trinocfg::Diagnostic;

/// The known releases and some between them, judged by both neighbours.
fn releases() -> Vec<u32> {
    let mut all: Vec<u32> = known_releases().collect();
    all.extend([440, 447, 460, 470, 478]);
    all.sort_unstable();
    all
}

fn errors(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect()
}

#[test]
fn every_example_generates_cleanly_for_every_release() {
    let mut generated = 0;
    let mut expected = 0;
    for example in EXAMPLES {
        let supported: Vec<u32> = releases()
            .into_iter()
            .filter(|r| example.since.is_none_or(|since| *r >= since))
            .collect();
        expected += supported.len();
        for release in supported {
            let what = format!("{} at Trino {release}", example.name);
            let outcome = trinocfg::generate_for(example.source, Some(release));
            assert_eq!(errors(&outcome.diagnostics), Vec::<String>::new(), "{what}");
            assert_eq!(
                outcome.target.as_ref().map(|t| t.release),
                Some(release),
                "{what}"
            );
            let rendered = outcome.output.expect("no errors, so output");
            // A fleet is judged cluster by cluster.
            let parts: Vec<&trinocfg::Rendered> = match &rendered.fleet {
                Some(fleet) => fleet.clusters.iter().map(|(_, r)| r).collect(),
                None => vec![&rendered],
            };
            for part in parts {
                assert!(!part.tree().is_empty());
                assert_eq!(
                    errors(&check_tree(part, Some(release))),
                    Vec::<String>::new(),
                    "{what}: the etc/ trees"
                );
                let cluster = input::kubernetes::read(&part.kubernetes, "kubernetes.yaml");
                assert_eq!(cluster.target.release, release, "{what}: the image tag");
                assert_eq!(
                    errors(&trinocfg::check(&cluster)),
                    Vec::<String>::new(),
                    "{what}: the Kubernetes YAML"
                );
            }
            generated += 1;
        }
    }
    assert_eq!(generated, expected);
}

/// The file-system switch follows the release: `fs.native-s3.enabled` before 481, its new
/// name `fs.s3.enabled` from 481, and never both.
#[test]
fn the_s3_switch_is_named_as_the_release_names_it() {
    let example = trinocfg::examples::find("federated-s3-mysql").unwrap();
    for release in releases() {
        let rendered = trinocfg::generate_for(example.source, Some(release))
            .output
            .unwrap();
        let hive = rendered
            .tree()
            .into_iter()
            .find(|(path, _)| path == "coordinator/etc/catalog/hive.properties")
            .map_or_else(
                || panic!("no hive catalog in {:?}", rendered.tree()),
                |(_, text)| text,
            );
        let (want, not) = if release >= 481 {
            ("fs.s3.enabled=true", "fs.native-s3.enabled")
        } else {
            ("fs.native-s3.enabled=true", "fs.s3.enabled")
        };
        assert!(hive.contains(want), "{release}: {hive}");
        assert!(!hive.contains(not), "{release}: {hive}");
    }
}
