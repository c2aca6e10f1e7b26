//! Input text: the one size limit for every input, bytes decoded into text, and what kind of
//! input a text is.
//!
//! Specs, Kubernetes YAML and Kafka table descriptions are Unicode text: UTF-8 with or without
//! a byte-order mark, and UTF-16 or UTF-32 (recognised by their byte-order mark, or by the NUL
//! bytes that ASCII characters leave in them) are decoded by [`decode`]; binary data and
//! invalid UTF-8 are refused, naming the offset of the first bad byte. Trino reads its
//! `.properties` files and `jvm.config` byte by byte, so [`decode_trino_file`] reads them as
//! Trino does and refuses what Trino would misread.
//!
//! Everything here is pure: reading files and standard input is the caller's business. A
//! caller reads at most [`MAX_INPUT_BYTES`] + 1 bytes of any input, so that an input over the
//! limit is refused without being held in memory.

use std::borrow::Cow;
use std::fmt;

use crate::units::human_bytes;

/// Largest input accepted, in bytes, before and after decoding: specs, Kubernetes YAML
/// streams, etc/ files and standard input alike. The spec reader enforces the same limit.
pub const MAX_INPUT_BYTES: usize = crate::spec::MAX_SPEC_BYTES;

/// How many leading bytes are looked at to recognise UTF-16 and UTF-32 without a byte-order
/// mark.
const SAMPLE: usize = 4096;

/// A Unicode encoding form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// UTF-8.
    Utf8,
    /// UTF-16, least significant byte first.
    Utf16Le,
    /// UTF-16, most significant byte first.
    Utf16Be,
    /// UTF-32, least significant byte first.
    Utf32Le,
    /// UTF-32, most significant byte first.
    Utf32Be,
}

impl Encoding {
    /// The usual name: `UTF-16LE`.
    pub const fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Utf32Le => "UTF-32LE",
            Encoding::Utf32Be => "UTF-32BE",
        }
    }

    /// Bytes per code unit.
    const fn unit(self) -> usize {
        match self {
            Encoding::Utf8 => 1,
            Encoding::Utf16Le | Encoding::Utf16Be => 2,
            Encoding::Utf32Le | Encoding::Utf32Be => 4,
        }
    }
}

/// Text decoded by [`decode`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text, without a byte-order mark; borrowed when the input was UTF-8.
    pub text: Cow<'a, str>,
    /// The encoding the bytes were in.
    pub encoding: Encoding,
    /// Whether the bytes began with a byte-order mark.
    pub byte_order_mark: bool,
}

/// Why bytes were not accepted as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// More than [`MAX_INPUT_BYTES`] bytes, before or after decoding (`bytes` is how many were
    /// seen, possibly only the limit + 1).
    TooLarge {
        /// Bytes seen.
        bytes: usize,
    },
    /// Not text at all.
    Binary {
        /// What the bytes look like: `binary data`, `gzip-compressed data`, ...
        what: &'static str,
        /// Offset of the first byte that text does not hold (0 for a file signature).
        offset: usize,
        /// That byte.
        byte: u8,
    },
    /// Neither valid UTF-8 nor UTF-16 or UTF-32: most likely ISO-8859-1 or Windows-1252.
    InvalidUtf8 {
        /// Offset of the first byte that is not valid UTF-8.
        offset: usize,
        /// That byte.
        byte: u8,
        /// Its line, from 1.
        line: usize,
    },
    /// UTF-16 or UTF-32 that does not decode: an unpaired surrogate, a value above U+10FFFF,
    /// or a last code unit cut short.
    InvalidUnicode {
        /// The encoding recognised.
        encoding: Encoding,
        /// Offset of the code unit that does not decode.
        offset: usize,
    },
    /// A file that Trino reads byte by byte (`.properties`, `jvm.config`) holds a byte-order
    /// mark or is UTF-16 or UTF-32: Trino would read the mark into the first key or option, or
    /// NUL bytes into every one.
    NotForTrino {
        /// The encoding recognised.
        encoding: Encoding,
        /// Whether the file begins with a byte-order mark.
        byte_order_mark: bool,
    },
}

