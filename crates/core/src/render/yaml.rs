//! YAML emission that YAML 1.1 readers (`PyYAML`, older go-yaml) and YAML 1.2 readers read
//! alike.
//!
//! The structure is written in yaml-rust2's block style. A scalar that yaml-rust2 would write
//! raw although
//! the two kinds of reader read it differently is written double-quoted with escapes instead:
//! one holding a control character (ESC, BEL, C1 controls), a line or paragraph separator
//! (U+2028, U+2029), a next-line character (U+0085), a byte-order mark or a non-character, or
//! a multi-line text that a literal block scalar would not carry exactly (a first line that
//! starts with a space, several final line breaks); and one that a YAML 1.1 reader resolves to
//! a number or a date (`1_000`, `0b101`, `0o17`, `2024-01-01`).
//!
//! The writer below emits exactly what yaml-rust2's emitter writes for every other scalar
//! (a test compares the two), straight into one string.

use std::fmt::Write as _;

use yaml_rust2::yaml::Hash;
use yaml_rust2::Yaml;

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

/// `s` as a double-quoted YAML scalar, with every character `must_escape` names as `\uXXXX`.
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

/// yaml-rust2's rule for a string its emitter writes double-quoted.
fn needs_quotes(s: &str) -> bool {
    s.is_empty()
        || s.starts_with(' ')
        || s.ends_with(' ')
        || s.starts_with(['&', '*', '?', '|', '-', '<', '>', '=', '!', '%', '@', '.'])
        || s.contains(|c: char| {
            matches!(
                c,
                ':' | '{'
                    | '}'
                    | '['
                    | ']'
                    | ','
                    | '#'
                    | '`'
                    | '"'
                    | '\''
                    | '\\'
                    | '\0'..='\x06'
                    | '\t'
                    | '\n'
                    | '\r'
                    | '\x0e'..='\x1a'
                    | '\x1c'..='\x1f'
            )
        })
        || [
            "true", "false", "True", "False", "TRUE", "FALSE", "null", "Null", "NULL", "~", "y",
            "Y", "n", "N", "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off",
            "OFF",
        ]
        .contains(&s)
        || s.starts_with("0x")
        || s.parse::<i64>().is_ok()
        || crate::decimal::parse_f64(s).is_some()
}

/// yaml-rust2's double-quoted form: JSON-like escapes of `"`, `\` and the ASCII controls.
fn escaped(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\x08' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\x0c' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if c < ' ' || c == '\x7f' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Whether yaml-rust2 writes a multi-line string as a literal block scalar.
fn literal_block_allowed(s: &str) -> bool {
    s.chars()
        .all(|c| matches!(c, '\t' | '\n' | '\x20'..='\x7e' | '\u{0085}' | '\u{00a0}'..='\u{d7fff}'))
}

/// Writes YAML in yaml-rust2's block style (two-space indentation, compact sequences of
/// mappings, literal block scalars for multi-line strings), straight into a string, with the
/// strings that need it written by [`quoted`].
struct Writer {
    out: String,
    level: isize,
}

impl Writer {
    fn indent(&mut self) {
        for _ in 0..self.level.max(0) {
            self.out.push_str("  ");
        }
    }

    fn newline_and_indent(&mut self) {
        self.out.push('\n');
        self.indent();
    }

    fn node(&mut self, node: &Yaml, key: bool) {
        match node {
            Yaml::Array(items) => self.array(items),
            Yaml::Hash(h) => self.hash(h),
            Yaml::String(s) => self.string(s, key),
            Yaml::Boolean(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Yaml::Integer(i) => {
                let _ = write!(self.out, "{i}");
            }
            Yaml::Real(r) => self.out.push_str(r),
            Yaml::Null | Yaml::BadValue => self.out.push('~'),
            Yaml::Alias(_) => {}
        }
    }

    fn string(&mut self, s: &str, key: bool) {
        if needs_own_quoting(s, key) {
            self.out.push_str(&quoted(s));
        } else if s.contains('\n') && literal_block_allowed(s) {
            self.out
                .push_str(if s.ends_with('\n') { "|" } else { "|-" });
            self.level += 1;
            for line in s.lines() {
                self.newline_and_indent();
                self.out.push_str(line);
            }
            self.level -= 1;
        } else if needs_quotes(s) {
            escaped(&mut self.out, s);
        } else {
            self.out.push_str(s);
        }
    }

    fn array(&mut self, items: &[Yaml]) {
        if items.is_empty() {
            self.out.push_str("[]");
            return;
        }
        self.level += 1;
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.newline_and_indent();
            }
            self.out.push('-');
            self.value(true, item);
        }
        self.level -= 1;
    }

    fn hash(&mut self, h: &Hash) {
        if h.is_empty() {
            self.out.push_str("{}");
            return;
        }
        self.level += 1;
        for (i, (k, v)) in h.iter().enumerate() {
            if i > 0 {
                self.newline_and_indent();
            }
            if matches!(k, Yaml::Hash(_) | Yaml::Array(_)) {
                self.out.push('?');
                self.value(true, k);
                self.newline_and_indent();
                self.out.push(':');
                self.value(true, v);
            } else {
                self.node(k, true);
                self.out.push(':');
                self.value(false, v);
            }
        }
        self.level -= 1;
    }

    /// A value after `:` or `-`: on the same line, or on the next one for a block collection
    /// after a key.
    fn value(&mut self, inline: bool, v: &Yaml) {
        let empty = match v {
            Yaml::Array(items) => Some(items.is_empty()),
            Yaml::Hash(h) => Some(h.is_empty()),
            _ => None,
        };
        match empty {
            Some(empty) if !inline && !empty => {
                self.out.push('\n');
                self.level += 1;
                self.indent();
                self.level -= 1;
            }
            _ => self.out.push(' '),
        }
        self.node(v, false);
    }
}

