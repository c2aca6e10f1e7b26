//! Parsers for configuration values, following what Trino (airlift 435/438 and airlift/units)
//! does when it coerces a property value to its Java type.
//!
//! Every function takes the value as Trino sees it: `config.properties`, catalog and other
//! plugin files are trimmed by the loader, `node.properties` entries are not. Errors are short,
//! self-contained sentences that quote the offending value and, where a likely fix exists, name
//! it (e.g. "`16G` is not a Trino data size: use `16GB`").
//!
//! The property-aware entry point is [`crate::catalogue::check_value`].

mod soft_memory;
pub use soft_memory::{parse_soft_memory_limit, SoftMemoryLimit};

use std::fmt::Write as _;

/// Data size units accepted by airlift's `DataSize.valueOf`, case-sensitive, powers of 1024.
pub const DATA_SIZE_UNITS: [(&str, u64); 6] = [
    ("B", 1),
    ("kB", 1 << 10),
    ("MB", 1 << 20),
    ("GB", 1 << 30),
    ("TB", 1 << 40),
    ("PB", 1 << 50),
];

/// Duration units accepted by airlift's `Duration.valueOf`, case-sensitive, with their length
/// in seconds.
pub const DURATION_UNITS: [(&str, f64); 7] = [
    ("ns", 1e-9),
    ("us", 1e-6),
    ("ms", 1e-3),
    ("s", 1.0),
    ("m", 60.0),
    ("h", 3600.0),
    ("d", 86400.0),
];

/// Java's `Character.isWhitespace`-free `\s` of `java.util.regex`: `[ \t\n\x0B\f\r]`.
fn is_java_regex_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\u{b}' | '\u{c}' | '\r')
}

/// Splits `value` with the regex `^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*$` shared by airlift's
/// `DataSize` and `Duration`: returns `(number, unit)`.
fn split_number_unit(value: &str) -> Option<(&str, &str)> {
    let s = value.trim_matches(is_java_regex_space);
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    if i == 0 {
        return None;
    }
    if i < bytes.len() && bytes[i] == b'.' {
        let start = i + 1;
        let mut j = start;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        if j == start {
            return None;
        }
        i = j;
    }
    let number = &s[..i];
    let unit = s[i..].trim_start_matches(is_java_regex_space);
    if unit.is_empty() || !unit.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    Some((number, unit))
}

/// A unit spelling people use for a data size, mapped to the airlift unit.
fn data_size_unit_fix(unit: &str) -> Option<&'static str> {
    Some(match unit.to_ascii_lowercase().as_str() {
        "b" | "byte" | "bytes" => "B",
        "k" | "kb" | "kib" | "kilobyte" | "kilobytes" => "kB",
        "m" | "mb" | "mib" | "megabyte" | "megabytes" => "MB",
        "g" | "gb" | "gib" | "gigabyte" | "gigabytes" => "GB",
        "t" | "tb" | "tib" | "terabyte" | "terabytes" => "TB",
        "p" | "pb" | "pib" | "petabyte" | "petabytes" => "PB",
        _ => return None,
    })
}

/// A unit spelling people use for a duration, mapped to the airlift unit.
fn duration_unit_fix(unit: &str) -> Option<&'static str> {
    if unit == "M" {
        // `5M` in a duration almost always means minutes (there are no months).
        return Some("m");
    }
    Some(match unit.to_ascii_lowercase().as_str() {
        "ns" | "nanos" | "nanosecond" | "nanoseconds" => "ns",
        "us" | "µs" | "micros" | "microsecond" | "microseconds" => "us",
        "ms" | "msec" | "msecs" | "millis" | "millisecond" | "milliseconds" => "ms",
        "s" | "sec" | "secs" | "second" | "seconds" => "s",
        "m" | "min" | "mins" | "minute" | "minutes" => "m",
        "h" | "hr" | "hrs" | "hour" | "hours" => "h",
        "d" | "day" | "days" => "d",
        _ => return None,
    })
}

