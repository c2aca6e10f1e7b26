//! What changes for a configuration when its Trino release changes: every key a file sets,
//! judged by the catalogues of both releases. These rules are reported by `trinocfg upgrade`
//! (see [`crate::upgrade`]), not by `check`, which judges one release.

declare! {
    REMOVED_ON_UPGRADE = "TU001", "removed-on-upgrade", Error,
        "A key or connector the current release reads and the target release does not.",
        "Between two releases Trino removes properties (`hive.s3.*` in 481), makes them defunct \
(`@DefunctConfig`: \"Defunct property '...' cannot be configured\"), stops reading them in a file \
(a key moved to another scope), and removes whole connectors (`kudu`, `kinesis` and `phoenix5` \
after 468). A configuration that works on the current release then fails on the target: the \
server does not start (\"Configuration property '...' was not used\"), or the catalog does not \
load. `trinocfg upgrade --out DIR` drops a removed key, leaving a comment that names it and its \
replacement; a connector has no automatic replacement.\n\nFix: set the replacement the help line \
names (with the switch it needs), or remove the key; move a removed connector's catalog to a \
connector the target ships before upgrading.";
    RENAMED_ON_UPGRADE = "TU002", "renamed-on-upgrade", Warning,
        "A key the target release reads under a new name (the old one becomes a legacy name).",
        "Trino renames properties with `@LegacyConfig`: the old name still works on the target \
release, with the warning \"Configuration property '...' has been replaced. Use '...' \
instead.\", until a later release removes it (`fs.native-s3.enabled` became `fs.s3.enabled` in \
481). Setting both names fails. `trinocfg upgrade --out DIR` writes the new name.\n\nFix: write \
the key under its new name.";
    VALUE_REFUSED_ON_UPGRADE = "TU003", "value-refused-on-upgrade", Error,
        "A value the current release takes and the target release refuses.",
        "A property's type can change between releases (an enum loses a constant, a number \
becomes a data size): the value the current release reads then fails the target's conversion \
(\"Invalid value '...' for type ...\") and the server or catalog does not start.\n\nFix: write \
the value as the target release's type takes it; the help line names the type.";
    DEFAULT_CHANGED = "TU005", "default-changed", Warning,
        "Defaults of keys a file leaves unset that change between the two releases.",
        "A key a file does not set takes Trino's default, and defaults change between releases \
(`fs.hadoop.enabled` from `true` to `false` in 458, `exchange.max-error-duration` from 5m to 1m \
in 451). The configuration then means something else on the target release without a line of \
it changing. One warning per file lists every such key of the file's scope, with both \
defaults, where Trino's source states them (defaults a module replaces when it binds the class \
are left out).\n\nFix: where the old behaviour matters, set the key to the old default \
explicitly; otherwise nothing.";
    DEPRECATED_ON_UPGRADE = "TU004", "deprecated-on-upgrade", Warning,
        "A key the target release deprecates.",
        "A setter marked `@Deprecated` still works, and Trino names it in its startup log; a \
later release usually removes it. Knowing it at upgrade time leaves room to plan the \
replacement.\n\nFix: read the release notes of the target release for the replacement, and \
move to it before the key is removed.";
}

use super::catalogs::{connector_of, file_system_on, native_file_system};
use super::Cx;
use crate::catalogue::{check_value, Catalogue, Lookup, Scope};
use crate::diagnostic::Diagnostic;
use crate::lower::catalog::storage;
use crate::model::{Content, File, Node, Properties, Property};
use crate::spec::names::printable;
use crate::upgrade::{Edit, EditAction};

/// Compares every key of a node's properties files between `from` and the release the
/// cluster targets, reporting under the `TU` rules and collecting the edits that migrate the
/// files.
pub(crate) fn compare(cx: &mut Cx<'_>, node: &Node, from_release: u32, edits: &mut Vec<Edit>) {
    let from = crate::catalogue::catalogue_for(from_release);
    let to = cx.catalogue();
    let to_release = cx.cluster.target.release;
    for file in &node.files {
        let Content::Properties(props) = &file.content else {
            continue;
        };
        let Some(scope_id) = super::properties::scope_id(from, file, props) else {
            continue;
        };
        let scope = Scope::parse(&scope_id);
        if let Some(connector) = connector_of(from, props) {
            if !to.is_connector(&connector) {
                removed_connector(cx, file, props, &connector);
                continue;
            }
        }
        defaults(cx, node, file, props, scope, (from, from_release));
        for entry in &props.entries {
            let Some(change) = change(
                (from, to),
                to_release,
                &entry.key,
                scope,
                entry.value.trim(),
            ) else {
                continue;
            };
            report(cx, entry, change, (from_release, to_release), edits);
        }
    }
}

