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

use indexmap::IndexMap;
use std::fmt::Write as _;
use std::ops::Range;

// ---------------------------------------------------------------------------------------------
// Writer
// ---------------------------------------------------------------------------------------------

/// Escapes a key so that `Properties.load` reads back exactly `key`.
///
/// Follows `Properties.store`: `\` doubled; space, `=`, `:`, `#`, `!` backslash-escaped
/// everywhere; `\t \n \r \f` as their escapes; every other character outside printable ASCII
/// `0x20..=0x7E` as `\uXXXX` (astral characters as a UTF-16 surrogate pair).
pub fn escape_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 8);
    escape_into(&mut out, key, true);
    out
}

/// Escapes a value so that `Properties.load` reads back exactly `value` when it follows `key=`.
///
/// Follows `Properties.store` for `\`, a leading space (`\ `), `\t \n \r \f` and non-printable
/// or non-ASCII characters (`\uXXXX`). `=`, `:`, `#` and `!` are harmless inside a value and
/// are left as they are for readability. A trailing space is written as `\u0020` so that no
/// line ends in whitespace (editors strip it, and airlift would trim it anyway).
pub fn escape_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    escape_into(&mut out, value, false);
    out
}

fn push_unicode_escape(out: &mut String, unit: u16) {
    // Infallible: writing to a String.
    let _ = write!(out, "\\u{unit:04X}");
}

fn escape_into(out: &mut String, s: &str, is_key: bool) {
    let last = s.char_indices().next_back().map(|(i, _)| i);
    for (i, c) in s.char_indices() {
        match c {
            '\\' => out.push_str("\\\\"),
            ' ' if !is_key && Some(i) == last => push_unicode_escape(out, 0x20),
            ' ' if is_key || i == 0 => out.push_str("\\ "),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\x0c' => out.push_str("\\f"),
            '=' | ':' | '#' | '!' if is_key => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    push_unicode_escape(out, *unit);
                }
            }
        }
    }
}

/// Renders `key=value` lines (each ended by `\n`), escaped with [`escape_key`] and
/// [`escape_value`]. Unlike `Properties.store` there is no timestamp comment, and entries keep
/// the given order.
pub fn render<K: AsRef<str>, V: AsRef<str>>(entries: impl IntoIterator<Item = (K, V)>) -> String {
    render_with_header(&[], entries)
}

/// Like [`render`], preceded by one `# ` comment line per element of `comment_lines`.
///
/// Comment text is sanitised: a line break inside an element (`\n`, `\r`, `\r\n`) starts a new
/// `# ` line instead of ending the comment, characters outside printable ASCII are written as
/// `\uXXXX` (as `Properties.store` does), and trailing spaces are dropped.
pub fn render_with_header<K: AsRef<str>, V: AsRef<str>>(
    comment_lines: &[&str],
    entries: impl IntoIterator<Item = (K, V)>,
) -> String {
    let mut out = String::new();
    for comment in comment_lines {
        for line in split_lines(comment) {
            let mut text = String::with_capacity(line.len());
            for c in line.chars() {
                if (' '..='~').contains(&c) {
                    text.push(c);
                } else {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        push_unicode_escape(&mut text, *unit);
                    }
                }
            }
            let text = text.trim_end_matches(' ');
            if text.is_empty() {
                out.push_str("#\n");
            } else {
                out.push_str("# ");
                out.push_str(text);
                out.push('\n');
            }
        }
    }
    for (key, value) in entries {
        escape_into(&mut out, key.as_ref(), true);
        out.push('=');
        escape_into(&mut out, value.as_ref(), false);
        out.push('\n');
    }
    out
}

/// Splits on `\n`, `\r` and `\r\n`; an empty string gives one empty line.
fn split_lines(s: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(&s[start..i]);
                start = i + 1;
            }
            b'\r' => {
                lines.push(&s[start..i]);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    lines.push(&s[start..]);
    lines
}

// ---------------------------------------------------------------------------------------------
// Reader
// ---------------------------------------------------------------------------------------------