impl DecodeError {
    /// The problem, as a sentence whose subject is `origin` (a file name, `<stdin>`).
    pub fn message(&self, origin: &str) -> String {
        match self {
            DecodeError::TooLarge { .. } => format!(
                "{origin} is larger than {}, the limit for every input",
                human_bytes(MAX_INPUT_BYTES as u64)
            ),
            DecodeError::Binary { what, offset, byte } => {
                if *what == BINARY {
                    format!(
                        "{origin} looks like binary data, not text (byte 0x{byte:02X} at offset {offset})"
                    )
                } else {
                    format!("{origin} looks like {what}, not text (it starts with that signature)")
                }
            }
            DecodeError::InvalidUtf8 { offset, byte, line } => format!(
                "{origin} is not UTF-8 text: byte 0x{byte:02X} at offset {offset} (line {line}) is not valid UTF-8"
            ),
            DecodeError::InvalidUnicode { encoding, offset } => format!(
                "{origin} is {} text, but the code unit at offset {offset} is not valid {}",
                encoding.name(),
                encoding.name()
            ),
            DecodeError::NotForTrino {
                encoding: Encoding::Utf8,
                ..
            } => format!(
                "{origin} starts with a UTF-8 byte-order mark, which Trino reads as part of the first key or option"
            ),
            DecodeError::NotForTrino { encoding, .. } => format!(
                "{origin} is {} text; Trino reads this file byte by byte and would see NUL bytes in every key",
                encoding.name()
            ),
        }
    }

    /// How to fix it.
    pub fn help(&self) -> String {
        match self {
            DecodeError::TooLarge { .. } => {
                "split it into smaller files, or remove generated bulk from it".into()
            }
            DecodeError::Binary { what, .. } => match *what {
                GZIP | XZ | ZSTD | BZIP2 => "decompress it first".into(),
                ZIP => "unpack the archive and give one of its files".into(),
                _ => "give a text file: a TOML spec, a Kubernetes YAML stream, or a Trino etc/ directory".into(),
            },
            DecodeError::InvalidUtf8 { .. } => {
                "save it as UTF-8; from ISO-8859-1 or Windows-1252: `iconv -f WINDOWS-1252 -t UTF-8`"
                    .into()
            }
            DecodeError::InvalidUnicode { encoding, .. } => format!(
                "the file is damaged or not {}; save it as UTF-8",
                encoding.name()
            ),
            DecodeError::NotForTrino {
                encoding: Encoding::Utf8,
                ..
            } => "save it without the byte-order mark".into(),
            DecodeError::NotForTrino { encoding, .. } => format!(
                "save it as ASCII or UTF-8 without a byte-order mark: `iconv -f {} -t UTF-8`",
                encoding.name()
            ),
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; {}", self.message("the input"), self.help())
    }
}

impl std::error::Error for DecodeError {}

const BINARY: &str = "binary data";
const GZIP: &str = "gzip-compressed data";
const XZ: &str = "xz-compressed data";
const ZSTD: &str = "zstd-compressed data";
const BZIP2: &str = "bzip2-compressed data";
const ZIP: &str = "a zip or jar archive";

/// File signatures that no text starts with.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x1f\x8b", GZIP),
    (b"\xfd7zXZ\x00", XZ),
    (b"\x28\xb5\x2f\xfd", ZSTD),
    (b"BZh91AY&SY", BZIP2),
    (b"PK\x03\x04", ZIP),
    (b"PK\x05\x06", ZIP),
    (b"\x7fELF", "an executable (ELF)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (
        b"\xca\xfe\xba\xbe",
        "a Java class file or Mach-O executable",
    ),
];

