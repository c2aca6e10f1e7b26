//! The catalogue's static tables, generated at build time by `crates/core/build.rs` from
//! `crates/core/data/catalogue.tsv`, and the values built from them on first use.
//!
//! The tables hold no pointers, only numbers: strings are [`Str`] references into one text,
//! `STRINGS`, in which each string is stored once, and rows refer to other rows by index. So
//! the loader has nothing to relocate and the data stays in read-only pages that are only read
//! where a lookup touches them. The values the API hands out by reference ([`PropertyInfo`],
//! [`EnumInfo`], string lists, list element types) are built from their rows the first time
//! they are asked for and kept in `OnceLock` cells: properties in chunks of 32, the small pools
//! whole.
//!
//! Layout of the generated file:
//!
//! - `DIRECT` and one `TEMPLATE_<n>` per prefixed config class: key tables ([`Entry`]) sorted
//!   by name, for binary search. An entry owns a contiguous run of `RECORDS`, in TSV order.
//! - `RECORDS`: [`Record`]s that refer by index to the pools below.
//! - Pools, each value stored once: `PROPERTIES` ([`PropertyRow`]), `LISTS` (string lists:
//!   scope sets, legacy names' replacements, enum constants, standard types, log levels),
//!   `ENUMS` ([`EnumRow`], sorted by name) with their `SPELLINGS`, `KINDS` ([`KindRow`], the
//!   types of properties), `ELEMENTS` (the element types of lists and sets) and `CHANGES`
//!   (release-note entries).
//! - `SCOPES`, `PREFIXES`, `MIGRATIONS`, `RELEASES`, `RELEASE_PATTERNS`, and `CATALOGUE`, the
//!   [`Catalogue`] of release 482 that ties them together.
//!
//! Records point into pools rather than holding their values so that the catalogue of another
//! release can be added as key tables of its own over the same pools, storing only what
//! differs.

use std::fmt;
use std::sync::OnceLock;

use super::{
    Catalogue, Change, EnumInfo, EnumParsing, Normalization, PropertyInfo, ReleaseChange, ValueKind,
};

/// A string of `STRINGS`: its start in the high 20 bits, its length in the low 12.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Str(u32);

impl Str {
    /// The string.
    pub(super) fn get(self) -> &'static str {
        let start = (self.0 >> 12) as usize;
        let len = (self.0 & 0xfff) as usize;
        &STRINGS[start..start + len]
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.get())
    }
}

/// What one line of the TSV says about a key, by index into the pools.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Record {
    /// A property: index into `PROPERTIES`.
    Property(u16),
    /// A legacy name.
    Legacy {
        /// Index into `LISTS`: where the name is read (empty in a template).
        scopes: u16,
        /// Index into `LISTS`: the current names, at least one.
        replacements: u16,
    },
    /// A defunct name.
    Defunct {
        /// Index into `LISTS`: where the name is read (empty in a template).
        scopes: u16,
    },
}

/// A key and its records.
#[derive(Debug)]
pub(super) struct Entry {
    /// The key.
    pub(super) name: Str,
    /// Index of its first record in `RECORDS`.
    pub(super) first: u16,
    /// How many records it has (at least one).
    pub(super) len: u16,
}

impl Entry {
    /// The records of the key.
    pub(super) fn records(&self) -> &'static [Record] {
        let first = usize::from(self.first);
        &RECORDS[first..first + usize::from(self.len)]
    }
}

/// The keys of a config class that is bound under prefixes (`<prefix>.http-client.*`).
#[derive(Debug)]
pub(super) struct Template {
    /// The template id, e.g. `http-client` (for `Debug` output and the tests).
    #[allow(dead_code)]
    pub(super) id: Str,
    /// Its keys without prefix, sorted by name.
    pub(super) entries: &'static [Entry],
}

/// In `scope`, the key `<prefix>.<key>` is the template's `<key>`.
#[derive(Debug)]
pub(super) struct PrefixBinding {
    /// The scope id.
    pub(super) scope: Str,
    /// The prefix, without the dot.
    pub(super) prefix: Str,
    /// Index into the catalogue's templates.
    pub(super) template: usize,
}

impl PrefixBinding {
    /// The rest of `name` after `<prefix>.`.
    pub(super) fn strip<'n>(&self, name: &'n str) -> Option<&'n str> {
        name.strip_prefix(self.prefix.get())?.strip_prefix('.')
    }
}

