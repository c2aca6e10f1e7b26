//! The file session property manager (`session-property-config.properties` with
//! `session-property-config.configuration-manager=file`, and the JSON file its
//! `session-property-manager.config-file` names): the rules as Trino's codec reads them when the
//! coordinator starts.

declare! {
    SESSION_PROPERTIES_FILE = "TR006", "session-properties-file", Error,
        "A session property rules file Trino refuses: invalid JSON, unknown keys, a rule without `sessionProperties`, a pattern that does not compile.",
        "The file session property manager reads its JSON file when the coordinator starts: a \
list of rules, each with the optional matchers `user`, `source` and `group` (Java regular \
expressions), `clientTags` (a list of strings) and `queryType`, and the `sessionProperties` it \
sets: names to values, a catalog's property named as `SET SESSION` names it \
(`hive.compression_codec`). Unknown keys are refused (\"Unknown property at line ...\"), \
PrestoSQL's `catalogSessionProperties` among them; a rule without `sessionProperties` is refused \
(\"sessionProperties is null\"), and so are a pattern Java cannot compile, a value that is a list \
or an object where text is read, and a `null` value. The coordinator does not start.\n\nFix: use \
the keys and shapes of Trino's session property manager documentation, e.g. \
`[{\"group\": \"global.pipeline.*\", \"sessionProperties\": {\"query_max_run_time\": \"1h\", \
\"hive.compression_codec\": \"ZSTD\"}}]`.";
    SESSION_PROPERTY_CATALOG = "TR007", "session-property-unknown-catalog", Warning,
        "A session property default names a catalog the cluster does not have.",
        "The file session property manager reads a name with a dot as a catalog's property: \
`hive.compression_codec` is the property `compression_codec` of the catalog `hive`. Trino looks \
the catalog up when a query the rule matches begins its transaction; when the cluster has no \
catalog of that name, the query fails with \"Catalog 'hive' not found\". \
The coordinator starts, and every query the rule matches fails. Checked when every catalog file \
of the coordinator is known and catalogs are not managed at run time \
(`catalog.management=dynamic`).\n\nFix: name the property after an existing catalog (its file's \
name without `.properties`), or remove it.";
    SESSION_PROPERTY_UNKNOWN = "TR008", "session-property-unknown", Warning,
        "A session property default names a system session property the target release does not have.",
        "The file session property manager hands a rule's properties to every query the rule \
matches, and Trino checks them when the query begins its transaction. A name without a dot is a \
system session property (`query_max_run_time`); when the release has none of that name, the \
query fails with INVALID_SESSION_PROPERTY (\"Session property 'NAME' does not exist\" in recent \
releases, \"Unknown session property NAME\" in older ones). The coordinator starts, and every \
query the rule matches fails. The usual causes: a misspelling, a property a later release \
removed (`enable_large_dynamic_filters`, gone in 480) or has not added yet, and the spooling \
protocol's properties (`spooling_inlining_enabled`, ...), which exist only with \
`protocol.spooling.enabled=true`. The names are those of Trino's `SystemSessionProperties` and \
`SpoolingSessionProperties` in the target release; `SHOW SESSION` lists them on a running \
cluster.\n\nFix: use the name the help line suggests, or remove the property.";
    SESSION_PROPERTY_VALUE = "TR009", "session-property-value", Warning,
        "A session property default whose value Trino cannot decode, or reads as something else.",
        "Trino decodes a rule's values when a query the rule matches begins, by the system \
session property's type: a duration (`8h`, not `8 hours`), a data size (`16GB`, not `16G`), an \
integer, a number, or one of an enum's constants in any case (`partitioned`), and a number \
within its property's bound (`task_concurrency` a power of 2, `max_reordered_joins` at least 2, \
an independence factor from 0 to 1). A value that does not decode, or breaks the bound, fails \
every query the rule matches with INVALID_SESSION_PROPERTY (\"Session property \
'query_max_run_time' is invalid: Unknown time unit: hours\" in recent releases); a number that \
does not parse fails it with Java's NumberFormatException (\"For input string\"). A boolean \
property reads any value other than `true`, in any case, as false, without a word: `\"yes\"` or \
`\"1\"` turns the property off. `hide_inaccessible_columns` cannot be turned off when \
config.properties sets `hide-inaccessible-columns=true`: a rule's false fails its queries with \
INVALID_SESSION_PROPERTY. A client's own `SET SESSION` of the property replaces the default.\n\nFix: write the value in the form the help line gives.";
}

