use super::decl::{Field, Kind, Presence, Table};
use super::spans::{join, SpanIndex};
use super::*;
use crate::rules;

const BASE: &str = "[cluster]\nname = \"t\"\n[coordinator]\nmemory = \"8Gi\"\ncpu = 2\n\
                    [workers]\nmemory = \"16Gi\"\ncpu = 4\n";

/// Each diagnostic as `CODE path`.
fn codes(loaded: &Loaded) -> Vec<String> {
    loaded
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code, d.location.path.as_deref().unwrap_or("")))
        .collect()
}

fn message(loaded: &Loaded, code: &str, path: &str) -> String {
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.code == code && d.location.path.as_deref() == Some(path))
        .unwrap_or_else(|| panic!("no {code} at {path}: {:#?}", loaded.diagnostics));
    format!("{}\n{}", d.message, d.help.as_deref().unwrap_or(""))
}

#[test]
fn task_retries_without_exchange_do_not_hide_a_literal_password() {
    let src = format!(
        "{BASE}[fault_tolerance]\nretry_policy = \"task\"\n\
         [catalogs.db]\nconnector = \"mysql\"\nconnection_url = \"jdbc:mysql://db:3306\"\n\
         user = \"trino\"\npassword = \"hunter2\"\n"
    );
    let loaded = load(&src);
    assert_eq!(
        codes(&loaded),
        ["TF001 fault_tolerance", "TK001 catalogs.db.password"]
    );
    assert!(
        loaded.spec.is_none(),
        "TASK without exchange cannot be typed"
    );
    // The literal itself is never shown.
    assert!(!format!("{:?}", loaded.diagnostics).contains("hunter2"));
}

#[test]
fn a_wrong_connector_does_not_hide_the_catalogs_other_errors() {
    let src = format!(
        "{BASE}[catalogs.db]\nconnector = \"mysq\"\nconnection_url = \"jdbc:mysql://db:3306\"\n\
         password = \"hunter2\"\nusr = \"trino\"\nnodes = \"kafka:9092\"\n\
         s3 = {{ secret_key = \"abc\" }}\nproperties = {{ \"connection-password\" = \"x\" }}\n"
    );
    let loaded = load(&src);
    assert_eq!(
        codes(&loaded),
        [
            "TS003 catalogs.db.connector",
            "TK001 catalogs.db.password",
            "TS002 catalogs.db.usr",
            "TS003 catalogs.db.nodes",
            "TK001 catalogs.db.s3.secret_key",
            "TK001 catalogs.db.properties.\"connection-password\"",
        ]
    );
    assert!(message(&loaded, "TS003", "catalogs.db.connector").contains("did you mean `mysql`?"));
    assert!(message(&loaded, "TS002", "catalogs.db.usr").contains("did you mean `user`?"));
}

#[test]
fn every_problem_of_the_spec_text_in_one_run() {
    let src = "[cluster]\nname = \"Not A Name\"\nhttp_port = 0\nenvironmnet = \"x\"\n\
               [coordinator]\nmemory = \"8GB\"\ncpu = -1\n\
               [workers]\ncount = 20000\ncpu = 4\n\
               [kubernetes]\nimage_pull_policy = \"always\"\nlabels = { \"a b\" = \"c\" }\n\
               [catalogs.Sales]\nconnector = \"tpch\"\nsplits_per_node = 0\n\
               [properties]\n\"internal-communication.shared-secret\" = \"s3cr3t\"\n";
    let loaded = load(src);
    assert_eq!(
        codes(&loaded),
        [
            "TS004 cluster.name",
            "TS005 cluster.http_port",
            "TS002 cluster.environmnet",
            "TS003 coordinator.memory",
            "TS005 coordinator.cpu",
            "TS003 workers",
            "TS005 workers.count",
            "TS003 kubernetes.image_pull_policy",
            "TS004 kubernetes.labels.\"a b\"",
            "TS004 catalogs.Sales",
            "TS005 catalogs.Sales.splits_per_node",
            "TK001 properties.\"internal-communication.shared-secret\"",
        ]
    );
    assert!(message(&loaded, "TS003", "workers").contains("`[workers]` lacks `memory`"));
    assert!(message(&loaded, "TS003", "coordinator.memory").contains("`8Gi`"));
    assert!(!loaded.in_bounds);
}

