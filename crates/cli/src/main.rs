//! `trinocfg`: generate and check Trino configuration from one typed cluster spec.

mod check;
mod import;
mod input;
mod output;
mod render;
mod upgrade;

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use trinocfg::{examples, rules, Diagnostic, Outcome};

/// Generate and check Trino configuration from one typed cluster spec.
#[derive(Parser)]
#[command(name = "trinocfg", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate every configuration file of a cluster spec.
    Gen(GenArgs),
    /// Check a spec, a Trino etc/ directory or one of its files, a catalog directory, a `gen`
    /// output directory or a Kubernetes YAML stream (`-` reads standard input).
    Check(CheckArgs),
    /// List the embedded example specs, one name per line with a description.
    Examples,
    /// Write a commented starter spec.
    Init {
        /// Where to write it (`-` for standard output).
        #[arg(default_value = "trinocfg.toml")]
        path: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// List the rules, or explain one.
    Rules {
        /// Print the documentation of one rule (code such as TM001, or its name).
        #[arg(long, value_name = "CODE")]
        explain: Option<String>,
        /// Print the whole rule reference as Markdown.
        #[arg(long, conflicts_with = "explain")]
        markdown: bool,
    },
    /// Write a spec from an existing configuration: a Trino etc/ directory, a `gen` output
    /// directory or a Kubernetes YAML stream (`-` reads standard input).
    Import(ImportArgs),
    /// Print the JSON Schema (draft 2020-12) of the spec and of a fleet, for editor completion
    /// and hover: put `#:schema ./trinocfg.schema.json` on a spec's first line.
    Schema,
    /// Print each role's memory budget, from container memory down to per-query limits.
    Explain(SpecArgs),
    /// Tell what breaks and what changes meaning when a configuration moves to another Trino
    /// release; `--out DIR` writes the migrated files.
    Upgrade(UpgradeArgs),
}

#[derive(clap::Args)]
struct UpgradeArgs {
    /// A spec, a Trino etc/ directory or one of its files, a catalog directory, a `gen` output
    /// directory or a Kubernetes YAML stream.
    path: PathBuf,
    /// The release to move to.
    #[arg(long, value_name = "RELEASE", value_parser = release_parser())]
    to: u32,
    /// The release the configuration runs now (by default the spec's `trino_version`, the
    /// image tag of a Kubernetes workload, else the newest known release).
    #[arg(long, value_name = "RELEASE", value_parser = release_parser())]
    from: Option<u32>,
    /// Write the migrated files here (renames applied, removed keys replaced by a comment,
    /// image tags set to the new release); the directory is written whole or not at all.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Replace the contents of a non-empty `--out` directory.
    #[arg(long, requires = "out")]
    force: bool,
    /// `human` (source snippets) or `json` (machine-readable).
    #[arg(long, value_enum, default_value = "human")]
    format: UpgradeFormat,
}

#[derive(clap::Args)]
struct ImportArgs {
    /// What to import.
    path: PathBuf,
    /// Write the spec to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace an existing `--out` file.
    #[arg(long, requires = "out")]
    force: bool,
    /// The Trino release the configuration runs (by default the image tag of a Kubernetes
    /// workload, else the newest known release).
    #[arg(long, value_name = "RELEASE", value_parser = release_parser())]
    trino_version: Option<u32>,
}

