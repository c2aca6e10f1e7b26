//! trinocfg: one typed description of a Trino cluster, checked the way Trino checks it, rendered
//! into every configuration file Trino needs; and the same checks for configuration that
//! already exists.
//!
//! The crate is pure: no file, network or terminal I/O, so it compiles for `wasm32`.
//!
//! The data flow:
//! - a spec (TOML) is read by the spec reader ([`spec::load`]), which reports the spec's own
//!   problems, and lowered (`lower`) into the [cluster model](model);
//! - existing configuration (an `etc/` tree, the output of `gen`, a Kubernetes YAML stream)
//!   is read (`input`) into the same model;
//! - every Trino rule (`rules`) runs once over the model and reports at the origin of the
//!   values it judges: the spec key, or the line of the file;
//! - `generate` renders (`render`) the files and Kubernetes objects from the model.
//!
//! ```
//! // Generate a cluster's files from a spec.
//! let outcome = trinocfg::generate(trinocfg::examples::find("minimal").unwrap().source);
//! assert!(!outcome.has_errors());
//! let files = outcome.output.unwrap().tree();
//! assert!(files.iter().any(|(path, _)| path == "coordinator/etc/config.properties"));
//!
//! // Check a configuration that exists: here, one node's files.
//! use trinocfg::input::{self, NodeFiles};
//! use trinocfg::model::SourceFile;
//! let files = vec![
//!     SourceFile::standalone("config.properties", "etc/config.properties",
//!         "coordinator=true\nquery.max-memory=16G\n"),
//!     SourceFile::standalone("jvm.config", "etc/jvm.config", "-Xmx8G\n"),
//! ];
//! let cluster = input::cluster(vec![NodeFiles { label: "etc".into(), files, ..NodeFiles::default() }]);
//! let diagnostics = trinocfg::check(&cluster);
//! // `16G` is not a Trino data size (TP004).
//! assert!(diagnostics.iter().any(|d| d.code == "TP004" && d.is_error()));
//! // One JSON shape for machines.
//! let report = trinocfg::Report::new(diagnostics, None);
//! assert!(report.to_json().contains("\"errors\": 1"));
//! ```

#![deny(missing_docs)]

// The library's surface: `generate`, `check_spec`, `check`, the model and how it is read
// (`model`, `input`), diagnostics and the JSON report (`diagnostic`), the spec (`spec`), the
// rules' documentation (`rules`), the rendered output (`render`), and the formats Trino reads
// (`properties`, `jvm_config`, `text`). The modules below the blank line are public for the
// command line, the playground, the fuzzers and the tests; they are not part of the
// documented surface and may change.
pub mod api;
pub mod catalogue;
pub mod diagnostic;
pub mod examples;
pub mod fleet;
pub mod import;
pub mod input;
pub mod java_regex;
pub mod jvm_config;
pub mod memory;
pub mod model;
pub mod properties;
pub mod render;
pub mod rules;
pub mod sarif;
pub mod spec;
pub mod text;
pub mod units;
pub mod upgrade;

#[doc(hidden)]
pub mod credentials;
pub(crate) mod decimal;
#[doc(hidden)]
pub mod kubernetes_names;
#[doc(hidden)]
pub mod lower;
#[doc(hidden)]
pub mod suggest;
#[doc(hidden)]
pub mod values;

pub use diagnostic::{Diagnostic, Location, Report, Severity, Summary};
pub use memory::{ClusterMemory, MemoryPlan, Role};
pub use model::Cluster;
pub use render::Rendered;

/// The result of running a spec through trinocfg.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Outcome {
    /// Every diagnostic, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// The memory plan, when the spec's values could be read.
    pub memory: Option<MemoryPlan>,
    /// The rendered output, only when there is no error.
    pub output: Option<Rendered>,
    /// The Trino release the spec was judged as, when it could be read.
    pub target: Option<model::Target>,
}

impl Outcome {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// The model of a spec and what the spec reader found, before the Trino rules.
pub(crate) struct Read {
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) plan: Option<MemoryPlan>,
    pub(crate) spec: Option<spec::Spec>,
    pub(crate) lowered: Option<lower::Lowered>,
}