#[test]
fn a_negative_cpu_says_cpu_is_positive_and_how_to_write_millicores() {
    let loaded = load(&BASE.replace("cpu = 2", "cpu = -1"));
    let text = message(&loaded, "TS005", "coordinator.cpu");
    assert!(text.contains("CPU must be positive"), "{text}");
    assert!(text.contains("millicores (`\"500m\"`"), "{text}");
    let loaded = load(&BASE.replace("memory = \"8Gi\"", "memory = -8"));
    assert!(message(&loaded, "TS005", "coordinator.memory").contains("memory must be positive"));
}

#[test]
fn a_misspelt_required_key_is_one_problem() {
    let loaded = load(&BASE.replace("memory = \"16Gi\"", "memroy = \"16Gi\""));
    assert_eq!(codes(&loaded), ["TS002 workers.memroy"]);
    assert!(message(&loaded, "TS002", "workers.memroy").contains("did you mean `memory`?"));
}

#[test]
fn keys_of_another_tag_value_are_named_as_such() {
    let src = format!(
        "{BASE}[fault_tolerance]\nretry_policy = \"task\"\n\
         [fault_tolerance.exchange_manager]\nstorage = \"s3\"\nregion = \"eu-west-1\"\n\
         base_directories = [\"s3://x\"]\njson_key = {{ secret = \"gcs\", key = \"k\" }}\n\
         [catalogs.lake]\nconnector = \"hive\"\nmetastore = {{ type = \"glue\", uri = \"thrift://m:9083\" }}\n\
         connection_url = \"jdbc:mysql://x\"\n"
    );
    let loaded = load(&src);
    assert_eq!(
        codes(&loaded),
        [
            "TS002 fault_tolerance.exchange_manager.json_key",
            "TS002 catalogs.lake.metastore.uri",
            "TS002 catalogs.lake.connection_url",
        ]
    );
    let text = message(
        &loaded,
        "TS002",
        "fault_tolerance.exchange_manager.json_key",
    );
    assert!(
        text.starts_with("`json_key` does not apply to s3 storage"),
        "{text}"
    );
    assert!(
        text.contains("s3 storage takes base_directories, region,"),
        "{text}"
    );
    // Unknown keys do not prevent the typed spec.
    assert!(loaded.spec.is_some());
}

#[test]
fn missing_keys_that_depend_on_the_tag_get_the_tags_example() {
    let src = format!(
        "{BASE}[catalogs.ice]\nconnector = \"iceberg\"\ncatalog = {{ type = \"nessie\" }}\n"
    );
    let loaded = load(&src);
    let text = message(&loaded, "TS003", "catalogs.ice.catalog");
    assert!(text.contains("lacks `uri`"), "{text}");
    assert!(text.contains("http://nessie:19120/api/v2"), "{text}");
}

#[test]
fn names_and_bounds_keep_the_spec_but_clear_in_bounds() {
    let loaded = load(&BASE.replace("name = \"t\"", "name = \"T\"\nhttp_port = 70000"));
    assert!(loaded.spec.is_some());
    assert!(!loaded.in_bounds);
    let loaded = load(&format!(
        "{BASE}[catalogs.db]\nconnector = \"mysql\"\nconnection_url = \"jdbc:mysql://db\"\npassword = \"pw\"\n"
    ));
    assert!(loaded.in_bounds);
    let spec = loaded.spec.expect("a literal secret does not block");
    match &spec.catalogs["db"] {
        Catalog::Mysql(j) => assert_eq!(j.password, Some(SecretRef::Literal { len: 2 })),
        other => panic!("{other:?}"),
    }
}

#[test]
fn choices_match_case_only_where_trino_does() {
    let src = format!(
        "{BASE}[catalogs.ice]\nconnector = \"iceberg\"\ncatalog = {{ type = \"glue\" }}\n\
         file_format = \"parquet\"\nazure = {{ auth_type = \"oauth\" }}\n"
    );
    let spec = load(&src)
        .spec
        .expect("lowercase file format and auth type");
    let Catalog::Iceberg(i) = &spec.catalogs["ice"] else {
        panic!()
    };
    assert_eq!(i.file_format, Some(IcebergFileFormat::Parquet));
    assert_eq!(
        i.azure.as_ref().unwrap().auth_type,
        Some(AzureAuthType::Oauth)
    );
    let loaded = load(&format!(
        "{BASE}[kubernetes]\nimage_pull_policy = \"always\"\n"
    ));
    assert!(message(&loaded, "TS003", "kubernetes.image_pull_policy")
        .contains("did you mean `Always`?"));
}

