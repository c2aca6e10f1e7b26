//! Helpers shared by the integration tests.
#![allow(dead_code)]

/// A TOML basic string holding exactly `s`.
pub fn toml_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `cases` runs per property; `PROPTEST_CASES` overrides it for a deeper run.
pub fn proptest_config(cases: u32) -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(cases),
        // Failures are turned into named tests in proptest_regressions.rs, not files.
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    }
}

/// The tree `gen --out` writes, read back as `check DIR` reads it: judged as Trino `release`
/// when one is given (`--trino-version`), else as the newest release.
pub fn check_tree(
    rendered: &trinocfg::Rendered,
    release: Option<u32>,
) -> Vec<trinocfg::Diagnostic> {
    use trinocfg::input::{self, NodeFiles};
    use trinocfg::model::{Completeness, SourceFile, Target};
    use trinocfg::Role;
    let mut nodes = Vec::new();
    for (dir, role) in [("coordinator", Role::Coordinator), ("worker", Role::Worker)] {
        let prefix = format!("{dir}/etc/");
        let files: Vec<SourceFile> = rendered
            .tree()
            .into_iter()
            .filter_map(|(path, text)| {
                let rel = path.strip_prefix(&prefix)?.to_owned();
                Some(SourceFile::standalone(rel, path.clone(), text))
            })
            .collect();
        if !files.is_empty() {
            nodes.push(NodeFiles {
                label: dir.to_owned(),
                role: Some(role),
                files,
                config_root: "/etc/trino".into(),
                complete: Completeness::WHOLE,
                ..NodeFiles::default()
            });
        }
    }
    let mut cluster = input::cluster(nodes);
    if let Some(release) = release {
        cluster.target = Target::given(release);
    }
    trinocfg::check(&cluster)
}
