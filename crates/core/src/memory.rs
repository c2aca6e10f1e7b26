//! The memory budget of each role, from container memory down to per-query limits.
//!
//! Derivation (every step overridable in the spec):
//! - heap = `heap` of the role, default 80% of the container memory, rounded down to whole MiB;
//! - non-heap reserve = the larger of 512 MiB and 10% of the container memory (metaspace, code
//!   cache, direct buffers, thread stacks);
//! - `memory.heap-headroom-per-node` = 30% of the heap (Trino's own default, written out);
//!   with `heap_style = "ram-percentage"` both per-node sizes are written as percentages
//!   (Trino 476+), since the JVM then fixes the exact heap;
//! - `query.max-memory-per-node` = 60% of the heap, so that headroom plus query memory leave a
//!   tenth of the heap free;
//! - `query.max-memory` = the sum of `query.max-memory-per-node` over the nodes that run work
//!   (the workers, plus the coordinator when it schedules work);
//! - `query.max-total-memory` = the sum of the memory pools (heap − headroom) of those nodes.

use crate::spec::{HeapSetting, HeapStyle, NodeSpec, Spec};
use crate::units::{floor_mib, to_bytes};
use crate::values::HeapSize;

/// Default heap as a share of container memory.
pub const DEFAULT_HEAP_PERCENT: f64 = 80.0;
/// Default `memory.heap-headroom-per-node`, as a share of the heap.
pub const DEFAULT_HEADROOM_PERCENT: f64 = 30.0;
/// Default `query.max-memory-per-node`, as a share of the heap.
pub const DEFAULT_QUERY_PER_NODE_PERCENT: f64 = 60.0;
/// Trino's own default for both per-node values when a file leaves them out.
pub const TRINO_DEFAULT_PER_NODE_PERCENT: f64 = 30.0;
const MIB: u64 = 1024 * 1024;

/// Non-heap memory the JVM needs beside the heap, for a container of `container` bytes.
pub const fn non_heap_reserve(container: u64) -> u64 {
    let tenth = container / 10;
    if tenth > 512 * MIB {
        tenth
    } else {
        512 * MIB
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// The role of a Trino node.
pub enum Role {
    /// The coordinator: plans queries, and runs tasks too when it schedules work.
    Coordinator,
    /// A worker.
    Worker,
}

impl Role {
    /// `coordinator` or `worker`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::Worker => "worker",
        }
    }

    /// The spec table of the role.
    pub const fn spec_key(self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::Worker => "workers",
        }
    }
}

/// One role's memory, all in bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeMemory {
    /// The role.
    pub role: Role,
    /// Container memory.
    pub container: u64,
    /// The heap.
    pub heap: u64,
    /// Heap as a percentage of the container (what `-XX:MaxRAMPercentage` gets).
    pub heap_percent: f64,
    /// Memory the JVM needs beside the heap.
    pub non_heap_reserve: u64,
    /// `memory.heap-headroom-per-node`, in bytes.
    pub headroom: u64,
    /// `query.max-memory-per-node`, in bytes.
    pub query_per_node: u64,
    /// The values as written in `config.properties` (sizes or percentages).
    pub headroom_setting: HeapSize,
    /// `query.max-memory-per-node` as written (a size or a heap percentage).
    pub query_per_node_setting: HeapSize,
}

impl NodeMemory {
    /// Memory pool: what queries share on the node (heap − headroom).
    pub fn pool(&self) -> u64 {
        self.heap.saturating_sub(self.headroom)
    }
}

/// The whole cluster's memory.
#[derive(Debug, Clone, PartialEq)]
pub struct MemoryPlan {
    /// The coordinator.
    pub coordinator: NodeMemory,
    /// Each worker.
    pub worker: NodeMemory,
    /// Number of workers: the fixed count, or the autoscaler's minimum (at least 1, the count
    /// the cluster-wide limits are derived for).
    pub workers: u32,
    /// Most workers: the autoscaler's maximum, or the fixed count.
    pub workers_max: u32,
    /// Whether the coordinator runs tasks too.
    pub coordinator_schedules_work: bool,
    /// `query.max-memory`.
    pub query_max_memory: u64,
    /// `query.max-total-memory`.
    pub query_max_total_memory: u64,
    /// How the heap is given to the JVM.
    pub heap_style: HeapStyle,
}

