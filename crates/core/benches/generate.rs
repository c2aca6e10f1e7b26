//! Benchmarks of the whole library path: `generate` (parse, rules, memory plan, rendering, file
//! rules) on every embedded example; its growth with the number of catalogs and of Kafka
//! topics; and `check` on Kubernetes YAML streams of growing length: whole clusters (`ConfigMaps`
//! mounted by Deployments) and `ConfigMaps` alone.
//!
//! After the measurements, the cost per catalog, per topic and per document is printed for
//! each size together with the marginal cost between consecutive sizes: the growth is linear
//! when the marginal cost stays flat.
//!
//! `cargo bench -p trinocfg --bench generate` (add `-- --quick` for a fast, rougher pass).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use criterion::{BenchmarkId, Criterion, Throughput};
use trinocfg::examples::EXAMPLES;

const CATALOG_COUNTS: [usize; 3] = [10, 100, 1000];
const TOPIC_COUNTS: [usize; 3] = [10, 1000, 10_000];
const DOCUMENT_COUNTS: [usize; 3] = [10, 100, 1000];

const HEAD: &str = "[cluster]\nname = \"bench\"\n\
                    [coordinator]\nmemory = \"16Gi\"\ncpu = 4\n\
                    [workers]\ncount = 4\nmemory = \"32Gi\"\ncpu = 8\n";

/// A spec with `n` catalogs, cycling through five connectors (two with secret references).
fn spec_with_catalogs(n: usize) -> String {
    let mut s = String::from(HEAD);
    for i in 0..n {
        let body = match i % 5 {
            0 => "connector = \"tpch\"\n".to_owned(),
            1 => "connector = \"memory\"\nmax_data_per_node = \"1GB\"\n".to_owned(),
            2 => format!(
                "connector = \"postgresql\"\nconnection_url = \"jdbc:postgresql://db{i}.data.svc:5432/app\"\n\
                 user = \"trino\"\npassword = {{ secret = \"db{i}\", key = \"password\" }}\n"
            ),
            3 => "connector = \"hive\"\nmetastore = { type = \"thrift\", uri = \"thrift://metastore.data.svc:9083\" }\n\
                  s3 = { region = \"us-east-1\" }\n"
                .to_owned(),
            _ => format!(
                "connector = \"mysql\"\nconnection_url = \"jdbc:mysql://my{i}.data.svc:3306\"\n\
                 user = \"trino\"\npassword = {{ env = \"MYSQL_{i}_PASSWORD\" }}\n"
            ),
        };
        s.push_str(&format!("[catalogs.c{i:05}]\n{body}"));
    }
    // The MySQL passwords come from a Secret that `envFrom` exposes.
    s.push_str("[kubernetes]\nenv_from = [\"mysql-env\"]\n");
    s
}

/// A spec with `n` Kafka catalogs of three topics each (the catalogs share nothing but the
/// nodes: each has its own description directory).
fn spec_with_kafka_catalogs(n: usize) -> String {
    let mut s = String::from(HEAD);
    for i in 0..n {
        s.push_str(&format!(
            "[catalogs.k{i:05}]\nconnector = \"kafka\"\nnodes = [\"kafka-0.kafka:9092\"]\n\
             default_schema = \"shop\"\n"
        ));
        for t in 0..3 {
            s.push_str(&format!(
                "[[catalogs.k{i:05}.topics]]\ntable = \"t{t}\"\n\
                 message = {{ data_format = \"json\", fields = [\
                 {{ name = \"id\", type = \"BIGINT\", mapping = \"id\" }}] }}\n"
            ));
        }
    }
    s
}

