//! Compiles the property catalogue (`data/catalogue.tsv`) and the system session properties
//! (`data/session-properties.tsv`, see `build/session_properties.rs`) into static Rust tables.
//!
//! The TSV, written by `scripts/gen-catalogue.py`, stays the reviewed source of the data; this
//! script turns it into `$OUT_DIR/catalogue_tables.rs`, which `src/catalogue/tables.rs` includes
//! (and describes). A process then starts with the catalogue ready: nothing to parse, nothing to
//! relocate. A TSV that cannot be read stops the build with the line and the reason.

// Cargo reads a build script's instructions from its standard output.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::{env, fs, process};

#[path = "build/session_properties.rs"]
mod session_properties;

const SOURCE: &str = "data/catalogue.tsv";
const OUTPUT: &str = "catalogue_tables.rs";
const SESSION_SOURCE: &str = "data/session-properties.tsv";
const SESSION_OUTPUT: &str = "session_tables.rs";

fn main() {
    println!("cargo:rerun-if-changed={SOURCE}");
    println!("cargo:rerun-if-changed={SESSION_SOURCE}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=build/session_properties.rs");
    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default());
    let text = fs::read_to_string(manifest_dir.join(SOURCE))
        .unwrap_or_else(|e| fail(&format!("cannot read {SOURCE}: {e}")));
    let tsv = Tsv::parse(&text).unwrap_or_else(|e| fail(&e));
    let code = Generator::default()
        .generate(&tsv)
        .unwrap_or_else(|e| fail(&e));
    let out = out_dir.join(OUTPUT);
    fs::write(&out, code).unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", out.display())));

    let text = fs::read_to_string(manifest_dir.join(SESSION_SOURCE))
        .unwrap_or_else(|e| fail(&format!("cannot read {SESSION_SOURCE}: {e}")));
    let code = session_properties::generate(&text, &tsv.releases_known).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        process::exit(1)
    });
    let out = out_dir.join(SESSION_OUTPUT);
    fs::write(&out, code).unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", out.display())));
}

fn fail(message: &str) -> ! {
    eprintln!(
        "error: {message}\n\
         {SOURCE} is written by scripts/gen-catalogue.py: fix the generator or regenerate it \
         with `python3 scripts/gen-catalogue.py`"
    );
    process::exit(1)
}

// ---------------------------------------------------------------------------------------------
// Reading the TSV (format: the docstring of scripts/gen-catalogue.py)
// ---------------------------------------------------------------------------------------------

