//! `etc/jvm.config`, as the Trino launcher reads it, and the JVM options Trino cares about.
//!
//! The launcher (airlift's `launcher.py`) reads the file line by line (`\n`, `\r` and `\r\n`
//! end lines), strips each line (Python's `str.strip()`), skips empty lines and lines starting
//! with `#`, and passes every remaining line as exactly one argument to `java`. No shell sees
//! the lines: quotes, `$VAR` and spaces are passed through as they are, so `-Xmx 16G` on one
//! line is a single (invalid) argument.

use std::ops::Range;

/// One option line of `jvm.config`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JvmOption {
    /// The option, stripped of surrounding whitespace: exactly the argument `java` receives.
    pub text: String,
    /// 1-based line number.
    pub line: usize,
    /// Byte offsets of `text` in the source.
    pub span: Range<usize>,
}

/// Python's `str.isspace()`: Unicode `White_Space` plus the separators U+001C..U+001F.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Splits `text` into options the way the launcher does.
pub fn parse(text: &str) -> Vec<JvmOption> {
    let mut options = Vec::new();
    let bytes = text.as_bytes();
    let mut line = 1;
    let mut start = 0;
    let mut i = 0;
    loop {
        let at_end = i >= bytes.len();
        if at_end || bytes[i] == b'\n' || bytes[i] == b'\r' {
            let raw = &text[start..i];
            let trimmed = raw.trim_start_matches(is_python_space);
            let lead = raw.len() - trimmed.len();
            let trimmed = trimmed.trim_end_matches(is_python_space);
            if !trimmed.is_empty() && !trimmed.starts_with('#') {
                let begin = start + lead;
                options.push(JvmOption {
                    text: trimmed.to_string(),
                    line,
                    span: begin..begin + trimmed.len(),
                });
            }
            if at_end {
                break;
            }
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            i += 1;
            start = i;
            line += 1;
        } else {
            i += 1;
        }
    }
    options
}

/// Parses a HotSpot memory size (`atojulong`): decimal digits, or `0x` followed by hex digits,
/// then at most one suffix `k`/`K`, `m`/`M`, `g`/`G`, `t`/`T` (binary multiples). No sign, no
/// spaces, no `b`/`B`. Returns `None` for bad syntax or a result above `u64::MAX`.
pub fn parse_jvm_size(s: &str) -> Option<u64> {
    let bytes = s.as_bytes();
    if !bytes.first()?.is_ascii_digit() {
        return None;
    }
    let (radix, digits_start) = match bytes.get(1) {
        Some(b'x' | b'X') if bytes[0] == b'0' => (16, 2),
        _ => (10, 0),
    };
    let digits_len = bytes[digits_start..]
        .iter()
        .take_while(|b| (**b as char).is_digit(radix))
        .count();
    if digits_len == 0 {
        // "0x" with no hex digit: strtoull reads "0" and leaves "x..." behind, which is
        // rejected either way.
        return None;
    }
    let digits = &s[digits_start..digits_start + digits_len];
    let n = u64::from_str_radix(digits, radix).ok()?;
    let multiplier: u64 = match &bytes[digits_start + digits_len..] {
        [] => 1,
        [b'k' | b'K'] => 1 << 10,
        [b'm' | b'M'] => 1 << 20,
        [b'g' | b'G'] => 1 << 30,
        [b't' | b'T'] => 1 << 40,
        _ => return None,
    };
    n.checked_mul(multiplier)
}

/// The shortest exact JVM spelling of a size: the largest of `T`, `G`, `M`, `k` that divides
/// it (`16G`, `13107M`, `512k`), else plain bytes. `parse_jvm_size(&format_jvm_size(n)) ==
/// Some(n)` for every `n`.
pub fn format_jvm_size(bytes: u64) -> String {
    if bytes != 0 {
        for (unit, suffix) in [
            (1u64 << 40, "T"),
            (1 << 30, "G"),
            (1 << 20, "M"),
            (1 << 10, "k"),
        ] {
            if bytes % unit == 0 {
                return format!("{}{suffix}", bytes / unit);
            }
        }
    }
    bytes.to_string()
}

