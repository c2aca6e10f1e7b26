//! The rule registry: every diagnostic trinocfg can emit, with its stable code, default
//! severity and documentation. `trinocfg rules` and `trinocfg --explain CODE` print from here.

use crate::diagnostic::Severity;

/// One rule: what it checks, why it matters, and the fix.
#[derive(Debug)]
pub struct Rule {
    /// Stable code, never reused.
    pub code: &'static str,
    /// Stable kebab-case name.
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// Why it matters and how to fix it, with an example.
    pub explanation: &'static str,
}

/// Rule explanations are long texts that only the CLI and the docs show; builds without the
/// `rule-docs` feature (the browser playground) leave them out.
#[cfg(feature = "rule-docs")]
macro_rules! doc_text {
    ($text:literal) => {
        $text
    };
}
#[cfg(not(feature = "rule-docs"))]
macro_rules! doc_text {
    ($text:literal) => {
        ""
    };
}

macro_rules! rules {
    ($( $(#[$meta:meta])* $ident:ident = $code:literal, $name:literal, $sev:ident, $summary:literal, $explanation:literal; )*) => {
        $( $(#[$meta])* pub static $ident: Rule = Rule {
            code: $code, name: $name, severity: Severity::$sev, summary: $summary, explanation: doc_text!($explanation),
        }; )*
        /// Every rule, in code order.
        pub static ALL: &[&Rule] = &[ $( &$ident, )* ];
    };
}

rules! {
    SPEC_SYNTAX = "TS001", "spec-syntax", Error,
        "The spec is not valid TOML.",
        "The spec must be a TOML document. The message names the line and column where parsing \
stopped.\n\nFix: correct the TOML syntax at that place (a missing quote, `=` or bracket is the \
usual cause).";
    SPEC_UNKNOWN_KEY = "TS002", "unknown-key", Error,
        "A key in the spec that trinocfg does not know.",
        "Every key of the spec is checked; a misspelt key would otherwise be silently ignored and \
its setting lost.\n\nExample: `[workers]\\nmemroy = \"16Gi\"`\n\nFix: use the key the help line \
suggests, or move raw Trino properties into a `properties` table.";
    SPEC_INVALID_VALUE = "TS003", "invalid-value", Error,
        "A spec value of the wrong type or form, or a required key that is missing.",
        "Values are typed: memory is a Kubernetes quantity (`16Gi`), CPU a core count or millicores \
(`500m`), Trino sizes are data sizes (`16GB`) or heap percentages (`30%`).\n\nFix: write the \
value in the form the message names.";
    SPEC_INVALID_NAME = "TS004", "invalid-name", Error,
        "A name that Kubernetes or Trino will not accept.",
        "The cluster name becomes Kubernetes object names (RFC 1123 labels: lowercase letters, \
digits and `-`, at most 40 characters here so that suffixes fit); catalog names become file \
names and SQL identifiers (`[a-z0-9_]`, lowercase; `system` is reserved); the Trino environment \
must match `[a-z0-9][_a-z0-9]*`.\n\nFix: rename as the message says.";
    SPEC_LIMIT = "TS005", "out-of-range", Error,
        "A number outside what can work (a port, a worker count, a size).",
        "trinocfg bounds every number so that nothing overflows and nothing absurd is deployed: \
ports 1–65535, 0–10000 workers, container memory between 1 GiB and 64 TiB, CPU up to 1024 cores.\n\n\
Fix: use a value in range.";
    LITERAL_SECRET = "TK001", "literal-secret", Error,
        "A password, key or token written as a literal value.",
        "Generated ConfigMaps are readable by anyone who can read the namespace; a secret written \
into the spec ends up in them and in version control.\n\nExample: `password = \"hunter2\"`\n\n\
Fix: reference a Kubernetes Secret, `password = { secret = \"mysql\", key = \"password\" }`, or \
an environment variable, `password = { env = \"MYSQL_PASSWORD\" }`. trinocfg renders \
`${ENV:VAR}` in the property file and a `secretKeyRef` in the Deployment.";
    QUERY_MEMORY_EXCEEDS_HEAP = "TM001", "query-memory-exceeds-heap", Error,
        "`query.max-memory-per-node` plus `memory.heap-headroom-per-node` is larger than the heap.",
        "Trino refuses to start: \"Invalid memory configuration. The sum of max query memory per \
node and heap headroom cannot be larger than the available heap memory\". Both default to 30% \
of the heap when unset.\n\nFix: lower `query_max_memory_per_node` or `heap_headroom_per_node`, \
or give the role a larger heap (more container memory or a higher heap percentage).";
    HEAP_EXCEEDS_CONTAINER = "TM002", "heap-exceeds-container", Error,
        "The heap does not leave room for the JVM's non-heap memory inside the container.",
        "Besides the heap the JVM needs metaspace, code cache (512 MB reserved by Trino's \
`jvm.config`), direct buffers and thread stacks. trinocfg reserves the larger of 1 GiB and 10% \
of the container memory. A heap that eats this reserve gets the pod OOM-killed under load.\n\n\
Fix: lower the heap (`heap = \"80%\"`) or raise the container memory.";
    HEAP_RATIO = "TM003", "heap-ratio", Warning,
        "The heap is outside 70–85% of the node's memory.",
        "Trino's deployment guide advises a heap of 70–85% of the node's memory: less wastes \
memory, more starves the JVM's non-heap memory and the operating system.\n\nFix: `heap = \"80%\"`.";
    HEAP_TOO_LARGE = "TM004", "heap-too-large", Warning,
        "A heap above 256 GB.",
        "G1 garbage collection pauses grow with very large heaps; Trino's guidance is to stay at \
or below 256 GB per node and scale out instead.\n\nFix: use more, smaller workers.";
    CLUSTER_MEMORY_EXCEEDS_WORKERS = "TM005", "query-memory-exceeds-cluster", Warning,
        "`query.max-memory` is more than the workers can hold together.",
        "A query is limited by `query.max-memory` across the cluster, but it can never get more \
than the sum of the per-node limits of the nodes that run work; a larger value promises memory \
that does not exist.\n\nFix: set `query_max_memory` to at most workers × `query.max-memory-per-node`.";
    CLUSTER_MEMORY_BELOW_NODE = "TM006", "query-memory-below-node", Warning,
        "`query.max-memory` is smaller than one node's `query.max-memory-per-node`.",
        "The per-node limit can then never be reached, which usually means one of the two values \
is a mistake.\n\nFix: raise `query_max_memory` or lower the per-node limit.";
    TOTAL_BELOW_MAX = "TM007", "total-memory-below-max", Error,
        "`query.max-total-memory` is smaller than `query.max-memory`.",
        "The coordinator refuses to start: \"maxQueryMemory cannot be greater than \
maxQueryTotalMemory\". When unset, `query.max-total-memory` is twice `query.max-memory`.\n\n\
Fix: raise `query_max_total_memory` to at least `query_max_memory`.";
    COORDINATOR_MEMORY = "TM008", "coordinator-memory", Warning,
        "The coordinator's own memory settings do not suit its role.",
        "A coordinator that does not schedule work still plans every query and holds every result \
buffer; too small a heap makes it the bottleneck, and a per-node query limit larger than the \
workers' lets one query pin more memory on it than on any worker.\n\nFix: give the coordinator \
at least 4 GiB of heap, and per-node limits no larger than the workers'.";
    XMX_AND_RAM_PERCENTAGE = "TM009", "xmx-and-ram-percentage", Warning,
        "`-Xmx` together with `-XX:MaxRAMPercentage`.",
        "When both are given the JVM uses `-Xmx` and silently ignores the percentage, so the heap \
is not what one of the two lines says.\n\nFix: keep one of them (`heap_style` in the spec).";
    MEMORY_POOL_EMPTY = "TM010", "memory-pool-empty", Error,
        "`memory.heap-headroom-per-node` leaves no memory pool, or a per-node size is zero.",
        "Trino refuses to start when the heap headroom is the whole heap (\"memory pool size is \
0\") or when a per-node size is 0 (\"Heap size cannot be less than or equal to 0\").\n\nFix: \
use a headroom well below the heap, e.g. the default 30%.";
    TASK_WITHOUT_EXCHANGE = "TF001", "task-retries-without-exchange-manager", Error,
        "TASK retries without an exchange manager.",
        "With `retry-policy=TASK` every query needs spooling storage; without \
`exchange-manager.properties` each one fails: \"Exchange manager must be configured for the \
failure recovery capabilities to be fully functional\".\n\nFix: add \
`[fault_tolerance.exchange_manager]` with `storage` and `base_directories`.";
    EXCHANGE_BASE_DIRECTORIES = "TF002", "exchange-base-directories", Error,
        "Exchange manager base directories missing, mixed, or of a scheme its storage cannot read.",
        "The filesystem exchange manager needs at least one base directory (\"At least one base \
directory needs to be configured\"), all of one scheme (\"Multiple schemes in exchange base \
directories\"): `s3://` or `gs://` for S3/GCS, `abfs://`/`abfss://` for Azure, `hdfs://` for \
HDFS, a local path or `file://` for local.\n\nFix: list base directories of the storage's scheme.";
    EXCHANGE_S3_REGION = "TF003", "exchange-s3-region", Error,
        "An S3 exchange manager without region or endpoint.",
        "`ExchangeS3Config` asserts \"Either exchange.s3.region or exchange.s3.endpoint is \
expected to be set\".\n\nFix: set `region` (or `endpoint` for S3-compatible storage).";
    QUERY_RETRIES_LARGE_RESULTS = "TF004", "query-retries-without-exchange-manager", Warning,
        "QUERY retries without an exchange manager.",
        "QUERY retries work without spooling until a result exceeds \
`exchange.deduplication-buffer-size` (32MB); larger results then fail.\n\nFix: configure an \
exchange manager, or accept the limit.";
    CATALOG_SETTINGS = "TC001", "catalog-settings", Error,
        "A catalog lacks a setting its connector requires, or has one that cannot work.",
        "Catalogs load after the server starts; a missing required setting makes the catalog fail \
to load and its queries fail.\n\nFix: add the setting the message names.";
    KAFKA_TOPIC = "TC002", "kafka-topic-description", Error,
        "A Kafka topic description that Trino cannot use.",
        "Topic descriptions are read when a query reads the table: unknown data formats, \
Trino types the decoder does not support, missing mappings and duplicate tables fail there.\n\n\
Fix: as the message says.";
    TASK_RETRY_SETTINGS = "TF005", "retry-settings-for-other-policy", Warning,
        "A retry setting that only applies to another retry policy.",
        "`task-retry-*` and `fault-tolerant-execution-*` settings only act under \
`retry-policy=TASK`, `query-retry-attempts` only under QUERY; under another policy they are \
silently without effect.\n\nFix: remove the setting or change `retry-policy`.";
    EXCHANGE_MANAGER_NAME = "TF006", "exchange-manager-name", Error,
        "`exchange-manager.properties` without a valid `exchange-manager.name`.",
        "When the file exists Trino requires `exchange-manager.name` (\"Exchange manager \
configuration ... does not contain exchange-manager.name\") and a registered factory: \
`filesystem` or `hdfs`.\n\nFix: `exchange-manager.name=filesystem`.";
    CONNECTOR_NAME = "TC003", "connector-name", Error,
        "A catalog file without `connector.name`, or with a connector Trino does not have.",
        "Catalog loading fails: `connector.name` is required, and an unknown name fails with \
\"No factory for connector\". `hive-hadoop2` was renamed `hive` in release 408.\n\nFix: set \
`connector.name` to an installed connector.";
    CATALOG_FILE_NAME = "TC004", "catalog-file-name", Error,
        "A catalog file name Trino rejects.",
        "Catalog names come from file names; they must be lowercase (\"catalogName is not \
lowercase\"), and `system` is reserved.\n\nFix: rename the file, e.g. `catalog/sales.properties`.";
    KAFKA_DESCRIPTION_MISSING = "TC005", "kafka-table-without-description", Warning,
        "A table in `kafka.table-names` without a topic description file.",
        "Trino exposes such a table with the `dummy` decoder: every column but the internal ones \
is missing, which is rarely intended.\n\nFix: add `<schema>.<table>.json` to \
`kafka.table-description-dir`, or remove the table from `kafka.table-names`.";
    KAFKA_DESCRIPTION_UNUSED = "TC006", "kafka-description-unused", Warning,
        "A Kafka topic description that no catalog exposes.",
        "Only tables listed in `kafka.table-names` are exposed; a description file for another \
table, or in a directory no catalog reads, has no effect.\n\nFix: list the table in \
`kafka.table-names` or remove the file.";
    UNKNOWN_PROPERTY = "TP001", "unknown-property", Error,
        "A configuration property Trino does not know.",
        "Trino refuses to start (or to load the catalog): \"Configuration property '...' was not \
used\".\n\nFix: use the property the help line suggests, or remove the line.";
    REMOVED_PROPERTY = "TP002", "removed-property", Error,
        "A property that Trino has removed (defunct).",
        "Defunct properties fail startup (\"Defunct property '...' cannot be configured\"), \
removed ones fail as unused. Old guides still use many of them, e.g. \
`query.max-total-memory-per-node` (removed in 369) and the `hive.s3.*` legacy file system \
(removed in 481).\n\nFix: remove the property or use its replacement.";
    LEGACY_PROPERTY = "TP003", "legacy-property", Warning,
        "A property under its old name.",
        "Trino accepts the old name with a warning (\"Configuration property '...' has been \
replaced\") and may drop it in a later release.\n\nFix: use the new name.";
    INVALID_PROPERTY_VALUE = "TP004", "invalid-property-value", Error,
        "A value that does not parse for the property's type.",
        "Trino refuses to start: \"Invalid value '...' for type ...\". Data sizes need a unit \
from B, kB, MB, GB, TB, PB (`16G` is not one), durations one from ns, us, ms, s, m, h, d, \
booleans are `true` or `false`.\n\nFix: write the value in the form the message names.";
    DUPLICATE_PROPERTY = "TP005", "duplicate-property", Warning,
        "A property set twice in one file.",
        "Java's Properties keeps the last value silently; the first line is dead and misleads \
readers.\n\nFix: remove one of the lines.";
    EMPTY_PROPERTY_VALUE = "TP006", "empty-property-value", Warning,
        "A property with an empty value.",
        "An empty value fails for typed properties and is rarely meant for text ones.\n\n\
Fix: give the value, or remove the line to get the default.";
    PROPERTY_WRONG_FILE = "TP007", "property-in-wrong-file", Error,
        "A property that belongs in another file.",
        "Each file is read by its own component: a server property in a catalog file, or a \
connector property in `config.properties`, is \"not used\" and fails startup.\n\nFix: move \
the property to the file the message names.";
    COORDINATOR_ONLY = "TP008", "coordinator-only-on-worker", Error,
        "A coordinator-only property on a worker.",
        "Classes such as the web UI, query monitor and topology-aware scheduling are not bound \
on workers (`coordinator=false`), so their properties fail there as \"not used\".\n\nFix: \
remove the property from the worker's `config.properties`.";
    PROPERTY_NEEDS_SWITCH = "TP009", "property-needs-switch", Error,
        "A property whose feature is not switched on.",
        "Some properties are only read when a switch selects their module: `s3.*` needs \
`fs.s3.enabled=true`, `hive.metastore.glue.*` needs `hive.metastore=glue`, \
`iceberg.rest-catalog.*` needs `iceberg.catalog.type=rest`, `exchange.s3.*` needs an `s3://` \
base directory. Otherwise startup fails with \"not used\".\n\nFix: turn the switch on, or \
remove the property.";
    DEPRECATED_PROPERTY = "TP010", "deprecated-property", Warning,
        "A deprecated property.",
        "Trino warns at startup and will remove it.\n\nFix: use the replacement named in the \
Trino documentation.";
    MALFORMED_FILE = "TP011", "malformed-file", Error,
        "A configuration file that does not parse.",
        "A malformed `\\uXXXX` escape stops Java's Properties loader; invalid JSON stops a Kafka \
catalog; unreadable YAML hides every file in it.\n\nFix: correct the syntax at the position \
named.";
    LEGACY_AND_REPLACEMENT = "TP012", "legacy-and-replacement", Error,
        "A property set under both its old and its new name.",
        "Trino refuses to start: \"Configuration property '...' conflicts with property \
'...'\".\n\nFix: keep only the new name.";
    CATALOG_CONFIG_DIR = "TP013", "catalog-config-dir-static", Warning,
        "`catalog.config-dir` without dynamic catalog management.",
        "With the default `catalog.management=static` catalogs are read from `etc/catalog` and \
the store directory setting only matters for dynamic catalogs.\n\nFix: set \
`catalog.management=dynamic` or remove `catalog.config-dir`.";
    SHARED_SECRET_MISSING = "TP014", "shared-secret-missing", Error,
        "Authentication enabled without `internal-communication.shared-secret`.",
        "With `http-server.authentication.type` set, nodes authenticate each other with the \
shared secret; Trino refuses to start without it.\n\nFix: set \
`internal-communication.shared-secret=${ENV:TRINO_SHARED_SECRET}` on every node, from a Secret.";
    PROCESS_FORWARDED = "TP015", "process-forwarded", Warning,
        "A cluster behind a gateway or proxy without `http-server.process-forwarded=true`.",
        "Behind a load balancer, ingress or Trino Gateway, Trino must honour `X-Forwarded-*` \
headers, or redirects (OAuth2, the web UI) and client URIs point at the internal address.\n\n\
Fix: `http-server.process-forwarded=true` on the coordinator.";
    NODE_PROPERTIES = "TN001", "node-properties", Error,
        "An invalid `node.environment` or `node.id`.",
        "`node.environment` must match `[a-z0-9][_a-z0-9]*` and `node.id` \
`[A-Za-z0-9][_A-Za-z0-9-]*`; Trino refuses to start otherwise.\n\nFix: rename as the message says.";
    LOG_LEVEL = "TL001", "log-level", Error,
        "A `log.properties` level that does not exist.",
        "Levels are OFF, TRACE, DEBUG, INFO, WARN and ERROR.\n\nFix: use one of them.";
    NO_HEAP_SIZE = "TJ001", "no-heap-size", Warning,
        "`jvm.config` sets no heap size.",
        "Without `-Xmx` or `-XX:MaxRAMPercentage` the JVM takes a quarter of the memory it sees, \
far below what Trino should have.\n\nFix: add `-Xmx` (70–85% of the node's memory) or \
`-XX:MaxRAMPercentage=80`.";
    GARBAGE_COLLECTOR = "TJ002", "garbage-collector", Warning,
        "A garbage collector other than G1, or several at once.",
        "Trino is tuned and tested with G1 and warns at startup otherwise; two collectors at once \
stop the JVM from starting.\n\nFix: remove the other collector flags (G1 is the default).";
    INVALID_JVM_OPTION = "TJ003", "invalid-jvm-option", Error,
        "A JVM option with a value the JVM rejects.",
        "The JVM exits before Trino starts, e.g. `-Xmx16GB` (the JVM wants `-Xmx16G`).\n\nFix: \
correct the option.";
    MALFORMED_PLACEHOLDER = "TE001", "malformed-placeholder", Error,
        "A `${...}` secret placeholder Trino will not resolve.",
        "Only `${PROVIDER:key}` is resolved (e.g. `${ENV:DB_PASSWORD}`); `${DB_PASSWORD}` or an \
unclosed `${ENV:X` is passed on literally, so the password becomes that text.\n\nFix: write \
`${ENV:NAME}`.";
    PLACEHOLDER_PROVIDER = "TE002", "placeholder-not-resolved", Warning,
        "A placeholder that this file or setup does not resolve.",
        "Trino resolves placeholders in `config.properties`, `node.properties`, catalog files and \
`exchange-manager.properties`, not in `log.properties` or `jvm.config`; and only the `ENV` \
provider is built in: `${FILE:...}` needs a secrets plugin and `etc/secrets.toml`.\n\nFix: \
use `${ENV:NAME}` in a file that resolves it.";
    ENV_NOT_PROVIDED = "TE003", "env-not-provided", Error,
        "`${ENV:NAME}` for a variable the container does not define.",
        "Trino fails to start when an environment variable a placeholder names is not set.\n\n\
Fix: add the variable to the container's `env` (from a Secret with `secretKeyRef`).";
    LITERAL_CREDENTIAL = "TK002", "literal-credential", Warning,
        "A password, key or token written in a configuration file or ConfigMap.",
        "Trino starts with it, but ConfigMaps are readable by anyone who can read the namespace \
and are kept in version control; credentials belong in Secrets (`trinocfg gen` refuses them, \
TK001; `--deny-warnings` makes `check` fail on them).\n\nFix: `connection-password=${ENV:DB_PASSWORD}` and \
the variable from a Secret with `secretKeyRef`.";
}

/// Looks a rule up by code (`TM001`) or name (`query-memory-exceeds-heap`), case-insensitively.
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| {
        r.code.eq_ignore_ascii_case(code_or_name) || r.name.eq_ignore_ascii_case(code_or_name)
    })
}

/// The rule reference as Markdown (`docs/rules.md` is this text; a test keeps it fresh).
pub fn markdown() -> String {
    let mut out = String::from(
        "# trinocfg rules\n\nGenerated by `trinocfg rules --markdown`; do not edit.\n\n\
         | code | name | severity | summary |\n| --- | --- | --- | --- |\n",
    );
    for r in ALL {
        out.push_str(&format!(
            "| [{}](#{}) | {} | {} | {} |\n",
            r.code,
            r.code.to_ascii_lowercase(),
            r.name,
            r.severity,
            r.summary.replace('|', "\\|")
        ));
    }
    for r in ALL {
        out.push_str(&format!(
            "\n## {}\n\n`{}` ({})\n\n{}\n\n{}\n",
            r.code, r.name, r.severity, r.summary, r.explanation
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_documented() {
        let mut codes: Vec<_> = ALL.iter().map(|r| r.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), ALL.len());
        let mut names: Vec<_> = ALL.iter().map(|r| r.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
        for rule in ALL {
            assert!(
                rule.explanation.contains("Fix:"),
                "{} lacks a fix",
                rule.code
            );
        }
        assert_eq!(
            find("tm001").map(|r| r.name),
            Some("query-memory-exceeds-heap")
        );
    }
}