/// A value type, as the TSV spells it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// A variant without data, by its `ValueKind` name.
    Simple(&'static str),
    Enum(String),
    Other(String),
    List(Box<Kind>),
    Set(Box<Kind>),
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Property {
    name: String,
    kind: Kind,
    flags: String,
    /// Trino's default, as a config file writes it (unescaped).
    default: Option<String>,
    /// The releases it holds in, one bit per known release (oldest lowest).
    releases: u8,
    /// Empty for a template's property: it gets the scopes that bind the template.
    scopes: Vec<String>,
    prefixed: bool,
}

#[derive(Debug)]
enum Rec {
    Property(Property),
    Legacy {
        scopes: Vec<String>,
        replacements: Vec<String>,
        releases: u8,
    },
    Defunct {
        scopes: Vec<String>,
        releases: u8,
    },
}

#[derive(Debug)]
struct EnumDef {
    mode: (&'static str, bool),
    constants: Vec<String>,
    spellings: Vec<(String, String)>,
}

type Changes = Vec<(u32, &'static str)>;

#[derive(Debug, Default)]
struct Tsv {
    version: u32,
    source: String,
    /// The known releases, oldest first, with their sources.
    releases_known: Vec<(u32, String)>,
    /// Scope id → whether its key list is complete, and the releases that have it.
    scopes: BTreeMap<String, (bool, u8)>,
    direct: BTreeMap<String, Vec<Rec>>,
    templates: BTreeMap<String, BTreeMap<String, Vec<Rec>>>,
    /// (scope, prefix, template, releases), in file order.
    prefixes: Vec<(String, String, String, u8)>,
    enums: BTreeMap<String, EnumDef>,
    migrations: BTreeMap<String, Option<String>>,
    releases: BTreeMap<String, Changes>,
    release_patterns: Vec<(String, Changes)>,
    standard_types: Vec<String>,
    log_levels: Vec<String>,
}

impl Tsv {
    fn parse(data: &str) -> Result<Tsv, String> {
        let mut tsv = Tsv::default();
        let mut section = String::new();
        let mut section_scopes: Vec<String> = Vec::new();
        let mut template: Option<String> = None;
        for (index, line) in data.lines().enumerate() {
            let bad = |why: &str| format!("{SOURCE} line {}: {why}: {line:?}", index + 1);
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                let (kind, arg) = header.split_once(' ').unwrap_or((header, ""));
                kind.clone_into(&mut section);
                template = None;
                section_scopes.clear();
                match kind {
                    "in" => section_scopes.extend(arg.split(',').map(str::to_owned)),
                    "template" => template = Some(arg.to_owned()),
                    "scopes" | "prefix" | "enum" | "migration" | "release" | "types"
                    | "log-levels" => {}
                    _ => return Err(bad("unknown section")),
                }
                continue;
            }
            if let Some(fact) = line.strip_prefix("= ") {
                match fact.split_once('\t') {
                    Some(("version", v)) => {
                        tsv.version = v.parse().map_err(|_| bad("the version is not a number"))?;
                    }
                    Some(("source", s)) => s.clone_into(&mut tsv.source),
                    Some(("release", r)) => {
                        let (release, source) = r.split_once('\t').unwrap_or((r, ""));
                        let release = release
                            .parse()
                            .map_err(|_| bad("a release is not a number"))?;
                        tsv.releases_known.push((release, source.to_owned()));
                    }
                    _ => {}
                }
                continue;
            }
            let mut fields: Vec<&str> = line.split('\t').collect();
            // A last field `@RELEASES` restricts the line to those releases.
            let releases = match fields.last().and_then(|f| f.strip_prefix('@')) {
                Some(list) => {
                    let mask = parse_releases(list, &tsv.releases_known)
                        .ok_or_else(|| bad("unknown releases after `@`"))?;
                    fields.pop();
                    mask
                }
                None => all_releases(&tsv.releases_known),
            };
            let field = |i: usize| -> Result<&str, String> {
                fields
                    .get(i)
                    .copied()
                    .ok_or_else(|| bad(&format!("field {} is missing", i + 1)))
            };
            match section.as_str() {
                "scopes" => {
                    let complete = fields.get(1) != Some(&"partial");
                    tsv.scopes
                        .insert(fields[0].to_owned(), (complete, releases));
                }
                "in" | "template" => {
                    let (name, rest) = (fields[0], field(1)?);
                    let scopes = section_scopes.clone();
                    let record = if rest == "!" {
                        Rec::Defunct { scopes, releases }
                    } else if let Some(replacements) = rest.strip_prefix('>') {
                        Rec::Legacy {
                            scopes,
                            replacements: replacements.split(',').map(str::to_owned).collect(),
                            releases,
                        }
                    } else {
                        // TYPE[<TAB>FLAGS][<TAB>=DEFAULT]
                        let mut extra = fields[2..].iter().copied().peekable();
                        let flags = extra.next_if(|f| !f.starts_with('=')).unwrap_or("");
                        if let Some(f) = flags.chars().find(|c| !"cdsh".contains(*c)) {
                            return Err(bad(&format!("unknown flag `{f}`")));
                        }
                        let default = match extra.next().map(|f| f.strip_prefix('=')) {
                            None => None,
                            Some(Some(value)) => Some(
                                unescape(value)
                                    .ok_or_else(|| bad("a bad escape in the default"))?,
                            ),
                            Some(None) => return Err(bad("want `=DEFAULT` after the flags")),
                        };
                        if extra.next().is_some() {
                            return Err(bad("a field after the default"));
                        }
                        Rec::Property(Property {
                            name: name.to_owned(),
                            kind: parse_kind(rest).ok_or_else(|| bad("unknown type"))?,
                            flags: flags.to_owned(),
                            default,
                            releases,
                            scopes,
                            prefixed: template.is_some(),
                        })
                    };
                    let map = match &template {
                        Some(t) => tsv.templates.entry(t.clone()).or_default(),
                        None => &mut tsv.direct,
                    };
                    map.entry(name.to_owned()).or_default().push(record);
                }
                "prefix" => {
                    if fields.len() != 3 {
                        return Err(bad("want SCOPE, PREFIX and TEMPLATE"));
                    }
                    let [scope, prefix, template] = [0, 1, 2].map(|i| fields[i].to_owned());
                    tsv.prefixes.push((scope, prefix, template, releases));
                }
                "enum" => {
                    let mode = parse_enum_mode(field(1)?).ok_or_else(|| bad("unknown mode"))?;
                    let constants = field(2)?.split(',').map(str::to_owned).collect();
                    let mut spellings = Vec::new();
                    if let Some(pairs) = fields.get(3) {
                        for pair in pairs.split(',') {
                            let (s, c) = pair
                                .split_once('=')
                                .ok_or_else(|| bad("a spelling without `=`"))?;
                            spellings.push((s.to_owned(), c.to_owned()));
                        }
                    }
                    let def = EnumDef {
                        mode,
                        constants,
                        spellings,
                    };
                    tsv.enums.insert(fields[0].to_owned(), def);
                }
                "migration" => {
                    let new = field(1)?;
                    let new = (new != "-").then(|| new.to_owned());
                    tsv.migrations.insert(fields[0].to_owned(), new);
                }
                "release" => {
                    let changes = field(1)?
                        .split(',')
                        .map(parse_release_change)
                        .collect::<Option<Changes>>()
                        .ok_or_else(|| bad("want VERSION VERB[,VERSION VERB...]"))?;
                    if fields[0].contains('*') {
                        tsv.release_patterns.push((fields[0].to_owned(), changes));
                    } else {
                        tsv.releases.insert(fields[0].to_owned(), changes);
                    }
                }
                "types" => tsv.standard_types.push(line.to_owned()),
                "log-levels" => tsv.log_levels.push(line.to_owned()),
                _ => return Err(bad("a record outside any section")),
            }
        }
        if tsv.version == 0 {
            return Err(format!("{SOURCE} has no `= version` line"));
        }
        if tsv.releases_known.is_empty()
            || tsv.releases_known.len() > 8
            || !tsv.releases_known.windows(2).all(|w| w[0].0 < w[1].0)
        {
            return Err(format!(
                "{SOURCE}: want 1 to 8 `= release` lines before the sections, oldest first"
            ));
        }
        tsv.resolve_template_scopes();
        tsv.validate()?;
        Ok(tsv)
    }

    /// A prefixed property is read in every scope that binds its template.
    fn resolve_template_scopes(&mut self) {
        for (template, records) in &mut self.templates {
            let mut scopes: Vec<String> = self
                .prefixes
                .iter()
                .filter(|(_, _, t, _)| t == template)
                .map(|(scope, _, _, _)| scope.clone())
                .collect();
            scopes.sort_unstable();
            scopes.dedup();
            for record in records.values_mut().flatten() {
                if let Rec::Property(p) = record {
                    p.scopes.clone_from(&scopes);
                }
            }
        }
    }

    /// Checks what the run-time code relies on: known enums and scopes, bound templates.
    fn validate(&self) -> Result<(), String> {
        fn check_kind(tsv: &Tsv, kind: &Kind, name: &str) -> Result<(), String> {
            match kind {
                Kind::Enum(e) if !tsv.enums.contains_key(e) => {
                    Err(format!("{SOURCE}: `{name}` uses the unknown enum `{e}`"))
                }
                Kind::List(el) | Kind::Set(el) => check_kind(tsv, el, name),
                _ => Ok(()),
            }
        }
        let all = self.direct.iter().chain(self.templates.values().flatten());
        for (name, records) in all {
            for record in records {
                let scopes = match record {
                    Rec::Property(p) => {
                        check_kind(self, &p.kind, name)?;
                        &p.scopes
                    }
                    Rec::Legacy { scopes, .. } | Rec::Defunct { scopes, .. } => scopes,
                };
                if let Some(s) = scopes.iter().find(|s| !self.scopes.contains_key(*s)) {
                    return Err(format!(
                        "{SOURCE}: `{name}` is read in `{s}`, not in [scopes]"
                    ));
                }
            }
        }
        for (scope, prefix, template, _) in &self.prefixes {
            if !self.templates.contains_key(template) {
                return Err(format!(
                    "{SOURCE}: [prefix] binds `{prefix}` to the unknown template `{template}`"
                ));
            }
            if !self.scopes.contains_key(scope) {
                return Err(format!(
                    "{SOURCE}: [prefix] names the unknown scope `{scope}`"
                ));
            }
        }
        for (name, def) in &self.enums {
            if let Some((s, c)) = def
                .spellings
                .iter()
                .find(|(_, c)| !def.constants.contains(c))
            {
                return Err(format!(
                    "{SOURCE}: enum `{name}` maps `{s}` to `{c}`, which is not a constant"
                ));
            }
        }
        Ok(())
    }
}

fn parse_kind(code: &str) -> Option<Kind> {
    let simple = match code {
        "str" => "String",
        "bool" => "Boolean",
        "int" => "Int",
        "long" => "Long",
        "double" => "Double",
        "decimal" => "Decimal",
        "size" => "DataSize",
        "dur" => "Duration",
        "heap" => "HeapSize",
        "uri" => "Uri",
        "file" => "File",
        "path" => "Path",
        "hostport" => "HostAndPort",
        _ => {
            let (head, arg) = code.split_once(':')?;
            return Some(match head {
                "enum" => Kind::Enum(arg.to_owned()),
                "list" => Kind::List(Box::new(parse_kind(arg)?)),
                "set" => Kind::Set(Box::new(parse_kind(arg)?)),
                "other" => Kind::Other(arg.to_owned()),
                _ => return None,
            });
        }
    };
    Some(Kind::Simple(simple))
}

/// A default as the TSV writes it: `\\`, `\t`, `\n` and `\r` stand for a backslash, TAB, LF
/// and CR. `None` for any other escape.
fn unescape(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            '\\' => '\\',
            't' => '\t',
            'n' => '\n',
            'r' => '\r',
            _ => return None,
        });
    }
    Some(out)
}