#[derive(clap::Args)]
struct SpecArgs {
    /// The spec file (`-` reads standard input).
    #[arg(required_unless_present = "example", conflicts_with = "example")]
    spec: Option<PathBuf>,
    /// Use an embedded example instead of a file (see `trinocfg examples`).
    #[arg(long, value_name = "NAME")]
    example: Option<String>,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// What to check; several paths are checked one after the other (as a pre-commit hook
    /// passes them), with one report for `json` and `sarif`.
    #[arg(required = true, num_args = 1..)]
    paths: Vec<PathBuf>,
    /// `human` (source snippets), `json` (machine-readable) or `sarif` (SARIF 2.1.0, for code
    /// scanning).
    #[arg(long, value_enum, default_value = "human")]
    format: CheckFormat,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Read the input as values of the official Trino Helm chart (1.42.x), even when its keys
    /// do not tell (values are recognised by their top-level keys otherwise).
    #[arg(long)]
    chart_values: bool,
    /// The Trino release the configuration runs (overrides the spec's `trino_version` and the
    /// image tag of a Kubernetes workload; the newest known release when nothing names one).
    #[arg(long, value_name = "RELEASE", value_parser = release_parser())]
    trino_version: Option<u32>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
    Sarif,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum UpgradeFormat {
    Human,
    Json,
}

#[derive(clap::Args)]
struct GenArgs {
    #[command(flatten)]
    input: SpecArgs,
    /// Output directory: `coordinator/etc/…`, `worker/etc/…` and `kubernetes.yaml`.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// `configmaps`: the Kubernetes YAML on standard output; `etc`: the file tree in `--out`;
    /// `emr`: Amazon EMR configuration classifications (JSON) on standard output;
    /// `helm-values`: values of the official Trino Helm chart (1.42.x) on standard output.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Compare `--out DIR` with what the spec generates; print a diff and exit 1 when they
    /// differ. Writes nothing.
    #[arg(long, requires = "out")]
    check: bool,
    /// Replace `--out DIR` even when it holds files trinocfg did not generate.
    #[arg(long)]
    force: bool,
    /// For a fleet: generate only this cluster, as a spec of its own (for `--format
    /// helm-values` and `--format emr`, which describe one cluster).
    #[arg(long, value_name = "NAME")]
    cluster: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Configmaps,
    Etc,
    Emr,
    HelmValues,
}

/// Exit codes.
const OK: u8 = 0;
const CONFIG_ERRORS: u8 = 1;
const USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { USAGE } else { OK };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    ExitCode::from(match cli.command {
        Command::Gen(args) => gen(&args),
        Command::Check(args) => check_command(&args),
        Command::Examples => {
            let mut out = String::new();
            for e in examples::EXAMPLES {
                out.push_str(&format!("{:<20} {}\n", e.name, e.description));
            }
            print(&out)
        }
        Command::Init { path, force } => init(&path, force),
        Command::Rules { explain, markdown } => {
            if markdown {
                print(&rules::markdown())
            } else {
                rules_command(explain.as_deref())
            }
        }
        Command::Explain(input) => explain(&input),
        Command::Import(args) => import_command(&args),
        Command::Schema => print(&trinocfg::spec::schema::json_schema()),
        Command::Upgrade(args) => upgrade::run(&upgrade::Args {
            path: &args.path,
            to: args.to,
            from: args.from,
            out: args.out.as_deref(),
            json: args.format == UpgradeFormat::Json,
            force: args.force,
        }),
    })
}

fn print(text: &str) -> u8 {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => OK,
        // A closed pipe (`| head`) is not an error of ours.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => OK,
        Err(e) => {
            eprintln_plain(&format!("error: cannot write to standard output: {e}"));
            USAGE
        }
    }
}

fn eprintln_plain(text: &str) {
    let mut stderr = anstream::stderr();
    let _ = writeln!(stderr, "{text}");
}

/// Reads the spec: a file, standard input, or an embedded example. Returns (origin, text).
/// Input that is clearly not a spec (Kubernetes YAML, properties) is refused, saying which
/// command reads it; `command` is the one running.
fn read_spec(input: &SpecArgs, command: &str) -> Result<(String, String), String> {
    if let Some(name) = &input.example {
        return examples::find(name)
            .map(|e| (format!("example:{}", e.name), e.source.to_owned()))
            .ok_or_else(|| {
                let names: Vec<&str> = examples::EXAMPLES.iter().map(|e| e.name).collect();
                let hint = trinocfg::suggest::closest(name, names.iter().copied())
                    .map(|s| format!("did you mean `{s}`? "))
                    .unwrap_or_default();
                format!(
                    "no example named `{name}`; {hint}examples: {}",
                    names.join(", ")
                )
            });
    }
    let path = input.spec.as_deref().unwrap_or(Path::new("-"));
    let text = input::read_text(path)?;
    let is_toml = path.extension().is_some_and(|e| e == "toml");
    if !is_toml {
        if let Some(refusal) = input::spec_refusal(trinocfg::text::sniff(&text), path, command) {
            return Err(refusal);
        }
    }
    Ok((input::origin(path), text))
}

fn report(outcome: &Outcome, origin: &str, source: &str) {
    report_with(outcome, origin, source, &input::MemberFiles::beside(None));
}

/// Prints the diagnostics of a spec, or of a fleet with its clusters' own files.
fn report_with(outcome: &Outcome, origin: &str, source: &str, files: &input::MemberFiles) {
    report_diagnostics(&outcome.diagnostics, origin, source, files);
}