/// Looks for a `<number><unit>` shape the strict regex rejected (signs, commas, spaces, exotic
/// unit characters) so the error can propose a corrected value.
fn loose_number_unit(value: &str) -> Option<(String, String)> {
    let s = value.trim();
    let split = s
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.' || c == ','))
        .map_or(s.len(), |(i, _)| i);
    let (number, unit) = s.split_at(split);
    let number = number.replace(',', "");
    let unit = unit.trim();
    if number.is_empty() || crate::decimal::parse_f64(&number).is_none() {
        return None;
    }
    Some((number, unit.to_string()))
}

/// Java `Long.parseLong(s, 10)`: optional sign, ASCII digits, `i64` range.
fn java_parse_long(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i64>().ok()
}

/// Parses a data size the way airlift's `DataSize.valueOf` does and returns it in bytes.
///
/// Accepted: a non-negative decimal number and one of the case-sensitive units
/// `B kB MB GB TB PB` (powers of 1024), optionally separated by spaces: `16GB`, `1.5 MB`,
/// `0B`. Rejected: `16G`, `512M`, `1gb`, a bare `1024`, negative values and values that
/// overflow a Java `long` of bytes. Fractional values are rounded to the nearest byte.
pub fn parse_data_size(value: &str) -> Result<u64, String> {
    if value.is_empty() {
        return Err("an empty value is not a Trino data size".to_string());
    }
    // airlift's fast path: `<long>B`, no leading `+`, at most 20 characters.
    let len = value.encode_utf16().count();
    if len > 1 && len <= 20 && !value.starts_with('+') {
        if let Some(number) = value.strip_suffix('B') {
            if let Some(bytes) = java_parse_long(number) {
                if let Ok(bytes) = u64::try_from(bytes) {
                    return Ok(bytes);
                }
            }
        }
    }
    let Some((number, unit)) = split_number_unit(value) else {
        return Err(data_size_shape_error(value));
    };
    let Some(&(_, factor)) = DATA_SIZE_UNITS.iter().find(|(u, _)| *u == unit) else {
        return Err(match data_size_unit_fix(unit) {
            Some(fixed) => format!("`{value}` is not a Trino data size: use `{number}{fixed}`"),
            None => format!(
                "`{value}` is not a Trino data size: unknown unit `{unit}` (use B, kB, MB, GB, TB or PB)"
            ),
        });
    };
    let too_large = || {
        format!("`{value}` is too large for a Trino data size (at most 2^63-1 bytes, about 8192PB)")
    };
    if !number.contains('.') {
        let n: i64 = number.parse().map_err(|_| too_large())?;
        let factor = i64::try_from(factor).map_err(|_| too_large())?;
        let bytes = n.checked_mul(factor).ok_or_else(too_large)?;
        return u64::try_from(bytes).map_err(|_| too_large());
    }
    let n = crate::decimal::parse_f64(number).ok_or_else(too_large)?;
    if n.is_infinite() {
        return Err(too_large());
    }
    // `floor(size / (1.0 / unit.inBytes()) + 0.5)`; the factor is a power of two, so the
    // division equals a multiplication.
    let rounded = (n * factor as f64 + 0.5).floor();
    if rounded > i64::MAX as f64 {
        return Err(too_large());
    }
    Ok(crate::units::to_bytes(rounded))
}

fn data_size_shape_error(value: &str) -> String {
    let trimmed = value.trim();
    if trimmed.starts_with('-') {
        return format!("`{value}` is not a Trino data size: data sizes cannot be negative");
    }
    if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return format!("`{value}` is not a Trino data size: it needs a unit, e.g. `{trimmed}B` (B, kB, MB, GB, TB, PB)");
    }
    if let Some((number, unit)) = loose_number_unit(trimmed) {
        if let Some(fixed) = data_size_unit_fix(&unit) {
            return format!("`{value}` is not a Trino data size: use `{number}{fixed}`");
        }
    }
    format!("`{value}` is not a Trino data size: write a number and a unit, e.g. `512MB` (B, kB, MB, GB, TB, PB)")
}

