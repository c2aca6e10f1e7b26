//! Java `.properties` text, exactly as `java.util.Properties` reads and writes it.
//!
//! Trino (through airlift) reads `config.properties`, `node.properties`, `log.properties` and
//! every catalog file with `java.util.Properties.load(InputStream)`, i.e. as ISO-8859-1, with
//! the JDK 9+ `Properties.LineReader` / `loadConvert` rules. This module has both halves:
//!
//! * the writer ([`escape_key`], [`escape_value`], [`render`], [`render_with_header`]) emits
//!   pure printable ASCII (`0x20..=0x7E` plus `\n`), one physical line per entry, so the text
//!   means the same whatever encoding it is read with, and no key, value or comment can inject
//!   another property or comment;
//! * the reader ([`parse`]) reproduces `Properties.load(Reader)` on a Rust `&str`, keeping
//!   duplicates, source positions and errors, so a linter can point at things.
//!
//! Java keeps trailing whitespace of values; airlift's `loadPropertiesFrom` then trims every
//! value (`String.trim()`). This module does not trim: that is the caller's business.

mod read;
mod write;

pub use read::{decode_latin1, parse, Entry, ParseError, PropertiesFile};
pub use write::{escape_key, escape_value, render, render_with_header};

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        let file = parse(text);
        assert!(file.errors.is_empty(), "{:?}", file.errors);
        file.entries.into_iter().map(|e| (e.key, e.value)).collect()
    }

    fn p(k: &str, v: &str) -> (String, String) {
        (k.to_string(), v.to_string())
    }

    #[test]
    fn separators() {
        assert_eq!(pairs("a=b"), vec![p("a", "b")]);
        assert_eq!(pairs("a:b"), vec![p("a", "b")]);
        assert_eq!(pairs("a b"), vec![p("a", "b")]);
        assert_eq!(pairs("a \t = \t b"), vec![p("a", "b")]);
        assert_eq!(pairs("a = = b"), vec![p("a", "= b")]);
        assert_eq!(pairs("a  :=b"), vec![p("a", "=b")]);
        assert_eq!(pairs("a==b"), vec![p("a", "=b")]);
        assert_eq!(pairs("a b=c"), vec![p("a", "b=c")]);
        assert_eq!(pairs("a"), vec![p("a", "")]);
        assert_eq!(pairs("a="), vec![p("a", "")]);
        assert_eq!(pairs("=b"), vec![p("", "b")]);
        assert_eq!(pairs(":"), vec![p("", "")]);
        assert_eq!(pairs("a=b  \t"), vec![p("a", "b  \t")]);
        assert_eq!(pairs("\x0c a\x0cb"), vec![p("a", "b")]);
    }

    #[test]
    fn escapes() {
        assert_eq!(pairs(r"a\=b\:c\ d=e"), vec![p("a=b:c d", "e")]);
        assert_eq!(pairs(r"k=\t\n\r\f\\\x\ "), vec![p("k", "\t\n\r\x0c\\x ")]);
        assert_eq!(pairs(r"k=\u0041\u00e9\u20AC"), vec![p("k", "Aé€")]);
        assert_eq!(pairs(r"k=\ud83d\ude00"), vec![p("k", "😀")]);
        assert_eq!(pairs(r"\#k=\!v"), vec![p("#k", "!v")]);
        assert_eq!(pairs("k=\\b"), vec![p("k", "b")]);
        assert_eq!(pairs("k=é😀\0"), vec![p("k", "é😀\0")]);
    }

    #[test]
    fn comments_and_blank_lines() {
        let text = "# c\n  ! c2\n\n   \n\t#x=y\na=1\n#a=2\n";
        assert_eq!(pairs(text), vec![p("a", "1")]);
        // A comment line never continues.
        assert_eq!(pairs("# c \\\na=1"), vec![p("a", "1")]);
        // '#' not at the start of a logical line is ordinary.
        assert_eq!(pairs("a=#1\nb#=2"), vec![p("a", "#1"), p("b#", "2")]);
        assert_eq!(pairs("a=1\\\n#b"), vec![p("a", "1#b")]);
        // An empty continued line makes the next line's '#' start a comment (JDK 9+).
        assert_eq!(pairs("\\\n#c\\\nb=1"), vec![p("b", "1")]);
        assert_eq!(pairs("# only a comment"), vec![]);
    }

    #[test]
    fn continuations() {
        assert_eq!(pairs("a=1\\\n   2\\\n\t3"), vec![p("a", "123")]);
        assert_eq!(pairs("a=1\\\\\nb=2"), vec![p("a", "1\\"), p("b", "2")]);
        assert_eq!(pairs("a=1\\\\\\\n2"), vec![p("a", "1\\2")]);
        assert_eq!(pairs("a=1\\\r\n 2\r\nb=3"), vec![p("a", "12"), p("b", "3")]);
        assert_eq!(pairs("a=1\\\r 2\rb=3"), vec![p("a", "12"), p("b", "3")]);
        // A blank continuation line ends the logical line.
        assert_eq!(pairs("a=1\\\n\nb=2"), vec![p("a", "1"), p("b", "2")]);
        assert_eq!(pairs("a=1\\\n   \nb=2"), vec![p("a", "1"), p("b", "2")]);
        // Continuation inside the key.
        assert_eq!(pairs("ke\\\n  y=v"), vec![p("key", "v")]);
        // \u escape split over a continuation.
        assert_eq!(pairs("a=\\u00\\\n  41"), vec![p("a", "A")]);
    }

    #[test]
    fn end_of_text() {
        assert_eq!(pairs("a=1\\"), vec![p("a", "1")]);
        assert_eq!(pairs("a=1\\\n"), vec![p("a", "1")]);
        assert_eq!(pairs("a=1\\\r"), vec![p("a", "1")]);
        assert_eq!(pairs("\\"), vec![p("", "")]);
        assert_eq!(pairs("  \\\n"), vec![p("", "")]);
        assert_eq!(pairs("\\\n\n"), vec![]);
        assert_eq!(pairs(""), vec![]);
        assert_eq!(pairs("\n\r\n\r"), vec![]);
    }

    #[test]
    fn malformed_unicode_is_an_error_with_position() {
        let file = parse("a=1\nbad=x\\u12\nc=3\nk\\uZZZZ=v\n");
        assert_eq!(
            file.entries
                .iter()
                .map(|e| e.key.as_str())
                .collect::<Vec<_>>(),
            ["a", "c"]
        );
        assert_eq!(file.errors.len(), 2);
        let e = &file.errors[0];
        assert_eq!((e.line, e.column), (2, 6));
        assert_eq!(e.span, 9..13);
        let e = &file.errors[1];
        assert_eq!((e.line, e.column), (4, 2));
        assert_eq!(e.span, 19..22);
        // At the very end of the text.
        let file = parse("k=\\u12");
        assert!(file.entries.is_empty());
        assert_eq!(file.errors.len(), 1);
        // 'é' is not a hex digit even though it is alphabetic.
        assert_eq!(parse("k=\\u00é0").errors.len(), 1);
    }

    #[test]
    fn lone_surrogates_are_reported() {
        let file = parse("k=a\\uD800b\\uDC00\\uDC00");
        assert_eq!(file.entries[0].value, "a\u{FFFD}b\u{FFFD}\u{FFFD}");
        assert_eq!(file.errors.len(), 1);
        assert_eq!(file.errors[0].span, 3..9);
    }

    #[test]
    fn positions() {
        let text =
            "# c\r\n  key.one = value  \r\nk\\\n  2:\\\n   v\\u00e9\n\u{e9}\u{e9}=x\n\\\nz=1";
        let file = parse(text);
        assert!(file.errors.is_empty());
        let e = &file.entries[0];
        assert_eq!((e.key.as_str(), e.value.as_str()), ("key.one", "value  "));
        assert_eq!(
            (e.line, e.column, e.value_line, e.value_column),
            (2, 3, 2, 13)
        );
        assert_eq!(&text[e.key_span.clone()], "key.one");
        assert_eq!(&text[e.value_span.clone()], "value  ");
        let e = &file.entries[1];
        assert_eq!((e.key.as_str(), e.value.as_str()), ("k2", "vé"));
        assert_eq!(
            (e.line, e.column, e.value_line, e.value_column),
            (3, 1, 5, 4)
        );
        assert_eq!(&text[e.key_span.clone()], "k\\\n  2");
        assert_eq!(&text[e.value_span.clone()], "v\\u00e9");
        let e = &file.entries[2];
        assert_eq!(
            (e.line, e.column, e.value_line, e.value_column),
            (6, 1, 6, 4)
        );
        assert_eq!(&text[e.key_span.clone()], "éé");
        let e = &file.entries[3];
        assert_eq!(e.key, "z");
        assert_eq!((e.line, e.column), (8, 1));
        // Empty values sit at the end of the line.
        let file = parse("a=\nbb");
        assert_eq!(file.entries[0].value_span, 2..2);
        assert_eq!(file.entries[1].value_span, 5..5);
        assert_eq!(
            (file.entries[1].value_line, file.entries[1].value_column),
            (2, 3)
        );
    }

    #[test]
    fn duplicates_get_and_map() {
        let file = parse("a=1\nb=2\na=3\n");
        assert_eq!(file.entries.len(), 3);
        assert_eq!(file.get("a").map(|e| e.line), Some(3));
        assert_eq!(file.get("a").map(|e| e.value.as_str()), Some("3"));
        assert!(file.get("c").is_none());
        let map = file.to_map();
        assert_eq!(
            map.into_iter().collect::<Vec<_>>(),
            vec![p("a", "3"), p("b", "2")]
        );
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_key("a b=c:d#e!f\\g"), r"a\ b\=c\:d\#e\!f\\g");
        assert_eq!(escape_key(" #"), r"\ \#");
        assert_eq!(escape_value(" a=b:c#d!e "), r"\ a=b:c#d!e\u0020");
        assert_eq!(escape_value("  x  "), r"\  x \u0020");
        assert_eq!(escape_value(" "), r"\u0020");
        assert_eq!(
            escape_value("\t\n\r\x0c\x0b\0\x7f"),
            r"\t\n\r\f\u000B\u0000\u007F"
        );
        assert_eq!(escape_value("é€😀"), r"\u00E9\u20AC\uD83D\uDE00");
        assert_eq!(escape_value("${ENV:X}"), "${ENV:X}");
        assert_eq!(escape_value(""), "");
    }

    #[test]
    fn rendering() {
        let text = render([("a", "1"), ("b c", " 2 "), ("", "")]);
        assert_eq!(text, "a=1\nb\\ c=\\ 2\\u0020\n=\n");
        let text = render_with_header(
            &["Generated\nby trinocfg", "", "x\r\n# y \r!z é"],
            [("k", "v")],
        );
        assert_eq!(
            text,
            "# Generated\n# by trinocfg\n#\n# x\n# # y\n# !z \\u00E9\nk=v\n"
        );
        assert_eq!(parse(&text).to_map().len(), 1);
    }

    #[test]
    fn round_trip_hostile() {
        let hostile = [
            "",
            " ",
            "a=b\nc=d",
            "a=b\rc=d",
            "x\\",
            "\\",
            "#",
            "!x",
            " = : ",
            "\t lead",
            "trail \t ",
            "\\u0041",
            "é😀\u{10FFFF}\0\x7f\u{85}\u{2028}",
            "${ENV:X}",
        ];
        for k in hostile {
            for v in hostile {
                let text = render([(k, v)]);
                assert!(text
                    .bytes()
                    .all(|b| b == b'\n' || (0x20..0x7f).contains(&b)));
                assert_eq!(text.matches('\n').count(), 1);
                assert!(!text.trim_end_matches('\n').ends_with([' ', '\t']));
                assert_eq!(pairs(&text), vec![p(k, v)], "{text:?}");
            }
        }
    }

    #[test]
    fn hostile_input_never_panics() {
        let inputs = [
            "\\",
            "\\\\",
            "\\\r",
            "\\\r\n",
            "\\u",
            "\\u1",
            "k=\\u12",
            "\\\n\\\n\\",
            "\0\0=\0",
            "\r\r\r",
            "#",
            "!\\",
            "=",
            "\u{feff}a=b",
            "a\\\n",
            " \\\n #",
        ];
        for input in inputs {
            let _ = parse(input);
        }
        let big = format!("k={}\\\n{}", "x".repeat(200_000), "\\u0041 ".repeat(50_000));
        let file = parse(&big);
        assert_eq!(file.entries.len(), 1);
        let many = "\\uD800".repeat(100_000);
        let file = parse(&format!("k={many}\n{many}"));
        assert_eq!(file.errors.len(), 2);
    }

    #[test]
    fn latin1() {
        assert_eq!(decode_latin1(b"a=\xe9\x80"), "a=\u{e9}\u{80}");
    }
}
