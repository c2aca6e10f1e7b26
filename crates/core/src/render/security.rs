//! What `[security]` adds to the Kubernetes objects: the HTTPS port of the containers and the
//! Service, probes that follow the port that is open, and the Secrets' files mounted
//! read-only.

use yaml_rust2::Yaml;

use super::kubernetes::{int, list, map, s};
use crate::kubernetes_names::derived_label;
use crate::lower::security::{ports, probe, secret_mounts};
use crate::memory::Role;
use crate::spec::Spec;

/// The container's ports.
pub fn container_ports(spec: &Spec, role: Role) -> Yaml {
    list(ports(spec, role).into_iter().map(|(name, number)| {
        map([
            ("name", s(name)),
            ("containerPort", int(u64::from(number))),
            ("protocol", s("TCP")),
        ])
    }))
}

/// The `httpGet` of the probes.
pub fn probe_get(spec: &Spec, role: Role) -> Yaml {
    let p = probe(spec, role);
    map([
        ("path", s("/v1/info")),
        ("port", s(p.port)),
        ("scheme", if p.https { s("HTTPS") } else { Yaml::Null }),
    ])
}

/// The Service's ports: HTTP while it is open, HTTPS when the coordinator serves it; the node
/// port goes to the first.
pub fn service_ports(spec: &Spec, node_port: Option<u32>) -> Yaml {
    let names = ports(spec, Role::Coordinator);
    list(names.into_iter().enumerate().map(|(i, (name, number))| {
        map([
            ("name", s(name.clone())),
            ("port", int(u64::from(number))),
            ("targetPort", s(name)),
            ("protocol", s("TCP")),
            (
                "nodePort",
                node_port
                    .filter(|_| i == 0)
                    .map_or(Yaml::Null, |p| int(u64::from(p))),
            ),
        ])
    }))
}

/// The volumes of `role`'s Secret files and their mounts (read-only), one per Secret.
pub fn secret_volumes(spec: &Spec, role: Role) -> Vec<(Yaml, Yaml)> {
    let root = spec.cluster.config_root.trim_end_matches('/');
    secret_mounts(spec, role)
        .into_iter()
        .map(|(secret, keys)| {
            let name = derived_label(&format!("secret-{secret}"));
            let volume = map([
                ("name", s(name.clone())),
                (
                    "secret",
                    map([
                        ("secretName", s(secret.clone())),
                        (
                            "items",
                            list(
                                keys.iter()
                                    .map(|k| map([("key", s(k.clone())), ("path", s(k.clone()))])),
                            ),
                        ),
                    ]),
                ),
            ]);
            let mount = map([
                ("name", s(name)),
                (
                    "mountPath",
                    s(format!(
                        "{root}/{}/{secret}",
                        crate::lower::security::SECRETS_DIR
                    )),
                ),
                ("readOnly", Yaml::Boolean(true)),
            ]);
            (volume, mount)
        })
        .collect()
}