/// Garbage collector selection flags: (`-XX:±` flag name, collector name).
pub const GC_FLAGS: &[(&str, &str)] = &[
    ("UseG1GC", "G1"),
    ("UseParallelGC", "Parallel"),
    ("UseSerialGC", "Serial"),
    ("UseZGC", "Z"),
    ("UseShenandoahGC", "Shenandoah"),
    ("UseEpsilonGC", "Epsilon"),
];

/// What one `jvm.config` option means, for the options Trino's checks care about.
#[derive(Debug, Clone, PartialEq)]
pub enum JvmFlag {
    /// `-Xmx<size>` or `-XX:MaxHeapSize=<size>`, in bytes.
    MaxHeapSize(u64),
    /// `-Xms<size>` or `-XX:InitialHeapSize=<size>`, in bytes.
    InitialHeapSize(u64),
    /// `-XX:MaxRAMPercentage=<percent>`.
    MaxRamPercentage(f64),
    /// `-XX:InitialRAMPercentage=<percent>`.
    InitialRamPercentage(f64),
    /// `-XX:MaxDirectMemorySize=<size>`, in bytes.
    MaxDirectMemorySize(u64),
    /// `-XX:ReservedCodeCacheSize=<size>`, in bytes.
    ReservedCodeCacheSize(u64),
    /// `-XX:+Use…GC` (`enabled`) or `-XX:-Use…GC`; `name` is the collector name from
    /// [`GC_FLAGS`] (`"G1"`, `"Parallel"`, …).
    Gc {
        /// The collector.
        name: String,
        /// Whether the flag turns it on.
        enabled: bool,
    },
    /// `-D<key>=<value>`; `-D<key>` alone sets the empty string. The JVM accepts an empty key
    /// (`-D`, `-D=x`) without complaint.
    SystemProperty {
        /// The property.
        key: String,
        /// Its value.
        value: String,
    },
    /// `--add-modules=<m1>,<m2>…`.
    AddModules(Vec<String>),
    /// `--add-modules` alone: the modules are the next argument (the next line).
    AddModulesNext,
    /// One of the options above with a value the JVM rejects; `option` is its prefix.
    Invalid {
        /// The option's prefix (`-Xmx`).
        option: &'static str,
        /// Why the JVM rejects it.
        message: String,
    },
    /// Anything else.
    Other,
}

fn size_flag(option: &'static str, tail: &str, make: fn(u64) -> JvmFlag) -> JvmFlag {
    match parse_jvm_size(tail) {
        Some(n) => make(n),
        None => JvmFlag::Invalid {
            option,
            message: format!(
                "invalid size {tail:?} for {option}: expected digits with an optional k, m, g or \
                 t suffix, at most 16 exabytes"
            ),
        },
    }
}

fn percent_flag(option: &'static str, tail: &str, make: fn(f64) -> JvmFlag) -> JvmFlag {
    match parse_jvm_double(tail) {
        Some(v) if (0.0..=100.0).contains(&v) => make(v),
        Some(v) => JvmFlag::Invalid {
            option,
            message: format!("{option}{v} is outside the allowed range [0 ... 100]"),
        },
        None => JvmFlag::Invalid {
            option,
            message: format!("invalid number {tail:?} for {option}"),
        },
    }
}

/// Parses the value of a HotSpot `double` flag as current JDKs do (`set_fp_numeric_flag`): C
/// `strtod` over the whole value (optional sign, decimal digits with an optional fraction and
/// exponent, or a `0x` hexadecimal float), no leading whitespace, finite. JDK 17 was stricter
/// (it refused `.5`, `5.`, `+5` and `1e1`), so the portable spelling is plain digits with an
/// optional `.digits`.
pub fn parse_jvm_double(s: &str) -> Option<f64> {
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    let negative = s.starts_with('-');
    let value = if let Some(hex) = unsigned
        .strip_prefix("0x")
        .or_else(|| unsigned.strip_prefix("0X"))
    {
        parse_hex_float(hex)?
    } else {
        // Rust accepts what strtod accepts for decimal numbers, plus "inf"/"nan" spellings
        // (rejected below, as HotSpot does) and nothing with spaces.
        if !unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
            return None;
        }
        crate::decimal::parse_f64(unsigned)?
    };
    let value = if negative { -value } else { value };
    value.is_finite().then_some(value)
}

