//! How the pods run on Kubernetes: worker autoscaling, graceful shutdown, disruption budgets,
//! placement, spill volumes, the Service, monitoring, resource groups and the session
//! property defaults.

use indexmap::IndexMap;

use super::decl::{choice, table};
use super::names;

choice! {
    /// What scales the workers.
    pub enum AutoscalerKind ("autoscaler") {
        /// A KEDA `ScaledObject` on Prometheus queries of Trino's query counts (can scale to
        /// zero).
        Keda = "keda",
        /// An `autoscaling/v2` `HorizontalPodAutoscaler` on CPU, memory or custom Pods metrics
        /// (served by prometheus-adapter).
        Hpa = "hpa",
    }
}

table! {
    /// Worker autoscaling. The worker count becomes the range `min`..`max`; `workers.count` is
    /// then not used, and the worker Deployment leaves `replicas` to the autoscaler.
    pub struct Autoscaling {
        /// `keda` or `hpa`.
        pub kind: AutoscalerKind = |f| f.required("\"keda\"").tag(),
        /// Fewest workers (0 lets KEDA scale to zero).
        #[validate(range(min = 0, max = 10000, message = "trinocfg accepts at most 10000 workers; split larger clusters"))]
        pub min: u32 = |f| f.required("1"),
        /// Most workers.
        #[validate(range(min = 1, max = 10000, message = "trinocfg accepts 1 to 10000 workers; split larger clusters"))]
        pub max: u32 = |f| f.required("10"),
        /// The Prometheus server KEDA queries (`serverAddress`).
        pub prometheus: Option<String> = |f| f
            .required_for(&[AutoscalerKind::Keda], "\"http://prometheus-server.prometheus.svc:9090\""),
        /// Scale up when more queries than this wait in the coordinator's queue.
        #[validate(range(min = 1, max = 1_000_000, message = "a threshold is between 1 and 1000000"))]
        pub queued_queries: Option<u32> = |f| f.example("5"),
        /// Scale up when more queries than this run.
        #[validate(range(min = 1, max = 1_000_000, message = "a threshold is between 1 and 1000000"))]
        pub running_queries: Option<u32> = |f| f.example("10"),
        /// How often KEDA polls Prometheus, in seconds.
        #[validate(range(min = 1, max = 3600, message = "between 1 and 3600 seconds"))]
        pub polling_seconds: Option<u32> = |f| f.only(&[AutoscalerKind::Keda]).example("30"),
        /// How long KEDA waits after the last active trigger before scaling to `min` (when `min`
        /// is 0), in seconds.
        #[validate(range(min = 0, max = 86400, message = "between 0 and 86400 seconds"))]
        pub cooldown_seconds: Option<u32> = |f| f.only(&[AutoscalerKind::Keda]).example("300"),
        /// Average CPU utilisation of the workers to keep, in percent of their request.
        #[validate(range(min = 1, max = 1000, message = "a utilisation is between 1 and 1000 percent"))]
        pub cpu_utilization: Option<u32> = |f| f.only(&[AutoscalerKind::Hpa]).example("70"),
        /// Average memory utilisation of the workers to keep, in percent of their request.
        #[validate(range(min = 1, max = 1000, message = "a utilisation is between 1 and 1000 percent"))]
        pub memory_utilization: Option<u32> = |f| f.only(&[AutoscalerKind::Hpa]).example("80"),
        /// Custom per-pod metrics (served by prometheus-adapter) and the average to keep.
        pub pod_metrics: Vec<PodMetric> = |f| f.or_default().only(&[AutoscalerKind::Hpa]),
        /// How long the load must stay low before workers are removed, in seconds (the
        /// scale-down stabilization window).
        #[validate(range(min = 0, max = 3600, message = "between 0 and 3600 seconds"))]
        pub scale_down_seconds: u32 = |f| f.default(300u32),
        /// Remove at most this many workers per minute.
        #[validate(range(min = 1, max = 10000, message = "between 1 and 10000 workers"))]
        pub scale_down_step: u32 = |f| f.default(1u32),
    }
}

table! {
    /// A custom Pods metric of a `HorizontalPodAutoscaler`.
    pub struct PodMetric {
        /// The metric name prometheus-adapter serves, e.g. `trino_running_queries`.
        pub name: String = |f| f.required("\"trino_running_queries\"").check(names::metric_name),
        /// The per-pod average to keep (a Kubernetes quantity: `10`, `500m`).
        pub average_value: String = |f| f.required("\"10\"").check(names::quantity),
    }
}

