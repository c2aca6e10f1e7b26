//! trinocfg: one typed description of a Trino cluster, checked the way Trino checks it, rendered
//! into every configuration file Trino needs.
//!
//! The crate is pure: no file, network or terminal I/O, so it compiles for `wasm32`.
//! The entry point is [`generate`]: spec text in, diagnostics and (when there is no error) the
//! rendered files out.

pub mod catalogue;
pub mod check;
pub mod diagnostic;
pub mod examples;
pub mod jvm_config;
pub mod load;
pub mod memory;
pub mod properties;
pub mod render;
pub mod rules;
pub mod spec;
pub mod suggest;
pub mod units;
pub mod validate;
pub mod values;

pub use diagnostic::{Diagnostic, Location, Severity};
pub use memory::{MemoryPlan, Role};
pub use render::Rendered;

/// The result of running a spec through trinocfg.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Every diagnostic, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// The memory plan, when the spec parsed.
    pub memory: Option<MemoryPlan>,
    /// The rendered output, only when there is no error.
    pub output: Option<Rendered>,
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Parses, validates and (when valid) renders a spec.
pub fn generate(source: &str) -> Outcome {
    // The spec text itself: syntax, keys, types, names, bounds, literal secrets.
    let spec::Loaded {
        mut diagnostics,
        spans,
        spec,
        in_bounds,
    } = spec::load(source);
    let Some(spec) = spec else {
        return Outcome {
            diagnostics: check::finish(diagnostics),
            memory: None,
            output: None,
        };
    };
    let loaded = load::LoadedSpec { spec, spans };
    let plan = memory::plan(&loaded.spec);
    let mut ctx = validate::Ctx::new(source, &loaded);
    validate::validate(&mut ctx, &plan);
    diagnostics.extend(ctx.diagnostics);
    // Every generated file goes through the file rules too: escape-hatch properties are
    // checked against the catalogue and reported at their place in the spec. Rendering is
    // total (a rejected literal secret was never kept), so this runs even when the spec has
    // errors; what the spec rules already said about the generated files is not said twice.
    let rendered = render::render(&loaded.spec, &plan);
    let spec_codes: Vec<&str> = diagnostics.iter().map(|d| d.code).collect();
    // Out-of-range numbers and invalid names (TS005, TS004) make the derived files
    // meaningless or misnamed: no file rules then.
    let generated = if in_bounds {
        check::spec::check_generated(source, &loaded, &rendered)
    } else {
        Vec::new()
    };
    diagnostics.extend(
        generated
            .into_iter()
            .filter(|d| d.location.file.is_none() || !spec_codes.contains(&d.code))
            .filter(|d| {
                !(d.code == rules::LITERAL_CREDENTIAL.code
                    && spec_codes.contains(&rules::LITERAL_SECRET.code))
            }),
    );
    let mut output = Some(rendered);
    let diagnostics = check::finish(diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        output = None;
    }
    Outcome {
        diagnostics,
        memory: Some(plan),
        output,
    }
}
