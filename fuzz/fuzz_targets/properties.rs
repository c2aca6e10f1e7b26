//! Bytes as a `.properties` file, decoded the way Trino reads it (ISO-8859-1) and as UTF-8.
//! The reader never panics, its positions are valid, and whatever it reads, the writer writes so
//! that it reads back as the same key/value pairs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trinocfg::properties::{parse, render};

fn check(text: &str) {
    let file = parse(text);
    for e in &file.entries {
        assert!(text.get(e.key_span.clone()).is_some(), "{:?}", e.key_span);
        assert!(text.get(e.value_span.clone()).is_some(), "{:?}", e.value_span);
        assert!(e.line >= 1 && e.column >= 1 && e.value_line >= e.line);
    }
    for e in &file.errors {
        assert!(text.get(e.span.clone()).is_some(), "{:?}", e.span);
    }
    let pairs: Vec<(&str, &str)> = file
        .entries
        .iter()
        .map(|e| (e.key.as_str(), e.value.as_str()))
        .collect();
    let rendered = render(pairs.iter().copied());
    assert!(rendered
        .bytes()
        .all(|b| b == b'\n' || (0x20..0x7f).contains(&b)));
    let back = parse(&rendered);
    assert!(back.errors.is_empty(), "{:?}", back.errors);
    let back: Vec<(&str, &str)> = back
        .entries
        .iter()
        .map(|e| (e.key.as_str(), e.value.as_str()))
        .collect();
    assert_eq!(pairs, back);
}

fuzz_target!(|data: &[u8]| {
    check(&trinocfg::properties::decode_latin1(data));
    if let Ok(text) = std::str::from_utf8(data) {
        check(text);
    }
});
