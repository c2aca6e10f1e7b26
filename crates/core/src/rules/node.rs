//! The files of a node's configuration directory: the ones the launcher needs,
//! `node.properties` and `log.properties`.

declare! {
    NODE_PROPERTIES = "TN001", "node-properties", Error,
        "A missing or invalid `node.environment`, or an invalid `node.id`.",
        "`node.environment` is required (airlift's `NodeConfig`: `@NotNull`, no default) and must \
match `[a-z0-9][_a-z0-9]*`; `node.id` must match `[A-Za-z0-9][_A-Za-z0-9-]*`; Trino refuses to \
start otherwise (\"Invalid configuration property node.environment: must not be null\"). The \
environment is read from `node.properties`, `config.properties` or a `-Dnode.environment=` line \
of `jvm.config`; a missing one is judged only where the input holds the whole configuration \
directory (an image's own `node.properties` is hidden by a ConfigMap mounted over \
`/etc/trino`).\n\nFix: set `node.environment=production` (lowercase letters, digits, `_`) in \
`node.properties`, or rename as the message says.";
    LOG_LEVEL = "TL001", "log-level", Error,
        "A `log.properties` level that does not exist.",
        "Levels are OFF, TRACE, DEBUG, INFO, WARN and ERROR.\n\nFix: use one of them.";
    IMAGE_RELEASE = "TN003", "image-release", Error,
        "A node whose image runs another Trino release than the configuration is for.",
        "The files are written for one release (the spec's `trino_version`, the release given \
with `--trino-version`, or the coordinator's image): keys, defaults and switches differ between \
releases, so an image of another release may refuse them. Between the nodes of one cluster it \
is worse: the coordinator treats every node whose version differs from its own as inactive \
(`DiscoveryNodeManager`), so workers of another release take no work, and queries wait for \
workers that never come.\n\nFix: run one release everywhere: set the image tag to the \
release the configuration is for (`trinodb/trino:482`), or the spec's `trino_version` to the \
image's.";
    ENVIRONMENT_MISMATCH = "TN004", "environment-mismatch", Error,
        "A worker whose `node.environment` is not the coordinator's.",
        "Every node of a cluster must have the same `node.environment`. The coordinator takes \
a worker only from its own environment: with the announcement discovery of recent releases it \
marks the worker INVALID (\"Node environment mismatch: expected production, got prod\"), and \
the embedded airlift discovery server of earlier releases refuses the worker's announcements \
(\"Environment mismatch. Expected: production, Provided: prod\"). Either way the worker starts, \
runs and is ready, and never takes work: queries run on fewer workers than deployed, or fail \
with `No nodes available to run query`. Judged when the input holds one coordinator and its \
workers, each with a literal `node.environment` (a placeholder is not compared).\n\nFix: set \
the coordinator's `node.environment` on every worker.";
    LAUNCHER_FILE_MISSING = "TN002", "launcher-file-missing", Error,
        "A configuration directory without `jvm.config` or `config.properties`.",
        "Trino is started by its launcher (`bin/launcher run`; the official image's `run-trino` \
runs `launcher run --etc-dir /etc/trino`), which stops before Java starts when either file is \
missing from the configuration directory: \"JVM config file is missing: could not find file: \
/etc/trino/jvm.config\" and \"config file is missing: could not find file: \
/etc/trino/config.properties\" (the launcher of airlift/launcher; the older Python launcher \
said \"JVM config file is missing: ...\" and \"Config file is missing: ...\"). A pod crash-loops \
on it. `node.properties` and `log.properties` are optional to the launcher: it requires \
`node.properties` only when `--node-config` names it.\n\nThe rule judges inputs that hold a \
whole directory: an etc/ tree, a `gen` output, the ConfigMap a Trino workload mounts at its \
configuration root. A single file or a `catalog/` directory checked alone says nothing about \
the other files.\n\nFix: add the file (`trinocfg gen` writes both); in Kubernetes, add it to \
the ConfigMap mounted at the configuration root, e.g. `jvm.config: |` with `-Xmx` or \
`-XX:MaxRAMPercentage` and the options of Trino's deployment guide.";
}

use super::{secrets, Cx};
use crate::catalogue::catalogue;
use crate::diagnostic::Diagnostic;
use crate::memory::Role;
use crate::model::target::release_of_image;
use crate::model::{Content, Node, Property, TargetSource};
use crate::spec::names::{is_trino_identifier, printable};

