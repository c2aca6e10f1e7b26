//! The custom resources `gen` writes (KEDA's `ScaledObject`, prometheus-operator's
//! `ServiceMonitor`) have no schema among Kubernetes' own, so `scripts/validate-kubernetes.sh`
//! leaves them out. Here every field of them is checked against the fields their CRDs declare
//! (keda.sh/v1alpha1 `ScaledObject` as in KEDA's `keda.sh_scaledobjects.yaml`;
//! monitoring.coreos.com/v1 `ServiceMonitor` as in prometheus-operator's API reference), with
//! the required ones present and each value of its type. The field lists are written from the
//! CRDs' documented fields, not copied from them.

use yaml_rust2::{Yaml, YamlLoader};

/// The type of a field's value.
#[derive(Clone, Copy, PartialEq)]
enum Type {
    Str,
    Int,
    Map,
    List,
    /// A map of strings to strings (labels, a trigger's metadata).
    StrMap,
}

const META: &[(&str, Type, bool)] = &[
    ("apiVersion", Type::Str, true),
    ("kind", Type::Str, true),
    ("metadata", Type::Map, true),
    ("metadata.name", Type::Str, true),
    ("metadata.namespace", Type::Str, false),
    ("metadata.labels", Type::StrMap, false),
    ("metadata.annotations", Type::StrMap, false),
    ("spec", Type::Map, true),
];

const SCALED_OBJECT: &[(&str, Type, bool)] = &[
    ("spec.scaleTargetRef", Type::Map, true),
    ("spec.scaleTargetRef.name", Type::Str, true),
    ("spec.scaleTargetRef.kind", Type::Str, false),
    ("spec.scaleTargetRef.apiVersion", Type::Str, false),
    (
        "spec.scaleTargetRef.envSourceContainerName",
        Type::Str,
        false,
    ),
    ("spec.pollingInterval", Type::Int, false),
    ("spec.cooldownPeriod", Type::Int, false),
    ("spec.idleReplicaCount", Type::Int, false),
    ("spec.minReplicaCount", Type::Int, false),
    ("spec.maxReplicaCount", Type::Int, false),
    ("spec.advanced", Type::Map, false),
    (
        "spec.advanced.restoreToOriginalReplicaCount",
        Type::Str,
        false,
    ),
    (
        "spec.advanced.horizontalPodAutoscalerConfig",
        Type::Map,
        false,
    ),
    (
        "spec.advanced.horizontalPodAutoscalerConfig.name",
        Type::Str,
        false,
    ),
    (
        "spec.advanced.horizontalPodAutoscalerConfig.behavior",
        Type::Map,
        false,
    ),
    (
        "spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown",
        Type::Map,
        false,
    ),
    (
        "spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds",
        Type::Int,
        false,
    ),
    (
        "spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.selectPolicy",
        Type::Str,
        false,
    ),
    (
        "spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.policies",
        Type::List,
        false,
    ),
    (
        "spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.policies[].type",
        Type::Str,
        true,
    ),
    (
        "spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.policies[].value",
        Type::Int,
        true,
    ),
    (
        "spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.policies[].periodSeconds",
        Type::Int,
        true,
    ),
    ("spec.triggers", Type::List, true),
    ("spec.triggers[].type", Type::Str, true),
    ("spec.triggers[].name", Type::Str, false),
    ("spec.triggers[].metricType", Type::Str, false),
    ("spec.triggers[].metadata", Type::StrMap, true),
    ("spec.triggers[].authenticationRef", Type::Map, false),
];

const SERVICE_MONITOR: &[(&str, Type, bool)] = &[
    ("spec.selector", Type::Map, true),
    ("spec.selector.matchLabels", Type::StrMap, false),
    ("spec.namespaceSelector", Type::Map, false),
    ("spec.jobLabel", Type::Str, false),
    ("spec.endpoints", Type::List, true),
    ("spec.endpoints[].port", Type::Str, false),
    ("spec.endpoints[].path", Type::Str, false),
    ("spec.endpoints[].interval", Type::Str, false),
    ("spec.endpoints[].scrapeTimeout", Type::Str, false),
    ("spec.endpoints[].scheme", Type::Str, false),
];