/// A spec with one Kafka catalog describing `n` topics of three JSON fields each.
fn spec_with_topics(n: usize) -> String {
    let mut s = String::from(HEAD);
    s.push_str(
        "[catalogs.events]\nconnector = \"kafka\"\nnodes = [\"kafka-0.kafka:9092\"]\n\
         default_schema = \"shop\"\n",
    );
    for i in 0..n {
        s.push_str(&format!(
            "[[catalogs.events.topics]]\ntable = \"t{i:05}\"\ntopic = \"shop.t{i:05}\"\n\
             message = {{ data_format = \"json\", fields = [\
             {{ name = \"id\", type = \"BIGINT\", mapping = \"id\" }}, \
             {{ name = \"total\", type = \"DOUBLE\", mapping = \"total\" }}, \
             {{ name = \"at\", type = \"TIMESTAMP(3)\", mapping = \"at\", data_format = \"iso8601\" }}] }}\n"
        ));
    }
    s
}

/// A Kubernetes YAML stream of `n` documents made from what `gen` writes for the `minimal`
/// example, repeated under distinct names. With `whole_clusters`, every copy keeps its Service
/// and Deployments, which mount that copy's `ConfigMaps`; without, the stream holds only the
/// `ConfigMaps` (coordinator, worker, catalogs), which no workload mounts.
fn stream(n: usize, whole_clusters: bool) -> String {
    let example = trinocfg::examples::find("minimal").expect("the minimal example");
    let rendered = trinocfg::generate(example.source)
        .output
        .expect("the minimal example generates");
    let docs: Vec<&str> = rendered
        .kubernetes
        .split("---\n")
        .filter(|d| !d.trim().is_empty())
        .filter(|d| whole_clusters || d.contains("kind: ConfigMap"))
        .collect();
    assert!(docs.len() >= 3);
    let mut out = String::new();
    for i in 0..n {
        let doc = docs[i % docs.len()];
        let copy = i / docs.len();
        out.push_str("---\n");
        out.push_str(&doc.replace("minimal-", &format!("c{copy:04}-")));
    }
    out
}

fn documents(yaml: &str) -> usize {
    yaml.matches("---\n").count()
}

fn bench_examples(c: &mut Criterion) {
    let mut group = c.benchmark_group("generate_example");
    for example in EXAMPLES {
        assert!(trinocfg::generate(example.source).output.is_some());
        group.bench_function(example.name, |b| {
            b.iter(|| trinocfg::generate(black_box(example.source)));
        });
    }
    group.finish();
    let mut group = c.benchmark_group("check_example_spec");
    for example in EXAMPLES {
        let outcome = trinocfg::generate(example.source);
        let yaml = outcome.output.expect("generates").kubernetes;
        group.bench_function(example.name, |b| {
            b.iter(|| {
                let input = trinocfg::input::kubernetes::read(black_box(&yaml), "bench.yaml");
                trinocfg::check(&input)
            });
        });
    }
    group.finish();
}

fn bench_scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("generate_catalogs");
    for n in CATALOG_COUNTS {
        let spec = spec_with_catalogs(n);
        let outcome = trinocfg::generate(&spec);
        assert!(outcome.output.is_some(), "{:?}", outcome.diagnostics);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &spec, |b, spec| {
            b.iter(|| trinocfg::generate(black_box(spec)));
        });
    }
    group.finish();

    let mut group = c.benchmark_group("generate_kafka_catalogs");
    for n in CATALOG_COUNTS {
        let spec = spec_with_kafka_catalogs(n);
        let outcome = trinocfg::generate(&spec);
        assert!(outcome.output.is_some(), "{:?}", outcome.diagnostics);
        group.throughput(Throughput::Elements(n as u64));
        if n >= 1000 {
            group.sample_size(10);
        }
        group.bench_with_input(BenchmarkId::from_parameter(n), &spec, |b, spec| {
            b.iter(|| trinocfg::generate(black_box(spec)));
        });
    }
    group.finish();

    let mut group = c.benchmark_group("generate_topics");
    for n in TOPIC_COUNTS {
        let spec = spec_with_topics(n);
        let outcome = trinocfg::generate(&spec);
        assert!(outcome.output.is_some(), "{:?}", outcome.diagnostics);
        group.throughput(Throughput::Elements(n as u64));
        if n >= 10_000 {
            group.sample_size(10);
        }
        group.bench_with_input(BenchmarkId::from_parameter(n), &spec, |b, spec| {
            b.iter(|| trinocfg::generate(black_box(spec)));
        });
    }
    group.finish();

    for (name, whole_clusters) in [("check_clusters", true), ("check_config_maps", false)] {
        let mut group = c.benchmark_group(name);
        for n in DOCUMENT_COUNTS {
            let yaml = stream(n, whole_clusters);
            assert_eq!(documents(&yaml), n);
            let input = trinocfg::input::kubernetes::read(&yaml, "bench.yaml");
            assert!(!input.nodes.is_empty());
            if n >= 1000 {
                group.sample_size(10);
            }
            group.throughput(Throughput::Elements(n as u64));
            group.bench_with_input(BenchmarkId::from_parameter(n), &yaml, |b, yaml| {
                b.iter(|| {
                    let input = trinocfg::input::kubernetes::read(black_box(yaml), "bench.yaml");
                    trinocfg::check(&input)
                });
            });
        }
        group.finish();
    }
}

