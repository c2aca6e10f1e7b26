//! How the workers find the coordinator on Kubernetes: the Service a worker's `discovery.uri`
//! names must select the coordinator's pods, have the URI's port, and send it to the port
//! Trino listens on.

declare! {
    DISCOVERY_SERVICE = "TD012", "discovery-service", Error,
        "A worker's `discovery.uri` names a Service of the stream that does not lead to the coordinator's HTTP port.",
        "A worker announces itself to the coordinator at `discovery.uri`, over and over, and \
only announced workers get tasks. When its host is a Service of the same stream, Kubernetes \
sends the worker's requests to the pods the Service selects, on the container port the \
Service's port targets (`targetPort`: a number, or the name of a container port; the `port` \
itself when absent); a headless Service (`clusterIP: None`) resolves to the pods themselves, \
and the worker connects to the URI's port on them, whatever the Service's ports say. A Service \
that selects no coordinator pod, that lacks the URI's port \
(80 for `http://` and 443 for `https://` when the URI names none), or whose port targets \
another number than the coordinator's `http-server.http.port` (`http-server.https.port` for \
`https://`), or a port name no container of the coordinator has (the Service then has no \
endpoints), or a headless Service on another port than that, leaves every worker outside the cluster: the pods run and are ready, the \
coordinator sees no worker, and queries fail with `No nodes available to run query` (or run on \
the coordinator alone). A Service that selects the workers as well as the coordinator sends \
some announcements to workers, which do not take them: workers drop out of the cluster and \
come back (a warning). A port that a container other than Trino's serves (a TLS proxy beside \
it) is taken to forward to Trino. Hosts that are not this stream's Services (an external name, \
`name.namespace` without `.svc`, a placeholder), or that two of its Services share (two \
namespaces), are not judged.\n\nFix: select the \
coordinator's pod labels alone in the Service, give it the URI's port, and target the \
coordinator's HTTP port (by number, or by the name of the Trino container's port that has that \
number); or point `discovery.uri` at the Service and port that do.";
}

use super::Cx;
use crate::diagnostic::Diagnostic;
use crate::memory::Role;
use crate::model::pods::selects;
use crate::model::{Node, Property, Service, ServicePort};
use crate::spec::names::printable;

/// A `discovery.uri` that names a Service: whether it is `https://`, the Service's name and the
/// port the URI connects to.
#[derive(Debug, PartialEq, Eq)]
struct Target<'a> {
    https: bool,
    service: &'a str,
    port: u32,
}

/// Reads a URI whose host is a Service name as a pod resolves it: `name`, or
/// `name.namespace.svc` with or without the cluster domain. `None` for another host (an
/// external name, `name.namespace`, which is also a public domain's form), a placeholder or a
/// port that is no number.
fn target(uri: &str) -> Option<Target<'_>> {
    let (scheme, rest) = uri.trim().split_once("://")?;
    let https = match scheme.to_ascii_lowercase().as_str() {
        "http" => false,
        "https" => true,
        _ => return None,
    };
    let authority = rest.split(['/', '?', '#']).next()?;
    if authority.contains(['@', '[', '$']) {
        return None;
    }
    let (host, port) = match authority.split_once(':') {
        Some((host, port)) => (host, port.parse().ok()?),
        None => (authority, if https { 443 } else { 80 }),
    };
    let mut labels = host.split('.');
    let service = labels.next().filter(|s| !s.is_empty())?;
    match (labels.next(), labels.next()) {
        (None, _) => {}
        (Some(namespace), Some("svc")) if !namespace.is_empty() => {}
        _ => return None,
    }
    Some(Target {
        https,
        service,
        port,
    })
}

