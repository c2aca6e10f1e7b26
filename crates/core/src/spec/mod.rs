//! The cluster spec: one TOML document describing one Trino cluster.
//!
//! Types are shaped so that wrong states cannot be written: TASK retries require an exchange
//! manager, each connector has its own typed section, and secrets are references, never values.
//!
//! Every key is declared once, on the field it fills (see [`decl`]): its key, type, default,
//! documentation and bounds. [`load`] reads a spec with those declarations in one pass,
//! [`starter`] writes the commented starter spec from them, and [`Table::fields`] lists them.

pub mod decl;
pub mod names;
mod read;
pub mod schema;
pub mod secrets;
mod sizes;
pub(crate) mod spans;
mod toml;

mod catalog;
mod consistency;
mod deploy;
mod exchange;
pub mod fleet;
mod security;
mod starter;
#[cfg(test)]
mod tests;

use indexmap::IndexMap;

use self::decl::{choice, table};
use self::read::{At, Cx, FieldValue};
use crate::diagnostic::{Diagnostic, Location};
use crate::rules;
use crate::units::{Bytes, MilliCpu};
use crate::values::HeapSize;

pub use self::catalog::*;
pub use self::decl::{Choice, Field, Kind, Only, Presence, Table, TableKind, Variant};
pub use self::deploy::*;
pub use self::exchange::{ExchangeManager, Storage};
pub use self::security::*;
pub use self::spans::SpanIndex;
pub use self::starter::starter;

/// The Trino release whose property catalogue trinocfg embeds; the default target version.
pub const DEFAULT_TRINO_VERSION: u32 = 482;

/// Largest spec accepted, in bytes. Larger input is refused before parsing.
pub const MAX_SPEC_BYTES: usize = 4 * 1024 * 1024;

/// A spec as read: every problem of its text, where every key is, and the typed spec.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Every problem of the spec text (TS001–TS005, TK001, TF001), sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// Where every key and value of the document is.
    pub spans: SpanIndex,
    /// The typed spec, when every value could be read into its type. Unknown keys, invalid
    /// names, values out of range and literal secrets (kept as [`SecretRef::Literal`]) do not
    /// prevent it; the rules of Trino can run over it.
    pub spec: Option<Spec>,
    /// No name is invalid (TS004) and no value out of range (TS005): file names, object names
    /// and sizes derived from the spec mean what they say.
    pub in_bounds: bool,
}