/// `plain`, or `from:upper|lower|exact` with an optional `+valueOf`: (normalisation, fallback).
fn parse_enum_mode(mode: &str) -> Option<(&'static str, bool)> {
    if mode == "plain" {
        return Some(("", false));
    }
    let rest = mode.strip_prefix("from:")?;
    let (norm, fallback) = match rest.strip_suffix("+valueOf") {
        Some(n) => (n, true),
        None => (rest, false),
    };
    let norm = match norm {
        "upper" => "Upper",
        "lower" => "Lower",
        "exact" => "Exact",
        _ => return None,
    };
    Some((norm, fallback))
}

/// Every known release's bit.
fn all_releases(known: &[(u32, String)]) -> u8 {
    u8::try_from((1u32 << known.len()) - 1).unwrap_or(u8::MAX)
}

/// `435-476,481`: the bits of those known releases (ranges over the known ones).
fn parse_releases(list: &str, known: &[(u32, String)]) -> Option<u8> {
    let bit = |release: &str| -> Option<usize> {
        let release: u32 = release.parse().ok()?;
        known.iter().position(|(r, _)| *r == release)
    };
    let mut mask = 0u8;
    for item in list.split(',') {
        let (from, to) = item.split_once('-').unwrap_or((item, item));
        for i in bit(from)?..=bit(to)? {
            mask |= 1 << i;
        }
    }
    (mask != 0).then_some(mask)
}

