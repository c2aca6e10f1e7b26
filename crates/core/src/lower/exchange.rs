//! `exchange-manager.properties`: spooling storage for fault-tolerant execution.

use super::{key_path, Props, Secrets};
use crate::model::File;
use crate::spec::ExchangeManager;

const AT: &str = "fault_tolerance.exchange_manager";

fn at(field: &str) -> String {
    format!("{AT}.{field}")
}

/// Endpoint of Google Cloud Storage's S3-compatible API, which the filesystem exchange manager
/// uses for `gs://` base directories.
pub const GCS_ENDPOINT: &str = "https://storage.googleapis.com";

/// `exchange-manager.properties`.
pub fn lower(em: &ExchangeManager, secrets: &mut Secrets) -> File {
    let mut e = Props::default();
    let name = if matches!(em, ExchangeManager::Hdfs { .. }) {
        "hdfs"
    } else {
        "filesystem"
    };
    e.put("exchange-manager.name", name, at("storage"));
    e.put(
        "exchange.base-directories",
        em.base_directories().join(","),
        at("base_directories"),
    );
    match em {
        ExchangeManager::S3 {
            region,
            endpoint,
            access_key,
            secret_key,
            path_style_access,
            ..
        } => {
            e.put_opt("exchange.s3.region", region.as_ref(), at("region"));
            e.put_opt("exchange.s3.endpoint", endpoint.as_ref(), at("endpoint"));
            e.put_opt(
                "exchange.s3.path-style-access",
                path_style_access.as_ref(),
                at("path_style_access"),
            );
            let access = access_key
                .as_ref()
                .and_then(|k| secrets.placeholder(k, "EXCHANGE_S3_ACCESS_KEY"));
            e.put_opt("exchange.s3.aws-access-key", access, at("access_key"));
            let secret = secret_key
                .as_ref()
                .and_then(|k| secrets.placeholder(k, "EXCHANGE_S3_SECRET_KEY"));
            e.put_opt("exchange.s3.aws-secret-key", secret, at("secret_key"));
        }
        ExchangeManager::Gcs { json_key, .. } => {
            e.put("exchange.s3.endpoint", GCS_ENDPOINT, at("storage"));
            let key = json_key
                .as_ref()
                .and_then(|k| secrets.placeholder(k, "EXCHANGE_GCS_JSON_KEY"));
            e.put_opt("exchange.gcs.json-key", key, at("json_key"));
        }
        ExchangeManager::Azure {
            connection_string, ..
        } => {
            let cs = connection_string
                .as_ref()
                .and_then(|k| secrets.placeholder(k, "EXCHANGE_AZURE_CONNECTION_STRING"));
            e.put_opt(
                "exchange.azure.connection-string",
                cs,
                at("connection_string"),
            );
        }
        ExchangeManager::Hdfs { .. } | ExchangeManager::Local { .. } => {}
    }
    e.escape_hatch(
        &key_path(AT, "properties"),
        em.properties(),
        |k| format!("exchange {k}"),
        secrets,
    );
    e.file("exchange-manager.properties", AT)
}
