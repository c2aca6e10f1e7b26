//! Decimal text to `f64`, as `str::parse::<f64>` reads it, without the standard library's
//! 20 kB table of 128-bit powers of five (its Eisel-Lemire step): that table is about 16 kB
//! of every gzip-compressed WebAssembly module that parses a number, and configuration numbers
//! never need it.
//!
//! The same texts are accepted: an optional sign, then `inf`, `infinity` or `nan` in any case,
//! or digits with an optional point (`1.`, `.5`) and an optional exponent (`e-3`, `E+7`). The
//! value is the standard library's, bit for bit, whenever the significant digits make an
//! integer below 2⁵³ whose decimal exponent, after moving trailing digits into it, lies
//! within ±22 (Clinger's fast path, exact because both factors are exact in binary and the
//! one operation rounds once): every memory size, percentage, CPU count, duration and ratio
//! written by hand. Other numbers (more than 15 significant digits, or exponents beyond ±22
//! that do not fold into the digits) are within a few units in the last place of it.

/// Powers of ten that `f64` holds exactly.
const EXACT: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The largest integer below which every integer is an `f64`.
const EXACT_INTEGERS: u64 = 1 << 53;

/// Significant digits kept; later ones only say that the value is not exact.
const KEPT_DIGITS: u32 = 19;

/// Parses `text` as `str::parse::<f64>` does (see the module documentation for how close the
/// value is); `None` where it returns an error.
pub(crate) fn parse_f64(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, rest) = match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        Some(b'+') => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    let magnitude = special(rest).or_else(|| number(rest))?;
    Some(if negative { -magnitude } else { magnitude })
}

/// `inf`, `infinity` and `nan`, in any case.
fn special(text: &[u8]) -> Option<f64> {
    if text.eq_ignore_ascii_case(b"inf") || text.eq_ignore_ascii_case(b"infinity") {
        Some(f64::INFINITY)
    } else if text.eq_ignore_ascii_case(b"nan") {
        Some(f64::NAN)
    } else {
        None
    }
}

/// The digits read so far: the first significant ones as an integer, and the power of ten
/// that scales it.
#[derive(Default)]
struct Digits {
    mantissa: u64,
    kept: u32,
    exponent: i64,
    /// A non-zero digit was dropped: the mantissa is not the whole number.
    inexact: bool,
    any: bool,
}

impl Digits {
    /// Takes a digit, of the fraction when `fraction`.
    fn push(&mut self, digit: u8, fraction: bool) {
        self.any = true;
        if self.mantissa == 0 && digit == 0 {
            // A leading zero: of the fraction, it scales what follows.
            self.exponent -= i64::from(fraction);
        } else if self.kept < KEPT_DIGITS {
            self.mantissa = self.mantissa * 10 + u64::from(digit);
            self.kept += 1;
            self.exponent -= i64::from(fraction);
        } else {
            self.inexact |= digit != 0;
            self.exponent += i64::from(!fraction);
        }
    }
}

/// A number without sign: digits, an optional point and fraction, an optional exponent.
fn number(text: &[u8]) -> Option<f64> {
    let mut digits = Digits::default();
    let mut i = 0;
    while let Some(d) = text.get(i).filter(|c| c.is_ascii_digit()) {
        digits.push(d - b'0', false);
        i += 1;
    }
    if text.get(i) == Some(&b'.') {
        i += 1;
        while let Some(d) = text.get(i).filter(|c| c.is_ascii_digit()) {
            digits.push(d - b'0', true);
            i += 1;
        }
    }
    if !digits.any {
        return None;
    }
    if matches!(text.get(i), Some(b'e' | b'E')) {
        i += 1;
        let negative = match text.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        let mut written: i64 = 0;
        while let Some(d) = text.get(i).filter(|c| c.is_ascii_digit()) {
            // Far beyond any f64: the value is infinite or zero either way.
            written = (written * 10 + i64::from(d - b'0')).min(1_000_000);
            i += 1;
        }
        if i == start {
            return None;
        }
        digits.exponent += if negative { -written } else { written };
    }
    (i == text.len()).then(|| value(&digits))
}