fn parse_release_change(text: &str) -> Option<(u32, &'static str)> {
    let (version, verb) = text.split_once(' ')?;
    let change = match verb {
        "deprecated" => "Deprecated",
        "removed" => "Removed",
        "renamed" => "Renamed",
        "replaced" => "Replaced",
        _ => return None,
    };
    Some((version.parse().ok()?, change))
}

// ---------------------------------------------------------------------------------------------
// Writing the tables
// ---------------------------------------------------------------------------------------------

/// Record flag bits (`src/catalogue/tables.rs` reads them): the tag in the two low bits, then
/// the property flags of the TSV and whether the key belongs to a template.
const LEGACY: u8 = 1;
const DEFUNCT: u8 = 2;
const FLAGS: [(char, u8); 4] = [('c', 4), ('d', 8), ('s', 16), ('h', 32)];
const PREFIXED: u8 = 64;

/// Bits of a packed string reference: start (high) and length (low).
const LEN_BITS: u32 = 12;
const START_BITS: u32 = 32 - LEN_BITS;

/// Every string of the catalogue in one text: the keys first, one after the other in key-table
/// order (their lengths are a column of their own), then every other string once, sorted.
struct Strings {
    text: String,
    packed: BTreeMap<String, u32>,
}

impl Strings {
    fn lay_out(keys: &[&str], others: &[&str]) -> Result<Strings, String> {
        let mut text: String = keys.concat();
        let mut others = others.to_vec();
        others.sort_unstable();
        others.dedup();
        let mut packed = BTreeMap::new();
        for s in others {
            let start = if let Some(start) = text.find(s) {
                start
            } else {
                text.push_str(s);
                text.len() - s.len()
            };
            let start = u32::try_from(start).unwrap_or(u32::MAX);
            let len = u32::try_from(s.len()).unwrap_or(u32::MAX);
            if start >= 1 << START_BITS || len >= 1 << LEN_BITS {
                return Err(format!(
                    "{SOURCE}: too much text for packed references (`{s}`)"
                ));
            }
            packed.insert(s.to_owned(), start << LEN_BITS | len);
        }
        Ok(Strings { text, packed })
    }

