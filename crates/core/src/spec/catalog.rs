//! Catalogs: `[catalogs.NAME]` tables whose `connector` picks the connector and the keys that
//! go with it. A catalog is read as one table whose keys declare the connectors they apply to,
//! then turned into its typed form; Hive metastores and Iceberg catalogs likewise by `type`.

use indexmap::IndexMap;

use super::decl::{choice, table, Kind, Table, TableKind};
use super::read::{read_table, At, Cx, FieldValue, Found};
use super::{names, PropertyValue, SecretRef};

mod generic;
pub use generic::Generic;
use generic::{read_generic, Untyped};

choice! {
    /// A Trino connector trinocfg knows.
    pub enum Connector ("connector") {
        /// Hive tables on object storage or HDFS, with a Hive metastore or AWS Glue.
        Hive = "hive",
        /// Iceberg tables, with one of Iceberg's catalogs.
        Iceberg = "iceberg",
        /// A MySQL database.
        Mysql = "mysql",
        /// A PostgreSQL database.
        Postgresql = "postgresql",
        /// Kafka topics as tables.
        Kafka = "kafka",
        /// The TPC-H benchmark data, generated on the fly.
        Tpch = "tpch",
        /// The TPC-DS benchmark data, generated on the fly.
        Tpcds = "tpcds",
        /// Tables held in the workers' memory.
        Memory = "memory",
        /// Delta Lake tables, with a Hive metastore or AWS Glue.
        DeltaLake = "delta_lake",
    }
}

use Connector::Memory as MEMORY;
use Connector::{DeltaLake as DELTA, Hive as HIVE, Iceberg as ICEBERG, Kafka as KAFKA};
use Connector::{Mysql as MYSQL, Postgresql as POSTGRESQL, Tpcds as TPCDS, Tpch as TPCH};

table! {
    /// A catalog as written: every connector's keys, each applying to its connectors.
    pub(crate) struct CatalogTable {
        /// The connector: `hive`, `iceberg`, `delta_lake`, `mysql`, `postgresql`, `kafka`,
        /// `tpch`, `tpcds` or `memory`, each with its own keys; or any other connector of the
        /// Trino release, with its settings in `properties` as Trino names them.
        pub connector: Connector = |f| f.required("\"tpch\"").tag().open(),
        /// The Hive metastore: `{ type = "thrift", uri = ... }` or `{ type = "glue" }`.
        pub metastore: Option<Metastore> = |f| f.required_for(
            &[HIVE, DELTA],
            "{ type = \"thrift\", uri = \"thrift://metastore:9083\" }",
        ),
        /// The Iceberg catalog (`iceberg.catalog.type`) and its settings.
        pub catalog: Option<IcebergCatalog> =
            |f| f.required_for(&[ICEBERG], "{ type = \"rest\", uri = \"http://rest-catalog:8181\" }"),
        /// `iceberg.file-format` of new tables: ORC, PARQUET or AVRO.
        pub file_format: Option<IcebergFileFormat> = |f| f.only(&[ICEBERG]).example("\"PARQUET\""),
        /// Native S3 file system (`fs.s3.enabled`).
        pub s3: Option<S3Storage> = |f| f.only(&[HIVE, ICEBERG, DELTA]),
        /// Native Google Cloud Storage file system (`fs.gcs.enabled`).
        pub gcs: Option<GcsStorage> = |f| f.only(&[HIVE, ICEBERG, DELTA]),
        /// Native Azure Storage file system (`fs.azure.enabled`).
        pub azure: Option<AzureStorage> = |f| f.only(&[HIVE, ICEBERG, DELTA]),
        /// The JDBC URL of the database.
        pub connection_url: Option<String> =
            |f| f.required_for(&[MYSQL, POSTGRESQL], "\"jdbc:mysql://mysql:3306\"")
                .example_for(POSTGRESQL, "\"jdbc:postgresql://postgres:5432/sales\""),
        /// The database user.
        pub user: Option<String> = |f| f.only(&[MYSQL, POSTGRESQL]).example("\"trino\""),
        /// The database password.
        pub password: Option<SecretRef> = |f| f.only(&[MYSQL, POSTGRESQL])
            .example("{ secret = \"db-credentials\", key = \"password\" }"),
        /// `kafka.nodes`: `host:port` of the brokers.
        pub nodes: Option<Vec<String>> = |f| f.required_for(&[KAFKA], "[\"kafka:9092\"]"),
        /// `kafka.default-schema`: the schema of topics that name none (`default`).
        pub default_schema: Option<String> = |f| f.only(&[KAFKA]).example("\"events\""),
        /// `kafka.hide-internal-columns`.
        pub hide_internal_columns: Option<bool> = |f| f.only(&[KAFKA]).example("false"),
        /// The tables of the catalog, one per topic (`[[catalogs.NAME.topics]]`).
        pub topics: Option<Vec<KafkaTopic>> = |f| f.only(&[KAFKA]),
        /// Splits per node of the generated data.
        #[validate(range(min = 1, max = 10000, message = "splits per node is between 1 and 10000"))]
        pub splits_per_node: Option<u32> = |f| f.only(&[TPCH, TPCDS]).example("16"),
        /// `memory.max-data-per-node`, a Trino data size.
        pub max_data_per_node: Option<u64> = |f| f.only(&[MEMORY]).example("\"1GB\""),
        /// Extra catalog properties, as Trino names them.
        pub properties: IndexMap<String, PropertyValue> = |f| f
            .or_default()
            .example("{}")
            .example_for(HIVE, "{ \"hive.max-partitions-per-scan\" = 100000 }")
            .example_for(DELTA, "{ \"delta.enable-non-concurrent-writes\" = true }")
            .example_for(ICEBERG, "{ \"iceberg.target-max-file-size\" = \"512MB\" }")
            .example_for(MYSQL, "{ \"case-insensitive-name-matching\" = true }")
            .example_for(POSTGRESQL, "{ \"case-insensitive-name-matching\" = true }")
            .example_for(KAFKA, "{ \"kafka.messages-per-split\" = 100000 }")
            .example_for(TPCH, "{ \"tpch.column-naming\" = \"STANDARD\" }"),
    }
}