use serde_json::Value;

use super::Cx;
use crate::catalogue::{
    session_property_of_any_release, Catalogue, Limit, Refusal, SessionKind, SessionProperty,
};
use crate::diagnostic::Diagnostic;
use crate::model::JsonFile;
use crate::spec::names::printable;

/// The keys of a rule (Trino's `SessionMatchSpec`; the `catalogSessionProperties` of Presto SQL is
/// not one: a catalog's property is a dotted name in `sessionProperties`).
const RULE_KEYS: &[&str] = &[
    "user",
    "source",
    "clientTags",
    "queryType",
    "group",
    "sessionProperties",
];

/// The keys Trino compiles as Java regular expressions.
const PATTERN_KEYS: &[&str] = &["user", "source", "group"];

/// Checks the session property rules file of each node that configures the file manager.
pub(crate) fn check(cx: &mut Cx<'_>) {
    for node in &cx.cluster.nodes {
        let Some((file, j)) = node.plugin_json(&crate::model::SESSION_PROPERTIES) else {
            continue;
        };
        for (message, pointer, key, help) in problems(j) {
            let sources = &cx.cluster.sources;
            let at = sources.locate(&j.locate(sources, &pointer, key.as_deref()), None);
            let d = Diagnostic::new(
                &SESSION_PROPERTIES_FILE,
                format!("{}: `{}`: {message}", node.label, file.rel),
            )
            .at(at)
            .help(help);
            cx.push_once(d);
        }
        // The spooling protocol's properties exist when config.properties enables it; without
        // config.properties, whether it does is not known.
        let config = Config {
            spooling: node
                .config()
                .map(|_| node.config_flag("protocol.spooling.enabled", false)),
            hides_columns: node.config_flag("hide-inaccessible-columns", false),
        };
        let release = cx.cluster.target.release;
        for (pointer, name, problem) in system_properties(j, cx.catalogue(), release, &config) {
            let sources = &cx.cluster.sources;
            let at = sources.locate(&j.locate(sources, &pointer, Some(name)), None);
            let shown = printable(name);
            let d = match problem {
                System::Unknown { why, help } => Diagnostic::new(
                    &SESSION_PROPERTY_UNKNOWN,
                    format!(
                        "{}: `{}`: `{shown}` {why}; every query its rule matches fails (INVALID_SESSION_PROPERTY)",
                        node.label, file.rel
                    ),
                )
                .help(help),
                System::Value { why, help } => Diagnostic::new(
                    &SESSION_PROPERTY_VALUE,
                    format!("{}: `{}`: `{shown}`: {why}", node.label, file.rel),
                )
                .help(help),
            };
            cx.push_once(d.at(at));
        }
        let Some(catalogs) = node.known_catalogs() else {
            continue;
        };
        for (pointer, name, catalog) in unknown_catalogs(j, &catalogs) {
            let sources = &cx.cluster.sources;
            let at = sources.locate(&j.locate(sources, &pointer, Some(name)), None);
            let shown = printable(catalog);
            let help = match crate::suggest::closest(catalog, catalogs.iter().copied()) {
                Some(c) => format!(
                    "did you mean `{}`?",
                    printable(&format!("{c}{}", &name[catalog.len()..]))
                ),
                None => format!("the catalogs are {}", printable(&catalogs.join(", "))),
            };
            let d = Diagnostic::new(
                &SESSION_PROPERTY_CATALOG,
                format!(
                    "{}: `{}`: `{}` names the catalog `{shown}`, which the cluster does not have; every query its rule matches fails (\"Catalog '{shown}' not found\")",
                    node.label,
                    file.rel,
                    printable(name)
                ),
            )
            .at(at)
            .help(help);
            cx.push_once(d);
        }
    }
}

