//! A fleet behind Trino Gateway, end to end: each cluster read, lowered, checked and rendered
//! as a spec of its own (its diagnostics placed in the fleet's text), the fleet rules, and the
//! gateway's files and objects beside the clusters'.

use crate::diagnostic::{self, Diagnostic};
use crate::model::gateway::{self as model, GatewayModel};
use crate::render::{gateway, FleetOutput, Rendered};
use indexmap::IndexMap;

use crate::spec::fleet::{load_fleet, Files, Fleet, LoadedFleet, MemberFile};
use crate::spec::SpanIndex;
use crate::spec::{self, Loaded};
use crate::{lower_loaded, rules, run_read, Outcome};

/// Reads, checks and (when there is no error) renders a fleet spec; `files` reads the spec
/// files of clusters given by path.
pub(crate) fn run(source: &str, release: Option<u32>, render: bool, files: Files<'_>) -> Outcome {
    let LoadedFleet {
        mut diagnostics,
        spans,
        fleet,
        files: member_files,
        in_bounds,
    } = load_fleet(source, files);
    rules::secrets::mask_spec_literals(&mut diagnostics);
    let Some(fleet) = fleet else {
        return Outcome {
            diagnostics: diagnostic::finish(diagnostics),
            memory: None,
            output: None,
            target: None,
        };
    };
    let sources = Sources {
        fleet: source,
        spans: &spans,
        files: &member_files,
    };
    run_fleet(&sources, &fleet, in_bounds, diagnostics, release, render)
}

/// Where a fleet's clusters are written: the fleet's text, or their own files.
struct Sources<'a> {
    fleet: &'a str,
    spans: &'a SpanIndex,
    files: &'a IndexMap<String, MemberFile>,
}

/// The rules over a fleet as read (or as a step of an upgrade makes it), and its output.
fn run_fleet(
    sources: &Sources<'_>,
    fleet: &Fleet,
    in_bounds: bool,
    mut diagnostics: Vec<Diagnostic>,
    release: Option<u32>,
    render: bool,
) -> Outcome {
    let mut members = Vec::new();
    let mut outputs: Vec<(String, Option<Rendered>)> = Vec::new();
    let mut first = None;
    let (source, spans) = (sources.fleet, sources.spans);
    for (name, spec) in &fleet.clusters {
        let file = sources.files.get(name);
        let prefix = match file {
            Some(_) => String::new(),
            None => format!("clusters.{name}."),
        };
        let mut spec = spec.clone();
        if let Some(release) = release {
            spec.cluster.trino_version = release;
        }
        let loaded = Loaded {
            diagnostics: Vec::new(),
            spans: file.map_or_else(|| spans.under(&prefix), |f| f.spans.clone()),
            spec: Some(spec),
            in_bounds,
        };
        let text = file.map_or(source, |f| f.text.as_str());
        let read = lower_loaded(text, loaded, release);
        if let Some(lowered) = &read.lowered {
            let at = match file {
                Some(f) => {
                    let mut at = f.spans.locate(&f.text, "cluster");
                    at.file = Some(f.path.clone());
                    at
                }
                None => spans.locate(source, &format!("clusters.{name}.cluster")),
            };
            members.push(member(name, &lowered.cluster, at));
        }
        let outcome = run_read(read, render);
        for mut d in outcome.diagnostics {
            if d.location.file.is_none() {
                match file {
                    Some(f) => d.location.file = Some(f.path.clone()),
                    None => {
                        if let Some(path) = &d.location.path {
                            d.location.path = Some(format!("{prefix}{path}"));
                        }
                    }
                }
            }
            diagnostics.push(d);
        }
        if first.is_none() {
            first = Some((outcome.memory.clone(), outcome.target.clone()));
        }
        outputs.push((name.clone(), outcome.output));
    }
    diagnostics.extend(rules::fleet::check(&model_of(
        fleet, members, source, spans,
    )));
    let diagnostics = diagnostic::finish(diagnostics);
    let ok = !diagnostics.iter().any(Diagnostic::is_error);
    let (memory, target) = first.unwrap_or((None, None));
    let output = (render && ok).then(|| combine(fleet, outputs)).flatten();
    Outcome {
        diagnostics,
        memory,
        output,
        target,
    }
}