table! {
    /// Graceful shutdown of workers: before a worker pod stops, a preStop hook asks Trino to
    /// shut the worker down (`PUT /v1/info/state` `"SHUTTING_DOWN"`) and waits while it
    /// finishes its tasks; Kubernetes waits `terminationGracePeriodSeconds` for it.
    pub struct GracefulShutdown {
        /// `shutdown.grace-period`, in seconds: Trino waits this long before draining and again
        /// after its last task.
        #[validate(range(min = 1, max = 3600, message = "between 1 and 3600 seconds"))]
        pub grace_period_seconds: u32 = |f| f.default(120u32).shown(),
        /// The longest a running task may take to finish, in seconds: the pod's
        /// `terminationGracePeriodSeconds` is twice the grace period plus this.
        #[validate(range(min = 0, max = 86400, message = "between 0 and 86400 seconds"))]
        pub drain_seconds: u32 = |f| f.default(1800u32).shown(),
        /// The user the preStop hook sends (`X-Trino-User`); access control must let it write
        /// system information.
        pub user: String = |f| f.default("trino-shutdown").check(names::trino_user),
    }
}

table! {
    /// A `PodDisruptionBudget` for the role's pods: how many may be evicted at once by node
    /// drains and consolidation. Give one of the two keys.
    pub struct DisruptionBudget {
        /// `maxUnavailable`: pods that may be down at once (0 blocks every voluntary eviction).
        #[validate(range(min = 0, max = 10000, message = "between 0 and 10000 pods"))]
        pub max_unavailable: Option<u32> = |f| f.example("1"),
        /// `minAvailable`: pods that must stay up.
        #[validate(range(min = 0, max = 10000, message = "between 0 and 10000 pods"))]
        pub min_available: Option<u32> = |f| f.example("1"),
    }
}

choice! {
    /// A toleration's operator.
    pub enum TolerationOperator ("toleration operator") {
        /// The taint's value must equal `value`.
        Equal = "Equal",
        /// Any value of the taint's key.
        Exists = "Exists",
    }
}

choice! {
    /// A taint effect.
    pub enum TaintEffect ("taint effect") {
        /// Pods without the toleration are not scheduled.
        NoSchedule = "NoSchedule",
        /// The scheduler avoids the node.
        PreferNoSchedule = "PreferNoSchedule",
        /// Pods without the toleration are evicted.
        NoExecute = "NoExecute",
    }
}

table! {
    /// A toleration of the role's pods.
    pub struct Toleration {
        /// The taint key.
        pub key: String = |f| f.required("\"karpenter.sh/capacity-type\"").check(names::label_key),
        /// `Equal` (default) or `Exists`.
        pub operator: Option<TolerationOperator> = |f| f.example("\"Equal\""),
        /// The taint value (with `Equal`).
        pub value: Option<String> = |f| f.example("\"spot\""),
        /// The taint effect; all effects when left out.
        pub effect: Option<TaintEffect> = |f| f.example("\"NoSchedule\""),
    }
}

table! {
    /// Where the role's pods run.
    #[derive(Default)]
    pub struct Placement {
        /// `nodeSelector`: labels the node must have.
        pub node_selector: IndexMap<String, String> = |f| f
            .or_default()
            .example("{ \"karpenter.sh/capacity-type\" = \"on-demand\" }")
            .check(names::label_map),
        /// Tolerations of node taints.
        pub tolerations: Vec<Toleration> = |f| f.or_default(),
        /// Zones the pods may run in (node affinity on `topology.kubernetes.io/zone`).
        pub zones: Vec<String> = |f| f.or_default().example("[\"us-west-2a\"]").check(names::label_values),
        /// At most one pod of the role per node (required pod anti-affinity on the hostname).
        pub one_per_node: bool = |f| f.default(false),
        /// Spread the pods evenly over zones (topology spread, best effort).
        pub spread_over_zones: bool = |f| f.default(false),
        /// `priorityClassName` of the pods.
        pub priority_class: Option<String> = |f| f.example("\"trino-critical\"").check(names::dns_subdomain),
    }
}

