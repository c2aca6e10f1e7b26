//! The memory picture: per role, the container drawn to scale and split into the JVM's
//! non-heap reserve, the heap headroom, the per-node query memory and the rest of the heap.
//! Segments turn red when a memory rule (`TM…`) fails for the role.

use trinocfg::memory::NodeMemory;
use trinocfg::units::{format_data_size, human_bytes};
use trinocfg::{Diagnostic, MemoryPlan, Role, Severity};
use yew::prelude::*;

use crate::state::Shared;

/// Width of the drawing in SVG units.
const WIDTH: f64 = 1000.0;

#[derive(Properties, PartialEq)]
pub struct MemoryProps {
    pub plan: Option<Shared<MemoryPlan>>,
    /// The memory rule diagnostics of the text the plan comes from.
    pub diagnostics: Shared<Vec<Diagnostic>>,
    /// The plan belongs to an earlier text (the current one does not parse).
    pub stale: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Segment {
    Reserve,
    Headroom,
    Query,
    HeapRest,
    Unused,
}

impl Segment {
    const ALL: [Segment; 5] = [
        Segment::Reserve,
        Segment::Headroom,
        Segment::Query,
        Segment::HeapRest,
        Segment::Unused,
    ];

    const fn class(self) -> &'static str {
        match self {
            Segment::Reserve => "seg-reserve",
            Segment::Headroom => "seg-headroom",
            Segment::Query => "seg-query",
            Segment::HeapRest => "seg-heap",
            Segment::Unused => "seg-unused",
        }
    }

    const fn label(self) -> &'static str {
        match self {
            Segment::Reserve => "non-heap reserve",
            Segment::Headroom => "heap headroom",
            Segment::Query => "query memory per node",
            Segment::HeapRest => "rest of the heap",
            Segment::Unused => "container not assigned",
        }
    }

    fn bytes(self, n: &NodeMemory) -> u64 {
        match self {
            Segment::Reserve => n.non_heap_reserve,
            Segment::Headroom => n.headroom,
            Segment::Query => n.query_per_node,
            Segment::HeapRest => n
                .heap
                .saturating_sub(n.headroom.saturating_add(n.query_per_node)),
            Segment::Unused => n
                .container
                .saturating_sub(n.non_heap_reserve.saturating_add(n.heap)),
        }
    }

    /// Whether a failure of memory rule `code` concerns this part of the picture.
    fn concerned_by(self, code: &str) -> bool {
        match code {
            // Query memory plus headroom exceed the heap; the pool is empty.
            "TM001" | "TM010" => {
                matches!(self, Segment::Headroom | Segment::Query | Segment::HeapRest)
            }
            // The heap eats into the non-heap reserve.
            "TM002" => self != Segment::Unused,
            // Heap size and ratio.
            "TM003" | "TM004" | "TM009" => {
                matches!(self, Segment::Headroom | Segment::Query | Segment::HeapRest)
            }
            _ => true,
        }
    }
}

/// What the bar spans: the container, or more when the parts do not fit in it.
fn drawn_total(n: &NodeMemory) -> u64 {
    let heap_drawn = n.heap.max(n.headroom.saturating_add(n.query_per_node));
    n.non_heap_reserve
        .saturating_add(heap_drawn)
        .max(n.container)
}

/// The memory rule failures that concern `role`.
fn role_failures(diagnostics: &[Diagnostic], role: Role) -> Vec<&Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| d.code.starts_with("TM"))
        .filter(|d| {
            d.location
                .path
                .as_deref()
                .is_some_and(|p| p.starts_with(role.spec_key()))
        })
        .collect()
}

#[function_component]
pub fn Memory(props: &MemoryProps) -> Html {
    let Some(plan) = &props.plan else {
        return html! {
            <section class="pane memory-pane" aria-label="Memory">
                <h2>{ "Memory" }</h2>
                <p class="empty">{ "No memory plan: the spec does not parse." }</p>
            </section>
        };
    };
    let nodes: Vec<&NodeMemory> = plan
        .nodes()
        .filter(|n| n.role == Role::Coordinator || plan.workers > 0)
        .collect();
    let scale = nodes
        .iter()
        .map(|n| drawn_total(n))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    html! {
        <section class={classes!("pane", "memory-pane", props.stale.then_some("is-stale"))} aria-label="Memory">
            <h2>
                { "Memory " }
                <span class="muted">{ "per node, to scale" }</span>
                if props.stale {
                    <span class="badge stale" data-testid="memory-stale-badge">{ "stale" }</span>
                }
            </h2>
            { for nodes.iter().map(|n| role_picture(n, plan, scale, &props.diagnostics)) }
            { cluster_table(plan) }
            <dl class="cluster-memory">
                <dt>{ "query.max-memory" }</dt>
                <dd data-testid="query-max-memory">{ format_data_size(plan.query_max_memory) }</dd>
                <dt>{ "query.max-total-memory" }</dt>
                <dd data-testid="query-max-total-memory">{ format_data_size(plan.query_max_total_memory) }</dd>
            </dl>
        </section>
    }
}