/// What is wrong with a system session property default.
#[derive(Debug, PartialEq)]
enum System {
    /// The release has no such property: why, and the fix.
    Unknown { why: String, help: String },
    /// Its value does not decode, or decodes to something else than written: why (with what
    /// Trino does), and the fix.
    Value { why: String, help: String },
}

/// What the node's config.properties says that decides whether a default is taken.
#[derive(Debug, Default)]
struct Config {
    /// Whether the spooling protocol is enabled, when that is known (without
    /// config.properties it is not).
    spooling: Option<bool>,
    /// `hide-inaccessible-columns=true`, which the session property may not turn off.
    hides_columns: bool,
}

/// Every default the rules of a readable file set: the rule's index, the property's name and
/// its value.
fn defaults(j: &JsonFile) -> impl Iterator<Item = (usize, &String, &Value)> {
    let rules = match &j.value {
        Ok(Value::Array(rules)) => rules.as_slice(),
        _ => &[],
    };
    rules.iter().enumerate().flat_map(|(i, rule)| {
        rule.get("sessionProperties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(move |(name, value)| (i, name, value))
    })
}

/// The system session properties (names without a dot) of the rules that Trino `release`,
/// judged by `cat`, does not have or cannot decode, or whose validator refuses the value
/// given `config`: the JSON Pointer of their `sessionProperties`, the name and the problem.
fn system_properties<'a>(
    j: &'a JsonFile,
    cat: &Catalogue,
    release: u32,
    config: &Config,
) -> Vec<(String, &'a str, System)> {
    let mut out = Vec::new();
    for (i, name, value) in defaults(j) {
        // A name with a dot is a catalog's property (`TR007`); any other is looked up as a
        // system property, whatever its characters.
        if name.contains('.') {
            continue;
        }
        let problem = match cat.session_property(name) {
            Some(p) if p.spooling() && config.spooling == Some(false) => Some(System::Unknown {
                why: "exists only with the spooling protocol, which config.properties does not enable".into(),
                help: "set `protocol.spooling.enabled=true`, or remove the property".into(),
            }),
            // `SystemSessionProperties.validateHideInaccessibleColumns`: anything but
            // `true` is read as false, which the configuration's true forbids.
            Some(_)
                if name == "hide_inaccessible_columns"
                    && config.hides_columns
                    && text_of(value).is_some_and(|v| !v.eq_ignore_ascii_case("true")) =>
            {
                Some(System::Value {
                    why: "cannot be disabled with a session property when config.properties enables it (`hide-inaccessible-columns=true`); every query its rule matches fails (INVALID_SESSION_PROPERTY)".into(),
                    help: "remove it, or set `hide-inaccessible-columns=false` in config.properties".into(),
                })
            }
            Some(p) => value_problem(p, value),
            None => Some(unknown(name, cat, release)),
        };
        if let Some(problem) = problem {
            out.push((format!("/{i}/sessionProperties"), name.as_str(), problem));
        }
    }
    out
}

/// Why Trino `release` has no system session property `name`, and the fix.
fn unknown(name: &str, cat: &Catalogue, release: u32) -> System {
    let other = session_property_of_any_release(name).map(SessionProperty::releases);
    match other.as_deref() {
        Some([.., last]) if *last < release => System::Unknown {
            why: format!("is not a session property of Trino {release} (Trino {last} was the last known release with it)"),
            help: "remove it".into(),
        },
        Some([first, ..]) if *first > release => System::Unknown {
            why: format!("is a session property from Trino {first} on, not of Trino {release}"),
            help: format!("remove it, or target Trino {first} or later (`--trino-version {first}`)"),
        },
        _ => System::Unknown {
            why: match crate::catalogue::basis(release) {
                crate::catalogue::Basis::Newer(r) => format!(
                    "is not a session property of Trino {r}, the newest release trinocfg knows"
                ),
                crate::catalogue::Basis::Older(r) => format!(
                    "is not a session property of Trino {r}, the oldest release trinocfg knows"
                ),
                _ => format!("is not a session property of Trino {release}"),
            },
            help: crate::suggest::closest(name, cat.session_property_names()).map_or_else(
                || "remove it; `SHOW SESSION` lists the session properties".into(),
                |c| format!("did you mean `{c}`?"),
            ),
        },
    }
}