/// The spans the reader records are those of a plain walk of the whole document. Keys of
/// `properties` tables (Trino property names) are always quoted.
fn walk(source: &str) -> SpanIndex {
    fn child(path: &str, key: &str) -> String {
        if path == "properties" || path.ends_with(".properties") {
            format!("{path}.\"{key}\"")
        } else {
            join(path, key)
        }
    }
    #[allow(clippy::needless_pass_by_value)] // the walk hands each child its own path
    fn value(
        idx: &mut SpanIndex,
        v: &toml_edit::Value,
        key: Option<std::ops::Range<usize>>,
        path: String,
    ) {
        idx.insert(path.clone(), key, v.span());
        match v {
            toml_edit::Value::InlineTable(t) => {
                for (name, _) in t {
                    if let Some((k, toml_edit::Item::Value(v))) = t.get_key_value(name) {
                        value(idx, v, k.span(), child(&path, name));
                    }
                }
            }
            toml_edit::Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    value(idx, v, None, format!("{path}[{i}]"));
                }
            }
            _ => {}
        }
    }
    fn table(idx: &mut SpanIndex, t: &toml_edit::Table, prefix: &str) {
        for (name, item) in t {
            let key = t.get_key_value(name).and_then(|(k, _)| k.span());
            let path = child(prefix, name);
            match item {
                toml_edit::Item::None => {}
                toml_edit::Item::Value(v) => value(idx, v, key, path),
                toml_edit::Item::Table(t) => {
                    idx.insert(path.clone(), key, t.span());
                    table(idx, t, &path);
                }
                toml_edit::Item::ArrayOfTables(a) => {
                    idx.insert(path.clone(), key, a.span());
                    for (i, t) in a.iter().enumerate() {
                        let p = format!("{path}[{i}]");
                        idx.insert(p.clone(), None, t.span());
                        table(idx, t, &p);
                    }
                }
            }
        }
    }
    let mut idx = SpanIndex::default();
    table(
        &mut idx,
        toml_edit::ImDocument::parse(source).unwrap().as_table(),
        "",
    );
    idx
}

#[test]
fn one_pass_records_every_key_and_value() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/invalid");
    let mut sources: Vec<String> = crate::examples::EXAMPLES
        .iter()
        .map(|e| e.source.to_owned())
        .collect();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        if toml_edit::ImDocument::parse(text.as_str()).is_ok() {
            sources.push(text);
        }
    }
    sources.push(starter());
    // Unknown keys, wrong types and keys below them are recorded too.
    sources.push(format!(
        "{BASE}bogus = {{ a = [1, {{ b = 2 }}] }}\n[jvm]\nflags = {{ x = [\"y\"] }}\n\
         [[catalogs.k.topics]]\ntable = \"t\"\nmessage = {{ data_format = \"json\", fields = [{{ name = \"x\", type = \"BIGINT\" }}] }}\n"
    ));
    for source in &sources {
        assert_eq!(load(source).spans, walk(source), "{source}");
    }
    let src = &sources[sources.len() - 1];
    let spans = load(src).spans;
    let at = spans
        .value_span("catalogs.k.topics[0].message.fields[0].name")
        .unwrap();
    assert_eq!(&src[at], "\"x\"");
    assert_eq!(
        spans.path_at(src.find("bogus").unwrap()),
        Some("workers.bogus")
    );
}

#[test]
fn the_starter_generates_cleanly() {
    let starter = starter();
    let outcome = crate::generate(&starter);
    assert!(outcome.diagnostics.is_empty(), "{:#?}", outcome.diagnostics);
    assert!(outcome.output.is_some());
}

/// Each section of the starter (commented or not) with the keys written in it.
fn starter_sections(text: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = vec![(String::new(), Vec::new())];
    for line in text.lines() {
        let line = line.strip_prefix("# ").unwrap_or(line);
        if let Some(h) = line.strip_prefix("[[").and_then(|l| l.strip_suffix("]]")) {
            out.push((h.to_owned(), Vec::new()));
        } else if let Some(h) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            out.push((h.to_owned(), Vec::new()));
        } else if let Some((key, _)) = line.split_once(" = ") {
            if key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                out.last_mut().unwrap().1.push(key.to_owned());
            }
        }
    }
    out
}