impl Loaded {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Reads spec text: syntax, unknown keys, types, names, bounds and literal secrets, all
/// reported in one run.
pub fn load(source: &str) -> Loaded {
    load_for(source, None)
}

/// Reads `source` as a `T` (a spec, a fleet): bounded in size, TOML syntax, then every key;
/// `noun` names it in messages.
pub(crate) fn read_text<T: read::ReadTable>(
    source: &str,
    cx: &mut Cx<'_>,
    noun: &str,
) -> Option<T> {
    let value = if source.len() > MAX_SPEC_BYTES {
        cx.diagnostics.push(
            Diagnostic::new(
                &rules::SPEC_LIMIT,
                format!(
                    "the {noun} is {} bytes; trinocfg reads specs of at most {} bytes",
                    source.len(),
                    MAX_SPEC_BYTES
                ),
            )
            .help("split the cluster description, or remove generated bulk from it"),
        );
        None
    } else {
        match toml::parse(source) {
            Ok(doc) => read::read_document::<T>(&doc, cx),
            Err(e) => {
                cx.diagnostics.push(
                    Diagnostic::new(&rules::SPEC_SYNTAX, e.message)
                        .at(Location::default().with_span(source, e.span))
                        .help(e.help),
                );
                None
            }
        }
    };
    if value.is_none() && !cx.diagnostics.iter().any(Diagnostic::is_error) {
        // Every path that drops a value reports why; this is a guard, not a message users see.
        cx.diagnostics.push(
            Diagnostic::new(
                &rules::SPEC_INVALID_VALUE,
                format!("the {noun} could not be read"),
            )
            .help("check it against the README"),
        );
    }
    value
}

/// Reads spec text as [`load`] does; with `release`, the spec is read as targeting that Trino
/// release instead of its own `cluster.trino_version` (`check --trino-version`, `upgrade`).
pub fn load_for(source: &str, release: Option<u32>) -> Loaded {
    let mut cx = Cx::new(source);
    let mut spec = read_text::<Spec>(source, &mut cx, "spec");
    if let (Some(spec), Some(release)) = (&mut spec, release) {
        spec.cluster.trino_version = release;
    }
    let mut diagnostics = cx.diagnostics;
    if let Some(spec) = &spec {
        consistency::check(spec, &mut |path, d| {
            diagnostics.push(d.at(cx.spans.locate(source, path)));
        });
    }
    crate::diagnostic::sort(&mut diagnostics);
    let in_bounds = !diagnostics
        .iter()
        .any(|d| d.code == rules::SPEC_LIMIT.code || d.code == rules::SPEC_INVALID_NAME.code);
    Loaded {
        diagnostics,
        spans: cx.spans,
        spec,
        in_bounds,
    }
}

table! {
    /// The cluster spec.
    #[check(sizes::cluster)]
    pub struct Spec {
        /// The cluster: its name, Trino release and the directories Trino uses.
        pub cluster: Cluster = |f| f.required("{ name = \"trino\" }"),
        /// The coordinator: plans queries and serves clients.
        pub coordinator: Coordinator = |f| f.required("{ memory = \"16Gi\", cpu = 4 }"),
        /// The workers, all alike. Left out: 2 workers of 16Gi and 4 CPUs.
        pub workers: Workers = |f| f.or_default().shown(),
        /// The JVM of both roles.
        pub jvm: Jvm = |f| f.or_default(),
        /// Cluster-wide query memory limits (coordinator `config.properties`).
        pub memory: ClusterMemory = |f| f.or_default(),
        /// Fault-tolerant execution: retries of failed queries or tasks.
        pub fault_tolerance: FaultTolerance = |f| f.or_default(),
        /// Catalogs by name (`[catalogs.NAME]`); `connector` picks the connector and the keys
        /// that go with it.
        pub catalogs: IndexMap<String, Catalog> = |f| f.or_default().shown(),
        /// Kubernetes output.
        pub kubernetes: Kubernetes = |f| f.or_default(),
        /// Metrics: the JMX exporter and a `ServiceMonitor`.
        pub monitoring: Monitoring = |f| f.or_default(),
        /// Resource groups: queues that limit what runs at once.
        pub resource_groups: ResourceGroups = |f| f.or_default(),
        /// Session property defaults by user, source, resource group and query type.
        pub session_properties: SessionProperties = |f| f.or_default(),
        /// HTTPS, authentication and access control.
        pub security: Security = |f| f.or_default(),
        /// The spooling client protocol and where its segments go.
        pub spooling: Option<Spooling>,
        /// Extra `config.properties` entries for both roles, as Trino names them.
        pub properties: IndexMap<String, PropertyValue> =
            |f| f.or_default().example("{ \"query.max-execution-time\" = \"2h\" }"),
        /// `log.properties` levels for both roles.
        pub log_levels: IndexMap<String, String> =
            |f| f.or_default().example("{ \"io.trino\" = \"INFO\" }").check(names::loggers),
    }
}

table! {
    /// The cluster itself.
    pub struct Cluster {
        /// Kubernetes name of the cluster; prefixes every object name.
        pub name: String = |f| f.required("\"trino\"").check(names::cluster_name),
        /// Trino's `node.environment`: nodes only join a coordinator of the same environment.
        pub environment: String =
            |f| f.default("production").check(names::environment).shown(),
        /// The Trino release to configure.
        #[validate(range(min = 400, max = 999, message = "trinocfg targets Trino releases 400 to 999"))]
        pub trino_version: u32 = |f| f.default(DEFAULT_TRINO_VERSION),
        /// Directory of the configuration inside the container.
        pub config_root: String = |f| f.default("/etc/trino").check(names::container_path),
        /// `node.data-dir`: Trino's data directory inside the container.
        pub data_dir: String = |f| f.default("/data/trino").check(names::container_path),
        /// The HTTP port of every node.
        #[validate(range(min = 1, max = 65535, message = "a port is between 1 and 65535"))]
        pub http_port: u32 = |f| f.default(8080),
        /// The coordinator sits behind an ingress, load balancer or Trino Gateway: Trino then
        /// honours `X-Forwarded-*` headers (`http-server.process-forwarded=true`).
        pub behind_proxy: bool = |f| f.default(false),
        /// `internal-communication.shared-secret`, needed once authentication is enabled.
        pub shared_secret: Option<SecretRef> =
            |f| f.example("{ secret = \"trino-internal\", key = \"shared-secret\" }"),
    }
}

/// The settings every role has; `Coordinator` and `Workers` repeat them (see `role!`).
pub struct NodeSpec<'a> {
    /// Container memory.
    pub memory: Bytes,
    /// Container CPU.
    pub cpu: MilliCpu,
    /// The heap, when set.
    pub heap: Option<HeapSetting>,
    /// `query.max-memory-per-node`, when set.
    pub query_max_memory_per_node: Option<HeapSize>,
    /// `memory.heap-headroom-per-node`, when set.
    pub heap_headroom_per_node: Option<HeapSize>,
    /// Extra `config.properties` entries of the role.
    pub properties: &'a IndexMap<String, PropertyValue>,
    /// Extra `jvm.config` lines of the role.
    pub jvm_flags: &'a [String],
}