/// The fleet's output: every cluster's, the gateway's files, one Kubernetes stream.
fn combine(
    fleet: &spec::fleet::Fleet,
    outputs: Vec<(String, Option<Rendered>)>,
) -> Option<Rendered> {
    let mut clusters = Vec::new();
    for (name, r) in outputs {
        clusters.push((name, r?));
    }
    let gateway_files = vec![
        (
            "config.yaml".to_owned(),
            gateway::config_yaml(&fleet.gateway),
        ),
        (
            "routing-rules.yaml".to_owned(),
            gateway::routing_rules(&fleet.gateway),
        ),
        ("backends.json".to_owned(), gateway::backends_json(fleet)),
    ];
    let mut kubernetes = String::new();
    let mut env = Vec::new();
    for (_, r) in &clusters {
        kubernetes.push_str(&r.kubernetes);
        env.extend(r.env.iter().cloned());
    }
    kubernetes.push_str(&gateway::objects(fleet, &gateway_files));
    let (_, head) = clusters.first()?;
    Some(Rendered {
        coordinator: head.coordinator.clone(),
        worker: head.worker.clone(),
        env,
        kubernetes,
        fleet: Some(FleetOutput {
            clusters,
            gateway: gateway_files,
        }),
    })
}

/// What the fleet rules need of a cluster, from its model (a spec lowered or files read).
pub fn member(name: &str, cluster: &crate::Cluster, at: crate::Location) -> model::Member {
    let coordinator = cluster
        .nodes
        .iter()
        .find(|n| n.role() == crate::Role::Coordinator);
    model::Member {
        name: name.to_owned(),
        at,
        forwarded: coordinator
            .is_some_and(|n| n.config_flag("http-server.process-forwarded", false)),
        release: cluster.target.release,
        task_retries: coordinator
            .and_then(|n| n.config())
            .and_then(|c| c.value("retry-policy"))
            .is_some_and(|v| v.eq_ignore_ascii_case("task")),
    }
}

/// The gateway model of a fleet spec.
fn model_of(
    fleet: &Fleet,
    members: Vec<model::Member>,
    source: &str,
    spans: &SpanIndex,
) -> GatewayModel {
    let g = &fleet.gateway;
    let at = |path: &str| spans.locate(source, path);
    let fact = |value: &str, path: &str| model::At {
        value: value.to_owned(),
        at: at(path),
    };
    GatewayModel {
        default_group: fact(&g.default_routing_group, "gateway.default_routing_group"),
        query_count_router: g.router == crate::spec::fleet::Router::QueryCount,
        monitor: fact(g.monitor.as_str(), "gateway.monitor"),
        backends: g
            .backends
            .iter()
            .enumerate()
            .map(|(i, b)| model::Backend {
                name: fact(&b.cluster, &format!("gateway.backends[{i}].cluster")),
                group: fact(
                    &b.routing_group,
                    &format!("gateway.backends[{i}].routing_group"),
                ),
                active: b.active,
                colour: b.colour.map(|c| c.as_str().to_owned()),
            })
            .collect(),
        backends_known: true,
        rules: g
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let base = format!("gateway.rules[{i}]");
                let condition_at = if r.condition.is_some() {
                    format!("{base}.condition")
                } else {
                    base.clone()
                };
                model::Rule {
                    name: fact(&r.name, &format!("{base}.name")),
                    condition: fact(&gateway::condition(r), &condition_at),
                    groups: vec![fact(&r.routing_group, &format!("{base}.routing_group"))],
                }
            })
            .collect(),
        members,
        backends_at: at("gateway.backends"),
    }
}