/// The value of the digits read.
fn value(d: &Digits) -> f64 {
    if d.mantissa == 0 {
        return 0.0;
    }
    // Trailing zeros (`80.00`) belong to the exponent: the mantissa stays small.
    let (mut mantissa, mut exponent) = (d.mantissa, d.exponent);
    while mantissa % 10 == 0 {
        mantissa /= 10;
        exponent += 1;
    }
    let exact = if d.inexact {
        None
    } else {
        exact(mantissa, exponent)
    };
    exact.unwrap_or_else(|| approximate(mantissa, exponent))
}

/// Clinger's fast path: an exact mantissa times or divided by an exact power of ten, rounded
/// once. An exponent above 22 is first folded into the mantissa while that stays exact
/// (`123e20`).
fn exact(mantissa: u64, exponent: i64) -> Option<f64> {
    let (mantissa, exponent) = if exponent > 22 {
        let excess = u32::try_from(exponent - 22).ok()?;
        (mantissa.checked_mul(10u64.checked_pow(excess)?)?, 22)
    } else {
        (mantissa, exponent)
    };
    if mantissa >= EXACT_INTEGERS {
        return None;
    }
    let power = EXACT.get(usize::try_from(exponent.unsigned_abs()).ok()?)?;
    // The mantissa is below 2^53: exact as an f64.
    #[allow(clippy::cast_precision_loss)]
    let m = mantissa as f64;
    Some(if exponent < 0 { m / power } else { m * power })
}

/// Any other number: the mantissa rounded to an `f64`, scaled in at most three steps of powers
/// of ten that stay within the finite range.
fn approximate(mantissa: u64, exponent: i64) -> f64 {
    // Beyond these, every mantissa of at most 19 digits gives infinity or zero.
    if exponent > 310 {
        return f64::INFINITY;
    }
    if exponent < -345 {
        return 0.0;
    }
    #[allow(clippy::cast_precision_loss)]
    let mut v = mantissa as f64;
    let mut e = i32::try_from(exponent).unwrap_or(0);
    // Scale by 10^±200 first where a single power would overflow or underflow.
    while e > 200 {
        v *= 1e200;
        e -= 200;
    }
    while e < -200 {
        v /= 1e200;
        e += 200;
    }
    if e >= 0 {
        v * 10f64.powi(e)
    } else {
        v / 10f64.powi(-e)
    }
}

#[cfg(test)]
mod tests {
    use super::parse_f64;
    use proptest::prelude::*;

    /// The standard library's parse, to compare with.
    fn std_parse(text: &str) -> Option<f64> {
        text.parse::<f64>().ok()
    }

    fn same_bits(text: &str) {
        let ours = parse_f64(text);
        let theirs = std_parse(text);
        assert_eq!(
            ours.map(f64::to_bits),
            theirs.map(f64::to_bits),
            "`{text}`: {ours:?} against {theirs:?}"
        );
    }

    /// Malformed texts, the edges of the range and long mantissas: accepted or refused alike
    /// (the plain numbers are `hand_written_numbers_are_exact`'s).
    #[test]
    fn accepts_what_the_standard_library_accepts() {
        for text in [
            "",
            "+",
            "-",
            ".",
            "+.",
            "e5",
            ".e5",
            "1e",
            "1e+",
            "1e-",
            "1.5e",
            "1_000",
            " 1",
            "1 ",
            "0x10",
            "1.2.3",
            "1e5.5",
            "++1",
            "--1",
            "1f",
            "1d",
            "inf",
            "INF",
            "-Infinity",
            "+infinity",
            "infinit",
            "nan",
            "NaN",
            "-nan",
            "+NAN",
            "nana",
            "0",
            "-0",
            "+0",
            "0.0",
            "-0.0",
            "00",
            "007",
            "5.",
            ".5",
            "-.5",
            "+5.",
            "1E3",
            "1e+3",
            "1e-3",
            "1e0",
            "0e999",
            "1e309",
            "-1e309",
            "1e-400",
            "1e1000000000000",
            "1e-1000000000000",
            "9007199254740991",
            "9007199254740992",
            "9007199254740993",
            "123456789012345678901234567890",
            "0.000000000000000000000000000001",
            "1.7976931348623157e308",
            "2.2250738585072014e-308",
            "4.9e-324",
            "5e-324",
            "2e-324",
            "1e38",
            "0.30000000000000004",
            "100000000000000000000000",
            "1e-23",
        ] {
            assert_eq!(
                parse_f64(text).is_some(),
                std_parse(text).is_some(),
                "`{text}`"
            );
        }
    }

