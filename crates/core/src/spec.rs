//! The cluster spec: one TOML document describing one Trino cluster.
//!
//! Types are shaped so that wrong states cannot be written: TASK retries require an exchange
//! manager, each connector has its own typed section, and secrets are references, never values.

use indexmap::IndexMap;

use crate::units::{Bytes, MilliCpu};
use crate::values::HeapSize;

/// The Trino release whose property catalogue trinocfg embeds; the default target version.
pub const DEFAULT_TRINO_VERSION: u32 = 482;

#[derive(Debug, Clone)]
pub struct Spec {
    pub cluster: Cluster,
    pub coordinator: Coordinator,
    pub workers: Workers,
    pub jvm: Jvm,
    pub memory: ClusterMemory,
    pub fault_tolerance: FaultTolerance,
    pub catalogs: IndexMap<String, Catalog>,
    pub kubernetes: Kubernetes,
    /// Extra `config.properties` entries for both roles (escape hatch).
    pub properties: IndexMap<String, PropertyValue>,
    /// `log.properties` levels for both roles (`io.trino = "INFO"`).
    pub log_levels: IndexMap<String, String>,
}

#[derive(Debug, Clone, validator::Validate)]
pub struct Cluster {
    /// Kubernetes name of the cluster; prefixes every object name.
    pub name: String,
    /// Trino's `node.environment`.
    pub environment: String,
    #[validate(range(
        min = 400,
        max = 999,
        message = "trinocfg targets Trino releases 400 to 999"
    ))]
    pub trino_version: u32,
    /// Directory of the configuration inside the container.
    pub config_root: String,
    /// `node.data-dir`.
    pub data_dir: String,
    #[validate(range(min = 1, max = 65535, message = "a port is between 1 and 65535"))]
    pub http_port: u32,
    /// The coordinator sits behind an ingress, load balancer or Trino Gateway: Trino then
    /// honours `X-Forwarded-*` headers (`http-server.process-forwarded=true`).
    pub behind_proxy: bool,
    /// `internal-communication.shared-secret`, needed once authentication is enabled.
    pub shared_secret: Option<SecretRef>,
}

pub(crate) fn default_environment() -> String {
    "production".into()
}
pub(crate) const fn default_version() -> u32 {
    DEFAULT_TRINO_VERSION
}
pub(crate) fn default_config_root() -> String {
    "/etc/trino".into()
}
pub(crate) fn default_data_dir() -> String {
    "/data/trino".into()
}
pub(crate) const fn default_http_port() -> u32 {
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
        #[derive(Debug, Clone)]
        pub struct $name {
            /// Container memory (request and limit), a Kubernetes quantity such as `16Gi`.
            pub memory: Bytes,
            /// Container CPU (request and limit): `4`, `1.5`, `500m`.
            pub cpu: MilliCpu,
            /// The heap: a percentage of `memory` (`"80%"`, the default) or a size (`"12Gi"`).
            pub heap: Option<HeapSetting>,
            /// `query.max-memory-per-node`: a Trino data size (`10GB`) or a heap percentage.
            pub query_max_memory_per_node: Option<HeapSize>,
            /// `memory.heap-headroom-per-node`: a Trino data size or a heap percentage.
            pub heap_headroom_per_node: Option<HeapSize>,
            /// Extra `config.properties` entries for this role.
            pub properties: IndexMap<String, PropertyValue>,
            /// Extra `jvm.config` lines for this role.
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
        schedules_work: bool,
    }
);

role!(
    /// The workers, all alike.
    #[derive(validator::Validate)]
    Workers {
        /// Number of worker pods.
        #[validate(range(max = 10_000, message = "trinocfg accepts at most 10000 workers; split larger clusters"))]
        count: u32,
    }
);

pub(crate) const fn default_workers() -> u32 {
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

/// How the heap is given to the JVM.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum HeapStyle {
    /// `-Xmx`/`-Xms` with the exact size.
    #[default]
    Xmx,
    /// `-XX:MaxRAMPercentage`/`-XX:InitialRAMPercentage` of the container limit.
    RamPercentage,
}

#[derive(Debug, Clone, Default)]
pub struct Jvm {
    pub heap_style: HeapStyle,
    /// Extra `jvm.config` lines for both roles.
    pub flags: Vec<String>,
}

/// Cluster-wide query memory limits (coordinator `config.properties`).
#[derive(Debug, Clone, Default)]
pub struct ClusterMemory {
    /// `query.max-memory`; derived from the workers when unset.
    pub query_max_memory: Option<u64>,
    /// `query.max-total-memory`; derived from the workers when unset.
    pub query_max_total_memory: Option<u64>,
}

