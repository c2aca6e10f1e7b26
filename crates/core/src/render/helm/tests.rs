use super::HelmError;

const MINIMAL: &str = r#"
[cluster]
name = "t"

[coordinator]
memory = "8Gi"
cpu = 2

[workers]
count = 2
memory = "16Gi"
cpu = 4
"#;

fn values(extra: &str) -> Result<String, HelmError> {
    let source = format!("{MINIMAL}\n{extra}");
    let (outcome, values) = crate::helm_values(&source);
    assert!(
        !outcome.has_errors() || values == Err(HelmError::Invalid),
        "{:#?}",
        outcome.diagnostics
    );
    values
}

fn refused_keys(extra: &str) -> Vec<String> {
    match values(extra) {
        Err(HelmError::Unexpressible(r)) => r.into_iter().map(|r| r.key).collect(),
        other => panic!("not refused: {other:?}"),
    }
}

#[test]
fn a_release_older_than_the_chart_is_refused_at_trino_version() {
    let source = MINIMAL.replace("name = \"t\"", "name = \"t\"\ntrino_version = 479");
    let (outcome, values) = crate::helm_values(&source);
    assert!(!outcome.has_errors(), "{:#?}", outcome.diagnostics);
    let e = values.unwrap_err();
    assert_eq!(e, HelmError::Release(479));
    assert!(
        e.to_string().contains("`cluster.trino_version` is 479"),
        "{e}"
    );
    let source = MINIMAL.replace("name = \"t\"", "name = \"t\"\ntrino_version = 480");
    assert!(crate::helm_values(&source).1.is_ok());
}

#[test]
fn a_fleet_is_refused() {
    let fleet = crate::examples::find("gateway-blue-green").unwrap().source;
    assert_eq!(crate::helm_values(fleet).1, Err(HelmError::Fleet));
}

#[test]
fn a_spec_with_errors_gives_no_values() {
    let (outcome, values) = crate::helm_values("[cluster]\nname = 3\n");
    assert!(outcome.has_errors());
    assert_eq!(values, Err(HelmError::Invalid));
}

#[test]
fn what_the_chart_has_no_key_for_is_refused_by_spec_key() {
    assert_eq!(
        refused_keys("[coordinator.disruption_budget]\nmax_unavailable = 0\n"),
        ["coordinator.disruption_budget"]
    );
    let keys = refused_keys("[coordinator.placement]\nspread_over_zones = true\n");
    assert_eq!(keys, ["coordinator.placement.spread_over_zones"]);
    let e = values("[coordinator.placement]\nspread_over_zones = true\n").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("the chart cannot express `coordinator.placement.spread_over_zones`: "),
        "{e}"
    );
    // The workers' spread is the chart's `worker.topologySpreadConstraints`.
    let v = values("[workers.placement]\nspread_over_zones = true\n").unwrap();
    assert!(v.contains("topologySpreadConstraints:"), "{v}");
}

#[test]
fn the_table_descriptions_of_two_kafka_catalogs_are_refused() {
    let kafka = |name: &str| {
        format!(
            "[catalogs.{name}]\nconnector = \"kafka\"\nnodes = [\"k:9092\"]\ndefault_schema = \"s\"\n[[catalogs.{name}.topics]]\ntable = \"t\"\ntopic = \"t\"\nmessage = {{ data_format = \"json\", fields = [{{ name = \"a\", type = \"BIGINT\", mapping = \"a\" }}] }}\n"
        )
    };
    assert!(values(&kafka("one")).is_ok());
    assert_eq!(
        refused_keys(&format!("{}{}", kafka("one"), kafka("two"))),
        ["catalogs.two.topics"]
    );
}

#[test]
fn the_catalogs_are_exactly_the_specs() {
    let v = values("[catalogs.tpch]\nconnector = \"tpch\"\n").unwrap();
    assert!(v.contains("  tpcds: ~\n"), "{v}");
    assert!(v.contains("  tpch: |\n"), "{v}");
    let v = values("").unwrap();
    assert!(
        v.contains("  tpch: ~\n") && v.contains("  tpcds: ~\n"),
        "{v}"
    );
}

#[test]
fn text_the_chart_templates_cannot_start_a_template_action() {
    assert_eq!(super::tpl_safe("a{{b}}"), "a{{ \"{{\" }}b}}");
    let v = values("[catalogs.pg]\nconnector = \"postgresql\"\nconnection_url = \"jdbc:postgresql://h:5432/d?x={{y}}\"\n")
        .unwrap();
    assert!(v.contains("d?x={{ \"{{\" }}y}}"), "{v}");
}

#[test]
fn a_single_node_has_no_workers_and_schedules_on_the_coordinator() {
    let dev = crate::examples::find("single-node-dev").unwrap().source;
    let v = crate::helm_values(dev).1.unwrap();
    assert!(v.contains("  workers: 0\n"), "{v}");
    assert!(v.contains("includeCoordinator: true"), "{v}");
    assert!(!v.contains("\nworker:"), "{v}");
}

#[test]
fn keda_queries_name_the_job_of_the_charts_service() {
    let v = values(
        "[workers.autoscaling]\nkind = \"keda\"\nmin = 1\nmax = 4\nprometheus = \"http://p:9090\"\nqueued_queries = 5\n[monitoring]\njmx_exporter = true\nservice_monitor = true\n",
    )
    .unwrap();
    assert!(v.contains("job=\\\"t\\\""), "{v}");
    assert!(!v.contains("t-metrics"), "{v}");
}