    /// The `Str` expression of `s`, which [`other_strings`] must have listed.
    fn of(&self, s: &str) -> String {
        match self.packed.get(s) {
            Some(packed) => format!("Str({packed})"),
            None => fail(&format!("build.rs: `{s}` is missing from other_strings()")),
        }
    }
}

/// Every string the tables refer to other than the keys.
fn other_strings(tsv: &Tsv) -> Vec<&str> {
    fn kind_strings<'a>(kind: &'a Kind, out: &mut Vec<&'a str>) {
        match kind {
            Kind::Other(name) => out.push(name),
            Kind::List(el) | Kind::Set(el) => kind_strings(el, out),
            Kind::Simple(_) | Kind::Enum(_) => {}
        }
    }
    let mut out: Vec<&str> = Vec::new();
    out.extend(tsv.scopes.keys().map(String::as_str));
    out.extend(tsv.templates.keys().map(String::as_str));
    for records in tsv
        .direct
        .values()
        .chain(tsv.templates.values().flat_map(|t| t.values()))
    {
        for record in records {
            match record {
                Rec::Property(p) => {
                    kind_strings(&p.kind, &mut out);
                    out.extend(p.default.as_deref());
                }
                Rec::Legacy { replacements, .. } => {
                    out.extend(replacements.iter().map(String::as_str));
                }
                Rec::Defunct { .. } => {}
            }
        }
    }
    for (scope, prefix, _, _) in &tsv.prefixes {
        out.extend([scope.as_str(), prefix.as_str()]);
    }
    for (name, def) in &tsv.enums {
        out.push(name);
        out.extend(def.constants.iter().map(String::as_str));
        for (s, c) in &def.spellings {
            out.extend([s.as_str(), c.as_str()]);
        }
    }
    for (old, new) in &tsv.migrations {
        out.push(old);
        out.extend(new.as_deref());
    }
    out.extend(tsv.releases.keys().map(String::as_str));
    out.extend(tsv.release_patterns.iter().map(|(p, _)| p.as_str()));
    out.extend(tsv.standard_types.iter().map(String::as_str));
    out.extend(tsv.log_levels.iter().map(String::as_str));
    out
}

