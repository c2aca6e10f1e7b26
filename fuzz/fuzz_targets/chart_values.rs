//! Helm chart values through the chart-values reader and every `check` rule. Nothing may
//! panic, and every span points into the values text, whatever they hold.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(yaml) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(input) = trinocfg::input::chart::read(yaml, "values.yaml") else {
        return;
    };
    let cluster = trinocfg::input::chart::cluster(input);
    let diagnostics = trinocfg::input::chart::once_per_value(trinocfg::check(&cluster));
    for d in &diagnostics {
        if let Some(span) = &d.location.span {
            assert!(yaml.get(span.clone()).is_some(), "{d:?}");
        }
    }
});