/// Fault-tolerant execution. TASK retries cannot be written without an exchange manager.
#[derive(Debug, Clone, Default)]
pub enum FaultTolerance {
    #[default]
    None,
    Query {
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
#[derive(Debug, Clone)]
pub enum ExchangeManager {
    S3 {
        base_directories: Vec<String>,
        region: Option<String>,
        endpoint: Option<String>,
        access_key: Option<SecretRef>,
        secret_key: Option<SecretRef>,
        path_style_access: Option<bool>,
        properties: IndexMap<String, PropertyValue>,
    },
    Gcs {
        base_directories: Vec<String>,
        /// Service account JSON key (`exchange.gcs.json-key`).
        json_key: Option<SecretRef>,
        properties: IndexMap<String, PropertyValue>,
    },
    Azure {
        base_directories: Vec<String>,
        /// `exchange.azure.connection-string`.
        connection_string: Option<SecretRef>,
        properties: IndexMap<String, PropertyValue>,
    },
    Hdfs {
        base_directories: Vec<String>,
        properties: IndexMap<String, PropertyValue>,
    },
    Local {
        base_directories: Vec<String>,
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
#[derive(Debug, Clone)]
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

#[derive(Debug, Clone)]
pub struct Hive {
    pub metastore: Metastore,
    pub s3: Option<S3Storage>,
    pub gcs: Option<GcsStorage>,
    pub azure: Option<AzureStorage>,
    pub properties: IndexMap<String, PropertyValue>,
}

/// A Hive metastore.
#[derive(Debug, Clone)]
pub enum Metastore {
    Thrift {
        uri: String,
    },
    Glue {
        region: Option<String>,
        catalog_id: Option<String>,
    },
}

/// Native S3 file system of a lakehouse catalog (`fs.s3.enabled`).
#[derive(Debug, Clone, Default)]
pub struct S3Storage {
    pub region: Option<String>,
    pub endpoint: Option<String>,
    pub path_style_access: Option<bool>,
    /// IAM role to assume (`s3.iam-role`); preferred over keys on EKS.
    pub iam_role: Option<String>,
    pub access_key: Option<SecretRef>,
    pub secret_key: Option<SecretRef>,
}

#[derive(Debug, Clone, Default)]
pub struct GcsStorage {
    pub project_id: Option<String>,
    /// Service account JSON key (`gcs.json-key`).
    pub json_key: Option<SecretRef>,
}

#[derive(Debug, Clone, Default)]
pub struct AzureStorage {
    /// `ACCESS_KEY`, `OAUTH` or `DEFAULT` (workload identity).
    pub auth_type: Option<String>,
    pub access_key: Option<SecretRef>,
}

#[derive(Debug, Clone)]
pub struct Iceberg {
    pub catalog: IcebergCatalog,
    pub file_format: Option<String>,
    pub s3: Option<S3Storage>,
    pub gcs: Option<GcsStorage>,
    pub azure: Option<AzureStorage>,
    pub properties: IndexMap<String, PropertyValue>,
}

/// The catalog an Iceberg connector keeps its tables in (`iceberg.catalog.type`).
#[derive(Debug, Clone)]
pub enum IcebergCatalog {
    HiveMetastore {
        uri: String,
    },
    Glue {
        region: Option<String>,
    },
    Rest {
        uri: String,
        warehouse: Option<String>,
        token: Option<SecretRef>,
    },
    Jdbc {
        connection_url: String,
        user: Option<String>,
        password: Option<SecretRef>,
        default_warehouse_dir: Option<String>,
        catalog_name: Option<String>,
    },
    Nessie {
        uri: String,
        default_warehouse_dir: Option<String>,
    },
}

/// MySQL and PostgreSQL.
#[derive(Debug, Clone)]
pub struct Jdbc {
    pub connection_url: String,
    pub user: Option<String>,
    pub password: Option<SecretRef>,
    pub properties: IndexMap<String, PropertyValue>,
}

#[derive(Debug, Clone)]
pub struct Kafka {
    /// `kafka.nodes`: `host:port` of the brokers.
    pub nodes: Vec<String>,
    pub default_schema: Option<String>,
    pub hide_internal_columns: Option<bool>,
    pub topics: Vec<KafkaTopic>,
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

#[derive(Debug, Clone)]
pub struct KafkaTopic {
    /// Trino table name.
    pub table: String,
    pub schema: Option<String>,
    /// Kafka topic; the table name when unset.
    pub topic: Option<String>,
    pub key: Option<KafkaFieldGroup>,
    pub message: Option<KafkaFieldGroup>,
}

#[derive(Debug, Clone)]
pub struct KafkaFieldGroup {
    pub data_format: KafkaDataFormat,
    /// Path or URL of an Avro or Protobuf schema.
    pub data_schema: Option<String>,
    pub fields: Vec<KafkaField>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

#[derive(Debug, Clone)]
pub struct KafkaField {
    pub name: String,
    /// Trino type, e.g. `BIGINT`, `VARCHAR`, `TIMESTAMP(3)`.
    pub ty: String,
    pub mapping: Option<String>,
    pub data_format: Option<String>,
    pub format_hint: Option<String>,
    pub comment: Option<String>,
    pub hidden: bool,
}

/// TPC-H and TPC-DS.
#[derive(Debug, Clone, Default, validator::Validate)]
pub struct Tpc {
    #[validate(range(
        min = 1,
        max = 10_000,
        message = "splits per node is between 1 and 10000"
    ))]
    pub splits_per_node: Option<u32>,
    pub properties: IndexMap<String, PropertyValue>,
}

#[derive(Debug, Clone, Default)]
pub struct MemoryConnector {
    /// `memory.max-data-per-node`, a Trino data size.
    pub max_data_per_node: Option<u64>,
    pub properties: IndexMap<String, PropertyValue>,
}

/// Kubernetes output settings.
#[derive(Debug, Clone)]
pub struct Kubernetes {
    pub namespace: Option<String>,
    /// Container image; `trinodb/trino:<trino_version>` by default.
    pub image: Option<String>,
    pub image_pull_policy: String,
    pub service_account: Option<String>,
    /// Extra labels on every object.
    pub labels: IndexMap<String, String>,
}

pub(crate) fn default_pull_policy() -> String {
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

/// A value of an escape-hatch property: TOML strings, integers, floats and booleans are
/// accepted and rendered as Trino reads them; a table is a secret reference.
#[derive(Debug, Clone, PartialEq)]
pub enum PropertyValue {
    Text(String),
    Secret(SecretRef),
}