/// A parsed properties text: every entry in source order (duplicates kept) and every error.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PropertiesFile {
    /// Entries in source order. Java keeps only the last of duplicate keys; see [`Self::get`].
    pub entries: Vec<Entry>,
    /// Problems Java would fail on (malformed `\uxxxx`) or silently mangle (unpaired
    /// surrogates), in source order.
    pub errors: Vec<ParseError>,
}

/// One `key=value` logical line.
///
/// Lines are 1-based and count `\n`, `\r` and `\r\n` as line ends. Columns are 1-based and
/// count Unicode scalar values (not bytes) from the start of the physical line. Spans are byte
/// offsets into the parsed text and cover the raw (still escaped) source, possibly across
/// continuation lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key, unescaped.
    pub key: String,
    /// The value, unescaped, with its trailing whitespace (Java keeps it; airlift trims later).
    pub value: String,
    /// Line of the key's first character: the first physical line of the logical line, except
    /// in the odd case of a logical line that starts with lines holding nothing but a
    /// continuation backslash.
    pub line: usize,
    /// Column of the key's first character.
    pub column: usize,
    /// Source bytes of the key (empty for an empty key, placed where the key would start).
    pub key_span: Range<usize>,
    /// Source bytes of the value (empty for an empty value, placed at the end of the line).
    pub value_span: Range<usize>,
    /// Line of `value_span.start`.
    pub value_line: usize,
    /// Column of `value_span.start`.
    pub value_column: usize,
}

/// A problem in the text, with its position (same conventions as [`Entry`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub span: Range<usize>,
}

impl PropertiesFile {
    /// The entry Java keeps for `key`: the last one.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().rev().find(|e| e.key == key)
    }

    /// Key to value as Java ends up with it: the last value of duplicate keys wins; keys are in
    /// the order of their first appearance.
    pub fn to_map(&self) -> IndexMap<String, String> {
        let mut map = IndexMap::with_capacity(self.entries.len());
        for e in &self.entries {
            map.insert(e.key.clone(), e.value.clone());
        }
        map
    }
}

/// Decodes bytes as ISO-8859-1, as `Properties.load(InputStream)` (and so Trino) does: every
/// byte is the code point of the same value. `parse(&decode_latin1(bytes))` is what Trino sees
/// of a file; spans then refer to the decoded string.
pub fn decode_latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Parses `text` with `java.util.Properties.load(Reader)` semantics (JDK 9 and later):
///
/// * logical lines: a physical line ending in an odd number of backslashes continues on the
///   next one, whose leading spaces, tabs and form feeds are skipped; line ends are `\n`, `\r`,
///   `\r\n`; a backslash ending the text is dropped;
/// * leading spaces, tabs, form feeds and blank lines are skipped; a logical line whose first
///   character is `#` or `!` is a comment (comment lines never continue);
/// * the key ends at the first unescaped `=`, `:`, space, tab or form feed; then whitespace and
///   at most one `=` or `:` are skipped; the rest of the line is the value, trailing whitespace
///   included;
/// * escapes: `\t \n \r \f`, `\uXXXX` (UTF-16 units; surrogate pairs are combined), and a
///   backslash before any other character yields that character.
///
/// Where Java throws (`Malformed \uxxxx encoding.`), this records a [`ParseError`], drops that
/// entry and goes on. An unpaired surrogate, which Java keeps in its (UTF-16) string, becomes
/// U+FFFD here and is reported as an error too, the entry being kept.
///
/// Never panics; runs in time linear in the length of `text`.
pub fn parse(text: &str) -> PropertiesFile {
    let index = LineIndex::new(text);
    let mut reader = LineReader {
        chars: text.char_indices().peekable(),
    };
    let mut file = PropertiesFile::default();
    let mut buf: Vec<(char, usize)> = Vec::new();

    while let Some(logical_start) = reader.read_line(&mut buf) {
        let limit = buf.len();
        let content_end = buf
            .last()
            .map_or(logical_start, |&(c, off)| off + c.len_utf8());

        // Key: up to the first unescaped separator.
        let mut key_len = 0;
        let mut value_start = limit;
        let mut has_sep = false;
        let mut preceding_backslash = false;
        while key_len < limit {
            let c = buf[key_len].0;
            if (c == '=' || c == ':') && !preceding_backslash {
                value_start = key_len + 1;
                has_sep = true;
                break;
            } else if (c == ' ' || c == '\t' || c == '\x0c') && !preceding_backslash {
                value_start = key_len + 1;
                break;
            }
            preceding_backslash = c == '\\' && !preceding_backslash;
            key_len += 1;
        }
        // Whitespace and at most one separator.
        while value_start < limit {
            let c = buf[value_start].0;
            if c != ' ' && c != '\t' && c != '\x0c' {
                if !has_sep && (c == '=' || c == ':') {
                    has_sep = true;
                } else {
                    break;
                }
            }
            value_start += 1;
        }

        let key_span = if key_len > 0 {
            let (c, off) = buf[key_len - 1];
            buf[0].1..off + c.len_utf8()
        } else {
            let at = buf.first().map_or(logical_start, |&(_, off)| off);
            at..at
        };
        let value_span = match buf.get(value_start) {
            Some(&(_, off)) => off..content_end,
            None => content_end..content_end,
        };

        let key = load_convert(&buf[..key_len], key_span.end, &index, &mut file.errors);
        let value = load_convert(
            &buf[value_start..],
            value_span.end,
            &index,
            &mut file.errors,
        );
        let (Some(key), Some(value)) = (key, value) else {
            continue;
        };
        let (line, column) = index.line_col(key_span.start);
        let (value_line, value_column) = index.line_col(value_span.start);
        file.entries.push(Entry {
            key,
            value,
            line,
            column,
            key_span,
            value_span,
            value_line,
            value_column,
        });
    }
    file
}

