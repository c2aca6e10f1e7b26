//! Rules about the spec text itself, applied by the spec reader: syntax, unknown keys,
//! values of the wrong type, names, bounds, and literal secrets written in the spec.

declare! {
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
must match `[a-z0-9][_a-z0-9]*`. Names given for Kubernetes objects are checked by the API \
server's rules: the service account is a DNS subdomain, label keys are `[prefix/]name` and label \
values at most 63 letters, digits, `-`, `_` and `.`, the image a pullable reference; \
`log_levels` keys are Java logger names. (Names trinocfg derives, such as volume names, are \
shortened to the API's limits with a stable hash.)\n\nFix: rename as the message says.";
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
}