pub(crate) fn read_and_lower(source: &str, release: Option<u32>) -> Read {
    // The spec text itself: syntax, keys, types, names, bounds, literal secrets.
    lower_loaded(source, spec::load_for(source, release), release)
}

/// Lowers a spec as read (alone, or one cluster of a fleet, whose spans are its own) into the
/// model, with the reader's diagnostics.
pub(crate) fn lower_loaded(source: &str, loaded: spec::Loaded, release: Option<u32>) -> Read {
    let spec::Loaded {
        mut diagnostics,
        spans,
        spec,
        in_bounds,
    } = loaded;
    let Some(spec) = spec else {
        return Read {
            diagnostics,
            plan: None,
            spec: None,
            lowered: None,
        };
    };
    rules::secrets::mask_spec_literals(&mut diagnostics);
    let plan = memory::plan(&spec);
    // Out-of-range numbers and invalid names (TS005, TS004) make the derived files
    // meaningless or misnamed: the Trino rules do not run then.
    let lowered = in_bounds.then(|| {
        let mut lowered = lower::lower(&spec, &plan);
        lowered.cluster.target.source = if release.is_some() {
            model::TargetSource::Given
        } else {
            model::TargetSource::Spec {
                stated: spans.key_span("cluster.trino_version").is_some(),
            }
        };
        lowered.cluster.sources.spec = Some(model::SpecSource {
            text: source.to_owned(),
            spans,
        });
        lowered
    });
    Read {
        diagnostics,
        plan: Some(plan),
        spec: Some(spec),
        lowered,
    }
}

/// Reads, checks and (when there is no error) renders a spec.
pub fn generate(source: &str) -> Outcome {
    generate_for(source, None)
}

/// [`generate`], with the spec read as targeting Trino `release` when one is given instead of
/// its own `cluster.trino_version`.
pub fn generate_for(source: &str, release: Option<u32>) -> Outcome {
    run_spec(source, release, true)
}

/// Checks a spec without rendering it: the spec reader's diagnostics and the Trino rules over
/// the model it lowers to.
pub fn check_spec(source: &str) -> Vec<Diagnostic> {
    check_spec_for(source, None).diagnostics
}

/// [`check_spec`], with the spec read as targeting Trino `release` when one is given; the
/// outcome says which release judged it. Nothing is rendered.
pub fn check_spec_for(source: &str, release: Option<u32>) -> Outcome {
    run_spec(source, release, false)
}

/// A fleet's clusters by path cannot be read without a file system.
fn no_files(path: &str) -> Result<String, String> {
    Err(format!(
        "`{path}` is a file, and this reader has none: give the cluster inline"
    ))
}

/// [`generate`] for a fleet whose clusters may be given by the path of their spec files:
/// `files` reads them.
pub fn generate_with(source: &str, files: spec::fleet::Files<'_>) -> Outcome {
    run_spec_with(source, None, true, files)
}

/// [`check_spec_for`] for a fleet whose clusters may be given by path (see [`generate_with`]).
pub fn check_spec_with(
    source: &str,
    release: Option<u32>,
    files: spec::fleet::Files<'_>,
) -> Outcome {
    run_spec_with(source, release, false, files)
}

fn run_spec(source: &str, release: Option<u32>, render: bool) -> Outcome {
    run_spec_with(source, release, render, &no_files)
}

fn run_spec_with(
    source: &str,
    release: Option<u32>,
    render: bool,
    files: spec::fleet::Files<'_>,
) -> Outcome {
    if spec::fleet::is_fleet(source) {
        return fleet::run(source, release, render, files);
    }
    run_read(read_and_lower(source, release), render)
}

