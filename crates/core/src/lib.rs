//! trinocfg: one typed description of a Trino cluster, checked the way Trino checks it, rendered
//! into every configuration file Trino needs.
//!
//! The crate is pure: no file, network or terminal I/O, so it compiles for `wasm32`.
//! The entry point is [`generate`]: spec text in, diagnostics and (when there is no error) the
//! rendered files out.

pub mod catalogue;
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
    let loaded = match load::load(source) {
        Ok(l) => l,
        Err(diagnostics) => {
            return Outcome {
                diagnostics,
                memory: None,
                output: None,
            }
        }
    };
    let plan = memory::plan(&loaded.spec);
    let mut ctx = validate::Ctx::new(source, &loaded);
    validate::validate(&mut ctx, &plan);
    let mut diagnostics = ctx.diagnostics;
    diagnostic::sort(&mut diagnostics);
    let output = (!diagnostics.iter().any(Diagnostic::is_error))
        .then(|| render::render(&loaded.spec, &plan));
    Outcome {
        diagnostics,
        memory: Some(plan),
        output,
    }
}
