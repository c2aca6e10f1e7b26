//! Bytes as a `jvm.config`: the launcher's line splitting, option classification and the summary
//! never panic; every option's span is its text; sizes found format and parse back exactly.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trinocfg::jvm_config::{classify, format_jvm_size, parse, parse_jvm_size, summarize};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let options = parse(&text);
    for o in &options {
        assert_eq!(text.get(o.span.clone()), Some(o.text.as_str()));
        assert!(!o.text.is_empty() && !o.text.starts_with('#'));
        let _ = classify(&o.text);
        if let Some(n) = parse_jvm_size(&o.text) {
            assert_eq!(parse_jvm_size(&format_jvm_size(n)), Some(n));
        }
    }
    let summary = summarize(&options);
    if let Some((n, _)) = summary.max_heap {
        assert_eq!(parse_jvm_size(&format_jvm_size(n)), Some(n));
    }
});
