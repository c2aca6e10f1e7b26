//! The cluster spec: one TOML document describing one Trino cluster.
//!
//! Types are shaped so that wrong states cannot be written: TASK retries require an exchange
//! manager, each connector has its own typed section, and secrets are references, never values.

use indexmap::IndexMap;
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

use crate::units::{self, Bytes, MilliCpu};
use crate::values::{self, HeapSize};

/// The Trino release whose property catalogue trinocfg embeds; the default target version.
pub const DEFAULT_TRINO_VERSION: u32 = 482;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    pub cluster: Cluster,
    pub coordinator: Coordinator,
    #[serde(default)]
    pub workers: Workers,
    #[serde(default)]
    pub jvm: Jvm,
    #[serde(default)]
    pub memory: ClusterMemory,
    #[serde(default)]
    pub fault_tolerance: FaultTolerance,
    #[serde(default)]
    pub catalogs: IndexMap<String, Catalog>,
    #[serde(default)]
    pub kubernetes: Kubernetes,
    /// Extra `config.properties` entries for both roles (escape hatch).
    #[serde(default)]
    pub properties: IndexMap<String, PropertyValue>,
    /// `log.properties` levels for both roles (`io.trino = "INFO"`).
    #[serde(default)]
    pub log_levels: IndexMap<String, String>,
}

#[derive(Debug, Clone, Deserialize, validator::Validate)]
#[serde(deny_unknown_fields)]
pub struct Cluster {
    /// Kubernetes name of the cluster; prefixes every object name.
    pub name: String,
    /// Trino's `node.environment`.
    #[serde(default = "default_environment")]
    pub environment: String,
    #[serde(default = "default_version")]
    #[validate(range(
        min = 400,
        max = 999,
        message = "trinocfg targets Trino releases 400 to 999"
    ))]
    pub trino_version: u32,
    /// Directory of the configuration inside the container.
    #[serde(default = "default_config_root")]
    pub config_root: String,
    /// `node.data-dir`.
    #[serde(default = "default_data_dir")]
    pub data_dir: String,
    #[serde(default = "default_http_port")]
    #[validate(range(min = 1, max = 65535, message = "a port is between 1 and 65535"))]
    pub http_port: u32,
    /// The coordinator sits behind an ingress, load balancer or Trino Gateway: Trino then
    /// honours `X-Forwarded-*` headers (`http-server.process-forwarded=true`).
    #[serde(default)]
    pub behind_proxy: bool,
    /// `internal-communication.shared-secret`, needed once authentication is enabled.
    #[serde(default)]
    pub shared_secret: Option<SecretRef>,
}

fn default_environment() -> String {
    "production".into()
}
const fn default_version() -> u32 {
    DEFAULT_TRINO_VERSION
}
fn default_config_root() -> String {
    "/etc/trino".into()
}
fn default_data_dir() -> String {
    "/data/trino".into()
}
const fn default_http_port() -> u32 {
    8080
}

/// The settings every role has; `Coordinator` and `Workers` repeat them (see `role_fields!`).
pub struct NodeSpec<'a> {
    pub memory: Bytes,
    pub cpu: MilliCpu,
    pub heap: Option<HeapSetting>,
    pub query_max_memory_per_node: Option<HeapSize>,
    pub heap_headroom_per_node: Option<HeapSize>,
    pub properties: &'a IndexMap<String, PropertyValue>,
    pub jvm_flags: &'a [String],
}