/// Byte-order marks, longest first (the UTF-32LE mark begins with the UTF-16LE one).
const MARKS: &[(&[u8], Encoding)] = &[
    (b"\xff\xfe\x00\x00", Encoding::Utf32Le),
    (b"\x00\x00\xfe\xff", Encoding::Utf32Be),
    (b"\xef\xbb\xbf", Encoding::Utf8),
    (b"\xff\xfe", Encoding::Utf16Le),
    (b"\xfe\xff", Encoding::Utf16Be),
];

/// The encoding of `bytes` and the length of its byte-order mark (0 without one): a mark
/// decides; else UTF-16 or UTF-32 when the NUL bytes fall where ASCII characters put them in
/// one of those; else UTF-8.
pub fn detect(bytes: &[u8]) -> (Encoding, usize) {
    for (mark, encoding) in MARKS {
        // FF FE 00 00 is also the UTF-16LE mark before a NUL character.
        let fits = *encoding != Encoding::Utf32Le || bytes.len() % 4 == 0;
        if fits && bytes.starts_with(mark) {
            return (*encoding, mark.len());
        }
    }
    (wide_without_mark(bytes).unwrap_or(Encoding::Utf8), 0)
}

fn wide_without_mark(bytes: &[u8]) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    if !sample.contains(&0) {
        return None;
    }
    // UTF-32: every unit holds a code point of at most U+10FFFF and is not NUL, and at least
    // a quarter of them are ASCII or Latin-1.
    let units: Vec<[u8; 4]> = sample
        .chunks_exact(4)
        .map(|u| [u[0], u[1], u[2], u[3]])
        .collect();
    let n = units.len();
    let le = units
        .iter()
        .all(|u| u[3] == 0 && u[2] <= 0x10 && u[..3] != [0, 0, 0])
        && units.iter().filter(|u| u[1] == 0 && u[2] == 0).count() * 4 >= n;
    let be = units
        .iter()
        .all(|u| u[0] == 0 && u[1] <= 0x10 && u[1..] != [0, 0, 0])
        && units.iter().filter(|u| u[1] == 0 && u[2] == 0).count() * 4 >= n;
    if n > 0 && le {
        return Some(Encoding::Utf32Le);
    }
    if n > 0 && be {
        return Some(Encoding::Utf32Be);
    }
    // UTF-16: at least a quarter of the units are ASCII or Latin-1 (a NUL high byte), and a
    // NUL low byte is rare in comparison.
    let mut low_first = 0usize;
    let mut high_first = 0usize;
    let pairs = sample.chunks_exact(2);
    let n = pairs.len();
    for p in pairs {
        match (p[0], p[1]) {
            (0, 0) => {}
            (_, 0) => low_first += 1,
            (0, _) => high_first += 1,
            _ => {}
        }
    }
    if low_first * 4 >= n && high_first * 10 <= low_first {
        Some(Encoding::Utf16Le)
    } else if high_first * 4 >= n && low_first * 10 <= high_first {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// The first byte that says `bytes` are not text: a NUL byte, or any control character when
/// more than 1 byte in 100 is a control character other than tab, line feed, form feed and
/// carriage return.
fn binary_byte(bytes: &[u8]) -> Option<(usize, u8)> {
    let is_control = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r');
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Some((at, 0));
    }
    let controls = bytes.iter().filter(|&&b| is_control(b)).count();
    if controls > 0 && controls * 100 > bytes.len() {
        let at = bytes.iter().position(|&b| is_control(b))?;
        return Some((at, bytes[at]));
    }
    None
}

fn signature(bytes: &[u8]) -> Option<DecodeError> {
    SIGNATURES
        .iter()
        .find(|(sig, _)| bytes.starts_with(sig))
        .map(|(_, what)| DecodeError::Binary {
            what,
            offset: 0,
            byte: bytes[0],
        })
}

