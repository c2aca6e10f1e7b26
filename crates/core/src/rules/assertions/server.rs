//! The checks of the server's own classes: airlift, the server, file systems.

#[allow(clippy::wildcard_imports)]
use super::*;

/// Checks of the server's and file systems' configuration classes.
pub(super) static ASSERTIONS: &[Assertion] = &[
    // ---- airlift -------------------------------------------------------------------------
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "HttpClientConfig",
        message: "either both http-client.max-heap-memory and http-client.max-direct-memory are set or none of them",
        applies: Applies::Prefixed,
        since: 476,
        keys: &["http-client.max-heap-memory", "http-client.max-direct-memory"],
        when: always,
        holds: |v| Some(both_or_neither(v, "http-client.max-heap-memory", "http-client.max-direct-memory")),
        help: "set both `<prefix>.http-client.max-heap-memory` and `<prefix>.http-client.max-direct-memory`, or neither",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "HttpServerConfig",
        message: "either both http-server.max-heap-memory and http-server.max-direct-memory are set or none of them",
        applies: Applies::Reading("http-server.max-heap-memory"),
        since: 476,
        keys: &["http-server.max-heap-memory", "http-server.max-direct-memory"],
        when: always,
        holds: |v| Some(both_or_neither(v, "http-server.max-heap-memory", "http-server.max-direct-memory")),
        help: "set both `http-server.max-heap-memory` and `http-server.max-direct-memory`, or neither",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "HttpsConfig",
        message: "Keystore path or automatic HTTPS shared secret must be provided when HTTPS is enabled",
        // Bound when `http-server.https.enabled=true`. Trino sets the automatic secret itself
        // to `internal-communication.shared-secret` when internal HTTPS is required without an
        // internal keystore or truststore (`InternalCommunicationModule`).
        applies: Applies::Reading("internal-communication.shared-secret"),
        since: 435,
        keys: &["http-server.https.enabled", "http-server.https.keystore.path", "http-server.https.automatic-shared-secret"],
        when: |v| v.flag("http-server.https.enabled", false),
        holds: |v| {
            let automatic = v.flag("internal-communication.https.required", false)?
                && !v.set("internal-communication.https.keystore.path")
                && !v.set("internal-communication.https.truststore.path")
                && v.set("internal-communication.shared-secret");
            Some(v.set("http-server.https.keystore.path") || v.set("http-server.https.automatic-shared-secret") || automatic)
        },
        help: "set `http-server.https.keystore.path`, or require internal HTTPS with `internal-communication.https.required=true` and a shared secret",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "NodeConfig",
        message: "only one of node.annotations or node.annotation-file can be set",
        applies: Applies::Reading("node.annotations"),
        since: 479,
        keys: &["node.annotations", "node.annotation-file"],
        when: always,
        holds: |v| Some(not_both(v, "node.annotations", "node.annotation-file")),
        help: "keep `node.annotations` or `node.annotation-file`, not both",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "OpenTelemetryExporterConfig",
        message: "client certificate and key must be set together",
        applies: Applies::Reading("otel.exporter.tls.client-key-path"),
        since: 482,
        keys: &["otel.exporter.tls.client-certificate-path", "otel.exporter.tls.client-certificate-pem", "otel.exporter.tls.client-key-path", "otel.exporter.tls.client-key-pem"],
        when: |v| v.flag("tracing.enabled", false),
        holds: |v| {
            let cert = v.set("otel.exporter.tls.client-certificate-path") || v.set("otel.exporter.tls.client-certificate-pem");
            let key = v.set("otel.exporter.tls.client-key-path") || v.set("otel.exporter.tls.client-key-pem");
            Some(cert == key)
        },
        help: "set a client key (`otel.exporter.tls.client-key-path` or `-pem`) with the client certificate, or neither",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "OpenTelemetryExporterConfig",
        message: "client key password requires client key",
        applies: Applies::Reading("otel.exporter.tls.client-key-path"),
        since: 482,
        keys: &["otel.exporter.tls.client-key-password"],
        when: |v| v.flag("tracing.enabled", false),
        holds: |v| Some(!v.set("otel.exporter.tls.client-key-password") || v.set("otel.exporter.tls.client-key-path") || v.set("otel.exporter.tls.client-key-pem")),
        help: "set `otel.exporter.tls.client-key-path` (or `-pem`), or remove the password",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "OpenTelemetryExporterConfig",
        message: "trusted certificates path and PEM cannot both be set",
        applies: Applies::Reading("otel.exporter.tls.client-key-path"),
        since: 482,
        keys: &["otel.exporter.tls.trusted-certificates-path", "otel.exporter.tls.trusted-certificates-pem"],
        when: |v| v.flag("tracing.enabled", false),
        holds: |v| Some(not_both(v, "otel.exporter.tls.trusted-certificates-path", "otel.exporter.tls.trusted-certificates-pem")),
        help: "keep one of `otel.exporter.tls.trusted-certificates-path` and `-pem`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "OpenTelemetryExporterConfig",
        message: "client certificate path and PEM cannot both be set",
        applies: Applies::Reading("otel.exporter.tls.client-key-path"),
        since: 482,
        keys: &["otel.exporter.tls.client-certificate-path", "otel.exporter.tls.client-certificate-pem"],
        when: |v| v.flag("tracing.enabled", false),
        holds: |v| Some(not_both(v, "otel.exporter.tls.client-certificate-path", "otel.exporter.tls.client-certificate-pem")),
        help: "keep one of `otel.exporter.tls.client-certificate-path` and `-pem`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "OpenTelemetryExporterConfig",
        message: "client key path and PEM cannot both be set",
        applies: Applies::Reading("otel.exporter.tls.client-key-path"),
        since: 482,
        keys: &["otel.exporter.tls.client-key-path", "otel.exporter.tls.client-key-pem"],
        when: |v| v.flag("tracing.enabled", false),
        holds: |v| Some(not_both(v, "otel.exporter.tls.client-key-path", "otel.exporter.tls.client-key-pem")),
        help: "keep one of `otel.exporter.tls.client-key-path` and `-pem`",
    },
    // ---- server --------------------------------------------------------------------------
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "QueryManagerConfig",
        message: "Selected retry policy not present in retry-policy.allowed list",
        applies: Applies::Reading("retry-policy.allowed"),
        since: 479,
        keys: &["retry-policy", "retry-policy.allowed"],
        when: always,
        holds: |v| {
            let normal = |s: &str| s.trim().replace('-', "_").to_ascii_uppercase();
            let policy = normal(v.text("retry-policy")?.unwrap_or("NONE"));
            match v.text("retry-policy.allowed")? {
                None => Some(true),
                Some(allowed) => Some(split_list(allowed).any(|a| normal(a) == policy)),
            }
        },
        help: "add the policy to `retry-policy.allowed`, or choose one of the allowed policies",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "InternalCommunicationConfig",
        message: "Internal shared secret is required when HTTPS is enabled for internal communications",
        applies: Applies::Reading("internal-communication.https.required"),
        since: 435,
        keys: &["internal-communication.https.required", "internal-communication.shared-secret"],
        when: always,
        holds: |v| Some(!v.flag("internal-communication.https.required", false)? || v.set("internal-communication.shared-secret")),
        help: "set `internal-communication.shared-secret` on every node (from a Secret)",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "InternalCommunicationConfig",
        message: "HTTPS must be enabled when HTTPS is required for internal communications. Set http-server.https.enabled=true",
        applies: Applies::Reading("internal-communication.https.required"),
        since: 435,
        keys: &["internal-communication.https.required", "http-server.https.enabled"],
        when: always,
        holds: |v| Some(!v.flag("internal-communication.https.required", false)? || v.flag("http-server.https.enabled", false)?),
        help: "set `http-server.https.enabled=true`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "SpoolingConfig",
        message: "protocol.spooling.shared-secret-key must be 256 bits long",
        applies: Applies::Reading("protocol.spooling.enabled"),
        since: 468,
        keys: &["protocol.spooling.shared-secret-key", "protocol.spooling.enabled"],
        when: |v| v.flag("protocol.spooling.enabled", false),
        holds: |v| match v.text("protocol.spooling.shared-secret-key")? {
            None => Some(false),
            Some(key) => base64_len(key).map(|n| n == 32),
        },
        help: "set `protocol.spooling.shared-secret-key` to 32 random bytes in base64, e.g. from `openssl rand -base64 32`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "SpoolingConfig",
        message: "protocol.spooling.initial-segment-size must be smaller than protocol.spooling.maximum-segment-size",
        applies: Applies::Reading("protocol.spooling.enabled"),
        since: 476,
        keys: &["protocol.spooling.initial-segment-size", "protocol.spooling.max-segment-size"],
        when: |v| v.flag("protocol.spooling.enabled", false),
        holds: |v| Some(v.size("protocol.spooling.initial-segment-size", "8MB")? < v.size("protocol.spooling.max-segment-size", "16MB")?),
        help: "make `protocol.spooling.initial-segment-size` smaller than `protocol.spooling.max-segment-size` (8MB and 16MB by default)",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "SpoolingEnabledConfig",
        message: "protocol.spooling.unsupported-warning.enabled can only be enabled when protocol.spooling.enabled is also enabled",
        applies: Applies::Reading("protocol.spooling.enabled"),
        since: 479,
        keys: &["protocol.spooling.unsupported-warning.enabled", "protocol.spooling.enabled"],
        when: always,
        holds: |v| Some(!v.flag("protocol.spooling.unsupported-warning.enabled", false)? || v.flag("protocol.spooling.enabled", false)?),
        help: "set `protocol.spooling.enabled=true`, or remove the warning switch",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "SqlEnvironmentConfig",
        message: "sql.path must be a valid SQL path",
        applies: Applies::Reading("sql.path"),
        since: 435,
        keys: &["sql.path"],
        when: always,
        holds: |v| match v.text("sql.path")? {
            None | Some("") => Some(true),
            Some(path) => Some(sql_path(path).is_some()),
        },
        help: "write the path as comma-separated `catalog.schema` names, e.g. `sql.path=system.builtin,hive.functions`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "SqlEnvironmentConfig",
        message: "sql.default-function-catalog and sql.default-function-schema must be set together",
        applies: Applies::Reading("sql.path"),
        since: 435,
        keys: &["sql.default-function-catalog", "sql.default-function-schema"],
        when: always,
        holds: |v| Some(both_or_neither(v, "sql.default-function-catalog", "sql.default-function-schema")),
        help: "set both `sql.default-function-catalog` and `sql.default-function-schema`, or neither",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "SqlEnvironmentConfig",
        message: "default function schema must be in the default SQL path",
        applies: Applies::Reading("sql.path"),
        since: 435,
        keys: &["sql.default-function-schema", "sql.path"],
        when: always,
        holds: |v| {
            let (Some(catalog), Some(schema)) = (v.text("sql.default-function-catalog")?, v.text("sql.default-function-schema")?) else {
                return Some(true);
            };
            let path = sql_path(v.text("sql.path")?.unwrap_or(""));
            Some(path.is_some_and(|p| p.iter().any(|(c, s)| c.as_deref() == Some(catalog) && s == schema)))
        },
        help: "add `<catalog>.<schema>` of the default function schema to `sql.path`",
    },
    // ---- file systems (lakehouse catalogs, filesystem spooling manager) ------------------------
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "AzureAuthManagedIdentityConfig",
        message: "Both azure.user-assigned-managed-identity.client-id and azure.user-assigned-managed-identity.resource-id cannot be set",
        applies: Applies::Reading("azure.user-assigned-managed-identity.client-id"),
        since: 476,
        keys: &["azure.user-assigned-managed-identity.client-id", "azure.user-assigned-managed-identity.resource-id"],
        when: |v| Some(fs_enabled(v, "azure")? && v.is("azure.auth-type", "DEFAULT", "DEFAULT")?),
        holds: |v| Some(not_both(v, "azure.user-assigned-managed-identity.client-id", "azure.user-assigned-managed-identity.resource-id")),
        help: "keep the client id or the resource id of the managed identity, not both",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "GcsFileSystemConfig",
        message: "gcs.client.min-backoff-delay must be less than or equal to gcs.client.max-backoff-delay",
        applies: Applies::Reading("gcs.client.min-backoff-delay"),
        since: 435,
        keys: &["gcs.client.min-backoff-delay", "gcs.client.max-backoff-delay"],
        when: |v| fs_enabled(v, "gcs"),
        holds: |v| Some(v.duration("gcs.client.min-backoff-delay", "10ms")? <= v.duration("gcs.client.max-backoff-delay", "2000ms")?),
        help: "make `gcs.client.min-backoff-delay` (10ms by default) at most `gcs.client.max-backoff-delay` (2000ms by default)",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "GcsServiceAccountAuthConfig",
        message: "Either gcs.json-key or gcs.json-key-file-path must be set",
        applies: Applies::Reading("gcs.json-key"),
        since: 479,
        keys: &["gcs.json-key", "gcs.json-key-file-path", "fs.gcs.enabled"],
        when: |v| Some(fs_enabled(v, "gcs")? && v.is("gcs.auth-type", "SERVICE_ACCOUNT", "SERVICE_ACCOUNT")?),
        holds: |v| Some(exactly_one(v, "gcs.json-key", "gcs.json-key-file-path")),
        help: "set one of `gcs.json-key` and `gcs.json-key-file-path`, or choose another `gcs.auth-type` (`APPLICATION_DEFAULT`, `ACCESS_TOKEN`)",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "S3FileSystemConfig",
        message: "s3.sse.customer-key has to be set for server-side encryption with customer-provided key",
        applies: Applies::Reading("s3.sse.customer-key"),
        since: 468,
        keys: &["s3.sse.type", "s3.sse.customer-key"],
        when: |v| fs_enabled(v, "s3"),
        holds: |v| Some(!v.is("s3.sse.type", "NONE", "CUSTOMER")? || v.set("s3.sse.customer-key")),
        help: "set `s3.sse.customer-key`, or choose another `s3.sse.type`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "S3SecurityMappingConfig",
        message: "Exactly one of s3.security-mapping.config-file or s3.security-mapping.config-uri must be set",
        applies: Applies::Reading("s3.security-mapping.enabled"),
        since: 468,
        keys: &["s3.security-mapping.config-file", "s3.security-mapping.config-uri", "s3.security-mapping.enabled"],
        when: |v| Some(fs_enabled(v, "s3")? && v.flag("s3.security-mapping.enabled", false)?),
        holds: |v| Some(exactly_one(v, "s3.security-mapping.config-file", "s3.security-mapping.config-uri")),
        help: "set one of `s3.security-mapping.config-file` and `s3.security-mapping.config-uri`",
    },
    Assertion {
        rule: &CONFIG_ASSERTION,
        class: "HdfsKerberosConfig",
        message: "Exactly one of `hive.hdfs.trino.keytab` or `hive.hdfs.trino.credential-cache.location` must be specified",
        applies: Applies::Reading("hive.hdfs.trino.keytab"),
        since: 435,
        keys: &["hive.hdfs.trino.keytab", "hive.hdfs.trino.credential-cache.location", "hive.hdfs.authentication.type"],
        when: |v| Some(v.flag("fs.hadoop.enabled", false)? && v.is("hive.hdfs.authentication.type", "NONE", "KERBEROS")?),
        holds: |v| Some(exactly_one(v, "hive.hdfs.trino.keytab", "hive.hdfs.trino.credential-cache.location")),
        help: "set one of `hive.hdfs.trino.keytab` and `hive.hdfs.trino.credential-cache.location`",
    },
];