/// `TD012`: each worker workload's `discovery.uri` against the Service it names, reported once
/// per Service and port.
pub(crate) fn check(cx: &mut Cx<'_>) {
    let cluster = cx.cluster;
    let workloads = || cluster.nodes.iter().filter(|n| n.pod.is_some());
    let coordinators: Vec<&Node> = workloads()
        .filter(|n| n.role() == Role::Coordinator)
        .collect();
    if coordinators.is_empty() {
        return;
    }
    let mut judged: Vec<(&str, u32)> = Vec::new();
    for worker in workloads().filter(|n| n.role() == Role::Worker) {
        let Some(uri) = worker.config().and_then(|c| c.get("discovery.uri")) else {
            continue;
        };
        let Some(t) = target(&uri.value) else {
            continue;
        };
        // Two Services of the name (of two namespaces): which one the worker reaches is not
        // told by the stream.
        let mut named = cluster.services.iter().filter(|s| s.name == t.service);
        let (Some(service), None) = (named.next(), named.next()) else {
            continue;
        };
        // A Service without a selector has endpoints managed by hand: not judged.
        if service.selector.is_empty() || judged.contains(&(t.service, t.port)) {
            continue;
        }
        judged.push((t.service, t.port));
        judge(cx, worker, uri, &t, service, &coordinators);
    }
}

fn judge(
    cx: &mut Cx<'_>,
    worker: &Node,
    uri: &Property,
    t: &Target<'_>,
    service: &Service,
    coordinators: &[&Node],
) {
    let cluster = cx.cluster;
    let picks = |n: &&Node| selects(&service.selector, n.pod_labels());
    let reached: Vec<&Node> = coordinators.iter().copied().filter(picks).collect();
    let workers: Vec<&str> = cluster
        .nodes
        .iter()
        .filter(|n| n.pod.is_some() && n.role() == Role::Worker)
        .filter(picks)
        .map(|n| n.label.as_str())
        .collect();
    let opening = format!(
        "{}: discovery.uri {} names Service {}",
        worker.label,
        printable(uri.value.trim()),
        service.name
    );
    let worker_pods: Vec<&[(String, String)]> = cluster
        .nodes
        .iter()
        .filter(|n| n.pod.is_some() && n.role() == Role::Worker)
        .map(Node::pod_labels)
        .collect();
    let coordinator_labels = || {
        coordinators
            .iter()
            .map(|c| {
                labels_text(&selector_for(
                    &service.selector,
                    c.pod_labels(),
                    &worker_pods,
                ))
            })
            .collect::<Vec<_>>()
            .join(" or ")
    };
    if reached.is_empty() {
        let picks_instead = if workers.is_empty() {
            "it picks no pod of the stream".to_owned()
        } else {
            format!("it picks {}", workers.join(", "))
        };
        let d = Diagnostic::new(
            &DISCOVERY_SERVICE,
            format!("{opening}, whose selector picks no coordinator pod ({picks_instead}): the workers never join the cluster"),
        )
        .at(cx.at(&service.at, None))
        .help(format!(
            "select the coordinator's pods in Service {}: {}",
            service.name,
            coordinator_labels()
        ));
        cx.push(d);
        return;
    }
    if !workers.is_empty() {
        let d = Diagnostic::new(
            &DISCOVERY_SERVICE,
            format!(
                "{opening}, which selects the workers ({}) as well as the coordinator: announcements that reach a worker are lost, and workers drop out of the cluster and come back",
                workers.join(", ")
            ),
        )
        .severity(crate::diagnostic::Severity::Warning)
        .at(cx.at(&service.at, None))
        .help(format!(
            "select the coordinator's pods alone in Service {}: {}",
            service.name,
            coordinator_labels()
        ));
        cx.push(d);
    }
    if service.headless {
        // The name resolves to the pods themselves: the URI's port is the container's.
        for c in reached {
            let Some((listens, key)) = c.listen_port(t.https) else {
                continue;
            };
            let sidecar = c
                .pod
                .as_ref()
                .is_some_and(|p| p.sidecar_ports.iter().any(|(_, n)| *n == t.port));
            if t.port != listens && !sidecar {
                let d = Diagnostic::new(
                    &DISCOVERY_SERVICE,
                    format!(
                        "{opening}, a headless Service, whose name resolves to the pods themselves: port {} is not the one the coordinator ({}) listens on, {listens} ({key}); the workers never reach the coordinator",
                        t.port, c.label
                    ),
                )
                .at(cx.at_value(uri))
                .help(format!("connect to port {listens} in discovery.uri"));
                cx.push(d);
                return;
            }
        }
        return;
    }
    let Some(port) = service.ports.iter().find(|p| p.port == t.port) else {
        let ports: Vec<String> = service.ports.iter().map(|p| p.port.to_string()).collect();
        let d = Diagnostic::new(
            &DISCOVERY_SERVICE,
            format!(
                "{opening} on port {}, which the Service does not have (its ports: {}): the workers never reach the coordinator",
                t.port,
                if ports.is_empty() { "none".to_owned() } else { ports.join(", ") }
            ),
        )
        .at(cx.at_value(uri))
        .help(format!(
            "connect to a port of Service {}, or give the Service port {}",
            service.name, t.port
        ));
        cx.push(d);
        return;
    };
    for c in reached {
        if let Some((problem, fix)) = target_problem(c, port, t.https) {
            let d = Diagnostic::new(
                &DISCOVERY_SERVICE,
                format!(
                    "{opening}: its port {} {problem}: the workers never reach the coordinator",
                    port.port
                ),
            )
            .at(cx.at(port.target.as_ref().map_or(&port.at, |f| &f.at), None))
            .help(format!(
                "write `targetPort: {fix}` in port {} of Service {}",
                port.port, service.name
            ));
            cx.push(d);
            return;
        }
    }
}

