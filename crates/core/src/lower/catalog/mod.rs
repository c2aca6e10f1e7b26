//! `catalog/<name>.properties`, one module per connector.

mod hive;
mod iceberg;
mod jdbc;
pub mod kafka;
mod memory;
pub(crate) mod storage;
mod tpc;

use super::{key_path, Props, Secrets};
use crate::model::File;
use crate::spec::{Catalog, Spec};

/// Builds a catalog's entries; later `put`s of the same key replace earlier ones. Origins are
/// spec keys below the catalog's table.
pub struct Entries<'a> {
    /// The catalog's name.
    pub catalog: &'a str,
    /// Its table in the spec (`catalogs.hive`).
    pub base: String,
    /// The entries so far.
    pub props: Props,
}

impl<'a> Entries<'a> {
    fn new(catalog: &'a str, connector: &str) -> Self {
        let base = key_path("catalogs", catalog);
        let mut props = Props::default();
        props.put("connector.name", connector, key_path(&base, "connector"));
        Entries {
            catalog,
            base,
            props,
        }
    }

    /// Sets `key` from the catalog's spec key `field` (`metastore.uri`).
    pub fn put(&mut self, key: &str, value: impl Into<String>, field: &str) {
        let origin = format!("{}.{field}", self.base);
        self.props.put(key, value, origin);
    }

    /// Sets `key` when there is a value.
    pub fn put_opt(&mut self, key: &str, value: Option<impl ToString>, field: &str) {
        if let Some(v) = value {
            self.put(key, v.to_string(), field);
        }
    }

    /// Default environment variable name for a secret of this catalog.
    pub fn env_hint(&self, what: &str) -> String {
        format!("{} {what}", self.catalog)
    }
}

/// Every catalog file, plus the Kafka topic descriptions, in spec order.
pub fn lower_all(spec: &Spec, secrets: &mut Secrets) -> Vec<File> {
    let mut files = Vec::new();
    for (name, catalog) in &spec.catalogs {
        let mut e = Entries::new(name, catalog.connector_name());
        let version = spec.cluster.trino_version;
        match catalog {
            Catalog::Hive(c) | Catalog::DeltaLake(c) => hive::lower(c, version, &mut e, secrets),
            Catalog::Iceberg(c) => iceberg::lower(c, version, &mut e, secrets),
            Catalog::Mysql(c) | Catalog::Postgresql(c) => jdbc::lower(c, &mut e, secrets),
            Catalog::Kafka(c) => files.extend(kafka::lower(spec, name, c, &mut e)),
            Catalog::Tpch(c) => tpc::lower("tpch", c, &mut e),
            Catalog::Tpcds(c) => tpc::lower("tpcds", c, &mut e),
            Catalog::Memory(c) => memory::lower(c, &mut e),
            // Its properties are all it has.
            Catalog::Generic(_) => {}
        }
        let table = key_path(&e.base, "properties");
        let hint = |k: &str| format!("{name} {k}");
        e.props
            .escape_hatch(&table, catalog.properties(), hint, secrets);
        let at = e.base.clone();
        files.push(e.props.file(format!("catalog/{name}.properties"), &at));
    }
    // Catalog files first, then topic descriptions: a stable order independent of nesting.
    files.sort_by_key(|f| !f.rel.starts_with("catalog/"));
    files
}
