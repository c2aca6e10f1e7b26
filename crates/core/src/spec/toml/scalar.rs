//! Scalars and keys: decoded by `toml_parser`, then held to what TOML 1.0 allows where the
//! parser reads TOML 1.1 (the `\e` and `\xHH` escapes, times without seconds) and checked
//! where it leaves checking to its user (date-times, integer and float ranges).

use std::borrow::Cow;
use std::ops::Range;

use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::{ErrorSink, ParseError, Raw, Span};

use super::{SyntaxError, Value};

/// Why a scalar or key could not be read: reported to the error sink already (`None`), or a
/// problem the parser leaves to its user.
pub(super) type Failure = Option<SyntaxError>;

/// Decodes the scalar at `span`. Problems the parser finds go to `errors`.
pub(super) fn decode<'s>(
    source: &'s str,
    span: Span,
    encoding: Option<Encoding>,
    errors: &mut dyn ErrorSink,
) -> Result<Value<'s>, Failure> {
    let range = span.start()..span.end();
    let text = source.get(range.clone()).unwrap_or_default();
    let raw = Raw::new_unchecked(text, encoding, span);
    let mut failed = false;
    let mut out = Cow::Borrowed("");
    let kind = raw.decode_scalar(&mut out, &mut |e: ParseError| {
        failed = true;
        errors.report_error(e);
    });
    if failed {
        return Err(None);
    }
    match kind {
        ScalarKind::String => {
            toml10_escapes(text, encoding, &range)?;
            Ok(Value::String(out))
        }
        ScalarKind::Boolean(b) => Ok(Value::Boolean(b)),
        ScalarKind::Integer(radix) => match i64::from_str_radix(&out, radix.value()) {
            Ok(i) => Ok(Value::Integer(i)),
            Err(_) if out.is_empty() => Err(Some(problem(
                radix.invalid_description(),
                "write digits after the prefix, such as `0xff`",
                range,
            ))),
            Err(_) => Err(Some(problem(
                "integer out of range",
                "TOML integers are 64-bit: from -9223372036854775808 to 9223372036854775807",
                range,
            ))),
        },
        ScalarKind::Float => match crate::decimal::parse_f64(&out) {
            Some(f) if !f.is_infinite() || out.ends_with("inf") => Ok(Value::Float(f)),
            _ => Err(Some(problem(
                "float out of range",
                "TOML floats are 64-bit: at most about 1.8e308",
                range,
            ))),
        },
        ScalarKind::DateTime if is_datetime(text.as_bytes()) => Ok(Value::Datetime(text)),
        ScalarKind::DateTime => Err(Some(problem(
            "invalid date-time",
            "write a date-time as RFC 3339 does: `1979-05-27T07:32:00Z`, \
             `1979-05-27T07:32:00`, `1979-05-27` or `07:32:00`",
            range,
        ))),
    }
}

/// Decodes the key at `span`. Problems the parser finds go to `errors`.
pub(super) fn decode_key<'s>(
    source: &'s str,
    span: Span,
    encoding: Option<Encoding>,
    errors: &mut dyn ErrorSink,
) -> Result<Cow<'s, str>, Failure> {
    let range = span.start()..span.end();
    let text = source.get(range.clone()).unwrap_or_default();
    let bare = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-';
    if encoding.is_none() && !text.is_empty() && text.bytes().all(|b| bare(&b)) {
        return Ok(Cow::Borrowed(text));
    }
    let raw = Raw::new_unchecked(text, encoding, span);
    let mut failed = false;
    let mut out = Cow::Borrowed("");
    raw.decode_key(&mut out, &mut |e: ParseError| {
        failed = true;
        errors.report_error(e);
    });
    if failed {
        return Err(None);
    }
    toml10_escapes(text, encoding, &range)?;
    Ok(out)
}

fn problem(message: &str, help: &str, span: Range<usize>) -> SyntaxError {
    SyntaxError {
        message: message.to_owned(),
        help: help.to_owned(),
        span,
    }
}

