//! The Iceberg connector.

use super::{storage, Entries};
use crate::lower::Secrets;
use crate::spec::{Iceberg, IcebergCatalog};

/// An Iceberg catalog.
pub fn lower(c: &Iceberg, version: u32, e: &mut Entries<'_>, secrets: &mut Secrets) {
    match &c.catalog {
        IcebergCatalog::HiveMetastore { uri } => {
            e.put("iceberg.catalog.type", "hive_metastore", "catalog.type");
            e.put("hive.metastore.uri", uri.clone(), "catalog.uri");
        }
        IcebergCatalog::Glue { region } => {
            e.put("iceberg.catalog.type", "glue", "catalog.type");
            e.put_opt(
                "hive.metastore.glue.region",
                region.as_ref(),
                "catalog.region",
            );
        }
        IcebergCatalog::Rest {
            uri,
            warehouse,
            token,
        } => {
            e.put("iceberg.catalog.type", "rest", "catalog.type");
            e.put("iceberg.rest-catalog.uri", uri.clone(), "catalog.uri");
            e.put_opt(
                "iceberg.rest-catalog.warehouse",
                warehouse.as_ref(),
                "catalog.warehouse",
            );
            if let Some(t) = token {
                e.put("iceberg.rest-catalog.security", "OAUTH2", "catalog.token");
                let v = secrets.placeholder(t, &e.env_hint("rest token"));
                e.put_opt("iceberg.rest-catalog.oauth2.token", v, "catalog.token");
            }
        }
        IcebergCatalog::Jdbc {
            connection_url,
            user,
            password,
            default_warehouse_dir,
            catalog_name,
        } => {
            e.put("iceberg.catalog.type", "jdbc", "catalog.type");
            e.put(
                "iceberg.jdbc-catalog.connection-url",
                connection_url.clone(),
                "catalog.connection_url",
            );
            e.put_opt(
                "iceberg.jdbc-catalog.connection-user",
                user.as_ref(),
                "catalog.user",
            );
            if let Some(p) = password {
                let v = secrets.placeholder(p, &e.env_hint("jdbc password"));
                e.put_opt(
                    "iceberg.jdbc-catalog.connection-password",
                    v,
                    "catalog.password",
                );
            }
            e.put_opt(
                "iceberg.jdbc-catalog.default-warehouse-dir",
                default_warehouse_dir.as_ref(),
                "catalog.default_warehouse_dir",
            );
            e.put_opt(
                "iceberg.jdbc-catalog.catalog-name",
                catalog_name.as_ref(),
                "catalog.catalog_name",
            );
        }
        IcebergCatalog::Nessie {
            uri,
            default_warehouse_dir,
        } => {
            e.put("iceberg.catalog.type", "nessie", "catalog.type");
            e.put("iceberg.nessie-catalog.uri", uri.clone(), "catalog.uri");
            e.put_opt(
                "iceberg.nessie-catalog.default-warehouse-dir",
                default_warehouse_dir.as_ref(),
                "catalog.default_warehouse_dir",
            );
        }
    }
    e.put_opt(
        "iceberg.file-format",
        c.file_format.map(crate::spec::IcebergFileFormat::as_str),
        "file_format",
    );
    storage::lower(
        c.s3.as_ref(),
        c.gcs.as_ref(),
        c.azure.as_ref(),
        version,
        e,
        secrets,
    );
}
