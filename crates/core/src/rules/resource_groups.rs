//! Resource groups of the file manager (`resource-groups.properties` with
//! `resource-groups.configuration-manager=file`, and its JSON file): the file as Trino's codec
//! reads it, selectors against the groups, and the queues against the worker autoscaler.

declare! {
    RESOURCE_GROUPS_FILE = "TR002", "resource-groups-file", Error,
        "A resource groups file Trino cannot read: invalid JSON, unknown keys, missing required keys.",
        "The file manager reads the JSON with unknown properties refused (\"Unknown property at \
line ...\"), and requires `rootGroups` and `selectors`, and `name`, `softMemoryLimit`, \
`hardConcurrencyLimit` of every group; duplicate group names are refused. The coordinator does \
not start.\n\nFix: use the keys of Trino's resource group documentation (`rootGroups`, \
`selectors`, `cpuQuotaPeriod`; per group `name`, `softMemoryLimit`, `hardConcurrencyLimit`, \
`maxQueued`, `softConcurrencyLimit`, `schedulingPolicy`, `schedulingWeight`, `subGroups`, \
`jmxExport`, `softCpuLimit`, `hardCpuLimit`).";
    SELECTOR_GROUP = "TR001", "selector-group-missing", Error,
        "A resource group selector names a group that does not exist.",
        "The file manager refuses it at startup: \"Selector refers to nonexistent group\". A \
selector's `group` is the dotted path of a group (`global.adhoc`), templates included \
(`global.adhoc.${USER}`).\n\nFix: name an existing group, or add the group.";
    GROUP_RUNS_NOTHING = "TR003", "group-runs-nothing", Warning,
        "A resource group with `hardConcurrencyLimit` 0.",
        "Trino accepts it, but no query of the group ever runs: they queue until they time out \
or the queue is full.\n\nFix: give the group a positive `hardConcurrencyLimit`.";
    QUEUES_VS_AUTOSCALER = "TR004", "queues-against-autoscaler", Warning,
        "Resource group limits that keep the autoscaler's query triggers from firing.",
        "An autoscaler that adds workers when more than N queries run never fires when the root \
groups together run fewer than N at once; one that adds workers when more than N queries queue \
never fires when the root groups together queue fewer than N (queries beyond `maxQueued` are \
rejected, not queued).\n\nFix: raise the groups' limits above the triggers' thresholds, or lower \
the thresholds.";
    SOFT_MEMORY_ABOVE_CLUSTER = "TR005", "soft-memory-above-cluster", Warning,
        "A resource group's `softMemoryLimit` above the memory the cluster has.",
        "A group's soft memory limit is a size (`10GB`) or a share of the cluster's memory pool \
(`50%`; Trino takes up to three digits, so `150%` is read as 1.5 times the pool). The pool is \
the sum of the memory pools (heap − `memory.heap-headroom-per-node`) of the nodes that run \
work. A limit above it never holds the group back: it is as if no limit were set, and queries \
of the group compete for memory with everything else. With an autoscaler the cluster is judged \
at its most workers.\n\nFix: use a percentage of at most 100%, or a size below the cluster's \
memory pool.";
}

use serde_json::Value;

use super::memory::memory_pool;
use super::Cx;
use crate::diagnostic::Diagnostic;
use crate::memory::Role;
use crate::model::{Node, QueryMetric};
use crate::units::format_data_size;
use crate::values::{parse_soft_memory_limit, SoftMemoryLimit};

const MANAGER_KEYS: &[&str] = &[
    "rootGroups",
    "selectors",
    "cpuQuotaPeriod",
    "physicalDataScanQuotaPeriod",
];
const GROUP_KEYS: &[&str] = &[
    "name",
    "softMemoryLimit",
    "maxQueued",
    "softConcurrencyLimit",
    "hardConcurrencyLimit",
    "maxRunning",
    "schedulingPolicy",
    "schedulingWeight",
    "subGroups",
    "jmxExport",
    "softCpuLimit",
    "hardCpuLimit",
];
const SELECTOR_KEYS: &[&str] = &[
    "user",
    "userGroup",
    "originalUser",
    "authenticatedUser",
    "source",
    "queryType",
    "clientTags",
    "selectorResourceEstimate",
    "group",
];