/// A role's table: the keys every role has, then its own.
macro_rules! role {
    ($(#[doc = $doc:literal])* $name:ident { $($own:tt)* }) => {
        table! {
            $(#[doc = $doc])*
            pub struct $name {
                /// Container memory (request and limit), a Kubernetes quantity such as `16Gi`.
                pub memory: Bytes = |f| f.required("\"16Gi\"").check(sizes::memory),
                /// Container CPU (request and limit): cores (`4`, `1.5`) or millicores (`"500m"`).
                pub cpu: MilliCpu = |f| f.required("4").check(sizes::cpu),
                /// The heap: a percentage of `memory` (80% when left out) or a size (`"12Gi"`).
                pub heap: Option<HeapSetting> = |f| f.example("\"80%\""),
                /// `query.max-memory-per-node`: a Trino data size (`"10GB"`) or a share of the heap
                /// (60% when left out).
                pub query_max_memory_per_node: Option<HeapSize> = |f| f.example("\"60%\""),
                /// `memory.heap-headroom-per-node`: a Trino data size or a share of the heap (30%
                /// when left out).
                pub heap_headroom_per_node: Option<HeapSize> = |f| f.example("\"30%\""),
                /// Extra `config.properties` entries for this role.
                pub properties: IndexMap<String, PropertyValue> =
                    |f| f.or_default().example("{ \"task.concurrency\" = 16 }"),
                /// Extra `jvm.config` lines for this role.
                pub jvm_flags: Vec<String> =
                    |f| f.or_default().example("[\"-XX:+HeapDumpOnOutOfMemoryError\"]"),
                /// Container memory request, when below `memory` (the limit). Memory rules use
                /// the limit.
                pub memory_request: Option<Bytes> = |f| f.example("\"12Gi\"").check(sizes::memory_opt),
                /// Container CPU request, when below `cpu` (the limit).
                pub cpu_request: Option<MilliCpu> = |f| f.example("2").check(sizes::cpu_opt),
                /// Where the pods run: node selector, tolerations, zones, anti-affinity.
                pub placement: Placement = |f| f.or_default(),
                /// A `PodDisruptionBudget` for the role's pods.
                pub disruption_budget: Option<DisruptionBudget> = |f| f.example("{ max_unavailable = 1 }"),
                /// Annotations on the role's pods.
                pub annotations: IndexMap<String, String> =
                    |f| f.or_default().example("{ \"karpenter.sh/do-not-disrupt\" = \"true\" }").check(names::annotations),
                /// Labels on the role's pods.
                pub labels: IndexMap<String, String> =
                    |f| f.or_default().example("{ tier = \"query\" }").check(names::labels),
                $($own)*
            }
        }

        impl $name {
            /// The settings every role has.
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
        pub schedules_work: bool = |f| f.default(false),
    }
);

role!(
    /// The workers, all alike.
    Workers {
        /// Number of worker pods.
        #[validate(range(min = 0, max = 10000, message = "trinocfg accepts at most 10000 workers; split larger clusters"))]
        pub count: u32 = |f| f.default(2).shown(),
        /// Worker autoscaling (KEDA or HPA); the worker count becomes `min`..`max`.
        pub autoscaling: Option<Autoscaling>,
        /// Graceful shutdown: workers finish their tasks before their pods stop.
        pub graceful_shutdown: Option<GracefulShutdown>,
        /// Spilling to disk, on a volume of its own.
        pub spill: Option<Spill>,
    }
);

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
            memory_request: None,
            cpu_request: None,
            placement: Placement::default(),
            disruption_budget: None,
            annotations: IndexMap::new(),
            labels: IndexMap::new(),
            count: 2,
            autoscaling: None,
            graceful_shutdown: None,
            spill: None,
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

choice! {
    /// How the heap is given to the JVM.
    pub enum HeapStyle ("heap style") {
        /// `-Xmx`/`-Xms` with the exact size.
        Xmx = "xmx",
        /// `-XX:MaxRAMPercentage`/`-XX:InitialRAMPercentage` of the container limit.
        RamPercentage = "ram-percentage",
    }
}

// `choice!` writes the enum, so `#[derive(Default)]` cannot be attached to it.
#[allow(clippy::derivable_impls)]
impl Default for HeapStyle {
    fn default() -> Self {
        HeapStyle::Xmx
    }
}

table! {
    /// The JVM of both roles.
    #[derive(Default)]
    pub struct Jvm {
        /// How the heap is set: an exact size, or a percentage of the container limit.
        pub heap_style: HeapStyle = |f| f.default(HeapStyle::Xmx),
        /// Extra `jvm.config` lines for both roles.
        pub flags: Vec<String> = |f| f.or_default().example("[\"-XX:+ExitOnOutOfMemoryError\"]"),
    }
}

table! {
    /// Cluster-wide query memory limits (coordinator `config.properties`).
    #[derive(Default)]
    pub struct ClusterMemory {
        /// `query.max-memory`, a Trino data size; derived from the workers when left out.
        pub query_max_memory: Option<u64> = |f| f.example("\"200GB\""),
        /// `query.max-total-memory`, a Trino data size; derived from the workers when left out.
        pub query_max_total_memory: Option<u64> = |f| f.example("\"400GB\""),
    }
}

/// Fault-tolerant execution. TASK retries cannot be written without an exchange manager.
#[derive(Debug, Clone, Default)]
pub enum FaultTolerance {
    /// No retries.
    #[default]
    None,
    /// Failed queries are retried.
    Query {
        /// Spooling of large results, when set.
        exchange_manager: Option<ExchangeManager>,
    },
    /// Failed tasks are retried.
    Task {
        /// Spooling of every exchange.
        exchange_manager: ExchangeManager,
    },
}

impl FaultTolerance {
    /// The exchange manager, when there is one.
    pub fn exchange_manager(&self) -> Option<&ExchangeManager> {
        match self {
            FaultTolerance::None => None,
            FaultTolerance::Query { exchange_manager } => exchange_manager.as_ref(),
            FaultTolerance::Task { exchange_manager } => Some(exchange_manager),
        }
    }

    /// Trino's `retry-policy`.
    pub fn policy(&self) -> &'static str {
        match self {
            FaultTolerance::None => "NONE",
            FaultTolerance::Query { .. } => "QUERY",
            FaultTolerance::Task { .. } => "TASK",
        }
    }
}

choice! {
    /// Trino's `retry-policy`.
    pub enum RetryPolicy ("retry policy") {
        /// No retries.
        None = "none",
        /// Retry failed queries (results up to 32MB without an exchange manager).
        Query = "query",
        /// Retry failed tasks; needs an exchange manager.
        Task = "task",
    }
}

table! {
    /// `[fault_tolerance]` as written.
    pub(crate) struct FaultToleranceTable {
        /// What is retried: `none`, `query` or `task`.
        pub retry_policy: RetryPolicy = |f| f.required("\"task\"").shown(),
        /// Where spooled data goes; required for `task`.
        pub exchange_manager: Option<ExchangeManager>,
    }
}

impl FieldValue for FaultTolerance {
    const KIND: Kind = FaultToleranceTable::KIND;
    fn read(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Self> {
        let t = read::read_table::<FaultToleranceTable>(at, cx)?;
        match (t.retry_policy, t.exchange_manager) {
            (RetryPolicy::None, _) => Some(FaultTolerance::None),
            (RetryPolicy::Query, exchange_manager) => {
                Some(FaultTolerance::Query { exchange_manager })
            }
            (RetryPolicy::Task, Some(exchange_manager)) => {
                Some(FaultTolerance::Task { exchange_manager })
            }
            (RetryPolicy::Task, None) => {
                cx.push(
                    &rules::TASK_WITHOUT_EXCHANGE,
                    &at.path,
                    at.span(),
                    "TASK retries need an exchange manager; without one every query fails",
                    "add `[fault_tolerance.exchange_manager]` with `storage` and `base_directories`, or use `retry_policy = \"query\"`",
                );
                None
            }
        }
    }
}

table! {
    /// Kubernetes output.
    #[derive(Default)]
    pub struct Kubernetes {
        /// Namespace of every object; the current one when left out.
        pub namespace: Option<String> = |f| f.example("\"trino\"").check(names::namespace),
        /// Container image; `trinodb/trino:<trino_version>` when left out.
        pub image: Option<String> = |f| f.example("\"trinodb/trino:482\"").check(names::image),
        /// When Kubernetes pulls the image.
        pub image_pull_policy: PullPolicy = |f| f.default(PullPolicy::IfNotPresent),
        /// Service account of the pods (for cloud credentials such as IRSA).
        pub service_account: Option<String> =
            |f| f.example("\"trino\"").check(names::service_account),
        /// Secrets whose keys all become environment variables of the Trino containers
        /// (`envFrom`): where `{ env = "VAR" }` references find their variables.
        pub env_from: Vec<String> =
            |f| f.or_default().example("[\"trino-env\"]").check(names::secret_names),
        /// Extra labels on every object.
        pub labels: IndexMap<String, String> =
            |f| f.or_default().example("{ team = \"data\" }").check(names::labels),
        /// Secrets with registry credentials (`imagePullSecrets`).
        pub image_pull_secrets: Vec<String> =
            |f| f.or_default().example("[\"registry-credentials\"]").check(names::secret_names),
        /// Annotations of the service account; when set, trinocfg writes the `ServiceAccount`
        /// (named `service_account`, or after the cluster), e.g. the IAM role of IRSA.
        pub service_account_annotations: IndexMap<String, String> = |f| f
            .or_default()
            .example("{ \"eks.amazonaws.com/role-arn\" = \"arn:aws:iam::111122223333:role/trino\" }")
            .check(names::annotations),
        /// The coordinator's Service.
        pub service: Service = |f| f.or_default(),
    }
}

impl Spec {
    /// The container image: `kubernetes.image`, or `trinodb/trino:<trino_version>`.
    pub fn image(&self) -> String {
        self.kubernetes
            .image
            .clone()
            .unwrap_or_else(|| format!("trinodb/trino:{}", self.cluster.trino_version))
    }
}

choice! {
    /// Kubernetes' `imagePullPolicy`.
    pub enum PullPolicy ("image pull policy") {
        /// Pull the image every time a pod starts.
        Always = "Always",
        /// Pull the image when the node does not have it.
        IfNotPresent = "IfNotPresent",
        /// Never pull; the node must have the image.
        Never = "Never",
    }
}

// `choice!` writes the enum, so `#[derive(Default)]` cannot be attached to it.
#[allow(clippy::derivable_impls)]
impl Default for PullPolicy {
    fn default() -> Self {
        PullPolicy::IfNotPresent
    }
}

/// A reference to a secret value. The spec never holds the value itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretRef {
    /// A key of a Kubernetes Secret, exposed to Trino as an environment variable
    /// (named by `env`, or derived from where the reference stands).
    Kubernetes {
        /// The Secret's name.
        secret: String,
        /// The key inside the Secret.
        key: String,
        /// The environment variable it is exposed as, when chosen.
        env: Option<String>,
    },
    /// An environment variable the pod already has.
    Env {
        /// The variable's name.
        env: String,
    },
    /// A literal value was written. Only its length is kept; the reader reports it (TK001).
    Literal {
        /// Length of the value, in bytes.
        len: usize,
    },
}

/// A value of an escape-hatch property: TOML strings, integers, floats and booleans are
/// accepted and rendered as Trino reads them; a table is a secret reference.
#[derive(Debug, Clone, PartialEq)]
pub enum PropertyValue {
    /// The value as Trino reads it.
    Text(String),
    /// A secret reference.
    Secret(SecretRef),
}

impl FieldValue for IndexMap<String, String> {
    const KIND: Kind = Kind::TextMap;
    fn read(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Self> {
        let Some(entries) = at.entries(cx, false) else {
            at.wrong_type(cx, "a table of strings");
            return None;
        };
        let values: Vec<Option<(String, String)>> = entries
            .into_iter()
            .map(|(k, v)| String::read(&v, cx).map(|s| (k.to_owned(), s)))
            .collect();
        values.into_iter().collect()
    }
}
