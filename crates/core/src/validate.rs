//! Rules over a parsed spec: memory, fault tolerance and catalogs. Each returns diagnostics;
//! none of them renders anything. Rules about the spec text itself (names, bounds, literal
//! secrets) run while the spec is read, in [`crate::spec`].

use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::load::LoadedSpec;
use crate::memory::{self, MemoryPlan, NodeMemory, Role};
use crate::rules;
use crate::spec::{Catalog, ExchangeManager, FaultTolerance, HeapStyle, KafkaDataFormat, Spec};
use crate::units::{format_data_size, human_bytes};

const GIB: u64 = 1024 * 1024 * 1024;

/// Collects diagnostics with locations resolved against the spec source.
pub struct Ctx<'a> {
    pub source: &'a str,
    pub loaded: &'a LoadedSpec,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    pub fn new(source: &'a str, loaded: &'a LoadedSpec) -> Self {
        Ctx {
            source,
            loaded,
            diagnostics: Vec::new(),
        }
    }

    pub fn at(&self, path: &str) -> Location {
        self.loaded.spans.locate(self.source, path)
    }

    pub fn push(&mut self, path: &str, d: Diagnostic) {
        let location = self.at(path);
        self.diagnostics.push(d.at(location));
    }
}

pub use crate::spec::names::{is_dns_label, is_trino_identifier, printable};
pub use crate::spec::secrets::{is_sensitive_key, secret_refs};

/// Runs every rule of Trino over the spec.
pub fn validate(ctx: &mut Ctx<'_>, plan: &MemoryPlan) {
    let spec = &ctx.loaded.spec;
    memory_rules(ctx, spec, plan);
    fault_tolerance(ctx, spec);
    catalogs(ctx, spec);
}