/// Parses a duration the way airlift's `Duration.valueOf` does and returns it in seconds.
///
/// Accepted: a non-negative decimal number and one of the case-sensitive units
/// `ns us ms s m h d`: `30s`, `1.5 h`, `0m`. Rejected: a bare `30`, `5 min`, `10S`.
pub fn parse_duration(value: &str) -> Result<f64, String> {
    if value.is_empty() {
        return Err("an empty value is not a Trino duration".to_string());
    }
    let Some((number, unit)) = split_number_unit(value) else {
        return Err(duration_shape_error(value));
    };
    let Some(&(_, seconds)) = DURATION_UNITS.iter().find(|(u, _)| *u == unit) else {
        return Err(match duration_unit_fix(unit) {
            Some(fixed) => format!("`{value}` is not a Trino duration: use `{number}{fixed}`"),
            None => format!(
                "`{value}` is not a Trino duration: unknown unit `{unit}` (use ns, us, ms, s, m, h or d)"
            ),
        });
    };
    let n = crate::decimal::parse_f64(number)
        .ok_or_else(|| format!("`{value}` is not a Trino duration"))?;
    if n.is_infinite() {
        return Err(format!("`{value}` is too large for a Trino duration"));
    }
    Ok(n * seconds)
}

fn duration_shape_error(value: &str) -> String {
    let trimmed = value.trim();
    if trimmed.starts_with('-') {
        return format!("`{value}` is not a Trino duration: durations cannot be negative");
    }
    if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return format!("`{value}` is not a Trino duration: it needs a unit, e.g. `{trimmed}s` (ns, us, ms, s, m, h, d)");
    }
    if let Some((number, unit)) = loose_number_unit(trimmed) {
        if let Some(fixed) = duration_unit_fix(&unit) {
            return format!("`{value}` is not a Trino duration: use `{number}{fixed}`");
        }
    }
    format!("`{value}` is not a Trino duration: write a number and a unit, e.g. `30s` (ns, us, ms, s, m, h, d)")
}

/// A value of a heap-size property (`query.max-memory-per-node`,
/// `memory.heap-headroom-per-node`), parsed by Trino's `HeapSizeParser`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HeapSize {
    /// `NN%`: this percentage of the maximum heap (`-Xmx`), in `(0, 100]`.
    Percent(f64),
    /// An absolute data size in bytes, greater than 0.
    Bytes(u64),
}

impl HeapSize {
    /// The size in bytes for a JVM whose maximum heap is `max_heap` bytes, as
    /// `Math.round(maxHeap * pct / 100)` computes it.
    pub fn bytes_of_heap(self, max_heap: u64) -> u64 {
        match self {
            HeapSize::Bytes(b) => b,
            HeapSize::Percent(p) => crate::units::to_bytes((max_heap as f64 * (p / 100.0)).round()),
        }
    }
}

impl std::fmt::Display for HeapSize {
    /// As written in `config.properties`: `30%` or an exact data size such as `6GB`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HeapSize::Bytes(b) => f.write_str(&crate::units::format_data_size(*b)),
            HeapSize::Percent(p) => write!(f, "{p}%"),
        }
    }
}

/// Parses a heap size: a percentage of the maximum heap such as `30%`, or a data size such as
/// `8GB` (see [`parse_data_size`]). Trino rejects sizes that are 0 or larger than the heap; the
/// heap is not known here, so only `<= 0` and percentages above 100 are rejected.
pub fn parse_heap_size(value: &str) -> Result<HeapSize, String> {
    if let Some(number) = value.strip_suffix('%') {
        let pct = parse_double(number.trim())
            .map_err(|_| format!("`{value}` is not a heap size: use a percentage such as `30%` or a data size such as `8GB`"))?;
        if pct.is_nan() || pct <= 0.0 {
            return Err(format!("`{value}`: a heap size must be greater than 0"));
        }
        if pct > 100.0 {
            return Err(format!(
                "`{value}`: a heap size cannot be greater than the maximum heap (100%)"
            ));
        }
        return Ok(HeapSize::Percent(pct));
    }
    let bytes = parse_data_size(value).map_err(|e| {
        format!("{e} (a heap size may also be a percentage of the heap, such as `30%`)")
    })?;
    if bytes == 0 {
        return Err(format!("`{value}`: a heap size must be greater than 0"));
    }
    Ok(HeapSize::Bytes(bytes))
}

