//! Spec values that the model cannot show, checked on the spec itself: per-node percentages for
//! a release that does not read them, the exchange storage against the schemes of its base
//! directories, base directories holding a comma (which would split in the file), and the
//! names of Kafka schemas and tables.

use super::names::{is_trino_identifier, printable};
use super::{Catalog, ExchangeManager, Spec};
use crate::diagnostic::Diagnostic;
use crate::memory;
use crate::rules;

/// Spec values that the model cannot show: per-node percentages for a release that does not
/// read them, names of Kafka schemas and tables, and base directories with a comma (which
/// would split in the file).
pub(crate) fn check(spec: &Spec, push: &mut dyn FnMut(&str, Diagnostic)) {
    if spec.cluster.trino_version < memory::PERCENT_SIZES_SINCE {
        for (key, n) in [
            ("coordinator", spec.coordinator.node()),
            ("workers", spec.workers.node()),
        ] {
            for (field, setting) in [
                ("query_max_memory_per_node", n.query_max_memory_per_node),
                ("heap_headroom_per_node", n.heap_headroom_per_node),
            ] {
                if let Some(crate::values::HeapSize::Percent(_)) = setting {
                    push(
                        &format!("{key}.{field}"),
                        Diagnostic::new(&rules::SPEC_INVALID_VALUE, format!("Trino {} does not accept a percentage here; percentages need Trino {} or later", spec.cluster.trino_version, memory::PERCENT_SIZES_SINCE))
                            .help("write a data size such as `10GB`"),
                    );
                }
            }
        }
    }
    if let Some(em) = spec.fault_tolerance.exchange_manager() {
        // The storage is the spec's choice; Trino goes by the scheme of the directories.
        let allowed: &[&str] = match em {
            ExchangeManager::S3 { .. } => &["s3"],
            ExchangeManager::Gcs { .. } => &["gs"],
            ExchangeManager::Azure { .. } => &["abfs", "abfss"],
            ExchangeManager::Hdfs { .. } => &["hdfs"],
            ExchangeManager::Local { .. } => &["file", ""],
        };
        for (i, dir) in em.base_directories().iter().enumerate() {
            let scheme = dir.split_once("://").map_or("", |(s, _)| s);
            if !allowed.contains(&scheme) {
                let example = match em.storage() {
                    "s3" => "s3://bucket/exchange",
                    "gcs" => "gs://bucket/exchange",
                    "azure" => "abfss://container@account.dfs.core.windows.net/exchange",
                    "hdfs" => "hdfs://namenode:8020/exchange",
                    _ => "/data/trino/exchange",
                };
                push(
                    &format!("fault_tolerance.exchange_manager.base_directories[{i}]"),
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
            if dir.contains(',') {
                push(
                    &format!("fault_tolerance.exchange_manager.base_directories[{i}]"),
                    Diagnostic::new(&rules::EXCHANGE_BASE_DIRECTORIES, format!("`{}` holds a comma; in the file it would split into two base directories", printable(dir)))
                        .help("list each base directory as its own element"),
                );
            }
        }
    }
    for (name, catalog) in &spec.catalogs {
        let Catalog::Kafka(k) = catalog else { continue };
        let p = format!("catalogs.{name}");
        let mut bad_name = |path: String, what: &str, value: &str| {
            if !is_trino_identifier(value) {
                push(
                    &path,
                    Diagnostic::new(
                        &rules::SPEC_INVALID_NAME,
                        format!("{what} `{}` is not valid", printable(value)),
                    )
                    .help("use lowercase letters, digits and `_`; Trino lowercases names"),
                );
            }
        };
        if let Some(schema) = &k.default_schema {
            bad_name(format!("{p}.default_schema"), "schema name", schema);
        }
        for (ti, topic) in k.topics.iter().enumerate() {
            let tp = format!("{p}.topics[{ti}]");
            bad_name(format!("{tp}.table"), "table name", &topic.table);
            if let Some(schema) = &topic.schema {
                bad_name(format!("{tp}.schema"), "schema name", schema);
            }
        }
    }
}