/// A run of `CHANGES`: what the release notes say about one key or pattern.
#[derive(Debug, Clone, Copy)]
pub(super) struct Changes {
    first: u16,
    len: u16,
}

impl Changes {
    /// The changes, in TSV order.
    pub(super) fn get(self) -> &'static [ReleaseChange] {
        let first = usize::from(self.first);
        &CHANGES[first..first + usize::from(self.len)]
    }
}

/// A property, for [`property`]. Flag bits: 1 coordinator only, 2 deprecated, 4 security
/// sensitive, 8 hidden, 16 prefixed.
#[derive(Debug)]
pub(super) struct PropertyRow {
    name: Str,
    /// Index into `KINDS`.
    kind: u16,
    /// Index into `LISTS`.
    scopes: u16,
    flags: u8,
}

/// A value type, for [`value_kind`].
#[derive(Debug)]
pub(super) enum KindRow {
    /// A type without data.
    Plain(ValueKind),
    /// Index into `ENUMS`.
    Enum(u16),
    /// The simple Java name.
    Other(Str),
    /// Index of the element type in `KINDS`.
    List(u16),
    /// Index of the element type in `KINDS`.
    Set(u16),
}

/// An enum, for [`enum_info`].
#[derive(Debug)]
pub(super) struct EnumRow {
    pub(super) name: Str,
    parsing: EnumParsing,
    /// Index into `LISTS`.
    constants: u16,
    /// First index into `SPELLINGS` and count.
    spellings: (u16, u16),
}

include!(concat!(env!("OUT_DIR"), "/catalogue_tables.rs"));

// ---------------------------------------------------------------------------------------------
// Values built on first use
// ---------------------------------------------------------------------------------------------

/// Properties are built in chunks of this many: a lookup builds the few it needs.
const CHUNK: usize = 32;

static PROPERTY_CHUNKS: [OnceLock<Box<[PropertyInfo]>>; PROPERTY_COUNT.div_ceil(CHUNK)] =
    [const { OnceLock::new() }; PROPERTY_COUNT.div_ceil(CHUNK)];
static ELEMENT_KINDS: [OnceLock<ValueKind>; ELEMENT_COUNT] =
    [const { OnceLock::new() }; ELEMENT_COUNT];
static ENUM_INFOS: OnceLock<Box<[EnumInfo]>> = OnceLock::new();
static LIST_STRINGS: OnceLock<Box<[&str]>> = OnceLock::new();
static SPELLING_STRINGS: OnceLock<Box<[(&str, &str)]>> = OnceLock::new();

/// The sorted enum rows.
pub(super) fn enums() -> &'static [EnumRow] {
    &ENUMS
}

/// The property at `index` in the pool.
pub(super) fn property(index: u16) -> &'static PropertyInfo {
    let i = usize::from(index);
    let start = i / CHUNK * CHUNK;
    let chunk = PROPERTY_CHUNKS[i / CHUNK].get_or_init(|| {
        let end = (start + CHUNK).min(PROPERTIES.len());
        PROPERTIES[start..end].iter().map(build_property).collect()
    });
    &chunk[i - start]
}

fn build_property(row: &PropertyRow) -> PropertyInfo {
    let flag = |bit: u8| row.flags & bit != 0;
    PropertyInfo {
        name: row.name.get(),
        kind: value_kind(&KINDS[usize::from(row.kind)]),
        coordinator_only: flag(1),
        deprecated: flag(2),
        security_sensitive: flag(4),
        hidden: flag(8),
        scopes: list(row.scopes),
        prefixed: flag(16),
    }
}

/// The scope ids of the property at `index`, without building the property.
pub(super) fn property_scopes(index: u16) -> &'static [&'static str] {
    list(PROPERTIES[usize::from(index)].scopes)
}

/// The string list at `index` in the pool.
pub(super) fn list(index: u16) -> &'static [&'static str] {
    let strings = LIST_STRINGS.get_or_init(|| LIST_ITEMS.iter().map(|s| s.get()).collect());
    let (first, len) = LISTS[usize::from(index)];
    let first = usize::from(first);
    &strings[first..first + usize::from(len)]
}

/// The enum at `index` in the pool.
pub(super) fn enum_info(index: usize) -> &'static EnumInfo {
    &ENUM_INFOS.get_or_init(|| ENUMS.iter().map(build_enum).collect())[index]
}

