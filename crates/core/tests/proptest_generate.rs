//! Property-based tests of `trinocfg::generate` as a whole: absurd numbers never panic, hostile
//! names never escape the output tree, and the same spec always gives the same output.

mod common;
use common::toml_quote;

use proptest::prelude::*;
use trinocfg::Outcome;

/// Number-like TOML values nothing can run with, each as TOML source text.
const ABSURD: &[&str] = &[
    "\"0\"",
    "0",
    "-1",
    "\"-1Gi\"",
    "\"1Pi\"",
    "\"1Ei\"",
    "\"8Ei\"",
    "\"16Ei\"",
    "\"18446744073709551615\"",
    "\"18446744073709551616\"",
    "\"99999999999999999999999Gi\"",
    "9223372036854775807",
    "-9223372036854775808",
    "4294967295",
    "4294967296",
    "65536",
    "1e308",
    "-1e308",
    "5e-324",
    "0.0",
    "-0.0",
    "inf",
    "-inf",
    "nan",
    "0.5",
    "1.5",
    "\"1.5Gi\"",
    "\"0.0001Gi\"",
    "\"1e3Gi\"",
    "\"0.001m\"",
    "\"500m\"",
    "\"0m\"",
    "\"1m\"",
    "\"100%\"",
    "\"0%\"",
    "\"-5%\"",
    "\"1000%\"",
    "\"1e-300%\"",
    "\"NaN%\"",
    "\"inf%\"",
    "\"40GB\"",
    "\"0B\"",
    "\"16EB\"",
    "\"17179869184GB\"",
    "\"\"",
    "\" \"",
    "\"Gi\"",
    "\"%\"",
    "\"1 Gi\"",
    "\"١٢Gi\"",
    "true",
    "[]",
    "{}",
];

const SUFFIXES: &[&str] = &[
    "", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "k", "M", "G", "T", "P", "E", "m", "B", "kB", "KB",
    "MB", "GB", "TB", "PB", "EB", "%", "e3", "e-3", "Gb",
];

/// One TOML value for a numeric field.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(ABSURD).prop_map(str::to_owned),
        2 => (any::<u64>(), prop::sample::select(SUFFIXES)).prop_map(|(n, s)| format!("\"{n}{s}\"")),
        1 => (0u64..100_000, prop::sample::select(SUFFIXES)).prop_map(|(n, s)| format!("\"{n}{s}\"")),
        2 => any::<i64>().prop_map(|n| n.to_string()),
        1 => (0i64..20_000).prop_map(|n| n.to_string()),
        1 => any::<f64>().prop_map(toml_float),
        1 => (any::<f64>(), prop::sample::select(SUFFIXES)).prop_map(|(f, s)| format!("\"{f}{s}\"")),
    ]
}

fn toml_float(f: f64) -> String {
    if f.is_nan() {
        "nan".into()
    } else if f.is_infinite() {
        if f > 0.0 { "inf" } else { "-inf" }.into()
    } else {
        // `{:?}` always has a `.` or an exponent, as TOML floats need.
        format!("{f:?}")
    }
}

/// Numeric fields of the spec, by table. `None` leaves a field out (or at a sane value when
/// it is required).
#[derive(Debug, Clone)]
struct Numbers {
    http_port: Option<String>,
    trino_version: Option<String>,
    coordinator: [Option<String>; 5],
    workers_count: Option<String>,
    workers: [Option<String>; 5],
    query_max_memory: Option<String>,
    query_max_total_memory: Option<String>,
    splits_per_node: Option<String>,
    max_data_per_node: Option<String>,
    heap_style_ram_percentage: bool,
    task_retries: bool,
}

fn opt(weight: f64) -> impl Strategy<Value = Option<String>> {
    prop::option::weighted(weight, number())
}

fn role_numbers() -> impl Strategy<Value = [Option<String>; 5]> {
    [opt(0.5), opt(0.5), opt(0.3), opt(0.3), opt(0.3)]
}

