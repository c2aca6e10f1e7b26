//! Fault-tolerant execution: the retry policy, its settings, and the exchange manager that
//! spools data for it.

declare! {
    TASK_WITHOUT_EXCHANGE = "TF001", "task-retries-without-exchange-manager", Error,
        "TASK retries without an exchange manager.",
        "With `retry-policy=TASK` every query needs spooling storage; without \
`exchange-manager.properties` each one fails: \"Exchange manager must be configured for the \
failure recovery capabilities to be fully functional\".\n\nFix: add \
`[fault_tolerance.exchange_manager]` with `storage` and `base_directories`.";
    EXCHANGE_BASE_DIRECTORIES = "TF002", "exchange-base-directories", Error,
        "Exchange manager base directories missing, mixed, or of a scheme its storage cannot read.",
        "The filesystem exchange manager needs at least one base directory (\"At least one base \
directory needs to be configured\"), all of one scheme (\"Multiple schemes in exchange base \
directories\"): `s3://` or `gs://` for S3/GCS, `abfs://`/`abfss://` for Azure, `hdfs://` for \
HDFS, a local path or `file://` for local.\n\nFix: list base directories of the storage's scheme.";
    EXCHANGE_S3_REGION = "TF003", "exchange-s3-region", Error,
        "An S3 exchange manager without region or endpoint.",
        "`ExchangeS3Config` asserts \"Either exchange.s3.region or exchange.s3.endpoint is \
expected to be set\".\n\nFix: set `region` (or `endpoint` for S3-compatible storage).";
    QUERY_RETRIES_LARGE_RESULTS = "TF004", "query-retries-without-exchange-manager", Warning,
        "QUERY retries without an exchange manager.",
        "QUERY retries work without spooling until a result exceeds \
`exchange.deduplication-buffer-size` (32MB); larger results then fail.\n\nFix: configure an \
exchange manager, or accept the limit.";
    TASK_RETRY_SETTINGS = "TF005", "retry-settings-for-other-policy", Warning,
        "A retry setting that only applies to another retry policy.",
        "`task-retry-*` and `fault-tolerant-execution-*` settings only act under \
`retry-policy=TASK`, `query-retry-attempts` only under QUERY; under another policy they are \
silently without effect.\n\nFix: remove the setting or change `retry-policy`.";
    EXCHANGE_MANAGER_NAME = "TF006", "exchange-manager-name", Error,
        "`exchange-manager.properties` without a valid `exchange-manager.name`.",
        "When the file exists Trino requires `exchange-manager.name` (\"Exchange manager \
configuration ... does not contain exchange-manager.name\") and a registered factory: \
`filesystem` or `hdfs`.\n\nFix: `exchange-manager.name=filesystem`.";
}

use super::Cx;
use crate::diagnostic::Diagnostic;
use crate::memory::Role;
use crate::model::{Node, Properties};
use crate::spec::names::printable;

const TASK_ONLY: &[&str] = &[
    "task-retry-attempts-per-task",
    "task-retry-attempts-overall",
    "fault-tolerant-execution-",
];
const QUERY_ONLY: &[&str] = &["query-retry-attempts"];

/// The exchange manager a file configures: `filesystem` when unnamed (reported), `None` when
/// the name is not a registered one.
pub(crate) fn exchange_manager_name(props: &Properties) -> Option<&str> {
    match props.value("exchange-manager.name") {
        None => Some("filesystem"),
        Some(n @ ("filesystem" | "hdfs")) => Some(n),
        Some(_) => None,
    }
}

/// Checks the retry policy of a node and its exchange manager.
pub(crate) fn check(cx: &mut Cx<'_>, node: &Node) {
    retry_policy(cx, node);
    exchange_manager(cx, node);
}

fn retry_policy(cx: &mut Cx<'_>, node: &Node) {
    let Some(config_file) = node.file("config.properties") else {
        return;
    };
    let Some(config) = node.config() else { return };
    let policy = config
        .value("retry-policy")
        .map_or_else(|| "NONE".to_owned(), str::to_ascii_uppercase);
    let label = &node.label;
    let has_exchange = node.file("exchange-manager.properties").is_some();
    // Without the whole configuration root the exchange manager may exist unseen.
    let d = match policy.as_str() {
        _ if has_exchange || !node.complete.root => None,
        "TASK" => Some(Diagnostic::new(&TASK_WITHOUT_EXCHANGE, format!("{label}: retry-policy=TASK without exchange-manager.properties; every query fails: \"Exchange manager must be configured\""))
            .help("add exchange-manager.properties with exchange-manager.name=filesystem and exchange.base-directories")),
        "QUERY" if node.role() == Role::Coordinator => Some(Diagnostic::new(&QUERY_RETRIES_LARGE_RESULTS, format!("{label}: QUERY retries without an exchange manager fail for results larger than 32MB"))
            .help("add an exchange manager to spool larger results")),
        _ => None,
    };
    if let Some(d) = d {
        let d = d.at(cx.at_setting(config_file, config, "retry-policy"));
        cx.push(d);
    }
    for entry in &config.entries {
        let key = entry.key.as_str();
        let other = if TASK_ONLY.iter().any(|p| key.starts_with(p)) && policy != "TASK" {
            Some("TASK")
        } else if QUERY_ONLY.contains(&key) && policy != "QUERY" {
            Some("QUERY")
        } else {
            None
        };
        if let Some(needed) = other {
            let d = Diagnostic::new(
                &TASK_RETRY_SETTINGS,
                format!(
                    "`{key}` only acts with retry-policy={needed}; here the policy is {policy}"
                ),
            )
            .at(cx.at_key(entry))
            .help(format!("remove it, or set retry-policy={needed}"));
            cx.push(d);
        }
    }
}