/// Line starts, for turning byte offsets into line and column.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex { text, starts }
    }

    /// 1-based line and column (in characters) of a byte offset.
    fn line_col(&self, offset: usize) -> (usize, usize) {
        let idx = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.starts.get(idx).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        (idx + 1, column + 1)
    }

    fn error(&self, message: String, span: Range<usize>) -> ParseError {
        let (line, column) = self.line_col(span.start);
        ParseError {
            message,
            line,
            column,
            span,
        }
    }
}

/// `Properties.LineReader.readLine`, keeping the source offset of every character.
struct LineReader<'a> {
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
}

impl LineReader<'_> {
    /// Reads the next logical line into `buf` (characters with their byte offsets, continuation
    /// backslashes and skipped whitespace removed). Returns the offset of the line's first
    /// character, or `None` at the end of the text. Like Java, a line may come back empty
    /// (a lone continuation backslash at the end of the text), which is an entry `"" = ""`.
    fn read_line(&mut self, buf: &mut Vec<(char, usize)>) -> Option<usize> {
        buf.clear();
        let mut start: Option<usize> = None;
        let mut skip_white_space = true;
        let mut appended_line_begin = false;
        let mut preceding_backslash = false;

        loop {
            let Some((off, c)) = self.chars.next() else {
                // End of text.
                if buf.is_empty() {
                    return None;
                }
                if preceding_backslash {
                    buf.pop();
                }
                return start;
            };

            if skip_white_space {
                if c == ' ' || c == '\t' || c == '\x0c' {
                    continue;
                }
                if !appended_line_begin && (c == '\r' || c == '\n') {
                    continue;
                }
                skip_white_space = false;
                appended_line_begin = false;
            }
            if buf.is_empty() && (c == '#' || c == '!') {
                // Comment: consume the rest of the physical line.
                loop {
                    match self.chars.next() {
                        None => return None,
                        Some((_, '\r' | '\n')) => break,
                        Some(_) => {}
                    }
                }
                skip_white_space = true;
                continue;
            }

            if c != '\n' && c != '\r' {
                if buf.is_empty() && start.is_none() {
                    start = Some(off);
                }
                buf.push((c, off));
                preceding_backslash = c == '\\' && !preceding_backslash;
            } else {
                // End of a physical line.
                if buf.is_empty() {
                    skip_white_space = true;
                    continue;
                }
                if self.chars.peek().is_none() {
                    if preceding_backslash {
                        buf.pop();
                    }
                    return start;
                }
                if preceding_backslash {
                    // The backslash is not part of the line; continue on the next one.
                    buf.pop();
                    skip_white_space = true;
                    appended_line_begin = true;
                    preceding_backslash = false;
                    if c == '\r' && matches!(self.chars.peek(), Some((_, '\n'))) {
                        self.chars.next();
                    }
                } else {
                    return start;
                }
            }
        }
    }
}

