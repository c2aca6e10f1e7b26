//! Trino Gateway's files read into the gateway model: `config.yaml` (router module, monitor,
//! default routing group, database password), the routing rules (a multi-document YAML of
//! MVEL conditions and actions) and the backends' registration bodies (`backends.json`).

use super::kubernetes::yaml::{documents, Node};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::gateway::{At, Backend, GatewayModel, Member, Rule};
use crate::rules;

/// A file: its name as shown and its text.
pub type Text<'a> = (&'a str, &'a str);

/// Documents a gateway file holds at most.
const MAX_DOCUMENTS: usize = 10_000;

fn parse(file: Text<'_>, out: &mut Vec<Diagnostic>) -> Vec<Node> {
    documents(file.1, file.0, MAX_DOCUMENTS).unwrap_or_else(|d| {
        out.push(*d);
        Vec::new()
    })
}

fn at(display: &str, node: Option<&Node>) -> Location {
    let (line, column) = match node {
        Some(Node::Scalar { line, col, .. }) => (*line, col + 1),
        _ => (1, 1),
    };
    Location {
        file: Some(display.to_owned()),
        line,
        column,
        ..Location::default()
    }
}

/// The routing groups `result.put("routingGroup", "<group>")` actions set.
fn action_groups(action: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = action;
    while let Some(i) = rest.find("\"routingGroup\"") {
        rest = &rest[i + "\"routingGroup\"".len()..];
        let Some(open) = rest.find('"') else { break };
        let after = &rest[open + 1..];
        let Some(close) = after.find('"') else { break };
        out.push(after[..close].to_owned());
        rest = &after[close + 1..];
    }
    out
}

/// Reads the gateway's files; `members` are the clusters whose configuration was read beside
/// them (none when only the gateway's files are given).
pub fn read(
    config: Text<'_>,
    routing_rules: Option<Text<'_>>,
    backends: Option<Text<'_>>,
    members: Vec<Member>,
) -> (GatewayModel, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let docs = parse(config, &mut out);
    let root = docs.first();
    let get = |path: &[&str]| root.and_then(|r| r.path(path));
    let fact = |path: &[&str], default: &str| {
        let node = get(path);
        At {
            value: node.and_then(Node::str).unwrap_or(default).to_owned(),
            at: at(config.0, node),
        }
    };
    if let Some(Node::Scalar { value, .. }) = get(&["dataStore", "password"]) {
        let placeholder = value.trim().starts_with("${ENV:") && value.trim().ends_with('}');
        if !placeholder && !value.is_empty() {
            out.push(
                Diagnostic::new(
                    &rules::LITERAL_CREDENTIAL,
                    "`dataStore.password` of the gateway holds a literal password",
                )
                .at(at(config.0, get(&["dataStore", "password"])))
                .help("write `password: ${ENV:GATEWAY_DB_PASSWORD}` and set the variable from a Secret"),
            );
        }
    }
    let query_count_router = get(&["modules"])
        .map(Node::seq)
        .unwrap_or_default()
        .iter()
        .filter_map(Node::str)
        .any(|m| m.ends_with("QueryCountBasedRouterProvider"));
    let mut rules_out = Vec::new();
    if let Some(file) = routing_rules {
        for doc in parse(file, &mut out) {
            let name = doc.get("name");
            let condition = doc.get("condition");
            let groups = doc
                .get("actions")
                .map(Node::seq)
                .unwrap_or_default()
                .iter()
                .flat_map(|a| {
                    action_groups(a.str().unwrap_or_default())
                        .into_iter()
                        .map(|g| At {
                            value: g,
                            at: at(file.0, Some(a)),
                        })
                })
                .collect();
            rules_out.push(Rule {
                name: At {
                    value: name.and_then(Node::str).unwrap_or_default().to_owned(),
                    at: at(file.0, name),
                },
                condition: At {
                    value: condition.and_then(Node::str).unwrap_or_default().to_owned(),
                    at: at(file.0, condition.or(name)),
                },
                groups,
            });
        }
    }
    let mut backends_out = Vec::new();
    let mut backends_at = at(config.0, None);
    if let Some((display, text)) = backends {
        backends_at = at(display, None);
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(serde_json::Value::Array(items)) => {
                for item in items {
                    let text_of = |k: &str| item.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
                    let name = text_of("name");
                    let colour = ["blue", "green"]
                        .into_iter()
                        .find(|c| name.contains(c))
                        .map(str::to_owned);
                    let group = item
                        .get("routingGroup")
                        .and_then(|v| v.as_str())
                        .unwrap_or("adhoc")
                        .to_owned();
                    backends_out.push(Backend {
                        name: At { value: name, at: backends_at.clone() },
                        group: At { value: group, at: backends_at.clone() },
                        active: item.get("active").and_then(serde_json::Value::as_bool).unwrap_or(true),
                        colour,
                    });
                }
            }
            Ok(_) => out.push(
                Diagnostic::new(&rules::MALFORMED_FILE, "the backends are not a JSON array of add-backend bodies")
                    .at(backends_at.clone())
                    .help("write `[{\"name\": ..., \"proxyTo\": ..., \"active\": true, \"routingGroup\": ...}]`"),
            ),
            Err(e) => out.push(
                Diagnostic::new(&rules::MALFORMED_FILE, format!("invalid JSON: {e}"))
                    .at(Location { line: e.line(), column: e.column(), ..backends_at.clone() })
                    .help("fix the JSON"),
            ),
        }
    }
    let model = GatewayModel {
        default_group: fact(&["routing", "defaultRoutingGroup"], "adhoc"),
        query_count_router,
        monitor: fact(&["clusterStatsConfiguration", "monitorType"], "INFO_API"),
        backends: backends_out,
        backends_known: backends.is_some(),
        rules: rules_out,
        members,
        backends_at,
    };
    (model, out)
}

#[cfg(test)]
mod tests {
    use super::action_groups;

    #[test]
    fn reads_the_groups_actions_set() {
        assert_eq!(
            action_groups("result.put(\"routingGroup\", \"etl\")"),
            ["etl"]
        );
        assert_eq!(
            action_groups(
                "result.put(\"routingGroup\",\"a\"); result.put(\"routingGroup\", \"b\")"
            ),
            ["a", "b"]
        );
        assert!(action_groups("result.put(\"other\", \"x\")").is_empty());
        assert!(action_groups("result.put(\"routingGroup\", ").is_empty());
    }
}