macro_rules! role {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// Container memory (request and limit), a Kubernetes quantity such as `16Gi`.
            #[serde(deserialize_with = "de_memory")]
            pub memory: Bytes,
            /// Container CPU (request and limit): `4`, `1.5`, `500m`.
            #[serde(deserialize_with = "de_cpu")]
            pub cpu: MilliCpu,
            /// The heap: a percentage of `memory` (`"80%"`, the default) or a size (`"12Gi"`).
            #[serde(default)]
            pub heap: Option<HeapSetting>,
            /// `query.max-memory-per-node`: a Trino data size (`10GB`) or a heap percentage.
            #[serde(default, deserialize_with = "de_opt_heap_fraction")]
            pub query_max_memory_per_node: Option<HeapSize>,
            /// `memory.heap-headroom-per-node`: a Trino data size or a heap percentage.
            #[serde(default, deserialize_with = "de_opt_heap_fraction")]
            pub heap_headroom_per_node: Option<HeapSize>,
            /// Extra `config.properties` entries for this role.
            #[serde(default)]
            pub properties: IndexMap<String, PropertyValue>,
            /// Extra `jvm.config` lines for this role.
            #[serde(default)]
            pub jvm_flags: Vec<String>,
            $($(#[$fmeta])* pub $field: $ty,)*
        }

        impl $name {
            pub fn node(&self) -> NodeSpec<'_> {
                NodeSpec {
                    memory: self.memory,
                    cpu: self.cpu,
                    heap: self.heap,
                    query_max_memory_per_node: self.query_max_memory_per_node,
                    heap_headroom_per_node: self.heap_headroom_per_node,
                    properties: &self.properties,
                    jvm_flags: &self.jvm_flags,
                }
            }
        }
    };
}

role!(
    /// The coordinator.
    Coordinator {
        /// Whether the coordinator also runs tasks (`node-scheduler.include-coordinator`).
        #[serde(default)]
        schedules_work: bool,
    }
);

role!(
    /// The workers, all alike.
    #[derive(validator::Validate)]
    Workers {
        /// Number of worker pods.
        #[serde(default = "default_workers")]
        #[validate(range(max = 10_000, message = "trinocfg accepts at most 10000 workers; split larger clusters"))]
        count: u32,
    }
);

const fn default_workers() -> u32 {
    2
}

impl Default for Workers {
    fn default() -> Self {
        Workers {
            memory: Bytes(16 * 1024 * 1024 * 1024),
            cpu: MilliCpu(4000),
            heap: None,
            query_max_memory_per_node: None,
            heap_headroom_per_node: None,
            properties: IndexMap::new(),
            jvm_flags: Vec::new(),
            count: default_workers(),
        }
    }
}

/// The heap of a role.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HeapSetting {
    /// A percentage of the container memory.
    Percent(f64),
    /// A size in bytes.
    Size(u64),
}

impl<'de> Deserialize<'de> for HeapSetting {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let t = text.trim();
        if let Some(p) = t.strip_suffix('%') {
            let v: f64 = p.trim().parse().map_err(|_| {
                de::Error::custom(format!("`{t}` is not a percentage; write it like `80%`"))
            })?;
            if !v.is_finite() || v <= 0.0 || v > 100.0 {
                return Err(de::Error::custom(format!(
                    "heap `{t}` must be above 0% and at most 100% of the container memory"
                )));
            }
            return Ok(HeapSetting::Percent(v));
        }
        units::parse_k8s_memory(t)
            .map(|b| HeapSetting::Size(b.0))
            .map_err(|e| de::Error::custom(format!("{e}; or a percentage such as `80%`")))
    }
}

/// How the heap is given to the JVM.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeapStyle {
    /// `-Xmx`/`-Xms` with the exact size.
    #[default]
    Xmx,
    /// `-XX:MaxRAMPercentage`/`-XX:InitialRAMPercentage` of the container limit.
    RamPercentage,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Jvm {
    #[serde(default)]
    pub heap_style: HeapStyle,
    /// Extra `jvm.config` lines for both roles.
    #[serde(default)]
    pub flags: Vec<String>,
}

/// Cluster-wide query memory limits (coordinator `config.properties`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterMemory {
    /// `query.max-memory`; derived from the workers when unset.
    #[serde(default, deserialize_with = "de_opt_data_size")]
    pub query_max_memory: Option<u64>,
    /// `query.max-total-memory`; derived from the workers when unset.
    #[serde(default, deserialize_with = "de_opt_data_size")]
    pub query_max_total_memory: Option<u64>,
}