/// What the nodes that run work hold together at the fewest workers and, when an autoscaler
/// sets a range, at the most; the row whose query memory is below `query.max-memory` is marked.
fn cluster_table(plan: &MemoryPlan) -> Html {
    let ends = plan.extremes();
    let scaled = ends.len() > 1;
    html! {
        <table class="cluster-ends" data-testid="memory-cluster">
            <thead>
                <tr>
                    <th>{ "workers" }</th>
                    <th>{ "query memory (Σ per node)" }</th>
                    <th>{ "memory pools" }</th>
                    <th>{ "query.max-memory" }</th>
                </tr>
            </thead>
            <tbody>
                { for ends.iter().enumerate().map(|(i, end)| {
                    let holds = end.holds(plan.query_max_memory);
                    let which = match (scaled, i) {
                        (false, _) => "",
                        (true, 0) => " (minimum)",
                        (true, _) => " (maximum)",
                    };
                    html! {
                        <tr class={classes!((!holds).then_some("warn"))} data-testid={format!("memory-at-{}", end.workers)}>
                            <td>{ format!("{}{which}", end.workers) }</td>
                            <td>{ human_bytes(end.query_memory) }</td>
                            <td>{ human_bytes(end.pool) }</td>
                            <td data-testid="memory-holds">{ if holds { "fits" } else { "does not fit" } }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

fn role_picture(n: &NodeMemory, plan: &MemoryPlan, scale: f64, diagnostics: &[Diagnostic]) -> Html {
    let failures = role_failures(diagnostics, n.role);
    let state_of = |segment: Segment| {
        let hits = failures.iter().filter(|d| segment.concerned_by(d.code));
        let mut worst = None;
        for d in hits {
            worst = worst.max(Some(d.severity));
        }
        match worst {
            Some(Severity::Error) => Some("bad"),
            Some(Severity::Warning) => Some("warn"),
            None => None,
        }
    };
    let x = |bytes: u64| bytes as f64 / scale * WIDTH;
    let mut offset = 0u64;
    let mut rects = Vec::new();
    for segment in Segment::ALL {
        let bytes = segment.bytes(n);
        if bytes == 0 {
            continue;
        }
        let (x0, w) = (x(offset), x(bytes));
        offset = offset.saturating_add(bytes);
        let title = format!("{}: {}", segment.label(), human_bytes(bytes));
        rects.push(html! {
            <rect
                class={classes!("seg", segment.class(), state_of(segment))}
                data-segment={segment.class()}
                x={format!("{x0:.2}")} y="6" width={format!("{w:.2}")} height="30"
            >
                <title>{ title }</title>
            </rect>
        });
    }
    let heap_x0 = x(n.non_heap_reserve);
    let heap_x1 = x(n.non_heap_reserve.saturating_add(n.heap));
    let container_w = x(n.container);
    let failed = failures.iter().any(|d| d.is_error());
    let name = match n.role {
        Role::Coordinator if plan.coordinator_schedules_work => {
            "coordinator (schedules work)".to_owned()
        }
        Role::Coordinator => "coordinator".to_owned(),
        Role::Worker if plan.workers_max > plan.workers => {
            format!(
                "workers × {}..{} (autoscaled)",
                plan.workers, plan.workers_max
            )
        }
        Role::Worker => format!("workers × {}", plan.workers),
    };
    let role = n.role.as_str();
    let legend = [
        ("container", n.container),
        ("heap (-Xmx)", n.heap),
        ("memory pool (heap − headroom)", n.pool()),
    ];
    html! {
        <figure class={classes!("role-memory", failed.then_some("failed"))} data-testid={format!("memory-{role}")}>
            <figcaption>
                <strong>{ name }</strong>
                if failed {
                    <span class="badge bad">{ "memory rule failed" }</span>
                }
            </figcaption>
            <svg
                class="memory-bar"
                data-testid={format!("memory-svg-{role}")}
                viewBox={format!("0 0 {WIDTH} 56")}
                preserveAspectRatio="none"
                role="img"
                aria-label={format!("{role} memory")}
            >
                { for rects }
                <rect class="container-outline" x="0.5" y="4" width={format!("{:.2}", (container_w - 1.0).max(0.0))} height="34" />
                <path class="heap-bracket" d={format!("M{heap_x0:.2} 44 V50 H{heap_x1:.2} V44")} />
            </svg>
            <ul class="legend">
                { for Segment::ALL.iter().map(|&s| html! {
                    <li class={classes!(state_of(s))}>
                        <span class={classes!("swatch", s.class())}></span>
                        <span class="label">{ s.label() }</span>
                        <span class="value" data-testid={format!("memory-{role}-{}", s.class())}>{ human_bytes(s.bytes(n)) }</span>
                    </li>
                }) }
                { for legend.iter().map(|(label, bytes)| html! {
                    <li class="total">
                        <span class="swatch none"></span>
                        <span class="label">{ *label }</span>
                        <span class="value">{ human_bytes(*bytes) }</span>
                    </li>
                }) }
            </ul>
        </figure>
    }
}
