//! `jvm.config`: heap and the JVM flags Trino's deployment guide recommends.

use crate::jvm_config::JvmOption;
use crate::memory::{MemoryPlan, Role};
use crate::model::{Content, File, JvmConfig, Origin};
use crate::spec::{HeapStyle, Spec};

/// The recommended flags after the heap lines, for a Trino version.
pub fn baseline_flags(version: u32) -> Vec<&'static str> {
    let mut flags = Vec::new();
    if version < 464 {
        // G1 was spelled out before the JDK default sufficed for the launcher's checks.
        flags.push("-XX:+UseG1GC");
    }
    flags.extend([
        "-XX:G1HeapRegionSize=32M",
        "-XX:+ExplicitGCInvokesConcurrent",
        "-XX:+ExitOnOutOfMemoryError",
        "-XX:+HeapDumpOnOutOfMemoryError",
        "-XX:-OmitStackTraceInFastThrow",
        "-XX:ReservedCodeCacheSize=512M",
        "-XX:PerMethodRecompilationCutoff=10000",
        "-XX:PerBytecodeRecompilationCutoff=10000",
        "-Djdk.attach.allowAttachSelf=true",
        "-Djdk.nio.maxCachedBufferSize=2000000",
    ]);
    if (448..476).contains(&version) {
        // JDK-8329528 workaround for JDK 22/23 with G1.
        flags.extend([
            "-XX:+UnlockDiagnosticVMOptions",
            "-XX:G1NumCollectionsKeepPinned=10000000",
        ]);
    }
    if version >= 448 {
        flags.push("-XX:+EnableDynamicAgentLoading");
    }
    flags.push("--add-modules=jdk.incubator.vector");
    flags
}

use crate::jvm_config::format_jvm_size as jvm_size;

/// A percentage for `-XX:MaxRAMPercentage`, with as few digits as keep it exact to 0.001.
fn percent(p: f64) -> String {
    let s = format!("{p:.3}");
    let s = s.trim_end_matches('0');
    let s = s
        .strip_suffix('.')
        .map_or_else(|| s.to_owned(), |t| format!("{t}.0"));
    s
}

/// `jvm.config` of `role`: the heap, the baseline flags of the release, then the spec's extra
/// flags exactly as written (the rules refuse any that cannot be one line of the file).
pub fn lower(spec: &Spec, plan: &MemoryPlan, role: Role) -> File {
    let key = role.spec_key();
    let (node, heap_set) = match role {
        Role::Coordinator => (&plan.coordinator, spec.coordinator.heap.is_some()),
        Role::Worker => (&plan.worker, spec.workers.heap.is_some()),
    };
    let heap_origin = if heap_set {
        format!("{key}.heap")
    } else {
        format!("{key}.memory")
    };
    let mut lines: Vec<(String, String)> = vec![("-server".to_owned(), "jvm".to_owned())];
    match spec.jvm.heap_style {
        HeapStyle::Xmx => {
            lines.push((format!("-Xmx{}", jvm_size(node.heap)), heap_origin.clone()));
            lines.push((format!("-Xms{}", jvm_size(node.heap)), heap_origin));
        }
        HeapStyle::RamPercentage => {
            let pct = percent(node.heap_percent);
            lines.push((
                format!("-XX:InitialRAMPercentage={pct}"),
                heap_origin.clone(),
            ));
            lines.push((format!("-XX:MaxRAMPercentage={pct}"), heap_origin));
        }
    }
    lines.extend(
        baseline_flags(spec.cluster.trino_version)
            .into_iter()
            .map(|f| (f.to_owned(), "cluster.trino_version".to_owned())),
    );
    let role_flags = match role {
        Role::Coordinator => &spec.coordinator.jvm_flags,
        Role::Worker => &spec.workers.jvm_flags,
    };
    for (i, flag) in spec.jvm.flags.iter().enumerate() {
        lines.push((flag.clone(), format!("jvm.flags[{i}]")));
    }
    for (i, flag) in role_flags.iter().enumerate() {
        lines.push((flag.clone(), format!("{key}.jvm_flags[{i}]")));
    }
    let (options, origins) = lines
        .into_iter()
        .enumerate()
        .map(|(i, (text, origin))| {
            (
                JvmOption {
                    text,
                    line: i + 1,
                    span: 0..0,
                },
                Origin::Spec(origin),
            )
        })
        .unzip();
    File {
        rel: "jvm.config".into(),
        at: Origin::Spec("jvm".into()),
        content: Content::Jvm(Box::new(JvmConfig::new(options, origins))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_percentages() {
        assert_eq!(percent(80.0), "80.0");
        assert_eq!(percent(78.125), "78.125");
    }
}
