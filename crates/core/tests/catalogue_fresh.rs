//! The catalogue is fresh at both of its steps:
//!
//! - the embedded data (`crates/core/data/catalogue.tsv`) is what `scripts/gen-catalogue.py`
//!   generates from the shared Trino facts (`shared/trino/properties-482.json` and
//!   `shared/trino/history/`, looked for beside the checkout and in the folders above it; where
//!   they are absent that test compares nothing and passes; CI has them, so it checks there);
//! - the tables that `build.rs` compiles from the TSV answer every lookup as the TSV says, in
//!   every known release: a reference reading of the TSV here, independent of the build script,
//!   is compared with the public API for every key, scope, enum, migration and release note.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use trinocfg::catalogue::{
    catalogue, catalogue_for, known_releases, Change, EnumParsing, Lookup, Normalization,
    PropertyInfo, ReleaseChange, Scope, ValueKind,
};

const REGENERATE: &str = "python3 scripts/gen-catalogue.py";
const TSV: &str = include_str!("../data/catalogue.tsv");
const FACTS: &str = "shared/trino";

/// `shared/trino` (holding `properties-482.json`) beside the checkout or in a folder above it.
fn shared_facts(repo: &Path) -> Option<PathBuf> {
    repo.ancestors()
        .skip(1)
        .map(|dir| dir.join(FACTS))
        .find(|p| p.join("properties-482.json").exists())
}

