//! `catalog/<name>.properties`, one module per connector.

mod hive;
mod iceberg;
mod jdbc;
pub mod kafka;
mod memory;
mod storage;
mod tpc;

use super::{ConfigFile, Secrets};
use crate::spec::{Catalog, Spec};

/// Builds a catalog's entries; later `put`s of the same key replace earlier ones.
pub struct Entries<'a> {
    pub catalog: &'a str,
    pub entries: Vec<(String, String)>,
}

impl<'a> Entries<'a> {
    fn new(catalog: &'a str, connector: &str) -> Self {
        Entries {
            catalog,
            entries: vec![("connector.name".into(), connector.into())],
        }
    }

    pub fn put(&mut self, key: &str, value: impl Into<String>) {
        let value = value.into();
        match self.entries.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = value,
            None => self.entries.push((key.to_owned(), value)),
        }
    }

    pub fn put_opt(&mut self, key: &str, value: Option<impl ToString>) {
        if let Some(v) = value {
            self.put(key, v.to_string());
        }
    }

    /// Default environment variable name for a secret of this catalog.
    pub fn env_hint(&self, what: &str) -> String {
        format!("{} {what}", self.catalog)
    }
}

/// Every catalog file, plus the Kafka topic descriptions, in spec order.
pub fn render_all(spec: &Spec, secrets: &mut Secrets) -> Vec<ConfigFile> {
    let mut files = Vec::new();
    for (name, catalog) in &spec.catalogs {
        let mut e = Entries::new(name, catalog.connector_name());
        let version = spec.cluster.trino_version;
        match catalog {
            Catalog::Hive(c) => hive::render(c, version, &mut e, secrets),
            Catalog::Iceberg(c) => iceberg::render(c, version, &mut e, secrets),
            Catalog::Mysql(c) | Catalog::Postgresql(c) => jdbc::render(c, &mut e, secrets),
            Catalog::Kafka(c) => files.extend(kafka::render(spec, name, c, &mut e)),
            Catalog::Tpch(c) => tpc::render("tpch", c, &mut e),
            Catalog::Tpcds(c) => tpc::render("tpcds", c, &mut e),
            Catalog::Memory(c) => memory::render(c, &mut e),
        }
        for (k, v) in catalog.properties() {
            let value = secrets.value(v, &e.env_hint(k));
            e.put(k, value);
        }
        files.push(ConfigFile::properties(
            format!("catalog/{name}.properties"),
            e.entries,
        ));
    }
    // Catalog files first, then topic descriptions: a stable order independent of nesting.
    files.sort_by_key(|f| !f.path.starts_with("catalog/"));
    files
}
