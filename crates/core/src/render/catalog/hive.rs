//! The Hive connector.

use super::{storage, Entries};
use crate::render::Secrets;
use crate::spec::{Hive, Metastore};

pub fn render(c: &Hive, version: u32, e: &mut Entries<'_>, secrets: &mut Secrets) {
    match &c.metastore {
        Metastore::Thrift { uri } => e.put("hive.metastore.uri", uri.clone()),
        Metastore::Glue { region, catalog_id } => {
            e.put("hive.metastore", "glue");
            e.put_opt("hive.metastore.glue.region", region.as_ref());
            e.put_opt("hive.metastore.glue.catalogid", catalog_id.as_ref());
        }
    }
    storage::render(
        c.s3.as_ref(),
        c.gcs.as_ref(),
        c.azure.as_ref(),
        version,
        e,
        secrets,
    );
}
