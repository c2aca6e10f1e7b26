//! Tests of the cross-property checks.

#[allow(clippy::wildcard_imports)]
use super::*;

#[test]
fn mysql_urls_read_as_connector_j_reads_them() {
    assert!(mysql_accepts("jdbc:mysql://host:3306"));
    assert!(mysql_accepts("JDBC:MYSQL://host"));
    assert!(mysql_accepts("jdbc:mysql:loadbalance://a,b"));
    assert!(mysql_accepts("jdbc:mysql+srv://cluster"));
    assert!(!mysql_accepts("jdbc:mariadb://host:3306"));
    assert!(!mysql_accepts("jdbc:mysql:host:3306"));
    assert_eq!(
        mysql_path("jdbc:mysql://host:3306/productsdb"),
        Some("productsdb")
    );
    assert_eq!(mysql_path("jdbc:mysql://host:3306"), Some(""));
    assert_eq!(mysql_path("jdbc:mysql://host:3306/"), Some(""));
    assert_eq!(mysql_path("jdbc:mysql://host:3306?useSSL=true"), Some(""));
    assert_eq!(mysql_path("jdbc:mysql://host:3306/?useSSL=true"), Some(""));
    assert_eq!(
        mysql_path("jdbc:mysql://u:p@host:3306/shop?a=b"),
        Some("shop")
    );
    assert_eq!(mysql_path("jdbc:mysql://host//x"), None);
}

#[test]
fn mariadb_urls_read_as_the_driver_reads_them() {
    assert!(mariadb_accepts("jdbc:mariadb://host:3306"));
    assert!(!mariadb_accepts("jdbc:mysql://host:3306"));
    assert!(mariadb_accepts("jdbc:mysql://host:3306?permitMysqlScheme"));
    assert_eq!(mariadb_database("jdbc:mariadb://host:3306/db"), Some("db"));
    assert_eq!(
        mariadb_database("jdbc:mariadb://host:3306/db?x=1"),
        Some("db")
    );
    assert_eq!(mariadb_database("jdbc:mariadb://host:3306/?x=1"), Some(""));
    assert_eq!(mariadb_database("jdbc:mariadb://host:3306?x=/y"), Some(""));
    assert_eq!(mariadb_database("jdbc:mariadb://host:3306"), Some(""));
    assert_eq!(mariadb_database("jdbc:mariadb:host"), None);
}

#[test]
fn formats_and_paths() {
    assert!(valid_format("$QUERY_ID", SESSION_VALUES));
    assert!(valid_format(
        "query=$QUERY_ID, user-$USER_x",
        SESSION_VALUES
    ));
    assert!(!valid_format("$query_id", SESSION_VALUES));
    assert!(!valid_format("a.b", SESSION_VALUES));
    assert!(!valid_format("$CLIENT_IP", SESSION_VALUES));
    assert!(valid_format("$CLIENT_IP", OPENLINEAGE_VALUES));
    assert_eq!(
        sql_path("system.builtin, hive.fn"),
        Some(vec![
            (Some("system".into()), "builtin".into()),
            (Some("hive".into()), "fn".into())
        ])
    );
    assert_eq!(
        sql_path("\"my cat\".s"),
        Some(vec![(Some("my cat".into()), "s".into())])
    );
    assert_eq!(sql_path("a.b.c"), None);
    assert_eq!(sql_path("a,,b"), None);
    assert_eq!(sql_path("1a"), None);
    assert_eq!(
        base64_len("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="),
        Some(32)
    );
    assert_eq!(base64_len("c2VjcmV0"), Some(6));
    assert_eq!(base64_len("not base64!"), None);
    assert_eq!(
        header_names("Authorization: x, X-A\\:b: y"),
        Some(vec!["Authorization".into(), "X-A\\:b".into()])
    );
    assert_eq!(header_names("broken"), None);
}

fn codes(files: &[(&str, &str)]) -> Vec<(&'static str, String)> {
    crate::rules::check_etc_files(files)
        .into_iter()
        .filter(|d| d.code.starts_with("TA"))
        .map(|d| (d.code, d.message))
        .collect()
}

const SERVER: &str = "coordinator=true\nhttp-server.http.port=8080\ndiscovery.uri=http://c:8080\n";

#[test]
fn checks_run_only_where_trino_binds_the_class() {
    // HTTPS settings only with HTTPS on.
    let off = format!("{SERVER}http-server.https.port=8443\n");
    assert!(codes(&[("config.properties", &off)]).is_empty());
    let on = format!("{SERVER}http-server.https.enabled=true\n");
    assert_eq!(codes(&[("config.properties", &on)]).len(), 1);
    // Trino supplies the automatic secret itself for required internal HTTPS.
    let internal = format!(
        "{on}internal-communication.https.required=true\ninternal-communication.shared-secret=${{ENV:S}}\n"
    );
    assert!(codes(&[("config.properties", &internal)]).is_empty());
    // GCS settings only with the GCS file system on; the legacy switch counts.
    let gcs = "connector.name=hive\nhive.metastore.uri=thrift://m:9083\n";
    assert!(codes(&[("catalog/h.properties", gcs)]).is_empty());
    let legacy = format!("{gcs}fs.native-gcs.enabled=true\n");
    let found = codes(&[("catalog/h.properties", &legacy)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("gcs.json-key"));
    let keyed = format!("{legacy}gcs.json-key-file-path=/k.json\n");
    assert!(codes(&[("catalog/h.properties", &keyed)]).is_empty());
}

#[test]
fn defaults_count_and_placeholders_are_not_judged() {
    // `pinot.count-distinct-pushdown.enabled` is true by default.
    let pinot = "connector.name=pinot\npinot.controller-urls=c:9000\npinot.aggregation-pushdown.enabled=false\n";
    assert_eq!(codes(&[("catalog/p.properties", pinot)]).len(), 1);
    // A placeholder is resolved at startup: not judged.
    let mysql = "connector.name=mysql\nconnection-url=${ENV:URL}\n";
    assert!(codes(&[("catalog/m.properties", mysql)]).is_empty());
    // The database check only follows an accepted scheme.
    let scheme = "connector.name=mysql\nconnection-url=jdbc:mariadb://h:3306/db\n";
    let found = codes(&[("catalog/m.properties", scheme)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("Invalid JDBC URL for MySQL connector"));
    let ok = "connector.name=mysql\nconnection-url=jdbc:mysql://h:3306/?useSSL=true\n";
    assert!(codes(&[("catalog/m.properties", ok)]).is_empty());
}

#[test]
fn node_properties_count_for_the_server() {
    let node = "node.environment=prod\nnode.annotations=a=b\nnode.annotation-file=/etc/a\n";
    let found = codes(&[("config.properties", SERVER), ("node.properties", node)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.starts_with("Trino refuses to start"));
}

#[test]
fn every_assertion_has_a_fix_and_a_known_class() {
    for a in assertions() {
        assert!(!a.keys.is_empty(), "{}", a.message);
        assert!(!a.help.is_empty(), "{}", a.message);
    }
}