fn numbers() -> impl Strategy<Value = Numbers> {
    (
        (opt(0.2), opt(0.2)),
        role_numbers(),
        opt(0.5),
        role_numbers(),
        (opt(0.3), opt(0.3), opt(0.3), opt(0.3)),
        (any::<bool>(), any::<bool>()),
    )
        .prop_map(
            |(
                (http_port, trino_version),
                coordinator,
                workers_count,
                workers,
                (query_max_memory, query_max_total_memory, splits_per_node, max_data_per_node),
                (heap_style_ram_percentage, task_retries),
            )| Numbers {
                http_port,
                trino_version,
                coordinator,
                workers_count,
                workers,
                query_max_memory,
                query_max_total_memory,
                splits_per_node,
                max_data_per_node,
                heap_style_ram_percentage,
                task_retries,
            },
        )
}

const ROLE_FIELDS: [&str; 5] = [
    "memory",
    "cpu",
    "heap",
    "query_max_memory_per_node",
    "heap_headroom_per_node",
];
const ROLE_DEFAULTS: [Option<&str>; 5] = [Some("\"8Gi\""), Some("2"), None, None, None];

fn role_table(
    name: &str,
    values: &[Option<String>; 5],
    extra: Option<(&str, &Option<String>)>,
) -> String {
    let mut out = format!("[{name}]\n");
    if let Some((key, Some(v))) = extra {
        out.push_str(&format!("{key} = {v}\n"));
    }
    for ((field, value), default) in ROLE_FIELDS.iter().zip(values).zip(ROLE_DEFAULTS) {
        if let Some(v) = value.as_deref().or(default) {
            out.push_str(&format!("{field} = {v}\n"));
        }
    }
    out
}

fn numbers_spec(n: &Numbers) -> String {
    let mut s = String::from("[cluster]\nname = \"absurd\"\n");
    if let Some(v) = &n.http_port {
        s.push_str(&format!("http_port = {v}\n"));
    }
    if let Some(v) = &n.trino_version {
        s.push_str(&format!("trino_version = {v}\n"));
    }
    s.push_str(&role_table("coordinator", &n.coordinator, None));
    s.push_str(&role_table(
        "workers",
        &n.workers,
        Some(("count", &n.workers_count)),
    ));
    if n.heap_style_ram_percentage {
        s.push_str("[jvm]\nheap_style = \"ram-percentage\"\n");
    }
    s.push_str("[memory]\n");
    if let Some(v) = &n.query_max_memory {
        s.push_str(&format!("query_max_memory = {v}\n"));
    }
    if let Some(v) = &n.query_max_total_memory {
        s.push_str(&format!("query_max_total_memory = {v}\n"));
    }
    if n.task_retries {
        s.push_str(
            "[fault_tolerance]\nretry_policy = \"task\"\n\
             [fault_tolerance.exchange_manager]\nstorage = \"local\"\nbase_directories = [\"/tmp/exchange\"]\n",
        );
    }
    s.push_str("[catalogs.tpch]\nconnector = \"tpch\"\n");
    if let Some(v) = &n.splits_per_node {
        s.push_str(&format!("splits_per_node = {v}\n"));
    }
    s.push_str("[catalogs.mem]\nconnector = \"memory\"\n");
    if let Some(v) = &n.max_data_per_node {
        s.push_str(&format!("max_data_per_node = {v}\n"));
    }
    s
}

/// What a run of `generate` produced, in a comparable form.
fn fingerprint(o: &Outcome) -> (String, String, Option<Vec<(String, String)>>) {
    (
        format!("{:?}", o.diagnostics),
        format!("{:?}", o.memory),
        o.output.as_ref().map(trinocfg::Rendered::tree),
    )
}

/// Either an output without errors, or errors without an output.
fn consistent(o: &Outcome) -> Result<(), TestCaseError> {
    match &o.output {
        Some(r) => {
            prop_assert!(
                !o.has_errors(),
                "output despite errors: {:?}",
                o.diagnostics
            );
            prop_assert!(r.tree().len() >= 5);
        }
        None => prop_assert!(
            o.has_errors(),
            "no output and no error: {:?}",
            o.diagnostics
        ),
    }
    Ok(())
}

