//! The reader: `java.util.Properties.load(Reader)` with positions and errors.

use indexmap::IndexMap;
use std::ops::Range;

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
    /// What is wrong.
    pub message: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Source bytes.
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
            unit = (unit << 4) | u16::try_from(d).unwrap_or(0);
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