/// A catalog: one typed section per connector.
#[derive(Debug, Clone)]
pub enum Catalog {
    /// `connector = "hive"`.
    Hive(Hive),
    /// `connector = "iceberg"`.
    Iceberg(Iceberg),
    /// `connector = "mysql"`.
    Mysql(Jdbc),
    /// `connector = "postgresql"`.
    Postgresql(Jdbc),
    /// `connector = "kafka"`.
    Kafka(Kafka),
    /// `connector = "tpch"`.
    Tpch(Tpc),
    /// `connector = "tpcds"`.
    Tpcds(Tpc),
    /// `connector = "memory"`.
    Memory(MemoryConnector),
    /// `connector = "delta_lake"`: a metastore and file systems, as for Hive.
    DeltaLake(Hive),
    /// Any other connector of the Trino release, configured by its properties alone.
    Generic(Generic),
}

impl Catalog {
    /// Trino's `connector.name`.
    pub fn connector_name(&self) -> &str {
        match self {
            Catalog::Generic(g) => &g.connector,
            _ => self.connector().map_or("", Connector::as_str),
        }
    }

    /// The connector, when it has typed keys.
    pub fn connector(&self) -> Option<Connector> {
        Some(match self {
            Catalog::Hive(_) => HIVE,
            Catalog::Iceberg(_) => ICEBERG,
            Catalog::Mysql(_) => MYSQL,
            Catalog::Postgresql(_) => POSTGRESQL,
            Catalog::Kafka(_) => KAFKA,
            Catalog::Tpch(_) => TPCH,
            Catalog::Tpcds(_) => TPCDS,
            Catalog::Memory(_) => MEMORY,
            Catalog::DeltaLake(_) => DELTA,
            Catalog::Generic(_) => return None,
        })
    }

    /// Escape-hatch properties of the catalog.
    pub fn properties(&self) -> &IndexMap<String, PropertyValue> {
        match self {
            Catalog::Hive(c) | Catalog::DeltaLake(c) => &c.properties,
            Catalog::Iceberg(c) => &c.properties,
            Catalog::Generic(c) => &c.properties,
            Catalog::Mysql(c) | Catalog::Postgresql(c) => &c.properties,
            Catalog::Kafka(c) => &c.properties,
            Catalog::Tpch(c) | Catalog::Tpcds(c) => &c.properties,
            Catalog::Memory(c) => &c.properties,
        }
    }
}