table! {
    /// Spilling to disk on the workers, on a volume of its own.
    pub struct Spill {
        /// Directory of the volume in the container (`spiller-spill-path`).
        pub path: String = |f| f.default("/spill").check(names::container_path).shown(),
        /// Size limit of the volume (an `emptyDir`; with `host_path`, not enforced).
        pub size: Option<crate::units::Bytes> = |f| f.example("\"100Gi\""),
        /// A directory of the node (a local `NVMe` SSD) instead of an `emptyDir`.
        pub host_path: Option<String> = |f| f.example("\"/mnt/k8s-disks/0\"").check(names::container_path_opt),
        /// `max-spill-per-node`, a Trino data size.
        pub max_per_node: Option<u64> = |f| f.example("\"100GB\""),
        /// `query-max-spill-per-node`, a Trino data size.
        pub query_max_per_node: Option<u64> = |f| f.example("\"50GB\""),
    }
}

choice! {
    /// The Service type of the coordinator.
    pub enum ServiceType ("service type") {
        /// Reachable inside the cluster.
        ClusterIP = "ClusterIP",
        /// Also on a port of every node.
        NodePort = "NodePort",
        /// Also through a cloud load balancer.
        LoadBalancer = "LoadBalancer",
    }
}

table! {
    /// The coordinator's Service.
    #[derive(Default)]
    pub struct Service {
        /// `ClusterIP` (default), `NodePort` or `LoadBalancer`.
        #[key = "type"]
        pub kind: Option<ServiceType> = |f| f.example("\"LoadBalancer\""),
        /// The node port (with `NodePort`, 30000–32767).
        #[validate(range(min = 30000, max = 32767, message = "a node port is between 30000 and 32767"))]
        pub node_port: Option<u32> = |f| f.example("30080"),
        /// Annotations (load balancer settings).
        pub annotations: IndexMap<String, String> = |f| f
            .or_default()
            .example("{ \"service.beta.kubernetes.io/aws-load-balancer-scheme\" = \"internal\" }")
            .check(names::annotations),
    }
}

/// The port the spec's JMX exporter serves metrics on, unless `exporter_port` says otherwise.
pub const EXPORTER_PORT: u32 = 5556;
/// How often the spec's `ServiceMonitor` scrapes, in seconds, unless `interval_seconds` says
/// otherwise.
pub const SCRAPE_INTERVAL_SECONDS: u32 = 30;

table! {
    /// Metrics: Prometheus's JMX exporter beside each Trino container, and a
    /// prometheus-operator `ServiceMonitor` that scrapes it.
    #[derive(Default)]
    pub struct Monitoring {
        /// Run the JMX exporter: Trino opens its JMX RMI ports (`jmx.rmiregistry.port`,
        /// `jmx.rmiserver.port`) and a sidecar serves the metrics.
        pub jmx_exporter: bool = |f| f.default(false).shown(),
        /// The exporter's image.
        pub exporter_image: Option<String> = |f| f.example("\"bitnami/jmx-exporter:1.0.1\"").check(names::image),
        /// The port the exporter serves metrics on.
        #[validate(range(min = 1, max = 65535, message = "a port is between 1 and 65535"))]
        pub exporter_port: u32 = |f| f.default(EXPORTER_PORT),
        /// Render a `ServiceMonitor` (monitoring.coreos.com/v1) for the metrics Service.
        pub service_monitor: bool = |f| f.default(false),
        /// Labels on the `ServiceMonitor`, for the Prometheus that selects it.
        pub service_monitor_labels: IndexMap<String, String> =
            |f| f.or_default().example("{ release = \"prometheus\" }").check(names::label_map),
        /// Scrape interval, in seconds.
        #[validate(range(min = 1, max = 3600, message = "between 1 and 3600 seconds"))]
        pub interval_seconds: u32 = |f| f.default(SCRAPE_INTERVAL_SECONDS),
    }
}

choice! {
    /// How a resource group shares its capacity among its subgroups.
    pub enum SchedulingPolicy ("scheduling policy") {
        /// Subgroups take turns.
        Fair = "fair",
        /// Subgroups are picked in proportion to `scheduling_weight`.
        Weighted = "weighted",
        /// Fair, weighted by `scheduling_weight`.
        WeightedFair = "weighted_fair",
        /// By query priority.
        QueryPriority = "query_priority",
    }
}

