//! YAML emission that YAML 1.1 readers (`PyYAML`, older go-yaml) and YAML 1.2 readers read
//! alike.
//!
//! The structure is emitted by yaml-rust2. A scalar that its emitter would write raw although
//! the two kinds of reader read it differently is written double-quoted with escapes instead:
//! one holding a control character (ESC, BEL, C1 controls), a line or paragraph separator
//! (U+2028, U+2029), a next-line character (U+0085), a byte-order mark or a non-character, or
//! a multi-line text that a literal block scalar would not carry exactly (a first line that
//! starts with a space, several final line breaks); and one that a YAML 1.1 reader resolves to
//! a number or a date (`1_000`, `0b101`, `0o17`, `2024-01-01`).
//!
//! Such scalars are first replaced by unique plain placeholders, the document is emitted, and
//! each placeholder is then replaced by the escaped scalar.

use yaml_rust2::yaml::Hash;
use yaml_rust2::{Yaml, YamlEmitter};

/// Whether `c` must be escaped inside a double-quoted scalar so that both kinds of reader read
/// it: every control character but the tab, the line and paragraph separators, the
/// byte-order mark and the non-characters U+FFFE and U+FFFF.
fn must_escape(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
        )
}

/// Whether a YAML 1.1 or 1.2 reader would resolve the plain scalar `s` to something other
/// than a string where yaml-rust2 writes it unquoted: integers with `_`, binary or `0o`
/// octal, floats with `_`, and dates.
fn resolves_to_non_string(s: &str) -> bool {
    let t = s.strip_prefix(['+', '-']).unwrap_or(s);
    let digits_and = |rest: &str, extra: &str| {
        !rest.is_empty()
            && rest
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
    };
    if let Some(rest) = t.strip_prefix("0b").or_else(|| t.strip_prefix("0o")) {
        return digits_and(rest, "_");
    }
    let numeric = !t.is_empty()
        && t.starts_with(|c: char| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '_' || c == '.');
    if numeric && t.contains('_') {
        return true;
    }
    let b = s.as_bytes();
    b.len() >= 8 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-'
}

/// Whether yaml-rust2's literal block scalar carries the multi-line `s` exactly.
fn block_is_exact(s: &str) -> bool {
    let first = s.split('\n').next().unwrap_or("");
    !first.is_empty()
        && !first.starts_with([' ', '\t'])
        && !s.ends_with("\n\n")
        && s.chars().all(|c| c == '\n' || !must_escape(c))
}

/// Whether `s` must be written by [`quoted`] rather than by yaml-rust2; a key is never a
/// block scalar.
fn needs_own_quoting(s: &str, key: bool) -> bool {
    if s.contains('\n') {
        key || !block_is_exact(s)
    } else {
        s.chars().any(must_escape) || resolves_to_non_string(s)
    }
}

/// `s` as a double-quoted YAML scalar, with every character [`must_escape`] says as `\uXXXX`.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if must_escape(c) => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Replaces each string that needs its own quoting by a placeholder `{prefix}{index}`,
/// collecting the quoted forms; `key` says the node is a mapping key.
fn substitute(node: &Yaml, key: bool, prefix: &str, quoted_forms: &mut Vec<String>) -> Yaml {
    match node {
        Yaml::String(s) if needs_own_quoting(s, key) => {
            quoted_forms.push(quoted(s));
            Yaml::String(format!("{prefix}{}", quoted_forms.len() - 1))
        }
        Yaml::Array(items) => Yaml::Array(
            items
                .iter()
                .map(|i| substitute(i, false, prefix, quoted_forms))
                .collect(),
        ),
        Yaml::Hash(h) => {
            let mut out = Hash::new();
            for (k, v) in h {
                out.insert(
                    substitute(k, true, prefix, quoted_forms),
                    substitute(v, false, prefix, quoted_forms),
                );
            }
            Yaml::Hash(out)
        }
        other => other.clone(),
    }
}

/// Whether any string of `node` contains `needle`.
fn mentions(node: &Yaml, needle: &str) -> bool {
    match node {
        Yaml::String(s) => s.contains(needle),
        Yaml::Array(items) => items.iter().any(|i| mentions(i, needle)),
        Yaml::Hash(h) => h
            .iter()
            .any(|(k, v)| mentions(k, needle) || mentions(v, needle)),
        _ => false,
    }
}

