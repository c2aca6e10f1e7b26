//! Lookups in the catalogue's static tables.

use std::borrow::Cow;

use super::tables::{self, Str};
use super::{
    Catalogue, Change, EnumInfo, Key, Lookup, PrefixBinding, PropertyInfo, Record, ReleaseChange,
    Scope, ValueKind,
};
use crate::suggest::osa_distance;

/// The item of `table` (sorted by `key`) whose key is `wanted`.
fn find<T>(table: &'static [T], wanted: &str, key: impl Fn(&T) -> Str) -> Option<&'static T> {
    table
        .binary_search_by(|item| key(item).get().cmp(wanted))
        .ok()
        .map(|i| &table[i])
}

/// The newest release of a release mask.
fn newest_of(mask: u8) -> Option<u32> {
    let bit = 7usize.checked_sub(mask.leading_zeros() as usize)?;
    tables::known().get(bit).map(|(r, _)| *r)
}

/// The oldest release of a release mask.
fn oldest_of(mask: u8) -> Option<u32> {
    (mask != 0)
        .then(|| tables::known().get(mask.trailing_zeros() as usize))
        .flatten()
        .map(|(r, _)| *r)
}

impl Catalogue {
    /// The newest known release whose facts judge (the release itself for a known one).
    pub fn trino_version(&self) -> u32 {
        self.newest
    }

    /// The known releases whose facts judge, older first: the same release twice for a known
    /// release, its two neighbours for a release between them.
    pub fn releases(&self) -> (u32, u32) {
        (self.oldest, self.newest)
    }

    /// Where the facts of [`Catalogue::trino_version`] come from (Trino and airlift source
    /// revisions).
    pub fn source(&self) -> &'static str {
        tables::known()
            .iter()
            .find(|(r, _)| *r == self.newest)
            .map_or("", |(_, s)| s)
    }

    /// Whether record `r` holds for this catalogue's releases: in any of them, or for a
    /// defunct name, in all of them.
    fn holds(&self, r: u16) -> bool {
        let (mask, defunct) = tables::record_releases(r);
        if defunct {
            mask & self.releases == self.releases
        } else {
            mask & self.releases != 0
        }
    }

    /// The records of `key` that hold for this catalogue.
    fn active(&self, key: Key) -> impl Iterator<Item = Record> + Clone + '_ {
        key.record_numbers()
            .filter(move |&r| self.holds(r))
            .map(tables::record)
    }

    /// The prefix bindings of this catalogue's releases.
    fn bindings(&self) -> impl Iterator<Item = &'static PrefixBinding> + '_ {
        self.prefixes
            .iter()
            .filter(|b| b.releases & self.releases != 0)
    }

    /// Looks `name` up as a key of a file of `scope`.
    ///
    /// In order: a key of this scope (defunct before known before legacy, as Trino fails on a
    /// defunct name even if another bound class reads it), a key of a prefixed binding of this
    /// scope (`exchange.http-client.*`), a key of another scope ([`Lookup::WrongScope`]), a
    /// removed key ([`Lookup::Removed`]), and otherwise [`Lookup::Unknown`] with the closest
    /// key of the scope.
    ///
    /// Keys consumed by Trino's plugin loaders rather than by the plugin itself
    /// (`connector.name`, `exchange-manager.name`, `access-control.name`,
    /// `password-authenticator.name`, `event-listener.name`, ...) are not in the catalogue.
    pub fn lookup(&self, name: &str, scope: Scope<'_>) -> Lookup<'_> {
        if let Some(found) = self.lookup_in_scope(name, scope) {
            return found;
        }
        let scope_id = scope.id();
        let scope_id = scope_id.as_ref();

        let (earlier, later) = self.history(name, scope_id);
        if let Some(since) = later {
            return Lookup::NotYet {
                since,
                instead: self.legacy_name_of(name, scope_id),
            };
        }

        let (scopes, property) = self.scopes_reading(name);
        if !scopes.is_empty() {
            return Lookup::WrongScope { scopes, property };
        }

        let release = self.release_change(name);
        let replacement = find(self.migrations, name, |(old, _)| *old);
        if replacement.is_some() || release.is_some() || earlier.is_some() {
            return Lookup::Removed {
                replacement: replacement.and_then(|(_, r)| r.map(Str::get)),
                release,
                last_read_in: earlier,
            };
        }
        Lookup::Unknown {
            suggestion: self.suggest(name, scope_id),
            complete_scope: self.is_scope_complete(Scope::Other(scope_id)),
        }
    }

    /// What [`Catalogue::lookup`] answers when `scope` reads `name` ([`Lookup::Known`]), or has
    /// it as a legacy or defunct name; `None` otherwise, without the work of telling why (the
    /// history, other scopes, the closest key). For rules that only act on keys a scope reads.
    pub fn lookup_in_scope(&self, name: &str, scope: Scope<'_>) -> Option<Lookup<'_>> {
        let scope_id = scope.id();
        let scope_id = scope_id.as_ref();
        if let Some(records) = self.direct_records(name) {
            let in_scope = |r: &Record| self.record_scopes(r).contains(&scope_id);
            if let Some(found) = self.resolve(name, records, in_scope, scope_id, None) {
                return Some(found);
            }
        }
        for binding in self.bindings().filter(|b| b.scope.get() == scope_id) {
            let Some(rest) = binding.strip(name) else {
                continue;
            };
            let Some(records) = self.template_records(binding, rest) else {
                continue;
            };
            let all = |_: &Record| true;
            if let Some(found) =
                self.resolve(name, records, all, scope_id, Some(binding.prefix.get()))
            {
                return Some(found);
            }
        }
        None
    }

    /// The answer of the `keep` records of a key, if they say anything.
    fn resolve(
        &self,
        name: &str,
        records: impl Iterator<Item = Record> + Clone,
        keep: impl Fn(&Record) -> bool,
        scope_id: &str,
        prefix: Option<&'static str>,
    ) -> Option<Lookup<'_>> {
        let mut kept = records.filter(|r| keep(r));
        if kept.clone().any(|r| matches!(r, Record::Defunct { .. })) {
            return Some(Lookup::Defunct {
                release: self.release_change(name),
            });
        }
        if let Some(info) = kept.clone().find_map(|r| self.record_property(&r)) {
            return Some(Lookup::Known(info));
        }
        let (first, others) = kept
            .find_map(|r| match r {
                Record::Legacy { replacements, .. } => Some(tables::list(replacements)),
                _ => None,
            })?
            .split_first()?;
        let with_prefix = |r: &&'static str| -> Cow<'static, str> {
            match prefix {
                Some(p) => Cow::Owned(format!("{p}.{r}")),
                None => Cow::Borrowed(*r),
            }
        };
        let replacement = with_prefix(first);
        let property = match self.lookup(&replacement, Scope::parse(scope_id)) {
            Lookup::Known(info) => Some(info),
            _ => None,
        };
        Some(Lookup::Legacy {
            replacement,
            other_replacements: others.iter().map(with_prefix).collect(),
            property,
            release: self.release_change(name),
        })
    }

    /// The newest earlier and the oldest later known release that read `name` in `scope_id`
    /// (not as a defunct name), when this catalogue's releases do not.
    fn history(&self, name: &str, scope_id: &str) -> (Option<u32>, Option<u32>) {
        let low = self.releases & self.releases.wrapping_neg();
        let high = 0x80u8 >> self.releases.leading_zeros();
        let (earlier, later) = (low - 1, !(high - 1) & !high);
        let mut mask = 0u8;
        let mut add = |r: u16, limit: u8, in_scope: bool| {
            let (m, defunct) = tables::record_releases(r);
            if in_scope && !defunct {
                mask |= m & limit;
            }
        };
        if let Some(key) = self.direct.find(name) {
            for r in key.record_numbers() {
                let in_scope = self.record_scopes(&tables::record(r)).contains(&scope_id);
                add(r, u8::MAX, in_scope);
            }
        }
        for binding in self.prefixes.iter().filter(|b| b.scope.get() == scope_id) {
            let Some(rest) = binding.strip(name) else {
                continue;
            };
            let template = self.templates.get(binding.template);
            if let Some(key) = template.and_then(|t| t.keys.find(rest)) {
                for r in key.record_numbers() {
                    add(r, binding.releases, true);
                }
            }
        }
        (newest_of(mask & earlier), oldest_of(mask & later))
    }

    /// A key this catalogue reads in `scope_id` that a later release names as the legacy name
    /// of `name`.
    fn legacy_name_of(&self, name: &str, scope_id: &str) -> Option<&'static str> {
        self.direct.iter().find_map(|key| {
            let renamed = key.record_numbers().any(|r| match tables::record(r) {
                record @ Record::Legacy { replacements, .. } => {
                    tables::list(replacements).first() == Some(&name)
                        && self.record_scopes(&record).contains(&scope_id)
                }
                _ => false,
            });
            let read_here = || {
                self.active(key).any(|r| {
                    matches!(r, Record::Property(_)) && self.record_scopes(&r).contains(&scope_id)
                })
            };
            (renamed && read_here()).then(|| key.name())
        })
    }

    /// Scope ids where `name` is a property or a legacy name, directly or through a prefix.
    fn scopes_reading(&self, name: &str) -> (Vec<&'static str>, Option<&PropertyInfo>) {
        let mut scopes = Vec::new();
        let mut property = None;
        let mut take = |record: &Record, scope: Option<&'static str>| {
            if let Some(p) = self.record_property(record) {
                property.get_or_insert(p);
            }
            if !matches!(record, Record::Defunct { .. }) {
                match scope {
                    Some(s) => scopes.push(s),
                    None => scopes.extend_from_slice(self.record_scopes(record)),
                }
            }
        };
        for record in self.direct_records(name).into_iter().flatten() {
            take(&record, None);
        }
        for binding in self.bindings() {
            let Some(rest) = binding.strip(name) else {
                continue;
            };
            for record in self.template_records(binding, rest).into_iter().flatten() {
                take(&record, Some(binding.scope.get()));
            }
        }
        scopes.sort_unstable();
        scopes.dedup();
        (scopes, property)
    }

    /// The property `name` in any scope (not through prefixes). Prefer [`Catalogue::lookup`].
    pub fn property(&self, name: &str) -> Option<&PropertyInfo> {
        self.direct_records(name)?
            .find_map(|r| self.record_property(&r))
    }

    /// The properties read in `scope` (not counting prefixed bindings), sorted by name: one
    /// per key, the record a lookup finds (for a release between two known ones whose
    /// neighbours differ in its type, flags or default, the first in catalogue order).
    pub fn properties_in<'s>(
        &'s self,
        scope: Scope<'_>,
    ) -> impl Iterator<Item = &'s PropertyInfo> + 's {
        let scope_id = scope.id().into_owned();
        self.direct.iter().filter_map(move |key| {
            self.active(key)
                .filter_map(|r| self.record_property(&r))
                .find(|p| p.scopes.iter().any(|s| *s == scope_id))
        })
    }

    /// All scope ids of this catalogue's releases, sorted.
    pub fn scopes(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.scopes
            .iter()
            .filter(|(_, _, releases)| releases & self.releases != 0)
            .map(|(id, _, _)| id.get())
    }

    /// Whether the catalogue knows the scope.
    pub fn is_scope_known(&self, scope: Scope<'_>) -> bool {
        find(self.scopes, &scope.id(), |(id, _, _)| *id)
            .is_some_and(|(_, _, releases)| releases & self.releases != 0)
    }

    /// Whether the catalogue lists all keys of the scope (see [`Lookup::Unknown`]).
    pub fn is_scope_complete(&self, scope: Scope<'_>) -> bool {
        find(self.scopes, &scope.id(), |(id, _, _)| *id)
            .is_some_and(|(_, complete, releases)| *complete && releases & self.releases != 0)
    }

    /// The first known release after this catalogue's that ships connector `name`, if this
    /// one does not.
    pub fn connector_since(&self, name: &str) -> Option<u32> {
        let id = Scope::Connector(name).id();
        let (_, _, releases) = find(self.scopes, &id, |(id, _, _)| *id)?;
        if releases & self.releases != 0 {
            return None;
        }
        oldest_of(releases & !((0x80u8 >> self.releases.leading_zeros()) - 1))
    }

    /// The newest known release before this catalogue's that shipped connector `name`, if
    /// this one does not.
    pub fn connector_removed_after(&self, name: &str) -> Option<u32> {
        let id = Scope::Connector(name).id();
        let (_, _, releases) = find(self.scopes, &id, |(id, _, _)| *id)?;
        if releases & self.releases != 0 {
            return None;
        }
        let low = self.releases & self.releases.wrapping_neg();
        newest_of(releases & (low - 1))
    }

    /// The connector names (`connector.name` values) this catalogue's releases ship, sorted.
    pub fn connectors(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.scopes().filter_map(|s| s.strip_prefix("connector:"))
    }

    /// Whether `name` is a connector Trino ships (exact spelling, e.g. `delta_lake`).
    pub fn is_connector(&self, name: &str) -> bool {
        self.connectors().any(|c| c == name)
    }

    /// The enum named `name` (its shortest unique name, e.g. `RetryPolicy`).
    pub fn enum_info(&self, name: &str) -> Option<&'static EnumInfo> {
        let enums = tables::enums();
        let index = enums.binary_search_by(|e| e.name.get().cmp(name)).ok()?;
        Some(tables::enum_info(index))
    }

    /// The values accepted by the enum property `name` of `scope` (also for a list or set of
    /// an enum), as [`EnumInfo::accepted`] spells them. `None` if it is not an enum property.
    pub fn enum_values(&self, name: &str, scope: Scope<'_>) -> Option<Vec<&'static str>> {
        let info = match self.lookup(name, scope) {
            Lookup::Known(info) => info,
            Lookup::Legacy { property, .. } => property?,
            _ => return None,
        };
        match &info.kind {
            ValueKind::Enum(e) => Some(e.accepted()),
            ValueKind::List(el) | ValueKind::Set(el) => match **el {
                ValueKind::Enum(e) => Some(e.accepted()),
                _ => None,
            },
            _ => None,
        }
    }

    /// Trino's standard type names (`StandardTypes`), sorted.
    pub fn standard_types(&self) -> &[&'static str] {
        tables::list(self.standard_types)
    }

    /// The log levels of `log.properties` (`OFF TRACE DEBUG INFO WARN ERROR`).
    pub fn log_levels(&self) -> &[&'static str] {
        tables::list(self.log_levels)
    }

    /// The native file-system property that replaces a legacy `hive.s3.*`, `hive.azure.*` or
    /// `hive.gcs.*` property (removed in 481), per the docs' migration tables. `None` if `old`
    /// is not in the tables or has no replacement; see
    /// [`Catalogue::legacy_file_system_migrations`] to tell them apart.
    pub fn legacy_file_system_migration(&self, old: &str) -> Option<&'static str> {
        find(self.migrations, old, |(old, _)| *old).and_then(|(_, new)| new.map(Str::get))
    }

    /// The whole migration table: legacy property → replacement, if any.
    pub fn legacy_file_system_migrations(
        &self,
    ) -> impl Iterator<Item = (&'static str, Option<&'static str>)> + '_ {
        self.migrations
            .iter()
            .map(|(old, new)| (old.get(), new.map(Str::get)))
    }

    /// What the release notes say about `name` (exact entries and patterns such as
    /// `hive.s3.*`), sorted by release.
    pub fn release_changes(&self, name: &str) -> Vec<ReleaseChange> {
        let mut out: Vec<ReleaseChange> = find(self.releases_noted, name, |(key, _)| *key)
            .map(|(_, changes)| changes.get().to_vec())
            .unwrap_or_default();
        for (pattern, changes) in self.release_patterns {
            if glob_match(pattern.get(), name) {
                out.extend_from_slice(changes.get());
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The most telling release change up to this catalogue's newest release: the latest
    /// removal, rename or replacement, else the latest deprecation.
    fn release_change(&self, name: &str) -> Option<ReleaseChange> {
        let mut changes = self.release_changes(name);
        changes.retain(|c| c.version <= self.newest);
        let latest = |removals: bool| {
            changes
                .iter()
                .rev()
                .find(|c| (c.change != Change::Deprecated) == removals)
                .copied()
        };
        latest(true).or_else(|| latest(false))
    }

    /// The closest property of the scope to `name`, if close enough.
    fn suggest(&self, name: &str, scope_id: &str) -> Option<Cow<'static, str>> {
        // Smaller is better: distance, then same first segment, then longer shared prefix.
        type Rank = (usize, bool, std::cmp::Reverse<usize>);
        let wanted: Vec<char> = name.to_lowercase().chars().collect();
        let max = (wanted.len() / 4).clamp(1, 3);
        let first_segment = name.split('.').next().unwrap_or(name);
        let mut best: Option<(Rank, Cow<'static, str>)> = None;
        let mut consider = |candidate: Cow<'static, str>, rest_of_name: &[char], rest: &str| {
            let Some(d) = bounded_distance(rest_of_name, rest, max) else {
                return;
            };
            let other_segment = candidate.split('.').next() != Some(first_segment);
            let shared = common_prefix_len(name, &candidate);
            let key = (d, other_segment, std::cmp::Reverse(shared));
            if best
                .as_ref()
                .is_none_or(|(k, c)| (key, &candidate) < (*k, c))
            {
                best = Some((key, candidate));
            }
        };
        for key in self.direct.iter() {
            if self.active(key).any(|r| {
                matches!(r, Record::Property(_)) && self.record_scopes(&r).contains(&scope_id)
            }) {
                let key = key.name();
                consider(Cow::Borrowed(key), &wanted, key);
            }
        }
        for binding in self.bindings().filter(|b| b.scope.get() == scope_id) {
            let template = self.templates.get(binding.template);
            let keys = template.into_iter().flat_map(|t| t.keys.iter());
            let keys = keys.filter_map(|key| {
                self.active(key)
                    .any(|r| matches!(r, Record::Property(_)))
                    .then_some(key.name())
            });
            if let Some(rest) = binding.strip(name) {
                // A typo in the key after a correct prefix.
                let rest_chars: Vec<char> = rest.to_lowercase().chars().collect();
                for key in keys {
                    consider(
                        Cow::Owned(format!("{}.{key}", binding.prefix.get())),
                        &rest_chars,
                        key,
                    );
                }
            } else {
                // A typo in (or an old spelling of) the prefix: `workerInfo.http-client.*`.
                for key in keys {
                    let Some(head) = name
                        .strip_suffix(key)
                        .and_then(|h| h.strip_suffix('.'))
                        .filter(|h| !h.is_empty())
                    else {
                        continue;
                    };
                    let head_chars: Vec<char> = head.to_lowercase().chars().collect();
                    let prefix = binding.prefix.get();
                    let full = Cow::Owned(format!("{prefix}.{key}"));
                    consider(full, &head_chars, prefix);
                }
            }
        }
        best.map(|(_, c)| c)
    }

    // ---- table access -----------------------------------------------------------------------

    /// The records of the unprefixed key `name`.
    fn direct_records(&self, name: &str) -> Option<impl Iterator<Item = Record> + Clone + '_> {
        self.direct.find(name).map(|key| self.active(key))
    }

    /// The records of `key` in the template that `binding` binds.
    fn template_records(
        &self,
        binding: &PrefixBinding,
        key: &str,
    ) -> Option<impl Iterator<Item = Record> + Clone + '_> {
        let template = self.templates.get(binding.template)?;
        template.keys.find(key).map(|key| self.active(key))
    }

    /// The property a record describes, if it is one.
    #[allow(clippy::unused_self, clippy::trivially_copy_pass_by_ref)] // records are shared
    pub(super) fn record_property(&self, record: &Record) -> Option<&'static PropertyInfo> {
        match *record {
            Record::Property(r) => tables::property(r),
            Record::Legacy { .. } | Record::Defunct { .. } => None,
        }
    }

    /// The scope ids where a record's key is read.
    #[allow(clippy::unused_self, clippy::trivially_copy_pass_by_ref)] // records are shared
    pub(super) fn record_scopes(&self, record: &Record) -> &'static [&'static str] {
        match *record {
            Record::Property(r) => tables::property_scopes(r),
            Record::Legacy { scopes, .. } | Record::Defunct { scopes } => tables::list(scopes),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions) between the
/// lowercased `a` and `b`, or `None` if it exceeds `max`.
pub(super) fn bounded_distance(a: &[char], b: &str, max: usize) -> Option<usize> {
    let b: Vec<char> = b.to_lowercase().chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let d = osa_distance(a, &b);
    (d <= max).then_some(d)
}

fn common_prefix_len(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// `*` matches any run of characters; everything else matches itself.
pub(super) fn glob_match(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, tail)) => {
            let Some(rest) = text.strip_prefix(head) else {
                return false;
            };
            (0..=rest.len())
                .filter(|&i| rest.is_char_boundary(i))
                .any(|i| glob_match(tail, &rest[i..]))
        }
    }
}
