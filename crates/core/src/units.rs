//! Sizes and quantities: Kubernetes resource quantities (`16Gi`, `500m`), Trino data sizes
//! (`16GB`, powers of 1024, case-sensitive units) and the exact, shortest renderings of both.

use std::fmt;

const KI: u64 = 1024;

/// A number of bytes, parsed from a Kubernetes quantity such as `16Gi`, `16G` or `17179869184`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Bytes(pub u64);

impl Bytes {
    pub const fn get(self) -> u64 {
        self.0
    }
}

/// CPU in millicores, parsed from a Kubernetes quantity such as `4`, `500m` or `1.5`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MilliCpu(pub u64);

/// Parses a Kubernetes memory quantity: a plain number of bytes, a decimal suffix
/// (`k M G T P E`) or a binary one (`Ki Mi Gi Ti Pi Ei`). A fractional number is allowed with a
/// suffix (`1.5Gi`); the result is rounded down to whole bytes. The milli suffix `m` makes no
/// sense for memory and is rejected.
pub fn parse_k8s_memory(text: &str) -> Result<Bytes, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("empty memory quantity; write it like `16Gi`".into());
    }
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, suffix) = t.split_at(split);
    let multiplier: u64 = match suffix {
        "" => 1,
        "k" => 1000,
        "M" => 1000u64.pow(2),
        "G" => 1000u64.pow(3),
        "T" => 1000u64.pow(4),
        "P" => 1000u64.pow(5),
        "E" => 1000u64.pow(6),
        "Ki" => KI,
        "Mi" => KI.pow(2),
        "Gi" => KI.pow(3),
        "Ti" => KI.pow(4),
        "Pi" => KI.pow(5),
        "Ei" => KI.pow(6),
        "m" => {
            return Err(format!(
                "`{t}` is in millibytes; memory takes a byte suffix such as `Mi` or `Gi`"
            ))
        }
        other => {
            let hint = match other {
                "K" | "KB" | "kB" | "KiB" => "Ki",
                "MB" | "MiB" | "mi" => "Mi",
                "GB" | "GiB" | "g" | "gi" => "Gi",
                "TB" | "TiB" => "Ti",
                _ => "Gi",
            };
            return Err(format!(
                "`{t}` is not a Kubernetes memory quantity: unknown suffix `{other}` (use `{hint}`, e.g. `{num}{hint}`)"
            ));
        }
    };
    let value = parse_scaled(num, multiplier)
        .ok_or_else(|| format!("`{t}` is not a valid memory quantity (or is too large)"))?;
    Ok(Bytes(value))
}

/// Parses a Kubernetes CPU quantity into millicores: `2`, `1.5`, `500m`.
pub fn parse_k8s_cpu(text: &str) -> Result<MilliCpu, String> {
    let t = text.trim();
    if let Some(m) = t.strip_suffix('m') {
        if !m.is_empty() && m.bytes().all(|b| b.is_ascii_digit()) {
            return m
                .parse::<u64>()
                .map(MilliCpu)
                .map_err(|_| format!("`{t}` is too large a CPU quantity"));
        }
        return Err(format!(
            "`{t}` is not a CPU quantity; write whole cores (`4`), decimals (`1.5`) or millicores (`500m`)"
        ));
    }
    parse_scaled(t, 1000).map(MilliCpu).ok_or_else(|| {
        format!("`{t}` is not a CPU quantity; write whole cores (`4`), decimals (`1.5`) or millicores (`500m`)")
    })
}

/// `digits[.digits] * multiplier`, rounded down, without overflow or floating point.
fn parse_scaled(num: &str, multiplier: u64) -> Option<u64> {
    let (int, frac) = match num.split_once('.') {
        Some((i, f)) => (i, f),
        None => (num, ""),
    };
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if num.contains('.') && frac.is_empty() {
        return None;
    }
    let int_value: u64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let mut total = int_value.checked_mul(multiplier)?;
    // Fraction: add floor(frac * multiplier), digit by digit (at most 19 digits matter).
    let mut scale = multiplier as u128;
    let mut acc: u128 = 0;
    for d in frac.bytes().take(24) {
        scale *= 10;
        acc = acc * 10 + u128::from(d - b'0');
        if scale > u128::from(u64::MAX) * 10 {
            break;
        }
    }
    if !frac.is_empty() {
        let denom = 10u128.pow(frac.len().min(24) as u32);
        let add = acc * u128::from(multiplier) / denom;
        total = total.checked_add(u64::try_from(add).ok()?)?;
    }
    Some(total)
}