fn memory_rules(ctx: &mut Ctx<'_>, spec: &Spec, plan: &MemoryPlan) {
    // A role whose container memory is out of range (TS005) has no budget worth judging.
    let in_range = |n: &NodeMemory| (GIB..=64 * 1024 * GIB).contains(&n.container);
    if !plan.nodes().all(in_range) {
        return;
    }
    for node in plan.nodes() {
        if node.role == Role::Worker && plan.workers == 0 {
            continue;
        }
        node_rules(ctx, spec, node);
    }
    let work_capacity = plan.over_work_nodes(|n| n.query_per_node);
    let max_path = if spec.memory.query_max_memory.is_some() {
        "memory.query_max_memory"
    } else {
        "workers"
    };
    if plan.query_max_memory > work_capacity {
        ctx.push(
            max_path,
            Diagnostic::new(
                &rules::CLUSTER_MEMORY_EXCEEDS_WORKERS,
                format!(
                    "query.max-memory ({}) is more than the nodes that run work can hold together ({})",
                    format_data_size(plan.query_max_memory),
                    format_data_size(work_capacity)
                ),
            )
            .help(format!("set `memory.query_max_memory` to at most {}", format_data_size(work_capacity))),
        );
    }
    let largest_node = if plan.workers > 0 {
        plan.worker.query_per_node
    } else {
        plan.coordinator.query_per_node
    };
    if plan.query_max_memory < largest_node {
        ctx.push(
            max_path,
            Diagnostic::new(
                &rules::CLUSTER_MEMORY_BELOW_NODE,
                format!(
                    "query.max-memory ({}) is smaller than one node's query.max-memory-per-node ({})",
                    format_data_size(plan.query_max_memory),
                    format_data_size(largest_node)
                ),
            )
            .help("raise `memory.query_max_memory` or lower `query_max_memory_per_node`"),
        );
    }
    if plan.query_max_total_memory < plan.query_max_memory {
        let path = if spec.memory.query_max_total_memory.is_some() {
            "memory.query_max_total_memory"
        } else {
            "memory"
        };
        ctx.push(
            path,
            Diagnostic::new(
                &rules::TOTAL_BELOW_MAX,
                format!(
                    "query.max-total-memory ({}) is smaller than query.max-memory ({}); the coordinator will not start",
                    format_data_size(plan.query_max_total_memory),
                    format_data_size(plan.query_max_memory)
                ),
            )
            .help(format!("set `memory.query_max_total_memory` to at least {}", format_data_size(plan.query_max_memory))),
        );
    }
    if !plan.coordinator_schedules_work && plan.workers > 0 {
        if plan.coordinator.heap < 4 * GIB {
            ctx.push(
                "coordinator.memory",
                Diagnostic::new(&rules::COORDINATOR_MEMORY, format!("the coordinator's heap is {}; a coordinator needs at least 4 GiB to plan queries and buffer results", human_bytes(plan.coordinator.heap)))
                    .help("give the coordinator at least 5Gi of memory"),
            );
        }
        if plan.coordinator.query_per_node > plan.worker.query_per_node {
            ctx.push(
                "coordinator",
                Diagnostic::new(
                    &rules::COORDINATOR_MEMORY,
                    format!(
                        "the coordinator's query.max-memory-per-node ({}) is larger than the workers' ({})",
                        format_data_size(plan.coordinator.query_per_node),
                        format_data_size(plan.worker.query_per_node)
                    ),
                )
                .help("set `coordinator.query_max_memory_per_node` no larger than the workers'"),
            );
        }
    }
    let has_xmx_flag = |flags: &[String]| flags.iter().any(|f| f.trim_start().starts_with("-Xmx"));
    let has_pct_flag = |flags: &[String]| flags.iter().any(|f| f.contains("MaxRAMPercentage"));
    for (role_key, flags) in [
        ("coordinator.jvm_flags", &spec.coordinator.jvm_flags),
        ("workers.jvm_flags", &spec.workers.jvm_flags),
        ("jvm.flags", &spec.jvm.flags),
    ] {
        let conflict = match spec.jvm.heap_style {
            HeapStyle::Xmx => has_pct_flag(flags),
            HeapStyle::RamPercentage => has_xmx_flag(flags),
        } || (has_xmx_flag(flags) && has_pct_flag(flags));
        if conflict || (has_xmx_flag(flags) && spec.jvm.heap_style == HeapStyle::Xmx) {
            ctx.push(
                role_key,
                Diagnostic::new(&rules::XMX_AND_RAM_PERCENTAGE, "extra JVM flags set the heap a second time; the JVM silently uses one of them")
                    .help("remove heap flags from `jvm_flags`; set the heap with `heap` and `jvm.heap_style`"),
            );
        }
    }
}