/// The Trino rules over a lowered spec, and its output when there is no error.
pub(crate) fn run_read(read: Read, render: bool) -> Outcome {
    let Read {
        mut diagnostics,
        plan,
        spec,
        lowered,
    } = read;
    if let Some(lowered) = &lowered {
        diagnostics = rules::check_with(&lowered.cluster, diagnostics);
    }
    let diagnostics = diagnostic::finish(diagnostics);
    let ok = !diagnostics.iter().any(Diagnostic::is_error);
    let target = lowered.as_ref().map(|l| l.cluster.target.clone());
    let output = match (render && ok, &spec, &plan, lowered) {
        (true, Some(spec), Some(plan), Some(lowered)) => Some(render::render(spec, plan, lowered)),
        _ => None,
    };
    Outcome {
        diagnostics,
        memory: plan,
        output,
        target,
    }
}

/// A spec as Amazon EMR configuration classifications (`gen --format emr`).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct EmrOutcome {
    /// The spec's diagnostics, then what EMR cannot deliver (rules `TX001`–`TX007`), sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The classifications as JSON, only when there is no error.
    pub json: Option<String>,
    /// Keys EMR writes itself, which the classifications leave out, with the spec's values.
    pub managed: Vec<(String, String)>,
}

/// Reads and checks a spec, and writes it as Amazon EMR configuration classifications when
/// nothing stands in the way (see [`render::emr`] and [`rules::emr`]).
///
/// # Errors
///
/// A fleet is refused, with why: an EMR cluster is one cluster (take one out with
/// [`spec::fleet::member_spec`]).
pub fn emr(source: &str, release: Option<u32>) -> Result<EmrOutcome, String> {
    if spec::fleet::is_fleet(source) {
        return Err("a fleet is several clusters; EMR classifications describe one".to_owned());
    }
    let read = read_and_lower(source, release);
    let spec = read.spec.clone();
    let spec_source = read
        .lowered
        .as_ref()
        .and_then(|l| l.cluster.sources.spec.clone());
    let outcome = run_read(read, true);
    let mut diagnostics = outcome.diagnostics;
    let (Some(rendered), Some(spec), Some(source), Some(memory), Some(target)) = (
        outcome.output,
        spec,
        spec_source,
        outcome.memory,
        outcome.target,
    ) else {
        return Ok(EmrOutcome {
            diagnostics,
            json: None,
            managed: Vec::new(),
        });
    };
    let plan = render::emr::plan(&rendered);
    diagnostics.extend(rules::emr::check(&rules::emr::EmrInput {
        plan: &plan,
        spec: &spec,
        source: &source,
        memory: &memory,
        release: target.release,
    }));
    let diagnostics = diagnostic::finish(diagnostics);
    let json = (!diagnostics.iter().any(Diagnostic::is_error)).then(|| render::emr::json(&plan));
    Ok(EmrOutcome {
        diagnostics,
        json,
        managed: plan.managed,
    })
}

/// Reads, checks and renders a spec as values of the official Trino Helm chart (see
/// [`render::helm`]): the outcome of [`generate`], and the values or why there are none.
///
/// ```
/// let source = trinocfg::examples::find("minimal").unwrap().source;
/// let (outcome, values) = trinocfg::helm_values(source);
/// assert!(!outcome.has_errors());
/// assert!(values.unwrap().contains("maxHeapSize"));
/// ```
///
/// # Errors
///
/// [`render::helm::HelmError`]: the spec has errors, is a fleet, targets a release older than
/// the chart's, or says what the chart cannot express.
pub fn helm_values(source: &str) -> (Outcome, Result<String, render::helm::HelmError>) {
    use render::helm::HelmError;
    if spec::fleet::is_fleet(source) {
        let outcome = Outcome {
            diagnostics: Vec::new(),
            memory: None,
            output: None,
            target: None,
        };
        return (outcome, Err(HelmError::Fleet));
    }
    let read = read_and_lower(source, None);
    let spec = read.spec.clone();
    let outcome = run_read(read, true);
    let values = match (&spec, &outcome.memory, &outcome.output) {
        (Some(spec), Some(plan), Some(output)) if !outcome.has_errors() => {
            render::helm::values(spec, plan, output)
        }
        _ => Err(HelmError::Invalid),
    };
    (outcome, values)
}

/// Runs every Trino rule over a model read from existing configuration (see [`input`]).
pub fn check(cluster: &Cluster) -> Vec<Diagnostic> {
    rules::check(cluster)
}