fn binary(offset: usize, byte: u8) -> DecodeError {
    DecodeError::Binary {
        what: BINARY,
        offset,
        byte,
    }
}

/// Decodes the bytes of a spec, a Kubernetes YAML stream or a JSON file: UTF-8 with or without
/// a byte-order mark (the mark is dropped), UTF-16 or UTF-32 with a mark or recognised by its
/// NUL bytes. Binary data, invalid UTF-8 and input over [`MAX_INPUT_BYTES`] are refused.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(DecodeError::TooLarge { bytes: bytes.len() });
    }
    let (encoding, mark) = detect(bytes);
    if mark == 0 {
        if let Some(e) = signature(bytes) {
            return Err(e);
        }
    }
    let body = &bytes[mark..];
    let text: Cow<'_, str> = match encoding {
        Encoding::Utf8 => match std::str::from_utf8(body) {
            Ok(text) => Cow::Borrowed(text),
            Err(e) => {
                if let Some((offset, byte)) = binary_byte(body) {
                    return Err(binary(mark + offset, byte));
                }
                let offset = e.valid_up_to();
                return Err(DecodeError::InvalidUtf8 {
                    offset: mark + offset,
                    byte: body[offset],
                    line: body[..offset].split(|&b| b == b'\n').count(),
                });
            }
        },
        wide => Cow::Owned(decode_wide(body, wide, mark)?),
    };
    if text.len() > MAX_INPUT_BYTES {
        return Err(DecodeError::TooLarge { bytes: text.len() });
    }
    if let Some((at, byte)) = binary_byte(text.as_bytes()) {
        // The offset in the input: of the byte for UTF-8, of the code unit for the others.
        let before = &text[..at];
        let offset = mark
            + match encoding.unit() {
                1 => at,
                2 => before.chars().map(char::len_utf16).sum::<usize>() * 2,
                _ => before.chars().count() * 4,
            };
        return Err(binary(offset, byte));
    }
    Ok(Decoded {
        text,
        encoding,
        byte_order_mark: mark > 0,
    })
}

/// Decodes UTF-16 or UTF-32 `body`, which follows a byte-order mark of `mark` bytes.
fn decode_wide(body: &[u8], encoding: Encoding, mark: usize) -> Result<String, DecodeError> {
    let unit = encoding.unit();
    let invalid = |at: usize| DecodeError::InvalidUnicode {
        encoding,
        offset: mark + at,
    };
    let mut text = String::with_capacity(body.len() / unit);
    let whole = body.len() / unit * unit;
    if unit == 2 {
        let units = body[..whole].chunks_exact(2).map(|p| match encoding {
            Encoding::Utf16Be => u16::from_be_bytes([p[0], p[1]]),
            _ => u16::from_le_bytes([p[0], p[1]]),
        });
        let mut at = 0;
        for c in char::decode_utf16(units) {
            let c = c.map_err(|_| invalid(at))?;
            at += c.len_utf16() * 2;
            text.push(c);
        }
    } else {
        for (i, u) in body[..whole].chunks_exact(4).enumerate() {
            let value = match encoding {
                Encoding::Utf32Be => u32::from_be_bytes([u[0], u[1], u[2], u[3]]),
                _ => u32::from_le_bytes([u[0], u[1], u[2], u[3]]),
            };
            text.push(char::from_u32(value).ok_or_else(|| invalid(i * 4))?);
        }
    }
    if whole < body.len() {
        return Err(invalid(whole));
    }
    Ok(text)
}