fn node_rules(ctx: &mut Ctx<'_>, spec: &Spec, node: &NodeMemory) {
    let key = node.role.spec_key();
    let role = node.role.as_str();
    let n = match node.role {
        Role::Coordinator => spec.coordinator.node(),
        Role::Worker => spec.workers.node(),
    };
    let heap_path = if n.heap.is_some() {
        format!("{key}.heap")
    } else {
        format!("{key}.memory")
    };
    if node.heap > node.container {
        ctx.push(
            &heap_path,
            Diagnostic::new(
                &rules::HEAP_EXCEEDS_CONTAINER,
                format!(
                    "the {role} heap ({}) is larger than its container memory ({})",
                    human_bytes(node.heap),
                    human_bytes(node.container)
                ),
            )
            .help("use a heap percentage such as `heap = \"80%\"`"),
        );
    } else if node.heap.saturating_add(node.non_heap_reserve) > node.container {
        ctx.push(
            &heap_path,
            Diagnostic::new(
                &rules::HEAP_EXCEEDS_CONTAINER,
                format!(
                    "the {role} heap ({}) leaves {} of the {} container for non-heap memory; the JVM needs about {}",
                    human_bytes(node.heap),
                    human_bytes(node.container.saturating_sub(node.heap)),
                    human_bytes(node.container),
                    human_bytes(node.non_heap_reserve)
                ),
            )
            .help(format!("lower the heap to at most {} or raise the container memory", human_bytes(node.container.saturating_sub(node.non_heap_reserve)))),
        );
    }
    if !(70.0..=85.0).contains(&node.heap_percent) && node.heap <= node.container {
        ctx.push(
            &heap_path,
            Diagnostic::new(
                &rules::HEAP_RATIO,
                format!(
                    "the {role} heap is {:.0}% of its memory; Trino advises 70–85%",
                    node.heap_percent
                ),
            )
            .help("use `heap = \"80%\"`"),
        );
    }
    if node.heap > 256 * GIB {
        ctx.push(
            &heap_path,
            Diagnostic::new(
                &rules::HEAP_TOO_LARGE,
                format!(
                    "the {role} heap is {}; G1 pauses grow beyond 256 GB",
                    human_bytes(node.heap)
                ),
            )
            .help("use more, smaller nodes"),
        );
    }
    if spec.cluster.trino_version < memory::PERCENT_SIZES_SINCE {
        for (field, setting) in [
            ("query_max_memory_per_node", n.query_max_memory_per_node),
            ("heap_headroom_per_node", n.heap_headroom_per_node),
        ] {
            if let Some(crate::values::HeapSize::Percent(_)) = setting {
                ctx.push(
                    &format!("{key}.{field}"),
                    Diagnostic::new(&rules::SPEC_INVALID_VALUE, format!("Trino {} does not accept a percentage here; percentages need Trino {} or later", spec.cluster.trino_version, memory::PERCENT_SIZES_SINCE))
                        .help("write a data size such as `10GB`"),
                );
            }
        }
    }
    let per_node_path = if n.query_max_memory_per_node.is_some() {
        format!("{key}.query_max_memory_per_node")
    } else {
        heap_path.clone()
    };
    let headroom_path = if n.heap_headroom_per_node.is_some() {
        format!("{key}.heap_headroom_per_node")
    } else {
        heap_path.clone()
    };
    if node.query_per_node == 0 || node.headroom == 0 {
        let path = if node.query_per_node == 0 {
            &per_node_path
        } else {
            &headroom_path
        };
        ctx.push(
            path,
            Diagnostic::new(
                &rules::MEMORY_POOL_EMPTY,
                format!("a per-node memory size of the {role} is 0; Trino will not start"),
            )
            .help("use a size above zero, e.g. `30%`"),
        );
        return;
    }
    if node.headroom >= node.heap {
        ctx.push(
            &headroom_path,
            Diagnostic::new(&rules::MEMORY_POOL_EMPTY, format!("the {role} heap headroom ({}) is the whole heap ({}): the memory pool is empty", format_data_size(node.headroom), format_data_size(node.heap)))
                .help("use a headroom well below the heap, e.g. `30%`"),
        );
        return;
    }
    let sum = node.query_per_node.saturating_add(node.headroom);
    if sum > node.heap {
        ctx.push(
            &per_node_path,
            Diagnostic::new(
                &rules::QUERY_MEMORY_EXCEEDS_HEAP,
                format!(
                    "{role}: query.max-memory-per-node ({}) + memory.heap-headroom-per-node ({}) = {} is larger than the heap ({}); Trino refuses to start with \"Invalid memory configuration\"",
                    node.query_per_node_setting,
                    node.headroom_setting,
                    human_bytes(sum),
                    human_bytes(node.heap)
                ),
            )
            .help(format!(
                "lower `{key}.query_max_memory_per_node` to at most {}, or raise the heap",
                format_data_size(crate::units::floor_mib(node.heap.saturating_sub(node.headroom)))
            )),
        );
    }
}