/// Parses a boolean like airlift: `true` or `false`, case-insensitive. Nothing else (`yes`,
/// `1`, `on`) is accepted.
pub fn parse_boolean(value: &str) -> Result<bool, String> {
    if value.eq_ignore_ascii_case("true") {
        Ok(true)
    } else if value.eq_ignore_ascii_case("false") {
        Ok(false)
    } else {
        Err(format!("`{value}` is not a boolean: use `true` or `false`"))
    }
}

fn integer_error(value: &str, what: &str, min: i128, max: i128) -> String {
    let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return format!("`{value}` is out of range for {what} ({min} to {max})");
    }
    let mut msg = format!("`{value}` is not {what}: use digits with an optional sign");
    if digits.contains(['_', ',', ' ']) {
        msg.push_str(", without separators");
    } else if parse_double(value).is_ok() {
        msg.push_str(", without a fraction or exponent");
    } else if parse_data_size(value).is_ok() || parse_duration(value).is_ok() {
        msg.push_str(", without a unit");
    }
    msg
}

/// Parses an `int` like Java's `Integer.valueOf`: optional `+`/`-`, ASCII digits, 32-bit range.
pub fn parse_int(value: &str) -> Result<i32, String> {
    java_parse_long(value)
        .and_then(|v| i32::try_from(v).ok())
        .ok_or_else(|| integer_error(value, "an int", i32::MIN.into(), i32::MAX.into()))
}

/// Parses a `long` like Java's `Long.valueOf`: optional `+`/`-`, ASCII digits, 64-bit range.
pub fn parse_long(value: &str) -> Result<i64, String> {
    java_parse_long(value)
        .ok_or_else(|| integer_error(value, "a long", i64::MIN.into(), i64::MAX.into()))
}

fn digits_len(s: &[u8], hex: bool) -> usize {
    s.iter()
        .take_while(|b| {
            if hex {
                b.is_ascii_hexdigit()
            } else {
                b.is_ascii_digit()
            }
        })
        .count()
}