/// The text Trino decodes a default from: a string, or a number's or boolean's JSON text; other
/// values are `TR006`'s.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// What is wrong with the value of the known property `p`, if anything. Trino reads a number
/// or a boolean of the JSON as its text; other values are `TR006`'s.
fn value_problem(p: &SessionProperty, value: &Value) -> Option<System> {
    let text = text_of(value)?;
    let refusal = p.check(&text).err()?;
    let why = refusal.message();
    let why = match &refusal {
        Refusal::ReadAs(_) => why.to_owned(),
        Refusal::NotANumber(_) => format!(
            "{why}; every query its rule matches fails (NumberFormatException: For input string: \"{text}\")"
        ),
        Refusal::Invalid(_) => {
            format!("{why}; every query its rule matches fails (INVALID_SESSION_PROPERTY)")
        }
    };
    let help = match p.kind() {
        SessionKind::Boolean => "write `true` or `false`".to_owned(),
        SessionKind::Duration => {
            "write a duration such as `30m` or `8h` (units ns, us, ms, s, m, h, d)".to_owned()
        }
        SessionKind::DataSize => {
            "write a data size such as `512MB` or `16GB` (units B, kB, MB, GB, TB, PB)".to_owned()
        }
        SessionKind::Integer | SessionKind::Bigint | SessionKind::Double
            if matches!(refusal, Refusal::Invalid(_)) =>
        {
            match p.limit() {
                Limit::PowerOfTwo => "write a power of 2, such as 8 or 16".to_owned(),
                Limit::AtLeast(min) => format!("write a number of at least {min}"),
                Limit::Within(min, max) => format!("write a number from {min} to {max}"),
                Limit::None => String::new(),
            }
        }
        SessionKind::Integer | SessionKind::Bigint => "write a whole number".to_owned(),
        SessionKind::Double => "write a number".to_owned(),
        SessionKind::Enum(constants) => {
            let accepted: Vec<&str> = constants.split(',').collect();
            format!("write {}, in any case", crate::values::one_of(&accepted))
        }
        SessionKind::Varchar => String::new(),
    };
    Some(System::Value { why, help })
}

/// The catalog properties (`hive.compression_codec`) whose catalog is not among `catalogs`: the
/// JSON Pointer of their `sessionProperties`, the name and its catalog. The built-in `system`
/// catalog always exists.
fn unknown_catalogs<'a>(j: &'a JsonFile, catalogs: &[&str]) -> Vec<(String, &'a str, &'a str)> {
    let mut out = Vec::new();
    for (i, name, _) in defaults(j) {
        let Some((catalog, _)) = name.split_once('.') else {
            continue;
        };
        if catalog != "system" && !catalogs.contains(&catalog) {
            out.push((format!("/{i}/sessionProperties"), name.as_str(), catalog));
        }
    }
    out
}

/// A problem: its message, the JSON pointer and key it is at, and the fix.
type Problem = (String, String, Option<String>, String);