/// Every (section, key) the declarations hold; `tag` is the tag value of a named table.
fn declared(fields: &[Field], path: &str, tag: Option<&str>, out: &mut Vec<(String, String)>) {
    for f in fields
        .iter()
        .filter(|f| tag.is_none_or(|t| f.applies_to(t)))
    {
        let sub = if path.is_empty() {
            f.key.to_owned()
        } else {
            format!("{path}.{}", f.key)
        };
        match f.kind {
            Kind::Table(t) | Kind::Tables(t) => {
                out.push((path.to_owned(), format!("[{}]", f.key)));
                declared(&(t.fields)(), &sub, None, out);
            }
            Kind::Named(t) => {
                let fields = (t.fields)();
                let Some(Kind::Choice { variants, .. }) =
                    fields.iter().find(|f| f.is_tag).map(|f| f.kind)
                else {
                    panic!("a named table has a tag")
                };
                for v in variants {
                    declared(&fields, &format!("{sub}.{}", v.name), Some(v.name), out);
                }
            }
            _ => out.push((path.to_owned(), f.key.to_owned())),
        }
    }
}

#[test]
fn every_declared_key_appears_in_the_starter() {
    let sections = starter_sections(&starter());
    let mut expected = Vec::new();
    declared(&Spec::fields(), "", None, &mut expected);
    assert!(expected.len() > 100, "{}", expected.len());
    for (section, key) in expected {
        let found = match key.strip_prefix('[').and_then(|k| k.strip_suffix(']')) {
            Some(table) => {
                let header = if section.is_empty() {
                    table.to_owned()
                } else {
                    format!("{section}.{table}")
                };
                sections.iter().any(|(s, _)| *s == header)
            }
            None => sections
                .iter()
                .any(|(s, keys)| *s == section && keys.contains(&key)),
        };
        assert!(found, "`{key}` of [{section}] is not in the starter");
    }
}

/// Walks every table the spec declares.
fn all_tables(fields: &[Field], out: &mut Vec<Vec<Field>>) {
    out.push(fields.to_vec());
    for f in fields {
        if let Kind::Table(t) | Kind::Tables(t) | Kind::Named(t) = f.kind {
            all_tables(&(t.fields)(), out);
        }
    }
}

#[test]
fn declarations_are_consistent() {
    let mut tables = Vec::new();
    all_tables(&Spec::fields(), &mut tables);
    for fields in &tables {
        let tag = fields.iter().position(|f| f.is_tag);
        for (i, f) in fields.iter().enumerate() {
            let at = format!("`{}`", f.key);
            // Without `spec-docs` every text is left out.
            assert!(
                !f.doc.trim().is_empty() || !cfg!(feature = "spec-docs"),
                "{at} is documented"
            );
            if let Some(only) = &f.only {
                let t = tag.unwrap_or_else(|| panic!("{at} depends on a tag"));
                assert!(t < i, "{at} comes after the tag");
                let Kind::Choice { variants, noun } = fields[t].kind else {
                    panic!()
                };
                assert_eq!(only.noun, noun, "{at}");
                assert!(
                    only.values
                        .iter()
                        .all(|v| variants.iter().any(|x| x.name == *v)),
                    "{at}"
                );
            }
            if f.presence == Presence::Required && !matches!(f.kind, Kind::Table(_)) {
                assert!(f.example.is_some(), "{at} has an example");
            }
            let mut values: Vec<&str> = f.example.into_iter().collect();
            values.extend(f.examples.iter().map(|(_, e)| *e));
            let default;
            if let Presence::Default(d) = &f.presence {
                default = d.clone();
                values.push(&default);
            }
            for v in values {
                assert!(
                    v.parse::<toml_edit::Value>().is_ok(),
                    "{at}: {v} is a TOML value"
                );
            }
        }
    }
    assert!(tables.len() > 15);
}

#[test]
fn absent_tables_read_like_empty_ones() {
    let loaded = load(&format!("{BASE}[jvm]\n[memory]\n[kubernetes]\n"));
    let spec = loaded.spec.unwrap();
    assert_eq!(format!("{:?}", spec.jvm), format!("{:?}", Jvm::default()));
    assert_eq!(
        format!("{:?}", spec.memory),
        format!("{:?}", ClusterMemory::default())
    );
    assert_eq!(
        format!("{:?}", spec.kubernetes),
        format!("{:?}", Kubernetes::default())
    );
    let workers = load("[cluster]\nname = \"t\"\n[coordinator]\nmemory = \"8Gi\"\ncpu = 2\n")
        .spec
        .unwrap()
        .workers;
    assert_eq!(workers.count, 2);
    assert_eq!(
        Workers::fields()
            .iter()
            .find(|f| f.key == "count")
            .unwrap()
            .presence,
        Presence::Default("2".into())
    );
}

