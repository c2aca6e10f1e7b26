//! The catalogue's static tables, generated at build time by `crates/core/build.rs` from
//! `crates/core/data/catalogue.tsv`, and the values built from them on first use.
//!
//! The tables hold no pointers, only numbers and one text: so the loader has nothing to
//! relocate, the data stays in read-only pages that are read only where a lookup touches them,
//! and it compresses about as well as the TSV did (the playground ships it gzipped). In the
//! text, `STRINGS`, every key comes first, one after the other in key-table order; every other
//! string follows once, and [`Str`] refers to it.
//!
//! Keys are numbered in key-table order: the unprefixed keys sorted by name, then the keys of
//! each template (a config class bound under prefixes, `<prefix>.http-client.*`) sorted by name.
//! [`Keys`] is a sorted run of them, searched by binary search. Columns by key: `KEY_LENGTHS`
//! (bytes of the name) and `KEY_RECORDS` (how many records it has, in TSV order). Columns by
//! record: `RECORD_FLAGS` (the kind of record, the property's flags), `RECORD_ARGS` (a
//! property's type in `KINDS`, a legacy name's replacements in `LISTS`), `RECORD_SCOPES`
//! (where the record applies, in `LISTS`) and `RECORD_DEFAULTS` (a property's default: 0 for
//! none, else one more than its index in `DEFAULTS`). Where each key's name and records start
//! is summed up once, on first use ([`Index`]).
//!
//! Pools, each value stored once: `LISTS` (string lists: scope sets, replacements, enum
//! constants, standard types, log levels), `KINDS` (types of properties), `ELEMENTS` (element
//! types of lists and sets), `DEFAULTS` (defaults of properties), `ENUMS` (sorted by name) with their `SPELLINGS`, and `CHANGES`
//! (release-note entries). Then `SCOPES`, `PREFIXES`, `MIGRATIONS`, `RELEASES`,
//! `RELEASE_PATTERNS`, `KNOWN` (the releases the facts describe) and `CATALOGUES`, one
//! [`Catalogue`] per known release and one per pair of neighbouring releases, which tie them
//! together.
//!
//! Every release is in the same tables, stored as differences: `RECORD_RELEASES` (by record),
//! the third field of `SCOPES` and `PrefixBinding::releases` say which releases a fact holds
//! in, one bit per known release; a fact that never changed holds in all. A catalogue is a
//! choice of release bits over the shared tables. A property whose type, flags or default
//! changed has one record per form.
//!
//! The values the API hands out by reference ([`PropertyInfo`], [`EnumInfo`], string lists,
//! element types) are built from their rows the first time they are asked for and kept in
//! `OnceLock` cells: properties in chunks of 16 records, the small pools whole.

// The included tables are generated: their numbers are written without separators.
#![allow(clippy::unreadable_literal)]

use std::cmp::Ordering;
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

/// Record flag bits: the kind of record in the two low bits (0 a property), then the
/// property's flags.
const LEGACY: u8 = 1;
const DEFUNCT: u8 = 2;
const COORDINATOR_ONLY: u8 = 4;
const DEPRECATED: u8 = 8;
const SECURITY_SENSITIVE: u8 = 16;
const HIDDEN: u8 = 32;
const PREFIXED: u8 = 64;

/// What one line of the TSV says about a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Record {
    /// A property: the record's number.
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

/// The record numbered `r`.
pub(super) fn record(r: u16) -> Record {
    let i = usize::from(r);
    let scopes = RECORD_SCOPES[i];
    match RECORD_FLAGS[i] & (LEGACY | DEFUNCT) {
        LEGACY => Record::Legacy {
            scopes,
            replacements: RECORD_ARGS[i],
        },
        DEFUNCT => Record::Defunct { scopes },
        _ => Record::Property(r),
    }
}

/// Where each key's name and records start, summed up from the columns on first use.
struct Index {
    /// Start of key `k`'s name in `STRINGS`; one more for the end of the last.
    key_start: Box<[u32]>,
    /// Number of key `k`'s first record; one more for the end of the last.
    record_start: Box<[u16]>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut key_start = vec![0; KEY_COUNT + 1].into_boxed_slice();
        let mut record_start = vec![0; KEY_COUNT + 1].into_boxed_slice();
        for k in 0..KEY_COUNT {
            key_start[k + 1] = key_start[k] + u32::from(KEY_LENGTHS[k]);
            record_start[k + 1] = record_start[k] + u16::from(KEY_RECORDS[k]);
        }
        Index {
            key_start,
            record_start,
        }
    })
}