fn fault_tolerance(ctx: &mut Ctx<'_>, spec: &Spec) {
    let path = "fault_tolerance.exchange_manager";
    match &spec.fault_tolerance {
        FaultTolerance::None => return,
        FaultTolerance::Query {
            exchange_manager: None,
        } => {
            ctx.push(
                "fault_tolerance",
                Diagnostic::new(
                    &rules::QUERY_RETRIES_LARGE_RESULTS,
                    "QUERY retries without an exchange manager fail for results larger than 32MB",
                )
                .help("add `[fault_tolerance.exchange_manager]` to spool larger results"),
            );
            return;
        }
        _ => {}
    }
    let Some(em) = spec.fault_tolerance.exchange_manager() else {
        return;
    };
    let dirs = em.base_directories();
    if dirs.is_empty() {
        ctx.push(
            &format!("{path}.base_directories"),
            Diagnostic::new(&rules::EXCHANGE_BASE_DIRECTORIES, "the exchange manager has no base directory; Trino will not start it")
                .help("list at least one base directory, e.g. `base_directories = [\"s3://bucket/exchange\"]`"),
        );
        return;
    }
    let allowed: &[&str] = match em {
        ExchangeManager::S3 { .. } => &["s3"],
        ExchangeManager::Gcs { .. } => &["gs"],
        ExchangeManager::Azure { .. } => &["abfs", "abfss"],
        ExchangeManager::Hdfs { .. } => &["hdfs"],
        ExchangeManager::Local { .. } => &["file", ""],
    };
    let mut schemes = Vec::new();
    for (i, dir) in dirs.iter().enumerate() {
        let scheme = dir.split_once("://").map_or("", |(s, _)| s);
        if dir.trim().is_empty()
            || dir.contains(',')
            || dir.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            ctx.push(
                &format!("{path}.base_directories[{i}]"),
                Diagnostic::new(&rules::EXCHANGE_BASE_DIRECTORIES, format!("`{}` is not a usable base directory", printable(dir)))
                    .help("base directories are comma-separated in the file: no commas or whitespace inside one"),
            );
            continue;
        }
        if !allowed.contains(&scheme) {
            let example = match em.storage() {
                "s3" => "s3://bucket/exchange",
                "gcs" => "gs://bucket/exchange",
                "azure" => "abfss://container@account.dfs.core.windows.net/exchange",
                "hdfs" => "hdfs://namenode:8020/exchange",
                _ => "/data/trino/exchange",
            };
            ctx.push(
                &format!("{path}.base_directories[{i}]"),
                Diagnostic::new(
                    &rules::EXCHANGE_BASE_DIRECTORIES,
                    format!(
                        "`{}` has scheme `{scheme}`, which {} exchange storage cannot read",
                        printable(dir),
                        em.storage()
                    ),
                )
                .help(format!("write it like `{example}`")),
            );
        }
        schemes.push(scheme);
    }
    schemes.dedup();
    if schemes.len() > 1 {
        ctx.push(
            &format!("{path}.base_directories"),
            Diagnostic::new(&rules::EXCHANGE_BASE_DIRECTORIES, "base directories of several schemes; Trino rejects \"Multiple schemes in exchange base directories\"")
                .help("use one storage for all base directories"),
        );
    }
    if let ExchangeManager::S3 {
        region: None,
        endpoint: None,
        ..
    } = em
    {
        ctx.push(
            path,
            Diagnostic::new(
                &rules::EXCHANGE_S3_REGION,
                "the S3 exchange manager has neither `region` nor `endpoint`",
            )
            .help("add `region = \"us-east-1\"` (or `endpoint` for S3-compatible storage)"),
        );
    }
}

/// Trino types the Kafka decoders can produce.
/// Whether `ty` names a Trino type (`BIGINT`, `varchar(20)`, `TIMESTAMP(3) WITH TIME ZONE`).
pub fn is_trino_type(ty: &str) -> bool {
    let lower = ty.trim().to_ascii_lowercase();
    let mut base = String::new();
    let mut depth = 0usize;
    for c in lower.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => base.push(c),
            _ => {}
        }
    }
    let base = base.split_whitespace().collect::<Vec<_>>().join(" ");
    !base.is_empty()
        && crate::catalogue::catalogue()
            .standard_types()
            .iter()
            .any(|t| t.eq_ignore_ascii_case(&base))
}