    #[test]
    fn hand_written_numbers_are_exact() {
        for text in [
            "0",
            "-0",
            "0.0",
            "5.",
            ".5",
            "1.5",
            "0.1",
            "0.2",
            "0.3",
            "80",
            "80.0",
            "0.05",
            "12.5",
            "3.14159",
            "2.5e-3",
            "1e22",
            "1e23",
            "123e20",
            "1e37",
            "1e-22",
            "inf",
            "-inf",
            "9007199254740991",
            "1E3",
            "-1e+3",
            "0.000001",
            "99.99",
            "0.75",
            "1024.0",
        ] {
            same_bits(text);
        }
        assert!(parse_f64("nan").is_some_and(f64::is_nan));
        assert_eq!(
            parse_f64("-nan").map(f64::is_sign_negative),
            std_parse("-nan").map(f64::is_sign_negative)
        );
    }

    proptest! {
        /// A mantissa below 2^53 scaled by a power of ten within ±22, written with the point
        /// anywhere, leading and trailing zeros and an exponent: the standard library's value,
        /// bit for bit.
        #[test]
        fn exact_range_matches_bit_for_bit(
            mantissa in 0u64..(1 << 53),
            scale in -22i32..=22,
            point in 0usize..20,
            zeros in 0usize..4,
            negative in any::<bool>(),
        ) {
            let digits = mantissa.to_string();
            let sign = if negative { "-" } else { "" };
            same_bits(&format!("{sign}{digits}e{scale}"));
            // The same digits with a point `point` places from the end: the exponent makes up
            // for it.
            let point = point.min(digits.len());
            let (int, frac) = digits.split_at(digits.len() - point);
            let written = scale + i32::try_from(point).unwrap();
            let pad = "0".repeat(zeros);
            same_bits(&format!("{sign}{pad}{int}.{frac}{pad}e{written}"));
            if written == 0 {
                same_bits(&format!("{sign}{pad}{int}.{frac}{pad}"));
            }
        }

        /// Any number: accepted alike, and within a few units in the last place.
        #[test]
        fn any_number_is_close(
            int in "[0-9]{0,25}",
            frac in proptest::option::of("[0-9]{0,25}"),
            exponent in proptest::option::of(-400i32..400),
        ) {
            let mut text = int.clone();
            if let Some(f) = &frac {
                text.push('.');
                text.push_str(f);
            }
            if let Some(e) = exponent {
                text.push_str(&format!("e{e}"));
            }
            let ours = parse_f64(&text);
            let theirs = std_parse(&text);
            prop_assert_eq!(ours.is_some(), theirs.is_some(), "{}", text);
            if let (Some(a), Some(b)) = (ours, theirs) {
                if b == 0.0 || b.is_infinite() || b.abs() < f64::MIN_POSITIVE {
                    // At the ends of the range, only whether it is zero or infinite is judged.
                    prop_assert!(a.to_bits() == b.to_bits() || (a - b).abs() <= f64::MIN_POSITIVE, "{}: {} against {}", text, a, b);
                } else {
                    prop_assert!(((a - b) / b).abs() <= 1e-14, "{}: {} against {}", text, a, b);
                }
            }
        }
    }
}