fn type_of(y: &Yaml) -> Option<Type> {
    match y {
        Yaml::String(_) => Some(Type::Str),
        Yaml::Integer(_) => Some(Type::Int),
        Yaml::Array(_) => Some(Type::List),
        Yaml::Hash(h) if h.values().all(|v| matches!(v, Yaml::String(_))) && !h.is_empty() => {
            Some(Type::StrMap)
        }
        Yaml::Hash(_) => Some(Type::Map),
        _ => None,
    }
}

/// Every field below `y`, as (path, value).
fn walk<'a>(y: &'a Yaml, path: &str, out: &mut Vec<(String, &'a Yaml)>) {
    match y {
        Yaml::Hash(h) => {
            for (k, v) in h {
                let key = k.as_str().unwrap_or("?");
                let p = if path.is_empty() {
                    key.to_owned()
                } else {
                    format!("{path}.{key}")
                };
                out.push((p.clone(), v));
                walk(v, &p, out);
            }
        }
        Yaml::Array(items) => {
            for item in items {
                out.push((format!("{path}[]"), item));
                walk(item, &format!("{path}[]"), out);
            }
        }
        _ => {}
    }
}

fn validate(doc: &Yaml, fields: &[(&str, Type, bool)]) -> Vec<String> {
    let all: Vec<(&str, Type, bool)> = META.iter().chain(fields).copied().collect();
    let mut found = Vec::new();
    walk(doc, "", &mut found);
    let mut problems = Vec::new();
    let free = |path: &str| {
        all.iter().any(|(p, ty, _)| {
            *ty == Type::StrMap && path.starts_with(p) && path[p.len()..].starts_with('.')
        })
    };
    for (path, value) in &found {
        if path.ends_with("[]") || free(path) {
            continue;
        }
        match all.iter().find(|(p, ..)| p == path) {
            None => problems.push(format!("unknown field {path}")),
            Some((_, ty, _)) => {
                let actual = type_of(value);
                let ok = actual == Some(*ty) || (*ty == Type::Map && actual == Some(Type::StrMap));
                if !ok {
                    problems.push(format!("{path} is not of its type"));
                }
            }
        }
    }
    for (path, _, required) in &all {
        let parent = path.rsplit_once('.').map_or("", |(p, _)| p);
        let parent_present = parent.is_empty() || found.iter().any(|(p, _)| p == parent);
        if *required && parent_present && !found.iter().any(|(p, _)| p == path) {
            problems.push(format!("required field {path} is missing"));
        }
    }
    problems
}

#[test]
fn custom_resources_have_only_their_crds_fields() {
    let mut seen = (0, 0);
    for example in trinocfg::examples::EXAMPLES {
        let outcome = trinocfg::generate(example.source);
        let yaml = outcome.output.expect(example.name).kubernetes;
        for doc in YamlLoader::load_from_str(&yaml).unwrap() {
            let fields = match doc["kind"].as_str() {
                Some("ScaledObject") => {
                    seen.0 += 1;
                    assert_eq!(doc["apiVersion"].as_str(), Some("keda.sh/v1alpha1"));
                    SCALED_OBJECT
                }
                Some("ServiceMonitor") => {
                    seen.1 += 1;
                    assert_eq!(doc["apiVersion"].as_str(), Some("monitoring.coreos.com/v1"));
                    SERVICE_MONITOR
                }
                _ => continue,
            };
            let problems = validate(&doc, fields);
            assert!(problems.is_empty(), "{}: {problems:?}", example.name);
        }
    }
    assert!(seen.0 >= 1 && seen.1 >= 2, "{seen:?}");
}

#[test]
fn the_structural_check_refuses_what_the_crds_refuse() {
    let bad = YamlLoader::load_from_str(
        "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: { name: x }\nspec:\n  minReplicas: 1\n  triggers:\n    - metadata: { query: q }\n",
    )
    .unwrap()
    .remove(0);
    let problems = validate(&bad, SCALED_OBJECT);
    assert!(
        problems.contains(&"unknown field spec.minReplicas".to_owned()),
        "{problems:?}"
    );
    assert!(
        problems.contains(&"required field spec.scaleTargetRef is missing".to_owned()),
        "{problems:?}"
    );
    assert!(
        problems.contains(&"required field spec.triggers[].type is missing".to_owned()),
        "{problems:?}"
    );
}