/// Renders bytes as a Kubernetes quantity, exactly: the largest binary suffix that divides it.
pub fn format_k8s_memory(bytes: u64) -> String {
    for (suffix, unit) in [
        ("Ei", KI.pow(6)),
        ("Pi", KI.pow(5)),
        ("Ti", KI.pow(4)),
        ("Gi", KI.pow(3)),
        ("Mi", KI.pow(2)),
        ("Ki", KI),
    ] {
        if bytes >= unit && bytes % unit == 0 {
            return format!("{}{suffix}", bytes / unit);
        }
    }
    bytes.to_string()
}

/// Renders millicores as a Kubernetes CPU quantity (`4` or `1500m`).
pub fn format_k8s_cpu(milli: u64) -> String {
    if milli % 1000 == 0 {
        (milli / 1000).to_string()
    } else {
        format!("{milli}m")
    }
}

/// Renders bytes as a Trino data size (airlift `DataSize`), exactly: the largest unit of
/// `B kB MB GB TB PB` (powers of 1024) that divides it.
pub fn format_data_size(bytes: u64) -> String {
    for (suffix, unit) in [
        ("PB", KI.pow(5)),
        ("TB", KI.pow(4)),
        ("GB", KI.pow(3)),
        ("MB", KI.pow(2)),
        ("kB", KI),
    ] {
        if bytes >= unit && bytes % unit == 0 {
            return format!("{}{suffix}", bytes / unit);
        }
    }
    format!("{bytes}B")
}

/// A human reading of a byte count for messages: `12.8 GiB`, `512 MiB`.
pub fn human_bytes(bytes: u64) -> String {
    let units = [
        ("EiB", KI.pow(6)),
        ("PiB", KI.pow(5)),
        ("TiB", KI.pow(4)),
        ("GiB", KI.pow(3)),
        ("MiB", KI.pow(2)),
        ("KiB", KI),
    ];
    for (suffix, unit) in units {
        if bytes >= unit {
            let whole = bytes / unit;
            let tenth = (bytes % unit) * 10 / unit;
            return if tenth == 0 {
                format!("{whole} {suffix}")
            } else {
                format!("{whole}.{tenth} {suffix}")
            };
        }
    }
    format!("{bytes} B")
}

/// Rounds down to a whole number of MiB (heap sizes and memory limits are rendered in MiB at
/// the finest, so that the JVM and Trino agree on the exact byte count).
pub const fn floor_mib(bytes: u64) -> u64 {
    bytes / KI.pow(2) * KI.pow(2)
}

/// A Trino data size or a percentage of the heap, as `query.max-memory-per-node` and
/// `memory.heap-headroom-per-node` accept them (percentages from Trino 476 on).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HeapFraction {
    Bytes(u64),
    Percent(f64),
}

impl HeapFraction {
    /// Resolves against a heap size the way Trino's `HeapSizeParser` does:
    /// `round(heap × pct / 100)`.
    pub fn resolve(self, heap: u64) -> u64 {
        match self {
            HeapFraction::Bytes(b) => b,
            HeapFraction::Percent(p) => (heap as f64 * p / 100.0).round() as u64,
        }
    }
}

impl fmt::Display for HeapFraction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeapFraction::Bytes(b) => f.write_str(&format_data_size(*b)),
            HeapFraction::Percent(p) => write!(f, "{p}%"),
        }
    }
}

/// Parses a Trino data size (airlift `DataSize.valueOf`): a decimal number and one of the
/// case-sensitive units `B kB MB GB TB PB` (powers of 1024), optionally separated by spaces.
pub fn parse_data_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, rest) = t.split_at(split);
    let unit = rest.trim_start();
    if num.is_empty() {
        return Err(format!("`{t}` is not a data size; write it like `16GB`"));
    }
    let multiplier = match unit {
        "B" => 1,
        "kB" => KI,
        "MB" => KI.pow(2),
        "GB" => KI.pow(3),
        "TB" => KI.pow(4),
        "PB" => KI.pow(5),
        "" => {
            return Err(format!(
                "`{t}` has no unit; Trino data sizes need one of B, kB, MB, GB, TB, PB (e.g. `{num}GB`)"
            ))
        }
        other => {
            let fix = data_size_unit_fix(other)
                .map(|u| format!(" (use `{num}{u}`)"))
                .unwrap_or_default();
            return Err(format!(
                "`{t}` is not a Trino data size: unknown unit `{other}`; units are B, kB, MB, GB, TB, PB, case-sensitive{fix}"
            ));
        }
    };
    parse_scaled(num, multiplier)
        .ok_or_else(|| format!("`{t}` is not a valid data size (or is too large)"))
}