proptest! {
    #![proptest_config(common::proptest_config(256))]

    /// (c) Absurd numbers are diagnostics, never a panic, an overflow or a hang.
    #[test]
    fn absurd_numbers_never_panic(n in numbers()) {
        let spec = numbers_spec(&n);
        let outcome = trinocfg::generate(&spec);
        consistent(&outcome)?;
        // The budget text is derived from the plan with arithmetic of its own.
        if let Some(plan) = &outcome.memory {
            let _ = trinocfg::memory::budget_text(plan);
        }
    }

    /// (d) The same spec gives the same diagnostics, memory plan and files every time.
    #[test]
    fn generate_is_deterministic(n in numbers()) {
        let spec = numbers_spec(&n);
        let first = fingerprint(&trinocfg::generate(&spec));
        let second = fingerprint(&trinocfg::generate(&spec));
        prop_assert_eq!(first, second);
    }
}

/// Names that end up in file names and Kubernetes object names.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z][a-z0-9_]{0,8}",
        1 => "[a-zA-Z0-9_./\\\\ -]{0,10}",
        1 => prop::sample::select(&["..", ".", "/", "a/../b", "../../etc/passwd", "a\\b", "CON", "a\0b", "é", ""][..])
            .prop_map(str::to_owned),
        1 => any::<String>(),
    ]
}

proptest! {
    #![proptest_config(common::proptest_config(256))]

    /// Catalog, schema and table names become paths: whatever they are, the spec is refused
    /// or every path of the output stays inside the output directory, and the output is the
    /// same twice.
    #[test]
    fn hostile_names_never_escape_the_output_tree(
        catalog in name(),
        kafka in name(),
        schema in name(),
        table in name(),
        topic in name(),
        cluster in name(),
    ) {
        let spec = format!(
            "[cluster]\nname = {cluster}\n[coordinator]\nmemory = \"8Gi\"\ncpu = 2\n\
             [workers]\nmemory = \"16Gi\"\ncpu = 4\n\
             [catalogs.{catalog}]\nconnector = \"tpch\"\n\
             [catalogs.{kafka}]\nconnector = \"kafka\"\nnodes = [\"k:9092\"]\ndefault_schema = {schema}\n\
             [[catalogs.{kafka}.topics]]\ntable = {table}\ntopic = {topic}\n\
             message = {{ data_format = \"json\", fields = [{{ name = \"a\", type = \"BIGINT\" }}] }}\n",
            cluster = toml_quote(&cluster),
            catalog = toml_quote(&catalog),
            kafka = toml_quote(&kafka),
            schema = toml_quote(&schema),
            table = toml_quote(&table),
            topic = toml_quote(&topic),
        );
        let outcome = trinocfg::generate(&spec);
        consistent(&outcome)?;
        if let Some(rendered) = &outcome.output {
            for (path, _) in rendered.tree() {
                prop_assert!(
                    !path.starts_with('/')
                        && !path.split('/').any(|c| c.is_empty() || c == "." || c == "..")
                        && !path.contains(['\\', '\0', '\n', '\r']),
                    "unsafe output path {path:?}"
                );
            }
        }
        prop_assert_eq!(fingerprint(&outcome), fingerprint(&trinocfg::generate(&spec)));
    }
}

/// (d) Every embedded example, generated twice, the second time from a copy of its text at
/// another address.
#[test]
fn examples_are_deterministic() {
    for example in trinocfg::examples::EXAMPLES {
        let a = trinocfg::generate(example.source);
        let copy = String::from(example.source);
        let b = trinocfg::generate(&copy);
        assert!(a.output.is_some(), "{}: {:?}", example.name, a.diagnostics);
        assert_eq!(fingerprint(&a), fingerprint(&b), "{}", example.name);
    }
}