fn report_diagnostics(
    diagnostics: &[Diagnostic],
    origin: &str,
    source: &str,
    files: &input::MemberFiles,
) {
    let mut stderr = anstream::stderr();
    // Snippets never show a secret: the bytes a diagnostic marks are masked.
    let source = trinocfg::diagnostic::mask_source(source, None, diagnostics);
    for d in diagnostics {
        let text = match &d.location.file {
            Some(file) => files.text(file).map(|t| {
                trinocfg::diagnostic::mask_source(&t, Some(file), diagnostics).into_owned()
            }),
            None => Some(source.clone().into_owned()),
        };
        let _ = writeln!(stderr, "{}\n", render::human(d, origin, text.as_deref()));
    }
    if !diagnostics.is_empty() {
        let _ = writeln!(stderr, "{}: {}", origin, render::summary(diagnostics));
    }
}

/// `gen --format emr`: the classifications on standard output, the diagnostics and the keys
/// EMR sets itself on standard error.
fn gen_emr(args: &GenArgs, origin: &str, source: &str) -> u8 {
    if args.out.is_some() || args.check {
        eprintln_plain(
            "error: `--format emr` prints the classifications: redirect them (`> emr.json`) instead of `--out`",
        );
        return USAGE;
    }
    let outcome = match trinocfg::emr(source, None) {
        Ok(outcome) => outcome,
        Err(e) => {
            eprintln_plain(&format!(
                "error: {origin}: {e}\n  help: give one cluster of the fleet: `--cluster NAME`"
            ));
            return USAGE;
        }
    };
    report_diagnostics(
        &outcome.diagnostics,
        origin,
        source,
        &input::MemberFiles::beside(None),
    );
    let Some(json) = &outcome.json else {
        eprintln_plain("error: nothing was written");
        let unreadable = outcome.diagnostics.iter().any(|d| d.code == "TS001");
        return if unreadable { USAGE } else { CONFIG_ERRORS };
    };
    if !outcome.managed.is_empty() {
        let keys: Vec<&str> = outcome.managed.iter().map(|(k, _)| k.as_str()).collect();
        eprintln_plain(&format!(
            "note: EMR sets {} itself (Trino listens on port 8889 there)",
            keys.join(", ")
        ));
    }
    print(json)
}

/// Exit code for diagnostics: 2 when the spec did not even parse, 1 for other errors.
fn failure_code(outcome: &Outcome) -> Option<u8> {
    if outcome.memory.is_none() {
        Some(USAGE)
    } else if outcome.has_errors() {
        Some(CONFIG_ERRORS)
    } else {
        None
    }
}

fn gen(args: &GenArgs) -> u8 {
    let format = match (args.format, &args.out) {
        (Some(Format::Etc), None) => {
            eprintln_plain("error: `--format etc` writes a file tree: give `--out DIR`");
            return USAGE;
        }
        (Some(Format::HelmValues), Some(_)) => {
            eprintln_plain(
                "error: `--format helm-values` prints the values: leave out `--out` and redirect standard output (`> values.yaml`)",
            );
            return USAGE;
        }
        (Some(f), _) => f,
        (None, Some(_)) => Format::Etc,
        (None, None) => Format::Configmaps,
    };
    let (origin, source) = match read_spec(&args.input, "gen") {
        Ok(s) => s,
        Err(e) => {
            eprintln_plain(&format!("error: {e}"));
            return USAGE;
        }
    };
    let (origin, source) = match &args.cluster {
        Some(name) => {
            let files = input::MemberFiles::beside(
                args.input
                    .spec
                    .as_deref()
                    .filter(|_| args.input.example.is_none()),
            );
            match trinocfg::spec::fleet::member_spec(&source, name, &|p| files.read(p)) {
                Ok(text) => (format!("{origin} (cluster {name})"), text),
                Err(e) => {
                    eprintln_plain(&format!("error: {origin}: {e}"));
                    return USAGE;
                }
            }
        }
        None => (origin, source),
    };
    if format == Format::HelmValues {
        return helm_values(&origin, &source);
    }
    if format == Format::Emr {
        return gen_emr(args, &origin, &source);
    }
    let files = input::MemberFiles::beside(
        args.input
            .spec
            .as_deref()
            .filter(|_| args.input.example.is_none()),
    );
    let outcome = trinocfg::generate_with(&source, &|p| files.read(p));
    report_with(&outcome, &origin, &source, &files);
    if let Some(code) = failure_code(&outcome) {
        eprintln_plain("error: nothing was written");
        return code;
    }
    let Some(rendered) = &outcome.output else {
        return CONFIG_ERRORS;
    };
    if format == Format::Configmaps && !args.check {
        return print(&rendered.kubernetes);
    }
    let Some(dir) = &args.out else { return USAGE };
    let tree = rendered.tree();
    if args.check {
        return match output::diff_tree(dir, &tree) {
            Ok(diff) if diff.is_empty() => OK,
            Ok(diff) => {
                let _ = print(&diff);
                eprintln_plain(&format!(
                    "{} differs from what {origin} generates",
                    dir.display()
                ));
                CONFIG_ERRORS
            }
            Err(e) => {
                eprintln_plain(&format!("error: {e}"));
                USAGE
            }
        };
    }
    match output::write_tree(dir, &tree, args.force) {
        Ok(()) => {
            eprintln_plain(&format!("wrote {} files to {}", tree.len(), dir.display()));
            OK
        }
        Err(output::WriteError::Foreign(files)) => {
            let shown: Vec<&str> = files.iter().take(5).map(String::as_str).collect();
            let more = if files.len() > 5 {
                format!(" and {} more", files.len() - 5)
            } else {
                String::new()
            };
            eprintln_plain(&format!(
                "error: {} holds files trinocfg did not generate: {}{more}\n  help: choose an empty directory, or pass --force to replace its contents",
                dir.display(),
                shown.join(", ")
            ));
            USAGE
        }
        Err(output::WriteError::Io(e)) => {
            eprintln_plain(&format!("error: {e}; nothing was written"));
            USAGE
        }
    }
}

