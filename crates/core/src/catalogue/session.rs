//! Trino's system session properties: the names `SET SESSION` takes without a catalog
//! (`query_max_run_time`), release by release, and how Trino decodes each value.
//!
//! The data (`crates/core/data/session-properties.tsv`, sources in its header) is compiled into
//! a static table by the build script (`crates/core/build/session_properties.rs`). A property
//! holds in a [`Catalogue`] when any of the catalogue's releases has it, as
//! configuration keys do: a release between two known ones accepts what either accepts.

use super::{tables, Catalogue};
use crate::values;

/// One system session property: a row of the compiled table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionProperty {
    name: &'static str,
    /// The type's index in [`SessionKind`]'s order, plus [`SPOOLING`].
    code: u8,
    /// For an enum, its constants in `ENUM_CONSTANTS`; for a number, its bound in `LIMITS`.
    aux: u8,
    /// The known releases that have it, one bit per release (oldest first).
    releases: u8,
}

/// The flag of `SessionProperty::code` for a property of `SpoolingSessionProperties`.
const SPOOLING: u8 = 16;

/// What Trino makes of a session property value that is not what it should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Read as something else without a word (a boolean other than `true` is false).
    ReadAs(String),
    /// Not a number: Java's `valueOf`, called before Trino decodes the value, throws
    /// `NumberFormatException`.
    NotANumber(String),
    /// Decoded and refused, or refused by the property's validator: `INVALID_SESSION_PROPERTY`.
    Invalid(String),
}

impl Refusal {
    /// Why, quoting the value.
    pub fn message(&self) -> &str {
        match self {
            Refusal::ReadAs(m) | Refusal::NotANumber(m) | Refusal::Invalid(m) => m,
        }
    }
}

/// How `SessionPropertyManager` decodes a session property's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    /// `Boolean.valueOf`: `true` in any case is true, anything else false.
    Boolean,
    /// `Integer.valueOf`.
    Integer,
    /// `Long.valueOf`.
    Bigint,
    /// `Double.valueOf`.
    Double,
    /// Any text.
    Varchar,
    /// An airlift `Duration` (`30m`).
    Duration,
    /// An airlift `DataSize` (`16GB`).
    DataSize,
    /// `Enum.valueOf` of the value in upper case; the constants, comma-separated.
    Enum(&'static str),
}

/// The bound a numeric session property's validator enforces once the value is decoded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Limit {
    /// Any number of the type.
    None,
    /// A power of two (`task_concurrency`).
    PowerOfTwo,
    /// At least this.
    AtLeast(f64),
    /// From the first to the second, both included.
    Within(f64, f64),
}

impl SessionProperty {
    /// The name, e.g. `query_max_run_time`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// How Trino decodes a value.
    pub fn kind(&self) -> SessionKind {
        match self.code & !SPOOLING {
            0 => SessionKind::Boolean,
            1 => SessionKind::Integer,
            2 => SessionKind::Bigint,
            3 => SessionKind::Double,
            5 => SessionKind::Duration,
            6 => SessionKind::DataSize,
            7 => SessionKind::Enum(ENUM_CONSTANTS[usize::from(self.aux)]),
            _ => SessionKind::Varchar,
        }
    }

    /// The bound a number's validator enforces.
    pub fn limit(&self) -> Limit {
        match self.kind() {
            SessionKind::Integer | SessionKind::Bigint | SessionKind::Double => {
                LIMITS[usize::from(self.aux)]
            }
            _ => Limit::None,
        }
    }

    /// Whether the property exists only while the spooling protocol is enabled
    /// (`protocol.spooling.enabled=true` registers `SpoolingSessionProperties`).
    pub fn spooling(&self) -> bool {
        self.code & SPOOLING != 0
    }

    /// The known releases that have the property, oldest first.
    pub fn releases(&self) -> Vec<u32> {
        tables::known()
            .iter()
            .enumerate()
            .filter(|(i, _)| self.releases & (1 << i) != 0)
            .map(|(_, (r, _))| *r)
            .collect()
    }

    /// Checks `value` the way Trino decodes it when a query begins.
    ///
    /// # Errors
    /// What Trino does with it instead, with a message quoting the value and the accepted forms.
    pub fn check(&self, value: &str) -> Result<(), Refusal> {
        match self.kind() {
            SessionKind::Varchar => Ok(()),
            SessionKind::Boolean => {
                if value.eq_ignore_ascii_case("true") || value.eq_ignore_ascii_case("false") {
                    Ok(())
                } else {
                    Err(Refusal::ReadAs(format!(
                        "`{value}` is not `true` or `false`; Trino reads it as false"
                    )))
                }
            }
            SessionKind::Integer => {
                let n = values::parse_int(value).map_err(Refusal::NotANumber)?;
                self.bounded(n.into(), value)
            }
            SessionKind::Bigint => {
                let n = values::parse_long(value).map_err(Refusal::NotANumber)?;
                // A long is exact as a double up to 2^53; the bounds are small numbers.
                #[allow(clippy::cast_precision_loss)]
                self.bounded(n as f64, value)
            }
            SessionKind::Double => {
                let n = values::parse_double(value).map_err(Refusal::NotANumber)?;
                self.bounded(n, value)
            }
            SessionKind::Duration => values::parse_duration(value)
                .map(drop)
                .map_err(Refusal::Invalid),
            SessionKind::DataSize => values::parse_data_size(value)
                .map(drop)
                .map_err(Refusal::Invalid),
            SessionKind::Enum(constants) => {
                let upper = value.to_uppercase();
                if constants.split(',').any(|c| c == upper) {
                    Ok(())
                } else {
                    let accepted: Vec<&str> = constants.split(',').collect();
                    Err(Refusal::Invalid(format!(
                        "`{value}` is not accepted: use {}",
                        values::one_of(&accepted)
                    )))
                }
            }
        }
    }