/// One step of a blue/green upgrade: what is done, the gateway API call it takes, and what the
/// fleet's rules say of the fleet after it.
#[derive(Debug, Clone)]
pub struct Step {
    /// What is done.
    pub action: String,
    /// The gateway API call, when the step is one.
    pub call: Option<String>,
    /// Each backend after the step: name, routing group, release, active.
    pub state: Vec<(String, String, u32, bool)>,
    /// What the rules say of the fleet after the step.
    pub diagnostics: Vec<Diagnostic>,
}

/// The steps that move a fleet to Trino `to` without downtime: for each blue/green pair, drain
/// blue, upgrade it, activate it, drain green, upgrade it, activate it; a cluster without a
/// pair is upgraded in place (its group has no other backend while it restarts). `Err` with
/// the fleet's diagnostics when it does not read.
///
/// # Errors
/// The diagnostics of a fleet that does not read.
pub fn upgrade_plan(source: &str, to: u32, files: Files<'_>) -> Result<Vec<Step>, Vec<Diagnostic>> {
    let loaded = load_fleet(source, files);
    let Some(mut fleet) = loaded.fleet else {
        return Err(diagnostic::finish(loaded.diagnostics));
    };
    let spans = loaded.spans;
    let member_files = loaded.files;
    let sources = Sources {
        fleet: source,
        spans: &spans,
        files: &member_files,
    };
    let gateway = fleet.gateway.name.clone();
    let call =
        |verb: &str, name: &str| format!("POST /gateway/backend/{verb}/{name} (on {gateway})");
    let mut steps = Vec::new();
    let mut record = |fleet: &Fleet, action: String, call: Option<String>| {
        let outcome = run_fleet(&sources, fleet, loaded.in_bounds, Vec::new(), None, false);
        let state = fleet
            .gateway
            .backends
            .iter()
            .map(|b| {
                let release = fleet
                    .clusters
                    .get(&b.cluster)
                    .map_or(0, |c| c.cluster.trino_version);
                (
                    b.cluster.clone(),
                    b.routing_group.clone(),
                    release,
                    b.active,
                )
            })
            .collect();
        steps.push(Step {
            action,
            call,
            state,
            diagnostics: outcome.diagnostics,
        });
    };
    record(&fleet, "the fleet as it is".to_owned(), None);
    let order: Vec<String> = {
        // Pairs first, blue before green; then the clusters without a pair.
        let mut paired: Vec<(u8, String)> = fleet
            .gateway
            .backends
            .iter()
            .map(|b| {
                let rank = match b.colour.map(crate::spec::fleet::Colour::as_str) {
                    Some("blue") => 0,
                    Some(_) => 1,
                    None => 2,
                };
                (rank, b.cluster.clone())
            })
            .collect();
        paired.sort();
        paired.into_iter().map(|(_, c)| c).collect()
    };
    for name in order {
        let Some(index) = fleet
            .gateway
            .backends
            .iter()
            .position(|b| b.cluster == name)
        else {
            continue;
        };
        if fleet
            .clusters
            .get(&name)
            .is_none_or(|c| c.cluster.trino_version == to)
        {
            continue;
        }
        let paired = fleet.gateway.backends[index].colour.is_some();
        if paired {
            fleet.gateway.backends[index].active = false;
            record(
                &fleet,
                format!(
                    "drain {name}: the gateway stops routing to it; its running queries finish"
                ),
                Some(call("deactivate", &name)),
            );
        }
        if let Some(c) = fleet.clusters.get_mut(&name) {
            c.cluster.trino_version = to;
        }
        let how = if paired {
            format!("upgrade {name} to Trino {to} (`trino_version = {to}`, `trinocfg gen`, apply)")
        } else {
            format!("upgrade {name} to Trino {to} in place: it has no pair, so its routing group waits while it restarts")
        };
        record(&fleet, how, None);
        if paired {
            fleet.gateway.backends[index].active = true;
            record(
                &fleet,
                format!("activate {name}: it serves again, on Trino {to}"),
                Some(call("activate", &name)),
            );
        }
    }
    Ok(steps)
}