/// Checks that a node's configuration directory has the launcher's files, and its
/// `node.properties` and `log.properties`.
pub(crate) fn check(cx: &mut Cx<'_>, node: &Node) {
    launcher_files(cx, node);
    environment_missing(cx, node);
    for file in &node.files {
        let Content::Properties(props) = &file.content else {
            continue;
        };
        match file.rel.as_str() {
            "node.properties" => {
                for entry in &props.entries {
                    secrets::property(cx, node, file, entry);
                }
                // System properties are not trimmed.
                if let Some(e) = props.get("node.environment") {
                    if !is_trino_identifier(&e.value) {
                        let d = Diagnostic::new(
                            &NODE_PROPERTIES,
                            format!(
                                "node.environment `{}` does not match `[a-z0-9][_a-z0-9]*`",
                                printable(&e.value)
                            ),
                        )
                        .at(cx.at_value(e))
                        .help("use lowercase letters, digits and `_` (no trailing spaces)");
                        cx.push(d);
                    }
                }
                if let Some(e) = props.get("node.id") {
                    let ok = e
                        .value
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric())
                        && e.value
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                    if !ok && !e.value.contains("${") {
                        let d = Diagnostic::new(
                            &NODE_PROPERTIES,
                            format!(
                                "node.id `{}` does not match `[A-Za-z0-9][_A-Za-z0-9-]*`",
                                printable(&e.value)
                            ),
                        )
                        .at(cx.at_value(e))
                        .help("use letters, digits, `_` and `-`; or leave node.id unset for a generated one");
                        cx.push(d);
                    }
                }
            }
            "log.properties" => {
                let levels = catalogue().log_levels();
                for entry in &props.entries {
                    let value = entry.value.trim();
                    let d = if value.contains("${") {
                        Diagnostic::new(
                            &super::PLACEHOLDER_PROVIDER,
                            "placeholders are not resolved in log.properties",
                        )
                        .help("write the level itself")
                    } else if !levels.iter().any(|l| l.eq_ignore_ascii_case(value)) {
                        Diagnostic::new(
                            &LOG_LEVEL,
                            format!("`{}` is not a log level", printable(value)),
                        )
                        .help(format!("use one of {}", levels.join(", ")))
                    } else {
                        continue;
                    };
                    let d = d.at(cx.at_value(entry));
                    cx.push(d);
                }
            }
            _ => {}
        }
    }
}

/// Nodes whose image names another release than the one the cluster is judged as (when the
/// release comes from the input: a spec, or the coordinator's image).
pub(crate) fn image_releases(cx: &mut Cx<'_>) {
    let target = &cx.cluster.target;
    for node in &cx.cluster.nodes {
        let Some(image) = &node.image else {
            continue;
        };
        let Some(release) = release_of_image(&image.value) else {
            continue;
        };
        if release == target.release {
            continue;
        }
        let (message, help) = match &target.source {
            TargetSource::Image { image: other, workload } => (
                format!(
                    "{} runs Trino {release} ({}), {workload} runs Trino {} ({other}): the coordinator leaves nodes of another version inactive",
                    node.label, image.value, target.release
                ),
                format!("run one release: set the image of {} to the coordinator's", node.label),
            ),
            TargetSource::Spec { .. } => (
                format!(
                    "the image {} runs Trino {release}, the files are written for Trino {} (cluster.trino_version)",
                    image.value, target.release
                ),
                format!(
                    "set `cluster.trino_version = {release}`, or leave `kubernetes.image` out for `trinodb/trino:{}`",
                    target.release
                ),
            ),
            // A release given on the command line judges the files as if they ran it.
            TargetSource::Given | TargetSource::Newest => continue,
        };
        let d = Diagnostic::new(&IMAGE_RELEASE, message)
            .at(cx.at(&image.at, None))
            .help(help);
        // One problem of the spec, however many roles share its image.
        if !cx.reported(&IMAGE_RELEASE, &d.location) {
            cx.push(d);
        }
    }
}

/// The `node.environment` entry Trino takes for a node: node.properties' (the launcher passes
/// it as system properties, which come before config.properties), else config.properties'.
fn environment(node: &Node) -> Option<&Property> {
    ["node.properties", "config.properties"]
        .iter()
        .find_map(|f| node.properties(f)?.get("node.environment"))
}