/// Parses a `double` like Java's `Double.valueOf`: surrounding whitespace ignored, optional
/// sign, `NaN`, `Infinity`, decimal numbers with optional exponent (`1.5`, `.5`, `1e3`),
/// hexadecimal floating point (`0x1p3`), and an optional `f`/`F`/`d`/`D` suffix.
pub fn parse_double(value: &str) -> Result<f64, String> {
    let err = || format!("`{value}` is not a number (Java double)");
    let s = value.trim_matches(|c: char| c <= ' ');
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let sign = if negative { -1.0 } else { 1.0 };
    match body {
        "NaN" => return Ok(f64::NAN),
        "Infinity" => return Ok(sign * f64::INFINITY),
        _ => {}
    }
    let body = body.strip_suffix(['f', 'F', 'd', 'D']).unwrap_or(body);
    let b = body.as_bytes();
    if b.len() > 2 && b[0] == b'0' && (b[1] == b'x' || b[1] == b'X') {
        // Hexadecimal: 0x<hex>[.<hex>]p<exp>, the binary exponent is required.
        let rest = &b[2..];
        let int_len = digits_len(rest, true);
        let mut pos = int_len;
        let mut frac_len = 0;
        if rest.get(pos) == Some(&b'.') {
            frac_len = digits_len(&rest[pos + 1..], true);
            pos += 1 + frac_len;
        }
        if int_len + frac_len == 0 || !matches!(rest.get(pos), Some(b'p' | b'P')) {
            return Err(err());
        }
        let exp_str = &body[2 + pos + 1..];
        let exp_digits = exp_str.strip_prefix(['+', '-']).unwrap_or(exp_str);
        if exp_digits.is_empty() || !exp_digits.bytes().all(|c| c.is_ascii_digit()) {
            return Err(err());
        }
        let mut mantissa = 0f64;
        for &c in &rest[..int_len] {
            mantissa = mantissa * 16.0 + f64::from((c as char).to_digit(16).unwrap_or(0));
        }
        let mut scale = 1.0 / 16.0;
        for &c in &rest[int_len + 1..int_len + 1 + frac_len] {
            mantissa += f64::from((c as char).to_digit(16).unwrap_or(0)) * scale;
            scale /= 16.0;
        }
        let exp: i32 = exp_str.parse().unwrap_or(if exp_str.starts_with('-') {
            i32::MIN
        } else {
            i32::MAX
        });
        return Ok(sign * mantissa * 2f64.powi(exp));
    }
    let int_len = digits_len(b, false);
    let mut pos = int_len;
    let mut frac_len = 0;
    if b.get(pos) == Some(&b'.') {
        frac_len = digits_len(&b[pos + 1..], false);
        pos += 1 + frac_len;
    }
    if int_len + frac_len == 0 {
        return Err(err());
    }
    if matches!(b.get(pos), Some(b'e' | b'E')) {
        let exp = &body[pos + 1..];
        let exp_digits = exp.strip_prefix(['+', '-']).unwrap_or(exp);
        if exp_digits.is_empty() || !exp_digits.bytes().all(|c| c.is_ascii_digit()) {
            return Err(err());
        }
        pos = b.len();
    }
    if pos != b.len() {
        return Err(err());
    }
    // Rust does not accept `1.` or `.5` in every position Java does; normalise first.
    let mut normal = String::with_capacity(body.len() + 2);
    if int_len == 0 {
        normal.push('0');
    }
    normal.push_str(body);
    if let Some(dot) = normal.find('.') {
        if !normal[dot + 1..].starts_with(|c: char| c.is_ascii_digit()) {
            normal.insert(dot + 1, '0');
        }
    }
    crate::decimal::parse_f64(&normal)
        .map(|v| sign * v)
        .ok_or_else(err)
}

/// Checks a `BigDecimal` (constructor `BigDecimal(String)`): optional sign, digits with an
/// optional fraction, optional exponent. No whitespace.
pub fn check_decimal(value: &str) -> Result<(), String> {
    let err = || format!("`{value}` is not a decimal number");
    let body = value.strip_prefix(['+', '-']).unwrap_or(value);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int_part, frac_part) = match mantissa.split_once('.') {
        Some((i, f)) => (i, f),
        None => (mantissa, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int_part.len() + frac_part.len() == 0 || !all_digits(int_part) || !all_digits(frac_part) {
        return Err(err());
    }
    if let Some(exp) = exponent {
        if exp.strip_prefix(['+', '-']).unwrap_or(exp).is_empty() || exp.parse::<i32>().is_err() {
            return Err(err());
        }
    }
    Ok(())
}

/// Checks a value for `java.net.URI(String)`: no spaces, control characters or
/// `"`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}`; `%` followed by two hex digits, at most one `#`, and a well-formed
/// scheme (a letter, then letters, digits, `+`, `-`, `.`) followed by something.
pub fn check_uri(value: &str) -> Result<(), String> {
    for (i, c) in value.char_indices() {
        if c.is_control() || c.is_whitespace() || "\"<>\\^`{|}".contains(c) {
            return Err(format!(
                "`{value}` is not a valid URI: illegal character {c:?} at index {i}"
            ));
        }
        if c == '%' {
            let hex = value.as_bytes().get(i + 1..i + 3);
            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                return Err(format!("`{value}` is not a valid URI: `%` at index {i} must start an escape such as `%20`"));
            }
        }
    }
    if value.matches('#').count() > 1 {
        return Err(format!("`{value}` is not a valid URI: more than one `#`"));
    }
    let end = value.find(['/', '?', '#']).unwrap_or(value.len());
    if let Some(colon) = value[..end].find(':') {
        let scheme = &value[..colon];
        let mut chars = scheme.chars();
        let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        if !valid {
            return Err(format!(
                "`{value}` is not a valid URI: bad scheme name `{scheme}`"
            ));
        }
        if colon + 1 == value.len() {
            return Err(format!(
                "`{value}` is not a valid URI: nothing after the scheme `{scheme}:`"
            ));
        }
    }
    Ok(())
}

