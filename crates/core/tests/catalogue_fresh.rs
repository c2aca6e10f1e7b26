//! The embedded catalogue (`crates/core/data/catalogue.tsv`) must be what
//! `scripts/gen-catalogue.py` generates from the shared Trino facts.
//!
//! The facts live beside the checkout (`../shared/trino/properties-482.json`); where they are
//! absent the test compares nothing and passes. CI has them, so it checks there.

use std::io::Write as _;
use std::path::Path;
use std::process::Command;

const REGENERATE: &str = "python3 scripts/gen-catalogue.py";

#[test]
fn catalogue_matches_the_shared_facts() {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let repo = manifest_dir.join("../..");
    let facts = manifest_dir.join("../../../shared/trino/properties-482.json");
    if !facts.exists() {
        let _ = writeln!(
            std::io::stderr(),
            "catalogue_fresh: {} not found, compared nothing",
            facts.display()
        );
        return;
    }
    let script = repo.join("scripts/gen-catalogue.py");
    let output = Command::new("python3")
        .arg(&script)
        .arg(&facts)
        .arg("--check")
        .current_dir(&repo)
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 {}: {e}", script.display()));
    let stderr = String::from_utf8_lossy(&output.stderr);
    match output.status.code() {
        Some(0) => {}
        Some(1) => panic!(
            "crates/core/data/catalogue.tsv is stale: regenerate it with `{REGENERATE}` \
             and commit it\n{stderr}"
        ),
        _ => panic!(
            "`{REGENERATE} --check` failed ({}):\n{stderr}",
            output.status
        ),
    }
}
