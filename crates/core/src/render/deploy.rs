//! The Kubernetes objects and pod settings of a production deployment: placement, the
//! graceful shutdown hook, the spill volume, the JMX exporter sidecar, the `ServiceAccount`,
//! the metrics Service and `ServiceMonitor`, the worker autoscaler and the disruption budgets.

use yaml_rust2::yaml::Hash;
use yaml_rust2::Yaml;

use super::kubernetes::{int, list, map, metadata, s, selector};
use crate::lower::pods::{
    metrics_service_name, object_name, pre_stop_command, query_promql, termination_grace,
    EXPORTER_IMAGE, JMX_REGISTRY_PORT, METRICS_PORT,
};
use crate::memory::Role;
use crate::model::QueryMetric;
use crate::spec::{AutoscalerKind, Placement, Spec, TolerationOperator};

fn string_map<'a>(entries: impl IntoIterator<Item = (&'a String, &'a String)>) -> Yaml {
    let mut h = Hash::new();
    for (k, v) in entries {
        h.insert(s(k.clone()), s(v.clone()));
    }
    Yaml::Hash(h)
}

fn nonempty(y: Yaml) -> Yaml {
    match &y {
        Yaml::Hash(h) if h.is_empty() => Yaml::Null,
        Yaml::Array(a) if a.is_empty() => Yaml::Null,
        _ => y,
    }
}

/// The role's placement and settings of its pod spec, added to `pod`.
pub(super) fn pod_settings(spec: &Spec, role: Role, pod: &mut Hash) {
    let placement: &Placement = match role {
        Role::Coordinator => &spec.coordinator.placement,
        Role::Worker => &spec.workers.placement,
    };
    let mut put = |k: &str, v: Yaml| {
        if !matches!(v, Yaml::Null) {
            pod.insert(s(k), v);
        }
    };
    put(
        "imagePullSecrets",
        nonempty(list(
            spec.kubernetes
                .image_pull_secrets
                .iter()
                .map(|n| map([("name", s(n.clone()))])),
        )),
    );
    put(
        "priorityClassName",
        placement.priority_class.clone().map_or(Yaml::Null, s),
    );
    if role == Role::Worker {
        if let Some(gs) = &spec.workers.graceful_shutdown {
            put("terminationGracePeriodSeconds", int(termination_grace(gs)));
        }
    }
    put(
        "nodeSelector",
        nonempty(string_map(placement.node_selector.iter())),
    );
    put(
        "tolerations",
        nonempty(list(placement.tolerations.iter().map(|t| {
            map([
                ("key", s(t.key.clone())),
                (
                    "operator",
                    s(t.operator.unwrap_or(TolerationOperator::Equal).as_str()),
                ),
                ("value", t.value.clone().map_or(Yaml::Null, s)),
                ("effect", t.effect.map_or(Yaml::Null, |e| s(e.as_str()))),
            ])
        }))),
    );
    let zones = (!placement.zones.is_empty()).then(|| {
        map([(
            "requiredDuringSchedulingIgnoredDuringExecution",
            map([(
                "nodeSelectorTerms",
                list([map([(
                    "matchExpressions",
                    list([map([
                        ("key", s("topology.kubernetes.io/zone")),
                        ("operator", s("In")),
                        ("values", list(placement.zones.iter().map(|z| s(z.clone())))),
                    ])]),
                )])]),
            )]),
        )])
    });
    let anti = placement.one_per_node.then(|| {
        map([(
            "requiredDuringSchedulingIgnoredDuringExecution",
            list([map([
                (
                    "labelSelector",
                    map([("matchLabels", selector(spec, role.as_str()))]),
                ),
                ("topologyKey", s("kubernetes.io/hostname")),
            ])]),
        )])
    });
    if zones.is_some() || anti.is_some() {
        put(
            "affinity",
            map([
                ("nodeAffinity", zones.unwrap_or(Yaml::Null)),
                ("podAntiAffinity", anti.unwrap_or(Yaml::Null)),
            ]),
        );
    }
    if placement.spread_over_zones {
        put(
            "topologySpreadConstraints",
            list([map([
                ("maxSkew", int(1)),
                ("topologyKey", s("topology.kubernetes.io/zone")),
                ("whenUnsatisfiable", s("ScheduleAnyway")),
                (
                    "labelSelector",
                    map([("matchLabels", selector(spec, role.as_str()))]),
                ),
            ])]),
        );
    }
}

