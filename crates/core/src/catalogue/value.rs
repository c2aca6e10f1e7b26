//! Value types of properties and how Trino reads a value of each.

use std::borrow::Cow;
use std::fmt;

use crate::values;

/// The type of a property value, as Trino coerces it. Check a value with [`check_value`].
#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind {
    /// Any string.
    String,
    /// `true` or `false`, case-insensitive.
    Boolean,
    /// A Java `int`.
    Int,
    /// A Java `long`.
    Long,
    /// A Java `double`.
    Double,
    /// A Java `BigDecimal`.
    Decimal,
    /// An airlift `DataSize` such as `16GB` ([`values::parse_data_size`]).
    DataSize,
    /// An airlift `Duration` such as `30s` ([`values::parse_duration`]).
    Duration,
    /// A data size or a percentage of the heap such as `30%` ([`values::parse_heap_size`]).
    HeapSize,
    /// A `java.net.URI`.
    Uri,
    /// A `java.io.File` (any string; existence is not checked here).
    File,
    /// A `java.nio.file.Path` (any string).
    Path,
    /// A Guava `HostAndPort` such as `proxy:3128`.
    HostAndPort,
    /// A Java enum.
    Enum(&'static EnumInfo),
    /// A comma-separated list of the element type.
    List(&'static ValueKind),
    /// A comma-separated set of the element type.
    Set(&'static ValueKind),
    /// A type whose accepted values the catalogue does not know (its simple Java name).
    Other(&'static str),
}

impl fmt::Display for ValueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueKind::String => f.write_str("string"),
            ValueKind::Boolean => f.write_str("boolean"),
            ValueKind::Int => f.write_str("int"),
            ValueKind::Long => f.write_str("long"),
            ValueKind::Double => f.write_str("double"),
            ValueKind::Decimal => f.write_str("decimal"),
            ValueKind::DataSize => f.write_str("data size"),
            ValueKind::Duration => f.write_str("duration"),
            ValueKind::HeapSize => f.write_str("heap size"),
            ValueKind::Uri => f.write_str("URI"),
            ValueKind::File => f.write_str("file"),
            ValueKind::Path => f.write_str("path"),
            ValueKind::HostAndPort => f.write_str("host and port"),
            ValueKind::Enum(e) => write!(f, "one of {}", values::one_of(&e.accepted())),
            ValueKind::List(el) => write!(f, "list of {el}"),
            ValueKind::Set(el) => write!(f, "set of {el}"),
            ValueKind::Other(name) => f.write_str(name),
        }
    }
}

/// How an enum reads its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumParsing {
    /// airlift's default: `valueOf(value.toUpperCase())`, then a unique case-insensitive match
    /// with `-` read as `_` (so `total-reservation` finds `TOTAL_RESERVATION`).
    ValueOf,
    /// A static `fromString` that normalises the input and matches [`EnumInfo::spellings`];
    /// with `value_of_fallback` it then tries `valueOf(value.toUpperCase())`.
    FromString {
        /// How `fromString` normalises the input before matching.
        normalization: Normalization,
        /// Whether unmatched input falls back to `valueOf(value.toUpperCase())`.
        value_of_fallback: bool,
    },
}

/// Case normalisation of an enum's `fromString`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Normalization {
    /// `value.toUpperCase()`.
    Upper,
    /// `value.toLowerCase()`.
    Lower,
    /// No normalisation: exact match.
    Exact,
}

/// A Java enum used by a property.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumInfo {
    /// Shortest unique name, e.g. `RetryPolicy` or `GcsFileSystemConfig.AuthType`.
    pub name: &'static str,
    /// The enum constants, in declaration order.
    pub constants: &'static [&'static str],
    /// How values are read.
    pub parsing: EnumParsing,
    /// `fromString` spellings and the constant each maps to (empty for [`EnumParsing::ValueOf`]).
    pub spellings: &'static [(&'static str, &'static str)],
}

