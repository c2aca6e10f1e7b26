//! Sizes and quantities in the spec — container memory and CPU, heaps, Trino data sizes — and
//! the bounds that keep them meaningful (TS005).

// A field check takes a reference to the field's own type.
#![allow(clippy::trivially_copy_pass_by_ref)]

use super::decl::Kind;
use super::read::{At, Cx, FieldValue, Found};
use super::toml::Value;
use super::{HeapSetting, Spec};
use crate::rules;
use crate::units::{self, human_bytes, Bytes, MilliCpu};
use crate::values::{self, HeapSize};

const GIB: u64 = 1024 * 1024 * 1024;
const MEMORY_HELP: &str = "write a Kubernetes memory quantity such as `16Gi`";
const CPU_HELP: &str =
    "write whole cores (`4`), decimals (`1.5`) or millicores (`\"500m\"`, thousandths of a core)";

/// The text of a quantity: a string, or a number written as its text (`cpu = 4`,
/// `memory = 17179869184`). A negative number is out of range (TS005).
fn quantity_text(
    at: &At<'_>,
    cx: &mut Cx<'_>,
    what: &str,
    expected: &str,
    help: &str,
) -> Option<String> {
    let negative = |cx: &mut Cx<'_>, shown: String| {
        cx.push(
            &rules::SPEC_LIMIT,
            &at.path,
            at.span(),
            format!("`{}` = {shown}: {what} must be positive", at.path),
            help,
        );
    };
    match at.node.value {
        Value::String(ref s) => Some(s.to_string()),
        Value::Integer(i) if i >= 0 => Some(i.to_string()),
        Value::Integer(i) => {
            negative(cx, i.to_string());
            None
        }
        Value::Float(f) if f.is_finite() && f >= 0.0 => Some(f.to_string()),
        Value::Float(f) if f < 0.0 => {
            negative(cx, f.to_string());
            None
        }
        Value::Float(f) => {
            at.invalid(
                cx,
                format!("`{}` = {f}: {what} must be a finite number", at.path),
                help,
            );
            None
        }
        _ => {
            at.wrong_type(cx, expected);
            None
        }
    }
}

impl FieldValue for Bytes {
    const KIND: Kind = Kind::Memory;
    fn read(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Self> {
        let text = quantity_text(
            at,
            cx,
            "memory",
            "a memory quantity such as \"16Gi\"",
            MEMORY_HELP,
        )?;
        match units::parse_k8s_memory(&text) {
            Ok(b) => Some(b),
            Err(e) => {
                at.invalid(cx, e, MEMORY_HELP);
                None
            }
        }
    }
}

impl FieldValue for MilliCpu {
    const KIND: Kind = Kind::Cpu;
    fn read(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Self> {
        let text = quantity_text(
            at,
            cx,
            "CPU",
            "a CPU quantity such as 4, 1.5 or \"500m\"",
            CPU_HELP,
        )?;
        match units::parse_k8s_cpu(&text) {
            Ok(c) => Some(c),
            Err(e) => {
                at.invalid(cx, e, CPU_HELP);
                None
            }
        }
    }
}

/// A string value run through a parser whose error message becomes the diagnostic.
fn parsed<T>(
    at: &At<'_>,
    cx: &mut Cx<'_>,
    parse: impl Fn(&str) -> Result<T, String>,
    help: &str,
) -> Option<T> {
    let text = String::read(at, cx)?;
    match parse(&text) {
        Ok(v) => Some(v),
        Err(e) => {
            at.invalid(cx, e, help);
            None
        }
    }
}

impl FieldValue for HeapSetting {
    const KIND: Kind = Kind::Heap;
    fn read(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Self> {
        parsed(
            at,
            cx,
            parse_heap_setting,
            "write a percentage of the memory such as `80%`, or a size such as `12Gi`",
        )
    }
}

fn parse_heap_setting(text: &str) -> Result<HeapSetting, String> {
    let t = text.trim();
    if let Some(p) = t.strip_suffix('%') {
        let v = crate::decimal::parse_f64(p.trim())
            .ok_or_else(|| format!("`{t}` is not a percentage; write it like `80%`"))?;
        if !v.is_finite() || v <= 0.0 || v > 100.0 {
            return Err(format!(
                "heap `{t}` must be above 0% and at most 100% of the container memory"
            ));
        }
        return Ok(HeapSetting::Percent(v));
    }
    units::parse_k8s_memory(t)
        .map(|b| HeapSetting::Size(b.0))
        .map_err(|e| format!("{e}; or a percentage such as `80%`"))
}

impl FieldValue for HeapSize {
    const KIND: Kind = Kind::HeapShare;
    fn read(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Self> {
        parsed(
            at,
            cx,
            |t| values::parse_heap_size(t.trim()),
            "write a percentage of the heap such as `30%` or a data size such as `10GB`",
        )
    }
}

/// In the spec a `u64` is a Trino data size, in bytes.
impl FieldValue for u64 {
    const KIND: Kind = Kind::DataSize;
    fn read(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Self> {
        parsed(
            at,
            cx,
            values::parse_data_size,
            "write a Trino data size such as `16GB`",
        )
    }
}

/// `coordinator` or `worker`, from the path of a role's key.
fn role(path: &str) -> &'static str {
    if path.starts_with("workers") {
        "worker"
    } else {
        "coordinator"
    }
}

/// Container memory of a role: 1 GiB to 64 TiB.
pub(crate) fn memory(memory: &Bytes, at: &mut Found<'_, '_>) {
    if memory.0 < GIB || memory.0 > 64 * 1024 * GIB {
        let role = role(at.path());
        at.error(
            &rules::SPEC_LIMIT,
            format!(
                "{role} memory of {} is outside 1Gi–64Ti",
                human_bytes(memory.0)
            ),
            "Trino needs at least a few GiB per node; use e.g. `16Gi`",
        );
    }
}

/// A role's memory request: as its memory.
#[allow(clippy::ref_option)] // a field's check takes the field's own type
pub(crate) fn memory_opt(memory: &Option<Bytes>, at: &mut Found<'_, '_>) {
    if let Some(m) = memory {
        self::memory(m, at);
    }
}

/// A role's CPU request: as its CPU.
#[allow(clippy::ref_option)] // a field's check takes the field's own type
pub(crate) fn cpu_opt(cpu: &Option<MilliCpu>, at: &mut Found<'_, '_>) {
    if let Some(c) = cpu {
        self::cpu(c, at);
    }
}

/// Container CPU of a role: above 0, at most 1024 cores.
pub(crate) fn cpu(cpu: &MilliCpu, at: &mut Found<'_, '_>) {
    if cpu.0 == 0 || cpu.0 > 1024 * 1000 {
        let role = role(at.path());
        at.error(
            &rules::SPEC_LIMIT,
            format!("{role} CPU must be above 0 and at most 1024 cores"),
            CPU_HELP,
        );
    }
}

/// Limits across tables: some node must run queries.
pub(crate) fn cluster(spec: &Spec, at: &mut Found<'_, '_>) {
    if spec.workers.count == 0
        && spec.workers.autoscaling.is_none()
        && !spec.coordinator.schedules_work
    {
        at.error_at(
            "workers.count",
            &rules::SPEC_LIMIT,
            "no workers, and the coordinator does not schedule work: no query can run",
            "add workers, or set `coordinator.schedules_work = true` for a single-node cluster",
        );
    }
}