/// What Trino refuses in the file.
fn problems(j: &JsonFile) -> Vec<Problem> {
    let mut out: Vec<Problem> = Vec::new();
    let value = match &j.value {
        Ok(v) => v,
        Err((message, line)) => {
            out.push((
                format!("not valid JSON (line {line}): {message}"),
                String::new(),
                None,
                "fix the JSON; the coordinator does not start without it".into(),
            ));
            return out;
        }
    };
    let Some(rules) = value.as_array() else {
        out.push((
            "the rules are not a JSON list".into(),
            String::new(),
            None,
            "write a list of rules: `[{\"user\": \"etl.*\", \"sessionProperties\": {...}}]`".into(),
        ));
        return out;
    };
    for (i, rule) in rules.iter().enumerate() {
        let pointer = format!("/{i}");
        let Some(obj) = rule.as_object() else {
            out.push((
                format!("rule {i} is not a JSON object"),
                pointer,
                None,
                "write each rule as an object of matchers and the properties it sets".into(),
            ));
            continue;
        };
        // A misspelt properties map, or Presto SQL's, is the one problem of its rule, not also a
        // rule without properties.
        let mut other_map = false;
        for (k, v) in obj {
            if !RULE_KEYS.contains(&k.as_str()) {
                let closest = crate::suggest::closest(k, RULE_KEYS.iter().copied());
                let help = if k == "catalogSessionProperties" {
                    "Trino has no `catalogSessionProperties`: write a catalog's properties in `sessionProperties`, named `catalog.property`".to_owned()
                } else {
                    closest.map_or_else(
                        || format!("a rule takes {}", RULE_KEYS.join(", ")),
                        |c| format!("did you mean `{c}`?"),
                    )
                };
                other_map |=
                    k == "catalogSessionProperties" || closest == Some("sessionProperties");
                out.push((
                    format!("rule {i}: unknown key `{k}` (\"Unknown property\")"),
                    pointer.clone(),
                    Some(k.clone()),
                    help,
                ));
                continue;
            }
            shape(&mut out, i, &pointer, k, v);
        }
        if obj.get("sessionProperties").is_none_or(Value::is_null) && !other_map {
            out.push((
                format!("rule {i} has no `sessionProperties` (\"sessionProperties is null\")"),
                pointer,
                None,
                "give the rule the `sessionProperties` it sets, or remove it".into(),
            ));
        }
    }
    out
}

/// The value of a known key, in the shape Trino reads it.
fn shape(out: &mut Vec<Problem>, i: usize, pointer: &str, key: &str, value: &Value) {
    let mut problem = |message: String, help: &str| {
        out.push((
            format!("rule {i}: {message}"),
            pointer.to_owned(),
            Some(key.to_owned()),
            help.to_owned(),
        ));
    };
    match key {
        "clientTags" => {
            let strings = value
                .as_array()
                .is_some_and(|tags| tags.iter().all(is_text));
            if !value.is_null() && !strings {
                problem(
                    "`clientTags` is not a list of strings".into(),
                    "write the tags as a list: `\"clientTags\": [\"etl\"]`",
                );
            }
        }
        "sessionProperties" => {
            if let Some(bad) = map_problem(value) {
                problem(
                    format!("`sessionProperties` {bad}"),
                    "write the properties as names to values: `{\"query_max_run_time\": \"1h\", \"hive.compression_codec\": \"ZSTD\"}`",
                );
            }
        }
        _ => {
            if !value.is_null() && !is_text(value) {
                problem(
                    format!("`{key}` is not text"),
                    &format!("write `{key}` as a string"),
                );
            } else if let (true, Some(text)) = (PATTERN_KEYS.contains(&key), value.as_str()) {
                if let Err(why) = crate::java_regex::check(text) {
                    problem(
                        format!("`{key}` is not a Java regular expression: {why}"),
                        "correct the pattern; Trino compiles it when the coordinator starts",
                    );
                }
            }
        }
    }
}

/// Whether Trino reads the value as text: a string, or a number or boolean it converts.
fn is_text(value: &Value) -> bool {
    matches!(value, Value::String(_) | Value::Number(_) | Value::Bool(_))
}

/// What is wrong with a map of names to values, if anything.
fn map_problem(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::Object(props) => props.iter().find_map(|(name, v)| match v {
            Value::Null => Some(format!("has `null` for `{name}`")),
            v if !is_text(v) => Some(format!("has a list or an object for `{name}`")),
            _ => None,
        }),
        _ => Some("is not an object of names to values".to_owned()),
    }
}

#[cfg(test)]
mod tests;