/// The part after `0x` of a C hexadecimal float: hex digits, optional `.` and hex digits (at
/// least one digit in all), optional `p`/`P`, sign and decimal exponent.
fn parse_hex_float(s: &str) -> Option<f64> {
    let (mantissa, exponent) = match s.find(['p', 'P']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let mut value = 0f64;
    for c in int.chars() {
        value = value * 16.0 + f64::from(c.to_digit(16)?);
    }
    let mut scale = 1.0 / 16.0;
    for c in frac.chars() {
        value += f64::from(c.to_digit(16)?) * scale;
        scale /= 16.0;
    }
    if let Some(exponent) = exponent {
        let digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let e: i32 = exponent.parse().unwrap_or(if exponent.starts_with('-') {
            i32::MIN
        } else {
            i32::MAX
        });
        value *= 2f64.powi(e);
    }
    Some(value)
}

type SizeFlag = (&'static str, fn(u64) -> JvmFlag);
type PercentFlag = (&'static str, fn(f64) -> JvmFlag);

/// Recognises one option (as found in [`JvmOption::text`]).
pub fn classify(option: &str) -> JvmFlag {
    const SIZE_FLAGS: &[SizeFlag] = &[
        ("-Xmx", JvmFlag::MaxHeapSize),
        ("-XX:MaxHeapSize=", JvmFlag::MaxHeapSize),
        ("-Xms", JvmFlag::InitialHeapSize),
        ("-XX:InitialHeapSize=", JvmFlag::InitialHeapSize),
        ("-XX:MaxDirectMemorySize=", JvmFlag::MaxDirectMemorySize),
        ("-XX:ReservedCodeCacheSize=", JvmFlag::ReservedCodeCacheSize),
    ];
    const PERCENT_FLAGS: &[PercentFlag] = &[
        ("-XX:MaxRAMPercentage=", JvmFlag::MaxRamPercentage),
        ("-XX:InitialRAMPercentage=", JvmFlag::InitialRamPercentage),
    ];
    for &(prefix, make) in SIZE_FLAGS {
        if let Some(tail) = option.strip_prefix(prefix) {
            return size_flag(prefix, tail, make);
        }
    }
    for &(prefix, make) in PERCENT_FLAGS {
        if let Some(tail) = option.strip_prefix(prefix) {
            return percent_flag(prefix, tail, make);
        }
    }
    if let Some(rest) = option.strip_prefix("-XX:") {
        let (enabled, flag) = match rest.as_bytes().first() {
            Some(b'+') => (true, &rest[1..]),
            Some(b'-') => (false, &rest[1..]),
            _ => return JvmFlag::Other,
        };
        return GC_FLAGS.iter().find(|(name, _)| *name == flag).map_or(
            JvmFlag::Other,
            |(_, gc)| JvmFlag::Gc {
                name: (*gc).to_string(),
                enabled,
            },
        );
    }
    if let Some(rest) = option.strip_prefix("-D") {
        let (key, value) = rest.split_once('=').unwrap_or((rest, ""));
        return JvmFlag::SystemProperty {
            key: key.to_string(),
            value: value.to_string(),
        };
    }
    if option == "--add-modules" {
        return JvmFlag::AddModulesNext;
    }
    if let Some(list) = option.strip_prefix("--add-modules=") {
        return JvmFlag::AddModules(split_modules(list));
    }
    if option.starts_with("--add-modules") {
        return JvmFlag::Invalid {
            option: "--add-modules",
            message: format!(
                "{option:?} is one argument (jvm.config lines are not split); write \
                 --add-modules=<modules>"
            ),
        };
    }
    JvmFlag::Other
}

fn split_modules(list: &str) -> Vec<String> {
    list.split(',')
        .filter(|m| !m.is_empty())
        .map(str::to_string)
        .collect()
}

/// The settings that matter for sizing and checking a Trino JVM, with the line that set them.
/// For single-valued settings the last occurrence wins, as in the JVM.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JvmSummary {
    /// `-Xmx` / `-XX:MaxHeapSize` in bytes, with its line.
    pub max_heap: Option<(u64, usize)>,
    /// `-Xms` / `-XX:InitialHeapSize` in bytes, with its line.
    pub initial_heap: Option<(u64, usize)>,
    /// `-XX:MaxRAMPercentage`, with its line.
    pub max_ram_percentage: Option<(f64, usize)>,
    /// `-XX:InitialRAMPercentage`, with its line.
    pub initial_ram_percentage: Option<(f64, usize)>,
    /// The collector selected last among those still enabled at the end.
    pub gc: Option<(String, usize)>,
    /// Every collector enabled at the end (each with the line that enabled it last), in line
    /// order. More than one means the JVM refuses to start ("Conflicting collector
    /// combinations").
    pub gc_enabled: Vec<(String, usize)>,
    /// `-XX:ReservedCodeCacheSize` in bytes, with its line.
    pub reserved_code_cache: Option<(u64, usize)>,
    /// `-XX:MaxDirectMemorySize` in bytes, with its line.
    pub max_direct_memory: Option<(u64, usize)>,
    /// Modules of every `--add-modules`, in order.
    pub add_modules: Vec<String>,
    /// Every `-D` option in order (key, value, line); the JVM keeps the last of a key.
    pub system_properties: Vec<(String, String, usize)>,
    /// Recognised options with values the JVM rejects: (line, message).
    pub invalid: Vec<(usize, String)>,
}

/// Interprets the options of a `jvm.config`.
pub fn summarize(options: &[JvmOption]) -> JvmSummary {
    let mut s = JvmSummary::default();
    // Last setting of each collector flag: (name, enabled, line).
    let mut gcs: Vec<(String, bool, usize)> = Vec::new();
    let mut i = 0;
    while i < options.len() {
        let opt = &options[i];
        let line = opt.line;
        i += 1;
        match classify(&opt.text) {
            JvmFlag::MaxHeapSize(n) => s.max_heap = Some((n, line)),
            JvmFlag::InitialHeapSize(n) => s.initial_heap = Some((n, line)),
            JvmFlag::MaxRamPercentage(p) => s.max_ram_percentage = Some((p, line)),
            JvmFlag::InitialRamPercentage(p) => s.initial_ram_percentage = Some((p, line)),
            JvmFlag::MaxDirectMemorySize(n) => s.max_direct_memory = Some((n, line)),
            JvmFlag::ReservedCodeCacheSize(n) => s.reserved_code_cache = Some((n, line)),
            JvmFlag::Gc { name, enabled } => {
                gcs.retain(|(n, _, _)| *n != name);
                gcs.push((name, enabled, line));
            }
            JvmFlag::SystemProperty { key, value } => s.system_properties.push((key, value, line)),
            JvmFlag::AddModules(modules) => s.add_modules.extend(modules),
            JvmFlag::AddModulesNext => match options.get(i) {
                Some(next) => {
                    s.add_modules.extend(split_modules(&next.text));
                    i += 1;
                }
                None => s
                    .invalid
                    .push((line, "--add-modules requires modules to follow".to_string())),
            },
            JvmFlag::Invalid { message, .. } => s.invalid.push((line, message)),
            JvmFlag::Other => {}
        }
    }
    s.gc_enabled = gcs
        .into_iter()
        .filter(|(_, enabled, _)| *enabled)
        .map(|(name, _, line)| (name, line))
        .collect();
    s.gc_enabled.sort_by_key(|(_, line)| *line);
    s.gc = s.gc_enabled.last().cloned();
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const G: u64 = 1 << 30;

    #[test]
    fn reads_like_the_launcher() {
        let text = "# comment\n-server\r\n\n   \t\n  -Xmx16G  \r  # indented comment\n\
                    -Dfoo=a b \"c\"\n\x1c-XX:+UseG1GC\x1f\u{a0}\n#-Xmx1G";
        let options = parse(text);
        let texts: Vec<_> = options.iter().map(|o| o.text.as_str()).collect();
        assert_eq!(
            texts,
            ["-server", "-Xmx16G", "-Dfoo=a b \"c\"", "-XX:+UseG1GC"]
        );
        let lines: Vec<_> = options.iter().map(|o| o.line).collect();
        assert_eq!(lines, [2, 5, 7, 8]);
        for o in &options {
            assert_eq!(&text[o.span.clone()], o.text);
        }
        assert!(parse("").is_empty());
        assert!(parse("\n\r\n\r").is_empty());
        assert_eq!(parse("a\rb\r\nc\n")[2].line, 3);
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_jvm_size("0"), Some(0));
        assert_eq!(parse_jvm_size("1024"), Some(1024));
        assert_eq!(parse_jvm_size("512k"), Some(512 << 10));
        assert_eq!(parse_jvm_size("512K"), Some(512 << 10));
        assert_eq!(parse_jvm_size("80m"), Some(80 << 20));
        assert_eq!(parse_jvm_size("16G"), Some(16 * G));
        assert_eq!(parse_jvm_size("2t"), Some(2 << 40));
        assert_eq!(parse_jvm_size("0x10"), Some(16));
        assert_eq!(parse_jvm_size("0x1G"), Some(G));
        assert_eq!(parse_jvm_size("18446744073709551615"), Some(u64::MAX));
        for bad in [
            "",
            "G",
            "-1",
            "+1",
            " 1",
            "1 ",
            "1GB",
            "1g ",
            "1.5G",
            "0x",
            "0xg",
            "1b",
            "18446744073709551616",
            "16777216T",
            "16777215t0",
            "1é",
        ] {
            assert_eq!(parse_jvm_size(bad), None, "{bad:?}");
        }
        assert_eq!(parse_jvm_size("16777215T"), Some(16_777_215 << 40));
    }

    #[test]
    fn doubles() {
        for (text, value) in [
            ("80", 80.0),
            ("80.5", 80.5),
            ("00080", 80.0),
            (".5", 0.5),
            ("5.", 5.0),
            ("+5", 5.0),
            ("-0", 0.0),
            ("1e1", 10.0),
            ("1.5E+1", 15.0),
            ("0x10", 16.0),
            ("0x1.8p1", 3.0),
            ("0X.8", 0.5),
            ("-0x1p-1", -0.5),
        ] {
            assert_eq!(parse_jvm_double(text), Some(value), "{text:?}");
        }
        for bad in [
            "", " 5", "5 ", "nan", "inf", "-inf", "infinity", "1e999", "1.5.5", "50.5x", "1k",
            "0x", "0x.", "0xp1", "0x1p", "0x1g", ".", "+", "5%", "1,5",
        ] {
            assert_eq!(parse_jvm_double(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn formatting() {
        assert_eq!(format_jvm_size(16 * G), "16G");
        assert_eq!(format_jvm_size(13107 << 20), "13107M");
        assert_eq!(format_jvm_size(512 << 10), "512k");
        assert_eq!(format_jvm_size(1 << 40), "1T");
        assert_eq!(format_jvm_size(1000), "1000");
        assert_eq!(format_jvm_size(0), "0");
        for n in [
            0,
            1,
            1023,
            1024,
            1536,
            3 << 20,
            u64::MAX,
            u64::MAX - 1023,
            7 << 40,
        ] {
            assert_eq!(parse_jvm_size(&format_jvm_size(n)), Some(n));
        }
    }

    #[test]
    fn classifies() {
        assert_eq!(classify("-Xmx16G"), JvmFlag::MaxHeapSize(16 * G));
        assert_eq!(classify("-XX:MaxHeapSize=1g"), JvmFlag::MaxHeapSize(G));
        assert_eq!(classify("-Xms1G"), JvmFlag::InitialHeapSize(G));
        assert_eq!(
            classify("-XX:InitialHeapSize=1024"),
            JvmFlag::InitialHeapSize(1024)
        );
        assert_eq!(
            classify("-XX:MaxRAMPercentage=80"),
            JvmFlag::MaxRamPercentage(80.0)
        );
        assert_eq!(
            classify("-XX:InitialRAMPercentage=12.5"),
            JvmFlag::InitialRamPercentage(12.5)
        );
        assert_eq!(
            classify("-XX:MaxDirectMemorySize=2g"),
            JvmFlag::MaxDirectMemorySize(2 * G)
        );
        assert_eq!(
            classify("-XX:ReservedCodeCacheSize=512M"),
            JvmFlag::ReservedCodeCacheSize(512 << 20)
        );
        assert_eq!(
            classify("-XX:+UseG1GC"),
            JvmFlag::Gc {
                name: "G1".into(),
                enabled: true
            }
        );
        assert_eq!(
            classify("-XX:-UseZGC"),
            JvmFlag::Gc {
                name: "Z".into(),
                enabled: false
            }
        );
        assert_eq!(classify("-XX:+UseG1GCX"), JvmFlag::Other);
        assert_eq!(classify("-XX:UseG1GC"), JvmFlag::Other);
        assert_eq!(
            classify("-Dfile.encoding=UTF-8"),
            JvmFlag::SystemProperty {
                key: "file.encoding".into(),
                value: "UTF-8".into()
            }
        );
        assert_eq!(
            classify("-Da=b=c"),
            JvmFlag::SystemProperty {
                key: "a".into(),
                value: "b=c".into()
            }
        );
        assert_eq!(
            classify("-Dflag"),
            JvmFlag::SystemProperty {
                key: "flag".into(),
                value: String::new()
            }
        );
        assert_eq!(
            classify("--add-modules=a,b,,c"),
            JvmFlag::AddModules(vec!["a".into(), "b".into(), "c".into()])
        );
        assert_eq!(
            classify("-D=x"),
            JvmFlag::SystemProperty {
                key: String::new(),
                value: "x".into()
            }
        );
        assert_eq!(classify("--add-modules"), JvmFlag::AddModulesNext);
        for bad in [
            "-Xmx",
            "-Xmx 16G",
            "-Xmx16GB",
            "-Xms-1",
            "-XX:MaxRAMPercentage=101",
            "-XX:MaxRAMPercentage=nan",
            "-XX:MaxRAMPercentage= 5",
            "-XX:MaxRAMPercentage=",
            "-XX:ReservedCodeCacheSize=1.5g",
            "--add-modules a",
        ] {
            assert!(matches!(classify(bad), JvmFlag::Invalid { .. }), "{bad:?}");
        }
        assert_eq!(classify("-server"), JvmFlag::Other);
        assert_eq!(classify("-XX:+ExitOnOutOfMemoryError"), JvmFlag::Other);
    }

    #[test]
    fn summary_last_wins() {
        let text = "\
-Xmx8G
-Xms1G
-XX:+UseParallelGC
-XX:+UseG1GC
-XX:-UseParallelGC
-Xmx16G
-XX:MaxRAMPercentage=75
-XX:InitialRAMPercentage=10
-XX:ReservedCodeCacheSize=512M
-XX:MaxDirectMemorySize=1G
--add-modules=jdk.incubator.vector
--add-modules
a,b
-Dx=1
-Dx=2
-Xmx 4G
";
        let s = summarize(&parse(text));
        assert_eq!(s.max_heap, Some((16 * G, 6)));
        assert_eq!(s.initial_heap, Some((G, 2)));
        assert_eq!(s.max_ram_percentage, Some((75.0, 7)));
        assert_eq!(s.initial_ram_percentage, Some((10.0, 8)));
        assert_eq!(s.reserved_code_cache, Some((512 << 20, 9)));
        assert_eq!(s.max_direct_memory, Some((G, 10)));
        assert_eq!(s.gc, Some(("G1".to_string(), 4)));
        assert_eq!(s.gc_enabled, vec![("G1".to_string(), 4)]);
        assert_eq!(s.add_modules, ["jdk.incubator.vector", "a", "b"]);
        assert_eq!(
            s.system_properties,
            vec![("x".into(), "1".into(), 14), ("x".into(), "2".into(), 15)]
        );
        assert_eq!(s.invalid.len(), 1);
        assert_eq!(s.invalid[0].0, 16);

        let s = summarize(&parse("-XX:+UseZGC\n-XX:+UseG1GC\n--add-modules"));
        assert_eq!(s.gc, Some(("G1".to_string(), 2)));
        assert_eq!(s.gc_enabled.len(), 2);
        assert_eq!(s.invalid.len(), 1);
        assert_eq!(summarize(&[]), JvmSummary::default());
    }
}
