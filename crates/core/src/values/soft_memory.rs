//! A resource group's `softMemoryLimit`.

use super::parse_data_size;

/// A group's `softMemoryLimit` as Trino reads it: a share of the cluster's memory pool
/// (`(\d{1,3}(\.\d+)?)%`) or a data size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SoftMemoryLimit {
    /// A share of the cluster's memory pool (0.5 for `50%`).
    Fraction(f64),
    /// A size in bytes.
    Bytes(u64),
}

/// Reads a `softMemoryLimit` of a resource group as Trino's file manager does.
///
/// # Errors
/// A text that is neither a percentage nor a data size, with the reason.
pub fn parse_soft_memory_limit(text: &str) -> Result<SoftMemoryLimit, String> {
    if let Some(number) = text.strip_suffix('%') {
        let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (1..=3).contains(&whole.len())
            && digits(whole)
            && (number.len() == whole.len() || (!fraction.is_empty() && digits(fraction)))
        {
            if let Some(pct) = crate::decimal::parse_f64(number) {
                return Ok(SoftMemoryLimit::Fraction(pct / 100.0));
            }
        }
    }
    parse_data_size(text).map(SoftMemoryLimit::Bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_soft_limits_as_trino_does() {
        let fraction = |t: &str| match parse_soft_memory_limit(t) {
            Ok(SoftMemoryLimit::Fraction(f)) => Some(f),
            _ => None,
        };
        assert_eq!(fraction("50%"), Some(0.5));
        assert_eq!(fraction("150%"), Some(1.5));
        assert_eq!(fraction("12.5%"), Some(0.125));
        assert_eq!(
            parse_soft_memory_limit("10GB"),
            Ok(SoftMemoryLimit::Bytes(10 << 30))
        );
        // Four digits, a bare dot or a space do not match Trino's pattern, and are no data size.
        for bad in ["1000%", "5.%", "50 %", "lots", ""] {
            assert!(parse_soft_memory_limit(bad).is_err(), "{bad}");
        }
    }
}
