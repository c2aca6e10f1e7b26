//! A fleet behind Trino Gateway: clusters the gateway cannot serve through, routing groups
//! with nowhere to go, blue/green pairs with no side up, routing rules the gateway cannot run,
//! and clusters of one group that disagree.

declare! {
    GATEWAY_NOT_FORWARDED = "TG001", "gateway-cluster-not-forwarded", Error,
        "A cluster behind the gateway without `http-server.process-forwarded=true`.",
        "Trino Gateway proxies every request: without `http-server.process-forwarded=true` the \
coordinator builds its `nextUri` from its own address, so clients leave the gateway after the \
first request (or fail to reach the internal address), and OAuth2 redirects break.\n\nFix: \
`cluster.behind_proxy = true` in the cluster's spec (`http-server.process-forwarded=true`).";
    GROUP_WITHOUT_BACKEND = "TG002", "routing-group-without-backend", Error,
        "A routing group used by a rule or as the default that no active backend serves.",
        "The gateway sends the group's queries to one of its active backends; with none, they \
fail (\"No backend available\"), or, for the default group, every query no rule matches \
fails.\n\nFix: add or activate a backend of that routing group, or route elsewhere.";
    BLUE_GREEN_DOWN = "TG003", "blue-green-both-inactive", Error,
        "Both colours of a blue/green pair are inactive.",
        "A blue/green pair keeps one side serving while the other is drained and upgraded. With \
both inactive, the group serves nothing.\n\nFix: activate one side before draining the other.";
    ROUTING_RULE = "TG004", "routing-rule-invalid", Error,
        "A routing rule the gateway cannot run.",
        "The gateway evaluates each rule's MVEL condition and actions; unbalanced quotes or \
parentheses fail when the rules are loaded, a rule that matches nothing written matches every \
query, and two rules of one name are one rule too many.\n\nFix: give each rule a unique name and \
a condition (`source`, `user`, `client_tags`, `header` or `condition`) that parses.";
    GROUP_RELEASES_DIFFER = "TG005", "routing-group-releases-differ", Warning,
        "Clusters of one routing group run different Trino releases.",
        "The gateway spreads a group's queries over its backends: with different releases the \
same query behaves, performs or fails differently from one run to the next. Outside a \
blue/green upgrade in progress this is a mistake.\n\nFix: run one release per routing group, \
and finish the upgrade.";
    TASK_RETRIES_INTERACTIVE = "TG006", "task-retries-interactive", Warning,
        "TASK retries on a cluster of the group that takes interactive queries.",
        "Fault-tolerant execution with TASK retries spools every exchange: it makes long ETL \
jobs survive failures, but slows the short interactive queries of the default group.\n\nFix: \
route ETL to a cluster with TASK retries (its own routing group) and keep the default group's \
clusters on `retry_policy = \"none\"` or `\"query\"`.";
    BACKEND_UNKNOWN = "TG007", "backend-unknown-cluster", Error,
        "A backend names a cluster the fleet does not have, or a cluster is no backend.",
        "Each backend of the gateway is a cluster of `[clusters.NAME]`; a name that matches \
none registers nothing; a cluster no backend names receives no query (a warning).\n\nFix: name \
the clusters as `[clusters]` does.";
    ROUTER_MONITOR = "TG008", "router-needs-metrics", Error,
        "Query-count routing with a monitor that does not report query counts.",
        "The query-count router picks the backend with the fewest queued queries; it learns them \
from the `METRICS` or `JDBC` monitor only. With another monitor it has no counts to compare.\n\n\
Fix: `monitor = \"METRICS\"` (or `\"JDBC\"`), or `router = \"random\"`.";
}

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::gateway::GatewayModel;