/// Reports, in one diagnostic, the defaults that change between `from` and the target for the
/// keys of `scope` that a file leaves unset.
fn defaults(
    cx: &mut Cx<'_>,
    node: &Node,
    file: &File,
    props: &Properties,
    scope: Scope<'_>,
    (from, from_release): (&Catalogue, u32),
) {
    let to = cx.catalogue();
    let worker = node.role() == crate::memory::Role::Worker && scope == Scope::Server;
    // Keys set under any name: the name written and, for a legacy name, its replacement.
    let mut set: Vec<String> = Vec::new();
    for e in &props.entries {
        set.push(e.key.clone());
        if let Some(Lookup::Legacy { replacement, .. }) = to.lookup_in_scope(&e.key, scope) {
            set.push(replacement.into_owned());
        }
    }
    if scope == Scope::Server {
        if let Some(node_props) = node.properties("node.properties") {
            set.extend(node_props.entries.iter().map(|e| e.key.clone()));
        }
    }
    let mut changed: Vec<String> = Vec::new();
    for info in to.properties_in(scope) {
        let (Some(new), false) = (info.default, info.coordinator_only && worker) else {
            continue;
        };
        // `s3.*`, `gcs.*` and `azure.*` are read only with their switch: their defaults matter
        // only then.
        if set.iter().any(|k| k == info.name)
            || native_file_system(info.name).is_some_and(|fs| !file_system_on(props, fs))
        {
            continue;
        }
        let Some(Lookup::Known(before)) = from.lookup_in_scope(info.name, scope) else {
            continue;
        };
        if let Some(old) = before.default.filter(|old| !same_value(old, new)) {
            changed.push(format!("`{}` {} → {}", info.name, shown(old), shown(new)));
        }
    }
    if changed.is_empty() {
        return;
    }
    let to_release = cx.cluster.target.release;
    let d =
        Diagnostic::new(
            &DEFAULT_CHANGED,
            format!(
            "{} that {} leaves unset {} between Trino {from_release} and Trino {to_release}: {}",
            if changed.len() == 1 { "1 key".to_owned() } else { format!("{} keys", changed.len()) },
            file.file_name(),
            if changed.len() == 1 { "changes its default" } else { "change their defaults" },
            changed.join(", ")
        ),
        )
        .at(cx.at(&file.at, None))
        .help("set a key to its old default where the old behaviour matters");
    cx.push(d);
}

/// Whether two defaults read the same: enum constants are matched regardless of case and of
/// `-` for `_` (`thrift` and `THRIFT`).
fn same_value(a: &str, b: &str) -> bool {
    a == b
        || a.replace('-', "_")
            .eq_ignore_ascii_case(&b.replace('-', "_"))
}

/// A default as a message shows it: the empty value named.
fn shown(value: &str) -> String {
    if value.is_empty() {
        "(empty)".to_owned()
    } else {
        format!("`{value}`")
    }
}

