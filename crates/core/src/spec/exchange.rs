//! The exchange manager of fault-tolerant execution: `storage` picks where spooled data goes
//! and the keys that go with it.

use indexmap::IndexMap;

use super::decl::{choice, table, Kind};
use super::read::{read_table, At, Cx, FieldValue};
use super::{PropertyValue, SecretRef};

choice! {
    /// Where the exchange manager spools.
    pub enum Storage ("storage") {
        /// Amazon S3 or S3-compatible storage.
        S3 = "s3",
        /// Google Cloud Storage.
        Gcs = "gcs",
        /// Azure Blob Storage / ADLS Gen2.
        Azure = "azure",
        /// HDFS.
        Hdfs = "hdfs",
        /// A local directory (single node, tests).
        Local = "local",
    }
}

table! {
    /// An exchange manager as written.
    pub(crate) struct ExchangeTable {
        /// s3, gcs, azure, hdfs or local.
        pub storage: Storage = |f| f.required("\"s3\"").tag(),
        /// `exchange.base-directories`: where spooled data goes, one or more of the storage.
        pub base_directories: Vec<String> = |f| f
            .required("[\"s3://bucket/exchange\"]")
            .example_for(Storage::Gcs, "[\"gs://bucket/exchange\"]")
            .example_for(
                Storage::Azure,
                "[\"abfss://container@account.dfs.core.windows.net/exchange\"]",
            )
            .example_for(Storage::Hdfs, "[\"hdfs://namenode:8020/exchange\"]")
            .example_for(Storage::Local, "[\"/data/trino/exchange\"]"),
        /// `exchange.s3.region`.
        pub region: Option<String> = |f| f.only(&[Storage::S3]).example("\"us-east-1\""),
        /// `exchange.s3.endpoint`, for S3-compatible storage.
        pub endpoint: Option<String> =
            |f| f.only(&[Storage::S3]).example("\"https://minio:9000\""),
        /// `exchange.s3.aws-access-key`.
        pub access_key: Option<SecretRef> = |f| f
            .only(&[Storage::S3])
            .example("{ secret = \"exchange-s3\", key = \"access-key\" }"),
        /// `exchange.s3.aws-secret-key`.
        pub secret_key: Option<SecretRef> = |f| f
            .only(&[Storage::S3])
            .example("{ secret = \"exchange-s3\", key = \"secret-key\" }"),
        /// `exchange.s3.path-style-access`, for S3-compatible storage.
        pub path_style_access: Option<bool> = |f| f.only(&[Storage::S3]).example("true"),
        /// `exchange.gcs.json-key`: a service account JSON key.
        pub json_key: Option<SecretRef> = |f| f
            .only(&[Storage::Gcs])
            .example("{ secret = \"exchange-gcs\", key = \"key.json\" }"),
        /// `exchange.azure.connection-string`.
        pub connection_string: Option<SecretRef> = |f| f
            .only(&[Storage::Azure])
            .example("{ secret = \"exchange-azure\", key = \"connection-string\" }"),
        /// Extra `exchange-manager.properties` entries.
        pub properties: IndexMap<String, PropertyValue> =
            |f| f.or_default().example("{ \"exchange.sink-buffers-per-partition\" = 4 }"),
    }
}

/// Spooling storage of the filesystem (or HDFS) exchange manager.
#[derive(Debug, Clone)]
pub enum ExchangeManager {
    /// `storage = "s3"`.
    S3 {
        /// `exchange.base-directories`.
        base_directories: Vec<String>,
        /// `exchange.s3.region`.
        region: Option<String>,
        /// `exchange.s3.endpoint`.
        endpoint: Option<String>,
        /// `exchange.s3.aws-access-key`.
        access_key: Option<SecretRef>,
        /// `exchange.s3.aws-secret-key`.
        secret_key: Option<SecretRef>,
        /// `exchange.s3.path-style-access`.
        path_style_access: Option<bool>,
        /// Extra properties.
        properties: IndexMap<String, PropertyValue>,
    },
    /// `storage = "gcs"`.
    Gcs {
        /// `exchange.base-directories`.
        base_directories: Vec<String>,
        /// Service account JSON key (`exchange.gcs.json-key`).
        json_key: Option<SecretRef>,
        /// Extra properties.
        properties: IndexMap<String, PropertyValue>,
    },
    /// `storage = "azure"`.
    Azure {
        /// `exchange.base-directories`.
        base_directories: Vec<String>,
        /// `exchange.azure.connection-string`.
        connection_string: Option<SecretRef>,
        /// Extra properties.
        properties: IndexMap<String, PropertyValue>,
    },
    /// `storage = "hdfs"`.
    Hdfs {
        /// `exchange.base-directories`.
        base_directories: Vec<String>,
        /// Extra properties.
        properties: IndexMap<String, PropertyValue>,
    },
    /// `storage = "local"`.
    Local {
        /// `exchange.base-directories`.
        base_directories: Vec<String>,
        /// Extra properties.
        properties: IndexMap<String, PropertyValue>,
    },
}

impl ExchangeManager {
    /// `exchange.base-directories`.
    pub fn base_directories(&self) -> &[String] {
        match self {
            ExchangeManager::S3 {
                base_directories, ..
            }
            | ExchangeManager::Gcs {
                base_directories, ..
            }
            | ExchangeManager::Azure {
                base_directories, ..
            }
            | ExchangeManager::Hdfs {
                base_directories, ..
            }
            | ExchangeManager::Local {
                base_directories, ..
            } => base_directories,
        }
    }

    /// The storage, as the spec spells it.
    pub fn storage(&self) -> &'static str {
        self.kind().as_str()
    }

    /// The storage.
    pub fn kind(&self) -> Storage {
        match self {
            ExchangeManager::S3 { .. } => Storage::S3,
            ExchangeManager::Gcs { .. } => Storage::Gcs,
            ExchangeManager::Azure { .. } => Storage::Azure,
            ExchangeManager::Hdfs { .. } => Storage::Hdfs,
            ExchangeManager::Local { .. } => Storage::Local,
        }
    }

    /// Extra `exchange-manager.properties` entries.
    pub fn properties(&self) -> &IndexMap<String, PropertyValue> {
        match self {
            ExchangeManager::S3 { properties, .. }
            | ExchangeManager::Gcs { properties, .. }
            | ExchangeManager::Azure { properties, .. }
            | ExchangeManager::Hdfs { properties, .. }
            | ExchangeManager::Local { properties, .. } => properties,
        }
    }
}

impl FieldValue for ExchangeManager {
    const KIND: Kind = ExchangeTable::KIND;
    fn read(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Self> {
        let ExchangeTable {
            storage,
            base_directories,
            region,
            endpoint,
            access_key,
            secret_key,
            path_style_access,
            json_key,
            connection_string,
            properties,
        } = read_table::<ExchangeTable>(at, cx)?;
        Some(match storage {
            Storage::S3 => ExchangeManager::S3 {
                base_directories,
                region,
                endpoint,
                access_key,
                secret_key,
                path_style_access,
                properties,
            },
            Storage::Gcs => ExchangeManager::Gcs {
                base_directories,
                json_key,
                properties,
            },
            Storage::Azure => ExchangeManager::Azure {
                base_directories,
                connection_string,
                properties,
            },
            Storage::Hdfs => ExchangeManager::Hdfs {
                base_directories,
                properties,
            },
            Storage::Local => ExchangeManager::Local {
                base_directories,
                properties,
            },
        })
    }
}