#[test]
fn catalogue_matches_the_shared_facts() {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let repo = manifest_dir.join("../..");
    let Some(facts) = shared_facts(&repo.canonicalize().unwrap_or(repo.clone())) else {
        let _ = writeln!(
            std::io::stderr(),
            "catalogue_fresh: {FACTS} not found above {}, compared nothing",
            repo.display()
        );
        return;
    };
    let script = repo.join("scripts/gen-catalogue.py");
    let output = Command::new("python3")
        .arg(&script)
        .arg(&facts)
        .arg("--check")
        .current_dir(&repo)
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 {}: {e}", script.display()));
    let stderr = String::from_utf8_lossy(&output.stderr);
    match output.status.code() {
        Some(0) => {}
        Some(1) => panic!(
            "crates/core/data/catalogue.tsv is stale: regenerate it with `{REGENERATE}` \
             and commit it\n{stderr}"
        ),
        _ => panic!(
            "`{REGENERATE} --check` failed ({}):\n{stderr}",
            output.status
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// The compiled tables against a reference reading of the TSV
// ---------------------------------------------------------------------------------------------

/// TYPE, FLAGS and the unescaped DEFAULT of a property record.
#[derive(Debug, Clone)]
struct PropertyFields<'t> {
    code: &'t str,
    flags: &'t str,
    default: Option<String>,
}

#[derive(Debug)]
enum Rec<'t> {
    Property(PropertyFields<'t>),
    Legacy(Vec<&'t str>),
    Defunct,
}

/// One record line and the scopes of its `[in ...]` section (empty in a template).
type Recs<'t> = Vec<(Rec<'t>, Vec<&'t str>)>;

#[derive(Default)]
struct Reference<'t> {
    facts: BTreeMap<&'t str, &'t str>,
    /// Each known release and the source of its facts, oldest first.
    known: Vec<(u32, &'t str)>,
    scopes: BTreeMap<&'t str, bool>,
    direct: BTreeMap<&'t str, Recs<'t>>,
    templates: BTreeMap<&'t str, BTreeMap<&'t str, Recs<'t>>>,
    prefixes: Vec<[&'t str; 3]>,
    enums: BTreeMap<&'t str, Vec<&'t str>>,
    migrations: Vec<(&'t str, Option<&'t str>)>,
    releases: Vec<(&'t str, Vec<ReleaseChange>)>,
    types: Vec<&'t str>,
    log_levels: Vec<&'t str>,
}

/// The releases of a `@435-451,481` field, given the known releases.
fn releases_of(field: &str, known: &[(u32, &str)]) -> BTreeSet<u32> {
    let index = |r: &str| {
        let r: u32 = r.parse().expect("release");
        known
            .iter()
            .position(|(k, _)| *k == r)
            .expect("known release")
    };
    let mut out = BTreeSet::new();
    for part in field.split(',') {
        let (from, to) = part.split_once('-').unwrap_or((part, part));
        for (release, _) in &known[index(from)..=index(to)] {
            out.insert(*release);
        }
    }
    out
}

/// A plain reading of the format described in `scripts/gen-catalogue.py`: the lines that hold
/// in `release`.
fn read_tsv(text: &str, release: u32) -> Reference<'_> {
    let mut r = Reference::default();
    let (mut section, mut arg) = ("", "");
    for line in text.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            (section, arg) = header.split_once(' ').unwrap_or((header, ""));
            continue;
        }
        if let Some((key, value)) = line.strip_prefix("= ").and_then(|f| f.split_once('\t')) {
            if key == "release" {
                let (number, source) = value.split_once('\t').expect("RELEASE\tSOURCE");
                r.known.push((number.parse().expect("release"), source));
            } else {
                r.facts.insert(key, value);
            }
            continue;
        }
        let mut f: Vec<&str> = line.split('\t').collect();
        if let Some(mask) = f.last().and_then(|l| l.strip_prefix('@')) {
            if !releases_of(mask, &r.known).contains(&release) {
                continue;
            }
            f.pop();
        }
        match section {
            "scopes" => {
                r.scopes.insert(f[0], f.get(1) != Some(&"partial"));
            }
            "in" | "template" => {
                let rec = match f[1] {
                    "!" => Rec::Defunct,
                    other => match other.strip_prefix('>') {
                        Some(list) => Rec::Legacy(list.split(',').collect()),
                        None => Rec::Property(property_fields(other, &f[2..])),
                    },
                };
                let (table, scopes) = if section == "in" {
                    (&mut r.direct, arg.split(',').collect())
                } else {
                    (r.templates.entry(arg).or_default(), Vec::new())
                };
                table.entry(f[0]).or_default().push((rec, scopes));
            }
            "prefix" => r.prefixes.push([f[0], f[1], f[2]]),
            "enum" => {
                r.enums.insert(f[0], f[1..].to_vec());
            }
            "migration" => r.migrations.push((f[0], Some(f[1]).filter(|n| *n != "-"))),
            "release" => {
                let changes = f[1].split(',').map(release_change).collect();
                r.releases.push((f[0], changes));
            }
            "types" => r.types.push(line),
            "log-levels" => r.log_levels.push(line),
            other => panic!("unexpected section [{other}]"),
        }
    }
    r
}

/// A property record's fields after its name: `TYPE[<TAB>FLAGS][<TAB>=DEFAULT]`.
fn property_fields<'t>(code: &'t str, rest: &[&'t str]) -> PropertyFields<'t> {
    let (flags, rest) = match rest.split_first() {
        Some((f, tail)) if !f.starts_with('=') => (*f, tail),
        _ => ("", rest),
    };
    assert!(rest.len() <= 1, "{code}: {rest:?}");
    let default = rest.first().map(|d| {
        let escaped = d.strip_prefix('=').expect("=DEFAULT");
        let mut out = String::new();
        let mut chars = escaped.chars();
        while let Some(c) = chars.next() {
            out.push(if c == '\\' {
                match chars.next() {
                    Some('t') => '\t',
                    Some('n') => '\n',
                    Some('r') => '\r',
                    Some('\\') => '\\',
                    other => panic!("bad escape {other:?} in {d}"),
                }
            } else {
                c
            });
        }
        out
    });
    PropertyFields {
        code,
        flags,
        default,
    }
}

fn release_change(text: &str) -> ReleaseChange {
    let (version, verb) = text.split_once(' ').expect("VERSION VERB");
    let change = match verb {
        "deprecated" => Change::Deprecated,
        "removed" => Change::Removed,
        "renamed" => Change::Renamed,
        "replaced" => Change::Replaced,
        other => panic!("verb {other}"),
    };
    ReleaseChange {
        version: version.parse().expect("version"),
        change,
    }
}

/// The TSV spelling of a value type.
fn code(kind: &ValueKind) -> String {
    match kind {
        ValueKind::String => "str".into(),
        ValueKind::Boolean => "bool".into(),
        ValueKind::Int => "int".into(),
        ValueKind::Long => "long".into(),
        ValueKind::Double => "double".into(),
        ValueKind::Decimal => "decimal".into(),
        ValueKind::DataSize => "size".into(),
        ValueKind::Duration => "dur".into(),
        ValueKind::HeapSize => "heap".into(),
        ValueKind::Uri => "uri".into(),
        ValueKind::File => "file".into(),
        ValueKind::Path => "path".into(),
        ValueKind::HostAndPort => "hostport".into(),
        ValueKind::Enum(e) => format!("enum:{}", e.name),
        ValueKind::List(el) => format!("list:{}", code(el)),
        ValueKind::Set(el) => format!("set:{}", code(el)),
        ValueKind::Other(name) => format!("other:{name}"),
    }
}

/// Checks a compiled property against its TSV record.
fn same_property(
    info: &PropertyInfo,
    name: &str,
    record: &PropertyFields<'_>,
    scopes: &[&str],
    prefixed: bool,
) {
    let has = |c: char| record.flags.contains(c);
    assert_eq!(info.name, name);
    assert_eq!(code(&info.kind), record.code, "{name}");
    assert_eq!(info.default, record.default.as_deref(), "{name}");
    assert_eq!(info.coordinator_only, has('c'), "{name}");
    assert_eq!(info.deprecated, has('d'), "{name}");
    assert_eq!(info.security_sensitive, has('s'), "{name}");
    assert_eq!(info.hidden, has('h'), "{name}");
    assert_eq!(info.scopes, scopes, "{name}");
    assert_eq!(info.prefixed, prefixed, "{name}");
}

/// What a lookup must answer for `records` (those read in the scope), as the TSV says:
/// defunct before known before legacy. `prefix` is the binding's prefix of a template key.
fn check_answer(
    answer: Lookup<'_>,
    key: &str,
    name: &str,
    records: &[&(Rec<'_>, Vec<&str>)],
    scopes_of_property: impl Fn(&[&str]) -> Vec<String>,
    prefix: Option<&str>,
) {
    let property = records.iter().find_map(|(rec, scopes)| match rec {
        Rec::Property(fields) => Some((fields, scopes)),
        _ => None,
    });
    let legacy = records.iter().find_map(|(rec, _)| match rec {
        Rec::Legacy(list) => Some(list),
        _ => None,
    });
    if records.iter().any(|(rec, _)| matches!(rec, Rec::Defunct)) {
        assert!(
            matches!(answer, Lookup::Defunct { .. }),
            "{key}: {answer:?}"
        );
    } else if let Some((record, scopes)) = property {
        let Lookup::Known(info) = answer else {
            panic!("{key}: {answer:?}");
        };
        let scopes = scopes_of_property(scopes);
        let scopes: Vec<&str> = scopes.iter().map(String::as_str).collect();
        same_property(info, name, record, &scopes, prefix.is_some());
    } else if let Some(list) = legacy {
        let Lookup::Legacy {
            replacement,
            other_replacements,
            ..
        } = answer
        else {
            panic!("{key}: {answer:?}");
        };
        let full = |r: &str| prefix.map_or(r.to_owned(), |p| format!("{p}.{r}"));
        assert_eq!(replacement, full(list[0]), "{key}");
        let others: Vec<String> = list[1..].iter().map(|r| full(r)).collect();
        assert_eq!(other_replacements, others, "{key}");
    } else {
        panic!("{key}: no record");
    }
}

#[test]
fn compiled_tables_answer_as_the_tsv_says() {
    let newest = read_tsv(TSV, 0);
    assert_eq!(
        newest.known.iter().map(|(r, _)| *r).collect::<Vec<_>>(),
        known_releases().collect::<Vec<_>>()
    );
    assert_eq!(
        catalogue().trino_version().to_string(),
        newest.facts["version"]
    );
    assert_eq!(catalogue().source(), newest.facts["source"]);
    let all_prefixes: BTreeSet<[&str; 3]> = newest
        .known
        .iter()
        .flat_map(|(release, _)| read_tsv(TSV, *release).prefixes)
        .collect();
    for (release, source) in &newest.known {
        let cat = catalogue_for(*release);
        assert_eq!(cat.releases(), (*release, *release));
        assert_eq!(cat.source(), *source);
        same_as_tsv(&read_tsv(TSV, *release), cat, &all_prefixes);
    }
}

/// Checks the compiled catalogue of one release against the TSV lines of that release.
fn same_as_tsv(
    r: &Reference<'_>,
    cat: &trinocfg::catalogue::Catalogue,
    all_prefixes: &BTreeSet<[&str; 3]>,
) {
    // Scopes.
    let scopes: Vec<&str> = cat.scopes().collect();
    assert_eq!(scopes, r.scopes.keys().copied().collect::<Vec<_>>());
    for (scope, complete) in &r.scopes {
        assert!(cat.is_scope_known(Scope::parse(scope)), "{scope}");
        assert_eq!(
            cat.is_scope_complete(Scope::parse(scope)),
            *complete,
            "{scope}"
        );
    }

    // Every key of every [in] section, in each of its scopes.
    let mut checked = 0;
    for (name, records) in &r.direct {
        let first_property = records.iter().find_map(|(rec, scopes)| match rec {
            Rec::Property(fields) => Some((fields, scopes)),
            _ => None,
        });
        match (cat.property(name), first_property) {
            (Some(info), Some((record, scopes))) => {
                same_property(info, name, record, scopes, false);
            }
            (None, None) => {}
            (got, _) => panic!("{name}: property {got:?}"),
        }
        let all_scopes: BTreeSet<&str> = records.iter().flat_map(|(_, s)| s.clone()).collect();
        for scope in all_scopes {
            let here: Vec<_> = records.iter().filter(|(_, s)| s.contains(&scope)).collect();
            let answer = cat.lookup(name, Scope::parse(scope));
            let own_scopes = |s: &[&str]| s.iter().map(std::string::ToString::to_string).collect();
            check_answer(answer, name, name, &here, own_scopes, None);
            checked += 1;
        }
    }
    assert!(checked > 1400, "{checked}");

    // Every key of every template, under each prefix that binds it.
    for [scope, prefix, template] in &r.prefixes {
        // A template's properties name the scopes that bind it in any release.
        let bound: BTreeSet<String> = all_prefixes
            .iter()
            .filter(|b| b[2] == *template)
            .map(|b| b[0].to_owned())
            .collect();
        for (key, records) in &r.templates[template] {
            let full = format!("{prefix}.{key}");
            let direct_here = r
                .direct
                .get(full.as_str())
                .is_some_and(|recs| recs.iter().any(|(_, s)| s.contains(scope)));
            if direct_here {
                continue; // a key of the scope itself comes first
            }
            let answer = cat.lookup(&full, Scope::parse(scope));
            let all: Vec<_> = records.iter().collect();
            let binding_scopes = |_: &[&str]| bound.iter().cloned().collect();
            check_answer(answer, &full, key, &all, binding_scopes, Some(prefix));
        }
    }

    // The properties of each scope, in key order.
    for scope in r.scopes.keys() {
        let got: Vec<&str> = cat
            .properties_in(Scope::parse(scope))
            .map(|p| p.name)
            .collect();
        let want: Vec<&str> = r
            .direct
            .iter()
            .flat_map(|(name, recs)| recs.iter().map(move |rec| (*name, rec)))
            .filter(|(_, (rec, s))| matches!(rec, Rec::Property { .. }) && s.contains(scope))
            .map(|(name, _)| name)
            .collect();
        assert_eq!(got, want, "{scope}");
    }

    // Enums.
    for (name, fields) in &r.enums {
        let info = cat.enum_info(name).unwrap_or_else(|| panic!("enum {name}"));
        assert_eq!(info.name, *name);
        assert_eq!(
            info.constants,
            fields[1].split(',').collect::<Vec<_>>(),
            "{name}"
        );
        let parsing = match fields[0] {
            "plain" => EnumParsing::ValueOf,
            mode => {
                let rest = mode.strip_prefix("from:").expect("mode");
                let (norm, value_of_fallback) = match rest.strip_suffix("+valueOf") {
                    Some(norm) => (norm, true),
                    None => (rest, false),
                };
                let normalization = match norm {
                    "upper" => Normalization::Upper,
                    "lower" => Normalization::Lower,
                    _ => Normalization::Exact,
                };
                EnumParsing::FromString {
                    normalization,
                    value_of_fallback,
                }
            }
        };
        assert_eq!(info.parsing, parsing, "{name}");
        let spellings: Vec<(&str, &str)> = fields
            .get(2)
            .map(|s| {
                s.split(',')
                    .map(|p| p.split_once('=').expect("="))
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(info.spellings, spellings, "{name}");
    }
    assert!(cat.enum_info("NoSuchEnum").is_none());

    // Migrations, release notes, types and log levels.
    assert_eq!(
        cat.legacy_file_system_migrations().collect::<Vec<_>>(),
        r.migrations
    );
    for (old, new) in &r.migrations {
        assert_eq!(cat.legacy_file_system_migration(old), *new);
    }
    let glob = |pattern: &str, text: &str| match pattern.split_once('*') {
        None => pattern == text,
        Some((head, tail)) => {
            text.len() >= head.len() + tail.len() && text.starts_with(head) && text.ends_with(tail)
        }
    };
    for (name, _) in &r.releases {
        let mut want: Vec<ReleaseChange> = r
            .releases
            .iter()
            .filter(|(key, _)| key == name || (key.contains('*') && glob(key, name)))
            .flat_map(|(_, changes)| changes.iter().copied())
            .collect();
        want.sort_unstable();
        want.dedup();
        assert_eq!(cat.release_changes(name), want, "{name}");
    }
    assert_eq!(cat.standard_types(), r.types);
    assert_eq!(cat.log_levels(), r.log_levels);
}