impl MemoryPlan {
    /// The coordinator, then the worker.
    pub fn nodes(&self) -> impl Iterator<Item = &NodeMemory> {
        [&self.coordinator, &self.worker].into_iter()
    }

    /// Sum over the nodes that run work of `f(node)`.
    pub fn over_work_nodes(&self, f: impl Fn(&NodeMemory) -> u64) -> u64 {
        self.over_work_nodes_at(self.workers, f)
    }

    /// Sum of `f(node)` over the nodes that run work when there are `workers` workers.
    fn over_work_nodes_at(&self, workers: u32, f: impl Fn(&NodeMemory) -> u64) -> u64 {
        let mut total = f(&self.worker).saturating_mul(u64::from(workers));
        if self.coordinator_schedules_work || workers == 0 {
            total = total.saturating_add(f(&self.coordinator));
        }
        total
    }

    /// What the cluster holds at its fewest workers and, when autoscaled, at its most.
    pub fn extremes(&self) -> Vec<ClusterMemory> {
        let mut counts = vec![self.workers];
        if self.workers_max > self.workers {
            counts.push(self.workers_max);
        }
        counts
            .into_iter()
            .map(|workers| ClusterMemory {
                workers,
                query_memory: self.over_work_nodes_at(workers, |n| n.query_per_node),
                pool: self.over_work_nodes_at(workers, NodeMemory::pool),
            })
            .collect()
    }
}

/// The memory of the nodes that run work, at one worker count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClusterMemory {
    /// The worker count.
    pub workers: u32,
    /// What one query can get at most: the sum of `query.max-memory-per-node`.
    pub query_memory: u64,
    /// The memory pools together (heap − headroom).
    pub pool: u64,
}

impl ClusterMemory {
    /// Whether a `query.max-memory` of `limit` fits in what these nodes hold together.
    pub const fn holds(&self, limit: u64) -> bool {
        limit <= self.query_memory
    }
}

/// Trino release from which per-node sizes may be percentages of the heap.
pub const PERCENT_SIZES_SINCE: u32 = 476;

fn node(role: Role, n: &NodeSpec<'_>, percent_defaults: bool) -> NodeMemory {
    let container = n.memory.0;
    let heap = match n.heap {
        Some(HeapSetting::Size(b)) => b,
        Some(HeapSetting::Percent(p)) => floor_mib(to_bytes(container as f64 * p / 100.0)),
        None => floor_mib(to_bytes(container as f64 * DEFAULT_HEAP_PERCENT / 100.0)),
    };
    let heap_percent = match n.heap {
        Some(HeapSetting::Percent(p)) => p,
        None => DEFAULT_HEAP_PERCENT,
        Some(HeapSetting::Size(b)) if container > 0 => b as f64 * 100.0 / container as f64,
        Some(HeapSetting::Size(_)) => 100.0,
    };
    // With `-XX:MaxRAMPercentage` the JVM decides the exact heap, so the defaults are written
    // as percentages (where the target version reads them) and follow whatever it decides.
    let default = |pct: f64| {
        if percent_defaults {
            HeapSize::Percent(pct)
        } else {
            HeapSize::Bytes(floor_mib(to_bytes(heap as f64 * pct / 100.0)))
        }
    };
    let headroom_setting = n
        .heap_headroom_per_node
        .unwrap_or_else(|| default(DEFAULT_HEADROOM_PERCENT));
    let query_per_node_setting = n
        .query_max_memory_per_node
        .unwrap_or_else(|| default(DEFAULT_QUERY_PER_NODE_PERCENT));
    NodeMemory {
        role,
        container,
        heap,
        heap_percent,
        non_heap_reserve: non_heap_reserve(container),
        headroom: headroom_setting.bytes_of_heap(heap),
        query_per_node: query_per_node_setting.bytes_of_heap(heap),
        headroom_setting,
        query_per_node_setting,
    }
}