impl Index {
    /// Where the name of key `k` is in `STRINGS`.
    fn key_range(&self, k: usize) -> std::ops::Range<usize> {
        self.key_start[k] as usize..self.key_start[k + 1] as usize
    }

    /// The name of key `k`.
    fn key_name(&self, k: usize) -> &'static str {
        &STRINGS[self.key_range(k)]
    }

    /// The key of record `r`.
    fn key_of(&self, r: usize) -> usize {
        self.record_start
            .partition_point(|&start| usize::from(start) <= r)
            - 1
    }
}

/// A key of a key table, by number.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Key(u16);

impl Key {
    /// The key.
    pub(super) fn name(self) -> &'static str {
        index().key_name(usize::from(self.0))
    }

    /// The numbers of its records, at least one, in TSV order, of every release.
    pub(super) fn record_numbers(self) -> std::ops::Range<u16> {
        let starts = &index().record_start;
        let k = usize::from(self.0);
        starts[k]..starts[k + 1]
    }
}

/// The releases record `r` holds in (one bit per known release, oldest lowest), and whether
/// it names a defunct key.
pub(super) fn record_releases(r: u16) -> (u8, bool) {
    let i = usize::from(r);
    (RECORD_RELEASES[i], RECORD_FLAGS[i] & DEFUNCT != 0)
}

/// The known releases, oldest first, with the source revisions their facts come from.
pub(super) fn known() -> &'static [(u32, &'static str)] {
    &KNOWN
}

/// The catalogues: one per known release (in order), then one per pair of neighbours.
pub(super) fn catalogues() -> &'static [Catalogue] {
    &CATALOGUES
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.name())
    }
}

/// A run of consecutive keys, sorted by name.
#[derive(Debug, Clone, Copy)]
pub(super) struct Keys {
    first: u16,
    len: u16,
}

impl Keys {
    /// The keys, sorted.
    pub(super) fn iter(self) -> impl Iterator<Item = Key> {
        (self.first..self.first + self.len).map(Key)
    }

    /// The key `name`, by binary search.
    pub(super) fn find(self, name: &str) -> Option<Key> {
        let index = index();
        let (mut low, mut high) = (self.first, self.first + self.len);
        while low < high {
            let middle = low + (high - low) / 2;
            let key = &STRINGS.as_bytes()[index.key_range(usize::from(middle))];
            match key.cmp(name.as_bytes()) {
                Ordering::Less => low = middle + 1,
                Ordering::Greater => high = middle,
                Ordering::Equal => return Some(Key(middle)),
            }
        }
        None
    }
}

/// The keys of a config class that is bound under prefixes (`<prefix>.http-client.*`).
#[derive(Debug)]
pub(super) struct Template {
    /// The template id, e.g. `http-client` (for `Debug` output and the tests).
    #[allow(dead_code)]
    pub(super) id: Str,
    /// Its keys without prefix.
    pub(super) keys: Keys,
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
    /// The releases that bind it (one bit per known release).
    pub(super) releases: u8,
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

/// A value type, for [`value_kind`].
#[derive(Debug)]
pub(super) enum KindRow {
    /// A type without data.
    Plain(ValueKind),
    /// Index into `ENUMS`.
    Enum(u16),
    /// The simple Java name.
    Other(Str),
    /// A list: index of the element type in `ELEMENTS`.
    List(u16),
    /// A set: index of the element type in `ELEMENTS`.
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

/// Properties are built in chunks of this many records: a lookup builds the few it needs.
const CHUNK: usize = 16;

static PROPERTY_CHUNKS: [OnceLock<Box<[Option<PropertyInfo>]>>; RECORD_COUNT.div_ceil(CHUNK)] =
    [const { OnceLock::new() }; RECORD_COUNT.div_ceil(CHUNK)];
static ELEMENT_KINDS: [OnceLock<ValueKind>; ELEMENT_COUNT] =
    [const { OnceLock::new() }; ELEMENT_COUNT];
static ENUM_INFOS: OnceLock<Box<[EnumInfo]>> = OnceLock::new();
static LIST_STRINGS: OnceLock<Box<[&str]>> = OnceLock::new();
static SPELLING_STRINGS: OnceLock<Box<[(&str, &str)]>> = OnceLock::new();

/// The sorted enum rows.
pub(super) fn enums() -> &'static [EnumRow] {
    &ENUMS
}

/// The property of record `r`, if it is one.
pub(super) fn property(r: u16) -> Option<&'static PropertyInfo> {
    let i = usize::from(r);
    let start = i / CHUNK * CHUNK;
    let chunk = PROPERTY_CHUNKS[i / CHUNK].get_or_init(|| {
        let end = (start + CHUNK).min(RECORD_COUNT);
        (start..end).map(build_property).collect()
    });
    chunk[i - start].as_ref()
}