/// The columns of the key and record tables, and pools of shared values, each value stored
/// once and referred to by index.
#[derive(Default)]
struct Generator {
    key_lengths: Vec<u8>,
    key_records: Vec<u8>,
    record_flags: Vec<u8>,
    record_args: Vec<u16>,
    record_scopes: Vec<u16>,
    record_releases: Vec<u8>,
    /// Per record: 0 for none, else one more than the index of its default in `defaults`.
    record_defaults: Vec<u16>,
    /// Defaults of properties, each once.
    defaults: Vec<String>,
    /// String lists: scope sets, replacement lists, enum constants, types, log levels.
    lists: Vec<Vec<String>>,
    /// Types of properties.
    kinds: Vec<Kind>,
    /// Element types of lists and sets.
    elements: Vec<Kind>,
    changes: Vec<(u32, &'static str)>,
    enum_index: BTreeMap<String, usize>,
}

/// Index of `value` in `pool`, appending it if new.
fn intern<T: PartialEq + Clone>(pool: &mut Vec<T>, value: &T) -> usize {
    if let Some(i) = pool.iter().position(|v| v == value) {
        i
    } else {
        pool.push(value.clone());
        pool.len() - 1
    }
}

fn index_u16(index: usize, what: &str) -> Result<u16, String> {
    u16::try_from(index).map_err(|_| format!("{SOURCE}: more than 65535 {what}"))
}

/// `name: [type; N] = [a, b, ...]`, the items as numbers.
fn column<T: std::fmt::Display>(o: &mut String, name: &str, ty: &str, items: &[T]) {
    let items: Vec<String> = items.iter().map(T::to_string).collect();
    let _ = writeln!(
        o,
        "static {name}: [{ty}; {}] = [{}];\n",
        items.len(),
        items.join(",")
    );
}

impl Generator {
    fn generate(mut self, tsv: &Tsv) -> Result<String, String> {
        self.enum_index = tsv.enums.keys().cloned().zip(0..).collect();
        let mut keys: Vec<&str> = tsv.direct.keys().map(String::as_str).collect();
        for (name, records) in &tsv.direct {
            self.key(name, records, false)?;
        }
        let mut templates = Vec::new();
        for (id, entries) in &tsv.templates {
            templates.push((id, keys.len(), entries.len()));
            keys.extend(entries.keys().map(String::as_str));
            for (name, records) in entries {
                self.key(name, records, true)?;
            }
        }
        index_u16(keys.len(), "keys")?;
        index_u16(self.record_flags.len(), "records")?;
        let strings = Strings::lay_out(&keys, &other_strings(tsv))?;
        let s = &strings;

        let mut o = String::new();
        // `write!` to a String cannot fail.
        let _ = writeln!(
            o,
            "// Generated by crates/core/build.rs from crates/core/data/catalogue.tsv.\n\n\
             const KEY_COUNT: usize = {};\nconst RECORD_COUNT: usize = {};\n",
            keys.len(),
            self.record_flags.len()
        );
        column(&mut o, "KEY_LENGTHS", "u8", &self.key_lengths);
        column(&mut o, "KEY_RECORDS", "u8", &self.key_records);
        column(&mut o, "RECORD_FLAGS", "u8", &self.record_flags);
        column(&mut o, "RECORD_ARGS", "u16", &self.record_args);
        column(&mut o, "RECORD_SCOPES", "u16", &self.record_scopes);
        column(&mut o, "RECORD_RELEASES", "u8", &self.record_releases);
        column(&mut o, "RECORD_DEFAULTS", "u16", &self.record_defaults);
        let defaults: Vec<String> = self.defaults.iter().map(|d| s.of(d)).collect();
        let _ = writeln!(
            o,
            "static DEFAULTS: [Str; {}] = [{}];\n",
            defaults.len(),
            defaults.join(", ")
        );
        let _ = writeln!(o, "static TEMPLATES: [Template; {}] = [", templates.len());
        for (id, first, len) in templates {
            let (first, len) = (index_u16(first, "keys")?, index_u16(len, "keys")?);
            let _ = writeln!(
                o,
                "    Template {{ id: {}, keys: Keys {{ first: {first}, len: {len} }} }},",
                s.of(id)
            );
        }
        let _ = writeln!(o, "];\n");

        let standard_types = self.list(&tsv.standard_types)?;
        let log_levels = self.list(&tsv.log_levels)?;
        self.write_other_tables(&mut o, s, tsv)?;
        self.write_enums(&mut o, s, tsv)?;
        self.write_pools(&mut o, s)?;
        // One catalogue per known release, then one per pair of neighbours (a release between
        // them: a record holds when it holds in either; a defunct name only when in both).
        let known = &tsv.releases_known;
        let _ = writeln!(
            o,
            "/// The known releases, oldest first, with their sources.\n\
             pub(super) static KNOWN: [(u32, &str); {}] = {:?};\n",
            known.len(),
            known
                .iter()
                .map(|(r, s)| (*r, s.as_str()))
                .collect::<Vec<_>>()
        );
        let mut catalogues = Vec::new();
        for (i, (release, _)) in known.iter().enumerate() {
            catalogues.push((*release, *release, 1u8 << i));
        }
        for (i, pair) in known.windows(2).enumerate() {
            catalogues.push((pair[0].0, pair[1].0, 0b11u8 << i));
        }
        let _ = writeln!(
            o,
            "/// The catalogues: one per known release, then one per pair of neighbours.\n\
             pub(super) static CATALOGUES: [Catalogue; {}] = [",
            catalogues.len()
        );
        for (oldest, newest, mask) in catalogues {
            let _ = writeln!(
                o,
                "    Catalogue {{\n        oldest: {oldest},\n        newest: {newest},\n        \
                 releases: {mask},\n        scopes: &SCOPES,\n        \
                 direct: Keys {{ first: 0, len: {} }},\n        \
                 templates: &TEMPLATES,\n        prefixes: &PREFIXES,\n        \
                 migrations: &MIGRATIONS,\n        \
                 releases_noted: &RELEASES,\n        release_patterns: &RELEASE_PATTERNS,\n        \
                 standard_types: {standard_types},\n        log_levels: {log_levels},\n    }},",
                tsv.direct.len()
            );
        }
        let _ = writeln!(o, "];");
        Ok(o)
    }