/// One YAML document (`---` and the content, without a final line break), with multi-line
/// strings as literal block scalars where they are carried exactly.
pub fn emit(doc: &Yaml) -> String {
    // A placeholder prefix that no string of the document contains.
    let prefix = (0..=u32::MAX)
        .map(|n| format!("_trinocfg{n}_"))
        .find(|p| !mentions(doc, p))
        .unwrap_or_default();
    let mut quoted_forms = Vec::new();
    let doc = substitute(doc, false, &prefix, &mut quoted_forms);
    let mut text = String::new();
    let mut emitter = YamlEmitter::new(&mut text);
    emitter.multiline_strings(true);
    // Emitting into a String cannot fail; an error would only come from the writer.
    if emitter.dump(&doc).is_err() {
        return String::new();
    }
    if quoted_forms.is_empty() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find(&prefix) {
        out.push_str(&rest[..i]);
        let after = &rest[i + prefix.len()..];
        let digits = after
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(after.len());
        match after[..digits]
            .parse::<usize>()
            .ok()
            .and_then(|n| quoted_forms.get(n))
        {
            Some(q) => out.push_str(q),
            None => out.push_str(&rest[i..i + prefix.len() + digits]),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use yaml_rust2::YamlLoader;

    fn doc_of(key: &str, value: &str) -> Yaml {
        let mut inner = Hash::new();
        inner.insert(Yaml::String(key.into()), Yaml::String(value.into()));
        let mut h = Hash::new();
        h.insert(Yaml::String("data".into()), Yaml::Hash(inner));
        h.insert(
            Yaml::String("list".into()),
            Yaml::Array(vec![Yaml::String(value.into())]),
        );
        Yaml::Hash(h)
    }

    /// Emits and reads back; asserts the text holds nothing that YAML 1.1 and 1.2 readers
    /// read differently.
    fn round_trip(key: &str, value: &str) {
        let doc = doc_of(key, value);
        let text = emit(&doc);
        for c in text.chars() {
            assert!(
                c == '\n' || c == '\t' || !must_escape(c),
                "raw U+{:04X} in {text:?}",
                u32::from(c)
            );
        }
        let back = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        assert_eq!(back, vec![doc], "{text}");
    }

    #[test]
    fn separators_and_controls_are_escaped() {
        for s in [
            "x\u{2028}evilkey: injected",
            "a\u{2029}b",
            "-Dfoo=a\u{85}b",
            "bell\u{7}esc\u{1b}[31m",
            "del\u{7f}",
            "\u{feff}bom",
            "c1\u{9b}",
            "nul\u{0}",
        ] {
            round_trip("k", s);
            round_trip(s, "v");
            let text = emit(&doc_of("k", s));
            assert!(text.contains("\\u"), "{text}");
        }
    }

    #[test]
    fn multi_line_texts_keep_their_exact_value() {
        for s in [
            "a=1\nb=2\n",
            "{\n  \"x\": 1\n}\n",
            "  leading\nspace\n",
            "two\nfinal\n\n",
            "\nfirst empty\n",
            "comment\u{2028}inside\n",
            "tab\tinside\n",
            "crlf\r\nline\n",
        ] {
            round_trip("file.properties", s);
        }
        // Plain files stay literal block scalars.
        assert!(emit(&doc_of("f", "a=1\nb=2\n")).contains("f: |\n"));
    }

    #[test]
    fn values_a_yaml_1_1_reader_takes_as_numbers_or_dates_are_quoted() {
        for s in ["1_000", "0b101", "0o17", "2024-01-01", "-1_0.5"] {
            round_trip("k", s);
            assert!(emit(&doc_of("k", s)).contains(&format!("\"{s}\"")), "{s}");
        }
        for s in ["16Gi", "trino", "app.kubernetes.io/name", "482"] {
            round_trip("k", s);
        }
        assert!(emit(&doc_of("k", "16Gi")).contains("k: 16Gi"));
    }

    #[test]
    fn placeholders_never_collide_with_content() {
        round_trip("_trinocfg0_0", "x\u{2028}y");
        round_trip("k", "_trinocfg0_0 and \u{1b}");
    }
}
