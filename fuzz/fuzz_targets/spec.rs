//! Spec text (TOML) through the whole of `trinocfg::generate`: parsing, the rules, the memory
//! plan, rendering and the file rules over the rendered output. Nothing may panic, and a spec
//! that generates gives the same files every time.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let first = trinocfg::generate(source);
    assert_eq!(first.output.is_some(), !first.has_errors());
    // Spans of diagnostics about the spec are byte ranges of it, for source snippets.
    for d in &first.diagnostics {
        if let (None, Some(span)) = (&d.location.file, &d.location.span) {
            assert!(source.get(span.clone()).is_some(), "{d:?}");
        }
    }
    if let Some(output) = &first.output {
        let second = trinocfg::generate(source);
        let tree = output.tree();
        assert_eq!(Some(&tree), second.output.map(|o| o.tree()).as_ref());
        assert_eq!(first.diagnostics.len(), second.diagnostics.len());
        for (path, _) in &tree {
            assert!(
                !path.starts_with('/') && !path.split('/').any(|c| c.is_empty() || c == ".."),
                "output path {path:?} leaves the output directory"
            );
        }
    }
});
