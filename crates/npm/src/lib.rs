//! The WebAssembly of the `trinocfg` npm package: [`trinocfg::api`] exported to JavaScript.
//! Every function takes text (or bytes) and returns JSON text; the package's `index.js` checks
//! the arguments' types, parses the JSON and returns plain objects, and `index.d.ts` types them.

use wasm_bindgen::prelude::wasm_bindgen;

/// [`trinocfg::api::generate`]: the YAML, every file `gen --out` writes, the diagnostics and
/// the memory plan of a spec.
#[wasm_bindgen]
pub fn generate(spec: &str) -> String {
    trinocfg::api::generate(spec)
}

/// [`trinocfg::api::explain`]: each role's memory budget as `trinocfg explain` prints it.
#[wasm_bindgen]
pub fn explain(spec: &str) -> String {
    trinocfg::api::explain(spec)
}

/// [`trinocfg::api::check_text`]: `trinocfg check NAME --format json` of one text (its UTF-8
/// bytes, or a file's bytes as they are); without a name, as standard input. `release` is
/// `--trino-version`.
#[wasm_bindgen(js_name = checkText)]
#[allow(clippy::needless_pass_by_value)] // wasm-bindgen hands an optional string over owned
pub fn check_text(name: Option<String>, bytes: &[u8], release: Option<u32>) -> String {
    trinocfg::api::check_text(name.as_deref(), bytes, release)
}

/// [`trinocfg::api::check_files`]: `trinocfg check .` of files given by path. Their bytes are
/// `bytes` one after another, `lengths[i]` of them for `paths[i]` (one copy across the
/// boundary instead of one per file). `release` is `--trino-version`.
#[wasm_bindgen(js_name = checkFiles)]
pub fn check_files(
    paths: Vec<String>,
    bytes: &[u8],
    lengths: &[u32],
    release: Option<u32>,
) -> String {
    match split(paths, bytes, lengths) {
        Some(files) => trinocfg::api::check_files(&files, release),
        None => trinocfg::api::refused("the files' lengths do not add up to their bytes"),
    }
}

/// `paths` with their bytes, cut out of `bytes` by `lengths`; `None` when they do not match.
fn split(paths: Vec<String>, bytes: &[u8], lengths: &[u32]) -> Option<Vec<(String, Vec<u8>)>> {
    if paths.len() != lengths.len() {
        return None;
    }
    let mut files = Vec::with_capacity(paths.len());
    let mut at = 0usize;
    for (path, &len) in paths.into_iter().zip(lengths) {
        let end = at.checked_add(usize::try_from(len).ok()?)?;
        files.push((path, bytes.get(at..end)?.to_vec()));
        at = end;
    }
    (at == bytes.len()).then_some(files)
}

/// The embedded example specs: `[{"name", "description", "source", "since"}]`.
#[wasm_bindgen]
pub fn examples() -> String {
    trinocfg::api::examples()
}

/// Every rule, in code order: `[{"code", "name", "severity", "summary", "explanation"}]`.
#[wasm_bindgen]
pub fn rules() -> String {
    trinocfg::api::rules()
}

/// The version of trinocfg.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