fn build_enum(row: &EnumRow) -> EnumInfo {
    let spellings = SPELLING_STRINGS
        .get_or_init(|| SPELLINGS.iter().map(|(s, c)| (s.get(), c.get())).collect());
    let (first, len) = (usize::from(row.spellings.0), usize::from(row.spellings.1));
    EnumInfo {
        name: row.name.get(),
        constants: list(row.constants),
        parsing: row.parsing,
        spellings: &spellings[first..first + len],
    }
}

fn value_kind(row: &KindRow) -> ValueKind {
    match row {
        KindRow::Plain(kind) => kind.clone(),
        KindRow::Enum(e) => ValueKind::Enum(enum_info(usize::from(*e))),
        KindRow::Other(name) => ValueKind::Other(name.get()),
        KindRow::List(element) => ValueKind::List(element_kind(*element)),
        KindRow::Set(element) => ValueKind::Set(element_kind(*element)),
    }
}

/// The element type at `index` in the pool of list and set elements.
fn element_kind(index: u16) -> &'static ValueKind {
    let i = usize::from(index);
    ELEMENT_KINDS[i].get_or_init(|| value_kind(&ELEMENTS[i]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every index of a row points into its pool, and every string reference into `STRINGS`.
    #[test]
    fn indexes_are_in_range() {
        let str_ok = |s: Str| {
            let (start, len) = ((s.0 >> 12) as usize, (s.0 & 0xfff) as usize);
            assert!(STRINGS.get(start..start + len).is_some(), "{:#x}", s.0);
        };
        let list_ok = |i: u16| assert!(usize::from(i) < LISTS.len(), "list {i}");
        for record in &RECORDS {
            match *record {
                Record::Property(i) => assert!(usize::from(i) < PROPERTIES.len()),
                Record::Legacy {
                    scopes,
                    replacements,
                } => {
                    list_ok(scopes);
                    list_ok(replacements);
                    assert!(!list(replacements).is_empty());
                }
                Record::Defunct { scopes } => list_ok(scopes),
            }
        }
        let entries = DIRECT
            .iter()
            .chain(TEMPLATES.iter().flat_map(|t| t.entries));
        for entry in entries {
            str_ok(entry.name);
            assert!(entry.len > 0);
            assert!(usize::from(entry.first) + usize::from(entry.len) <= RECORDS.len());
        }
        for row in &PROPERTIES {
            str_ok(row.name);
            assert!(usize::from(row.kind) < KINDS.len());
            list_ok(row.scopes);
            assert!(row.flags < 32);
        }
        let kinds = KINDS.iter().map(|row| (usize::MAX, row));
        for (index, row) in kinds.chain(ELEMENTS.iter().enumerate()) {
            match *row {
                KindRow::Plain(ref kind) => assert!(!matches!(
                    kind,
                    ValueKind::Enum(_)
                        | ValueKind::List(_)
                        | ValueKind::Set(_)
                        | ValueKind::Other(_)
                )),
                KindRow::Enum(e) => assert!(usize::from(e) < ENUMS.len()),
                KindRow::Other(name) => str_ok(name),
                // An element comes before the lists of it: building one never waits on itself.
                KindRow::List(el) | KindRow::Set(el) => {
                    assert!(usize::from(el) < index.min(ELEMENTS.len()))
                }
            }
        }
        for row in &ENUMS {
            str_ok(row.name);
            list_ok(row.constants);
            let (first, len) = (usize::from(row.spellings.0), usize::from(row.spellings.1));
            assert!(first + len <= SPELLINGS.len());
        }
        for &(first, len) in &LISTS {
            assert!(usize::from(first) + usize::from(len) <= LIST_ITEMS.len());
        }
        for &s in LIST_ITEMS
            .iter()
            .chain(SPELLINGS.iter().flat_map(|(a, b)| [a, b]))
        {
            str_ok(s);
        }
        for (_, changes) in RELEASES.iter().chain(&RELEASE_PATTERNS) {
            assert!(usize::from(changes.first) + usize::from(changes.len) <= CHANGES.len());
        }
        for binding in &PREFIXES {
            assert!(binding.template < TEMPLATES.len());
        }
        list_ok(CATALOGUE.standard_types);
        list_ok(CATALOGUE.log_levels);
    }
}