/// Checks the resource groups file of each coordinator.
pub(crate) fn check(cx: &mut Cx<'_>) {
    for node in &cx.cluster.nodes {
        let Some((file, j)) = node.plugin_json(&crate::model::RESOURCE_GROUPS) else {
            continue;
        };
        file_rules(cx, node, &file.rel, j);
    }
}

struct Group<'a> {
    path: String,
    at_path: String,
    value: &'a Value,
}

fn file_rules(cx: &mut Cx<'_>, node: &Node, rel: &str, j: &crate::model::JsonFile) {
    let sources = &cx.cluster.sources;
    let at =
        |pointer: &str, key: Option<&str>| sources.locate(&j.locate(sources, pointer, key), None);
    let value = match &j.value {
        Ok(v) => v,
        Err((message, line)) => {
            let d = Diagnostic::new(
                &RESOURCE_GROUPS_FILE,
                format!(
                    "{}: `{rel}` is not valid JSON (line {line}): {message}",
                    node.label
                ),
            )
            .at(at("", None))
            .help("fix the JSON; the coordinator does not start without it");
            cx.push(d);
            return;
        }
    };
    let mut problems: Vec<(String, String, Option<String>)> = Vec::new();
    let unknown = |obj: &Value,
                   allowed: &[&str],
                   path: &str,
                   problems: &mut Vec<(String, String, Option<String>)>| {
        for k in obj.as_object().into_iter().flat_map(|o| o.keys()) {
            if !allowed.contains(&k.as_str()) {
                problems.push((
                    format!("unknown key `{k}`"),
                    path.to_owned(),
                    Some(k.clone()),
                ));
            }
        }
    };
    unknown(value, MANAGER_KEYS, "", &mut problems);
    for key in ["rootGroups", "selectors"] {
        if value.get(key).is_none() {
            problems.push((format!("`{key}` is missing"), String::new(), None));
        }
    }
    let mut groups: Vec<Group<'_>> = Vec::new();
    let mut stack: Vec<(String, String, &Value)> = value
        .get("rootGroups")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, g)| (String::new(), format!("/rootGroups/{i}"), g))
        .collect();
    while let Some((parent, at_path, g)) = stack.pop() {
        unknown(g, GROUP_KEYS, &at_path, &mut problems);
        let name = g.get("name").and_then(Value::as_str).unwrap_or_default();
        for key in ["name", "softMemoryLimit", "hardConcurrencyLimit"] {
            if g.get(key).is_none()
                && !(key == "hardConcurrencyLimit" && g.get("maxRunning").is_some())
            {
                problems.push((
                    format!("group `{name}` has no `{key}`"),
                    at_path.clone(),
                    Some("name".to_owned()),
                ));
            }
        }
        let int = |key: &str| g.get(key).and_then(Value::as_i64);
        let hard = int("hardConcurrencyLimit").or_else(|| int("maxRunning"));
        for (key, value) in [
            ("maxQueued", int("maxQueued")),
            ("hardConcurrencyLimit", hard),
            ("softConcurrencyLimit", int("softConcurrencyLimit")),
        ] {
            if value.is_some_and(|v| v < 0) {
                problems.push((
                    format!("group `{name}`: \"{key} is negative\""),
                    at_path.clone(),
                    Some(key.to_owned()),
                ));
            }
        }
        if let (Some(soft), Some(hard)) = (int("softConcurrencyLimit"), hard) {
            if soft > hard {
                problems.push((
                    format!("group `{name}` has softConcurrencyLimit {soft} above hardConcurrencyLimit {hard}: \"hardConcurrencyLimit must be greater than or equal to softConcurrencyLimit\""),
                    at_path.clone(),
                    Some("softConcurrencyLimit".to_owned()),
                ));
            }
        }
        let path = if parent.is_empty() {
            name.to_owned()
        } else {
            format!("{parent}.{name}")
        };
        if groups.iter().any(|o| o.path == path) {
            problems.push((
                format!("group `{path}` is defined twice"),
                at_path.clone(),
                Some("name".to_owned()),
            ));
        }
        for (i, sub) in g
            .get("subGroups")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            stack.push((path.clone(), format!("{at_path}/subGroups/{i}"), sub));
        }
        groups.push(Group {
            path,
            at_path,
            value: g,
        });
    }
    for (message, path, needle) in problems {
        let d = Diagnostic::new(
            &RESOURCE_GROUPS_FILE,
            format!("{}: `{rel}`: {message}", node.label),
        )
        .at(at(&path, needle.as_deref()))
        .help("use the keys Trino's file manager reads; it refuses the file otherwise");
        cx.push(d);
    }
    for (i, s) in value
        .get("selectors")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let path = format!("/selectors/{i}");
        let Some(group) = s.get("group").and_then(Value::as_str) else {
            let d = Diagnostic::new(
                &RESOURCE_GROUPS_FILE,
                format!("{}: `{rel}`: selector {i} has no `group`", node.label),
            )
            .at(at(&path, None))
            .help("name the group the selector sends queries to");
            cx.push(d);
            continue;
        };
        for k in s.as_object().into_iter().flat_map(|o| o.keys()) {
            if !SELECTOR_KEYS.contains(&k.as_str()) {
                let d = Diagnostic::new(
                    &RESOURCE_GROUPS_FILE,
                    format!("{}: `{rel}`: unknown selector key `{k}`", node.label),
                )
                .at(at(&path, Some(k)))
                .help(format!("selector keys are {}", SELECTOR_KEYS.join(", ")));
                cx.push(d);
            }
        }
        if !groups.iter().any(|g| g.path == group) {
            let known: Vec<&str> = groups.iter().map(|g| g.path.as_str()).collect();
            let d = Diagnostic::new(&SELECTOR_GROUP, format!("{}: selector {i} sends queries to `{group}`, which is no group; Trino refuses the file (\"Selector refers to nonexistent group\")", node.label))
                .at(at(&path, Some("group")))
                .help(format!("name one of the groups: {}", known.join(", ")));
            cx.push(d);
        }
    }
    for g in &groups {
        let hard = g
            .value
            .get("hardConcurrencyLimit")
            .or_else(|| g.value.get("maxRunning"));
        if hard.and_then(Value::as_u64) == Some(0) {
            let d = Diagnostic::new(
                &GROUP_RUNS_NOTHING,
                format!(
                    "{}: group `{}` has hardConcurrencyLimit 0: none of its queries ever runs",
                    node.label, g.path
                ),
            )
            .at(at(
                &g.at_path,
                Some(if g.value.get("hardConcurrencyLimit").is_some() {
                    "hardConcurrencyLimit"
                } else {
                    "maxRunning"
                }),
            ))
            .help("give the group a positive hardConcurrencyLimit");
            cx.push(d);
        }
    }
    soft_memory(cx, node, &groups, &at);
    // The roots together bound what runs and what waits.
    let roots: Vec<&Group<'_>> = groups.iter().filter(|g| !g.path.contains('.')).collect();
    let total = |key: &str| {
        roots
            .iter()
            .map(|g| g.value.get(key).and_then(Value::as_u64).unwrap_or(0))
            .sum::<u64>()
    };
    let (running, queued) = (total("hardConcurrencyLimit"), total("maxQueued"));
    for a in &cx.cluster.autoscalers {
        for t in &a.triggers {
            let (bound, what) = match t.metric {
                QueryMetric::Running => (running, "run at once"),
                QueryMetric::Queued => (queued, "wait"),
            };
            if (bound as f64) <= t.threshold.value {
                let d = Diagnostic::new(&QUEUES_VS_AUTOSCALER, format!("{} {} adds workers above {} {} queries, but the resource groups let at most {bound} {what}: the trigger never fires", a.kind, a.name, t.threshold.value, if t.metric == QueryMetric::Running { "running" } else { "queued" }))
                    .at(cx.at(&t.threshold.at, None))
                    .help("lower the threshold below the groups' limits, or raise the limits");
                cx.push(d);
            }
        }
    }
}

