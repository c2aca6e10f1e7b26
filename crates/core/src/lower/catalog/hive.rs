//! The Hive connector, and Delta Lake (the same metastore and file system settings).

use super::{storage, Entries};
use crate::lower::Secrets;
use crate::spec::{Hive, Metastore};

/// A Hive or Delta Lake catalog.
pub fn lower(c: &Hive, version: u32, e: &mut Entries<'_>, secrets: &mut Secrets) {
    match &c.metastore {
        Metastore::Thrift { uri } => e.put("hive.metastore.uri", uri.clone(), "metastore.uri"),
        Metastore::Glue { region, catalog_id } => {
            e.put("hive.metastore", "glue", "metastore.type");
            e.put_opt(
                "hive.metastore.glue.region",
                region.as_ref(),
                "metastore.region",
            );
            e.put_opt(
                "hive.metastore.glue.catalogid",
                catalog_id.as_ref(),
                "metastore.catalog_id",
            );
        }
    }
    storage::lower(
        c.s3.as_ref(),
        c.gcs.as_ref(),
        c.azure.as_ref(),
        version,
        e,
        secrets,
    );
}
