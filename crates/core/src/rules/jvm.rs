//! `jvm.config`: options the JVM rejects, no heap size, garbage collectors, and placeholders
//! (which the launcher does not resolve).

declare! {
    NO_HEAP_SIZE = "TJ001", "no-heap-size", Warning,
        "`jvm.config` sets no heap size.",
        "Without `-Xmx` or `-XX:MaxRAMPercentage` the JVM takes a quarter of the memory it sees, \
far below what Trino should have.\n\nFix: add `-Xmx` (70–85% of the node's memory) or \
`-XX:MaxRAMPercentage=80`.";
    GARBAGE_COLLECTOR = "TJ002", "garbage-collector", Warning,
        "A garbage collector other than G1, or several at once.",
        "Trino is tuned and tested with G1 and warns at startup otherwise; two collectors at once \
stop the JVM from starting.\n\nFix: remove the other collector flags (G1 is the default).";
    INVALID_JVM_OPTION = "TJ003", "invalid-jvm-option", Error,
        "A JVM option with a value the JVM rejects.",
        "The JVM exits before Trino starts, e.g. `-Xmx16GB` (the JVM wants `-Xmx16G`).\n\nFix: \
correct the option.";
}

use super::Cx;
use crate::credentials;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Node;

/// Checks a node's `jvm.config`.
pub(crate) fn check(cx: &mut Cx<'_>, node: &Node) {
    let Some((file, jvm)) = node.jvm() else {
        return;
    };
    options(cx, node);
    let summary = &jvm.summary;
    for (line, message) in &summary.invalid {
        let d = Diagnostic::new(&INVALID_JVM_OPTION, format!("jvm.config: {message}"))
            .at(cx.at(&jvm.at_line(*line), None))
            .help("correct the option; the JVM will not start");
        cx.push(d);
    }
    for (option, at) in jvm.options.iter().zip(&jvm.origins) {
        if option.text.contains("${") {
            let d = Diagnostic::new(
                &super::PLACEHOLDER_PROVIDER,
                "placeholders are not resolved in jvm.config",
            )
            .at(cx.at(at, None))
            .help("write the value itself");
            cx.push(d);
        }
    }
    let invalid_heap = summary.invalid.iter().any(|(_, m)| {
        m.contains("-Xmx") || m.contains("MaxRAMPercentage") || m.contains("MaxHeapSize")
    });
    if summary.max_heap.is_none() && summary.max_ram_percentage.is_none() && !invalid_heap {
        let d = Diagnostic::new(
            &NO_HEAP_SIZE,
            "jvm.config sets no heap size; the JVM takes a quarter of the memory",
        )
        .at(cx.at(&file.at, None))
        .help("add `-Xmx` (70–85% of the node's memory) or `-XX:MaxRAMPercentage=80`");
        cx.push(d);
    }
    if summary.gc_enabled.len() > 1 {
        let names: Vec<&str> = summary.gc_enabled.iter().map(|(n, _)| n.as_str()).collect();
        let line = summary.gc_enabled.last().map_or(1, |(_, l)| *l);
        let d = Diagnostic::new(
            &GARBAGE_COLLECTOR,
            format!(
                "several garbage collectors are enabled ({}); the JVM will not start",
                names.join(", ")
            ),
        )
        .severity(Severity::Error)
        .at(cx.at(&jvm.at_line(line), None))
        .help("keep only -XX:+UseG1GC");
        cx.push(d);
    } else if let Some((name, line)) = &summary.gc {
        if name != "G1" {
            let d = Diagnostic::new(
                &GARBAGE_COLLECTOR,
                format!("the {name} garbage collector; Trino is tuned for G1 and warns at startup"),
            )
            .at(cx.at(&jvm.at_line(*line), None))
            .help("remove the flag; G1 is the default");
            cx.push(d);
        }
    }
}

/// Options that cannot be one line of `jvm.config` as written: the launcher splits lines,
/// strips them, skips `#` comments, and `java` takes an argument without `-` as the main class.
pub(crate) fn options(cx: &mut Cx<'_>, node: &Node) {
    let Some((_, jvm)) = node.jvm() else {
        return;
    };
    for (option, at) in jvm.options.iter().zip(&jvm.origins) {
        let text = option.text.as_str();
        let why = if let Some(c) = text
            .chars()
            .find(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'))
        {
            format!(
                "holds the control or line-separator character U+{:04X}; the launcher and YAML readers would split or alter it",
                u32::from(c)
            )
        } else if text.trim().is_empty() {
            "is empty".to_owned()
        } else if text.trim() != text {
            "starts or ends with whitespace, which the launcher strips".to_owned()
        } else if text.starts_with('#') {
            "starts with `#`: the launcher skips it as a comment".to_owned()
        } else if !text.starts_with('-') {
            "does not start with `-`: `java` would take it as the main class".to_owned()
        } else {
            continue;
        };
        let d = Diagnostic::new(
            &INVALID_JVM_OPTION,
            format!(
                "JVM option `{}` {why}",
                crate::spec::names::printable(&credentials::mask(
                    text,
                    &credentials::in_jvm_option(text)
                ))
            ),
        )
        .at(cx.at(at, None))
        .help("write each option as its own list element, exactly as `java` should receive it");
        cx.push(d);
    }
}