/// What is wrong with where Service port `port` sends traffic in the coordinator's pods, when
/// something is (the Trino container's port it reaches is not the one Trino listens on), and
/// the `targetPort` that reaches Trino: the name of the Trino container's port of that number,
/// else the number.
fn target_problem(coordinator: &Node, port: &ServicePort, https: bool) -> Option<(String, String)> {
    let pod = coordinator.pod.as_ref()?;
    let (listens, key) = coordinator.listen_port(https)?;
    let listening = format!(
        "the coordinator ({}) listens on {listens} ({key})",
        coordinator.label
    );
    let fix = pod
        .ports
        .iter()
        .find(|(_, n)| *n == listens)
        .map_or_else(|| listens.to_string(), |(name, _)| name.clone());
    let problem = match port.target() {
        Ok(n) if n == listens || pod.sidecar_ports.iter().any(|(_, m)| *m == n) => return None,
        Ok(n) => format!("sends to container port {n}, but {listening}"),
        Err(name) => match pod.ports.iter().find(|(p, _)| p == name) {
            Some((_, n)) if *n == listens => return None,
            Some((_, n)) => format!(
                "targets `{}`, the Trino container's port {n}, but {listening}",
                printable(name)
            ),
            None if pod.sidecar_ports.iter().any(|(p, _)| p == name) => return None,
            None => {
                let named: Vec<&str> = pod
                    .ports
                    .iter()
                    .chain(&pod.sidecar_ports)
                    .map(|(p, _)| p.as_str())
                    .filter(|p| !p.is_empty())
                    .collect();
                format!(
                    "targets `{}`, a port name no container of {} has ({}), so the Service has no endpoints",
                    printable(name),
                    coordinator.label,
                    if named.is_empty() {
                        "its ports have no names".to_owned()
                    } else {
                        format!("its ports: {}", named.join(", "))
                    }
                )
            }
        },
    };
    Some((problem, fix))
}

/// A selector for the pods with `labels` and none of `others`: the keys of `selector` with the
/// values of `labels`, when that is one; else all of `labels`.
fn selector_for(
    selector: &[(String, String)],
    labels: &[(String, String)],
    others: &[&[(String, String)]],
) -> Vec<(String, String)> {
    let kept: Vec<(String, String)> = selector
        .iter()
        .filter_map(|(k, _)| labels.iter().find(|(l, _)| l == k).cloned())
        .collect();
    if !kept.is_empty() && !others.iter().any(|o| selects(&kept, o)) {
        kept
    } else {
        labels.to_vec()
    }
}

