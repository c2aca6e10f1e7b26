//! `jvm.config`: heap and the JVM flags Trino's deployment guide recommends.

use super::{Body, ConfigFile};
use crate::memory::{MemoryPlan, Role};
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

pub fn render(spec: &Spec, plan: &MemoryPlan, role: Role) -> ConfigFile {
    let node = match role {
        Role::Coordinator => &plan.coordinator,
        Role::Worker => &plan.worker,
    };
    let mut lines = vec!["-server".to_owned()];
    match spec.jvm.heap_style {
        HeapStyle::Xmx => {
            lines.push(format!("-Xmx{}", jvm_size(node.heap)));
            lines.push(format!("-Xms{}", jvm_size(node.heap)));
        }
        HeapStyle::RamPercentage => {
            lines.push(format!(
                "-XX:InitialRAMPercentage={}",
                percent(node.heap_percent)
            ));
            lines.push(format!(
                "-XX:MaxRAMPercentage={}",
                percent(node.heap_percent)
            ));
        }
    }
    lines.extend(
        baseline_flags(spec.cluster.trino_version)
            .into_iter()
            .map(str::to_owned),
    );
    let role_flags = match role {
        Role::Coordinator => &spec.coordinator.jvm_flags,
        Role::Worker => &spec.workers.jvm_flags,
    };
    for flag in spec.jvm.flags.iter().chain(role_flags) {
        // One option per line: a flag can never add a line of its own.
        let flag: String = flag.chars().filter(|c| !c.is_control()).collect();
        let flag = flag.trim();
        if !flag.is_empty() && !flag.starts_with('#') {
            lines.push(flag.to_owned());
        }
    }
    ConfigFile {
        path: "jvm.config".into(),
        body: Body::Lines(lines),
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