/// The memory pool of the nodes that run work, at the most workers; `None` when a node's
/// memory or count is unknown.
fn cluster_pool(cx: &Cx<'_>, coordinator: &Node) -> Option<u64> {
    let include_coordinator = coordinator.config_flag("node-scheduler.include-coordinator", true);
    let mut total: u64 = 0;
    let mut workers = 0;
    for n in &cx.cluster.nodes {
        if n.role() == Role::Worker {
            workers += 1;
            let count = cx.cluster.replicas(n)?.max.value;
            total = total.saturating_add(memory_pool(n)?.saturating_mul(u64::from(count)));
        }
    }
    if include_coordinator || workers == 0 {
        total = total.saturating_add(memory_pool(coordinator)?);
    }
    Some(total)
}

fn soft_memory(
    cx: &mut Cx<'_>,
    node: &Node,
    groups: &[Group<'_>],
    at: &dyn Fn(&str, Option<&str>) -> crate::diagnostic::Location,
) {
    let pool = cluster_pool(cx, node);
    for g in groups {
        let Some(text) = g.value.get("softMemoryLimit").and_then(Value::as_str) else {
            continue;
        };
        let where_ = at(&g.at_path, Some("softMemoryLimit"));
        match parse_soft_memory_limit(text) {
            Err(why) => {
                let d = Diagnostic::new(
                    &RESOURCE_GROUPS_FILE,
                    format!(
                        "{}: group `{}` has softMemoryLimit \"{text}\", which is neither a percentage nor a data size: {why}",
                        node.label, g.path
                    ),
                )
                .at(where_)
                .help("write a share of the cluster's memory such as `50%`, or a size such as `10GB`");
                cx.push(d);
            }
            Ok(SoftMemoryLimit::Fraction(f)) if f > 1.0 => {
                let d = Diagnostic::new(
                    &SOFT_MEMORY_ABOVE_CLUSTER,
                    format!(
                        "{}: group `{}` may use {text} of the cluster's memory: more than all of it, so the limit never holds",
                        node.label, g.path
                    ),
                )
                .at(where_)
                .help("use a percentage of at most 100%");
                cx.push(d);
            }
            Ok(SoftMemoryLimit::Bytes(b)) => {
                if let Some(pool) = pool.filter(|&p| p > 0 && b > p) {
                    let d = Diagnostic::new(
                        &SOFT_MEMORY_ABOVE_CLUSTER,
                        format!(
                            "{}: group `{}` has softMemoryLimit {text}, more than the cluster's whole memory pool ({}) at its most workers: the limit never holds",
                            node.label,
                            g.path,
                            format_data_size(pool)
                        ),
                    )
                    .at(where_)
                    .help(format!(
                        "use a size below {}, or a percentage of the cluster's memory",
                        format_data_size(pool)
                    ));
                    cx.push(d);
                }
            }
            Ok(SoftMemoryLimit::Fraction(_)) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_subgroup_of_a_spec_is_reported_at_its_own_table() {
        let spec = "[cluster]\nname = \"t\"\n[coordinator]\nmemory = \"8Gi\"\ncpu = 2\n\
                    [workers]\nmemory = \"16Gi\"\ncpu = 4\ncount = 2\n\
                    [[resource_groups.groups]]\nname = \"global\"\nsoft_memory_limit = \"80%\"\n\
                    hard_concurrency_limit = 10\nmax_queued = 100\n\
                    [[resource_groups.groups]]\nname = \"global.adhoc\"\nsoft_memory_limit = \"40%\"\n\
                    hard_concurrency_limit = 5\nmax_queued = 10\n\
                    [[resource_groups.groups]]\nname = \"global.etl\"\nsoft_memory_limit = \"1TB\"\n\
                    hard_concurrency_limit = 0\nmax_queued = 10\n\
                    [[resource_groups.selectors]]\ngroup = \"global.adhoc\"\n";
        let found: Vec<String> = crate::check_spec(spec)
            .iter()
            .filter(|d| d.code.starts_with("TR"))
            .map(|d| format!("{} {}", d.code, d.location.path.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            found,
            [
                "TR005 resource_groups.groups[2].soft_memory_limit",
                "TR003 resource_groups.groups[2].hard_concurrency_limit"
            ]
        );
    }
}