/// Fault-tolerant execution. TASK retries cannot be written without an exchange manager.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(tag = "retry_policy", rename_all = "lowercase", deny_unknown_fields)]
pub enum FaultTolerance {
    #[default]
    None,
    Query {
        #[serde(default)]
        exchange_manager: Option<ExchangeManager>,
    },
    Task {
        exchange_manager: ExchangeManager,
    },
}

impl FaultTolerance {
    pub fn exchange_manager(&self) -> Option<&ExchangeManager> {
        match self {
            FaultTolerance::None => None,
            FaultTolerance::Query { exchange_manager } => exchange_manager.as_ref(),
            FaultTolerance::Task { exchange_manager } => Some(exchange_manager),
        }
    }

    pub fn policy(&self) -> &'static str {
        match self {
            FaultTolerance::None => "NONE",
            FaultTolerance::Query { .. } => "QUERY",
            FaultTolerance::Task { .. } => "TASK",
        }
    }
}

/// Spooling storage of the filesystem (or HDFS) exchange manager.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "storage", rename_all = "lowercase", deny_unknown_fields)]
pub enum ExchangeManager {
    S3 {
        base_directories: Vec<String>,
        #[serde(default)]
        region: Option<String>,
        #[serde(default)]
        endpoint: Option<String>,
        #[serde(default)]
        access_key: Option<SecretRef>,
        #[serde(default)]
        secret_key: Option<SecretRef>,
        #[serde(default)]
        path_style_access: Option<bool>,
        #[serde(default)]
        properties: IndexMap<String, PropertyValue>,
    },
    Gcs {
        base_directories: Vec<String>,
        /// Service account JSON key (`exchange.gcs.json-key`).
        #[serde(default)]
        json_key: Option<SecretRef>,
        #[serde(default)]
        properties: IndexMap<String, PropertyValue>,
    },
    Azure {
        base_directories: Vec<String>,
        /// `exchange.azure.connection-string`.
        #[serde(default)]
        connection_string: Option<SecretRef>,
        #[serde(default)]
        properties: IndexMap<String, PropertyValue>,
    },
    Hdfs {
        base_directories: Vec<String>,
        #[serde(default)]
        properties: IndexMap<String, PropertyValue>,
    },
    Local {
        base_directories: Vec<String>,
        #[serde(default)]
        properties: IndexMap<String, PropertyValue>,
    },
}

impl ExchangeManager {
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

    pub fn storage(&self) -> &'static str {
        match self {
            ExchangeManager::S3 { .. } => "s3",
            ExchangeManager::Gcs { .. } => "gcs",
            ExchangeManager::Azure { .. } => "azure",
            ExchangeManager::Hdfs { .. } => "hdfs",
            ExchangeManager::Local { .. } => "local",
        }
    }

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

/// A catalog: one typed section per connector.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "connector", rename_all = "lowercase", deny_unknown_fields)]
pub enum Catalog {
    Hive(Hive),
    Iceberg(Iceberg),
    Mysql(Jdbc),
    Postgresql(Jdbc),
    Kafka(Kafka),
    Tpch(Tpc),
    Tpcds(Tpc),
    Memory(MemoryConnector),
}

