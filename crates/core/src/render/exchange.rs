//! `exchange-manager.properties`: spooling storage for fault-tolerant execution.

use super::{ConfigFile, Secrets};
use crate::spec::ExchangeManager;

/// Endpoint of Google Cloud Storage's S3-compatible API, which the filesystem exchange manager
/// uses for `gs://` base directories.
pub const GCS_ENDPOINT: &str = "https://storage.googleapis.com";

pub fn render(em: &ExchangeManager, secrets: &mut Secrets) -> ConfigFile {
    let mut e: Vec<(String, String)> = Vec::new();
    let name = if matches!(em, ExchangeManager::Hdfs { .. }) {
        "hdfs"
    } else {
        "filesystem"
    };
    e.push(("exchange-manager.name".into(), name.into()));
    e.push((
        "exchange.base-directories".into(),
        em.base_directories().join(","),
    ));
    match em {
        ExchangeManager::S3 {
            region,
            endpoint,
            access_key,
            secret_key,
            path_style_access,
            ..
        } => {
            if let Some(r) = region {
                e.push(("exchange.s3.region".into(), r.clone()));
            }
            if let Some(ep) = endpoint {
                e.push(("exchange.s3.endpoint".into(), ep.clone()));
            }
            if let Some(p) = path_style_access {
                e.push(("exchange.s3.path-style-access".into(), p.to_string()));
            }
            if let Some(k) = access_key {
                e.push((
                    "exchange.s3.aws-access-key".into(),
                    secrets.placeholder(k, "EXCHANGE_S3_ACCESS_KEY"),
                ));
            }
            if let Some(k) = secret_key {
                e.push((
                    "exchange.s3.aws-secret-key".into(),
                    secrets.placeholder(k, "EXCHANGE_S3_SECRET_KEY"),
                ));
            }
        }
        ExchangeManager::Gcs { json_key, .. } => {
            e.push(("exchange.s3.endpoint".into(), GCS_ENDPOINT.into()));
            if let Some(k) = json_key {
                e.push((
                    "exchange.gcs.json-key".into(),
                    secrets.placeholder(k, "EXCHANGE_GCS_JSON_KEY"),
                ));
            }
        }
        ExchangeManager::Azure {
            connection_string, ..
        } => {
            if let Some(k) = connection_string {
                e.push((
                    "exchange.azure.connection-string".into(),
                    secrets.placeholder(k, "EXCHANGE_AZURE_CONNECTION_STRING"),
                ));
            }
        }
        ExchangeManager::Hdfs { .. } | ExchangeManager::Local { .. } => {}
    }
    for (k, v) in em.properties() {
        let value = secrets.value(v, &format!("exchange {k}"));
        match e.iter_mut().find(|(key, _)| key == k) {
            Some(slot) => slot.1 = value,
            None => e.push((k.clone(), value)),
        }
    }
    ConfigFile::properties("exchange-manager.properties", e)
}