/// Where criterion keeps its estimates: `$CRITERION_HOME`, else `<target dir>/criterion`.
fn criterion_home() -> Option<PathBuf> {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return Some(home.into());
    }
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return Some(PathBuf::from(dir).join("criterion"));
    }
    // The bench runs from <target dir>/<profile>/deps/.
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.parent()?.parent()?.join("criterion"))
}

/// The median time of one iteration, in nanoseconds, when this run measured it.
fn median_ns(group: &str, id: &str, since: SystemTime) -> Option<f64> {
    let path = criterion_home()?
        .join(group)
        .join(id)
        .join("new/estimates.json");
    if std::fs::metadata(&path).ok()?.modified().ok()? < since {
        return None;
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    json["median"]["point_estimate"].as_f64()
}

fn ms(ns: f64) -> String {
    format!("{:.3} ms", ns / 1e6)
}

/// Prints the cost per item at each size and the marginal cost between sizes.
#[allow(clippy::print_stdout)]
fn report_growth(since: SystemTime) {
    println!(
        "\ngrowth (median per run; per item = run / items; marginal = extra time / extra items)"
    );
    for (group, item, sizes) in [
        ("generate_catalogs", "catalog", &CATALOG_COUNTS),
        ("generate_kafka_catalogs", "catalog", &CATALOG_COUNTS),
        ("generate_topics", "topic", &TOPIC_COUNTS),
        ("check_clusters", "document", &DOCUMENT_COUNTS),
        ("check_config_maps", "document", &DOCUMENT_COUNTS),
    ] {
        let points: Vec<(usize, f64)> = sizes
            .iter()
            .filter_map(|&n| Some((n, median_ns(group, &n.to_string(), since)?)))
            .collect();
        if points.is_empty() {
            continue;
        }
        let mut marginals = Vec::new();
        for (i, &(n, t)) in points.iter().enumerate() {
            let per_item = t / n as f64;
            let marginal = i.checked_sub(1).map(|j| {
                let (n0, t0) = points[j];
                (t - t0) / (n - n0) as f64
            });
            if let Some(m) = marginal {
                marginals.push(m);
            }
            println!(
                "{group:<18} {n:>6} {item}s  {:>12}  {:>9.2} µs/{item}{}",
                ms(t),
                per_item / 1e3,
                marginal.map_or(String::new(), |m| format!(
                    "  marginal {:>9.2} µs/{item}",
                    m / 1e3
                )),
            );
        }
        if let (Some(first), Some(last)) = (marginals.first(), marginals.last()) {
            let ratio = last / first;
            let verdict = if ratio < 1.5 { "linear" } else { "SUPERLINEAR" };
            println!(
                "{group:<18} marginal cost ratio, largest / smallest step: {ratio:.2} ({verdict})"
            );
        }
    }
}

fn main() {
    let started = SystemTime::now();
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    bench_examples(&mut criterion);
    bench_scaling(&mut criterion);
    criterion.final_summary();
    report_growth(started);
}
