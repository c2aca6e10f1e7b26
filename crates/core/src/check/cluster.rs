//! Rules across the files of a node and across nodes: memory, fault tolerance, authentication.

use super::files::Analyzed;
use super::ClusterInput;
use crate::diagnostic::Diagnostic;
use crate::memory::{non_heap_reserve, Role};
use crate::rules;
use crate::units::{format_data_size, human_bytes};
use crate::values::{parse_data_size, parse_heap_size, HeapSize};

const GIB: u64 = 1024 * 1024 * 1024;

/// The heap of a node: `-Xmx`, or `-XX:MaxRAMPercentage` of the container memory.
fn heap_of(a: &Analyzed<'_>) -> Option<u64> {
    let (_, jvm) = a.jvm.as_ref()?;
    if let Some((bytes, _)) = jvm.max_heap {
        return Some(bytes);
    }
    let (pct, _) = jvm.max_ram_percentage?;
    let container = a.node.container_memory?;
    Some((container as f64 * pct / 100.0) as u64)
}

struct NodeMemory {
    heap: u64,
    per_node: u64,
}

pub fn check(input: &ClusterInput, nodes: &[Analyzed<'_>], out: &mut Vec<Diagnostic>) {
    let mut memories: Vec<(Role, Option<u32>, Option<NodeMemory>)> = Vec::new();
    for a in nodes {
        let m = node_memory(a, out);
        memories.push((a.role, a.node.replicas, m));
        fault_tolerance(a, out);
        authentication(a, input, out);
    }
    cluster_memory(nodes, &memories, out);
}

fn node_memory(a: &Analyzed<'_>, out: &mut Vec<Diagnostic>) -> Option<NodeMemory> {
    let label = &a.node.label;
    if let (Some(container), Some((jvm_file, jvm))) = (a.node.container_memory, a.jvm.as_ref()) {
        if let Some((heap, line)) = jvm.max_heap {
            let at = jvm_file.locate_line(line, None);
            if heap > container {
                out.push(
                    Diagnostic::new(
                        &rules::HEAP_EXCEEDS_CONTAINER,
                        format!(
                            "{label}: -Xmx ({}) is larger than the container memory limit ({})",
                            human_bytes(heap),
                            human_bytes(container)
                        ),
                    )
                    .at(at.clone())
                    .help("lower -Xmx to 70–85% of the container limit"),
                );
            } else if heap.saturating_add(non_heap_reserve(container)) > container {
                out.push(
                    Diagnostic::new(&rules::HEAP_EXCEEDS_CONTAINER, format!("{label}: -Xmx ({}) leaves {} of the {} container for non-heap memory; the JVM needs about {}", human_bytes(heap), human_bytes(container.saturating_sub(heap)), human_bytes(container), human_bytes(non_heap_reserve(container))))
                        .at(at.clone())
                        .help(format!("lower -Xmx to at most {}", human_bytes(container.saturating_sub(non_heap_reserve(container))))),
                );
            }
            let pct = heap as f64 * 100.0 / container as f64;
            if heap <= container && !(70.0..=85.0).contains(&pct) {
                out.push(Diagnostic::new(&rules::HEAP_RATIO, format!("{label}: the heap is {pct:.0}% of the container memory; Trino advises 70–85%")).at(at).help("set -Xmx to about 80% of the container limit"));
            }
        }
    }
    let heap = heap_of(a)?;
    if heap > 256 * GIB {
        if let Some((f, _)) = &a.jvm {
            out.push(
                Diagnostic::new(
                    &rules::HEAP_TOO_LARGE,
                    format!(
                        "{label}: a heap of {}; G1 pauses grow beyond 256 GB",
                        human_bytes(heap)
                    ),
                )
                .at(f.locate_file())
                .help("use more, smaller nodes"),
            );
        }
    }
    let config = a.config.as_ref()?;
    let read = |key: &str| -> Option<u64> {
        match config.value(key) {
            None => Some((heap as f64 * 0.3).round() as u64),
            Some(v) if v.contains("${") => None,
            Some(v) => match parse_heap_size(v).ok()? {
                HeapSize::Bytes(b) => Some(b),
                HeapSize::Percent(p) => Some((heap as f64 * p / 100.0).round() as u64),
            },
        }
    };
    let per_node = read("query.max-memory-per-node")?;
    let headroom = read("memory.heap-headroom-per-node")?;
    let key_at = if config.entry("query.max-memory-per-node").is_some() {
        "query.max-memory-per-node"
    } else {
        "memory.heap-headroom-per-node"
    };
    if per_node == 0 || headroom == 0 {
        out.push(Diagnostic::new(&rules::MEMORY_POOL_EMPTY, format!("{label}: a per-node memory size is 0: \"Heap size cannot be less than or equal to 0\"")).at(config.at(key_at)).help("use a size above zero, e.g. `30%`"));
    } else if per_node > heap || headroom > heap {
        out.push(Diagnostic::new(&rules::QUERY_MEMORY_EXCEEDS_HEAP, format!("{label}: a per-node memory size is larger than the heap ({}): \"Heap size cannot be greater than maximum heap size\"", human_bytes(heap))).at(config.at(key_at)).help("use a percentage such as `30%`, or a size below the heap"));
    } else if headroom >= heap {
        out.push(
            Diagnostic::new(
                &rules::MEMORY_POOL_EMPTY,
                format!("{label}: the heap headroom is the whole heap: \"memory pool size is 0\""),
            )
            .at(config.at("memory.heap-headroom-per-node"))
            .help("use a headroom well below the heap, e.g. `30%`"),
        );
    } else if per_node.saturating_add(headroom) > heap {
        out.push(
            Diagnostic::new(
                &rules::QUERY_MEMORY_EXCEEDS_HEAP,
                format!(
                    "{label}: query.max-memory-per-node ({}) + memory.heap-headroom-per-node ({}) = {} is larger than the heap ({}): \"Invalid memory configuration\"",
                    human_bytes(per_node),
                    human_bytes(headroom),
                    human_bytes(per_node.saturating_add(headroom)),
                    human_bytes(heap)
                ),
            )
            .at(config.at(key_at))
            .help(format!("lower query.max-memory-per-node to at most {}", format_data_size(crate::units::floor_mib(heap.saturating_sub(headroom))))),
        );
    }
    Some(NodeMemory { heap, per_node })
}

fn cluster_memory(
    nodes: &[Analyzed<'_>],
    memories: &[(Role, Option<u32>, Option<NodeMemory>)],
    out: &mut Vec<Diagnostic>,
) {
    for (i, a) in nodes.iter().enumerate() {
        if a.role != Role::Coordinator {
            continue;
        }
        let Some(config) = &a.config else { continue };
        // An unreadable limit is reported by the property rules; judge nothing from it here.
        let unreadable = |key: &str| {
            config
                .value(key)
                .is_some_and(|v| parse_data_size(v).is_err())
        };
        if unreadable("query.max-memory") || unreadable("query.max-total-memory") {
            continue;
        }
        let parse = |key: &str| config.value(key).and_then(|v| parse_data_size(v).ok());
        let max = parse("query.max-memory").unwrap_or(20 * GIB);
        let total = parse("query.max-total-memory").unwrap_or(max.saturating_mul(2));
        if total < max {
            out.push(
                Diagnostic::new(&rules::TOTAL_BELOW_MAX, format!("query.max-total-memory ({}) is smaller than query.max-memory ({}): \"maxQueryMemory cannot be greater than maxQueryTotalMemory\"", format_data_size(total), format_data_size(max)))
                    .at(config.at(if config.entry("query.max-total-memory").is_some() { "query.max-total-memory" } else { "query.max-memory" }))
                    .help(format!("set query.max-total-memory to at least {}", format_data_size(max))),
            );
        }
        let include_coordinator = config
            .value("node-scheduler.include-coordinator")
            .is_none_or(|v| v.eq_ignore_ascii_case("true"));
        // Capacity: only when every worker's count and memory are known.
        let workers: Vec<&(Role, Option<u32>, Option<NodeMemory>)> = memories
            .iter()
            .filter(|(r, _, _)| *r == Role::Worker)
            .collect();
        let mut capacity: Option<u64> = Some(0);
        let mut largest_node: u64 = 0;
        for (_, replicas, m) in &workers {
            match (replicas, m) {
                (Some(n), Some(m)) => {
                    capacity = capacity
                        .map(|c| c.saturating_add(m.per_node.saturating_mul(u64::from(*n))));
                    largest_node = largest_node.max(m.per_node);
                }
                (None, Some(m)) => {
                    capacity = None;
                    largest_node = largest_node.max(m.per_node);
                }
                _ => capacity = None,
            }
        }
        if let Some((_, _, Some(m))) = memories.get(i) {
            if include_coordinator || workers.is_empty() {
                capacity = capacity.map(|c| c.saturating_add(m.per_node));
                largest_node = largest_node.max(m.per_node);
            }
        }
        if let Some(capacity) = capacity.filter(|_| !workers.is_empty()) {
            if max > capacity {
                out.push(
                    Diagnostic::new(
                        &rules::CLUSTER_MEMORY_EXCEEDS_WORKERS,
                        format!(
                            "query.max-memory ({}) is more than the workers can hold together ({})",
                            format_data_size(max),
                            format_data_size(capacity)
                        ),
                    )
                    .at(config.at("query.max-memory"))
                    .help(format!(
                        "lower query.max-memory to at most {}",
                        format_data_size(capacity)
                    )),
                );
            }
        }
        if largest_node > 0 && max < largest_node {
            out.push(
                Diagnostic::new(&rules::CLUSTER_MEMORY_BELOW_NODE, format!("query.max-memory ({}) is smaller than one node's query.max-memory-per-node ({})", format_data_size(max), format_data_size(largest_node)))
                    .at(config.at("query.max-memory"))
                    .help("raise query.max-memory or lower query.max-memory-per-node"),
            );
        }
        if !include_coordinator && !workers.is_empty() {
            if let Some((_, _, Some(m))) = memories.get(i) {
                if m.heap < 2 * GIB {
                    out.push(
                        Diagnostic::new(&rules::COORDINATOR_MEMORY, format!("the coordinator's heap is {}; it plans every query and buffers results", human_bytes(m.heap)))
                            .at(a.jvm.as_ref().map_or_else(|| config.file.locate_file(), |(f, _)| f.locate_file()))
                            .help("give the coordinator at least 4 GiB of heap"),
                    );
                }
            }
        }
    }
}

const TASK_ONLY: &[&str] = &[
    "task-retry-attempts-per-task",
    "task-retry-attempts-overall",
    "fault-tolerant-execution-",
];
const QUERY_ONLY: &[&str] = &["query-retry-attempts"];

fn fault_tolerance(a: &Analyzed<'_>, out: &mut Vec<Diagnostic>) {
    let Some(config) = &a.config else { return };
    let policy = config
        .value("retry-policy")
        .map(str::to_ascii_uppercase)
        .unwrap_or_else(|| "NONE".to_owned());
    let label = &a.node.label;
    match policy.as_str() {
        "TASK" if a.exchange.is_none() => out.push(
            Diagnostic::new(&rules::TASK_WITHOUT_EXCHANGE, format!("{label}: retry-policy=TASK without exchange-manager.properties; every query fails: \"Exchange manager must be configured\""))
                .at(config.at("retry-policy"))
                .help("add exchange-manager.properties with exchange-manager.name=filesystem and exchange.base-directories"),
        ),
        "QUERY" if a.exchange.is_none() && a.role == Role::Coordinator => out.push(
            Diagnostic::new(&rules::QUERY_RETRIES_LARGE_RESULTS, format!("{label}: QUERY retries without an exchange manager fail for results larger than 32MB"))
                .at(config.at("retry-policy"))
                .help("add exchange-manager.properties to spool larger results"),
        ),
        _ => {}
    }
    for entry in &config.props.entries {
        let key = entry.key.as_str();
        let other = if TASK_ONLY.iter().any(|p| key.starts_with(p)) && policy != "TASK" {
            Some("TASK")
        } else if QUERY_ONLY.contains(&key) && policy != "QUERY" {
            Some("QUERY")
        } else {
            None
        };
        if let Some(needed) = other {
            out.push(
                Diagnostic::new(
                    &rules::TASK_RETRY_SETTINGS,
                    format!(
                        "`{key}` only acts with retry-policy={needed}; here the policy is {policy}"
                    ),
                )
                .at(config.at_key(entry))
                .help(format!("remove it, or set retry-policy={needed}")),
            );
        }
    }
}

fn authentication(a: &Analyzed<'_>, input: &ClusterInput, out: &mut Vec<Diagnostic>) {
    let Some(config) = &a.config else { return };
    let auth_types: Vec<String> = config
        .value("http-server.authentication.type")
        .map(|t| {
            t.split(',')
                .map(|s| s.trim().to_ascii_uppercase())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    if !auth_types.is_empty()
        && config
            .entry("internal-communication.shared-secret")
            .is_none()
    {
        // The built-in authenticators make Trino refuse to start without the secret; for
        // plugin-provided ones (HEADER) the requirement depends on the plugin: a warning.
        const BUILT_IN: &[&str] = &["PASSWORD", "OAUTH2", "JWT", "CERTIFICATE", "KERBEROS"];
        let severity = if auth_types.iter().any(|t| BUILT_IN.contains(&t.as_str())) {
            crate::Severity::Error
        } else {
            crate::Severity::Warning
        };
        out.push(
            Diagnostic::new(&rules::SHARED_SECRET_MISSING, format!("{}: authentication ({}) is enabled without internal-communication.shared-secret", a.node.label, auth_types.join(",")))
                .severity(severity)
                .at(config.at("http-server.authentication.type"))
                .help("add `internal-communication.shared-secret=${ENV:TRINO_SHARED_SECRET}` on every node"),
        );
    }
    if config.entry("catalog.config-dir").is_some()
        && config
            .value("catalog.management")
            .is_none_or(|m| !m.eq_ignore_ascii_case("dynamic"))
    {
        out.push(
            Diagnostic::new(
                &rules::CATALOG_CONFIG_DIR,
                "catalog.config-dir is set, but catalog management is static",
            )
            .at(config.at("catalog.config-dir"))
            .help("set catalog.management=dynamic, or remove catalog.config-dir"),
        );
    }
    if input.behind_proxy
        && a.role == Role::Coordinator
        && config
            .value("http-server.process-forwarded")
            .is_none_or(|v| !v.eq_ignore_ascii_case("true"))
    {
        out.push(
            Diagnostic::new(&rules::PROCESS_FORWARDED, "the coordinator sits behind an ingress or gateway but does not process X-Forwarded headers")
                .at(config.file.locate_file())
                .help("add `http-server.process-forwarded=true`"),
        );
    }
}
