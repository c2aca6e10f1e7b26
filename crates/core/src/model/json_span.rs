//! Where a part of a JSON text is: the byte span of the value at a JSON Pointer
//! (`/rootGroups/0/subGroups/1`), and of one member's key, found by scanning the text.
//!
//! The scanner only skips over values; it expects text `serde_json` has read without error and
//! returns `None` wherever the text does not have the shape the pointer asks for.

use std::ops::Range;

/// The span of the value at `pointer` in `text`, and, when `key` is given, the span of that
/// member of the object at `pointer` (from its key to the end of its value).
pub fn span_at(text: &str, pointer: &str, key: Option<&str>) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut at = skip_ws(bytes, 0);
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        at = child(bytes, at, &segment)?.1;
    }
    match key {
        Some(k) => child(bytes, at, k).map(|(start, value)| start..skip_value(bytes, value)),
        None => Some(at..skip_value(bytes, at)),
    }
}

/// The member `segment` of the object at `at` (its key's start and its value's start), or the
/// element of that index of the array at `at` (its start, twice).
fn child(bytes: &[u8], at: usize, segment: &str) -> Option<(usize, usize)> {
    match bytes.get(at)? {
        b'{' => {
            let mut i = skip_ws(bytes, at + 1);
            while bytes.get(i) == Some(&b'"') {
                let key_end = skip_string(bytes, i);
                let name = string_text(bytes.get(i..key_end)?)?;
                let colon = skip_ws(bytes, key_end);
                if bytes.get(colon) != Some(&b':') {
                    return None;
                }
                let value = skip_ws(bytes, colon + 1);
                if name == segment {
                    return Some((i, value));
                }
                i = skip_ws(bytes, skip_value(bytes, value));
                if bytes.get(i) == Some(&b',') {
                    i = skip_ws(bytes, i + 1);
                }
            }
            None
        }
        b'[' => {
            let wanted: usize = segment.parse().ok()?;
            let mut i = skip_ws(bytes, at + 1);
            let mut index = 0;
            while i < bytes.len() && bytes[i] != b']' {
                if index == wanted {
                    return Some((i, i));
                }
                i = skip_ws(bytes, skip_value(bytes, i));
                if bytes.get(i) == Some(&b',') {
                    i = skip_ws(bytes, i + 1);
                }
                index += 1;
            }
            None
        }
        _ => None,
    }
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// The end of the string starting at `i` (just past its closing quote).
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    i += 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The text of the JSON string `token` (quotes included) with its escapes decoded, as
/// `serde_json` reads it; `None` when it is not a well-formed JSON string.
fn string_text(token: &[u8]) -> Option<String> {
    let inner = token.strip_prefix(b"\"")?.strip_suffix(b"\"")?;
    let mut chars = std::str::from_utf8(inner).ok()?.chars();
    let mut out = String::with_capacity(inner.len());
    while let Some(c) = chars.next() {
        out.push(match c {
            '\\' => match chars.next()? {
                c @ ('"' | '\\' | '/') => c,
                'b' => '\u{8}',
                'f' => '\u{c}',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'u' => match hex4(&mut chars)? {
                    // A UTF-16 surrogate pair, written as two escapes.
                    high @ 0xD800..=0xDBFF => {
                        if (chars.next()?, chars.next()?) != ('\\', 'u') {
                            return None;
                        }
                        let low = hex4(&mut chars)?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return None;
                        }
                        char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))?
                    }
                    unit => char::from_u32(unit)?,
                },
                _ => return None,
            },
            c if c < ' ' || c == '"' => return None,
            c => c,
        });
    }
    Some(out)
}

/// Four hexadecimal digits of a `\u` escape.
fn hex4(chars: &mut std::str::Chars<'_>) -> Option<u32> {
    (0..4).try_fold(0, |n, _| Some(n * 16 + chars.next()?.to_digit(16)?))
}