/// `gen --format helm-values`: the values on standard output, or why there are none.
fn helm_values(origin: &str, source: &str) -> u8 {
    if trinocfg::spec::fleet::is_fleet(source) {
        eprintln_plain(&format!(
            "error: {origin}: {}\n  help: give one cluster of the fleet: `--cluster NAME`",
            trinocfg::render::helm::HelmError::Fleet
        ));
        return USAGE;
    }
    let (outcome, values) = trinocfg::helm_values(source);
    report(&outcome, origin, source);
    if let Some(code) = failure_code(&outcome) {
        eprintln_plain("error: nothing was written");
        return code;
    }
    match values {
        Ok(text) => print(&text),
        Err(trinocfg::render::helm::HelmError::Unexpressible(refusals)) => {
            for r in &refusals {
                eprintln_plain(&format!("error: {r}"));
            }
            eprintln_plain(&format!(
                "error: {origin}: the Helm chart cannot express {} part{} of the spec; nothing was written",
                refusals.len(),
                if refusals.len() == 1 { "" } else { "s" }
            ));
            CONFIG_ERRORS
        }
        Err(e) => {
            eprintln_plain(&format!("error: {e}"));
            CONFIG_ERRORS
        }
    }
}

fn import_command(args: &ImportArgs) -> u8 {
    let result = import::run(&import::Args {
        path: &args.path,
        out: args.out.as_deref(),
        release: args.trino_version,
        force: args.force,
    });
    match result {
        Ok((spec, lines, ok)) => {
            for l in &lines {
                eprintln_plain(l);
            }
            let code = if spec.is_empty() { OK } else { print(&spec) };
            if ok {
                code
            } else {
                CONFIG_ERRORS
            }
        }
        Err(e) => {
            eprintln_plain(&format!("error: {e}"));
            USAGE
        }
    }
}

fn init(path: &Path, force: bool) -> u8 {
    let starter = trinocfg::spec::starter();
    if path == Path::new("-") {
        return print(&starter);
    }
    if path.exists() && !force {
        eprintln_plain(&format!(
            "error: {} exists\n  help: pass --force to overwrite it",
            path.display()
        ));
        return USAGE;
    }
    match std::fs::write(path, starter) {
        Ok(()) => {
            eprintln_plain(&format!(
                "wrote {}; generate with `trinocfg gen {} --out build`",
                path.display(),
                path.display()
            ));
            OK
        }
        Err(e) => {
            eprintln_plain(&format!("error: cannot write {}: {e}", path.display()));
            USAGE
        }
    }
}

fn rules_command(explain: Option<&str>) -> u8 {
    if let Some(code) = explain {
        if let Some(rule) = rules::find(code) {
            print(&format!(
                "{} {} ({})\n\n{}\n\n{}\n",
                rule.code, rule.name, rule.severity, rule.summary, rule.explanation
            ))
        } else {
            eprintln_plain(&format!(
                "error: no rule `{code}`; `trinocfg rules` lists them"
            ));
            USAGE
        }
    } else {
        let mut out = String::new();
        for rule in rules::all() {
            out.push_str(&format!(
                "{}  {:<8} {:<40} {}\n",
                rule.code,
                rule.severity.as_str(),
                rule.name,
                rule.summary
            ));
        }
        print(&out)
    }
}