    fn list(&mut self, items: &[String]) -> Result<u16, String> {
        index_u16(intern(&mut self.lists, &items.to_vec()), "string lists")
    }

    /// The columns of one key and its records.
    fn key(&mut self, name: &str, records: &[Rec], prefixed: bool) -> Result<(), String> {
        let too_many = |what: &str| format!("{SOURCE}: `{name}` has more than 255 {what}");
        let len = u8::try_from(name.len()).map_err(|_| too_many("bytes"))?;
        let count = u8::try_from(records.len()).map_err(|_| too_many("records"))?;
        self.key_lengths.push(len);
        self.key_records.push(count);
        for rec in records {
            let releases = match rec {
                Rec::Property(p) => p.releases,
                Rec::Legacy { releases, .. } | Rec::Defunct { releases, .. } => *releases,
            };
            self.record_releases.push(releases);
            let default = match rec {
                Rec::Property(Property {
                    default: Some(d), ..
                }) => index_u16(intern(&mut self.defaults, d) + 1, "defaults")?,
                _ => 0,
            };
            self.record_defaults.push(default);
            let (flags, arg, scopes) = match rec {
                Rec::Property(p) => {
                    let mut flags = 0;
                    for (c, bit) in FLAGS {
                        if p.flags.contains(c) {
                            flags |= bit;
                        }
                    }
                    (flags, self.kind(&p.kind, false)?, &p.scopes)
                }
                Rec::Legacy {
                    scopes,
                    replacements,
                    ..
                } => (LEGACY, self.list(replacements)?, scopes),
                Rec::Defunct { scopes, .. } => (DEFUNCT, 0, scopes),
            };
            let prefixed = if prefixed { PREFIXED } else { 0 };
            self.record_flags.push(flags | prefixed);
            self.record_args.push(arg);
            let scopes = self.list(scopes)?;
            self.record_scopes.push(scopes);
        }
        Ok(())
    }

    /// Index of `kind` in the pool of property types or of element types. An element type
    /// comes before the list types that use it.
    fn kind(&mut self, kind: &Kind, element: bool) -> Result<u16, String> {
        if let Kind::List(el) | Kind::Set(el) = kind {
            self.kind(el, true)?;
        }
        let pool = if element {
            &mut self.elements
        } else {
            &mut self.kinds
        };
        index_u16(intern(pool, kind), "value kinds")
    }

    fn write_enums(&mut self, o: &mut String, s: &Strings, tsv: &Tsv) -> Result<(), String> {
        let mut rows = String::new();
        let mut pairs = String::new();
        let mut pair_count = 0usize;
        for (name, def) in &tsv.enums {
            let parsing = match def.mode {
                ("", _) => "EnumParsing::ValueOf".to_owned(),
                (norm, fallback) => format!(
                    "EnumParsing::FromString {{ normalization: Normalization::{norm}, \
                     value_of_fallback: {fallback} }}"
                ),
            };
            let first = index_u16(pair_count, "enum spellings")?;
            for (spelling, constant) in &def.spellings {
                let _ = writeln!(pairs, "    ({}, {}),", s.of(spelling), s.of(constant));
                pair_count += 1;
            }
            let _ = writeln!(
                rows,
                "    EnumRow {{ name: {}, parsing: {parsing}, constants: {}, \
                 spellings: ({first}, {}) }},",
                s.of(name),
                self.list(&def.constants)?,
                index_u16(def.spellings.len(), "spellings of an enum")?
            );
        }
        let _ = writeln!(
            o,
            "static ENUMS: [EnumRow; {}] = [\n{rows}];\n\n\
             static SPELLINGS: [(Str, Str); {pair_count}] = [\n{pairs}];\n",
            tsv.enums.len()
        );
        Ok(())
    }