/// `TN004`: workers whose `node.environment` differs from the coordinator's, in a cluster of
/// one coordinator.
pub(crate) fn environments(cx: &mut Cx<'_>) {
    let cluster = cx.cluster;
    let role_of = |n: &&Node| n.config().is_some();
    let mut coordinators = cluster
        .nodes
        .iter()
        .filter(role_of)
        .filter(|n| n.role() == Role::Coordinator);
    let (Some(coordinator), None) = (coordinators.next(), coordinators.next()) else {
        return;
    };
    let Some(expected) = environment(coordinator).filter(|e| !e.value.contains("${")) else {
        return;
    };
    for worker in cluster
        .nodes
        .iter()
        .filter(role_of)
        .filter(|n| n.role() == Role::Worker)
    {
        let Some(e) = environment(worker) else {
            continue;
        };
        if e.value == expected.value || e.value.contains("${") {
            continue;
        }
        let d = Diagnostic::new(
            &ENVIRONMENT_MISMATCH,
            format!(
                "{}: node.environment `{}` is not the coordinator's `{}` ({}): the coordinator never gives the worker work (\"Node environment mismatch\")",
                worker.label,
                printable(&e.value),
                printable(&expected.value),
                coordinator.label
            ),
        )
        .at(cx.at_value(e))
        .help(format!(
            "set `node.environment={}` on the worker",
            printable(&expected.value)
        ));
        cx.push_once(d);
    }
}

/// A whole configuration directory that sets `node.environment` nowhere Trino reads it.
fn environment_missing(cx: &mut Cx<'_>, node: &Node) {
    if !node.complete.root || node.file("config.properties").is_none() {
        return;
    }
    let in_properties = ["node.properties", "config.properties"].iter().any(|f| {
        node.properties(f)
            .is_some_and(|p| p.get("node.environment").is_some())
    });
    let in_jvm = node.jvm().is_some_and(|(_, j)| {
        j.options
            .iter()
            .any(|o| o.text.starts_with("-Dnode.environment="))
    });
    // Options the JVM takes from the environment may set it too.
    let from_env = node.env.as_ref().is_some_and(|env| {
        env.iter()
            .any(|v| v == "JAVA_TOOL_OPTIONS" || v == "JDK_JAVA_OPTIONS")
    });
    if in_properties || in_jvm || from_env {
        return;
    }
    let at = node
        .file("node.properties")
        .map_or_else(|| cx.at(&node.root_at, None), |f| cx.at(&f.at, None));
    let d = Diagnostic::new(
        &NODE_PROPERTIES,
        format!(
            "{}: `node.environment` is not set; Trino refuses to start: \"Invalid configuration property node.environment: must not be null\"",
            node.label
        ),
    )
    .at(at)
    .help("set `node.environment=production` (lowercase letters, digits, `_`) in node.properties");
    cx.push(d);
}

/// The files without which the launcher stops (judged only when the input holds the whole
/// configuration root). Both are reported: the launcher names the first it misses.
fn launcher_files(cx: &mut Cx<'_>, node: &Node) {
    if !node.complete.root {
        return;
    }
    for (rel, launcher) in [
        ("jvm.config", "JVM config file is missing"),
        ("config.properties", "config file is missing"),
    ] {
        if node.file(rel).is_some() {
            continue;
        }
        let what = if rel == "jvm.config" {
            "the JVM options, one per line, with the heap (`-Xmx` or `-XX:MaxRAMPercentage`)"
        } else {
            "the server's properties: `coordinator`, `http-server.http.port`, `discovery.uri`, the memory limits"
        };
        let d = Diagnostic::new(
            &LAUNCHER_FILE_MISSING,
            format!(
                "{}: no {rel} in the configuration directory; the launcher stops before Trino starts: \"{launcher}\"",
                node.label
            ),
        )
        .at(cx.at(&node.root_at, None))
        .help(format!("add {rel}: {what}"));
        cx.push(d);
    }
}

#[cfg(test)]
mod tests {
    /// The `TN004` findings of the corpus stream whose workers say `prod`, after `edit`.
    fn mismatches(edit: impl Fn(String) -> String) -> usize {
        let text = include_str!(
            "../../../../fixtures/check/kubernetes/tn004-worker-environment-differs.yaml"
        );
        let cluster = crate::input::kubernetes::read(&edit(text.to_owned()), "s.yaml");
        crate::rules::check(&cluster)
            .iter()
            .filter(|d| d.code == "TN004")
            .count()
    }

    #[test]
    fn workers_of_another_environment_are_found() {
        assert_eq!(mismatches(|t| t), 1);
        let same =
            |t: String| t.replace("node.environment=prod\n", "node.environment=production\n");
        assert_eq!(mismatches(same), 0);
        // A placeholder is not compared, nor is a worker of a stream of two coordinators.
        let placeholder = |t: String| t.replace("=prod\n", "=${ENV:TRINO_ENVIRONMENT}\n");
        assert_eq!(mismatches(placeholder), 0);
        let second = |t: String| {
            let coordinator = &t[t.find("---\napiVersion: v1\nkind: ConfigMap").unwrap()..];
            let coordinator = &coordinator[..coordinator[4..].find("---").unwrap() + 4];
            format!(
                "{t}{}",
                coordinator.replace("analytics-coordinator", "other-coordinator")
            )
        };
        assert_eq!(mismatches(second), 0);
    }
}
