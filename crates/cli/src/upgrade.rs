//! `trinocfg upgrade PATH --to N [--from M] [--out DIR]`: what breaks and what changes meaning
//! when a configuration moves from its Trino release to another, and the migrated files.

use std::fs;
use std::io::Write as _;
use std::path::Path;

use trinocfg::model::{Target, TargetSource};
use trinocfg::text::{self, InputKind};
use trinocfg::upgrade::{self, Edit, Upgrade};
use trinocfg::{Cluster, Diagnostic};

use crate::check::{self, Checked};
use crate::{input, output, render, CONFIG_ERRORS, OK, USAGE};

/// The arguments of `upgrade`.
pub struct Args<'a> {
    pub path: &'a Path,
    pub to: u32,
    pub from: Option<u32>,
    pub out: Option<&'a Path>,
    pub json: bool,
    pub force: bool,
}

/// Runs `upgrade`.
pub fn run(args: &Args<'_>) -> u8 {
    match run_inner(args) {
        Ok(code) => code,
        Err(e) => {
            eprint_plain(&format!("error: {e}"));
            USAGE
        }
    }
}

fn eprint_plain(text: &str) {
    let _ = writeln!(anstream::stderr(), "{text}");
}

fn run_inner(args: &Args<'_>) -> Result<u8, String> {
    if let Some(text) = spec_text(args.path)? {
        if trinocfg::spec::fleet::is_fleet(&text) {
            return fleet(args, &text);
        }
        return spec(args, &text);
    }
    if args.out.is_some() && is_chart_values(args.path) {
        return Err(format!(
            "{} holds Helm chart values: the plan says which values to change, and `--out` writes migrated etc/ trees and Kubernetes YAML\n  help: run without `--out`, edit the values (and `image.tag`), then `trinocfg check` them",
            input::origin(args.path)
        ));
    }
    let mut plans: Vec<Upgrade> = Vec::new();
    let mut judge = |mut cluster: Cluster, release: Option<u32>| {
        if let Some(release) = release {
            cluster.target = Target::given(release);
        }
        let plan = upgrade::plan(&cluster, args.to);
        let out = (plan.diagnostics.clone(), plan.from.clone());
        plans.push(plan);
        out
    };
    let checked = check::run_with(args.path, args.from, &mut judge)?;
    let Some(first) = plans.first() else {
        return Err(format!(
            "{} holds nothing to upgrade",
            input::origin(args.path)
        ));
    };
    let (from, to) = (first.from.clone(), first.to.clone());
    if from.source == TargetSource::Newest {
        return Err(format!(
            "{} names no Trino release (no image tag, no spec), so there is nothing to upgrade from\n  help: give the release it runs now: `--from RELEASE`",
            input::origin(args.path)
        ));
    }
    let resolved: usize = plans.iter().map(|p| p.resolved).sum();
    let mut edits: Vec<Edit> = plans.into_iter().flat_map(|p| p.edits).collect();
    edits.sort_by(|a, b| (&a.file, a.span.start).cmp(&(&b.file, b.span.start)));
    edits.dedup();
    let errors = checked.diagnostics.iter().any(Diagnostic::is_error);
    if args.json {
        let report = serde_json::json!({
            "from": from,
            "to": to,
            "diagnostics": checked.diagnostics,
            "summary": trinocfg::Summary::of(&checked.diagnostics),
            "resolved": resolved,
            "edits": edits.len(),
        });
        let _ = writeln!(
            std::io::stdout(),
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        human(args, &checked, (&from, &to), resolved, edits.len());
    }
    if let Some(out) = args.out {
        let written = migrate(args.path, out, &checked, &edits, args.to, args.force)?;
        eprint_plain(&format!(
            "wrote {} to {}: {} for Trino {}",
            plural(written, "file"),
            out.display(),
            plural(edits.len(), "edit"),
            args.to
        ));
    }
    Ok(if errors { CONFIG_ERRORS } else { OK })
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn human(
    args: &Args<'_>,
    checked: &Checked,
    (from, to): (&Target, &Target),
    resolved: usize,
    edits: usize,
) {
    let mut stderr = anstream::stderr();
    for note in &checked.notes {
        let _ = writeln!(stderr, "{note}\n");
    }
    let _ = writeln!(
        stderr,
        "upgrade: from {from}\n     to Trino {}\n",
        to.release
    );
    for d in &checked.diagnostics {
        let file = d.location.file.as_deref();
        let source = file
            .and_then(|f| checked.sources.get(f))
            .map(|text| trinocfg::diagnostic::mask_source(text, file, &checked.diagnostics));
        let origin = file.unwrap_or_default();
        let _ = writeln!(stderr, "{}\n", render::human(d, origin, source.as_deref()));
    }
    let errors = checked.diagnostics.iter().any(Diagnostic::is_error);
    let verdict = if errors {
        format!("Trino {} would refuse this configuration", to.release)
    } else {
        format!("Trino {} reads this configuration", to.release)
    };
    let mut line = format!(
        "{}: {}; {verdict}",
        input::origin(args.path),
        render::summary(&checked.diagnostics)
    );
    if resolved > 0 {
        line.push_str(&format!(
            "; {} of Trino {} gone",
            plural(resolved, "problem"),
            from.release
        ));
    }
    if edits > 0 && args.out.is_none() {
        line.push_str(&format!(
            "; {}: --out DIR writes them",
            plural(edits, "edit")
        ));
    }
    let _ = writeln!(stderr, "{line}");
}

/// Whether `path` is a file of Helm chart values.
fn is_chart_values(path: &Path) -> bool {
    if path.is_dir() {
        return false;
    }
    let Ok(bytes) = input::read_bytes(path) else {
        return false;
    };
    std::str::from_utf8(&bytes)
        .is_ok_and(|t| matches!(text::shape(t), text::Shape::TrinoHelmValues(_)))
}

/// The text of `path` when it is a spec (a `.toml` file, or text that reads as one).
fn spec_text(path: &Path) -> Result<Option<String>, String> {
    if !input::is_stdin(path) && path.is_dir() {
        return Ok(None);
    }
    let is_toml = path.extension().is_some_and(|e| e == "toml");
    if is_toml {
        return input::read_text(path).map(Some);
    }
    if input::is_stdin(path) {
        return Err("`upgrade` reads a file or a directory, not standard input: it names the files it migrates by their paths".to_owned());
    }
    let bytes = input::read_bytes(path)?;
    Ok(match std::str::from_utf8(&bytes) {
        Ok(text) if text::sniff(text) == InputKind::Spec => Some(text.to_owned()),
        _ => None,
    })
}

/// A spec: the diff of what `gen` writes for the two releases.
fn spec(args: &Args<'_>, text: &str) -> Result<u8, String> {
    if args.out.is_some() {
        return Err(format!(
            "a spec is moved to Trino {} by setting `trino_version = {}` in its [cluster] table; `--out` writes migrated etc/ trees and Kubernetes YAML\n  help: edit the spec, then run `trinocfg gen {} --out DIR`",
            args.to, args.to, args.path.display()
        ));
    }
    let display = input::origin(args.path);
    let current = trinocfg::check_spec_for(text, args.from);
    let Some(from) = current.target.clone() else {
        report_spec(&display, text, &current.diagnostics);
        return Ok(USAGE);
    };
    let (before, after, diffs) = upgrade::spec_diff(text, from.release, args.to);
    let mut stderr = anstream::stderr();
    let _ = writeln!(stderr, "upgrade: from {from}\n     to Trino {}\n", args.to);
    if before.has_errors() {
        report_spec(&display, text, &before.diagnostics);
        let _ = writeln!(
            stderr,
            "error: the spec does not generate for Trino {}: fix it first",
            from.release
        );
        return Ok(CONFIG_ERRORS);
    }
    if after.has_errors() {
        report_spec(&display, text, &after.diagnostics);
        let _ = writeln!(
            stderr,
            "{display}: Trino {} would refuse what this spec generates",
            args.to
        );
        return Ok(CONFIG_ERRORS);
    }
    let mut out = String::new();
    for d in &diffs {
        out.push_str(&d.diff);
    }
    if args.json {
        let report = serde_json::json!({
            "from": from,
            "to": after.target,
            "diagnostics": after.diagnostics,
            "files": diffs,
        });
        out = serde_json::to_string_pretty(&report).unwrap_or_default() + "\n";
    }
    let _ = std::io::stdout().write_all(out.as_bytes());
    report_spec(&display, text, &after.diagnostics);
    let _ = writeln!(
        stderr,
        "{display}: {} of the output differ between Trino {} and Trino {}; set `trino_version = {}` and run `trinocfg gen` to write them",
        plural(diffs.len(), "file"),
        from.release,
        args.to,
        args.to
    );
    Ok(OK)
}

fn report_spec(display: &str, text: &str, diagnostics: &[Diagnostic]) {
    let mut stderr = anstream::stderr();
    let source = trinocfg::diagnostic::mask_source(text, None, diagnostics);
    for d in diagnostics {
        let (origin, source) = match d.location.file.as_deref() {
            Some(f) => (f, None),
            None => (display, Some(&*source)),
        };
        let _ = writeln!(stderr, "{}\n", render::human(d, origin, source));
    }
}

/// `text` in ISO-8859-1; a character beyond it (only in a comment trinocfg wrote) as a
/// `\uXXXX` escape, which `java.util.Properties` reads back as the character.
fn latin1(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        if let Ok(b) = u8::try_from(u32::from(c)) {
            out.push(b);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.extend(format!("\\u{unit:04X}").bytes());
            }
        }
    }
    out
}

