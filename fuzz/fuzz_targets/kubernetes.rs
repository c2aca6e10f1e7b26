//! A YAML stream (`helm template` output, `trinocfg gen` output) through the Kubernetes reader
//! and every `check` rule. Nothing may panic, whatever the YAML holds.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(yaml) = std::str::from_utf8(data) else {
        return;
    };
    let input = trinocfg::input::kubernetes::read(yaml, "fuzz.yaml");
    let diagnostics = trinocfg::check(&input);
    // Spans are byte ranges of the YAML text, for source snippets.
    for d in &diagnostics {
        if let Some(span) = &d.location.span {
            assert!(yaml.get(span.clone()).is_some(), "{d:?}");
        }
    }
});