    /// Checks a decoded number against the property's bound, as its validator does: Java's
    /// `value < min` and `value > max`, which a NaN passes.
    fn bounded(&self, n: f64, value: &str) -> Result<(), Refusal> {
        let why = match self.limit() {
            // `validateValueIsPowerOfTwo`: Integer.bitCount(value) == 1.
            Limit::PowerOfTwo if !(n >= 1.0 && n.log2().fract() == 0.0) => {
                format!("`{value}` is not a power of 2")
            }
            Limit::AtLeast(min) if n < min => format!("`{value}` is less than {min}"),
            Limit::Within(min, max) if n < min || n > max => {
                format!("`{value}` is outside {min} to {max}")
            }
            _ => return Ok(()),
        };
        Err(Refusal::Invalid(why))
    }
}

/// Every system session property of any known release, sorted by name.
pub fn all_session_properties() -> &'static [SessionProperty] {
    &SESSION_PROPERTIES
}

// `SESSION_PROPERTIES`, compiled by the build script from the table.
include!(concat!(env!("OUT_DIR"), "/session_tables.rs"));

/// The system session property `name` of any known release.
pub fn session_property_of_any_release(name: &str) -> Option<&'static SessionProperty> {
    let all = all_session_properties();
    let i = all.binary_search_by(|p| p.name.cmp(name)).ok()?;
    Some(&all[i])
}

impl Catalogue {
    /// The system session property `name` of this catalogue's releases.
    pub fn session_property(&self, name: &str) -> Option<&'static SessionProperty> {
        session_property_of_any_release(name).filter(|p| p.releases & self.releases != 0)
    }

    /// The names of this catalogue's system session properties, sorted.
    pub fn session_property_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        all_session_properties()
            .iter()
            .filter(|p| p.releases & self.releases != 0)
            .map(|p| p.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{catalogue, catalogue_for};

    #[test]
    fn the_table_reads() {
        let all = all_session_properties();
        assert!(all.len() > 150, "{}", all.len());
        let p = catalogue().session_property("query_max_run_time").unwrap();
        assert_eq!(p.kind(), SessionKind::Duration);
        assert_eq!(p.releases(), [435, 451, 468, 476, 479, 480, 481, 482]);
        assert!(catalogue()
            .session_property("spooling_inlining_enabled")
            .is_some_and(SessionProperty::spooling));
    }

    #[test]
    fn properties_hold_in_their_releases() {
        for (release, name, holds) in [
            // Removed in 480.
            (479, "enable_large_dynamic_filters", true),
            (480, "enable_large_dynamic_filters", false),
            // Added in 481.
            (480, "adaptive_filter_reordering_enabled", false),
            (482, "adaptive_filter_reordering_enabled", true),
            // Removed in 470: Trino 470 lies between 468, which has it, and 476.
            (470, "optimize_hash_generation", true),
            (482, "optimize_hash_generation", false),
        ] {
            assert_eq!(
                catalogue_for(release).session_property(name).is_some(),
                holds,
                "{name} in {release}"
            );
        }
        let names: Vec<_> = catalogue().session_property_names().collect();
        assert!(names.contains(&"retry_policy") && !names.contains(&"exchange_compression"));
    }

    #[test]
    fn values_are_decoded_as_trino_decodes_them() {
        let p = |n| catalogue().session_property(n).unwrap();
        assert!(p("query_max_run_time").check("8h").is_ok());
        assert!(matches!(
            p("query_max_run_time").check("8 hours"),
            Err(Refusal::Invalid(m)) if m.contains("8 hours")
        ));
        assert!(p("query_max_memory").check("16GB").is_ok());
        assert!(p("query_max_memory").check("16G").is_err());
        assert!(p("join_distribution_type").check("partitioned").is_ok());
        assert_eq!(
            p("join_distribution_type").check("PARTITION"),
            Err(Refusal::Invalid(
                "`PARTITION` is not accepted: use `BROADCAST`, `PARTITIONED` or `AUTOMATIC`".into()
            ))
        );
        assert!(p("scale_writers").check("TRUE").is_ok());
        assert!(matches!(
            p("scale_writers").check("yes"),
            Err(Refusal::ReadAs(m)) if m.contains("reads it as false")
        ));
        assert!(p("query_priority").check("3").is_ok());
        assert!(matches!(
            p("query_priority").check("3.5"),
            Err(Refusal::NotANumber(_))
        ));
        assert!(p("time_zone_id").check("anything").is_ok());
        assert!(p("task_concurrency").check("16").is_ok());
        assert_eq!(
            p("task_concurrency").check("6"),
            Err(Refusal::Invalid("`6` is not a power of 2".into()))
        );
        assert!(p("task_concurrency").check("0").is_err());
        assert!(p("task_concurrency").check("-4").is_err());
        assert_eq!(
            p("max_reordered_joins").check("1"),
            Err(Refusal::Invalid("`1` is less than 2".into()))
        );
        assert!(p("max_reordered_joins").check("8").is_ok());
        assert_eq!(
            p("filter_conjunction_independence_factor").check("1.5"),
            Err(Refusal::Invalid("`1.5` is outside 0 to 1".into()))
        );
        assert!(p("filter_conjunction_independence_factor")
            .check("0.75")
            .is_ok());
        assert!(p("min_input_rows_per_task").check("0").is_ok());
        assert!(p("min_input_rows_per_task").check("-1").is_err());
        // Java's comparisons let a NaN through a range check.
        assert!(p("filter_conjunction_independence_factor")
            .check("NaN")
            .is_ok());
    }
}