impl Catalog {
    /// Trino's `connector.name`.
    pub fn connector_name(&self) -> &'static str {
        match self {
            Catalog::Hive(_) => "hive",
            Catalog::Iceberg(_) => "iceberg",
            Catalog::Mysql(_) => "mysql",
            Catalog::Postgresql(_) => "postgresql",
            Catalog::Kafka(_) => "kafka",
            Catalog::Tpch(_) => "tpch",
            Catalog::Tpcds(_) => "tpcds",
            Catalog::Memory(_) => "memory",
        }
    }

    /// Escape-hatch properties of the catalog.
    pub fn properties(&self) -> &IndexMap<String, PropertyValue> {
        match self {
            Catalog::Hive(c) => &c.properties,
            Catalog::Iceberg(c) => &c.properties,
            Catalog::Mysql(c) | Catalog::Postgresql(c) => &c.properties,
            Catalog::Kafka(c) => &c.properties,
            Catalog::Tpch(c) | Catalog::Tpcds(c) => &c.properties,
            Catalog::Memory(c) => &c.properties,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hive {
    pub metastore: Metastore,
    #[serde(default)]
    pub s3: Option<S3Storage>,
    #[serde(default)]
    pub gcs: Option<GcsStorage>,
    #[serde(default)]
    pub azure: Option<AzureStorage>,
    #[serde(default)]
    pub properties: IndexMap<String, PropertyValue>,
}

/// A Hive metastore.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
pub enum Metastore {
    Thrift {
        uri: String,
    },
    Glue {
        #[serde(default)]
        region: Option<String>,
        #[serde(default)]
        catalog_id: Option<String>,
    },
}

/// Native S3 file system of a lakehouse catalog (`fs.s3.enabled`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct S3Storage {
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub endpoint: Option<String>,
    #[serde(default)]
    pub path_style_access: Option<bool>,
    /// IAM role to assume (`s3.iam-role`); preferred over keys on EKS.
    #[serde(default)]
    pub iam_role: Option<String>,
    #[serde(default)]
    pub access_key: Option<SecretRef>,
    #[serde(default)]
    pub secret_key: Option<SecretRef>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GcsStorage {
    #[serde(default)]
    pub project_id: Option<String>,
    /// Service account JSON key (`gcs.json-key`).
    #[serde(default)]
    pub json_key: Option<SecretRef>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AzureStorage {
    /// `ACCESS_KEY`, `OAUTH` or `DEFAULT` (workload identity).
    #[serde(default)]
    pub auth_type: Option<String>,
    #[serde(default)]
    pub access_key: Option<SecretRef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Iceberg {
    pub catalog: IcebergCatalog,
    #[serde(default)]
    pub file_format: Option<String>,
    #[serde(default)]
    pub s3: Option<S3Storage>,
    #[serde(default)]
    pub gcs: Option<GcsStorage>,
    #[serde(default)]
    pub azure: Option<AzureStorage>,
    #[serde(default)]
    pub properties: IndexMap<String, PropertyValue>,
}

/// The catalog an Iceberg connector keeps its tables in (`iceberg.catalog.type`).
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum IcebergCatalog {
    HiveMetastore {
        uri: String,
    },
    Glue {
        #[serde(default)]
        region: Option<String>,
    },
    Rest {
        uri: String,
        #[serde(default)]
        warehouse: Option<String>,
        #[serde(default)]
        token: Option<SecretRef>,
    },
    Jdbc {
        connection_url: String,
        #[serde(default)]
        user: Option<String>,
        #[serde(default)]
        password: Option<SecretRef>,
        #[serde(default)]
        default_warehouse_dir: Option<String>,
        #[serde(default)]
        catalog_name: Option<String>,
    },
    Nessie {
        uri: String,
        #[serde(default)]
        default_warehouse_dir: Option<String>,
    },
}

/// MySQL and PostgreSQL.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Jdbc {
    pub connection_url: String,
    #[serde(default)]
    pub user: Option<String>,
    #[serde(default)]
    pub password: Option<SecretRef>,
    #[serde(default)]
    pub properties: IndexMap<String, PropertyValue>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kafka {
    /// `kafka.nodes`: `host:port` of the brokers.
    pub nodes: Vec<String>,
    #[serde(default)]
    pub default_schema: Option<String>,
    #[serde(default)]
    pub hide_internal_columns: Option<bool>,
    #[serde(default)]
    pub topics: Vec<KafkaTopic>,
    #[serde(default)]
    pub properties: IndexMap<String, PropertyValue>,
}

impl Kafka {
    /// The schema of a topic's table: its own, or the catalog's default (`default`).
    pub fn schema_of<'a>(&'a self, topic: &'a KafkaTopic) -> &'a str {
        topic
            .schema
            .as_deref()
            .or(self.default_schema.as_deref())
            .unwrap_or("default")
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KafkaTopic {
    /// Trino table name.
    pub table: String,
    #[serde(default)]
    pub schema: Option<String>,
    /// Kafka topic; the table name when unset.
    #[serde(default)]
    pub topic: Option<String>,
    #[serde(default)]
    pub key: Option<KafkaFieldGroup>,
    #[serde(default)]
    pub message: Option<KafkaFieldGroup>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KafkaFieldGroup {
    pub data_format: KafkaDataFormat,
    /// Path or URL of an Avro or Protobuf schema.
    #[serde(default)]
    pub data_schema: Option<String>,
    #[serde(default)]
    pub fields: Vec<KafkaField>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KafkaDataFormat {
    Raw,
    Csv,
    Json,
    Avro,
    Protobuf,
    Dummy,
}

impl KafkaDataFormat {
    pub const fn as_str(self) -> &'static str {
        match self {
            KafkaDataFormat::Raw => "raw",
            KafkaDataFormat::Csv => "csv",
            KafkaDataFormat::Json => "json",
            KafkaDataFormat::Avro => "avro",
            KafkaDataFormat::Protobuf => "protobuf",
            KafkaDataFormat::Dummy => "dummy",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KafkaField {
    pub name: String,
    /// Trino type, e.g. `BIGINT`, `VARCHAR`, `TIMESTAMP(3)`.
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub mapping: Option<String>,
    #[serde(default)]
    pub data_format: Option<String>,
    #[serde(default)]
    pub format_hint: Option<String>,
    #[serde(default)]
    pub comment: Option<String>,
    #[serde(default)]
    pub hidden: bool,
}

/// TPC-H and TPC-DS.
#[derive(Debug, Clone, Default, Deserialize, validator::Validate)]
#[serde(deny_unknown_fields)]
pub struct Tpc {
    #[serde(default)]
    #[validate(range(
        min = 1,
        max = 10_000,
        message = "splits per node is between 1 and 10000"
    ))]
    pub splits_per_node: Option<u32>,
    #[serde(default)]
    pub properties: IndexMap<String, PropertyValue>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemoryConnector {
    /// `memory.max-data-per-node`, a Trino data size.
    #[serde(default, deserialize_with = "de_opt_data_size")]
    pub max_data_per_node: Option<u64>,
    #[serde(default)]
    pub properties: IndexMap<String, PropertyValue>,
}

/// Kubernetes output settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kubernetes {
    #[serde(default)]
    pub namespace: Option<String>,
    /// Container image; `trinodb/trino:<trino_version>` by default.
    #[serde(default)]
    pub image: Option<String>,
    #[serde(default = "default_pull_policy")]
    pub image_pull_policy: String,
    #[serde(default)]
    pub service_account: Option<String>,
    /// Extra labels on every object.
    #[serde(default)]
    pub labels: IndexMap<String, String>,
}

fn default_pull_policy() -> String {
    "IfNotPresent".into()
}

impl Default for Kubernetes {
    fn default() -> Self {
        Kubernetes {
            namespace: None,
            image: None,
            image_pull_policy: default_pull_policy(),
            service_account: None,
            labels: IndexMap::new(),
        }
    }
}

/// A reference to a secret value. The spec never holds the value itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretRef {
    /// A key of a Kubernetes Secret, exposed to Trino as an environment variable
    /// (named by `env`, or derived from where the reference stands).
    Kubernetes {
        secret: String,
        key: String,
        env: Option<String>,
    },
    /// An environment variable the pod already has.
    Env { env: String },
    /// A literal value was written. Only its length is kept; validation rejects it.
    Literal { len: usize },
}

impl<'de> Deserialize<'de> for SecretRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SecretRef;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a secret reference: { secret = \"name\", key = \"key\" } or { env = \"VAR\" }",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SecretRef, E> {
                if let Some(var) = v.strip_prefix("${ENV:").and_then(|r| r.strip_suffix('}')) {
                    return Ok(SecretRef::Env {
                        env: var.to_owned(),
                    });
                }
                Ok(SecretRef::Literal { len: v.len() })
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<SecretRef, A::Error> {
                let (mut secret, mut key, mut env) = (None, None, None);
                while let Some(k) = map.next_key::<String>()? {
                    match k.as_str() {
                        "secret" => secret = Some(map.next_value::<String>()?),
                        "key" => key = Some(map.next_value::<String>()?),
                        "env" => env = Some(map.next_value::<String>()?),
                        other => {
                            return Err(de::Error::unknown_field(other, &["secret", "key", "env"]))
                        }
                    }
                }
                match (secret, key, env) {
                    (Some(secret), Some(key), env) => Ok(SecretRef::Kubernetes { secret, key, env }),
                    (None, None, Some(env)) => Ok(SecretRef::Env { env }),
                    (Some(_), None, _) => Err(de::Error::missing_field("key")),
                    (None, Some(_), _) => Err(de::Error::missing_field("secret")),
                    (None, None, None) => Err(de::Error::custom(
                        "empty secret reference: write { secret = \"name\", key = \"key\" } or { env = \"VAR\" }",
                    )),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// A value of an escape-hatch property: TOML strings, integers, floats and booleans are
/// accepted and rendered as Trino reads them; a table is a secret reference.
#[derive(Debug, Clone, PartialEq)]
pub enum PropertyValue {
    Text(String),
    Secret(SecretRef),
}

impl<'de> Deserialize<'de> for PropertyValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PropertyValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, number or boolean, or a secret reference table")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PropertyValue, E> {
                Ok(PropertyValue::Text(v.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<PropertyValue, E> {
                Ok(PropertyValue::Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PropertyValue, E> {
                Ok(PropertyValue::Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PropertyValue, E> {
                Ok(PropertyValue::Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<PropertyValue, E> {
                Ok(PropertyValue::Text(v.to_string()))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<PropertyValue, A::Error> {
                SecretRef::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(PropertyValue::Secret)
            }
        }
        d.deserialize_any(V)
    }
}

fn de_memory<'de, D: Deserializer<'de>>(d: D) -> Result<Bytes, D::Error> {
    let s = StringOrNumber::deserialize(d)?;
    units::parse_k8s_memory(&s.0).map_err(de::Error::custom)
}

fn de_cpu<'de, D: Deserializer<'de>>(d: D) -> Result<MilliCpu, D::Error> {
    let s = StringOrNumber::deserialize(d)?;
    units::parse_k8s_cpu(&s.0).map_err(de::Error::custom)
}

fn de_opt_heap_fraction<'de, D: Deserializer<'de>>(d: D) -> Result<Option<HeapSize>, D::Error> {
    let s = String::deserialize(d)?;
    values::parse_heap_size(s.trim())
        .map(Some)
        .map_err(de::Error::custom)
}

fn de_opt_data_size<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    let s = String::deserialize(d)?;
    values::parse_data_size(&s)
        .map(Some)
        .map_err(de::Error::custom)
}

/// Quantities may be written as strings or bare numbers (`cpu = 4`).
struct StringOrNumber(String);

impl<'de> Deserialize<'de> for StringOrNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = StringOrNumber;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a quantity such as \"16Gi\" or 4")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<StringOrNumber, E> {
                Ok(StringOrNumber(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<StringOrNumber, E> {
                if v < 0 {
                    return Err(E::custom("a quantity cannot be negative"));
                }
                Ok(StringOrNumber(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<StringOrNumber, E> {
                Ok(StringOrNumber(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<StringOrNumber, E> {
                if !(v.is_finite() && v >= 0.0) {
                    return Err(E::custom(
                        "a quantity must be a finite, non-negative number",
                    ));
                }
                Ok(StringOrNumber(format!("{v}")))
            }
        }
        d.deserialize_any(V)
    }
}