/// The end of the value starting at `i`.
fn skip_value(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(b'"') => skip_string(bytes, i),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut j = i;
            while let Some(&b) = bytes.get(j) {
                match b {
                    b'"' => {
                        j = skip_string(bytes, j);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return j + 1;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            bytes.len()
        }
        Some(_) => {
            let mut j = i;
            while bytes
                .get(j)
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
            {
                j += 1;
            }
            j
        }
        None => i,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"{
  "rootGroups": [
    {"name": "global", "hardConcurrencyLimit": 60,
     "subGroups": [
       {"name": "a\"b", "hardConcurrencyLimit": 5},
       {"name": "etl", "hardConcurrencyLimit": 0, "tags": ["x]", {"y": "}"}]}
     ]}
  ],
  "selectors": [{"group": "global.etl"}]
}"#;

    fn at<'a>(pointer: &str, key: Option<&str>) -> Option<&'a str> {
        span_at(TEXT, pointer, key).map(|r| &TEXT[r])
    }

    #[test]
    fn finds_values_and_members_by_pointer() {
        assert_eq!(
            at("/rootGroups/0/subGroups/1", Some("hardConcurrencyLimit")),
            Some("\"hardConcurrencyLimit\": 0")
        );
        assert_eq!(
            at("/rootGroups/0", Some("hardConcurrencyLimit")),
            Some("\"hardConcurrencyLimit\": 60")
        );
        assert_eq!(
            at("/rootGroups/0/subGroups/0/name", None),
            Some(r#""a\"b""#)
        );
        assert_eq!(at("/selectors/0", None), Some(r#"{"group": "global.etl"}"#));
        assert_eq!(
            at("/rootGroups/0/subGroups/1/tags/1/y", None),
            Some(r#""}""#)
        );
        assert_eq!(at("", None).map(str::len), Some(TEXT.len()));
    }

    #[test]
    fn keys_are_read_with_their_escapes() {
        let text = r#"{"a\u00e9\n\"": {"\ud83d\ude00/\/": 1}}"#;
        let at = |pointer| span_at(text, pointer, None).map(|r| &text[r]);
        assert_eq!(at("/a\u{e9}\n\"/\u{1f600}~1~1"), Some("1"));
        assert_eq!(at("/a\u{e9}\n\"/\u{1f600}~1"), None);
        for bad in [
            r#""\x""#,
            r#""\ud83d""#,
            r#""\ud83d\u0041""#,
            r#""\udc00""#,
            // U+015C and U+0175: their low bytes are `\` and `u`, which must not pass for them.
            "\"\\ud83d\u{15c}\u{175}de00\"",
            "\"a",
            "\"\t\"",
        ] {
            assert_eq!(string_text(bad.as_bytes()), None, "{bad}");
        }
    }

    proptest::proptest! {
        /// Any string, written by serde_json or with every character as `\u` escapes, reads
        /// back as serde_json reads it.
        #[test]
        fn string_text_reads_what_serde_json_reads(s in "\\PC*", escaped in proptest::bool::ANY) {
            let token = if escaped {
                let mut token = String::from("\"");
                for unit in s.encode_utf16() {
                    token.push_str(&format!("\\u{unit:04x}"));
                }
                token + "\""
            } else {
                serde_json::to_string(&s).unwrap()
            };
            let expected: String = serde_json::from_str(&token).unwrap();
            proptest::prop_assert_eq!(string_text(token.as_bytes()), Some(expected));
        }
    }

    #[test]
    fn misses_are_none() {
        assert_eq!(at("/rootGroups/1", None), None);
        assert_eq!(at("/rootGroups/x", None), None);
        assert_eq!(at("/nothing", None), None);
        assert_eq!(at("/selectors/0", Some("user")), None);
        assert_eq!(span_at("[1, 2", "/5", None), None);
        assert_eq!(span_at("", "/a", None), None);
    }
}
