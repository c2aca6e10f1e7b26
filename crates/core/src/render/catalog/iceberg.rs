//! The Iceberg connector.

use super::{storage, Entries};
use crate::render::Secrets;
use crate::spec::{Iceberg, IcebergCatalog};

pub fn render(c: &Iceberg, version: u32, e: &mut Entries<'_>, secrets: &mut Secrets) {
    match &c.catalog {
        IcebergCatalog::HiveMetastore { uri } => {
            e.put("iceberg.catalog.type", "hive_metastore");
            e.put("hive.metastore.uri", uri.clone());
        }
        IcebergCatalog::Glue { region } => {
            e.put("iceberg.catalog.type", "glue");
            e.put_opt("hive.metastore.glue.region", region.as_ref());
        }
        IcebergCatalog::Rest {
            uri,
            warehouse,
            token,
        } => {
            e.put("iceberg.catalog.type", "rest");
            e.put("iceberg.rest-catalog.uri", uri.clone());
            e.put_opt("iceberg.rest-catalog.warehouse", warehouse.as_ref());
            if let Some(t) = token {
                e.put("iceberg.rest-catalog.security", "OAUTH2");
                let v = secrets.placeholder(t, &e.env_hint("rest token"));
                e.put("iceberg.rest-catalog.oauth2.token", v);
            }
        }
        IcebergCatalog::Jdbc {
            connection_url,
            user,
            password,
            default_warehouse_dir,
            catalog_name,
        } => {
            e.put("iceberg.catalog.type", "jdbc");
            e.put(
                "iceberg.jdbc-catalog.connection-url",
                connection_url.clone(),
            );
            e.put_opt("iceberg.jdbc-catalog.connection-user", user.as_ref());
            if let Some(p) = password {
                let v = secrets.placeholder(p, &e.env_hint("jdbc password"));
                e.put("iceberg.jdbc-catalog.connection-password", v);
            }
            e.put_opt(
                "iceberg.jdbc-catalog.default-warehouse-dir",
                default_warehouse_dir.as_ref(),
            );
            e.put_opt("iceberg.jdbc-catalog.catalog-name", catalog_name.as_ref());
        }
        IcebergCatalog::Nessie {
            uri,
            default_warehouse_dir,
        } => {
            e.put("iceberg.catalog.type", "nessie");
            e.put("iceberg.nessie-catalog.uri", uri.clone());
            e.put_opt(
                "iceberg.nessie-catalog.default-warehouse-dir",
                default_warehouse_dir.as_ref(),
            );
        }
    }
    e.put_opt("iceberg.file-format", c.file_format.map(|f| f.as_str()));
    storage::render(
        c.s3.as_ref(),
        c.gcs.as_ref(),
        c.azure.as_ref(),
        version,
        e,
        secrets,
    );
}
