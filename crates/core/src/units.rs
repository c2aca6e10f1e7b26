//! Sizes and quantities: Kubernetes resource quantities (`16Gi`, `500m`), Trino data sizes
//! (`16GB`, powers of 1024, case-sensitive units) and the exact, shortest renderings of both.

const KI: u64 = 1024;

/// A number of bytes, parsed from a Kubernetes quantity such as `16Gi`, `16G` or `17179869184`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Bytes(pub u64);

impl Bytes {
    /// The number of bytes.
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
    sign(t, "memory")?;
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, suffix) = t.split_at(split);
    if num.is_empty() {
        return Err(format!(
            "`{t}` does not start with a number; write a memory quantity like `16Gi`"
        ));
    }
    let multiplier = match memory_suffix(suffix) {
        Some(m) => m,
        None if suffix == "m" => {
            return Err(format!(
                "`{t}` is in millibytes; memory takes a byte suffix such as `Mi` or `Gi`"
            ))
        }
        None if memory_suffix(suffix.trim()).is_some() => {
            return Err(format!(
                "`{t}` has a space before its suffix; write it as `{num}{}`",
                suffix.trim()
            ))
        }
        None => {
            let hint = match suffix {
                "K" | "KB" | "kB" | "KiB" | "k" | "ki" | "kb" => "Ki",
                "MB" | "MiB" | "mi" | "mb" => "Mi",
                "TB" | "TiB" | "t" | "ti" | "tb" => "Ti",
                _ => "Gi",
            };
            return Err(format!(
                "`{t}` is not a Kubernetes memory quantity: unknown suffix `{suffix}` (use a binary suffix such as `{hint}`, e.g. `{num}{hint}`)"
            ));
        }
    };
    let value = parse_scaled(num, multiplier).ok_or_else(|| {
        if is_decimal(num) {
            format!("`{t}` is too large a memory quantity (at most 8Ei)")
        } else {
            format!("`{t}` is not a valid number; write a memory quantity like `16Gi` or `1.5Gi`")
        }
    })?;
    Ok(Bytes(value))
}

/// Bytes per unit of a Kubernetes memory suffix; `None` for an unknown one.
fn memory_suffix(suffix: &str) -> Option<u64> {
    Some(match suffix {
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
        _ => return None,
    })
}

/// Refuses a signed quantity, saying which sign: a negative one says it is negative.
fn sign(t: &str, what: &str) -> Result<(), String> {
    let (rest, negative) = match (t.strip_prefix('-'), t.strip_prefix('+')) {
        (Some(rest), _) => (rest.trim_start(), true),
        (_, Some(rest)) => (rest.trim_start(), false),
        _ => return Ok(()),
    };
    Err(if rest.is_empty() || rest.starts_with(['-', '+']) {
        format!(
            "`{t}` is not a quantity; {what} is written like `{}`",
            example(what)
        )
    } else if negative {
        format!("`{t}` is negative; {what} must be a positive quantity such as `{rest}`")
    } else {
        format!("`{t}` has a `+` sign; write {what} without it: `{rest}`")
    })
}

fn example(what: &str) -> &'static str {
    if what == "CPU" {
        "4"
    } else {
        "16Gi"
    }
}

/// `digits`, `digits.digits` or `.digits`: a number that [`parse_scaled`] reads.
fn is_decimal(num: &str) -> bool {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    match num.split_once('.') {
        None => !num.is_empty() && digits(num),
        Some((int, frac)) => !frac.is_empty() && digits(int) && digits(frac),
    }
}

/// Parses a Kubernetes CPU quantity into millicores: `2`, `1.5`, `500m`.
pub fn parse_k8s_cpu(text: &str) -> Result<MilliCpu, String> {
    let t = text.trim();
    sign(t, "CPU")?;
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
        if is_decimal(t) {
            format!("`{t}` is too large a CPU quantity")
        } else {
            format!("`{t}` is not a CPU quantity; write whole cores (`4`), decimals (`1.5`) or millicores (`500m`)")
        }
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
    let mut scale = u128::from(multiplier);
    let mut acc: u128 = 0;
    for d in frac.bytes().take(24) {
        scale *= 10;
        acc = acc * 10 + u128::from(d - b'0');
        if scale > u128::from(u64::MAX) * 10 {
            break;
        }
    }
    if !frac.is_empty() {
        let denom = 10u128.pow(u32::try_from(frac.len().min(24)).unwrap_or(24));
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
/// A size computed in doubles (a share of a heap or a container, as Trino computes it) back
/// in bytes, truncated. The cast saturates: a negative or NaN value is 0, one beyond
/// `u64::MAX` is `u64::MAX`.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
pub fn to_bytes(x: f64) -> u64 {
    x as u64
}

/// Rounds a size down to whole MiB.
pub const fn floor_mib(bytes: u64) -> u64 {
    bytes / KI.pow(2) * KI.pow(2)
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
    fn memory_messages_name_the_problem_and_the_fix() {
        let err = |t: &str| parse_k8s_memory(t).unwrap_err();
        assert_eq!(
            err("-8Gi"),
            "`-8Gi` is negative; memory must be a positive quantity such as `8Gi`"
        );
        assert_eq!(
            err("+8Gi"),
            "`+8Gi` has a `+` sign; write memory without it: `8Gi`"
        );
        assert_eq!(
            err("-"),
            "`-` is not a quantity; memory is written like `16Gi`"
        );
        assert_eq!(
            err("Gi"),
            "`Gi` does not start with a number; write a memory quantity like `16Gi`"
        );
        assert_eq!(
            err("16 Gi"),
            "`16 Gi` has a space before its suffix; write it as `16Gi`"
        );
        assert_eq!(
            err("16GB"),
            "`16GB` is not a Kubernetes memory quantity: unknown suffix `GB` (use a binary suffix such as `Gi`, e.g. `16Gi`)"
        );
        assert!(err("512MB").ends_with("e.g. `512Mi`)"), "{}", err("512MB"));
        assert!(err("99999999999Ei").contains("too large"));
        assert!(err("1.Gi").contains("not a valid number"));
        assert!(err("1.2.3Gi").contains("not a valid number"));
        assert!(err("500m").contains("millibytes"));
    }

    #[test]
    fn cpu_messages_name_the_problem_and_the_fix() {
        let err = |t: &str| parse_k8s_cpu(t).unwrap_err();
        assert_eq!(
            err("-1"),
            "`-1` is negative; CPU must be a positive quantity such as `1`"
        );
        assert_eq!(
            err("-500m"),
            "`-500m` is negative; CPU must be a positive quantity such as `500m`"
        );
        assert!(err("").contains("not a CPU quantity"));
        assert!(err("99999999999999999999").contains("too large"));
        assert!(err("2 cores").contains("millicores (`500m`)"));
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
        assert_eq!(format_data_size(13 * KI.pow(3)), "13GB");
        assert_eq!(format_data_size(1536 * KI.pow(2)), "1536MB");
        assert_eq!(format_data_size(100), "100B");
        assert_eq!(format_k8s_memory(16 * KI.pow(3)), "16Gi");
    }
}
