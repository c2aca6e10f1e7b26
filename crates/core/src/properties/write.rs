//! The writer: printable ASCII, one physical line per entry.

use std::fmt::Write as _;

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