pub(crate) fn kafka_type_supported(
    format: KafkaDataFormat,
    field_format: Option<&str>,
    ty: &str,
) -> Result<(), String> {
    if !is_trino_type(ty) {
        return Err("not a Trino type (e.g. BIGINT, VARCHAR, DOUBLE, TIMESTAMP(3))".to_owned());
    }
    let t = ty.trim().to_ascii_lowercase();
    let base = t.split('(').next().unwrap_or(&t).trim();
    let simple = [
        "varchar", "bigint", "integer", "smallint", "tinyint", "boolean", "double",
    ];
    match format {
        KafkaDataFormat::Csv => {
            if simple.contains(&base) {
                Ok(())
            } else {
                Err(format!("the csv decoder reads {} only", simple.join(", ")))
            }
        }
        KafkaDataFormat::Raw => {
            let allowed: &[&str] = match base {
                "bigint" | "boolean" => &["BYTE", "SHORT", "INT", "LONG"],
                "integer" => &["BYTE", "SHORT", "INT"],
                "smallint" => &["BYTE", "SHORT"],
                "tinyint" | "varchar" => &["BYTE"],
                "double" => &["DOUBLE", "FLOAT"],
                _ => return Err("the raw decoder reads bigint, integer, smallint, tinyint, boolean, double and varchar".into()),
            };
            let df = field_format.unwrap_or("BYTE").to_ascii_uppercase();
            if allowed.contains(&df.as_str()) {
                Ok(())
            } else {
                Err(format!(
                    "raw data format `{df}` cannot hold {base}; use one of {}",
                    allowed.join(", ")
                ))
            }
        }
        KafkaDataFormat::Json => match field_format {
            None => {
                if simple.contains(&base) {
                    Ok(())
                } else {
                    Err(format!("without `data_format` the json decoder reads {} only; date/time types need a `data_format` such as `iso8601`", simple.join(", ")))
                }
            }
            Some(df) => {
                let temporal_all = [
                    "date",
                    "time(3)",
                    "time(3) with time zone",
                    "timestamp(3)",
                    "timestamp(3) with time zone",
                ];
                // Without a precision, TIME and TIMESTAMP mean precision 3.
                let normalized = t.split_whitespace().collect::<Vec<_>>().join(" ");
                let normalized = match normalized.as_str() {
                    "time" | "timestamp" => format!("{normalized}(3)"),
                    "time with time zone" => "time(3) with time zone".to_owned(),
                    "timestamp with time zone" => "timestamp(3) with time zone".to_owned(),
                    _ => normalized,
                };
                let allowed: &[&str] = match df {
                    "custom-date-time" | "iso8601" => &temporal_all,
                    "seconds-since-epoch" | "milliseconds-since-epoch" => &temporal_all[1..],
                    "rfc2822" => &temporal_all[3..],
                    other => return Err(format!("`{other}` is not a json field data format; use iso8601, custom-date-time, seconds-since-epoch, milliseconds-since-epoch or rfc2822")),
                };
                if allowed.contains(&normalized.as_str()) {
                    Ok(())
                } else {
                    Err(format!(
                        "json data format `{df}` reads {} only",
                        allowed.join(", ")
                    ))
                }
            }
        },
        KafkaDataFormat::Avro | KafkaDataFormat::Protobuf | KafkaDataFormat::Dummy => Ok(()),
    }
}