    fn write_other_tables(&mut self, o: &mut String, s: &Strings, tsv: &Tsv) -> Result<(), String> {
        let _ = writeln!(
            o,
            "static SCOPES: [(Str, bool, u8); {}] = [",
            tsv.scopes.len()
        );
        for (scope, (complete, releases)) in &tsv.scopes {
            let _ = writeln!(o, "    ({}, {complete}, {releases}),", s.of(scope));
        }
        let _ = writeln!(
            o,
            "];\n\nstatic PREFIXES: [PrefixBinding; {}] = [",
            tsv.prefixes.len()
        );
        for (scope, prefix, template, releases) in &tsv.prefixes {
            let t = tsv.templates.keys().position(|k| k == template);
            let t = t.unwrap_or(0); // validate() checked that it exists
            let _ = writeln!(
                o,
                "    PrefixBinding {{ scope: {}, prefix: {}, template: {t}, releases: {releases} }},",
                s.of(scope),
                s.of(prefix)
            );
        }
        let _ = writeln!(
            o,
            "];\n\nstatic MIGRATIONS: [(Str, Option<Str>); {}] = [",
            tsv.migrations.len()
        );
        for (old, new) in &tsv.migrations {
            let new = new
                .as_ref()
                .map_or("None".to_owned(), |n| format!("Some({})", s.of(n)));
            let _ = writeln!(o, "    ({}, {new}),", s.of(old));
        }
        let mut releases = |name: &str, table: &[(&String, &Changes)]| -> Result<(), String> {
            let _ = writeln!(
                o,
                "];\n\nstatic {name}: [(Str, Changes); {}] = [",
                table.len()
            );
            for (key, changes) in table {
                let first = index_u16(self.changes.len(), "release changes")?;
                self.changes.extend(changes.iter().copied());
                let len = index_u16(changes.len(), "release changes of a key")?;
                let _ = writeln!(
                    o,
                    "    ({}, Changes {{ first: {first}, len: {len} }}),",
                    s.of(key)
                );
            }
            Ok(())
        };
        let exact: Vec<(&String, &Changes)> = tsv.releases.iter().collect();
        releases("RELEASES", &exact)?;
        let patterns: Vec<(&String, &Changes)> =
            tsv.release_patterns.iter().map(|(p, c)| (p, c)).collect();
        releases("RELEASE_PATTERNS", &patterns)?;
        let _ = writeln!(o, "];\n");
        Ok(())
    }

    fn write_pools(&self, o: &mut String, s: &Strings) -> Result<(), String> {
        for (name, pool) in [("KINDS", &self.kinds), ("ELEMENTS", &self.elements)] {
            let _ = writeln!(o, "static {name}: [KindRow; {}] = [", pool.len());
            for kind in pool {
                let element = |el: &Kind| self.elements.iter().position(|k| k == el);
                let row = match kind {
                    Kind::Simple(variant) => format!("KindRow::Plain(ValueKind::{variant})"),
                    Kind::Enum(name) => format!("KindRow::Enum({})", self.enum_index[name]),
                    Kind::Other(name) => format!("KindRow::Other({})", s.of(name)),
                    Kind::List(el) => format!("KindRow::List({})", element(el).unwrap_or(0)),
                    Kind::Set(el) => format!("KindRow::Set({})", element(el).unwrap_or(0)),
                };
                let _ = writeln!(o, "    {row},");
            }
            let _ = writeln!(o, "];\n");
        }
        let _ = writeln!(o, "const ELEMENT_COUNT: usize = {};\n", self.elements.len());

        let mut items = Vec::new();
        let _ = writeln!(o, "static LISTS: [(u16, u16); {}] = [", self.lists.len());
        for list in &self.lists {
            let first = index_u16(items.len(), "string list items")?;
            let len = index_u16(list.len(), "items of a string list")?;
            let _ = writeln!(o, "    ({first}, {len}),");
            items.extend(list.iter().map(|item| s.of(item)));
        }
        let _ = writeln!(
            o,
            "];\n\nstatic LIST_ITEMS: [Str; {}] = [{}];\n",
            items.len(),
            items.join(", ")
        );

        let _ = writeln!(
            o,
            "static CHANGES: [ReleaseChange; {}] = [",
            self.changes.len()
        );
        for (version, change) in &self.changes {
            let _ = writeln!(
                o,
                "    ReleaseChange {{ version: {version}, change: Change::{change} }},"
            );
        }
        let _ = writeln!(o, "];\n\nstatic STRINGS: &str = {:?};\n", s.text);
        Ok(())
    }
}
