//! The example specs embedded in every build (the fixture scenarios).

/// One embedded example.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// Name, as `--example` takes it.
    pub name: &'static str,
    /// One line on what the example shows.
    pub description: &'static str,
    /// The spec text.
    pub source: &'static str,
    /// The oldest Trino release that has what the example uses (the spooling protocol came
    /// with 468); `None` when every known release does.
    pub since: Option<u32>,
}

macro_rules! example {
    ($name:literal, $description:literal) => {
        example!($name, $description, None)
    };
    ($name:literal, $description:literal, $since:expr) => {
        Example {
            name: $name,
            description: $description,
            source: include_str!(concat!("../../../fixtures/specs/", $name, ".toml")),
            since: $since,
        }
    };
}

/// Every example, in a stable order.
pub static EXAMPLES: &[Example] = &[
    example!("minimal", "one coordinator, two workers, TPC-H"),
    example!(
        "federated-s3-mysql",
        "Hive on S3 with a thrift metastore joined with MySQL"
    ),
    example!(
        "kafka-orders",
        "Kafka topics `orders` and `customers` (JSON) beside MySQL"
    ),
    example!(
        "fte-s3-eks",
        "production EKS sizing, TASK retries spooling to S3, Hive and Iceberg on Glue"
    ),
    example!(
        "data-on-eks",
        "the data-on-eks stack: KEDA 1..10 workers on Spot, graceful shutdown, resource groups"
    ),
    example!(
        "hpa-custom-metrics",
        "an HPA on a custom Trino metric, JMX exporter, PDB and preStop; Hive, MySQL, Kafka"
    ),
    example!(
        "any-connector",
        "Delta Lake on Glue beside SQL Server (password from a Secret), JMX and Elasticsearch"
    ),
    example!(
        "secure",
        "HTTPS from a Secret, password and OAuth2 logins, file access control, spooling to S3",
        Some(468)
    ),
    example!(
        "gateway-blue-green",
        "a fleet behind Trino Gateway: blue and green for adhoc, an ETL cluster with TASK retries"
    ),
    example!(
        "single-node-dev",
        "a coordinator that schedules work itself, memory catalog"
    ),
];

/// Looks an example up by name.
pub fn find(name: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.name == name)
}