fn catalogs(ctx: &mut Ctx<'_>, spec: &Spec) {
    for (name, catalog) in &spec.catalogs {
        let p = format!("catalogs.{name}");
        match catalog {
            Catalog::Mysql(j) | Catalog::Postgresql(j) => {
                let prefix = format!("jdbc:{}:", catalog.connector_name());
                if !j.connection_url.starts_with(&prefix) {
                    ctx.push(
                        &format!("{p}.connection_url"),
                        Diagnostic::new(
                            &rules::CATALOG_SETTINGS,
                            format!(
                                "the connection URL of `{name}` does not start with `{prefix}`"
                            ),
                        )
                        .help(format!(
                            "write it like `{prefix}//db.example.com:{}`",
                            if catalog.connector_name() == "mysql" {
                                "3306"
                            } else {
                                "5432/db"
                            }
                        )),
                    );
                }
                if j.password.is_some() && j.user.is_none() {
                    ctx.push(
                        &format!("{p}.password"),
                        Diagnostic::new(
                            &rules::CATALOG_SETTINGS,
                            format!("catalog `{name}` has a password but no user"),
                        )
                        .severity(Severity::Warning)
                        .help("add `user`"),
                    );
                }
            }
            Catalog::Kafka(k) => {
                if k.nodes.is_empty() {
                    ctx.push(
                        &format!("{p}.nodes"),
                        Diagnostic::new(
                            &rules::CATALOG_SETTINGS,
                            format!("Kafka catalog `{name}` has no broker nodes"),
                        )
                        .help("add `nodes = [\"kafka-0.kafka:9092\"]`"),
                    );
                }
                for (i, node) in k.nodes.iter().enumerate() {
                    let ok = node.rsplit_once(':').is_some_and(|(h, port)| {
                        !h.is_empty()
                            && port.parse::<u16>().is_ok_and(|p| p > 0)
                            && !h.contains(',')
                            && !h.chars().any(|c| c.is_whitespace() || c.is_control())
                    });
                    if !ok {
                        ctx.push(
                            &format!("{p}.nodes[{i}]"),
                            Diagnostic::new(
                                &rules::CATALOG_SETTINGS,
                                format!(
                                    "`{}` is not a `host:port` broker address",
                                    printable(node)
                                ),
                            )
                            .help("write it like `kafka-0.kafka:9092`"),
                        );
                    }
                }
                if let Some(schema) = &k.default_schema {
                    if !is_trino_identifier(schema) {
                        ctx.push(
                            &format!("{p}.default_schema"),
                            Diagnostic::new(
                                &rules::SPEC_INVALID_NAME,
                                format!("schema name `{}` is not valid", printable(schema)),
                            )
                            .help("use lowercase letters, digits and `_`"),
                        );
                    }
                }
                let mut seen = std::collections::HashSet::new();
                for (ti, topic) in k.topics.iter().enumerate() {
                    let tp = format!("{p}.topics[{ti}]");
                    if !is_trino_identifier(&topic.table) {
                        ctx.push(&format!("{tp}.table"), Diagnostic::new(&rules::SPEC_INVALID_NAME, format!("table name `{}` is not valid", printable(&topic.table))).help("use lowercase letters, digits and `_`; Trino lowercases table names"));
                    }
                    if let Some(schema) = &topic.schema {
                        if !is_trino_identifier(schema) {
                            ctx.push(
                                &format!("{tp}.schema"),
                                Diagnostic::new(
                                    &rules::SPEC_INVALID_NAME,
                                    format!("schema name `{}` is not valid", printable(schema)),
                                )
                                .help("use lowercase letters, digits and `_`"),
                            );
                        }
                    }
                    if let Some(t) = &topic.topic {
                        if t.is_empty()
                            || t.len() > 249
                            || !t
                                .chars()
                                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
                        {
                            ctx.push(
                                &format!("{tp}.topic"),
                                Diagnostic::new(
                                    &rules::KAFKA_TOPIC,
                                    format!("`{}` is not a valid Kafka topic name", printable(t)),
                                )
                                .help("Kafka topic names use letters, digits, `.`, `_` and `-`"),
                            );
                        }
                    }
                    let full = format!("{}.{}", k.schema_of(topic), topic.table);
                    if !seen.insert(full.clone()) {
                        ctx.push(&format!("{tp}.table"), Diagnostic::new(&rules::KAFKA_TOPIC, format!("table `{full}` is described twice; Trino fails on duplicate table descriptions")).help("remove or rename one of them"));
                    }
                    kafka_topic_groups(topic, &mut |path, d| ctx.push(&format!("{tp}.{path}"), d));
                }
            }
            _ => {}
        }
    }
}