/// Decodes an etc/ file that Trino reads byte by byte: a `.properties` file (ISO-8859-1, as
/// `java.util.Properties.load(InputStream)` reads it) or `jvm.config`. UTF-8 text is kept as
/// UTF-8, anything else is read as ISO-8859-1. A byte-order mark, UTF-16, UTF-32 and binary
/// data are refused: Trino would read them into its keys.
pub fn decode_trino_file(bytes: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(DecodeError::TooLarge { bytes: bytes.len() });
    }
    let (encoding, mark) = detect(bytes);
    if mark > 0 || encoding != Encoding::Utf8 {
        return Err(DecodeError::NotForTrino {
            encoding,
            byte_order_mark: mark > 0,
        });
    }
    if let Some(e) = signature(bytes) {
        return Err(e);
    }
    if let Some((offset, byte)) = binary_byte(bytes) {
        return Err(binary(offset, byte));
    }
    Ok(match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => Cow::Owned(crate::properties::decode_latin1(bytes)),
    })
}

/// What a text looks like, from its first lines: which reader it is for, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputKind {
    /// Nothing but blank lines and comments.
    Empty,
    /// TOML: a table header, or `key = value` lines whose values are TOML values.
    Spec,
    /// YAML or JSON holding Kubernetes objects (`apiVersion` or `kind` at `line`).
    Kubernetes {
        /// The first line naming `apiVersion` or `kind`, from 1.
        line: usize,
    },
    /// YAML without any Kubernetes object: Helm values, a compose file, ...
    Yaml {
        /// The first line that says anything, from 1.
        line: usize,
    },
    /// JSON without any Kubernetes object.
    Json {
        /// The first line that says anything, from 1.
        line: usize,
    },
    /// A Java properties file: `key=value` lines, one of whose values is no TOML value.
    Properties {
        /// The first line whose value is no TOML value, from 1.
        line: usize,
    },
    /// JVM options, one per line (`jvm.config`).
    JvmConfig {
        /// The first line that says anything, from 1.
        line: usize,
    },
    /// None of the above.
    Unknown {
        /// The first line that says anything, from 1.
        line: usize,
    },
}

impl InputKind {
    /// What the input looks like, to follow "looks like": `Kubernetes YAML (`apiVersion` on
    /// line 3)`. Quotes no content of the input, which may hold a secret.
    pub fn describe(self) -> String {
        match self {
            InputKind::Empty => "an empty file (nothing but blank lines and comments)".into(),
            InputKind::Spec => "a TOML spec".into(),
            InputKind::Kubernetes { line } => {
                format!("Kubernetes YAML (`apiVersion` or `kind` on line {line})")
            }
            InputKind::Yaml { line } => format!(
                "YAML without any Kubernetes object (a mapping or list from line {line}, no `apiVersion` or `kind`)"
            ),
            InputKind::Json { line } => format!(
                "JSON without any Kubernetes object (from line {line}, no `apiVersion` or `kind`)"
            ),
            InputKind::Properties { line } => format!(
                "a Java properties file (line {line} is `key=value` with a value that is not TOML)"
            ),
            InputKind::JvmConfig { line } => {
                format!("JVM options, one per line, as in jvm.config (from line {line})")
            }
            InputKind::Unknown { line } => format!(
                "text of no known kind (line {line} is neither TOML, YAML, JSON nor properties)"
            ),
        }
    }
}