/// Checks a Guava `HostAndPort.fromString` value: `host`, `host:port`, `[v6]:port` or a bare
/// IPv6 address; the port must be 0 to 65535.
pub fn check_host_and_port(value: &str) -> Result<(), String> {
    let port = if let Some(rest) = value.strip_prefix('[') {
        let Some((_, after)) = rest.split_once(']') else {
            return Err(format!("`{value}` is not a host and port: missing `]`"));
        };
        if after.is_empty() {
            None
        } else if let Some(p) = after.strip_prefix(':') {
            Some(p)
        } else {
            return Err(format!(
                "`{value}` is not a host and port: only `:port` may follow `]`"
            ));
        }
    } else {
        match value.split_once(':') {
            Some((_, p)) if !p.contains(':') => Some(p),
            _ => None,
        }
    };
    if let Some(p) = port.filter(|p| !p.is_empty()) {
        if !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "`{value}` is not a host and port: unparseable port `{p}`"
            ));
        }
        if p.parse::<u32>().map_or(true, |n| n > 65535) {
            return Err(format!(
                "`{value}` is not a host and port: port out of range"
            ));
        }
    }
    Ok(())
}

/// Whether `value` contains a secret placeholder such as `${ENV:DB_PASSWORD}` (airlift's
/// `SecretsResolver` pattern `\$\{([a-zA-Z][a-zA-Z0-9_-]*):([^}]+?)}`). Such values are
/// resolved at startup, before coercion, so they cannot be type-checked statically.
pub fn has_secret_placeholder(value: &str) -> bool {
    let mut rest = value;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let provider_len = after
            .char_indices()
            .take_while(|&(i, c)| {
                if i == 0 {
                    c.is_ascii_alphabetic()
                } else {
                    c.is_ascii_alphanumeric() || c == '_' || c == '-'
                }
            })
            .count();
        if provider_len > 0 {
            if let Some(key_and_more) = after[provider_len..].strip_prefix(':') {
                if key_and_more.find('}').is_some_and(|end| end > 0) {
                    return true;
                }
            }
        }
        rest = after;
    }
    false
}

/// Splits a list value the way airlift does for `List`/`Set` properties: on `,`, each item
/// trimmed, empty items dropped.
pub fn split_list(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(str::trim).filter(|s| !s.is_empty())
}