impl EnumInfo {
    /// The constant Trino reads `value` as, if it accepts it.
    pub fn parse(&self, value: &str) -> Option<&'static str> {
        let upper = value.to_uppercase();
        let value_of = || self.constants.iter().copied().find(|c| *c == upper);
        match self.parsing {
            EnumParsing::ValueOf => value_of().or_else(|| {
                let wanted = value.replace('-', "_").to_lowercase();
                let mut matches = self.constants.iter().filter(|c| c.to_lowercase() == wanted);
                match (matches.next(), matches.next()) {
                    (Some(c), None) => Some(*c),
                    _ => None,
                }
            }),
            EnumParsing::FromString {
                normalization,
                value_of_fallback,
            } => {
                let normalized = match normalization {
                    Normalization::Upper => Cow::Borrowed(upper.as_str()),
                    Normalization::Lower => Cow::Owned(value.to_lowercase()),
                    Normalization::Exact => Cow::Borrowed(value),
                };
                self.spellings
                    .iter()
                    .find(|(s, _)| *s == normalized)
                    .map(|(_, c)| *c)
                    .or_else(|| if value_of_fallback { value_of() } else { None })
            }
        }
    }

    /// The spellings to show to a user: the `fromString` spellings (plus the constants when it
    /// falls back to `valueOf`), or the constants.
    pub fn accepted(&self) -> Vec<&'static str> {
        match self.parsing {
            EnumParsing::ValueOf => self.constants.to_vec(),
            EnumParsing::FromString {
                value_of_fallback, ..
            } => {
                let mut out: Vec<&'static str> = self.spellings.iter().map(|(s, _)| *s).collect();
                if value_of_fallback {
                    let extra: Vec<&'static str> = self
                        .constants
                        .iter()
                        .copied()
                        .filter(|c| !out.contains(c))
                        .collect();
                    out.extend(extra);
                }
                out
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/// Checks `value` the way Trino coerces it to `kind` (airlift `ConfigurationFactory.coerce`):
/// booleans are `true`/`false` in any case, ints and longs follow `Integer`/`Long.valueOf`,
/// data sizes and durations follow airlift/units (case-sensitive units), enums follow their
/// `fromString` or `valueOf`, heap sizes accept `NN%`, and lists are split on `,` with each
/// trimmed, non-empty item checked.
///
/// Values with a secret placeholder such as `${ENV:NAME}` are resolved at startup and are not
/// checked. The error quotes the value and, where there is an obvious fix, names it:
/// "`16G` is not a Trino data size: use `16GB`".
pub fn check_value(kind: &ValueKind, value: &str) -> Result<(), String> {
    if values::has_secret_placeholder(value) {
        return Ok(());
    }
    check_plain(kind, value)
}

fn check_plain(kind: &ValueKind, value: &str) -> Result<(), String> {
    match kind {
        ValueKind::String | ValueKind::File | ValueKind::Path | ValueKind::Other(_) => Ok(()),
        ValueKind::Boolean => values::parse_boolean(value).map(drop),
        ValueKind::Int => values::parse_int(value).map(drop),
        ValueKind::Long => values::parse_long(value).map(drop),
        ValueKind::Double => values::parse_double(value).map(drop),
        ValueKind::Decimal => values::check_decimal(value),
        ValueKind::DataSize => values::parse_data_size(value).map(drop),
        ValueKind::Duration => values::parse_duration(value).map(drop),
        ValueKind::HeapSize => values::parse_heap_size(value).map(drop),
        ValueKind::Uri => values::check_uri(value),
        ValueKind::HostAndPort => values::check_host_and_port(value),
        ValueKind::Enum(info) => check_enum(info, value),
        ValueKind::List(element) | ValueKind::Set(element) => {
            for item in values::split_list(value) {
                check_plain(element, item).map_err(|e| {
                    if item == value {
                        e
                    } else {
                        format!("in the list `{value}`: {e}")
                    }
                })?;
            }
            Ok(())
        }
    }
}

fn check_enum(info: &EnumInfo, value: &str) -> Result<(), String> {
    if info.parse(value).is_some() {
        return Ok(());
    }
    let accepted = info.accepted();
    let simplify = |s: &str| s.to_lowercase().replace('_', "-");
    let mut msg = format!(
        "`{value}` is not accepted: use {}",
        values::one_of(&accepted)
    );
    if let Some(close) = accepted.iter().find(|a| simplify(a) == simplify(value)) {
        msg = format!("`{value}` is not accepted: use `{close}`");
    }
    Err(msg)
}
