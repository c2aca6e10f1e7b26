//! Trino Gateway in front of a fleet: its `config.yaml`, its routing rules (a multi-document
//! YAML of MVEL conditions and actions), the backends' registration bodies, and its
//! Kubernetes objects (ConfigMap, Deployment, Service, and a Job that registers the backends
//! through the gateway's API).

use yaml_rust2::yaml::Hash;
use yaml_rust2::Yaml;

use super::kubernetes::{int, list, map, s};
use super::yaml::emit;
use crate::spec::fleet::{DatabaseType, Fleet, Gateway, Router, RoutingRule};
use crate::spec::Spec;

/// Where the gateway's image reads its configuration.
pub const CONFIG_DIR: &str = "/etc/trino-gateway";
/// The variable the database password is passed in.
pub const DB_PASSWORD_ENV: &str = "GATEWAY_DB_PASSWORD";

/// The URL the gateway proxies a cluster's queries to: its coordinator Service.
pub fn proxy_to(spec: &Spec) -> String {
    let host = match &spec.kubernetes.namespace {
        Some(ns) => format!("{}.{ns}.svc", spec.cluster.name),
        None => spec.cluster.name.clone(),
    };
    match &spec.security.tls {
        Some(tls) => format!("https://{host}:{}", tls.https_port),
        None => format!("http://{host}:{}", spec.cluster.http_port),
    }
}

/// `config.yaml`.
pub fn config_yaml(gateway: &Gateway) -> String {
    let db = &gateway.database;
    let driver = match db.kind {
        DatabaseType::Postgresql => "org.postgresql.Driver",
        DatabaseType::Mysql => "com.mysql.cj.jdbc.Driver",
    };
    let mut server = Hash::new();
    server.insert(s("node.environment"), s(gateway.name.clone()));
    server.insert(s("http-server.http.port"), int(u64::from(gateway.port)));
    let doc = map([
        ("serverConfig", Yaml::Hash(server)),
        (
            "dataStore",
            map([
                ("jdbcUrl", s(db.url.clone())),
                ("user", s(db.user.clone())),
                ("password", s(format!("${{ENV:{DB_PASSWORD_ENV}}}"))),
                ("driver", s(driver)),
                (
                    "queryHistoryHoursRetention",
                    int(u64::from(db.history_hours)),
                ),
            ]),
        ),
        (
            "clusterStatsConfiguration",
            map([("monitorType", s(gateway.monitor.as_str()))]),
        ),
        (
            "modules",
            if gateway.router == Router::QueryCount {
                list([s(
                    "io.trino.gateway.ha.module.QueryCountBasedRouterProvider",
                )])
            } else {
                Yaml::Null
            },
        ),
        (
            "routingRules",
            map([
                (
                    "rulesEngineEnabled",
                    Yaml::Boolean(!gateway.rules.is_empty()),
                ),
                ("rulesType", s("FILE")),
                (
                    "rulesConfigPath",
                    s(format!("{CONFIG_DIR}/routing-rules.yaml")),
                ),
                ("rulesRefreshPeriod", s("1m")),
            ]),
        ),
        (
            "routing",
            if gateway.default_routing_group == "adhoc" {
                Yaml::Null
            } else {
                map([(
                    "defaultRoutingGroup",
                    s(gateway.default_routing_group.clone()),
                )])
            },
        ),
    ]);
    without_separator(&emit(&doc))
}

/// One YAML document without its `---` line, ending in a newline.
fn without_separator(text: &str) -> String {
    let mut out = text.strip_prefix("---\n").unwrap_or(text).to_owned();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// A string as an MVEL string literal.
fn mvel(value: &str) -> String {
    let escaped: String = value
        .chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            c => vec![c],
        })
        .collect();
    format!("\"{escaped}\"")
}

