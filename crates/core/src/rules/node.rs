//! `node.properties` and `log.properties`.

declare! {
    NODE_PROPERTIES = "TN001", "node-properties", Error,
        "An invalid `node.environment` or `node.id`.",
        "`node.environment` must match `[a-z0-9][_a-z0-9]*` and `node.id` \
`[A-Za-z0-9][_A-Za-z0-9-]*`; Trino refuses to start otherwise.\n\nFix: rename as the message says.";
    LOG_LEVEL = "TL001", "log-level", Error,
        "A `log.properties` level that does not exist.",
        "Levels are OFF, TRACE, DEBUG, INFO, WARN and ERROR.\n\nFix: use one of them.";
}

use super::{secrets, Cx};
use crate::catalogue::catalogue;
use crate::diagnostic::Diagnostic;
use crate::model::{Content, Node};
use crate::spec::names::{is_trino_identifier, printable};

/// Checks a node's `node.properties` and `log.properties`.
pub(crate) fn check(cx: &mut Cx<'_>, node: &Node) {
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
