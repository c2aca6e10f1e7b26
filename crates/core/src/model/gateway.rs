//! A fleet as Trino Gateway sees it: its backends, routing groups, rules, router and monitor,
//! and what the fleet rules need of each cluster behind it. A fleet spec is lowered into it
//! (`crate::fleet`), a gateway's files are read into it (`crate::input::gateway`); the fleet
//! rules (`crate::rules::fleet`) judge it. Every fact carries the place it was read from.

use crate::diagnostic::Location;

/// A value and where it was read.
#[derive(Debug, Clone)]
pub struct At<T> {
    /// The value.
    pub value: T,
    /// Where it is.
    pub at: Location,
}

/// One backend.
#[derive(Debug, Clone)]
pub struct Backend {
    /// Its name, the cluster's.
    pub name: At<String>,
    /// The routing group it serves.
    pub group: At<String>,
    /// Whether the gateway routes to it.
    pub active: bool,
    /// `blue` or `green`, when it is half of a pair.
    pub colour: Option<String>,
}

/// One routing rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Its name.
    pub name: At<String>,
    /// Its MVEL condition.
    pub condition: At<String>,
    /// The routing groups its actions set.
    pub groups: Vec<At<String>>,
}

/// A cluster behind the gateway, as far as the fleet rules care.
#[derive(Debug, Clone)]
pub struct Member {
    /// Its name.
    pub name: String,
    /// Where it is described.
    pub at: Location,
    /// Its coordinator sets `http-server.process-forwarded=true`.
    pub forwarded: bool,
    /// The Trino release it runs.
    pub release: u32,
    /// It runs fault-tolerant execution with TASK retries.
    pub task_retries: bool,
}

/// The gateway and its fleet.
#[derive(Debug, Clone)]
pub struct GatewayModel {
    /// The group of queries no rule matches.
    pub default_group: At<String>,
    /// The query-count router is on (else the random one).
    pub query_count_router: bool,
    /// `clusterStatsConfiguration.monitorType`.
    pub monitor: At<String>,
    /// The backends, in registration order.
    pub backends: Vec<Backend>,
    /// Whether the backends are known (a gateway's `config.yaml` alone does not list them).
    pub backends_known: bool,
    /// The routing rules.
    pub rules: Vec<Rule>,
    /// The clusters whose configuration is known.
    pub members: Vec<Member>,
    /// Where the backends are listed (for a cluster no backend names).
    pub backends_at: Location,
}