/// One YAML document (`---` and the content, without a final line break), with multi-line
/// strings as literal block scalars where they are carried exactly.
pub fn emit(doc: &Yaml) -> String {
    let mut w = Writer {
        out: String::with_capacity(4096),
        level: -1,
    };
    w.out.push_str("---\n");
    w.node(doc, false);
    w.out
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

    fn own_quoting_anywhere(node: &Yaml, key: bool) -> bool {
        match node {
            Yaml::String(s) => needs_own_quoting(s, key),
            Yaml::Array(items) => items.iter().any(|i| own_quoting_anywhere(i, false)),
            Yaml::Hash(h) => h
                .iter()
                .any(|(k, v)| own_quoting_anywhere(k, true) || own_quoting_anywhere(v, false)),
            _ => false,
        }
    }

    /// For everything but the scalars it quotes itself, the writer writes what yaml-rust2's
    /// emitter writes.
    #[test]
    fn writes_what_yaml_rust2_writes() {
        let strings = [
            "plain",
            "16Gi",
            "482",
            "1.5",
            "0x1F",
            "true",
            "no",
            "~",
            "",
            " lead",
            "trail ",
            "-x",
            ".hidden",
            "a: b",
            "a #b",
            "[x]",
            "x,y",
            "quote\"d",
            "back\\slash",
            "é ü",
            "multi\nline\n",
            "multi\nline",
            "tab\tin\n",
            "€ text\nsecond\n",
            "k=v\n\nz=w\n",
            "app.kubernetes.io/name",
            "${ENV:X}",
            "x\ry",
        ];
        let mut docs = Vec::new();
        for s in strings {
            docs.push(doc_of(s, s));
        }
        let mut nested = Hash::new();
        nested.insert(Yaml::String("empty_map".into()), Yaml::Hash(Hash::new()));
        nested.insert(Yaml::String("empty_list".into()), Yaml::Array(Vec::new()));
        nested.insert(Yaml::String("int".into()), Yaml::Integer(-3));
        nested.insert(Yaml::String("bool".into()), Yaml::Boolean(true));
        nested.insert(Yaml::String("null".into()), Yaml::Null);
        nested.insert(
            Yaml::String("list".into()),
            Yaml::Array(vec![
                doc_of("a", "b"),
                Yaml::Array(vec![Yaml::Integer(1), doc_of("c", "d\ne\n")]),
                Yaml::String("s".into()),
            ]),
        );
        let mut outer = Hash::new();
        outer.insert(Yaml::String("nested".into()), Yaml::Hash(nested.clone()));
        outer.insert(
            Yaml::String("items".into()),
            Yaml::Array(vec![Yaml::Hash(nested)]),
        );
        docs.push(Yaml::Hash(outer));
        for doc in docs {
            let mut theirs = String::new();
            let mut emitter = yaml_rust2::YamlEmitter::new(&mut theirs);
            emitter.multiline_strings(true);
            emitter.dump(&doc).unwrap();
            let ours = emit(&doc);
            if own_quoting_anywhere(&doc, false) {
                // Only the scalars written by `quoted` may differ.
                assert!(
                    YamlLoader::load_from_str(&ours).unwrap() == vec![doc.clone()],
                    "{ours}\nvs\n{theirs}"
                );
            } else {
                assert_eq!(ours, theirs);
            }
        }
    }
}