/// The preStop hook of the worker container, when graceful shutdown is on.
pub(super) fn lifecycle(spec: &Spec, role: Role) -> Yaml {
    match (role, &spec.workers.graceful_shutdown) {
        (Role::Worker, Some(gs)) => map([(
            "preStop",
            map([(
                "exec",
                map([(
                    "command",
                    list([s("/bin/sh"), s("-c"), s(pre_stop_command(spec, gs))]),
                )]),
            )]),
        )]),
        _ => Yaml::Null,
    }
}

/// The spill volume of the workers: (volume, mount).
pub(super) fn spill_volume(spec: &Spec, role: Role) -> Option<(Yaml, Yaml)> {
    let spill = spec
        .workers
        .spill
        .as_ref()
        .filter(|_| role == Role::Worker)?;
    let source = match &spill.host_path {
        Some(p) => (
            "hostPath",
            map([("path", s(p.clone())), ("type", s("DirectoryOrCreate"))]),
        ),
        None => (
            "emptyDir",
            map([(
                "sizeLimit",
                spill
                    .size
                    .map_or(Yaml::Null, |b| s(crate::units::format_k8s_memory(b.0))),
            )]),
        ),
    };
    Some((
        map([("name", s("spill")), source]),
        map([("name", s("spill")), ("mountPath", s(spill.path.clone()))]),
    ))
}

/// The exporter's configuration: Trino's JMX through its RMI registry, the query counts and
/// memory pools.
pub(super) fn exporter_config() -> String {
    format!(
        "startDelaySeconds: 0\nhostPort: 127.0.0.1:{JMX_REGISTRY_PORT}\nlowercaseOutputName: true\nlowercaseOutputLabelNames: true\nincludeObjectNames:\n  - \"trino.execution:name=QueryManager\"\n  - \"trino.execution:name=ClusterSizeMonitor\"\n  - \"trino.memory:*\"\n  - \"java.lang:type=Memory\"\n  - \"java.lang:type=GarbageCollector,*\"\n"
    )
}

/// The exporter's ConfigMap, when the exporter is on.
pub(super) fn exporter_config_map(spec: &Spec) -> Option<Yaml> {
    spec.monitoring.jmx_exporter.then(|| {
        let mut data = Hash::new();
        data.insert(s("config.yaml"), s(exporter_config()));
        map([
            ("apiVersion", s("v1")),
            ("kind", s("ConfigMap")),
            (
                "metadata",
                metadata(spec, object_name(spec, "jmx-exporter"), "monitoring"),
            ),
            ("data", Yaml::Hash(data)),
        ])
    })
}

/// The exporter sidecar and its volume, when the exporter is on.
pub(super) fn exporter_sidecar(spec: &Spec) -> Option<(Yaml, Yaml)> {
    let m = &spec.monitoring;
    m.jmx_exporter.then(|| {
        let container = map([
            ("name", s("jmx-exporter")),
            (
                "image",
                s(m.exporter_image
                    .clone()
                    .unwrap_or_else(|| EXPORTER_IMAGE.into())),
            ),
            (
                "args",
                list([
                    s(m.exporter_port.to_string()),
                    s("/etc/jmx-exporter/config.yaml"),
                ]),
            ),
            (
                "ports",
                list([map([
                    ("name", s(METRICS_PORT)),
                    ("containerPort", int(u64::from(m.exporter_port))),
                    ("protocol", s("TCP")),
                ])]),
            ),
            (
                "resources",
                map([
                    (
                        "requests",
                        map([("cpu", s("100m")), ("memory", s("128Mi"))]),
                    ),
                    ("limits", map([("memory", s("256Mi"))])),
                ]),
            ),
            (
                "volumeMounts",
                list([map([
                    ("name", s("jmx-exporter")),
                    ("mountPath", s("/etc/jmx-exporter")),
                ])]),
            ),
        ]);
        let volume = map([
            ("name", s("jmx-exporter")),
            (
                "configMap",
                map([("name", s(object_name(spec, "jmx-exporter")))]),
            ),
        ]);
        (container, volume)
    })
}