/// `Properties.loadConvert` on one segment (key or value) of a logical line. Returns `None`
/// (after recording an error) where Java throws. `segment_end` is the byte offset just after
/// the segment, for error spans.
fn load_convert(
    seg: &[(char, usize)],
    segment_end: usize,
    index: &LineIndex<'_>,
    errors: &mut Vec<ParseError>,
) -> Option<String> {
    let mut out = String::with_capacity(seg.len());
    // A high surrogate from a `\u` escape waiting for its low half: (unit, span).
    let mut pending_high: Option<(u16, Range<usize>)> = None;
    let mut reported = false;
    let mut lone_surrogate = |out: &mut String, errors: &mut Vec<ParseError>, unit: u16, span| {
        out.push(char::REPLACEMENT_CHARACTER);
        if !reported {
            reported = true;
            errors.push(index.error(
                format!(
                    "unpaired UTF-16 surrogate \\u{unit:04X}: Java keeps it as an invalid \
                     character (read here as U+FFFD)"
                ),
                span,
            ));
        }
    };

    let mut i = 0;
    while i < seg.len() {
        let (c, off) = seg[i];
        i += 1;
        if c != '\\' {
            if let Some((unit, span)) = pending_high.take() {
                lone_surrogate(&mut out, errors, unit, span);
            }
            out.push(c);
            continue;
        }
        let Some(&(escaped, _)) = seg.get(i) else {
            // Cannot happen (the line reader drops an odd trailing backslash); Java would
            // fail with an index error. Ignore the backslash.
            break;
        };
        i += 1;
        if escaped != 'u' {
            if let Some((unit, span)) = pending_high.take() {
                lone_surrogate(&mut out, errors, unit, span);
            }
            out.push(match escaped {
                't' => '\t',
                'r' => '\r',
                'n' => '\n',
                'f' => '\x0c',
                other => other,
            });
            continue;
        }
        if seg.len() - i < 4 {
            errors.push(
                index.error(
                    "malformed \\uxxxx encoding: fewer than 4 characters follow \\u \
                 (java.util.Properties.load fails with IllegalArgumentException)"
                        .to_string(),
                    off..segment_end,
                ),
            );
            return None;
        }
        let mut unit: u16 = 0;
        for &(h, hoff) in &seg[i..i + 4] {
            let Some(d) = h.to_digit(16) else {
                errors.push(index.error(
                    format!(
                        "malformed \\uxxxx encoding: {h:?} is not a hexadecimal digit \
                         (java.util.Properties.load fails with IllegalArgumentException)"
                    ),
                    off..hoff + h.len_utf8(),
                ));
                return None;
            };
            // d < 16, so this cannot overflow.
            unit = (unit << 4) | d as u16;
        }
        let (last, last_off) = seg[i + 3];
        let span = off..last_off + last.len_utf8();
        i += 4;
        match unit {
            0xD800..=0xDBFF => {
                if let Some((unit, span)) = pending_high.take() {
                    lone_surrogate(&mut out, errors, unit, span);
                }
                pending_high = Some((unit, span));
            }
            0xDC00..=0xDFFF => match pending_high.take() {
                Some((high, _)) => {
                    let code =
                        0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                    out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
                }
                None => lone_surrogate(&mut out, errors, unit, span),
            },
            _ => {
                if let Some((unit, span)) = pending_high.take() {
                    lone_surrogate(&mut out, errors, unit, span);
                }
                out.push(char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER));
            }
        }
    }
    if let Some((unit, span)) = pending_high.take() {
        lone_surrogate(&mut out, errors, unit, span);
    }
    Some(out)
}

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