impl FieldValue for Catalog {
    const KIND: Kind = CatalogTable::KIND;
    fn read(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Self> {
        if let Untyped::Read(generic) = read_generic(at, cx) {
            return generic.map(|c| *c);
        }
        let CatalogTable {
            connector,
            metastore,
            catalog,
            file_format,
            s3,
            gcs,
            azure,
            connection_url,
            user,
            password,
            nodes,
            default_schema,
            hide_internal_columns,
            topics,
            splits_per_node,
            max_data_per_node,
            properties,
        } = read_table::<CatalogTable>(at, cx)?;
        Some(match connector {
            Connector::Hive | Connector::DeltaLake => {
                let lake = Hive {
                    metastore: metastore?,
                    s3,
                    gcs,
                    azure,
                    properties,
                };
                if connector == HIVE {
                    Catalog::Hive(lake)
                } else {
                    Catalog::DeltaLake(lake)
                }
            }
            Connector::Iceberg => Catalog::Iceberg(Iceberg {
                catalog: catalog?,
                file_format,
                s3,
                gcs,
                azure,
                properties,
            }),
            Connector::Mysql | Connector::Postgresql => {
                let jdbc = Jdbc {
                    connection_url: connection_url?,
                    user,
                    password,
                    properties,
                };
                if connector == MYSQL {
                    Catalog::Mysql(jdbc)
                } else {
                    Catalog::Postgresql(jdbc)
                }
            }
            Connector::Kafka => Catalog::Kafka(Kafka {
                nodes: nodes?,
                default_schema,
                hide_internal_columns,
                topics: topics.unwrap_or_default(),
                properties,
            }),
            Connector::Tpch | Connector::Tpcds => {
                let tpc = Tpc {
                    splits_per_node,
                    properties,
                };
                if connector == TPCH {
                    Catalog::Tpch(tpc)
                } else {
                    Catalog::Tpcds(tpc)
                }
            }
            Connector::Memory => Catalog::Memory(MemoryConnector {
                max_data_per_node,
                properties,
            }),
        })
    }
}

/// The catalogs of the spec, by name.
impl FieldValue for IndexMap<String, Catalog> {
    const KIND: Kind = Kind::Named(TableKind {
        name: CatalogTable::NAME,
        doc: CatalogTable::DOC,
        fields: CatalogTable::fields,
    });
    fn read(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Self> {
        let Some(entries) = at.entries(cx, false) else {
            at.wrong_type(cx, "a table of catalogs, `[catalogs.NAME]`");
            return None;
        };
        let mut out = IndexMap::with_capacity(entries.len());
        let mut complete = true;
        for (name, c) in entries {
            names::catalog_name(name, &mut Found::new(cx, &c.path, c.span()));
            match Catalog::read(&c, cx) {
                Some(catalog) => {
                    out.insert(name.to_owned(), catalog);
                }
                None => complete = false,
            }
        }
        complete.then_some(out)
    }
}

/// `connector = "hive"`.
#[derive(Debug, Clone)]
pub struct Hive {
    /// The metastore.
    pub metastore: Metastore,
    /// Native S3 file system.
    pub s3: Option<S3Storage>,
    /// Native Google Cloud Storage file system.
    pub gcs: Option<GcsStorage>,
    /// Native Azure Storage file system.
    pub azure: Option<AzureStorage>,
    /// Extra catalog properties.
    pub properties: IndexMap<String, PropertyValue>,
}

choice! {
    /// The kind of Hive metastore.
    pub enum MetastoreType ("metastore") {
        /// A Hive metastore service, reached over Thrift.
        Thrift = "thrift",
        /// AWS Glue.
        Glue = "glue",
    }
}

table! {
    /// A Hive metastore as written.
    pub(crate) struct MetastoreTable {
        /// `thrift` or `glue`.
        #[key = "type"]
        pub kind: MetastoreType = |f| f.required("\"thrift\"").tag(),
        /// `hive.metastore.uri`.
        pub uri: Option<String> =
            |f| f.required_for(&[MetastoreType::Thrift], "\"thrift://metastore:9083\""),
        /// `hive.metastore.glue.region`.
        pub region: Option<String> = |f| f.only(&[MetastoreType::Glue]).example("\"us-east-1\""),
        /// `hive.metastore.glue.catalogid`: the AWS account of the Glue catalog.
        pub catalog_id: Option<String> =
            |f| f.only(&[MetastoreType::Glue]).example("\"123456789012\""),
    }
}

/// A Hive metastore.
#[derive(Debug, Clone)]
pub enum Metastore {
    /// `type = "thrift"`.
    Thrift {
        /// `hive.metastore.uri`.
        uri: String,
    },
    /// `type = "glue"`.
    Glue {
        /// `hive.metastore.glue.region`.
        region: Option<String>,
        /// `hive.metastore.glue.catalogid`.
        catalog_id: Option<String>,
    },
}

impl FieldValue for Metastore {
    const KIND: Kind = MetastoreTable::KIND;
    fn read(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Self> {
        let t = read_table::<MetastoreTable>(at, cx)?;
        Some(match t.kind {
            MetastoreType::Thrift => Metastore::Thrift { uri: t.uri? },
            MetastoreType::Glue => Metastore::Glue {
                region: t.region,
                catalog_id: t.catalog_id,
            },
        })
    }
}

table! {
    /// Native S3 file system of a lakehouse catalog (`fs.s3.enabled`).
    #[derive(Default)]
    pub struct S3Storage {
        /// `s3.region`.
        pub region: Option<String> = |f| f.example("\"us-east-1\""),
        /// `s3.endpoint`, for S3-compatible storage.
        pub endpoint: Option<String> = |f| f.example("\"https://minio:9000\""),
        /// `s3.path-style-access`, for S3-compatible storage.
        pub path_style_access: Option<bool> = |f| f.example("true"),
        /// IAM role to assume (`s3.iam-role`); preferred over keys on EKS.
        pub iam_role: Option<String> = |f| f.example("\"arn:aws:iam::123456789012:role/trino\""),
        /// `s3.aws-access-key`.
        pub access_key: Option<SecretRef> =
            |f| f.example("{ secret = \"s3-credentials\", key = \"access-key\" }"),
        /// `s3.aws-secret-key`.
        pub secret_key: Option<SecretRef> =
            |f| f.example("{ secret = \"s3-credentials\", key = \"secret-key\" }"),
    }
}

table! {
    /// Native Google Cloud Storage file system (`fs.gcs.enabled`).
    #[derive(Default)]
    pub struct GcsStorage {
        /// `gcs.project-id`.
        pub project_id: Option<String> = |f| f.example("\"my-project\""),
        /// Service account JSON key (`gcs.json-key`).
        pub json_key: Option<SecretRef> =
            |f| f.example("{ secret = \"gcs-credentials\", key = \"key.json\" }"),
    }
}

choice! {
    /// `azure.auth-type`.
    pub enum AzureAuthType ("Azure auth type", ignore_case) {
        /// A storage account access key.
        AccessKey = "ACCESS_KEY",
        /// OAuth client credentials.
        Oauth = "OAUTH",
        /// The default credential chain (workload identity).
        Default = "DEFAULT",
    }
}

table! {
    /// Native Azure Storage file system (`fs.azure.enabled`).
    #[derive(Default)]
    pub struct AzureStorage {
        /// `azure.auth-type`: `ACCESS_KEY`, `OAUTH` or `DEFAULT` (workload identity);
        /// `ACCESS_KEY` when an access key is given.
        pub auth_type: Option<AzureAuthType> = |f| f.example("\"DEFAULT\""),
        /// `azure.access-key`.
        pub access_key: Option<SecretRef> =
            |f| f.example("{ secret = \"azure-credentials\", key = \"access-key\" }"),
    }
}

choice! {
    /// `iceberg.file-format`.
    pub enum IcebergFileFormat ("file format", ignore_case) {
        /// Apache ORC.
        Orc = "ORC",
        /// Apache Parquet.
        Parquet = "PARQUET",
        /// Apache Avro.
        Avro = "AVRO",
    }
}

/// `connector = "iceberg"`.
#[derive(Debug, Clone)]
pub struct Iceberg {
    /// The catalog the tables are kept in.
    pub catalog: IcebergCatalog,
    /// `iceberg.file-format`.
    pub file_format: Option<IcebergFileFormat>,
    /// Native S3 file system.
    pub s3: Option<S3Storage>,
    /// Native Google Cloud Storage file system.
    pub gcs: Option<GcsStorage>,
    /// Native Azure Storage file system.
    pub azure: Option<AzureStorage>,
    /// Extra catalog properties.
    pub properties: IndexMap<String, PropertyValue>,
}

choice! {
    /// `iceberg.catalog.type`.
    pub enum IcebergCatalogType ("Iceberg catalog") {
        /// A Hive metastore.
        HiveMetastore = "hive_metastore",
        /// AWS Glue.
        Glue = "glue",
        /// An Iceberg REST catalog.
        Rest = "rest",
        /// A JDBC database.
        Jdbc = "jdbc",
        /// Project Nessie.
        Nessie = "nessie",
    }
}

use IcebergCatalogType::{
    Glue as I_GLUE, HiveMetastore as I_HMS, Jdbc as I_JDBC, Nessie as I_NESSIE, Rest as I_REST,
};

table! {
    /// An Iceberg catalog as written.
    pub(crate) struct IcebergCatalogTable {
        /// `hive_metastore`, `glue`, `rest`, `jdbc` or `nessie`.
        #[key = "type"]
        pub kind: IcebergCatalogType = |f| f.required("\"rest\"").tag(),
        /// The URI of the metastore, REST catalog or Nessie server.
        pub uri: Option<String> = |f| f
            .required_for(&[I_HMS, I_REST, I_NESSIE], "\"http://rest-catalog:8181\"")
            .example_for(I_HMS, "\"thrift://metastore:9083\"")
            .example_for(I_NESSIE, "\"http://nessie:19120/api/v2\""),
        /// The AWS region of the Glue catalog.
        pub region: Option<String> = |f| f.only(&[I_GLUE]).example("\"us-east-1\""),
        /// `iceberg.rest-catalog.warehouse`.
        pub warehouse: Option<String> = |f| f.only(&[I_REST]).example("\"s3://warehouse/\""),
        /// `iceberg.rest-catalog.oauth2.token`.
        pub token: Option<SecretRef> =
            |f| f.only(&[I_REST]).example("{ secret = \"rest-catalog\", key = \"token\" }"),
        /// `iceberg.jdbc-catalog.connection-url`.
        pub connection_url: Option<String> =
            |f| f.required_for(&[I_JDBC], "\"jdbc:postgresql://db:5432/iceberg\""),
        /// `iceberg.jdbc-catalog.connection-user`.
        pub user: Option<String> = |f| f.only(&[I_JDBC]).example("\"iceberg\""),
        /// `iceberg.jdbc-catalog.connection-password`.
        pub password: Option<SecretRef> = |f| f
            .only(&[I_JDBC])
            .example("{ secret = \"iceberg-db\", key = \"password\" }"),
        /// Where new tables go (`...default-warehouse-dir`).
        pub default_warehouse_dir: Option<String> =
            |f| f.only(&[I_JDBC, I_NESSIE]).example("\"s3://warehouse/\""),
        /// `iceberg.jdbc-catalog.catalog-name`.
        pub catalog_name: Option<String> = |f| f.only(&[I_JDBC]).example("\"lakehouse\""),
    }
}

/// The catalog an Iceberg connector keeps its tables in (`iceberg.catalog.type`).
#[derive(Debug, Clone)]
pub enum IcebergCatalog {
    /// `type = "hive_metastore"`.
    HiveMetastore {
        /// `hive.metastore.uri`.
        uri: String,
    },
    /// `type = "glue"`.
    Glue {
        /// The AWS region.
        region: Option<String>,
    },
    /// `type = "rest"`.
    Rest {
        /// `iceberg.rest-catalog.uri`.
        uri: String,
        /// `iceberg.rest-catalog.warehouse`.
        warehouse: Option<String>,
        /// `iceberg.rest-catalog.oauth2.token`.
        token: Option<SecretRef>,
    },
    /// `type = "jdbc"`.
    Jdbc {
        /// `iceberg.jdbc-catalog.connection-url`.
        connection_url: String,
        /// `iceberg.jdbc-catalog.connection-user`.
        user: Option<String>,
        /// `iceberg.jdbc-catalog.connection-password`.
        password: Option<SecretRef>,
        /// `iceberg.jdbc-catalog.default-warehouse-dir`.
        default_warehouse_dir: Option<String>,
        /// `iceberg.jdbc-catalog.catalog-name`.
        catalog_name: Option<String>,
    },
    /// `type = "nessie"`.
    Nessie {
        /// `iceberg.nessie-catalog.uri`.
        uri: String,
        /// `iceberg.nessie-catalog.default-warehouse-dir`.
        default_warehouse_dir: Option<String>,
    },
}

impl FieldValue for IcebergCatalog {
    const KIND: Kind = IcebergCatalogTable::KIND;
    fn read(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Self> {
        let t = read_table::<IcebergCatalogTable>(at, cx)?;
        Some(match t.kind {
            IcebergCatalogType::HiveMetastore => IcebergCatalog::HiveMetastore { uri: t.uri? },
            IcebergCatalogType::Glue => IcebergCatalog::Glue { region: t.region },
            IcebergCatalogType::Rest => IcebergCatalog::Rest {
                uri: t.uri?,
                warehouse: t.warehouse,
                token: t.token,
            },
            IcebergCatalogType::Jdbc => IcebergCatalog::Jdbc {
                connection_url: t.connection_url?,
                user: t.user,
                password: t.password,
                default_warehouse_dir: t.default_warehouse_dir,
                catalog_name: t.catalog_name,
            },
            IcebergCatalogType::Nessie => IcebergCatalog::Nessie {
                uri: t.uri?,
                default_warehouse_dir: t.default_warehouse_dir,
            },
        })
    }
}

/// MySQL and PostgreSQL.
#[derive(Debug, Clone)]
pub struct Jdbc {
    /// `connection-url`.
    pub connection_url: String,
    /// `connection-user`.
    pub user: Option<String>,
    /// `connection-password`.
    pub password: Option<SecretRef>,
    /// Extra catalog properties.
    pub properties: IndexMap<String, PropertyValue>,
}

/// `connector = "kafka"`.
#[derive(Debug, Clone)]
pub struct Kafka {
    /// `kafka.nodes`: `host:port` of the brokers.
    pub nodes: Vec<String>,
    /// `kafka.default-schema`.
    pub default_schema: Option<String>,
    /// `kafka.hide-internal-columns`.
    pub hide_internal_columns: Option<bool>,
    /// The tables, one per topic.
    pub topics: Vec<KafkaTopic>,
    /// Extra catalog properties.
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

table! {
    /// A Kafka topic read as a table.
    pub struct KafkaTopic {
        /// Trino table name.
        pub table: String = |f| f.required("\"orders\""),
        /// The table's schema; the catalog's `default_schema` when left out.
        pub schema: Option<String> = |f| f.example("\"shop\""),
        /// Kafka topic; the table name when left out.
        pub topic: Option<String> = |f| f.example("\"shop.orders\""),
        /// How the message key is decoded into columns.
        pub key: Option<KafkaFieldGroup>,
        /// How the message is decoded into columns.
        pub message: Option<KafkaFieldGroup>,
    }
}

table! {
    /// How the key or the message of a topic is decoded.
    pub struct KafkaFieldGroup {
        /// The decoder: raw, csv, json, avro, protobuf or dummy.
        pub data_format: KafkaDataFormat = |f| f.required("\"json\""),
        /// Path or URL of an Avro or Protobuf schema.
        pub data_schema: Option<String> = |f| f.example("\"/etc/trino/schemas/orders.avsc\""),
        /// The columns.
        pub fields: Vec<KafkaField> = |f| f.or_default(),
    }
}

choice! {
    /// A Kafka decoder.
    pub enum KafkaDataFormat ("data format") {
        /// Bytes as they are.
        Raw = "raw",
        /// Comma-separated values.
        Csv = "csv",
        /// JSON objects.
        Json = "json",
        /// Avro records.
        Avro = "avro",
        /// Protobuf messages.
        Protobuf = "protobuf",
        /// No columns.
        Dummy = "dummy",
    }
}

table! {
    /// A column decoded from a topic.
    pub struct KafkaField {
        /// Column name.
        pub name: String = |f| f.required("\"order_id\""),
        /// Trino type, e.g. `BIGINT`, `VARCHAR`, `TIMESTAMP(3)`.
        #[key = "type"]
        pub ty: String = |f| f.required("\"BIGINT\""),
        /// Where the value is: a field name, a column index or a byte range, per decoder.
        pub mapping: Option<String> = |f| f.example("\"order_id\""),
        /// How the value is written (`iso8601`, `BYTE`, ...), per decoder.
        pub data_format: Option<String> = |f| f.example("\"iso8601\""),
        /// A pattern for the `custom-date-time` format.
        pub format_hint: Option<String> = |f| f.example("\"yyyy-MM-dd HH:mm:ss\""),
        /// Column comment.
        pub comment: Option<String> = |f| f.example("\"the order number\""),
        /// Whether the column is hidden.
        pub hidden: bool = |f| f.default(false),
    }
}

/// TPC-H and TPC-DS.
#[derive(Debug, Clone, Default)]
pub struct Tpc {
    /// `tpch.splits-per-node` or `tpcds.splits-per-node`.
    pub splits_per_node: Option<u32>,
    /// Extra catalog properties.
    pub properties: IndexMap<String, PropertyValue>,
}

/// `connector = "memory"`.
#[derive(Debug, Clone, Default)]
pub struct MemoryConnector {
    /// `memory.max-data-per-node`, a Trino data size.
    pub max_data_per_node: Option<u64>,
    /// Extra catalog properties.
    pub properties: IndexMap<String, PropertyValue>,
}