/// What happens to one set key.
enum KeyChange {
    /// Not read by the target (removed, defunct, unknown in the scope, read elsewhere, or not
    /// yet read when going back).
    Gone {
        why: String,
        replacement: Option<String>,
        editable: bool,
    },
    /// Read under a new name.
    Renamed(String),
    /// The value fails the target's type.
    Refused(String),
    /// Deprecated by the target; with the first later known release that no longer reads it,
    /// and its replacement when one is known.
    Deprecated {
        removal: Option<(u32, Option<&'static str>)>,
    },
}

fn change(
    (from, to): (&Catalogue, &Catalogue),
    release: u32,
    key: &str,
    scope: Scope<'_>,
    value: &str,
) -> Option<KeyChange> {
    let before = match from.lookup(key, scope) {
        Lookup::Known(info) => Some(info),
        Lookup::Legacy { .. } => None,
        // Already refused by the current release: `check` reports it.
        _ => return None,
    };
    Some(match to.lookup(key, scope) {
        Lookup::Known(info) => {
            if before.is_some_and(|b| check_value(&b.kind, value).is_ok())
                && check_value(&info.kind, value).is_err()
            {
                KeyChange::Refused(info.kind.to_string())
            } else if info.deprecated && before.is_some_and(|b| !b.deprecated) {
                KeyChange::Deprecated {
                    removal: removal_after(release, key, scope),
                }
            } else {
                return None;
            }
        }
        Lookup::Legacy { replacement, .. } => {
            before?;
            KeyChange::Renamed(replacement.into_owned())
        }
        Lookup::Defunct { .. } => KeyChange::Gone {
            why: format!(
                "is defunct in Trino {release}: \"Defunct property '{key}' cannot be configured\""
            ),
            replacement: None,
            editable: true,
        },
        Lookup::Removed { replacement, .. } => KeyChange::Gone {
            why: format!(
                "is not read by Trino {release}: \"Configuration property '{key}' was not used\""
            ),
            replacement: replacement.map(str::to_owned),
            editable: true,
        },
        Lookup::Unknown {
            complete_scope: true,
            ..
        } => KeyChange::Gone {
            why: format!(
                "is not read by Trino {release}: \"Configuration property '{key}' was not used\""
            ),
            replacement: None,
            editable: true,
        },
        Lookup::NotYet { since, instead } => KeyChange::Gone {
            why: format!("is read from Trino {since} on, not by Trino {release}"),
            replacement: instead.map(str::to_owned),
            editable: false,
        },
        Lookup::WrongScope { scopes, .. } => KeyChange::Gone {
            why: format!(
                "is not read in this file by Trino {release}, only in: {}",
                scopes.join(", ")
            ),
            replacement: None,
            editable: false,
        },
        Lookup::Unknown { .. } => return None,
    })
}

/// The first known release after `release` that no longer reads `key`, with the replacement
/// its catalogue names.
fn removal_after(release: u32, key: &str, scope: Scope<'_>) -> Option<(u32, Option<&'static str>)> {
    crate::catalogue::known_releases()
        .filter(|&r| r > release)
        .find_map(
            |r| match crate::catalogue::catalogue_for(r).lookup(key, scope) {
                Lookup::Removed { replacement, .. } => Some((r, replacement)),
                Lookup::Defunct { .. }
                | Lookup::Unknown {
                    complete_scope: true,
                    ..
                } => Some((r, None)),
                _ => None,
            },
        )
}

fn report(
    cx: &mut Cx<'_>,
    entry: &Property,
    change: KeyChange,
    (from, to): (u32, u32),
    edits: &mut Vec<Edit>,
) {
    let key = printable(&entry.key);
    let at = cx.at_key(entry);
    let edit = |action: EditAction| {
        at.span.clone().map(|span| Edit {
            file: at.file.clone().unwrap_or_default(),
            span,
            expect: entry.key.clone(),
            action,
        })
    };
    let (d, new_edit) = match change {
        KeyChange::Gone {
            why,
            replacement,
            editable,
        } => {
            let help = match &replacement {
                // The native S3 file system, which the `hive.s3.*` keys give way to, is off
                // until its switch is on.
                Some(r) if r.starts_with("s3.") => format!(
                    "set `{r}` instead, with `{}=true` in the same catalog",
                    storage::switch("s3", to)
                ),
                Some(r) => format!("set `{r}` instead"),
                None => "remove it".to_owned(),
            };
            let comment = match &replacement {
                Some(r) => format!(
                    "removed `{key}`: Trino {to} does not read it; its replacement is `{r}`"
                ),
                None => format!("removed `{key}`: Trino {to} does not read it"),
            };
            let d = Diagnostic::new(
                &REMOVED_ON_UPGRADE,
                format!("`{key}`, read by Trino {from}, {why}"),
            )
            .help(help);
            (
                d,
                editable
                    .then(|| edit(EditAction::Remove(comment)))
                    .flatten(),
            )
        }
        KeyChange::Renamed(new) => {
            let d = Diagnostic::new(
                &RENAMED_ON_UPGRADE,
                format!("`{key}` is named `{new}` in Trino {to}; the old name still works, with a warning"),
            )
            .help(format!("write `{new}`"));
            (d, edit(EditAction::Rename(new)))
        }
        KeyChange::Refused(kind) => {
            let d = Diagnostic::new(
                &VALUE_REFUSED_ON_UPGRADE,
                format!("the value of `{key}`, which Trino {from} takes, is refused by Trino {to}"),
            )
            .help(format!("write a value of type: {kind}"));
            (d, None)
        }
        KeyChange::Deprecated { removal } => {
            let help = match removal {
                Some((release, Some(r))) => {
                    format!("Trino {release} removes it: move to `{r}` before then")
                }
                Some((release, None)) => {
                    format!("Trino {release} removes it: plan its replacement")
                }
                None => "plan its replacement: a later release is likely to remove it".to_owned(),
            };
            let d = Diagnostic::new(
                &DEPRECATED_ON_UPGRADE,
                format!("`{key}` is deprecated in Trino {to}"),
            )
            .help(help);
            (d, None)
        }
    };
    cx.push(d.at(at));
    edits.extend(new_edit);
}

fn removed_connector(cx: &mut Cx<'_>, file: &File, props: &Properties, connector: &str) {
    let to = cx.cluster.target.release;
    let last = cx
        .catalogue()
        .connector_removed_after(connector)
        .map_or_else(String::new, |r| {
            format!(" (the last release that ships it: {r})")
        });
    let at = cx.at_setting(file, props, "connector.name");
    let d = Diagnostic::new(
        &REMOVED_ON_UPGRADE,
        format!(
            "catalog `{}` uses connector `{connector}`, which Trino {to} does not ship{last}: \"No factory for connector '{connector}'\"",
            file.file_name().trim_end_matches(".properties")
        ),
    )
    .at(at)
    .help("move the catalog's tables to a connector the target release ships, or remove the catalog before upgrading");
    cx.push(d);
}
