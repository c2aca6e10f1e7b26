//! What each authentication type, OPA and internal TLS write, and that what they write is
//! accepted by `check` as YAML; nothing private lands in a ConfigMap.

const BASE: &str = "[cluster]\nname = \"t\"\n[coordinator]\nmemory = \"16Gi\"\ncpu = 4\n\
                    [workers]\ncount = 2\nmemory = \"16Gi\"\ncpu = 4\n";

/// The generated tree and Kubernetes YAML of `extra` under a small cluster, which must check
/// clean once read back from the YAML.
fn generate(extra: &str) -> (Vec<(String, String)>, String) {
    let spec = format!("{BASE}{extra}");
    let outcome = trinocfg::generate(&spec);
    let errors: Vec<String> = outcome
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let rendered = outcome.output.expect("output");
    let cluster = trinocfg::input::kubernetes::read(&rendered.kubernetes, "kubernetes.yaml");
    let found: Vec<String> = trinocfg::check(&cluster)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(found.is_empty(), "{found:#?}");
    (rendered.tree(), rendered.kubernetes)
}

fn file<'a>(tree: &'a [(String, String)], path: &str) -> &'a str {
    tree.iter()
        .find(|(p, _)| p == path)
        .map_or_else(|| panic!("no {path}"), |(_, c)| c.as_str())
}

const TLS: &str = "[security.tls]\nkeystore = { secret = \"tls\", key = \"tls.pem\" }\n";

#[test]
fn ldap_takes_its_bind_password_from_a_secret() {
    let (tree, yaml) = generate(&format!(
        "{TLS}[[security.authentication]]\ntype = \"ldap\"\nurl = \"ldaps://ldap.example.com:636\"\n\
         user_bind_pattern = \"uid=${{USER}},ou=people,dc=example,dc=com\"\n\
         bind_dn = \"cn=trino,dc=example,dc=com\"\n\
         bind_password = {{ secret = \"ldap\", key = \"bind-password\" }}\n"
    ));
    let auth = file(&tree, "coordinator/etc/password-authenticator.properties");
    assert!(auth.contains("password-authenticator.name=ldap\n"));
    assert!(auth.contains("ldap.url=ldaps://ldap.example.com:636\n"));
    assert!(auth.contains("ldap.bind-password=${ENV:TRINO_LDAP_BIND_PASSWORD}\n"));
    assert!(yaml.contains("name: ldap\n                  key: bind-password"));
    assert!(file(&tree, "coordinator/etc/config.properties")
        .contains("http-server.authentication.type=PASSWORD\n"));
}

#[test]
fn jwt_certificate_and_header_write_their_settings() {
    let (tree, yaml) = generate(&format!(
        "{TLS}[[security.authentication]]\ntype = \"jwt\"\n\
         key_url = \"https://login.example.com/jwks.json\"\nrequired_audience = \"trino\"\n\
         [[security.authentication]]\ntype = \"certificate\"\n\
         truststore = {{ secret = \"client-ca\", key = \"ca.pem\" }}\n\
         [[security.authentication]]\ntype = \"header\"\nname = \"my-header\"\n"
    ));
    let config = file(&tree, "coordinator/etc/config.properties");
    assert!(config.contains("http-server.authentication.type=JWT,CERTIFICATE,HEADER\n"));
    assert!(config
        .contains("http-server.authentication.jwt.key-file=https://login.example.com/jwks.json\n"));
    assert!(
        config.contains("http-server.https.truststore.path=/etc/trino/secrets/client-ca/ca.pem\n")
    );
    assert!(
        file(&tree, "coordinator/etc/header-authenticator.properties")
            .contains("header-authenticator.name=my-header\n")
    );
    // The truststore's Secret is mounted beside the keystore's.
    assert!(yaml.contains("mountPath: /etc/trino/secrets/client-ca"));
    assert!(yaml.contains("mountPath: /etc/trino/secrets/tls"));
}

#[test]
fn opa_on_the_coordinator_leaves_the_workers_the_shutdown_rule() {
    let (tree, _) = generate(
        "[properties]\n\"query.max-execution-time\" = \"30m\"\n[workers.graceful_shutdown]\n\
         [security.access_control]\ntype = \"opa\"\nuri = \"http://opa:8181/v1/data/trino/allow\"\n",
    );
    let coordinator = file(&tree, "coordinator/etc/access-control.properties");
    assert!(coordinator.contains("access-control.name=opa\n"));
    assert!(coordinator.contains("opa.policy.uri=http://opa:8181/v1/data/trino/allow\n"));
    let worker = file(&tree, "worker/etc/access-control.properties");
    assert!(worker.contains("access-control.name=file\n"));
    assert!(file(&tree, "worker/etc/shutdown-access-rules.json").contains("trino-shutdown"));
}

#[test]
fn file_rules_on_the_workers_start_with_the_shutdown_rule() {
    let (tree, _) = generate(
        "[properties]\n\"query.max-execution-time\" = \"30m\"\n[workers.graceful_shutdown]\n\
         [security.access_control]\ntype = \"file\"\n\
         [[security.access_control.system_information]]\ngroup = \"admins\"\nallow = [\"read\"]\n",
    );
    let worker: serde_json::Value =
        serde_json::from_str(file(&tree, "worker/etc/rules.json")).unwrap();
    let rules = worker["system_information"].as_array().unwrap();
    assert_eq!(rules[0]["user"], "trino-shutdown");
    assert_eq!(rules[0]["allow"][0], "write");
    assert_eq!(rules[1]["group"], "admins");
    let coordinator: serde_json::Value =
        serde_json::from_str(file(&tree, "coordinator/etc/rules.json")).unwrap();
    assert_eq!(
        coordinator["system_information"].as_array().unwrap().len(),
        1
    );
}

#[test]
fn internal_tls_moves_discovery_to_https_on_every_node() {
    let (tree, yaml) = generate(&format!("{TLS}internal = true\n"));
    for role in ["coordinator", "worker"] {
        let config = file(&tree, &format!("{role}/etc/config.properties"));
        assert!(config.contains("discovery.uri=https://t:8443\n"), "{role}");
        assert!(config.contains("internal-communication.https.required=true\n"));
        assert!(config.contains("http-server.https.enabled=true\n"));
        // The derived shared secret, which internal TLS needs.
        assert!(config.contains("internal-communication.shared-secret=${ENV:TRINO_SHARED_SECRET}"));
    }
    assert!(yaml.contains("name: t-internal\n                  key: shared-secret"));
}

#[test]
fn closing_http_moves_the_probes_to_https() {
    let (tree, yaml) = generate(&format!("{TLS}http = false\ninternal = true\n"));
    assert!(file(&tree, "coordinator/etc/config.properties")
        .contains("http-server.http.enabled=false\n"));
    assert!(yaml.contains("port: https\n              scheme: HTTPS"));
}

#[test]
fn no_configmap_holds_a_secret_value() {
    let (_, yaml) = generate(&format!(
        "{TLS}keystore_password = {{ secret = \"tls\", key = \"password\" }}\n\
         [[security.authentication]]\ntype = \"password\"\n\
         file = {{ secret = \"users\", key = \"password.db\" }}\n"
    ));
    // Every value of a secret is a reference: a Secret volume or a secretKeyRef.
    assert!(!yaml.contains("kind: Secret\n"));
    assert!(yaml.contains("secretName: users"));
    assert!(yaml.contains("http-server.https.keystore.key=${ENV:TRINO_KEYSTORE_PASSWORD}"));
}