/// Refuses the escapes TOML 1.1 added, `\e` and `\xHH`, in a basic string.
fn toml10_escapes(
    text: &str,
    encoding: Option<Encoding>,
    span: &Range<usize>,
) -> Result<(), Failure> {
    if !matches!(
        encoding,
        Some(Encoding::BasicString | Encoding::MlBasicString)
    ) {
        return Ok(());
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(p) = bytes[i..].iter().position(|&b| b == b'\\') {
        let at = i + p;
        let (name, help) = match bytes.get(at + 1) {
            Some(b'e') => ("\\e", "write the escape character as `\\u001B`"),
            Some(b'x') => ("\\xHH", "write `\\u00HH` for the character `\\xHH` means"),
            _ => {
                // Skip the escaped character, so that `\\e` is a backslash and an `e`.
                i = at + 2;
                if i >= bytes.len() {
                    break;
                }
                continue;
            }
        };
        let start = span.start + at;
        return Err(Some(SyntaxError {
            message: format!("the escape `{name}` is TOML 1.1; trinocfg reads TOML 1.0"),
            help: help.to_owned(),
            span: start..start + 2,
        }));
    }
    Ok(())
}

/// Whether `s` is a TOML 1.0 date-time: an offset or local date-time, a local date or a local
/// time, with the ranges RFC 3339 sets (February 29 only in leap years).
fn is_datetime(s: &[u8]) -> bool {
    if let Some(rest) = time(s) {
        return rest.is_empty();
    }
    let Some(rest) = date(s) else {
        return false;
    };
    let rest = match rest {
        [] => return true,
        [b'T' | b't' | b' ', rest @ ..] => rest,
        _ => return false,
    };
    match time(rest) {
        Some([] | [b'Z' | b'z']) => true,
        Some([b'+' | b'-', offset @ ..]) => {
            matches!(hour_minute(offset), Some(([], _)))
        }
        _ => false,
    }
}

/// `n` digits and their value, and the rest.
fn digits(s: &[u8], n: usize) -> Option<(u32, &[u8])> {
    let (head, rest) = s.split_at_checked(n)?;
    let mut value = 0;
    for &b in head {
        if !b.is_ascii_digit() {
            return None;
        }
        value = value * 10 + u32::from(b - b'0');
    }
    Some((value, rest))
}

/// `byte` first, then the rest.
fn after(s: &[u8], byte: u8) -> Option<&[u8]> {
    match s {
        [b, rest @ ..] if *b == byte => Some(rest),
        _ => None,
    }
}

/// `YYYY-MM-DD`.
fn date(s: &[u8]) -> Option<&[u8]> {
    let (year, s) = digits(s, 4)?;
    let (month, s) = digits(after(s, b'-')?, 2)?;
    let (day, s) = digits(after(s, b'-')?, 2)?;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    (1..=days).contains(&day).then_some(s)
}

/// `HH:MM`, and the minute.
fn hour_minute(s: &[u8]) -> Option<(&[u8], u32)> {
    let (hour, s) = digits(s, 2)?;
    let (minute, s) = digits(after(s, b':')?, 2)?;
    (hour <= 23 && minute <= 59).then_some((s, minute))
}

/// `HH:MM:SS`, with optional fractional seconds.
fn time(s: &[u8]) -> Option<&[u8]> {
    let (s, _) = hour_minute(s)?;
    let (second, s) = digits(after(s, b':')?, 2)?;
    if second > 60 {
        return None;
    }
    match after(s, b'.') {
        Some(frac) => {
            let n = frac.iter().take_while(|b| b.is_ascii_digit()).count();
            (n > 0).then_some(&frac[n..])
        }
        None => Some(s),
    }
}

#[cfg(test)]
mod tests {
    use super::is_datetime;

    #[test]
    fn datetimes_as_toml_1_0_writes_them() {
        for ok in [
            "1979-05-27T07:32:00Z",
            "1979-05-27t07:32:00z",
            "1979-05-27 07:32:00-07:00",
            "1979-05-27T00:32:00.999999+23:59",
            "1979-05-27T07:32:00",
            "1979-05-27",
            "07:32:00",
            "00:00:60.1234567891234",
            "2000-02-29",
            "0000-01-01",
        ] {
            assert!(is_datetime(ok.as_bytes()), "{ok}");
        }
        for bad in [
            "1979-05-27T07:32",
            "07:32",
            "1979-05-27T07:32:00.",
            "1979-02-29",
            "1900-02-29",
            "1979-13-01",
            "1979-00-01",
            "1979-04-31",
            "1979-05-00",
            "24:00:00",
            "23:60:00",
            "23:59:61",
            "1979-05-27T07:32:00+24:00",
            "1979-05-27T07:32:00+07",
            "1979-05-27Z",
            "07:32:00Z",
            "1979-05-27T",
            "-1979-05-27",
            "79-05-27",
            "1979-5-27",
            "1979-05-27T07:32:00Zjunk",
            "",
        ] {
            assert!(!is_datetime(bad.as_bytes()), "{bad}");
        }
    }
}