table! {
    /// Resource groups (file manager): queues that limit what runs at once.
    #[derive(Default)]
    pub struct ResourceGroups {
        /// The groups; a dotted name (`global.adhoc`) is a subgroup of the group before the
        /// last dot, and a segment may be a template (`global.adhoc.${USER}`).
        pub groups: Vec<ResourceGroup> = |f| f.or_default(),
        /// Which group a query goes to: the first selector that matches.
        pub selectors: Vec<Selector> = |f| f.or_default(),
    }
}

table! {
    /// One resource group.
    pub struct ResourceGroup {
        /// The dotted name: `global`, `global.adhoc`.
        pub name: String = |f| f.required("\"global\"").check(names::resource_group),
        /// `softMemoryLimit`: a percentage of the cluster's memory (`"80%"`) or a Trino data
        /// size (`"1TB"`).
        pub soft_memory_limit: String = |f| f.required("\"80%\"").check(names::soft_memory_limit),
        /// `hardConcurrencyLimit`: queries that may run at once.
        pub hard_concurrency_limit: u32 = |f| f.required("100"),
        /// `maxQueued`: queries that may wait; more are rejected.
        pub max_queued: u32 = |f| f.required("1000"),
        /// `softConcurrencyLimit`.
        pub soft_concurrency_limit: Option<u32> = |f| f.example("50"),
        /// `schedulingPolicy`.
        pub scheduling_policy: Option<SchedulingPolicy> = |f| f.example("\"fair\""),
        /// `schedulingWeight`.
        pub scheduling_weight: Option<u32> = |f| f.example("1"),
    }
}

table! {
    /// A selector: the group for queries whose user, source, query type and client tags
    /// match.
    pub struct Selector {
        /// The group (dotted name).
        pub group: String = |f| f.required("\"global.adhoc\"").check(names::resource_group),
        /// A Java regular expression of the user.
        pub user: Option<String> = |f| f.example("\"etl_.*\"").check(names::java_pattern),
        /// A Java regular expression of the source.
        pub source: Option<String> = |f| f.example("\".*airflow.*\"").check(names::java_pattern),
        /// The query type: `SELECT`, `EXPLAIN`, `DESCRIBE`, `INSERT`, `UPDATE`, `MERGE`,
        /// `DELETE`, `ANALYZE`, `DATA_DEFINITION`, `ALTER_TABLE_EXECUTE`.
        pub query_type: Option<String> = |f| f.example("\"SELECT\"").check(names::query_type),
        /// Client tags the query must all carry.
        pub client_tags: Vec<String> = |f| f.or_default().example("[\"etl\"]"),
    }
}

table! {
    /// Session property defaults (the file session property manager): the session properties
    /// queries get by who runs them, from where and in which resource group. Users may still
    /// change them with `SET SESSION`.
    #[derive(Default)]
    pub struct SessionProperties {
        /// The rules, in order: every rule that matches a query adds its properties, and a
        /// later rule's value wins.
        pub rules: Vec<SessionRule> = |f| f.or_default(),
    }
}

table! {
    /// A rule: the session properties for queries whose user, source, resource group, query
    /// type and client tags all match (a matcher left out matches every query).
    pub struct SessionRule {
        /// A Java regular expression of the user.
        pub user: Option<String> = |f| f.example("\"etl_.*\"").check(names::java_pattern),
        /// A Java regular expression of the source.
        pub source: Option<String> = |f| f.example("\".*airflow.*\"").check(names::java_pattern),
        /// A Java regular expression of the resource group the query runs in
        /// (`global.pipeline.*`).
        pub group: Option<String> = |f| f.example("\"global.pipeline.*\"").check(names::java_pattern),
        /// The query type: `SELECT`, `EXPLAIN`, `DESCRIBE`, `INSERT`, `UPDATE`, `MERGE`,
        /// `DELETE`, `ANALYZE`, `DATA_DEFINITION`, `ALTER_TABLE_EXECUTE`.
        pub query_type: Option<String> = |f| f.example("\"INSERT\"").check(names::query_type),
        /// Client tags the query must all carry.
        pub client_tags: Vec<String> = |f| f.or_default().example("[\"etl\"]"),
        /// The session properties, named as `SET SESSION` names them: a system property
        /// (`query_max_execution_time`) or a catalog's (`hive.compression_codec`). Numbers and
        /// booleans are written as the strings Trino reads.
        pub properties: IndexMap<String, super::PropertyValue> = |f| f
            .required("{ query_max_execution_time = \"8h\" }")
            .check(names::session_properties),
    }
}
