//! The pods as the chart writes them: each role's placement (`nodeSelector`, `tolerations`,
//! `affinity`, ...), its `terminationGracePeriodSeconds` (30 by default), its own
//! `lifecycle.preStop`, and the workers' preStop hook with graceful shutdown
//! (`PUT /v1/info/state` as `admin`, then waiting for Trino to exit).

use super::{plugins, Node, Values};
use crate::diagnostic::Diagnostic;
use crate::input::kubernetes::objects::hook_command;
use crate::input::kubernetes::placement::placement;
use crate::memory::Role;
use crate::model::{Fact, Origin, Pod, PreStop};

/// The chart's default `terminationGracePeriodSeconds` for both roles.
const TERMINATION_GRACE: u64 = 30;

/// Fills `pod` of `role` with the lifecycle the values give it; a combination the chart
/// refuses to render is added to `refused`.
pub(super) fn pod(
    v: &Values<'_>,
    display: &str,
    role: Role,
    pod: &mut Pod,
    refused: &mut Vec<Diagnostic>,
) {
    let r = role.as_str();
    // The role's `nodeSelector`, `tolerations`, `affinity`, ... have the pod spec's shapes.
    if let Some(values) = v.get(&[r]) {
        pod.placement = placement(values);
    }
    let grace = v.get(&[r, "terminationGracePeriodSeconds"]);
    pod.termination_grace = Some(
        match grace.and_then(|n| Some((n.str()?.parse().ok()?, n))) {
            Some((seconds, node)) => Fact {
                value: seconds,
                at: v.at(node, display),
            },
            None => Fact {
                value: TERMINATION_GRACE,
                at: Origin::Nowhere,
            },
        },
    );
    let own = v.get(&[r, "lifecycle", "preStop"]);
    let graceful =
        role == Role::Worker && v.str(&["worker", "gracefulShutdown", "enabled"]) == Some("true");
    if graceful && v.is_set(&["worker", "lifecycle"]) {
        refused.push(plugins::refusal(
            v,
            display,
            &["worker", "lifecycle"],
            "the chart refuses `worker.lifecycle` beside `worker.gracefulShutdown.enabled` (`helm template` fails)".to_owned(),
            "remove `worker.lifecycle`, or disable `worker.gracefulShutdown` and write the preStop hook yourself",
        ));
        return;
    }
    if graceful {
        drain_fits(v, display, refused);
    }
    pod.pre_stop = if graceful {
        let port = v.str(&["service", "port"]).unwrap_or("8080");
        let command = format!(
            "curl -v -X PUT -d '\"SHUTTING_DOWN\"' -H 'Content-type: application/json' -H 'X-Trino-User: admin' http://localhost:{port}/v1/info/state\ntail --pid=1 -f /dev/null"
        );
        let at = v
            .get(&["worker", "gracefulShutdown", "enabled"])
            .map_or(Origin::Nowhere, |n| v.at(n, display));
        Some(Fact {
            value: PreStop::of_command(&command),
            at,
        })
    } else {
        own.and_then(|hook: &Node| {
            let (command, _, _) = hook_command(hook)?;
            let first_word = hook.path(&["exec", "command"])?.seq().first()?;
            Some(Fact {
                value: PreStop::of_command(&command),
                at: v.at(first_word, display),
            })
        })
    };
}

/// The chart's default `worker.gracefulShutdown.gracePeriodSeconds`.
const SHUTDOWN_GRACE: f64 = 120.0;

/// The chart refuses graceful shutdown unless the workers' termination grace period is at least
/// twice `gracePeriodSeconds` (the worker drains, then waits as long again).
fn drain_fits(v: &Values<'_>, display: &str, refused: &mut Vec<Diagnostic>) {
    let seconds = |path: &[&str], default: f64| {
        v.str(path)
            .and_then(crate::decimal::parse_f64)
            .unwrap_or(default)
    };
    let grace = seconds(
        &["worker", "gracefulShutdown", "gracePeriodSeconds"],
        SHUTDOWN_GRACE,
    );
    #[allow(clippy::cast_precision_loss)]
    let termination = seconds(
        &["worker", "terminationGracePeriodSeconds"],
        TERMINATION_GRACE as f64,
    );
    if 2.0 * grace > termination {
        let path: &[&str] = if v
            .get(&["worker", "terminationGracePeriodSeconds"])
            .is_some()
        {
            &["worker", "terminationGracePeriodSeconds"]
        } else {
            &["worker", "gracefulShutdown", "enabled"]
        };
        refused.push(plugins::refusal(
            v,
            display,
            path,
            format!(
                "the chart refuses graceful shutdown with `worker.terminationGracePeriodSeconds` {termination} below twice `gracePeriodSeconds` {grace} (`helm template` fails)"
            ),
            &format!(
                "set `worker.terminationGracePeriodSeconds` to at least {}",
                2.0 * grace
            ),
        ));
    }
}

/// What the chart refuses of the workers' autoscaling and the network policy: KEDA beside the
/// HPA, KEDA without triggers, a network policy with a `NodePort` Service.
pub(super) fn refusals(v: &Values<'_>, display: &str) -> Vec<Diagnostic> {
    let on = |path: &[&str]| v.str(path) == Some("true");
    let mut out = Vec::new();
    if on(&["server", "keda", "enabled"]) {
        if on(&["server", "autoscaling", "enabled"]) {
            out.push(plugins::refusal(
                v,
                display,
                &["server", "autoscaling", "enabled"],
                "the chart refuses `server.autoscaling` beside `server.keda` (`helm template` fails)".to_owned(),
                "scale the workers with one autoscaler: disable `server.autoscaling` or `server.keda`",
            ));
        }
        if !v.is_set(&["server", "keda", "triggers"]) {
            out.push(plugins::refusal(
                v,
                display,
                &["server", "keda", "enabled"],
                "the chart refuses `server.keda` without `server.keda.triggers` (`helm template` fails)".to_owned(),
                "give at least one trigger, e.g. a `prometheus` trigger on the queued queries",
            ));
        }
    }
    if on(&["networkPolicy", "enabled"]) && v.str(&["service", "type"]) == Some("NodePort") {
        out.push(plugins::refusal(
            v,
            display,
            &["networkPolicy", "enabled"],
            "the chart refuses `networkPolicy` with a `NodePort` Service: traffic through the node bypasses the policy (`helm template` fails)".to_owned(),
            "use a `ClusterIP` Service (with an ingress), or disable `networkPolicy`",
        ));
    }
    out
}