/// Computes the memory plan of a spec.
pub fn plan(spec: &Spec) -> MemoryPlan {
    let percent_defaults = spec.jvm.heap_style == HeapStyle::RamPercentage
        && spec.cluster.trino_version >= PERCENT_SIZES_SINCE;
    let coordinator = node(
        Role::Coordinator,
        &spec.coordinator.node(),
        percent_defaults,
    );
    let worker = node(Role::Worker, &spec.workers.node(), percent_defaults);
    let mut plan = MemoryPlan {
        coordinator,
        worker,
        workers: spec
            .workers
            .autoscaling
            .as_ref()
            .map_or(spec.workers.count, |a| a.min.max(1)),
        workers_max: spec
            .workers
            .autoscaling
            .as_ref()
            .map_or(spec.workers.count, |a| a.max),
        coordinator_schedules_work: spec.coordinator.schedules_work,
        query_max_memory: 0,
        query_max_total_memory: 0,
        heap_style: spec.jvm.heap_style,
    };
    let derived_max = floor_mib(plan.over_work_nodes(|n| n.query_per_node));
    plan.query_max_memory = spec.memory.query_max_memory.unwrap_or(derived_max);
    let derived_total =
        floor_mib(plan.over_work_nodes(NodeMemory::pool)).max(plan.query_max_memory);
    plan.query_max_total_memory = spec.memory.query_max_total_memory.unwrap_or(derived_total);
    plan
}

/// The memory budget as text, per role: container → heap → pool → per-query limits.
pub fn budget_text(plan: &MemoryPlan) -> String {
    use crate::units::{format_data_size, human_bytes};
    use std::fmt::Write;
    let mut out = String::new();
    for node in plan.nodes() {
        if node.role == Role::Worker && plan.workers == 0 {
            continue;
        }
        let count = if node.role == Role::Worker && plan.workers_max > plan.workers {
            format!(" ×{}..{} (autoscaled)", plan.workers, plan.workers_max)
        } else if node.role == Role::Worker {
            format!(" ×{}", plan.workers)
        } else {
            String::new()
        };
        let _ = writeln!(out, "{}{count}", node.role.as_str());
        let line = |out: &mut String, label: &str, bytes: u64, note: &str| {
            let text = format!("  {label:<34} {:>12}  {note}", human_bytes(bytes));
            let _ = writeln!(out, "{}", text.trim_end());
        };
        line(&mut out, "container memory", node.container, "");
        line(
            &mut out,
            "non-heap reserve (JVM, OS)",
            node.non_heap_reserve,
            "max(512 MiB, 10% of container)",
        );
        line(
            &mut out,
            "heap (-Xmx)",
            node.heap,
            &format!("{:.1}% of container", node.heap_percent),
        );
        line(
            &mut out,
            "memory.heap-headroom-per-node",
            node.headroom,
            &node.headroom_setting.to_string(),
        );
        line(&mut out, "memory pool (heap - headroom)", node.pool(), "");
        line(
            &mut out,
            "query.max-memory-per-node",
            node.query_per_node,
            &node.query_per_node_setting.to_string(),
        );
        let free = node
            .heap
            .saturating_sub(node.headroom.saturating_add(node.query_per_node));
        line(&mut out, "heap left unassigned", free, "");
        out.push('\n');
    }
    let _ = writeln!(out, "cluster");
    for end in plan.extremes() {
        let _ = writeln!(
            out,
            "  {:<34} {:>12}  {}",
            format!("query memory at {} worker(s)", end.workers),
            human_bytes(end.query_memory),
            if end.holds(plan.query_max_memory) {
                "holds query.max-memory"
            } else {
                "below query.max-memory"
            }
        );
    }
    let _ = writeln!(
        out,
        "  {:<34} {:>12}",
        "query.max-memory",
        format_data_size(plan.query_max_memory)
    );
    let _ = writeln!(
        out,
        "  {:<34} {:>12}",
        "query.max-total-memory",
        format_data_size(plan.query_max_total_memory)
    );
    out
}
