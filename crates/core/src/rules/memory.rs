//! Memory: the heap against the container, the per-node query memory against the heap, and the
//! cluster-wide limits against what the nodes that run work hold together.

declare! {
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
that does not exist. With an autoscaler the workers are a range: the limit is judged at \
the minimum and at the maximum, and the message says which end fails.\n\nFix: set `query_max_memory` to at most workers × `query.max-memory-per-node` (at the \
autoscaler's minimum), or raise the minimum.";
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
}

use super::Cx;
use crate::diagnostic::Diagnostic;
use crate::memory::{non_heap_reserve, Role};
use crate::model::{Node, Origin, Properties};
use crate::units::{floor_mib, format_data_size, human_bytes, to_bytes};
use crate::values::{parse_data_size, parse_heap_size, HeapSize};

const GIB: u64 = 1024 * 1024 * 1024;

/// A node's heap: `-Xmx`, or `-XX:MaxRAMPercentage` of the container memory; with the origin
/// of the option that set it.
fn heap_of(node: &Node) -> Option<(u64, Origin)> {
    let (_, jvm) = node.jvm()?;
    if let Some((bytes, line)) = jvm.summary.max_heap {
        return Some((bytes, jvm.at_line(line)));
    }
    let (pct, line) = jvm.summary.max_ram_percentage?;
    let container = node.container_memory.as_ref()?.value;
    Some((to_bytes(container as f64 * pct / 100.0), jvm.at_line(line)))
}

/// A per-node size of `config.properties` (`query.max-memory-per-node`,
/// `memory.heap-headroom-per-node`): its value in bytes for a heap of `heap`, and where it is
/// (the heap's origin when Trino's default of 30% applies). `None` when it cannot be read.
fn per_node_size(
    config: &Properties,
    key: &str,
    heap: u64,
    heap_at: &Origin,
) -> Option<(u64, Origin)> {
    match config.get(key) {
        None => Some((to_bytes((heap as f64 * 0.3).round()), heap_at.clone())),
        Some(p) if p.value.contains("${") => None,
        Some(p) => match parse_heap_size(p.value.trim()).ok()? {
            HeapSize::Bytes(b) => Some((b, p.value_at.clone())),
            HeapSize::Percent(pc) => Some((
                to_bytes((heap as f64 * pc / 100.0).round()),
                p.value_at.clone(),
            )),
        },
    }
}

/// A node's memory pool (heap − `memory.heap-headroom-per-node`), when its heap and headroom
/// are known.
pub(crate) fn memory_pool(node: &Node) -> Option<u64> {
    let (heap, heap_at) = heap_of(node)?;
    let (headroom, _) = per_node_size(
        node.config()?,
        "memory.heap-headroom-per-node",
        heap,
        &heap_at,
    )?;
    Some(heap.saturating_sub(headroom))
}

/// What the cluster rules need of a node.
struct NodeMemory {
    heap: u64,
    per_node: u64,
    heap_at: Origin,
    per_node_at: Origin,
}

/// Checks every node, then the cluster-wide limits.
pub(crate) fn check(cx: &mut Cx<'_>) {
    let nodes = &cx.cluster.nodes;
    let memories: Vec<Option<NodeMemory>> = nodes.iter().map(|n| node_memory(cx, n)).collect();
    for (i, node) in nodes.iter().enumerate() {
        if node.role() == Role::Coordinator {
            cluster_memory(cx, node, i, &memories);
        }
    }
}

fn node_memory(cx: &mut Cx<'_>, node: &Node) -> Option<NodeMemory> {
    let label = &node.label;
    if let Some((_, jvm)) = node.jvm() {
        if let (Some((_, xmx_line)), Some((_, pct_line))) =
            (jvm.summary.max_heap, jvm.summary.max_ram_percentage)
        {
            let d = Diagnostic::new(&XMX_AND_RAM_PERCENTAGE, format!("{label}: jvm.config has both -Xmx and -XX:MaxRAMPercentage; the JVM uses -Xmx and ignores the percentage"))
                .at(cx.at(&jvm.at_line(pct_line.max(xmx_line)), None))
                .help("keep only one of them; in the spec, set the heap with `heap` and `jvm.heap_style` only");
            cx.push(d);
        }
    }
    let (heap, heap_at) = heap_of(node)?;
    if let Some(container) = node.container_memory.as_ref().map(|c| c.value) {
        let at = cx.at(&heap_at, None);
        let reserve = non_heap_reserve(container);
        if heap > container {
            let d = Diagnostic::new(
                &HEAP_EXCEEDS_CONTAINER,
                format!(
                    "{label}: the heap ({}) is larger than the container memory limit ({})",
                    human_bytes(heap),
                    human_bytes(container)
                ),
            )
            .at(at.clone())
            .help("use a heap of 70–85% of the container memory");
            cx.push(d);
        } else if heap.saturating_add(reserve) > container {
            let d = Diagnostic::new(&HEAP_EXCEEDS_CONTAINER, format!("{label}: the heap ({}) leaves {} of the {} container for non-heap memory; the JVM needs about {}", human_bytes(heap), human_bytes(container - heap), human_bytes(container), human_bytes(reserve)))
                .at(at.clone())
                .help(format!("lower the heap to at most {}, or raise the container memory", human_bytes(container.saturating_sub(reserve))));
            cx.push(d);
        }
        let pct = heap as f64 * 100.0 / container as f64;
        if heap <= container && !(70.0..=85.0).contains(&pct) {
            let d = Diagnostic::new(
                &HEAP_RATIO,
                format!(
                    "{label}: the heap is {pct:.0}% of the container memory; Trino advises 70–85%"
                ),
            )
            .at(at)
            .help("use a heap of about 80% of the container memory");
            cx.push(d);
        }
    }
    if heap > 256 * GIB {
        let d = Diagnostic::new(
            &HEAP_TOO_LARGE,
            format!(
                "{label}: a heap of {}; G1 pauses grow beyond 256 GB",
                human_bytes(heap)
            ),
        )
        .at(cx.at(&heap_at, None))
        .help("use more, smaller nodes");
        cx.push(d);
    }
    let config_file = node.file("config.properties")?;
    let config = node.config()?;
    let read = |key: &str| per_node_size(config, key, heap, &heap_at);
    let (per_node, per_node_at) = read("query.max-memory-per-node")?;
    let (headroom, headroom_at) = read("memory.heap-headroom-per-node")?;
    let per_node_key = config
        .get("query.max-memory-per-node")
        .map(|_| "query.max-memory-per-node");
    let headroom_key = config
        .get("memory.heap-headroom-per-node")
        .map(|_| "memory.heap-headroom-per-node");
    let (key_at, key) = if per_node_key.is_some() {
        (per_node_at.clone(), per_node_key)
    } else if headroom_key.is_some() {
        (headroom_at.clone(), headroom_key)
    } else {
        (config_file.at.clone(), None)
    };
    let d = if per_node == 0 || headroom == 0 {
        let (at, key) = if per_node == 0 {
            (&per_node_at, per_node_key)
        } else {
            (&headroom_at, headroom_key)
        };
        Diagnostic::new(&MEMORY_POOL_EMPTY, format!("{label}: a per-node memory size is 0: \"Heap size cannot be less than or equal to 0\""))
            .at(cx.at(at, key))
            .help("use a size above zero, e.g. `30%`")
    } else if per_node > heap || headroom > heap {
        let (at, key) = if per_node > heap {
            (&per_node_at, per_node_key)
        } else {
            (&headroom_at, headroom_key)
        };
        Diagnostic::new(&QUERY_MEMORY_EXCEEDS_HEAP, format!("{label}: a per-node memory size is larger than the heap ({}): \"Heap size cannot be greater than maximum heap size\"", human_bytes(heap)))
            .at(cx.at(at, key))
            .help("use a percentage such as `30%`, or a size below the heap")
    } else if headroom >= heap {
        Diagnostic::new(
            &MEMORY_POOL_EMPTY,
            format!("{label}: the heap headroom is the whole heap: \"memory pool size is 0\""),
        )
        .at(cx.at(&headroom_at, headroom_key))
        .help("use a headroom well below the heap, e.g. `30%`")
    } else if per_node.saturating_add(headroom) > heap {
        let setting = cx.setting(&per_node_at, "query.max-memory-per-node");
        Diagnostic::new(
            &QUERY_MEMORY_EXCEEDS_HEAP,
            format!(
                "{label}: query.max-memory-per-node ({}) + memory.heap-headroom-per-node ({}) = {} is larger than the heap ({}): \"Invalid memory configuration\"",
                human_bytes(per_node),
                human_bytes(headroom),
                human_bytes(per_node.saturating_add(headroom)),
                human_bytes(heap)
            ),
        )
        .at(cx.at(&key_at, key))
        .help(format!(
            "lower {setting} to at most {}, or raise the heap",
            format_data_size(floor_mib(heap.saturating_sub(headroom)))
        ))
    } else {
        return Some(NodeMemory {
            heap,
            per_node,
            heap_at,
            per_node_at,
        });
    };
    cx.push(d);
    Some(NodeMemory {
        heap,
        per_node,
        heap_at,
        per_node_at,
    })
}

fn cluster_memory(
    cx: &mut Cx<'_>,
    coordinator: &Node,
    index: usize,
    memories: &[Option<NodeMemory>],
) {
    let nodes = &cx.cluster.nodes;
    let (Some(config_file), Some(config)) =
        (coordinator.file("config.properties"), coordinator.config())
    else {
        return;
    };
    // An unreadable limit is reported by the property rules; judge nothing from it here.
    let unreadable = |key: &str| {
        config
            .value(key)
            .is_some_and(|v| parse_data_size(v).is_err())
    };
    if unreadable("query.max-memory") || unreadable("query.max-total-memory") {
        return;
    }
    let parse = |key: &str| config.value(key).and_then(|v| parse_data_size(v).ok());
    let max = parse("query.max-memory").unwrap_or(20 * GIB);
    let total = parse("query.max-total-memory").unwrap_or(max.saturating_mul(2));
    let max_at = cx.at_setting(config_file, config, "query.max-memory");
    let max_origin = config
        .get("query.max-memory")
        .map(|p| p.value_at.clone())
        .unwrap_or_default();
    if total < max {
        let key = if config.get("query.max-total-memory").is_some() {
            "query.max-total-memory"
        } else {
            "query.max-memory"
        };
        let origin = config
            .get("query.max-total-memory")
            .map(|p| p.value_at.clone())
            .unwrap_or_default();
        let d = Diagnostic::new(&TOTAL_BELOW_MAX, format!("query.max-total-memory ({}) is smaller than query.max-memory ({}): \"maxQueryMemory cannot be greater than maxQueryTotalMemory\"", format_data_size(total), format_data_size(max)))
            .at(cx.at_setting(config_file, config, key))
            .help(format!("set {} to at least {}", cx.setting(&origin, "query.max-total-memory"), format_data_size(max)));
        cx.push(d);
    }
    let include_coordinator = coordinator.config_flag("node-scheduler.include-coordinator", true);
    // Capacity: only when every worker's count and memory are known.
    let workers: Vec<(&Node, &Option<NodeMemory>)> = nodes
        .iter()
        .zip(memories)
        .filter(|(n, _)| n.role() == Role::Worker)
        .collect();
    // Capacity at the fewest and at the most workers (an autoscaler's range, else the fixed
    // count): only when every worker's count and memory are known.
    let mut capacity: Option<(u64, u64)> = Some((0, 0));
    let mut largest_worker: u64 = 0;
    let mut scaled_by: Option<(u32, u32, String)> = None;
    for (node, m) in &workers {
        let range = cx.cluster.replicas(node);
        match (range, m) {
            (Some(r), Some(m)) => {
                capacity = capacity.map(|(lo, hi)| {
                    (
                        lo.saturating_add(m.per_node.saturating_mul(u64::from(r.min.value))),
                        hi.saturating_add(m.per_node.saturating_mul(u64::from(r.max.value))),
                    )
                });
                largest_worker = largest_worker.max(m.per_node);
                if let Some(by) = r.by {
                    scaled_by = Some((r.min.value, r.max.value, by));
                }
            }
            (None, Some(m)) => {
                capacity = None;
                largest_worker = largest_worker.max(m.per_node);
            }
            _ => capacity = None,
        }
    }
    let mut largest_node = largest_worker;
    let own = memories.get(index).and_then(Option::as_ref);
    if let Some(m) = own {
        if include_coordinator || workers.is_empty() {
            capacity = capacity
                .map(|(lo, hi)| (lo.saturating_add(m.per_node), hi.saturating_add(m.per_node)));
            largest_node = largest_node.max(m.per_node);
        }
    }
    if let Some((low, high)) = capacity.filter(|_| !workers.is_empty()) {
        if max > low {
            let (message, limit) = match &scaled_by {
                Some((min, max_workers, by)) if max <= high => (
                    format!(
                        "query.max-memory ({}) is more than the workers can hold together at the minimum of {min} worker(s) of {by} ({}); at the maximum of {max_workers} ({}) it fits",
                        format_data_size(max),
                        format_data_size(low),
                        format_data_size(high)
                    ),
                    low,
                ),
                Some((min, max_workers, by)) => (
                    format!(
                        "query.max-memory ({}) is more than the workers can hold together at both ends of {by}: {} at {min} worker(s), {} at {max_workers}",
                        format_data_size(max),
                        format_data_size(low),
                        format_data_size(high)
                    ),
                    low,
                ),
                None => (
                    format!(
                        "query.max-memory ({}) is more than the workers can hold together ({})",
                        format_data_size(max),
                        format_data_size(low)
                    ),
                    low,
                ),
            };
            let d = Diagnostic::new(&CLUSTER_MEMORY_EXCEEDS_WORKERS, message)
                .at(max_at.clone())
                .help(format!(
                    "lower {} to at most {}{}",
                    cx.setting(&max_origin, "query.max-memory"),
                    format_data_size(limit),
                    if scaled_by.is_some() {
                        ", or raise the autoscaler's minimum"
                    } else {
                        ""
                    }
                ));
            cx.push(d);
        }
    }
    if largest_node > 0 && max < largest_node {
        let d = Diagnostic::new(
            &CLUSTER_MEMORY_BELOW_NODE,
            format!(
                "query.max-memory ({}) is smaller than one node's query.max-memory-per-node ({})",
                format_data_size(max),
                format_data_size(largest_node)
            ),
        )
        .at(max_at)
        .help(format!(
            "raise {} or lower query.max-memory-per-node",
            cx.setting(&max_origin, "query.max-memory")
        ));
        cx.push(d);
    }
    if !include_coordinator && !workers.is_empty() {
        if let Some(m) = own {
            if m.heap < 4 * GIB {
                let d = Diagnostic::new(&COORDINATOR_MEMORY, format!("the coordinator's heap is {}; a coordinator needs at least 4 GiB to plan queries and buffer results", human_bytes(m.heap)))
                    .at(cx.at(&m.heap_at, None))
                    .help("give the coordinator at least 4 GiB of heap (5Gi of memory at an 80% heap)");
                cx.push(d);
            }
            if largest_worker > 0 && m.per_node > largest_worker {
                let d = Diagnostic::new(
                    &COORDINATOR_MEMORY,
                    format!(
                        "the coordinator's query.max-memory-per-node ({}) is larger than the workers' ({})",
                        format_data_size(m.per_node),
                        format_data_size(largest_worker)
                    ),
                )
                .at(cx.at(&m.per_node_at, Some("query.max-memory-per-node")))
                .help(format!("set {} no larger than the workers'", cx.setting(&m.per_node_at, "query.max-memory-per-node")));
                cx.push(d);
            }
        }
    }
}
