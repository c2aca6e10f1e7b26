//! Catalogs of connectors without typed keys: `connector` and `properties` only, each property
//! judged later against the connector's own properties in the target release.

use indexmap::IndexMap;

use super::{Catalog, Connector};
use crate::spec::decl::table;
use crate::spec::names;
use crate::spec::read::{read_table, At, Cx};
use crate::spec::spans::join;
use crate::spec::PropertyValue;

/// A catalog of a connector without typed keys: `connector.name` and the properties as Trino
/// names them, each checked against the connector's own properties in the target release.
#[derive(Debug, Clone)]
pub struct Generic {
    /// `connector.name`.
    pub connector: String,
    /// The catalog's properties.
    pub properties: IndexMap<String, PropertyValue>,
}

table! {
    /// A catalog of any other connector: `connector` and `properties` only.
    pub(crate) struct GenericCatalogTable {
        /// `connector.name`: a connector of the Trino release.
        pub connector: String = |f| f.required("\"sqlserver\""),
        /// The catalog's properties, as Trino names them (text, numbers, booleans, or secret
        /// references `{ secret = "...", key = "..." }`).
        pub properties: IndexMap<String, PropertyValue> = |f| f
            .or_default()
            .example("{ \"connection-url\" = \"jdbc:sqlserver://db:1433;databaseName=sales\" }"),
    }
}

/// What [`read_generic`] made of a catalog.
pub(super) enum Untyped {
    /// A typed connector, or no readable `connector`: the typed reader reads the catalog.
    Typed,
    /// Another connector of Trino's releases (`None` when the catalog could not be read), or a
    /// connector no release ships (`None`, reported).
    Read(Option<Box<Catalog>>),
}

/// Reads a catalog whose `connector` is no connector with typed keys.
pub(super) fn read_generic(at: &At<'_>, cx: &mut Cx<'_>) -> Untyped {
    let Some(entry) = at.node.as_table().and_then(|t| t.get("connector")) else {
        return Untyped::Typed;
    };
    let Some(name) = entry.item.as_str() else {
        return Untyped::Typed;
    };
    if Connector::ALL.iter().any(|c| c.as_str() == name) {
        return Untyped::Typed;
    }
    let known = crate::catalogue::connectors_of_any_release();
    let typed: Vec<&str> = Connector::ALL.iter().map(|c| c.as_str()).collect();
    if !known.contains(&name) {
        // A misspelt typed connector: its reader reports it, with the catalog's other keys.
        if crate::suggest::closest(name, typed.iter().copied()).is_some() {
            return Untyped::Typed;
        }
        let close = crate::suggest::closest(name, known.iter().copied())
            .or_else(|| known.iter().copied().find(|k| k.starts_with(name)));
        let help = match close {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!(
                "write a connector of Trino's releases; with typed keys: {}",
                typed.join(", ")
            ),
        };
        cx.push(
            &crate::rules::SPEC_INVALID_VALUE,
            &join(&at.path, "connector"),
            entry.item.span(),
            format!(
                "unknown connector `{}`: no Trino release ships it",
                names::printable(name)
            ),
            help,
        );
        cx.record_subtree(at.node, &at.path);
        return Untyped::Read(None);
    }
    let before = cx.diagnostics.len();
    let read = read_table::<GenericCatalogTable>(at, cx);
    // A typed key of another connector (`connection_url`, `password`): name the property of
    // this connector it most likely means, to be written in `properties`.
    let prefix = format!("{}.", at.path);
    for d in &mut cx.diagnostics[before..] {
        let Some(key) = d
            .location
            .path
            .as_deref()
            .and_then(|p| p.strip_prefix(prefix.as_str()))
        else {
            continue;
        };
        if d.code != crate::rules::SPEC_UNKNOWN_KEY.code || key.contains('.') {
            continue;
        }
        let property = property_for_key(name, key);
        d.help = Some(match property {
            Some(p) => format!(
                "`{name}` has no typed keys: write Trino's property in `properties`, e.g. `properties = {{ \"{p}\" = ... }}`"
            ),
            None => format!(
                "`{name}` has no typed keys: write its settings in `properties`, as Trino names them"
            ),
        });
    }
    Untyped::Read(read.map(|t| {
        Box::new(Catalog::Generic(Generic {
            connector: t.connector,
            properties: t.properties,
        }))
    }))
}

/// The property of `connector` that spec key `key` most likely stands for: `connection_url` →
/// `connection-url`, `password` → `connection-password`, `host` → `elasticsearch.host`.
fn property_for_key(connector: &str, key: &str) -> Option<&'static str> {
    let cat = crate::catalogue::catalogue();
    let dashed = key.replace('_', "-");
    let known: Vec<&'static str> = cat
        .properties_in(crate::catalogue::Scope::Connector(connector))
        .map(|p| p.name)
        .collect();
    [
        dashed.clone(),
        format!("connection-{dashed}"),
        format!("{connector}.{dashed}"),
    ]
    .iter()
    .find_map(|c| known.iter().find(|k| **k == c.as_str()).copied())
}