/// Tells what `text` looks like from its first line that is neither blank nor a `#` comment:
/// a TOML table header or `key = value` means a spec (or a properties file, when a value is no
/// TOML value and no table header follows); YAML (`key:`, `- item`, `---`) or JSON (`{`) means
/// Kubernetes objects when a line names `apiVersion` or `kind`, else other YAML or JSON.
pub fn sniff(text: &str) -> InputKind {
    let mut lines = significant_lines(text);
    let Some((line, first)) = lines.next() else {
        return InputKind::Empty;
    };
    let kubernetes = || {
        significant_lines(text)
            .find(|(_, l)| names_kubernetes_field(l))
            .map(|(line, _)| InputKind::Kubernetes { line })
    };
    if table_header(first) {
        return InputKind::Spec;
    }
    if first.starts_with('{') || first == "[" || first.starts_with("[{") || first == "[]" {
        return kubernetes().unwrap_or(InputKind::Json { line });
    }
    if first == "---"
        || first.starts_with("--- ")
        || first.starts_with("%YAML")
        || first == "-"
        || first.starts_with("- ")
    {
        return kubernetes().unwrap_or(InputKind::Yaml { line });
    }
    if first.starts_with('-') {
        return if significant_lines(text).all(|(_, l)| l.starts_with('-')) {
            InputKind::JvmConfig { line }
        } else {
            InputKind::Unknown { line }
        };
    }
    match key_line(first) {
        Some(Separator::Colon) => kubernetes().unwrap_or(InputKind::Yaml { line }),
        Some(Separator::Equals) => {
            let mut properties = None;
            for (n, l) in significant_lines(text) {
                if table_header(l) {
                    return InputKind::Spec;
                }
                if properties.is_none() {
                    if let Some(value) = equals_value(l) {
                        if !toml_value_like(value) {
                            properties = Some(n);
                        }
                    }
                }
            }
            properties.map_or(InputKind::Spec, |line| InputKind::Properties { line })
        }
        None => InputKind::Unknown { line },
    }
}

/// `(line number from 1, trimmed line)` of every line that is neither blank nor a comment.
fn significant_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

/// `apiVersion:` or `kind:`, also as `- apiVersion:`, `{apiVersion:` or `"apiVersion":`.
fn names_kubernetes_field(line: &str) -> bool {
    let l = line.trim_start_matches(['-', '{', ' ', '\t']);
    ["apiVersion", "kind"].iter().any(|field| {
        let rest = l
            .strip_prefix('"')
            .and_then(|r| r.strip_prefix(field))
            .and_then(|r| r.strip_prefix('"'))
            .or_else(|| l.strip_prefix(field));
        rest.is_some_and(|r| r.trim_start().starts_with(':'))
    })
}

/// `[table]` or `[[array.of.tables]]`, with an optional trailing comment.
fn table_header(line: &str) -> bool {
    let line = match line.find(" #") {
        Some(at) if !line[..at].contains(['"', '\'']) => line[..at].trim_end(),
        _ => line,
    };
    let inner = line
        .strip_prefix("[[")
        .and_then(|l| l.strip_suffix("]]"))
        .or_else(|| line.strip_prefix('[').and_then(|l| l.strip_suffix(']')));
    inner.is_some_and(|k| {
        let k = k.trim();
        !k.is_empty()
            && k.chars().all(|c| {
                c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | '\'' | ' ')
            })
    })
}

enum Separator {
    Equals,
    Colon,
}

/// A line that starts with a key: dotted parts, each bare (letters, digits, `_ - /`) or
/// quoted, then `=` (TOML, properties) or `:` (YAML).
fn key_line(line: &str) -> Option<Separator> {
    let mut rest = line;
    loop {
        rest = rest.trim_start();
        if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let end = rest[1..].find(q)?;
            rest = &rest[end + 2..];
        } else {
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/')))
                .unwrap_or(rest.len());
            if end == 0 {
                return None;
            }
            rest = &rest[end..];
        }
        rest = rest.trim_start();
        match rest.chars().next() {
            Some('.') => rest = &rest[1..],
            Some('=') => return Some(Separator::Equals),
            Some(':') => return Some(Separator::Colon),
            _ => return None,
        }
    }
}

/// The value of a `key = value` line with a bare key.
fn equals_value(line: &str) -> Option<&str> {
    let (key, value) = line.split_once('=')?;
    let key = key.trim();
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    bare.then(|| value.trim())
}