/// Rules of a Kafka topic's key and message: data formats, types the decoders read, mappings.
/// `report` gets the path below the topic (`message.fields[0].type`) and the diagnostic.
pub(crate) fn kafka_topic_groups(
    topic: &crate::spec::KafkaTopic,
    report: &mut dyn FnMut(&str, Diagnostic),
) {
    for (side, group) in [("key", &topic.key), ("message", &topic.message)] {
        let Some(group) = group else { continue };
        let gp = side.to_owned();
        if matches!(
            group.data_format,
            KafkaDataFormat::Avro | KafkaDataFormat::Protobuf
        ) && group.data_schema.is_none()
            && !group.fields.is_empty()
        {
            report(
                &gp,
                Diagnostic::new(
                    &rules::KAFKA_TOPIC,
                    format!(
                        "{} {side} fields need a `data_schema`",
                        group.data_format.as_str()
                    ),
                )
                .help("add `data_schema = \"/path/to/schema\"`"),
            );
        }
        let mut names = std::collections::HashSet::new();
        for (fi, field) in group.fields.iter().enumerate() {
            let fp = format!("{gp}.fields[{fi}]");
            if field.name.trim().is_empty() {
                report(
                    &format!("{fp}.name"),
                    Diagnostic::new(&rules::KAFKA_TOPIC, "a field has an empty name")
                        .help("name the column"),
                );
            } else if !names.insert(field.name.to_ascii_lowercase()) {
                report(
                    &format!("{fp}.name"),
                    Diagnostic::new(
                        &rules::KAFKA_TOPIC,
                        format!(
                            "column `{}` appears twice in the {side}",
                            printable(&field.name)
                        ),
                    )
                    .help("rename one of them"),
                );
            }
            if let Err(why) =
                kafka_type_supported(group.data_format, field.data_format.as_deref(), &field.ty)
            {
                let at = if field.data_format.is_some() {
                    "data_format"
                } else {
                    "type"
                };
                report(
                    &format!("{fp}.{at}"),
                    Diagnostic::new(
                        &rules::KAFKA_TOPIC,
                        format!(
                            "column `{}` of type `{}`: {why}",
                            printable(&field.name),
                            printable(&field.ty)
                        ),
                    )
                    .help("change the type or the data format"),
                );
            }
            let needs_mapping = matches!(
                group.data_format,
                KafkaDataFormat::Csv | KafkaDataFormat::Avro | KafkaDataFormat::Protobuf
            );
            if needs_mapping && field.mapping.is_none() {
                report(
                    &fp,
                    Diagnostic::new(
                        &rules::KAFKA_TOPIC,
                        format!(
                            "column `{}` needs a `mapping` with the {} decoder",
                            printable(&field.name),
                            group.data_format.as_str()
                        ),
                    )
                    .help(if group.data_format == KafkaDataFormat::Csv {
                        "add `mapping = \"0\"` (the column index)"
                    } else {
                        "add `mapping` naming the schema field"
                    }),
                );
            }
            if group.data_format == KafkaDataFormat::Csv {
                if let Some(m) = &field.mapping {
                    if m.parse::<u32>().is_err() {
                        report(
                            &format!("{fp}.mapping"),
                            Diagnostic::new(
                                &rules::KAFKA_TOPIC,
                                format!("csv mapping `{}` is not a column index", printable(m)),
                            )
                            .help("use the 0-based column index, e.g. `mapping = \"2\"`"),
                        );
                    }
                }
            }
            if group.data_format == KafkaDataFormat::Raw {
                if let Some(m) = &field.mapping {
                    let ok = match m.split_once(':') {
                        Some((a, b)) => a.parse::<u32>().is_ok() && b.parse::<u32>().is_ok(),
                        None => m.parse::<u32>().is_ok(),
                    };
                    if !ok {
                        report(
                            &format!("{fp}.mapping"),
                            Diagnostic::new(
                                &rules::KAFKA_TOPIC,
                                format!(
                                    "raw mapping `{}` is not `start` or `start:end`",
                                    printable(m)
                                ),
                            )
                            .help("use byte offsets, e.g. `mapping = \"0:8\"`"),
                        );
                    }
                }
            }
        }
    }
}