/// Checks a fleet behind the gateway.
pub fn check(g: &GatewayModel) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, b) in g.backends.iter().enumerate() {
        let Some(m) = g.members.iter().find(|m| m.name == b.name.value) else {
            if !g.members.is_empty() {
                let names: Vec<&str> = g.members.iter().map(|m| m.name.as_str()).collect();
                out.push(
                    Diagnostic::new(
                        &BACKEND_UNKNOWN,
                        format!(
                            "backend {i} names cluster `{}`, which the fleet does not have",
                            b.name.value
                        ),
                    )
                    .at(b.name.at.clone())
                    .help(format!("name one of: {}", names.join(", "))),
                );
            }
            continue;
        };
        if !m.forwarded {
            out.push(
                Diagnostic::new(
                    &GATEWAY_NOT_FORWARDED,
                    format!(
                        "cluster `{}` is behind the gateway without http-server.process-forwarded=true",
                        m.name
                    ),
                )
                .at(m.at.clone())
                .help("set `behind_proxy = true` in its `[cluster]` table (http-server.process-forwarded=true)"),
            );
        }
    }
    for m in &g.members {
        if !g.backends.iter().any(|b| b.name.value == m.name) {
            out.push(
                Diagnostic::new(
                    &BACKEND_UNKNOWN,
                    format!(
                        "cluster `{}` is no backend of the gateway: it receives no query",
                        m.name
                    ),
                )
                .severity(Severity::Warning)
                .at(g.backends_at.clone())
                .help("add it to the gateway's backends, or remove it"),
            );
        }
    }
    // Routing groups used, and whether an active backend of a known cluster serves each.
    let known = |name: &str| g.members.is_empty() || g.members.iter().any(|m| m.name == name);
    let mut used = vec![&g.default_group];
    used.extend(g.rules.iter().flat_map(|r| r.groups.iter()));
    let mut reported: Vec<&str> = Vec::new();
    for group in used.into_iter().filter(|_| g.backends_known) {
        let name = group.value.as_str();
        if reported.contains(&name) {
            continue;
        }
        let active = g
            .backends
            .iter()
            .any(|b| b.group.value == name && b.active && known(&b.name.value));
        if active {
            continue;
        }
        reported.push(name);
        let colours: Vec<&str> = g
            .backends
            .iter()
            .filter(|b| b.group.value == name)
            .filter_map(|b| b.colour.as_deref())
            .collect();
        let d = if colours.contains(&"blue") && colours.contains(&"green") {
            Diagnostic::new(
                &BLUE_GREEN_DOWN,
                format!("routing group `{name}`: both blue and green are inactive; the group serves nothing"),
            )
            .help("activate one colour before draining the other")
        } else {
            Diagnostic::new(
                &GROUP_WITHOUT_BACKEND,
                format!("routing group `{name}` has no active backend; its queries fail"),
            )
            .help("add or activate a backend of this routing group")
        };
        out.push(d.at(group.at.clone()));
    }
    for (i, r) in g.rules.iter().enumerate() {
        if g.rules[..i].iter().any(|o| o.name.value == r.name.value) {
            out.push(
                Diagnostic::new(
                    &ROUTING_RULE,
                    format!("two routing rules are named `{}`", r.name.value),
                )
                .at(r.name.at.clone())
                .help("give each rule its own name"),
            );
        }
        if r.condition.value.trim().is_empty() {
            out.push(
                Diagnostic::new(
                    &ROUTING_RULE,
                    format!("routing rule `{}` has no condition", r.name.value),
                )
                .at(r.condition.at.clone())
                .help("add `source`, `user`, `client_tags`, `header` or `condition`"),
            );
        } else if let Some(why) = unbalanced(&r.condition.value) {
            out.push(
                Diagnostic::new(
                    &ROUTING_RULE,
                    format!(
                        "routing rule `{}`: the condition does not parse: {why}",
                        r.name.value
                    ),
                )
                .at(r.condition.at.clone())
                .help("balance the quotes and parentheses of the MVEL expression"),
            );
        }
        if r.groups.is_empty() {
            out.push(
                Diagnostic::new(
                    &ROUTING_RULE,
                    format!(
                        "routing rule `{}` never sets a routing group: its actions lack `result.put(\"routingGroup\", ...)`",
                        r.name.value
                    ),
                )
                .at(r.name.at.clone())
                .help("add the action `result.put(\"routingGroup\", \"<group>\")`"),
            );
        }
    }
    // One release per routing group, among the active backends.
    let mut groups: Vec<&str> = g.backends.iter().map(|b| b.group.value.as_str()).collect();
    groups.sort_unstable();
    groups.dedup();
    for group in groups {
        let mut releases: Vec<(u32, &str)> = g
            .backends
            .iter()
            .filter(|b| b.group.value == group && b.active)
            .filter_map(|b| g.members.iter().find(|m| m.name == b.name.value))
            .map(|m| (m.release, m.name.as_str()))
            .collect();
        releases.sort_unstable();
        if releases.first().map(|r| r.0) != releases.last().map(|r| r.0) {
            let list: Vec<String> = releases
                .iter()
                .map(|(r, n)| format!("{n} on {r}"))
                .collect();
            let at = g
                .backends
                .iter()
                .find(|b| b.group.value == group)
                .map(|b| b.group.at.clone())
                .unwrap_or_default();
            out.push(
                Diagnostic::new(
                    &GROUP_RELEASES_DIFFER,
                    format!(
                        "routing group `{group}` serves from different Trino releases: {}",
                        list.join(", ")
                    ),
                )
                .at(at)
                .help("run one release per routing group; deactivate the old colour once the new one serves"),
            );
        }
    }
    for b in &g.backends {
        let Some(m) = g.members.iter().find(|m| m.name == b.name.value) else {
            continue;
        };
        if b.group.value == g.default_group.value && m.task_retries {
            out.push(
                Diagnostic::new(
                    &TASK_RETRIES_INTERACTIVE,
                    format!(
                        "cluster `{}` runs TASK retries but serves the default routing group `{}`, where short interactive queries go",
                        m.name, b.group.value
                    ),
                )
                .at(b.group.at.clone())
                .help("give the ETL cluster its own routing group and route ETL to it"),
            );
        }
    }
    if g.query_count_router && !matches!(g.monitor.value.as_str(), "METRICS" | "JDBC") {
        out.push(
            Diagnostic::new(
                &ROUTER_MONITOR,
                format!(
                    "the query-count router with monitor {}: it never learns the query counts",
                    g.monitor.value
                ),
            )
            .at(g.monitor.at.clone())
            .help("set the monitor to METRICS or JDBC"),
        );
    }
    out
}

/// Why an MVEL expression cannot parse: an unclosed string or unbalanced parentheses.
fn unbalanced(expr: &str) -> Option<String> {
    let mut depth: i64 = 0;
    let mut quote: Option<char> = None;
    let mut chars = expr.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(_), '\\') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => {
                depth -= 1;
                if depth < 0 {
                    return Some("a `)` closes nothing".into());
                }
            }
            // Inside a string, and anything else outside one.
            _ => {}
        }
    }
    if let Some(q) = quote {
        return Some(format!("a string opened with {q} is never closed"));
    }
    (depth > 0).then(|| format!("{depth} `(` never closed"))
}

#[cfg(test)]
mod tests {
    use super::unbalanced;

    #[test]
    fn finds_what_does_not_parse() {
        assert_eq!(unbalanced("request.getHeader(\"X\") == \"a\""), None);
        assert_eq!(unbalanced("a == 'it\\'s'"), None);
        assert!(unbalanced("request.getHeader(\"X\" == \"a\"").is_some());
        assert!(unbalanced("request.getHeader(\"X) == 1").is_some());
        assert!(unbalanced("a)").is_some());
    }
}