/// Whether `value` begins a TOML value: a string, array, inline table, boolean, number or
/// date; properties values such as `5GB`, `http://host:8080` or an empty value do not.
fn toml_value_like(value: &str) -> bool {
    if value.starts_with(['"', '\'', '[', '{']) {
        return true;
    }
    let value = value.split('#').next().unwrap_or_default().trim();
    if matches!(
        value,
        "true" | "false" | "inf" | "+inf" | "-inf" | "nan" | "+nan" | "-nan"
    ) {
        return true;
    }
    let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
    if let Some(radix) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0o"))
        .or_else(|| digits.strip_prefix("0b"))
    {
        return !radix.is_empty() && radix.chars().all(|c| c.is_ascii_hexdigit() || c == '_');
    }
    let is_date = value.len() >= 10
        && value.as_bytes()[4] == b'-'
        && value.as_bytes()[..4].iter().all(u8::is_ascii_digit);
    let is_time = value.len() >= 8
        && value.as_bytes()[2] == b':'
        && value.as_bytes()[..2].iter().all(u8::is_ascii_digit);
    let is_number = !digits.is_empty()
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '_' | '.' | 'e' | 'E' | '+' | '-'));
    is_date || is_time || is_number
}

/// What YAML or JSON without Kubernetes objects looks like, from its top-level keys: input
/// people give `check` by mistake, each with its own way forward.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// Values of the Trino Helm chart: the top-level keys of the chart that were found.
    TrinoHelmValues(Vec<&'static str>),
    /// A Trino Gateway configuration: the top-level keys of the gateway that were found.
    TrinoGateway(Vec<&'static str>),
    /// A Docker Compose file: `services` whose entries name an `image` or a `build`.
    Compose,
    /// None of those.
    Unknown,
}

/// Top-level keys of the Trino chart's values (`image` alone is too common to tell).
const HELM_KEYS: &[&str] = &[
    "server",
    "coordinator",
    "worker",
    "catalogs",
    "additionalCatalogs",
    "additionalConfigProperties",
    "additionalNodeProperties",
    "additionalLogProperties",
];

/// Top-level keys of a Trino Gateway configuration.
const GATEWAY_KEYS: &[&str] = &[
    "serverConfig",
    "dataStore",
    "routingRules",
    "clusterStatsConfiguration",
];

/// Tells the [`Shape`] of YAML or JSON text (of [`InputKind::Yaml`] or [`InputKind::Json`]).
pub fn shape(text: &str) -> Shape {
    let text = text.trim_start_matches('\u{feff}');
    // `catalogs` as a list is no chart value: file-based access control rules hold a list of
    // catalog rules there, the chart a map of catalog files.
    let keys: Vec<String> = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(map)) => map
            .iter()
            .filter(|(k, v)| !(k.as_str() == "catalogs" && v.is_array()))
            .map(|(k, _)| k.clone())
            .collect(),
        _ => yaml_top_level_keys(text),
    };
    let found = |known: &[&'static str]| -> Vec<&'static str> {
        known
            .iter()
            .copied()
            .filter(|k| keys.iter().any(|key| key == k))
            .collect()
    };
    let gateway = found(GATEWAY_KEYS);
    if !gateway.is_empty() {
        return Shape::TrinoGateway(gateway);
    }
    let helm = found(HELM_KEYS);
    if !helm.is_empty() {
        return Shape::TrinoHelmValues(helm);
    }
    let names_images = text.lines().any(|l| {
        let l = l.trim_start().trim_start_matches('"');
        (l.starts_with("image") || l.starts_with("build"))
            && l.trim_start_matches("image")
                .trim_start_matches("build")
                .trim_start_matches('"')
                .trim_start()
                .starts_with(':')
    });
    if keys.iter().any(|k| k == "services") && names_images {
        return Shape::Compose;
    }
    Shape::Unknown
}

/// The keys of block mappings that start at column 0 (`key:`), in every document.
fn yaml_top_level_keys(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.starts_with([' ', '\t', '#', '-', '{', '[']))
        .filter_map(|l| {
            let (key, _) = l.split_once(':')?;
            let key = key.trim().trim_matches(['"', '\'']);
            (!key.is_empty()).then(|| key.to_owned())
        })
        .collect()
}
