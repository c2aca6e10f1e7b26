//! `config.properties` of each role.

use super::{key_path, memory_origin, Props, Secrets};
use crate::memory::{MemoryPlan, Role};
use crate::model::File;
use crate::spec::{FaultTolerance, Spec};
use crate::units::format_data_size;

/// The Kubernetes Service name of the coordinator, which `discovery.uri` points at.
pub fn service_name(spec: &Spec) -> String {
    spec.cluster.name.clone()
}

/// `config.properties` of `role`.
pub fn lower(
    spec: &Spec,
    plan: &MemoryPlan,
    role: Role,
    shared_secret: Option<&str>,
    secrets: &mut Secrets,
) -> File {
    let mut p = Props::default();
    let key = role.spec_key();
    let (node, node_spec) = match role {
        Role::Coordinator => (&plan.coordinator, spec.coordinator.node()),
        Role::Worker => (&plan.worker, spec.workers.node()),
    };
    p.put("coordinator", (role == Role::Coordinator).to_string(), key);
    if role == Role::Coordinator {
        p.put(
            "node-scheduler.include-coordinator",
            spec.coordinator.schedules_work.to_string(),
            "coordinator.schedules_work",
        );
    }
    p.put(
        "http-server.http.port",
        spec.cluster.http_port.to_string(),
        "cluster.http_port",
    );
    let (scheme, port) = super::security::discovery(spec);
    p.put(
        "discovery.uri",
        format!("{scheme}://{}:{port}", service_name(spec)),
        if scheme == "https" {
            "security.tls.internal"
        } else {
            "cluster.name"
        },
    );
    if role == Role::Coordinator {
        let derived = |set: bool, field: &str| {
            if set {
                format!("memory.{field}")
            } else {
                "workers".to_owned()
            }
        };
        p.put(
            "query.max-memory",
            format_data_size(plan.query_max_memory),
            derived(spec.memory.query_max_memory.is_some(), "query_max_memory"),
        );
        p.put(
            "query.max-total-memory",
            format_data_size(plan.query_max_total_memory),
            derived(
                spec.memory.query_max_total_memory.is_some(),
                "query_max_total_memory",
            ),
        );
    }
    p.put(
        "query.max-memory-per-node",
        node.query_per_node_setting.to_string(),
        memory_origin(
            spec,
            role,
            "query_max_memory_per_node",
            node_spec.query_max_memory_per_node.is_some(),
        ),
    );
    p.put(
        "memory.heap-headroom-per-node",
        node.headroom_setting.to_string(),
        memory_origin(
            spec,
            role,
            "heap_headroom_per_node",
            node_spec.heap_headroom_per_node.is_some(),
        ),
    );
    if !matches!(spec.fault_tolerance, FaultTolerance::None) {
        p.put(
            "retry-policy",
            spec.fault_tolerance.policy(),
            "fault_tolerance.retry_policy",
        );
    }
    if spec.cluster.behind_proxy && role == Role::Coordinator {
        p.put(
            "http-server.process-forwarded",
            "true",
            "cluster.behind_proxy",
        );
    }
    if let Some(s) = shared_secret {
        p.put(
            "internal-communication.shared-secret",
            s,
            "cluster.shared_secret",
        );
    }
    super::pods::config_entries(spec, role, &mut p);
    super::security::config_entries(spec, role, &mut p, secrets);
    p.escape_hatch("properties", &spec.properties, str::to_owned, secrets);
    let role_props = match role {
        Role::Coordinator => &spec.coordinator.properties,
        Role::Worker => &spec.workers.properties,
    };
    p.escape_hatch(
        &key_path(key, "properties"),
        role_props,
        str::to_owned,
        secrets,
    );
    p.file("config.properties", key)
}