/// Writes the migrated input to `out`: every file of a directory (or the one file given),
/// with the edits applied and the `trinodb/trino` images of YAML files retagged. Written
/// whole or not at all.
fn migrate(
    path: &Path,
    out: &Path,
    checked: &Checked,
    edits: &[Edit],
    to: u32,
    force: bool,
) -> Result<usize, String> {
    let files: Vec<(String, String)> = if path.is_dir() {
        check::walk(path)?
            .into_iter()
            .filter(|(rel, _)| rel != output::MANIFEST)
            .map(|(rel, full)| (rel, full.display().to_string()))
            .collect()
    } else {
        let name = path
            .file_name()
            .map_or_else(|| "input".to_owned(), |n| n.to_string_lossy().into_owned());
        vec![(name, path.display().to_string())]
    };
    let mut tree: Vec<(String, Vec<u8>)> = Vec::new();
    for (rel, display) in files {
        let bytes = fs::read(&display).map_err(|e| format!("cannot read {display}: {e}"))?;
        let yaml = rel.ends_with(".yaml") || rel.ends_with(".yml");
        if !yaml && !edits.iter().any(|e| e.file == display) {
            // Untouched: the same bytes, whatever their encoding.
            tree.push((rel, bytes));
            continue;
        }
        let utf8 = std::str::from_utf8(&bytes).is_ok();
        let text = match checked.sources.get(&display) {
            Some(text) => text.clone(),
            None => text::decode_trino_file(&bytes)
                .map_err(|e| format!("cannot read {display}: {e}"))?
                .into_owned(),
        };
        let (mut text, skipped) = upgrade::apply(&display, &text, edits);
        if let Some(s) = skipped.first() {
            return Err(format!(
                "cannot migrate {display}: {}; nothing was written",
                s.why
            ));
        }
        if yaml {
            text = upgrade::retag_images(&text, to).0;
        }
        // A properties file Trino reads as ISO-8859-1 is written back so.
        let bytes = if utf8 || yaml {
            text.into_bytes()
        } else {
            latin1(&text)
        };
        tree.push((rel, bytes));
    }
    let count = tree.len();
    output::write_tree(out, &tree, force).map_err(|e| match e {
        output::WriteError::Foreign(files) => format!(
            "{} holds files trinocfg did not write: {}\n  help: choose an empty directory, or pass --force to replace its contents",
            out.display(),
            files.iter().take(5).cloned().collect::<Vec<_>>().join(", ")
        ),
        output::WriteError::Io(e) => format!("{e}; nothing was written"),
    })?;
    Ok(count)
}