fn data_size_unit_fix(unit: &str) -> Option<&'static str> {
    Some(match unit {
        "k" | "K" | "KB" | "kb" | "Kb" | "Ki" | "KiB" => "kB",
        "m" | "M" | "mb" | "Mb" | "Mi" | "MiB" => "MB",
        "g" | "G" | "gb" | "Gb" | "Gi" | "GiB" => "GB",
        "t" | "T" | "tb" | "Tb" | "Ti" | "TiB" => "TB",
        "p" | "P" | "pb" | "Pb" | "Pi" | "PiB" => "PB",
        "b" => "B",
        _ => return None,
    })
}

/// Parses a heap fraction: `30%` or a Trino data size.
pub fn parse_heap_fraction(text: &str) -> Result<HeapFraction, String> {
    let t = text.trim();
    if let Some(p) = t.strip_suffix('%') {
        let v: f64 = p
            .trim()
            .parse()
            .map_err(|_| format!("`{t}` is not a percentage; write it like `30%`"))?;
        if !(v.is_finite()) || v <= 0.0 || v > 100.0 {
            return Err(format!(
                "`{t}` must be a percentage above 0% and at most 100%"
            ));
        }
        return Ok(HeapFraction::Percent(v));
    }
    parse_data_size(t).map(HeapFraction::Bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubernetes_memory() {
        assert_eq!(parse_k8s_memory("16Gi").unwrap().0, 16 * KI.pow(3));
        assert_eq!(parse_k8s_memory("16G").unwrap().0, 16_000_000_000);
        assert_eq!(parse_k8s_memory("1.5Gi").unwrap().0, 3 * KI.pow(3) / 2);
        assert_eq!(parse_k8s_memory("128974848").unwrap().0, 128_974_848);
        assert!(parse_k8s_memory("16GB").unwrap_err().contains("`16Gi`"));
        assert!(parse_k8s_memory("").is_err());
        assert!(parse_k8s_memory("99999999999Ei").is_err());
        assert!(parse_k8s_memory("1.Gi").is_err());
        assert!(parse_k8s_memory("-1Gi").is_err());
    }

    #[test]
    fn kubernetes_cpu() {
        assert_eq!(parse_k8s_cpu("4").unwrap().0, 4000);
        assert_eq!(parse_k8s_cpu("500m").unwrap().0, 500);
        assert_eq!(parse_k8s_cpu("1.5").unwrap().0, 1500);
        assert!(parse_k8s_cpu("2 cores").is_err());
        assert_eq!(format_k8s_cpu(1500), "1500m");
        assert_eq!(format_k8s_cpu(4000), "4");
    }

    #[test]
    fn data_sizes() {
        assert_eq!(parse_data_size("16GB").unwrap(), 16 * KI.pow(3));
        assert_eq!(parse_data_size("1.5 GB").unwrap(), 3 * KI.pow(3) / 2);
        assert!(parse_data_size("16G").unwrap_err().contains("`16GB`"));
        assert!(parse_data_size("1024").is_err());
        assert!(parse_data_size("1gb").is_err());
        assert_eq!(format_data_size(13 * KI.pow(3)), "13GB");
        assert_eq!(format_data_size(1536 * KI.pow(2)), "1536MB");
        assert_eq!(format_data_size(100), "100B");
        assert_eq!(format_k8s_memory(16 * KI.pow(3)), "16Gi");
    }

    #[test]
    fn heap_fractions() {
        assert_eq!(
            parse_heap_fraction("30%").unwrap(),
            HeapFraction::Percent(30.0)
        );
        assert_eq!(HeapFraction::Percent(30.0).resolve(1000), 300);
        assert!(parse_heap_fraction("0%").is_err());
        assert!(parse_heap_fraction("130%").is_err());
        assert_eq!(
            parse_heap_fraction("2GB").unwrap(),
            HeapFraction::Bytes(2 * KI.pow(3))
        );
    }
}