fn explain(input: &SpecArgs) -> u8 {
    let (origin, source) = match read_spec(input, "explain") {
        Ok(s) => s,
        Err(e) => {
            eprintln_plain(&format!("error: {e}"));
            return USAGE;
        }
    };
    let outcome = trinocfg::generate(&source);
    let Some(plan) = &outcome.memory else {
        report(&outcome, &origin, &source);
        return USAGE;
    };
    let code = print(&trinocfg::memory::budget_text(plan));
    report(&outcome, &origin, &source);
    if outcome.has_errors() {
        CONFIG_ERRORS
    } else {
        code
    }
}

fn check_command(args: &CheckArgs) -> u8 {
    let mut all: Vec<check::Checked> = Vec::new();
    let mut unreadable = false;
    let mut parse_failed = false;
    let mut stderr = anstream::stderr();
    for path in &args.paths {
        let checked = if args.chart_values {
            check::run_chart_values(
                path,
                args.trino_version,
                &mut trinocfg::input::check::check_cluster,
            )
        } else {
            check::run(path, args.trino_version)
        };
        let checked = match checked {
            Ok(c) => c,
            Err(e) => {
                let place = if args.paths.len() > 1 {
                    format!("{}: ", input::origin(path))
                } else {
                    String::new()
                };
                eprintln_plain(&format!("error: {place}{e}"));
                unreadable = true;
                continue;
            }
        };
        parse_failed |= checked.diagnostics.iter().any(|d| {
            d.code.starts_with("TS")
                && d.code != "TS004"
                && d.code != "TS005"
                && d.location.file.is_none()
        }) && checked.spec.is_some()
            && checked.sources.is_empty();
        if args.format == CheckFormat::Human {
            let _ = write!(stderr, "{}", human_report(&checked, path));
        }
        all.push(checked);
    }
    match args.format {
        CheckFormat::Json => {
            let _ = print(&check::json(&all));
        }
        CheckFormat::Sarif => {
            let _ = print(&check::sarif(&all));
        }
        CheckFormat::Human => {}
    }
    let diagnostics = || all.iter().flat_map(|c| &c.diagnostics);
    let errors = diagnostics().any(Diagnostic::is_error);
    let warnings = diagnostics().any(|d| !d.is_error());
    if parse_failed || unreadable {
        USAGE
    } else if errors || (args.deny_warnings && warnings) {
        CONFIG_ERRORS
    } else {
        OK
    }
}

/// What `check` prints for people about one input: its notes, the release it was judged as,
/// each diagnostic with a snippet, and a summary line.
fn human_report(checked: &check::Checked, path: &Path) -> String {
    let mut out = String::new();
    // Snippets never show a secret: the bytes a diagnostic marks are masked, once per file.
    let mut masked: HashMap<Option<&str>, Cow<'_, str>> = HashMap::new();
    for note in &checked.notes {
        out.push_str(&format!("{note}\n\n"));
    }
    if let Some(target) = &checked.target {
        out.push_str(&format!("release: {target}\n\n"));
    }
    for d in &checked.diagnostics {
        let file = d.location.file.as_deref();
        let (origin, source) = match file {
            Some(f) => (f.to_owned(), checked.sources.get(f).map(String::as_str)),
            None => match &checked.spec {
                Some((name, text)) => (name.clone(), Some(text.as_str())),
                None => (String::new(), None),
            },
        };
        let source = source.map(|text| {
            &**masked.entry(file).or_insert_with(|| {
                trinocfg::diagnostic::mask_source(text, file, &checked.diagnostics)
            })
        });
        out.push_str(&format!("{}\n\n", render::human(d, &origin, source)));
    }
    out.push_str(&format!(
        "{}: {}\n",
        input::origin(path),
        render::summary(&checked.diagnostics)
    ));
    out
}

/// The parser of `--trino-version` and `--from`: a release in
/// [`trinocfg::model::target::GIVEN_RELEASES`].
fn release_parser() -> clap::builder::RangedI64ValueParser<u32> {
    let releases = trinocfg::model::target::GIVEN_RELEASES;
    clap::value_parser!(u32).range(i64::from(*releases.start())..=i64::from(*releases.end()))
}