/// A fleet: the blue/green steps that move it to the release, each state checked.
fn fleet(args: &Args<'_>, text: &str) -> Result<u8, String> {
    use std::fmt::Write as _;
    if args.out.is_some() || args.from.is_some() {
        return Err("a fleet's upgrade is a plan of steps: `--out` and `--from` do not apply (each cluster's `trino_version` says where it is)".to_owned());
    }
    let display = input::origin(args.path);
    let files = input::MemberFiles::beside(Some(args.path));
    let steps = match trinocfg::fleet::upgrade_plan(text, args.to, &|p| files.read(p)) {
        Ok(steps) => steps,
        Err(diagnostics) => {
            report_spec(&display, text, &diagnostics);
            return Ok(USAGE);
        }
    };
    let failed = steps
        .iter()
        .any(|s| s.diagnostics.iter().any(Diagnostic::is_error));
    if args.json {
        let report: Vec<serde_json::Value> = steps
            .iter()
            .map(|s| {
                serde_json::json!({
                    "action": s.action,
                    "call": s.call,
                    "backends": s.state.iter().map(|(name, group, release, active)| serde_json::json!({
                        "name": name, "routingGroup": group, "release": release, "active": active,
                    })).collect::<Vec<_>>(),
                    "diagnostics": s.diagnostics,
                })
            })
            .collect();
        let _ = writeln!(
            anstream::stdout(),
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "to": args.to, "steps": report }))
                .unwrap_or_default()
        );
        return Ok(if failed { CONFIG_ERRORS } else { OK });
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "upgrade: the fleet of {display} to Trino {}, in {} steps\n",
        args.to,
        steps.len().saturating_sub(1)
    );
    for (i, step) in steps.iter().enumerate() {
        let _ = writeln!(out, "{i}. {}", step.action);
        if let Some(call) = &step.call {
            let _ = writeln!(out, "   {call}");
        }
        let state: Vec<String> = step
            .state
            .iter()
            .map(|(name, group, release, active)| {
                format!(
                    "{name} ({group}) {release}{}",
                    if *active { "" } else { ", drained" }
                )
            })
            .collect();
        let _ = writeln!(out, "   backends: {}", state.join("; "));
        let summary = trinocfg::Summary::of(&step.diagnostics);
        let _ = writeln!(
            out,
            "   {} errors, {} warnings",
            summary.errors, summary.warnings
        );
        for d in &step.diagnostics {
            let _ = writeln!(out, "   {}[{}] {}", d.severity, d.code, d.message);
        }
    }
    let _ = write!(anstream::stderr(), "{out}");
    Ok(if failed { CONFIG_ERRORS } else { OK })
}

#[cfg(test)]
mod tests {
    use super::latin1;

    #[test]
    fn latin1_writes_bytes_and_escapes_what_it_cannot_hold() {
        assert_eq!(latin1("a=é"), b"a=\xe9");
        assert_eq!(latin1("# →"), b"# \\u2192");
        assert_eq!(latin1("😀"), b"\\uD83D\\uDE00");
    }
}
