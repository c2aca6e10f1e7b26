//! `check` on a spec: the spec rules, then every generated file through the file rules, with
//! escape-hatch properties reported at their place in the spec.

use super::{ClusterInput, NodeConfig, SourceFile};
use crate::diagnostic::Diagnostic;
use crate::load::LoadedSpec;
use crate::memory::Role;
use crate::render::{EnvSource, Rendered};
use crate::spec::Spec;

/// The generated tree as the file rules see it.
pub fn input_of(spec: &Spec, rendered: &Rendered) -> ClusterInput {
    let env: Vec<String> = rendered
        .env
        .iter()
        .filter(|b| matches!(b.source, EnvSource::SecretKey { .. }))
        .map(|b| b.name.clone())
        .collect();
    let has_existing = rendered.env.iter().any(|b| b.source == EnvSource::Existing);
    let nodes = rendered
        .roles()
        .map(|r| NodeConfig {
            label: r.role.as_str().to_owned(),
            role: Some(r.role),
            files: r
                .files
                .iter()
                .map(|f| {
                    SourceFile::standalone(
                        f.path.clone(),
                        format!("{}/etc/{}", r.role.as_str(), f.path),
                        f.contents(),
                    )
                })
                .collect(),
            container_memory: Some(match r.role {
                Role::Coordinator => spec.coordinator.memory.0,
                Role::Worker => spec.workers.memory.0,
            }),
            replicas: Some(match r.role {
                Role::Coordinator => 1,
                Role::Worker => spec.workers.count,
            }),
            // Variables from `{ env = ... }` references come from outside: then the
            // environment cannot be judged.
            env: (!has_existing).then(|| env.clone()),
            config_root: spec.cluster.config_root.trim_end_matches('/').to_owned(),
        })
        .collect();
    ClusterInput {
        nodes,
        behind_proxy: false,
        diagnostics: Vec::new(),
    }
}

/// Checks the files generated from a spec; diagnostics about escape-hatch properties move to
/// the spec key that wrote them.
pub fn check_generated(source: &str, loaded: &LoadedSpec, rendered: &Rendered) -> Vec<Diagnostic> {
    let spec = &loaded.spec;
    let diagnostics = super::check(&input_of(spec, rendered));
    diagnostics
        .into_iter()
        // Catalog files and topic descriptions are the same for both roles: report them once.
        .filter(|d| {
            !d.location.file.as_deref().is_some_and(|f| {
                f.starts_with("worker/etc/catalog/") || f.starts_with("worker/etc/kafka/")
            })
        })
        .map(|mut d| {
            let (Some(file), Some(key)) = (d.location.file.clone(), d.location.path.clone()) else {
                return d;
            };
            let rel = file.split_once("/etc/").map_or(file.as_str(), |(_, r)| r);
            let role_key = if file.starts_with("worker/") {
                "workers"
            } else {
                "coordinator"
            };
            let spec_path = if let Some(name) = rel
                .strip_prefix("catalog/")
                .and_then(|r| r.strip_suffix(".properties"))
            {
                spec.catalogs
                    .get(name)
                    .filter(|c| c.properties().contains_key(&key))
                    .map(|_| format!("catalogs.{name}.properties.\"{key}\""))
            } else if rel == "config.properties" {
                let role_props = if role_key == "workers" {
                    &spec.workers.properties
                } else {
                    &spec.coordinator.properties
                };
                if role_props.contains_key(&key) {
                    Some(format!("{role_key}.properties.\"{key}\""))
                } else if spec.properties.contains_key(&key) {
                    Some(format!("properties.\"{key}\""))
                } else {
                    None
                }
            } else if rel == "exchange-manager.properties" {
                spec.fault_tolerance
                    .exchange_manager()
                    .filter(|em| em.properties().contains_key(&key))
                    .map(|_| format!("fault_tolerance.exchange_manager.properties.\"{key}\""))
            } else {
                None
            };
            if let Some(path) = spec_path {
                d.location = loaded.spans.locate(source, &path);
            }
            d
        })
        .collect()
}
