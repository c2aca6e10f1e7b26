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