/// The `ServiceAccount`, when its annotations are given.
pub(super) fn service_account(spec: &Spec) -> Option<Yaml> {
    let k = &spec.kubernetes;
    (!k.service_account_annotations.is_empty()).then(|| {
        let mut meta = metadata(spec, service_account_name(spec), "identity");
        if let Yaml::Hash(h) = &mut meta {
            h.insert(
                s("annotations"),
                string_map(k.service_account_annotations.iter()),
            );
        }
        map([
            ("apiVersion", s("v1")),
            ("kind", s("ServiceAccount")),
            ("metadata", meta),
        ])
    })
}

/// The pods' service account: the one named, or the one trinocfg writes.
pub fn service_account_name(spec: &Spec) -> String {
    spec.kubernetes
        .service_account
        .clone()
        .unwrap_or_else(|| object_name(spec, ""))
}

/// Whether the pods run under a service account (named or written).
pub fn has_service_account(spec: &Spec) -> bool {
    spec.kubernetes.service_account.is_some()
        || !spec.kubernetes.service_account_annotations.is_empty()
}

/// The metrics Service (headless, every Trino pod) and the `ServiceMonitor`.
pub(super) fn monitoring(spec: &Spec) -> Vec<Yaml> {
    let m = &spec.monitoring;
    if !m.jmx_exporter {
        return Vec::new();
    }
    let mut pods = Hash::new();
    pods.insert(s("app.kubernetes.io/name"), s("trino"));
    pods.insert(
        s("app.kubernetes.io/instance"),
        s(spec.cluster.name.clone()),
    );
    let name = metrics_service_name(spec);
    let mut out = vec![map([
        ("apiVersion", s("v1")),
        ("kind", s("Service")),
        ("metadata", metadata(spec, name.clone(), "monitoring")),
        (
            "spec",
            map([
                ("clusterIP", s("None")),
                ("selector", Yaml::Hash(pods)),
                (
                    "ports",
                    list([map([
                        ("name", s(METRICS_PORT)),
                        ("port", int(u64::from(m.exporter_port))),
                        ("targetPort", s(METRICS_PORT)),
                        ("protocol", s("TCP")),
                    ])]),
                ),
            ]),
        ),
    ])];
    if m.service_monitor {
        let mut meta = metadata(spec, name, "monitoring");
        if let Yaml::Hash(h) = &mut meta {
            if let Some(Yaml::Hash(labels)) = h.get_mut(&s("labels")) {
                for (k, v) in &m.service_monitor_labels {
                    labels.insert(s(k.clone()), s(v.clone()));
                }
            }
        }
        let mut sel = Hash::new();
        sel.insert(
            s("app.kubernetes.io/instance"),
            s(spec.cluster.name.clone()),
        );
        sel.insert(s("app.kubernetes.io/component"), s("monitoring"));
        out.push(map([
            ("apiVersion", s("monitoring.coreos.com/v1")),
            ("kind", s("ServiceMonitor")),
            ("metadata", meta),
            (
                "spec",
                map([
                    ("selector", map([("matchLabels", Yaml::Hash(sel))])),
                    (
                        "endpoints",
                        list([map([
                            ("port", s(METRICS_PORT)),
                            ("interval", s(format!("{}s", m.interval_seconds))),
                        ])]),
                    ),
                ]),
            ),
        ]));
    }
    out
}