fn exchange_manager(cx: &mut Cx<'_>, node: &Node) {
    let Some(file) = node.file("exchange-manager.properties") else {
        return;
    };
    let Some(props) = node.properties("exchange-manager.properties") else {
        return;
    };
    let name = match props.get("exchange-manager.name") {
        None => {
            let d = Diagnostic::new(&EXCHANGE_MANAGER_NAME, "exchange-manager.properties has no `exchange-manager.name`; Trino refuses to start")
                .at(cx.at(&file.at, None))
                .help("add `exchange-manager.name=filesystem`");
            cx.push(d);
            "filesystem"
        }
        Some(e) => {
            if let Some(n) = exchange_manager_name(props) {
                n
            } else {
                let d = Diagnostic::new(
                    &EXCHANGE_MANAGER_NAME,
                    format!(
                        "exchange manager `{}` is not registered",
                        printable(e.value.trim())
                    ),
                )
                .at(cx.at_value(e))
                .help("use `filesystem` (S3, GCS, Azure, local) or `hdfs`");
                cx.push(d);
                return;
            }
        }
    };
    let dirs_key = if props.get("exchange.base-directories").is_some() {
        "exchange.base-directories"
    } else {
        "exchange.base-directory"
    };
    let Some(dirs) = props.value(dirs_key) else {
        let d = Diagnostic::new(&EXCHANGE_BASE_DIRECTORIES, "the exchange manager has no `exchange.base-directories`: \"At least one base directory needs to be configured\"")
            .at(cx.at(&file.at, None))
            .help("add `exchange.base-directories=s3://bucket/exchange`");
        cx.push(d);
        return;
    };
    let dirs: Vec<&str> = dirs
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .collect();
    let at = cx.at_setting(file, props, dirs_key);
    if dirs.is_empty() {
        let d = Diagnostic::new(
            &EXCHANGE_BASE_DIRECTORIES,
            "`exchange.base-directories` is empty",
        )
        .at(at)
        .help("list at least one base directory");
        cx.push(d);
        return;
    }
    if let Some(bad) = dirs
        .iter()
        .find(|d| d.chars().any(|c| c.is_whitespace() || c.is_control()))
    {
        let d = Diagnostic::new(
            &EXCHANGE_BASE_DIRECTORIES,
            format!(
                "`{}` is not a usable base directory: a URI holds no whitespace",
                printable(bad)
            ),
        )
        .at(at)
        .help("remove the whitespace; base directories are separated by commas");
        cx.push(d);
        return;
    }
    let mut schemes: Vec<String> = dirs
        .iter()
        .map(|d| {
            d.split_once("://")
                .map_or(String::new(), |(s, _)| s.to_ascii_lowercase())
        })
        .collect();
    schemes.dedup();
    if schemes.len() > 1 {
        let d = Diagnostic::new(&EXCHANGE_BASE_DIRECTORIES, "base directories of several schemes: \"Multiple schemes in exchange base directories\"")
            .at(at)
            .help("use one storage for all base directories");
        cx.push(d);
        return;
    }
    let scheme = schemes[0].as_str();
    let storage = match (name, scheme) {
        ("hdfs", "hdfs") => "hdfs",
        ("hdfs", _) => {
            let d = Diagnostic::new(
                &EXCHANGE_BASE_DIRECTORIES,
                format!("the hdfs exchange manager cannot use `{scheme}://` directories"),
            )
            .at(at)
            .help("use `hdfs://` base directories, or `exchange-manager.name=filesystem`");
            cx.push(d);
            return;
        }
        (_, "s3" | "gs") => "s3",
        (_, "abfs" | "abfss") => "azure",
        (_, "" | "file") => "local",
        (_, other) => {
            let d = Diagnostic::new(&EXCHANGE_BASE_DIRECTORIES, format!("\"Scheme {other} is not supported as exchange spooling storage in exchange manager type filesystem\""))
                .at(at)
                .help("use `s3://`, `gs://`, `abfs://`, `abfss://` or a local path");
            cx.push(d);
            return;
        }
    };
    if storage == "s3"
        && props.value("exchange.s3.region").is_none()
        && props.value("exchange.s3.endpoint").is_none()
    {
        let help = if scheme == "gs" {
            "add `exchange.s3.endpoint=https://storage.googleapis.com`"
        } else {
            "add `exchange.s3.region=us-east-1` (or `exchange.s3.endpoint`)"
        };
        let d = Diagnostic::new(
            &EXCHANGE_S3_REGION,
            "\"Either exchange.s3.region or exchange.s3.endpoint is expected to be set\"",
        )
        .at(at)
        .help(help);
        cx.push(d);
    }
    for entry in &props.entries {
        let needs = if entry.key.starts_with("exchange.s3.") {
            Some(("s3", "an `s3://` or `gs://`"))
        } else if entry.key.starts_with("exchange.azure.") {
            Some(("azure", "an `abfs://` or `abfss://`"))
        } else if entry.key.starts_with("exchange.gcs.") {
            Some(("s3", "a `gs://`"))
        } else {
            None
        };
        if let Some((wanted, what)) = needs {
            if wanted != storage {
                let d = Diagnostic::new(&super::PROPERTY_NEEDS_SWITCH, format!("`{}` is only read with {what} base directory; Trino fails with \"not used\"", entry.key))
                    .at(cx.at_key(entry))
                    .help("remove it, or change the base directories");
                cx.push(d);
            }
        }
    }
}