#[test]
fn too_large_and_unparsable_specs_are_one_diagnostic() {
    let loaded = load(&"#".repeat(MAX_SPEC_BYTES + 1));
    assert_eq!(codes(&loaded), ["TS005 "]);
    let loaded = load("[cluster\n");
    assert_eq!(loaded.diagnostics.len(), 1);
    assert_eq!(loaded.diagnostics[0].code, rules::SPEC_SYNTAX.code);
    assert!(loaded.spec.is_none());
}

#[test]
fn any_connector_of_trinos_releases_is_a_generic_catalog() {
    let src = format!(
        "{BASE}[catalogs.sales]\nconnector = \"sqlserver\"\n\
         properties = {{ \"connection-url\" = \"jdbc:sqlserver://db:1433\", \
         \"connection-password\" = {{ secret = \"mssql\", key = \"password\" }} }}\n\
         [catalogs.lake]\nconnector = \"delta_lake\"\nmetastore = {{ type = \"glue\" }}\n"
    );
    let loaded = load(&src);
    assert_eq!(codes(&loaded), Vec::<String>::new());
    let spec = loaded.spec.expect("a valid spec");
    let Catalog::Generic(g) = &spec.catalogs["sales"] else {
        panic!("{:?}", spec.catalogs["sales"]);
    };
    assert_eq!(g.connector, "sqlserver");
    assert!(matches!(
        g.properties["connection-password"],
        PropertyValue::Secret(SecretRef::Kubernetes { .. })
    ));
    assert_eq!(spec.catalogs["lake"].connector_name(), "delta_lake");
    assert!(matches!(spec.catalogs["lake"], Catalog::DeltaLake(_)));
}

#[test]
fn a_typed_key_in_a_generic_catalog_names_the_property_it_stands_for() {
    let src = format!(
        "{BASE}[catalogs.sales]\nconnector = \"sqlserver\"\nconnection_url = \"jdbc:sqlserver://db\"\n"
    );
    let loaded = load(&src);
    assert_eq!(codes(&loaded), ["TS002 catalogs.sales.connection_url"]);
    assert!(message(&loaded, "TS002", "catalogs.sales.connection_url")
        .contains(r#"properties = { "connection-url" = ... }"#));
}

#[test]
fn security_tables_report_what_trino_would_refuse() {
    let src = format!(
        "{BASE}[[security.authentication]]\ntype = \"password\"\n\
         [[security.authentication]]\ntype = \"ldap\"\nurl = \"ldaps://ldap:636\"\n\
         [security.tls]\nkeystore = {{ secret = \"Bad_Name\", key = \"tls.pem\" }}\n\
         [security.access_control]\ntype = \"file\"\n\
         [[security.access_control.tables]]\nprivileges = [\"SELECT\", \"READ\"]\n\
         [[security.access_control.system_information]]\nallow = [\"admin\"]\n\
         [[security.groups]]\nname = \"a:b\"\nusers = [\"alice\"]\n"
    );
    let loaded = load(&src);
    let found = codes(&loaded);
    for expected in [
        "TS003 security.authentication[0]",
        "TS004 security.tls.keystore.secret",
        "TS003 security.access_control.tables[0].privileges",
        "TS003 security.access_control.system_information[0].allow",
        "TS004 security.groups[0].name",
    ] {
        assert!(
            found.iter().any(|f| f == expected),
            "{expected} in {found:#?}"
        );
    }
    // Two password authenticators, each valid: trinocfg writes one file.
    let src = format!(
        "{BASE}[[security.authentication]]\ntype = \"password\"\n\
         file = {{ secret = \"users\", key = \"password.db\" }}\n\
         [[security.authentication]]\ntype = \"ldap\"\nurl = \"ldaps://ldap:636\"\n"
    );
    let loaded = load(&src);
    assert_eq!(codes(&loaded), ["TS003 security"]);
    assert!(message(&loaded, "TS003", "security").contains("more than one password authenticator"));
}

#[test]
fn closing_http_without_internal_tls_is_refused() {
    let src = format!(
        "{BASE}[security.tls]\nkeystore = {{ secret = \"tls\", key = \"tls.pem\" }}\nhttp = false\n"
    );
    let loaded = load(&src);
    assert_eq!(codes(&loaded), ["TS003 security"]);
    assert!(message(&loaded, "TS003", "security").contains("internal = true"));
}
