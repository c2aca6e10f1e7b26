//! `config.properties` of each role.

use super::{ConfigFile, Secrets};
use crate::memory::{MemoryPlan, Role};
use crate::spec::{FaultTolerance, Spec};
use crate::units::format_data_size;

/// The Kubernetes Service name of the coordinator, which `discovery.uri` points at.
pub fn service_name(spec: &Spec) -> String {
    spec.cluster.name.clone()
}

pub fn render(
    spec: &Spec,
    plan: &MemoryPlan,
    role: Role,
    shared_secret: Option<&str>,
    secrets: &mut Secrets,
) -> ConfigFile {
    let mut e: Vec<(String, String)> = Vec::new();
    let mut put = |k: &str, v: String| e.push((k.to_owned(), v));
    let node = match role {
        Role::Coordinator => &plan.coordinator,
        Role::Worker => &plan.worker,
    };
    put("coordinator", (role == Role::Coordinator).to_string());
    if role == Role::Coordinator {
        put(
            "node-scheduler.include-coordinator",
            spec.coordinator.schedules_work.to_string(),
        );
    }
    put("http-server.http.port", spec.cluster.http_port.to_string());
    put(
        "discovery.uri",
        format!("http://{}:{}", service_name(spec), spec.cluster.http_port),
    );
    if role == Role::Coordinator {
        put("query.max-memory", format_data_size(plan.query_max_memory));
        put(
            "query.max-total-memory",
            format_data_size(plan.query_max_total_memory),
        );
    }
    put(
        "query.max-memory-per-node",
        node.query_per_node_setting.to_string(),
    );
    put(
        "memory.heap-headroom-per-node",
        node.headroom_setting.to_string(),
    );
    if !matches!(spec.fault_tolerance, FaultTolerance::None) {
        put("retry-policy", spec.fault_tolerance.policy().to_owned());
    }
    if spec.cluster.behind_proxy && role == Role::Coordinator {
        put("http-server.process-forwarded", "true".to_owned());
    }
    if let Some(s) = shared_secret {
        put("internal-communication.shared-secret", s.to_owned());
    }
    let role_props = match role {
        Role::Coordinator => &spec.coordinator.properties,
        Role::Worker => &spec.workers.properties,
    };
    for (k, v) in spec.properties.iter().chain(role_props) {
        let value = secrets.value(v, k);
        match e.iter_mut().find(|(key, _)| key == k) {
            Some(slot) => slot.1 = value,
            None => e.push((k.clone(), value)),
        }
    }
    ConfigFile::properties("config.properties", e)
}