fn build_property(r: usize) -> Option<PropertyInfo> {
    let flags = RECORD_FLAGS[r];
    if flags & (LEGACY | DEFUNCT) != 0 {
        return None;
    }
    let index = index();
    let flag = |bit: u8| flags & bit != 0;
    Some(PropertyInfo {
        name: index.key_name(index.key_of(r)),
        kind: value_kind(&KINDS[usize::from(RECORD_ARGS[r])]),
        coordinator_only: flag(COORDINATOR_ONLY),
        deprecated: flag(DEPRECATED),
        security_sensitive: flag(SECURITY_SENSITIVE),
        hidden: flag(HIDDEN),
        scopes: list(RECORD_SCOPES[r]),
        prefixed: flag(PREFIXED),
        default: default_of(r),
    })
}

/// The default of record `r`, if it has one.
fn default_of(r: usize) -> Option<&'static str> {
    let d = usize::from(RECORD_DEFAULTS[r]);
    d.checked_sub(1).map(|i| DEFAULTS[i].get())
}

/// The scope ids of a property's record, without building the property.
pub(super) fn property_scopes(r: u16) -> &'static [&'static str] {
    list(RECORD_SCOPES[usize::from(r)])
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

    /// The columns agree with each other, every index of a row points into its pool, and
    /// every string reference into `STRINGS`.
    #[test]
    fn indexes_are_in_range() {
        let str_ok = |s: Str| {
            let (start, len) = ((s.0 >> 12) as usize, (s.0 & 0xfff) as usize);
            assert!(STRINGS.get(start..start + len).is_some(), "{:#x}", s.0);
        };
        let list_ok = |i: u16| assert!(usize::from(i) < LISTS.len(), "list {i}");
        assert!(KEY_RECORDS.iter().all(|&n| n > 0));
        let records: usize = KEY_RECORDS.iter().map(|&n| usize::from(n)).sum();
        assert_eq!(records, RECORD_COUNT);
        let index = index();
        assert_eq!(usize::from(index.record_start[KEY_COUNT]), RECORD_COUNT);
        for k in 0..KEY_COUNT {
            let (first, end) = (index.record_start[k], index.record_start[k + 1]);
            assert!(
                (first..end).all(|r| index.key_of(usize::from(r)) == k),
                "key {k}"
            );
        }
        for k in 0..KEY_COUNT {
            assert!(
                STRINGS
                    .get(index.key_range(k))
                    .is_some_and(|s| !s.is_empty()),
                "key {k}"
            );
        }
        // The unprefixed keys, then each template's, each run right after the one before.
        let cat = &CATALOGUES[0];
        let mut next = cat.direct.first + cat.direct.len;
        assert_eq!(cat.direct.first, 0);
        for template in &TEMPLATES {
            assert_eq!(template.keys.first, next);
            next += template.keys.len;
        }
        assert_eq!(usize::from(next), KEY_COUNT);
        for r in 0..RECORD_COUNT {
            let flags = RECORD_FLAGS[r];
            list_ok(RECORD_SCOPES[r]);
            assert!(
                usize::from(RECORD_DEFAULTS[r]) <= DEFAULTS.len(),
                "record {r}"
            );
            match flags & (LEGACY | DEFUNCT) {
                0 => assert!(usize::from(RECORD_ARGS[r]) < KINDS.len()),
                LEGACY => {
                    list_ok(RECORD_ARGS[r]);
                    assert!(!list(RECORD_ARGS[r]).is_empty());
                    assert_eq!(flags & !(LEGACY | PREFIXED), 0);
                }
                _ => assert_eq!(flags & !(DEFUNCT | PREFIXED), 0),
            }
            if flags & (LEGACY | DEFUNCT) != 0 {
                assert_eq!(RECORD_DEFAULTS[r], 0, "record {r}");
            }
        }
        for &s in &DEFAULTS {
            str_ok(s);
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
                    assert!(usize::from(el) < index.min(ELEMENTS.len()));
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
        list_ok(cat.standard_types);
        list_ok(cat.log_levels);
        // Every record, scope and binding holds in some release, and only in known ones.
        let known = u8::try_from((1u32 << KNOWN.len()) - 1).unwrap_or(u8::MAX);
        let releases = RECORD_RELEASES.iter().copied();
        let releases = releases.chain(SCOPES.iter().map(|s| s.2));
        for mask in releases.chain(PREFIXES.iter().map(|b| b.releases)) {
            assert!(mask != 0 && mask & !known == 0, "{mask:#b}");
        }
        assert!(KNOWN.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
