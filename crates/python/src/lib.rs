//! `trinocfg._native`, the native module of the `trinocfg` Python package: [`trinocfg::api`]
//! for Python. Every function takes text (or bytes) and returns JSON text; the package's
//! `trinocfg/__init__.py` checks the arguments, parses the JSON and returns typed dataclasses.
//! The work runs without the GIL held, so that other Python threads go on meanwhile.

use pyo3::prelude::*;
use pyo3::types::PyBytes;

/// `trinocfg.api.generate`: the YAML, every file `gen --out` writes, the diagnostics and the
/// memory plan of a spec, as JSON text.
#[pyfunction]
fn generate(py: Python<'_>, spec: &str) -> String {
    py.detach(|| trinocfg::api::generate(spec))
}

/// `trinocfg.api.explain`: each role's memory budget as `trinocfg explain` prints it.
#[pyfunction]
fn explain(py: Python<'_>, spec: &str) -> String {
    py.detach(|| trinocfg::api::explain(spec))
}

/// `trinocfg check NAME --format json` of one text's bytes; without a name, as standard input.
/// `release` is `--trino-version`.
#[pyfunction]
#[pyo3(signature = (name, data, release=None))]
fn check_text(
    py: Python<'_>,
    name: Option<&str>,
    data: &Bound<'_, PyBytes>,
    release: Option<u32>,
) -> String {
    let bytes = data.as_bytes();
    py.detach(|| trinocfg::api::check_text(name, bytes, release))
}

/// `trinocfg check .` of files given as `(path, bytes)` pairs. `release` is `--trino-version`.
#[pyfunction]
#[pyo3(signature = (files, release=None))]
fn check_files(
    py: Python<'_>,
    files: Vec<(String, Bound<'_, PyBytes>)>,
    release: Option<u32>,
) -> String {
    let files: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|(path, data)| (path, data.as_bytes().to_vec()))
        .collect();
    py.detach(|| trinocfg::api::check_files(&files, release))
}

/// The embedded example specs, as JSON text.
#[pyfunction]
fn examples() -> String {
    trinocfg::api::examples()
}

/// Every rule, in code order, as JSON text.
#[pyfunction]
fn rules() -> String {
    trinocfg::api::rules()
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(generate, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(check_text, m)?)?;
    m.add_function(wrap_pyfunction!(check_files, m)?)?;
    m.add_function(wrap_pyfunction!(examples, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
