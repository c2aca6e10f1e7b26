//! Metrics as the chart writes them: the JMX exporter sidecar of each role (`jmx.exporter`,
//! the role's own merged over it) and the prometheus-operator `ServiceMonitor` of each role
//! (`serviceMonitor`, likewise).

use super::{role_value, Node, Values};
use crate::memory::Role;
use crate::model::{Exporter, ServiceMonitor};

/// The image the chart 1.42 runs as the exporter when the values name none.
const EXPORTER_IMAGE: &str = "bitnamilegacy/jmx-exporter:1.4.0";
/// The port the chart's exporter serves when the values name none.
const EXPORTER_PORT: u32 = 5556;
/// The chart's labels of a `ServiceMonitor` when the values name none.
const LABELS: [(&str, &str); 1] = [("prometheus", "kube-prometheus")];
/// The name of the exporter's port on a role's Service, which its `ServiceMonitor` scrapes.
const PORT_NAME: &str = "jmx-exporter";
/// The chart's scrape interval when the values name none.
const INTERVAL: &str = "30s";

/// The exporter sidecar of role `r`, when the values enable it.
pub(super) fn exporter(v: &Values<'_>, r: &str) -> Option<Exporter> {
    let value = |key: &[&str]| {
        let mut path = vec!["exporter"];
        path.extend_from_slice(key);
        v.str(&role_value(v, "jmx", r, &path)).map(str::to_owned)
    };
    (value(&["enabled"]).as_deref() == Some("true")).then(|| Exporter {
        image: value(&["image"]).unwrap_or_else(|| EXPORTER_IMAGE.to_owned()),
        port: value(&["port"]).map_or(Some(EXPORTER_PORT), |p| p.trim().parse().ok()),
    })
}

/// The `ServiceMonitors` the values enable, one per role.
pub(super) fn service_monitors(v: &Values<'_>, display: &str) -> Vec<ServiceMonitor> {
    [Role::Coordinator, Role::Worker]
        .into_iter()
        .filter_map(|role| {
            let r = role.as_str();
            let path = |key| role_value(v, "serviceMonitor", r, &[key]);
            if v.str(&path("enabled")) != Some("true") {
                return None;
            }
            // The labels: the chart's default, then the values' common ones (where a null
            // removes a key, or every key), then the role's merged over them key by key as
            // sprig's `merge` does (where a null takes the common value).
            let mut labels: Vec<(String, String)> =
                LABELS.map(|(k, v)| (k.to_owned(), v.to_owned())).to_vec();
            for (path, common) in [
                (vec!["serviceMonitor", "labels"], true),
                (vec!["serviceMonitor", r, "labels"], false),
            ] {
                match v.get(&path) {
                    Some(Node::Map(entries)) => {
                        for (k, _) in entries {
                            let Some(k) = k.str() else { continue };
                            let mut value_path = path.clone();
                            value_path.push(k);
                            let value = v.str(&value_path);
                            if value.is_some() || common {
                                labels.retain(|(key, _)| key != k);
                            }
                            if let Some(value) = value {
                                labels.push((k.to_owned(), value.to_owned()));
                            }
                        }
                    }
                    Some(Node::Scalar { .. }) if common && v.str(&path).is_none() => {
                        labels.clear();
                    }
                    _ => {}
                }
            }
            labels.sort();
            let at = v
                .get(&path("enabled"))
                .map_or(crate::model::Origin::Nowhere, |n: &Node| v.at(n, display));
            // The role's Service: its HTTP port, and the exporter's beside a role's exporter.
            let mut ports = vec!["http".to_owned()];
            if exporter(v, r).is_some() {
                ports.push(PORT_NAME.to_owned());
            }
            Some(ServiceMonitor {
                name: format!("serviceMonitor ({r})"),
                ports: vec![crate::model::Fact {
                    value: PORT_NAME.to_owned(),
                    at: at.clone(),
                }],
                services: vec![(format!("the chart's {r} Service"), ports)],
                at,
                labels,
                selector: vec![("app.kubernetes.io/component".to_owned(), r.to_owned())],
                roles: vec![role],
                interval: Some(
                    v.str(&path("interval"))
                        .map_or_else(|| INTERVAL.to_owned(), str::to_owned),
                ),
            })
        })
        .collect()
}