/// The MVEL condition of a rule: its typed matches joined with `&&`, or its raw condition.
pub fn condition(rule: &RoutingRule) -> String {
    let mut parts = Vec::new();
    let header = |name: &str| format!("request.getHeader({})", mvel(name));
    if let Some(source) = &rule.source {
        parts.push(format!("{} == {}", header("X-Trino-Source"), mvel(source)));
    }
    if let Some(user) = &rule.user {
        let h = header("X-Trino-User");
        parts.push(format!("({h} != null && {h}.matches({}))", mvel(user)));
    }
    for tag in &rule.client_tags {
        let h = header("X-Trino-Client-Tags");
        parts.push(format!("({h} != null && {h}.contains({}))", mvel(tag)));
    }
    if let Some(h) = &rule.header {
        parts.push(format!("{} == {}", header(&h.name), mvel(&h.value)));
    }
    if let Some(c) = &rule.condition {
        parts.push(format!("({c})"));
    }
    parts.join(" && ")
}

/// The routing rules file: one YAML document per rule.
pub fn routing_rules(gateway: &Gateway) -> String {
    let mut out = String::new();
    for rule in &gateway.rules {
        let doc = map([
            ("name", s(rule.name.clone())),
            (
                "description",
                rule.description.clone().map_or(Yaml::Null, s),
            ),
            (
                "priority",
                rule.priority.map_or(Yaml::Null, |p| int(u64::from(p))),
            ),
            ("condition", s(condition(rule))),
            (
                "actions",
                list([s(format!(
                    "result.put(\"routingGroup\", {})",
                    mvel(&rule.routing_group)
                ))]),
            ),
        ]);
        out.push_str(&emit(&doc));
        out.push('\n');
    }
    out
}

/// `backends.json`: the bodies of `POST /gateway/backend/modify/add`, in registration order.
pub fn backends_json(fleet: &Fleet) -> String {
    let mut text = serde_json::to_string_pretty(&backend_bodies(fleet)).unwrap_or_default();
    text.push('\n');
    text
}

/// The bodies of `POST /gateway/backend/modify/add`, in registration order.
fn backend_bodies(fleet: &Fleet) -> Vec<serde_json::Value> {
    fleet
        .gateway
        .backends
        .iter()
        .filter_map(|b| {
            let spec = fleet.clusters.get(&b.cluster)?;
            let proxy = proxy_to(spec);
            Some(serde_json::json!({
                "name": b.cluster,
                "proxyTo": proxy,
                "active": b.active,
                "routingGroup": b.routing_group,
                "externalUrl": b.external_url.clone().unwrap_or_else(|| proxy.clone()),
            }))
        })
        .collect()
}

fn labels(gateway: &Gateway, component: &str) -> Yaml {
    map([
        ("app.kubernetes.io/name", s("trino-gateway")),
        ("app.kubernetes.io/instance", s(gateway.name.clone())),
        ("app.kubernetes.io/component", s(component)),
        ("app.kubernetes.io/managed-by", s("trinocfg")),
    ])
}

fn metadata(gateway: &Gateway, name: String, component: &str) -> Yaml {
    map([
        ("name", s(name)),
        ("namespace", gateway.namespace.clone().map_or(Yaml::Null, s)),
        ("labels", labels(gateway, component)),
    ])
}

fn selector(gateway: &Gateway) -> Yaml {
    map([
        ("app.kubernetes.io/name", s("trino-gateway")),
        ("app.kubernetes.io/instance", s(gateway.name.clone())),
        ("app.kubernetes.io/component", s("gateway")),
    ])
}