/// The worker autoscaler: a KEDA `ScaledObject` or an autoscaling/v2 HPA.
pub(super) fn autoscaler(spec: &Spec) -> Option<Yaml> {
    let a = spec.workers.autoscaling.as_ref()?;
    let target = map([
        ("apiVersion", s("apps/v1")),
        ("kind", s("Deployment")),
        ("name", s(object_name(spec, "worker"))),
    ]);
    let behavior = map([(
        "scaleDown",
        map([
            (
                "stabilizationWindowSeconds",
                int(u64::from(a.scale_down_seconds)),
            ),
            (
                "policies",
                list([map([
                    ("type", s("Pods")),
                    ("value", int(u64::from(a.scale_down_step))),
                    ("periodSeconds", int(60)),
                ])]),
            ),
        ]),
    )]);
    let name = object_name(spec, "worker");
    Some(match a.kind {
        AutoscalerKind::Keda => {
            let server = a.prometheus.clone().unwrap_or_default();
            let trigger = |metric: QueryMetric, threshold: u32| {
                map([
                    ("type", s("prometheus")),
                    (
                        "metadata",
                        map([
                            ("serverAddress", s(server.clone())),
                            ("query", s(query_promql(spec, metric))),
                            ("threshold", s(threshold.to_string())),
                        ]),
                    ),
                ])
            };
            let triggers: Vec<Yaml> = [
                (QueryMetric::Queued, a.queued_queries),
                (QueryMetric::Running, a.running_queries),
            ]
            .into_iter()
            .filter_map(|(m, t)| Some(trigger(m, t?)))
            .collect();
            map([
                ("apiVersion", s("keda.sh/v1alpha1")),
                ("kind", s("ScaledObject")),
                ("metadata", metadata(spec, name, "worker")),
                (
                    "spec",
                    map([
                        ("scaleTargetRef", target),
                        (
                            "pollingInterval",
                            int(u64::from(a.polling_seconds.unwrap_or(30))),
                        ),
                        (
                            "cooldownPeriod",
                            int(u64::from(a.cooldown_seconds.unwrap_or(300))),
                        ),
                        ("minReplicaCount", int(u64::from(a.min))),
                        ("maxReplicaCount", int(u64::from(a.max))),
                        (
                            "advanced",
                            map([(
                                "horizontalPodAutoscalerConfig",
                                map([("behavior", behavior)]),
                            )]),
                        ),
                        ("triggers", list(triggers)),
                    ]),
                ),
            ])
        }
        AutoscalerKind::Hpa => {
            let utilization = |resource: &str, pct: u32| {
                map([
                    ("type", s("Resource")),
                    (
                        "resource",
                        map([
                            ("name", s(resource)),
                            (
                                "target",
                                map([
                                    ("type", s("Utilization")),
                                    ("averageUtilization", int(u64::from(pct))),
                                ]),
                            ),
                        ]),
                    ),
                ])
            };
            let mut metrics: Vec<Yaml> = Vec::new();
            if let Some(p) = a.cpu_utilization {
                metrics.push(utilization("cpu", p));
            }
            if let Some(p) = a.memory_utilization {
                metrics.push(utilization("memory", p));
            }
            for m in &a.pod_metrics {
                metrics.push(map([
                    ("type", s("Pods")),
                    (
                        "pods",
                        map([
                            ("metric", map([("name", s(m.name.clone()))])),
                            (
                                "target",
                                map([
                                    ("type", s("AverageValue")),
                                    ("averageValue", s(m.average_value.clone())),
                                ]),
                            ),
                        ]),
                    ),
                ]));
            }
            map([
                ("apiVersion", s("autoscaling/v2")),
                ("kind", s("HorizontalPodAutoscaler")),
                ("metadata", metadata(spec, name, "worker")),
                (
                    "spec",
                    map([
                        ("scaleTargetRef", target),
                        ("minReplicas", int(u64::from(a.min))),
                        ("maxReplicas", int(u64::from(a.max))),
                        ("metrics", list(metrics)),
                        ("behavior", behavior),
                    ]),
                ),
            ])
        }
    })
}

/// The `PodDisruptionBudgets` of the roles.
pub(super) fn budgets(spec: &Spec) -> Vec<Yaml> {
    [Role::Coordinator, Role::Worker]
        .into_iter()
        .filter_map(|role| Some((role, crate::lower::pods::budget(spec, role)?)))
        .map(|(role, b)| {
            let value = |f: Option<crate::model::Fact<String>>| {
                f.and_then(|f| f.value.parse::<u64>().ok())
                    .map_or(Yaml::Null, int)
            };
            map([
                ("apiVersion", s("policy/v1")),
                ("kind", s("PodDisruptionBudget")),
                ("metadata", metadata(spec, b.name, role.as_str())),
                (
                    "spec",
                    map([
                        ("maxUnavailable", value(b.max_unavailable)),
                        ("minAvailable", value(b.min_available)),
                        (
                            "selector",
                            map([("matchLabels", selector(spec, role.as_str()))]),
                        ),
                    ]),
                ),
            ])
        })
        .collect()
}