/// Labels as a selector would write them: `a=b, c=d`.
fn labels_text(labels: &[(String, String)]) -> String {
    labels
        .iter()
        .map(|(k, v)| format!("{}={}", printable(k), printable(v)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::{target, Target};
    use crate::diagnostic::{Diagnostic, Severity};

    /// A stream of a coordinator and a worker Deployment, the coordinator's `config` lines and
    /// container `ports`, a `proxy` container's ports beside it, the Service `analytics` with
    /// `selector` and `service_ports`, and the workers' `discovery.uri`.
    fn stream(
        config: &str,
        ports: &str,
        proxy: &str,
        selector: &str,
        service_ports: &str,
        uri: &str,
    ) -> String {
        let deployment = |role: &str, config: &str, ports: &str, extra: &str| {
            format!(
                "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: t-{role}\ndata:\n  config.properties: |\n    coordinator={c}\n{config}  jvm.config: |\n    -Xmx6G\n  node.properties: |\n    node.environment=test\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: t-{role}\nspec:\n  template:\n    metadata:\n      labels:\n        app: trino\n        component: {role}\n    spec:\n      containers:\n        - name: trino\n          image: trinodb/trino:480\n          ports: [{ports}]\n          volumeMounts:\n            - name: config\n              mountPath: /etc/trino\n{extra}      volumes:\n        - name: config\n          configMap:\n            name: t-{role}\n",
                c = role == "coordinator",
            )
        };
        let proxy = if proxy.is_empty() {
            String::new()
        } else {
            format!("        - name: proxy\n          image: envoy\n          ports: [{proxy}]\n")
        };
        format!(
            "{}{}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: analytics\nspec:\n  selector: {{{selector}}}\n  ports: [{service_ports}]\n",
            deployment("coordinator", config, ports, &proxy),
            deployment(
                "worker",
                &format!("    discovery.uri={uri}\n"),
                "{name: http, containerPort: 8080}",
                ""
            ),
        )
    }

    fn td012(yaml: &str) -> Vec<Diagnostic> {
        let cluster = crate::input::kubernetes::read(yaml, "s.yaml");
        crate::rules::check(&cluster)
            .into_iter()
            .filter(|d| d.code == "TD012")
            .collect()
    }

    const HTTP: &str = "{name: http, containerPort: 8080}";
    const COORDINATOR: &str = "app: trino, component: coordinator";

    #[test]
    fn a_service_that_leads_to_the_coordinator_passes() {
        let port = "{name: http, port: 8080, targetPort: http}";
        let uri = "http://analytics:8080";
        assert!(td012(&stream("", HTTP, "", COORDINATOR, port, uri)).is_empty());
        // By number, without a target (the port itself), through the cluster domain.
        let by_number = "{port: 8080, targetPort: 8080}";
        assert!(td012(&stream("", HTTP, "", COORDINATOR, by_number, uri)).is_empty());
        let plain = "{port: 8080}";
        let long = "http://analytics.trino.svc.cluster.local:8080";
        assert!(td012(&stream("", "", "", COORDINATOR, plain, long)).is_empty());
        // A proxy beside Trino serves the port: taken to forward to Trino.
        let proxied = "{port: 443, targetPort: tls}";
        let tls = "{name: tls, containerPort: 9443}";
        let https = "https://analytics";
        assert!(td012(&stream("", HTTP, tls, COORDINATOR, proxied, https)).is_empty());
        // Hosts that are not this stream's Services, and a Service without a selector.
        let external = "http://analytics.example.com:9999";
        assert!(td012(&stream("", HTTP, "", COORDINATOR, plain, external)).is_empty());
        assert!(td012(&stream("", HTTP, "", "", "{port: 1}", uri)).is_empty());
        // A headless Service: the URI's port is the pods' own, whatever its ports say.
        let headless = stream("", HTTP, "", COORDINATOR, "{port: 80}", uri)
            .replace("  selector: {app", "  clusterIP: None\n  selector: {app");
        assert!(td012(&headless).is_empty());
        // Two Services of the name, in two namespaces: not told apart.
        let workers = "app: trino, component: worker";
        let one = stream("", HTTP, "", workers, plain, uri);
        assert_eq!(td012(&one).len(), 1);
        let twice = format!(
            "{one}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: analytics\n  namespace: b\nspec:\n  selector: {{{COORDINATOR}}}\n  ports: [{plain}]\n"
        );
        assert!(td012(&twice).is_empty());
    }

    #[test]
    fn a_service_that_misses_the_coordinator_is_an_error() {
        let port = "{name: http, port: 8080, targetPort: http}";
        let uri = "http://analytics:8080";
        let workers = td012(&stream(
            "",
            HTTP,
            "",
            "app: trino, component: worker",
            port,
            uri,
        ));
        assert_eq!(workers.len(), 1, "{workers:?}");
        assert!(workers[0]
            .message
            .contains("picks no coordinator pod (it picks Deployment t-worker)"));
        assert_eq!(
            workers[0].help.as_deref(),
            Some("select the coordinator's pods in Service analytics: app=trino, component=coordinator")
        );
        let both = td012(&stream("", HTTP, "", "app: trino", port, uri));
        assert_eq!(both[0].severity, Severity::Warning);
        assert!(both[0]
            .message
            .contains("selects the workers (Deployment t-worker) as well"));

        let other_port = td012(&stream("", HTTP, "", COORDINATOR, port, "http://analytics"));
        assert!(other_port[0]
            .message
            .contains("on port 80, which the Service does not have (its ports: 8080)"));

        // Trino moved to 8081; the Service still targets the container port 8080.
        let moved = td012(&stream(
            "    http-server.http.port=8081\n",
            HTTP,
            "",
            COORDINATOR,
            "{port: 8080, targetPort: 8080}",
            uri,
        ));
        assert!(moved[0].message.contains(
            "sends to container port 8080, but the coordinator (Deployment t-coordinator) listens on 8081 (http-server.http.port)"
        ));
        assert_eq!(
            moved[0].help.as_deref(),
            Some("write `targetPort: 8081` in port 8080 of Service analytics")
        );
        let named = td012(&stream(
            "    http-server.http.port=8081\n",
            HTTP,
            "",
            COORDINATOR,
            port,
            uri,
        ));
        assert!(named[0]
            .message
            .contains("targets `http`, the Trino container's port 8080"));
        // A port a placeholder sets is not known: not compared.
        let unknown = "    http-server.http.port=${ENV:HTTP_PORT}\n";
        assert!(td012(&stream(unknown, HTTP, "", COORDINATOR, port, uri)).is_empty());
        // HTTPS goes to the HTTPS port (8443 unless set).
        let https = td012(&stream(
            "",
            HTTP,
            "",
            COORDINATOR,
            "{port: 8443, targetPort: http}",
            "https://analytics:8443",
        ));
        assert!(
            https[0]
                .message
                .contains("listens on 8443 (http-server.https.port)"),
            "{https:?}"
        );
        let headless = stream(
            "",
            HTTP,
            "",
            COORDINATOR,
            "{port: 80, targetPort: 8080}",
            "http://analytics",
        )
        .replace("  selector: {app", "  clusterIP: None\n  selector: {app");
        let found = td012(&headless);
        assert!(found[0].message.contains("a headless Service, whose name resolves to the pods themselves: port 80 is not the one the coordinator (Deployment t-coordinator) listens on, 8080 (http-server.http.port)"), "{found:?}");
        assert_eq!(
            found[0].help.as_deref(),
            Some("connect to port 8080 in discovery.uri")
        );
        let renamed = td012(&stream(
            "",
            HTTP,
            "",
            COORDINATOR,
            "{port: 8080, targetPort: web}",
            uri,
        ));
        assert!(renamed[0].message.contains("targets `web`, a port name no container of Deployment t-coordinator has (its ports: http), so the Service has no endpoints"));
        assert_eq!(
            renamed[0].help.as_deref(),
            Some("write `targetPort: http` in port 8080 of Service analytics")
        );
    }

    #[test]
    fn service_hosts_are_told_from_other_hosts() {
        let t = |https, service, port| {
            Some(Target {
                https,
                service,
                port,
            })
        };
        assert_eq!(target("http://trino:8080"), t(false, "trino", 8080));
        assert_eq!(target(" http://trino "), t(false, "trino", 80));
        assert_eq!(
            target("https://trino.analytics.svc:8443/"),
            t(true, "trino", 8443)
        );
        assert_eq!(
            target("HTTP://trino.analytics.svc.cluster.local:8080"),
            t(false, "trino", 8080)
        );
        assert_eq!(target("http://trino.example.com:8080"), None);
        assert_eq!(target("http://trino.analytics:8080"), None);
        assert_eq!(target("http://${ENV:COORDINATOR}:8080"), None);
        assert_eq!(target("http://trino:port"), None);
        assert_eq!(target("http://[::1]:8080"), None);
        assert_eq!(target("trino:8080"), None);
        assert_eq!(target("ftp://trino:21"), None);
    }
}