/// Formats a list of accepted spellings for an error message: "`a`, `b` or `c`".
pub(crate) fn one_of(options: &[&str]) -> String {
    let mut out = String::new();
    for (i, o) in options.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == options.len() { " or " } else { ", " });
        }
        let _ = write!(out, "`{o}`");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_sizes() {
        assert_eq!(parse_data_size("16GB"), Ok(16 << 30));
        assert_eq!(parse_data_size("1kB"), Ok(1024));
        assert_eq!(parse_data_size("0B"), Ok(0));
        assert_eq!(parse_data_size("-0B"), Ok(0));
        assert_eq!(parse_data_size("1024B"), Ok(1024));
        assert_eq!(parse_data_size(" 1.5 MB "), Ok(1_572_864));
        assert_eq!(parse_data_size("0.5B"), Ok(1)); // floor(0.5 + 0.5)
        assert_eq!(parse_data_size("8191PB"), Ok(8191u64 << 50));
        assert_eq!(parse_data_size("9223372036854775807B"), Ok(i64::MAX as u64));
    }

    #[test]
    fn data_size_errors_suggest_fixes() {
        assert_eq!(
            parse_data_size("16G").unwrap_err(),
            "`16G` is not a Trino data size: use `16GB`"
        );
        assert!(parse_data_size("512M").unwrap_err().contains("use `512MB`"));
        assert!(parse_data_size("1gb").unwrap_err().contains("use `1GB`"));
        assert!(parse_data_size("1KB").unwrap_err().contains("use `1kB`"));
        assert!(parse_data_size("2 GiB").unwrap_err().contains("use `2GB`"));
        assert!(parse_data_size("1024").unwrap_err().contains("`1024B`"));
        assert!(parse_data_size("-1GB").unwrap_err().contains("negative"));
        assert!(parse_data_size("1EB")
            .unwrap_err()
            .contains("unknown unit `EB`"));
        assert!(parse_data_size("").is_err());
        assert!(parse_data_size("GB").is_err());
        assert!(parse_data_size("1.GB").is_err());
        assert!(parse_data_size("+1GB").is_err());
        assert!(parse_data_size("1e3B").is_err());
    }

    #[test]
    fn data_size_overflow_is_rejected() {
        assert!(parse_data_size("8192PB").unwrap_err().contains("too large"));
        assert!(parse_data_size("9223372036854775808B")
            .unwrap_err()
            .contains("too large"));
        assert!(parse_data_size("99999999999999999999999GB")
            .unwrap_err()
            .contains("too large"));
        assert!(parse_data_size("8192.5PB")
            .unwrap_err()
            .contains("too large"));
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30s"), Ok(30.0));
        assert_eq!(parse_duration("5m"), Ok(300.0));
        assert_eq!(parse_duration("1.5h"), Ok(5400.0));
        assert_eq!(parse_duration("2d"), Ok(172_800.0));
        assert_eq!(parse_duration("10 ms"), Ok(0.01));
        assert_eq!(parse_duration("0ns"), Ok(0.0));
        assert!(parse_duration("30").unwrap_err().contains("`30s`"));
        assert!(parse_duration("5min").unwrap_err().contains("use `5m`"));
        assert!(parse_duration("10S").unwrap_err().contains("use `10s`"));
        assert!(parse_duration("5M").unwrap_err().contains("use `5m`"));
        assert!(parse_duration("1 hour").unwrap_err().contains("use `1h`"));
        assert!(parse_duration("-1s").unwrap_err().contains("negative"));
        assert!(parse_duration("1w")
            .unwrap_err()
            .contains("unknown unit `w`"));
        assert!(parse_duration("").is_err());
    }

    #[test]
    fn heap_sizes() {
        assert_eq!(parse_heap_size("30%"), Ok(HeapSize::Percent(30.0)));
        assert_eq!(parse_heap_size("12.5%"), Ok(HeapSize::Percent(12.5)));
        assert_eq!(parse_heap_size("8GB"), Ok(HeapSize::Bytes(8 << 30)));
        assert_eq!(
            HeapSize::Percent(30.0).bytes_of_heap(10 << 30),
            3_221_225_472
        );
        assert!(parse_heap_size("0%").is_err());
        assert!(parse_heap_size("101%").is_err());
        assert!(parse_heap_size("0B").is_err());
        assert!(parse_heap_size("abc%").is_err());
        let e = parse_heap_size("8G").unwrap_err();
        assert!(e.contains("use `8GB`") && e.contains("30%"), "{e}");
    }

    #[test]
    fn booleans() {
        assert_eq!(parse_boolean("true"), Ok(true));
        assert_eq!(parse_boolean("FALSE"), Ok(false));
        assert_eq!(parse_boolean("True"), Ok(true));
        assert!(parse_boolean("yes")
            .unwrap_err()
            .contains("`true` or `false`"));
        assert!(parse_boolean("1").is_err());
        assert!(parse_boolean("").is_err());
    }

    #[test]
    fn integers() {
        assert_eq!(parse_int("42"), Ok(42));
        assert_eq!(parse_int("+7"), Ok(7));
        assert_eq!(parse_int("-2147483648"), Ok(i32::MIN));
        assert_eq!(parse_int("007"), Ok(7));
        assert!(parse_int("2147483648")
            .unwrap_err()
            .contains("out of range"));
        assert!(parse_int("1_000").unwrap_err().contains("separators"));
        assert!(parse_int("1.0").unwrap_err().contains("fraction"));
        assert!(parse_int("10GB").unwrap_err().contains("unit"));
        assert!(parse_int("").is_err());
        assert!(parse_int("-").is_err());
        assert!(parse_int(" 1").is_err());
        assert_eq!(parse_long("9223372036854775807"), Ok(i64::MAX));
        assert!(parse_long("9223372036854775808")
            .unwrap_err()
            .contains("out of range"));
    }

    #[test]
    fn doubles() {
        assert_eq!(parse_double("0.5"), Ok(0.5));
        assert_eq!(parse_double(".5"), Ok(0.5));
        assert_eq!(parse_double("1."), Ok(1.0));
        assert_eq!(parse_double("-1e3"), Ok(-1000.0));
        assert_eq!(parse_double("2.5d"), Ok(2.5));
        assert_eq!(parse_double(" 3 "), Ok(3.0));
        assert_eq!(parse_double("0x1p3"), Ok(8.0));
        assert_eq!(parse_double("0x1.8p1"), Ok(3.0));
        assert_eq!(parse_double("-Infinity"), Ok(f64::NEG_INFINITY));
        assert!(parse_double("NaN").is_ok_and(f64::is_nan));
        assert!(parse_double("nan").is_err());
        assert!(parse_double("1e").is_err());
        assert!(parse_double("1,5").is_err());
        assert!(parse_double(".").is_err());
        assert!(parse_double("0x1").is_err());
        assert!(parse_double("").is_err());
    }

    #[test]
    fn decimals_uris_and_host_ports() {
        assert!(check_decimal("1.25").is_ok());
        assert!(check_decimal("-3e2").is_ok());
        assert!(check_decimal("1.").is_ok());
        assert!(check_decimal(".5").is_ok());
        assert!(check_decimal("1.2.3").is_err());
        assert!(check_decimal("").is_err());
        assert!(check_decimal("1e").is_err());

        assert!(check_uri("http://coordinator:8080").is_ok());
        assert!(check_uri("thrift://a:9083").is_ok());
        assert!(check_uri("/relative/path").is_ok());
        assert!(check_uri("s3://bucket/a%20b").is_ok());
        assert!(check_uri("http://a b").is_err());
        assert!(check_uri("http://a/%zz").is_err());
        assert!(check_uri("1http://a").is_err());
        assert!(check_uri("http:").is_err());
        assert!(check_uri("://a").is_err());

        assert!(check_host_and_port("proxy:3128").is_ok());
        assert!(check_host_and_port("proxy").is_ok());
        assert!(check_host_and_port("[::1]:80").is_ok());
        assert!(check_host_and_port("::1").is_ok());
        assert!(check_host_and_port("proxy:x").is_err());
        assert!(check_host_and_port("proxy:70000").is_err());
        assert!(check_host_and_port("[::1").is_err());
    }

    #[test]
    fn secret_placeholders() {
        assert!(has_secret_placeholder("${ENV:DB_PASSWORD}"));
        assert!(has_secret_placeholder("jdbc:x://${ENV:HOST}:5432"));
        assert!(has_secret_placeholder("${file:/run/secret}"));
        assert!(!has_secret_placeholder("${ENV:}"));
        assert!(!has_secret_placeholder("${:x}"));
        assert!(!has_secret_placeholder("${1ENV:x}"));
        assert!(!has_secret_placeholder("$ENV:x}"));
        assert!(!has_secret_placeholder("plain"));
    }

    #[test]
    fn lists() {
        let items: Vec<_> = split_list(" a, b ,,c ,").collect();
        assert_eq!(items, ["a", "b", "c"]);
        assert_eq!(split_list("").count(), 0);
        assert_eq!(one_of(&["a", "b", "c"]), "`a`, `b` or `c`");
        assert_eq!(one_of(&["a"]), "`a`");
    }
}