/// The gateway's objects: its ConfigMap, Deployment and Service, and the Job that registers
/// the backends.
pub fn objects(fleet: &Fleet, files: &[(String, String)]) -> String {
    let g = &fleet.gateway;
    let mut data = Hash::new();
    for (name, text) in files.iter().filter(|(n, _)| n != "backends.json") {
        data.insert(s(name.clone()), s(text.clone()));
    }
    let config_map = map([
        ("apiVersion", s("v1")),
        ("kind", s("ConfigMap")),
        ("metadata", metadata(g, g.name.clone(), "gateway")),
        ("data", Yaml::Hash(data)),
    ]);
    let password_env = match &g.database.password {
        crate::spec::SecretRef::Kubernetes { secret, key, .. } => map([
            ("name", s(DB_PASSWORD_ENV)),
            (
                "valueFrom",
                map([(
                    "secretKeyRef",
                    map([("name", s(secret.clone())), ("key", s(key.clone()))]),
                )]),
            ),
        ]),
        // An environment variable the pod has, or a literal (refused by the reader).
        _ => Yaml::Null,
    };
    let probe = |path: &str| {
        map([
            ("httpGet", map([("path", s(path)), ("port", s("http"))])),
            ("periodSeconds", int(10)),
        ])
    };
    let deployment = map([
        ("apiVersion", s("apps/v1")),
        ("kind", s("Deployment")),
        ("metadata", metadata(g, g.name.clone(), "gateway")),
        (
            "spec",
            map([
                ("replicas", int(u64::from(g.replicas))),
                ("selector", map([("matchLabels", selector(g))])),
                (
                    "template",
                    map([
                        ("metadata", map([("labels", labels(g, "gateway"))])),
                        (
                            "spec",
                            map([
                                (
                                    "containers",
                                    list([map([
                                        ("name", s("gateway")),
                                        ("image", s(g.image.clone())),
                                        (
                                            "ports",
                                            list([map([
                                                ("name", s("http")),
                                                ("containerPort", int(u64::from(g.port))),
                                                ("protocol", s("TCP")),
                                            ])]),
                                        ),
                                        (
                                            "env",
                                            if password_env == Yaml::Null {
                                                Yaml::Null
                                            } else {
                                                list([password_env])
                                            },
                                        ),
                                        (
                                            "volumeMounts",
                                            list([map([
                                                ("name", s("config")),
                                                ("mountPath", s(CONFIG_DIR)),
                                                ("readOnly", Yaml::Boolean(true)),
                                            ])]),
                                        ),
                                        ("livenessProbe", probe("/trino-gateway/livez")),
                                        ("readinessProbe", probe("/trino-gateway/readyz")),
                                    ])]),
                                ),
                                (
                                    "volumes",
                                    list([map([
                                        ("name", s("config")),
                                        ("configMap", map([("name", s(g.name.clone()))])),
                                    ])]),
                                ),
                            ]),
                        ),
                    ]),
                ),
            ]),
        ),
    ]);
    let service = map([
        ("apiVersion", s("v1")),
        ("kind", s("Service")),
        ("metadata", metadata(g, g.name.clone(), "gateway")),
        (
            "spec",
            map([
                ("type", s("ClusterIP")),
                ("selector", selector(g)),
                (
                    "ports",
                    list([map([
                        ("name", s("http")),
                        ("port", int(u64::from(g.port))),
                        ("targetPort", s("http")),
                        ("protocol", s("TCP")),
                    ])]),
                ),
            ]),
        ),
    ]);
    let script = register_script(fleet);
    let job = map([
        ("apiVersion", s("batch/v1")),
        ("kind", s("Job")),
        (
            "metadata",
            metadata(g, format!("{}-register-backends", g.name), "gateway"),
        ),
        (
            "spec",
            map([
                ("backoffLimit", int(10)),
                (
                    "template",
                    map([
                        (
                            "metadata",
                            map([("labels", labels(g, "register-backends"))]),
                        ),
                        (
                            "spec",
                            map([
                                ("restartPolicy", s("OnFailure")),
                                (
                                    "containers",
                                    list([map([
                                        ("name", s("register")),
                                        ("image", s("curlimages/curl:8.10.1")),
                                        ("command", list([s("/bin/sh"), s("-c"), s(script)])),
                                    ])]),
                                ),
                            ]),
                        ),
                    ]),
                ),
            ]),
        ),
    ]);
    let mut out = String::new();
    for doc in [config_map, service, deployment, job] {
        out.push_str(&emit(&doc));
        out.push('\n');
    }
    out
}

/// The Job's shell script: each backend is added, or updated when it exists already.
fn register_script(fleet: &Fleet) -> String {
    let g = &fleet.gateway;
    let base = format!("http://{}:{}/gateway/backend/modify", g.name, g.port);
    let mut script = String::from("set -e\n");
    for body in backend_bodies(fleet) {
        let json = body.to_string().replace('\'', "'\\''");
        script.push_str(&format!(
            "curl -sf -X POST -H 'Content-Type: application/json' -d '{json}' {base}/add || curl -sf -X POST -H 'Content-Type: application/json' -d '{json}' {base}/update\n"
        ));
    }
    script
}
