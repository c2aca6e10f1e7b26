//! A spec with its source positions, for the rules that run over it. Reading is done by
//! [`crate::spec::load`]; this module keeps the older entry point and names.

use crate::diagnostic::Diagnostic;
use crate::spec::Spec;
pub use crate::spec::{SpanIndex, MAX_SPEC_BYTES};

/// A spec that was read, with the position of every key.
#[derive(Debug, Clone)]
pub struct LoadedSpec {
    /// The typed spec.
    pub spec: Spec,
    /// Where every key and value is.
    pub spans: SpanIndex,
}

/// Parses spec text into a typed spec. Any problem of the spec text — syntax, unknown keys,
/// types, names, bounds, literal secrets — comes back as diagnostics (all of them). Use
/// [`crate::spec::load`] to get the typed spec together with such problems.
pub fn load(source: &str) -> Result<LoadedSpec, Vec<Diagnostic>> {
    let loaded = crate::spec::load(source);
    match loaded.spec {
        Some(spec) if loaded.diagnostics.is_empty() => Ok(LoadedSpec {
            spec,
            spans: loaded.spans,
        }),
        _ => Err(loaded.diagnostics),
    }
}
